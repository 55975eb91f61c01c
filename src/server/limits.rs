//! Admission control: at most `max_concurrent` articles run at once on the blocking pool, at most
//! `max_queued` wait for a slot, the payloads of those held (running or waiting) count against the
//! server's byte budget, and anything beyond is refused at once instead of piling up.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::Semaphore;

use super::buffers::{ByteBudget, Hold};
use super::metrics;
use crate::api::errors::{self, Rejection};

/// The admission gate in front of the CPU pool.
#[derive(Debug)]
pub struct Admission {
    permits: Arc<Semaphore>,
    /// Workers only small articles may use besides `permits`, so that a few large or slow ones
    /// cannot hold up the typical request.
    small_permits: Arc<Semaphore>,
    max_concurrent: usize,
    max_queued: usize,
    queued: AtomicUsize,
    running: Arc<AtomicUsize>,
    /// Where the payloads of the requests running or queued are held.
    budget: Arc<ByteBudget>,
}

/// Payloads up to this size may run on the small articles' workers: a typical page's HTML is
/// well under it, and at this size even the costliest shapes take a fraction of a second
/// (`scripts/complexity`).
pub const SMALL_PAYLOAD_BYTES: usize = 1024 * 1024;

/// Decrements the queue count however the wait ends (a cancelled request included).
struct QueueSlot<'a>(&'a AtomicUsize);

impl Drop for QueueSlot<'_> {
    fn drop(&mut self) {
        let left = self.0.fetch_sub(1, Ordering::AcqRel) - 1;
        gauge(metrics::QUEUED, left);
    }
}

/// Counts an article as running for as long as its worker holds it.
struct Running(Arc<AtomicUsize>);

impl Running {
    fn start(count: &Arc<AtomicUsize>) -> Self {
        gauge(metrics::IN_FLIGHT, count.fetch_add(1, Ordering::AcqRel) + 1);
        Self(Arc::clone(count))
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        gauge(
            metrics::IN_FLIGHT,
            self.0.fetch_sub(1, Ordering::AcqRel) - 1,
        );
    }
}

#[allow(clippy::cast_precision_loss)] // counts are small
fn gauge(name: &'static str, value: usize) {
    ::metrics::gauge!(name).set(value as f64);
}

impl Admission {
    /// A gate with `max_concurrent` workers for any article, as many more for small ones, and
    /// room for `max_queued` waiting requests, whose payloads are held against `budget` (a
    /// request alone is always admitted, so one of the largest size never waits for a budget
    /// smaller than itself).
    #[must_use]
    pub fn new(max_concurrent: usize, max_queued: usize, budget: Arc<ByteBudget>) -> Self {
        let max_concurrent = max_concurrent.max(1);
        Self {
            permits: Arc::new(Semaphore::new(max_concurrent)),
            small_permits: Arc::new(Semaphore::new(max_concurrent)),
            max_concurrent,
            max_queued,
            queued: AtomicUsize::new(0),
            running: Arc::new(AtomicUsize::new(0)),
            budget,
        }
    }

    /// Counts `bytes` as held, unless the budget would be passed with something else held.
    fn hold(&self, bytes: usize) -> Result<Hold, Rejection> {
        let mut hold = self.budget.hold();
        hold.try_grow(bytes)?;
        Ok(hold)
    }

    /// Runs `work` (whose payload is `bytes` long) on the blocking pool once a worker is free, in
    /// the caller's tracing span.
    ///
    /// # Errors
    /// `Overloaded` at once when the queue is full, `OverBudget` when the bytes held would pass
    /// the budget; `Panicked` when `work` panics.
    pub async fn run<T, F>(&self, bytes: usize, work: F) -> Result<T, Rejection>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let held = self.hold(bytes)?;
        let small = bytes <= SMALL_PAYLOAD_BYTES;
        let free = Arc::clone(&self.permits).try_acquire_owned().or_else(|e| {
            if small {
                Arc::clone(&self.small_permits).try_acquire_owned()
            } else {
                Err(e)
            }
        });
        let permit = match free {
            Ok(permit) => permit,
            Err(_) => {
                let queued = self.queued.fetch_add(1, Ordering::AcqRel);
                gauge(metrics::QUEUED, queued + 1);
                let slot = QueueSlot(&self.queued);
                if queued >= self.max_queued {
                    drop(slot);
                    ::metrics::counter!(metrics::SHED).increment(1);
                    return Err(Rejection::Overloaded {
                        in_flight: self.max_concurrent,
                        queued,
                    });
                }
                let any = Arc::clone(&self.permits).acquire_owned();
                let permit = if small {
                    tokio::select! {
                        permit = any => permit,
                        permit = Arc::clone(&self.small_permits).acquire_owned() => permit,
                    }
                } else {
                    any.await
                };
                drop(slot);
                permit.map_err(|_| Rejection::Panicked("admission gate closed".into()))?
            }
        };
        let span = tracing::Span::current();
        let running = Running::start(&self.running);
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _running = running;
            let _held = held;
            span.in_scope(|| std::panic::catch_unwind(AssertUnwindSafe(work)))
        })
        .await;
        match joined {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(panic)) => {
                metrics::record_panic("pipeline");
                Err(Rejection::Panicked(errors::panic_message(panic.as_ref())))
            }
            Err(join) => Err(Rejection::Panicked(join.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::errors::OverBudget;

    #[tokio::test]
    async fn a_full_queue_refuses_at_once_and_small_articles_have_workers_of_their_own() {
        const LARGE: usize = SMALL_PAYLOAD_BYTES + 1;
        let gate = Arc::new(Admission::new(1, 0, ByteBudget::new(usize::MAX)));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(LARGE, move || rx.recv().ok()).await })
        };
        while gate.permits.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let refused = gate.run(LARGE, || ()).await;
        assert!(matches!(refused, Err(Rejection::Overloaded { .. })));
        // The large article holds the only worker; a small one runs beside it.
        assert_eq!(gate.run(1, || 2).await, Ok(2));
        let _ = tx.send(());
        assert!(busy.await.is_ok_and(|r| r.is_ok()));
        assert!(gate.run(LARGE, || 1).await.is_ok());
    }

    #[tokio::test]
    async fn payloads_held_past_the_budget_are_refused_and_released_after() {
        let gate = Arc::new(Admission::new(2, 4, ByteBudget::new(100)));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(80, move || rx.recv().ok()).await })
        };
        while gate.budget.held() == 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(
            gate.run(30, || ()).await,
            Err(Rejection::OverBudget(OverBudget {
                held: 80,
                bytes: 30,
                budget: 100
            }))
        );
        assert!(gate.run(20, || ()).await.is_ok());
        let _ = tx.send(());
        assert!(busy.await.is_ok_and(|r| r.is_ok()));
        assert_eq!(gate.budget.held(), 0);
        // Alone, a request larger than the budget still runs.
        assert_eq!(gate.run(500, || 3).await, Ok(3));
    }

    #[tokio::test]
    async fn a_panic_is_caught_and_reported() {
        let gate = Admission::new(1, 1, ByteBudget::new(usize::MAX));
        let result: Result<(), _> = gate
            .run(1, || std::panic::panic_any("boom".to_owned()))
            .await;
        assert_eq!(result, Err(Rejection::Panicked("boom".into())));
        assert_eq!(gate.run(1, || 2).await, Ok(2));
    }
}
