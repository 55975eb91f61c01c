//! `eval snippets`: article finding on pages with must-include and must-exclude snippets
//! (`snippets.json`, `html/<id>.html.gz`), scored as the corpus README defines (white space
//! collapsed, each snippet a plain substring of the body), for the whole corpus and both parts.

use std::path::Path;
use std::time::{Duration, Instant};

use article_prep::pipeline::{self, Hints, Input, Options};
use serde_json::Value;

use super::split::{Part, Split};
use super::{read_gz, strings};

/// Snippet counts over a set of pages.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    found: usize,
    missing: usize,
    kept: usize,
    pages: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.found += other.found;
        self.missing += other.missing;
        self.kept += other.kept;
        self.pages += other.pages;
    }

    /// Precision, recall and F1.
    #[allow(clippy::cast_precision_loss)] // counts are small
    fn figures(self) -> (f64, f64, f64) {
        let p = self.found as f64 / (self.found + self.kept).max(1) as f64;
        let r = self.found as f64 / (self.found + self.missing).max(1) as f64;
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f1)
    }
}

/// Scores the body of each page against its snippets; prints P/R/F1 per part, speed and the
/// worst tune pages; the floor is the check part's.
pub fn run(corpus: &Path, worst: usize, min_f1: Option<f64>) -> Result<bool, String> {
    let index = corpus.join("snippets.json");
    let pages: serde_json::Map<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let split = Split::of(corpus);
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut tallies = [Tally::default(); 3];
    let mut wrong_tune_pages: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut bytes = 0usize;
    let mut busy = Duration::ZERO;
    for (id, page) in &pages {
        let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
        bytes += html.len();
        let hints = Hints::parse(
            page["url"].as_str().map(str::to_owned),
            None,
            None,
            None,
            None,
        )
        .unwrap_or_default();
        let started = Instant::now();
        let text = pipeline::prepare(Input::Html(html), &hints, &Options::default())
            .map(|p| p.text)
            .unwrap_or_default();
        busy += started.elapsed();
        let body = collapse(&text);
        let mut misses = Vec::new();
        let mut tally = Tally {
            pages: 1,
            ..Tally::default()
        };
        for with in strings(&page["with"]) {
            if body.contains(&collapse(with)) {
                tally.found += 1;
            } else {
                tally.missing += 1;
                misses.push(format!("missing: {with}"));
            }
        }
        for without in strings(&page["without"]) {
            if body.contains(&collapse(without)) {
                tally.kept += 1;
                misses.push(format!("kept:    {without}"));
            }
        }
        for (part, total) in Part::EACH.iter().zip(tallies.iter_mut()) {
            if split.holds(*part, id) {
                total.add(tally);
            }
        }
        if split.holds(Part::Tune, id) {
            wrong_tune_pages.push((misses.len(), id.clone(), misses));
        }
    }
    wrong_tune_pages.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (n, id, misses) in wrong_tune_pages.iter().take(worst).filter(|(n, ..)| *n > 0) {
        println!("{id}: {n} wrong");
        for m in misses.iter().take(4) {
            println!("    {}", m.chars().take(110).collect::<String>());
        }
    }
    for (part, tally) in Part::EACH.iter().zip(&tallies) {
        let (p, r, f1) = tally.figures();
        println!(
            "snippets {:5}  F1 {f1:.3}  P {p:.3}  R {r:.3}  (tp {}, fn {}, fp {}) on {} pages",
            part.name(),
            tally.found,
            tally.missing,
            tally.kept,
            tally.pages
        );
    }
    #[allow(clippy::cast_precision_loss)]
    let speed = (
        pages.len() as f64 / busy.as_secs_f64().max(1e-9),
        bytes as f64 / 1e6 / busy.as_secs_f64().max(1e-9),
    );
    println!(
        "speed: {:.1} pages/s, {:.1} MB/s (one core)",
        speed.0, speed.1
    );
    let (_, _, check_f1) = tallies[2].figures();
    let ok = min_f1.is_none_or(|min| check_f1 >= min);
    if !ok {
        println!("FAIL: check-part snippet F1 {check_f1:.3} is below the floor");
    }
    Ok(ok)
}
