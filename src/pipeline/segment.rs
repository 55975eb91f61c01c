//! Segmentation: paragraph spans of the normalised text, and sentence spans inside each paragraph.
//!
//! Sentence boundaries are rule-based (in the spirit of the Golden Rules of pragmatic_segmenter):
//! a terminal mark followed by white space ends a sentence unless the word before it is an
//! abbreviation, an initial or a number marker, the next word starts in lower case, or the mark is
//! an ellipsis inside running text.

use super::language::SentenceRules;
use super::lexicon::abbreviations::POSTPOSITIVE;
use super::normalize::Paragraph;
use super::span::Span;

/// A sentence of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Where it is.
    pub span: Span,
    /// Index of its paragraph.
    pub paragraph: usize,
}

/// Splits every paragraph of `text` into sentences, by the rules of the text's language.
#[must_use]
pub fn sentences(text: &str, paragraphs: &[Paragraph], rules: &SentenceRules) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let base = paragraph.span.start();
        for range in split_sentences(paragraph.span.slice(text), rules) {
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

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '\'' | '"' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '“' | '‘' | '‹'
    )
}

/// Marks that end a sentence with or without a space after them (CJK, Ethiopic, Myanmar).
fn is_cjk_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡' | '።' | '፧' | '፨' | '။')
}

/// Full stops and question marks of other scripts: Devanagari danda, Arabic-script full stop and
/// question mark, Armenian full stop.
fn is_script_terminal(c: char) -> bool {
    matches!(c, '।' | '॥' | '۔' | '؟' | '։')
}

/// Byte ranges of the sentences of one paragraph, trimmed, in order, none empty.
#[must_use]
pub fn split_sentences(p: &str, rules: &SentenceRules) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut cuts = Vec::new();
    let mut i = 0;
    // Inside a title in 《》 a CJK terminal belongs to the title.
    let mut in_title = 0usize;
    while i < chars.len() {
        let (_, c) = chars[i];
        match c {
            '《' => in_title += 1,
            '》' => in_title = in_title.saturating_sub(1),
            _ => {}
        }
        let terminal = matches!(c, '.' | '!' | '?' | '…' | '‽')
            || is_cjk_terminal(c) && in_title == 0
            || is_script_terminal(c)
            || c == ':' && rules.colon_ends
            || c == ';' && rules.semicolon_asks;
        if !terminal {
            i += 1;
            continue;
        }
        let cluster = terminal_cluster(&chars, i, rules);
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
            // `жағдайы.XVIII ғасырдың`: a full stop glued to the next sentence, told from `U.S.`
            // and `file.Name` by a long lower-case word before it and a capital word after it.
            let word = word_before(p, &chars, i);
            let glued = cluster.dots == 1
                && !cluster.other
                && word.chars().count() >= 5
                && word.chars().all(char::is_lowercase)
                && chars[end].1.is_uppercase()
                && p[cut_at(end)..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic));
            // `raak. ...en toen`: a full stop, then an ellipsis glued to the next sentence's word.
            let ellipsis_opens = cluster.spaced
                && cluster.dots >= 4
                && i > 0
                && !chars[i - 1].1.is_whitespace()
                && chars.get(i + 1).is_some_and(|c| c.1.is_whitespace())
                && chars[end].1.is_alphabetic();
            if glued {
                cuts.push(cut_at(end));
            } else if ellipsis_opens {
                cuts.push(cut_at(i + 1));
            }
            i = cluster.end.max(i + 1);
            continue;
        }
        let mut next = end;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        let rest = &p[cut_at(next)..];
        let decision = judge(p, &chars, i, &cluster, rest, rules);
        match decision {
            Cut::After => cuts.push(cut_at(end)),
            Cut::AfterFirstDot => cuts.push(cut_at(i + 1)),
            Cut::No => {}
        }
        i = end;
    }
    // `„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič`: a full
    // stop inside a quotation that goes on ends nothing (pySBD's rule for every language).
    // Regions and markers are found in text order: a search per cut, not a scan.
    let quoted = quoted_regions(p);
    cuts.retain(|&c| {
        let k = quoted.partition_point(|r| r.start < c);
        !(k > 0 && c < quoted[k - 1].end)
    });
    let markers = list_markers(p);
    if !markers.is_empty() {
        // In a list, items start at their markers and a marker's own dot ends nothing.
        let marker_ends: Vec<usize> = markers.iter().map(|m| m.end).collect();
        cuts.retain(|c| marker_ends.binary_search(c).is_err());
        cuts.extend(markers.iter().map(|m| m.start).filter(|&s| s > 0));
        cuts.sort_unstable();
        cuts.dedup();
    }
    sentence_ranges(p, cuts)
}

/// The trimmed pieces of `p` between `cuts` (in order), none empty; a piece of marks alone goes
/// with the sentence before it (the first sentence's leading marks with the first).
fn sentence_ranges(p: &str, cuts: Vec<usize>) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    // Marks alone before the first sentence, waiting for it.
    let mut leading: Option<std::ops::Range<usize>> = None;
    let mut start = 0;
    for cut in cuts.into_iter().chain(std::iter::once(p.len())) {
        if let Some(piece) = p.get(start..cut) {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            let range = start + lead..start + lead + trimmed.len();
            if trimmed.is_empty() {
                // Nothing to keep.
            } else if !trimmed.chars().any(char::is_alphanumeric) {
                // `! ! !`, `…`, `?!`: marks alone say nothing by themselves; they go with the
                // sentence before (and a payload of marks does not make a sentence each).
                match out.last_mut() {
                    Some(last) => last.end = range.end,
                    None => leading.get_or_insert(range.clone()).end = range.end,
                }
            } else {
                out.push(leading.take().map_or(range.start, |l| l.start)..range.end);
            }
        }
        start = cut;
    }
    out.extend(leading);
    out
}

/// Quotations closed within the paragraph and short enough to be one utterance: from the opening
/// mark to the closing one.
fn quoted_regions(p: &str) -> Vec<std::ops::Range<usize>> {
    const LONGEST: usize = 400;
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (at, c) in p.char_indices() {
        match open {
            None if matches!(c, '“' | '„' | '«' | '"') => open = Some((at, c)),
            None => {}
            Some((start, mark)) => {
                let closes = match mark {
                    '“' => c == '”',
                    '„' => matches!(c, '“' | '”'),
                    '«' => c == '»',
                    _ => c == '"',
                };
                if closes {
                    if at - start <= LONGEST {
                        out.push(start..at);
                    }
                    open = None;
                }
            }
        }
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
        let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let letter =
            digits == 0 && bytes[i].is_ascii_lowercase() && bytes.get(i + 1) == Some(&b'.');
        let (ordinal, len, alphabetic) = if (1..=3).contains(&digits) {
            (p[i..i + digits].parse::<u32>().unwrap_or(0), digits, false)
        } else if letter {
            (u32::from(bytes[i] - b'a') + 1, 1, true)
        } else {
            // A longer number is no marker, nor is any digit inside it: skip the whole run.
            i += if digits > 0 {
                digits
            } else {
                p[i..].chars().next().map_or(1, char::len_utf8)
            };
            continue;
        };
        let boundary = i == 0
            || p[..i].ends_with(char::is_whitespace)
            || p[..i].ends_with(['•', '⁃', '-', '*']);
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

fn terminal_cluster(chars: &[(usize, char)], start: usize, rules: &SentenceRules) -> Cluster {
    let mut k = start;
    let mut dots = 0;
    let mut spaced = false;
    let mut other = false;
    while k < chars.len() {
        match chars[k].1 {
            '.' => dots += 1,
            '…' => dots += 3,
            '!' | '?' | '‽' => other = true,
            c if is_cjk_terminal(c) || is_script_terminal(c) => other = true,
            ':' if rules.colon_ends => other = true,
            ';' if rules.semicolon_asks => other = true,
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

fn judge(
    p: &str,
    chars: &[(usize, char)],
    at: usize,
    cluster: &Cluster,
    rest: &str,
    rules: &SentenceRules,
) -> Cut {
    // `? – спросила мама`: a dash and a lower-case word continue the sentence.
    let next = rest
        .chars()
        .find(|c| !is_opener_punct(*c) && !c.is_whitespace());
    let next_lower = next.is_some_and(char::is_lowercase);
    // `raak. ...en toen`: an ellipsis opening the next sentence.
    if cluster.dots == 1 && !cluster.other && (rest.starts_with("...") || rest.starts_with('…')) {
        return Cut::After;
    }
    // Greek and Kazakh may open a sentence in lower case; a dash still continues the sentence.
    // A short word before a full stop is an abbreviation there (`т. б. (тағы басқа)`).
    let dialogue = rest.starts_with(['–', '—', '-']);
    let short_word = !cluster.other && word_before(p, chars, at).chars().count() < 3;
    if next_lower && !(rules.lowercase_starts && !dialogue && !short_word) {
        return Cut::No;
    }
    // `2012 жыл. №590`: a number sign continues the reference.
    if next == Some('№') {
        return Cut::No;
    }
    // `consuela. / [...]`, `o., ktorí`: what follows cannot open a sentence.
    if next.is_some_and(|c| matches!(c, '/' | ',' | ';' | ')' | ']' | '%')) {
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
    // `Nov.. Grazie`: an abbreviation's dot and then the full stop.
    if cluster.dots == 2 && !cluster.spaced {
        return Cut::After;
    }
    // `vom 12. Juni`, `XII. Pluku`: ordinals, in languages that write them with a dot.
    if rules.ordinal_dot
        && (lower.len() <= 2 && lower.chars().all(|c| c.is_ascii_digit())
            || word.len() >= 2 && word.chars().all(|c| "IVXLC".contains(c)))
        && next.is_some_and(char::is_uppercase)
        && !rules.is_opener(&next_word)
    {
        return Cut::No;
    }
    if rules.is_abbreviation(&lower) {
        // "Gen. Kellogg", "p. 55", "Jan. 5"; but a sentence may still end on "St." before "The".
        return if next_digit
            || !rules.is_opener(&next_word)
            || lower.chars().count() > 2 && lower != "st"
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
            || word.chars().all(char::is_uppercase) && !rules.is_opener(&next_word) && word != "I"
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
    if POSTPOSITIVE.contains(&lower) || dotted {
        return if rules.is_opener(&next_word) {
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
                kind: super::block::ParagraphKind::Body,
            });
        }
        at += part.len() + 2;
    }
    let sentences = sentences(text, &paragraphs, &SentenceRules::default());
    (paragraphs, sentences)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Vec<&str> {
        split_sentences(p, &SentenceRules::default())
            .into_iter()
            .filter_map(|r| p.get(r))
            .collect()
    }

    #[test]
    fn marks_alone_are_no_sentence() {
        assert_eq!(
            split("He won! ! ! Then he left."),
            ["He won! ! !", "Then he left."]
        );
        assert_eq!(split("… He left. ?!"), ["… He left. ?!"]);
        assert_eq!(split("! ! !"), ["! ! !"]);
        assert_eq!(split(&"! ".repeat(1000)).len(), 1);
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

    /// The sentences of `p` by the rules of `lang`.
    fn split_in(lang: &str, p: &str) -> Vec<String> {
        split_sentences(
            p,
            &crate::pipeline::language::Profile::for_tag(lang).sentences,
        )
        .into_iter()
        .map(|r| p[r].to_owned())
        .collect()
    }

    #[test]
    fn each_language_brings_its_abbreviations_and_marks() {
        assert_eq!(
            split_in("de", "Das war am 12. Juni, z. B. in Bonn. Dann nicht."),
            ["Das war am 12. Juni, z. B. in Bonn.", "Dann nicht."]
        );
        assert_eq!(
            split_in("hy", "Բարև Ձեզ: Ես գնում եմ:"),
            ["Բարև Ձեզ:", "Ես գնում եմ:"]
        );
        assert_eq!(
            split_in("ru", "Он живёт на ул. Ленина. Да."),
            ["Он живёт на ул. Ленина.", "Да."]
        );
        assert_eq!(
            split_in("hi", "यह सच है। वह जानता है।"),
            ["यह सच है।", "वह जानता है।"]
        );
        // The colon ends sentences in Armenian only.
        assert_eq!(split_in("en", "He said: Go home."), ["He said: Go home."]);
    }

    #[test]
    fn a_full_stop_inside_a_quotation_that_goes_on_ends_nothing() {
        let p = "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič. Potom odišiel.";
        assert_eq!(
            split_in("sk", p),
            [
                "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič.",
                "Potom odišiel."
            ]
        );
    }

    #[test]
    fn greek_and_kazakh_sentences_may_start_in_lower_case() {
        assert_eq!(
            split_in(
                "el",
                "Τις Κυριακές δε δούλευε κανένας. το κόστος ήταν υψηλό."
            ),
            ["Τις Κυριακές δε δούλευε κανένας.", "το κόστος ήταν υψηλό."]
        );
        assert_eq!(
            split_in("kk", "ауыл шаруашылығы – кім? не?"),
            ["ауыл шаруашылығы – кім?", "не?"]
        );
        // English does not.
        assert_eq!(
            split_in("en", "It was late. and then"),
            ["It was late. and then"]
        );
        // A number sign after a full stop continues the reference.
        assert_eq!(
            split_in("kk", "(7 қыркүйек 2012 жыл. №590-591)."),
            ["(7 қыркүйек 2012 жыл. №590-591)."]
        );
    }
}
