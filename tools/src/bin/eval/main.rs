//! Evaluation commands: prepare a public corpus with the pipeline, score it with the shared scorer
//! (never a re-derived method), and print the figures for the whole corpus, its tune part and its
//! check part (see [`split`]), the worst pages of the tune part, and the speed.
//!
//! ```text
//! eval extraction ../shared/corpus/article-extraction-benchmark [--min-f1 html=0.9,text=0.85]
//! ```
//! Built with `--features baselines`, the HTML mode also scores rs-trafilatura and dom_smoothie
//! on the same pages with the same scorer.

mod extraction;
mod metadata;
mod parser;
mod sources;
mod quotes;
mod rules;
mod snippets;
mod speed;
mod split;
mod tagger;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use article_prep::pipeline;
use clap::{Parser, Subcommand};
use serde_json::Value;

/// Evaluate article-prep on public corpora with the shared scorers.
#[derive(Debug, Parser)]
#[command(name = "eval")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Article-body extraction on the extraction benchmark, HTML and scraped-text modes.
    Extraction {
        /// The corpus folder (with ground-truth.json, html/, text/).
        corpus: PathBuf,
        /// Score only the first N pages (sorted by id), e.g. in CI.
        #[arg(long)]
        sample: Option<usize>,
        /// Where predictions and score reports go.
        #[arg(long, default_value = "target/eval")]
        out: PathBuf,
        /// The scorer (default: `<corpus>/../../tools/extraction_score.py`).
        #[arg(long)]
        scorer: Option<PathBuf>,
        /// Fail when a mode's F1 on the check part is below its floor: `html=0.9,text=0.85`.
        #[arg(long)]
        min_f1: Option<String>,
        /// How many of the worst pages (of the tune part) to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// A folder of other extractors' predictions (`html-<name>.json`, `text-<name>.json`) to
        /// score beside ours (`scripts/trafilatura-predict.py` writes trafilatura's).
        #[arg(long)]
        baselines: Option<PathBuf>,
        /// Value the blocks of the body search by this model (`scripts/train-blocks` writes
        /// them) or by the hand rules (`rules`) instead of the shipped values; the body is then
        /// the pipeline's up to normalisation.
        #[arg(long)]
        block_model: Option<PathBuf>,
        /// One model per fold (`fold-0.json` … `fold-4.json`, each trained without its fold): the
        /// pages of each fold by the model that never saw them.
        #[arg(long)]
        block_models: Option<PathBuf>,
        /// Write every page's blocks and their features here (JSON lines), for training.
        #[arg(long)]
        explain: Option<PathBuf>,
    },
    /// Title, authors and publication date on pages with checked metadata (`metadata.json` and
    /// `html/<id>.html.gz`); the page URL is given as `hints.url`.
    Metadata {
        /// The corpus folder.
        corpus: PathBuf,
        /// Where predictions and reports go.
        #[arg(long, default_value = "target/eval")]
        out: PathBuf,
        /// The scorer (default: `<corpus>/../../tools/metadata_score.py`).
        #[arg(long)]
        scorer: Option<PathBuf>,
        /// How many wrong pages (of the tune part) to list per field.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Fail when a field's accuracy on the check part is below its floor:
        /// `title=0.85,author=0.8,date=0.8`.
        #[arg(long)]
        min: Option<String>,
        /// Write every page's title candidates with their features (JSON lines) here, for
        /// `scripts/train-titles`.
        #[arg(long)]
        explain_titles: Option<PathBuf>,
        /// Choose titles with the model of each page's fold (`DIR/fold-K.json`: every page by a
        /// model that never saw it), or `rules` for the rules' order; default the shipped model.
        #[arg(long)]
        title_models: Option<PathBuf>,
    },
    /// Sentence boundaries on the Golden Rules (`en.json`: a list of `{id, rule, text, expected}`;
    /// `multilingual.json`: `{language: [{text, expected}]}`).
    Sentences {
        /// The rules file.
        rules: PathBuf,
        /// Fail when fewer cases pass.
        #[arg(long)]
        min_pass: Option<usize>,
    },
    /// Article finding on non-English pages with must-include / must-exclude snippets
    /// (`snippets.json`, `html/<id>.html.gz`), scored as the corpus README defines: white space
    /// collapsed, each snippet a plain substring of the body.
    Snippets {
        /// The corpus folder.
        corpus: PathBuf,
        /// How many of the worst pages (of the tune part) to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Fail when F1 on the check part is below this.
        #[arg(long)]
        min_f1: Option<f64>,
    },
    /// Language detection: each language's cases of a multilingual rules file, joined into one
    /// paragraph, prepared as text; the detected language and its confidence per language.
    Languages {
        /// The multilingual rules file (`{"de": [{"text": ...}], ...}`).
        rules: PathBuf,
    },
    /// What each stage knows of each language, as the Markdown table the README prints.
    Support,
    /// A dependency parser of our own (arc-standard, averaged perceptron) on PolNeAR's silver
    /// CoreNLP dependencies, five folds by article: each fold's unlabelled attachment score.
    Parser {
        /// The `polnear-syntax` folder.
        corpus: PathBuf,
        /// Passes over the training sentences.
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Folds scored (1 for fold 0 alone).
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Weights smaller than this are left out of the model: at 2.0 it is a fifth of the
        /// size and parses faster (fold 0, silver tags: UAS 0.8609 as with every weight; with
        /// the fold's tagger 0.8428 against 0.8443).
        #[arg(long, default_value_t = 2.0)]
        min_weight: f32,
        /// A folder of the folds' taggers (`tagger-fold-K.model`): also score with their tags.
        #[arg(long)]
        taggers: Option<PathBuf>,
        /// Write each fold's model (trained without it) into this folder.
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// The quote stage's source ranker on every PolNeAR attribution, five folds by article: the
    /// share of held-out attributions whose source's head word it ranks first.
    Sources {
        /// The `polnear-syntax` folder.
        corpus: PathBuf,
        /// The folds' taggers and parsers (`scripts/train-syntax`'s `target/train/syntax`).
        #[arg(long)]
        syntax: PathBuf,
        /// Passes over the training attributions.
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Write each fold's model (trained without it) into this folder.
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// A part-of-speech tagger of our own (averaged perceptron) on PolNeAR's silver CoreNLP tags,
    /// five folds by article: each fold's tag accuracy by a model trained on the other four.
    Tagger {
        /// The `polnear-syntax` folder.
        corpus: PathBuf,
        /// Passes over the training sentences.
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        /// Folds scored (1 for a quick look at fold 0 alone).
        #[arg(long, default_value_t = 5)]
        folds: usize,
        /// Write each fold's model (trained without it) into this folder.
        #[arg(long)]
        save: Option<PathBuf>,
    },
    /// Throughput on one core, for the comparison with other extractors
    /// (`scripts/bench-vs-anchors`): html5ever parsing the HTML pages and nothing else (into
    /// scraper's tree, and into a sink that keeps only element names, the floor of any tree), our
    /// parse stage alone, then all outputs from the HTML pages and from the text payloads. Median
    /// of `--runs` passes.
    Speed {
        /// The extraction benchmark folder (`html/*.html.gz`, `text/*.txt`).
        corpus: PathBuf,
        /// Passes over all pages; the median is reported.
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Quotes and speakers on annotated articles (JSON Lines with `id`, `text`, `quotes`).
    Quotes {
        /// The gold file, e.g. `../shared/corpus/polnear-quotes/dev.jsonl`.
        gold: PathBuf,
        /// Where predictions go.
        #[arg(long, default_value = "target/eval")]
        out: PathBuf,
        /// The scorer (default: `<gold dir>/../../tools/quotes_score.py`).
        #[arg(long)]
        scorer: Option<PathBuf>,
        /// How many misses (of the tune part) to list.
        #[arg(long, default_value_t = 15)]
        misses: usize,
        /// Fail when quote-span F1 (overlap), speaker accuracy or quote+speaker F1 (named) on the
        /// check part is below these: `span=0.8,speaker=0.6,named=0.7`.
        #[arg(long)]
        min: Option<String>,
        /// Choose the speakers with this model file instead of the embedded one (`rules`: the
        /// hand rules' choice, the baseline a learned model must beat).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Cross-validate: the articles of fold k by `DIR/fold-k.json`; prints each fold's
        /// figures and their mean.
        #[arg(long)]
        models: Option<PathBuf>,
        /// Write every quote's options (candidate speakers and features) here, for training.
        #[arg(long)]
        explain: Option<PathBuf>,
        /// Read the articles of fold k with `DIR/tagger-fold-k.model` and
        /// `DIR/parser-fold-k.model` (`scripts/train-syntax`) instead of the embedded syntax, so
        /// that no article is parsed by models trained on it.
        #[arg(long)]
        syntax: Option<PathBuf>,
        /// Leave out speakers less sure than this (0: the best candidate whenever the model
        /// prefers one to nobody); default: each model's own.
        #[arg(long)]
        min_confidence: Option<f32>,
    },
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<bool, String> {
    match cli.command {
        Cmd::Extraction {
            corpus,
            sample,
            out,
            scorer,
            min_f1,
            worst,
            baselines,
            block_model,
            block_models,
            explain,
        } => {
            let blocks = extraction::BlockRequest::read(
                block_model.as_deref(),
                block_models.as_deref(),
                explain,
            )?;
            let scorer = scorer.unwrap_or_else(|| corpus.join("../../tools/extraction_score.py"));
            let floors = parse_floors(min_f1.as_deref())?;
            extraction::run(
                &corpus,
                sample,
                &out,
                &scorer,
                &floors,
                worst,
                baselines.as_deref(),
                &blocks,
            )
        }
        Cmd::Metadata {
            corpus,
            out,
            scorer,
            worst,
            min,
            explain_titles,
            title_models,
        } => {
            let scorer = scorer.unwrap_or_else(|| corpus.join("../../tools/metadata_score.py"));
            let floors = parse_floors(min.as_deref())?;
            let titles = metadata::Titles::read(title_models.as_deref(), explain_titles)?;
            metadata::run(&corpus, &out, &scorer, worst, &floors, &titles)
        }
        Cmd::Sentences { rules, min_pass } => rules::sentences(&rules, min_pass),
        Cmd::Languages { rules } => rules::languages(&rules),
        Cmd::Tagger {
            corpus,
            iterations,
            folds,
            save,
        } => tagger::run(&corpus, iterations, folds, save.as_deref()),
        Cmd::Parser {
            corpus,
            iterations,
            min_weight,
            folds,
            taggers,
            save,
        } => parser::run(
            &corpus,
            iterations,
            min_weight,
            folds,
            taggers.as_deref(),
            save.as_deref(),
        ),
        Cmd::Sources {
            corpus,
            syntax,
            iterations,
            save,
        } => sources::run(&corpus, &syntax, iterations, save.as_deref()),
        Cmd::Support => {
            print!("{}", pipeline::stages::language::support_table());
            Ok(true)
        }
        Cmd::Speed { corpus, runs } => speed::run(&corpus, runs),
        Cmd::Snippets {
            corpus,
            worst,
            min_f1,
        } => snippets::run(&corpus, worst, min_f1),
        Cmd::Quotes {
            gold,
            out,
            scorer,
            misses,
            min,
            model,
            models,
            explain,
            syntax,
            min_confidence,
        } => {
            let scorer = scorer.unwrap_or_else(|| {
                gold.parent()
                    .unwrap_or(Path::new("."))
                    .join("../../tools/quotes_score.py")
            });
            let floors = parse_floors(min.as_deref())?;
            quotes::run(&quotes::Request {
                gold_path: &gold,
                out: &out,
                scorer: &scorer,
                misses,
                floors: &floors,
                models: quotes::Models::read(model.as_deref(), models.as_deref())?,
                syntax: quotes::Syntax::read(syntax.as_deref())?,
                min_confidence,
                explain: explain.as_deref(),
            })
        }
    }
}

/// Floors as the command line gives them: `name=value,name=value`.
fn parse_floors(spec: Option<&str>) -> Result<BTreeMap<String, f64>, String> {
    let mut floors = BTreeMap::new();
    for part in spec
        .unwrap_or_default()
        .split(',')
        .filter(|p| !p.is_empty())
    {
        let (mode, value) = part
            .split_once('=')
            .ok_or_else(|| format!("a floor is name=value, got {part:?}"))?;
        let value: f64 = value
            .parse()
            .map_err(|_| format!("floor {value:?} is not a number"))?;
        floors.insert(mode.to_owned(), value);
    }
    Ok(floors)
}

/// The text of a gzipped file, invalid UTF-8 replaced.
fn read_gz(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut text = String::new();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    text.push_str(&String::from_utf8_lossy(&bytes));
    Ok(text)
}

/// Runs a shared scorer with `args` and returns what it printed.
fn run_scorer(scorer: &Path, args: &[&std::ffi::OsStr]) -> Result<String, String> {
    let output = Command::new("python3")
        .arg(scorer)
        .args(args)
        .output()
        .map_err(|e| format!("running {}: {e}", scorer.display()))?;
    if !output.status.success() {
        return Err(format!(
            "scorer failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The strings of a JSON array (none for anything else).
pub(crate) fn strings(list: &Value) -> impl Iterator<Item = &str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}
