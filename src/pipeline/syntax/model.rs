//! A linear model over hashed features, as the tagger and the parser use it, and the small binary
//! file it ships in (written by `eval tagger --save` / `eval parser --save` in `tools/`).
//!
//! The file: `APSYN1\0\0`; the class names (`u32` count, each `u8` length and bytes); a
//! dictionary of words that always take one class (`u32` count, each `u8` length, bytes, `u8`
//! class); the weights' scale (`f32`); the features (`u32` count, each `u64` key, `u8` count of
//! weights, each `u8` class and `i16` weight in units of the scale). Little-endian.

use rustc_hash::FxHashMap;

const MAGIC: &[u8; 8] = b"APSYN1\0\0";

/// A feature's key from a template's number and up to three values (words' or tags' keys).
/// Stable across runs and machines: the model's keys are these numbers.
#[must_use]
pub fn key(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let mut h = template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for v in [a, b, c] {
        h = (h.rotate_left(23) ^ v).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    }
    h ^ (h >> 31)
}

/// A string's key (a word, a suffix), for [`key`].
#[must_use]
pub fn text_key(s: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(s.as_bytes())
}

/// A trained model: its classes, the words that always take one class, and the weights.
#[derive(Debug, Default)]
pub struct Model {
    /// The classes' names, by number.
    pub classes: Vec<String>,
    /// Words that always take one class.
    pub dictionary: FxHashMap<String, u8>,
    /// Each feature's weights.
    index: FxHashMap<u64, Weights>,
    /// The weights of features with many classes (the tagger's), by [`Weights::Sparse`].
    weights: Vec<(u8, f32)>,
}

/// A feature's weights: beside its key when the model has few classes (the parser's moves: one
/// memory access a feature), else where they start in [`Model::weights`] and how many.
#[derive(Debug, Clone, Copy)]
enum Weights {
    Dense([f32; DENSE]),
    Sparse(u32, u8),
}

/// Models with at most this many classes keep their weights beside their keys.
const DENSE: usize = 4;

impl Model {
    /// A model from its classes, dictionary and each feature's weights by class.
    #[must_use]
    pub fn new(
        classes: Vec<String>,
        dictionary: FxHashMap<String, u8>,
        features: impl IntoIterator<Item = (u64, Vec<(u8, f32)>)>,
    ) -> Self {
        let mut model = Self {
            classes,
            dictionary,
            ..Self::default()
        };
        for (k, weights) in features {
            model.insert(k, &weights);
        }
        model
    }

    fn insert(&mut self, k: u64, weights: &[(u8, f32)]) {
        let kept: Vec<(u8, f32)> = weights
            .iter()
            .copied()
            .filter(|&(c, w)| w != 0.0 && usize::from(c) < self.classes.len())
            .collect();
        if kept.is_empty() {
            return;
        }
        if self.classes.len() <= DENSE {
            let mut dense = [0.0; DENSE];
            for (c, w) in kept {
                dense[usize::from(c)] = w;
            }
            self.index.insert(k, Weights::Dense(dense));
            return;
        }
        let start = u32::try_from(self.weights.len()).unwrap_or(u32::MAX);
        let len = u8::try_from(kept.len()).unwrap_or(u8::MAX);
        self.index.insert(k, Weights::Sparse(start, len));
        self.weights.extend(kept.into_iter().take(usize::from(len)));
    }

    /// A feature's weights as (class, weight) pairs.
    fn weights_of(&self, w: Weights) -> impl Iterator<Item = (u8, f32)> + '_ {
        let (dense, sparse) = match w {
            Weights::Dense(d) => (Some(d), &[][..]),
            Weights::Sparse(start, len) => {
                let start = start as usize;
                (None, &self.weights[start..start + usize::from(len)])
            }
        };
        let dense = dense.into_iter().flat_map(|d| {
            d.into_iter()
                .enumerate()
                .filter(|(_, w)| *w != 0.0)
                .map(|(c, w)| (u8::try_from(c).unwrap_or(0), w))
        });
        dense.chain(sparse.iter().copied())
    }

    /// Features with a weight.
    #[must_use]
    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Adds each feature's weights to `scores` (one per class).
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in features {
            match self.index.get(f) {
                Some(Weights::Dense(d)) => {
                    for (s, w) in scores.iter_mut().zip(d) {
                        *s += w;
                    }
                }
                Some(&Weights::Sparse(start, len)) => {
                    let start = start as usize;
                    for &(class, w) in &self.weights[start..start + usize::from(len)] {
                        if let Some(s) = scores.get_mut(usize::from(class)) {
                            *s += w;
                        }
                    }
                }
                None => {}
            }
        }
    }

    /// The model as its file's bytes (weights rounded to 16 bits).
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        let name = |out: &mut Vec<u8>, s: &str| {
            let bytes = &s.as_bytes()[..s.len().min(255)];
            out.push(u8::try_from(bytes.len()).unwrap_or(u8::MAX));
            out.extend_from_slice(bytes);
        };
        let count = |out: &mut Vec<u8>, n: usize| {
            out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
        };
        count(&mut out, self.classes.len());
        for c in &self.classes {
            name(&mut out, c);
        }
        let mut words: Vec<(&String, &u8)> = self.dictionary.iter().collect();
        words.sort();
        count(&mut out, words.len());
        for (w, &c) in words {
            name(&mut out, w);
            out.push(c);
        }
        let largest = self
            .index
            .values()
            .flat_map(|&w| self.weights_of(w))
            .map(|(_, w)| w.abs())
            .fold(0.0, f32::max);
        let scale = if largest > 0.0 {
            largest / f32::from(i16::MAX)
        } else {
            1.0
        };
        out.extend_from_slice(&scale.to_le_bytes());
        let mut keys: Vec<(&u64, &Weights)> = self.index.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        count(&mut out, keys.len());
        for (k, &weights) in keys {
            out.extend_from_slice(&k.to_le_bytes());
            let weights: Vec<(u8, f32)> = self.weights_of(weights).collect();
            out.push(u8::try_from(weights.len()).unwrap_or(u8::MAX));
            for &(class, w) in &weights {
                out.push(class);
                #[allow(clippy::cast_possible_truncation)]
                let q = (w / scale)
                    .round()
                    .clamp(f32::from(i16::MIN), f32::from(i16::MAX)) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
        out
    }

    /// A model read from its file's bytes.
    ///
    /// # Errors
    /// When the bytes are not such a file (cut short, wrong magic, text not UTF-8).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err("not a syntax model (magic)".into());
        }
        let classes = (0..r.u32()?)
            .map(|_| r.name())
            .collect::<Result<Vec<_>, _>>()?;
        let mut dictionary = FxHashMap::default();
        for _ in 0..r.u32()? {
            let w = r.name()?;
            dictionary.insert(w, r.u8()?);
        }
        let scale = f32::from_le_bytes(r.array()?);
        let mut model = Self {
            classes,
            dictionary,
            ..Self::default()
        };
        let mut weights = Vec::new();
        for _ in 0..r.u32()? {
            let k = u64::from_le_bytes(r.array()?);
            weights.clear();
            for _ in 0..r.u8()? {
                let class = r.u8()?;
                weights.push((class, f32::from(i16::from_le_bytes(r.array()?)) * scale));
            }
            model.insert(k, &weights);
        }
        if r.at != bytes.len() {
            return Err("syntax model: bytes after the last feature".into());
        }
        Ok(model)
    }
}

/// Reads a model file front to back.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], String> {
        let got = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or_else(|| "syntax model cut short".to_owned())?;
        self.at += n;
        Ok(got)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn name(&mut self) -> Result<String, String> {
        let len = usize::from(self.u8()?);
        String::from_utf8(self.take(len)?.to_vec()).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_model_survives_its_file_and_scores_by_its_features() {
        let dictionary = [("the".to_owned(), 0u8)].into_iter().collect();
        let model = Model::new(
            vec!["DT".into(), "NN".into()],
            dictionary,
            [
                (key(1, 2, 3, 4), vec![(0, 1.5), (1, -0.5)]),
                (key(2, 0, 0, 0), vec![(1, 2.0)]),
            ],
        );
        let read = Model::from_bytes(&model.to_bytes()).expect("a model's own bytes");
        assert_eq!(read.classes, ["DT", "NN"]);
        assert_eq!(read.dictionary.get("the"), Some(&0));
        let mut scores = [0.0; 2];
        read.score(
            &[key(1, 2, 3, 4), key(2, 0, 0, 0), key(9, 9, 9, 9)],
            &mut scores,
        );
        assert!((scores[0] - 1.5).abs() < 1e-3 && (scores[1] - 1.5).abs() < 1e-3);
        let bytes = model.to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Model::from_bytes(b"nothing of the kind").is_err());
        assert_ne!(key(1, 2, 3, 4), key(1, 3, 2, 4));
    }
}
