//! `eval parser`: how well a greedy arc-standard dependency parser of our own (the tagger's
//! averaged perceptron, static oracle, projective sentences for training) learns the heads of
//! PolNeAR's silver CoreNLP dependencies, five folds by article as `eval tagger`. Unlabelled
//! attachment (UAS) over non-punctuation words, with the silver tags as input: the second
//! measured step of issue 33's analyser; nothing of it ships yet.

use std::path::Path;
use std::time::Instant;

use crate::tagger::{Folds, Perceptron, Sentence, key, normalise};

/// Transitions: move the next word onto the stack; make the stack's second word a dependent of
/// the top (left arc); make the top a dependent of the second (right arc).
const SHIFT: u8 = 0;
const LEFT: u8 = 1;
const RIGHT: u8 = 2;
const MOVES: usize = 3;

/// A parse in progress: words 1..=n, 0 the root.
struct State {
    stack: Vec<usize>,
    next: usize,
    n: usize,
    heads: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    fn new(n: usize) -> Self {
        Self {
            stack: vec![0],
            next: 1,
            n,
            heads: vec![0; n + 1],
            lefts: vec![Vec::new(); n + 1],
            rights: vec![Vec::new(); n + 1],
        }
    }

    fn done(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    fn valid(&self, mv: u8) -> bool {
        let depth = self.stack.len();
        match mv {
            SHIFT => self.next <= self.n,
            // The root takes one dependent, last.
            LEFT => depth >= 2 && self.stack[depth - 2] != 0,
            _ => depth >= 2 && (self.stack[depth - 2] != 0 || self.next > self.n),
        }
    }

    fn apply(&mut self, mv: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            LEFT => {
                let top = self.stack.len() - 1;
                let dependent = self.stack.remove(top - 1);
                let head = self.stack[top - 1];
                self.heads[dependent] = head;
                self.lefts[head].push(dependent);
            }
            _ => {
                let dependent = self.stack.pop().unwrap_or(0);
                let head = self.stack.last().copied().unwrap_or(0);
                self.heads[dependent] = head;
                self.rights[head].push(dependent);
            }
        }
    }

    /// The move the gold tree asks for (static oracle): an arc once the dependent has all its
    /// own dependents (`children` counts them in the gold tree).
    fn oracle(&self, gold: &[usize], children: &[usize]) -> u8 {
        let attached = |w: usize| self.lefts[w].len() + self.rights[w].len();
        let depth = self.stack.len();
        if depth >= 2 {
            let (s1, s0) = (self.stack[depth - 2], self.stack[depth - 1]);
            if s1 != 0 && gold[s1] == s0 && attached(s1) == children[s1] {
                return LEFT;
            }
            if gold[s0] == s1 && attached(s0) == children[s0] && (s1 != 0 || self.next > self.n) {
                return RIGHT;
            }
        }
        SHIFT
    }
}

/// The features of a state, from the words and tags of the sentence (index 0 the root).
fn features(state: &State, words: &[String], tags: &[&str]) -> Vec<u64> {
    let depth = state.stack.len();
    let at = |k: usize| (depth > k).then(|| state.stack[depth - 1 - k]);
    let word = |i: Option<usize>| i.map_or("-NONE-", |i| words[i].as_str());
    let tag = |i: Option<usize>| i.map_or("-NONE-", |i| tags[i]);
    let buffer = |k: usize| (state.next + k <= state.n).then_some(state.next + k);
    let (s0, s1, s2, b0, b1, b2) = (at(0), at(1), at(2), buffer(0), buffer(1), buffer(2));
    let valency = |i: Option<usize>| {
        i.map_or("-".to_owned(), |i| {
            format!(
                "{}/{}",
                state.lefts[i].len().min(3),
                state.rights[i].len().min(3)
            )
        })
    };
    let leftmost = |i: Option<usize>| i.and_then(|i| state.lefts[i].iter().min().copied());
    let rightmost = |i: Option<usize>| i.and_then(|i| state.rights[i].iter().max().copied());
    let distance = match (s0, s1) {
        (Some(a), Some(b)) => (a - b.min(a)).min(5).to_string(),
        _ => "-".to_owned(),
    };
    vec![
        key(&["bias"]),
        key(&["s0w", word(s0)]),
        key(&["s0t", tag(s0)]),
        key(&["s0wt", word(s0), tag(s0)]),
        key(&["s1w", word(s1)]),
        key(&["s1t", tag(s1)]),
        key(&["s1wt", word(s1), tag(s1)]),
        key(&["b0w", word(b0)]),
        key(&["b0t", tag(b0)]),
        key(&["b0wt", word(b0), tag(b0)]),
        key(&["b1w", word(b1)]),
        key(&["b1t", tag(b1)]),
        key(&["b2t", tag(b2)]),
        key(&["s0t b0t", tag(s0), tag(b0)]),
        key(&["s0w b0w", word(s0), word(b0)]),
        key(&["s1t s0t", tag(s1), tag(s0)]),
        key(&["s1w s0w", word(s1), word(s0)]),
        key(&["s1t s0t b0t", tag(s1), tag(s0), tag(b0)]),
        key(&["s0t b0t b1t", tag(s0), tag(b0), tag(b1)]),
        key(&["s0 lc", tag(leftmost(s0)), tag(s0)]),
        key(&["s0 rc", tag(rightmost(s0)), tag(s0)]),
        key(&["s1 lc", tag(leftmost(s1)), tag(s1)]),
        key(&["s1 rc", tag(rightmost(s1)), tag(s1)]),
        key(&["dist", &distance, tag(s0), tag(s1)]),
        key(&["s1w s0t", word(s1), tag(s0)]),
        key(&["s1t s0w", tag(s1), word(s0)]),
        key(&["s2t s1t s0t", tag(s2), tag(s1), tag(s0)]),
        key(&["s0w b0t", word(s0), tag(b0)]),
        key(&["s0t b0w", tag(s0), word(b0)]),
        key(&["s0 valency", &valency(s0), tag(s0)]),
        key(&["s1 valency", &valency(s1), tag(s1)]),
        key(&["s0 lc2", tag(leftmost(s0)), tag(s0), tag(s1)]),
        key(&["s1 rc2", tag(rightmost(s1)), tag(s1), tag(s0)]),
    ]
}

/// The best valid move by the model's scores.
fn best(model: &Perceptron, state: &State, f: &[u64]) -> u8 {
    let scores = model.scores(f, MOVES);
    (0..MOVES as u8)
        .filter(|&m| state.valid(m))
        .max_by(|&a, &b| scores[usize::from(a)].total_cmp(&scores[usize::from(b)]))
        .unwrap_or(SHIFT)
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

/// A sentence's words and tags with the root in front.
fn inputs<'a>(s: &Sentence, tag_names: &'a [String]) -> (Vec<String>, Vec<&'a str>) {
    let mut words = vec!["-ROOT-".to_owned()];
    words.extend(s.words.iter().map(|w| normalise(w)));
    let mut tags = vec!["-ROOT-"];
    tags.extend(s.tags.iter().map(|&t| tag_names[usize::from(t)].as_str()));
    (words, tags)
}

fn train(sentences: &[&Sentence], tag_names: &[String], iterations: usize) -> Perceptron {
    let mut model = Perceptron::default();
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
            walk(s, tag_names, |state, f| {
                let guess = best(&model, state, f);
                let truth = state.oracle(&gold, &children);
                model.update(truth, guess, f);
                truth
            });
        }
    }
    model.average();
    model
}

/// The moves `choose` makes from the first state to the last (bounded, whatever it chooses);
/// each word's head.
fn walk(
    s: &Sentence,
    tag_names: &[String],
    mut choose: impl FnMut(&State, &[u64]) -> u8,
) -> Vec<usize> {
    let n = s.words.len();
    let (words, tags) = inputs(s, tag_names);
    let mut state = State::new(n);
    let mut steps = 0;
    while !state.done() && steps < 4 * n + 4 {
        steps += 1;
        let f = features(&state, &words, &tags);
        let mv = choose(&state, &f);
        state.apply(mv);
    }
    state.heads[1..].to_vec()
}

fn parse(model: &Perceptron, s: &Sentence, tag_names: &[String]) -> Vec<usize> {
    walk(s, tag_names, |state, f| best(model, state, f))
}

/// Penn Treebank punctuation tags, left out of attachment scores as is the custom.
fn is_punctuation(tag: &str) -> bool {
    matches!(
        tag,
        "``" | "''" | "," | "." | ":" | "-LRB-" | "-RRB-" | "#" | "$"
    )
}

/// Trains and scores the parser on each fold; prints UAS per fold, the mean, speed and size.
pub fn run(folder: &Path, iterations: usize, folds: usize) -> Result<bool, String> {
    let corpus = Folds::read(folder)?;
    let tag_names = &corpus.tags;
    let mut scores = Vec::new();
    for fold in 0..folds.min(5) {
        let fold = u8::try_from(fold).unwrap_or(0);
        let (held, train_sentences) = corpus.split(fold);
        let started = Instant::now();
        let model = train(&train_sentences, tag_names, iterations);
        let trained = started.elapsed().as_secs_f64();
        let (mut right, mut all, mut tokens) = (0usize, 0usize, 0usize);
        let started = Instant::now();
        for sentences in &held {
            for s in *sentences {
                if s.heads.len() != s.words.len() {
                    continue;
                }
                let heads = parse(&model, s, tag_names);
                tokens += heads.len();
                for (k, (&got, &gold)) in heads.iter().zip(&s.heads).enumerate() {
                    if !is_punctuation(&tag_names[usize::from(s.tags[k])]) {
                        all += 1;
                        right += usize::from(got == gold);
                    }
                }
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        let uas = right as f64 / all.max(1) as f64;
        scores.push(uas);
        println!(
            "fold {fold}: {} articles held out: UAS {uas:.4} ({all} words, punctuation left \
             out); trained in {trained:.0} s; parses {:.0} tokens/s (one core); model {} \
             features",
            held.len(),
            tokens as f64 / seconds.max(1e-9),
            model.weights_len()
        );
    }
    let mean = scores.iter().sum::<f64>() / scores.len().max(1) as f64;
    println!(
        "UAS, mean of {} folds: {mean:.4} (silver tags as input, {iterations} iterations)",
        scores.len()
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
        let mut state = State::new(n);
        while !state.done() {
            let mv = state.oracle(&gold, &children);
            assert!(state.valid(mv), "{mv}");
            state.apply(mv);
        }
        assert_eq!(state.heads[1..], gold_heads);
    }
}
