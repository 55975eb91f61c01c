//! The value of each block in the body search, by the hand rules ([`Features::value`]) or by a
//! learned model: a logistic regression over the block's features and its neighbours', one
//! weight vector for markup and one for plain text, trained on the tune folds by
//! `scripts/train-blocks`. A block's learned value is its length times how sure the model is that
//! it is body (`2p - 1`), so the search still weighs long paragraphs more than short lines.

use std::ops::Range;
use std::sync::LazyLock;

use super::features::Features;
use super::region::{REGION_FEATURES, Runs};
use crate::pipeline::block::ParagraphKind;
use crate::pipeline::weights;

/// The features, in vector order: name and meaning.
pub const FEATURES: [(&str, &str); 25] = [
    ("bias", "always one"),
    ("log_chars", "characters, ln(1+n)/8"),
    ("log_words", "words, ln(1+n)/6"),
    ("sentence_like", "ends like a sentence"),
    (
        "headline_like",
        "a short capitalised line without a full stop",
    ),
    ("good", "the rules' body material"),
    ("metadata_line", "a date or byline line"),
    ("bad", "known boilerplate (a rule or the markup's role)"),
    ("links_only", "navigation only by its share of link text"),
    (
        "section",
        "a section header (comments, related, footer, ...)",
    ),
    ("in_article", "inside an article element"),
    (
        "in_body_container",
        "inside the element the markup names as the article text",
    ),
    ("list_like", "a list entry or a line with figures"),
    (
        "text_entry",
        "a text line long enough to be an entry of the article's lists",
    ),
    ("link_share", "share of the characters in links"),
    ("stop_share", "share of the words that are function words"),
    ("position", "index in the page over block count"),
    ("previous_good", "the block before is body material"),
    ("next_good", "the block after is body material"),
    (
        "good_nearby",
        "share of body material among the 3 blocks each side",
    ),
    ("rule_value", "the rules' value, tanh(v/200)"),
    ("list_item", "a list item"),
    ("heading", "a heading"),
    ("table_row", "a table row"),
    ("short", "three words or fewer"),
];

/// Blocks on each side whose goodness counts as the neighbourhood.
const NEARBY: usize = 3;

/// The features of block `i` among `features`.
#[must_use]
pub(super) fn vector(features: &[Features], i: usize) -> [f64; FEATURES.len()] {
    let f = &features[i];
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    #[allow(clippy::cast_precision_loss)] // counts are small
    let (chars, words, n) = (f.chars as f64, f.words as f64, features.len().max(1) as f64);
    let good_at = |j: Option<usize>| flag(j.and_then(|j| features.get(j)).is_some_and(|g| g.good));
    let nearby = features[i.saturating_sub(NEARBY)..(i + NEARBY + 1).min(features.len())]
        .iter()
        .filter(|g| g.good)
        .count();
    #[allow(clippy::cast_precision_loss)]
    let rule = (f.value() as f64 / 200.0).tanh();
    #[allow(clippy::cast_precision_loss)]
    [
        1.0,
        chars.ln_1p() / 8.0,
        words.ln_1p() / 6.0,
        flag(f.sentence_like),
        flag(f.headline_like),
        flag(f.good),
        flag(f.metadata_line),
        flag(f.bad.is_some() && !f.links_only),
        flag(f.links_only),
        flag(f.section.is_some()),
        flag(f.in_article),
        flag(f.in_body_container),
        flag(f.list_like),
        flag(f.text_entry),
        f64::from(f.link_permille) / 1000.0,
        f64::from(f.stop_permille) / 1000.0,
        i as f64 / n,
        good_at(i.checked_sub(1)),
        good_at(Some(i + 1)),
        nearby as f64 / (2 * NEARBY + 1) as f64,
        rule,
        flag(f.kind == ParagraphKind::ListItem),
        flag(f.kind == ParagraphKind::Heading),
        flag(f.kind == ParagraphKind::TableRow),
        flag(f.words <= 3),
    ]
}

/// Learned weights, one vector for blocks of markup and one for lines of plain text; `None`
/// keeps the hand rules' values for that kind.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    markup: Option<Part>,
    text: Option<Part>,
    /// The region choice's weights over [`REGION_FEATURES`], for pages of markup and of plain
    /// text; `None` keeps the rules' choice (the best run).
    markup_regions: Option<Vec<f64>>,
    text_regions: Option<Vec<f64>>,
}

/// One kind's weights, and the probability above which a block adds to a run.
#[derive(Debug, Clone, PartialEq)]
struct Part {
    weights: Vec<f64>,
    threshold: f64,
    blend: f64,
}

/// How block values are found.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum BlockScorer {
    /// The hand rules' values.
    #[default]
    Rules,
    /// A learned model's.
    Learned(BlockModel),
}

/// The model shipped: learned for markup, the hand rules for plain text (where the learned
/// values lost on the tune folds), written by `scripts/train-blocks` without the check part.
const EMBEDDED: &str = include_str!("block-model.json");

/// Lines of at most this many words are furniture unless the rules say otherwise.
const SHORT_LINE_WORDS: usize = 2;

/// What a lone word or two costs a run at least (at most what the rules say it costs): enough to
/// end a run at a share bar, not enough to split an article at a photo credit.
const LONE_LINE_COST: i64 = 10;

/// The shortest length a learned value is weighed by: a two-word line counts as this many
/// characters, so that sure boilerplate lines still break a run.
const MIN_WEIGHT_CHARS: f64 = 40.0;

impl BlockScorer {
    /// The scorer shipped with the crate.
    #[must_use]
    pub fn embedded() -> &'static BlockScorer {
        // A test reads the embedded file; the hand rules are the fallback all the same.
        static SCORER: LazyLock<BlockScorer> =
            LazyLock::new(|| BlockScorer::from_json(EMBEDDED).unwrap_or_default());
        &SCORER
    }

    /// Every block's value for the body search.
    #[must_use]
    pub(super) fn values(&self, features: &[Features]) -> Vec<i64> {
        match self {
            Self::Rules => features.iter().map(Features::value).collect(),
            Self::Learned(model) => (0..features.len())
                .map(|i| {
                    let f = &features[i];
                    let weights = if f.from_markup {
                        &model.markup
                    } else {
                        &model.text
                    };
                    let Some(part) = weights else {
                        return f.value();
                    };
                    let x = vector(features, i);
                    let z = weights::dot(&part.weights, &x);
                    let p = 1.0 / (1.0 + (-z).exp());
                    #[allow(clippy::cast_precision_loss)]
                    let weight = (f.chars as f64).max(MIN_WEIGHT_CHARS);
                    #[allow(clippy::cast_possible_truncation)]
                    let value = (weight * 2.0 * (p - part.threshold)).round() as i64;
                    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
                    let value = value + (f.value() as f64 * part.blend).round() as i64;
                    // A hard constraint, not a score: a lone word or two that is no heading,
                    // list item or table cell (a button, a label) never adds to a run.
                    let lone = f.words <= SHORT_LINE_WORDS
                        && matches!(f.kind, ParagraphKind::Body)
                        && !f.good;
                    if lone {
                        value.min(-LONE_LINE_COST).max(f.value())
                    } else {
                        value
                    }
                })
                .collect(),
        }
    }

    /// Reads a model file: `{"markup": {name: weight}, "text": {name: weight}}` with every
    /// feature named once (other keys are notes), and optionally `markup_threshold` and
    /// `text_threshold` (0.5 when absent); a kind left out keeps the hand rules.
    ///
    /// # Errors
    /// A message naming what is missing, unknown or not a number.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("block model: {e}"))?;
        let read = |part: &str| -> Result<Option<Part>, String> {
            let Some(weights) = value.get(part) else {
                return Ok(None);
            };
            weights::named(weights, &FEATURES, &format!("block model: {part}")).map(|weights| {
                let threshold = value
                    .get(format!("{part}_threshold"))
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.5);
                let blend = value
                    .get(format!("{part}_blend"))
                    .and_then(serde_json::Value::as_f64)
                    .unwrap_or(0.0);
                Some(Part {
                    weights,
                    threshold,
                    blend,
                })
            })
        };
        let regions = |part: &str| -> Result<Option<Vec<f64>>, String> {
            value
                .get(part)
                .map(|w| weights::named(w, &REGION_FEATURES, &format!("block model: {part}")))
                .transpose()
        };
        Ok(Self::Learned(BlockModel {
            markup: read("markup")?,
            text: read("text")?,
            markup_regions: regions("markup_regions")?,
            text_regions: regions("text_regions")?,
        }))
    }

    /// The body search's run: the candidate the learned region choice scores highest (the first
    /// of equals, the rules' choice first), or the rules' choice when the model has none for
    /// this kind of page.
    pub(super) fn choose_region(
        &self,
        features: &[Features],
        values: &[i64],
        is_text: bool,
    ) -> Option<Range<usize>> {
        let runs = Runs::of(features, values, is_text);
        let weights = match self {
            Self::Learned(model) if is_text => model.text_regions.as_ref(),
            Self::Learned(model) => model.markup_regions.as_ref(),
            Self::Rules => None,
        };
        let Some(weights) = weights else {
            return runs.chosen.map(|k| runs.candidates[k].range.clone());
        };
        let runs = runs.with_cuts(values);
        weights::best(weights, runs.vectors(features, values), runs.chosen)
            .map(|k| runs.candidates[k].range.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_learns_markup_values_and_the_region_choice_of_plain_text() {
        let scorer = BlockScorer::from_json(EMBEDDED);
        assert!(
            matches!(
                &scorer,
                Ok(BlockScorer::Learned(BlockModel {
                    markup: Some(_),
                    text: None,
                    markup_regions: None,
                    text_regions: Some(_),
                }))
            ),
            "{scorer:?}"
        );
    }

    #[test]
    fn a_model_naming_an_unknown_feature_or_missing_one_is_refused() {
        let unknown = BlockScorer::from_json(r#"{"markup": {"colour": 1.0}}"#);
        assert_eq!(
            unknown,
            Err("block model: markup: unknown feature colour".into())
        );
        let missing = BlockScorer::from_json(r#"{"text": {"bias": 1.0}}"#);
        assert_eq!(
            missing,
            Err("block model: text: no weight for log_chars".into())
        );
    }
}
