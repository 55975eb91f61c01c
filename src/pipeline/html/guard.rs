//! Bounds the attributes of one tag before the page is tokenized.
//!
//! html5gum reads a tag's attributes through states that call one another directly, one level of
//! the thread's stack per attribute (in an optimised build only some shapes, `a='&amp;'`, keep
//! the frames): a tag of a few hundred thousand attributes overflows the stack. This pass drops
//! the attributes past [`MAX_ATTRIBUTES`] from every start tag, and borrows the page unchanged
//! when no tag has that many, which is every real page.
//!
//! It finds tags as the tokenizer does, so that it never sees fewer: comments end at the first
//! `-->` or `--!>`; a `>` inside a quoted attribute value ends no tag; the content of elements
//! the tokenizer reads as text (`<script>`, `<style>`, `<title>` …, switched by name as our
//! tokenizer switches) ends at the first `</name`, never later than the tokenizer's end. Linear
//! in the page.

use std::borrow::Cow;

use super::outline::MAX_ATTRIBUTES;

/// `html` with every start tag cut to its first [`MAX_ATTRIBUTES`] attributes.
#[must_use]
pub(super) fn limit_attributes(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = comment_end(rest).map_or(html.len(), |e| lt + e);
            continue;
        }
        let name_at = lt + 1;
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>'))
            .count();
        if name_len == 0 || !bytes[name_at].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let name = &bytes[name_at..name_at + name_len];
        // An unterminated tag runs to the end of the page: the tokenizer drops it.
        let Some(gt) = tag_end(&bytes[name_at + name_len..]).map(|e| name_at + name_len + e) else {
            break;
        };
        // Each attribute takes two bytes at least: a shorter tag has too few to count.
        let tag = &bytes[name_at + name_len..gt];
        if let Some(cut) = (tag.len() > 2 * MAX_ATTRIBUTES)
            .then(|| excess_attributes(tag))
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
        let lower = name.to_ascii_lowercase();
        if lower == b"plaintext" {
            break;
        }
        if html5gum::naive_next_state(&lower).is_some() {
            at = raw_text_end(&bytes[gt..], &lower).map_or(html.len(), |e| gt + e);
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
/// attribute value is part of the value. Jumps from one `>` or quote to the next.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + memchr::memchr3(b'>', b'"', b'\'', rest.get(from..)?)?;
        let quote = rest[at];
        if quote == b'>' {
            return Some(at + 1);
        }
        // A quote opens a value only right after `=` (with spaces between).
        let after_equals = rest[from..at]
            .iter()
            .rev()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|&b| b == b'=');
        from = if after_equals {
            at + 1 + memchr::memchr(quote, &rest[at + 1..])? + 1
        } else {
            at + 1
        };
    }
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
    use super::*;

    #[test]
    fn a_tag_keeps_its_first_attributes_and_real_pages_pass_unchanged() {
        let attributes: String = (0..1000).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        let page = format!("<p id=x{attributes}>text</p><br{attributes}/>");
        let kept: String = (0..MAX_ATTRIBUTES - 1)
            .map(|i| format!(" a{i}=\"v > {i}\""))
            .collect();
        assert_eq!(
            limit_attributes(&page),
            format!("<p id=x{kept} >text</p><br{kept} a127=\"v > 127\" />")
        );
        let page = "<html><body><a href=/x title='a b' data-x download>y</a><!-- note --!>\
                    <script>if (a<b) { x = '<div>'; }</script><p>after</body></html>";
        assert!(matches!(limit_attributes(page), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_hidden_from_a_naive_reading_are_counted() {
        let attributes: String = (0..1000).map(|i| format!(" a{i}='&amp;'")).collect();
        // Behind a `>` in a quoted value, after a comment's false end, after a script's text.
        for page in [
            format!("<p title='>'{attributes}>"),
            format!("<!-- -- > --><p{attributes}>"),
            format!("<script>x</scriptx></script><p{attributes}>"),
        ] {
            let limited = limit_attributes(&page);
            assert!(
                limited.matches(" a").count() <= MAX_ATTRIBUTES,
                "{}",
                &page[..30]
            );
        }
    }
}
