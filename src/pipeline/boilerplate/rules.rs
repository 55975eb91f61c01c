//! What one line says by itself: a section header (comments, related articles, footer …) that
//! ends the body or opens a section, a comment thread's marker, and the table of line rules that
//! make a line boilerplate wherever it stands. The word lists are the lexicon's.

use std::cell::OnceCell;

use super::RemovalReason;
use crate::pipeline::dates;
use crate::pipeline::lexicon::Words;
use crate::pipeline::lexicon::names::JOURNALIST_ROLES;
use crate::pipeline::lexicon::page_lines::{
    AD_LINES, AFFILIATE_PHRASES, APPEALS, CAPTION_LABELS, CITATION_LABELS, COOKIE_NOTICE_WORDS,
    DOWNLOAD_VERBS, LEGAL_PHRASES, OWN_COOKIES, PAGE_WIDGETS, PAYWALL_LINES, PAYWALL_PHRASES,
    PHOTO_AGENCIES, PROMOTION_LINES, READ_MORE_LABELS, RIGHTS_PHRASES, SHARE_BUTTONS,
    SOCIAL_NETWORKS, TAG_LABELS,
};
use crate::pipeline::lexicon::sections::{
    COMMENT_HEADERS, COMMENT_WIDGETS, FOOTER_HEADERS, PROMOTION_HEADERS, RELATED_HEADER_OPENERS,
    RELATED_HEADERS, SHARE_HEADERS, SOFT_RELATED_HEADERS,
};
use crate::pipeline::lexicon::time::{MONTH_ABBREVIATIONS, STAMP_WORDS};

/// A section cut-off line and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SectionHeader {
    pub(super) reason: RemovalReason,
    /// Hard headers end the body; soft ones ("Read more") may sit inside it.
    pub(super) hard: bool,
}

/// Words of a folded key: its single spaces, plus one.
pub(super) fn key_words(key: &str) -> usize {
    key.bytes().filter(|&b| b == b' ').count() + 1
}

/// The first `chars` characters of a line, lower-cased: labels and prefixes are compared there,
/// without lower-casing the whole line.
pub(super) fn opening_lower(text: &str, chars: usize) -> String {
    text.trim_start()
        .chars()
        .take(chars)
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a folded key opens with `words` as whole words.
fn opens_with(key: &str, words: &str) -> bool {
    key.strip_prefix(words)
        .is_some_and(|rest| rest.starts_with(' '))
}

/// Whole-line section headers. Matching is on the folded key, after dropping a count.
pub(super) fn section_header(key: &str) -> Option<SectionHeader> {
    let key = key.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let header = |reason, hard| Some(SectionHeader { reason, hard });
    if COMMENT_HEADERS.contains(key) {
        header(RemovalReason::Comments, true)
    } else if RELATED_HEADERS.contains(key)
        || RELATED_HEADER_OPENERS.iter().any(|p| opens_with(key, p)) && key_words(key) <= 7
    {
        header(RemovalReason::Related, true)
    } else if SOFT_RELATED_HEADERS.contains(key) {
        header(RemovalReason::Related, false)
    } else if PROMOTION_HEADERS.contains(key) {
        header(RemovalReason::Promotion, true)
    } else if SHARE_HEADERS.contains(key) {
        header(RemovalReason::Social, false)
    } else if FOOTER_HEADERS.contains(key) || opens_with(key, "about") && key_words(key) <= 4 {
        header(RemovalReason::Footer, true)
    } else {
        None
    }
}

/// A line that marks a reader comment: `Jane on May 3, 2019 at 10:07 am said:`, a bare
/// timestamp with a clock time, or the comment widgets' own words.
pub(super) fn comment_marker(text: &str, key: &str, words: usize) -> bool {
    if COMMENT_WIDGETS.contains(key) {
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
    let Some((subject, rest)) = key.split_once(" is ") else {
        return false;
    };
    let head: String = rest.split(' ').take(6).collect::<Vec<_>>().join(" ");
    subject.split(' ').count() <= 3
        && (rest.starts_with("a ") || rest.starts_with("the ") || rest.starts_with("an "))
        && JOURNALIST_ROLES.iter().any(|r| head.contains(r))
}

/// A line that is only a time stamp or an age ("7H ago 08:51", "1 hour ago", "Nov 7 23:05"):
/// the furniture of teaser lists.
fn is_stamp_only(text: &str, key: &str, words: usize) -> bool {
    let clock = || text.contains(':') && text.chars().filter(char::is_ascii_digit).count() >= 3;
    // The word test is cheap and rejects almost every line: the date patterns come last.
    words <= 6
        && key.split(' ').all(|w| {
            let digits = w.trim_end_matches('h').trim_end_matches('m');
            digits.chars().all(|c| c.is_ascii_digit())
                || STAMP_WORDS.contains(w)
                || MONTH_ABBREVIATIONS.contains(w)
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
    /// A paywall's pitch.
    Paywall,
}

/// The kinds of [`Phrase`] found in a folded line.
#[derive(Debug, Clone, Copy, Default)]
struct Phrases(u8);

impl Phrases {
    fn in_key(key: &str) -> Self {
        static KINDS: [(Phrase, &Words); 5] = [
            (Phrase::Appeal, &APPEALS),
            (Phrase::Legal, &LEGAL_PHRASES),
            (Phrase::Rights, &RIGHTS_PHRASES),
            (Phrase::Affiliate, &AFFILIATE_PHRASES),
            (Phrase::Paywall, &PAYWALL_PHRASES),
        ];
        static AUTOMATON: std::sync::LazyLock<Option<(aho_corasick::AhoCorasick, Vec<Phrase>)>> =
            std::sync::LazyLock::new(|| {
                let (kinds, patterns): (Vec<Phrase>, Vec<&str>) = KINDS
                    .iter()
                    .flat_map(|(kind, list)| list.iter().map(move |p| (*kind, p)))
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

/// One line as the line rules read it; the costlier views are made on first use.
struct Line<'a> {
    key: &'a str,
    text: &'a str,
    words: usize,
    phrases: OnceCell<Phrases>,
    opening: OnceCell<String>,
}

impl Line<'_> {
    fn has(&self, kind: Phrase) -> bool {
        self.phrases
            .get_or_init(|| Phrases::in_key(self.key))
            .has(kind)
    }

    /// Whether the line opens with one of `labels` (lower case, as written).
    fn opens_with_label(&self, labels: &Words) -> bool {
        let opening = self.opening.get_or_init(|| opening_lower(self.text, 24));
        labels.iter().any(|p| opening.starts_with(p))
    }

    fn contains_any(&self, words: &Words) -> bool {
        words.iter().any(|w| self.key.contains(w))
    }
}

/// A line rule: the lines it matches are boilerplate of its kind.
struct LineRule {
    reason: RemovalReason,
    matches: fn(&Line<'_>) -> bool,
}

const fn rule(reason: RemovalReason, matches: fn(&Line<'_>) -> bool) -> LineRule {
    LineRule { reason, matches }
}

/// Single lines that are boilerplate wherever they stand, first match first.
#[rustfmt::skip]
const LINE_RULES: &[LineRule] = &[
    rule(RemovalReason::Advertisement, |l| AD_LINES.contains(l.key)),
    rule(RemovalReason::Social, |l| SHARE_BUTTONS.contains(l.key) || SOCIAL_NETWORKS.contains(l.key)),
    rule(RemovalReason::Promotion, |l| {
        PROMOTION_LINES.contains(l.key)
            || PROMOTION_HEADERS.contains(l.key)
            || l.words <= 12 && l.key.contains("download") && l.key.contains("app")
            || l.words <= 40
                && l.key.contains("newsletter")
                && (l.key.contains("sign up") || l.key.contains("subscribe"))
    }),
    // "We use cookies", or a short line of the site speaking of its own cookies.
    rule(RemovalReason::Consent, |l| {
        l.key.contains("cookie")
            && (l.contains_any(&COOKIE_NOTICE_WORDS) || l.words <= 40 && l.contains_any(&OWN_COOKIES))
    }),
    rule(RemovalReason::Promotion, |l| PAYWALL_LINES.contains(l.key)),
    rule(RemovalReason::Promotion, |l| {
        l.words <= PITCH_WORDS && l.has(Phrase::Paywall)
    }),
    // An embed widget's code shown as text (`Embed <iframe src=…>`): markup, not words.
    rule(RemovalReason::LowContent, |l| is_embed_code(l.text)),
    rule(RemovalReason::LowContent, |l| PAGE_WIDGETS.contains(l.key) || is_counter(l.key)),
    // Appeals for money or support, in the languages of the section lexicons.
    rule(RemovalReason::Promotion, |l| l.words <= 60 && l.has(Phrase::Appeal)),
    rule(RemovalReason::Promotion, |l| {
        let inbox = l.key.contains("inbox")
            && ["newsletter", "delivered", "sign up", "subscribe", "news"]
                .iter()
                .any(|k| l.key.contains(k));
        l.words <= 40
            && (inbox
                || l.key.starts_with("if you enjoyed this article")
                || l.key.starts_with("if you liked this article"))
    }),
    // "Amy K. may be reached at amy@example.com": the author's contact line.
    rule(RemovalReason::MetadataLine, |l| {
        l.words <= 40
            && l.text.contains('@')
            && l.text.contains('.')
            && ["reached at", "contact", "email", "e-mail", "have a tip"]
                .iter()
                .any(|k| l.key.contains(k))
    }),
    rule(RemovalReason::MetadataLine, |l| l.words <= 60 && is_author_bio(l.key)),
    rule(RemovalReason::LowContent, |l| is_stamp_only(l.text, l.key, l.words)),
    rule(RemovalReason::Social, |l| {
        let follow = l.key.starts_with("follow ")
            || l.key.contains(" follow us")
            || l.key.starts_with("like us on");
        follow && l.words <= 30 && l.contains_any(&SOCIAL_NETWORKS)
    }),
    rule(RemovalReason::Footer, |l| l.has(Phrase::Legal)),
    rule(RemovalReason::Footer, |l| l.words <= 60 && l.has(Phrase::Affiliate)),
    rule(RemovalReason::Footer, |l| {
        l.has(Phrase::Rights)
            || l.text.starts_with('©')
            || l.key.starts_with("copyright ") && l.words <= 20
    }),
    rule(RemovalReason::Caption, |l| l.words <= 25 && l.contains_any(&PHOTO_AGENCIES)),
    rule(RemovalReason::LowContent, |l| {
        l.words <= 12
            && l.key.contains("javascript")
            && ["requires", "enable", "disabled"].iter().any(|k| l.key.contains(k))
    }),
    // `Themen: Kritik, Internet`: a tag line.
    rule(RemovalReason::Related, |l| l.words <= 25 && l.opens_with_label(&TAG_LABELS)),
    // `Dieses Skript als PDF herunterladen`: a download widget.
    rule(RemovalReason::LowContent, |l| {
        l.words <= 8 && l.key.contains("pdf") && l.contains_any(&DOWNLOAD_VERBS)
    }),
    rule(RemovalReason::Footer, |l| l.opens_with_label(&CITATION_LABELS)),
    rule(RemovalReason::Caption, |l| l.opens_with_label(&CAPTION_LABELS)),
    rule(RemovalReason::Related, |l| l.opens_with_label(&READ_MORE_LABELS) && l.words <= 25),
];

/// Single lines that are boilerplate wherever they stand: the first rule that matches.
/// The most words a paywall's pitch has: a longer line is the article talking about one.
const PITCH_WORDS: usize = 40;

/// Whether a line is a paywall's pitch (a sign-in prompt alone is not).
pub(super) fn is_paywall_pitch(text: &str) -> bool {
    let key = crate::pipeline::textkit::fold(text);
    key_words(&key) <= PITCH_WORDS && Phrases::in_key(&key).has(Phrase::Paywall)
}

/// Whether a line is an embed widget's code to copy (`Embed <iframe src=…>`); code an article
/// shows in its own lines (a tutorial's `<iframe>`) has no such label.
fn is_embed_code(text: &str) -> bool {
    let Some(label) = text.get(..5) else {
        return false;
    };
    let rest = text[5..].trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    label.eq_ignore_ascii_case("embed")
        && rest
            .get(..7)
            .is_some_and(|t| t.eq_ignore_ascii_case("<iframe"))
}

pub(super) fn line_boilerplate(key: &str, text: &str) -> Option<RemovalReason> {
    let line = Line {
        key,
        text,
        words: key_words(key),
        phrases: OnceCell::new(),
        opening: OnceCell::new(),
    };
    LINE_RULES
        .iter()
        .find(|rule| (rule.matches)(&line))
        .map(|rule| rule.reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::textkit::fold;

    fn reason(text: &str) -> Option<RemovalReason> {
        line_boilerplate(&fold(text), text)
    }

    #[test]
    fn headers_end_the_body_or_open_a_soft_section() {
        let header = |text: &str| section_header(&fold(text));
        assert_eq!(
            header("3 Comments").map(|h| (h.reason, h.hard)),
            Some((RemovalReason::Comments, true))
        );
        assert_eq!(
            header("More from Reuters").map(|h| h.reason),
            Some(RemovalReason::Related)
        );
        assert_eq!(header("Moreover, the council").map(|h| h.reason), None);
        assert_eq!(header("Lesen Sie auch").map(|h| h.hard), Some(false));
        assert_eq!(
            header("About the author").map(|h| h.reason),
            Some(RemovalReason::Footer)
        );
        assert_eq!(header("Aboutness"), None);
    }

    #[test]
    fn the_first_matching_line_rule_gives_the_reason() {
        assert_eq!(reason("Advertisement"), Some(RemovalReason::Advertisement));
        assert_eq!(reason("Share on Facebook"), Some(RemovalReason::Social));
        assert_eq!(reason("1 of 6"), Some(RemovalReason::LowContent));
        assert_eq!(reason("7H ago 08:51"), Some(RemovalReason::LowContent));
        assert_eq!(
            reason("Follow us on Instagram and TikTok"),
            Some(RemovalReason::Social)
        );
        assert_eq!(
            reason("© 2025 City Times. All rights reserved."),
            Some(RemovalReason::Footer)
        );
        assert_eq!(
            reason("Photo: Jane Doe for the City Times"),
            Some(RemovalReason::Caption)
        );
        assert_eq!(
            reason("Jane Doe is a senior editor at the City Times."),
            Some(RemovalReason::MetadataLine)
        );
        assert_eq!(
            reason("The council met on Tuesday to vote on the budget."),
            None
        );
    }

    #[test]
    fn a_paywall_pitch_and_an_embed_code_line_are_no_article() {
        for pitch in [
            "To read the rest of this story, subscribe to The Daily Ledger.",
            "This article is for subscribers only.",
            "Pour lire la suite, abonnez-vous.",
        ] {
            assert_eq!(reason(pitch), Some(RemovalReason::Promotion), "{pitch}");
            assert!(is_paywall_pitch(pitch), "{pitch}");
        }
        // The article talking about paywalls, at length, is article.
        let long = "Publishers say readers who want to read the rest of the story will pay, \
                    but the survey found that most readers leave a page when asked to \
                    subscribe, and that only one in ten of those who leave ever come back to \
                    the site later in the same month, the authors of the study said.";
        assert_eq!(reason(long), None);
        assert!(!is_paywall_pitch("Already a subscriber? Sign in"));
        assert_eq!(
            reason(r#"Embed <iframe src="https://example.com/v/1" width="560"></iframe>"#),
            Some(RemovalReason::LowContent)
        );
        // A tutorial's own code line carries no widget's label.
        assert_eq!(
            reason(r#"<iframe src="https://example.com/v/1"></iframe>"#),
            None
        );
    }

    #[test]
    fn appeals_for_support_are_promotion_and_news_of_donations_is_not() {
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
}
