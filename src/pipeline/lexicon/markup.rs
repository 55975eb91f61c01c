//! Markup: element names, the class and id words that name an element's role, and `<meta>` keys.
//! Lower case; in the role lists, `word*` stands for every class word that opens with `word`.

use super::{ANY, Words};

/// Elements whose content is never text for a reader.
#[rustfmt::skip]
pub(crate) static SKIPPED_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "audio", "button", "canvas", "dialog", "embed", "head", "iframe", "input", "map", "math",
        "noscript", "object", "picture", "script", "select", "source", "style", "svg", "template",
        "textarea", "video",
    ]),
]);

/// Elements that end the current block and start a new one.
#[rustfmt::skip]
pub(crate) static BLOCK_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd",
        "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2",
        "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav", "ol", "p", "pre",
        "section", "summary", "table", "tr", "ul",
    ]),
]);

/// Void elements: a start tag is the whole element, and nothing nests in it.
#[rustfmt::skip]
pub(crate) static VOID_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]),
]);

/// The HTML standard's "special" elements: an end tag of another element does not close them
/// (`<b><p>x</b>` leaves the paragraph open), and their own end tag closes what is open inside.
#[rustfmt::skip]
pub(crate) static SPECIAL_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound",
        "blockquote", "body", "br", "button", "caption", "center", "col", "colgroup", "dd",
        "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
        "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing",
        "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol",
        "p", "param", "plaintext", "pre", "script", "search", "section", "select", "source",
        "style", "summary", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead",
        "title", "tr", "track", "ul", "wbr", "xmp",
    ]),
]);

/// Elements whose start tag closes an open paragraph (`<p>One<div>`: the `div` is no part of it).
#[rustfmt::skip]
pub(crate) static PARAGRAPH_CLOSING_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
        "h4", "h5", "h6", "header", "hgroup", "hr", "li", "listing", "main", "menu", "nav", "ol",
        "p", "plaintext", "pre", "search", "section", "summary", "table", "ul", "xmp",
    ]),
]);

/// Elements that belong in the document's head when they come before its body.
#[rustfmt::skip]
pub(crate) static HEAD_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "base", "basefont", "bgsound", "link", "meta", "noframes", "noscript", "script", "style",
        "template", "title",
    ]),
]);

/// Elements that bound the search for an open element an end tag closes: `</div>` inside a
/// table cell closes no `div` outside the table.
#[rustfmt::skip]
pub(crate) static SCOPE_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "applet", "caption", "html", "marquee", "object", "table", "td", "template", "th",
    ]),
]);

/// Ruby parts: they close one another inside a `ruby`, and nest anywhere else.
#[rustfmt::skip]
pub(crate) static RUBY_PARTS: Words = Words::new(&[
    (ANY, &[
        "rb", "rp", "rt", "rtc",
    ]),
]);

/// HTML elements whose start tag inside SVG or MathML ends the foreign content (`<svg><div>`).
#[rustfmt::skip]
pub(crate) static FOREIGN_BREAKOUT_ELEMENTS: Words = Words::new(&[
    (ANY, &[
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em",
        "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing",
        "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small", "span", "strike", "strong",
        "sub", "sup", "table", "tt", "u", "ul", "var",
    ]),
]);

/// SVG and MathML elements whose content is HTML again (`<svg><title>`, `<foreignObject>`).
#[rustfmt::skip]
pub(crate) static FOREIGN_INTEGRATION_POINTS: Words = Words::new(&[
    (ANY, &[
        "annotation-xml", "desc", "foreignobject", "mi", "mn", "mo", "ms", "mtext", "title",
    ]),
]);

/// Media types of documents that are not text (`raw.content_type`): their bytes are refused, not
/// read as text. Top-level types (`image/`) end in a slash; `application/octet-stream`, the type
/// of anything unknown, is not here (its bytes are sniffed).
#[rustfmt::skip]
pub(crate) static NOT_TEXT_MEDIA_TYPES: Words = Words::new(&[
    (ANY, &[
        "application/epub+zip", "application/gzip", "application/msword", "application/pdf",
        "application/postscript", "application/vnd.", "application/wasm", "application/x-7z-compressed",
        "application/x-bzip2", "application/x-gzip", "application/x-rar-compressed",
        "application/x-tar", "application/zip", "audio/", "font/", "image/", "model/", "video/",
    ]),
]);

/// Class and id names (squashed: `article-body` is `articlebody`) that name the element holding
/// the article's text.
#[rustfmt::skip]
pub(crate) static BODY_CONTAINER_CLASSES: Words = Words::new(&[
    (ANY, &[
        "articlebody", "articlecontent", "articledetail", "articletext", "bodytext", "contentbody",
        "entrycontent", "newsbody", "postbody", "postcontent", "storybody", "storycontent",
        "storytext",
    ]),
]);

/// Words of a byline class that name the author's photo, bio or job title, not the name
/// (`author-img`, `author-bio`).
#[rustfmt::skip]
pub(crate) static NOT_BYLINE_CLASSES: Words = Words::new(&[
    (ANY, &[
        "about", "archive", "avatar", "bio", "box", "card", "count", "date", "desc", "email",
        "follow", "icon", "image", "img", "job", "label", "link", "list", "more", "page", "photo",
        "pic", "posts", "role", "section", "social", "time", "title", "url",
    ]),
]);

/// Path segments of a link to an author's page (`/author/jane-doe/`).
#[rustfmt::skip]
pub(crate) static AUTHOR_PATHS: Words = Words::new(&[
    (&["en"], &["author", "authors", "contributor", "contributors", "writer", "writers"]),
    (&["de", "es", "pt"], &["autor", "autoren", "autores"]),
    (&["fr"], &["auteur", "auteurs"]),
    (&["it"], &["autore", "autori"]),
]);

/// Squashed class names of a subtitle (`sub-head`, `stand-first`, `article-dek`).
#[rustfmt::skip]
pub(crate) static DECK_CLASSES: Words = Words::new(&[
    (ANY, &[
        "articledek", "standfirst", "storydek", "subhead", "subheadline",
    ]),
]);

/// Class words of a post embedded in the article (content, whatever network it comes from).
#[rustfmt::skip]
pub(crate) static EMBED_CLASSES: Words = Words::new(&[
    (ANY, &[
        "embed", "embedded", "embeds",
    ]),
]);

/// Class words of an element that shows a revision of the page (`post-date__modified`).
#[rustfmt::skip]
pub(crate) static REVISION_CLASSES: Words = Words::new(&[
    (ANY, &[
        "changed", "lastmod", "modified", "reviewed", "revised", "updated",
    ]),
]);

/// `<meta>` keys (lower case) of the publication date.
#[rustfmt::skip]
pub(crate) static PUBLISHED_META_KEYS: Words = Words::new(&[
    (ANY, &[
        "article:published_time", "citation_publication_date", "date", "datepublished", "dc.date",
        "dc.date.issued", "dcterms.date", "dcterms.issued", "parsely-pub-date", "pubdate",
        "publishdate", "sailthru.date",
    ]),
]);

/// `<meta>` keys (lower case) of the last modification.
#[rustfmt::skip]
pub(crate) static MODIFIED_META_KEYS: Words = Words::new(&[
    (ANY, &[
        "article:modified_time", "datemodified", "dcterms.modified", "og:updated_time",
    ]),
]);

/// `<meta>` keys (lower case) of the author.
#[rustfmt::skip]
pub(crate) static AUTHOR_META_KEYS: Words = Words::new(&[
    (ANY, &[
        "article:author", "author", "citation_author", "dc.creator", "parsely-author",
        "sailthru.author",
    ]),
]);

/// What an HTML document has near its start (lower case): a payload with one is markup.
#[rustfmt::skip]
pub(crate) static HTML_OPENINGS: Words = Words::new(&[
    (ANY, &[
        "<!doctype html", "<article", "<body", "<div", "<head", "<html", "<meta", "<p ", "<p>",
        "<title",
    ]),
]);

/// Class words of a comment thread; `word*` opens a class word.
#[rustfmt::skip]
pub(crate) static COMMENT_CLASSES: Words = Words::new(&[
    (ANY, &[
        "comment*", "disqus",
    ]),
]);

/// Class words of related or recommended articles; `word*` opens a class word.
#[rustfmt::skip]
pub(crate) static RELATED_CLASSES: Words = Words::new(&[
    (ANY, &[
        "outbrain", "recommend*", "related*", "taboola", "trending",
    ]),
]);

/// Class words of share and follow widgets.
#[rustfmt::skip]
pub(crate) static SHARE_CLASSES: Words = Words::new(&[
    (ANY, &[
        "follow", "share", "sharebar", "sharing", "social",
    ]),
]);

/// Class words of ads.
#[rustfmt::skip]
pub(crate) static AD_CLASSES: Words = Words::new(&[
    (ANY, &[
        "ad", "ads", "adslot", "advert", "advertisement", "dfp", "sponsored",
    ]),
]);

/// Class words of newsletter and subscription prompts; `word*` opens a class word.
#[rustfmt::skip]
pub(crate) static PROMOTION_CLASSES: Words = Words::new(&[
    (ANY, &[
        "newsletter*", "paywall", "signup", "subscribe*",
    ]),
]);

/// Class words of cookie and consent banners; `word*` opens a class word.
#[rustfmt::skip]
pub(crate) static CONSENT_CLASSES: Words = Words::new(&[
    (ANY, &[
        "consent", "cookie*", "gdpr",
    ]),
]);

/// Class words of captions and credits.
#[rustfmt::skip]
pub(crate) static CAPTION_CLASSES: Words = Words::new(&[
    (ANY, &[
        "caption", "credit", "credits",
    ]),
]);

/// Class words of bylines, datelines and subtitles.
#[rustfmt::skip]
pub(crate) static BYLINE_CLASSES: Words = Words::new(&[
    (ANY, &[
        "byline", "dateline", "dek", "kicker", "standfirst", "subhead", "subtitle", "timestamp",
    ]),
]);

/// Class words of menus and breadcrumbs.
#[rustfmt::skip]
pub(crate) static NAVIGATION_CLASSES: Words = Words::new(&[
    (ANY, &[
        "breadcrumb", "breadcrumbs", "masthead", "menu", "nav", "navbar",
    ]),
]);

/// Class words of the site footer.
#[rustfmt::skip]
pub(crate) static FOOTER_CLASSES: Words = Words::new(&[
    (ANY, &[
        "footer",
    ]),
]);

/// Class words of sidebars.
#[rustfmt::skip]
pub(crate) static ASIDE_CLASSES: Words = Words::new(&[
    (ANY, &[
        "sidebar",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("SKIPPED_ELEMENTS", &SKIPPED_ELEMENTS, Lower, Sorted, Union),
        checked("BLOCK_ELEMENTS", &BLOCK_ELEMENTS, Lower, Sorted, Union),
        checked("VOID_ELEMENTS", &VOID_ELEMENTS, Lower, Sorted, Union),
        checked("SPECIAL_ELEMENTS", &SPECIAL_ELEMENTS, Lower, Sorted, Union),
        checked(
            "PARAGRAPH_CLOSING_ELEMENTS",
            &PARAGRAPH_CLOSING_ELEMENTS,
            Lower,
            Sorted,
            Union,
        ),
        checked("HEAD_ELEMENTS", &HEAD_ELEMENTS, Lower, Sorted, Union),
        checked("SCOPE_ELEMENTS", &SCOPE_ELEMENTS, Lower, Sorted, Union),
        checked("RUBY_PARTS", &RUBY_PARTS, Lower, Sorted, Union),
        checked(
            "NOT_TEXT_MEDIA_TYPES",
            &NOT_TEXT_MEDIA_TYPES,
            Lower,
            Sorted,
            Union,
        ),
        checked(
            "FOREIGN_BREAKOUT_ELEMENTS",
            &FOREIGN_BREAKOUT_ELEMENTS,
            Lower,
            Sorted,
            Union,
        ),
        checked(
            "FOREIGN_INTEGRATION_POINTS",
            &FOREIGN_INTEGRATION_POINTS,
            Lower,
            Sorted,
            Union,
        ),
        checked(
            "BODY_CONTAINER_CLASSES",
            &BODY_CONTAINER_CLASSES,
            Lower,
            Sorted,
            Union,
        ),
        checked(
            "NOT_BYLINE_CLASSES",
            &NOT_BYLINE_CLASSES,
            Lower,
            Sorted,
            Union,
        ),
        checked("AUTHOR_PATHS", &AUTHOR_PATHS, Lower, Sorted, Union),
        checked("DECK_CLASSES", &DECK_CLASSES, Lower, Sorted, Union),
        checked("EMBED_CLASSES", &EMBED_CLASSES, Lower, Sorted, Union),
        checked("REVISION_CLASSES", &REVISION_CLASSES, Lower, Sorted, Union),
        checked(
            "PUBLISHED_META_KEYS",
            &PUBLISHED_META_KEYS,
            Lower,
            Sorted,
            Union,
        ),
        checked(
            "MODIFIED_META_KEYS",
            &MODIFIED_META_KEYS,
            Lower,
            Sorted,
            Union,
        ),
        checked("AUTHOR_META_KEYS", &AUTHOR_META_KEYS, Lower, Sorted, Union),
        checked("HTML_OPENINGS", &HTML_OPENINGS, Lower, Sorted, Union),
        checked("COMMENT_CLASSES", &COMMENT_CLASSES, Lower, Sorted, Union),
        checked("RELATED_CLASSES", &RELATED_CLASSES, Lower, Sorted, Union),
        checked("SHARE_CLASSES", &SHARE_CLASSES, Lower, Sorted, Union),
        checked("AD_CLASSES", &AD_CLASSES, Lower, Sorted, Union),
        checked(
            "PROMOTION_CLASSES",
            &PROMOTION_CLASSES,
            Lower,
            Sorted,
            Union,
        ),
        checked("CONSENT_CLASSES", &CONSENT_CLASSES, Lower, Sorted, Union),
        checked("CAPTION_CLASSES", &CAPTION_CLASSES, Lower, Sorted, Union),
        checked("BYLINE_CLASSES", &BYLINE_CLASSES, Lower, Sorted, Union),
        checked(
            "NAVIGATION_CLASSES",
            &NAVIGATION_CLASSES,
            Lower,
            Sorted,
            Union,
        ),
        checked("FOOTER_CLASSES", &FOOTER_CLASSES, Lower, Sorted, Union),
        checked("ASIDE_CLASSES", &ASIDE_CLASSES, Lower, Sorted, Union),
    ]
}
