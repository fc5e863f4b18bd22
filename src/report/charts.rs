//! The numbers of the «Biểu đồ» appendix, computed once from the period's
//! data: the PDF draws them with Typst, the Word twin carries the same
//! drawing as pictures, the Excel file has native charts over the numbers.
//! Every count is the one the tables and the narrative give.

use serde::Serialize;

use crate::form::Value as Reported;
use crate::merge::{Assessment, Consolidated, PeriodData, Receipt};
use crate::plan::Plan;
use crate::plan::target::TargetKind;
use crate::vn;

/// Bars split into parts: one bar per category, one part per series.
#[derive(Debug, Clone, Serialize)]
pub struct Stacked {
    pub title: String,
    pub categories: Vec<String>,
    /// Each series: its name and one value per category.
    pub series: Vec<(String, Vec<usize>)>,
}

/// Simple bars: a label, a count, and the shade of the bar (an index into
/// the layout's shades: 0 done/met, 1 in progress/late, 2 overdue/not met,
/// 3 not started/not assessable, 4 no data).
#[derive(Debug, Clone, Serialize)]
pub struct Bars {
    pub title: String,
    pub bars: Vec<(String, usize, u8)>,
}

/// A numeric indicator's value against its target.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    /// `Chỉ tiêu 4`.
    pub label: String,
    /// The indicator's name, cut between words to fit a chart's label.
    pub name: String,
    /// How far the value is towards the target (1 = reached), for the bar.
    /// A ceiling («≤ 40», a rank) that is kept reads as reached, never as
    /// exceeded: under a ceiling, less is not more.
    pub ratio: f64,
    /// `95,5 / ≥ 95 %`.
    pub text: String,
    pub met: bool,
}

impl Progress {
    /// The bar's length as a share of the target, in per cent (the Excel chart).
    pub fn percent(&self) -> f64 {
        (self.ratio * 1000.0).round() / 10.0
    }
}

/// How long an indicator's name may be on a chart (two lines at 10 pt
/// beside a bar, one Excel axis label).
const NAME_CHARS: usize = 60;

#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub tasks: Stacked,
    /// `None` for a plan without indicators: no chart of zeros.
    pub assessments: Option<Bars>,
    pub targets: Vec<Progress>,
    pub receipts: Bars,
    /// Tasks completed at the end of each period, oldest first, this one
    /// last; `None` without history.
    pub history: Option<Bars>,
}

/// The status parts of the task chart, in the order drawn.
pub const TASK_PARTS: [&str; 5] =
    ["Đã hoàn thành", "Đang triển khai", "Quá hạn", "Chưa triển khai", "Chưa có báo cáo"];

fn part(s: Consolidated) -> usize {
    match s {
        Consolidated::DoneOnTime | Consolidated::DoneLate => 0,
        Consolidated::InProgress | Consolidated::Ongoing => 1,
        Consolidated::Overdue => 2,
        Consolidated::NotStarted => 3,
        Consolidated::NoData => 4,
    }
}

pub fn build(plan: &Plan, data: &PeriodData) -> Charts {
    let groups: Vec<&str> = plan.task_groups.iter().map(|g| g.number.as_str()).collect();
    let mut series: Vec<(String, Vec<usize>)> =
        TASK_PARTS.iter().map(|n| ((*n).to_owned(), vec![0; groups.len()])).collect();
    for t in &data.tasks {
        if let Some(g) = groups.iter().position(|g| *g == t.group) {
            series[part(t.status)].1[g] += 1;
        }
    }
    let tasks = Stacked {
        title: "Tình trạng các nhiệm vụ theo nhóm".into(),
        categories: groups.iter().map(|g| format!("Nhóm {g}")).collect(),
        series,
    };
    let count =
        |a: Assessment| data.indicators.iter().filter(|i| i.assessment == a && !i.is_heading()).count();
    let has_indicators = data.indicators.iter().any(|i| !i.is_heading());
    let assessments = has_indicators.then(|| Bars {
        title: "Các chỉ tiêu so với mục tiêu".into(),
        bars: [
            (Assessment::Met, 0),
            (Assessment::NotMet, 2),
            (Assessment::NoData, 4),
            (Assessment::NotAssessable, 3),
        ]
        .into_iter()
        .map(|(a, shade)| (a.label().to_owned(), count(a), shade))
        .collect(),
    });
    let targets = data
        .indicators
        .iter()
        .filter_map(|i| {
            let Some(Reported::Number(v)) = i.value else { return None };
            let ratio = match *i.target.kind() {
                TargetKind::AtLeast(t)
                | TargetKind::GreaterThan(t)
                | TargetKind::Equal(t)
                | TargetKind::Range(t, _)
                    if t > 0.0 =>
                {
                    v / t
                }
                TargetKind::AtMost(t) | TargetKind::LessThan(t) if v > 0.0 => (t / v).min(1.0),
                TargetKind::AtMost(_) | TargetKind::LessThan(_) => 1.0,
                TargetKind::RankAtMost { rank, .. } if v > 0.0 => (f64::from(rank) / v).min(1.0),
                _ => return None,
            };
            Some(Progress {
                label: format!("Chỉ tiêu {}", i.number),
                name: crate::text::clip_words(&i.name, NAME_CHARS),
                ratio: ratio.clamp(0.0, 1.5),
                text: format!("{} / {}", vn::number(v), i.target.printed()),
                met: i.assessment == Assessment::Met,
            })
        })
        .collect();
    let receipt = |r: Receipt| data.agencies.iter().filter(|a| a.receipt == r).count();
    let receipts = Bars {
        title: "Tình hình gửi báo cáo của các cơ quan, đơn vị".into(),
        bars: [(Receipt::OnTime, 0), (Receipt::Late, 1), (Receipt::Missing, 2)]
            .into_iter()
            .map(|(r, shade)| (r.label().to_owned(), receipt(r), shade))
            .collect(),
    };
    let history = (!data.history.is_empty()).then(|| {
        let now = crate::merge::Point::of(data);
        Bars {
            title: "Số nhiệm vụ đã hoàn thành qua các kỳ báo cáo".into(),
            bars: data.history.iter().chain([&now]).map(|p| (p.period.name(), p.tasks_done, 0)).collect(),
        }
    });
    Charts { tasks, assessments, targets, receipts, history }
}

/// The charts as Typst reads them: counts and labels ready to print.
pub fn typst(c: &Charts) -> serde_json::Value {
    use serde_json::json;
    let bars = |b: &Bars| json!({"title": b.title, "bars": b.bars.iter().map(|(l, n, shade)| json!({"label": l, "value": n, "shade": shade})).collect::<Vec<_>>()});
    json!({
        "tasks": {
            "title": c.tasks.title,
            "categories": c.tasks.categories,
            "series": c.tasks.series.iter().map(|(n, v)| json!({"name": n, "values": v})).collect::<Vec<_>>(),
        },
        "assessments": c.assessments.as_ref().map(bars),
        "receipts": bars(&c.receipts),
        "history": c.history.as_ref().map(bars),
        "targets": c.targets.iter().map(|t| json!({"label": t.label, "name": t.name, "ratio": t.ratio, "text": t.text, "met": t.met})).collect::<Vec<_>>(),
    })
}
