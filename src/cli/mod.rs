//! The command line: `serve`, `prepare`, `batch`. Flags are parsed here into settings and
//! pipeline options; every serve flag can also come from an `ARTICLE_PREP_*` environment variable.

pub mod remote;
pub mod warc;

use std::io::{IsTerminal, Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::api::convert::{self, Fields};
use crate::api::{codes, errors, jsonl, proto};
use crate::config::{Seconds, ServerSettings, TlsFiles};
use crate::pipeline::{
    ChunkBudget, Hints, Input, MinSpeakerConfidence, OffsetUnit, Options, PrepError, QuoteStyle,
    TextFormat, Tokenizer,
};
use crate::telemetry::LogFormat;

/// article-prep: clean article text, metadata, quotes and chunks from raw news payloads.
#[derive(Debug, Parser)]
#[command(name = "article-prep", version, about)]
pub struct Cli {
    /// Log format.
    #[arg(long, global = true, env = "ARTICLE_PREP_LOG_FORMAT", value_enum, default_value_t = LogFormat::Pretty)]
    pub log_format: LogFormat,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the gRPC server.
    Serve(Box<ServeArgs>),
    /// Prepare one article from a file (or `-` for stdin) and print it as proto3 JSON.
    Prepare(PrepareArgs),
    /// Read PrepareRequest JSON lines on stdin, write PrepareResult JSON lines on stdout, in order.
    Batch(BatchArgs),
}

/// `serve` flags.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ARTICLE_PREP_LISTEN", default_value_t = ServerSettings::DEFAULT_LISTEN)]
    pub listen: SocketAddr,
    /// Articles prepared at once (default: twice the core count).
    #[arg(long, env = "ARTICLE_PREP_MAX_CONCURRENT")]
    pub max_concurrent: Option<usize>,
    /// Articles waiting beyond those before the server answers RESOURCE_EXHAUSTED.
    #[arg(long, env = "ARTICLE_PREP_MAX_QUEUED")]
    pub max_queued: Option<usize>,
    /// Largest payload (text, html or raw.data) of a request, bytes.
    #[arg(long, env = "ARTICLE_PREP_MAX_MESSAGE_BYTES", default_value_t = ServerSettings::DEFAULT_MAX_MESSAGE_BYTES)]
    pub max_message_bytes: usize,
    /// Bytes held for calls at once (bodies being received, payloads queued or in work, replies
    /// not yet read); past it RESOURCE_EXHAUSTED.
    #[arg(long, env = "ARTICLE_PREP_MAX_HELD_BYTES", default_value_t = ServerSettings::DEFAULT_MAX_HELD_BYTES)]
    pub max_held_bytes: usize,
    /// Working memory of the articles in work, bytes: each reserves 100 times its payload (at
    /// most all of it) before it runs, waiting in the queue while the memory is taken.
    #[arg(long, env = "ARTICLE_PREP_MAX_WORKING_BYTES", default_value_t = ServerSettings::DEFAULT_MAX_WORKING_BYTES)]
    pub max_working_bytes: usize,
    /// Longest a request may take, seconds.
    #[arg(long, env = "ARTICLE_PREP_REQUEST_TIMEOUT", default_value_t = Seconds(ServerSettings::DEFAULT_REQUEST_TIMEOUT))]
    pub request_timeout: Seconds,
    /// How long shutdown waits for in-flight calls, seconds.
    #[arg(long, env = "ARTICLE_PREP_DRAIN_TIMEOUT", default_value_t = Seconds(ServerSettings::DEFAULT_DRAIN_TIMEOUT))]
    pub drain_timeout: Seconds,
    /// Age at which a client connection is asked to reconnect (HTTP/2 GOAWAY), seconds: long-lived
    /// clients then spread over servers added since.
    #[arg(long, env = "ARTICLE_PREP_MAX_CONNECTION_AGE", default_value_t = Seconds(ServerSettings::DEFAULT_MAX_CONNECTION_AGE))]
    pub max_connection_age: Seconds,
    /// Client connections open at once; more are closed as they arrive.
    #[arg(long, env = "ARTICLE_PREP_MAX_CONNECTIONS", default_value_t = ServerSettings::DEFAULT_MAX_CONNECTIONS)]
    pub max_connections: usize,
    /// Time a new connection has to send its first bytes, seconds.
    #[arg(long, env = "ARTICLE_PREP_HANDSHAKE_TIMEOUT", default_value_t = Seconds(ServerSettings::DEFAULT_HANDSHAKE_TIMEOUT))]
    pub handshake_timeout: Seconds,
    /// Serve the HTTP/JSON API at this address too (`POST /v1/prepare`, `POST
    /// /v1/prepare:batch`), with the same limits, token and errors.
    #[arg(long, env = "ARTICLE_PREP_HTTP_LISTEN")]
    pub http_listen: Option<SocketAddr>,
    /// Answer gRPC-Web on the gRPC port too (HTTP/1.1 or HTTP/2, CORS allowed), so that a
    /// browser's grpc-web client needs no proxy.
    #[arg(long, env = "ARTICLE_PREP_GRPC_WEB")]
    pub grpc_web: bool,
    /// Serve Prometheus metrics over HTTP at this address (`/metrics`).
    #[arg(long, env = "ARTICLE_PREP_METRICS_LISTEN")]
    pub metrics_listen: Option<SocketAddr>,
    /// TLS certificate chain (PEM); with `--tls-key`, the gRPC port speaks TLS only.
    #[arg(long, env = "ARTICLE_PREP_TLS_CERT", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// TLS private key (PEM).
    #[arg(long, env = "ARTICLE_PREP_TLS_KEY", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// CA (PEM) that client certificates must be signed by (mutual TLS).
    #[arg(long, env = "ARTICLE_PREP_TLS_CLIENT_CA", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
    /// File holding a bearer token that `ArticlePrep` and reflection calls must carry
    /// (`authorization: Bearer <token>`); health stays open for probes.
    #[arg(long, env = "ARTICLE_PREP_AUTH_TOKEN_FILE")]
    pub auth_token_file: Option<PathBuf>,
}

impl ServeArgs {
    /// The server settings these flags describe.
    #[must_use]
    pub fn settings(&self) -> ServerSettings {
        let defaults = ServerSettings::default();
        ServerSettings {
            listen: self.listen,
            max_concurrent: self
                .max_concurrent
                .unwrap_or(defaults.max_concurrent)
                .max(1),
            max_queued: self.max_queued.unwrap_or(defaults.max_queued),
            max_message_bytes: self.max_message_bytes,
            max_held_bytes: self.max_held_bytes,
            max_working_bytes: self.max_working_bytes,
            request_timeout: self.request_timeout.0,
            drain_timeout: self.drain_timeout.0,
            max_connection_age: self.max_connection_age.0,
            max_connections: self.max_connections,
            handshake_timeout: self.handshake_timeout.0,
            http_listen: self.http_listen,
            grpc_web: self.grpc_web,
            metrics_listen: self.metrics_listen,
            tls: self
                .tls_cert
                .clone()
                .zip(self.tls_key.clone())
                .map(|(cert, key)| TlsFiles {
                    cert,
                    key,
                    client_ca: self.tls_client_ca.clone(),
                }),
            auth_token_file: self.auth_token_file.clone(),
            ..defaults
        }
    }
}

/// The payload kind of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenizerArg {
    /// OpenAI cl100k_base.
    Cl100k,
    /// OpenAI o200k_base.
    O200k,
    /// Words.
    Words,
    /// Characters.
    Characters,
}

/// Offset units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OffsetsArg {
    /// Unicode code points.
    CodePoints,
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units.
    Utf16,
}

/// `prepare` flags.
#[derive(Debug, clap::Args)]
pub struct PrepareArgs {
    /// The file, or `-` for stdin.
    #[arg(default_value = "-")]
    pub file: String,
    /// The payload is HTML.
    #[arg(long, conflicts_with = "text")]
    pub html: bool,
    /// The payload is plain text.
    #[arg(long)]
    pub text: bool,
    /// The article's URL (metadata only).
    #[arg(long)]
    pub url: Option<String>,
    /// Largest chunk in tokens.
    #[arg(long, default_value_t = ChunkBudget::DEFAULT_MAX_TOKENS)]
    pub max_tokens: usize,
    /// Tokens of trailing sentences repeated in the next chunk.
    #[arg(long, default_value_t = 0)]
    pub overlap_tokens: usize,
    /// Token counter.
    #[arg(long, value_enum, default_value_t = TokenizerArg::Cl100k)]
    pub tokenizer: TokenizerArg,
    /// Unit of spans.
    #[arg(long, value_enum, default_value_t = OffsetsArg::CodePoints)]
    pub offsets: OffsetsArg,
    /// The payload is the article already: keep all its text.
    #[arg(long)]
    pub keep_all_text: bool,
    /// Quotation marks in the output text.
    #[arg(long, value_enum, default_value_t = QuoteStyleArg::Keep)]
    pub quote_style: QuoteStyleArg,
    /// The fields wanted (`text,metadata,chunks`): the others come back empty and the work only
    /// they need is not done. Default: all.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,…")]
    pub fields: Vec<String>,
    /// The markup of `text` (and so of every span and chunk).
    #[arg(long, value_enum, default_value_t = FormatArg::Plain)]
    pub format: FormatArg,
    /// With `--format markdown`: keep the body's links as `[text](target)`.
    #[arg(long)]
    pub links: bool,
    /// With `--format markdown`: keep the article's images as `![alt](src "caption")`.
    #[arg(long)]
    pub images: bool,
    /// Leave out speakers the model is less sure of than this (0 to 1; their mention is kept).
    /// Default: the model's, chosen so that at most 5% of quotations get a wrong speaker.
    #[arg(long, value_name = "P")]
    pub min_speaker_confidence: Option<f32>,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Plain paragraphs.
    Plain,
    /// Markdown: headings, lists, block quotes, code, GFM tables.
    Markdown,
}

/// Quote styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum QuoteStyleArg {
    /// As in the payload.
    Keep,
    /// Straight ASCII marks.
    Ascii,
    /// Typographic marks.
    Typographic,
}

/// `batch` flags.
#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Largest payload per line, bytes.
    #[arg(long, default_value_t = ServerSettings::DEFAULT_MAX_MESSAGE_BYTES)]
    pub max_payload_bytes: usize,
    /// Send the work to running servers instead (`host:port[,host:port…]`, or
    /// `dns:///name:port` for every address a name resolves to, looked up again every 30 s):
    /// balanced across them over `PrepareStream`, failed items retried with backoff, output in
    /// input order.
    #[arg(long, value_name = "HOST:PORT[,…]")]
    pub remote: Option<String>,
    /// With `--remote`: the CA (PEM) the servers' TLS certificates are signed by; the servers are
    /// then spoken to over TLS (name them as their certificates do, e.g. `localhost:50051`).
    #[arg(long, requires = "remote")]
    pub remote_ca: Option<PathBuf>,
    /// With `--remote` and `--remote-ca`: this client's certificate (PEM), for servers that
    /// require one.
    #[arg(long, requires_all = ["remote_ca", "remote_key"])]
    pub remote_cert: Option<PathBuf>,
    /// With `--remote`: this client's private key (PEM).
    #[arg(long, requires_all = ["remote_ca", "remote_cert"])]
    pub remote_key: Option<PathBuf>,
    /// With `--remote`: a file holding the bearer token the servers require.
    #[arg(long, requires = "remote")]
    pub remote_token_file: Option<PathBuf>,
    /// Exit with status 0 even when some lines failed (their error lines are in the output).
    #[arg(long)]
    pub allow_failures: bool,
    /// Longest one line's article may take, seconds (`0.5`): past it the line's result is a
    /// DEADLINE_EXCEEDED error and the batch goes on. Default: no limit.
    #[arg(long, value_name = "SECONDS")]
    pub item_timeout: Option<Seconds>,
    /// Read the pages of a crawl archive (`.warc` or `.warc.gz`) instead of JSON lines on stdin:
    /// every HTML or text response record, its URL the id and the URL hint, its HTTP headers
    /// giving the charset; other records are skipped and counted.
    #[arg(long, value_name = "FILE", conflicts_with = "remote")]
    pub warc: Option<PathBuf>,
    /// The fields wanted in each result (`text,metadata,chunks`), for lines without a `readMask`:
    /// the others come back empty and the work only they need is not done. Default: all.
    #[arg(long, value_delimiter = ',', value_name = "FIELD,…")]
    pub fields: Vec<String>,
}

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Reading or writing failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The article was refused.
    #[error(transparent)]
    Prep(#[from] PrepError),
    /// `--remote` was not usable.
    #[error("{0}")]
    Remote(String),
    /// Flags that do nothing together, or a file that holds nothing.
    #[error("{0}")]
    Usage(String),
    /// A worker pool could not be built.
    #[error("cannot start worker threads: {0}")]
    Threads(String),
    /// Some lines of a batch failed (without `--allow-failures`).
    #[error("{failed} of {lines} lines failed (see their error lines; --allow-failures exits 0)")]
    LinesFailed {
        /// Lines whose result is an error.
        failed: usize,
        /// Lines answered.
        lines: usize,
    },
}

/// Where a batch's results go, in order, one line each.
pub trait ResultSink {
    /// Writes `result` as one line of proto3 JSON.
    ///
    /// # Errors
    /// Writing failed.
    fn put(&mut self, result: &proto::PrepareResult) -> std::io::Result<()>;
}

impl<W: Write> ResultSink for W {
    fn put(&mut self, result: &proto::PrepareResult) -> std::io::Result<()> {
        jsonl::write_line(result, self)
    }
}

/// Writes a batch's results and counts them by outcome: the batch's progress, summary and exit
/// status, the same for a local and a remote batch.
struct Tally<W> {
    inner: W,
    prepared: usize,
    failed: std::collections::BTreeMap<&'static str, usize>,
    started: std::time::Instant,
    /// Print a progress line on stderr (a terminal).
    progress: bool,
    last_progress: std::time::Instant,
}

impl<W: Write> Tally<W> {
    fn new(inner: W, progress: bool) -> Self {
        let now = std::time::Instant::now();
        Self {
            inner,
            prepared: 0,
            failed: std::collections::BTreeMap::new(),
            started: now,
            progress,
            last_progress: now,
        }
    }

    fn failures(&self) -> usize {
        self.failed.values().sum()
    }

    fn lines(&self) -> usize {
        self.prepared + self.failures()
    }

    fn report_progress(&mut self) {
        if !self.progress || self.last_progress.elapsed() < std::time::Duration::from_millis(200) {
            return;
        }
        self.last_progress = std::time::Instant::now();
        let rate = self.lines() as f64 / self.started.elapsed().as_secs_f64().max(1e-9);
        eprint!(
            "\rprepared {} lines ({rate:.0}/s), {} failed",
            self.lines(),
            self.failures()
        );
    }

    /// One line for stderr: lines answered, prepared, failed by code, and the time taken.
    fn summary(&self) -> String {
        let by_code: Vec<String> = self
            .failed
            .iter()
            .map(|(c, n)| format!("{c} {n}"))
            .collect();
        format!(
            "batch: {} lines in {:.1} s: {} prepared, {} failed{}",
            self.lines(),
            self.started.elapsed().as_secs_f64(),
            self.prepared,
            self.failures(),
            if by_code.is_empty() {
                String::new()
            } else {
                format!(" ({})", by_code.join(", "))
            }
        )
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> ResultSink for Tally<W> {
    fn put(&mut self, result: &proto::PrepareResult) -> std::io::Result<()> {
        self.inner.put(result)?;
        match &result.outcome {
            Some(proto::prepare_result::Outcome::Error(e)) => {
                let name = codes::code_name(tonic::Code::from_i32(e.code));
                *self.failed.entry(name).or_insert(0) += 1;
            }
            _ => self.prepared += 1,
        }
        self.report_progress();
        Ok(())
    }
}

/// Runs `prepare`: reads the file, prints the article.
///
/// # Errors
/// When the file cannot be read or the article is refused.
pub fn prepare(args: &PrepareArgs) -> Result<(), CliError> {
    if (args.links || args.images) && args.format != FormatArg::Markdown {
        return Err(CliError::Usage(
            "--links and --images keep links and images in Markdown: add --format markdown".into(),
        ));
    }
    let mut data = Vec::new();
    if args.file == "-" {
        std::io::stdin()
            .read_to_end(&mut data)
            .map_err(|source| CliError::Io {
                context: "reading stdin".into(),
                source,
            })?;
    } else {
        data = std::fs::read(PathBuf::from(&args.file)).map_err(|source| CliError::Io {
            context: format!("reading {}", args.file),
            source,
        })?;
    }
    let input = if args.html || args.text {
        let text = String::from_utf8(data).map_err(|_| PrepError::NotText {
            reason: "the file is not UTF-8; leave out --html/--text to detect its charset".into(),
        })?;
        if args.html {
            Input::Html(text)
        } else {
            Input::Text(text)
        }
    } else {
        Input::Raw {
            data,
            content_type: None,
        }
    };
    if let Err(PrepError::EmptyPayload { .. }) = input.check(usize::MAX) {
        let name = if args.file == "-" {
            "stdin"
        } else {
            &args.file
        };
        return Err(CliError::Usage(format!("{name} holds no text to prepare")));
    }
    input.check(usize::MAX)?;
    let hints = Hints::parse(args.url.clone(), None, None, None, None)?;
    let tokenizer = match args.tokenizer {
        TokenizerArg::Cl100k => Tokenizer::Cl100kBase,
        TokenizerArg::O200k => Tokenizer::O200kBase,
        TokenizerArg::Words => Tokenizer::Words,
        TokenizerArg::Characters => Tokenizer::Characters,
    };
    let fields = Fields::parse(&args.fields)?;
    let options = Options {
        chunking: ChunkBudget::new(args.max_tokens, args.overlap_tokens, tokenizer)?,
        keep_all_text: args.keep_all_text,
        offset_unit: match args.offsets {
            OffsetsArg::CodePoints => OffsetUnit::CodePoints,
            OffsetsArg::Utf8 => OffsetUnit::Utf8,
            OffsetsArg::Utf16 => OffsetUnit::Utf16,
        },
        quote_style: match args.quote_style {
            QuoteStyleArg::Keep => QuoteStyle::Keep,
            QuoteStyleArg::Ascii => QuoteStyle::Ascii,
            QuoteStyleArg::Typographic => QuoteStyle::Typographic,
        },
        text_format: match args.format {
            FormatArg::Plain => TextFormat::Plain,
            FormatArg::Markdown => TextFormat::Markdown,
        },
        keep_links: args.links,
        keep_images: args.images,
        wanted: fields.wanted(),
        min_speaker_confidence: args
            .min_speaker_confidence
            .map(|c| MinSpeakerConfidence::new(c, "--min-speaker-confidence"))
            .transpose()?,
    };
    let json = jsonl::prepare_pretty("", input, &hints, &options, fields)?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "{json}")
        .or_else(ignore_broken_pipe)
        .map_err(|source| CliError::Io {
            context: "writing stdout".into(),
            source,
        })
}

/// Runs `batch`: JSON lines in, JSON lines out in input order, on all cores (or on the servers
/// of `--remote`). A summary goes to stderr at the end, and a progress line while it runs on a
/// terminal.
///
/// # Errors
/// When stdin or stdout fail; `LinesFailed` when some lines failed, unless `--allow-failures`
/// (a bad line is an error result, never the end of the batch).
pub fn batch(args: &BatchArgs) -> Result<(), CliError> {
    let progress = std::io::stderr().is_terminal();
    let mut out = Tally::new(std::io::BufWriter::new(std::io::stdout().lock()), progress);
    if let Some(targets) = &args.remote {
        let access = crate::cli::remote::Access {
            ca: args.remote_ca.clone(),
            identity: args.remote_cert.clone().zip(args.remote_key.clone()),
            token_file: args.remote_token_file.clone(),
        };
        let remote = crate::cli::remote::Remote::new(targets, &access).map_err(CliError::Remote)?;
        remote
            .run(std::io::stdin().lock(), &mut out, &args.fields)
            .or_else(ignore_broken_pipe)
            .map_err(|source| CliError::Io {
                context: "remote batch".into(),
                source,
            })?;
    } else {
        local_batch(args, &mut out)?;
    }
    out.flush()
        .or_else(ignore_broken_pipe)
        .map_err(|source| CliError::Io {
            context: "writing stdout".into(),
            source,
        })?;
    if progress {
        eprintln!();
    }
    eprintln!("{}", out.summary());
    let failed = out.failures();
    if failed > 0 && !args.allow_failures {
        return Err(CliError::LinesFailed {
            failed,
            lines: out.lines(),
        });
    }
    Ok(())
}

/// One input of a local batch.
enum Work {
    /// A JSON line, by its number.
    Line(usize, String),
    /// A request read from elsewhere (a WARC record).
    Request(Box<crate::api::proto::PrepareRequest>),
    /// A result known already (an unreadable record).
    Done(Box<crate::api::proto::PrepareResult>),
}

impl Work {
    /// The id its result carries: the request's, or a refused line's when it reads as JSON.
    fn id(&self) -> String {
        match self {
            Self::Line(_, line) => jsonl::line_id(line),
            Self::Request(request) => request.id.clone(),
            Self::Done(result) => result.id.clone(),
        }
    }
}

fn local_batch(args: &BatchArgs, out: &mut impl ResultSink) -> Result<(), CliError> {
    let threads = args
        .threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        })
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Threads(e.to_string()))?;
    let mut skipped: std::collections::BTreeMap<&'static str, usize> = Default::default();
    let source: Box<dyn Iterator<Item = Result<Work, CliError>> + '_> = match &args.warc {
        Some(path) => {
            let records = crate::cli::warc::records(path).map_err(|source| CliError::Io {
                context: format!("reading {}", path.display()),
                source,
            })?;
            Box::new(records.filter_map(|record| match record {
                crate::cli::warc::Record::Page(request) => Some(Ok(Work::Request(request))),
                crate::cli::warc::Record::Unreadable(result) => Some(Ok(Work::Done(result))),
                crate::cli::warc::Record::Skipped(why) => {
                    *skipped.entry(why).or_default() += 1;
                    None
                }
            }))
        }
        None => Box::new(
            jsonl::lines(std::io::stdin().lock()).map(|(n, line)| match line {
                jsonl::Line::Text(line) => Ok(Work::Line(n, line)),
                jsonl::Line::NotText(result) => Ok(Work::Done(result)),
                jsonl::Line::Failed(source) => Err(CliError::Io {
                    context: format!("reading line {n}"),
                    source,
                }),
            }),
        ),
    };
    let mut source = source;
    // Inputs are read in windows so that memory stays bounded and output keeps input order.
    let window = threads * 8;
    let max = args.max_payload_bytes;
    let item_timeout = args.item_timeout.map(|s| s.0);
    let prepare = |work: &Work| -> proto::PrepareResult {
        match work {
            Work::Line(n, line) => jsonl::prepare_line(*n, line, max, item_timeout, &args.fields),
            Work::Request(request) => {
                let mut request = (**request).clone();
                if !args.fields.is_empty() {
                    request.read_mask = Some(crate::api::field_mask::FieldMask {
                        paths: args.fields.clone(),
                    });
                }
                jsonl::prepare_request(request, max, item_timeout)
            }
            Work::Done(result) => (**result).clone(),
        }
    };
    loop {
        let batch: Vec<Work> = source
            .by_ref()
            .take(window)
            .collect::<Result<_, CliError>>()?;
        if batch.is_empty() {
            break;
        }
        let results: Vec<proto::PrepareResult> = pool.install(|| {
            batch
                .par_iter()
                .map(|work| {
                    std::panic::catch_unwind(|| prepare(work)).unwrap_or_else(|panic| {
                        let status = errors::panicked(&errors::panic_message(panic.as_ref()));
                        convert::error_result(work.id(), &status)
                    })
                })
                .collect()
        });
        for r in &results {
            out.put(r)
                .or_else(ignore_broken_pipe)
                .map_err(|source| CliError::Io {
                    context: "writing stdout".into(),
                    source,
                })?;
        }
    }
    drop(source);
    if args.warc.is_some() {
        let total: usize = skipped.values().sum();
        let reasons: Vec<String> = skipped
            .iter()
            .map(|(why, n)| format!("{n} {why}"))
            .collect();
        if total == 0 {
            eprintln!("warc: no record skipped");
        } else {
            eprintln!("warc: {total} records skipped ({})", reasons.join(", "));
        }
    }
    Ok(())
}

/// A closed pipe (`| head`) is a normal end, not an error.
fn ignore_broken_pipe(e: std::io::Error) -> std::io::Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(e)
    }
}
