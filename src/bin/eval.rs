//! Evaluation commands: prepare a public corpus with the pipeline, score it with the shared scorer
//! (never a re-derived method), and print the figures, the worst pages and the speed.
//!
//! ```text
//! eval extraction ../shared/corpus/article-extraction-benchmark [--sample N] [--min-f1 html=0.9,text=0.85]
//! ```
//! Built with `--features baselines`, the HTML mode also scores rs-trafilatura and dom_smoothie
//! on the same pages with the same scorer.

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use article_prep::pipeline::{self, Hints, Input, Options};
use clap::{Parser, Subcommand};
use serde_json::{Value, json};

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
        /// Fail when a mode's F1 is below its floor: `html=0.9,text=0.85`.
        #[arg(long)]
        min_f1: Option<String>,
        /// How many of the worst pages to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
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
        /// How many wrong pages to list per field.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Fail when a field's accuracy is below its floor: `title=0.85,author=0.8,date=0.8`.
        #[arg(long)]
        min: Option<String>,
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
        /// How many of the worst pages to list.
        #[arg(long, default_value_t = 10)]
        worst: usize,
        /// Fail when F1 is below this.
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
    /// Throughput on one core, for the comparison with other extractors
    /// (`scripts/bench-vs-anchors`): html5ever parsing the HTML pages and nothing else, then all
    /// outputs from the HTML pages and from the text payloads. Median of `--runs` passes.
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
        /// How many misses to list.
        #[arg(long, default_value_t = 15)]
        misses: usize,
        /// Fail when quote-span F1 (overlap), speaker accuracy or quote+speaker F1 (named) is below these: `span=0.8,speaker=0.6,named=0.7`.
        #[arg(long)]
        min: Option<String>,
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
        } => {
            let scorer = scorer.unwrap_or_else(|| corpus.join("../../tools/extraction_score.py"));
            let floors = parse_floors(min_f1.as_deref())?;
            extraction(&corpus, sample, &out, &scorer, &floors, worst)
        }
        Cmd::Metadata {
            corpus,
            out,
            scorer,
            worst,
            min,
        } => {
            let scorer = scorer.unwrap_or_else(|| corpus.join("../../tools/metadata_score.py"));
            let floors = parse_floors(min.as_deref())?;
            metadata(&corpus, &out, &scorer, worst, &floors)
        }
        Cmd::Sentences { rules, min_pass } => sentences(&rules, min_pass),
        Cmd::Languages { rules } => languages(&rules),
        Cmd::Support => {
            print!("{}", pipeline::language::support_table());
            Ok(true)
        }
        Cmd::Speed { corpus, runs } => speed(&corpus, runs),
        Cmd::Snippets {
            corpus,
            worst,
            min_f1,
        } => snippets(&corpus, worst, min_f1),
        Cmd::Quotes {
            gold,
            out,
            scorer,
            misses,
            min,
        } => {
            let scorer = scorer.unwrap_or_else(|| {
                gold.parent()
                    .unwrap_or(Path::new("."))
                    .join("../../tools/quotes_score.py")
            });
            let floors = parse_floors(min.as_deref())?;
            quotes(&gold, &out, &scorer, misses, &floors)
        }
    }
}

/// Pages per second and MB/s of input, median of `runs` passes, one thread: html5ever alone, then
/// the whole pipeline (all outputs, default options) on HTML and on text payloads.
fn speed(corpus: &Path, runs: usize) -> Result<bool, String> {
    let list = |sub: &str, ext: &str| -> Result<Vec<PathBuf>, String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus.join(sub))
            .map_err(|e| format!("{}: {e}", corpus.join(sub).display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(ext))
            .collect();
        paths.sort();
        Ok(paths)
    };
    let html: Vec<String> = list("html", ".html.gz")?
        .iter()
        .map(|p| read_gz(p))
        .collect::<Result<_, _>>()?;
    let text: Vec<String> = list("text", ".txt")?
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<_, _>>()?;
    let options = Options::default();
    let runs = runs.max(1);
    let measure = |name: &str, pages: &[String], work: &dyn Fn(&str)| {
        let mut seconds: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                for page in pages {
                    work(page);
                }
                started.elapsed().as_secs_f64()
            })
            .collect();
        seconds.sort_by(f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        let bytes: usize = pages.iter().map(String::len).sum();
        println!(
            "{name:<34} {:>8.1} pages/s {:>8.1} MB/s   ({} pages, median of {runs})",
            pages.len() as f64 / median,
            bytes as f64 / 1e6 / median,
            pages.len()
        );
    };
    measure("html5ever parse only (html)", &html, &|page| {
        std::hint::black_box(scraper::Html::parse_document(page));
    });
    measure("article-prep all outputs (html)", &html, &|page| {
        let _ = std::hint::black_box(pipeline::prepare(
            Input::Html(page.to_owned()),
            &Hints::default(),
            &options,
        ));
    });
    measure("article-prep all outputs (text)", &text, &|page| {
        let _ = std::hint::black_box(pipeline::prepare(
            Input::Text(page.to_owned()),
            &Hints::default(),
            &options,
        ));
    });
    Ok(true)
}

/// Prepares every page as HTML with its URL as a hint, writes `{id, title, authors,
/// published_at}` lines, runs the shared scorer and lists wrong pages per field.
fn metadata(
    corpus: &Path,
    out: &Path,
    scorer: &Path,
    worst: usize,
    floors: &BTreeMap<String, f64>,
) -> Result<bool, String> {
    let gold_path = corpus.join("metadata.json");
    let gold: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let mut gold_lines = Vec::new();
    let mut pred_lines = Vec::new();
    let mut ours: BTreeMap<String, Value> = BTreeMap::new();
    let started = Instant::now();
    for (id, g) in &gold {
        let mut row = g.clone();
        row["id"] = json!(id);
        gold_lines.push(row.to_string());
        let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
        let hints = Hints::parse(g["url"].as_str().map(str::to_owned), None, None, None, None)
            .unwrap_or_default();
        let prepared = pipeline::prepare(Input::Html(html), &hints, &Options::default())
            .map_err(|e| format!("{id}: {e}"))?;
        let m = prepared.metadata;
        let pred = json!({ "id": id, "title": m.title, "authors": m.authors, "published_at": m.published_at });
        pred_lines.push(pred.to_string());
        ours.insert(id.clone(), pred);
    }
    let seconds = started.elapsed().as_secs_f64();
    let gold_jsonl = out.join("metadata-gold.jsonl");
    let pred_jsonl = out.join("metadata-pred.jsonl");
    std::fs::write(&gold_jsonl, gold_lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    std::fs::write(&pred_jsonl, pred_lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    let per_page = out.join("metadata-per-page.jsonl");
    let figures_json = out.join("metadata-score.json");
    let printed = run_scorer(
        scorer,
        &[
            gold_jsonl.as_os_str(),
            pred_jsonl.as_os_str(),
            "--per-page".as_ref(),
            per_page.as_os_str(),
            "--json".as_ref(),
            figures_json.as_os_str(),
        ],
    )?;
    print!("{printed}");
    println!(
        "speed: {:.1} pages/s (one core, whole pipeline)",
        gold.len() as f64 / seconds.max(1e-9)
    );
    if worst > 0 {
        let verdicts = std::fs::read_to_string(&per_page).unwrap_or_default();
        for field in ["title", "author", "date"] {
            println!("wrong {field} (first {worst}):");
            let wrong = verdicts
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                // Each verdict is [has gold, has prediction, correct]: wrong when predicted or
                // expected and not correct.
                .filter(|v| {
                    let flag = |k: usize| v[field][k].as_bool().unwrap_or(false);
                    (flag(0) || flag(1)) && !flag(2)
                });
            for v in wrong.take(worst) {
                let id = v["id"].as_str().unwrap_or_default();
                let gold_value = match field {
                    "title" => gold[id]["title"].clone(),
                    "author" => gold[id]["author"].clone(),
                    _ => gold[id]["publish_date"].clone(),
                };
                let our_value = match field {
                    "title" => ours[id]["title"].clone(),
                    "author" => ours[id]["authors"].clone(),
                    _ => ours[id]["published_at"].clone(),
                };
                println!(
                    "  {:6}  gold {gold_value}  ours {our_value}",
                    &id[..id.len().min(6)]
                );
            }
        }
    }
    let figures: Value = std::fs::read_to_string(&figures_json)
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default();
    let mut ok = true;
    for (field, floor) in floors {
        let accuracy = figures["metadata-pred"][field]["accuracy"]
            .as_f64()
            .ok_or_else(|| format!("the scorer's JSON has no accuracy for {field:?}"))?;
        if accuracy < *floor {
            println!("FAIL: {field} accuracy {accuracy:.3} is below the floor {floor:.3}");
            ok = false;
        }
    }
    Ok(ok)
}

/// Scores the body of each page against its snippets; prints P/R/F1, speed and the worst pages.
fn snippets(corpus: &Path, worst: usize, min_f1: Option<f64>) -> Result<bool, String> {
    let index = corpus.join("snippets.json");
    let pages: serde_json::Map<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (mut tp, mut fn_, mut fp) = (0usize, 0usize, 0usize);
    let mut per_page: Vec<(usize, String, Vec<String>)> = Vec::new();
    let mut bytes = 0usize;
    let mut busy = std::time::Duration::ZERO;
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
        for with in strings(&page["with"]) {
            if body.contains(&collapse(with)) {
                tp += 1;
            } else {
                fn_ += 1;
                misses.push(format!("missing: {with}"));
            }
        }
        for without in strings(&page["without"]) {
            if body.contains(&collapse(without)) {
                fp += 1;
                misses.push(format!("kept:    {without}"));
            }
        }
        per_page.push((misses.len(), id.clone(), misses));
    }
    #[allow(clippy::cast_precision_loss)]
    let (p, r) = (
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fn_).max(1) as f64,
    );
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    per_page.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (n, id, misses) in per_page.iter().take(worst).filter(|(n, ..)| *n > 0) {
        println!("{id}: {n} wrong");
        for m in misses.iter().take(4) {
            println!("    {}", m.chars().take(110).collect::<String>());
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let speed = (
        pages.len() as f64 / busy.as_secs_f64(),
        bytes as f64 / 1e6 / busy.as_secs_f64(),
    );
    println!(
        "snippets F1 {f1:.3}  P {p:.3}  R {r:.3}  (tp {tp}, fn {fn_}, fp {fp}) on {} pages  |  {:.1} pages/s, {:.1} MB/s (one core)",
        pages.len(),
        speed.0,
        speed.1
    );
    Ok(min_f1.is_none_or(|min| f1 >= min))
}

/// The strings of a JSON array (none for anything else).
fn strings(list: &Value) -> impl Iterator<Item = &str> {
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}

/// Prints, per language of the file, what the pipeline detects on a paragraph of it.
fn languages(rules: &Path) -> Result<bool, String> {
    let raw: Value = serde_json::from_str(
        &std::fs::read_to_string(rules).map_err(|e| format!("{}: {e}", rules.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let Value::Object(by_language) = raw else {
        return Err("expected an object of languages".into());
    };
    // Some languages' cases copy English ones word for word (pySBD's Danish rules): those are
    // English text, not a paragraph of the language, so the English rules beside the file are
    // left out of each language's paragraph.
    let english: HashSet<String> = rules
        .parent()
        .map(|dir| dir.join("en.json"))
        .and_then(|path| std::fs::read_to_string(path).ok())
        .and_then(|raw| serde_json::from_str::<Value>(&raw).ok())
        .map(|en| {
            let cases = match &en {
                Value::Array(cases) => cases.iter().collect::<Vec<_>>(),
                Value::Object(groups) => groups
                    .values()
                    .filter_map(Value::as_array)
                    .flatten()
                    .collect(),
                _ => Vec::new(),
            };
            cases
                .into_iter()
                .filter_map(|c| c["text"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let mut right = 0;
    for (lang, cases) in &by_language {
        let paragraph = cases
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["text"].as_str())
            .filter(|text| !english.contains(*text))
            .collect::<Vec<_>>()
            .join(" ");
        let options = Options {
            keep_all_text: true,
            ..Options::default()
        };
        let prepared = pipeline::prepare(Input::Text(paragraph), &Hints::default(), &options)
            .map_err(|e| format!("{lang}: {e}"))?;
        let got = &prepared.metadata.language;
        let ok = got == lang;
        right += usize::from(ok);
        println!(
            "{} {lang}: detected {:<4} confidence {:.2}",
            if ok { "ok  " } else { "MISS" },
            if got.is_empty() { "-" } else { got },
            prepared.metadata.language_confidence
        );
    }
    println!("right {right}/{}", by_language.len());
    Ok(right == by_language.len())
}

/// Runs every case through the segmenter (as the pipeline does for one paragraph) and prints the
/// failures and the count per language. Cases pass when the trimmed, non-empty sentences equal
/// `expected` exactly, the method of the corpus README.
fn sentences(rules: &Path, min_pass: Option<usize>) -> Result<bool, String> {
    let raw: Value = serde_json::from_str(
        &std::fs::read_to_string(rules).map_err(|e| format!("{}: {e}", rules.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let cases: Vec<(String, &Value)> = match &raw {
        Value::Array(items) => items.iter().map(|c| ("en".to_owned(), c)).collect(),
        Value::Object(by_language) => by_language
            .iter()
            .flat_map(|(lang, items)| {
                items
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(move |c| (lang.clone(), c))
            })
            .collect(),
        _ => return Err("unexpected rules format".into()),
    };
    let mut passed = 0;
    let mut per_language: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut bytes = 0usize;
    let started = Instant::now();
    for (lang, case) in &cases {
        let text = case["text"].as_str().unwrap_or_default();
        bytes += text.len();
        let rules = pipeline::language::Profile::for_tag(lang).sentences;
        let got: Vec<&str> = pipeline::segment::split_sentences(text, &rules)
            .into_iter()
            .filter_map(|r| text.get(r))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let expected: Vec<&str> = case["expected"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        let entry = per_language.entry(lang.clone()).or_default();
        entry.1 += 1;
        if got == expected {
            passed += 1;
            entry.0 += 1;
        } else {
            let id = case["id"]
                .as_u64()
                .map(|i| format!("#{i} "))
                .unwrap_or_default();
            println!(
                "FAIL {lang} {id}{}",
                case["rule"].as_str().unwrap_or_default()
            );
            println!("     expected {expected:?}");
            println!("     got      {got:?}");
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    for (lang, (ok, all)) in &per_language {
        println!("{lang}: {ok}/{all}");
    }
    println!(
        "passed {passed}/{} ({:.1} MB/s on these short cases)",
        cases.len(),
        bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    Ok(min_pass.is_none_or(|m| passed >= m))
}

/// For each char boundary of `normalised`, the code-point offset of the same character in
/// `source`: characters normalisation dropped or folded (white space, invisibles) are skipped.
fn align(normalised: &str, source: &str) -> Vec<(usize, usize)> {
    let src: Vec<char> = source.chars().collect();
    let mut map = Vec::with_capacity(normalised.len() / 2);
    let mut j = 0usize;
    for (byte, c) in normalised.char_indices() {
        if !c.is_whitespace() {
            if let Some(k) = (j..src.len().min(j + 64)).find(|&k| src[k] == c) {
                j = k;
            }
        }
        map.push((byte, j));
        if !c.is_whitespace() {
            j = (j + 1).min(src.len());
        }
    }
    map.push((normalised.len(), j));
    map
}

fn source_offset(map: &[(usize, usize)], byte: usize) -> usize {
    let k = map.partition_point(|&(b, _)| b < byte);
    map.get(k).map_or(0, |&(_, j)| j)
}

fn quotes(
    gold_path: &Path,
    out: &Path,
    scorer: &Path,
    misses: usize,
    floors: &BTreeMap<String, f64>,
) -> Result<bool, String> {
    let gold_text =
        std::fs::read_to_string(gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let articles: Vec<Value> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let options = Options {
        keep_all_text: true,
        ..Options::default()
    };
    let mut lines = Vec::new();
    let mut predicted: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut seconds = 0f64;
    for a in &articles {
        let id = a["id"].as_str().unwrap_or_default().to_owned();
        let text = a["text"].as_str().unwrap_or_default();
        let started = Instant::now();
        let prepared = pipeline::prepare(Input::Text(text.to_owned()), &Hints::default(), &options)
            .map_err(|e| format!("{id}: {e}"))?;
        seconds += started.elapsed().as_secs_f64();
        let map = align(&prepared.text, text);
        let quotes: Vec<Value> = prepared
            .quotes
            .iter()
            .map(|q| {
                let start = source_offset(&map, q.span.start());
                let end = source_offset(&map, q.span.end().saturating_sub(1)) + 1;
                let speaker = q.speaker.clone();
                predicted.entry(id.clone()).or_default().push((start, end, speaker.clone().unwrap_or_default()));
                json!({ "start": start, "end": end, "text": q.span.slice(&prepared.text), "speaker": speaker, "attribution": format!("{:?}", q.attribution), "cue": q.cue })
            })
            .collect();
        lines.push(json!({ "id": id, "quotes": quotes }).to_string());
    }
    let pred_path = out.join("quotes-pred.jsonl");
    std::fs::write(&pred_path, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    let printed = run_scorer(scorer, &[gold_path.as_os_str(), pred_path.as_os_str()])?;
    print!("{printed}");
    println!(
        "speed: {:.1} articles/s (one core, whole pipeline)",
        articles.len() as f64 / seconds.max(1e-9)
    );
    let figures: Value = serde_json::from_str(&run_scorer(
        scorer,
        &[
            gold_path.as_os_str(),
            pred_path.as_os_str(),
            "--json".as_ref(),
        ],
    )?)
    .unwrap_or_default();

    // The misses: gold quotes with no overlapping prediction, or with another speaker.
    println!("misses (first {misses}):");
    let mut shown = 0;
    for a in &articles {
        let id = a["id"].as_str().unwrap_or_default();
        let text: Vec<char> = a["text"].as_str().unwrap_or_default().chars().collect();
        let preds = predicted.get(id).cloned().unwrap_or_default();
        for q in a["quotes"].as_array().into_iter().flatten() {
            let (gs, ge) = (
                q["start"].as_u64().unwrap_or(0) as usize,
                q["end"].as_u64().unwrap_or(0) as usize,
            );
            let overlap = |(s, e, _): &&(usize, usize, String)| s.max(&gs) < e.min(&ge);
            let gold_speaker = q["speaker"].as_str().unwrap_or("");
            let snippet: String = text
                .get(gs..ge.min(gs + 60))
                .map(|c| c.iter().collect())
                .unwrap_or_default();
            let line = match preds.iter().find(overlap) {
                None => Some(format!("  missed   {id}: \"{snippet}\" ({gold_speaker})")),
                Some((_, _, speaker)) => {
                    // Roughly the scorer's rule: the last word of our name (cut at a comma or
                    // bracket) against the last word of any comma/bracket-separated part of gold.
                    let last = |s: &str| {
                        s.trim_end_matches(|c: char| !c.is_alphanumeric())
                            .trim_end_matches("'s")
                            .trim_end_matches("’s")
                            .split(|c: char| !c.is_alphanumeric())
                            .rfind(|w| !w.is_empty())
                            .unwrap_or("")
                            .to_lowercase()
                    };
                    let ours = last(speaker.split([',', '(']).next().unwrap_or(""));
                    let agrees = gold_speaker
                        .split([',', '(', ')'])
                        .any(|part| !part.trim().is_empty() && last(part) == ours);
                    (q["speaker_is_pronoun"].as_bool() != Some(true)
                        && !gold_speaker.is_empty()
                        && !agrees)
                    .then(|| {
                        format!(
                            "  speaker  {id}: \"{snippet}\" gold {gold_speaker:?}, ours {speaker:?}"
                        )
                    })
                }
            };
            if let Some(line) = line.filter(|_| shown < misses) {
                println!("{line}");
                shown += 1;
            }
        }
    }
    let mut ok = true;
    let span = figures["span_overlap"]["f1"].as_f64();
    let speaker = figures["speaker_acc_overlap"].as_f64();
    let named = figures["attrib_f1_named"]["f1"].as_f64();
    for (name, value) in [("span", span), ("speaker", speaker), ("named", named)] {
        if let Some(floor) = floors.get(name) {
            let v = value.ok_or_else(|| format!("the scorer's JSON has no {name} figure"))?;
            if v < *floor {
                println!("FAIL: {name} {v:.3} is below the floor {floor:.3}");
                ok = false;
            }
        }
    }
    Ok(ok)
}

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

/// What scoring one prediction set needs.
#[derive(Clone, Copy)]
struct Scoring<'a> {
    gold: &'a BTreeMap<String, Value>,
    gold_path: &'a Path,
    ids_file: &'a Path,
    scorer: &'a Path,
    out: &'a Path,
    worst: usize,
}

/// Writes `predictions`, runs the shared scorer on them, prints the figures and the worst pages,
/// and returns F1.
fn score_and_report(
    scoring: &Scoring<'_>,
    name: &str,
    ids: &[&String],
    predictions: serde_json::Map<String, Value>,
    lengths: &BTreeMap<String, usize>,
    bytes: usize,
    seconds: f64,
) -> Result<f64, String> {
    let pred_path = scoring.out.join(format!("extraction-{name}.json"));
    std::fs::write(&pred_path, Value::Object(predictions).to_string())
        .map_err(|e| e.to_string())?;
    let report_path = scoring.out.join(format!("extraction-{name}-score.json"));
    run_scorer(
        scoring.scorer,
        &[
            "--gold".as_ref(),
            scoring.gold_path.as_os_str(),
            "--pred".as_ref(),
            pred_path.as_os_str(),
            "--ids".as_ref(),
            scoring.ids_file.as_os_str(),
            "--json".as_ref(),
            report_path.as_os_str(),
            "--n-bootstrap".as_ref(),
            "200".as_ref(),
        ],
    )?;
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&report_path).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let metrics = report
        .as_object()
        .and_then(|m| m.values().next())
        .cloned()
        .unwrap_or_default();
    let f1 = metrics["f1"].as_f64().unwrap_or(0.0);
    println!(
        "{name:16}  F1 {f1:.3}  P {:.3}  R {:.3}  pages {}  empty {}  |  {:.1} pages/s, {:.1} MB/s (one core)",
        metrics["precision"].as_f64().unwrap_or(0.0),
        metrics["recall"].as_f64().unwrap_or(0.0),
        ids.len(),
        metrics["empty_predictions"],
        ids.len() as f64 / seconds.max(1e-9),
        bytes as f64 / 1e6 / seconds.max(1e-9),
    );
    if let (Some(pages), true) = (metrics["per_page"].as_object(), scoring.worst > 0) {
        let mut scored: Vec<(&String, f64, &Value)> = pages
            .iter()
            .map(|(id, v)| (id, v["f1"].as_f64().unwrap_or(0.0), v))
            .collect();
        scored.sort_by(|a, b| a.1.total_cmp(&b.1));
        println!("      worst pages (f1, tp/fp/fn share, predicted words, gold words):");
        for (id, f1, v) in scored.into_iter().take(scoring.worst) {
            let gold_words = scoring.gold[id.as_str()]["articleBody"]
                .as_str()
                .map_or(0, |t| t.split_whitespace().count());
            println!(
                "        {}  f1 {f1:.3}  tp {:.2} fp {:.2} fn {:.2}  {} / {}",
                &id[..id.len().min(16)],
                v["tp"].as_f64().unwrap_or(0.0),
                v["fp"].as_f64().unwrap_or(0.0),
                v["fn"].as_f64().unwrap_or(0.0),
                lengths.get(id).copied().unwrap_or(0),
                gold_words
            );
        }
    }
    Ok(f1)
}

/// Other extractors, scored beside ours on the same pages by the same scorer.
#[cfg(feature = "baselines")]
mod baselines {
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

fn extraction(
    corpus: &Path,
    sample: Option<usize>,
    out: &Path,
    scorer: &Path,
    floors: &BTreeMap<String, f64>,
    worst: usize,
) -> Result<bool, String> {
    let gold_path = corpus.join("ground-truth.json");
    let gold: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let ids: Vec<&String> = gold.keys().take(sample.unwrap_or(usize::MAX)).collect();
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let ids_file = out.join("extraction-ids.txt");
    std::fs::write(
        &ids_file,
        ids.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .map_err(|e| e.to_string())?;

    let scoring = Scoring {
        gold: &gold,
        gold_path: &gold_path,
        ids_file: &ids_file,
        scorer,
        out,
        worst,
    };
    let mut ok = true;
    for mode in ["html", "text"] {
        let mut predictions = serde_json::Map::new();
        let mut lengths = BTreeMap::new();
        let mut bytes = 0usize;
        let mut seconds = 0f64;
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
            bytes += size;
            let started = Instant::now();
            let prepared = pipeline::prepare(input, &Hints::default(), &Options::default())
                .map_err(|e| format!("{id}: {e}"))?;
            seconds += started.elapsed().as_secs_f64();
            lengths.insert((*id).clone(), prepared.text.split_whitespace().count());
            predictions.insert((*id).clone(), json!({ "articleBody": prepared.text }));
        }
        let f1 = score_and_report(&scoring, mode, &ids, predictions, &lengths, bytes, seconds)?;
        #[cfg(feature = "baselines")]
        if mode == "html" {
            for baseline in baselines::ALL {
                let mut predictions = serde_json::Map::new();
                let mut lengths = BTreeMap::new();
                let mut seconds = 0f64;
                for id in &ids {
                    let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
                    let started = Instant::now();
                    let text =
                        std::panic::catch_unwind(|| (baseline.extract)(&html)).unwrap_or_default();
                    seconds += started.elapsed().as_secs_f64();
                    lengths.insert((*id).clone(), text.split_whitespace().count());
                    predictions.insert((*id).clone(), json!({ "articleBody": text }));
                }
                score_and_report(
                    &Scoring {
                        worst: 0,
                        ..scoring
                    },
                    baseline.name,
                    &ids,
                    predictions,
                    &lengths,
                    bytes,
                    seconds,
                )?;
            }
        }
        if let Some(floor) = floors.get(mode) {
            if f1 < *floor {
                println!("      FAIL: {mode} F1 {f1:.3} is below the floor {floor:.3}");
                ok = false;
            }
        }
    }
    Ok(ok)
}
