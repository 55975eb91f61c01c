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
        if let Some(u) = &url {
            let lower = u.to_ascii_lowercase();
            if !(lower.starts_with("http://") || lower.starts_with("https://"))
                || u.contains(char::is_whitespace)
            {
                return Err(PrepError::InvalidHint {
                    field: "hints.url",
                    reason: format!("must be an absolute http(s) URL, got {u:?}"),
                });
            }
        }
        let published_at = keep(published_at);
        if let Some(d) = &published_at {
            if !is_iso8601(d) {
                return Err(PrepError::InvalidHint {
                    field: "hints.published_at",
                    reason: format!("must be an ISO 8601 date or date-time, got {d:?}"),
                });
            }
        }
        let language = keep(language);
        if let Some(l) = &language {
            if !is_bcp47(l) {
                return Err(PrepError::InvalidHint {
                    field: "hints.language",
                    reason: format!("must be a BCP 47 tag such as \"en\" or \"pt-BR\", got {l:?}"),
                });
            }
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

/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, or a date-time `YYYY-MM-DDThh:mm[:ss[.f]][Z|±hh:mm]`.
fn is_iso8601(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    let in_range = |r: std::ops::Range<usize>, lo: u32, hi: u32| {
        s.get(r)
            .and_then(|x| x.parse::<u32>().ok())
            .is_some_and(|v| (lo..=hi).contains(&v))
    };
    if !digits(0..4) {
        return false;
    }
    match b.len() {
        4 => true,
        7 => b[4] == b'-' && in_range(5..7, 1, 12),
        10 => b[4] == b'-' && b[7] == b'-' && in_range(5..7, 1, 12) && in_range(8..10, 1, 31),
        n if n >= 16 => {
            is_iso8601(&s[..10])
                && matches!(b[10], b'T' | b't' | b' ')
                && in_range(11..13, 0, 23)
                && b[13] == b':'
                && in_range(14..16, 0, 59)
                && s[16..]
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | 'Z' | 'z' | '+' | '-'))
        }
        _ => false,
    }
}

fn is_bcp47(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
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
        for bad in ["14-02-2025", "2025-13-01", "yesterday", "2025-02-14T25:00"] {
            assert!(!is_iso8601(bad), "{bad}");
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
