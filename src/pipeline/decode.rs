//! Decoding: raw bytes and a declared content type → text, and whether it is HTML.
//!
//! The charset comes from, in order: a byte-order mark, the `Content-Type` charset, an HTML
//! `<meta charset>` in the first 4 KiB, valid UTF-8, then statistical detection (chardetng).

use encoding_rs::Encoding;

use super::error::PrepError;
use super::lexicon::markup::{HTML_OPENINGS, NOT_TEXT_MEDIA_TYPES};

/// What the bytes turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Whether it is markup.
    pub is_html: bool,
    /// The charset used.
    pub charset: &'static str,
    /// Things the caller may want to know (a guessed charset, replaced bytes).
    pub warnings: Vec<String>,
}

/// Decodes `data`.
///
/// # Errors
/// `NotText` when the bytes decode to mostly control characters or replacement characters.
pub fn decode(data: &[u8], content_type: Option<&str>) -> Result<Decoded, PrepError> {
    if let Some(media) = content_type.map(media_type)
        && NOT_TEXT_MEDIA_TYPES
            .iter()
            .any(|t| media == t || t.ends_with(['/', '.']) && media.starts_with(t))
    {
        return Err(PrepError::NotText {
            reason: format!("raw.content_type is {media}, a document that is not text or HTML"),
        });
    }
    let mut warnings = Vec::new();
    let declared = content_type
        .and_then(charset_param)
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    let (encoding, body) = if let Some((enc, bom_len)) = Encoding::for_bom(data) {
        (enc, &data[bom_len..])
    } else if let Some(enc) = declared {
        (enc, data)
    } else if let Some(enc) = meta_charset(data) {
        (enc, data)
    } else if std::str::from_utf8(data).is_ok() {
        (encoding_rs::UTF_8, data)
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(data, true);
        let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
        warnings.push(format!("no charset declared; detected {}", guess.name()));
        (guess, data)
    };
    // A page declaring UTF-16 in a meta tag is really ASCII-compatible (WHATWG rule).
    let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        if Encoding::for_bom(data).is_some() {
            encoding
        } else {
            encoding_rs::UTF_8
        }
    } else {
        encoding
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        warnings.push(format!(
            "some bytes were not valid {} and were replaced",
            encoding.name()
        ));
    }
    check_is_text(&text)?;
    let is_html = content_type.is_some_and(|c| c.to_ascii_lowercase().contains("html"))
        || looks_like_html(&text);
    Ok(Decoded {
        text: text.into_owned(),
        is_html,
        charset: encoding.name(),
        warnings,
    })
}

/// `application/pdf` of `Application/PDF; x=y`: the type and subtype, lower case.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_owned())
    })
}

fn meta_charset(data: &[u8]) -> Option<&'static Encoding> {
    let head = &data[..data.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[at + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    Encoding::for_label(&rest[..end])
}

/// Refuses bytes that are not text: many control or replacement characters.
fn check_is_text(text: &str) -> Result<(), PrepError> {
    let sample: Vec<char> = text.chars().take(65_536).collect();
    if sample.is_empty() {
        return Ok(());
    }
    let bad = sample
        .iter()
        .filter(|c| {
            **c == '\u{FFFD}' || c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0c}')
        })
        .count();
    if bad * 10 > sample.len() {
        return Err(PrepError::NotText {
            reason: format!(
                "{bad} of the first {} characters are control or undecodable bytes",
                sample.len()
            ),
        });
    }
    Ok(())
}

/// Whether text is markup: it opens with a tag and has a document-level element early on.
#[must_use]
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start()
        .chars()
        .take(2048)
        .flat_map(char::to_lowercase)
        .collect();
    head.starts_with('<') && HTML_OPENINGS.iter().any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_type_that_is_not_text_is_refused_naming_it() {
        let refused = decode(b"%PDF-1.7 some text", Some("Application/PDF; x=y"));
        assert_eq!(
            refused.err().map(|e| e.to_string()),
            Some(
                "raw.data is not text: raw.content_type is application/pdf, a document that is \
                 not text or HTML"
                    .to_owned()
            )
        );
        assert!(decode(b"GIF89a", Some("image/gif")).is_err());
        assert!(decode(b"PK", Some("application/vnd.openxmlformats-officedocument")).is_err());
        // Unknown bytes are sniffed; text types are read.
        assert!(decode(b"Plain words here.", Some("application/octet-stream")).is_ok());
        assert!(decode(b"Plain words here.", Some("text/plain; charset=utf-8")).is_ok());
    }

    #[test]
    fn a_bom_wins() {
        let d = decode(
            b"\xEF\xBB\xBFcaf\xC3\xA9",
            Some("text/plain; charset=latin1"),
        );
        assert_eq!(d.map(|d| d.text), Ok("café".into()));
    }

    #[test]
    fn the_content_type_charset_is_used() {
        let d = decode(b"caf\xE9", Some("text/plain; charset=ISO-8859-1"));
        assert_eq!(d.map(|d| d.text), Ok("café".into()));
    }

    #[test]
    fn windows_1251_without_a_declaration_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Президент России заявил журналистам, что переговоры продолжатся на следующей неделе.",
        );
        let d = decode(&bytes, None);
        assert!(
            d.as_ref().is_ok_and(|d| d.text.contains("Президент")),
            "{d:?}"
        );
    }

    #[test]
    fn binary_garbage_is_not_text() {
        let garbage: Vec<u8> = (0..2000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8 % 32)
            .collect();
        assert!(matches!(
            decode(&garbage, None),
            Err(PrepError::NotText { .. })
        ));
    }

    #[test]
    fn html_is_sniffed() {
        assert!(
            decode(b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", None)
                .is_ok_and(|d| d.is_html)
        );
        assert!(decode(b"Just some text.", None).is_ok_and(|d| !d.is_html));
    }
}
