//! The numbers of the «Biểu đồ» appendix, computed once from the period's
//! data: the PDF draws them with Typst, the Excel file with native charts,
//! the Word twin shows them as tables. Every count is the one the tables
//! and the narrative give.

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
    pub label: String,
    /// How far the value is towards the target (1 = reached), for the bar.
    pub ratio: f64,
    /// `95,5 / ≥ 95 %`.
    pub text: String,
    pub met: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Charts {
    pub tasks: Stacked,
    pub assessments: Bars,
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
    let count = |a: Assessment| data.indicators.iter().filter(|i| i.assessment == a).count();
    let assessments = Bars {
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
    };
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
                TargetKind::AtMost(t) | TargetKind::LessThan(t) if v > 0.0 => t / v,
                TargetKind::RankAtMost { rank, .. } if v > 0.0 => f64::from(rank) / v,
                _ => return None,
            };
            Some(Progress {
                label: i.number.to_string(),
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

impl Charts {
    /// The charts' numbers as the rows of a table (the Word twin, and any
    /// reader that cannot draw): one group per chart.
    pub fn table_rows(&self) -> Vec<super::model::Row> {
        use super::model::{Cell, Row};
        let mut rows = vec![Row::Group(self.tasks.title.clone())];
        for (c, category) in self.tasks.categories.iter().enumerate() {
            let parts: Vec<String> = self
                .tasks
                .series
                .iter()
                .map(|(name, v)| format!("{}: {}", name.to_lowercase(), v[c]))
                .collect();
            rows.push(Row::Cells(vec![Cell::Text(category.clone()), Cell::Text(parts.join("; "))]));
        }
        for bars in
            [Some(&self.assessments), Some(&self.receipts), self.history.as_ref()].into_iter().flatten()
        {
            rows.push(Row::Group(bars.title.clone()));
            for (label, n, _) in &bars.bars {
                rows.push(Row::Cells(vec![Cell::Text(label.clone()), Cell::Number(*n as f64)]));
            }
        }
        if !self.targets.is_empty() {
            rows.push(Row::Group("Kết quả các chỉ tiêu định lượng so với mục tiêu".into()));
            for t in &self.targets {
                let verdict = if t.met { "đạt" } else { "chưa đạt" };
                rows.push(Row::Cells(vec![
                    Cell::Text(format!("Chỉ tiêu {}", t.label)),
                    Cell::Text(format!("{} ({verdict})", t.text)),
                ]));
            }
        }
        rows
    }
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
        "assessments": bars(&c.assessments),
        "receipts": bars(&c.receipts),
        "history": c.history.as_ref().map(bars),
        "targets": c.targets.iter().map(|t| json!({"label": t.label, "ratio": t.ratio, "text": t.text, "met": t.met})).collect::<Vec<_>>(),
    })
}
