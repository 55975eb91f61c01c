//! What the scorer knows about one block, and the block's weight in the body search.

use super::RemovalReason;
use super::rules::{
    SectionHeader, comment_marker, line_boilerplate, opening_lower, section_header,
};
use crate::pipeline::block::{Block, DomRole, ParagraphKind};
use crate::pipeline::dates;
use crate::pipeline::lexicon::grammar::is_stop_word;
use crate::pipeline::lexicon::names::BYLINE_OPENERS;
use crate::pipeline::lexicon::time::DATE_LABELS;
use crate::pipeline::textkit::{fold, is_unspaced_script};

/// What the scorer knows about one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Features {
    /// Lower-case words joined by single spaces: the comparison key.
    pub(super) key: String,
    pub(super) words: usize,
    pub(super) chars: usize,
    pub(super) sentence_like: bool,
    pub(super) headline_like: bool,
    /// Long enough and made of sentences: body material.
    pub(super) good: bool,
    pub(super) metadata_line: bool,
    pub(super) bad: Option<RemovalReason>,
    /// `bad` is navigation only because the block is mostly link text: a menu's entry, or a
    /// changelog's list of pull requests inside the article, which the learned values may keep.
    pub(super) links_only: bool,
    pub(super) section: Option<SectionHeader>,
    pub(super) in_article: bool,
    /// Inside the element the markup names as the article text.
    pub(super) in_body_container: bool,
    /// A short line that reads like a list entry: numbered, bulleted, or with figures.
    pub(super) list_like: bool,
    /// A line of a plain-text payload long enough to be an article's list entry or table row
    /// (`Network: 10 Gbps connections available`): neither body nor furniture.
    pub(super) text_entry: bool,
    /// Thousandths of the characters inside links (0 for text payloads).
    pub(super) link_permille: u16,
    /// Thousandths of the words that are function words (0 under 4 words).
    pub(super) stop_permille: u16,
    /// What the block is in its page.
    pub(super) kind: ParagraphKind,
    /// The block comes from markup.
    pub(super) from_markup: bool,
}

/// Words from which a plain-text line is an entry of the article's lists, not furniture.
const TEXT_ENTRY_WORDS: usize = 3;

impl Features {
    pub(super) fn of(block: &Block) -> Self {
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
        let mut link_permille = 0;
        if let Some(dom) = &block.dom {
            in_article = dom.in_article;
            in_body_container = dom.in_body_container;
            link_dense = chars > 0 && dom.link_chars * 10 >= chars * 6;
            link_permille = permille(dom.link_chars.min(chars), chars);
            // A standfirst written as a paragraph of sentences is the article's lead.
            let lead = dom.role == Some(DomRole::Byline) && words >= 30 && sentence_like;
            if let Some(role) = dom.role.filter(|_| !lead) {
                bad = bad.or(Some(role_reason(role)));
            }
        }
        // Running prose is full of function words in any language (jusText's signal); lists of
        // names, tags and menu items are not.
        // The learned values of markup blocks read it for every block; the rules only for long
        // ones, and plain text keeps the rules.
        let stop_share = if words >= 25 || block.dom.is_some() {
            stop_word_share(&key)
        } else {
            0.0
        };
        let long_run = words >= 25 && stop_share >= 0.1;
        let good = bad.is_none()
            && section.is_none()
            && !link_dense
            && (words >= 10 && sentence_like
                || long_run
                || words >= 6 && sentence_like && in_article);
        let links_only = link_dense && bad.is_none() && !good;
        if links_only {
            bad = Some(RemovalReason::Navigation);
        }
        let metadata_line = !good && is_metadata_line(text, words);
        let list_like = block.kind == ParagraphKind::ListItem
            || words >= 3 && text.chars().next().is_some_and(|c| c.is_ascii_digit())
            || words >= 3
                && text.chars().filter(char::is_ascii_digit).count() >= 2
                && !metadata_line;
        let text_entry = block.dom.is_none() && !good && words >= TEXT_ENTRY_WORDS;
        Self {
            text_entry,
            link_permille,
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // 0..=1000
            stop_permille: (stop_share * 1000.0).round() as u16,
            kind: block.kind,
            from_markup: block.dom.is_some(),
            key,
            words,
            chars,
            sentence_like,
            headline_like,
            good,
            metadata_line,
            bad,
            links_only,
            section,
            in_article,
            in_body_container,
            list_like,
        }
    }

    /// A block of links read as the article's after all: its navigation verdict is lifted.
    pub(super) fn keep_links_as_article(&mut self) {
        debug_assert!(self.links_only);
        self.bad = None;
        self.links_only = false;
    }

    /// The block's weight for the body search.
    pub(super) fn value(&self) -> i64 {
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
        } else if self.text_entry {
            0
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

/// Characters, white-space separated words and characters of unspaced scripts, in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextCounts {
    pub(super) chars: usize,
    pub(super) words: usize,
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

/// `part` of `whole` in thousandths.
fn permille(part: usize, whole: usize) -> u16 {
    u16::try_from(part * 1000 / whole.max(1)).unwrap_or(1000)
}

/// A short line with a date, a "By" byline, or both.
fn is_metadata_line(text: &str, words: usize) -> bool {
    // The labels are short: the opening characters decide.
    let lower = opening_lower(text, 16);
    let byline = words <= 20 && BYLINE_OPENERS.opening(text.trim_start()).is_some();
    let dated = words <= 14
        && dates::find_date(text).is_some_and(|d| {
            let before = text.get(..d.start).unwrap_or_default();
            let after = text.get(d.end..).unwrap_or_default();
            before.split_whitespace().count() + after.split_whitespace().count() <= 10
        });
    let stamped = words <= 10 && DATE_LABELS.iter().any(|p| lower.starts_with(p));
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

/// The share of a folded block's words that are stop words; 0 when it has under 4 words.
fn stop_word_share(key: &str) -> f64 {
    let (mut words, mut stop) = (0usize, 0usize);
    for word in key.split(' ') {
        words += 1;
        stop += usize::from(is_stop_word(word));
    }
    if words < 4 {
        return 0.0;
    }
    #[allow(clippy::cast_precision_loss)] // word counts are small
    let share = stop as f64 / words as f64;
    share
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
