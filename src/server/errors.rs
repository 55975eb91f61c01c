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
