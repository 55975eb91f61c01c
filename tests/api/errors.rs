//! Every refusal comes back with its exact status and a message naming what was wrong.

use article_prep::server::proto::{
    ArticleHints, ChunkOptions, PrepareOptions, PrepareRequest, RawPayload,
    prepare_request::Payload,
};
use tonic::Code;

use crate::helpers::{SEED, spawn_app, spawn_app_with, text_request};

async fn refusal(request: PrepareRequest) -> (Code, String) {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let status = client
        .prepare(request)
        .await
        .expect_err("the request is refused");
    app.stop().await;
    (status.code(), status.message().to_owned())
}

fn with_chunking(max_tokens: Option<u32>, overlap_tokens: Option<u32>) -> PrepareRequest {
    let mut request = text_request("x", SEED);
    request.options = Some(PrepareOptions {
        chunking: Some(ChunkOptions {
            max_tokens,
            overlap_tokens,
            tokenizer: 0,
        }),
        ..PrepareOptions::default()
    });
    request
}

#[tokio::test]
async fn no_payload_is_invalid_argument() {
    let request = PrepareRequest {
        id: "x".into(),
        payload: None,
        hints: None,
        options: None,
    };
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "payload is required: set one of text, html or raw".into()
        )
    );
}

#[tokio::test]
async fn an_empty_payload_is_invalid_argument() {
    assert_eq!(
        refusal(text_request("x", " \n ")).await,
        (Code::InvalidArgument, "payload text is empty".into())
    );
    let raw = PrepareRequest {
        payload: Some(Payload::Raw(RawPayload {
            data: vec![],
            content_type: String::new(),
        })),
        ..text_request("x", "")
    };
    assert_eq!(
        refusal(raw).await,
        (Code::InvalidArgument, "payload raw.data is empty".into())
    );
}

#[tokio::test]
async fn overlap_not_below_max_tokens_is_invalid_argument() {
    assert_eq!(
        refusal(with_chunking(Some(64), Some(64))).await,
        (
            Code::InvalidArgument,
            "options.chunking.overlap_tokens must be less than max_tokens (64), got 64".into()
        )
    );
}

#[tokio::test]
async fn max_tokens_below_the_floor_is_invalid_argument() {
    assert_eq!(
        refusal(with_chunking(Some(4), None)).await,
        (
            Code::InvalidArgument,
            "options.chunking.max_tokens must be between 16 and 1000000, got 4".into()
        )
    );
}

#[tokio::test]
async fn an_unknown_tokenizer_is_invalid_argument() {
    let mut request = with_chunking(None, None);
    if let Some(options) = request.options.as_mut() {
        options.chunking = Some(ChunkOptions {
            tokenizer: 42,
            ..ChunkOptions::default()
        });
    }
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "options.chunking.tokenizer is not a known tokenizer: 42".into()
        )
    );
}

#[tokio::test]
async fn a_malformed_hint_is_invalid_argument() {
    let mut request = text_request("x", SEED);
    request.hints = Some(ArticleHints {
        published_at: Some("last Tuesday".into()),
        ..ArticleHints::default()
    });
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "hints.published_at must be an ISO 8601 date or date-time, got \"last Tuesday\"".into()
        )
    );
}

#[tokio::test]
async fn binary_garbage_is_invalid_argument() {
    let data: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 % 16)
        .collect();
    let request = PrepareRequest {
        payload: Some(Payload::Raw(RawPayload {
            data,
            content_type: String::new(),
        })),
        ..text_request("x", "")
    };
    let (code, message) = refusal(request).await;
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

#[tokio::test]
async fn an_unknown_quote_style_is_invalid_argument() {
    let mut request = text_request("x", SEED);
    request.options = Some(PrepareOptions {
        quote_style: 9,
        ..PrepareOptions::default()
    });
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "options.quote_style is not a known quote style: 9".into()
        )
    );
}

#[tokio::test]
async fn an_unknown_offset_unit_is_invalid_argument() {
    let mut request = text_request("x", SEED);
    request.options = Some(PrepareOptions {
        offset_unit: 7,
        ..PrepareOptions::default()
    });
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "options.offset_unit is not a known offset unit: 7".into()
        )
    );
}

#[tokio::test]
async fn a_url_hint_that_is_not_http_is_invalid_argument() {
    let mut request = text_request("x", SEED);
    request.hints = Some(ArticleHints {
        url: Some("file:///etc/passwd".into()),
        ..ArticleHints::default()
    });
    assert_eq!(
        refusal(request).await,
        (
            Code::InvalidArgument,
            "hints.url must be an absolute http(s) URL, got \"file:///etc/passwd\"".into()
        )
    );
}

#[tokio::test]
async fn a_language_hint_that_is_not_bcp47_is_invalid_argument() {
    let mut request = text_request("x", SEED);
    request.hints = Some(ArticleHints {
        language: Some("english please".into()),
        ..ArticleHints::default()
    });
    assert_eq!(
        refusal(request).await,
        (Code::InvalidArgument, "hints.language must be a BCP 47 tag such as \"en\" or \"pt-BR\", got \"english please\"".into())
    );
}
