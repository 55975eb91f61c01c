//! Quoted words that are no speech: a headline, a nickname inside a name, a label (`the
//! so-called "client list"`), the title of a work or programme, a section heading, and the scare
//! quote that nobody is reported as saying.

use super::cues::cue_word;
use super::marks::Marked;
use super::names::is_not_name;
use super::tokens::{is_capitalised, tokens, word_after, word_before};
use super::{Attribution, ParagraphQuotes, QuoteKind, Said, Site};
use crate::pipeline::lexicon::grammar::{DETERMINERS, TITLE_SMALL_WORDS};
use crate::pipeline::lexicon::speech::{
    LABEL_MARKERS, NAMED_THING_NOUNS, NAMING_WORDS, WORK_MARKERS,
};
use crate::pipeline::span::Span;

/// A headline as the first line of a text payload: short, no full stop inside, its words
/// capitalised (`Bill Clinton Calls Obamacare ‘Crazy System’`).
pub(super) fn is_headline(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
    !words.is_empty() && words.len() <= 20 && capitalised * 4 >= words.len() * 3
}

/// A short first line whose quotation the article quotes again is a headline in sentence case
/// (`De Blasio says Chelsea explosion was an 'intentional act.'`): its marks are dropped.
pub(super) fn drop_headline_repeats(text: &str, paragraph: Span, marks: &mut Vec<Marked>) {
    if paragraph.slice(text).split_whitespace().count() > 25 {
        return;
    }
    let rest = text.get(paragraph.end()..).unwrap_or_default();
    marks.retain(|m| {
        let words = text
            .get(m.inner_start..m.inner_end)
            .unwrap_or_default()
            .trim_matches(|c: char| !c.is_alphanumeric());
        words.is_empty() || !rest.contains(words)
    });
}

/// `Marcia "Cia" Price`, `Dwayne "The Rock" Johnson`: a capitalised word or three in marks
/// between a first and a last name.
pub(super) fn is_nickname(text: &str, mark: &Marked) -> bool {
    let inner = text
        .get(mark.inner_start..mark.inner_end)
        .unwrap_or_default();
    // The words around are read only for marks that can hold a nickname: a run of a million
    // marks would read them a million times.
    if !(mark.closed
        && !inner.ends_with([',', '.', '?', '!'])
        && (1..=3).contains(&inner.split_whitespace().count())
        && inner.split_whitespace().all(is_capitalised))
    {
        return false;
    }
    let before = word_before(text, mark.open);
    let after = word_after(text, mark.close_end, text.len());
    is_capitalised(before)
        && !is_not_name(&before.to_lowercase())
        && after.chars().next().is_some_and(char::is_uppercase)
        && after.chars().all(char::is_alphabetic)
}

/// A quoted name of a thing is this many words at most.
const MAX_NAME_WORDS: usize = 4;

/// Quoted words that name a thing, whoever speaks around them: a label (`the so-called "client
/// list"`, `what's called "…"`), a programme or publication (`CBS's "Face the Nation"`, `an
/// episode of "…"`, `appeared on "Fox and Friends,"`), a name used as a modifier (`his "Keepin'
/// It Real" radio program`), or a section heading alone in its paragraph (`'Legend in the Coal
/// Fields.'`).
pub(super) fn names_a_thing(text: &str, para: &ParagraphQuotes, site: &Site) -> bool {
    let lower_prefix = site.prefix(text).to_lowercase();
    if LABEL_MARKERS.iter().any(|m| lower_prefix.ends_with(m)) || names_by_calling(&lower_prefix) {
        return true;
    }
    let quoted_text = site.span.slice(text);
    let title_like =
        is_title_case(quoted_text.trim_end_matches(['.', ','])) || names_a_title(quoted_text);
    let rest_of_paragraph = text.get(site.mark.close_end..para.span.end());
    let next_word = word_after(text, site.mark.close_end, para.span.end());
    let names_a_work = title_like
        && (lower_prefix.ends_with("'s")
            || lower_prefix.ends_with("’s")
            || WORK_MARKERS.iter().any(|m| lower_prefix.ends_with(m)))
        || names_a_title(quoted_text)
            && [" on", " in", " to", " at", " from", " told"]
                .iter()
                .any(|m| lower_prefix.trim_end().ends_with(m))
        || (title_like || is_hyphenated_name(quoted_text))
            && lower_prefix
                .rsplit(' ')
                .next()
                .is_some_and(|w| DETERMINERS.contains(w) || w.ends_with("'s") || w.ends_with("’s"))
            && !quoted_text.ends_with([',', '.', '?', '!'])
            && next_word.starts_with(char::is_lowercase)
            && !matches!(next_word, "which" | "that" | "who" | "and" | "or" | "but");
    // `газета «Коммерсантъ»`: a company's, an outlet's or a work's name after the noun of its kind.
    let names_by_kind = lower_prefix
        .rsplit(char::is_whitespace)
        .next()
        .is_some_and(|w| NAMED_THING_NOUNS.contains(w))
        && quoted_text.starts_with(char::is_uppercase)
        && quoted_text.split_whitespace().count() <= MAX_NAME_WORDS;
    let heading = names_a_title(quoted_text)
        && site.index == 0
        && para.opens_with_quote
        && rest_of_paragraph.is_some_and(|rest| rest.trim().is_empty());
    names_a_work || names_by_kind || heading
}

/// Scare quotes and titles: short, and nobody is reported as saying them (a cue right before the
/// words reports them, even with no speaker in sight: `and calls people "losers"`); and a short
/// partial quotation that only continues another.
pub(super) fn is_unreported(text: &str, site: &Site, said: &Said) -> bool {
    let reported = || {
        tokens(text, site.before)
            .iter()
            .rev()
            .take(3)
            .any(|t| cue_word(&t.word.to_lowercase()) && !is_capitalised(t.word))
    };
    said.attribution == Attribution::None
        && (site.words <= 4 && !reported() || is_title_case(site.span.slice(text)))
        || said.attribution == Attribution::Continued
            && site.kind == QuoteKind::Partial
            && site.words <= 4
}

/// `what's called "feather duvet lung"`, `is called`, `a poem called "Winter Solstice"`: `called`
/// that gives a thing its name, not a speaker's words (`what he called "a rant"`).
fn names_by_calling(lower_prefix: &str) -> bool {
    let Some(before) = lower_prefix.trim_end().strip_suffix("called") else {
        return false;
    };
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let naming = words.first().is_some_and(|w| NAMING_WORDS.contains(w));
    // `a poem called`, `an improvised live show called`: a thing introduced by its name.
    let introduced = words
        .iter()
        .position(|w| matches!(*w, "a" | "an"))
        .is_some_and(|at| {
            at >= 1
                && words[..at]
                    .iter()
                    .all(|w| w.chars().all(char::is_alphabetic))
        });
    naming || introduced
}

/// A short name in title case, small words aside: `Morning Joe`, `Fox and Friends.`.
fn names_a_title(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (2..=6).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase)
                || i > 0 && TITLE_SMALL_WORDS.contains(w)
        })
}

/// One word of capitalised parts joined by hyphens: `Commander-In-Chief`.
fn is_hyphenated_name(s: &str) -> bool {
    let word = s.trim_end_matches(['.', ',']);
    !word.contains(char::is_whitespace)
        && word.split('-').count() >= 2
        && word
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase))
}

/// Two words of four letters or more, each capitalised, and no full stop at the end: a title.
fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.trim_end().ends_with(['.', ',', '?', '!'])
}
