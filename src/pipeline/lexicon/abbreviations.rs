//! Abbreviations that do not end a sentence, and the words that open one: what the segmenter asks
//! about the word before a full stop and the word after it. Lower case, without the final dot.

use super::{ANY, Words};

/// Abbreviations of one language that precede what they qualify (titles, months, units, Latin-style
/// short forms): a full stop after one ends no sentence. Each language reads its own group.
#[rustfmt::skip]
pub(crate) static SENTENCE_ABBREVIATIONS: Words = Words::new(&[
    (&["de"], &[
        "a", "abs", "apr", "aug", "bd", "bspw", "bzw", "ca", "d", "dez", "dipl", "evtl", "feb",
        "fr", "frl", "geb", "ggf", "h", "hr", "hrsg", "ing", "inkl", "jan", "jh", "jul", "jun",
        "mio", "mrd", "mär", "nov", "nr", "okt", "s", "sept", "sog", "str", "tel", "u", "usw",
        "vgl", "z", "zb",
    ]),
    (&["da", "nb", "no", "nn", "sv"], &[
        "apr", "aug", "bl.a", "ca", "dec", "dvs", "evt", "f.eks", "feb", "fr", "frk", "hr", "ifm",
        "inkl", "jan", "jf", "jul", "jun", "kl", "mar", "mht", "mv", "nov", "nr", "okt", "osv",
        "pga", "sep", "skt", "st", "tlf",
    ]),
    (&["es", "pt"], &[
        "abr", "ago", "aprox", "arq", "art", "av", "avda", "cía", "d", "dic", "dom", "dpto", "dr",
        "dra", "dña", "ee", "ene", "feb", "gral", "ing", "jue", "jul", "jun", "lic", "lun", "mar",
        "may", "min", "mié", "nov", "núm", "oct", "prof", "profa", "pág", "págs", "párrf", "sep",
        "sept", "sr", "sra", "sres", "srta", "sta", "sto", "sáb", "tel", "ud", "uds", "vd", "vds",
        "vie",
    ]),
    (&["it"], &[
        "ago", "amm", "apr", "arch", "avv", "d", "dic", "dir", "dott", "dott.ssa", "ecc", "egr",
        "es", "feb", "gen", "gent", "geom", "giu", "ing", "lug", "mag", "mar", "nov", "on", "ott",
        "pag", "prof", "psicol", "rag", "set", "sig", "sig.ra", "sigg", "spett", "st", "tel",
    ]),
    (&["fr"], &[
        "av", "avr", "bd", "cf", "chap", "dr", "déc", "env", "févr", "janv", "juil", "m", "me",
        "mlle", "mlles", "mm", "mme", "mmes", "nov", "oct", "p", "pr", "sept", "st", "ste", "vol",
    ]),
    (&["ru", "uk", "bg", "kk", "sr", "mk", "be"], &[
        "акад", "англ", "бул", "вкл", "г", "гг", "гр", "д", "д-р", "доц", "др", "е", "ж", "жж",
        "им", "кв", "коп", "лат", "млн", "млрд", "мыс", "н", "обл", "пгт", "пл", "пос", "пр",
        "проф", "р", "рис", "руб", "с", "см", "ст", "стр", "т", "т.д", "т.е", "т.п", "тел", "тыс",
        "ул", "э", "ғ",
    ]),
    (&["sk", "cs", "pl", "sl", "hr"], &[
        "a", "atď", "doc", "dr", "godz", "hod", "ing", "mgr", "min", "napr", "np", "nám", "o",
        "prof", "r", "resp", "s", "spol", "str", "tj", "tzn", "tzv", "ul", "wg", "č",
    ]),
    (&["nl"], &[
        "apr", "aug", "bijv", "blz", "ca", "dec", "dhr", "dr", "drs", "evt", "feb", "ing", "ir",
        "jan", "jl", "jul", "jun", "mevr", "mld", "mln", "mr", "mrt", "mw", "nov", "nr", "okt",
        "prof", "resp", "sep", "st", "zgn",
    ]),
]);

/// Abbreviations that precede a name or number in any language, and so never end a sentence.
#[rustfmt::skip]
pub(crate) static PREPOSITIVE: Words = Words::new(&[
    (ANY, &[
        "adm", "approx", "apr", "art", "atty", "aug", "brig", "ca", "capt", "cf", "ch", "cmdr",
        "col", "cpl", "dec", "del", "det", "dr", "ed", "eds", "feb", "fig", "figs", "fr", "ft",
        "gen", "gov", "hon", "insp", "jan", "jul", "jun", "lt", "maj", "mar", "messrs", "mlle",
        "mme", "mr", "mrs", "ms", "mt", "no", "nos", "nov", "nr", "n°", "oct", "op", "p", "para",
        "pp", "pres", "prof", "pvt", "rep", "reps", "rev", "sec", "sen", "sens", "sep", "sept",
        "sgt", "st", "supt", "vol", "vols",
    ]),
]);

/// Abbreviations that can end a sentence: they do when the next word is a usual sentence opener.
#[rustfmt::skip]
pub(crate) static POSTPOSITIVE: Words = Words::new(&[
    (ANY, &[
        "a.m", "al", "assn", "ave", "blvd", "bros", "co", "corp", "d.c", "dept", "e.g", "e.u",
        "esq", "est", "etc", "govt", "i.e", "inc", "jr", "llc", "ltd", "p.m", "ph.d", "plc", "rd",
        "sr", "u.k", "u.n", "u.s", "u.s.a", "v", "vs",
    ]),
]);

/// Words that usually open a sentence, to tell "the U.S. How" from "the U.S. Government". The English
/// group is read in every language; each other language adds its own.
#[rustfmt::skip]
pub(crate) static SENTENCE_OPENERS: Words = Words::new(&[
    (&["en"], &[
        "a", "after", "also", "an", "and", "as", "at", "before", "but", "for", "he", "her", "his",
        "how", "however", "i", "if", "in", "it", "its", "meanwhile", "my", "now", "on", "one",
        "our", "she", "so", "some", "still", "that", "the", "their", "then", "there", "these",
        "they", "this", "those", "we", "what", "when", "where", "while", "who", "why", "yet",
        "you",
    ]),
    (&["de"], &[
        "das", "der", "die", "ein", "eine", "er", "es", "ich", "sie", "was", "wie", "wir", "wo",
    ]),
    (&["da", "nb", "no", "nn", "sv"], &[
        "de", "den", "der", "det", "du", "en", "et", "han", "hun", "hvad", "hvem", "hvor", "i",
        "jeg", "men", "og", "så", "vi",
    ]),
]);

/// Languages (primary subtags) that write ordinals with a dot (`12. Juni`, `XII. Pluku`).
pub(crate) const ORDINAL_DOT: &[&str] = &[
    "bs", "cs", "da", "de", "et", "fi", "hr", "hu", "is", "lt", "lv", "nb", "nn", "no", "pl", "sk",
    "sl", "sr", "tr",
];

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Lower, Order::Sorted, Read::*, checked};
    vec![
        checked(
            "SENTENCE_ABBREVIATIONS",
            &SENTENCE_ABBREVIATIONS,
            Lower,
            Sorted,
            ByLanguage,
        ),
        checked("PREPOSITIVE", &PREPOSITIVE, Lower, Sorted, Union),
        checked("POSTPOSITIVE", &POSTPOSITIVE, Lower, Sorted, Union),
        checked(
            "SENTENCE_OPENERS",
            &SENTENCE_OPENERS,
            Lower,
            Sorted,
            ByLanguage,
        ),
    ]
}
