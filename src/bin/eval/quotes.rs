//! `eval quotes`: quotations and speakers on annotated articles (JSON Lines with `id`, `text`,
//! `quotes`), scored by the shared quotes scorer for the whole set, its tune part and its check
//! part.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::{self, Hints, Input, Options};
use serde_json::{Value, json};

use super::run_scorer;
use super::split::{Part, Split};

/// Prepares every article as kept text, writes the predictions, scores each part and lists the
/// misses of the tune part; the floors are the check part's.
pub fn run(
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
    let split = Split::of(gold_path);
    let mut check_figures = Value::Null;
    for part in Part::EACH {
        let part_gold = out.join(format!("quotes-gold-{}.jsonl", part.name()));
        let kept: Vec<&str> = gold_text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .zip(&articles)
            .filter(|(_, a)| split.holds(part, a["id"].as_str().unwrap_or_default()))
            .map(|(line, _)| line)
            .collect();
        std::fs::write(&part_gold, kept.join("\n") + "\n").map_err(|e| e.to_string())?;
        println!("== {} ({} articles)", part.name(), kept.len());
        print!(
            "{}",
            run_scorer(scorer, &[part_gold.as_os_str(), pred_path.as_os_str()])?
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
    println!(
        "speed: {:.1} articles/s (one core, whole pipeline)",
        articles.len() as f64 / seconds.max(1e-9)
    );
    // The misses: gold quotes with no overlapping prediction, or with another speaker.
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
