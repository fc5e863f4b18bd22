//! What every workbook we write shares: Times New Roman as the default
//! font, fixed document properties (no clock, so the bytes repeat) and
//! errors in Vietnamese.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use time::Date;

use crate::error::Error;

pub const FONT: &str = "Times New Roman";
pub const SIZE: f64 = 12.0;
/// A4 in Excel's paper-size numbering.
pub const A4: u8 = 9;

pub fn err(e: XlsxError) -> Error {
    Error::Internal(format!("tạo tệp Excel: {e}"))
}

pub fn date(d: Date) -> Result<ExcelDateTime, Error> {
    ExcelDateTime::from_ymd(d.year() as u16, u8::from(d.month()), d.day()).map_err(err)
}

/// A workbook in Times New Roman 12 whose properties carry `created`
/// instead of the time of the run.
pub fn workbook(title: &str, author: &str, company: &str, created: Date) -> Result<Workbook, Error> {
    let mut wb = Workbook::new();
    // Deflate level 1: a third of the time of the default 6 for files a few
    // percent larger (a province's workbooks are tens of kilobytes; at
    // national scale saving thousands of them dominated).
    wb.set_zip_compression_level(1);
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(SIZE), 20, 64).map_err(err)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_company(company)
        .set_creation_datetime(&date(created)?);
    wb.set_properties(&props);
    Ok(wb)
}

/// Excel holds at most 32,767 characters in a cell.
pub const CELL_LIMIT: usize = 32_767;

/// `text`, cut to fit an Excel cell, saying where the whole text is.
pub fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str =
        " … (cắt bớt vì quá giới hạn 32.767 ký tự của một ô Excel; toàn văn trong tệp JSON, TXT đi kèm)";
    if text.chars().count() <= CELL_LIMIT {
        return text.into();
    }
    let keep = CELL_LIMIT - NOTE.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(NOTE);
    cut.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_an_excel_cell() {
        let long = "ả".repeat(40_000);
        let fitted = fit(&long);
        assert_eq!(fitted.chars().count(), CELL_LIMIT);
        assert!(fitted.ends_with("toàn văn trong tệp JSON, TXT đi kèm)"));
        assert_eq!(fit("ngắn"), "ngắn");
    }
}
