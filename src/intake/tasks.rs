//! The task sheet: one row per task, found by its number (TT), so that
//! inserted, sorted or deleted rows read the same. Input columns are read;
//! the columns the template fills from the plan are compared with it, and
//! what a clerk typed there is reported, never dropped without a word.

use std::borrow::Cow;
use std::collections::BTreeMap;

use calamine::Data;

use super::cells::{Reading, cell_date, clean, quoted};
use super::locate::Sheet;
use crate::diag::Location;
use crate::form::{Role, Status, StatusError, TaskCol, TaskEntry};
use crate::plan::Task;
use crate::plan::ids::TaskNo;
use crate::text::fold;
use crate::vn;

/// What one task sheet gave.
#[derive(Debug, Default, PartialEq)]
pub struct TaskRows {
    pub entries: BTreeMap<TaskNo, TaskEntry>,
    pub statuses: BTreeMap<TaskNo, Status>,
    /// Where each task's answer was read: its status cell.
    pub places: BTreeMap<TaskNo, Location>,
}

impl TaskRows {
    /// Whether the clerk typed nothing in it.
    pub fn is_blank(&self) -> bool {
        self.entries.values().all(TaskEntry::is_empty)
    }
}

/// The text the template writes in a column filled from the plan.
fn expected(r: &Reading, col: TaskCol, task: &Task, role: Role) -> String {
    match col {
        TaskCol::Name => task.name.clone(),
        TaskCol::Role => role.label().to_owned(),
        TaskCol::Lead => task.lead.iter().map(|id| r.plan.agency_name(id)).collect::<Vec<_>>().join("; "),
        TaskCol::Expected => task.result.clone(),
        TaskCol::Deadline => task.deadline.printed().to_owned(),
        _ => String::new(),
    }
}

pub fn read(r: &mut Reading, s: &Sheet, roles: &BTreeMap<TaskNo, Role>, titles: &[String]) -> TaskRows {
    let (sheet, range) = (s.name.as_str(), &s.range);
    let mut out = TaskRows::default();
    let Some(table) = r.table_head(s, [TaskCol::Name, TaskCol::Status], titles) else { return out };
    let (header, known) = (table.header, &table.known);
    let col = |c: TaskCol| table.col(c);
    let (end_row, _) = range.end().unwrap_or((0, 0));
    for row in header + 1..=end_row {
        let number_text = col(TaskCol::Number).map(|c| r.text(sheet, range, row, c)).unwrap_or_default();
        let status = col(TaskCol::Status).map(|c| r.text(sheet, range, row, c)).unwrap_or_default();
        let mut prose = |c: TaskCol| col(c).map(|c| r.prose(sheet, range, row, c)).unwrap_or_default();
        let mut entry = TaskEntry {
            status,
            completed: None,
            achieved: prose(TaskCol::Achieved),
            difficulties: prose(TaskCol::Difficulties),
            proposals: prose(TaskCol::Proposals),
        };
        // Columns filled from the plan: converted and reported only if changed.
        let fixed: Vec<(TaskCol, Cow<str>)> = TaskCol::ALL
            .into_iter()
            .filter(|c| !c.is_input() && *c != TaskCol::Number)
            .map(|c| (c, col(c).map_or(Cow::Borrowed(""), |c| Reading::raw(range, row, c))))
            .collect();
        let mut completed_text = String::new();
        if let Some(c) = col(TaskCol::Completed) {
            let cell = range.get_value((row, c)).unwrap_or(&Data::Empty);
            match cell_date(cell) {
                Ok(d) => {
                    if let Some(why) = d.and_then(|d| implausible(r, d)) {
                        r.cell_warn(sheet, row, c, why);
                    }
                    entry.completed = d;
                }
                Err(found) => {
                    completed_text = found.clone();
                    r.cell_error(sheet, row, c, format!(
                        "ngày hoàn thành «{found}» không đọc được — cần ngày dạng ngày/tháng/năm, ví dụ 30/06/2025"
                    ))
                }
            }
        }
        r.stray_cells(sheet, range, row, known);
        // What the row holds, for a message about a row that is not merged.
        let values = || {
            let mut v = vec![
                (TaskCol::Status, entry.status.clone()),
                (TaskCol::Achieved, entry.achieved.clone()),
                (TaskCol::Difficulties, entry.difficulties.clone()),
                (TaskCol::Proposals, entry.proposals.clone()),
            ];
            match entry.completed {
                Some(d) => v.push((TaskCol::Completed, vn::date(d))),
                None => v.push((TaskCol::Completed, completed_text.clone())),
            }
            v
        };
        let at_number = r.at(sheet, row, col(TaskCol::Number).unwrap_or(0));
        if number_text.is_empty() {
            let mut all = values();
            all.extend(fixed.iter().map(|(c, v)| (*c, clean(v))));
            if all.iter().any(|(_, v)| !v.is_empty()) {
                r.error(at_number, format!(
                    "dòng {} có nội dung nhưng không có số thứ tự (TT){} — cần TT của nhiệm vụ (Phụ lục II) để biết nội dung thuộc nhiệm vụ nào; dòng này không được tổng hợp",
                    row + 1, quoted(&all)
                ));
            }
            continue;
        }
        let Some(number) = TaskNo::parse(&number_text) else {
            r.error(at_number, format!(
                "TT «{number_text}» không phải số thứ tự nhiệm vụ — cần một số như 27; dòng này không được tổng hợp{}",
                quoted(&values())
            ));
            continue;
        };
        let Some(task) = r.plan.tasks().map(|(_, t)| t).find(|t| t.number == number) else {
            r.error(at_number, format!(
                "nhiệm vụ số {number} không có trong kế hoạch {} — cần TT của Phụ lục II; dòng này không được tổng hợp{}",
                r.plan.info.code, quoted(&values())
            ));
            continue;
        };
        let Some(&role) = roles.get(&number) else {
            r.error(at_number, format!(
                "nhiệm vụ số {number} không giao cho {} (chủ trì hay phối hợp) — dòng này không được tổng hợp{}",
                r.agency, quoted(&values())
            ));
            continue;
        };
        if let Some(first) = out.entries.get(&number) {
            let same = *first == entry;
            if same {
                r.warn(
                    at_number,
                    format!("nhiệm vụ số {number} có hai dòng giống hệt nhau — chỉ đọc một lần"),
                );
            } else {
                r.error(at_number, format!(
                    "nhiệm vụ số {number} xuất hiện lần thứ hai, với nội dung khác dòng trước — chỉ dòng đầu tiên được tổng hợp; hãy gộp hai dòng làm một{}",
                    quoted(&values())
                ));
            }
            continue;
        }
        for (c, text) in &fixed {
            let want = expected(r, *c, task, role);
            if **text != want
                && !clean(text).is_empty()
                && fold(&clean(text)) != fold(&want)
                && let Some(cc) = col(*c)
            {
                let text = r.text(sheet, range, row, cc);
                r.cell_warn(sheet, row, cc, format!(
                        "cột «{}» do kế hoạch điền sẵn, không phải cột để báo cáo: ô ghi «{text}», kế hoạch ghi «{want}» — nội dung ô này không được tổng hợp; nếu cần nêu, hãy ghi vào cột «{}» hoặc «{}»",
                        c.header(), TaskCol::Achieved.header(), TaskCol::Proposals.header()
                    ));
            }
        }
        if !entry.is_empty() {
            check_status(
                r,
                sheet,
                row,
                (col(TaskCol::Status), col(TaskCol::Completed)),
                task,
                &entry,
                &mut out,
            );
        }
        let place = r.at(sheet, row, col(TaskCol::Status).or(col(TaskCol::Number)).unwrap_or(0));
        out.places.insert(number.clone(), place);
        out.entries.insert(number, entry);
    }
    out
}

/// Why a completion date that was read cannot be right, whatever the
/// status: after the period's cut-off (it has not happened yet), or more
/// than a year before the plan was issued (a mistyped year).
fn implausible(r: &Reading, d: time::Date) -> Option<String> {
    let cut_end = r.period.cutoff().1;
    let plan_date = r.plan.info.date;
    if d > cut_end {
        Some(format!(
            "ngày hoàn thành {} sau ngày chốt số liệu {} — hãy kiểm tra lại",
            vn::date(d),
            vn::date(cut_end)
        ))
    } else if d < plan_date.saturating_sub(time::Duration::days(365)) {
        Some(format!(
            "ngày hoàn thành {} trước ngày ban hành kế hoạch ({}) hơn một năm — hãy kiểm tra lại năm",
            vn::date(d),
            vn::date(plan_date)
        ))
    } else {
        None
    }
}

/// Reads the status and checks it against the deadline and the date.
/// Words of a result that say the work is not finished, and words that say
/// it was done: folded (lower case, no diacritics), as `text::fold` makes them.
const UNFINISHED: [&str; 8] = [
    "dang hoan thien",
    "dang xay dung",
    "dang trien khai",
    "dang thuc hien",
    "dang trinh",
    "chua hoan thanh",
    "chua thuc hien",
    "du kien hoan thanh",
];
const FINISHED: [&str; 4] = ["da hoan thanh", "da ban hanh", "da to chuc", "da trien khai"];

/// A status its own result contradicts: «Đã hoàn thành» beside «đang hoàn
/// thiện dự thảo», «Chưa triển khai» beside «đã ban hành kế hoạch». Only
/// the clerk knows which is right: a warning, the status is kept. The last
/// line of the result is read: a cumulative result keeps what was under way
/// in earlier periods above the line that says how it ended.
fn said_otherwise(status: Status, achieved: &str) -> Option<String> {
    let last = achieved.lines().rev().find(|l| !l.trim().is_empty())?;
    let folded = crate::text::fold(last);
    let (words, advice): (&[&str], String) = match status {
        s if s.is_done() => {
            (&UNFINISHED, format!("nếu nhiệm vụ chưa xong, hãy chọn «{}»", Status::InProgressOnTime.label()))
        }
        Status::NotStarted => {
            (&FINISHED, format!("nếu đã làm, hãy chọn «{}»", Status::InProgressOnTime.label()))
        }
        _ => return None,
    };
    let found = words.iter().find(|w| folded.contains(*w))?;
    // The phrase as the clerk wrote it: the words whose folded form it is.
    let written: Vec<&str> = last.split_whitespace().collect();
    let n = found.split(' ').count();
    let written = &written;
    let phrase = (0..written.len())
        .flat_map(|i| (n..=n + 2).filter(move |k| i + k <= written.len()).map(move |k| &written[i..i + k]))
        .find(|w| crate::text::fold(&w.join(" ")) == *found)
        .map(|w| w.join(" "))
        .unwrap_or_else(|| (*found).to_owned());
    Some(format!(
        "ghi «{}» nhưng kết quả của dòng nói «{}» — {advice}; nếu đúng là «{}», hãy sửa lại nội dung kết quả",
        status.label(),
        phrase.trim_matches(|c: char| !c.is_alphanumeric()),
        status.label()
    ))
}

fn check_status(
    r: &mut Reading,
    sheet: &str,
    row: u32,
    (status_col, date_col): (Option<u32>, Option<u32>),
    task: &Task,
    entry: &TaskEntry,
    out: &mut TaskRows,
) {
    let Some(status_col) = status_col else { return };
    if entry.status.is_empty() {
        r.cell_warn(sheet, row, status_col, format!(
            "nhiệm vụ {} có nội dung nhưng chưa chọn tình trạng — cần chọn trong danh sách; các nội dung khác của dòng vẫn được tổng hợp",
            task.number
        ));
        return;
    }
    let allowed = if task.deadline.is_recurring() { &Status::RECURRING[..] } else { &Status::ONE_OFF[..] };
    let mut status = match Status::parse(&entry.status) {
        Ok(s) => s,
        Err(why) => {
            let advice = match why {
                StatusError::Unknown => format!(
                    "cần một trong: {}",
                    allowed.iter().map(|s| format!("«{}»", s.label())).collect::<Vec<_>>().join(", ")
                ),
                other => other.advice(),
            };
            r.cell_error(
                sheet,
                row,
                status_col,
                format!(
                    "tình trạng «{}» không hiểu được — {advice}; tình trạng của nhiệm vụ {} chưa được tính",
                    entry.status, task.number
                ),
            );
            return;
        }
    };
    if status == Status::Ongoing && !task.deadline.is_recurring() {
        r.cell_warn(
            sheet,
            row,
            status_col,
            format!(
                "«{}» chỉ dùng cho nhiệm vụ thường xuyên; nhiệm vụ {} có thời hạn «{}» — coi như «{}»",
                Status::Ongoing.label(),
                task.number,
                task.deadline.printed(),
                Status::InProgressOnTime.label()
            ),
        );
        status = Status::InProgressOnTime;
    }
    let cut_end = r.period.cutoff().1;
    let due = if task.deadline.is_recurring() { None } else { task.deadline.due() };
    let contradiction = match (status, due, entry.completed) {
        (Status::InProgressOnTime, Some(due), _) if due < cut_end => Some(format!(
            "ghi «{}» nhưng thời hạn {} ({}) đã qua trước ngày chốt số liệu {} — có thể là «{}»",
            status.label(),
            task.deadline.printed(),
            vn::date(due),
            vn::date(cut_end),
            Status::InProgressLate.label()
        )),
        (Status::DoneOnTime, Some(due), Some(done)) if done > due => Some(format!(
            "ghi «{}» nhưng ngày hoàn thành {} sau thời hạn {} — có thể là «{}»",
            status.label(),
            vn::date(done),
            vn::date(due),
            Status::DoneLate.label()
        )),
        (Status::DoneLate, Some(due), Some(done)) if done <= due => Some(format!(
            "ghi «{}» nhưng ngày hoàn thành {} không sau thời hạn {}",
            status.label(),
            vn::date(done),
            vn::date(due)
        )),
        _ => None,
    };
    if let Some(message) = contradiction {
        r.cell_warn(sheet, row, status_col, message);
    }
    if let Some(message) = said_otherwise(status, &entry.achieved) {
        r.cell_warn(sheet, row, status_col, message);
    }
    let date_col = date_col.unwrap_or(status_col);
    let message = match (status.is_done(), entry.completed) {
        (true, None) => {
            Some(format!("nhiệm vụ {} đã hoàn thành nhưng chưa ghi ngày hoàn thành", task.number))
        }
        (false, Some(d)) => {
            Some(format!("có ngày hoàn thành {} nhưng tình trạng là «{}»", vn::date(d), status.label()))
        }
        _ => None,
    };
    if let Some(message) = message {
        r.cell_warn(sheet, row, date_col, message);
    }
    out.statuses.insert(task.number.clone(), status);
}

#[cfg(test)]
mod tests {
    use super::{Status, said_otherwise};

    #[test]
    fn a_status_its_result_contradicts_is_warned() {
        let m = said_otherwise(Status::DoneOnTime, "Sở Tư pháp: Đang hoàn thiện dự thảo, trình UBND tỉnh.")
            .unwrap();
        assert!(m.contains("«Đang hoàn thiện»"), "{m}");
        assert!(said_otherwise(Status::NotStarted, "Đã ban hành Kế hoạch số 12/KH-SNV").is_some());
        assert!(said_otherwise(Status::DoneOnTime, "Đã ban hành Quyết định số 5/QĐ-UBND").is_none());
        assert!(said_otherwise(Status::InProgressOnTime, "đang hoàn thiện").is_none());
        // The phrase as written, whatever punctuation stands before it.
        let m = said_otherwise(Status::DoneOnTime, "Đã khảo sát 07 đơn vị; - Đang xây dựng quy chế").unwrap();
        assert!(m.contains("«Đang xây dựng»"), "{m}");
        // A cumulative result: earlier lines under way, the last says it ended.
        assert!(
            said_otherwise(
                Status::DoneOnTime,
                "- Đang hoàn thiện hồ sơ.\nĐã hoàn thành, ban hành Quyết định số 5/QĐ-UBND."
            )
            .is_none()
        );
    }
}
