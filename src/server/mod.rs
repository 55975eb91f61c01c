//! The gRPC server: a thin adapter that turns requests into pipeline calls.
//!
//! [`Application::build`] binds the listener (so port 0 works and [`Application::port`] tells
//! the real one); [`Application::run_until_stopped`] serves `ArticlePrep`, health and reflection
//! (v1 and v1alpha) until the shutdown future resolves, then drains in-flight calls.

mod buffers;
mod connections;
mod http;
mod limits;
mod metrics;
mod service;

pub use limits::SMALL_PAYLOAD_BYTES;
pub use service::Preparer;

use std::future::Future;
use std::net::SocketAddr;

use std::any::Any;

use subtle::ConstantTimeEq;
use tokio::net::TcpListener;
use tonic::codec::CompressionEncoding;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Certificate, Identity, Server, ServerTlsConfig};
use tower_http::catch_panic::CatchPanicLayer;

use crate::api::errors;
use crate::api::proto::{self, article_prep_server::ArticlePrepServer};
use crate::config::{ServerSettings, TlsFiles};
use service::ArticlePrepService;

/// Bytes a request may carry beyond its payload (id, hints, options).
const REQUEST_HEADROOM: usize = 64 * 1024;

/// Streams one HTTP/2 connection may have open at once (the value RFC 9113 recommends as the
/// least): `batch --remote` keeps a few per server; 2,000 half-open ones are an attack.
const MAX_STREAMS_PER_CONNECTION: u32 = 100;

/// How often an idle connection is pinged, and how long its answer may take before the
/// connection is closed: a peer that vanished stops holding its connection.
const KEEPALIVE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);
const KEEPALIVE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// The calls of a connection past its maximum age finish within this much longer.
const CONNECTION_AGE_GRACE: std::time::Duration = std::time::Duration::from_secs(30);

/// A bound, not yet running server.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    metrics: Option<(TcpListener, SocketAddr)>,
    http: Option<(TcpListener, SocketAddr)>,
    tls: Option<ServerTlsConfig>,
    auth: BearerToken,
    settings: ServerSettings,
    preparer: Preparer,
}

impl std::fmt::Debug for Application {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Application")
            .field("address", &self.address)
            .field("metrics", &self.metrics.as_ref().map(|(_, a)| a))
            .field("http", &self.http.as_ref().map(|(_, a)| a))
            .field("tls", &self.tls.is_some())
            .field("auth", &self.auth.0.is_some())
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

/// The bearer token calls must carry, if one is configured. Checked by an interceptor.
#[derive(Clone, Default)]
struct BearerToken(Option<std::sync::Arc<str>>);

impl BearerToken {
    fn check(&self, request: tonic::Request<()>) -> Result<tonic::Request<()>, tonic::Status> {
        let Some(token) = &self.0 else {
            return Ok(request);
        };
        let presented = request
            .metadata()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        match presented {
            // Compared without an early exit, so timing does not tell how much of a guess was
            // right.
            Some(p) if bool::from(p.as_bytes().ct_eq(token.as_bytes())) => Ok(request),
            Some(_) => Err(errors::token_refused()),
            None => Err(errors::missing_token()),
        }
    }
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
    /// A TLS or token file could not be read.
    #[error("cannot read {path}: {source}")]
    File {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The metrics recorder could not be installed.
    #[error("metrics: {0}")]
    Metrics(String),
}

fn read(path: &std::path::Path) -> Result<Vec<u8>, ServerError> {
    std::fs::read(path).map_err(|source| ServerError::File {
        path: path.to_owned(),
        source,
    })
}

fn tls_config(files: &TlsFiles) -> Result<ServerTlsConfig, ServerError> {
    let identity = Identity::from_pem(read(&files.cert)?, read(&files.key)?);
    let mut config = ServerTlsConfig::new().identity(identity);
    if let Some(ca) = &files.client_ca {
        config = config.client_ca_root(Certificate::from_pem(read(ca)?));
    }
    Ok(config)
}

impl Application {
    /// Binds the listener.
    ///
    /// # Errors
    /// `Bind` when the address is taken or not local.
    pub async fn build(settings: ServerSettings) -> Result<Self, ServerError> {
        let bind = |address: SocketAddr| async move {
            let listener = TcpListener::bind(address)
                .await
                .map_err(|source| ServerError::Bind { address, source })?;
            let bound = listener
                .local_addr()
                .map_err(|source| ServerError::Bind { address, source })?;
            Ok::<_, ServerError>((listener, bound))
        };
        let (listener, address) = bind(settings.listen).await?;
        let metrics = match settings.metrics_listen {
            Some(address) => Some(bind(address).await?),
            None => None,
        };
        let http = match settings.http_listen {
            Some(address) => Some(bind(address).await?),
            None => None,
        };
        let tls = settings.tls.as_ref().map(tls_config).transpose()?;
        let auth = match &settings.auth_token_file {
            Some(path) => {
                let token = String::from_utf8_lossy(&read(path)?).trim().to_owned();
                if token.is_empty() {
                    return Err(ServerError::File {
                        path: path.clone(),
                        source: std::io::Error::new(std::io::ErrorKind::InvalidData, "empty token"),
                    });
                }
                BearerToken(Some(token.into()))
            }
            None => BearerToken(None),
        };
        // Tens of milliseconds, once: the first request does not pay them.
        crate::pipeline::warm_up();
        Ok(Self {
            listener,
            address,
            metrics,
            http,
            tls,
            auth,
            settings,
            preparer: service::pipeline_preparer(),
        })
    }

    /// Prepares articles with `preparer` instead of the pipeline: the seam tests use to inject
    /// faults (a panic, a slow article) into a real server.
    #[must_use]
    pub fn with_preparer(mut self, preparer: Preparer) -> Self {
        self.preparer = preparer;
        self
    }

    /// The HTTP/JSON address actually bound, when the HTTP API is served.
    #[must_use]
    pub fn http_address(&self) -> Option<SocketAddr> {
        self.http.as_ref().map(|(_, a)| *a)
    }

    /// The metrics address actually bound, when metrics are served.
    #[must_use]
    pub fn metrics_address(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().map(|(_, a)| *a)
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
        let service = ArticlePrepService::new(&settings, self.preparer);
        let budget = std::sync::Arc::clone(service.byte_budget());
        if let Some((listener, address)) = self.http {
            tracing::info!(%address, "HTTP/JSON API at /v1/prepare and /v1/prepare:batch");
            let api = http::HttpApi {
                service: service.clone(),
                auth: self.auth.clone(),
                max_body_bytes: settings.max_message_bytes.saturating_add(REQUEST_HEADROOM),
            };
            tokio::spawn(connections::serve_http1(
                listener,
                http::router(api),
                "http",
            ));
        }
        if let Some((listener, address)) = self.metrics {
            let handle = metrics::handle().map_err(ServerError::Metrics)?;
            tracing::info!(%address, "metrics at /metrics");
            tokio::spawn(connections::serve_http1(
                listener,
                metrics::router(handle),
                "metrics",
            ));
            tokio::spawn(metrics::upkeep(handle));
        }
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
        let reflection_v1 = reflection().build_v1()?;
        let reflection_v1alpha = reflection().build_v1alpha()?;

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
        let auth = self.auth;
        let guarded = move |request| auth.check(request);
        let incoming = connections::accept(
            self.listener,
            settings.max_connections,
            settings.handshake_timeout,
        );
        // Streams one connection may hold open, and dead peers found by keep-alive pings: a
        // client cannot park thousands of half-open calls or silent connections on the server.
        let mut builder = Server::builder()
            .max_concurrent_streams(MAX_STREAMS_PER_CONNECTION)
            .http2_keepalive_interval(Some(KEEPALIVE_INTERVAL))
            .http2_keepalive_timeout(Some(KEEPALIVE_TIMEOUT))
            .max_connection_age(settings.max_connection_age)
            .max_connection_age_grace(CONNECTION_AGE_GRACE)
            .accept_http1(settings.grpc_web);
        if let Some(tls) = self.tls {
            builder = builder.tls_config(tls)?;
        }
        tracing::info!(address = %self.address, tls = settings.tls.is_some(), "article-prep listening");
        // Deadlines are the service's own (DEADLINE_EXCEEDED); the transport's timeout would
        // answer CANCELLED.
        // gRPC-Web is translated first, so that the byte budget, deadlines and errors below
        // see plain gRPC.
        let serve = builder
            .layer(tower::util::option_layer(
                settings.grpc_web.then(grpc_web_cors),
            ))
            .layer(tower::util::option_layer(
                settings.grpc_web.then(tonic_web::GrpcWebLayer::new),
            ))
            .layer(tower::util::MapResponseLayer::new(
                errors::oversized_is_resource_exhausted,
            ))
            .layer(buffers::HeldBytesLayer::new(budget))
            .layer(tower::util::MapRequestLayer::new(service::stamp_arrival))
            // A panic in any step of a call is its INTERNAL, not a reset stream.
            .layer(tower::util::MapResponseLayer::new(
                |response: ::http::Response<_>| response.map(tonic::body::Body::new),
            ))
            .layer(CatchPanicLayer::custom(|panic: Box<dyn Any + Send>| {
                metrics::caught_panic(panic.as_ref(), |status| {
                    status.clone().into_http::<tonic::body::Body>()
                })
            }))
            .add_service(health)
            .add_service(InterceptedService::new(reflection_v1, guarded.clone()))
            .add_service(InterceptedService::new(reflection_v1alpha, guarded.clone()))
            .add_service(InterceptedService::new(article_prep, guarded))
            .serve_with_incoming_shutdown(incoming, async {
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

/// Reflection of our service, health, and the google.rpc error details (so that grpcurl decodes a
/// refusal's BadRequest); built once per reflection version.
fn reflection() -> tonic_reflection::server::Builder<'static> {
    tonic_reflection::server::Builder::configure()
        .register_encoded_file_descriptor_set(proto::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_health::pb::FILE_DESCRIPTOR_SET)
        .register_encoded_file_descriptor_set(tonic_types::pb::FILE_DESCRIPTOR_SET)
}

/// What a browser on another origin needs to call the gRPC port with gRPC-Web: any origin, the
/// headers grpc-web clients send (and the bearer token), and the gRPC status headers readable.
fn grpc_web_cors() -> tower_http::cors::CorsLayer {
    use ::http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName};
    tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([::http::Method::POST, ::http::Method::OPTIONS])
        .allow_headers([
            CONTENT_TYPE,
            AUTHORIZATION,
            HeaderName::from_static("x-grpc-web"),
            HeaderName::from_static("x-user-agent"),
            HeaderName::from_static("grpc-timeout"),
        ])
        .expose_headers([
            HeaderName::from_static("grpc-status"),
            HeaderName::from_static("grpc-message"),
            HeaderName::from_static("grpc-status-details-bin"),
        ])
        .max_age(std::time::Duration::from_secs(24 * 60 * 60))
}
