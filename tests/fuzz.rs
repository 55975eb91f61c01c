//! Fuzz targets (bolero): the whole pipeline, and the readers of `batch` input.
//!
//! `cargo test --test fuzz` runs them on stable with random inputs for a few seconds (CI);
//! `scripts/fuzz` runs the same target under libFuzzer, coverage-guided, for as long as asked.
//! Every input must be answered (a result or a refusal, never a panic) with valid spans, chunks
//! within budget, and text that keeps its paragraphs.

use article_prep::pipeline::{self, ChunkBudget, Hints, Input, Options, TextFormat, Tokenizer};

/// Pieces that steer random bytes towards the paths the pipeline finds hard: markup, quote marks,
/// abbreviations, entities, odd white space and scripts.
const FRAGMENTS: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<article>",
    "<h1>",
    "</h1>",
    "<li>",
    "<ul>",
    "<table><tr><td>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<br>",
    "<a href=\"/x\">",
    "</a>",
    "<figure><img src=\"/i (1).png\" alt=\"a [b]\">",
    "<figcaption>",
    "<img data-src=\"x.jpg\" src=\"data:,\">",
    "&amp;",
    "&#8217;",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    " said ",
    " told reporters.",
    "Mr. ",
    "U.S. ",
    "3.5% ",
    "$2.5 million. ",
    "\n",
    "\n\n",
    " ",
    "\t",
    "\u{00A0}",
    "\u{200B}",
    "\u{00AD}",
    "é",
    "\u{0301}",
    "👍🏽",
    "ש",
    "中文。",
    "Ж",
    "…",
    "Related Articles",
    "Share",
    "By John Smith",
    "14-02-2025",
    "â€™",
    "\u{0000}",
    "\u{FEFF}",
    "\r\n",
    ". ",
    "? ",
    "WASHINGTON (Reuters) - ",
];

/// Reads one input as a payload: the first byte picks the kind, the rest are fragment indices
/// (structured) or taken as they are (raw bytes, text, HTML).
fn payload(data: &[u8]) -> Option<(Input, Options)> {
    let (&selector, rest) = data.split_first()?;
    let structured = || {
        rest.iter()
            .map(|&b| FRAGMENTS[usize::from(b) % FRAGMENTS.len()])
            .collect::<String>()
    };
    let input = match selector % 5 {
        0 => Input::Raw {
            data: rest.to_vec(),
            content_type: None,
        },
        1 => Input::Text(String::from_utf8_lossy(rest).into_owned()),
        2 => Input::Html(String::from_utf8_lossy(rest).into_owned()),
        3 => Input::Text(structured()),
        _ => Input::Html(structured()),
    };
    let tokenizer = [
        Tokenizer::Cl100kBase,
        Tokenizer::O200kBase,
        Tokenizer::Words,
        Tokenizer::Characters,
    ][usize::from(selector / 5) % 4];
    let max = 16 + usize::from(selector / 20) * 8;
    let chunking = ChunkBudget::new(max, usize::from(selector % 3) * 4, tokenizer).ok()?;
    // Markdown with links and images on a share of the inputs.
    let markdown = selector & 0x40 != 0;
    let options = Options {
        chunking,
        keep_all_text: selector & 0x80 != 0,
        text_format: if markdown {
            TextFormat::Markdown
        } else {
            TextFormat::Plain
        },
        keep_links: markdown,
        keep_images: markdown,
        ..Options::default()
    };
    Some((input, options))
}

#[test]
fn pipeline_answers_any_payload_with_valid_spans() {
    bolero::check!().for_each(|data: &[u8]| {
        let Some((input, options)) = payload(data) else {
            return;
        };
        if input.check(1 << 20).is_err() {
            return;
        }
        let Ok(prepared) = pipeline::prepare(input, &Hints::default(), &options) else {
            return;
        };
        let text = &prepared.text;
        for p in &prepared.paragraphs {
            assert!(text.get(p.span.range()).is_some_and(|s| !s.is_empty()));
        }
        for s in &prepared.sentences {
            assert!(prepared.paragraphs[s.paragraph].span.contains(s.span));
        }
        for q in &prepared.quotes {
            assert!(text.get(q.span.range()).is_some());
        }
        let mut end = 0;
        for c in &prepared.chunks {
            assert!(c.token_count <= options.chunking.max_tokens());
            assert!(text.get(end.min(c.span.start())..c.span.end()).is_some());
            end = c.span.end();
        }
        assert!(
            text[end..].trim().is_empty(),
            "the end of the text is not chunked"
        );
    });
}

/// The readers of `batch` input end on any bytes, within a count bounded by the input: a crawl
/// archive (plain, or gzip whose members the bytes may cut short) and JSON lines. (A truncated
/// gzip member once made the archive reader fail at the same place for ever.)
#[test]
fn batch_readers_end_on_any_input() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("input.warc");
    bolero::check!().for_each(|data: &[u8]| {
        // The first byte makes the rest gzip-compressed (cut short by the second) or not.
        let Some((&selector, rest)) = data.split_first() else {
            return;
        };
        let bytes = if selector & 1 == 1 {
            use std::io::Write;
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = encoder.write_all(rest);
            let mut gz = encoder.finish().unwrap_or_default();
            gz.truncate(gz.len().saturating_sub(usize::from(selector >> 1)));
            gz
        } else {
            rest.to_vec()
        };
        std::fs::write(&path, &bytes).expect("the input is written");
        let bound = bytes.len() + 2;
        if let Ok(records) = article_prep::cli::warc::records(&path) {
            assert!(
                records.take(bound + 1).count() <= bound,
                "the archive reader did not end"
            );
        }
        let bound = rest.len() + 2;
        let lines = article_prep::api::jsonl::lines(std::io::Cursor::new(rest));
        assert!(
            lines.take(bound + 1).count() <= bound,
            "the line reader did not end"
        );
    });
}
