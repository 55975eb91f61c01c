//! Admission control: at most `max_concurrent` articles run at once on the blocking pool, each
//! with its working memory reserved; at most `max_queued` wait for a slot or for memory; the
//! payloads of those held (running or waiting) count against the server's byte budget; and
//! anything beyond is refused at once instead of piling up.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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
    /// The working memory of the articles in work, a permit per KiB.
    memory: Arc<Semaphore>,
    memory_kib: u32,
}

/// The memory a request's work may use, reserved before it runs: its payload times the
/// pipeline's measured factor, in KiB, at most all of `capacity` (one of the largest size runs
/// alone rather than never).
fn working_kib(payload_bytes: usize, capacity: u32) -> u32 {
    let kib = payload_bytes
        .saturating_mul(crate::pipeline::WORKING_BYTES_PER_PAYLOAD_BYTE)
        .div_ceil(1024);
    u32::try_from(kib).unwrap_or(u32::MAX).clamp(1, capacity)
}

/// Payloads up to this size may run on the small articles' workers: a typical page's HTML is
/// well under it, and at this size even the costliest shapes take a fraction of a second
/// (`scripts/complexity`).
pub const SMALL_PAYLOAD_BYTES: usize = 1024 * 1024;

/// Working memory reserved for one article's work, given back (and gauged) when dropped.
struct Reservation {
    permit: Option<OwnedSemaphorePermit>,
    capacity_kib: u32,
}

impl Reservation {
    fn gauge(semaphore: &Semaphore, capacity_kib: u32) {
        let taken = (capacity_kib as usize).saturating_sub(semaphore.available_permits());
        gauge(metrics::WORKING_BYTES, taken * 1024);
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if let Some(permit) = self.permit.take() {
            let semaphore = Arc::clone(permit.semaphore());
            drop(permit);
            Self::gauge(&semaphore, self.capacity_kib);
        }
    }
}

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
    /// Working memory is `max_working_bytes`, reserved per request by its payload.
    #[must_use]
    pub fn new(
        max_concurrent: usize,
        max_queued: usize,
        budget: Arc<ByteBudget>,
        max_working_bytes: usize,
    ) -> Self {
        let max_concurrent = max_concurrent.max(1);
        let memory_kib = u32::try_from(max_working_bytes / 1024)
            .unwrap_or(u32::MAX)
            .clamp(1, u32::try_from(Semaphore::MAX_PERMITS).unwrap_or(u32::MAX));
        Self {
            permits: Arc::new(Semaphore::new(max_concurrent)),
            small_permits: Arc::new(Semaphore::new(max_concurrent)),
            max_concurrent,
            max_queued,
            queued: AtomicUsize::new(0),
            running: Arc::new(AtomicUsize::new(0)),
            budget,
            memory: Arc::new(Semaphore::new(memory_kib as usize)),
            memory_kib,
        }
    }

    /// A worker free now: any, or for a small article one of its own.
    fn free_worker(&self, small: bool) -> Option<OwnedSemaphorePermit> {
        Arc::clone(&self.permits)
            .try_acquire_owned()
            .or_else(|e| {
                if small {
                    Arc::clone(&self.small_permits).try_acquire_owned()
                } else {
                    Err(e)
                }
            })
            .ok()
    }

    /// Waits for a worker: any, or for a small article one of its own.
    async fn next_worker(&self, small: bool) -> Result<OwnedSemaphorePermit, Rejection> {
        let any = Arc::clone(&self.permits).acquire_owned();
        let permit = if small {
            tokio::select! {
                permit = any => permit,
                permit = Arc::clone(&self.small_permits).acquire_owned() => permit,
            }
        } else {
            any.await
        };
        permit.map_err(|_| Rejection::Panicked("admission gate closed".into()))
    }

    /// Working memory reserved now and gauged, given back when the reservation is dropped.
    fn reserved(&self, permit: OwnedSemaphorePermit) -> Reservation {
        Reservation::gauge(&self.memory, self.memory_kib);
        Reservation {
            permit: Some(permit),
            capacity_kib: self.memory_kib,
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
        let kib = working_kib(bytes, self.memory_kib);
        let free = Arc::clone(&self.memory)
            .try_acquire_many_owned(kib)
            .ok()
            .and_then(|memory| Some((memory, self.free_worker(small)?)));
        let (memory, permit) = match free {
            Some(ready) => ready,
            None => {
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
                // Memory first, then a worker, always in this order: a request holding a worker
                // never waits for memory that requests waiting for workers hold.
                let memory = Arc::clone(&self.memory)
                    .acquire_many_owned(kib)
                    .await
                    .map_err(|_| Rejection::Panicked("admission gate closed".into()))?;
                let permit = self.next_worker(small).await?;
                drop(slot);
                (memory, permit)
            }
        };
        let memory = self.reserved(memory);
        let span = tracing::Span::current();
        let running = Running::start(&self.running);
        let joined = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let _running = running;
            let _held = held;
            let _memory = memory;
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
        let gate = Arc::new(Admission::new(
            1,
            0,
            ByteBudget::new(usize::MAX),
            usize::MAX,
        ));
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
        let gate = Arc::new(Admission::new(2, 4, ByteBudget::new(100), usize::MAX));
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
        let gate = Admission::new(1, 1, ByteBudget::new(usize::MAX), usize::MAX);
        let result: Result<(), _> = gate
            .run(1, || std::panic::panic_any("boom".to_owned()))
            .await;
        assert_eq!(result, Err(Rejection::Panicked("boom".into())));
        assert_eq!(gate.run(1, || 2).await, Ok(2));
    }

    #[tokio::test]
    async fn work_waits_queued_for_its_memory_and_the_largest_runs_alone() {
        // Room for one 100 KB payload's work (10 MB) beside nothing else, and four workers.
        const PAYLOAD: usize = 100 * 1024;
        let memory = PAYLOAD * crate::pipeline::WORKING_BYTES_PER_PAYLOAD_BYTE;
        let gate = Arc::new(Admission::new(4, 4, ByteBudget::new(usize::MAX), memory));
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let busy = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(PAYLOAD, move || rx.recv().ok()).await })
        };
        while gate.memory.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        // A worker is free, the memory is not: the next request waits in the queue.
        let waiting = {
            let gate = Arc::clone(&gate);
            tokio::spawn(async move { gate.run(PAYLOAD, || 5).await })
        };
        while gate.queued.load(Ordering::Acquire) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(!waiting.is_finished());
        let _ = tx.send(());
        assert!(busy.await.is_ok_and(|r| r.is_ok()));
        assert!(waiting.await.is_ok_and(|r| r == Ok(5)));
        // A payload whose work needs more than all of it runs alone, and gives all of it back.
        assert_eq!(gate.run(PAYLOAD * 10, || 6).await, Ok(6));
        assert_eq!(gate.memory.available_permits(), memory / 1024);
        assert_eq!(working_kib(0, 10), 1);
        assert_eq!(working_kib(usize::MAX, 10), 10);
    }
}
