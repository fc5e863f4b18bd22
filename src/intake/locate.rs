//! Which sheet of a returned workbook is which part of the form.
//!
//! Sheets are found by what they hold, not only by their name: a clerk
//! renames "Nhiệm vụ" to "Tiến độ nhiệm vụ", works in a copy "Nhiệm vụ (2)",
//! or rebuilds the table in "Sheet1". A sheet is a candidate for a form when
//! its content matches (the header row of the task or indicator table, the
//! labels of the report sheet); the sheet with the form's own name is one
//! when no sheet matches.

use calamine::{Data, Range};

use crate::form::{
    IndicatorCol, SHEET_GUIDE, SHEET_INDICATORS, SHEET_REPORT, SHEET_STAMP, SHEET_TASKS, Section, TaskCol,
};
use crate::text::fold;

/// The rows searched for a header at the top of a sheet.
const HEADER_SEARCH: u32 = 20;

/// Header cells are short: longer texts (a task's name) are not folded to
/// be compared with them.
const HEADER_LENGTH: usize = 80;

/// The folded text of each short cell of `row`, with its column.
fn folded_row(range: &Range<Data>, row: u32) -> Vec<(u32, String)> {
    let (Some((_, start_col)), Some((_, end_col))) = (range.start(), range.end()) else { return Vec::new() };
    (start_col..=end_col)
        .filter_map(|c| match range.get_value((row, c))? {
            Data::String(s) if s.len() <= HEADER_LENGTH => Some((c, fold(s))),
            Data::String(_) | Data::Empty => None,
            other => Some((c, fold(&other.to_string()))),
        })
        .collect()
}

/// The 0-based column of each expected header in `row`, compared folded.
fn header_columns(range: &Range<Data>, row: u32, headers: &[&str]) -> Vec<Option<u32>> {
    let found = folded_row(range, row);
    headers
        .iter()
        .map(|h| {
            let h = fold(h);
            found.iter().find(|(_, f)| *f == h).map(|(c, _)| *c)
        })
        .collect()
}

/// The header row of a table and what it is the header of: the first of
/// the top rows with a `TT` cell and a task's or an indicator's name column.
fn find_table(range: &Range<Data>) -> Option<(Form, u32)> {
    let (start_row, _) = range.start()?;
    let tt = fold("TT");
    let task = fold(TaskCol::Name.header());
    let indicator = fold(IndicatorCol::Name.header());
    (start_row..start_row + HEADER_SEARCH).find_map(|r| {
        let row = folded_row(range, r);
        let has = |h: &str| row.iter().any(|(_, f)| f == h);
        if !has(&tt) {
            None
        } else if has(&task) {
            Some((Form::Tasks, r))
        } else if has(&indicator) {
            Some((Form::Indicators, r))
        } else {
            None
        }
    })
}

/// A form table found on a sheet: its header row and the column of each
/// of its headers.
pub struct Table<C> {
    pub header: u32,
    cols: Vec<Option<u32>>,
    /// The columns the form knows, for telling cells typed elsewhere.
    pub known: std::collections::BTreeSet<u32>,
    kind: std::marker::PhantomData<C>,
}

impl<C: crate::form::Column> Table<C> {
    /// The columns under the header row of `sheet`, `None` without one.
    pub fn find(sheet: &Sheet) -> Option<Table<C>> {
        let header = sheet.header?;
        let headers: Vec<&str> = C::all().iter().map(|c| c.header()).collect();
        let cols = header_columns(&sheet.range, header, &headers);
        let known = cols.iter().flatten().copied().collect();
        Some(Table { header, cols, known, kind: std::marker::PhantomData })
    }

    /// The sheet column of `c`, if its header is there.
    pub fn col(&self, c: C) -> Option<u32> {
        self.cols[c.index()]
    }

    /// The input columns whose header is missing.
    pub fn missing_inputs(&self) -> impl Iterator<Item = C> + '_ {
        C::all().iter().copied().filter(|c| c.is_input() && self.col(*c).is_none())
    }
}

/// The parts of the form that clerks fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Tasks,
    Indicators,
    Report,
}

impl Form {
    pub const ALL: [Form; 3] = [Form::Tasks, Form::Indicators, Form::Report];

    pub fn sheet_name(self) -> &'static str {
        match self {
            Form::Tasks => SHEET_TASKS,
            Form::Indicators => SHEET_INDICATORS,
            Form::Report => SHEET_REPORT,
        }
    }
}

/// How many section labels of the report sheet stand in column A.
fn report_labels(range: &Range<Data>) -> usize {
    let Some((start_row, _)) = range.start() else { return 0 };
    let (end_row, _) = range.end().unwrap_or((0, 0));
    let labels: Vec<String> = Section::ALL.iter().map(|s| fold(s.label())).collect();
    (start_row..=end_row.min(start_row + 40))
        .filter(|&r| match range.get_value((r, 0)) {
            Some(Data::String(s)) if s.len() <= HEADER_LENGTH => labels.contains(&fold(s)),
            _ => false,
        })
        .count()
}

/// A sheet of the workbook, read, and what its content is.
pub struct Sheet {
    pub name: String,
    pub range: Range<Data>,
    /// The part of the form its content holds, if any.
    pub holds: Option<Form>,
    /// The header row of its table (task and indicator sheets).
    pub header: Option<u32>,
    /// Formulas worth a word (no value kept, or a value that changes):
    /// position, formula, whether a value was kept.
    pub formulas: Vec<(u32, u32, String, bool)>,
    /// Merged areas (task and indicator sheets only).
    pub merged: Vec<calamine::Dimensions>,
}

impl Sheet {
    /// Looks at the content once: every later step asks the sheet.
    pub fn new(name: String, range: Range<Data>) -> Sheet {
        // The stamp and the guide are known by name; their content is no table.
        let known = fold(&name) == fold(SHEET_STAMP) || fold(&name) == fold(SHEET_GUIDE);
        let (holds, header) = match if known { None } else { find_table(&range) } {
            Some((form, row)) => (Some(form), Some(row)),
            None if !known && report_labels(&range) >= 2 => (Some(Form::Report), None),
            None => (None, None),
        };
        Sheet { name, range, holds, header, formulas: Vec::new(), merged: Vec::new() }
    }
}

/// The sheet names are compared folded: "nhiem vu" is "Nhiệm vụ".
fn named(sheet: &Sheet, wanted: &str) -> bool {
    fold(&sheet.name) == fold(wanted)
}

pub fn is_stamp(sheet: &Sheet) -> bool {
    named(sheet, SHEET_STAMP)
}

pub fn is_guide(sheet: &Sheet) -> bool {
    named(sheet, SHEET_GUIDE)
}

/// The sheets that may hold `form`, the one bearing its name first.
pub fn candidates(form: Form, sheets: &[Sheet]) -> Vec<usize> {
    let usable = |s: &Sheet| !is_stamp(s) && !is_guide(s);
    let mut by_content: Vec<usize> =
        (0..sheets.len()).filter(|&i| usable(&sheets[i]) && sheets[i].holds == Some(form)).collect();
    by_content.sort_by_key(|&i| !named(&sheets[i], form.sheet_name()));
    if !by_content.is_empty() {
        return by_content;
    }
    (0..sheets.len()).filter(|&i| usable(&sheets[i]) && named(&sheets[i], form.sheet_name())).collect()
}

/// `«Sheet1», «Chỉ tiêu»`: the sheets of a workbook, for messages.
pub fn list(sheets: &[Sheet]) -> String {
    if sheets.is_empty() {
        return "không có trang nào".to_owned();
    }
    sheets.iter().map(|s| format!("«{}»", s.name)).collect::<Vec<_>>().join(", ")
}
