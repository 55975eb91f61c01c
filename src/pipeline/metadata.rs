//! Metadata: title, source, authors, dates, language, URL, counts, fingerprints and related links,
//! reconciled from the caller's hints, the page's markup and the lines the boilerplate stage set
//! aside (title, source/date lines, the related-articles section).

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use super::block::ParagraphKind;
use super::boilerplate::{DroppedBlock, RemovalReason};
use super::dates;
use super::html::PageMeta;
use super::input::Hints;
use super::language::Language;
use super::lexicon::names::{AUTHOR_PLACEHOLDERS, BYLINE_OPENERS, JOURNALIST_ROLES, NEWS_AGENCIES};
use super::lexicon::page_lines::RIGHTS_PHRASES;
use super::lexicon::time::DATE_LABELS;
use super::lexicon::time::{MONTHS, WEEKDAYS};
use super::normalize::Body;
use super::segment::Sentence;
use super::textkit::{clean, fold};

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

/// Characters a reader of Chinese or Japanese reads per minute.
const UNSPACED_CHARS_PER_MINUTE: usize = 500;

/// Words of the body, and the time to read them. Scripts written without spaces (Chinese,
/// Japanese, Thai, Khmer, Lao) are counted by ICU4X's dictionary word segmenter and read by the
/// character; every other script by white-space words.
fn words_and_reading_time(text: &str) -> (usize, usize) {
    // One pass; ASCII characters need no Unicode tables (and are never unspaced script).
    let (mut letters, mut unspaced) = (0usize, 0usize);
    for c in text.chars() {
        letters += usize::from(super::textkit::is_alphanumeric(c));
        unspaced += usize::from(!c.is_ascii() && super::textkit::is_unspaced_script(c));
    }
    if unspaced * 3 < letters {
        let words = text
            .split_whitespace()
            .filter(|w| w.chars().any(super::textkit::is_alphanumeric))
            .count();
        return (words, (words * 60).div_ceil(WORDS_PER_MINUTE));
    }
    let segmenter = icu_segmenter::WordSegmenter::new_dictionary(Default::default());
    let words = segmenter
        .segment_str(text)
        .iter_with_word_type()
        .filter(|(_, kind)| kind.is_word_like())
        .count();
    (words, (letters * 60).div_ceil(UNSPACED_CHARS_PER_MINUTE))
}

/// Words a reader reads per minute, for `reading_time_seconds`.
const WORDS_PER_MINUTE: usize = 238;

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

/// Values read from the lines set aside as title and source/byline/date lines.
#[derive(Debug, Default)]
struct MetadataLines {
    title: Option<String>,
    source: Option<String>,
    date: Option<String>,
    authors: Vec<String>,
}

impl MetadataLines {
    fn read(dropped: &[DroppedBlock]) -> Self {
        let mut out = Self::default();
        for block in dropped {
            match block.reason {
                RemovalReason::Title if out.title.is_none() => {
                    out.title = Some(clean(&block.text));
                }
                RemovalReason::MetadataLine if !block.after_body => {
                    out.read_line(&clean(&block.text));
                }
                _ => {}
            }
        }
        out
    }

    fn read_line(&mut self, line: &str) {
        let (rest, date) = match dates::find_date(line) {
            Some(d) => {
                let before = line.get(..d.start).unwrap_or_default();
                (before.to_owned(), Some(d.iso()))
            }
            None => (line.to_owned(), None),
        };
        if self.date.is_none() {
            self.date = date;
        }
        for part in rest.split(['|', '·', '•']) {
            self.read_part(part);
        }
    }

    fn read_part(&mut self, part: &str) {
        let rest = part
            .trim()
            .trim_matches(|c: char| matches!(c, '-' | ',' | '/' | '—' | '–') || c.is_whitespace());
        // A date line's label (`Updated`) names nobody.
        let lower = rest.to_lowercase();
        if rest.is_empty() || DATE_LABELS.iter().any(|p| lower.starts_with(p)) {
            return;
        }
        if let Some((_, names)) = BYLINE_OPENERS.opening(rest) {
            self.authors.extend(
                names
                    .split([',', '&'])
                    .flat_map(|part| part.split(" and "))
                    .map(str::trim)
                    .filter(|n| !n.is_empty() && n.split_whitespace().count() <= 4)
                    .map(str::to_owned),
            );
        } else if self.source.is_none()
            && rest.split_whitespace().count() <= 5
            && rest.chars().any(char::is_alphabetic)
        {
            self.source = Some(rest.to_owned());
        }
    }
}

/// The news agency the first of `credits` (byline lines, authors) names as whole words, as the
/// lexicon writes it; an agency written in capitals (`AP`, `PTI`) only in capitals.
fn credited_agency<'a>(credits: impl IntoIterator<Item = &'a String>) -> Option<String> {
    credits.into_iter().find_map(|credit| {
        NEWS_AGENCIES
            .iter()
            .filter(|agency| names_agency(credit, agency))
            .max_by_key(|agency| agency.len())
            .map(str::to_owned)
    })
}

fn names_agency(credit: &str, agency: &str) -> bool {
    let capitals = agency.chars().all(|c| !c.is_lowercase());
    credit.char_indices().any(|(at, _)| {
        let Some(candidate) = credit.get(at..at + agency.len()) else {
            return false;
        };
        let same = if capitals {
            candidate == agency
        } else {
            candidate.eq_ignore_ascii_case(agency)
        };
        let before = credit[..at].chars().next_back();
        let after = credit[at + agency.len()..].chars().next();
        same && !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A site's name as a reader names it: an address given for a name is its host (`www.` left
/// out), a social handle its name without `@`.
fn site_as_named(site: &str) -> String {
    let site = site.trim();
    if let Some(rest) = site
        .strip_prefix("https://")
        .or_else(|| site.strip_prefix("http://"))
    {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        return host.strip_prefix("www.").unwrap_or(host).to_owned();
    }
    site.strip_prefix('@').unwrap_or(site).to_owned()
}

/// Whether a short line's text can be an organisation's name: not a day, a month or a time,
/// no digits, label colon, bracket or address, not the article's author nor a placeholder or a journalist's role
/// (`View author archive`, `Senior Contributor`).
fn may_be_organisation(text: &str, authors: &[String]) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names_author = authors
        .iter()
        .any(|a| !a.is_empty() && lower.contains(&a.to_lowercase()));
    !names_author
        && !text
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ':' | '[' | ']'))
        && !lower.contains("://")
        && !lower.contains("www.")
        && !JOURNALIST_ROLES.iter().any(|role| lower.contains(role))
        && !words
            .iter()
            .any(|w| WEEKDAYS.contains(w) || MONTHS.contains(w) || AUTHOR_PLACEHOLDERS.contains(w))
}

/// A page footer's line, never a related article: a copyright (`© 2025 City Times`, `All rights
/// reserved`) or a row of site links (`Privacy policy · Terms of use · Contact`).
fn is_footer_line(text: &str) -> bool {
    let lower = text.to_lowercase();
    lower.starts_with('©')
        || lower.starts_with("(c) ")
        || lower.starts_with("copyright")
        || RIGHTS_PHRASES.iter().any(|p| lower.contains(p))
        || text.matches(['·', '|', '•']).count() >= 2
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

/// A source that is a byline's opening word alone (`By`, `Written by:`) or a placeholder names
/// nobody: empty.
fn without_placeholder(source: String) -> String {
    let bare = source
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let opener = BYLINE_OPENERS
        .iter()
        .any(|o| o.trim_end_matches(':') == bare);
    if opener || AUTHOR_PLACEHOLDERS.contains(&bare) {
        String::new()
    } else {
        source
    }
}

/// SHA-256 of `text`, lowercase hex.
#[must_use]
fn content_hash(text: &str) -> String {
    use std::fmt::Write;
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// 64-bit SimHash over word 3-shingles of the folded text.
#[must_use]
fn simhash(text: &str) -> u64 {
    let key = fold(text);
    // Words of the folded text are separated by single spaces, so a shingle is a slice of it.
    let words: Vec<(usize, usize)> = key
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, start + w.len()))
        })
        .filter(|(start, end)| end > start)
        .collect();
    if words.is_empty() {
        return 0;
    }
    // Per bit, how many shingle hashes set it; the bit is set when more than half do.
    let mut ones = [0u32; 64];
    let width = words.len().min(3);
    let mut shingles = 0u32;
    for shingle in words.windows(width) {
        let (start, end) = (shingle[0].0, shingle[width - 1].1);
        let h = xxhash_rust::xxh3::xxh3_64(&key.as_bytes()[start..end]);
        for (bit, n) in ones.iter_mut().enumerate() {
            *n += (h >> bit & 1) as u32;
        }
        shingles += 1;
    }
    ones.iter().enumerate().fold(0u64, |acc, (bit, &n)| {
        if n * 2 > shingles {
            acc | 1 << bit
        } else {
            acc
        }
    })
}

/// Related articles from the dropped related-section blocks: headlines are the lines repeated in
/// the section (cards print them more than once) or, failing that, linked or headline-like lines;
/// the short line after a headline is its source, and a relative age its age.
fn related(dropped: &[DroppedBlock]) -> Vec<RelatedArticle> {
    let section: Vec<(String, Option<&str>)> = dropped
        .iter()
        .filter(|d| d.reason == RemovalReason::Related)
        .map(|d| (clean(&d.text), d.href.as_deref()))
        .collect();
    let keys: Vec<String> = section.iter().map(|(t, _)| fold(t)).collect();
    let headline = |i: usize| {
        let (t, _) = &section[i];
        let words = t.split_whitespace().count();
        (4..=25).contains(&words)
            && !t.ends_with(['.', ':'])
            && dates::find_age(t).is_none()
            && !is_footer_line(t)
    };
    // Counted once, not per line: a hostile page may hold a million related lines.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *counts.entry(k.as_str()).or_insert(0) += 1;
    }
    let repeated: Vec<usize> = (0..section.len())
        .filter(|&i| headline(i) && counts.get(keys[i].as_str()).is_some_and(|&n| n > 1))
        .collect();
    let linked: Vec<usize> = (0..section.len())
        .filter(|&i| headline(i) && section[i].1.is_some())
        .collect();
    let candidates = if !repeated.is_empty() {
        repeated
    } else if !linked.is_empty() {
        linked
    } else {
        (0..section.len()).filter(|&i| headline(i)).collect()
    };
    let mut out: Vec<RelatedArticle> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let firsts: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| seen.insert(keys[i].as_str()))
        .collect();
    for (n, &i) in firsts.iter().enumerate() {
        let next = firsts.get(n + 1).copied().unwrap_or(section.len());
        let mut item = RelatedArticle {
            title: section[i].0.clone(),
            ..RelatedArticle::default()
        };
        item.url = section[i..next]
            .iter()
            .find_map(|(_, h)| *h)
            .unwrap_or_default()
            .to_owned();
        for (line, _) in &section[i + 1..next] {
            if let Some(r) = dates::find_age(line) {
                if item.age.is_empty() {
                    item.age = line.get(r).unwrap_or_default().to_owned();
                }
            } else if item.source.is_empty()
                && fold(line) != keys[i]
                && (1..=4).contains(&line.split_whitespace().count())
                && !line.chars().any(|c| c.is_ascii_digit())
                && line.chars().next().is_some_and(char::is_uppercase)
            {
                item.source = line.clone();
            }
        }
        out.push(item);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_footer_is_no_related_article() {
        for footer in [
            "© 2025 City Times Media Group. All rights reserved",
            "Copyright 2025 City Times Media Group Inc",
            "Privacy policy · Terms of use · Contact us today",
        ] {
            assert!(super::is_footer_line(footer), "{footer}");
        }
        assert!(!super::is_footer_line(
            "Council approves a new library for the east side"
        ));
    }

    #[test]
    fn related_links_resolve_against_the_pages_address() {
        let dropped = |text: &str, href: Option<&str>| super::DroppedBlock {
            text: text.into(),
            reason: super::RemovalReason::Related,
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
        let body = super::Body::default();
        let hints = super::Hints {
            url: Some("https://news.example/2025/03/04/budget".into()),
            ..super::Hints::default()
        };
        let (_, related) = super::build(
            &body,
            &[],
            &blocks,
            &super::PageMeta::default(),
            &hints,
            super::Language::default(),
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
    fn a_source_is_an_agency_or_the_site_never_a_day_a_time_or_the_author() {
        let authors = vec!["Chris Davies".to_owned()];
        for line in [
            "Monday",
            "12:03 GMT",
            "5:45 AM PST",
            "Chris Davies",
            "Von Chris Davies publiziert am",
            "View author archive",
            "National Biotech Reporter",
            "https://example.com",
            "기사입력 :[",
        ] {
            assert!(!super::may_be_organisation(line, &authors), "{line}");
        }
        assert!(super::may_be_organisation("Al Arabiya", &authors));
        let credits = [
            "Tom Davies Associated Press".to_owned(),
            "REUTERS".to_owned(),
        ];
        assert_eq!(
            super::credited_agency(credits.iter()).as_deref(),
            Some("Associated Press")
        );
        assert_eq!(
            super::credited_agency(["Apple Inc".to_owned()].iter()),
            None
        );
        assert_eq!(
            super::credited_agency(["Ap Auto Writer".to_owned()].iter()),
            None
        );
        assert_eq!(
            super::site_as_named("https://www.example.in/"),
            "example.in"
        );
        assert_eq!(super::site_as_named("@politifact"), "politifact");
    }

    use super::*;

    #[test]
    fn a_glued_source_and_date_line_gives_both() {
        let mut lines = MetadataLines::default();
        lines.read_line("Al Arabiya14-02-2025");
        assert_eq!(lines.source.as_deref(), Some("Al Arabiya"));
        assert_eq!(lines.date.as_deref(), Some("2025-02-14"));
    }

    #[test]
    fn a_source_that_is_a_byline_word_or_a_placeholder_names_nobody() {
        assert_eq!(without_placeholder("By".into()), "");
        assert_eq!(without_placeholder("Written by:".into()), "");
        assert_eq!(without_placeholder("admin".into()), "");
        assert_eq!(without_placeholder("City Times".into()), "City Times");
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

    #[test]
    fn a_byline_gives_authors() {
        let mut lines = MetadataLines::default();
        lines.read_line("By Jane Doe and John Roe | Updated March 3, 2024");
        assert_eq!(lines.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(lines.date.as_deref(), Some("2024-03-03"));
    }

    #[test]
    fn near_duplicates_have_near_simhashes() {
        let a = simhash("the quick brown fox jumps over the lazy dog near the river bank today");
        let b = simhash("the quick brown fox jumps over the lazy dog near the river bank tonight");
        let c = simhash("completely different words about markets, budgets and central banks");
        assert!((a ^ b).count_ones() < (a ^ c).count_ones());
    }

    #[test]
    fn words_of_unspaced_scripts_are_counted_by_a_segmenter() {
        let (english, _) = words_and_reading_time("The minister said the talks would resume.");
        assert_eq!(english, 7);
        let (japanese, seconds) =
            words_and_reading_time("首相は経済対策を急ぐ必要があると述べた。");
        assert!((6..=14).contains(&japanese), "{japanese}");
        assert!(seconds >= 2);
        let (chinese, _) = words_and_reading_time("我们明天一起去看电影好吗");
        assert!((4..=9).contains(&chinese), "{chinese}");
    }
}
