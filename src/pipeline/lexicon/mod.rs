//! Word lists, and nothing else: one list per concept, each entry in a group tagged with the
//! languages it is of, so that "what do we know of Czech" has one answer and a stage file keeps
//! only its rules.
//!
//! - [`sections`]: lines that open a page section (comments, related articles, footer …).
//! - [`page_lines`]: lines and phrases that are boilerplate wherever they stand.
//! - [`markup`]: element names, class and id words, meta keys.
//! - [`time`]: months, relative ages, date labels.
//! - [`names`]: titles, honorifics, name particles, words that look like names and are not.
//! - [`speech`]: speech verbs and nouns, and the words that mark a quotation as no speech.
//! - [`grammar`]: determiners, prepositions, pronouns, auxiliaries and other function words.
//! - [`abbreviations`]: abbreviations that do not end a sentence, by language.
//!
//! Lists are `#[rustfmt::skip]` tables, sorted within each group; the tests below hold every list
//! to the form its users compare it in (folded keys, lower case), and to no repeated entry.

pub(crate) mod abbreviations;
pub(crate) mod grammar;
pub(crate) mod markup;
pub(crate) mod names;
pub(crate) mod page_lines;
pub(crate) mod sections;
pub(crate) mod speech;
pub(crate) mod time;

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Entries of no particular language: brand names, markup words, symbols.
pub(crate) const ANY: &[&str] = &["*"];

/// A word list of one concept, its entries grouped by the languages they are of.
#[derive(Debug)]
pub(crate) struct Words {
    groups: &'static [Group],
    index: OnceLock<Index>,
}

/// A list's entries arranged for its two lookups, built on first use: a line's whole key is
/// looked up in many lists, and a long paragraph is no entry of any, so its length decides
/// before its hash; an opening is looked for only among the entries that start as the text does.
#[derive(Debug)]
struct Index {
    set: FxHashSet<&'static str>,
    longest: usize,
    /// Entries by their first byte, ASCII lower-cased, in list order.
    by_first_byte: Vec<Vec<&'static str>>,
}

/// The entries of one list that are of the same languages (BCP 47 primary subtags, or [`ANY`]).
pub(crate) type Group = (&'static [&'static str], &'static [&'static str]);

impl Words {
    pub(crate) const fn new(groups: &'static [Group]) -> Self {
        Self {
            groups,
            index: OnceLock::new(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut index = Index {
                set: FxHashSet::default(),
                longest: 0,
                by_first_byte: vec![Vec::new(); 256],
            };
            for entry in self.iter() {
                index.set.insert(entry);
                index.longest = index.longest.max(entry.len());
                if let Some(first) = entry.as_bytes().first() {
                    index.by_first_byte[usize::from(first.to_ascii_lowercase())].push(entry);
                }
            }
            index
        })
    }

    /// Whether `word` is an entry, in any language.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let index = self.index();
        word.len() <= index.longest && index.set.contains(word)
    }

    /// The longest entry that opens `text` as whole words (ASCII case ignored), and the text after
    /// it with its leading white space trimmed: `By Jane Doe` gives `by` and `Jane Doe`. An entry
    /// that ends in punctuation (`author:`) may be followed by anything.
    pub(crate) fn opening<'t>(&self, text: &'t str) -> Option<(&'static str, &'t str)> {
        let first = text.as_bytes().first()?.to_ascii_lowercase();
        self.index().by_first_byte[usize::from(first)]
            .iter()
            .filter_map(|&entry| {
                let head = text.get(..entry.len())?;
                let rest = text.get(entry.len()..)?;
                let whole = rest.is_empty()
                    || rest.starts_with(char::is_whitespace)
                    || !entry.ends_with(char::is_alphanumeric);
                (whole && head.eq_ignore_ascii_case(entry)).then(|| (entry, rest.trim_start()))
            })
            .max_by_key(|(entry, _)| entry.len())
    }

    /// Every entry, group by group.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.groups
            .iter()
            .flat_map(|(_, words)| words.iter().copied())
    }

    /// The entries of the group tagged with `language`, if any.
    pub(crate) fn of(&self, language: &str) -> Option<&'static [&'static str]> {
        self.groups
            .iter()
            .find(|(langs, _)| langs.contains(&language))
            .map(|(_, words)| *words)
    }

    /// How many entries each language has (entries of several languages count for each).
    pub(crate) fn entries_by_language(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.groups
            .iter()
            .flat_map(|(langs, words)| langs.iter().map(|lang| (*lang, words.len())))
    }

    /// The groups, for the tests.
    #[cfg(test)]
    fn groups(&self) -> &'static [Group] {
        self.groups
    }
}

/// What the tests hold one list to.
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
struct Checked {
    name: &'static str,
    words: &'static Words,
    form: Form,
    order: Order,
    read: Read,
}

/// The form a list's entries are written in, as its users compare them.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// Folded keys ([`crate::pipeline::textkit::fold`]): lower-case words and single spaces.
    Folded,
    /// Lower case, punctuation and a trailing space as written (prefixes: `by `).
    Lower,
    /// As written (capitals, symbols).
    Exact,
}

/// Whether a list's groups are sorted, or kept in an order its users rely on.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Sorted,
    AsWritten,
}

/// How a list is read: all its groups as one set (an entry twice is a slip), or one language's
/// group at a time (languages may share entries).
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Read {
    Union,
    ByLanguage,
}

#[cfg(test)]
const fn checked(
    name: &'static str,
    words: &'static Words,
    form: Form,
    order: Order,
    read: Read,
) -> Checked {
    Checked {
        name,
        words,
        form,
        order,
        read,
    }
}

/// Every list: what the tests check.
#[cfg(test)]
fn all() -> Vec<Checked> {
    let mut all = Vec::new();
    all.extend(abbreviations::lists());
    all.extend(grammar::lists());
    all.extend(markup::lists());
    all.extend(names::lists());
    all.extend(page_lines::lists());
    all.extend(sections::lists());
    all.extend(speech::lists());
    all.extend(time::lists());
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::textkit::fold;

    #[test]
    fn every_entry_is_written_in_its_lists_form() {
        for list in all() {
            for word in list.words.iter() {
                let ok = !word.is_empty()
                    && match list.form {
                        Form::Folded => fold(word) == word,
                        Form::Lower => word.to_lowercase() == word && !word.starts_with(' '),
                        Form::Exact => true,
                    };
                assert!(ok, "{}: {word:?} is not {:?}", list.name, list.form);
            }
        }
    }

    #[test]
    fn no_list_repeats_an_entry() {
        for list in all() {
            let mut seen = FxHashSet::default();
            for (langs, group) in list.words.groups() {
                if list.read == Read::ByLanguage {
                    seen.clear();
                }
                for word in *group {
                    assert!(
                        seen.insert(word),
                        "{} {langs:?}: {word:?} is there twice",
                        list.name
                    );
                }
            }
        }
    }

    #[test]
    fn groups_are_sorted_where_order_means_nothing() {
        for list in all().into_iter().filter(|l| l.order == Order::Sorted) {
            for (langs, group) in list.words.groups() {
                let mut sorted = group.to_vec();
                sorted.sort_unstable();
                assert_eq!(
                    group.to_vec(),
                    sorted,
                    "{} {langs:?} is not sorted",
                    list.name
                );
            }
        }
    }

    #[test]
    fn groups_are_tagged_with_language_subtags_or_any() {
        for list in all() {
            let mut tagged = FxHashSet::default();
            for (langs, group) in list.words.groups() {
                assert!(!group.is_empty(), "{} {langs:?} is empty", list.name);
                assert!(!langs.is_empty(), "{} has an untagged group", list.name);
                for lang in *langs {
                    let subtag = (2..=3).contains(&lang.len())
                        && lang.chars().all(|c| c.is_ascii_lowercase());
                    assert!(
                        subtag || *lang == "*",
                        "{}: {lang:?} is no language tag",
                        list.name
                    );
                    // A language read on its own has one group.
                    assert!(
                        list.read == Read::Union || tagged.insert(*lang),
                        "{}: {lang} has two groups",
                        list.name
                    );
                }
            }
        }
    }

    #[test]
    fn short_and_long_lists_answer_alike() {
        static SHORT: Words = Words::new(&[(ANY, &["a", "b"])]);
        static LONG: Words = Words::new(&[
            (ANY, &["a", "b", "c", "d", "e", "f", "g"]),
            (&["en"], &["h", "i", "j", "k", "l", "m", "n"]),
        ]);
        assert!(SHORT.contains("b") && !SHORT.contains("c"));
        assert!(LONG.contains("n") && !LONG.contains("o"));
        assert_eq!(
            LONG.of("en"),
            Some(&["h", "i", "j", "k", "l", "m", "n"][..])
        );
        assert_eq!(LONG.of("de"), None);
        static OPENERS: Words = Words::new(&[(ANY, &["by", "written by", "author:"])]);
        assert_eq!(OPENERS.opening("By Jane Doe"), Some(("by", "Jane Doe")));
        assert_eq!(
            OPENERS.opening("WRITTEN BY  Jane"),
            Some(("written by", "Jane"))
        );
        assert_eq!(OPENERS.opening("Author:Jane"), Some(("author:", "Jane")));
        assert_eq!(OPENERS.opening("Bylines"), None);
        assert_eq!(OPENERS.opening("Éby"), None);
    }
}
