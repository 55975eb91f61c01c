//! Counts and fingerprints of the body: words, reading time, SHA-256 and SimHash.

use sha2::{Digest, Sha256};

use crate::pipeline::textkit::{self, fold};

/// Characters a reader of Chinese or Japanese reads per minute.
const UNSPACED_CHARS_PER_MINUTE: usize = 500;

/// Words of the body, and the time to read them. Scripts written without spaces (Chinese,
/// Japanese, Thai, Khmer, Lao) are counted by ICU4X's dictionary word segmenter and read by the
/// character; every other script by white-space words.
pub(super) fn words_and_reading_time(text: &str) -> (usize, usize) {
    // One pass; ASCII characters need no Unicode tables (and are never unspaced script).
    let (mut letters, mut unspaced) = (0usize, 0usize);
    for c in text.chars() {
        letters += usize::from(textkit::is_alphanumeric(c));
        unspaced += usize::from(!c.is_ascii() && textkit::is_unspaced_script(c));
    }
    if unspaced * 3 < letters {
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().any(textkit::is_alphanumeric))
            .count();
        return (words, (words * 60).div_ceil(WORDS_PER_MINUTE));
    }
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
    let words = segmenter
        .segment_str(text)
        .iter_with_word_type()
        .filter(|(_, kind)| kind.is_word_like())
        .count();
    (words, (letters * 60).div_ceil(UNSPACED_CHARS_PER_MINUTE))
}

/// Words a reader reads per minute, for `reading_time_seconds`.
const WORDS_PER_MINUTE: usize = 238;

/// SHA-256 of `text`, lowercase hex.
#[must_use]
pub(super) fn content_hash(text: &str) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// 64-bit SimHash over word 3-shingles of the folded text.
#[must_use]
pub(super) fn simhash(text: &str) -> u64 {
    let key = fold(text);
    // Words of the folded text are separated by single spaces, so a shingle is a slice of it.
    let words: Vec<(usize, usize)> = key
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, start + w.len()))
        })
        .filter(|(start, end)| end > start)
        .collect();
    if words.is_empty() {
        return 0;
    }
    // Per bit, how many shingle hashes set it; the bit is set when more than half do.
    let mut ones = [0u32; 64];
    let width = words.len().min(3);
    let mut shingles = 0u32;
    for shingle in words.windows(width) {
        let (start, end) = (shingle[0].0, shingle[width - 1].1);
        let h = xxhash_rust::xxh3::xxh3_64(&key.as_bytes()[start..end]);
        for (bit, n) in ones.iter_mut().enumerate() {
            *n += (h >> bit & 1) as u32;
        }
        shingles += 1;
    }
    ones.iter().enumerate().fold(0u64, |acc, (bit, &n)| {
        if n * 2 > shingles {
            acc | 1 << bit
        } else {
            acc
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_duplicates_have_near_simhashes() {
        let a = simhash("the quick brown fox jumps over the lazy dog near the river bank today");
        let b = simhash("the quick brown fox jumps over the lazy dog near the river bank tonight");
        let c = simhash("completely different words about markets, budgets and central banks");
        assert!((a ^ b).count_ones() < (a ^ c).count_ones());
    }

    #[test]
    fn words_of_unspaced_scripts_are_counted_by_a_segmenter() {
        let (english, _) = words_and_reading_time("The minister said the talks would resume.");
        assert_eq!(english, 7);
        let (japanese, seconds) =
            words_and_reading_time("首相は経済対策を急ぐ必要があると述べた。");
        assert!((6..=14).contains(&japanese), "{japanese}");
        assert!(seconds >= 2);
        let (chinese, _) = words_and_reading_time("我们明天一起去看电影好吗");
        assert!((4..=9).contains(&chinese), "{chinese}");
    }
}
