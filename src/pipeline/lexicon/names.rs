//! Words about people and their names: titles and honorifics before a name, particles inside one,
//! words that look like names and are not, and the words of bylines (openers, jobs, separators,
//! placeholders).

use super::{ANY, Words};

/// Words that are capitalised at a sentence's start or by convention and are not names (besides
/// the days and months of [`super::time`]): function words, plural nouns of groups, and the prepositions of other languages that
/// open a sentence (`Par la …`, `W Polsce`, `Mit den Worten`).
#[rustfmt::skip]
pub(crate) static NOT_NAMES: Words = Words::new(&[
    (&["en"], &[
        "a", "across", "after", "against", "all", "also", "although", "amid", "among", "an",
        "analysts", "and", "another", "any", "around", "as", "asked", "at", "because", "before",
        "between", "both", "but", "by", "could", "critics", "despite", "during", "each", "earlier",
        "even", "every", "experts", "following", "for", "from", "her", "here", "his", "how",
        "however", "i'm", "if", "in", "indeed", "instead", "it's", "its", "just", "last", "later",
        "like", "many", "maybe", "meanwhile", "most", "my", "next", "no", "not", "now", "of",
        "officials", "on", "only", "or", "other", "others", "our", "over", "people", "perhaps",
        "several", "should", "since", "so", "so-called", "some", "speaking", "still", "such",
        "supporters", "that", "that's", "the", "their", "then", "there", "there's", "these",
        "they're", "this", "those", "though", "throughout", "to", "under", "unlike", "upon",
        "we're", "well", "what", "when", "where", "while", "who", "why", "with", "within",
        "without", "would", "yes", "yet", "your",
    ]),
    (&["fr"], &[
        "avec", "dans", "par", "pour", "sans", "selon", "sur",
    ]),
    (&["pl"], &[
        "w", "z",
    ]),
    (&["de"], &[
        "auf", "bei", "für", "im", "laut", "mit", "nach",
    ]),
    (&["es"], &[
        "con", "para", "por", "según",
    ]),
    (&["pt"], &[
        "com", "em",
    ]),
    (&["ru"], &[
        "в", "во", "для", "до", "если", "за", "из", "к", "как", "ко", "когда", "но", "о", "об",
        "однако", "от", "перед", "по", "после", "при", "с", "со", "также", "у", "через", "это",
    ]),
    (&["cs"], &[
        "ale", "během", "do", "když", "ke", "na", "od", "po", "podle", "pokud", "pro", "před",
        "při", "se", "také", "ve", "však", "za", "ze",
    ]),
]);

/// Month abbreviations that are also given names (`Jan Brewer`, `Ai Jun`, `Sep` for Sepp):
/// no sign of a date when capitalised in running text.
#[rustfmt::skip]
pub(crate) static MONTH_NAMESAKES: Words = Words::new(&[
    (ANY, &[
        "jan", "jun", "sep",
    ]),
]);

/// Titles and roles that stand before a name and are not part of it (`President`, `Sen.`,
/// `Konzernchef`), lower case.
#[rustfmt::skip]
pub(crate) static TITLES: Words = Words::new(&[
    (&["en"], &[
        "acting", "adm", "adm.", "admiral", "ambassador", "attorney", "brother", "candidate",
        "capt", "capt.", "captain", "ceo", "chair", "chairman", "chairwoman", "chancellor", "chief",
        "coach", "col", "col.", "colonel", "commissioner", "dame", "defence", "defense", "del",
        "del.", "democratic", "deputy", "detective", "director", "dr", "dr.", "envoy", "eu",
        "father", "foreign", "former", "gen", "gen.", "general", "gop", "gov", "gov.", "governor",
        "house", "interior", "judge", "justice", "king", "lady", "leader", "lord", "lt", "lt.",
        "majority", "mayor", "minister", "minority", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
        "nato", "officer", "pope", "president", "press", "prime", "prince", "princess", "prof",
        "prof.", "professor", "queen", "rep", "rep.", "representative", "republican", "retired",
        "rev.", "reverend", "secretary", "sen", "sen.", "senate", "senator", "sergeant", "sgt",
        "sgt.", "sheikh", "sir", "sister", "speaker", "spokesman", "spokesperson", "spokeswoman",
        "state", "u.s.", "uk", "un", "us", "vice", "white",
    ]),
    (&["es"], &[
        "alcalde", "alcaldesa", "canciller", "diputada", "diputado", "gobernador", "gobernadora",
        "ministra", "ministro", "portavoz", "presidente", "secretaria", "secretario", "senador",
        "senadora",
    ]),
    (&["fr"], &[
        "député", "gouverneur", "maire", "ministre", "président", "présidente", "secrétaire",
        "sénateur",
    ]),
    (&["de"], &[
        "bürgermeister", "bürgermeisterin", "geschäftsführer", "geschäftsführerin", "kanzler",
        "kanzlerin", "konzernchef", "ministerin", "präsident", "präsidentin", "sprecher",
        "sprecherin", "vorsitzende", "vorsitzender",
    ]),
    (&["it"], &[
        "presidentessa", "sindaco",
    ]),
    (&["ru"], &[
        "агентство", "адвокат", "аналитик", "газета", "генерал", "глава", "губернатор", "депутат",
        "директор", "издание", "источник", "министр", "мэр", "писатель", "политолог",
        "председатель", "представитель", "президент", "премьер", "пресс-секретарь", "прокурор",
        "режиссер", "режиссёр", "собеседник", "спикер", "судья", "экономист", "эксперт",
    ]),
    (&["cs"], &[
        "advokát", "agentura", "analytik", "deník", "ekonom", "hejtman", "ministr", "ministryně",
        "mluvčí", "poslanec", "poslankyně", "premiér", "prezident", "prezidentka", "primátor",
        "senátor", "soudce", "starosta", "starostka", "velvyslanec", "zdroj", "ředitel",
        "ředitelka", "šéf",
    ]),
]);

/// Title words that are an affiliation or a modifier (`state`, `white`, `former`), not a
/// person's office: a long description needs an office to be a role.
#[rustfmt::skip]
pub(crate) static NOT_OFFICES: Words = Words::new(&[
    (&["en"], &[
        "acting", "chief", "defence", "defense", "deputy", "foreign", "former", "house",
        "interior", "lady", "lord", "majority", "minority", "nato", "press", "prime", "retired",
        "senate", "state", "u.s.", "vice", "white",
    ]),
]);

/// `Mr.`, `Dr.`: after one, a word that may be a title (`King`, `Chancellor`) is the name.
#[rustfmt::skip]
pub(crate) static HONORIFICS: Words = Words::new(&[
    (&["en"], &[
        "dr", "lady", "lord", "mr", "mrs", "ms", "prof", "sir",
    ]),
]);

/// Lower-case words inside names: `de`, `van`, `von`, `bin` (`Ursula von der Leyen`).
#[rustfmt::skip]
pub(crate) static NAME_PARTICLES: Words = Words::new(&[
    (ANY, &[
        "al", "bin", "da", "de", "del", "den", "der", "di", "dos", "du", "el", "la", "le", "van",
        "von",
    ]),
]);

/// Jobs at a publication, as a closing author note names them (`X is a senior editor at …`) and
/// a byline widget prints them after the name (`Emma Ryan Writer`).
#[rustfmt::skip]
pub(crate) static JOURNALIST_ROLES: Words = Words::new(&[
    (&["en"], &[
        "author of", "columnist", "contributor", "correspondent", "editor", "freelance",
        "journalist", "reporter", "staff writer", "writer",
    ]),
]);

/// Author values that name nobody: template placeholders and site roles.
#[rustfmt::skip]
pub(crate) static AUTHOR_PLACEHOLDERS: Words = Words::new(&[
    (&["en"], &[
        "admin", "administrator", "anonymous", "author", "guest", "null", "undefined",
        "unknown", "webmaster",
    ]),
]);

/// How a byline opens before the names (`By`, `Written by:`, `Text:`), lower case.
#[rustfmt::skip]
pub(crate) static BYLINE_OPENERS: Words = Words::new(&[
    (&["en"], &[
        "author:", "authors:", "by", "posted by", "reporting by", "text by", "text:", "words by",
        "words:", "written by", "written by:",
    ]),
]);

/// News agencies, as they are credited (`WASHINGTON (Reuters) -`, `By Tom Davies Associated
/// Press`, an author field that is the agency): an article credited to one has it as its source,
/// whichever site carries it. Written as they are usually shown; matched as whole words, ASCII
/// case ignored.
#[rustfmt::skip]
pub(crate) static NEWS_AGENCIES: Words = Words::new(&[
    (ANY, &[
        "AAP", "ABC News", "AFP", "ANI", "ANSA", "AP", "Agence France-Presse", "Anadolu Agency",
        "Associated Press", "Australian Associated Press", "Bernama", "Bloomberg", "CNA",
        "Canadian Press", "EFE", "IANS", "Interfax", "Jiji Press", "Kyodo News", "PA Media",
        "PTI", "Press Association", "Press Trust of India", "RIA Novosti", "Reuters", "TASS",
        "UNI", "UPI", "United Press International", "WAM", "Xinhua", "Yonhap", "dpa",
    ]),
]);

/// Words that end the names of a byline: what follows is a role, a date or a reading time.
#[rustfmt::skip]
pub(crate) static BYLINE_SEPARATORS: Words = Words::new(&[
    (ANY, &[
        "-", "|", "·", "–", "—", "•", "⋅",
    ]),
]);

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Exact, Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("MONTH_NAMESAKES", &MONTH_NAMESAKES, Folded, Sorted, Union),
        checked("NOT_NAMES", &NOT_NAMES, Lower, Sorted, Union),
        checked("TITLES", &TITLES, Lower, Sorted, Union),
        checked("NOT_OFFICES", &NOT_OFFICES, Lower, Sorted, Union),
        checked("HONORIFICS", &HONORIFICS, Folded, Sorted, Union),
        checked("NAME_PARTICLES", &NAME_PARTICLES, Folded, Sorted, Union),
        checked("JOURNALIST_ROLES", &JOURNALIST_ROLES, Folded, Sorted, Union),
        checked(
            "AUTHOR_PLACEHOLDERS",
            &AUTHOR_PLACEHOLDERS,
            Lower,
            Sorted,
            Union,
        ),
        checked("BYLINE_OPENERS", &BYLINE_OPENERS, Lower, Sorted, Union),
        checked("NEWS_AGENCIES", &NEWS_AGENCIES, Exact, Sorted, Union),
        checked(
            "BYLINE_SEPARATORS",
            &BYLINE_SEPARATORS,
            Exact,
            Sorted,
            Union,
        ),
    ]
}
