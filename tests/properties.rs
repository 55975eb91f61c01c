//! Properties over random articles: nothing is lost, every span slices back to its own text, and
//! chunks fit their budget and rejoin to the text.

use article_prep::pipeline::{self, ChunkBudget, Hints, Input, Options, Tokenizer, fold};
use proptest::prelude::*;

/// Lines that look like article text, menus, quotes, abbreviations and odd Unicode.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}( [a-z]{1,9}){8,30}[.!?]",
        "'[A-Z][a-z]{1,8}( [a-z]{1,8}){2,12},' [A-Z][a-z]{2,8} said\\.",
        "\"[A-Z][a-z]{1,8}( [a-z]{1,8}){2,12}\\.\" [A-Z][a-z]{2,8} (told|added|wrote) reporters\\.",
        "[A-Z][a-z]{2,8}( [A-Z][a-z]{2,8}){0,3}",
        "(Mr|Gen|Sen|Dr)\\. [A-Z][a-z]{2,8} (met|saw) the U\\.S\\. team( [a-z]{2,6}){3,9}\\.",
        "[a-zà-ÿ]{1,8}( [a-zà-ÿ\u{0400}-\u{044F}]{1,8}){3,20}[.…]",
        "(Related Articles|Comments|Advertisement|Share|DOWNLOAD THE APP)",
        "[\u{4E00}-\u{4E80}]{5,40}[。！？]",
        "[ \t\u{00A0}\u{200B}\u{00AD}a-z']{0,40}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 1..30).prop_map(|lines| lines.join("\n"))
}

fn budget() -> impl Strategy<Value = ChunkBudget> {
    (
        16usize..200,
        0usize..64,
        prop_oneof![
            Just(Tokenizer::Cl100kBase),
            Just(Tokenizer::O200kBase),
            Just(Tokenizer::Words),
            Just(Tokenizer::Characters)
        ],
    )
        .prop_map(|(max, overlap, tokenizer)| {
            ChunkBudget::new(max, overlap.min(max - 1), tokenizer).unwrap_or_default()
        })
}

/// 96 cases per property in the test suite; `PROPTEST_CASES` asks for more in a longer run.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    ProptestConfig {
        cases,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_word_of_the_input_is_in_the_text_or_removed(text in article(), keep_all in any::<bool>()) {
        let options = Options { keep_all_text: keep_all, ..Options::default() };
        let prepared = pipeline::prepare(Input::Text(text.clone()), &Hints::default(), &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut kept = fold(&prepared.text);
        for r in &prepared.removed {
            kept.push(' ');
            kept.push_str(&fold(&r.text));
        }
        let kept: std::collections::HashSet<&str> = kept.split(' ').collect();
        // Words as normalisation defines them (a soft hyphen joins its word, for one).
        let cleaned: Vec<String> = text.lines().map(|l| fold(&pipeline::clean(l))).collect();
        for word in cleaned.iter().flat_map(|l| l.split(' ')).filter(|w| !w.is_empty()) {
            prop_assert!(kept.contains(word), "lost {word:?}");
        }
    }

    #[test]
    fn spans_slice_back_and_chunks_fit_and_cover(text in article(), budget in budget()) {
        let options = Options { chunking: budget, keep_all_text: true, ..Options::default() };
        let p = pipeline::prepare(Input::Text(text), &Hints::default(), &options).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let t = &p.text;
        for para in &p.paragraphs {
            let s = para.span.slice(t);
            prop_assert!(!s.is_empty() && s.trim() == s && !s.contains('\n'));
        }
        let joined: Vec<&str> = p.paragraphs.iter().map(|x| x.span.slice(t)).collect();
        prop_assert_eq!(joined.join("\n\n"), t.clone());
        for s in &p.sentences {
            prop_assert!(p.paragraphs[s.paragraph].span.contains(s.span) && !s.span.is_empty());
        }
        for q in &p.quotes {
            prop_assert!(p.paragraphs[q.paragraph].span.contains(q.span) && !q.span.is_empty());
        }
        let counter = pipeline::stages::chunk::TokenCounter::new(budget.tokenizer());
        let mut end = 0usize;
        for c in &p.chunks {
            prop_assert!(c.token_count <= budget.max_tokens(), "{} > {}", c.token_count, budget.max_tokens());
            prop_assert_eq!(c.token_count, counter.count(c.span.slice(t)));
            prop_assert!(c.overlap_tokens <= budget.overlap_tokens());
            // Minus overlaps, chunks follow each other with only white space between them.
            let own_start = if c.overlap_tokens > 0 { end.max(c.span.start()) } else { c.span.start() };
            prop_assert!(own_start >= end, "chunks overlap beyond their declared overlap");
            prop_assert!(t.get(end..own_start).is_some_and(|gap| gap.trim().is_empty()), "text between chunks is lost");
            end = c.span.end();
        }
        prop_assert!(t[end..].trim().is_empty(), "the end of the text is not chunked");
    }

    #[test]
    fn span_counts_from_one_pass_equal_counting_the_slice(
        text in "[ \n\t\u{00A0}a-zA-Zé0-9.,'\"’!?()$%\u{4E00}-\u{4E10}-]{0,300}",
        cuts in prop::collection::vec(any::<prop::sample::Index>(), 2),
        tokenizer in prop_oneof![
            Just(Tokenizer::Cl100kBase),
            Just(Tokenizer::O200kBase),
            Just(Tokenizer::Words),
            Just(Tokenizer::Characters)
        ],
    ) {
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let mut ends: Vec<usize> = cuts.iter().map(|c| bounds[c.index(bounds.len())]).collect();
        ends.sort_unstable();
        let counter = pipeline::stages::chunk::TokenCounter::new(tokenizer);
        let tally = counter.tally(&text);
        prop_assert_eq!(tally.count(ends[0]..ends[1]), counter.count(&text[ends[0]..ends[1]]));
    }

    #[test]
    fn bpe_counts_equal_tiktoken(text in "[ \n\ta-zA-Zé0-9.,'\"’!?$%\u{0400}-\u{0450}\u{4E00}-\u{4E10}-]{0,200}") {
        let counter = pipeline::stages::chunk::TokenCounter::new(Tokenizer::Cl100kBase);
        prop_assert_eq!(counter.count(&text), tiktoken_rs::cl100k_base_singleton().encode_ordinary(&text).len());
        let counter = pipeline::stages::chunk::TokenCounter::new(Tokenizer::O200kBase);
        prop_assert_eq!(counter.count(&text), tiktoken_rs::o200k_base_singleton().encode_ordinary(&text).len());
    }

    #[test]
    fn any_bytes_are_answered_without_panic(data in prop::collection::vec(any::<u8>(), 0..2000)) {
        let input = Input::Raw { data, content_type: None };
        if input.check(1 << 20).is_ok() {
            let _ = pipeline::prepare(input, &Hints::default(), &Options::default());
        }
    }
}
