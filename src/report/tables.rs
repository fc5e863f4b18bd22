//! The report's tables: the appendices (in the PDF and the Excel file) and
//! the sheets that only the Excel file carries, where every agency's
//! answer stands in full, value by value.
//!
//! What agencies typed reaches the tables as plain text
//! (`agency_text::plain`), named by its agency wherever more than one
//! agency could have written it.

use std::collections::BTreeMap;

use super::agency_text::plain;
use super::table::{Cell, Column, Row, Table};
use crate::form::{Role, Section, Value as Reported};
use crate::merge::{Answer, Consolidated, IndicatorResult, PeriodData, Receipt, TaskResult};
use crate::plan::Plan;
use crate::plan::ids::AgencyId;
use crate::vn;

pub type Rows = (&'static str, Vec<Column>, Vec<Row>);

/// Headers of the columns that compare with the previous period.
pub const BEFORE: &str = "Kỳ trước";
pub const THIS: &str = "Kỳ này";

/// The Excel sheet with every agency's answer to every task.
pub const ANSWERS_SHEET: &str = "Nhiệm vụ theo cơ quan";

/// A row's number (TT) as a number when it is one («12»), as written when
/// it is not («8.1»).
fn tt(number: String) -> Cell {
    number.parse().map_or(Cell::Text(number), Cell::Ordinal)
}

fn col(header: &'static str, width: f64, center: bool) -> Column {
    Column { header, width, center }
}

pub fn agencies_text(plan: &Plan, ids: &[AgencyId]) -> String {
    ids.iter().map(|id| plan.agency_name(id)).collect::<Vec<_>>().join("; ")
}

/// Up to this many agencies are named in a sentence of the narrative; more
/// are counted, the full list being in the appendices and the Excel file.
/// At national scale one sentence would otherwise name thousands.
pub const NAMED: usize = 5;

/// `A, B, C` or, past [`NAMED`], `A, B, C và 1.234 cơ quan, đơn vị khác`.
pub fn named(names: &[&str]) -> String {
    if names.len() <= NAMED {
        return names.join(", ");
    }
    let shown = NAMED - 2;
    format!("{} và {} cơ quan, đơn vị khác", names[..shown].join(", "), vn::count(names.len() - shown))
}

fn value_text(v: &Reported) -> String {
    match v {
        Reported::Number(n) => vn::number(*n),
        Reported::Text(t) => plain(t),
    }
}

fn value_cell(v: Option<&Reported>) -> Cell {
    match v {
        Some(Reported::Number(n)) => Cell::Number(*n),
        Some(Reported::Text(t)) => Cell::Text(plain(t)),
        None => Cell::Text(String::new()),
    }
}

/// The assessment, and which value it rests on when several agencies
/// reported.
fn assessment_text(plan: &Plan, r: &IndicatorResult) -> String {
    let reported = r.reports.iter().filter(|x| x.value.is_some()).count();
    let mut out = r.assessment.label().to_owned();
    if let (true, Some(from)) = (reported > 1, &r.value_from) {
        out.push_str(&format!(" (theo số liệu của {})", plan.agency_name(from)));
    }
    if r.disagree {
        out.push_str("; các cơ quan báo cáo số liệu khác nhau");
    }
    out
}

/// Each agency's value (when several reported), sources and notes.
fn indicator_notes(plan: &Plan, r: &IndicatorResult) -> String {
    let several =
        r.reports.iter().filter(|x| x.value.is_some() || !x.source.is_empty() || !x.note.is_empty()).count()
            > 1;
    let mut lines = Vec::new();
    for x in &r.reports {
        let mut parts = Vec::new();
        if several && let Some(v) = &x.value {
            parts.push(value_text(v));
        }
        if let Some(p) = x.carried_from {
            parts.push(format!("số liệu {}", p.name()));
        }
        if !x.source.is_empty() {
            parts.push(format!("nguồn: {}", plain(&x.source)));
        }
        if !x.note.is_empty() {
            parts.push(format!("ghi chú: {}", plain(&x.note)));
        }
        if parts.is_empty() {
            continue;
        }
        let text = parts.join("; ");
        lines.push(if several {
            format!("{}: {text}", plan.agency_name(&x.agency))
        } else {
            crate::text::upper_first(&text)
        });
    }
    lines.join("\n")
}

pub fn indicator_table(plan: &Plan, data: &PeriodData) -> Rows {
    let compared = data.previous.is_some();
    let mut columns = vec![
        col("TT", 0.6, true),
        col("Chỉ tiêu", 3.6, false),
        col("Đơn vị", 1.1, true),
        col("Mục tiêu", 1.5, true),
        col("Kết quả kỳ báo cáo", 1.3, true),
        col("Đánh giá", 1.5, true),
        col("Cơ quan theo dõi", 1.7, false),
        col("Nguồn số liệu, ghi chú", 2.4, false),
    ];
    if compared {
        columns[4] = col(THIS, 1.2, true);
        columns.insert(4, col(BEFORE, 1.2, true));
    }
    let results: BTreeMap<_, _> = data.indicators.iter().map(|r| (&r.number, r)).collect();
    let mut rows = Vec::new();
    for g in &plan.indicator_groups {
        rows.push(Row::Group(format!("{}. {}", g.number, g.title)));
        for ind in &g.indicators {
            let result = results.get(&ind.number);
            let mut cells = vec![
                tt(ind.number.to_string()),
                Cell::Text(ind.name.clone()),
                Cell::Text(ind.unit.clone()),
                Cell::Text(ind.target.printed().to_owned()),
                value_cell(result.and_then(|r| r.value.as_ref())),
                Cell::Text(
                    result.filter(|r| !r.is_heading()).map_or(String::new(), |r| assessment_text(plan, r)),
                ),
                Cell::Text(agencies_text(plan, &ind.tracking)),
                Cell::Text(result.map_or(String::new(), |r| indicator_notes(plan, r))),
            ];
            if compared {
                cells.insert(4, value_cell(result.and_then(|r| r.previous.as_ref())));
            }
            rows.push(Row::Cells(cells));
        }
    }
    ("Kết quả thực hiện các chỉ tiêu", columns, rows)
}

/// One text field of an answer.
type Field = fn(&Answer) -> &str;

/// `Sở A: text` lines of one field of the answers, named when `name`.
fn answer_lines(plan: &Plan, answers: &[&Answer], field: Field, name: bool) -> Vec<String> {
    answers
        .iter()
        .filter(|a| !field(a).trim().is_empty())
        .map(|a| {
            let text = plain(field(a));
            if name { format!("{}: {text}", plan.agency_name(&a.agency)) } else { text }
        })
        .collect()
}

/// One line per distinct text of one field, naming the agencies that wrote
/// it (a few, then a count): many agencies write the same sentence.
fn grouped_lines(plan: &Plan, answers: &[&Answer], field: Field) -> Vec<String> {
    let mut texts: Vec<(String, Vec<&str>)> = Vec::new();
    for a in answers.iter().filter(|a| !field(a).trim().is_empty()) {
        let text = plain(field(a));
        let name = plan.agency_name(&a.agency);
        match texts.iter_mut().find(|(t, _)| *t == text) {
            Some((_, names)) => names.push(name),
            None => texts.push((text, vec![name])),
        }
    }
    texts.into_iter().map(|(text, names)| format!("{}: {text}", named(&names))).collect()
}

/// What the task's agencies report: the lead agencies' results, named when
/// the task has several leads; the coordinating agencies are counted (their
/// results stand in full in the Excel file, sheet «Nhiệm vụ theo cơ quan»).
fn task_results(plan: &Plan, t: &TaskResult) -> String {
    let leads: Vec<&Answer> = t.answers.iter().filter(|a| a.role == Role::Lead).collect();
    let named = t.leads_expected > 1;
    // Results of earlier periods of the span come first, then this period's.
    let mut lines: Vec<String> = leads
        .iter()
        .flat_map(|a| {
            a.earlier.iter().map(move |e| {
                let who = if named { format!("{}, ", plan.agency_name(&a.agency)) } else { String::new() };
                format!("({who}{}) {}", e.period.name(), plain(&e.text))
            })
        })
        .collect();
    lines.extend(answer_lines(plan, &leads, |a| &a.achieved, named));
    let coordinators =
        t.answers.iter().filter(|a| a.role == Role::Coordinator && !a.achieved.trim().is_empty()).count();
    if coordinators > 0 {
        lines.push(format!(
            "Có {} cơ quan phối hợp báo cáo kết quả (chi tiết tại biểu tổng hợp kèm theo).",
            vn::count(coordinators)
        ));
    }
    lines.join("\n")
}

/// When a completed task was completed: the latest date its lead
/// agencies give.
fn completion(t: &TaskResult) -> String {
    if !matches!(t.status, Consolidated::DoneOnTime | Consolidated::DoneLate) {
        return String::new();
    }
    let mut dates: Vec<_> = t
        .answers
        .iter()
        .filter(|a| a.role == Role::Lead && a.status.is_some_and(|s| s.is_done()))
        .filter_map(|a| a.completed)
        .collect();
    dates.sort();
    match dates.last() {
        Some(d) => format!("\n(hoàn thành ngày {})", vn::date(*d)),
        None => String::new(),
    }
}

/// The lead count, the lead agencies' difficulties and proposals (named
/// when the task has several leads), and how many coordinating agencies
/// wrote some (in full in the Excel file).
fn task_notes(plan: &Plan, t: &TaskResult) -> String {
    let mut lines = Vec::new();
    if t.backwards {
        lines.push(format!(
            "Lưu ý: kỳ trước đã báo cáo {}, kỳ này báo cáo chưa hoàn thành",
            t.previous.map_or("hoàn thành", |s| s.label()).to_lowercase()
        ));
    }
    let carried: Vec<&Answer> =
        t.answers.iter().filter(|a| a.role == Role::Lead && a.carried_from.is_some()).collect();
    for a in carried {
        let from = a.carried_from.map(|p| p.name()).unwrap_or_default();
        let who =
            if t.leads_expected > 1 { format!("{}: ", plan.agency_name(&a.agency)) } else { String::new() };
        lines.push(format!("{who}theo báo cáo {from} (kỳ này không báo cáo lại)"));
    }
    if t.leads_expected > 1 {
        lines.push(format!("{}/{} cơ quan chủ trì đã báo cáo", t.leads_answered, t.leads_expected));
    }
    let leads: Vec<&Answer> = t.answers.iter().filter(|a| a.role == Role::Lead).collect();
    let fields: [(&str, Field); 2] =
        [("Khó khăn", |a| a.difficulties.as_str()), ("Đề xuất", |a| a.proposals.as_str())];
    for (label, field) in fields {
        let found = if t.leads_expected > 1 {
            grouped_lines(plan, &leads, field)
        } else {
            answer_lines(plan, &leads, field, false)
        };
        match found.as_slice() {
            [] => {}
            [one] => lines.push(format!("{label}: {one}")),
            many => {
                lines.push(format!("{label}:"));
                lines.extend(many.iter().map(|l| format!("- {l}")));
            }
        }
    }
    let coordinators = t
        .answers
        .iter()
        .filter(|a| {
            a.role == Role::Coordinator
                && !(a.difficulties.trim().is_empty() && a.proposals.trim().is_empty())
        })
        .count();
    if coordinators > 0 {
        lines.push(format!(
            "Có {} cơ quan phối hợp nêu khó khăn, đề xuất (chi tiết tại biểu tổng hợp kèm theo).",
            vn::count(coordinators)
        ));
    }
    lines.join("\n")
}

pub fn task_table(plan: &Plan, data: &PeriodData) -> Rows {
    let compared = data.previous.is_some();
    let mut columns = vec![
        col("TT", 0.5, true),
        col("Nhiệm vụ", 3.0, false),
        col("Cơ quan chủ trì", 1.6, false),
        col("Thời hạn", 1.0, true),
        col("Tình trạng", 1.3, true),
        col("Kết quả, văn bản đã ban hành", 3.2, false),
        col("Khó khăn, đề xuất, ghi chú", 2.2, false),
    ];
    if compared {
        columns[4] = col("Tình trạng kỳ này", 1.2, true);
        columns.insert(4, col("Tình trạng kỳ trước", 1.1, true));
    }
    let mut rows = Vec::new();
    for g in &plan.task_groups {
        let title = if g.title.is_empty() {
            format!("Nhóm {}", g.number)
        } else {
            format!("{}. {}", g.number, g.title)
        };
        rows.push(Row::Group(title));
        for t in data.tasks.iter().filter(|t| t.group == g.number) {
            let mut cells = vec![
                tt(t.number.to_string()),
                Cell::Text(t.name.clone()),
                Cell::Text(agencies_text(plan, &t.lead)),
                Cell::Text(t.deadline.printed().to_owned()),
                Cell::Text(format!("{}{}", t.status.label(), completion(t))),
                Cell::Text(task_results(plan, t)),
                Cell::Text(task_notes(plan, t)),
            ];
            if compared {
                cells.insert(4, Cell::Text(t.previous.map_or(String::new(), |s| s.label().to_owned())));
            }
            rows.push(Row::Cells(cells));
        }
    }
    ("Tiến độ thực hiện các nhiệm vụ", columns, rows)
}

/// The charts' numbers as a table.
/// The charts appendix has no table: its numbers are the charts' own.
pub fn charts_table() -> Rows {
    let columns = vec![col("Nội dung", 2.0, false), col("Số liệu", 6.0, false)];
    ("Biểu đồ tổng hợp", columns, Vec::new())
}

pub fn receipt_table(data: &PeriodData) -> Rows {
    let compared = data.previous.is_some();
    let mut columns = vec![
        col("TT", 0.5, true),
        col("Cơ quan, đơn vị", 3.0, false),
        col("Ngày gửi", 1.2, true),
        col("Tình trạng", 1.1, true),
        col("Nhiệm vụ đã báo cáo", 1.3, true),
        col("Chỉ tiêu đã báo cáo", 1.3, true),
        col("Ghi chú", 2.6, false),
    ];
    if compared {
        columns[3] = col(THIS, 1.0, true);
        columns.insert(3, col(BEFORE, 1.0, true));
    }
    let rows = data
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            // What an official notes of a receipt: how late, sent again.
            // Validation counts are the secretariat's (kiem-tra.*), not the report's.
            let mut notes = Vec::new();
            if let (Receipt::Late, Some(sent)) = (a.receipt, a.sent_on) {
                let days = (sent - data.deadline).whole_days();
                if days > 0 {
                    notes.push(format!("Chậm {} ngày", vn::count(days as usize)));
                }
            }
            if !a.superseded.is_empty() {
                notes.push("Có gửi lại, thay thế báo cáo trước".to_owned());
            }
            let mut cells = vec![
                Cell::Ordinal(i as u32 + 1),
                Cell::Text(a.name.clone()),
                a.sent_on.map_or(Cell::Text(String::new()), Cell::Date),
                Cell::Text(a.receipt.label().to_owned()),
                answered(a.tasks_answered, a.tasks_expected),
                answered(a.indicators_answered, a.indicators_expected),
                Cell::Text(notes.join("; ")),
            ];
            if compared {
                cells.insert(3, Cell::Text(a.previous.map_or("—".to_owned(), |r| r.label().to_owned())));
            }
            Row::Cells(cells)
        })
        .collect();
    ("Tình hình gửi báo cáo của các cơ quan, đơn vị", columns, rows)
}

/// Past this many agencies the PDF's receipts appendix lists only those
/// that need attention (not sent, late, with errors or refused files).
pub const RECEIPTS_LISTED: usize = 300;

/// The receipts rows (one per agency, in order) the PDF shows at national
/// scale, under a line that counts the others; `None` below it.
pub fn receipts_for_pdf(data: &PeriodData, rows: &[Row]) -> Option<Vec<Row>> {
    if data.agencies.len() <= RECEIPTS_LISTED {
        return None;
    }
    let mut shown: Vec<Row> = data
        .agencies
        .iter()
        .zip(rows)
        .filter(|(a, _)| a.receipt != Receipt::OnTime || a.errors > 0 || !a.refused.is_empty())
        .map(|(_, row)| row.clone())
        .collect();
    let total = data.agencies.len();
    let heading = format!(
        "Các cơ quan, đơn vị chưa gửi, gửi chậm hoặc phải gửi lại ({} trong tổng số {}); {} cơ quan, đơn vị khác gửi đúng hạn (danh sách đầy đủ tại biểu tổng hợp kèm theo)",
        vn::number(shown.len() as f64),
        vn::number(total as f64),
        vn::number((total - shown.len()) as f64)
    );
    shown.insert(0, Row::Group(heading));
    Some(shown)
}

fn sheet(label: &str, title: &str, note: &str, columns: Vec<Column>, rows: Vec<Row>) -> Table {
    Table {
        label: label.into(),
        title: title.into(),
        note: note.into(),
        columns,
        rows,
        pdf_rows: None,
        charts: None,
    }
}

/// Every agency's text by section, in full: the sheet that backs the
/// narrative, where texts several agencies wrote are given once.
pub fn texts_table(plan: &Plan, data: &PeriodData, note: &str) -> Table {
    let columns = vec![col("TT", 0.5, true), col("Cơ quan, đơn vị", 2.5, false), col("Nội dung", 8.0, false)];
    let mut rows = Vec::new();
    for section in Section::ALL.into_iter().filter(|s| s.is_narrative()) {
        let mut n = 0;
        for t in data.narratives.iter().filter(|t| t.section == section) {
            if n == 0 {
                rows.push(Row::Group(section.label().to_owned()));
            }
            n += 1;
            rows.push(Row::Cells(vec![
                Cell::Ordinal(n as u32),
                Cell::Text(plan.agency_name(&t.agency).to_owned()),
                Cell::Text(t.text.clone()),
            ]));
        }
    }
    sheet("Nội dung báo cáo", "Nội dung báo cáo của các cơ quan, đơn vị", note, columns, rows)
}

/// A sheet only the Excel file has, its rows made one at a time as they
/// are written (at national scale they are hundreds of thousands).
pub struct Sheet<'a> {
    pub label: &'static str,
    pub title: &'static str,
    pub columns: Vec<Column>,
    pub rows: Box<dyn Iterator<Item = Row> + 'a>,
}

/// Every answer of every agency for every task, field by field.
pub fn answers_sheet<'a>(plan: &'a Plan, data: &'a PeriodData) -> Sheet<'a> {
    let columns = vec![
        col("TT", 0.5, true),
        col("Cơ quan, đơn vị", 2.2, false),
        col("Vai trò", 0.9, true),
        col("Tình trạng (như cơ quan ghi)", 1.6, false),
        col("Tình trạng (được tính)", 1.6, false),
        col("Ngày hoàn thành", 1.1, true),
        col("Kết quả cụ thể, văn bản đã ban hành", 3.5, false),
        col("Khó khăn, vướng mắc", 2.5, false),
        col("Đề xuất, kiến nghị", 2.5, false),
        col("So với kỳ trước", 1.3, true),
    ];
    let rows = data.tasks.iter().filter(|t| !t.answers.is_empty()).flat_map(move |t| {
        let group = Row::Group(format!("Nhiệm vụ {}: {}", t.number, t.name));
        std::iter::once(group).chain(t.answers.iter().map(move |a| {
            Row::Cells(vec![
                tt(t.number.to_string()),
                Cell::Text(plan.agency_name(&a.agency).to_owned()),
                Cell::Text(a.role.label().to_owned()),
                Cell::Text(a.status_text.clone()),
                Cell::Text(
                    a.status
                        .map_or("Chưa xác định (xem kiem-tra.txt)".to_owned(), |s| s.label().to_owned()),
                ),
                a.completed.map_or(Cell::Text(String::new()), Cell::Date),
                Cell::Text(a.achieved.clone()),
                Cell::Text(a.difficulties.clone()),
                Cell::Text(a.proposals.clone()),
                Cell::Text(match (a.change, a.carried_from) {
                    (Some(c), Some(p)) => format!("{} ({})", c.label(), p.name()),
                    (Some(c), None) => c.label().to_owned(),
                    (None, _) => String::new(),
                }),
            ])
        }))
    });
    Sheet {
        label: ANSWERS_SHEET,
        title: "Báo cáo của từng cơ quan về các nhiệm vụ",
        columns,
        rows: Box::new(rows),
    }
}

/// Every agency's value, source and note for every indicator.
pub fn reports_sheet<'a>(plan: &'a Plan, data: &'a PeriodData) -> Sheet<'a> {
    let columns = vec![
        col("TT", 0.5, true),
        col("Cơ quan, đơn vị", 2.2, false),
        col("Kết quả", 1.2, true),
        col("Đơn vị", 1.0, true),
        col("Nguồn số liệu", 2.5, false),
        col("Ghi chú", 2.5, false),
        col("Dùng để đánh giá", 1.2, true),
    ];
    let rows = data.indicators.iter().filter(|r| !r.reports.is_empty()).flat_map(move |r| {
        let mut title = format!("Chỉ tiêu {}: {} (mục tiêu: {})", r.number, r.name, r.target.printed());
        if r.disagree {
            title.push_str(" — các cơ quan báo cáo số liệu khác nhau");
        }
        std::iter::once(Row::Group(title)).chain(r.reports.iter().map(move |x| {
            let used = x.value.is_some() && r.value_from.as_ref() == Some(&x.agency);
            Row::Cells(vec![
                tt(r.number.to_string()),
                Cell::Text(plan.agency_name(&x.agency).to_owned()),
                match &x.value {
                    Some(Reported::Number(n)) => Cell::Number(*n),
                    Some(Reported::Text(t)) => Cell::Text(t.clone()),
                    None => Cell::Text(String::new()),
                },
                Cell::Text(r.unit.clone()),
                Cell::Text(x.source.clone()),
                Cell::Text(x.note.clone()),
                Cell::Text(if used { "x".to_owned() } else { String::new() }),
            ])
        }))
    });
    Sheet {
        label: "Chỉ tiêu theo cơ quan",
        title: "Số liệu của từng cơ quan về các chỉ tiêu",
        columns,
        rows: Box::new(rows),
    }
}
/// «12/15» answered of expected; «–» where the agency has none to answer.
fn answered(done: usize, expected: usize) -> Cell {
    Cell::Text(if expected == 0 { "–".to_owned() } else { format!("{done}/{expected}") })
}
