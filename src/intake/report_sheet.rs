//! The report sheet: a label in column A (found by its words, wherever the
//! row is), the clerk's text in column B. Anything typed elsewhere is
//! reported at its cell.

use std::collections::{BTreeMap, BTreeSet};

use calamine::{Data, Range};
use time::Date;

use super::cells::{Reading, cell_date};
use crate::diag::Location;
use crate::form::Section;
use crate::text::fold;
use crate::vn;

/// What the report sheet gave.
#[derive(Debug, Default, PartialEq)]
pub struct ReportRows {
    pub sections: BTreeMap<Section, String>,
    pub sent_on: Option<Date>,
    /// Where each section was read: the sheet, and each section's row.
    pub sheet: String,
    pub rows: BTreeMap<Section, u32>,
}

impl ReportRows {
    pub fn is_blank(&self) -> bool {
        self.sections.is_empty() && self.sent_on.is_none()
    }
}

/// A «Ngày gửi» later than this after the cut-off is a typing slip, not a
/// late report: a year covers the latest report of any period.
const PLAUSIBLY_LATE_DAYS: i64 = 366;

pub fn read(r: &mut Reading, sheet: &str, range: &Range<Data>, titles: &[String]) -> ReportRows {
    let mut out = ReportRows { sheet: sheet.to_owned(), ..ReportRows::default() };
    let (end_row, end_col) = range.end().unwrap_or((0, 0));
    let labels: Vec<(Section, String)> = Section::ALL.into_iter().map(|s| (s, fold(s.label()))).collect();
    let mut found: BTreeSet<Section> = BTreeSet::new();
    let first_label = (0..=end_row).find(|&row| {
        let label = fold(&range.get_value((row, 0)).map(|d| d.to_string()).unwrap_or_default());
        labels.iter().any(|(_, l)| *l == label)
    });
    r.above_table(sheet, range, first_label.unwrap_or(0), titles);
    for row in first_label.unwrap_or(0)..=end_row {
        let label = fold(&range.get_value((row, 0)).map(|d| d.to_string()).unwrap_or_default());
        let Some(section) = labels.iter().find(|(_, l)| *l == label).map(|(s, _)| *s) else {
            // Rows without a label: anything typed in them is reported.
            r.stray_cells(sheet, range, row, &BTreeSet::new());
            continue;
        };
        if !found.insert(section) {
            let text = r.text(sheet, range, row, 1);
            r.error(
                r.at(sheet, row, 0),
                format!(
                    "mục «{}» có hai lần — chỉ dòng đầu tiên được tổng hợp{}",
                    section.label(),
                    if text.is_empty() { String::new() } else { format!("; dòng này ghi «{text}»") }
                ),
            );
            continue;
        }
        if section == Section::SentOn {
            match cell_date(range.get_value((row, 1)).unwrap_or(&Data::Empty)) {
                Ok(d) => out.sent_on = d,
                Err(found) => r.cell_error(sheet, row, 1, format!(
                    "ngày gửi «{found}» không đọc được — cần ngày dạng ngày/tháng/năm, ví dụ 16/06/2025; tệp được coi như không ghi ngày gửi"
                )),
            }
            if let Some(d) = out.sent_on {
                let (from, to) = r.period.cutoff();
                let latest = to + time::Duration::days(PLAUSIBLY_LATE_DAYS);
                if d > latest {
                    // 31/12/9999, 17/06/2030: not a date this period's report was sent on.
                    r.cell_warn(
                        sheet,
                        row,
                        1,
                        format!(
                            "ngày gửi {} muộn hơn ngày chốt số liệu {} quá một năm — không thể là ngày gửi báo cáo {}; \
                             ngày này không được dùng để tính đúng hạn hay chậm (coi như không ghi ngày gửi); hãy sửa lại năm",
                            vn::date(d),
                            vn::date(to),
                            r.period.name()
                        ),
                    );
                    out.sent_on = None;
                } else if d < from {
                    r.cell_warn(
                        sheet,
                        row,
                        1,
                        format!(
                            "ngày gửi {} trước khi kỳ báo cáo bắt đầu ({}) — hãy kiểm tra lại năm",
                            vn::date(d),
                            vn::date(from)
                        ),
                    );
                }
            }
        } else {
            let text = r.prose(sheet, range, row, 1);
            if !text.is_empty() {
                out.rows.insert(section, row);
                out.sections.insert(section, text);
            }
        }
        if end_col > 1 {
            r.stray_cells(sheet, range, row, &[0, 1].into());
        }
    }
    if found.is_empty() {
        r.warn(
            Location::sheet(&r.file, sheet),
            "không thấy các mục của trang (Kết quả nổi bật, Khó khăn…) ở cột A — phần tóm tắt không được đọc; hãy dùng đúng trang «Báo cáo» của biểu mẫu"
                .to_owned(),
        );
    }
    out
}

/// «Hoàn thành 31 nhiệm vụ» in a section of the report sheet, against the
/// statuses the same workbook gives its tasks: a count the agency's own
/// answers contradict would reach the report as written. Warned at the
/// section's cell; both stay as written.
pub fn check_counts(
    r: &mut Reading,
    rows: &ReportRows,
    statuses: &BTreeMap<crate::plan::ids::TaskNo, crate::form::Status>,
) {
    use std::sync::LazyLock;
    static CLAIM: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)hoàn thành\s+(\d{1,4})\s*(?:/\s*\d{1,4}\s*)?nhiệm vụ")
            .expect("a valid pattern")
    });
    if statuses.is_empty() {
        return;
    }
    let done = statuses.values().filter(|s| s.is_done()).count();
    for (section, text) in &rows.sections {
        let Some(row) = rows.rows.get(section) else { continue };
        for m in CLAIM.captures_iter(text) {
            let Ok(claimed) = m[1].parse::<usize>() else { continue };
            if claimed != done {
                r.cell_warn(&rows.sheet, *row, 1, format!(
                    "mục «{}» ghi «{}», nhưng trang «Nhiệm vụ» của tệp này ghi {} nhiệm vụ đã hoàn thành (trên {} nhiệm vụ) — hãy thống nhất số liệu giữa hai trang; báo cáo giữ nguyên cả hai như đã ghi",
                    section.label(), &m[0], vn::count(done), vn::count(statuses.len())
                ));
            }
        }
    }
}
