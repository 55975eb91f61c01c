//! The page's elements and text in document order, nested as a browser's tree builder nests them,
//! without building a tree: the parse foundation the walk reads.
//!
//! html5gum tokenizes (the standard's tokenizer, character references decoded, raw text in
//! `<script>`, `<style>` and their kind). This module keeps its own stack of open elements and
//! applies the tree builder's repairs that change what a reader sees as one block: implied end
//! tags (`<p>One<p>Two`, `<li>`, cells and rows), end tags that close what is open inside them,
//! stray end tags ignored, `</p>` alone making an empty paragraph, the document's `html`, `head`
//! and `body` supplied when missing, void elements, and SVG and MathML content. It leaves out
//! what only moves text between places (foster-parenting text out of tables, reopening
//! formatting elements across blocks).
//!
//! The result is a flat list of opens, texts and closes ([`Outline`]) with the visible text size
//! under every element, computed in the same pass: the walk needs an element's size when it
//! opens, to tell a widget from the page.
//!
//! Every step is constant time or bounded by [`REACH`], at most [`MAX_DEPTH`] elements are open
//! at once (deeper ones keep their text, not their element) and a tag keeps [`MAX_ATTRIBUTES`]
//! attributes ([`super::guard`] cuts the rest before the tokenizer reads them), so hostile
//! markup costs linear time.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use rustc_hash::FxHashMap;

use crate::pipeline::lexicon::Words;
use crate::pipeline::lexicon::markup::{
    BLOCK_ELEMENTS, FOREIGN_BREAKOUT_ELEMENTS, FOREIGN_INTEGRATION_POINTS, HEAD_ELEMENTS,
    PARAGRAPH_CLOSING_ELEMENTS, RUBY_PARTS, SCOPE_ELEMENTS, SKIPPED_ELEMENTS, SPECIAL_ELEMENTS,
    VOID_ELEMENTS,
};

/// Open elements kept; real pages stay far below (news pages rarely pass 60). Browsers cap the
/// tree's depth for the same reason (Blink at 512).
pub(crate) const MAX_DEPTH: usize = 512;

/// How far down the stack of open elements a tag looks for the element it closes.
const REACH: usize = 64;

/// Elements a page may have opened again after a link closed across them: enough for any real
/// page, bounded so that `</a><a>` repeated under a deep stack cannot multiply the outline.
const REOPEN_BUDGET: usize = 4096;

/// Attributes kept on one element (each new one is checked against the kept ones).
pub(crate) const MAX_ATTRIBUTES: usize = 128;

/// What the tree builder and the walk need to know of an element's name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Kinds(u16);

impl Kinds {
    const VOID: Kinds = Kinds(1);
    const SPECIAL: Kinds = Kinds(1 << 1);
    const CLOSES_PARAGRAPH: Kinds = Kinds(1 << 2);
    const HEAD: Kinds = Kinds(1 << 3);
    const SCOPE: Kinds = Kinds(1 << 4);
    const BREAKOUT: Kinds = Kinds(1 << 5);
    const INTEGRATION: Kinds = Kinds(1 << 6);
    const RUBY_PART: Kinds = Kinds(1 << 7);
    const HEADING: Kinds = Kinds(1 << 8);
    /// Starts a block of its own (see `BLOCK_ELEMENTS`).
    pub(super) const BLOCK: Kinds = Kinds(1 << 9);
    /// Its content is never text for a reader (see `SKIPPED_ELEMENTS`).
    pub(super) const SKIPPED: Kinds = Kinds(1 << 10);

    pub(super) fn has(self, kind: Kinds) -> bool {
        self.0 & kind.0 != 0
    }
}

/// The names the tree builder's rules single out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    Html,
    Head,
    Body,
    P,
    Li,
    ListItemScope,
    DefinitionItem,
    A,
    Button,
    Table,
    TableSection,
    Tr,
    Cell,
    Caption,
    Option,
    Optgroup,
    Ruby,
    Foreign,
    Br,
    Image,
    Frameset,
    Other,
}

/// The number of [`Rule`]s.
const RULES: usize = Rule::Other as usize + 1;

/// A known element name: its number, kinds and rule.
#[derive(Debug, Clone, Copy)]
struct Known {
    tag: u32,
    kinds: Kinds,
    rule: Rule,
}

/// Every name a list or rule names, numbered.
struct Names {
    names: Vec<&'static str>,
    by_name: FxHashMap<&'static [u8], Known>,
}

static NAMES: LazyLock<Names> = LazyLock::new(|| {
    let lists: [(&Words, Kinds); 10] = [
        (&VOID_ELEMENTS, Kinds::VOID),
        (&SPECIAL_ELEMENTS, Kinds::SPECIAL),
        (&PARAGRAPH_CLOSING_ELEMENTS, Kinds::CLOSES_PARAGRAPH),
        (&HEAD_ELEMENTS, Kinds::HEAD),
        (&SCOPE_ELEMENTS, Kinds::SCOPE),
        (&FOREIGN_BREAKOUT_ELEMENTS, Kinds::BREAKOUT),
        (&FOREIGN_INTEGRATION_POINTS, Kinds::INTEGRATION),
        (&RUBY_PARTS, Kinds::RUBY_PART),
        (&BLOCK_ELEMENTS, Kinds::BLOCK),
        (&SKIPPED_ELEMENTS, Kinds::SKIPPED),
    ];
    let rules: [(&'static str, Rule); 25] = [
        ("html", Rule::Html),
        ("head", Rule::Head),
        ("body", Rule::Body),
        ("p", Rule::P),
        ("li", Rule::Li),
        ("ol", Rule::ListItemScope),
        ("ul", Rule::ListItemScope),
        ("dd", Rule::DefinitionItem),
        ("dt", Rule::DefinitionItem),
        ("a", Rule::A),
        ("button", Rule::Button),
        ("table", Rule::Table),
        ("tbody", Rule::TableSection),
        ("thead", Rule::TableSection),
        ("tfoot", Rule::TableSection),
        ("tr", Rule::Tr),
        ("td", Rule::Cell),
        ("th", Rule::Cell),
        ("caption", Rule::Caption),
        ("option", Rule::Option),
        ("optgroup", Rule::Optgroup),
        ("ruby", Rule::Ruby),
        ("svg", Rule::Foreign),
        ("br", Rule::Br),
        ("image", Rule::Image),
    ];
    let mut names = Names {
        names: Vec::new(),
        by_name: FxHashMap::default(),
    };
    fn add<'n>(names: &'n mut Names, name: &'static str) -> &'n mut Known {
        let next = names.names.len();
        names.by_name.entry(name.as_bytes()).or_insert_with(|| {
            names.names.push(name);
            Known {
                tag: u32::try_from(next).unwrap_or(u32::MAX),
                kinds: Kinds::default(),
                rule: Rule::Other,
            }
        })
    }
    for (list, kind) in lists {
        for name in list.iter() {
            add(&mut names, name).kinds.0 |= kind.0;
        }
    }
    for (name, rule) in rules
        .into_iter()
        .chain([("math", Rule::Foreign), ("frameset", Rule::Frameset)])
    {
        add(&mut names, name).rule = rule;
    }
    for name in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        add(&mut names, name).kinds.0 |= Kinds::HEADING.0;
    }
    names
});

/// Visible text under an element: all of it, and the part inside `<p>` (prose), in characters
/// other than white space.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct TextSize {
    pub(super) all: usize,
    pub(super) prose: usize,
}

impl TextSize {
    /// Whether this element is small beside the page: at most half its text and half its prose.
    pub(super) fn is_widget_of(self, page: TextSize) -> bool {
        self.all * 2 <= page.all && self.prose * 2 <= page.prose
    }
}

#[derive(Debug)]
struct ElementData {
    tag: u32,
    kinds: Kinds,
    foreign: bool,
    attributes: Range<usize>,
    size: TextSize,
}

#[derive(Debug)]
struct Attribute {
    name: Range<usize>,
    value: Range<usize>,
}

#[derive(Debug, Clone)]
enum Event {
    Open(usize),
    Text(Range<usize>),
    Close(usize),
}

/// A parsed page: its elements' opens and closes and its texts, in document order.
#[derive(Debug, Default)]
pub(super) struct Outline {
    events: Vec<Event>,
    elements: Vec<ElementData>,
    attributes: Vec<Attribute>,
    /// Texts, attribute names and values, one after another.
    strings: String,
    /// Names not in any list, numbered after the known ones.
    other_names: Vec<Box<str>>,
    /// The visible text of the whole page.
    pub(super) total: TextSize,
}

/// One step of the outline.
pub(super) enum Node<'a> {
    Open(Element<'a>),
    Text(&'a str),
    Close(Element<'a>),
}

/// An element of the outline.
#[derive(Clone, Copy)]
pub(super) struct Element<'a> {
    outline: &'a Outline,
    data: &'a ElementData,
}

impl<'a> Element<'a> {
    /// Lower case.
    pub(super) fn name(&self) -> &'a str {
        let tag = self.data.tag as usize;
        match NAMES.names.get(tag) {
            Some(name) => name,
            None => self
                .outline
                .other_names
                .get(tag - NAMES.names.len())
                .map_or("", |n| n),
        }
    }

    pub(super) fn is(&self, kind: Kinds) -> bool {
        self.data.kinds.has(kind)
    }

    /// An SVG or MathML element.
    pub(super) fn is_foreign(&self) -> bool {
        self.data.foreign
    }

    pub(super) fn size(&self) -> TextSize {
        self.data.size
    }

    /// Its attributes, names in lower case, the first of a name only.
    pub(super) fn attrs(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let outline = self.outline;
        outline
            .attributes
            .get(self.data.attributes.clone())
            .unwrap_or_default()
            .iter()
            .map(|a| (outline.string(&a.name), outline.string(&a.value)))
    }

    pub(super) fn attr(&self, name: &str) -> Option<&'a str> {
        self.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl Outline {
    fn string(&self, range: &Range<usize>) -> &str {
        self.strings.get(range.clone()).unwrap_or_default()
    }

    /// The outline's steps in document order.
    pub(super) fn nodes(&self) -> impl Iterator<Item = Node<'_>> {
        self.events.iter().map(|event| match event {
            Event::Open(e) => Node::Open(self.element(*e)),
            Event::Close(e) => Node::Close(self.element(*e)),
            Event::Text(range) => Node::Text(self.string(range)),
        })
    }

    fn element(&self, index: usize) -> Element<'_> {
        static NONE: ElementData = ElementData {
            tag: u32::MAX,
            kinds: Kinds(0),
            foreign: false,
            attributes: 0..0,
            size: TextSize { all: 0, prose: 0 },
        };
        Element {
            outline: self,
            data: self.elements.get(index).unwrap_or(&NONE),
        }
    }
}

/// Parses a page into its outline.
#[must_use]
pub(super) fn parse(html: &str) -> Outline {
    let html = super::guard::limit_attributes(html);
    let mut builder = Builder {
        reopen_budget: REOPEN_BUDGET,
        ..Builder::default()
    };
    tokenize(&html, |event| builder.event(event));
    builder.finish()
}

/// Runs html5gum over `html` as the outline reads it: raw-text elements switched by name, no
/// parse errors. `html` must have passed [`super::guard::limit_attributes`].
pub(super) fn tokenize(html: &str, mut on_event: impl FnMut(CallbackEvent<'_>)) {
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: Span<()>| {
        on_event(event);
        None::<std::convert::Infallible>
    });
    emitter.naively_switch_states(true);
    for _ in Tokenizer::new_with_emitter(html, Quiet(emitter)).flatten() {}
}

/// The tokenizer's emitter without parse errors: they are ignored here, and checking every
/// character for them was 6% of the pipeline on HTML.
struct Quiet<E>(E);

impl<E: Emitter> ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// An element open now.
#[derive(Debug, Clone, Copy)]
struct Open {
    element: usize,
    tag: u32,
    kinds: Kinds,
    rule: Rule,
    foreign: bool,
    size: TextSize,
    /// Inside an element whose content no reader sees.
    skipped: bool,
    in_paragraph: bool,
}

/// The start tag being read.
#[derive(Debug)]
struct StartTag {
    known: Known,
    attributes_from: usize,
    /// The last attribute name was kept: its value goes with it.
    value_wanted: bool,
}

#[derive(Debug, Default)]
struct Builder {
    outline: Outline,
    other_tags: FxHashMap<Box<[u8]>, u32>,
    stack: Vec<Open>,
    /// Open elements by rule, so that most scope checks cost nothing.
    open_by_rule: [u32; RULES],
    /// Start tags beyond [`MAX_DEPTH`] whose elements were not opened: as many end tags are
    /// dropped.
    overflow: usize,
    tag: Option<StartTag>,
    /// Elements [`Builder::close_link`] may still open again.
    reopen_budget: usize,
    head_seen: bool,
    body_started: bool,
}

impl Builder {
    fn event(&mut self, event: CallbackEvent<'_>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some(StartTag {
                    known: self.known(name),
                    attributes_from: self.outline.attributes.len(),
                    value_wanted: false,
                });
            }
            CallbackEvent::AttributeName { name } => self.attribute_name(name),
            CallbackEvent::AttributeValue { value } => {
                if let Some(tag) = self.tag.as_mut().filter(|t| t.value_wanted) {
                    tag.value_wanted = false;
                    let value = push_str(&mut self.outline.strings, value);
                    if let Some(last) = self.outline.attributes.last_mut() {
                        last.value = value;
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some(tag) = self.tag.take() {
                    let attributes = tag.attributes_from..self.outline.attributes.len();
                    self.start(tag.known, attributes, self_closing);
                }
            }
            CallbackEvent::EndTag { name } => {
                let known = self.known(name);
                self.end(known);
            }
            CallbackEvent::String { value } => self.text(value),
            CallbackEvent::Comment { .. }
            | CallbackEvent::Doctype { .. }
            | CallbackEvent::Error(_) => {}
        }
    }

    /// The number, kinds and rule of a tag name.
    fn known(&mut self, name: &[u8]) -> Known {
        if let Some(known) = NAMES.by_name.get(name) {
            return *known;
        }
        let next = NAMES.names.len() + self.outline.other_names.len();
        let tag = *self.other_tags.entry(name.into()).or_insert_with(|| {
            self.outline
                .other_names
                .push(String::from_utf8_lossy(name).into());
            u32::try_from(next).unwrap_or(u32::MAX)
        });
        Known {
            tag,
            kinds: Kinds::default(),
            rule: Rule::Other,
        }
    }

    fn attribute_name(&mut self, name: &[u8]) {
        let Some(tag) = self.tag.as_mut() else {
            return;
        };
        let kept = &self.outline.attributes[tag.attributes_from..];
        let strings = &self.outline.strings;
        tag.value_wanted = kept.len() < MAX_ATTRIBUTES
            && !kept
                .iter()
                .any(|a| strings.as_bytes().get(a.name.clone()) == Some(name));
        if tag.value_wanted {
            let name = push_str(&mut self.outline.strings, name);
            let at = name.end;
            self.outline.attributes.push(Attribute {
                name,
                value: at..at,
            });
        }
    }

    fn top(&self) -> Option<&Open> {
        self.stack.last()
    }

    fn top_rule(&self) -> Option<Rule> {
        self.top().map(|o| o.rule)
    }

    /// Whether an element of `rule` is open.
    fn is_open(&self, rule: Rule) -> bool {
        self.open_by_rule[rule as usize] > 0
    }

    /// Content goes into SVG or MathML: the current element is foreign and no integration point.
    fn in_foreign(&self) -> bool {
        self.top()
            .is_some_and(|o| o.foreign && !o.kinds.has(Kinds::INTEGRATION))
    }

    fn start(&mut self, mut known: Known, attributes: Range<usize>, self_closing: bool) {
        match known.rule {
            Rule::Html if !self.stack.is_empty() => return,
            Rule::Html => return self.insert(known, attributes, false, false),
            Rule::Head | Rule::Body if self.body_started => return,
            Rule::Frameset => return,
            _ => {}
        }
        self.ensure_html();
        if self.in_foreign() {
            if known.kinds.has(Kinds::BREAKOUT) {
                while self.in_foreign() {
                    self.pop();
                }
            } else {
                return self.push_foreign(known, attributes, self_closing);
            }
        }
        if known.rule == Rule::Foreign {
            return self.push_foreign(known, attributes, self_closing);
        }
        if !self.body_started {
            // Before the body, the head holds what belongs in it; anything else starts the body.
            if known.rule == Rule::Head {
                if !std::mem::replace(&mut self.head_seen, true) {
                    self.insert(known, attributes, false, false);
                }
                return;
            }
            if !std::mem::replace(&mut self.head_seen, true) {
                self.push_implied(b"head");
            }
            if known.rule == Rule::Body {
                self.close_head();
                self.body_started = true;
                self.insert(known, attributes, false, false);
                return;
            }
            if !known.kinds.has(Kinds::HEAD) {
                self.ensure_body();
            }
        }
        if known.rule == Rule::Image {
            known = NAMES.by_name.get(&b"img"[..]).copied().unwrap_or(known);
        }
        if self.close_implied(known) {
            self.insert(known, attributes, known.kinds.has(Kinds::VOID), false);
        }
    }

    /// Opens an element, and closes it at once when it is void; counts the end tags to drop
    /// when it is too deep to open.
    fn insert(&mut self, known: Known, attributes: Range<usize>, void: bool, foreign: bool) {
        if self.push(known, attributes, foreign) {
            if void {
                self.pop();
            }
        } else if !void {
            self.overflow += 1;
        }
    }

    /// Closes what the tag closes by starting (`<p>One<p>Two`, `<li>`, table parts); false when
    /// the tree builder ignores the tag (a cell outside any table).
    fn close_implied(&mut self, known: Known) -> bool {
        if known.kinds.has(Kinds::CLOSES_PARAGRAPH) && self.is_open(Rule::P) {
            self.close_in_scope(|o| o.rule == Rule::P, Scope::Button);
        }
        if known.kinds.has(Kinds::HEADING)
            && self.top().is_some_and(|o| o.kinds.has(Kinds::HEADING))
        {
            self.pop();
        }
        match known.rule {
            Rule::Li | Rule::DefinitionItem if self.is_open(known.rule) => {
                self.close_list_item(known.rule);
            }
            Rule::A if self.is_open(Rule::A) => {
                // `<a>one <a>two`: a link does not nest in a link.
                if let Some(at) = self.find(|o| o.rule == Rule::A, |o| o.kinds.has(Kinds::SCOPE)) {
                    self.close_link(at);
                }
            }
            Rule::Button if self.is_open(Rule::Button) => {
                self.close_in_scope(|o| o.rule == Rule::Button, Scope::Default);
            }
            Rule::Option if self.top_rule() == Some(Rule::Option) => self.pop(),
            Rule::Optgroup => {
                for rule in [Rule::Option, Rule::Optgroup] {
                    if self.top_rule() == Some(rule) {
                        self.pop();
                    }
                }
            }
            _ if known.kinds.has(Kinds::RUBY_PART) && self.is_open(Rule::Ruby) => {
                while self.top().is_some_and(|o| o.kinds.has(Kinds::RUBY_PART)) {
                    self.pop();
                }
            }
            Rule::Table => {
                // A table straight inside a table's rows ends that table.
                if matches!(
                    self.top_rule(),
                    Some(Rule::Table | Rule::TableSection | Rule::Tr)
                ) {
                    self.close_in_scope(|o| o.rule == Rule::Table, Scope::Table);
                }
            }
            Rule::TableSection | Rule::Caption | Rule::Tr | Rule::Cell => {
                return self.open_table_part(known.rule);
            }
            _ => {}
        }
        true
    }

    /// Closes the open cells and rows a table part ends, and supplies the `tbody` and `tr` a
    /// cell or row needs; false outside any table.
    fn open_table_part(&mut self, rule: Rule) -> bool {
        if !self.is_open(Rule::Table)
            || self
                .find(|o| o.rule == Rule::Table, |o| Scope::Table.bounded_by(o))
                .is_none()
        {
            return false;
        }
        let stops: &[Rule] = match rule {
            Rule::Cell => &[Rule::Tr, Rule::TableSection, Rule::Table],
            Rule::Tr => &[Rule::TableSection, Rule::Table],
            _ => &[Rule::Table],
        };
        while self
            .top_rule()
            .is_some_and(|r| !stops.contains(&r) && r != Rule::Html)
        {
            self.pop();
        }
        if matches!(rule, Rule::Cell | Rule::Tr) && self.top_rule() == Some(Rule::Table) {
            self.push_implied(b"tbody");
        }
        if rule == Rule::Cell && self.top_rule() != Some(Rule::Tr) {
            self.push_implied(b"tr");
        }
        true
    }

    /// `<li>` closes the open `li` unless a block other than a `div`, `p` or `address` is
    /// between (`<li><ul><li>` nests).
    fn close_list_item(&mut self, item: Rule) {
        let at = self.find(
            |o| o.rule == item,
            |o| {
                o.kinds.has(Kinds::SPECIAL)
                    && !matches!(
                        NAMES.names.get(o.tag as usize),
                        Some(&("address" | "div" | "p"))
                    )
            },
        );
        if let Some(at) = at {
            self.pop_to(at);
        }
    }

    fn end(&mut self, known: Known) {
        if self.overflow > 0 {
            self.overflow -= 1;
            return;
        }
        match known.rule {
            // The tree builder keeps the body open: text after `</body>` is the body's.
            Rule::Html | Rule::Body => return,
            Rule::Head => {
                self.close_head();
                return;
            }
            // `</br>` is a line break.
            Rule::Br => return self.start(known, 0..0, false),
            Rule::Li | Rule::DefinitionItem | Rule::A | Rule::Table | Rule::Button
                if !self.is_open(known.rule) =>
            {
                return;
            }
            _ => {}
        }
        if self.in_foreign() {
            let at = self.find(|o| o.tag == known.tag, |o| !o.foreign);
            if let Some(at) = at {
                return self.pop_to(at);
            }
        }
        let tag = known.tag;
        if known.rule == Rule::P {
            if !self.is_open(Rule::P) || !self.close_in_scope(|o| o.tag == tag, Scope::Button) {
                // `</p>` with no paragraph open ends the text before it as an empty one would.
                self.ensure_html();
                self.ensure_body();
                self.insert(known, 0..0, true, false);
            }
        } else if known.kinds.has(Kinds::HEADING) {
            self.close_in_scope(|o| o.kinds.has(Kinds::HEADING), Scope::Default);
        } else if known.kinds.has(Kinds::SPECIAL) {
            let scope = match known.rule {
                Rule::Li => Scope::ListItem,
                Rule::Table | Rule::TableSection | Rule::Tr | Rule::Cell => Scope::Table,
                _ => Scope::Default,
            };
            self.close_in_scope(|o| o.tag == tag, scope);
        } else if known.rule == Rule::A {
            if let Some(at) = self.find(|o| o.rule == Rule::A, |o| o.kinds.has(Kinds::SCOPE)) {
                self.close_link(at);
            }
        } else if let Some(at) = self.find(|o| o.tag == tag, |o| o.kinds.has(Kinds::SPECIAL)) {
            // An inline element's end tag closes nothing past a block (`<b><p>x</b>`): it stays
            // open, which changes nothing a reader sees.
            self.pop_to(at);
        }
    }

    /// Closes the link at `at`. Blocks opened inside it (`<a name=x><p>Heading</a> text</p>`)
    /// are closed with it and opened again, as the tree builder's adoption agency leaves the
    /// text after `</a>` in the block and out of the link; within [`REOPEN_BUDGET`] elements
    /// reopened on the page, past which the link stays open.
    fn close_link(&mut self, at: usize) {
        let above = self.stack.len().saturating_sub(at + 1);
        if above == 0 {
            return self.pop_to(at);
        }
        if !self.stack[at + 1..]
            .iter()
            .any(|o| o.kinds.has(Kinds::SPECIAL))
        {
            return self.pop_to(at);
        }
        if above > self.reopen_budget {
            return;
        }
        self.reopen_budget -= above;
        let reopened: Vec<(Known, Range<usize>, bool)> = self.stack[at + 1..]
            .iter()
            .map(|o| {
                let known = Known {
                    tag: o.tag,
                    kinds: o.kinds,
                    rule: o.rule,
                };
                let attributes = self
                    .outline
                    .elements
                    .get(o.element)
                    .map_or(0..0, |e| e.attributes.clone());
                (known, attributes, o.foreign)
            })
            .collect();
        self.pop_to(at);
        for (known, attributes, foreign) in reopened {
            self.push(known, attributes, foreign);
        }
    }

    fn text(&mut self, value: &[u8]) {
        let text = utf8(value);
        if !self.body_started && matches!(self.top_rule(), None | Some(Rule::Html | Rule::Head)) {
            // White space before the body is no text; other text starts the body.
            if text.chars().all(char::is_whitespace) {
                return;
            }
            self.ensure_html();
            self.ensure_body();
        }
        if let Some(top) = self.stack.last_mut().filter(|o| !o.skipped) {
            let n = text.chars().filter(|c| !c.is_whitespace()).count();
            top.size.all += n;
            if top.in_paragraph {
                top.size.prose += n;
            }
        }
        let from = self.outline.strings.len();
        self.outline.strings.push_str(&text);
        let range = from..self.outline.strings.len();
        self.outline.events.push(Event::Text(range));
    }

    fn ensure_html(&mut self) {
        if self.stack.is_empty() {
            self.push_implied(b"html");
        }
    }

    fn ensure_body(&mut self) {
        if !self.body_started {
            if !std::mem::replace(&mut self.head_seen, true) {
                self.push_implied(b"head");
            }
            self.close_head();
            self.body_started = true;
            self.push_implied(b"body");
        }
    }

    fn close_head(&mut self) {
        if !self.is_open(Rule::Head) {
            return;
        }
        if let Some(at) = self.find(|o| o.rule == Rule::Head, |o| o.rule == Rule::Html) {
            self.pop_to(at);
        }
    }

    fn push_implied(&mut self, name: &[u8]) {
        if let Some(known) = NAMES.by_name.get(name).copied() {
            self.insert(known, 0..0, false, false);
        }
    }

    fn push_foreign(&mut self, known: Known, attributes: Range<usize>, self_closing: bool) {
        self.insert(known, attributes, self_closing, true);
    }

    /// Opens an element; false when [`MAX_DEPTH`] elements are open already.
    fn push(&mut self, known: Known, attributes: Range<usize>, foreign: bool) -> bool {
        if self.stack.len() >= MAX_DEPTH {
            return false;
        }
        let element = self.outline.elements.len();
        let parent = self.top();
        let open = Open {
            element,
            tag: known.tag,
            kinds: known.kinds,
            rule: known.rule,
            foreign,
            size: TextSize::default(),
            skipped: parent.is_some_and(|p| p.skipped) || known.kinds.has(Kinds::SKIPPED),
            in_paragraph: parent.is_some_and(|p| p.in_paragraph) || known.rule == Rule::P,
        };
        self.outline.elements.push(ElementData {
            tag: known.tag,
            kinds: known.kinds,
            foreign,
            attributes,
            size: TextSize::default(),
        });
        self.outline.events.push(Event::Open(element));
        self.open_by_rule[known.rule as usize] += 1;
        self.stack.push(open);
        true
    }

    fn pop(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let count = &mut self.open_by_rule[open.rule as usize];
        *count = count.saturating_sub(1);
        if let Some(data) = self.outline.elements.get_mut(open.element) {
            data.size = open.size;
        }
        match self.stack.last_mut() {
            Some(parent) => {
                parent.size.all += open.size.all;
                parent.size.prose += open.size.prose;
            }
            None => {
                self.outline.total.all += open.size.all;
                self.outline.total.prose += open.size.prose;
            }
        }
        self.outline.events.push(Event::Close(open.element));
    }

    /// Closes the element at `at` and every element above it.
    fn pop_to(&mut self, at: usize) {
        while self.stack.len() > at {
            self.pop();
        }
    }

    /// The nearest open element that `wanted` picks, looking down the stack no further than an
    /// element that `stop` picks or [`REACH`] elements.
    fn find(&self, wanted: impl Fn(&Open) -> bool, stop: impl Fn(&Open) -> bool) -> Option<usize> {
        for (depth, open) in self.stack.iter().rev().enumerate().take(REACH) {
            if wanted(open) {
                return Some(self.stack.len() - 1 - depth);
            }
            if stop(open) {
                return None;
            }
        }
        None
    }

    /// Closes the nearest open element `wanted` picks within `scope`; whether there was one.
    fn close_in_scope(&mut self, wanted: impl Fn(&Open) -> bool, scope: Scope) -> bool {
        let at = self.find(wanted, |o| scope.bounded_by(o));
        if let Some(at) = at {
            self.pop_to(at);
        }
        at.is_some()
    }

    fn finish(mut self) -> Outline {
        self.pop_to(0);
        self.outline
    }
}

/// The standard's scopes: the elements where the search for an open element stops.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Default,
    Button,
    ListItem,
    Table,
}

impl Scope {
    fn bounded_by(self, open: &Open) -> bool {
        let default = if open.foreign {
            open.kinds.has(Kinds::INTEGRATION)
        } else {
            open.kinds.has(Kinds::SCOPE)
        };
        match self {
            Scope::Default => default,
            Scope::Button => default || open.rule == Rule::Button,
            Scope::ListItem => default || open.rule == Rule::ListItemScope,
            Scope::Table => {
                !open.foreign && matches!(open.rule, Rule::Html | Rule::Table)
                    || NAMES.names.get(open.tag as usize) == Some(&"template")
            }
        }
    }
}

/// Appends `bytes` and gives their range.
fn push_str(strings: &mut String, bytes: &[u8]) -> Range<usize> {
    let from = strings.len();
    strings.push_str(&utf8(bytes));
    from..strings.len()
}

/// The tokenizer's bytes as text: UTF-8 always (it reads a `str` and writes references as UTF-8),
/// anything else replaced. Checked the fast way first: the lossy reading costs more per call.
fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The outline as nested names, texts in quotes: `html(head body(p("One") p("Two")))`.
    fn tree(html: &str) -> String {
        let outline = parse(html);
        let mut out = String::new();
        let mut first = true;
        for node in outline.nodes() {
            match node {
                Node::Open(e) => {
                    if !first && !out.ends_with('(') {
                        out.push(' ');
                    }
                    out.push_str(e.name());
                    out.push('(');
                }
                Node::Text(t) => {
                    if !out.ends_with('(') {
                        out.push(' ');
                    }
                    out.push_str(&format!("{t:?}"));
                }
                Node::Close(_) => {
                    if out.ends_with('(') {
                        out.pop();
                    } else {
                        out.push(')');
                    }
                }
            }
            first = false;
        }
        out
    }

    #[test]
    fn the_document_parts_are_supplied_and_text_after_the_body_is_the_bodys() {
        for (page, want) in [
            (
                "<title>T</title><p>One",
                r#"html(head(title("T")) body(p("One")))"#,
            ),
            (
                "<!doctype html><html lang=en><body>a</body></html> b",
                r#"html(head body("a" " b"))"#,
            ),
            ("  plain text", r#"html(head body("  plain text"))"#),
            // Head elements after the head closed stay in place; the first other tag starts the body.
            (
                "<head><meta charset=utf-8></head><link rel=x><div>a</div>",
                r#"html(head(meta) link body(div("a")))"#,
            ),
        ] {
            assert_eq!(tree(page), want, "{page}");
        }
    }

    #[test]
    fn implied_end_tags_close_paragraphs_items_and_cells() {
        for (page, want) in [
            (
                "<body><p>One<p>Two<div>Three</div>",
                r#"html(head body(p("One") p("Two") div("Three")))"#,
            ),
            (
                "<body><ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
                r#"html(head body(ul(li("a") li("b" ul(li("c"))) li("d"))))"#,
            ),
            (
                "<body><dl><dt>t<dd>d<dt>u</dl>",
                r#"html(head body(dl(dt("t") dd("d") dt("u"))))"#,
            ),
            (
                "<body><table><td>a<td>b<tr><th>c</table>after",
                r#"html(head body(table(tbody(tr(td("a") td("b")) tr(th("c")))) "after"))"#,
            ),
            (
                "<body><h1>a<h2>b</h1>c",
                r#"html(head body(h1("a") h2("b") "c"))"#,
            ),
            (
                "<body><a href=1>one <a href=2>two</a>",
                r#"html(head body(a("one ") a("two")))"#,
            ),
        ] {
            assert_eq!(tree(page), want, "{page}");
        }
    }

    #[test]
    fn end_tags_close_what_is_open_inside_and_strays_close_nothing() {
        for (page, want) in [
            (
                "<body><div><p><span>a</div>b",
                r#"html(head body(div(p(span("a"))) "b"))"#,
            ),
            // An inline end tag stops at a block; an end tag with nothing open is ignored.
            (
                "<body><b><p>x</b>y</p></i>z",
                r#"html(head body(b(p("x" "y") "z")))"#,
            ),
            // A link closed inside a block it opened ends there; the block goes on.
            (
                "<body><a name=x><p class=h>Head</a> text</p><p>More",
                r#"html(head body(a(p("Head")) p(" text") p("More")))"#,
            ),
            // `</p>` alone ends the text before it, as an empty paragraph does.
            ("<body>a</p>b", r#"html(head body("a" p "b"))"#),
            // `</div>` inside a cell closes no `div` outside the table.
            (
                "<body><div><table><tr><td>a</div>b</table>c</div>d",
                r#"html(head body(div(table(tbody(tr(td("a" "b")))) "c") "d"))"#,
            ),
        ] {
            assert_eq!(tree(page), want, "{page}");
        }
    }

    #[test]
    fn raw_text_references_and_foreign_content() {
        assert_eq!(
            tree("<body><script>if (a<b) { x = '<div>'; }</script><p>Tom &amp; Jerry&nbsp;&copy"),
            "html(head body(script(\"if (a<b) { x = '<div>'; }\") p(\"Tom & Jerry\\u{a0}©\")))"
        );
        assert_eq!(
            tree("<body><svg><path d='M0'/><title>Icon</title></svg><p>x"),
            r#"html(head body(svg(path title("Icon")) p("x")))"#
        );
        // An HTML block inside SVG ends the SVG.
        assert_eq!(
            tree("<body><svg><g><div>x</div>"),
            r#"html(head body(svg(g) div("x")))"#
        );
        let outline = parse("<body><svg><title>a</title></svg><title>b</title>");
        let titles: Vec<bool> = outline
            .nodes()
            .filter_map(|n| match n {
                Node::Open(e) if e.name() == "title" => Some(e.is_foreign()),
                _ => None,
            })
            .collect();
        assert_eq!(titles, [true, false]);
    }

    #[test]
    fn sizes_count_visible_text_and_prose() {
        let outline = parse("<body><div><p>abc de</p>fg<script>var x</script></div>");
        let sizes: Vec<(&str, usize, usize)> = outline
            .nodes()
            .filter_map(|n| match n {
                Node::Open(e) => Some((e.name(), e.size().all, e.size().prose)),
                _ => None,
            })
            .collect();
        assert_eq!(
            sizes,
            [
                ("html", 7, 5),
                ("head", 0, 0),
                ("body", 7, 5),
                ("div", 7, 5),
                ("p", 5, 5),
                ("script", 0, 0)
            ]
        );
        assert_eq!((outline.total.all, outline.total.prose), (7, 5));
    }

    #[test]
    fn an_element_keeps_its_first_attributes_only() {
        let attributes: String = (0..1000).map(|i| format!(" a{i}=\"v > {i}\"")).collect();
        let outline = parse(&format!("<p id=x id=y{attributes}>text</p>"));
        let p = outline
            .nodes()
            .find_map(|n| match n {
                Node::Open(e) if e.name() == "p" => Some(e),
                _ => None,
            })
            .map(|e| (e.attr("id"), e.attrs().count(), e.attr("a0")));
        // The repeated `id` counts against the limit, and is dropped.
        assert_eq!(p, Some((Some("x"), MAX_ATTRIBUTES - 1, Some("v > 0"))));
    }

    #[test]
    fn hostile_nesting_is_cut_and_its_text_kept() {
        let n = MAX_DEPTH + 100;
        for shape in [
            format!("{}text{}", "<div class=x>".repeat(n), "</div>".repeat(n)),
            format!("{}text", "<div/>".repeat(n)),
            format!("{}text", "<div></i>".repeat(n)),
            format!("{}text", "<optgroup>".repeat(n)),
            format!("{}text", "<rb>".repeat(n)),
            format!("<svg><title>{}text", "<div>".repeat(n)),
            format!("<svg><div>{}text", "<g/>".repeat(n)),
            format!("<table>{}text", "<table><td>".repeat(n)),
        ] {
            let outline = parse(&shape);
            let mut depth = 0usize;
            let mut deepest = 0;
            let mut text = String::new();
            for node in outline.nodes() {
                match node {
                    Node::Open(_) => depth += 1,
                    Node::Close(_) => depth -= 1,
                    Node::Text(t) => text.push_str(t),
                }
                deepest = deepest.max(depth);
            }
            assert!(deepest <= MAX_DEPTH, "{}: depth {deepest}", &shape[..20]);
            assert_eq!(depth, 0);
            assert!(text.contains("text"), "{}", &shape[..20]);
        }
        // After the cut, the page's elements close where they did.
        let page = format!("{}a{}<p>b", "<div>".repeat(n), "</div>".repeat(n));
        assert!(tree(&page).ends_with(r#")))) p("b")))"#), "{}", tree(&page));
    }
}
