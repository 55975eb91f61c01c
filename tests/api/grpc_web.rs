//! gRPC-Web on the gRPC port (`--grpc-web`): a browser's grpc-web call over HTTP/1.1 is answered
//! with the article and its status in the trailer frame, CORS lets another origin make it, and
//! the port speaks no HTTP/1.1 without the flag.

use prost::Message;

use article_prep::api::proto::{PrepareRequest, PreparedArticle};

use crate::helpers::{Http1Reply, SEED, http1, spawn_app_with, text_request};

fn address(app: &crate::helpers::TestApp) -> std::net::SocketAddr {
    app.address
        .trim_start_matches("http://")
        .parse()
        .expect("a socket address")
}

/// A grpc-web `Prepare` call, as a browser's client sends it.
async fn grpc_web_prepare(at: std::net::SocketAddr, request: &PrepareRequest) -> Http1Reply {
    let message = request.encode_to_vec();
    let mut body = vec![0u8];
    body.extend_from_slice(&u32::try_from(message.len()).expect("small").to_be_bytes());
    body.extend_from_slice(&message);
    let mut raw = format!(
        "POST /articleprep.v1.ArticlePrep/Prepare HTTP/1.1\r\nHost: test\r\n\
         Content-Type: application/grpc-web+proto\r\nX-Grpc-Web: 1\r\n\
         Origin: http://inspector.example\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    raw.extend_from_slice(&body);
    http1(at, &raw).await
}

/// The frames of a grpc-web reply: (flag, payload); flag 0x80 is the trailers.
fn frames(mut body: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    while body.len() >= 5 {
        let len = u32::from_be_bytes([body[1], body[2], body[3], body[4]]) as usize;
        out.push((body[0], body[5..5 + len].to_vec()));
        body = &body[5 + len..];
    }
    out
}

#[tokio::test]
async fn a_grpc_web_call_gets_the_article_and_its_status_in_the_trailers() {
    let app = spawn_app_with(|s| s.grpc_web = true).await;
    let at = address(&app);
    let reply = grpc_web_prepare(at, &text_request("web", SEED)).await;
    assert_eq!(reply.code, 200, "{}", reply.head);
    assert!(
        reply
            .head
            .contains("content-type: application/grpc-web+proto")
    );
    assert!(reply.head.contains("access-control-allow-origin: *"));
    let frames = frames(&reply.body);
    let [(0, message), (0x80, trailers)] = frames.as_slice() else {
        panic!(
            "frames: {:?}",
            frames.iter().map(|f| f.0).collect::<Vec<_>>()
        );
    };
    let article = PreparedArticle::decode(message.as_slice()).expect("a PreparedArticle");
    assert_eq!(article.id, "web");
    assert_eq!(article.quotes.len(), 17);
    assert!(String::from_utf8_lossy(trailers).contains("grpc-status:0"));
    // A refusal is a trailers-only answer: its code and message in the head.
    let reply = grpc_web_prepare(at, &text_request("blank", " ")).await;
    assert_eq!(reply.code, 200);
    assert!(
        reply.head.contains("grpc-status: 3")
            && reply
                .head
                .contains("grpc-message: payload%20text%20is%20empty"),
        "{}",
        reply.head
    );
    // The preflight a browser sends first.
    let preflight = http1(
        at,
        b"OPTIONS /articleprep.v1.ArticlePrep/Prepare HTTP/1.1\r\nHost: test\r\n\
          Origin: http://inspector.example\r\nAccess-Control-Request-Method: POST\r\n\
          Access-Control-Request-Headers: content-type,x-grpc-web,authorization\r\n\
          Connection: close\r\n\r\n",
    )
    .await;
    assert_eq!(preflight.code, 200, "{}", preflight.head);
    assert!(
        preflight.head.contains("access-control-allow-headers")
            && preflight.head.contains("x-grpc-web")
            && preflight.head.contains("authorization"),
        "{}",
        preflight.head
    );
    app.stop().await;
}

#[tokio::test]
async fn without_the_flag_the_grpc_port_speaks_no_http1() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app_with(|_| {}).await;
    let mut stream = tokio::net::TcpStream::connect(address(&app))
        .await
        .expect("connects");
    stream
        .write_all(
            b"POST /articleprep.v1.ArticlePrep/Prepare HTTP/1.1\r\nHost: test\r\n\
              Content-Type: application/grpc-web+proto\r\nContent-Length: 0\r\n\r\n",
        )
        .await
        .expect("request sent");
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply).await;
    // HTTP/2 only: the connection is closed with no HTTP/1.1 answer.
    assert!(
        !reply.starts_with(b"HTTP/1.1"),
        "{}",
        String::from_utf8_lossy(&reply)
    );
    app.stop().await;
}
