//! Cleaning a piece of text for readers: mojibake repaired where certain, NFC, controls and
//! invisible format characters dropped, white space folded, sentences glued by scraping split.
//! The body's blocks, and every metadata value, go through [`clean`].

use unicode_normalization::UnicodeNormalization;

/// Cleans one block: mojibake repaired where certain, NFC, controls and invisible format
/// characters dropped, every kind of white space (line breaks included) folded to one space,
/// sentences glued by scraping split, trimmed.
#[must_use]
pub fn clean(text: &str) -> String {
    let repaired = repair_mojibake(text);
    let folded = fold_spaces(&repaired);
    if may_be_glued(&folded) {
        split_glued_sentences(&folded)
    } else {
        folded
    }
}

/// Whether a sentence end is followed right away by a capital or a quotation mark somewhere:
/// the cheap test that spares most blocks the character-by-character pass below.
fn may_be_glued(text: &str) -> bool {
    memchr::memchr3_iter(b'.', b'!', b'?', text.as_bytes()).any(|at| {
        text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || matches!(c, '\'' | '"' | '‘' | '’' | '“' | '”'))
    })
}

fn fold_spaces(text: &str) -> String {
    // Most text is NFC already (all ASCII text is): the quick check spares the composing pass.
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        fold_str(text)
    } else {
        fold_chars(text.nfc(), text.len())
    }
}

/// [`fold_chars`] over text that is already NFC: the runs between white space and dropped
/// characters are copied whole, not pushed a character at a time.
fn fold_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut run_start = 0;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && !is_dropped(c) {
            continue;
        }
        if run_start < i {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&text[run_start..i]);
        }
        pending_space |= space;
        run_start = i + c.len_utf8();
    }
    if run_start < text.len() {
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[run_start..]);
    }
    out
}

fn fold_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// UTF-8 read as windows-1252 (`â€™` for `’`, `Ã©` for `é`), once or twice over. A run of
/// non-ASCII characters is replaced only when encoding it back to windows-1252 gives valid UTF-8
/// that is shorter: text that is merely accented never passes that test.
#[must_use]
fn repair_mojibake(text: &str) -> std::borrow::Cow<'_, str> {
    // Only the lead bytes of 2–4-byte UTF-8 sequences read as windows-1252 start mojibake.
    if !text.chars().any(|c| ('\u{00C2}'..='\u{00F4}').contains(&c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let mut fixed = std::mem::take(run);
        for _ in 0..2 {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&fixed);
            match std::str::from_utf8(&bytes) {
                Ok(decoded) if !unmappable && decoded.chars().count() < fixed.chars().count() => {
                    fixed = decoded.to_owned()
                }
                _ => break,
            }
        }
        out.push_str(&fixed);
    };
    for c in text.chars() {
        if c.is_ascii() {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// `month.'Ukraine` → `month. 'Ukraine`, `said.The` → `said. The`: a sentence end glued to the next
/// sentence by scraping. Only after a lower-case word of three letters or more, before a capital and
/// a lower-case letter, and never inside something that looks like a URL or an address.
fn split_glued_sentences(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    // Whether a single or a double quotation is open, so that `.'It` can be told apart:
    // closing (`.' It`) or opening (`. 'It`).
    let (mut single_open, mut double_open) = (false, false);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        match c {
            '\'' | '‘' | '’'
                if !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric)) =>
            {
                single_open = prev.is_none_or(|p| p.is_whitespace() || p == '(');
            }
            '"' | '“' | '”' => double_open = prev.is_none_or(|p| p.is_whitespace() || p == '('),
            _ => {}
        }
        out.push(c);
        i += 1;
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let word_start = chars[..i - 1]
            .iter()
            .rposition(|c| c.is_whitespace())
            .map_or(0, |p| p + 1);
        let word = &chars[word_start..i - 1];
        let lower_word = word.len() >= 3 && word.iter().rev().take(3).all(|c| c.is_lowercase());
        let next_token = chars[i..].iter().take_while(|c| !c.is_whitespace());
        let url_like = word
            .iter()
            .chain(next_token)
            .any(|c| matches!(c, '.' | '/' | '@' | ':'));
        let mark = chars
            .get(i)
            .copied()
            .filter(|m| matches!(m, '\'' | '"' | '‘' | '’' | '“' | '”'));
        let after = i + usize::from(mark.is_some());
        let next_sentence = chars.get(after).is_some_and(|c| c.is_uppercase())
            && chars.get(after + 1).is_some_and(|c| c.is_lowercase());
        if !(lower_word && !url_like && next_sentence) {
            continue;
        }
        match mark {
            Some(m) => {
                let closes = if matches!(m, '"' | '“' | '”') {
                    double_open
                } else {
                    single_open
                };
                if closes {
                    out.push(m);
                    out.push(' ');
                    i += 1;
                    if matches!(m, '"' | '“' | '”') {
                        double_open = false
                    } else {
                        single_open = false
                    }
                } else {
                    out.push(' ');
                }
            }
            None => out.push(' '),
        }
    }
    out
}

/// Characters that carry nothing for a reader: controls, BOM, soft hyphen, zero-width space.
/// Zero-width (non-)joiners and bidi marks are kept: some scripts and emoji need them.
fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{FEFF}'
                | '\u{00AD}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{180E}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_controls_and_invisibles_are_folded_away() {
        assert_eq!(
            clean("  a\u{00A0}\u{00AD}b\t\u{200B}c\r\n d\u{0007} "),
            "a b c d"
        );
    }

    #[test]
    fn text_is_composed_to_nfc() {
        assert_eq!(clean("e\u{0301}"), "é");
    }

    #[test]
    fn mojibake_is_repaired_only_when_certain() {
        assert_eq!(
            clean("It\u{e2}\u{20ac}\u{2122}s a caf\u{c3}\u{a9}"),
            "It’s a café"
        );
        assert_eq!(clean("café, naïve, Ñandú"), "café, naïve, Ñandú");
    }

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(
            clean("last month.'Ukraine is next"),
            "last month. 'Ukraine is next"
        );
        assert_eq!(clean("he said.The vote"), "he said. The vote");
        assert_eq!(
            clean("the 'support will include parts.'It added"),
            "the 'support will include parts.' It added"
        );
        assert_eq!(
            clean("see example.com, www.News.com/x and U.S.Army"),
            "see example.com, www.News.com/x and U.S.Army"
        );
    }

    #[test]
    fn joiners_are_kept() {
        // Persian ZWNJ, Devanagari half forms (ZWJ), an emoji family, an Arabic letter mark and a
        // right-to-left mark inside mixed-direction text.
        for kept in [
            "می\u{200C}خواهم",
            "क\u{094D}\u{200D}ष",
            "👨\u{200D}👩\u{200D}👧",
            "\u{061C}٣٤٥",
            "He wrote \u{200F}שלום\u{200F} twice",
        ] {
            assert_eq!(clean(kept), kept);
        }
    }

    proptest::proptest! {
        /// Copying runs folds exactly as pushing characters one by one.
        #[test]
        fn folding_runs_is_folding_characters(
            text in "[ -~\t\n\r\u{0}\u{7}\u{A0}\u{AD}\u{200B}\u{FEFF}\u{E000}\u{3000}é’中]{0,60}"
        ) {
            proptest::prop_assert_eq!(fold_str(&text), fold_chars(text.chars(), text.len()));
        }
    }
}
