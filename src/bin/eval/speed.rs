//! `eval speed`: the pipeline in-process on one core, for diagnosis beside `scripts/bench-vs-anchors`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use article_prep::pipeline::{self, Hints, Input, Options};

use super::read_gz;

/// Pages per second and MB/s of input, median of `runs` passes, one thread: html5ever alone, the
/// Rust anchors when built with them, then the whole pipeline (all outputs, default options) on HTML and on text payloads.
pub fn run(corpus: &Path, runs: usize) -> Result<bool, String> {
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
    // The Rust anchors, when built with them (`--features baselines`).
    #[cfg(feature = "baselines")]
    for baseline in super::extraction::baselines::ALL {
        measure(
            &format!("{} body only (html)", baseline.name),
            &html,
            &|page| {
                std::hint::black_box((baseline.extract)(page));
            },
        );
    }
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
