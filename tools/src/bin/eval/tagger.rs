//! `eval tagger`: how well an averaged-perceptron part-of-speech tagger of our own (Collins 2002;
//! the features of Honnibal's 2013 "good POS tagger in about 200 lines") learns the Penn Treebank
//! tags of PolNeAR's silver CoreNLP annotation, five folds by article (the shared partition of
//! `polnear-quotes`): each fold tagged by a model trained on the other four. The first measured
//! step of issue 33's analyser; nothing of it ships yet.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::Instant;

use serde_json::Value;

use crate::split::Split;

/// One sentence: its words and their gold tags.
pub(crate) struct Sentence {
    pub(crate) words: Vec<String>,
    pub(crate) tags: Vec<u8>,
    /// Each word's head (1-based, 0 for the root), from the silver dependencies.
    pub(crate) heads: Vec<usize>,
}

/// A word as the features see it: lower case, numbers and hyphenated words by their shape.
pub(crate) fn normalise(word: &str) -> String {
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

/// A feature's key: its parts hashed (xxh3, stable across runs and machines), each part ended by
/// a byte no UTF-8 text holds so that `ab`+`c` and `a`+`bc` differ.
pub(crate) fn key(parts: &[&str]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update(&[0xff]);
    }
    hasher.digest()
}

/// The features of word `i` given the two tags before it.
fn features(context: &[String], i: usize, prev: &str, prev2: &str) -> [u64; 14] {
    // `context` holds two start markers before the words and two end markers after them.
    let j = i + 2;
    let word = &context[j];
    [
        key(&["bias"]),
        key(&["i suffix", suffix(word, 3)]),
        key(&["i pref1", word.get(..1).unwrap_or("")]),
        key(&["i-1 tag", prev]),
        key(&["i-2 tag", prev2]),
        key(&["i tag+i-2 tag", prev, prev2]),
        key(&["i word", word]),
        key(&["i-1 tag+i word", prev, word]),
        key(&["i-1 word", &context[j - 1]]),
        key(&["i-1 suffix", suffix(&context[j - 1], 3)]),
        key(&["i-2 word", &context[j - 2]]),
        key(&["i+1 word", &context[j + 1]]),
        key(&["i+1 suffix", suffix(&context[j + 1], 3)]),
        key(&["i+2 word", &context[j + 2]]),
    ]
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
    /// Features with a weight.
    pub(crate) fn weights_len(&self) -> usize {
        self.weights.len()
    }

    pub(crate) fn scores(&self, features: &[u64], classes: usize) -> Vec<f32> {
        let mut scores = vec![0.0f32; classes];
        for f in features {
            for p in self.weights.get(f).map_or(&[][..], Vec::as_slice) {
                scores[usize::from(p.class)] += p.weight;
            }
        }
        scores
    }

    fn predict(&self, features: &[u64], classes: usize) -> u8 {
        let scores = self.scores(features, classes);
        let best = (0..classes).max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)));
        u8::try_from(best.unwrap_or(0)).unwrap_or(0)
    }

    pub(crate) fn update(&mut self, truth: u8, guess: u8, features: &[u64]) {
        self.updates += 1;
        if truth == guess {
            return;
        }
        let now = self.updates;
        for &f in features {
            let params = self.weights.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
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
        }
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

/// A tagger: the perceptron and the words that always take one tag.
struct Tagger {
    model: Perceptron,
    tag_dict: HashMap<String, u8>,
    tags: Vec<String>,
}

impl Tagger {
    fn context(words: &[String]) -> Vec<String> {
        let mut context = vec!["-START-".to_owned(), "-START2-".to_owned()];
        context.extend(words.iter().map(|w| normalise(w)));
        context.extend(["-END-".to_owned(), "-END2-".to_owned()]);
        context
    }

    fn train(sentences: &[&Sentence], tags: &[String], iterations: usize) -> Self {
        let mut counts: HashMap<&str, HashMap<u8, usize>> = HashMap::new();
        for s in sentences {
            for (w, &t) in s.words.iter().zip(&s.tags) {
                *counts.entry(w.as_str()).or_default().entry(t).or_default() += 1;
            }
        }
        // Words seen 20 times or more with one tag 97% of the time are tagged by the dictionary.
        let tag_dict = counts
            .into_iter()
            .filter_map(|(w, by_tag)| {
                let n: usize = by_tag.values().sum();
                let (&tag, &top) = by_tag.iter().max_by_key(|&(_, c)| *c)?;
                (n >= 20 && top * 100 >= n * 97).then(|| (w.to_owned(), tag))
            })
            .collect();
        let mut tagger = Self {
            model: Perceptron::default(),
            tag_dict,
            tags: tags.to_vec(),
        };
        let mut order: Vec<usize> = (0..sentences.len()).collect();
        for iteration in 0..iterations {
            for &k in &order {
                let s = sentences[k];
                let context = Self::context(&s.words);
                let (mut prev, mut prev2) = ("-START-".to_owned(), "-START2-".to_owned());
                for (i, word) in s.words.iter().enumerate() {
                    let guess = if let Some(&t) = tagger.tag_dict.get(word) {
                        t
                    } else {
                        let f = features(&context, i, &prev, &prev2);
                        let guess = tagger.model.predict(&f, tags.len());
                        tagger.model.update(s.tags[i], guess, &f);
                        guess
                    };
                    prev2 = std::mem::replace(&mut prev, tags[usize::from(guess)].clone());
                }
            }
            // A fixed shuffle per iteration: runs repeat.
            let len = order.len();
            for i in (1..len).rev() {
                let j = (i * 7919 + iteration * 104_729) % (i + 1);
                order.swap(i, j);
            }
        }
        tagger.model.average();
        tagger
    }

    fn tag(&self, words: &[String]) -> Vec<u8> {
        let context = Self::context(words);
        let (mut prev, mut prev2) = ("-START-".to_owned(), "-START2-".to_owned());
        let mut out = Vec::with_capacity(words.len());
        for (i, word) in words.iter().enumerate() {
            let tag = self.tag_dict.get(word).copied().unwrap_or_else(|| {
                self.model
                    .predict(&features(&context, i, &prev, &prev2), self.tags.len())
            });
            prev2 = std::mem::replace(&mut prev, self.tags[usize::from(tag)].clone());
            out.push(tag);
        }
        out
    }

    /// Bytes of the model stored as (feature key, class, weight as f32) triples and the
    /// dictionary as its words and tags.
    fn stored_bytes(&self) -> usize {
        let params: usize = self.model.weights.values().map(Vec::len).sum();
        let features = self.model.weights.len();
        features * 8 + params * 5 + self.tag_dict.keys().map(|w| w.len() + 2).sum::<usize>()
    }
}

/// Articles of the syntax file, each with its sentences.
fn read(path: &Path, tags: &mut Vec<String>) -> Result<Vec<(String, Vec<Sentence>)>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut index: HashMap<String, u8> = HashMap::new();
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
            };
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
    articles: Vec<(String, Vec<Sentence>)>,
    split: Split,
}

impl Folds {
    pub(crate) fn read(folder: &Path) -> Result<Self, String> {
        let mut tags = Vec::new();
        let articles = read(&folder.join("train-syntax.jsonl.gz"), &mut tags)?;
        let split = Split::of(&folder.join("../polnear-quotes/train.jsonl"));
        Ok(Self {
            tags,
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
/// their mean, the speed of tagging and the model's size.
pub fn run(folder: &Path, iterations: usize, folds: usize) -> Result<bool, String> {
    let corpus = Folds::read(folder)?;
    let tags = &corpus.tags;
    let mut accuracies = Vec::new();
    for fold in 0..folds.min(5) {
        let fold = u8::try_from(fold).unwrap_or(0);
        let (held, train) = corpus.split(fold);
        let started = Instant::now();
        let tagger = Tagger::train(&train, tags, iterations);
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
        println!(
            "fold {fold}: {} articles held out, {all} tokens: tag accuracy {:.4}; trained in \
             {trained:.0} s on {} sentences; tags {:.0} tokens/s (one core); model {} features, \
             ~{:.1} MB stored",
            held.len(),
            accuracy,
            train.len(),
            all as f64 / seconds.max(1e-9),
            tagger.model.weights.len(),
            tagger.stored_bytes() as f64 / 1e6
        );
    }
    let mean = accuracies.iter().sum::<f64>() / accuracies.len().max(1) as f64;
    println!(
        "tag accuracy, mean of {} folds: {mean:.4} ({} tags, {iterations} iterations)",
        accuracies.len(),
        tags.len()
    );
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_read_by_shape_and_features_are_stable() {
        assert_eq!(normalise("Obama"), "obama");
        assert_eq!(normalise("2016"), "!YEAR");
        assert_eq!(normalise("3.5"), "!DIGITS");
        assert_eq!(normalise("well-known"), "!HYPHEN");
        assert_eq!(suffix("talks", 3), "lks");
        assert_eq!(suffix("él", 3), "él");
        assert_eq!(key(&["i word", "said"]), key(&["i word", "said"]));
        assert_ne!(key(&["i word", "said"]), key(&["i-1 word", "said"]));
        // The separator keeps `ab` + `c` apart from `a` + `bc`.
        assert_ne!(key(&["ab", "c"]), key(&["a", "bc"]));
    }

    #[test]
    fn the_perceptron_learns_a_separable_tagging() {
        let tags: Vec<String> = ["DT", "NN", "VBD"].map(String::from).to_vec();
        let sentence = |words: &[&str], t: &[u8]| Sentence {
            words: words.iter().map(|w| (*w).to_owned()).collect(),
            tags: t.to_vec(),
            heads: Vec::new(),
        };
        let data: Vec<Sentence> = (0..30)
            .map(|_| sentence(&["the", "dog", "barked"], &[0, 1, 2]))
            .chain((0..30).map(|_| sentence(&["a", "cat", "slept"], &[0, 1, 2])))
            .collect();
        let refs: Vec<&Sentence> = data.iter().collect();
        let tagger = Tagger::train(&refs, &tags, 5);
        let words: Vec<String> = ["the", "cat", "barked"].map(String::from).to_vec();
        assert_eq!(tagger.tag(&words), [0, 1, 2]);
    }
}
