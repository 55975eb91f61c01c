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
    let runs = Runs::of(features, values, stop_at_comments);
    runs.chosen.map(|k| runs.candidates[k].range.clone())
}

/// A run the body search may choose: the best run of one stretch of the page (a stretch ends
/// where a run restarts: at a hard section header, or where the running sum falls to zero).
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) range: Range<usize>,
    pub(super) value: i64,
    pub(super) cut: Cut,
    /// The value of the whole run it is part of (its own, for a whole run).
    pub(super) whole_value: i64,
}

/// Every stretch's best run, in page order (they do not overlap), and the one the rules choose.
#[derive(Debug, Default)]
pub(super) struct Runs {
    pub(super) candidates: Vec<Candidate>,
    pub(super) chosen: Option<usize>,
}

impl Runs {
    pub(super) fn of(features: &[Features], values: &[i64], stop_at_comments: bool) -> Self {
        let mut runs = Runs::default();
        let mut best: Option<i64> = None;
        // The best run of the current stretch, and whether it is the page's best so far.
        let mut stretch: Option<(Candidate, bool)> = None;
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
                // Articles do not start after the comments or the footer: once a substantial
                // body has been seen, what follows them is not searched (text payloads).
                let closing = f.section.is_some_and(|s| {
                    matches!(s.reason, RemovalReason::Comments | RemovalReason::Footer)
                });
                if stop_at_comments && closing && closed_at.is_none() {
                    closed_at = best.filter(|score| *score >= SUBSTANTIAL_BODY);
                }
                runs.end_stretch(stretch.take());
                run_sum = 0;
                run_start = i + 1;
                first_anchor = None;
                continue;
            }
            if run_sum <= 0 {
                runs.end_stretch(stretch.take());
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
            if !anchors || stretch.as_ref().is_some_and(|(c, _)| run_sum <= c.value) {
                continue;
            }
            // A header mistaken for the footer's (a menu's `Company`) may come before the
            // article: a run after it wins only when it outweighs the body found before it many
            // times over.
            let beats_closed = closed_at.is_none_or(|c| run_sum > c * AFTER_CLOSING_FACTOR);
            let page_best = beats_closed && best.is_none_or(|s| run_sum > s);
            if page_best {
                best = Some(run_sum);
            }
            // The run starts and ends with body material: short lines before its first
            // paragraph (a menu a learned value rates above zero) are not part of it.
            let candidate = Candidate {
                range: first_anchor.unwrap_or(run_start)..i + 1,
                value: run_sum,
                cut: Cut::Whole,
                whole_value: run_sum,
            };
            // Within a stretch the bar past the comments is fixed, so once its run is the page's
            // best, every longer run of it is too.
            stretch = Some((candidate, page_best));
        }
        runs.end_stretch(stretch);
        runs
    }

    fn end_stretch(&mut self, stretch: Option<(Candidate, bool)>) {
        if let Some((candidate, page_best)) = stretch {
            if page_best {
                self.chosen = Some(self.candidates.len());
            }
            self.candidates.push(candidate);
        }
    }
}

/// The features of a candidate run for the learned region choice: name and meaning.
pub const REGION_FEATURES: [(&str, &str); 24] = [
    ("rules_choice", "the run the rules choose"),
    (
        "head",
        "the opening part of a stretch's best run, up to where its body material pauses",
    ),
    (
        "tail",
        "the closing part of a stretch's best run, from where its body material resumes",
    ),
    ("part_share", "a part's value over its whole run's"),
    ("value_share", "its value over the best whole run's"),
    ("rank", "1 / (1 + its whole run's rank by value)"),
    ("log_words", "words, ln(1+n)/8"),
    ("start", "where it starts, over the page's blocks"),
    ("end", "where it ends, over the page's blocks"),
    (
        "sentence_share",
        "share of its characters in lines that end like sentences",
    ),
    ("short_share", "share of its lines of three words or fewer"),
    (
        "metadata_share",
        "share of its lines that are date or byline lines",
    ),
    ("stop_share", "share of its words that are function words"),
    ("link_share", "share of its characters in links"),
    (
        "after_closing",
        "a comments or footer header comes before it",
    ),
    (
        "comments_after",
        "a comments header within 3 lines after it",
    ),
    (
        "headline_before",
        "a headline-like line within 3 lines before it",
    ),
    (
        "metadata_before",
        "a date or byline line within 3 lines before it",
    ),
    ("in_article", "share of its lines inside an article element"),
    (
        "in_body_container",
        "share of its lines inside the marked article text",
    ),
    (
        "pause_after",
        "lines of no value right after it, of the next 8",
    ),
    (
        "dated_after",
        "date or byline lines among the 8 lines after it",
    ),
    ("line_words", "words a line, ln(1+n)/4"),
    (
        "headline_right_before",
        "the line right before it is a headline of 4 words or more",
    ),
];

/// Lines read after a candidate for what follows it (a pause, readers' signatures).
const FOLLOWING: usize = 8;

/// Lines looked at on each side of a candidate run.
const AROUND: usize = 3;

/// Heads and tails a whole run offers at most: the first pauses of its body material, and the
/// last resumptions.
const MAX_CUTS: usize = 16;

/// Which part of a stretch's best run a candidate is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    Whole,
    /// From the run's start to where its body material pauses (an article before its comments).
    Head,
    /// From where the run's body material resumes to its end (an article after a long intro).
    Tail,
}

/// Running totals over the page's blocks, so that any range's sums cost two reads.
struct Totals {
    /// Per block: chars, words, sentence chars, short lines, metadata lines, function-word
    /// permille times chars, link permille times chars, in an article, in the marked text.
    sums: Vec<[i64; 9]>,
}

impl Totals {
    fn of(features: &[Features]) -> Self {
        let mut sums = Vec::with_capacity(features.len() + 1);
        let mut acc = [0i64; 9];
        sums.push(acc);
        let n = |x: usize| i64::try_from(x).unwrap_or(i64::MAX / 1024);
        for f in features {
            let row = [
                n(f.chars),
                n(f.words),
                n(f.chars * usize::from(f.sentence_like)),
                i64::from(f.words <= 3),
                i64::from(f.metadata_line),
                n(f.chars * usize::from(f.stop_permille)),
                n(f.chars * usize::from(f.link_permille)),
                i64::from(f.in_article),
                i64::from(f.in_body_container),
            ];
            for (a, r) in acc.iter_mut().zip(row) {
                *a = a.saturating_add(r);
            }
            sums.push(acc);
        }
        Self { sums }
    }

    fn of_range(&self, range: &Range<usize>) -> [i64; 9] {
        let mut out = self.sums[range.end];
        for (o, s) in out.iter_mut().zip(self.sums[range.start]) {
            *o -= s;
        }
        out
    }
}

impl Runs {
    /// Adds, for each whole run, its heads and tails (at most [`MAX_CUTS`] each): the parts that
    /// end where its body material pauses or start where it resumes. One pass over the runs,
    /// which do not overlap.
    pub(super) fn with_cuts(mut self, values: &[i64]) -> Self {
        let positive = |i: usize| values.get(i).is_some_and(|v| *v > 0);
        // A cut's value is a difference of running totals: one pass, however many cuts.
        let totals: Vec<i64> = std::iter::once(0)
            .chain(values.iter().scan(0i64, |sum, v| {
                *sum += v;
                Some(*sum)
            }))
            .collect();
        let wholes = self.candidates.len();
        for k in 0..wholes {
            let run = self.candidates[k].range.clone();
            let whole_value = self.candidates[k].value;
            let heads = (run.start + 1..run.end)
                .filter(|&j| positive(j - 1) && !positive(j))
                .take(MAX_CUTS)
                .map(|j| (run.start..j, Cut::Head));
            let mut tails: Vec<usize> = (run.start + 1..run.end)
                .rev()
                .filter(|&j| positive(j) && !positive(j - 1))
                .take(MAX_CUTS)
                .collect();
            tails.reverse();
            let tails = tails.into_iter().map(|j| (j..run.end, Cut::Tail));
            for (range, cut) in heads.chain(tails) {
                let value = totals[range.end] - totals[range.start];
                self.candidates.push(Candidate {
                    range,
                    value,
                    cut,
                    whole_value,
                });
            }
        }
        self
    }

    /// Each candidate's [`REGION_FEATURES`], in order: a few reads each, from running totals.
    pub(super) fn vectors<'a>(
        &'a self,
        features: &'a [Features],
        values: &'a [i64],
    ) -> impl Iterator<Item = [f64; REGION_FEATURES.len()]> + 'a {
        let totals = Totals::of(features);
        let first_closing = features.iter().position(|f| {
            f.section.is_some_and(|s| {
                matches!(s.reason, RemovalReason::Comments | RemovalReason::Footer)
            })
        });
        let mut by_value: Vec<i64> = self
            .candidates
            .iter()
            .filter(|c| c.cut == Cut::Whole)
            .map(|c| c.value)
            .collect();
        by_value.sort_unstable_by(|a, b| b.cmp(a));
        let best = by_value.first().copied().unwrap_or(0).max(1);
        #[allow(clippy::cast_precision_loss)] // counts and sums of a page
        let ratio = |a: i64, b: i64| if b <= 0 { 0.0 } else { a as f64 / b as f64 };
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        let n = i64::try_from(features.len()).unwrap_or(i64::MAX).max(1);
        let at = |i: usize| i64::try_from(i).unwrap_or(i64::MAX);
        self.candidates.iter().enumerate().map(move |(k, c)| {
            let [
                chars,
                words,
                sentence,
                short,
                metadata,
                stop,
                link,
                article,
                marked,
            ] = totals.of_range(&c.range);
            let lines = at(c.range.len());
            let before = &features[c.range.start.saturating_sub(AROUND)..c.range.start];
            let after = &features[c.range.end..(c.range.end + AROUND).min(features.len())];
            let rank = by_value.partition_point(|v| *v > c.whole_value);
            #[allow(clippy::cast_precision_loss)]
            [
                flag(self.chosen == Some(k)),
                flag(c.cut == Cut::Head),
                flag(c.cut == Cut::Tail),
                ratio(c.value, c.whole_value).clamp(-1.0, 1.0),
                ratio(c.value, best).clamp(-1.0, 1.0),
                1.0 / (1.0 + rank as f64),
                (words as f64).ln_1p() / 8.0,
                ratio(at(c.range.start), n),
                ratio(at(c.range.end), n),
                ratio(sentence, chars),
                ratio(short, lines),
                ratio(metadata, lines),
                ratio(stop, chars * 1000),
                ratio(link, chars * 1000),
                flag(first_closing.is_some_and(|at| at < c.range.start)),
                flag(after.iter().any(|f| {
                    f.section
                        .is_some_and(|s| s.reason == RemovalReason::Comments)
                })),
                flag(before.iter().any(|f| f.headline_like)),
                flag(before.iter().any(|f| f.metadata_line)),
                ratio(article, lines),
                ratio(marked, lines),
                ratio(
                    at(values
                        .iter()
                        .skip(c.range.end)
                        .take(FOLLOWING)
                        .take_while(|v| **v <= 0)
                        .count()),
                    at(FOLLOWING),
                ),
                ratio(
                    at(features
                        .iter()
                        .skip(c.range.end)
                        .take(FOLLOWING)
                        .filter(|f| f.metadata_line)
                        .count()),
                    at(FOLLOWING),
                ),
                ratio(words, lines).ln_1p() / 4.0,
                flag(
                    before
                        .last()
                        .is_some_and(|f| f.headline_like && f.words >= 4),
                ),
            ]
        })
    }
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
