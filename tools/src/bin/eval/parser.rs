//! `eval parser`: how well the pipeline's greedy arc-eager dependency parser (its features,
//! `pipeline::stages::syntax`) learns the heads of PolNeAR's silver CoreNLP dependencies, trained
//! here by an averaged perceptron with a dynamic oracle, five folds by article as `eval tagger`. Unlabelled attachment (UAS) over non-punctuation words, with the
//! silver tags as input and, given the fold's tagger (`--taggers DIR`), with its tags as the
//! pipeline sees them. `--save DIR` writes each fold's model.

use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::stages::syntax::{
    Inputs, LEFT, MOVES, Model, Parser, RIGHT, SHIFT, State, Tagger, best, key, normalise, tag_key,
    text_key, walk,
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

/// The features of word `d`'s relation to its head (1-based, 0 the root) in a parsed sentence:
/// what it and its head are, the direction and distance, its neighbours' tags, a comma between.
fn label_features(words: &[u64], tags: &[u64], heads: &[usize], d: usize) -> Vec<u64> {
    // `words` and `tags` hold the root at 0; `heads[d - 1]` is word d's head.
    let h = heads[d - 1];
    let (dw, dt, hw, ht) = (words[d], tags[d], words[h], tags[h]);
    let direction = u64::from(h < d) + 50;
    let distance = (d.abs_diff(h)).min(6) as u64 + 60;
    let before = tags.get(d - 1).copied().unwrap_or(0);
    let after = tags.get(d + 1).copied().unwrap_or(0);
    let comma = tag_key(",");
    let (lo, hi) = (d.min(h), d.max(h));
    let comma_between = u64::from(tags[lo + 1..hi].contains(&comma)) + 70;
    let children = heads.iter().filter(|&&x| x == d).count().min(3) as u64 + 80;
    vec![
        key(200, 0, 0, 0),
        key(201, dw, 0, 0),
        key(202, dt, 0, 0),
        key(203, hw, 0, 0),
        key(204, ht, 0, 0),
        key(205, dt, ht, direction),
        key(206, dw, ht, direction),
        key(207, dt, hw, direction),
        key(208, dt, ht, distance),
        key(209, dt, before, direction),
        key(210, dt, after, direction),
        key(211, dt, ht, comma_between),
        key(212, dt, children, direction),
        key(213, dw, hw, 0),
    ]
}

/// Trains the relation of each word to its head on the silver trees (silver tags), as a
/// classifier run after the parse.
fn train_labeller(
    sentences: &[&Sentence],
    tag_names: &[String],
    labels: &[String],
    iterations: usize,
) -> Perceptron {
    let mut model = Perceptron::default();
    let mut scores = Vec::new();
    for _ in 0..iterations {
        for s in sentences {
            if s.heads.len() != s.words.len() || s.labels.len() != s.words.len() {
                continue;
            }
            let (words, tags) = keys(
                &s.words,
                s.tags.iter().map(|&t| tag_names[usize::from(t)].as_str()),
            );
            for d in 1..=s.words.len() {
                let f = label_features(&words, &tags, &s.heads, d);
                model.scores_into(&f, labels.len(), &mut scores);
                model.update(s.labels[d - 1], best(&scores), &f);
            }
        }
    }
    model.average();
    model
}

/// Each word's key and tag's key, the root's first.
fn keys<'a>(words: &[String], tags: impl IntoIterator<Item = &'a str>) -> (Vec<u64>, Vec<u64>) {
    let mut w = vec![7];
    w.extend(words.iter().map(|x| text_key(&normalise(x))));
    let mut t = vec![7];
    t.extend(tags.into_iter().map(tag_key));
    (w, t)
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
    labeller: &Model,
    sentences: &[&[Sentence]],
    tag_names: &[String],
    tagger: Option<&Tagger>,
) -> (usize, usize, usize, usize) {
    let (mut right, mut all, mut tokens, mut labelled) = (0usize, 0usize, 0usize, 0usize);
    let mut scores = vec![0.0; labeller.classes.len()];
    for s in sentences.iter().flat_map(|a| a.iter()) {
        if s.heads.len() != s.words.len() {
            continue;
        }
        let names: Vec<&str> = match tagger {
            Some(tagger) => tagger
                .tag(&s.words)
                .iter()
                .map(|&t| tagger.tags()[usize::from(t)].as_str())
                .collect(),
            None => s
                .tags
                .iter()
                .map(|&t| tag_names[usize::from(t)].as_str())
                .collect(),
        };
        let heads = parser.parse(&inputs(&s.words, names.iter().copied()));
        let (words, tags) = keys(&s.words, names.iter().copied());
        tokens += heads.len();
        for (k, (&got, &gold)) in heads.iter().zip(&s.heads).enumerate() {
            if !is_punctuation(&tag_names[usize::from(s.tags[k])]) {
                all += 1;
                right += usize::from(got == gold);
                if got == gold && s.labels.len() == s.words.len() {
                    labeller.score(&label_features(&words, &tags, &heads, k + 1), &mut scores);
                    labelled += usize::from(best(&scores) == s.labels[k]);
                }
            }
        }
    }
    (right, all, tokens, labelled)
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
    let (mut silver_las, mut predicted_las) = (Vec::new(), Vec::new());
    for fold in 0..folds.min(5) {
        let fold = u8::try_from(fold).unwrap_or(0);
        let (held, train_sentences) = corpus.split(fold);
        let started = Instant::now();
        let parser = train(&train_sentences, tag_names, iterations, min_weight);
        let labeller = train_labeller(&train_sentences, tag_names, &corpus.labels, iterations)
            .into_model(&corpus.labels, FxHashMap::default(), min_weight / 2.0);
        let trained = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let (right, all, tokens, labelled) = attachment(&parser, &labeller, &held, tag_names, None);
        let seconds = started.elapsed().as_secs_f64();
        let uas = right as f64 / all.max(1) as f64;
        let las = labelled as f64 / all.max(1) as f64;
        silver.push(uas);
        silver_las.push(las);
        let bytes = parser.model().to_bytes();
        print!(
            "fold {fold}: {} articles held out: UAS {uas:.4}, LAS {las:.4} ({all} words, punctuation left out); \
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
            let (right, all, tokens, labelled) =
                attachment(&parser, &labeller, &held, tag_names, Some(&tagger));
            let seconds = started.elapsed().as_secs_f64();
            let uas = right as f64 / all.max(1) as f64;
            let las = labelled as f64 / all.max(1) as f64;
            predicted.push(uas);
            predicted_las.push(las);
            print!(
                "; with the fold's tagger: UAS {uas:.4}, LAS {las:.4}, tags and parses {:.0} tokens/s",
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
        "UAS / LAS, mean of {} folds: {:.4} / {:.4} with silver tags{} ({iterations} iterations, \
         weights under {min_weight} left out; labels by a classifier after the parse)",
        silver.len(),
        mean(&silver),
        mean(&silver_las),
        if predicted.is_empty() {
            String::new()
        } else {
            format!(
                ", {:.4} / {:.4} with the folds' taggers' tags",
                mean(&predicted),
                mean(&predicted_las)
            )
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
