//! Noun phrases that can name a speaker: a name (titles, initials and particles handled), a
//! pronoun, or a description (`the former secretary of state`), read forward from a word or back
//! from a cue.

use super::cues::{cue_word, is_adverbial, is_auxiliary, is_verb_at, is_verb_like};
use super::names::{is_addressee, is_honorific, is_not_name, is_particle, is_role, is_title};
use super::tokens::{Token, adjacent, is_capitalised, is_initial, strip_possessive};
use crate::pipeline::lexicon::grammar::{CONTRACTIONS, DETERMINERS, PREPOSITIONS, PRONOUNS};
use crate::pipeline::span::Span;

/// A subject that starts at `toks[0]`: a name, a pronoun, or a determiner phrase.
pub(super) fn subject_forward(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
) -> Option<(Span, bool, usize)> {
    let first = toks.first()?;
    if PRONOUNS.contains(&lower[0]) {
        return Some((Span::new(text, first.start..first.end)?, true, 1));
    }
    if is_capitalised(first.word) && !is_not_name(strip_possessive(&lower[0])) {
        // Titles before the name are not part of it: `Representative Charles B. Rangel`; after
        // an honorific, a title word is the name (`Mr. King said`).
        let mut from = 0;
        while from + 1 < toks.len()
            && is_title(&lower[from])
            && toks[from].punct.is_none_or(|p| p == '.')
            && !(from > 0 && is_honorific(&lower[from - 1]))
        {
            from += 1;
        }
        // `Konzernchef von FACC`, `Secretary of State John Kerry`: a title followed by `of` is
        // one phrase; a name inside it is found below.
        if from > 0 && !is_capitalised(toks[from].word) && is_particle(&lower[from]) {
            from = 0;
        }
        let capitalised_run = |from: usize| {
            let mut k = from + 1;
            // A month or a day ends a name: `Mr. Trump's Oct. 11 announcement`.
            while k < toks.len()
                && (toks[k - 1].punct.is_none()
                    || is_initial(toks[k - 1])
                    || is_abbreviated_title(toks[k - 1], &lower[k - 1]))
                && adjacent(text, toks[k - 1], toks[k])
                && (is_capitalised(toks[k].word)
                    && (!is_not_name(&lower[k]) || is_initial(toks[k]))
                    && !is_addressee(&lower[k])
                    || is_particle(&lower[k]))
            {
                k += 1;
            }
            k
        };
        let mut k = capitalised_run(from);
        // `Virginia AFL-CIO President Doris Crouse-Mays`, `White House Press Secretary Josh
        // Earnest`: an organisation and a title before a full name; the person is the name.
        if let Some(title) = (from + 1..k.saturating_sub(2)).rev().find(|&t| {
            is_title(&lower[t]) && toks[t].punct.is_none()
                || is_abbreviated_title(toks[t], &lower[t])
        }) {
            from = title + 1;
        }
        // `MSNBC host Chris Matthews`, `Clinton campaign manager Robby Mook`, `Idaho
        // nutritional-supplement executive Frank VanderSloot`, `Air Force 1st Lt. Tyler
        // Livingston`: an organisation and a role before a full name; the person is the name.
        // (`Olaf Scholz am Montag` is no such thing: short words and a lone capitalised noun
        // after them.)
        let role_words = (k..toks.len().min(k + 3))
            .take_while(|&j| {
                toks[j - 1].punct.is_none()
                    && !is_capitalised(toks[j].word)
                    && (is_ordinal(&lower[j])
                        || is_compound_word(toks[j].word) && toks[j].word.chars().count() >= 4)
                    // Verbs and adverbs are no role: `Trump openly admires President Putin`.
                    && !is_adverbial(&lower[j])
                    && !lower[j].ends_with("ed")
                    && !lower[j].ends_with("ing")
                    && (!lower[j].ends_with('s') || lower[j].ends_with("ss"))
                    && !is_not_name(&lower[j])
                    && !cue_word(&lower[j])
                    && !PRONOUNS.contains(&lower[j])
            })
            .count();
        let named = k + role_words;
        if role_words > 0
            && toks.get(named).is_some_and(|t| {
                toks[named - 1].punct.is_none()
                    && is_capitalised(t.word)
                    && !is_not_name(&lower[named])
            })
            && capitalised_run(named) >= named + 2
        {
            from = named;
            k = capitalised_run(named);
            // `1st Lt. Tyler Livingston`: the title after the role is not the name either.
            while from + 2 < k && is_abbreviated_title(toks[from], &lower[from]) {
                from += 1;
            }
        }
        // `David Perdue (R-Ga.)`: the bracket belongs to the run (a cue may follow it), not to
        // the name.
        let name = Span::new(text, toks[from].start..toks[k - 1].end)?;
        return Some((without_affiliation(text, name), false, k));
    }
    if DETERMINERS.contains(&lower[0]) {
        // `the Rev. Peter Wherry, of ...`, `my father often said`: up to a comma, a cue or the
        // sentence's end; titles and initials with dots do not end it.
        // `said one former executive who requested anonymity`: a relative clause after the noun
        // ends the phrase too.
        let ends = |j: usize| {
            cue_word(&lower[j])
                || matches!(lower[j].as_str(), "who" | "which")
                || toks[j - 1].punct.is_some_and(|p| p != '.')
                || toks[j - 1].punct == Some('.')
                    && !is_initial(toks[j - 1])
                    && !is_title(&lower[j - 1])
                    && !is_title(&format!("{}.", lower[j - 1]))
        };
        // A phrase that runs on past eight words without a cue or a stop is a clause (`The US
        // Embassy in New Delhi maintains its own air quality monitor and reported`), no subject.
        let k = match (1..toks.len().min(9)).find(|&j| ends(j)) {
            Some(k) => k,
            None if toks.len() < 9 => toks.len(),
            None => return None,
        };
        let mention = description(text, toks, lower, 0, k)
            .or_else(|| Span::new(text, first.start..toks[k.max(1) - 1].end))?;
        return Some((mention, false, k));
    }
    None
}

/// `1st`, `22nd`: an ordinal in figures, part of a rank (`1st Lt.`).
fn is_ordinal(lower: &str) -> bool {
    let digits = lower.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && ["st", "nd", "rd", "th"].contains(&&lower[digits..])
}

/// Letters, or words of letters joined by hyphens (`nutritional-supplement`).
fn is_compound_word(word: &str) -> bool {
    word.split('-')
        .all(|part| !part.is_empty() && part.chars().all(char::is_alphabetic))
}

/// `Gov.` in `Former Arkansas Gov. Mike Huckabee`: a title's abbreviation, whose dot ends no name.
fn is_abbreviated_title(t: Token<'_>, lower: &str) -> bool {
    t.punct == Some('.') && is_title(&format!("{lower}."))
}

/// The speaker after a cue: `said John Coale`, `said the official`.
pub(super) fn subject_after(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
) -> Option<(Span, bool)> {
    // `сказал Дзержинскому Ленин`: the person spoken to comes first; the speaker follows.
    let spoken_to = toks
        .iter()
        .zip(lower)
        .take_while(|(t, w)| is_capitalised(t.word) && t.punct.is_none() && is_addressee(w))
        .count();
    let (toks, lower) = (&toks[spoken_to..], &lower[spoken_to..]);
    if let Some((mention, pronoun, _)) = subject_forward(text, toks, lower) {
        return Some((mention, pronoun));
    }
    // `said 9/11 widow Terry Strada`, `said longtime friend John Smith`: a few lower-case words
    // of description, then the full name; after a role (`disse o presidente Lula`) a last name
    // alone will do.
    let named = (1..toks.len().min(5)).find(|&j| {
        is_capitalised(toks[j].word)
            && toks[..j]
                .iter()
                .all(|t| t.punct.is_none() && !is_capitalised(t.word))
    });
    if let Some(named) = named {
        let after_role = lower[..named].iter().any(|w| is_role(w));
        if let Some((mention, false, used)) = subject_forward(text, &toks[named..], &lower[named..])
            && (used >= 2 || after_role)
        {
            return Some((mention, false));
        }
    }
    role_after_cue(text, toks, lower)
}

/// `говорит режиссер`, `uvedla mluvčí ministerstva`: where a language has no articles, a role
/// right after the cue is the speaker's description, with the words that qualify it up to the
/// clause's end (four words at most).
fn role_after_cue(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<(Span, bool)> {
    let first = toks.first()?;
    if is_capitalised(first.word) || !is_role(&lower[0]) {
        return None;
    }
    let last = (0..toks.len().min(4))
        .take_while(|&j| j == 0 || !is_capitalised(toks[j].word) && !cue_word(&lower[j]))
        .find(|&j| toks[j].punct.is_some() || j + 1 == toks.len())?;
    Some((Span::new(text, first.start..toks[last].end)?, false))
}

/// The source after `according to` or `per`: a name, or a whole description up to the comma
/// or the end of the sentence (`a 52-count civil complaint filed by the federal Securities and
/// Exchange Commission and a 15-count complaint by Vermont,`).
pub(super) fn source_after(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
) -> Option<(Span, bool)> {
    if !lower
        .first()
        .is_some_and(|w| DETERMINERS.contains(w.as_str()))
    {
        return subject_after(text, toks, lower);
    }
    (0..toks.len().min(20))
        .find(|&j| {
            toks[j]
                .punct
                .is_some_and(|p| p != '.' || !(is_initial(toks[j]) || toks[j].word.contains('.')))
        })
        .and_then(|j| Span::new(text, toks[0].start..toks[j].end))
        .filter(|span| !span.slice(text).contains(['"', '“', '”', '‘', '«', '»']))
        .map(|span| (span, false))
        .or_else(|| subject_after(text, toks, lower))
}

/// A name or pronoun whose last token is `toks[end - 1]`.
pub(super) fn name_ending_at(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
    end: usize,
) -> Option<(Span, bool)> {
    let last = end.checked_sub(1)?;
    let t = toks.get(last)?;
    if t.punct.is_some_and(|p| p != ',') && last + 1 != end {
        return None;
    }
    if PRONOUNS.contains(&lower[last]) {
        return Some((Span::new(text, t.start..t.end)?, true));
    }
    let word = strip_possessive(t.word);
    // A title alone is no name (`the President said`), but after an honorific it is one
    // (`Mr. King said`).
    let after_honorific = last > 0 && is_honorific(&lower[last - 1]);
    if !is_capitalised(word)
        || is_not_name(&lower[last])
        || is_title(&lower[last]) && !after_honorific
    {
        return None;
    }
    let mut first = last;
    while first > 0
        && adjacent(text, toks[first - 1], toks[first])
        && (toks[first - 1].punct.is_none() || is_initial(toks[first - 1]))
        && (is_capitalised(toks[first - 1].word) || is_particle(&lower[first - 1]))
        && !is_title(&lower[first - 1])
        && !is_not_name(&lower[first - 1])
    {
        first -= 1;
    }
    let end_byte = t.start + word.len();
    Some((Span::new(text, toks[first].start..end_byte)?, false))
}

/// `toks[from..to]`, minus trailing adverbials, when it reads as a description: opens with a
/// determiner or a possessive name, at most seven words, no punctuation inside or after it (a
/// subject stands right before its verb: `his own remarks, telling` is no subject).
pub(super) fn description(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
    from: usize,
    to: usize,
) -> Option<Span> {
    // `Another waitress who calls me`: the relative pronoun starts the clause after the noun.
    let mut end = to;
    while end > from
        && (is_adverbial(&lower[end - 1]) || matches!(lower[end - 1].as_str(), "who" | "which"))
    {
        end -= 1;
    }
    let len = end.checked_sub(from)?;
    let first = toks.get(from)?;
    let opens = DETERMINERS.contains(&lower[from])
        || first.word.ends_with("'s")
        || first.word.ends_with("’s");
    // `The former first lady and U.S. senator`: an abbreviation's dots are no punctuation.
    let clean = end > from
        && toks[from..end - 1]
            .iter()
            .all(|t| t.punct.is_none() || t.punct == Some('.') && t.word.contains('.'))
        && toks[end - 1].punct.is_none();
    // A noun phrase has no verb of its own (`the observed volume is much higher than`); one of
    // more than seven words names a role (`the former secretary of state and current …`).
    let noun_phrase = lower[from..end].iter().all(|w| !is_auxiliary(w));
    let role = len <= 7 || lower[from..end].iter().any(|w| is_role(w));
    if !(opens && (2..=10).contains(&len) && clean && noun_phrase && role) {
        return None;
    }
    let span = Span::new(text, first.start..toks[end - 1].end)?;
    // Quoted words were skipped in `toks`: a description spanning them is no description.
    let quoted_inside = span.slice(text).contains(['"', '“', '”', '‘', '«', '»']);
    (!quoted_inside).then_some(span)
}

/// `The Republican presidential nominee has`, `Small groups of protesters continued`, `In
/// August, several environmental groups granted`, `However, 63 percent said`, `Clinton's
/// campaign is`: a description opening the sentence (or its main clause, after an opening phrase
/// and a comma) right before a verb is the subject. It ends in a lower-case noun: `Trump's
/// spokeswoman Hope Hicks said` is a name.
pub(super) fn description_subject(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
) -> Option<Span> {
    let first = toks.first()?;
    // `Only 52 percent of registered voters agreed`.
    let only_count = lower[0] == "only"
        && toks
            .get(1)
            .is_some_and(|t| t.word.chars().all(|c| c.is_ascii_digit() || c == ','));
    let after_comma = || (1..toks.len().min(9)).find(|&j| toks[j - 1].punct == Some(','));
    // `At the Republican convention in Cleveland his operatives forced`: after an opening phrase
    // with no comma, the first description no preposition governs.
    let after_phrase = || {
        PREPOSITIONS
            .contains(&lower[0])
            .then(|| {
                // A phrase of nouns only: `After saying her right foot was` is a clause.
                (2..toks.len().min(12))
                    .take_while(|&j| {
                        !is_verb_like(toks[j - 1], &lower[j - 1]) && !lower[j - 1].ends_with("ing")
                    })
                    .find(|&j| {
                        let before = lower[j - 1].as_str();
                        opens_description(toks[j], &lower[j])
                            && !PREPOSITIONS.contains(before)
                            && !DETERMINERS.contains(before)
                            && !matches!(before, "and" | "or" | "but")
                    })
            })
            .flatten()
    };
    // `Small groups of protesters … chanting`, `Local officials said`: an adjective opening the
    // sentence before a plural noun.
    let adjective_opener = is_capitalised(first.word)
        && first.punct.is_none()
        && !is_not_name(&lower[0])
        && toks.get(1).is_some_and(|noun| {
            let w = lower[1].as_str();
            noun.word
                .chars()
                .all(|c| c.is_alphabetic() && c.is_lowercase())
                && w.len() >= 4
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !cue_word(w)
                && !is_auxiliary(w)
                && !is_adverbial(w)
        });
    if adjective_opener {
        if let Some(found) = description_from(text, toks, lower, 0) {
            return Some(found);
        }
    }
    let j = if opens_description(*first, &lower[0]) || only_count {
        0
    } else {
        after_comma().or_else(after_phrase)?
    };
    if !(opens_description(toks[j], &lower[j]) || j == 0 && only_count) {
        return None;
    }
    description_from(text, toks, lower, j)
}

/// The description that starts at `toks[j]` and ends, on a lower-case noun, right before a verb.
pub(super) fn description_from(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
    j: usize,
) -> Option<Span> {
    let verb = (j + 2..toks.len().min(j + 8))
        .take_while(|&v| {
            toks[v - 1].punct.is_none()
                && !PRONOUNS.contains(&lower[v - 1])
                && (v - 1 == j || !DETERMINERS.contains(&lower[v - 1]))
        })
        .find(|&v| is_verb_at(toks, lower, v))?;
    // `Another waitress who calls me her "sister"`: the noun before the relative pronoun.
    let head = if matches!(lower[verb - 1].as_str(), "who" | "which") && verb - 1 > j + 1 {
        verb - 1
    } else {
        verb
    };
    let noun = toks[head - 1];
    let is_noun = !is_capitalised(noun.word)
        && noun.word.chars().count() >= 3
        && noun.word.chars().all(char::is_alphabetic)
        && !is_adverbial(&lower[head - 1])
        && !is_verb_like(noun, &lower[head - 1]);
    is_noun
        .then(|| Span::new(text, toks[j].start..noun.end))
        .flatten()
}

/// A determiner, a count (`63`) or a possessive (`Clinton's`): the first word of a description.
pub(super) fn opens_description(tok: Token<'_>, lower: &str) -> bool {
    let owner = strip_possessive(tok.word);
    // `He's`, `There's`, `That's`: a contraction, not a possessive.
    let possessive = owner != tok.word
        && is_capitalised(owner)
        && !CONTRACTIONS.contains(owner.to_lowercase().as_str());
    DETERMINERS.contains(lower)
        || tok.word.chars().all(|c| c.is_ascii_digit() || c == ',')
        || possessive
}

/// `G.K. Butterfield (D-N.C.)` → `G.K. Butterfield`: a party or state in brackets is not part of
/// the name.
pub(super) fn without_affiliation(text: &str, mention: Span) -> Span {
    let m = mention.slice(text);
    match m.find(" (") {
        Some(at) if at > 0 => {
            Span::new(text, mention.start()..mention.start() + at).unwrap_or(mention)
        }
        _ => mention,
    }
}

/// A name standing in a region, as a candidate speaker.
pub(super) struct NameSeen {
    pub(super) mention: Span,
    /// The region's first word, which is capitalised whatever it is.
    pub(super) at_start: bool,
}

/// The names of a region (its quoted words left out), each as long as it runs, at most `max`.
pub(super) fn names_in(
    text: &str,
    region: super::tokens::Region,
    quoted: &[(usize, usize)],
    max: usize,
) -> Vec<NameSeen> {
    let (toks, lower) = super::tokens::words_outside(text, region, quoted, usize::MAX);
    let mut seen = Vec::new();
    for end in 1..=toks.len() {
        // The name's last word: the next word does not carry it on.
        let carries_on = toks.get(end).is_some_and(|next| {
            toks[end - 1].punct.is_none()
                && adjacent(text, toks[end - 1], *next)
                && is_capitalised(next.word)
                && !is_not_name(&lower[end])
        });
        if carries_on {
            continue;
        }
        if let Some((mention, false)) = name_ending_at(text, &toks, &lower, end) {
            let first = toks.partition_point(|t| t.start < mention.start());
            seen.push(NameSeen {
                mention,
                at_start: first == 0,
            });
            if seen.len() == max {
                break;
            }
        }
    }
    seen
}
