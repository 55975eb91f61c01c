//! Author names as bylines and markup give them: which text reads as names, and those names
//! cleaned of roles, organisations, dates and placeholders.

use crate::pipeline::dates;
use crate::pipeline::html::glued_by;
use crate::pipeline::lexicon::names::{
    AUTHOR_PLACEHOLDERS, BYLINE_OPENERS, BYLINE_SEPARATORS, JOURNALIST_ROLES, NAME_PARTICLES,
};
use crate::pipeline::lexicon::time::MONTHS;
use crate::pipeline::textkit::clean;

/// Author names as people read them: roles, organisations after a comma and dates glued to the
/// name cut off; user names, ids, placeholders and widget text dropped; duplicates removed.
#[must_use]
pub(super) fn clean_authors(raw: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in raw.iter().flat_map(|a| a.split(['|', ';'])) {
        let name = clean(raw);
        // ", USA TODAY": the name before the comma was empty.
        if name.starts_with(',') {
            continue;
        }
        let name = name.trim_start_matches(|c: char| !c.is_alphanumeric());
        let name = BYLINE_OPENERS.opening(name).map_or(name, |(_, rest)| rest);
        // "Brian Truitt, USA TODAY" → "Brian Truitt".
        let name = name.split(',').next().unwrap_or_default().trim();
        // "Jeffrey ZeldmanNovember 20" → "Jeffrey Zeldman".
        let name = dates::find_date(name)
            .map_or(name, |d| name.get(..d.start).unwrap_or(name))
            .trim();
        let name = glued_month(name).trim();
        let words = name.split_whitespace().count();
        let lower = name.to_lowercase();
        let digits = name.chars().filter(char::is_ascii_digit).count();
        // Handles are kept (sites show them as bylines); template keys and ids are not.
        let template_key = !name.contains(' ') && name.matches('.').count() >= 2;
        let junk = words == 0
            || words > 6
            || digits * 2 >= name.chars().count()
            || name.contains(['@', ':', '/', '='])
            || name.starts_with("http")
            || template_key
            || AUTHOR_PLACEHOLDERS.contains(&lower)
            || lower.contains("submit")
            || lower.contains("this form");
        if !junk && !out.iter().any(|o| o.eq_ignore_ascii_case(name)) {
            out.push(name.to_owned());
        }
    }
    out
}

/// The names in a byline element's text (`By Jane Doe and John Roe`, `Jane Doe - 5 min read`),
/// or none when the text does not read as people's names.
#[must_use]
pub(super) fn byline_names(text: &str) -> Vec<String> {
    let mut text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if glued_by(&text) {
        text.insert(2, ' ');
    }
    let text = BYLINE_OPENERS
        .opening(&text)
        .map_or(text.as_str(), |(_, rest)| rest);
    // What follows a separator is a role, a date or a reading time.
    let text = text
        .split(' ')
        .take_while(|w| !BYLINE_SEPARATORS.contains(w))
        .collect::<Vec<_>>()
        .join(" ");
    let names: Vec<String> = text
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|n| without_role(n.trim()).to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let looks_like_name = |n: &str| {
        let words: Vec<&str> = n.split_whitespace().collect();
        (1..=4).contains(&words.len())
            && !n.chars().any(|c| c.is_ascii_digit())
            && words.iter().all(|w| {
                w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w)
            })
    };
    if names.is_empty() || !names.iter().all(|n| looks_like_name(n)) {
        return Vec::new();
    }
    clean_authors(names)
}

/// A name without the job title a byline widget prints after it: `Emma Ryan Writer`.
fn without_role(name: &str) -> &str {
    let mut name = name;
    while let Some((rest, last)) = name.rsplit_once(' ') {
        let role =
            last.starts_with(char::is_uppercase) && JOURNALIST_ROLES.contains(&last.to_lowercase());
        if !role || rest.split_whitespace().count() < 2 {
            break;
        }
        name = rest.trim_end();
    }
    name
}

/// Cuts an English month name glued to the end of a name: `ZeldmanNovember` → `Zeldman`.
fn glued_month(name: &str) -> &str {
    for month in MONTHS.iter().map(title_case) {
        if let Some(at) = name.find(&month) {
            if at > 0 && name[..at].ends_with(|c: char| c.is_lowercase()) {
                return &name[..at];
            }
        }
    }
    name
}

/// `january` → `January`.
fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_names_are_cleaned_of_junk() {
        let raw = [
            "Brian Truitt, USA TODAY",
            ", USA TODAY",
            "undefined",
            "262588213843476",
            "page.head.author",
            "Jeffrey ZeldmanNovember 20, 2007",
            "By Jane Doe",
            "Jane Doe",
            "stephenlega",
        ];
        assert_eq!(
            clean_authors(raw.map(String::from).to_vec()),
            ["Brian Truitt", "Jeffrey Zeldman", "Jane Doe", "stephenlega"]
        );
    }
}
