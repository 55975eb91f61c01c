//! Quotations and their speakers.
//!
//! Three steps: pair quotation marks in each paragraph (telling single quotes from apostrophes by
//! the characters around them); find each quote's speaker from a cue verb after it (`'Q,' Coale
//! said`), before it in the same sentence (`Coale said: 'Q'`), or from the previous quote it
//! continues; then resolve surnames and pronouns to the fullest name the article uses.

use std::collections::HashMap;

use super::language::Capitals;
use super::normalize::Paragraph;
use super::segment::Sentence;
use super::span::Span;

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
    let names = NameIndex::build(text, paragraphs);
    // Only articles with a `he` or `she` to resolve pay for reading genders.
    let genders = std::cell::OnceCell::new();
    let mut quotes: Vec<Quote> = Vec::new();
    let mut last_speaker: Option<(String, usize)> = None;
    let mut open_from_previous = false;
    let mut first_sentence = 0;
    for (pi, paragraph) in paragraphs.iter().enumerate() {
        // A headline's quotation repeats one from the body.
        if pi == 0 && is_headline(paragraph.span.slice(text)) {
            continue;
        }
        let mut marks = split_interjections(text, pair_marks(text, paragraph.span));
        // A short first line whose quotation the article quotes again is a headline in
        // sentence case (`De Blasio says Chelsea explosion was an 'intentional act.'`).
        if pi == 0 && paragraph.span.slice(text).split_whitespace().count() <= 25 {
            let rest = text.get(paragraph.span.end()..).unwrap_or_default();
            marks.retain(|m| {
                let words = text
                    .get(m.inner_start..m.inner_end)
                    .unwrap_or_default()
                    .trim_matches(|c: char| !c.is_alphanumeric());
                words.is_empty() || !rest.contains(words)
            });
        }
        // Nicknames are part of a name, not quotations, and do not cut the text around them.
        marks.retain(|m| !is_nickname(text, m));
        // Sentences come in paragraph order: this paragraph's are the run from `first_sentence`.
        first_sentence += sentences[first_sentence..].partition_point(|s| s.paragraph < pi);
        let run = sentences[first_sentence..].partition_point(|s| s.paragraph == pi);
        let para_sentences: Vec<Span> = sentences[first_sentence..first_sentence + run]
            .iter()
            .map(|s| s.span)
            .collect();
        let quoted: Vec<(usize, usize)> = marks.iter().map(|m| (m.open, m.close_end)).collect();
        let starts_paragraph_quote = marks.first().is_some_and(|m| {
            text.get(paragraph.span.start()..m.open)
                .is_some_and(|s| s.trim().is_empty())
        });
        let mut first_in_paragraph = true;
        for (mi, mark) in marks.iter().enumerate() {
            let Some(span) =
                Span::new(text, mark.inner_start..mark.inner_end).map(|s| s.trim(text))
            else {
                continue;
            };
            if span.is_empty() {
                continue;
            }
            let open_sentence = containing(&para_sentences, mark.open).unwrap_or(paragraph.span);
            let close_sentence =
                containing(&para_sentences, mark.close_start).unwrap_or(paragraph.span);
            // Marks are in order and do not overlap: the neighbours bound the regions.
            let sentence_start = reach_back(text, open_sentence.start(), mark.open);
            let before_start = mi
                .checked_sub(1)
                .map(|k| quoted[k].1)
                .filter(|&end| end > sentence_start && end <= mark.open)
                .unwrap_or(sentence_start);
            let before = Region {
                start: before_start,
                end: mark.open,
            };
            // `"…” ― Krystal Correa`: a signature after the closing mark is read even when the
            // segmenter made it a sentence of its own.
            let signed = text
                .get(mark.close_end..paragraph.span.end())
                .is_some_and(|rest| rest.trim_start().starts_with(['—', '―', '–']));
            // `"… this in our country?" Clinton said.`: the segmenter ends the sentence at the
            // question mark; the attribution is the next one.
            let asked =
                close_sentence.end() <= mark.close_end && span.slice(text).ends_with(['?', '!']);
            let speech_end = if signed || asked {
                containing(&para_sentences, mark.close_end + 1)
                    .map_or(paragraph.span.end(), |s| s.end().max(close_sentence.end()))
            } else {
                close_sentence.end()
            };
            let after_end = quoted
                .get(mi + 1)
                .map_or(usize::MAX, |&(open, _)| open)
                .min(reach_forward(text, speech_end, mark.close_end));
            let after = Region {
                start: mark.close_end.min(after_end),
                end: after_end,
            };
            let nearby = near(&quoted, sentence_start, after_end);
            // A transcript line: `"WALLACE: If I may, sir ..."` names its speaker itself.
            let label = transcript_label(text, span);
            let span = label.map_or(span, |(_, rest)| rest);
            // The subject of a cue may stand before an earlier quote of the same sentence:
            // `Trump called her "a con" and said she was "duped"`.
            let whole_sentence = Region {
                start: sentence_start,
                end: mark.open,
            };
            let found = label
                .map(|(mention, _)| Found {
                    mention,
                    cue: String::new(),
                    pronoun: false,
                })
                .or_else(|| {
                    if mark.closed {
                        trailing(text, after)
                    } else {
                        None
                    }
                })
                .or_else(|| leading(text, whole_sentence, nearby))
                .or_else(|| according_to_later(text, after))
                .or_else(|| {
                    // `President Obama is rolling out a new campaign message: "It's about me."`:
                    // words announced by a noun of speech are the sentence subject's.
                    let intro = before.slice(text).trim_end().strip_suffix(':')?;
                    let noun = intro.rsplit(char::is_whitespace).next()?.to_lowercase();
                    if !SPEECH_NOUNS.contains(&noun.as_str()) {
                        return None;
                    }
                    let (mention, pronoun) = clause_subject(text, whole_sentence, nearby, &names)?;
                    Some(Found {
                        mention,
                        cue: noun,
                        pronoun,
                    })
                })
                .or_else(|| {
                    // `The administration may wait, Schiff said. "The other factor …"`: a
                    // quotation opening its sentence, after a sentence of reported speech with
                    // no quotation in it, goes on in that speaker's words.
                    let opens_sentence = text
                        .get(sentence_start..mark.open)
                        .is_some_and(|s| s.trim().is_empty());
                    let at = para_sentences.iter().position(|s| *s == open_sentence)?;
                    let previous = *para_sentences.get(at.checked_sub(1)?)?;
                    let unquoted = quoted
                        .iter()
                        .all(|&(open, close)| close <= previous.start() || open >= previous.end());
                    if !(opens_sentence && unquoted) {
                        return None;
                    }
                    let region = Region {
                        start: previous.start(),
                        end: previous.end(),
                    };
                    // A name, not the capitalised first word of any sentence (`Бывшая
                    // супермодель призналась`), unless the article gives it as a last name.
                    leading(text, region, &[]).filter(|f| {
                        let mention = f.mention.slice(text);
                        let first_word = text
                            .get(previous.start()..f.mention.start())
                            .is_some_and(|s| s.trim().is_empty());
                        !f.pronoun
                            && (!first_word
                                || mention.split_whitespace().nth(1).is_some()
                                || names.knows(strip_possessive(mention)))
                    })
                })
                .or_else(|| {
                    // `Caddell continued:` / `The New York Times reports:` as a paragraph of its
                    // own, the quotation in the next one.
                    let previous = paragraphs.get(pi.checked_sub(1)?)?.span;
                    let intro = previous.slice(text).trim_end();
                    let introduces = starts_paragraph_quote
                        && mark.open == marks[0].open
                        && intro.ends_with(':')
                        && intro.split_whitespace().count() <= 30;
                    if !introduces {
                        return None;
                    }
                    let region = Region {
                        start: previous.start(),
                        end: previous.end(),
                    };
                    leading(text, region, &[]).or_else(|| {
                        let (mention, pronoun) = sentence_subject(text, region, &[], &names)?;
                        Some(Found {
                            mention,
                            cue: String::new(),
                            pronoun,
                        })
                    })
                });

            let prefix = before.slice(text).trim();
            // A dash before the words opens dialogue, or resumes it after an interjected
            // attribution.
            let kind = if prefix.is_empty()
                || prefix.ends_with([':', '–', '—'])
                || ends_with_cue_comma(prefix)
            {
                QuoteKind::Direct
            } else {
                QuoteKind::Partial
            };
            // Scripts written without spaces: about two characters a word.
            let quoted_text = span.slice(text);
            let words = quoted_text.split_whitespace().count()
                + quoted_text
                    .chars()
                    .filter(|&c| super::textkit::is_unspaced_script(c))
                    .count()
                    / 2;
            // `the so-called "client list"`: a label, not speech.
            let lower_prefix = prefix.to_lowercase();
            if [
                "so-called",
                "so called",
                "dubbed",
                "nicknamed",
                "titled",
                "entitled",
                "known as",
                "nickname",
                "moniker",
                "hashtag",
            ]
            .iter()
            .any(|m| lower_prefix.ends_with(m))
                || names_by_calling(&lower_prefix)
            {
                continue;
            }
            // `CBS's "Face the Nation"`, `an episode of "The Steve Harvey Morning Show"`: a
            // programme or publication named, whoever is speaking around it.
            let title_like = is_title_case(quoted_text.trim_end_matches(['.', ',']))
                || names_a_title(quoted_text);
            let next_word = text
                .get(mark.close_end..paragraph.span.end())
                .and_then(|rest| rest.split_whitespace().next())
                .unwrap_or_default();
            let names_a_work = title_like
                && (lower_prefix.ends_with("'s")
                    || lower_prefix.ends_with("’s")
                    || [
                        "episode of",
                        "edition of",
                        "issue of",
                        "season of",
                        "broadcast of",
                    ]
                        .iter()
                        .any(|m| lower_prefix.ends_with(m)))
                // `appeared on "Fox and Friends,"`, `told "Fox News Sunday"`, `a broadcast of
                // "Fox News Sunday"`: a programme.
                || names_a_title(quoted_text)
                    && [" on", " in", " to", " at", " from", " told"]
                        .iter()
                        .any(|m| lower_prefix.trim_end().ends_with(m))
                // `his "Keepin' It Real" radio program`, `a "Commander-In-Chief" forum`: a
                // name used as a modifier of the noun after it.
                || (title_like || is_hyphenated_name(quoted_text))
                    && lower_prefix
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| DETERMINERS.contains(&w) || w.ends_with("'s") || w.ends_with("’s"))
                    && !quoted_text.ends_with([',', '.', '?', '!'])
                    && next_word.starts_with(char::is_lowercase)
                    && !matches!(next_word, "which" | "that" | "who" | "and" | "or" | "but");
            // `'Legend in the Coal Fields.'` alone in its paragraph: a section heading.
            let heading = names_a_title(quoted_text)
                && mi == 0
                && starts_paragraph_quote
                && text
                    .get(mark.close_end..paragraph.span.end())
                    .is_some_and(|rest| rest.trim().is_empty());
            if names_a_work || heading {
                continue;
            }
            // A mention that cannot be a speaker (`Tuesday`, `his show and for`) is no finding.
            // A source given after `according to` may be a description of any length.
            let found = found.filter(|f| {
                f.pronoun
                    || plausible_speaker(f.mention.slice(text))
                    || f.cue == "according to"
                        && f.mention.slice(text).starts_with(char::is_lowercase)
            });
            let (speaker, mention, cue, attribution) = match found {
                Some(mut f) => {
                    f.mention = without_affiliation(text, f.mention);
                    let mention_text = f.mention.slice(text);
                    let (speaker, attribution) = if f.pronoun {
                        // The pronoun's antecedent: the named subject of its own sentence when the
                        // pronoun comes after it (`Ban Ki-moon condemned what he called "…"`);
                        // else the subject of a sentence just before, when it is a known
                        // speaker's name; else the last speaker.
                        // `Clinton's campaign … what they call …`: `they` may stand for a
                        // description; `he` and `she` for a name.
                        let plural = mention_text.eq_ignore_ascii_case("they");
                        let own = if plural {
                            clause_subject(text, whole_sentence, nearby, &names)
                        } else {
                            sentence_subject(text, whole_sentence, nearby, &names)
                        }
                        .filter(|(m, pronoun)| !pronoun && m.end() <= f.mention.start())
                        .map(|(m, _)| names.resolve(m.slice(text)));
                        // The first candidate whose gender, as far as the article tells it, fits
                        // the pronoun; none when every candidate is of the other gender.
                        let pronoun = mention_text.to_lowercase();
                        let fits = |name: &String| {
                            plural
                                || genders
                                    .get_or_init(|| Genders::build(text, sentences, &names))
                                    .fits(name, &pronoun)
                        };
                        let speaker = own
                            .filter(fits)
                            .or_else(|| {
                                recent_subject(text, sentences, mark.open, &names).filter(fits)
                            })
                            .or_else(|| last_speaker.as_ref().map(|(s, _)| s.clone()).filter(fits));
                        (speaker, Attribution::Pronoun)
                    } else {
                        (Some(names.resolve(mention_text)), Attribution::Explicit)
                    };
                    (speaker, Some(f.mention), Some(f.cue), attribution)
                }
                None if kind == QuoteKind::Partial
                    && capitals == Capitals::MarkNames
                    && clause_subject(text, whole_sentence, nearby, &names)
                        .is_some_and(|(m, _)| !is_copula_subject(text, m, whole_sentence)) =>
                {
                    let (mention, pronoun) = clause_subject(text, whole_sentence, nearby, &names)
                        .unwrap_or((span, false));
                    let mention = without_affiliation(text, mention);
                    let speaker = if pronoun {
                        last_speaker.as_ref().map(|(s, _)| s.clone())
                    } else {
                        Some(names.resolve(mention.slice(text)))
                    };
                    (speaker, Some(mention), None, Attribution::Subject)
                }
                None => {
                    let previous = quotes.last().filter(|q| q.speaker.is_some());
                    let same_paragraph = previous.is_some_and(|q| q.paragraph == pi);
                    let follows_paragraph = previous.is_some_and(|q| q.paragraph + 1 == pi)
                        && first_in_paragraph
                        && starts_paragraph_quote
                        && (open_from_previous || kind == QuoteKind::Direct);
                    if same_paragraph || follows_paragraph {
                        let q = previous.map(|q| (q.speaker.clone(), q.cue.clone()));
                        let (speaker, cue) = q.unwrap_or((None, None));
                        (speaker, None, cue, Attribution::Continued)
                    } else {
                        (None, None, None, Attribution::None)
                    }
                }
            };
            first_in_paragraph = false;
            // Scare quotes and titles: short, and nobody is reported as saying them. A cue
            // right before the words reports them, even with no speaker in sight (`and calls
            // people "losers"`).
            let reported = {
                let toks = tokens(text, before);
                toks.iter()
                    .rev()
                    .take(3)
                    .any(|t| cue_word(&t.word.to_lowercase()) && !is_capitalised(t.word))
            };
            if attribution == Attribution::None
                && (words <= 4 && !reported || is_title_case(span.slice(text)))
            {
                continue;
            }
            if attribution == Attribution::Continued && kind == QuoteKind::Partial && words <= 4 {
                continue;
            }
            let attribution = if speaker.is_none() {
                Attribution::None
            } else {
                attribution
            };
            if let Some(s) = &speaker {
                last_speaker = Some((s.clone(), pi));
            }
            quotes.push(Quote {
                span,
                speaker,
                mention,
                cue,
                paragraph: pi,
                kind,
                attribution,
            });
        }
        open_from_previous = marks.last().is_some_and(|m| !m.closed);
    }
    quotes
}

/// `what's called "feather duvet lung"`, `is called`, `a poem called "Winter Solstice"`: `called`
/// that gives a thing its name, not a speaker's words (`what he called "a rant"`).
fn names_by_calling(lower_prefix: &str) -> bool {
    let Some(before) = lower_prefix.trim_end().strip_suffix("called") else {
        return false;
    };
    let words: Vec<&str> = before.split_whitespace().rev().take(4).collect();
    let naming = words.first().is_some_and(|w| {
        matches!(
            *w,
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "being"
                | "what's"
                | "what’s"
                | "also"
                | "often"
                | "sometimes"
                | "commonly"
                | "aptly"
                | "so"
        )
    });
    // `a poem called`, `an improvised live show called`: a thing introduced by its name.
    let introduced = words
        .iter()
        .position(|w| matches!(*w, "a" | "an"))
        .is_some_and(|at| {
            at >= 1
                && words[..at]
                    .iter()
                    .all(|w| w.chars().all(char::is_alphabetic))
        });
    naming || introduced
}

/// A headline as the first line of a text payload: short, no full stop inside, its words
/// capitalised (`Bill Clinton Calls Obamacare ‘Crazy System’`).
fn is_headline(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() > 3)
        .collect();
    let capitalised = words.iter().filter(|w| is_capitalised(w)).count();
    !words.is_empty() && words.len() <= 20 && capitalised * 4 >= words.len() * 3
}

/// The first `max` words of `region` outside the quoted spans, and their lower-cased forms.
fn words_outside<'a>(
    text: &'a str,
    region: Region,
    quoted: &[(usize, usize)],
    max: usize,
) -> (Vec<Token<'a>>, Vec<String>) {
    let toks: Vec<Token<'a>> = tokens(text, region)
        .into_iter()
        .filter(|t| !quoted.iter().any(|(o, c)| *o <= t.start && t.end <= *c))
        .take(max)
        .collect();
    let lower = toks.iter().map(|t| t.word.to_lowercase()).collect();
    (toks, lower)
}

/// The subject of a sentence: the first name (titles dropped) or personal pronoun among its first
/// words, quoted words skipped.
fn sentence_subject(
    text: &str,
    sentence: Region,
    quoted: &[(usize, usize)],
    names: &NameIndex,
) -> Option<(Span, bool)> {
    const OPENERS: &[&str] = &[
        "in", "at", "on", "during", "after", "before", "for", "with", "from", "since", "despite",
        "unlike", "like", "amid", "under", "over", "by", "through", "while", "when", "as",
    ];
    let (toks, lower) = words_outside(text, sentence, quoted, 28);
    // `In a White House statement, President Obama condemned …`: the subject follows an
    // opening adverbial phrase.
    let from = lower
        .first()
        .filter(|w| OPENERS.contains(&w.as_str()))
        .and_then(|_| (0..toks.len().min(20)).find(|&j| toks[j].punct == Some(',')))
        .map_or(0, |comma| comma + 1);
    let end = toks.len().min(from + 8);
    for k in from..end {
        if matches!(lower[k].as_str(), "he" | "she") {
            return Some((Span::new(text, toks[k].start..toks[k].end)?, true));
        }
        if is_capitalised(toks[k].word) && !is_not_name(&lower[k]) {
            let (mention, pronoun, used) = subject_forward(text, &toks[k..], &lower[k..])?;
            // A one-word subject may be any noun ("Critics", "Congress", "Harvard"): it counts only
            // when the article uses it as a person's last name elsewhere.
            let lone_opener = used == 1 && !names.knows(strip_possessive(mention.slice(text)));
            // `LOS ANGELES (AP) —`: a dateline, not a subject.
            if mention.slice(text).chars().all(|c| !c.is_lowercase()) {
                return None;
            }
            return (!pronoun && !lone_opener).then_some((mention, false));
        }
    }
    None
}

/// The subject of a sentence: a description right before its verb, else [`sentence_subject`].
fn clause_subject(
    text: &str,
    sentence: Region,
    quoted: &[(usize, usize)],
    names: &NameIndex,
) -> Option<(Span, bool)> {
    let sentence = after_dateline(text, sentence);
    let (toks, lower) = words_outside(text, sentence, quoted, 20);
    description_subject(text, &toks, &lower)
        .map(|m| (m, false))
        .or_else(|| sentence_subject(text, sentence, quoted, names))
}

/// `The choice was between …`, `The less valuable mines would be placed in …`: a subject of
/// `be` (a copula or a passive) is described by the sentence; it says nothing. (`Trump is once
/// again questioning …` is no copula.)
fn is_copula_subject(text: &str, subject: Span, sentence: Region) -> bool {
    let rest = text.get(subject.end()..sentence.end).unwrap_or_default();
    let mut words = rest
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .take(6)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "would"
                    | "will"
                    | "could"
                    | "should"
                    | "may"
                    | "might"
                    | "must"
                    | "has"
                    | "have"
                    | "had"
                    | "not"
                    | "also"
                    | "still"
                    | "now"
                    | "then"
                    | "once"
                    | "again"
                    | "always"
                    | "never"
            )
        });
    words
        .next()
        .is_some_and(|w| matches!(w.as_str(), "is" | "was" | "were" | "are" | "be" | "been"))
        && words.next().is_none_or(|w| !w.ends_with("ing"))
}

/// `FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized`: the sentence after
/// a dateline (capitalised words, numbers and an agency in brackets, then a dash).
fn after_dateline(text: &str, sentence: Region) -> Region {
    let s = sentence.slice(text);
    let Some((dash, width)) = s
        .get(..s.len().min(80))
        .and_then(|head| {
            head.char_indices()
                .find(|(_, c)| matches!(c, '—' | '–' | '―'))
        })
        .map(|(at, c)| (at, c.len_utf8()))
    else {
        return sentence;
    };
    let dateline = s[..dash].split_whitespace().all(|w| {
        w.trim_start_matches('(')
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    });
    if dateline && dash > 0 {
        Region {
            start: sentence.start + dash + width,
            end: sentence.end,
        }
    } else {
        sentence
    }
}

/// `WALLACE: If I may ...` → the label's span and the quote's span after it.
fn transcript_label(text: &str, span: Span) -> Option<(Span, Span)> {
    let s = span.slice(text);
    let colon = s.get(..48.min(s.len())).and_then(|head| head.find(": "))?;
    let label = &s[..colon];
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let upper = label
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    if letters < 2 || !upper || label.split_whitespace().count() > 4 {
        return None;
    }
    let rest_start = span.start() + colon + 1;
    let mention = Span::new(text, span.start()..span.start() + colon)?;
    let rest = Span::new(text, rest_start..span.end())?.trim(text);
    (!rest.is_empty()).then_some((mention, rest))
}

/// Whether a mention can name who spoke: not a day or month, not ending on a connective (`… and`,
/// `… filed by`), and a lower-case description (`the former secretary of state`) of a few words
/// only.
fn plausible_speaker(mention: &str) -> bool {
    const CONNECTIVES: &[&str] = &[
        "by", "and", "for", "but", "who", "that", "which", "of", "to", "in", "on", "at", "with",
        "as", "or", "the", "a", "an", "mr", "ms", "mrs",
    ];
    let words: Vec<String> = mention
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let Some(last) = words.last() else {
        return false;
    };
    let first = words[0].as_str();
    let described = mention.starts_with(char::is_lowercase);
    // `CONGRESS HAS INVESTIGATED HIM`: a shouted heading; one shouted word may be a transcript's
    // speaker (`WALLACE`).
    let shouted = words.len() > 1 && !mention.chars().any(char::is_lowercase);
    !(words.len() == 1 && is_not_name(last)
        || shouted
        || CONNECTIVES.contains(&last.as_str())
        || ["and", "but", "unlike", "or"].contains(&first)
        || described && words.len() == 1 && !PRONOUNS.contains(&first)
        || described && words.len() > 10)
}

/// The subject of one of the two sentences before `at`, resolved to a full name, when the article
/// has that name as a speaker or a full name elsewhere.
fn recent_subject(
    text: &str,
    sentences: &[Sentence],
    at: usize,
    names: &NameIndex,
) -> Option<String> {
    let current = sentences.partition_point(|s| s.span.end() <= at);
    sentences[current.saturating_sub(2)..current]
        .iter()
        .rev()
        .find_map(|s| {
            let region = Region {
                start: s.span.start(),
                end: s.span.end(),
            };
            let (mention, pronoun) = sentence_subject(text, region, &[], names)?;
            let name = mention.slice(text);
            // A full name is a name; one word must be a known person's last name.
            let known =
                name.split_whitespace().nth(1).is_some() || names.knows(strip_possessive(name));
            (!pronoun && known).then(|| names.resolve(name))
        })
}

/// What the article tells of each named person's gender: the pronoun that follows them as the
/// subject of a sentence (`Clinton said she would …`), and an honorific before their last name
/// (`Mr. Tribe`). Counted as evidence for `he` and for `she`.
#[derive(Debug, Default)]
struct Genders {
    by_name: HashMap<String, (u32, u32)>,
}

impl Genders {
    fn build(text: &str, sentences: &[Sentence], names: &NameIndex) -> Self {
        let mut by_name: HashMap<String, (u32, u32)> = HashMap::new();
        for sentence in sentences {
            let region = Region {
                start: sentence.span.start(),
                end: sentence.span.end(),
            };
            // Most sentences have neither an honorific nor a pronoun after their subject.
            let words = region.slice(text);
            let honorific = words.contains("Mr") || words.contains("Ms") || words.contains("Miss");
            let pronoun = words.contains(" he ") || words.contains(" she ");
            if !honorific && !pronoun {
                continue;
            }
            let toks = tokens(text, region);
            // `Mr. Tribe`, `Ms. Clinton`: an honorific names the gender outright.
            for pair in toks.windows(2) {
                let honorific = match pair[0].word.to_lowercase().as_str() {
                    "mr" => Some((3, 0)),
                    "mrs" | "ms" | "miss" => Some((0, 3)),
                    _ => None,
                };
                if let Some((he, she)) = honorific.filter(|_| is_capitalised(pair[1].word)) {
                    let entry = by_name
                        .entry(names.resolve(strip_possessive(pair[1].word)))
                        .or_default();
                    entry.0 += he;
                    entry.1 += she;
                }
            }
            // `Clinton said she would …`: the pronoun after the subject, before any quotation.
            if !pronoun {
                continue;
            }
            let Some((mention, false)) = sentence_subject(text, region, &[], names) else {
                continue;
            };
            let until = text
                .get(mention.end()..region.end)
                .and_then(|rest| rest.find(['"', '“', '”', '«', '‘']))
                .map_or(region.end, |at| mention.end() + at);
            let counted = toks
                .iter()
                .filter(|t| t.start >= mention.end() && t.end <= until)
                .find_map(|t| match t.word.to_lowercase().as_str() {
                    // Subject pronouns only: `McCaskill scolded him` is about someone else.
                    "he" => Some((1, 0)),
                    "she" => Some((0, 1)),
                    _ => None,
                });
            if let Some((he, she)) = counted {
                let entry = by_name
                    .entry(names.resolve(mention.slice(text)))
                    .or_default();
                entry.0 += he;
                entry.1 += she;
            }
        }
        Self { by_name }
    }

    /// Whether `pronoun` (`he`, `she`) may stand for `name`: yes unless the article's evidence
    /// is at least two to one for the other gender.
    fn fits(&self, name: &str, pronoun: &str) -> bool {
        let Some(&(he, she)) = self.by_name.get(name) else {
            return true;
        };
        match pronoun {
            "he" => !(she > 0 && she >= 2 * he),
            "she" => !(he > 0 && he >= 2 * she),
            _ => true,
        }
    }
}

/// `G.K. Butterfield (D-N.C.)` → `G.K. Butterfield`: a party or state in brackets is not part of
/// the name.
fn without_affiliation(text: &str, mention: Span) -> Span {
    let m = mention.slice(text);
    match m.find(" (") {
        Some(at) if at > 0 => {
            Span::new(text, mention.start()..mention.start() + at).unwrap_or(mention)
        }
        _ => mention,
    }
}

fn containing(sentences: &[Span], at: usize) -> Option<Span> {
    let k = sentences.partition_point(|s| s.end().max(s.start() + 1) <= at);
    sentences.get(k).copied().filter(|s| s.start() <= at)
}

/// Speakers and cues are looked for within this many bytes of a quote's marks, so that a
/// paragraph of thousands of quote marks costs linear time, not quadratic.
const REACH: usize = 600;

/// `start`, or the first word boundary within [`REACH`] bytes before `at` when `start` is farther.
fn reach_back(text: &str, start: usize, at: usize) -> usize {
    if at.saturating_sub(start) <= REACH {
        return start;
    }
    let mut from = at - REACH;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at]
        .find(char::is_whitespace)
        .map_or(at, |w| from + w)
}

/// `end`, or the last word boundary within [`REACH`] bytes after `at` when `end` is farther.
fn reach_forward(text: &str, end: usize, at: usize) -> usize {
    if end.saturating_sub(at) <= REACH {
        return end;
    }
    let mut to = at + REACH;
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text[at..to]
        .rfind(char::is_whitespace)
        .map_or(at, |w| at + w)
}

/// The quoted stretches that overlap `start..end` (they are in order and do not overlap).
fn near(quoted: &[(usize, usize)], start: usize, end: usize) -> &[(usize, usize)] {
    let first = quoted.partition_point(|&(_, close)| close <= start);
    let last = quoted.partition_point(|&(open, _)| open < end);
    &quoted[first..last.max(first)]
}

fn ends_with_cue_comma(prefix: &str) -> bool {
    let Some(rest) = prefix.strip_suffix(',') else {
        return false;
    };
    rest.split_whitespace()
        .last()
        .is_some_and(|w| cue_word(&w.to_lowercase()))
}

/// A short name in title case, small words aside: `Morning Joe`, `Fox and Friends.`.
fn names_a_title(s: &str) -> bool {
    const SMALL: &[&str] = &[
        "and", "of", "the", "a", "an", "in", "on", "to", "for", "with",
    ];
    let words: Vec<&str> = s
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    (2..=6).contains(&words.len())
        && words.iter().enumerate().all(|(i, w)| {
            w.chars().next().is_some_and(char::is_uppercase) || i > 0 && SMALL.contains(w)
        })
}

/// One word of capitalised parts joined by hyphens: `Commander-In-Chief`.
fn is_hyphenated_name(s: &str) -> bool {
    let word = s.trim_end_matches(['.', ',']);
    !word.contains(char::is_whitespace)
        && word.split('-').count() >= 2
        && word
            .split('-')
            .all(|part| part.chars().next().is_some_and(char::is_uppercase))
}

fn is_title_case(s: &str) -> bool {
    let words: Vec<&str> = s
        .split_whitespace()
        .filter(|w| w.chars().count() > 3)
        .collect();
    words.len() >= 2
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !s.trim_end().ends_with(['.', ',', '?', '!'])
}

// === quotation marks ===

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    /// 「」 and 『』.
    Corner,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// A paired quotation: byte positions of the marks and of the words between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marked {
    open: usize,
    inner_start: usize,
    inner_end: usize,
    close_start: usize,
    close_end: usize,
    closed: bool,
}

/// `Marcia "Cia" Price`, `Dwayne "The Rock" Johnson`: a capitalised word or three in marks
/// between a first and a last name.
fn is_nickname(text: &str, mark: &Marked) -> bool {
    let inner = text
        .get(mark.inner_start..mark.inner_end)
        .unwrap_or_default();
    let before = text
        .get(..mark.open)
        .and_then(|b| b.split_whitespace().next_back())
        .unwrap_or_default();
    let after = text
        .get(mark.close_end..)
        .and_then(|a| a.split_whitespace().next())
        .unwrap_or_default();
    mark.closed
        && !inner.ends_with([',', '.', '?', '!'])
        && (1..=3).contains(&inner.split_whitespace().count())
        && inner.split_whitespace().all(is_capitalised)
        && is_capitalised(before)
        && !is_not_name(&before.to_lowercase())
        && after.chars().next().is_some_and(char::is_uppercase)
        && after.chars().all(char::is_alphabetic)
}

/// `«Это не для слабонервных, – пожаловалась Поризкова. – Я постоянно борюсь с собой»`: Russian
/// (and Spanish, Portuguese) writers put the attribution inside the marks between dashes. The
/// quotation is split around it, so the attribution is read after the first part and the second
/// part continues it.
fn split_interjections(text: &str, marks: Vec<Marked>) -> Vec<Marked> {
    let mut out = Vec::with_capacity(marks.len());
    for mark in marks {
        let inner = text
            .get(mark.inner_start..mark.inner_end)
            .unwrap_or_default();
        let opening = [", – ", ", — ", "! – ", "! — ", "? – ", "? — "]
            .iter()
            .filter_map(|d| inner.find(d).map(|at| (at, d.len())))
            .min();
        let split = opening.and_then(|(at, len)| {
            let after = &inner[at + len..];
            let cue = after.split_whitespace().next()?;
            if !cue_word(&cue.to_lowercase()) {
                return None;
            }
            // The attribution ends at the next spaced dash, within a sentence's reach.
            let closing = [" – ", " — "]
                .iter()
                .filter_map(|d| after.find(d).map(|at| (at, d.len())))
                .min()
                .filter(|(at, _)| *at <= 120)?;
            let resume = mark.inner_start + at + len + closing.0 + closing.1;
            // The comma belongs to the attribution; a question or exclamation mark to the words.
            let first_end = mark.inner_start + at + usize::from(!inner[at..].starts_with(','));
            Some((first_end, resume))
        });
        match split {
            Some((first_end, resume)) => {
                out.push(Marked {
                    inner_end: first_end,
                    close_start: first_end,
                    close_end: first_end,
                    closed: true,
                    ..mark
                });
                out.push(Marked {
                    open: resume,
                    inner_start: resume,
                    ..mark
                });
            }
            None => out.push(mark),
        }
    }
    out
}

fn classify(prev: Option<char>, c: char, next: Option<char>) -> Option<(Family, Role)> {
    let space_or_start =
        |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || "([{—–-/:;".contains(x));
    let space_or_end =
        |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || ".,;:!?)]}—–-/…".contains(x));
    let letter = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
    match c {
        '"' => Some((
            Family::Double,
            match (space_or_start(prev), space_or_end(next)) {
                (true, false) => Role::Open,
                (false, true) => Role::Close,
                _ => Role::Either,
            },
        )),
        // `“` opens in English and closes a German `„…“`: a mark glued to the word before it and
        // followed by a space or punctuation closes.
        '“' => Some((
            Family::Double,
            if !space_or_start(prev) && space_or_end(next) {
                Role::Close
            } else {
                Role::Open
            },
        )),
        '„' => Some((Family::Double, Role::Open)),
        // `”` opens where Swedish and Finnish use it for both marks, and in sloppy copy:
        // after a space or at the start, before a letter; nothing closes at a paragraph's start
        // (`” … what I learned`).
        '”' => Some((
            Family::Double,
            if prev.is_none() || space_or_start(prev) && letter(next) {
                Role::Open
            } else {
                Role::Close
            },
        )),
        // French `« … »` (with or without inner spaces), German `»…«`, and the single ‹ ›.
        '«' | '‹' => Some((
            Family::Guillemet,
            if letter(prev) || !space_or_start(prev) && space_or_end(next) {
                Role::Close
            } else {
                Role::Open
            },
        )),
        '»' | '›' => Some((
            Family::Guillemet,
            if space_or_start(prev) && letter(next) {
                Role::Open
            } else {
                Role::Close
            },
        )),
        '「' | '『' => Some((Family::Corner, Role::Open)),
        '」' | '』' => Some((Family::Corner, Role::Close)),
        '‚' => Some((Family::Single, Role::Open)),
        '\'' | '’' | '‘' => {
            if letter(prev) && letter(next) {
                return None; // Ukraine's, shouldn't
            }
            // `‚…‘` (German): a `‘` glued to the word before it closes.
            if c == '‘' && letter(prev) && space_or_end(next) {
                return Some((Family::Single, Role::Close));
            }
            if c == '‘' || space_or_start(prev) && letter(next) {
                return Some((Family::Single, Role::Open));
            }
            if !prev.is_some_and(char::is_whitespace) && space_or_end(next) {
                return Some((Family::Single, Role::Close));
            }
            None
        }
        _ => None,
    }
}

/// Pairs the quotation marks of one paragraph, outermost quotes only. A quote still open at the
/// paragraph's end runs to it (the convention for quotes continued in the next paragraph).
fn pair_marks(text: &str, paragraph: Span) -> Vec<Marked> {
    let p = paragraph.slice(text);
    let base = paragraph.start();
    if let Some(line) = dialogue_line(p, base) {
        return vec![line];
    }
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut events: Vec<(usize, usize, Family, Role)> = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(|j| chars.get(j)).map(|&(_, c)| c);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        if let Some((family, role)) = classify(prev, c, next) {
            // '90s, 'em: an apostrophe standing for left-out letters.
            if family == Family::Single && role == Role::Open && is_elision(&p[at + c.len_utf8()..])
            {
                continue;
            }
            events.push((base + at, c.len_utf8(), family, role));
        }
    }
    // The last single mark that can close: a plural possessive is skipped when one comes later.
    let last_single_close = events
        .iter()
        .rposition(|e| e.2 == Family::Single && e.3 != Role::Open);
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, Family)> = None;
    let mut nested = 0usize;
    for (idx, &(at, len, family, role)) in events.iter().enumerate() {
        match open {
            None => {
                if matches!(role, Role::Open | Role::Either) {
                    open = Some((at, len, family));
                }
            }
            Some((o_at, o_len, o_family)) => {
                // `“... what he calls “hell” than ...”`: curly marks nest, so an inner pair does
                // not close the outer quote.
                if family == o_family && role == Role::Open {
                    nested += 1;
                    continue;
                }
                if family != o_family {
                    continue;
                }
                if nested > 0 && role == Role::Close {
                    nested -= 1;
                    continue;
                }
                // "the Europeans' role": a plural possessive, when a later closing mark exists.
                if family == Family::Single
                    && possessive_plural(text, at)
                    && last_single_close.is_some_and(|last| last > idx)
                {
                    continue;
                }
                out.push(Marked {
                    open: o_at,
                    inner_start: o_at + o_len,
                    inner_end: at,
                    close_start: at,
                    close_end: at + len,
                    closed: true,
                });
                open = None;
            }
        }
    }
    if let Some((o_at, o_len, _)) = open {
        let end = paragraph.end();
        let words = text
            .get(o_at + o_len..end)
            .map_or(0, |s| s.split_whitespace().count());
        if words >= 3 {
            out.push(Marked {
                open: o_at,
                inner_start: o_at + o_len,
                inner_end: end,
                close_start: end,
                close_end: end,
                closed: false,
            });
        }
    }
    out
}

/// Spanish and Russian dialogue: a paragraph opening with a dash is speech up to a dash set off by
/// spaces, after which the narrator names the speaker (`— Vamos — dijo Ana.`).
fn dialogue_line(p: &str, base: usize) -> Option<Marked> {
    let dash = ['—', '–'].into_iter().find(|&d| p.starts_with(d))?;
    let inner_start = dash.len_utf8();
    let rest = &p[inner_start..];
    if !rest.starts_with(' ') || !rest.trim_start().starts_with(char::is_alphabetic) {
        return None;
    }
    let (at, len) = [" — ", " – ", ", — ", ", – "]
        .iter()
        .filter_map(|d| rest.find(d).map(|at| (at, d.len())))
        .min()?;
    // Only when the narrator's words after the dash open with a speech verb: a paragraph that
    // merely starts with a dash (a list, an English aside) is not speech.
    let narrator = rest[at + len..].split_whitespace().next()?.to_lowercase();
    cue_word(narrator.trim_end_matches([',', '.'])).then_some(Marked {
        open: base,
        inner_start: base + inner_start,
        inner_end: base + inner_start + at,
        close_start: base + inner_start + at,
        close_end: base + inner_start + at + len,
        closed: true,
    })
}

fn is_elision(after: &str) -> bool {
    let lower: String = after.chars().take(4).flat_map(char::to_lowercase).collect();
    let digits = after.chars().take_while(char::is_ascii_digit).count();
    digits == 2 && after[2..].starts_with('s')
        || ["em ", "til ", "n ", "cause "]
            .iter()
            .any(|e| lower.starts_with(e))
}

fn possessive_plural(text: &str, at: usize) -> bool {
    let before = text.get(..at).and_then(|s| s.chars().last());
    let after = text.get(at + 1..).unwrap_or_default();
    before == Some('s')
        && after.starts_with(' ')
        && after[1..].starts_with(|c: char| c.is_lowercase())
}

// === speakers ===

/// A byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Region {
    start: usize,
    end: usize,
}

impl Region {
    fn slice(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or_default()
    }
}

/// A speaker found next to a quote.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Found {
    mention: Span,
    cue: String,
    pronoun: bool,
}

/// A word of a region with its byte range in the text.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    word: &'a str,
    start: usize,
    end: usize,
    /// Punctuation right after the word (`,`, `:`, `.`), if any.
    punct: Option<char>,
}

fn tokens<'a>(text: &'a str, region: Region) -> Vec<Token<'a>> {
    let s = region.slice(text);
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let push = |out: &mut Vec<Token<'a>>, from: usize, to: usize| {
        let raw = &s[from..to];
        let Some(core_start) = raw.find(char::is_alphanumeric) else {
            return;
        };
        let Some((last_at, last)) = raw.char_indices().rev().find(|(_, c)| c.is_alphanumeric())
        else {
            return;
        };
        let core_end = last_at + last.len_utf8();
        // `R-Ky.,` ends an appositive: the comma is what matters there.
        let after = &raw[core_end..];
        let punct = if after.contains(',') {
            Some(',')
        } else {
            after
                .chars()
                .find(|c| matches!(c, ':' | '.' | ';' | '!' | '?' | '(' | ')' | '—'))
        };
        let start = region.start + from + core_start;
        let end = region.start + from + core_end;
        out.push(Token {
            word: &text[start..end],
            start,
            end,
            punct,
        });
    };
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(ws) = word_start.take() {
                push(&mut out, ws, i);
            }
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(ws) = word_start {
        push(&mut out, ws, s.len());
    }
    out
}

/// Nouns that announce the words after a colon: `a new campaign message: "…"`.
const SPEECH_NOUNS: &[&str] = &[
    "message",
    "statement",
    "words",
    "slogan",
    "question",
    "reply",
    "response",
    "answer",
    "warning",
    "tweet",
    "post",
    "motto",
    "plea",
    "remarks",
    "comment",
    "explanation",
    "promise",
    "vow",
    "advice",
    "verdict",
    "headline",
];

const CUES: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "adding",
    "asked",
    "asks",
    "wrote",
    "writes",
    "warned",
    "warns",
    "warning",
    "stated",
    "states",
    "explained",
    "explains",
    "noted",
    "notes",
    "noting",
    "argued",
    "argues",
    "arguing",
    "insisted",
    "insists",
    "insisting",
    "claimed",
    "claims",
    "declared",
    "declares",
    "announced",
    "replied",
    "replies",
    "responded",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "acknowledged",
    "admitted",
    "remarked",
    "suggested",
    "suggests",
    "stressed",
    "emphasized",
    "emphasised",
    "tweeted",
    "posted",
    "commented",
    "conceded",
    "countered",
    "cautioned",
    "predicted",
    "vowed",
    "promised",
    "complained",
    "observed",
    "maintained",
    "contended",
    "concluded",
    "shouted",
    "joked",
    "quipped",
    "urged",
    "agreed",
    "recounted",
    "testified",
    "pleaded",
    "boasted",
    "lamented",
    "scoffed",
    "demanded",
    "mused",
    "confirmed",
    "telling",
    "saying",
    "explaining",
    "writing",
    "declaring",
    "called",
    "calls",
    "call",
    "ruled",
    "reads",
    "read",
    "sings",
    "sang",
    "chanted",
    "chant",
    "recalled",
    "calling",
    "described",
    "describes",
    "describing",
    "promising",
    "vowing",
    "urging",
    "asserted",
    "asserts",
    "charged",
    "reported",
    "chanting",
    "branded",
    "blasted",
    "thundered",
    "yelled",
    "whispered",
    "sighed",
    "cited",
    "cites",
    "citing",
    "referenced",
];

fn cue_word(lower: &str) -> bool {
    CUES.contains(&lower) || FOREIGN_CUES.contains(&lower)
}

/// Speech verbs of German, French, Spanish, Portuguese, Italian and Russian, in the forms news
/// reports use (past and present, third person).
const FOREIGN_CUES: &[&str] = &[
    // de
    "sagte",
    "sagt",
    "sagten",
    "erklärte",
    "erklärt",
    "betonte",
    "betont",
    "fügte",
    "meinte",
    "meint",
    "schrieb",
    "schreibt",
    "warnte",
    "warnt",
    "kritisierte",
    "forderte",
    "fordert",
    "sagte:",
    "erläuterte",
    "versicherte",
    "räumte",
    "zufolge",
    // fr
    "déclaré",
    "déclare",
    "dit",
    "affirmé",
    "affirme",
    "expliqué",
    "explique",
    "ajouté",
    "ajoute",
    "estimé",
    "estime",
    "souligné",
    "souligne",
    "précisé",
    "précise",
    "assuré",
    "assure",
    "indiqué",
    "indique",
    "lancé",
    "confié",
    "selon",
    // es
    "dijo",
    "dice",
    "afirmó",
    "afirma",
    "declaró",
    "declara",
    "explicó",
    "explica",
    "aseguró",
    "asegura",
    "señaló",
    "señala",
    "añadió",
    "añade",
    "indicó",
    "indica",
    "agregó",
    "sostuvo",
    "según",
    "manifestó",
    "advirtió",
    // pt
    "disse",
    "diz",
    "afirmou",
    "declarou",
    "explicou",
    "acrescentou",
    "segundo",
    "ressaltou",
    "destacou",
    "garantiu",
    // it
    "detto",
    "dichiarato",
    "spiegato",
    "aggiunto",
    "affermato",
    "sottolineato",
    "secondo",
    "dichiara",
    "spiega",
    "aggiunge",
    "afferma",
    // ru
    "сказал",
    "сказала",
    "сказали",
    "заявил",
    "заявила",
    "заявили",
    "отметил",
    "отметила",
    "добавил",
    "добавила",
    "пояснил",
    "пояснила",
    "говорит",
    "сообщил",
    "сообщила",
    "подчеркнул",
    "подчеркнула",
    "словам",
    "спросила",
    "спросил",
    "рассказал",
    "рассказала",
    "признался",
    "призналась",
    "пожаловался",
    "пожаловалась",
    "уточнил",
    "уточнила",
    "объяснил",
    "объяснила",
    "написал",
    "написала",
    "заметил",
    "заметила",
    "ответил",
    "ответила",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we"];

/// Words that are capitalised but are not names.
const NOT_NAMES: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "the",
    "a",
    "an",
    "but",
    "and",
    "or",
    "so",
    "if",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "earlier",
    "later",
    "asked",
    "speaking",
    "still",
    "yet",
    "then",
    "now",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "meanwhile",
    "however",
    "also",
    "last",
    "next",
    "on",
    "for",
    "with",
    "without",
    "by",
    "from",
    "to",
    "of",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "what",
    "why",
    "how",
    "where",
    "who",
    "though",
    "although",
    "another",
    "following",
    "because",
    "since",
    "despite",
    "during",
    "many",
    "most",
    "some",
    "several",
    "both",
    "each",
    "every",
    "all",
    "any",
    "such",
    "other",
    "others",
    "critics",
    "officials",
    "supporters",
    "experts",
    "analysts",
    "people",
    "there's",
    "it's",
    "that's",
    "we're",
    "they're",
    "i'm",
    "instead",
    "even",
    "only",
    "just",
    "not",
    "perhaps",
    "indeed",
    "yes",
    "no",
    "well",
    "so-called",
    // Prepositions, modals and month abbreviations open sentences and runs of capitals.
    "like",
    "unlike",
    "over",
    "under",
    "across",
    "around",
    "against",
    "between",
    "among",
    "amid",
    "within",
    "throughout",
    "upon",
    "would",
    "could",
    "should",
    "maybe",
    // Prepositions of other languages that open a sentence with a capital (`Par la …`,
    // `W Polsce`, `Mit den Worten`).
    "par",
    "pour",
    "avec",
    "sans",
    "sur",
    "dans",
    "selon",
    "w",
    "z",
    "im",
    "mit",
    "bei",
    "laut",
    "auf",
    "nach",
    "für",
    "con",
    "para",
    "por",
    "según",
    "em",
    "com",
    "feb",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Titles and roles that stand before a name and are not part of it.
const TITLES: &[&str] = &[
    "president",
    "vice",
    "secretary",
    "minister",
    "prime",
    "general",
    "gen",
    "gen.",
    "sen",
    "sen.",
    "senator",
    "rep",
    "rep.",
    "representative",
    "gov",
    "gov.",
    "governor",
    "mayor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "judge",
    "justice",
    "chancellor",
    "chief",
    "director",
    "deputy",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "commissioner",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sheikh",
    "lt",
    "lt.",
    "col",
    "col.",
    "capt",
    "sgt",
    "adm",
    "del",
    "del.",
    "retired",
    "senate",
    "majority",
    "minority",
    "capt.",
    "sgt.",
    "adm.",
    "colonel",
    "captain",
    "sergeant",
    "admiral",
    "defense",
    "defence",
    "foreign",
    "interior",
    "state",
    "attorney",
    "former",
    "acting",
    "leader",
    "speaker",
    "house",
    "us",
    "u.s.",
    "uk",
    "eu",
    "un",
    "nato",
    "white",
    "press",
    "lord",
    "lady",
    "sir",
    "dame",
    "rev.",
    "reverend",
    "father",
    "sister",
    "brother",
    "officer",
    "detective",
    "coach",
    "candidate",
    "democratic",
    "republican",
    "sen.",
    "rep.",
    "gop",
    // The same offices in the other languages whose speech verbs we know.
    "presidente",
    "président",
    "présidente",
    "präsident",
    "präsidentin",
    "ministro",
    "ministra",
    "ministre",
    "ministerin",
    "canciller",
    "kanzler",
    "kanzlerin",
    "senador",
    "senadora",
    "sénateur",
    "diputado",
    "diputada",
    "député",
    "alcalde",
    "alcaldesa",
    "maire",
    "bürgermeister",
    "bürgermeisterin",
    "portavoz",
    "sprecher",
    "sprecherin",
    "secretario",
    "secretaria",
    "secrétaire",
    "gobernador",
    "gobernadora",
    "gouverneur",
    "konzernchef",
    "vorsitzende",
    "vorsitzender",
    "geschäftsführer",
    "geschäftsführerin",
    "sindaco",
    "presidentessa",
];

/// Words after a cue that are not the speaker: `said on Thursday`, `said in a statement`.
const ADVERBIALS: &[&str] = &[
    "often",
    "frequently",
    "also",
    "later",
    "earlier",
    "then",
    "previously",
    "recently",
    "again",
    "has",
    "have",
    "had",
    "would",
    "will",
    "once",
    "reportedly",
    "publicly",
    "privately",
    "flatly",
    "simply",
    "has",
    "repeatedly",
    "bluntly",
    "told",
    "on",
    "in",
    "during",
    "at",
    "this",
    "last",
    "week",
];

/// `'Q,' said John Coale` / `'Q,' Trump said` / `'Q,' X, the ..., told reporters` / `'Q,' he said`.
/// A word between a speaker and the cue: `also`, `later`, `forcefully`, `repeatedly`.
fn is_adverbial(lower: &str) -> bool {
    // Nouns that end like adverbs: `Scott's family has called`.
    const NOUNS_IN_LY: &[&str] = &[
        "family", "assembly", "rally", "ally", "supply", "reply", "anomaly", "monopoly", "bully",
        "belly",
    ];
    ADVERBIALS.contains(&lower)
        || lower.len() > 4 && lower.ends_with("ly") && !NOUNS_IN_LY.contains(&lower)
}

fn trailing(text: &str, after: Region) -> Option<Found> {
    let toks = tokens(text, after);
    let lower: Vec<String> = toks.iter().map(|t| t.word.to_lowercase()).collect();
    let first = toks.first()?;
    // `"Q" ― Pamela Padilla`: a dash and a name sign the quote.
    let signed = after.slice(text).trim_start().starts_with(['—', '―', '–']);
    if signed && is_capitalised(first.word) {
        let (mention, pronoun, _) = subject_forward(text, &toks, &lower)?;
        return (!pronoun).then(|| Found {
            mention,
            cue: String::new(),
            pronoun,
        });
    }
    // `a déclaré X`, `ha detto X`, `hat gesagt X`: an auxiliary before the cue.
    let auxiliary = ["a", "ha", "hat", "has", "avait", "había", "aveva"]
        .contains(&lower[0].as_str())
        && lower.get(1).is_some_and(|w| cue_word(w));
    let (toks, lower) = if auxiliary {
        (&toks[1..], &lower[1..])
    } else {
        (&toks[..], &lower[..])
    };
    if cue_word(&lower[0]) {
        // said John Coale / said the official / according to
        let rest = &toks[1..];
        if lower.get(1).is_some_and(|w| w == "it") {
            return None;
        }
        if let Some((mention, pronoun)) = subject_after(text, rest, &lower[1..]) {
            return Some(Found {
                mention,
                cue: cue_phrase(toks, lower, 0),
                pronoun,
            });
        }
        return None;
    }
    // `according to X`, `, per the party's bylaws`: the source the words are taken from.
    let source = if lower[0] == "according" && lower.get(1).is_some_and(|w| w == "to") {
        Some((2, "according to"))
    } else {
        (lower[0] == "per").then_some((1, "per"))
    };
    if let Some((skip, cue)) = source {
        let (mention, pronoun) = source_after(text, &toks[skip..], &lower[skip..])?;
        return Some(Found {
            mention,
            cue: cue.into(),
            pronoun,
        });
    }
    if lower[0] == "as" {
        return as_put_it(text, toks, lower, 0);
    }
    // `panel Chairman Rep. Jason Chaffetz (R-Utah) said`: no subject at the start, a cue later.
    let Some((mention, pronoun, used)) = subject_forward(text, toks, lower) else {
        return descriptor_then_cue(text, toks, lower);
    };
    // The cue right after the subject, or after an appositive of one or more comma-separated
    // parts: `Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said`.
    let cue_after = |k: usize| {
        let mut k = k;
        while lower
            .get(k)
            .is_some_and(|w| is_adverbial(w) && !cue_word(w))
        {
            k += 1;
        }
        lower.get(k).is_some_and(|w| cue_word(w)).then_some(k)
    };
    let cue_at = if toks.get(used - 1).is_some_and(|t| t.punct == Some(',')) {
        (used..toks.len().min(used + 30))
            .take_while(|&j| {
                !matches!(toks[j].punct, Some('.' | '!' | '?' | ';')) || is_initial(toks[j])
            })
            .filter(|&j| toks[j].punct == Some(','))
            .find_map(|j| cue_after(j + 1))
    } else {
        cue_after(used)
    };
    if let Some(k) = cue_at {
        // `"our own struggling citizens," Melanie said yes`: she said `yes`, not the quote.
        if lower
            .get(k + 1)
            .is_some_and(|w| matches!(w.as_str(), "yes" | "no"))
        {
            return None;
        }
        return Some(Found {
            mention,
            cue: cue_phrase(toks, lower, k),
            pronoun,
        });
    }
    descriptor_then_cue(text, toks, lower)
}

/// `'Q,' IMF chief economist Maury Obstfeld said`: the first cue within a dozen words of the
/// quote, its subject the name just before it.
fn descriptor_then_cue(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Found> {
    // `"That makes me smart," when Clinton blasted him`: a clause of its own, not an attribution.
    if lower.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "when"
                | "while"
                | "because"
                | "after"
                | "before"
                | "if"
                | "since"
                | "until"
                | "although"
        )
    }) {
        return None;
    }
    let cue_at = (1..toks.len().min(12))
        .take_while(|&k| {
            !matches!(toks[k - 1].punct, Some('.' | '!' | '?' | ';'))
                || is_initial(toks[k - 1])
                || is_title(&lower[k - 1])
        })
        .find(|&k| cue_word(&lower[k]) && !is_capitalised(toks[k].word))?;
    let cue = cue_phrase(toks, lower, cue_at);
    if let Some((mention, pronoun)) = name_ending_at(text, toks, lower, cue_at) {
        return Some(Found {
            mention,
            cue,
            pronoun,
        });
    }
    // `'Q,' my father often said`, `'Q,' the ruling says`: a description is the speaker.
    let mention = description(text, toks, lower, 0, cue_at)?;
    Some(Found {
        mention,
        cue,
        pronoun: false,
    })
}

/// Words after which a noun phrase is an object, never the subject of a cue.
const PREPOSITIONS: &[&str] = &[
    "through", "in", "on", "at", "from", "to", "with", "of", "by", "for", "into", "over", "under",
    "across", "around", "near", "about", "against", "during", "after", "before", "between",
];

/// Words that open a description of a speaker: `the senator`, `a spokeswoman`, `my father`.
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "one", "another", "his", "her", "my", "our", "their", "its", "two", "three",
    "several", "some",
];

/// `toks[from..to]`, minus trailing adverbials, when it reads as a description: opens with a
/// determiner or a possessive name, at most seven words, no punctuation inside or after it (a
/// subject stands right before its verb: `his own remarks, telling` is no subject).
fn description(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
    from: usize,
    to: usize,
) -> Option<Span> {
    // `Another waitress who calls me`: the relative pronoun starts the clause after the noun.
    let mut end = to;
    while end > from
        && (is_adverbial(&lower[end - 1]) || matches!(lower[end - 1].as_str(), "who" | "which"))
    {
        end -= 1;
    }
    let len = end.checked_sub(from)?;
    let first = toks.get(from)?;
    let opens = DETERMINERS.contains(&lower[from].as_str())
        || first.word.ends_with("'s")
        || first.word.ends_with("’s");
    // `The former first lady and U.S. senator`: an abbreviation's dots are no punctuation.
    let clean = end > from
        && toks[from..end - 1]
            .iter()
            .all(|t| t.punct.is_none() || t.punct == Some('.') && t.word.contains('.'))
        && toks[end - 1].punct.is_none();
    // A noun phrase has no verb of its own (`the observed volume is much higher than`); one of
    // more than seven words names a role (`the former secretary of state and current …`).
    let noun_phrase = lower[from..end].iter().all(|w| !is_auxiliary(w));
    let role = len <= 7 || lower[from..end].iter().any(|w| is_role(w));
    if !(opens && (2..=10).contains(&len) && clean && noun_phrase && role) {
        return None;
    }
    let span = Span::new(text, first.start..toks[end - 1].end)?;
    // Quoted words were skipped in `toks`: a description spanning them is no description.
    let quoted_inside = span.slice(text).contains(['"', '“', '”', '‘', '«', '»']);
    (!quoted_inside).then_some(span)
}

/// The cue at `k`, with `reporters`/`journalists` when they follow `told`.
fn cue_phrase(toks: &[Token<'_>], lower: &[String], k: usize) -> String {
    let cue = toks.get(k).map_or("", |t| t.word).to_owned();
    match lower.get(k + 1).map(String::as_str) {
        Some(obj @ ("reporters" | "journalists"))
            if lower[k].starts_with("tel") || lower[k] == "told" =>
        {
            format!("{cue} {obj}")
        }
        _ => cue,
    }
}

/// A subject that starts at `toks[0]`: a name, a pronoun, or a determiner phrase.
fn subject_forward(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
) -> Option<(Span, bool, usize)> {
    let first = toks.first()?;
    if PRONOUNS.contains(&lower[0].as_str()) {
        return Some((Span::new(text, first.start..first.end)?, true, 1));
    }
    if is_capitalised(first.word) && !is_not_name(strip_possessive(&lower[0])) {
        // Titles before the name are not part of it: `Representative Charles B. Rangel`; after
        // an honorific, a title word is the name (`Mr. King said`).
        let mut from = 0;
        while from + 1 < toks.len()
            && is_title(&lower[from])
            && toks[from].punct.is_none_or(|p| p == '.')
            && !(from > 0 && is_honorific(&lower[from - 1]))
        {
            from += 1;
        }
        // `Konzernchef von FACC`, `Secretary of State John Kerry`: a title followed by `of` is
        // one phrase; a name inside it is found below.
        if from > 0 && !is_capitalised(toks[from].word) && is_particle(&lower[from]) {
            from = 0;
        }
        let capitalised_run = |from: usize| {
            let mut k = from + 1;
            // A month or a day ends a name: `Mr. Trump's Oct. 11 announcement`.
            while k < toks.len()
                && (toks[k - 1].punct.is_none() || is_initial(toks[k - 1]))
                && adjacent(text, toks[k - 1], toks[k])
                && (is_capitalised(toks[k].word)
                    && (!is_not_name(&lower[k]) || is_initial(toks[k]))
                    || is_particle(&lower[k]))
            {
                k += 1;
            }
            k
        };
        let mut k = capitalised_run(from);
        // `Virginia AFL-CIO President Doris Crouse-Mays`, `White House Press Secretary Josh
        // Earnest`: an organisation and a title before a full name; the person is the name.
        if let Some(title) = (from + 1..k.saturating_sub(2))
            .rev()
            .find(|&t| is_title(&lower[t]) && toks[t].punct.is_none())
        {
            from = title + 1;
        }
        // `MSNBC host Chris Matthews`, `Clinton campaign manager Robby Mook`: an organisation
        // and a role before a full name; the person is the name. (`Olaf Scholz am Montag` is
        // no such thing: short words and a lone capitalised noun after them.)
        let role_words = (k..toks.len().min(k + 3))
            .take_while(|&j| {
                toks[j - 1].punct.is_none()
                    && !is_capitalised(toks[j].word)
                    && toks[j].word.chars().all(char::is_alphabetic)
                    && toks[j].word.chars().count() >= 4
                    // Verbs and adverbs are no role: `Trump openly admires President Putin`.
                    && !is_adverbial(&lower[j])
                    && !lower[j].ends_with("ed")
                    && !lower[j].ends_with("ing")
                    && (!lower[j].ends_with('s') || lower[j].ends_with("ss"))
                    && !is_not_name(&lower[j])
                    && !cue_word(&lower[j])
                    && !PRONOUNS.contains(&lower[j].as_str())
            })
            .count();
        let named = k + role_words;
        if role_words > 0
            && toks.get(named).is_some_and(|t| {
                toks[named - 1].punct.is_none()
                    && is_capitalised(t.word)
                    && !is_not_name(&lower[named])
            })
            && capitalised_run(named) >= named + 2
        {
            from = named;
            k = capitalised_run(named);
        }
        // `David Perdue (R-Ga.)`: the bracket belongs to the run (a cue may follow it), not to
        // the name.
        let name = Span::new(text, toks[from].start..toks[k - 1].end)?;
        return Some((without_affiliation(text, name), false, k));
    }
    if DETERMINERS.contains(&lower[0].as_str()) {
        // `the Rev. Peter Wherry, of ...`, `my father often said`: up to a comma, a cue or the
        // sentence's end; titles and initials with dots do not end it.
        let ends = |j: usize| {
            cue_word(&lower[j])
                || toks[j - 1].punct.is_some_and(|p| p != '.')
                || toks[j - 1].punct == Some('.')
                    && !is_initial(toks[j - 1])
                    && !is_title(&lower[j - 1])
                    && !is_title(&format!("{}.", lower[j - 1]))
        };
        // A phrase that runs on past eight words without a cue or a stop is a clause (`The US
        // Embassy in New Delhi maintains its own air quality monitor and reported`), no subject.
        let k = match (1..toks.len().min(9)).find(|&j| ends(j)) {
            Some(k) => k,
            None if toks.len() < 9 => toks.len(),
            None => return None,
        };
        let mention = description(text, toks, lower, 0, k)
            .or_else(|| Span::new(text, first.start..toks[k.max(1) - 1].end))?;
        return Some((mention, false, k));
    }
    None
}

/// `The Republican presidential nominee has`, `Small groups of protesters continued`, `In
/// August, several environmental groups granted`, `However, 63 percent said`, `Clinton's
/// campaign is`: a description opening the sentence (or its main clause, after an opening phrase
/// and a comma) right before a verb is the subject. It ends in a lower-case noun: `Trump's
/// spokeswoman Hope Hicks said` is a name.
fn description_subject(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Span> {
    let first = toks.first()?;
    // `Only 52 percent of registered voters agreed`.
    let only_count = lower[0] == "only"
        && toks
            .get(1)
            .is_some_and(|t| t.word.chars().all(|c| c.is_ascii_digit() || c == ','));
    let after_comma = || (1..toks.len().min(9)).find(|&j| toks[j - 1].punct == Some(','));
    // `At the Republican convention in Cleveland his operatives forced`: after an opening phrase
    // with no comma, the first description no preposition governs.
    let after_phrase = || {
        PREPOSITIONS
            .contains(&lower[0].as_str())
            .then(|| {
                // A phrase of nouns only: `After saying her right foot was` is a clause.
                (2..toks.len().min(12))
                    .take_while(|&j| {
                        !is_verb_like(toks[j - 1], &lower[j - 1]) && !lower[j - 1].ends_with("ing")
                    })
                    .find(|&j| {
                        let before = lower[j - 1].as_str();
                        opens_description(toks[j], &lower[j])
                            && !PREPOSITIONS.contains(&before)
                            && !DETERMINERS.contains(&before)
                            && !matches!(before, "and" | "or" | "but")
                    })
            })
            .flatten()
    };
    // `Small groups of protesters … chanting`, `Local officials said`: an adjective opening the
    // sentence before a plural noun.
    let adjective_opener = is_capitalised(first.word)
        && first.punct.is_none()
        && !is_not_name(&lower[0])
        && toks.get(1).is_some_and(|noun| {
            let w = lower[1].as_str();
            noun.word
                .chars()
                .all(|c| c.is_alphabetic() && c.is_lowercase())
                && w.len() >= 4
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !cue_word(w)
                && !is_auxiliary(w)
                && !is_adverbial(w)
        });
    if adjective_opener {
        if let Some(found) = description_from(text, toks, lower, 0) {
            return Some(found);
        }
    }
    let j = if opens_description(*first, &lower[0]) || only_count {
        0
    } else {
        after_comma().or_else(after_phrase)?
    };
    if !(opens_description(toks[j], &lower[j]) || j == 0 && only_count) {
        return None;
    }
    description_from(text, toks, lower, j)
}

/// The description that starts at `toks[j]` and ends, on a lower-case noun, right before a verb.
fn description_from(text: &str, toks: &[Token<'_>], lower: &[String], j: usize) -> Option<Span> {
    let verb = (j + 2..toks.len().min(j + 8))
        .take_while(|&v| {
            toks[v - 1].punct.is_none()
                && !PRONOUNS.contains(&lower[v - 1].as_str())
                && (v - 1 == j || !DETERMINERS.contains(&lower[v - 1].as_str()))
        })
        .find(|&v| is_verb_at(toks, lower, v))?;
    // `Another waitress who calls me her "sister"`: the noun before the relative pronoun.
    let head = if matches!(lower[verb - 1].as_str(), "who" | "which") && verb - 1 > j + 1 {
        verb - 1
    } else {
        verb
    };
    let noun = toks[head - 1];
    let is_noun = !is_capitalised(noun.word)
        && noun.word.chars().count() >= 3
        && noun.word.chars().all(char::is_alphabetic)
        && !is_adverbial(&lower[head - 1])
        && !is_verb_like(noun, &lower[head - 1]);
    is_noun
        .then(|| Span::new(text, toks[j].start..noun.end))
        .flatten()
}

/// A determiner, a count (`63`) or a possessive (`Clinton's`): the first word of a description.
fn opens_description(tok: Token<'_>, lower: &str) -> bool {
    let owner = strip_possessive(tok.word);
    // `He's`, `There's`, `That's`: a contraction, not a possessive.
    let possessive = owner != tok.word
        && is_capitalised(owner)
        && !matches!(
            owner.to_lowercase().as_str(),
            "he" | "she" | "it" | "that" | "there" | "here" | "what" | "who" | "let" | "where"
        );
    DETERMINERS.contains(&lower)
        || tok.word.chars().all(|c| c.is_ascii_digit() || c == ',')
        || possessive
}

/// A finite verb after a subject: an auxiliary, a cue, or a lower-case past tense (`used`;
/// `respondents aged 12 to 17` tells an age).
fn is_verb_like(tok: Token<'_>, lower: &str) -> bool {
    is_auxiliary(lower)
        || cue_word(lower) && !is_capitalised(tok.word)
        || lower.ends_with("ed") && lower.len() >= 4 && lower != "aged" && !is_capitalised(tok.word)
}

/// [`is_verb_like`] at `toks[v]`, where a past participle right before a lower-case noun is an
/// adjective (`registered voters`), not the verb.
fn is_verb_at(toks: &[Token<'_>], lower: &[String], v: usize) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "that", "whether", "to", "and", "or", "but", "as", "if", "when", "it", "him", "her",
        "them", "us", "me", "up", "out", "off", "down", "back",
    ];
    let adjective = lower[v].ends_with("ed")
        && !is_auxiliary(&lower[v])
        && !cue_word(&lower[v])
        && toks[v].punct.is_none()
        && toks.get(v + 1).is_some_and(|next| {
            !is_capitalised(next.word)
                && next.word.chars().all(char::is_alphabetic)
                && !FUNCTION_WORDS.contains(&lower[v + 1].as_str())
                && !DETERMINERS.contains(&lower[v + 1].as_str())
                && !PREPOSITIONS.contains(&lower[v + 1].as_str())
        });
    is_verb_like(toks[v], &lower[v]) && !adjective
}

/// Auxiliary and modal verbs: the word after a subject that shows it is one.
fn is_auxiliary(lower: &str) -> bool {
    matches!(
        lower,
        "is" | "was"
            | "are"
            | "were"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "did"
            | "does"
    )
}

/// The speaker after a cue: `said John Coale`, `said the official`.
fn subject_after(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<(Span, bool)> {
    if let Some((mention, pronoun, _)) = subject_forward(text, toks, lower) {
        return Some((mention, pronoun));
    }
    // `said 9/11 widow Terry Strada`, `said longtime friend John Smith`: a few lower-case words
    // of description, then the full name.
    let named = (1..toks.len().min(5)).find(|&j| {
        is_capitalised(toks[j].word)
            && toks[..j]
                .iter()
                .all(|t| t.punct.is_none() && !is_capitalised(t.word))
    })?;
    let (mention, pronoun, used) = subject_forward(text, &toks[named..], &lower[named..])?;
    (!pronoun && used >= 2).then_some((mention, false))
}

/// The source after `according to` or `per`: a name, or a whole description up to the comma
/// or the end of the sentence (`a 52-count civil complaint filed by the federal Securities and
/// Exchange Commission and a 15-count complaint by Vermont,`).
fn source_after(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<(Span, bool)> {
    if !lower
        .first()
        .is_some_and(|w| DETERMINERS.contains(&w.as_str()))
    {
        return subject_after(text, toks, lower);
    }
    (0..toks.len().min(20))
        .find(|&j| {
            toks[j]
                .punct
                .is_some_and(|p| p != '.' || !(is_initial(toks[j]) || toks[j].word.contains('.')))
        })
        .and_then(|j| Span::new(text, toks[0].start..toks[j].end))
        .filter(|span| !span.slice(text).contains(['"', '“', '”', '‘', '«', '»']))
        .map(|span| (span, false))
        .or_else(|| subject_after(text, toks, lower))
}

/// `Coale said: 'Q'`, `Trump told reporters ... Russia would 'allow'`: the subject of the last
/// cue verb before the quote in its sentence, quoted words skipped.
fn leading(text: &str, before: Region, quoted: &[(usize, usize)]) -> Option<Found> {
    let (toks, lower) = words_outside(text, before, quoted, usize::MAX);
    let according = (0..toks.len())
        .rev()
        .find(|&k| lower[k] == "according" && lower.get(k + 1).is_some_and(|w| w == "to"));
    if let Some(k) = according {
        if let Some((mention, pronoun)) = source_after(text, &toks[k + 2..], &lower[k + 2..]) {
            return Some(Found {
                mention,
                cue: "according to".into(),
                pronoun,
            });
        }
    }
    // A capitalised cue inside a sentence is a name: `the United States`, `Says Who`; a cue in
    // a relative clause (`a woman who suggested`) is not the quote's.
    let cue_at = (0..toks.len()).rev().find(|&k| {
        cue_word(&lower[k])
            && !(k == 0 && lower[k] == "asked")
            && (k == 0
                || !is_capitalised(toks[k].word)
                    && !matches!(lower[k - 1].as_str(), "who" | "which"))
    });
    let Some(cue_at) = cue_at else {
        let put_it = (0..toks.len())
            .rev()
            .filter(|&k| lower[k] == "as")
            .find_map(|k| as_put_it(text, &toks, &lower, k));
        return put_it.or_else(|| claim_owner(text, &toks, &lower));
    };
    let cue = cue_phrase(&toks, &lower, cue_at);
    // `she said, but …, and as Trump went on about "how the system is rigged"`: a clause opened
    // after the cue, with a named subject of its own, holds the quote; its subject is the speaker.
    let clause_subject = (cue_at + 1..toks.len().saturating_sub(2))
        .rev()
        .filter(|&j| matches!(lower[j].as_str(), "as" | "while" | "when"))
        .find_map(|j| {
            let (mention, pronoun, used) =
                subject_forward(text, &toks[j + 1..], &lower[j + 1..]).filter(|m| !m.1)?;
            let verb = lower.get(j + 1 + used)?;
            (is_capitalised(toks[j + 1].word)
                && !is_not_name(&lower[j + 1])
                && !is_capitalised(toks[j + 1 + used].word)
                && !PREPOSITIONS.contains(&verb.as_str()))
            .then_some((mention, pronoun))
        });
    if let Some((mention, pronoun)) = clause_subject {
        return Some(Found {
            mention,
            cue,
            pronoun,
        });
    }
    // Right before the cue, skipping adverbials and one appositive.
    let mut k = cue_at;
    while k > 0 && is_adverbial(&lower[k - 1]) && !cue_word(&lower[k - 1]) {
        k -= 1;
    }
    // `Trump attacked Clinton for … Iraq and Libya, saying, 'Q'`: a participle after a comma
    // is the sentence's subject's, not the nearest name's.
    // `Ivana Trump's brief said`, `Gary Johnson's doctor is calling`: what a person owns that
    // speaks (a lawyer's brief, a campaign, a doctor) is the speaker, not the person.
    let verb_at = if k > 0 && matches!(lower[k - 1].as_str(), "is" | "was" | "has" | "had") {
        k - 1
    } else {
        k
    };
    if verb_at >= 2
        && toks[verb_at - 2].punct.is_none()
        && toks[verb_at - 1].punct.is_none()
        && toks[verb_at - 1].word.chars().all(char::is_lowercase)
        && toks[verb_at - 1].word.chars().count() >= 4
        && !is_adverbial(&lower[verb_at - 1])
        && strip_possessive(toks[verb_at - 2].word) != toks[verb_at - 2].word
    {
        if let Some((owner, false)) = name_ending_at(text, &toks, &lower, verb_at - 1) {
            if let Some(mention) = Span::new(text, owner.start()..toks[verb_at - 1].end) {
                return Some(Found {
                    mention,
                    cue,
                    pronoun: false,
                });
            }
        }
    }
    // So is one after `by`/`while` (`began by saying`), or one after a thing, not a person
    // (`unleashed a series of tweets early Friday saying`).
    let participle = k == cue_at
        && k > 0
        && lower[cue_at].ends_with("ing")
        && (toks[k - 1].punct == Some(',')
            || matches!(
                lower[k - 1].as_str(),
                "by" | "while" | "after" | "before" | "when"
            )
            || name_ending_at(text, &toks, &lower, k).is_none());
    if participle {
        if let Some(mention) = description_subject(text, &toks[..cue_at], &lower[..cue_at]) {
            return Some(Found {
                mention,
                cue,
                pronoun: false,
            });
        }
        let subject = (0..toks.len().min(12).min(cue_at)).find_map(|s| {
            // `the New York businessman said, arguing`: a description opening the sentence.
            let opens = PRONOUNS.contains(&lower[s].as_str())
                || s == 0 && DETERMINERS.contains(&lower[s].as_str())
                || is_capitalised(toks[s].word) && !is_not_name(&lower[s]);
            opens
                .then(|| subject_forward(text, &toks[s..cue_at], &lower[s..cue_at]))
                .flatten()
        });
        if let Some((mention, pronoun, _)) = subject {
            return Some(Found {
                mention,
                cue,
                pronoun,
            });
        }
    }
    if k > 0 && toks[k - 1].punct == Some(',') {
        if let Some(open) = (k.saturating_sub(25)..k - 1)
            .rev()
            .find(|&j| toks[j].punct == Some(','))
        {
            if let Some(found) = name_ending_at(text, &toks, &lower, open + 1) {
                return Some(Found {
                    mention: found.0,
                    cue,
                    pronoun: found.1,
                });
            }
        }
    }
    // `Preys on our worst fears …, and calls people "losers"`: a list of charges with no subject.
    // A one-word name opening the sentence is a subject only before a verb or an appositive.
    let lone_subject = |at: usize, used: usize| {
        let after = at + used;
        let word = toks[after - 1].word;
        used > 1
            || toks[after - 1].punct == Some(',')
            || strip_possessive(word) != word
            || toks.get(after).is_some_and(|t| {
                is_verb_at(&toks, &lower, after)
                    || (lower[after].ends_with('s') || lower[after].ends_with("ing"))
                        && !is_capitalised(t.word)
                        && !PREPOSITIONS.contains(&lower[after].as_str())
            })
    };
    // `Clinton … sponsored by NBC News and said`: a second verb of the sentence's subject, after
    // a subordinating conjunction if one opens the sentence (`Though she called … and called`).
    let subject_at = usize::from(lower.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "though" | "although" | "while" | "when" | "if" | "because" | "after" | "before"
        )
    }));
    if k > subject_at
        && lower[k - 1] == "and"
        && toks.first().is_some_and(|t| is_capitalised(t.word))
    {
        let subject = subject_forward(text, &toks[subject_at..], &lower[subject_at..])
            .filter(|&(_, pronoun, used)| pronoun || lone_subject(subject_at, used));
        if let Some((mention, pronoun, _)) = subject {
            return Some(Found {
                mention,
                cue,
                pronoun,
            });
        }
    }
    // `The senator said he would 'introduce legislation'`: a description right before the cue.
    // `marching through the streets chanted`: a phrase after a preposition is no subject.
    let opener = (k.saturating_sub(10)..k).find(|&j| {
        DETERMINERS.contains(&lower[j].as_str())
            // `an episode of "The Steve Harvey Morning Show," the former secretary of state`:
            // a preposition governs the quoted title, not the description after it.
            && (j == 0
                || !PREPOSITIONS.contains(&lower[j - 1].as_str())
                || !adjacent(text, toks[j - 1], toks[j]))
            && toks[j..k.saturating_sub(1)]
                .iter()
                .all(|t| t.punct.is_none() || t.punct == Some('.') && t.word.contains('.'))
    });
    let description_found = opener.and_then(|j| description(text, &toks, &lower, j, k));
    // `The former first lady and U.S. senator said`: ending in a lower-case noun, the words
    // before the cue describe the speaker; a capital inside them is not the name.
    let ends_in_noun = k > 0
        && !is_capitalised(toks[k - 1].word)
        && toks[k - 1].word.chars().count() > 3
        && ![
            "they", "them", "what", "that", "this", "those", "these", "there",
        ]
        .contains(&lower[k - 1].as_str());
    if let Some(mention) = description_found.filter(|_| ends_in_noun) {
        return Some(Found {
            mention,
            cue,
            pronoun: false,
        });
    }
    if let Some((mention, pronoun)) = name_ending_at(text, &toks, &lower, k) {
        return Some(Found {
            mention,
            cue,
            pronoun,
        });
    }
    if let Some(mention) = description_found {
        return Some(Found {
            mention,
            cue,
            pronoun: false,
        });
    }
    // `said John Coale:` before the quote; a phrase after the cue is its object there
    // (`telling a press conference that`), so only a name counts.
    // After `told`, the name is the listener (`told NBC News:`), never the speaker.
    let listener_follows = matches!(lower[cue_at].as_str(), "told" | "tells" | "telling");
    // `63 percent said Clinton was "justified"`: a name followed by its own verb is the subject
    // of the reported clause, not the speaker.
    let reported_subject = |mention: Span| {
        text.get(mention.end()..before.end)
            .and_then(|rest| rest.split_whitespace().next())
            .is_some_and(|w| is_auxiliary(&w.to_lowercase()))
    };
    if let Some((mention, pronoun)) =
        subject_after(text, &toks[cue_at + 1..], &lower[cue_at + 1..]).filter(|_| !listener_follows)
    {
        if !pronoun && is_capitalised(mention.slice(text)) && !reported_subject(mention) {
            return Some(Found {
                mention,
                cue,
                pronoun,
            });
        }
    }
    // `Hegseth appeared to backtrack ..., telling a press conference that 'Q'`: the nearest name,
    // unless a preposition makes it an object (`regarding Muslims and immigrants`).
    (0..cue_at).rev().find_map(|j| {
        name_ending_at(text, &toks, &lower, j + 1)
            .filter(|(_, pronoun)| !pronoun)
            .filter(|(mention, _)| {
                let first = toks.partition_point(|t| t.start < mention.start());
                match first.checked_sub(1) {
                    None => lone_subject(0, j + 1),
                    Some(before) => {
                        !PREPOSITIONS.contains(&lower[before].as_str())
                            && lower[before] != "regarding"
                    }
                }
            })
            .map(|(mention, pronoun)| Found {
                mention,
                cue: cue.clone(),
                pronoun,
            })
    })
}

/// `, as a Homeland Security memo put it` (after the quote), `as The New Yorker put it in a
/// lengthy expose, "the operator"` (before it): whose wording it is, `as` at `toks[at]`.
fn as_put_it(text: &str, toks: &[Token<'_>], lower: &[String], at: usize) -> Option<Found> {
    let put = (at + 2..toks.len().min(at + 10))
        .find(|&j| lower[j] == "put" && lower.get(j + 1).is_some_and(|w| w == "it"))?;
    let (mention, pronoun, used) = subject_forward(text, &toks[at + 1..put], &lower[at + 1..put])?;
    (at + 1 + used == put).then(|| Found {
        mention,
        cue: "put it".into(),
        pronoun,
    })
}

/// `… chants of "Bobby!" at a labor conference last month, according to Doris Crouse-Mays.`:
/// a source named at the end of the quote's sentence.
fn according_to_later(text: &str, after: Region) -> Option<Found> {
    let toks = tokens(text, after);
    let lower: Vec<String> = toks.iter().map(|t| t.word.to_lowercase()).collect();
    let k = (0..toks.len().saturating_sub(2))
        .take_while(|&k| k == 0 || !matches!(toks[k - 1].punct, Some('.' | '!' | '?' | ';')))
        .find(|&k| lower[k] == "according" && lower[k + 1] == "to")?;
    let (mention, pronoun) = source_after(text, &toks[k + 2..], &lower[k + 2..])?;
    (!pronoun).then(|| Found {
        mention,
        cue: "according to".into(),
        pronoun,
    })
}

/// `Donald Trump's claim that there have been "thousands of shootings"`: with no cue, whose
/// claim, statement or remark the quoted words are, among the last words before them.
fn claim_owner(text: &str, toks: &[Token<'_>], lower: &[String]) -> Option<Found> {
    const SPEECH: &[&str] = &[
        "claim",
        "claims",
        "statement",
        "statements",
        "remark",
        "remarks",
        "comment",
        "comments",
        "assertion",
        "words",
        "promise",
        "pledge",
        "warning",
        "accusation",
        "argument",
        "boast",
        "vow",
    ];
    let noun = (toks.len().saturating_sub(8)..toks.len())
        .rev()
        .find(|&k| SPEECH.contains(&lower[k].as_str()))?;
    let owner = toks.get(noun.checked_sub(1)?)?;
    // The quoted words are the claim's content (`claim that …`, `remarks about …`), not a
    // verdict on it (`Trump's statement was "true"`).
    let content = lower
        .get(noun + 1)
        .is_none_or(|w| matches!(w.as_str(), "that" | "of" | "about"));
    if strip_possessive(owner.word) == owner.word || owner.punct.is_some() || !content {
        return None;
    }
    let (mention, pronoun) = name_ending_at(text, toks, lower, noun)?;
    (!pronoun).then(|| Found {
        mention,
        cue: toks[noun].word.to_owned(),
        pronoun,
    })
}

/// A name or pronoun whose last token is `toks[end - 1]`.
fn name_ending_at(
    text: &str,
    toks: &[Token<'_>],
    lower: &[String],
    end: usize,
) -> Option<(Span, bool)> {
    let last = end.checked_sub(1)?;
    let t = toks.get(last)?;
    if t.punct.is_some_and(|p| p != ',') && last + 1 != end {
        return None;
    }
    if PRONOUNS.contains(&lower[last].as_str()) {
        return Some((Span::new(text, t.start..t.end)?, true));
    }
    let word = strip_possessive(t.word);
    // A title alone is no name (`the President said`), but after an honorific it is one
    // (`Mr. King said`).
    let after_honorific = last > 0 && is_honorific(&lower[last - 1]);
    if !is_capitalised(word)
        || is_not_name(&lower[last])
        || is_title(&lower[last]) && !after_honorific
    {
        return None;
    }
    let mut first = last;
    while first > 0
        && adjacent(text, toks[first - 1], toks[first])
        && (toks[first - 1].punct.is_none() || is_initial(toks[first - 1]))
        && (is_capitalised(toks[first - 1].word) || is_particle(&lower[first - 1]))
        && !is_title(&lower[first - 1])
        && !is_not_name(&lower[first - 1])
    {
        first -= 1;
    }
    let end_byte = t.start + word.len();
    Some((Span::new(text, toks[first].start..end_byte)?, false))
}

// The word lists are long and asked about for every word: hash sets of them.
static TITLE_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| TITLES.iter().copied().collect());
static NOT_NAME_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// A title or role word (`president`, `sen.`), lower-cased.
fn is_title(lower: &str) -> bool {
    TITLE_SET.contains(lower)
}

/// A capitalised word that is no name (`the`, `monday`), lower-cased.
/// A title that names a person's office (`secretary`, `director`), not an affiliation or a
/// modifier of one (`state`, `white`, `former`).
fn is_role(lower: &str) -> bool {
    is_title(lower)
        && lower.len() >= 4
        && !matches!(
            lower,
            "u.s."
                | "nato"
                | "white"
                | "house"
                | "press"
                | "state"
                | "foreign"
                | "defense"
                | "defence"
                | "interior"
                | "senate"
                | "majority"
                | "minority"
                | "former"
                | "acting"
                | "retired"
                | "vice"
                | "prime"
                | "deputy"
                | "chief"
                | "lord"
                | "lady"
        )
}

fn is_not_name(lower: &str) -> bool {
    NOT_NAME_SET.contains(lower)
}

/// `Mr.`, `Dr.`: after one, a word that may be a title (`King`, `Chancellor`) is the name.
fn is_honorific(lower: &str) -> bool {
    matches!(
        lower,
        "mr" | "mrs" | "ms" | "dr" | "prof" | "sir" | "lord" | "lady"
    )
}

/// Whether two tokens stand together in the text: quoted words were taken out of the tokens, so
/// `Mills "got …," Jordan` is two names, not one; nor is `HIM — Oz`.
fn adjacent(text: &str, a: Token<'_>, b: Token<'_>) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| !gap.contains(['"', '“', '”', '‘', '«', '»', '—', '–', '―']))
}

/// `B.` in `Charles B. Rangel`, `G.K.` in `G.K. Butterfield`: a dot that does not end the name.
fn is_initial(t: Token<'_>) -> bool {
    t.punct == Some('.')
        && t.word.split('.').all(|p| p.chars().count() <= 1)
        && t.word.chars().next().is_some_and(char::is_uppercase)
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn is_particle(lower: &str) -> bool {
    matches!(
        lower,
        "de" | "van"
            | "von"
            | "der"
            | "den"
            | "al"
            | "bin"
            | "la"
            | "le"
            | "du"
            | "da"
            | "di"
            | "del"
            | "dos"
            | "el"
    )
}

fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| {
            c.to_uppercase()
                .chain(chars.flat_map(char::to_lowercase))
                .collect()
        })
        .unwrap_or_default()
}

fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

// === names ===

/// Full names seen in the article, by their last word, so `Coale` resolves to `John Coale`.
#[derive(Debug, Default)]
struct NameIndex {
    by_last: HashMap<String, String>,
}

impl NameIndex {
    fn build(text: &str, paragraphs: &[Paragraph]) -> Self {
        let mut by_last = HashMap::new();
        for p in paragraphs {
            let region = Region {
                start: p.span.start(),
                end: p.span.end(),
            };
            let toks = tokens(text, region);
            // Every word of the article passes here: only words with capitals are copied.
            let lower: Vec<std::borrow::Cow<'_, str>> = toks
                .iter()
                .map(|t| {
                    if t.word
                        .bytes()
                        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
                    {
                        std::borrow::Cow::Borrowed(t.word)
                    } else {
                        std::borrow::Cow::Owned(t.word.to_lowercase())
                    }
                })
                .collect();
            let mut k = 0;
            while k < toks.len() {
                let starts =
                    is_capitalised(toks[k].word) && !is_title(&lower[k]) && !is_not_name(&lower[k]);
                if !starts {
                    k += 1;
                    continue;
                }
                let mut j = k + 1;
                while j < toks.len()
                    && (toks[j - 1].punct.is_none() || is_initial(toks[j - 1]))
                    && adjacent(text, toks[j - 1], toks[j])
                    // `Harry Reid (D-Nev.)`: the bracket is no part of the name.
                    && !text.get(toks[j - 1].end..toks[j].start).is_some_and(|gap| gap.contains('('))
                    && !toks[j - 1].word.ends_with("'s")
                    && !toks[j - 1].word.ends_with("’s")
                    && (is_capitalised(toks[j].word) || is_particle(&lower[j]))
                    && !is_not_name(&lower[j])
                {
                    j += 1;
                }
                // `El Presidente Gabriel Boric`: a title inside the run starts the name.
                let first = (k + 1..j.saturating_sub(2))
                    .rev()
                    .find(|&t| is_title(&lower[t]))
                    .map_or(k, |t| t + 1);
                if j - first >= 2 && j - first <= 4 {
                    let last = strip_possessive(toks[j - 1].word);
                    let full_end = toks[j - 1].start + last.len();
                    if let Some(full) = text.get(toks[first].start..full_end) {
                        by_last
                            .entry(last.to_owned())
                            .or_insert_with(|| full.to_owned());
                    }
                }
                k = j;
            }
        }
        Self { by_last }
    }

    /// Whether `word` is the last name of a full name seen in the article.
    fn knows(&self, word: &str) -> bool {
        self.by_last.contains_key(word)
    }

    fn resolve(&self, mention: &str) -> String {
        let words: Vec<&str> = mention.split_whitespace().collect();
        // `Steenburgen’s` (a subject owning what speaks) is `Mary Steenburgen`.
        let named = words
            .iter()
            .all(|w| is_capitalised(w) || is_particle(&w.to_lowercase()));
        let mention = if named {
            strip_possessive(mention)
        } else {
            mention
        };
        match words.as_slice() {
            [single] => {
                let single = strip_possessive(single);
                // Transcripts shout names: `WALLACE` is `Wallace`.
                let shouted = single.chars().count() >= 3
                    && single
                        .chars()
                        .all(|c| c.is_alphabetic() && !c.is_lowercase());
                let titled = if shouted {
                    title_case(single)
                } else {
                    (*single).to_owned()
                };
                self.by_last.get(titled.as_str()).cloned().unwrap_or(titled)
            }
            _ => mention.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::segment;

    fn run(text: &str) -> Vec<(String, Option<String>, Attribution, QuoteKind)> {
        let (paragraphs, sentences) = segment::layout_for_tests(text);
        find(text, &paragraphs, &sentences, Capitals::MarkNames)
            .into_iter()
            .map(|q| {
                (
                    q.span.slice(text).to_owned(),
                    q.speaker,
                    q.attribution,
                    q.kind,
                )
            })
            .collect()
    }

    #[test]
    fn single_quotes_are_told_from_apostrophes() {
        let got = run(
            "Jane Doe visited Ukraine's capital.\n\n'Biden shouldn't have said that,' Doe said.",
        );
        assert_eq!(
            got,
            [(
                "Biden shouldn't have said that,".into(),
                Some("Jane Doe".into()),
                Attribution::Explicit,
                QuoteKind::Direct
            )]
        );
    }

    #[test]
    fn a_pronoun_resolves_to_the_previous_speaker_and_a_split_quote_continues() {
        let got =
            run("\"We will win,\" said Mary Major.\n\n\"It is done,\" she said. \"Really done.\"");
        assert_eq!(got[1].1.as_deref(), Some("Mary Major"));
        assert_eq!(got[1].2, Attribution::Pronoun);
        assert_eq!(got[2].2, Attribution::Continued);
    }

    #[test]
    fn scare_quotes_without_a_speaker_are_not_quotes() {
        assert!(run("The department said there was no secret \"client list\" at all.").len() <= 1);
        assert!(run("Critics mocked the so-called \"client list\" for weeks.").is_empty());
    }

    #[test]
    fn a_partial_quote_takes_the_subject_of_the_cue_before_it() {
        let got = run(
            "Pete Hegseth spoke.\n\nEarlier on Thursday, Hegseth appeared to backtrack, telling a press conference that 'everything is on the table' for talks.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Pete Hegseth"));
        assert_eq!(got[0].3, QuoteKind::Partial);
    }

    #[test]
    fn a_transcript_label_is_the_speaker_and_not_part_of_the_quote() {
        let got = run(
            "Chris Wallace hosted.\n\n\"WALLACE: If I may, sir, I want to ask you about the debate.",
        );
        assert_eq!(
            got[0].0,
            "If I may, sir, I want to ask you about the debate."
        );
        assert_eq!(got[0].1.as_deref(), Some("Chris Wallace"));
    }

    #[test]
    fn names_keep_their_initials_and_lose_their_titles() {
        let got = run(
            "\"There is some thought that people will not vote,\" said Representative Charles B. Rangel of New York.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Charles B. Rangel"));
    }

    #[test]
    fn a_second_partial_quote_finds_the_subject_before_the_first() {
        let got = run("Donald Trump called her \"a con\" and said she was \"duped\" by advisers.");
        let speakers: Vec<_> = got.iter().map(|q| q.1.as_deref()).collect();
        assert_eq!(speakers, [Some("Donald Trump"), Some("Donald Trump")]);
    }

    #[test]
    fn the_speaker_is_the_person_not_the_nearest_capital() {
        let speakers =
            |text: &str| -> Vec<Option<String>> { run(text).into_iter().map(|q| q.1).collect() };
        // An organisation and a role before the name.
        assert_eq!(
            speakers("\"He looked like a grown-up,\" said MSNBC host Chris Matthews."),
            [Some("Chris Matthews".to_owned())]
        );
        // A participle after a comma belongs to the sentence's subject.
        assert_eq!(
            speakers(
                "Donald Trump attacked Clinton over Iraq and Libya, saying, \"She's trigger-happy and very unstable.\""
            ),
            [Some("Donald Trump".to_owned())]
        );
        // `States` in `the United States` is no cue.
        assert_eq!(
            speakers(
                "Secretary of State John Kerry said the United States will take \"robust steps\" soon."
            ),
            [Some("John Kerry".to_owned())]
        );
        // A pronoun after its own sentence's named subject refers to it.
        assert_eq!(
            speakers(
                "Jean-Marc Ayrault said it was a \"provocation\" by the regime.\n\nBan Ki-moon condemned what he called a \"brazen breach\" of the rules."
            )
            .last()
            .cloned()
            .flatten()
            .as_deref(),
            Some("Ban Ki-moon")
        );
    }

    #[test]
    fn attributions_around_appositives_questions_and_introductions() {
        let speakers = |text: &str| -> Vec<(String, Option<String>)> {
            run(text).into_iter().map(|q| (q.0, q.1)).collect()
        };
        let got = speakers(
            "\"It's an invasion of the state regulatory domain,\" Scott Pruitt, the attorney general of Oklahoma, one of the states suing the EPA, said at an event.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Scott Pruitt"));
        let got =
            speakers("\"How many times do we have to see this in our country?\" Clinton said.");
        assert_eq!(got[0].1.as_deref(), Some("Clinton"));
        let got = speakers(
            "\"Subpoenas are not optional,\" panel Chairman Rep. Jason Chaffetz (R-Utah) said after the hearing.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Jason Chaffetz"));
        let got = speakers(
            "Pat Caddell spoke on the radio on Thursday.\n\nCaddell continued:\n\n\"The health issue overall is very much a partisan issue, and it shows in the polls.\"",
        );
        assert_eq!(got[0].1.as_deref(), Some("Pat Caddell"));
        let got = speakers(
            "Marc H. Morial forcefully told a young woman who suggested that people may stay home that \"this is not the first generation to be frustrated.\"",
        );
        assert_eq!(got[0].1.as_deref(), Some("Marc H. Morial"));
    }

    #[test]
    fn speakers_after_participles_prepositions_possessives_and_descriptions() {
        let speaker = |text: &str| run(text).into_iter().next().and_then(|q| q.1);
        for (text, expected) in [
            // A participle after a thing, or after `by`, is the sentence subject's.
            (
                "Trump unleashed a series of tweets early Friday saying that Clinton used Machado \"as a paragon of virtue.\"",
                "Trump",
            ),
            (
                "Dean, a medical doctor, then appeared on MSNBC on Tuesday and began by saying he would \"never\" diagnose anyone on air.",
                "Dean",
            ),
            // A phrase after a preposition is no subject.
            (
                "Protesters marching through the streets chanted \"What curfew?\" until two in the morning.",
                "Protesters",
            ),
            // Quoted words between two names do not join them.
            (
                "Mills \"got an immunity agreement,\" Jordan said, and still \"got to sit in on the interview.\"",
                "Jordan",
            ),
            // A person's brief or doctor speaks for itself.
            (
                "However, Ivana Trump's brief said that was not her view and dismissed those reports as \"previous misinterpreted statements.\"",
                "Ivana Trump's brief",
            ),
            // A clause after the quote that is no attribution leaves the speaker to the words before.
            (
                "The spot ends with footage of Trump saying during the debate, \"That makes me smart,\" when Clinton blasted him for not paying income tax.",
                "Trump",
            ),
            // A quotation opening its sentence goes on in the words of the reported speech before it.
            (
                "The administration may be reluctant to act while Kerry negotiates, Schiff said. \"The other factor is the appearance of tipping the scales.\"",
                "Schiff",
            ),
            // After an honorific, a word that may be a title is the name.
            (
                "\"It's all about creating some enthusiasm around this race,\" Mr. King said.",
                "King",
            ),
            // A few words of description between the cue and the full name.
            (
                "\"They are 100 percent wrong,\" said 9/11 widow Terry Strada.",
                "Terry Strada",
            ),
            (
                "This is \"roughly the same advantage she has held all month,\" reported Reuters.",
                "Reuters",
            ),
            // A description right before the verb is the subject; a name followed by its own
            // verb after the cue is the reported clause's.
            (
                "However, 63 percent said Clinton was \"justified\" in keeping her diagnosis private.",
                "63 percent",
            ),
            (
                "In August, several environmental groups granted Mr. Clarke an extension, saying his \"start-up capital was less than expected.\"",
                "several environmental groups",
            ),
            (
                "The Republican presidential nominee has repeatedly wondered whether the moderators will be \"fair\" to him.",
                "The Republican presidential nominee",
            ),
            // A noun ending like an adverb is still the thing that speaks.
            (
                "Scott's family has called on police to release the videos \"as a matter of the greater good and transparency\" and called for calm.",
                "Scott's family",
            ),
            (
                "It is prohibited when voting “to fill a vacancy on the National ticket,” per the party’s bylaws.",
                "the party’s bylaws",
            ),
            (
                "The requirement is a \"lawful source of investment income,\" as a Homeland Security memo put it.",
                "a Homeland Security memo",
            ),
            (
                "He has been seen, as The New Yorker put it in a lengthy expose, “the operator.”",
                "The New Yorker",
            ),
            // The sentence after a dateline; an adjective in -ed is not the verb; four words
            // of description after `according to`.
            (
                "FLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton criticized the Affordable Care Act as a “crazy system” during a stop.",
                "Bill Clinton",
            ),
            (
                "Only 52 percent of registered voters agreed that Clinton is in \"good enough overall health to serve as president,\" a poll found.",
                "Only 52 percent of registered voters",
            ),
            (
                "According to conservative talk radio host Rush Limbaugh, the move reeks of “fear” and desperation.",
                "Rush Limbaugh",
            ),
            // Whose claim the words are, when no cue reports them; a ruling reports.
            (
                "Politifact did a fact-check on Donald Trump’s claim that there have been “thousands of shootings” in Chicago.",
                "Donald Trump",
            ),
            (
                "Politifact then ruled that Trump’s statement about “thousands of shootings” in Chicago is accurate.",
                "Politifact",
            ),
            // A source named at the end of the sentence.
            (
                "McAuliffe was greeted with chants of \"Bobby!\" at a labor conference last month, according to Virginia AFL-CIO President Doris Crouse-Mays.",
                "Doris Crouse-Mays",
            ),
            // A clause opened after the cue, with a named subject, holds the quote.
            (
                "Melanie said hello, but Kevin was drifting off again, and as Trump went on about “how the system is rigged,” she nodded.",
                "Trump",
            ),
            // A pronoun after a subordinating conjunction: the full name subject of the sentence
            // before.
            (
                "In a statement, presidential nominee Hillary Clinton was more circumspect. Though she called the behavior “outrageous” and called for pay to be “clawed back,” she stopped there.",
                "Hillary Clinton",
            ),
            // A party and state in brackets are not part of an antecedent's name.
            (
                "Sen. David Perdue (R-Ga.) was blunt on Tuesday. \"It’s not what worked in 2012,\" he said.",
                "David Perdue",
            ),
            // A description after an opening phrase of nouns with no comma.
            (
                "At the Republican convention in Cleveland his operatives forced a change, replacing it with language calling for “appropriate assistance.”",
                "his operatives",
            ),
            // `they` stands for the description that opens its sentence.
            (
                "The statement noted they had previously said they would take \"further significant measures\" if needed.",
                "The statement",
            ),
            (
                "Clinton’s campaign is seeking to contrast her approach with what they call Trump’s \"self-centered message.\"",
                "Clinton’s campaign",
            ),
            // A long description, after a title that a preposition governs.
            (
                "On Tuesday’s episode of “The Steve Harvey Morning Show,” the former secretary of state and current Democratic presidential nominee said she wanted to speak “directly to white people.”",
                "the former secretary of state and current Democratic presidential nominee",
            ),
            // A source after `according to` is the whole description before the comma.
            (
                "According to a 52-count civil complaint filed by the federal Securities and Exchange Commission and a 15-count complaint by Vermont, the developers engaged in a \"massive eight-year fraudulent scheme.\"",
                "a 52-count civil complaint filed by the federal Securities and Exchange Commission and a 15-count complaint by Vermont",
            ),
        ] {
            assert_eq!(speaker(text).as_deref(), Some(expected), "{text}");
        }
        // A last name alone after an opening phrase is the subject when the article gave the
        // full name (its party and state in brackets are no part of it).
        let got = run(
            "Senate Minority Leader Harry Reid (D-Nev.) has been pounding Trump as a “con artist.”\n\nIn recent weeks, Reid has gone after Trump as a “human leech who will bleed the country.”",
        );
        assert_eq!(got[1].1.as_deref(), Some("Harry Reid"), "{got:?}");
        // A subject of `be` says nothing: a copula, a passive (not a progressive).
        for text in [
            "The choice was between going after Trump as “uniquely unacceptable and unfit” or poking holes in his image.",
            "The less valuable mines would be placed in a separate \"liquidating trust\" run by the state.",
        ] {
            assert!(run(text).iter().all(|q| q.1.is_none()), "{text}");
        }
        assert_eq!(
            speaker("Donald Trump is once again questioning the integrity of the voting system to make sure everything is “on the up and up.”").as_deref(),
            Some("Donald Trump")
        );
        // A description has no verb of its own, and a long one names a role.
        for text in [
            "It's that the observed volume is much higher than what is predicted from \"exogenic\" sources, the authors said.",
            "Many residents of the city, including me, were a little wary at the title of this book said \"CBR600F4\" on its cover.",
        ] {
            assert!(
                run(text).iter().all(|q| q
                    .1
                    .as_deref()
                    .is_none_or(|s| !s.contains(" is ") && !s.contains("wary"))),
                "{text}"
            );
        }
        // A subject phrase ends at a cue or a stop within eight words; a relative clause is no
        // part of it.
        let embassy = speaker(
            "The US Embassy in New Delhi maintains its own air quality monitor and reported Wednesday a rating of “hazardous.”",
        );
        assert!(
            embassy.as_deref().is_none_or(|s| !s.contains("maintains")),
            "{embassy:?}"
        );
        // A sentence-opening preposition is no name; a month ends one; a possessive subject is
        // the person (`Steenburgen’s` is `Mary Steenburgen`).
        for (text, expected) in [
            (
                "Another waitress who calls me her “sister” didn’t answer the texts I sent her.",
                "Another waitress",
            ),
            (
                "The piece used one of the woman’s quotes as its headline: “Finally. Someone who thinks like me.”",
                "The piece",
            ),
            // An adjective before a plural noun opens a description; when it is a phrase of
            // time, the description after its comma is the subject.
            (
                "Small groups of protesters continued to call for more information, looping the streets while chanting, \"Hands up, don't shoot.\"",
                "Small groups of protesters",
            ),
            (
                "Twenty-two years ago, a Times article hailed Trump as “The Comeback Kid” for his business success.",
                "a Times article",
            ),
            // Words announced by a noun of speech after a colon are the subject's, after an
            // opening phrase of any length.
            (
                "With Democratic leaders increasingly worried about a lack of passion for Hillary Clinton among young black voters, President Obama is rolling out a new and more personal campaign message: \"It's about me.\"",
                "Obama",
            ),
            (
                "Dale Ford and Martha Ford agreed to an interview.\n\nOver the course of that interview, Dale disputed that, saying instead he was “introverted by nature.”",
                "Dale",
            ),
            (
                "Par la suite, François Bayrou a promis une loi de « moralisation » de la vie publique.",
                "François Bayrou",
            ),
            (
                "Despite Mr. Trump’s Oct. 11 announcement that they had reached a “historic” Phase 1 trade agreement, signing a deal has proved elusive.",
                "Trump",
            ),
            (
                "Mary Steenburgen wrote songs.\n\nSteenburgen’s own 2014 movie “The Discovery, written for the band, came out.",
                "Mary Steenburgen",
            ),
        ] {
            assert_eq!(
                speaker(text).as_deref(),
                Some(expected),
                "{text} {:?}",
                run(text)
            );
        }
        // `X said yes` after a quotation answers it; the clause before holds the speaker.
        let got = run(
            "“You winning?” she said, but Kevin was drifting off, and as Trump went on about “how the system is rigged,” and “our own struggling citizens,” Melanie said yes, over and over again.",
        );
        assert_eq!(got[2].1.as_deref(), Some("Trump"), "{got:?}");
        // A list of charges has no subject: neither its capitalised first word nor a name after
        // a preposition speaks.
        let charges = run(
            "Repeats racist words.\n\nPreys on our worst fears, regarding Muslims and immigrants, and calls people \"losers\" and \"very sad people.\"",
        );
        assert!(charges.iter().all(|q| q.1.is_none()), "{charges:?}");
        // … but a cue reports the words: they are a quote, with no speaker.
        assert_eq!(charges[0].0, "losers", "{charges:?}");
        let cited = run(
            "Although the IMF did not single out his proposals, it referenced \"political tensions\" in advanced economies.",
        );
        assert_eq!(cited[0].0, "political tensions", "{cited:?}");
        // A shouted heading is no speaker.
        assert_ne!(
            speaker("CONGRESS HAS INVESTIGATED HIM — Oz's dubious advice earned him attention for saying that an extract was a \"magic weight loss cure.\"").as_deref(),
            Some("CONGRESS HAS INVESTIGATED HIM")
        );
    }

    #[test]
    fn a_pronoun_stands_for_a_speaker_of_its_gender_or_for_nobody() {
        // The article says Tribe is a man (`Tribe said he`, `Mr. Tribe`): `she` is not Tribe.
        let got = run(
            "Laurence Tribe said he disagreed with the plan.\n\nMr. Tribe spoke for an hour.\n\n“I was right all along,” she said.",
        );
        assert_eq!(got[0].1, None, "{got:?}");
        let got = run("Hillary Clinton said she would go.\n\n“We will win this state,” she said.");
        assert_eq!(got[0].1.as_deref(), Some("Hillary Clinton"), "{got:?}");
        // An object pronoun tells nothing of the subject: `McCaskill scolded him`.
        let got = run(
            "Sen. Claire McCaskill scolded him: “The scientific community is against you,” she said.",
        );
        assert_eq!(got[0].1.as_deref(), Some("Claire McCaskill"), "{got:?}");
    }

    #[test]
    fn where_every_noun_is_capitalised_a_capital_names_no_speaker() {
        let text = "Die Polizei bezeichnete die Kundgebung als „unerlaubte Wahlveranstaltung in einem Bundesgebäude“.";
        let (paragraphs, sentences) = segment::layout_for_tests(text);
        let german = find(text, &paragraphs, &sentences, Capitals::MarkNouns);
        assert_eq!(german.len(), 1);
        assert_eq!(german[0].speaker, None);
        // A cue still names its subject; a German title is no part of the name, but a title
        // with `von` is a description.
        for (text, expected) in [
            (
                "„Wir haben einen gewaltigen Auftragseingang“, sagte Konzernchef Robert Machtlinger.",
                "Robert Machtlinger",
            ),
            (
                "„Die Lieferantenketten werden sich verändern“, sagte Konzernchef von FACC.",
                "Konzernchef von FACC",
            ),
        ] {
            let (paragraphs, sentences) = segment::layout_for_tests(text);
            let german = find(text, &paragraphs, &sentences, Capitals::MarkNouns);
            assert_eq!(german[0].speaker.as_deref(), Some(expected), "{text}");
        }
        assert_eq!(
            run("\"We will not stand by,\" said Secretary of State John Kerry.")[0]
                .1
                .as_deref(),
            Some("John Kerry")
        );
        // A last name resolves to the name after the titles of the run that introduced it.
        assert_eq!(
            run("Israeli Prime Minister Benjamin Netanyahu arrived on Monday.\n\n\"We will not accept these claims,\" Netanyahu said.")[0].1.as_deref(),
            Some("Benjamin Netanyahu")
        );
    }

    #[test]
    fn headlines_and_named_works_are_not_quotes() {
        let got = run(
            "Bill Clinton Calls Obamacare ‘Crazy System’ At Rally.\n\nPaul Ryan said in an interview on CBS's \"Face the Nation,\" that \"we have work to do on the budget.\"",
        );
        let quoted: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(quoted, ["we have work to do on the budget."]);
        // `called` that names a thing: no speaker's words.
        for text in [
            "The patient was diagnosed with what's called \"feather duvet lung,\" a type of severe lung inflammation.",
            "One of the cards, a poem called “Winter Solstice, Camelot Station,” went on to win the World Fantasy Award.",
            "He performed an improvised live show called “Ask Dr. Mike” at conventions.",
        ] {
            assert!(run(text).is_empty(), "{text}");
        }
        assert_eq!(
            run("Elizabeth Warren said Stumpf should resign, in what she called “gutless leadership.”")[0].1.as_deref(),
            Some("Elizabeth Warren")
        );
        // A headline in sentence case repeats a quotation of the article.
        let got = run(
            "De Blasio says Chelsea explosion was an 'intentional act.'\n\nMayor Bill de Blasio described the blast as “an intentional act.”",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1.as_deref(), Some("Bill de Blasio"));
        // A programme named after a preposition, whoever speaks around it.
        let got = run(
            "Bernie Sanders said on \"Morning Joe\" that Clinton needs to \"get away from all of this personality stuff.\"",
        );
        let quoted: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(quoted, ["get away from all of this personality stuff."]);
        // A programme after a possessive, a name used as a modifier, a nickname, a heading.
        for text in [
            "Johnson tells MSNBC’s “Morning Joe” on Friday that the attack remains under investigation.",
            "Al Sharpton began taking calls from listeners to his \"Keepin' It Real\" radio program.",
            "Trump yoked him with the nickname \"Lyin' Ted.\"",
            "State Del. Marcia \"Cia\" Price shouted to the crowd.",
            "'Legend in the Coal Fields.'\n\nBankruptcy is like a chess game, Mr. Clarke said.",
        ] {
            assert!(run(text).is_empty(), "{text}");
        }
        // `”` opening a quotation at the start of a paragraph, even before a space.
        let got = run("Getty.\n\n”Fear. I am truly afraid that he will win,” said Edwin Monroy.");
        assert_eq!(got[0].1.as_deref(), Some("Edwin Monroy"));
        let got =
            run("Getty.\n\n” … he delivered a mix of orthodoxy and rejoinders,” Barabak wrote.");
        assert_eq!(
            got[0].0,
            "… he delivered a mix of orthodoxy and rejoinders,"
        );
        assert_eq!(got[0].1.as_deref(), Some("Barabak"));
    }

    #[test]
    fn an_attribution_between_dashes_inside_the_marks_splits_the_quotation() {
        let got = run(
            "«Это не для слабонервных, – пожаловалась Поризкова. – Я постоянно борюсь с собой».",
        );
        let quotes: Vec<(&str, Option<&str>, Attribution, QuoteKind)> = got
            .iter()
            .map(|q| (q.0.as_str(), q.1.as_deref(), q.2, q.3))
            .collect();
        assert_eq!(
            quotes,
            [
                (
                    "Это не для слабонервных",
                    Some("Поризкова"),
                    Attribution::Explicit,
                    QuoteKind::Direct
                ),
                (
                    "Я постоянно борюсь с собой",
                    Some("Поризкова"),
                    Attribution::Explicit,
                    QuoteKind::Direct
                ),
            ]
        );
    }

    #[test]
    fn quotation_marks_and_cues_of_other_languages() {
        let speaker_of = |text: &str| -> Vec<(String, Option<String>)> {
            run(text).into_iter().map(|(q, s, _, _)| (q, s)).collect()
        };
        let one = |q: &str, s: &str| vec![(q.to_owned(), Some(s.to_owned()))];
        assert_eq!(
            speaker_of(
                "„Wir werden die Ukraine weiter unterstützen“, sagte Olaf Scholz am Montag."
            ),
            one("Wir werden die Ukraine weiter unterstützen", "Olaf Scholz")
        );
        assert_eq!(
            speaker_of("»Das ist nicht akzeptabel«, erklärte Annalena Baerbock."),
            one("Das ist nicht akzeptabel", "Annalena Baerbock")
        );
        assert_eq!(
            speaker_of("« Nous ne céderons pas », a déclaré Emmanuel Macron jeudi."),
            one("Nous ne céderons pas", "Emmanuel Macron")
        );
        assert_eq!(
            speaker_of("«La situación es muy grave», dijo Pedro Sánchez en Madrid."),
            one("La situación es muy grave", "Pedro Sánchez")
        );
        assert_eq!(
            speaker_of("«Мы не допустим эскалации», — заявил Дмитрий Песков журналистам."),
            one("Мы не допустим эскалации", "Дмитрий Песков")
        );
        assert_eq!(
            speaker_of("— No vamos a negociar con terroristas — dijo Pedro Sánchez."),
            one("No vamos a negociar con terroristas", "Pedro Sánchez")
        );
        // Japanese corner brackets: found as a quote; nobody is guessed as the speaker.
        let japanese = run("首相は「経済対策を急ぐ必要がある」と述べた。");
        assert_eq!(japanese.len(), 1);
        assert_eq!(japanese[0].0, "経済対策を急ぐ必要がある");
    }
}
