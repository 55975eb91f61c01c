//! Dependency heads: a greedy arc-eager parser (Nivre 2003) scored by an averaged perceptron
//! over the words and tags of the stack and the buffer (after Zhang & Nivre 2011, trimmed), trained
//! with a dynamic oracle (Goldberg & Nivre 2012). Linear in the sentence: each word is shifted
//! once and popped once. Trained by `eval parser --save` in `tools/`, which walks the same states.

use super::model::{Model, key};
use super::tagger::best;

/// Moves: the next word onto the stack; the stack's top made a dependent of the next word and
/// popped (left arc); the next word made a dependent of the top and pushed (right arc); the top,
/// which has its head, popped (reduce).
pub const SHIFT: u8 = 0;
/// See [`SHIFT`].
pub const LEFT: u8 = 1;
/// See [`SHIFT`].
pub const RIGHT: u8 = 2;
/// See [`SHIFT`].
pub const REDUCE: u8 = 3;
/// The moves' names, by number, as the model file lists its classes.
pub const MOVES: [&str; 4] = ["shift", "left", "right", "reduce"];

/// Keys standing for the root and for nothing (a position past the stack or the buffer).
const ROOT: u64 = 7;
const NONE: u64 = 8;

/// A parse in progress over words 1..=n, 0 being the root.
#[derive(Debug)]
pub struct State {
    stack: Vec<usize>,
    next: usize,
    n: usize,
    /// Each word's head, once it has one.
    heads: Vec<Option<usize>>,
    /// Each word's leftmost and rightmost dependent so far, and how many on each side.
    leftmost: Vec<usize>,
    rightmost: Vec<usize>,
    lefts: Vec<u8>,
    rights: Vec<u8>,
}

impl State {
    /// The first state of a sentence of `n` words.
    #[must_use]
    pub fn new(n: usize) -> Self {
        Self {
            stack: vec![0],
            next: 1,
            n,
            heads: vec![None; n + 1],
            leftmost: vec![0; n + 1],
            rightmost: vec![0; n + 1],
            lefts: vec![0; n + 1],
            rights: vec![0; n + 1],
        }
    }

    /// Whether every word has been read and the stack holds the root alone.
    #[must_use]
    pub fn done(&self) -> bool {
        self.next > self.n && self.stack.len() == 1
    }

    /// The stack's top (`k` = 0) and the words under it.
    #[must_use]
    pub fn stack(&self, k: usize) -> Option<usize> {
        self.stack.len().checked_sub(k + 1).map(|i| self.stack[i])
    }

    /// The words on the stack, bottom first.
    #[must_use]
    pub fn stack_words(&self) -> &[usize] {
        &self.stack
    }

    /// The buffer's first word (`k` = 0) and the words after it.
    #[must_use]
    pub fn buffer(&self, k: usize) -> Option<usize> {
        (self.next + k <= self.n).then_some(self.next + k)
    }

    /// The words left in the buffer.
    #[must_use]
    pub fn buffer_words(&self) -> std::ops::RangeInclusive<usize> {
        self.next..=self.n
    }

    /// Word `w`'s head, once given.
    #[must_use]
    pub fn head(&self, w: usize) -> Option<usize> {
        self.heads[w]
    }

    /// Whether `mv` can be made: nothing takes the root as a dependent, and a word is popped
    /// only once it has a head.
    #[must_use]
    pub fn valid(&self, mv: u8) -> bool {
        let top = self.stack(0);
        let has_next = self.next <= self.n;
        match mv {
            SHIFT => has_next,
            LEFT => has_next && top.is_some_and(|t| t != 0 && self.heads[t].is_none()),
            RIGHT => has_next && top.is_some(),
            // At the end, a word with no head is popped too: it hangs from the root.
            _ => top.is_some_and(|t| t != 0 && (self.heads[t].is_some() || !has_next)),
        }
    }

    /// Makes a valid move.
    pub fn apply(&mut self, mv: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.next);
                self.next += 1;
            }
            LEFT => {
                let dependent = self.stack.pop().unwrap_or(0);
                self.attach(dependent, self.next);
            }
            RIGHT => {
                let head = self.stack.last().copied().unwrap_or(0);
                self.attach(self.next, head);
                self.stack.push(self.next);
                self.next += 1;
            }
            _ => {
                let popped = self.stack.pop().unwrap_or(0);
                if self.heads[popped].is_none() {
                    self.attach(popped, 0);
                }
            }
        }
    }

    fn attach(&mut self, dependent: usize, head: usize) {
        self.heads[dependent] = Some(head);
        if dependent < head {
            if self.lefts[head] == 0 || dependent < self.leftmost[head] {
                self.leftmost[head] = dependent;
            }
            self.lefts[head] = self.lefts[head].saturating_add(1);
        } else {
            if self.rights[head] == 0 || dependent > self.rightmost[head] {
                self.rightmost[head] = dependent;
            }
            self.rights[head] = self.rights[head].saturating_add(1);
        }
    }

    /// Each word's head (1-based; 0 the root), for words 1..=n.
    #[must_use]
    pub fn heads(&self) -> Vec<usize> {
        self.heads[1..].iter().map(|h| h.unwrap_or(0)).collect()
    }
}

/// The sentence as the features read it: each word's key and tag's key, the root first.
#[derive(Debug)]
pub struct Inputs {
    words: Vec<u64>,
    tags: Vec<u64>,
}

impl Inputs {
    /// Inputs from the words' and tags' keys (without the root).
    #[must_use]
    pub fn new(words: impl IntoIterator<Item = u64>, tags: impl IntoIterator<Item = u64>) -> Self {
        Self {
            words: std::iter::once(ROOT).chain(words).collect(),
            tags: std::iter::once(ROOT).chain(tags).collect(),
        }
    }

    /// Words, the root left out.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len() - 1
    }

    /// Whether there are no words.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The features of a state.
pub fn features(state: &State, inputs: &Inputs, out: &mut Vec<u64>) {
    out.clear();
    let word = |i: Option<usize>| i.map_or(NONE, |i| inputs.words[i]);
    let tag = |i: Option<usize>| i.map_or(NONE, |i| inputs.tags[i]);
    let (s0, s1) = (state.stack(0), state.stack(1));
    let (b0, b1, b2) = (state.buffer(0), state.buffer(1), state.buffer(2));
    let head = |i: Option<usize>| i.and_then(|i| state.heads[i]);
    let valency = |i: Option<usize>| {
        i.map_or(NONE, |i| {
            u64::from(state.lefts[i].min(3)) * 4 + u64::from(state.rights[i].min(3)) + 16
        })
    };
    let leftmost = |i: Option<usize>| i.filter(|&i| state.lefts[i] > 0).map(|i| state.leftmost[i]);
    let rightmost = |i: Option<usize>| {
        i.filter(|&i| state.rights[i] > 0)
            .map(|i| state.rightmost[i])
    };
    let distance = match (s0, b0) {
        (Some(a), Some(b)) => (b.saturating_sub(a)).min(5) as u64 + 32,
        _ => NONE,
    };
    let has_head = s0.map_or(NONE, |i| u64::from(state.heads[i].is_some()) + 40);
    out.extend([
        key(100, 0, 0, 0),
        key(101, word(s0), 0, 0),
        key(102, tag(s0), 0, 0),
        key(103, word(s0), tag(s0), 0),
        key(104, word(b0), 0, 0),
        key(105, tag(b0), 0, 0),
        key(106, word(b0), tag(b0), 0),
        key(107, word(b1), 0, 0),
        key(108, tag(b1), 0, 0),
        key(109, word(b1), tag(b1), 0),
        key(110, tag(b2), 0, 0),
        key(111, word(s0), tag(s0), word(b0)),
        key(112, word(s0), word(b0), tag(b0)),
        key(113, word(s0), word(b0), 0),
        key(114, tag(s0), tag(b0), 0),
        key(115, tag(b0), tag(b1), 0),
        key(116, tag(s0), tag(b0), tag(b1)),
        key(117, tag(b0), tag(b1), tag(b2)),
        key(118, tag(head(s0)), tag(s0), tag(b0)),
        key(119, tag(s0), tag(leftmost(s0)), tag(b0)),
        key(120, tag(s0), tag(rightmost(s0)), tag(b0)),
        key(121, tag(s0), tag(b0), tag(leftmost(b0))),
        key(122, distance, word(s0), 0),
        key(123, distance, tag(s0), tag(b0)),
        key(124, distance, word(b0), 0),
        key(125, word(s0), valency(s0), 0),
        key(126, word(b0), valency(b0), 0),
        key(127, word(head(s0)), 0, 0),
        key(128, tag(head(s0)), 0, 0),
        key(129, word(leftmost(b0)), tag(leftmost(b0)), 0),
        key(130, tag(s1), tag(s0), tag(b0)),
        key(131, word(s1), tag(s1), 0),
        key(132, has_head, tag(s0), tag(b0)),
        key(133, tag(rightmost(s0)), word(s0), 0),
    ]);
}

/// The moves `choose` makes from the first state to the last (at most 2n + 1 of them, whatever it
/// chooses: an invalid choice is replaced by a valid one); the final state.
pub fn walk(inputs: &Inputs, mut choose: impl FnMut(&State, &[u64]) -> u8) -> State {
    let mut state = State::new(inputs.len());
    let mut f = Vec::with_capacity(40);
    while !state.done() {
        features(&state, inputs, &mut f);
        let mut mv = choose(&state, &f);
        if !state.valid(mv) {
            mv = [SHIFT, REDUCE, RIGHT, LEFT]
                .into_iter()
                .find(|&m| state.valid(m))
                .unwrap_or(REDUCE);
        }
        state.apply(mv);
    }
    state
}

/// A trained parser.
#[derive(Debug)]
pub struct Parser {
    model: Model,
}

impl Parser {
    /// The parser of a model file's model.
    #[must_use]
    pub fn new(model: Model) -> Self {
        Self { model }
    }

    /// Its model.
    #[must_use]
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Each word's head (1-based, 0 the root).
    #[must_use]
    pub fn parse(&self, inputs: &Inputs) -> Vec<usize> {
        let mut scores = [0.0f32; MOVES.len()];
        let state = walk(inputs, |state, f| {
            self.model.score(f, &mut scores);
            for (mv, s) in scores.iter_mut().enumerate() {
                if !state.valid(u8::try_from(mv).unwrap_or(SHIFT)) {
                    *s = f32::NEG_INFINITY;
                }
            }
            best(&scores)
        });
        state.heads()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_choice_ends_in_a_tree_in_linear_moves() {
        let inputs = Inputs::new(1..=6, 1..=6);
        for always in [SHIFT, LEFT, RIGHT, REDUCE] {
            let mut moves = 0;
            let state = walk(&inputs, |_, _| {
                moves += 1;
                always
            });
            assert!(moves <= 2 * 6 + 1);
            // Every word has a head, and no word is its own ancestor.
            let heads = state.heads();
            for w in 1..=6 {
                let mut at = w;
                for _ in 0..=6 {
                    at = if at == 0 { 0 } else { heads[at - 1] };
                }
                assert_eq!(at, 0, "{always}: {heads:?}");
            }
        }
    }
}
