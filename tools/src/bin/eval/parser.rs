//! `eval parser`: how well the pipeline's greedy arc-standard dependency parser (its features,
//! `pipeline::stages::syntax`) learns the heads of PolNeAR's silver CoreNLP dependencies, trained
//! here by an averaged perceptron with a static oracle on the projective sentences, five folds by
//! article as `eval tagger`. Unlabelled attachment (UAS) over non-punctuation words, with the
//! silver tags as input and, given the fold's tagger (`--taggers DIR`), with its tags as the
//! pipeline sees them. `--save DIR` writes each fold's model.

use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::stages::syntax::{
    Inputs, LEFT, MOVES, Model, Parser, RIGHT, SHIFT, State, Tagger, best, normalise, tag_key,
    text_key, walk,
};
use rustc_hash::FxHashMap;

use crate::tagger::{Folds, Perceptron, Sentence, write_model};

/// The move the gold tree asks for (static oracle): an arc once the dependent has all its own
/// dependents (`children` counts them in the gold tree).
fn oracle(state: &State, gold: &[usize], children: &[usize]) -> u8 {
    if let (Some(s0), Some(s1)) = (state.stack(0), state.stack(1)) {
        if s1 != 0 && gold[s1] == s0 && state.attached(s1) == children[s1] {
            return LEFT;
        }
        if gold[s0] == s1
            && state.attached(s0) == children[s0]
            && (s1 != 0 || state.buffer(0).is_none())
        {
            return RIGHT;
        }
    }
    SHIFT
}

/// Whether a tree has no crossing arcs (the static oracle's trees).
fn projective(heads: &[usize]) -> bool {
    let arcs: Vec<(usize, usize)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| ((i + 1).min(h), (i + 1).max(h)))
        .collect();
    arcs.iter().all(|&(a, b)| {
        arcs.iter()
            .all(|&(c, d)| !(a < c && c < b && b < d || c < a && a < d && d < b))
    })
}

/// A sentence's inputs from its words and the tags' names.
fn inputs<'a>(words: &[String], tags: impl IntoIterator<Item = &'a str>) -> Inputs {
    Inputs::new(
        words.iter().map(|w| text_key(&normalise(w))),
        tags.into_iter().map(tag_key),
    )
}

fn train(
    sentences: &[&Sentence],
    tag_names: &[String],
    iterations: usize,
    min_weight: f32,
) -> Parser {
    let mut model = Perceptron::default();
    let mut scores = Vec::new();
    for _ in 0..iterations {
        for s in sentences {
            let n = s.words.len();
            if s.heads.len() != n || n == 0 || !projective(&s.heads) {
                continue;
            }
            let mut gold = vec![0];
            gold.extend(&s.heads);
            let mut children = vec![0; n + 1];
            for &h in &s.heads {
                children[h] += 1;
            }
            let tags = s.tags.iter().map(|&t| tag_names[usize::from(t)].as_str());
            walk(&inputs(&s.words, tags), |state, f| {
                model.scores_into(f, MOVES.len(), &mut scores);
                for (mv, score) in scores.iter_mut().enumerate() {
                    if !state.valid(u8::try_from(mv).unwrap_or(SHIFT)) {
                        *score = f32::NEG_INFINITY;
                    }
                }
                let truth = oracle(state, &gold, &children);
                model.update(truth, best(&scores), f);
                truth
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
    fn the_oracle_rebuilds_a_projective_tree_and_crossing_arcs_are_told() {
        // `The council passed the budget`: the→council, council→passed, passed→root,
        // the→budget, budget→passed.
        let gold_heads = [2, 3, 0, 5, 3];
        assert!(projective(&gold_heads));
        assert!(!projective(&[3, 4, 0, 3]));
        let n = gold_heads.len();
        let mut gold = vec![0];
        gold.extend(gold_heads);
        let mut children = vec![0; n + 1];
        for &h in &gold_heads {
            children[h] += 1;
        }
        let words: Vec<String> = ["the", "council", "passed", "the", "budget"]
            .map(String::from)
            .to_vec();
        let state = walk(
            &inputs(&words, ["DT", "NN", "VBD", "DT", "NN"]),
            |state, _| {
                let mv = oracle(state, &gold, &children);
                assert!(state.valid(mv), "{mv}");
                mv
            },
        );
        assert_eq!(state.heads(), gold_heads);
    }
}
