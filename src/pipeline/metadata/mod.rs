//! Metadata: title, source, authors, dates, language, URL, counts, fingerprints and related links,
//! reconciled from the caller's hints, the page's markup and the lines the boilerplate stage set
//! aside (title, source/date lines, the related-articles section).

mod authors;
mod counts;
mod ld;
mod lines;
mod markup;
mod related;
mod source;
mod title_choice;
mod titles;

pub use markup::{PageMeta, explain_titles, read_markup, read_markup_with};
pub use title_choice::{TITLE_FEATURES, TitleModel};

use super::block::ParagraphKind;
use super::boilerplate::DroppedBlock;
use super::dates;
use super::input::Hints;
use super::language::Language;
use super::normalize::Body;
use super::segment::Sentence;
use super::textkit::clean;
use counts::{content_hash, simhash, words_and_reading_time};
use lines::MetadataLines;
use related::related;
use source::{credited_agency, may_be_organisation, site_as_named, without_placeholder};

/// Metadata of a prepared article. Empty strings mean unknown.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Metadata {
    /// Headline.
    pub title: String,
    /// Publisher named with the article.
    pub source: String,
    /// The website's own name.
    pub site_name: String,
    /// Author names.
    pub authors: Vec<String>,
    /// Publication date or date-time.
    pub published_at: String,
    /// Last-modified date or date-time.
    pub modified_at: String,
    /// BCP 47 language.
    pub language: String,
    /// Confidence of `language`, 0–1.
    pub language_confidence: f32,
    /// Canonical URL.
    pub url: String,
    /// Description.
    pub description: String,
    /// Words in the body.
    pub word_count: usize,
    /// Sentences in the body.
    pub sentence_count: usize,
    /// Paragraphs in the body.
    pub paragraph_count: usize,
    /// Estimated reading time.
    pub reading_time_seconds: usize,
    /// SHA-256 of the body, hex.
    pub content_hash: String,
    /// 64-bit SimHash of the body's word shingles, hex.
    pub simhash: String,
}

/// Another article listed on the page.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct RelatedArticle {
    /// Headline.
    pub title: String,
    /// Publisher.
    pub source: String,
    /// URL.
    pub url: String,
    /// Age as shown.
    pub age: String,
}

/// Builds the metadata and the related links.
#[must_use]
pub fn build(
    body: &Body,
    sentences: &[Sentence],
    dropped: &[DroppedBlock],
    page: &PageMeta,
    hints: &Hints,
    language: Language,
) -> (Metadata, Vec<RelatedArticle>) {
    let lines = MetadataLines::read(dropped);
    let title = hints
        .title
        .clone()
        .or_else(|| page.titles.first().cloned())
        .or(lines.title)
        .map(|t| clean(&t))
        .unwrap_or_default();
    let mut authors = page.authors.clone();
    if authors.is_empty() {
        authors.clone_from(&lines.authors);
    }
    // The organisation the article is credited to: a news agency a byline or author names,
    // else the site; a line's guess only where the page names no site (a text payload), and
    // only when it can be an organisation's name.
    let source = hints
        .source
        .clone()
        .or_else(|| credited_agency(lines.source.iter().chain(&authors)))
        .or_else(|| page.site_name.as_deref().map(site_as_named))
        .or(lines.source.filter(|s| may_be_organisation(s, &authors)))
        .unwrap_or_default();
    let url = hints.url.as_deref().or(page.url.as_deref());
    // A site's home page is a front page, not an article: the dates on it are other items'.
    let front_page = url.is_some_and(is_front_page);
    let published_at = hints
        .published_at
        .clone()
        .or_else(|| page.published_at.clone().filter(|_| !front_page))
        .or(lines.date.filter(|_| !front_page))
        .or_else(|| url.and_then(dates::find_url_date))
        .unwrap_or_default();
    // Images (Markdown with images) are read as pictures, not words.
    let read: std::borrow::Cow<'_, str> = if body
        .paragraphs
        .iter()
        .any(|p| p.kind == ParagraphKind::Image)
    {
        body.paragraphs
            .iter()
            .filter(|p| p.kind != ParagraphKind::Image)
            .map(|p| p.span.slice(&body.text))
            .collect::<Vec<_>>()
            .join("\n\n")
            .into()
    } else {
        body.text.as_str().into()
    };
    let (word_count, reading_time_seconds) = words_and_reading_time(&read);
    let metadata = Metadata {
        title,
        source: without_placeholder(clean(&source)),
        site_name: page.site_name.clone().unwrap_or_default(),
        authors,
        published_at,
        modified_at: page.modified_at.clone().unwrap_or_default(),
        language: language.tag,
        language_confidence: language.confidence,
        url: hints
            .url
            .clone()
            .or_else(|| page.url.clone())
            .unwrap_or_default(),
        description: page
            .description
            .clone()
            .map(|d| clean(&d))
            .unwrap_or_default(),
        word_count,
        sentence_count: sentences.len(),
        paragraph_count: body.paragraphs.len(),
        reading_time_seconds,
        // No body, no fingerprint: every empty answer would share one, and de-duplicating by it
        // would merge all the failures.
        content_hash: if body.text.is_empty() {
            String::new()
        } else {
            content_hash(&body.text)
        },
        simhash: if body.text.is_empty() {
            String::new()
        } else {
            format!("{:016x}", simhash(&body.text))
        },
    };
    // Related links resolve against the page's address, as the body's Markdown links do: a
    // relative one is no address to a client that has only the answer.
    let base = url
        .and_then(|u| url::Url::parse(u.trim()).ok())
        .filter(|b| matches!(b.scheme(), "http" | "https"));
    let mut related = related(dropped);
    if let Some(base) = &base {
        for item in related.iter_mut().filter(|r| !r.url.is_empty()) {
            if let Ok(resolved) = base.join(&item.url) {
                item.url = resolved.into();
            }
        }
    }
    (metadata, related)
}

/// Whether a URL is a site's root (`https://example.com/`), with at most a query.
fn is_front_page(url: &str) -> bool {
    let rest = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest)
        .split(['?', '#'])
        .next()
        .unwrap_or_default();
    rest.split_once('/').is_none_or(|(_, path)| path.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_links_resolve_against_the_pages_address() {
        let dropped = |text: &str, href: Option<&str>| DroppedBlock {
            text: text.into(),
            reason: crate::pipeline::boilerplate::RemovalReason::Related,
            href: href.map(str::to_owned),
            after_body: true,
        };
        let blocks = [
            dropped("Related Articles", None),
            dropped(
                "Council approves a new library for the east side",
                Some("/2025/03/library"),
            ),
            dropped(
                "Mayor names a new police chief after a long search",
                Some("https://other.example/x"),
            ),
        ];
        let body = Body::default();
        let hints = Hints {
            url: Some("https://news.example/2025/03/04/budget".into()),
            ..Hints::default()
        };
        let (_, related) = build(
            &body,
            &[],
            &blocks,
            &PageMeta::default(),
            &hints,
            Language::default(),
        );
        let urls: Vec<&str> = related.iter().map(|r| r.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/2025/03/library",
                "https://other.example/x"
            ]
        );
    }

    #[test]
    fn an_empty_body_has_no_fingerprint() {
        let prepared = crate::pipeline::prepare(
            crate::pipeline::Input::Html(
                "<html><body><nav><a href=\"/\">Home</a></nav></body></html>".into(),
            ),
            &crate::pipeline::Hints::default(),
            &crate::pipeline::Options::default(),
        );
        let Ok(prepared) = prepared else {
            panic!("a page with no body is no error: {prepared:?}");
        };
        assert!(prepared.text.is_empty());
        let metadata = prepared.metadata;
        assert_eq!(
            (metadata.content_hash.as_str(), metadata.simhash.as_str()),
            ("", "")
        );
    }

    #[test]
    fn a_front_page_is_told_by_its_url() {
        assert!(is_front_page("https://howertonwhite.com/"));
        assert!(is_front_page("https://blog.example.org?ref=home"));
        assert!(!is_front_page("https://example.com/2025/12/17/story"));
        assert!(!is_front_page("https://ml.gatech.edu/agency"));
        let page = r#"<html><head><meta property="article:published_time" content="2021-05-24T15:24:38+00:00"></head>
            <body><h1>Marketing made to meet your goals</h1><p>We are an integrated agency that plans, builds and runs campaigns for brands.</p></body></html>"#;
        let published = |url: &str| {
            let hints = Hints {
                url: Some(url.to_owned()),
                ..Hints::default()
            };
            crate::pipeline::prepare(
                crate::pipeline::Input::Html(page.to_owned()),
                &hints,
                &crate::pipeline::Options::default(),
            )
            .map(|p| p.metadata.published_at)
        };
        assert_eq!(published("https://howertonwhite.com/").as_deref(), Ok(""));
        assert_eq!(
            published("https://howertonwhite.com/about/").as_deref(),
            Ok("2021-05-24T15:24:38+00:00")
        );
    }

    #[test]
    fn a_date_below_the_article_is_another_items() {
        let date = |text: &str| {
            crate::pipeline::prepare(
                crate::pipeline::Input::Text(text.to_owned()),
                &Hints::default(),
                &crate::pipeline::Options::default(),
            )
            .map(|p| p.metadata.published_at)
        };
        let body = "The council voted on Tuesday to approve the new budget after a long debate.\n\
            Members said the plan would fund schools, roads and a new library over five years.\n\
            The mayor is expected to sign the measure into law later this week, officials said.\n";
        assert_eq!(
            date(&format!("Council passes budget\nMarch 3, 2024\n{body}")).as_deref(),
            Ok("2024-03-03")
        );
        assert_eq!(
            date(&format!("Council passes budget\n{body}March 4, 2026\n")).as_deref(),
            Ok("")
        );
    }
}
