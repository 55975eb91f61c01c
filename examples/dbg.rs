//! Debug: blocks with features of a page.
use std::io::Read;
fn main() {
    let mut s = String::new();
    let _ = std::io::stdin().read_to_string(&mut s);
    let (blocks, _) = article_prep::pipeline::html::parse(&s);
    let sorted = article_prep::pipeline::boilerplate::sort(&blocks, None, false);
    let kept: std::collections::HashSet<&str> =
        sorted.kept.iter().map(|k| k.text.as_str()).collect();
    for (i, b) in blocks.iter().enumerate() {
        let d = b.dom.as_ref();
        let r = sorted
            .dropped
            .iter()
            .find(|x| x.text == b.text)
            .map(|x| format!("{:?}", x.reason))
            .unwrap_or_default();
        println!(
            "{i:4} {} {:?} {:?} art={} body={} hid={} anc={} | {:<12} | {}",
            if kept.contains(b.text.as_str()) {
                "K"
            } else {
                " "
            },
            b.kind,
            d.and_then(|d| d.role),
            d.map(|d| d.in_article).unwrap_or(false),
            d.map(|d| d.in_body_container).unwrap_or(false),
            d.map(|d| d.hidden).unwrap_or(false),
            d.map(|d| d.ancestors.len()).unwrap_or(0),
            r,
            b.text.chars().take(80).collect::<String>()
        );
    }
}
