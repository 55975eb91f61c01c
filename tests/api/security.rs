//! TLS, mutual TLS and the bearer token, with certificates made for the test (rcgen).

use std::path::Path;

use article_prep::api::proto::article_prep_client::ArticlePrepClient;
use article_prep::config::TlsFiles;
use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
use tonic::Code;
use tonic::transport::{Certificate, Channel, ClientTlsConfig, Identity};
use tonic_health::pb::health_client::HealthClient;

use crate::helpers::{SEED, spawn_app_with, text_request, token_file};

pub struct Pki {
    /// Removed, keys and all, when the test ends.
    pub dir: tempfile::TempDir,
    pub ca_pem: String,
    pub client_cert: String,
    pub client_key: String,
}

/// A CA, a server certificate for `localhost` and a client certificate, written to a fresh folder.
pub fn pki(name: &str) -> Pki {
    let dir = tempfile::Builder::new()
        .prefix(&format!("article-prep-{name}-"))
        .tempdir()
        .expect("temp dir");
    let ca_key = KeyPair::generate().expect("key");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).expect("params");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).expect("ca");
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf = |names: Vec<String>| {
        let key = KeyPair::generate().expect("key");
        let cert = CertificateParams::new(names)
            .expect("params")
            .signed_by(&key, &issuer)
            .expect("signed");
        (cert.pem(), key.serialize_pem())
    };
    let (server_cert, server_key) = leaf(vec!["localhost".into()]);
    let (client_cert, client_key) = leaf(vec!["client".into()]);
    std::fs::write(dir.path().join("server.pem"), server_cert).expect("write");
    std::fs::write(dir.path().join("server.key"), server_key).expect("write");
    std::fs::write(dir.path().join("ca.pem"), ca_cert.pem()).expect("write");
    Pki {
        dir,
        ca_pem: ca_cert.pem(),
        client_cert,
        client_key,
    }
}

pub fn tls_files(dir: &Path, mutual: bool) -> TlsFiles {
    TlsFiles {
        cert: dir.join("server.pem"),
        key: dir.join("server.key"),
        client_ca: mutual.then(|| dir.join("ca.pem")),
    }
}

async fn tls_channel(address: &str, pki: &Pki, with_client_cert: bool) -> Option<Channel> {
    let mut tls = ClientTlsConfig::new()
        .ca_certificate(Certificate::from_pem(&pki.ca_pem))
        .domain_name("localhost");
    if with_client_cert {
        tls = tls.identity(Identity::from_pem(&pki.client_cert, &pki.client_key));
    }
    Channel::from_shared(address.to_owned())
        .ok()?
        .tls_config(tls)
        .ok()?
        .connect()
        .await
        .ok()
}

#[tokio::test]
async fn tls_serves_and_plaintext_is_refused() {
    let pki = pki("tls");
    let app = spawn_app_with(|s| s.tls = Some(tls_files(pki.dir.path(), false))).await;
    let channel = tls_channel(&app.address, &pki, false)
        .await
        .expect("a TLS client connects");
    let answer = ArticlePrepClient::new(channel)
        .prepare(text_request("tls", SEED))
        .await
        .expect("prepared over TLS");
    assert!(!answer.into_inner().text.is_empty());
    let plain = app.address.replacen("https://", "http://", 1);
    let refused = match ArticlePrepClient::connect(plain).await {
        Ok(mut client) => client.prepare(text_request("plain", SEED)).await.is_err(),
        Err(_) => true,
    };
    assert!(refused, "a plaintext call to a TLS port must fail");
    app.stop().await;
}

#[tokio::test]
async fn mutual_tls_requires_a_client_certificate() {
    let pki = pki("mtls");
    let app = spawn_app_with(|s| s.tls = Some(tls_files(pki.dir.path(), true))).await;
    let with_cert = tls_channel(&app.address, &pki, true)
        .await
        .expect("a client with a certificate connects");
    assert!(
        ArticlePrepClient::new(with_cert)
            .prepare(text_request("mtls", SEED))
            .await
            .is_ok()
    );
    let without = match tls_channel(&app.address, &pki, false).await {
        Some(channel) => ArticlePrepClient::new(channel)
            .prepare(text_request("anonymous", SEED))
            .await
            .is_err(),
        None => true,
    };
    assert!(without, "a client without a certificate must be refused");
    app.stop().await;
}

#[tokio::test]
async fn the_bearer_token_guards_the_service_but_not_health() {
    let (_dir, token_file) = token_file("s3cret-token");
    let app = spawn_app_with(|s| s.auth_token_file = Some(token_file.clone())).await;
    let mut client = app.client.clone();

    let missing = client
        .prepare(text_request("none", SEED))
        .await
        .expect_err("no token");
    assert_eq!(missing.code(), Code::Unauthenticated);
    assert_eq!(
        missing.message(),
        "missing `authorization: Bearer <token>` metadata"
    );

    let mut wrong = tonic::Request::new(text_request("wrong", SEED));
    wrong
        .metadata_mut()
        .insert("authorization", "Bearer guess".parse().expect("ascii"));
    let wrong = client.prepare(wrong).await.expect_err("wrong token");
    assert_eq!(
        (wrong.code(), wrong.message()),
        (Code::Unauthenticated, "bearer token not accepted")
    );

    let mut right = tonic::Request::new(text_request("right", SEED));
    right.metadata_mut().insert(
        "authorization",
        "Bearer s3cret-token".parse().expect("ascii"),
    );
    assert!(client.prepare(right).await.is_ok());

    let channel = Channel::from_shared(app.address.clone())
        .expect("uri")
        .connect()
        .await
        .expect("connects");
    let health = HealthClient::new(channel)
        .check(tonic_health::pb::HealthCheckRequest {
            service: String::new(),
        })
        .await;
    assert!(health.is_ok(), "probes need no token");
    app.stop().await;
}
