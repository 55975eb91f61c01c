//! How far the body search's run is widened for HTML: to no element, to the lowest element that
//! holds the run's body blocks, or to one of the elements above it. The rules take the lowest
//! element unless it holds much more body material than the run; a learned choice may weigh the
//! elements above it too (a gallery's captions, the sections after a widget).

use std::ops::Range;

use super::RemovalReason;
use super::features::Features;
use super::region::{body_mask, widening_container};
use crate::pipeline::block::{Block, ParagraphKind, Placement};

/// Elements above the run's own that a widening may reach.
const LEVELS_ABOVE: usize = 3;

/// The features of a widening for the learned choice: name and meaning.
pub const WIDENING_FEATURES: [(&str, &str); 14] = [
    ("rules_choice", "the widening the rules choose"),
    ("none", "no widening: the run alone"),
    ("level", "how many elements above the run's own, over 4"),
    ("kept_ratio", "characters kept over the run's, ln/3"),
    (
        "good_ratio",
        "body material in the element over the run's, ln/3",
    ),
    (
        "added_good_share",
        "share of the added characters that are body material",
    ),
    (
        "added_sentence_share",
        "share of the added characters in lines that end like sentences",
    ),
    ("added_link_share", "share of the added characters in links"),
    (
        "inside_bad_share",
        "share of the element's characters outside the run that are known boilerplate",
    ),
    (
        "inside_section",
        "a comments, related or footer header in the element outside the run",
    ),
    (
        "headline_inside",
        "a headline heading in the element before the run",
    ),
    (
        "added_in_article",
        "share of the added characters inside an article element",
    ),
    ("added_after", "share of the added characters after the run"),
    ("page_share", "characters kept over the page's"),
];

/// The widenings a run offers, the rules' choice among them, and what each keeps.
pub(super) struct Widenings {
    /// `None` keeps the run alone (and the marked text's paragraphs, when found there).
    pub(super) options: Vec<Option<u32>>,
    pub(super) rules: usize,
}

impl Widenings {
    pub(super) fn of(blocks: &[&Block], features: &[Features], core: &Range<usize>) -> Self {
        let rule = widening_container(blocks, features, core);
        let lowest = Placement::common_container(
            core.clone()
                .filter(|&i| features[i].good)
                .filter_map(|i| blocks[i].dom.as_ref().map(|d| &d.placement)),
        );
        let placement = core
            .clone()
            .find_map(|i| blocks[i].dom.as_ref().map(|d| &d.placement));
        let mut options = vec![None];
        let mut at = lowest;
        for _ in 0..=LEVELS_ABOVE {
            let Some(element) = at else { break };
            options.push(Some(element));
            at = placement.and_then(|p| p.parent_of(element));
        }
        let rules = options.iter().position(|o| *o == rule).unwrap_or(0);
        Self { options, rules }
    }

    /// Each widening's mask and its [`WIDENING_FEATURES`].
    pub(super) fn vectors(
        &self,
        blocks: &[&Block],
        features: &[Features],
        core: &Range<usize>,
        marked: bool,
    ) -> Vec<(Vec<bool>, [f64; WIDENING_FEATURES.len()])> {
        #[allow(clippy::cast_precision_loss)] // character counts of a page
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let log_ratio = |a: usize, b: usize| (ratio(a, b).max(1e-3)).ln() / 3.0;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let chars_of = |i: usize| features[i].chars;
        let core_chars: usize = core.clone().map(chars_of).sum();
        let core_good: usize = core
            .clone()
            .filter(|&i| features[i].good)
            .map(chars_of)
            .sum();
        let page_chars: usize = features.iter().map(|f| f.chars).sum();
        self.options
            .iter()
            .enumerate()
            .map(|(k, option)| {
                let mask = body_mask(blocks, features, Some(core.clone()), *option, marked);
                let within = |i: usize| {
                    option.is_some_and(|c| {
                        blocks[i]
                            .dom
                            .as_ref()
                            .is_some_and(|d| d.placement.is_within(c))
                    })
                };
                let (mut kept, mut added, mut good, mut sentence, mut link, mut article) =
                    (0, 0, 0, 0, 0usize, 0);
                let (mut after, mut inside, mut inside_bad, mut element_good) = (0, 0, 0, 0);
                let (mut section, mut headline) = (false, false);
                for (i, f) in features.iter().enumerate() {
                    let in_core = core.contains(&i);
                    if mask[i] {
                        kept += f.chars;
                    }
                    if within(i) || in_core {
                        element_good += if f.good { f.chars } else { 0 };
                    }
                    if within(i) && !in_core {
                        inside += f.chars;
                        inside_bad += if f.bad.is_some() { f.chars } else { 0 };
                        section |= f.section.is_some_and(|s| {
                            matches!(
                                s.reason,
                                RemovalReason::Comments
                                    | RemovalReason::Related
                                    | RemovalReason::Footer
                            )
                        });
                        headline |= i < core.start
                            && f.headline_like
                            && blocks[i].kind == ParagraphKind::Heading;
                    }
                    if mask[i] && !in_core {
                        added += f.chars;
                        good += if f.good { f.chars } else { 0 };
                        sentence += if f.sentence_like { f.chars } else { 0 };
                        link += f.chars * usize::from(f.link_permille) / 1000;
                        article += if f.in_article { f.chars } else { 0 };
                        after += if i >= core.end { f.chars } else { 0 };
                    }
                }
                #[allow(clippy::cast_precision_loss)]
                let x = [
                    flag(k == self.rules),
                    flag(option.is_none()),
                    k.saturating_sub(1) as f64 / (LEVELS_ABOVE + 1) as f64,
                    log_ratio(kept, core_chars),
                    if option.is_some() {
                        log_ratio(element_good, core_good)
                    } else {
                        0.0
                    },
                    ratio(good, added),
                    ratio(sentence, added),
                    ratio(link, added),
                    ratio(inside_bad, inside),
                    flag(section),
                    flag(headline),
                    ratio(article, added),
                    ratio(after, added),
                    ratio(kept, page_chars),
                ];
                (mask, x)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of one paragraph in a gallery: the widenings are the paragraph alone, its own
    /// element and the elements above it, and only the ones holding the captions keep them.
    #[test]
    fn the_widenings_climb_from_the_run_and_what_each_keeps_grows_with_it() {
        let page = "<html><body><div id=\"page\"><div id=\"post\"><h1>Halloween in the city</h1>\
            <div id=\"intro\"><p>People dressed up for the holiday all over the city this week, \
            and the parade drew a larger crowd than ever before, organisers said.</p></div>\
            <div id=\"gallery\"><div>A girl dressed for the parade meets other costumed people downtown.</div>\
            <div>A man wearing a pumpkin head waits in a shopping mall restaurant.</div></div>\
            </div></div></body></html>";
        let (blocks, _) = crate::pipeline::html::parse(page);
        let blocks: Vec<&Block> = blocks.iter().collect();
        let features: Vec<Features> = blocks.iter().map(|b| Features::of(b)).collect();
        let core = (0..blocks.len())
            .position(|i| features[i].good)
            .map(|i| i..i + 1)
            .expect("the paragraph is body material");
        let widenings = Widenings::of(&blocks, &features, &core);
        assert_eq!(widenings.options[0], None);
        assert!(widenings.options.len() >= 3, "{:?}", widenings.options);
        assert_eq!(
            widenings.options[widenings.rules],
            widening_container(&blocks, &features, &core)
        );
        let rows = widenings.vectors(&blocks, &features, &core, false);
        let kept = |k: usize| rows[k].0.iter().filter(|b| **b).count();
        assert_eq!(kept(0), 1);
        assert!(kept(rows.len() - 1) >= 3, "the gallery's captions");
        for (k, (_, x)) in rows.iter().enumerate() {
            assert_eq!(x[0] > 0.5, k == widenings.rules);
            assert_eq!(x[1] > 0.5, k == 0);
            assert!(x.iter().all(|v| v.is_finite()));
        }
    }
}
