//! `batch --remote`: the same output as a local batch, in input order, across several servers,
//! with a dead server in the list or one that goes away mid-batch, and errors (not a hang) when no
//! server can be reached.

use std::process::Stdio;

use tokio::io::AsyncWriteExt;

use article_prep::server::Preparer;

use crate::helpers::{SEED, spawn_app, spawn_app_preparing};

fn input() -> String {
    let mut lines: Vec<String> = (0..24)
        .map(|i| {
            serde_json::json!({
                "id": format!("a{i}"),
                "text": format!("{SEED}\nItem {i}."),
                "options": {"chunking": {"maxTokens": 128 + i}}
            })
            .to_string()
        })
        .collect();
    lines.insert(5, "{not json".into());
    lines.insert(9, r#"{"id":"blank","text":"   "}"#.into());
    lines.join("\n") + "\n"
}

/// The batch's stdout, its stderr and whether it exited with success.
async fn run_batch(args: &[&str], stdin: &str) -> (String, String, bool) {
    run_batch_bytes(args, stdin.as_bytes()).await
}

/// [`run_batch`] with any bytes on stdin.
async fn run_batch_bytes(args: &[&str], stdin: &[u8]) -> (String, String, bool) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_article-prep"))
        .arg("batch")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    // Written while the output is read: a child blocked on a full stdout pipe would never
    // drain its stdin.
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.to_owned();
    tokio::spawn(async move {
        let _ = pipe.write_all(&input).await;
    });
    let out = tokio::time::timeout(
        std::time::Duration::from_secs(120),
        child.wait_with_output(),
    )
    .await
    .expect("batch ends")
    .expect("output");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// The output of a batch that may have failed lines.
async fn batch(args: &[&str], stdin: &str) -> String {
    let args: Vec<&str> = args.iter().copied().chain(["--allow-failures"]).collect();
    let (out, _, ok) = run_batch(&args, stdin).await;
    assert!(ok, "--allow-failures exits 0");
    out
}

fn dead_address() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    drop(listener);
    address
}

#[tokio::test]
async fn remote_batch_matches_local_batch_across_servers_and_a_dead_one() {
    let (one, two) = (spawn_app().await, spawn_app().await);
    let input = input();
    let local = batch(&[], &input).await;
    let targets = [
        one.address.trim_start_matches("http://"),
        &dead_address(),
        two.address.trim_start_matches("http://"),
    ]
    .join(",");
    let remote = batch(&["--remote", &targets], &input).await;
    assert_eq!(remote.lines().count(), 26);
    assert_eq!(remote, local, "remote output differs from local");
    one.stop().await;
    two.stop().await;
}

#[tokio::test]
async fn with_no_server_reachable_every_item_is_an_error() {
    let input = input();
    let out = batch(&["--remote", &dead_address()], &input).await;
    let results: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(results.len(), 26);
    assert_eq!(results[0]["id"], "a0");
    assert_eq!(results[5]["error"]["codeName"], "INVALID_ARGUMENT");
    assert!(
        results
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 5)
            .all(|(_, r)| r["error"]["codeName"] == "UNAVAILABLE")
    );
}

#[tokio::test]
async fn failed_lines_make_the_batch_fail_with_a_summary_by_code() {
    let input = input();
    let (out, err, ok) = run_batch(&[], &input).await;
    assert_eq!(out.lines().count(), 26);
    assert!(!ok, "two lines failed: exit status 1");
    assert!(
        err.contains("batch: 26 lines in ")
            && err.contains(": 24 prepared, 2 failed (INVALID_ARGUMENT 2)"),
        "{err}"
    );
    let (_, err, ok) = run_batch(&["--remote", &dead_address()], &input).await;
    assert!(!ok);
    assert!(
        err.contains("26 failed (INVALID_ARGUMENT 1, UNAVAILABLE 25)"),
        "{err}"
    );
    let good = input
        .lines()
        .filter(|l| l.contains("Item"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    let (_, err, ok) = run_batch(&[], &good).await;
    assert!(ok, "{err}");
}

#[tokio::test]
async fn remote_batch_reaches_a_server_with_mutual_tls_and_a_token() {
    let pki = crate::security::pki("remote");
    let dir = pki.dir.path();
    std::fs::write(dir.join("client.pem"), &pki.client_cert).expect("write");
    std::fs::write(dir.join("client.key"), &pki.client_key).expect("write");
    std::fs::write(dir.join("token"), "batch-token\n").expect("write");
    let app = crate::helpers::spawn_app_with(|s| {
        s.tls = Some(crate::security::tls_files(dir, true));
        s.auth_token_file = Some(dir.join("token"));
    })
    .await;
    // The certificate names `localhost`: the server is named so.
    let port = app.address.rsplit(':').next().expect("a port").to_owned();
    let target = format!("localhost:{port}");
    let path = |f: &str| dir.join(f).display().to_string();
    let (ca, cert, key, token) = (
        path("ca.pem"),
        path("client.pem"),
        path("client.key"),
        path("token"),
    );
    let input = input();
    let local = batch(&[], &input).await;
    let tls = [
        "--remote",
        &target,
        "--remote-ca",
        &ca,
        "--remote-cert",
        &cert,
        "--remote-key",
        &key,
    ];
    let with_token: Vec<&str> = tls
        .iter()
        .copied()
        .chain(["--remote-token-file", token.as_str()])
        .collect();
    assert_eq!(batch(&with_token, &input).await, local);
    // Without the token every line the server is sent is refused at once, not retried (the
    // unreadable line never leaves the client).
    let refused: Vec<serde_json::Value> = batch(&tls, &input)
        .await
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    let unauthenticated = refused
        .iter()
        .filter(|r| r["error"]["codeName"] == "UNAUTHENTICATED")
        .count();
    assert_eq!(unauthenticated, 25);
    assert_eq!(
        refused[0]["error"]["message"],
        format!("line 1: {target}: missing `authorization: Bearer <token>` metadata")
    );
    app.stop().await;
}

/// A name that resolves to the addresses of a table, as a DNS name of a headless Service does;
/// the table can change, as the pods behind the name do.
struct Table(std::sync::Arc<std::sync::Mutex<Vec<std::net::SocketAddr>>>);

impl Table {
    fn of(
        addresses: Vec<std::net::SocketAddr>,
    ) -> (
        Self,
        std::sync::Arc<std::sync::Mutex<Vec<std::net::SocketAddr>>>,
    ) {
        let shared = std::sync::Arc::new(std::sync::Mutex::new(addresses));
        (Self(std::sync::Arc::clone(&shared)), shared)
    }
}

impl article_prep::cli::remote::Resolve for Table {
    fn resolve(&self, _host: &str, _port: u16) -> Vec<std::net::SocketAddr> {
        self.0.lock().map(|t| t.clone()).unwrap_or_default()
    }
}

/// `batch --remote dns:///article-prep-headless:PORT` over `input`, the name resolved by `table`
/// (the port is the table's).
async fn batch_over(table: Table, input: String) -> String {
    tokio::task::spawn_blocking(move || {
        let remote = article_prep::cli::remote::Remote::with_resolver(
            "dns:///article-prep-headless:50051",
            &article_prep::cli::remote::Access::default(),
            Box::new(table),
        )
        .expect("the target reads");
        let mut out = Vec::new();
        remote
            .run(std::io::Cursor::new(input), &mut out, &[])
            .expect("the batch runs");
        String::from_utf8(out).expect("utf-8")
    })
    .await
    .expect("the batch ends")
}

/// The pipeline, counting the articles it prepares.
fn counting(count: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Preparer {
    std::sync::Arc::new(move |input, hints, options, deadline| {
        count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        article_prep::pipeline::prepare_within(input, hints, options, deadline)
    })
}

/// Two servers on the same port of two loopback addresses (`127.0.0.{a}` and `127.0.0.{b}`), as
/// two pods behind one name, each counting the articles it prepares.
async fn two_servers(
    a: u8,
    b: u8,
) -> (
    crate::helpers::TestApp,
    crate::helpers::TestApp,
    u16,
    [std::sync::Arc<std::sync::atomic::AtomicUsize>; 2],
) {
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;
    let counts = [Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0))];
    let first = spawn_app_preparing(
        |s| s.listen = std::net::SocketAddr::from(([127, 0, 0, a], 0)),
        Some(counting(Arc::clone(&counts[0]))),
    )
    .await;
    let port: u16 = first
        .address
        .rsplit(':')
        .next()
        .and_then(|p| p.parse().ok())
        .expect("port");
    let second = spawn_app_preparing(
        |s| s.listen = std::net::SocketAddr::from(([127, 0, 0, b], port)),
        Some(counting(Arc::clone(&counts[1]))),
    )
    .await;
    (first, second, port, counts)
}

#[tokio::test]
async fn a_dns_target_spreads_over_every_address_it_resolves_to() {
    use std::sync::atomic::Ordering;
    let (first, second, port, counts) = two_servers(2, 3).await;
    // The third address has no server: its share goes to the others.
    let (table, _) = Table::of(
        [2, 3, 4]
            .map(|last| std::net::SocketAddr::from(([127, 0, 0, last], port)))
            .to_vec(),
    );
    let input = input();
    let local = batch(&[], &input).await;
    let remote = batch_over(table, input).await;
    assert_eq!(remote, local);
    let served = counts.map(|c| c.load(Ordering::SeqCst));
    // 24 articles are prepared (one line is no JSON, one has a blank text); both servers take
    // a share.
    assert_eq!(served.iter().sum::<usize>(), 24, "{served:?}");
    assert!(served.iter().all(|&n| n > 0), "{served:?}");
    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn a_dns_target_follows_the_name_as_its_addresses_change() {
    use std::sync::atomic::Ordering;
    let (first, second, port, counts) = two_servers(5, 6).await;
    let at = move |last| std::net::SocketAddr::from(([127, 0, 0, last], port));
    // The name first has the first server only; then the second replaces it.
    let (table, addresses) = Table::of(vec![at(5)]);
    let input = input();
    let target = format!("dns:///article-prep-headless:{port}");
    let counted = counts.clone();
    let out = tokio::task::spawn_blocking(move || {
        let remote = article_prep::cli::remote::Remote::with_resolver(
            &target,
            &article_prep::cli::remote::Access::default(),
            Box::new(table),
        )
        .expect("the target reads")
        .resolving_every(std::time::Duration::ZERO);
        let run = |remote: &article_prep::cli::remote::Remote| {
            let mut out = Vec::new();
            remote
                .run(std::io::Cursor::new(input.clone()), &mut out, &[])
                .expect("the batch runs");
            String::from_utf8(out).expect("utf-8")
        };
        let before = run(&remote);
        let served_before = counted.clone().map(|c| c.load(Ordering::SeqCst));
        *addresses.lock().expect("the table") = vec![at(6)];
        let after = run(&remote);
        (before, served_before, after)
    })
    .await
    .expect("the batches end");
    let (before, served_before, after) = out;
    assert_eq!(before, after);
    assert_eq!(served_before, [24, 0]);
    assert_eq!(counts.map(|c| c.load(Ordering::SeqCst)), [24, 24]);
    first.stop().await;
    second.stop().await;
}

/// A TCP relay to `to` on a loopback port, as a pod's address is; `cut` closes it and every
/// connection through it at once, as a pod that goes away does.
struct Relay {
    address: std::net::SocketAddr,
    tasks: std::sync::Arc<std::sync::Mutex<Vec<tokio::task::JoinHandle<()>>>>,
}

impl Relay {
    async fn to(to: std::net::SocketAddr) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a relay port");
        let address = listener.local_addr().expect("the relay's address");
        let tasks = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let held = std::sync::Arc::clone(&tasks);
        let accept = tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                let piped = tokio::spawn(async move {
                    if let Ok(mut outbound) = tokio::net::TcpStream::connect(to).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                    }
                });
                held.lock().expect("the relay's tasks").push(piped);
            }
        });
        tasks.lock().expect("the relay's tasks").push(accept);
        Self { address, tasks }
    }

    fn cut(&self) {
        for task in self.tasks.lock().expect("the relay's tasks").drain(..) {
            task.abort();
        }
    }
}

#[tokio::test]
async fn a_server_that_goes_away_mid_batch_leaves_its_work_to_the_others() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let counts = [Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0))];
    let first_count = Arc::clone(&counts[0]);
    // The first server is slow, so that the batch is still running when it goes away.
    let slow: Preparer = Arc::new(move |input, hints, options, deadline| {
        first_count.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(std::time::Duration::from_millis(40));
        article_prep::pipeline::prepare_within(input, hints, options, deadline)
    });
    let first = spawn_app_preparing(|_| {}, Some(slow)).await;
    let second = spawn_app_preparing(|_| {}, Some(counting(Arc::clone(&counts[1])))).await;
    let address = |app: &crate::helpers::TestApp| -> std::net::SocketAddr {
        app.address
            .trim_start_matches("http://")
            .parse()
            .expect("a socket address")
    };
    let relay = Relay::to(address(&first)).await;
    let (table, _) = Table::of(vec![relay.address, address(&second)]);
    // The first server's address goes away after it has prepared three articles.
    let watched = Arc::clone(&counts[0]);
    let cutter = tokio::spawn(async move {
        while watched.load(Ordering::SeqCst) < 3 {
            tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        }
        relay.cut();
    });
    let input = input();
    let local = batch(&[], &input).await;
    let remote = batch_over(table, input).await;
    cutter.await.expect("the relay was cut");
    // Every line is answered as a local batch answers it: what the first server was working on
    // when it went away was prepared again by the second.
    assert_eq!(remote, local);
    let served = counts.map(|c| c.load(Ordering::SeqCst));
    assert!(served[0] >= 3 && served[0] < 24, "{served:?}");
    assert!(served[1] >= 24 - served[0], "{served:?}");
    first.stop().await;
    second.stop().await;
}

#[tokio::test]
async fn a_line_that_is_not_utf8_is_that_lines_error_locally_and_remotely() {
    let mut input = Vec::new();
    input.extend_from_slice(
        format!("{}\r\n", serde_json::json!({"id": "a", "text": SEED})).as_bytes(),
    );
    input.extend_from_slice(b"\xff\xfe not text\n");
    // Latin-1 `\xe9` in an otherwise readable line: its id comes back.
    input.extend_from_slice(b"{\"id\":\"latin\",\"text\":\"caf\xe9 au lait.\"}\n\n");
    input.extend_from_slice(
        format!("{}\n", serde_json::json!({"id": "c", "text": SEED})).as_bytes(),
    );
    let app = spawn_app().await;
    let target = app.address.clone();
    for args in [
        vec!["--allow-failures"],
        vec!["--allow-failures", "--remote", target.as_str()],
    ] {
        let (out, err, ok) = run_batch_bytes(&args, &input).await;
        assert!(ok, "{args:?}: {err}");
        let results: Vec<serde_json::Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).expect("a result line"))
            .collect();
        let ids: Vec<&str> = results
            .iter()
            .map(|r| r["id"].as_str().unwrap_or("?"))
            .collect();
        assert_eq!(ids, ["a", "", "latin", "c"], "{args:?}");
        assert!(results[0]["article"].is_object() && results[3]["article"].is_object());
        for refused in &results[1..3] {
            assert_eq!(refused["error"]["codeName"], "INVALID_ARGUMENT", "{args:?}");
        }
        assert_eq!(
            results[1]["error"]["message"],
            "line 2: not UTF-8 text (an invalid byte at offset 0); JSON lines are UTF-8",
            "{args:?}"
        );
        assert_eq!(
            results[2]["error"]["message"],
            "line 3: not UTF-8 text (an invalid byte at offset 25); JSON lines are UTF-8",
            "{args:?}"
        );
    }
    app.stop().await;
}
