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
//! subject of a sentence), over the [`tokens`] of a region; [`cues`] knows speech verbs.

mod clauses;
mod cues;
mod marks;
mod names;
mod not_speech;
mod phrases;
mod pronouns;
mod speaker;
mod tokens;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;

use super::language::Capitals;
use super::normalize::Paragraph;
use super::segment::Sentence;
use super::span::Span;
use super::textkit::is_unspaced_script;
use marks::Marked;
use names::NameIndex;
use pronouns::Genders;
use speaker::Found;
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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
}

/// Finds the quotes of `text`.
#[must_use]
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    capitals: Capitals,
) -> Vec<Quote> {
    let article = Article {
        text,
        paragraphs,
        sentences,
        capitals,
        names: NameIndex::build(text, paragraphs),
        genders: OnceCell::new(),
    };
    let mut told = Told::default();
    let mut first_sentence = 0;
    for (pi, paragraph) in paragraphs.iter().enumerate() {
        // A headline's quotation repeats one from the body.
        if pi == 0 && not_speech::is_headline(paragraph.span.slice(text)) {
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
            let Some(site) = Site::read(text, &para, mi) else {
                continue;
            };
            let found = speaker::mention(&article, &para, &site);
            if not_speech::names_a_thing(text, &para, &site) {
                continue;
            }
            let found = found.filter(|f| speaker::is_plausible(text, f));
            let said = attribute(&article, &told, &para, &site, found, first_in_paragraph);
            first_in_paragraph = false;
            if not_speech::is_unreported(text, &site, &said) {
                continue;
            }
            // A speaker looked for and not found is no attribution.
            let attribution = if said.speaker.is_none() {
                Attribution::None
            } else {
                said.attribution
            };
            told.push(Quote {
                span: site.span,
                speaker: said.speaker,
                mention: said.mention,
                cue: said.cue,
                paragraph: pi,
                kind: site.kind,
                attribution,
            });
        }
        told.open_from_previous = para.marks.last().is_some_and(|m| !m.closed);
    }
    told.quotes
}

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

/// What every quotation of the article may consult.
struct Article<'a> {
    text: &'a str,
    paragraphs: &'a [Paragraph],
    sentences: &'a [Sentence],
    capitals: Capitals,
    names: NameIndex,
    /// Only articles with a `he` or `she` to resolve pay for reading genders.
    genders: OnceCell<Genders>,
}

impl Article<'_> {
    fn genders(&self) -> &Genders {
        self.genders
            .get_or_init(|| Genders::build(self.text, self.sentences, &self.names))
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
}

impl Told {
    fn push(&mut self, quote: Quote) {
        if let Some(s) = &quote.speaker {
            self.last_speaker = Some((s.clone(), quote.paragraph));
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
        let speech_end = if signed || asked {
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
struct Said {
    speaker: Option<String>,
    mention: Option<Span>,
    cue: Option<String>,
    attribution: Attribution,
}

/// The speaker of a quotation: the mention found next to it, resolved (a name to the fullest form
/// the article uses, a pronoun to its antecedent); else, for a partial quotation, the subject of
/// its sentence; else the speaker of the quotation it continues.
fn attribute(
    article: &Article<'_>,
    told: &Told,
    para: &ParagraphQuotes,
    site: &Site,
    found: Option<Found>,
    first_in_paragraph: bool,
) -> Said {
    let text = article.text;
    let nearby = site.nearby(para);
    match found {
        Some(mut f) => {
            f.mention = phrases::without_affiliation(text, f.mention);
            let (speaker, attribution) = if f.pronoun {
                let speaker = pronouns::antecedent(article, told, site, nearby, f.mention);
                (speaker, Attribution::Pronoun)
            } else {
                let name = article.names.resolve(f.mention.slice(text));
                (Some(name), Attribution::Explicit)
            };
            Said {
                speaker,
                mention: Some(f.mention),
                cue: Some(f.cue),
                attribution,
            }
        }
        None if site.kind == QuoteKind::Partial
            && article.capitals == Capitals::MarkNames
            && clauses::clause_subject(text, site.whole_sentence, nearby, &article.names)
                .is_some_and(|(m, _)| {
                    !clauses::is_copula_subject(text, m, site.whole_sentence)
                }) =>
        {
            let (mention, pronoun) =
                clauses::clause_subject(text, site.whole_sentence, nearby, &article.names)
                    .unwrap_or((site.span, false));
            let mention = phrases::without_affiliation(text, mention);
            let speaker = if pronoun {
                told.last_speaker()
            } else {
                Some(article.names.resolve(mention.slice(text)))
            };
            Said {
                speaker,
                mention: Some(mention),
                cue: None,
                attribution: Attribution::Subject,
            }
        }
        None => {
            let previous = told.quotes.last().filter(|q| q.speaker.is_some());
            let same_paragraph = previous.is_some_and(|q| q.paragraph == para.index);
            let follows_paragraph = previous.is_some_and(|q| q.paragraph + 1 == para.index)
                && first_in_paragraph
                && para.opens_with_quote
                && (told.open_from_previous || site.kind == QuoteKind::Direct);
            match previous.filter(|_| same_paragraph || follows_paragraph) {
                Some(q) => Said {
                    speaker: q.speaker.clone(),
                    mention: None,
                    cue: q.cue.clone(),
                    attribution: Attribution::Continued,
                },
                None => Said {
                    speaker: None,
                    mention: None,
                    cue: None,
                    attribution: Attribution::None,
                },
            }
        }
    }
}
