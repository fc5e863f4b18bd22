//! Markdown (from the narrative template and from clerks' report sheets)
//! turned into a tree of plain data that the Typst template and the Word
//! writer lay out.
//!
//! Text never becomes Typst markup: every piece of text travels as a JSON
//! string and Typst prints a string as it is, whatever characters it holds.

pub use crate::render::document::{Block, Inline};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Lists nested deeper than this are laid out as text of the list above:
/// an official report has at most three levels (1., a), -), and Typst's
/// layout of a list nested hundreds deep exhausts its call depth.
pub const MAX_LIST_DEPTH: usize = 4;

/// The deepest the tree grows: Typst reads the data as JSON nested at most
/// 128 deep, and a page has no use for more.
const MAX_FRAMES: usize = 16;

/// What an open Markdown element becomes when it ends.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Root,
    Par,
    Heading(u8),
    List(bool),
    Item,
    Strong,
    Emph,
    /// Anything else (links, quotes, tables, structure too deep): its text,
    /// in the element around it.
    Span,
}

/// A finished piece waiting for the element around it to end.
#[derive(Debug)]
enum Node {
    Block(Block),
    Inline(Inline),
    Item(Vec<Block>),
}

/// One level of the tree under construction.
struct Frame {
    kind: Kind,
    children: Vec<Node>,
}

/// Converts Markdown to a list of blocks.
pub fn to_tree(markdown: &str) -> Vec<Block> {
    let mut stack: Vec<Frame> = vec![Frame { kind: Kind::Root, children: Vec::new() }];
    let push = |stack: &mut Vec<Frame>, n: Node| {
        if let Some(top) = stack.last_mut() {
            top.children.push(n);
        }
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) => {
                let kind = match tag {
                    // Emphasis in emphasis in emphasis…: text beyond a depth.
                    Tag::Strong | Tag::Emphasis | Tag::Heading { .. } | Tag::Paragraph
                        if stack.len() >= MAX_FRAMES =>
                    {
                        Kind::Span
                    }
                    Tag::Paragraph => Kind::Par,
                    Tag::Heading { level, .. } => Kind::Heading(match level {
                        HeadingLevel::H1 => 1,
                        HeadingLevel::H2 => 2,
                        _ => 3,
                    }),
                    Tag::List(_) if list_depth(&stack) >= MAX_LIST_DEPTH => Kind::Span,
                    // The items of a list laid out as text are text too.
                    Tag::Item if stack.last().is_none_or(|f| !matches!(f.kind, Kind::List(_))) => Kind::Span,
                    Tag::List(start) => Kind::List(start.is_some()),
                    Tag::Item => Kind::Item,
                    Tag::Strong => Kind::Strong,
                    Tag::Emphasis => Kind::Emph,
                    _ => Kind::Span,
                };
                stack.push(Frame { kind, children: Vec::new() });
            }
            Event::End(end) => {
                // The root is never ended by an event.
                if stack.len() < 2 {
                    continue;
                }
                let Some(Frame { kind, children }) = stack.pop() else { continue };
                match kind {
                    Kind::Par => push(&mut stack, Node::Block(Block::Par { c: inlines(children) })),
                    Kind::Heading(level) => {
                        push(&mut stack, Node::Block(Block::Heading { level, c: inlines(children) }))
                    }
                    Kind::List(ordered) => {
                        let items = children
                            .into_iter()
                            .map(|n| match n {
                                Node::Item(blocks) => blocks,
                                other => paragraphs(vec![other]),
                            })
                            .collect();
                        push(&mut stack, Node::Block(Block::List { ordered, items }))
                    }
                    Kind::Item => push(&mut stack, Node::Item(paragraphs(children))),
                    Kind::Strong => push(&mut stack, Node::Inline(Inline::Strong { c: inlines(children) })),
                    Kind::Emph => push(&mut stack, Node::Inline(Inline::Emph { c: inlines(children) })),
                    Kind::Span | Kind::Root => {
                        let inline = matches!(
                            end,
                            TagEnd::Link
                                | TagEnd::Image
                                | TagEnd::Strikethrough
                                | TagEnd::Superscript
                                | TagEnd::Subscript
                        );
                        if inline {
                            for c in children {
                                push(&mut stack, c);
                            }
                        } else {
                            for b in paragraphs(children) {
                                push(&mut stack, Node::Block(b));
                            }
                        }
                    }
                }
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut stack, Node::Inline(Inline::Text { v: t.to_string() }))
            }
            Event::Code(t) => push(&mut stack, Node::Inline(Inline::Code { v: t.to_string() })),
            Event::SoftBreak => push(&mut stack, Node::Inline(Inline::Text { v: " ".to_owned() })),
            Event::HardBreak => push(&mut stack, Node::Inline(Inline::Break)),
            Event::Rule => push(&mut stack, Node::Block(Block::Rule)),
            _ => {}
        }
    }
    paragraphs(stack.into_iter().next().map(|f| f.children).unwrap_or_default())
}

fn list_depth(stack: &[Frame]) -> usize {
    stack.iter().filter(|f| matches!(f.kind, Kind::List(_))).count()
}

/// Gathers runs of inline nodes among blocks into paragraphs: a tight list
/// item holds its text directly, followed perhaps by a nested list.
fn paragraphs(nodes: Vec<Node>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut run: Vec<Inline> = Vec::new();
    for n in nodes {
        match n {
            Node::Inline(i) => run.push(i),
            Node::Block(b) => {
                if !run.is_empty() {
                    out.push(Block::Par { c: std::mem::take(&mut run) });
                }
                out.push(b);
            }
            Node::Item(blocks) => {
                if !run.is_empty() {
                    out.push(Block::Par { c: std::mem::take(&mut run) });
                }
                out.extend(blocks);
            }
        }
    }
    if !run.is_empty() {
        out.push(Block::Par { c: run });
    }
    out
}

/// The pieces of a line: blocks found inside one (structure kept as text
/// past the depth limit) give their text, a space between them.
fn inlines(nodes: Vec<Node>) -> Vec<Inline> {
    let mut out = Vec::new();
    for n in nodes {
        match n {
            Node::Inline(i) => out.push(i),
            Node::Block(b) => flatten(b, &mut out),
            Node::Item(blocks) => blocks.into_iter().for_each(|b| flatten(b, &mut out)),
        }
    }
    out
}

fn flatten(block: Block, out: &mut Vec<Inline>) {
    match block {
        Block::Par { c } | Block::Heading { c, .. } => {
            // The text of two blocks does not run together.
            if !out.is_empty() {
                out.push(Inline::Text { v: " ".to_owned() });
            }
            out.extend(c);
        }
        Block::List { items, .. } => items.into_iter().flatten().for_each(|b| flatten(b, out)),
        Block::Rule => {}
    }
}

/// The plain text of a tree, for tests.
#[cfg(test)]
fn plain(nodes: &[serde_json::Value]) -> String {
    let mut out = String::new();
    for n in nodes {
        if let Some(v) = n["v"].as_str() {
            out.push_str(v);
        }
        if let Some(c) = n["c"].as_array() {
            out.push_str(&plain(c));
        }
        if let Some(items) = n["items"].as_array() {
            for item in items {
                out.push_str(&plain(item.as_array().map_or(&[][..], |v| v.as_slice())));
                out.push('\n');
            }
        }
        if n["t"] == "par" || n["t"] == "heading" {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn tree(md: &str) -> Vec<Value> {
        match serde_json::to_value(to_tree(md)).unwrap() {
            Value::Array(v) => v,
            _ => unreachable!(),
        }
    }

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let tree = tree("# I. Kết quả\n\nĐoạn **đậm** và *nghiêng*.\n\n- một\n- hai\n");
        assert_eq!(tree[0]["t"], "heading");
        assert_eq!(tree[0]["level"], 1);
        assert_eq!(tree[1]["t"], "par");
        assert_eq!(tree[1]["c"][1]["t"], "strong");
        assert_eq!(tree[1]["c"][3]["t"], "emph");
        assert_eq!(tree[2]["t"], "list");
        assert_eq!(tree[2]["items"][1][0]["c"][0]["v"], "hai");
    }

    #[test]
    fn a_list_item_with_a_nested_list_keeps_its_text() {
        let tree = tree("- **Sở Tài chính:**\n  - một\n  - hai\n");
        let item = &tree[0]["items"][0];
        assert_eq!(item[0]["t"], "par");
        assert_eq!(item[0]["c"][0]["t"], "strong");
        assert_eq!(item[1]["t"], "list");
    }

    #[test]
    fn lists_nested_past_the_limit_keep_their_text_one_level_up() {
        let mut md = String::new();
        for level in 0..300 {
            md.push_str(&format!("{}- mức {level}\n", "  ".repeat(level)));
        }
        let tree = tree(&md);
        let json = serde_json::to_string(&tree).unwrap();
        assert_eq!(json.matches("\"t\":\"list\"").count(), MAX_LIST_DEPTH, "{json}");
        // Every item of every list is a list of blocks, as the template reads them.
        fn items_are_blocks(v: &Value) -> bool {
            match v {
                Value::Object(o) if o.get("t").is_some_and(|t| t == "list") => {
                    o["items"].as_array().unwrap().iter().all(|it| {
                        it.as_array().is_some_and(|b| b.iter().all(|n| n.is_object() && items_are_blocks(n)))
                    })
                }
                Value::Object(o) => o.values().all(items_are_blocks),
                Value::Array(a) => a.iter().all(items_are_blocks),
                _ => true,
            }
        }
        assert!(tree.iter().all(items_are_blocks), "{json}");
        for level in [0, 3, 4, 299] {
            assert!(json.contains(&format!("mức {level}")), "mức {level} lost");
        }
    }

    #[test]
    fn emphasis_nested_hundreds_deep_stays_shallow() {
        let md = format!("{}chữ{}", "*_".repeat(300), "_*".repeat(300));
        let tree = tree(&md);
        let json = serde_json::to_string(&tree).unwrap();
        assert!(json.contains("chữ"));
        let depth = json.chars().fold((0i32, 0i32), |(d, m), c| match c {
            '{' | '[' => (d + 1, m.max(d + 1)),
            '}' | ']' => (d - 1, m),
            _ => (d, m),
        });
        assert!(depth.1 < 64, "nested {} deep", depth.1);
    }

    #[test]
    fn markup_of_other_languages_stays_text() {
        let tree = tree("#read(\"/etc/passwd\") $x$ @ref <b>x</b> ] \\");
        let text = plain(&tree);
        assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
        assert!(text.contains("$x$") && text.contains("@ref") && text.contains("<b>"));
    }
}
