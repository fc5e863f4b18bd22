//! The appendices as a workbook: one sheet each, with real numbers and
//! dates, formatted for print like the PDF.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use super::model::{Cell, Report, Row};
use crate::error::Error;
use crate::xlsx::{A4, FONT, SIZE, err};

/// Excel holds at most 32,767 characters in a cell.
const EXCEL_CELL_LIMIT: usize = 32_767;

/// `text`, cut to fit an Excel cell, saying where the whole text is.
fn fit_cell(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str =
        " … (cắt bớt vì quá giới hạn 32.767 ký tự của một ô Excel; toàn văn trong tong-hop.json)";
    if text.chars().count() <= EXCEL_CELL_LIMIT {
        return text.into();
    }
    let keep = EXCEL_CELL_LIMIT - NOTE.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(NOTE);
    cut.into()
}

/// The consolidated workbook of a report.
pub fn workbook(report: &Report, author: &str, company: &str) -> Result<Vec<u8>, Error> {
    let title = report.doc["title"].as_str().unwrap_or("Báo cáo");
    let mut wb = crate::xlsx::workbook(title, author, company, report.date)?;
    let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
    let cell = base.clone().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let center = cell.clone().set_align(FormatAlign::Center);
    let header = center
        .clone()
        .set_bold()
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xD9E2F3));
    let group = cell.clone().set_bold().set_background_color(Color::RGB(0xE8E8E8));
    let number = center.clone().set_num_format("#,##0.##");
    let date = center.clone().set_num_format("dd/mm/yyyy");
    let heading = base.clone().set_bold().set_align(FormatAlign::Center);
    let note = base.clone().set_italic().set_align(FormatAlign::Center);
    for table in report.tables.iter().chain(&report.sheets) {
        let ws = wb.add_worksheet();
        ws.set_name(&table.label).map_err(err)?;
        let last = (table.columns.len() - 1) as u16;
        ws.merge_range(0, 0, 0, last, &table.label, &heading).map_err(err)?;
        ws.merge_range(1, 0, 1, last, &table.title.to_uppercase(), &heading).map_err(err)?;
        ws.merge_range(2, 0, 2, last, &table.note, &note).map_err(err)?;
        let header_row = 4;
        for (c, column) in table.columns.iter().enumerate() {
            ws.set_column_width(c as u16, column.width * 12.0).map_err(err)?;
            ws.write_string_with_format(header_row, c as u16, column.header, &header).map_err(err)?;
        }
        for (i, row) in table.rows.iter().enumerate() {
            let r = header_row + 1 + i as u32;
            match row {
                Row::Group(text) => {
                    ws.merge_range(r, 0, r, last, text, &group).map_err(err)?;
                }
                Row::Cells(cells) => {
                    for (c, value) in cells.iter().enumerate() {
                        let fmt = if table.columns[c].center { &center } else { &cell };
                        let c = c as u16;
                        match value {
                            Cell::Number(v) => ws.write_number_with_format(r, c, *v, &number),
                            Cell::Date(d) => {
                                ws.write_datetime_with_format(r, c, crate::xlsx::date(*d)?, &date)
                            }
                            Cell::Text(t) if t.is_empty() => ws.write_blank(r, c, fmt),
                            Cell::Text(t) => ws.write_string_with_format(r, c, fit_cell(t).as_ref(), fmt),
                        }
                        .map_err(err)?;
                    }
                }
            }
        }
        ws.set_freeze_panes(header_row + 1, 0).map_err(err)?;
        ws.set_repeat_rows(header_row, header_row).map_err(err)?;
        ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
        ws.set_margins(0.6, 0.6, 0.8, 0.6, 0.3, 0.3);
        ws.set_header("&C&\"Times New Roman\"&12&P");
    }
    wb.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_an_excel_cell() {
        let long = "ả".repeat(40_000);
        let fitted = fit_cell(&long);
        assert_eq!(fitted.chars().count(), EXCEL_CELL_LIMIT);
        assert!(fitted.ends_with("toàn văn trong tong-hop.json)"));
        assert_eq!(fit_cell("ngắn"), "ngắn");
    }
}
