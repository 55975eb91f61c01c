//! Whole-document snapshots of real articles: any change in behaviour shows up in review.
//! Invariants are checked first, so a snapshot never records a broken answer.

use article_prep::pipeline::{self, Hints, Input, Options, TextFormat};

#[test]
fn seed_daily8_nato_ukraine() {
    snapshot(
        "seed_daily8_nato_ukraine",
        include_str!("fixtures/daily8-nato-ukraine.txt"),
    );
}

/// A Russian article's opening (Cyrillic sentences, « » quotes, Russian cue verbs).
#[test]
fn russian_article() {
    snapshot("russian_article", include_str!("fixtures/scripts/ru.txt"));
}

/// A Japanese article's opening (no spaces: ICU word counts, 「」 quotes, 。 sentences).
#[test]
fn japanese_article() {
    snapshot("japanese_article", include_str!("fixtures/scripts/ja.txt"));
}

/// An HTML page with headings of two levels, a table with a header row, a list, a block
/// quotation, code, a link and images (a lazy-loaded lead image with its caption, a chart; a
/// logo and an ad that are not the article's), as Markdown with links and images (its spans,
/// sentences, quotes and chunks index the Markdown).
#[test]
fn city_budget_page_as_markdown() {
    let options = Options {
        text_format: TextFormat::Markdown,
        keep_links: true,
        keep_images: true,
        ..Options::default()
    };
    let input = Input::Html(include_str!("fixtures/city-budget.html").into());
    snapshot_of("city_budget_page_as_markdown", input, &options);
}

fn snapshot(name: &str, text: &str) {
    snapshot_of(name, Input::Text(text.into()), &Options::default());
}

fn snapshot_of(name: &str, input: Input, options: &Options) {
    let prepared =
        pipeline::prepare(input, &Hints::default(), options).expect("the article prepares");
    for q in &prepared.quotes {
        assert!(!q.span.slice(&prepared.text).is_empty());
    }
    assert!(prepared.chunks.iter().all(|c| c.token_count <= 512));
    let view = serde_json::json!({
        "text": prepared.text,
        "metadata": prepared.metadata,
        "paragraphs": prepared.paragraphs.iter().map(|p| (format!("{:?}", p.kind), p.span.slice(&prepared.text))).collect::<Vec<_>>(),
        "sentences": prepared.sentences.iter().map(|s| s.span.slice(&prepared.text)).collect::<Vec<_>>(),
        "quotes": prepared.quotes.iter().map(|q| serde_json::json!({
            "text": q.span.slice(&prepared.text),
            "speaker": q.speaker,
            "mention": q.mention.map(|m| m.slice(&prepared.text)),
            "cue": q.cue,
            "paragraph": q.paragraph,
            "kind": q.kind,
            "attribution": q.attribution,
            "speaker_confidence": format!("{:.2}", q.speaker_confidence),
        })).collect::<Vec<_>>(),
        "chunks": prepared.chunks.iter().map(|c| (c.token_count, c.first_paragraph, c.last_paragraph, c.overlap_tokens)).collect::<Vec<_>>(),
        "removed": prepared.removed,
        "related": prepared.related,
        "warnings": prepared.warnings,
    });
    insta::assert_json_snapshot!(name, view);
}
