//! A workbook opened from its bytes, whatever its format: the cells through
//! calamine, and what calamine does not give (numbers shown as percentages,
//! cell comments) through the format's own reader in `formats`.

use std::collections::{HashMap, HashSet};
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, DataType, Ods, Range, Reader, Sheets, Xls, Xlsx, open_workbook_from_rs};

pub mod formats;

use formats::{Comment, Extras};

/// The spreadsheet formats read, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
}

impl Format {
    /// The extensions read, as the messages list them.
    pub const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            _ => None,
        }
    }
}

/// Why a workbook could not be opened.
#[derive(Debug)]
pub enum OpenError {
    /// Protected by a password to open: only its owner can give a copy.
    Password,
    Broken(String),
    /// Larger than the readers may allocate (what, in Vietnamese).
    TooLarge(String),
}

/// A sheet's cells as read, and what was not read into them.
pub struct Cells {
    pub range: Range<Data>,
    /// Cells beyond the readable box: the first few, with their text.
    pub far: Vec<(u32, u32, String)>,
    pub far_count: usize,
    /// Formulas worth a word: position, formula, and whether the file
    /// holds its value (files written by generators often do not).
    pub formulas: Vec<(u32, u32, String, bool)>,
}

impl Cells {
    fn plain(range: Range<Data>) -> Self {
        Cells { range, far: Vec::new(), far_count: 0, formulas: Vec::new() }
    }
}

/// Far cells listed by name in a message; the others are counted.
const FAR_LISTED: usize = 5;

/// Functions whose value changes each time the file is opened.
const VOLATILE: [&str; 8] = ["TODAY", "NOW", "RAND", "RANDBETWEEN", "OFFSET", "INDIRECT", "CELL", "INFO"];

fn is_volatile(formula: &str) -> bool {
    let upper = formula.to_uppercase();
    VOLATILE.iter().any(|f| {
        upper.match_indices(f).any(|(i, _)| {
            let before = upper[..i].chars().next_back();
            let after = upper[i + f.len()..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') && after == Some('(')
        })
    })
}

pub struct Book<'a> {
    bytes: &'a [u8],
    sheets: Sheets<Cursor<&'a [u8]>>,
    names: Vec<String>,
    /// Percent cells and comments, when the format's reader could read them.
    extras: Extras,
    /// Why the extras could not be read (the cells still are).
    pub extras_error: Option<String>,
}

impl<'a> Book<'a> {
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Book<'a>, OpenError> {
        // What calamine would allocate is checked before it does: a lying
        // count or a far cell makes it abort the process, and every other
        // agency's workbook with it.
        let extras = match format {
            Format::Xlsx => {
                formats::xlsx::preflight(bytes).map_err(OpenError::TooLarge)?;
                formats::xlsx::comments(bytes).map(|comments| Extras { comments, ..Extras::default() })
            }
            // What calamine's own compound-file reader might still open, ours
            // could not check: refused rather than read unchecked.
            Format::Xls => Ok(formats::xls::extras(bytes).map_err(OpenError::Broken)?),
            Format::Ods => formats::ods::extras(bytes),
        };
        if let Some((sheet, row, col)) = extras.as_ref().ok().and_then(|x| x.beyond_box()) {
            return Err(OpenError::TooLarge(format!(
                "trang «{sheet}» có ô ở tận {} (chương trình đọc các ô trong vùng A1:{}; ô ngoài vùng này thường do bấm Ctrl+End rồi gõ, hoặc do phần mềm khác tạo) — hãy xóa ô đó hoặc các dòng, cột thừa (hay mở bằng Excel và lưu dạng .xlsx: các ô xa khi đó chỉ bị bỏ qua, có báo) rồi gửi lại",
                crate::diag::cell_name(*row, *col),
                crate::diag::cell_name(formats::MAX_ROWS - 1, formats::MAX_COLS - 1)
            )));
        }
        let cursor = Cursor::new(bytes);
        let opened = match format {
            Format::Xls => {
                open_workbook_from_rs::<Xls<_>, _>(cursor).map(Sheets::Xls).map_err(calamine::Error::Xls)
            }
            Format::Ods => {
                open_workbook_from_rs::<Ods<_>, _>(cursor).map(Sheets::Ods).map_err(calamine::Error::Ods)
            }
            Format::Xlsx => {
                open_workbook_from_rs::<Xlsx<_>, _>(cursor).map(Sheets::Xlsx).map_err(calamine::Error::Xlsx)
            }
        };
        let sheets = opened.map_err(|e| match e {
            calamine::Error::Xlsx(calamine::XlsxError::Password)
            | calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password) => OpenError::Password,
            other => OpenError::Broken(other.to_string()),
        })?;
        let (extras, extras_error) = match extras {
            Ok(x) => (x, None),
            Err(e) => (Extras::default(), Some(e)),
        };
        let names = sheets.sheet_names();
        Ok(Book { bytes, sheets, names, extras, extras_error })
    }

    /// The sheet names, in workbook order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The cells of sheet `name`. An .xlsx sheet is read cell by cell, so
    /// that a far cell is counted and set aside instead of allocated, and
    /// formulas are seen; other formats were checked on opening.
    pub fn range(&mut self, name: &str) -> Result<Cells, String> {
        let Sheets::Xlsx(x) = &mut self.sheets else {
            return self.sheets.worksheet_range(name).map(Cells::plain).map_err(|e| e.to_string());
        };
        let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
        let mut kept = Vec::new();
        let mut out = Cells::plain(Range::empty());
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
            let (row, col) = cell.pos;
            let value = Data::from(cell.value);
            if let Some(formula) = cell.formula
                && (value.is_empty() || is_volatile(&formula))
            {
                out.formulas.push((row, col, formula, !value.is_empty()));
            }
            if value.is_empty() {
                continue;
            }
            if row >= formats::MAX_ROWS || col >= formats::MAX_COLS {
                out.far_count += 1;
                if out.far.len() < FAR_LISTED {
                    out.far.push((row, col, value.to_string()));
                }
                continue;
            }
            kept.push(calamine::Cell::new((row, col), value));
        }
        drop(reader);
        out.range = Range::from_sparse(kept);
        Ok(out)
    }

    /// The merged areas of the sheets `names` (of an .ods, from its own
    /// reader: calamine does not say which of its cells are merged).
    pub fn merged(&mut self, names: &[&str]) -> HashMap<String, Vec<calamine::Dimensions>> {
        let area = |(start, end)| calamine::Dimensions { start, end };
        match &mut self.sheets {
            Sheets::Xlsx(_) => formats::xlsx::merged(self.bytes, names)
                .unwrap_or_default()
                .into_iter()
                .map(|(name, areas)| (name, areas.into_iter().map(area).collect()))
                .collect(),
            Sheets::Xls(x) => names
                .iter()
                .map(|n| {
                    #[allow(deprecated)]
                    (n.to_string(), x.worksheet_merge_cells(n).unwrap_or_default())
                })
                .collect(),
            _ => self
                .extras
                .merged
                .iter()
                .filter(|(n, _)| names.contains(&n.as_str()))
                .map(|(n, areas)| (n.clone(), areas.iter().copied().map(area).collect()))
                .collect(),
        }
    }

    /// The cells of `sheet` whose number is shown as a percentage.
    pub fn percent_cells(&mut self, sheet: &str) -> HashSet<(u32, u32)> {
        match &mut self.sheets {
            Sheets::Xlsx(x) => match x.worksheet_style(sheet) {
                Ok(styles) => styles
                    .cells()
                    .filter(|(_, _, style)| {
                        style
                            .number_format
                            .as_ref()
                            .is_some_and(|f| formats::is_percent_format(&f.format_code))
                    })
                    .map(|(row, col, _)| (row, col))
                    .collect(),
                Err(_) => HashSet::new(),
            },
            _ => self.extras.percent.get(sheet).cloned().unwrap_or_default(),
        }
    }

    pub fn comments(&self) -> &[Comment] {
        &self.extras.comments
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn volatile_functions() {
        assert!(is_volatile("TODAY()") && is_volatile("=IF(A1>0, NOW(), 0)") && is_volatile("rand ()"));
        assert!(!is_volatile("SUM(A1:A3)") && !is_volatile("TODAYS(1)") && !is_volatile("MYNOW(1)"));
    }
}
