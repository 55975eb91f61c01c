//! Load generator for `scripts/load-test`: drives `Prepare` with a tonic client and reports what
//! h2load cannot see, the gRPC status of every call (h2load counts HTTP statuses only).
//!
//! ```text
//! loadgen body --out target/load/seed.bin [--payload FILE]     # h2load's body: gRPC frame + request
//! loadgen run --target http://127.0.0.1:50051 --concurrency 32 --requests 2000 [--payload FILE]
//! ```
//! `run` prints one JSON line: requests/s, latency p50/p99/max, and the count of each status code
//! (with the p99 of refusals, which must be fast).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use article_prep::server::codes::code_name;
use article_prep::server::proto::article_prep_client::ArticlePrepClient;
use article_prep::server::proto::{PrepareRequest, prepare_request::Payload};
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
        #[arg(long)]
        payload: Option<PathBuf>,
    },
}

const SEED: &str = include_str!("../../tests/fixtures/daily8-nato-ukraine.txt");

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
        } => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .map_err(|e| e.to_string())
            .and_then(|rt| rt.block_on(run(target, concurrency.max(1), requests, payload))),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("loadgen: {message}");
            ExitCode::FAILURE
        }
    }
}

fn body(out: &PathBuf, payload: Option<&PathBuf>) -> Result<(), String> {
    let encoded = request(payload)?.encode_to_vec();
    let length = u32::try_from(encoded.len()).map_err(|_| "request over 4 GiB".to_owned())?;
    let mut frame = Vec::with_capacity(encoded.len() + 5);
    frame.push(0); // not compressed
    frame.extend_from_slice(&length.to_be_bytes());
    frame.extend_from_slice(&encoded);
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(out, frame).map_err(|e| format!("{}: {e}", out.display()))
}

/// One finished call: its latency and status code name.
type Outcome = (Duration, &'static str);

async fn run(
    target: String,
    concurrency: usize,
    requests: usize,
    payload: Option<PathBuf>,
) -> Result<(), String> {
    let request = request(payload.as_ref())?;
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(concurrency);
    for _ in 0..concurrency {
        let client = ArticlePrepClient::connect(target.clone())
            .await
            .map_err(|e| format!("cannot connect to {target}: {e}"))?
            .max_decoding_message_size(64 * 1024 * 1024);
        let (next, request) = (Arc::clone(&next), request.clone());
        workers.push(tokio::spawn(async move {
            let mut client = client;
            let mut outcomes: Vec<Outcome> = Vec::new();
            while next.fetch_add(1, Ordering::Relaxed) < requests {
                let sent = Instant::now();
                let code = match client.prepare(request.clone()).await {
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
