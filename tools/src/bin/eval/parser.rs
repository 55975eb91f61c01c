//! `eval parser`: how well the pipeline's greedy arc-eager dependency parser (its features,
//! `pipeline::stages::syntax`) learns the heads of PolNeAR's silver CoreNLP dependencies, trained
//! here by an averaged perceptron with a dynamic oracle, five folds by article as `eval tagger`. Unlabelled attachment (UAS) over non-punctuation words, with the
//! silver tags as input and, given the fold's tagger (`--taggers DIR`), with its tags as the
//! pipeline sees them. `--save DIR` writes each fold's model.

use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::stages::syntax::{
    Inputs, LEFT, MOVES, Model, Parser, RIGHT, SHIFT, State, Tagger, normalise, tag_key, text_key,
    walk,
};
use rustc_hash::FxHashMap;

use crate::tagger::{Folds, Perceptron, Sentence, write_model};

/// What a move costs against the gold tree (`gold[w]`: word w's head, 0 the root): the gold
/// arcs it makes impossible to build (the arc-eager dynamic oracle of Goldberg & Nivre 2012). A
/// word the root heads loses nothing while it can still be popped headless at the end.
fn cost(state: &State, mv: u8, gold: &[usize]) -> usize {
    let (Some(s), b) = (state.stack(0), state.buffer(0)) else {
        return 0;
    };
    let stack = state.stack_words();
    let headless = |k: usize| k != 0 && state.head(k).is_none();
    let buffer = state.buffer_words();
    match (mv, b) {
        (SHIFT, Some(b)) => {
            stack
                .iter()
                .filter(|&&k| headless(k) && gold[k] == b)
                .count()
                + usize::from(gold[b] != 0 && stack.contains(&gold[b]))
        }
        (LEFT, Some(b)) => {
            usize::from(gold[s] != b && (buffer.contains(&gold[s]) || gold[s] == 0))
                + buffer.filter(|&k| gold[k] == s).count()
        }
        (RIGHT, Some(b)) => {
            let head_elsewhere = gold[b] != s
                && (gold[b] == 0
                    || (buffer.contains(&gold[b]) && gold[b] != b)
                    || stack.contains(&gold[b]));
            usize::from(head_elsewhere)
                + stack
                    .iter()
                    .filter(|&&k| headless(k) && gold[k] == b)
                    .count()
        }
        _ => buffer.filter(|&k| gold[k] == s).count(),
    }
}

/// A fixed pseudo-random number in [0, 1) from three counters: training runs repeat.
fn chance(a: usize, b: usize, c: usize) -> f64 {
    let mut h = (a as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (b as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9)
        ^ (c as u64).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^= h >> 31;
    h = h.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    h ^= h >> 32;
    (h % 1_000_000) as f64 / 1e6
}

/// A sentence's inputs from its words and the tags' names.
fn inputs<'a>(words: &[String], tags: impl IntoIterator<Item = &'a str>) -> Inputs {
    Inputs::new(
        words.iter().map(|w| text_key(&normalise(w))),
        tags.into_iter().map(tag_key),
    )
}

/// Trains on every sentence with the dynamic oracle: where the model's move costs more than the
/// cheapest, it learns the best-scored cheapest move; from the second pass on it follows its own
/// move nine times in ten (so it learns to recover from its mistakes), else the cheapest.
fn train(
    sentences: &[&Sentence],
    tag_names: &[String],
    iterations: usize,
    min_weight: f32,
) -> Parser {
    let mut model = Perceptron::default();
    let mut scores = Vec::new();
    for iteration in 0..iterations {
        for (k, s) in sentences.iter().enumerate() {
            let n = s.words.len();
            if s.heads.len() != n || n == 0 {
                continue;
            }
            let mut gold = vec![0];
            gold.extend(&s.heads);
            let tags = s.tags.iter().map(|&t| tag_names[usize::from(t)].as_str());
            let mut step = 0;
            walk(&inputs(&s.words, tags), |state, f| {
                step += 1;
                model.scores_into(f, MOVES.len(), &mut scores);
                let valid: Vec<u8> = (0..MOVES.len() as u8).filter(|&m| state.valid(m)).collect();
                let costs: Vec<usize> = valid.iter().map(|&m| cost(state, m, &gold)).collect();
                let cheapest = costs.iter().copied().min().unwrap_or(0);
                let by_score = |a: &&u8, b: &&u8| {
                    scores[usize::from(**a)].total_cmp(&scores[usize::from(**b)])
                };
                let predicted = valid.iter().max_by(by_score).copied().unwrap_or(SHIFT);
                let best_right = valid
                    .iter()
                    .zip(&costs)
                    .filter(|(_, c)| **c == cheapest)
                    .map(|(m, _)| m)
                    .max_by(by_score)
                    .copied()
                    .unwrap_or(SHIFT);
                let predicted_cost = valid
                    .iter()
                    .position(|&m| m == predicted)
                    .map_or(usize::MAX, |i| costs[i]);
                if predicted_cost > cheapest {
                    model.update(best_right, predicted, f);
                } else {
                    model.update(predicted, predicted, f);
                }
                if iteration > 0 && chance(iteration, k, step) < 0.9 {
                    predicted
                } else {
                    best_right
                }
            });
        }
    }
    model.average();
    let moves: Vec<String> = MOVES.iter().map(|m| (*m).to_owned()).collect();
    Parser::new(model.into_model(&moves, FxHashMap::default(), min_weight))
}

/// Penn Treebank punctuation tags, left out of attachment scores as is the custom.
fn is_punctuation(tag: &str) -> bool {
    matches!(
        tag,
        "``" | "''" | "," | "." | ":" | "-LRB-" | "-RRB-" | "#" | "$"
    )
}

/// Right heads and words scored (punctuation left out) of `parser` on `sentences`, with the
/// silver tags or, given a tagger, its tags.
fn attachment(
    parser: &Parser,
    sentences: &[&[Sentence]],
    tag_names: &[String],
    tagger: Option<&Tagger>,
) -> (usize, usize, usize) {
    let (mut right, mut all, mut tokens) = (0usize, 0usize, 0usize);
    for s in sentences.iter().flat_map(|a| a.iter()) {
        if s.heads.len() != s.words.len() {
            continue;
        }
        let heads = match tagger {
            Some(tagger) => {
                let tags = tagger.tag(&s.words);
                let names = tags.iter().map(|&t| tagger.tags()[usize::from(t)].as_str());
                parser.parse(&inputs(&s.words, names))
            }
            None => parser.parse(&inputs(
                &s.words,
                s.tags.iter().map(|&t| tag_names[usize::from(t)].as_str()),
            )),
        };
        tokens += heads.len();
        for (k, (&got, &gold)) in heads.iter().zip(&s.heads).enumerate() {
            if !is_punctuation(&tag_names[usize::from(s.tags[k])]) {
                all += 1;
                right += usize::from(got == gold);
            }
        }
    }
    (right, all, tokens)
}

/// Trains and scores the parser on each fold; prints UAS per fold (silver tags, and the fold's
/// tagger's when `taggers` holds them), the mean, speed and size; `save` writes the models.
pub fn run(
    folder: &Path,
    iterations: usize,
    min_weight: f32,
    folds: usize,
    taggers: Option<&Path>,
    save: Option<&Path>,
) -> Result<bool, String> {
    let corpus = Folds::read(folder)?;
    let tag_names = &corpus.tags;
    let (mut silver, mut predicted) = (Vec::new(), Vec::new());
    for fold in 0..folds.min(5) {
        let fold = u8::try_from(fold).unwrap_or(0);
        let (held, train_sentences) = corpus.split(fold);
        let started = Instant::now();
        let parser = train(&train_sentences, tag_names, iterations, min_weight);
        let trained = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let (right, all, tokens) = attachment(&parser, &held, tag_names, None);
        let seconds = started.elapsed().as_secs_f64();
        let uas = right as f64 / all.max(1) as f64;
        silver.push(uas);
        let bytes = parser.model().to_bytes();
        print!(
            "fold {fold}: {} articles held out: UAS {uas:.4} ({all} words, punctuation left out); \
             trained in {trained:.0} s; parses {:.0} tokens/s (one core); model {} features, \
             {:.1} MB",
            held.len(),
            tokens as f64 / seconds.max(1e-9),
            parser.model().features(),
            bytes.len() as f64 / 1e6
        );
        if let Some(dir) = taggers {
            let path = dir.join(format!("tagger-fold-{fold}.model"));
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let tagger = Tagger::new(Model::from_bytes(&bytes)?);
            let started = Instant::now();
            let (right, all, tokens) = attachment(&parser, &held, tag_names, Some(&tagger));
            let seconds = started.elapsed().as_secs_f64();
            let uas = right as f64 / all.max(1) as f64;
            predicted.push(uas);
            print!(
                "; with the fold's tagger: UAS {uas:.4}, tags and parses {:.0} tokens/s",
                tokens as f64 / seconds.max(1e-9)
            );
        }
        println!();
        if let Some(dir) = save {
            write_model(dir, &format!("parser-fold-{fold}.model"), &bytes)?;
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    println!(
        "UAS, mean of {} folds: {:.4} with silver tags{} ({iterations} iterations, weights \
         under {min_weight} left out)",
        silver.len(),
        mean(&silver),
        if predicted.is_empty() {
            String::new()
        } else {
            format!(", {:.4} with the folds' taggers' tags", mean(&predicted))
        }
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheapest_moves_rebuild_the_gold_tree() {
        // `The council passed the budget`: the→council, council→passed, passed→root,
        // the→budget, budget→passed.
        let gold_heads = [2, 3, 0, 5, 3];
        let mut gold = vec![0];
        gold.extend(gold_heads);
        let words: Vec<String> = ["the", "council", "passed", "the", "budget"]
            .map(String::from)
            .to_vec();
        let state = walk(
            &inputs(&words, ["DT", "NN", "VBD", "DT", "NN"]),
            |state, _| {
                (0..MOVES.len() as u8)
                    .filter(|&m| state.valid(m))
                    .min_by_key(|&m| cost(state, m, &gold))
                    .unwrap_or(SHIFT)
            },
        );
        assert_eq!(state.heads(), gold_heads);
        // A wrong arc costs the gold arcs it rules out.
        let mut state = State::new(5);
        state.apply(SHIFT);
        // Council would hang from `the`, and `the` could no longer hang from council.
        assert_eq!(cost(&state, RIGHT, &gold), 2);
        assert_eq!(cost(&state, LEFT, &gold), 0);
    }
}
