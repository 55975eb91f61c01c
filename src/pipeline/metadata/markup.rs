//! The page's metadata as its markup gives it, chosen from the candidates the walk collected:
//! the headline (the `<h1>` a reader sees unless it is the site's name, in the markup's form
//! when that is an edit of it), the site's name, the authors, the dates and the page's address.

use crate::pipeline::block::{Block, DomRole};
use crate::pipeline::dates;
use crate::pipeline::html::{MarkupFacts, is_byline_label};
use crate::pipeline::textkit::fold;

use super::authors::{byline_names, clean_authors};
use super::ld::LdArticle;
use super::title_choice::{
    self, TITLE_FEATURES, TitleCandidate, TitleContext, TitleModel, TitleSource,
};
use super::titles::{clean_title, is_variant_of, title_parts};

/// What an HTML page's markup says about the article (empty for text payloads).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageMeta {
    /// Headline candidates, best first (the headline's `<h1>`, JSON-LD headline, og:title,
    /// `<title>`).
    pub titles: Vec<String>,
    /// `og:site_name`, the site's name in an `<h1>`, or the JSON-LD publisher.
    pub site_name: Option<String>,
    /// Authors from JSON-LD, meta tags or bylines.
    pub authors: Vec<String>,
    /// Publication date.
    pub published_at: Option<String>,
    /// Modification date.
    pub modified_at: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// Meta description.
    pub description: Option<String>,
}

/// The headline `<h1>` and what goes with it.
#[derive(Debug, Default)]
struct Headline {
    /// Its text on one line.
    text: Option<String>,
    /// Its lines, when a block inside an `<h1>` set a kicker apart.
    lines: Vec<String>,
    /// An `<h1>` before it that was the site's name (a logo).
    site_h1: Option<String>,
    /// The date shown with it (`Dec 18, 2025 · 12 min read`), and one shown as the last update.
    shown_date: Option<String>,
    shown_update: Option<String>,
}

/// What the markup's sources say before any choice: the JSON-LD article, the headline and the
/// site's name.
struct Sources {
    ld: LdArticle,
    headline: Headline,
    site: Option<String>,
}

impl Sources {
    fn read(facts: &MarkupFacts) -> Self {
        let mut ld = LdArticle::default();
        for raw in &facts.json_ld {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) {
                ld.visit(&value);
            }
        }
        let headline = headline(facts);
        let site = facts
            .site_name
            .clone()
            .or_else(|| headline.site_h1.clone())
            .or(ld.publisher.clone());
        Self { ld, headline, site }
    }

    /// The title candidates, in the rules' order, and the words of the page's text when there
    /// is a choice to make (their features read them).
    fn titles(&self, facts: &MarkupFacts, blocks: &[Block]) -> (Vec<TitleCandidate>, String) {
        let sourced = titles(facts, &self.headline, &self.ld, self.site.as_deref());
        let all = title_choice::candidates(sourced);
        let words = if all.len() > 1 {
            title_choice::page_words(blocks.iter().map(|b| b.text.as_str()))
        } else {
            String::new()
        };
        (all, words)
    }

    /// What the title features read besides the candidates.
    fn context<'a>(
        &'a self,
        facts: &'a MarkupFacts,
        url: Option<&'a str>,
        page_words: &'a str,
    ) -> TitleContext<'a> {
        TitleContext {
            site: self.site.as_deref(),
            url: url.or(facts.canonical.as_deref()),
            description: facts.description.as_deref(),
            page_words,
        }
    }
}

/// The page's metadata from what its markup says (`blocks`: the page's text), the shipped title
/// model choosing the title; `url` is the page's address when the client gave it.
#[must_use]
pub fn read_markup(facts: &MarkupFacts, blocks: &[Block], url: Option<&str>) -> PageMeta {
    read_markup_with(facts, blocks, url, TitleModel::embedded())
}

/// Every title candidate of the page with its features, in the rules' order: what the title
/// model is trained on.
#[must_use]
pub fn explain_titles(
    facts: &MarkupFacts,
    blocks: &[Block],
    url: Option<&str>,
) -> Vec<(String, [f64; TITLE_FEATURES.len()])> {
    let sources = Sources::read(facts);
    let (all, words) = sources.titles(facts, blocks);
    let context = sources.context(facts, url, &words);
    let rows = title_choice::rows(&all, &context);
    all.into_iter().map(|c| c.text).zip(rows).collect()
}

/// [`read_markup`] with `model` choosing the title (`None`: the rules' order).
#[must_use]
pub fn read_markup_with(
    facts: &MarkupFacts,
    blocks: &[Block],
    url: Option<&str>,
    model: Option<&TitleModel>,
) -> PageMeta {
    let sources = Sources::read(facts);
    let (all, words) = sources.titles(facts, blocks);
    let titles = match model {
        Some(model) => model.order(all, &sources.context(facts, url, &words)),
        None => all.into_iter().map(|c| c.text).collect(),
    };
    let Sources { ld, headline, site } = sources;
    let authors = authors(facts, &ld, site.as_deref());
    let modified = ld
        .modified
        .clone()
        .or(facts.modified.clone())
        .and_then(|d| iso_date(&d))
        .or(headline.shown_update);
    // A publication after the last modification is not the publication (a `published-time`
    // that is the time the page was served).
    let published = ld
        .published
        .iter()
        .chain(&facts.published)
        .filter_map(|d| iso_date(d))
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
        published_at: headline.shown_date.or(published),
        modified_at: modified,
        language: facts.language.clone(),
        url: facts.canonical.clone().filter(|u| u.starts_with("http")),
        description: facts.description.clone(),
    }
}

/// The headline's `<h1>`: the first that is not the site's name (a logo), with the date shown
/// in the lines around it.
fn headline(facts: &MarkupFacts) -> Headline {
    let mut out = Headline::default();
    let Some(chosen) = facts.headings.iter().find(|heading| {
        let text = heading
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let lines: Vec<String> = heading
            .text
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.len() > 1 {
            out.lines = lines;
        }
        if is_site_name(facts, &text) {
            out.site_h1.get_or_insert(text);
            false
        } else {
            out.text = Some(text);
            true
        }
    }) else {
        return out;
    };
    for (line, role) in chosen.before.iter().chain(&chosen.after) {
        dateline(&mut out, line, *role);
    }
    out
}

/// Whether a heading is the site's name: its `og:site_name`, or a later part of the page's
/// `<title>` (`<title>Post - Blog Name</title>` with `<h1>Blog Name</h1>`).
fn is_site_name(facts: &MarkupFacts, heading: &str) -> bool {
    let h = fold(heading);
    let parts = title_parts(&facts.title);
    facts
        .site_name
        .as_deref()
        .is_some_and(|site| fold(site) == h)
        || parts.len() >= 2 && fold(parts[0]) != h && parts[1..].iter().any(|p| fold(p) == h)
}

/// A short line by the headline that is a date, perhaps with a label and a reading time.
fn dateline(headline: &mut Headline, text: &str, role: Option<DomRole>) {
    const MAX_WORDS: usize = 10;
    if headline.shown_date.is_some()
        || role.is_some_and(|r| !matches!(r, DomRole::Byline | DomRole::Caption))
        || text.split_whitespace().nth(MAX_WORDS).is_some()
    {
        return;
    }
    let Some(date) = dates::find_date(text) else {
        return;
    };
    // `Updated Dec 18, 2025`: the markup's publication date, when it has one, is the better
    // answer; an update date is the fallback.
    if dates::is_update_label(text.get(..date.start).unwrap_or_default()) {
        headline.shown_update.get_or_insert(date.iso());
    } else {
        headline.shown_date = Some(date.iso());
    }
}

/// Headline candidates, best first: the `<h1>` a reader sees (in the markup's form when that
/// is a variant of it), the JSON-LD headline, `og:title`, `<title>`.
fn titles(
    facts: &MarkupFacts,
    h1: &Headline,
    ld: &LdArticle,
    site: Option<&str>,
) -> Vec<(String, TitleSource)> {
    let title = clean_title(&facts.title, site);
    let og = facts.og_title.as_deref().map(|t| clean_title(t, site));
    // JSON-LD writes entities as the page does (`&#038;`).
    let headline = ld
        .headline
        .as_deref()
        .map(|h| html_escape::decode_html_entities(h).into_owned());
    let mut titles: Vec<(String, TitleSource)> = Vec::new();
    let agrees = |h1: &str| {
        let h = fold(h1);
        [headline.as_deref(), og.as_deref(), Some(title.as_str())]
            .into_iter()
            .flatten()
            .map(fold)
            .any(|t| !h.is_empty() && (t.contains(&h) || h.contains(&t) && !t.is_empty()))
    };
    // The headline a reader sees is the first `<h1>`, unless it is only the site's name.
    let site_key = site.map(fold).unwrap_or_default();
    // `Get that tech stack` over `Klatch Coffee` in one `<h1>`: the line the markup names as
    // the title is the headline, the other a kicker.
    let named_line = h1.lines.iter().find(|line| {
        let key = fold(line);
        [
            headline.as_deref(),
            facts.og_title.as_deref(),
            Some(facts.title.as_str()),
        ]
        .into_iter()
        .flatten()
        .flat_map(title_parts)
        .any(|t| fold(t) == key)
    });
    let shown = h1.text.clone().filter(|h| {
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
        titles.push((variant.map_or(h1, str::to_owned), TitleSource::Headline));
    }
    titles.extend(headline.map(|h| (h, TitleSource::JsonLd)));
    titles.extend(og.map(|o| (o, TitleSource::OpenGraph)));
    titles.push((title, TitleSource::TitleTag));
    titles
}

/// The authors: the structured data first, then meta tags, then what the page shows as its
/// byline; a user name or the site's own name gives way to a byline with a person's name.
fn authors(facts: &MarkupFacts, ld: &LdArticle, site: Option<&str>) -> Vec<String> {
    // Names read from byline texts: inside the article first, then elsewhere on the page.
    let mut in_article: Vec<String> = Vec::new();
    let mut elsewhere: Vec<String> = Vec::new();
    for byline in &facts.bylines {
        let kept = if byline.in_article {
            &mut in_article
        } else {
            &mut elsewhere
        };
        for name in byline_names(&byline.text) {
            if !kept.contains(&name) {
                kept.push(name);
            }
        }
    }
    let host = facts
        .canonical
        .as_deref()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let previewed = facts.preview_fields.iter().filter_map(|(label, data)| {
        label
            .as_deref()
            .filter(|l| is_byline_label(l))
            .and(data.clone())
    });
    let mut tagged = facts.meta_authors.clone();
    tagged.extend(previewed);
    let candidates: Vec<Vec<String>> = [ld.author_names(), tagged, in_article, elsewhere]
        .into_iter()
        .map(clean_authors)
        .filter(|names| !names.is_empty())
        .collect();
    // A user name (`kffnirmitap`) or the site's own name gives way to a byline that shows a
    // person's name; a personal site's author is its name, so it stays when nothing else does.
    candidates
        .iter()
        .find(|names| {
            !names
                .iter()
                .all(|n| is_user_name(n) || is_publisher(n, site, &host))
        })
        .or(candidates.first())
        .cloned()
        .unwrap_or_default()
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

/// A date or date-time from markup in the RFC 3339 shape when it is ISO 8601 already, else the
/// date read from its words.
fn iso_date(raw: &str) -> Option<String> {
    dates::rfc3339(raw).or_else(|| dates::find_date(raw.trim()).map(|d| d.iso()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `html`'s markup says, as the pipeline reads it.
    fn meta(html: &str) -> PageMeta {
        let (blocks, facts) = crate::pipeline::html::parse(html);
        read_markup(&facts, &blocks, None)
    }

    /// The title the page's markup and headline give first.
    fn headline(html: &str) -> String {
        meta(html).titles.first().cloned().unwrap_or_default()
    }

    #[test]
    fn the_markup_gives_title_site_author_date_and_language() {
        let page = meta(
            r#"<!doctype html><html lang="en"><head><title>Council passes budget | City Times</title>
            <meta property="og:site_name" content="City Times">
            <meta property="article:published_time" content="2024-03-05T09:00:00Z">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Council passes budget","author":{"@type":"Person","name":"Jane Doe"}}</script>
            </head><body><article><h1>Council passes budget</h1>
            <p>The council voted on Tuesday to approve the new budget.</p></article></body></html>"#,
        );
        assert_eq!(page.titles, ["Council passes budget"]);
        assert_eq!(page.site_name.as_deref(), Some("City Times"));
        assert_eq!(page.authors, ["Jane Doe"]);
        assert_eq!(page.published_at.as_deref(), Some("2024-03-05T09:00:00Z"));
        assert_eq!(page.language.as_deref(), Some("en"));
    }

    #[test]
    fn an_h1_that_is_the_site_name_is_not_the_headline() {
        let page = r#"<html><head><title>Advent of Code week 2 - RogerBW's Blog</title>
            <script type="application/ld+json">{"@type":"BlogPosting","headline":"Advent of Code week 2 &#8211; notes"}</script>
            </head><body><h1>RogerBW's Blog</h1><h2>Advent of Code week 2</h2>
            <p>This week the puzzles got harder, and the second one took me most of an evening to get right.</p></body></html>"#;
        let meta = meta(page);
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
    fn the_learned_choice_takes_the_title_the_address_and_the_page_show_over_a_pitch_h1() {
        // The rules take the first `<h1>`; the shipped model weighs that the page's address and
        // its text give the other title word for word.
        let page = r#"<html><head><title>Best Camping Hammocks of 2026 | Gear Lab</title>
            <meta property="og:title" content="Best Camping Hammocks of 2026"></head><body>
            <h1>Do you want better sleep outdoors?</h1>
            <h2>Best Camping Hammocks of 2026</h2>
            <p>We slept in twelve hammocks over three months of trips to find the best ones.</p>
            </body></html>"#;
        let (blocks, facts) = crate::pipeline::html::parse(page);
        let url = Some("https://gearlab.example/reviews/best-camping-hammocks-2026");
        assert_eq!(
            read_markup_with(&facts, &blocks, url, None).titles[0],
            "Do you want better sleep outdoors?"
        );
        assert_eq!(
            read_markup(&facts, &blocks, url).titles,
            [
                "Best Camping Hammocks of 2026",
                "Do you want better sleep outdoors?"
            ]
        );
    }

    #[test]
    fn a_logo_h1_and_a_shortened_site_name_are_not_the_title() {
        let page = r#"<html><head><title>The Agency | ML (Machine Learning) at Georgia Tech</title></head><body>
            <h1 id="gt-logo"><a href="/"><span>Georgia Institute of Technology</span></a></h1>
            <p>The center brings together machine learning researchers from across the campus.</p></body></html>"#;
        assert_eq!(headline(page), "ML (Machine Learning) at Georgia Tech");
        assert_eq!(
            super::super::titles::clean_title(
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

    fn authors_and_date(page: &str) -> (Vec<String>, Option<String>) {
        let meta = meta(page);
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
    fn a_label_block_names_the_author_in_the_next_block() {
        let page = r#"<html><body><h1>Trends in catering</h1>
            <div><p>Written by</p><p>Edzel Tabing</p></div>
            <div><h3>Author</h3><p>Lisa D. Ellis</p></div>
            <p>Catering is changing fast, and these are the trends we see this year.</p></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Edzel Tabing", "Lisa D. Ellis"]);
    }

    #[test]
    fn an_author_link_and_a_previews_written_by_field_name_the_author() {
        let page = r#"<html><body><h1>An LLC in New York</h1><div><span>Reviewed</span>
            <a href="/articles/authors/shannon-grilli">Shannon Grilli</a></div>
            <p>Starting an LLC takes a few steps, and this guide walks through each one.</p></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Shannon Grilli"]);
        let page = r#"<html><head><meta name="twitter:label1" content="Written by">
            <meta name="twitter:data1" content="Nawaz Dhandala"><meta name="twitter:label2" content="Reading time">
            <meta name="twitter:data2" content="9 minutes"></head><body><h1>Query plans</h1></body></html>"#;
        assert_eq!(authors_and_date(page).0, ["Nawaz Dhandala"]);
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
            let meta = meta(&page);
            assert_eq!(meta.published_at, None, "{body}");
            assert_eq!(meta.modified_at.as_deref(), Some(modified), "{body}");
        }
        // A label is the words right before the date, not any word of the line.
        let page = r#"<html><body><article><p>The council updated its rules for every market stall in the old town, from March on, <time datetime="2016-07-15">July 15, 2016</time>.</p></article></body></html>"#;
        assert_eq!(meta(page).published_at.as_deref(), Some("2016-07-15"));
        // A `<time>` without a label is still the publication.
        let page = r#"<html><body><article><p>Gardeners keep pests out with fences.</p><time datetime="2016-07-15">July 15, 2016</time></article></body></html>"#;
        assert_eq!(meta(page).published_at.as_deref(), Some("2016-07-15"));
    }

    #[test]
    fn meta_dates_by_any_key_and_never_a_publication_after_the_last_change() {
        let page = r#"<html><head><meta name="published-time" content="2026-03-09T08:45:32.183Z">
            <meta name="modified-date" content="2024-07-30"><meta name="published-date" content="2021-02-16">
            </head><body><p>Emerging technologies help tackle climate change on land, at sea and in the air.</p></body></html>"#;
        let meta = meta(page);
        assert_eq!(meta.published_at.as_deref(), Some("2021-02-16"));
        assert_eq!(meta.modified_at.as_deref(), Some("2024-07-30"));
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
        let meta = meta(page);
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
