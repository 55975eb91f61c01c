//! Values read from the lines the boilerplate stage set aside as the title and as source, byline
//! and date lines.

use crate::pipeline::boilerplate::{DroppedBlock, RemovalReason};
use crate::pipeline::dates;
use crate::pipeline::lexicon::names::BYLINE_OPENERS;
use crate::pipeline::lexicon::time::DATE_LABELS;
use crate::pipeline::textkit::clean;

/// Values read from the lines set aside as title and source/byline/date lines.
#[derive(Debug, Default)]
pub(super) struct MetadataLines {
    /// The headline line.
    pub(super) title: Option<String>,
    /// A short line that may name the source.
    pub(super) source: Option<String>,
    /// The first date of the lines.
    pub(super) date: Option<String>,
    /// Names after a byline's opening word.
    pub(super) authors: Vec<String>,
}

impl MetadataLines {
    pub(super) fn read(dropped: &[DroppedBlock]) -> Self {
        let mut out = Self::default();
        for block in dropped {
            match block.reason {
                RemovalReason::Title if out.title.is_none() => {
                    out.title = Some(clean(&block.text));
                }
                RemovalReason::MetadataLine if !block.after_body => {
                    out.read_line(&clean(&block.text));
                }
                _ => {}
            }
        }
        out
    }

    fn read_line(&mut self, line: &str) {
        let (rest, date) = match dates::find_date(line) {
            Some(d) => {
                let before = line.get(..d.start).unwrap_or_default();
                (before.to_owned(), Some(d.iso()))
            }
            None => (line.to_owned(), None),
        };
        if self.date.is_none() {
            self.date = date;
        }
        for part in rest.split(['|', '·', '•']) {
            self.read_part(part);
        }
    }

    fn read_part(&mut self, part: &str) {
        let rest = part
            .trim()
            .trim_matches(|c: char| matches!(c, '-' | ',' | '/' | '—' | '–') || c.is_whitespace());
        // A date line's label (`Updated`) names nobody.
        let lower = rest.to_lowercase();
        if rest.is_empty() || DATE_LABELS.iter().any(|p| lower.starts_with(p)) {
            return;
        }
        if let Some((_, names)) = BYLINE_OPENERS.opening(rest) {
            self.authors.extend(
                names
                    .split([',', '&'])
                    .flat_map(|part| part.split(" and "))
                    .map(str::trim)
                    .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 4)
                    .map(str::to_owned),
            );
        } else if self.source.is_none()
            && rest.split_whitespace().count() <= 5
            && rest.chars().any(char::is_alphabetic)
        {
            self.source = Some(rest.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_glued_source_and_date_line_gives_both() {
        let mut lines = MetadataLines::default();
        lines.read_line("Al Arabiya14-02-2025");
        assert_eq!(lines.source.as_deref(), Some("Al Arabiya"));
        assert_eq!(lines.date.as_deref(), Some("2025-02-14"));
    }

    #[test]
    fn a_byline_gives_authors() {
        let mut lines = MetadataLines::default();
        lines.read_line("By Jane Doe and John Roe | Updated March 3, 2024");
        assert_eq!(lines.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(lines.date.as_deref(), Some("2024-03-03"));
    }
}
