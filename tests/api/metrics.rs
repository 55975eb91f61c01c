//! Prometheus metrics on their own port.

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{SEED, spawn_app_with, text_request};

async fn scrape(address: std::net::SocketAddr, path: &str) -> String {
    let mut stream = tokio::net::TcpStream::connect(address)
        .await
        .expect("metrics port accepts");
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .await
        .expect("request sent");
    let mut response = String::new();
    stream
        .read_to_string(&mut response)
        .await
        .expect("response read");
    response
}

#[tokio::test]
async fn metrics_count_requests_by_code_and_time_the_stages() {
    let app =
        spawn_app_with(|s| s.metrics_listen = Some("127.0.0.1:0".parse().expect("addr"))).await;
    article_prep::telemetry::init(
        Default::default(),
        article_prep::telemetry::filter("off"),
        std::io::sink,
    );
    let mut client = app.client.clone();
    assert!(client.prepare(text_request("ok", SEED)).await.is_ok());
    assert!(client.prepare(text_request("empty", "")).await.is_err());
    let address = app.metrics.expect("metrics address");
    let page = scrape(address, "/metrics").await;
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    for expected in [
        r#"article_prep_requests_total{method="Prepare",code="OK"}"#,
        r#"article_prep_requests_total{method="Prepare",code="INVALID_ARGUMENT"}"#,
        "article_prep_request_duration_seconds_bucket",
        "article_prep_payload_bytes_bucket",
        "article_prep_in_flight",
        "# TYPE article_prep_stage_duration_seconds histogram",
        r#"article_prep_stage_duration_seconds_count{stage="boilerplate"}"#,
    ] {
        assert!(page.contains(expected), "missing {expected} in\n{page}");
    }
    assert!(scrape(address, "/other").await.starts_with("HTTP/1.1 404"));
    app.stop().await;
}
