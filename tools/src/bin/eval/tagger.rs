//! `eval tagger`: how well an averaged-perceptron part-of-speech tagger of our own (Collins 2002;
//! the features of Honnibal's 2013 "good POS tagger in about 200 lines") learns the Penn Treebank
//! tags of PolNeAR's silver CoreNLP annotation, five folds by article (the shared partition of
//! `polnear-quotes`): each fold tagged by a model trained on the other four. The first measured
//! step of issue 33's analyser; nothing of it ships yet.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::stages::syntax::{
    Model, START_TAGS, Tagger, best, context, tag_features as features, tag_key,
};
use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::split::Split;

/// One sentence: its words and their gold tags.
pub(crate) struct Sentence {
    pub(crate) words: Vec<String>,
    pub(crate) tags: Vec<u8>,
    /// Each word's head (1-based, 0 for the root), from the silver dependencies.
    pub(crate) heads: Vec<usize>,
    /// Each word's relation to its head, by number (`Folds::labels`).
    pub(crate) labels: Vec<u8>,
}

/// One class's weight of a feature, with what averaging needs.
#[derive(Clone, Copy)]
struct Param {
    class: u8,
    weight: f32,
    total: f64,
    stamp: u64,
}

/// An averaged perceptron over hashed features.
#[derive(Default)]
pub(crate) struct Perceptron {
    weights: HashMap<u64, Vec<Param>>,
    updates: u64,
}

impl Perceptron {
    /// Each class's score of `features`, into `scores` (resized to `classes`).
    pub(crate) fn scores_into(&self, features: &[u64], classes: usize, scores: &mut Vec<f32>) {
        scores.clear();
        scores.resize(classes, 0.0);
        for f in features {
            for p in self.weights.get(f).map_or(&[][..], Vec::as_slice) {
                scores[usize::from(p.class)] += p.weight;
            }
        }
    }

    pub(crate) fn update(&mut self, truth: u8, guess: u8, features: &[u64]) {
        self.updates += 1;
        if truth == guess {
            return;
        }
        for &f in features {
            self.adjust(f, truth, 1.0);
            self.adjust(f, guess, -1.0);
        }
    }

    /// A ranker's update (one class, its score): towards the right item's features, away from
    /// the guessed one's.
    pub(crate) fn update_ranked(&mut self, truth: &[u64], guess: &[u64]) {
        self.updates += 1;
        for &f in truth {
            self.adjust(f, 0, 1.0);
        }
        for &f in guess {
            self.adjust(f, 0, -1.0);
        }
    }

    /// Adds `delta` to one class's weight of feature `f`, keeping the running total averaging
    /// reads.
    fn adjust(&mut self, f: u64, class: u8, delta: f32) {
        let now = self.updates;
        let params = self.weights.entry(f).or_default();
        let at = params
            .iter()
            .position(|p| p.class == class)
            .unwrap_or_else(|| {
                params.push(Param {
                    class,
                    weight: 0.0,
                    total: 0.0,
                    stamp: now,
                });
                params.len() - 1
            });
        let p = &mut params[at];
        p.total += f64::from(p.weight) * (now - p.stamp) as f64;
        p.stamp = now;
        p.weight += delta;
    }

    /// The averaged weights as the library's model, with its classes and dictionary; weights
    /// smaller than `min_weight` left out (they seldom change a choice and make most of the file).
    pub(crate) fn into_model(
        self,
        classes: &[String],
        dictionary: FxHashMap<String, u8>,
        min_weight: f32,
    ) -> Model {
        let features = self.weights.into_iter().map(move |(k, params)| {
            let weights = params
                .into_iter()
                .filter(|p| p.weight.abs() >= min_weight)
                .map(|p| (p.class, p.weight))
                .collect();
            (k, weights)
        });
        Model::new(classes.to_vec(), dictionary, features)
    }

    /// Every weight replaced by its average over all updates, and weights that round to nothing
    /// dropped.
    pub(crate) fn average(&mut self) {
        let now = self.updates.max(1);
        for params in self.weights.values_mut() {
            for p in params.iter_mut() {
                let total = p.total + f64::from(p.weight) * (now - p.stamp) as f64;
                p.weight = (total / now as f64) as f32;
            }
            params.retain(|p| p.weight.abs() >= 1e-3);
        }
        self.weights.retain(|_, params| !params.is_empty());
    }
}

/// Trains a tagger on `sentences` (the library's features, so that what is learned here is
/// what the pipeline reads).
fn train(sentences: &[&Sentence], tags: &[String], iterations: usize) -> Tagger {
    let mut counts: HashMap<&str, HashMap<u8, usize>> = HashMap::new();
    for s in sentences {
        for (w, &t) in s.words.iter().zip(&s.tags) {
            *counts.entry(w.as_str()).or_default().entry(t).or_default() += 1;
        }
    }
    // Words seen 20 times or more with one tag 97% of the time are tagged by the dictionary.
    let dictionary: FxHashMap<String, u8> = counts
        .into_iter()
        .filter_map(|(w, by_tag)| {
            let n: usize = by_tag.values().sum();
            let (&tag, &top) = by_tag.iter().max_by_key(|&(_, c)| *c)?;
            (n >= 20 && top * 100 >= n * 97).then(|| (w.to_owned(), tag))
        })
        .collect();
    let tag_keys: Vec<u64> = tags.iter().map(|t| tag_key(t)).collect();
    let mut model = Perceptron::default();
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut scores = Vec::new();
    for iteration in 0..iterations {
        for &k in &order {
            let s = sentences[k];
            let context = context(&s.words);
            let (mut prev, mut prev2) = START_TAGS;
            for (i, word) in s.words.iter().enumerate() {
                let guess = if let Some(&t) = dictionary.get(word) {
                    t
                } else {
                    let f = features(&context, i, prev, prev2);
                    model.scores_into(&f, tags.len(), &mut scores);
                    let guess = best(&scores);
                    model.update(s.tags[i], guess, &f);
                    guess
                };
                prev2 = prev;
                prev = tag_keys[usize::from(guess)];
            }
        }
        // A fixed shuffle per iteration: runs repeat.
        let len = order.len();
        for i in (1..len).rev() {
            let j = (i * 7919 + iteration * 104_729) % (i + 1);
            order.swap(i, j);
        }
    }
    model.average();
    Tagger::new(model.into_model(tags, dictionary, 0.0))
}

/// Articles of the syntax file, each with its sentences.
fn read(
    path: &Path,
    tags: &mut Vec<String>,
    labels: &mut Vec<String>,
) -> Result<Vec<(String, Vec<Sentence>)>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut index: HashMap<String, u8> = HashMap::new();
    let mut label_index: HashMap<String, u8> = HashMap::new();
    let mut articles = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let article: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let id = article["id"].as_str().unwrap_or_default().to_owned();
        let mut sentences = Vec::new();
        for s in article["sentences"].as_array().into_iter().flatten() {
            let mut sentence = Sentence {
                words: Vec::new(),
                tags: Vec::new(),
                heads: s["deps"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|d| {
                        d[0].as_u64()
                            .and_then(|h| usize::try_from(h).ok())
                            .unwrap_or(0)
                    })
                    .collect(),
                labels: Vec::new(),
            };
            for d in s["deps"].as_array().into_iter().flatten() {
                let label = d[1].as_str().unwrap_or_default().to_owned();
                let next =
                    u8::try_from(label_index.len()).map_err(|_| "over 255 labels".to_owned())?;
                let id = *label_index.entry(label.clone()).or_insert_with(|| {
                    labels.push(label);
                    next
                });
                sentence.labels.push(id);
            }
            for token in s["tokens"].as_array().into_iter().flatten() {
                let word = token[0].as_str().unwrap_or_default().to_owned();
                let tag = token[4].as_str().unwrap_or_default().to_owned();
                let next = u8::try_from(index.len()).map_err(|_| "over 255 tags".to_owned())?;
                let id = *index.entry(tag.clone()).or_insert_with(|| {
                    tags.push(tag);
                    next
                });
                sentence.words.push(word);
                sentence.tags.push(id);
            }
            sentences.push(sentence);
        }
        articles.push((id, sentences));
    }
    Ok(articles)
}

/// The silver train split, its tags, and the articles' folds: those of their quotations' corpus.
pub(crate) struct Folds {
    pub(crate) tags: Vec<String>,
    /// The dependency relations' names, by number.
    pub(crate) labels: Vec<String>,
    articles: Vec<(String, Vec<Sentence>)>,
    split: Split,
}

impl Folds {
    pub(crate) fn read(folder: &Path) -> Result<Self, String> {
        let (mut tags, mut labels) = (Vec::new(), Vec::new());
        let articles = read(
            &folder.join("train-syntax.jsonl.gz"),
            &mut tags,
            &mut labels,
        )?;
        let split = Split::of(&folder.join("../polnear-quotes/train.jsonl"));
        Ok(Self {
            tags,
            labels,
            articles,
            split,
        })
    }

    /// The articles of `fold` (held out) and the sentences of the other four (to train on).
    pub(crate) fn split(&self, fold: u8) -> (Vec<&[Sentence]>, Vec<&Sentence>) {
        let (held, train): (Vec<_>, Vec<_>) = self
            .articles
            .iter()
            .partition(|(id, _)| self.split.fold(id) == fold);
        (
            held.iter().map(|(_, s)| s.as_slice()).collect(),
            train.iter().flat_map(|(_, s)| s).collect(),
        )
    }
}

/// Trains and scores the tagger on each of the five folds; prints each fold's tag accuracy,
/// their mean, the speed of tagging and the model's size. With `save`, writes each fold's model
/// (trained without it) as `save/tagger-fold-K.model`.
pub fn run(
    folder: &Path,
    iterations: usize,
    folds: usize,
    save: Option<&Path>,
) -> Result<bool, String> {
    let corpus = Folds::read(folder)?;
    let tags = &corpus.tags;
    let mut accuracies = Vec::new();
    for fold in 0..folds.min(5) {
        let fold = u8::try_from(fold).unwrap_or(0);
        let (held, train_sentences) = corpus.split(fold);
        let started = Instant::now();
        let tagger = train(&train_sentences, tags, iterations);
        let trained = started.elapsed().as_secs_f64();
        let (mut right, mut all) = (0usize, 0usize);
        let started = Instant::now();
        for sentences in &held {
            for s in *sentences {
                let got = tagger.tag(&s.words);
                right += got.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
                all += s.tags.len();
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let accuracy = right as f64 / all.max(1) as f64;
        accuracies.push(accuracy);
        let bytes = tagger.model().to_bytes();
        println!(
            "fold {fold}: {} articles held out, {all} tokens: tag accuracy {:.4}; trained in \
             {trained:.0} s on {} sentences; tags {:.0} tokens/s (one core); model {} features, \
             {:.1} MB",
            held.len(),
            accuracy,
            train_sentences.len(),
            all as f64 / seconds.max(1e-9),
            tagger.model().features(),
            bytes.len() as f64 / 1e6
        );
        if let Some(dir) = save {
            write_model(dir, &format!("tagger-fold-{fold}.model"), &bytes)?;
        }
    }
    let mean = accuracies.iter().sum::<f64>() / accuracies.len().max(1) as f64;
    println!(
        "tag accuracy, mean of {} folds: {mean:.4} ({} tags, {iterations} iterations)",
        accuracies.len(),
        tags.len()
    );
    Ok(true)
}

/// Writes a model file into `dir` (created if need be).
pub(crate) fn write_model(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_perceptron_learns_a_separable_tagging() {
        let tags: Vec<String> = ["DT", "NN", "VBD"].map(String::from).to_vec();
        let sentence = |words: &[&str], t: &[u8]| Sentence {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            tags: t.to_vec(),
            heads: Vec::new(),
            labels: Vec::new(),
        };
        let data: Vec<Sentence> = (0..30)
            .map(|_| sentence(&["the", "dog", "barked"], &[0, 1, 2]))
            .chain((0..30).map(|_| sentence(&["a", "cat", "slept"], &[0, 1, 2])))
            .collect();
        let refs: Vec<&Sentence> = data.iter().collect();
        let tagger = train(&refs, &tags, 5);
        let words: Vec<String> = ["the", "cat", "barked"].map(String::from).to_vec();
        assert_eq!(tagger.tag(&words), [0, 1, 2]);
    }
}
