//! Load generator for `scripts/load-test`: drives `Prepare` with a tonic client and reports what
//! h2load cannot see, the gRPC status of every call (h2load counts HTTP statuses only).
//!
//! ```text
//! loadgen body --out target/load/seed.bin [--payload FILE]     # h2load's body: gRPC frame + request
//! loadgen run --target http://127.0.0.1:50051 --concurrency 32 --requests 2000 [--payload FILE | --requests-from FILE.jsonl] [--timeout-ms MS] [--rate CALLS_PER_S]
//! loadgen health --target http://127.0.0.1:50051 --checks 50 --interval-ms 100
//! loadgen stall --target http://127.0.0.1:50051 --streams 30 --bytes 15728639 --seconds 5
//! loadgen slow-read --target http://127.0.0.1:50051 --streams 20 --payload FILE --seconds 5
//! ```
//! `run` prints one JSON line: requests/s, latency p50/p99/max, and the count of each status code
//! (with the p99 of refusals, which must be fast). `stall` opens `streams` uploads that send all
//! but the last byte of their message and stop; `slow-read` sends `streams` requests whose
//! replies it never reads (a 1 KiB window). Both hold them for `seconds` and print how many the
//! server refused and how many it holds.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use article_prep::api::codes::code_name;
use article_prep::api::proto::article_prep_client::ArticlePrepClient;
use article_prep::api::proto::{PrepareRequest, prepare_request::Payload};
use clap::{Parser, Subcommand};
use prost::Message;
use serde_json::json;

/// Load generator for the ArticlePrep service.
#[derive(Debug, Parser)]
#[command(name = "loadgen")]
struct Cli {
    #[command(subcommand)]
    command: Cmd,
}

#[derive(Debug, Subcommand)]
enum Cmd {
    /// Writes the body h2load sends: the 5-byte gRPC frame header and the encoded request.
    Body {
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// The article text (default: the seed payload).
        #[arg(long)]
        payload: Option<PathBuf>,
    },
    /// Sends `requests` calls from `concurrency` workers and reports their outcomes.
    Run {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        target: String,
        /// Calls in flight at once (each worker has its own HTTP/2 connection).
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
        /// Calls in all.
        #[arg(long, default_value_t = 1000)]
        requests: usize,
        /// The article text (default: the seed payload).
        #[arg(long, conflicts_with = "requests_from")]
        payload: Option<PathBuf>,
        /// `PrepareRequest` JSON lines (as `batch` reads them), sent in turn: the calls cycle
        /// through them (HTML pages of a corpus, say).
        #[arg(long)]
        requests_from: Option<PathBuf>,
        /// Each call's deadline (`grpc-timeout`), milliseconds.
        #[arg(long)]
        timeout_ms: Option<u64>,
        /// Calls per second in all, sent on a fixed schedule (open loop) rather than as fast as
        /// answers come; a call's latency counts from its scheduled time, so a server that falls
        /// behind shows it.
        #[arg(long)]
        rate: Option<f64>,
    },
    /// Health checks of the ArticlePrep service, one every `interval_ms`, on a connection of their
    /// own: how many said SERVING, and their latency.
    Health {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        target: String,
        /// Checks in all.
        #[arg(long, default_value_t = 50)]
        checks: usize,
        /// Pause between checks, milliseconds.
        #[arg(long, default_value_t = 100)]
        interval_ms: u64,
    },
    /// Uploads that stop one byte short of their message, each on its own connection.
    Stall {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        target: String,
        /// Uploads at once.
        #[arg(long, default_value_t = 30)]
        streams: usize,
        /// Bytes each sends.
        #[arg(long, default_value_t = 15 * 1024 * 1024 - 1)]
        bytes: usize,
        /// How long they are held.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
    /// Calls whose replies are never read, each on its own connection with a 1 KiB window.
    SlowRead {
        /// Server address.
        #[arg(long, default_value = "http://127.0.0.1:50051")]
        target: String,
        /// Calls at once.
        #[arg(long, default_value_t = 20)]
        streams: usize,
        /// The article text (default: the seed payload).
        #[arg(long)]
        payload: Option<PathBuf>,
        /// How long they are held.
        #[arg(long, default_value_t = 5)]
        seconds: u64,
    },
}

const SEED: &str = include_str!("../../../tests/fixtures/daily8-nato-ukraine.txt");

fn request(payload: Option<&PathBuf>) -> Result<PrepareRequest, String> {
    let text = match payload {
        Some(path) => {
            std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?
        }
        None => SEED.to_owned(),
    };
    Ok(PrepareRequest {
        id: "load".into(),
        payload: Some(Payload::Text(text)),
        hints: None,
        options: None,
        read_mask: None,
    })
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Cmd::Body { out, payload } => body(&out, payload.as_ref()),
        Cmd::Run {
            target,
            concurrency,
            requests,
            payload,
            requests_from,
            timeout_ms,
            rate,
        } => runtime().and_then(|rt| {
            let calls = match &requests_from {
                Some(path) => read_requests(path)?,
                None => vec![request(payload.as_ref())?],
            };
            rt.block_on(run(
                target,
                concurrency.max(1),
                requests,
                calls,
                timeout_ms.map(Duration::from_millis),
                rate.filter(|r| *r > 0.0)
                    .map(|r| Duration::from_secs_f64(1.0 / r)),
            ))
        }),
        Cmd::Health {
            target,
            checks,
            interval_ms,
        } => runtime().and_then(|rt| {
            rt.block_on(health(&target, checks, Duration::from_millis(interval_ms)))
        }),
        Cmd::Stall {
            target,
            streams,
            bytes,
            seconds,
        } => runtime().and_then(|rt| {
            let announced = u32::try_from(bytes + 1).map_err(|_| "--bytes over 4 GiB".to_owned());
            announced.and_then(|announced| {
                let mut message = vec![0];
                message.extend_from_slice(&announced.to_be_bytes());
                message.resize(5 + bytes, b'a');
                rt.block_on(hold(&target, streams, message, Upload::Stalled, seconds))
            })
        }),
        Cmd::SlowRead {
            target,
            streams,
            payload,
            seconds,
        } => runtime().and_then(|rt| {
            let message = frame(&request(payload.as_ref())?)?;
            rt.block_on(hold(&target, streams, message, Upload::SlowReader, seconds))
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("loadgen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())
}

/// A request as it travels: the 5-byte gRPC frame header and the encoded message.
fn frame(request: &PrepareRequest) -> Result<Vec<u8>, String> {
    let encoded = request.encode_to_vec();
    let length = u32::try_from(encoded.len()).map_err(|_| "request over 4 GiB".to_owned())?;
    let mut frame = Vec::with_capacity(encoded.len() + 5);
    frame.push(0); // not compressed
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(&encoded);
    Ok(frame)
}

fn body(out: &PathBuf, payload: Option<&PathBuf>) -> Result<(), String> {
    let frame = frame(&request(payload)?)?;
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(out, frame).map_err(|e| format!("{}: {e}", out.display()))
}

async fn health(target: &str, checks: usize, interval: Duration) -> Result<(), String> {
    use tonic_health::pb::{HealthCheckRequest, health_client::HealthClient};
    let channel = tonic::transport::Channel::from_shared(target.to_owned())
        .map_err(|e| e.to_string())?
        .connect()
        .await
        .map_err(|e| format!("cannot connect to {target}: {e}"))?;
    let mut client = HealthClient::new(channel);
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let mut ms = Vec::with_capacity(checks);
    for _ in 0..checks {
        let sent = Instant::now();
        let status = client
            .check(HealthCheckRequest {
                service: "articleprep.v1.ArticlePrep".into(),
            })
            .await
            .map_or_else(
                |status| code_name(status.code()).to_owned(),
                |reply| reply.into_inner().status().as_str_name().to_owned(),
            );
        ms.push(sent.elapsed().as_secs_f64() * 1000.0);
        *statuses.entry(status).or_default() += 1;
        tokio::time::sleep(interval).await;
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{}",
        json!({"checks": checks, "statuses": statuses, "p99_ms": round(percentile(&ms, 0.99))})
    );
    Ok(())
}

/// The receive window of a slow reader: the server may send this much before it waits.
const SLOW_WINDOW: u32 = 1024;

/// What became of one held call.
enum Held {
    /// Still open when the time was up.
    Open,
    /// Answered (its status, from the trailers or a trailers-only reply) or reset.
    Ended(String),
}

/// How a held call behaves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Upload {
    /// Sends its bytes and never ends the request.
    Stalled,
    /// Sends a whole request, then reads nothing of the reply beyond a small window.
    SlowReader,
}

/// Opens `streams` calls, each on its own connection, sending `message` the way `upload` says;
/// holds them `seconds`.
async fn hold(
    target: &str,
    streams: usize,
    message: Vec<u8>,
    upload: Upload,
    seconds: u64,
) -> Result<(), String> {
    let authority = target
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let message = bytes::Bytes::from(message);
    let mut calls = Vec::with_capacity(streams);
    for _ in 0..streams {
        let tcp = tokio::net::TcpStream::connect(&authority)
            .await
            .map_err(|e| format!("cannot connect to {authority}: {e}"))?;
        let mut builder = h2::client::Builder::new();
        if upload == Upload::SlowReader {
            builder
                .initial_window_size(SLOW_WINDOW)
                .initial_connection_window_size(SLOW_WINDOW);
        }
        let (client, connection) = builder
            .handshake::<_, bytes::Bytes>(tcp)
            .await
            .map_err(|e| format!("HTTP/2 handshake: {e}"))?;
        tokio::spawn(connection);
        let mut client = client.ready().await.map_err(|e| e.to_string())?;
        let request = http::Request::post(format!(
            "http://{authority}/articleprep.v1.ArticlePrep/Prepare"
        ))
        .header("content-type", "application/grpc")
        .header("te", "trailers")
        .body(())
        .map_err(|e| e.to_string())?;
        let (response, mut body) = client
            .send_request(request, false)
            .map_err(|e| e.to_string())?;
        body.send_data(message.clone(), upload == Upload::SlowReader)
            .map_err(|e| e.to_string())?;
        calls.push(tokio::spawn(async move {
            // The connection and the upload stay open as long as this task runs.
            let _keep = (client, body);
            let outcome = async {
                let response = response.await.map_err(|e| e.to_string())?;
                let status = |headers: &http::HeaderMap| {
                    headers
                        .get("grpc-status")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_owned)
                };
                if let Some(code) = status(response.headers()) {
                    return Ok::<_, String>(code);
                }
                // A reply with a body: a slow reader never reads it, so this waits.
                let mut body = response.into_body();
                let trailers = body.trailers().await.map_err(|e| e.to_string())?;
                Ok(trailers.as_ref().and_then(status).unwrap_or_default())
            };
            match tokio::time::timeout(Duration::from_secs(seconds), outcome).await {
                Err(_) => Held::Open,
                Ok(Ok(code)) => Held::Ended(code),
                Ok(Err(e)) => Held::Ended(e),
            }
        }));
    }
    let mut ended: BTreeMap<String, usize> = BTreeMap::new();
    let mut open = 0;
    for call in calls {
        match call.await.map_err(|e| e.to_string())? {
            Held::Open => open += 1,
            Held::Ended(code) => *ended.entry(code).or_default() += 1,
        }
    }
    println!(
        "{}",
        json!({"streams": streams, "open": open, "ended": ended})
    );
    Ok(())
}

/// One finished call: its latency and status code name.
type Outcome = (Duration, &'static str);

/// `PrepareRequest` JSON lines.
fn read_requests(path: &PathBuf) -> Result<Vec<PrepareRequest>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let calls: Vec<PrepareRequest> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))
        })
        .collect::<Result<_, _>>()?;
    if calls.is_empty() {
        return Err(format!("{}: no requests", path.display()));
    }
    Ok(calls)
}

async fn run(
    target: String,
    concurrency: usize,
    requests: usize,
    calls: Vec<PrepareRequest>,
    timeout: Option<Duration>,
    interval: Option<Duration>,
) -> Result<(), String> {
    let calls = Arc::new(calls);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let client = ArticlePrepClient::connect(target.clone())
            .await
            .map_err(|e| format!("cannot connect to {target}: {e}"))?
            .max_decoding_message_size(64 * 1024 * 1024);
        let (next, calls) = (Arc::clone(&next), Arc::clone(&calls));
        workers.push(tokio::spawn(async move {
            let mut client = client;
            let mut outcomes: Vec<Outcome> = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= requests {
                    break;
                }
                // On a schedule, call `n` is due at `n` intervals from the start.
                let sent = match interval {
                    Some(interval) => {
                        let due =
                            started + interval.saturating_mul(u32::try_from(n).unwrap_or(u32::MAX));
                        tokio::time::sleep_until(due.into()).await;
                        due
                    }
                    None => Instant::now(),
                };
                let mut call = tonic::Request::new(calls[n % calls.len()].clone());
                if let Some(timeout) = timeout {
                    call.set_timeout(timeout);
                }
                let code = match client.prepare(call).await {
                    Ok(_) => "OK",
                    Err(status) => code_name(status.code()),
                };
                outcomes.push((sent.elapsed(), code));
            }
            outcomes
        }));
    }
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(requests);
    for worker in workers {
        outcomes.extend(worker.await.map_err(|e| e.to_string())?);
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, code) in &outcomes {
        *codes.entry(code).or_default() += 1;
    }
    let latencies = |filter: &dyn Fn(&str) -> bool| {
        let mut ms: Vec<f64> = outcomes
            .iter()
            .filter(|(_, c)| filter(c))
            .map(|(d, _)| d.as_secs_f64() * 1000.0)
            .collect();
        ms.sort_by(f64::total_cmp);
        ms
    };
    let ok = latencies(&|c| c == "OK");
    let refused = latencies(&|c| c == "RESOURCE_EXHAUSTED");
    let all = latencies(&|_| true);
    #[allow(clippy::cast_precision_loss)] // counts are small
    let summary = json!({
        "concurrency": concurrency,
        "rate": interval.map(|i| round(1.0 / i.as_secs_f64())),
        "requests": outcomes.len(),
        "seconds": round(seconds),
        "ok_per_second": round(ok.len() as f64 / seconds),
        "ok_p50_ms": round(percentile(&ok, 0.50)),
        "ok_p99_ms": round(percentile(&ok, 0.99)),
        "max_ms": round(all.last().copied().unwrap_or(0.0)),
        "refused_p99_ms": round(percentile(&refused, 0.99)),
        "codes": codes,
    });
    println!("{summary}");
    Ok(())
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((sorted.len() as f64 * q).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
