//! The prep pipeline: synchronous, pure functions over our own types, one module per stage, in the
//! order data flows:
//!
//! ```text
//! decode → html | text → boilerplate → normalize → language → segment → syntax → quotes, metadata → chunk
//! ```
//!
//! [`prepare`] runs them all; [`stages`] lists each stage's entry points for the tools, benchmarks
//! and tests that run one alone. Beside the stages sit what they pass on (blocks, [`Span`],
//! [`Options`], [`Input`], [`PrepError`]), the text helpers they share (textkit, dates) and the
//! word lists (the lexicon).

// The stages, in the order data flows.
mod decode;
mod html;
mod text;
mod boilerplate;
mod normalize;
mod language;
mod segment;
mod syntax;
mod quotes;
mod metadata;
mod chunk;

// What the stages share.
mod block;
pub(crate) mod dates;
mod deadline;
mod error;
mod input;
pub(crate) mod lexicon;
mod options;
mod span;
mod textkit;
mod weights;

pub use block::ParagraphKind;
pub use boilerplate::RemovalReason;
pub use chunk::Chunk;
pub use deadline::Deadline;
pub use error::PrepError;
pub use input::{Hints, Input};
pub use metadata::{Metadata, RelatedArticle};
pub use normalize::Paragraph;
pub use options::{
    ChunkBudget, MinSpeakerConfidence, Options, QuoteStyle, TextFormat, Tokenizer, Wanted,
};
pub use quotes::{Attribution, Quote, QuoteKind};
pub use segment::Sentence;
pub use span::{OffsetMap, OffsetUnit, Span};

/// Each stage alone, for the tools, benchmarks and tests that run, train or measure one stage:
/// its entry points and the types it passes on, in data-flow order. A service calls [`prepare`].
pub mod stages {
    /// Bytes in any charset to text.
    pub mod decode {
        pub use super::super::decode::{Decoded, decode};
    }
    /// HTML to blocks, and what its markup says of the article.
    pub mod html {
        pub use super::super::html::{MarkupFacts, parse};
    }
    /// Scraped text to blocks.
    pub mod text {
        pub use super::super::text::parse;
    }
    /// The blocks every parse gives.
    pub mod block {
        pub use super::super::block::Block;
    }
    /// The body search, its features and the model that scores blocks.
    pub mod boilerplate {
        pub use super::super::boilerplate::{
            BlockScorer, FEATURES, REGION_FEATURES, Sorted, explain, explain_regions, sort,
            sort_with,
        };
    }
    /// The kept blocks as one text with paragraphs.
    pub mod normalize {
        pub use super::super::normalize::{Body, assemble};
    }
    /// The article's language and what each language is given.
    pub mod language {
        pub use super::super::language::{Language, Profile, resolve, support_table};
    }
    /// Sentences.
    pub mod segment {
        pub use super::super::segment::{sentences, split_sentences};
    }
    /// The syntax of English sentences the speaker choice reads, and what its training needs.
    pub mod syntax {
        pub use super::super::syntax::{
            Analyser, Inputs, Kind, LEFT, MOVES, Model, Parse, Parser, REDUCE, RIGHT, SHIFT,
            START_TAGS, State, Tagger, WordKeys, best, context, key, move_features, normalise,
            tag_features, tag_key, text_key, walk, words,
        };
    }
    /// Quotations and their speakers, and the speaker model's view of them.
    pub mod quotes {
        pub use super::super::quotes::{
            Bound, Chooser, Explained, Found, QuoteFrame, SourceRanker, SpeakerModel, explain,
            find, governor, source_features, source_words, speaker_feature_names,
        };
    }
    /// Metadata.
    pub mod metadata {
        pub use super::super::metadata::{
            PageMeta, TITLE_FEATURES, TitleModel, build, explain_titles, read_markup,
            read_markup_with,
        };
    }
    /// Token-budgeted chunks.
    pub mod chunk {
        pub use super::super::chunk::{TokenCounter, chunks};
    }
}

/// Reads the embedded models (the syntax analyser, the source ranker, the speaker model) now rather than on the first
/// article that needs them: a server calls it at start so that no request pays for it.
pub fn warm_up() {
    let _ = syntax::Analyser::embedded();
    let _ = quotes::SourceRanker::embedded();
    let _ = quotes::SpeakerModel::embedded();
}

/// The text helpers the stages share, for tests that compare texts as the pipeline does.
pub use textkit::{clean, fold};

/// A block left out of the body, normalised, with why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    /// Its text.
    pub text: String,
    /// Why it was left out.
    pub reason: RemovalReason,
}

/// Everything the pipeline makes of one article. All spans index `text` in bytes.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Prepared {
    /// The normalised body.
    pub text: String,
    /// Metadata.
    pub metadata: Metadata,
    /// Paragraphs.
    pub paragraphs: Vec<Paragraph>,
    /// Sentences.
    pub sentences: Vec<Sentence>,
    /// Quotes.
    pub quotes: Vec<Quote>,
    /// Chunks.
    pub chunks: Vec<Chunk>,
    /// Left-out blocks.
    pub removed: Vec<Removed>,
    /// Related articles.
    pub related: Vec<RelatedArticle>,
    /// Warnings.
    pub warnings: Vec<String>,
}

impl Prepared {
    /// Where `chunk` stands, for a reader of it alone: the title, then the heading of its
    /// section (when it is not the title again), each cut to [`HEADING_PATH_BYTES`]: every chunk
    /// carries them, so a megabyte-long "title" must not be copied into each.
    #[must_use]
    pub fn heading_path(&self, chunk: &Chunk) -> Vec<String> {
        let title = self.metadata.title.trim();
        let heading = chunk
            .heading
            .and_then(|h| self.paragraphs.get(h))
            .map(|p| {
                let heading = p.span.slice(&self.text).trim();
                // A Markdown heading's marker (`## `, `### `) is not part of its name.
                // Counted up to seven: a heading may be a megabyte of `#`, read for every chunk.
                let marker = heading.bytes().take(7).take_while(|&b| b == b'#').count();
                match heading.get(marker..).and_then(|h| h.strip_prefix(' ')) {
                    Some(name) if (2..=6).contains(&marker) => name,
                    _ => heading,
                }
            })
            .filter(|h| !h.is_empty());
        // Compared as shown, cut: every chunk asks, and a heading may be a megabyte.
        let title = (!title.is_empty()).then(|| cut_name(title));
        let heading = heading
            .map(cut_name)
            .filter(|h| title.as_ref().is_none_or(|t| !h.eq_ignore_ascii_case(t)));
        title.into_iter().chain(heading).collect()
    }
}

/// The longest name in a chunk's heading path, in bytes; longer ones end in `…`.
pub const HEADING_PATH_BYTES: usize = 512;

/// A name of a heading path, cut to [`HEADING_PATH_BYTES`] at a character boundary (`…` marks
/// the cut).
fn cut_name(name: &str) -> String {
    if name.len() <= HEADING_PATH_BYTES {
        return name.to_owned();
    }
    let mut cut = HEADING_PATH_BYTES;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &name[..cut])
}

/// Working memory [`prepare`] uses at most per byte of payload: every shape `shapes` builds (a
/// run of each mark, letter, digit and space as lines, paragraphs, cells, attributes, names, with
/// every option set) stays below it at 1 MB and 4 MB, typical pages at a third of it. A server
/// reserves this much for a request before running it, so that its memory follows from its flags.
pub const WORKING_BYTES_PER_PAYLOAD_BYTE: usize = 100;

/// Prepares one article.
///
/// # Errors
/// `NotText` when raw bytes are not text. Size and emptiness are checked by the caller with
/// [`Input::check`], before any work.
pub fn prepare(input: Input, hints: &Hints, options: &Options) -> Result<Prepared, PrepError> {
    prepare_within(input, hints, options, Deadline::none())
}

/// Prepares one article unless `deadline` passes first: the clock is read before each stage and
/// inside the token counting of the chunk stage (the costliest loop on long inputs).
///
/// # Errors
/// As [`prepare`], and `DeadlineExceeded` naming the stage that did not run, or
/// `DeadlineExceededDuring` the stage that stopped.
pub fn prepare_within(
    input: Input,
    hints: &Hints,
    options: &Options,
    deadline: Deadline,
) -> Result<Prepared, PrepError> {
    let mut warnings = Vec::new();
    deadline.check("parse")?;
    let markdown = options.text_format == TextFormat::Markdown;
    let markup = html::Markup {
        links: options.keep_links && markdown,
        images: options.keep_images && markdown,
    };
    let (blocks, facts) = parse(input, markup, &mut warnings)?;
    // What the markup says is decided once, here: the title guides the body search.
    let page = metadata::read_markup(&facts, &blocks, hints.url.as_deref());
    drop(facts);
    let title_hint = hints
        .title
        .as_deref()
        .or(page.titles.first().map(String::as_str));
    deadline.check("boilerplate")?;
    let sorted = {
        let _span = tracing::debug_span!("boilerplate").entered();
        boilerplate::sort(&blocks, title_hint, options.keep_all_text)
    };
    // Every block is in `sorted` now, kept or dropped: a page of a million short lines must not
    // hold them twice through the later stages.
    drop(blocks);
    deadline.check("normalize")?;
    let body = {
        let _span = tracing::debug_span!("normalize").entered();
        // Relative link and image targets are resolved against the page's own address.
        let base = hints.url.as_deref().or(page.url.as_deref());
        normalize::assemble_at(&sorted.kept, options.quote_style, options.text_format, base)
    };
    if let Some(pitch) = sorted.paywall() {
        warnings.push(format!(
            "boilerplate: the page cuts the article short at a paywall ({:?}); the body is what \
             it shows before it",
            pitch.chars().take(80).collect::<String>()
        ));
    }
    let dropped = sorted.dropped;
    // The language decides the sentence rules, so it is known before segmentation.
    let language = language::resolve(&body.text, hints, page.language.as_deref(), &mut warnings);
    let profile = language::Profile::for_tag(&language.tag);
    deadline.check("segment")?;
    let sentences = {
        let _span = tracing::debug_span!("segment").entered();
        segment::sentences(&body.text, &body.paragraphs, &profile.sentences)
    };
    deadline.check("quotes")?;
    // Chunks keep quotes whole, so they need the quotes even when the answer does not.
    let wanted = options.wanted;
    let found = if wanted.quotes || wanted.chunks {
        let _span = tracing::debug_span!("quotes").entered();
        quotes::find(
            &body.text,
            &body.paragraphs,
            &sentences,
            profile.quotes,
            options
                .min_speaker_confidence
                .map(MinSpeakerConfidence::get),
        )
    } else {
        quotes::Found::default()
    };
    if wanted.quotes {
        warnings.extend(quote_warnings(&found, &profile, &language.tag));
    }
    let quotes = found.quotes;
    deadline.check("metadata")?;
    let (metadata, related) = {
        let _span = tracing::debug_span!("metadata").entered();
        metadata::build(&body, &sentences, &dropped, &page, hints, language)
    };
    deadline.check("chunk")?;
    let chunks = if wanted.chunks {
        let _span = tracing::debug_span!("chunk").entered();
        chunk::chunks_within(
            &body.text,
            &body.paragraphs,
            &sentences,
            &quotes,
            &options.chunking,
            chunk::TokenCounter::new(options.chunking.tokenizer()),
            &deadline,
        )
        .ok_or(PrepError::DeadlineExceededDuring { stage: "chunk" })?
    } else {
        Vec::new()
    };
    warnings.extend(overlap_warning(&chunks, &options.chunking));
    if body.text.is_empty() {
        warnings.push("no article body found: every block looked like boilerplate".to_owned());
    }
    let removed = dropped
        .into_iter()
        .map(|d| Removed {
            text: textkit::clean(&d.text),
            reason: d.reason,
        })
        .filter(|r| !r.text.is_empty())
        .collect();
    Ok(Prepared {
        text: body.text,
        metadata,
        paragraphs: body.paragraphs,
        sentences,
        quotes: if wanted.quotes { quotes } else { Vec::new() },
        chunks,
        removed,
        related,
        warnings,
    })
}

/// The payload parsed into blocks, and what its markup says of the article (nothing for text);
/// raw bytes are decoded first, their decoding's warnings added to `warnings`.
fn parse(
    input: Input,
    markup: html::Markup,
    warnings: &mut Vec<String>,
) -> Result<(Vec<block::Block>, html::MarkupFacts), PrepError> {
    let _span = tracing::debug_span!("parse").entered();
    Ok(match input {
        Input::Text(t) => (text::parse(&t), html::MarkupFacts::default()),
        Input::Html(h) => html::parse_with(&h, markup),
        Input::Raw { data, content_type } => {
            let decoded = decode::decode(&data, content_type.as_deref())?;
            warnings.extend(decoded.warnings);
            if decoded.is_html {
                html::parse_with(&decoded.text, markup)
            } else {
                (text::parse(&decoded.text), html::MarkupFacts::default())
            }
        }
    })
}

/// What a reader of the quotes should know: that they were cut at the cap, or that speakers
/// could only be found from labels and names in a language whose verbs of saying are unknown.
fn quote_warnings(found: &quotes::Found, profile: &language::Profile, tag: &str) -> Vec<String> {
    let mut warnings = Vec::new();
    match found.stopped {
        Some(quotes::Bound::Reported) => warnings.push(format!(
            "quotes: only the first {} quotations are reported",
            quotes::MAX_QUOTATIONS
        )),
        Some(quotes::Bound::Weighed) => warnings.push(format!(
            "quotes: the search stopped after weighing {} pairs of quotation marks (most of them \
             around no one's words); quotations after that point are not reported",
            quotes::MAX_WEIGHED
        )),
        None => {}
    }
    if !profile.quotes.speech_verbs && !found.quotes.is_empty() {
        warnings.push(format!(
            "quotes: the verbs of saying of language `{tag}` are not known; quotation spans are \
             found, speakers only from transcript labels and names beside the marks"
        ));
    }
    warnings
}

/// A warning when an overlap was asked for and some chunks repeat nothing of the one before.
fn overlap_warning(chunks: &[Chunk], budget: &ChunkBudget) -> Option<String> {
    let unrepeated = chunks
        .iter()
        .skip(1)
        .filter(|c| c.overlap_tokens == 0)
        .count();
    (budget.overlap_tokens() > 0 && unrepeated > 0).then(|| {
        format!(
            "chunks: {unrepeated} of {} chunks repeat nothing of the one before: they are full \
             with their own text",
            chunks.len() - 1
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_search_cut_short_by_its_bound_is_said_in_the_warnings() {
        let text = "a \"big deal\" here and ".repeat(quotes::MAX_WEIGHED + 10);
        let options = Options {
            wanted: Wanted {
                quotes: true,
                chunks: false,
            },
            ..Options::default()
        };
        let prepared = prepare(Input::Text(text), &Hints::default(), &options).expect("prepared");
        assert!(
            prepared
                .warnings
                .iter()
                .any(|w| w.contains("stopped after weighing 20000")),
            "{:?}",
            prepared.warnings
        );
    }
}
