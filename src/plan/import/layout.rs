//! The layout of a published plan's text: where an appendix's title
//! starts, how table lines split into cells and cells into rows.

use std::ops::Range;

use super::{Cell, Column, Table, TableKind};
use crate::plan::ids::RowNumber;
use crate::plan::is_roman;
use crate::text::{clean, fold};

/// The most lines an appendix title takes above its table: label, two or
/// three lines of title, the «(Ban hành kèm theo …)» note.
pub(super) const TITLE_LINES: usize = 8;

/// The first line of the title block above a table's header line: the lines
/// without `|` just above it ("DANH MỤC …", "(Ban hành kèm theo …)"), at
/// most [`TITLE_LINES`], stopping below an appendix label («PHỤ LỤC I»),
/// a blank line, or a line of body text (a sentence, a signature block), so
/// that a heading the importer does not know never swallows the body.
pub(super) fn title_block_start(lines: &[&str], header: usize) -> usize {
    let mut i = header;
    while i > 0 && header - i < TITLE_LINES {
        let line = lines[i - 1].trim();
        let collected = lines[i..header].iter().any(|l| !l.trim().is_empty());
        if line.contains('|') || fold(line).starts_with("phu luc") || is_body_line(line) {
            break;
        }
        if line.is_empty() && collected {
            break;
        }
        i -= 1;
    }
    i
}

/// Where the block above a table's header ends the text before it: at its
/// appendix label («PHỤ LỤC II») when there is one, so that the label is
/// neither a cell of the table before nor a line of the title.
pub(super) fn block_start(lines: &[&str], header: usize) -> usize {
    let t = title_block_start(lines, header);
    match t.checked_sub(1).map(|i| lines[i].trim()) {
        Some(label) if !label.contains('|') && fold(label).starts_with("phu luc") => t - 1,
        _ => t,
    }
}

/// A line of the document's text rather than of a heading: long, or a
/// sentence that ends (headings and their «(…)» notes do not).
fn is_body_line(line: &str) -> bool {
    let note = line.starts_with('(');
    let upper = line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    line.chars().count() > 250 || (!note && !upper && line.ends_with(['.', ';', ':', '/']))
}

/// Splits table lines into cells. A `|` ends a cell; text after the last `|`
/// of a line (or a line without one) continues on the next line.
pub(super) fn cells(lines: &[&str], range: Range<usize>) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut pending_line = None;
    for i in range {
        let parts: Vec<&str> = lines[i].split('|').collect();
        let last = parts.len() - 1;
        for (k, part) in parts.iter().enumerate() {
            if k == last {
                if !part.trim().is_empty() {
                    pending.push('\n');
                    pending.push_str(part);
                    pending_line.get_or_insert(i + 1);
                }
            } else {
                pending.push('\n');
                pending.push_str(part);
                out.push(Cell { text: clean(&pending), line: pending_line.take().unwrap_or(i + 1) });
                pending.clear();
            }
        }
    }
    if !pending.trim().is_empty() {
        out.push(Cell { text: clean(&pending), line: pending_line.unwrap_or(1) });
    }
    out
}

pub(super) fn header_column(kind: TableKind, folded: &str) -> Option<Column> {
    use Column::*;
    let c = match folded {
        "tt" | "stt" | "so tt" => Number,
        "chi tieu" | "ten chi tieu" | "noi dung chi tieu" if kind == TableKind::Indicators => Name,
        "ten nhiem vu" | "nhiem vu" | "noi dung nhiem vu" | "noi dung" if kind == TableKind::Tasks => Name,
        "don vi" | "don vi tinh" | "dvt" => Unit,
        "ket qua" | "muc tieu" | "chi tieu can dat" if kind == TableKind::Indicators => Target,
        "ket qua" | "ket qua du kien" | "san pham" | "san pham dau ra" if kind == TableKind::Tasks => Result,
        "co quan phoi hop" | "don vi phoi hop" | "phoi hop" | "phoi hop thuc hien" => Coordinators,
        "thoi gian hoan thanh" | "thoi han" | "thoi han hoan thanh" | "tien do" => Deadline,
        f if f.starts_with("co quan chu tri theo doi") || f.starts_with("co quan theo doi") => Tracking,
        "co quan chu tri" | "don vi chu tri" | "chu tri" | "chu tri thuc hien" => Lead,
        _ => return None,
    };
    Some(c)
}

pub(super) fn field(table: &Table, cells: &[Cell], col: Column) -> String {
    table
        .columns
        .iter()
        .position(|c| *c == col)
        .and_then(|i| cells.get(i))
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

pub(super) fn cell_line(table: &Table, cells: &[Cell], col: Column) -> usize {
    table
        .columns
        .iter()
        .position(|c| *c == col)
        .and_then(|i| cells.get(i))
        .or(cells.first())
        .map_or(1, |c| c.line)
}

pub(super) enum Row {
    Group { number: Option<String>, title: String },
    Data { number: RowNumber, cells: Vec<Cell> },
    Unplaced { cells: Vec<Cell>, reason: String },
}

/// Groups a table's cells into rows.
///
/// A row is as wide as the header. A row starts with its number, a group row
/// with a Roman numeral or with a heading followed by empty cells. When the
/// cell one width further on does not start a row, the row is short or long:
/// it ends where the next row plausibly starts and is kept as unplaced.
pub(super) fn split_rows(table: &Table) -> Vec<Row> {
    let cells = &table.cells;
    let w = table.columns.len();
    let mut rows = Vec::new();
    let mut prev: Option<RowNumber> = None;
    let mut i = 0;
    while i < cells.len() {
        if let Some((row, len)) = group_row(cells, i, w) {
            rows.push(row);
            i += len;
            continue;
        }
        let Some(number) = RowNumber::parse(&cells[i].text) else {
            let end = (i + 1..=cells.len())
                .find(|&k| k == cells.len() || is_next_start(cells, k, w, prev.as_ref()))
                .unwrap_or(cells.len());
            rows.push(Row::Unplaced {
                cells: cells[i..end].to_vec(),
                reason: "ô không thuộc dòng nào của bảng".into(),
            });
            i = end;
            continue;
        };
        let expected_end = i + w;
        let end = if expected_end == cells.len()
            || (expected_end < cells.len() && starts_row(cells, expected_end, w))
        {
            expected_end
        } else {
            (i + 1..=cells.len())
                .find(|&k| k == cells.len() || is_next_start(cells, k, w, Some(&number)))
                .unwrap_or(cells.len())
        };
        if end - i == w {
            rows.push(Row::Data { number: number.clone(), cells: cells[i..end].to_vec() });
        } else {
            let reason = if end - i < w {
                format!("dòng số {number} chỉ có {} ô, bảng có {w} cột", end - i)
            } else {
                format!("dòng số {number} có {} ô, bảng có {w} cột", end - i)
            };
            rows.push(Row::Unplaced { cells: cells[i..end].to_vec(), reason });
        }
        prev = Some(number);
        i = end;
    }
    rows
}

/// A group row at `i`: `I | Đến năm 2030 | | | |` or `Heading | | | | | |`.
fn group_row(cells: &[Cell], i: usize, w: usize) -> Option<(Row, usize)> {
    let empty_from =
        |k: usize| k + (w - (k - i)) <= cells.len() && cells[k..i + w].iter().all(|c| c.text.is_empty());
    let first = &cells[i].text;
    if is_roman(first)
        && i + 1 < cells.len()
        && RowNumber::parse(&cells[i + 1].text).is_none()
        && w >= 2
        && empty_from(i + 2)
    {
        return Some((Row::Group { number: Some(first.clone()), title: cells[i + 1].text.clone() }, w));
    }
    if RowNumber::parse(first).is_none() && !is_roman(first) && empty_from(i + 1) {
        return Some((Row::Group { number: None, title: first.clone() }, w));
    }
    None
}

/// Whether a row of any kind starts at `k` (used at the expected position).
fn starts_row(cells: &[Cell], k: usize, w: usize) -> bool {
    RowNumber::parse(&cells[k].text).is_some() || group_row(cells, k, w).is_some()
}

/// Whether `k` starts the row after `prev`: a group row, or a number a little
/// above `prev` (`9` after `8.12`, `8.1` after `8`). Numbers inside a row
/// (targets like `12`, years) rarely pass this test.
fn is_next_start(cells: &[Cell], k: usize, w: usize, prev: Option<&RowNumber>) -> bool {
    if group_row(cells, k, w).is_some() {
        return true;
    }
    let Some(n) = RowNumber::parse(&cells[k].text) else {
        return false;
    };
    match prev {
        None => true,
        Some(p) => {
            let (a, b) = (p.parts(), n.parts());
            n > *p && b[0] <= a[0] + 10
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_end_at_pipes_and_span_lines() {
        let lines = ["TT |", "Các Sở, ban, ngành,", "địa phương; |", "|||", "x"];
        let got: Vec<(String, usize)> =
            cells(&lines, 0..lines.len()).into_iter().map(|c| (c.text, c.line)).collect();
        assert_eq!(
            got,
            vec![
                ("TT".into(), 1),
                ("Các Sở, ban, ngành, địa phương;".into(), 2),
                (String::new(), 4),
                (String::new(), 4),
                (String::new(), 4),
                ("x".into(), 5),
            ]
        );
    }

    #[test]
    fn titles_stop_at_the_label_a_blank_line_or_the_body() {
        let lines = [
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành triển khai thực hiện Kế hoạch này./.",
            "Nơi nhận:",
            "KT. CHỦ TỊCH",
            "",
            "PHỤ LỤC I",
            "DANH MỤC CHỈ TIÊU",
            "(Kèm theo Kế hoạch số 12/KH-UBND)",
            "TT |",
        ];
        assert_eq!(title_block_start(&lines, 7), 5);
        let without_label = ["Trên đây là kế hoạch của tỉnh.", "DANH MỤC CHỈ TIÊU", "TT |"];
        assert_eq!(title_block_start(&without_label, 2), 1);
        let body: Vec<&str> =
            std::iter::repeat_n("một dòng của phần thân không có dấu chấm", 40).chain(["TT |"]).collect();
        assert_eq!(title_block_start(&body, 40), 40 - TITLE_LINES);
    }
}
