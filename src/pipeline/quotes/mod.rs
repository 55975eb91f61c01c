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
mod ranking;
mod speaker;
mod tokens;

#[cfg(test)]
mod tests;

use std::cell::OnceCell;
use std::collections::HashMap;

use super::language::{Capitals, QuoteRules};
use super::lexicon::grammar::PREPOSITIONS;
use super::lexicon::speech::{SAY_VERBS, SOURCE_CUES, TELL_VERBS};
use super::normalize::Paragraph;
use super::segment::Sentence;
use super::span::Span;
use super::textkit::is_unspaced_script;
use marks::Marked;
use names::NameIndex;
use pronouns::Genders;
pub use ranking::SpeakerModel;
use ranking::{Candidate, FeatureRow, Source};
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

/// Finds the quotes of `text`, their speakers chosen by the embedded model where it was learned
/// on the language, else by the hand rules.
#[must_use]
pub fn find(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
) -> Vec<Quote> {
    let model = if rules.learned_choice {
        SpeakerModel::embedded()
    } else {
        SpeakerModel::hand_rules()
    };
    find_with(text, paragraphs, sentences, rules, model)
}

/// Finds the quotes of `text`, their speakers chosen by `model`.
#[must_use]
pub fn find_with(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    model: &SpeakerModel,
) -> Vec<Quote> {
    run(text, paragraphs, sentences, rules, model, false).0
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

/// Finds the quotes of `text` as [`find_with`] does, each with the options it was chosen from.
#[must_use]
pub fn explain(
    text: &str,
    paragraphs: &[Paragraph],
    sentences: &[Sentence],
    rules: QuoteRules,
    model: &SpeakerModel,
) -> Vec<Explained> {
    run(text, paragraphs, sentences, rules, model, true).1
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
    model: &SpeakerModel,
    keep_options: bool,
) -> (Vec<Quote>, Vec<Explained>) {
    let article = Article {
        text,
        paragraphs,
        sentences,
        rules,
        names: NameIndex::build(text, paragraphs),
        genders: OnceCell::new(),
        word_counts: OnceCell::new(),
    };
    let mut told = Told::default();
    let mut explained = Vec::new();
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
            if told.quotes.len() >= MAX_QUOTATIONS {
                break;
            }
            let Some(site) = Site::read(text, &para, mi) else {
                continue;
            };
            if not_speech::names_a_thing(text, &para, &site) {
                continue;
            }
            let options = Options::of(&article, &told, &para, &site, first_in_paragraph);
            let said = model
                .choose(&options.candidates, &options.nobody)
                .map_or_else(|| options.nobody_said.clone(), |c| c.said.clone());
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
    (told.quotes, explained)
}

/// Quotations reported per article at most: far beyond any article (a long interview holds a few
/// hundred), and the bound on a hostile payload's quote work (a few hundred milliseconds).
pub const MAX_QUOTATIONS: usize = 5_000;

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
    rules: QuoteRules,
    names: NameIndex,
    /// Only articles with a `he` or `she` to resolve pay for reading genders.
    genders: OnceCell<Genders>,
    /// How often each word occurs, counted once when a candidate first asks.
    word_counts: OnceCell<HashMap<&'a str, usize>>,
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

/// A candidate before its features are read.
struct Raw {
    source: Source,
    said: Said,
    /// The hand rules chose it.
    rule_choice: bool,
    implausible: bool,
    /// Found in the sentence before the quotation's.
    previous_sentence: bool,
    name: Option<(bool, bool)>,
    earlier_speaker: bool,
}

impl Raw {
    fn new(source: Source, said: Said, rule_choice: bool) -> Self {
        Self {
            source,
            said,
            rule_choice,
            implausible: false,
            previous_sentence: false,
            name: None,
            earlier_speaker: false,
        }
    }
}

/// Names read from a quotation's neighbourhood, at most, per region.
const NAMES_PER_REGION: usize = 4;

/// The earlier speaker of an exchange is looked for among this many quotations back, so that a
/// paragraph of thousands of one speaker's quotations costs linear time.
const EARLIER_SPEAKER_QUOTES: usize = 32;

/// What a quotation's speaker is chosen from.
struct Options {
    candidates: Vec<Candidate>,
    /// The features of naming nobody.
    nobody: Vec<f32>,
    /// What naming nobody says: the mention that named nobody, if the rules' way found one.
    nobody_said: Said,
}

impl Options {
    /// The hand rules' choice: their candidate, else what naming nobody says.
    fn rule_said(&self) -> &Said {
        self.candidates
            .iter()
            .find(|c| c.rule_choice)
            .map_or(&self.nobody_said, |c| &c.said)
    }

    /// The candidates: every way's mention, resolved (a name to the fullest form the article
    /// uses, a pronoun to its antecedent); for a partial quotation, the subject of its sentence;
    /// the speaker of the quotation it may continue. The hand rules' choice among them (the first
    /// way's plausible mention, else the subject, else the continued speaker) is a feature.
    fn of(
        article: &Article<'_>,
        told: &Told,
        para: &ParagraphQuotes,
        site: &Site,
        first_in_paragraph: bool,
    ) -> Self {
        let text = article.text;
        let nearby = site.nearby(para);
        let last_speaker = told.last_speaker();
        let mut candidates: Vec<Raw> = Vec::new();
        let mut nobody_said = Said::NOBODY;
        let mut unresolved_pronoun = false;
        let mentions = speaker::mentions(article, para, site);
        // The rules took the first way's mention, when it can name a speaker.
        let rule_found = mentions
            .first()
            .filter(|(_, f)| speaker::is_plausible(text, f))
            .map(|(way, _)| *way);
        for (way, mut f) in mentions {
            let plausible = speaker::is_plausible(text, &f);
            f.mention = phrases::without_affiliation(text, f.mention);
            let (speaker, attribution) = if f.pronoun {
                let speaker = pronouns::antecedent(article, told, site, nearby, f.mention);
                (speaker, Attribution::Pronoun)
            } else {
                let name = article.names.resolve(f.mention.slice(text));
                (Some(name), Attribution::Explicit)
            };
            let rule_choice = rule_found == Some(way);
            let said = Said {
                speaker,
                mention: Some(f.mention),
                cue: Some(f.cue),
                attribution,
            };
            if said.speaker.is_none() {
                unresolved_pronoun = true;
                if rule_choice {
                    nobody_said = said;
                }
                continue;
            }
            candidates.push(Raw {
                implausible: !plausible,
                ..Raw::new(Source::Way(way), said, rule_choice)
            });
        }
        // No cue verb: the subject of a partial quotation's sentence (`X warned of "tensions"`).
        // (The rules read it for partial quotations only; it is a candidate for all.)
        let subject = article
            .offers_names_around()
            .then(|| clauses::clause_subject(text, site.whole_sentence, nearby, &article.names))
            .flatten();
        let mut subject_chosen = false;
        let mut copula = false;
        let mut subject_speaker: Option<String> = None;
        if let Some((mention, pronoun)) = subject {
            copula = clauses::is_copula_subject(text, mention, site.whole_sentence);
            let mention = phrases::without_affiliation(text, mention);
            let speaker = if pronoun {
                last_speaker.clone()
            } else {
                Some(article.names.resolve(mention.slice(text)))
            };
            subject_chosen = site.kind == QuoteKind::Partial && rule_found.is_none() && !copula;
            let said = Said {
                speaker,
                mention: Some(mention),
                cue: None,
                attribution: Attribution::Subject,
            };
            subject_speaker.clone_from(&said.speaker);
            if said.speaker.is_some() {
                candidates.push(Raw::new(Source::Subject, said, subject_chosen));
            } else if subject_chosen {
                nobody_said = said;
            }
        }
        // The speaker of the quotation this one continues: earlier in the paragraph, or in the
        // paragraph before when this one opens its paragraph.
        let previous = told.quotes.last().filter(|q| q.speaker.is_some());
        let same_paragraph = previous.is_some_and(|q| q.paragraph == para.index);
        let follows_paragraph = previous.is_some_and(|q| q.paragraph + 1 == para.index)
            && first_in_paragraph
            && para.opens_with_quote
            && (told.open_from_previous || site.kind == QuoteKind::Direct);
        if let Some(q) = previous.filter(|q| q.paragraph + 1 >= para.index) {
            let rule_choice =
                rule_found.is_none() && !subject_chosen && (same_paragraph || follows_paragraph);
            let said = Said {
                speaker: q.speaker.clone(),
                mention: None,
                cue: q.cue.clone(),
                attribution: Attribution::Continued,
            };
            candidates.push(Raw::new(Source::Continued, said, rule_choice));
        }
        // The speaker before the last one, a few paragraphs back at most (an exchange).
        let last = last_speaker.as_deref().unwrap_or_default();
        let earlier = told
            .quotes
            .iter()
            .rev()
            .take(EARLIER_SPEAKER_QUOTES)
            .take_while(|q| q.paragraph + 3 >= para.index)
            .find(|q| q.speaker.as_deref().is_some_and(|s| s != last));
        if let Some(q) = earlier {
            let said = Said {
                speaker: q.speaker.clone(),
                mention: None,
                cue: q.cue.clone(),
                attribution: Attribution::Continued,
            };
            candidates.push(Raw {
                earlier_speaker: true,
                ..Raw::new(Source::Continued, said, false)
            });
        }
        // The names around the quotation, and in the sentence before it: where every noun is
        // capitalised a capital tells no name, so there are none to offer.
        let previous_sentence = article
            .sentences
            .partition_point(|s| s.span.start() <= site.mark.open)
            .checked_sub(2)
            .and_then(|i| article.sentences.get(i))
            .filter(|s| s.paragraph + 1 >= para.index)
            .map(|s| Region {
                start: tokens::reach_back(text, s.span.start(), s.span.end()),
                end: s.span.end(),
            });
        let regions = [
            (Some(site.whole_sentence), false),
            (Some(site.after), false),
            (previous_sentence, true),
        ];
        for (region, previous) in regions {
            let Some(region) = region.filter(|_| article.offers_names_around()) else {
                continue;
            };
            for seen in phrases::names_in(text, region, &para.quoted, NAMES_PER_REGION) {
                let said = Said {
                    speaker: Some(article.names.resolve(seen.mention.slice(text))),
                    mention: Some(seen.mention),
                    cue: None,
                    attribution: Attribution::Explicit,
                };
                candidates.push(Raw {
                    previous_sentence: previous,
                    name: Some((seen.after_preposition, seen.at_start)),
                    ..Raw::new(Source::NameNearby, said, false)
                });
            }
        }
        let speakers: Vec<String> = candidates
            .iter()
            .filter_map(|c| c.said.speaker.as_deref().map(str::to_lowercase))
            .collect();
        let count = candidates.len();
        let rule_named = candidates.iter().any(|c| c.rule_choice);
        let candidates = candidates
            .into_iter()
            .map(|raw| {
                let Raw { source, said, .. } = raw;
                let mut row = FeatureRow::candidate(source);
                row.flag("rule_choice", raw.rule_choice);
                row.flag("implausible", raw.implausible);
                row.flag("earlier_speaker", raw.earlier_speaker);
                row.flag("in_previous_sentence", raw.previous_sentence);
                row.flag(
                    "subject_of_direct",
                    source == Source::Subject && site.kind == QuoteKind::Direct,
                );
                if let Some((_, at_start)) = raw.name {
                    row.flag("at_sentence_start", at_start);
                }
                row.flag("pronoun", said.attribution == Attribution::Pronoun);
                row.flag(
                    "same_paragraph",
                    same_paragraph && source == Source::Continued,
                );
                row.flag(
                    "follows_paragraph",
                    follows_paragraph && source == Source::Continued,
                );
                row.flag(
                    "open_from_previous",
                    told.open_from_previous && source == Source::Continued,
                );
                row.flag("copula_subject", copula && source == Source::Subject);
                describe_mention(&mut row, article, site, said.mention);
                describe_cue_place(&mut row, text, site, said.mention, said.cue.as_deref());
                describe_cue(&mut row, said.cue.as_deref());
                let speaker = said.speaker.as_deref().unwrap_or_default();
                let key = speaker.to_lowercase();
                row.count(
                    "agreement",
                    speakers
                        .iter()
                        .filter(|s| **s == key)
                        .count()
                        .saturating_sub(1),
                );
                row.flag(
                    "last_speaker",
                    last_speaker
                        .as_deref()
                        .is_some_and(|l| l.eq_ignore_ascii_case(speaker)),
                );
                row.count("speaker_words", speaker.split_whitespace().count());
                row.count(
                    "speaker_quoted_before",
                    told.quoted_by.get(&key).copied().unwrap_or(0),
                );
                row.flag(
                    "agrees_with_subject",
                    source != Source::Subject
                        && subject_speaker
                            .as_deref()
                            .is_some_and(|s| s.eq_ignore_ascii_case(speaker)),
                );
                // `Bush's`, `Jr.`: the word's letters, as the text's words are counted.
                let last_word = speaker
                    .split_whitespace()
                    .last()
                    .and_then(|w| {
                        w.split(|c: char| !c.is_alphanumeric())
                            .find(|w| !w.is_empty())
                    })
                    .unwrap_or_default();
                row.count("speaker_mentions", article.occurrences(last_word));
                Candidate {
                    said,
                    rule_choice: raw.rule_choice,
                    features: row.into_values(),
                }
            })
            .collect();
        let mut nobody = FeatureRow::nobody();
        nobody.flag("rule_choice", !rule_named);
        nobody.flag("direct", site.kind == QuoteKind::Direct);
        nobody.count("quote_words", site.words);
        nobody.flag("short_quote", site.words <= 3);
        nobody.flag("first_in_paragraph", first_in_paragraph);
        nobody.flag("opens_paragraph", para.opens_with_quote && site.index == 0);
        nobody.flag("unresolved_pronoun", unresolved_pronoun);
        nobody.count("candidates", count);
        Self {
            candidates,
            nobody: nobody.into_values(),
            nobody_said,
        }
    }
}

/// The mention's shape and place: its words, capitals, whether the article names it as a person
/// elsewhere, and how far from the quotation's marks it stands.
fn describe_mention(
    row: &mut FeatureRow,
    article: &Article<'_>,
    site: &Site,
    mention: Option<Span>,
) {
    let Some(mention) = mention else {
        return;
    };
    let text = article.text;
    let words: Vec<&str> = mention.slice(text).split_whitespace().collect();
    row.count("mention_words", words.len());
    row.flag(
        "mention_capitalised",
        words.first().is_some_and(|w| tokens::is_capitalised(w)),
    );
    row.flag(
        "mention_every_word_capitalised",
        !words.is_empty() && words.iter().all(|w| tokens::is_capitalised(w)),
    );
    row.flag(
        "mention_known_name",
        words
            .last()
            .is_some_and(|w| article.names.knows(tokens::strip_possessive(w))),
    );
    row.flag(
        "mention_ends_with_title",
        words.last().is_some_and(|w| {
            let w = w.to_lowercase();
            let bare = w.trim_end_matches('.');
            names::is_title(&w)
                || names::is_title(bare)
                || names::is_honorific(&w)
                || names::is_honorific(bare)
        }),
    );
    // `in Columbus`, `told NBC`: the object of a preposition, rarely the speaker.
    let before: Option<String> = text
        .get(..mention.start())
        .and_then(|b| b.split_whitespace().last())
        .map(str::to_lowercase);
    row.flag(
        "after_preposition",
        before.is_some_and(|w| PREPOSITIONS.contains(w.as_str())),
    );
    row.flag(
        "mention_opens_sentence",
        text.get(site.sentence_start..mention.start())
            .is_some_and(|b| b.trim().is_empty()),
    );
    let after = mention.start() >= site.mark.close_end;
    row.flag("mention_after_quote", after);
    let distance = if after {
        mention.start() - site.mark.close_end
    } else {
        site.mark.open.saturating_sub(mention.end())
    };
    row.count("mention_distance", distance);
}

/// Where the cue stands from the mention: before or after it, and how far (a subject stands
/// right before its verb, `said John Coale` right after it).
fn describe_cue_place(
    row: &mut FeatureRow,
    text: &str,
    site: &Site,
    mention: Option<Span>,
    cue: Option<&str>,
) {
    let (Some(mention), Some(verb)) = (mention, cue.and_then(|c| c.split_whitespace().next()))
    else {
        return;
    };
    // The cue word nearest the mention, within the quotation's sentence.
    let from = site.sentence_start.min(mention.start());
    let to = site.after.end.max(mention.end()).min(text.len());
    let Some(region) = text.get(from..to) else {
        return;
    };
    let nearest = region
        .match_indices(verb)
        .map(|(at, _)| from + at)
        .min_by_key(|&at| at.abs_diff(mention.start()));
    if let Some(at) = nearest {
        let before = mention.end() <= at;
        row.flag("mention_before_cue", before);
        let gap = if before {
            at - mention.end()
        } else {
            mention.start().saturating_sub(at + verb.len())
        };
        row.count("cue_distance", gap);
    }
}

/// The cue's kind: none, a verb of saying, of telling, a source (`according to`), a participle.
fn describe_cue(row: &mut FeatureRow, cue: Option<&str>) {
    let cue = cue.unwrap_or_default().to_lowercase();
    let verb = cue.split_whitespace().next().unwrap_or_default();
    row.flag("cue_none", cue.is_empty());
    row.flag("cue_say", SAY_VERBS.contains(verb));
    row.flag("cue_told", TELL_VERBS.contains(verb));
    row.flag("cue_according", SOURCE_CUES.contains(&cue));
    row.flag("cue_participle", verb.ends_with("ing"));
}
