//! Logging setup: one subscriber for the process, writing to a sink the caller picks.

use std::io::IsTerminal;
use std::time::Instant;

use tracing::span;
use tracing_log::{AsLog, LogTracer};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::{EnvFilter, Layer};

/// The histogram each pipeline stage's time goes to, by stage, wherever a metrics recorder is
/// installed (the server's; the command line has none, so there it costs nothing).
pub const STAGE_SECONDS: &str = "article_prep_stage_duration_seconds";

/// Default log filter for the server.
pub const SERVE_FILTER: &str = "info";
/// Default log filter for the CLI commands.
pub const CLI_FILTER: &str = "warn";

/// The log lines' filter: `RUST_LOG` when it is set and valid, else `default`.
#[must_use]
pub fn filter(default: &str) -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default))
}

/// How log lines look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Pretty,
    /// One JSON object per line.
    Json,
}

/// Installs the global subscriber: log lines filtered by `filter` (see [`filter`]),
/// and the pipeline's stage spans timed into the stage metric whatever the log level. Does
/// nothing if one is installed already (tests start several servers in one process).
///
/// Dependencies that log through the `log` crate (rustls; html5ever, our parser once, wrote a
/// debug record for every token it parsed) are bridged only up to the most verbose level the log
/// lines show, so their records
/// below it are refused by `log`'s own level check before any of their arguments are built.
/// The stage spans are ours and need no `log` records: the bridge's level is never theirs.
pub fn init<W>(format: LogFormat, filter: EnvFilter, sink: W)
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    let bridged = filter.max_level_hint().unwrap_or(LevelFilter::TRACE);
    // Colour codes only on a terminal: a log file or a collector reading stderr gets plain text.
    let lines = tracing_subscriber::fmt::layer()
        .with_writer(sink)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    let lines = match format {
        LogFormat::Pretty => lines.boxed(),
        LogFormat::Json => lines.json().flatten_event(true).boxed(),
    };
    let stages = StageTimings.with_filter(
        tracing_subscriber::filter::filter_fn(|meta| {
            meta.is_span() && meta.target().starts_with("article_prep::pipeline")
        })
        .with_max_level_hint(STAGE_SPAN_LEVEL),
    );
    let subscriber = tracing_subscriber::registry()
        .with(lines.with_filter(filter))
        .with(stages);
    if tracing::subscriber::set_global_default(subscriber).is_ok() {
        let _ = LogTracer::builder().with_max_level(bridged.as_log()).init();
    }
    log_panics();
}

/// Panics are logged as one error line (what it said and where, inside the request's span when
/// it happened in one), instead of the default hook's text and backtrace on stderr: every panic
/// a request can reach is caught and answered INTERNAL, so it is an event, not a crash.
fn log_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = crate::api::errors::panic_message(info.payload());
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(panic = %message, at, "panicked; the request gets INTERNAL");
    }));
}

/// The level of the pipeline's stage spans (`debug_span!`).
const STAGE_SPAN_LEVEL: LevelFilter = LevelFilter::DEBUG;

/// Records how long each pipeline stage span was open, as `article_prep_stage_duration_seconds`.
struct StageTimings;

struct Opened(Instant);

impl<S> Layer<S> for StageTimings
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, _: &span::Attributes<'_>, id: &span::Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(Opened(Instant::now()));
        }
    }

    fn on_close(&self, id: span::Id, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(&id)
            && let Some(Opened(at)) = span.extensions().get::<Opened>()
        {
            metrics::histogram!(
                STAGE_SECONDS,
                "stage" => span.metadata().name()
            )
            .record(at.elapsed().as_secs_f64());
        }
    }
}
