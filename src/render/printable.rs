//! The last look at the data before Typst sees it: every string made
//! printable, so that no text of any agency, plan or configuration can stop
//! the PDF.
//!
//! Intake already warned at the cell for what it read; this pass also covers
//! the plan's files, the configuration and the fonts the user chose, and is
//! the guarantee, not the message.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::fonts::{Coverage, MISSING, is_hidden_control};

/// A run of this many characters with no place to break is broken (with a
/// zero-width space) so that it cannot overflow a table cell: Vietnamese
/// words are at most seven letters, a long number with its dots under 20.
const LONGEST_RUN: usize = 24;

/// Makes every string of `data` printable with `coverage`: hidden controls
/// removed, characters no font has replaced by [`MISSING`], over-long words
/// given break opportunities. Returns the characters replaced.
pub fn make_printable(data: &mut Value, coverage: &Coverage) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    walk(data, coverage, &mut missing);
    missing
}

fn walk(value: &mut Value, coverage: &Coverage, missing: &mut BTreeSet<char>) {
    match value {
        Value::String(s) => {
            if let Some(fixed) = printable(s, coverage, missing) {
                *s = fixed;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, coverage, missing)),
        Value::Object(map) => map.values_mut().for_each(|v| walk(v, coverage, missing)),
        _ => {}
    }
}

/// `s` made printable, or `None` when it already is (almost always: the
/// check allocates nothing).
fn printable(s: &str, coverage: &Coverage, missing: &mut BTreeSet<char>) -> Option<String> {
    let mut run = 0;
    let fine = s.chars().all(|c| {
        run = if breaks(c) { 0 } else { run + 1 };
        run <= LONGEST_RUN && !is_hidden_control(c) && coverage.printable(c)
    });
    if fine {
        return None;
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut run = 0;
    for c in s.chars().filter(|c| !is_hidden_control(*c)) {
        run = if breaks(c) { 0 } else { run + 1 };
        if run > LONGEST_RUN {
            out.push('\u{200B}');
            run = 1;
        }
        if coverage.printable(c) {
            out.push(c);
        } else {
            missing.insert(c);
            out.push(MISSING);
        }
    }
    Some(out)
}

/// Where a line may already break: white space, and after hyphens and
/// slashes (dates, document numbers, addresses).
fn breaks(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '/' | '\u{200B}' | '–' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_what_cannot_be_printed_changes() {
        let cov = Coverage::embedded();
        let mut data = json!({
            "a": "Đã hoàn thành ✓",
            "b": ["Kết quả 中文 tốt\u{202E}1000\u{7}"],
            "c": {"d": "x".repeat(60), "e": 12, "f": "Số 12/2025/QĐ-UBND ngày 01/3/2025"},
        });
        let missing = make_printable(&mut data, cov);
        assert_eq!(missing, BTreeSet::from(['中', '文']));
        assert_eq!(data["a"], "Đã hoàn thành ✓");
        assert_eq!(data["b"][0], "Kết quả \u{FFFD}\u{FFFD} tốt1000");
        let long = data["c"]["d"].as_str().unwrap();
        assert_eq!(long.replace('\u{200B}', ""), "x".repeat(60));
        assert!(long.split('\u{200B}').all(|part| part.chars().count() <= LONGEST_RUN), "{long}");
        assert_eq!(data["c"]["f"], "Số 12/2025/QĐ-UBND ngày 01/3/2025");
        assert_eq!(data["c"]["e"], 12);
    }
}
