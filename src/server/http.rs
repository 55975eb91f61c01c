//! HTTP/JSON beside gRPC (`serve --http-listen`), for curl, browsers and languages without a gRPC
//! stack: `POST /v1/prepare` (a proto3-JSON `PrepareRequest` in, the `PreparedArticle` out),
//! `POST /v1/prepare:batch` (JSON Lines in, one `PrepareResult` line per line out, in order,
//! streamed as they are ready), and
//! at `/` the inspector, a page where one pastes or drops an article and sees what was kept, what
//! was removed and why, the quotes with their speakers and the chunks.
//! Calls go through the gRPC service itself, so limits, admission, the token, metrics and errors
//! are the same; a gRPC status becomes the HTTP code the usual way, the JSON error carrying the
//! code, its name and the message.

use std::convert::Infallible;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, Limited, StreamBody};
use hyper::{Method, Request, Response, StatusCode};
use tokio::net::TcpListener;
use tonic::Code;

use super::proto::article_prep_server::ArticlePrep;
use super::service::ArticlePrepService;
use super::{BearerToken, convert, jsonl, proto};

/// What the HTTP side needs: the service, the token, and the largest body it reads.
#[derive(Clone)]
pub(super) struct HttpApi {
    pub(super) service: ArticlePrepService,
    pub(super) auth: BearerToken,
    pub(super) max_body_bytes: usize,
}

/// The inspector page: plain HTML, CSS and JavaScript, no build step.
const INSPECTOR: &str = include_str!("inspector/index.html");

/// How long a connection may take to send its request headers.
const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves the HTTP API on `listener` until the task is dropped.
pub(super) async fn serve(listener: TcpListener, api: HttpApi) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let io = hyper_util::rt::TokioIo::new(stream);
        let api = api.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let api = api.clone();
                async move { Ok::<_, Infallible>(api.answer(request).await) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEADER_TIMEOUT)
                .serve_connection(io, service)
                .await;
        });
    }
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

/// A reply: a whole body, or the lines of a batch as they are ready.
type Reply = Response<UnsyncBoxBody<Bytes, Infallible>>;

fn whole(body: Bytes) -> UnsyncBoxBody<Bytes, Infallible> {
    Full::new(body).boxed_unsync()
}

fn json(code: StatusCode, body: String) -> Reply {
    let mut response = Response::new(whole(Bytes::from(body)));
    *response.status_mut() = code;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    response
}

/// The JSON error of a status: `{"id": "", "error": {"code", "codeName", "message"}}`, the shape
/// of an error `PrepareResult`.
fn error(status: &tonic::Status) -> Reply {
    let result = convert::error_result(String::new(), status);
    json(http_code(status.code()), jsonl::render(&result))
}

impl HttpApi {
    async fn answer(&self, request: Request<hyper::body::Incoming>) -> Reply {
        let route = (request.method().clone(), request.uri().path().to_owned());
        if route.0 == Method::GET && route.1 == "/" {
            // The page itself asks for nothing; its calls to /v1/prepare carry the token.
            let mut page = Response::new(whole(Bytes::from_static(INSPECTOR.as_bytes())));
            page.headers_mut().insert(
                hyper::header::CONTENT_TYPE,
                hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
            );
            return page;
        }
        let (parts, body) = request.into_parts();
        let mut metadata = tonic::metadata::MetadataMap::from_headers(parts.headers);
        // HTTP clients have no gRPC deadline; the server's maximum applies.
        metadata.remove("grpc-timeout");
        if let Err(status) = self.auth.check(tonic::Request::from_parts(
            metadata.clone(),
            Default::default(),
            (),
        )) {
            return error(&status);
        }
        let limit = self.max_body_bytes;
        let bytes = match Limited::new(body, limit).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(_) => {
                return error(&tonic::Status::resource_exhausted(format!(
                    "request body over {limit} bytes (--max-message-bytes and room for the rest)"
                )));
            }
        };
        match route {
            (Method::POST, path) if path == "/v1/prepare" => self.prepare(&bytes, metadata).await,
            (Method::POST, path) if path == "/v1/prepare:batch" => self.batch(&bytes, metadata),
            (_, path) if path == "/v1/prepare" || path == "/v1/prepare:batch" => {
                let mut response = error(&tonic::Status::invalid_argument(format!(
                    "{path} takes POST"
                )));
                *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
                response
            }
            (_, path) => error(&tonic::Status::not_found(format!(
                "no {path}: POST /v1/prepare or /v1/prepare:batch, or GET / (the inspector)"
            ))),
        }
    }

    /// One call: a `PrepareRequest` in proto3 JSON → the `PreparedArticle`.
    async fn prepare(&self, body: &[u8], metadata: tonic::metadata::MetadataMap) -> Reply {
        let text = String::from_utf8_lossy(body);
        let request = match jsonl::read_request(1, text.trim(), &[]) {
            Ok(request) => request,
            Err(refused) => {
                let message = refused
                    .outcome
                    .as_ref()
                    .and_then(|o| match o {
                        proto::prepare_result::Outcome::Error(e) => Some(e.message.clone()),
                        proto::prepare_result::Outcome::Article(_) => None,
                    })
                    .unwrap_or_default();
                let message = message.strip_prefix("line 1: ").unwrap_or(&message);
                return error(&tonic::Status::invalid_argument(format!("body: {message}")));
            }
        };
        let call = tonic::Request::from_parts(metadata, Default::default(), request);
        match self.service.prepare(call).await {
            Ok(article) => json(
                StatusCode::OK,
                serde_json::to_string(article.get_ref()).unwrap_or_default(),
            ),
            Err(status) => error(&status),
        }
    }

    /// JSON Lines → one `PrepareResult` line per request line, in order, each sent as soon as it
    /// and the ones before it are ready; a bad line is an error line, never the end of the batch.
    fn batch(&self, body: &[u8], metadata: tonic::metadata::MetadataMap) -> Reply {
        let text = String::from_utf8_lossy(body);
        let lines: Vec<(usize, String)> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (n + 1, l.to_owned()))
            .collect();
        let in_flight = self.service.stream_in_flight();
        let service = self.service.clone();
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
                    Ok::<_, Infallible>(hyper::body::Frame::data(Bytes::from(line)))
                }
            })
            .buffered(in_flight);
        let mut response = Response::new(StreamBody::new(results).boxed_unsync());
        response.headers_mut().insert(
            hyper::header::CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("application/x-ndjson"),
        );
        response
    }
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
