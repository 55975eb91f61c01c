//! The bytes the server holds for its clients, under one budget (`--max-held-bytes`): request
//! bodies being received, payloads queued or in work (the admission gate), and replies the client
//! has not taken yet. A call that would pass the budget while others hold bytes is refused at
//! once with RESOURCE_EXHAUSTED; one call alone always runs. Stalled uploads and slow readers so
//! cost the budget, not the pod's memory.

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use bytes::{Buf, Bytes};
use http_body::{Body, Frame, SizeHint};
use tonic::Status;

use super::metrics;
use crate::api::errors::{self, OverBudget};

/// The server-wide count of held bytes and its limit.
#[derive(Debug)]
pub struct ByteBudget {
    held: AtomicUsize,
    limit: usize,
}

impl ByteBudget {
    /// A budget of `limit` bytes.
    #[must_use]
    pub fn new(limit: usize) -> Arc<Self> {
        Arc::new(Self {
            held: AtomicUsize::new(0),
            limit,
        })
    }

    /// Bytes held now (the tests' view; the gauge is the operators').
    #[cfg(test)]
    pub fn held(&self) -> usize {
        self.held.load(Ordering::Acquire)
    }

    /// An empty hold on this budget, grown as its call receives or produces bytes.
    #[must_use]
    pub fn hold(self: &Arc<Self>) -> Hold {
        Hold {
            budget: Arc::clone(self),
            bytes: 0,
        }
    }
}

/// Bytes one call holds, given back when it is dropped, however the call ends.
#[derive(Debug)]
pub struct Hold {
    budget: Arc<ByteBudget>,
    bytes: usize,
}

impl Hold {
    /// Holds `bytes` more, unless the budget would be passed while other calls hold bytes.
    ///
    /// # Errors
    /// `OverBudget` with the count held and the budget.
    pub fn try_grow(&mut self, bytes: usize) -> Result<(), OverBudget> {
        let count = &self.budget.held;
        let mut held = count.load(Ordering::Acquire);
        loop {
            let total = held.saturating_add(bytes);
            if held > self.bytes && total > self.budget.limit {
                ::metrics::counter!(metrics::SHED).increment(1);
                return Err(OverBudget {
                    held,
                    bytes,
                    budget: self.budget.limit,
                });
            }
            match count.compare_exchange_weak(held, total, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => {
                    self.bytes += bytes;
                    gauge(total);
                    return Ok(());
                }
                Err(now) => held = now,
            }
        }
    }

    /// Holds `bytes` more whatever the budget: work already done (a reply) is not thrown away,
    /// it makes the next call wait.
    pub fn grow(&mut self, bytes: usize) {
        let total = self.budget.held.fetch_add(bytes, Ordering::AcqRel) + bytes;
        self.bytes += bytes;
        gauge(total);
    }

    /// Gives back all but `bytes`.
    fn shrink_to(&mut self, bytes: usize) {
        if bytes < self.bytes {
            let given = self.bytes - bytes;
            let total = self.budget.held.fetch_sub(given, Ordering::AcqRel) - given;
            self.bytes = bytes;
            gauge(total);
        }
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        self.shrink_to(0);
    }
}

#[allow(clippy::cast_precision_loss)] // a gauge
fn gauge(held: usize) {
    ::metrics::gauge!(metrics::HELD_BYTES).set(held as f64);
}

/// The 5-byte prefix of a gRPC message: a compression flag and the length.
const MESSAGE_PREFIX: usize = 5;

/// A request body counted against the budget as it arrives. The decoder asks for more only when
/// it holds no whole message, so at each poll the bytes held are those of the message still
/// being received; whole messages already read are given back.
#[derive(Debug)]
pub struct ReceivedBody<B> {
    inner: B,
    hold: Hold,
    /// Bytes received of the message not yet complete (prefix included).
    partial: usize,
    /// The prefix read so far, and the bytes of the message body still to come.
    prefix: [u8; MESSAGE_PREFIX],
    prefix_read: usize,
    remaining: usize,
}

impl<B> ReceivedBody<B> {
    /// `inner`, counted against `budget`.
    pub fn new(inner: B, budget: &Arc<ByteBudget>) -> Self {
        Self {
            inner,
            hold: budget.hold(),
            partial: 0,
            prefix: [0; MESSAGE_PREFIX],
            prefix_read: 0,
            remaining: 0,
        }
    }

    /// Follows the gRPC framing through `chunk`, so that `partial` is the incomplete tail.
    fn follow(&mut self, mut chunk: &[u8]) {
        while !chunk.is_empty() {
            if self.remaining > 0 {
                let take = self.remaining.min(chunk.len());
                self.remaining -= take;
                self.partial += take;
                chunk = &chunk[take..];
            } else {
                let take = (MESSAGE_PREFIX - self.prefix_read).min(chunk.len());
                self.prefix[self.prefix_read..self.prefix_read + take]
                    .copy_from_slice(&chunk[..take]);
                self.prefix_read += take;
                self.partial += take;
                chunk = &chunk[take..];
                if self.prefix_read == MESSAGE_PREFIX {
                    let length = [
                        self.prefix[1],
                        self.prefix[2],
                        self.prefix[3],
                        self.prefix[4],
                    ];
                    self.remaining = u32::from_be_bytes(length) as usize;
                    self.prefix_read = 0;
                }
            }
            if self.remaining == 0 && self.prefix_read == 0 {
                self.partial = 0;
            }
        }
    }
}

impl<B> Body for ReceivedBody<B>
where
    B: Body<Data = Bytes, Error = Status> + Unpin,
{
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        let partial = this.partial;
        this.hold.shrink_to(partial);
        let frame = std::task::ready!(Pin::new(&mut this.inner).poll_frame(cx));
        if let Some(Ok(frame)) = &frame
            && let Some(data) = frame.data_ref()
        {
            if let Err(over) = this.hold.try_grow(data.len()) {
                tracing::warn!(%over, "request refused while being received");
                return Poll::Ready(Some(Err(errors::over_budget(&over))));
            }
            let data = data.clone();
            this.follow(&data);
        }
        Poll::Ready(frame)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// The largest piece of a reply handed to the transport at once. The transport takes the next
/// piece only when the client has room for more, so a slow reader leaves its reply here, held
/// against the budget, not in the transport's buffers.
const REPLY_PIECE: usize = 64 * 1024;

/// A reply counted against the budget from when it is made until the client has taken it.
#[derive(Debug)]
pub struct SentBody<B> {
    inner: B,
    hold: Hold,
    /// Reply bytes made and not yet handed to the transport.
    pending: Bytes,
}

impl<B> SentBody<B> {
    /// `inner`, counted against `budget`.
    pub fn new(inner: B, budget: &Arc<ByteBudget>) -> Self {
        Self {
            inner,
            hold: budget.hold(),
            pending: Bytes::new(),
        }
    }
}

impl<B> Body for SentBody<B>
where
    B: Body<Data = Bytes, Error = Status> + Unpin,
{
    type Data = Bytes;
    type Error = Status;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Status>>> {
        let this = &mut *self;
        if this.pending.is_empty() {
            match std::task::ready!(Pin::new(&mut this.inner).poll_frame(cx)) {
                Some(Ok(frame)) => match frame.into_data() {
                    Ok(mut data) => {
                        this.hold.grow(data.remaining());
                        this.pending = data.copy_to_bytes(data.remaining());
                    }
                    Err(frame) => return Poll::Ready(Some(Ok(frame))),
                },
                other => return Poll::Ready(other),
            }
        }
        let piece = this.pending.split_to(this.pending.len().min(REPLY_PIECE));
        Poll::Ready(Some(Ok(Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.pending.is_empty() && self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        let mut hint = self.inner.size_hint();
        let pending = self.pending.len() as u64;
        hint.set_lower(hint.lower().saturating_add(pending));
        if let Some(upper) = hint.upper() {
            hint.set_upper(upper.saturating_add(pending));
        }
        hint
    }
}

/// The health service's path: probes are tiny and must be answered while the budget is spent.
const HEALTH_PATH: &str = "/grpc.health.v1.Health/";

/// Counts every call's request body and reply against the budget (health probes excepted).
#[derive(Debug, Clone)]
pub struct HeldBytesLayer {
    budget: Arc<ByteBudget>,
}

impl HeldBytesLayer {
    /// The layer for `budget`.
    #[must_use]
    pub fn new(budget: Arc<ByteBudget>) -> Self {
        Self { budget }
    }
}

impl<S> tower::Layer<S> for HeldBytesLayer {
    type Service = HeldBytes<S>;

    fn layer(&self, inner: S) -> Self::Service {
        HeldBytes {
            inner,
            budget: Arc::clone(&self.budget),
        }
    }
}

/// The service of [`HeldBytesLayer`].
#[derive(Debug, Clone)]
pub struct HeldBytes<S> {
    inner: S,
    budget: Arc<ByteBudget>,
}

type BoxFuture<T> = Pin<Box<dyn std::future::Future<Output = T> + Send>>;

impl<S> tower::Service<http::Request<tonic::body::Body>> for HeldBytes<S>
where
    S: tower::Service<
            http::Request<tonic::body::Body>,
            Response = http::Response<tonic::body::Body>,
        >,
    S::Future: Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = S::Error;
    type Future = BoxFuture<Result<Self::Response, Self::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: http::Request<tonic::body::Body>) -> Self::Future {
        if request.uri().path().starts_with(HEALTH_PATH) {
            return Box::pin(self.inner.call(request));
        }
        let budget = Arc::clone(&self.budget);
        let request = request.map(|body| tonic::body::Body::new(ReceivedBody::new(body, &budget)));
        let response = self.inner.call(request);
        Box::pin(async move {
            let response = response.await?;
            Ok(response.map(|body| tonic::body::Body::new(SentBody::new(body, &budget))))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_call_alone_may_pass_the_budget_and_others_are_refused_until_it_ends() {
        let budget = ByteBudget::new(100);
        let mut first = budget.hold();
        assert_eq!(first.try_grow(150), Ok(()));
        let mut second = budget.hold();
        assert_eq!(
            second.try_grow(1),
            Err(OverBudget {
                held: 150,
                bytes: 1,
                budget: 100
            })
        );
        // Its own bytes do not count against a call that grows alone.
        assert_eq!(first.try_grow(10), Ok(()));
        drop(first);
        assert_eq!(budget.held(), 0);
        assert_eq!(second.try_grow(60), Ok(()));
        second.grow(60);
        assert_eq!(budget.held(), 120);
        drop(second);
        assert_eq!(budget.held(), 0);
    }

    #[test]
    fn the_framing_leaves_only_the_incomplete_message_held() {
        let budget = ByteBudget::new(usize::MAX);
        let mut body = ReceivedBody::new((), &budget);
        let message = |length: u32, body: usize| {
            let mut bytes = vec![0];
            bytes.extend_from_slice(&length.to_be_bytes());
            bytes.extend(std::iter::repeat_n(7, body));
            bytes
        };
        // A whole message and the first 3 bytes of the next one's 10.
        let mut chunk = message(4, 4);
        chunk.extend(message(10, 3));
        body.follow(&chunk);
        assert_eq!(body.partial, MESSAGE_PREFIX + 3);
        // The prefix itself split across chunks.
        body.follow(&[7; 7]);
        assert_eq!(body.partial, 0);
        body.follow(&[0, 0, 0]);
        assert_eq!(body.partial, 3);
        body.follow(&[0, 2, 1, 1]);
        assert_eq!(body.partial, 0);
    }

    #[tokio::test]
    async fn a_reply_is_handed_out_in_pieces_and_held_until_it_is_taken() {
        use http_body_util::BodyExt;
        let budget = ByteBudget::new(1);
        let reply = http_body_util::Full::new(Bytes::from(vec![1u8; 3 * REPLY_PIECE + 10]))
            .map_err(|never| match never {});
        let mut body = SentBody::new(reply, &budget);
        let mut pieces = Vec::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|s| s.to_string());
            pieces.extend(frame.ok().and_then(|f| f.into_data().ok()).map(|d| d.len()));
            // A reply is made whatever the budget, and held while the client takes it.
            assert_eq!(budget.held(), 3 * REPLY_PIECE + 10);
        }
        assert_eq!(pieces, [REPLY_PIECE, REPLY_PIECE, REPLY_PIECE, 10]);
        drop(body);
        assert_eq!(budget.held(), 0);
    }
}
