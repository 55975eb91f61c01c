//! Boilerplate removal: decides, for every block, whether it belongs to the article body, and
//! gives each dropped block a [`RemovalReason`].
//!
//! One scorer serves text lines and HTML blocks alike. Each block gets a value: long blocks made
//! of sentences count for, short fragments and known boilerplate against. The body is the
//! highest-valued run of consecutive blocks (a maximum-sum subarray) that does not cross a hard
//! section cut-off ("Comments", "Related Articles", "Download the app" ...). Blocks before the body
//! are the page header (title, byline, date lines, menus); blocks after it belong to whichever
//! section header came last. This module does not rewrite text: it only sorts blocks.

mod features;
mod learned;
mod region;
mod rules;

use std::ops::Range;

use super::block::{Block, Image, ParagraphKind};
use features::Features;
pub use learned::{BlockScorer, FEATURES};
pub use region::REGION_FEATURES;
use region::{
    Runs, body_mask, demote_widget_headers, keep_link_lists_between_paragraphs, marked_body_region,
    pick_title,
};

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
    /// Text the page hides (`hidden`, `aria-hidden`, `display:none`).
    Hidden,
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
            Self::Hidden => "hidden by the page",
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
    /// Its links (text and target), when they were asked for.
    pub links: Vec<(String, String)>,
    /// 1–6 for a heading of `<h1>`…`<h6>`, 0 when unknown.
    pub heading_level: u8,
    /// The image, for a block of kind `Image` (its text is the alt text).
    pub image: Option<Image>,
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

impl Sorted {
    /// The paywall's pitch that cuts the article short, when the page shows one below the body
    /// (`To read the rest of this story, subscribe`): the body is then what the page shows
    /// before it, not the whole article.
    #[must_use]
    pub fn paywall(&self) -> Option<&str> {
        if self.kept.is_empty() {
            return None;
        }
        self.dropped
            .iter()
            .find(|d| {
                d.after_body
                    && d.reason == RemovalReason::Promotion
                    && rules::is_paywall_pitch(&d.text)
            })
            .map(|d| d.text.trim())
    }
}

/// Sorts `blocks` into body and boilerplate. `title_hint` marks lines equal to a known title.
/// With `keep_all`, every block is kept (the payload is the article already).
///
/// Blocks the page hides are left out of the search and dropped as [`RemovalReason::Hidden`],
/// unless the visible page holds next to no article beside them: then the hidden text is what
/// scripts reveal (a page rendered in hidden parts, as streaming renderers do), and the search
/// runs over every block.
#[must_use]
pub fn sort(blocks: &[Block], title_hint: Option<&str>, keep_all: bool) -> Sorted {
    sort_with(blocks, title_hint, keep_all, BlockScorer::embedded())
}

/// [`sort`], with the block values of `scorer` (for evaluating a model before it ships).
#[must_use]
pub fn sort_with(
    blocks: &[Block],
    title_hint: Option<&str>,
    keep_all: bool,
    scorer: &BlockScorer,
) -> Sorted {
    let visible: Vec<&Block> = blocks.iter().filter(|b| !is_hidden(b)).collect();
    let mut verdicts = if keep_all {
        keep_every(&visible)
    } else {
        judge(&visible, title_hint, scorer)
    };
    let mut judged_all = false;
    if !keep_all && visible.len() < blocks.len() {
        let found = body_chars(&visible, &verdicts);
        let hidden_article: usize = blocks
            .iter()
            .filter(|b| is_hidden(b))
            .map(Features::of)
            .filter(|f| f.good)
            .map(|f| f.chars)
            .sum();
        if found < LITTLE_ARTICLE_CHARS && found * HIDDEN_ARTICLE_RATIO < hidden_article {
            let all: Vec<&Block> = blocks.iter().collect();
            let second = judge(&all, title_hint, scorer);
            if body_chars(&all, &second) > found {
                verdicts = second;
                judged_all = true;
            }
        }
    }
    let mut sorted = Sorted::default();
    let mut judged = verdicts.into_iter();
    // Whether the block before is the article's (kept, or its headline or byline): an image
    // between it and a kept block is the article's (the lead image under the headline too).
    let mut after_article = false;
    for block in blocks {
        let verdict = if judged_all || !is_hidden(block) {
            judged.next().unwrap_or_default()
        } else {
            Verdict {
                reason: Some(RemovalReason::Hidden),
                ..Verdict::default()
            }
        };
        let images = block.dom.as_ref().map_or(&[][..], |d| &d.images_before[..]);
        if after_article && verdict.reason.is_none() {
            sorted.kept.extend(images.iter().map(|image| KeptBlock {
                text: image.alt.clone(),
                kind: ParagraphKind::Image,
                links: Vec::new(),
                heading_level: 0,
                image: Some(image.clone()),
            }));
        }
        // A figure's caption stands between its image and the next block: it decides nothing.
        if verdict.reason != Some(RemovalReason::Caption) {
            after_article = matches!(
                verdict.reason,
                None | Some(RemovalReason::Title | RemovalReason::MetadataLine)
            );
        }
        match verdict.reason {
            Some(reason) => sorted.dropped.push(DroppedBlock {
                text: block.text.clone(),
                reason,
                href: block.dom.as_ref().and_then(|d| d.href.clone()),
                after_body: verdict.after_body,
            }),
            None => sorted.kept.push(KeptBlock {
                text: block.text.clone(),
                kind: verdict.kind,
                links: block
                    .dom
                    .as_ref()
                    .map(|d| d.links.clone())
                    .unwrap_or_default(),
                heading_level: block.dom.as_ref().map_or(0, |d| d.heading_level),
                image: None,
            }),
        }
    }
    sorted
}

/// Hidden blocks join the search only when the visible body is this small (a paragraph or two)
/// and the hidden blocks hold this many times its article-like text: hidden teasers, menus and
/// prefetched next articles beside a real article stay out.
const LITTLE_ARTICLE_CHARS: usize = 600;
const HIDDEN_ARTICLE_RATIO: usize = 4;

fn is_hidden(block: &Block) -> bool {
    block.dom.as_ref().is_some_and(|d| d.hidden)
}

/// Characters of the blocks a verdict keeps.
fn body_chars(blocks: &[&Block], verdicts: &[Verdict]) -> usize {
    blocks
        .iter()
        .zip(verdicts)
        .filter(|(_, v)| v.reason.is_none())
        .map(|(b, _)| b.text.chars().count())
        .sum()
}

/// What the sort decided for one block.
#[derive(Debug, Clone, Copy, Default)]
struct Verdict {
    /// Why it is left out; `None` keeps it.
    reason: Option<RemovalReason>,
    /// What it is in the body.
    kind: ParagraphKind,
    /// Below the article's last paragraph.
    after_body: bool,
}

fn keep_every(blocks: &[&Block]) -> Vec<Verdict> {
    let mut features: Vec<Features> = blocks.iter().map(|b| Features::of(b)).collect();
    demote_widget_headers(&mut features);
    blocks
        .iter()
        .zip(&features)
        .map(|(b, f)| Verdict {
            reason: None,
            kind: kind_in_body(b, f),
            after_body: false,
        })
        .collect()
}

/// Every block the search sees (the visible ones), in order, with its learned scorer's
/// features, for training.
#[must_use]
pub fn explain(blocks: &[Block]) -> Vec<(&Block, [f64; FEATURES.len()])> {
    let visible: Vec<&Block> = blocks.iter().filter(|b| !is_hidden(b)).collect();
    let mut features: Vec<Features> = visible.iter().map(|b| Features::of(b)).collect();
    demote_widget_headers(&mut features);
    visible
        .into_iter()
        .enumerate()
        .map(|(i, b)| (b, learned::vector(&features, i)))
        .collect()
}

/// The candidate runs of the body search over the visible blocks (as [`explain`] lists them),
/// each with its [`REGION_FEATURES`], for training the region choice.
#[must_use]
pub fn explain_regions(
    blocks: &[Block],
    scorer: &BlockScorer,
) -> Vec<(Range<usize>, [f64; REGION_FEATURES.len()])> {
    let visible: Vec<&Block> = blocks.iter().filter(|b| !is_hidden(b)).collect();
    let (features, values) = valued(&visible, scorer);
    let is_text = visible.iter().all(|b| b.dom.is_none());
    let runs = Runs::of(&features, &values, is_text).with_cuts(&values);
    runs.candidates
        .iter()
        .map(|c| c.range.clone())
        .zip(runs.vectors(&features, &values))
        .collect()
}

/// Every block's features and its value for the body search, by `scorer`.
fn valued(blocks: &[&Block], scorer: &BlockScorer) -> (Vec<Features>, Vec<i64>) {
    let mut features: Vec<Features> = blocks.iter().map(|b| Features::of(b)).collect();
    demote_widget_headers(&mut features);
    let values = scorer.values(&features);
    keep_link_blocks_valued_as_article(&mut features, &values);
    (features, values)
}

/// The verdict on every block: the body search, the headline, and a reason for every block
/// left out.
fn judge(blocks: &[&Block], title_hint: Option<&str>, scorer: &BlockScorer) -> Vec<Verdict> {
    let (mut features, values) = valued(blocks, scorer);
    // Text payloads have no DOM to mark the comments, so the comments header ends the search.
    let is_text = blocks.iter().all(|b| b.dom.is_none());
    let page = scorer.choose_region(&features, &values, is_text);
    // The element the markup names as the article text is searched first, unless the page holds
    // far more article-like text elsewhere (a teaser list marked up like posts).
    let marked = marked_body_region(&features, &values).filter(|inside| {
        let good = |run: &std::ops::Range<usize>| -> usize {
            features[run.clone()]
                .iter()
                .filter(|f| f.good)
                .map(|f| f.chars)
                .sum()
        };
        page.as_ref()
            .is_none_or(|page| good(page) <= good(inside) * MARKED_BODY_OUTWEIGHED)
    });
    let found_in_marked = marked.is_some();
    let core = marked.or(page);
    let mut body = if core.is_some() {
        body_mask(blocks, &features, core, found_in_marked)
    } else {
        // No paragraph long enough to anchor a body: the page's sentences that are no known
        // boilerplate are the article (a short note, a one-paragraph page, a pasted snippet).
        features
            .iter()
            .map(|f| f.sentence_like && f.bad.is_none() && f.section.is_none() && !f.metadata_line)
            .collect()
    };
    keep_link_lists_between_paragraphs(blocks, &mut features, &mut body);
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
    // Keys are the client's lines: the standard, randomly keyed hasher.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut section: Option<RemovalReason> = None;
    let mut verdicts = Vec::with_capacity(blocks.len());
    for (i, (block, f)) in blocks.iter().zip(&features).enumerate() {
        let in_body = body[i];
        let before_body = first_body.is_none_or(|first| i < first);
        if in_body {
            section = None;
        } else if let Some(header) = f.section {
            section = Some(header.reason);
        }
        // A table's rows repeat values by nature (`Yes`, `0`): a row is never a duplicate.
        let duplicate = !seen.insert(f.key.as_str())
            && !f.key.is_empty()
            && block.kind != ParagraphKind::TableRow;
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
        verdicts.push(Verdict {
            reason,
            kind: kind_in_body(block, f),
            after_body: last_body.is_some_and(|last| i > last),
        });
    }
    keep_a_run_of_sentences_when_nothing_is_kept(&features, &mut verdicts);
    verdicts
}

/// A block that is navigation only by its links is the article's when the learned values read it
/// so (a link list between the article's paragraphs); the hand rules' values never do.
fn keep_link_blocks_valued_as_article(features: &mut [Features], values: &[i64]) {
    for (f, value) in features.iter_mut().zip(values) {
        if f.links_only && *value > 0 {
            f.keep_links_as_article();
        }
    }
}

/// Words of consecutive sentences that make an article when the search kept nothing.
const RESCUED_RUN_WORDS: usize = 150;

/// When every block was judged boilerplate, the longest run of consecutive sentences, when it
/// holds [`RESCUED_RUN_WORDS`] words or more, is the article: a page whose article sits in a part
/// marked up like navigation is better answered with it than with nothing. Reader comments are
/// never the article.
fn keep_a_run_of_sentences_when_nothing_is_kept(features: &[Features], verdicts: &mut [Verdict]) {
    if verdicts.iter().any(|v| v.reason.is_none()) {
        return;
    }
    let in_run = |i: usize| {
        features[i].sentence_like
            && !matches!(
                verdicts[i].reason,
                Some(RemovalReason::Comments | RemovalReason::Title)
            )
    };
    // One pass, the run's words counted as it grows: a hostile page may hold a million lines.
    let (mut best, mut best_words, mut start, mut words) = (0..0, 0, 0, 0);
    for (i, f) in features.iter().enumerate() {
        if !in_run(i) {
            (start, words) = (i + 1, 0);
            continue;
        }
        words += f.words;
        if words >= RESCUED_RUN_WORDS && words > best_words {
            (best, best_words) = (start..i + 1, words);
        }
    }
    for verdict in &mut verdicts[best] {
        verdict.reason = None;
    }
}

fn kind_in_body(block: &Block, f: &Features) -> ParagraphKind {
    match block.kind {
        ParagraphKind::Body if f.headline_like && f.words >= 1 && !f.good => ParagraphKind::Heading,
        kind => kind,
    }
}

/// The marked article text gives way to the page-wide run when that run holds this many times
/// its article-like text.
const MARKED_BODY_OUTWEIGHED: usize = 3;

/// Blocks between the headline and the body within which a paragraph is the article's lead.
const LEAD_GAP: usize = 12;

#[cfg(test)]
mod tests {
    #[test]
    fn a_paywall_below_the_body_is_told() {
        let paragraph = "The council voted on Tuesday to approve the new budget after a long \
                         debate about schools, roads and the library the city has wanted.";
        let page = format!(
            "<html><body><article><h1>Council passes budget</h1><p>{paragraph}</p>\
             <p>{paragraph}</p><p>{paragraph}</p></article>\
             <div>To read the rest of this story, subscribe to The Daily Ledger.</div>\
             </body></html>"
        );
        let prepared = crate::pipeline::prepare(
            crate::pipeline::Input::Html(page),
            &crate::pipeline::Hints::default(),
            &crate::pipeline::Options::default(),
        );
        let Ok(prepared) = prepared else {
            panic!("{prepared:?}");
        };
        assert!(!prepared.text.contains("subscribe"), "{}", prepared.text);
        assert!(
            prepared.warnings.iter().any(|w| w.contains("paywall")),
            "{:?}",
            prepared.warnings
        );
    }

    use super::*;
    use crate::pipeline::text;

    /// A text payload: an article of two paragraphs, then readers' comments that outweigh it,
    /// each under its writer's name, with no comments header between.
    const ARTICLE_THEN_COMMENTS: &str = "Council passes the budget\n\
        The council voted on Tuesday to approve the new budget after a long debate about schools, \
        roads and the library that the city has wanted for years.\n\
        The mayor said the vote was a good day for the city and its libraries, and for its roads.\n\
        Tom Hardy\n\
        I have lived here for thirty years and I have never seen the council agree on anything \
        this quickly, which makes me wonder what they are not telling us about the roads.\n\
        Tom Hardy\n\
        The library has needed a new roof since before my children were born, and it is about \
        time that somebody on the council noticed that the rain comes in every winter.\n\
        Tom Hardy\n\
        Schools should have come first in this budget, and I will say so at the next meeting of \
        the council in the spring, when the members come back to ask for our votes again.";

    #[test]
    fn the_runs_are_every_stretchs_best_with_heads_and_tails_and_the_rules_choice_among_them() {
        let blocks = text::parse(ARTICLE_THEN_COMMENTS);
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        let values: Vec<i64> = features.iter().map(Features::value).collect();
        let runs = Runs::of(&features, &values, true).with_cuts(&values);
        let chosen = runs.chosen.map(|k| runs.candidates[k].range.clone());
        // The rules take the article and the comments as one run.
        assert_eq!(chosen, Some(1..blocks.len()));
        let heads: Vec<_> = runs
            .candidates
            .iter()
            .filter(|c| c.cut == region::Cut::Head)
            .map(|c| c.range.clone())
            .collect();
        assert_eq!(heads.first(), Some(&(1..3)), "{heads:?}");
        assert!(runs.candidates.iter().any(|c| c.cut == region::Cut::Tail));
        for c in &runs.candidates {
            let sum: i64 = values[c.range.clone()].iter().sum();
            assert_eq!(c.value, sum, "{c:?}");
        }
        assert_eq!(
            runs.vectors(&features, &values).count(),
            runs.candidates.len()
        );
    }

    #[test]
    fn a_region_model_that_prefers_heads_keeps_the_article_without_its_comments() {
        let weights = |head: f64| {
            REGION_FEATURES
                .iter()
                .map(|(n, _)| format!("\"{n}\": {}", if *n == "head" { head } else { 0.0 }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let kept = |head: f64| {
            let model = format!("{{\"text_regions\": {{{}}}}}", weights(head));
            let scorer = BlockScorer::from_json(&model).expect("a region model");
            let sorted = sort_with(&text::parse(ARTICLE_THEN_COMMENTS), None, false, &scorer);
            sorted
                .kept
                .into_iter()
                .map(|k| k.text)
                .collect::<Vec<_>>()
                .join("\n")
        };
        // All weights zero: every candidate scores the same, and the rules' choice stands.
        assert!(kept(0.0).contains("thirty years"), "{}", kept(0.0));
        let headed = kept(5.0);
        assert!(headed.contains("good day for the city"), "{headed}");
        assert!(!headed.contains("thirty years"), "{headed}");
    }

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
    fn a_text_payloads_lists_between_paragraphs_stay_in_the_article() {
        let paragraph = "Growing companies can benefit from the ability to scale between virtual and \
            physical infrastructure, and the platform suits workloads that must stay compliant.\n";
        let list = "Servers: AMD EPYC processors with up to 128 cores\n\
            Network: 10 Gbps connections available\n\
            Setup time: ready-to-use servers deploy in minutes\n\
            Private networks connect your servers securely\n\
            Automation through a REST API\n\
            Billing by the hour or the month\n\
            Strong data protection in European data centres\n\
            Limited managed services offerings\n\
            Smaller global footprint than the largest clouds\n";
        let input = format!("{paragraph}{list}{paragraph}{list}{paragraph}");
        let (kept, dropped) = reasons(&input);
        assert_eq!(kept.len(), 21, "{dropped:?}");
    }

    #[test]
    fn a_menus_company_header_does_not_end_the_search_before_the_article() {
        let menu = "Academy Get tips, tricks, and stats on everything across content and marketing.\n\
            Blog Read about the latest trends and news in digital marketing from our team.\n\
            Events Catch up on our digital marketing events and webinars held every month.\n\
            Partners Harness the power of our partner ecosystem and always be one step ahead.\n\
            Integrations Our platform is built to fit seamlessly within your existing tech stack.\n\
            Knowledge Base Find feature articles, setup and maintenance guides, and training courses.\n\
            Research Studies Read our original research on how people search and what they click.\n\
            Webinars Watch our experts walk through the newest features and what they mean for you.\n\
            Customer Stories Discover how leading brands grow with our platform and our services.\n\
            Company\nAbout us\nCareers\nPress\n";
        let paragraph = "The search landscape has changed more over the last twelve months than it \
            has since the first search engines, and marketers who plan their content for the next year \
            need to understand what answer engines read, what they cite and why they cite it.\n";
        let input = format!("{menu}{}", paragraph.repeat(12));
        let (kept, _) = reasons(&input);
        assert_eq!(kept.len(), 12, "{kept:?}");
        assert!(kept.iter().all(|k| k.starts_with("The search landscape")));
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

    const ARTICLE: &str = "<p>The council voted on Tuesday to approve the new budget after a long debate about schools.</p>\
        <p>Members said the plan would fund schools, roads and a new library over the next five years.</p>\
        <p>The mayor is expected to sign the measure into law later this week, officials said on Tuesday.</p>";

    fn sorted_html(page: &str) -> Sorted {
        let (blocks, _) = crate::pipeline::html::parse(page);
        sort(&blocks, None, false)
    }

    fn dropped_as(sorted: &Sorted, reason: RemovalReason) -> Vec<&str> {
        sorted
            .dropped
            .iter()
            .filter(|d| d.reason == reason)
            .map(|d| d.text.as_str())
            .collect()
    }

    #[test]
    fn hidden_text_beside_a_visible_article_is_dropped_as_hidden() {
        let page = format!(
            "<html><body><nav>Home</nav><article>{ARTICLE}</article>\
             <div hidden><p>A prefetched story nobody sees yet, with several sentences of its own text in it.</p></div>\
             <span style=\"display: none\">Sign in to read more of this story</span></body></html>"
        );
        let sorted = sorted_html(&page);
        assert_eq!(sorted.kept.len(), 3);
        let hidden = dropped_as(&sorted, RemovalReason::Hidden);
        assert_eq!(hidden.len(), 2, "{hidden:?}");
        assert!(hidden[0].starts_with("A prefetched story"));
    }

    #[test]
    fn a_page_rendered_in_a_hidden_part_is_read_from_it() {
        // Streaming renderers send the page in a hidden container that a script moves into place.
        let page = format!(
            "<html><body><div hidden id=\"S:0\"><main>{ARTICLE}</main></div>\
             <footer>© 2025 City Times</footer></body></html>"
        );
        let sorted = sorted_html(&page);
        assert_eq!(sorted.kept.len(), 3, "{:?}", sorted.dropped);
    }

    #[test]
    fn teasers_marked_up_as_posts_do_not_outweigh_the_article() {
        let article = ARTICLE.repeat(3);
        let teaser = "<div class=\"post-content\"><p>Another story about the city, told in one short line of teaser text.</p></div>";
        let page = format!(
            "<html><body><article>{article}</article><div>{}</div></body></html>",
            teaser.repeat(3)
        );
        let sorted = sorted_html(&page);
        let kept: Vec<&str> = sorted.kept.iter().map(|k| k.text.as_str()).collect();
        assert!(
            kept.len() >= 9 && kept[0].starts_with("The council voted"),
            "{kept:?}"
        );
    }

    #[test]
    fn a_short_article_alone_on_its_page_is_the_article() {
        let (kept, _) = reasons("Paste an article here. It has sentences.");
        assert_eq!(kept, ["Paste an article here. It has sentences."]);
        let sorted = sorted_html(
            "<html><body><nav><a href=\"/\">Home</a></nav><article><h1>Notice</h1>\
             <p>Body text here.</p></article><footer>© 2025 City Times</footer></body></html>",
        );
        let kept: Vec<&str> = sorted.kept.iter().map(|k| k.text.as_str()).collect();
        assert_eq!(kept, ["Body text here."]);
    }

    #[test]
    fn a_changelogs_list_of_links_between_paragraphs_is_the_articles() {
        let sorted = sorted_html(include_str!("../../../tests/fixtures/changelog.html"));
        let kept: Vec<&str> = sorted.kept.iter().map(|k| k.text.as_str()).collect();
        let entries = kept.iter().filter(|k| k.contains("(#14")).count();
        assert_eq!(entries, 6, "{kept:?}");
        assert!(
            kept.last().is_some_and(|k| k.starts_with("Thanks")),
            "{kept:?}"
        );
        // The menus, the aside's posts and the links after the article's last paragraph are not.
        let navigation = dropped_as(&sorted, RemovalReason::Navigation);
        for menu in [
            "Docs",
            "Version 4.1 released",
            "Version 4.0 and the new solver",
        ] {
            assert!(navigation.contains(&menu), "{navigation:?}");
        }
    }

    #[test]
    fn when_nothing_is_kept_the_longest_run_of_sentences_is_the_article() {
        let sentence = "The county opened a second shelter on Friday as the river kept rising, and \
                        volunteers filled sandbags through the night along the eastern bank.";
        let lines = format!(
            "Home\nNews\n{}Sport\n{}",
            format!("{sentence}\n").repeat(8),
            format!("{sentence}\n").repeat(12)
        );
        let blocks = text::parse(&lines);
        let features: Vec<Features> = blocks.iter().map(Features::of).collect();
        // Blocks from `comments_from` on judged reader comments, the others navigation: what the
        // rescue keeps.
        let kept = |comments_from: usize| -> Vec<usize> {
            let mut verdicts: Vec<Verdict> = (0..blocks.len())
                .map(|i| Verdict {
                    reason: Some(if i >= comments_from {
                        RemovalReason::Comments
                    } else {
                        RemovalReason::Navigation
                    }),
                    ..Verdict::default()
                })
                .collect();
            keep_a_run_of_sentences_when_nothing_is_kept(&features, &mut verdicts);
            (0..blocks.len())
                .filter(|&i| verdicts[i].reason.is_none())
                .collect()
        };
        // The longer run (12 sentences) is kept, nothing else.
        assert_eq!(kept(blocks.len()), (11..23).collect::<Vec<_>>());
        // Reader comments are never the article; a run under 150 words is no article.
        assert_eq!(kept(11), (2..10).collect::<Vec<_>>());
        assert!(kept(7).is_empty());
    }

    #[test]
    fn a_page_without_sentences_has_no_body() {
        let (kept, dropped) = reasons("Home\nNews\nSports\n");
        assert!(kept.is_empty());
        assert_eq!(dropped.len(), 3);
    }
}
