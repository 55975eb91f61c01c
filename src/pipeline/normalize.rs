//! Normalisation: every kept block cleaned ([`clean`]) and its quotation marks styled, assembled
//! into the one text that all spans point into (paragraphs separated by one blank line), plain or
//! as Markdown.

use super::block::{Image, ParagraphKind};
use super::boilerplate::KeptBlock;
use super::options::{QuoteStyle, TextFormat};
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

/// Cleans the kept blocks and joins them into the body text, in `format`.
#[must_use]
pub fn assemble(kept: &[KeptBlock], quote_style: QuoteStyle, format: TextFormat) -> Body {
    assemble_at(kept, quote_style, format, None)
}

/// [`assemble`], the Markdown's link and image targets resolved against the page's address
/// `base` (`/a/b.html` → `https://site.example/a/b.html`) when it is an absolute URL.
#[must_use]
pub fn assemble_at(
    kept: &[KeptBlock],
    quote_style: QuoteStyle,
    format: TextFormat,
    base: Option<&str>,
) -> Body {
    let base = base
        .and_then(|b| url::Url::parse(b.trim()).ok())
        .filter(|b| matches!(b.scheme(), "http" | "https"));
    let base = base.as_ref();
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(kept.len());
    let mut push = |text: &mut String, paragraph: &str, kind: ParagraphKind| {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(paragraph);
        ranges.push((start..text.len(), kind));
    };
    let mut blocks = kept.iter().peekable();
    while let Some(block) = blocks.next() {
        if block.kind == ParagraphKind::TableRow {
            // A table is its rows in a run; plain text keeps a paragraph per row.
            let mut rows = vec![cells(&block.text, quote_style)];
            if format == TextFormat::Markdown {
                while let Some(next) = blocks.next_if(|b| b.kind == ParagraphKind::TableRow) {
                    rows.push(cells(&next.text, quote_style));
                }
            }
            rows.retain(|r| !r.is_empty());
            let table = match format {
                TextFormat::Plain => rows
                    .iter()
                    .map(|r| r.join("\t"))
                    .collect::<Vec<_>>()
                    .join(""),
                TextFormat::Markdown => markdown_table(&rows),
            };
            if !table.is_empty() {
                push(&mut text, &table, ParagraphKind::TableRow);
            }
            continue;
        }
        if let Some(image) = &block.image {
            // Plain text has no place for a picture.
            if format == TextFormat::Markdown {
                push(
                    &mut text,
                    &markdown_image(image, quote_style, base),
                    ParagraphKind::Image,
                );
            }
            continue;
        }
        let cleaned = style_quotes(&clean(&block.text), quote_style);
        if cleaned.is_empty() {
            continue;
        }
        match format {
            TextFormat::Plain => push(&mut text, &cleaned, block.kind),
            TextFormat::Markdown => {
                let marked = markdown(&cleaned, block.kind, block.heading_level);
                let linked = with_links(&marked, &block.links, quote_style, base);
                push(&mut text, &linked, block.kind);
            }
        }
    }
    let paragraphs = ranges
        .into_iter()
        .filter_map(|(range, kind)| Span::new(&text, range).map(|span| Paragraph { span, kind }))
        .collect();
    Body { text, paragraphs }
}

/// A table row's cells, cleaned and styled (empty cells dropped, as in plain text).
fn cells(row: &str, quote_style: QuoteStyle) -> Vec<String> {
    row.split('\t')
        .map(|c| style_quotes(&clean(c), quote_style))
        .filter(|c| !c.is_empty())
        .collect()
}

/// One paragraph as Markdown: its kind's marker (a heading's level as the page gives it, `##`
/// when unknown: the title is the one `#`), and its own text kept from reading as markup.
fn markdown(text: &str, kind: ParagraphKind, heading_level: u8) -> String {
    match kind {
        ParagraphKind::Heading => {
            let level = if heading_level == 0 {
                2
            } else {
                heading_level.clamp(2, 6)
            };
            let marker = "#".repeat(usize::from(level));
            format!("{marker} {}", text.trim_start_matches('#').trim_start())
        }
        ParagraphKind::ListItem => format!("- {}", literal_start(text)),
        ParagraphKind::Blockquote => format!("> {}", literal_start(text)),
        ParagraphKind::Preformatted => format!("```\n{text}\n```"),
        ParagraphKind::Body | ParagraphKind::TableRow | ParagraphKind::Image => literal_start(text),
    }
}

/// `![alt](src "caption")`: the alt text's brackets escaped, an address with spaces or brackets
/// in `<…>`, the caption as the title.
fn markdown_image(image: &Image, quote_style: QuoteStyle, base: Option<&url::Url>) -> String {
    let alt = style_quotes(&clean(&image.alt), quote_style)
        .replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]");
    let mut out = format!("![{alt}](");
    push_target(&mut out, image.src.trim(), base);
    if let Some(caption) = image.caption.as_deref() {
        let caption = style_quotes(&clean(caption), quote_style);
        if !caption.is_empty() {
            out.push_str(" \"");
            out.push_str(&caption.replace('\\', "\\\\").replace('"', "\\\""));
            out.push('"');
        }
    }
    out.push(')');
    out
}

/// A link or image target, resolved against `base` when there is one (a target that does not
/// resolve stays as written), in `<…>` when it holds what ends a bare one.
fn push_target(out: &mut String, target: &str, base: Option<&url::Url>) {
    let resolved = base.and_then(|b| b.join(target).ok()).map(String::from);
    let target = resolved.as_deref().unwrap_or(target);
    if target.contains([' ', '(', ')']) {
        out.push('<');
        out.push_str(&target.replace('>', "%3E"));
        out.push('>');
    } else {
        out.push_str(target);
    }
}

/// `text` with a backslash before an opening that Markdown reads as markup (`# `, `> `, `- `,
/// `* `, `+ `, `1. `, `1) `).
fn literal_start(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let after_digits = text.as_bytes().get(digits).copied();
    let marker = matches!(text.as_bytes().first(), Some(b'#' | b'>'))
        || matches!(text.get(..2), Some("- " | "* " | "+ "))
        || digits > 0
            && matches!(after_digits, Some(b'.' | b')'))
            && text.as_bytes().get(digits + 1).is_none_or(|b| *b == b' ');
    if marker {
        let at = if digits > 0 { digits } else { 0 };
        format!("{}\\{}", &text[..at], &text[at..])
    } else {
        text.to_owned()
    }
}

/// Links of a block whose text is not found before the block's remaining links are left as text.
const MAX_LINK_MISSES: usize = 8;

/// `text` with each link's text, found in order, written `[text](target)`. A link whose text
/// the cleaning changed beyond finding, or that goes nowhere (`#…`, `javascript:`), stays text.
fn with_links(
    text: &str,
    links: &[(String, String)],
    quote_style: QuoteStyle,
    base: Option<&url::Url>,
) -> String {
    let mut out = String::with_capacity(text.len() + links.len() * 32);
    let mut at = 0;
    // A link not found costs a search to the end of the text: after a few, the rest stay text,
    // so that a block of many links costs linear time whatever they say.
    let mut misses = 0;
    for (anchor, target) in links {
        if misses >= MAX_LINK_MISSES {
            break;
        }
        let target = target.trim();
        if target.is_empty() || target.starts_with('#') || target.starts_with("javascript:") {
            continue;
        }
        let anchor = style_quotes(&clean(anchor), quote_style);
        if anchor.is_empty() {
            continue;
        }
        let Some(start) = find_words(text, at, &anchor) else {
            misses += 1;
            continue;
        };
        out.push_str(&text[at..start]);
        out.push('[');
        out.push_str(&anchor.replace('[', "\\[").replace(']', "\\]"));
        out.push_str("](");
        push_target(&mut out, target, base);
        out.push(')');
        at = start + anchor.len();
    }
    out.push_str(&text[at..]);
    out
}

/// Where `words` stand in `text` from `from` on as whole words (a link `1` is not the `1` of
/// `103`).
fn find_words(text: &str, from: usize, words: &str) -> Option<usize> {
    let word_char = |c: char| c.is_alphanumeric();
    let mut at = from;
    while let Some(found) = text.get(at..)?.find(words) {
        let start = at + found;
        let end = start + words.len();
        let before = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !word_char(c));
        let after = text[end..].chars().next().is_none_or(|c| !word_char(c));
        if before && after {
            return Some(start);
        }
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// Rows as a GFM table, the first as its header; `|` inside cells escaped, short rows padded.
fn markdown_table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return String::new();
    }
    let line = |row: &[String]| {
        let mut line = String::from("|");
        for i in 0..columns {
            let cell = row.get(i).map_or(String::new(), |c| c.replace('|', "\\|"));
            line.push(' ');
            line.push_str(&cell);
            line.push_str(" |");
        }
        line
    };
    let mut table = line(&rows[0]);
    table.push('\n');
    table.push('|');
    table.push_str(&" --- |".repeat(columns));
    for row in &rows[1..] {
        table.push('\n');
        table.push_str(&line(row));
    }
    table
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

    fn kept(rows: &[(&str, ParagraphKind)]) -> Vec<KeptBlock> {
        rows.iter()
            .map(|(text, kind)| KeptBlock {
                text: (*text).to_owned(),
                kind: *kind,
                links: Vec::new(),
                heading_level: 0,
                image: None,
            })
            .collect()
    }

    #[test]
    fn an_image_is_markdown_with_its_alt_text_escaped_and_its_caption_as_title() {
        let image = |src: &str, alt: &str, caption: Option<&str>| KeptBlock {
            text: alt.to_owned(),
            kind: ParagraphKind::Image,
            links: Vec::new(),
            heading_level: 0,
            image: Some(Image {
                src: src.to_owned(),
                alt: alt.to_owned(),
                caption: caption.map(str::to_owned),
            }),
        };
        let blocks = [
            image("/a.jpg", "The [east] wing", Some("Built in \"1901\".")),
            image("/my chart (1).png", "", None),
        ];
        let body = assemble(&blocks, QuoteStyle::Keep, TextFormat::Markdown);
        assert_eq!(
            body.text,
            "![The \\[east\\] wing](/a.jpg \"Built in \\\"1901\\\".\")\n\n![](</my chart (1).png>)"
        );
        assert!(
            body.paragraphs
                .iter()
                .all(|p| p.kind == ParagraphKind::Image)
        );
        // Plain text has no images.
        assert_eq!(
            assemble(&blocks, QuoteStyle::Keep, TextFormat::Plain).text,
            ""
        );
    }

    #[test]
    fn markdown_marks_each_kind_and_makes_a_table_of_a_run_of_rows() {
        let blocks = kept(&[
            ("Prices", ParagraphKind::Heading),
            ("Item\tCost", ParagraphKind::TableRow),
            ("Tea | green\t$2", ParagraphKind::TableRow),
            ("Bread", ParagraphKind::TableRow),
            ("Buy early.", ParagraphKind::ListItem),
            ("It was worth it.", ParagraphKind::Blockquote),
            ("let x = 1;", ParagraphKind::Preformatted),
            ("1. is not a list here", ParagraphKind::Body),
        ]);
        let body = assemble(&blocks, QuoteStyle::Keep, TextFormat::Markdown);
        assert_eq!(
            body.text,
            "## Prices\n\n| Item | Cost |\n| --- | --- |\n| Tea \\| green | $2 |\n| Bread |  |\n\n\
             - Buy early.\n\n> It was worth it.\n\n```\nlet x = 1;\n```\n\n1\\. is not a list here"
        );
        // The table is one paragraph; every paragraph's span slices its own Markdown.
        let kinds: Vec<ParagraphKind> = body.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds
                .iter()
                .filter(|k| **k == ParagraphKind::TableRow)
                .count(),
            1
        );
        assert_eq!(body.paragraphs[0].span.slice(&body.text), "## Prices");
        // Plain text keeps a paragraph per row, cells tab-separated.
        let plain = assemble(&blocks, QuoteStyle::Keep, TextFormat::Plain);
        assert!(
            plain
                .text
                .starts_with("Prices\n\nItem\tCost\n\nTea | green\t$2\n\nBread\n\n")
        );
    }

    #[test]
    fn a_heading_keeps_its_level_below_the_title() {
        assert_eq!(markdown("Sub", ParagraphKind::Heading, 3), "### Sub");
        assert_eq!(markdown("Top", ParagraphKind::Heading, 1), "## Top");
        assert_eq!(markdown("Unknown", ParagraphKind::Heading, 0), "## Unknown");
    }

    #[test]
    fn only_openings_markdown_would_read_as_markup_are_escaped() {
        assert_eq!(literal_start("# not a heading"), "\\# not a heading");
        assert_eq!(literal_start("- not an item"), "\\- not an item");
        assert_eq!(literal_start("2) not an item"), "2\\) not an item");
        assert_eq!(literal_start("2025 was a year"), "2025 was a year");
        assert_eq!(literal_start("3.5 million people"), "3.5 million people");
        assert_eq!(literal_start("-5 degrees"), "-5 degrees");
    }

    #[test]
    fn links_are_written_where_their_text_is_in_order_and_dead_ones_stay_text() {
        let links = [
            ("the plan".to_owned(), "/plan (2025)".to_owned()),
            ("top".to_owned(), "#top".to_owned()),
            ("nowhere to be found".to_owned(), "/x".to_owned()),
            ("[draft]".to_owned(), "https://e.example/d".to_owned()),
        ];
        assert_eq!(
            with_links(
                "Read the plan, the [draft] and go to top.",
                &links,
                QuoteStyle::Keep,
                None
            ),
            "Read [the plan](</plan (2025)>), the [\\[draft\\]](https://e.example/d) and go to top."
        );
        // Against the page's address, a relative target becomes absolute (a space escaped), an
        // absolute one stays.
        let base = url::Url::parse("https://news.example/city/budget.html").ok();
        assert_eq!(
            with_links(
                "Read the plan, the [draft] and go to top.",
                &links,
                QuoteStyle::Keep,
                base.as_ref()
            ),
            "Read [the plan](<https://news.example/plan%20(2025)>), the [\\[draft\\]](https://e.example/d) and go to top."
        );
    }

    #[test]
    fn many_links_that_are_not_found_stop_being_looked_for() {
        let text = "word ".repeat(20) + "found";
        let mut links: Vec<(String, String)> = (0..MAX_LINK_MISSES)
            .map(|i| (format!("missing {i}"), "/m".to_owned()))
            .collect();
        links.push(("found".to_owned(), "/f".to_owned()));
        assert_eq!(with_links(&text, &links, QuoteStyle::Keep, None), text);
    }
}
