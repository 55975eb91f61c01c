//! What a quotation's speaker is chosen from: every way's mention resolved to a name, the
//! sentence's subject, the speaker it continues, an earlier speaker of an exchange and the names
//! around it, each with the features [`super::ranking`] scores, and the option that nobody spoke.

use super::grammar::QuoteSyntax;
use super::ranking::{Candidate, FeatureRow, Source};
use super::tokens::{self, Region};
use super::{
    Article, Attribution, ParagraphQuotes, QuoteKind, Said, Site, Told, clauses, names, phrases,
    pronouns, speaker,
};
use crate::pipeline::lexicon::grammar::PREPOSITIONS;
use crate::pipeline::lexicon::speech::{SAY_VERBS, SOURCE_CUES, TELL_VERBS};
use crate::pipeline::span::Span;

/// A candidate before its features are read.
struct Raw {
    source: Source,
    said: Said,
    /// The hand rules chose it.
    rule_choice: bool,
    implausible: bool,
    /// Found in the sentence before the quotation's.
    previous_sentence: bool,
    /// A name found nearby that opens its region (capitalised whatever it is).
    name_at_start: Option<bool>,
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
            name_at_start: None,
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
pub(super) struct SpeakerChoices {
    pub(super) candidates: Vec<Candidate>,
    /// The features of naming nobody.
    pub(super) nobody: Vec<f32>,
    /// What naming nobody says: the mention that named nobody, if the rules' way found one.
    pub(super) nobody_said: Said,
}

/// The candidates of one quotation as they are gathered, and what their features read of how
/// they were found.
struct Gathering<'q, 'a> {
    article: &'q Article<'a>,
    told: &'q Told,
    para: &'q ParagraphQuotes,
    site: &'q Site,
    first_in_paragraph: bool,
    candidates: Vec<Raw>,
    nobody_said: Said,
    unresolved_pronoun: bool,
    /// The way whose mention the rules took, if any could name a speaker.
    rule_found: Option<usize>,
    subject_chosen: bool,
    copula: bool,
    subject_speaker: Option<String>,
    /// The quotation continued is earlier in this paragraph, or opens the next one.
    same_paragraph: bool,
    follows_paragraph: bool,
    /// The parse of the quotation's sentences, where the article is read with syntax.
    syntax: Option<QuoteSyntax>,
}

impl SpeakerChoices {
    /// The hand rules' choice: their candidate, else what naming nobody says.
    pub(super) fn rule_said(&self) -> &Said {
        self.candidates
            .iter()
            .find(|c| c.rule_choice)
            .map_or(&self.nobody_said, |c| &c.said)
    }

    /// The candidates: every way's mention, resolved (a name to the fullest form the article
    /// uses, a pronoun to its antecedent); for a partial quotation, the subject of its sentence;
    /// the speaker of the quotation it may continue. The hand rules' choice among them (the first
    /// way's plausible mention, else the subject, else the continued speaker) is a feature.
    pub(super) fn of(
        article: &Article<'_>,
        told: &Told,
        para: &ParagraphQuotes,
        site: &Site,
        first_in_paragraph: bool,
    ) -> Self {
        let mut gathering = Gathering {
            article,
            told,
            para,
            site,
            first_in_paragraph,
            candidates: Vec::new(),
            nobody_said: Said::NOBODY,
            unresolved_pronoun: false,
            rule_found: None,
            subject_chosen: false,
            copula: false,
            subject_speaker: None,
            same_paragraph: false,
            follows_paragraph: false,
            syntax: QuoteSyntax::read(article, para, site),
        };
        gathering.mentions();
        gathering.subject();
        gathering.continued();
        gathering.earlier_speaker();
        gathering.names_nearby();
        gathering.parsed_subject();
        gathering.described()
    }
}

impl Gathering<'_, '_> {
    /// Every way's mention, resolved; the rules took the first way's, when it can name a speaker.
    fn mentions(&mut self) {
        let (article, site) = (self.article, self.site);
        let text = article.text;
        let nearby = site.nearby(self.para);
        let mentions = speaker::mentions(article, self.para, site);
        self.rule_found = mentions
            .first()
            .filter(|(_, f)| speaker::is_plausible(text, f))
            .map(|(way, _)| *way);
        for (way, mut f) in mentions {
            let plausible = speaker::is_plausible(text, &f);
            f.mention = phrases::without_affiliation(text, f.mention);
            let (speaker, attribution) = if f.pronoun {
                let speaker = pronouns::antecedent(article, self.told, site, nearby, f.mention);
                (speaker, Attribution::Pronoun)
            } else {
                let name = article.names.resolve(f.mention.slice(text));
                (Some(name), Attribution::Explicit)
            };
            let rule_choice = self.rule_found == Some(way);
            let said = Said {
                speaker,
                mention: Some(f.mention),
                cue: Some(f.cue),
                attribution,
            };
            if said.speaker.is_none() {
                self.unresolved_pronoun = true;
                if rule_choice {
                    self.nobody_said = said;
                }
                continue;
            }
            self.candidates.push(Raw {
                implausible: !plausible,
                ..Raw::new(Source::Way(way), said, rule_choice)
            });
        }
    }

    /// No cue verb: the subject of a partial quotation's sentence (`X warned of "tensions"`).
    /// (The rules read it for partial quotations only; it is a candidate for all.)
    fn subject(&mut self) {
        let (article, site) = (self.article, self.site);
        let text = article.text;
        let nearby = site.nearby(self.para);
        let subject = article
            .offers_names_around()
            .then(|| clauses::clause_subject(text, site.whole_sentence, nearby, &article.names))
            .flatten();
        let Some((mention, pronoun)) = subject else {
            return;
        };
        self.copula = clauses::is_copula_subject(text, mention, site.whole_sentence);
        let mention = phrases::without_affiliation(text, mention);
        let speaker = if pronoun {
            self.told.last_speaker()
        } else {
            Some(article.names.resolve(mention.slice(text)))
        };
        self.subject_chosen =
            site.kind == QuoteKind::Partial && self.rule_found.is_none() && !self.copula;
        let said = Said {
            speaker,
            mention: Some(mention),
            cue: None,
            attribution: Attribution::Subject,
        };
        self.subject_speaker.clone_from(&said.speaker);
        if said.speaker.is_some() {
            self.candidates
                .push(Raw::new(Source::Subject, said, self.subject_chosen));
        } else if self.subject_chosen {
            self.nobody_said = said;
        }
    }

    /// The speaker of the quotation this one continues: earlier in the paragraph, or in the
    /// paragraph before when this one opens its paragraph.
    fn continued(&mut self) {
        let (told, para, site) = (self.told, self.para, self.site);
        let previous = told.quotes.last().filter(|q| q.speaker.is_some());
        self.same_paragraph = previous.is_some_and(|q| q.paragraph == para.index);
        self.follows_paragraph = previous.is_some_and(|q| q.paragraph + 1 == para.index)
            && self.first_in_paragraph
            && para.opens_with_quote
            && (told.open_from_previous || site.kind == QuoteKind::Direct);
        if let Some(q) = previous.filter(|q| q.paragraph + 1 >= para.index) {
            let rule_choice = self.rule_found.is_none()
                && !self.subject_chosen
                && (self.same_paragraph || self.follows_paragraph);
            let said = Said {
                speaker: q.speaker.clone(),
                mention: None,
                cue: q.cue.clone(),
                attribution: Attribution::Continued,
            };
            self.candidates
                .push(Raw::new(Source::Continued, said, rule_choice));
        }
    }

    /// The speaker before the last one, a few paragraphs back at most (an exchange).
    fn earlier_speaker(&mut self) {
        let last_speaker = self.told.last_speaker();
        let last = last_speaker.as_deref().unwrap_or_default();
        let earlier = self
            .told
            .quotes
            .iter()
            .rev()
            .take(EARLIER_SPEAKER_QUOTES)
            .take_while(|q| q.paragraph + 3 >= self.para.index)
            .find(|q| q.speaker.as_deref().is_some_and(|s| s != last));
        if let Some(q) = earlier {
            let said = Said {
                speaker: q.speaker.clone(),
                mention: None,
                cue: q.cue.clone(),
                attribution: Attribution::Continued,
            };
            self.candidates.push(Raw {
                earlier_speaker: true,
                ..Raw::new(Source::Continued, said, false)
            });
        }
    }

    /// The names around the quotation, and in the sentence before it: where every noun is
    /// capitalised a capital tells no name, so there are none to offer.
    fn names_nearby(&mut self) {
        let (article, para, site) = (self.article, self.para, self.site);
        let text = article.text;
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
                self.candidates.push(Raw {
                    previous_sentence: previous,
                    name_at_start: Some(seen.at_start),
                    ..Raw::new(Source::NameNearby, said, false)
                });
            }
        }
    }

    /// The source the ranker reads in the parse, when no other way offered a mention holding
    /// its head: a noun phrase (`a prominent committee member`), or a pronoun resolved.
    fn parsed_subject(&mut self) {
        let (article, site) = (self.article, self.site);
        let text = article.text;
        let Some((range, head, pronoun)) = self.syntax.as_ref().and_then(QuoteSyntax::best_source)
        else {
            return;
        };
        // A name inside the phrase (`Clinton` of `a Clinton campaign official`) is another
        // speaker than its head.
        let offered = self.candidates.iter().any(|c| {
            c.said
                .mention
                .is_some_and(|m| m.start() <= head.start && head.end <= m.end())
        });
        let Some(mention) = Span::new(text, range).filter(|_| !offered) else {
            return;
        };
        let mention = phrases::without_affiliation(text, mention);
        let (speaker, attribution) = if pronoun {
            let nearby = site.nearby(self.para);
            let speaker = pronouns::antecedent(article, self.told, site, nearby, mention);
            (speaker, Attribution::Pronoun)
        } else {
            (
                Some(article.names.resolve(mention.slice(text))),
                Attribution::Explicit,
            )
        };
        let said = Said {
            speaker,
            mention: Some(mention),
            cue: None,
            attribution,
        };
        if said.speaker.is_some() {
            self.candidates.push(Raw::new(Source::Parsed, said, false));
        }
    }

    /// The candidates with their features, and the features of naming nobody.
    fn described(self) -> SpeakerChoices {
        let speakers: Vec<String> = self
            .candidates
            .iter()
            .filter_map(|c| c.said.speaker.as_deref().map(str::to_lowercase))
            .collect();
        let last_speaker = self.told.last_speaker();
        let count = self.candidates.len();
        let rule_named = self.candidates.iter().any(|c| c.rule_choice);
        let candidates = self
            .candidates
            .iter()
            .map(|raw| self.candidate(raw, &speakers, last_speaker.as_deref()))
            .collect();
        let (site, para) = (self.site, self.para);
        let mut nobody = FeatureRow::nobody();
        nobody.flag("rule_choice", !rule_named);
        nobody.flag("direct", site.kind == QuoteKind::Direct);
        nobody.count("quote_words", site.words);
        nobody.flag("short_quote", site.words <= 3);
        nobody.flag("first_in_paragraph", self.first_in_paragraph);
        nobody.flag("opens_paragraph", para.opens_with_quote && site.index == 0);
        nobody.flag("unresolved_pronoun", self.unresolved_pronoun);
        nobody.count("candidates", count);
        if let Some(syntax) = &self.syntax {
            nobody.flag("syn_parsed", true);
            nobody.flag("syn_governed", syntax.is_governed());
            nobody.flag("syn_governor_has_subject", syntax.governor_has_subject());
            if let Some(score) = syntax.best_source_score() {
                nobody.set("syn_source_top", score.clamp(-50.0, 50.0) / 50.0);
            }
        }
        SpeakerChoices {
            candidates,
            nobody: nobody.into_values(),
            nobody_said: self.nobody_said,
        }
    }

    /// One candidate with its features: how it was found, its mention and cue, and how the
    /// article speaks of the speaker (`speakers`: every candidate's, lower-cased).
    fn candidate(&self, raw: &Raw, speakers: &[String], last_speaker: Option<&str>) -> Candidate {
        let (article, told, site) = (self.article, self.told, self.site);
        let text = article.text;
        let (source, said) = (raw.source, &raw.said);
        let mut row = FeatureRow::candidate(source);
        row.flag("rule_choice", raw.rule_choice);
        row.flag("implausible", raw.implausible);
        row.flag("earlier_speaker", raw.earlier_speaker);
        row.flag("in_previous_sentence", raw.previous_sentence);
        row.flag(
            "subject_of_direct",
            source == Source::Subject && site.kind == QuoteKind::Direct,
        );
        if let Some(at_start) = raw.name_at_start {
            row.flag("at_sentence_start", at_start);
        }
        row.flag("pronoun", said.attribution == Attribution::Pronoun);
        row.flag(
            "same_paragraph",
            self.same_paragraph && source == Source::Continued,
        );
        row.flag(
            "follows_paragraph",
            self.follows_paragraph && source == Source::Continued,
        );
        row.flag(
            "open_from_previous",
            told.open_from_previous && source == Source::Continued,
        );
        row.flag("copula_subject", self.copula && source == Source::Subject);
        describe_mention(&mut row, article, site, said.mention);
        describe_cue_place(&mut row, text, site, said.mention, said.cue.as_deref());
        describe_cue(&mut row, said.cue.as_deref());
        if let Some(syntax) = &self.syntax {
            syntax.describe(&mut row, text, said.mention);
            row.flag(
                "syn_unattributed",
                source == Source::Continued && !syntax.governor_has_subject(),
            );
        }
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
            last_speaker.is_some_and(|l| l.eq_ignore_ascii_case(speaker)),
        );
        row.count("speaker_words", speaker.split_whitespace().count());
        row.count(
            "speaker_quoted_before",
            told.quoted_by.get(&key).copied().unwrap_or(0),
        );
        row.flag(
            "agrees_with_subject",
            source != Source::Subject
                && self
                    .subject_speaker
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
            said: said.clone(),
            rule_choice: raw.rule_choice,
            features: row.into_values(),
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
    let before = tokens::word_before(text, mention.start()).to_lowercase();
    row.flag("after_preposition", PREPOSITIONS.contains(before.as_str()));
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
