//! The payload and the caller's hints, as the pipeline receives them.

use super::error::PrepError;

/// An article payload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Scraped plain text (innerText).
    Text(String),
    /// An HTML page.
    Html(String),
    /// Undecoded bytes with the declared content type, if any.
    Raw {
        /// The bytes.
        data: Vec<u8>,
        /// The HTTP `Content-Type`, if known.
        content_type: Option<String>,
    },
}

impl Input {
    /// The payload's field name, as clients know it.
    #[must_use]
    pub fn field(&self) -> &'static str {
        match self {
            Input::Text(_) => "text",
            Input::Html(_) => "html",
            Input::Raw { .. } => "raw.data",
        }
    }

    /// The payload's size in bytes.
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Input::Text(s) | Input::Html(s) => s.len(),
            Input::Raw { data, .. } => data.len(),
        }
    }

    /// Whether the payload has no bytes at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Refuses empty and oversized payloads.
    ///
    /// # Errors
    /// `EmptyPayload` when there is nothing but white space; `PayloadTooLarge` over `limit` bytes.
    pub fn check(&self, limit: usize) -> Result<(), PrepError> {
        let field = self.field();
        if self.len() > limit {
            return Err(PrepError::PayloadTooLarge {
                field,
                size: self.len(),
                limit,
            });
        }
        let blank = match self {
            Input::Text(s) | Input::Html(s) => s.trim().is_empty(),
            Input::Raw { data, .. } => data.iter().all(u8::is_ascii_whitespace),
        };
        if blank {
            return Err(PrepError::EmptyPayload { field });
        }
        Ok(())
    }
}

/// What the caller knows about the article; checked once, trusted after.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Hints {
    /// The page URL (metadata only: never fetched).
    pub url: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The publisher.
    pub source: Option<String>,
    /// The publication date, ISO 8601.
    pub published_at: Option<String>,
    /// A BCP 47 language tag, lower-cased primary subtag.
    pub language: Option<String>,
}

impl Hints {
    /// Checks raw hints: blank ones are dropped, malformed ones refused.
    ///
    /// # Errors
    /// `InvalidHint` naming the field when the URL is not http(s), the date is not ISO 8601 or
    /// the language is not a BCP 47 tag.
    pub fn parse(
        url: Option<String>,
        title: Option<String>,
        source: Option<String>,
        published_at: Option<String>,
        language: Option<String>,
    ) -> Result<Self, PrepError> {
        let keep = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        let url = keep(url);
        if let Some(u) = &url
            && !is_web_address(u)
        {
            return Err(PrepError::InvalidHint {
                field: "hints.url",
                reason: format!("must be an absolute http(s) URL, got {u:?}"),
            });
        }
        let published_at = keep(published_at);
        if let Some(d) = &published_at
            && !is_iso8601(d)
        {
            return Err(PrepError::InvalidHint {
                field: "hints.published_at",
                reason: format!("must be an ISO 8601 date or date-time, got {d:?}"),
            });
        }
        let language = keep(language);
        if let Some(l) = &language
            && !is_bcp47(l)
        {
            return Err(PrepError::InvalidHint {
                field: "hints.language",
                reason: format!("must be a BCP 47 tag such as \"en\" or \"pt-BR\", got {l:?}"),
            });
        }
        Ok(Self {
            url,
            title: keep(title),
            source: keep(source),
            published_at,
            language,
        })
    }
}

/// An absolute http(s) address by the WHATWG URL standard, with no white space in it (a pasted
/// sentence is not an address, though the parser would percent-encode its spaces).
fn is_web_address(s: &str) -> bool {
    !s.contains(char::is_whitespace)
        && url::Url::parse(s).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
}

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a real day of the calendar), or a date-time
/// `YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]` (`t` or a space for `T`), read by chrono.
fn is_iso8601(s: &str) -> bool {
    use chrono::{DateTime, NaiveDate, NaiveDateTime};
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match s.len() {
        4 => year(s),
        // chrono reads `2025-2` as February too: the fixed shape is checked first.
        7 => {
            s.get(..4).is_some_and(year)
                && s.as_bytes()[4] == b'-'
                && is_iso8601(&format!("{s}-01"))
        }
        10 => {
            s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            }) && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
        }
        _ => {
            let (Some(date), Some(rest)) = (s.get(..10), s.get(11..)) else {
                return false;
            };
            if !is_iso8601(date) || !matches!(s.as_bytes()[10], b'T' | b't' | b' ') {
                return false;
            }
            let s = format!("{date}T{rest}");
            DateTime::parse_from_rfc3339(&s).is_ok()
                || ["%Y-%m-%dT%H:%M%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"]
                    .iter()
                    .any(|f| DateTime::parse_from_str(&s, f).is_ok())
                || ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S%.f"]
                    .iter()
                    .any(|f| NaiveDateTime::parse_from_str(&s, f).is_ok())
        }
    }
}

/// A well-formed BCP 47 language tag (`en`, `pt-BR`, `zh-Hant-TW`), by ICU4X's parser; `_`
/// is taken for `-`, as POSIX locales write it.
fn is_bcp47(s: &str) -> bool {
    icu_locale_core::Locale::try_from_str(&s.replace('_', "-")).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_date_times_are_accepted() {
        for ok in [
            "2025",
            "2025-02",
            "2025-02-14",
            "2025-02-14T10:20Z",
            "2025-02-14T10:20:30.5+02:00",
        ] {
            assert!(is_iso8601(ok), "{ok}");
        }
        for bad in [
            "14-02-2025",
            "2025-13-01",
            "2025-02-30",
            "yesterday",
            "2025-02-14T25:00",
            // A character across the tenth byte, and across the fourth (issue 31: these panicked).
            "2025a€€€€",
            "202€-01-01T10:00",
            "2025-02-1€T10:00",
            "2025-€",
        ] {
            assert!(!is_iso8601(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags_are_bcp_47() {
        for ok in ["en", "pt-BR", "pt_BR", "zh-Hant-TW", "de-CH-1996"] {
            assert!(is_bcp47(ok), "{ok}");
        }
        for bad in ["english please", "e", "en-", "12", "en--US", "€n"] {
            assert!(!is_bcp47(bad), "{bad}");
        }
    }

    #[test]
    fn urls_are_absolute_web_addresses() {
        for ok in [
            "https://example.com/a b".replace(' ', "%20").as_str(),
            "HTTP://Example.com",
        ] {
            assert!(is_web_address(ok), "{ok}");
        }
        for bad in [
            "ftp://x",
            "https://",
            "http://exa mple.com",
            "example.com/a",
            "//example.com/a",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }

    #[test]
    fn malformed_hints_name_their_field() {
        let err = Hints::parse(None, None, None, None, Some("english please".into()));
        assert!(matches!(
            err,
            Err(PrepError::InvalidHint {
                field: "hints.language",
                ..
            })
        ));
        let err = Hints::parse(Some("ftp://x".into()), None, None, None, None);
        assert!(matches!(
            err,
            Err(PrepError::InvalidHint {
                field: "hints.url",
                ..
            })
        ));
    }

    #[test]
    fn whitespace_only_text_is_empty() {
        assert_eq!(
            Input::Text(" \n\t".into()).check(100),
            Err(PrepError::EmptyPayload { field: "text" })
        );
        assert!(matches!(
            Input::Text("abc".into()).check(2),
            Err(PrepError::PayloadTooLarge { .. })
        ));
    }
}
