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
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(SIZE), 20, 64).map_err(err)?;
    let props = DocProperties::new()
        .set_title(title)
        .set_author(author)
        .set_company(company)
        .set_creation_datetime(&date(created)?);
    wb.set_properties(&props);
    Ok(wb)
}
