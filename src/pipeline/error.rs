//! `PrepError`: everything that can make a preparation fail, with the values that were wrong.

/// Why an article could not be prepared. Every variant but `Internal` is the caller's doing.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PrepError {
    /// No payload field was set.
    #[error("payload is required: set one of text, html or raw")]
    MissingPayload,
    /// The payload is empty or only white space.
    #[error("payload {field} is empty")]
    EmptyPayload {
        /// The payload field (`text`, `html`, `raw.data`).
        field: &'static str,
    },
    /// The payload is larger than the server accepts.
    #[error("payload {field} is {size} bytes, over the limit of {limit} bytes")]
    PayloadTooLarge {
        /// The payload field.
        field: &'static str,
        /// Its size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// The raw bytes are not text in any charset.
    #[error("raw.data is not text: {reason}")]
    NotText {
        /// What gave it away.
        reason: String,
    },
    /// An option is out of range.
    #[error("{field} {reason}")]
    InvalidOption {
        /// The option's field path, e.g. `options.chunking.max_tokens`.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A hint is malformed.
    #[error("{field} {reason}")]
    InvalidHint {
        /// The hint's field path, e.g. `hints.published_at`.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// The request's time ran out; the work stopped before the named stage.
    #[error("deadline exceeded before the {next_stage} stage; the article was not prepared")]
    DeadlineExceeded {
        /// The stage that did not run.
        next_stage: &'static str,
    },
    /// The request's time ran out while a stage ran (one whose long loops read the clock).
    #[error("deadline exceeded during the {stage} stage; the article was not prepared")]
    DeadlineExceededDuring {
        /// The stage that stopped.
        stage: &'static str,
    },
    /// A bug: the pipeline failed on input it should handle.
    #[error("internal error while preparing the article")]
    Internal(String),
}

impl PrepError {
    /// The request field at fault, as a path (`options.chunking.max_tokens`), where the caller's
    /// request is wrong.
    #[must_use]
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::MissingPayload => Some("payload"),
            Self::EmptyPayload { field }
            | Self::PayloadTooLarge { field, .. }
            | Self::InvalidOption { field, .. }
            | Self::InvalidHint { field, .. } => Some(field),
            Self::NotText { .. } => Some("raw.data"),
            Self::DeadlineExceeded { .. }
            | Self::DeadlineExceededDuring { .. }
            | Self::Internal(_) => None,
        }
    }
}
