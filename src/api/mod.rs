//! The contract without its transport: the generated `articleprep.v1` types, their conversion to
//! and from the pipeline's, the read mask, the JSON-lines form `prepare` and `batch` write, the
//! names of status codes, and the one place a `Status` is built.
//!
//! The server, the command line and the tools all speak through this module; none of them
//! reaches into another's.

pub mod codes;
pub mod convert;
pub mod errors;
pub mod field_mask;
pub mod jsonl;
pub mod proto;
