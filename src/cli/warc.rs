//! Crawl archives in: `batch --warc FILE` reads the records of a WARC file (gzip per record, as
//! Common Crawl and warcio write them, or not) with the `warc` crate and turns every HTML or
//! plain-text page into a `PrepareRequest`: the HTTP headers give the content type and charset,
//! `WARC-Target-URI` the URL hint and the id (else `WARC-Record-ID`). Records that are no page
//! (requests, metadata, revisits, redirects, images, PDFs) are skipped and counted.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use ::warc::{RecordType, WarcHeader, WarcReader};

use crate::api::proto::{self, prepare_request::Payload};
use crate::api::{convert, errors};

/// Media types prepared; every other record is skipped.
const PAGE_TYPES: [&str; 3] = ["text/html", "application/xhtml+xml", "text/plain"];

/// What became of one record.
#[derive(Debug)]
pub enum Record {
    /// A page, as a request.
    Page(Box<proto::PrepareRequest>),
    /// Not a page; why.
    Skipped(&'static str),
    /// A record that could not be read: the error result to write for it.
    Unreadable(Box<proto::PrepareResult>),
}

/// The records of the WARC file at `path`, in order.
///
/// # Errors
/// The file cannot be opened.
pub fn records(path: &Path) -> std::io::Result<impl Iterator<Item = Record>> {
    let mut file = BufReader::new(std::fs::File::open(path)?);
    // Gzip members are read one after the other: a `.warc.gz` is one member per record.
    let gzip = file.fill_buf()?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn Read> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let name = path.display().to_string();
    // After a read error the stream cannot be trusted to resume (a truncated gzip member makes
    // the reader fail at the same place for ever): the error is the archive's last result.
    let mut failed = false;
    Ok(WarcReader::new(BufReader::new(reader))
        .iter_records()
        .enumerate()
        .map_while(move |(n, record)| {
            if failed {
                return None;
            }
            Some(match record {
                Ok(record) => page(&record),
                Err(e) => {
                    failed = true;
                    let why = e.to_string();
                    let status = errors::unreadable_record(&name, n + 1, why.trim_end_matches('.'));
                    Record::Unreadable(Box::new(convert::error_result(String::new(), &status)))
                }
            })
        }))
}

/// A record as a request, if it is a page.
fn page(record: &::warc::Record<::warc::BufferedBody>) -> Record {
    let uri = record.header(WarcHeader::TargetURI).map(|u| u.into_owned());
    let id = uri.clone().unwrap_or_else(|| record.warc_id().to_owned());
    let (content_type, data) = match record.warc_type() {
        RecordType::Response => match http_payload(record.body()) {
            Ok(found) => found,
            Err(why) => return Record::Skipped(why),
        },
        RecordType::Resource => (
            record
                .header(WarcHeader::ContentType)
                .map(|c| c.into_owned())
                .unwrap_or_default(),
            record.body().to_vec(),
        ),
        _ => return Record::Skipped("not a response or resource record"),
    };
    let media = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if !PAGE_TYPES.contains(&media.as_str()) {
        return Record::Skipped("not an HTML or text page");
    }
    Record::Page(Box::new(proto::PrepareRequest {
        id,
        payload: Some(Payload::Raw(proto::RawPayload { data, content_type })),
        hints: Some(proto::ArticleHints {
            url: uri,
            ..proto::ArticleHints::default()
        }),
        options: None,
        read_mask: None,
    }))
}

/// Headers an archived response may have; a head with more is not read.
const MAX_HEADERS: usize = 128;

/// The content type and the body of an HTTP response as archived (its head read by httparse): a
/// success status, chunked transfer and gzip or deflate content encoding undone.
fn http_payload(message: &[u8]) -> Result<(String, Vec<u8>), &'static str> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut response = httparse::Response::new(&mut headers);
    let head = match response.parse(message) {
        Ok(httparse::Status::Complete(head)) => head,
        Ok(httparse::Status::Partial) => return Err("an HTTP response without headers"),
        Err(_) => return Err("an HTTP response whose head does not parse"),
    };
    if !response.code.is_some_and(|code| (200..300).contains(&code)) {
        return Err("not a successful response");
    }
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = header("content-type").unwrap_or_default();
    let mut body = message[head..].to_vec();
    if header("transfer-encoding").is_some_and(|t| t.contains("chunked")) {
        body = dechunk(&body).ok_or("a chunked body that does not parse")?;
    }
    match header("content-encoding").as_deref() {
        None | Some("identity" | "") => {}
        Some("gzip" | "x-gzip") => {
            body = decoded(flate2::read::MultiGzDecoder::new(&body[..]))
                .ok_or("a gzip body that does not decode")?;
        }
        Some("deflate") => {
            body = decoded(flate2::read::ZlibDecoder::new(&body[..]))
                .ok_or("a deflate body that does not decode")?;
        }
        Some(_) => return Err("a content encoding other than gzip or deflate"),
    }
    Ok((content_type, body))
}

fn decoded(mut reader: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    reader.read_to_end(&mut out).ok()?;
    Some(out)
}

/// A chunked transfer body joined back together (each chunk's size line read by httparse).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let httparse::Status::Complete((at, size)) = httparse::parse_chunk_size(body).ok()? else {
            return None;
        };
        let size = usize::try_from(size).ok()?;
        body = &body[at..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size.checked_add(2)?..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archived_http_response_gives_its_type_and_decoded_body() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, b"<p>Hello</p>").unwrap_or_default();
        let gzipped = gz.finish().unwrap_or_default();
        let mut message = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
            Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
        message.extend(format!("{:x}\r\n", gzipped.len()).as_bytes());
        message.extend(&gzipped);
        message.extend(b"\r\n0\r\n\r\n");
        assert_eq!(
            http_payload(&message),
            Ok((
                "text/html; charset=utf-8".to_owned(),
                b"<p>Hello</p>".to_vec()
            ))
        );
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n";
        assert_eq!(http_payload(redirect), Err("not a successful response"));
        // Lax writers end lines with a bare LF.
        let lax = b"HTTP/1.0 200 OK\nContent-Type: text/plain\n\nHello";
        assert_eq!(
            http_payload(lax),
            Ok(("text/plain".to_owned(), b"Hello".to_vec()))
        );
        let cut = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n<p>";
        assert_eq!(http_payload(cut), Err("a chunked body that does not parse"));
    }
}
