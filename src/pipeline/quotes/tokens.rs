//! Words of a region of the text, with their byte ranges and the punctuation after them, and the
//! small tests on words every reader of mentions asks.

use std::ops::Range;

use crate::pipeline::span::Span;

/// A byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Region {
    pub(super) start: usize,
    pub(super) end: usize,
}

impl Region {
    pub(super) fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// A word of a region with its byte range in the text.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token<'a> {
    pub(super) word: &'a str,
    pub(super) start: usize,
    pub(super) end: usize,
    /// Punctuation right after the word (`,`, `:`, `.`), if any.
    pub(super) punct: Option<char>,
}

pub(super) fn tokens<'a>(text: &'a str, region: Region) -> Vec<Token<'a>> {
    token_iter(text, region).collect()
}

/// The words of `region` one by one, so that a reader of the first few pays for those only.
pub(super) fn token_iter<'a>(text: &'a str, region: Region) -> impl Iterator<Item = Token<'a>> {
    let s = region.slice(text);
    let base = s.as_ptr() as usize;
    s.split_whitespace().filter_map(move |raw| {
        let from = raw.as_ptr() as usize - base;
        let core_start = raw.find(char::is_alphanumeric)?;
        let (last_at, last) = raw
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_alphanumeric())?;
        let core_end = last_at + last.len_utf8();
        // `R-Ky.,` ends an appositive: the comma is what matters there.
        let after = &raw[core_end..];
        let punct = if after.contains(',') {
            Some(',')
        } else {
            after
                .chars()
                .find(|c| matches!(c, ':' | '.' | ';' | '!' | '?' | '(' | ')' | '—'))
        };
        let start = region.start + from + core_start;
        let end = region.start + from + core_end;
        Some(Token {
            word: &text[start..end],
            start,
            end,
            punct,
        })
    })
}

/// The first `max` words of `region` outside the quoted spans (in order, not overlapping), and
/// their lower-cased forms.
pub(super) fn words_outside<'a>(
    text: &'a str,
    region: Region,
    quoted: &[(usize, usize)],
    max: usize,
) -> (Vec<Token<'a>>, Vec<String>) {
    // The one quoted span a word could be inside is the last one opening before it: a binary
    // search, so a paragraph of thousands of quotations costs no more per word.
    let inside = |t: &Token<'_>| {
        let k = quoted.partition_point(|&(open, _)| open <= t.start);
        k > 0 && t.end <= quoted[k - 1].1
    };
    let toks: Vec<Token<'a>> = token_iter(text, region)
        .filter(|t| !inside(t))
        .take(max)
        .collect();
    let lower = toks.iter().map(|t| t.word.to_lowercase()).collect();
    (toks, lower)
}

/// Whether two tokens stand together in the text: quoted words were taken out of the tokens, so
/// `Mills "got …," Jordan` is two names, not one; nor is `HIM — Oz`, nor a dateline's
/// `CHICAGO - Rahm` (a hyphen inside a word never reaches the gap between two words).
pub(super) fn adjacent(text: &str, a: Token<'_>, b: Token<'_>) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| !gap.contains(['"', '“', '”', '‘', '«', '»', '—', '–', '―', '-']))
}

/// `B.` in `Charles B. Rangel`, `G.K.` in `G.K. Butterfield`: a dot that does not end the name.
pub(super) fn is_initial(t: Token<'_>) -> bool {
    t.punct == Some('.')
        && t.word.split('.').all(|p| p.chars().count() <= 1)
        && t.word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

pub(super) fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| {
            c.to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

pub(super) fn containing(sentences: &[Span], at: usize) -> Option<Span> {
    let k = sentences.partition_point(|s| s.end().max(s.start() + 1) <= at);
    sentences.get(k).copied().filter(|s| s.start() <= at)
}

/// Speakers and cues are looked for within this many bytes of a quote's marks, so that a
/// paragraph of thousands of quote marks costs linear time, not quadratic.
const REACH: usize = 600;

/// `start`, or the first word boundary within [`REACH`] bytes before `at` when `start` is farther.
pub(super) fn reach_back(text: &str, start: usize, at: usize) -> usize {
    if at.saturating_sub(start) <= REACH {
        return start;
    }
    let mut from = at - REACH;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .find(char::is_whitespace)
        .map_or(at, |w| from + w)
}

/// `end`, or the last word boundary within [`REACH`] bytes after `at` when `end` is farther.
pub(super) fn reach_forward(text: &str, end: usize, at: usize) -> usize {
    if end.saturating_sub(at) <= REACH {
        return end;
    }
    let mut to = at + REACH;
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text[at..to]
        .rfind(char::is_whitespace)
        .map_or(at, |w| at + w)
}

/// The last word before `at` (within [`REACH`] bytes: in a script written without spaces the
/// "word" would otherwise be the whole text before it, read again for every quotation).
pub(super) fn word_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at)
        .and_then(|b| b.split_whitespace().next_back())
        .unwrap_or_default()
}

/// The first word after `at` and before `end`, within [`REACH`] bytes (see [`word_before`]).
pub(super) fn word_after(text: &str, at: usize, end: usize) -> &str {
    let mut to = at.saturating_add(REACH).min(end).min(text.len()).max(at);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text.get(at..to)
        .and_then(|a| a.split_whitespace().next())
        .unwrap_or_default()
}

/// The quoted stretches that overlap `start..end`, as a range of `quoted` (they are in order and do not overlap).
pub(super) fn near(quoted: &[(usize, usize)], start: usize, end: usize) -> Range<usize> {
    let first = quoted.partition_point(|&(_, close)| close <= start);
    let last = quoted.partition_point(|&(open, _)| open < end);
    first..last.max(first)
}
