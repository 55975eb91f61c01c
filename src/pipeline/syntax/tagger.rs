//! Part-of-speech tags (Penn Treebank): a greedy averaged perceptron (Collins 2002) with the
//! features of Honnibal's 2013 tagger, each word read from its neighbours and the two tags before
//! it. Trained by `eval tagger --save` in `tools/`, which uses these same features.

use super::model::{Model, key, text_key};

/// A word as the features see it: lower case, numbers and hyphenated words by their shape.
#[must_use]
pub fn normalise(word: &str) -> String {
    if word.contains('-') && !word.starts_with('-') {
        "!HYPHEN".to_owned()
    } else if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
        "!YEAR".to_owned()
    } else if word.starts_with(|c: char| c.is_ascii_digit()) {
        "!DIGITS".to_owned()
    } else {
        word.to_lowercase()
    }
}

/// The last `n` characters of `word`.
fn suffix(word: &str, n: usize) -> &str {
    let at = word
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &word[at..]
}

/// What the features read of one word, hashed once.
#[derive(Debug, Clone, Copy)]
pub struct WordKeys {
    word: u64,
    suffix: u64,
    prefix: u64,
}

impl WordKeys {
    fn of(normalised: &str) -> Self {
        let prefix = normalised.chars().next().map_or(0, |c| u64::from(c) + 1);
        Self {
            word: text_key(normalised),
            suffix: text_key(suffix(normalised, 3)),
            prefix,
        }
    }

    /// The normalised word's key ([`text_key`] of [`normalise`]).
    #[must_use]
    pub fn word(&self) -> u64 {
        self.word
    }

    fn marker(n: u64) -> Self {
        Self {
            word: n,
            suffix: n,
            prefix: n,
        }
    }
}

/// A sentence's words as the features read them: two start markers before, two end markers
/// after.
#[must_use]
pub fn context<S: AsRef<str>>(words: &[S]) -> Vec<WordKeys> {
    let mut out = Vec::with_capacity(words.len() + 4);
    out.extend([WordKeys::marker(1), WordKeys::marker(2)]);
    out.extend(words.iter().map(|w| WordKeys::of(&normalise(w.as_ref()))));
    out.extend([WordKeys::marker(3), WordKeys::marker(4)]);
    out
}

/// The key of the tag before the first word, and of the one before that.
pub const START_TAGS: (u64, u64) = (5, 6);

/// A tag's key in the features: its name's.
#[must_use]
pub fn tag_key(name: &str) -> u64 {
    text_key(name)
}

/// The features of word `i` of `context` given the keys of the two tags before it.
#[must_use]
pub fn features(context: &[WordKeys], i: usize, prev: u64, prev2: u64) -> [u64; 14] {
    let j = i + 2;
    let w = |k: usize| context[k];
    [
        key(0, 0, 0, 0),
        key(1, w(j).suffix, 0, 0),
        key(2, w(j).prefix, 0, 0),
        key(3, prev, 0, 0),
        key(4, prev2, 0, 0),
        key(5, prev, prev2, 0),
        key(6, w(j).word, 0, 0),
        key(7, prev, w(j).word, 0),
        key(8, w(j - 1).word, 0, 0),
        key(9, w(j - 1).suffix, 0, 0),
        key(10, w(j - 2).word, 0, 0),
        key(11, w(j + 1).word, 0, 0),
        key(12, w(j + 1).suffix, 0, 0),
        key(13, w(j + 2).word, 0, 0),
    ]
}

/// A trained tagger.
#[derive(Debug)]
pub struct Tagger {
    model: Model,
    tag_keys: Vec<u64>,
}

impl Tagger {
    /// The tagger of a model file's model.
    #[must_use]
    pub fn new(model: Model) -> Self {
        let tag_keys = model.classes.iter().map(|t| tag_key(t)).collect();
        Self { model, tag_keys }
    }

    /// Its model.
    #[must_use]
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The tags' names, by number.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        &self.model.classes
    }

    /// Each word's tag, by number.
    #[must_use]
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<u8> {
        self.tag_in(words, &context(words))
    }

    /// Each word's tag, by number, from the words and their [`context`] (which the parser's
    /// features read too).
    #[must_use]
    pub fn tag_in<S: AsRef<str>>(&self, words: &[S], context: &[WordKeys]) -> Vec<u8> {
        let (mut prev, mut prev2) = START_TAGS;
        let mut scores = vec![0.0f32; self.model.classes.len()];
        let mut out = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let tag = self
                .model
                .dictionary
                .get(word.as_ref())
                .copied()
                .unwrap_or_else(|| {
                    self.model
                        .score(&features(context, i, prev, prev2), &mut scores);
                    best(&scores)
                });
            prev2 = prev;
            prev = self.tag_keys.get(usize::from(tag)).copied().unwrap_or(0);
            out.push(tag);
        }
        out
    }
}

/// The class with the highest score (the first of equals).
#[must_use]
pub fn best(scores: &[f32]) -> u8 {
    let mut at = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[at] {
            at = i;
        }
    }
    u8::try_from(at).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_by_shape() {
        assert_eq!(normalise("Obama"), "obama");
        assert_eq!(normalise("2016"), "!YEAR");
        assert_eq!(normalise("3.5"), "!DIGITS");
        assert_eq!(normalise("well-known"), "!HYPHEN");
        assert_eq!(suffix("talks", 3), "lks");
        assert_eq!(suffix("él", 3), "él");
        assert_eq!(best(&[0.0, 2.0, 2.0, -1.0]), 1);
    }
}
