//! Tables as they come in text copied from elsewhere, turned into the
//! published layout the importer reads (each cell ending in ` |`):
//!
//! - copied from Word or a PDF viewer: one row a line, cells separated by
//!   tabs, the header row repeated after a page break, the page number
//!   alone on a line between;
//! - copied from a legal-document web page: one cell a line (or a few lines),
//!   a blank line after each cell, an empty cell a line holding a space;
//! - copied from a PDF with its layout kept: columns aligned by spaces
//!   (see `spaced`).
//!
//! Line for line: every line stays where it was, so that messages name the
//! line of the file the user has.

use super::Column;
use super::TableKind;
use super::layout::{group_number, header_column};
use super::spaced;
use crate::plan::ids::RowNumber;
use crate::text::fold;

/// The text with its tables in the published layout; `None` when it has no
/// table in one of these forms (or is in the published layout already).
pub(super) fn tables_as_cells(text: &str) -> Option<String> {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.iter().any(|l| l.contains('|') && is_number_heading(l.split('|').next().unwrap_or(""))) {
        return None;
    }
    let mut changed = false;
    let mut i = 0;
    while i < lines.len() {
        if is_tab_header(&lines[i]) {
            i = tab_table(&mut lines, i);
            changed = true;
        } else if is_cell_header(&lines, i) {
            i = cell_table(&mut lines, i);
            changed = true;
        } else if let Some(columns) = spaced::header(&lines[i], is_number_heading, is_heading) {
            match spaced_table(&mut lines, i, &columns) {
                Ok(next) => {
                    i = next;
                    changed = true;
                }
                Err(stop) => i = stop.max(i + 1),
            }
        } else {
            i += 1;
        }
    }
    changed.then(|| {
        let mut out = lines.join("\n");
        if text.ends_with('\n') {
            out.push('\n');
        }
        out
    })
}

/// «TT», «STT», «Số TT»: the first heading of a table.
fn is_number_heading(cell: &str) -> bool {
    matches!(fold(cell).as_str(), "tt" | "stt" | "so tt")
}

/// A column heading of either table («Chỉ tiêu», «Cơ quan chủ trì»…).
fn is_heading(cell: &str) -> bool {
    let f = fold(cell);
    [TableKind::Tasks, TableKind::Indicators]
        .into_iter()
        .any(|k| header_column(k, &f).is_some_and(|c| c != Column::Number))
}

/// `TT⇥Tên nhiệm vụ⇥Cơ quan chủ trì⇥…`.
fn is_tab_header(line: &str) -> bool {
    let mut cells = line.split('\t');
    line.contains('\t')
        && cells.next().is_some_and(is_number_heading)
        && cells.filter(|c| is_heading(c)).count() >= 2
}

/// The rows of a tab-separated table from its header at `start`: each tab
/// line a row of cells (short rows padded to the header's width), the
/// header repeated after a page break and the page numbers left out. Ends
/// at the first line that is neither a row, nor blank, nor a page number.
/// Returns the line after the table.
fn tab_table(lines: &mut [String], start: usize) -> usize {
    let header = fold(&lines[start]);
    let width = lines[start].split('\t').count();
    let mut i = start;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r');
        if line.contains('\t') {
            if i > start && fold(line) == header {
                lines[i] = String::new();
            } else {
                let mut cells: Vec<&str> = line.split('\t').map(str::trim).collect();
                while cells.len() < width {
                    cells.push("");
                }
                lines[i] = cells.iter().map(|c| format!("{c} |")).collect::<Vec<_>>().join(" ");
            }
        } else if line.trim().is_empty() {
            lines[i] = String::new();
        } else if line.trim().bytes().all(|b| b.is_ascii_digit()) {
            // A page number between two pages of the table.
            lines[i] = String::new();
        } else {
            break;
        }
        i += 1;
    }
    i
}

/// The rows of a table aligned by spaces, from its header at `start`: each
/// line a row of cells cut where the header's columns start. A wrapped
/// header is joined into one; the rule under it, page numbers and the
/// header repeated after a page break are left out. A line with nothing in
/// the number column continues the row above (`layout` joins it). Ends at
/// the next appendix, «Nơi nhận», a note, or a line whose first column
/// holds text that is not a row or group number. Returns the line after;
/// `Err` with the line where reading stopped, the lines untouched, when no
/// row follows the header (a line of headings typed with spaces is no
/// table): reading goes on from there, so that a text of such lines is
/// read once, not once per line.
fn spaced_table(lines: &mut [String], start: usize, columns: &[(usize, String)]) -> Result<usize, usize> {
    // What each line becomes, applied only once a row is found.
    let mut edits: Vec<(usize, String)> = Vec::new();
    let mut rows = 0;
    let starts: Vec<usize> = columns.iter().map(|c| c.0).collect();
    let mut header: Vec<String> = columns.iter().map(|c| c.1.clone()).collect();
    let header_key = fold(&lines[start]);
    let mut in_header = true;
    let mut i = start + 1;
    while i < lines.len() {
        let line = lines[i].trim_end_matches('\r').trim_start_matches('\u{c}').to_owned();
        let cells = spaced::cut(&line, &starts);
        let first = cells.first().map_or("", String::as_str);
        if line.trim().is_empty() || spaced::is_rule(&line) || line.trim().bytes().all(|b| b.is_ascii_digit())
        {
            in_header &= !spaced::is_rule(&line);
        } else if spaced::ends_table(&line) {
            break;
        } else if fold(&line) == header_key {
            in_header = true;
        } else if in_header && first.is_empty() {
            if i < start + 4 {
                for (h, more) in header.iter_mut().zip(&cells) {
                    if !more.is_empty() {
                        h.push(' ');
                        h.push_str(more);
                    }
                }
            }
        } else if first.is_empty() || RowNumber::parse(first).is_some() || group_number(first).is_some() {
            in_header = false;
            let is_group = group_number(first).is_some();
            rows += usize::from(!is_group && !first.is_empty());
            let mut cells = cells;
            if is_group {
                // A group's title runs across the columns of the row.
                let title =
                    cells[1..].iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(" ");
                cells[1..].iter_mut().for_each(String::clear);
                cells[1] = title;
            }
            edits.push((i, as_cells(&cells)));
            i += 1;
            continue;
        } else {
            break;
        }
        edits.push((i, String::new()));
        i += 1;
    }
    if rows == 0 {
        return Err(i);
    }
    for (k, text) in edits {
        lines[k] = text;
    }
    lines[start] = as_cells(&header);
    Ok(i)
}

/// A row in the published layout: `cell | cell |`.
fn as_cells(cells: &[String]) -> String {
    cells.iter().map(|c| format!("{c} |")).collect::<Vec<_>>().join(" ")
}

/// A table of one cell a line: «STT» alone, then (blank lines between)
/// at least two column headings.
fn is_cell_header(lines: &[String], i: usize) -> bool {
    if lines[i].contains(['\t', '|']) || !is_number_heading(&lines[i]) {
        return false;
    }
    lines[i + 1..].iter().filter(|l| !l.trim().is_empty()).take(2).filter(|l| is_heading(l)).count() == 2
}

/// The cells of a one-cell-a-line table from its header at `start`: a run of
/// lines without a blank line between is one cell, a line of spaces an
/// empty cell. Ends before the next appendix or «Nơi nhận», or at the end.
/// Returns the line after the table.
fn cell_table(lines: &mut [String], start: usize) -> usize {
    let mut i = start;
    while i < lines.len() {
        let f = fold(&lines[i]);
        if i > start && (f.starts_with("phu luc") || f.starts_with("noi nhan")) {
            break;
        }
        let line = lines[i].trim_end_matches('\r');
        if line.is_empty() {
            i += 1;
            continue;
        }
        if line.trim().is_empty() {
            lines[i] = " |".to_owned();
        } else if lines.get(i + 1).is_none_or(|n| n.trim().is_empty()) {
            lines[i] = format!("{} |", line.trim_end());
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_rows_become_cells_line_for_line() {
        let text = "PHỤ LỤC II\nTT\tTên nhiệm vụ\tCơ quan chủ trì\tThời hạn\n1.\tXây dựng\tBộ A\t2025\nI.\tNhóm\t\t\n\n5\n\nTT\tTên nhiệm vụ\tCơ quan chủ trì\tThời hạn\n2.\tBan hành\tBộ B\nTrên đây là chương trình.";
        let out = tables_as_cells(text).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), text.lines().count());
        assert_eq!(lines[1], "TT | Tên nhiệm vụ | Cơ quan chủ trì | Thời hạn |");
        assert_eq!(lines[2], "1. | Xây dựng | Bộ A | 2025 |");
        assert_eq!(lines[3], "I. | Nhóm |  |  |");
        assert_eq!(lines[5], "", "the page number is left out");
        assert_eq!(lines[7], "", "the repeated header is left out");
        assert_eq!(lines[8], "2. | Ban hành | Bộ B |  |", "a short row is padded");
        assert_eq!(lines[9], "Trên đây là chương trình.");
    }

    #[test]
    fn one_cell_a_line_becomes_cells() {
        let text = "PHỤ LỤC I\nSTT\n\nChỉ tiêu\n\nĐơn vị tính\n\n1\n\nTỷ lệ hồ sơ\nxử lý trực tuyến\n\n \n\nNơi nhận:";
        let out = tables_as_cells(text).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), text.lines().count());
        assert_eq!(&lines[1..8], ["STT |", "", "Chỉ tiêu |", "", "Đơn vị tính |", "", "1 |"]);
        assert_eq!(&lines[9..11], ["Tỷ lệ hồ sơ", "xử lý trực tuyến |"]);
        assert_eq!(lines[12], " |");
        assert_eq!(lines[14], "Nơi nhận:");
    }

    #[test]
    fn columns_aligned_by_spaces_become_cells_and_headings_alone_do_not() {
        let row = |a: &str, b: &str, c: &str, d: &str| format!(" {a:<8}{b:<20}{c:<18}{d}");
        let text = [
            "PHỤ LỤC".to_owned(),
            row("TT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn"),
            " ---------------------------------------------".to_owned(),
            row("Nhóm 1", "Tuyên truyền, phổ biến", "", "").trim_end().to_owned(),
            row("1", "Tổ chức hội nghị", "Ban Tuyên giáo", "Quý IV/2025"),
            row("", "quán triệt", "và Dân vận", "").trim_end().to_owned(),
            String::new(),
            " Nơi nhận:".to_owned(),
        ]
        .join("\n");
        let text = text.as_str();
        let out = tables_as_cells(text).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), text.lines().count());
        assert_eq!(lines[1], "TT | Nhiệm vụ | Cơ quan chủ trì | Thời hạn |");
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], "Nhóm 1 | Tuyên truyền, phổ biến |  |  |");
        assert_eq!(lines[4], "1 | Tổ chức hội nghị | Ban Tuyên giáo | Quý IV/2025 |");
        assert_eq!(lines[5], " | quán triệt | và Dân vận |  |");
        assert_eq!(lines[7], " Nơi nhận:");
        // Headings typed with spaces and no row under them: no table, the
        // text as it was (read once, however many such lines there are).
        let headings = "TT   Nhiệm vụ   Cơ quan chủ trì   Thời hạn\n".repeat(2000);
        assert_eq!(tables_as_cells(&headings), None);
    }

    #[test]
    fn the_published_layout_is_left_alone() {
        assert_eq!(tables_as_cells("TT |\nChỉ tiêu |\n1 |"), None);
        assert_eq!(tables_as_cells("Không có bảng.\nTT là viết tắt."), None);
    }
}
