//! The validation report of an ingest: `kiem-tra.txt` and `kiem-tra.xlsx`,
//! listing every error and warning with file, sheet and cell.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

use crate::diag::Severity;
use crate::error::Error;
use crate::merge::{FileUse, PeriodData};
use crate::vn;
use crate::xlsx::{FONT, SIZE, err as xlsx, fit};

/// The plain-text report.
pub fn text(data: &PeriodData, plan_issuer: &str) -> String {
    let mut out = String::new();
    let errors = data.error_count();
    out.push_str(&format!(
        "KẾT QUẢ KIỂM TRA BIỂU MẪU — {} — kế hoạch {} ({plan_issuer})\nHạn gửi: {}\n\n",
        data.period.name(),
        data.plan.code,
        vn::date(data.deadline)
    ));
    out.push_str(&format!(
        "Tệp: {} đã dùng, {} bị thay thế, {} không dùng được. Lỗi: {errors}. Cảnh báo: {}.\n\n",
        data.files.iter().filter(|f| f.usage == FileUse::Used).count(),
        data.files.iter().filter(|f| f.usage == FileUse::Superseded).count(),
        data.files.iter().filter(|f| f.usage == FileUse::Refused).count(),
        data.diagnostics.len() - errors
    ));
    out.push_str("CƠ QUAN\n");
    for a in &data.agencies {
        out.push_str(&format!(
            "- {} ({}): {}{}; nhiệm vụ đã trả lời {}/{}, chỉ tiêu {}/{}; {} lỗi, {} cảnh báo\n",
            a.name,
            a.id,
            a.receipt.label(),
            a.sent_on.map(|d| format!(", gửi ngày {}", vn::date(d))).unwrap_or_default(),
            a.tasks_answered,
            a.tasks_expected,
            a.indicators_answered,
            a.indicators_expected,
            a.errors,
            a.warnings
        ));
    }
    out.push_str("\nCHI TIẾT\n");
    if data.diagnostics.is_empty() {
        out.push_str("Không có lỗi hay cảnh báo.\n");
    }
    for d in &data.diagnostics {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    out
}

/// Findings on the sheet: Excel's 1,048,576 rows less the header and the
/// line that says how many more there are.
const DIAGNOSTIC_ROWS: usize = 1_048_574;

/// The same as a workbook: a sheet of findings and a sheet of agencies.
pub fn workbook(data: &PeriodData, author: &str) -> Result<Vec<u8>, Error> {
    workbook_with_rows(data, author, DIAGNOSTIC_ROWS)
}

/// [`workbook`] with at most `rows` findings on its sheet.
fn workbook_with_rows(data: &PeriodData, author: &str, rows: usize) -> Result<Vec<u8>, Error> {
    let title = format!("Kết quả kiểm tra biểu mẫu {}", data.period.name());
    let mut wb = crate::xlsx::workbook(&title, author, "", data.period.cutoff().0)?;
    let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
    let cell = base.clone().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let header = cell.clone().set_bold().set_background_color(Color::RGB(0xD9E2F3));
    let error = cell.clone().set_font_color(Color::RGB(0xC00000)).set_bold();

    let ws = wb.add_worksheet();
    ws.set_name("Kiểm tra").map_err(xlsx)?;
    let cols = [("Mức độ", 10.0), ("Tệp", 28.0), ("Trang tính", 14.0), ("Ô / dòng", 9.0), ("Nội dung", 90.0)];
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xlsx)?;
        ws.write_string_with_format(0, c as u16, *h, &header).map_err(xlsx)?;
    }
    // A sheet holds 1,048,576 rows: the rest are in kiem-tra.txt, said so.
    let shown = data.diagnostics.len().min(rows);
    for (i, d) in data.diagnostics.iter().take(shown).enumerate() {
        let row = i as u32 + 1;
        let (label, fmt) = match d.severity {
            Severity::Error => ("Lỗi", &error),
            Severity::Warning => ("Cảnh báo", &cell),
        };
        let place = d.location.cell.clone().or(d.location.line.map(|l| l.to_string())).unwrap_or_default();
        ws.write_string_with_format(row, 0, label, fmt).map_err(xlsx)?;
        ws.write_string_with_format(row, 1, fit(&d.location.file).as_ref(), &cell).map_err(xlsx)?;
        ws.write_string_with_format(row, 2, fit(d.location.sheet.as_deref().unwrap_or("")).as_ref(), &cell)
            .map_err(xlsx)?;
        ws.write_string_with_format(row, 3, fit(&place).as_ref(), &cell).map_err(xlsx)?;
        ws.write_string_with_format(row, 4, fit(&d.message).as_ref(), &cell).map_err(xlsx)?;
    }
    if shown < data.diagnostics.len() {
        let more = format!(
            "… và {} thông báo khác, quá số dòng một trang Excel chứa được: xem đủ trong kiem-tra.txt",
            data.diagnostics.len() - shown
        );
        ws.write_string_with_format(shown as u32 + 1, 4, &more, &error).map_err(xlsx)?;
    }
    ws.autofilter(0, 0, shown as u32, 4).map_err(xlsx)?;
    ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    ws.set_landscape().set_paper_size(crate::xlsx::A4).set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0).map_err(xlsx)?;

    let ws = wb.add_worksheet();
    ws.set_name("Cơ quan").map_err(xlsx)?;
    let cols = [
        ("Mã", 18.0),
        ("Cơ quan", 40.0),
        ("Tình trạng gửi", 14.0),
        ("Ngày gửi", 12.0),
        ("Tệp", 30.0),
        ("Nhiệm vụ đã trả lời", 12.0),
        ("Nhiệm vụ phải báo cáo", 12.0),
        ("Chỉ tiêu đã báo cáo", 12.0),
        ("Chỉ tiêu phải báo cáo", 12.0),
        ("Lỗi", 8.0),
        ("Cảnh báo", 10.0),
    ];
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xlsx)?;
        ws.write_string_with_format(0, c as u16, *h, &header).map_err(xlsx)?;
    }
    let date_fmt = cell.clone().set_num_format("dd/mm/yyyy");
    for (i, a) in data.agencies.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, a.id.as_str(), &cell).map_err(xlsx)?;
        ws.write_string_with_format(row, 1, fit(&a.name).as_ref(), &cell).map_err(xlsx)?;
        ws.write_string_with_format(row, 2, a.receipt.label(), &cell).map_err(xlsx)?;
        match a.sent_on {
            Some(d) => {
                ws.write_datetime_with_format(row, 3, crate::xlsx::date(d)?, &date_fmt).map_err(xlsx)?;
            }
            None => {
                ws.write_blank(row, 3, &cell).map_err(xlsx)?;
            }
        }
        ws.write_string_with_format(row, 4, fit(a.file.as_deref().unwrap_or("")).as_ref(), &cell)
            .map_err(xlsx)?;
        for (c, n) in [
            a.tasks_answered,
            a.tasks_expected,
            a.indicators_answered,
            a.indicators_expected,
            a.errors,
            a.warnings,
        ]
        .iter()
        .enumerate()
        {
            ws.write_number_with_format(row, 5 + c as u16, *n as f64, &cell).map_err(xlsx)?;
        }
    }
    ws.set_freeze_panes(1, 2).map_err(xlsx)?;
    ws.set_landscape().set_paper_size(crate::xlsx::A4).set_print_fit_to_pages(1, 0);
    wb.save_to_buffer().map_err(xlsx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Diagnostic, Location};
    use crate::merge::merge;
    use crate::period::Period;
    use crate::plan::{files::PlanSource, load};
    use calamine::{Reader, Xlsx};

    /// More findings than a sheet holds, and one longer than a cell: the
    /// workbook is made, says how many more there are, and cuts the long one.
    #[test]
    fn findings_past_excels_limits_are_cut_and_counted() {
        let plan = load::load(&PlanSource::Embedded).unwrap();
        let period = Period::parse("2025-H1").unwrap();
        let inputs = crate::merge::Inputs {
            read: Vec::new(),
            refused: Vec::new(),
            general: Vec::new(),
            hashes: Default::default(),
        };
        let mut data = merge(&plan, period, period.default_deadline(), inputs);
        data.diagnostics = (0..12)
            .map(|i| {
                Diagnostic::warning(
                    Location::file(format!("nop/{i}.xlsx")),
                    "ô lạ".repeat(if i == 0 { 20_000 } else { 1 }),
                )
            })
            .collect();
        let bytes = workbook_with_rows(&data, "Sở", 10).unwrap();
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = book.worksheet_range("Kiểm tra").unwrap();
        assert_eq!(sheet.height(), 12, "header, 10 findings, the line that counts the rest");
        assert!(sheet.get_value((11, 4)).unwrap().to_string().contains("… và 2 thông báo khác"));
        let long = sheet.get_value((1, 4)).unwrap().to_string();
        assert_eq!(long.chars().count(), crate::xlsx::CELL_LIMIT);
    }
}
