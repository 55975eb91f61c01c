//! `spawn_app`: the real server on 127.0.0.1:0, a connected client, and a handle that stops it.

use article_prep::api::proto::article_prep_client::ArticlePrepClient;
use article_prep::api::proto::{PrepareRequest, prepare_request::Payload};
use article_prep::config::ServerSettings;
use article_prep::server::Application;
use article_prep::server::Preparer;
use tonic::transport::Channel;

pub const SEED: &str = include_str!("../fixtures/daily8-nato-ukraine.txt");

pub struct TestApp {
    pub address: String,
    pub metrics: Option<std::net::SocketAddr>,
    pub http: Option<std::net::SocketAddr>,
    pub client: ArticlePrepClient<Channel>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    pub server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    /// Starts a graceful shutdown and waits for the server to finish.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.server).await;
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(tweak: impl FnOnce(&mut ServerSettings)) -> TestApp {
    spawn_app_preparing(tweak, None).await
}

/// The real server with `preparer` in place of the pipeline (the fault-injection seam).
pub async fn spawn_app_preparing(
    tweak: impl FnOnce(&mut ServerSettings),
    preparer: Option<Preparer>,
) -> TestApp {
    if std::env::var_os("TEST_LOG").is_some() {
        article_prep::telemetry::init(
            Default::default(),
            article_prep::telemetry::filter("info"),
            std::io::stderr,
        );
    }
    let mut settings = ServerSettings {
        listen: "127.0.0.1:0".parse().expect("a literal address"),
        ..ServerSettings::default()
    };
    tweak(&mut settings);
    let tls = settings.tls.is_some();
    let mut app = Application::build(settings)
        .await
        .expect("binding port 0 succeeds");
    if let Some(preparer) = preparer {
        app = app.with_preparer(preparer);
    }
    let scheme = if tls { "https" } else { "http" };
    let address = format!("{scheme}://{}", app.address());
    let metrics = app.metrics_address();
    let http = app.http_address();
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        app.run_until_stopped(async {
            let _ = rx.await;
        })
        .await
        .expect("server runs");
    });
    // A TLS server needs a client configured for it: the test connects itself.
    let client = if tls {
        ArticlePrepClient::new(Channel::from_static("http://[::1]:1").connect_lazy())
    } else {
        connect(&address).await
    };
    TestApp {
        address,
        metrics,
        http,
        client,
        stop: Some(tx),
        server,
    }
}

pub async fn connect(address: &str) -> ArticlePrepClient<Channel> {
    for _ in 0..50 {
        if let Ok(client) = ArticlePrepClient::connect(address.to_owned()).await {
            return client.max_decoding_message_size(64 * 1024 * 1024);
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    panic!("server at {address} did not accept connections");
}

pub fn text_request(id: &str, text: &str) -> PrepareRequest {
    PrepareRequest {
        id: id.into(),
        payload: Some(Payload::Text(text.into())),
        hints: None,
        options: None,
        read_mask: None,
    }
}

/// An HTTP/1.1 reply: its status code, its head (lower-cased) and its body, de-chunked.
pub struct Http1Reply {
    pub code: u16,
    pub head: String,
    pub body: Vec<u8>,
}

/// Sends one raw HTTP/1.1 request (which asks to close the connection) and reads the reply.
pub async fn http1(at: std::net::SocketAddr, request: &[u8]) -> Http1Reply {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(at).await.expect("connects");
    stream.write_all(request).await.expect("request sent");
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply).await.expect("reply read");
    let split = reply
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head and a body");
    let head = String::from_utf8_lossy(&reply[..split]).to_ascii_lowercase();
    let body = &reply[split + 4..];
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("a status code");
    let body = if head.contains("transfer-encoding: chunked") {
        dechunk(body)
    } else {
        body.to_vec()
    };
    Http1Reply { code, head, body }
}

/// A chunked body joined back together (a streamed reply).
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .expect("a chunk size");
        if size == 0 {
            break;
        }
        let rest = &body[end + 2..];
        out.extend_from_slice(&rest[..size]);
        body = &rest[size + 2..];
    }
    out
}

/// A bearer-token file holding `token` (and a newline, as editors leave one), in a temporary
/// folder that lives as long as the returned guard.
pub fn token_file(token: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("article-prep-token-")
        .tempdir()
        .expect("temp dir");
    let path = dir.path().join("token");
    std::fs::write(&path, format!("{token}\n")).expect("write");
    (dir, path)
}
