//! The report as a Word document (.docx), from the same data the PDF is
//! laid out from (`Report::typst_data`), in the same Nghị định 30 layout:
//! the editable twin leaders correct and the e-office system turns into the
//! PDF that is signed.
//!
//! WordprocessingML is written here with the zip and XML crates already
//! used to read workbooks: docx-rs, the crate that writes .docx, has no
//! repeated table header row (`w:tblHeader`), which every appendix needs.
//! The package holds only the parts Word requires, in a fixed order with
//! fixed timestamps, so the same data gives the same bytes.

mod document;
mod styles;

use std::io::{Cursor, Write};

use serde_json::Value;
use zip::write::SimpleFileOptions;

use crate::error::Error;

/// The parts of the package, in the order they are written.
fn parts(data: &Value) -> Vec<(&'static str, String)> {
    let doc = &data["doc"];
    vec![
        ("[Content_Types].xml", styles::CONTENT_TYPES.to_owned()),
        ("_rels/.rels", styles::PACKAGE_RELS.to_owned()),
        ("docProps/core.xml", styles::core(doc)),
        ("docProps/app.xml", styles::APP.to_owned()),
        ("word/_rels/document.xml.rels", styles::DOCUMENT_RELS.to_owned()),
        ("word/document.xml", document::document(data)),
        ("word/styles.xml", styles::STYLES.to_owned()),
        ("word/settings.xml", styles::SETTINGS.to_owned()),
        ("word/header-so-trang.xml", styles::PAGE_NUMBER_HEADER.to_owned()),
        ("word/header-trong.xml", styles::EMPTY_HEADER.to_owned()),
    ]
}

/// The report (or a letter) as .docx bytes.
pub fn docx(data: &Value) -> Result<Vec<u8>, Error> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date (the zip format's first, 1980-01-01): the same data, the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let fail = |e: &dyn std::fmt::Display| Error::Internal(format!("ghi tệp .docx: {e}"));
    for (name, xml) in parts(data) {
        zip.start_file(name, options).map_err(|e| fail(&e))?;
        zip.write_all(xml.as_bytes()).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Text for XML: `&`, `<`, `>`, quotes escaped; characters XML 1.0 cannot
/// hold (C0 controls) left out.
pub(crate) fn esc(s: &str) -> String {
    let kept: String = s.chars().filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ').collect();
    quick_xml::escape::escape(kept.as_str()).into_owned()
}
