//! What an element's tag and attributes say about it: the attributes the walk reads (found in
//! one pass), and the roles, article containers, bylines and revisions they name.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use crate::pipeline::block::DomRole;
use crate::pipeline::lexicon::Words;
use crate::pipeline::lexicon::markup::{
    AD_CLASSES, ASIDE_CLASSES, AUTHOR_PATHS, BODY_CONTAINER_CLASSES, BYLINE_CLASSES,
    CAPTION_CLASSES, COMMENT_CLASSES, CONSENT_CLASSES, DECK_CLASSES, EMBED_CLASSES, FOOTER_CLASSES,
    NAVIGATION_CLASSES, NOT_BYLINE_CLASSES, PROMOTION_CLASSES, RELATED_CLASSES, REVISION_CLASSES,
    SHARE_CLASSES,
};

/// The attributes the walk reads, found in one pass over the element's attributes (looking each
/// up by name costs an atom conversion every time), with class and id lower-cased once.
#[derive(Debug, Default)]
pub(super) struct Attrs<'a> {
    pub(super) class: Option<&'a str>,
    pub(super) role: Option<&'a str>,
    pub(super) itemprop: Option<&'a str>,
    pub(super) rel: Option<&'a str>,
    pub(super) style: Option<&'a str>,
    pub(super) kind: Option<&'a str>,
    pub(super) href: Option<&'a str>,
    pub(super) src: Option<&'a str>,
    /// `data-src`: where lazy-loading pages keep the real image.
    pub(super) data_src: Option<&'a str>,
    pub(super) alt: Option<&'a str>,
    pub(super) aria_hidden: Option<&'a str>,
    pub(super) hidden: bool,
    /// Class names, then the id, lower-cased and space-separated.
    pub(super) names: String,
    /// The same names without the characters that join words: `article-body` → `articlebody`.
    pub(super) squashed: String,
}

/// An id of this many words or more is a slug of the element's text.
const SLUG_PARTS: usize = 4;

impl<'a> Attrs<'a> {
    pub(super) fn of(e: &super::Element<'a>) -> Self {
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
                "src" => attrs.src = Some(value),
                "data-src" => attrs.data_src = Some(value),
                "alt" => attrs.alt = Some(value),
                "aria-hidden" => attrs.aria_hidden = Some(value),
                "hidden" => attrs.hidden = true,
                _ => {}
            }
        }
        // `id="what-is-social-shopping"`: an anchor made from a heading's words names a topic,
        // not the element's role.
        let id = id.filter(|id| id.split(['-', '_']).count() < SLUG_PARTS);
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
    pub(super) fn classes(&self) -> impl Iterator<Item = &str> {
        self.names.split(' ').filter(|n| !n.is_empty())
    }

    /// Lower-cased class names and id, squashed.
    pub(super) fn squashed_names(&self) -> impl Iterator<Item = &str> {
        self.squashed.split(' ').filter(|n| !n.is_empty())
    }
}

pub(super) fn is_article(name: &str, attrs: &Attrs<'_>) -> bool {
    matches!(name, "article" | "main")
        || attrs
            .itemprop
            .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || attrs.role.is_some_and(|v| v.eq_ignore_ascii_case("main"))
}

/// An element whose markup names it the article's text: `itemprop="articleBody"` or a class or id
/// such as `article-body`, `entry-content`, `post-content`, `story-body`.
pub(super) fn is_body_container(attrs: &Attrs<'_>) -> bool {
    attrs
        .itemprop
        .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"))
        || attrs.squashed_names().any(|squashed| {
            BODY_CONTAINER_CLASSES
                .iter()
                .any(|n| squashed == n || squashed.ends_with(n) && squashed.len() <= n.len() + 4)
        })
}

/// An element that names the article's author: `rel=author`, `itemprop=author`, or a class
/// such as `author-name`, `byline`, `post-author` (not the author's photo, bio or job title).
pub(super) fn is_byline(attrs: &Attrs<'_>) -> bool {
    let token_is = |value: Option<&str>, word: &str| {
        value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(word)))
    };
    token_is(attrs.rel, "author")
        || token_is(attrs.itemprop, "author")
        || attrs.href.is_some_and(is_author_page)
        || attrs.classes().any(|t| {
            (t.contains("author") || t.contains("byline"))
                && !NOT_BYLINE_CLASSES.iter().any(|w| t.contains(w))
        })
}

/// A link to an author's page: a path segment before the last names the author pages
/// (`/author/jane-doe/`, `/autoren/jane-doe`).
fn is_author_page(href: &str) -> bool {
    let path = href.split_once("://").map_or(href, |(_, rest)| {
        rest.split_once('/').map_or("", |(_, p)| p)
    });
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    segments.len() >= 2
        && segments[..segments.len() - 1]
            .iter()
            .any(|s| AUTHOR_PATHS.contains(&s.to_ascii_lowercase()))
}

/// An element named for a revision of the page: `post-date__modified`, `field--name-changed`,
/// `last-updated`, `date-reviewed`.
pub(super) fn is_revision(attrs: &Attrs<'_>) -> bool {
    attrs
        .classes()
        .flat_map(|n| n.split(['-', '_']))
        .any(|p| REVISION_CLASSES.contains(p))
}

/// A boilerplate role named by the element's tag, ARIA role, class or id.
pub(super) fn role_of(name: &str, attrs: &Attrs<'_>) -> Option<DomRole> {
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
        .any(|p| EMBED_CLASSES.contains(p));
    if embedded {
        return None;
    }
    // Compound names split by hyphens: `sub-head`, `stand-first`, `article-dek`.
    let deck = attrs
        .squashed_names()
        .any(|squashed| DECK_CLASSES.contains(squashed));
    if deck {
        return Some(DomRole::Byline);
    }
    // `live-match-comments`: a live blog's running commentary is the article, not readers'
    // comments.
    let live = attrs
        .classes()
        .flat_map(|n| n.split(['-', '_']))
        .any(|p| p == "live" || p == "liveblog");
    attrs
        .classes()
        .flat_map(|name| name.split(['-', '_']))
        .filter(|p| !p.is_empty())
        .find_map(|p| class_role(p, live))
}

/// The roles class words name, each by its list (`word*` opens a class word).
const CLASS_ROLES: [(&Words, DomRole); 11] = [
    (&COMMENT_CLASSES, DomRole::Comments),
    (&RELATED_CLASSES, DomRole::Related),
    (&SHARE_CLASSES, DomRole::Social),
    (&AD_CLASSES, DomRole::Advertisement),
    (&PROMOTION_CLASSES, DomRole::Promotion),
    (&CONSENT_CLASSES, DomRole::Consent),
    (&CAPTION_CLASSES, DomRole::Caption),
    (&BYLINE_CLASSES, DomRole::Byline),
    (&NAVIGATION_CLASSES, DomRole::Navigation),
    (&FOOTER_CLASSES, DomRole::Footer),
    (&ASIDE_CLASSES, DomRole::Aside),
];

/// The role one word of a class or id names (`related` in `related-links`). In a live blog,
/// `comments` are its running commentary, not readers' comments; `commentary` never is.
fn class_role(part: &str, live: bool) -> Option<DomRole> {
    static EXACT: LazyLock<FxHashMap<&'static str, DomRole>> = LazyLock::new(|| {
        CLASS_ROLES
            .iter()
            .flat_map(|(words, role)| {
                words
                    .iter()
                    .filter(|w| !w.ends_with('*'))
                    .map(move |w| (w, *role))
            })
            .collect()
    });
    static OPENERS: LazyLock<Vec<(&'static str, DomRole)>> = LazyLock::new(|| {
        CLASS_ROLES
            .iter()
            .flat_map(|(words, role)| {
                words
                    .iter()
                    .filter_map(|w| w.strip_suffix('*'))
                    .map(move |w| (w, *role))
            })
            .collect()
    });
    if let Some(&role) = EXACT.get(part) {
        return Some(role);
    }
    OPENERS
        .iter()
        .find(|(opener, role)| {
            part.starts_with(opener)
                && !(*role == DomRole::Comments && (live || part.starts_with("commentary")))
        })
        .map(|&(_, role)| role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_to_an_author_page_is_told_by_its_path() {
        for href in [
            "/articles/authors/shannon-grilli",
            "https://example.com/author/jane-doe/",
            "https://example.de/autoren/max?ref=1",
        ] {
            assert!(is_author_page(href), "{href}");
        }
        for href in [
            "/author",
            "https://example.com/authors",
            "/blog/how-to-find-an-author/",
            "https://author.example.com/post/1",
        ] {
            assert!(!is_author_page(href), "{href}");
        }
    }
}
