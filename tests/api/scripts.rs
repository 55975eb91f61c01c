//! One article per script family (Latin, Cyrillic, Arabic, Devanagari, CJK) through the whole
//! service: language, sentences, quotes, counts and chunks, with every span checked.

use article_prep::api::proto::{ChunkOptions, PrepareOptions, PreparedArticle, Span};

use crate::helpers::{SEED, spawn_app, text_request};

struct Case {
    file: &'static str,
    text: &'static str,
    language: &'static str,
    min_sentences: usize,
    min_words: u32,
}

/// The article's text sliced by a code-point span.
fn slice(text: &str, span: Option<&Span>) -> Option<String> {
    let span = span?;
    let (start, end) = (span.start as usize, span.end as usize);
    (start <= end && end <= text.chars().count())
        .then(|| text.chars().skip(start).take(end - start).collect())
}

fn check(case: &Case, article: &PreparedArticle) {
    let name = case.file;
    let text = &article.text;
    let meta = article.metadata.as_ref().expect("metadata");
    assert_eq!(meta.language, case.language, "{name}: language");
    assert!(meta.language_confidence > 0.0, "{name}: confidence");
    assert!(
        meta.word_count >= case.min_words,
        "{name}: {} words",
        meta.word_count
    );
    assert!(meta.reading_time_seconds > 0, "{name}: reading time");
    assert!(
        article.sentences.len() >= case.min_sentences,
        "{name}: {} sentences",
        article.sentences.len()
    );
    for s in &article.sentences {
        let sentence = slice(text, s.span.as_ref()).expect("sentence span in the text");
        assert!(
            !sentence.trim().is_empty() && sentence.trim() == sentence,
            "{name}: {sentence:?}"
        );
    }
    for q in &article.quotes {
        let quoted = slice(text, q.span.as_ref()).expect("quote span in the text");
        assert!(!quoted.is_empty(), "{name}: empty quote");
    }
    let mut covered = 0usize;
    for c in &article.chunks {
        assert!(c.token_count <= 64, "{name}: chunk over budget");
        let span = c.span.as_ref().expect("chunk span");
        assert!(
            span.start as usize >= covered || c.overlap_tokens > 0,
            "{name}: chunks out of order"
        );
        let chunk = slice(text, Some(span)).expect("chunk span in the text");
        assert!(!chunk.is_empty());
        covered = span.end as usize;
    }
    assert_eq!(
        covered,
        text.chars().count(),
        "{name}: chunks cover the text"
    );
}

#[tokio::test]
async fn an_article_in_each_script_family_comes_back_whole() {
    let cases = [
        Case {
            file: "seed (Latin)",
            text: SEED,
            language: "en",
            min_sentences: 20,
            min_words: 400,
        },
        Case {
            file: "ru.txt",
            text: include_str!("../fixtures/scripts/ru.txt"),
            language: "ru",
            min_sentences: 12,
            min_words: 150,
        },
        Case {
            file: "ar.txt",
            text: include_str!("../fixtures/scripts/ar.txt"),
            language: "ar",
            min_sentences: 5,
            min_words: 80,
        },
        Case {
            file: "hi.txt",
            text: include_str!("../fixtures/scripts/hi.txt"),
            language: "hi",
            min_sentences: 7,
            min_words: 120,
        },
        Case {
            file: "ja.txt",
            text: include_str!("../fixtures/scripts/ja.txt"),
            language: "ja",
            min_sentences: 8,
            min_words: 150,
        },
    ];
    let app = spawn_app().await;
    let mut client = app.client.clone();
    for case in &cases {
        let mut request = text_request(case.file, case.text);
        request.options = Some(PrepareOptions {
            keep_all_text: true,
            chunking: Some(ChunkOptions {
                max_tokens: Some(64),
                overlap_tokens: None,
                tokenizer: 0,
            }),
            ..PrepareOptions::default()
        });
        let article = client
            .prepare(request)
            .await
            .expect("prepared")
            .into_inner();
        check(case, &article);
    }
    app.stop().await;
}
