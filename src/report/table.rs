//! The appendices' tables as data: what the PDF, the Word twin and the
//! Excel file each lay out. Types only, so that the model that builds the
//! report and the tables that fill it depend on this, not on each other.

use time::Date;

use crate::vn;

/// A cell of an appendix: text in the PDF, a real number or date in Excel.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A row's order number (TT) or a plain count: a number in Excel,
    /// printed without a thousands separator.
    Ordinal(u32),
    Date(Date),
}

impl Cell {
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(v) => vn::number(*v),
            Cell::Ordinal(n) => n.to_string(),
            Cell::Date(d) => vn::date(*d),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A group heading spanning the table.
    Group(String),
    Cells(Vec<Cell>),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub header: &'static str,
    /// Relative width.
    pub width: f64,
    pub center: bool,
}

/// One appendix: its heading block and its table.
#[derive(Debug, Clone)]
pub struct Table {
    /// `Phụ lục I`.
    pub label: String,
    pub title: String,
    pub note: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The rows the PDF shows when not all of them: at national scale the
    /// receipts appendix lists only the agencies that need attention (a
    /// page of table costs Typst megabytes; the Excel file has every row).
    pub pdf_rows: Option<Vec<Row>>,
    /// The charts appendix: drawn from these numbers (it has no rows).
    pub charts: Option<super::charts::Charts>,
}
