//! The body search: the best run of blocks (inside the marked article text when the markup names
//! one), widened to the element that holds it, and the headline among the blocks before it.

use std::collections::HashMap;
use std::ops::Range;

use super::RemovalReason;
use super::features::Features;
use super::rules::SectionHeader;
use crate::pipeline::block::{Block, ParagraphKind, Placement};
use crate::pipeline::textkit::fold;

/// Text the marked article container must hold before it is trusted over the page-wide search.
const MARKED_BODY_MIN_CHARS: usize = 200;

/// The best run inside the element the markup names as the article text, when there is one with
/// real text in it: the page-wide search is the fallback.
pub(super) fn marked_body_region(features: &[Features], values: &[i64]) -> Option<Range<usize>> {
    let marked: usize = features
        .iter()
        .filter(|f| f.in_body_container && f.bad.is_none())
        .map(|f| f.chars)
        .sum();
    if marked < MARKED_BODY_MIN_CHARS {
        return None;
    }
    let inside: Vec<Features> = features
        .iter()
        .map(|f| {
            let mut f = f.clone();
            if !f.in_body_container {
                // Outside the marked text: a barrier, never part of the run.
                f.section = Some(SectionHeader {
                    reason: RemovalReason::OutsideBody,
                    hard: true,
                });
            }
            f
        })
        .collect();
    body_region(&inside, values, false)
}

/// A body candidate worth keeping over anything after the comments: a few paragraphs' worth.
const SUBSTANTIAL_BODY: i64 = 600;

/// How many times the body found before the comments or the footer a run after them must hold.
const AFTER_CLOSING_FACTOR: i64 = 3;

/// The highest-valued run of blocks (`values`, one per block) not crossing a hard section
/// header, if any block is good.
pub(super) fn body_region(
    features: &[Features],
    values: &[i64],
    stop_at_comments: bool,
) -> Option<Range<usize>> {
    let mut best: Option<(i64, Range<usize>)> = None;
    let mut run_start = 0;
    let mut first_anchor: Option<usize> = None;
    let mut run_sum: i64 = 0;
    // Past the comments or the footer, the value a run must beat (see below).
    let mut closed_at: Option<i64> = None;
    for (i, f) in features.iter().enumerate() {
        let hard_stop = f
            .section
            .is_some_and(|s| s.hard || !soft_header_resumes(features, i));
        if hard_stop {
            // Articles do not start after the comments or the footer: once a substantial body
            // has been seen, what follows them is not searched (text payloads).
            let closing = f.section.is_some_and(|s| {
                matches!(s.reason, RemovalReason::Comments | RemovalReason::Footer)
            });
            if stop_at_comments && closing && closed_at.is_none() {
                closed_at = best
                    .as_ref()
                    .map(|(score, _)| *score)
                    .filter(|score| *score >= SUBSTANTIAL_BODY);
            }
            run_sum = 0;
            run_start = i + 1;
            first_anchor = None;
            continue;
        }
        if run_sum <= 0 {
            run_sum = 0;
            run_start = i;
            first_anchor = None;
        }
        let value = values.get(i).copied().unwrap_or_default();
        run_sum += value;
        let anchors = f.good || f.in_body_container && value > 0;
        if anchors {
            first_anchor.get_or_insert(i);
        }
        // A header mistaken for the footer's (a menu's `Company`) may come before the article:
        // a run after it wins only when it outweighs the body found before it many times over.
        let beats_closed = closed_at.is_none_or(|c| run_sum > c * AFTER_CLOSING_FACTOR);
        if anchors && beats_closed && best.as_ref().is_none_or(|(s, _)| run_sum > *s) {
            // The run starts and ends with body material: short lines before its first
            // paragraph (a menu a learned value rates above zero) are not part of it.
            best = Some((run_sum, first_anchor.unwrap_or(run_start)..i + 1));
        }
    }
    best.map(|(_, r)| r)
}

/// The body blocks: the best run, widened for HTML to the lowest element that holds the run's
/// body blocks (articles split by embeds, lists or ad slots come back whole) and, when the run was
/// found in the marked article text, to all of the marked text (articles split into chunks).
pub(super) fn body_mask(
    blocks: &[&Block],
    features: &[Features],
    core: Option<Range<usize>>,
    marked: bool,
) -> Vec<bool> {
    let mut mask = vec![false; blocks.len()];
    let Some(core) = core else { return mask };
    for i in core.clone() {
        mask[i] = true;
    }
    let container = widening_container(blocks, features, &core);
    let inside = |i: usize| {
        let in_container = container.is_some_and(|c| {
            blocks[i]
                .dom
                .as_ref()
                .is_some_and(|d| d.placement.is_within(c))
        });
        // Other chunks of the marked text contribute their paragraphs, not their odds and ends.
        in_container || marked && features[i].in_body_container && features[i].good
    };
    let mut in_section = false;
    for i in (0..blocks.len()).filter(|&i| inside(i)) {
        let f = &features[i];
        if f.section.is_some() {
            in_section = true;
            continue;
        }
        if f.good {
            in_section = false;
        }
        let kind = blocks[i].kind;
        let content = f.good
            || f.sentence_like
            || f.words >= 3
            || matches!(
                kind,
                ParagraphKind::Heading
                    | ParagraphKind::ListItem
                    | ParagraphKind::Blockquote
                    | ParagraphKind::TableRow
                    | ParagraphKind::Preformatted
            );
        if content && f.bad.is_none() && !in_section {
            mask[i] = true;
        }
    }
    mask
}

/// Fewest words in each entry of a list of links kept between the article's paragraphs: a
/// changelog's pull requests and a reading list's titles, not a menu's one-word entries.
const LINK_ENTRY_WORDS: usize = 4;

/// A list whose entries are all links, with the article's text right before and right after it,
/// is part of the article (a changelog's pull requests), not the page's navigation.
pub(super) fn keep_link_lists_between_paragraphs(
    blocks: &[&Block],
    features: &mut [Features],
    body: &mut [bool],
) {
    let entry: Vec<bool> = blocks
        .iter()
        .zip(features.iter())
        .map(|(b, f)| {
            b.kind == ParagraphKind::ListItem && f.links_only && f.words >= LINK_ENTRY_WORDS
        })
        .collect();
    let mut i = 1;
    while i < blocks.len() {
        if !(body[i - 1] && entry[i]) {
            i += 1;
            continue;
        }
        let end = (i..blocks.len())
            .find(|&j| !entry[j])
            .unwrap_or(blocks.len());
        if body.get(end).copied().unwrap_or(false) {
            for j in i..end {
                body[j] = true;
                features[j].keep_links_as_article();
            }
        }
        i = end + 1;
    }
}

/// The lowest element holding the run's body blocks, unless it holds much more body-like text
/// than the run (then it is the page, not the article). `None` for text payloads.
pub(super) fn widening_container(
    blocks: &[&Block],
    features: &[Features],
    core: &Range<usize>,
) -> Option<u32> {
    let container = Placement::common_container(
        core.clone()
            .filter(|&i| features[i].good)
            .filter_map(|i| blocks[i].dom.as_ref().map(|d| &d.placement)),
    )?;
    let good_chars = |i: usize| {
        if features[i].good {
            features[i].chars
        } else {
            0
        }
    };
    let core_good: usize = core.clone().map(good_chars).sum();
    let container_good: usize = (0..blocks.len())
        .filter(|&i| {
            blocks[i]
                .dom
                .as_ref()
                .is_some_and(|d| d.placement.is_within(container))
        })
        .map(good_chars)
        .sum();
    (container_good <= core_good * 3).then_some(container)
}

/// "Comments" between "Twitter" and "Print" is a share-bar link, not the comments section.
pub(super) fn demote_widget_headers(features: &mut [Features]) {
    for i in 0..features.len() {
        let social = |j: Option<usize>| {
            j.and_then(|j| features.get(j))
                .is_some_and(|f| f.bad == Some(RemovalReason::Social))
        };
        if features[i].section.is_some() && (social(i.checked_sub(1)) || social(Some(i + 1))) {
            features[i].section = None;
            features[i].bad = Some(RemovalReason::Social);
        }
    }
}

/// A soft header ("Read more") inside the article is followed by body text within a few blocks.
fn soft_header_resumes(features: &[Features], at: usize) -> bool {
    features.iter().skip(at + 1).take(3).any(|f| f.good)
}

/// The headline among the blocks before the body: a repeated or nearest headline-like line.
pub(super) fn pick_title(
    blocks: &[&Block],
    features: &[Features],
    body_start: usize,
    hint: Option<&str>,
) -> Option<usize> {
    if let Some(hint) = hint {
        let key = fold(hint);
        return features
            .iter()
            .position(|f| f.key == key && !key.is_empty());
    }
    let header = features.get(..body_start)?;
    // Each line's count and first place among the header's lines, counted once (the header of a
    // hostile page may hold a million lines).
    let mut seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, f) in header.iter().enumerate() {
        seen.entry(f.key.as_str()).or_insert((0, i)).0 += 1;
    }
    let mut best: Option<(i64, usize)> = None;
    for (i, f) in header.iter().enumerate() {
        if !f.headline_like
            || f.words < 3
            || f.metadata_line
            || f.bad.is_some()
            || f.section.is_some()
        {
            continue;
        }
        let repeats = seen.get(f.key.as_str()).map_or(1, |&(n, _)| n);
        let distance = i64::try_from(body_start - i).unwrap_or(i64::MAX / 4);
        let heading_bonus = if blocks
            .get(i)
            .is_some_and(|b| b.kind == ParagraphKind::Heading)
        {
            50
        } else {
            0
        };
        let score = i64::try_from(f.words.min(20)).unwrap_or(0) * 2
            + if repeats > 1 { 30 } else { 0 }
            - distance * 4
            + heading_bonus;
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, i));
        }
    }
    // The first of identical lines is the title; later ones are duplicates.
    best.map(|(_, i)| {
        seen.get(features[i].key.as_str())
            .map_or(i, |&(_, first)| first)
    })
}
