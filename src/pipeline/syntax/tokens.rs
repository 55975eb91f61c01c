//! Words of a sentence as the Penn Treebank writes them, the form the models learned from
//! (PolNeAR's CoreNLP tokens): punctuation apart, clitics split (`do` `n't`, `Trump` `'s`), quote
//! marks as ``` `` ``` and `''`, brackets as `-LRB-`, dashes as `--`; each with its bytes in the
//! text, so that a parse points back into it.

use std::ops::Range;

use crate::pipeline::lexicon::abbreviations::{POSTPOSITIVE, PREPOSITIVE};
use crate::pipeline::lexicon::grammar::TREEBANK_CLITICS;

/// A word of the sentence: where it stands and its treebank form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Its bytes in the text.
    pub at: Range<usize>,
    /// The treebank's form (`''` for `”`); its own text otherwise.
    pub form: String,
}

/// The words of `text[range]`, in order.
#[must_use]
pub fn words(text: &str, range: Range<usize>) -> Vec<Word> {
    let mut out = Vec::new();
    let Some(sentence) = text.get(range.clone()) else {
        return out;
    };
    let mut at = range.start;
    for piece in sentence.split_inclusive(char::is_whitespace) {
        let trimmed = piece.trim_end();
        split_piece(text, at..at + trimmed.len(), &mut out);
        at += piece.len();
    }
    out
}

/// Whether `c` stands apart wherever it is.
fn always_apart(c: char) -> bool {
    matches!(
        c,
        '"' | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '—'
            | '–'
            | '…'
            | '?'
            | '!'
            | ';'
    )
}

/// Splits one whitespace-free piece into words.
fn split_piece(text: &str, range: Range<usize>, out: &mut Vec<Word>) {
    let (mut start, mut end) = (range.start, range.end);
    let mut tail = Vec::new();
    // Leading marks.
    while let Some(c) = text[start..end].chars().next() {
        let apart = always_apart(c) || ((c == '\'' || c == '‘' || c == '’') && end - start > 1);
        if !apart || start + c.len_utf8() >= end && !always_apart(c) {
            break;
        }
        push(text, start..start + c.len_utf8(), true, out);
        start += c.len_utf8();
    }
    // Trailing marks, then clitics.
    while start < end {
        let Some(c) = text[start..end].chars().next_back() else {
            break;
        };
        let word = &text[start..end];
        let trailing = always_apart(c)
            || matches!(c, ',' | ':' | '\'' | '’' | '‘')
            || (c == '.' && !keeps_stop(word));
        if !trailing || end - start == c.len_utf8() {
            break;
        }
        // `...` stays one word.
        let len = if word.ends_with("...") && word.len() > 3 {
            3
        } else {
            c.len_utf8()
        };
        tail.push(end - len..end);
        end -= len;
    }
    if start < end {
        let word = &text[start..end];
        let clitic = TREEBANK_CLITICS.iter().find_map(|c| clitic_bytes(word, c));
        match clitic {
            Some(len) if len < end - start => {
                push(text, start..end - len, false, out);
                push(text, end - len..end, false, out);
            }
            _ => push(text, start..end, false, out),
        }
    }
    for r in tail.into_iter().rev() {
        push(text, r, false, out);
    }
}

/// The bytes of `word`'s end that spell `clitic` (lower case, `'` for `’` too), when something
/// stands before them.
fn clitic_bytes(word: &str, clitic: &str) -> Option<usize> {
    let mut ending = word.chars().rev();
    let mut bytes = 0;
    for want in clitic.chars().rev() {
        let raw = ending.next()?;
        let c = if raw == '’' { '\'' } else { raw };
        if !c.to_lowercase().eq(std::iter::once(want)) {
            return None;
        }
        bytes += raw.len_utf8();
    }
    (bytes < word.len()).then_some(bytes)
}

/// Whether a word ending in `.` keeps it: an abbreviation (the segmenter's), an initial, or dotted
/// letters (`U.S.`).
fn keeps_stop(word: &str) -> bool {
    let bare = &word[..word.len() - 1];
    if bare.is_empty() {
        return false;
    }
    let lower = bare.to_lowercase();
    PREPOSITIVE.contains(&lower)
        || POSTPOSITIVE.contains(&lower)
        || (bare.chars().count() == 1 && bare.chars().all(char::is_alphabetic))
        || (bare.contains('.') && bare.chars().all(|c| c == '.' || c.is_alphabetic()))
}

/// Adds the word at `at` with its treebank form; `opening` when it stands before its word.
fn push(text: &str, at: Range<usize>, opening: bool, out: &mut Vec<Word>) {
    let raw = &text[at.clone()];
    let form = match raw {
        "“" | "„" | "«" => "``".to_owned(),
        "”" | "»" => "''".to_owned(),
        "\"" => if opening { "``" } else { "''" }.to_owned(),
        "‘" => "`".to_owned(),
        "’" | "'" => if opening { "`" } else { "'" }.to_owned(),
        "(" => "-LRB-".to_owned(),
        ")" => "-RRB-".to_owned(),
        "[" => "-LSB-".to_owned(),
        "]" => "-RSB-".to_owned(),
        "{" => "-LCB-".to_owned(),
        "}" => "-RCB-".to_owned(),
        "—" | "–" => "--".to_owned(),
        "…" => "...".to_owned(),
        _ => raw.replace('’', "'"),
    };
    out.push(Word { at, form });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        words(text, 0..text.len())
            .into_iter()
            .map(|w| w.form)
            .collect()
    }

    #[test]
    fn words_are_split_as_the_treebank_splits_them() {
        assert_eq!(
            forms("“We don’t know,” Sen. Smith said (again)."),
            [
                "``", "We", "do", "n't", "know", ",", "''", "Sen.", "Smith", "said", "-LRB-",
                "again", "-RRB-", "."
            ]
        );
        assert_eq!(
            forms("Trump's U.S. plan — at 5 p.m. — isn't \"new\"..."),
            [
                "Trump", "'s", "U.S.", "plan", "--", "at", "5", "p.m.", "--", "is", "n't", "``",
                "new", "''", "..."
            ]
        );
    }

    #[test]
    fn every_word_points_back_into_the_text() {
        let text = "  «Ça va», dit-il… ‘ok’ 'x' — fin. ";
        for w in words(text, 0..text.len()) {
            assert!(!text[w.at.clone()].trim().is_empty(), "{w:?}");
        }
        assert!(words(text, 0..0).is_empty());
    }

    #[test]
    fn clitics_are_found_in_either_apostrophe_and_any_case() {
        assert_eq!(clitic_bytes("don’t", "n't"), Some(5));
        assert_eq!(clitic_bytes("DON'T", "n't"), Some(3));
        assert_eq!(clitic_bytes("Trump’s", "'s"), Some(4));
        assert_eq!(clitic_bytes("'s", "'s"), None);
        assert_eq!(clitic_bytes("is", "'s"), None);
    }
}
