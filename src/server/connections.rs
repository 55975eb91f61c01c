//! Accepted connections, bounded: at most `max_connections` open at once (more are closed as they
//! arrive), and each must send its first bytes (the HTTP/2 preface or a TLS hello) within the
//! handshake timeout. Silent sockets so cannot pile up; a live client, idle or not, answers the
//! keep-alive pings and stays.
//!
//! The HTTP/1 ports (the JSON API and metrics) are served here too: an axum `Router` per
//! connection, headers due within a timeout. Every accept loop backs off on errors.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::{Stream, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Sleep;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::transport::server::{Connected, TcpConnectInfo};

use super::metrics;

/// An accepted connection: its slot among the open ones, and the time it has to speak.
#[derive(Debug)]
pub struct Guarded {
    stream: TcpStream,
    /// Set until the first byte arrives.
    speak_by: Option<Pin<Box<Sleep>>>,
    _slot: OwnedSemaphorePermit,
}

impl AsyncRead for Guarded {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        let before = buf.filled().len();
        let read = Pin::new(&mut this.stream).poll_read(cx, buf);
        if let Some(timer) = this.speak_by.as_mut() {
            match read {
                Poll::Ready(Ok(())) if buf.filled().len() > before => this.speak_by = None,
                Poll::Pending if timer.as_mut().poll(cx).is_ready() => {
                    ::metrics::counter!(metrics::CONNECTIONS_CLOSED, "reason" => "silent")
                        .increment(1);
                    return Poll::Ready(Err(io::Error::new(
                        io::ErrorKind::TimedOut,
                        "no handshake within the handshake timeout",
                    )));
                }
                _ => {}
            }
        }
        read
    }
}

impl AsyncWrite for Guarded {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }
}

impl Connected for Guarded {
    type ConnectInfo = TcpConnectInfo;

    fn connect_info(&self) -> Self::ConnectInfo {
        self.stream.connect_info()
    }
}

/// How long an accept loop waits after an error that is not one connection's own (EMFILE, ENFILE,
/// ENOBUFS): the process is out of something, and trying again at once would spin a core.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(100);

/// An accept error that ends only the connection being accepted (the peer went away): try the
/// next at once.
fn is_one_connections_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Remembers the last accept error's kind, so that a persistent one (a flood keeping the process
/// at its file limit) is logged once, not at every try.
#[derive(Debug, Default)]
struct AcceptErrors(Option<io::ErrorKind>);

impl AcceptErrors {
    /// Logs `e` if its kind is new, then waits a little unless it was one connection's own.
    async fn pause_after(&mut self, port: &'static str, e: &io::Error) {
        if self.0 != Some(e.kind()) {
            tracing::error!(port, error = %e, "accepting connections failed; backing off");
            self.0 = Some(e.kind());
        }
        if !is_one_connections_error(e) {
            tokio::time::sleep(ACCEPT_BACKOFF).await;
        }
    }

    fn accepted(&mut self) {
        self.0 = None;
    }
}

/// How long an HTTP/1 connection may take to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `router` over HTTP/1 on `listener` (named `port` in the logs) until the task is dropped.
pub async fn serve_http1(listener: TcpListener, router: axum::Router, port: &'static str) {
    let mut errors = AcceptErrors::default();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                errors.pause_after(port, &e).await;
                continue;
            }
        };
        errors.accepted();
        let _ = stream.set_nodelay(true);
        let io = hyper_util::rt::TokioIo::new(stream);
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            if let Err(error) = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(io, service)
                .await
            {
                tracing::debug!(port, %error, "HTTP connection ended");
            }
        });
    }
}

/// The connections `listener` accepts, each guarded; past `max_connections` open, a new one is
/// closed at once.
pub fn accept(
    listener: TcpListener,
    max_connections: usize,
    handshake_timeout: Duration,
) -> impl Stream<Item = io::Result<Guarded>> {
    let slots = Arc::new(Semaphore::new(max_connections.max(1)));
    let errors = Arc::new(tokio::sync::Mutex::new(AcceptErrors::default()));
    // The transport tries the next connection at once after an error: the pause is taken here.
    let accepted = TcpListenerStream::new(listener).then(move |accepted| {
        let errors = Arc::clone(&errors);
        async move {
            let mut errors = errors.lock().await;
            match &accepted {
                Ok(_) => errors.accepted(),
                Err(e) => errors.pause_after("grpc", e).await,
            }
            accepted
        }
    });
    accepted.filter_map(move |accepted| {
        let slot = Arc::clone(&slots).try_acquire_owned();
        let guarded = accepted.and_then(|stream| {
            // Small replies must not wait for delayed ACKs (Nagle): 40 ms per call otherwise.
            stream.set_nodelay(true)?;
            Ok(stream)
        });
        let next = match (guarded, slot) {
            (Ok(stream), Ok(slot)) => Some(Ok(Guarded {
                stream,
                speak_by: Some(Box::pin(tokio::time::sleep(handshake_timeout))),
                _slot: slot,
            })),
            (Ok(stream), Err(_)) => {
                ::metrics::counter!(metrics::CONNECTIONS_CLOSED, "reason" => "over_limit")
                    .increment(1);
                tracing::warn!(
                    peer = ?stream.peer_addr().ok(),
                    max_connections,
                    "connection closed: the server has as many open as it allows (--max-connections)"
                );
                None
            }
            (Err(e), _) => Some(Err(e)),
        };
        std::future::ready(next)
    })
}
