//! Which of the page's title candidates is the headline: the markup's sources (the `<h1>` a
//! reader sees, the JSON-LD headline, `og:title`, `<title>`) merged where they give the same
//! text, each described by where it comes from, how the others agree with it, its shape, and
//! how its words match the page's address; a linear model learned from the WCXB pages' gold
//! titles (`scripts/train-titles`) scores them, and the best comes first. Without a model the
//! rules' order stands.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::pipeline::textkit::fold;
use crate::pipeline::weights;

/// Where a candidate was read, in the rules' order of trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TitleSource {
    /// The `<h1>` a reader sees (or the markup's edited form of it).
    Headline,
    /// The JSON-LD article's `headline`.
    JsonLd,
    /// `og:title` (or `twitter:title`, `citation_title`), the site's name cut.
    OpenGraph,
    /// `<title>`, the site's name cut.
    TitleTag,
}

/// One title text and every source that gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleCandidate {
    /// The title.
    pub text: String,
    sources: Vec<TitleSource>,
}

/// What the features read besides the candidates.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TitleContext<'a> {
    /// The site's name.
    pub(super) site: Option<&'a str>,
    /// The page's address.
    pub(super) url: Option<&'a str>,
    /// The meta description.
    pub(super) description: Option<&'a str>,
    /// The words of the page's text ([`page_words`]).
    pub(super) page_words: &'a str,
}

/// Lower-case runs of letters and digits, each after a space, and a space at the end: a text's
/// words as [`TitleContext::page_words`] holds them, so that a title is found as a whole.
pub(super) fn page_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::from(" ");
    for text in texts {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            out.extend(word.chars().flat_map(char::to_lowercase));
            out.push(' ');
        }
    }
    out
}

/// The features, in vector order: name and meaning.
pub const TITLE_FEATURES: [(&str, &str); 21] = [
    ("rule_first", "the rules' choice"),
    ("rule_rank", "place in the rules' order, ln(1+n)"),
    ("from_headline", "the <h1> a reader sees gives it"),
    ("from_json_ld", "the JSON-LD headline gives it"),
    ("from_og", "og:title gives it"),
    ("from_title_tag", "<title> gives it"),
    ("sources", "sources giving this text, ln(1+n)"),
    (
        "inside_others",
        "other candidates holding its text, ln(1+n)",
    ),
    (
        "holds_others",
        "other candidates whose text it holds, ln(1+n)",
    ),
    ("words", "words, ln(1+n)/3"),
    ("short", "three words or fewer"),
    ("long", "sixteen words or more"),
    ("question", "ends with a question mark"),
    ("sentence", "ends with a full stop"),
    ("description", "the meta description's text"),
    ("site_name", "the site's name, or part of it"),
    ("url_words", "share of its words in the address's path"),
    (
        "url_covered",
        "share of the address's last segment's words in it",
    ),
    ("separator", "holds ` | ` or `: `"),
    ("upper", "written in capitals"),
    ("in_page_text", "the page's text holds it, word for word"),
];

/// Merges `sourced` (text and source, in the rules' order) into candidates, one per text, in
/// the rules' order (the first is the rules' choice).
pub(super) fn candidates(sourced: Vec<(String, TitleSource)>) -> Vec<TitleCandidate> {
    let mut out: Vec<TitleCandidate> = Vec::new();
    for (text, source) in sourced {
        if text.is_empty() {
            continue;
        }
        if let Some(c) = out.iter_mut().find(|c| c.text == text) {
            c.sources.push(source);
        } else {
            out.push(TitleCandidate {
                text,
                sources: vec![source],
            });
        }
    }
    out
}

/// Lower-case words of at least three letters or digits.
fn words_of(text: &str) -> HashSet<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_owned)
        .collect()
}

/// The words of the address's path, and those of its last non-empty segment.
fn url_words(url: &str) -> (HashSet<String>, HashSet<String>) {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let last = path.split('/').rfind(|s| !s.is_empty()).unwrap_or_default();
    // `…/my-post-title.html`: the extension is no word of the title.
    let last = last.rsplit_once('.').map_or(last, |(stem, _)| stem);
    (words_of(path), words_of(last))
}

/// The share of `of` found in `among` (0 when `of` is empty).
fn share(of: &HashSet<String>, among: &HashSet<String>) -> f64 {
    if of.is_empty() {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // word counts
    let s = of.iter().filter(|w| among.contains(*w)).count() as f64 / of.len() as f64;
    s
}

/// The features of every candidate of `all`, in order. What every row reads (each candidate's
/// key, the address's words) is found once.
#[must_use]
pub fn rows(
    all: &[TitleCandidate],
    context: &TitleContext<'_>,
) -> Vec<[f64; TITLE_FEATURES.len()]> {
    let keys: Vec<String> = all.iter().map(|c| fold(&c.text)).collect();
    let (path, last) = context.url.map(url_words).unwrap_or_default();
    let site_key = context.site.map(fold).unwrap_or_default();
    let description_key = context.description.map(fold);
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let ln = |n: usize| {
        #[allow(clippy::cast_precision_loss)]
        let n = n as f64;
        n.ln_1p()
    };
    all.iter()
        .zip(&keys)
        .enumerate()
        .map(|(i, (c, key))| {
            let from = |s: TitleSource| flag(c.sources.contains(&s));
            let others = || {
                keys.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, k)| k)
            };
            let inside = others().filter(|o| o.contains(key.as_str())).count();
            let holds = others().filter(|o| key.contains(o.as_str())).count();
            let word_count = c.text.split_whitespace().count();
            let words = words_of(&c.text);
            let letters: Vec<char> = c.text.chars().filter(|ch| ch.is_alphabetic()).collect();
            let upper = letters.len() >= 4 && letters.iter().all(|ch| !ch.is_lowercase());
            [
                flag(i == 0),
                ln(i),
                from(TitleSource::Headline),
                from(TitleSource::JsonLd),
                from(TitleSource::OpenGraph),
                from(TitleSource::TitleTag),
                ln(c.sources.len()),
                ln(inside),
                ln(holds),
                ln(word_count) / 3.0,
                flag(word_count <= 3),
                flag(word_count >= 16),
                flag(c.text.trim_end().ends_with('?')),
                flag(c.text.trim_end().ends_with('.')),
                flag(description_key.as_ref() == Some(key)),
                flag(!site_key.is_empty() && site_key.contains(key.as_str())),
                share(&words, &path),
                share(&last, &words),
                flag(c.text.contains(" | ") || c.text.contains(": ")),
                flag(upper),
                flag(word_count > 0 && context.page_words.contains(&page_words([c.text.as_str()]))),
            ]
        })
        .collect()
}

/// A learned scorer of title candidates.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleModel {
    weights: Vec<f64>,
}

/// The model shipped, written by `scripts/train-titles` without the check part (fold 0).
const EMBEDDED: &str = include_str!("title-model.json");

static MODEL: LazyLock<Option<TitleModel>> = LazyLock::new(|| TitleModel::from_json(EMBEDDED).ok());

impl TitleModel {
    /// The model shipped with the crate, if it reads.
    #[must_use]
    pub fn embedded() -> Option<&'static TitleModel> {
        MODEL.as_ref()
    }

    /// Reads `{"weights": {feature: weight}}` with every feature named once (other keys are
    /// notes).
    ///
    /// # Errors
    /// A message naming what is missing, unknown or not a number.
    pub fn from_json(json: &str) -> Result<Self, String> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| format!("title model: {e}"))?;
        let weights = value.get("weights").cloned().unwrap_or_default();
        weights::named(&weights, &TITLE_FEATURES, "title model").map(|weights| Self { weights })
    }

    /// The candidates' texts, the best-scored first; ties keep the rules' order.
    pub(super) fn order(
        &self,
        all: Vec<TitleCandidate>,
        context: &TitleContext<'_>,
    ) -> Vec<String> {
        // The rules' order puts their choice first.
        let best = weights::best(&self.weights, rows(&all, context), Some(0));
        let mut texts: Vec<String> = all.into_iter().map(|c| c.text).collect();
        if let Some(b) = best {
            let chosen = texts.remove(b);
            texts.insert(0, chosen);
        }
        texts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sourced(items: &[(&str, TitleSource)]) -> Vec<TitleCandidate> {
        candidates(items.iter().map(|(t, s)| ((*t).to_owned(), *s)).collect())
    }

    #[test]
    fn sources_giving_one_text_are_one_candidate_in_the_rules_order() {
        let all = sourced(&[
            ("Council passes budget", TitleSource::Headline),
            ("Council passes the budget", TitleSource::JsonLd),
            ("Council passes budget", TitleSource::TitleTag),
            ("", TitleSource::OpenGraph),
        ]);
        assert_eq!(all.len(), 2);
        assert_eq!(
            all[0].sources,
            [TitleSource::Headline, TitleSource::TitleTag]
        );
    }

    #[test]
    fn the_address_and_the_description_are_read() {
        let all = sourced(&[
            ("Subscribe to our newsletter", TitleSource::Headline),
            ("How to start an LLC in New York", TitleSource::OpenGraph),
        ]);
        let context = TitleContext {
            site: Some("Example"),
            url: Some("https://example.com/guides/how-to-start-an-llc-in-new-york.html?x=1"),
            description: Some("Subscribe to our newsletter"),
            page_words: &page_words(["Menu", "How to start an LLC in New York!", "Text"]),
        };
        let at = |name: &str| {
            TITLE_FEATURES
                .iter()
                .position(|(n, _)| *n == name)
                .expect("a feature")
        };
        let rows = rows(&all, &context);
        let (menu, post) = (rows[0], rows[1]);
        assert_eq!(menu[at("description")], 1.0);
        assert_eq!(post[at("url_covered")], 1.0);
        assert_eq!(post[at("url_words")], 1.0);
        assert_eq!(menu[at("url_words")], 0.0);
        assert_eq!(post[at("rule_first")], 0.0);
        assert_eq!(post[at("in_page_text")], 1.0);
        assert_eq!(menu[at("in_page_text")], 0.0);
    }

    #[test]
    fn the_best_scored_candidate_comes_first_and_ties_keep_the_rules_order() {
        let names = |w: &[(&str, f64)]| {
            let weights: serde_json::Map<String, serde_json::Value> = TITLE_FEATURES
                .iter()
                .map(|(n, _)| {
                    let v = w.iter().find(|(k, _)| k == n).map_or(0.0, |(_, v)| *v);
                    ((*n).to_owned(), serde_json::json!(v))
                })
                .collect();
            TitleModel::from_json(&serde_json::json!({ "weights": weights }).to_string())
                .expect("every weight named")
        };
        let all = sourced(&[
            ("A headline", TitleSource::Headline),
            ("The og title", TitleSource::OpenGraph),
        ]);
        let context = TitleContext::default();
        assert_eq!(
            names(&[("from_og", 1.0)]).order(all.clone(), &context),
            ["The og title", "A headline"]
        );
        assert_eq!(
            names(&[]).order(all, &context),
            ["A headline", "The og title"]
        );
    }

    #[test]
    fn a_model_missing_a_feature_or_naming_an_unknown_one_is_refused() {
        assert!(TitleModel::from_json(r#"{"weights": {"rule_first": 1}}"#).is_err());
        assert!(TitleModel::from_json("not json").is_err());
    }

    #[test]
    fn the_embedded_model_reads() {
        assert!(TitleModel::embedded().is_some());
    }
}
