//! The article object of a page's JSON-LD: headline, authors (references to `Person` nodes
//! resolved), dates and publisher.

use std::collections::HashMap;

/// The article object of JSON-LD.
#[derive(Debug, Default)]
pub(super) struct LdArticle {
    pub(super) headline: Option<String>,
    authors: Vec<String>,
    /// Authors given as a reference to a node elsewhere in the graph (`{"@id": "…#author"}`).
    author_ids: Vec<String>,
    /// Names of the `Person` nodes, by `@id`.
    people: HashMap<String, String>,
    pub(super) published: Option<String>,
    pub(super) modified: Option<String>,
    pub(super) publisher: Option<String>,
}

impl LdArticle {
    pub(super) fn visit(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::Array(items) => items.iter().for_each(|i| self.visit(i)),
            Value::Object(map) => {
                if let Some(graph) = map.get("@graph") {
                    self.visit(graph);
                }
                let types: Vec<&str> = match map.get("@type") {
                    Some(Value::String(s)) => vec![s.as_str()],
                    Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                    _ => Vec::new(),
                };
                if types.contains(&"Person") {
                    let id = map.get("@id").and_then(Value::as_str);
                    let name = map.get("name").and_then(Value::as_str);
                    if let (Some(id), Some(name)) = (id, name) {
                        self.people.insert(id.to_owned(), name.to_owned());
                    }
                }
                let is_article = types.iter().any(|t| {
                    t.ends_with("Article")
                        || *t == "BlogPosting"
                        || *t == "Report"
                        || *t == "LiveBlogPosting"
                });
                if !is_article || self.headline.is_some() {
                    return;
                }
                let text = |key: &str| {
                    map.get(key)
                        .and_then(Value::as_str)
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                };
                self.headline = text("headline").or_else(|| text("name"));
                self.published = text("datePublished").or_else(|| text("dateCreated"));
                self.modified = text("dateModified");
                self.publisher = map
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(Value::as_str)
                    .map(str::to_owned);
                if let Some(author) = map.get("author") {
                    self.collect_names(author);
                }
            }
            _ => {}
        }
    }

    fn collect_names(&mut self, v: &serde_json::Value) {
        use serde_json::Value;
        match v {
            Value::String(s) if !s.starts_with("http") => self.authors.push(s.trim().to_owned()),
            Value::Array(items) => items.iter().for_each(|i| self.collect_names(i)),
            Value::Object(map) => {
                if let Some(name) = map.get("name") {
                    self.collect_names(name);
                } else if let Some(id) = map.get("@id").and_then(Value::as_str) {
                    self.author_ids.push(id.to_owned());
                }
            }
            _ => {}
        }
    }

    /// The authors' names, references to `Person` nodes resolved.
    pub(super) fn author_names(&self) -> Vec<String> {
        let referenced = self.author_ids.iter().filter_map(|id| self.people.get(id));
        self.authors.iter().chain(referenced).cloned().collect()
    }
}
