//! Last period's answers, to prefill each agency's workbook with: the clerk
//! updates them instead of typing everything again. A task completed
//! earlier comes back completed with its date and needs no new answer.

use std::collections::{BTreeMap, HashMap};

use crate::form::{Entries, IndicatorEntry, TaskEntry, Value};
use crate::merge::{Answer, PeriodData};
use crate::period::Period;
use crate::plan::assign::Assignment;
use crate::plan::ids::{AgencyId, IndicatorNo, TaskNo};
use crate::vn;

/// The previous period's answers, indexed by agency once for all workbooks.
pub struct History {
    pub period: Period,
    tasks: HashMap<AgencyId, BTreeMap<TaskNo, Answer>>,
    indicators: HashMap<AgencyId, BTreeMap<IndicatorNo, IndicatorEntry>>,
}

/// What one agency's workbook is prefilled with, and the note of each row.
#[derive(Debug, Default)]
pub struct Prefill {
    pub entries: Entries,
    pub task_notes: BTreeMap<TaskNo, Note>,
    pub indicator_notes: BTreeMap<IndicatorNo, Note>,
}

/// A prefilled row: what the note on it says, and whether the task is
/// completed (shown apart: it needs no new answer).
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub text: String,
    pub done: bool,
}

impl History {
    pub fn new(data: &PeriodData) -> History {
        let mut tasks: HashMap<AgencyId, BTreeMap<TaskNo, Answer>> = HashMap::new();
        for t in &data.tasks {
            for a in &t.answers {
                tasks.entry(a.agency.clone()).or_default().insert(t.number.clone(), a.clone());
            }
        }
        let mut indicators: HashMap<AgencyId, BTreeMap<IndicatorNo, IndicatorEntry>> = HashMap::new();
        for i in &data.indicators {
            for r in &i.reports {
                let entry =
                    IndicatorEntry { value: r.value.clone(), source: r.source.clone(), note: r.note.clone() };
                indicators.entry(r.agency.clone()).or_default().insert(i.number.clone(), entry);
            }
        }
        History { period: data.period, tasks, indicators }
    }

    /// The prefill of the workbook of `share`, for the tasks and indicators
    /// it has now (the plan may have changed since).
    pub fn prefill(&self, share: &Assignment) -> Prefill {
        let mut out = Prefill::default();
        let empty = BTreeMap::new();
        let answers = self.tasks.get(&share.agency.id).unwrap_or(&empty);
        for number in share.leads.iter().chain(&share.coordinates).map(|t| &t.number) {
            let Some(a) = answers.get(number) else { continue };
            let entry = TaskEntry {
                // A status the program understood is written as the list has
                // it; one it did not is left for the clerk to choose.
                status: a.status.map(|s| s.label().to_owned()).unwrap_or_default(),
                completed: a.completed,
                achieved: a.achieved.clone(),
                difficulties: String::new(),
                proposals: String::new(),
            };
            if entry.is_empty() {
                continue;
            }
            let done = a.status.is_some_and(|s| s.is_done());
            out.task_notes.insert(number.clone(), Note { text: self.task_note(a, done), done });
            out.entries.tasks.insert(number.clone(), entry);
        }
        let empty = BTreeMap::new();
        let values = self.indicators.get(&share.agency.id).unwrap_or(&empty);
        for number in share.indicators.iter().map(|i| &i.number) {
            let Some(e) = values.get(number) else { continue };
            if *e == IndicatorEntry::default() {
                continue;
            }
            let shown = match &e.value {
                Some(Value::Number(v)) => vn::number(*v),
                Some(Value::Text(t)) => format!("«{t}»"),
                None => "chưa có số liệu".to_owned(),
            };
            let text = format!(
                "{} ({}): {shown}. Hãy ghi số liệu kỳ này; nếu không đổi, giữ nguyên và ghi rõ ở cột «Ghi chú».",
                crate::form::PREFILL_NOTE,
                self.period.name()
            );
            out.indicator_notes.insert(number.clone(), Note { text, done: false });
            out.entries.indicators.insert(number.clone(), e.clone());
        }
        out
    }

    fn task_note(&self, a: &Answer, done: bool) -> String {
        let when = a.carried_from.unwrap_or(self.period);
        let status =
            a.status.map_or_else(|| format!("«{}» (chưa hợp lệ)", a.status_text), |s| s.label().to_owned());
        let date = a.completed.map(|d| format!(" ngày {}", vn::date(d))).unwrap_or_default();
        let next = if done {
            "Không cần báo cáo lại; chỉ sửa nếu nhiệm vụ phải thực hiện lại."
        } else {
            "Hãy cập nhật tình trạng và kết quả kỳ này."
        };
        format!("{} ({}): {status}{date}. {next}", crate::form::PREFILL_NOTE, when.name())
    }
}
