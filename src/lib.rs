//! article-prep turns raw news-article payloads (scraped text, HTML, bytes in any charset) into
//! clean input for summarizers and translators: the article body, metadata, attributed quotes and
//! token-budgeted chunks.
//!
//! - [`pipeline`]: the prep pipeline, a plain synchronous library. Start at [`pipeline::prepare`].
//! - [`server`]: the gRPC service (tonic), a thin adapter over the pipeline.
//! - [`cli`]: the command line (`serve`, `prepare`, `batch`).

pub mod cli;
pub mod config;
pub mod pipeline;
pub mod remote;
pub mod server;
pub mod telemetry;
pub mod archive;
