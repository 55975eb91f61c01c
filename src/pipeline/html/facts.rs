//! What a page's markup says about the article, collected during the walk: `<title>`, the text
//! of each `<h1>` with the short lines around it, meta tags, JSON-LD, byline texts and `<time>`
//! elements. The metadata room chooses among them; nothing here decides the headline, the
//! authors or the dates.

use crate::pipeline::block::DomRole;
use crate::pipeline::lexicon::markup::{AUTHOR_META_KEYS, MODIFIED_META_KEYS, PUBLISHED_META_KEYS};

use super::{Capture, Frame};

/// `<h1>`s collected: enough for the logos and site names a page heads itself with before its
/// headline, bounded for a page made of headings.
pub(super) const MAX_HEADINGS: usize = 16;

/// Lines after an `<h1>` that may carry its date, and the most words each may have: past them,
/// or past a paragraph of prose, a date belongs to something else.
const HEADING_LINES: usize = 8;
const HEADING_LINE_WORDS: usize = 30;

/// A short line near a headline, and the role its element plays.
pub(crate) type Line = (String, Option<DomRole>);

/// An `<h1>` and the short lines around it, where a page shows its headline's date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Heading {
    /// Its text, a line break where a block inside it ended (a kicker set apart).
    pub(crate) text: String,
    /// The short lines among the two before it that are no heading.
    pub(crate) before: Vec<Line>,
    /// The short lines after it that are no heading, up to the first long one.
    pub(crate) after: Vec<Line>,
}

/// A byline element's text, or a line that reads as a byline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Byline {
    pub(crate) text: String,
    /// Inside the article or its text container (not a sidebar's or a card's).
    pub(crate) in_article: bool,
}

/// What an HTML page's markup says about the article, as the walk found it (empty for text
/// payloads): the candidates `metadata::read_markup` chooses from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkupFacts {
    /// `<title>`.
    pub(crate) title: String,
    /// The page's `<h1>`s but a logo's, in page order (at most [`MAX_HEADINGS`]).
    pub(crate) headings: Vec<Heading>,
    /// The text of each JSON-LD script.
    pub(crate) json_ld: Vec<String>,
    /// `og:title`, `twitter:title` or `citation_title`, the first given.
    pub(crate) og_title: Option<String>,
    /// `og:site_name`.
    pub(crate) site_name: Option<String>,
    /// Authors named by meta tags.
    pub(crate) meta_authors: Vec<String>,
    /// `twitter:labelN` / `twitter:dataN` pairs (a link preview's fields: `Written by`, a name).
    pub(crate) preview_fields: [(Option<String>, Option<String>); PREVIEW_FIELDS],
    /// Byline texts, in page order.
    pub(crate) bylines: Vec<Byline>,
    /// Publication dates the markup gives, in page order.
    pub(crate) published: Vec<String>,
    /// The first modification date the markup gives.
    pub(crate) modified: Option<String>,
    /// `<html lang>`.
    pub(crate) language: Option<String>,
    /// `<link rel=canonical>`.
    pub(crate) canonical: Option<String>,
    /// Meta description.
    pub(crate) description: Option<String>,
}

/// Collects [`MarkupFacts`] during the walk.
#[derive(Debug, Default)]
pub(super) struct FactCollector {
    facts: MarkupFacts,
    /// The text of the `<h1>` open now.
    pub(super) h1_buffer: String,
    ld_buffer: String,
    /// Headings whose following lines are still read, each with the lines counted so far.
    open_headings: Vec<(usize, usize)>,
}

impl FactCollector {
    pub(super) fn element(&mut self, e: &super::Element<'_>, in_article: bool, revision: bool) {
        match e.name() {
            "html" => {
                self.facts.language = e
                    .attr("lang")
                    .map(str::to_owned)
                    .filter(|l| !l.trim().is_empty())
            }
            "link"
                if e.attr("rel")
                    .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
            {
                self.facts.canonical = e.attr("href").map(str::to_owned);
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
                        self.facts.og_title.get_or_insert(content);
                    }
                    "og:site_name" => self.facts.site_name = Some(content),
                    author
                        if AUTHOR_META_KEYS.contains(author)
                            && !content.starts_with("http")
                            && !self.facts.meta_authors.contains(&content) =>
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
                        self.facts.meta_authors.push(content);
                    }
                    _ if meta_date(&key) == Some(MetaDate::Published) => {
                        self.facts.published.push(content);
                    }
                    _ if meta_date(&key) == Some(MetaDate::Modified) => {
                        self.facts.modified.get_or_insert(content);
                    }
                    field if field.starts_with("twitter:") => {
                        let field = &field["twitter:".len()..];
                        let kind = field.trim_end_matches(|c: char| c.is_ascii_digit());
                        let slot = field[kind.len()..]
                            .parse::<usize>()
                            .ok()
                            .and_then(|n| n.checked_sub(1))
                            .and_then(|i| self.facts.preview_fields.get_mut(i));
                        match (kind, slot) {
                            ("label", Some(slot)) => slot.0 = Some(content),
                            ("data", Some(slot)) => slot.1 = Some(content),
                            _ => {}
                        }
                    }
                    "description" | "og:description" => {
                        self.facts.description.get_or_insert(content);
                    }
                    "og:url" => {
                        self.facts.canonical.get_or_insert(content);
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
                        || self.facts.published.is_empty() && article_date && !revision
                    {
                        self.facts.published.push(dt.to_owned());
                    } else if itemprop("dateModified") || article_date && revision {
                        self.facts.modified.get_or_insert(dt.to_owned());
                    }
                }
            }
            _ => {}
        }
    }

    /// The text of a byline element, or a line that reads as a byline.
    pub(super) fn byline(&mut self, text: &str, at: Frame) {
        // Menus, sidebars, related cards and comments name other people; a byline or caption
        // role is where the article's own byline sits.
        if at
            .role
            .is_some_and(|r| !matches!(r, DomRole::Byline | DomRole::Caption))
        {
            return;
        }
        self.facts.bylines.push(Byline {
            text: text.to_owned(),
            in_article: at.in_article || at.in_body_container,
        });
    }

    /// Whether another `<h1>` is collected.
    pub(super) fn wants_heading(&self) -> bool {
        self.facts.headings.len() < MAX_HEADINGS
    }

    pub(super) fn capture(&mut self, what: Capture, t: &str) {
        match what {
            Capture::Title => self.facts.title.push_str(t),
            Capture::H1 => self.h1_buffer.push_str(t),
            Capture::JsonLd => self.ld_buffer.push_str(t),
            Capture::None => {}
        }
    }

    /// Ends a capture; an `<h1>` with text is kept with `before`, the lines above it, and the
    /// lines after it are read from here on.
    pub(super) fn end_capture(&mut self, what: Capture, before: &[super::Block]) {
        match what {
            Capture::H1 => {
                let text = std::mem::take(&mut self.h1_buffer);
                if text.split_whitespace().next().is_none() {
                    return;
                }
                // Short lines only, as after it: a paragraph above is no date line, and sixteen
                // `<h1>`s must not copy a megabyte paragraph each.
                let before = before
                    .iter()
                    .filter(|b| b.kind != crate::pipeline::block::ParagraphKind::Heading)
                    .filter(|b| b.text.split_whitespace().nth(HEADING_LINE_WORDS).is_none())
                    .map(|b| (b.text.clone(), b.dom.as_ref().and_then(|d| d.role)))
                    .collect();
                self.open_headings.push((self.facts.headings.len(), 0));
                self.facts.headings.push(Heading {
                    text,
                    before,
                    after: Vec::new(),
                });
            }
            Capture::JsonLd => {
                self.facts.json_ld.push(std::mem::take(&mut self.ld_buffer));
            }
            Capture::Title | Capture::None => {}
        }
    }

    /// A block's text after the `<h1>`s read so far: a short line no heading is kept with each;
    /// past [`HEADING_LINES`] lines or a long one, an `<h1>`'s lines end.
    pub(super) fn line(&mut self, text: &str, heading: bool, role: Option<Option<DomRole>>) {
        if text.is_empty() || self.open_headings.is_empty() {
            return;
        }
        let long = text.split_whitespace().nth(HEADING_LINE_WORDS).is_some();
        let headings = &mut self.facts.headings;
        self.open_headings.retain_mut(|(at, lines)| {
            *lines += 1;
            if *lines > HEADING_LINES || long {
                return false;
            }
            if let (Some(role), false, Some(h)) = (role, heading, headings.get_mut(*at)) {
                h.after.push((text.to_owned(), role));
            }
            true
        });
    }

    pub(super) fn finish(self) -> MarkupFacts {
        self.facts
    }
}

/// Fields of a link preview read (`twitter:label1` … `twitter:label4`): the ones sites fill.
const PREVIEW_FIELDS: usize = 4;

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
        _ if PUBLISHED_META_KEYS.contains(key) => Some(MetaDate::Published),
        _ if MODIFIED_META_KEYS.contains(key) => Some(MetaDate::Modified),
        _ if !(key.contains("date") || key.contains("time")) => None,
        _ if key.contains("modif") || key.contains("updated") => Some(MetaDate::Modified),
        _ if key.contains("publish") => Some(MetaDate::Published),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meta_date_is_named_by_any_key_that_says_publish_or_modified() {
        assert_eq!(
            meta_date("article:published_time"),
            Some(MetaDate::Published)
        );
        assert_eq!(meta_date("published-date"), Some(MetaDate::Published));
        assert_eq!(meta_date("last-modified-time"), Some(MetaDate::Modified));
        assert_eq!(meta_date("publisher"), None);
    }
}
