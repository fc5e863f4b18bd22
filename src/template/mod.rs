//! The workbook each agency receives: its tasks and indicators prefilled,
//! input cells unlocked with dropdowns and validation, everything else
//! locked, and a hidden stamp that tells a returned file apart.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Note, ProtectionOptions, Worksheet,
};
use time::Date;

use crate::error::Error;
use crate::form::{
    Entries, HEADER_ROW, IndicatorCol, PREFILL_AUTHOR, PREFILL_LEGEND, REPORT_HINT, Role, SHEET_GUIDE,
    SHEET_INDICATORS, SHEET_REPORT, SHEET_STAMP, SHEET_TASKS, STAMP_AGENCY, STAMP_FINGERPRINT, STAMP_PERIOD,
    STAMP_PLAN, STAMP_VERSION, Section, Status, TEMPLATE_VERSION, TITLE_INDICATORS, TITLE_REPORT,
    TITLE_TASKS, TaskCol, Value,
};
use crate::period::Period;
use crate::plan::Plan;
use crate::plan::assign::Assignment;
use crate::plan::target::TargetKind;
use crate::vn;

pub mod prefill;
use prefill::{History, Prefill};

/// Defined names of the dropdown lists on the stamp sheet.
const LIST_ONE_OFF: &str = "TinhTrang";
const LIST_RECURRING: &str = "TinhTrangThuongXuyen";

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    locked: Format,
    locked_center: Format,
    /// Input cells: a choice or a number (General), free text (Text, so
    /// that what is typed stays as typed: «0913…», «1.234,5»), a date.
    input: Inputs,
    text: Format,
    label: Format,
    legend: Format,
    /// Input cells holding last period's answer: to update (yellow), or a
    /// task completed earlier (green).
    carried: Inputs,
    carried_done: Inputs,
}

/// The three formats of input cells on one ground.
struct Inputs {
    general: Format,
    text: Format,
    date: Format,
}

/// What an input cell holds, for its format.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    General,
    Text,
    Date,
}

impl Inputs {
    fn on(cell: &Format) -> Inputs {
        Inputs {
            general: cell.clone(),
            text: cell.clone().set_num_format("@"),
            date: cell.clone().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center),
        }
    }

    fn get(&self, kind: Input) -> &Format {
        match kind {
            Input::General => &self.general,
            Input::Text => &self.text,
            Input::Date => &self.date,
        }
    }
}

fn formats() -> Formats {
    let base = Format::new().set_font_name(FONT).set_font_size(SIZE);
    let cell = base.clone().set_text_wrap().set_align(FormatAlign::Top).set_border(FormatBorder::Thin);
    let grey = Color::RGB(0xF2F2F2);
    Formats {
        title: base.clone().set_bold().set_font_size(14).set_align(FormatAlign::Center),
        subtitle: base.clone().set_italic().set_align(FormatAlign::Center),
        header: cell
            .clone()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9E2F3)),
        locked: cell.clone().set_background_color(grey),
        locked_center: cell.clone().set_background_color(grey).set_align(FormatAlign::Center),
        input: Inputs::on(&cell.clone().set_unlocked()),
        legend: base.clone().set_italic().set_text_wrap().set_font_color(Color::RGB(0x1F3864)),
        carried: tinted(&cell, YELLOW),
        carried_done: tinted(&cell, GREEN),
        text: base.clone().set_text_wrap().set_align(FormatAlign::Top),
        label: cell.set_bold().set_background_color(grey),
    }
}

use crate::xlsx::{A4, FONT, SIZE, date as excel_date, err as xlsx};

const YELLOW: Color = Color::RGB(0xFFF2CC);
const GREEN: Color = Color::RGB(0xE2EFDA);

/// Input cells on a `color` ground: a prefilled answer.
fn tinted(cell: &Format, color: Color) -> Inputs {
    Inputs::on(&cell.clone().set_unlocked().set_background_color(color).set_font_color(Color::RGB(0x1F3864)))
}

impl Formats {
    /// The format of an input cell holding `kind`, of a row prefilled with `note`'s answer.
    fn input_for(&self, note: Option<&prefill::Note>, kind: Input) -> &Format {
        let inputs = match note.map(|n| n.done) {
            None => &self.input,
            Some(false) => &self.carried,
            Some(true) => &self.carried_done,
        };
        inputs.get(kind)
    }
}

/// The note on a prefilled row's first input cell.
fn prefill_note(ws: &mut Worksheet, row: u32, col: u16, note: &prefill::Note) -> Result<(), Error> {
    let n = Note::new(&note.text).set_author(PREFILL_AUTHOR).add_author_prefix(false).set_width(260);
    ws.insert_note(row, col, &n).map_err(xlsx)?;
    Ok(())
}

/// The line under a table's subtitle that says what the coloured cells are.
fn legend(ws: &mut Worksheet, f: &Formats, last: u16) -> Result<(), Error> {
    ws.merge_range(HEADER_ROW - 1, 0, HEADER_ROW - 1, last, PREFILL_LEGEND, &f.legend).map_err(xlsx)?;
    ws.set_row_height(HEADER_ROW - 1, 30).map_err(xlsx)?;
    Ok(())
}

/// The row height (points) that shows every line of wrapped cells: Excel
/// fits rows when it opens a file, LibreOffice does not, so we size them.
fn fit_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            // A column unit is the width of "0"; text averages a little less.
            let per_line = (width * 1.15).max(1.0) as usize;
            text.split('\n').map(|l| l.chars().count().div_ceil(per_line).max(1)).sum::<usize>()
        })
        .max()
        .unwrap_or(1);
    (lines as f64 * 15.75 + 3.0).max(18.0)
}

/// Locked cells can be selected, rows and columns resized; nothing else.
fn protect(ws: &mut Worksheet) {
    let options = ProtectionOptions {
        select_locked_cells: true,
        select_unlocked_cells: true,
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    };
    ws.protect_with_options(&options);
}

/// A4 landscape, repeated header rows, one page wide, page numbers.
fn print_setup(ws: &mut Worksheet, repeat_to: Option<u32>) -> Result<(), Error> {
    ws.set_paper_size(A4).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C&\"Times New Roman\"&11Trang &P/&N");
    if let Some(last) = repeat_to {
        ws.set_repeat_rows(0, last).map_err(xlsx)?;
    }
    Ok(())
}

/// Everything a workbook needs besides the plan.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub period: Period,
    /// The day by which the agency sends its report.
    pub deadline: Date,
    /// The previous period's answers, to prefill each workbook with.
    pub previous: Option<&'a History>,
}

/// Makes the workbook of one agency, prefilled with its answers of the
/// previous period when `ctx` has them, with the clerk's `entries` typed in
/// when given (sample data, tests). The bytes are the same for the same
/// inputs: no clock is read.
pub fn workbook(ctx: &Context, a: &Assignment, entries: Option<&Entries>) -> Result<Vec<u8>, Error> {
    Blank::new(ctx, a)?.save(entries)
}

/// An agency's workbook with everything but its input cells: made once,
/// saved as the template and again with a clerk's answers typed in (the
/// demo's sample submissions), without laying out the sheets twice.
pub struct Blank<'a> {
    wb: rust_xlsxwriter::Workbook,
    f: Formats,
    a: &'a Assignment<'a>,
    prefill: Prefill,
}

impl<'a> Blank<'a> {
    pub fn new(ctx: &Context, a: &'a Assignment<'a>) -> Result<Self, Error> {
        let f = formats();
        let (from, to) = ctx.period.cutoff();
        let title = format!("Biểu mẫu báo cáo {} — {}", ctx.period.name(), a.agency.name);
        let standing = ctx.plan.agency_name(&ctx.plan.info.standing_agency);
        let mut wb = crate::xlsx::workbook(&title, standing, &ctx.plan.info.issuer, from)?;
        let prefill = ctx.previous.map(|h| h.prefill(a)).unwrap_or_default();
        guide_sheet(wb.add_worksheet(), &f, ctx, a, (from, to))?;
        task_sheet(wb.add_worksheet(), &f, ctx, a, &prefill)?;
        indicator_sheet(wb.add_worksheet(), &f, ctx, a, &prefill)?;
        report_sheet(wb.add_worksheet(), &f, ctx, a)?;
        stamp_sheet(wb.add_worksheet(), ctx, a)?;
        let list = |n: usize| format!("='{SHEET_STAMP}'!$D$1:$D${n}");
        wb.define_name(LIST_ONE_OFF, &list(Status::ONE_OFF.len())).map_err(xlsx)?;
        let recurring = format!("='{SHEET_STAMP}'!$E$1:$E${}", Status::RECURRING.len());
        wb.define_name(LIST_RECURRING, &recurring).map_err(xlsx)?;
        Ok(Blank { wb, f, a, prefill })
    }

    /// The workbook's bytes with `entries` in its input cells (last
    /// period's answers when none are given). Every input cell is written
    /// again, so no cell keeps an earlier save's answer (rust_xlsxwriter's
    /// shared-string table still lists the earlier strings, unused).
    pub fn save(&mut self, entries: Option<&Entries>) -> Result<Vec<u8>, Error> {
        let (f, a, prefill) = (&self.f, self.a, &self.prefill);
        let entries = entries.unwrap_or(&prefill.entries);
        let wb = &mut self.wb;
        task_inputs(wb.worksheet_from_name(SHEET_TASKS).map_err(xlsx)?, f, a, entries, prefill)?;
        indicator_inputs(wb.worksheet_from_name(SHEET_INDICATORS).map_err(xlsx)?, f, a, entries, prefill)?;
        report_inputs(wb.worksheet_from_name(SHEET_REPORT).map_err(xlsx)?, f, entries)?;
        wb.save_to_buffer().map_err(xlsx)
    }
}

fn guide_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &Context,
    a: &Assignment,
    cut: (Date, Date),
) -> Result<(), Error> {
    ws.set_name(SHEET_GUIDE).map_err(xlsx)?;
    const GUIDE_WIDTH: f64 = 78.0;
    ws.set_column_width(0, GUIDE_WIDTH).map_err(xlsx)?;
    let plan = &ctx.plan.info;
    let standing = ctx.plan.agency_name(&plan.standing_agency);
    let lines: Vec<(String, &Format)> = vec![
        (format!("BIỂU MẪU BÁO CÁO {}", ctx.period.name().to_uppercase()), &f.title),
        (
            format!(
                "Tình hình thực hiện {} ngày {} của {}",
                plan.reference(),
                vn::date(plan.date),
                plan.cited_issuer()
            ),
            &f.subtitle,
        ),
        (String::new(), &f.text),
        (format!("Cơ quan báo cáo: {}", a.agency.name), &f.text),
        (format!("Kỳ báo cáo: {}", ctx.period.name()), &f.text),
        (format!("Số liệu tính từ ngày {} đến ngày {}.", vn::date(cut.0), vn::date(cut.1)), &f.text),
        (format!("Hạn gửi: ngày {}, gửi về {}.", vn::date(ctx.deadline), standing), &f.text),
        (
            format!(
                "Nội dung: {} nhiệm vụ chủ trì, {} nhiệm vụ phối hợp, {} chỉ tiêu theo dõi.",
                a.leads.len(),
                a.coordinates.len(),
                a.indicators.len()
            ),
            &f.text,
        ),
        (String::new(), &f.text),
        ("Cách điền:".to_owned(), &f.text),
        (
            format!(
                "1. Trang «{SHEET_TASKS}»: với mỗi nhiệm vụ, chọn «Tình trạng» trong danh sách; nếu đã hoàn thành, ghi «Ngày hoàn thành» (ngày/tháng/năm); ghi kết quả cụ thể, số và tên văn bản đã ban hành; khó khăn, vướng mắc và đề xuất nếu có."
            ),
            &f.text,
        ),
        (
            format!(
                "2. Trang «{SHEET_INDICATORS}»: ghi kết quả kỳ này của từng chỉ tiêu (số: dùng dấu phẩy thập phân, ví dụ 95,5; chỉ tiêu mô tả: ghi bằng lời), nguồn số liệu và ghi chú."
            ),
            &f.text,
        ),
        (
            format!(
                "3. Trang «{SHEET_REPORT}»: ghi kết quả nổi bật; các văn bản chỉ đạo, triển khai đã ban hành (số, ngày, trích yếu); khó khăn và nguyên nhân (khách quan, chủ quan); đề xuất (nêu rõ đề nghị cơ quan nào) và nhiệm vụ trọng tâm kỳ tới; có thể xuống dòng, dùng «- » đầu dòng để liệt kê và **hai dấu sao** để in đậm. Ghi người lập biểu, điện thoại và ngày gửi."
            ),
            &f.text,
        ),
        (
            "4. Chỉ điền vào các ô trắng; các ô nền xám được khóa. Không đổi tên, thêm hay xóa trang tính, dòng, cột. Lưu tệp dạng Excel (.xlsx) và gửi lại nguyên tệp.".to_owned(),
            &f.text,
        ),
        (
            "5. Gõ tiếng Việt bằng bảng mã Unicode. Nếu lỡ dùng TCVN3 (.VnTime) hay VNI, chương trình sẽ tự chuyển và báo lại ô đã chuyển.".to_owned(),
            &f.text,
        ),
    ];
    for (row, (text, format)) in lines.iter().enumerate() {
        ws.write_string_with_format(row as u32, 0, text, format).map_err(xlsx)?;
        ws.set_row_height(row as u32, fit_height(&[(text, GUIDE_WIDTH * 0.95)])).map_err(xlsx)?;
    }
    print_setup(ws, None)?;
    ws.set_portrait();
    protect(ws);
    Ok(())
}

fn subtitle(ctx: &Context, a: &Assignment) -> String {
    crate::form::subtitle(&a.agency.name, &ctx.period)
}

/// A date cell: from the plan's date on, typed as day/month/year.
fn date_check(ctx: &Context, title: &str) -> Result<DataValidation, Error> {
    let rule = DataValidationRule::Between(
        excel_date(ctx.plan.info.date)?,
        ExcelDateTime::from_ymd(2100, 12, 31).map_err(xlsx)?,
    );
    DataValidation::new()
        .allow_date(rule)
        .set_input_title(title)
        .and_then(|v| v.set_input_message("Ghi ngày/tháng/năm, ví dụ 30/06/2025."))
        .and_then(|v| v.set_error_title("Ngày không hợp lệ"))
        .and_then(|v| v.set_error_message("Cần một ngày dạng ngày/tháng/năm, sau ngày ban hành kế hoạch."))
        .map_err(xlsx)
}

/// Title, subtitle and header rows shared by the task and indicator sheets.
fn sheet_head(
    ws: &mut Worksheet,
    f: &Formats,
    title: &str,
    sub: &str,
    headers: &[(&str, f64)],
) -> Result<(), Error> {
    let last = (headers.len() - 1) as u16;
    ws.merge_range(0, 0, 0, last, title, &f.title).map_err(xlsx)?;
    ws.merge_range(1, 0, 1, last, sub, &f.subtitle).map_err(xlsx)?;
    for (col, (header, width)) in headers.iter().enumerate() {
        ws.set_column_width(col as u16, *width).map_err(xlsx)?;
        ws.write_string_with_format(HEADER_ROW, col as u16, *header, &f.header).map_err(xlsx)?;
    }
    ws.set_row_height(HEADER_ROW, 36).map_err(xlsx)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 2).map_err(xlsx)?;
    print_setup(ws, Some(HEADER_ROW))
}

/// The rows of the task sheet: the tasks the agency leads, then those it
/// coordinates, from the row under the header.
fn task_rows<'a>(a: &Assignment<'a>) -> impl Iterator<Item = (u32, &'a crate::plan::Task, Role)> {
    a.leads
        .iter()
        .map(|&t| (t, Role::Lead))
        .chain(a.coordinates.iter().map(|&t| (t, Role::Coordinator)))
        .enumerate()
        .map(|(i, (t, role))| (HEADER_ROW + 1 + i as u32, t, role))
}

fn task_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &Context,
    a: &Assignment,
    prefill: &Prefill,
) -> Result<(), Error> {
    ws.set_name(SHEET_TASKS).map_err(xlsx)?;
    let headers: Vec<(&str, f64)> = TaskCol::ALL.iter().map(|c| (c.header(), c.width())).collect();
    let sub = subtitle(ctx, a);
    sheet_head(ws, f, TITLE_TASKS, &sub, &headers)?;
    if !prefill.task_notes.is_empty() {
        legend(ws, f, (headers.len() - 1) as u16)?;
    }
    let date_check = date_check(ctx, TaskCol::Completed.header())?;
    let status_check = |recurring: bool| -> Result<DataValidation, Error> {
        let name = if recurring { LIST_RECURRING } else { LIST_ONE_OFF };
        DataValidation::new()
            .allow_list_formula(Formula::new(format!("={name}")))
            .set_error_title("Tình trạng không hợp lệ")
            .and_then(|v| v.set_error_message("Hãy chọn một tình trạng trong danh sách."))
            .map_err(xlsx)
    };
    for (row, task, role) in task_rows(a) {
        let lead = task.lead.iter().map(|id| ctx.plan.agency_name(id)).collect::<Vec<_>>().join("; ");
        let cells = [
            (TaskCol::Number, task.number.to_string()),
            (TaskCol::Name, task.name.clone()),
            (TaskCol::Role, role.label().to_owned()),
            (TaskCol::Lead, lead),
            (TaskCol::Expected, task.result.clone()),
            (TaskCol::Deadline, task.deadline.printed().to_owned()),
        ];
        let sized: Vec<(&str, f64)> = cells.iter().map(|(c, t)| (t.as_str(), c.width())).collect();
        ws.set_row_height(row, fit_height(&sized)).map_err(xlsx)?;
        for (col, text) in cells {
            let format = if matches!(col, TaskCol::Number | TaskCol::Role | TaskCol::Deadline) {
                &f.locked_center
            } else {
                &f.locked
            };
            ws.write_string_with_format(row, col.index(), text, format).map_err(xlsx)?;
        }
        if let Some(note) = prefill.task_notes.get(&task.number) {
            prefill_note(ws, row, TaskCol::Status.index(), note)?;
        }
        let status_col = TaskCol::Status.index();
        ws.add_data_validation(
            row,
            status_col,
            row,
            status_col,
            &status_check(task.deadline.is_recurring())?,
        )
        .map_err(xlsx)?;
        let date_col = TaskCol::Completed.index();
        ws.add_data_validation(row, date_col, row, date_col, &date_check).map_err(xlsx)?;
    }
    protect(ws);
    Ok(())
}

/// The task sheet's input cells: status, completion date, result,
/// difficulties, proposals.
fn task_inputs(
    ws: &mut Worksheet,
    f: &Formats,
    a: &Assignment,
    entries: &Entries,
    prefill: &Prefill,
) -> Result<(), Error> {
    for (row, task, _) in task_rows(a) {
        let entry = entries.tasks.get(&task.number).cloned().unwrap_or_default();
        let note = prefill.task_notes.get(&task.number);
        for col in TaskCol::ALL.into_iter().filter(|c| c.is_input()) {
            let kind = match col {
                TaskCol::Completed => Input::Date,
                TaskCol::Status => Input::General,
                _ => Input::Text,
            };
            let (c, format) = (col.index(), f.input_for(note, kind));
            let text = match col {
                TaskCol::Status => &entry.status,
                TaskCol::Achieved => &entry.achieved,
                TaskCol::Difficulties => &entry.difficulties,
                _ => &entry.proposals,
            };
            match (col, entry.completed) {
                (TaskCol::Completed, Some(d)) => {
                    ws.write_datetime_with_format(row, c, excel_date(d)?, format)
                }
                (TaskCol::Completed, None) => ws.write_blank(row, c, format),
                _ if text.is_empty() => ws.write_blank(row, c, format),
                _ => ws.write_string_with_format(row, c, text, format),
            }
            .map_err(xlsx)?;
        }
    }
    Ok(())
}

/// The rows of the indicator sheet, from the row under the header.
fn indicator_rows<'a>(a: &Assignment<'a>) -> impl Iterator<Item = (u32, &'a crate::plan::Indicator)> {
    a.indicators.iter().enumerate().map(|(i, &ind)| (HEADER_ROW + 1 + i as u32, ind))
}

fn indicator_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &Context,
    a: &Assignment,
    prefill: &Prefill,
) -> Result<(), Error> {
    ws.set_name(SHEET_INDICATORS).map_err(xlsx)?;
    let headers: Vec<(&str, f64)> = IndicatorCol::ALL.iter().map(|c| (c.header(), c.width())).collect();
    let sub = subtitle(ctx, a);
    sheet_head(ws, f, TITLE_INDICATORS, &sub, &headers)?;
    if !prefill.indicator_notes.is_empty() {
        legend(ws, f, (headers.len() - 1) as u16)?;
    }
    let number_check = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e12, 1e12))
        .set_input_message("Ghi một số, dùng dấu phẩy thập phân (ví dụ 95,5).")
        .and_then(|v| v.set_error_message("Chỉ tiêu này cần một số."))
        .map_err(xlsx)?;
    let rank_check = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1))
        .set_input_message("Ghi thứ hạng (số nguyên, 1 là cao nhất).")
        .and_then(|v| v.set_error_message("Thứ hạng là một số nguyên từ 1 trở lên."))
        .map_err(xlsx)?;
    for (row, ind) in indicator_rows(a) {
        let cells = [
            (IndicatorCol::Number, ind.number.to_string()),
            (IndicatorCol::Name, ind.name.clone()),
            (IndicatorCol::Unit, ind.unit.clone()),
            (IndicatorCol::Target, ind.target.printed().to_owned()),
        ];
        let sized: Vec<(&str, f64)> = cells.iter().map(|(c, t)| (t.as_str(), c.width())).collect();
        ws.set_row_height(row, fit_height(&sized)).map_err(xlsx)?;
        for (col, text) in cells {
            let format = if col == IndicatorCol::Name { &f.locked } else { &f.locked_center };
            ws.write_string_with_format(row, col.index(), text, format).map_err(xlsx)?;
        }
        if let Some(note) = prefill.indicator_notes.get(&ind.number) {
            prefill_note(ws, row, IndicatorCol::Value.index(), note)?;
        }
        let col = IndicatorCol::Value.index();
        match ind.target.kind() {
            TargetKind::RankAtMost { .. } => ws.add_data_validation(row, col, row, col, &rank_check),
            TargetKind::Qualitative | TargetKind::None | TargetKind::Unrecognised => Ok(&mut *ws),
            _ => ws.add_data_validation(row, col, row, col, &number_check),
        }
        .map_err(xlsx)?;
    }
    protect(ws);
    Ok(())
}

/// The indicator sheet's input cells: value, source, note.
fn indicator_inputs(
    ws: &mut Worksheet,
    f: &Formats,
    a: &Assignment,
    entries: &Entries,
    prefill: &Prefill,
) -> Result<(), Error> {
    for (row, ind) in indicator_rows(a) {
        let entry = entries.indicators.get(&ind.number).cloned().unwrap_or_default();
        let note = prefill.indicator_notes.get(&ind.number);
        let (input, text) = (f.input_for(note, Input::General), f.input_for(note, Input::Text));
        for col in IndicatorCol::ALL.into_iter().filter(|c| c.is_input()) {
            let c = col.index();
            match (col, &entry.value) {
                (IndicatorCol::Value, Some(Value::Number(v))) => {
                    ws.write_number_with_format(row, c, *v, input)
                }
                (IndicatorCol::Value, Some(Value::Text(t))) => ws.write_string_with_format(row, c, t, input),
                (IndicatorCol::Source, _) if !entry.source.is_empty() => {
                    ws.write_string_with_format(row, c, &entry.source, text)
                }
                (IndicatorCol::Note, _) if !entry.note.is_empty() => {
                    ws.write_string_with_format(row, c, &entry.note, text)
                }
                (IndicatorCol::Source | IndicatorCol::Note, _) => ws.write_blank(row, c, text),
                _ => ws.write_blank(row, c, input),
            }
            .map_err(xlsx)?;
        }
    }
    Ok(())
}

fn report_sheet(ws: &mut Worksheet, f: &Formats, ctx: &Context, a: &Assignment) -> Result<(), Error> {
    ws.set_name(SHEET_REPORT).map_err(xlsx)?;
    ws.set_column_width(0, 28).map_err(xlsx)?;
    ws.set_column_width(1, 110).map_err(xlsx)?;
    ws.merge_range(0, 0, 0, 1, TITLE_REPORT, &f.title).map_err(xlsx)?;
    let sub = subtitle(ctx, a);
    ws.merge_range(1, 0, 1, 1, &sub, &f.subtitle).map_err(xlsx)?;
    let hint = REPORT_HINT;
    ws.merge_range(2, 0, 2, 1, hint, &f.subtitle).map_err(xlsx)?;
    let date_check = date_check(ctx, Section::SentOn.label())?;
    for s in Section::ALL {
        ws.write_string_with_format(s.row(), 0, s.label(), &f.label).map_err(xlsx)?;
        ws.set_row_height(s.row(), if s.is_narrative() { 150 } else { 22 }).map_err(xlsx)?;
        if s == Section::SentOn {
            ws.add_data_validation(s.row(), 1, s.row(), 1, &date_check).map_err(xlsx)?;
        }
    }
    print_setup(ws, None)?;
    protect(ws);
    Ok(())
}

/// The report sheet's input cells: the date sent and the narrative sections.
fn report_inputs(ws: &mut Worksheet, f: &Formats, entries: &Entries) -> Result<(), Error> {
    for s in Section::ALL {
        match (s, entries.sent_on, entries.sections.get(&s)) {
            (Section::SentOn, Some(d), _) => {
                ws.write_datetime_with_format(s.row(), 1, excel_date(d)?, &f.input.date)
            }
            (Section::SentOn, None, _) => ws.write_blank(s.row(), 1, &f.input.date),
            (_, _, Some(text)) if !text.is_empty() => {
                ws.write_string_with_format(s.row(), 1, text, &f.input.text)
            }
            _ => ws.write_blank(s.row(), 1, &f.input.text),
        }
        .map_err(xlsx)?;
    }
    Ok(())
}

fn stamp_sheet(ws: &mut Worksheet, ctx: &Context, a: &Assignment) -> Result<(), Error> {
    ws.set_name(SHEET_STAMP).map_err(xlsx)?;
    let stamp = [
        (STAMP_PLAN, ctx.plan.info.code.clone()),
        (STAMP_FINGERPRINT, ctx.plan.fingerprint()),
        (STAMP_AGENCY, a.agency.id.to_string()),
        (STAMP_PERIOD, ctx.period.id()),
        (STAMP_VERSION, TEMPLATE_VERSION.to_owned()),
    ];
    for (row, (key, value)) in stamp.iter().enumerate() {
        ws.write_string(row as u32, 0, *key).map_err(xlsx)?;
        ws.write_string(row as u32, 1, value).map_err(xlsx)?;
    }
    for (row, s) in Status::ONE_OFF.iter().enumerate() {
        ws.write_string(row as u32, 3, s.label()).map_err(xlsx)?;
    }
    for (row, s) in Status::RECURRING.iter().enumerate() {
        ws.write_string(row as u32, 4, s.label()).map_err(xlsx)?;
    }
    ws.set_hidden(true);
    protect(ws);
    Ok(())
}
