//! A plan kept as an OpenDocument text (.odt, LibreOffice Writer's own
//! format): its paragraphs and tables, in document order, as text in the
//! published layout, the same way `docx` reads a Word file.
//!
//! Only `content.xml` is read. Footnotes, comments and tracked deletions
//! stand inside the text there; they are left out, as `docx` leaves out the
//! parts Word keeps them in.

use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::source::{Builder, DocBlock, GridCell, PlanText};
use crate::book::formats::{attr, push_ref, zip_part};

/// Rows or columns repeated more than this are empty filler (Calc and
/// Writer write «repeated 1024» for the unused rest of a grid).
const MAX_REPEAT: usize = 64;

/// A table cell as OpenDocument stores it.
#[derive(Debug, Default, Clone)]
struct OdfCell {
    text: String,
    /// Columns and rows it spans.
    across: usize,
    down: usize,
    /// `table:covered-table-cell`: the place of a cell a span covers.
    covered: bool,
}

enum Block {
    Paragraph(String),
    Table(Vec<Vec<OdfCell>>),
}

#[derive(Default)]
struct OpenTable {
    rows: Vec<Vec<OdfCell>>,
    row: Vec<OdfCell>,
    /// How many times the row repeats.
    row_repeat: usize,
    cell: Option<(OdfCell, usize)>,
}

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    tables: Vec<OpenTable>,
    paragraph: Option<String>,
    paragraph_depth: usize,
    /// Inside a footnote, comment or tracked change: skipped whole.
    skip_depth: usize,
    depth: usize,
}

pub(super) fn convert(bytes: &[u8], file: &str) -> Result<PlanText, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("tệp .odt bị hỏng ({e})"))?;
    let xml = zip_part(&mut zip, "content.xml")
        .map_err(|e| {
            format!("không đọc được nội dung văn bản .odt ({e}) — hãy mở bằng LibreOffice Writer, lưu lại rồi nhập lại")
        })?
        .ok_or("tệp .odt không có phần nội dung (content.xml) — hãy mở bằng LibreOffice Writer, lưu lại rồi nhập lại")?;
    let blocks = blocks(&xml)?.into_iter().map(|b| match b {
        Block::Paragraph(text) => DocBlock::Paragraph(text),
        Block::Table(rows) => DocBlock::Table(resolve_spans(rows)),
    });
    Ok(Builder::document(file, blocks))
}

fn blocks(xml: &str) -> Result<Vec<Block>, String> {
    let mut w = Walk::default();
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "nội dung văn bản .odt hỏng ở byte {} ({e}) — hãy mở bằng LibreOffice Writer, lưu lại rồi nhập lại",
                reader.buffer_position()
            )
        })?;
        match &event {
            Event::Start(_) => w.depth += 1,
            Event::End(_) => w.depth = w.depth.saturating_sub(1),
            Event::Eof if w.depth > 0 => {
                return Err("nội dung văn bản .odt bị cắt dở (tệp lưu chưa xong hoặc tải về chưa hết) — hãy mở bằng LibreOffice Writer, lưu lại rồi nhập lại".into());
            }
            _ => {}
        }
        if w.skip_depth > 0 {
            match event {
                Event::Start(_) => w.skip_depth += 1,
                Event::End(_) => w.skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => start(&mut w, &e),
            Event::Empty(e) => {
                start(&mut w, &e);
                end(&mut w, e.local_name().as_ref());
            }
            Event::Text(t) => push(&mut w, &t.xml10_content()),
            Event::GeneralRef(r) => {
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

fn repeat(e: &BytesStart, name: &str) -> usize {
    attr(e, name).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_REPEAT)
}

fn start(w: &mut Walk, e: &BytesStart) {
    match e.local_name().as_ref() {
        "note" | "annotation" | "tracked-changes" => w.skip_depth = 1,
        "table" => w.tables.push(OpenTable::default()),
        "table-row" => {
            if let Some(t) = w.tables.last_mut() {
                t.row.clear();
                t.row_repeat = repeat(e, "table:number-rows-repeated");
            }
        }
        name @ ("table-cell" | "covered-table-cell") => {
            if let Some(t) = w.tables.last_mut() {
                let cell = OdfCell {
                    text: String::new(),
                    across: repeat(e, "table:number-columns-spanned"),
                    down: repeat(e, "table:number-rows-spanned"),
                    covered: name == "covered-table-cell",
                };
                t.cell = Some((cell, repeat(e, "table:number-columns-repeated")));
            }
        }
        "p" | "h" => {
            w.paragraph_depth += 1;
            match &mut w.paragraph {
                Some(p) => p.push('\n'),
                None => w.paragraph = Some(String::new()),
            }
        }
        "s" => {
            let n = repeat(e, "text:c");
            push(w, &" ".repeat(n));
        }
        "tab" => push(w, " "),
        "line-break" => push(w, "\n"),
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
        "p" | "h" => {
            w.paragraph_depth = w.paragraph_depth.saturating_sub(1);
            if w.paragraph_depth > 0 {
                return;
            }
            let Some(text) = w.paragraph.take() else { return };
            match w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                Some((cell, _)) => {
                    if !cell.text.is_empty() {
                        cell.text.push('\n');
                    }
                    cell.text.push_str(&text);
                }
                None => w.blocks.push(Block::Paragraph(text)),
            }
        }
        "table-cell" | "covered-table-cell" => {
            if let Some(t) = w.tables.last_mut()
                && let Some((cell, times)) = t.cell.take()
            {
                for _ in 0..times {
                    t.row.push(cell.clone());
                }
            }
        }
        "table-row" => {
            if let Some(t) = w.tables.last_mut() {
                let row = std::mem::take(&mut t.row);
                // A repeated row of empty cells is the grid's filler.
                let times = if row.iter().all(|c| c.text.trim().is_empty()) { 1 } else { t.row_repeat };
                for _ in 0..times {
                    t.rows.push(row.clone());
                }
            }
        }
        "table" => {
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
            if let Some((cell, _)) = w.tables.last_mut().and_then(|t| t.cell.as_mut()) {
                if !cell.text.is_empty() {
                    cell.text.push('\n');
                }
                cell.text.push_str(&text.join("\n"));
            }
        }
        _ => {}
    }
}

/// The cells on the table's grid. OpenDocument writes a covered cell in
/// each place a span covers: across, it is empty (as a published table
/// prints a merged group row); down, it takes the text of the cell above
/// (the same agency or deadline for each row it spans), as `docx` does.
fn resolve_spans(rows: Vec<Vec<OdfCell>>) -> Vec<Vec<GridCell>> {
    // For each column: the text spanning down into it, and for how many rows more.
    let mut down: Vec<Option<(String, usize)>> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let mut grid: Vec<GridCell> = Vec::with_capacity(row.len());
        let mut across_left: usize = 0;
        for cell in row {
            let col = grid.len();
            if down.len() <= col {
                down.resize(col + 1, None);
            }
            let from_above = match &mut down[col] {
                Some((text, left)) if cell.covered && *left > 0 => {
                    *left -= 1;
                    Some(text.clone())
                }
                _ => None,
            };
            if cell.covered {
                let copied = from_above.is_some() && across_left == 0;
                across_left = across_left.saturating_sub(1);
                grid.push(GridCell {
                    text: if copied { from_above.unwrap_or_default() } else { String::new() },
                    copied,
                });
                continue;
            }
            if cell.down > 1 {
                down[col] = Some((cell.text.clone(), cell.down - 1));
            } else {
                down[col] = None;
            }
            across_left = cell.across - 1;
            grid.push(GridCell { text: cell.text, copied: false });
        }
        out.push(grid);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Vec<GridCell>]) -> Vec<Vec<&str>> {
        rows.iter().map(|r| r.iter().map(|c| c.text.as_str()).collect()).collect()
    }

    #[test]
    fn spans_across_are_empty_and_spans_down_repeat_the_cell() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:text>
            <text:h>KẾ<text:s text:c="2"/>HOẠCH</text:h>
            <table:table>
              <table:table-row><table:table-cell><text:p>TT</text:p></table:table-cell><table:table-cell><text:p>Tên nhiệm vụ</text:p></table:table-cell><table:table-cell><text:p>Cơ quan chủ trì</text:p></table:table-cell></table:table-row>
              <table:table-row><table:table-cell><text:p>I</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2"><text:p>Thể chế</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
              <table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>Việc một<text:note><text:note-body><text:p>chú thích</text:p></text:note-body></text:note></text:p></table:table-cell><table:table-cell table:number-rows-spanned="2"><text:p>Sở A</text:p></table:table-cell></table:table-row>
              <table:table-row><table:table-cell><text:p>2</text:p></table:table-cell><table:table-cell><text:p>Việc hai</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
              <table:table-row table:number-rows-repeated="500"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
            </table:table>
        </office:text></office:body></office:document-content>"#;
        let blocks = blocks(xml).unwrap();
        let Block::Paragraph(h) = &blocks[0] else { panic!("a heading first") };
        assert_eq!(h, "KẾ  HOẠCH");
        let Block::Table(rows) = &blocks[1] else { panic!("then the table") };
        let grid = resolve_spans(rows.clone());
        assert_eq!(
            texts(&grid),
            [
                vec!["TT", "Tên nhiệm vụ", "Cơ quan chủ trì"],
                vec!["I", "Thể chế", ""],
                vec!["1", "Việc một", "Sở A"],
                vec!["2", "Việc hai", "Sở A"],
                vec!["", "", ""],
            ]
        );
        assert!(grid[3][2].copied && !grid[1][2].copied);
    }

    #[test]
    fn a_part_cut_short_is_said() {
        let err = blocks("<office:document-content><office:body><office:text><text:p>KẾ").err().unwrap();
        assert!(err.contains("cắt dở"), "{err}");
    }
}
