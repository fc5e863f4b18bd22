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

/// A heading of the document's sections: «IV. TỔ CHỨC THỰC HIỆN», «IV-».
fn is_section(line: &str) -> bool {
    line.trim().split_once(['.', '-']).is_some_and(|(n, rest)| is_roman(n.trim()) && !rest.trim().is_empty())
}

/// Splits table lines into cells. A `|` ends a cell; text after the last `|`
/// of a line (or a line without one) continues on the next line. Lines
/// without a `|` after a row that ends with one, from a section heading on
/// («IV. TỔ CHỨC THỰC HIỆN»), are the text after a table that stands inside
/// the document, not a cell.
pub(super) fn cells(lines: &[&str], range: Range<usize>) -> Vec<Cell> {
    let range = match range.clone().rev().find(|&i| lines[i].contains('|')) {
        Some(last)
            if lines[last].trim_end().ends_with('|')
                && lines[last + 1..range.end]
                    .iter()
                    .find(|l| !l.trim().is_empty())
                    .is_some_and(|l| is_section(l)) =>
        {
            range.start..last + 1
        }
        _ => range,
    };
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
    let f = folded;
    let starts = |prefixes: &[&str]| prefixes.iter().any(|p| f.starts_with(p));
    let c = match f {
        "tt" | "stt" | "so tt" => Number,
        "chi tieu" | "ten chi tieu" | "noi dung chi tieu" if kind == TableKind::Indicators => Name,
        "ten nhiem vu" | "nhiem vu" | "noi dung nhiem vu" | "noi dung" if kind == TableKind::Tasks => Name,
        "don vi" | "don vi tinh" | "dvt" => Unit,
        // «Mục tiêu năm 2025», «Kế hoạch năm 2025», «Chỉ tiêu cần đạt».
        "ket qua" | "chi tieu can dat" if kind == TableKind::Indicators => Target,
        _ if kind == TableKind::Indicators && starts(&["muc tieu", "ke hoach nam", "chi tieu nam"]) => Target,
        "ket qua" | "ket qua du kien" | "san pham" | "san pham dau ra" if kind == TableKind::Tasks => Result,
        "co quan phoi hop" | "don vi phoi hop" | "phoi hop" | "phoi hop thuc hien" => Coordinators,
        "thoi gian hoan thanh" | "thoi han" | "thoi han hoan thanh" | "tien do" | "thoi gian thuc hien" => {
            Deadline
        }
        _ if starts(&[
            "co quan chu tri theo doi",
            "co quan theo doi",
            "don vi theo doi",
            "don vi chu tri theo doi",
        ]) =>
        {
            Tracking
        }
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
    /// `stray`: cells of the group row with text where none belongs.
    Group {
        number: Option<String>,
        title: String,
        stray: Vec<Cell>,
    },
    Data {
        number: RowNumber,
        cells: Vec<Cell>,
    },
    Unplaced {
        cells: Vec<Cell>,
        reason: String,
    },
}

/// Groups a table's cells into rows.
///
/// A row is as wide as the header. A row starts with its number, a group row
/// with a group number («I», «A.», «Nhóm 1») or with a heading followed by
/// empty cells. A row without its number right after a row continues it
/// (a row cut by a page break). When the cell one width further on does not
/// start a row, the row is short or long: it ends where the next row
/// plausibly starts and is kept as unplaced.
pub(super) fn split_rows(table: &Table) -> Vec<Row> {
    let g =
        Grid { cells: &table.cells, w: table.columns.len(), numbered_groups: table.kind == TableKind::Tasks };
    let (cells, w) = (g.cells, g.w);
    let mut rows = Vec::new();
    let mut prev: Option<RowNumber> = None;
    let mut i = 0;
    while i < cells.len() {
        if let Some(row) = g.group_row(i) {
            rows.push(row);
            i += w;
            continue;
        }
        if g.is_continuation(i)
            && let Some(Row::Data { cells: row, .. }) = rows.last_mut()
        {
            for (cell, more) in row.iter_mut().zip(&cells[i..i + w]).skip(1) {
                if !more.text.is_empty() {
                    cell.text = if cell.text.is_empty() {
                        more.text.clone()
                    } else {
                        format!("{} {}", cell.text, more.text)
                    };
                }
            }
            i += w;
            continue;
        }
        let Some(number) =
            RowNumber::parse(&cells[i].text).or_else(|| lettered(&cells[i].text, prev.as_ref()))
        else {
            let end = (i + 1..=cells.len())
                .find(|&k| k == cells.len() || g.is_next_start(k, prev.as_ref()))
                .unwrap_or(cells.len());
            rows.push(Row::Unplaced {
                cells: cells[i..end].to_vec(),
                reason: "ô không thuộc dòng nào của bảng".into(),
            });
            i = end;
            continue;
        };
        let expected_end = i + w;
        let end = if g.ends_row(expected_end) {
            expected_end
        } else {
            (i + 1..=cells.len())
                .find(|&k| k == cells.len() || g.is_next_start(k, Some(&number)))
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

/// «a)», «b)»: an item under the row before.
fn is_letter_item(cell: &str) -> bool {
    cell.trim().strip_suffix(')').is_some_and(|l| l.len() == 1 && l.bytes().all(|b| b.is_ascii_lowercase()))
}

/// «a)» under row 3 (or after «3.a»): the row `3.a`.
fn lettered(cell: &str, prev: Option<&RowNumber>) -> Option<RowNumber> {
    if !is_letter_item(cell) {
        return None;
    }
    let letter = cell.trim().trim_end_matches(')');
    let prev = prev?;
    let after_letter =
        prev.to_string().rsplit('.').next().is_some_and(|p| p.bytes().all(|b| b.is_ascii_lowercase()));
    let base = if after_letter { prev.parent()? } else { prev.clone() };
    RowNumber::parse(&format!("{base}.{letter}"))
}

/// A group's number as tables print it: `I`, `I.`, `A.`, `Nhóm 1`.
pub(super) fn group_number(cell: &str) -> Option<String> {
    let bare = cell.trim().trim_end_matches(['.', ')', ':']);
    let single_letter = bare.len() == 1 && bare.bytes().all(|b| b.is_ascii_uppercase());
    let named =
        fold(bare).strip_prefix("nhom ").is_some_and(|n| RowNumber::parse(n).is_some() || is_roman(n));
    (is_roman(bare) || single_letter || named).then(|| bare.to_owned())
}

/// A table's cells and its width.
struct Grid<'a> {
    cells: &'a [Cell],
    w: usize,
    /// A task table: `1. | Thể chế | | |` over rows `1.1`, `1.2` is a group
    /// (in an indicator table it is a heading indicator over its parts).
    numbered_groups: bool,
}

impl Grid<'_> {
    fn empty(&self, range: std::ops::Range<usize>) -> bool {
        range.end <= self.cells.len() && self.cells[range].iter().all(|c| c.text.is_empty())
    }

    /// Whether a row may end before `k`: the end of the table, or a row of
    /// any kind starting at `k`.
    fn ends_row(&self, k: usize) -> bool {
        k == self.cells.len() || (k < self.cells.len() && (self.starts_row(k) || self.is_continuation(k)))
    }

    /// A group row at `i`: `I | Đến năm 2030 | | | |`, `Heading | | | | | |`,
    /// or in a task table a number over sub-numbered rows: `1. | Thể chế | |`
    /// then `1.1 | …`. A group row with text in a cell where none belongs
    /// («năm tiếp theo» left there by a page break) keeps it, to be said.
    fn group_row(&self, i: usize) -> Option<Row> {
        let (cells, w) = (self.cells, self.w);
        if i + w > cells.len() || w < 2 {
            return None;
        }
        let first = &cells[i].text;
        let title = &cells[i + 1].text;
        let stray: Vec<Cell> = cells[i + 2..i + w].iter().filter(|c| !c.text.is_empty()).cloned().collect();
        let next_is_row = i + w == cells.len() || RowNumber::parse(&cells[i + w].text).is_some();
        if let Some(number) = group_number(first)
            && RowNumber::parse(title).is_none()
            && (stray.is_empty() || (!title.is_empty() && stray.len() == 1 && next_is_row))
        {
            return Some(Row::Group { number: Some(number), title: title.clone(), stray });
        }
        if self.numbered_groups
            && let Some(n) = RowNumber::parse(first)
            && !title.is_empty()
            && stray.is_empty()
            && w >= 3
            && cells.get(i + w).and_then(|c| RowNumber::parse(&c.text)).is_some_and(|next| {
                next.parts().len() == n.parts().len() + 1 && next.parts().starts_with(n.parts())
            })
        {
            return Some(Row::Group { number: Some(n.to_string()), title: title.clone(), stray });
        }
        if RowNumber::parse(first).is_none() && group_number(first).is_none() && self.empty(i + 1..i + w) {
            return Some(Row::Group { number: None, title: first.clone(), stray: Vec::new() });
        }
        None
    }

    /// A row without its number whose cells continue the row before (a row
    /// cut by a page break, or a line of a row wrapped in a PDF's text): an
    /// empty first cell, some text, and the next row, or another such line,
    /// right after.
    fn is_continuation(&self, k: usize) -> bool {
        let (cells, w) = (self.cells, self.w);
        k + w <= cells.len() && cells[k].text.is_empty() && !self.empty(k + 1..k + w) && self.ends_row(k + w)
    }

    /// Whether a row of any kind starts at `k` (used at the expected position).
    fn starts_row(&self, k: usize) -> bool {
        RowNumber::parse(&self.cells[k].text).is_some()
            || is_letter_item(&self.cells[k].text)
            || self.group_row(k).is_some()
    }

    /// Whether `k` starts the row after `prev`: a group row, or a number a
    /// little above `prev` (`9` after `8.12`, `8.1` after `8`). Numbers
    /// inside a row (targets like `12`, years) rarely pass this test.
    fn is_next_start(&self, k: usize, prev: Option<&RowNumber>) -> bool {
        if self.group_row(k).is_some() {
            return true;
        }
        if is_letter_item(&self.cells[k].text) {
            return prev.is_some();
        }
        let Some(n) = RowNumber::parse(&self.cells[k].text) else {
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
