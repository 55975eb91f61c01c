//! `eval extraction`: article bodies from HTML and from scraped text, scored by the shared
//! extraction scorer (4-gram shingle F1 per page, averaged), for the whole corpus, its tune part
//! and its check part.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use article_prep::pipeline::stages::boilerplate::{self, BlockScorer};
use article_prep::pipeline::{self, Hints, Input, Options, QuoteStyle, TextFormat};
use serde_json::{Value, json};

use super::split::{Part, Split};
use super::{read_gz, run_scorer};

/// A page scored below this F1 is a catastrophic miss.
const CATASTROPHIC_F1: f64 = 0.5;

/// What scoring one prediction set needs.
#[derive(Clone, Copy)]
struct Scoring<'a> {
    gold: &'a BTreeMap<String, Value>,
    gold_path: &'a Path,
    scorer: &'a Path,
    out: &'a Path,
    split: &'a Split,
    ids: &'a [&'a String],
}

/// Extracted texts by page id, the gold file's format.
type TextsById = serde_json::Map<String, Value>;

/// One system's predictions on one mode, with what they cost.
struct Predictions {
    name: String,
    texts: TextsById,
    words: BTreeMap<String, usize>,
    bytes: usize,
    seconds: f64,
}

impl Predictions {
    /// One page's body as predicted, with its word count.
    fn add(&mut self, id: &str, text: String) {
        self.words
            .insert(id.to_owned(), text.split_whitespace().count());
        self.texts
            .insert(id.to_owned(), json!({ "articleBody": text }));
    }
}

impl Scoring<'_> {
    /// The ids of `part` among the scored ones, written one per line for the scorer.
    fn ids_file(&self, part: Part) -> Result<PathBuf, String> {
        let path = self.out.join(format!("extraction-ids-{}.txt", part.name()));
        let ids: Vec<&str> = self
            .ids
            .iter()
            .filter(|id| self.split.holds(part, id))
            .map(|id| id.as_str())
            .collect();
        std::fs::write(&path, ids.join("\n")).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Scores `predictions` on every part, prints one line per part and, when `worst` > 0, the
    /// worst pages of the tune part; returns F1 per part.
    fn report(
        &self,
        predictions: Predictions,
        worst: usize,
    ) -> Result<BTreeMap<&'static str, f64>, String> {
        let name = &predictions.name;
        let pred_path = self.out.join(format!("extraction-{name}.json"));
        std::fs::write(&pred_path, Value::Object(predictions.texts).to_string())
            .map_err(|e| e.to_string())?;
        let mut f1s = BTreeMap::new();
        for part in Part::EACH {
            let ids_file = self.ids_file(part)?;
            let pages = self
                .ids
                .iter()
                .filter(|id| self.split.holds(part, id))
                .count();
            let report_path = self
                .out
                .join(format!("extraction-{name}-{}-score.json", part.name()));
            run_scorer(
                self.scorer,
                &[
                    "--gold".as_ref(),
                    self.gold_path.as_os_str(),
                    "--pred".as_ref(),
                    pred_path.as_os_str(),
                    "--ids".as_ref(),
                    ids_file.as_os_str(),
                    "--json".as_ref(),
                    report_path.as_os_str(),
                    "--n-bootstrap".as_ref(),
                    "200".as_ref(),
                ],
            )?;
            let report: Value = serde_json::from_str(
                &std::fs::read_to_string(&report_path).map_err(|e| e.to_string())?,
            )
            .map_err(|e| e.to_string())?;
            let metrics = report
                .as_object()
                .and_then(|m| m.values().next())
                .cloned()
                .unwrap_or_default();
            let f1 = metrics["f1"].as_f64().unwrap_or(0.0);
            // A page the extractor got almost wholly wrong: what a user remembers.
            let catastrophic = metrics["per_page"].as_object().map_or(0, |pages| {
                pages
                    .values()
                    .filter(|v| v["f1"].as_f64().unwrap_or(0.0) < CATASTROPHIC_F1)
                    .count()
            });
            let speed = if part == Part::All && predictions.seconds > 0.0 {
                format!(
                    "  |  {:.1} pages/s, {:.1} MB/s (one core)",
                    pages as f64 / predictions.seconds.max(1e-9),
                    predictions.bytes as f64 / 1e6 / predictions.seconds.max(1e-9)
                )
            } else {
                String::new()
            };
            println!(
                "{name:16} {:5}  F1 {f1:.3}  P {:.3}  R {:.3}  pages {pages}  empty {}  F1<0.5 {catastrophic}{speed}",
                part.name(),
                metrics["precision"].as_f64().unwrap_or(0.0),
                metrics["recall"].as_f64().unwrap_or(0.0),
                metrics["empty_predictions"],
            );
            if part == Part::Tune && worst > 0 {
                self.print_worst(&metrics, &predictions.words, worst);
            }
            f1s.insert(part.name(), f1);
        }
        Ok(f1s)
    }

    fn print_worst(&self, metrics: &Value, words: &BTreeMap<String, usize>, worst: usize) {
        let Some(pages) = metrics["per_page"].as_object() else {
            return;
        };
        let mut scored: Vec<(&String, f64, &Value)> = pages
            .iter()
            .map(|(id, v)| (id, v["f1"].as_f64().unwrap_or(0.0), v))
            .collect();
        scored.sort_by(|a, b| a.1.total_cmp(&b.1));
        println!("      worst tune pages (f1, tp/fp/fn share, predicted words, gold words):");
        for (id, f1, v) in scored.into_iter().take(worst) {
            let gold_words = self.gold[id.as_str()]["articleBody"]
                .as_str()
                .map_or(0, |t| t.split_whitespace().count());
            println!(
                "        {}  f1 {f1:.3}  tp {:.2} fp {:.2} fn {:.2}  {} / {}",
                &id[..id.len().min(16)],
                v["tp"].as_f64().unwrap_or(0.0),
                v["fp"].as_f64().unwrap_or(0.0),
                v["fn"].as_f64().unwrap_or(0.0),
                words.get(id).copied().unwrap_or(0),
                gold_words
            );
        }
    }
}

/// Other extractors, scored beside ours on the same pages by the same scorer.
#[cfg(feature = "baselines")]
pub(super) mod baselines {
    /// A named extractor: HTML in, article text out.
    pub struct Baseline {
        pub name: &'static str,
        pub extract: fn(&str) -> String,
    }

    pub const ALL: &[Baseline] = &[
        Baseline {
            name: "rs-trafilatura",
            extract: rs_trafilatura,
        },
        Baseline {
            name: "dom_smoothie",
            extract: dom_smoothie,
        },
    ];

    fn rs_trafilatura(html: &str) -> String {
        rs_trafilatura::extract(html)
            .map(|r| r.content_text)
            .unwrap_or_default()
    }

    fn dom_smoothie(html: &str) -> String {
        let config = dom_smoothie::Config {
            text_mode: dom_smoothie::TextMode::Formatted,
            ..Default::default()
        };
        dom_smoothie::Readability::new(html, None, Some(config))
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
            .unwrap_or_default()
    }
}

/// Predictions other extractors made earlier (`DIR/<mode>-<name>.json`, the gold file's format),
/// by name.
fn saved_predictions(dir: &Path, mode: &str) -> Result<Vec<(String, TextsById)>, String> {
    let mut found = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(name) = file
            .strip_prefix(&format!("{mode}-"))
            .and_then(|rest| rest.strip_suffix(".json"))
        else {
            continue;
        };
        let texts: TextsById = serde_json::from_str(
            &std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
        found.push((name.to_owned(), texts));
    }
    Ok(found)
}

/// How the body search values blocks, and where its features go.
#[derive(Debug, Default)]
pub struct BlockRequest {
    /// Models to try instead of the shipped values: one for every page (`--block-model
    /// FILE|rules`), or one per fold, the pages of fold `k` by `fold-k.json` (`--block-models
    /// DIR`: cross-validation).
    pub scorers: Vec<BlockScorer>,
    /// Where every page's blocks and their features go, for training (`--explain FILE`).
    pub explain: Option<PathBuf>,
}

fn read_scorer(path: &Path) -> Result<BlockScorer, String> {
    if path.as_os_str() == "rules" {
        return Ok(BlockScorer::Rules);
    }
    BlockScorer::from_json(
        &std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", path.display()))
}

impl BlockRequest {
    /// `--block-model` (a model file, or `rules`), `--block-models` and `--explain`.
    ///
    /// # Errors
    /// Both model options, or an unreadable or malformed model file.
    pub fn read(
        model: Option<&Path>,
        models: Option<&Path>,
        explain: Option<PathBuf>,
    ) -> Result<Self, String> {
        let scorers = match (model, models) {
            (Some(_), Some(_)) => return Err("give --block-model or --block-models".into()),
            (Some(path), None) => vec![read_scorer(path)?],
            (None, Some(dir)) => (0..5)
                .map(|k| read_scorer(&dir.join(format!("fold-{k}.json"))))
                .collect::<Result<_, _>>()?,
            (None, None) => Vec::new(),
        };
        Ok(Self { scorers, explain })
    }

    /// The model for a page of fold `fold`, if one was asked for.
    fn scorer(&self, fold: u8) -> Option<&BlockScorer> {
        match self.scorers.len() {
            0 => None,
            1 => self.scorers.first(),
            _ => self.scorers.get(usize::from(fold)),
        }
    }
}

/// The body as the pipeline finds it up to normalisation, with `scorer`'s block values.
fn body_by(scorer: &BlockScorer, input: Input) -> String {
    let (blocks, facts) = match input {
        Input::Html(h) => pipeline::stages::html::parse(&h),
        Input::Text(t) => (
            pipeline::stages::text::parse(&t),
            pipeline::stages::html::MarkupFacts::default(),
        ),
        Input::Raw { .. } => return String::new(),
    };
    let page = pipeline::stages::metadata::read_markup(&facts, &blocks, None);
    let hint = page.titles.first().map(String::as_str);
    let sorted = boilerplate::sort_with(&blocks, hint, false, scorer);
    pipeline::stages::normalize::assemble(&sorted.kept, QuoteStyle::Keep, TextFormat::Plain).text
}

/// One page's blocks as the body search sees them, with their features, and the search's
/// candidate runs (block ranges) with theirs, by `scorer`'s block values: a JSON line.
fn explain_page(id: &str, mode: &str, input: &Input, scorer: &BlockScorer) -> String {
    let blocks = match input {
        Input::Html(h) => pipeline::stages::html::parse(h).0,
        Input::Text(t) => pipeline::stages::text::parse(t),
        Input::Raw { .. } => Vec::new(),
    };
    let rows: Vec<Value> = boilerplate::explain(&blocks)
        .into_iter()
        .map(|(block, x)| json!({ "text": block.text, "x": x.to_vec() }))
        .collect();
    let regions: Vec<Value> = boilerplate::explain_regions(&blocks, scorer)
        .into_iter()
        .map(|(range, x)| json!({ "start": range.start, "end": range.end, "x": x.to_vec() }))
        .collect();
    json!({ "id": id, "mode": mode, "blocks": rows, "regions": regions }).to_string()
}

/// The baseline extractors on the same HTML pages, scored beside ours.
#[cfg(feature = "baselines")]
fn score_baselines(
    scoring: &Scoring<'_>,
    corpus: &Path,
    ids: &[&String],
    bytes: usize,
) -> Result<(), String> {
    for baseline in baselines::ALL {
        let mut theirs = Predictions {
            name: baseline.name.to_owned(),
            texts: serde_json::Map::new(),
            words: BTreeMap::new(),
            bytes,
            seconds: 0.0,
        };
        for id in ids {
            let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
            let started = Instant::now();
            let text = std::panic::catch_unwind(|| (baseline.extract)(&html)).unwrap_or_default();
            theirs.seconds += started.elapsed().as_secs_f64();
            theirs.add(id, text);
        }
        scoring.report(theirs, 0)?;
    }
    Ok(())
}

/// Prepares every page (or the first `sample` ids) as HTML and as text, scores both modes (and
/// the predictions saved under `baselines`) and checks the floors against the check part.
#[allow(clippy::too_many_arguments)] // one per command-line option
pub fn run(
    corpus: &Path,
    sample: Option<usize>,
    out: &Path,
    scorer: &Path,
    floors: &BTreeMap<String, f64>,
    worst: usize,
    baselines: Option<&Path>,
    blocks: &BlockRequest,
) -> Result<bool, String> {
    // A header names the features, then one line per page and mode.
    let names: Vec<&str> = boilerplate::FEATURES.iter().map(|(n, _)| *n).collect();
    let region_names: Vec<&str> = boilerplate::REGION_FEATURES
        .iter()
        .map(|(n, _)| *n)
        .collect();
    let mut explained =
        vec![json!({ "features": names, "region_features": region_names }).to_string()];
    let gold_path = corpus.join("ground-truth.json");
    let gold: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let ids: Vec<&String> = gold.keys().take(sample.unwrap_or(usize::MAX)).collect();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let split = Split::of(corpus);
    let scoring = Scoring {
        gold: &gold,
        gold_path: &gold_path,
        scorer,
        out,
        split: &split,
        ids: &ids,
    };
    let mut ok = true;
    for mode in ["html", "text"] {
        let mut predictions = Predictions {
            name: mode.to_owned(),
            texts: serde_json::Map::new(),
            words: BTreeMap::new(),
            bytes: 0,
            seconds: 0.0,
        };
        for id in &ids {
            let (input, size) = if mode == "html" {
                let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
                let n = html.len();
                (Input::Html(html), n)
            } else {
                let path = corpus.join("text").join(format!("{id}.txt"));
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                let n = text.len();
                (Input::Text(text), n)
            };
            predictions.bytes += size;
            if blocks.explain.is_some() {
                let scorer = blocks
                    .scorer(split.fold(id))
                    .unwrap_or_else(|| BlockScorer::embedded());
                explained.push(explain_page(id, mode, &input, scorer));
            }
            let started = Instant::now();
            let text = match blocks.scorer(split.fold(id)) {
                None => {
                    pipeline::prepare(input, &Hints::default(), &Options::default())
                        .map_err(|e| format!("{id}: {e}"))?
                        .text
                }
                Some(scorer) => body_by(scorer, input),
            };
            predictions.seconds += started.elapsed().as_secs_f64();
            predictions.add(id, text);
        }
        let bytes = predictions.bytes;
        let f1 = scoring.report(predictions, worst)?;
        #[cfg(feature = "baselines")]
        if mode == "html" {
            score_baselines(&scoring, corpus, &ids, bytes)?;
        }
        if let Some(dir) = baselines {
            for (name, texts) in saved_predictions(dir, mode)? {
                let theirs = Predictions {
                    name,
                    texts,
                    words: BTreeMap::new(),
                    bytes,
                    seconds: 0.0,
                };
                scoring.report(theirs, 0)?;
            }
        }
        if let Some(floor) = floors.get(mode) {
            let check = f1.get(Part::Check.name()).copied().unwrap_or(0.0);
            if check < *floor {
                println!(
                    "      FAIL: {mode} check-part F1 {check:.3} is below the floor {floor:.3}"
                );
                ok = false;
            }
        }
    }
    if let Some(path) = &blocks.explain {
        let mut lines = explained.join("\n");
        lines.push('\n');
        std::fs::write(path, lines).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(ok)
}
