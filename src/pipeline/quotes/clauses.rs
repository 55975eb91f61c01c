//! The subject of a sentence: the name or pronoun it opens with (after a dateline or an opening
//! phrase), or a description right before its verb.

use super::names::{NameIndex, is_not_name};
use super::phrases::{description_subject, subject_forward};
use super::tokens::{Region, is_capitalised, strip_possessive, words_outside};
use crate::pipeline::lexicon::grammar::{ADVERBIAL_OPENERS, COPULA_SKIPPED};
use crate::pipeline::segment::Sentence;
use crate::pipeline::span::Span;

/// The subject of a sentence: the first name (titles dropped) or personal pronoun among its first
/// words, quoted words skipped.
pub(super) fn sentence_subject(
    text: &str,
    sentence: Region,
    quoted: &[(usize, usize)],
    names: &NameIndex,
) -> Option<(Span, bool)> {
    let (toks, lower) = words_outside(text, sentence, quoted, 28);
    // `In a White House statement, President Obama condemned …`: the subject follows an
    // opening adverbial phrase.
    let from = lower
        .first()
        .filter(|w| ADVERBIAL_OPENERS.contains(w))
        .and_then(|_| (0..toks.len().min(20)).find(|&j| toks[j].punct == Some(',')))
        .map_or(0, |comma| comma + 1);
    let end = toks.len().min(from + 8);
    for k in from..end {
        if matches!(lower[k].as_str(), "he" | "she") {
            return Some((Span::new(text, toks[k].start..toks[k].end)?, true));
        }
        if is_capitalised(toks[k].word) && !is_not_name(&lower[k]) {
            let (mention, pronoun, used) = subject_forward(text, &toks[k..], &lower[k..])?;
            // A one-word subject may be any noun ("Critics", "Congress", "Harvard"): it counts only
            // when the article uses it as a person's last name elsewhere.
            let lone_opener = used == 1 && !names.knows(strip_possessive(mention.slice(text)));
            // `LOS ANGELES (AP) —`: a dateline, not a subject.
            if mention.slice(text).chars().all(|c| !c.is_lowercase()) {
                return None;
            }
            return (!pronoun && !lone_opener).then_some((mention, false));
        }
    }
    None
}

/// The subject of a sentence: a description right before its verb, else [`sentence_subject`].
pub(super) fn clause_subject(
    text: &str,
    sentence: Region,
    quoted: &[(usize, usize)],
    names: &NameIndex,
) -> Option<(Span, bool)> {
    let sentence = after_dateline(text, sentence);
    let (toks, lower) = words_outside(text, sentence, quoted, 20);
    description_subject(text, &toks, &lower)
        .map(|m| (m, false))
        .or_else(|| sentence_subject(text, sentence, quoted, names))
}

/// `The choice was between …`, `The less valuable mines would be placed in …`: a subject of
/// `be` (a copula or a passive) is described by the sentence; it says nothing. (`Trump is once
/// again questioning …` is no copula.)
pub(super) fn is_copula_subject(text: &str, subject: Span, sentence: Region) -> bool {
    let rest = text.get(subject.end()..sentence.end).unwrap_or_default();
    let mut words = rest
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .take(6)
        .filter(|w| !COPULA_SKIPPED.contains(w.as_str()));
    words
        .next()
        .is_some_and(|w| matches!(w.as_str(), "is" | "was" | "were" | "are" | "be" | "been"))
        && words.next().is_none_or(|w| !w.ends_with("ing"))
}

/// `FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized`: the sentence after
/// a dateline (capitalised words, numbers and an agency in brackets, then a dash).
fn after_dateline(text: &str, sentence: Region) -> Region {
    let s = sentence.slice(text);
    let Some((dash, width)) = s
        .get(..s.len().min(80))
        .and_then(|head| {
            head.char_indices()
                .find(|(_, c)| matches!(c, '—' | '–' | '―'))
        })
        .map(|(at, c)| (at, c.len_utf8()))
    else {
        return sentence;
    };
    let dateline = s[..dash].split_whitespace().all(|w| {
        w.trim_start_matches('(')
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    if dateline && dash > 0 {
        Region {
            start: sentence.start + dash + width,
            end: sentence.end,
        }
    } else {
        sentence
    }
}

/// The subject of one of the two sentences before `at`, resolved to a full name, when the article
/// has that name as a speaker or a full name elsewhere.
pub(super) fn recent_subject(
    text: &str,
    sentences: &[Sentence],
    at: usize,
    names: &NameIndex,
) -> Option<String> {
    let current = sentences.partition_point(|s| s.span.end() <= at);
    sentences[current.saturating_sub(2)..current]
        .iter()
        .rev()
        .find_map(|s| {
            let region = Region {
                start: s.span.start(),
                end: s.span.end(),
            };
            let (mention, pronoun) = sentence_subject(text, region, &[], names)?;
            let name = mention.slice(text);
            // A full name is a name; one word must be a known person's last name.
            let known =
                name.split_whitespace().nth(1).is_some() || names.knows(strip_possessive(name));
            (!pronoun && known).then(|| names.resolve(name))
        })
}
