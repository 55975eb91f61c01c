//! Every refusal comes back with its exact status and a message naming what was wrong.

use article_prep::api::proto::{
    ArticleHints, ChunkOptions, PrepareOptions, PrepareRequest, RawPayload,
    prepare_request::Payload,
};
use tonic::Code;
use tonic_types::StatusExt;

use crate::helpers::{SEED, spawn_app, spawn_app_with, text_request};

/// Sends each request to one server and checks the exact status and message of its refusal;
/// an INVALID_ARGUMENT also carries a `google.rpc.BadRequest` naming the field the message names.
async fn assert_refusals(cases: Vec<(&str, PrepareRequest, Code, &str)>) {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    for (case, request, code, message) in cases {
        let status = client.prepare(request).await.expect_err(case);
        assert_eq!((status.code(), status.message()), (code, message), "{case}");
        if code == Code::InvalidArgument {
            let violations = status
                .get_details_bad_request()
                .map(|b| b.field_violations)
                .unwrap_or_default();
            assert!(
                matches!(violations.as_slice(), [v] if !v.field.is_empty()
                    && message.contains(&v.field) && v.description == message),
                "{case}: {violations:?}"
            );
        }
    }
    app.stop().await;
}

fn with_options(options: PrepareOptions) -> PrepareRequest {
    PrepareRequest {
        options: Some(options),
        ..text_request("x", SEED)
    }
}

fn with_chunking(
    max_tokens: Option<u32>,
    overlap_tokens: Option<u32>,
    tokenizer: i32,
) -> PrepareRequest {
    with_options(PrepareOptions {
        chunking: Some(ChunkOptions {
            max_tokens,
            overlap_tokens,
            tokenizer,
        }),
        ..PrepareOptions::default()
    })
}

fn with_hints(hints: ArticleHints) -> PrepareRequest {
    PrepareRequest {
        hints: Some(hints),
        ..text_request("x", SEED)
    }
}

fn raw(data: Vec<u8>) -> PrepareRequest {
    PrepareRequest {
        payload: Some(Payload::Raw(RawPayload {
            data,
            content_type: String::new(),
        })),
        ..text_request("x", "")
    }
}

#[tokio::test]
async fn raw_bytes_typed_as_a_document_that_is_not_text_are_refused() {
    let pdf = PrepareRequest {
        payload: Some(Payload::Raw(RawPayload {
            data: b"%PDF-1.7 The council met.".to_vec(),
            content_type: "application/pdf".into(),
        })),
        ..text_request("pdf", "")
    };
    assert_refusals(vec![(
        "a PDF",
        pdf,
        Code::InvalidArgument,
        "raw.data is not text: raw.content_type is application/pdf, a document that is not text or HTML",
    )])
    .await;
}

#[tokio::test]
async fn a_missing_or_empty_payload_is_invalid_argument() {
    assert_refusals(vec![
        (
            "no payload",
            PrepareRequest {
                id: "x".into(),
                payload: None,
                hints: None,
                options: None,
                read_mask: None,
            },
            Code::InvalidArgument,
            "payload is required: set one of text, html or raw",
        ),
        (
            "blank text",
            text_request("x", " \n "),
            Code::InvalidArgument,
            "payload text is empty",
        ),
        (
            "empty raw",
            raw(Vec::new()),
            Code::InvalidArgument,
            "payload raw.data is empty",
        ),
    ])
    .await;
}

#[tokio::test]
async fn options_out_of_range_are_invalid_argument_naming_the_field() {
    assert_refusals(vec![
        (
            "overlap = max",
            with_chunking(Some(64), Some(64), 0),
            Code::InvalidArgument,
            "options.chunking.overlap_tokens must be less than max_tokens (64), got 64",
        ),
        (
            "budget below the floor",
            with_chunking(Some(4), None, 0),
            Code::InvalidArgument,
            "options.chunking.max_tokens must be between 16 and 1000000, got 4",
        ),
        (
            "unknown tokenizer",
            with_chunking(None, None, 42),
            Code::InvalidArgument,
            "options.chunking.tokenizer is not a known tokenizer: 42",
        ),
        (
            "a read mask path that is no field",
            PrepareRequest {
                read_mask: Some(article_prep::api::field_mask::FieldMask {
                    paths: vec!["text".into(), "metadata.colour".into()],
                }),
                ..text_request("x", SEED)
            },
            Code::InvalidArgument,
            "read_mask path `metadata.colour` is not a field of Metadata (title, source, \
             site_name, authors, published_at, language, url, word_count, sentence_count, \
             paragraph_count, reading_time_seconds, content_hash, simhash, modified_at, \
             description, language_confidence)",
        ),
        (
            "unknown text format",
            with_options(PrepareOptions {
                text_format: 7,
                ..PrepareOptions::default()
            }),
            Code::InvalidArgument,
            "options.text_format is not a known text format: 7",
        ),
        (
            "unknown quote style",
            with_options(PrepareOptions {
                quote_style: 9,
                ..PrepareOptions::default()
            }),
            Code::InvalidArgument,
            "options.quote_style is not a known quote style: 9",
        ),
        (
            "unknown offset unit",
            with_options(PrepareOptions {
                offset_unit: 7,
                ..PrepareOptions::default()
            }),
            Code::InvalidArgument,
            "options.offset_unit is not a known offset unit: 7",
        ),
        (
            "a speaker confidence above 1",
            with_options(PrepareOptions {
                min_speaker_confidence: Some(1.5),
                ..PrepareOptions::default()
            }),
            Code::InvalidArgument,
            "options.min_speaker_confidence must be a number from 0 to 1, not 1.5",
        ),
        (
            "a speaker confidence that is no number",
            with_options(PrepareOptions {
                min_speaker_confidence: Some(f32::NAN),
                ..PrepareOptions::default()
            }),
            Code::InvalidArgument,
            "options.min_speaker_confidence must be a number from 0 to 1, not NaN",
        ),
    ])
    .await;
}

#[tokio::test]
async fn malformed_hints_are_invalid_argument_naming_the_field() {
    assert_refusals(vec![
        (
            "date",
            with_hints(ArticleHints { published_at: Some("last Tuesday".into()), ..ArticleHints::default() }),
            Code::InvalidArgument,
            "hints.published_at must be an ISO 8601 date or date-time, got \"last Tuesday\"",
        ),
        (
            // A character across the tenth byte: the handler once panicked slicing it there.
            "date-cut-inside-a-character",
            with_hints(ArticleHints { published_at: Some("2025a€€€€".into()), ..ArticleHints::default() }),
            Code::InvalidArgument,
            "hints.published_at must be an ISO 8601 date or date-time, got \"2025a€€€€\"",
        ),
        (
            "url",
            with_hints(ArticleHints { url: Some("file:///etc/passwd".into()), ..ArticleHints::default() }),
            Code::InvalidArgument,
            "hints.url must be an absolute http(s) URL, got \"file:///etc/passwd\"",
        ),
        (
            "language",
            with_hints(ArticleHints { language: Some("english please".into()), ..ArticleHints::default() }),
            Code::InvalidArgument,
            "hints.language must be a BCP 47 tag such as \"en\" or \"pt-BR\", got \"english please\"",
        ),
    ])
    .await;
}

#[tokio::test]
async fn binary_garbage_is_invalid_argument() {
    let data: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 % 16)
        .collect();
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let status = client
        .prepare(raw(data))
        .await
        .expect_err("garbage is refused");
    app.stop().await;
    let (code, message) = (status.code(), status.message());
    assert_eq!(code, Code::InvalidArgument);
    assert!(message.starts_with("raw.data is not text:"), "{message}");
}

#[tokio::test]
async fn a_payload_over_the_limit_is_resource_exhausted() {
    let app = spawn_app_with(|s| s.max_message_bytes = 64 * 1024).await;
    let mut client = app.client.clone();
    let big = "word ".repeat(20_000);
    let status = client
        .prepare(text_request("big", &big))
        .await
        .expect_err("too big");
    assert_eq!(status.code(), Code::ResourceExhausted);
    assert_eq!(
        status.message(),
        "payload text is 100000 bytes, over the limit of 65536 bytes"
    );
    // Far over the limit, the transport refuses it: still RESOURCE_EXHAUSTED.
    let huge = "word ".repeat(200_000);
    let status = client
        .prepare(text_request("huge", &huge))
        .await
        .expect_err("too big");
    assert_eq!(
        status.code(),
        Code::ResourceExhausted,
        "{}",
        status.message()
    );
    assert_eq!(
        status.message(),
        "request is over the server's message limit (--max-message-bytes plus 64 KiB for hints and \
         options): Error, decoded message length too large: found 1000010 bytes, the limit is: \
         131072 bytes"
    );
    // The server goes on serving.
    assert!(client.prepare(text_request("ok", SEED)).await.is_ok());
    app.stop().await;
}

#[tokio::test]
async fn a_page_with_no_body_is_not_an_error() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let a = client
        .prepare(text_request("menu", "Home\nNews\nSports\nWeather"))
        .await
        .expect("prepared")
        .into_inner();
    assert!(a.text.is_empty());
    assert_eq!(a.removed.len(), 4);
    assert!(
        a.warnings
            .iter()
            .any(|w| w.starts_with("no article body found"))
    );
    app.stop().await;
}

/// The command line names what is wrong in the words of its own flags and files.
#[test]
fn the_command_line_names_the_file_and_the_flag() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").expect("the file is written");
    let run = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_article-prep"))
            .args(args)
            .output()
            .expect("the binary runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stderr) = run(&["prepare".as_ref(), empty.as_os_str()]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        format!("article-prep: {} holds no text to prepare", empty.display())
    );
    let page =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/city-budget.html");
    let (ok, stderr) = run(&["prepare".as_ref(), "--links".as_ref(), page.as_os_str()]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        "article-prep: --links and --images keep links and images in Markdown: add --format markdown"
    );
    let (ok, stderr) = run(&[
        "prepare".as_ref(),
        "--min-speaker-confidence".as_ref(),
        "1.5".as_ref(),
        page.as_os_str(),
    ]);
    assert!(!ok);
    assert_eq!(
        stderr.trim(),
        "article-prep: --min-speaker-confidence must be a number from 0 to 1, not 1.5"
    );
}
