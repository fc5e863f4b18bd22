//! Markdown (from the narrative template and from clerks' report sheets)
//! turned into a tree of plain data that the Typst template lays out.
//!
//! Text never becomes Typst markup: every piece of text travels as a JSON
//! string and Typst prints a string as it is, whatever characters it holds.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// One level of the tree under construction.
struct Frame {
    node: Value,
    children: Vec<Value>,
}

/// Converts Markdown to a list of block nodes:
/// `{"t":"par","c":[inline…]}`, `{"t":"heading","level":n,"c":[…]}`,
/// `{"t":"list","ordered":bool,"items":[[block…]…]}`, `{"t":"rule"}`;
/// inline nodes are `{"t":"text","v":…}`, `{"t":"strong","c":[…]}`,
/// `{"t":"emph","c":[…]}`, `{"t":"code","v":…}`, `{"t":"break"}`.
pub fn to_tree(markdown: &str) -> Vec<Value> {
    let mut stack: Vec<Frame> = vec![Frame { node: json!({"t": "root"}), children: Vec::new() }];
    let push = |stack: &mut Vec<Frame>, v: Value| {
        if let Some(top) = stack.last_mut() {
            top.children.push(v);
        }
    };
    for event in Parser::new_ext(markdown, Options::empty()) {
        match event {
            Event::Start(tag) => {
                let node = match tag {
                    Tag::Paragraph => json!({"t": "par"}),
                    Tag::Heading { level, .. } => {
                        let n = match level {
                            HeadingLevel::H1 => 1,
                            HeadingLevel::H2 => 2,
                            _ => 3,
                        };
                        json!({"t": "heading", "level": n})
                    }
                    Tag::List(start) => json!({"t": "list", "ordered": start.is_some()}),
                    Tag::Item => json!({"t": "item"}),
                    Tag::Strong => json!({"t": "strong"}),
                    Tag::Emphasis => json!({"t": "emph"}),
                    // Anything else keeps its text: links, quotes, tables…
                    _ => json!({"t": "span"}),
                };
                stack.push(Frame { node, children: Vec::new() });
            }
            Event::End(end) => {
                let Some(Frame { mut node, children }) = stack.pop() else { continue };
                let kind = node["t"].as_str().unwrap_or("").to_owned();
                match kind.as_str() {
                    "list" => {
                        node["items"] = Value::Array(children);
                        push(&mut stack, node);
                    }
                    "item" => push(&mut stack, Value::Array(paragraphs(children))),
                    "span" => {
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
                            for c in paragraphs(children) {
                                push(&mut stack, c);
                            }
                        }
                    }
                    _ => {
                        node["c"] = Value::Array(children);
                        push(&mut stack, node);
                    }
                }
            }
            Event::Text(t) => push(&mut stack, json!({"t": "text", "v": t.as_ref()})),
            Event::Code(t) => push(&mut stack, json!({"t": "code", "v": t.as_ref()})),
            Event::Html(t) | Event::InlineHtml(t) => push(&mut stack, json!({"t": "text", "v": t.as_ref()})),
            Event::SoftBreak => push(&mut stack, json!({"t": "text", "v": " "})),
            Event::HardBreak => push(&mut stack, json!({"t": "break"})),
            Event::Rule => push(&mut stack, json!({"t": "rule"})),
            _ => {}
        }
    }
    paragraphs(stack.into_iter().next().map(|f| f.children).unwrap_or_default())
}

/// Gathers runs of inline nodes among blocks into paragraphs: a tight list
/// item holds its text directly, followed perhaps by a nested list.
fn paragraphs(nodes: Vec<Value>) -> Vec<Value> {
    let mut out = Vec::new();
    let mut run: Vec<Value> = Vec::new();
    for n in nodes {
        if is_inline(&n) {
            run.push(n);
        } else {
            if !run.is_empty() {
                out.push(json!({"t": "par", "c": std::mem::take(&mut run)}));
            }
            out.push(n);
        }
    }
    if !run.is_empty() {
        out.push(json!({"t": "par", "c": run}));
    }
    out
}

fn is_inline(v: &Value) -> bool {
    matches!(v["t"].as_str(), Some("text" | "strong" | "emph" | "code" | "break"))
}

/// The plain text of a tree, for tests.
#[cfg(test)]
fn plain(nodes: &[Value]) -> String {
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

    #[test]
    fn paragraphs_lists_and_emphasis() {
        let tree = to_tree("# I. Kết quả\n\nĐoạn **đậm** và *nghiêng*.\n\n- một\n- hai\n");
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
        let tree = to_tree("- **Sở Tài chính:**\n  - một\n  - hai\n");
        let item = &tree[0]["items"][0];
        assert_eq!(item[0]["t"], "par");
        assert_eq!(item[0]["c"][0]["t"], "strong");
        assert_eq!(item[1]["t"], "list");
    }

    #[test]
    fn markup_of_other_languages_stays_text() {
        let tree = to_tree("#read(\"/etc/passwd\") $x$ @ref <b>x</b> ] \\");
        let text = plain(&tree);
        assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
        assert!(text.contains("$x$") && text.contains("@ref") && text.contains("<b>"));
    }
}
