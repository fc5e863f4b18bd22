//! A workbook opened from its bytes, whatever its format: the cells through
//! calamine, and what calamine does not give (numbers shown as percentages,
//! cell comments) through the format's own reader in `formats`.

use std::collections::HashSet;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Sheets, Xls, Xlsx, open_workbook_from_rs};

use super::formats::{self, Comment, Extras};

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
}

pub struct Book<'a> {
    sheets: Sheets<Cursor<&'a [u8]>>,
    names: Vec<String>,
    /// Percent cells and comments, when the format's reader could read them.
    extras: Extras,
    /// Why the extras could not be read (the cells still are).
    pub extras_error: Option<String>,
}

impl<'a> Book<'a> {
    pub fn open(bytes: &'a [u8], format: Format) -> Result<Book<'a>, OpenError> {
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
        let extras = match format {
            Format::Xlsx => {
                formats::xlsx::comments(bytes).map(|comments| Extras { comments, ..Extras::default() })
            }
            Format::Xls => formats::xls::extras(bytes),
            Format::Ods => formats::ods::extras(bytes),
        };
        let (extras, extras_error) = match extras {
            Ok(x) => (x, None),
            Err(e) => (Extras::default(), Some(e)),
        };
        let names = sheets.sheet_names();
        Ok(Book { sheets, names, extras, extras_error })
    }

    /// The sheet names, in workbook order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn range(&mut self, name: &str) -> Result<Range<Data>, String> {
        self.sheets.worksheet_range(name).map_err(|e| e.to_string())
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
