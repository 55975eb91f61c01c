//! Faults, through the fault-injection seam (`Application::with_preparer`): a panicking article,
//! a deadline passed while queued, a client leaving mid-stream.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use article_prep::api::proto::prepare_result::Outcome;
use article_prep::config::ServerSettings;
use article_prep::pipeline;
use article_prep::server::Preparer;
use article_prep::server::SMALL_PAYLOAD_BYTES;
use tonic::Code;

use crate::helpers::{SEED, spawn_app_preparing, text_request};

/// The pipeline, except that a text containing `PANIC` panics and one containing `SLOW` first
/// sleeps; `started` counts the articles begun.
fn faulty(started: Arc<AtomicUsize>) -> Preparer {
    Arc::new(move |input, hints, options, deadline| {
        started.fetch_add(1, Ordering::SeqCst);
        if let pipeline::Input::Text(t) = &input {
            if t.contains("PANIC") {
                panic!("injected fault");
            }
            if t.contains("SLOW") {
                std::thread::sleep(Duration::from_millis(300));
            }
        }
        pipeline::prepare_within(input, hints, options, deadline)
    })
}

/// A real server with one worker preparing through [`faulty`], and the count of articles begun.
async fn one_worker(
    tweak: impl FnOnce(&mut ServerSettings),
) -> (crate::helpers::TestApp, Arc<AtomicUsize>) {
    let started = Arc::new(AtomicUsize::new(0));
    let app = spawn_app_preparing(
        |s| {
            s.max_concurrent = 1;
            tweak(s);
        },
        Some(faulty(Arc::clone(&started))),
    )
    .await;
    (app, started)
}

#[tokio::test]
async fn a_panic_fails_that_request_only() {
    let started = Arc::new(AtomicUsize::new(0));
    let app = spawn_app_preparing(|_| {}, Some(faulty(Arc::clone(&started)))).await;
    let mut client = app.client.clone();
    let status = client
        .prepare(text_request("bad", "PANIC in the pipeline"))
        .await
        .expect_err("a panic is an error");
    assert_eq!(status.code(), Code::Internal);
    // The panic's own words stay in the server log, not in the answer.
    assert_eq!(
        status.message(),
        "internal error while preparing the article"
    );

    // A stream with the faulty article in the middle: the others come back, the bad one is an
    // error item, and the server goes on serving.
    let items = vec![
        text_request("a", SEED),
        text_request("b", "PANIC again"),
        text_request("c", SEED),
    ];
    let mut results = client
        .prepare_stream(tokio_stream::iter(items))
        .await
        .expect("stream opens")
        .into_inner();
    let mut outcomes = Vec::new();
    while let Some(item) = results.message().await.expect("stream continues") {
        outcomes.push(match item.outcome {
            Some(Outcome::Article(_)) => (item.id, "ok".to_owned()),
            Some(Outcome::Error(e)) => (item.id, e.code_name),
            None => (item.id, "none".to_owned()),
        });
    }
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            ("a".to_owned(), "ok".to_owned()),
            ("b".to_owned(), "INTERNAL".to_owned()),
            ("c".to_owned(), "ok".to_owned())
        ]
    );
    assert!(client.prepare(text_request("after", SEED)).await.is_ok());
    app.stop().await;
}

#[tokio::test]
async fn a_deadline_passed_in_the_queue_is_answered_and_the_work_never_runs() {
    let (app, started) = one_worker(|s| s.max_queued = 4).await;
    let mut busy = app.client.clone();
    let slow =
        tokio::spawn(async move { busy.prepare(text_request("slow", "SLOW article")).await });
    while started.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Large, so that it waits for the busy worker: small articles have workers of their own.
    let large = "word ".repeat(SMALL_PAYLOAD_BYTES / 5 + 1);
    let mut request = tonic::Request::new(text_request("late", &large));
    request.set_timeout(Duration::from_millis(100));
    let status = app
        .client
        .clone()
        .prepare(request)
        .await
        .expect_err("the deadline passes while the only worker is busy");
    assert_eq!(status.code(), Code::DeadlineExceeded, "{status:?}");
    // 100 ms less the margin the server keeps to answer before the client's own timer.
    assert_eq!(
        status.message(),
        "deadline of 95 ms exceeded before the article was prepared"
    );
    assert!(slow.await.is_ok_and(|r| r.is_ok()));
    // Only the slow article ever started: the late one was abandoned in the queue.
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(started.load(Ordering::SeqCst), 1);
    app.stop().await;
}

#[tokio::test]
async fn a_client_leaving_mid_stream_stops_its_work() {
    let (app, started) = one_worker(|s| s.stream_in_flight = 2).await;
    let items: Vec<_> = (0..40)
        .map(|i| text_request(&format!("{i}"), "SLOW article"))
        .collect();
    let mut results = app
        .client
        .clone()
        .prepare_stream(tokio_stream::iter(items))
        .await
        .expect("stream opens")
        .into_inner();
    assert!(results.message().await.is_ok_and(|m| m.is_some()));
    drop(results);
    // 40 articles at 300 ms each would take 12 s; after the client leaves, at most the ones
    // already admitted finish.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let begun = started.load(Ordering::SeqCst);
    assert!(begun <= 5, "{begun} articles started after the client left");
    app.stop().await;
}

/// About eight megabytes of article text: seconds of work.
fn long_article() -> String {
    format!("{SEED}\n\n").repeat(800)
}

#[tokio::test]
async fn a_request_past_its_deadline_stops_and_frees_its_worker() {
    let app = spawn_app_preparing(|s| s.max_concurrent = 1, None).await;
    let mut request = tonic::Request::new(text_request("long", &long_article()));
    request.set_timeout(Duration::from_millis(50));
    let status = app
        .client
        .clone()
        .prepare(request)
        .await
        .expect_err("eight megabytes take longer than 50 ms");
    // Sending eight megabytes takes a while too: the client's own timer may answer first.
    assert!(
        matches!(status.code(), Code::DeadlineExceeded | Code::Cancelled),
        "{status:?}"
    );
    // The long article stops before its next stage, so the one worker is soon free for the
    // next request, well within that request's own deadline (the whole long article would
    // take longer than it).
    let mut next = tonic::Request::new(text_request("next", SEED));
    next.set_timeout(Duration::from_millis(1500));
    assert!(app.client.clone().prepare(next).await.is_ok());
    app.stop().await;
}

#[test]
fn a_batch_line_past_its_item_timeout_is_an_error_line_and_the_batch_goes_on() {
    use std::io::Write;
    let lines = [
        serde_json::json!({"id": "long", "text": long_article()}).to_string(),
        serde_json::json!({"id": "short", "text": "The council met on Tuesday. It approved the budget."})
            .to_string(),
    ];
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_article-prep"))
        .args(["batch", "--threads", "1", "--item-timeout", "0.05"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = lines.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("batch ends");
    assert!(writer.join().is_ok_and(|w| w.is_ok()));
    let results: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(
        results[0]["error"]["codeName"], "DEADLINE_EXCEEDED",
        "{}",
        results[0]
    );
    assert!(results[1]["article"].is_object(), "{}", results[1]);
}
