//! A period's data against the previous period's: what carries over (a
//! task completed earlier stays completed without a new answer; in a
//! report whose span holds the previous one, every earlier result), how
//! each answer compares with last period's, and what moved backwards.
//!
//! It works on two merged `PeriodData`, so that the chain of periods needs
//! nothing but the `tong-hop.json` of the one before: that file already
//! holds what was carried into it.

use std::collections::{BTreeMap, HashMap};

use super::{
    Answer, Change, Earlier, IndicatorReport, PeriodData, Point, PreviousRef, indicator_result, same_value,
    task_result,
};
use crate::diag::{Diagnostic, Location};
use crate::form::{Role, Status};
use crate::plan::Plan;
use crate::plan::ids::AgencyId;
use crate::text::fold;
use crate::vn;

/// Where the previous period's data was read.
pub struct Source<'a> {
    pub data: &'a PeriodData,
    /// The file as named in messages, and its SHA-256.
    pub file: String,
    pub sha256: String,
}

/// Merges `prev` into `data`: carried answers and values, comparisons,
/// warnings for answers sent back unchanged and statuses going backwards.
pub fn apply(plan: &Plan, data: &mut PeriodData, prev: &Source) {
    let before = prev.data;
    let period = before.period;
    let cumulative = data.period.covers(&period);
    let mut notes: Vec<(AgencyId, Diagnostic)> = Vec::new();
    // Per agency, the tasks in progress whose answer came back as it was.
    let mut untouched: BTreeMap<AgencyId, Vec<(crate::plan::ids::TaskNo, Option<Location>)>> =
        BTreeMap::new();

    let earlier_tasks: HashMap<&crate::plan::ids::TaskNo, &super::TaskResult> =
        before.tasks.iter().map(|t| (&t.number, t)).collect();
    let cut_end = data.period.cutoff().1;
    let plan_tasks: HashMap<&crate::plan::ids::TaskNo, (&str, &crate::plan::Task)> =
        plan.tasks().map(|(g, t)| (&t.number, (g.number.as_str(), t))).collect();
    for task in &mut data.tasks {
        let Some(old) = earlier_tasks.get(&task.number) else { continue };
        let Some(&(group, planned)) = plan_tasks.get(&task.number) else { continue };
        let mut answers = std::mem::take(&mut task.answers);
        for a in &mut answers {
            let Some(o) = old.answers.iter().find(|o| o.agency == a.agency) else {
                a.change = Some(Change::New);
                continue;
            };
            a.change = Some(if a.same_progress(o) { Change::Unchanged } else { Change::Updated });
            if cumulative {
                a.earlier = earlier_of(o, period, &a.achieved);
            }
        }
        // Agencies that did not answer this time: a completed task stays
        // completed; in a cumulative report every earlier answer stands.
        for o in &old.answers {
            let answered = answers.iter().any(|a| a.agency == o.agency);
            let done = o.status.is_some_and(Status::is_done);
            if answered || !(done || cumulative) || plan.registry.agency(&o.agency).is_none() {
                continue;
            }
            let mut carried = o.clone();
            carried.carried_from = Some(o.carried_from.unwrap_or(period));
            carried.change = Some(Change::Carried);
            answers.push(carried);
        }
        let mut merged = task_result(plan, group, planned, answers, cut_end);
        merged.previous = Some(old.status);
        merged.backwards = old.status.is_done() && !merged.status.is_done();
        if merged.backwards {
            backwards_notes(plan, &merged, old, period, &mut notes);
        }
        for a in merged.answers.iter().filter(|a| a.change == Some(Change::Unchanged)) {
            if a.status.is_some_and(in_progress) {
                untouched.entry(a.agency.clone()).or_default().push((merged.number.clone(), a.at.clone()));
            }
        }
        *task = merged;
    }

    for (agency, tasks) in untouched {
        notes.push((agency, untouched_note(&tasks, period)));
    }

    let earlier_indicators: HashMap<&crate::plan::ids::IndicatorNo, &super::IndicatorResult> =
        before.indicators.iter().map(|i| (&i.number, i)).collect();
    let plan_indicators: HashMap<&crate::plan::ids::IndicatorNo, (&str, &crate::plan::Indicator)> =
        plan.indicators().map(|(g, i)| (&i.number, (g.number.as_str(), i))).collect();
    for ind in &mut data.indicators {
        let Some(old) = earlier_indicators.get(&ind.number) else { continue };
        let Some(&(group, planned)) = plan_indicators.get(&ind.number) else { continue };
        for r in &ind.reports {
            let Some(o) = old.reports.iter().find(|o| o.agency == r.agency) else { continue };
            if r.value.is_some() && same_report(r, o) {
                notes.push((
                    r.agency.clone(),
                    Diagnostic::warning(
                        r.at.clone().unwrap_or_else(|| Location::file("?")),
                        format!(
                            "chỉ tiêu {}: số liệu, nguồn và ghi chú giống hệt báo cáo {} — nếu đã có số liệu mới, hãy cập nhật (vẫn được tổng hợp như đã ghi)",
                            ind.number,
                            period.name()
                        ),
                    ),
                ));
            }
        }
        let mut reports = std::mem::take(&mut ind.reports);
        if cumulative {
            // A value of the first half stands in the year's report until a
            // newer one is given.
            for o in old.reports.iter().filter(|o| o.value.is_some()) {
                match reports.iter_mut().find(|r| r.agency == o.agency) {
                    Some(r) if r.value.is_some() => {}
                    Some(r) => {
                        r.value = o.value.clone();
                        r.carried_from = Some(o.carried_from.unwrap_or(period));
                    }
                    None => reports.push(IndicatorReport {
                        carried_from: Some(o.carried_from.unwrap_or(period)),
                        ..o.clone()
                    }),
                }
            }
            let order: Vec<&AgencyId> = old.reports.iter().map(|r| &r.agency).collect();
            reports.sort_by_key(|r| order.iter().position(|a| **a == r.agency).unwrap_or(usize::MAX));
        }
        let mut merged = indicator_result(group, planned, reports);
        merged.previous = old.value.clone();
        merged.previous_assessment = Some(old.assessment);
        *ind = merged;
    }

    let receipts: HashMap<&AgencyId, super::Receipt> =
        before.agencies.iter().map(|a| (&a.id, a.receipt)).collect();
    let mut unchanged: BTreeMap<&AgencyId, usize> = BTreeMap::new();
    for a in data.tasks.iter().flat_map(|t| &t.answers) {
        if a.change == Some(Change::Unchanged) && a.status.is_some_and(in_progress) {
            *unchanged.entry(&a.agency).or_default() += 1;
        }
    }
    let mut warned: BTreeMap<AgencyId, usize> = BTreeMap::new();
    for (agency, _) in &notes {
        *warned.entry(agency.clone()).or_default() += 1;
    }
    for a in &mut data.agencies {
        a.previous = receipts.get(&a.id).copied();
        a.tasks_unchanged = unchanged.get(&a.id).copied().unwrap_or(0);
        a.warnings += warned.get(&a.id).copied().unwrap_or(0);
    }
    for f in &mut data.files {
        if let Some(agency) = &f.agency
            && f.usage == super::FileUse::Used
        {
            f.warnings += warned.get(agency).copied().unwrap_or(0);
        }
    }
    data.diagnostics.extend(notes.into_iter().map(|(_, d)| d));
    data.previous =
        Some(PreviousRef { period, cumulative, file: prev.file.clone(), sha256: prev.sha256.clone() });
    data.history = before.history.clone();
    data.history.push(Point::of(before));
}

/// A task under way: its answer is expected to move from one period to the next.
fn in_progress(s: Status) -> bool {
    matches!(s, Status::InProgressOnTime | Status::InProgressLate | Status::Ongoing)
}

/// One warning per workbook for the tasks in progress it answered exactly
/// as last period, each with its cell.
fn untouched_note(
    tasks: &[(crate::plan::ids::TaskNo, Option<Location>)],
    period: crate::period::Period,
) -> Diagnostic {
    let at = tasks.iter().find_map(|(_, at)| at.clone()).unwrap_or_else(|| Location::file("?"));
    let listed: Vec<String> = tasks
        .iter()
        .map(|(n, at)| match at.as_ref().and_then(|a| a.cell.as_deref()) {
            Some(cell) => format!("{n} (ô {cell})"),
            None => n.to_string(),
        })
        .collect();
    let what = if tasks.len() == 1 {
        format!("nhiệm vụ {}", listed[0])
    } else {
        format!("{} nhiệm vụ: {}", tasks.len(), listed.join(", "))
    };
    Diagnostic::warning(
        at,
        format!(
            "giữ nguyên câu trả lời báo cáo {} (tình trạng, ngày hoàn thành, kết quả) cho {what} đang triển khai — \
             hãy cập nhật tiến độ kỳ này; nếu thật sự không có gì mới, ghi rõ vào cột «{}» (vẫn được tổng hợp như đã ghi)",
            period.name(),
            crate::form::TaskCol::Achieved.header()
        ),
    )
}

/// The results of `old` (and those it carried) that `text` does not repeat.
fn earlier_of(old: &Answer, period: crate::period::Period, text: &str) -> Vec<Earlier> {
    let folded = fold(text);
    let mut out: Vec<Earlier> = old.earlier.clone();
    out.push(Earlier { period: old.carried_from.unwrap_or(period), text: old.achieved.clone() });
    out.retain(|e| !e.text.trim().is_empty() && !folded.contains(&fold(&e.text)));
    out
}

fn same_report(a: &IndicatorReport, b: &IndicatorReport) -> bool {
    let value = match (&a.value, &b.value) {
        (Some(x), y @ Some(_)) => same_value(x, y.as_ref()),
        (None, None) => true,
        _ => false,
    };
    value && a.source == b.source && a.note == b.note
}

/// A task completed last period and not now: said at each lead answer that
/// moved it back.
fn backwards_notes(
    plan: &Plan,
    task: &super::TaskResult,
    old: &super::TaskResult,
    period: crate::period::Period,
    notes: &mut Vec<(AgencyId, Diagnostic)>,
) {
    let when = old
        .answers
        .iter()
        .filter(|a| a.role == Role::Lead)
        .filter_map(|a| a.completed)
        .max()
        .map(|d| format!(", ngày {}", vn::date(d)))
        .unwrap_or_default();
    for a in task.answers.iter().filter(|a| a.role == Role::Lead && a.change != Some(Change::Carried)) {
        if a.status.is_some_and(Status::is_done) {
            continue;
        }
        let at = a.at.clone().unwrap_or_else(|| Location::file("?"));
        notes.push((
            a.agency.clone(),
            Diagnostic::warning(
                at,
                format!(
                    "nhiệm vụ số {}: báo cáo {} ghi đã hoàn thành ({}{when}), kỳ này {} ghi «{}» — tình trạng lùi lại. \
                     Nếu nhiệm vụ phải thực hiện lại, hãy nêu lý do ở cột «Khó khăn, vướng mắc»; nếu không, chọn lại tình trạng đã hoàn thành",
                    task.number,
                    period.name(),
                    old.status.label(),
                    plan.agency_name(&a.agency),
                    a.status_text
                ),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_results_are_kept_unless_repeated() {
        let p = crate::period::Period::parse("2025-H1").unwrap();
        let old = Answer {
            agency: AgencyId::parse("stc").unwrap(),
            role: Role::Lead,
            status: Some(Status::InProgressOnTime),
            status_text: "Đang thực hiện".into(),
            completed: None,
            achieved: "Đã ban hành kế hoạch.".into(),
            difficulties: String::new(),
            proposals: String::new(),
            at: None,
            carried_from: None,
            change: None,
            earlier: Vec::new(),
        };
        assert_eq!(earlier_of(&old, p, "Đã ban hành kế hoạch. Đã tổ chức hội nghị.").len(), 0);
        let kept = earlier_of(&old, p, "Đã tổ chức hội nghị.");
        assert_eq!(kept, vec![Earlier { period: p, text: "Đã ban hành kế hoạch.".into() }]);
    }
}
