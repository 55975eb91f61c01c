//! Hostile and broken input, each through the real server with the outcome expected: either an
//! article whose spans all slice back into its text, or a precise status. A generous hang guard
//! per case catches quadratic blow-ups (speed itself is measured in the benchmarks).

use std::time::Duration;

use article_prep::api::proto::{
    PrepareRequest, PreparedArticle, RawPayload, prepare_request::Payload,
};
use tonic::Code;
use tonic::codec::CompressionEncoding;

use crate::helpers::{spawn_app, spawn_app_with, text_request};

/// What a case must come back as.
enum Expect {
    /// An article; the check gets its text.
    Article(fn(&str) -> bool),
    /// A status with this code and message.
    Refused(Code, &'static str),
}

fn html_request(id: &str, html: String) -> PrepareRequest {
    PrepareRequest {
        payload: Some(Payload::Html(html)),
        ..text_request(id, "")
    }
}

fn raw_request(id: &str, data: Vec<u8>, content_type: &str) -> PrepareRequest {
    PrepareRequest {
        payload: Some(Payload::Raw(RawPayload {
            data,
            content_type: content_type.into(),
        })),
        ..text_request(id, "")
    }
}

/// Every span of the article lies on character boundaries of its text (code-point offsets).
fn spans_are_valid(article: &PreparedArticle) -> bool {
    let chars = article.text.chars().count() as u32;
    let fits = |s: &Option<article_prep::api::proto::Span>| {
        s.as_ref()
            .is_some_and(|s| s.start <= s.end && s.end <= chars)
    };
    article.paragraphs.iter().all(|p| fits(&p.span))
        && article.sentences.iter().all(|s| fits(&s.span))
        && article.quotes.iter().all(|q| fits(&q.span))
        && article.chunks.iter().all(|c| fits(&c.span))
}

fn sentences_of(paragraph: &str, n: usize) -> String {
    vec![paragraph; n].join("\n")
}

#[tokio::test]
async fn hostile_inputs_get_an_article_or_a_precise_status() {
    let prose = "The minister said the talks would resume next week in Geneva.";
    let cyrillic_1251 = encoding_rs::WINDOWS_1251
        .encode(&sentences_of(
            "Министр заявил, что переговоры возобновятся на следующей неделе в Женеве.",
            6,
        ))
        .0
        .into_owned();
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let cases: Vec<(&str, PrepareRequest, Expect)> = vec![
        (
            "100k nested divs",
            html_request(
                "deep",
                format!(
                    "{}{prose}{}",
                    "<div>".repeat(100_000),
                    "</div>".repeat(100_000)
                ),
            ),
            Expect::Article(|_| true),
        ),
        (
            // The tokenizer reads attributes a stack frame each: the guard cuts them first,
            // on start, end and unterminated tags alike.
            "300k attributes with references on a start, an end and an unterminated tag",
            html_request(
                "attributes",
                format!(
                    "<p{a}>{prose} {prose}</p{a}><p>{prose}</p><p{a}",
                    a = " a='&amp;'".repeat(100_000)
                ),
            ),
            Expect::Article(|t| t.contains("Geneva")),
        ),
        (
            "a link closed across a block, 20k times",
            html_request(
                "links",
                format!(
                    "<div>{}</div>",
                    format!("<a href=x><p>{prose}</a> {prose}</p>").repeat(20_000)
                ),
            ),
            Expect::Article(|_| true),
        ),
        (
            "a 10 MB line without breaks",
            text_request("line", &"word and more words, ".repeat(500_000)),
            Expect::Article(|t| t.len() > 9_000_000),
        ),
        (
            "binary garbage as raw",
            raw_request("garbage", garbage, ""),
            Expect::Refused(
                Code::InvalidArgument,
                "raw.data is not text: 2660 of the first 20000 characters are control or undecodable bytes",
            ),
        ),
        (
            "invalid UTF-8 declared as UTF-8",
            raw_request(
                "bad-utf8",
                [
                    prose.as_bytes(),
                    &[0xff, 0xfe, 0xc3],
                    b" More text follows here, as usual.",
                ]
                .concat(),
                "text/plain; charset=utf-8",
            ),
            Expect::Article(|t| t.contains("Geneva") && !t.contains('\u{0}')),
        ),
        (
            "100k apostrophes",
            text_request("apostrophes", &format!("{prose} {}", "'".repeat(100_000))),
            Expect::Article(|_| true),
        ),
        (
            "unbalanced quote marks",
            text_request(
                "quotes",
                &sentences_of("He said \"yes and \u{201C} no « maybe", 20_000),
            ),
            Expect::Article(|_| true),
        ),
        (
            "a million tiny paragraphs",
            text_request("paragraphs", &"a\n".repeat(1_000_000)),
            Expect::Article(|_| true),
        ),
        (
            "only white space",
            text_request("blank", " \n\t\u{00A0}\n "),
            Expect::Refused(Code::InvalidArgument, "payload text is empty"),
        ),
        (
            "null bytes",
            text_request(
                "nulls",
                &format!("{prose}\u{0}\u{0}{prose}\n{}", "\u{0}".repeat(1000)),
            ),
            Expect::Article(|t| !t.contains('\u{0}') && t.contains("Geneva")),
        ),
        (
            "right-to-left and CJK text",
            text_request(
                "scripts",
                &sentences_of(
                    "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف. 部长说，会谈将于下周在日内瓦恢复。",
                    8,
                ),
            ),
            Expect::Article(|t| t.contains("جنيف") && t.contains("日内瓦")),
        ),
        (
            "emoji with combining marks",
            text_request(
                "emoji",
                &sentences_of(
                    "The crowd cheered 👍🏽 and waved 🇺🇦 flags; Zoë and e\u{301}lan 👨‍👩‍👧 arrived at the rally.",
                    6,
                ),
            ),
            Expect::Article(|t| t.contains("👨\u{200D}👩\u{200D}👧") && t.contains("\u{e9}lan")),
        ),
        (
            "windows-1251 with no charset declared",
            raw_request("cp1251", cyrillic_1251, ""),
            Expect::Article(|t| t.contains("Министр заявил")),
        ),
    ];
    let app = spawn_app().await;
    let mut client = app.client.clone();
    for (case, request, expect) in cases {
        let answer = tokio::time::timeout(Duration::from_secs(120), client.prepare(request))
            .await
            .unwrap_or_else(|_| panic!("{case}: no answer within the hang guard"));
        match (expect, answer) {
            (Expect::Article(check), Ok(article)) => {
                let article = article.into_inner();
                assert!(
                    spans_are_valid(&article),
                    "{case}: a span is out of its text"
                );
                assert!(
                    check(&article.text),
                    "{case}: unexpected text {:?}",
                    article.text.chars().take(200).collect::<String>()
                );
            }
            (Expect::Refused(code, message), Err(status)) => {
                assert_eq!((status.code(), status.message()), (code, message), "{case}");
            }
            (Expect::Article(_), Err(status)) => panic!("{case}: refused with {status:?}"),
            (Expect::Refused(code, _), Ok(_)) => panic!("{case}: prepared, expected {code:?}"),
        }
    }
    // The server is still there for everyone else.
    assert!(client.prepare(text_request("after", prose)).await.is_ok());
    app.stop().await;
}

#[tokio::test]
async fn a_gzip_request_inflating_past_the_limit_is_resource_exhausted() {
    let app = spawn_app_with(|s| s.max_message_bytes = 1024 * 1024).await;
    let mut client = app
        .client
        .clone()
        .send_compressed(CompressionEncoding::Gzip);
    // 8 MB of one letter compresses to a few kilobytes on the wire.
    let status = client
        .prepare(text_request("bomb", &"a".repeat(8 * 1024 * 1024)))
        .await
        .expect_err("over the limit once inflated");
    assert_eq!(status.code(), Code::ResourceExhausted, "{status:?}");
    // The transport refuses while inflating: the 1 MiB payload limit plus 64 KiB for hints and options.
    assert_eq!(
        status.message(),
        "Error decompressing: size limit, of 1114112 bytes, exceeded while decompressing message"
    );
    assert!(
        client
            .prepare(text_request("after", "A normal sentence follows here."))
            .await
            .is_ok()
    );
    app.stop().await;
}

#[tokio::test]
async fn a_malformed_grpc_timeout_is_refused_naming_the_header() {
    let app = spawn_app().await;
    for value in ["abc", "-1S", "1.5S"] {
        let mut request = tonic::Request::new(text_request("t", "A normal sentence follows here."));
        request.metadata_mut().insert(
            "grpc-timeout",
            value.parse().expect("an ASCII header value"),
        );
        let status = app
            .client
            .clone()
            .prepare(request)
            .await
            .expect_err("a malformed timeout is refused");
        assert_eq!(status.code(), Code::InvalidArgument, "{value}: {status:?}");
        assert_eq!(
            status.message(),
            format!(
                "grpc-timeout `{value}` is not a gRPC timeout: 1 to 8 digits and a unit (H, M, S, m, u, n)"
            )
        );
    }
    app.stop().await;
}
