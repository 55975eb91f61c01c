//! Speech: the verbs and nouns that report what someone said, and the words that mark quoted words
//! as a label or a title rather than speech. Lower case as matched.

use super::Words;

/// Speech verbs in the forms news reports use (past and present, third person, participles):
/// the cue that ties a quotation to its speaker.
#[rustfmt::skip]
pub(crate) static CUES: Words = Words::new(&[
    (&["en"], &[
        "acknowledged", "added", "adding", "adds", "admitted", "agreed", "announced", "argued",
        "argues", "arguing", "asked", "asks", "asserted", "asserts", "blasted", "boasted",
        "branded", "call", "called", "calling", "calls", "cautioned", "chant", "chanted",
        "chanting", "charged", "cited", "cites", "citing", "claimed", "claims", "commented",
        "complained", "conceded", "concluded", "confirmed", "contended", "continued", "continues",
        "countered", "declared", "declares", "declaring", "demanded", "described", "describes",
        "describing", "emphasised", "emphasized", "explained", "explaining", "explains",
        "insisted", "insisting", "insists", "joked", "lamented", "maintained", "mused", "noted",
        "notes", "noting", "observed", "pleaded", "posted", "predicted", "promised", "promising",
        "quipped", "read", "reads", "recalled", "recalls", "recounted", "referenced", "remarked",
        "replied", "replies", "reported", "responded", "ruled", "said", "sang", "say", "saying",
        "says", "scoffed", "shouted", "sighed", "sings", "stated", "states", "stressed",
        "suggested", "suggests", "telling", "tells", "testified", "thundered", "told", "tweeted",
        "urged", "urging", "vowed", "vowing", "warned", "warning", "warns", "whispered", "writes",
        "writing", "wrote", "yelled",
    ]),
    (&["de"], &[
        "betont", "betonte", "erklärt", "erklärte", "erläuterte", "fordert", "forderte", "fügte",
        "kritisierte", "meint", "meinte", "räumte", "sagt", "sagte", "sagte:", "sagten",
        "schreibt", "schrieb", "versicherte", "warnt", "warnte", "zufolge",
    ]),
    (&["fr"], &[
        "affirme", "affirmé", "ajoute", "ajouté", "assure", "assuré", "confié", "dit", "déclare",
        "déclaré", "estime", "estimé", "explique", "expliqué", "indique", "indiqué", "lancé",
        "précise", "précisé", "selon", "souligne", "souligné",
    ]),
    (&["es"], &[
        "advirtió", "afirma", "afirmó", "agregó", "asegura", "aseguró", "añade", "añadió",
        "declara", "declaró", "dice", "dijo", "explica", "explicó", "indica", "indicó",
        "manifestó", "según", "señala", "señaló", "sostuvo",
    ]),
    (&["pt"], &[
        "acrescentou", "afirmou", "declarou", "destacou", "disse", "diz", "explicou", "garantiu",
        "ressaltou", "segundo",
    ]),
    (&["it"], &[
        "afferma", "affermato", "aggiunge", "aggiunto", "detto", "dichiara", "dichiarato",
        "secondo", "sottolineato", "spiega", "spiegato",
    ]),
    (&["ru"], &[
        "говорит", "добавил", "добавила", "заметил", "заметила", "заявил", "заявила", "заявили",
        "написал", "написала", "объяснил", "объяснила", "ответил", "ответила", "отметил",
        "отметила", "подчеркнул", "подчеркнула", "пожаловалась", "пожаловался", "пояснил",
        "пояснила", "призналась", "признался", "рассказал", "рассказала", "сказал", "сказала",
        "сказали", "словам", "сообщил", "сообщила", "спросил", "спросила", "уточнил", "уточнила",
    ]),
]);

/// Nouns of speech: they announce the words after a colon (`a new campaign message: "…"`), and
/// the words they own are their owner's (`Trump's claim that there have been "…"`).
#[rustfmt::skip]
pub(crate) static SPEECH_NOUNS: Words = Words::new(&[
    (&["en"], &[
        "accusation", "advice", "answer", "argument", "assertion", "boast", "claim", "claims",
        "comment", "comments", "explanation", "headline", "message", "motto", "plea", "pledge",
        "post", "promise", "question", "remark", "remarks", "reply", "response", "slogan",
        "statement", "statements", "tweet", "verdict", "vow", "warning", "words",
    ]),
]);

/// Words before quotation marks that make the quoted words a label, not speech (`the so-called
/// "client list"`); matched at the end of the words before, lower case.
#[rustfmt::skip]
pub(crate) static LABEL_MARKERS: Words = Words::new(&[
    (&["en"], &[
        "dubbed", "entitled", "hashtag", "known as", "moniker", "nickname", "nicknamed",
        "so called", "so-called", "titled",
    ]),
]);

/// Words before a title-case quotation that make it a programme or publication: `an episode of
/// "The Steve Harvey Morning Show"`.
#[rustfmt::skip]
pub(crate) static WORK_MARKERS: Words = Words::new(&[
    (&["en"], &[
        "broadcast of", "edition of", "episode of", "issue of", "season of",
    ]),
]);

/// Words before `called` that make it name a thing (`what's called "feather duvet lung"`), not
/// report speech (`what he called "a rant"`).
#[rustfmt::skip]
pub(crate) static NAMING_WORDS: Words = Words::new(&[
    (&["en"], &[
        "also", "aptly", "are", "be", "been", "being", "commonly", "is", "often", "so",
        "sometimes", "was", "were", "what's", "what’s",
    ]),
]);

/// Auxiliaries before a participle cue after the quotation: `a déclaré X`, `ha detto X`.
#[rustfmt::skip]
pub(crate) static CUE_AUXILIARIES: Words = Words::new(&[
    (&["fr"], &[
        "a", "avait",
    ]),
    (&["it"], &[
        "aveva", "ha",
    ]),
    (&["de"], &[
        "hat",
    ]),
    (&["en"], &[
        "has",
    ]),
    (&["es"], &[
        "había",
    ]),
]);

/// Cue verbs of plain saying, for the speaker choice's cue class (`said X`, `X says`).
#[rustfmt::skip]
pub(crate) static SAY_VERBS: Words = Words::new(&[
    (&["en"], &[
        "said", "say", "saying", "says",
    ]),
]);

/// Cue verbs of telling someone (`told Reuters`): the name after them is often the listener.
#[rustfmt::skip]
pub(crate) static TELL_VERBS: Words = Words::new(&[
    (&["en"], &[
        "tell", "telling", "tells", "told",
    ]),
]);

/// Cues that name a source rather than a speaker (`according to the report`).
#[rustfmt::skip]
pub(crate) static SOURCE_CUES: Words = Words::new(&[
    (&["en"], &[
        "according to", "per",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("CUES", &CUES, Lower, Sorted, Union),
        checked("SPEECH_NOUNS", &SPEECH_NOUNS, Folded, Sorted, Union),
        checked("LABEL_MARKERS", &LABEL_MARKERS, Lower, Sorted, Union),
        checked("WORK_MARKERS", &WORK_MARKERS, Folded, Sorted, Union),
        checked("NAMING_WORDS", &NAMING_WORDS, Lower, Sorted, Union),
        checked("CUE_AUXILIARIES", &CUE_AUXILIARIES, Folded, Sorted, Union),
        checked("SAY_VERBS", &SAY_VERBS, Lower, Sorted, Union),
        checked("TELL_VERBS", &TELL_VERBS, Lower, Sorted, Union),
        checked("SOURCE_CUES", &SOURCE_CUES, Lower, Sorted, Union),
    ]
}
