//! `Span`: a byte range into the normalised text that is valid by construction.
//!
//! Every position the pipeline hands out (paragraphs, sentences, quotes, chunks) is a `Span`, so
//! slicing can never panic: a `Span` exists only for a range that lies on `char` boundaries of the
//! text it was made for. [`OffsetMap`] converts byte spans into the unit a client asked for.

use std::ops::Range;

/// A half-open byte range `[start, end)` on `char` boundaries of one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Makes a span of `range` in `text`, or `None` when the range is reversed, out of bounds or
    /// splits a character.
    #[must_use]
    pub fn new(text: &str, range: Range<usize>) -> Option<Self> {
        (range.start <= range.end && text.get(range.clone()).is_some()).then_some(Self {
            start: range.start,
            end: range.end,
        })
    }

    /// The first byte.
    #[must_use]
    pub fn start(self) -> usize {
        self.start
    }

    /// One past the last byte.
    #[must_use]
    pub fn end(self) -> usize {
        self.end
    }

    /// The byte range.
    #[must_use]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in bytes.
    #[must_use]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    #[must_use]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text the span covers. Given another text than the one it was made for, returns `""`
    /// rather than panic.
    #[must_use]
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or_default()
    }

    /// Shrinks the span to exclude leading and trailing white space of `text`.
    #[must_use]
    pub fn trim(self, text: &str) -> Self {
        let inner = self.slice(text);
        let lead = inner.len() - inner.trim_start().len();
        let trail = inner.len() - inner.trim_end().len();
        if lead == inner.len() {
            return Self {
                start: self.start,
                end: self.start,
            };
        }
        Self {
            start: self.start + lead,
            end: self.end - trail,
        }
    }

    /// Whether `other` lies inside this span.
    #[must_use]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The unit in which spans are reported to clients.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// Unicode code points (Python string indices).
    #[default]
    CodePoints,
    /// UTF-8 bytes.
    Utf8,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

/// Converts byte offsets of one text into another unit in O(log n) per offset.
#[derive(Debug)]
pub struct OffsetMap {
    unit: OffsetUnit,
    /// Byte offset of every non-ASCII char, with the unit offset accumulated before it.
    wide: Vec<(usize, usize)>,
}

impl OffsetMap {
    /// Builds the map for `text`.
    #[must_use]
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let mut wide = Vec::new();
        if unit != OffsetUnit::Utf8 {
            // Extra bytes (for code points) or extra bytes minus extra UTF-16 units, so far.
            let mut shrink = 0usize;
            for (at, ch) in text.char_indices() {
                let len = ch.len_utf8();
                if len > 1 {
                    let units = match unit {
                        OffsetUnit::Utf16 => ch.len_utf16(),
                        _ => 1,
                    };
                    shrink += len - units;
                    wide.push((at + len, shrink));
                }
            }
        }
        Self { unit, wide }
    }

    /// The offset of byte position `byte` in this map's unit.
    #[must_use]
    pub fn convert(&self, byte: usize) -> usize {
        if self.unit == OffsetUnit::Utf8 {
            return byte;
        }
        let idx = self.wide.partition_point(|&(at, _)| at <= byte);
        let shrink = if idx == 0 { 0 } else { self.wide[idx - 1].1 };
        byte - shrink
    }

    /// A span's `(start, end)` in this map's unit.
    #[must_use]
    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.convert(span.start()), self.convert(span.end()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::reversed_empty_ranges)] // a reversed range is what is refused
    fn a_span_inside_a_character_is_refused() {
        assert!(Span::new("é", 0..1).is_none());
        assert!(Span::new("é", 0..2).is_some());
        assert!(Span::new("ab", 1..0).is_none());
        assert!(Span::new("ab", 0..3).is_none());
    }

    #[test]
    fn offsets_convert_to_code_points_and_utf16() {
        let text = "aé😀b";
        let b = text.find('b').unwrap_or_default();
        assert_eq!(OffsetMap::new(text, OffsetUnit::CodePoints).convert(b), 3);
        assert_eq!(OffsetMap::new(text, OffsetUnit::Utf16).convert(b), 4);
        assert_eq!(OffsetMap::new(text, OffsetUnit::Utf8).convert(b), b);
    }

    #[test]
    fn trimming_drops_outer_whitespace() {
        let text = "  ab  ";
        let span = Span::new(text, 0..text.len()).map(|s| s.trim(text));
        assert_eq!(span.map(|s| s.slice(text)), Some("ab"));
    }
}
