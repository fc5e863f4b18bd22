//! Imports a plan from its published text.
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

use super::agency::{AgencyRef, Registry};
use super::deadline::Deadline;
use super::files::{
    IndicatorGroupRecord, IndicatorRecord, IndicatorsFile, PlanRecord, TaskGroupRecord, TaskRecord,
    TasksFile, UnplacedRecord, unspanned,
};
use super::ids::RowNumber;
use super::target::Target;
use super::{Appendix, Cadence, is_roman, roman};
use crate::diag::{Diagnostic, Location};
use crate::text::{clean, fold};

/// What the importer made of a text, ready to be written as plan files.
#[derive(Debug, Clone)]
pub struct Imported {
    pub plan: PlanRecord,
    pub indicators: IndicatorsFile,
    pub tasks: TasksFile,
    pub diagnostics: Vec<Diagnostic>,
    /// Agency names the registry did not know, in the order first met,
    /// with the lines they are on (each is also an error above).
    pub unknown: Vec<(String, Vec<usize>)>,
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
}

struct Table {
    kind: TableKind,
    title: Appendix,
    columns: Vec<Column>,
    /// The cells after the header row.
    cells: Vec<Cell>,
}

struct Importer<'a> {
    file: &'a str,
    registry: &'a Registry,
    /// The standing agency named by the user (`--standing`), over what the
    /// text says.
    standing: Option<&'a str>,
    /// Names not in the registry, in the order first met, with the lines
    /// they are on: said once each at the end, not once per row.
    unknown: Vec<(String, Vec<usize>)>,
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
    let mut imp = Importer { file, registry, standing, unknown: Vec::new(), diags: Vec::new() };
    let table_starts: Vec<usize> = (0..lines.len()).filter(|&i| fold(lines[i]) == "tt").collect();
    let body_end = table_starts.first().map(|&s| title_block_start(&lines, s)).unwrap_or(lines.len());
    imp.report_duplicate_blocks(&lines[..body_end]);
    let mut tables = Vec::new();
    for (k, &start) in table_starts.iter().enumerate() {
        let end = table_starts.get(k + 1).map(|&next| title_block_start(&lines, next)).unwrap_or(lines.len());
        let title_from = title_block_start(&lines, start);
        if let Some(t) = imp.table(&lines, title_from..start, start..end) {
            tables.push(t);
        }
    }
    if !tables.iter().any(|t| t.kind == TableKind::Tasks)
        && !tables.iter().any(|t| t.kind == TableKind::Indicators)
    {
        return Err(NotAPlan(
            "không tìm thấy bảng chỉ tiêu (Phụ lục I) hay bảng nhiệm vụ (Phụ lục II) — cần văn bản kế hoạch có các bảng, mỗi ô một dòng kết thúc bằng « |», dòng tiêu đề bảng bắt đầu bằng «TT |»".into(),
        ));
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
    for (kind, found) in [
        ("bảng chỉ tiêu (Phụ lục I)", !indicators.group.is_empty()),
        ("bảng nhiệm vụ (Phụ lục II)", !tasks.group.is_empty()),
    ] {
        if !found {
            imp.diags.push(Diagnostic::error(
                Location::file(file),
                format!("không tìm thấy {kind} — văn bản có thể bị cắt ngắn"),
            ));
        }
    }
    let mut plan = imp.plan_info(&lines[..body_end], appendices)?;
    plan.footnotes = footnotes;
    imp.say_unknown();
    Ok(Imported { plan, indicators, tasks, diagnostics: imp.diags, unknown: imp.unknown })
}

/// The province the plan belongs to, from `Cơ quan ban hành | Tỉnh Cà Mau |`
/// or else from the place of the date line (`Cà Mau, ngày …`). The agency
/// registry needs it before the import to recognise "… tỉnh Cà Mau".
pub fn province_of(text: &str) -> String {
    let lines: Vec<&str> = text.lines().take(60).collect();
    let issued_by =
        lines.iter().filter_map(|l| key_value(l)).find(|(k, _)| k == "co quan ban hanh").map(|(_, v)| v);
    if let Some(p) =
        issued_by.as_deref().and_then(|v| v.strip_prefix("Tỉnh ").or_else(|| v.strip_prefix("tỉnh ")))
    {
        return p.to_owned();
    }
    lines.iter().find_map(|l| l.split_once(", ngày ").map(|(p, _)| clean(p))).unwrap_or_default()
}

/// `[1] Tuyên truyền thông qua …`: a footnote line of the published text.
fn is_footnote(line: &str) -> bool {
    let t = line.trim_start();
    !t.contains('|')
        && t.strip_prefix('[')
            .and_then(|r| r.split_once(']'))
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The most lines an appendix title takes above its table: label, two or
/// three lines of title, the «(Ban hành kèm theo …)» note.
const TITLE_LINES: usize = 8;

/// The first line of the title block above a table's header line: the lines
/// without `|` just above it ("DANH MỤC …", "(Ban hành kèm theo …)"), at
/// most [`TITLE_LINES`], stopping below an appendix label («PHỤ LỤC I»),
/// a blank line, or a line of body text (a sentence, a signature block), so
/// that a heading the importer does not know never swallows the body.
fn title_block_start(lines: &[&str], header: usize) -> usize {
    let mut i = header;
    while i > 0 && header - i < TITLE_LINES {
        let line = lines[i - 1].trim();
        let collected = lines[i..header].iter().any(|l| !l.trim().is_empty());
        if line.contains('|') || fold(line).starts_with("phu luc") || is_body_line(line) {
            break;
        }
        if line.is_empty() && collected {
            break;
        }
        i -= 1;
    }
    i
}

/// A line of the document's text rather than of a heading: long, or a
/// sentence that ends (headings and their «(…)» notes do not).
fn is_body_line(line: &str) -> bool {
    let note = line.starts_with('(');
    let upper = line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    line.chars().count() > 250 || (!note && !upper && line.ends_with(['.', ';', ':', '/']))
}

/// Splits table lines into cells. A `|` ends a cell; text after the last `|`
/// of a line (or a line without one) continues on the next line.
fn cells(lines: &[&str], range: Range<usize>) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut pending = String::new();
    let mut pending_line = None;
    for i in range {
        let parts: Vec<&str> = lines[i].split('|').collect();
        let last = parts.len() - 1;
        for (k, part) in parts.iter().enumerate() {
            if k == last {
                if !part.trim().is_empty() {
                    pending.push('\n');
                    pending.push_str(part);
                    pending_line.get_or_insert(i + 1);
                }
            } else {
                pending.push('\n');
                pending.push_str(part);
                out.push(Cell { text: clean(&pending), line: pending_line.take().unwrap_or(i + 1) });
                pending.clear();
            }
        }
    }
    if !pending.trim().is_empty() {
        out.push(Cell { text: clean(&pending), line: pending_line.unwrap_or(1) });
    }
    out
}

fn header_column(kind: TableKind, folded: &str) -> Option<Column> {
    use Column::*;
    let c = match folded {
        "tt" | "stt" | "so tt" => Number,
        "chi tieu" | "ten chi tieu" | "noi dung chi tieu" if kind == TableKind::Indicators => Name,
        "ten nhiem vu" | "nhiem vu" | "noi dung nhiem vu" | "noi dung" if kind == TableKind::Tasks => Name,
        "don vi" | "don vi tinh" | "dvt" => Unit,
        "ket qua" | "muc tieu" | "chi tieu can dat" if kind == TableKind::Indicators => Target,
        "ket qua" | "ket qua du kien" | "san pham" | "san pham dau ra" if kind == TableKind::Tasks => Result,
        "co quan phoi hop" | "don vi phoi hop" => Coordinators,
        "thoi gian hoan thanh" | "thoi han" | "thoi han hoan thanh" | "tien do" => Deadline,
        f if f.starts_with("co quan chu tri theo doi") || f.starts_with("co quan theo doi") => Tracking,
        "co quan chu tri" | "don vi chu tri" => Lead,
        _ => return None,
    };
    Some(c)
}

impl Importer<'_> {
    fn at(&self, line: usize) -> Location {
        Location::line(self.file, line)
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
                            "các dòng {}–{} lặp lại nguyên văn các dòng {}–{} (lỗi của trang đăng văn bản) — đã bỏ qua phần lặp",
                            i + 1,
                            i + run,
                            j + 1,
                            j + run
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
        let kind = if folded.iter().any(|f| f == "ten nhiem vu" || f == "nhiem vu" || f == "co quan phoi hop")
        {
            TableKind::Tasks
        } else if folded.iter().any(|f| f == "chi tieu" || f == "ten chi tieu") {
            TableKind::Indicators
        } else {
            self.error(
                body.start + 1,
                format!(
                    "bảng bắt đầu ở dòng {} không phải bảng chỉ tiêu hay nhiệm vụ (tiêu đề cột: {}) — các dòng {}–{} không được nhập",
                    body.start + 1,
                    all.iter().take(6).map(|c| format!("«{}»", c.text)).collect::<Vec<_>>().join(", "),
                    body.start + 1,
                    body.end
                ),
            );
            return None;
        };
        let columns: Vec<Column> = folded.iter().map_while(|f| header_column(kind, f)).collect();
        let required: &[Column] = match kind {
            TableKind::Indicators => &[Column::Number, Column::Name, Column::Target],
            TableKind::Tasks => &[Column::Number, Column::Name, Column::Lead],
        };
        for col in required {
            if !columns.contains(col) {
                self.error(
                    body.start + 1,
                    format!("bảng ở dòng {} thiếu cột {:?} — không nhập được bảng này", body.start + 1, col),
                );
                return None;
            }
        }
        let cells = all[columns.len()..].to_vec();
        Some(Table { kind, title: appendix, columns, cells })
    }

    fn indicator_rows(&mut self, table: &Table, out: &mut IndicatorsFile) {
        let mut seen: HashMap<RowNumber, Vec<String>> = HashMap::new();
        for row in split_rows(table) {
            match row {
                Row::Group { number, title } => out.group.push(IndicatorGroupRecord {
                    number: number.unwrap_or_else(|| roman(out.group.len() + 1)),
                    title,
                    indicator: Vec::new(),
                }),
                Row::Data { number, cells } => {
                    if !self.first_time(&mut seen, &number, &cells, &mut out.unplaced) {
                        continue;
                    }
                    let get = |c: Column| field(table, &cells, c);
                    let unit = get(Column::Unit);
                    let target = get(Column::Target);
                    let parsed = Target::parse(&target, &unit);
                    if !parsed.is_recognised() {
                        self.error(
                            cell_line(table, &cells, Column::Target),
                            format!("chỉ tiêu {number}: không hiểu mục tiêu «{target}» — giữ nguyên văn, cần sửa tay"),
                        );
                    }
                    let tracking = self.agencies(table, &cells, Column::Tracking);
                    if out.group.is_empty() {
                        out.group.push(IndicatorGroupRecord {
                            number: roman(1),
                            title: String::new(),
                            indicator: Vec::new(),
                        });
                    }
                    let group = out.group.last_mut().expect("a group was just ensured");
                    group.indicator.push(unspanned(IndicatorRecord {
                        number: number.to_string(),
                        name: get(Column::Name),
                        unit,
                        target,
                        tracking,
                    }));
                }
                Row::Unplaced { cells, reason } => self.unplaced(&cells, reason, &mut out.unplaced),
            }
        }
        out.group.retain(|g| !(g.title.is_empty() && g.indicator.is_empty()));
    }

    fn task_rows(&mut self, table: &Table, out: &mut TasksFile) {
        let mut seen: HashMap<RowNumber, Vec<String>> = HashMap::new();
        for row in split_rows(table) {
            match row {
                Row::Group { title, .. } => out.group.push(TaskGroupRecord {
                    number: roman(out.group.len() + 1),
                    title,
                    task: Vec::new(),
                }),
                Row::Data { number, cells } => {
                    if !self.first_time(&mut seen, &number, &cells, &mut out.unplaced) {
                        continue;
                    }
                    let get = |c: Column| field(table, &cells, c);
                    let deadline = get(Column::Deadline);
                    if !Deadline::parse(&deadline).is_recognised() {
                        self.error(
                            cell_line(table, &cells, Column::Deadline),
                            format!("nhiệm vụ {number}: không hiểu thời hạn «{deadline}» — giữ nguyên văn, cần sửa tay"),
                        );
                    }
                    let lead = self.agencies(table, &cells, Column::Lead);
                    if lead.is_empty() {
                        self.error(
                            cells[0].line,
                            format!(
                                "nhiệm vụ {number} không có cơ quan chủ trì — cần bổ sung trong nhiem-vu.toml"
                            ),
                        );
                    }
                    let coordinators = self.agencies(table, &cells, Column::Coordinators);
                    if out.group.is_empty() {
                        out.group.push(TaskGroupRecord {
                            number: roman(1),
                            title: String::new(),
                            task: Vec::new(),
                        });
                    }
                    let group = out.group.last_mut().expect("a group was just ensured");
                    group.task.push(unspanned(TaskRecord {
                        number: number.to_string(),
                        name: get(Column::Name),
                        lead,
                        coordinators,
                        result: get(Column::Result),
                        deadline,
                    }));
                }
                Row::Unplaced { cells, reason } => self.unplaced(&cells, reason, &mut out.unplaced),
            }
        }
        // A group row with no heading and no tasks carries nothing.
        out.group.retain(|g| !(g.title.is_empty() && g.task.is_empty()));
        for (i, g) in out.group.iter_mut().enumerate() {
            g.number = roman(i + 1);
        }
    }

    /// `true` the first time a row number is seen. A repeat with the same
    /// cells is a duplicated block (reported, skipped); a repeat with other
    /// cells is kept as unplaced for a person to decide.
    fn first_time(
        &mut self,
        seen: &mut HashMap<RowNumber, Vec<String>>,
        number: &RowNumber,
        cells: &[Cell],
        unplaced: &mut Vec<toml::Spanned<UnplacedRecord>>,
    ) -> bool {
        let texts: Vec<String> = cells.iter().map(|c| c.text.clone()).collect();
        match seen.get(number) {
            None => {
                seen.insert(number.clone(), texts);
                true
            }
            Some(prev) if *prev == texts => {
                self.warn(
                    cells[0].line,
                    format!("dòng số {number} lặp lại nguyên văn một dòng trước đó — đã bỏ qua phần lặp"),
                );
                false
            }
            Some(_) => {
                self.unplaced(
                    cells,
                    format!("trùng số thứ tự {number} với một dòng khác nội dung"),
                    unplaced,
                );
                false
            }
        }
    }

    fn unplaced(&mut self, cells: &[Cell], reason: String, out: &mut Vec<toml::Spanned<UnplacedRecord>>) {
        let line = cells.first().map_or(1, |c| c.line);
        let text = cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | ");
        self.error(
            line,
            format!("{reason}: «{text}» — đã giữ nguyên văn trong [[unplaced]], cần xếp lại bằng tay"),
        );
        out.push(unspanned(UnplacedRecord { line, reason, text }));
    }

    /// Resolves an agency cell. Known names become ids; unknown ones are kept
    /// as printed and reported.
    fn agencies(&mut self, table: &Table, cells: &[Cell], col: Column) -> Vec<String> {
        let text = field(table, cells, col);
        let line = cell_line(table, cells, col);
        self.registry
            .resolve_list(&text)
            .into_iter()
            .map(|r| match r {
                AgencyRef::Known(id) => id.to_string(),
                AgencyRef::Unknown(name) => {
                    match self.unknown.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, lines)) => lines.push(line),
                        None => self.unknown.push((name.clone(), vec![line])),
                    }
                    name
                }
            })
            .collect()
    }

    /// One error per agency name not in the registry, at its first line,
    /// with the other lines it is on.
    fn say_unknown(&mut self) {
        for (name, lines) in self.unknown.clone() {
            let elsewhere = match lines.len() {
                1 => String::new(),
                n => {
                    let shown: Vec<String> = lines.iter().skip(1).take(10).map(usize::to_string).collect();
                    let more = if n > 11 { format!(" và {} chỗ khác", n - 11) } else { String::new() };
                    format!(" (còn ở dòng {}{more})", shown.join(", "))
                }
            };
            self.error(
                lines[0],
                format!(
                    "không nhận ra cơ quan «{name}»{elsewhere} — giữ nguyên tên; thêm cơ quan hoặc bí danh vào co-quan.toml rồi nhập lại"
                ),
            );
        }
    }

    fn plan_info(&mut self, body: &[&str], appendices: (Appendix, Appendix)) -> Result<PlanRecord, NotAPlan> {
        let title = body.first().filter(|l| !l.contains('|')).map(|l| clean(l)).unwrap_or_default();
        let skip = usize::from(!title.is_empty());
        let header: Vec<(String, String)> =
            body[skip.min(body.len())..].iter().map_while(|l| key_value(l)).collect();
        let after_header = &body[(skip + header.len()).min(body.len())..];
        let header: HashMap<String, String> = header.into_iter().collect();
        let body_cells: Vec<String> = body.iter().map(|l| clean(l.trim_end_matches('|'))).collect();

        let code = header
            .get("so hieu")
            .cloned()
            .or_else(|| body_cells.iter().find_map(|l| l.strip_prefix("Số:").map(clean)))
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                NotAPlan("không tìm thấy số, ký hiệu văn bản (dòng «Số hiệu | … |» hay «Số: …»)".into())
            })?;
        let date_line = body_cells.iter().find(|l| l.contains(", ngày ") && l.contains(" tháng "));
        let date = header
            .get("ngay ban hanh")
            .and_then(|d| Deadline::parse(d).due().filter(|_| d.matches('/').count() == 2))
            .or_else(|| date_line.and_then(|l| Deadline::parse(l.split_once(", ").map_or("", |x| x.1)).due()))
            .ok_or_else(|| NotAPlan("không tìm thấy ngày ban hành (dòng «Ngày ban hành | dd/mm/yyyy |» hay «…, ngày … tháng … năm …»)".into()))?;
        let date = toml::value::Datetime {
            date: Some(toml::value::Date {
                year: date.year() as u16,
                month: date.month() as u8,
                day: date.day(),
            }),
            time: None,
            offset: None,
        };
        let place = date_line.and_then(|l| l.split_once(", ngày")).map(|(p, _)| clean(p)).unwrap_or_default();
        let kind = header.get("loai van ban").cloned().unwrap_or_else(|| "Kế hoạch".to_owned());
        let issued_by = header.get("co quan ban hanh").cloned().unwrap_or_default();
        let province = province_of(&body.join("\n"));
        // The issuing body's line in the document header: "ỦY BAN NHÂN DÂN |".
        let body_issuer = after_header
            .iter()
            .map(|l| clean(l.trim_end_matches('|')))
            .find(|l| !l.is_empty() && l.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase))
            .unwrap_or_default();
        let issuer = if fold(&body_issuer) == "uy ban nhan dan" && !province.is_empty() {
            format!("Ủy ban nhân dân tỉnh {province}")
        } else if !body_issuer.is_empty() {
            sentence_case(&body_issuer)
        } else {
            issued_by.clone()
        };
        if issuer.is_empty() {
            self.error(1, "không tìm thấy cơ quan ban hành — cần điền `issuer` trong ke-hoach.toml".into());
        }
        let signer = header.get("nguoi ky").cloned().unwrap_or_default();
        if signer.is_empty() {
            self.warn(
                1,
                "không tìm thấy người ký (dòng «Người ký | … |») — điền `signer` trong ke-hoach.toml".into(),
            );
        }
        let signer_authority = signer_authority(body);
        let (standing, reporting) = self.standing_agency(body);
        let summary = summary_of(&title, &kind, &code);
        Ok(PlanRecord {
            code,
            kind,
            title,
            summary,
            date: unspanned(date),
            province,
            place,
            issuer,
            signer,
            signer_authority,
            standing_agency: unspanned(standing),
            reporting,
            indicator_appendix: appendices.0,
            task_appendix: appendices.1,
            footnotes: Vec::new(),
        })
    }

    /// Finds "X là cơ quan thường trực …" and the reporting cadence said in
    /// the same sentence ("định kỳ 6 tháng, cuối năm hoặc đột xuất").
    fn standing_agency(&mut self, body: &[&str]) -> (String, Vec<Cadence>) {
        let found = body.iter().enumerate().find_map(|(i, l)| {
            let (who, rest) = standing_sentence(l)?;
            Some((i + 1, who, fold(rest)))
        });
        let found = match (self.standing, found) {
            (Some(named), Some((line, _, rest))) => Some((line, clean(named), rest)),
            (Some(named), None) => Some((1, clean(named), String::new())),
            (None, found) => found,
        };
        let Some((line, who, rest)) = found else {
            self.error(
                1,
                "không tìm thấy câu giao cơ quan thường trực («… là cơ quan thường trực», «… là cơ quan đầu mối», \
                 «Giao … chủ trì, theo dõi, đôn đốc …») — nhập lại với --standing \"TÊN CƠ QUAN\" hoặc điền \
                 `standing_agency` trong ke-hoach.toml"
                    .into(),
            );
            return (String::new(), vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand]);
        };
        let mut reporting = Vec::new();
        for (words, cadence) in [
            ("hang quy", Cadence::Quarterly),
            ("6 thang", Cadence::HalfYear),
            ("cuoi nam", Cadence::YearEnd),
            ("hang nam", Cadence::YearEnd),
            ("dot xuat", Cadence::OnDemand),
        ] {
            if rest.contains(words) && !reporting.contains(&cadence) {
                reporting.push(cadence);
            }
        }
        if reporting.is_empty() {
            self.warn(
                line,
                "không thấy kỳ báo cáo (6 tháng, cuối năm, đột xuất) trong câu về cơ quan thường trực — đã dùng mặc định 6 tháng, cuối năm, đột xuất".into(),
            );
            reporting = vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand];
        }
        match self.registry.lookup(&who) {
            Some(id) => (id.to_string(), reporting),
            None => {
                self.error(
                    line,
                    format!("không nhận ra cơ quan thường trực «{who}» — thêm vào co-quan.toml rồi nhập lại"),
                );
                (who, reporting)
            }
        }
    }
}

/// How plans name the agency that follows the plan and reports on it, as
/// the words that come right after its name.
const STANDING_PHRASES: [&str; 6] = [
    " là cơ quan thường trực",
    " là cơ quan đầu mối",
    " là đầu mối",
    " chủ trì, theo dõi",
    " chủ trì theo dõi",
    " chủ trì, đôn đốc",
];

/// The standing agency's name in a sentence that gives it the role, and
/// the rest of the sentence (where the reporting cadence is said).
/// «1. Sở Khoa học và Công nghệ là cơ quan thường trực, …», «Giao Bộ Khoa
/// học và Công nghệ chủ trì, theo dõi, đôn đốc … tổng hợp, báo cáo …».
fn standing_sentence(line: &str) -> Option<(String, &str)> {
    let (at, phrase) = STANDING_PHRASES.iter().filter_map(|p| Some((line.find(p)?, p.len()))).min()?;
    let who = line[..at]
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ' ' | '-' | '+' | ')'));
    // An item letter: «a) », «b. ».
    let mut head = who.chars();
    let who = match (head.next(), head.next(), head.next()) {
        (Some(l), Some(')' | '.'), Some(' ')) if l.is_alphabetic() => &who[l.len_utf8() + 2..],
        _ => who,
    };
    // The name ends the clause before it: «…; giao Sở X chủ trì, theo dõi».
    let who = who.rsplit([';', ',', ':']).next().unwrap_or(who).trim();
    let who = ["Giao cho ", "giao cho ", "Giao ", "giao ", "Đề nghị ", "đề nghị "]
        .iter()
        .find_map(|p| who.rfind(p).map(|i| &who[i + p.len()..]))
        .unwrap_or(who);
    let who = clean(who);
    (!who.is_empty() && who.split_whitespace().count() <= 15).then_some((who, &line[at + phrase..]))
}

/// A header line `Khóa | giá trị |`, folded key and cleaned value.
fn key_value(line: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = line.split('|').collect();
    match parts.as_slice() {
        [key, value, rest] if rest.trim().is_empty() && !key.trim().is_empty() => {
            Some((fold(key), clean(value)))
        }
        _ => None,
    }
}

/// `TM. ỦY BAN NHÂN DÂN`, from the signature cell near the end of the body.
fn signer_authority(body: &[&str]) -> String {
    const PREFIXES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];
    for (i, l) in body.iter().enumerate() {
        let t = l.trim();
        if PREFIXES.iter().any(|p| t.starts_with(p)) {
            let mut cell = String::new();
            for next in &body[i..] {
                let (part, ended) = match next.split_once('|') {
                    Some((p, _)) => (p, true),
                    None => (*next, false),
                };
                cell.push(' ');
                cell.push_str(part);
                if ended {
                    break;
                }
            }
            return clean(&cell);
        }
    }
    String::new()
}

/// The subject of the plan: its title without "Kế hoạch 60/KH-UBND năm 2025".
fn summary_of(title: &str, kind: &str, code: &str) -> String {
    let mut rest = title;
    for prefix in [kind, "số", code] {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
        }
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix("năm ") {
        Some(r) if r.len() >= 4 && r[..4].bytes().all(|b| b.is_ascii_digit()) => &r[4..],
        _ => rest,
    };
    clean(rest)
}

fn sentence_case(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn field(table: &Table, cells: &[Cell], col: Column) -> String {
    table
        .columns
        .iter()
        .position(|c| *c == col)
        .and_then(|i| cells.get(i))
        .map(|c| c.text.clone())
        .unwrap_or_default()
}

fn cell_line(table: &Table, cells: &[Cell], col: Column) -> usize {
    table
        .columns
        .iter()
        .position(|c| *c == col)
        .and_then(|i| cells.get(i))
        .or(cells.first())
        .map_or(1, |c| c.line)
}

enum Row {
    Group { number: Option<String>, title: String },
    Data { number: RowNumber, cells: Vec<Cell> },
    Unplaced { cells: Vec<Cell>, reason: String },
}

/// Groups a table's cells into rows.
///
/// A row is as wide as the header. A row starts with its number, a group row
/// with a Roman numeral or with a heading followed by empty cells. When the
/// cell one width further on does not start a row, the row is short or long:
/// it ends where the next row plausibly starts and is kept as unplaced.
fn split_rows(table: &Table) -> Vec<Row> {
    let cells = &table.cells;
    let w = table.columns.len();
    let mut rows = Vec::new();
    let mut prev: Option<RowNumber> = None;
    let mut i = 0;
    while i < cells.len() {
        if let Some((row, len)) = group_row(cells, i, w) {
            rows.push(row);
            i += len;
            continue;
        }
        let Some(number) = RowNumber::parse(&cells[i].text) else {
            let end = (i + 1..=cells.len())
                .find(|&k| k == cells.len() || is_next_start(cells, k, w, prev.as_ref()))
                .unwrap_or(cells.len());
            rows.push(Row::Unplaced {
                cells: cells[i..end].to_vec(),
                reason: "ô không thuộc dòng nào của bảng".into(),
            });
            i = end;
            continue;
        };
        let expected_end = i + w;
        let end = if expected_end == cells.len()
            || (expected_end < cells.len() && starts_row(cells, expected_end, w))
        {
            expected_end
        } else {
            (i + 1..=cells.len())
                .find(|&k| k == cells.len() || is_next_start(cells, k, w, Some(&number)))
                .unwrap_or(cells.len())
        };
        if end - i == w {
            rows.push(Row::Data { number: number.clone(), cells: cells[i..end].to_vec() });
        } else {
            let reason = if end - i < w {
                format!("dòng số {number} chỉ có {} ô, bảng có {w} cột", end - i)
            } else {
                format!("dòng số {number} có {} ô, bảng có {w} cột", end - i)
            };
            rows.push(Row::Unplaced { cells: cells[i..end].to_vec(), reason });
        }
        prev = Some(number);
        i = end;
    }
    rows
}

/// A group row at `i`: `I | Đến năm 2030 | | | |` or `Heading | | | | | |`.
fn group_row(cells: &[Cell], i: usize, w: usize) -> Option<(Row, usize)> {
    let empty_from =
        |k: usize| k + (w - (k - i)) <= cells.len() && cells[k..i + w].iter().all(|c| c.text.is_empty());
    let first = &cells[i].text;
    if is_roman(first)
        && i + 1 < cells.len()
        && RowNumber::parse(&cells[i + 1].text).is_none()
        && w >= 2
        && empty_from(i + 2)
    {
        return Some((Row::Group { number: Some(first.clone()), title: cells[i + 1].text.clone() }, w));
    }
    if RowNumber::parse(first).is_none() && !is_roman(first) && empty_from(i + 1) {
        return Some((Row::Group { number: None, title: first.clone() }, w));
    }
    None
}

/// Whether a row of any kind starts at `k` (used at the expected position).
fn starts_row(cells: &[Cell], k: usize, w: usize) -> bool {
    RowNumber::parse(&cells[k].text).is_some() || group_row(cells, k, w).is_some()
}

/// Whether `k` starts the row after `prev`: a group row, or a number a little
/// above `prev` (`9` after `8.12`, `8.1` after `8`). Numbers inside a row
/// (targets like `12`, years) rarely pass this test.
fn is_next_start(cells: &[Cell], k: usize, w: usize, prev: Option<&RowNumber>) -> bool {
    if group_row(cells, k, w).is_some() {
        return true;
    }
    let Some(n) = RowNumber::parse(&cells[k].text) else {
        return false;
    };
    match prev {
        None => true,
        Some(p) => {
            let (a, b) = (p.parts(), n.parts());
            n > *p && b[0] <= a[0] + 10
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_end_at_pipes_and_span_lines() {
        let lines = ["TT |", "Các Sở, ban, ngành,", "địa phương; |", "|||", "x"];
        let got: Vec<(String, usize)> =
            cells(&lines, 0..lines.len()).into_iter().map(|c| (c.text, c.line)).collect();
        assert_eq!(
            got,
            vec![
                ("TT".into(), 1),
                ("Các Sở, ban, ngành, địa phương;".into(), 2),
                (String::new(), 4),
                (String::new(), 4),
                (String::new(), 4),
                ("x".into(), 5),
            ]
        );
    }

    #[test]
    fn the_standing_agency_is_found_in_the_usual_phrasings() {
        for (line, who) in [
            (
                "1. Sở Khoa học và Công nghệ là cơ quan thường trực, chịu trách nhiệm đôn đốc",
                "Sở Khoa học và Công nghệ",
            ),
            (
                "a) Sở Thông tin và Truyền thông là cơ quan đầu mối, tổng hợp báo cáo",
                "Sở Thông tin và Truyền thông",
            ),
            (
                "Giao Bộ Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc việc thực hiện, định kỳ hằng năm tổng hợp, báo cáo Thủ tướng Chính phủ",
                "Bộ Khoa học và Công nghệ",
            ),
            ("Các bộ, ngành triển khai; giao Sở Nội vụ chủ trì, đôn đốc và báo cáo 6 tháng", "Sở Nội vụ"),
        ] {
            assert_eq!(standing_sentence(line).map(|(w, _)| w), Some(who.to_owned()), "{line}");
        }
        assert_eq!(standing_sentence("Các sở, ngành chủ động triển khai thực hiện."), None);
    }

    #[test]
    fn titles_stop_at_the_label_a_blank_line_or_the_body() {
        let lines = [
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành triển khai thực hiện Kế hoạch này./.",
            "Nơi nhận:",
            "KT. CHỦ TỊCH",
            "",
            "PHỤ LỤC I",
            "DANH MỤC CHỈ TIÊU",
            "(Kèm theo Kế hoạch số 12/KH-UBND)",
            "TT |",
        ];
        assert_eq!(title_block_start(&lines, 7), 5);
        let without_label = ["Trên đây là kế hoạch của tỉnh.", "DANH MỤC CHỈ TIÊU", "TT |"];
        assert_eq!(title_block_start(&without_label, 2), 1);
        let body: Vec<&str> =
            std::iter::repeat_n("một dòng của phần thân không có dấu chấm", 40).chain(["TT |"]).collect();
        assert_eq!(title_block_start(&body, 40), 40 - TITLE_LINES);
    }

    #[test]
    fn summary_drops_type_number_and_year() {
        assert_eq!(
            summary_of(
                "Kế hoạch 60/KH-UBND năm 2025 thực hiện Nghị quyết 03/NQ-CP",
                "Kế hoạch",
                "60/KH-UBND"
            ),
            "thực hiện Nghị quyết 03/NQ-CP"
        );
    }
}
