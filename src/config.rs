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
    /// read calls; the pipeline's working memory is `max_working_bytes`.
    pub max_held_bytes: usize,
    /// Working memory of the articles in work: each reserves its payload times
    /// `pipeline::WORKING_BYTES_PER_PAYLOAD_BYTE` (at most all of it) before it runs, and waits
    /// in the queue while the memory is taken. With `max_held_bytes`, what bounds the server's
    /// memory: about both plus the process's own.
    pub max_working_bytes: usize,
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
    pub const DEFAULT_LISTEN: SocketAddr =
        SocketAddr::new(std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST), 50051);
    /// The default longest time a request may take.
    pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
    /// The default time shutdown waits for calls in flight.
    pub const DEFAULT_DRAIN_TIMEOUT: Duration = Duration::from_secs(20);
    /// The default age at which a client connection is asked to reconnect.
    pub const DEFAULT_MAX_CONNECTION_AGE: Duration = Duration::from_secs(30 * 60);
    /// The default time a new connection has to send its first bytes.
    pub const DEFAULT_HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
    /// The default message size cap: 16 MiB.
    pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;
    /// The default budget of bytes held for calls at once: four of the largest requests.
    pub const DEFAULT_MAX_HELD_BYTES: usize = 64 * 1024 * 1024;
    /// The default working memory of the articles in work: a 4 MB article's reservation, or
    /// some forty typical pages'.
    pub const DEFAULT_MAX_WORKING_BYTES: usize = 384 * 1024 * 1024;
    /// The default limit of open client connections.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
}

impl Default for ServerSettings {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Self {
            listen: Self::DEFAULT_LISTEN,
            // Two articles per core: while one waits for its hand-off to and from the reactor the
            // other computes (scripts/load-test: 1,440 → 1,740 req/s on 2 cores, batch 1,880).
            max_concurrent: cores * 2,
            max_queued: cores * 16,
            max_message_bytes: Self::DEFAULT_MAX_MESSAGE_BYTES,
            max_held_bytes: Self::DEFAULT_MAX_HELD_BYTES,
            max_working_bytes: Self::DEFAULT_MAX_WORKING_BYTES,
            request_timeout: Self::DEFAULT_REQUEST_TIMEOUT,
            stream_in_flight: cores.max(2),
            drain_timeout: Self::DEFAULT_DRAIN_TIMEOUT,
            max_connection_age: Self::DEFAULT_MAX_CONNECTION_AGE,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            handshake_timeout: Self::DEFAULT_HANDSHAKE_TIMEOUT,
            http_listen: None,
            grpc_web: false,
            metrics_listen: None,
            tls: None,
            auth_token_file: None,
        }
    }
}

/// A duration given as a number of seconds (fractions allowed), more than zero and at most a
/// day: how the command line and its environment variables write timeouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub Duration);

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.as_secs_f64())
    }
}

impl std::str::FromStr for Seconds {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, String> {
        let n: f64 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a number of seconds"))?;
        if !(n > 0.0 && n <= 86_400.0) {
            return Err(format!("`{value}` is not between 0 and 86400 seconds"));
        }
        Duration::try_from_secs_f64(n)
            .map(Self)
            .map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_back_as_written() {
        for written in ["30", "0.5", "1800", "86400"] {
            let read: Seconds = written.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(read.to_string(), written);
        }
        for bad in ["0", "-1", "86401", "NaN", "ten", ""] {
            assert!(bad.parse::<Seconds>().is_err(), "{bad}");
        }
    }
}
