//! HTML → blocks, plus what the page's markup says about the article ([`PageMeta`]).
//!
//! One parse (html5ever, through scraper) and one iterative walk: block elements start new
//! blocks, inline text accumulates into the current one, and every block carries the DOM hints
//! the boilerplate stage needs (link density, inside `<article>`, a role named by an ancestor).
//! The walk keeps its own stack, so pathological nesting cannot overflow the thread's stack.

use std::collections::HashMap;

use ego_tree::NodeId;
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use super::block::{Block, DomHints, DomRole};
use super::metadata::PageMeta;
use super::segment::ParagraphKind;

/// Ancestors kept per block: enough for any real page, bounded for hostile nesting.
const MAX_PATH: usize = 256;

/// Elements whose content is never text for a reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input",
    "textarea", "canvas", "video", "audio", "object", "embed", "map", "head", "math", "dialog",
    "picture", "source",
];

/// Elements that end the current block and start a new one.
const BLOCK_LEVEL: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "tr",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "address",
    "hr",
    "br",
    "body",
    "center",
    "details",
    "summary",
    "fieldset",
    "legend",
];

/// Parses an HTML page into blocks and page metadata.
#[must_use]
pub fn parse(html: &str) -> (Vec<Block>, PageMeta) {
    let doc = Html::parse_document(&super::nesting::limit_depth(html));
    let sizes = text_sizes(&doc);
    let mut walker = Walker {
        total: sizes
            .get(&doc.tree.root().id())
            .copied()
            .unwrap_or_default(),
        ..Walker::default()
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        walker.open(el, sizes.get(&node.id()).copied().unwrap_or_default());
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
/// article's paragraphs is content, whatever its class says.
fn text_sizes(doc: &Html) -> HashMap<NodeId, TextSize> {
    let mut sizes = HashMap::new();
    // (node, size, hidden, inside <p>)
    let mut stack: Vec<(NodeId, TextSize, bool, bool)> = Vec::new();
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
                        node.id(),
                        TextSize::default(),
                        hidden || SKIPPED.contains(&e.name()),
                        in_p || e.name() == "p",
                    ));
                }
                Node::Document => stack.push((node.id(), TextSize::default(), false, false)),
                _ => {}
            },
            Edge::Close(node) => {
                if matches!(node.value(), Node::Element(_) | Node::Document) {
                    if let Some((id, size, _, _)) = stack.pop() {
                        sizes.insert(id, size);
                        if let Some(parent) = stack.last_mut() {
                            parent.1.all += size.all;
                            parent.1.prose += size.prose;
                        }
                    }
                }
            }
        }
    }
    sizes
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
}

impl Walker {
    fn top(&self) -> Option<&Frame> {
        self.stack.last()
    }

    fn open(&mut self, el: ElementRef<'_>, size: TextSize) {
        let e = el.value();
        let name = e.name();
        let parent = self.top().copied();
        // A `<time>` counts as the article's date only inside the article, not in a sidebar.
        self.head.element(
            e,
            parent.is_some_and(|p| p.in_article || p.in_body_container) || is_article(el),
        );
        let hidden = e.attr("hidden").is_some()
            || e.attr("aria-hidden")
                .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || e.attr("style").is_some_and(|s| {
                let s: String = s
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                s.contains("display:none") || s.contains("visibility:hidden")
            });
        let is_ld = name == "script"
            && e.attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
        let capture = match name {
            "title" => Capture::Title,
            "h1" if self.head.h1.is_none() => Capture::H1,
            _ if is_ld => Capture::JsonLd,
            _ => parent.map_or(Capture::None, |p| p.capture),
        };
        // Head, title and JSON-LD text is captured for metadata, never shown as body.
        let skip = SKIPPED.contains(&name) || hidden || is_ld || name == "title";
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
            block_level: BLOCK_LEVEL.contains(&name),
            kind,
            // A role names a widget: an element holding half the page's text is the page itself.
            role: role_of(el)
                .filter(|_| {
                    size.is_widget_of(self.total)
                        && !matches!(name, "html" | "body" | "main" | "article")
                })
                .or(parent.and_then(|p| p.role)),
            in_article: parent.is_some_and(|p| p.in_article) || is_article(el),
            in_body_container: parent.is_some_and(|p| p.in_body_container) || is_body_container(el),
            link: name == "a" || parent.is_some_and(|p| p.link),
            capture,
        };
        if frame.block_level {
            self.flush();
        }
        if frame.skip {
            self.skip_depth += 1;
        }
        if name == "a" && self.href.is_none() {
            self.href = e.attr("href").map(str::to_owned);
        }
        self.stack.push(frame);
        self.depth += 1;
        if self.path.len() < MAX_PATH {
            self.path.push(self.next_id);
        }
        self.next_id = self.next_id.wrapping_add(1);
    }

    fn close(&mut self, el: ElementRef<'_>) {
        let name = el.value().name();
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
            } else if matches!(name, "td" | "th") {
                self.buffer.push('\t');
            }
            if frame.capture != Capture::None
                && self.top().is_none_or(|p| p.capture != frame.capture)
            {
                self.head.end_capture(frame.capture);
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
        let text = self
            .buffer
            .split('\t')
            .map(|cell| cell.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|cell| !cell.is_empty())
            .collect::<Vec<_>>()
            .join("\t");
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
fn is_body_container(el: ElementRef<'_>) -> bool {
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
    let e = el.value();
    e.attr("itemprop")
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || e.attr("class")
            .into_iter()
            .flat_map(str::split_whitespace)
            .chain(e.id())
            .any(|name| {
                let squashed: String = name
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric())
                    .flat_map(|c| c.to_lowercase())
                    .collect();
                NAMES.iter().any(|n| {
                    squashed == *n || squashed.ends_with(n) && squashed.len() <= n.len() + 4
                })
            })
}

fn is_article(el: ElementRef<'_>) -> bool {
    let e = el.value();
    matches!(e.name(), "article" | "main")
        || e.attr("itemprop")
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || e.attr("role")
            .is_some_and(|v| v.eq_ignore_ascii_case("main"))
}

/// A boilerplate role named by the element's tag, ARIA role, class or id.
fn role_of(el: ElementRef<'_>) -> Option<DomRole> {
    let e = el.value();
    match e.name() {
        "nav" => return Some(DomRole::Navigation),
        "footer" => return Some(DomRole::Footer),
        "aside" => return Some(DomRole::Aside),
        "figcaption" => return Some(DomRole::Caption),
        _ => {}
    }
    if let Some(role) = e.attr("role") {
        match role.to_ascii_lowercase().as_str() {
            "navigation" | "menubar" | "menu" => return Some(DomRole::Navigation),
            "contentinfo" => return Some(DomRole::Footer),
            "complementary" => return Some(DomRole::Aside),
            _ => {}
        }
    }
    let names = || e.attr("class").into_iter().chain(e.id());
    // `social-media-embed`, `twitter-embed`: a post embedded in the article is content, whatever
    // network it comes from.
    let embedded = names()
        .flat_map(|n| n.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|p| {
            matches!(
                p.to_ascii_lowercase().as_str(),
                "embed" | "embedded" | "embeds"
            )
        });
    if embedded {
        return None;
    }
    // Compound names split by hyphens: `sub-head`, `stand-first`, `article-dek`.
    let deck = names().flat_map(str::split_whitespace).any(|n| {
        let squashed: String = n
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(|c| c.to_lowercase())
            .collect();
        matches!(
            squashed.as_str(),
            "subhead" | "subheadline" | "standfirst" | "articledek" | "storydek"
        )
    });
    if deck {
        return Some(DomRole::Byline);
    }
    for name in names() {
        // `live-match-comments`: a live blog's running commentary is the article, not readers'
        // comments.
        let live = name
            .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
            .any(|p| p.eq_ignore_ascii_case("live") || p.eq_ignore_ascii_case("liveblog"));
        for part in name.split(|c: char| c.is_whitespace() || c == '-' || c == '_') {
            let part = part.to_ascii_lowercase();
            let p = part.as_str();
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
                "caption" | "credit" | "credits" | "wp-caption-text" => DomRole::Caption,
                "byline" | "dateline" | "timestamp" | "dek" | "standfirst" | "subtitle"
                | "subhead" | "sapo" | "chapo" | "kicker" => DomRole::Byline,
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

/// Collects head metadata during the walk.
#[derive(Debug, Default)]
struct HeadCollector {
    title: String,
    h1: Option<String>,
    h1_buffer: String,
    json_ld: Vec<String>,
    ld_buffer: String,
    og_title: Option<String>,
    site_name: Option<String>,
    authors: Vec<String>,
    published: Option<String>,
    modified: Option<String>,
    language: Option<String>,
    canonical: Option<String>,
    description: Option<String>,
}

impl HeadCollector {
    fn element(&mut self, e: &scraper::node::Element, in_article: bool) {
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
                    "og:title" | "twitter:title" => {
                        self.og_title.get_or_insert(content);
                    }
                    "og:site_name" => self.site_name = Some(content),
                    "author" | "article:author" | "sailthru.author" | "parsely-author"
                    | "dc.creator"
                        if !content.starts_with("http") && !self.authors.contains(&content) =>
                    {
                        self.authors.push(content);
                    }
                    "article:published_time"
                    | "datepublished"
                    | "pubdate"
                    | "publishdate"
                    | "date"
                    | "dc.date"
                    | "sailthru.date"
                    | "parsely-pub-date" => {
                        self.published.get_or_insert(content);
                    }
                    "article:modified_time" | "datemodified" | "og:updated_time" => {
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
                    if e.attr("itemprop")
                        .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
                        || self.published.is_none() && dt.len() >= 10 && in_article
                    {
                        self.published.get_or_insert(dt.to_owned());
                    }
                }
            }
            _ => {}
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

    fn end_capture(&mut self, what: Capture) {
        match what {
            Capture::H1 => {
                let h1 = self
                    .h1_buffer
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                if !h1.is_empty() && self.h1.is_none() {
                    self.h1 = Some(h1);
                }
                self.h1_buffer.clear();
            }
            Capture::JsonLd => self.json_ld.push(std::mem::take(&mut self.ld_buffer)),
            Capture::Title | Capture::None => {}
        }
    }

    fn finish(mut self) -> PageMeta {
        let mut ld = LdArticle::default();
        for raw in &self.json_ld {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) {
                ld.visit(&value);
            }
        }
        // `<title>Post - Blog Name</title>` with `<h1>Blog Name</h1>`: an h1 that is only a later
        // part of the title is the site's name, not the headline.
        let h1_is_site = self.h1.as_deref().is_some_and(|h1| {
            let h = super::boilerplate::fold(h1);
            let parts = title_parts(&self.title);
            parts.len() >= 2
                && super::boilerplate::fold(parts[0]) != h
                && parts[1..].iter().any(|p| super::boilerplate::fold(p) == h)
        });
        if h1_is_site {
            let h1 = self.h1.take();
            if self.site_name.is_none() {
                self.site_name = h1;
            }
        }
        let site = self.site_name.clone().or(ld.publisher.clone());
        let title = clean_title(&self.title, site.as_deref());
        let og = self
            .og_title
            .as_deref()
            .map(|t| clean_title(t, site.as_deref()));
        let mut titles: Vec<String> = Vec::new();
        let agrees = |h1: &str| {
            let h = super::boilerplate::fold(h1);
            [ld.headline.as_deref(), og.as_deref(), Some(title.as_str())]
                .into_iter()
                .flatten()
                .map(super::boilerplate::fold)
                .any(|t| !h.is_empty() && (t.contains(&h) || h.contains(&t) && !t.is_empty()))
        };
        // The headline a reader sees is the first `<h1>`, unless it is only the site's name.
        let site_key = site
            .as_deref()
            .map(super::boilerplate::fold)
            .unwrap_or_default();
        if let Some(h1) = self.h1.take().filter(|h| {
            let key = super::boilerplate::fold(h);
            key != site_key && (agrees(h) || h.split_whitespace().count() >= 3)
        }) {
            titles.push(h1);
        }
        titles.extend(
            ld.headline
                .as_deref()
                .map(|h| html_escape::decode_html_entities(h).into_owned()),
        );
        titles.extend(og);
        if !title.is_empty() {
            titles.push(title);
        }
        titles.dedup();
        let raw_authors = if ld.authors.is_empty() {
            std::mem::take(&mut self.authors)
        } else {
            ld.authors
        };
        let authors = super::metadata::clean_authors(raw_authors);
        PageMeta {
            titles,
            site_name: site,
            authors,
            published_at: ld.published.or(self.published).and_then(|d| iso_date(&d)),
            modified_at: ld.modified.or(self.modified).and_then(|d| iso_date(&d)),
            language: self.language,
            url: self.canonical.filter(|u| u.starts_with("http")),
            description: self.description,
        }
    }
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
    let site_key = site.map(super::boilerplate::fold).unwrap_or_default();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| super::boilerplate::fold(p) != site_key)
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
                let is_article = map.get("@type").is_some_and(|t| {
                    let types: Vec<&str> = match t {
                        Value::String(s) => vec![s.as_str()],
                        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
                        _ => Vec::new(),
                    };
                    types.iter().any(|t| {
                        t.ends_with("Article")
                            || *t == "BlogPosting"
                            || *t == "Report"
                            || *t == "LiveBlogPosting"
                    })
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
                    collect_names(author, &mut self.authors);
                }
            }
            _ => {}
        }
    }
}

fn collect_names(v: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.starts_with("http") => out.push(s.trim().to_owned()),
        Value::Array(items) => items.iter().for_each(|i| collect_names(i, out)),
        Value::Object(map) => {
            if let Some(name) = map.get("name") {
                collect_names(name, out);
            }
        }
        _ => {}
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
}
