//! Function words: what running prose is made of, and what names and descriptions are not.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Languages whose function words count as stop words (NLTK's lists, through the stop-words
/// crate). One union for all: a page's blocks are scored before its language is known, and a
/// function word of one of these languages is rarely a content word of another.
pub(crate) const STOP_WORD_LANGUAGES: &[&str] = &[
    "ca", "da", "de", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv", "tr",
];

/// Whether a folded word is a function word of one of [`STOP_WORD_LANGUAGES`].
pub(crate) fn is_stop_word(word: &str) -> bool {
    static STOP_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
        STOP_WORD_LANGUAGES
            .iter()
            .filter_map(|l| stop_words::lookup(l))
            .flat_map(|words| words.iter().copied())
            .collect()
    });
    STOP_WORDS.contains(word)
}

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_word_language_has_a_list() {
        for lang in STOP_WORD_LANGUAGES {
            assert!(stop_words::lookup(lang).is_some(), "{lang}");
        }
        assert!(is_stop_word("the") && is_stop_word("und") && !is_stop_word("council"));
    }
}
