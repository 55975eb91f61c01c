//! The one place that builds a gRPC status: for a pipeline error, a refusal of the server's, a
//! bad request line or header, a crawl record that cannot be read, an HTTP route that does not
//! exist. The transports (gRPC, HTTP/JSON, `batch`) only carry what is built here.

use percent_encoding::{AsciiSet, CONTROLS, percent_decode, utf8_percent_encode};
use tonic::{Code, Status};
use tonic_types::{ErrorDetails, StatusExt};

use crate::pipeline::PrepError;

/// Why a request was not run to completion.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Rejection {
    /// Every worker is busy and the queue is full.
    #[error(
        "server is at capacity ({in_flight} articles in progress, {queued} queued); retry with backoff"
    )]
    Overloaded {
        /// Articles running.
        in_flight: usize,
        /// Articles waiting.
        queued: usize,
    },
    /// The bytes the server holds would pass its budget with this payload.
    #[error(transparent)]
    OverBudget(#[from] OverBudget),
    /// The pipeline panicked on this article.
    #[error("pipeline panicked: {0}")]
    Panicked(String),
}

/// Why bytes could not be held.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "server holds {held} bytes for calls in progress (being received, queued, in work, or replies \
     not yet read); {bytes} more would pass its budget of {budget} bytes (--max-held-bytes); \
     retry with backoff"
)]
pub struct OverBudget {
    /// Bytes held now.
    pub held: usize,
    /// The bytes asked for.
    pub bytes: usize,
    /// The budget.
    pub budget: usize,
}

/// The status for a pipeline error: the caller's mistakes name the field, bugs stay opaque.
#[must_use]
pub fn status(err: &PrepError) -> Status {
    match err {
        PrepError::PayloadTooLarge { .. } => Status::resource_exhausted(err.to_string()),
        PrepError::DeadlineExceeded { .. } | PrepError::DeadlineExceededDuring { .. } => {
            Status::deadline_exceeded(err.to_string())
        }
        PrepError::Internal(detail) => {
            tracing::error!(%detail, "pipeline failed");
            Status::internal(err.to_string())
        }
        _ => {
            let message = err.to_string();
            match err.field() {
                Some(field) => invalid_argument_at(field, message),
                None => Status::invalid_argument(message),
            }
        }
    }
}

/// The status for a request the server would not or could not run.
#[must_use]
pub fn rejection(r: &Rejection) -> Status {
    match r {
        Rejection::Overloaded { .. } | Rejection::OverBudget { .. } => {
            Status::resource_exhausted(r.to_string())
        }
        Rejection::Panicked(detail) => panicked(detail),
    }
}

/// The status for a request whose handling panicked: INTERNAL with nothing of its cause (the
/// panic hook logged it, in one line, where it happened); the server (or the batch) goes on.
#[must_use]
pub fn panicked(detail: &str) -> Status {
    tracing::debug!(%detail, "a panic became INTERNAL");
    Status::internal("internal error while preparing the article")
}

/// What a caught panic said, for the log (never for the client).
#[must_use]
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned())
}

/// The status for a request whose time ran out before its article was prepared.
#[must_use]
pub fn deadline_exceeded(budget: std::time::Duration) -> Status {
    Status::deadline_exceeded(format!(
        "deadline of {} ms exceeded before the article was prepared",
        budget.as_millis()
    ))
}

/// The status for a `grpc-timeout` header that is not a gRPC timeout.
#[must_use]
pub fn bad_timeout(value: &str) -> Status {
    Status::invalid_argument(format!(
        "grpc-timeout `{value}` is not a gRPC timeout: 1 to 8 digits and a unit (H, M, S, m, u, n)"
    ))
}

/// The status for a `batch` line that is not a `PrepareRequest` in proto3 JSON, naming the
/// field where reading failed (`raw.data`), if it got that far.
#[must_use]
pub fn unreadable_line(line_number: usize, field: &str, error: &serde_json::Error) -> Status {
    // `.` is the line itself, `?` a key it never got to read.
    if field.is_empty() || field == "." || field == "?" {
        return Status::invalid_argument(format!(
            "line {line_number}: not a PrepareRequest in proto3 JSON: {error}"
        ));
    }
    invalid_argument_at(
        field,
        format!("line {line_number}: not a PrepareRequest in proto3 JSON at {field}: {error}"),
    )
}

/// The status for a `batch` line (or an HTTP body) that reads as JSON but not as a request,
/// where the reader could tell the field and what is wrong with it.
#[must_use]
pub fn misread_line(line_number: usize, field: &str, why: &str) -> Status {
    invalid_argument_at(field, format!("line {line_number}: {why}"))
}

/// INVALID_ARGUMENT with a `google.rpc.BadRequest` naming the field, for clients that act on it.
fn invalid_argument_at(field: &str, message: String) -> Status {
    Status::with_error_details(
        Code::InvalidArgument,
        message.clone(),
        ErrorDetails::with_bad_request_violation(field, message),
    )
}

/// The status for a `batch` line that is not UTF-8 (`at`: the offset of its first bad byte).
#[must_use]
pub fn not_utf8_line(line_number: usize, at: usize) -> Status {
    Status::invalid_argument(format!(
        "line {line_number}: not UTF-8 text (an invalid byte at offset {at}); JSON lines are UTF-8"
    ))
}

/// The status for bytes the server would not hold (its byte budget is spent).
#[must_use]
pub fn over_budget(over: &OverBudget) -> Status {
    Status::resource_exhausted(over.to_string())
}

/// The status for an HTTP request body over the server's limit.
#[must_use]
pub fn body_too_large(limit: usize) -> Status {
    Status::resource_exhausted(format!(
        "request body over {limit} bytes (--max-message-bytes and room for the rest)"
    ))
}

/// The status for an HTTP body that is not a `PrepareRequest` (`message`: why; `field`: the
/// request field at fault, when the reader got that far).
#[must_use]
pub fn unreadable_body(message: &str, field: &str) -> Status {
    let message = format!("body: {message}");
    if field.is_empty() {
        Status::invalid_argument(message)
    } else {
        invalid_argument_at(field, message)
    }
}

/// The status for an HTTP batch whose body holds no request line (an empty file, say).
#[must_use]
pub fn empty_batch() -> Status {
    invalid_argument_at(
        "body",
        "body: no request lines; send PrepareRequest JSON lines, one per line".to_owned(),
    )
}

/// The status for an API path called with the wrong HTTP method.
#[must_use]
pub fn wrong_method(path: &str) -> Status {
    Status::invalid_argument(format!("{path} takes POST"))
}

/// The status for an HTTP path the server does not serve.
#[must_use]
pub fn no_route(path: &str) -> Status {
    Status::not_found(format!(
        "no {path}: POST /v1/prepare or /v1/prepare:batch, or GET / (the inspector)"
    ))
}

/// The status for a crawl archive's record that cannot be read (`record`: its 1-based number);
/// nothing after it is read.
#[must_use]
pub fn unreadable_record(archive: &str, record: usize, why: &str) -> Status {
    Status::invalid_argument(format!(
        "{archive}: record {record}: not a WARC record: {why}; the rest of the archive is not read"
    ))
}

/// The status for a remote server's stream that ended with answers still owed.
#[must_use]
pub fn stream_ended_early() -> Status {
    Status::unavailable("stream ended early")
}

/// A status a remote server reported in a result line, as a status again (to retry or relay it).
#[must_use]
pub fn relayed(code: Code, message: String) -> Status {
    Status::new(code, message)
}

/// The status for a call without the bearer token the server requires.
#[must_use]
pub fn missing_token() -> Status {
    Status::unauthenticated("missing `authorization: Bearer <token>` metadata")
}

/// The status for a call whose bearer token is not the server's.
#[must_use]
pub fn token_refused() -> Status {
    Status::unauthenticated("bearer token not accepted")
}

/// The transport refuses an over-limit message with OUT_OF_RANGE (tonic's decoding and encoding
/// limits; the service itself never answers OUT_OF_RANGE, so the code alone tells); the contract
/// says RESOURCE_EXHAUSTED for anything over a size limit, so the status is rewritten on the way
/// out, its message saying which limit (the whole request: the payload limit plus room for hints
/// and options), and the refusal is logged: the handler never saw the request.
#[must_use]
pub fn oversized_is_resource_exhausted<B>(mut response: http::Response<B>) -> http::Response<B> {
    let headers = response.headers_mut();
    let oversized = headers
        .get("grpc-status")
        .is_some_and(|v| v.as_bytes() == b"11");
    if oversized {
        let transport = headers
            .get("grpc-message")
            .map(|m| {
                percent_decode(m.as_bytes())
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .unwrap_or_default();
        let message = format!(
            "request is over the server's message limit (--max-message-bytes plus 64 KiB for \
             hints and options): {transport}"
        );
        tracing::warn!(outcome = "RESOURCE_EXHAUSTED", message, "refused");
        headers.insert("grpc-status", http::HeaderValue::from_static("8"));
        let encoded = utf8_percent_encode(&message, GRPC_MESSAGE).to_string();
        if let Ok(value) = http::HeaderValue::from_str(&encoded) {
            headers.insert("grpc-message", value);
        }
    }
    response
}

/// `grpc-message` encoding (the gRPC HTTP/2 spec): bytes outside printable ASCII, and `%`.
const GRPC_MESSAGE: &AsciiSet = &CONTROLS.add(b'%');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_server_is_resource_exhausted_with_the_counts() {
        let status = rejection(&Rejection::Overloaded {
            in_flight: 2,
            queued: 32,
        });
        assert_eq!(status.code(), Code::ResourceExhausted);
        assert_eq!(
            status.message(),
            "server is at capacity (2 articles in progress, 32 queued); retry with backoff"
        );
    }

    #[test]
    fn a_panic_is_internal_and_says_nothing_of_its_cause() {
        let status = rejection(&Rejection::Panicked("index out of bounds".into()));
        assert_eq!(
            (status.code(), status.message()),
            (Code::Internal, "internal error while preparing the article")
        );
    }

    #[test]
    fn a_caller_mistake_carries_a_bad_request_naming_the_field() {
        let invalid = super::status(&PrepError::InvalidOption {
            field: "options.chunking.max_tokens",
            reason: "must be at least 16, got 3".into(),
        });
        let violations = invalid
            .get_details_bad_request()
            .map(|b| b.field_violations)
            .unwrap_or_default();
        assert_eq!(
            violations
                .iter()
                .map(|v| (v.field.as_str(), v.description.as_str()))
                .collect::<Vec<_>>(),
            [(
                "options.chunking.max_tokens",
                "options.chunking.max_tokens must be at least 16, got 3"
            )]
        );
        // A deadline is no field's fault: no details.
        let late = super::status(&PrepError::DeadlineExceeded {
            next_stage: "chunk",
        });
        assert!(late.get_details_bad_request().is_none());
    }

    #[test]
    fn caller_mistakes_are_invalid_argument_and_size_is_resource_exhausted() {
        assert_eq!(
            status(&PrepError::MissingPayload).code(),
            Code::InvalidArgument
        );
        let big = status(&PrepError::PayloadTooLarge {
            field: "html",
            size: 10,
            limit: 5,
        });
        assert_eq!(
            (big.code(), big.message()),
            (
                Code::ResourceExhausted,
                "payload html is 10 bytes, over the limit of 5 bytes"
            )
        );
        let bug = status(&PrepError::Internal("detail".into()));
        assert_eq!(
            (bug.code(), bug.message()),
            (Code::Internal, "internal error while preparing the article")
        );
        let held = rejection(&Rejection::OverBudget(OverBudget {
            held: 80,
            bytes: 30,
            budget: 100,
        }));
        assert_eq!(
            (held.code(), held.message()),
            (
                Code::ResourceExhausted,
                "server holds 80 bytes for calls in progress (being received, queued, in work, or \
                 replies not yet read); 30 more would pass its budget of 100 bytes \
                 (--max-held-bytes); retry with backoff"
            )
        );
        let late = super::status(&PrepError::DeadlineExceeded {
            next_stage: "quotes",
        });
        assert_eq!(
            (late.code(), late.message()),
            (
                Code::DeadlineExceeded,
                "deadline exceeded before the quotes stage; the article was not prepared"
            )
        );
        let stopped = status(&PrepError::DeadlineExceededDuring { stage: "chunk" });
        assert_eq!(
            (stopped.code(), stopped.message()),
            (
                Code::DeadlineExceeded,
                "deadline exceeded during the chunk stage; the article was not prepared"
            )
        );
    }

    #[test]
    fn oversized_transport_errors_become_resource_exhausted() {
        let response = http::Response::builder()
            .header("grpc-status", "11")
            .header(
                "grpc-message",
                "Error,%20decoded%20message%20length%20too%20large",
            )
            .body(())
            .map_err(|e| e.to_string());
        let rewritten = response
            .map(oversized_is_resource_exhausted)
            .unwrap_or_else(|e| panic!("{e}"));
        let header = |name| {
            rewritten
                .headers()
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        assert_eq!(header("grpc-status").as_deref(), Some("8"));
        // The transport's words decoded, the new message encoded again by the gRPC spec.
        assert_eq!(
            header("grpc-message").as_deref(),
            Some(
                "request is over the server's message limit (--max-message-bytes plus 64 KiB for \
                 hints and options): Error, decoded message length too large"
            )
        );
    }
}
