//! The one tune/check partition of every development corpus (`../shared/tools/partition.py`):
//! a document's fold is sha256(`corpus/id`) as a big-endian integer mod 5, and fold 0 is the
//! check part. Figures are printed for the whole corpus and both parts; worst-page lists come
//! from the tune part only, and floors apply to the check part.

use std::path::Path;

use sha2::{Digest, Sha256};

/// A part of a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    All,
    Tune,
    Check,
}

impl Part {
    /// The parts figures are printed for, in order.
    pub const EACH: [Part; 3] = [Part::All, Part::Tune, Part::Check];

    pub fn name(self) -> &'static str {
        match self {
            Part::All => "all",
            Part::Tune => "tune",
            Part::Check => "check",
        }
    }
}

/// The partition of one corpus.
#[derive(Debug, Clone)]
pub struct Split {
    corpus: String,
}

impl Split {
    /// The partition of the corpus at `path`: a corpus folder, or a file in one (its folder's
    /// name is the corpus's).
    pub fn of(path: &Path) -> Self {
        let folder = if path.is_dir() {
            Some(path)
        } else {
            path.parent()
        };
        let corpus = folder
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Self { corpus }
    }

    /// The fold of a document, 0 to 4.
    pub fn fold(&self, id: &str) -> u8 {
        let digest = Sha256::digest(format!("{}/{id}", self.corpus).as_bytes());
        let r = digest
            .iter()
            .fold(0u32, |r, &b| (r * 256 + u32::from(b)) % 5);
        u8::try_from(r).unwrap_or(0)
    }

    /// Whether a document belongs to `part`.
    pub fn holds(&self, part: Part, id: &str) -> bool {
        match part {
            Part::All => true,
            Part::Tune => self.fold(id) != 0,
            Part::Check => self.fold(id) == 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_the_shared_partition_s() {
        // `partition.py wcxb-dev 1001 2862 4681` prints folds 1, 3 and 1.
        let split = Split {
            corpus: "wcxb-dev".into(),
        };
        assert_eq!(
            [split.fold("1001"), split.fold("2862"), split.fold("4681")],
            [1, 3, 1]
        );
        assert!(split.holds(Part::Tune, "1001") && !split.holds(Part::Check, "1001"));
    }

    #[test]
    fn a_file_belongs_to_its_folder_s_corpus() {
        let split = Split::of(Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/polnear-quotes/dev.jsonl"
        )));
        assert_eq!(split.corpus, "polnear-quotes");
    }
}
