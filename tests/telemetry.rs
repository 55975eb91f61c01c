//! The logging setup as the binary installs it (its own test binary: the subscriber is global).
//!
//! Regression guard for the house issue's telemetry finding: the stage-timing layer once left the
//! `log` bridge at TRACE, so html5ever built a debug message for every token it parsed only for
//! the filter to drop it (`batch --threads 1` on 181 pages: 1.38 s against 0.59 s).

use article_prep::telemetry::{self, LogFormat};
use tracing_log::log;

#[test]
fn dependencies_debug_records_are_refused_before_they_are_built_and_stages_are_still_timed() {
    telemetry::init(
        LogFormat::Json,
        tracing_subscriber::EnvFilter::new(telemetry::SERVE_FILTER),
        std::io::sink,
    );
    assert_eq!(log::max_level(), log::LevelFilter::Info);
    assert!(!log::log_enabled!(target: "rustls::client", log::Level::Debug));
    assert!(!log::log_enabled!(target: "any_dependency", log::Level::Trace));
    // The pipeline's stage spans stay on for the stage metric whatever the log lines show.
    assert!(tracing::span_enabled!(target: "article_prep::pipeline", tracing::Level::DEBUG));
}
