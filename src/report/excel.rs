//! The appendices as a workbook: one sheet each, with real numbers and
//! dates, formatted for print like the PDF.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet};

use std::path::Path;

use super::model::Report;
use super::table::{Cell, Column, Row};
use super::tables;
use crate::error::Error;
use crate::merge::PeriodData;
use crate::plan::Plan;
use crate::xlsx::{A4, FONT, SIZE, err};

/// The row of a sheet's column headers, under label, title and note.
const HEADER_ROW: u32 = 4;

/// Where the Excel file's large sheets are spooled while it is made.
pub enum Scratch<'a> {
    /// The output folder: nothing is written outside it.
    In(&'a Path),
    /// The system's temporary folder (tests, benchmarks).
    System,
}

/// The formats of one workbook's tables.
struct Formats {
    cell: Format,
    center: Format,
    header: Format,
    group: Format,
    number: Format,
    date: Format,
    heading: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
        let cell = base.clone().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
        let center = cell.clone().set_align(FormatAlign::Center);
        Formats {
            header: center
                .clone()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E2F3)),
            group: cell.clone().set_bold().set_background_color(Color::RGB(0xE8E8E8)),
            number: center.clone().set_num_format("#,##0.##"),
            date: center.clone().set_num_format("dd/mm/yyyy"),
            heading: base.clone().set_bold().set_align(FormatAlign::Center),
            note: base.set_italic().set_align(FormatAlign::Center),
            cell,
            center,
        }
    }
}

/// The consolidated workbook of a report: its appendices, every agency's
/// text, and every agency's answer and value in full. The per-agency
/// sheets are what makes the file large at national scale: their rows are
/// made one at a time from `data` as they are written, after the PDF, and
/// spooled through `scratch`, so that they are never held whole.
pub fn workbook(
    report: &Report,
    plan: &Plan,
    data: &PeriodData,
    (author, company): (&str, &str),
    scratch: Scratch,
) -> Result<Vec<u8>, Error> {
    let title = report.doc.title.as_str();
    let mut wb = crate::xlsx::workbook(title, author, company, report.date)?;
    if let Scratch::In(dir) = scratch {
        wb.set_tempdir(dir).map_err(err)?;
    }
    let f = Formats::new();
    for table in report.tables.iter().chain([&report.texts]) {
        let ws = wb.add_worksheet();
        let head = (table.label.as_str(), table.title.as_str(), table.note.as_str());
        match &table.charts {
            // The charts' numbers, and native charts that read them.
            Some(charts) => {
                write_heading(ws, &f, head, 6)?;
                super::excel_charts::write(ws, &table.label, HEADER_ROW, charts)?;
                print_setup(ws);
            }
            None => write_sheet(ws, &f, head, &table.columns, table.rows.iter().cloned(), true)?,
        }
    }
    let note = &report.texts.note;
    for sheet in [tables::answers_sheet(plan, data), tables::reports_sheet(plan, data)] {
        let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
        write_sheet(ws, &f, (sheet.label, sheet.title, note), &sheet.columns, sheet.rows, false)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// The cells of row `r`.
fn write_cells(
    ws: &mut Worksheet,
    f: &Formats,
    columns: &[Column],
    r: u32,
    cells: &[Cell],
    boxed: bool,
) -> Result<(), Error> {
    for (c, value) in cells.iter().enumerate() {
        let fmt = if columns[c].center { &f.center } else { &f.cell };
        let c = c as u16;
        match (value, boxed) {
            (Cell::Number(v), true) => ws.write_number_with_format(r, c, *v, &f.number),
            (Cell::Number(v), false) => ws.write_number(r, c, *v),
            (Cell::Ordinal(n), true) => ws.write_number_with_format(r, c, f64::from(*n), &f.center),
            (Cell::Ordinal(n), false) => ws.write_number(r, c, f64::from(*n)),
            (Cell::Date(d), _) => ws.write_datetime_with_format(r, c, crate::xlsx::date(*d)?, &f.date),
            (Cell::Text(t), true) if t.is_empty() => ws.write_blank(r, c, fmt),
            (Cell::Text(t), _) if t.is_empty() => continue,
            (Cell::Text(t), true) => ws.write_string_with_format(r, c, crate::xlsx::fit(t).as_ref(), fmt),
            (Cell::Text(t), false) => ws.write_string(r, c, crate::xlsx::fit(t).as_ref()),
        }
        .map_err(err)?;
    }
    Ok(())
}

/// The three heading rows (label, title, note) across columns `0..=last`.
fn write_heading(
    ws: &mut Worksheet,
    f: &Formats,
    (label, title, note): (&str, &str, &str),
    last: u16,
) -> Result<(), Error> {
    ws.set_name(label).map_err(err)?;
    ws.merge_range(0, 0, 0, last, label, &f.heading).map_err(err)?;
    ws.merge_range(1, 0, 1, last, &title.to_uppercase(), &f.heading).map_err(err)?;
    ws.merge_range(2, 0, 2, last, note, &f.note).map_err(err)?;
    Ok(())
}

/// A4 landscape, one page wide, page numbers at the top as in the PDF.
fn print_setup(ws: &mut Worksheet) {
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.8, 0.6, 0.3, 0.3);
    ws.set_header("&C&\"Times New Roman\"&12&P");
}

/// Points a line of wrapped text takes at the workbook's size (12 pt).
const LINE_PT: f64 = 15.0;
/// Excel's tallest row.
const MAX_ROW_PT: f64 = 409.0;

fn chars_per_line(width: f64) -> f64 {
    (width * 0.85).max(1.0)
}

/// Lines of each of `text`'s own lines in a column `width` units wide:
/// about 1.1 characters of Times New Roman 12 a unit of width, less what
/// wrapping between words leaves at each line's end.
fn lines_of(text: &str, width: f64) -> impl Iterator<Item = usize> + '_ {
    let per_line = chars_per_line(width);
    text.split('\n').map(move |l| (l.chars().count() as f64 / per_line).ceil().max(1.0) as usize)
}

/// How tall a row must be for its wrapped cells to print whole: Excel and
/// LibreOffice keep a row's height as written, and a row left at the
/// default prints its text over the rows below. Estimated on the high side
/// (checked by printing with LibreOffice: tests/report_charts.rs).
fn row_height(cells: &[Cell], widths: &[f64]) -> Option<f64> {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| match cell {
            Cell::Text(t) => lines_of(t, *width).sum(),
            _ => 1,
        })
        .max()
        .unwrap_or(1);
    (lines > 1).then(|| (lines as f64 * LINE_PT + 3.0).min(MAX_ROW_PT))
}

/// A row taller than Excel's tallest row, as rows that each fit: its texts
/// cut between their lines (or words, inside a very long line), the rows
/// after the first numbered «TT (tiếp)», as an official continues a row.
fn split_tall(cells: Vec<Cell>, widths: &[f64]) -> Vec<Vec<Cell>> {
    let budget = ((MAX_ROW_PT - 3.0) / LINE_PT) as usize;
    let cut: Vec<Vec<String>> = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| match cell {
            Cell::Text(t) => pieces(t, *width, budget),
            _ => Vec::new(),
        })
        .collect();
    let n = cut.iter().map(Vec::len).max().unwrap_or(0);
    if n <= 1 {
        return vec![cells];
    }
    (0..n)
        .map(|k| {
            cells
                .iter()
                .zip(&cut)
                .enumerate()
                .map(|(c, (cell, parts))| match (c, k) {
                    (_, 0) if !matches!(cell, Cell::Text(_)) => cell.clone(),
                    (0, 1..) => Cell::Text(format!("{} (tiếp)", cell.display())),
                    _ => Cell::Text(parts.get(k).cloned().unwrap_or_default()),
                })
                .collect()
        })
        .collect()
}

/// `text` in pieces of at most `budget` lines, cut between its lines, or
/// between words inside a line longer than a piece.
fn pieces(text: &str, width: f64, budget: usize) -> Vec<String> {
    let per_piece = chars_per_line(width) as usize * budget;
    let mut out: Vec<String> = Vec::new();
    let (mut piece, mut used) = (String::new(), 0);
    for line in text.split('\n') {
        let n: usize = lines_of(line, width).sum();
        if used > 0 && used + n > budget {
            out.push(std::mem::take(&mut piece));
            used = 0;
        }
        if n > budget {
            // One line longer than a piece: cut between words.
            for word in line.split(' ') {
                if !piece.is_empty() && piece.chars().count() + 1 + word.chars().count() > per_piece {
                    out.push(std::mem::take(&mut piece));
                }
                if !piece.is_empty() {
                    piece.push(' ');
                }
                piece.push_str(word);
            }
            used = lines_of(&piece, width).sum();
            continue;
        }
        if used > 0 {
            piece.push('\n');
        }
        piece.push_str(line);
        used += n;
    }
    out.push(piece);
    out
}

/// One sheet: heading, header row, then the rows in order. With `boxed`
/// every cell has its border; without (the per-agency sheets, hundreds of
/// thousands of rows at national scale) the columns carry the format and
/// cells are written bare, which is many times cheaper.
fn write_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    head: (&str, &str, &str),
    columns: &[Column],
    rows: impl Iterator<Item = Row>,
    boxed: bool,
) -> Result<(), Error> {
    let last = (columns.len() - 1) as u16;
    let header_row = HEADER_ROW;
    let plain =
        Format::new().set_font_name(FONT).set_font_size(SIZE).set_text_wrap().set_align(FormatAlign::Top);
    let widths: Vec<f64> = columns.iter().map(|c| c.width * 12.0).collect();
    for (c, column) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, widths[c]).map_err(err)?;
        if !boxed {
            let format =
                if column.center { plain.clone().set_align(FormatAlign::Center) } else { plain.clone() };
            ws.set_column_format(c as u16, &format).map_err(err)?;
        }
    }
    write_heading(ws, f, head, last)?;
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, column.header, &f.header).map_err(err)?;
    }
    let headers: Vec<Cell> = columns.iter().map(|c| Cell::Text(c.header.to_owned())).collect();
    if let Some(h) = row_height(&headers, &widths) {
        ws.set_row_height(header_row, h).map_err(err)?;
    }
    let mut r = header_row;
    for row in rows {
        r += 1;
        let cells = match row {
            Row::Group(text) => {
                let width: f64 = widths.iter().sum();
                if let Some(h) = row_height(&[Cell::Text(text.clone())], &[width]) {
                    ws.set_row_height(r, h).map_err(err)?;
                }
                ws.merge_range(r, 0, r, last, &text, &f.group).map_err(err)?;
                continue;
            }
            Row::Cells(cells) => cells,
        };
        // The per-agency sheets (not boxed) hold one agency's text a cell.
        let parts = if boxed { split_tall(cells, &widths) } else { vec![cells] };
        for (k, cells) in parts.iter().enumerate() {
            if k > 0 {
                r += 1;
            }
            if let Some(h) = row_height(cells, &widths) {
                ws.set_row_height(r, h).map_err(err)?;
            }
            write_cells(ws, f, columns, r, cells, boxed)?;
        }
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(err)?;
    ws.set_repeat_rows(header_row, header_row).map_err(err)?;
    print_setup(ws);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_taller_than_excel_allows_is_continued_with_its_number() {
        let listed = (1..=80)
            .map(|i| format!("- Văn bản số {i}/UBND về nội dung thứ {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let widths = [6.0, 30.0, 40.0];
        let rows = split_tall(
            vec![Cell::Ordinal(7), Cell::Text("Nhiệm vụ".into()), Cell::Text(listed.clone())],
            &widths,
        );
        assert!(rows.len() > 1, "80 lines fit no single Excel row");
        assert_eq!(rows[0][0], Cell::Ordinal(7));
        assert_eq!(rows[1][0], Cell::Text("7 (tiếp)".into()));
        assert_eq!(rows[1][1], Cell::Text(String::new()));
        // Nothing lost, cut only between lines, and every piece fits a row.
        let joined: Vec<String> = rows.iter().map(|r| r[2].display()).collect();
        assert_eq!(joined.join("\n"), listed);
        for r in &rows {
            assert!(row_height(r, &widths).is_some_and(|h| h < MAX_ROW_PT), "{r:?}");
        }
        // A row that fits is left whole.
        assert_eq!(split_tall(vec![Cell::Ordinal(1), Cell::Text("ngắn".into())], &widths[..2]).len(), 1);
    }
}
