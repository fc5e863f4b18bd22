//! The shape of a period's merged data (`tong-hop.json`): what `merge`
//! writes and `report` reads, statuses and assessments with their labels.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::diag::{Diagnostic, Location};
use crate::form::{Role, Section, Status, Value, date_de, date_se, opt_date, opt_date_de};
use crate::period::Period;
use crate::plan::deadline::Deadline;
use crate::plan::ids::{AgencyId, IndicatorNo, TaskNo};
use crate::plan::target::{Target, TargetKind};

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
            Assessment::NotAssessable => "Đánh giá định tính",
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

impl IndicatorResult {
    /// A heading row (its sub-indicators carry the numbers): no target of
    /// its own and no value; neither met, nor not met, nor without data.
    pub fn is_heading(&self) -> bool {
        matches!(self.target.kind(), crate::plan::target::TargetKind::None) && self.value.is_none()
    }
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
