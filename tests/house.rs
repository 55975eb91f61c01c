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
    let table = article_prep::pipeline::stages::language::support_table();
    assert!(
        readme.contains(&table),
        "README.md's language table is stale; paste `cargo run -p article-prep-tools --bin eval -- support`:\n{table}"
    );
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Every `.rs` file under `dir` of the repository, with its source minus its unit tests.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = walk(&root().join(dir))
        .into_iter()
        .map(|p| {
            let code = code(&p);
            (p, code)
        })
        .collect();
    out.sort();
    out
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn only_main_uses_the_server_and_the_tools_speak_through_the_api() {
    let mut wrong = Vec::new();
    for (path, code) in sources("src") {
        let inside = path.starts_with(root().join("src/server")) || path.ends_with("src/main.rs");
        if !inside && (code.contains("crate::server") || code.contains("article_prep::server")) {
            wrong.push(shown(&path));
        }
    }
    for (path, code) in sources("tools") {
        if code.contains("article_prep::server") {
            wrong.push(shown(&path));
        }
    }
    assert!(
        sources("src/server").len() > 5,
        "the server's files were not found"
    );
    assert!(wrong.is_empty(), "these use the server: {wrong:#?}");
}

/// A `tonic::Status` made anywhere but `api/errors.rs`: its constructors by name.
const STATUS_CONSTRUCTORS: &[&str] = &[
    "new(",
    "with_",
    "from_error",
    "cancelled(",
    "unknown(",
    "invalid_argument(",
    "deadline_exceeded(",
    "not_found(",
    "already_exists(",
    "permission_denied(",
    "resource_exhausted(",
    "failed_precondition(",
    "aborted(",
    "out_of_range(",
    "unimplemented(",
    "internal(",
    "unavailable(",
    "data_loss(",
    "unauthenticated(",
];

#[test]
fn every_status_is_built_in_the_api_errors_room() {
    let mut wrong = Vec::new();
    for (path, code) in sources("src").into_iter().chain(sources("tools")) {
        if path.ends_with("src/api/errors.rs") {
            continue;
        }
        for (at, _) in code.match_indices("Status::") {
            let rest = &code[at + "Status::".len()..];
            if STATUS_CONSTRUCTORS.iter().any(|c| rest.starts_with(c)) {
                let line = code[..at].lines().count();
                wrong.push(format!("{}:{line}", shown(&path)));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "statuses built outside api/errors.rs: {wrong:#?}"
    );
}

/// Crates only the tools, benchmarks and tests use: never in the service's dependencies.
const TOOL_ONLY_CRATES: &[&str] = &[
    "h2",
    "dom_smoothie",
    "rs-trafilatura",
    "text-splitter",
    "criterion",
    "tiktoken-rs",
];

#[test]
fn the_service_depends_on_no_tool_only_crate() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap_or_default();
    let dependencies = manifest
        .split("\n[dependencies]\n")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap_or_default();
    assert!(
        dependencies.contains("tonic"),
        "the service's [dependencies] were not found"
    );
    let names: Vec<&str> = dependencies
        .lines()
        .filter_map(|l| l.split(['=', ' ']).next())
        .filter(|n| !n.is_empty() && !n.starts_with('#'))
        .collect();
    let found: Vec<&&str> = TOOL_ONLY_CRATES
        .iter()
        .filter(|c| names.contains(c))
        .collect();
    assert!(
        found.is_empty(),
        "tool-only crates in [dependencies]: {found:?}"
    );
}

/// The longest a function may be, in lines, outside tests: past it, it does several things.
const LONGEST_FUNCTION: usize = 120;

/// Every function of `code` longer than [`LONGEST_FUNCTION`]: its name and line count.
fn long_functions(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let signature = [
            "fn ",
            "pub fn ",
            "pub(crate) fn ",
            "pub(super) fn ",
            "async fn ",
        ]
        .iter()
        .chain(&["pub async fn ", "const fn ", "pub const fn "])
        .find_map(|p| trimmed.strip_prefix(p));
        let Some(rest) = signature else { continue };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let (mut depth, mut opened) = (0i32, false);
        for (j, body) in lines.iter().enumerate().skip(i) {
            if !opened && body.trim_end().ends_with(';') {
                break;
            }
            for c in body.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if opened && depth <= 0 {
                if j - i + 1 > LONGEST_FUNCTION {
                    long.push((name.clone(), j - i + 1));
                }
                break;
            }
        }
    }
    long
}

#[test]
fn no_function_is_longer_than_the_limit() {
    let mut long = Vec::new();
    for (path, code) in sources("src").into_iter().chain(sources("tools")) {
        for (name, lines) in long_functions(&code) {
            long.push(format!("{}: {name} ({lines} lines)", shown(&path)));
        }
    }
    assert!(long.is_empty(), "split these: {long:#?}");
}

#[test]
fn the_function_measure_measures() {
    let body = "    x();\n".repeat(LONGEST_FUNCTION);
    let code = format!("fn short() {{ }}\npub fn long() {{\n{body}}}\nfn tail();\n");
    assert_eq!(
        long_functions(&code),
        [("long".to_owned(), LONGEST_FUNCTION + 2)]
    );
}

#[test]
fn stages_are_private_behind_the_listed_surface() {
    let pipeline = std::fs::read_to_string(pipeline_dir().join("mod.rs")).unwrap_or_default();
    let public: Vec<&&str> = STAGES
        .iter()
        .chain(FOUNDATIONS)
        .filter(|m| {
            pipeline.lines().any(|l| {
                let l = l.trim();
                l.starts_with("pub mod ") && l.ends_with(&format!("mod {m};"))
            })
        })
        .collect();
    assert!(
        pipeline.contains("pub mod stages"),
        "the stages' surface is gone"
    );
    assert!(public.is_empty(), "public stage modules: {public:?}");
}
