//! Lines that open a section of a page: the readers' comments, related articles, promotion, share
//! blocks, the footer. Folded keys of whole lines; the boilerplate stage decides what each ends.

use super::Words;

/// Lines that open the readers' comments (folded keys, whole lines).
#[rustfmt::skip]
pub(crate) static COMMENT_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "add a comment", "comment", "comments", "comments are closed", "comments closed",
        "join the conversation", "join the discussion", "leave a comment", "leave a reply",
        "no comments yet", "post a comment", "post comment", "reader comments", "show comments",
        "view comments",
    ]),
    (&["de"], &[
        "kommentar", "kommentar schreiben", "kommentare", "kommentieren", "leserkommentare",
    ]),
    (&["fr"], &[
        "commentaire", "commentaires", "laisser un commentaire",
    ]),
    (&["es"], &[
        "comentario", "comentarios", "deja tu comentario", "deja un comentario",
    ]),
    (&["it"], &[
        "commenti", "commento", "lascia un commento",
    ]),
    (&["pt"], &[
        "comentários", "deixe um comentário",
    ]),
    (&["nl"], &[
        "plaats een reactie", "reactie", "reacties",
    ]),
    (&["pl"], &[
        "dodaj komentarz", "komentarz", "komentarze",
    ]),
]);

/// Lines that open a related-articles or tags section and end the body.
#[rustfmt::skip]
pub(crate) static RELATED_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "around the web", "don t miss", "editor s picks", "editors picks", "from the web",
        "latest news", "latest stories", "more from this author", "more in this section",
        "more news", "more stories", "most popular", "most read", "most shared", "most viewed",
        "popular news", "popular stories", "promoted stories", "recommended",
        "recommended articles", "recommended for you", "recommended reading",
        "recommended stories", "related articles", "related content", "related coverage",
        "related news", "related posts", "related stories", "related tags", "sponsored stories",
        "tags", "top stories", "trending", "trending news", "trending now", "trending stories",
        "what to read next", "you may also like", "you might also like",
    ]),
    (&["de"], &[
        "aktuelle artikel", "aktuelle berichte aus dieser kategorie", "auch interessant",
        "beliebte artikel", "das könnte dich auch interessieren",
        "das könnte sie auch interessieren", "das könnte sie interessieren", "empfehlungen",
        "mehr artikel", "mehr aus dem ressort", "mehr beiträge", "mehr kolumnen",
        "mehr nachrichten", "mehr zum thema", "meistgelesen", "meistgelesene artikel",
        "neueste artikel", "schlagworte", "schlagwörter", "schon gelesen", "stichworte",
        "stichwörter", "top themen", "unsere empfehlungen", "verwandte artikel", "weitere artikel",
        "weitere beiträge", "weitere kolumnen", "weitere meldungen", "weitere nachrichten",
        "weitere themen", "ähnliche artikel", "ähnliche beiträge",
    ]),
    (&["fr"], &[
        "articles liés", "articles similaires", "dans la même rubrique", "les plus lus",
        "mots clés", "sur le même sujet", "tags du sujet", "vous aimerez aussi", "à lire aussi",
    ]),
    (&["es"], &[
        "artículos relacionados", "etiquetas", "lo más leído", "más leídas", "más noticias",
        "noticias relacionadas", "otras noticias", "también te puede interesar",
        "te puede interesar", "temas relacionados",
    ]),
    (&["it"], &[
        "altre notizie", "articoli correlati", "i più letti", "parole chiave",
        "potrebbe interessarti", "ti potrebbe interessare",
    ]),
    (&["pt"], &[
        "artigos relacionados", "mais lidas", "notícias relacionadas", "você pode gostar",
    ]),
    (&["nl"], &[
        "gerelateerde artikelen", "meer nieuws", "meest gelezen", "ook interessant",
    ]),
    (&["pl"], &[
        "czytaj także", "najczęściej czytane", "powiązane artykuły", "tagi", "zobacz także",
    ]),
]);

/// The opening words of a short related-section header (`More from Reuters`, `Mehr zum Thema Wahl`):
/// matched as whole words at the start of the line.
#[rustfmt::skip]
pub(crate) static RELATED_HEADER_OPENERS: Words = Words::new(&[
    (&["en"], &[
        "more from", "more on", "popular on", "trending on",
    ]),
    (&["de"], &[
        "mehr aus", "mehr von", "mehr zu", "mehr zum", "weitere aktuelle", "weitere artikel",
    ]),
    (&["fr"], &[
        "plus d articles",
    ]),
    (&["es"], &[
        "más de",
    ]),
    (&["it"], &[
        "altri articoli",
    ]),
]);

/// `Read more` and its kin: a related section, or a link inside the article when body text follows.
#[rustfmt::skip]
pub(crate) static SOFT_RELATED_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "also read", "further reading", "keep reading", "more on this", "more on this story",
        "read also", "read more", "read next", "related", "see also", "up next",
    ]),
    (&["de"], &[
        "lesen sie auch", "lies auch", "mehr dazu", "siehe auch", "weiterlesen",
    ]),
    (&["fr"], &[
        "lire aussi", "lire la suite", "voir aussi", "à lire",
    ]),
    (&["es"], &[
        "lee también", "leer más", "ver también",
    ]),
    (&["it"], &[
        "leggi anche", "leggi di più", "vedi anche",
    ]),
    (&["pt"], &[
        "leia mais", "leia também", "veja também",
    ]),
    (&["nl"], &[
        "lees meer", "lees ook", "zie ook",
    ]),
    (&["pl"], &[
        "czytaj więcej", "zobacz też",
    ]),
]);

/// Lines that open an app, newsletter or subscription block.
#[rustfmt::skip]
pub(crate) static PROMOTION_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "download our app", "download the app", "get our newsletter", "get the app", "newsletter",
        "newsletters", "sign up for our newsletter", "subscribe", "subscribe now",
    ]),
    (&["de"], &[
        "jetzt abonnieren", "newsletter abonnieren", "zum newsletter",
    ]),
    (&["fr"], &[
        "abonnez vous", "inscrivez vous à la newsletter", "s abonner",
    ]),
    (&["es"], &[
        "suscribirse", "suscríbete", "suscríbete a nuestro newsletter",
    ]),
    (&["it"], &[
        "iscriviti alla newsletter",
    ]),
    (&["pt"], &[
        "assine a newsletter",
    ]),
    (&["nl"], &[
        "schrijf je in",
    ]),
    (&["pl"], &[
        "subskrybuj", "zapisz się",
    ]),
]);

/// Lines that open a share or follow block (a soft header: the article may go on after it).
#[rustfmt::skip]
pub(crate) static SHARE_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "follow us", "share", "share this", "share this article", "share this story",
    ]),
    (&["de"], &[
        "artikel teilen", "diesen artikel teilen", "folgen sie uns", "teilen",
    ]),
    (&["fr"], &[
        "partager", "partager cet article", "suivez nous",
    ]),
    (&["es"], &[
        "compartir", "compartir en", "síguenos",
    ]),
    (&["it"], &[
        "condividi", "condividi su", "seguici",
    ]),
    (&["pt"], &[
        "compartilhar", "compartilhe", "siga nos",
    ]),
    (&["nl"], &[
        "deel dit artikel", "delen", "volg ons",
    ]),
    (&["pl"], &[
        "obserwuj nas", "udostępnij",
    ]),
]);

/// Lines that open the site footer (legal pages, contact).
#[rustfmt::skip]
pub(crate) static FOOTER_HEADERS: Words = Words::new(&[
    (&["en"], &[
        "about us", "contact us", "privacy policy", "terms of service", "terms of use",
    ]),
    (&["de"], &[
        "agb", "datenschutz", "datenschutzerklärung", "impressum", "nutzungsbedingungen",
    ]),
    (&["fr"], &[
        "mentions légales", "nous contacter", "politique de confidentialité",
    ]),
    (&["es"], &[
        "aviso legal", "política de privacidad",
    ]),
    (&["it"], &[
        "note legali",
    ]),
    (&["pt"], &[
        "política de privacidade",
    ]),
    (&["nl"], &[
        "privacyverklaring",
    ]),
    (&["pl"], &[
        "polityka prywatności",
    ]),
]);

/// The buttons of a comment thread, each a line of its own.
#[rustfmt::skip]
pub(crate) static COMMENT_WIDGETS: Words = Words::new(&[
    (&["en"], &[
        "flag", "like reply", "load more comments", "reply", "reply report", "report",
        "report abuse", "show more comments", "view all comments",
    ]),
]);

/// Every list of this room.
pub(crate) const ALL: &[&Words] = &[
    &COMMENT_HEADERS,
    &RELATED_HEADERS,
    &RELATED_HEADER_OPENERS,
    &SOFT_RELATED_HEADERS,
    &PROMOTION_HEADERS,
    &SHARE_HEADERS,
    &FOOTER_HEADERS,
    &COMMENT_WIDGETS,
];

#[cfg(test)]
pub(super) fn lists() -> Vec<super::Checked> {
    use super::{Form::Folded, Order::Sorted, Read::Union, checked};
    vec![
        checked("COMMENT_HEADERS", &COMMENT_HEADERS, Folded, Sorted, Union),
        checked("RELATED_HEADERS", &RELATED_HEADERS, Folded, Sorted, Union),
        checked(
            "RELATED_HEADER_OPENERS",
            &RELATED_HEADER_OPENERS,
            Folded,
            Sorted,
            Union,
        ),
        checked(
            "SOFT_RELATED_HEADERS",
            &SOFT_RELATED_HEADERS,
            Folded,
            Sorted,
            Union,
        ),
        checked(
            "PROMOTION_HEADERS",
            &PROMOTION_HEADERS,
            Folded,
            Sorted,
            Union,
        ),
        checked("SHARE_HEADERS", &SHARE_HEADERS, Folded, Sorted, Union),
        checked("FOOTER_HEADERS", &FOOTER_HEADERS, Folded, Sorted, Union),
        checked("COMMENT_WIDGETS", &COMMENT_WIDGETS, Folded, Sorted, Union),
    ]
}
