//! The gRPC server: a thin adapter that turns requests into pipeline calls.
//!
//! [`Application::build`] binds the listener (so port 0 works and [`Application::port`] tells
//! the real one); [`Application::run_until_stopped`] serves `ArticlePrep`, health and reflection
//! (v1 and v1alpha) until the shutdown future resolves, then drains in-flight calls.

pub mod convert;
pub mod errors;
pub mod jsonl;
pub mod limits;
pub mod proto;
pub mod service;

use std::future::Future;
use std::net::SocketAddr;

use tokio::net::TcpListener;
use tokio_stream::wrappers::TcpListenerStream;
use tonic::codec::CompressionEncoding;
use tonic::transport::Server;

use crate::config::ServerSettings;
use proto::article_prep_server::ArticlePrepServer;
use service::ArticlePrepService;

/// Bytes a request may carry beyond its payload (id, hints, options).
const REQUEST_HEADROOM: usize = 64 * 1024;

/// A bound, not yet running server.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    settings: ServerSettings,
}

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The listen address could not be bound.
    #[error("cannot listen on {address}: {source}")]
    Bind {
        /// The address.
        address: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// Reflection could not be built from the embedded descriptors.
    #[error("reflection setup failed: {0}")]
    Reflection(#[from] tonic_reflection::server::Error),
    /// The transport failed.
    #[error("server failed: {0}")]
    Transport(#[from] tonic::transport::Error),
}

impl Application {
    /// Binds the listener.
    ///
    /// # Errors
    /// `Bind` when the address is taken or not local.
    pub async fn build(settings: ServerSettings) -> Result<Self, ServerError> {
        let listener =
            TcpListener::bind(settings.listen)
                .await
                .map_err(|source| ServerError::Bind {
                    address: settings.listen,
                    source,
                })?;
        let address = listener.local_addr().map_err(|source| ServerError::Bind {
            address: settings.listen,
            source,
        })?;
        Ok(Self {
            listener,
            address,
            settings,
        })
    }

    /// The port actually bound.
    #[must_use]
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The address actually bound.
    #[must_use]
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until `shutdown` resolves; then health turns NOT_SERVING, new calls are refused and
    /// in-flight calls finish (up to the drain timeout).
    ///
    /// # Errors
    /// When reflection cannot be built or the transport fails.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        let settings = self.settings;
        let service = ArticlePrepService::new(&settings);
        // The payload limit is checked by the service (with a message naming the field); the
        // transport allows room for hints and options on top, and replies repeat the text in
        // chunks and quotes, so they may be several times the payload.
        let max = settings.max_message_bytes;
        let article_prep = ArticlePrepServer::new(service)
            .accept_compressed(CompressionEncoding::Gzip)
            .send_compressed(CompressionEncoding::Gzip)
            .max_decoding_message_size(max.saturating_add(REQUEST_HEADROOM))
            .max_encoding_message_size(max.saturating_mul(8).saturating_add(REQUEST_HEADROOM));
        let (health_reporter, health) = tonic_health::server::health_reporter();
        health_reporter
            .set_serving::<ArticlePrepServer<ArticlePrepService>>()
            .await;
        let reflection_v1 = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1()?;
        let reflection_v1alpha = tonic_reflection::server::Builder::configure()
            .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
            .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
            .build_v1alpha()?;

        let drain = settings.drain_timeout;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let draining = std::sync::Arc::new(tokio::sync::Notify::new());
        let reporter = health_reporter.clone();
        let notify = std::sync::Arc::clone(&draining);
        tokio::spawn(async move {
            shutdown.await;
            tracing::info!("shutting down: health NOT_SERVING, draining in-flight calls");
            reporter
                .set_not_serving::<ArticlePrepServer<ArticlePrepService>>()
                .await;
            let _ = stop_tx.send(());
            notify.notify_one();
        });
        tracing::info!(address = %self.address, "article-prep listening");
        let serve = Server::builder()
            .timeout(settings.request_timeout)
            .layer(tower::util::MapResponseLayer::new(
                errors::oversized_is_resource_exhausted,
            ))
            .add_service(health)
            .add_service(reflection_v1)
            .add_service(reflection_v1alpha)
            .add_service(article_prep)
            .serve_with_incoming_shutdown(TcpListenerStream::new(self.listener), async {
                let _ = stop_rx.await;
            });
        tokio::select! {
            result = serve => result.map_err(ServerError::from),
            () = async { draining.notified().await; tokio::time::sleep(drain).await } => {
                tracing::warn!(?drain, "drain timeout reached; closing remaining calls");
                Ok(())
            }
        }
    }
}
