//! The document every writer lays out: the first-page and signature
//! fields, the text as a tree, the appendices. The report and the reminder
//! letters are built into it once; the PDF (through Typst, as JSON), the
//! Word twin and the Excel file each render it.
//!
//! The JSON the Typst templates read is this model serialised, so the
//! field names below (`place-date`, `t`, `kind`…) are the templates' own.

use serde::{Serialize, Serializer};
use time::Date;

/// A block of the text: `{"t":"par","c":[…]}`,
/// `{"t":"heading","level":n,"c":[…]}`,
/// `{"t":"list","ordered":bool,"items":[[block…]…]}`, `{"t":"rule"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Block {
    Par { c: Vec<Inline> },
    Heading { level: u8, c: Vec<Inline> },
    List { ordered: bool, items: Vec<Vec<Block>> },
    Rule,
}

/// A piece of a line: `{"t":"text","v":…}`, `{"t":"strong","c":[…]}`,
/// `{"t":"emph","c":[…]}`, `{"t":"code","v":…}`, `{"t":"break"}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Inline {
    Text { v: String },
    Code { v: String },
    Strong { c: Vec<Inline> },
    Emph { c: Vec<Inline> },
    Break,
}

/// The fields of the first page (ô 1–5 of Nghị định 30) and of the
/// signature block (ô 7–9), and the file's own properties.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Front {
    /// The file's title property.
    pub title: String,
    /// The issuing agency, as the file's author property.
    pub author: String,
    pub keywords: Vec<String>,
    #[serde(serialize_with = "calendar")]
    pub date: Date,
    /// The governing body above the issuer (ô 2), or empty.
    pub parent: String,
    pub issuer: String,
    /// «Số: 05/BC-SKHCN», blanks in a draft.
    pub number: String,
    /// The number and symbol a signature shows; empty in a draft, which is not signed.
    pub symbol: String,
    /// A letter's «V/v …» under its number; empty in a report.
    pub subject: String,
    pub place_date: String,
    /// «BÁO CÁO»; empty for a letter (công văn), which has no kind line.
    pub kind: String,
    pub summary: String,
    /// «Kính gửi: …».
    pub recipient: String,
    /// «TM. …» or «KT. …» above the signer's title, or empty.
    pub authority: String,
    pub signer_title: String,
    pub signer: String,
    /// «Nơi nhận», the last one «Lưu: …».
    pub recipients: Vec<String>,
    /// No number or date yet: marked «DỰ THẢO» on its first page.
    pub draft: bool,
    /// A Party body's document (Hướng dẫn 36-HD/VPTW): «ĐẢNG CỘNG SẢN VIỆT
    /// NAM» instead of the national name and motto, a star under the issuer.
    pub party: bool,
}

/// A date as the templates read it: `{"year", "month", "day"}`.
fn calendar<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Calendar {
        year: i32,
        month: u8,
        day: u8,
    }
    Calendar { year: d.year(), month: u8::from(d.month()), day: d.day() }.serialize(s)
}

/// How a column's cells are aligned.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Align {
    Left,
    Center,
}

/// A column of an appendix table; widths are relative to each other.
#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub header: String,
    pub width: f64,
    pub align: Align,
}

/// A row of an appendix table: a group heading across the table, or cells.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Line {
    Group {
        text: String,
    },
    Row {
        cells: Vec<String>,
        /// The row may be taller than a page: the PDF lets it break.
        split: bool,
    },
}

/// An appendix (Phụ lục): a landscape section with its own page numbers.
#[derive(Debug, Clone, Serialize)]
pub struct Appendix {
    /// The charts' data as the Typst template draws them; the Word twin
    /// receives the same drawings as pictures.
    pub charts: Option<serde_json::Value>,
    /// «Phụ lục II».
    pub label: String,
    pub title: String,
    /// «(Kèm theo Báo cáo số … ngày … của …)».
    pub note: String,
    pub landscape: bool,
    /// What an empty table says instead.
    pub empty: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Line>,
    /// Sent as a file of its own, signed at its top right.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub file: bool,
    /// The report's number and symbol, on an appendix sent as its own file.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub symbol: String,
}

/// A whole document: what `bao-cao.typ` reads as `{doc, body, appendices}`.
#[derive(Debug)]
pub struct Document {
    pub doc: Front,
    pub body: Vec<Block>,
    pub appendices: Vec<Appendix>,
}

impl Document {
    /// The data handed to Typst.
    pub fn json(&self) -> serde_json::Value {
        self.json_with(&self.appendices)
    }

    /// The data handed to Typst, with `appendices` in place of the
    /// document's own (none, when they are laid out as files of their own).
    pub fn json_with(&self, appendices: &[Appendix]) -> serde_json::Value {
        #[derive(Serialize)]
        struct View<'a> {
            doc: &'a Front,
            body: &'a [Block],
            appendices: &'a [Appendix],
        }
        // Plain structs, strings and numbers: serialising cannot fail.
        serde_json::to_value(View { doc: &self.doc, body: &self.body, appendices }).unwrap_or_default()
    }
}
