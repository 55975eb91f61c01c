//! Segmentation: paragraph spans of the normalised text, and sentence spans inside each paragraph.
//!
//! Sentence boundaries are rule-based (in the spirit of the Golden Rules of pragmatic_segmenter):
//! a terminal mark followed by white space ends a sentence unless the word before it is an
//! abbreviation, an initial or a number marker, the next word starts in lower case, or the mark is
//! an ellipsis inside running text.

use super::span::Span;

/// A paragraph of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Paragraph {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ParagraphKind,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum ParagraphKind {
    /// Running text.
    #[default]
    Body,
    /// A section heading.
    Heading,
    /// A list item.
    ListItem,
    /// A block quotation.
    Blockquote,
    /// Preformatted text.
    Preformatted,
    /// A table row.
    TableRow,
}

/// A sentence of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Splits every paragraph of `text` into sentences.
#[must_use]
pub fn sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let base = paragraph.span.start();
        for range in split_sentences(paragraph.span.slice(text)) {
            if let Some(span) = Span::new(text, base + range.start..base + range.end) {
                out.push(Sentence {
                    span,
                    paragraph: index,
                });
            }
        }
    }
    out
}

/// Abbreviations that precede a name or number and so never end a sentence.
const PREPOSITIVE: &[&str] = &[
    "adm", "brig", "capt", "cmdr", "col", "cpl", "det", "dr", "fr", "ft", "gen", "gov", "hon",
    "insp", "lt", "maj", "messrs", "mme", "mlle", "mr", "mrs", "ms", "mt", "pres", "prof", "pvt",
    "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ca", "cf", "fig", "figs", "vol", "vols",
    "no", "nos", "n°", "nr", "p", "pp", "art", "sec", "ch", "para", "op", "approx", "ed", "eds",
];

/// Abbreviations that can end a sentence: they do when the next word is a usual sentence opener.
const POSTPOSITIVE: &[&str] = &[
    "co", "inc", "corp", "ltd", "llc", "plc", "jr", "sr", "etc", "vs", "v", "e.g", "i.e", "a.m",
    "p.m", "dept", "est", "govt", "assn", "bros", "ave", "blvd", "rd", "esq", "ph.d", "u.s", "u.k",
    "u.n", "e.u", "u.s.a", "d.c", "al",
];

/// Words that usually open a sentence, used to tell "the U.S. How" from "the U.S. Government".
const OPENERS: &[&str] = &[
    "a",
    "after",
    "also",
    "an",
    "and",
    "as",
    "at",
    "before",
    "but",
    "for",
    "he",
    "her",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "it",
    "its",
    "meanwhile",
    "my",
    "now",
    "on",
    "one",
    "our",
    "she",
    "so",
    "some",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "we",
    "what",
    "when",
    "where",
    "while",
    "who",
    "why",
    "yet",
    "you",
];

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '\'' | '"' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』'
    )
}

fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Byte ranges of the sentences of one paragraph, trimmed, in order, none empty.
#[must_use]
pub fn split_sentences(p: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…' | '‽') && !is_cjk_terminal(c) {
            i += 1;
            continue;
        }
        let cluster = terminal_cluster(&chars, i);
        let mut end = cluster.end;
        while end < chars.len() && is_closer(chars[end].1) {
            end += 1;
        }
        let cut_at = |k: usize| chars.get(k).map_or(p.len(), |&(b, _)| b);
        if end >= chars.len() {
            break;
        }
        if is_cjk_terminal(c) {
            cuts.push(cut_at(end));
            i = end;
            continue;
        }
        if !chars[end].1.is_whitespace() {
            i = cluster.end.max(i + 1);
            continue;
        }
        let mut next = end;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        let rest = &p[cut_at(next)..];
        let decision = judge(p, &chars, i, &cluster, rest);
        match decision {
            Cut::After => cuts.push(cut_at(end)),
            Cut::AfterFirstDot => cuts.push(cut_at(i + 1)),
            Cut::No => {}
        }
        i = end;
    }
    let markers = list_markers(p);
    if !markers.is_empty() {
        // In a list, items start at their markers and a marker's own dot ends nothing.
        cuts.retain(|c| !markers.iter().any(|m| *c == m.end));
        cuts.extend(markers.iter().map(|m| m.start).filter(|&s| s > 0));
        cuts.sort_unstable();
        cuts.dedup();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(p.len())) {
        if let Some(piece) = p.get(start..cut) {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                out.push(start + lead..start + lead + trimmed.len());
            }
        }
        start = cut;
    }
    out
}

/// A list item marker: `1.`, `2)`, `1.)`, `a.`, possibly after a bullet (`• 9.`, `⁃10.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ListMarker {
    /// Where the item starts (the bullet, if any).
    start: usize,
    /// Just after the marker's punctuation.
    end: usize,
    /// 1, 2, 3 ... for numbers; 1, 2, 3 ... for a, b, c.
    ordinal: u32,
    alphabetic: bool,
}

/// The markers of an inline list, when there are at least two in ascending order; else none.
fn list_markers(p: &str) -> Vec<ListMarker> {
    let bytes = p.as_bytes();
    let mut found: Vec<ListMarker> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0
            || p[..i].ends_with(char::is_whitespace)
            || p[..i].ends_with(['•', '⁃', '-', '*']);
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let letter =
            digits == 0 && bytes[i].is_ascii_lowercase() && bytes.get(i + 1) == Some(&b'.');
        let (ordinal, len, alphabetic) = if (1..=3).contains(&digits) {
            (p[i..i + digits].parse::<u32>().unwrap_or(0), digits, false)
        } else if letter {
            (u32::from(bytes[i] - b'a') + 1, 1, true)
        } else {
            i += p[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let rest = &p[i + len..];
        let punct = [".)", ")", "."]
            .iter()
            .find(|m| rest.starts_with(**m))
            .map(|m| m.len());
        let followed = punct.is_some_and(|n| {
            rest[n..].starts_with(' ') && rest[n + 1..].starts_with(|c: char| c.is_uppercase())
        });
        if boundary && followed {
            // The item starts at its bullet, when one stands before the marker.
            let before = p[..i].trim_end_matches(' ');
            let start = match before.char_indices().last() {
                Some((k, '•' | '⁃')) => k,
                _ => i,
            };
            found.push(ListMarker {
                start,
                end: i + len + punct.unwrap_or(0),
                ordinal,
                alphabetic,
            });
        }
        i += len.max(1);
    }
    // Keep only a run that counts up by one (1, 2, 3 or a, b, c; 9, 10 ...).
    let ascending = found.len() >= 2
        && found
            .windows(2)
            .all(|w| w[1].ordinal == w[0].ordinal + 1 && w[1].alphabetic == w[0].alphabetic);
    if ascending { found } else { Vec::new() }
}

/// A run of terminal marks: `?!`, `...`, `. . . .`, `…`.
struct Cluster {
    end: usize,
    dots: usize,
    spaced: bool,
    other: bool,
}

fn terminal_cluster(chars: &[(usize, char)], start: usize) -> Cluster {
    let mut k = start;
    let mut dots = 0;
    let mut spaced = false;
    let mut other = false;
    while k < chars.len() {
        match chars[k].1 {
            '.' => dots += 1,
            '…' => dots += 3,
            '!' | '?' | '‽' => other = true,
            c if is_cjk_terminal(c) => other = true,
            ' ' if dots > 0 && chars.get(k + 1).is_some_and(|&(_, c)| c == '.') => spaced = true,
            _ => break,
        }
        k += 1;
    }
    Cluster {
        end: k,
        dots,
        spaced,
        other,
    }
}

enum Cut {
    After,
    AfterFirstDot,
    No,
}

fn judge(p: &str, chars: &[(usize, char)], at: usize, cluster: &Cluster, rest: &str) -> Cut {
    let next = rest.chars().find(|c| !is_opener_punct(*c));
    let next_lower = next.is_some_and(char::is_lowercase);
    if next_lower {
        return Cut::No;
    }
    if cluster.other {
        return Cut::After;
    }
    let attached = at > 0 && !chars[at - 1].1.is_whitespace();
    if cluster.dots >= 3 {
        // "compounds. . . . The": the first dot ends the sentence, the ellipsis opens the next.
        if cluster.spaced && attached && cluster.dots >= 4 && next.is_some_and(char::is_uppercase) {
            return Cut::AfterFirstDot;
        }
        return if cluster.dots >= 4 && next.is_some_and(char::is_uppercase) {
            Cut::After
        } else {
            Cut::No
        };
    }
    let word = word_before(p, chars, at);
    let lower = word.to_lowercase();
    let next_word = rest
        .trim_start_matches(is_opener_punct)
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let next_digit = next.is_some_and(|c| c.is_ascii_digit());
    if lower.is_empty() {
        return Cut::After;
    }
    if PREPOSITIVE.contains(&lower.as_str()) {
        // "Gen. Kellogg", "p. 55", "Jan. 5"; but a sentence may still end on "St." before "The".
        return if next_digit
            || !OPENERS.contains(&next_word.as_str())
            || lower.len() > 2 && lower != "st"
        {
            Cut::No
        } else {
            Cut::After
        };
    }
    let single_letter = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
    if single_letter {
        // "Jonas E. Smith" / "Albert I. Jones" are initials; "you and I. Did" ends a sentence.
        let before = word_before(p, chars, at.saturating_sub(2));
        let name_before = before.chars().next().is_some_and(char::is_uppercase);
        return if name_before
            || word.chars().all(char::is_uppercase)
                && !OPENERS.contains(&next_word.as_str())
                && word != "I"
        {
            Cut::No
        } else {
            Cut::After
        };
    }
    // "6 P.M. Mr. Smith": capitals mark the end of a time; "5 a.m. Mr. Smith" runs on.
    if matches!(lower.as_str(), "a.m" | "p.m")
        && word.chars().any(char::is_uppercase)
        && next.is_some_and(char::is_uppercase)
    {
        return Cut::After;
    }
    let dotted = word.contains('.') && word.split('.').all(|w| w.chars().count() <= 2);
    if POSTPOSITIVE.contains(&lower.as_str()) || dotted {
        return if OPENERS.contains(&next_word.as_str()) {
            Cut::After
        } else {
            Cut::No
        };
    }
    Cut::After
}

fn is_opener_punct(c: char) -> bool {
    matches!(
        c,
        '\'' | '"'
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '„'
            | '‚'
            | '¿'
            | '¡'
            | '—'
            | '–'
            | '-'
    )
}

/// The word (letters, digits, inner dots, `°`) ending just before char index `at`.
fn word_before<'a>(p: &'a str, chars: &[(usize, char)], at: usize) -> &'a str {
    let end = chars.get(at).map_or(p.len(), |&(b, _)| b);
    let mut k = at;
    while k > 0 {
        let c = chars[k - 1].1;
        if c.is_alphanumeric() || c == '°' || c == '.' && k >= 2 && chars[k - 2].1.is_alphanumeric()
        {
            k -= 1;
        } else {
            break;
        }
    }
    let start = chars.get(k).map_or(end, |&(b, _)| b);
    p.get(start..end).unwrap_or_default()
}

/// Body paragraphs of a text whose paragraphs are separated by `"\n\n"`, and their sentences:
/// the layout later stages' unit tests start from.
#[cfg(test)]
pub(crate) fn layout_for_tests(text: &str) -> (Vec<Paragraph>, Vec<Sentence>) {
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for part in text.split("\n\n") {
        if let Some(span) = Span::new(text, at..at + part.len()) {
            paragraphs.push(Paragraph {
                span,
                kind: ParagraphKind::Body,
            });
        }
        at += part.len() + 2;
    }
    let sentences = sentences(text, &paragraphs);
    (paragraphs, sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Vec<&str> {
        split_sentences(p)
            .into_iter()
            .filter_map(|r| p.get(r))
            .collect()
    }

    #[test]
    fn abbreviations_and_titles_do_not_end_sentences() {
        assert_eq!(
            split("Gen. Keith Kellogg met Mr. Smith in the U.S. Senate. He left."),
            [
                "Gen. Keith Kellogg met Mr. Smith in the U.S. Senate.",
                "He left."
            ]
        );
        assert_eq!(
            split("I live in the U.S. How about you?"),
            ["I live in the U.S.", "How about you?"]
        );
    }

    #[test]
    fn a_quote_ending_with_a_comma_does_not_end_the_sentence() {
        let p = "'I believe that is the reason the war started,' Trump said. 'Biden shouldn't have said that.'";
        assert_eq!(
            split(p),
            [
                "'I believe that is the reason the war started,' Trump said.",
                "'Biden shouldn't have said that.'"
            ]
        );
    }

    #[test]
    fn an_ellipsis_inside_running_text_is_not_a_boundary() {
        assert_eq!(
            split("There are doubts ... as to whether. Next one."),
            ["There are doubts ... as to whether.", "Next one."]
        );
    }

    #[test]
    fn inline_list_items_are_sentences() {
        assert_eq!(
            split("1) Call the office 2) Ask for the clerk"),
            ["1) Call the office", "2) Ask for the clerk"]
        );
        assert_eq!(
            split("• 9. Ninth thing • 10. Tenth thing"),
            ["• 9. Ninth thing", "• 10. Tenth thing"]
        );
        assert_eq!(
            split("She counted to 2. Then she stopped."),
            ["She counted to 2.", "Then she stopped."]
        );
    }

    #[test]
    fn upper_case_pm_ends_a_sentence_before_a_title() {
        assert_eq!(
            split("He left at 6 P.M. Mr. Smith stayed."),
            ["He left at 6 P.M.", "Mr. Smith stayed."]
        );
        assert_eq!(
            split("At 5 a.m. Mr. Smith left."),
            ["At 5 a.m. Mr. Smith left."]
        );
    }

    #[test]
    fn cjk_sentences_end_without_spaces() {
        assert_eq!(split("今天下雨。明天晴天！"), ["今天下雨。", "明天晴天！"]);
    }

    #[test]
    fn money_and_decimals_stay_whole() {
        assert_eq!(
            split("It cost $2.5 million, or 3.5%. Then it fell."),
            ["It cost $2.5 million, or 3.5%.", "Then it fell."]
        );
    }
}
