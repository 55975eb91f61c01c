//! Speech: the verbs and nouns that report what someone said, and the words that mark quoted words
//! as a label or a title rather than speech. Lower case as matched.

use super::Words;

/// Speech verbs in the forms news reports use (past and present, third person, participles):
/// the cue that ties a quotation to its speaker.
#[rustfmt::skip]
pub(crate) static CUES: Words = Words::new(&[
    (&["en"], &[
        "acknowledged", "acknowledges", "added", "adding", "adds", "admits", "admitted", "agreed",
        "agrees", "announced", "announces", "answered", "argued", "argues", "arguing",
        "asked", "asks", "asserted", "asserts", "blasted", "boasted", "bragged", "brags",
        "branded", "call", "called", "calling", "calls", "cautioned", "chant",
        "chanted", "chanting", "charged", "cited", "cites", "citing", "claimed", "claims",
        "commented", "complained", "complains", "conceded", "concedes", "concluded", "concludes",
        "confessed", "confirmed", "contended", "contends", "continued", "continues", "countered",
        "declared", "declares", "declaring", "demanded", "described",
        "describes", "describing", "emphasised", "emphasized", "emphasizes", "exclaimed",
        "exclaims", "explained", "explaining", "explains", "insisted", "insisting", "insists",
        "interjected", "joked", "lamented", "maintained", "mused", "muttered", "noted", "notes",
        "noting", "observed", "observes", "pleaded", "posted", "predicted", "predicts", "promised",
        "promising", "protested", "quipped", "read", "reads", "reasoned", "recalled", "recalls",
        "recounted", "referenced", "reiterated", "reiterates", "remarked", "repeated",
        "replied", "replies", "reported", "responded", "responds", "retorted",
        "retorts", "ruled", "said", "sang", "say", "saying", "says", "scoffed", "shouted",
        "sighed", "sings", "snapped", "speculated", "stated", "states", "stressed",
        "suggested", "suggests", "telling", "tells", "testified", "thundered", "told", "tweeted",
        "urged", "urging", "vowed", "vowing", "warned", "warning", "warns",
        "whispered", "wondered", "writes", "writing", "wrote", "yelled",
    ]),
    (&["de"], &[
        "antwortete", "behauptet", "behauptete", "berichtet", "berichtete", "bestätigte", "betont",
        "betonte", "ergänzt", "ergänzte", "erklärt", "erklärte", "erläuterte", "erzählt",
        "erzählte", "fordert", "forderte", "fragte", "fügte", "kommentierte", "kritisierte",
        "mahnte", "meint", "meinte", "räumte", "sagt", "sagte", "sagte:", "sagten", "schreibt",
        "schrieb", "teilte", "verkündete", "versicherte", "warnt", "warnte", "zufolge",
    ]),
    (&["fr"], &[
        "affirme", "affirment", "affirmé", "ajoute", "ajouté", "annonce", "annoncé", "assure",
        "assuré", "averti", "avertit", "commente", "commenté", "conclu", "conclut", "confie",
        "confié", "dit", "déclare", "déclarent", "déclaré", "estime", "estiment", "estimé",
        "explique", "expliqué", "indique", "indiqué", "insiste", "insisté", "lancé", "poursuit",
        "poursuivi", "précise", "précisé", "raconte", "raconté", "rappelle", "rappelé", "reconnaît",
        "reconnu", "répond", "répondu", "résume", "résumé", "selon", "souligne", "souligné",
        "témoigne", "écrit",
    ]),
    (&["es"], &[
        "aclaró", "admitió", "advierte", "advirtió", "afirma", "afirmó", "agregó", "apuntó",
        "asegura", "aseguró", "aseveró", "añade", "añadió", "comentó", "concluyó", "considera",
        "consideró", "contó", "criticó", "declara", "declaró", "denunció", "destacó", "dice",
        "dijo", "enfatizó", "escribió", "explica", "explicó", "expresó", "indica", "indicó",
        "insistió", "lamentó", "manifestó", "mencionó", "opina", "opinó", "precisó", "reconoció",
        "recordó", "relató", "respondió", "según", "señala", "señaló", "sostiene", "sostuvo",
        "subrayó",
    ]),
    (&["pt"], &[
        "acrescenta", "acrescentou", "admitiu", "afirmou", "alertou", "avalia", "avaliou",
        "comentou", "concluiu", "conta", "contou", "criticou", "declarou", "defendeu",
        "destacou", "disse", "diz", "escreveu", "explicou", "garantiu", "informou",
        "lembrou", "observou", "ponderou", "reconheceu", "relatou", "respondeu", "ressalta",
        "ressaltou", "salientou", "segundo",
    ]),
    (&["it"], &[
        "afferma", "affermato", "aggiunge", "aggiunto", "ammesso", "annunciato", "avverte",
        "commenta", "commentato", "conclude", "concluso", "detto", "dichiara", "dichiarato",
        "osserva", "osservato", "precisa", "precisato", "racconta", "raccontato", "ribadisce",
        "ribadito", "ricorda", "ricordato", "risponde", "risposto", "scritto", "scrive", "secondo",
        "sottolinea", "sottolineato", "spiega", "spiegato",
    ]),
    (&["ru"], &[
        "говорил", "говорила", "говорит", "говорят", "добавил", "добавила", "добавляет", "заметил",
        "заметила", "заявил", "заявила", "заявили", "заявляет", "написал", "написала", "напомнил",
        "напомнила", "объяснил", "объяснила", "объясняет", "ответил", "ответила", "отметил",
        "отметила", "отмечает", "пишет", "поделилась", "поделился", "подчеркивает", "подчеркнул",
        "подчеркнула", "подчёркивает", "пожаловалась", "пожаловался", "пояснил", "пояснила",
        "предупредил", "предупредила", "признает", "призналась", "признался", "признаёт",
        "рассказал", "рассказала", "рассказывает", "сказал", "сказала", "сказали", "словам",
        "сообщает", "сообщил", "сообщила", "спросил", "спросила", "считает", "считают", "уверен",
        "уверена", "утверждает", "утверждал", "утверждала", "уточнил", "уточнила",
    ]),
    (&["cs"], &[
        "dodal", "dodala", "dodali", "dodává", "doplnil", "doplnila", "konstatoval", "konstatovala",
        "míní", "napsal", "napsala", "odpověděl", "odpověděla", "podle", "podotkl", "podotkla",
        "potvrdil", "potvrdila", "poznamenal", "poznamenala", "prohlásil", "prohlásila",
        "prohlásili", "připomněl", "připomněla", "sdělil", "sdělila", "tvrdí", "upozornil",
        "upozornila", "uvedl", "uvedla", "uvedli", "uvádí", "varoval", "varovala", "vysvětlil",
        "vysvětlila", "zdůraznil", "zdůraznila", "řekl", "řekla", "řekli", "říkají", "říká",
    ]),
    (&["ja"], &[
        "主張し", "強調し", "批判し", "投稿し", "指摘し", "明らかにし", "発言し", "答え", "言う", "言っ", "記し", "訴え", "話し", "話す",
        "語っ", "語り", "語る", "説明し", "述べ", "述べる",
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

/// Nouns that name what the quoted name after them is (`газета «Коммерсантъ»`, `společnost
/// „ČEZ“`): in languages that set the names of companies, media and works in quotation marks, a
/// short capitalised quotation after one is a name, not speech. In their common case forms.
#[rustfmt::skip]
pub(crate) static NAMED_THING_NOUNS: Words = Words::new(&[
    (&["ru"], &[
        "агентства", "агентство", "агентству", "ао", "банк", "банка", "банке", "газета", "газете",
        "газету", "газеты", "группа", "группе", "группы", "движение", "движения", "журнал",
        "журнала", "журнале", "журналу", "завод", "завода", "зао", "издание", "издании", "изданию",
        "издания", "клуб", "клуба", "книга", "книге", "книги", "команда", "команды", "компании",
        "компанию", "компания", "концерн", "концерна", "корпорации", "корпорация", "оао", "ооо",
        "операции", "операция", "пао", "партии", "партию", "партия", "платформа", "платформы",
        "приложение", "приложения", "программа", "программе", "программы", "проект", "проекта",
        "проекте", "радиостанции", "радиостанция", "роман", "романа", "сервис", "сервиса", "сериал",
        "сериала", "спектакль", "спектакля", "телеканал", "телеканала", "телеканале", "фильм",
        "фильма", "фильме", "фонд", "фонда", "фонде", "холдинг", "холдинга",
    ]),
    (&["cs"], &[
        "aplikace", "banka", "banky", "deník", "deníku", "film", "filmu", "firma", "firmy", "firmě",
        "hnutí", "klub", "klubu", "kniha", "knihy", "knize", "operace", "projekt", "projektu",
        "rádia", "rádio", "server", "serveru", "skupina", "skupiny", "společnost", "společnosti",
        "strana", "strany", "straně", "televize", "časopis", "časopisu",
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
        checked(
            "NAMED_THING_NOUNS",
            &NAMED_THING_NOUNS,
            Lower,
            Sorted,
            Union,
        ),
        checked("NAMING_WORDS", &NAMING_WORDS, Lower, Sorted, Union),
        checked("CUE_AUXILIARIES", &CUE_AUXILIARIES, Folded, Sorted, Union),
        checked("SAY_VERBS", &SAY_VERBS, Lower, Sorted, Union),
        checked("TELL_VERBS", &TELL_VERBS, Lower, Sorted, Union),
        checked("SOURCE_CUES", &SOURCE_CUES, Lower, Sorted, Union),
    ]
}
