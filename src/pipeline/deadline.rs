//! The time one preparation may take. The pipeline reads the clock between stages, and a request
//! past its deadline stops there: its worker is free again after one stage at most, and every
//! stage costs about linear time in the input.

use std::time::{Duration, Instant};

use super::error::PrepError;

/// When a preparation must have finished, if ever.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// No deadline: the whole pipeline runs.
    #[must_use]
    pub const fn none() -> Self {
        Self(None)
    }

    /// `budget` from now.
    #[must_use]
    pub fn after(budget: Duration) -> Self {
        Self(Instant::now().checked_add(budget))
    }

    /// The deadline at `at`.
    #[must_use]
    pub const fn at(at: Instant) -> Self {
        Self(Some(at))
    }

    /// Whether the time has run out.
    #[must_use]
    pub fn passed(&self) -> bool {
        self.0.is_some_and(|at| Instant::now() >= at)
    }

    /// Fails once the time has run out, naming the stage about to start.
    ///
    /// # Errors
    /// [`PrepError::DeadlineExceeded`] when the deadline has passed.
    pub fn check(&self, next_stage: &'static str) -> Result<(), PrepError> {
        if self.passed() {
            Err(PrepError::DeadlineExceeded { next_stage })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passed_deadline_fails_and_none_never_does() {
        assert!(Deadline::none().check("quotes").is_ok());
        assert!(
            Deadline::after(Duration::from_secs(3600))
                .check("quotes")
                .is_ok()
        );
        let passed = Deadline::at(Instant::now());
        assert_eq!(
            passed.check("quotes"),
            Err(PrepError::DeadlineExceeded {
                next_stage: "quotes"
            })
        );
    }

    #[test]
    fn the_pipeline_stops_at_a_passed_deadline() {
        let options = crate::pipeline::Options::default();
        let hints = crate::pipeline::Hints::default();
        let text = || crate::pipeline::Input::Text("The council met. It voted.".into());
        let late =
            crate::pipeline::prepare_within(text(), &hints, &options, Deadline::at(Instant::now()));
        assert_eq!(
            late.err(),
            Some(PrepError::DeadlineExceeded {
                next_stage: "parse"
            })
        );
        let on_time = crate::pipeline::prepare_within(
            text(),
            &hints,
            &options,
            Deadline::after(Duration::from_secs(60)),
        );
        assert!(on_time.is_ok());
    }
}
