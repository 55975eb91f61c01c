//! Server settings: typed, with the defaults a fresh machine needs (plaintext on loopback).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

/// Everything `article-prep serve` can be told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerSettings {
    /// Address to listen on; port 0 picks a free port.
    pub listen: SocketAddr,
    /// Articles prepared at once.
    pub max_concurrent: usize,
    /// Articles waiting for a worker beyond those; more are refused with RESOURCE_EXHAUSTED.
    pub max_queued: usize,
    /// Largest payload (text, html or raw.data) of a request, bytes.
    pub max_message_bytes: usize,
    /// Bytes held for calls at once (bodies being received, payloads queued or in work, replies
    /// not yet read by their clients); past it a call is refused with RESOURCE_EXHAUSTED (one
    /// alone always runs). What bounds the server's memory under many large, stalled or slowly
    /// read calls: the pipeline itself holds a small multiple of its payload.
    pub max_held_bytes: usize,
    /// Longest a request may take on the server.
    pub request_timeout: Duration,
    /// Articles of one stream in flight at once.
    pub stream_in_flight: usize,
    /// How long shutdown waits for in-flight calls.
    pub drain_timeout: Duration,
    /// A connection older than this is asked to go away (HTTP/2 GOAWAY, its calls finishing
    /// within a grace period), so that long-lived clients spread over pods added since.
    pub max_connection_age: Duration,
    /// Client connections open at once; more are closed as they arrive.
    pub max_connections: usize,
    /// Time a new connection has to send its first bytes (HTTP/2 preface or TLS hello).
    pub handshake_timeout: Duration,
    /// Where the HTTP/JSON API is served (`POST /v1/prepare`, `/v1/prepare:batch`); none by
    /// default.
    pub http_listen: Option<SocketAddr>,
    /// The gRPC port also answers gRPC-Web (HTTP/1.1 and HTTP/2, with CORS), for browsers
    /// without a proxy; off by default.
    pub grpc_web: bool,
    /// Where Prometheus metrics are served over HTTP (`/metrics`); none by default.
    pub metrics_listen: Option<SocketAddr>,
    /// TLS for the gRPC port; plaintext when absent.
    pub tls: Option<TlsFiles>,
    /// A file holding the bearer token every `ArticlePrep` and reflection call must carry.
    pub auth_token_file: Option<PathBuf>,
}

/// PEM files for TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The server's certificate chain.
    pub cert: PathBuf,
    /// The server's private key.
    pub key: PathBuf,
    /// When set, clients must present a certificate signed by this CA (mutual TLS).
    pub client_ca: Option<PathBuf>,
}

impl ServerSettings {
    /// The default listen address.
    pub const DEFAULT_LISTEN: &'static str = "127.0.0.1:50051";
    /// The default message size cap: 16 MiB.
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;
    /// The default budget of bytes held for calls at once: four of the largest requests.
    pub const DEFAULT_MAX_HELD_BYTES: usize = 64 * 1024 * 1024;
    /// The default limit of open client connections.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
}

impl Default for ServerSettings {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 50051)),
            // Two articles per core: while one waits for its hand-off to and from the reactor the
            // other computes (scripts/load-test: 1,440 → 1,740 req/s on 2 cores, batch 1,880).
            max_concurrent: cores * 2,
            max_queued: cores * 16,
            max_message_bytes: Self::DEFAULT_MAX_MESSAGE_BYTES,
            max_held_bytes: Self::DEFAULT_MAX_HELD_BYTES,
            request_timeout: Duration::from_secs(30),
            stream_in_flight: cores.max(2),
            drain_timeout: Duration::from_secs(20),
            max_connection_age: Duration::from_secs(30 * 60),
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            handshake_timeout: Duration::from_secs(10),
            http_listen: None,
            grpc_web: false,
            metrics_listen: None,
            tls: None,
            auth_token_file: None,
        }
    }
}
