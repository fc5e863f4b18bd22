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

/// The 0-based column of each expected header in `row`, compared folded.
pub fn header_columns(range: &Range<Data>, row: u32, headers: &[&str]) -> Vec<Option<u32>> {
    let (start_col, end_col) = match (range.start(), range.end()) {
        (Some((_, s)), Some((_, e))) => (s, e),
        _ => return vec![None; headers.len()],
    };
    let found: Vec<(u32, String)> = (start_col..=end_col)
        .filter_map(|c| range.get_value((row, c)).map(|d| (c, fold(&d.to_string()))))
        .collect();
    headers
        .iter()
        .map(|h| {
            let h = fold(h);
            found.iter().find(|(_, f)| *f == h).map(|(c, _)| *c)
        })
        .collect()
}

/// The header row: the first of the top rows with a `TT` cell and `name`.
pub fn find_header(range: &Range<Data>, name: &str) -> Option<u32> {
    let (start_row, _) = range.start()?;
    (start_row..start_row + HEADER_SEARCH)
        .find(|&r| header_columns(range, r, &["TT", name]).iter().all(Option::is_some))
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

    /// Whether `range` holds this part of the form.
    pub fn matches(self, range: &Range<Data>) -> bool {
        match self {
            Form::Tasks => find_header(range, TaskCol::Name.header()).is_some(),
            Form::Indicators => find_header(range, IndicatorCol::Name.header()).is_some(),
            Form::Report => report_labels(range) >= 2,
        }
    }
}

/// How many section labels of the report sheet stand in column A.
fn report_labels(range: &Range<Data>) -> usize {
    let Some((start_row, _)) = range.start() else { return 0 };
    let (end_row, _) = range.end().unwrap_or((0, 0));
    let labels: Vec<String> = Section::ALL.iter().map(|s| fold(s.label())).collect();
    (start_row..=end_row.min(start_row + 40))
        .filter(|&r| range.get_value((r, 0)).is_some_and(|d| labels.contains(&fold(&d.to_string()))))
        .count()
}

/// A sheet of the workbook, read.
pub struct Sheet {
    pub name: String,
    pub range: Range<Data>,
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
        (0..sheets.len()).filter(|&i| usable(&sheets[i]) && form.matches(&sheets[i].range)).collect();
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
