//! Benchmarks of segmentation and chunking.
//!
//! Sentences and chunks on news text, MB/s of body text, beside text-splitter on the same text
//! (with `--features bench-baselines`). The text is the gold article bodies of the extraction
//! benchmark when `../shared` is there, else the seed article.

use std::hint::black_box;

use article_prep::pipeline::stages::{chunk, language, segment};
use article_prep::pipeline::{ChunkBudget, Paragraph, ParagraphKind, Span, Tokenizer};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn news_text() -> String {
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/article-extraction-benchmark/ground-truth.json");
    let from_corpus = std::fs::read_to_string(gold).ok().and_then(|raw| {
        let pages: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&raw).ok()?;
        let bodies: Vec<String> = pages
            .values()
            .take(40)
            .filter_map(|p| p["articleBody"].as_str().map(str::to_owned))
            .collect();
        Some(bodies.join("\n\n"))
    });
    from_corpus
        .unwrap_or_else(|| include_str!("../../tests/fixtures/daily8-nato-ukraine.txt").to_owned())
}

/// The text's paragraphs as the pipeline lays them out: non-empty lines joined by blank lines.
fn layout(raw: &str) -> (String, Vec<Paragraph>) {
    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let text = lines.join("\n\n");
    let mut paragraphs = Vec::new();
    let mut at = 0;
    for line in &lines {
        if let Some(span) = Span::new(&text, at..at + line.len()) {
            paragraphs.push(Paragraph {
                span,
                kind: ParagraphKind::Body,
            });
        }
        at += line.len() + 2;
    }
    (text, paragraphs)
}

fn chunking(c: &mut Criterion) {
    let (text, paragraphs) = layout(&news_text());
    let mut group = c.benchmark_group("news");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(20);
    let rules = language::Profile::for_tag("en").sentences;
    let sentences = segment::sentences(&text, &paragraphs, &rules);
    let budget = ChunkBudget::new(512, 0, Tokenizer::Cl100kBase).unwrap_or_default();
    let counter = chunk::TokenCounter::new(Tokenizer::Cl100kBase);

    group.bench_function("sentences", |b| {
        b.iter(|| segment::sentences(black_box(&text), &paragraphs, &rules))
    });
    group.bench_function("sentences_and_chunks_cl100k_512", |b| {
        b.iter(|| {
            let sentences = segment::sentences(black_box(&text), &paragraphs, &rules);
            chunk::chunks(&text, &paragraphs, &sentences, &[], &budget, counter)
        })
    });
    group.bench_function("chunks_only_cl100k_512", |b| {
        b.iter(|| {
            chunk::chunks(
                black_box(&text),
                &paragraphs,
                &sentences,
                &[],
                &budget,
                counter,
            )
        })
    });
    #[cfg(feature = "bench-baselines")]
    {
        let bpe = text_splitter_bpe();
        let splitter =
            text_splitter::TextSplitter::new(text_splitter::ChunkConfig::new(512).with_sizer(bpe));
        group.bench_function("text_splitter_cl100k_512", |b| {
            b.iter(|| splitter.chunks(black_box(&text)).count())
        });
    }
    group.finish();
}

#[cfg(feature = "bench-baselines")]
fn text_splitter_bpe() -> tiktoken_rs::CoreBPE {
    tiktoken_rs::cl100k_base_singleton().clone()
}

criterion_group!(benches, chunking);
criterion_main!(benches);
