//! `Block`: one unit of the payload (a text line, or an HTML paragraph, heading, list item ...),
//! the common shape both parsers produce and the boilerplate stage judges.

/// One block of the payload, before any judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The block's text as found, not yet normalised.
    pub text: String,
    /// What the markup (or the line's shape) says it is.
    pub kind: ParagraphKind,
    /// For text payloads: a blank line came before it.
    pub gap_before: bool,
    /// What the DOM says about it, for HTML payloads.
    pub dom: Option<Box<DomHints>>,
}

impl Block {
    /// A block of plain text.
    #[must_use]
    pub fn text(text: impl Into<String>, kind: ParagraphKind, gap_before: bool) -> Self {
        Self {
            text: text.into(),
            kind,
            gap_before,
            dom: None,
        }
    }
}

/// Signals only an HTML tree gives.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DomHints {
    /// Characters of the block inside links.
    pub link_chars: usize,
    /// Inside `<article>`, `<main>` or an element marked as the article body.
    pub in_article: bool,
    /// Inside an element whose markup names it the article text (`itemprop="articleBody"`,
    /// `class="entry-content"` ...): a stronger signal than `in_article`.
    pub in_body_container: bool,
    /// A boilerplate role named by an ancestor's tag, class, id or ARIA role.
    pub role: Option<DomRole>,
    /// Inside an element the page hides (`hidden`, `aria-hidden`, `display:none`): scripts may
    /// reveal it, a reader does not see it.
    pub hidden: bool,
    /// The first link's target, when the block is mostly a link.
    pub href: Option<String>,
    /// The block's links (their text and target, in order), when they were asked for.
    pub links: Vec<(String, String)>,
    /// 1–6 for a heading of `<h1>`…`<h6>`, else 0.
    pub heading_level: u8,
    /// Images the page shows between the block before and this one, when they were asked for.
    pub images_before: Vec<Image>,
    /// Ids of the enclosing elements, outermost first (at most 256): blocks sharing a prefix
    /// share those ancestors.
    pub ancestors: Vec<u32>,
}

/// An image of the page (`<img>`): where it is, what its `alt` says, and the caption of its
/// `<figure>`, if any.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Image {
    /// The `src` as the page writes it.
    pub src: String,
    /// The `alt` text, possibly empty.
    pub alt: String,
    /// The `<figcaption>` of its figure.
    pub caption: Option<String>,
}

/// Boilerplate roles an HTML ancestor can announce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DomRole {
    /// `<nav>`, menus, breadcrumbs.
    Navigation,
    /// `<footer>`, legal.
    Footer,
    /// `<aside>`, sidebars.
    Aside,
    /// Comment threads.
    Comments,
    /// Related / recommended lists.
    Related,
    /// Share and follow widgets.
    Social,
    /// Ads.
    Advertisement,
    /// Newsletter, subscription, app prompts.
    Promotion,
    /// Cookie / consent banners.
    Consent,
    /// `<figcaption>`, captions, credits.
    Caption,
    /// Bylines, datelines, author boxes.
    Byline,
}

/// What a paragraph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum ParagraphKind {
    /// Running text.
    #[default]
    Body,
    /// A section heading.
    Heading,
    /// A list item.
    ListItem,
    /// A block quotation.
    Blockquote,
    /// Preformatted text.
    Preformatted,
    /// A table row.
    TableRow,
    /// An image, shown in Markdown as `![alt](src "caption")` (only when images are asked for).
    Image,
}
