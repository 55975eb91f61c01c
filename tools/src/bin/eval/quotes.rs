//! `eval quotes`: quotations and speakers on annotated articles (JSON Lines with `id`, `text`,
//! `quotes`), scored by the shared quotes scorer for the whole set, its tune part and its check
//! part, with the speaker errors by kind (`scripts/speaker-errors.py`). The speakers may be chosen
//! by another model than the embedded one, or by one model per fold (cross-validation: each
//! article's speakers by the model trained without its fold), and the options every choice was
//! made from may be written out for training (`scripts/train-speaker`).

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::stages::language;
use article_prep::pipeline::stages::quotes::{
    self as quote_stage, Chooser, SourceRanker, SpeakerModel,
};
use article_prep::pipeline::stages::syntax::{Analyser, Model};
use article_prep::pipeline::{self, Hints, Input, Options};
use serde_json::{Value, json};

use super::run_scorer;
use super::split::{Part, Split};

/// Which model chooses the speakers.
pub enum Models {
    /// The one embedded in the crate.
    Embedded,
    /// One model for every article.
    One(SpeakerModel),
    /// One model per fold: the articles of fold `k` by `models[k]`.
    Folds(Vec<SpeakerModel>),
}

impl Models {
    /// `--model FILE` (`--model rules`: the hand rules' choice) or `--models DIR`
    /// (`DIR/fold-0.json` … `fold-4.json`), else the embedded one.
    pub fn read(model: Option<&Path>, models: Option<&Path>) -> Result<Self, String> {
        let load = |path: &Path| {
            std::fs::read_to_string(path)
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|json| SpeakerModel::from_json(&json))
        };
        match (model, models) {
            (Some(_), Some(_)) => Err("give --model or --models, not both".into()),
            (Some(path), None) if path == Path::new("rules") => {
                Ok(Self::One(SpeakerModel::rules()))
            }
            (Some(path), None) => Ok(Self::One(load(path)?)),
            (None, Some(dir)) => Ok(Self::Folds(
                (0..5)
                    .map(|k| load(&dir.join(format!("fold-{k}.json"))))
                    .collect::<Result<_, _>>()?,
            )),
            (None, None) => Ok(Self::Embedded),
        }
    }

    fn for_fold(&self, fold: u8) -> &SpeakerModel {
        match self {
            Self::Embedded => SpeakerModel::embedded(),
            Self::One(m) => m,
            Self::Folds(ms) => ms
                .get(usize::from(fold))
                .unwrap_or(SpeakerModel::embedded()),
        }
    }
}

/// Which syntax the speaker choice reads.
pub enum Syntax {
    /// The embedded models.
    Embedded,
    /// One analyser per fold, trained without it, and its source ranker where one was trained
    /// (`eval sources --save`).
    Folds(Vec<(Analyser, Option<SourceRanker>)>),
}

impl Syntax {
    /// `--syntax DIR` (`DIR/tagger-fold-k.model`, `DIR/parser-fold-k.model`,
    /// `DIR/source-fold-k.model` if there), else the embedded.
    pub fn read(dir: Option<&Path>) -> Result<Self, String> {
        let Some(dir) = dir else {
            return Ok(Self::Embedded);
        };
        let load = |name: String| {
            let path = dir.join(name);
            std::fs::read(&path)
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|bytes| Model::from_bytes(&bytes))
        };
        (0..5)
            .map(|k| {
                let analyser = Analyser::new(
                    load(format!("tagger-fold-{k}.model"))?,
                    load(format!("parser-fold-{k}.model"))?,
                );
                let ranker = load(format!("source-fold-{k}.model"))
                    .ok()
                    .map(SourceRanker::new);
                Ok((analyser, ranker))
            })
            .collect::<Result<_, String>>()
            .map(Self::Folds)
    }

    pub(crate) fn for_fold(&self, fold: u8) -> Option<&Analyser> {
        match self {
            Self::Embedded => Analyser::embedded(),
            Self::Folds(all) => all.get(usize::from(fold)).map(|(a, _)| a),
        }
    }

    fn sources_for_fold(&self, fold: u8) -> Option<&SourceRanker> {
        match self {
            Self::Embedded => SourceRanker::embedded(),
            Self::Folds(all) => all.get(usize::from(fold)).and_then(|(_, r)| r.as_ref()),
        }
    }
}

/// What `eval quotes` is asked for.
pub struct Request<'a> {
    pub gold_path: &'a Path,
    pub out: &'a Path,
    pub scorer: &'a Path,
    pub misses: usize,
    pub floors: &'a BTreeMap<String, f64>,
    pub models: Models,
    pub syntax: Syntax,
    /// Speakers less sure than this are left out (else each model's default).
    pub min_confidence: Option<f32>,
    /// Where to write every quote's options (candidates and their features), for training.
    pub explain: Option<&'a Path>,
}

/// Every article's quotes as predicted, in the forms written and scored.
struct Predicted {
    /// One line per article: its quotes, at offsets of the gold text.
    lines: Vec<String>,
    /// One line per article: each quote's candidates and their features, for training.
    explained_lines: Vec<String>,
    /// By article: (start, end, speaker) of each quote.
    predicted: BTreeMap<String, Vec<(usize, usize, String)>>,
    /// Time spent preparing, seconds.
    seconds: f64,
    /// Of which in the quote stage alone (embedded models), seconds.
    quote_seconds: f64,
}

/// Prepares every article as kept text and chooses its speakers by the model of its fold.
fn predict(
    articles: &[Value],
    split: &Split,
    models: &Models,
    syntax: &Syntax,
    min_confidence: Option<f32>,
) -> Result<Predicted, String> {
    let options = Options {
        keep_all_text: true,
        ..Options::default()
    };
    let mut lines = Vec::new();
    let mut explained_lines = Vec::new();
    let mut predicted: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    let mut seconds = 0f64;
    let mut quote_seconds = 0f64;
    for a in articles {
        let id = a["id"].as_str().unwrap_or_default().to_owned();
        let text = a["text"].as_str().unwrap_or_default();
        let started = Instant::now();
        let prepared = pipeline::prepare(Input::Text(text.to_owned()), &Hints::default(), &options)
            .map_err(|e| format!("{id}: {e}"))?;
        seconds += started.elapsed().as_secs_f64();
        let profile = language::Profile::for_tag(&prepared.metadata.language);
        let started = Instant::now();
        let found = quote_stage::find(
            &prepared.text,
            &prepared.paragraphs,
            &prepared.sentences,
            profile.quotes,
            None,
        );
        quote_seconds += started.elapsed().as_secs_f64();
        std::hint::black_box(found);
        // The speakers again, by the model asked for (the same answer with the embedded one).
        let explained = quote_stage::explain(
            &prepared.text,
            &prepared.paragraphs,
            &prepared.sentences,
            language::Profile::for_tag(&prepared.metadata.language).quotes,
            Chooser {
                model: models.for_fold(split.fold(&id)),
                syntax: syntax.for_fold(split.fold(&id)),
                sources: syntax.sources_for_fold(split.fold(&id)),
                min_confidence,
            },
        );
        let map = align(&prepared.text, text);
        let mut quotes = Vec::new();
        let mut options_of = Vec::new();
        for e in &explained {
            let q = &e.quote;
            let start = source_offset(&map, q.span.start());
            let end = source_offset(&map, q.span.end().saturating_sub(1)) + 1;
            let speaker = q.speaker.clone();
            predicted.entry(id.clone()).or_default().push((
                start,
                end,
                speaker.clone().unwrap_or_default(),
            ));
            quotes.push(json!({ "start": start, "end": end, "text": q.span.slice(&prepared.text), "speaker": speaker, "attribution": format!("{:?}", q.attribution), "cue": q.cue }));
            options_of.push(json!({ "start": start, "end": end, "speaker": speaker, "candidates": e.candidates, "nobody": e.nobody }));
        }
        lines.push(json!({ "id": id, "quotes": quotes }).to_string());
        explained_lines
            .push(json!({ "id": id, "fold": split.fold(&id), "quotes": options_of }).to_string());
    }
    Ok(Predicted {
        lines,
        explained_lines,
        predicted,
        seconds,
        quote_seconds,
    })
}

/// Prepares every article as kept text, writes the predictions, scores each part (and each fold,
/// with a model per fold) and lists the misses of the tune part; the floors are the check part's.
pub fn run(request: &Request<'_>) -> Result<bool, String> {
    let Request {
        gold_path,
        out,
        scorer,
        misses,
        floors,
        ..
    } = *request;
    let gold_text =
        std::fs::read_to_string(gold_path).map_err(|e| format!("{}: {e}", gold_path.display()))?;
    let articles: Vec<Value> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    std::fs::create_dir_all(out).map_err(|e| e.to_string())?;
    let split = Split::of(gold_path);
    let Predicted {
        lines,
        explained_lines,
        predicted,
        seconds,
        quote_seconds,
    } = predict(
        &articles,
        &split,
        &request.models,
        &request.syntax,
        request.min_confidence,
    )?;
    if let Some(path) = request.explain {
        let (candidate, nobody) = quote_stage::speaker_feature_names();
        let header =
            json!({ "features": { "candidate": candidate, "nobody": nobody } }).to_string();
        let body = std::iter::once(header)
            .chain(explained_lines)
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(path, body + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let pred_path = out.join("quotes-pred.jsonl");
    std::fs::write(&pred_path, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    let errors_script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/speaker-errors.py");
    let tools = scorer.parent().unwrap_or(Path::new("."));
    let speaker_errors = |gold: &Path| -> Result<Value, String> {
        serde_json::from_str(&run_scorer(
            &errors_script,
            &[tools.as_os_str(), gold.as_os_str(), pred_path.as_os_str()],
        )?)
        .map_err(|e| format!("speaker errors: {e}"))
    };
    let gold_lines: Vec<&str> = gold_text.lines().filter(|l| !l.trim().is_empty()).collect();
    let write_gold =
        |name: &str, keep: &dyn Fn(&str) -> bool| -> Result<(std::path::PathBuf, usize), String> {
            let path = out.join(format!("quotes-gold-{name}.jsonl"));
            let kept: Vec<&str> = gold_lines
                .iter()
                .zip(&articles)
                .filter(|(_, a)| keep(a["id"].as_str().unwrap_or_default()))
                .map(|(line, _)| *line)
                .collect();
            std::fs::write(&path, kept.join("\n") + "\n").map_err(|e| e.to_string())?;
            Ok((path, kept.len()))
        };
    let mut check_figures = Value::Null;
    for part in Part::EACH {
        let (part_gold, count) = write_gold(part.name(), &|id| split.holds(part, id))?;
        println!("== {} ({count} articles)", part.name());
        print!(
            "{}",
            run_scorer(scorer, &[part_gold.as_os_str(), pred_path.as_os_str()])?
        );
        let e = speaker_errors(&part_gold)?;
        println!(
            "speaker errors: {} scored, {} right, {} wrong (wrong-speaker rate {:.3}), {} with none given",
            e["scored"],
            e["right"],
            e["wrong"],
            e["wrong_rate"].as_f64().unwrap_or(0.0),
            e["missing"]
        );
        if part == Part::Check {
            check_figures = serde_json::from_str(&run_scorer(
                scorer,
                &[
                    part_gold.as_os_str(),
                    pred_path.as_os_str(),
                    "--json".as_ref(),
                ],
            )?)
            .unwrap_or_default();
        }
    }
    if matches!(request.models, Models::Folds(_)) {
        print_folds(scorer, &split, &write_gold, &speaker_errors, &pred_path)?;
    }
    println!(
        "speed: {:.1} articles/s (one core, whole pipeline); the quote stage alone {:.1} \
         articles/s",
        articles.len() as f64 / seconds.max(1e-9),
        articles.len() as f64 / quote_seconds.max(1e-9)
    );
    print_misses(&articles, &split, &predicted, misses);
    met_floors(&check_figures, floors)
}

/// The misses of the tune part: gold quotes with no overlapping prediction, or with another
/// speaker (the first `misses`).
fn print_misses(
    articles: &[Value],
    split: &Split,
    predicted: &BTreeMap<String, Vec<(usize, usize, String)>>,
    misses: usize,
) {
    println!("misses on tune articles (first {misses}):");
    let mut shown = 0;
    for a in articles
        .iter()
        .filter(|a| split.holds(Part::Tune, a["id"].as_str().unwrap_or_default()))
    {
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
}

/// Whether the check part's figures reach their floors (printing each one that does not).
fn met_floors(check_figures: &Value, floors: &BTreeMap<String, f64>) -> Result<bool, String> {
    let mut ok = true;
    let span = check_figures["span_overlap"]["f1"].as_f64();
    let speaker = check_figures["speaker_acc_overlap"].as_f64();
    let named = check_figures["attrib_f1_named"]["f1"].as_f64();
    for (name, value) in [("span", span), ("speaker", speaker), ("named", named)] {
        if let Some(floor) = floors.get(name) {
            let v = value.ok_or_else(|| format!("the scorer's JSON has no {name} figure"))?;
            if v < *floor {
                println!("FAIL: check-part {name} {v:.3} is below the floor {floor:.3}");
                ok = false;
            }
        }
    }
    Ok(ok)
}

/// Writes the gold articles of one part (named, selected by id): the file and its article count.
type GoldWriter<'a> =
    dyn Fn(&str, &dyn Fn(&str) -> bool) -> Result<(std::path::PathBuf, usize), String> + 'a;

/// Each fold's figures (its articles' speakers chosen by the model trained without it) and their
/// mean: the cross-validated figures.
fn print_folds(
    scorer: &Path,
    split: &Split,
    write_gold: &GoldWriter<'_>,
    speaker_errors: &dyn Fn(&Path) -> Result<Value, String>,
    pred_path: &Path,
) -> Result<(), String> {
    println!("== folds (each scored with the model trained on the other four)");
    println!("fold  articles  span F1  speaker acc  named F1  wrong rate");
    let mut sums = [0f64; 4];
    for fold in 0..5u8 {
        let (gold, count) = write_gold(&format!("fold-{fold}"), &|id| split.fold(id) == fold)?;
        let figures: Value = serde_json::from_str(&run_scorer(
            scorer,
            &[gold.as_os_str(), pred_path.as_os_str(), "--json".as_ref()],
        )?)
        .map_err(|e| format!("scorer JSON: {e}"))?;
        let row = [
            figures["span_overlap"]["f1"].as_f64().unwrap_or(0.0),
            figures["speaker_acc_overlap"].as_f64().unwrap_or(0.0),
            figures["attrib_f1_named"]["f1"].as_f64().unwrap_or(0.0),
            speaker_errors(&gold)?["wrong_rate"].as_f64().unwrap_or(0.0),
        ];
        for (sum, v) in sums.iter_mut().zip(row) {
            *sum += v;
        }
        println!(
            "{fold:>4}  {count:>8}  {:>7.3}  {:>11.3}  {:>8.3}  {:>10.3}",
            row[0], row[1], row[2], row[3]
        );
    }
    println!(
        "mean            {:>7.3}  {:>11.3}  {:>8.3}  {:>10.3}",
        sums[0] / 5.0,
        sums[1] / 5.0,
        sums[2] / 5.0,
        sums[3] / 5.0
    );
    Ok(())
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
