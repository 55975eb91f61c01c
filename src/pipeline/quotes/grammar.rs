//! What the parse of a quotation's sentence says of its candidate speakers: the verb that governs
//! the quoted words (`said` in `"…," she said`, `called` in `he called it "a disaster"`), whether a
//! mention is that verb's subject, stands inside the quoted clause, is an object or the object of
//! a preposition (`told NBC`, `according to X`: the parse hangs prepositions from their noun, as
//! the Universal Dependencies do), or is in apposition to the subject (`Jones, a
//! spokesman, said`). Read only for English, from the [`crate::pipeline::syntax`] stage; every
//! feature is off where the sentence was not parsed.

use std::ops::Range;
use std::rc::Rc;

use super::ranking::FeatureRow;
use super::{Article, ParagraphQuotes, Site, cues, sources, tokens};
use crate::pipeline::span::Span;
use crate::pipeline::syntax::{Kind, Parse};

/// The ranker's score gaps are read up to this (a word this far below the best is no source).
const SOURCE_GAP_CAP: f32 = 50.0;

/// A quotation's sentence as its parse reads it.
pub(super) struct QuoteSyntax {
    parse: Rc<Parse>,
    /// The quoted words, as indices into the parse's words.
    quote: Range<usize>,
    /// The verb outside the quotation that its words hang from.
    governor: Option<usize>,
    /// That verb has a nominal dependent outside the quotation.
    governor_has_subject: bool,
    /// The source ranker's score of each word that may be the source, in order.
    source_scores: Vec<(usize, f32)>,
    /// The best-scored of them.
    best_source: Option<(usize, f32)>,
}

impl QuoteSyntax {
    /// The parse of the sentences from the quotation's opening mark to the end of its reported
    /// speech, if the article is read with syntax and they are short enough.
    pub(super) fn read(article: &Article<'_>, para: &ParagraphQuotes, site: &Site) -> Option<Self> {
        let from = tokens::containing(&para.sentences, site.mark.open)?.start();
        let last = site.after.end.max(site.mark.close_end).saturating_sub(1);
        let to = tokens::containing(&para.sentences, last).map_or(site.open_sentence.end(), |s| {
            s.end().max(site.open_sentence.end())
        });
        let parse = article.parse(from..to)?;
        let quote = parse.words_in(site.span.start()..site.span.end());
        let frame = sources::QuoteFrame::new(&parse, quote.clone());
        let governor = frame.governor();
        let source_scores = article
            .sources
            .map(|ranker| ranker.scores(&parse, &frame))
            .unwrap_or_default();
        let best_source = source_scores
            .iter()
            .copied()
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let governor_has_subject = governor.is_some_and(|g| {
            (0..parse.words.len()).any(|i| {
                parse.heads[i] == Some(g) && !quote.contains(&i) && parse.kinds[i].is_nominal()
            })
        });
        Some(Self {
            parse,
            quote,
            governor,
            governor_has_subject,
            source_scores,
            best_source,
        })
    }

    /// Whether the quoted words hang from a verb outside them.
    pub(super) fn is_governed(&self) -> bool {
        self.governor.is_some()
    }

    /// Whether the governing verb has a subject outside the quotation (else the quotation's
    /// words stand alone, and a speaker is continued or unsaid).
    pub(super) fn governor_has_subject(&self) -> bool {
        self.governor_has_subject
    }

    /// The source the ranker scores best, as its noun phrase's bytes up to its head (`a
    /// prominent Republican committee member`, not what follows: `from Ohio`, `, a spokesman`,
    /// `speaking to Fox News`), the head's bytes, and whether it is a pronoun.
    pub(super) fn best_source(&self) -> Option<(Range<usize>, Range<usize>, bool)> {
        let parse = &*self.parse;
        let (head, _) = self.best_source?;
        let in_phrase = |i: usize| parse.ancestors(i).any(|a| a == head);
        let stops = |i: usize| {
            self.quote.contains(&i) || matches!(parse.words[i].form.as_str(), "," | "--" | "-LRB-")
        };
        let mut first = head;
        while first > 0 && in_phrase(first - 1) && !stops(first - 1) {
            first -= 1;
        }
        let at = parse.words[head].at.clone();
        Some((
            parse.words[first].at.start..at.end,
            at,
            parse.kinds[head] == Kind::Pronoun,
        ))
    }

    /// The best source's score, for the option of naming nobody (none when nothing was scored).
    pub(super) fn best_source_score(&self) -> Option<f32> {
        self.best_source.map(|(_, s)| s)
    }

    /// The features of a candidate whose mention is `mention`.
    pub(super) fn describe(&self, row: &mut FeatureRow, text: &str, mention: Option<Span>) {
        let parse = &*self.parse;
        let Some(mention) = mention else {
            return;
        };
        let words = parse.words_in(mention.start()..mention.end());
        // A mention outside the parsed sentences says nothing here.
        if words.is_empty()
            || parse.words[words.start].at.start < mention.start().saturating_sub(1)
            || parse.words[words.end - 1].at.end > mention.end() + 1
        {
            return;
        }
        let Some(head) = parse.head_of(words.clone()) else {
            return;
        };
        row.flag("syn_parsed", true);
        if let Some((best, best_score)) = self.best_source {
            row.flag("syn_source_best", words.contains(&best));
            let score = self
                .source_scores
                .iter()
                .find(|(w, _)| *w == head)
                .map(|&(_, s)| s);
            let gap = score.map_or(SOURCE_GAP_CAP, |s| (best_score - s).min(SOURCE_GAP_CAP));
            row.set("syn_source_gap", gap / SOURCE_GAP_CAP);
            row.flag("syn_source_close", gap > 0.0 && gap < 5.0);
            row.flag("syn_source_far", gap >= 15.0);
        }
        row.flag("syn_head_proper", parse.kinds[head] == Kind::ProperNoun);
        row.flag("syn_head_pronoun", parse.kinds[head] == Kind::Pronoun);
        let word = |i: usize| text.get(parse.words[i].at.clone()).unwrap_or_default();
        let parent = parse.heads[head];
        let governor = self.governor;
        row.flag(
            "syn_subject_of_governor",
            parent.is_some() && parent == governor && head < governor.unwrap_or(0),
        );
        row.flag(
            "syn_after_governor",
            parent.is_some() && parent == governor && head > governor.unwrap_or(usize::MAX),
        );
        row.flag(
            "syn_governor_is_cue",
            governor.is_some_and(|g| cues::cue_word(&word(g).to_lowercase())),
        );
        row.flag(
            "syn_subject_of_cue",
            parent.is_some_and(|p| {
                p > head && parse.kinds[p] == Kind::Verb && cues::cue_word(&word(p).to_lowercase())
            }),
        );
        row.flag(
            "syn_in_quoted_clause",
            self.quote.contains(&head) || parse.ancestors(head).any(|a| self.quote.contains(&a)),
        );
        // Prepositions hang from their noun (`according to X`: `according` and `to` from `X`).
        let case = parse
            .dependents(head)
            .find(|&d| d < head && !words.contains(&d) && parse.kinds[d] == Kind::Preposition);
        row.flag(
            "syn_object",
            case.is_none() && parent.is_some_and(|p| p < head && parse.kinds[p] == Kind::Verb),
        );
        row.flag("syn_after_preposition", case.is_some());
        row.flag(
            "syn_according_to",
            parse
                .dependents(head)
                .any(|d| word(d).eq_ignore_ascii_case("according")),
        );
        row.flag(
            "syn_apposition_to_subject",
            parent.is_some_and(|p| {
                p < head
                    && parse.kinds[p].is_nominal()
                    && parse.heads[p].is_some()
                    && parse.heads[p] == governor
            }),
        );
    }
}
