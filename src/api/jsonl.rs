//! Proto3 JSON in and out, without a server: what the CLI's `prepare` and `batch` use.

use super::convert::{self, Fields, Job};
use super::{errors, proto};
use std::time::Duration;

use crate::pipeline::{self, Deadline, Hints, Input, Options, PrepError};

/// Prepares one article and renders the `PreparedArticle` as pretty proto3 JSON.
///
/// # Errors
/// What the pipeline refused.
pub fn prepare_pretty(
    id: &str,
    input: Input,
    hints: &Hints,
    options: &Options,
    fields: Fields,
) -> Result<String, PrepError> {
    let prepared = pipeline::prepare(input, hints, options)?;
    let article = convert::article(id.to_owned(), prepared, options.offset_unit, fields);
    serde_json::to_string_pretty(&article).map_err(|e| PrepError::Internal(e.to_string()))
}

/// One `batch` line: a `PrepareRequest` in proto3 JSON → a `PrepareResult` in proto3 JSON. A bad
/// line gives an error result naming the line, never a failure of the batch; so does a line whose
/// article is not prepared within `item_timeout` (DEADLINE_EXCEEDED). `fields` is the read mask
/// of lines that give none.
#[must_use]
pub fn prepare_line(
    line_number: usize,
    line: &str,
    max_payload_bytes: usize,
    item_timeout: Option<Duration>,
    fields: &[String],
) -> proto::PrepareResult {
    let mut result = read_request(line_number, line, fields).map_or_else(
        |refused| *refused,
        |request| prepare_request(request, max_payload_bytes, item_timeout),
    );
    of_line(&mut result, line_number);
    result
}

/// Every error of a `batch` line says which line, as the reader's own errors do.
pub fn of_line(result: &mut proto::PrepareResult, line_number: usize) {
    if let Some(proto::prepare_result::Outcome::Error(e)) = &mut result.outcome {
        let prefix = format!("line {line_number}: ");
        if !e.message.starts_with(&prefix) {
            e.message.insert_str(0, &prefix);
        }
    }
}

/// One request of a batch → its `PrepareResult`: the article, or the error naming what was
/// wrong (DEADLINE_EXCEEDED past `item_timeout`).
#[must_use]
pub fn prepare_request(
    request: proto::PrepareRequest,
    max_payload_bytes: usize,
    item_timeout: Option<Duration>,
) -> proto::PrepareResult {
    let deadline = item_timeout.map_or(Deadline::none(), Deadline::after);
    let id = request.id.clone();
    let outcome = Job::from_proto(request, max_payload_bytes).and_then(|job| {
        let (unit, fields) = (job.options.offset_unit, job.fields);
        pipeline::prepare_within(job.input, &job.hints, &job.options, deadline)
            .map(|p| convert::article(job.id, p, unit, fields))
    });
    match outcome {
        Ok(article) => convert::article_result(article),
        Err(e) => convert::error_result(id, &errors::status(&e)),
    }
}

/// A `batch` line read as a `PrepareRequest` (with `fields` as its read mask when it gives
/// none), or the error result for a line that is not one.
///
/// # Errors
/// The `PrepareResult` to print for the line.
pub fn read_request(
    line_number: usize,
    line: &str,
    fields: &[String],
) -> Result<proto::PrepareRequest, Box<proto::PrepareResult>> {
    let refused = |field: &str, e: &serde_json::Error| {
        let status = match misread(line, field) {
            Some((field, why)) => errors::misread_line(line_number, field, &why),
            None => errors::unreadable_line(line_number, field, e),
        };
        Box::new(convert::error_result(line_id(line), &status))
    };
    let mut reader = serde_json::Deserializer::from_str(line);
    let mut request: proto::PrepareRequest = serde_path_to_error::deserialize(&mut reader)
        .map_err(|e| refused(&e.path().to_string(), e.inner()))?;
    reader.end().map_err(|e| refused("", &e))?;
    if !fields.is_empty()
        && request
            .read_mask
            .as_ref()
            .is_none_or(|m| m.paths.is_empty())
    {
        request.read_mask = Some(crate::api::field_mask::FieldMask {
            paths: fields.to_vec(),
        });
    }
    Ok(request)
}

/// The request fields that take a whole number, with their range.
const WHOLE_NUMBERS: &[&str] = &[
    "options.chunking.maxTokens",
    "options.chunking.overlapTokens",
];

/// What a client would need to hear about a line the reader refused, where serde's words would
/// not tell it (an untagged enum, a duplicate field): the field at fault and why. Read only for
/// refused lines, so a good line is parsed once.
fn misread(line: &str, path: &str) -> Option<(&'static str, String)> {
    let value: serde_json::Value = serde_json::from_str(line).ok()?;
    let payloads: Vec<&str> = ["text", "html", "raw"]
        .into_iter()
        .filter(|k| value.get(k).is_some())
        .collect();
    if payloads.len() > 1 {
        return Some((
            "payload",
            format!(
                "set only one of text, html or raw; this line sets {}",
                payloads.join(" and ")
            ),
        ));
    }
    let field = WHOLE_NUMBERS.iter().find(|f| **f == path)?;
    let got = path
        .split('.')
        .try_fold(&value, |v, key| v.get(key))
        .map(ToString::to_string)
        .unwrap_or_default();
    Some((
        field,
        format!("{field} must be a whole number from 0 to 4294967295, got {got}"),
    ))
}

/// A refused line's `id`, whenever the line is JSON at all, so that its error finds its way
/// back; else empty.
#[must_use]
pub fn line_id(line: &str) -> String {
    serde_json::from_str::<serde_json::Value>(line)
        .ok()
        .and_then(|v| v.get("id")?.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One line of a JSON-lines input.
#[derive(Debug)]
pub enum Line {
    /// Its text.
    Text(String),
    /// A line that is not UTF-8: the error result for it (its id recovered when the rest reads
    /// as JSON).
    NotText(Box<proto::PrepareResult>),
    /// Reading the input failed.
    Failed(std::io::Error),
}

/// The lines of a JSON-lines input, numbered from 1, blank ones left out. A line that is not
/// UTF-8 is that line's error, never the end of the input.
pub fn lines(input: impl std::io::BufRead) -> impl Iterator<Item = (usize, Line)> {
    input.split(b'\n').enumerate().filter_map(|(n, bytes)| {
        let line_number = n + 1;
        let mut bytes = match bytes {
            Ok(bytes) => bytes,
            Err(e) => return Some((line_number, Line::Failed(e))),
        };
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let line = match String::from_utf8(bytes) {
            Ok(text) => Line::Text(text),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                Line::NotText(Box::new(convert::error_result(
                    line_id(&String::from_utf8_lossy(e.as_bytes())),
                    &errors::not_utf8_line(line_number, at),
                )))
            }
        };
        Some((line_number, line))
    })
}

/// Writes a result as one line of proto3 JSON, streamed: a result of a million removed lines is
/// never held as one string besides itself.
///
/// # Errors
/// Writing failed.
pub fn write_line(
    result: &proto::PrepareResult,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, result).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// A result as one line of proto3 JSON.
#[must_use]
pub fn render(result: &proto::PrepareResult) -> String {
    serde_json::to_string(result).unwrap_or_else(|e| {
        format!(r#"{{"error":{{"code":13,"codeName":"INTERNAL","message":"cannot render result: {e}"}}}}"#)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_an_error_result_naming_the_line() {
        let out: serde_json::Value =
            serde_json::from_str(&render(&prepare_line(7, "{not json", 1024, None, &[])))
                .unwrap_or_default();
        assert_eq!(out["error"]["code"], 3);
        assert_eq!(out["error"]["codeName"], "INVALID_ARGUMENT");
        assert!(
            out["error"]["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("line 7: not a PrepareRequest in proto3 JSON:"))
        );
        // Not JSON at all: no field is at fault.
        assert_eq!(out["error"]["field"], "");
    }

    #[test]
    fn an_unreadable_line_keeps_its_id_and_names_the_field() {
        let line = r#"{"id":"r1","raw":{"data":"plain text, not base64"}}"#;
        let out: serde_json::Value =
            serde_json::from_str(&render(&prepare_line(4, line, 1024, None, &[])))
                .unwrap_or_default();
        assert_eq!(out["id"], "r1");
        assert_eq!(
            out["error"]["message"],
            "line 4: not a PrepareRequest in proto3 JSON at raw.data: Invalid symbol 32, offset 5. at \
             line 1 column 49"
        );
        assert_eq!(out["error"]["field"], "raw.data");
    }

    #[test]
    fn two_payloads_in_one_line_are_refused_naming_them() {
        let line = r#"{"id":"t2","text":"Some words.","html":"<p>Other words.</p>"}"#;
        let out: serde_json::Value =
            serde_json::from_str(&render(&prepare_line(2, line, 1024, None, &[])))
                .unwrap_or_default();
        assert_eq!(out["id"], "t2");
        assert_eq!(out["error"]["codeName"], "INVALID_ARGUMENT");
        // proto3 JSON takes no second member of a `oneof`: never the last one silently.
        assert_eq!(
            out["error"]["message"],
            "line 2: set only one of text, html or raw; this line sets text and html"
        );
        assert_eq!(out["error"]["field"], "payload");
        // The words inside a payload are no members.
        let line = r#"{"id":"t1","text":"He typed \"html\" and \"raw\" into the box."}"#;
        let out: serde_json::Value =
            serde_json::from_str(&render(&prepare_line(1, line, 1024, None, &[])))
                .unwrap_or_default();
        assert!(out["article"].is_object(), "{out}");
    }

    #[test]
    fn a_refused_request_keeps_its_id() {
        let out: serde_json::Value = serde_json::from_str(&render(&prepare_line(
            1,
            r#"{"id":"a1","text":"   "}"#,
            1024,
            None,
            &[],
        )))
        .unwrap_or_default();
        assert_eq!(out["id"], "a1");
        assert_eq!(out["error"]["message"], "line 1: payload text is empty");
    }
}
