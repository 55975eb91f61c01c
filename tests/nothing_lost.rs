//! Nothing is lost from an HTML page: every text node a reader could be shown (hidden ones
//! included) is in `text` or in `removed`. Checked on pages written here and, where the shared
//! corpora exist (CI), on real pages of the extraction corpora.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;

use article_prep::pipeline::{self, Hints, Input, Options, Prepared, TextFormat, clean, fold};
use scraper::{Html, Node};

/// Elements whose text is never shown to a reader (code, styles, templates, graphics, the head),
/// and the JSON-LD and `<title>` read as metadata.
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input",
    "textarea", "canvas", "video", "audio", "object", "embed", "map", "head", "math", "dialog",
    "picture", "source", "title",
];

/// Every span of the answer lies in the text as returned: paragraphs rejoin into it, sentences
/// and quotes lie in their paragraphs, chunks slice to their text in order and cover it.
fn assert_spans_index_the_text(p: &Prepared, page: &str) {
    let t = &p.text;
    let joined: Vec<&str> = p.paragraphs.iter().map(|x| x.span.slice(t)).collect();
    assert_eq!(&joined.join("\n\n"), t, "{page}");
    for s in &p.sentences {
        assert!(p.paragraphs[s.paragraph].span.contains(s.span), "{page}");
    }
    for q in &p.quotes {
        assert!(p.paragraphs[q.paragraph].span.contains(q.span), "{page}");
    }
    let mut end = 0;
    for c in &p.chunks {
        assert!(c.span.start() >= end || c.overlap_tokens > 0, "{page}");
        end = c.span.end();
    }
    assert!(t[end..].trim().is_empty(), "{page}: the end is not chunked");
}

/// The words of every shown text node that the prepared article has nowhere, the text in `format`.
fn lost_words(html: &str, format: TextFormat) -> Vec<String> {
    let options = Options {
        text_format: format,
        keep_links: format == TextFormat::Markdown,
        ..Options::default()
    };
    let prepared = pipeline::prepare(Input::Html(html.to_owned()), &Hints::default(), &options)
        .expect("the page prepares");
    assert_spans_index_the_text(&prepared, &html[..html.len().min(80)]);
    let mut all = fold(&prepared.text);
    for removed in &prepared.removed {
        all.push(' ');
        all.push_str(&fold(&removed.text));
    }
    let words: HashSet<&str> = all.split(' ').collect();
    let doc = Html::parse_document(html);
    let mut lost = Vec::new();
    for node in doc.tree.root().descendants() {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let shown = node.ancestors().all(|a| match a.value() {
            Node::Element(e) => !NOT_TEXT.contains(&e.name()),
            _ => true,
        });
        if !shown {
            continue;
        }
        for word in fold(&clean(text)).split(' ') {
            // A word glued to its neighbour node (`foo<b>bar</b>`) is inside a longer word.
            if !word.is_empty() && !words.contains(word) && !all.contains(word) {
                lost.push(word.to_owned());
            }
        }
    }
    lost
}

#[test]
fn every_shown_text_of_a_written_page_is_kept_or_removed() {
    let pages = [
        r#"<html><head><title>T</title><script>var x = "code";</script></head><body>
           <nav><a href="/">Home</a> <a href="/w">World</a></nav>
           <article><h1>Council passes budget</h1><p>The council voted on Tuesday to approve the new budget after a long debate about schools and roads.</p>
           <p>Members said the plan would <b>fund</b> schools, roads and a new library over the next five years.</p>
           <div hidden><p>A prefetched story nobody sees yet, with several sentences of its own.</p></div>
           <span style="display:none">Sign in to read more</span>
           <table><tr><td>Year</td><td>Spending</td></tr><tr><td>2025</td><td>$4.2m</td></tr></table></article>
           <aside class="related"><a href="/x">Another story about the council</a></aside>
           <footer>© 2025 City Times. All rights reserved.</footer></body></html>"#,
        r#"<html><body><div hidden id="S:0"><main><p>The council voted on Tuesday to approve the new budget after a long debate about schools.</p>
           <p>Members said the plan would fund schools, roads and a new library over the next five years.</p></main></div></body></html>"#,
        r#"<html><body><p>Body text here.</p><ul><li>One</li><li>Two</li></ul></body></html>"#,
    ];
    for page in pages {
        for format in [TextFormat::Plain, TextFormat::Markdown] {
            let lost = lost_words(page, format);
            assert!(lost.is_empty(), "{format:?}: lost {lost:?}");
        }
    }
}

#[test]
fn every_shown_text_of_real_pages_is_kept_or_removed() {
    let corpora = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut checked = 0;
    for corpus in ["article-extraction-benchmark", "wcxb-dev"] {
        let Ok(entries) = std::fs::read_dir(corpora.join(corpus).join("html")) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        // Every eighth page: the whole corpus is the fuzzer's and the evaluations' job.
        for path in paths.iter().step_by(8) {
            let mut bytes = Vec::new();
            let file = std::fs::File::open(path).expect("the corpus file opens");
            flate2::read::GzDecoder::new(file)
                .read_to_end(&mut bytes)
                .expect("the corpus file is gzip");
            let html = String::from_utf8_lossy(&bytes);
            for format in [TextFormat::Plain, TextFormat::Markdown] {
                let lost = lost_words(&html, format);
                assert!(
                    lost.is_empty(),
                    "{} ({format:?}): lost {:?}",
                    path.display(),
                    &lost[..lost.len().min(20)]
                );
            }
            checked += 1;
        }
    }
    // A fresh clone has no corpora: say so rather than pass having checked nothing; CI has them,
    // so there a run that found none fails.
    if checked == 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "no corpus pages under {}: CI must have ../shared",
            corpora.display()
        );
        eprintln!("SKIPPED: no corpus pages under {}", corpora.display());
        return;
    }
    eprintln!("nothing lost on {checked} corpus pages");
}
