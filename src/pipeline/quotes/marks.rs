//! Quotation marks paired within a paragraph: which marks open and close (single quotes told
//! from apostrophes by the characters around them), dialogue dashes, and attributions that
//! Russian and Spanish writers interject between dashes inside the marks.

use super::cues::cue_word;
use crate::pipeline::span::Span;

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
pub(super) struct Marked {
    pub(super) open: usize,
    pub(super) inner_start: usize,
    pub(super) inner_end: usize,
    pub(super) close_start: usize,
    pub(super) close_end: usize,
    pub(super) closed: bool,
}

/// `«Это не для слабонервных, – пожаловалась Поризкова. – Я постоянно борюсь с собой»`: Russian
/// (and Spanish, Portuguese) writers put the attribution inside the marks between dashes. The
/// quotation is split around it, so the attribution is read after the first part and the second
/// part continues it.
pub(super) fn split_interjections(text: &str, marks: Vec<Marked>) -> Vec<Marked> {
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
pub(super) fn pair_marks(text: &str, paragraph: Span) -> Vec<Marked> {
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
