//! House rules of the pipeline's source, checked on the files themselves: stages import only
//! earlier stages and the shared foundations, and word lists live in the lexicon, not in stage
//! files.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Modules every stage may use; they use no stage.
const FOUNDATIONS: &[&str] = &[
    "block", "dates", "deadline", "error", "input", "lexicon", "options", "span", "textkit",
];

/// The stages, in the order data flows through them.
const STAGES: &[&str] = &[
    "decode",
    "html",
    "text",
    "boilerplate",
    "normalize",
    "language",
    "segment",
    "quotes",
    "metadata",
    "chunk",
];

/// More string literals than this in one run (`[...]`, `matches!`, `a | b`) is a word list.
const LONGEST_INLINE_LIST: usize = 6;

fn pipeline_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pipeline")
}

/// Every `.rs` file under `dir`, with the pipeline module it belongs to.
fn files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            out.extend(walk(&path).into_iter().map(|p| (name.clone(), p)));
        } else if path.extension().is_some_and(|e| e == "rs") && name != "mod" {
            out.push((name, path));
        }
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The source without its unit tests (a `tests.rs` file, or what follows `mod tests`).
fn code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// The pipeline modules a file names: `crate::pipeline::x`, and `super::x` from the module's
/// own top file (or `super::super::x` one folder down).
fn named_modules(module: &str, path: &Path, code: &str) -> BTreeSet<String> {
    let depth = path
        .strip_prefix(pipeline_dir())
        .map_or(0, |p| p.components().count() - 1);
    let top = path.file_name().is_some_and(|n| n == "mod.rs") && depth == 1;
    let prefixes: Vec<String> = match depth {
        0 => vec!["super::".into()],
        1 if top => vec!["super::".into()],
        1 => vec!["super::super::".into()],
        _ => Vec::new(),
    };
    let mut found = BTreeSet::new();
    let words = |prefix: &str| {
        code.match_indices(prefix)
            .map(|(at, _)| {
                code[at + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
    };
    for name in words("crate::pipeline::") {
        found.insert(name);
    }
    for prefix in &prefixes {
        for name in words(prefix) {
            // `super::super::x` is counted under its own prefix.
            if !(prefix == "super::" && name == "super") {
                found.insert(name);
            }
        }
    }
    found.remove(module);
    found
}

#[test]
fn stages_import_only_earlier_stages_and_foundations() {
    let mut wrong = Vec::new();
    for (module, path) in files(&pipeline_dir()) {
        let named = named_modules(&module, &path, &code(&path));
        let place = STAGES.iter().position(|s| *s == module);
        for other in named {
            let allowed = if FOUNDATIONS.contains(&module.as_str()) {
                FOUNDATIONS.contains(&other.as_str())
            } else if let Some(at) = place {
                FOUNDATIONS.contains(&other.as_str()) || STAGES[..at].contains(&other.as_str())
            } else {
                // `mod.rs` of the pipeline runs every stage.
                true
            };
            if !allowed
                && (STAGES.contains(&other.as_str()) || FOUNDATIONS.contains(&other.as_str()))
            {
                wrong.push(format!("{} uses {other}", path.display()));
            }
        }
    }
    assert!(
        files(&pipeline_dir()).len() > 20,
        "the pipeline's files were not found"
    );
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Runs of string literals separated only by commas, bars, white space and comments.
fn longest_runs(code: &str) -> Vec<(usize, usize)> {
    let bytes = code.as_bytes();
    let mut runs = Vec::new();
    let (mut i, mut run, mut run_line, mut line) = (0, 0usize, 0usize, 1usize);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start_line = line;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
                if run == 0 {
                    run_line = start_line;
                }
                run += 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\n' => line += 1,
            b',' | b'|' | b' ' | b'\t' | b'\r' => {}
            _ => {
                if run > LONGEST_INLINE_LIST {
                    runs.push((run_line, run));
                }
                run = 0;
            }
        }
        i += 1;
    }
    runs
}

#[test]
fn word_lists_live_in_the_lexicon() {
    let mut long = Vec::new();
    for (module, path) in files(&pipeline_dir()) {
        if module == "lexicon" {
            continue;
        }
        for (line, entries) in longest_runs(&code(&path)) {
            long.push(format!("{}:{line}: {entries} entries", path.display()));
        }
    }
    assert!(long.is_empty(), "word lists outside the lexicon: {long:#?}");
}

#[test]
fn the_list_finder_finds_lists() {
    let code = "const A: &[&str] = &[\"a\", \"b\", \"c\", \"d\",\n // x\n \"e\", \"f\", \"g\"];\nlet b = matches!(x, \"a\" | \"b\");";
    assert_eq!(longest_runs(code), [(1, 7)]);
}

#[test]
fn the_readme_prints_the_language_table_the_code_gives() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .unwrap_or_default();
    let table = article_prep::pipeline::language::support_table();
    assert!(
        readme.contains(&table),
        "README.md's language table is stale; paste `cargo run --bin eval -- support`:\n{table}"
    );
}
