//! Normalisation: Unicode-clean text for every kept block, assembled into the one text that all
//! spans point into (paragraphs separated by one blank line).

use unicode_normalization::UnicodeNormalization;

use super::boilerplate::KeptBlock;
use super::segment::Paragraph;
use super::span::Span;

/// Cleans one block: NFC, controls and invisible format characters dropped, every kind of white
/// space (line breaks included) folded to one space, trimmed.
#[must_use]
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_dropped(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Characters that carry nothing for a reader: controls, BOM, soft hyphen, zero-width space.
/// Zero-width (non-)joiners and bidi marks are kept: some scripts and emoji need them.
fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{FEFF}'
                | '\u{00AD}'
                | '\u{200B}'
                | '\u{2060}'
                | '\u{180E}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
        || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// The normalised body: its text and paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Body {
    /// Paragraphs joined by `"\n\n"`.
    pub text: String,
    /// One per non-empty kept block, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// Cleans the kept blocks and joins them into the body text.
#[must_use]
pub fn assemble(kept: &[KeptBlock]) -> Body {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(kept.len());
    for block in kept {
        let cleaned = clean(&block.text);
        if cleaned.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&cleaned);
        ranges.push((start..text.len(), block.kind));
    }
    let paragraphs = ranges
        .into_iter()
        .filter_map(|(range, kind)| Span::new(&text, range).map(|span| Paragraph { span, kind }))
        .collect();
    Body { text, paragraphs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_controls_and_invisibles_are_folded_away() {
        assert_eq!(
            clean("  a\u{00A0}\u{00AD}b\t\u{200B}c\r\n d\u{0007} "),
            "a b c d"
        );
    }

    #[test]
    fn text_is_composed_to_nfc() {
        assert_eq!(clean("e\u{0301}"), "é");
    }

    #[test]
    fn joiners_are_kept() {
        assert_eq!(clean("می\u{200C}خواهم"), "می\u{200C}خواهم");
    }
}
