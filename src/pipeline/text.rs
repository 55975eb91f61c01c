//! Plain text (a scraper's innerText dump) → blocks: one block per non-blank line.

use super::block::Block;
use super::block::ParagraphKind;

/// Bullet marks that open a list item line.
const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '⁃', '*', '-', '–'];

/// Splits a text payload into line blocks, remembering blank-line gaps and list bullets.
#[must_use]
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut gap = true;
    for line in text.split([
        '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{0b}', '\u{0c}',
    ]) {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.chars().all(|c| c.is_whitespace() || c.is_control()) {
            gap = true;
            continue;
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
}
