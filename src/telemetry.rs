//! Logging setup: one subscriber for the process, writing to a sink the caller picks.

use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// Default log filter for the server. html5ever reports recoverable markup errors ("foster
/// parenting not implemented") at warn level: normal on real pages, so kept out of the logs.
pub const SERVE_FILTER: &str = "info,html5ever=error";
/// Default log filter for the CLI commands.
pub const CLI_FILTER: &str = "warn,html5ever=error";

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Installs the global subscriber. `RUST_LOG` wins over `default_filter`. Does nothing if one is
/// installed already (tests start several servers in one process).
pub fn init<W>(format: LogFormat, default_filter: &str, sink: W)
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(sink)
        .with_target(false);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}
