//! The appendices as a workbook: one sheet each, with real numbers and
//! dates, formatted for print like the PDF.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet};

use std::path::Path;

use super::model::{Cell, Column, Report, Row};
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
    let title = report.doc["title"].as_str().unwrap_or("Báo cáo");
    let mut wb = crate::xlsx::workbook(title, author, company, report.date)?;
    if let Scratch::In(dir) = scratch {
        wb.set_tempdir(dir).map_err(err)?;
    }
    let f = Formats::new();
    for table in report.tables.iter().chain([&report.texts]) {
        let ws = wb.add_worksheet();
        let head = (table.label.as_str(), table.title.as_str(), table.note.as_str());
        write_sheet(ws, &f, head, &table.columns, table.rows.iter().cloned(), true)?;
        if let Some(charts) = &table.charts {
            // Below the table: the numbers as ranges, and the charts that read them.
            super::excel_charts::write(ws, &table.label, HEADER_ROW + table.rows.len() as u32 + 3, charts)?;
        }
    }
    let note = &report.texts.note;
    for sheet in [tables::answers_sheet(plan, data), tables::reports_sheet(plan, data)] {
        let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
        write_sheet(ws, &f, (sheet.label, sheet.title, note), &sheet.columns, sheet.rows, false)?;
    }
    wb.save_to_buffer().map_err(err)
}

/// One sheet: heading, header row, then the rows in order. With `boxed`
/// every cell has its border; without (the per-agency sheets, hundreds of
/// thousands of rows at national scale) the columns carry the format and
/// cells are written bare, which is many times cheaper.
fn write_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    (label, title, note): (&str, &str, &str),
    columns: &[Column],
    rows: impl Iterator<Item = Row>,
    boxed: bool,
) -> Result<(), Error> {
    ws.set_name(label).map_err(err)?;
    let last = (columns.len() - 1) as u16;
    let header_row = HEADER_ROW;
    let plain =
        Format::new().set_font_name(FONT).set_font_size(SIZE).set_text_wrap().set_align(FormatAlign::Top);
    for (c, column) in columns.iter().enumerate() {
        ws.set_column_width(c as u16, column.width * 12.0).map_err(err)?;
        if !boxed {
            let format =
                if column.center { plain.clone().set_align(FormatAlign::Center) } else { plain.clone() };
            ws.set_column_format(c as u16, &format).map_err(err)?;
        }
    }
    ws.merge_range(0, 0, 0, last, label, &f.heading).map_err(err)?;
    ws.merge_range(1, 0, 1, last, &title.to_uppercase(), &f.heading).map_err(err)?;
    ws.merge_range(2, 0, 2, last, note, &f.note).map_err(err)?;
    for (c, column) in columns.iter().enumerate() {
        ws.write_string_with_format(header_row, c as u16, column.header, &f.header).map_err(err)?;
    }
    for (i, row) in rows.enumerate() {
        let r = header_row + 1 + i as u32;
        let cells = match row {
            Row::Group(text) => {
                ws.merge_range(r, 0, r, last, &text, &f.group).map_err(err)?;
                continue;
            }
            Row::Cells(cells) => cells,
        };
        for (c, value) in cells.iter().enumerate() {
            let fmt = if columns[c].center { &f.center } else { &f.cell };
            let c = c as u16;
            match (value, boxed) {
                (Cell::Number(v), true) => ws.write_number_with_format(r, c, *v, &f.number),
                (Cell::Number(v), false) => ws.write_number(r, c, *v),
                (Cell::Date(d), _) => ws.write_datetime_with_format(r, c, crate::xlsx::date(*d)?, &f.date),
                (Cell::Text(t), true) if t.is_empty() => ws.write_blank(r, c, fmt),
                (Cell::Text(t), _) if t.is_empty() => continue,
                (Cell::Text(t), true) => ws.write_string_with_format(r, c, crate::xlsx::fit(t).as_ref(), fmt),
                (Cell::Text(t), false) => ws.write_string(r, c, crate::xlsx::fit(t).as_ref()),
            }
            .map_err(err)?;
        }
    }
    ws.set_freeze_panes(header_row + 1, 0).map_err(err)?;
    ws.set_repeat_rows(header_row, header_row).map_err(err)?;
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_margins(0.6, 0.6, 0.8, 0.6, 0.3, 0.3);
    ws.set_header("&C&\"Times New Roman\"&12&P");
    Ok(())
}
