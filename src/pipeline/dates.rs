//! Finding calendar dates and relative ages ("2 hours ago") in short lines of text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::time::{MONTH_ABBREVIATIONS, MONTHS, UPDATE_LABELS};

/// A calendar date found in text, with as much precision as the text gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// Year.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
    /// Byte range of the date in the searched text.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

impl FoundDate {
    /// `YYYY-MM-DD`.
    #[must_use]
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Any month name or abbreviation, as one capturing group: longer forms first, so that
/// `september` is taken whole rather than as `sep`.
fn month_pattern() -> String {
    let mut names: Vec<&str> = MONTHS.iter().chain(MONTH_ABBREVIATIONS.iter()).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    format!("({})", names.join("|"))
}

#[allow(clippy::expect_used)] // constant patterns: a failure is a bug caught by the tests below
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("date patterns are valid")
}

static ISO: LazyLock<Regex> = LazyLock::new(|| regex(r"(?:^|\D)((\d{4})-(\d{2})-(\d{2}))(?:\D|$)"));
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|\D)((\d{1,2})([./-])(\d{1,2})[./-](\d{4}))(?:\D|$)"));
static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b({}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}))\b",
        month_pattern()
    ))
});
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b((\d{{1,2}})(?:st|nd|rd|th)?\.?\s+{}\.?,?\s+(\d{{4}}))\b",
        month_pattern()
    ))
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/\-_.]|$)")
});
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(\d+|\ban?|\bone)\s*(second|sec|minute|min|hour|hr|day|week|month|year|h|m|d)s?\s+ago\b",
    )
});

fn month_number(name: &str) -> Option<u8> {
    let key: String = name.chars().take(3).flat_map(char::to_lowercase).collect();
    MONTHS
        .iter()
        .position(|m| m.get(..3) == Some(key.as_str()))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn make(year: &str, month: u8, day: &str, range: Range<usize>) -> Option<FoundDate> {
    let year: u16 = year.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    let days_in_month = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    ((1990..=2100).contains(&year) && (1..=days_in_month).contains(&day)).then_some(FoundDate {
        year,
        month,
        day,
        start: range.start,
        end: range.end,
    })
}

/// The first calendar date in `text`: ISO `2025-02-14`, numeric `14-02-2025` / `02/14/2025`
/// (day first unless that is impossible; for `/` month first unless that is impossible), or with a
/// month name (`Feb. 14, 2025`, `14 February 2025`). Dates glued to words are found too
/// (`Al Arabiya14-02-2025`).
#[must_use]
pub fn find_date(text: &str) -> Option<FoundDate> {
    // Every form has a four-digit year and a day: most lines have fewer digits, and no regex runs.
    text.bytes().filter(u8::is_ascii_digit).nth(4)?;
    let mut found: Vec<FoundDate> = Vec::new();
    if let Some(c) = ISO.captures(text) {
        if let (Some(all), Some(y), Some(m), Some(d)) = (c.get(1), c.get(2), c.get(3), c.get(4)) {
            found.extend(
                m.as_str()
                    .parse()
                    .ok()
                    .and_then(|m| make(y.as_str(), m, d.as_str(), all.range())),
            );
        }
    }
    if let Some(c) = NUMERIC.captures(text) {
        if let (Some(all), Some(a), Some(sep), Some(b), Some(y)) =
            (c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
        {
            let (a_num, b_num): (u8, u8) = (
                a.as_str().parse().unwrap_or(0),
                b.as_str().parse().unwrap_or(0),
            );
            let month_first = sep.as_str() == "/" && a_num <= 12 || b_num > 12;
            let date = if month_first {
                make(y.as_str(), a_num, b.as_str(), all.range())
            } else {
                make(y.as_str(), b_num, a.as_str(), all.range())
            };
            found.extend(date);
        }
    }
    if let Some(c) = MONTH_FIRST.captures(text) {
        if let (Some(all), Some(m), Some(d), Some(y)) = (c.get(1), c.get(2), c.get(3), c.get(4)) {
            found.extend(
                month_number(m.as_str()).and_then(|m| make(y.as_str(), m, d.as_str(), all.range())),
            );
        }
    }
    if let Some(c) = DAY_FIRST.captures(text) {
        if let (Some(all), Some(d), Some(m), Some(y)) = (c.get(1), c.get(2), c.get(3), c.get(4)) {
            found.extend(
                month_number(m.as_str()).and_then(|m| make(y.as_str(), m, d.as_str(), all.range())),
            );
        }
    }
    found.into_iter().min_by_key(|d| d.start)
}

/// Whether the words before a date say it is a revision, not the publication: `Updated`,
/// `Last reviewed`, `Modified`, `Last active`, and the same in German, French and Spanish.
#[must_use]
pub fn is_update_label(label: &str) -> bool {
    let lower = label.to_lowercase();
    UPDATE_LABELS.iter().any(|u| lower.contains(u))
}

/// A date in a URL path: `/2025/12/17/`, `/2025-12-17-`, `/20251217/`; `None` for a year alone
/// or a year and month (no padding to the first of the month).
#[must_use]
pub fn find_url_date(url: &str) -> Option<String> {
    let c = URL_DATE.captures(url)?;
    let month: u8 = c.get(2)?.as_str().parse().ok()?;
    let found = make(c.get(1)?.as_str(), month, c.get(3)?.as_str(), 0..0)?;
    Some(found.iso())
}

/// The first relative age in `text` (`2 hours ago`), as written.
#[must_use]
pub fn find_age(text: &str) -> Option<Range<usize>> {
    AGE.find(text).map(|m| m.range())
}

/// An ISO 8601 date or date-time from markup in the RFC 3339 shape: `2019-11-19` stays a date;
/// `2019-11-19T13:03:00.000Z`, `2019-11-19 12:05:31+0000` and `2019-11-19T12:05` become
/// `2019-11-19T13:03:00.000Z`, `2019-11-19T12:05:31+00:00` and `2019-11-19T12:05:00`. The date and
/// time are kept as written (no zone conversion); a time with no zone stays without one. `None`
/// when `raw` does not start with `YYYY-MM-DD`.
#[must_use]
pub fn rfc3339(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let b = raw.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let date = &raw[..10];
    // `T12:05` or ` 12:05`, then `:31`, then `.000`, then the zone.
    let timed = matches!(b.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16);
    if !timed {
        return Some(date.to_owned());
    }
    let mut out = format!("{date}T{}", &raw[11..16]);
    let mut at = 16;
    if b.get(at) == Some(&b':') && digits(at + 1..at + 3) {
        out.push_str(&raw[at..at + 3]);
        at += 3;
    } else {
        out.push_str(":00");
    }
    if b.get(at) == Some(&b'.') {
        let n = b[at + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .count();
        if n > 0 {
            out.push_str(&raw[at..at + 1 + n]);
            at += 1 + n;
        }
    }
    if b.get(at) == Some(&b' ') && matches!(b.get(at + 1), Some(b'Z' | b'+' | b'-')) {
        at += 1;
    }
    match b.get(at) {
        Some(b'Z' | b'z') => out.push('Z'),
        Some(sign @ (b'+' | b'-')) if digits(at + 1..at + 3) => {
            let hours = &raw[at + 1..at + 3];
            let rest = &b[at + 3..];
            let minutes = if rest.first() == Some(&b':')
                && rest
                    .get(1..3)
                    .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
            {
                &raw[at + 4..at + 6]
            } else if rest
                .get(..2)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
            {
                &raw[at + 3..at + 5]
            } else {
                "00"
            };
            out.push(char::from(*sign));
            out.push_str(hours);
            out.push(':');
            out.push_str(minutes);
        }
        _ => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_dates_take_the_rfc_3339_shape_as_written() {
        for (raw, want) in [
            ("2018-09-16", Some("2018-09-16")),
            ("2019-11-19T13:03:00.000Z", Some("2019-11-19T13:03:00.000Z")),
            (
                "2019-11-19T12:05:31+0000",
                Some("2019-11-19T12:05:31+00:00"),
            ),
            (
                "2019-11-19 12:05:31 +01:00",
                Some("2019-11-19T12:05:31+01:00"),
            ),
            (
                "2019-11-19 12:05:31-05:00",
                Some("2019-11-19T12:05:31-05:00"),
            ),
            ("2019-11-19T12:05", Some("2019-11-19T12:05:00")),
            ("2019-11-19T12:05+02", Some("2019-11-19T12:05:00+02:00")),
            ("2019-11-19garbage", Some("2019-11-19")),
            ("19 Nov 2019", None),
        ] {
            assert_eq!(rfc3339(raw).as_deref(), want, "{raw}");
        }
    }

    fn iso(text: &str) -> Option<String> {
        find_date(text).map(|d| d.iso())
    }

    #[test]
    fn a_date_glued_to_the_source_name_is_day_month_year() {
        let d = find_date("Al Arabiya14-02-2025");
        assert_eq!(d.map(|d| d.iso()), Some("2025-02-14".into()));
        assert_eq!(d.map(|d| d.start), Some(10));
    }

    #[test]
    fn common_formats_are_read() {
        assert_eq!(
            iso("Chris Davies - Nov 19, 2019, 10:31 pm CST"),
            Some("2019-11-19".into())
        );
        assert_eq!(iso("Published 14 February 2025"), Some("2025-02-14".into()));
        assert_eq!(iso("2025-02-14T10:00:00Z"), Some("2025-02-14".into()));
        assert_eq!(iso("02/14/2025"), Some("2025-02-14".into()));
        assert_eq!(iso("Updated: Sept. 3, 2021"), Some("2021-09-03".into()));
        assert_eq!(iso("no date here 2025"), None);
        assert_eq!(iso("31-02-2025"), None);
    }

    #[test]
    fn url_paths_give_dates_only_to_the_day() {
        assert_eq!(
            find_url_date("https://x.com/2025/12/17/some-story/"),
            Some("2025-12-17".into())
        );
        assert_eq!(
            find_url_date("https://x.com/news/2025-02-14-title"),
            Some("2025-02-14".into())
        );
        assert_eq!(find_url_date("https://x.com/2025/12/some-story/"), None);
        assert_eq!(find_url_date("https://x.com/item/12345678"), None);
    }

    #[test]
    fn ages_are_found_inside_glued_labels() {
        let text = "time2 hours ago";
        assert_eq!(
            find_age(text).and_then(|r| text.get(r)),
            Some("2 hours ago")
        );
    }
}
