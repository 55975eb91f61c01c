//! Normalisation: every kept block cleaned ([`clean`]) and its quotation marks styled, assembled
//! into the one text that all spans point into (paragraphs separated by one blank line).

use super::block::ParagraphKind;
use super::boilerplate::KeptBlock;
use super::options::QuoteStyle;
use super::span::Span;
use super::textkit::clean;

/// Applies a quote style to body text. Typographic marks follow the neighbours: an opening mark
/// after a space or an opening bracket, an apostrophe between letters.
#[must_use]
fn style_quotes(text: &str, style: QuoteStyle) -> String {
    match style {
        QuoteStyle::Keep => text.to_owned(),
        QuoteStyle::Ascii => text
            .chars()
            .map(|c| match c {
                '“' | '”' | '„' | '‟' | '«' | '»' => '"',
                '‘' | '’' | '‚' | '‛' | '‹' | '›' => '\'',
                other => other,
            })
            .collect(),
        QuoteStyle::Typographic => {
            let chars: Vec<char> = text.chars().collect();
            let opens = |i: usize| {
                i == 0
                    || chars[i - 1].is_whitespace()
                    || matches!(chars[i - 1], '(' | '[' | '{' | '—' | '–' | '"' | '“' | '‘')
            };
            chars
                .iter()
                .enumerate()
                .map(|(i, &c)| match c {
                    '"' if opens(i) => '“',
                    '"' => '”',
                    '\'' if opens(i) && chars.get(i + 1).is_some_and(|n| n.is_alphabetic()) => '‘',
                    '\'' => '’',
                    other => other,
                })
                .collect()
        }
    }
}

/// A paragraph of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Paragraph {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ParagraphKind,
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
pub fn assemble(kept: &[KeptBlock], quote_style: QuoteStyle) -> Body {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(kept.len());
    for block in kept {
        let cleaned = if block.kind == ParagraphKind::TableRow {
            // Cells stay tab-separated (the contract for table rows).
            let cells: Vec<String> = block
                .text
                .split('\t')
                .map(clean)
                .filter(|c| !c.is_empty())
                .collect();
            style_quotes(&cells.join("\t"), quote_style)
        } else {
            style_quotes(&clean(&block.text), quote_style)
        };
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
    fn quote_styles_convert_marks() {
        assert_eq!(
            style_quotes("“It’s ‘fine’,” he said", QuoteStyle::Ascii),
            "\"It's 'fine',\" he said"
        );
        assert_eq!(
            style_quotes("\"It's 'fine',\" he said", QuoteStyle::Typographic),
            "“It’s ‘fine’,” he said"
        );
    }
}
