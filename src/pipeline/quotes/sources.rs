//! Which word of a quotation's parsed sentences is the head of its source: a ranker over the
//! sentences' nouns and pronouns outside the quoted words, learned from every attribution
//! PolNeAR's annotators marked, direct, mixed and indirect (`eval sources --save` in `tools/`,
//! which reads these same features): indirect speech has the syntax of source and cue a quotation
//! has, so it is three times the examples of "who is the subject of this cue". Its best word and
//! each candidate's score against it are features of the speaker choice ([`super::grammar`]).

use std::ops::Range;
use std::sync::LazyLock;

use crate::pipeline::syntax::{Kind, Model, Parse, key};

/// The ranker's model, written by `eval sources --save`.
const EMBEDDED: &[u8] = include_bytes!("source.model");

static RANKER: LazyLock<Option<SourceRanker>> =
    LazyLock::new(|| Model::from_bytes(EMBEDDED).ok().map(SourceRanker::new));

/// A learned ranker of a quotation's source words.
#[derive(Debug)]
pub struct SourceRanker {
    model: Model,
}

/// A word's key that no word has: the root, or a word that is not there.
const NONE: u64 = 1;

impl SourceRanker {
    /// A ranker from its model (one class: the score).
    #[must_use]
    pub fn new(model: Model) -> Self {
        Self { model }
    }

    /// The ranker shipped with the crate (read once, on first use).
    #[must_use]
    pub fn embedded() -> Option<&'static SourceRanker> {
        RANKER.as_ref()
    }

    /// The model, for its size.
    #[must_use]
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Each word that may be the source of the quoted words of `frame`, with its score, in the
    /// words' order.
    #[must_use]
    pub fn scores(&self, parse: &Parse, frame: &QuoteFrame) -> Vec<(usize, f32)> {
        let mut features = Vec::new();
        let mut score = [0.0f32];
        source_words(parse, frame.quote.clone())
            .map(|w| {
                source_features(parse, frame, w, &mut features);
                self.model.score(&features, &mut score);
                (w, score[0])
            })
            .collect()
    }
}

/// What the features of every candidate word read of a quotation's parse, found once.
#[derive(Debug)]
pub struct QuoteFrame {
    /// The quoted words.
    quote: Range<usize>,
    /// The verb they hang from.
    governor: Option<usize>,
    /// Their head and its heads up to the root.
    quote_line: Vec<usize>,
    /// Each word's first dependent.
    first_dependent: Vec<Option<usize>>,
    /// Each word's first preposition before it among its dependents (`according to X`: `to`).
    case: Vec<Option<usize>>,
    /// Commas before each word (and at the end, all of them).
    commas_before: Vec<usize>,
}

impl QuoteFrame {
    /// The verb outside the quoted words that they hang from.
    #[must_use]
    pub fn governor(&self) -> Option<usize> {
        self.governor
    }

    /// The frame of the quoted words `quote` of `parse`.
    #[must_use]
    pub fn new(parse: &Parse, quote: Range<usize>) -> Self {
        let n = parse.words.len();
        let (mut first_dependent, mut case) = (vec![None; n], vec![None; n]);
        for (d, head) in parse.heads.iter().enumerate() {
            let Some(h) = *head else { continue };
            first_dependent[h] = first_dependent[h].or(Some(d));
            if d < h && parse.kinds[d] == Kind::Preposition {
                case[h] = case[h].or(Some(d));
            }
        }
        let mut commas_before = Vec::with_capacity(n + 1);
        let mut commas = 0;
        for w in &parse.words {
            commas_before.push(commas);
            commas += usize::from(w.form == ",");
        }
        commas_before.push(commas);
        let quote_line = parse
            .head_of(quote.clone())
            .map(|q| std::iter::once(q).chain(parse.ancestors(q)).collect())
            .unwrap_or_default();
        Self {
            governor: governor(parse, quote.clone()),
            quote,
            quote_line,
            first_dependent,
            case,
            commas_before,
        }
    }
}

/// The verb outside the quoted words `quote` that they hang from.
#[must_use]
pub fn governor(parse: &Parse, quote: Range<usize>) -> Option<usize> {
    let top = parse.head_of(quote.clone())?;
    parse
        .ancestors(top)
        .find(|&a| !quote.contains(&a) && parse.kinds[a] == Kind::Verb)
}

/// The words that may be a source: nouns and pronouns outside the quoted words.
pub fn source_words(parse: &Parse, quote: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    (0..parse.words.len()).filter(move |&w| !quote.contains(&w) && parse.kinds[w].is_nominal())
}

/// A bucket of a count, for features: exact up to 4, then 5-7, then more.
fn bucket(n: usize) -> u64 {
    match n {
        0..=4 => n as u64,
        5..=7 => 5,
        _ => 6,
    }
}

/// The features of word `w` as the source of the quoted words of `frame`, into `out`: what the
/// word is, the path between it and the quoted words through the tree, what it hangs from and
/// how it relates to the verb they hang from, the preposition before it, how far it stands.
pub fn source_features(parse: &Parse, frame: &QuoteFrame, w: usize, out: &mut Vec<u64>) {
    out.clear();
    let (quote, governor) = (&frame.quote, frame.governor);
    let tag = |i: Option<usize>| i.map_or(NONE, |i| parse.tag_keys[i]);
    let word = |i: Option<usize>| i.map_or(NONE, |i| parse.word_keys[i]);
    let (t, k) = (parse.tag_keys[w], parse.word_keys[w]);
    let head = parse.heads[w];
    let side = if w < quote.start { 2 } else { 3 };
    // How the word hangs from the governing verb.
    let relation: u64 = match (head, governor) {
        (_, None) => 10,
        (Some(h), Some(g)) if h == g => 11,
        (Some(h), Some(g)) if parse.ancestors(g).any(|a| a == h) => 12,
        (Some(h), Some(g)) if parse.ancestors(h).any(|a| a == g) => 13,
        _ => 14,
    };
    // The path: up from the word to the first of its heads the quoted words hang from (or the
    // root), then down to the quoted words' head.
    let mut up = 0;
    let mut meet = None;
    for a in std::iter::once(w).chain(parse.ancestors(w)) {
        if let Some(down) = frame.quote_line.iter().position(|&q| q == a) {
            meet = Some((a, down));
            break;
        }
        up += 1;
    }
    let (meet_tag, down) = meet.map_or((NONE, 9), |(a, d)| (parse.tag_keys[a], bucket(d)));
    let distance = if w < quote.start {
        quote.start - w
    } else {
        w + 1 - quote.end
    };
    let case = frame.case[w];
    let comma_between = {
        let (lo, hi) = (w.min(quote.start), w.max(quote.end).min(parse.words.len()));
        frame.commas_before[hi] > frame.commas_before[lo]
    };
    // Whether no nominal dependent of the same head stands between the word and its head.
    let nearest = head.is_some_and(|h| {
        let (lo, hi) = (w.min(h), w.max(h));
        !(lo + 1..hi).any(|d| parse.heads[d] == Some(h) && parse.kinds[d].is_nominal())
    });
    let first_dependent = frame.first_dependent[w];
    let capital = parse.words[w].form.starts_with(|c: char| c.is_uppercase());
    let (up, head_side) = (bucket(up), head.map_or(0, |h| u64::from(h > w) + 1));
    out.extend([
        key(1, t, 0, 0),
        key(2, k, 0, 0),
        key(3, t, side, relation),
        key(4, up, down, meet_tag),
        key(5, word(head), side, relation),
        key(6, k, relation, 0),
        key(7, t, tag(head), head_side),
        key(8, bucket(distance), side, relation),
        key(9, word(case), word(head), 0),
        key(10, u64::from(comma_between), t, relation),
        key(11, u64::from(nearest), side, relation),
        key(12, word(first_dependent), t, 0),
        key(13, word(governor), side, relation),
        key(14, u64::from(capital), t, side),
        key(15, up, down, side),
        key(16, t, relation, u64::from(nearest)),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::syntax::Analyser;

    /// The word the embedded ranker puts first for the quoted `quoted` in `text`.
    fn best(text: &str, quoted: &str) -> String {
        let parse = Analyser::embedded()
            .and_then(|a| a.parse(text, 0..text.len()))
            .expect("parsed");
        let at = text.find(quoted).expect("quoted words");
        let quote = parse.words_in(at..at + quoted.len());
        assert!(source_words(&parse, quote.clone()).all(|w| !quote.contains(&w)));
        let ranker = SourceRanker::embedded().expect("the embedded ranker reads");
        let (w, _) = ranker
            .scores(&parse, &QuoteFrame::new(&parse, quote))
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("a source word");
        text[parse.words[w].at.clone()].to_owned()
    }

    #[test]
    fn the_ranker_finds_the_subject_of_the_cue_not_the_object_or_a_name_inside() {
        let text = "“We will beat Smith,” the senator from Ohio told reporters on Monday.";
        assert_eq!(best(text, "We will beat Smith,"), "senator");
        let text = "Critics of the plan in Congress said it would “dismantle the agency.”";
        assert_eq!(best(text, "dismantle the agency."), "Critics");
        let text = "The plan is a disaster, according to Jones, who voted against it.";
        assert_eq!(best(text, "The plan is a disaster"), "Jones");
    }
}
