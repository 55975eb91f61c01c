//! The syntax of English sentences, for the quote stage's speaker choice: words as the Penn
//! Treebank writes them ([`tokens`]), their part-of-speech tags ([`tagger`]) and each word's
//! head ([`parser`]), by two small linear models ([`model`]) learned from PolNeAR's silver CoreNLP
//! annotation of news English (`eval tagger --save`, `eval parser --save` in `tools/`) and
//! embedded at build time. Only the sentences the quote stage asks for are parsed.

mod model;
mod parser;
mod tagger;
mod tokens;

use std::ops::Range;
use std::sync::LazyLock;

pub use model::{Model, key, text_key};
pub use parser::{
    Inputs, LEFT, MOVES, Parser, REDUCE, RIGHT, SHIFT, State, features as move_features, walk,
};
pub use tagger::{
    START_TAGS, Tagger, WordKeys, best, context, features as tag_features, normalise, tag_key,
};
pub use tokens::{Word, words};

/// The tagger's model, written by `eval tagger --save`.
const TAGGER: &[u8] = include_bytes!("tagger.model");
/// The parser's model, written by `eval parser --save`.
const PARSER: &[u8] = include_bytes!("parser.model");

/// Sentences longer than this are not parsed: news sentences are far shorter, and the bound keeps
/// a hostile paragraph's cost to its words.
pub const MAX_WORDS: usize = 150;

/// What a word is, as the speaker choice asks: the tag's family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `VB*`, `MD`.
    Verb,
    /// `NNP`, `NNPS`.
    ProperNoun,
    /// `NN`, `NNS`.
    Noun,
    /// `PRP`, `PRP$`, `WP`.
    Pronoun,
    /// `IN`, `TO`.
    Preposition,
    /// `,` `:` and the other punctuation tags.
    Punctuation,
    /// Anything else.
    Other,
}

impl Kind {
    fn of(tag: &str) -> Self {
        match tag {
            "NNP" | "NNPS" => Self::ProperNoun,
            "NN" | "NNS" => Self::Noun,
            "PRP" | "PRP$" | "WP" => Self::Pronoun,
            "IN" | "TO" => Self::Preposition,
            "MD" => Self::Verb,
            t if t.starts_with("VB") => Self::Verb,
            t if !t.starts_with(|c: char| c.is_ascii_alphabetic()) => Self::Punctuation,
            _ => Self::Other,
        }
    }

    /// A noun or a pronoun: what can stand as a subject.
    #[must_use]
    pub fn is_nominal(self) -> bool {
        matches!(self, Self::ProperNoun | Self::Noun | Self::Pronoun)
    }
}

/// A tagger and a parser.
#[derive(Debug)]
pub struct Analyser {
    tagger: Tagger,
    parser: Parser,
    kinds: Vec<Kind>,
    tag_keys: Vec<u64>,
}

static EMBEDDED: LazyLock<Option<Analyser>> = LazyLock::new(|| {
    let tagger = Model::from_bytes(TAGGER).ok()?;
    let parser = Model::from_bytes(PARSER).ok()?;
    Some(Analyser::new(tagger, parser))
});

impl Analyser {
    /// The analyser built from the embedded models (read once, on first use).
    #[must_use]
    pub fn embedded() -> Option<&'static Analyser> {
        EMBEDDED.as_ref()
    }

    /// An analyser from a tagger's and a parser's models.
    #[must_use]
    pub fn new(tagger: Model, parser: Model) -> Self {
        let tagger = Tagger::new(tagger);
        let kinds = tagger.tags().iter().map(|t| Kind::of(t)).collect();
        let tag_keys = tagger.tags().iter().map(|t| tag_key(t)).collect();
        Self {
            tagger,
            parser: Parser::new(parser),
            kinds,
            tag_keys,
        }
    }

    /// The parse of the sentence at `range` of `text`; none when it is longer than
    /// [`MAX_WORDS`].
    #[must_use]
    pub fn parse(&self, text: &str, range: Range<usize>) -> Option<Parse> {
        let words = tokens::words(text, range);
        if words.len() > MAX_WORDS || words.is_empty() {
            return None;
        }
        let forms: Vec<&str> = words.iter().map(|w| w.form.as_str()).collect();
        let context = tagger::context(&forms);
        let tags = self.tagger.tag_in(&forms, &context);
        // The context holds two markers each side of the words.
        let word_keys: Vec<u64> = context[2..2 + forms.len()]
            .iter()
            .map(WordKeys::word)
            .collect();
        let tag_keys: Vec<u64> = tags
            .iter()
            .map(|&t| self.tag_keys.get(usize::from(t)).copied().unwrap_or(0))
            .collect();
        let inputs = Inputs::new(word_keys.iter().copied(), tag_keys.iter().copied());
        let heads = self
            .parser
            .parse(&inputs)
            .into_iter()
            .map(|h| h.checked_sub(1))
            .collect();
        let kinds = tags
            .iter()
            .map(|&t| {
                self.kinds
                    .get(usize::from(t))
                    .copied()
                    .unwrap_or(Kind::Other)
            })
            .collect();
        Some(Parse {
            words,
            kinds,
            heads,
            word_keys,
            tag_keys,
        })
    }
}

/// A parsed sentence.
#[derive(Debug, Clone)]
pub struct Parse {
    /// Its words.
    pub words: Vec<Word>,
    /// Each word's kind.
    pub kinds: Vec<Kind>,
    /// Each word's head (an index into `words`), none for the root's dependent.
    pub heads: Vec<Option<usize>>,
    /// Each word's key as the models read it ([`text_key`] of [`normalise`]).
    pub word_keys: Vec<u64>,
    /// Each word's tag's key ([`tag_key`]).
    pub tag_keys: Vec<u64>,
}

impl Parse {
    /// The word whose bytes hold `byte`, else the first word after it.
    #[must_use]
    pub fn word_at(&self, byte: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.at.end <= byte);
        (i < self.words.len()).then_some(i)
    }

    /// The words within `range` of the text.
    #[must_use]
    pub fn words_in(&self, range: Range<usize>) -> Range<usize> {
        let first = self.words.partition_point(|w| w.at.end <= range.start);
        let end = self.words.partition_point(|w| w.at.start < range.end);
        first..end.max(first)
    }

    /// The head word of the words `within`: the one whose head lies outside them (the last such).
    #[must_use]
    pub fn head_of(&self, within: Range<usize>) -> Option<usize> {
        within
            .clone()
            .rev()
            .find(|&i| self.heads[i].is_none_or(|h| !within.contains(&h)))
    }

    /// Word `i`'s dependents, in order.
    pub fn dependents(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.heads.len()).filter(move |&d| self.heads[d] == Some(i))
    }

    /// Word `i`'s heads up to the root, nearest first (bounded by the sentence's length).
    pub fn ancestors(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let mut at = Some(i);
        std::iter::from_fn(move || {
            at = at.and_then(|w| self.heads.get(w).copied().flatten());
            at
        })
        .take(self.words.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_models_read_a_sentence() {
        let analyser = Analyser::embedded().expect("the embedded models read");
        let text = "“We will win,” the senator from Ohio told reporters on Monday.";
        let parse = analyser
            .parse(text, 0..text.len())
            .expect("a short sentence");
        let at = |w: &str| {
            parse
                .words
                .iter()
                .position(|x| &text[x.at.clone()] == w)
                .expect(w)
        };
        let (told, senator, win) = (at("told"), at("senator"), at("win"));
        assert_eq!(parse.kinds[told], Kind::Verb);
        assert_eq!(parse.kinds[senator], Kind::Noun);
        assert_eq!(parse.heads[senator], Some(told));
        assert_eq!(parse.heads[told], None);
        assert!(parse.ancestors(win).any(|a| a == told));
        let mention = text.find("the senator from Ohio").expect("mention");
        let within = parse.words_in(mention..mention + "the senator from Ohio".len());
        assert_eq!(parse.head_of(within), Some(senator));
        let long = "word ".repeat(MAX_WORDS + 1);
        assert!(analyser.parse(&long, 0..long.len()).is_none());
    }
}
