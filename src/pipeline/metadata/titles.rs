//! Page titles: the parts a site's name is added with, the title without that name, and whether
//! one title is an edited form of another.

use std::collections::HashSet;

use crate::pipeline::textkit::fold;

/// Separators sites add their name with; typographic dashes too ([`title_parts`]).
const SITE_SEPARATORS: &[&str] = &[" - ", " :: ", " » "];

/// The parts of a page title separated the way sites add their name (` | `, ` - `, ` — ` …).
pub(super) fn title_parts(raw: &str) -> Vec<&str> {
    title_parts_by(raw, &[" - ", " – ", " — ", " :: ", " » "])
}

/// The parts of `raw` between ` | ` and `separators`, trimmed, none empty.
fn title_parts_by<'a>(raw: &'a str, separators: &[&str]) -> Vec<&'a str> {
    separators
        .iter()
        .fold(raw.split(" | ").collect::<Vec<_>>(), |parts, sep| {
            parts.into_iter().flat_map(|p| p.split(sep)).collect()
        })
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// `<title>` without the site name: `Headline | Site` → `Headline`.
pub(super) fn clean_title(raw: &str, site: Option<&str>) -> String {
    // Titles from JSON-LD and attributes are sometimes escaped twice (`Houston&#39;s`).
    let raw = html_escape::decode_html_entities(raw);
    let t = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let parts = title_parts(&t);
    if parts.len() <= 1 {
        return t;
    }
    let site_key = site.map(fold).unwrap_or_default();
    let kept: Vec<&str> = parts
        .iter()
        .copied()
        .filter(|p| {
            // `Thrive Internet Marketing` for the site `Thrive Internet Marketing Agency`.
            let key = fold(p);
            site_key.is_empty() || !(site_key.starts_with(&key) || key.starts_with(&site_key))
        })
        .collect();
    // The site's name is known and no part is it: a typographic dash is the headline's own
    // (`Dezubekizacja – reaktywacja. …`), the separators sites add names with still cut.
    if !site_key.is_empty() && kept.len() == parts.len() && (t.contains(" – ") || t.contains(" — "))
    {
        return title_parts_by(&t, SITE_SEPARATORS)
            .into_iter()
            .max_by_key(|p| p.chars().count())
            .unwrap_or(&t)
            .to_owned();
    }
    kept.iter()
        .copied()
        .max_by_key(|p| p.chars().count())
        .unwrap_or(&t)
        .to_owned()
}

/// Whether `variant` is another form of the headline `h1`: mostly the same words, but not the
/// same; not shortened by more than a word (an SEO title cut down); and no number of the headline
/// changed (an SEO title left at last year's `2024` while the headline says `2025`).
pub(super) fn is_variant_of(variant: &str, h1: &str) -> bool {
    let words = |t: &str| -> Vec<String> {
        fold(t)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    // `Chronik: Lotte Tobisch ist tot` for `Lotte Tobisch ist tot`: a section or site affixed.
    let affixed = variant
        .split(": ")
        .flat_map(title_parts)
        .any(|part| fold(part) == fold(h1));
    if affixed {
        return false;
    }
    let (v, h) = (words(variant), words(h1));
    let (v_set, h_set): (HashSet<&String>, HashSet<&String>) =
        (v.iter().collect(), h.iter().collect());
    let shared = v_set.intersection(&h_set).count();
    let all = v_set.union(&h_set).count();
    let numbers_kept = h
        .iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .all(|n| v_set.contains(n));
    v_set != h_set && shared * 10 >= all * 7 && v.len() + 1 >= h.len() && numbers_kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typographic_dash_is_the_headlines_own_unless_a_part_is_the_site() {
        let site = Some("Example News");
        assert_eq!(
            clean_title(
                "Dezubekizacja – reaktywacja. Czyli daty mają znaczenie",
                site
            ),
            "Dezubekizacja – reaktywacja. Czyli daty mają znaczenie"
        );
        assert_eq!(
            clean_title("Dezubekizacja – reaktywacja | Opinie", site),
            "Dezubekizacja – reaktywacja"
        );
        assert_eq!(
            clean_title("Council passes budget – Example News", site),
            "Council passes budget"
        );
        // No site known: the longest part, as before.
        assert_eq!(
            clean_title("Council passes the budget – City Times", None),
            "Council passes the budget"
        );
    }
}
