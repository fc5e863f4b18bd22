//! A period's merged data: every agency's answers put together per task,
//! per indicator and per agency, with a consolidated status, an assessment
//! of each indicator and who sent what when. This is what `report` reads
//! (as `tong-hop.json`).

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use time::Date;

use crate::diag::{Diagnostic, Location};
use crate::form::{Role, Section, Status, Value, date_de, date_se, opt_date, opt_date_de};
use crate::intake::read::Submission;
use crate::period::Period;
use crate::plan::assign::assignments;
use crate::plan::deadline::Deadline;
use crate::plan::ids::{AgencyId, IndicatorNo, TaskNo};
use crate::plan::target::{Target, TargetKind};
use crate::plan::{Plan, Task};
use crate::vn;

pub mod carry;
pub mod history;

/// Version of the JSON shape of `tong-hop.json`.
/// 3: answers carry where they were read and how they compare with the
/// previous period; the data names its previous period and history.
pub const FORMAT: u32 = 3;

/// A task's status over all its lead agencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Consolidated {
    DoneOnTime,
    DoneLate,
    InProgress,
    Ongoing,
    Overdue,
    NotStarted,
    NoData,
}

impl Consolidated {
    pub fn is_done(self) -> bool {
        matches!(self, Consolidated::DoneOnTime | Consolidated::DoneLate)
    }

    pub fn label(self) -> &'static str {
        match self {
            Consolidated::DoneOnTime => "Đã hoàn thành đúng hạn",
            Consolidated::DoneLate => "Đã hoàn thành quá hạn",
            Consolidated::InProgress => "Đang triển khai",
            Consolidated::Ongoing => "Đang triển khai thường xuyên",
            Consolidated::Overdue => "Quá hạn",
            Consolidated::NotStarted => "Chưa triển khai",
            Consolidated::NoData => "Không có dữ liệu",
        }
    }
}

/// An indicator's value measured against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Assessment {
    Met,
    NotMet,
    NoData,
    NotAssessable,
}

impl Assessment {
    pub fn label(self) -> &'static str {
        match self {
            Assessment::Met => "Đạt/vượt",
            Assessment::NotMet => "Chưa đạt",
            Assessment::NoData => "Chưa có số liệu",
            Assessment::NotAssessable => "Không đánh giá tự động",
        }
    }

    /// Compares a value with a target. Targets are to be reached: a plain
    /// number or a range is met from its (lower) value up; a rank is met at
    /// or above it (a smaller number).
    pub fn of(target: &Target, value: Option<&Value>) -> Assessment {
        let v = match value {
            None => return Assessment::NoData,
            Some(Value::Number(v)) => *v,
            Some(Value::Text(_)) => return Assessment::NotAssessable,
        };
        let met = match *target.kind() {
            TargetKind::AtLeast(t) | TargetKind::Equal(t) | TargetKind::Range(t, _) => v >= t,
            TargetKind::GreaterThan(t) => v > t,
            TargetKind::AtMost(t) => v <= t,
            TargetKind::LessThan(t) => v < t,
            TargetKind::RankAtMost { rank, .. } => v <= f64::from(rank),
            TargetKind::Qualitative | TargetKind::None | TargetKind::Unrecognised => {
                return Assessment::NotAssessable;
            }
        };
        if met { Assessment::Met } else { Assessment::NotMet }
    }
}

/// Whether and when an agency sent its workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Receipt {
    OnTime,
    Late,
    Missing,
}

impl Receipt {
    pub fn label(self) -> &'static str {
        match self {
            Receipt::OnTime => "Đúng hạn",
            Receipt::Late => "Chậm",
            Receipt::Missing => "Chưa gửi",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyResult {
    pub id: AgencyId,
    pub name: String,
    pub receipt: Receipt,
    /// The workbook used.
    pub file: Option<String>,
    #[serde(serialize_with = "opt_date", deserialize_with = "opt_date_de")]
    pub sent_on: Option<Date>,
    /// Files of the agency replaced by a later one, or refused.
    pub superseded: Vec<String>,
    pub refused: Vec<String>,
    pub errors: usize,
    pub warnings: usize,
    pub tasks_expected: usize,
    pub tasks_answered: usize,
    pub indicators_expected: usize,
    pub indicators_answered: usize,
    /// Whether and when the agency sent last period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Receipt>,
    /// Answers sent back as they were last period, for tasks not completed.
    #[serde(default)]
    pub tasks_unchanged: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Answer {
    pub agency: AgencyId,
    pub role: Role,
    pub status: Option<Status>,
    /// As typed.
    pub status_text: String,
    #[serde(serialize_with = "opt_date", deserialize_with = "opt_date_de")]
    pub completed: Option<Date>,
    pub achieved: String,
    pub difficulties: String,
    pub proposals: String,
    /// Where the answer was read (file › sheet › cell).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
    /// The period the answer was given in, when it is carried from an
    /// earlier one: a completed task needs no new answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Period>,
    /// How the answer compares with the same agency's in the previous
    /// period; `None` without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// Results of earlier periods of the same span (the first half in the
    /// year's report) that this answer's text does not repeat.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Earlier>,
}

impl Answer {
    /// Whether the two report the same progress: status, completion date
    /// and result, the fields a workbook is prefilled with (difficulties
    /// and proposals are each period's own).
    pub fn same_progress(&self, other: &Answer) -> bool {
        let status = match (self.status, other.status) {
            (Some(a), Some(b)) => a == b,
            _ => self.status_text == other.status_text,
        };
        status && self.completed == other.completed && self.achieved == other.achieved
    }
}

/// An answer against the same agency's answer of the previous period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// No answer last period.
    New,
    /// Answered again, with something changed.
    Updated,
    /// Last period's answer sent back as it was.
    Unchanged,
    /// Not answered this period: last period's answer stands.
    Carried,
}

impl Change {
    pub fn label(self) -> &'static str {
        match self {
            Change::New => "Mới",
            Change::Updated => "Cập nhật",
            Change::Unchanged => "Giữ nguyên kỳ trước",
            Change::Carried => "Theo báo cáo kỳ trước",
        }
    }
}

/// A result reported in an earlier period, kept by a cumulative report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Earlier {
    pub period: Period,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskResult {
    pub number: TaskNo,
    pub group: String,
    pub name: String,
    pub lead: Vec<AgencyId>,
    pub deadline: Deadline,
    /// Not completed and due before the end of the period's cut-off.
    pub overdue: bool,
    pub status: Consolidated,
    pub leads_expected: usize,
    pub leads_answered: usize,
    pub answers: Vec<Answer>,
    /// The consolidated status of the previous period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Consolidated>,
    /// Completed last period, reported as not completed now.
    #[serde(default)]
    pub backwards: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorReport {
    pub agency: AgencyId,
    pub value: Option<Value>,
    pub source: String,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Location>,
    /// The period of a value carried into a cumulative report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<Period>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndicatorResult {
    pub number: IndicatorNo,
    pub group: String,
    pub name: String,
    pub unit: String,
    pub target: Target,
    /// The value of the first tracking agency (in the plan's order) that
    /// reported one: the agency named first leads the tracking.
    pub value: Option<Value>,
    pub value_from: Option<AgencyId>,
    pub assessment: Assessment,
    /// Every tracking agency's report, in the plan's order.
    pub reports: Vec<IndicatorReport>,
    /// Whether the agencies that reported a value gave different ones.
    #[serde(default)]
    pub disagree: bool,
    /// The value and assessment of the previous period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_assessment: Option<Assessment>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Narrative {
    pub agency: AgencyId,
    pub section: Section,
    pub text: String,
}

/// Every input file and what became of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileResult {
    pub file: String,
    pub agency: Option<AgencyId>,
    #[serde(rename = "use")]
    pub usage: FileUse,
    pub errors: usize,
    pub warnings: usize,
    /// Size in bytes and SHA-256 of the file as it was read, for the archive.
    pub size: u64,
    pub sha256: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileUse {
    Used,
    Superseded,
    Refused,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanRef {
    pub code: String,
    pub fingerprint: String,
}

/// Which earlier period's data a period was merged against.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviousRef {
    pub period: Period,
    /// The previous period lies within this one (the first half within the
    /// year): its results are carried, not only its completed tasks.
    pub cumulative: bool,
    /// Its `tong-hop.json`, as named when read, and that file's SHA-256.
    pub file: String,
    pub sha256: String,
}

/// A period's totals, for the history chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub period: Period,
    pub tasks_total: usize,
    pub tasks_done: usize,
    pub agencies_total: usize,
    pub agencies_sent: usize,
}

impl Point {
    pub fn of(data: &PeriodData) -> Point {
        Point {
            period: data.period,
            tasks_total: data.tasks.len(),
            tasks_done: data.tasks.iter().filter(|t| t.status.is_done()).count(),
            agencies_total: data.agencies.len(),
            agencies_sent: data.agencies.iter().filter(|a| a.receipt != Receipt::Missing).count(),
        }
    }
}

/// The merged data of a period.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeriodData {
    pub format: u32,
    pub plan: PlanRef,
    pub period: Period,
    /// The period compared with and carried from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousRef>,
    /// Earlier periods, oldest first, as far as the chain of previous
    /// periods goes: what the "tasks completed per period" chart shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Point>,
    #[serde(serialize_with = "date_se", deserialize_with = "date_de")]
    pub deadline: Date,
    pub agencies: Vec<AgencyResult>,
    pub tasks: Vec<TaskResult>,
    pub indicators: Vec<IndicatorResult>,
    pub narratives: Vec<Narrative>,
    pub files: Vec<FileResult>,
    pub diagnostics: Vec<Diagnostic>,
}

impl PeriodData {
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// What `merge` takes: the workbooks read, and those refused outright.
pub struct Inputs {
    pub read: Vec<Submission>,
    /// Files not merged: the name, the agencies it may belong to, why.
    pub refused: Vec<(String, Vec<AgencyId>, Vec<Diagnostic>)>,
    /// Problems with the inputs as a whole (a file that is not a spreadsheet).
    pub general: Vec<Diagnostic>,
    /// Size and SHA-256 of every file read, by the name used in messages.
    pub hashes: BTreeMap<String, (u64, String)>,
}

/// Merges the period's workbooks. Of two workbooks of one agency, the one
/// with the later "Ngày gửi báo cáo" wins (then the later file name); the
/// other is listed as superseded and not merged.
pub fn merge(plan: &Plan, period: Period, deadline: Date, inputs: Inputs) -> PeriodData {
    let hashes = inputs.hashes;
    let hash = |file: &str| hashes.get(file).cloned().unwrap_or_default();
    let mut diagnostics = inputs.general;
    let mut files = Vec::new();
    let mut by_agency: BTreeMap<AgencyId, Vec<Submission>> = BTreeMap::new();
    for s in inputs.read {
        by_agency.entry(s.agency.clone()).or_default().push(s);
    }
    let mut used: BTreeMap<AgencyId, Submission> = BTreeMap::new();
    let mut superseded: BTreeMap<AgencyId, Vec<String>> = BTreeMap::new();
    for (agency, mut subs) in by_agency {
        subs.sort_by(|a, b| (a.entries.sent_on, &a.file).cmp(&(b.entries.sent_on, &b.file)));
        let winner = subs.pop().expect("a group has at least one submission");
        for s in subs {
            diagnostics.push(Diagnostic::warning(
                Location::file(&s.file),
                format!(
                    "{} có hai tệp cho kỳ này — tệp này được thay bằng {} (ngày gửi {}), không được tổng hợp",
                    plan.agency_name(&agency),
                    winner.file,
                    winner.entries.sent_on.map_or("không ghi".to_owned(), vn::date)
                ),
            ));
            files.push(file_result(&s, FileUse::Superseded, hash(&s.file)));
            diagnostics.extend(s.diagnostics.iter().cloned());
            superseded.entry(agency.clone()).or_default().push(s.file);
        }
        files.push(file_result(&winner, FileUse::Used, hash(&winner.file)));
        diagnostics.extend(winner.diagnostics.iter().cloned());
        used.insert(agency, winner);
    }
    let mut refused_by: BTreeMap<AgencyId, Vec<String>> = BTreeMap::new();
    for (file, agencies, diags) in inputs.refused {
        let (size, sha256) = hash(&file);
        files.push(FileResult {
            file: file.clone(),
            agency: agencies.first().cloned(),
            usage: FileUse::Refused,
            errors: diags.iter().filter(|d| d.is_error()).count(),
            warnings: diags.iter().filter(|d| !d.is_error()).count(),
            size,
            sha256,
        });
        diagnostics.extend(diags);
        // A file several agencies may own counts as refused for each.
        for a in agencies {
            refused_by.entry(a).or_default().push(file.clone());
        }
    }
    files.sort_by(|a, b| a.file.cmp(&b.file));

    let agencies = assignments(plan)
        .iter()
        .map(|share| {
            let id = &share.agency.id;
            let sub = used.get(id);
            let receipt = match sub.map(|s| s.entries.sent_on) {
                None => Receipt::Missing,
                Some(Some(d)) if d > deadline => Receipt::Late,
                Some(_) => Receipt::OnTime,
            };
            let answered_tasks =
                sub.map_or(0, |s| s.entries.tasks.values().filter(|e| !e.status.is_empty()).count());
            let answered_indicators =
                sub.map_or(0, |s| s.entries.indicators.values().filter(|e| e.value.is_some()).count());
            AgencyResult {
                id: id.clone(),
                name: share.agency.name.clone(),
                receipt,
                file: sub.map(|s| s.file.clone()),
                sent_on: sub.and_then(|s| s.entries.sent_on),
                superseded: superseded.get(id).cloned().unwrap_or_default(),
                refused: refused_by.get(id).cloned().unwrap_or_default(),
                errors: sub.map_or(0, |s| s.diagnostics.iter().filter(|d| d.is_error()).count()),
                warnings: sub.map_or(0, |s| s.diagnostics.iter().filter(|d| !d.is_error()).count()),
                tasks_expected: share.leads.len() + share.coordinates.len(),
                tasks_answered: answered_tasks,
                indicators_expected: share.indicators.len(),
                indicators_answered: answered_indicators,
                previous: None,
                tasks_unchanged: 0,
            }
        })
        .collect();

    // Each answer moves from its workbook to its task, so its texts are held
    // once (at national scale they are most of the memory).
    let mut answers: BTreeMap<TaskNo, Vec<Answer>> = BTreeMap::new();
    for (agency, s) in &mut used {
        for (number, entry) in std::mem::take(&mut s.entries.tasks) {
            if entry.is_empty() {
                continue;
            }
            let at = s.places.tasks.get(&number).cloned();
            let answer = Answer {
                agency: agency.clone(),
                role: s.roles.get(&number).copied().unwrap_or(Role::Coordinator),
                status: s.statuses.get(&number).copied(),
                status_text: entry.status,
                completed: entry.completed,
                achieved: entry.achieved,
                difficulties: entry.difficulties,
                proposals: entry.proposals,
                at,
                carried_from: None,
                change: None,
                earlier: Vec::new(),
            };
            answers.entry(number).or_default().push(answer);
        }
    }
    let cut_end = period.cutoff().1;
    let tasks = plan
        .tasks()
        .map(|(group, task)| {
            let answers = answers.remove(&task.number).unwrap_or_default();
            task_result(plan, &group.number, task, answers, cut_end)
        })
        .collect();
    let indicators = plan
        .indicators()
        .map(|(group, ind)| {
            // In the plan's order, each agency once (a group may hold one named before it).
            let mut seen = BTreeSet::new();
            let order: Vec<AgencyId> = ind
                .tracking
                .iter()
                .flat_map(|id| plan.registry.expand(id))
                .filter(|id| seen.insert(id.clone()))
                .collect();
            let reports: Vec<IndicatorReport> = order
                .iter()
                .filter_map(|a| {
                    let s = used.get(a)?;
                    let e = s.entries.indicators.get(&ind.number)?;
                    Some(IndicatorReport {
                        agency: a.clone(),
                        value: e.value.clone(),
                        source: e.source.clone(),
                        note: e.note.clone(),
                        at: s.places.indicators.get(&ind.number).cloned(),
                        carried_from: None,
                    })
                })
                .collect();
            indicator_result(&group.number, ind, reports)
        })
        .collect();
    let narratives = used
        .into_iter()
        .flat_map(|(agency, s)| {
            s.entries.sections.into_iter().map(move |(section, text)| Narrative {
                agency: agency.clone(),
                section,
                text,
            })
        })
        .collect();
    PeriodData {
        format: FORMAT,
        plan: PlanRef { code: plan.info.code.clone(), fingerprint: plan.fingerprint() },
        period,
        previous: None,
        history: Vec::new(),
        deadline,
        agencies,
        tasks,
        indicators,
        narratives,
        files,
        diagnostics,
    }
}

/// Two reported values that say the same: equal numbers (to a millionth),
/// or texts equal but for case, diacritics and punctuation.
pub(crate) fn same_value(a: &Value, b: Option<&Value>) -> bool {
    match (a, b) {
        (Value::Number(x), Some(Value::Number(y))) => (x - y).abs() <= 1e-6 * x.abs().max(y.abs()).max(1.0),
        (Value::Text(x), Some(Value::Text(y))) => crate::text::fold(x) == crate::text::fold(y),
        _ => false,
    }
}

fn file_result(s: &Submission, usage: FileUse, (size, sha256): (u64, String)) -> FileResult {
    let errors = s.diagnostics.iter().filter(|d| d.is_error()).count();
    FileResult {
        file: s.file.clone(),
        agency: Some(s.agency.clone()),
        usage,
        errors,
        warnings: s.diagnostics.len() - errors,
        size,
        sha256,
    }
}

pub(crate) fn task_result(
    plan: &Plan,
    group: &str,
    task: &Task,
    answers: Vec<Answer>,
    cut_end: Date,
) -> TaskResult {
    let leads: BTreeSet<AgencyId> = task
        .lead
        .iter()
        .flat_map(|id| plan.registry.expand(id))
        .filter(|id| plan.registry.agency(id).is_some_and(|a| a.reports))
        .collect();
    let lead_status: Vec<(Status, Option<Date>)> = answers
        .iter()
        .filter(|a| a.role == Role::Lead && leads.contains(&a.agency))
        .filter_map(|a| a.status.map(|s| (s, a.completed)))
        .collect();
    let recurring = task.deadline.is_recurring();
    let due = if recurring { None } else { task.deadline.due() };
    let all_done =
        !leads.is_empty() && lead_status.len() == leads.len() && lead_status.iter().all(|(s, _)| s.is_done());
    let past_due = due.is_some_and(|d| d < cut_end);
    let status = if lead_status.is_empty() {
        if past_due { Consolidated::Overdue } else { Consolidated::NoData }
    } else if all_done {
        let late = lead_status
            .iter()
            .any(|(s, done)| *s == Status::DoneLate || matches!((due, done), (Some(d), Some(c)) if c > &d));
        if late { Consolidated::DoneLate } else { Consolidated::DoneOnTime }
    } else if past_due {
        Consolidated::Overdue
    } else if lead_status.iter().any(|(s, _)| *s != Status::NotStarted) {
        if recurring { Consolidated::Ongoing } else { Consolidated::InProgress }
    } else {
        Consolidated::NotStarted
    };
    TaskResult {
        number: task.number.clone(),
        group: group.to_owned(),
        name: task.name.clone(),
        lead: task.lead.clone(),
        deadline: task.deadline.clone(),
        overdue: status == Consolidated::Overdue,
        status,
        leads_expected: leads.len(),
        leads_answered: lead_status.len(),
        answers,
        previous: None,
        backwards: false,
    }
}

/// An indicator's result from its agencies' reports, in the plan's order:
/// the value of the first that gave one.
pub(crate) fn indicator_result(
    group: &str,
    ind: &crate::plan::Indicator,
    reports: Vec<IndicatorReport>,
) -> IndicatorResult {
    let first = reports.iter().find(|r| r.value.is_some());
    let value = first.and_then(|r| r.value.clone());
    let value_from = first.map(|r| r.agency.clone());
    let disagree = reports.iter().filter_map(|r| r.value.as_ref()).any(|v| !same_value(v, value.as_ref()));
    IndicatorResult {
        number: ind.number.clone(),
        group: group.to_owned(),
        name: ind.name.clone(),
        unit: ind.unit.clone(),
        target: ind.target.clone(),
        assessment: Assessment::of(&ind.target, value.as_ref()),
        value,
        value_from,
        reports,
        disagree,
        previous: None,
        previous_assessment: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assessments_against_each_target_kind() {
        let n = |v: f64| Some(Value::Number(v));
        let t = |p: &str, u: &str| Target::parse(p, u);
        assert_eq!(Assessment::of(&t("≥ 95", "%"), n(95.0).as_ref()), Assessment::Met);
        assert_eq!(Assessment::of(&t("≥ 95", "%"), n(94.9).as_ref()), Assessment::NotMet);
        assert_eq!(Assessment::of(&t(">0,7", "HDI"), n(0.7).as_ref()), Assessment::NotMet);
        assert_eq!(Assessment::of(&t("100", "%"), n(100.0).as_ref()), Assessment::Met);
        assert_eq!(Assessment::of(&t("16 - 18", "%"), n(17.0).as_ref()), Assessment::Met);
        assert_eq!(Assessment::of(&t("≤ 30 các tỉnh", "Thứ bậc"), n(31.0).as_ref()), Assessment::NotMet);
        assert_eq!(Assessment::of(&t("≤ 30 các tỉnh", "Thứ bậc"), n(12.0).as_ref()), Assessment::Met);
        assert_eq!(Assessment::of(&t("Phát triển khá", ""), n(1.0).as_ref()), Assessment::NotAssessable);
        assert_eq!(Assessment::of(&t("≥ 95", "%"), None), Assessment::NoData);
    }
}
