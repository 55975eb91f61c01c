//! Graceful shutdown of the real binary: SIGTERM during a stream lets the stream finish, turns
//! health to NOT_SERVING, refuses new connections, and the process exits cleanly.

use std::process::Stdio;
use std::time::Duration;

use article_prep::api::proto::article_prep_client::ArticlePrepClient;
use article_prep::api::proto::prepare_result::Outcome;
use tokio::io::{AsyncBufReadExt, BufReader};

use crate::helpers::{SEED, connect, text_request};

#[cfg(unix)]
#[tokio::test]
async fn sigterm_during_a_stream_drains_it_and_exits() {
    let mut server = tokio::process::Command::new(env!("CARGO_BIN_EXE_article-prep"))
        .args([
            "--log-format",
            "json",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--max-concurrent",
            "1",
        ])
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the binary starts");
    let mut log = BufReader::new(server.stderr.take().expect("stderr is piped")).lines();
    let mut address = None;
    while let Ok(Some(line)) = log.next_line().await {
        let entry: serde_json::Value = serde_json::from_str(&line).unwrap_or_default();
        if entry["message"] == "article-prep listening" {
            address = entry["address"].as_str().map(|a| format!("http://{a}"));
            break;
        }
    }
    let address = address.expect("the server logs its address");
    let mut client = connect(&address).await;
    let items: Vec<_> = (0..100)
        .map(|i| text_request(&i.to_string(), SEED))
        .collect();
    let mut results = client
        .prepare_stream(tokio_stream::iter(items))
        .await
        .expect("stream opens")
        .into_inner();
    let first = results.message().await.expect("first result");
    assert!(first.is_some());

    let pid = server.id().expect("running").to_string();
    let sent = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(sent.success());

    let mut articles = 1;
    while let Some(item) = results
        .message()
        .await
        .expect("the stream is drained, not cut")
    {
        assert!(
            matches!(item.outcome, Some(Outcome::Article(_))),
            "{item:?}"
        );
        articles += 1;
    }
    assert_eq!(articles, 100, "every in-flight item is answered");

    let refused = match ArticlePrepClient::connect(address.clone()).await {
        Ok(mut late) => late.prepare(text_request("late", SEED)).await.is_err(),
        Err(_) => true,
    };
    assert!(refused, "new calls are refused once shutdown began");

    let status = tokio::time::timeout(Duration::from_secs(30), server.wait())
        .await
        .expect("the server exits within its drain timeout")
        .expect("exit status");
    assert!(status.success(), "{status:?}");
    let mut rest = Vec::new();
    while let Ok(Some(line)) = log.next_line().await {
        rest.push(line);
    }
    assert!(
        rest.iter().any(|l| l.contains("health NOT_SERVING")),
        "shutdown is logged: {rest:?}"
    );
}
