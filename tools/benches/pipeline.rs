//! Benchmarks of the prep pipeline.
//!
//! Pipeline throughput on the seed payload: each stage and the whole `prepare`, in MB/s of input.

use std::hint::black_box;

use article_prep::pipeline::stages::{
    boilerplate, chunk, language, metadata, normalize, quotes, segment, text,
};
use article_prep::pipeline::{self, Hints, Input, Options};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const SEED: &str = include_str!("../../tests/fixtures/daily8-nato-ukraine.txt");

fn stages(c: &mut Criterion) {
    let mut group = c.benchmark_group("seed");
    group.throughput(Throughput::Bytes(SEED.len() as u64));
    let blocks = text::parse(SEED);
    let sorted = boilerplate::sort(&blocks, None, false);
    let body = normalize::assemble(&sorted.kept, Default::default(), Default::default());
    let rules = language::Profile::for_tag("en").sentences;
    let sentences = segment::sentences(&body.text, &body.paragraphs, &rules);
    let found = quotes::find(
        &body.text,
        &body.paragraphs,
        &sentences,
        language::Profile::for_tag("en").quotes,
        None,
    )
    .quotes;
    let options = Options::default();
    let counter = chunk::TokenCounter::new(options.chunking.tokenizer());

    group.bench_function("parse_text", |b| b.iter(|| text::parse(black_box(SEED))));
    group.bench_function("boilerplate", |b| {
        b.iter(|| boilerplate::sort(black_box(&blocks), None, false))
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            normalize::assemble(
                black_box(&sorted.kept),
                Default::default(),
                Default::default(),
            )
        })
    });
    group.bench_function("segment", |b| {
        b.iter(|| segment::sentences(black_box(&body.text), &body.paragraphs, &rules))
    });
    group.bench_function("quotes", |b| {
        b.iter(|| {
            quotes::find(
                black_box(&body.text),
                &body.paragraphs,
                &sentences,
                language::Profile::for_tag("en").quotes,
                None,
            )
        })
    });
    group.bench_function("chunk_cl100k", |b| {
        b.iter(|| {
            chunk::chunks(
                black_box(&body.text),
                &body.paragraphs,
                &sentences,
                &found,
                &options.chunking,
                counter,
            )
        })
    });
    group.bench_function("metadata", |b| {
        b.iter(|| {
            let page = metadata::PageMeta::default();
            let language = language::resolve(&body.text, &Hints::default(), None, &mut Vec::new());
            metadata::build(
                black_box(&body),
                &sentences,
                &sorted.dropped,
                &page,
                &Hints::default(),
                language,
            )
        })
    });
    group.bench_function("prepare_all", |b| {
        b.iter(|| {
            pipeline::prepare(
                Input::Text(black_box(SEED).to_owned()),
                &Hints::default(),
                &options,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
