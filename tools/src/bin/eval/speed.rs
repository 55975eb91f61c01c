//! `eval speed`: the pipeline in-process on one core, for diagnosis beside `scripts/bench-vs-anchors`.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::path::{Path, PathBuf};
use std::time::Instant;

use article_prep::pipeline::{self, Hints, Input, Options};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, QualName};

use super::read_gz;

/// Pages per second and MB/s of input, median of `runs` passes, one thread: html5ever alone (with
/// scraper's tree, and with a sink that keeps nothing but element names: the floor under any
/// tree a lean sink could build), its tokenizer alone, html5gum's tokenizer alone (under our parse
/// stage), lol_html with handlers on every element,
/// end tag and text chunk (issue 34's candidate foundations), our parse stage (HTML to blocks), the Rust anchors when built
/// with them, then the whole pipeline (all outputs, default options) on HTML and on text payloads.
pub fn run(corpus: &Path, runs: usize) -> Result<bool, String> {
    let list = |sub: &str, ext: &str| -> Result<Vec<PathBuf>, String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus.join(sub))
            .map_err(|e| format!("{}: {e}", corpus.join(sub).display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(ext))
            .collect();
        paths.sort();
        Ok(paths)
    };
    let html: Vec<String> = list("html", ".html.gz")?
        .iter()
        .map(|p| read_gz(p))
        .collect::<Result<_, _>>()?;
    let text: Vec<String> = list("text", ".txt")?
        .iter()
        .map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<_, _>>()?;
    let options = Options::default();
    let runs = runs.max(1);
    let measure = |name: &str, pages: &[String], work: &dyn Fn(&str)| {
        let mut seconds: Vec<f64> = (0..runs)
            .map(|_| {
                let started = Instant::now();
                for page in pages {
                    work(page);
                }
                started.elapsed().as_secs_f64()
            })
            .collect();
        seconds.sort_by(f64::total_cmp);
        let median = seconds[seconds.len() / 2];
        let bytes: usize = pages.iter().map(String::len).sum();
        println!(
            "{name:<34} {:>8.1} pages/s {:>8.1} MB/s   ({} pages, median of {runs})",
            pages.len() as f64 / median,
            bytes as f64 / 1e6 / median,
            pages.len()
        );
    };
    measure("html5ever parse only (html)", &html, &|page| {
        std::hint::black_box(scraper::Html::parse_document(page));
    });
    measure("html5ever, names-only sink (html)", &html, &|page| {
        std::hint::black_box(
            html5ever::parse_document(NamesOnly::default(), Default::default()).one(page),
        );
    });
    measure("html5ever tokenizer only (html)", &html, &|page| {
        std::hint::black_box(tokens_only(page));
    });
    measure("html5gum tokenizer only (html)", &html, &|page| {
        std::hint::black_box(gum_tokens(page));
    });
    measure("lol_html, element+end+text handlers", &html, &|page| {
        std::hint::black_box(lol_walk(page));
    });
    measure("article-prep parse stage (html)", &html, &|page| {
        std::hint::black_box(pipeline::stages::html::parse(page));
    });
    // The Rust anchors, when built with them (`--features baselines`).
    #[cfg(feature = "baselines")]
    for baseline in super::extraction::baselines::ALL {
        measure(
            &format!("{} body only (html)", baseline.name),
            &html,
            &|page| {
                std::hint::black_box((baseline.extract)(page));
            },
        );
    }
    measure("article-prep all outputs (html)", &html, &|page| {
        let _ = std::hint::black_box(pipeline::prepare(
            Input::Html(page.to_owned()),
            &Hints::default(),
            &options,
        ));
    });
    measure("article-prep all outputs (text)", &text, &|page| {
        let _ = std::hint::black_box(pipeline::prepare(
            Input::Text(page.to_owned()),
            &Hints::default(),
            &options,
        ));
    });
    Ok(true)
}

/// Elements and text bytes of `page` through html5ever's tokenizer alone (no tree construction:
/// the floor under a parser that keeps its own open-element stack). Script, style and the other
/// raw-text elements are switched into their tokenizer states, as a tree builder would.
fn tokens_only(page: &str) -> (usize, usize) {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };

    #[derive(Default)]
    struct Counts {
        elements: std::cell::Cell<usize>,
        text: std::cell::Cell<usize>,
    }
    impl TokenSink for Counts {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            match token {
                Token::TagToken(tag) if tag.kind == TagKind::StartTag => {
                    self.elements.set(self.elements.get() + 1);
                    match &*tag.name {
                        "script" => return TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                            return TokenSinkResult::RawData(RawKind::Rawtext);
                        }
                        "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
                        _ => {}
                    }
                }
                Token::CharacterTokens(t) => self.text.set(self.text.get() + t.len()),
                _ => {}
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Counts::default(), TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from(page));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    (tokenizer.sink.elements.get(), tokenizer.sink.text.get())
}

/// Elements and text bytes of `page` through html5gum's tokenizer as our parse stage drives it
/// (callbacks, raw-text elements switched by name, no parse errors): the floor under that stage.
fn gum_tokens(page: &str) -> (usize, usize) {
    use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
    let (mut elements, mut text) = (0, 0);
    let mut emitter = CallbackEmitter::new(|event: CallbackEvent<'_>, _: html5gum::Span<()>| {
        match event {
            CallbackEvent::OpenStartTag { .. } => elements += 1,
            CallbackEvent::String { value } => text += value.len(),
            _ => {}
        }
        None::<std::convert::Infallible>
    });
    emitter.naively_switch_states(true);
    for _ in html5gum::Tokenizer::new_with_emitter(page, Quiet(emitter)).flatten() {}
    (elements, text)
}

/// html5gum's emitter without parse errors, as our parse stage runs it.
struct Quiet<E>(E);

impl<E: html5gum::Emitter> html5gum::ForwardingEmitter for Quiet<E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl html5gum::Emitter<Token = Self::Token> {
        &mut self.0
    }

    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Elements, end tags and text bytes of `page` through lol_html's streaming rewriter with a
/// handler on every element, its end tag and every text chunk: the per-element cost of building
/// blocks from its events (it repairs no tree: misnested and implied end tags reach no handler).
fn lol_walk(page: &str) -> (usize, usize, usize) {
    use std::rc::Rc;

    use lol_html::{HtmlRewriter, Settings, doc_text, element};

    let elements = Rc::new(std::cell::Cell::new(0usize));
    let ends = Rc::new(std::cell::Cell::new(0usize));
    let text = Rc::new(std::cell::Cell::new(0usize));
    let (e, n, t) = (elements.clone(), ends.clone(), text.clone());
    let mut rewriter = HtmlRewriter::new(
        Settings {
            element_content_handlers: vec![element!("*", move |el| {
                e.set(e.get() + 1);
                if let Some(handlers) = el.end_tag_handlers() {
                    let n = n.clone();
                    let on_end: lol_html::EndTagHandler<'static> = Box::new(move |_end| {
                        n.set(n.get() + 1);
                        Ok(())
                    });
                    handlers.push(on_end);
                }
                Ok(())
            })],
            document_content_handlers: vec![doc_text!(move |chunk| {
                t.set(t.get() + chunk.as_str().len());
                Ok(())
            })],
            ..Settings::new()
        },
        |_: &[u8]| {},
    );
    let _ = rewriter.write(page.as_bytes());
    let _ = rewriter.end();
    (elements.get(), ends.get(), text.get())
}

/// A tree sink that keeps only what html5ever's tree builder asks back (element names) and the
/// amount of text: what tree construction costs before any tree is stored.
#[derive(Default)]
struct NamesOnly {
    names: RefCell<Vec<QualName>>,
    text: std::cell::Cell<usize>,
}

impl NamesOnly {
    fn push(&self, name: QualName) -> usize {
        let mut names = self.names.borrow_mut();
        names.push(name);
        names.len()
    }
}

/// Handles are indexes into `names` plus one; 0 is the document (and comments, never asked).
impl TreeSink for NamesOnly {
    type Handle = usize;
    type Output = usize;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> usize {
        self.names.into_inner().len() + self.text.get()
    }
    fn parse_error(&self, _msg: Cow<'static, str>) {}
    fn get_document(&self) -> usize {
        0
    }
    fn elem_name<'a>(&'a self, target: &'a usize) -> Ref<'a, QualName> {
        // The builder asks only for elements it created.
        Ref::map(self.names.borrow(), |names| {
            &names[target.saturating_sub(1)]
        })
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> usize {
        std::hint::black_box(attrs);
        self.push(name)
    }
    fn create_comment(&self, _: StrTendril) -> usize {
        0
    }
    fn create_pi(&self, _: StrTendril, _: StrTendril) -> usize {
        0
    }
    fn append(&self, _: &usize, child: NodeOrText<usize>) {
        if let NodeOrText::AppendText(t) = child {
            self.text.set(self.text.get() + t.len());
        }
    }
    fn append_based_on_parent_node(&self, _: &usize, parent: &usize, child: NodeOrText<usize>) {
        self.append(parent, child);
    }
    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}
    fn get_template_contents(&self, target: &usize) -> usize {
        *target
    }
    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }
    fn set_quirks_mode(&self, _: QuirksMode) {}
    fn append_before_sibling(&self, sibling: &usize, child: NodeOrText<usize>) {
        self.append(sibling, child);
    }
    fn add_attrs_if_missing(&self, _: &usize, _: Vec<Attribute>) {}
    fn remove_from_parent(&self, _: &usize) {}
    fn reparent_children(&self, _: &usize, _: &usize) {}
}
