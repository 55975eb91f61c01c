//! Chunking: pieces of the body that fit a token budget, aligned to paragraphs when they can be,
//! else to sentences, and split inside a sentence only when that sentence alone is over budget.
//!
//! Sizes come from a [`TokenCounter`]; every chunk's count is checked exactly against the budget
//! before it is accepted, so a chunk never exceeds `max_tokens` whatever the tokenizer merges
//! across sentence boundaries.

use std::sync::Arc;

use tiktoken_rs::CoreBPE;

use super::options::{ChunkBudget, Tokenizer};
use super::quotes::Quote;
use super::segment::{Paragraph, ParagraphKind, Sentence};
use super::span::Span;

/// Counts tokens of a piece of text.
pub trait TokenCounter: Send + Sync {
    /// Tokens in `text`.
    fn count(&self, text: &str) -> usize;
}

/// A BPE vocabulary from tiktoken (embedded in the binary).
#[derive(Clone)]
pub struct Bpe(Arc<CoreBPE>);

impl std::fmt::Debug for Bpe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Bpe")
    }
}

impl TokenCounter for Bpe {
    fn count(&self, text: &str) -> usize {
        self.0.encode_ordinary(text).len()
    }
}

/// Whitespace-separated words.
#[derive(Debug, Clone, Copy)]
pub struct WordCounter;

impl TokenCounter for WordCounter {
    fn count(&self, text: &str) -> usize {
        text.split_whitespace().count()
    }
}

/// Unicode code points.
#[derive(Debug, Clone, Copy)]
pub struct CharCounter;

impl TokenCounter for CharCounter {
    fn count(&self, text: &str) -> usize {
        text.chars().count()
    }
}

/// The counter for a tokenizer. The BPE tables are built once per process and shared.
#[must_use]
pub fn counter(tokenizer: Tokenizer) -> Box<dyn TokenCounter> {
    match tokenizer {
        Tokenizer::Cl100kBase => Box::new(Bpe(Arc::clone(cl100k()))),
        Tokenizer::O200kBase => Box::new(Bpe(Arc::clone(o200k()))),
        Tokenizer::Words => Box::new(WordCounter),
        Tokenizer::Characters => Box::new(CharCounter),
    }
}

fn cl100k() -> &'static Arc<CoreBPE> {
    static BPE: std::sync::LazyLock<Arc<CoreBPE>> =
        std::sync::LazyLock::new(|| Arc::new(tiktoken_rs::cl100k_base_singleton().clone()));
    &BPE
}

fn o200k() -> &'static Arc<CoreBPE> {
    static BPE: std::sync::LazyLock<Arc<CoreBPE>> =
        std::sync::LazyLock::new(|| Arc::new(tiktoken_rs::o200k_base_singleton().clone()));
    &BPE
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
    counter: &dyn TokenCounter,
) -> Vec<Chunk> {
    let max = budget.max_tokens();
    let units = units(text, sentences, quotes, counter, max);
    // (first unit, end unit, exact tokens of the chunk without overlap)
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
    let mut start = 0;
    while start < units.len() {
        let (end, tokens) = pack(text, paragraphs, &units, start, max, counter);
        chunks.push((start, end, tokens));
        start = end;
    }
    chunks
        .iter()
        .enumerate()
        .filter_map(|(i, &(a, b, own_tokens))| {
            let overlap_from = if i == 0 {
                a
            } else {
                overlap_start(text, &units, chunks[i - 1].0, a, b, budget, counter)
            };
            let span = Span::new(
                text,
                units[overlap_from].span.start()..units[b - 1].span.end(),
            )?;
            let overlap_tokens = if overlap_from < a {
                Span::new(
                    text,
                    units[overlap_from].span.start()..units[a - 1].span.end(),
                )
                .map_or(0, |s| counter.count(s.slice(text)))
            } else {
                0
            };
            Some(Chunk {
                span,
                // Counted once when packed; an overlap changes the text, so it is counted again.
                token_count: if overlap_from < a {
                    counter.count(span.slice(text))
                } else {
                    own_tokens
                },
                first_paragraph: units[overlap_from].paragraph,
                last_paragraph: units[b - 1].paragraph,
                first_sentence: units[overlap_from].sentence,
                last_sentence: units[b - 1].sentence,
                overlap_tokens,
            })
        })
        .collect()
}

/// Sentences as units; over-budget sentences split at words (or characters, for a giant word).
fn units(
    text: &str,
    sentences: &[Sentence],
    quotes: &[Quote],
    counter: &dyn TokenCounter,
    max: usize,
) -> Vec<Unit> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut previous_paragraph = usize::MAX;
    for (si, s) in sentences.iter().enumerate() {
        let para_start = s.paragraph != previous_paragraph;
        previous_paragraph = s.paragraph;
        let glued = quotes
            .iter()
            .any(|q| q.span.start() < s.span.end() && q.span.end() > s.span.end());
        let tokens = counter.count(s.span.slice(text));
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
        let pieces = split_oversized(text, s.span, counter, max);
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

/// Splits one over-budget sentence into pieces within `max`, at word boundaries when possible.
fn split_oversized(
    text: &str,
    span: Span,
    counter: &dyn TokenCounter,
    max: usize,
) -> Vec<(Span, usize)> {
    let mut out = Vec::new();
    let s = span.slice(text);
    let base = span.start();
    let mut piece_start = 0;
    while piece_start < s.len() {
        let rest = &s[piece_start..];
        // Largest prefix within budget: grow by words, then fall back to characters.
        let mut best = 0;
        let mut lo_tokens = 0;
        let boundaries: Vec<usize> = rest
            .char_indices()
            .filter(|&(i, c)| c.is_whitespace() && i > 0)
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()))
            .collect();
        let (mut lo, mut hi) = (0usize, boundaries.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            let end = boundaries[mid];
            let n = counter.count(rest[..end].trim_end());
            if n <= max {
                best = end;
                lo_tokens = n;
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if best == 0 {
            let chars: Vec<usize> = rest
                .char_indices()
                .map(|(i, _)| i)
                .skip(1)
                .chain(std::iter::once(rest.len()))
                .collect();
            let (mut lo, mut hi) = (0usize, chars.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                let n = counter.count(&rest[..chars[mid]]);
                if n <= max {
                    best = chars[mid];
                    lo_tokens = n;
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if best == 0 {
                best = chars.first().copied().unwrap_or(rest.len());
                lo_tokens = counter.count(&rest[..best]);
            }
        }
        let piece = &rest[..best];
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let lead = piece.len() - piece.trim_start().len();
            let from = base + piece_start + lead;
            if let Some(span) = Span::new(text, from..from + trimmed.len()) {
                out.push((span, lo_tokens));
            }
        }
        piece_start += best;
        while piece_start < s.len() && s[piece_start..].starts_with(char::is_whitespace) {
            piece_start += s[piece_start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Where the chunk starting at unit `start` ends (exclusive). Units are added while their summed
/// counts fit; the end is then the last paragraph end when that fills at least half the budget,
/// else the last sentence end (a quotation kept whole), else the last unit. A heading always starts
/// a new chunk. The choice is then counted exactly, stepping back while it is over budget, so each
/// chunk costs one or two exact counts rather than one per sentence.
fn pack(
    text: &str,
    paragraphs: &[Paragraph],
    units: &[Unit],
    start: usize,
    max: usize,
    counter: &dyn TokenCounter,
) -> (usize, usize) {
    // (end, estimated tokens, rank): rank 2 = paragraph end, 1 = sentence end, 0 = inside a quote.
    let mut ends: Vec<(usize, usize, u8)> = Vec::new();
    let mut sum = 0usize;
    let mut end = start;
    while end < units.len() {
        let gap = if end == start {
            0
        } else {
            counter.count(
                text.get(units[end - 1].span.end()..units[end].span.start())
                    .unwrap_or_default(),
            )
        };
        let next = sum + gap + units[end].tokens;
        if next > max && end > start {
            break;
        }
        sum = next;
        end += 1;
        let paragraph_end = end == units.len() || units[end].para_start;
        let rank = if paragraph_end {
            2
        } else {
            u8::from(!units[end - 1].glued)
        };
        ends.push((end, sum, rank));
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
            .map(|&(e, _, _)| e)
    };
    let chosen = best(2, max / 2)
        .or_else(|| best(1, 0))
        .or_else(|| best(0, 0))
        .unwrap_or(start + 1);
    let exact = |end: usize| {
        Span::new(text, units[start].span.start()..units[end - 1].span.end())
            .map(|s| counter.count(s.slice(text)))
            .filter(|&n| n <= max)
            .map(|n| (end, n))
    };
    // Summed counts can miss merges across boundaries: step back until the exact count fits.
    let mut candidates: Vec<usize> = ends
        .iter()
        .map(|&(e, _, _)| e)
        .filter(|&e| e <= chosen)
        .collect();
    candidates.sort_unstable_by(|a, b| b.cmp(a));
    candidates
        .into_iter()
        .find_map(exact)
        .unwrap_or_else(|| (start + 1, units[start].tokens))
}

/// The first unit of the overlap repeated before chunk `[a, b)`: whole trailing sentences of the
/// previous chunk within `overlap_tokens`, never making the chunk exceed the budget.
fn overlap_start(
    text: &str,
    units: &[Unit],
    prev_start: usize,
    a: usize,
    b: usize,
    budget: &ChunkBudget,
    counter: &dyn TokenCounter,
) -> usize {
    let want = budget.overlap_tokens();
    if want == 0 {
        return a;
    }
    let mut best = a;
    let mut candidate = a;
    while candidate > prev_start + 1 {
        candidate -= 1;
        let within = |end: usize, limit: usize| {
            Span::new(text, units[candidate].span.start()..units[end].span.end())
                .is_some_and(|s| counter.count(s.slice(text)) <= limit)
        };
        if !within(a - 1, want) || !within(b - 1, budget.max_tokens()) {
            break;
        }
        if units[candidate - 1].sentence != units[candidate].sentence {
            best = candidate;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::segment;

    fn layout(text: &str) -> (Vec<Paragraph>, Vec<Sentence>) {
        let (paragraphs, sentences) = segment::layout_for_tests(text);
        (paragraphs, sentences)
    }

    #[test]
    fn chunks_fit_the_budget_and_end_at_paragraphs() {
        let text = "One two three four five. Six seven eight.\n\nNine ten eleven twelve.\n\nThirteen fourteen fifteen sixteen seventeen.";
        let (p, s) = layout(text);
        let budget = ChunkBudget::new(16, 0, Tokenizer::Words).unwrap_or_default();
        let got = chunks(text, &p, &s, &[], &budget, &WordCounter);
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
    fn an_over_budget_sentence_is_split_at_words() {
        let text = (0..100)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ")
            + ".";
        let (p, s) = layout(&text);
        let budget = ChunkBudget::new(16, 0, Tokenizer::Words).unwrap_or_default();
        let got = chunks(&text, &p, &s, &[], &budget, &WordCounter);
        assert_eq!(got.len(), 7);
        assert!(got.iter().all(|c| c.token_count <= 16));
    }
}
