//! Vietnamese formatting of dates and numbers, done in Rust so that every
//! output (terminal, Excel, PDF) writes them the same way.

use time::{Date, Month, Weekday};

/// `d/m/yyyy` with the zero rule of Nghị định 30/2020: a day below 10 and
/// the months 1 and 2 take a leading zero (`09/01/2025`, `14/6/2025`).
///
/// ```
/// use time::macros::date;
/// assert_eq!(baocao::vn::date(date!(2025 - 06 - 14)), "14/6/2025");
/// assert_eq!(baocao::vn::date(date!(2025 - 02 - 05)), "05/02/2025");
/// ```
pub fn date(d: Date) -> String {
    format!("{:02}/{}/{}", d.day(), month(d.month()), d.year())
}

/// The month as ND30 writes it: `01`, `02`, then `3` … `12`.
pub fn month(m: Month) -> String {
    let n = u8::from(m);
    if n <= 2 { format!("{n:02}") } else { n.to_string() }
}

/// `ngày 05 tháng 02 năm 2025`.
pub fn date_long(d: Date) -> String {
    format!("ngày {:02} tháng {} năm {}", d.day(), month(d.month()), d.year())
}

/// The day `n` working days (Monday to Friday) after `d`.
pub fn working_days_after(d: Date, n: u32) -> Date {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day = day.next_day().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday) {
            left -= 1;
        }
    }
    day
}

/// A document's number and symbol: a State body's «45/KH-SYT», a Party
/// body's «45-KH/BTGDVTU» (Hướng dẫn 36-HD/VPTW). `number` may be blanks
/// left for the văn thư.
pub fn symbol(number: &str, kind: &str, issuer: &str, party: bool) -> String {
    if party { format!("{number}-{kind}/{issuer}") } else { format!("{number}/{kind}-{issuer}") }
}

/// A count as reports write it: `04` below ten, `12`, `1.234`. Zero is
/// `00` here; sentences say it in words instead («không có nhiệm vụ nào»).
pub fn count(n: usize) -> String {
    if n < 10 { format!("{n:02}") } else { number(n as f64) }
}

/// A number with `.` between thousands and `,` before decimals, without
/// trailing zeros: `1.234,5`, `95`, `0,7`.
pub fn number(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let s = format!("{:.4}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 && (int != "0" || !frac.is_empty()) { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

/// Parses a date typed as `dd/mm/yyyy` (also `-` or `.` between parts).
pub fn parse_date(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.trim().split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else { return None };
    let (d, m, y): (u8, u8, i32) = (d.trim().parse().ok()?, m.trim().parse().ok()?, y.trim().parse().ok()?);
    if !(1900..=2200).contains(&y) {
        return None;
    }
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn dates_follow_the_zero_rule() {
        assert_eq!(date(date!(2025 - 01 - 09)), "09/01/2025");
        assert_eq!(date(date!(2025 - 04 - 01)), "01/4/2025");
        assert_eq!(date_long(date!(2025 - 02 - 25)), "ngày 25 tháng 02 năm 2025");
        assert_eq!(date_long(date!(2025 - 06 - 29)), "ngày 29 tháng 6 năm 2025");
    }

    #[test]
    fn numbers_group_thousands_with_dots() {
        assert_eq!(number(1234567.0), "1.234.567");
        assert_eq!(number(1500050.3), "1.500.050,3");
        assert_eq!(number(57.5), "57,5");
        assert_eq!(number(0.7), "0,7");
        assert_eq!(number(-12.0), "-12");
        assert_eq!(number(100.0), "100");
    }

    #[test]
    fn working_days_skip_weekends() {
        // 14/6/2025 is a Saturday.
        assert_eq!(working_days_after(date!(2025 - 06 - 14), 2), date!(2025 - 06 - 17));
        assert_eq!(working_days_after(date!(2025 - 06 - 16), 1), date!(2025 - 06 - 17));
    }

    #[test]
    fn typed_dates() {
        assert_eq!(parse_date("30/6/2025"), Some(date!(2025 - 06 - 30)));
        assert_eq!(parse_date(" 01-02-2026 "), Some(date!(2026 - 02 - 01)));
        assert_eq!(parse_date("31/02/2025"), None);
        assert_eq!(parse_date("2025"), None);
    }
}
