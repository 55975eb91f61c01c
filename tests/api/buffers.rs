//! What clients can make the server hold: stalled uploads count against the byte budget (other
//! calls are refused while it is spent, health probes are not), silent connections are closed
//! after the handshake timeout, and connections past the limit are closed at once.

use std::time::Duration;

use bytes::Bytes;
use tokio::io::AsyncReadExt;
use tonic::Code;
use tonic_health::pb::health_check_response::ServingStatus;
use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};

use crate::helpers::{SEED, connect, spawn_app_with, text_request};

/// Starts a `Prepare` call on its own HTTP/2 connection and sends `sent` bytes of a message that
/// announces `announced`, then stops sending: an upload that stalls.
async fn stalled_upload(
    address: &str,
    announced: u32,
    sent: usize,
) -> (h2::client::SendRequest<Bytes>, h2::SendStream<Bytes>) {
    let authority = address.trim_start_matches("http://");
    let tcp = tokio::net::TcpStream::connect(authority)
        .await
        .expect("connects");
    let (client, connection) = h2::client::handshake(tcp).await.expect("HTTP/2 handshake");
    tokio::spawn(connection);
    let mut client = client.ready().await.expect("ready for a stream");
    let request = http::Request::post(format!("{address}/articleprep.v1.ArticlePrep/Prepare"))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .expect("a valid request");
    let (_response, mut body) = client.send_request(request, false).expect("stream opens");
    let mut message = vec![0];
    message.extend_from_slice(&announced.to_be_bytes());
    message.resize(5 + sent, b'a');
    body.send_data(Bytes::from(message), false)
        .expect("data queued");
    (client, body)
}

#[tokio::test]
async fn a_stalled_upload_holds_the_budget_until_it_goes() {
    // The stalled upload fits the budget; a small call on top of it does not.
    const SENT: usize = 300 * 1024;
    const BUDGET: usize = SENT + 5 + 4096;
    let app = spawn_app_with(|s| s.max_held_bytes = BUDGET).await;
    let (_connection, mut stalled) = stalled_upload(&app.address, 1024 * 1024, SENT).await;
    let mut client = app.client.clone();
    // Loopback delivers the stalled bytes in milliseconds; a call racing them could be the one
    // that fits, and the stalled upload the one refused.
    tokio::time::sleep(Duration::from_millis(500)).await;
    // With the stalled bytes held, a small call is refused, naming the budget.
    let mut refusal = None;
    for _ in 0..200 {
        match client.prepare(text_request("small", SEED)).await {
            Err(status) if status.code() == Code::ResourceExhausted => {
                refusal = Some(status);
                break;
            }
            _ => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
    let refusal = refusal.expect("refused while the stalled upload holds the budget");
    let held = SENT + 5;
    assert!(
        refusal.message().starts_with(&format!(
            "server holds {held} bytes for calls in progress (being received, queued, in work, or \
             replies not yet read); "
        )) && refusal.message().ends_with(&format!(
            " more would pass its budget of {BUDGET} bytes (--max-held-bytes); retry with backoff"
        )),
        "{}",
        refusal.message()
    );
    // Probes are answered all along.
    let channel = tonic::transport::Channel::from_shared(app.address.clone())
        .expect("a valid URI")
        .connect()
        .await
        .expect("connects");
    let health = HealthClient::new(channel)
        .check(HealthCheckRequest {
            service: "articleprep.v1.ArticlePrep".into(),
        })
        .await
        .expect("health answers");
    assert_eq!(health.into_inner().status(), ServingStatus::Serving);
    // The client gives up: its bytes are given back and calls run again.
    stalled.send_reset(h2::Reason::CANCEL);
    let mut answered = false;
    for _ in 0..200 {
        if client.prepare(text_request("after", SEED)).await.is_ok() {
            answered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(answered, "the budget was not given back");
    app.stop().await;
}

/// Reads until the peer closes; true when it did within `within`.
async fn closed_within(stream: &mut tokio::net::TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn a_silent_connection_is_closed_and_a_speaking_one_is_not() {
    let app = spawn_app_with(|s| s.handshake_timeout = Duration::from_millis(300)).await;
    let authority = app.address.trim_start_matches("http://").to_owned();
    let mut silent = tokio::net::TcpStream::connect(&authority)
        .await
        .expect("connects");
    assert!(closed_within(&mut silent, Duration::from_secs(5)).await);
    // The test's own client connected before and keeps working past the timeout.
    tokio::time::sleep(Duration::from_millis(400)).await;
    let mut client = app.client.clone();
    assert!(client.prepare(text_request("ok", SEED)).await.is_ok());
    app.stop().await;
}

#[tokio::test]
async fn connections_past_the_limit_are_closed_at_once() {
    let app = spawn_app_with(|s| s.max_connections = 2).await;
    let authority = app.address.trim_start_matches("http://").to_owned();
    // The test's client holds one connection; one more fits.
    let mut second = tokio::net::TcpStream::connect(&authority)
        .await
        .expect("connects");
    let mut third = tokio::net::TcpStream::connect(&authority)
        .await
        .expect("connects");
    assert!(closed_within(&mut third, Duration::from_secs(5)).await);
    assert!(!closed_within(&mut second, Duration::from_millis(300)).await);
    drop(second);
    // With a slot free again, a new client is served.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let mut client = connect(&app.address).await;
    assert!(client.prepare(text_request("ok", SEED)).await.is_ok());
    app.stop().await;
}
