//! HTML → blocks, plus what the page's markup says about the article ([`MarkupFacts`]), for the
//! metadata room to choose from.
//!
//! One parse ([`outline`]: html5gum's tokenizer and our own stack of open elements) and one walk
//! over its opens, texts and closes: block elements start new blocks, inline text accumulates
//! into the current one, and every block carries the DOM hints the boilerplate stage needs (link
//! density, inside `<article>`, a role named by an ancestor).

mod attrs;
mod bylines;
mod facts;
mod guard;
mod outline;

use std::sync::Arc;

use super::block::{Block, DomHints, DomRole, ElementTree, Image, ParagraphKind, Placement};
use super::dates;
use attrs::{Attrs, ClassCache, is_article, is_body_container, is_byline, is_revision, role_of};
use bylines::is_byline_line;
pub(crate) use bylines::{glued_by, is_byline_label};
use facts::FactCollector;
pub use facts::MarkupFacts;
use outline::{Element, Kinds, Node, TextSize};

/// What the blocks carry beyond their text, for Markdown that keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Markup {
    /// Each block's links, their text and target.
    pub links: bool,
    /// The images before each block, with their alt text and caption.
    pub images: bool,
}

/// Parses an HTML page into blocks and what its markup says about the article.
#[must_use]
pub fn parse(html: &str) -> (Vec<Block>, MarkupFacts) {
    parse_with(html, Markup::default())
}

/// [`parse`], the blocks also carrying the links and images `markup` asks for.
#[must_use]
pub fn parse_with(html: &str, markup: Markup) -> (Vec<Block>, MarkupFacts) {
    let outline = outline::parse(html);
    let mut walker = Walker {
        total: outline.total,
        keep_links: markup.links,
        keep_images: markup.images,
        ..Walker::default()
    };
    for node in outline.nodes() {
        match node {
            Node::Open(element) => walker.open(element),
            Node::Text(text) => walker.text(text),
            Node::Close(element) => walker.close(element),
        }
    }
    walker.flush();
    let facts = std::mem::take(&mut walker.facts).finish();
    (walker.into_blocks(), facts)
}

/// What one open element contributes to the blocks inside it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    skip: bool,
    block_level: bool,
    kind: Option<ParagraphKind>,
    pub(super) role: Option<DomRole>,
    pub(super) in_article: bool,
    pub(super) in_body_container: bool,
    /// Inside an element named for a revision (`post-date__modified`, `field--name-changed`):
    /// a date here is an update, not the publication.
    in_revision: bool,
    link: bool,
    /// Hidden by the page (see [`DomHints::hidden`]); its text goes to hidden blocks.
    hides: bool,
    capture: Capture,
    /// 1–6 inside `<h1>`…`<h6>`, else 0.
    heading_level: u8,
}

/// Head elements whose text is captured for metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Capture {
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
    /// Whether the links of blocks are kept, the one open now (target, text so far), and those
    /// of the block being read.
    keep_links: bool,
    open_link: Option<(String, String)>,
    block_links: Vec<(String, String)>,
    /// Whether images are kept, and those seen since the last block.
    keep_images: bool,
    images: Vec<Image>,
    block_kind: Option<ParagraphKind>,
    block_heading_level: u8,
    block_role: Option<DomRole>,
    block_in_article: bool,
    block_in_body_container: bool,
    skip_depth: usize,
    /// Open elements the page hides.
    hidden_depth: usize,
    /// Text inside hidden elements since the last block boundary, and what its block needs.
    hidden_buffer: String,
    hidden_link_chars: usize,
    hidden_start: Option<Frame>,
    hidden_element: Option<u32>,
    /// Hidden blocks, each with the number of visible blocks before it.
    hidden_blocks: Vec<(usize, Block)>,
    facts: FactCollector,
    /// What the page's class values say, read once each.
    classes: ClassCache,
    /// Visible text of the whole page.
    total: TextSize,
    /// Ids of the open elements, root first.
    path: Vec<u32>,
    /// The page's elements, numbered as they open (an id is its index).
    tree: ElementTree,
    /// The innermost element open where the block being read started.
    block_element: Option<u32>,
    /// Open byline elements: their depth and the text seen inside them so far.
    bylines: Vec<(usize, String)>,
    /// The last block was a byline's label alone (`Written by`): the next one may be the names.
    after_byline_label: bool,
}

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

    fn open(&mut self, el: Element<'_>) {
        let name = el.name();
        let attrs = Attrs::of(&el, &mut self.classes);
        let parent = self.top().copied();
        let article = is_article(name, &attrs);
        // A `<time>` counts as the article's date only inside the article, not in a sidebar, and
        // as its publication only when neither its container nor the label before it (in its
        // own line, or the short line just above: `Date Last Reviewed:`) speaks of a revision.
        let revision = name == "time"
            && (parent.is_some_and(|p| p.in_revision)
                || is_revision(&attrs)
                || dates::is_update_label(self.label_before()));
        self.facts.element(
            &el,
            parent.is_some_and(|p| p.in_article || p.in_body_container) || article,
            revision,
        );
        let hidden = is_hidden(&attrs);
        let is_ld = name == "script"
            && attrs
                .kind
                .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
        let capture = match name {
            // An SVG's `<title>` names the drawing: neither the page's title nor the text of
            // the heading it may sit in (a logo in the `<h1>`).
            "title" if !el.is_foreign() => Capture::Title,
            "title" => Capture::None,
            // `<h1 id="gt-logo">`: the site's logo, not the headline.
            "h1" if self.facts.wants_heading() && !attrs.named.logo => Capture::H1,
            _ if is_ld => Capture::JsonLd,
            _ => parent.map_or(Capture::None, |p| p.capture),
        };
        // Head, title and JSON-LD text is captured for metadata, never shown as body.
        let skip = el.is(Kinds::SKIPPED) || is_ld || name == "title";
        let kind = paragraph_kind(name).or(parent.and_then(|p| p.kind));
        let heading_level = match name.as_bytes() {
            [b'h', level @ b'1'..=b'6'] => level - b'0',
            _ => parent.map_or(0, |p| p.heading_level),
        };
        let frame = Frame {
            heading_level,
            skip,
            block_level: el.is(Kinds::BLOCK),
            kind,
            // A role names a widget: an element holding half the page's text is the page itself.
            role: role_of(name, &attrs)
                .filter(|_| {
                    el.size().is_widget_of(self.total)
                        && !matches!(name, "html" | "body" | "main" | "article")
                })
                .or(parent.and_then(|p| p.role)),
            in_article: parent.is_some_and(|p| p.in_article) || article,
            in_body_container: parent.is_some_and(|p| p.in_body_container)
                || is_body_container(&attrs),
            in_revision: parent.is_some_and(|p| p.in_revision) || is_revision(&attrs),
            link: name == "a" || parent.is_some_and(|p| p.link),
            hides: hidden,
            capture,
        };
        if frame.block_level {
            self.flush();
            // A kicker in its own block inside the `<h1>` is a line of its own.
            if frame.capture == Capture::H1 {
                self.facts.h1_buffer.push('\n');
            }
        }
        if frame.skip {
            self.skip_depth += 1;
        }
        if frame.hides {
            self.hidden_depth += 1;
        }
        if name == "a" && self.href.is_none() {
            self.href = attrs.href.map(str::to_owned);
        }
        if name == "a" && self.keep_links && self.skip_depth == 0 && self.hidden_depth == 0 {
            self.open_link = attrs.href.map(|h| (h.to_owned(), String::new()));
        }
        // An image goes with the next block: the body search decides whether it is the
        // article's (between its paragraphs) or a teaser's, an ad's, a logo.
        if name == "img" && self.keep_images && self.skip_depth == 0 && self.hidden_depth == 0 {
            self.images.extend(image(&attrs));
        }
        self.stack.push(frame);
        let id = u32::try_from(self.tree.parent.len()).unwrap_or(u32::MAX);
        self.tree
            .parent
            .push(self.path.last().copied().unwrap_or(u32::MAX));
        self.tree.last_descendant.push(id);
        self.path.push(id);
        if self.skip_depth == 0
            && self.hidden_depth == 0
            && self.bylines.len() < MAX_OPEN_BYLINES
            && is_byline(&attrs)
        {
            self.bylines.push((self.path.len(), String::new()));
        }
    }

    fn close(&mut self, el: Element<'_>) {
        let name = el.name();
        if name == "a" {
            self.end_link();
        }
        if self
            .bylines
            .last()
            .is_some_and(|(d, _)| *d == self.path.len())
        {
            if let Some((_, text)) = self.bylines.pop() {
                if let Some(frame) = self.top().copied() {
                    self.facts.byline(&text, frame);
                }
            }
        }
        if let Some(id) = self.path.pop() {
            // Every element opened since is its descendant.
            let last = u32::try_from(self.tree.parent.len().saturating_sub(1)).unwrap_or(u32::MAX);
            if let Some(slot) = self.tree.last_descendant.get_mut(id as usize) {
                *slot = last;
            }
        }
        if let Some(frame) = self.stack.pop() {
            if frame.skip {
                self.skip_depth = self.skip_depth.saturating_sub(1);
            }
            if frame.hides {
                self.hidden_depth = self.hidden_depth.saturating_sub(1);
            }
            if frame.block_level {
                self.flush();
                if frame.capture == Capture::H1 {
                    self.facts.h1_buffer.push('\n');
                }
            } else if matches!(name, "td" | "th") {
                self.buffer.push('\t');
            }
            if frame.capture != Capture::None
                && self.top().is_none_or(|p| p.capture != frame.capture)
            {
                // The lines just above an `<h1>` may carry its date (`News · 12 March 2025`).
                let before =
                    self.blocks.len().saturating_sub(3)..self.blocks.len().saturating_sub(1);
                self.facts
                    .end_capture(frame.capture, self.blocks.get(before).unwrap_or_default());
            }
        }
    }

    fn text(&mut self, t: &str) {
        let Some(frame) = self.top().copied() else {
            return;
        };
        if frame.capture != Capture::None {
            self.facts.capture(frame.capture, t);
        }
        if self.skip_depth > 0 {
            return;
        }
        if self.hidden_depth > 0 {
            if self.hidden_buffer.is_empty() {
                self.hidden_start = Some(frame);
                self.hidden_element = self.path.last().copied();
            }
            self.hidden_buffer.push_str(t);
            if frame.link {
                self.hidden_link_chars += t.trim().chars().count();
            }
            return;
        }
        for (_, byline) in &mut self.bylines {
            byline.push_str(t);
            byline.push(' ');
        }
        if self.buffer.is_empty() {
            self.block_kind = frame.kind;
            self.block_heading_level = frame.heading_level;
            self.block_role = frame.role;
            self.block_in_article = frame.in_article;
            self.block_in_body_container = frame.in_body_container;
            self.block_element = self.path.last().copied();
        }
        self.buffer.push_str(t);
        if frame.link {
            self.link_chars += t.trim().chars().count();
        }
        if let Some((_, text)) = &mut self.open_link {
            text.push_str(t);
        }
    }

    /// Ends the open link, keeping its text and target for the block.
    fn end_link(&mut self) {
        if let Some((href, text)) = self.open_link.take() {
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if !text.is_empty() {
                self.block_links.push((text, href));
            }
        }
    }

    fn flush(&mut self) {
        // A link across a block boundary goes on in the next block.
        let reopen = self.open_link.as_ref().map(|(href, _)| href.clone());
        self.end_link();
        self.open_link = reopen.map(|href| (href, String::new()));
        let text = folded_cells(&self.buffer);
        // A short `By Jane Doe` line names the author wherever the page puts it.
        let heading = self.block_kind == Some(ParagraphKind::Heading);
        // The date shown with the headline sits among the few short lines right after it.
        let role = self.top().map(|f| f.role);
        self.facts.line(&text, heading, role);
        if let Some(frame) = self
            .top()
            .copied()
            .filter(|_| !heading && is_byline_line(&text))
        {
            self.facts.byline(&text, frame);
        }
        if !text.is_empty() {
            // `<p>Written by</p><p>Jane Doe</p>`: the label's next block is the byline.
            if std::mem::replace(&mut self.after_byline_label, is_byline_label(&text)) {
                if let Some(frame) = self.top().copied() {
                    self.facts.byline(&text, frame);
                }
            }
        }
        // A figure's caption names the image before it, which then goes with the next block.
        if self.block_role == Some(DomRole::Caption) && !text.is_empty() {
            if let Some(image) = self.images.last_mut().filter(|i| i.caption.is_none()) {
                image.caption = Some(text.clone());
            }
        }
        if !text.is_empty() {
            let link_chars = self.link_chars;
            let images_before = if self.block_role == Some(DomRole::Caption) {
                Vec::new()
            } else {
                std::mem::take(&mut self.images)
            };
            let href = self
                .href
                .take()
                .filter(|_| link_chars * 2 >= text.chars().count());
            self.blocks.push(Block {
                text,
                kind: self.block_kind.unwrap_or_default(),
                gap_before: true,
                dom: Some(Box::new(DomHints {
                    link_chars,
                    in_article: self.block_in_article,
                    in_body_container: self.block_in_body_container,
                    placement: Placement {
                        tree: Arc::default(),
                        element: self.block_element,
                    },
                    role: self.block_role,
                    hidden: false,
                    href,
                    links: std::mem::take(&mut self.block_links),
                    heading_level: self.block_heading_level,
                    images_before,
                })),
            });
        }
        self.block_links.clear();
        self.buffer.clear();
        self.link_chars = 0;
        self.href = None;
        self.flush_hidden();
    }

    /// The hidden text since the last block boundary, as a block of its own.
    fn flush_hidden(&mut self) {
        let text = folded_cells(&self.hidden_buffer);
        if let (false, Some(frame)) = (text.is_empty(), self.hidden_start) {
            let block = Block {
                text,
                kind: frame.kind.unwrap_or_default(),
                gap_before: true,
                dom: Some(Box::new(DomHints {
                    link_chars: self.hidden_link_chars,
                    in_article: frame.in_article,
                    in_body_container: frame.in_body_container,
                    placement: Placement {
                        tree: Arc::default(),
                        element: self.hidden_element,
                    },
                    role: frame.role,
                    hidden: true,
                    href: None,
                    links: Vec::new(),
                    heading_level: frame.heading_level,
                    images_before: Vec::new(),
                })),
            };
            self.hidden_blocks.push((self.blocks.len(), block));
        }
        self.hidden_buffer.clear();
        self.hidden_link_chars = 0;
        self.hidden_start = None;
    }

    /// The blocks in page order, hidden ones among them, each placed in the page's element tree.
    fn into_blocks(self) -> Vec<Block> {
        let tree = Arc::new(self.tree);
        let mut all = Vec::with_capacity(self.blocks.len() + self.hidden_blocks.len());
        let mut hidden = self.hidden_blocks.into_iter().peekable();
        for (i, block) in self.blocks.into_iter().enumerate() {
            while let Some((_, h)) = hidden.next_if(|(at, _)| *at <= i) {
                all.push(h);
            }
            all.push(block);
        }
        all.extend(hidden.map(|(_, h)| h));
        for dom in all.iter_mut().filter_map(|b| b.dom.as_mut()) {
            dom.placement.tree = Arc::clone(&tree);
        }
        all
    }
}

/// Table cells apart, tab-separated; elsewhere white space folded to single spaces.
fn folded_cells(buffer: &str) -> String {
    let mut text = String::with_capacity(buffer.len());
    for cell in buffer.split('\t') {
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
    text
}

/// Hidden by the `hidden` attribute, `aria-hidden="true"` or an inline style.
fn is_hidden(attrs: &Attrs<'_>) -> bool {
    attrs.hidden
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
        })
}

/// The kind of paragraph an element makes, if it makes one of its own.
fn paragraph_kind(name: &str) -> Option<ParagraphKind> {
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(ParagraphKind::Heading),
        "li" | "dd" | "dt" => Some(ParagraphKind::ListItem),
        "blockquote" => Some(ParagraphKind::Blockquote),
        "pre" => Some(ParagraphKind::Preformatted),
        "tr" => Some(ParagraphKind::TableRow),
        _ => None,
    }
}

/// An `<img>`'s picture, if it gives an address: a lazy-loading page puts a placeholder in `src`
/// and the picture in `data-src`; an inline `data:` image is no address to give (and may be
/// megabytes).
fn image(attrs: &Attrs<'_>) -> Option<Image> {
    let src = [attrs.src, attrs.data_src]
        .into_iter()
        .flatten()
        .map(str::trim)
        .find(|s| !s.is_empty() && !s.starts_with("data:"))?;
    Some(Image {
        src: src.to_owned(),
        alt: attrs
            .alt
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default(),
        caption: None,
    })
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
    fn images_go_with_the_next_block_only_when_asked_for_the_caption_with_them() {
        let page = r#"<html><body><article><p>First paragraph of the story.</p>
            <figure><img src="data:image/gif;base64,AA" data-src="/real.jpg" alt=" The  chamber ">
            <figcaption>The chamber at night.</figcaption></figure>
            <img src="data:image/png;base64,AA"><img alt="no address">
            <p>Second paragraph of the story.</p></article></body></html>"#;
        let images_of = |markup: Markup| -> Vec<Vec<Image>> {
            parse_with(page, markup)
                .0
                .into_iter()
                .map(|b| b.dom.map(|d| d.images_before).unwrap_or_default())
                .collect()
        };
        let asked = images_of(Markup {
            images: true,
            ..Markup::default()
        });
        // The first paragraph, the caption (which names the image and passes it on), the
        // second paragraph with the image; inline data and no address give none.
        assert_eq!(
            asked,
            [
                vec![],
                vec![],
                vec![Image {
                    src: "/real.jpg".into(),
                    alt: "The chamber".into(),
                    caption: Some("The chamber at night.".into()),
                }]
            ]
        );
        assert!(images_of(Markup::default()).iter().all(Vec::is_empty));
    }
    #[test]
    fn an_svg_title_is_no_page_title() {
        let page = "<html><head><title>Council passes budget</title></head><body><svg><title>Share \
                    icon</title></svg><p>The council voted on Tuesday.</p></body></html>";
        assert_eq!(parse(page).1.title, "Council passes budget");
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
    fn what_the_markup_says_is_collected() {
        let (_, facts) = parse(PAGE);
        assert_eq!(facts.title, "Council passes budget | City Times");
        assert_eq!(facts.site_name.as_deref(), Some("City Times"));
        assert_eq!(facts.published, ["2024-03-05T09:00:00Z"]);
        assert_eq!(facts.language.as_deref(), Some("en"));
        assert_eq!(facts.json_ld.len(), 1);
        let [heading] = facts.headings.as_slice() else {
            panic!("one <h1>: {:?}", facts.headings);
        };
        assert_eq!(heading.text.trim(), "Council passes budget");
        // The short lines after it, where a page shows the headline's date.
        let after: Vec<&str> = heading.after.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(after.len(), 4, "{after:?}");
        assert!(after[0].starts_with("The council voted"));
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
    fn an_anchor_made_from_a_heading_names_no_role() {
        let page = format!(
            "<html><body><h2 id=\"what-is-social-shopping\">What is social shopping?</h2>\
             <div id=\"social\"><a href=\"/s\">Share</a></div><p>{}</p></body></html>",
            "Social shopping lets people buy what they see in their feeds. ".repeat(20)
        );
        let (blocks, _) = parse(&page);
        let role_of_text = |needle: &str| {
            blocks
                .iter()
                .find(|b| b.text.contains(needle))
                .and_then(|b| b.dom.as_ref().and_then(|d| d.role))
        };
        assert_eq!(role_of_text("What is social shopping"), None);
        assert_eq!(role_of_text("Share"), Some(DomRole::Social));
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
