//! What agencies typed, as the report shows it: plain text with the line
//! structure the form promises ("mỗi ý một dòng"), never Markdown.
//!
//! Each line is one paragraph; a line that starts with a bullet (`-`, `+`,
//! `*`, `•`, `–`, `○`… as typed or pasted from Word) is a list item; empty
//! lines and invisible-only texts are dropped. The one mark kept is the one
//! the form offers: `**bold**`. Everything else (`#`, `3*4*5`, `__init__`,
//! `&amp;`, `\`, links) prints as typed, because the text reaches the
//! narrative's Markdown with every ASCII sign escaped.

/// A line of an agency's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(String),
    Item(String),
}

/// Signs a clerk starts a list item with, typed or pasted from Word.
const BULLETS: [char; 16] =
    ['-', '+', '*', '•', '·', '–', '—', '○', '◦', '▪', '■', '□', '●', '➢', '►', '\u{F0B7}'];

/// The lines of `text` as paragraphs and list items.
pub fn blocks(text: &str) -> Vec<Block> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut chars = line.chars();
            let first = chars.next().unwrap_or(' ');
            let rest = chars.as_str();
            // "**bold**" opens with stars that are no bullet.
            let bullet = BULLETS.contains(&first) && !(first == '*' && rest.starts_with('*'));
            if bullet && (rest.starts_with(' ') || first != '-' && first != '+' && first != '*') {
                Block::Item(rest.trim().to_owned())
            } else {
                Block::Paragraph(line.to_owned())
            }
        })
        .filter(|b| !matches!(b, Block::Item(t) | Block::Paragraph(t) if t.is_empty()))
        .collect()
}

/// Whether a text has anything to show.
pub fn is_blank(text: &str) -> bool {
    blocks(text).is_empty()
}

/// Escapes every ASCII sign CommonMark could read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One line as Markdown: escaped, with `**…**` pairs (an even number of
/// them) made bold.
fn inline(line: &str) -> String {
    let parts: Vec<&str> = line.split("**").collect();
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        return escape(line);
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 && !part.trim().is_empty() {
            let lead = &part[..part.len() - part.trim_start().len()];
            let trail = &part[part.trim_end().len()..];
            out.push_str(lead);
            out.push_str("**");
            out.push_str(&escape(part.trim()));
            out.push_str("**");
            out.push_str(trail);
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

/// `- **Sở Tài chính:** text` for the narrative: one list item per agency
/// (or group of agencies that wrote the same), its lines as paragraphs and
/// a nested list inside the item.
pub fn attributed(name: &str, text: &str) -> String {
    let blocks = blocks(text);
    let mut out = format!("- **{}:**", escape(name));
    let mut in_list = false;
    for (i, block) in blocks.iter().enumerate() {
        match block {
            Block::Paragraph(t) if i == 0 => {
                out.push(' ');
                out.push_str(&inline(t));
            }
            Block::Paragraph(t) => {
                out.push_str("\n\n  ");
                out.push_str(&inline(t));
                in_list = false;
            }
            Block::Item(t) => {
                out.push_str(if in_list { "\n  - " } else { "\n\n  - " });
                out.push_str(&inline(t));
                in_list = true;
            }
        }
    }
    out
}

/// The text for a table cell: its lines, bullets as «- », bold marks taken off.
pub fn plain(text: &str) -> String {
    blocks(text)
        .iter()
        .map(|b| {
            let (lead, t) = match b {
                Block::Paragraph(t) => ("", t),
                Block::Item(t) => ("- ", t),
            };
            let parts: Vec<&str> = t.split("**").collect();
            let t = if parts.len() >= 3 && parts.len() % 2 == 1 { parts.concat() } else { t.clone() };
            format!("{lead}{t}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::markdown::to_tree;

    /// The plain text of a Markdown tree, with its block kinds.
    fn shape(md: &str) -> String {
        fn walk(nodes: &[serde_json::Value], out: &mut String) {
            for n in nodes {
                match n["t"].as_str() {
                    Some("text") => out.push_str(n["v"].as_str().unwrap_or("")),
                    Some("strong") => {
                        out.push('<');
                        walk(n["c"].as_array().unwrap(), out);
                        out.push('>');
                    }
                    Some("par") => {
                        out.push_str("[p:");
                        walk(n["c"].as_array().unwrap(), out);
                        out.push(']');
                    }
                    Some("list") => {
                        for item in n["items"].as_array().unwrap() {
                            out.push_str("[li:");
                            walk(item.as_array().unwrap(), out);
                            out.push(']');
                        }
                    }
                    other => out.push_str(&format!("[{other:?}]")),
                }
            }
        }
        let mut out = String::new();
        let tree = serde_json::to_value(to_tree(md)).unwrap();
        walk(tree.as_array().unwrap(), &mut out);
        out
    }

    #[test]
    fn every_line_is_a_paragraph_or_an_item() {
        let text = "Đã ban hành kế hoạch\nTổ chức 3 hội nghị\n•\u{A0}Ban hành quyết định\n– Cập nhật hồ sơ\n\n1. Bước một";
        assert_eq!(
            blocks(text),
            vec![
                Block::Paragraph("Đã ban hành kế hoạch".into()),
                Block::Paragraph("Tổ chức 3 hội nghị".into()),
                Block::Item("Ban hành quyết định".into()),
                Block::Item("Cập nhật hồ sơ".into()),
                Block::Paragraph("1. Bước một".into()),
            ]
        );
        assert_eq!(
            shape(&attributed("Sở Tài chính", text)),
            "[li:[p:<Sở Tài chính:> Đã ban hành kế hoạch][p:Tổ chức 3 hội nghị][li:[p:Ban hành quyết định]][li:[p:Cập nhật hồ sơ]][p:1. Bước một]]"
        );
    }

    #[test]
    fn markdown_typed_by_an_agency_prints_as_typed() {
        for text in [
            "# I. MỤC GIẢ",
            "3*4*5 và __init__",
            "a &amp; b \\ [x](http://y)",
            "===",
            "> trích",
            "<b>x</b>",
            "`code`",
        ] {
            let md = attributed("Sở A", text);
            assert_eq!(shape(&md), format!("[li:[p:<Sở A:> {text}]]"), "{text}");
        }
    }

    #[test]
    fn bold_as_the_form_promises() {
        assert_eq!(
            shape(&attributed("Sở A", "Cập nhật **172** hồ sơ")),
            "[li:[p:<Sở A:> Cập nhật <172> hồ sơ]]"
        );
        assert_eq!(plain("- Cập nhật **172** hồ sơ"), "- Cập nhật 172 hồ sơ");
        assert_eq!(plain("3*4*5"), "3*4*5");
    }

    #[test]
    fn invisible_texts_are_blank() {
        assert!(is_blank("  \n \n"));
        assert!(!is_blank("x"));
    }
}
