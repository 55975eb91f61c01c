//! Bounds the attributes of one tag before the page is tokenized.
//!
//! html5gum reads a tag's attributes through states that call one another directly, one level of
//! the thread's stack per attribute (in an optimised build only some shapes, `a='&amp;'`, keep
//! the frames): a tag of a few hundred thousand attributes overflows the stack. This pass drops
//! the attributes past [`MAX_ATTRIBUTES`] from every tag (end tags too), and borrows the page unchanged
//! when no tag has that many, which is every real page.
//!
//! It finds tags as the tokenizer does, so that it never sees fewer: comments end at the first
//! `-->` or `--!>`; a `>` inside a quoted attribute value ends no tag; the content of elements
//! the tokenizer reads as text (`<script>`, `<style>`, `<title>` …, switched by name as our
//! tokenizer switches) ends at the first `</name`, never later than the tokenizer's end. Linear
//! in the page.

use std::borrow::Cow;

use super::outline::MAX_ATTRIBUTES;

/// `html` with every tag cut to its first [`MAX_ATTRIBUTES`] attributes.
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
        // A bogus comment (`<!x…>`, `<?…>`, `</` and no letter) is text to the next `>`.
        let letter_at = |i: usize| bytes.get(lt + i).is_some_and(u8::is_ascii_alphabetic);
        if rest.starts_with("<!")
            || rest.starts_with("<?")
            || rest.starts_with("</") && !letter_at(2)
        {
            at = memchr::memchr(b'>', &bytes[lt + 2..]).map_or(html.len(), |e| lt + 2 + e + 1);
            continue;
        }
        // End tags too: the tokenizer reads attributes there with the same states.
        let end_tag = rest.starts_with("</");
        let name_at = lt + if end_tag { 2 } else { 1 };
        let name_len = bytes[name_at..]
            .iter()
            .take_while(|b| !matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>'))
            .count();
        if name_len == 0 || !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            at = lt + 1;
            continue;
        }
        let name = &bytes[name_at..name_at + name_len];
        // An unterminated tag runs to the end of the page: the tokenizer drops it, but reads its
        // attributes first.
        let (end, cut) = read_tag(&bytes[name_at + name_len..]);
        let end = end.map(|e| name_at + name_len + e);
        let gt = end.unwrap_or(html.len());
        if let Some(cut) = cut {
            // The tag up to its last attribute kept, then its own end (`>` or `/>`), if any.
            let close = match end {
                Some(_) if html[..gt].ends_with("/>") => 2,
                Some(_) => 1,
                None => 0,
            };
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..name_at + name_len + cut]);
            buffer.push_str(&html[gt - close..gt]);
            copied = gt;
        }
        if end.is_none() {
            break;
        }
        at = gt;
        if end_tag {
            continue;
        }
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

/// A tag after its name, read with the tokenizer's attribute states: where it ends (past its
/// `>`; `None` when the page ends first) and where the attribute past [`MAX_ATTRIBUTES`] starts,
/// if it has one. A quote opens a value only where a value starts (`a= d=">"` ends at that
/// `>`: the value `d="` is unquoted).
fn read_tag(tag: &[u8]) -> (Option<usize>, Option<usize>) {
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ');
    let mut cut = None;
    let mut count = 0;
    let mut i = 0;
    loop {
        // Before an attribute's name: spaces and `/` (a `/>` ends the tag).
        while i < tag.len() && (space(tag[i]) || tag[i] == b'/') {
            i += 1;
        }
        match tag.get(i) {
            None => return (None, cut),
            Some(b'>') => return (Some(i + 1), cut),
            Some(_) => {}
        }
        count += 1;
        if count > MAX_ATTRIBUTES && cut.is_none() {
            cut = Some(i);
        }
        // The name (its first character may be `=`), then spaces.
        i += 1;
        while i < tag.len() && !space(tag[i]) && !matches!(tag[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < tag.len() && space(tag[i]) {
            i += 1;
        }
        if tag.get(i) != Some(&b'=') {
            continue;
        }
        // A value: quoted if it starts with a quote, else up to a space or `>`.
        i += 1;
        while i < tag.len() && space(tag[i]) {
            i += 1;
        }
        match tag.get(i) {
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &tag[i + 1..]) {
                Some(close) => i += close + 2,
                None => return (None, cut),
            },
            _ => {
                while i < tag.len() && !space(tag[i]) && tag[i] != b'>' {
                    i += 1;
                }
            }
        }
    }
}

/// Where the raw text of element `name` that `text` opens ends: at the first `</name` the
/// tokenizer takes for its end tag (followed by a space, `/` or `>`); in a script, not inside a
/// `<!--` that holds a `<script>` (the tokenizer's escaped states).
fn raw_text_end(text: &[u8], name: &[u8]) -> Option<usize> {
    let is_tag = |at: usize, open: &[u8]| {
        let name_at = at + open.len();
        text.get(at..name_at) == Some(open)
            && text
                .get(name_at..name_at + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && text
                .get(name_at + name.len())
                .is_none_or(|b| matches!(b, b'\t' | b'\n' | 0x0c | b'\r' | b' ' | b'/' | b'>'))
    };
    if name != b"script" {
        return memchr::memmem::find_iter(text, b"</").find(|&at| is_tag(at, b"</"));
    }
    #[derive(PartialEq)]
    enum Script {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let mut state = Script::Data;
    let mut from = 0;
    while let Some(offset) = memchr::memchr2(b'<', b'-', &text[from..]) {
        let at = from + offset;
        let rest = &text[at..];
        from = at + 1;
        if rest.starts_with(b"-->") {
            state = Script::Data;
        } else if rest.starts_with(b"<!--") && state == Script::Data {
            state = Script::Escaped;
        } else if is_tag(at, b"</") {
            match state {
                Script::DoubleEscaped => state = Script::Escaped,
                _ => return Some(at),
            }
        } else if state == Script::Escaped && is_tag(at, b"<") {
            state = Script::DoubleEscaped;
        }
    }
    None
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

    /// The most attributes any start tag of `html` has, as html5gum reads it.
    fn most_attributes(html: &str) -> usize {
        use html5gum::emitters::callback::CallbackEvent;
        let (mut most, mut open) = (0, 0);
        super::super::outline::tokenize(html, |event| match event {
            CallbackEvent::AttributeName { .. } => {
                open += 1;
                most = most.max(open);
            }
            // An end tag's attributes come before its event, a start tag's after its open.
            CallbackEvent::OpenStartTag { .. }
            | CallbackEvent::CloseStartTag { .. }
            | CallbackEvent::EndTag { .. }
            | CallbackEvent::String { .. } => open = 0,
            _ => {}
        });
        most
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]

        /// Whatever the markup, no tag reaches the tokenizer with more attributes than the limit.
        #[test]
        fn no_tag_passes_the_guard_with_more_attributes_than_the_limit(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    // Mostly attributes, so that tags pass the limit.
                    30 => proptest::sample::select(vec![" a", " b=x", " c='&amp;'", " d=\">\""]),
                    1 => proptest::sample::select(vec![
                        "<p", "=", "'", "\"", ">", "/", " ", "<!--", "-->", "--!>", "<script>",
                        "</script>", "<title>", "</title", "<svg>", "x", "<", "</p>", "<!x",
                        "<?", "\t", "<style>", "</style>", "<plaintext>",
                    ]),
                ],
                0..4000,
            )
        ) {
            let page: String = parts.concat();
            let guarded = limit_attributes(&page);
            proptest::prop_assert!(most_attributes(&guarded) <= MAX_ATTRIBUTES);
        }
    }

    #[test]
    fn the_property_s_pages_pass_the_limit_unguarded() {
        let page = format!("<p{}>", " c='&amp;'".repeat(3 * MAX_ATTRIBUTES));
        assert!(most_attributes(&page) > MAX_ATTRIBUTES);
        assert_eq!(most_attributes(&limit_attributes(&page)), MAX_ATTRIBUTES);
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
