//! The only place where proto messages and domain types meet: a request becomes a checked
//! [`Job`], a [`Prepared`] article becomes a `PreparedArticle` with spans in the unit asked for.

use tonic_types::StatusExt;

use super::proto;
use crate::pipeline::{
    Attribution, ChunkBudget, Hints, Input, Metadata, MinSpeakerConfidence, OffsetMap, OffsetUnit,
    Options, ParagraphKind, PrepError, Prepared, Quote, QuoteKind, QuoteStyle, RemovalReason, Span,
    TextFormat, Tokenizer, Wanted,
};

/// A request, checked: everything the pipeline needs, trusted from here on.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// The caller's id.
    pub id: String,
    /// The payload.
    pub input: Input,
    /// The caller's hints.
    pub hints: Hints,
    /// The options.
    pub options: Options,
    /// The fields of the reply asked for.
    pub fields: Fields,
}

impl Job {
    /// Checks a request: a payload is set, not empty, not over `max_payload_bytes`; options in
    /// range; hints well formed.
    ///
    /// # Errors
    /// The first thing wrong, naming its field.
    pub fn from_proto(
        request: proto::PrepareRequest,
        max_payload_bytes: usize,
    ) -> Result<Self, PrepError> {
        use proto::prepare_request::Payload;
        let input = match request.payload {
            None => return Err(PrepError::MissingPayload),
            Some(Payload::Text(t)) => Input::Text(t),
            Some(Payload::Html(h)) => Input::Html(h),
            Some(Payload::Raw(raw)) => Input::Raw {
                data: raw.data,
                content_type: Some(raw.content_type).filter(|c| !c.trim().is_empty()),
            },
        };
        input.check(max_payload_bytes)?;
        let hints = match request.hints {
            Some(h) => Hints::parse(h.url, h.title, h.source, h.published_at, h.language)?,
            None => Hints::default(),
        };
        let mut options = options(request.options.unwrap_or_default())?;
        let fields = Fields::parse(&request.read_mask.unwrap_or_default().paths)?;
        options.wanted = fields.wanted();
        Ok(Self {
            id: request.id,
            input,
            hints,
            options,
            fields,
        })
    }
}

/// The top-level fields of `PreparedArticle`, in the order of the proto (`id` always comes back).
const FIELDS: [&str; 9] = [
    "text",
    "metadata",
    "paragraphs",
    "sentences",
    "quotes",
    "chunks",
    "removed",
    "related",
    "warnings",
];

/// The fields of `Metadata`, for read mask paths such as `metadata.title`.
const METADATA_FIELDS: [&str; 16] = [
    "title",
    "source",
    "site_name",
    "authors",
    "published_at",
    "language",
    "url",
    "word_count",
    "sentence_count",
    "paragraph_count",
    "reading_time_seconds",
    "content_hash",
    "simhash",
    "modified_at",
    "description",
    "language_confidence",
];

/// The fields of `PreparedArticle` a read mask asks for, and of its `metadata`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fields {
    top: u16,
    metadata: u32,
}

impl Fields {
    /// Every field: what an empty mask asks for.
    pub const ALL: Self = Self {
        top: u16::MAX,
        metadata: u32::MAX,
    };

    /// The fields `paths` name: top-level field names or `metadata.<field>`, `*` for all, none
    /// for all.
    ///
    /// # Errors
    /// `InvalidOption` on `read_mask` naming a path that is no such field.
    pub fn parse<S: AsRef<str>>(paths: &[S]) -> Result<Self, PrepError> {
        if paths.is_empty() {
            return Ok(Self::ALL);
        }
        let unknown = |reason: String| PrepError::InvalidOption {
            field: "read_mask",
            reason,
        };
        let mut fields = Self {
            top: 0,
            metadata: 0,
        };
        let metadata_bit = 1 << 1;
        for path in paths {
            match path.as_ref().trim() {
                "*" => return Ok(Self::ALL),
                "id" => {}
                "metadata" => {
                    fields.top |= metadata_bit;
                    fields.metadata = u32::MAX;
                }
                name => {
                    if let Some(sub) = name.strip_prefix("metadata.") {
                        let i =
                            METADATA_FIELDS
                                .iter()
                                .position(|f| *f == sub)
                                .ok_or_else(|| {
                                    unknown(format!(
                                        "path `{name}` is not a field of Metadata ({})",
                                        METADATA_FIELDS.join(", ")
                                    ))
                                })?;
                        fields.top |= metadata_bit;
                        fields.metadata |= 1 << i;
                        continue;
                    }
                    let i = FIELDS.iter().position(|f| *f == name).ok_or_else(|| {
                        unknown(format!(
                            "path `{name}` is not a field of PreparedArticle (id, {}; or \
                             metadata.<field>)",
                            FIELDS.join(", ")
                        ))
                    })?;
                    fields.top |= 1 << i;
                }
            }
        }
        Ok(fields)
    }

    fn has(self, name: &str) -> bool {
        FIELDS
            .iter()
            .position(|f| *f == name)
            .is_some_and(|i| self.top & (1 << i) != 0)
    }

    fn has_metadata(self, name: &str) -> bool {
        METADATA_FIELDS
            .iter()
            .position(|f| *f == name)
            .is_some_and(|i| self.metadata & (1 << i) != 0)
    }

    /// The costly work these fields need.
    #[must_use]
    pub fn wanted(self) -> Wanted {
        Wanted {
            quotes: self.has("quotes"),
            chunks: self.has("chunks"),
        }
    }

    /// `m` with only the fields asked for.
    fn metadata_kept(self, m: proto::Metadata) -> proto::Metadata {
        // Each field by its proto name, the names `METADATA_FIELDS` lists.
        macro_rules! kept {
            ($($field:ident),*) => {
                proto::Metadata {
                    $($field: if self.has_metadata(stringify!($field)) {
                        m.$field
                    } else {
                        Default::default()
                    },)*
                }
            };
        }
        kept!(
            title,
            source,
            site_name,
            authors,
            published_at,
            language,
            url,
            word_count,
            sentence_count,
            paragraph_count,
            reading_time_seconds,
            content_hash,
            simhash,
            modified_at,
            description,
            language_confidence
        )
    }

    /// Empties the fields not asked for.
    fn apply(self, article: &mut proto::PreparedArticle) {
        let keep = |name| self.has(name);
        if !keep("text") {
            article.text.clear();
        }
        if !keep("metadata") {
            article.metadata = None;
        } else if self.metadata != u32::MAX {
            article.metadata = article.metadata.take().map(|m| self.metadata_kept(m));
        }
        if !keep("paragraphs") {
            article.paragraphs.clear();
        }
        if !keep("sentences") {
            article.sentences.clear();
        }
        if !keep("quotes") {
            article.quotes.clear();
        }
        if !keep("chunks") {
            article.chunks.clear();
        }
        if !keep("removed") {
            article.removed.clear();
        }
        if !keep("related") {
            article.related.clear();
        }
        if !keep("warnings") {
            article.warnings.clear();
        }
    }
}

/// A proto enum value the server knows, or `InvalidOption` naming the field and the value.
fn known<T>(value: i32, field: &'static str, what: &str) -> Result<T, PrepError>
where
    T: TryFrom<i32>,
{
    T::try_from(value).map_err(|_| PrepError::InvalidOption {
        field,
        reason: format!("is not a known {what}: {value}"),
    })
}

fn options(raw: proto::PrepareOptions) -> Result<Options, PrepError> {
    let chunking = raw.chunking.unwrap_or_default();
    let tokenizer = match known(
        chunking.tokenizer,
        "options.chunking.tokenizer",
        "tokenizer",
    )? {
        proto::Tokenizer::Unspecified | proto::Tokenizer::Cl100kBase => Tokenizer::Cl100kBase,
        proto::Tokenizer::O200kBase => Tokenizer::O200kBase,
        proto::Tokenizer::Words => Tokenizer::Words,
        proto::Tokenizer::Characters => Tokenizer::Characters,
    };
    let offset_unit = match known(raw.offset_unit, "options.offset_unit", "offset unit")? {
        proto::OffsetUnit::Unspecified | proto::OffsetUnit::CodePoints => OffsetUnit::CodePoints,
        proto::OffsetUnit::Utf8 => OffsetUnit::Utf8,
        proto::OffsetUnit::Utf16 => OffsetUnit::Utf16,
    };
    let text_format = match known(raw.text_format, "options.text_format", "text format")? {
        proto::TextFormat::Unspecified | proto::TextFormat::Plain => TextFormat::Plain,
        proto::TextFormat::Markdown => TextFormat::Markdown,
    };
    let quote_style = match known(raw.quote_style, "options.quote_style", "quote style")? {
        proto::QuoteStyle::Unspecified | proto::QuoteStyle::Keep => QuoteStyle::Keep,
        proto::QuoteStyle::Ascii => QuoteStyle::Ascii,
        proto::QuoteStyle::Typographic => QuoteStyle::Typographic,
    };
    let to_usize = |v: u32| usize::try_from(v).unwrap_or(usize::MAX);
    let budget = ChunkBudget::new(
        chunking
            .max_tokens
            .map_or(ChunkBudget::DEFAULT_MAX_TOKENS, to_usize),
        chunking.overlap_tokens.map_or(0, to_usize),
        tokenizer,
    )?;
    Ok(Options {
        chunking: budget,
        keep_all_text: raw.keep_all_text,
        offset_unit,
        quote_style,
        text_format,
        keep_links: raw.keep_links,
        keep_images: raw.keep_images,
        // From the read mask, beside the options.
        wanted: Wanted::default(),
        min_speaker_confidence: raw
            .min_speaker_confidence
            .map(|c| MinSpeakerConfidence::new(c, "options.min_speaker_confidence"))
            .transpose()?,
    })
}

/// Builds the reply with the `fields` asked for, every span in `unit`.
#[must_use]
pub fn article(
    id: String,
    prepared: Prepared,
    unit: OffsetUnit,
    fields: Fields,
) -> proto::PreparedArticle {
    let map = OffsetMap::new(&prepared.text, unit);
    let span = |s: Span| {
        let (start, end) = map.span(s);
        Some(proto::Span {
            start: to_u32(start),
            end: to_u32(end),
        })
    };
    // Read before the metadata moves into the answer.
    let heading_paths: Vec<Vec<String>> = prepared
        .chunks
        .iter()
        .map(|c| prepared.heading_path(c))
        .collect();
    let text = &prepared.text;
    let mut article = proto::PreparedArticle {
        id,
        metadata: Some(metadata(prepared.metadata)),
        paragraphs: prepared
            .paragraphs
            .iter()
            .map(|p| proto::Paragraph {
                span: span(p.span),
                kind: paragraph_kind(p.kind).into(),
            })
            .collect(),
        sentences: prepared
            .sentences
            .iter()
            .map(|s| proto::Sentence {
                span: span(s.span),
                paragraph: to_u32(s.paragraph),
            })
            .collect(),
        quotes: prepared
            .quotes
            .iter()
            .map(|q| quote(q, text, span))
            .collect(),
        chunks: prepared
            .chunks
            .iter()
            .zip(heading_paths)
            .enumerate()
            .map(|(i, (c, heading_path))| proto::Chunk {
                index: to_u32(i),
                text: c.span.slice(text).to_owned(),
                span: span(c.span),
                token_count: to_u32(c.token_count),
                first_paragraph: to_u32(c.first_paragraph),
                last_paragraph: to_u32(c.last_paragraph),
                first_sentence: to_u32(c.first_sentence),
                last_sentence: to_u32(c.last_sentence),
                overlap_tokens: to_u32(c.overlap_tokens),
                heading_path,
            })
            .collect(),
        removed: prepared
            .removed
            .into_iter()
            .map(|r| proto::RemovedBlock {
                text: r.text,
                reason: removal_reason(r.reason).into(),
                detail: r.reason.detail().to_owned(),
            })
            .collect(),
        related: prepared
            .related
            .into_iter()
            .map(|r| proto::RelatedArticle {
                title: r.title,
                source: r.source,
                url: r.url,
                age: r.age,
            })
            .collect(),
        warnings: prepared.warnings,
        text: prepared.text,
    };
    fields.apply(&mut article);
    article
}

fn metadata(m: Metadata) -> proto::Metadata {
    proto::Metadata {
        title: m.title,
        source: m.source,
        site_name: m.site_name,
        authors: m.authors,
        published_at: m.published_at,
        language: m.language,
        url: m.url,
        word_count: to_u32(m.word_count),
        sentence_count: to_u32(m.sentence_count),
        paragraph_count: to_u32(m.paragraph_count),
        reading_time_seconds: to_u32(m.reading_time_seconds),
        content_hash: m.content_hash,
        simhash: m.simhash,
        modified_at: m.modified_at,
        description: m.description,
        language_confidence: m.language_confidence,
    }
}

/// A quote of `text`, its spans made by `span` (in the caller's unit).
fn quote(q: &Quote, text: &str, span: impl Fn(Span) -> Option<proto::Span>) -> proto::Quote {
    proto::Quote {
        text: q.span.slice(text).to_owned(),
        span: span(q.span),
        speaker: q.speaker.clone().unwrap_or_default(),
        speaker_mention: q
            .mention
            .map(|s| s.slice(text).to_owned())
            .unwrap_or_default(),
        cue: q.cue.clone().unwrap_or_default(),
        paragraph: to_u32(q.paragraph),
        kind: match q.kind {
            QuoteKind::Direct => proto::QuoteKind::Direct,
            QuoteKind::Partial => proto::QuoteKind::Partial,
        }
        .into(),
        attribution: match q.attribution {
            Attribution::Explicit => proto::Attribution::Explicit,
            Attribution::Pronoun => proto::Attribution::Pronoun,
            Attribution::Continued => proto::Attribution::Continued,
            Attribution::None => proto::Attribution::None,
            Attribution::Subject => proto::Attribution::Subject,
        }
        .into(),
        speaker_span: q.mention.and_then(span),
        speaker_confidence: q.speaker_confidence,
    }
}

/// A stream item for a failed article.
#[must_use]
pub fn error_result(id: String, status: &tonic::Status) -> proto::PrepareResult {
    proto::PrepareResult {
        id,
        outcome: Some(proto::prepare_result::Outcome::Error(proto::PrepareError {
            code: status.code() as i32,
            code_name: super::codes::code_name(status.code()).to_owned(),
            message: status.message().to_owned(),
            field: status
                .get_details_bad_request()
                .and_then(|b| b.field_violations.into_iter().next())
                .map(|v| v.field)
                .unwrap_or_default(),
        })),
    }
}

/// A stream item for a prepared article.
#[must_use]
pub fn article_result(article: proto::PreparedArticle) -> proto::PrepareResult {
    proto::PrepareResult {
        id: article.id.clone(),
        outcome: Some(proto::prepare_result::Outcome::Article(article)),
    }
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn paragraph_kind(kind: ParagraphKind) -> proto::ParagraphKind {
    match kind {
        ParagraphKind::Body => proto::ParagraphKind::Body,
        ParagraphKind::Heading => proto::ParagraphKind::Heading,
        ParagraphKind::ListItem => proto::ParagraphKind::ListItem,
        ParagraphKind::Blockquote => proto::ParagraphKind::Blockquote,
        ParagraphKind::Preformatted => proto::ParagraphKind::Preformatted,
        ParagraphKind::TableRow => proto::ParagraphKind::TableRow,
        ParagraphKind::Image => proto::ParagraphKind::Image,
    }
}

fn removal_reason(reason: RemovalReason) -> proto::RemovalReason {
    match reason {
        RemovalReason::Navigation => proto::RemovalReason::Navigation,
        RemovalReason::Title => proto::RemovalReason::Title,
        RemovalReason::MetadataLine => proto::RemovalReason::MetadataLine,
        RemovalReason::Duplicate => proto::RemovalReason::Duplicate,
        RemovalReason::Comments => proto::RemovalReason::Comments,
        RemovalReason::Related => proto::RemovalReason::Related,
        RemovalReason::Promotion => proto::RemovalReason::Promotion,
        RemovalReason::Advertisement => proto::RemovalReason::Advertisement,
        RemovalReason::Social => proto::RemovalReason::Social,
        RemovalReason::Consent => proto::RemovalReason::Consent,
        RemovalReason::Caption => proto::RemovalReason::Caption,
        RemovalReason::Footer => proto::RemovalReason::Footer,
        RemovalReason::LowContent => proto::RemovalReason::LowContent,
        RemovalReason::OutsideBody => proto::RemovalReason::OutsideBody,
        RemovalReason::Hidden => proto::RemovalReason::Hidden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(options: proto::PrepareOptions) -> proto::PrepareRequest {
        proto::PrepareRequest {
            id: "a".into(),
            payload: Some(proto::prepare_request::Payload::Text("Some text.".into())),
            hints: None,
            options: Some(options),
            read_mask: None,
        }
    }

    #[test]
    fn a_read_mask_names_top_level_fields_and_steers_the_work() {
        assert_eq!(Fields::parse::<&str>(&[]), Ok(Fields::ALL));
        assert_eq!(Fields::parse(&["text", "*"]), Ok(Fields::ALL));
        let fields = Fields::parse(&["id", " text ", "chunks"]);
        assert_eq!(
            fields.map(Fields::wanted),
            Ok(Wanted {
                quotes: false,
                chunks: true
            })
        );
        assert_eq!(
            Fields::parse(&["metadata", "quotes"]).map(Fields::wanted),
            Ok(Wanted {
                quotes: true,
                chunks: false
            })
        );
        let refused = Fields::parse(&["Text"]).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err(
                "read_mask path `Text` is not a field of PreparedArticle (id, text, metadata, \
                 paragraphs, sentences, quotes, chunks, removed, related, warnings; or \
                 metadata.<field>)"
                    .to_owned()
            )
        );
        let refused = Fields::parse(&["metadata.colour"]).map_err(|e| e.to_string());
        assert!(refused.is_err_and(|e| e.starts_with(
            "read_mask path `metadata.colour` is not a field of Metadata (title, source, "
        )));
        // Metadata fields alone: the metadata with only them, nothing costly.
        let title_only = Fields::parse(&["metadata.title", "metadata.published_at"]);
        assert_eq!(
            title_only.map(Fields::wanted),
            Ok(Wanted {
                quotes: false,
                chunks: false
            })
        );
        let fields = Fields::parse(&["metadata.title"]).unwrap_or(Fields::ALL);
        let kept = fields.metadata_kept(proto::Metadata {
            title: "T".into(),
            source: "S".into(),
            word_count: 9,
            ..proto::Metadata::default()
        });
        assert_eq!(
            (kept.title.as_str(), kept.source.as_str(), kept.word_count),
            ("T", "", 0)
        );
    }

    #[test]
    fn a_missing_payload_is_refused() {
        let req = proto::PrepareRequest {
            payload: None,
            ..request(proto::PrepareOptions::default())
        };
        assert_eq!(Job::from_proto(req, 100), Err(PrepError::MissingPayload));
    }

    #[test]
    fn an_unknown_tokenizer_names_its_field() {
        let chunking = proto::ChunkOptions {
            tokenizer: 99,
            ..Default::default()
        };
        let err = Job::from_proto(
            request(proto::PrepareOptions {
                chunking: Some(chunking),
                ..Default::default()
            }),
            100,
        );
        assert!(matches!(
            err,
            Err(PrepError::InvalidOption {
                field: "options.chunking.tokenizer",
                ..
            })
        ));
    }

    #[test]
    fn defaults_are_cl100k_512_and_code_points() {
        let job = Job::from_proto(request(proto::PrepareOptions::default()), 100);
        assert_eq!(job.map(|j| j.options), Ok(Options::default()));
    }
}
