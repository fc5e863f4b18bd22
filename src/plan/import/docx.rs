//! A plan drafted in Word (.docx): its paragraphs and tables, in document
//! order, as text in the published layout.
//!
//! Read with the zip and XML readers the workbooks already use: the crates
//! that read .docx whole either drop vertical merges (the lead agency
//! written once for several tasks) or pull in a second XML stack. Only
//! `word/document.xml` is read: headers, footers, footnotes and comments
//! are not part of the plan's tables.

use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::source::{Builder, DocBlock, GridCell, PlanText};
use crate::book::formats::{attr, push_ref, zip_part};

/// A table cell as Word stores it.
#[derive(Debug, Default)]
struct WordCell {
    text: String,
    /// Grid columns it covers (`w:gridSpan`).
    span: usize,
    merge: VMerge,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    #[default]
    None,
    Restart,
    /// Continues the merged cell above: Word stores it empty.
    Continue,
}

enum Block {
    Paragraph(String),
    Table(Vec<Vec<WordCell>>),
}

/// A table being read: its rows, the row being read, the cell.
#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<WordCell>>,
    row: Vec<WordCell>,
    cell: Option<WordCell>,
}

/// The document's body as blocks.
#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    /// Open tables, innermost last.
    tables: Vec<OpenTable>,
    paragraph: Option<String>,
    /// Paragraphs open: more than one inside a text box, whose text runs
    /// on in the paragraph that holds it.
    paragraph_depth: usize,
    in_text: bool,
    /// Inside `mc:Fallback`, which repeats what `mc:Choice` holds.
    skip_depth: usize,
    /// Elements open: a part cut short ends with some still open.
    depth: usize,
}

pub(super) fn convert(bytes: &[u8], file: &str) -> Result<PlanText, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("tệp .docx bị hỏng ({e})"))?;
    let xml = zip_part(&mut zip, "word/document.xml")
        .map_err(|e| {
            format!("không đọc được nội dung văn bản Word ({e}) — hãy mở bằng Word, lưu lại rồi nhập lại")
        })?
        .ok_or(
            "tệp .docx không có phần nội dung (word/document.xml) — hãy mở bằng Word, lưu lại rồi nhập lại",
        )?;
    let blocks = blocks(&xml)?.into_iter().map(|b| match b {
        Block::Paragraph(text) => DocBlock::Paragraph(text),
        Block::Table(rows) => DocBlock::Table(resolve_merges(rows)),
    });
    Ok(Builder::document(file, blocks))
}

fn blocks(xml: &str) -> Result<Vec<Block>, String> {
    let mut w = Walk::default();
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "nội dung văn bản Word hỏng ở byte {} ({e}) — hãy mở bằng Word, lưu lại rồi nhập lại",
                reader.buffer_position()
            )
        })?;
        if w.skip_depth > 0 {
            match event {
                Event::Start(_) => w.skip_depth += 1,
                Event::End(_) => {
                    w.skip_depth -= 1;
                    // The `mc:Fallback` element itself was counted open.
                    if w.skip_depth == 0 {
                        w.depth = w.depth.saturating_sub(1);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match &event {
            Event::Start(_) => w.depth += 1,
            Event::End(_) => w.depth = w.depth.saturating_sub(1),
            Event::Eof if w.depth > 0 => {
                return Err("nội dung văn bản Word bị cắt dở (tệp lưu chưa xong hoặc tải về chưa hết) — hãy mở bằng Word, lưu lại rồi nhập lại".into());
            }
            _ => {}
        }
        match event {
            Event::Start(e) => start(&mut w, &e),
            Event::Empty(e) => empty(&mut w, &e),
            Event::Text(t) if w.in_text => {
                if let Some(p) = &mut w.paragraph {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if w.in_text => {
                if let Some(p) = &mut w.paragraph {
                    push_ref(&r, p);
                }
            }
            Event::End(e) => end(&mut w, e.local_name().as_ref()),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(w.blocks)
}

fn start(w: &mut Walk, e: &BytesStart) {
    match e.local_name().as_ref() {
        "Fallback" => w.skip_depth = 1,
        "tbl" => w.tables.push(OpenTable::default()),
        "tr" => {
            if let Some(t) = w.tables.last_mut() {
                t.row.clear();
            }
        }
        "tc" => {
            if let Some(t) = w.tables.last_mut() {
                t.cell = Some(WordCell { span: 1, ..WordCell::default() });
            }
        }
        "p" => {
            w.paragraph_depth += 1;
            match &mut w.paragraph {
                Some(p) => p.push('\n'),
                None => w.paragraph = Some(String::new()),
            }
        }
        "t" => w.in_text = true,
        _ => empty(w, e),
    }
}

fn empty(w: &mut Walk, e: &BytesStart) {
    match e.local_name().as_ref() {
        "tab" | "ptab" => push(w, " "),
        "br" | "cr" => push(w, "\n"),
        "noBreakHyphen" => push(w, "-"),
        // `<w:p/>`: an empty paragraph, a blank line of the body.
        "p" if w.paragraph.is_none() && w.tables.is_empty() => w.blocks.push(Block::Paragraph(String::new())),
        "gridSpan" => {
            if let Some(cell) = w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                let span = attr(e, "w:val").and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                // A grid wider than Word allows (63 columns) is not a plan table.
                cell.span = span.clamp(1, 63);
            }
        }
        "vMerge" => {
            if let Some(cell) = w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                cell.merge = match attr(e, "w:val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                };
            }
        }
        _ => {}
    }
}

fn push(w: &mut Walk, s: &str) {
    if let Some(p) = &mut w.paragraph {
        p.push_str(s);
    }
}

fn end(w: &mut Walk, name: &str) {
    match name {
        "t" => w.in_text = false,
        "p" => {
            w.paragraph_depth = w.paragraph_depth.saturating_sub(1);
            if w.paragraph_depth > 0 {
                return;
            }
            let Some(text) = w.paragraph.take() else { return };
            let Some(table) = w.tables.last_mut() else {
                w.blocks.push(Block::Paragraph(text));
                return;
            };
            // Text between rows of a table (not valid Word) is kept in the
            // row's last cell.
            match table.cell.as_mut().or(table.row.last_mut()) {
                Some(cell) => {
                    if !cell.text.is_empty() {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&text);
                }
                None => w.blocks.push(Block::Paragraph(text)),
            }
        }
        "tc" => {
            if let Some(t) = w.tables.last_mut()
                && let Some(cell) = t.cell.take()
            {
                t.row.push(cell);
            }
        }
        "tr" => {
            if let Some(t) = w.tables.last_mut() {
                let row = std::mem::take(&mut t.row);
                t.rows.push(row);
            }
        }
        "tbl" => {
            let Some(OpenTable { rows, .. }) = w.tables.pop() else { return };
            if w.tables.is_empty() {
                w.blocks.push(Block::Table(rows));
                return;
            }
            // A table inside a cell: its text, row by row, in that cell.
            let text: Vec<String> = rows
                .iter()
                .map(|r| r.iter().map(|c| c.text.replace('\n', " ")).collect::<Vec<_>>().join(" "))
                .collect();
            if let Some(cell) = w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&text.join("\n"));
            }
        }
        _ => {}
    }
}

/// Word's cells on the table grid: a cell spanning columns becomes itself
/// and empty cells (as a published table prints it), and a cell continuing
/// a vertical merge takes the text of the merged cell above it (it is the
/// same agency, the same deadline, for each row).
fn resolve_merges(rows: Vec<Vec<WordCell>>) -> Vec<Vec<GridCell>> {
    let mut out: Vec<Vec<GridCell>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut grid = Vec::new();
        for cell in row {
            let col = grid.len();
            let text = match cell.merge {
                VMerge::Continue => {
                    out.last().and_then(|above| above.get(col)).map(|c: &GridCell| c.text.clone())
                }
                _ => None,
            };
            let copied = text.is_some();
            grid.push(GridCell { text: text.unwrap_or(cell.text), copied });
            for _ in 1..cell.span {
                grid.push(GridCell { text: String::new(), copied });
            }
        }
        out.push(grid);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn tc(props: &str, paragraphs: &[&str]) -> String {
        let body: String = paragraphs.iter().map(|t| p(t)).collect();
        format!("<w:tc><w:tcPr>{props}</w:tcPr>{body}</w:tc>")
    }

    #[test]
    fn tables_keep_merges_and_paragraphs_as_a_published_text_does() {
        let xml = format!(
            "<w:document xmlns:w=\"w\"><w:body>{}<w:tbl><w:tr>{}{}{}</w:tr><w:tr>{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>{}</w:body></w:document>",
            p("Tôi &amp; bạn"),
            tc("", &["TT"]),
            tc("", &["Nhiệm vụ"]),
            tc("", &["Cơ quan", "chủ trì"]),
            tc("<w:gridSpan w:val=\"3\"/>", &["I. Nhóm một"]),
            tc("", &["1"]),
            tc("", &["Việc một"]),
            tc("<w:vMerge w:val=\"restart\"/>", &["Sở Nội vụ"]),
            tc("", &["2"]),
            tc("", &["Việc hai"]),
            tc("<w:vMerge/>", &[""]),
            p("Hết."),
        );
        let blocks = blocks(&xml).unwrap();
        assert_eq!(blocks.len(), 3);
        let Block::Table(rows) = blocks.into_iter().nth(1).unwrap() else { panic!("not a table") };
        let grid = resolve_merges(rows);
        let texts: Vec<Vec<&str>> =
            grid.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect();
        assert_eq!(
            texts,
            vec![
                vec!["TT", "Nhiệm vụ", "Cơ quan\nchủ trì"],
                vec!["I. Nhóm một", "", ""],
                vec!["1", "Việc một", "Sở Nội vụ"],
                vec!["2", "Việc hai", "Sở Nội vụ"],
            ]
        );
        assert!(grid[3][2].copied && !grid[2][2].copied);
    }

    #[test]
    fn broken_or_cut_xml_is_refused() {
        let e = blocks("<w:document><w:body><w:p><w:t>a</w:x></w:body>").err().unwrap();
        assert!(e.contains("hỏng ở byte"), "{e}");
        let e = blocks("<w:document><w:body><w:p><w:t>a</w:t></w:p><w:tbl><w:tr>").err().unwrap();
        assert!(e.contains("cắt dở"), "{e}");
        let whole = "<w:document><w:body><mc:AlternateContent><mc:Choice><w:p/></mc:Choice><mc:Fallback><w:p><w:t>x</w:t></w:p></mc:Fallback></mc:AlternateContent></w:body></w:document>";
        assert_eq!(blocks(whole).unwrap().len(), 1, "the fallback repeats the choice");
    }
}
