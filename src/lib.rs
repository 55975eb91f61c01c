//! article-prep turns raw news-article payloads (scraped text, HTML, bytes in any charset) into
//! clean input for summarizers and translators: the article body, metadata, attributed quotes and
//! token-budgeted chunks.
//!
//! - [`pipeline`]: the prep pipeline, a plain synchronous library. Start at [`pipeline::prepare`].
//! - [`api`]: the contract without transport: the proto types, their conversion, the JSON-lines
//!   form, and every status.
//! - [`server`]: the transport: gRPC (tonic), HTTP/JSON and metrics, a thin adapter over the
//!   pipeline through [`api`].
//! - [`cli`]: the command line (`serve`, `prepare`, `batch`, with `--remote` and `--warc`).

pub mod api;
pub mod cli;
pub mod config;
pub mod pipeline;
pub mod server;
pub mod telemetry;
