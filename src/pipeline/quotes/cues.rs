//! Speech verbs and the verbs around them: whether a word is a cue, a verb or an adverbial, and
//! the cue phrase as the output gives it.

use super::tokens::{Token, is_capitalised};
use crate::pipeline::lexicon::grammar::{
    ADVERBIALS, AUXILIARIES, DETERMINERS, NOUNS_IN_LY, OBJECT_WORDS, PREPOSITIONS,
};
use crate::pipeline::lexicon::speech::CUES;

/// A speech verb, in any language the lexicon knows (lower case).
pub(super) fn cue_word(lower: &str) -> bool {
    CUES.contains(lower)
}

pub(super) fn ends_with_cue_comma(prefix: &str) -> bool {
    let Some(rest) = prefix.strip_suffix(',') else {
        return false;
    };
    rest.split_whitespace()
        .last()
        .is_some_and(|w| cue_word(&w.to_lowercase()))
}

/// The cue at `k`, with `reporters`/`journalists` when they follow `told`.
pub(super) fn cue_phrase(toks: &[Token<'_>], lower: &[String], k: usize) -> String {
    let cue = toks.get(k).map_or("", |t| t.word).to_owned();
    match lower.get(k + 1).map(String::as_str) {
        Some(obj @ ("reporters" | "journalists"))
            if lower[k].starts_with("tel") || lower[k] == "told" =>
        {
            format!("{cue} {obj}")
        }
        _ => cue,
    }
}

/// A word between a speaker and the cue: `also`, `later`, `forcefully`, `repeatedly`.
pub(super) fn is_adverbial(lower: &str) -> bool {
    // Nouns that end like adverbs: `Scott's family has called`.
    ADVERBIALS.contains(lower)
        || lower.len() > 4 && lower.ends_with("ly") && !NOUNS_IN_LY.contains(lower)
}

/// A finite verb after a subject: an auxiliary, a cue, or a lower-case past tense (`used`;
/// `respondents aged 12 to 17` tells an age).
pub(super) fn is_verb_like(tok: Token<'_>, lower: &str) -> bool {
    is_auxiliary(lower)
        || cue_word(lower) && !is_capitalised(tok.word)
        || lower.ends_with("ed") && lower.len() >= 4 && lower != "aged" && !is_capitalised(tok.word)
}

/// [`is_verb_like`] at `toks[v]`, where a past participle right before a lower-case noun is an
/// adjective (`registered voters`), not the verb.
pub(super) fn is_verb_at(toks: &[Token<'_>], lower: &[String], v: usize) -> bool {
    let adjective = lower[v].ends_with("ed")
        && !is_auxiliary(&lower[v])
        && !cue_word(&lower[v])
        && toks[v].punct.is_none()
        && toks.get(v + 1).is_some_and(|next| {
            !is_capitalised(next.word)
                && next.word.chars().all(char::is_alphabetic)
                && !OBJECT_WORDS.contains(&lower[v + 1])
                && !DETERMINERS.contains(&lower[v + 1])
                && !PREPOSITIONS.contains(&lower[v + 1])
        });
    is_verb_like(toks[v], &lower[v]) && !adjective
}

/// Auxiliary and modal verbs: the word after a subject that shows it is one.
pub(super) fn is_auxiliary(lower: &str) -> bool {
    AUXILIARIES.contains(lower)
}
