//! Markdown (from the narrative template and from clerks' report sheets)
//! turned into a tree of plain data that the Typst template lays out.
//!
//! Text never becomes Typst markup: every piece of text travels as a JSON
//! string and Typst prints a string as it is, whatever characters it holds.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// Lists nested deeper than this are laid out as text of the list above:
/// an official report has at most three levels (1., a), -), and Typst's
/// layout of a list nested hundreds deep exhausts its call depth.
pub const MAX_LIST_DEPTH: usize = 4;

/// The deepest the tree grows: Typst reads the data as JSON nested at most
/// 128 deep, and a page has no use for more.
const MAX_FRAMES: usize = 16;

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
                    // Emphasis in emphasis in emphasis…: text beyond a depth.
                    Tag::Strong | Tag::Emphasis | Tag::Heading { .. } | Tag::Paragraph
                        if stack.len() >= MAX_FRAMES =>
                    {
                        json!({"t": "span"})
                    }
                    Tag::Paragraph => json!({"t": "par"}),
                    Tag::Heading { level, .. } => {
                        let n = match level {
                            HeadingLevel::H1 => 1,
                            HeadingLevel::H2 => 2,
                            _ => 3,
                        };
                        json!({"t": "heading", "level": n})
                    }
                    Tag::List(_) if list_depth(&stack) >= MAX_LIST_DEPTH => json!({"t": "span"}),
                    // The items of a list laid out as text are text too.
                    Tag::Item if stack.last().is_none_or(|f| f.node["t"] != "list") => json!({"t": "span"}),
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

fn list_depth(stack: &[Frame]) -> usize {
    stack.iter().filter(|f| f.node["t"] == "list").count()
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
    fn lists_nested_past_the_limit_keep_their_text_one_level_up() {
        let mut md = String::new();
        for level in 0..300 {
            md.push_str(&format!("{}- mức {level}\n", "  ".repeat(level)));
        }
        let tree = to_tree(&md);
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
        let tree = to_tree(&md);
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
        let tree = to_tree("#read(\"/etc/passwd\") $x$ @ref <b>x</b> ] \\");
        let text = plain(&tree);
        assert!(text.contains("#read(\"/etc/passwd\")"), "{text}");
        assert!(text.contains("$x$") && text.contains("@ref") && text.contains("<b>"));
    }
}
