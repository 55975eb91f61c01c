//! The HTTP/JSON API beside gRPC (`--http-listen`): the same answers, errors as HTTP codes with
//! the gRPC code and message in JSON, the same token.

use std::net::SocketAddr;

use crate::helpers::{SEED, http1, spawn_app_with, token_file};

/// Sends one HTTP/1.1 request and returns the status code and the body.
async fn call(
    at: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
    token: Option<&str>,
) -> (u16, String) {
    let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n{auth}\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let reply = http1(at, request.as_bytes()).await;
    (reply.code, String::from_utf8(reply.body).expect("utf-8"))
}

fn with_http(s: &mut article_prep::config::ServerSettings) {
    s.http_listen = Some("127.0.0.1:0".parse().expect("address"));
}

/// Posts `body` to `path` and checks the refusal: its HTTP code, gRPC code name, field and
/// message, exactly.
async fn assert_refused(
    at: SocketAddr,
    path: &str,
    body: &str,
    (code, name, field, message): (u16, &str, &str, &str),
) {
    let (got, reply) = call(at, "POST", path, body, None).await;
    assert_eq!(got, code, "{reply}");
    let refused: serde_json::Value = serde_json::from_str(&reply).expect("json");
    assert_eq!(refused["error"]["codeName"], name, "{reply}");
    assert_eq!(refused["error"]["field"], field, "{reply}");
    assert_eq!(refused["error"]["message"], message, "{reply}");
}

#[tokio::test]
async fn prepare_and_batch_answer_in_json_and_errors_carry_their_codes() {
    let app = spawn_app_with(with_http).await;
    let at = app.http.expect("the HTTP API is served");
    let request = serde_json::json!({"id": "seed", "text": SEED}).to_string();
    let (code, body) = call(at, "POST", "/v1/prepare", &request, None).await;
    assert_eq!(code, 200);
    let article: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(article["id"], "seed");
    assert_eq!(
        article["metadata"]["title"],
        "NATO membership for Ukraine not off the table, US official says"
    );

    let (code, body) = call(at, "POST", "/v1/prepare", r#"{"id": "x"}"#, None).await;
    assert_eq!(code, 400);
    let refused: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(refused["error"]["codeName"], "INVALID_ARGUMENT");
    assert_eq!(
        refused["error"]["message"],
        "payload is required: set one of text, html or raw"
    );
    let (code, body) = call(at, "POST", "/v1/prepare", "{not json", None).await;
    assert_eq!(code, 400);
    assert!(
        body.contains(r#""message":"body: not a PrepareRequest in proto3 JSON"#),
        "{body}"
    );

    let lines = [
        serde_json::json!({"id": "a", "text": SEED}).to_string(),
        "{not json".to_owned(),
        serde_json::json!({"id": "c", "text": "The council met on Tuesday. It voted."}).to_string(),
    ]
    .join("\n");
    let (code, body) = call(at, "POST", "/v1/prepare:batch", &lines, None).await;
    assert_eq!(code, 200);
    let results: Vec<serde_json::Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["article"]["id"], "a");
    assert_eq!(results[1]["error"]["codeName"], "INVALID_ARGUMENT");
    assert_eq!(results[2]["article"]["id"], "c");

    assert_eq!(call(at, "GET", "/v1/prepare", "", None).await.0, 405);
    let (code, page) = call(at, "GET", "/", "", None).await;
    assert_eq!(code, 200);
    assert!(
        page.contains("<title>article-prep inspector</title>")
            && page.contains(r#"fetch("/v1/prepare""#)
    );
    assert_eq!(call(at, "POST", "/v2/prepare", "{}", None).await.0, 404);
    app.stop().await;
}

#[tokio::test]
async fn the_http_api_asks_for_the_same_token() {
    let (_dir, token_file) = token_file("http-token");
    let app = spawn_app_with(|s| {
        with_http(s);
        s.auth_token_file = Some(token_file.clone());
    })
    .await;
    let at = app.http.expect("the HTTP API is served");
    let request = serde_json::json!({"text": SEED}).to_string();
    let (code, body) = call(at, "POST", "/v1/prepare", &request, None).await;
    assert_eq!(code, 401);
    assert!(
        body.contains("missing `authorization: Bearer <token>` metadata"),
        "{body}"
    );
    let (code, _) = call(at, "POST", "/v1/prepare", &request, Some("http-token")).await;
    assert_eq!(code, 200);
    app.stop().await;
}

#[tokio::test]
async fn a_hint_that_once_panicked_the_handler_is_a_400_naming_its_field() {
    let app = spawn_app_with(with_http).await;
    let at = app.http.expect("the HTTP API is served");
    let request =
        serde_json::json!({"id": "d", "text": SEED, "hints": {"publishedAt": "2025a€€€€"}})
            .to_string();
    let (code, body) = call(at, "POST", "/v1/prepare", &request, None).await;
    assert_eq!(code, 400, "{body}");
    let refused: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(refused["error"]["codeName"], "INVALID_ARGUMENT");
    assert_eq!(refused["error"]["field"], "hints.published_at");
    // The server goes on answering.
    let (code, _) = call(
        at,
        "POST",
        "/v1/prepare",
        &serde_json::json!({"text": SEED}).to_string(),
        None,
    )
    .await;
    assert_eq!(code, 200);
}

#[tokio::test]
async fn an_empty_batch_is_a_400_and_a_body_over_the_limit_a_413() {
    let app = spawn_app_with(|s| {
        with_http(s);
        s.max_message_bytes = 1024;
    })
    .await;
    let at = app.http.expect("the HTTP API is served");
    // `curl --data-binary @missing-file` sends nothing: say so, not an empty 200.
    let empty = (
        400,
        "INVALID_ARGUMENT",
        "body",
        "body: no request lines; send PrepareRequest JSON lines, one per line",
    );
    assert_refused(at, "/v1/prepare:batch", "", empty).await;
    let big = serde_json::json!({"text": "word ".repeat(40_000)}).to_string();
    let over = (
        413,
        "RESOURCE_EXHAUSTED",
        "",
        "request body over 66560 bytes (--max-message-bytes and room for the rest)",
    );
    assert_refused(at, "/v1/prepare", &big, over).await;
}

#[tokio::test]
async fn json_mistakes_name_their_field_in_words_a_client_can_act_on() {
    let app = spawn_app_with(with_http).await;
    let at = app.http.expect("the HTTP API is served");
    let two = r#"{"text": "a b", "html": "<p>a</p>"}"#;
    let why = "body: set only one of text, html or raw; this line sets text and html";
    assert_refused(
        at,
        "/v1/prepare",
        two,
        (400, "INVALID_ARGUMENT", "payload", why),
    )
    .await;
    let negative = r#"{"text": "a b", "options": {"chunking": {"maxTokens": -5}}}"#;
    let field = "options.chunking.maxTokens";
    let why =
        "body: options.chunking.maxTokens must be a whole number from 0 to 4294967295, got -5";
    assert_refused(
        at,
        "/v1/prepare",
        negative,
        (400, "INVALID_ARGUMENT", field, why),
    )
    .await;
    // Too little text to tell a language: unknown, not a guess at 1%.
    let (code, body) = call(
        at,
        "POST",
        "/v1/prepare",
        r#"{"text": "Hello world."}"#,
        None,
    )
    .await;
    assert_eq!(code, 200, "{body}");
    let article: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(article["metadata"]["language"], "");
}
