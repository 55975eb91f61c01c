//! The `ArticlePrep` service: convert → admit → run on the blocking pool → convert.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;

use futures_util::{Stream, StreamExt};
use tonic::{Request, Response, Status, Streaming};
use tracing::Instrument;

use super::convert::{self, Job};
use super::errors;
use super::limits::Admission;
use super::proto::{self, article_prep_server::ArticlePrep};
use crate::config::ServerSettings;
use crate::pipeline;

/// The service state: the admission gate and the limits.
#[derive(Debug, Clone)]
pub struct ArticlePrepService {
    admission: Arc<Admission>,
    max_payload_bytes: usize,
    stream_in_flight: usize,
}

impl ArticlePrepService {
    /// A service with the settings' limits.
    #[must_use]
    pub fn new(settings: &ServerSettings) -> Self {
        Self {
            admission: Arc::new(Admission::new(settings.max_concurrent, settings.max_queued)),
            max_payload_bytes: settings.max_message_bytes,
            stream_in_flight: settings.stream_in_flight.max(1),
        }
    }

    /// Prepares one request, logging one line with its id, size, outcome and duration.
    async fn handle(
        &self,
        request: proto::PrepareRequest,
    ) -> Result<proto::PreparedArticle, Status> {
        let started = Instant::now();
        let (kind, bytes) = payload_summary(&request);
        let span = tracing::info_span!("prepare", id = %request.id, payload = kind, bytes);
        async move {
            let outcome = self.run(request).await;
            let duration_ms = started.elapsed().as_secs_f64() * 1000.0;
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
                    outcome = errors::code_name(s.code()),
                    duration_ms,
                    message = s.message(),
                    "refused"
                ),
            }
            outcome
        }
        .instrument(span)
        .await
    }

    async fn run(&self, request: proto::PrepareRequest) -> Result<proto::PreparedArticle, Status> {
        let job =
            Job::from_proto(request, self.max_payload_bytes).map_err(|e| errors::status(&e))?;
        let done = self
            .admission
            .run(move || {
                let unit = job.options.offset_unit;
                pipeline::prepare(job.input, &job.hints, &job.options)
                    .map(|p| convert::article(job.id, p, unit))
            })
            .await
            .map_err(|r| errors::rejection(&r))?;
        done.map_err(|e| errors::status(&e))
    }
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
        self.handle(request.into_inner()).await.map(Response::new)
    }

    type PrepareStreamStream = ResultStream;

    async fn prepare_stream(
        &self,
        request: Request<Streaming<proto::PrepareRequest>>,
    ) -> Result<Response<Self::PrepareStreamStream>, Status> {
        let service = self.clone();
        let in_flight = self.stream_in_flight;
        let results = request
            .into_inner()
            .map(move |item| {
                let service = service.clone();
                async move {
                    let request = item?;
                    let id = request.id.clone();
                    Ok(match service.handle(request).await {
                        Ok(article) => convert::article_result(article),
                        Err(status) => convert::error_result(id, &status),
                    })
                }
            })
            .buffer_unordered(in_flight);
        Ok(Response::new(Box::pin(results)))
    }
}
