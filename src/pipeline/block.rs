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
    /// Where the block sits among the page's elements.
    pub placement: Placement,
}

/// The page's elements as a tree, shared by all its blocks: numbered in the order they open, so
/// an element's descendants are the numbers after it up to its last descendant's.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ElementTree {
    /// Each element's parent (`u32::MAX` for a root).
    pub(crate) parent: Vec<u32>,
    /// Each element's last descendant (itself when it has none).
    pub(crate) last_descendant: Vec<u32>,
}

/// The innermost element enclosing a block, in its page's [`ElementTree`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Placement {
    pub(crate) tree: std::sync::Arc<ElementTree>,
    /// `None` for text outside any element.
    pub(crate) element: Option<u32>,
}

impl Placement {
    /// Whether the block is inside `container` (or directly in it). Constant time, so that a
    /// page of a million blocks deep in the tree costs no more than a shallow one.
    #[must_use]
    pub fn is_within(&self, container: u32) -> bool {
        self.element.is_some_and(|e| {
            container <= e
                && self
                    .tree
                    .last_descendant
                    .get(container as usize)
                    .is_some_and(|&last| e <= last)
        })
    }

    /// The innermost element enclosing all of `placements`' blocks.
    #[must_use]
    pub fn common_container<'a>(
        placements: impl IntoIterator<Item = &'a Placement>,
    ) -> Option<u32> {
        let mut first: Option<u32> = None;
        let mut last: Option<u32> = None;
        let mut tree = None;
        for p in placements {
            let e = p.element?;
            first = Some(first.map_or(e, |f| f.min(e)));
            last = Some(last.map_or(e, |l| l.max(e)));
            tree = Some(&p.tree);
        }
        let (tree, last) = (tree?, last?);
        // The deepest ancestor of the first element whose descendants reach the last.
        let mut at = first?;
        loop {
            if tree
                .last_descendant
                .get(at as usize)
                .is_some_and(|&l| l >= last)
            {
                return Some(at);
            }
            at = *tree.parent.get(at as usize).filter(|&&p| p != u32::MAX)?;
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placements_know_their_containers_in_constant_time() {
        // html(0) body(1) [div(2) p(3) p(4)] aside(5) p(6)
        let tree = std::sync::Arc::new(ElementTree {
            parent: vec![u32::MAX, 0, 1, 2, 2, 1, 5],
            last_descendant: vec![6, 6, 4, 3, 4, 6, 6],
        });
        let at = |element| Placement {
            tree: std::sync::Arc::clone(&tree),
            element: Some(element),
        };
        assert!(at(3).is_within(2) && at(4).is_within(2) && at(2).is_within(2));
        assert!(!at(6).is_within(2) && at(6).is_within(1));
        assert_eq!(Placement::common_container(&[at(3), at(4)]), Some(2));
        assert_eq!(Placement::common_container(&[at(3)]), Some(3));
        assert_eq!(Placement::common_container(&[at(4), at(6)]), Some(1));
        assert_eq!(Placement::common_container(&[]), None);
    }
}
