//! Names as the article uses them: full names by their last word (so `Coale` resolves to `John
//! Coale`), and the words that are titles, particles or no names at all.

use std::collections::HashMap;

use super::tokens::{
    Region, adjacent, is_capitalised, is_initial, strip_possessive, title_case, tokens,
};
use crate::pipeline::lexicon::grammar::DATIVE_NAME_ENDINGS;
use crate::pipeline::lexicon::names::{
    HONORIFICS, MONTH_NAMESAKES, NAME_PARTICLES, NOT_NAMES, NOT_OFFICES, TITLES,
};
use crate::pipeline::lexicon::time::{MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS};
use crate::pipeline::normalize::Paragraph;

/// Full names seen in the article, by their last word, so `Coale` resolves to `John Coale`.
#[derive(Debug, Default)]
pub(super) struct NameIndex {
    by_last: HashMap<String, String>,
}

impl NameIndex {
    pub(super) fn build(text: &str, paragraphs: &[Paragraph]) -> Self {
        let mut by_last = HashMap::new();
        for p in paragraphs {
            let region = Region {
                start: p.span.start(),
                end: p.span.end(),
            };
            let toks = tokens(text, region);
            // Every word of the article passes here: only words with capitals are copied.
            let lower: Vec<std::borrow::Cow<'_, str>> = toks
                .iter()
                .map(|t| {
                    if t.word
                        .bytes()
                        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
                    {
                        std::borrow::Cow::Borrowed(t.word)
                    } else {
                        std::borrow::Cow::Owned(t.word.to_lowercase())
                    }
                })
                .collect();
            let mut k = 0;
            while k < toks.len() {
                let starts = is_capitalised(toks[k].word)
                    && !is_title(&lower[k])
                    && !is_not_name(&lower[k])
                    && !is_addressee(&lower[k]);
                if !starts {
                    k += 1;
                    continue;
                }
                let mut j = k + 1;
                while j < toks.len()
                    && (toks[j - 1].punct.is_none() || is_initial(toks[j - 1]))
                    && adjacent(text, toks[j - 1], toks[j])
                    // `Harry Reid (D-Nev.)`: the bracket is no part of the name.
                    && !text.get(toks[j - 1].end..toks[j].start).is_some_and(|gap| gap.contains('('))
                    && !toks[j - 1].word.ends_with("'s")
                    && !toks[j - 1].word.ends_with("’s")
                    && (is_capitalised(toks[j].word) || is_particle(&lower[j]))
                    && !is_not_name(&lower[j])
                    && !is_addressee(&lower[j])
                {
                    j += 1;
                }
                // `El Presidente Gabriel Boric`: a title inside the run starts the name.
                let first = (k + 1..j.saturating_sub(2))
                    .rev()
                    .find(|&t| is_title(&lower[t]))
                    .map_or(k, |t| t + 1);
                if j - first >= 2 && j - first <= 4 {
                    let last = strip_possessive(toks[j - 1].word);
                    let full_end = toks[j - 1].start + last.len();
                    if let Some(full) = text.get(toks[first].start..full_end) {
                        by_last
                            .entry(last.to_owned())
                            .or_insert_with(|| full.to_owned());
                    }
                }
                k = j;
            }
        }
        Self { by_last }
    }

    /// Whether `word` is the last name of a full name seen in the article.
    pub(super) fn knows(&self, word: &str) -> bool {
        self.by_last.contains_key(word)
    }

    pub(super) fn resolve(&self, mention: &str) -> String {
        let words: Vec<&str> = mention.split_whitespace().collect();
        // `Steenburgen’s` (a subject owning what speaks) is `Mary Steenburgen`.
        let named = words
            .iter()
            .all(|w| is_capitalised(w) || is_particle(&w.to_lowercase()));
        let mention = if named {
            strip_possessive(mention)
        } else {
            mention
        };
        match words.as_slice() {
            [single] => {
                let single = strip_possessive(single);
                // Transcripts shout names: `WALLACE` is `Wallace`.
                let shouted = single.chars().count() >= 3
                    && single
                        .chars()
                        .all(|c| c.is_alphabetic() && !c.is_lowercase());
                let titled = if shouted {
                    title_case(single)
                } else {
                    (*single).to_owned()
                };
                self.by_last.get(titled.as_str()).cloned().unwrap_or(titled)
            }
            _ => mention.to_owned(),
        }
    }
}

/// A title or role word (`president`, `sen.`), lower-cased.
pub(super) fn is_title(lower: &str) -> bool {
    TITLES.contains(lower)
}

/// A title that names a person's office (`secretary`, `director`), not an affiliation or a
/// modifier of one (`state`, `white`, `former`).
pub(super) fn is_role(lower: &str) -> bool {
    is_title(lower) && lower.len() >= 4 && !NOT_OFFICES.contains(lower)
}

/// A capitalised word that is no name (`the`, `monday`), lower-cased.
pub(super) fn is_not_name(lower: &str) -> bool {
    NOT_NAMES.contains(lower)
        || WEEKDAYS.contains(lower)
        || MONTHS.contains(lower)
        || MONTH_ABBREVIATIONS.contains(lower) && !MONTH_NAMESAKES.contains(lower)
}

/// `Дзержинскому`, `Путину`: a name in the dative names the person spoken to.
pub(super) fn is_addressee(lower: &str) -> bool {
    DATIVE_NAME_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// `Mr.`, `Dr.`: after one, a word that may be a title (`King`, `Chancellor`) is the name.
pub(super) fn is_honorific(lower: &str) -> bool {
    HONORIFICS.contains(lower)
}

/// A lower-case word inside a name: `de`, `van`, `bin`.
pub(super) fn is_particle(lower: &str) -> bool {
    NAME_PARTICLES.contains(lower)
}
