//! `PrepareStream`: results as articles finish, one bad item answered in place.

use std::collections::HashMap;

use article_prep::api::proto::{PrepareRequest, prepare_result::Outcome};
use futures_util::StreamExt;

use crate::helpers::{SEED, spawn_app, text_request};

#[tokio::test]
async fn a_bad_item_mid_stream_gets_an_error_and_the_stream_goes_on() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let requests = vec![
        text_request("a", SEED),
        PrepareRequest {
            id: "bad".into(),
            payload: None,
            hints: None,
            options: None,
            read_mask: None,
        },
        text_request(
            "c",
            "The council met on Monday to approve the budget for next year, officials said.",
        ),
    ];
    let mut results = client
        .prepare_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens")
        .into_inner();
    let mut by_id = HashMap::new();
    while let Some(item) = results.next().await {
        let item = item.expect("items are results, not a broken stream");
        by_id.insert(item.id.clone(), item.outcome);
    }
    assert_eq!(by_id.len(), 3);
    assert!(matches!(by_id.get("a"), Some(Some(Outcome::Article(a))) if a.quotes.len() == 17));
    match by_id.get("bad") {
        Some(Some(Outcome::Error(e))) => {
            assert_eq!((e.code, e.code_name.as_str()), (3, "INVALID_ARGUMENT"));
            assert_eq!(
                e.message,
                "payload is required: set one of text, html or raw"
            );
        }
        other => panic!("expected an error for 'bad', got {other:?}"),
    }
    assert!(matches!(by_id.get("c"), Some(Some(Outcome::Article(a))) if !a.text.is_empty()));
    app.stop().await;
}

#[tokio::test]
async fn many_items_all_come_back() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let requests: Vec<PrepareRequest> = (0..40)
        .map(|i| text_request(&format!("n{i}"), SEED))
        .collect();
    let results: Vec<_> = client
        .prepare_stream(tokio_stream::iter(requests))
        .await
        .expect("stream opens")
        .into_inner()
        .collect()
        .await;
    assert_eq!(results.len(), 40);
    assert!(
        results
            .iter()
            .all(|r| matches!(r, Ok(item) if matches!(item.outcome, Some(Outcome::Article(_)))))
    );
    app.stop().await;
}
