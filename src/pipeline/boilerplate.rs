//! Boilerplate removal: decides, for every block, whether it belongs to the article body, and
//! gives each dropped block a [`RemovalReason`].
//!
//! One scorer serves text lines and HTML blocks alike. Each block gets a value: long blocks made
//! of sentences count for, short fragments and known boilerplate against. The body is the
//! highest-valued run of consecutive blocks (a maximum-sum subarray) that does not cross a hard
//! section cut-off ("Comments", "Related Articles", "Download the app" ...). Blocks before the body
//! are the page header (title, byline, date lines, menus); blocks after it belong to whichever
//! section header came last. This module does not rewrite text: it only sorts blocks.

use super::block::ParagraphKind;
use super::block::{Block, DomRole};
use super::dates;
use super::textkit::{fold, is_unspaced_script};

/// Why a block was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum RemovalReason {
    /// Menus, logos, page chrome before the article.
    Navigation,
    /// The headline (kept in the metadata).
    Title,
    /// Source, byline or date line (kept in the metadata).
    MetadataLine,
    /// A repeat of an earlier block.
    Duplicate,
    /// Comments section.
    Comments,
    /// Related or recommended articles.
    Related,
    /// App, newsletter and subscription prompts.
    Promotion,
    /// Ads.
    Advertisement,
    /// Share and follow widgets.
    Social,
    /// Cookie and consent notices.
    Consent,
    /// Captions and credits.
    Caption,
    /// Site footer and legal text.
    Footer,
    /// A short fragment outside the body.
    LowContent,
    /// Text outside the body region.
    OutsideBody,
}

impl RemovalReason {
    /// A short explanation for clients.
    #[must_use]
    pub fn detail(self) -> &'static str {
        match self {
            Self::Navigation => "page chrome before the article",
            Self::Title => "the headline, kept in metadata.title",
            Self::MetadataLine => "source, byline or date line, kept in metadata",
            Self::Duplicate => "repeats an earlier block",
            Self::Comments => "comments section",
            Self::Related => "related-articles section, kept in related",
            Self::Promotion => "app, newsletter or subscription prompt",
            Self::Advertisement => "advertisement",
            Self::Social => "share or follow widget",
            Self::Consent => "cookie or consent notice",
            Self::Caption => "caption or credit",
            Self::Footer => "site footer or legal text",
            Self::LowContent => "short fragment outside the article body",
            Self::OutsideBody => "text outside the article body",
        }
    }
}

/// A block kept in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptBlock {
    /// The block's text, not yet normalised.
    pub text: String,
    /// What it is.
    pub kind: ParagraphKind,
}

/// A block left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedBlock {
    /// The block's text, not yet normalised.
    pub text: String,
    /// Why.
    pub reason: RemovalReason,
    /// Link target, for HTML blocks that are links.
    pub href: Option<String>,
    /// Below the article's last paragraph: its dates and names are other items'.
    pub after_body: bool,
}

/// The verdict on every block, in input order within each list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sorted {
    /// Body blocks.
    pub kept: Vec<KeptBlock>,
    /// Left-out blocks.
    pub dropped: Vec<DroppedBlock>,
}

/// Sorts `blocks` into body and boilerplate. `title_hint` marks lines equal to a known title.
/// With `keep_all`, every block is kept (the payload is the article already).
#[must_use]
pub fn sort(blocks: &[Block], title_hint: Option<&str>, keep_all: bool) -> Sorted {
    let mut features: Vec<Features> = blocks.iter().map(Features::of).collect();
    demote_widget_headers(&mut features);
    if keep_all {
        let kept = blocks
            .iter()
            .zip(&features)
            .map(|(b, f)| KeptBlock {
                text: b.text.clone(),
                kind: kind_in_body(b, f),
            })
            .collect();
        return Sorted {
            kept,
            dropped: Vec::new(),
        };
    }
    // Text payloads have no DOM to mark the comments, so the comments header ends the search.
    let is_text = blocks.iter().all(|b| b.dom.is_none());
    let marked = marked_body_region(&features);
    let found_in_marked = marked.is_some();
    let core = marked.or_else(|| body_region(&features, is_text));
    let mut body = body_mask(blocks, &features, core, found_in_marked);
    let mut first_body = body.iter().position(|b| *b);
    // Bylines and date lines lead the body; further down, a dated line is content (an embedded
    // post's signature, a dateline).
    let first_good = (0..blocks.len())
        .filter(|&i| body[i] && features[i].good)
        .nth(1);
    let title = pick_title(
        blocks,
        &features,
        first_body.unwrap_or(blocks.len()),
        title_hint,
    );

    // The lead: paragraphs between the headline and the body, set apart from it by a photo, its
    // caption, a share bar or a date line, belong to the article.
    if let (Some(t), Some(first)) = (title, first_body) {
        if t < first && first - t <= LEAD_GAP {
            for i in t + 1..first {
                if features[i].good {
                    body[i] = true;
                }
            }
            first_body = body.iter().position(|b| *b);
        }
    }
    let title_key = title.and_then(|t| features.get(t)).map(|f| f.key.as_str());
    let last_body = body.iter().rposition(|b| *b);
    let mut sorted = Sorted::default();
    // Keys are the client's lines: the standard, randomly keyed hasher.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut section: Option<RemovalReason> = None;
    for (i, (block, f)) in blocks.iter().zip(&features).enumerate() {
        let in_body = body[i];
        let before_body = first_body.is_none_or(|first| i < first);
        if in_body {
            section = None;
        } else if let Some(header) = f.section {
            section = Some(header.reason);
        }
        let duplicate = !seen.insert(f.key.as_str()) && !f.key.is_empty();
        let reason = if title == Some(i) {
            Some(RemovalReason::Title)
        } else if in_body {
            if let Some(reason) = f.bad.or(f.section.map(|s| s.reason)) {
                Some(reason)
            } else if duplicate && (!f.good && f.words < 3 || title_key == Some(f.key.as_str())) {
                Some(RemovalReason::Duplicate)
            } else if f.metadata_line && !f.good && first_good.is_none_or(|g| i < g) {
                Some(RemovalReason::MetadataLine)
            } else {
                None
            }
        } else if before_body && f.metadata_line {
            Some(RemovalReason::MetadataLine)
        } else if let Some(reason) = f
            .section
            .map(|s| s.reason)
            .or(section.filter(|_| !before_body))
        {
            Some(reason)
        } else if f.metadata_line {
            Some(RemovalReason::MetadataLine)
        } else if duplicate {
            Some(RemovalReason::Duplicate)
        } else if let Some(bad) = f.bad {
            Some(bad)
        } else if f.good {
            Some(RemovalReason::OutsideBody)
        } else if before_body {
            Some(RemovalReason::Navigation)
        } else {
            Some(RemovalReason::LowContent)
        };
        match reason {
            Some(reason) => sorted.dropped.push(DroppedBlock {
                text: block.text.clone(),
                reason,
                href: block.dom.as_ref().and_then(|d| d.href.clone()),
                after_body: last_body.is_some_and(|last| i > last),
            }),
            None => sorted.kept.push(KeptBlock {
                text: block.text.clone(),
                kind: kind_in_body(block, f),
            }),
        }
    }
    sorted
}

/// A section cut-off line and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct SectionHeader {
    reason: RemovalReason,
    /// Hard headers end the body; soft ones ("Read more") may sit inside it.
    hard: bool,
}

/// What the scorer knows about one block.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Features {
    /// Lower-case words joined by single spaces: the comparison key.
    key: String,
    words: usize,
    chars: usize,
    sentence_like: bool,
    headline_like: bool,
    /// Long enough and made of sentences: body material.
    good: bool,
    metadata_line: bool,
    bad: Option<RemovalReason>,
    section: Option<SectionHeader>,
    in_article: bool,
    /// Inside the element the markup names as the article text.
    in_body_container: bool,
    /// A short line that reads like a list entry: numbered, bulleted, or with figures.
    list_like: bool,
}

impl Features {
    fn of(block: &Block) -> Self {
        let text = block.text.trim();
        let key = fold(text);
        let TextCounts {
            chars,
            words,
            unspaced,
        } = TextCounts::of(text);
        // Scripts written without spaces (Chinese, Japanese, Thai) count about two characters a word.
        let words = words.max(unspaced / 2);
        let sentence_like = ends_like_sentence(text);
        let first_upper = text
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| !c.is_lowercase());
        let headline_like =
            (1..=14).contains(&words) && !sentence_like && first_upper && !text.ends_with(':');
        let section = section_header(&key).or_else(|| {
            comment_marker(text, &key, words).then_some(SectionHeader {
                reason: RemovalReason::Comments,
                hard: true,
            })
        });
        let mut bad = line_boilerplate(&key, text);
        let mut in_article = false;
        let mut in_body_container = false;
        let mut link_dense = false;
        if let Some(dom) = &block.dom {
            in_article = dom.in_article;
            in_body_container = dom.in_body_container;
            link_dense = chars > 0 && dom.link_chars * 10 >= chars * 6;
            // A standfirst written as a paragraph of sentences is the article's lead.
            let lead = dom.role == Some(DomRole::Byline) && words >= 30 && sentence_like;
            if let Some(role) = dom.role.filter(|_| !lead) {
                bad = bad.or(Some(role_reason(role)));
            }
        }
        // Running prose is full of function words in any language (jusText's signal); lists of
        // names, tags and menu items are not.
        let long_run = words >= 25 && stop_word_share(&key) >= 0.1;
        let good = bad.is_none()
            && section.is_none()
            && !link_dense
            && (words >= 10 && sentence_like
                || long_run
                || words >= 6 && sentence_like && in_article);
        if link_dense && bad.is_none() && !good {
            bad = Some(RemovalReason::Navigation);
        }
        let metadata_line = !good && is_metadata_line(text, words);
        let list_like = block.kind == ParagraphKind::ListItem
            || words >= 3 && text.chars().next().is_some_and(|c| c.is_ascii_digit())
            || words >= 3
                && text.chars().filter(char::is_ascii_digit).count() >= 2
                && !metadata_line;
        Self {
            key,
            words,
            chars,
            sentence_like,
            headline_like,
            good,
            metadata_line,
            bad,
            section,
            in_article,
            in_body_container,
            list_like,
        }
    }

    /// The block's weight for the body search.
    fn value(&self) -> i64 {
        let chars = i64::try_from(self.chars).unwrap_or(i64::MAX / 4);
        if self.bad.is_some() || self.section.is_some() {
            -150
        } else if self.good {
            let base = if self.sentence_like { chars } else { chars / 2 };
            if self.in_article {
                base + base / 2
            } else {
                base
            }
        } else if self.in_body_container && self.words >= 3 {
            // Short lines of the marked article text (a calendar, a list of results) are content.
            i64::try_from(self.chars / 2).unwrap_or(0)
        } else if self.sentence_like && self.words >= 4 || self.list_like {
            -10
        } else if self.words <= 2 {
            -40
        } else if self.headline_like {
            -25
        } else {
            -20
        }
    }
}

fn kind_in_body(block: &Block, f: &Features) -> ParagraphKind {
    match block.kind {
        ParagraphKind::Body if f.headline_like && f.words >= 1 && !f.good => ParagraphKind::Heading,
        kind => kind,
    }
}

/// Blocks between the headline and the body within which a paragraph is the article's lead.
const LEAD_GAP: usize = 12;

/// Text the marked article container must hold before it is trusted over the page-wide search.
const MARKED_BODY_MIN_CHARS: usize = 200;

/// The best run inside the element the markup names as the article text, when there is one with
/// real text in it: the page-wide search is the fallback.
fn marked_body_region(features: &[Features]) -> Option<std::ops::Range<usize>> {
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
    body_region(&inside, false)
}

/// A body candidate worth keeping over anything after the comments: a few paragraphs' worth.
const SUBSTANTIAL_BODY: i64 = 600;

/// The highest-valued run of blocks not crossing a hard section header, if any block is good.
fn body_region(features: &[Features], stop_at_comments: bool) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(i64, std::ops::Range<usize>)> = None;
    let mut run_start = 0;
    let mut run_sum: i64 = 0;
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
            if stop_at_comments
                && closing
                && best
                    .as_ref()
                    .is_some_and(|(score, _)| *score >= SUBSTANTIAL_BODY)
            {
                break;
            }
            run_sum = 0;
            run_start = i + 1;
            continue;
        }
        if run_sum <= 0 {
            run_sum = 0;
            run_start = i;
        }
        run_sum += f.value();
        let anchors = f.good || f.in_body_container && f.value() > 0;
        if anchors && best.as_ref().is_none_or(|(s, _)| run_sum > *s) {
            best = Some((run_sum, run_start..i + 1));
        }
    }
    best.map(|(_, r)| r)
}

/// The body blocks: the best run, widened for HTML to the lowest element that holds the run's
/// body blocks (articles split by embeds, lists or ad slots come back whole) and, when the run was
/// found in the marked article text, to all of the marked text (articles split into chunks).
fn body_mask(
    blocks: &[Block],
    features: &[Features],
    core: Option<std::ops::Range<usize>>,
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
                .is_some_and(|d| d.ancestors.starts_with(c))
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

/// The lowest element holding the run's body blocks, unless it holds much more body-like text
/// than the run (then it is the page, not the article). `None` for text payloads.
fn widening_container<'a>(
    blocks: &'a [Block],
    features: &[Features],
    core: &std::ops::Range<usize>,
) -> Option<&'a [u32]> {
    let paths: Vec<&[u32]> = core
        .clone()
        .filter(|&i| features[i].good)
        .filter_map(|i| blocks[i].dom.as_ref().map(|d| d.ancestors.as_slice()))
        .collect();
    let first = paths.first()?;
    let depth = paths.iter().skip(1).fold(first.len(), |depth, p| {
        depth.min(
            first
                .iter()
                .zip(p.iter())
                .take_while(|(a, b)| a == b)
                .count(),
        )
    });
    if depth == 0 {
        return None;
    }
    let container = &first[..depth];
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
                .is_some_and(|d| d.ancestors.starts_with(container))
        })
        .map(good_chars)
        .sum();
    (container_good <= core_good * 3).then_some(container)
}

/// "Comments" between "Twitter" and "Print" is a share-bar link, not the comments section.
fn demote_widget_headers(features: &mut [Features]) {
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
fn pick_title(
    blocks: &[Block],
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
        let repeats = header.iter().filter(|g| g.key == f.key).count();
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
        header
            .iter()
            .position(|g| g.key == features[i].key)
            .unwrap_or(i)
    })
}

/// Languages whose function words count as stop words (NLTK's lists, through the stop-words
/// crate). One union for all: a page's blocks are scored before its language is known, and a
/// function word of one of these languages is rarely a content word of another.
const STOP_WORD_LANGUAGES: &[&str] = &[
    "en", "de", "fr", "es", "it", "pt", "nl", "da", "sv", "no", "fi", "ro", "hu", "tr", "ca", "ru",
];

/// The share of a folded block's words that are stop words; 0 when it has under 4 words.
fn stop_word_share(key: &str) -> f64 {
    static STOP_WORDS: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| {
            STOP_WORD_LANGUAGES
                .iter()
                .filter_map(|l| stop_words::lookup(l))
                .flat_map(|words| words.iter().copied())
                .collect()
        });
    let (mut words, mut stop) = (0usize, 0usize);
    for word in key.split(' ') {
        words += 1;
        stop += usize::from(STOP_WORDS.contains(word));
    }
    if words < 4 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // word counts are small
    let share = stop as f64 / words as f64;
    share
}

/// The first `chars` characters of a line, lower-cased: labels and prefixes are compared there,
/// without lower-casing the whole line.
fn opening_lower(text: &str, chars: usize) -> String {
    text.trim_start()
        .chars()
        .take(chars)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of a folded key: its single spaces, plus one.
fn key_words(key: &str) -> usize {
    key.bytes().filter(|&b| b == b' ').count() + 1
}

/// A fixed set of whole lines (folded keys), hashed on first use: every block's key is looked
/// up in several of them, and a hash beats a scan of a hundred entries.
struct LineSet {
    lines: &'static [&'static str],
    set: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>>,
}

impl LineSet {
    const fn new(lines: &'static [&'static str]) -> Self {
        Self {
            lines,
            set: std::sync::OnceLock::new(),
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.set
            .get_or_init(|| self.lines.iter().copied().collect())
            .contains(key)
    }
}

/// Characters, white-space separated words and characters of unspaced scripts, in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextCounts {
    chars: usize,
    words: usize,
    unspaced: usize,
}

impl TextCounts {
    fn of(text: &str) -> Self {
        let mut counts = Self {
            chars: 0,
            words: 0,
            unspaced: 0,
        };
        let mut after_space = true;
        for c in text.chars() {
            counts.chars += 1;
            // ASCII needs no Unicode tables: its white space is the space and `\t`..=`\r`.
            let space = if c.is_ascii() {
                matches!(c, ' ' | '\t'..='\r')
            } else {
                counts.unspaced += usize::from(is_unspaced_script(c));
                c.is_whitespace()
            };
            counts.words += usize::from(after_space && !space);
            after_space = space;
        }
        counts
    }
}

fn ends_like_sentence(text: &str) -> bool {
    let trimmed = text.trim_end_matches(|c: char| {
        matches!(
            c,
            '\'' | '"' | '”' | '’' | '»' | ')' | ']' | '*' | '」' | '』' | '）'
        ) || c.is_whitespace()
    });
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', ';'])
        && !trimmed.ends_with("...")
        // Two words or more: white space after the first word (the end is trimmed).
        && (trimmed.trim_start().contains(char::is_whitespace)
            || trimmed.chars().filter(|c| is_unspaced_script(*c)).count() >= 8)
}

/// A short line with a date, a "By" byline, or both.
fn is_metadata_line(text: &str, words: usize) -> bool {
    const BYLINE: &[&str] = &[
        "by ",
        "text:",
        "words:",
        "author:",
        "written by",
        "posted by",
    ];
    const STAMP: &[&str] = &["published", "updated", "last updated", "posted"];
    // The labels are short: the opening characters decide.
    let lower = opening_lower(text, 16);
    let byline = words <= 20 && BYLINE.iter().any(|p| lower.starts_with(p));
    let dated = words <= 14
        && dates::find_date(text).is_some_and(|d| {
            let before = text.get(..d.start).unwrap_or_default();
            let after = text.get(d.end..).unwrap_or_default();
            before.split_whitespace().count() + after.split_whitespace().count() <= 10
        });
    let stamped = words <= 10 && STAMP.iter().any(|p| lower.starts_with(p));
    byline || dated || stamped
}

fn role_reason(role: DomRole) -> RemovalReason {
    match role {
        DomRole::Navigation | DomRole::Aside => RemovalReason::Navigation,
        DomRole::Footer => RemovalReason::Footer,
        DomRole::Comments => RemovalReason::Comments,
        DomRole::Related => RemovalReason::Related,
        DomRole::Social => RemovalReason::Social,
        DomRole::Advertisement => RemovalReason::Advertisement,
        DomRole::Promotion => RemovalReason::Promotion,
        DomRole::Consent => RemovalReason::Consent,
        DomRole::Caption => RemovalReason::Caption,
        DomRole::Byline => RemovalReason::MetadataLine,
    }
}

/// Whole-line section headers. Matching is on the folded key, after dropping a count.
fn section_header(key: &str) -> Option<SectionHeader> {
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let hard = |reason| Some(SectionHeader { reason, hard: true });
    let soft = |reason| {
        Some(SectionHeader {
            reason,
            hard: false,
        })
    };
    static COMMENTS: LineSet = LineSet::new(&[
        "comments",
        "comment",
        "leave a comment",
        "leave a reply",
        "join the conversation",
        "join the discussion",
        "show comments",
        "view comments",
        "post a comment",
        "add a comment",
        "reader comments",
        "post comment",
        "post a comment",
        "comments closed",
        "comments are closed",
        "no comments yet",
        "kommentare",
        "kommentar",
        "kommentar schreiben",
        "kommentieren",
        "leserkommentare",
        "commentaires",
        "commentaire",
        "laisser un commentaire",
        "comentarios",
        "comentario",
        "deja un comentario",
        "deja tu comentario",
        "commenti",
        "commento",
        "lascia un commento",
        "comentários",
        "deixe um comentário",
        "reacties",
        "reactie",
        "plaats een reactie",
        "komentarze",
        "komentarz",
        "dodaj komentarz",
    ]);
    static RELATED_HARD: LineSet = LineSet::new(&[
        "related articles",
        "related tags",
        "tags",
        "related stories",
        "related news",
        "related posts",
        "related content",
        "related coverage",
        "you may also like",
        "you might also like",
        "recommended for you",
        "recommended stories",
        "recommended articles",
        "recommended",
        "trending",
        "trending now",
        "trending stories",
        "most read",
        "most popular",
        "most viewed",
        "popular stories",
        "latest news",
        "latest stories",
        "top stories",
        "more stories",
        "more news",
        "editor s picks",
        "editors picks",
        "don t miss",
        "around the web",
        "from the web",
        "sponsored stories",
        "trending news",
        "popular news",
        "most shared",
        "more in this section",
        "recommended reading",
        "promoted stories",
        "what to read next",
        "more from this author",
        "ähnliche artikel",
        "ähnliche beiträge",
        "verwandte artikel",
        "weitere artikel",
        "mehr zum thema",
        "das könnte sie auch interessieren",
        "das könnte dich auch interessieren",
        "meistgelesen",
        "meistgelesene artikel",
        "top themen",
        "weitere themen",
        "schon gelesen",
        "neueste artikel",
        "aktuelle artikel",
        "beliebte artikel",
        "mehr aus dem ressort",
        "mehr artikel",
        "mehr nachrichten",
        "mehr beiträge",
        "mehr kolumnen",
        "weitere beiträge",
        "weitere nachrichten",
        "weitere meldungen",
        "weitere kolumnen",
        "auch interessant",
        "das könnte sie interessieren",
        "empfehlungen",
        "unsere empfehlungen",
        "aktuelle berichte aus dieser kategorie",
        "articles similaires",
        "articles liés",
        "sur le même sujet",
        "dans la même rubrique",
        "à lire aussi",
        "les plus lus",
        "vous aimerez aussi",
        "noticias relacionadas",
        "artículos relacionados",
        "te puede interesar",
        "lo más leído",
        "más noticias",
        "también te puede interesar",
        "más leídas",
        "otras noticias",
        "articoli correlati",
        "potrebbe interessarti",
        "i più letti",
        "altre notizie",
        "ti potrebbe interessare",
        "notícias relacionadas",
        "artigos relacionados",
        "mais lidas",
        "você pode gostar",
        "gerelateerde artikelen",
        "meer nieuws",
        "meest gelezen",
        "ook interessant",
        "powiązane artykuły",
        "najczęściej czytane",
        "zobacz także",
        "czytaj także",
        "schlagworte",
        "schlagwörter",
        "stichworte",
        "stichwörter",
        "temas relacionados",
        "etiquetas",
        "mots clés",
        "tagi",
        "parole chiave",
        "tags du sujet",
    ]);
    static RELATED_SOFT: LineSet = LineSet::new(&[
        "related",
        "read more",
        "read next",
        "more on this",
        "more on this story",
        "also read",
        "see also",
        "further reading",
        "up next",
        "keep reading",
        "read also",
        "lesen sie auch",
        "lies auch",
        "mehr dazu",
        "siehe auch",
        "weiterlesen",
        "lire aussi",
        "lire la suite",
        "voir aussi",
        "à lire",
        "leer más",
        "lee también",
        "ver también",
        "leggi anche",
        "vedi anche",
        "leggi di più",
        "leia também",
        "veja também",
        "leia mais",
        "lees ook",
        "lees meer",
        "zie ook",
        "czytaj więcej",
        "zobacz też",
    ]);
    static PROMOTION: LineSet = LineSet::new(&[
        "download the app",
        "get the app",
        "download our app",
        "subscribe",
        "subscribe now",
        "newsletter",
        "sign up for our newsletter",
        "get our newsletter",
        "newsletters",
        "newsletter abonnieren",
        "jetzt abonnieren",
        "zum newsletter",
        "s abonner",
        "abonnez vous",
        "inscrivez vous à la newsletter",
        "suscríbete",
        "suscribirse",
        "suscríbete a nuestro newsletter",
        "iscriviti alla newsletter",
        "assine a newsletter",
        "schrijf je in",
        "subskrybuj",
        "zapisz się",
    ]);
    static SOCIAL: LineSet = LineSet::new(&[
        "share this article",
        "share this story",
        "share this",
        "follow us",
        "share",
        "teilen",
        "artikel teilen",
        "diesen artikel teilen",
        "folgen sie uns",
        "partager",
        "partager cet article",
        "suivez nous",
        "compartir",
        "compartir en",
        "síguenos",
        "condividi",
        "condividi su",
        "seguici",
        "compartilhar",
        "compartilhe",
        "siga nos",
        "delen",
        "deel dit artikel",
        "volg ons",
        "udostępnij",
        "obserwuj nas",
    ]);
    static FOOTER: LineSet = LineSet::new(&[
        "about us",
        "contact us",
        "privacy policy",
        "terms of use",
        "terms of service",
        "impressum",
        "datenschutz",
        "datenschutzerklärung",
        "nutzungsbedingungen",
        "agb",
        "mentions légales",
        "politique de confidentialité",
        "nous contacter",
        "aviso legal",
        "política de privacidad",
        "note legali",
        "política de privacidade",
        "privacyverklaring",
        "polityka prywatności",
    ]);
    if COMMENTS.contains(key) {
        hard(RemovalReason::Comments)
    } else if RELATED_HARD.contains(key)
        || [
            "more from ",
            "popular on ",
            "more on ",
            "trending on ",
            "mehr zu ",
            "mehr zum ",
            "mehr aus ",
            "mehr von ",
            "weitere artikel ",
            "weitere aktuelle ",
            "plus d articles ",
            "más de ",
            "altri articoli ",
        ]
        .iter()
        .any(|p| key.starts_with(p))
            && key_words(key) <= 7
    {
        hard(RemovalReason::Related)
    } else if RELATED_SOFT.contains(key) {
        soft(RemovalReason::Related)
    } else if PROMOTION.contains(key) {
        hard(RemovalReason::Promotion)
    } else if SOCIAL.contains(key) {
        soft(RemovalReason::Social)
    } else if FOOTER.contains(key) || key.starts_with("about ") && key_words(key) <= 4 {
        hard(RemovalReason::Footer)
    } else {
        None
    }
}

/// A line that marks a reader comment: `Jane on May 3, 2019 at 10:07 am said:`, a bare
/// timestamp with a clock time, or the comment widgets' own words.
fn comment_marker(text: &str, key: &str, words: usize) -> bool {
    static WIDGETS: LineSet = LineSet::new(&[
        "reply",
        "report",
        "report abuse",
        "flag",
        "like reply",
        "reply report",
        "load more comments",
        "show more comments",
        "view all comments",
    ]);
    if WIDGETS.contains(key) {
        return true;
    }
    // Both markers are short lines: a paragraph is never lower-cased here.
    if words > 14 {
        return false;
    }
    let lower = text.to_lowercase();
    let said = words <= 14
        && ["said:", "says:", "wrote:"]
            .iter()
            .any(|e| lower.trim_end().ends_with(e));
    let clock = words <= 12
        && lower.contains(" at ")
        && (lower.contains(" am") || lower.contains(" pm"))
        && lower.contains(':')
        && (dates::find_date(text).is_some() || dates::find_age(text).is_some());
    said || clock
}

/// `1 of 6`: a gallery or slide counter.
fn is_counter(key: &str) -> bool {
    let mut parts = key.split(' ');
    let number =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    number(parts.next())
        && parts.next() == Some("of")
        && number(parts.next())
        && parts.next().is_none()
}

/// `Jane Doe is a senior editor at ...`, `X is the author of ...`: the closing author note.
fn is_author_bio(key: &str) -> bool {
    const ROLES: &[&str] = &[
        "editor",
        "writer",
        "reporter",
        "correspondent",
        "contributor",
        "columnist",
        "journalist",
        "author of",
        "staff writer",
        "freelance",
    ];
    let Some((subject, rest)) = key.split_once(" is ") else {
        return false;
    };
    let head: String = rest.split(' ').take(6).collect::<Vec<_>>().join(" ");
    subject.split(' ').count() <= 3
        && (rest.starts_with("a ") || rest.starts_with("the ") || rest.starts_with("an "))
        && ROLES.iter().any(|r| head.contains(r))
}

/// A line that is only a time stamp or an age ("7H ago 08:51", "1 hour ago", "Nov 7 23:05"):
/// the furniture of teaser lists.
fn is_stamp_only(text: &str, key: &str, words: usize) -> bool {
    const STAMP_WORDS: &[&str] = &[
        "ago",
        "h",
        "m",
        "d",
        "am",
        "pm",
        "hour",
        "hours",
        "minute",
        "minutes",
        "min",
        "mins",
        "day",
        "days",
        "an",
        "a",
        "jan",
        "feb",
        "mar",
        "apr",
        "may",
        "jun",
        "jul",
        "aug",
        "sep",
        "oct",
        "nov",
        "dec",
        "published",
        "updated",
    ];
    let clock = || text.contains(':') && text.chars().filter(char::is_ascii_digit).count() >= 3;
    // The word test is cheap and rejects almost every line: the date patterns come last.
    words <= 6
        && key.split(' ').all(|w| {
            let digits = w.trim_end_matches('h').trim_end_matches('m');
            digits.chars().all(|c| c.is_ascii_digit()) || STAMP_WORDS.contains(&w)
        })
        && (clock() || dates::find_age(text).is_some())
}

/// Phrases that mark a line as boilerplate wherever they stand in it, by kind. One automaton
/// finds them all in one pass over the line, instead of a search per phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    /// Appeals for support and donations.
    Appeal,
    /// Disclaimers and terms.
    Legal,
    /// `All rights reserved` and its translations.
    Rights,
    /// Affiliate-link disclosures.
    Affiliate,
}

const APPEALS: &[&str] = &[
    "support our journalism",
    "support independent journalism",
    "donate now",
    "ihr beitrag hilft",
    "jetzt unterstützen",
    "unterstützen sie uns",
    "jetzt spenden",
    "soutenez nous",
    "faire un don",
    "haz una donación",
    "apoya nuestro periodismo",
    "sostieni il nostro",
    "fai una donazione",
    "wesprzyj nas",
    "przekaż darowiznę",
    "steun ons",
    "doneer nu",
    "apoie o nosso",
    "faça uma doação",
];

const LEGAL: &[&str] = &[
    "are registered trademarks of",
    "are trademarks of",
    "not been evaluated by the food and drug administration",
    "for informational purposes only",
    "is not intended to diagnose",
    "does not constitute medical advice",
    "results vary depending on",
    "may not be published broadcast rewritten or redistributed",
    "quotes delayed at least",
    "market data provided by",
    "the information provided on this website",
    "by using this site you agree",
    "this copy is for your personal non commercial use",
    "distribution and use of this material are governed by",
];

const RIGHTS: &[&str] = &[
    "all rights reserved",
    "alle rechte vorbehalten",
    "tous droits réservés",
    "todos los derechos reservados",
    "tutti i diritti riservati",
    "todos os direitos reservados",
    "alle rechten voorbehouden",
    "wszelkie prawa zastrzeżone",
    "chroniony prawem autorskim",
];

const AFFILIATE: &[&str] = &[
    "affiliate links",
    "affiliate link",
    "we may earn a commission",
];

/// The kinds of [`Phrase`] found in a folded line.
#[derive(Debug, Clone, Copy, Default)]
struct Phrases(u8);

impl Phrases {
    fn in_key(key: &str) -> Self {
        static KINDS: [(Phrase, &[&str]); 4] = [
            (Phrase::Appeal, APPEALS),
            (Phrase::Legal, LEGAL),
            (Phrase::Rights, RIGHTS),
            (Phrase::Affiliate, AFFILIATE),
        ];
        static AUTOMATON: std::sync::LazyLock<Option<(aho_corasick::AhoCorasick, Vec<Phrase>)>> =
            std::sync::LazyLock::new(|| {
                let (kinds, patterns): (Vec<Phrase>, Vec<&str>) = KINDS
                    .iter()
                    .flat_map(|(kind, list)| list.iter().map(move |p| (*kind, *p)))
                    .unzip();
                aho_corasick::AhoCorasick::new(patterns)
                    .ok()
                    .map(|automaton| (automaton, kinds))
            });
        let mut found = Self::default();
        if let Some((automaton, kinds)) = AUTOMATON.as_ref() {
            for m in automaton.find_overlapping_iter(key) {
                if let Some(kind) = kinds.get(m.pattern().as_usize()) {
                    found.0 |= 1 << (*kind as u8);
                }
            }
        }
        found
    }

    fn has(self, kind: Phrase) -> bool {
        self.0 & (1 << (kind as u8)) != 0
    }
}

/// Single lines that are boilerplate wherever they stand.
fn line_boilerplate(key: &str, text: &str) -> Option<RemovalReason> {
    static ADS: LineSet = LineSet::new(&[
        "advertisement",
        "ad",
        "ads",
        "sponsored",
        "sponsored content",
        "story continues below advertisement",
        "continue reading below",
        "scroll to continue with content",
        "article continues below",
        "advertisement continue reading below",
    ]);
    static SOCIAL: LineSet = LineSet::new(&[
        "tweet",
        "facebook",
        "twitter",
        "email",
        "print",
        "whatsapp",
        "linkedin",
        "pinterest",
        "reddit",
        "copy link",
        "share on facebook",
        "share on twitter",
        "share via email",
        "link copied",
    ]);
    static PROMOTION: LineSet = LineSet::new(&[
        "download the app",
        "get the app",
        "sign up",
        "subscribe",
        "subscribe now",
        "app store",
        "google play",
    ]);
    let words = key_words(key);
    if ADS.contains(key) {
        return Some(RemovalReason::Advertisement);
    }
    if SOCIAL.contains(key) {
        return Some(RemovalReason::Social);
    }
    if PROMOTION.contains(key)
        || words <= 12 && key.contains("download") && key.contains("app")
        || words <= 40
            && key.contains("newsletter")
            && (key.contains("sign up") || key.contains("subscribe"))
    {
        return Some(RemovalReason::Promotion);
    }
    // "We use cookies" in other languages: a short line of the site speaking of its own cookies.
    const OWN_COOKIES: &[&str] = &[
        "verwendet cookies",
        "verwenden cookies",
        "nutzt cookies",
        "nutzen cookies",
        "utilise des cookies",
        "utilisons des cookies",
        "utiliza cookies",
        "utilizamos cookies",
        "usamos cookies",
        "utilizza cookie",
        "utilizziamo cookie",
        "gebruikt cookies",
        "gebruiken cookies",
        "korzysta z cookies",
        "korzystamy z cookies",
        "używa plików cookie",
        "používá cookies",
        "používáme cookies",
    ];
    if key.contains("cookie")
        && ([
            "consent",
            "accept",
            "we use cookies",
            "cookie policy",
            "cookies to",
        ]
        .iter()
        .any(|k| key.contains(k))
            || words <= 40 && OWN_COOKIES.iter().any(|k| key.contains(k)))
    {
        return Some(RemovalReason::Consent);
    }
    static PAYWALL: LineSet = LineSet::new(&[
        "to read the full story",
        "subscribe to continue reading",
        "continue reading your article",
        "already a subscriber sign in",
        "subscribe to read",
        "to continue reading",
    ]);
    if PAYWALL.contains(key) {
        return Some(RemovalReason::Promotion);
    }
    static WIDGETS: LineSet = LineSet::new(&[
        "back to gallery",
        "like this",
        "like this story share it with a friend",
        "view gallery",
        "an error has occurred please try again later",
        "places in this story",
        "people in this story",
        "organizations in this story",
        "topics in this story",
        "show caption",
        "hide caption",
        "expand",
    ]);
    if WIDGETS.contains(key) || is_counter(key) {
        return Some(RemovalReason::LowContent);
    }
    // Appeals for money or support, in the languages of the section lexicons.
    let phrases = Phrases::in_key(key);
    if words <= 60 && phrases.has(Phrase::Appeal) {
        return Some(RemovalReason::Promotion);
    }
    let inbox = key.contains("inbox")
        && ["newsletter", "delivered", "sign up", "subscribe", "news"]
            .iter()
            .any(|k| key.contains(k));
    if words <= 40
        && (inbox
            || key.starts_with("if you enjoyed this article")
            || key.starts_with("if you liked this article"))
    {
        return Some(RemovalReason::Promotion);
    }
    // "Amy K. may be reached at amy@example.com": the author's contact line.
    let contact = text.contains('@')
        && text.contains('.')
        && ["reached at", "contact", "email", "e-mail", "have a tip"]
            .iter()
            .any(|k| key.contains(k));
    if words <= 40 && contact {
        return Some(RemovalReason::MetadataLine);
    }
    if words <= 60 && is_author_bio(key) {
        return Some(RemovalReason::MetadataLine);
    }
    if is_stamp_only(text, key, words) {
        return Some(RemovalReason::LowContent);
    }
    let follow =
        key.starts_with("follow ") || key.contains(" follow us") || key.starts_with("like us on");
    if follow
        && words <= 30
        && [
            "facebook",
            "twitter",
            "instagram",
            "linkedin",
            "youtube",
            "tiktok",
        ]
        .iter()
        .any(|n| key.contains(n))
    {
        return Some(RemovalReason::Social);
    }
    if phrases.has(Phrase::Legal) {
        return Some(RemovalReason::Footer);
    }
    if words <= 60 && phrases.has(Phrase::Affiliate) {
        return Some(RemovalReason::Footer);
    }
    if phrases.has(Phrase::Rights)
        || text.starts_with('©')
        || key.starts_with("copyright ") && words <= 20
    {
        return Some(RemovalReason::Footer);
    }
    // Only the opening words are compared below.
    let lower = opening_lower(text, 24);
    if words <= 25
        && ["getty images", "shutterstock", "image getty", "photo getty"]
            .iter()
            .any(|k| key.contains(k))
    {
        return Some(RemovalReason::Caption);
    }
    if words <= 12
        && key.contains("javascript")
        && ["requires", "enable", "disabled"]
            .iter()
            .any(|k| key.contains(k))
    {
        return Some(RemovalReason::LowContent);
    }
    // `Themen: Kritik, Internet`: a tag line.
    if words <= 25
        && [
            "tags:",
            "themen:",
            "schlagworte:",
            "schlagwörter:",
            "stichworte:",
            "mots-clés :",
            "mots-clés:",
            "etiquetas:",
            "tagi:",
            "temas:",
        ]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some(RemovalReason::Related);
    }
    // `Dieses Skript als PDF herunterladen`: a download widget.
    if words <= 8
        && key.contains("pdf")
        && [
            "download",
            "herunterladen",
            "télécharger",
            "descargar",
            "scarica",
            "pobierz",
            "downloaden",
            "baixar",
        ]
        .iter()
        .any(|d| key.contains(d))
    {
        return Some(RemovalReason::LowContent);
    }
    if ["citation:", "cite this article", "to cite this"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return Some(RemovalReason::Footer);
    }
    if [
        "photo:",
        "image:",
        "picture:",
        "credit:",
        "photograph:",
        "file photo",
        "(photo",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
    {
        return Some(RemovalReason::Caption);
    }
    if [
        "read more:",
        "read also:",
        "also read:",
        "related:",
        "see also:",
        "recommended:",
        "more:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        && words <= 25
    {
        return Some(RemovalReason::Related);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::text;

    fn reasons(input: &str) -> (Vec<String>, Vec<(String, RemovalReason)>) {
        let sorted = sort(&text::parse(input), None, false);
        (
            sorted.kept.into_iter().map(|k| k.text).collect(),
            sorted
                .dropped
                .into_iter()
                .map(|d| (d.text, d.reason))
                .collect(),
        )
    }

    const BODY: &str = "The council voted on Tuesday to approve the new budget after a long debate.\n\
        Members said the plan would fund schools, roads and a new library over five years.\n\
        Budget talks\n\
        The mayor is expected to sign the measure into law later this week, officials said.\n";

    #[test]
    fn the_body_is_kept_and_a_mid_body_subtitle_becomes_a_heading() {
        let sorted = sort(&text::parse(BODY), None, false);
        assert_eq!(sorted.kept.len(), 4);
        assert_eq!(sorted.kept[2].kind, ParagraphKind::Heading);
    }

    #[test]
    fn menus_title_and_sections_after_the_body_are_removed_with_reasons() {
        let input = format!(
            "Home\nWorld\nCouncil approves the new city budget\n{BODY}Comments\nGreat article!\nRelated Articles\nSomething else entirely\n"
        );
        let (kept, dropped) = reasons(&input);
        assert_eq!(kept.len(), 4);
        assert_eq!(
            dropped,
            [
                ("Home".into(), RemovalReason::Navigation),
                ("World".into(), RemovalReason::Navigation),
                (
                    "Council approves the new city budget".into(),
                    RemovalReason::Title
                ),
                ("Comments".into(), RemovalReason::Comments),
                ("Great article!".into(), RemovalReason::Comments),
                ("Related Articles".into(), RemovalReason::Related),
                ("Something else entirely".into(), RemovalReason::Related),
            ]
        );
    }

    #[test]
    fn the_lead_between_the_headline_and_a_photo_is_kept() {
        let page = "<html><body><div>Home</div><div>News</div>\
            <div><h1>Lotte Tobisch ist tot</h1>\
            <p>Die Schauspielerin Lotte Tobisch ist am Samstag im Alter von 93 Jahren gestorben.</p></div>\
            <div><div>Foto</div><div>Teilen</div><div>Drucken</div><div>Online seit heute</div></div>\
            <div><p>Tobisch starb nach langer Krankheit im Künstlerheim, wie die Organisation mitteilte.</p>\
            <p>Sie wurde im März 1926 in Wien geboren und prägte viele Jahre lang den Opernball.</p>\
            <p>Zuletzt besuchte sie den Ball im Februar 2019, begleitet von zahlreichen Freunden.</p></div>\
            </body></html>";
        let (blocks, _) = crate::pipeline::html::parse(page);
        let sorted = sort(&blocks, None, false);
        let kept: Vec<&str> = sorted.kept.iter().map(|k| k.text.as_str()).collect();
        assert_eq!(kept.len(), 4, "{kept:?}");
        assert!(kept[0].starts_with("Die Schauspielerin"));
        assert!(
            sorted
                .dropped
                .iter()
                .any(|d| d.text == "Lotte Tobisch ist tot" && d.reason == RemovalReason::Title)
        );
    }

    #[test]
    fn a_standfirst_written_as_a_paragraph_is_the_lead_and_a_short_dek_is_not() {
        let page = |dek: &str| {
            format!(
                "<html><body><div>Home</div><div>News</div><article><h1>Die Zukunft der Arbeit</h1>\
                <p class=\"subtitle\">{dek}</p>\
                <p>Tobisch starb nach langer Krankheit im Künstlerheim, wie die Organisation mitteilte.</p>\
                <p>Sie wurde im März 1926 in Wien geboren und prägte viele Jahre lang den Opernball.</p>\
                <p>Zuletzt besuchte sie den Ball im Februar 2019, begleitet von zahlreichen Freunden.</p>\
                </article></body></html>"
            )
        };
        let kept = |dek: &str| {
            let (blocks, _) = crate::pipeline::html::parse(&page(dek));
            sort(&blocks, None, false)
                .kept
                .iter()
                .any(|k| k.text == dek)
        };
        assert!(kept(
            "Die Digitalisierung der Arbeitswelt werde Millionen Arbeitsplätze kosten, auch in \
             Deutschland. Eine Herausforderung, der sich die Gesellschaft stellen müsse, sagt der \
             Soziologe im Gespräch über die Zukunft der Arbeit und die Rolle der Politik."
        ));
        assert!(!kept(
            "Why the vote on the budget matters to every family in town."
        ));
    }

    #[test]
    fn appeals_for_support_are_promotion_and_news_of_donations_is_not() {
        let reason = |text: &str| line_boilerplate(&fold(text), text);
        assert_eq!(
            reason(
                "Ihr Beitrag hilft, unsere Berichterstattung weiter auszubauen. Jetzt unterstützen!"
            ),
            Some(RemovalReason::Promotion)
        );
        assert_eq!(
            reason("Soutenez-nous : faites un don pour un journalisme indépendant."),
            Some(RemovalReason::Promotion)
        );
        assert_eq!(
            reason("The company said it would make a donation of food to the shelter on Friday."),
            None
        );
    }

    #[test]
    fn tag_lines_download_widgets_rights_and_disclosures_in_other_languages() {
        let reason = |text: &str| line_boilerplate(&fold(text), text);
        assert_eq!(
            reason("Themen: Kritik aus dem Internet, Corona"),
            Some(RemovalReason::Related)
        );
        assert_eq!(
            reason("Dieses Skript als PDF herunterladen"),
            Some(RemovalReason::LowContent)
        );
        assert_eq!(
            reason("Materiał chroniony prawem autorskim."),
            Some(RemovalReason::Footer)
        );
        assert_eq!(
            reason("Bei den Verlinkungen handelt es sich um Affiliate-Links."),
            Some(RemovalReason::Footer)
        );
        // A sentence about a PDF is no widget.
        assert_eq!(
            reason(
                "The ministry published the full report as a PDF for anyone to download and read on Monday."
            ),
            None
        );
    }

    #[test]
    fn a_site_speaking_of_its_own_cookies_is_a_consent_notice_in_any_language() {
        let reason = |text: &str| line_boilerplate(&fold(text), text);
        assert_eq!(
            reason(
                "Zachęcamy do regularnych odwiedzin naszej strony. Informujemy, że korzystamy z cookies."
            ),
            Some(RemovalReason::Consent)
        );
        assert_eq!(
            reason("Diese Website verwendet Cookies."),
            Some(RemovalReason::Consent)
        );
        // News about cookies is not a notice.
        assert_eq!(
            reason(
                "Google said it would stop third-party cookies in its Chrome browser next year."
            ),
            None
        );
    }

    proptest::proptest! {
        /// The one-pass counts are the standard library's, each counted on its own.
        #[test]
        fn counts_in_one_pass_are_the_separate_counts(
            text in "[ -~\t\n\u{0B}\u{0C}\r\u{A0}\u{2003}\u{3000}àé’中文ไทย]{0,80}"
        ) {
            let expected = TextCounts {
                chars: text.chars().count(),
                words: text.split_whitespace().count(),
                unspaced: text.chars().filter(|c| is_unspaced_script(*c)).count(),
            };
            proptest::prop_assert_eq!(TextCounts::of(&text), expected);
        }
    }

    #[test]
    fn a_page_without_sentences_has_no_body() {
        let (kept, dropped) = reasons("Home\nNews\nSports\n");
        assert!(kept.is_empty());
        assert_eq!(dropped.len(), 3);
    }
}
