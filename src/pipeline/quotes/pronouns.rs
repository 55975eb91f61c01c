//! Pronouns as speakers: `he`, `she` and `they` stand for the named subject of their own
//! sentence, of a sentence just before, or for the last speaker, when the article's evidence of
//! that person's gender fits; else for nobody.

use std::collections::HashMap;

use super::clauses::{clause_subject, recent_subject, sentence_subject};
use super::names::NameIndex;
use super::tokens::{Region, is_capitalised, strip_possessive, tokens};
use super::{Article, Site, Told};
use crate::pipeline::segment::Sentence;
use crate::pipeline::span::Span;

/// The speaker a pronoun mention (`he`, `she`, `they`) stands for. The named subject of its own
/// sentence when the pronoun comes after it (`Ban Ki-moon condemned what he called "…"`); else
/// the subject of a sentence just before, when it is a known speaker's name; else the last
/// speaker. `Clinton's campaign … what they call …`: `they` may stand for a description; `he`
/// and `she` for a name. The first candidate whose gender, as far as the article tells it, fits
/// the pronoun; none when every candidate is of the other gender.
pub(super) fn antecedent(
    article: &Article<'_>,
    told: &Told,
    site: &Site,
    nearby: &[(usize, usize)],
    mention: Span,
) -> Option<String> {
    let text = article.text;
    let mention_text = mention.slice(text);
    let plural = mention_text.eq_ignore_ascii_case("they");
    let own = if plural {
        clause_subject(text, site.whole_sentence, nearby, &article.names)
    } else {
        sentence_subject(text, site.whole_sentence, nearby, &article.names)
    }
    .filter(|(m, pronoun)| !pronoun && m.end() <= mention.start())
    .map(|(m, _)| article.names.resolve(m.slice(text)));
    let pronoun = mention_text.to_lowercase();
    let fits = |name: &String| plural || article.genders().fits(name, &pronoun);
    own.filter(fits)
        .or_else(|| {
            recent_subject(text, article.sentences, site.mark.open, &article.names).filter(fits)
        })
        .or_else(|| told.last_speaker().filter(fits))
}

/// What the article tells of each named person's gender: the pronoun that follows them as the
/// subject of a sentence (`Clinton said she would …`), and an honorific before their last name
/// (`Mr. Tribe`). Counted as evidence for `he` and for `she`.
#[derive(Debug, Default)]
pub(super) struct Genders {
    by_name: HashMap<String, (u32, u32)>,
}

impl Genders {
    pub(super) fn build(text: &str, sentences: &[Sentence], names: &NameIndex) -> Self {
        let mut by_name: HashMap<String, (u32, u32)> = HashMap::new();
        for sentence in sentences {
            let region = Region {
                start: sentence.span.start(),
                end: sentence.span.end(),
            };
            // Most sentences have neither an honorific nor a pronoun after their subject.
            let words = region.slice(text);
            let honorific = words.contains("Mr") || words.contains("Ms") || words.contains("Miss");
            let pronoun = words.contains(" he ") || words.contains(" she ");
            if !honorific && !pronoun {
                continue;
            }
            let toks = tokens(text, region);
            // `Mr. Tribe`, `Ms. Clinton`: an honorific names the gender outright.
            for pair in toks.windows(2) {
                let honorific = match pair[0].word.to_lowercase().as_str() {
                    "mr" => Some((3, 0)),
                    "mrs" | "ms" | "miss" => Some((0, 3)),
                    _ => None,
                };
                if let Some((he, she)) = honorific.filter(|_| is_capitalised(pair[1].word)) {
                    let entry = by_name
                        .entry(names.resolve(strip_possessive(pair[1].word)))
                        .or_default();
                    entry.0 += he;
                    entry.1 += she;
                }
            }
            // `Clinton said she would …`: the pronoun after the subject, before any quotation.
            if !pronoun {
                continue;
            }
            let Some((mention, false)) = sentence_subject(text, region, &[], names) else {
                continue;
            };
            let until = text
                .get(mention.end()..region.end)
                .and_then(|rest| rest.find(['"', '“', '”', '«', '‘']))
                .map_or(region.end, |at| mention.end() + at);
            let counted = toks
                .iter()
                .filter(|t| t.start >= mention.end() && t.end <= until)
                .find_map(|t| match t.word.to_lowercase().as_str() {
                    // Subject pronouns only: `McCaskill scolded him` is about someone else.
                    "he" => Some((1, 0)),
                    "she" => Some((0, 1)),
                    _ => None,
                });
            if let Some((he, she)) = counted {
                let entry = by_name
                    .entry(names.resolve(mention.slice(text)))
                    .or_default();
                entry.0 += he;
                entry.1 += she;
            }
        }
        Self { by_name }
    }

    /// Whether `pronoun` (`he`, `she`) may stand for `name`: yes unless the article's evidence
    /// is at least two to one for the other gender.
    pub(super) fn fits(&self, name: &str, pronoun: &str) -> bool {
        let Some(&(he, she)) = self.by_name.get(name) else {
            return true;
        };
        match pronoun {
            "he" => !(she > 0 && she >= 2 * he),
            "she" => !(he > 0 && he >= 2 * she),
            _ => true,
        }
    }
}
