//! Bounds element nesting before HTML is parsed.
//!
//! html5ever's scope checks walk the stack of open elements for every start tag, so a page nested
//! 100,000 levels deep costs seconds of quadratic work. Browsers cap the tree depth for the same
//! reason (Blink at 512). Start tags beyond [`MAX_DEPTH`] open elements, and their end tags, are
//! dropped here; their text stays, so nothing a reader could see is lost.

use std::borrow::Cow;

use crate::pipeline::lexicon::Words;
use crate::pipeline::lexicon::markup::{NOT_NESTING_ELEMENTS, RAW_TEXT_ELEMENTS};

/// Open elements kept; real pages stay far below (news pages rarely pass 60).
pub(crate) const MAX_DEPTH: usize = 512;

/// `html` with start tags nested deeper than [`MAX_DEPTH`] (and their end tags) removed;
/// borrowed unchanged when no element is that deep, which is every real page.
#[must_use]
pub(crate) fn limit_depth(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    // For each counted open element: whether its tags were kept.
    let mut open: Vec<bool> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + offset;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |e| lt + e + 3);
            continue;
        }
        let end_tag = rest.starts_with("</");
        let name_at = lt + if end_tag { 2 } else { 1 };
        let name_len = html[name_at..]
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if name_len == 0 || !html.as_bytes()[name_at].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let name = &html[name_at..name_at + name_len];
        let Some(gt) = memchr::memchr(b'>', &bytes[name_at..]).map(|e| name_at + e + 1) else {
            break;
        };
        // Tag names are almost always lower case already.
        let lower = if name.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(name.to_ascii_lowercase())
        } else {
            Cow::Borrowed(name)
        };
        let is_one_of = |names: &Words| names.contains(&lower);
        let mut keep = true;
        if is_one_of(&NOT_NESTING_ELEMENTS) {
            // Neither opens nor closes a counted level.
        } else if end_tag {
            keep = open.pop().unwrap_or(true);
        } else if !html[..gt].ends_with("/>") {
            keep = open.len() < MAX_DEPTH;
            open.push(keep);
        }
        if !keep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..lt]);
            copied = gt;
        }
        at = gt;
        if !end_tag && is_one_of(&RAW_TEXT_ELEMENTS) {
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
    fn real_pages_pass_unchanged() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><br><img src=x></div>\
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
}
