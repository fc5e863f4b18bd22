//! Reads one returned workbook (.xlsx, .xlsm, .xls, .ods) with calamine and
//! checks it against the plan, cell by cell.
//!
//! Nothing in a workbook is trusted: Excel's validation is bypassed by a
//! paste, and a clerk may rebuild a sheet by hand. Every value is re-checked;
//! every problem becomes a diagnostic that names file, sheet and cell; a bad
//! row never stops the next; text typed in TCVN3 or VNI is converted and
//! reported; nothing typed is dropped without a word.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use calamine::{
    Data, DataType, ExcelDateTime, ExcelDateTimeType, Ods, Range, Reader, Sheets, Xls, Xlsx,
    open_workbook_from_rs,
};
use time::{Date, Month};

use super::legacy;
use crate::diag::{Diagnostic, Location};
use crate::form::{
    Entries, IndicatorCol, IndicatorEntry, Role, SHEET_INDICATORS, SHEET_REPORT, SHEET_STAMP, SHEET_TASKS,
    STAMP_AGENCY, STAMP_FINGERPRINT, STAMP_PERIOD, STAMP_PLAN, STAMP_VERSION, Section, Status,
    TEMPLATE_VERSION, TaskCol, TaskEntry, Value,
};
use crate::period::Period;
use crate::plan::assign::assignment;
use crate::plan::ids::{AgencyId, IndicatorNo, TaskNo};
use crate::plan::target::{TargetKind, parse_number};
use crate::plan::{Plan, Task};
use crate::text::fold;
use crate::vn;

/// A workbook that was read: what it says and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The file as the user named it.
    pub file: String,
    pub agency: AgencyId,
    /// Whether the hidden stamp was there.
    pub stamped: bool,
    pub entries: Entries,
    /// Statuses understood from [`TaskEntry::status`].
    pub statuses: BTreeMap<TaskNo, Status>,
    pub roles: BTreeMap<TaskNo, Role>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Submission {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// The result of reading one file.
#[derive(Debug, Clone)]
pub enum Outcome {
    Read(Submission),
    /// Not used at all (not a spreadsheet, another plan or period…).
    Refused {
        file: String,
        agency: Option<AgencyId>,
        diagnostics: Vec<Diagnostic>,
    },
}

struct Reading<'a> {
    file: String,
    plan: &'a Plan,
    period: Period,
    diags: Vec<Diagnostic>,
}

/// Text as a clerk typed it: NFC, Windows line ends folded, ends trimmed.
fn tidy(s: &str) -> String {
    let s = crate::text::nfc(&s.replace("\r\n", "\n"));
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

fn ymd_to_date(y: u16, m: u8, d: u8) -> Option<Date> {
    Date::from_calendar_date(i32::from(y), Month::try_from(m).ok()?, d).ok()
}

/// A date from a cell: a date cell, an Excel serial number, `dd/mm/yyyy`
/// text, or an ISO date (LibreOffice). `Err` holds what was found.
fn cell_date(data: &Data) -> Result<Option<Date>, String> {
    let serial = |v: f64| -> Result<Option<Date>, String> {
        if !(1.0..=2_958_465.0).contains(&v) {
            return Err(v.to_string());
        }
        let (y, m, d, ..) = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
        ymd_to_date(y, m, d).map(Some).ok_or_else(|| v.to_string())
    };
    match data {
        Data::Empty => Ok(None),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            ymd_to_date(y, m, d).map(Some).ok_or_else(|| dt.as_f64().to_string())
        }
        Data::Float(v) => serial(*v),
        Data::Int(v) => serial(*v as f64),
        Data::String(s) | Data::DateTimeIso(s) => {
            let t = s.trim();
            if t.is_empty() {
                return Ok(None);
            }
            if let Some(d) = vn::parse_date(t) {
                return Ok(Some(d));
            }
            let iso: Vec<&str> = t.get(..10).unwrap_or(t).split('-').collect();
            match iso.as_slice() {
                [y, m, d] if y.len() == 4 => {
                    ymd_to_date(y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0))
                        .map(Some)
                        .ok_or_else(|| t.to_owned())
                }
                _ => Err(t.to_owned()),
            }
        }
        other => Err(other.to_string()),
    }
}

/// The 0-based column of each expected header in `row`, compared folded.
fn header_columns(range: &Range<Data>, row: u32, headers: &[&str]) -> Vec<Option<u32>> {
    let (_, end_col) = range.end().unwrap_or((0, 0));
    let found: Vec<(u32, String)> =
        (0..=end_col).filter_map(|c| range.get_value((row, c)).map(|d| (c, fold(&d.to_string())))).collect();
    headers
        .iter()
        .map(|h| {
            let h = fold(h);
            found.iter().find(|(_, f)| *f == h).map(|(c, _)| *c)
        })
        .collect()
}

/// The header row: the first of the top rows with a `TT` cell and `name`.
fn find_header(range: &Range<Data>, name: &str) -> Option<u32> {
    let (start_row, _) = range.start()?;
    (start_row..start_row + 20).find(|&r| {
        let cols = header_columns(range, r, &["TT", name]);
        cols.iter().all(Option::is_some)
    })
}

impl Reading<'_> {
    fn at(&self, sheet: &str, row: u32, col: u32) -> Location {
        Location::cell(&self.file, sheet, row, col)
    }

    fn error(&mut self, at: Location, message: String) {
        self.diags.push(Diagnostic::error(at, message));
    }

    fn warn(&mut self, at: Location, message: String) {
        self.diags.push(Diagnostic::warning(at, message));
    }

    /// The text of a cell, converted from TCVN3/VNI when it was typed so.
    fn text(&mut self, sheet: &str, range: &Range<Data>, row: u32, col: u32) -> String {
        let raw = match range.get_value((row, col)) {
            None | Some(Data::Empty) => return String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(v)) => vn::number(*v).replace('.', "").replace(',', "."),
            Some(Data::Int(v)) => v.to_string(),
            Some(Data::DateTime(_) | Data::DateTimeIso(_)) => {
                match cell_date(range.get_value((row, col)).unwrap_or(&Data::Empty)) {
                    Ok(Some(d)) => vn::date(d),
                    _ => String::new(),
                }
            }
            Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Some(Data::Error(e)) => {
                self.error(self.at(sheet, row, col), format!("ô có lỗi công thức ({e}) — cần một giá trị"));
                return String::new();
            }
            Some(other) => other.to_string(),
        };
        let text = tidy(&raw);
        match legacy::convert(&text) {
            Some((enc, unicode)) => {
                let unicode = tidy(&unicode);
                self.warn(
                    self.at(sheet, row, col),
                    format!(
                        "«{text}» được gõ bằng bảng mã {} — đã chuyển sang Unicode: «{unicode}»",
                        enc.label()
                    ),
                );
                unicode
            }
            None => text,
        }
    }

    /// Reports the cells of `row` outside the known `columns` that hold
    /// something: it would otherwise be lost without a word.
    fn stray_cells(&mut self, sheet: &str, range: &Range<Data>, row: u32, known: &BTreeSet<u32>) {
        let (_, end_col) = range.end().unwrap_or((0, 0));
        for c in 0..=end_col {
            if known.contains(&c) || range.get_value((row, c)).is_none_or(|d| d.is_empty()) {
                continue;
            }
            let text = self.text(sheet, range, row, c);
            if !text.is_empty() {
                self.warn(
                    self.at(sheet, row, c),
                    format!("ô nằm ngoài các cột của biểu mẫu, có nội dung «{text}» — không được tổng hợp; hãy chuyển vào đúng cột"),
                );
            }
        }
    }
}

/// Reads one workbook for `period`. The file name shown in messages is
/// `display`.
pub fn read(path: &Path, display: &str, plan: &Plan, period: Period) -> Outcome {
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&bytes, display, plan, period),
        Err(e) => Outcome::Refused {
            file: display.to_owned(),
            agency: None,
            diagnostics: vec![Diagnostic::error(
                Location::file(display),
                format!("không đọc được tệp ({e})"),
            )],
        },
    }
}

/// Reads a workbook already in memory (read once for its hash and its
/// cells); `display` names it and its extension says which format it is.
pub fn read_bytes(bytes: &[u8], display: &str, plan: &Plan, period: Period) -> Outcome {
    let mut r = Reading { file: display.to_owned(), plan, period, diags: Vec::new() };
    let refuse = |r: Reading, agency: Option<AgencyId>| Outcome::Refused {
        file: r.file,
        agency,
        diagnostics: r.diags,
    };
    let extension =
        Path::new(display).extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if !super::collect::is_spreadsheet(Path::new(display)) {
        r.error(
            Location::file(display),
            "không phải bảng tính — cần tệp .xlsx, .xlsm, .xls hoặc .ods".to_owned(),
        );
        return refuse(r, None);
    }
    let cursor = std::io::Cursor::new(bytes);
    let opened = match extension.as_str() {
        "xls" => open_workbook_from_rs::<Xls<_>, _>(cursor).map(Sheets::Xls).map_err(calamine::Error::Xls),
        "ods" => open_workbook_from_rs::<Ods<_>, _>(cursor).map(Sheets::Ods).map_err(calamine::Error::Ods),
        _ => open_workbook_from_rs::<Xlsx<_>, _>(cursor).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx),
    };
    let mut book = match opened {
        Ok(b) => b,
        Err(e) => {
            r.error(
                Location::file(display),
                format!(
                    "không mở được bảng tính: tệp bị hỏng, bị cắt dở hoặc không phải tệp .{extension} thật — hãy mở bằng Excel, lưu lại rồi gửi lại (chi tiết kỹ thuật: {e})"
                ),
            );
            return refuse(r, None);
        }
    };
    let names = book.sheet_names().to_vec();
    let sheet_name = |wanted: &str| names.iter().find(|n| fold(n) == fold(wanted)).cloned();
    let mut range_of = |name: &str, r: &mut Reading| -> Option<Range<Data>> {
        let actual = sheet_name(name)?;
        match book.worksheet_range(&actual) {
            Ok(range) => Some(range),
            Err(e) => {
                r.error(Location::sheet(display, &actual), format!("không đọc được trang tính ({e})"));
                None
            }
        }
    };

    // Which agency, plan and period the workbook is for.
    let stamp: Option<HashMap<String, String>> = range_of(SHEET_STAMP, &mut r).map(|range| {
        range.rows().filter_map(|row| Some((row.first()?.to_string(), row.get(1)?.to_string()))).collect()
    });
    let agency = match &stamp {
        Some(stamp) => {
            let get = |k: &str| stamp.get(k).map(String::as_str).unwrap_or("");
            let at = Location::sheet(display, SHEET_STAMP);
            let mut refused = false;
            if get(STAMP_PLAN) != plan.info.code {
                r.error(at.clone(), format!(
                    "biểu mẫu của kế hoạch «{}», không phải kế hoạch {} đang tổng hợp — tệp không được dùng",
                    get(STAMP_PLAN), plan.info.code
                ));
                refused = true;
            }
            if get(STAMP_PERIOD) != period.id() {
                let theirs = Period::parse(get(STAMP_PERIOD))
                    .map(|p| p.name())
                    .unwrap_or_else(|_| get(STAMP_PERIOD).to_owned());
                r.error(
                    at.clone(),
                    format!(
                        "biểu mẫu của kỳ «{theirs}», không phải kỳ {} đang tổng hợp — tệp không được dùng",
                        period.name()
                    ),
                );
                refused = true;
            }
            if get(STAMP_VERSION) != TEMPLATE_VERSION {
                r.error(at.clone(), format!(
                    "biểu mẫu phiên bản «{}», chương trình này đọc phiên bản {TEMPLATE_VERSION} — hãy gửi lại biểu mẫu mới cho cơ quan",
                    get(STAMP_VERSION)
                ));
                refused = true;
            }
            if !refused && get(STAMP_FINGERPRINT) != plan.fingerprint() {
                r.warn(at.clone(), "kế hoạch đã được sửa sau khi phát biểu mẫu này — vẫn đọc, đối chiếu theo số thứ tự (TT) của kế hoạch hiện hành".to_owned());
            }
            let agency = AgencyId::parse(get(STAMP_AGENCY)).filter(|id| plan.registry.agency(id).is_some());
            if agency.is_none() {
                r.error(
                    at,
                    format!(
                        "mã cơ quan «{}» trong biểu mẫu không có trong danh mục — tệp không được dùng",
                        get(STAMP_AGENCY)
                    ),
                );
                refused = true;
            }
            if refused {
                return refuse(r, agency);
            }
            agency
        }
        None => {
            // A sheet rebuilt by hand: the file name says whose it is.
            let stem =
                Path::new(display).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            let agency = plan.registry.lookup(&stem).filter(|id| plan.registry.agency(id).is_some()).cloned();
            match &agency {
                Some(id) => r.warn(Location::file(display), format!(
                    "không có trang «{SHEET_STAMP}» của biểu mẫu (biểu mẫu được làm lại?) — đọc theo tiêu đề cột, coi là của {} theo tên tệp, kỳ {}",
                    plan.agency_name(id), period.name()
                )),
                None => {
                    r.error(Location::file(display), format!(
                        "không có trang «{SHEET_STAMP}» của biểu mẫu và tên tệp «{stem}» không phải mã hay tên cơ quan — không biết tệp của cơ quan nào; hãy đặt tên tệp theo mã cơ quan (ví dụ stc.xlsx)"
                    ));
                    return refuse(r, None);
                }
            }
            agency
        }
    };
    let Some(agency) = agency else { return refuse(r, None) };
    let mut sub = Submission {
        file: display.to_owned(),
        agency: agency.clone(),
        stamped: stamp.is_some(),
        entries: Entries::default(),
        statuses: BTreeMap::new(),
        roles: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    let Some(agency_rec) = plan.registry.agency(&agency) else { return refuse(r, Some(agency)) };
    let share = assignment(plan, agency_rec);
    for t in &share.leads {
        sub.roles.insert(t.number.clone(), Role::Lead);
    }
    for t in &share.coordinates {
        sub.roles.insert(t.number.clone(), Role::Coordinator);
    }
    let tracked: BTreeSet<IndicatorNo> = share.indicators.iter().map(|i| i.number.clone()).collect();

    match range_of(SHEET_TASKS, &mut r) {
        Some(range) => read_tasks(&mut r, &range, &mut sub),
        None => r.error(
            Location::file(display),
            format!("không có trang «{SHEET_TASKS}» — cần trang tiến độ nhiệm vụ của biểu mẫu"),
        ),
    }
    match range_of(SHEET_INDICATORS, &mut r) {
        Some(range) => read_indicators(&mut r, &range, &tracked, &mut sub),
        None if tracked.is_empty() => {}
        None => r.error(
            Location::file(display),
            format!("không có trang «{SHEET_INDICATORS}» — cơ quan theo dõi {} chỉ tiêu", tracked.len()),
        ),
    }
    match range_of(SHEET_REPORT, &mut r) {
        Some(range) => read_report(&mut r, &range, &mut sub),
        None => r.warn(
            Location::file(display),
            format!("không có trang «{SHEET_REPORT}» — không có phần tóm tắt, khó khăn, đề xuất"),
        ),
    }
    sub.diagnostics = r.diags;
    Outcome::Read(sub)
}

fn read_tasks(r: &mut Reading, range: &Range<Data>, sub: &mut Submission) {
    let sheet = SHEET_TASKS;
    let Some(header) = find_header(range, TaskCol::Name.header()) else {
        r.error(Location::sheet(&r.file, sheet), format!(
            "không thấy dòng tiêu đề cột (cần các cột «TT», «{}», «{}»…) — trang tính không đúng biểu mẫu",
            TaskCol::Name.header(), TaskCol::Status.header()
        ));
        return;
    };
    let headers: Vec<&str> = TaskCol::ALL.iter().map(|c| c.header()).collect();
    let cols = header_columns(range, header, &headers);
    let col = |c: TaskCol| cols[c.index() as usize];
    if col(TaskCol::Status).is_none() {
        r.error(
            Location::sheet(&r.file, sheet),
            format!("thiếu cột «{}» ở dòng tiêu đề {}", TaskCol::Status.header(), header + 1),
        );
        return;
    }
    let known: BTreeSet<u32> = cols.iter().flatten().copied().collect();
    let (end_row, _) = range.end().unwrap_or((0, 0));
    for row in header + 1..=end_row {
        let read =
            |r: &mut Reading, c: TaskCol| col(c).map(|c| r.text(sheet, range, row, c)).unwrap_or_default();
        let number_text = read(r, TaskCol::Number);
        let mut entry = TaskEntry {
            status: read(r, TaskCol::Status),
            completed: None,
            achieved: read(r, TaskCol::Achieved),
            difficulties: read(r, TaskCol::Difficulties),
            proposals: read(r, TaskCol::Proposals),
        };
        if let Some(c) = col(TaskCol::Completed) {
            match cell_date(range.get_value((row, c)).unwrap_or(&Data::Empty)) {
                Ok(d) => entry.completed = d,
                Err(found) => r.error(r.at(sheet, row, c), format!("ngày hoàn thành «{found}» không đọc được — cần ngày dạng ngày/tháng/năm, ví dụ 30/06/2025")),
            }
        }
        r.stray_cells(sheet, range, row, &known);
        if number_text.is_empty() {
            if !entry.is_empty() {
                r.error(r.at(sheet, row, col(TaskCol::Number).unwrap_or(0)), format!(
                    "dòng {} có nội dung nhưng không có số thứ tự (TT): tình trạng «{}», kết quả «{}» — cần TT của nhiệm vụ",
                    row + 1, entry.status, entry.achieved
                ));
            }
            continue;
        }
        let at_number = r.at(sheet, row, col(TaskCol::Number).unwrap_or(0));
        let Some(number) = TaskNo::parse(&number_text) else {
            r.error(
                at_number,
                format!("TT «{number_text}» không phải số thứ tự nhiệm vụ — cần một số như 27"),
            );
            continue;
        };
        let Some(task) = r.plan.tasks().map(|(_, t)| t).find(|t| t.number == number) else {
            r.error(
                at_number,
                format!(
                    "nhiệm vụ số {number} không có trong kế hoạch {} — cần TT của Phụ lục II",
                    r.plan.info.code
                ),
            );
            continue;
        };
        if !sub.roles.contains_key(&number) {
            r.error(at_number, format!(
                "nhiệm vụ số {number} không giao cho {} (chủ trì hay phối hợp) — nội dung dòng này không được tổng hợp",
                r.plan.agency_name(&sub.agency)
            ));
            continue;
        }
        if sub.entries.tasks.contains_key(&number) {
            r.error(
                at_number,
                format!("nhiệm vụ số {number} xuất hiện lần thứ hai — chỉ dòng đầu tiên được tổng hợp"),
            );
            continue;
        }
        if !entry.is_empty() {
            check_status(
                r,
                sheet,
                row,
                col(TaskCol::Status).unwrap_or(0),
                col(TaskCol::Completed),
                task,
                &entry,
                sub,
            );
        }
        sub.entries.tasks.insert(number, entry);
    }
}

/// Reads the status and checks it against the deadline and the date.
#[allow(clippy::too_many_arguments)]
fn check_status(
    r: &mut Reading,
    sheet: &str,
    row: u32,
    status_col: u32,
    date_col: Option<u32>,
    task: &Task,
    entry: &TaskEntry,
    sub: &mut Submission,
) {
    let at = r.at(sheet, row, status_col);
    if entry.status.is_empty() {
        r.warn(
            at,
            format!(
                "nhiệm vụ {} có nội dung nhưng chưa chọn tình trạng — cần chọn trong danh sách",
                task.number
            ),
        );
        return;
    }
    let Some(mut status) = Status::parse(&entry.status) else {
        let allowed =
            if task.deadline.is_recurring() { &Status::RECURRING[..] } else { &Status::ONE_OFF[..] };
        r.error(
            at,
            format!(
                "tình trạng «{}» không hiểu được — cần một trong: {}",
                entry.status,
                allowed.iter().map(|s| format!("«{}»", s.label())).collect::<Vec<_>>().join(", ")
            ),
        );
        return;
    };
    if status == Status::Ongoing && !task.deadline.is_recurring() {
        r.warn(
            at.clone(),
            format!(
                "«{}» chỉ dùng cho nhiệm vụ thường xuyên; nhiệm vụ {} có thời hạn «{}» — coi như «{}»",
                Status::Ongoing.label(),
                task.number,
                task.deadline.printed(),
                Status::InProgressOnTime.label()
            ),
        );
        status = Status::InProgressOnTime;
    }
    let cut_end = r.period.cutoff().1;
    let due = if task.deadline.is_recurring() { None } else { task.deadline.due() };
    match (status, due, entry.completed) {
        (Status::InProgressOnTime, Some(due), _) if due < cut_end => r.warn(
            at.clone(),
            format!(
                "ghi «{}» nhưng thời hạn {} ({}) đã qua trước ngày chốt số liệu {} — có thể là «{}»",
                status.label(),
                task.deadline.printed(),
                vn::date(due),
                vn::date(cut_end),
                Status::InProgressLate.label()
            ),
        ),
        (Status::DoneOnTime, Some(due), Some(done)) if done > due => r.warn(
            at.clone(),
            format!(
                "ghi «{}» nhưng ngày hoàn thành {} sau thời hạn {} — có thể là «{}»",
                status.label(),
                vn::date(done),
                vn::date(due),
                Status::DoneLate.label()
            ),
        ),
        (Status::DoneLate, Some(due), Some(done)) if done <= due => r.warn(
            at.clone(),
            format!(
                "ghi «{}» nhưng ngày hoàn thành {} không sau thời hạn {}",
                status.label(),
                vn::date(done),
                vn::date(due)
            ),
        ),
        _ => {}
    }
    let date_at = r.at(sheet, row, date_col.unwrap_or(status_col));
    match (status.is_done(), entry.completed) {
        (true, None) => {
            r.warn(date_at, format!("nhiệm vụ {} đã hoàn thành nhưng chưa ghi ngày hoàn thành", task.number))
        }
        (false, Some(d)) => r.warn(
            date_at,
            format!("có ngày hoàn thành {} nhưng tình trạng là «{}»", vn::date(d), status.label()),
        ),
        (true, Some(d)) if d > cut_end => r.warn(
            date_at,
            format!("ngày hoàn thành {} sau ngày chốt số liệu {}", vn::date(d), vn::date(cut_end)),
        ),
        _ => {}
    }
    sub.statuses.insert(task.number.clone(), status);
}

fn read_indicators(
    r: &mut Reading,
    range: &Range<Data>,
    tracked: &BTreeSet<IndicatorNo>,
    sub: &mut Submission,
) {
    let sheet = SHEET_INDICATORS;
    let Some(header) = find_header(range, IndicatorCol::Name.header()) else {
        r.error(Location::sheet(&r.file, sheet), format!(
            "không thấy dòng tiêu đề cột (cần các cột «TT», «{}», «{}»…) — trang tính không đúng biểu mẫu",
            IndicatorCol::Name.header(), IndicatorCol::Value.header()
        ));
        return;
    };
    let headers: Vec<&str> = IndicatorCol::ALL.iter().map(|c| c.header()).collect();
    let cols = header_columns(range, header, &headers);
    let col = |c: IndicatorCol| cols[c.index() as usize];
    let Some(value_col) = col(IndicatorCol::Value) else {
        r.error(
            Location::sheet(&r.file, sheet),
            format!("thiếu cột «{}» ở dòng tiêu đề {}", IndicatorCol::Value.header(), header + 1),
        );
        return;
    };
    let known: BTreeSet<u32> = cols.iter().flatten().copied().collect();
    let (end_row, _) = range.end().unwrap_or((0, 0));
    for row in header + 1..=end_row {
        let read = |r: &mut Reading, c: IndicatorCol| {
            col(c).map(|c| r.text(sheet, range, row, c)).unwrap_or_default()
        };
        let number_text = read(r, IndicatorCol::Number);
        let source = read(r, IndicatorCol::Source);
        let note = read(r, IndicatorCol::Note);
        let cell = range.get_value((row, value_col)).cloned().unwrap_or(Data::Empty);
        let value = match &cell {
            Data::Float(v) => Some(Value::Number(*v)),
            Data::Int(v) => Some(Value::Number(*v as f64)),
            Data::Empty => None,
            _ => {
                let t = r.text(sheet, range, row, value_col);
                if t.is_empty() {
                    None
                } else {
                    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
                    match parse_number(compact.trim_end_matches('%')) {
                        Some(v) => Some(Value::Number(v)),
                        None => Some(Value::Text(t)),
                    }
                }
            }
        };
        r.stray_cells(sheet, range, row, &known);
        let entry = IndicatorEntry { value, source, note };
        if number_text.is_empty() {
            if entry != IndicatorEntry::default() {
                r.error(
                    r.at(sheet, row, col(IndicatorCol::Number).unwrap_or(0)),
                    format!(
                        "dòng {} có nội dung nhưng không có số thứ tự (TT) chỉ tiêu — cần TT của Phụ lục I",
                        row + 1
                    ),
                );
            }
            continue;
        }
        let at_number = r.at(sheet, row, col(IndicatorCol::Number).unwrap_or(0));
        let Some(number) = IndicatorNo::parse(&number_text) else {
            r.error(
                at_number,
                format!("TT «{number_text}» không phải số thứ tự chỉ tiêu — cần dạng 8 hoặc 8.1"),
            );
            continue;
        };
        let Some(indicator) = r.plan.indicators().map(|(_, i)| i).find(|i| i.number == number) else {
            r.error(
                at_number,
                format!(
                    "chỉ tiêu số {number} không có trong kế hoạch {} — cần TT của Phụ lục I",
                    r.plan.info.code
                ),
            );
            continue;
        };
        if !tracked.contains(&number) {
            r.error(
                at_number,
                format!(
                    "chỉ tiêu số {number} không do {} theo dõi — nội dung dòng này không được tổng hợp",
                    r.plan.agency_name(&sub.agency)
                ),
            );
            continue;
        }
        if sub.entries.indicators.contains_key(&number) {
            r.error(
                at_number,
                format!("chỉ tiêu số {number} xuất hiện lần thứ hai — chỉ dòng đầu tiên được tổng hợp"),
            );
            continue;
        }
        let at_value = r.at(sheet, row, value_col);
        match (indicator.target.kind(), &entry.value) {
            (TargetKind::Qualitative | TargetKind::None | TargetKind::Unrecognised, _) | (_, None) => {}
            (TargetKind::RankAtMost { .. }, Some(Value::Number(v))) if v.fract() != 0.0 || *v < 1.0 => r
                .error(
                    at_value,
                    format!("thứ hạng «{}» không hợp lệ — cần một số nguyên từ 1 trở lên", vn::number(*v)),
                ),
            (_, Some(Value::Text(t))) => r.error(
                at_value,
                format!(
                    "kết quả «{t}» của chỉ tiêu {number} không phải một số — cần số (đơn vị: {}), ví dụ 95,5",
                    if indicator.unit.is_empty() { "không ghi" } else { &indicator.unit }
                ),
            ),
            _ => {}
        }
        sub.entries.indicators.insert(number, entry);
    }
}

fn read_report(r: &mut Reading, range: &Range<Data>, sub: &mut Submission) {
    let sheet = SHEET_REPORT;
    let (end_row, end_col) = range.end().unwrap_or((0, 0));
    let mut found: BTreeSet<Section> = BTreeSet::new();
    let labels: Vec<(Section, String)> = Section::ALL.into_iter().map(|s| (s, fold(s.label()))).collect();
    for row in 0..=end_row {
        let label = fold(&range.get_value((row, 0)).map(|d| d.to_string()).unwrap_or_default());
        let Some(section) = labels.iter().find(|(_, l)| *l == label).map(|(s, _)| *s) else {
            // Rows without a label: anything typed in them is reported.
            if row >= Section::FIRST_ROW {
                let known: BTreeSet<u32> = BTreeSet::new();
                r.stray_cells(sheet, range, row, &known);
            }
            continue;
        };
        found.insert(section);
        if section == Section::SentOn {
            match cell_date(range.get_value((row, 1)).unwrap_or(&Data::Empty)) {
                Ok(d) => sub.entries.sent_on = d,
                Err(found) => r.error(
                    r.at(sheet, row, 1),
                    format!("ngày gửi «{found}» không đọc được — cần ngày dạng ngày/tháng/năm"),
                ),
            }
        } else {
            let text = r.text(sheet, range, row, 1);
            if !text.is_empty() {
                sub.entries.sections.insert(section, text);
            }
        }
        let known: BTreeSet<u32> = [0, 1].into();
        if end_col > 1 {
            r.stray_cells(sheet, range, row, &known);
        }
    }
    if found.is_empty() {
        r.warn(
            Location::sheet(&r.file, sheet),
            "không thấy các mục của trang (Kết quả nổi bật, Khó khăn…) ở cột A — phần tóm tắt không được đọc"
                .to_owned(),
        );
    }
}
