//! The article's language, decided once, and what each later stage knows of it: a [`Profile`]
//! holds the sentence rules and the capitalisation convention, so "what do we support for
//! Czech" has one answer.

use super::input::Hints;
use super::lexicon::Words;
use super::lexicon::abbreviations::{
    ORDINAL_DOT, PREPOSITIVE, SENTENCE_ABBREVIATIONS, SENTENCE_OPENERS,
};
use super::lexicon::grammar::{STOP_WORD_LANGUAGES, UNCASED_LANGUAGES};
use super::lexicon::names::TITLES;
use super::lexicon::speech::CUES;
use super::lexicon::{page_lines, sections};

/// The article's language as a BCP 47 tag (empty when unknown), and the confidence in it (0–1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Language {
    /// The tag: the caller's hint as given, `<html lang>` as written, or a detected subtag.
    pub tag: String,
    /// 1 for a hint, 0.9 for `<html lang>`, the detector's confidence otherwise.
    pub confidence: f32,
}

/// The primary subtag of a BCP 47 tag, lower-cased: `pt` for `pt-BR`, `de` for `DE_ch`.
#[must_use]
pub(crate) fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Characters of the body the language detector reads: 500 decide as 1,000 (and 3,000) did on
/// the 131 multilingual benchmark articles given as text and on the 21 languages of the golden
/// rules, at half the cost (400 did too; 500 keeps a margin).
const LANGUAGE_SAMPLE_CHARS: usize = 500;

/// The article's language: the caller's hint, else the page's (`<html lang>`) when detection
/// does not contradict it, else detection. A disagreement is a warning.
#[must_use]
pub fn resolve(
    text: &str,
    hints: &Hints,
    page_language: Option<&str>,
    warnings: &mut Vec<String>,
) -> Language {
    // A sample decides the language as well as the whole text, at a fraction of the cost.
    let sample = text
        .char_indices()
        .nth(LANGUAGE_SAMPLE_CHARS)
        .and_then(|(i, _)| text.get(..i))
        .unwrap_or(text);
    let detected = whatlang::detect(sample).and_then(|info| {
        let code = tag_of(info.lang(), sample)?;
        Some((code, info.confidence() as f32, info.is_reliable()))
    });
    if let Some(hint) = &hints.language {
        if let Some((code, _, true)) = &detected {
            if *code != primary_subtag(hint) {
                warnings.push(format!(
                    "hints.language is {hint:?} but the text reads as {code:?}; the hint was kept"
                ));
            }
        }
        return Language {
            tag: hint.clone(),
            confidence: 1.0,
        };
    }
    if let Some(lang) = page_language {
        return match &detected {
            Some((code, conf, true)) if *code != primary_subtag(lang) => {
                warnings.push(format!(
                    "<html lang> is {lang:?} but the text reads as {code:?}; detection was used"
                ));
                Language {
                    tag: code.clone(),
                    confidence: *conf,
                }
            }
            _ => Language {
                tag: lang.to_owned(),
                confidence: 0.9,
            },
        };
    }
    // A guess the detector itself gives no weight (`Hello world.` reads as Dutch at 0.009) is
    // no language: unknown, with the confidence it had.
    detected
        .map(|(tag, confidence, reliable)| Language {
            tag: if reliable || confidence >= MIN_GUESS_CONFIDENCE {
                tag
            } else {
                String::new()
            },
            confidence,
        })
        .unwrap_or_default()
}

/// Below this, an unreliable detection is no language at all.
const MIN_GUESS_CONFIDENCE: f32 = 0.1;

/// The BCP 47 tag of a detected language. whatlang names Mandarin and Iranian Persian by their
/// ISO 639-3 codes, which have no two-letter form: they are Chinese and Persian in BCP 47. It has
/// no Kazakh: Cyrillic text that writes Kazakh's own letters often is Kazakh. On short text it
/// takes Dutch for Afrikaans: their articles tell them apart (`de`, `het`, `een` against `die`, `'n`).
fn tag_of(lang: whatlang::Lang, text: &str) -> Option<String> {
    let tag = match lang {
        whatlang::Lang::Cmn => "zh",
        whatlang::Lang::Pes => "fa",
        whatlang::Lang::Afr if dutch_articles(text) => "nl",
        other => isolang::Language::from_639_3(other.code()).and_then(|l| l.to_639_1())?,
    };
    if matches!(tag, "ru" | "uk" | "be" | "bg" | "sr" | "mk") {
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        let kazakh = text
            .chars()
            .filter(|c| {
                matches!(
                    c,
                    'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'Ә' | 'Ғ' | 'Қ' | 'Ң' | 'Ө' | 'Ұ'
                )
            })
            .count();
        if kazakh * 50 > letters {
            return Some("kk".to_owned());
        }
    }
    Some(tag.to_owned())
}

/// Whether Dutch articles outnumber Afrikaans ones.
fn dutch_articles(text: &str) -> bool {
    let (mut dutch, mut afrikaans) = (0usize, 0usize);
    for word in text.split_whitespace() {
        match word
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
            .as_str()
        {
            "de" | "het" | "een" => dutch += 1,
            "die" | "'n" => afrikaans += 1,
            _ => {}
        }
    }
    dutch > afrikaans
}

// === profiles ===

/// What the later stages know of one language.
#[derive(Debug, Clone, Copy)]
pub struct Profile {
    /// Sentence boundaries.
    pub sentences: SentenceRules,
    /// What the quotes stage can tell about speakers.
    pub quotes: QuoteRules,
}

/// What the quotes stage can tell about speakers in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteRules {
    /// What capital letters tell about names.
    pub capitals: Capitals,
    /// The lexicon knows the language's verbs of saying: a cue ties quotation and speaker, and
    /// the names around a quotation may be offered as its speaker. Without them a quotation
    /// gets a speaker only from a transcript label or a name right beside its marks.
    pub speech_verbs: bool,
    /// The speaker choice's weights were learned on this language's news: elsewhere the hand
    /// rules choose among the same candidates, since features such as the cue's verb class
    /// mean nothing the model has seen.
    pub learned_choice: bool,
}

/// The languages the speaker model was trained on (`scripts/train-speaker`).
const SPEAKER_MODEL_LANGUAGES: &[&str] = &["en"];

impl QuoteRules {
    /// What the profile's table column says.
    fn describe(self) -> String {
        let found = match (self.speech_verbs, self.capitals) {
            (true, Capitals::MarkNames) => "cues, names around the quote",
            (true, Capitals::MarkNouns) => "cues only (every noun is capitalised)",
            (true, Capitals::Absent) => "cues only (no capitals mark names)",
            (false, _) => "spans; speakers from labels and names beside the marks",
        };
        let chosen = if self.learned_choice {
            "learned choice over the parse (tagger, parser, source ranker), with confidence"
        } else {
            "rules' choice"
        };
        format!("{found}; {chosen}")
    }
}

/// Languages where every noun is capitalised.
const NOUNS_CAPITALISED: &[&str] = &["de", "lb"];

impl Profile {
    /// The profile of a language tag (`de`, `pt-BR`); English and shared rules for any other.
    #[must_use]
    pub fn for_tag(tag: &str) -> Self {
        let primary = primary_subtag(tag);
        let primary = primary.as_str();
        Self {
            sentences: SentenceRules {
                abbreviations: SENTENCE_ABBREVIATIONS.of(primary).unwrap_or_default(),
                openers: SENTENCE_OPENERS.of(primary).unwrap_or_default(),
                ordinal_dot: ORDINAL_DOT.contains(&primary),
                colon_ends: primary == "hy",
                semicolon_asks: primary == "el",
                lowercase_starts: matches!(primary, "el" | "kk"),
            },
            quotes: QuoteRules {
                capitals: if NOUNS_CAPITALISED.contains(&primary) {
                    Capitals::MarkNouns
                } else if UNCASED_LANGUAGES.contains(&primary) {
                    Capitals::Absent
                } else {
                    Capitals::MarkNames
                },
                speech_verbs: CUES.of(primary).is_some(),
                learned_choice: SPEAKER_MODEL_LANGUAGES.contains(&primary),
            },
        }
    }
}

/// What each stage knows of each language the lexicon or the profiles name, as a Markdown table:
/// the one the README prints (`eval support`). Quotation marks of every family and the sentence
/// ends of every script are known in every language, so they have no column.
#[must_use]
pub fn support_table() -> String {
    use std::collections::BTreeMap;
    use std::fmt::Write;
    let mut page_words: BTreeMap<&str, usize> = BTreeMap::new();
    for list in sections::ALL.iter().chain(page_lines::ALL) {
        for (lang, n) in list.entries_by_language() {
            *page_words.entry(lang).or_default() += n;
        }
    }
    let count = |words: &Words, lang: &str| {
        words
            .entries_by_language()
            .filter(|(l, _)| *l == lang)
            .map(|(_, n)| n)
            .sum::<usize>()
    };
    let mut languages: Vec<&str> = page_words.keys().copied().collect();
    for words in [&SENTENCE_ABBREVIATIONS, &SENTENCE_OPENERS, &CUES, &TITLES] {
        languages.extend(words.entries_by_language().map(|(lang, _)| lang));
    }
    languages.extend(ORDINAL_DOT);
    languages.extend(NOUNS_CAPITALISED);
    languages.extend(STOP_WORD_LANGUAGES);
    languages.extend(["el", "hy"]);
    languages.retain(|l| *l != "*");
    languages.sort_unstable();
    languages.dedup();
    let mut table = String::from(
        "| language | boilerplate lines and headers | function words | sentence rules | speech verbs | titles before names | speakers |\n|---|---|---|---|---|---|---|\n",
    );
    for lang in languages {
        let profile = Profile::for_tag(lang);
        let rules = profile.sentences;
        let mut sentence = Vec::new();
        if !rules.abbreviations.is_empty() {
            sentence.push(format!("{} abbreviations", rules.abbreviations.len()));
        }
        if !rules.openers.is_empty() && lang != "en" {
            sentence.push(format!("{} openers", rules.openers.len()));
        }
        if rules.ordinal_dot {
            sentence.push("ordinal dots".to_owned());
        }
        if rules.colon_ends {
            sentence.push("`:` ends".to_owned());
        }
        if rules.semicolon_asks {
            sentence.push("`;` asks".to_owned());
        }
        if rules.lowercase_starts {
            sentence.push("lower-case starts".to_owned());
        }
        let shown = |n: usize| {
            if n == 0 {
                "-".to_owned()
            } else {
                n.to_string()
            }
        };
        let _ = writeln!(
            table,
            "| {lang} | {} | {} | {} | {} | {} | {} |",
            shown(page_words.get(lang).copied().unwrap_or(0)),
            if STOP_WORD_LANGUAGES.contains(&lang) {
                "yes"
            } else {
                "-"
            },
            if sentence.is_empty() {
                "shared".to_owned()
            } else {
                sentence.join(", ")
            },
            shown(count(&CUES, lang)),
            shown(count(&TITLES, lang)),
            profile.quotes.describe(),
        );
    }
    table
}

/// What sentence boundaries look like in one language, on top of what all languages share (the
/// terminal marks of every script are always known: `।`, `۔`, `؟`, `։`, `።`, `။`, CJK).
#[derive(Debug, Clone, Copy, Default)]
pub struct SentenceRules {
    /// Abbreviations that precede a name or number (titles, months, `z. B.`), lower case.
    abbreviations: &'static [&'static str],
    /// Words that usually open a sentence (after a postpositive abbreviation such as `Co.`).
    openers: &'static [&'static str],
    /// `12. Juni`, `XII. Pluku`: a number or Roman numeral with a dot is an ordinal.
    pub(crate) ordinal_dot: bool,
    /// Armenian: the colon is the full stop.
    pub(crate) colon_ends: bool,
    /// Greek: `;` is the question mark.
    pub(crate) semicolon_asks: bool,
    /// Greek and Kazakh: a sentence may start in lower case.
    pub(crate) lowercase_starts: bool,
}

impl SentenceRules {
    /// An abbreviation before a full stop that ends no sentence (in any language, or this one's).
    pub(crate) fn is_abbreviation(&self, lower: &str) -> bool {
        PREPOSITIVE.contains(lower) || self.abbreviations.contains(&lower)
    }

    /// A word that usually opens a sentence (in English, or in this language).
    pub(crate) fn is_opener(&self, lower: &str) -> bool {
        SENTENCE_OPENERS
            .of("en")
            .is_some_and(|english| english.contains(&lower))
            || self.openers.contains(&lower)
    }
}

/// What capital letters tell about names in the article's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Capitals {
    /// Capitals mark names and sentence starts (English, French, Spanish, …).
    MarkNames,
    /// Every noun is capitalised (German, Luxembourgish): a capital is no sign of a name, so a
    /// sentence's capitalised subject is not taken for a speaker without a cue.
    MarkNouns,
    /// The script has no capitals (Japanese, Chinese, Arabic, …): nothing marks a name.
    Absent,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(text: &str) -> String {
        resolve(text, &Hints::default(), None, &mut Vec::new()).tag
    }

    #[test]
    fn dutch_is_told_from_afrikaans_by_its_articles() {
        assert_eq!(
            detect(
                "Hij schoot op de JP8-brandstof toen de missiles op hem af kwamen. 81 procent van de schoten was raak."
            ),
            "nl"
        );
        assert_eq!(
            detect(
                "Die kat sit op die mat en dit is 'n mooi dag. Die kinders speel buite in die son."
            ),
            "af"
        );
    }

    #[test]
    fn a_hint_wins_and_a_contradicted_page_language_gives_way_with_a_warning() {
        let text = "The council voted on Tuesday to approve the new budget after a long debate \
            about schools, roads and the library that the city has wanted for years.";
        let hints = Hints {
            language: Some("en-GB".into()),
            ..Hints::default()
        };
        let mut warnings = Vec::new();
        let hinted = resolve(text, &hints, None, &mut warnings);
        assert_eq!((hinted.tag.as_str(), hinted.confidence), ("en-GB", 1.0));
        assert!(warnings.is_empty());
        let detected = resolve(text, &Hints::default(), Some("de"), &mut warnings);
        assert_eq!(detected.tag, "en");
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn the_primary_subtag_decides_the_profile() {
        assert_eq!(primary_subtag("pt-BR"), "pt");
        assert_eq!(primary_subtag("DE_ch"), "de");
        assert_eq!(
            Profile::for_tag("de-CH").quotes.capitals,
            Capitals::MarkNouns
        );
        assert_eq!(Profile::for_tag("en").quotes.capitals, Capitals::MarkNames);
        assert!(Profile::for_tag("ru").quotes.speech_verbs);
        assert!(!Profile::for_tag("fi").quotes.speech_verbs);
        let german = Profile::for_tag("de").sentences;
        assert!(german.is_abbreviation("bzw") && german.ordinal_dot);
        assert!(!Profile::for_tag("en").sentences.is_abbreviation("bzw"));
        assert!(Profile::for_tag("sv").sentences.is_opener("jeg"));
        assert!(Profile::for_tag("fr").sentences.is_opener("the"));
    }
}
