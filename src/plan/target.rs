//! Indicator targets, kept as printed and parsed into what an assessment can
//! compare a reported value with.

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::{clean, fold};

/// What a target asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum TargetKind {
    /// No target (a parent row such as indicator 8).
    None,
    /// `≥ 95`.
    AtLeast(f64),
    /// `> 60`, `>0,7`.
    GreaterThan(f64),
    /// `≤ 10` on a unit that is not a rank.
    AtMost(f64),
    /// `< 5`.
    LessThan(f64),
    /// `100`, `100%`: the value to reach.
    Equal(f64),
    /// `16 - 18`.
    Range(f64, f64),
    /// `≤ 30 các tỉnh, thành trên cả nước`: a rank, lower is better, with the
    /// field it is ranked in.
    RankAtMost { rank: u32, scope: String },
    /// `Đạt mức trung bình khá`: judged by a person, not by a number.
    Qualitative,
    /// A comparison the parser could not read (`≥ nhiều`); kept as printed.
    Unrecognised,
}

/// A target as printed and as understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    printed: String,
    kind: TargetKind,
}

impl Target {
    /// Parses `printed`; `unit` tells a rank (`Thứ bậc`) from a quantity.
    ///
    /// ```
    /// use baocao::plan::target::{Target, TargetKind};
    /// assert_eq!(*Target::parse(">0,7", "HDI").kind(), TargetKind::GreaterThan(0.7));
    /// assert_eq!(*Target::parse("16 - 18", "%/năm").kind(), TargetKind::Range(16.0, 18.0));
    /// assert_eq!(*Target::parse("Phát triển khá", "").kind(), TargetKind::Qualitative);
    /// ```
    pub fn parse(printed: &str, unit: &str) -> Self {
        let printed = clean(printed);
        let kind = parse_kind(&printed, is_rank_unit(unit));
        Self { printed, kind }
    }

    pub fn printed(&self) -> &str {
        &self.printed
    }

    pub fn kind(&self) -> &TargetKind {
        &self.kind
    }

    pub fn is_recognised(&self) -> bool {
        self.kind != TargetKind::Unrecognised
    }

    fn kind_tag(&self) -> &'static str {
        match self.kind {
            TargetKind::None => "none",
            TargetKind::AtLeast(_) => "at-least",
            TargetKind::GreaterThan(_) => "greater-than",
            TargetKind::AtMost(_) => "at-most",
            TargetKind::LessThan(_) => "less-than",
            TargetKind::Equal(_) => "equal",
            TargetKind::Range(..) => "range",
            TargetKind::RankAtMost { .. } => "rank-at-most",
            TargetKind::Qualitative => "qualitative",
            TargetKind::Unrecognised => "unrecognised",
        }
    }
}

impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Target", 5)?;
        st.serialize_field("printed", &self.printed)?;
        st.serialize_field("kind", self.kind_tag())?;
        let (min, max) = match &self.kind {
            TargetKind::AtLeast(v) | TargetKind::GreaterThan(v) => (Some(*v), None),
            TargetKind::AtMost(v) | TargetKind::LessThan(v) => (None, Some(*v)),
            TargetKind::Equal(v) => (Some(*v), Some(*v)),
            TargetKind::Range(a, b) => (Some(*a), Some(*b)),
            TargetKind::RankAtMost { rank, .. } => (None, Some(f64::from(*rank))),
            _ => (None, None),
        };
        st.serialize_field("min", &min)?;
        st.serialize_field("max", &max)?;
        let scope = match &self.kind {
            TargetKind::RankAtMost { scope, .. } if !scope.is_empty() => Some(scope.as_str()),
            _ => None,
        };
        st.serialize_field("scope", &scope)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Target {
    /// Read back from the JSON shape written by `Serialize`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Shape {
            printed: String,
            kind: String,
            min: Option<f64>,
            max: Option<f64>,
            scope: Option<String>,
        }
        let s = Shape::deserialize(d)?;
        let (min, max) = (s.min.unwrap_or(0.0), s.max.unwrap_or(0.0));
        let kind = match s.kind.as_str() {
            "none" => TargetKind::None,
            "at-least" => TargetKind::AtLeast(min),
            "greater-than" => TargetKind::GreaterThan(min),
            "at-most" => TargetKind::AtMost(max),
            "less-than" => TargetKind::LessThan(max),
            "equal" => TargetKind::Equal(min),
            "range" => TargetKind::Range(min, max),
            "rank-at-most" => TargetKind::RankAtMost { rank: max as u32, scope: s.scope.unwrap_or_default() },
            "qualitative" => TargetKind::Qualitative,
            _ => TargetKind::Unrecognised,
        };
        Ok(Target { printed: s.printed, kind })
    }
}

/// `Thứ bậc`, `Xếp hạng`: units where a smaller number is better.
fn is_rank_unit(unit: &str) -> bool {
    matches!(fold(unit).as_str(), "thu bac" | "thu hang" | "xep hang" | "hang")
}

/// Parses a number written the Vietnamese way (`0,7`, `1.234,5`) or the
/// English way (`99.5`, `1,234.5`). When both separators occur the last is
/// the decimal one and the other must group thousands; a lone `.` before
/// exactly three digits groups thousands (`1.000`); a lone `,` is decimal.
/// Anything else (`1,2,3`, `1.23,4.5`) is no number, rather than a misread.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s),
    };
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    let (int, frac) = match (s.rfind(','), s.rfind('.')) {
        (Some(c), Some(d)) => {
            let (point, group) = if c > d { (c, '.') } else { (d, ',') };
            let int = &s[..point];
            if !grouped(int, group) {
                return None;
            }
            (int.replace(group, ""), &s[point + 1..])
        }
        (Some(c), None) if s.matches(',').count() == 1 => (s[..c].to_owned(), &s[c + 1..]),
        (Some(_), None) if grouped(s, ',') => (s.replace(',', ""), ""),
        (None, Some(_)) if grouped(s, '.') => (s.replace('.', ""), ""),
        (None, Some(d)) if s.matches('.').count() == 1 => (s[..d].to_owned(), &s[d + 1..]),
        (None, None) => (s.to_owned(), ""),
        _ => return None,
    };
    if int.is_empty() && frac.is_empty() || frac.contains([',', '.']) {
        return None;
    }
    let text =
        if frac.is_empty() { int } else { format!("{}.{frac}", if int.is_empty() { "0" } else { &int }) };
    text.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| sign * v)
}

/// `1.234.567`: groups of three digits after a first group of one to three.
fn grouped(s: &str, sep: char) -> bool {
    let mut groups = s.split(sep);
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether a number typed as text can be read two ways that differ by a
/// thousand: `1,234` (Vietnamese 1,234; English 1234).
pub fn is_ambiguous_number(s: &str) -> bool {
    let s = s.trim().trim_start_matches('-');
    match s.split_once(',') {
        Some((int, frac)) => {
            (1..=3).contains(&int.len())
                && int.bytes().all(|b| b.is_ascii_digit())
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[derive(Clone, Copy)]
enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

/// Splits a leading comparator off `s`.
fn comparator(s: &str) -> (Option<Cmp>, &str) {
    const SYMBOLS: [(&str, Cmp); 8] = [
        ("≥", Cmp::Ge),
        (">=", Cmp::Ge),
        ("≤", Cmp::Le),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
        ("=", Cmp::Eq),
        ("≈", Cmp::Eq),
    ];
    for (sym, cmp) in SYMBOLS {
        if let Some(rest) = s.strip_prefix(sym) {
            return (Some(cmp), rest.trim_start());
        }
    }
    const WORDS: [(&str, Cmp); 6] = [
        ("tối thiểu", Cmp::Ge),
        ("ít nhất", Cmp::Ge),
        ("tối đa", Cmp::Le),
        ("không quá", Cmp::Le),
        ("trên", Cmp::Gt),
        ("dưới", Cmp::Lt),
    ];
    let lower = s.to_lowercase();
    for (word, cmp) in WORDS {
        if let Some(rest) = lower.strip_prefix(word) {
            // Only a comparator when a number follows: "Trên 60", not "Trên trung bình".
            if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                // Case mapping keeps byte lengths for Vietnamese; `get` guards the rest.
                if let Some(rest) = s.get(s.len() - rest.len()..) {
                    return (Some(cmp), rest.trim_start());
                }
            }
        }
    }
    (None, s)
}

/// Splits a leading number off `s`: `"30 các tỉnh"` → `(30, "các tỉnh")`.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let end = s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    // A trailing separator belongs to the sentence, not the number ("30, ...").
    let num = s[..end].trim_end_matches(['.', ',']);
    let value = parse_number(num)?;
    Some((value, s[num.len()..].trim()))
}

fn parse_kind(printed: &str, rank_unit: bool) -> TargetKind {
    if printed.is_empty() {
        return TargetKind::None;
    }
    let (cmp, rest) = comparator(printed);
    let Some((value, tail)) = leading_number(rest) else {
        return if cmp.is_some() { TargetKind::Unrecognised } else { TargetKind::Qualitative };
    };
    let tail = tail.trim_start_matches('%').trim();
    // A range: "16 - 18", "20–50".
    if cmp.is_none()
        && let Some(after) = tail.strip_prefix(['-', '–', '—'])
    {
        let after = after.trim();
        return match leading_number(after) {
            Some((hi, rest)) if rest.trim_start_matches('%').trim().is_empty() && value <= hi => {
                TargetKind::Range(value, hi)
            }
            _ => TargetKind::Unrecognised,
        };
    }
    let ranked = rank_unit || !tail.is_empty();
    match cmp {
        Some(Cmp::Le) if ranked && value.fract() == 0.0 && value >= 1.0 => {
            TargetKind::RankAtMost { rank: value as u32, scope: tail.to_owned() }
        }
        _ if !tail.is_empty() => TargetKind::Unrecognised,
        Some(Cmp::Ge) => TargetKind::AtLeast(value),
        Some(Cmp::Gt) => TargetKind::GreaterThan(value),
        Some(Cmp::Le) => TargetKind::AtMost(value),
        Some(Cmp::Lt) => TargetKind::LessThan(value),
        Some(Cmp::Eq) | None => TargetKind::Equal(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(printed: &str, unit: &str) -> TargetKind {
        Target::parse(printed, unit).kind
    }

    #[test]
    fn comparisons_and_numbers() {
        assert_eq!(kind("≥ 95", "%"), TargetKind::AtLeast(95.0));
        assert_eq!(kind(">0,7", "Chỉ số"), TargetKind::GreaterThan(0.7));
        assert_eq!(kind("> 60", "%"), TargetKind::GreaterThan(60.0));
        assert_eq!(kind("100", "%"), TargetKind::Equal(100.0));
        assert_eq!(kind("100%", "%"), TargetKind::Equal(100.0));
        assert_eq!(kind("≤ 5", "%"), TargetKind::AtMost(5.0));
        assert_eq!(kind("Tối thiểu 1.000", "Người"), TargetKind::AtLeast(1000.0));
        assert_eq!(kind("<= 2,5", "%"), TargetKind::AtMost(2.5));
    }

    #[test]
    fn ranges() {
        assert_eq!(kind("16 - 18", "%/năm"), TargetKind::Range(16.0, 18.0));
        assert_eq!(kind("20–50%", "%"), TargetKind::Range(20.0, 50.0));
        assert_eq!(kind("50 - 20", "%"), TargetKind::Unrecognised);
    }

    #[test]
    fn ranks() {
        assert_eq!(
            kind("≤ 30 các tỉnh, thành trên cả nước", "Thứ bậc"),
            TargetKind::RankAtMost { rank: 30, scope: "các tỉnh, thành trên cả nước".into() }
        );
        assert_eq!(kind("≤ 10", "Thứ bậc"), TargetKind::RankAtMost { rank: 10, scope: String::new() });
    }

    #[test]
    fn qualitative_empty_and_unreadable() {
        assert_eq!(kind("Đạt mức trung bình khá", "Thứ bậc"), TargetKind::Qualitative);
        assert_eq!(kind("Không thấp hơn bình quân chung của cả nước", "% GRDP"), TargetKind::Qualitative);
        assert_eq!(kind("Trên trung bình", "Thứ bậc"), TargetKind::Qualitative);
        assert_eq!(kind("", ""), TargetKind::None);
        assert_eq!(kind("≥ nhiều", "%"), TargetKind::Unrecognised);
        assert_eq!(kind("≥ 95 hoặc hơn", "%"), TargetKind::Unrecognised);
        assert_eq!(Target::parse("≥ nhiều", "%").printed(), "≥ nhiều");
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_number("0,7"), Some(0.7));
        assert_eq!(parse_number("1.234,5"), Some(1234.5));
        assert_eq!(parse_number("1.000"), Some(1000.0));
        assert_eq!(parse_number("99.5"), Some(99.5));
        assert_eq!(parse_number("1,2,3"), None);
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("1,234.5"), Some(1234.5));
        assert_eq!(parse_number("1.234.567"), Some(1234567.0));
        assert_eq!(parse_number("1,234,567"), Some(1234567.0));
        assert_eq!(parse_number("85,5"), Some(85.5));
        assert_eq!(parse_number("-2,5"), Some(-2.5));
        assert_eq!(parse_number(",5"), Some(0.5));
        assert_eq!(parse_number("1.23,4.5"), None);
        assert_eq!(parse_number("12.34.5"), None);
        assert!(
            is_ambiguous_number("1,234") && !is_ambiguous_number("1,25") && !is_ambiguous_number("1.234")
        );
    }
}
