//! Chunking: pieces of the body that fit a token budget, aligned to paragraphs when they can be,
//! else to sentences, and split inside a sentence only when that sentence alone is over budget.
//!
//! Sizes come from a [`TokenTally`] built once per article: the text is pre-tokenized and every
//! piece encoded once, so the exact count of any candidate chunk costs a lookup plus re-encoding
//! the few pieces at its edges. A chunk's count is therefore exact (tiktoken's) and never over
//! budget; only a pre-token piece over 128 bytes (a run of one punctuation mark, a giant word:
//! never prose) is counted in parts, an upper bound.

use std::ops::Range;

use super::block::ParagraphKind;
use super::deadline::Deadline;
use super::normalize::Paragraph;
use super::options::{ChunkBudget, Tokenizer};
use super::quotes::Quote;
use super::segment::Sentence;
use super::span::Span;

/// How tokens are counted.
#[derive(Clone, Copy)]
pub enum TokenCounter {
    /// An OpenAI BPE vocabulary with its pre-tokenization regex (bpe-openai, embedded).
    Bpe(&'static bpe_openai::Tokenizer),
    /// Whitespace-separated words.
    Words,
    /// Unicode code points.
    Characters,
}

impl std::fmt::Debug for TokenCounter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Bpe(_) => "Bpe",
            Self::Words => "Words",
            Self::Characters => "Characters",
        })
    }
}

impl TokenCounter {
    /// The counter for a tokenizer. BPE tables are loaded once per process.
    #[must_use]
    pub fn new(tokenizer: Tokenizer) -> Self {
        match tokenizer {
            Tokenizer::Cl100kBase => Self::Bpe(bpe_openai::cl100k_base()),
            Tokenizer::O200kBase => Self::Bpe(bpe_openai::o200k_base()),
            Tokenizer::Words => Self::Words,
            Tokenizer::Characters => Self::Characters,
        }
    }

    /// Tokens in `text`, counted from scratch.
    #[must_use]
    pub fn count(&self, text: &str) -> usize {
        match self {
            Self::Bpe(bpe) => PieceCounts::with(bpe, |known| {
                bpe.split(text).map(|piece| known.count(bpe, piece)).sum()
            }),
            Self::Words => text.split_whitespace().count(),
            Self::Characters => text.chars().count(),
        }
    }

    /// Prepares exact counts of any span of `text`, in one pass over it.
    #[must_use]
    pub fn tally<'t>(&self, text: &'t str) -> TokenTally<'t> {
        // With no deadline the tally is always complete; the empty one is never returned.
        let tally = self.tally_within(text, &Deadline::none());
        tally.unwrap_or(TokenTally {
            text,
            counter: *self,
            starts: Vec::new(),
            before: Vec::new(),
        })
    }

    /// [`TokenCounter::tally`], unless `deadline` passes first: BPE counting is the costliest
    /// work on long inputs, so the clock is read every [`PIECES_PER_CLOCK_READ`] pieces.
    fn tally_within<'t>(&self, text: &'t str, deadline: &Deadline) -> Option<TokenTally<'t>> {
        let mut tally = TokenTally {
            text,
            counter: *self,
            starts: Vec::new(),
            before: Vec::new(),
        };
        match self {
            Self::Bpe(bpe) => {
                let mut at = 0;
                let mut total = 0;
                let in_time = PieceCounts::with(bpe, |known| {
                    for (n, piece) in bpe.split(text).enumerate() {
                        if n % PIECES_PER_CLOCK_READ == PIECES_PER_CLOCK_READ - 1
                            && deadline.passed()
                        {
                            return false;
                        }
                        tally.starts.push(at);
                        tally.before.push(total);
                        at += piece.len();
                        total += known.count(bpe, piece);
                    }
                    true
                });
                if !in_time {
                    return None;
                }
                tally.starts.push(at);
                tally.before.push(total);
            }
            Self::Words => {
                let mut previous_space = true;
                for (i, c) in text.char_indices() {
                    let space = c.is_whitespace();
                    if previous_space && !space {
                        tally.starts.push(i);
                    }
                    previous_space = space;
                }
            }
            // Code points are counted from the bytes between checkpoints every CHECKPOINT bytes.
            Self::Characters => {
                let bytes = text.as_bytes();
                let mut chars = 0;
                for block in (0..=bytes.len()).step_by(CHECKPOINT) {
                    tally.before.push(chars);
                    chars += char_starts(&bytes[block..(block + CHECKPOINT).min(bytes.len())]);
                }
            }
        }
        Some(tally)
    }
}

/// Pre-token pieces counted between two reads of the clock (a few hundred microseconds).
const PIECES_PER_CLOCK_READ: usize = 4096;

const CHECKPOINT: usize = 256;

fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Exact token counts of spans of one text, prepared once (see [`TokenCounter::tally`]).
#[derive(Debug)]
pub struct TokenTally<'t> {
    text: &'t str,
    counter: TokenCounter,
    /// BPE: start of every pre-token piece of the whole text, then its end. Words: every word
    /// start. Characters: checkpoints.
    starts: Vec<usize>,
    /// Tokens before each entry of `starts` (BPE, characters).
    before: Vec<usize>,
}

/// Token counts of the pre-tokenized pieces this thread has encoded, for one vocabulary. Words
/// recur within an article and across articles, so a worker encodes most pieces once, not once
/// per article; the table is bounded and starts afresh when full.
#[derive(Default)]
struct PieceCounts {
    /// The vocabulary the counts are of (its address: the tables are process-wide statics).
    vocabulary: usize,
    // Keys are the client's words: a randomly keyed hash built to resist crafted collisions
    // (aHash), not FxHash; for these short keys it is several times faster than SipHash.
    counts: std::collections::HashMap<Box<str>, usize, ahash::RandomState>,
}

/// Pieces kept per thread: the common words of several languages, a few megabytes.
const MAX_PIECES: usize = 1 << 16;

/// Pre-token pieces longer than this are counted as parts of at most this many bytes (cut at
/// characters), each part kept in the table. Prose has no such pieces; a run of one punctuation
/// mark or a giant word does, and BPE costs up to half a microsecond a byte on some (a line of
/// `-`: every token is 64 dashes, and 1 MB of them took 36 s to cut into chunks). The parts of a
/// run repeat, so they are counted once. Such a piece's count is then an upper bound in practice
/// (a token cannot span a cut; cl100k's longest tokens are 128 bytes), never an undercount that
/// would put a chunk over budget.
const MAX_PIECE_BYTES: usize = 128;

thread_local! {
    static PIECE_COUNTS: std::cell::RefCell<PieceCounts> = std::cell::RefCell::default();
}

impl PieceCounts {
    /// Runs `f` with this thread's counts for `bpe`.
    fn with<R>(bpe: &'static bpe_openai::Tokenizer, f: impl FnOnce(&mut Self) -> R) -> R {
        PIECE_COUNTS.with_borrow_mut(|known| {
            let vocabulary = std::ptr::from_ref(bpe) as usize;
            if known.vocabulary != vocabulary {
                known.counts.clear();
                known.vocabulary = vocabulary;
            }
            f(known)
        })
    }

    fn count(&mut self, bpe: &bpe_openai::Tokenizer, piece: &str) -> usize {
        if piece.len() > MAX_PIECE_BYTES {
            return parts(piece).map(|part| self.count(bpe, part)).sum();
        }
        if let Some(&n) = self.counts.get(piece) {
            return n;
        }
        let n = bpe.bpe.count(piece.as_bytes());
        if self.counts.len() >= MAX_PIECES {
            self.counts.clear();
        }
        self.counts.insert(piece.into(), n);
        n
    }
}

/// `piece` in consecutive parts of at most [`MAX_PIECE_BYTES`], cut at characters.
fn parts(mut piece: &str) -> impl Iterator<Item = &str> {
    std::iter::from_fn(move || {
        if piece.is_empty() {
            return None;
        }
        let mut cut = piece.len().min(MAX_PIECE_BYTES);
        while !piece.is_char_boundary(cut) {
            cut -= 1;
        }
        let (part, rest) = piece.split_at(cut);
        piece = rest;
        Some(part)
    })
}

/// Pieces re-encoded before a span's end: the whole text's splitting there may have looked past
/// the end (a run of white space, a lookahead), the span's own splitting cannot.
const TAIL_PIECES: usize = 3;

impl TokenTally<'_> {
    /// Tokens of `range` of the text, exactly as [`TokenCounter::count`] counts its slice.
    #[must_use]
    pub fn count(&self, range: Range<usize>) -> usize {
        let Some(slice) = self.text.get(range.clone()) else {
            return 0;
        };
        let (a, b) = (range.start, range.end);
        match self.counter {
            TokenCounter::Bpe(bpe) => self.count_bpe(bpe, slice, a, b),
            TokenCounter::Words => {
                let inside = self.starts.partition_point(|&s| s < b)
                    - self.starts.partition_point(|&s| s < a);
                // A span starting inside a word counts that word too.
                let cut_word = !slice.starts_with(char::is_whitespace)
                    && !slice.is_empty()
                    && self.text[..a].ends_with(|c: char| !c.is_whitespace());
                inside + usize::from(cut_word)
            }
            TokenCounter::Characters => self.chars_before(b) - self.chars_before(a),
        }
    }

    fn chars_before(&self, at: usize) -> usize {
        let block = at / CHECKPOINT;
        self.before.get(block).copied().unwrap_or(0)
            + char_starts(&self.text.as_bytes()[block * CHECKPOINT..at])
    }

    /// The span's own pieces are re-split at its start until one ends where a piece of the whole
    /// text ends (from there both split alike), and again over its last few pieces; the pieces
    /// between are summed from the table.
    fn count_bpe(
        &self,
        bpe: &'static bpe_openai::Tokenizer,
        slice: &str,
        a: usize,
        b: usize,
    ) -> usize {
        let piece_of = |at: usize| self.starts.partition_point(|&s| s <= at).saturating_sub(1);
        let tail_from = self.starts[piece_of(b.saturating_sub(1)).saturating_sub(TAIL_PIECES)];
        PieceCounts::with(bpe, |known| {
            let mut total = 0;
            let mut at = a;
            for piece in bpe.split(slice) {
                total += known.count(bpe, piece);
                at += piece.len();
                if at <= tail_from
                    && let Ok(k) = self.starts.binary_search(&at)
                {
                    let middle = self.before[piece_of(tail_from)] - self.before[k];
                    let tail: usize = bpe
                        .split(&self.text[tail_from..b])
                        .map(|piece| known.count(bpe, piece))
                        .sum();
                    return total + middle + tail;
                }
            }
            // Too short to reach a shared piece: the span's own split was all there is.
            total
        })
    }
}

/// A chunk of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Chunk {
    /// Where it is, overlap included.
    pub span: Span,
    /// Its tokens, exactly.
    pub token_count: usize,
    /// First paragraph touched.
    pub first_paragraph: usize,
    /// Last paragraph touched.
    pub last_paragraph: usize,
    /// First sentence touched.
    pub first_sentence: usize,
    /// Last sentence touched.
    pub last_sentence: usize,
    /// Tokens of the overlap at its start.
    pub overlap_tokens: usize,
    /// The paragraph of the last heading at or before its first paragraph: the section it is
    /// in, for a reader of the chunk alone.
    pub heading: Option<usize>,
}

/// The smallest piece chunking moves around: a sentence, or part of an over-budget sentence.
#[derive(Debug, Clone, Copy)]
struct Unit {
    span: Span,
    tokens: usize,
    paragraph: usize,
    sentence: usize,
    /// Starts a paragraph.
    para_start: bool,
    /// Must stay with the next unit (inside one quotation).
    glued: bool,
}

/// Cuts `text` into chunks within `budget`.
#[must_use]
pub fn chunks(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    quotes: &[Quote],
    budget: &ChunkBudget,
    counter: TokenCounter,
) -> Vec<Chunk> {
    // With no deadline the chunks are always made.
    chunks_within(
        text,
        paragraphs,
        sentences,
        quotes,
        budget,
        counter,
        &Deadline::none(),
    )
    .unwrap_or_default()
}

/// [`chunks`], unless `deadline` passes while the tokens are counted (most of the stage's time
/// on long inputs): then `None`, within a few thousand pre-token pieces.
#[must_use]
pub fn chunks_within(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    quotes: &[Quote],
    budget: &ChunkBudget,
    counter: TokenCounter,
    deadline: &Deadline,
) -> Option<Vec<Chunk>> {
    let tally = counter.tally_within(text, deadline)?;
    Some(cut(text, paragraphs, sentences, quotes, budget, &tally))
}

/// The chunks of `text`, its tokens counted in `tally`.
fn cut(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    quotes: &[Quote],
    budget: &ChunkBudget,
    tally: &TokenTally<'_>,
) -> Vec<Chunk> {
    let max = budget.max_tokens();
    let units = units(sentences, quotes, tally, max);
    let headings: Vec<usize> = paragraphs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == ParagraphKind::Heading)
        .map(|(i, _)| i)
        .collect();
    // (first unit, end unit, exact tokens of the chunk without overlap)
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let (end, tokens) = pack(paragraphs, &units, start, max, tally);
        chunks.push((start, end, tokens));
        start = end;
    }
    chunks
        .iter()
        .enumerate()
        .filter_map(|(i, &(a, b, own_tokens))| {
            let (first, from) = if i == 0 {
                (a, units[a].span.start())
            } else {
                overlap_start(&units, chunks[i - 1].0, a, b, budget, tally)
            };
            let end = units[b - 1].span.end();
            let span = Span::new(text, from..end)?;
            let first_paragraph = units[first].paragraph;
            let heading = headings
                .partition_point(|&h| h <= first_paragraph)
                .checked_sub(1)
                .map(|k| headings[k]);
            let overlapping = from < units[a].span.start();
            Some(Chunk {
                span,
                token_count: if overlapping {
                    tally.count(from..end)
                } else {
                    own_tokens
                },
                first_paragraph,
                last_paragraph: units[b - 1].paragraph,
                first_sentence: units[first].sentence,
                last_sentence: units[b - 1].sentence,
                overlap_tokens: if overlapping {
                    tally.count(from..units[a - 1].span.end())
                } else {
                    0
                },
                heading,
            })
        })
        .collect()
}

/// Sentences as units; over-budget sentences split at words (or characters, for a giant word).
fn units(
    sentences: &[Sentence],
    quotes: &[Quote],
    tally: &TokenTally<'_>,
    max: usize,
) -> Vec<Unit> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut previous_paragraph = usize::MAX;
    for (si, s) in sentences.iter().enumerate() {
        let para_start = s.paragraph != previous_paragraph;
        previous_paragraph = s.paragraph;
        // Quotations are in text order and do not overlap: only the last one opening before the
        // sentence's end can run past it (a search, not a scan, per sentence).
        let end = s.span.end();
        let glued = quotes
            .partition_point(|q| q.span.start() < end)
            .checked_sub(1)
            .is_some_and(|k| quotes[k].span.end() > end);
        let tokens = tally.count(s.span.range());
        if tokens <= max {
            out.push(Unit {
                span: s.span,
                tokens,
                paragraph: s.paragraph,
                sentence: si,
                para_start,
                glued,
            });
            continue;
        }
        let pieces = split_oversized(s.span, tally, max);
        let n = pieces.len();
        for (k, (span, tokens)) in pieces.into_iter().enumerate() {
            out.push(Unit {
                span,
                tokens,
                paragraph: s.paragraph,
                sentence: si,
                para_start: para_start && k == 0,
                glued: glued && k + 1 == n,
            });
        }
    }
    out
}

/// The longest token of any vocabulary we count with, in bytes, with room to spare (cl100k's and
/// o200k's longest are runs of 128 spaces or dashes).
const MAX_TOKEN_BYTES: usize = 256;

/// Splits one over-budget sentence into pieces within `max`, at word boundaries when possible,
/// else at characters (a giant word).
fn split_oversized(span: Span, tally: &TokenTally<'_>, max: usize) -> Vec<(Span, usize)> {
    let text = tally.text;
    let sentence = span.slice(text);
    // Piece ends: before each white space run and at the sentence end; else at any character.
    let word_ends: Vec<usize> = sentence
        .char_indices()
        .filter(|&(i, c)| {
            c.is_whitespace() && i > 0 && !sentence[..i].ends_with(char::is_whitespace)
        })
        .map(|(i, _)| span.start() + i)
        .chain(std::iter::once(span.end()))
        .collect();
    // Character ends only for a giant word, when no word end fits.
    let char_ends = std::cell::OnceCell::new();
    let char_ends = || {
        char_ends.get_or_init(|| {
            sentence
                .char_indices()
                .skip(1)
                .map(|(i, _)| span.start() + i)
                .chain(std::iter::once(span.end()))
                .collect::<Vec<usize>>()
        })
    };
    // Counts grow with the end, so the last end within budget is found by bisection; pieces hold
    // at most `max` tokens, so only a window of `ends_per_max` ends per token after `from` is
    // searched (every word is at least one token, so `max + 1` word ends always pass the
    // budget; a token may hold several characters).
    let fitting = |ends: &[usize], from: usize, ends_per_max: usize| {
        let first = ends.partition_point(|&end| end <= from);
        // No token is longer than MAX_TOKEN_BYTES, so no piece within budget reaches past this
        // bound: a giant word's one far end is never counted whole for every piece.
        let reach = from.saturating_add(max.saturating_mul(MAX_TOKEN_BYTES));
        let last = ends.partition_point(|&end| end <= reach);
        let window = &ends[first
            ..ends
                .len()
                .min(first + ends_per_max * max + 1)
                .min(last.max(first))];
        let n = window.partition_point(|&end| tally.count(from..end) <= max);
        n.checked_sub(1).map(|k| window[k])
    };
    let mut out = Vec::new();
    let mut from = span.start();
    while from < span.end() {
        let Some(end) = fitting(&word_ends, from, 1)
            .or_else(|| fitting(char_ends(), from, 4))
            .or_else(|| {
                let ends = char_ends();
                ends.get(ends.partition_point(|&end| end <= from)).copied()
            })
        else {
            break;
        };
        if let Some(piece) = Span::new(text, from..end) {
            out.push((piece, tally.count(piece.range())));
        }
        let rest = &text[end..span.end()];
        from = end + rest.len() - rest.trim_start().len();
    }
    out
}

/// Where the chunk starting at unit `start` ends (exclusive), with its exact tokens. Units are
/// added while the chunk's exact count fits; the end is then the last paragraph end when that fills
/// at least half the budget, else the last sentence end (a quotation kept whole), else the last
/// unit. A heading always starts a new chunk.
fn pack(
    paragraphs: &[Paragraph],
    units: &[Unit],
    start: usize,
    max: usize,
    tally: &TokenTally<'_>,
) -> (usize, usize) {
    // (end, exact tokens, rank): rank 2 = paragraph end, 1 = sentence end, 0 = inside a quote.
    let mut ends: Vec<(usize, usize, u8)> = Vec::new();
    let mut end = start;
    while end < units.len() {
        let tokens = tally.count(units[start].span.start()..units[end].span.end());
        if tokens > max && end > start {
            break;
        }
        end += 1;
        let paragraph_end = end == units.len() || units[end].para_start;
        let rank = if paragraph_end {
            2
        } else {
            u8::from(!units[end - 1].glued)
        };
        ends.push((end, tokens, rank));
        let heading_next = paragraph_end
            && end < units.len()
            && paragraphs
                .get(units[end].paragraph)
                .is_some_and(|p| p.kind == ParagraphKind::Heading);
        if heading_next {
            break;
        }
    }
    let best = |min_rank: u8, min_tokens: usize| {
        ends.iter()
            .rev()
            .find(|&&(_, tokens, rank)| rank >= min_rank && tokens >= min_tokens)
            .map(|&(e, tokens, _)| (e, tokens))
    };
    best(2, max / 2)
        .or_else(|| best(1, 0))
        .or_else(|| best(0, 0))
        .unwrap_or((start + 1, units[start].tokens))
}

/// Where the overlap repeated before chunk `[a, b)` starts (its first unit, and the byte there):
/// the trailing sentences of the previous chunk within `overlap_tokens`; when not even its last
/// sentence fits, the words at that sentence's end within them, so that an overlap asked for is
/// never silently none. The chunk never exceeds the budget.
fn overlap_start(
    units: &[Unit],
    prev_start: usize,
    a: usize,
    b: usize,
    budget: &ChunkBudget,
    tally: &TokenTally<'_>,
) -> (usize, usize) {
    let want = budget.overlap_tokens();
    let start = (a, units[a].span.start());
    if want == 0 || a == 0 {
        return start;
    }
    let end = units[b - 1].span.end();
    let fits = |from: usize| {
        tally.count(from..units[a - 1].span.end()) <= want
            && tally.count(from..end) <= budget.max_tokens()
    };
    let mut best = a;
    let mut candidate = a;
    while candidate > prev_start + 1 {
        candidate -= 1;
        if !fits(units[candidate].span.start()) {
            break;
        }
        if units[candidate - 1].sentence != units[candidate].sentence {
            best = candidate;
        }
    }
    if best < a {
        return (best, units[best].span.start());
    }
    // Word starts in the previous chunk's last unit: the later the start, the fewer the tokens,
    // so the earliest that fits is found by bisection.
    let last = &units[a - 1];
    let Some(sentence) = tally.text.get(last.span.range()) else {
        return start;
    };
    let words: Vec<usize> = sentence
        .char_indices()
        .filter(|&(i, c)| {
            !c.is_whitespace() && i > 0 && sentence[..i].ends_with(char::is_whitespace)
        })
        .map(|(i, _)| last.span.start() + i)
        .collect();
    let k = words.partition_point(|&w| !fits(w));
    words.get(k).map_or(start, |&w| (a - 1, w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_pieces_are_counted_in_parts_never_under_the_exact_count() {
        let run = "é-".repeat(200);
        let cut: Vec<&str> = parts(&run).collect();
        assert_eq!(cut.concat(), run);
        assert!(
            cut.iter()
                .all(|p| p.len() <= MAX_PIECE_BYTES && !p.is_empty())
        );
        let counter = TokenCounter::new(Tokenizer::Cl100kBase);
        for text in ["-".repeat(100_000), "=".repeat(300), "1".repeat(1000), run] {
            let exact = bpe_openai::cl100k_base().count(text.as_str());
            let counted = counter.count(&text);
            assert!(counted >= exact, "{counted} < {exact}");
            assert_eq!(counter.tally(&text).count(0..text.len()), counted);
        }
    }
    use crate::pipeline::segment;

    fn layout(text: &str) -> (Vec<Paragraph>, Vec<Sentence>) {
        let (paragraphs, sentences) = segment::layout_for_tests(text);
        (paragraphs, sentences)
    }

    #[test]
    fn counts_kept_across_articles_are_each_vocabularys_own() {
        let text = "Der Bundestag hat am Donnerstag über den Haushalt beraten. 東京の天気は晴れ。";
        let exact = |counter: TokenCounter| counter.count(text);
        // Alternating vocabularies on one thread: a count cached for one is never the other's.
        for tokenizer in [
            Tokenizer::Cl100kBase,
            Tokenizer::O200kBase,
            Tokenizer::Cl100kBase,
            Tokenizer::O200kBase,
        ] {
            let counter = TokenCounter::new(tokenizer);
            assert_eq!(counter.tally(text).count(0..text.len()), exact(counter));
        }
        assert_ne!(
            exact(TokenCounter::new(Tokenizer::Cl100kBase)),
            exact(TokenCounter::new(Tokenizer::O200kBase))
        );
    }

    #[test]
    fn chunks_fit_the_budget_and_end_at_paragraphs() {
        let text = "One two three four five. Six seven eight.\n\nNine ten eleven twelve.\n\nThirteen fourteen fifteen sixteen seventeen.";
        let (p, s) = layout(text);
        let budget = ChunkBudget::new(16, 0, Tokenizer::Words).unwrap_or_default();
        let got = chunks(text, &p, &s, &[], &budget, TokenCounter::Words);
        assert!(got.iter().all(|c| c.token_count <= 16));
        let pieces: Vec<&str> = got.iter().map(|c| c.span.slice(text)).collect();
        assert_eq!(
            pieces,
            [
                "One two three four five. Six seven eight.\n\nNine ten eleven twelve.",
                "Thirteen fourteen fifteen sixteen seventeen."
            ]
        );
    }

    #[test]
    fn an_overlap_asked_for_is_never_silently_none() {
        // Sentences of ten words, a budget of 24 and an overlap of 4: no whole sentence fits the
        // overlap, so its last words are repeated.
        let sentence = "Alpha beta gamma delta epsilon zeta eta theta iota kappa.";
        let text = [sentence; 6].join(" ");
        let (p, s) = layout(&text);
        let budget = ChunkBudget::new(24, 4, Tokenizer::Words).unwrap_or_default();
        let got = chunks(&text, &p, &s, &[], &budget, TokenCounter::Words);
        assert!(got.len() >= 3, "{got:?}");
        for pair in got.windows(2) {
            let (previous, next) = (pair[0], pair[1]);
            assert!((1..=4).contains(&next.overlap_tokens), "{next:?}");
            assert!(next.token_count <= 24);
            // The overlap is the previous chunk's end, starting on a word.
            assert!(next.span.start() < previous.span.end());
            assert!(text[..next.span.start()].ends_with(' '));
            assert_eq!(
                TokenCounter::Words.count(&text[next.span.start()..previous.span.end()]),
                next.overlap_tokens
            );
        }
    }

    #[test]
    fn a_chunk_knows_the_section_it_is_in() {
        let para = |topic: &str| {
            format!(
                "<p>The council debated the {topic} for most of the night before it voted. Members said the {topic} plan would change the city for years to come.</p>"
            )
        };
        let html = format!(
            "<html><head><title>Council passes budget</title></head><body><article>\
             <h1>Council passes budget</h1>{}<h2>What the schools get</h2>{}{}</article></body></html>",
            para("budget"),
            para("schools"),
            para("teachers")
        );
        let options = crate::pipeline::Options {
            chunking: ChunkBudget::new(32, 0, Tokenizer::Words).unwrap_or_default(),
            ..crate::pipeline::Options::default()
        };
        let prepared = crate::pipeline::prepare(
            crate::pipeline::Input::Html(html),
            &crate::pipeline::Hints::default(),
            &options,
        );
        let Ok(prepared) = prepared else {
            panic!("prepared: {prepared:?}");
        };
        let paths: Vec<Vec<String>> = prepared
            .chunks
            .iter()
            .map(|c| prepared.heading_path(c))
            .collect();
        assert_eq!(
            paths.first().map(Vec::as_slice),
            Some(&["Council passes budget".to_owned()][..])
        );
        assert_eq!(
            paths.last().map(Vec::as_slice),
            Some(
                &[
                    "Council passes budget".to_owned(),
                    "What the schools get".to_owned()
                ][..]
            ),
            "{paths:?}"
        );
    }

    #[test]
    fn an_over_budget_sentence_is_split_at_words() {
        let text = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + ".";
        let (p, s) = layout(&text);
        let budget = ChunkBudget::new(16, 0, Tokenizer::Words).unwrap_or_default();
        let got = chunks(&text, &p, &s, &[], &budget, TokenCounter::Words);
        assert_eq!(got.len(), 7);
        assert!(got.iter().all(|c| c.token_count <= 16));
    }

    #[test]
    fn counting_stops_once_the_deadline_has_passed() {
        let text = "The council met on Tuesday and voted. ".repeat(2000);
        let (p, s) = layout(&text);
        let budget = ChunkBudget::new(64, 0, Tokenizer::Cl100kBase).unwrap_or_default();
        let counter = TokenCounter::new(Tokenizer::Cl100kBase);
        let passed = Deadline::at(std::time::Instant::now());
        assert_eq!(
            chunks_within(&text, &p, &s, &[], &budget, counter, &passed),
            None
        );
        let in_time = chunks_within(&text, &p, &s, &[], &budget, counter, &Deadline::none());
        assert_eq!(in_time, Some(chunks(&text, &p, &s, &[], &budget, counter)));
    }

    #[test]
    fn span_counts_hold_at_the_end_of_a_checkpoint_block() {
        let text = "é".repeat(CHECKPOINT);
        let tally = TokenCounter::Characters.tally(&text);
        assert_eq!(tally.count(0..text.len()), CHECKPOINT);
        assert_eq!(tally.count(CHECKPOINT..text.len()), CHECKPOINT / 2);
        let words = TokenCounter::Words.tally("one two three");
        assert_eq!(words.count(1..7), 2);
        assert_eq!(words.count(3..13), 2);
    }
}
