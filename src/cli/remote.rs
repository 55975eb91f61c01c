//! `batch --remote`: the batch command's work sent to running servers over `PrepareStream`, so a
//! pipeline scales past one machine with more replicas.
//!
//! Lines are read in windows; each window's requests go to a shared queue drained by a few
//! streams per server (client-side balancing: a faster or less loaded server simply takes more).
//! An item whose server fails (transport error, UNAVAILABLE, RESOURCE_EXHAUSTED, ...) goes back on
//! the queue after a backoff, for any server, up to [`MAX_ATTEMPTS`]; results are written in input
//! order. Items carry their position as the request id on the wire and get their own id back.

use std::collections::HashMap;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Mutex, mpsc};
use tokio_stream::wrappers::ReceiverStream;
use tonic::Code;
use tonic::metadata::{Ascii, MetadataValue};
use tonic::service::{Interceptor, interceptor::InterceptedService};
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Endpoint, Identity};

use super::ResultSink;
use crate::api::proto::article_prep_client::ArticlePrepClient;
use crate::api::proto::{self, prepare_result::Outcome};
use crate::api::{convert, errors, jsonl};

/// Tries per item before its error is written.
pub const MAX_ATTEMPTS: u32 = 4;
/// Streams opened per server.
const STREAMS_PER_SERVER: usize = 2;
/// Items in flight per stream.
const IN_FLIGHT_PER_STREAM: usize = 8;

/// One line's work.
#[derive(Debug)]
struct Item {
    position: usize,
    /// Its line of the input, named in its error.
    line: usize,
    request: proto::PrepareRequest,
    attempts: u32,
    last_error: String,
}

/// How the servers are reached when they ask for more than plaintext: the servers' TLS (`--tls-cert`
/// on the server) and client certificates (`--tls-client-ca`), and the bearer token
/// (`--auth-token-file`).
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// The CA (PEM) the servers' certificates are signed by; with it the servers are spoken to
    /// over TLS.
    pub ca: Option<PathBuf>,
    /// This client's certificate and key (PEM), for servers that require one (with `ca`).
    pub identity: Option<(PathBuf, PathBuf)>,
    /// A file holding the bearer token every call carries.
    pub token_file: Option<PathBuf>,
}

fn read_file(path: &PathBuf, what: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{what} {}: {e}", path.display()))
}

impl Access {
    /// The TLS configuration, when a CA is given (a client certificate goes with it).
    fn tls(&self) -> Result<Option<ClientTlsConfig>, String> {
        let Some(ca) = &self.ca else {
            return Ok(None);
        };
        let mut tls = ClientTlsConfig::new()
            .ca_certificate(Certificate::from_pem(read_file(ca, "--remote-ca")?));
        if let Some((cert, key)) = &self.identity {
            tls = tls.identity(Identity::from_pem(
                read_file(cert, "--remote-cert")?,
                read_file(key, "--remote-key")?,
            ));
        }
        Ok(Some(tls))
    }

    /// The `authorization` value every call carries, when a token file is given.
    fn bearer(&self) -> Result<Bearer, String> {
        let Some(path) = &self.token_file else {
            return Ok(Bearer(None));
        };
        let token = String::from_utf8_lossy(&read_file(path, "--remote-token-file")?)
            .trim()
            .to_owned();
        if token.is_empty() {
            return Err(format!(
                "--remote-token-file {}: empty token",
                path.display()
            ));
        }
        format!("Bearer {token}")
            .parse()
            .map(|value| Bearer(Some(value)))
            .map_err(|_| format!("--remote-token-file {}: not a header value", path.display()))
    }
}

/// Adds the bearer token, when there is one, to every call.
#[derive(Debug, Clone)]
struct Bearer(Option<MetadataValue<Ascii>>);

impl Interceptor for Bearer {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        if let Some(value) = &self.0 {
            request
                .metadata_mut()
                .insert("authorization", value.clone());
        }
        Ok(request)
    }
}

/// Finds the addresses of a `dns:///host:port` target; the system's resolver by default, a fixed
/// table in tests.
pub trait Resolve: Send + Sync {
    /// Every address `host` has now.
    fn resolve(&self, host: &str, port: u16) -> Vec<std::net::SocketAddr>;
}

/// The system's resolver (`getaddrinfo`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemResolver;

impl Resolve for SystemResolver {
    fn resolve(&self, host: &str, port: u16) -> Vec<std::net::SocketAddr> {
        use std::net::ToSocketAddrs;
        let mut found: Vec<std::net::SocketAddr> = (host, port)
            .to_socket_addrs()
            .map(Iterator::collect)
            .unwrap_or_default();
        found.sort();
        found.dedup();
        found
    }
}

/// How often `dns:///` targets are looked up again by default, between windows of lines: servers
/// added since join, servers gone leave (their items already go to the others).
pub const RESOLVE_EVERY: Duration = Duration::from_secs(30);

/// One `--remote` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// `host:port` or a full URL: one server.
    Address(String),
    /// `dns:///host:port`: every address the name resolves to, looked up again now and then.
    Dns { host: String, port: u16 },
}

impl Target {
    fn parse(target: &str) -> Result<Self, String> {
        let Some(name) = target.strip_prefix("dns:///") else {
            return Ok(Self::Address(target.to_owned()));
        };
        let (host, port) = name
            .rsplit_once(':')
            .ok_or_else(|| format!("--remote {target}: dns:/// needs host:port"))?;
        let port = port
            .parse()
            .map_err(|_| format!("--remote {target}: `{port}` is not a port"))?;
        if host.is_empty() {
            return Err(format!("--remote {target}: no host name"));
        }
        Ok(Self::Dns {
            host: host.to_owned(),
            port,
        })
    }
}

/// The servers now, by address, and when the names were last looked up.
#[derive(Default)]
struct Known {
    servers: Vec<(String, Channel)>,
    resolved_at: Option<std::time::Instant>,
}

/// Where the batch's work goes.
pub struct Remote {
    targets: Vec<Target>,
    tls: Option<ClientTlsConfig>,
    bearer: Bearer,
    resolver: Box<dyn Resolve>,
    resolve_every: Duration,
    known: std::sync::Mutex<Known>,
    runtime: tokio::runtime::Runtime,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("targets", &self.targets)
            .field("tls", &self.tls.is_some())
            .finish_non_exhaustive()
    }
}

impl Remote {
    /// Channels to `host:port` (or full `http(s)://` URLs, or every address of a
    /// `dns:///host:port`), connected lazily, on a runtime of their own, reached as `access` says.
    ///
    /// # Errors
    /// An address that is not a URI; an unreadable CA, certificate or token; no runtime.
    pub fn new(targets: &str, access: &Access) -> Result<Self, String> {
        Self::with_resolver(targets, access, Box::new(SystemResolver))
    }

    /// [`Remote::new`], names looked up by `resolver`.
    ///
    /// # Errors
    /// As [`Remote::new`].
    pub fn with_resolver(
        targets: &str,
        access: &Access,
        resolver: Box<dyn Resolve>,
    ) -> Result<Self, String> {
        let targets = targets
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(Target::parse)
            .collect::<Result<Vec<_>, String>>()?;
        if targets.is_empty() {
            return Err("--remote names no server".into());
        }
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| format!("cannot start the runtime: {e}"))?;
        let remote = Self {
            targets,
            tls: access.tls()?,
            bearer: access.bearer()?,
            resolver,
            resolve_every: RESOLVE_EVERY,
            known: std::sync::Mutex::new(Known::default()),
            runtime,
        };
        remote.refresh()?;
        Ok(remote)
    }

    /// Looks `dns:///` names up again every `every` instead of [`RESOLVE_EVERY`].
    #[must_use]
    pub fn resolving_every(mut self, every: Duration) -> Self {
        self.resolve_every = every;
        self
    }

    /// A lazy channel to `target` (a `host:port` or a URL); `domain` is the name a TLS server's
    /// certificate must carry when `target` is an address looked up from it.
    fn channel(&self, target: &str, domain: Option<&str>) -> Result<Channel, String> {
        let uri = if target.contains("://") {
            target.to_owned()
        } else if self.tls.is_some() {
            format!("https://{target}")
        } else {
            format!("http://{target}")
        };
        let mut endpoint = Endpoint::from_shared(uri)
            .map_err(|e| format!("--remote {target}: {e}"))?
            .connect_timeout(Duration::from_secs(3));
        if let Some(tls) = &self.tls {
            let tls = match domain {
                Some(domain) => tls.clone().domain_name(domain),
                None => tls.clone(),
            };
            endpoint = endpoint
                .tls_config(tls)
                .map_err(|e| format!("--remote {target}: {e}"))?;
        }
        // Lazy channels spawn their connection task on the runtime they are made in.
        let _entered = self.runtime.enter();
        Ok(endpoint.connect_lazy())
    }

    /// Looks the names up again when `resolve_every` has passed (or never was): the servers
    /// are the addresses given and every address the names have now, channels kept for the
    /// addresses seen before.
    fn refresh(&self) -> Result<(), String> {
        let mut guard = self
            .known
            .lock()
            .map_err(|_| "the server list was poisoned".to_owned())?;
        let Known {
            servers,
            resolved_at,
        } = &mut *guard;
        if resolved_at.is_some_and(|at| at.elapsed() < self.resolve_every) {
            return Ok(());
        }
        let mut next: Vec<(String, Channel)> = Vec::new();
        for target in &self.targets {
            let found: Vec<(String, Option<&str>)> = match target {
                Target::Address(address) => vec![(address.clone(), None)],
                Target::Dns { host, port } => self
                    .resolver
                    .resolve(host, *port)
                    .into_iter()
                    .map(|a| (a.to_string(), Some(host.as_str())))
                    .collect(),
            };
            for (address, domain) in found {
                if next.iter().any(|(a, _)| *a == address) {
                    continue;
                }
                let known = servers
                    .iter()
                    .find(|(a, _)| *a == address)
                    .map(|(_, c)| c.clone());
                let channel = match known {
                    Some(channel) => channel,
                    None => self.channel(&address, domain)?,
                };
                next.push((address, channel));
            }
        }
        if next.is_empty() {
            // A name that resolves to nothing now keeps the servers it had.
            tracing::warn!("--remote: no address found; keeping the servers known");
        } else {
            let addresses = |list: &[(String, Channel)]| -> Vec<String> {
                list.iter().map(|(a, _)| a.clone()).collect()
            };
            if addresses(servers) != addresses(&next) {
                tracing::info!(servers = ?addresses(&next), "--remote servers");
            }
            *servers = next;
        }
        *resolved_at = Some(std::time::Instant::now());
        if servers.is_empty() {
            return Err("--remote: no server address found".into());
        }
        Ok(())
    }

    /// The servers now.
    fn servers(&self) -> Vec<(String, Channel)> {
        self.known
            .lock()
            .map(|known| known.servers.clone())
            .unwrap_or_default()
    }

    /// Reads `PrepareRequest` lines from `input`, writes `PrepareResult` lines to `output` in the
    /// same order.
    ///
    /// # Errors
    /// Reading or writing failed.
    pub fn run(
        &self,
        input: impl BufRead,
        output: &mut impl ResultSink,
        fields: &[String],
    ) -> std::io::Result<()> {
        let mut lines = jsonl::lines(input);
        loop {
            if let Err(message) = self.refresh() {
                tracing::warn!(%message, "--remote: looking the servers up failed");
            }
            let window =
                self.servers().len().max(1) * STREAMS_PER_SERVER * IN_FLIGHT_PER_STREAM * 4;
            let mut results: Vec<Option<proto::PrepareResult>> = Vec::with_capacity(window);
            let mut items = Vec::new();
            for (n, line) in lines.by_ref().take(window) {
                let line = match line {
                    jsonl::Line::Text(line) => line,
                    jsonl::Line::NotText(refused) => {
                        results.push(Some(*refused));
                        continue;
                    }
                    jsonl::Line::Failed(e) => return Err(e),
                };
                match jsonl::read_request(n, &line, fields) {
                    Ok(request) => items.push(Item {
                        position: results.len(),
                        line: n,
                        request,
                        attempts: 0,
                        last_error: String::new(),
                    }),
                    Err(refused) => {
                        results.push(Some(*refused));
                        continue;
                    }
                }
                results.push(None);
            }
            if results.is_empty() {
                break;
            }
            for (position, result) in self.runtime.block_on(self.prepare_all(items)) {
                results[position] = Some(result);
            }
            for result in results.into_iter().flatten() {
                output.put(&result)?;
            }
        }
        Ok(())
    }

    /// Prepares every item on the servers; returns (position, result) for each.
    async fn prepare_all(&self, items: Vec<Item>) -> Vec<(usize, proto::PrepareResult)> {
        let remaining = Arc::new(AtomicUsize::new(items.len()));
        let (queue_tx, queue_rx) = mpsc::unbounded_channel::<Item>();
        for item in items {
            let _ = queue_tx.send(item);
        }
        let queue = Arc::new(Mutex::new(queue_rx));
        let (done_tx, mut done_rx) = mpsc::unbounded_channel();
        let failing = Arc::new(AtomicUsize::new(0));
        let mut workers = Vec::new();
        let servers = self.servers();
        for (name, channel) in &servers {
            for _ in 0..STREAMS_PER_SERVER {
                let worker = Worker {
                    server: name.clone(),
                    client: ArticlePrepClient::with_interceptor(
                        channel.clone(),
                        self.bearer.clone(),
                    )
                    .max_decoding_message_size(256 * 1024 * 1024),
                    queue: Arc::clone(&queue),
                    requeue: queue_tx.clone(),
                    done: done_tx.clone(),
                    remaining: Arc::clone(&remaining),
                    failing: Arc::clone(&failing),
                    workers: servers.len() * STREAMS_PER_SERVER,
                    is_failing: false,
                };
                workers.push(tokio::spawn(worker.run()));
            }
        }
        drop(done_tx);
        let mut out = Vec::new();
        while let Some(finished) = done_rx.recv().await {
            out.push(finished);
        }
        for worker in workers {
            let _ = worker.await;
        }
        out
    }
}

/// One stream to one server.
struct Worker {
    server: String,
    client: ArticlePrepClient<InterceptedService<Channel, Bearer>>,
    queue: Arc<Mutex<mpsc::UnboundedReceiver<Item>>>,
    requeue: mpsc::UnboundedSender<Item>,
    done: mpsc::UnboundedSender<(usize, proto::PrepareResult)>,
    remaining: Arc<AtomicUsize>,
    /// Workers whose server cannot be reached now, and how many workers there are.
    failing: Arc<AtomicUsize>,
    workers: usize,
    is_failing: bool,
}

/// Codes worth another try, on this or another server.
fn retryable(code: Code) -> bool {
    matches!(
        code,
        Code::Unavailable
            | Code::ResourceExhausted
            | Code::DeadlineExceeded
            | Code::Internal
            | Code::Unknown
            | Code::Cancelled
            | Code::Aborted
    )
}

impl Worker {
    async fn run(mut self) {
        let mut failures = 0u32;
        while self.remaining.load(Ordering::Acquire) > 0 {
            match self.stream().await {
                Ok(()) => failures = 0,
                Err(error) => {
                    failures += 1;
                    if !self.is_failing {
                        self.is_failing = true;
                        self.failing.fetch_add(1, Ordering::AcqRel);
                    }
                    tracing::warn!(server = %self.server, %error, "stream to server failed");
                    if !retryable(error.code()) {
                        // A refusal no retry changes (a missing or wrong token): every item gets
                        // it at once.
                        let message = format!("{}: {}", self.server, error.message());
                        self.give_up_queued(error.code(), &message).await;
                    } else if failures >= MAX_ATTEMPTS
                        && self.failing.load(Ordering::Acquire) == self.workers
                    {
                        // With every server unreachable for a while, the items end as errors
                        // rather than wait forever; while any server works, they wait for it.
                        let message = format!(
                            "no server could be reached; last: {}: {}",
                            self.server,
                            error.message()
                        );
                        self.give_up_queued(Code::Unavailable, &message).await;
                    }
                    tokio::time::sleep(backoff(failures)).await;
                }
            }
        }
    }

    /// Writes every queued item's error.
    async fn give_up_queued(&self, code: Code, message: &str) {
        let mut queue = self.queue.lock().await;
        while let Ok(item) = queue.try_recv() {
            self.fail(&item, code, message.to_owned());
        }
    }

    /// Takes the next item, waiting while others are in flight; none once all are finished.
    async fn next_item(&self) -> Option<Item> {
        loop {
            if self.remaining.load(Ordering::Acquire) == 0 {
                return None;
            }
            let mut queue = self.queue.lock().await;
            if let Ok(item) = queue.try_recv() {
                return Some(item);
            }
            drop(queue);
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    }

    /// One stream: sends items while fewer than the in-flight limit are pending, hands back
    /// results. On a broken stream its pending items go back on the queue.
    async fn stream(&mut self) -> Result<(), tonic::Status> {
        let (tx, rx) = mpsc::channel::<proto::PrepareRequest>(IN_FLIGHT_PER_STREAM);
        // The server answers a stream's headers at once: items are taken only once it has.
        let mut responses = self
            .client
            .prepare_stream(ReceiverStream::new(rx))
            .await?
            .into_inner();
        if self.is_failing {
            self.is_failing = false;
            self.failing.fetch_sub(1, Ordering::AcqRel);
        }
        let mut pending: HashMap<String, Item> = HashMap::new();
        let mut input_open = true;
        loop {
            tokio::select! {
                item = self.next_item(), if input_open && pending.len() < IN_FLIGHT_PER_STREAM => {
                    match item {
                        Some(item) => send(&tx, &mut pending, item).await,
                        None => input_open = false,
                    }
                }
                message = responses.message() => match message {
                    Ok(Some(result)) => self.finish(&mut pending, result),
                    Ok(None) => {
                        let status = errors::stream_ended_early();
                        self.retry_all(&mut pending, &status);
                        return if pending.is_empty() && !input_open { Ok(()) } else { Err(status) };
                    }
                    Err(status) => {
                        self.retry_all(&mut pending, &status);
                        return Err(status);
                    }
                }
            }
            if !input_open && pending.is_empty() {
                return Ok(());
            }
        }
    }

    fn finish(&self, pending: &mut HashMap<String, Item>, mut result: proto::PrepareResult) {
        let Some(item) = pending.remove(&result.id) else {
            return;
        };
        if let Some(Outcome::Error(error)) = &result.outcome {
            let code = Code::from_i32(error.code);
            if retryable(code) {
                let status = errors::relayed(code, error.message.clone());
                self.retry(item, &status);
                return;
            }
        }
        result.id.clone_from(&item.request.id);
        if let Some(Outcome::Article(article)) = &mut result.outcome {
            article.id.clone_from(&item.request.id);
        }
        jsonl::of_line(&mut result, item.line);
        self.deliver(item.position, result);
    }

    fn retry_all(&self, pending: &mut HashMap<String, Item>, status: &tonic::Status) {
        for (_, item) in pending.drain() {
            self.retry(item, status);
        }
    }

    /// Back on the queue after a backoff, or its last error written when out of attempts.
    fn retry(&self, mut item: Item, status: &tonic::Status) {
        item.attempts += 1;
        item.last_error = format!("{}: {}", self.server, status.message());
        if item.attempts >= MAX_ATTEMPTS {
            let message = format!(
                "no server prepared this item in {} attempts; last: {}",
                item.attempts, item.last_error
            );
            self.fail(&item, status.code(), message);
            return;
        }
        let requeue = self.requeue.clone();
        let delay = backoff(item.attempts);
        tokio::spawn(async move {
            tokio::time::sleep(delay).await;
            let _ = requeue.send(item);
        });
    }

    fn fail(&self, item: &Item, code: Code, message: String) {
        let status = errors::relayed(code, message);
        let mut result = convert::error_result(item.request.id.clone(), &status);
        jsonl::of_line(&mut result, item.line);
        self.deliver(item.position, result);
    }

    fn deliver(&self, position: usize, result: proto::PrepareResult) {
        let _ = self.done.send((position, result));
        self.remaining.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Sends one item with its position as the wire id.
async fn send(
    tx: &mpsc::Sender<proto::PrepareRequest>,
    pending: &mut HashMap<String, Item>,
    item: Item,
) {
    let mut request = item.request.clone();
    request.id = item.position.to_string();
    pending.insert(request.id.clone(), item);
    // A closed stream shows up as an error on the response side, which retries what is pending.
    let _ = tx.send(request).await;
}

/// 100 ms, 200 ms, 400 ms … up to 3.2 s.
fn backoff(attempt: u32) -> Duration {
    Duration::from_millis(100 << attempt.min(5))
}
