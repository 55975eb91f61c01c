//! Lines and phrases that are boilerplate wherever they stand: ads, buttons, paywalls, widgets,
//! appeals, legal notices, cookie notices, credits and labels. Folded keys unless a list says
//! otherwise (labels are compared as written, lower-cased, with their colons).

use super::{ANY, Words};

/// Whole lines that mark an advertisement.
#[rustfmt::skip]
pub(crate) static AD_LINES: Words = Words::new(&[
    (&["en"], &[
        "ad", "ads", "advertisement", "advertisement continue reading below",
        "article continues below", "continue reading below", "scroll to continue with content",
        "sponsored", "sponsored content", "story continues below advertisement",
    ]),
]);

/// Whole lines that are a share button (a line naming a social network is one too).
#[rustfmt::skip]
pub(crate) static SHARE_BUTTONS: Words = Words::new(&[
    (&["en"], &[
        "copy link", "email", "link copied", "print", "share on facebook", "share on twitter",
        "share via email", "tweet",
    ]),
]);

/// Whole lines that are an app or subscription button; every line that opens a promotion
/// section ([`super::sections::PROMOTION_HEADERS`]) is one too.
#[rustfmt::skip]
pub(crate) static PROMOTION_LINES: Words = Words::new(&[
    (&["en"], &[
        "app store", "google play", "sign up",
    ]),
]);

/// Whole lines of a paywall.
#[rustfmt::skip]
pub(crate) static PAYWALL_LINES: Words = Words::new(&[
    (&["en"], &[
        "already a subscriber sign in", "continue reading your article",
        "subscribe to continue reading", "subscribe to read", "to continue reading",
        "to read the full story",
    ]),
]);

/// A paywall's pitch, wherever it stands in a short line (`To read the rest of this story,
/// subscribe`).
#[rustfmt::skip]
pub(crate) static PAYWALL_PHRASES: Words = Words::new(&[
    (&["en"], &[
        "for subscribers only", "subscribe to continue", "subscribe to keep reading",
        "subscribe to read", "subscribe to unlock", "to continue reading this",
        "to keep reading this", "to read the full article", "to read the full story",
        "to read the rest of", "unlock this article",
    ]),
    (&["de"], &[
        "jetzt abonnieren und weiterlesen", "um weiterzulesen",
    ]),
    (&["fr"], &[
        "article réservé aux abonnés", "pour lire la suite",
    ]),
    (&["es"], &[
        "para seguir leyendo", "suscríbete para seguir",
    ]),
]);

/// Whole lines of gallery, caption and page widgets.
#[rustfmt::skip]
pub(crate) static PAGE_WIDGETS: Words = Words::new(&[
    (&["en"], &[
        "an error has occurred please try again later", "back to gallery", "expand",
        "hide caption", "like this", "like this story share it with a friend",
        "organizations in this story", "people in this story", "places in this story",
        "show caption", "topics in this story", "view gallery",
    ]),
]);

/// Appeals for support and donations, wherever they stand in a line.
#[rustfmt::skip]
pub(crate) static APPEALS: Words = Words::new(&[
    (&["en"], &[
        "donate now", "support independent journalism", "support our journalism",
    ]),
    (&["de"], &[
        "ihr beitrag hilft", "jetzt spenden", "jetzt unterstützen", "unterstützen sie uns",
    ]),
    (&["fr"], &[
        "faire un don", "soutenez nous",
    ]),
    (&["es"], &[
        "apoya nuestro periodismo", "haz una donación",
    ]),
    (&["it"], &[
        "fai una donazione", "sostieni il nostro",
    ]),
    (&["pl"], &[
        "przekaż darowiznę", "wesprzyj nas",
    ]),
    (&["nl"], &[
        "doneer nu", "steun ons",
    ]),
    (&["pt"], &[
        "apoie o nosso", "faça uma doação",
    ]),
]);

/// Disclaimers and terms, wherever they stand in a line.
#[rustfmt::skip]
pub(crate) static LEGAL_PHRASES: Words = Words::new(&[
    (&["en"], &[
        "are registered trademarks of", "are trademarks of", "by using this site you agree",
        "distribution and use of this material are governed by",
        "does not constitute medical advice", "for informational purposes only",
        "is not intended to diagnose", "market data provided by",
        "may not be published broadcast rewritten or redistributed",
        "not been evaluated by the food and drug administration", "quotes delayed at least",
        "results vary depending on", "the information provided on this website",
        "this copy is for your personal non commercial use",
    ]),
]);

/// `All rights reserved` and its translations.
#[rustfmt::skip]
pub(crate) static RIGHTS_PHRASES: Words = Words::new(&[
    (&["en"], &[
        "all rights reserved",
    ]),
    (&["de"], &[
        "alle rechte vorbehalten",
    ]),
    (&["fr"], &[
        "tous droits réservés",
    ]),
    (&["es"], &[
        "todos los derechos reservados",
    ]),
    (&["it"], &[
        "tutti i diritti riservati",
    ]),
    (&["pt"], &[
        "todos os direitos reservados",
    ]),
    (&["nl"], &[
        "alle rechten voorbehouden",
    ]),
    (&["pl"], &[
        "chroniony prawem autorskim", "wszelkie prawa zastrzeżone",
    ]),
]);

/// Affiliate-link disclosures.
#[rustfmt::skip]
pub(crate) static AFFILIATE_PHRASES: Words = Words::new(&[
    (&["en"], &[
        "affiliate link", "affiliate links", "we may earn a commission",
    ]),
]);

/// Words that make a line about cookies a consent notice.
#[rustfmt::skip]
pub(crate) static COOKIE_NOTICE_WORDS: Words = Words::new(&[
    (&["en"], &[
        "accept", "consent", "cookie policy", "cookies to", "we use cookies",
    ]),
]);

/// "We use cookies" in other languages: a site speaking of its own cookies.
#[rustfmt::skip]
pub(crate) static OWN_COOKIES: Words = Words::new(&[
    (&["de"], &[
        "nutzen cookies", "nutzt cookies", "verwenden cookies", "verwendet cookies",
    ]),
    (&["fr"], &[
        "utilise des cookies", "utilisons des cookies",
    ]),
    (&["es"], &[
        "usamos cookies", "utiliza cookies", "utilizamos cookies",
    ]),
    (&["it"], &[
        "utilizza cookie", "utilizziamo cookie",
    ]),
    (&["nl"], &[
        "gebruiken cookies", "gebruikt cookies",
    ]),
    (&["pl"], &[
        "korzysta z cookies", "korzystamy z cookies", "używa plików cookie",
    ]),
    (&["cs"], &[
        "používá cookies", "používáme cookies",
    ]),
]);

/// Social networks, as share buttons and `Follow us` lines name them.
#[rustfmt::skip]
pub(crate) static SOCIAL_NETWORKS: Words = Words::new(&[
    (ANY, &[
        "facebook", "instagram", "linkedin", "pinterest", "reddit", "tiktok", "twitter",
        "whatsapp", "youtube",
    ]),
]);

/// Photo agencies and stock libraries a credit line names.
#[rustfmt::skip]
pub(crate) static PHOTO_AGENCIES: Words = Words::new(&[
    (ANY, &[
        "getty images", "image getty", "photo getty", "shutterstock",
    ]),
]);

/// Labels that open a line of tags (`Themen: Kritik, Internet`), lower case as written.
#[rustfmt::skip]
pub(crate) static TAG_LABELS: Words = Words::new(&[
    (&["en"], &[
        "tags:",
    ]),
    (&["de"], &[
        "schlagworte:", "schlagwörter:", "stichworte:", "themen:",
    ]),
    (&["fr"], &[
        "mots-clés :", "mots-clés:",
    ]),
    (&["es"], &[
        "etiquetas:", "temas:",
    ]),
    (&["pl"], &[
        "tagi:",
    ]),
]);

/// `Download` in the languages of the section lists (a download widget with `pdf`).
#[rustfmt::skip]
pub(crate) static DOWNLOAD_VERBS: Words = Words::new(&[
    (&["en"], &[
        "download",
    ]),
    (&["de"], &[
        "herunterladen",
    ]),
    (&["fr"], &[
        "télécharger",
    ]),
    (&["es"], &[
        "descargar",
    ]),
    (&["it"], &[
        "scarica",
    ]),
    (&["pl"], &[
        "pobierz",
    ]),
    (&["nl"], &[
        "downloaden",
    ]),
    (&["pt"], &[
        "baixar",
    ]),
]);

/// Labels that open a citation line, lower case as written.
#[rustfmt::skip]
pub(crate) static CITATION_LABELS: Words = Words::new(&[
    (&["en"], &[
        "citation:", "cite this article", "to cite this",
    ]),
]);

/// Labels that open a photo caption or credit, lower case as written.
#[rustfmt::skip]
pub(crate) static CAPTION_LABELS: Words = Words::new(&[
    (&["en"], &[
        "(photo", "credit:", "file photo", "image:", "photo:", "photograph:", "picture:",
    ]),
]);

/// Labels that open a link to another article, lower case as written.
#[rustfmt::skip]
pub(crate) static READ_MORE_LABELS: Words = Words::new(&[
    (&["en"], &[
        "also read:", "more:", "read also:", "read more:", "recommended:", "related:", "see also:",
    ]),
]);

/// Every list of this room.
pub(crate) const ALL: &[&Words] = &[
    &AD_LINES,
    &SHARE_BUTTONS,
    &PROMOTION_LINES,
    &PAYWALL_LINES,
    &PAYWALL_PHRASES,
    &PAGE_WIDGETS,
    &APPEALS,
    &LEGAL_PHRASES,
    &RIGHTS_PHRASES,
    &AFFILIATE_PHRASES,
    &COOKIE_NOTICE_WORDS,
    &OWN_COOKIES,
    &SOCIAL_NETWORKS,
    &PHOTO_AGENCIES,
    &TAG_LABELS,
    &DOWNLOAD_VERBS,
    &CITATION_LABELS,
    &CAPTION_LABELS,
    &READ_MORE_LABELS,
];

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Form::Lower, Order::Sorted, Read::Union, checked};
    vec![
        checked("AD_LINES", &AD_LINES, Folded, Sorted, Union),
        checked("SHARE_BUTTONS", &SHARE_BUTTONS, Folded, Sorted, Union),
        checked("PROMOTION_LINES", &PROMOTION_LINES, Folded, Sorted, Union),
        checked("PAYWALL_LINES", &PAYWALL_LINES, Folded, Sorted, Union),
        checked("PAYWALL_PHRASES", &PAYWALL_PHRASES, Folded, Sorted, Union),
        checked("PAGE_WIDGETS", &PAGE_WIDGETS, Folded, Sorted, Union),
        checked("APPEALS", &APPEALS, Folded, Sorted, Union),
        checked("LEGAL_PHRASES", &LEGAL_PHRASES, Folded, Sorted, Union),
        checked("RIGHTS_PHRASES", &RIGHTS_PHRASES, Folded, Sorted, Union),
        checked(
            "AFFILIATE_PHRASES",
            &AFFILIATE_PHRASES,
            Folded,
            Sorted,
            Union,
        ),
        checked(
            "COOKIE_NOTICE_WORDS",
            &COOKIE_NOTICE_WORDS,
            Folded,
            Sorted,
            Union,
        ),
        checked("OWN_COOKIES", &OWN_COOKIES, Folded, Sorted, Union),
        checked("SOCIAL_NETWORKS", &SOCIAL_NETWORKS, Folded, Sorted, Union),
        checked("PHOTO_AGENCIES", &PHOTO_AGENCIES, Folded, Sorted, Union),
        checked("TAG_LABELS", &TAG_LABELS, Lower, Sorted, Union),
        checked("DOWNLOAD_VERBS", &DOWNLOAD_VERBS, Folded, Sorted, Union),
        checked("CITATION_LABELS", &CITATION_LABELS, Lower, Sorted, Union),
        checked("CAPTION_LABELS", &CAPTION_LABELS, Lower, Sorted, Union),
        checked("READ_MORE_LABELS", &READ_MORE_LABELS, Lower, Sorted, Union),
    ]
}
