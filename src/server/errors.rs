//! The one place that picks a gRPC status for a failure.

use tonic::{Code, Status};

use super::limits::Rejection;
use crate::pipeline::PrepError;

/// The status for a pipeline error: the caller's mistakes name the field, bugs stay opaque.
#[must_use]
pub fn status(err: &PrepError) -> Status {
    match err {
        PrepError::PayloadTooLarge { .. } => Status::resource_exhausted(err.to_string()),
        PrepError::Internal(detail) => {
            tracing::error!(%detail, "pipeline failed");
            Status::internal(err.to_string())
        }
        _ => Status::invalid_argument(err.to_string()),
    }
}

/// The status for a request the server would not or could not run.
#[must_use]
pub fn rejection(r: &Rejection) -> Status {
    match r {
        Rejection::Overloaded { .. } => Status::resource_exhausted(r.to_string()),
        Rejection::Panicked(detail) => {
            tracing::error!(%detail, "pipeline panicked; the request failed, the server goes on");
            Status::internal("internal error while preparing the article")
        }
    }
}

/// The transport refuses an over-limit message with OUT_OF_RANGE; the contract says
/// RESOURCE_EXHAUSTED for anything over a size limit, so the status is rewritten on the way out.
#[must_use]
pub fn oversized_is_resource_exhausted<B>(mut response: http::Response<B>) -> http::Response<B> {
    let headers = response.headers_mut();
    let oversized = headers
        .get("grpc-status")
        .is_some_and(|v| v.as_bytes() == b"11")
        && headers.get("grpc-message").is_some_and(|m| {
            m.to_str().is_ok_and(|m| {
                m.contains("message%20length%20too%20large")
                    || m.contains("message length too large")
            })
        });
    if oversized {
        headers.insert("grpc-status", http::HeaderValue::from_static("8"));
    }
    response
}

/// The canonical upper-case name of a code (`INVALID_ARGUMENT`), as grpcurl and other tools print.
#[must_use]
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

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
        let rewritten = response.map(oversized_is_resource_exhausted);
        assert_eq!(
            rewritten
                .ok()
                .and_then(|r| r.headers().get("grpc-status").cloned()),
            Some(http::HeaderValue::from_static("8"))
        );
    }
}
