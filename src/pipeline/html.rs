//! HTML → blocks, plus what the page's markup says about the article ([`PageMeta`]).
//!
//! One parse (html5ever, through scraper) and one iterative walk: block elements start new
//! blocks, inline text accumulates into the current one, and every block carries the DOM hints
//! the boilerplate stage needs (link density, inside `<article>`, a role named by an ancestor).
//! The walk keeps its own stack, so pathological nesting cannot overflow the thread's stack.

use std::collections::{HashMap, HashSet};

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::block::ParagraphKind;
use super::block::{Block, DomHints, DomRole};
use super::textkit::fold;

/// Ancestors kept per block: enough for any real page, bounded for hostile nesting.
const MAX_PATH: usize = 256;

/// Elements whose content is never text for a reader.
fn is_skipped(element: &str) -> bool {
    matches!(
        element,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "button"
            | "select"
            | "input"
            | "textarea"
            | "canvas"
            | "video"
            | "audio"
            | "object"
            | "embed"
            | "map"
            | "head"
            | "math"
            | "dialog"
            | "picture"
            | "source"
    )
}

/// Elements that end the current block and start a new one.
fn is_block_level(element: &str) -> bool {
    matches!(
        element,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "pre"
            | "tr"
            | "dt"
            | "dd"
            | "figcaption"
            | "caption"
            | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "dl"
            | "table"
            | "figure"
            | "address"
            | "hr"
            | "br"
            | "body"
            | "center"
            | "details"
            | "summary"
            | "fieldset"
            | "legend"
    )
}

/// Parses an HTML page into blocks and page metadata.
#[must_use]
pub fn parse(html: &str) -> (Vec<Block>, PageMeta) {
    let doc = Html::parse_document(&super::nesting::limit_depth(html));
    let (sizes, total) = text_sizes(&doc);
    let mut walker = Walker {
        total,
        ..Walker::default()
    };
    let mut opened = 0;
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) => {
                    let size = sizes.get(opened).copied().unwrap_or_default();
                    opened += 1;
                    if let Some(el) = ElementRef::wrap(node) {
                        walker.open(el, size);
                    }
                }
                Node::Text(t) => walker.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Some(el) = ElementRef::wrap(node) {
                    walker.close(el);
                }
            }
        }
    }
    walker.flush();
    let page = walker.head.finish();
    (walker.blocks, page)
}

/// Visible text under an element: all of it, and the part inside `<p>` (prose).
#[derive(Debug, Clone, Copy, Default)]
struct TextSize {
    all: usize,
    prose: usize,
}

impl TextSize {
    /// Whether this element is small beside the page: at most half its text and half its prose.
    fn is_widget_of(self, page: TextSize) -> bool {
        self.all * 2 <= page.all && self.prose * 2 <= page.prose
    }
}

/// Visible text under every element, so that roles named by classes are limited to widget-sized
/// elements: a `<body class="nav-ready">` or `<div class="content-with-sidebar">` holding the
/// article's paragraphs is content, whatever its class says. Elements are numbered in the order
/// the walk opens them; the second value is the whole page's.
fn text_sizes(doc: &Html) -> (Vec<TextSize>, TextSize) {
    let mut sizes = Vec::new();
    let mut total = TextSize::default();
    // (element number or none for the document, size, hidden, inside <p>)
    let mut stack: Vec<(Option<usize>, TextSize, bool, bool)> = Vec::new();
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Text(t) => {
                    if let Some(top) = stack.last_mut().filter(|top| !top.2) {
                        let n = t.chars().filter(|c| !c.is_whitespace()).count();
                        top.1.all += n;
                        if top.3 {
                            top.1.prose += n;
                        }
                    }
                }
                Node::Element(e) => {
                    let (hidden, in_p) = stack.last().map_or((false, false), |t| (t.2, t.3));
                    stack.push((
                        Some(sizes.len()),
                        TextSize::default(),
                        hidden || is_skipped(e.name()),
                        in_p || e.name() == "p",
                    ));
                    sizes.push(TextSize::default());
                }
                Node::Document => stack.push((None, TextSize::default(), false, false)),
                _ => {}
            },
            Edge::Close(node) => {
                if matches!(node.value(), Node::Element(_) | Node::Document) {
                    if let Some((number, size, _, _)) = stack.pop() {
                        match number.and_then(|n| sizes.get_mut(n)) {
                            Some(slot) => *slot = size,
                            None => total = size,
                        }
                        if let Some(parent) = stack.last_mut() {
                            parent.1.all += size.all;
                            parent.1.prose += size.prose;
                        }
                    }
                }
            }
        }
    }
    (sizes, total)
}

/// What one open element contributes to the blocks inside it.
#[derive(Debug, Clone, Copy)]
struct Frame {
    skip: bool,
    block_level: bool,
    kind: Option<ParagraphKind>,
    role: Option<DomRole>,
    in_article: bool,
    in_body_container: bool,
    /// Inside an element named for a revision (`post-date__modified`, `field--name-changed`):
    /// a date here is an update, not the publication.
    in_revision: bool,
    link: bool,
    capture: Capture,
}

/// Head elements whose text is captured for metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Title,
    H1,
    JsonLd,
}

#[derive(Debug, Default)]
struct Walker {
    stack: Vec<Frame>,
    blocks: Vec<Block>,
    buffer: String,
    link_chars: usize,
    href: Option<String>,
    block_kind: Option<ParagraphKind>,
    block_role: Option<DomRole>,
    block_in_article: bool,
    block_in_body_container: bool,
    skip_depth: usize,
    head: HeadCollector,
    /// Visible text of the whole page.
    total: TextSize,
    /// Ids of the open elements, root first (capped, see `MAX_PATH`).
    path: Vec<u32>,
    /// Elements opened so far: the next element's id.
    next_id: u32,
    /// Depth of the open elements, beyond the path's cap too.
    depth: usize,
    block_path: Vec<u32>,
    /// Open byline elements: their depth and the text seen inside them so far.
    bylines: Vec<(usize, String)>,
    /// Blocks since the headline's `<h1>` closed, while the date shown with it is looked for.
    blocks_after_h1: Option<usize>,
}

/// Blocks after the headline that may carry its date, and the most words each may have: past
/// them, or past a paragraph of prose, a date belongs to something else.
const HEADLINE_LINES: usize = 8;
const HEADLINE_LINE_WORDS: usize = 30;

/// Byline elements open at once whose text is collected: enough for a name inside a wrapper.
const MAX_OPEN_BYLINES: usize = 4;

impl Walker {
    fn top(&self) -> Option<&Frame> {
        self.stack.last()
    }

    /// The text just before the current point: the open block's last few words, else the last
    /// block's when it is a short label.
    fn label_before(&self) -> &str {
        const LABEL_WORDS: usize = 5;
        const LABEL_BYTES: usize = 40;
        if !self.buffer.trim().is_empty() {
            let from = (0..=self.buffer.len().saturating_sub(LABEL_BYTES))
                .rev()
                .find(|&i| self.buffer.is_char_boundary(i))
                .unwrap_or(0);
            return self.buffer.get(from..).unwrap_or_default();
        }
        self.blocks
            .last()
            .map(|b| b.text.as_str())
            .filter(|t| t.split_whitespace().nth(LABEL_WORDS).is_none())
            .unwrap_or_default()
    }

    fn open(&mut self, el: ElementRef<'_>, size: TextSize) {
        let e = el.value();
        let name = e.name();
        let attrs = Attrs::of(e);
        let parent = self.top().copied();
        let article = is_article(name, &attrs);
        // A `<time>` counts as the article's date only inside the article, not in a sidebar, and
        // as its publication only when neither its container nor the label before it (in its
        // own line, or the short line just above: `Date Last Reviewed:`) speaks of a revision.
        let revision = name == "time"
            && (parent.is_some_and(|p| p.in_revision)
                || is_revision(&attrs)
                || super::dates::is_update_label(self.label_before()));
        self.head.element(
            e,
            parent.is_some_and(|p| p.in_article || p.in_body_container) || article,
            revision,
        );
        let hidden = attrs.hidden
            || attrs
                .aria_hidden
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || attrs.style.is_some_and(|s| {
                let s: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let is_ld = name == "script"
            && attrs
                .kind
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
        let capture = match name {
            "title" => Capture::Title,
            // `<h1 id="gt-logo">`: the site's logo, not the headline.
            "h1" if self.head.h1.is_none() && !attrs.classes().any(|n| n.contains("logo")) => {
                Capture::H1
            }
            _ if is_ld => Capture::JsonLd,
            _ => parent.map_or(Capture::None, |p| p.capture),
        };
        // Head, title and JSON-LD text is captured for metadata, never shown as body.
        let skip = is_skipped(name) || hidden || is_ld || name == "title";
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Heading),
            "li" | "dd" | "dt" => Some(ParagraphKind::ListItem),
            "blockquote" => Some(ParagraphKind::Blockquote),
            "pre" => Some(ParagraphKind::Preformatted),
            "tr" => Some(ParagraphKind::TableRow),
            _ => None,
        }
        .or(parent.and_then(|p| p.kind));
        let frame = Frame {
            skip,
            block_level: is_block_level(name),
            kind,
            // A role names a widget: an element holding half the page's text is the page itself.
            role: role_of(name, &attrs)
                .filter(|_| {
                    size.is_widget_of(self.total)
                        && !matches!(name, "html" | "body" | "main" | "article")
                })
                .or(parent.and_then(|p| p.role)),
            in_article: parent.is_some_and(|p| p.in_article) || article,
            in_body_container: parent.is_some_and(|p| p.in_body_container)
                || is_body_container(&attrs),
            in_revision: parent.is_some_and(|p| p.in_revision) || is_revision(&attrs),
            link: name == "a" || parent.is_some_and(|p| p.link),
            capture,
        };
        if frame.block_level {
            self.flush();
            // A kicker in its own block inside the `<h1>` is a line of its own.
            if frame.capture == Capture::H1 {
                self.head.h1_buffer.push('\n');
            }
        }
        if frame.skip {
            self.skip_depth += 1;
        }
        if name == "a" && self.href.is_none() {
            self.href = attrs.href.map(str::to_owned);
        }
        self.stack.push(frame);
        self.depth += 1;
        if self.skip_depth == 0 && self.bylines.len() < MAX_OPEN_BYLINES && is_byline(&attrs) {
            self.bylines.push((self.depth, String::new()));
        }
        if self.path.len() < MAX_PATH {
            self.path.push(self.next_id);
        }
        self.next_id = self.next_id.wrapping_add(1);
    }

    fn close(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
        if self.bylines.last().is_some_and(|(d, _)| *d == self.depth) {
            if let Some((_, text)) = self.bylines.pop() {
                if let Some(frame) = self.top().copied() {
                    self.head.byline(&text, frame);
                }
            }
        }
        if self.depth <= MAX_PATH {
            self.path.pop();
        }
        self.depth = self.depth.saturating_sub(1);
        if let Some(frame) = self.stack.pop() {
            if frame.skip {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            if frame.block_level {
                self.flush();
                if frame.capture == Capture::H1 {
                    self.head.h1_buffer.push('\n');
                }
            } else if matches!(name, "td" | "th") {
                self.buffer.push('\t');
            }
            if frame.capture != Capture::None
                && self.top().is_none_or(|p| p.capture != frame.capture)
            {
                let headline = self.head.end_capture(frame.capture);
                if headline {
                    self.blocks_after_h1 = Some(0);
                    // A date line just above the headline (`News · 12 March 2025`).
                    let before =
                        self.blocks.len().saturating_sub(3)..self.blocks.len().saturating_sub(1);
                    for block in self.blocks.get(before).unwrap_or_default() {
                        let role = block.dom.as_ref().and_then(|d| d.role);
                        if block.kind != ParagraphKind::Heading {
                            self.head.dateline(&block.text, role);
                        }
                    }
                }
            }
        }
    }

    fn text(&mut self, t: &str) {
        let Some(frame) = self.top().copied() else {
            return;
        };
        if frame.capture != Capture::None {
            self.head.capture(frame.capture, t);
        }
        if self.skip_depth > 0 {
            return;
        }
        for (_, byline) in &mut self.bylines {
            byline.push_str(t);
            byline.push(' ');
        }
        if self.buffer.is_empty() {
            self.block_kind = frame.kind;
            self.block_role = frame.role;
            self.block_in_article = frame.in_article;
            self.block_in_body_container = frame.in_body_container;
            self.block_path.clone_from(&self.path);
        }
        self.buffer.push_str(t);
        if frame.link {
            self.link_chars += t.trim().chars().count();
        }
    }

    fn flush(&mut self) {
        // Table cells stay apart, tab-separated; elsewhere white space folds to single spaces.
        let mut text = String::with_capacity(self.buffer.len());
        for cell in self.buffer.split('\t') {
            let mut words = cell.split_whitespace();
            let Some(first) = words.next() else { continue };
            if !text.is_empty() {
                text.push('\t');
            }
            text.push_str(first);
            for word in words {
                text.push(' ');
                text.push_str(word);
            }
        }
        // A short `By Jane Doe` line names the author wherever the page puts it.
        let heading = self.block_kind == Some(ParagraphKind::Heading);
        // The date shown with the headline sits among the few short lines right after it.
        if let Some(after_h1) = self.blocks_after_h1.as_mut().filter(|_| !text.is_empty()) {
            *after_h1 += 1;
            if *after_h1 > HEADLINE_LINES
                || text.split_whitespace().nth(HEADLINE_LINE_WORDS).is_some()
            {
                self.blocks_after_h1 = None;
            } else if let Some(frame) = self.top().copied().filter(|_| !heading) {
                self.head.dateline(&text, frame.role);
            }
        }
        if let Some(frame) = self
            .top()
            .copied()
            .filter(|_| !heading && is_byline_line(&text))
        {
            self.head.byline(&text, frame);
        }
        if !text.is_empty() {
            let link_chars = self.link_chars;
            let href = self
                .href
                .take()
                .filter(|_| link_chars * 2 >= text.chars().count());
            self.blocks.push(Block {
                text,
                kind: self.block_kind.unwrap_or_default(),
                gap_before: true,
                dom: Some(DomHints {
                    link_chars,
                    in_article: self.block_in_article,
                    in_body_container: self.block_in_body_container,
                    ancestors: std::mem::take(&mut self.block_path),
                    role: self.block_role,
                    href,
                }),
            });
        }
        self.buffer.clear();
        self.link_chars = 0;
        self.href = None;
    }
}

/// An element whose markup names it the article's text: `itemprop="articleBody"` or a class or id
/// such as `article-body`, `entry-content`, `post-content`, `story-body`.
fn is_body_container(attrs: &Attrs<'_>) -> bool {
    const NAMES: &[&str] = &[
        "articlebody",
        "articlecontent",
        "articletext",
        "entrycontent",
        "postcontent",
        "postbody",
        "storybody",
        "storycontent",
        "storytext",
        "bodytext",
        "newsbody",
        "contentbody",
        "articledetail",
    ];
    attrs
        .itemprop
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || attrs.squashed_names().any(|squashed| {
            NAMES
                .iter()
                .any(|n| squashed == *n || squashed.ends_with(n) && squashed.len() <= n.len() + 4)
        })
}

/// A short line that opens the way bylines do: `By …`, `Written by …`, `Text by …`.
fn is_byline_line(text: &str) -> bool {
    const OPENERS: &[&str] = &["By ", "Written by", "Written By", "Text by", "Words by"];
    (super::metadata::glued_by(text) || OPENERS.iter().any(|o| text.starts_with(o)))
        && text.split_whitespace().count() <= 12
}

/// An element that names the article's author: `rel=author`, `itemprop=author`, or a class
/// such as `author-name`, `byline`, `post-author` (not the author's photo, bio or job title).
fn is_byline(attrs: &Attrs<'_>) -> bool {
    const NOT_THE_NAME: &[&str] = &[
        "img", "image", "avatar", "photo", "pic", "bio", "desc", "about", "title", "role", "job",
        "date", "time", "label", "icon", "social", "follow", "more", "posts", "list", "link",
        "count", "url", "email", "box", "card", "section", "page", "archive",
    ];
    let token_is = |value: Option<&str>, word: &str| {
        value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(word)))
    };
    token_is(attrs.rel, "author")
        || token_is(attrs.itemprop, "author")
        || attrs.classes().any(|t| {
            (t.contains("author") || t.contains("byline"))
                && !NOT_THE_NAME.iter().any(|w| t.contains(w))
        })
}

fn is_article(name: &str, attrs: &Attrs<'_>) -> bool {
    matches!(name, "article" | "main")
        || attrs
            .itemprop
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || attrs.role.is_some_and(|v| v.eq_ignore_ascii_case("main"))
}

/// The attributes the walk reads, found in one pass over the element's attributes (looking each
/// up by name costs an atom conversion every time), with class and id lower-cased once.
#[derive(Debug, Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    role: Option<&'a str>,
    itemprop: Option<&'a str>,
    rel: Option<&'a str>,
    style: Option<&'a str>,
    kind: Option<&'a str>,
    href: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
    /// Class names, then the id, lower-cased and space-separated.
    names: String,
    /// The same names without the characters that join words: `article-body` → `articlebody`.
    squashed: String,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a scraper::node::Element) -> Self {
        let mut attrs = Attrs::default();
        let mut id = None;
        for (name, value) in e.attrs() {
            match name {
                "class" => attrs.class = Some(value),
                "id" => id = Some(value),
                "role" => attrs.role = Some(value),
                "itemprop" => attrs.itemprop = Some(value),
                "rel" => attrs.rel = Some(value),
                "style" => attrs.style = Some(value),
                "type" => attrs.kind = Some(value),
                "href" => attrs.href = Some(value),
                "aria-hidden" => attrs.aria_hidden = Some(value),
                "hidden" => attrs.hidden = true,
                _ => {}
            }
        }
        for name in attrs.class.into_iter().chain(id) {
            for token in name.split_whitespace() {
                if !attrs.names.is_empty() {
                    attrs.names.push(' ');
                    attrs.squashed.push(' ');
                }
                if token.is_ascii() {
                    attrs.names.push_str(token);
                    let from = attrs.names.len() - token.len();
                    if let Some(added) = attrs.names.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                } else {
                    attrs
                        .names
                        .extend(token.chars().flat_map(char::to_lowercase));
                }
                attrs.squashed.extend(
                    token
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|c| c.to_ascii_lowercase()),
                );
            }
        }
        attrs
    }

    /// Lower-cased class names and id.
    fn classes(&self) -> impl Iterator<Item = &str> {
        self.names.split(' ').filter(|n| !n.is_empty())
    }

    /// Lower-cased class names and id, squashed.
    fn squashed_names(&self) -> impl Iterator<Item = &str> {
        self.squashed.split(' ').filter(|n| !n.is_empty())
    }
}

/// An element named for a revision of the page: `post-date__modified`, `field--name-changed`,
/// `last-updated`, `date-reviewed`.
fn is_revision(attrs: &Attrs<'_>) -> bool {
    attrs.classes().flat_map(|n| n.split(['-', '_'])).any(|p| {
        matches!(
            p,
            "modified" | "updated" | "changed" | "reviewed" | "lastmod" | "revised"
        )
    })
}

/// Which date a `<meta>` key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MetaDate {
    Published,
    Modified,
}

/// The date a `<meta>` key names: the common keys, and any other that says `publish` or
/// `modified`/`updated` with `date` or `time` (`published-date`, `modified-time`).
fn meta_date(key: &str) -> Option<MetaDate> {
    match key {
        "article:published_time"
        | "datepublished"
        | "pubdate"
        | "publishdate"
        | "date"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.date"
        | "dcterms.issued"
        | "sailthru.date"
        | "parsely-pub-date"
        | "citation_publication_date" => Some(MetaDate::Published),
        "article:modified_time" | "datemodified" | "og:updated_time" | "dcterms.modified" => {
            Some(MetaDate::Modified)
        }
        _ if !(key.contains("date") || key.contains("time")) => None,
        _ if key.contains("modif") || key.contains("updated") => Some(MetaDate::Modified),
        _ if key.contains("publish") => Some(MetaDate::Published),
        _ => None,
    }
}

/// A boilerplate role named by the element's tag, ARIA role, class or id.
fn role_of(name: &str, attrs: &Attrs<'_>) -> Option<DomRole> {
    match name {
        "nav" => return Some(DomRole::Navigation),
        "footer" => return Some(DomRole::Footer),
        "aside" => return Some(DomRole::Aside),
        "figcaption" => return Some(DomRole::Caption),
        _ => {}
    }
    if let Some(role) = attrs.role {
        let is = |r: &str| role.eq_ignore_ascii_case(r);
        if is("navigation") || is("menubar") || is("menu") {
            return Some(DomRole::Navigation);
        } else if is("contentinfo") {
            return Some(DomRole::Footer);
        } else if is("complementary") {
            return Some(DomRole::Aside);
        }
    }
    if attrs.names.is_empty() {
        return None;
    }
    // `social-media-embed`, `twitter-embed`: a post embedded in the article is content, whatever
    // network it comes from.
    let embedded = attrs
        .classes()
        .flat_map(|n| n.split(['-', '_']))
        .any(|p| matches!(p, "embed" | "embedded" | "embeds"));
    if embedded {
        return None;
    }
    // Compound names split by hyphens: `sub-head`, `stand-first`, `article-dek`.
    let deck = attrs.squashed_names().any(|squashed| {
        matches!(
            squashed,
            "subhead" | "subheadline" | "standfirst" | "articledek" | "storydek"
        )
    });
    if deck {
        return Some(DomRole::Byline);
    }
    // `live-match-comments`: a live blog's running commentary is the article, not readers'
    // comments.
    let live = attrs
        .classes()
        .flat_map(|n| n.split(['-', '_']))
        .any(|p| p == "live" || p == "liveblog");
    for name in attrs.classes() {
        for p in name.split(['-', '_']).filter(|p| !p.is_empty()) {
            let role = match p {
                _ if p.starts_with("comment") && !p.starts_with("commentary") && !live => {
                    DomRole::Comments
                }
                "disqus" => DomRole::Comments,
                _ if p.starts_with("related")
                    || p.starts_with("recommend")
                    || p == "outbrain"
                    || p == "taboola"
                    || p == "trending" =>
                {
                    DomRole::Related
                }
                "share" | "sharing" | "social" | "sharebar" | "follow" => DomRole::Social,
                "ad" | "ads" | "advert" | "advertisement" | "sponsored" | "dfp" | "adslot" => {
                    DomRole::Advertisement
                }
                _ if p.starts_with("newsletter")
                    || p.starts_with("subscribe")
                    || p == "paywall"
                    || p == "signup" =>
                {
                    DomRole::Promotion
                }
                _ if p.starts_with("cookie") || p == "consent" || p == "gdpr" => DomRole::Consent,
                "caption" | "credit" | "credits" => DomRole::Caption,
                "byline" | "dateline" | "timestamp" | "dek" | "standfirst" | "subtitle"
                | "subhead" | "kicker" => DomRole::Byline,
                "nav" | "navbar" | "menu" | "breadcrumb" | "breadcrumbs" | "masthead" => {
                    DomRole::Navigation
                }
                "footer" => DomRole::Footer,
                "sidebar" => DomRole::Aside,
                _ => continue,
            };
            return Some(role);
        }
    }
    None
}

// === page metadata ===

/// What an HTML page's markup says about the article (empty for text payloads).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageMeta {
    /// Headline candidates, best first (JSON-LD headline, og:title, h1, `<title>`).
    pub titles: Vec<String>,
    /// `og:site_name` or JSON-LD publisher.
    pub site_name: Option<String>,
    /// Authors from JSON-LD or meta tags.
    pub authors: Vec<String>,
    /// Publication date from markup.
    pub published_at: Option<String>,
    /// Modification date from markup.
    pub modified_at: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Meta description.
    pub description: Option<String>,
}

/// Collects head metadata during the walk.
#[derive(Debug, Default)]
struct HeadCollector {
    title: String,
    h1: Option<String>,
    /// An `<h1>` that was the site's name.
    site_h1: Option<String>,
    /// The headline's lines, when a block inside its `<h1>` set a kicker apart.
    h1_lines: Vec<String>,
    h1_buffer: String,
    json_ld: Vec<String>,
    ld_buffer: String,
    og_title: Option<String>,
    site_name: Option<String>,
    authors: Vec<String>,
    /// Names read from byline elements: inside the article first, then elsewhere on the page.
    byline_authors: [Vec<String>; 2],
    /// The date the page shows under its headline (`Updated Dec 18, 2025 · 12 min read`).
    shown_date: Option<String>,
    /// A date shown there as the last update.
    shown_update: Option<String>,
    /// Publication dates the markup gives, in page order.
    published: Vec<String>,
    modified: Option<String>,
    language: Option<String>,
    canonical: Option<String>,
    description: Option<String>,
}

impl HeadCollector {
    fn element(&mut self, e: &scraper::node::Element, in_article: bool, revision: bool) {
        match e.name() {
            "html" => {
                self.language = e
                    .attr("lang")
                    .map(str::to_owned)
                    .filter(|l| !l.trim().is_empty())
            }
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                self.canonical = e.attr("href").map(str::to_owned);
            }
            "meta" => {
                let key = e
                    .attr("property")
                    .or(e.attr("name"))
                    .or(e.attr("itemprop"))
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                let Some(content) = e.attr("content").map(str::trim).filter(|c| !c.is_empty())
                else {
                    return;
                };
                // Some pages escape their meta content twice (`Houston&#39;s`).
                let content = html_escape::decode_html_entities(content).into_owned();
                match key.as_str() {
                    "og:title" | "twitter:title" | "citation_title" => {
                        self.og_title.get_or_insert(content);
                    }
                    "og:site_name" => self.site_name = Some(content),
                    "author" | "article:author" | "sailthru.author" | "parsely-author"
                    | "dc.creator" | "citation_author"
                        if !content.starts_with("http") && !self.authors.contains(&content) =>
                    {
                        // Scholarly metadata writes `Roy, Aniruddha`.
                        let content = match content.split_once(", ") {
                            Some((last, first))
                                if key == "citation_author" && !first.contains(',') =>
                            {
                                format!("{first} {last}")
                            }
                            _ => content,
                        };
                        self.authors.push(content);
                    }
                    _ if meta_date(&key) == Some(MetaDate::Published) => {
                        self.published.push(content);
                    }
                    _ if meta_date(&key) == Some(MetaDate::Modified) => {
                        self.modified.get_or_insert(content);
                    }
                    "description" | "og:description" => {
                        self.description.get_or_insert(content);
                    }
                    "og:url" => {
                        self.canonical.get_or_insert(content);
                    }
                    _ => {}
                }
            }
            "time" => {
                if let Some(dt) = e.attr("datetime") {
                    let itemprop = |p: &str| {
                        e.attr("itemprop")
                            .is_some_and(|i| i.eq_ignore_ascii_case(p))
                    };
                    let article_date = dt.len() >= 10 && in_article;
                    if itemprop("datePublished")
                        || self.published.is_empty() && article_date && !revision
                    {
                        self.published.push(dt.to_owned());
                    } else if itemprop("dateModified") || article_date && revision {
                        self.modified.get_or_insert(dt.to_owned());
                    }
                }
            }
            _ => {}
        }
    }

    /// The text of a byline element: the names in it, when it reads as names.
    fn byline(&mut self, text: &str, at: Frame) {
        // Menus, sidebars, related cards and comments name other people; a byline or caption
        // role is where the article's own byline sits.
        if at
            .role
            .is_some_and(|r| !matches!(r, DomRole::Byline | DomRole::Caption))
        {
            return;
        }
        let names = super::metadata::byline_names(text);
        let kept = &mut self.byline_authors[usize::from(!(at.in_article || at.in_body_container))];
        for name in names {
            if !kept.contains(&name) {
                kept.push(name);
            }
        }
    }

    /// A short line after the headline that is a date, perhaps with a label and a reading time.
    fn dateline(&mut self, text: &str, role: Option<DomRole>) {
        const MAX_WORDS: usize = 10;
        if self.shown_date.is_some()
            || role.is_some_and(|r| !matches!(r, DomRole::Byline | DomRole::Caption))
            || text.split_whitespace().nth(MAX_WORDS).is_some()
        {
            return;
        }
        let Some(date) = super::dates::find_date(text) else {
            return;
        };
        // `Updated Dec 18, 2025`: the markup's publication date, when it has one, is the better
        // answer; an update date is the fallback.
        if super::dates::is_update_label(text.get(..date.start).unwrap_or_default()) {
            self.shown_update.get_or_insert(date.iso());
        } else {
            self.shown_date = Some(date.iso());
        }
    }

    fn capture(&mut self, what: Capture, t: &str) {
        match what {
            Capture::Title => self.title.push_str(t),
            Capture::H1 => self.h1_buffer.push_str(t),
            Capture::JsonLd => self.ld_buffer.push_str(t),
            Capture::None => {}
        }
    }

    /// Ends a capture; true when it was the headline's `<h1>`. An `<h1>` that is the site's name
    /// (a logo) is kept as the name, and the next `<h1>` may be the headline.
    fn end_capture(&mut self, what: Capture) -> bool {
        match what {
            Capture::H1 => {
                let h1 = self
                    .h1_buffer
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let lines: Vec<String> = self
                    .h1_buffer
                    .lines()
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|l| !l.is_empty())
                    .collect();
                self.h1_buffer.clear();
                if lines.len() > 1 && self.h1.is_none() {
                    self.h1_lines = lines;
                }
                if h1.is_empty() || self.h1.is_some() {
                    false
                } else if self.is_site_name(&h1) {
                    self.site_h1.get_or_insert(h1);
                    false
                } else {
                    self.h1 = Some(h1);
                    true
                }
            }
            Capture::JsonLd => {
                self.json_ld.push(std::mem::take(&mut self.ld_buffer));
                false
            }
            Capture::Title | Capture::None => false,
        }
    }

    /// Whether a heading is the site's name: its `og:site_name`, or a later part of the page's
    /// `<title>` (`<title>Post - Blog Name</title>` with `<h1>Blog Name</h1>`).
    fn is_site_name(&self, heading: &str) -> bool {
        let h = fold(heading);
        let parts = title_parts(&self.title);
        self.site_name
            .as_deref()
            .is_some_and(|site| fold(site) == h)
            || parts.len() >= 2 && fold(parts[0]) != h && parts[1..].iter().any(|p| fold(p) == h)
    }

    fn finish(mut self) -> PageMeta {
        let mut ld = LdArticle::default();
        for raw in &self.json_ld {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) {
                ld.visit(&value);
            }
        }
        if self.site_name.is_none() {
            self.site_name = self.site_h1.take();
        }
        let site = self.site_name.clone().or(ld.publisher.clone());
        let title = clean_title(&self.title, site.as_deref());
        let og = self
            .og_title
            .as_deref()
            .map(|t| clean_title(t, site.as_deref()));
        // JSON-LD writes entities as the page does (`&#038;`).
        let headline = ld
            .headline
            .as_deref()
            .map(|h| html_escape::decode_html_entities(h).into_owned());
        let mut titles: Vec<String> = Vec::new();
        let agrees = |h1: &str| {
            let h = fold(h1);
            [headline.as_deref(), og.as_deref(), Some(title.as_str())]
                .into_iter()
                .flatten()
                .map(fold)
                .any(|t| !h.is_empty() && (t.contains(&h) || h.contains(&t) && !t.is_empty()))
        };
        // The headline a reader sees is the first `<h1>`, unless it is only the site's name.
        let site_key = site.as_deref().map(fold).unwrap_or_default();
        // `Get that tech stack` over `Klatch Coffee` in one `<h1>`: the line the markup names as
        // the title is the headline, the other a kicker.
        let named_line = self.h1_lines.iter().find(|line| {
            let key = fold(line);
            [
                headline.as_deref(),
                self.og_title.as_deref(),
                Some(self.title.as_str()),
            ]
            .into_iter()
            .flatten()
            .flat_map(title_parts)
            .any(|t| fold(t) == key)
        });
        let shown = self.h1.take().filter(|h| {
            let key = fold(h);
            // `Computer Science > Artificial Intelligence` is a breadcrumb trail.
            let breadcrumb = h.contains(" > ") || h.contains(" » ");
            key != site_key && !breadcrumb && (agrees(h) || h.split_whitespace().count() >= 3)
        });
        if let Some(h1) = named_line.cloned().or(shown) {
            // A variant of the headline in the markup (`&` for `and`, a year added, a glitch of
            // the page's template fixed) is the edited form of the same title.
            let variant = [og.as_deref(), headline.as_deref()]
                .into_iter()
                .flatten()
                .find(|t| is_variant_of(t, &h1));
            titles.push(variant.map_or(h1, str::to_owned));
        }
        titles.extend(headline);
        titles.extend(og);
        if !title.is_empty() {
            titles.push(title);
        }
        titles.dedup();
        // The structured data first, then meta tags, then what the page shows as its byline.
        let [in_article, elsewhere] = self.byline_authors;
        let host = self
            .canonical
            .as_deref()
            .and_then(|u| u.split("://").nth(1))
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let candidates: Vec<Vec<String>> = [ld.author_names(), self.authors, in_article, elsewhere]
            .into_iter()
            .map(super::metadata::clean_authors)
            .filter(|names| !names.is_empty())
            .collect();
        // A user name (`kffnirmitap`) or the site's own name gives way to a byline that shows a
        // person's name; a personal site's author is its name, so it stays when nothing else does.
        let authors = candidates
            .iter()
            .find(|names| {
                !names
                    .iter()
                    .all(|n| is_user_name(n) || is_publisher(n, site.as_deref(), &host))
            })
            .or(candidates.first())
            .cloned()
            .unwrap_or_default();
        let modified = ld
            .modified
            .or(self.modified)
            .and_then(|d| iso_date(&d))
            .or(self.shown_update);
        // A publication after the last modification is not the publication (a `published-time`
        // that is the time the page was served).
        let published = ld
            .published
            .into_iter()
            .chain(self.published)
            .filter_map(|d| iso_date(&d))
            .find(|d| {
                modified
                    .as_deref()
                    .is_none_or(|m| d.get(..10) <= m.get(..10))
            });
        PageMeta {
            titles,
            site_name: site,
            authors,
            // The date the reader sees under the headline, as with the headline itself; else
            // what the markup says.
            published_at: self.shown_date.or(published),
            modified_at: modified,
            language: self.language,
            url: self.canonical.filter(|u| u.starts_with("http")),
            description: self.description,
        }
    }
}

/// An author that is the site itself (`Rapid7` on rapid7.com): the publisher, not a writer.
fn is_publisher(name: &str, site: Option<&str>, host: &str) -> bool {
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let site_key: String = site
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !key.is_empty()
        && (key == site_key
            || host
                .split('.')
                .any(|label| label.len() >= 4 && label.replace('-', "") == key))
}

/// A login name rather than a person's name: one word, no capital letter (`kffnirmitap`,
/// `andrew.keaveney`).
fn is_user_name(name: &str) -> bool {
    !name.contains(' ') && !name.chars().any(char::is_uppercase)
}

/// A date or date-time from markup, as ISO 8601: kept when it already is, else read.
fn iso_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let b = raw.as_bytes();
    let iso =
        b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[7] == b'-';
    if iso {
        return Some(raw.to_owned());
    }
    super::dates::find_date(raw).map(|d| d.iso())
}

/// Whether `variant` is another form of the headline `h1`: mostly the same words, but not the
/// same; not shortened by more than a word (an SEO title cut down); and no number of the headline
/// changed (an SEO title left at last year's `2024` while the headline says `2025`).
fn is_variant_of(variant: &str, h1: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // `Chronik: Lotte Tobisch ist tot` for `Lotte Tobisch ist tot`: a section or site affixed.
    let affixed = variant
        .split(": ")
        .flat_map(title_parts)
        .any(|part| fold(part) == fold(h1));
    if affixed {
        return false;
    }
    let (v, h) = (words(variant), words(h1));
    let (v_set, h_set): (HashSet<&String>, HashSet<&String>) =
        (v.iter().collect(), h.iter().collect());
    let shared = v_set.intersection(&h_set).count();
    let all = v_set.union(&h_set).count();
    let numbers_kept = h
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .all(|n| v_set.contains(n));
    v_set != h_set && shared * 10 >= all * 7 && v.len() + 1 >= h.len() && numbers_kept
}

/// `<title>` without the site name: `Headline | Site` → `Headline`.
/// The parts of a page title separated the way sites add their name (` | `, ` - `, ` — ` …).
fn title_parts(raw: &str) -> Vec<&str> {
    [" - ", " – ", " — ", " :: ", " » "]
        .iter()
        .fold(raw.split(" | ").collect::<Vec<_>>(), |parts, sep| {
            parts.into_iter().flat_map(|p| p.split(sep)).collect()
        })
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

fn clean_title(raw: &str, site: Option<&str>) -> String {
    // Titles from JSON-LD and attributes are sometimes escaped twice (`Houston&#39;s`).
    let raw = html_escape::decode_html_entities(raw);
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts = title_parts(&t);
    if parts.len() <= 1 {
        return t;
    }
    let site_key = site.map(fold).unwrap_or_default();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| {
            // `Thrive Internet Marketing` for the site `Thrive Internet Marketing Agency`.
            let key = fold(p);
            site_key.is_empty() || !(site_key.starts_with(&key) || key.starts_with(&site_key))
        })
        .collect();
    kept.iter()
        .copied()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(&t)
        .to_owned()
}

/// The article object of JSON-LD.
#[derive(Debug, Default)]
struct LdArticle {
    headline: Option<String>,
    authors: Vec<String>,
    /// Authors given as a reference to a node elsewhere in the graph (`{"@id": "…#author"}`).
    author_ids: Vec<String>,
    /// Names of the `Person` nodes, by `@id`.
    people: HashMap<String, String>,
    published: Option<String>,
    modified: Option<String>,
    publisher: Option<String>,
}

impl LdArticle {
    fn visit(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.visit(i)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.visit(graph);
                }
                let types: Vec<&str> = match map.get("@type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if types.contains(&"Person") {
                    let id = map.get("@id").and_then(Value::as_str);
                    let name = map.get("name").and_then(Value::as_str);
                    if let (Some(id), Some(name)) = (id, name) {
                        self.people.insert(id.to_owned(), name.to_owned());
                    }
                }
                let is_article = types.iter().any(|t| {
                    t.ends_with("Article")
                        || *t == "BlogPosting"
                        || *t == "Report"
                        || *t == "LiveBlogPosting"
                });
                if !is_article || self.headline.is_some() {
                    return;
                }
                let text = |key: &str| {
                    map.get(key)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                };
                self.headline = text("headline").or_else(|| text("name"));
                self.published = text("datePublished").or_else(|| text("dateCreated"));
                self.modified = text("dateModified");
                self.publisher = map
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                if let Some(author) = map.get("author") {
                    self.collect_names(author);
                }
            }
            _ => {}
        }
    }

    fn collect_names(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::String(s) if !s.starts_with("http") => self.authors.push(s.trim().to_owned()),
            Value::Array(items) => items.iter().for_each(|i| self.collect_names(i)),
            Value::Object(map) => {
                if let Some(name) = map.get("name") {
                    self.collect_names(name);
                } else if let Some(id) = map.get("@id").and_then(Value::as_str) {
                    self.author_ids.push(id.to_owned());
                }
            }
            _ => {}
        }
    }

    /// The authors' names, references to `Person` nodes resolved.
    fn author_names(&self) -> Vec<String> {
        let referenced = self.author_ids.iter().filter_map(|id| self.people.get(id));
        self.authors.iter().chain(referenced).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Council passes budget | City Times</title>
        <meta property="og:site_name" content="City Times">
        <meta property="article:published_time" content="2024-03-05T09:00:00Z">
        <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council passes budget","author":{"@type":"Person","name":"Jane Doe"}}</script>
        </head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
        <article><h1>Council passes budget</h1><p>The council voted on Tuesday to approve the <a href="/b">new budget</a>.</p>
        <figure><img src="x.jpg"><figcaption>The council chamber.</figcaption></figure>
        <p>Members said the plan would fund schools.</p></article>
        <div class="related-links"><a href="/x">Another story about the council</a></div>
        <script>var x = "not text";</script></body></html>"#;

    /// The title the page's markup and headline give first.
    fn headline(html: &str) -> String {
        parse(html).1.titles.first().cloned().unwrap_or_default()
    }

    #[test]
    fn blocks_carry_kinds_and_roles() {
        let (blocks, _) = parse(PAGE);
        let summary: Vec<(&str, ParagraphKind, Option<DomRole>, bool)> = blocks
            .iter()
            .map(|b| {
                (
                    b.text.as_str(),
                    b.kind,
                    b.dom.as_ref().and_then(|d| d.role),
                    b.dom.as_ref().is_some_and(|d| d.in_article),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (
                    "Home World",
                    ParagraphKind::Body,
                    Some(DomRole::Navigation),
                    false
                ),
                ("Council passes budget", ParagraphKind::Heading, None, true),
                (
                    "The council voted on Tuesday to approve the new budget.",
                    ParagraphKind::Body,
                    None,
                    true
                ),
                (
                    "The council chamber.",
                    ParagraphKind::Body,
                    Some(DomRole::Caption),
                    true
                ),
                (
                    "Members said the plan would fund schools.",
                    ParagraphKind::Body,
                    None,
                    true
                ),
                (
                    "Another story about the council",
                    ParagraphKind::Body,
                    Some(DomRole::Related),
                    false
                ),
            ]
        );
    }

    /// An English dek is a subtitle; a French `chapô` (Portuguese `sapo`) is the lead paragraph,
    /// written and read as the article's first.
    #[test]
    fn a_dek_is_a_byline_role_and_a_chapo_is_content() {
        // A role names a widget, not an element holding most of the page: the body follows.
        let role = |html: &str| {
            let page = format!(
                "{html}<p>{}</p>",
                "The body of the article goes on. ".repeat(20)
            );
            parse(&page)
                .0
                .first()
                .and_then(|b| b.dom.as_ref().and_then(|d| d.role))
        };
        assert_eq!(
            role(r#"<div class="article-dek"><p>Why the vote matters.</p></div>"#),
            Some(DomRole::Byline)
        );
        assert_eq!(
            role(r#"<div class="chapo widthfix"><p>Le décret a été publié.</p></div>"#),
            None
        );
    }

    #[test]
    fn head_metadata_is_read() {
        let (_, page) = parse(PAGE);
        assert_eq!(
            page.titles.first().map(String::as_str),
            Some("Council passes budget")
        );
        assert_eq!(page.site_name.as_deref(), Some("City Times"));
        assert_eq!(page.authors, ["Jane Doe"]);
        assert_eq!(page.published_at.as_deref(), Some("2024-03-05T09:00:00Z"));
        assert_eq!(page.language.as_deref(), Some("en"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!(
            "{}text{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let (blocks, _) = parse(&html);
        assert!(blocks.len() <= 1);
    }

    #[test]
    fn an_h1_that_is_the_site_name_is_not_the_headline() {
        let page = r#"<html><head><title>Advent of Code week 2 - RogerBW's Blog</title>
            <script type="application/ld+json">{"@type":"BlogPosting","headline":"Advent of Code week 2 &#8211; notes"}</script>
            </head><body><h1>RogerBW's Blog</h1><h2>Advent of Code week 2</h2>
            <p>This week the puzzles got harder, and the second one took me most of an evening to get right.</p></body></html>"#;
        let (_, meta) = parse(page);
        assert_eq!(
            meta.titles.first().map(String::as_str),
            Some("Advent of Code week 2 – notes")
        );
        assert_eq!(meta.site_name.as_deref(), Some("RogerBW's Blog"));
    }

    #[test]
    fn a_logo_h1_gives_way_to_the_headline_h1_after_it() {
        let page = r#"<html><head><meta property="og:site_name" content="Houstonia Magazine">
            <meta property="og:title" content="Hottest New Restaurants, December 2025"></head><body>
            <h1 class="global-logo"><a href="/"><span>Houstonia Magazine</span></a></h1>
            <h1>Houston's Hottest New Restaurants to Visit This Month</h1>
            <p>Five new places opened this month, from a taqueria to a wine bar in the Heights.</p></body></html>"#;
        assert_eq!(
            headline(page),
            "Houston's Hottest New Restaurants to Visit This Month"
        );
    }

    #[test]
    fn a_kicker_in_its_own_block_inside_the_h1_is_not_the_headline() {
        let page = r#"<html><head><title>Klatch Coffee | Shopify App Store</title></head><body>
            <h1><div class="kicker">Get that tech stack</div> <span>Klatch Coffee</span></h1>
            <p>The roaster moved its shop to a new platform and doubled its online sales in a year.</p></body></html>"#;
        assert_eq!(headline(page), "Klatch Coffee");
    }

    #[test]
    fn a_logo_h1_and_a_shortened_site_name_are_not_the_title() {
        let page = r#"<html><head><title>The Agency | ML (Machine Learning) at Georgia Tech</title></head><body>
            <h1 id="gt-logo"><a href="/"><span>Georgia Institute of Technology</span></a></h1>
            <p>The center brings together machine learning researchers from across the campus.</p></body></html>"#;
        assert_eq!(headline(page), "ML (Machine Learning) at Georgia Tech");
        assert_eq!(
            clean_title(
                "Website Design Portfolio | Thrive Internet Marketing",
                Some("Thrive Internet Marketing Agency")
            ),
            "Website Design Portfolio"
        );
    }

    #[test]
    fn the_markup_form_of_the_headline_is_taken_unless_it_cuts_or_dates_it() {
        let title = |og: &str, h1: &str| {
            let page = format!(
                r#"<html><head><meta property="og:title" content="{og}"></head><body><h1>{h1}</h1>
                <p>Renovation costs depend on the size of the house, the rooms and the finishes.</p></body></html>"#
            );
            headline(&page)
        };
        // `&` for `and`: the same title, edited.
        assert_eq!(
            title(
                "Costs: A Breakdown for Homeowners &amp; Investors",
                "Costs: A Breakdown for Homeowners and Investors"
            ),
            "Costs: A Breakdown for Homeowners & Investors"
        );
        // Last year's number, words cut or a section affixed: the headline stays.
        assert_eq!(
            title("Chronik: Lotte Tobisch ist tot", "Lotte Tobisch ist tot"),
            "Lotte Tobisch ist tot"
        );
        assert_eq!(
            title(
                "Guide to filing your taxes in 2024",
                "Guide to filing your taxes in 2025"
            ),
            "Guide to filing your taxes in 2025"
        );
        assert_eq!(
            title(
                "House Renovation Costs in the Bay Area",
                "House Renovation Costs in the Bay Area: Room-by-Room Breakdown"
            ),
            "House Renovation Costs in the Bay Area: Room-by-Room Breakdown"
        );
    }

    #[test]
    fn a_breadcrumb_h1_is_not_the_headline() {
        let page = r#"<html><head><meta name="citation_title" content="Merging language models with geometric constraints">
            </head><body><h1>Computer Science > Artificial Intelligence</h1></body></html>"#;
        assert_eq!(
            headline(page),
            "Merging language models with geometric constraints"
        );
    }

    #[test]
    fn live_commentary_is_not_reader_comments() {
        let page = r#"<html><body>
            <div class="live-match-comments"><p>The two teams are feeling each other out early on.</p></div>
            <div class="comments"><p>Great match, what a goal!</p></div></body></html>"#;
        let (blocks, _) = parse(page);
        let role_of_text = |needle: &str| {
            blocks
                .iter()
                .find(|b| b.text.contains(needle))
                .and_then(|b| b.dom.as_ref().and_then(|d| d.role))
        };
        assert_eq!(role_of_text("feeling each other out"), None);
        assert_eq!(role_of_text("what a goal"), Some(DomRole::Comments));
    }

    fn authors_and_date(page: &str) -> (Vec<String>, Option<String>) {
        let (_, meta) = parse(page);
        (meta.authors, meta.published_at)
    }

    #[test]
    fn a_byline_element_names_the_author() {
        let page = r#"<html><body><article><h1>Council passes the budget</h1>
            <div class="author-wrap"><div class="eyebrow">By</div><div>Summer Swann</div><div>-</div></div>
            <div class="author-img">Photo desk</div>
            <p>The council passed the budget on Tuesday after a long debate about the new library.</p>
            </article><aside><span class="author">Someone Else</span></aside></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Summer Swann"]);
    }

    #[test]
    fn a_glued_by_line_names_the_author_and_a_menu_does_not() {
        let page = r#"<html><body><nav><ul><li><a href="/s">By State</a></li></ul></nav>
            <h1>What fasting does to the body</h1><div><span>By</span><span>Daryl Austin</span></div>
            <h3>By Functionality</h3>
            <p>Fasting is a common practice, whether for religious reasons or for health.</p></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Daryl Austin"]);
    }

    #[test]
    fn structured_authors_come_first_and_references_are_resolved() {
        let page = r#"<html><head><script type="application/ld+json">{"@graph":[
            {"@type":"BlogPosting","headline":"Types of apps","author":{"@id":"https://x.test/#shiv"}},
            {"@type":"Person","@id":"https://x.test/#shiv","name":"Shivkumar M"}]}</script>
            </head><body><h1>Types of apps</h1><span class="byline">By Other Person</span></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Shivkumar M"]);
    }

    #[test]
    fn a_user_name_or_the_site_gives_way_to_a_shown_name() {
        let page = r#"<html><head><meta name="author" content="kffnirmitap">
            </head><body><h1>Health costs rise</h1><p class="author-name">Nirmita Panchal</p></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Nirmita Panchal"]);
        let page = r#"<html><head><meta property="og:site_name" content="Rapid7"><meta name="author" content="Rapid7">
            </head><body><h1>Patch Tuesday</h1><a rel="author" href="/a/sm">Spencer McIntyre</a></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Spencer McIntyre"]);
        // A personal site's author is the site's name when nothing else names one.
        let page = r#"<html><head><meta property="og:site_name" content="Polly Barks"><meta name="author" content="Polly Barks">
            </head><body><h1>Zero waste living</h1></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Polly Barks"]);
    }

    #[test]
    fn scholarly_authors_are_turned_round() {
        let page = r#"<html><head><meta name="citation_author" content="Roy, Aniruddha">
            <meta name="citation_author" content="Patel, Jyoti"></head><body></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Aniruddha Roy", "Jyoti Patel"]);
    }

    #[test]
    fn a_revision_date_is_not_the_publication() {
        // A `<time>` in a container named for the change, or after an update label in its own
        // line or in the short line above, is the modification date.
        for (body, modified) in [
            (
                r#"<div class="field field--name-changed"><time datetime="2026-02-12T14:36:23-05:00">February 12, 2026</time></div>"#,
                "2026-02-12T14:36:23-05:00",
            ),
            (
                r#"<p>Last updated: <time datetime="2026-01-12">January 12, 2026</time>.</p>"#,
                "2026-01-12",
            ),
            (
                r#"<div class="field__label">Date Last Reviewed:</div><div class="field__item"><time datetime="2025-04-14T12:00:00Z">April 2025</time></div>"#,
                "2025-04-14T12:00:00Z",
            ),
        ] {
            let page = format!(
                "<html><body><article><p>Gardeners keep pests out with fences, netting and companion planting.</p>{body}</article></body></html>"
            );
            let (_, meta) = parse(&page);
            assert_eq!(meta.published_at, None, "{body}");
            assert_eq!(meta.modified_at.as_deref(), Some(modified), "{body}");
        }
        // A label is the words right before the date, not any word of the line.
        let page = r#"<html><body><article><p>The council updated its rules for every market stall in the old town, from March on, <time datetime="2016-07-15">July 15, 2016</time>.</p></article></body></html>"#;
        assert_eq!(parse(page).1.published_at.as_deref(), Some("2016-07-15"));
        // A `<time>` without a label is still the publication.
        let page = r#"<html><body><article><p>Gardeners keep pests out with fences.</p><time datetime="2016-07-15">July 15, 2016</time></article></body></html>"#;
        assert_eq!(parse(page).1.published_at.as_deref(), Some("2016-07-15"));
    }

    #[test]
    fn meta_dates_by_any_key_and_never_a_publication_after_the_last_change() {
        let page = r#"<html><head><meta name="published-time" content="2026-03-09T08:45:32.183Z">
            <meta name="modified-date" content="2024-07-30"><meta name="published-date" content="2021-02-16">
            </head><body><p>Emerging technologies help tackle climate change on land, at sea and in the air.</p></body></html>"#;
        let (_, meta) = parse(page);
        assert_eq!(meta.published_at.as_deref(), Some("2021-02-16"));
        assert_eq!(meta.modified_at.as_deref(), Some("2024-07-30"));
        assert_eq!(
            meta_date("article:published_time"),
            Some(MetaDate::Published)
        );
        assert_eq!(meta_date("last-modified-time"), Some(MetaDate::Modified));
        assert_eq!(meta_date("publisher"), None);
    }

    #[test]
    fn the_date_shown_with_the_headline_wins_over_an_update_line() {
        let page = r#"<html><head><meta property="article:published_time" content="2024-09-06T13:12:36+00:00">
            </head><body><h1>Machine learning in retail</h1><div class="datepanel">November 14, 2025</div>
            <p>Retailers use machine learning to forecast demand and to price their goods.</p></body></html>"#;
        assert_eq!(authors_and_date(page).1.as_deref(), Some("2025-11-14"));
        let page = r#"<html><head><meta property="article:published_time" content="2024-03-17T05:58:00+00:00">
            </head><body><h1>Build your own workout</h1><p>Updated August 5, 2025 · 12 min read</p>
            <p>A workout routine you design yourself is one you will keep doing for years.</p></body></html>"#;
        let (_, meta) = parse(page);
        assert_eq!(
            meta.published_at.as_deref(),
            Some("2024-03-17T05:58:00+00:00")
        );
        assert_eq!(meta.modified_at.as_deref(), Some("2025-08-05"));
        // A date far below the headline, past the first paragraph, is another item's.
        let page = r#"<html><body><h1>Garden notes</h1>
            <p>Low light is no reason to give up on plants: many of them thrive in the shade of a north
            window, and a few, like the cast-iron plant and the ZZ plant, do better there than they would
            in full sun on a south-facing sill.</p>
            <p>Open today, March 14, 2026</p></body></html>"#;
        assert_eq!(authors_and_date(page).1, None);
    }
}
