//! Words of dates and times: the furniture of time stamps and age lines.

use super::Words;

/// The words of a time stamp or an age line (`7H ago 08:51`, `Nov 7 23:05`), folded.
#[rustfmt::skip]
pub(crate) static STAMP_WORDS: Words = Words::new(&[
    (&["en"], &[
        "a", "ago", "am", "an", "apr", "aug", "d", "day", "days", "dec", "feb", "h", "hour",
        "hours", "jan", "jul", "jun", "m", "mar", "may", "min", "mins", "minute", "minutes", "nov",
        "oct", "pm", "published", "sep", "updated",
    ]),
]);

/// Labels that open a short time-stamp line, lower case.
#[rustfmt::skip]
pub(crate) static STAMP_LABELS: Words = Words::new(&[
    (&["en"], &[
        "last updated", "posted", "published", "updated",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("STAMP_WORDS", &STAMP_WORDS, Folded, Sorted, Union),
        checked("STAMP_LABELS", &STAMP_LABELS, Lower, Sorted, Union),
    ]
}
