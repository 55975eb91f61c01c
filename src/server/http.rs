//! HTTP/JSON beside gRPC (`serve --http-listen`), for curl, browsers and languages without a gRPC
//! stack: `POST /v1/prepare` (a proto3-JSON `PrepareRequest` in, the `PreparedArticle` out),
//! `POST /v1/prepare:batch` (JSON Lines in, one `PrepareResult` line per line out, in order,
//! streamed as they are ready), and
//! at `/` the inspector, a page where one pastes or drops an article and sees what was kept, what
//! was removed and why, the quotes with their speakers and the chunks.
//! Calls go through the gRPC service itself, so limits, admission, the token, metrics and errors
//! are the same; a gRPC status becomes the HTTP code the usual way, the JSON error carrying the
//! code, its name and the message.

use std::any::Any;
use std::convert::Infallible;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use futures_util::StreamExt;
use http::{HeaderMap, StatusCode, header};
use tonic::Code;
use tower_http::catch_panic::CatchPanicLayer;

use super::BearerToken;
use super::metrics;
use super::service::ArticlePrepService;
use crate::api::proto::article_prep_server::ArticlePrep;
use crate::api::{convert, errors, jsonl, proto};

/// What the HTTP side needs: the service, the token, and the largest body it reads.
#[derive(Clone)]
pub(super) struct HttpApi {
    pub(super) service: ArticlePrepService,
    pub(super) auth: BearerToken,
    pub(super) max_body_bytes: usize,
}

/// The inspector page: plain HTML, CSS and JavaScript, no build step.
const INSPECTOR: &str = include_str!("inspector/index.html");

/// The API's paths.
const PREPARE: &str = "/v1/prepare";
const PREPARE_BATCH: &str = "/v1/prepare:batch";

/// The routes: the inspector at `/`, the two calls, and JSON errors for any other path or method.
pub(super) fn router(api: HttpApi) -> Router {
    Router::new()
        // The page itself asks for nothing; its calls to /v1/prepare carry the token.
        .route("/", get(|| async { Html(INSPECTOR) }).fallback(no_route))
        .route(PREPARE, post(prepare).fallback(wrong_method))
        .route(PREPARE_BATCH, post(batch).fallback(wrong_method))
        .fallback(no_route)
        .with_state(api)
        .layer(CatchPanicLayer::custom(|panic: Box<dyn Any + Send>| {
            metrics::caught_panic(panic.as_ref(), error)
        }))
}

/// The HTTP code for a gRPC status code (the mapping of Google's API guidelines).
#[must_use]
pub fn http_code(code: Code) -> StatusCode {
    match code {
        Code::Ok => StatusCode::OK,
        Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
            StatusCode::BAD_REQUEST
        }
        Code::Unauthenticated => StatusCode::UNAUTHORIZED,
        Code::PermissionDenied => StatusCode::FORBIDDEN,
        Code::NotFound => StatusCode::NOT_FOUND,
        Code::AlreadyExists | Code::Aborted => StatusCode::CONFLICT,
        Code::ResourceExhausted => StatusCode::TOO_MANY_REQUESTS,
        // 499, "client closed request", has no constant.
        Code::Cancelled => StatusCode::from_u16(499).unwrap_or(StatusCode::BAD_REQUEST),
        Code::Unimplemented => StatusCode::NOT_IMPLEMENTED,
        Code::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        Code::DeadlineExceeded => StatusCode::GATEWAY_TIMEOUT,
        Code::Internal | Code::Unknown | Code::DataLoss => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn json(code: StatusCode, body: String) -> Response {
    (code, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// The JSON error of a status: `{"id": "", "error": {"code", "codeName", "message"}}`, the shape
/// of an error `PrepareResult`.
fn error(status: &tonic::Status) -> Response {
    let result = convert::error_result(String::new(), status);
    json(http_code(status.code()), jsonl::render(&result))
}

async fn no_route(request: Request) -> Response {
    error(&errors::no_route(request.uri().path()))
}

async fn wrong_method(request: Request) -> Response {
    let mut response = error(&errors::wrong_method(request.uri().path()));
    *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
    response
}

impl HttpApi {
    /// The call's metadata, if its token is accepted, and its body read up to the limit: the
    /// token is checked before a byte of the body is read.
    async fn admit(
        &self,
        headers: HeaderMap,
        body: Body,
    ) -> Result<(tonic::metadata::MetadataMap, Bytes), Response> {
        let mut metadata = tonic::metadata::MetadataMap::from_headers(headers);
        // HTTP clients have no gRPC deadline; the server's maximum applies.
        metadata.remove("grpc-timeout");
        self.auth
            .check(tonic::Request::from_parts(
                metadata.clone(),
                Default::default(),
                (),
            ))
            .map_err(|status| error(&status))?;
        let limit = self.max_body_bytes;
        let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
            // RESOURCE_EXHAUSTED as every size limit is, but 413 as HTTP says a body too large.
            let mut response = error(&errors::body_too_large(limit));
            *response.status_mut() = StatusCode::PAYLOAD_TOO_LARGE;
            response
        })?;
        Ok((metadata, bytes))
    }
}

/// One call: a `PrepareRequest` in proto3 JSON → the `PreparedArticle`.
async fn prepare(State(api): State<HttpApi>, headers: HeaderMap, body: Body) -> Response {
    let (metadata, body) = match api.admit(headers, body).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let text = String::from_utf8_lossy(&body);
    let request = match jsonl::read_request(1, text.trim(), &[]) {
        Ok(request) => request,
        Err(refused) => {
            let (message, field) = match refused.outcome {
                Some(proto::prepare_result::Outcome::Error(e)) => (e.message, e.field),
                _ => (String::new(), String::new()),
            };
            let message = message.strip_prefix("line 1: ").unwrap_or(&message);
            return error(&errors::unreadable_body(message, &field));
        }
    };
    let call = tonic::Request::from_parts(metadata, Default::default(), request);
    match api.service.prepare(call).await {
        Ok(article) => json(
            StatusCode::OK,
            serde_json::to_string(article.get_ref()).unwrap_or_default(),
        ),
        Err(status) => error(&status),
    }
}

/// JSON Lines → one `PrepareResult` line per request line, in order, each sent as soon as it and
/// the ones before it are ready; a bad line is an error line, never the end of the batch.
async fn batch(State(api): State<HttpApi>, headers: HeaderMap, body: Body) -> Response {
    let (metadata, body) = match api.admit(headers, body).await {
        Ok(admitted) => admitted,
        Err(refused) => return refused,
    };
    let text = String::from_utf8_lossy(&body);
    let lines: Vec<(usize, String)> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| (n + 1, l.to_owned()))
        .collect();
    if lines.is_empty() {
        return error(&errors::empty_batch());
    }
    let in_flight = api.service.stream_in_flight();
    let service = api.service;
    let results = futures_util::stream::iter(lines)
        .map(move |(n, line)| {
            let (service, metadata) = (service.clone(), metadata.clone());
            async move {
                let result = match jsonl::read_request(n, &line, &[]) {
                    Err(refused) => *refused,
                    Ok(request) => {
                        let id = request.id.clone();
                        let call =
                            tonic::Request::from_parts(metadata, Default::default(), request);
                        match service.prepare(call).await {
                            Ok(article) => convert::article_result(article.into_inner()),
                            Err(status) => convert::error_result(id, &status),
                        }
                    }
                };
                let mut line = jsonl::render(&result);
                line.push('\n');
                Ok::<_, Infallible>(Bytes::from(line))
            }
        })
        .buffered(in_flight);
    (
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::from_stream(results),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grpc_codes_map_to_the_usual_http_codes() {
        assert_eq!(http_code(Code::InvalidArgument), StatusCode::BAD_REQUEST);
        assert_eq!(
            http_code(Code::ResourceExhausted),
            StatusCode::TOO_MANY_REQUESTS
        );
        assert_eq!(http_code(Code::Unauthenticated), StatusCode::UNAUTHORIZED);
        assert_eq!(
            http_code(Code::DeadlineExceeded),
            StatusCode::GATEWAY_TIMEOUT
        );
        assert_eq!(http_code(Code::Cancelled).as_u16(), 499);
        assert_eq!(http_code(Code::Internal), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
