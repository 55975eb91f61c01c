//! Unary `Prepare` on the seed payload: the answer the service issue spells out.

use article_prep::api::proto::{
    Attribution, ChunkOptions, OffsetUnit, ParagraphKind, PrepareOptions, PrepareRequest,
    PreparedArticle, QuoteKind, RemovalReason, Span, Tokenizer,
};

use crate::helpers::{SEED, spawn_app, text_request};

fn slice(text: &str, span: Option<&Span>) -> String {
    let span = span.expect("every element has a span");
    text.chars()
        .skip(span.start as usize)
        .take((span.end - span.start) as usize)
        .collect()
}

async fn seed() -> PreparedArticle {
    seed_with(None).await
}

/// The seed prepared with `min_speaker_confidence` set (else the model's default).
async fn seed_with(min_speaker_confidence: Option<f32>) -> PreparedArticle {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let request = PrepareRequest {
        options: min_speaker_confidence.map(|c| PrepareOptions {
            min_speaker_confidence: Some(c),
            ..PrepareOptions::default()
        }),
        ..text_request("seed-1", SEED)
    };
    let article = client
        .prepare(request)
        .await
        .expect("seed is prepared")
        .into_inner();
    app.stop().await;
    article
}

#[tokio::test]
async fn the_seed_metadata_is_found() {
    let a = seed().await;
    assert_eq!(a.id, "seed-1");
    let m = a.metadata.expect("metadata is set");
    assert_eq!(
        m.title,
        "NATO membership for Ukraine not off the table, US official says"
    );
    assert_eq!(m.source, "Al Arabiya");
    assert_eq!(m.published_at, "2025-02-14");
    assert_eq!(m.language, "en");
    assert_eq!(m.paragraph_count, 22);
    assert_eq!(m.content_hash.len(), 64);
    assert_eq!(m.simhash.len(), 16);
}

#[tokio::test]
async fn the_seed_body_is_the_22_article_lines_and_nothing_else() {
    let a = seed().await;
    let lines: Vec<&str> = SEED.lines().map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("A senior US official on Thursday said"))
        .expect("seed has the first line");
    let last = lines
        .iter()
        .position(|l| l.ends_with("you find out fast.'"))
        .expect("seed has the last line");
    let expected = lines[first..=last].join("\n\n");
    assert_eq!(a.text, expected);
    assert_eq!(a.paragraphs.len(), 22);
    let headings: Vec<String> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind() == ParagraphKind::Heading)
        .map(|p| slice(&a.text, p.span.as_ref()))
        .collect();
    assert_eq!(headings, ["European involvement"]);
    assert!(
        !a.text
            .contains("NATO membership for Ukraine not off the table"),
        "the title is not repeated in text"
    );
}

#[tokio::test]
async fn the_seed_removed_blocks_carry_reasons() {
    let a = seed().await;
    let reason_of = |text: &str| {
        a.removed
            .iter()
            .find(|r| r.text == text)
            .map(|r| r.reason())
    };
    for (text, reason) in [
        ("logo", RemovalReason::Navigation),
        ("Orange background", RemovalReason::LowContent),
        ("Try Our AI Features", RemovalReason::LowContent),
        (
            "Explore what Daily8 AI can do for you:",
            RemovalReason::LowContent,
        ),
        ("Comments", RemovalReason::Comments),
        ("No comments yet...", RemovalReason::Comments),
        ("Related Articles", RemovalReason::Related),
        ("DOWNLOAD THE APP", RemovalReason::Promotion),
        (
            "Get Started Now: Download the App",
            RemovalReason::Promotion,
        ),
        ("app-storeplay-store", RemovalReason::Promotion),
    ] {
        assert_eq!(reason_of(text), Some(reason), "{text}");
    }
    let title = "NATO membership for Ukraine not off the table, US official says";
    let title_reasons: Vec<RemovalReason> = a
        .removed
        .iter()
        .filter(|r| r.text == title)
        .map(|r| r.reason())
        .collect();
    assert_eq!(
        title_reasons,
        [RemovalReason::Title, RemovalReason::Duplicate]
    );
    assert!(a.removed.iter().all(|r| !r.detail.is_empty()));
    // Every non-blank input line is in the text or in removed.
    for line in SEED.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = article_prep::pipeline::clean(
            line.trim_start_matches("• ").trim_start_matches("•").trim(),
        );
        let line = line.as_str();
        assert!(
            a.text.contains(line) || a.removed.iter().any(|r| r.text == line),
            "lost: {line}"
        );
    }
}

#[tokio::test]
async fn the_seed_related_articles_are_listed() {
    let a = seed().await;
    let related: Vec<(&str, &str, &str)> = a
        .related
        .iter()
        .map(|r| (r.title.as_str(), r.source.as_str(), r.age.as_str()))
        .collect();
    assert_eq!(
        related,
        [
            (
                "US House panel subpoenas Clintons in Epstein probe",
                "Al Arabiya",
                "2 hours ago"
            ),
            (
                "Sweden, Denmark, Norway to buy US arms worth $500 mn for Ukraine",
                "Arab News",
                "5 hours ago"
            ),
        ]
    );
}

/// The seed's 17 quotations with the speaker each is given when the best candidate is always
/// named (`min_speaker_confidence` 0): every one right.
#[tokio::test]
async fn the_seed_has_its_17_quotes_with_speakers() {
    let a = seed_with(Some(0.0)).await;
    let expected: [(&str, &str, QuoteKind, Attribution); 17] = [
        (
            "Right now, that is still on the table,",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "allow",
            "Donald Trump",
            QuoteKind::Partial,
            Attribution::Explicit,
        ),
        (
            "I believe that is the reason the war started,",
            "Donald Trump",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "Biden shouldn't have said that.",
            "Donald Trump",
            QuoteKind::Direct,
            Attribution::Continued,
        ),
        (
            "everything is on the table",
            "Pete Hegseth",
            QuoteKind::Partial,
            Attribution::Explicit,
        ),
        (
            "remains a critical part of this team and this effort.",
            "Karoline Leavitt",
            QuoteKind::Partial,
            Attribution::Explicit,
        ),
        (
            "Where do the Ukrainians and Europeans fit into all of this?",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "have to have the Europeans involved.",
            "John Coale",
            QuoteKind::Partial,
            Attribution::Explicit,
        ),
        (
            "The Europeans want this war stopped,",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Pronoun,
        ),
        (
            "They are more than willing to participate",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Continued,
        ),
        (
            "There's been a lot of talk about the trip",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "Putin seems to be willing to play ball,",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Continued,
        ),
        (
            "We shouldn't take anything off the table",
            "Kaja Kallas",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "It is appeasement. It has never worked.",
            "Kaja Kallas",
            QuoteKind::Direct,
            Attribution::Continued,
        ),
        (
            "Some people talked out of turn,",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "You don't know with Putin and the Russians,",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Explicit,
        ),
        (
            "Are they trying to play us?",
            "John Coale",
            QuoteKind::Direct,
            Attribution::Continued,
        ),
    ];
    assert_eq!(a.quotes.len(), expected.len());
    for (q, (start, speaker, kind, attribution)) in a.quotes.iter().zip(expected) {
        assert!(
            q.text.starts_with(start),
            "{:?} should start with {start:?}",
            q.text
        );
        assert_eq!(
            slice(&a.text, q.span.as_ref()),
            q.text,
            "span slices to the quote"
        );
        assert_eq!(
            (q.speaker.as_str(), q.kind(), q.attribution()),
            (speaker, kind, attribution),
            "{start}"
        );
    }
    let mentions: Vec<&str> = a
        .quotes
        .iter()
        .map(|q| q.speaker_mention.as_str())
        .collect();
    assert_eq!(mentions[2], "Trump");
    assert_eq!(mentions[8], "he");
    // At the default threshold every speaker stays.
    let default = seed().await;
    assert_eq!(default.quotes.len(), a.quotes.len());
    for (d, all) in default.quotes.iter().zip(&a.quotes) {
        assert!(all.speaker_confidence > 0.0 && all.speaker_confidence <= 1.0);
        assert_eq!(d.speaker, all.speaker, "{}", d.text);
        assert!(d.speaker_confidence >= 0.68, "{}", d.text);
    }
    // Over a strict threshold a speaker is left out, never changed: a named mention stays. (A
    // speaker left out is not continued, so continuations may differ.)
    let strict = seed_with(Some(0.95)).await;
    assert_eq!(strict.quotes.len(), a.quotes.len());
    let mut left_out = 0;
    for (d, all) in strict.quotes.iter().zip(&a.quotes) {
        if d.speaker.is_empty() {
            left_out += 1;
            assert_eq!(d.speaker_confidence, 0.0);
            assert_eq!(d.attribution(), Attribution::None);
        } else {
            assert!(d.speaker_confidence >= 0.95, "{}", d.text);
        }
        if all.attribution() == Attribution::Explicit {
            assert_eq!(d.speaker_mention, all.speaker_mention, "{}", d.text);
            if !d.speaker.is_empty() {
                assert_eq!(d.speaker, all.speaker, "{}", d.text);
            }
        }
    }
    assert!(left_out > 0, "some speakers are less sure than 0.95");
}

#[tokio::test]
async fn the_seed_chunks_fit_512_cl100k_tokens_and_cover_the_text() {
    let a = seed().await;
    assert!(!a.chunks.is_empty());
    let tokenizer = tiktoken_rs::cl100k_base_singleton();
    let mut covered = String::new();
    for c in &a.chunks {
        assert!(c.token_count <= 512);
        assert_eq!(
            tokenizer.encode_ordinary(&c.text).len() as u32,
            c.token_count
        );
        assert_eq!(slice(&a.text, c.span.as_ref()), c.text);
        if !covered.is_empty() {
            covered.push_str("\n\n");
        }
        covered.push_str(&c.text);
    }
    assert_eq!(
        covered, a.text,
        "chunks end at paragraphs and rejoin to the text"
    );
}

#[tokio::test]
async fn spans_follow_the_requested_unit() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let text = "Der Bürgermeister sagte am Montag, die Straße werde gesperrt. 😀 Das ist gut so, sagte er.";
    for unit in [OffsetUnit::Utf8, OffsetUnit::Utf16, OffsetUnit::CodePoints] {
        let mut request = text_request("u", text);
        request.options = Some(PrepareOptions {
            offset_unit: unit.into(),
            keep_all_text: true,
            chunking: Some(ChunkOptions {
                max_tokens: Some(16),
                overlap_tokens: Some(4),
                tokenizer: Tokenizer::Words.into(),
            }),
            ..PrepareOptions::default()
        });
        let a = client
            .prepare(request)
            .await
            .expect("prepared")
            .into_inner();
        for s in &a.sentences {
            let span = s.span.expect("span");
            let (start, end) = (span.start as usize, span.end as usize);
            let piece = match unit {
                OffsetUnit::Utf8 => a.text.get(start..end).map(str::to_owned),
                OffsetUnit::Utf16 => {
                    let units: Vec<u16> = a.text.encode_utf16().collect();
                    units.get(start..end).map(String::from_utf16_lossy)
                }
                _ => Some(a.text.chars().skip(start).take(end - start).collect()),
            };
            assert!(
                piece.is_some_and(|p| !p.is_empty() && a.text.contains(&p)),
                "{unit:?}"
            );
        }
        assert!(a.chunks.iter().all(|c| c.token_count <= 16));
    }
    app.stop().await;
}

#[tokio::test]
async fn the_ascii_quote_style_straightens_marks_and_spans_still_slice() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let mut request = text_request(
        "q",
        "“We will win,” said Mary Major, the mayor’s deputy, on Monday evening in the hall.",
    );
    request.options = Some(PrepareOptions {
        keep_all_text: true,
        quote_style: article_prep::api::proto::QuoteStyle::Ascii.into(),
        ..PrepareOptions::default()
    });
    let a = client
        .prepare(request)
        .await
        .expect("prepared")
        .into_inner();
    assert_eq!(
        a.text,
        "\"We will win,\" said Mary Major, the mayor's deputy, on Monday evening in the hall."
    );
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(slice(&a.text, a.quotes[0].span.as_ref()), "We will win,");
    assert_eq!(a.quotes[0].speaker, "Mary Major");
    app.stop().await;
}

#[tokio::test]
async fn chunks_carry_their_heading_path() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let para = |topic: &str| {
        format!(
            "<p>The council debated the {topic} for most of the night before it voted. Members said the {topic} plan would change the city for years to come.</p>"
        )
    };
    let html = format!(
        "<html><head><title>Council passes budget</title></head><body><article><h1>Council passes budget</h1>{}<h2>What the schools get</h2>{}{}</article></body></html>",
        para("budget"),
        para("schools"),
        para("teachers")
    );
    let request = article_prep::api::proto::PrepareRequest {
        id: "h".into(),
        payload: Some(article_prep::api::proto::prepare_request::Payload::Html(
            html,
        )),
        options: Some(PrepareOptions {
            chunking: Some(ChunkOptions {
                max_tokens: Some(32),
                overlap_tokens: None,
                tokenizer: Tokenizer::Words.into(),
            }),
            ..PrepareOptions::default()
        }),
        ..Default::default()
    };
    let article = client
        .prepare(request)
        .await
        .expect("prepared")
        .into_inner();
    let first = article.chunks.first().expect("chunks");
    assert_eq!(first.heading_path, ["Council passes budget"]);
    let last = article.chunks.last().expect("chunks");
    assert_eq!(
        last.heading_path,
        ["Council passes budget", "What the schools get"]
    );
    // Not part of the chunk's text.
    assert!(!last.text.contains("Council passes budget"));
    app.stop().await;
}

#[tokio::test]
async fn a_read_mask_returns_only_the_fields_asked_for() {
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let full = client
        .prepare(text_request("full", SEED))
        .await
        .expect("seed is prepared")
        .into_inner();
    let mut request = text_request("masked", SEED);
    request.read_mask = Some(article_prep::api::field_mask::FieldMask {
        paths: vec!["text".into(), "chunks".into()],
    });
    let masked = client
        .prepare(request)
        .await
        .expect("seed is prepared")
        .into_inner();
    app.stop().await;
    assert_eq!(masked.id, "masked");
    assert_eq!(masked.text, full.text);
    // The chunks do not change when the quotes they keep whole are not asked for.
    assert_eq!(masked.chunks, full.chunks);
    assert!(!full.quotes.is_empty() && masked.quotes.is_empty());
    assert!(masked.metadata.is_none());
    assert!(masked.paragraphs.is_empty() && masked.sentences.is_empty());
    assert!(masked.removed.is_empty() && masked.related.is_empty());
}

#[tokio::test]
async fn markdown_text_is_what_every_span_and_chunk_indexes() {
    use article_prep::api::proto::{TextFormat, prepare_request::Payload};
    let app = spawn_app().await;
    let mut client = app.client.clone();
    let mut request = text_request("md", "");
    request.payload = Some(Payload::Html(
        include_str!("../fixtures/city-budget.html").into(),
    ));
    request.options = Some(PrepareOptions {
        text_format: TextFormat::Markdown.into(),
        keep_links: true,
        keep_images: true,
        ..PrepareOptions::default()
    });
    // Relative targets resolve against the page's address.
    request.hints = Some(article_prep::api::proto::ArticleHints {
        url: Some("https://riverton.example/city/2025/03/04/budget.html".into()),
        ..Default::default()
    });
    let a = client
        .prepare(request)
        .await
        .expect("the page is prepared")
        .into_inner();
    app.stop().await;
    assert!(
        a.text.contains("\n\n## Where the money goes\n\n"),
        "{}",
        a.text
    );
    assert!(a.text.contains(
        "| Department | 2025 budget | Change |\n| --- | --- | --- |\n| Schools | $840 million | +6% |"
    ));
    assert!(
        a.text
            .contains("\n\n- Bus fares stay at $2.00 for another year.\n\n")
    );
    assert!(a.text.contains(
        "according to [figures released by the city's finance office]\
         (https://riverton.example/finance/2025-budget.pdf)."
    ));
    // The article's images, the lead one under the headline with its caption; not the logo or
    // the ad.
    assert!(a.text.starts_with(
        "![Council members raise their hands \\[7-2\\]](https://riverton.example/img/council-vote.jpg \
         \"Council members vote on the budget early on Wednesday.\")\n\n"
    ), "{}", a.text);
    assert!(
        a.text
            .contains("\n\n![](<https://riverton.example/img/budget%20chart%20(2025).png>)\n\n")
    );
    assert!(!a.text.contains("logo") && !a.text.contains("/ads/"));
    let images: Vec<_> = a
        .paragraphs
        .iter()
        .filter(|p| p.kind() == article_prep::api::proto::ParagraphKind::Image)
        .map(|p| slice(&a.text, p.span.as_ref()))
        .collect();
    assert_eq!(images.len(), 2, "{images:?}");
    assert!(images.iter().all(|i| i.starts_with("![")));
    for chunk in &a.chunks {
        assert_eq!(slice(&a.text, chunk.span.as_ref()), chunk.text);
    }
    for quote in &a.quotes {
        assert_eq!(slice(&a.text, quote.span.as_ref()), quote.text);
    }
    // A chunk's heading path names the section, without the Markdown marker.
    assert!(a.chunks.iter().any(|c| {
        c.heading_path
            .last()
            .is_some_and(|h| h == "Where the money goes")
    }));
}
