//! Function words: what running prose is made of, and what names and descriptions are not.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::Words;

/// Languages whose function words count as stop words (NLTK's lists, through the stop-words
/// crate). One union for all: a page's blocks are scored before its language is known, and a
/// function word of one of these languages is rarely a content word of another.
pub(crate) const STOP_WORD_LANGUAGES: &[&str] = &[
    "ca", "da", "de", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv", "tr",
];

/// Languages written in scripts without capitals: nothing marks a name.
pub(crate) const UNCASED_LANGUAGES: &[&str] = &["ar", "fa", "he", "hi", "ja", "ko", "th", "zh"];

/// Whether a folded word is a function word of one of [`STOP_WORD_LANGUAGES`].
pub(crate) fn is_stop_word(word: &str) -> bool {
    static STOP_WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
        STOP_WORD_LANGUAGES
            .iter()
            .filter_map(|l| stop_words::lookup(l))
            .flat_map(|words| words.iter().copied())
            .collect()
    });
    STOP_WORDS.contains(word)
}

/// Endings of a name in the dative (`сказал Дзержинскому`, `ответил Путину`): the person spoken
/// to, not the speaker. Nominative names do not end so.
#[rustfmt::skip]
pub(crate) static DATIVE_NAME_ENDINGS: Words = Words::new(&[
    (&["ru"], &[
        "еву", "ему", "ину", "ову", "ому", "ыну", "ёву",
    ]),
]);

/// Personal pronouns that can stand for a speaker.
#[rustfmt::skip]
pub(crate) static PRONOUNS: Words = Words::new(&[
    (&["en"], &[
        "he", "i", "it", "she", "they", "we",
    ]),
    (&["de"], &[
        "er", "ich", "sie", "wir",
    ]),
    (&["fr"], &[
        "elle", "elles", "il", "ils", "je",
    ]),
    (&["es"], &[
        "ella", "ellas", "ellos", "él",
    ]),
    (&["it"], &[
        "lei", "lui",
    ]),
    (&["pt"], &[
        "ela", "elas", "ele", "eles",
    ]),
    (&["ru"], &[
        "мы", "он", "она", "они", "я",
    ]),
    (&["cs"], &[
        "ona", "oni", "ony",
    ]),
]);

/// Words that open a description of a speaker: `the senator`, `a spokeswoman`, `my father`.
#[rustfmt::skip]
pub(crate) static DETERMINERS: Words = Words::new(&[
    (&["en"], &[
        "a", "an", "another", "her", "his", "its", "my", "one", "our", "several", "some", "the",
        "their", "three", "two",
    ]),
]);

/// Words after which a noun phrase is an object, never the subject of a cue.
#[rustfmt::skip]
pub(crate) static PREPOSITIONS: Words = Words::new(&[
    (&["en"], &[
        "about", "across", "after", "against", "around", "at", "before", "between", "by", "during",
        "for", "from", "in", "into", "near", "of", "on", "over", "through", "to", "under", "with",
    ]),
]);

/// Prepositions and conjunctions that open an adverbial phrase before a sentence's subject
/// (`In a White House statement, President Obama condemned …`).
#[rustfmt::skip]
pub(crate) static ADVERBIAL_OPENERS: Words = Words::new(&[
    (&["en"], &[
        "after", "amid", "as", "at", "before", "by", "despite", "during", "for", "from", "in",
        "like", "on", "over", "since", "through", "under", "unlike", "when", "while", "with",
    ]),
]);

/// Words after a cue, or between a speaker and a cue, that are not the speaker: `said on Thursday`,
/// `also said`.
#[rustfmt::skip]
pub(crate) static ADVERBIALS: Words = Words::new(&[
    (&["en"], &[
        "again", "also", "at", "bluntly", "during", "earlier", "flatly", "frequently", "had",
        "has", "have", "in", "last", "later", "often", "on", "once", "previously", "privately",
        "publicly", "recently", "repeatedly", "reportedly", "simply", "then", "this", "told",
        "week", "will", "would",
    ]),
]);

/// Nouns that end like adverbs: `Scott's family has called`.
#[rustfmt::skip]
pub(crate) static NOUNS_IN_LY: Words = Words::new(&[
    (&["en"], &[
        "ally", "anomaly", "assembly", "belly", "bully", "daily", "family", "monopoly",
        "monthly", "quarterly", "rally", "reply", "supply", "weekly",
    ]),
]);

/// Auxiliary and modal verbs: the word after a subject that shows it is one.
#[rustfmt::skip]
pub(crate) static AUXILIARIES: Words = Words::new(&[
    (&["en"], &[
        "are", "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must",
        "should", "was", "were", "will", "would",
    ]),
]);

/// Modals and adverbs skipped on the way from a subject to its `be` (`would be`, `is still`).
#[rustfmt::skip]
pub(crate) static COPULA_SKIPPED: Words = Words::new(&[
    (&["en"], &[
        "again", "also", "always", "could", "had", "has", "have", "may", "might", "must", "never",
        "not", "now", "once", "should", "still", "then", "will", "would",
    ]),
]);

/// Words a speaker's mention cannot end on: connectives, articles, honorifics (`… and`,
/// `… filed by`).
#[rustfmt::skip]
pub(crate) static CONNECTIVES: Words = Words::new(&[
    (&["en"], &[
        "a", "an", "and", "as", "at", "but", "by", "for", "in", "mr", "mrs", "ms", "of", "on",
        "or", "that", "the", "to", "which", "who", "with",
    ]),
]);

/// Small words that stay lower case in a title (`Fox and Friends`).
#[rustfmt::skip]
pub(crate) static TITLE_SMALL_WORDS: Words = Words::new(&[
    (&["en"], &[
        "a", "an", "and", "for", "in", "of", "on", "the", "to", "with",
    ]),
]);

/// Words after which a past participle is a verb, not an adjective (`used that`, `called him`).
#[rustfmt::skip]
pub(crate) static OBJECT_WORDS: Words = Words::new(&[
    (&["en"], &[
        "and", "as", "back", "but", "down", "her", "him", "if", "it", "me", "off", "or", "out",
        "that", "them", "to", "up", "us", "when", "whether",
    ]),
]);

/// Subordinating conjunctions: they open a clause of its own after a quotation (`, when Clinton
/// blasted him`), or a sentence before its subject (`Though she called …`).
#[rustfmt::skip]
pub(crate) static SUBORDINATORS: Words = Words::new(&[
    (&["en"], &[
        "after", "although", "because", "before", "if", "since", "though", "until", "when",
        "while",
    ]),
]);

/// Words whose `'s` is a contraction, not a possessive (`He's`, `There's`).
#[rustfmt::skip]
pub(crate) static CONTRACTIONS: Words = Words::new(&[
    (&["en"], &[
        "he", "here", "it", "let", "she", "that", "there", "what", "where", "who",
    ]),
]);

/// Pronouns and demonstratives that end no description of a speaker (`… what they`).
#[rustfmt::skip]
pub(crate) static PRONOUN_ENDINGS: Words = Words::new(&[
    (&["en"], &[
        "that", "them", "there", "these", "they", "this", "those", "what",
    ]),
]);

/// Clitics the Penn Treebank writes as words of their own (`do` `n't`, `Trump` `'s`): the syntax
/// stage splits them off as its models learned them.
#[rustfmt::skip]
pub(crate) static TREEBANK_CLITICS: Words = Words::new(&[
    (&["en"], &["'d", "'ll", "'m", "'re", "'s", "'ve", "n't"]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("PRONOUNS", &PRONOUNS, Folded, Sorted, Union),
        checked("TREEBANK_CLITICS", &TREEBANK_CLITICS, Lower, Sorted, Union),
        checked(
            "DATIVE_NAME_ENDINGS",
            &DATIVE_NAME_ENDINGS,
            Folded,
            Sorted,
            Union,
        ),
        checked("DETERMINERS", &DETERMINERS, Folded, Sorted, Union),
        checked("PREPOSITIONS", &PREPOSITIONS, Folded, Sorted, Union),
        checked(
            "ADVERBIAL_OPENERS",
            &ADVERBIAL_OPENERS,
            Folded,
            Sorted,
            Union,
        ),
        checked("ADVERBIALS", &ADVERBIALS, Folded, Sorted, Union),
        checked("NOUNS_IN_LY", &NOUNS_IN_LY, Folded, Sorted, Union),
        checked("AUXILIARIES", &AUXILIARIES, Folded, Sorted, Union),
        checked("COPULA_SKIPPED", &COPULA_SKIPPED, Folded, Sorted, Union),
        checked("CONNECTIVES", &CONNECTIVES, Folded, Sorted, Union),
        checked(
            "TITLE_SMALL_WORDS",
            &TITLE_SMALL_WORDS,
            Folded,
            Sorted,
            Union,
        ),
        checked("OBJECT_WORDS", &OBJECT_WORDS, Folded, Sorted, Union),
        checked("SUBORDINATORS", &SUBORDINATORS, Folded, Sorted, Union),
        checked("CONTRACTIONS", &CONTRACTIONS, Folded, Sorted, Union),
        checked("PRONOUN_ENDINGS", &PRONOUN_ENDINGS, Folded, Sorted, Union),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_word_language_has_a_list() {
        for lang in STOP_WORD_LANGUAGES {
            assert!(stop_words::lookup(lang).is_some(), "{lang}");
        }
        assert!(is_stop_word("the") && is_stop_word("und") && !is_stop_word("council"));
    }
}
