//! Words of dates and times: months, the labels that open a date line or mark a revision, and the
//! furniture of time stamps and age lines.

use super::Words;

/// Month names, in calendar order: a month's number is its place here.
#[rustfmt::skip]
pub(crate) static MONTHS: Words = Words::new(&[
    (&["en"], &[
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december",
    ]),
]);

/// Month abbreviations a date may be written with (`Feb. 14, 2025`, `14 Sept 2025`).
#[rustfmt::skip]
pub(crate) static MONTH_ABBREVIATIONS: Words = Words::new(&[
    (&["en"], &[
        "apr", "aug", "dec", "feb", "jan", "jul", "jun", "mar", "may", "nov", "oct", "sep", "sept",
    ]),
]);

/// The days of the week, Monday first.
#[rustfmt::skip]
pub(crate) static WEEKDAYS: Words = Words::new(&[
    (&["en"], &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ]),
]);

/// Words before a date that say it is a revision, not the publication (lower case, found
/// anywhere in the label).
#[rustfmt::skip]
pub(crate) static UPDATE_LABELS: Words = Words::new(&[
    (&["en"], &[
        "last active", "last edited", "modified", "reviewed", "revised", "updated",
    ]),
    (&["de"], &[
        "aktualisiert",
    ]),
    (&["fr"], &[
        "mis à jour",
    ]),
    (&["es"], &[
        "actualizado",
    ]),
]);

/// Labels that open a date line or a time stamp (`Published on …`, `Updated …`), lower case.
#[rustfmt::skip]
pub(crate) static DATE_LABELS: Words = Words::new(&[
    (&["en"], &[
        "last updated", "posted", "published", "updated",
    ]),
]);

/// The words of a time stamp or an age line (`7H ago 08:51`), folded; month abbreviations
/// (`Nov 7 23:05`) are [`MONTH_ABBREVIATIONS`].
#[rustfmt::skip]
pub(crate) static STAMP_WORDS: Words = Words::new(&[
    (&["en"], &[
        "a", "ago", "am", "an", "d", "day", "days", "h", "hour", "hours", "m", "min", "mins",
        "minute", "minutes", "pm", "published", "updated",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::AsWritten, Order::Sorted, Read::Union, checked};
    vec![
        checked("MONTHS", &MONTHS, Folded, AsWritten, Union),
        checked(
            "MONTH_ABBREVIATIONS",
            &MONTH_ABBREVIATIONS,
            Folded,
            Sorted,
            Union,
        ),
        checked("WEEKDAYS", &WEEKDAYS, Folded, AsWritten, Union),
        checked("UPDATE_LABELS", &UPDATE_LABELS, Lower, Sorted, Union),
        checked("DATE_LABELS", &DATE_LABELS, Lower, Sorted, Union),
        checked("STAMP_WORDS", &STAMP_WORDS, Folded, Sorted, Union),
    ]
}
