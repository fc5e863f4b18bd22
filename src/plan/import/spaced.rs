//! Tables as a PDF reader copies them with their layout kept (`pdftotext
//! -layout`, «Save as text» in most viewers): columns aligned by runs of
//! spaces, a cell wrapped over several lines (the lines after the first
//! with nothing in the number column), the header wrapped too and ruled
//! off with dashes, repeated after each page break with the page number
//! and a form feed between.
//!
//! A cell is cut where its column starts in the header, so a cell that
//! fills its column to one space before the next still comes out whole.

use crate::text::fold;

/// The columns of a header line: where each starts (in characters) and its
/// text. `None` unless it starts with «TT»/«STT» and has two more headings.
pub(super) fn header(
    line: &str,
    is_number: impl Fn(&str) -> bool,
    is_heading: impl Fn(&str) -> bool,
) -> Option<Vec<(usize, String)>> {
    // Every line of a text is asked: its first word first, the columns after.
    let first = line.trim_start_matches(['\u{c}', ' ']).split("  ").next().unwrap_or_default();
    if !is_number(first) {
        return None;
    }
    let segments = segments(line);
    let ok = segments.len() >= 3
        && is_number(&segments[0].1)
        && segments[1..].iter().filter(|(_, s)| is_heading(s)).count() >= 2;
    ok.then_some(segments)
}

/// The runs of text of a line separated by two spaces or more, with the
/// character position each starts at.
fn segments(line: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = line.trim_start_matches('\u{c}').chars().collect();
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && !(chars[i].is_whitespace() && chars.get(i + 1).is_none_or(|c| c.is_whitespace()))
        {
            i += 1;
        }
        out.push((start, chars[start..i].iter().collect::<String>().trim().to_owned()));
    }
    out
}

/// The cells of a line under columns starting at `starts`: each column's
/// text from where it starts to where the next one does. Where a word runs
/// across a column's start (a cell filled to the edge), the cut moves to the
/// nearest word start within a few characters.
pub(super) fn cut(line: &str, starts: &[usize]) -> Vec<String> {
    let chars: Vec<char> = line.trim_start_matches('\u{c}').chars().collect();
    let at = |k: usize| chars.get(k).copied().unwrap_or(' ');
    let mut cuts: Vec<usize> = starts
        .iter()
        .skip(1)
        .map(|&p| {
            if p >= chars.len() || at(p).is_whitespace() || at(p - 1).is_whitespace() {
                return p;
            }
            (1..=4)
                .flat_map(|d| [p.saturating_sub(d), p + d])
                .find(|&q| q > 0 && at(q - 1).is_whitespace() && !at(q).is_whitespace())
                .unwrap_or(p)
        })
        .collect();
    cuts.insert(0, 0);
    cuts.push(usize::MAX);
    cuts.windows(2)
        .map(|w| {
            let (a, b) = (w[0].min(chars.len()), w[1].min(chars.len()));
            let cell: String = chars[a..b.max(a)].iter().collect();
            cell.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// A line of dashes or underscores under a header.
pub(super) fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '─' | '—'))
}

/// A line that ends the table: the next appendix, «Nơi nhận», a note.
pub(super) fn ends_table(line: &str) -> bool {
    let f = fold(line);
    ["phu luc", "noi nhan", "ghi chu"].iter().any(|p| f.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_cut_where_the_header_starts_them() {
        let head = " TT   Nhiệm vụ            Cơ quan chủ trì   Thời hạn";
        let starts: Vec<usize> = segments(head).iter().map(|s| s.0).collect();
        assert_eq!(starts, [1, 6, 26, 44]);
        assert_eq!(
            cut(" 1    Tổ chức hội nghị    Ban Tuyên giáo    Quý IV/2025", &starts),
            ["1", "Tổ chức hội nghị", "Ban Tuyên giáo", "Quý IV/2025"]
        );
        // A cell filled to one space before the next column, and one that
        // runs a character into it.
        let row = format!(" {:<5}{:<20}{:<18}{}", "2", "Số hóa hồ sơ cán bộ", "Ban Tổ chức", "2026");
        assert_eq!(cut(&row, &starts), ["2", "Số hóa hồ sơ cán bộ", "Ban Tổ chức", "2026"]);
        let row = format!(" {:<5}{:<21}{:<17}{}", "3", "Số hóa hồ sơ cán bộ,", "Ban Tổ chức", "2026");
        assert_eq!(cut(&row, &starts), ["3", "Số hóa hồ sơ cán bộ,", "Ban Tổ chức", "2026"]);
        assert_eq!(
            cut("      phục vụ sinh hoạt  vận Tỉnh ủy", &starts),
            ["", "phục vụ sinh hoạt", "vận Tỉnh ủy", ""]
        );
        assert!(is_rule(" -------------"));
        assert!(!is_rule(" - Lưu"));
    }
}
