//! The `ArticlePrep` service: convert → admit → run on the blocking pool → convert.

use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{FutureExt, Stream, StreamExt};
use tonic::metadata::MetadataMap;
use tonic::{Request, Response, Status, Streaming};
use tracing::Instrument;

use super::buffers::ByteBudget;
use super::limits::Admission;
use super::metrics;
use crate::api::convert::{self, Job};
use crate::api::proto::{self, article_prep_server::ArticlePrep};
use crate::api::{codes, errors};
use crate::config::ServerSettings;
use crate::pipeline::{self, Deadline, Hints, Input, Options, PrepError, Prepared};

/// What prepares one article: the pipeline, or in a test a stand-in that misbehaves on purpose.
pub type Preparer =
    Arc<dyn Fn(Input, &Hints, &Options, Deadline) -> Result<Prepared, PrepError> + Send + Sync>;

/// The service state: the admission gate, the limits and the preparer.
#[derive(Clone)]
pub struct ArticlePrepService {
    admission: Arc<Admission>,
    budget: Arc<ByteBudget>,
    max_payload_bytes: usize,
    stream_in_flight: usize,
    request_timeout: Duration,
    preparer: Preparer,
}

impl std::fmt::Debug for ArticlePrepService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArticlePrepService")
            .field("admission", &self.admission)
            .field("max_payload_bytes", &self.max_payload_bytes)
            .field("stream_in_flight", &self.stream_in_flight)
            .field("request_timeout", &self.request_timeout)
            .finish_non_exhaustive()
    }
}

/// The pipeline itself, as a [`Preparer`].
#[must_use]
pub fn pipeline_preparer() -> Preparer {
    Arc::new(pipeline::prepare_within)
}

/// When a request's headers arrived (put there by [`stamp_arrival`]).
#[derive(Debug, Clone, Copy)]
pub struct Arrived(pub Instant);

/// Stamps a request with its arrival, before its message is read: the transport layer's first
/// step.
pub fn stamp_arrival<B>(mut request: http::Request<B>) -> http::Request<B> {
    request.extensions_mut().insert(Arrived(Instant::now()));
    request
}

/// A client's deadline is answered a little early, so that the client sees the server's
/// DEADLINE_EXCEEDED rather than its own timer (or the transport's CANCELLED).
const DEADLINE_MARGIN: Duration = Duration::from_millis(5);

impl ArticlePrepService {
    /// A service with the settings' limits, preparing articles with `preparer`.
    #[must_use]
    pub fn new(settings: &ServerSettings, preparer: Preparer) -> Self {
        let budget = ByteBudget::new(settings.max_held_bytes);
        Self {
            admission: Arc::new(Admission::new(
                settings.max_concurrent,
                settings.max_queued,
                Arc::clone(&budget),
                settings.max_working_bytes,
            )),
            budget,
            max_payload_bytes: settings.max_message_bytes,
            stream_in_flight: settings.stream_in_flight.max(1),
            request_timeout: settings.request_timeout,
            preparer,
        }
    }

    /// The byte budget of the server this service runs in: its admission gate holds payloads
    /// against it, and the transport layer bodies being received and replies being sent.
    #[must_use]
    pub fn byte_budget(&self) -> &Arc<ByteBudget> {
        &self.budget
    }

    /// Articles of one stream in flight at once.
    #[must_use]
    pub fn stream_in_flight(&self) -> usize {
        self.stream_in_flight
    }

    /// The time a request may take: the server's maximum, or the client's `grpc-timeout` when
    /// that is shorter.
    ///
    /// # Errors
    /// INVALID_ARGUMENT naming the header when `grpc-timeout` is not a gRPC timeout (the default
    /// would silently replace what the client asked for).
    fn budget(&self, metadata: &MetadataMap) -> Result<Duration, Status> {
        let Some(value) = metadata.get("grpc-timeout") else {
            return Ok(self.request_timeout);
        };
        let client = value
            .to_str()
            .ok()
            .and_then(parse_grpc_timeout)
            .ok_or_else(|| errors::bad_timeout(value.to_str().unwrap_or("(not ASCII)")))?;
        let client = client.saturating_sub(DEADLINE_MARGIN.min(client / 10));
        Ok(client.min(self.request_timeout))
    }

    /// Prepares one request within `budget`, logging one line with its id, size, outcome and
    /// duration. When the budget runs out the work is abandoned: a request still queued never
    /// runs; one already running stops before its next stage, freeing its worker.
    async fn handle(
        &self,
        request: proto::PrepareRequest,
        method: &'static str,
        budget: Duration,
        arrived: Instant,
    ) -> Result<proto::PreparedArticle, Status> {
        let started = Instant::now();
        let (kind, bytes) = payload_summary(&request);
        let span = tracing::info_span!("prepare", id = %request.id, payload = kind, bytes);
        async move {
            let due = arrived.checked_add(budget).unwrap_or(started);
            let deadline = Deadline::at(due);
            // A panic in the handler's own steps (reading options and hints, converting the
            // answer) is this request's INTERNAL, logged and counted like any answer.
            let run = AssertUnwindSafe(self.run(request, deadline)).catch_unwind();
            let outcome = match tokio::time::timeout_at(due.into(), run).await {
                Ok(Ok(outcome)) => outcome,
                Ok(Err(panic)) => {
                    metrics::record_panic("handler");
                    Err(errors::panicked(&errors::panic_message(panic.as_ref())))
                }
                Err(_) => Err(errors::deadline_exceeded(budget)),
            };
            let elapsed = started.elapsed();
            // Microseconds are the clock's resolution worth logging: `0.035`, not `0.0345560…`.
            let duration_ms = (elapsed.as_secs_f64() * 1e6).round() / 1e3;
            match &outcome {
                Ok(a) => tracing::info!(
                    outcome = "ok",
                    duration_ms,
                    chars = a.text.len(),
                    quotes = a.quotes.len(),
                    chunks = a.chunks.len(),
                    "prepared"
                ),
                Err(s) => tracing::warn!(
                    outcome = codes::code_name(s.code()),
                    duration_ms,
                    message = s.message(),
                    "refused"
                ),
            }
            let code = outcome
                .as_ref()
                .map_or_else(Status::code, |_| tonic::Code::Ok);
            metrics::record_request(method, code, elapsed, bytes);
            outcome
        }
        .instrument(span)
        .await
    }

    async fn run(
        &self,
        request: proto::PrepareRequest,
        deadline: Deadline,
    ) -> Result<proto::PreparedArticle, Status> {
        let (_, bytes) = payload_summary(&request);
        let job =
            Job::from_proto(request, self.max_payload_bytes).map_err(|e| errors::status(&e))?;
        let preparer = Arc::clone(&self.preparer);
        let done = self
            .admission
            .run(bytes, move || {
                let (unit, fields) = (job.options.offset_unit, job.fields);
                preparer(job.input, &job.hints, &job.options, deadline)
                    .map(|p| convert::article(job.id, p, unit, fields))
            })
            .await
            .map_err(|r| errors::rejection(&r))?;
        done.map_err(|e| errors::status(&e))
    }
}

/// `grpc-timeout`: up to 8 digits and a unit (H, M, S, m, u, n), per the gRPC HTTP/2 protocol.
fn parse_grpc_timeout(value: &str) -> Option<Duration> {
    let digits = value.get(..value.len().checked_sub(1)?)?;
    if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    Some(match value.as_bytes().last()? {
        b'H' => Duration::from_secs(n * 3600),
        b'M' => Duration::from_secs(n * 60),
        b'S' => Duration::from_secs(n),
        b'm' => Duration::from_millis(n),
        b'u' => Duration::from_micros(n),
        b'n' => Duration::from_nanos(n),
        _ => return None,
    })
}

fn payload_summary(request: &proto::PrepareRequest) -> (&'static str, usize) {
    use proto::prepare_request::Payload;
    match &request.payload {
        Some(Payload::Text(t)) => ("text", t.len()),
        Some(Payload::Html(h)) => ("html", h.len()),
        Some(Payload::Raw(r)) => ("raw", r.data.len()),
        None => ("none", 0),
    }
}

type ResultStream = Pin<Box<dyn Stream<Item = Result<proto::PrepareResult, Status>> + Send>>;

#[tonic::async_trait]
impl ArticlePrep for ArticlePrepService {
    async fn prepare(
        &self,
        request: Request<proto::PrepareRequest>,
    ) -> Result<Response<proto::PreparedArticle>, Status> {
        let budget = self.budget(request.metadata())?;
        // The client's clock started before its message was sent and read: the deadline counts
        // from the request's arrival, not from here.
        let arrived = request
            .extensions()
            .get::<Arrived>()
            .map_or_else(Instant::now, |a| a.0);
        self.handle(request.into_inner(), "Prepare", budget, arrived)
            .await
            .map(Response::new)
    }

    type PrepareStreamStream = ResultStream;

    async fn prepare_stream(
        &self,
        request: Request<Streaming<proto::PrepareRequest>>,
    ) -> Result<Response<Self::PrepareStreamStream>, Status> {
        // The client's deadline bounds the whole stream (the transport enforces it); a malformed
        // one is refused all the same.
        self.budget(request.metadata())?;
        let service = self.clone();
        let in_flight = self.stream_in_flight;
        // Each item gets the server's maximum; the client's deadline bounds the whole stream.
        let budget = self.request_timeout;
        let results = request
            .into_inner()
            .map(move |item| {
                let service = service.clone();
                async move {
                    let request = item?;
                    let id = request.id.clone();
                    Ok(
                        match service
                            .handle(request, "PrepareStream", budget, Instant::now())
                            .await
                        {
                            Ok(article) => convert::article_result(article),
                            Err(status) => convert::error_result(id, &status),
                        },
                    )
                }
            })
            .buffer_unordered(in_flight);
        Ok(Response::new(Box::pin(results)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_timeouts_are_read_in_every_unit() {
        assert_eq!(parse_grpc_timeout("2S"), Some(Duration::from_secs(2)));
        assert_eq!(parse_grpc_timeout("150m"), Some(Duration::from_millis(150)));
        assert_eq!(parse_grpc_timeout("1H"), Some(Duration::from_secs(3600)));
        assert_eq!(
            parse_grpc_timeout("99999999u"),
            Some(Duration::from_micros(99_999_999))
        );
        assert_eq!(parse_grpc_timeout("123456789S"), None);
        assert_eq!(parse_grpc_timeout("S"), None);
        assert_eq!(parse_grpc_timeout("5x"), None);
        assert_eq!(parse_grpc_timeout("+5S"), None);
        assert_eq!(parse_grpc_timeout("-1S"), None);
        assert_eq!(parse_grpc_timeout("1.5S"), None);
        assert_eq!(parse_grpc_timeout(""), None);
    }
}
