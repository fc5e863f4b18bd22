//! A plan file in any of its forms — the published text, the Word document
//! it was drafted in, a workbook holding its tables — as text in the
//! published layout, with where each line came from.
//!
//! One importer reads all three: a Word table or a sheet becomes cells one
//! per line ending in ` |`, exactly as legal-document sites print tables,
//! and messages name the table cell, paragraph or sheet cell, not a line of
//! a text the user never saw.

use std::fmt;
use std::path::Path;

use crate::book::Format;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::plan::ids::RowNumber;
use crate::text::fold;

use super::{docx, odt, workbook};

/// The largest plan file read: a plan with its appendices is a few MiB.
const PLAN_LIMIT: u64 = 64 << 20;

/// Where a line of the text was made from: `part` is a Word table (`bảng
/// 3`) or a sheet, `place` the cell (`hàng 5, cột 2`, `B7`) or paragraph
/// (`đoạn 12`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub part: Option<String>,
    pub place: String,
}

impl Origin {
    pub fn location(&self, file: &str) -> Location {
        Location { sheet: self.part.clone(), cell: Some(self.place.clone()), ..Location::file(file) }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.part {
            Some(part) => write!(f, "{part} › {}", self.place),
            None => f.write_str(&self.place),
        }
    }
}

/// The form a plan came in, for advice that fits it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Form {
    #[default]
    Published,
    Word,
    Workbook,
}

/// A plan as text in the published layout.
#[derive(Debug, Clone, Default)]
pub struct PlanText {
    pub form: Form,
    pub text: String,
    /// For each line, where it came from; empty for a published text,
    /// whose own lines are what messages name.
    pub origins: Vec<Origin>,
    /// What converting the document found worth saying.
    pub diagnostics: Vec<Diagnostic>,
}

impl PlanText {
    pub fn published(text: String) -> Self {
        PlanText { text, ..Self::default() }
    }
}

/// An OpenDocument text (.odt): its `mimetype`, which the format stores
/// first and uncompressed, says so (a spreadsheet holds content.xml too).
fn is_odf_text(bytes: &[u8]) -> bool {
    const TEXT: &[u8] = b"application/vnd.oasis.opendocument.text";
    bytes[..bytes.len().min(200)].windows(TEXT.len()).any(|w| w == TEXT)
}

/// Reads a plan file, recognising its form by its content (a `.txt` saved
/// from a Word file, or a Word file renamed, is still read for what it is).
pub fn read_plan(path: &Path) -> Result<PlanText, Error> {
    let bytes = crate::fsx::read_input(path, PLAN_LIMIT)?;
    let display = path.display().to_string();
    let refuse = |what: String| Error::BadInput { path: path.to_owned(), what };
    let converted = if bytes.starts_with(b"PK\x03\x04") {
        let parts = zip_names(&bytes).map_err(|e| {
            refuse(format!(
                "tệp nén (zip) bị hỏng hoặc bị cắt dở ({e}) — hãy mở bằng Word/Excel/LibreOffice, lưu lại rồi nhập lại"
            ))
        })?;
        if parts.iter().any(|p| p == "word/document.xml") {
            crate::guard::contain(|| docx::convert(&bytes, &display))
        } else if parts.iter().any(|p| p == "xl/workbook.xml") {
            crate::guard::contain(|| workbook::convert(&bytes, Format::Xlsx, &display))
        } else if is_odf_text(&bytes) {
            crate::guard::contain(|| odt::convert(&bytes, &display))
        } else if parts.iter().any(|p| p == "content.xml") {
            crate::guard::contain(|| workbook::convert(&bytes, Format::Ods, &display))
        } else {
            return Err(refuse(
                "tệp nén (zip) không phải văn bản Word (.docx) hay bảng tính (.xlsx, .ods) — cần văn bản kế hoạch dạng .docx, .xlsx, .xls, .ods hoặc .txt".into(),
            ));
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        match compound_kind(&bytes) {
            Compound::Encrypted => {
                return Err(refuse(
                    "tệp được đặt mật khẩu mở — chương trình không đọc được; hãy mở bằng Word/Excel, bỏ mật khẩu (Tệp › Thông tin › Bảo vệ) rồi lưu lại".into(),
                ));
            }
            Compound::Word97 => {
                return Err(refuse(
                    "đây là văn bản Word 97–2003 (.doc) — hãy mở bằng Word hoặc LibreOffice, lưu lại dạng .docx rồi nhập lại".into(),
                ));
            }
            Compound::Workbook => crate::guard::contain(|| workbook::convert(&bytes, Format::Xls, &display)),
            Compound::Unknown => {
                return Err(refuse(
                    "tệp Office cũ không rõ loại hoặc bị hỏng — cần văn bản kế hoạch dạng .docx, .xlsx, .xls, .ods hoặc .txt".into(),
                ));
            }
        }
    } else {
        return Ok(PlanText::published(crate::textfile::decode(path, &bytes)?));
    };
    match converted {
        Some(Ok(text)) => Ok(text),
        Some(Err(what)) => Err(refuse(what)),
        None => Err(refuse(
            "tệp có cấu trúc bất thường, chương trình không đọc được — hãy mở bằng Word/Excel/LibreOffice, lưu lại rồi nhập lại".into(),
        )),
    }
}

fn zip_names(bytes: &[u8]) -> Result<Vec<String>, String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    zip.file_names().map(|n| n.map(|n| n.into_owned()).map_err(|e| e.to_string())).collect()
}

enum Compound {
    Encrypted,
    Word97,
    Workbook,
    Unknown,
}

/// What an OLE compound file holds: an encrypted .docx/.xlsx is one too.
fn compound_kind(bytes: &[u8]) -> Compound {
    let Ok(file) = cfb::CompoundFile::open(std::io::Cursor::new(bytes)) else {
        return Compound::Unknown;
    };
    let has = |name: &str| file.exists(name);
    if has("/EncryptionInfo") || has("/EncryptedPackage") {
        Compound::Encrypted
    } else if has("/WordDocument") {
        Compound::Word97
    } else if has("/Workbook") || has("/Book") {
        Compound::Workbook
    } else {
        Compound::Unknown
    }
}

/// One cell of a table as read from a document, its merges resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct GridCell {
    pub text: String,
    /// Filled from the cell above it (a vertically merged cell): the same
    /// agency or deadline for several rows.
    pub copied: bool,
}

/// Writes text in the published layout, keeping each line's origin.
#[derive(Default)]
pub(super) struct Builder {
    text: String,
    origins: Vec<Origin>,
    diagnostics: Vec<Diagnostic>,
    file: String,
}

impl Builder {
    pub fn new(file: &str) -> Self {
        Builder { file: file.to_owned(), ..Self::default() }
    }

    pub fn warn(&mut self, origin: &Origin, message: String) {
        self.diagnostics.push(Diagnostic::warning(origin.location(&self.file), message));
    }

    fn push_line(&mut self, line: &str, origin: &Origin) {
        self.text.push_str(line);
        self.text.push('\n');
        self.origins.push(origin.clone());
    }

    /// A paragraph of the body: its lines as they are, `|` made harmless
    /// (a `|` is where a published table's cell ends). Runs of empty
    /// paragraphs become one blank line.
    pub fn paragraph(&mut self, text: &str, origin: Origin) {
        let text = self.without_bars(text, &origin);
        if text.trim().is_empty() {
            if !self.text.is_empty() && !self.text.ends_with("\n\n") {
                self.push_line("", &origin);
            }
            return;
        }
        for line in text.lines() {
            self.push_line(line, &origin);
        }
    }

    /// A table cell: its lines, the last ending in ` |`.
    fn cell(&mut self, text: &str, origin: Origin) {
        let text = self.without_bars(text, &origin);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        match lines.split_last() {
            None => self.push_line("|", &origin),
            Some((last, first)) => {
                for line in first {
                    self.push_line(line, &origin);
                }
                self.push_line(&format!("{last} |"), &origin);
            }
        }
    }

    fn without_bars(&mut self, text: &str, origin: &Origin) -> String {
        if !text.contains('|') {
            return text.to_owned();
        }
        self.warn(
            origin,
            "có ký tự «|» — đã đổi thành «¦» (trong văn bản đăng tải, «|» là chỗ kết thúc ô bảng)".into(),
        );
        text.replace('|', "¦")
    }

    /// A table whose merges are resolved: a row with an empty number cell
    /// under a numbered row is the rest of that row, carried over a page
    /// break, and is joined to it; a row that only numbers the columns
    /// («(1)», «(2)», …) is left out. Each is said, at its row.
    pub fn table(&mut self, rows: Vec<Vec<GridCell>>, origin: impl Fn(usize, usize) -> Origin) {
        let is_plan_table = rows
            .first()
            .and_then(|r| r.first())
            .is_some_and(|c| matches!(fold(&c.text).as_str(), "tt" | "stt" | "so tt"));
        let mut kept: Vec<(usize, Vec<GridCell>)> = Vec::new();
        for (r, row) in rows.into_iter().enumerate() {
            if is_plan_table && kept.len() == 1 && numbers_columns(&row) {
                self.warn(&origin(r, 0), "hàng đánh số cột («(1)», «(2)», …) — bỏ qua khi nhập".into());
                continue;
            }
            // A heading in two rows: «Cơ quan thực hiện» over «Chủ trì» and
            // «Phối hợp», «TT» merged down both. The lower names the column.
            if is_plan_table && r == 1 && row.first().is_some_and(|c| c.copied) {
                if let Some((_, header)) = kept.first_mut() {
                    for (c, cell) in row.into_iter().enumerate() {
                        match header.get_mut(c) {
                            Some(h) if !cell.copied && !cell.text.trim().is_empty() => h.text = cell.text,
                            Some(_) => {}
                            None => header.push(cell),
                        }
                    }
                }
                continue;
            }
            let continues = is_plan_table
                && row.first().is_some_and(|c| c.text.trim().is_empty())
                && row.iter().any(|c| !c.copied && !c.text.trim().is_empty())
                && kept.last().is_some_and(|(_, prev)| {
                    prev.first().is_some_and(|c| RowNumber::parse(&c.text).is_some())
                });
            if continues {
                let (first_row, prev) = kept.last_mut().expect("checked above");
                for (c, cell) in row.into_iter().enumerate() {
                    if cell.copied || cell.text.trim().is_empty() {
                        continue;
                    }
                    match prev.get_mut(c) {
                        Some(p) if !p.text.trim().is_empty() => {
                            p.text.push('\n');
                            p.text.push_str(&cell.text);
                        }
                        Some(p) => p.text = cell.text,
                        None => prev.push(cell),
                    }
                }
                let number = prev.first().map(|c| c.text.clone()).unwrap_or_default();
                let at = origin(r, 0);
                let first = origin(*first_row, 0);
                self.warn(
                    &at,
                    format!(
                        "hàng không có số thứ tự: coi là phần tiếp của hàng số {number} ({first}, bị ngắt trang) và đã nối vào — hãy kiểm tra"
                    ),
                );
                continue;
            }
            kept.push((r, row));
        }
        for (r, row) in kept {
            for (c, cell) in row.into_iter().enumerate() {
                self.cell(&cell.text, origin(r, c));
            }
        }
    }

    pub fn finish(self, form: Form) -> PlanText {
        PlanText { form, text: self.text, origins: self.origins, diagnostics: self.diagnostics }
    }

    /// A word processor's document (Word, OpenDocument) in the published
    /// layout: its paragraphs and tables (their merges resolved) in order,
    /// each line named by paragraph or by table, row and column.
    pub fn document(file: &str, blocks: impl IntoIterator<Item = DocBlock>) -> PlanText {
        let mut out = Builder::new(file);
        let (mut paragraph, mut table) = (0, 0);
        for block in blocks {
            match block {
                DocBlock::Paragraph(text) => {
                    paragraph += 1;
                    out.paragraph(&text, Origin { part: None, place: format!("đoạn {paragraph}") });
                }
                DocBlock::Table(grid) => {
                    table += 1;
                    let part = format!("bảng {table}");
                    out.table(grid, |r, c| Origin {
                        part: Some(part.clone()),
                        place: format!("hàng {}, cột {}", r + 1, c + 1),
                    });
                    // A table ends a block of the body, as a blank line does.
                    out.paragraph("", Origin { part: Some(part.clone()), place: "cuối bảng".into() });
                }
            }
        }
        out.finish(Form::Word)
    }
}

/// A paragraph or a table of a word processor's document.
pub(super) enum DocBlock {
    Paragraph(String),
    Table(Vec<Vec<GridCell>>),
}

/// `(1) | (2) | (3)` or `1 | 2 | 3`: a row numbering the columns.
fn numbers_columns(row: &[GridCell]) -> bool {
    row.len() >= 3
        && row.iter().enumerate().all(|(i, c)| {
            let t = c.text.trim();
            let t = t.strip_prefix('(').and_then(|t| t.strip_suffix(')')).unwrap_or(t);
            t == (i + 1).to_string()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(texts: &[&str]) -> Vec<GridCell> {
        texts.iter().map(|t| GridCell { text: (*t).to_owned(), copied: false }).collect()
    }

    #[test]
    fn a_heading_in_two_rows_names_the_columns_by_its_lower_row() {
        let copied = |t: &str| GridCell { text: t.to_owned(), copied: true };
        let mut header2 = row(&["", "", "Chủ trì", "Phối hợp"]);
        header2[0] = copied("TT");
        header2[1] = copied("Nhiệm vụ");
        let mut b = Builder::new("kh.xlsx");
        b.table(
            vec![
                row(&["TT", "Nhiệm vụ", "Cơ quan thực hiện", ""]),
                header2,
                row(&["1", "Việc", "Sở Nội vụ", ""]),
            ],
            |r, c| Origin {
                part: Some("Phụ lục II".into()),
                place: format!("{}{}", ["A", "B", "C", "D"][c], r + 1),
            },
        );
        let t = b.finish(Form::Workbook);
        assert_eq!(t.text, "TT |\nNhiệm vụ |\nChủ trì |\nPhối hợp |\n1 |\nViệc |\nSở Nội vụ |\n|\n");
        assert_eq!(t.origins[4].to_string(), "Phụ lục II › A3", "rows keep their own places");
    }

    #[test]
    fn rows_split_by_a_page_break_are_joined_and_said() {
        let mut b = Builder::new("kh.docx");
        b.table(
            vec![
                row(&["TT", "Nhiệm vụ", "Cơ quan chủ trì"]),
                row(&["(1)", "(2)", "(3)"]),
                row(&["1", "Xây dựng kế hoạch", "Sở Nội vụ"]),
                row(&["", "tuyên truyền", ""]),
                row(&["2", "Tổng kết | đánh giá", "Sở Tư pháp"]),
            ],
            |r, c| Origin {
                part: Some("bảng 1".into()), place: format!("hàng {}, cột {}", r + 1, c + 1)
            },
        );
        let t = b.finish(Form::Word);
        assert_eq!(
            t.text,
            "TT |\nNhiệm vụ |\nCơ quan chủ trì |\n1 |\nXây dựng kế hoạch\ntuyên truyền |\nSở Nội vụ |\n2 |\nTổng kết ¦ đánh giá |\nSở Tư pháp |\n"
        );
        assert_eq!(t.origins.len(), t.text.lines().count());
        let said: Vec<String> = t.diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(said.len(), 3, "{said:?}");
        assert!(said[0].contains("bảng 1 › hàng 2, cột 1"), "{said:?}");
        assert!(said[1].contains("hàng số 1 (bảng 1 › hàng 3, cột 1"), "{said:?}");
        assert!(said[2].contains("«¦»"), "{said:?}");
    }
}
