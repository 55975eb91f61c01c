//! `google.protobuf.FieldMask` with its canonical proto3 JSON: a comma-separated string of
//! lowerCamelCase paths (`"text,metadata"`). pbjson-types writes it as `{"paths": [...]}`,
//! which grpcurl and the other proto3 JSON readers do not send; both forms are read here, the
//! canonical one is written.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A set of field paths.
#[derive(Clone, PartialEq, Eq, Hash, ::prost::Message)]
pub struct FieldMask {
    /// The paths, snake_case (`reading_time_seconds`).
    #[prost(string, repeated, tag = "1")]
    pub paths: Vec<String>,
}

/// `readingTimeSeconds` → `reading_time_seconds`.
fn snake_case(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 4);
    for c in path.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `reading_time_seconds` → `readingTimeSeconds`.
fn camel_case(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut upper = false;
    for c in path.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl Serialize for FieldMask {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let joined: Vec<String> = self.paths.iter().map(|p| camel_case(p)).collect();
        serializer.serialize_str(&joined.join(","))
    }
}

impl<'de> Deserialize<'de> for FieldMask {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Paths;
        impl<'de> Visitor<'de> for Paths {
            type Value = FieldMask;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(r#"a comma-separated string of field paths ("text,metadata")"#)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<FieldMask, E> {
                Ok(FieldMask {
                    paths: value
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(snake_case)
                        .collect(),
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldMask, A::Error> {
                let mut paths = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "paths" {
                        paths = map.next_value()?;
                    } else {
                        return Err(de::Error::unknown_field(&key, &["paths"]));
                    }
                }
                Ok(FieldMask { paths })
            }
        }
        deserializer.deserialize_any(Paths)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_form_is_a_comma_separated_string_of_camel_case_paths() {
        let mask: Result<FieldMask, _> = serde_json::from_str(r#""text, readingTimeSeconds""#);
        let mask = mask.map_err(|e| e.to_string());
        assert_eq!(
            mask.as_ref().map(|m| m.paths.clone()),
            Ok(vec!["text".to_owned(), "reading_time_seconds".to_owned()])
        );
        assert_eq!(
            mask.ok().and_then(|m| serde_json::to_string(&m).ok()),
            Some(r#""text,readingTimeSeconds""#.to_owned())
        );
        let object: Result<FieldMask, _> = serde_json::from_str(r#"{"paths": ["chunks"]}"#);
        assert_eq!(
            object.map(|m| m.paths).ok(),
            Some(vec!["chunks".to_owned()])
        );
    }
}
