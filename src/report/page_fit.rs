//! What an appendix row of the PDF can hold on a landscape A4 page (every
//! appendix is laid out landscape: `Report::typst_data`).
//!
//! Rows are kept whole (their cells are boxes that cannot break), so a row
//! taller than a page would run off its bottom and its text would be lost
//! from the PDF without a word. Nothing an agency wrote is cut from the
//! signed PDF: a row that may be taller than a page is marked so that the
//! layout lets it continue on the next page.

use super::table::Column;

/// Characters of the table's 11 pt serif on one line across the whole table of a
/// landscape page (252 mm between the margins). Set low on purpose (about
/// 5.5 pt a character, wider than Vietnamese text's average), so that a
/// cell's lines are overestimated, never under.
const CHARS_ACROSS: f64 = 130.0;

/// Lines a row may have and still be kept whole: a landscape page holds
/// about 28 lines of 11 pt text under the repeated table header. A taller
/// row may split; one this tall or less moves whole to the next page.
const LINES_KEPT_WHOLE: usize = 18;

/// Whether a row with these cells may be taller than a page
/// could hold whole: then it is laid out to continue on the next page.
pub fn may_outgrow_page(cells: &[String], columns: &[Column]) -> bool {
    let total: f64 = columns.iter().map(|c| c.width).sum();
    if total <= 0.0 {
        return false;
    }
    cells.iter().zip(columns).any(|(text, column)| {
        // Two characters' room goes to the cell's inner margins.
        let per_line = ((CHARS_ACROSS * column.width / total).floor() as usize).saturating_sub(2).max(1);
        lines(text, per_line) > LINES_KEPT_WHOLE
    })
}

/// Lines `text` takes at `per_line` characters a line: each of its own lines
/// at least one.
fn lines(text: &str, per_line: usize) -> usize {
    text.split('\n').map(|line| line.chars().count().div_ceil(per_line).max(1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tasks() -> Vec<Column> {
        [0.5, 3.0, 1.6, 1.0, 1.3, 3.2, 2.2]
            .into_iter()
            .map(|width| Column { header: "", width, center: false })
            .collect()
    }

    fn row(lead: &str, result: &str) -> Vec<String> {
        ["1", "Nhiệm vụ", lead, "2025", "Đang thực hiện", result, ""].map(str::to_owned).to_vec()
    }

    #[test]
    fn an_ordinary_row_is_kept_whole() {
        let result =
            "Đã ban hành Quyết định số 12/QĐ-UBND ngày 05/3/2025 về kế hoạch chuyển đổi số. ".repeat(3);
        assert!(!may_outgrow_page(&row("Sở Khoa học và Công nghệ", &result), &tasks()));
    }

    #[test]
    fn a_long_text_in_a_narrow_column_may_outgrow_the_page() {
        // Measured by hand: 550 characters still fit in the lead agencies'
        // column, near the page's edge; 1,500 run off.
        let lead = "Sở Nội vụ, ".repeat(80);
        assert!(may_outgrow_page(&row(&lead, ""), &tasks()));
    }

    #[test]
    fn many_short_lines_may_outgrow_the_page() {
        let listed = (1..=30).map(|i| format!("- Văn bản số {i}")).collect::<Vec<_>>().join("\n");
        assert!(may_outgrow_page(&row("Sở Nội vụ", &listed), &tasks()));
        let few = (1..=8).map(|i| format!("- Văn bản số {i}")).collect::<Vec<_>>().join("\n");
        assert!(!may_outgrow_page(&row("Sở Nội vụ", &few), &tasks()));
    }
}
