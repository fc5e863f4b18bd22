//! Identifiers of the plan's rows and agencies.
//!
//! They are parsed once, where text enters the program, so that the rest of
//! the code never handles a bare string where an id is meant.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The id of an agency or a group of agencies in the registry: short, lower
/// case ASCII letters, digits and hyphens, so that it is safe as a file name
/// (`skhcn`, `ubnd-thoi-binh`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyId(String);

impl AgencyId {
    /// Accepts 1 to 40 characters from `a-z`, `0-9` and `-`, starting with a
    /// letter and not ending with a hyphen.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = !s.is_empty()
            && s.len() <= 40
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.ends_with('-')
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        ok.then(|| Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for AgencyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for AgencyId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for AgencyId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        AgencyId::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("mã cơ quan không hợp lệ: {s:?}")))
    }
}

/// A row number as printed in a plan table: `8`, `8.1`, `18.2`.
///
/// Numbers may be missing from a sequence (the bundled plan has no indicator
/// 3 and no task 3), so a number is kept as printed and compared by its parts.
#[derive(Debug, Clone)]
pub struct RowNumber {
    printed: String,
    parts: Vec<u32>,
}

impl PartialEq for RowNumber {
    fn eq(&self, other: &Self) -> bool {
        self.parts == other.parts
    }
}

impl Eq for RowNumber {}

impl std::hash::Hash for RowNumber {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.parts.hash(state);
    }
}

impl RowNumber {
    /// Accepts dot-separated whole numbers (`12`, `8.10`); a trailing dot
    /// (`12.`) is tolerated as printed in some tables. Two lettered forms
    /// real plans use are kept as printed: a group's letter or Roman
    /// numeral in front where numbering starts again in each group (`A.1`,
    /// `II.3`), and a lower-case letter for the lettered items under a row
    /// (`3.a` for the «a)» under row 3).
    ///
    /// ```
    /// use baocao::plan::ids::RowNumber;
    /// let n = RowNumber::parse("8.10").unwrap();
    /// assert!(RowNumber::parse("8.2").unwrap() < n);
    /// assert_eq!(n.parent().unwrap().to_string(), "8");
    /// assert!(RowNumber::parse("A.7").unwrap() < RowNumber::parse("B.1").unwrap());
    /// assert_eq!(RowNumber::parse("3.b").unwrap().parent().unwrap().to_string(), "3");
    /// assert!(RowNumber::parse("A").is_none() && RowNumber::parse("a").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().trim_end_matches('.');
        if s.is_empty() {
            return None;
        }
        let segments: Vec<&str> = s.split('.').collect();
        let parts = segments
            .iter()
            .enumerate()
            .map(|(k, p)| {
                if !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit()) {
                    p.parse().ok()
                } else if k == 0 && segments.len() > 1 {
                    group_part(p)
                } else if k > 0 && p.len() == 1 && p.bytes().all(|b| b.is_ascii_lowercase()) {
                    Some(u32::from(p.as_bytes()[0] - b'a') + 1)
                } else {
                    None
                }
            })
            .collect::<Option<Vec<u32>>>()?;
        Some(Self { printed: s.to_owned(), parts })
    }

    /// The number of the parent row (`8` for `8.1`), if any.
    pub fn parent(&self) -> Option<Self> {
        Self::parse(self.printed.rsplit_once('.')?.0)
    }

    pub fn parts(&self) -> &[u32] {
        &self.parts
    }
}

/// A group's label in front of a number (`A` in `A.1`, `II` in `II.3`),
/// ordered after every plain number: Roman numerals by value, other capital
/// letters by place in the alphabet.
fn group_part(p: &str) -> Option<u32> {
    const BASE: u32 = 1_000_000;
    if crate::plan::is_roman(p) && (p.len() > 1 || matches!(p, "I" | "V" | "X")) {
        (1..=200u32).find(|&n| crate::plan::roman(n as usize) == p).map(|n| BASE + n)
    } else if p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase()) {
        Some(BASE + u32::from(p.as_bytes()[0] - b'A') + 1)
    } else {
        None
    }
}

impl Ord for RowNumber {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts.cmp(&other.parts)
    }
}

impl PartialOrd for RowNumber {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for RowNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.printed)
    }
}

impl Serialize for RowNumber {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RowNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        RowNumber::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("số thứ tự không hợp lệ: {s:?}")))
    }
}

macro_rules! row_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub RowNumber);

        impl $name {
            pub fn parse(s: &str) -> Option<Self> {
                RowNumber::parse(s).map(Self)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

row_id!(
    /// The number of a task in Phụ lục II (`27`).
    TaskNo
);
row_id!(
    /// The number of an indicator in Phụ lục I (`8.7`).
    IndicatorNo
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_ids_are_file_name_safe() {
        assert!(AgencyId::parse("skhcn").is_some());
        assert!(AgencyId::parse("ubnd-thoi-binh").is_some());
        for bad in ["", "SKHCN", "sở", "a/b", "-x", "x-", "1abc", "a b"] {
            assert!(AgencyId::parse(bad).is_none(), "{bad:?} accepted");
        }
    }

    #[test]
    fn row_numbers_order_by_parts() {
        let n = |s| RowNumber::parse(s).unwrap();
        assert!(n("8.2") < n("8.10"));
        assert!(n("8.12") < n("9"));
        assert_eq!(n("8.1").parent(), Some(n("8")));
        assert_eq!(n("12.").to_string(), "12");
        assert!(RowNumber::parse("I").is_none());
        assert!(RowNumber::parse("1..2").is_none());
    }
}
