//! Words about people: the jobs and openers of bylines.

use super::Words;

/// Jobs at a publication, as a closing author note names them (`X is a senior editor at …`).
#[rustfmt::skip]
pub(crate) static JOURNALIST_ROLES: Words = Words::new(&[
    (&["en"], &[
        "author of", "columnist", "contributor", "correspondent", "editor", "freelance",
        "journalist", "reporter", "staff writer", "writer",
    ]),
]);

/// How a short byline line opens, lower case as written.
#[rustfmt::skip]
pub(crate) static BYLINE_LINE_OPENERS: Words = Words::new(&[
    (&["en"], &[
        "author:", "by ", "posted by", "text:", "words:", "written by",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("JOURNALIST_ROLES", &JOURNALIST_ROLES, Folded, Sorted, Union),
        checked(
            "BYLINE_LINE_OPENERS",
            &BYLINE_LINE_OPENERS,
            Lower,
            Sorted,
            Union,
        ),
    ]
}
