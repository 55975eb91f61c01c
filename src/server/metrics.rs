//! Prometheus metrics on their own HTTP port (`--metrics-listen`), apart from the gRPC port so
//! that scraping never competes with, or is exposed like, the service.
//!
//! Recorded through the `metrics` facade (no-ops when no exporter is installed, as in the CLI);
//! rendered by `metrics-exporter-prometheus`; routed by axum. The exporter's own `http-listener`
//! is not used: it binds an address of its own per recorder, and a process holds one recorder
//! while tests start several servers, each on an ephemeral port it must report.

use std::sync::OnceLock;
use std::time::Duration;

use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Requests answered, by method and gRPC code.
pub const REQUESTS: &str = "article_prep_requests_total";
/// Time from a request's arrival to its answer, by method.
pub const REQUEST_SECONDS: &str = "article_prep_request_duration_seconds";
/// Payload sizes (text, html or raw bytes).
pub const PAYLOAD_BYTES: &str = "article_prep_payload_bytes";
/// Articles being prepared now.
pub const IN_FLIGHT: &str = "article_prep_in_flight";
/// Articles waiting for a worker now.
pub const QUEUED: &str = "article_prep_queued";
/// Requests refused at once because the queue was full.
pub const SHED: &str = "article_prep_shed_total";
/// Time per pipeline stage, by stage (recorded by the telemetry layer that times stages).
pub use crate::telemetry::STAGE_SECONDS;
/// Requests whose handling panicked (each answered INTERNAL), by where it was caught.
pub const PANICS: &str = "article_prep_panics_total";
/// Connections the server closed itself, by reason (`silent`, `over_limit`).
pub const CONNECTIONS_CLOSED: &str = "article_prep_connections_closed_total";
/// Bytes held for calls in progress (bodies being received, payloads, replies not yet read).
pub const HELD_BYTES: &str = "article_prep_held_bytes";
/// Working memory reserved for the articles in work.
pub const WORKING_BYTES: &str = "article_prep_working_bytes";

const SECONDS_BUCKETS: &[f64] = &[
    0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
    5.0, 10.0, 30.0,
];
const BYTES_BUCKETS: &[f64] = &[1e3, 4e3, 16e3, 64e3, 256e3, 1e6, 4e6, 16e6, 64e6];

/// The process's recorder, installed on first use (one per process: tests start several servers).
///
/// # Errors
/// When another metrics recorder was installed first.
pub fn handle() -> Result<&'static PrometheusHandle, String> {
    static HANDLE: OnceLock<Result<PrometheusHandle, String>> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS_BUCKETS)
                .and_then(|b| {
                    b.set_buckets_for_metric(Matcher::Full(PAYLOAD_BYTES.into()), BYTES_BUCKETS)
                })
                .map_err(|e| e.to_string())?
                .install_recorder()
                .map_err(|e| e.to_string())?;
            describe();
            Ok(handle)
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn describe() {
    metrics::describe_counter!(REQUESTS, "Requests answered, by method and gRPC code.");
    metrics::describe_histogram!(
        REQUEST_SECONDS,
        metrics::Unit::Seconds,
        "Time from a request's arrival to its answer, by method."
    );
    metrics::describe_histogram!(PAYLOAD_BYTES, metrics::Unit::Bytes, "Payload sizes.");
    metrics::describe_gauge!(IN_FLIGHT, "Articles being prepared now.");
    metrics::describe_gauge!(QUEUED, "Articles waiting for a worker now.");
    metrics::describe_counter!(
        SHED,
        "Requests refused at once because the queue was full or the byte budget spent."
    );
    metrics::describe_counter!(
        PANICS,
        "Requests whose handling panicked, each answered INTERNAL, by where it was caught."
    );
    metrics::describe_counter!(
        CONNECTIONS_CLOSED,
        "Connections closed by the server: silent past the handshake timeout, or over the limit."
    );
    metrics::describe_gauge!(
        HELD_BYTES,
        metrics::Unit::Bytes,
        "Bytes held for calls in progress, against --max-held-bytes."
    );
    metrics::describe_gauge!(
        WORKING_BYTES,
        metrics::Unit::Bytes,
        "Working memory reserved for the articles in work, against --max-working-bytes."
    );
    metrics::describe_histogram!(
        STAGE_SECONDS,
        metrics::Unit::Seconds,
        "Time per pipeline stage, by stage."
    );
}

/// Counts a panic caught `where` (`pipeline`, `handler`, `transport`).
pub fn record_panic(place: &'static str) {
    metrics::counter!(PANICS, "where" => place).increment(1);
}

/// The answer to a request whose handling panicked outside the handler (the transport's own
/// steps): counted, and INTERNAL in the form its port speaks, built by `answer`.
pub fn caught_panic<B>(
    panic: &(dyn std::any::Any + Send),
    answer: impl Fn(&tonic::Status) -> http::Response<B>,
) -> http::Response<B> {
    record_panic("transport");
    answer(&crate::api::errors::panicked(
        &crate::api::errors::panic_message(panic),
    ))
}

/// Records one answered request.
pub fn record_request(method: &'static str, code: tonic::Code, elapsed: Duration, bytes: usize) {
    let code = crate::api::codes::code_name(code);
    metrics::counter!(REQUESTS, "method" => method, "code" => code).increment(1);
    metrics::histogram!(REQUEST_SECONDS, "method" => method).record(elapsed.as_secs_f64());
    #[allow(clippy::cast_precision_loss)] // sizes are far below 2^52
    metrics::histogram!(PAYLOAD_BYTES).record(bytes as f64);
}

/// How often histogram samples are folded into their buckets when nobody scrapes.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// Folds recorded histogram samples into their buckets every few seconds. The exporter otherwise
/// keeps every sample until the next scrape: unscraped, the server grew ~10 MB a minute under load.
pub async fn upkeep(handle: &'static PrometheusHandle) {
    let mut every = tokio::time::interval(UPKEEP_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        every.tick().await;
        handle.run_upkeep();
    }
}

/// `GET /metrics` in the Prometheus text format; any other path is a 404 that says where to look.
pub fn router(handle: &'static PrometheusHandle) -> axum::Router {
    axum::Router::new()
        .route(
            "/metrics",
            axum::routing::get(move || async move {
                (
                    [(http::header::CONTENT_TYPE, "text/plain; version=0.0.4")],
                    handle.render(),
                )
            }),
        )
        .fallback(|| async { (http::StatusCode::NOT_FOUND, "metrics are at /metrics\n") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_internal_in_the_form_of_its_port() {
        let panic: Box<dyn std::any::Any + Send> = Box::new("index out of range");
        let response = caught_panic(panic.as_ref(), |s| s.clone().into_http::<String>());
        let header = |name| response.headers().get(name).cloned();
        assert_eq!(
            header("grpc-status"),
            Some(http::HeaderValue::from_static("13"))
        );
        // The panic's words stay in the log.
        assert_eq!(
            header("grpc-message"),
            Some(http::HeaderValue::from_static(
                "internal%20error%20while%20preparing%20the%20article"
            ))
        );
    }
}
