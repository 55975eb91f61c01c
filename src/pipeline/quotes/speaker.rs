//! The speaker's mention next to a quotation: a transcript's label, a cue after the words
//! (`'Q,' Coale said`), a cue before them in the sentence (`Coale said: 'Q'`), a source named
//! (`according to X`), a noun of speech (`his message: 'Q'`), the sentence before (`…, Schiff
//! said. 'Q'`) or an introducing paragraph (`Caddell continued:`). Every way that finds a
//! mention gives a candidate; [`super::ranking`] chooses among them.

use super::clauses::{clause_subject, sentence_subject};
use super::cues::{cue_phrase, cue_word, is_adverbial, is_auxiliary, is_verb_at};
use super::names::{is_not_name, is_role, is_title};
use super::phrases::{
    description, description_subject, name_ending_at, source_after, subject_after, subject_forward,
};
use super::tokens::{
    Region, Token, adjacent, is_capitalised, is_initial, near, strip_possessive, token_iter,
    tokens, words_outside,
};
use super::{Article, ParagraphQuotes, Site};
use crate::pipeline::lexicon::grammar::{
    CONNECTIVES, DETERMINERS, PREPOSITIONS, PRONOUN_ENDINGS, PRONOUNS, SUBORDINATORS,
};
use crate::pipeline::lexicon::speech::{CUE_AUXILIARIES, CUES, SPEECH_NOUNS};
use crate::pipeline::span::Span;

/// A speaker found next to a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub(super) mention: Span,
    pub(super) cue: String,
    pub(super) pronoun: bool,
}

/// One way a quotation names its speaker.
type Way = fn(&Article<'_>, &ParagraphQuotes, &Site) -> Option<Found>;

/// The ways, in the order the rules tried them, with the names their features go by.
const WAYS: &[(&str, Way)] = &[
    ("label", label),
    ("cue_after", cue_after),
    ("cue_before", cue_before),
    ("source_after", source_named_after),
    ("speech_noun", speech_noun_before),
    ("sentence_before", speech_in_the_sentence_before),
    ("introducing_paragraph", introducing_paragraph),
];

/// The names of the ways, in order.
pub(super) fn way_names() -> impl Iterator<Item = &'static str> {
    WAYS.iter().map(|(name, _)| *name)
}

/// Every way's mention of the quotation's speaker, with the way's index, in the ways' order.
pub(super) fn mentions(
    article: &Article<'_>,
    para: &ParagraphQuotes,
    site: &Site,
) -> Vec<(usize, Found)> {
    WAYS.iter()
        .enumerate()
        .filter_map(|(i, (_, way))| way(article, para, site).map(|found| (i, found)))
        .collect()
}

/// Whether a found mention can name who spoke (see [`plausible_speaker`]). A source given after
/// `according to` may be a description of any length.
pub(super) fn is_plausible(text: &str, found: &Found) -> bool {
    found.pronoun
        || plausible_speaker(found.mention.slice(text))
        || found.cue == "according to" && found.mention.slice(text).starts_with(char::is_lowercase)
}

/// A transcript line: `"WALLACE: If I may, sir ..."` names its speaker itself.
fn label(_: &Article<'_>, _: &ParagraphQuotes, site: &Site) -> Option<Found> {
    site.label.map(|mention| Found {
        mention,
        cue: String::new(),
        pronoun: false,
    })
}

fn cue_after(article: &Article<'_>, _: &ParagraphQuotes, site: &Site) -> Option<Found> {
    if site.mark.closed {
        trailing(article.text, site.after).or_else(|| quoted_with_to(article.text, site))
    } else {
        None
    }
}

/// Japanese: `岸田首相は記者団に「…」と述べた`, `「…」と田中社長は語った`. The quotation is
/// followed by the particle `と` and a verb of saying; the speaker is the topic (before `は`, or
/// `が`) of the sentence, before the quotation or between `と` and the verb.
fn quoted_with_to(text: &str, site: &Site) -> Option<Found> {
    const TOPIC_PARTICLES: [char; 2] = ['は', 'が'];
    /// A topic longer than this is a clause, not a name or a role.
    const MAX_TOPIC_CHARS: usize = 24;
    let verbs = CUES.of("ja")?;
    // Only the words up to the next quotation or the reach after this one: a page of thousands
    // of corner quotes costs linear time.
    let rest = text
        .get(site.mark.close_end..site.after.end.max(site.mark.close_end))?
        .strip_prefix('と')?;
    let speaking = |s: &str| verbs.iter().find(|v| s.starts_with(**v)).copied();
    let topic_of = |region: &str, offset: usize| {
        let at = region.find(TOPIC_PARTICLES)?;
        let topic = region[..at].trim_start();
        let start = offset + (at - topic.len());
        (!topic.is_empty()
            && topic.chars().count() <= MAX_TOPIC_CHARS
            && !topic.contains(['、', '。', '「', '」']))
        .then(|| Span::new(text, start..offset + at))
        .flatten()
    };
    let (mention, verb) = if let Some(verb) = speaking(rest) {
        let before = site.whole_sentence.slice(text);
        (topic_of(before, site.whole_sentence.start)?, verb)
    } else {
        // `と田中社長は語った`: the topic between the particle and the verb.
        let offset = site.mark.close_end + 'と'.len_utf8();
        let at = rest.find(TOPIC_PARTICLES)?;
        let particle_end = at + rest[at..].chars().next()?.len_utf8();
        let verb = speaking(rest.get(particle_end..)?)?;
        (topic_of(&rest[..particle_end], offset)?, verb)
    };
    Some(Found {
        mention,
        cue: verb.to_owned(),
        pronoun: false,
    })
}

fn cue_before(article: &Article<'_>, para: &ParagraphQuotes, site: &Site) -> Option<Found> {
    leading(article.text, site.whole_sentence, site.nearby(para))
}

fn source_named_after(article: &Article<'_>, _: &ParagraphQuotes, site: &Site) -> Option<Found> {
    according_to_later(article.text, site.after)
}

/// `President Obama is rolling out a new campaign message: "It's about me."`: words announced by
/// a noun of speech are the sentence subject's.
fn speech_noun_before(article: &Article<'_>, para: &ParagraphQuotes, site: &Site) -> Option<Found> {
    let text = article.text;
    let intro = site.before.slice(text).trim_end().strip_suffix(':')?;
    let noun = intro.rsplit(char::is_whitespace).next()?.to_lowercase();
    if !SPEECH_NOUNS.contains(&noun) {
        return None;
    }
    let (mention, pronoun) =
        clause_subject(text, site.whole_sentence, site.nearby(para), &article.names)?;
    Some(Found {
        mention,
        cue: noun,
        pronoun,
    })
}

/// `The administration may wait, Schiff said. "The other factor …"`: a quotation opening its
/// sentence, after a sentence of reported speech with no quotation in it, goes on in that
/// speaker's words.
fn speech_in_the_sentence_before(
    article: &Article<'_>,
    para: &ParagraphQuotes,
    site: &Site,
) -> Option<Found> {
    let text = article.text;
    let opens_sentence = text
        .get(site.sentence_start..site.mark.open)
        .is_some_and(|s| s.trim().is_empty());
    if !opens_sentence {
        return None;
    }
    // Sentences and quotations are in text order: searches, not scans, so a paragraph of
    // thousands of quotations costs linear time.
    let at = para
        .sentences
        .binary_search_by_key(&site.open_sentence.start(), |s| s.start())
        .ok()
        .filter(|&k| para.sentences[k] == site.open_sentence)?;
    let previous = *para.sentences.get(at.checked_sub(1)?)?;
    if !near(&para.quoted, previous.start(), previous.end()).is_empty() {
        return None;
    }
    let region = Region {
        start: previous.start(),
        end: previous.end(),
    };
    // A name, not the capitalised first word of any sentence (`Бывшая супермодель призналась`),
    // unless the article gives it as a last name.
    leading(text, region, &[]).filter(|f| {
        let mention = f.mention.slice(text);
        let first_word = text
            .get(previous.start()..f.mention.start())
            .is_some_and(|s| s.trim().is_empty());
        !f.pronoun
            && (!first_word
                || mention.split_whitespace().nth(1).is_some()
                || article.names.knows(strip_possessive(mention)))
    })
}

/// `Caddell continued:` / `The New York Times reports:` as a paragraph of its own, the quotation
/// in the next one.
fn introducing_paragraph(
    article: &Article<'_>,
    para: &ParagraphQuotes,
    site: &Site,
) -> Option<Found> {
    let text = article.text;
    let previous = article.paragraphs.get(para.index.checked_sub(1)?)?.span;
    let intro = previous.slice(text).trim_end();
    let introduces = para.opens_with_quote
        && site.mark.open == para.marks[0].open
        && intro.ends_with(':')
        && intro.split_whitespace().count() <= 30;
    if !introduces {
        return None;
    }
    let region = Region {
        start: previous.start(),
        end: previous.end(),
    };
    leading(text, region, &[]).or_else(|| {
        let (mention, pronoun) = sentence_subject(text, region, &[], &article.names)?;
        Some(Found {
            mention,
            cue: String::new(),
            pronoun,
        })
    })
}

// === cue after the quotation ===

/// The words after a quotation that its attribution is read from: a cue, its subject and an
/// appositive fit, and a paragraph of thousands of quotations costs no more per quotation.
const TRAILING_WORDS: usize = 40;

/// `'Q,' said John Coale` / `'Q,' Trump said` / `'Q,' X, the ..., told reporters` / `'Q,' he said`:
/// the cue after the quote, and its subject before or after it.
fn trailing(text: &str, after: Region) -> Option<Found> {
    let toks: Vec<Token<'_>> = token_iter(text, after).take(TRAILING_WORDS).collect();
    let lower: Vec<String> = toks.iter().map(|t| t.word.to_lowercase()).collect();
    let first = toks.first()?;
    // `"Q" ― Pamela Padilla`: a dash and a name sign the quote.
    let signed = after.slice(text).trim_start().starts_with(['—', '―', '–']);
    if signed && is_capitalised(first.word) {
        let (mention, pronoun, _) = subject_forward(text, &toks, &lower)?;
        return (!pronoun).then(|| Found {
            mention,
            cue: String::new(),
            pronoun,
        });
    }
    // `a déclaré X`, `ha detto X`, `hat gesagt X`: an auxiliary before the cue.
    let auxiliary =
        CUE_AUXILIARIES.contains(&lower[0]) && lower.get(1).is_some_and(|w| cue_word(w));
    let (toks, lower) = if auxiliary {
        (&toks[1..], &lower[1..])
    } else {
        (&toks[..], &lower[..])
    };
    if cue_word(&lower[0]) {
        // said John Coale / said the official / according to
        let rest = &toks[1..];
        if lower.get(1).is_some_and(|w| w == "it") {
            return None;
        }
        if let Some((mention, pronoun)) = subject_after(text, rest, &lower[1..]) {
            return Some(Found {
                mention,
                cue: cue_phrase(toks, lower, 0),
                pronoun,
            });
        }
        return None;
    }
    // `according to X`, `, per the party's bylaws`: the source the words are taken from.
    let source = if lower[0] == "according" && lower.get(1).is_some_and(|w| w == "to") {
        Some((2, "according to"))
    } else {
        (lower[0] == "per").then_some((1, "per"))
    };
    if let Some((skip, cue)) = source {
        let (mention, pronoun) = source_after(text, &toks[skip..], &lower[skip..])?;
        return Some(Found {
            mention,
            cue: cue.into(),
            pronoun,
        });
    }
    if lower[0] == "as" {
        return as_put_it(text, toks, lower, 0);
    }
    // `panel Chairman Rep. Jason Chaffetz (R-Utah) said`: no subject at the start, a cue later.
    let Some((mention, pronoun, used)) = subject_forward(text, toks, lower) else {
        return descriptor_then_cue(text, toks, lower);
    };
    // The cue right after the subject, or after an appositive of one or more comma-separated
    // parts: `Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said`.
    let cue_after = |k: usize| {
        let mut k = k;
        while lower
            .get(k)
            .is_some_and(|w| is_adverbial(w) && !cue_word(w))
        {
            k += 1;
        }
        lower.get(k).is_some_and(|w| cue_word(w)).then_some(k)
    };
    let cue_at = if toks.get(used - 1).is_some_and(|t| t.punct == Some(',')) {
        (used..toks.len().min(used + 30))
            .take_while(|&j| {
                !matches!(toks[j].punct, Some('.' | '!' | '?' | ';')) || is_initial(toks[j])
            })
            .filter(|&j| toks[j].punct == Some(','))
            .find_map(|j| cue_after(j + 1))
    } else {
        cue_after(used)
    };
    if let Some(k) = cue_at {
        // `"our own struggling citizens," Melanie said yes`: she said `yes`, not the quote.
        if lower
            .get(k + 1)
            .is_some_and(|w| matches!(w.as_str(), "yes" | "no"))
        {
            return None;
        }
        return Some(Found {
            mention,
            cue: cue_phrase(toks, lower, k),
            pronoun,
        });
    }
    descriptor_then_cue(text, toks, lower)
}

/// `'Q,' IMF chief economist Maury Obstfeld said`: the first cue within a dozen words of the
/// quote, its subject the name just before it.
fn descriptor_then_cue(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Found> {
    // `"That makes me smart," when Clinton blasted him`: a clause of its own, not an attribution.
    if lower.first().is_some_and(|w| SUBORDINATORS.contains(w)) {
        return None;
    }
    let cue_at = (1..toks.len().min(12))
        .take_while(|&k| {
            !matches!(toks[k - 1].punct, Some('.' | '!' | '?' | ';'))
                || is_initial(toks[k - 1])
                || is_title(&lower[k - 1])
        })
        .find(|&k| cue_word(&lower[k]) && !is_capitalised(toks[k].word))?;
    let cue = cue_phrase(toks, lower, cue_at);
    if let Some((mention, pronoun)) = name_ending_at(text, toks, lower, cue_at) {
        return Some(Found {
            mention,
            cue,
            pronoun,
        });
    }
    // `'Q,' my father often said`, `'Q,' the ruling says`: a description is the speaker; so
    // is a bare plural (`'Q,' federal prosecutors wrote`).
    let mention = description(text, toks, lower, 0, cue_at)
        .or_else(|| bare_plural(text, toks, lower, cue_at))?;
    Some(Found {
        mention,
        cue,
        pronoun: false,
    })
}

/// `federal prosecutors`, `officials`: lower-case words right before the cue (three at most),
/// ending in a plural noun, the quote's own speakers with no determiner.
fn bare_plural(text: &str, toks: &[Token<'_>], lower: &[String], cue_at: usize) -> Option<Span> {
    let noun = lower.get(cue_at.checked_sub(1)?)?;
    let words = &toks[..cue_at];
    let plain = (1..=3).contains(&cue_at)
        && words.iter().all(|t| {
            t.punct.is_none()
                && t.word.chars().count() >= 3
                && t.word
                    .chars()
                    .all(|c| c.is_alphabetic() && c.is_lowercase() || c == '-')
        })
        && lower[..cue_at]
            .iter()
            .all(|w| !PRONOUNS.contains(w) && !is_adverbial(w) && !is_auxiliary(w));
    let plural = noun.len() >= 5 && noun.ends_with('s') && !noun.ends_with("ss");
    (plain && plural)
        .then(|| Span::new(text, words[0].start..words[cue_at - 1].end))
        .flatten()
}

/// `… chants of "Bobby!" at a labor conference last month, according to Doris Crouse-Mays.`:
/// a source named at the end of the quote's sentence.
fn according_to_later(text: &str, after: Region) -> Option<Found> {
    let toks = tokens(text, after);
    let lower: Vec<String> = toks.iter().map(|t| t.word.to_lowercase()).collect();
    let k = (0..toks.len().saturating_sub(2))
        .take_while(|&k| k == 0 || !matches!(toks[k - 1].punct, Some('.' | '!' | '?' | ';')))
        .find(|&k| lower[k] == "according" && lower[k + 1] == "to")?;
    let (mention, pronoun) = source_after(text, &toks[k + 2..], &lower[k + 2..])?;
    (!pronoun).then(|| Found {
        mention,
        cue: "according to".into(),
        pronoun,
    })
}

/// `WALLACE: If I may ...` → the label's span and the quote's span after it.
pub(super) fn transcript_label(text: &str, span: Span) -> Option<(Span, Span)> {
    let s = span.slice(text);
    let colon = s.get(..48.min(s.len())).and_then(|head| head.find(": "))?;
    let label = &s[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let upper = label
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    if letters < 2 || !upper || label.split_whitespace().count() > 4 {
        return None;
    }
    let rest_start = span.start() + colon + 1;
    let mention = Span::new(text, span.start()..span.start() + colon)?;
    let rest = Span::new(text, rest_start..span.end())?.trim(text);
    (!rest.is_empty()).then_some((mention, rest))
}

/// Whether a mention can name who spoke: not a day or month, not ending on a connective (`… and`,
/// `… filed by`), and a lower-case description (`the former secretary of state`) of a few words
/// only.
fn plausible_speaker(mention: &str) -> bool {
    let words: Vec<String> = mention
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    let first = words[0].as_str();
    let described = mention.starts_with(char::is_lowercase);
    // `CONGRESS HAS INVESTIGATED HIM`: a shouted heading; one shouted word may be a transcript's
    // speaker (`WALLACE`).
    let shouted = words.len() > 1 && !mention.chars().any(char::is_lowercase);
    !(words.len() == 1 && is_not_name(last)
        || shouted
        || CONNECTIVES.contains(last)
        || ["and", "but", "unlike", "or"].contains(&first)
        || described && words.len() == 1 && !PRONOUNS.contains(first) && !is_role(first)
        || described && words.len() > 10)
}

// === cue before the quotation ===

/// `Coale said: 'Q'`, `Trump told reporters ... Russia would 'allow'`: the subject of the last
/// cue verb before the quote in its sentence, quoted words skipped.
fn leading(text: &str, before: Region, quoted: &[(usize, usize)]) -> Option<Found> {
    let (toks, lower) = words_outside(text, before, quoted, usize::MAX);
    if let Some(found) = according_to_before(text, &toks, &lower) {
        return Some(found);
    }
    // A capitalised cue inside a sentence is a name: `the United States`, `Says Who`; a cue in
    // a relative clause (`a woman who suggested`) is not the quote's.
    let cue_at = (0..toks.len()).rev().find(|&k| {
        cue_word(&lower[k])
            && !(k == 0 && lower[k] == "asked")
            && (k == 0
                || !is_capitalised(toks[k].word)
                    && !matches!(lower[k - 1].as_str(), "who" | "which"))
    });
    let Some(cue_at) = cue_at else {
        let put_it = (0..toks.len())
            .rev()
            .filter(|&k| lower[k] == "as")
            .find_map(|k| as_put_it(text, &toks, &lower, k));
        return put_it.or_else(|| claim_owner(text, &toks, &lower));
    };
    let cue = CueBefore::new(text, before, toks, lower, cue_at);
    cue.subject().map(|(mention, pronoun)| Found {
        mention,
        cue: cue.phrase.clone(),
        pronoun,
    })
}

/// `… according to Doris Crouse-Mays, "Q"`: the last source named before the quote.
fn according_to_before(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Found> {
    let k = (0..toks.len())
        .rev()
        .find(|&k| lower[k] == "according" && lower.get(k + 1).is_some_and(|w| w == "to"))?;
    let (mention, pronoun) = source_after(text, &toks[k + 2..], &lower[k + 2..])?;
    Some(Found {
        mention,
        cue: "according to".into(),
        pronoun,
    })
}

/// The words before a quotation, read from the last cue in them.
struct CueBefore<'a> {
    text: &'a str,
    before: Region,
    toks: Vec<Token<'a>>,
    lower: Vec<String>,
    /// The cue's token.
    cue_at: usize,
    /// Where the cue's subject ends: right before the cue, adverbials skipped.
    k: usize,
    /// The cue as written, with `reporters` after `told`.
    phrase: String,
}

impl<'a> CueBefore<'a> {
    fn new(
        text: &'a str,
        before: Region,
        toks: Vec<Token<'a>>,
        lower: Vec<String>,
        cue_at: usize,
    ) -> Self {
        let phrase = cue_phrase(&toks, &lower, cue_at);
        // Right before the cue, skipping adverbials and one appositive.
        let mut k = cue_at;
        while k > 0 && is_adverbial(&lower[k - 1]) && !cue_word(&lower[k - 1]) {
            k -= 1;
        }
        Self {
            text,
            before,
            toks,
            lower,
            cue_at,
            k,
            phrase,
        }
    }

    /// Where the cue's subject stands, in the order the places are tried: the mention, and
    /// whether it is a pronoun.
    fn subject(&self) -> Option<(Span, bool)> {
        self.clause_after_the_cue()
            .or_else(|| self.owner_that_speaks())
            .or_else(|| self.subject_of_a_participle())
            .or_else(|| self.name_before_an_appositive())
            .or_else(|| self.subject_of_a_second_verb())
            .or_else(|| self.description_ending_in_a_noun())
            .or_else(|| self.name_before_the_cue())
            .or_else(|| self.description_before_the_cue())
            .or_else(|| self.name_after_the_cue())
            .or_else(|| self.nearest_name())
    }

    /// `she said, but …, and as Trump went on about "how the system is rigged"`: a clause opened
    /// after the cue, with a named subject of its own, holds the quote; its subject is the
    /// speaker.
    fn clause_after_the_cue(&self) -> Option<(Span, bool)> {
        let (toks, lower) = (&self.toks, &self.lower);
        (self.cue_at + 1..toks.len().saturating_sub(2))
            .rev()
            .filter(|&j| matches!(lower[j].as_str(), "as" | "while" | "when"))
            .find_map(|j| {
                let (mention, pronoun, used) =
                    subject_forward(self.text, &toks[j + 1..], &lower[j + 1..]).filter(|m| !m.1)?;
                let verb = lower.get(j + 1 + used)?;
                (is_capitalised(toks[j + 1].word)
                    && !is_not_name(&lower[j + 1])
                    && !is_capitalised(toks[j + 1 + used].word)
                    && !PREPOSITIONS.contains(verb))
                .then_some((mention, pronoun))
            })
    }

    /// `Ivana Trump's brief said`, `Gary Johnson's doctor is calling`: what a person owns that
    /// speaks (a lawyer's brief, a campaign, a doctor) is the speaker, not the person.
    fn owner_that_speaks(&self) -> Option<(Span, bool)> {
        let (toks, lower, k) = (&self.toks, &self.lower, self.k);
        let verb_at = if k > 0 && matches!(lower[k - 1].as_str(), "is" | "was" | "has" | "had") {
            k - 1
        } else {
            k
        };
        let owned = verb_at >= 2
            && toks[verb_at - 2].punct.is_none()
            && toks[verb_at - 1].punct.is_none()
            && toks[verb_at - 1].word.chars().all(char::is_lowercase)
            && toks[verb_at - 1].word.chars().count() >= 4
            && !is_adverbial(&lower[verb_at - 1])
            && strip_possessive(toks[verb_at - 2].word) != toks[verb_at - 2].word;
        if !owned {
            return None;
        }
        let (owner, false) = name_ending_at(self.text, toks, lower, verb_at - 1)? else {
            return None;
        };
        let mention = Span::new(self.text, owner.start()..toks[verb_at - 1].end)?;
        Some((mention, false))
    }

    /// `Trump attacked Clinton for … Iraq and Libya, saying, 'Q'`: a participle after a comma is
    /// the sentence's subject's, not the nearest name's. So is one after `by`/`while` (`began by
    /// saying`), or one after a thing, not a person (`unleashed a series of tweets early Friday
    /// saying`).
    fn subject_of_a_participle(&self) -> Option<(Span, bool)> {
        let (text, toks, lower, k, cue_at) =
            (self.text, &self.toks, &self.lower, self.k, self.cue_at);
        let participle = k == cue_at
            && k > 0
            && lower[cue_at].ends_with("ing")
            && (toks[k - 1].punct == Some(',')
                || matches!(
                    lower[k - 1].as_str(),
                    "by" | "while" | "after" | "before" | "when"
                )
                || name_ending_at(text, toks, lower, k).is_none());
        if !participle {
            return None;
        }
        if let Some(mention) = description_subject(text, &toks[..cue_at], &lower[..cue_at]) {
            return Some((mention, false));
        }
        (0..toks.len().min(12).min(cue_at)).find_map(|s| {
            // `the New York businessman said, arguing`: a description opening the sentence.
            let opens = PRONOUNS.contains(&lower[s])
                || s == 0 && DETERMINERS.contains(&lower[s])
                || is_capitalised(toks[s].word) && !is_not_name(&lower[s]);
            opens
                .then(|| subject_forward(text, &toks[s..cue_at], &lower[s..cue_at]))
                .flatten()
                .map(|(mention, pronoun, _)| (mention, pronoun))
        })
    }

    /// `Scott Pruitt, the attorney general of Oklahoma, said`: the name before an appositive
    /// that ends right before the cue; or the description opening the sentence before it (`An
    /// Israeli official, speaking on the condition of anonymity, said`).
    fn name_before_an_appositive(&self) -> Option<(Span, bool)> {
        let (toks, lower, k) = (&self.toks, &self.lower, self.k);
        if !(k > 0 && toks[k - 1].punct == Some(',')) {
            return None;
        }
        let open = (k.saturating_sub(25)..k - 1)
            .rev()
            .find(|&j| toks[j].punct == Some(','))?;
        if let Some(name) = name_ending_at(self.text, toks, lower, open + 1) {
            return Some(name);
        }
        let described = (1..=6).contains(&open)
            && DETERMINERS.contains(&lower[0])
            && !is_capitalised(toks[open].word)
            && toks[..open].iter().all(|t| t.punct.is_none())
            && lower[..=open]
                .iter()
                .all(|w| !is_auxiliary(w) && !cue_word(w));
        described
            .then(|| Span::new(self.text, toks[0].start..toks[open].end))
            .flatten()
            .map(|mention| (mention, false))
    }

    /// `Clinton … sponsored by NBC News and said`: a second verb of the sentence's subject, after
    /// a subordinating conjunction if one opens the sentence (`Though she called … and called`).
    fn subject_of_a_second_verb(&self) -> Option<(Span, bool)> {
        let (toks, lower, k) = (&self.toks, &self.lower, self.k);
        let subject_at = usize::from(lower.first().is_some_and(|w| SUBORDINATORS.contains(w)));
        if !(k > subject_at
            && lower[k - 1] == "and"
            && toks.first().is_some_and(|t| is_capitalised(t.word)))
        {
            return None;
        }
        subject_forward(self.text, &toks[subject_at..], &lower[subject_at..])
            .filter(|&(_, pronoun, used)| pronoun || self.lone_subject(subject_at, used))
            .map(|(mention, pronoun, _)| (mention, pronoun))
    }

    /// `The former first lady and U.S. senator said`: ending in a lower-case noun, the words
    /// before the cue describe the speaker; a capital inside them is not the name.
    fn description_ending_in_a_noun(&self) -> Option<(Span, bool)> {
        let (toks, lower, k) = (&self.toks, &self.lower, self.k);
        let ends_in_noun = k > 0
            && !is_capitalised(toks[k - 1].word)
            && toks[k - 1].word.chars().count() > 3
            && !PRONOUN_ENDINGS.contains(&lower[k - 1]);
        if !ends_in_noun {
            return None;
        }
        self.description_before_the_cue()
    }

    fn name_before_the_cue(&self) -> Option<(Span, bool)> {
        name_ending_at(self.text, &self.toks, &self.lower, self.k)
    }

    /// `The senator said he would 'introduce legislation'`: a description right before the cue.
    /// `marching through the streets chanted`: a phrase after a preposition is no subject.
    fn description_before_the_cue(&self) -> Option<(Span, bool)> {
        let (text, toks, lower, k) = (self.text, &self.toks, &self.lower, self.k);
        let opener = (k.saturating_sub(10)..k).find(|&j| {
            DETERMINERS.contains(&lower[j])
                // `an episode of "The Steve Harvey Morning Show," the former secretary of
                // state`: a preposition governs the quoted title, not the description after it.
                && (j == 0
                    || !PREPOSITIONS.contains(&lower[j - 1])
                    || !adjacent(text, toks[j - 1], toks[j]))
                && toks[j..k.saturating_sub(1)]
                    .iter()
                    .all(|t| t.punct.is_none() || t.punct == Some('.') && t.word.contains('.'))
        })?;
        description(text, toks, lower, opener, k).map(|mention| (mention, false))
    }

    /// `said John Coale:` before the quote; a phrase after the cue is its object there
    /// (`telling a press conference that`), so only a name counts. After `told`, the name is the
    /// listener (`told NBC News:`), never the speaker.
    fn name_after_the_cue(&self) -> Option<(Span, bool)> {
        let (text, toks, lower, cue_at) = (self.text, &self.toks, &self.lower, self.cue_at);
        if matches!(lower[cue_at].as_str(), "told" | "tells" | "telling") {
            return None;
        }
        // `63 percent said Clinton was "justified"`: a name followed by its own verb is the
        // subject of the reported clause, not the speaker.
        let reported_subject = |mention: Span| {
            text.get(mention.end()..self.before.end)
                .and_then(|rest| rest.split_whitespace().next())
                .is_some_and(|w| is_auxiliary(&w.to_lowercase()))
        };
        let (mention, pronoun) = subject_after(text, &toks[cue_at + 1..], &lower[cue_at + 1..])?;
        (!pronoun && is_capitalised(mention.slice(text)) && !reported_subject(mention))
            .then_some((mention, pronoun))
    }

    /// `Hegseth appeared to backtrack ..., telling a press conference that 'Q'`: the nearest
    /// name, unless a preposition makes it an object (`regarding Muslims and immigrants`).
    fn nearest_name(&self) -> Option<(Span, bool)> {
        let (toks, lower) = (&self.toks, &self.lower);
        (0..self.cue_at).rev().find_map(|j| {
            name_ending_at(self.text, toks, lower, j + 1)
                .filter(|(_, pronoun)| !pronoun)
                .filter(|(mention, _)| {
                    let first = toks.partition_point(|t| t.start < mention.start());
                    match first.checked_sub(1) {
                        None => self.lone_subject(0, j + 1),
                        Some(before) => {
                            !PREPOSITIONS.contains(&lower[before]) && lower[before] != "regarding"
                        }
                    }
                })
        })
    }

    /// `Preys on our worst fears …, and calls people "losers"`: a list of charges with no
    /// subject. A one-word name opening the sentence is a subject only before a verb or an
    /// appositive.
    fn lone_subject(&self, at: usize, used: usize) -> bool {
        let (toks, lower) = (&self.toks, &self.lower);
        let after = at + used;
        let word = toks[after - 1].word;
        used > 1
            || toks[after - 1].punct == Some(',')
            || strip_possessive(word) != word
            || toks.get(after).is_some_and(|t| {
                is_verb_at(toks, lower, after)
                    || (lower[after].ends_with('s') || lower[after].ends_with("ing"))
                        && !is_capitalised(t.word)
                        && !PREPOSITIONS.contains(&lower[after])
            })
    }
}

/// `, as a Homeland Security memo put it` (after the quote), `as The New Yorker put it in a
/// lengthy expose, "the operator"` (before it): whose wording it is, `as` at `toks[at]`.
fn as_put_it(text: &str, toks: &[Token<'_>], lower: &[String], at: usize) -> Option<Found> {
    let put = (at + 2..toks.len().min(at + 10))
        .find(|&j| lower[j] == "put" && lower.get(j + 1).is_some_and(|w| w == "it"))?;
    let (mention, pronoun, used) = subject_forward(text, &toks[at + 1..put], &lower[at + 1..put])?;
    (at + 1 + used == put).then(|| Found {
        mention,
        cue: "put it".into(),
        pronoun,
    })
}

/// `Donald Trump's claim that there have been "thousands of shootings"`: with no cue, whose
/// claim, statement or remark the quoted words are, among the last words before them.
fn claim_owner(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Found> {
    let noun = (toks.len().saturating_sub(8)..toks.len())
        .rev()
        .find(|&k| SPEECH_NOUNS.contains(&lower[k]))?;
    let owner = toks.get(noun.checked_sub(1)?)?;
    // The quoted words are the claim's content (`claim that …`, `remarks about …`), not a
    // verdict on it (`Trump's statement was "true"`).
    let content = lower
        .get(noun + 1)
        .is_none_or(|w| matches!(w.as_str(), "that" | "of" | "about"));
    if strip_possessive(owner.word) == owner.word || owner.punct.is_some() || !content {
        return None;
    }
    let (mention, pronoun) = name_ending_at(text, toks, lower, noun)?;
    (!pronoun).then(|| Found {
        mention,
        cue: toks[noun].word.to_owned(),
        pronoun,
    })
}
