//! Imports a plan from its published text, or from its Word file or a
//! workbook of its tables, which `source` turns into that text first.
//!
//! The text is what legal-document sites publish: a header block of `Khóa |
//! giá trị |` lines, the body, then the appendix tables with one cell per
//! line, each cell ending in ` |` and sometimes running over several lines.
//! Sites also duplicate blocks of the body and lose numbers and group
//! headings; the importer keeps what is printed, says what it could not place
//! and never drops a row: a row it cannot read goes to `[[unplaced]]` with
//! its line number.

use std::collections::HashMap;
use std::ops::Range;

use super::Appendix;
use super::agency::Registry;
use super::files::{IndicatorsFile, PlanRecord, TasksFile};
use super::ids::RowNumber;
use crate::diag::{Diagnostic, Location};
use crate::text::{clean, fold};

mod docx;
mod heading;
mod info;
mod layout;
mod odt;
mod plain;
mod rows;
mod source;
mod spaced;
mod standing;
mod workbook;

pub use source::{Form, Origin, PlanText, read_plan};

use info::key_value;
use layout::{block_start, cells, header_column, title_block_start};

/// What the importer made of a text, ready to be written as plan files.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: PlanRecord,
    pub indicators: IndicatorsFile,
    pub tasks: TasksFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Agency names the registry did not know, in the order first met,
    /// with where each was first found (each is also an error above).
    pub unknown: Vec<(String, Location)>,
    /// Whom the standing agency reports to, as the plan says it
    /// («báo cáo Thủ tướng Chính phủ»): the report's «Kính gửi».
    pub reports_to: Option<String>,
}

impl Imported {
    pub fn indicator_count(&self) -> usize {
        self.indicators.group.iter().map(|g| g.indicator.len()).sum()
    }

    pub fn task_count(&self) -> usize {
        self.tasks.group.iter().map(|g| g.task.len()).sum()
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Why the text is not a plan at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAPlan(pub String);

/// One cell of a table and the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cell {
    text: String,
    line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TableKind {
    Indicators,
    Tasks,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Number,
    Name,
    Unit,
    Target,
    Tracking,
    Lead,
    Coordinators,
    Result,
    Deadline,
    /// A column the plan files have no field for («Ghi chú», a second
    /// «Cơ quan phối hợp»): its values are said, one by one, not dropped.
    Extra,
}

impl Column {
    /// The column's usual heading, for messages.
    fn label(self) -> &'static str {
        match self {
            Column::Number => "TT",
            Column::Name => "Chỉ tiêu / Nhiệm vụ",
            Column::Unit => "Đơn vị tính",
            Column::Target => "Kết quả / Mục tiêu",
            Column::Tracking => "Cơ quan chủ trì theo dõi",
            Column::Lead => "Cơ quan chủ trì",
            Column::Coordinators => "Cơ quan phối hợp",
            Column::Result => "Kết quả / Sản phẩm",
            Column::Deadline => "Thời gian hoàn thành",
            Column::Extra => "(cột khác)",
        }
    }
}

struct Table {
    kind: TableKind,
    title: Appendix,
    columns: Vec<Column>,
    /// The header row as printed.
    headings: Vec<String>,
    /// The cells after the header row.
    cells: Vec<Cell>,
}

struct Importer<'a> {
    file: &'a str,
    /// Where each line came from when the text was made from a Word
    /// document or a workbook (empty for a published text).
    origins: &'a [Origin],
    registry: &'a Registry,
    /// The standing agency named by the user (`--standing`), over what the
    /// text says.
    standing: Option<&'a str>,
    /// Names not in the registry, in the order first met, with the lines
    /// they are on: said once each at the end, not once per row.
    unknown: Vec<(String, Vec<usize>)>,
    reports_to: Option<String>,
    diags: Vec<Diagnostic>,
}

/// Imports `text` (named `file` in messages), resolving agency names with
/// `registry`.
pub fn import(file: &str, text: &str, registry: &Registry) -> Result<Imported, NotAPlan> {
    import_with(file, text, registry, None)
}

/// [`import`], with the standing agency given by name when the text does
/// not say it in a way the importer knows.
pub fn import_with(
    file: &str,
    text: &str,
    registry: &Registry,
    standing: Option<&str>,
) -> Result<Imported, NotAPlan> {
    import_from(file, &PlanText::published(text.to_owned()), registry, standing)
}

/// Imports a plan read by [`read_plan`]: messages name the table cell or
/// paragraph of the Word document or workbook a line was made from.
pub fn import_from(
    file: &str,
    source: &PlanText,
    registry: &Registry,
    standing: Option<&str>,
) -> Result<Imported, NotAPlan> {
    // Tables copied from Word, a PDF or a web page, in the published layout.
    let normalized = plain::tables_as_cells(&source.text);
    let text = normalized.as_deref().unwrap_or(&source.text);
    let mut lines: Vec<&str> = text.lines().collect();
    // Footnotes ("[1] Tuyên truyền …") follow the last table; they belong to
    // the body, not to the table's last cell.
    let mut footnotes = Vec::new();
    for line in lines.iter_mut() {
        if is_footnote(line) {
            footnotes.push(clean(line));
            *line = "";
        }
    }
    let mut imp = Importer {
        file,
        origins: &source.origins,
        registry,
        standing,
        unknown: Vec::new(),
        reports_to: None,
        diags: source.diagnostics.clone(),
    };
    let table_starts: Vec<usize> = (0..lines.len()).filter(|&i| is_header_start(lines[i])).collect();
    let body_end = table_starts.first().map(|&s| block_start(&lines, s)).unwrap_or(lines.len());
    imp.report_duplicate_blocks(&lines[..body_end]);
    let mut tables = Vec::new();
    for (k, &start) in table_starts.iter().enumerate() {
        let end = table_starts.get(k + 1).map(|&next| block_start(&lines, next)).unwrap_or(lines.len());
        let title_from = title_block_start(&lines, start);
        if let Some(t) = imp.table(&lines, title_from..start, start..end) {
            tables.push(t);
        }
    }
    if !tables.iter().any(|t| t.kind == TableKind::Tasks)
        && !tables.iter().any(|t| t.kind == TableKind::Indicators)
    {
        let advice = match source.form {
            Form::Published => {
                "cần văn bản kế hoạch có các bảng, mỗi ô một dòng kết thúc bằng « |», dòng tiêu đề bảng bắt đầu bằng «TT |»"
            }
            Form::Word => {
                "cần các phụ lục là bảng Word (không phải ảnh chụp hay chữ căn bằng dấu cách), hàng tiêu đề bắt đầu bằng ô «TT» hoặc «STT», có cột «Chỉ tiêu» hoặc «Nhiệm vụ»"
            }
            Form::Workbook => {
                "cần một trang tính có dòng tiêu đề bắt đầu bằng ô «TT» hoặc «STT», có cột «Chỉ tiêu» hoặc «Nhiệm vụ», «Cơ quan chủ trì»"
            }
        };
        return Err(NotAPlan(format!(
            "không tìm thấy bảng chỉ tiêu (Phụ lục I) hay bảng nhiệm vụ (Phụ lục II) — {advice}"
        )));
    }
    let mut indicators = IndicatorsFile::default();
    let mut tasks = TasksFile::default();
    let mut appendices = (Appendix::default(), Appendix::default());
    for t in tables {
        match t.kind {
            TableKind::Indicators => {
                if appendices.0 == Appendix::default() {
                    appendices.0 = t.title.clone();
                }
                imp.indicator_rows(&t, &mut indicators);
            }
            TableKind::Tasks => {
                if appendices.1 == Appendix::default() {
                    appendices.1 = t.title.clone();
                }
                imp.task_rows(&t, &mut tasks);
            }
        }
    }
    // A plan of tasks only (or of indicators only) is a plan: said, not refused.
    for (kind, found) in [
        ("bảng chỉ tiêu (Phụ lục I)", !indicators.group.is_empty()),
        ("bảng nhiệm vụ (Phụ lục II)", !tasks.group.is_empty()),
    ] {
        if !found {
            imp.diags.push(Diagnostic::warning(
                Location::file(file),
                format!(
                    "không tìm thấy {kind} — kế hoạch được nhập không có bảng này; nếu văn bản có, có thể tệp đã bị cắt ngắn"
                ),
            ));
        }
    }
    let mut plan = imp.plan_info(&lines[..body_end], &lines, appendices)?;
    plan.footnotes = footnotes;
    imp.say_unknown();
    let unknown = imp.unknown.iter().map(|(name, lines)| (name.clone(), imp.at(lines[0]))).collect();
    Ok(Imported { plan, indicators, tasks, diagnostics: imp.diags, unknown, reports_to: imp.reports_to })
}

/// The province the plan belongs to, from `Cơ quan ban hành | Tỉnh Cà Mau |`
/// or else from the place of the date line (`Cà Mau, ngày …`). The agency
/// registry needs it before the import to recognise "… tỉnh Cà Mau".
pub fn province_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().take(60).collect();
    let is_issuer = |k: &str| k == "co quan ban hanh" || k == "noi ban hanh";
    let issued_by = lines
        .iter()
        .filter_map(|l| key_value(l))
        .chain(
            lines
                .iter()
                .position(|l| l.trim().ends_with(':'))
                .map_or_else(Vec::new, |i| heading::colon_pairs(&lines[i..])),
        )
        .find(|(k, _)| is_issuer(k))
        .map(|(_, v)| v);
    if issued_by.as_deref().is_some_and(heading::is_central) {
        return String::new();
    }
    if let Some(p) =
        issued_by.as_deref().and_then(|v| v.strip_prefix("Tỉnh ").or_else(|| v.strip_prefix("tỉnh ")))
    {
        return p.to_owned();
    }
    // A plan of the Government, a ministry or a central Party body belongs
    // to no province: Hà Nội is only where it was signed.
    let first =
        lines.iter().map(|l| heading::issuer_part(l.trim_end_matches('|').trim())).find(|l| !l.is_empty());
    if first.is_some_and(heading::is_central) {
        return String::new();
    }
    lines
        .iter()
        .find_map(|l| l.contains(", ngày ").then(|| heading::place_of(l)).flatten())
        .unwrap_or_default()
}

/// The first cell of a table's header row: `TT |`, `STT |`, alone on its
/// line or with the other headings after it.
fn is_header_start(line: &str) -> bool {
    line.split_once('|').is_some_and(|(first, _)| matches!(fold(first).as_str(), "tt" | "stt" | "so tt"))
}

/// `[1] Tuyên truyền thông qua …`: a footnote line of the published text.
fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    !t.contains('|')
        && t.strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

impl Importer<'_> {
    fn at(&self, line: usize) -> Location {
        match self.origins.get(line.wrapping_sub(1)) {
            Some(o) => o.location(self.file),
            None => Location::line(self.file, line),
        }
    }

    /// A line as the user finds it: «dòng 12» of a text, «bảng 3 › hàng 5,
    /// cột 2» of a Word document, «Nhiệm vụ › B7» of a workbook.
    fn place(&self, line: usize) -> String {
        match self.origins.get(line.wrapping_sub(1)) {
            Some(o) => o.to_string(),
            None => format!("dòng {line}"),
        }
    }

    fn warn(&mut self, line: usize, message: String) {
        self.diags.push(Diagnostic::warning(self.at(line), message));
    }

    fn error(&mut self, line: usize, message: String) {
        self.diags.push(Diagnostic::error(self.at(line), message));
    }

    /// Published texts repeat whole blocks of the body; the repetition is
    /// reported and ignored (the body is only read for the plan's identity).
    fn report_duplicate_blocks(&mut self, body: &[&str]) {
        const MIN_RUN: usize = 5;
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        let mut i = 0;
        while i < body.len() {
            let line = body[i].trim();
            if let Some(&j) = first_seen.get(line).filter(|_| !line.is_empty()) {
                let run = (0..)
                    .take_while(|&k| {
                        j + k < i && i + k < body.len() && body[j + k].trim() == body[i + k].trim()
                    })
                    .count();
                if run >= MIN_RUN {
                    self.warn(
                        i + 1,
                        format!(
                            "{} đến {} lặp lại nguyên văn {} đến {} (lỗi thường gặp của trang đăng văn bản) — đã bỏ qua phần lặp",
                            self.place(i + 1),
                            self.place(i + run),
                            self.place(j + 1),
                            self.place(j + run)
                        ),
                    );
                    i += run;
                    continue;
                }
            }
            first_seen.entry(line).or_insert(i);
            i += 1;
        }
    }

    fn table(&mut self, lines: &[&str], title: Range<usize>, body: Range<usize>) -> Option<Table> {
        let title_lines: Vec<&str> = lines[title.clone()].to_vec();
        let note_at = title_lines.iter().position(|l| l.trim_start().starts_with('('));
        let (t, n) = title_lines.split_at(note_at.unwrap_or(title_lines.len()));
        let appendix = Appendix { title: clean(&t.join(" ")), note: clean(&n.join(" ")) };
        let all = cells(lines, body.clone());
        let folded: Vec<String> = all.iter().take(12).map(|c| fold(&c.text)).collect();
        let task_heading = |f: &String| {
            [
                "ten nhiem vu",
                "nhiem vu",
                "noi dung nhiem vu",
                "co quan phoi hop",
                "phoi hop",
                "co quan chu tri",
                "chu tri",
                "don vi chu tri",
                "don vi phoi hop",
            ]
            .contains(&f.as_str())
        };
        let kind = if folded.iter().any(task_heading) {
            TableKind::Tasks
        } else if folded.iter().any(|f| f == "chi tieu" || f == "ten chi tieu") {
            TableKind::Indicators
        } else {
            self.error(
                body.start + 1,
                format!(
                    "bảng bắt đầu ở {} không phải bảng chỉ tiêu hay nhiệm vụ (tiêu đề cột: {}) — cần một cột «Chỉ tiêu» hoặc «Nhiệm vụ»; bảng này, đến {}, không được nhập",
                    self.place(body.start + 1),
                    all.iter().take(6).map(|c| format!("«{}»", c.text)).collect::<Vec<_>>().join(", "),
                    self.place(body.end.max(body.start + 1))
                ),
            );
            return None;
        };
        let mut columns: Vec<Column> = folded.iter().map_while(|f| header_column(kind, f)).collect();
        // Every cell before the first row is a heading when a row starts
        // right after them: headings the format does not know are columns
        // too, or every row after them would be read one cell off.
        let starts_row =
            |c: &Cell| RowNumber::parse(&c.text).is_some() || layout::group_number(&c.text).is_some();
        let head = all.iter().take(24).take_while(|c| !c.text.is_empty() && !starts_row(c)).count();
        if head > columns.len() && all.get(head).is_some_and(starts_row) {
            columns = all[..head]
                .iter()
                .map(|c| header_column(kind, &fold(&c.text)).unwrap_or(Column::Extra))
                .collect();
        }
        for i in 0..columns.len() {
            if columns[..i].contains(&columns[i]) {
                columns[i] = Column::Extra;
            }
        }
        let extra: Vec<String> = (0..columns.len())
            .filter(|&i| columns[i] == Column::Extra)
            .map(|i| format!("«{}»", all[i].text))
            .collect();
        if !extra.is_empty() {
            self.warn(
                all[0].line,
                format!(
                    "bảng có cột không thuộc mẫu kế hoạch: {} — nội dung các ô của cột này không được nhập, mỗi ô có chữ được báo riêng dưới đây",
                    extra.join(", ")
                ),
            );
        }
        let required: &[Column] = match kind {
            TableKind::Indicators => &[Column::Number, Column::Name, Column::Target],
            TableKind::Tasks => &[Column::Number, Column::Name, Column::Lead],
        };
        for col in required {
            if !columns.contains(col) {
                self.error(
                    body.start + 1,
                    format!(
                        "bảng ở {} thiếu cột «{}» (tiêu đề cột đọc được: {}) — không nhập được bảng này; thêm cột hoặc sửa tiêu đề cột",
                        self.place(body.start + 1),
                        col.label(),
                        all.iter().take(columns.len().max(1)).map(|c| format!("«{}»", c.text)).collect::<Vec<_>>().join(", ")
                    ),
                );
                return None;
            }
        }
        if appendix.title.is_empty() {
            self.warn(
                body.start + 1,
                "bảng không có dòng tên phụ lục ngay phía trên (như «DANH MỤC CÁC NHIỆM VỤ …») — tên để trống; điền `title` của phụ lục trong ke-hoach.toml".into(),
            );
        }
        let headings = all[..columns.len()].iter().map(|c| c.text.clone()).collect();
        let cells = all[columns.len()..].to_vec();
        Some(Table { kind, title: appendix, columns, headings, cells })
    }
}
