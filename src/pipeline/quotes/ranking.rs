//! The speaker choice. A quotation's candidates are every way's mention next to it, resolved to a
//! name ([`super::speaker`]), the subject of its sentence, and the speaker it may continue; one
//! more option is nobody. A linear model scores each from what it is and where it stands, and the
//! best one wins: a wrong speaker is worse than none, so nobody wins unless a candidate is
//! clearly better. The weights are learned from annotated articles (`scripts/train-speaker`) and
//! ship as `speaker-model.json`, embedded at build time.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::Said;

/// The model shipped with the crate.
const EMBEDDED: &str = include_str!("speaker-model.json");

/// Features of a candidate after the ways' one-hot block (see [`candidate_feature_names`]), each
/// with what it says; a count is ln(1 + n), a flag one or zero.
#[rustfmt::skip]
const CANDIDATE_FEATURES: &[(&str, &str)] = &[
    ("subject", "the subject of the quotation's sentence (no cue verb)"),
    ("continued", "the speaker of a quotation it may continue"),
    ("name_nearby", "a name in its sentence, after it, or in the sentence before"),
    ("earlier_speaker", "the speaker before the last one, at most three paragraphs back"),
    ("subject_of_direct", "a sentence subject offered for a whole (direct) quotation"),
    ("in_previous_sentence", "a name found in the sentence before"),
    ("after_preposition", "the mention follows a preposition (`told NBC`, `in Columbus`)"),
    ("at_sentence_start", "a nearby name that opens its sentence"),
    ("rule_choice", "the hand rules chose it"),
    ("implausible", "the rules' plausibility test refuses it (a work, a label, a place)"),
    ("pronoun", "found through a pronoun's antecedent"),
    ("mention_words", "words in the mention (ln 1+n)"),
    ("mention_capitalised", "the mention starts with a capital"),
    ("mention_every_word_capitalised", "every word of the mention is capitalised"),
    ("mention_known_name", "its last word is a name the article gives in full"),
    ("mention_after_quote", "the mention stands after the closing mark"),
    ("mention_distance", "bytes between the mention and the marks (ln 1+n)"),
    ("cue_none", "no cue verb"),
    ("cue_say", "the cue is a verb of plain saying"),
    ("cue_told", "the cue is a verb of telling someone"),
    ("cue_according", "the cue names a source (`according to`)"),
    ("cue_participle", "the cue is a participle (`saying`)"),
    ("agreement", "other candidates naming the same speaker (ln 1+n)"),
    ("last_speaker", "the article's last speaker"),
    ("same_paragraph", "continues a quotation of the same paragraph"),
    ("follows_paragraph", "continues the paragraph before, which this one's opening mark follows"),
    ("open_from_previous", "the paragraph before left its quotation open"),
    ("copula_subject", "a subject of `is`/`was` (`X is a \"term\"`), rarely a speaker"),
    ("speaker_words", "words in the resolved speaker (ln 1+n)"),
    ("speaker_mentions", "occurrences of the speaker's last word in the article (ln 1+n)"),
    ("speaker_quoted_before", "earlier quotations given to the same speaker (ln 1+n)"),
    ("agrees_with_subject", "the same speaker as the sentence's subject"),
    ("mention_ends_with_title", "the mention ends with a title or honorific (`the president`)"),
    ("mention_opens_sentence", "the mention opens the quotation's sentence"),
    ("mention_before_cue", "the mention stands before its cue verb"),
    ("cue_distance", "bytes between the mention and its cue verb (ln 1+n)"),
    ("parsed_subject", "the source ranker's best word's phrase, no other way's"),
    ("syn_parsed", "the mention stands in the quotation's parsed sentences"),
    ("syn_head_proper", "the mention's head word is a proper noun"),
    ("syn_head_pronoun", "the mention's head word is a pronoun"),
    ("syn_subject_of_governor", "a left dependent of the verb the quoted words hang from"),
    ("syn_after_governor", "a right dependent of that verb (`\"…,\" said X`)"),
    ("syn_governor_is_cue", "the verb the quoted words hang from is a cue"),
    ("syn_subject_of_cue", "a left dependent of a cue verb"),
    ("syn_in_quoted_clause", "the mention is inside the quoted words' clause"),
    ("syn_object", "a right dependent of a verb, no preposition before it"),
    ("syn_after_preposition", "the object of a preposition"),
    ("syn_according_to", "the object of `according to`"),
    ("syn_apposition_to_subject", "in apposition to the governing verb's dependent"),
    ("syn_unattributed", "continued, and the quotation's verb has no subject of its own"),
    ("syn_source_best", "the mention holds the word the source ranker scores best"),
    ("syn_source_gap", "how far below the best the ranker scores the mention's head (0 to 1)"),
    ("syn_source_close", "the ranker scores the mention's head less than 5 below the best"),
    ("syn_source_far", "the ranker scores the mention's head 15 or more below the best, or not"),
];

/// Features of the option that nobody is named, each with what it says.
#[rustfmt::skip]
pub(super) const NOBODY_FEATURES: &[(&str, &str)] = &[
    ("bias", "always one"),
    ("rule_choice", "the hand rules chose it"),
    ("direct", "a whole-sentence (direct) quotation"),
    ("quote_words", "words in the quotation (ln 1+n)"),
    ("short_quote", "three words or fewer"),
    ("first_in_paragraph", "the paragraph's first quotation"),
    ("opens_paragraph", "the quotation opens its paragraph"),
    ("unresolved_pronoun", "a way found a pronoun with no antecedent"),
    ("candidates", "candidates offered (ln 1+n)"),
    ("syn_parsed", "the quotation's sentences were parsed"),
    ("syn_governed", "its words hang from a verb outside them"),
    ("syn_governor_has_subject", "that verb has a subject outside the quotation"),
    ("syn_source_top", "the source ranker's best score (-1 to 1)"),
];

/// The names of the nobody option's features, in order.
pub(super) fn nobody_feature_names() -> Vec<String> {
    NOBODY_FEATURES
        .iter()
        .map(|(n, _)| (*n).to_owned())
        .collect()
}

/// The names of a candidate's features, in order: one per way, then [`CANDIDATE_FEATURES`].
pub(super) fn candidate_feature_names() -> Vec<String> {
    super::speaker::way_names()
        .map(|w| format!("way_{w}"))
        .chain(CANDIDATE_FEATURES.iter().map(|(f, _)| (*f).to_owned()))
        .collect()
}

/// Where a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// A way of [`super::speaker`], by index.
    Way(usize),
    /// The subject of the quotation's sentence.
    Subject,
    /// The speaker of the quotation it continues.
    Continued,
    /// A name in its sentence or the sentence before.
    NameNearby,
    /// The subject of the verb its words hang from, as the parse reads it.
    Parsed,
}

/// One candidate speaker of a quotation, with its features.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) said: Said,
    /// The hand rules chose it.
    pub(super) rule_choice: bool,
    pub(super) features: Vec<f32>,
}

/// A candidate's features, set by name.
#[derive(Debug)]
pub(super) struct FeatureRow {
    values: Vec<f32>,
    /// The named features and where they start in `values`.
    names: &'static [(&'static str, &'static str)],
    offset: usize,
}

impl FeatureRow {
    /// A row of zeros for a candidate from `source`, its way's or kind's one-hot set.
    pub(super) fn candidate(source: Source) -> Self {
        let ways = super::speaker::way_names().count();
        let mut row = Self {
            values: vec![0.0; ways + CANDIDATE_FEATURES.len()],
            names: CANDIDATE_FEATURES,
            offset: ways,
        };
        match source {
            Source::Way(i) => row.values[i] = 1.0,
            Source::Subject => row.set("subject", 1.0),
            Source::Continued => row.set("continued", 1.0),
            Source::NameNearby => row.set("name_nearby", 1.0),
            Source::Parsed => row.set("parsed_subject", 1.0),
        }
        row
    }

    /// A row of zeros for the nobody option, its bias set.
    pub(super) fn nobody() -> Self {
        let mut row = Self {
            values: vec![0.0; NOBODY_FEATURES.len()],
            names: NOBODY_FEATURES,
            offset: 0,
        };
        row.set("bias", 1.0);
        row
    }

    /// Sets a named feature. The names are this module's own: a wrong one is a bug, caught in
    /// tests (elsewhere the value is dropped).
    pub(super) fn set(&mut self, name: &str, value: f32) {
        match self.names.iter().position(|(n, _)| *n == name) {
            Some(i) => self.values[self.offset + i] = value,
            None => debug_assert!(false, "no feature {name}"),
        }
    }

    /// Sets a feature that is a flag.
    pub(super) fn flag(&mut self, name: &str, on: bool) {
        self.set(name, f32::from(u8::from(on)));
    }

    /// Sets a feature that is a count, as `ln(1 + n)`: the first few make the difference.
    pub(super) fn count(&mut self, name: &str, n: usize) {
        #[allow(clippy::cast_precision_loss)]
        self.set(name, (n as f32).ln_1p());
    }

    pub(super) fn into_values(self) -> Vec<f32> {
        self.values
    }
}

/// Weights of the speaker choice.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerModel {
    candidate: Vec<f32>,
    nobody: Vec<f32>,
    /// The confidence under which a speaker is left out unless a request says otherwise:
    /// chosen on the folds so that at most 5% of quotations get a wrong speaker.
    min_confidence: f32,
    /// Its scores were learned, so that their softmax is a probability (the hand rules' are
    /// not: their speakers' confidence is reported as 0).
    learned: bool,
    /// The softmax's map to the share of speakers right, fitted out of fold: rising
    /// (upper bound of the softmax, share right) knots; empty, the softmax itself.
    calibration: Vec<(f32, f32)>,
}

impl SpeakerModel {
    /// The model shipped with the crate.
    #[must_use]
    pub fn embedded() -> &'static SpeakerModel {
        static MODEL: LazyLock<SpeakerModel> = LazyLock::new(|| {
            // A test reads the embedded file; the rules' choice is the fallback all the same.
            SpeakerModel::from_json(EMBEDDED).unwrap_or_else(|_| SpeakerModel::rules())
        });
        &MODEL
    }

    /// [`SpeakerModel::rules`], made once.
    #[must_use]
    pub fn hand_rules() -> &'static SpeakerModel {
        static MODEL: LazyLock<SpeakerModel> = LazyLock::new(SpeakerModel::rules);
        &MODEL
    }

    /// The choice the hand rules made: their candidate, else nobody.
    #[must_use]
    pub fn rules() -> Self {
        let names = candidate_feature_names();
        let mut candidate = vec![0.0; names.len()];
        if let Some(i) = names.iter().position(|n| n == "rule_choice") {
            candidate[i] = 2.0;
        }
        let mut nobody = vec![0.0; NOBODY_FEATURES.len()];
        nobody[0] = 1.0;
        Self {
            candidate,
            nobody,
            min_confidence: 0.0,
            learned: false,
            calibration: Vec::new(),
        }
    }

    /// The confidence under which its speakers are left out by default.
    #[must_use]
    pub fn min_confidence(&self) -> f32 {
        self.min_confidence
    }

    /// Reads a model file: `{"candidate": {name: weight}, "nobody": {name: weight},
    /// "min_confidence": 0.5}` with every feature named once (`min_confidence` 0 when absent;
    /// other keys are notes and are ignored).
    ///
    /// # Errors
    /// A message naming what is missing, unknown or not a number.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("speaker model: {e}"))?;
        let read = |part: &str, names: &[String]| -> Result<Vec<f32>, String> {
            let weights: HashMap<String, f64> =
                serde_json::from_value(value.get(part).cloned().unwrap_or_default())
                    .map_err(|e| format!("speaker model: {part}: {e}"))?;
            if let Some(unknown) = weights.keys().find(|k| !names.contains(k)) {
                return Err(format!("speaker model: {part}: unknown feature {unknown}"));
            }
            names
                .iter()
                .map(|n| {
                    #[allow(clippy::cast_possible_truncation)]
                    weights
                        .get(n)
                        .map(|w| *w as f32)
                        .ok_or_else(|| format!("speaker model: {part}: no weight for {n}"))
                })
                .collect()
        };
        let min_confidence = match value.get("min_confidence") {
            None => 0.0,
            #[allow(clippy::cast_possible_truncation)]
            Some(v) => v
                .as_f64()
                .filter(|c| (0.0..=1.0).contains(c))
                .ok_or("speaker model: min_confidence is not a number from 0 to 1")?
                as f32,
        };
        Ok(Self {
            candidate: read("candidate", &candidate_feature_names())?,
            nobody: read("nobody", &nobody_feature_names())?,
            min_confidence,
            learned: true,
            calibration: calibration(&value)?,
        })
    }

    /// The share of speakers right among those given with softmax `raw`: read linearly
    /// between the calibration's knots (the map keeps the softmax's order), flat beyond them.
    fn calibrated(&self, raw: f32) -> f32 {
        let knots = &self.calibration;
        let Some(&(first_upper, first_share)) = knots.first() else {
            return raw;
        };
        if raw <= first_upper {
            return first_share;
        }
        for pair in knots.windows(2) {
            let ((u0, s0), (u1, s1)) = (pair[0], pair[1]);
            if raw <= u1 {
                return if u1 > u0 {
                    s0 + (s1 - s0) * (raw - u0) / (u1 - u0)
                } else {
                    s1
                };
            }
        }
        knots.last().map_or(raw, |&(_, share)| share)
    }

    fn score(weights: &[f32], features: &[f32]) -> f32 {
        weights.iter().zip(features).map(|(w, x)| w * x).sum()
    }

    /// The best-scored candidate with the model's probability of it among all the options
    /// (nobody included), or `None` when nobody scores higher than every candidate.
    pub(super) fn choose<'c>(
        &self,
        candidates: &'c [Candidate],
        nobody: &[f32],
    ) -> Option<(&'c Candidate, f32)> {
        let scores: Vec<f32> = candidates
            .iter()
            .map(|c| Self::score(&self.candidate, &c.features))
            .collect();
        let floor = Self::score(&self.nobody, nobody);
        let mut best: Option<usize> = None;
        for (i, s) in scores.iter().enumerate() {
            if best.is_none_or(|b| *s > scores[b]) {
                best = Some(i);
            }
        }
        let best = best.filter(|&b| scores[b] > floor)?;
        // A softmax over the options, shifted by the best score so that no term overflows.
        let top = scores[best];
        let total: f32 = scores.iter().map(|s| (s - top).exp()).sum::<f32>() + (floor - top).exp();
        let confidence = if self.learned {
            self.calibrated(1.0 / total)
        } else {
            0.0
        };
        Some((&candidates[best], confidence))
    }
}

/// A model file's `calibration`: `[[upper, share], ...]`, both from 0 to 1, bounds rising.
fn calibration(value: &serde_json::Value) -> Result<Vec<(f32, f32)>, String> {
    let Some(knots) = value.get("calibration") else {
        return Ok(Vec::new());
    };
    let bad = || "speaker model: calibration is not [[upper, share], ...] from 0 to 1".to_owned();
    let knots: Vec<(f64, f64)> = serde_json::from_value(knots.clone()).map_err(|_| bad())?;
    let in_range = |x: f64| (0.0..=1.0).contains(&x);
    if !knots.iter().all(|&(u, s)| in_range(u) && in_range(s))
        || !knots.windows(2).all(|w| w[0].0 <= w[1].0)
    {
        return Err(bad());
    }
    #[allow(clippy::cast_possible_truncation)]
    Ok(knots
        .into_iter()
        .map(|(u, s)| (u as f32, s as f32))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_names_every_feature() {
        assert!(
            SpeakerModel::from_json(EMBEDDED).is_ok(),
            "{:?}",
            SpeakerModel::from_json(EMBEDDED)
        );
    }

    #[test]
    fn a_model_file_with_an_unknown_or_missing_feature_is_refused() {
        let names = candidate_feature_names();
        let full: serde_json::Map<String, serde_json::Value> =
            names.iter().map(|n| (n.clone(), 0.5.into())).collect();
        let nobody: serde_json::Map<String, serde_json::Value> = nobody_feature_names()
            .into_iter()
            .map(|n| (n, 0.5.into()))
            .collect();
        let model = serde_json::json!({"candidate": full, "nobody": nobody});
        assert!(SpeakerModel::from_json(&model.to_string()).is_ok());
        let mut calibrated = model.clone();
        calibrated["calibration"] = serde_json::json!([[0.5, 0.4], [0.9, 0.8], [1.0, 0.97]]);
        let read = SpeakerModel::from_json(&calibrated.to_string()).expect("calibrated");
        let close = |a: f32, b: f32| (a - b).abs() < 1e-5;
        assert!(close(read.calibrated(0.3), 0.4));
        assert!(close(read.calibrated(0.7), 0.6), "halfway from 0.5 to 0.9");
        assert!(close(read.calibrated(1.0), 0.97));
        calibrated["calibration"] = serde_json::json!([[0.9, 0.4], [0.5, 0.8]]);
        assert!(SpeakerModel::from_json(&calibrated.to_string()).is_err());
        let mut unknown = model.clone();
        unknown["nobody"]["colour"] = 1.0.into();
        assert!(SpeakerModel::from_json(&unknown.to_string()).is_err_and(|e| e.contains("colour")));
        let mut missing = model;
        missing["candidate"]
            .as_object_mut()
            .map(|m| m.remove("pronoun"));
        assert!(
            SpeakerModel::from_json(&missing.to_string()).is_err_and(|e| e.contains("pronoun"))
        );
    }
}
