//! Task deadlines, kept as printed and parsed into what the tool computes with.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

use crate::text::fold;

/// What a deadline means, parsed from the way plans write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The cell is empty.
    None,
    /// `30/6/2025`.
    Date(Date),
    /// `Tháng 7/2025`, `Tháng 01/2026`: due the last day of the month.
    Month { year: i32, month: Month },
    /// `Quý III/2025`: due the last day of the quarter.
    Quarter { year: i32, quarter: u8 },
    /// `Năm 2025`: due 31/12 of that year.
    Year(i32),
    /// `2025-2026`: a span of years, due at the end of the last.
    YearRange { from: i32, to: i32 },
    /// `Thường xuyên`: ongoing, never "due".
    Ongoing,
    /// `Hằng năm`: repeats every year.
    Annual,
    /// `Năm 2025 và những năm tiếp theo`: due at the end of that year, then
    /// every year after.
    FromYearOn(i32),
    /// Text the parser does not understand; kept as printed and reported.
    Unrecognised,
}

/// A deadline as printed in the plan and as understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    printed: String,
    kind: DeadlineKind,
}

impl Deadline {
    /// Reads a deadline as plans print it; text it does not understand is
    /// kept with the kind [`DeadlineKind::Unrecognised`].
    ///
    /// ```
    /// use baocao::plan::deadline::{Deadline, DeadlineKind};
    /// let d = Deadline::parse("Tháng 01/2026");
    /// assert_eq!(d.due().unwrap().to_string(), "2026-01-31");
    /// assert!(Deadline::parse("Hằng năm").is_recurring());
    /// assert_eq!(Deadline::parse("Sớm").kind(), DeadlineKind::Unrecognised);
    /// ```
    pub fn parse(printed: &str) -> Self {
        let printed = crate::text::clean(printed);
        let kind = parse_kind(&printed);
        Self { printed, kind }
    }

    pub fn printed(&self) -> &str {
        &self.printed
    }

    pub fn kind(&self) -> DeadlineKind {
        self.kind
    }

    pub fn is_recognised(&self) -> bool {
        self.kind != DeadlineKind::Unrecognised
    }

    /// Whether the task comes back every period rather than once.
    pub fn is_recurring(&self) -> bool {
        matches!(self.kind, DeadlineKind::Ongoing | DeadlineKind::Annual | DeadlineKind::FromYearOn(_))
    }

    /// The day a one-off deadline falls due (for `FromYearOn`, the first one).
    pub fn due(&self) -> Option<Date> {
        match self.kind {
            DeadlineKind::Date(d) => Some(d),
            DeadlineKind::Month { year, month } => last_day_of_month(year, month),
            DeadlineKind::Quarter { year, quarter } => {
                last_day_of_month(year, Month::try_from(quarter * 3).ok()?)
            }
            DeadlineKind::Year(y) | DeadlineKind::FromYearOn(y) => end_of_year(y),
            DeadlineKind::YearRange { to, .. } => end_of_year(to),
            DeadlineKind::None
            | DeadlineKind::Ongoing
            | DeadlineKind::Annual
            | DeadlineKind::Unrecognised => None,
        }
    }

    /// A short English tag for the kind, part of the JSON shape.
    fn kind_tag(&self) -> &'static str {
        match self.kind {
            DeadlineKind::None => "none",
            DeadlineKind::Date(_) => "date",
            DeadlineKind::Month { .. } => "month",
            DeadlineKind::Quarter { .. } => "quarter",
            DeadlineKind::Year(_) => "year",
            DeadlineKind::YearRange { .. } => "year-range",
            DeadlineKind::Ongoing => "ongoing",
            DeadlineKind::Annual => "annual",
            DeadlineKind::FromYearOn(_) => "from-year-on",
            DeadlineKind::Unrecognised => "unrecognised",
        }
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Deadline", 4)?;
        st.serialize_field("printed", &self.printed)?;
        st.serialize_field("kind", self.kind_tag())?;
        st.serialize_field("due", &self.due().map(|d| d.to_string()))?;
        st.serialize_field("recurring", &self.is_recurring())?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Deadline {
    /// Read back from the JSON shape: the printed text is the truth.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Shape {
            printed: String,
        }
        Ok(Deadline::parse(&Shape::deserialize(d)?.printed))
    }
}

fn end_of_year(year: i32) -> Option<Date> {
    Date::from_calendar_date(year, Month::December, 31).ok()
}

fn last_day_of_month(year: i32, month: Month) -> Option<Date> {
    Date::from_calendar_date(year, month, time::util::days_in_month(month, year)).ok()
}

fn year(tok: &str) -> Option<i32> {
    (tok.len() == 4).then(|| tok.parse().ok()).flatten().filter(|y| (1900..=2200).contains(y))
}

fn small(tok: &str, max: u8) -> Option<u8> {
    tok.parse().ok().filter(|n| (1..=max).contains(n))
}

fn quarter(tok: &str) -> Option<u8> {
    match tok {
        "i" => Some(1),
        "ii" => Some(2),
        "iii" => Some(3),
        "iv" => Some(4),
        _ => small(tok, 4),
    }
}

fn parse_kind(printed: &str) -> DeadlineKind {
    let folded = fold(printed);
    let mut toks: Vec<&str> = folded.split(' ').filter(|t| !t.is_empty()).collect();
    if toks.is_empty() {
        return DeadlineKind::None;
    }
    if folded.contains("tiep theo") || toks[0] == "tu" {
        return toks
            .iter()
            .find_map(|t| year(t))
            .map_or(DeadlineKind::Unrecognised, DeadlineKind::FromYearOn);
    }
    // «Thường xuyên», «Nhiệm vụ thường xuyên», «Hằng năm», «Thường xuyên,
    // hằng năm»: no year, no date.
    if !toks.iter().any(|t| year(t).is_some()) {
        if folded.contains("hang nam") {
            return DeadlineKind::Annual;
        }
        // Work repeated more often than a report («Hàng tuần», «Hằng
        // tháng», «Hằng quý», «06 tháng/lần») is ongoing work to report on.
        let often = ["hang tuan", "hang thang", "hang quy", "thang lan", "quy lan", "tuan lan"];
        if folded.contains("thuong xuyen") || often.iter().any(|w| folded.contains(w)) {
            return DeadlineKind::Ongoing;
        }
    }
    // Words that add nothing to the date itself: "trước", "đến", "trong", "cuối".
    while toks.len() > 1 && matches!(toks[0], "truoc" | "den" | "trong" | "cuoi" | "han") {
        toks.remove(0);
    }
    // "Giai đoạn 2025 - 2030".
    if toks.starts_with(&["giai", "doan"]) {
        toks.drain(..2);
    }
    // Drop the unit words between numbers: "ngày 30 tháng 6 năm 2025".
    let nums: Vec<&str> =
        toks.iter().copied().filter(|t| !matches!(*t, "ngay" | "thang" | "nam" | "quy")).collect();
    let first_word = toks[0];
    match (first_word, nums.as_slice()) {
        ("quy", [q, y]) => match (quarter(q), year(y)) {
            (Some(quarter), Some(year)) => DeadlineKind::Quarter { year, quarter },
            _ => DeadlineKind::Unrecognised,
        },
        (_, [y]) => year(y).map_or(DeadlineKind::Unrecognised, DeadlineKind::Year),
        (_, [a, b]) => match (small(a, 12), year(a), year(b)) {
            (Some(m), _, Some(year)) if first_word != "nam" => Month::try_from(m)
                .map_or(DeadlineKind::Unrecognised, |month| DeadlineKind::Month { year, month }),
            (_, Some(from), Some(to)) if from < to => DeadlineKind::YearRange { from, to },
            _ => DeadlineKind::Unrecognised,
        },
        (_, [d, m, y]) => match (small(d, 31), small(m, 12), year(y)) {
            (Some(d), Some(m), Some(y)) => Month::try_from(m)
                .ok()
                .and_then(|m| Date::from_calendar_date(y, m, d).ok())
                .map_or(DeadlineKind::Unrecognised, DeadlineKind::Date),
            _ => DeadlineKind::Unrecognised,
        },
        _ => DeadlineKind::Unrecognised,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn due(s: &str) -> Option<Date> {
        Deadline::parse(s).due()
    }

    #[test]
    fn months_fall_due_on_their_last_day() {
        assert_eq!(due("Tháng 7/2025"), Some(date!(2025 - 07 - 31)));
        assert_eq!(due("Tháng 01/2026"), Some(date!(2026 - 01 - 31)));
        assert_eq!(due("Tháng 02/2025"), Some(date!(2025 - 02 - 28)));
        assert_eq!(due("tháng 2 năm 2028"), Some(date!(2028 - 02 - 29)));
        assert_eq!(due("Tháng 13/2025"), None);
        assert!(!Deadline::parse("Tháng 13/2025").is_recognised());
    }

    #[test]
    fn years_and_ranges_fall_due_at_year_end() {
        assert_eq!(due("Năm 2025"), Some(date!(2025 - 12 - 31)));
        let range = Deadline::parse("2025-2026");
        assert_eq!(range.kind(), DeadlineKind::YearRange { from: 2025, to: 2026 });
        assert_eq!(range.due(), Some(date!(2026 - 12 - 31)));
        assert_eq!(due("Giai đoạn 2026 - 2030"), Some(date!(2030 - 12 - 31)));
        assert!(!Deadline::parse("2026-2025").is_recognised());
    }

    #[test]
    fn recurring_deadlines() {
        for s in ["Thường xuyên", "Hằng năm", "Hàng năm", "Hàng tuần", "Hằng quý", "06 tháng/lần"]
        {
            let d = Deadline::parse(s);
            assert!(d.is_recurring(), "{s}");
            assert_eq!(d.due(), None, "{s}");
        }
        let from = Deadline::parse("Năm 2025 và những năm tiếp theo");
        assert_eq!(from.kind(), DeadlineKind::FromYearOn(2025));
        assert!(from.is_recurring());
        assert_eq!(from.due(), Some(date!(2025 - 12 - 31)));
    }

    #[test]
    fn empty_dates_quarters_and_nonsense() {
        assert_eq!(Deadline::parse("").kind(), DeadlineKind::None);
        assert_eq!(Deadline::parse("  ").printed(), "");
        assert_eq!(due("30/6/2025"), Some(date!(2025 - 06 - 30)));
        assert_eq!(due("trước ngày 15 tháng 3 năm 2026"), Some(date!(2026 - 03 - 15)));
        assert_eq!(due("31/02/2025"), None);
        assert_eq!(due("Quý III/2025"), Some(date!(2025 - 09 - 30)));
        assert_eq!(due("Quý 1 năm 2026"), Some(date!(2026 - 03 - 31)));
        for s in ["Sớm nhất có thể", "Tháng bảy", "2025-2026-2027", "Quý V/2025"] {
            let d = Deadline::parse(s);
            assert_eq!(d.kind(), DeadlineKind::Unrecognised, "{s}");
            assert_eq!(d.printed(), s);
        }
    }
}
