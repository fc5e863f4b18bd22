//! A period's merged data: every agency's answers put together per task,
//! per indicator and per agency, with a consolidated status, an assessment
//! of each indicator and who sent what when. This is what `report` reads
//! (as `tong-hop.json`).

use std::collections::{BTreeMap, BTreeSet};

use time::Date;

use crate::diag::{Diagnostic, Location};
use crate::form::{Role, Status, Value};
use crate::intake::read::Submission;
use crate::period::Period;
use crate::plan::assign::assignments;
use crate::plan::ids::{AgencyId, TaskNo};
use crate::plan::{Plan, Task};
use crate::vn;

pub mod carry;
mod data;
pub mod history;

pub use data::*;

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
