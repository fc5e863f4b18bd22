//! Reporting periods and their data cut-off under Nghị định 09/2019/NĐ-CP.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

use crate::vn;

/// A reporting period: what is reported on, and the days its data covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// `2025-H1`: 6 tháng đầu năm; `2025-H2`: 6 tháng cuối năm.
    Half { year: i32, half: u8 },
    /// `2025`: năm 2025.
    Year(i32),
    /// `2025-Q3`: quý III năm 2025.
    Quarter { year: i32, quarter: u8 },
    /// `2025-03-01..2025-04-30`: đột xuất, with explicit dates.
    AdHoc { from: Date, to: Date },
}

const ROMAN_QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];

impl Period {
    /// Reads a period id. The error says, in Vietnamese, what is accepted.
    ///
    /// ```
    /// use baocao::period::Period;
    /// let p = Period::parse("2025-H1").unwrap();
    /// assert_eq!(p.name(), "6 tháng đầu năm 2025");
    /// assert_eq!(p.cutoff().1.to_string(), "2025-06-14");
    /// ```
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "kỳ báo cáo «{s}» không hợp lệ — cần dạng 2025-H1 (6 tháng đầu năm), 2025-H2 (6 tháng cuối năm), 2025 (cả năm), 2025-Q3 (quý) hoặc 2025-03-01..2025-04-30 (đột xuất)"
            )
        };
        let year = |y: &str| -> Option<i32> {
            (y.len() == 4).then(|| y.parse().ok()).flatten().filter(|y| (2000..=2100).contains(y))
        };
        if let Some((a, b)) = s.split_once("..").or_else(|| s.split_once('_')) {
            let iso = |d: &str| Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok();
            return match (iso(a), iso(b)) {
                (Some(from), Some(to)) if from <= to => Ok(Period::AdHoc { from, to }),
                _ => Err(bad()),
            };
        }
        let upper = s.to_ascii_uppercase();
        match upper.split_once('-') {
            None => year(&upper).map(Period::Year).ok_or_else(bad),
            Some((y, part)) => {
                let year = year(y).ok_or_else(bad)?;
                match part {
                    "H1" => Ok(Period::Half { year, half: 1 }),
                    "H2" => Ok(Period::Half { year, half: 2 }),
                    "Q1" | "Q2" | "Q3" | "Q4" => {
                        Ok(Period::Quarter { year, quarter: part.as_bytes()[1] - b'0' })
                    }
                    _ => Err(bad()),
                }
            }
        }
    }

    /// The id used on the command line and as a folder name.
    pub fn id(&self) -> String {
        match *self {
            Period::Half { year, half } => format!("{year}-H{half}"),
            Period::Year(y) => y.to_string(),
            Period::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            Period::AdHoc { from, to } => format!("{from}_{to}"),
        }
    }

    /// The Vietnamese name: `6 tháng đầu năm 2025`, `năm 2025`.
    pub fn name(&self) -> String {
        match *self {
            Period::Half { year, half: 1 } => format!("6 tháng đầu năm {year}"),
            Period::Half { year, .. } => format!("6 tháng cuối năm {year}"),
            Period::Year(y) => format!("năm {y}"),
            Period::Quarter { year, quarter } => {
                format!("quý {} năm {year}", ROMAN_QUARTERS[usize::from(quarter - 1)])
            }
            Period::AdHoc { from, to } => format!("từ ngày {} đến ngày {}", vn::date(from), vn::date(to)),
        }
    }

    /// The first and last day whose data the period covers (Điều 12, Nghị
    /// định 09/2019): from the 15th of the month before to the 14th of the
    /// period's last month.
    pub fn cutoff(&self) -> (Date, Date) {
        let day = |y: i32, m: u8, d: u8| {
            Date::from_calendar_date(y, Month::try_from(m).unwrap_or(Month::January), d).unwrap_or(Date::MIN)
        };
        match *self {
            Period::Half { year, half: 1 } => (day(year - 1, 12, 15), day(year, 6, 14)),
            Period::Half { year, .. } => (day(year, 6, 15), day(year, 12, 14)),
            Period::Year(y) => (day(y - 1, 12, 15), day(y, 12, 14)),
            Period::Quarter { year, quarter } => {
                let last = quarter * 3;
                let start = if last == 3 { day(year - 1, 12, 15) } else { day(year, last - 3, 15) };
                (start, day(year, last, 14))
            }
            Period::AdHoc { from, to } => (from, to),
        }
    }

    /// The default day by which agencies send their report: two working
    /// days after the cut-off (Điều 8.5 asks for at least one).
    pub fn default_deadline(&self) -> Date {
        vn::working_days_after(self.cutoff().1, 2)
    }

    /// Whether every day `other` covers is a day this period covers: the
    /// first half within the year, a quarter within its half.
    pub fn covers(&self, other: &Period) -> bool {
        let ((a, b), (c, d)) = (self.cutoff(), other.cutoff());
        a <= c && d <= b
    }

    /// Whether `self` can be the period reported before `current`: it ends
    /// earlier, or ends with it and lies within it (a half before its year
    /// would end with the year only if it were the second half).
    pub fn comes_before(&self, current: &Period) -> bool {
        let (end, current_end) = (self.cutoff().1, current.cutoff().1);
        self != current && (end < current_end || (end == current_end && current.covers(self)))
    }

    /// How periods ending the same day are ranked as "the previous one": the
    /// longer first (the year's report over its second half's).
    pub fn days(&self) -> i64 {
        let (from, to) = self.cutoff();
        (to - from).whole_days()
    }

    /// The period that follows this one, for "tasks falling due next".
    pub fn next(&self) -> Period {
        match *self {
            Period::Half { year, half: 1 } => Period::Half { year, half: 2 },
            Period::Half { year, .. } => Period::Half { year: year + 1, half: 1 },
            Period::Year(y) => Period::Year(y + 1),
            Period::Quarter { year, quarter: 4 } => Period::Quarter { year: year + 1, quarter: 1 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter + 1 },
            Period::AdHoc { to, .. } => {
                let from = to.next_day().unwrap_or(to);
                Period::AdHoc { from, to: from.replace_year(from.year() + 1).unwrap_or(from) }
            }
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (from, to) = self.cutoff();
        let mut st = s.serialize_struct("Period", 4)?;
        st.serialize_field("id", &self.id())?;
        st.serialize_field("name", &self.name())?;
        st.serialize_field("from", &from.to_string())?;
        st.serialize_field("to", &to.to_string())?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Shape {
            id: String,
        }
        Period::parse(&Shape::deserialize(d)?.id).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn ids_and_names() {
        assert_eq!(p("2025-H1").name(), "6 tháng đầu năm 2025");
        assert_eq!(p("2025-h2").name(), "6 tháng cuối năm 2025");
        assert_eq!(p("2025").name(), "năm 2025");
        assert_eq!(p("2025-Q3").name(), "quý III năm 2025");
        let adhoc = p("2025-03-01..2025-04-30");
        assert_eq!(adhoc.name(), "từ ngày 01/3/2025 đến ngày 30/4/2025");
        assert_eq!(adhoc.id(), "2025-03-01_2025-04-30");
        assert_eq!(p(&adhoc.id()), adhoc);
        for s in ["2025-H1", "2025", "2025-Q1"] {
            assert_eq!(p(s).id(), s);
        }
        for bad in ["", "H1", "2025-H3", "25-H1", "2025-Q5", "2025-05-01..2025-04-01", "năm 2025"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn cutoffs_follow_decree_09() {
        assert_eq!(p("2025-H1").cutoff(), (date!(2024 - 12 - 15), date!(2025 - 06 - 14)));
        assert_eq!(p("2025-H2").cutoff(), (date!(2025 - 06 - 15), date!(2025 - 12 - 14)));
        assert_eq!(p("2025").cutoff(), (date!(2024 - 12 - 15), date!(2025 - 12 - 14)));
        assert_eq!(p("2025-Q1").cutoff(), (date!(2024 - 12 - 15), date!(2025 - 03 - 14)));
        assert_eq!(p("2025-Q3").cutoff(), (date!(2025 - 06 - 15), date!(2025 - 09 - 14)));
        assert_eq!(p("2025-H1").default_deadline(), date!(2025 - 06 - 17));
    }

    #[test]
    fn next_periods() {
        assert_eq!(p("2025-H1").next(), p("2025-H2"));
        assert_eq!(p("2025-H2").next(), p("2026-H1"));
        assert_eq!(p("2025-Q4").next(), p("2026-Q1"));
        assert_eq!(p("2025").next(), p("2026"));
    }

    #[test]
    fn what_comes_before() {
        assert!(p("2025").covers(&p("2025-H1")));
        assert!(p("2025").covers(&p("2025-H2")));
        assert!(!p("2025-H2").covers(&p("2025-H1")));
        assert!(p("2025-H1").comes_before(&p("2025")));
        assert!(p("2025-H2").comes_before(&p("2025")));
        assert!(p("2025").comes_before(&p("2026-H1")));
        assert!(!p("2025").comes_before(&p("2025-H2")));
        assert!(!p("2025").comes_before(&p("2025")));
        assert!(!p("2026-H1").comes_before(&p("2025")));
        assert!(p("2025-03-01..2025-04-30").comes_before(&p("2025-H1")));
        assert!(p("2025").days() > p("2025-H2").days());
    }
}
