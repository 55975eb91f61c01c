//! Plain text (a scraper's innerText dump) → blocks: one block per non-blank line.

use super::block::Block;
use super::block::ParagraphKind;

/// Bullet marks that open a list item line.
const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '⁃', '*', '-', '–'];

/// Lines of at most this many bytes are fragments (`a`, `|`, `12`, `中`): alone, none is a
/// paragraph.
const FRAGMENT_BYTES: usize = 4;

/// A run of more fragments than this, blank lines aside, is one block with its lines (a column
/// of cells, page numbers, a payload of one-character lines). Each block costs the later stages
/// some hundreds of bytes, so two million one-character lines must not make two million blocks
/// (at 4 MB, 1.1 GB and 4.5 s before); real runs are shorter (an alphabet index is 26).
const MAX_FRAGMENT_RUN: usize = 64;

/// Splits a text payload into line blocks, remembering blank-line gaps and list bullets.
#[must_use]
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = true;
    // Fragments read in a row, up to the line before.
    let mut fragments = 0usize;
    for line in text.split([
        '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0b}', '\u{0c}',
    ]) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.chars().all(|c| c.is_whitespace() || c.is_control()) {
            gap = true;
            continue;
        }
        fragments = if trimmed.len() <= FRAGMENT_BYTES {
            fragments + 1
        } else {
            0
        };
        if fragments > MAX_FRAGMENT_RUN {
            if fragments == MAX_FRAGMENT_RUN + 1 {
                merge_run(&mut blocks, MAX_FRAGMENT_RUN);
            }
            if let Some(run) = blocks.last_mut() {
                run.text.push('\n');
                run.text.push_str(trimmed);
                continue;
            }
        }
        let (kind, content) = match trimmed.strip_prefix(BULLETS) {
            Some(rest) if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() => {
                (ParagraphKind::ListItem, rest.trim())
            }
            _ => (ParagraphKind::Body, trimmed),
        };
        // Entities a scraper left in the text (`&amp;`, `&#8217;`) are decoded here, where the
        // payload's format is interpreted.
        let content = if content.contains('&') {
            html_escape::decode_html_entities(content)
        } else {
            content.into()
        };
        blocks.push(Block::text(content, kind, gap));
        gap = false;
    }
    blocks
}

/// The last `count` blocks as one: their texts a line each, the first's gap before them.
fn merge_run(blocks: &mut Vec<Block>, count: usize) {
    let from = blocks.len().saturating_sub(count);
    let mut run = blocks.drain(from..);
    let Some(first) = run.next() else {
        return;
    };
    let mut merged = Block::text(first.text, ParagraphKind::Body, first.gap_before);
    for block in run {
        merged.text.push('\n');
        merged.text.push_str(&block.text);
    }
    blocks.push(merged);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_left_in_text_are_decoded() {
        let blocks = parse("Tom &amp; Jerry&#8217;s &quot;show&quot;");
        assert_eq!(blocks[0].text, "Tom & Jerry’s \"show\"");
    }

    #[test]
    fn each_line_is_a_block_and_bullets_make_list_items() {
        let blocks = parse("Title\n\n  • Al Arabiya\nBody line.\r\n");
        let texts: Vec<_> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.kind, b.gap_before))
            .collect();
        assert_eq!(
            texts,
            [
                ("Title", ParagraphKind::Body, true),
                ("Al Arabiya", ParagraphKind::ListItem, true),
                ("Body line.", ParagraphKind::Body, false),
            ]
        );
    }

    #[test]
    fn a_long_run_of_fragments_is_one_block() {
        let alphabet: String = ('A'..='Z').map(|c| format!("{c}\n")).collect();
        assert_eq!(parse(&alphabet).len(), 26);
        let numbers: String = (1..=1000).map(|n| format!("{n}\n\n")).collect();
        let blocks = parse(&format!("Page one\n{numbers}The end of the list."));
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert_eq!(texts[0], "Page one");
        assert!(texts[1].starts_with("1\n2\n3\n") && texts[1].ends_with("\n999\n1000"));
        assert_eq!(texts[2], "The end of the list.");
        // Every line is in a block.
        assert_eq!(texts[1].lines().count(), 1000);
    }
}
