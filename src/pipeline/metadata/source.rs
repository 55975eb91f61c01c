//! The organisation an article is credited to: a news agency its credits name, the site as a
//! reader names it, or a short line that can be an organisation's name.

use crate::pipeline::lexicon::names::{
    AUTHOR_PLACEHOLDERS, BYLINE_OPENERS, JOURNALIST_ROLES, NEWS_AGENCIES,
};
use crate::pipeline::lexicon::time::{MONTHS, WEEKDAYS};

/// The news agency the first of `credits` (byline lines, authors) names as whole words, as the
/// lexicon writes it; an agency written in capitals (`AP`, `PTI`) only in capitals.
pub(super) fn credited_agency<'a>(credits: impl IntoIterator<Item = &'a String>) -> Option<String> {
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
pub(super) fn site_as_named(site: &str) -> String {
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
pub(super) fn may_be_organisation(text: &str, authors: &[String]) -> bool {
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

/// A source that is a byline's opening word alone (`By`, `Written by:`) or a placeholder names
/// nobody: empty.
pub(super) fn without_placeholder(source: String) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
            assert!(!may_be_organisation(line, &authors), "{line}");
        }
        assert!(may_be_organisation("Al Arabiya", &authors));
        let credits = [
            "Tom Davies Associated Press".to_owned(),
            "REUTERS".to_owned(),
        ];
        assert_eq!(
            credited_agency(credits.iter()).as_deref(),
            Some("Associated Press")
        );
        assert_eq!(credited_agency(["Apple Inc".to_owned()].iter()), None);
        assert_eq!(credited_agency(["Ap Auto Writer".to_owned()].iter()), None);
        assert_eq!(site_as_named("https://www.example.in/"), "example.in");
        assert_eq!(site_as_named("@politifact"), "politifact");
    }

    #[test]
    fn a_source_that_is_a_byline_word_or_a_placeholder_names_nobody() {
        assert_eq!(without_placeholder("By".into()), "");
        assert_eq!(without_placeholder("Written by:".into()), "");
        assert_eq!(without_placeholder("admin".into()), "");
        assert_eq!(without_placeholder("City Times".into()), "City Times");
    }
}
