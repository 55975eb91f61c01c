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

/// Reads fuzz bytes one choice at a time; past the end every choice is the first.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else {
            return 0;
        };
        self.0 = rest;
        b
    }

    fn pick<'t, T>(&mut self, from: &'t [T]) -> &'t T {
        &from[usize::from(self.byte()) % from.len()]
    }

    fn flag(&mut self) -> bool {
        self.byte() & 1 == 1
    }

    /// A string from the pool, or (one time in four) the next bytes as they are.
    fn string(&mut self, pool: &[&str]) -> String {
        if self.byte() % 4 == 0 {
            let n = usize::from(self.byte() % 24).min(self.0.len());
            let (taken, rest) = self.0.split_at(n);
            self.0 = rest;
            String::from_utf8_lossy(taken).into_owned()
        } else {
            (*self.pick(pool)).to_owned()
        }
    }

    fn optional(&mut self, pool: &[&str]) -> Option<String> {
        self.flag().then(|| self.string(pool))
    }

    /// A number near the edges a field checks, or any.
    fn number(&mut self) -> u32 {
        match self.byte() % 4 {
            0 => u32::from(self.byte()),
            1 => *self.pick(&[0, 1, 2, 16, 64, 512, 8192, 8193, 65_535, u32::MAX]),
            _ => u32::from_le_bytes([self.byte(), self.byte(), self.byte(), self.byte()]),
        }
    }

    /// An enum's number: its values, and ones it does not have.
    fn enumeration(&mut self) -> i32 {
        *self.pick(&[0, 1, 2, 3, 4, 5, -1, 99, i32::MAX, i32::MIN])
    }
}

const URLS: &[&str] = &[
    "https://example.com/2025/03/04/a",
    "http://x",
    "ftp://x",
    "https://",
    "example.com",
    "https://exa mple.com",
    "https://例え.jp/パス",
    "javascript:alert(1)",
];
const DATES: &[&str] = &[
    "2025",
    "2025-02",
    "2025-02-14",
    "2025-02-30",
    "2025-02-14T10:20:30.5+02:00",
    "2025a€€€€",
    "202€-01-01T10:00",
    "2025-02-1€",
    "yesterday",
    "",
];
const LANGUAGES: &[&str] = &[
    "en",
    "pt-BR",
    "pt_BR",
    "zh-Hant-TW",
    "x",
    "english please",
    "€n",
    "",
];
const WORDS: &[&str] = &[
    "Budget",
    "Council passes budget",
    "Reuters",
    "€",
    "  ",
    "\u{0}",
];
const CONTENT_TYPES: &[&str] = &[
    "",
    "text/html",
    "text/html; charset=iso-8859-1",
    "text/plain; charset=utf-16le",
    "text/html; charset=bogus",
    "application/pdf",
    "image/png",
    ";;;",
];
const MASK_PATHS: &[&str] = &[
    "text",
    "metadata",
    "quotes",
    "chunks",
    "paragraphs",
    "sentences",
    "removed",
    "related",
    "warnings",
    "metadata.title",
    "nope",
    "",
    "*",
];

/// Any `PrepareRequest` a client could send: every field, valid or not.
fn request(data: &[u8]) -> article_prep::api::proto::PrepareRequest {
    use article_prep::api::field_mask::FieldMask;
    use article_prep::api::proto::{self, prepare_request::Payload};
    let mut c = Choices(data);
    let id = c.string(&["a", "", "line 7", "\u{202e}"]);
    let kind = c.byte() % 3;
    let hints = c.flag().then(|| proto::ArticleHints {
        url: c.optional(URLS),
        title: c.optional(WORDS),
        source: c.optional(WORDS),
        published_at: c.optional(DATES),
        language: c.optional(LANGUAGES),
    });
    let options = c.flag().then(|| proto::PrepareOptions {
        chunking: c.flag().then(|| proto::ChunkOptions {
            max_tokens: c.flag().then(|| c.number()),
            overlap_tokens: c.flag().then(|| c.number()),
            tokenizer: c.enumeration(),
        }),
        offset_unit: c.enumeration(),
        keep_all_text: c.flag(),
        quote_style: c.enumeration(),
        text_format: c.enumeration(),
        keep_links: c.flag(),
        keep_images: c.flag(),
        // Any bit pattern: NaN, infinities and negatives are refused by name.
        min_speaker_confidence: c.flag().then(|| f32::from_bits(c.number())),
    });
    let read_mask = c.flag().then(|| FieldMask {
        paths: (0..c.byte() % 4)
            .map(|_| (*c.pick(MASK_PATHS)).to_owned())
            .collect(),
    });
    let content_type = (*c.pick(CONTENT_TYPES)).to_owned();
    // The rest is the payload: fragments when the next byte is odd, else the bytes themselves.
    let structured = c.flag();
    let rest = c.0;
    let body = if structured {
        rest.iter()
            .map(|&b| FRAGMENTS[usize::from(b) % FRAGMENTS.len()])
            .collect::<String>()
    } else {
        String::from_utf8_lossy(rest).into_owned()
    };
    let payload = match kind {
        0 => Payload::Text(body),
        1 => Payload::Html(body),
        _ => Payload::Raw(proto::RawPayload {
            data: if structured {
                body.into_bytes()
            } else {
                rest.to_vec()
            },
            content_type,
        }),
    };
    proto::PrepareRequest {
        id,
        payload: Some(payload),
        hints,
        options,
        read_mask,
    }
}

/// Any request, every field varied, goes the way a call goes (checked into a job, prepared,
/// converted, written as JSON): an answer or a refusal, never a panic; a refusal of the caller's
/// request is INVALID_ARGUMENT (or RESOURCE_EXHAUSTED for size) naming the field at fault.
#[test]
fn any_request_is_answered_or_refused_naming_its_field() {
    use article_prep::api::jsonl;
    use article_prep::api::proto::prepare_result::Outcome;
    bolero::check!().for_each(|data: &[u8]| {
        let request = request(data);
        let id = request.id.clone();
        let result = jsonl::prepare_request(request, 1 << 20, None);
        assert_eq!(result.id, id);
        match &result.outcome {
            Some(Outcome::Article(article)) => assert_eq!(article.id, id),
            Some(Outcome::Error(error)) => {
                assert!(
                    [3, 8].contains(&error.code),
                    "a caller's request is refused as INVALID_ARGUMENT: {error:?}"
                );
                assert!(
                    error.code != 3 || !error.field.is_empty(),
                    "the refusal names no field: {error:?}"
                );
            }
            None => panic!("no outcome"),
        }
        let line = jsonl::render(&result);
        assert!(serde_json::from_str::<serde_json::Value>(&line).is_ok());
    });
}
