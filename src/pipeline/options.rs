//! Validated options: raw numbers from a request become an [`Options`] the pipeline trusts.

use super::error::PrepError;
use super::span::OffsetUnit;

/// How chunk sizes are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tokenizer {
    /// OpenAI cl100k_base BPE.
    #[default]
    Cl100kBase,
    /// OpenAI o200k_base BPE.
    O200kBase,
    /// Whitespace-separated words.
    Words,
    /// Unicode code points.
    Characters,
}

/// A chunk budget that is known to be usable: `min <= max_tokens`, `overlap < max_tokens`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChunkBudget {
    max_tokens: usize,
    overlap_tokens: usize,
    tokenizer: Tokenizer,
}

impl ChunkBudget {
    /// The default largest chunk.
    pub const DEFAULT_MAX_TOKENS: usize = 512;
    /// The smallest budget accepted: below it, chunks stop being useful units.
    pub const MIN_MAX_TOKENS: usize = 16;
    /// The largest budget accepted.
    pub const MAX_MAX_TOKENS: usize = 1_000_000;

    /// Checks a budget.
    ///
    /// # Errors
    /// `InvalidOption` naming `options.chunking.max_tokens` or `options.chunking.overlap_tokens`
    /// when a value is out of range.
    pub fn new(
        max_tokens: usize,
        overlap_tokens: usize,
        tokenizer: Tokenizer,
    ) -> Result<Self, PrepError> {
        if !(Self::MIN_MAX_TOKENS..=Self::MAX_MAX_TOKENS).contains(&max_tokens) {
            return Err(PrepError::InvalidOption {
                field: "options.chunking.max_tokens",
                reason: format!(
                    "must be between {} and {}, got {max_tokens}",
                    Self::MIN_MAX_TOKENS,
                    Self::MAX_MAX_TOKENS
                ),
            });
        }
        if overlap_tokens >= max_tokens {
            return Err(PrepError::InvalidOption {
                field: "options.chunking.overlap_tokens",
                reason: format!(
                    "must be less than max_tokens ({max_tokens}), got {overlap_tokens}"
                ),
            });
        }
        Ok(Self {
            max_tokens,
            overlap_tokens,
            tokenizer,
        })
    }

    /// Largest chunk in tokens.
    #[must_use]
    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Tokens of trailing sentences to repeat.
    #[must_use]
    pub fn overlap_tokens(&self) -> usize {
        self.overlap_tokens
    }

    /// The token counter.
    #[must_use]
    pub fn tokenizer(&self) -> Tokenizer {
        self.tokenizer
    }
}

impl Default for ChunkBudget {
    fn default() -> Self {
        Self {
            max_tokens: Self::DEFAULT_MAX_TOKENS,
            overlap_tokens: 0,
            tokenizer: Tokenizer::Cl100kBase,
        }
    }
}

/// How quotation marks and apostrophes come out in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuoteStyle {
    /// As in the payload.
    #[default]
    Keep,
    /// Straight ASCII marks.
    Ascii,
    /// Typographic marks, apostrophes as `’`.
    Typographic,
}

/// The markup of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextFormat {
    /// Plain paragraphs; table cells separated by tabs.
    #[default]
    Plain,
    /// Markdown: `##` headings, `-` list items, `>` block quotations, fenced code, GFM tables
    /// with a header row.
    Markdown,
}

/// The costly parts of the answer a caller may not want (a partial response): what is not
/// wanted is not computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wanted {
    /// The quotes and their speakers.
    pub quotes: bool,
    /// The chunks.
    pub chunks: bool,
}

impl Default for Wanted {
    fn default() -> Self {
        Self {
            quotes: true,
            chunks: true,
        }
    }
}

/// The confidence under which a quotation's speaker is left out: a number from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct MinSpeakerConfidence(f32);

impl MinSpeakerConfidence {
    /// A confidence threshold; `field` names it in the error.
    ///
    /// # Errors
    /// [`PrepError::InvalidOption`] when `value` is not a number from 0 to 1.
    pub fn new(value: f32, field: &'static str) -> Result<Self, PrepError> {
        if (0.0..=1.0).contains(&value) {
            Ok(Self(value))
        } else {
            Err(PrepError::InvalidOption {
                field,
                reason: format!("must be a number from 0 to 1, not {value}"),
            })
        }
    }

    /// The threshold.
    #[must_use]
    pub fn get(self) -> f32 {
        self.0
    }
}

/// Everything that steers one preparation.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Options {
    /// The chunk budget.
    pub chunking: ChunkBudget,
    /// The payload is the article already: keep every block.
    pub keep_all_text: bool,
    /// The unit clients want spans in (the pipeline itself works in bytes).
    pub offset_unit: OffsetUnit,
    /// Quotation marks in the normalised text.
    pub quote_style: QuoteStyle,
    /// The markup of the normalised text.
    pub text_format: TextFormat,
    /// With Markdown: links kept as `[text](target)`.
    pub keep_links: bool,
    /// With Markdown: the article's images kept as `![alt](src "caption")`.
    pub keep_images: bool,
    /// The costly parts wanted.
    pub wanted: Wanted,
    /// Speakers less sure than this are left out, their mention kept; the speaker model's
    /// default (chosen so that at most 5% of quotations get a wrong speaker) when `None`.
    pub min_speaker_confidence: Option<MinSpeakerConfidence>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_must_be_below_the_budget() {
        let err = ChunkBudget::new(64, 64, Tokenizer::Words);
        assert!(matches!(
            err,
            Err(PrepError::InvalidOption {
                field: "options.chunking.overlap_tokens",
                ..
            })
        ));
    }

    #[test]
    fn a_confidence_outside_zero_to_one_is_refused() {
        for bad in [-0.1, 1.5, f32::NAN, f32::INFINITY] {
            assert!(matches!(
                MinSpeakerConfidence::new(bad, "options.min_speaker_confidence"),
                Err(PrepError::InvalidOption {
                    field: "options.min_speaker_confidence",
                    ..
                })
            ));
        }
        assert!(MinSpeakerConfidence::new(0.0, "x").is_ok());
        assert!(MinSpeakerConfidence::new(1.0, "x").is_ok());
    }

    #[test]
    fn a_budget_below_the_floor_is_refused() {
        let err = ChunkBudget::new(3, 0, Tokenizer::Words);
        assert!(matches!(
            err,
            Err(PrepError::InvalidOption {
                field: "options.chunking.max_tokens",
                ..
            })
        ));
        assert!(ChunkBudget::new(16, 15, Tokenizer::Words).is_ok());
    }
}
