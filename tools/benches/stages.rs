//! Per-stage throughput on real pages, so that a regression in one stage is visible.
//!
//! Input: the extraction benchmark's 181 HTML pages and their scraped-text renderings
//! (`../shared/corpus/article-extraction-benchmark`, or `ARTICLE_PREP_BENCH_CORPUS`). On a fresh
//! clone without the corpus, the repository's own fixtures stand in (figures then say little).
//! Each iteration runs one stage over every page; criterion reports MB/s of page input, and
//! `pages/s` is the page count over the time per iteration. `html5ever_parse_only` is the
//! parser's own cost, the floor under everything else.

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};

use article_prep::pipeline::stages::{
    boilerplate, chunk, decode, html, language, metadata, normalize, quotes, segment, text,
};
use article_prep::pipeline::{self, Hints, Input, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use metadata::PageMeta;

fn corpus() -> PathBuf {
    std::env::var_os("ARTICLE_PREP_BENCH_CORPUS").map_or_else(
        || {
            Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../shared/corpus/article-extraction-benchmark"
            ))
            .to_path_buf()
        },
        PathBuf::from,
    )
}

/// HTML pages and text payloads, sorted by name.
fn pages() -> (Vec<String>, Vec<String>) {
    let dir = corpus();
    let read_dir = |sub: &str| -> Vec<PathBuf> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(sub))
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        paths.sort();
        paths
    };
    let html: Vec<String> = read_dir("html")
        .iter()
        .filter_map(|p| {
            let file = std::fs::File::open(p).ok()?;
            let mut s = String::new();
            flate2::read::GzDecoder::new(file)
                .read_to_string(&mut s)
                .ok()?;
            Some(s)
        })
        .collect();
    let text: Vec<String> = read_dir("text")
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if html.is_empty() || text.is_empty() {
        eprintln!(
            "stages: {} not found; using the repository's fixtures",
            dir.display()
        );
        let seed = include_str!("../../tests/fixtures/daily8-nato-ukraine.txt").to_owned();
        let page = format!(
            "<html><head><title>Seed</title></head><body><article>{}</article></body></html>",
            seed.split("\n\n")
                .map(|p| format!("<p>{p}</p>"))
                .collect::<String>()
        );
        return (vec![page], vec![seed]);
    }
    (html, text)
}

/// What each stage takes, computed once per page.
struct Staged {
    blocks: Vec<pipeline::stages::block::Block>,
    page: PageMeta,
    sorted: boilerplate::Sorted,
    body: normalize::Body,
    language: language::Language,
    sentences: Vec<pipeline::Sentence>,
    quotes: Vec<pipeline::Quote>,
}

fn stage(blocks: Vec<pipeline::stages::block::Block>, page: PageMeta) -> Staged {
    let sorted = boilerplate::sort(&blocks, page.titles.first().map(String::as_str), false);
    let body = normalize::assemble(&sorted.kept, Default::default(), Default::default());
    let language = language::resolve(
        &body.text,
        &Hints::default(),
        page.language.as_deref(),
        &mut Vec::new(),
    );
    let rules = language::Profile::for_tag(&language.tag).sentences;
    let sentences = segment::sentences(&body.text, &body.paragraphs, &rules);
    let quotes = quotes::find(
        &body.text,
        &body.paragraphs,
        &sentences,
        language::Profile::for_tag(&language.tag).quotes,
        None,
    )
    .quotes;
    Staged {
        blocks,
        page,
        sorted,
        body,
        language,
        sentences,
        quotes,
    }
}

/// The page's blocks and what its markup says (read as the pipeline reads it right after the
/// walk, so that the parse is timed as it was when the walk decided it).
fn parse_page(page: &str, is_html: bool) -> (Vec<pipeline::stages::block::Block>, PageMeta) {
    if is_html {
        let (blocks, facts) = html::parse(page);
        let meta = metadata::read_markup(&facts, &blocks, None);
        (blocks, meta)
    } else {
        (text::parse(page), PageMeta::default())
    }
}

fn bench_mode(c: &mut Criterion, mode: &str, inputs: &[String]) {
    let bytes: usize = inputs.iter().map(String::len).sum();
    eprintln!(
        "stages/{mode}: {} pages, {:.1} MB (pages/s = {} / time per iteration)",
        inputs.len(),
        bytes as f64 / 1e6,
        inputs.len()
    );
    let is_html = mode == "html";
    let parse = |s: &str| parse_page(s, is_html);
    let staged: Vec<Staged> = inputs
        .iter()
        .map(|s| {
            let (blocks, page) = parse(s);
            stage(blocks, page)
        })
        .collect();

    let mut group = c.benchmark_group(mode);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    bench_reading(&mut group, inputs, is_html);
    bench_stages(&mut group, &staged);
    group.finish();
}

type Group<'c> = criterion::BenchmarkGroup<'c, criterion::measurement::WallTime>;

/// Reading the pages (decoding, parsing), and the whole pipeline from the payload.
fn bench_reading(group: &mut Group<'_>, inputs: &[String], is_html: bool) {
    let parse = |s: &str| parse_page(s, is_html);
    let options = Options::default();
    if is_html {
        group.bench_function("html5ever_parse_only", |b| {
            b.iter(|| {
                for s in inputs {
                    black_box(scraper::Html::parse_document(black_box(s)));
                }
            })
        });
    }
    group.bench_function("decode", |b| {
        let content_type = if is_html { "text/html" } else { "text/plain" };
        b.iter(|| {
            for s in inputs {
                let _ = black_box(decode::decode(black_box(s.as_bytes()), Some(content_type)));
            }
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            for s in inputs {
                black_box(parse(black_box(s)));
            }
        })
    });
    group.bench_function("prepare_all", |b| {
        b.iter(|| {
            for s in inputs {
                let input = if is_html {
                    Input::Html(s.clone())
                } else {
                    Input::Text(s.clone())
                };
                let _ = black_box(pipeline::prepare(input, &Hints::default(), &options));
            }
        })
    });
}

/// Each stage after parsing, on the output of the stage before.
fn bench_stages(group: &mut Group<'_>, staged: &[Staged]) {
    let options = Options::default();
    let counter = chunk::TokenCounter::new(options.chunking.tokenizer());
    group.bench_function("boilerplate", |b| {
        b.iter(|| {
            for s in staged {
                let title = s.page.titles.first().map(String::as_str);
                black_box(boilerplate::sort(black_box(&s.blocks), title, false));
            }
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            for s in staged {
                black_box(normalize::assemble(
                    black_box(&s.sorted.kept),
                    Default::default(),
                    Default::default(),
                ));
            }
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| {
            for s in staged {
                let rules = language::Profile::for_tag(&s.language.tag).sentences;
                black_box(segment::sentences(
                    black_box(&s.body.text),
                    &s.body.paragraphs,
                    &rules,
                ));
            }
        })
    });
    group.bench_function("quotes", |b| {
        b.iter(|| {
            for s in staged {
                black_box(quotes::find(
                    black_box(&s.body.text),
                    &s.body.paragraphs,
                    &s.sentences,
                    language::Profile::for_tag(&s.language.tag).quotes,
                    None,
                ));
            }
        })
    });
    group.bench_function("metadata", |b| {
        b.iter(|| {
            for s in staged {
                let language = language::resolve(
                    &s.body.text,
                    &Hints::default(),
                    s.page.language.as_deref(),
                    &mut Vec::new(),
                );
                black_box(metadata::build(
                    black_box(&s.body),
                    &s.sentences,
                    &s.sorted.dropped,
                    &s.page,
                    &Hints::default(),
                    language,
                ));
            }
        })
    });
    group.bench_function("chunk_cl100k", |b| {
        b.iter(|| {
            for s in staged {
                black_box(chunk::chunks(
                    black_box(&s.body.text),
                    &s.body.paragraphs,
                    &s.sentences,
                    &s.quotes,
                    &options.chunking,
                    counter,
                ));
            }
        })
    });
}

fn stages(c: &mut Criterion) {
    let (html_pages, text_pages) = pages();
    bench_mode(c, "html", &html_pages);
    bench_mode(c, "text", &text_pages);
}

criterion_group!(benches, stages);
criterion_main!(benches);
