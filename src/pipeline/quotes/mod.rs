//! Quotations and their speakers.
//!
//! For each paragraph: pair its quotation marks ([`marks`]: single quotes told from apostrophes
//! by the characters around them) and drop what is no quotation (a headline's repeat, a
//! nickname); then, for each quotation, read its site (the sentence around it, the words before
//! and after it), find the speaker's mention next to it ([`speaker`]: a cue verb after it, a cue
//! before it, a named source, an introduction), drop labels, titles of works and scare quotes
//! ([`not_speech`]), and resolve the mention to the fullest name the article uses ([`names`]),
//! a pronoun to its antecedent ([`pronouns`]), or a quotation with no mention to the speaker it
//! continues.
//!
//! The words of a mention are read by [`phrases`] (names and descriptions) and [`clauses`] (the
//! subject of a sentence), over the [`tokens`] of a region; [`cues`] knows speech verbs. The
//! candidate speakers of a quotation and their features are gathered by [`candidates`], and
//! [`ranking`] chooses among them.

mod candidates;
mod clauses;
mod cues;
mod grammar;
mod marks;
mod names;
mod not_speech;
mod phrases;
mod pronouns;
mod ranking;
mod sources;
mod speaker;
mod tokens;

#[cfg(test)]
mod tests;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use super::block::ParagraphKind;
use super::language::{Capitals, QuoteRules};
use super::normalize::Paragraph;
use super::segment::Sentence;
use super::span::Span;
use super::syntax::{Analyser, Parse};
use super::textkit::is_unspaced_script;
use candidates::SpeakerChoices;
use marks::Marked;
use names::NameIndex;
use pronouns::Genders;
pub use ranking::SpeakerModel;
pub use sources::{QuoteFrame, SourceRanker, governor, source_features, source_words};
use tokens::{Region, containing, near, reach_back, reach_forward};

/// Whether the quoted words are the whole reported content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum QuoteKind {
    /// `'Q,' she said.`
    Direct,
    /// `he said Russia would 'allow' it`.
    Partial,
}

/// How the speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Attribution {
    /// Named next to the quote.
    Explicit,
    /// A pronoun next to the quote, resolved.
    Pronoun,
    /// Continues the previous quote.
    Continued,
    /// No cue verb: the subject of the quote's sentence (`X warned of "political tensions"`).
    Subject,
    /// Not found.
    None,
}

/// A quotation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Quote {
    /// The quoted words, marks excluded.
    pub span: Span,
    /// The fullest name of the speaker.
    pub speaker: Option<String>,
    /// The speaker as written next to the quote.
    pub mention: Option<Span>,
    /// The cue verb or phrase.
    pub cue: Option<String>,
    /// Index of the paragraph.
    pub paragraph: usize,
    /// Direct or partial.
    pub kind: QuoteKind,
    /// How the speaker was found.
    pub attribution: Attribution,
    /// The speaker model's probability that `speaker` is right (0 to 1; 0 without a speaker, or
    /// where the hand rules choose: they give no probability).
    pub speaker_confidence: f32,
}

/// What chooses the speakers: the model that weighs the candidates, and the syntax it reads (the
/// model's syntax features are off without it).
#[derive(Debug, Clone, Copy)]
pub struct Chooser<'m> {
    /// The speaker choice's weights.
    pub model: &'m SpeakerModel,
    /// The analyser of the quotations' sentences.
    pub syntax: Option<&'m Analyser>,
    /// The ranker of the source words in those sentences.
    pub sources: Option<&'m SourceRanker>,
    /// Speakers less sure than this are left out (their mention kept); the model's default
    /// when `None`.
    pub min_confidence: Option<f32>,
}

impl Chooser<'static> {
    /// The embedded model and syntax where they were learned on the language, else the hand
    /// rules (which read no syntax).
    #[must_use]
    pub fn for_rules(rules: QuoteRules) -> Self {
        if rules.learned_choice {
            Self {
                model: SpeakerModel::embedded(),
                syntax: Analyser::embedded(),
                sources: SourceRanker::embedded(),
                min_confidence: None,
            }
        } else {
            Self {
                model: SpeakerModel::hand_rules(),
                syntax: None,
                sources: None,
                min_confidence: None,
            }
        }
    }
}

/// The quotes of an article, and whether the search stopped at one of its bounds before the
/// article's end.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The quotes, in the text's order.
    pub quotes: Vec<Quote>,
    /// The bound that ended the search early, if one did.
    pub stopped: Option<Bound>,
}

/// A bound on the quote search of one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// [`MAX_QUOTATIONS`] quotations reported.
    Reported,
    /// [`MAX_WEIGHED`] quotations weighed (most of them no one's words).
    Weighed,
}

/// Finds the quotes of `text`, their speakers chosen by the embedded model where it was learned
/// on the language, else by the hand rules; speakers less sure than `min_confidence` (else the
/// model's default) left out.
#[must_use]
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    min_confidence: Option<f32>,
) -> Found {
    let chooser = Chooser {
        min_confidence,
        ..Chooser::for_rules(rules)
    };
    let (quotes, _, stopped) = run(text, paragraphs, sentences, rules, chooser, false);
    Found { quotes, stopped }
}

/// A quote with the options its speaker was chosen from: each candidate's speaker and features,
/// and the features of naming nobody (see [`speaker_feature_names`]). For training the model.
#[derive(Debug, Clone)]
pub struct Explained {
    /// The quote as found.
    pub quote: Quote,
    /// Each candidate's speaker and features.
    pub candidates: Vec<(Option<String>, Vec<f32>)>,
    /// The features of naming nobody.
    pub nobody: Vec<f32>,
}

/// Finds the quotes of `text`, their speakers chosen by `chooser`, each with the options it was
/// chosen from.
#[must_use]
pub fn explain(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    chooser: Chooser<'_>,
) -> Vec<Explained> {
    run(text, paragraphs, sentences, rules, chooser, true).1
}

/// The names of a candidate's features and of the nobody option's, in the order of
/// [`Explained`]'s vectors.
#[must_use]
pub fn speaker_feature_names() -> (Vec<String>, Vec<String>) {
    (
        ranking::candidate_feature_names(),
        ranking::nobody_feature_names(),
    )
}

fn run(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    chooser: Chooser<'_>,
    keep_options: bool,
) -> (Vec<Quote>, Vec<Explained>, Option<Bound>) {
    let model = chooser.model;
    let article = Article {
        text,
        paragraphs,
        sentences,
        rules,
        names: NameIndex::build(text, paragraphs),
        genders: OnceCell::new(),
        word_counts: OnceCell::new(),
        syntax: chooser.syntax,
        sources: chooser.sources,
        parses: RefCell::default(),
    };
    let mut told = Told::default();
    let mut explained = Vec::new();
    let mut first_sentence = 0;
    // Quotations weighed, reported or not: marks around nothing said (`" | "` in a table of
    // marks) cost the speaker search as much as words do.
    let mut weighed = 0usize;
    let mut stopped = None;
    for (pi, paragraph) in paragraphs.iter().enumerate() {
        // A headline's quotation repeats one from the body.
        if pi == 0 && not_speech::is_headline(paragraph.span.slice(text)) {
            continue;
        }
        // An image's alt text and caption are no one's words.
        if paragraph.kind == ParagraphKind::Image {
            continue;
        }
        let marks = quotations(text, paragraph.span, pi);
        // Sentences come in paragraph order: this paragraph's are the run from `first_sentence`.
        first_sentence += sentences[first_sentence..].partition_point(|s| s.paragraph < pi);
        let run = sentences[first_sentence..].partition_point(|s| s.paragraph == pi);
        let own_sentences = &sentences[first_sentence..first_sentence + run];
        let para = ParagraphQuotes::new(text, pi, paragraph.span, own_sentences, marks);
        let mut first_in_paragraph = true;
        for mi in 0..para.marks.len() {
            if told.quotes.len() >= MAX_QUOTATIONS {
                stopped = Some(Bound::Reported);
                break;
            }
            if weighed >= MAX_WEIGHED {
                stopped = Some(Bound::Weighed);
                break;
            }
            let Some(site) = Site::read(text, &para, mi) else {
                continue;
            };
            if not_speech::names_a_thing(text, &para, &site) {
                continue;
            }
            weighed += 1;
            let options = SpeakerChoices::of(&article, &told, &para, &site, first_in_paragraph);
            let min_confidence = chooser
                .min_confidence
                .unwrap_or_else(|| model.min_confidence());
            let (mut said, speaker_confidence) = model
                .choose(&options.candidates, &options.nobody)
                .map_or_else(
                    || (options.nobody_said.clone(), 0.0),
                    |(c, confidence)| (c.said.clone(), confidence),
                );
            // Too unsure: the speaker is left out, the mention kept (a missing speaker is
            // better than a wrong one).
            let speaker_confidence =
                if said.speaker.is_some() && speaker_confidence < min_confidence {
                    said.speaker = None;
                    0.0
                } else {
                    speaker_confidence
                };
            first_in_paragraph = false;
            // Whether the words are reported speech at all is the rules' call, on their choice
            // of speaker: the model chooses among speakers, not among quotations.
            if not_speech::is_unreported(text, &site, options.rule_said()) {
                continue;
            }
            // A speaker looked for and not found is no attribution.
            let attribution = if said.speaker.is_none() {
                Attribution::None
            } else {
                said.attribution
            };
            let quote = Quote {
                span: site.span,
                speaker: said.speaker,
                mention: said.mention,
                cue: said.cue,
                paragraph: pi,
                kind: site.kind,
                attribution,
                speaker_confidence,
            };
            if keep_options {
                explained.push(Explained {
                    quote: quote.clone(),
                    candidates: options
                        .candidates
                        .into_iter()
                        .map(|c| (c.said.speaker, c.features))
                        .collect(),
                    nobody: options.nobody,
                });
            }
            told.push(quote);
        }
        told.open_from_previous = para.marks.last().is_some_and(|m| !m.closed);
    }
    (told.quotes, explained, stopped)
}

/// Quotations reported per article at most: far beyond any article (a long interview holds a few
/// hundred), and the bound on a hostile payload's quote work (a few hundred milliseconds).
pub const MAX_QUOTATIONS: usize = 5_000;

/// Quotations weighed per article at most, reported or not: four times [`MAX_QUOTATIONS`].
pub const MAX_WEIGHED: usize = 4 * MAX_QUOTATIONS;

/// The quotations of one paragraph: marks paired, attributions interjected between dashes split
/// out, and what is no quotation dropped (a headline's repeat, a nickname).
fn quotations(text: &str, paragraph: Span, index: usize) -> Vec<Marked> {
    let mut marks = marks::split_interjections(text, marks::pair_marks(text, paragraph));
    if index == 0 {
        not_speech::drop_headline_repeats(text, paragraph, &mut marks);
    }
    // Nicknames are part of a name, not quotations, and do not cut the text around them.
    marks.retain(|m| !not_speech::is_nickname(text, m));
    marks
}

/// Parses by their sentences' bytes; none for a sentence too long to parse.
type Parses = HashMap<(usize, usize), Option<Rc<Parse>>>;

/// What every quotation of the article may consult.
struct Article<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    sentences: &'a [Sentence],
    rules: QuoteRules,
    names: NameIndex,
    /// Only articles with a `he` or `she` to resolve pay for reading genders.
    genders: OnceCell<Genders>,
    /// How often each word occurs, counted once when a candidate first asks.
    word_counts: OnceCell<HashMap<&'a str, usize>>,
    /// The analyser of quotations' sentences, where the speaker model reads syntax.
    syntax: Option<&'a Analyser>,
    /// The ranker of source words in those parses.
    sources: Option<&'a SourceRanker>,
    /// The sentences parsed so far, by their bytes (quotations of one sentence share a parse).
    parses: RefCell<Parses>,
}

impl<'a> Article<'a> {
    fn genders(&self) -> &Genders {
        self.genders
            .get_or_init(|| Genders::build(self.text, self.sentences, &self.names))
    }

    /// Whether a sentence's subject and the names around a quotation may be offered as its
    /// speaker: not where every noun is capitalised (a capital is no name), nor where the
    /// language's verbs of saying are unknown (nothing ties a name to the words).
    fn offers_names_around(&self) -> bool {
        self.rules.capitals == Capitals::MarkNames && self.rules.speech_verbs
    }

    /// The parse of the sentences at `range`, parsed on first asking; none without syntax or for
    /// a sentence too long to parse.
    fn parse(&self, range: Range<usize>) -> Option<Rc<Parse>> {
        let syntax = self.syntax?;
        self.parses
            .borrow_mut()
            .entry((range.start, range.end))
            .or_insert_with(|| syntax.parse(self.text, range).map(Rc::new))
            .clone()
    }

    /// How often `word` stands as a word of the text (`Trump` in `Trump's` too).
    fn occurrences(&self, word: &str) -> usize {
        let counts = self.word_counts.get_or_init(|| {
            let mut counts = HashMap::new();
            for w in self.text.split(|c: char| !c.is_alphanumeric()) {
                if !w.is_empty() {
                    *counts.entry(w).or_insert(0) += 1;
                }
            }
            counts
        });
        counts.get(word).copied().unwrap_or(0)
    }
}

/// The quotes found so far, and what the next one may continue.
#[derive(Default)]
struct Told {
    quotes: Vec<Quote>,
    /// The last speaker named, and the paragraph they spoke in.
    last_speaker: Option<(String, usize)>,
    /// The previous paragraph ended inside a quotation.
    open_from_previous: bool,
    /// How many quotations each speaker (lower case) was given so far.
    quoted_by: HashMap<String, usize>,
}

impl Told {
    fn push(&mut self, quote: Quote) {
        if let Some(s) = &quote.speaker {
            self.last_speaker = Some((s.clone(), quote.paragraph));
            *self.quoted_by.entry(s.to_lowercase()).or_insert(0) += 1;
        }
        self.quotes.push(quote);
    }

    fn last_speaker(&self) -> Option<String> {
        self.last_speaker.as_ref().map(|(s, _)| s.clone())
    }
}

/// One paragraph, as its quotations read it.
struct ParagraphQuotes {
    index: usize,
    span: Span,
    marks: Vec<Marked>,
    /// Its sentences' spans.
    sentences: Vec<Span>,
    /// Each quotation's marks: from its opening mark to the end of its closing one.
    quoted: Vec<(usize, usize)>,
    /// The paragraph opens with a quotation.
    opens_with_quote: bool,
}

impl ParagraphQuotes {
    fn new(
        text: &str,
        index: usize,
        span: Span,
        sentences: &[Sentence],
        marks: Vec<Marked>,
    ) -> Self {
        let quoted = marks.iter().map(|m| (m.open, m.close_end)).collect();
        let opens_with_quote = marks.first().is_some_and(|m| {
            text.get(span.start()..m.open)
                .is_some_and(|s| s.trim().is_empty())
        });
        Self {
            index,
            span,
            sentences: sentences.iter().map(|s| s.span).collect(),
            marks,
            quoted,
            opens_with_quote,
        }
    }
}

/// Where one quotation stands: its words, the sentence around it, and the words before and after
/// it up to the neighbouring quotations.
struct Site {
    /// Its position among the paragraph's quotations.
    index: usize,
    mark: Marked,
    /// The quoted words (a transcript's label left out).
    span: Span,
    /// `"WALLACE: If I may …"`: the speaker's label inside the marks.
    label: Option<Span>,
    /// The sentence its opening mark is in.
    open_sentence: Span,
    /// Where that sentence starts, within reach.
    sentence_start: usize,
    /// From the previous quotation (or the sentence's start) to the opening mark.
    before: Region,
    /// From the sentence's start to the opening mark, earlier quotations included: the subject
    /// of a cue may stand before an earlier quote of the same sentence (`Trump called her "a
    /// con" and said she was "duped"`).
    whole_sentence: Region,
    /// From the closing mark to the next quotation or the end of the reported speech.
    after: Region,
    /// The quotations overlapping the sentence, as ranges into [`ParagraphQuotes::quoted`].
    nearby: std::ops::Range<usize>,
    kind: QuoteKind,
    /// The quoted words' count; scripts written without spaces count two characters a word.
    words: usize,
}

impl Site {
    fn read(text: &str, para: &ParagraphQuotes, index: usize) -> Option<Self> {
        let mark = para.marks[index];
        let span = Span::new(text, mark.inner_start..mark.inner_end)?.trim(text);
        if span.is_empty() {
            return None;
        }
        let quoted = &para.quoted;
        let open_sentence = containing(&para.sentences, mark.open).unwrap_or(para.span);
        let close_sentence = containing(&para.sentences, mark.close_start).unwrap_or(para.span);
        // Marks are in order and do not overlap: the neighbours bound the regions.
        let sentence_start = reach_back(text, open_sentence.start(), mark.open);
        let before_start = index
            .checked_sub(1)
            .map(|k| quoted[k].1)
            .filter(|&end| end > sentence_start && end <= mark.open)
            .unwrap_or(sentence_start);
        // `"…” ― Krystal Correa`: a signature after the closing mark is read even when the
        // segmenter made it a sentence of its own.
        let signed = text
            .get(mark.close_end..para.span.end())
            .is_some_and(|rest| rest.trim_start().starts_with(['—', '―', '–']));
        // `"… this in our country?" Clinton said.`: the segmenter ends the sentence at the
        // question mark; the attribution is the next one.
        let asked =
            close_sentence.end() <= mark.close_end && span.slice(text).ends_with(['?', '!']);
        // `"… that are missing." Trump said.`: a short sentence of its own with a cue is the
        // attribution of the quote it follows.
        let attributed_next = close_sentence.end() <= mark.close_end
            && containing(&para.sentences, mark.close_end + 1).is_some_and(|next| {
                let words = next.slice(text).split_whitespace();
                // Only the first words are read: a long sentence is no attribution.
                words.clone().nth(6).is_none()
                    && words
                        .map(|w| {
                            w.trim_matches(|c: char| !c.is_alphanumeric())
                                .to_lowercase()
                        })
                        .any(|w| cues::cue_word(&w))
            });
        let speech_end = if signed || asked || attributed_next {
            containing(&para.sentences, mark.close_end + 1)
                .map_or(para.span.end(), |s| s.end().max(close_sentence.end()))
        } else {
            close_sentence.end()
        };
        let after_end = quoted
            .get(index + 1)
            .map_or(usize::MAX, |&(open, _)| open)
            .min(reach_forward(text, speech_end, mark.close_end));
        let nearby = near(quoted, sentence_start, after_end);
        // A transcript line: `"WALLACE: If I may, sir ..."` names its speaker itself.
        let label = speaker::transcript_label(text, span);
        let span = label.map_or(span, |(_, rest)| rest);
        let before = Region {
            start: before_start,
            end: mark.open,
        };
        let prefix = before.slice(text).trim();
        // A dash before the words opens dialogue, or resumes it after an interjected
        // attribution.
        let kind = if prefix.is_empty()
            || prefix.ends_with([':', '–', '—'])
            || cues::ends_with_cue_comma(prefix)
        {
            QuoteKind::Direct
        } else {
            QuoteKind::Partial
        };
        let quoted_text = span.slice(text);
        let words = quoted_text.split_whitespace().count()
            + quoted_text
                .chars()
                .filter(|&c| is_unspaced_script(c))
                .count()
                / 2;
        Some(Self {
            index,
            mark,
            span,
            label: label.map(|(mention, _)| mention),
            open_sentence,
            sentence_start,
            before,
            whole_sentence: Region {
                start: sentence_start,
                end: mark.open,
            },
            after: Region {
                start: mark.close_end.min(after_end),
                end: after_end,
            },
            nearby,
            kind,
            words,
        })
    }

    /// The words between the previous quotation (or the sentence's start) and this one, trimmed.
    fn prefix<'t>(&self, text: &'t str) -> &'t str {
        self.before.slice(text).trim()
    }

    /// The quotations overlapping this one's sentence.
    fn nearby<'p>(&self, para: &'p ParagraphQuotes) -> &'p [(usize, usize)] {
        &para.quoted[self.nearby.clone()]
    }
}

/// Who said a quotation, as far as the article tells, and how that was found (even when it was
/// looked for in vain: a pronoun with no fitting antecedent).
#[derive(Debug, Clone)]
pub(super) struct Said {
    speaker: Option<String>,
    mention: Option<Span>,
    cue: Option<String>,
    attribution: Attribution,
}

impl Said {
    const NOBODY: Said = Said {
        speaker: None,
        mention: None,
        cue: None,
        attribution: Attribution::None,
    };
}
