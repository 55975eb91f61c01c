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
    /// What the class and id say.
    pub(super) named: ClassFacts,
}

/// An id of this many words or more is a slug of the element's text.
const SLUG_PARTS: usize = 4;

impl<'a> Attrs<'a> {
    /// The attributes of `e`, what its class and id say read through `classes` (once per page
    /// for each class value: pages repeat a few dozen of them over thousands of elements).
    pub(super) fn of(e: &super::Element<'a>, classes: &mut ClassCache) -> Self {
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
        attrs.named = match (attrs.class, id) {
            (None, None) => ClassFacts::default(),
            (class, id) => {
                let class = class.map(|c| classes.facts(c)).unwrap_or_default();
                let id = id.map(|i| classes.facts(i)).unwrap_or_default();
                class.with(&id)
            }
        };
        attrs
    }
}

/// What an element's class names and id say.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ClassFacts {
    /// The role a class word names (see [`role_of`]).
    role: Option<DomRole>,
    /// A name such as `article-body`, `entry-content` (see [`is_body_container`]).
    body_container: bool,
    /// A name of a revision (see [`is_revision`]).
    revision: bool,
    /// A name of the author's byline (see [`is_byline`]).
    byline: bool,
    /// A site's logo (`<h1 id="gt-logo">`).
    pub(super) logo: bool,
}

/// What one class or id value says, before it joins the element's other value: the role each
/// way a live blog may turn it, and what overrides a role.
#[derive(Debug, Clone, Copy, Default)]
struct ValueFacts {
    /// The role its first role word names, outside a live blog and inside one.
    role: [Option<DomRole>; 2],
    /// Names an embedded post (no role), a deck (a byline role), a live blog.
    embedded: bool,
    deck: bool,
    live: bool,
    rest: ClassFacts,
}

impl ValueFacts {
    /// The element's facts: this value (the class) read before `id`.
    fn with(&self, id: &ValueFacts) -> ClassFacts {
        let live = usize::from(self.live || id.live);
        let role = if self.embedded || id.embedded {
            None
        } else if self.deck || id.deck {
            Some(DomRole::Byline)
        } else {
            self.role[live].or(id.role[live])
        };
        ClassFacts {
            role,
            body_container: self.rest.body_container || id.rest.body_container,
            revision: self.rest.revision || id.rest.revision,
            byline: self.rest.byline || id.rest.byline,
            logo: self.rest.logo || id.rest.logo,
        }
    }
}

/// [`ValueFacts`] by class or id value, for one page: pages repeat a few dozen class values over
/// thousands of elements.
#[derive(Debug, Default)]
pub(super) struct ClassCache(FxHashMap<Box<str>, ValueFacts>);

impl ClassCache {
    fn facts(&mut self, value: &str) -> ValueFacts {
        if let Some(facts) = self.0.get(value) {
            return *facts;
        }
        let facts = ValueFacts::read(&Names::of(Some(value), None));
        self.0.insert(value.into(), facts);
        facts
    }
}

/// Class names, then the id, lower-cased and space-separated; and the same names without the
/// characters that join words (`article-body` → `articlebody`).
#[derive(Debug, Default)]
struct Names {
    names: String,
    squashed: String,
}

impl Names {
    fn of(class: Option<&str>, id: Option<&str>) -> Self {
        let mut out = Names::default();
        for name in class.into_iter().chain(id) {
            for token in name.split_whitespace() {
                if !out.names.is_empty() {
                    out.names.push(' ');
                    out.squashed.push(' ');
                }
                if token.is_ascii() {
                    out.names.push_str(token);
                    let from = out.names.len() - token.len();
                    if let Some(added) = out.names.get_mut(from..) {
                        added.make_ascii_lowercase();
                    }
                } else {
                    out.names.extend(token.chars().flat_map(char::to_lowercase));
                }
                out.squashed.extend(
                    token
                        .chars()
                        .filter(char::is_ascii_alphanumeric)
                        .map(|c| c.to_ascii_lowercase()),
                );
            }
        }
        out
    }

    /// Lower-cased class names and id.
    fn classes(&self) -> impl Iterator<Item = &str> {
        self.names.split(' ').filter(|n| !n.is_empty())
    }

    /// Lower-cased class names and id, squashed.
    fn squashed_names(&self) -> impl Iterator<Item = &str> {
        self.squashed.split(' ').filter(|n| !n.is_empty())
    }

    /// The words of the names, split where hyphens and underscores join them.
    fn parts(&self) -> impl Iterator<Item = &str> {
        self.classes().flat_map(|n| n.split(['-', '_']))
    }
}

impl ValueFacts {
    fn read(names: &Names) -> Self {
        let role = |live| {
            names
                .parts()
                .filter(|p| !p.is_empty())
                .find_map(|p| class_role(p, live))
        };
        ValueFacts {
            role: [role(false), role(true)],
            // `social-media-embed`, `twitter-embed`: a post embedded in the article is content,
            // whatever network it comes from.
            embedded: names.parts().any(|p| EMBED_CLASSES.contains(p)),
            // Compound names split by hyphens: `sub-head`, `stand-first`, `article-dek`.
            deck: names
                .squashed_names()
                .any(|squashed| DECK_CLASSES.contains(squashed)),
            // `live-match-comments`: a live blog's running commentary is the article, not
            // readers' comments.
            live: names.parts().any(|p| p == "live" || p == "liveblog"),
            rest: ClassFacts::read(names),
        }
    }
}

impl ClassFacts {
    /// All but the role.
    fn read(names: &Names) -> Self {
        ClassFacts {
            role: None,
            body_container: names.squashed_names().any(|squashed| {
                BODY_CONTAINER_CLASSES.iter().any(|n| {
                    squashed == n || squashed.ends_with(n) && squashed.len() <= n.len() + 4
                })
            }),
            revision: names.parts().any(|p| REVISION_CLASSES.contains(p)),
            byline: names.classes().any(|t| {
                (t.contains("author") || t.contains("byline"))
                    && !NOT_BYLINE_CLASSES.iter().any(|w| t.contains(w))
            }),
            logo: names.classes().any(|n| n.contains("logo")),
        }
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
        || attrs.named.body_container
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
        || attrs.named.byline
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
    attrs.named.revision
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
    attrs.named.role
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
    fn a_class_value_is_read_once_per_page_and_an_id_joins_it() {
        let mut classes = ClassCache::default();
        let first = classes.facts("Related-Links sidebar");
        assert_eq!(first.role[0], Some(DomRole::Related));
        assert_eq!(classes.facts("Related-Links sidebar").role, first.role);
        assert_eq!(classes.0.len(), 1);
        let mut named = |class: &str, id: &str| classes.facts(class).with(&classes.facts(id));
        assert!(named("post", "article-body").body_container);
        assert!(named("", "site-logo").logo);
        assert!(named("post-date__modified", "").revision);
        assert!(named("author-name", "").byline && !named("author-bio", "").byline);
        // An embedded post has no role, whichever value names it.
        assert_eq!(named("related", "").role, Some(DomRole::Related));
        assert_eq!(named("related", "twitter-embed").role, None);
    }

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
