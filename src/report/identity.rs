//! A report's identity (number and date) checked against what it reports
//! on: a report signed before its own cut-off, before a report it counts
//! arrived, or under a number another report of the year already carries
//! would be returned by the văn thư or, worse, filed under two subjects.

use time::Date;

use super::config::ReportConfig;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::merge::PeriodData;
use crate::vn;

/// Another report already made in the outputs: its period, number and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Earlier {
    pub period: String,
    pub number: u32,
    pub date: Date,
}

/// Refuses a date before the period's cut-off ends; warns of a report
/// received after the date and of a number used by another period's report
/// of the same year.
pub fn check(config: &ReportConfig, data: &PeriodData, earlier: &[Earlier]) -> Result<Vec<String>, Error> {
    let key = format!("[issued.\"{}\"]", data.period.id());
    let mut warnings = Vec::new();
    let Some(date) = config.date else { return Ok(warnings) };
    let to = data.period.cutoff().1;
    if date < to {
        return Err(Error::InvalidConfig {
            file: config.file.clone(),
            errors: vec![Diagnostic::error(
                Location::file(&config.file),
                format!(
                    "{key} date = {} — báo cáo {} không thể ký trước ngày chốt số liệu {}; \
                     hãy ghi ngày ký thật (sau ngày {}), hoặc bỏ `date` để lập dự thảo",
                    vn::date(date),
                    data.period.name(),
                    vn::date(to),
                    vn::date(to)
                ),
            )],
        });
    }
    let last = data
        .agencies
        .iter()
        .filter_map(|a| Some((a.sent_on?, a)))
        .filter(|(d, _)| *d > date)
        .max_by_key(|(d, _)| *d);
    if let Some((sent, agency)) = last {
        warnings.push(format!(
            "{}: {key} date = {} nhưng báo cáo của {} ghi ngày gửi {} — báo cáo tổng hợp nêu cả báo cáo này \
             nên phải ký sau ngày đó; hãy sửa ngày ký (hoặc ngày gửi trong biểu mẫu nếu ghi nhầm)",
            config.file,
            vn::date(date),
            agency.name,
            vn::date(sent)
        ));
    }
    if let Some(number) = config.number {
        for e in earlier.iter().filter(|e| e.number == number && e.date.year() == date.year()) {
            if e.period != data.period.id() {
                warnings.push(format!(
                    "{}: {key} number = {number} đã là số của báo cáo kỳ {} (ngày {}) — mỗi văn bản trong năm một số; \
                     hãy lấy số mới ở văn thư",
                    config.file,
                    e.period,
                    vn::date(e.date)
                ));
            }
        }
    }
    Ok(warnings)
}
