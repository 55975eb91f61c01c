//! `eval metadata`: title, authors and publication date of every page (its URL as a hint), scored
//! by the shared metadata scorer for the whole corpus, its tune part and its check part.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use std::path::PathBuf;

use article_prep::pipeline::stages::metadata::{
    TITLE_FEATURES, TitleModel, explain_titles, read_markup_with,
};
use article_prep::pipeline::{self, Hints, Input, Options};
use serde_json::{Value, json};

use super::split::{Part, Split};
use super::{read_gz, run_scorer};

/// How titles are chosen and what is written of their candidates.
#[derive(Debug, Default)]
pub struct Titles {
    /// `None`: the pipeline's own (the shipped model); else one choice per fold, or one for all
    /// (`Some(vec![None])`: the rules' order).
    models: Option<Vec<Option<TitleModel>>>,
    explain: Option<PathBuf>,
}

impl Titles {
    /// From `--title-models` (a folder of `fold-K.json`, or `rules`) and `--explain-titles`.
    pub fn read(models: Option<&Path>, explain: Option<PathBuf>) -> Result<Self, String> {
        let models = match models {
            None => None,
            Some(p) if p.as_os_str() == "rules" => Some(vec![None]),
            Some(dir) => Some(
                (0..5)
                    .map(|k| {
                        let path = dir.join(format!("fold-{k}.json"));
                        let json = std::fs::read_to_string(&path)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        TitleModel::from_json(&json).map(Some)
                    })
                    .collect::<Result<Vec<_>, String>>()?,
            ),
        };
        Ok(Self { models, explain })
    }

    /// How the titles of a page of `fold` are chosen: `None`, the pipeline's own; `Some(None)`,
    /// the rules' order.
    fn choose_for(&self, fold: u8) -> Option<Option<&TitleModel>> {
        let models = self.models.as_ref()?;
        Some(
            models
                .get(usize::from(fold))
                .or(models.first())
                .and_then(Option::as_ref),
        )
    }

    /// A page's title candidates with their features, as a JSON line, when they are written.
    fn explain_page(&self, id: &str, fold: u8, html: &str, url: Option<&str>) -> Option<String> {
        self.explain.as_ref()?;
        let (blocks, facts) = pipeline::stages::html::parse(html);
        let candidates: Vec<Value> = explain_titles(&facts, &blocks, url)
            .into_iter()
            .map(|(text, x)| json!([text, x.to_vec()]))
            .collect();
        Some(json!({ "id": id, "fold": fold, "candidates": candidates }).to_string())
    }

    /// Writes the explained pages under a header naming the features.
    fn write_explained(&self, pages: Vec<String>) -> Result<(), String> {
        let Some(path) = &self.explain else {
            return Ok(());
        };
        let names: Vec<&str> = TITLE_FEATURES.iter().map(|(n, _)| *n).collect();
        let text = std::iter::once(json!({ "features": names }).to_string())
            .chain(pages)
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// One page's `{id, title, authors, published_at}`, prepared with its URL as a hint, its title
/// chosen by `model` when given (`Some(None)`: the rules' order).
fn predict(
    id: &str,
    html: String,
    url: Option<&str>,
    model: Option<Option<&TitleModel>>,
) -> Result<Value, String> {
    let chosen = model.map(|model| {
        let (blocks, facts) = pipeline::stages::html::parse(&html);
        read_markup_with(&facts, &blocks, url, model)
            .titles
            .into_iter()
            .next()
    });
    let hints = Hints::parse(url.map(str::to_owned), None, None, None, None).unwrap_or_default();
    let prepared = pipeline::prepare(Input::Html(html), &hints, &Options::default())
        .map_err(|e| format!("{id}: {e}"))?;
    let m = prepared.metadata;
    // A page whose markup gives no title keeps the pipeline's (a line of the page).
    let title = chosen.flatten().map_or(m.title, |t| pipeline::clean(&t));
    Ok(json!({ "id": id, "title": title, "authors": m.authors, "published_at": m.published_at }))
}

/// Prepares every page as HTML with its URL as a hint, writes `{id, title, authors,
/// published_at}` lines, runs the shared scorer on each part and lists wrong tune pages per field.
pub fn run(
    corpus: &Path,
    out: &Path,
    scorer: &Path,
    worst: usize,
    floors: &BTreeMap<String, f64>,
    titles: &Titles,
) -> Result<bool, String> {
    let gold_path = corpus.join("metadata.json");
    let gold: BTreeMap<String, Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .map_err(|e| format!("{}: {e}", gold_path.display()))?,
    )
    .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let split = Split::of(corpus);
    let mut gold_lines = Vec::new();
    let mut pred_lines = Vec::new();
    let mut ours: BTreeMap<String, Value> = BTreeMap::new();
    let mut explained = Vec::new();
    let started = Instant::now();
    for (id, g) in &gold {
        let mut row = g.clone();
        row["id"] = json!(id);
        gold_lines.push(row.to_string());
        let html = read_gz(&corpus.join("html").join(format!("{id}.html.gz")))?;
        let url = g["url"].as_str();
        let fold = split.fold(id);
        explained.extend(titles.explain_page(id, fold, &html, url));
        let pred = predict(id, html, url, titles.choose_for(fold))?;
        pred_lines.push(pred.to_string());
        ours.insert(id.clone(), pred);
    }
    let seconds = started.elapsed().as_secs_f64();
    titles.write_explained(explained)?;
    let gold_jsonl = out.join("metadata-gold.jsonl");
    let pred_jsonl = out.join("metadata-pred.jsonl");
    std::fs::write(&gold_jsonl, gold_lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    std::fs::write(&pred_jsonl, pred_lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    let mut check_figures = Value::Null;
    for part in Part::EACH {
        let ids: Vec<&str> = gold
            .keys()
            .filter(|id| split.holds(part, id))
            .map(String::as_str)
            .collect();
        let ids_file = out.join(format!("metadata-ids-{}.txt", part.name()));
        std::fs::write(&ids_file, ids.join("\n") + "\n").map_err(|e| e.to_string())?;
        let per_page = out.join(format!("metadata-per-page-{}.jsonl", part.name()));
        let figures_json = out.join(format!("metadata-score-{}.json", part.name()));
        let printed = run_scorer(
            scorer,
            &[
                gold_jsonl.as_os_str(),
                pred_jsonl.as_os_str(),
                "--ids".as_ref(),
                ids_file.as_os_str(),
                "--per-page".as_ref(),
                per_page.as_os_str(),
                "--json".as_ref(),
                figures_json.as_os_str(),
            ],
        )?;
        if part == Part::All {
            print!("{printed}");
        } else {
            // The scorer's own row, under the table printed for the whole corpus.
            let row = printed
                .lines()
                .find(|l| l.starts_with("metadata-pred"))
                .unwrap_or_default();
            println!(
                "{:<18}{}  ({} pages)",
                part.name(),
                row.trim_start_matches("metadata-pred").trim_start(),
                ids.len()
            );
        }
        if part == Part::Tune && worst > 0 {
            print_wrong(&per_page, &gold, &ours, worst);
        }
        if part == Part::Check {
            check_figures = std::fs::read_to_string(&figures_json)
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
        }
    }
    println!(
        "speed: {:.1} pages/s (one core, whole pipeline)",
        gold.len() as f64 / seconds.max(1e-9)
    );
    let mut ok = true;
    for (field, floor) in floors {
        let accuracy = check_figures["metadata-pred"][field]["accuracy"]
            .as_f64()
            .ok_or_else(|| format!("the scorer's JSON has no accuracy for {field:?}"))?;
        if accuracy < *floor {
            println!(
                "FAIL: {field} check-part accuracy {accuracy:.3} is below the floor {floor:.3}"
            );
            ok = false;
        }
    }
    Ok(ok)
}

/// The first `worst` wrong pages of a part, per field.
fn print_wrong(
    per_page: &Path,
    gold: &BTreeMap<String, Value>,
    ours: &BTreeMap<String, Value>,
    worst: usize,
) {
    let verdicts = std::fs::read_to_string(per_page).unwrap_or_default();
    for field in ["title", "author", "date"] {
        println!("wrong {field} on tune pages (first {worst}):");
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
            let (gold_key, our_key) = match field {
                "title" => ("title", "title"),
                "author" => ("author", "authors"),
                _ => ("publish_date", "published_at"),
            };
            println!(
                "  {:6}  gold {}  ours {}",
                &id[..id.len().min(6)],
                gold[id][gold_key],
                ours[id][our_key]
            );
        }
    }
}
