//! Text helpers every stage shares: cleaning a piece of text ([`clean`]), folding it to a
//! comparison key, and the character classes the stages ask about for every character (kept fast
//! for ASCII).

mod clean;

pub use clean::clean;

/// Scripts written without spaces between words: Japanese kana, CJK ideographs, Thai, Khmer, Lao.
#[must_use]
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F | 0x1780..=0x17FF | 0x0E80..=0x0EFF)
}

/// Lower-case alphanumeric words joined by single spaces.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if !is_alphanumeric(c) {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// [`char::is_alphanumeric`], without the Unicode tables for ASCII and for the punctuation
/// block (curly quotes, dashes, ellipses): the characters of most text.
#[must_use]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\x7f' => c.is_ascii_alphanumeric(),
        '\u{2000}'..='\u{206f}' => false,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`fold`] as words split and lower-cased one by one: the reference the tests hold it to.
    fn fold_words(text: &str) -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect::<String>())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn alphanumeric_shortcuts_agree_on_every_character() {
        let disagree: Vec<char> = (char::MIN..=char::MAX)
            .filter(|&c| is_alphanumeric(c) != c.is_alphanumeric())
            .collect();
        assert!(disagree.is_empty(), "{disagree:?}");
    }

    proptest::proptest! {
        /// Folding character by character takes the same words as splitting and lower-casing.
        #[test]
        fn folding_takes_the_words_lower_cased(text in "[ -~\t\nàéßİΣçÅ’“—中文]{0,80}") {
            proptest::prop_assert_eq!(fold(&text), fold_words(&text));
        }

    }
}
