//! The report as a Word document (.docx), from the same document the PDF
//! is laid out from (`render::document`), in the same Nghị định 30 layout:
//! the editable twin leaders correct and the e-office system turns into the
//! PDF that is signed.
//!
//! WordprocessingML is written here with the zip and XML crates already
//! used to read workbooks: docx-rs, the crate that writes .docx, has no
//! repeated table header row (`w:tblHeader`), which every appendix needs.
//! The package holds only the parts Word requires (and the signature and
//! seal images when the configuration has them), in a fixed order with
//! fixed timestamps, so the same data gives the same bytes.

mod document;
mod styles;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

use crate::error::Error;
use crate::render::document::Document;

/// The pictures a report may carry, as PNG bytes: the signature and seal
/// images, and the charts of the «Biểu đồ» appendix as the PDF draws them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Images<'a> {
    pub signature: Option<&'a [u8]>,
    pub stamp: Option<&'a [u8]>,
    pub charts: &'a [Vec<u8>],
}

impl Images<'_> {
    /// The package part of the `n`th chart (from 1) and its relationship id.
    pub fn chart_part(n: usize) -> (String, String) {
        (format!("media/bieu-do-{n}.png"), format!("rIdChart{n}"))
    }
}

/// The parts of the package, in the order they are written.
fn parts(document: &Document, images: Images) -> Vec<(String, Vec<u8>)> {
    let text = |s: String| s.into_bytes();
    let mut parts: Vec<(String, Vec<u8>)> = [
        ("[Content_Types].xml", text(styles::CONTENT_TYPES.to_owned())),
        ("_rels/.rels", text(styles::PACKAGE_RELS.to_owned())),
        ("docProps/core.xml", text(styles::core(&document.doc))),
        ("docProps/app.xml", text(styles::APP.to_owned())),
        ("word/_rels/document.xml.rels", text(styles::document_rels(images))),
        ("word/document.xml", text(document::document(document, images))),
        ("word/styles.xml", text(styles::STYLES.to_owned())),
        ("word/settings.xml", text(styles::SETTINGS.to_owned())),
        ("word/header-so-trang.xml", text(styles::PAGE_NUMBER_HEADER.to_owned())),
        ("word/header-trong.xml", text(styles::EMPTY_HEADER.to_owned())),
    ]
    .into_iter()
    .map(|(name, bytes)| (name.to_owned(), bytes))
    .collect();
    if let Some(png) = images.signature {
        parts.push(("word/media/chu-ky.png".to_owned(), png.to_vec()));
    }
    if let Some(png) = images.stamp {
        parts.push(("word/media/con-dau.png".to_owned(), png.to_vec()));
    }
    for (i, png) in images.charts.iter().enumerate() {
        parts.push((format!("word/{}", Images::chart_part(i + 1).0), png.clone()));
    }
    parts
}

/// The report (or a letter) as .docx bytes.
pub fn docx(document: &Document, images: Images) -> Result<Vec<u8>, Error> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed date (the zip format's first, 1980-01-01): the same data, the same bytes.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let fail = |e: &dyn std::fmt::Display| Error::Internal(format!("ghi tệp .docx: {e}"));
    for (name, bytes) in parts(document, images) {
        zip.start_file(name.as_str(), options).map_err(|e| fail(&e))?;
        zip.write_all(&bytes).map_err(|e| fail(&e))?;
    }
    Ok(zip.finish().map_err(|e| fail(&e))?.into_inner())
}

/// Text for XML: `&`, `<`, `>`, quotes escaped; characters XML 1.0 cannot
/// hold (C0 controls) left out.
pub(crate) fn esc(s: &str) -> String {
    let kept: String = s.chars().filter(|&c| c == '\t' || c == '\n' || c == '\r' || c >= ' ').collect();
    quick_xml::escape::escape(kept.as_str()).into_owned()
}
