//! Diagnostics: what the program tells a user about their input.
//!
//! Every problem names where it is (`tệp › dòng 12`, later `tệp › trang tính ›
//! ô`), what was found and what was expected, in Vietnamese. Diagnostics are
//! values collected while reading, so one bad row never hides the others.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
}

/// Where in an input a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file as the user named it.
    pub file: String,
    /// A line number, counted from 1, in a text or TOML file.
    pub line: Option<usize>,
    /// A sheet of a workbook.
    pub sheet: Option<String>,
    /// A cell of that sheet, as Excel names it (`F12`).
    pub cell: Option<String>,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Self { file: file.into(), line: None, sheet: None, cell: None }
    }

    pub fn line(file: impl Into<String>, line: usize) -> Self {
        Self { line: Some(line), ..Self::file(file) }
    }

    pub fn sheet(file: impl Into<String>, sheet: &str) -> Self {
        Self { sheet: Some(sheet.to_owned()), ..Self::file(file) }
    }

    /// A cell at 0-based `row` and `col`: `Location::cell("a.xlsx", "Nhiệm vụ", 11, 5)` is F12.
    pub fn cell(file: impl Into<String>, sheet: &str, row: u32, col: u32) -> Self {
        Self { sheet: Some(sheet.to_owned()), cell: Some(cell_name(row, col)), ..Self::file(file) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, " › dòng {line}")?;
        }
        if let Some(sheet) = &self.sheet {
            write!(f, " › {sheet}")?;
        }
        if let Some(cell) = &self.cell {
            write!(f, " › {cell}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, location, message: message.into() }
    }

    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, location, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(f, "{label}: {}: {}", self.location, self.message)
    }
}

/// Excel's name of the cell at 0-based `row`, `col`: (11, 5) is `F12`.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The line (from 1) on which byte `offset` of `text` stands.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names_like_excel() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 5), "F12");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 701), "ZZ1");
        assert_eq!(cell_name(0, 702), "AAA1");
    }

    #[test]
    fn locations_read_file_sheet_cell() {
        let d = Diagnostic::error(Location::cell("stc.xlsx", "Nhiệm vụ", 11, 6), "x");
        assert_eq!(d.to_string(), "lỗi: stc.xlsx › Nhiệm vụ › G12: x");
    }
}
