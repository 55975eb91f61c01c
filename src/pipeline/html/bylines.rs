//! What reads as a byline where the walk meets it: a line that opens as bylines do, or a
//! byline's label alone. The walk collects such lines; the metadata room reads names from them.

use crate::pipeline::lexicon::names::BYLINE_OPENERS;

/// A short line that opens the way bylines do: `By …`, `Written by …`, `Text by …`.
pub(crate) fn is_byline_line(text: &str) -> bool {
    // `Author: …` in running text labels a field (a book reviewed), not the article's byline.
    let opens = text.starts_with(char::is_uppercase)
        && BYLINE_OPENERS
            .opening(text)
            .is_some_and(|(opener, _)| !opener.ends_with(':'));
    (glued_by(text) || opens) && text.split_whitespace().count() <= 12
}

/// A byline's label standing alone: `Written by`, `By`, `Author`, `Authors:`.
pub(crate) fn is_byline_label(text: &str) -> bool {
    let label = text.trim_end_matches(':').trim_end();
    let alone = |t: &str| {
        BYLINE_OPENERS
            .opening(t)
            .is_some_and(|(_, rest)| rest.is_empty())
    };
    alone(label) || alone(&format!("{label}:"))
}

/// `<span>By</span><span>Jane Doe</span>` reads `ByJane Doe`.
pub(crate) fn glued_by(text: &str) -> bool {
    text.strip_prefix("By")
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_uppercase)
}
