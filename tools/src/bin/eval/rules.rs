//! `eval sentences` and `eval languages`: the Golden Rules of sentence boundaries, and language
//! detection on each language's cases. These are rule cases, not pages: no tune/check split.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;
use std::time::Instant;

use article_prep::pipeline::{self, Hints, Input, Options};
use serde_json::Value;

/// Prints, per language of the file, what the pipeline detects on a paragraph of it.
pub fn languages(rules: &Path) -> Result<bool, String> {
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
pub fn sentences(rules: &Path, min_pass: Option<usize>) -> Result<bool, String> {
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
        let rules = pipeline::stages::language::Profile::for_tag(lang).sentences;
        let got: Vec<&str> = pipeline::stages::segment::split_sentences(text, &rules)
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
