//! Bounds element nesting before HTML is parsed.
//!
//! html5ever's scope checks walk the stack of open elements for every start tag, so a page nested
//! 100,000 levels deep costs seconds of quadratic work. Browsers cap the tree depth for the same
//! reason (Blink at 512). This pass keeps a model of the tree builder's stack of open elements
//! and drops start tags beyond [`MAX_DEPTH`] open elements, and their end tags; their text stays,
//! so nothing a reader could see is lost.
//!
//! The model follows the tree builder where hostile pages steer it: a `/>` closes nothing in
//! HTML (`<div/>` opens a `div`), only in SVG and MathML; an end tag closes the nearest open
//! element of its name and everything above it, and an end tag with no such element open closes
//! nothing (`<div></i>`); sibling-closing elements (`<li>`, `<p>`, ruby parts inside a `ruby`,
//! `optgroup` inside a `select`) close the one before; a comment also ends at `--!>`; a `>`
//! inside a quoted attribute value ends no tag; inside SVG and MathML no element's content is raw
//! text (`<svg><title>`). Every step is constant time or bounded by [`END_TAG_REACH`], so the
//! pass is linear in the page.
//!
//! The same pass keeps at most [`MAX_ATTRIBUTES`] attributes on an element: the tokenizer checks
//! each new attribute against all the tag's earlier ones, quadratic in one tag's attributes
//! (100,000 distinct ones, 1 MB, took 12 s).

use std::borrow::Cow;

use crate::pipeline::lexicon::markup::{
    FOREIGN_BREAKOUT_ELEMENTS, FOREIGN_INTEGRATION_POINTS, NOT_NESTING_ELEMENTS, RAW_TEXT_ELEMENTS,
    RUBY_PARTS, SIBLING_CLOSING_ELEMENTS,
};

/// Open elements kept; real pages stay far below (news pages rarely pass 60).
pub(crate) const MAX_DEPTH: usize = 512;

/// How far down the stack an end tag looks for its element: the tree builder looks further only
/// through formatting elements it would rebuild anyway, and a bound keeps `</x>` after a
/// million open elements from costing a million steps.
const END_TAG_REACH: usize = 64;

/// Attributes kept on one element; real elements carry a few dozen at most.
pub(crate) const MAX_ATTRIBUTES: usize = 256;

/// How far down the stack a sibling-closing start tag looks for its context (`ruby`, `select`).
const CONTEXT_REACH: usize = 8;

/// An element the model holds open.
struct Open<'a> {
    /// Lower case.
    name: Cow<'a, str>,
    /// Its tags were kept (it opened within [`MAX_DEPTH`]).
    kept: bool,
    /// An SVG or MathML element: a `/>` closes its children, and their content is never raw
    /// text.
    foreign: bool,
}

/// The model of the tree builder's stack of open elements.
#[derive(Default)]
struct Stack<'a> {
    open: Vec<Open<'a>>,
}

impl<'a> Stack<'a> {
    fn top_is(&self, name: &str) -> bool {
        self.open.last().is_some_and(|o| o.name == name)
    }

    fn has_near(&self, name: &str) -> bool {
        self.open
            .iter()
            .rev()
            .take(CONTEXT_REACH)
            .any(|o| o.name == name)
    }

    /// A new element would be SVG or MathML: its parent is, and is no integration point.
    fn in_foreign(&self) -> bool {
        self.open
            .last()
            .is_some_and(|o| o.foreign && !FOREIGN_INTEGRATION_POINTS.contains(&o.name))
    }

    /// A start tag: whether to keep it, and whether it opened an HTML element (whose content
    /// may be raw text).
    fn start(&mut self, name: Cow<'a, str>, self_closing: bool) -> (bool, bool) {
        if self.in_foreign() && FOREIGN_BREAKOUT_ELEMENTS.contains(&name) {
            // Each element is popped once at most, so this is linear over the page.
            while self.open.last().is_some_and(|o| o.foreign) {
                self.open.pop();
            }
        }
        let foreign = self.in_foreign() || name == "svg" || name == "math";
        if foreign && self_closing {
            return (true, false);
        }
        if !foreign && NOT_NESTING_ELEMENTS.contains(&name) {
            return (true, true);
        }
        let closes_sibling = !foreign
            && (SIBLING_CLOSING_ELEMENTS.contains(&name)
                || RUBY_PARTS.contains(&name) && self.has_near("ruby")
                || name == "optgroup" && self.has_near("select"));
        if closes_sibling && self.top_is(&name) {
            self.open.pop();
        }
        let kept = self.open.len() < MAX_DEPTH;
        self.open.push(Open {
            name,
            kept,
            foreign,
        });
        (kept, !foreign)
    }

    /// An end tag: whether to keep it. It closes the nearest open element of its name, and
    /// everything above it; with none open near the top it closes nothing and is kept (the tree
    /// builder ignores it too).
    fn end(&mut self, name: &str) -> bool {
        let Some(depth) = self
            .open
            .iter()
            .rev()
            .take(END_TAG_REACH)
            .position(|o| o.name == name)
        else {
            return true;
        };
        let at = self.open.len() - 1 - depth;
        let kept = self.open[at].kept;
        self.open.truncate(at);
        kept
    }
}

/// `html` with start tags nested deeper than [`MAX_DEPTH`] (and their end tags) removed;
/// borrowed unchanged when no element is that deep, which is every real page.
#[must_use]
pub(crate) fn limit_depth(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut stack = Stack::default();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = comment_end(rest).map_or(html.len(), |e| lt + e);
            continue;
        }
        let end_tag = rest.starts_with("</");
        let name_at = lt + if end_tag { 2 } else { 1 };
        let name_len = html[name_at..]
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let name = &html[name_at..name_at + name_len];
        // An unterminated tag runs to the end of the page: the parser drops it, and so do we.
        let Some(gt) = tag_end(&bytes[name_at + name_len..]).map(|e| name_at + name_len + e) else {
            break;
        };
        // Tag names are almost always lower case already.
        let lower = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let raw_text = !end_tag && RAW_TEXT_ELEMENTS.contains(&lower);
        let (keep, html_element) = if end_tag {
            (stack.end(&lower), false)
        } else {
            stack.start(lower, html[..gt].ends_with("/>"))
        };
        if !keep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..lt]);
            copied = gt;
        } else if let Some(cut) = (!end_tag)
            .then(|| excess_attributes(&bytes[name_at + name_len..gt]))
            .flatten()
        {
            // The tag up to its last attribute kept, then its own end (`>` or `/>`).
            let close = if html[..gt].ends_with("/>") { 2 } else { 1 };
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..name_at + name_len + cut]);
            buffer.push_str(&html[gt - close..gt]);
            copied = gt;
        }
        at = gt;
        if raw_text && html_element {
            at = raw_text_end(&bytes[gt..], name.as_bytes()).map_or(html.len(), |e| gt + e);
        }
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(html),
    }
}

/// Where the attribute past [`MAX_ATTRIBUTES`] starts in a start tag after its name (`tag` runs
/// to its closing `>`), read as the tokenizer reads attributes; `None` when it has no more.
fn excess_attributes(tag: &[u8]) -> Option<usize> {
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ');
    let skip = |mut i: usize, while_: &dyn Fn(u8) -> bool| {
        while i < tag.len() && while_(tag[i]) {
            i += 1;
        }
        i
    };
    let mut i = 0;
    let mut count = 0;
    loop {
        i = skip(i, &|b| space(b) || b == b'/');
        if i >= tag.len() || tag[i] == b'>' {
            return None;
        }
        count += 1;
        if count > MAX_ATTRIBUTES {
            return Some(i);
        }
        // A name (its first character may be `=`), then an optional `= value`.
        i = skip(i + 1, &|b| !space(b) && !matches!(b, b'/' | b'>' | b'='));
        let equals = skip(i, &space);
        if tag.get(equals) == Some(&b'=') {
            let value = skip(equals + 1, &space);
            i = match tag.get(value) {
                Some(&quote @ (b'"' | b'\'')) => skip(value + 1, &|b| b != quote) + 1,
                _ => skip(value, &|b| !space(b) && b != b'>'),
            };
        }
    }
}

/// Where a comment that `text` opens (`<!--`) ends, past its closing `-->` or `--!>`; `<!-->`
/// and `<!--->` are empty comments.
fn comment_end(text: &str) -> Option<usize> {
    for empty in ["<!-->", "<!--->"] {
        if text.starts_with(empty) {
            return Some(empty.len());
        }
    }
    let body = &text[4..];
    let dashes = memchr::memmem::find_iter(body.as_bytes(), b"--").find_map(|at| {
        let after = &body[at + 2..];
        if after.starts_with('>') {
            Some(at + 3)
        } else if after.starts_with("!>") {
            Some(at + 4)
        } else {
            None
        }
    })?;
    Some(4 + dashes)
}

/// Where a tag whose name ends at the start of `rest` ends, past its `>`: a `>` inside a quoted
/// attribute value is part of the value.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < rest.len() {
        let b = rest[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'>' => return Some(i + 1),
            // A quote opens a value only right after `=` (with spaces between).
            None if (b == b'"' || b == b'\'') && after_equals(&rest[..i]) => quote = Some(b),
            None => {}
        }
        i += 1;
    }
    None
}

fn after_equals(before: &[u8]) -> bool {
    before
        .iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'=')
}

/// Where `</name` (any case) starts in `text`.
fn raw_text_end(text: &[u8], name: &[u8]) -> Option<usize> {
    memchr::memmem::find_iter(text, b"</").find(|&at| {
        text.get(at + 2..at + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_element_keeps_its_first_attributes_and_its_text() {
        let attributes: String = (0..1000).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        let page = format!("<p id=x{attributes}>text</p><br{attributes}/>");
        let limited = super::limit_depth(&page);
        let kept: String = (0..super::MAX_ATTRIBUTES - 1)
            .map(|i| format!(" a{i}=\"v > {i}\""))
            .collect();
        assert_eq!(
            limited,
            format!("<p id=x{kept} >text</p><br{kept} a255=\"v > 255\" />")
        );
        // A few attributes, quoted or not, pass as written.
        let page = "<a href=/x title='a b' data-x download>y</a>";
        assert_eq!(super::limit_depth(page), page);
    }

    use super::*;

    #[test]
    fn real_pages_pass_unchanged() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x></div>\
                    <svg><path d='M0 0'/><title>Icon</title></svg><b>x</i></b>\
                    <select><optgroup label=a><option>1<option>2<optgroup label=b></select>\
                    <ruby>漢<rb>字<rt>じ</ruby><a title=\"1 > 0\">x</a><!-- note --!><p>after\
                    <script>if (a<b) { x = '<div>'; }</script></body></html>";
        assert!(matches!(limit_depth(page), Cow::Borrowed(_)));
    }

    #[test]
    fn hostile_nesting_is_cut_and_its_text_kept() {
        let deep = format!(
            "{}text{}",
            "<div class=x>".repeat(MAX_DEPTH + 50),
            "</div>".repeat(MAX_DEPTH + 50)
        );
        let limited = limit_depth(&deep);
        assert_eq!(limited.matches("<div").count(), MAX_DEPTH);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH);
        assert!(limited.contains("text"));
    }

    #[test]
    fn shapes_that_nest_in_the_tree_builder_are_counted() {
        let n = MAX_DEPTH + 100;
        for (shape, tag) in [
            ("<div/>".repeat(n), "<div"),
            ("<div></i>".repeat(n), "<div"),
            ("<optgroup>".repeat(n), "<optgroup"),
            ("<rb>".repeat(n), "<rb"),
            (format!("<!-- x --!>{}", "<div>".repeat(n)), "<div"),
            (
                format!("<a title=\"x><script>\">{}", "<div>".repeat(n)),
                "<div",
            ),
            (format!("<svg><title>{}", "<div>".repeat(n)), "<div"),
            (format!("<svg><title>{}", "<div/>".repeat(n)), "<div"),
            (format!("<svg><div>{}", "<g/>".repeat(n)), "<g"),
        ] {
            let limited = limit_depth(&shape);
            assert!(
                limited.matches(tag).count() <= MAX_DEPTH + 2,
                "{tag}: {} kept",
                limited.matches(tag).count()
            );
        }
    }
}
