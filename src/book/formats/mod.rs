//! What calamine does not give of a workbook, read from each format's own
//! structure: which numbers are shown as percentages (Excel and LibreOffice
//! store `85%` as 0.85 with a percent format) and the comments clerks attach
//! to cells. One file per format; xlsx percentages come from calamine's
//! styles (see `book`).

use std::collections::{HashMap, HashSet};

pub mod ods;
pub mod xls;
pub mod xlsx;

/// A comment (note) attached to a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub sheet: String,
    pub row: u32,
    pub col: u32,
    pub author: String,
    pub text: String,
}

/// The box of cells a sheet is read in: rows and columns from the first.
/// A form has a few hundred rows and a dozen columns; a hand-made sheet a
/// few thousand rows. A cell beyond (a clerk who pressed Ctrl+End and
/// typed, a generator's far cell) would make the readers allocate the whole
/// box up to it, billions of cells: it is reported, never read into memory.
pub const MAX_ROWS: u32 = 50_000;
pub const MAX_COLS: u32 = 64;

/// A merged area: its first and last cell.
pub type Area = ((u32, u32), (u32, u32));

/// What a format's reader found besides the cells.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    /// Cells whose number is shown as a percentage, by sheet name.
    pub percent: HashMap<String, HashSet<(u32, u32)>>,
    pub comments: Vec<Comment>,
    /// The farthest cell holding something, per sheet (xls, ods), and the
    /// box the file itself declares (xls): what calamine would allocate.
    pub far: Vec<(String, u32, u32)>,
    /// Merged areas (first and last cell), by sheet name (ods: calamine
    /// does not say which of its cells are merged).
    pub merged: HashMap<String, Vec<Area>>,
}

impl Extras {
    /// A sheet with a cell (or a declared box) beyond the readable box.
    pub fn beyond_box(&self) -> Option<&(String, u32, u32)> {
        self.far.iter().find(|(_, row, col)| *row >= MAX_ROWS || *col >= MAX_COLS)
    }
}

/// Whether a number format shows a percentage: a `%` outside quotes,
/// brackets and escapes (`0%`, `0.0%`, `#,##0.00" %"` is not).
pub fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// Zero-based (row, column) of an A1 reference (`B12` is (11, 1)).
pub fn parse_a1(reference: &str) -> Option<(u32, u32)> {
    let letters: String = reference.chars().take_while(char::is_ascii_alphabetic).collect();
    let digits = &reference[letters.len()..];
    if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
        return None;
    }
    let col = letters.chars().try_fold(0u32, |acc, c| {
        Some(acc * 26 + (c.to_ascii_uppercase() as u32).checked_sub('A' as u32)? + 1)
    })?;
    let row: u32 = digits.parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

/// The most a part of a zipped workbook (a sheet's XML, its comments) may
/// hold when read for extras: far above any real form, and a bound on what
/// a hostile file can make us allocate.
pub(crate) const PART_LIMIT: u64 = 256 << 20;

/// The bytes of `name` inside a zipped workbook, `None` when it is absent.
pub(crate) fn zip_bytes(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    use std::io::Read;
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    let mut bytes = Vec::new();
    file.take(PART_LIMIT + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > PART_LIMIT {
        return Err(format!("{name}: quá {} MiB", PART_LIMIT >> 20));
    }
    Ok(Some(bytes))
}

/// The text of `name` inside a zipped workbook, `None` when it is absent.
pub(crate) fn zip_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    match zip_bytes(zip, name)? {
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|e| format!("{name}: {e}")),
        None => Ok(None),
    }
}

/// An attribute's value, unescaped.
pub(crate) fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// Appends what an entity or character reference stands for.
pub(crate) fn push_ref(e: &quick_xml::events::BytesRef, out: &mut String) {
    let raw = format!("&{};", &**e);
    match quick_xml::escape::unescape(&raw) {
        Ok(text) => out.push_str(&text),
        Err(_) => out.push_str(&raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.00%", "#,##0.0%;[Red]-0.0%"] {
            assert!(is_percent_format(code), "{code}");
        }
        for code in ["General", "0.00", "#,##0\" %\"", "dd/mm/yyyy", "0\\%"] {
            assert!(!is_percent_format(code), "{code}");
        }
    }

    #[test]
    fn a1_references() {
        assert_eq!(parse_a1("A1"), Some((0, 0)));
        assert_eq!(parse_a1("B12"), Some((11, 1)));
        assert_eq!(parse_a1("AA3"), Some((2, 26)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("A0"), None);
    }
}
