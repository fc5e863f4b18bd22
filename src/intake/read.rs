//! Reads one returned workbook (.xlsx, .xlsm, .xls, .ods) and checks it
//! against the plan: whose it is, which sheet is which part of the form,
//! then every row.
//!
//! Nothing in a workbook is trusted: Excel's validation is bypassed by a
//! paste, and a clerk may rename, copy or rebuild a sheet. Every value is
//! re-checked; every problem becomes a diagnostic that names file, sheet and
//! cell; a bad row never stops the next; text typed in TCVN3 or VNI is
//! converted and reported; nothing typed is dropped without a word.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use calamine::{Data, DataType};

use super::cells::{Keyboard, Reading};
use super::identity::{self, Claim, Source};
use super::indicators::{self, IndicatorRows};
use super::locate::{self, Form, Sheet, candidates};
use super::report_sheet::{self, ReportRows};
use super::tasks::{self, TaskRows};
use crate::book::formats::{MAX_COLS, MAX_ROWS};
use crate::book::{Book, Cells, Format, OpenError};
use crate::diag::{Diagnostic, Location, cell_name};
use crate::form::{
    Entries, IndicatorEntry, PREFILL_LEGEND, READABLE_VERSIONS, REPORT_HINT, Role, SHEET_STAMP, STAMP_AGENCY,
    STAMP_FINGERPRINT, STAMP_PERIOD, STAMP_PLAN, STAMP_VERSION, Status, TITLE_INDICATORS, TITLE_REPORT,
    TITLE_TASKS, TaskCol, is_prefill_note, subtitle,
};
use crate::period::Period;
use crate::plan::Plan;
use crate::plan::assign::assignment;
use crate::plan::ids::{AgencyId, IndicatorNo, TaskNo};

/// A workbook that was read: what it says and what was wrong with it.
#[derive(Debug, Clone)]
pub struct Submission {
    /// The file as the user named it.
    pub file: String,
    pub agency: AgencyId,
    /// Whether the hidden stamp was there.
    pub stamped: bool,
    pub entries: Entries,
    /// Statuses understood from [`crate::form::TaskEntry::status`].
    pub statuses: BTreeMap<TaskNo, Status>,
    pub roles: BTreeMap<TaskNo, Role>,
    /// Where each answer was read, for messages about it after the merge.
    pub places: Places,
    pub diagnostics: Vec<Diagnostic>,
}

/// The cell each task's and indicator's answer was read from.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub tasks: BTreeMap<TaskNo, Location>,
    pub indicators: BTreeMap<IndicatorNo, Location>,
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
    /// Not used at all (not a spreadsheet, another plan or period, nobody's
    /// or several agencies'…): `agencies` are those it may belong to.
    Refused {
        file: String,
        agencies: Vec<AgencyId>,
        diagnostics: Vec<Diagnostic>,
    },
}

/// What every workbook of a run is read against: the plan, the period, and
/// the plan's fingerprint (computed once: it hashes the whole plan).
pub struct Against<'a> {
    pub plan: &'a Plan,
    pub period: Period,
    fingerprint: String,
}

impl<'a> Against<'a> {
    pub fn new(plan: &'a Plan, period: Period) -> Self {
        Against { plan, period, fingerprint: plan.fingerprint() }
    }
}

/// Reads one workbook for `period`. The file name shown in messages is
/// `display`.
pub fn read(path: &Path, display: &str, plan: &Plan, period: Period) -> Outcome {
    match crate::fsx::read_input(path, super::collect::FILE_LIMIT) {
        Ok(bytes) => read_bytes(&bytes, display, plan, period),
        Err(e) => Outcome::Refused {
            file: display.to_owned(),
            agencies: Vec::new(),
            diagnostics: vec![Diagnostic::error(Location::file(display), e.to_string())],
        },
    }
}

/// Reads a workbook already in memory; `display` names it and its
/// extension says which format it is.
pub fn read_bytes(bytes: &[u8], display: &str, plan: &Plan, period: Period) -> Outcome {
    read_in(bytes, display, &[], &Against::new(plan, period))
}

/// [`read_bytes`] for a file found in `folders` under the folder the user
/// named (`["So Tai chinh"]`): a folder named after an agency says whose
/// the file is.
pub fn read_in(bytes: &[u8], display: &str, folders: &[String], against: &Against) -> Outcome {
    crate::guard::contain(|| read_unguarded(bytes, display, folders, against)).unwrap_or_else(|| Outcome::Refused {
        file: display.to_owned(),
        agencies: Vec::new(),
        diagnostics: vec![Diagnostic::error(
            Location::file(display),
            "tệp có cấu trúc bất thường, chương trình không đọc được (lỗi của bộ đọc bảng tính) — hãy mở bằng Excel hoặc LibreOffice, lưu lại dạng .xlsx rồi gửi lại".to_owned(),
        )],
    })
}

fn read_unguarded(bytes: &[u8], display: &str, folders: &[String], against: &Against) -> Outcome {
    let (plan, period) = (against.plan, against.period);
    let mut r = Reading::new(display, plan, period);
    let refuse = |r: Reading, agencies: Vec<AgencyId>| Outcome::Refused {
        file: r.file,
        agencies,
        diagnostics: r.diags,
    };
    let at_file = Location::file(display);
    let Some(format) = Format::of(Path::new(display)) else {
        let ext = Path::new(display).extension().map(|e| e.to_string_lossy().to_string()).unwrap_or_default();
        r.error(at_file, format!(
            "không phải bảng tính chương trình đọc được{} — cần tệp .xlsx, .xlsm, .xls hoặc .ods; hãy mở bằng Excel hay LibreOffice và lưu lại dạng .xlsx",
            if ext.is_empty() { String::new() } else { format!(" (đuôi .{ext})") }
        ));
        return refuse(r, Vec::new());
    };
    let mut book = match Book::open(bytes, format) {
        Ok(b) => b,
        Err(OpenError::Password) => {
            r.error(at_file, "tệp được đặt mật khẩu mở — chương trình không đọc được; hãy đề nghị cơ quan gửi lại bản không đặt mật khẩu".to_owned());
            return refuse(r, Vec::new());
        }
        Err(OpenError::TooLarge(what)) => {
            r.error(at_file, format!("tệp không được đọc: {what}; các tệp khác vẫn được đọc"));
            return refuse(r, Vec::new());
        }
        Err(OpenError::Broken(e)) => {
            r.error(at_file, format!(
                "không mở được bảng tính: tệp bị hỏng, bị cắt dở hoặc không phải tệp {} thật — hãy mở bằng Excel, lưu lại rồi gửi lại (chi tiết kỹ thuật: {e})",
                Path::new(display).extension().map(|e| format!(".{}", e.to_string_lossy())).unwrap_or_default()
            ));
            return refuse(r, Vec::new());
        }
    };
    if let Some(e) = &book.extras_error {
        r.warn(at_file.clone(), format!(
            "không đọc được phần định dạng số và ghi chú của tệp ({e}) — các ô vẫn được đọc, nhưng số ghi dạng phần trăm và ghi chú (comment) có thể không được nhận ra"
        ));
    }
    let mut sheets = Vec::new();
    for name in book.names().to_vec() {
        match book.range(&name) {
            Ok(cells) => {
                set_aside(&mut r, &name, &cells);
                let mut sheet = Sheet::new(name, cells.range);
                sheet.formulas = cells.formulas;
                sheets.push(sheet);
            }
            Err(e) => r.error(
                Location::sheet(display, &name),
                format!("không đọc được trang tính ({e}) — nội dung trang này không được tổng hợp"),
            ),
        }
    }

    // Which plan, period and agency the workbook is for.
    let stamp: Option<HashMap<String, String>> = sheets.iter().find(|s| locate::is_stamp(s)).map(|s| {
        s.range.rows().filter_map(|row| Some((row.first()?.to_string(), row.get(1)?.to_string()))).collect()
    });
    let mut claims = Vec::new();
    if let Some(stamp) = &stamp {
        let get = |k: &str| stamp.get(k).cloned().unwrap_or_default();
        let agency = AgencyId::parse(&get(STAMP_AGENCY)).filter(|id| plan.registry.agency(id).is_some());
        if !check_stamp(&mut r, &get, &against.fingerprint) {
            return refuse(r, agency.into_iter().collect());
        }
        if agency.is_none() {
            r.error(at_file, format!(
                "mã cơ quan «{}» trong biểu mẫu (trang ẩn «{SHEET_STAMP}») không có trong danh mục — tệp không được dùng; hãy gửi cho cơ quan biểu mẫu mới",
                get(STAMP_AGENCY)
            ));
            return refuse(r, Vec::new());
        }
        claims.push(Claim { source: Source::Stamp, agency });
    }
    claims.extend(name_claims(plan, display, folders));
    claims.extend(cell_claims(plan, display, &sheets));
    let located: Vec<(Form, Vec<usize>)> = Form::ALL.iter().map(|f| (*f, candidates(*f, &sheets))).collect();
    let content = typed_tasks(&sheets, &located[0].1);
    let agency = match identity::decide(plan, display, &claims, &content) {
        Ok(a) => a,
        Err(d) => {
            r.diags.push(d);
            let mut agencies: Vec<AgencyId> = claims.iter().filter_map(|c| c.agency.clone()).collect();
            agencies.sort();
            agencies.dedup();
            return refuse(r, agencies);
        }
    };
    let Some(agency_rec) = plan.registry.agency(&agency) else { return refuse(r, vec![agency]) };
    r.agency = agency_rec.name.clone();
    for c in claims.iter().filter(|c| c.agency.is_none()) {
        if let Source::Cell(at, text) = &c.source {
            r.warn(at.clone(), format!(
                "ô ghi «{text}», không khớp tên cơ quan nào trong danh mục — tệp được coi là của {} theo các dấu hiệu khác", agency_rec.name
            ));
        }
    }
    if stamp.is_none() {
        r.warn(at_file.clone(), format!(
            "không có trang «{SHEET_STAMP}» của biểu mẫu (biểu mẫu được làm lại?) — đọc theo tiêu đề cột, coi là của {}, kỳ {}",
            agency_rec.name, period.name()
        ));
    }

    let share = assignment(plan, agency_rec);
    let mut roles = BTreeMap::new();
    for t in &share.leads {
        roles.insert(t.number.clone(), Role::Lead);
    }
    for t in &share.coordinates {
        roles.insert(t.number.clone(), Role::Coordinator);
    }
    let tracked: BTreeSet<IndicatorNo> = share.indicators.iter().map(|i| i.number.clone()).collect();
    let mut forms: Vec<usize> = located.iter().flat_map(|(_, c)| c.iter().copied()).collect();
    forms.sort();
    forms.dedup();
    // Below the template's headers: only what the clerk typed.
    r.keyboard = Keyboard::learn(
        forms
            .iter()
            .map(|&i| (sheets[i].name.as_str(), &sheets[i].range, sheets[i].header.map_or(0, |h| h + 1))),
    );
    let sub_line = subtitle(&agency_rec.name, &period);
    // Before the rows, so that a cell with an error gets no other message.
    let tables: Vec<&str> =
        forms.iter().filter(|&&i| sheets[i].header.is_some()).map(|&i| sheets[i].name.as_str()).collect();
    let mut merged = book.merged(&tables);
    for &i in &forms {
        formulas(&mut r, &sheets[i]);
        sheets[i].merged = merged.remove(&sheets[i].name).unwrap_or_default();
    }

    let mut entries = Entries::default();
    let mut statuses = BTreeMap::new();
    let mut report_rows = None;
    let mut places = Places::default();
    for (form, idx) in &located {
        match form {
            Form::Tasks => {
                let titles = [TITLE_TASKS.to_owned(), sub_line.clone(), PREFILL_LEGEND.to_owned()];
                let rows =
                    choose(&mut r, *form, &sheets, idx, !roles.is_empty(), TaskRows::is_blank, |r, s| {
                        tasks::read(r, s, &roles, &titles)
                    });
                if let Some(rows) = rows {
                    entries.tasks = rows.entries;
                    statuses = rows.statuses;
                    places.tasks = rows.places;
                }
            }
            Form::Indicators => {
                let titles = [TITLE_INDICATORS.to_owned(), sub_line.clone(), PREFILL_LEGEND.to_owned()];
                let mut percent: HashMap<String, HashSet<(u32, u32)>> = HashMap::new();
                for &i in idx {
                    percent.insert(sheets[i].name.clone(), book.percent_cells(&sheets[i].name));
                }
                let blank = |m: &IndicatorRows| m.entries.values().all(|e| *e == IndicatorEntry::default());
                let rows = choose(&mut r, *form, &sheets, idx, !tracked.is_empty(), blank, |r, s| {
                    indicators::read(r, s, &tracked, &percent[&s.name], &titles)
                });
                let rows = rows.unwrap_or_default();
                entries.indicators = rows.entries;
                places.indicators = rows.places;
            }
            Form::Report => {
                let titles = [TITLE_REPORT.to_owned(), sub_line.clone(), REPORT_HINT.to_owned()];
                let rows = choose(&mut r, *form, &sheets, idx, true, ReportRows::is_blank, |r, s| {
                    report_sheet::read(r, &s.name, &s.range, &titles)
                });
                if let Some(rows) = rows {
                    entries.sections = rows.sections.clone();
                    entries.sent_on = rows.sent_on;
                    report_rows = Some(rows);
                }
            }
        }
    }
    if let Some(rows) = &report_rows {
        report_sheet::check_counts(&mut r, rows, &statuses);
    }
    other_sheets(&mut r, &sheets, &forms);
    // The notes `template` puts on prefilled cells are its own, not the clerk's.
    for c in book.comments().iter().filter(|c| c.sheet != SHEET_STAMP && !is_prefill_note(&c.author, &c.text))
    {
        let text = super::cells::clean(&c.text);
        let author =
            if c.author.trim().is_empty() { String::new() } else { format!(" của {}", c.author.trim()) };
        r.warn(Location::cell(display, &c.sheet, c.row, c.col), format!(
            "ô có ghi chú (comment){author}: «{text}» — ghi chú không được tổng hợp; nếu cần đưa vào báo cáo, hãy ghi nội dung vào ô"
        ));
    }
    Outcome::Read(Submission {
        file: display.to_owned(),
        agency,
        stamped: stamp.is_some(),
        entries,
        statuses,
        roles,
        places,
        diagnostics: r.diags,
    })
}

/// Checks plan, period and template version of a stamp; `false` when the
/// workbook is not to be used.
fn check_stamp(r: &mut Reading, get: &dyn Fn(&str) -> String, fingerprint: &str) -> bool {
    let at = Location::sheet(&r.file, SHEET_STAMP);
    let (plan, period) = (r.plan, r.period);
    let mut ok = true;
    if get(STAMP_PLAN) != plan.info.code {
        r.error(
            at.clone(),
            format!(
                "biểu mẫu của kế hoạch «{}», không phải kế hoạch {} đang tổng hợp — tệp không được dùng",
                get(STAMP_PLAN),
                plan.info.code
            ),
        );
        ok = false;
    }
    if get(STAMP_PERIOD) != period.id() {
        let theirs =
            Period::parse(&get(STAMP_PERIOD)).map(|p| p.name()).unwrap_or_else(|_| get(STAMP_PERIOD));
        r.error(at.clone(), format!(
            "biểu mẫu của kỳ «{theirs}», không phải kỳ {} đang tổng hợp — tệp không được dùng; nếu cơ quan gửi nhầm kỳ, hãy đề nghị gửi lại đúng biểu mẫu kỳ này",
            period.name()
        ));
        ok = false;
    }
    if !READABLE_VERSIONS.contains(&get(STAMP_VERSION).as_str()) {
        r.error(at.clone(), format!(
            "biểu mẫu phiên bản «{}», chương trình này đọc phiên bản {} — hãy gửi lại biểu mẫu mới cho cơ quan",
            get(STAMP_VERSION),
            READABLE_VERSIONS.join(", ")
        ));
        ok = false;
    }
    if ok && get(STAMP_FINGERPRINT) != fingerprint {
        r.warn(at, "kế hoạch đã được sửa sau khi phát biểu mẫu này — vẫn đọc, đối chiếu theo số thứ tự (TT) của kế hoạch hiện hành".to_owned());
    }
    ok
}

/// What the file's name and its folders say of whose it is.
fn name_claims(plan: &Plan, display: &str, folders: &[String]) -> Vec<Claim> {
    let path = Path::new(display);
    let stem = path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let file_name = path.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let mut out: Vec<Claim> = identity::agency_of_name(plan, &stem)
        .map(|a| Claim { source: Source::FileName(file_name), agency: Some(a) })
        .into_iter()
        .collect();
    for folder in folders {
        if let Some(a) = identity::agency_of_name(plan, folder) {
            out.push(Claim { source: Source::Folder(folder.clone()), agency: Some(a) });
        }
    }
    out
}

/// "Cơ quan báo cáo" lines in the first rows of any sheet.
fn cell_claims(plan: &Plan, display: &str, sheets: &[Sheet]) -> Vec<Claim> {
    let mut out = Vec::new();
    for s in sheets.iter().filter(|s| !locate::is_stamp(s)) {
        let Some((start_row, start_col)) = s.range.start() else { continue };
        for (row, col, value) in s.range.used_cells() {
            let (row, col) = (start_row + row as u32, start_col + col as u32);
            // The label starts the cell: fold only a cell's first letters.
            let Data::String(text) = value else { continue };
            if row > start_row + 20 || !text.trim_start().starts_with(['C', 'c']) {
                continue;
            }
            let head: String = text.chars().take(16).collect();
            if !crate::text::fold(&head).starts_with("co quan") {
                continue;
            }
            let right = s.range.get_value((row, col + 1)).map(|d| d.to_string());
            let Some(name) = identity::reporting_line(text, right.as_deref()) else { continue };
            let agency = plan.registry.lookup(&name).filter(|id| plan.registry.agency(id).is_some()).cloned();
            out.push(Claim {
                source: Source::Cell(Location::cell(display, &s.name, row, col), name),
                agency,
            });
        }
    }
    out
}

/// The task numbers of rows where something was typed in an input column,
/// on the first task sheet: what the workbook's content says of its agency.
fn typed_tasks(sheets: &[Sheet], task_sheets: &[usize]) -> Vec<TaskNo> {
    let Some(&i) = task_sheets.first() else { return Vec::new() };
    let range = &sheets[i].range;
    let Some(table) = locate::Table::<TaskCol>::find(&sheets[i]) else { return Vec::new() };
    let inputs: Vec<u32> =
        TaskCol::ALL.iter().filter(|c| c.is_input()).filter_map(|c| table.col(*c)).collect();
    let Some(tt) = table.col(TaskCol::Number) else { return Vec::new() };
    let (end_row, _) = range.end().unwrap_or((0, 0));
    (table.header + 1..=end_row)
        .filter(|&row| inputs.iter().any(|&c| range.get_value((row, c)).is_some_and(|d| !d.is_empty())))
        .filter_map(|row| TaskNo::parse(range.get_value((row, tt))?.to_string().trim()))
        .collect()
}

/// Reads the sheets that may hold `form` and keeps one: a copy that is
/// blank or identical is set aside with a warning; two that differ are an
/// error on each, and neither is merged.
#[allow(clippy::too_many_arguments)]
fn choose<T: PartialEq>(
    r: &mut Reading,
    form: Form,
    sheets: &[Sheet],
    idx: &[usize],
    expected: bool,
    is_blank: impl Fn(&T) -> bool,
    mut read_one: impl FnMut(&mut Reading, &Sheet) -> T,
) -> Option<T> {
    let wanted = form.sheet_name();
    if idx.is_empty() {
        if expected {
            r.error(Location::file(&r.file), format!(
                "không có trang «{wanted}» của biểu mẫu — tệp có: {}; nếu trang đã bị đổi tên hay xóa, hãy dùng lại biểu mẫu đã phát",
                locate::list(sheets)
            ));
        }
        return None;
    }
    let mut read: Vec<(usize, T, Vec<Diagnostic>)> = Vec::new();
    for &i in idx {
        let mark = r.diags.len();
        let t = read_one(r, &sheets[i]);
        let diags = r.diags.split_off(mark);
        read.push((i, t, diags));
    }
    let filled: Vec<usize> = (0..read.len()).filter(|&k| !is_blank(&read[k].1)).collect();
    let keep = match filled.as_slice() {
        [] => 0,
        [one] => *one,
        [first, rest @ ..] if rest.iter().all(|&k| read[k].1 == read[*first].1) => *first,
        _ => {
            let names = filled
                .iter()
                .map(|&k| format!("«{}»", sheets[read[k].0].name))
                .collect::<Vec<_>>()
                .join(", ");
            for &k in &filled {
                r.error(Location::sheet(&r.file, &sheets[read[k].0].name), format!(
                    "các trang {names} đều là trang «{wanted}» của biểu mẫu nhưng nội dung khác nhau — không biết trang nào là bản đúng, không trang nào được tổng hợp; hãy giữ một trang, xóa trang thừa rồi gửi lại"
                ));
            }
            return None;
        }
    };
    let (kept, value, diags) = read.swap_remove(keep);
    r.diags.extend(diags);
    let kept_name = &sheets[kept].name;
    if crate::text::fold(kept_name) != crate::text::fold(wanted) {
        r.warn(Location::sheet(&r.file, kept_name), format!(
            "trang «{kept_name}» được đọc như trang «{wanted}» của biểu mẫu (tên trang đã bị đổi hoặc là bản sao)"
        ));
    }
    for (other, value_other, _) in &read {
        let name = &sheets[*other].name;
        let why = if is_blank(value_other) { "chưa điền gì" } else { "có cùng nội dung" };
        r.warn(Location::sheet(&r.file, name), format!(
            "trang «{name}» cũng là trang «{wanted}» của biểu mẫu nhưng {why} — chỉ đọc trang «{kept_name}»"
        ));
    }
    Some(value)
}

/// Reports the cells a sheet holds beyond the box that is read.
fn set_aside(r: &mut Reading, sheet: &str, cells: &Cells) {
    let area = format!("A1:{}", cell_name(MAX_ROWS - 1, MAX_COLS - 1));
    for (row, col, text) in &cells.far {
        r.warn(Location::cell(&r.file, sheet, *row, *col), format!(
            "ô nằm quá xa bảng (ngoài vùng {area} chương trình đọc), có nội dung «{}» — không được tổng hợp; hãy xóa ô này hoặc chuyển nội dung vào bảng",
            super::cells::clean(text)
        ));
    }
    if cells.far_count > cells.far.len() {
        r.warn(
            Location::sheet(&r.file, sheet),
            format!(
                "còn {} ô khác ngoài vùng {area} có nội dung — không được tổng hợp",
                cells.far_count - cells.far.len()
            ),
        );
    }
}

/// Formulas on the form's sheets whose value is missing or changes.
fn formulas(r: &mut Reading, sheet: &Sheet) {
    for (row, col, formula, has_value) in &sheet.formulas {
        if *has_value {
            r.cell_warn(&sheet.name, *row, *col, format!(
                "ô có công thức «={formula}», giá trị đổi mỗi lần mở tệp (ngày hôm nay, số ngẫu nhiên…) — đã đọc giá trị lúc tệp được lưu; hãy gõ thẳng giá trị vào ô"
            ));
        } else {
            r.cell_error(&sheet.name, *row, *col, format!(
                "ô có công thức «={formula}» nhưng tệp không lưu giá trị đã tính (tệp do phần mềm khác tạo, chưa được tính lại) — ô coi như trống; hãy mở tệp bằng Excel hoặc LibreOffice, lưu lại rồi gửi lại"
            ));
        }
    }
}

/// Sheets that are no part of the form but hold something.
fn other_sheets(r: &mut Reading, sheets: &[Sheet], forms: &[usize]) {
    const SHOWN: usize = 5;
    for (i, s) in sheets.iter().enumerate() {
        if forms.contains(&i) || locate::is_stamp(s) {
            continue;
        }
        let Some((start_row, start_col)) = s.range.start() else { continue };
        let guide = locate::is_guide(s);
        let cells: Vec<String> = s
            .range
            .used_cells()
            .filter(|(_, _, v)| !v.is_empty())
            // The guide's own lines are in column A.
            .filter(|(_, c, _)| !guide || start_col + *c as u32 > 0)
            .map(|(row, col, v)| {
                let text = super::cells::clean(&v.to_string());
                format!("{} «{text}»", cell_name(start_row + row as u32, start_col + col as u32))
            })
            .collect();
        if cells.is_empty() {
            continue;
        }
        let shown = cells.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        let more = if cells.len() > SHOWN {
            format!(" và {} ô khác", cells.len() - SHOWN)
        } else {
            String::new()
        };
        let what = if guide {
            "trang hướng dẫn có thêm nội dung"
        } else {
            "trang này không thuộc biểu mẫu, có nội dung"
        };
        r.warn(Location::sheet(&r.file, &s.name), format!(
            "{what}: {shown}{more} — không được tổng hợp; nếu là nội dung báo cáo, hãy chuyển vào đúng trang của biểu mẫu"
        ));
    }
}
