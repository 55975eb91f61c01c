//! Related articles: the headlines, sources, ages and links of the related section's lines.

use std::collections::{HashMap, HashSet};

use crate::pipeline::boilerplate::{DroppedBlock, RemovalReason};
use crate::pipeline::dates;
use crate::pipeline::lexicon::page_lines::RIGHTS_PHRASES;
use crate::pipeline::textkit::{clean, fold};

use super::RelatedArticle;

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

/// Related articles from the dropped related-section blocks: headlines are the lines repeated in
/// the section (cards print them more than once) or, failing that, linked or headline-like lines;
/// the short line after a headline is its source, and a relative age its age.
pub(super) fn related(dropped: &[DroppedBlock]) -> Vec<RelatedArticle> {
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
    use super::*;

    #[test]
    fn a_footer_is_no_related_article() {
        for footer in [
            "© 2025 City Times Media Group. All rights reserved",
            "Copyright 2025 City Times Media Group Inc",
            "Privacy policy · Terms of use · Contact us today",
        ] {
            assert!(is_footer_line(footer), "{footer}");
        }
        assert!(!is_footer_line(
            "Council approves a new library for the east side"
        ));
    }
}
