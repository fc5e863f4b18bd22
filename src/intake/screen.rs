//! What a cell holds that the report cannot show as typed: hidden controls
//! (removed by `cells::clean`) and characters no embedded font has (printed
//! as `�` in the PDF, kept in the merged data and in Excel).

use crate::fonts::{self, Coverage, is_hidden_control};

/// The warnings for a cell's raw text, none for almost every cell (checked
/// in one pass that allocates nothing).
pub fn warnings(raw: &str) -> Vec<String> {
    let coverage = Coverage::embedded();
    let missing = |c: char| !is_hidden_control(c) && !c.is_whitespace() && !coverage.printable(c);
    let fine = raw.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_control() || matches!(c, '\n' | '\r' | '\t')
        } else {
            !is_hidden_control(c) && !missing(c)
        }
    });
    if fine {
        return Vec::new();
    }
    let mut out = Vec::new();
    let all_hidden: Vec<char> = raw.chars().filter(|c| is_hidden_control(*c)).collect();
    let count = all_hidden.len();
    let hidden = distinct(all_hidden.into_iter());
    if !hidden.is_empty() {
        let reversing = hidden.iter().any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
        let advice = if reversing {
            "ký tự đổi chiều viết có thể làm chữ hiện ngược (0001 thành 1000) — hãy xem lại nội dung ô"
        } else {
            "thường do dán từ phần mềm khác — hãy xem lại nội dung ô"
        };
        out.push(format!("ô có {count} ký tự điều khiển ẩn ({}), đã bỏ đi; {advice}", codes(&hidden)));
    }
    let unprintable = distinct(raw.chars().filter(|c| missing(*c)));
    if !unprintable.is_empty() {
        let shown: String = unprintable.iter().take(8).collect();
        out.push(format!(
            "ô có ký tự mà phông chữ của báo cáo không có: «{shown}» ({}) — bản PDF in «{}» thay chỗ đó, \
             tệp tổng hợp và bảng Excel giữ nguyên; nếu cần in đúng, hãy viết bằng chữ tiếng Việt",
            codes(&unprintable),
            fonts::MISSING
        ));
    }
    out
}

fn distinct(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut v: Vec<char> = chars.collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// `U+0007, U+202E` for the first eight, and how many more.
fn codes(chars: &[char]) -> String {
    let listed: Vec<String> = chars.iter().take(8).map(|c| format!("U+{:04X}", u32::from(*c))).collect();
    let more =
        if chars.len() > 8 { format!(" và {} ký tự khác", chars.len() - 8) } else { String::new() };
    format!("{}{more}", listed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_the_report_cannot_show_is_said() {
        assert!(warnings("Đã hoàn thành ✓ 100%\nTốt").is_empty());
        let w = warnings("Chuông\u{7} 中文 \u{202E}1000");
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(
            w[0].contains("2 ký tự điều khiển ẩn (U+0007, U+202E)") && w[0].contains("hiện ngược"),
            "{w:?}"
        );
        assert!(w[1].contains("«中文»") && w[1].contains("U+4E2D, U+6587"), "{w:?}");
    }
}
