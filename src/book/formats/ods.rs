//! Percent cells and comments of an .ods workbook, from `content.xml`:
//! LibreOffice writes `85%` as `office:value-type="percentage"` and a
//! comment as an `office:annotation` inside its cell. Rows and cells are
//! counted as calamine counts them, repeats included.

use std::io::Cursor;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Comment, Extras, attr, push_ref, zip_part};

/// Repeats of one cell or row taken into account for percentages: a style
/// applied to a whole column repeats an empty cell a million times.
const REPEAT_LIMIT: u32 = 10_000;

fn repeats(e: &BytesStart, name: &str) -> u32 {
    attr(e, name).and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
}

pub fn extras(bytes: &[u8]) -> Result<Extras, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let Some(content) = zip_part(&mut zip, "content.xml")? else { return Ok(Extras::default()) };
    Ok(read_content(&content))
}

/// Where the reader is inside `content.xml`.
#[derive(Default)]
struct Walk {
    sheet: String,
    row: u32,
    col: u32,
    /// The row's repeat count, applied when the row ends.
    row_repeat: u32,
    /// The current cell's repeat count, applied when it ends.
    cell_repeat: u32,
    /// Inside an annotation: its author and text so far.
    note: Option<(String, String)>,
    in_creator: bool,
    /// Inside a paragraph of an annotation (its date is not its text).
    in_paragraph: bool,
    paragraphs: usize,
}

fn read_content(xml: &str) -> Extras {
    let mut out = Extras::default();
    let mut w = Walk::default();
    let mut reader = Reader::from_str(xml);
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => start(&mut w, &mut out, &e, false),
            Event::Empty(e) => start(&mut w, &mut out, &e, true),
            Event::Text(t) => {
                if let Some((author, text)) = &mut w.note {
                    if w.in_creator {
                        author.push_str(&t.xml10_content());
                    } else if w.in_paragraph {
                        text.push_str(&t.xml10_content());
                    }
                }
            }
            Event::GeneralRef(r) => {
                if let Some((author, text)) = &mut w.note {
                    if w.in_creator {
                        push_ref(&r, author);
                    } else if w.in_paragraph {
                        push_ref(&r, text);
                    }
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => w.col += w.cell_repeat,
                "table:table-row" => {
                    w.row += w.row_repeat;
                    w.col = 0;
                }
                "dc:creator" => w.in_creator = false,
                "text:p" => w.in_paragraph = false,
                "office:annotation" => {
                    if let Some((author, text)) = w.note.take() {
                        out.comments.push(Comment {
                            sheet: w.sheet.clone(),
                            row: w.row,
                            col: w.col,
                            author,
                            text,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn start(w: &mut Walk, out: &mut Extras, e: &BytesStart, empty: bool) {
    match e.name().as_ref() {
        "table:table" => {
            w.sheet = attr(e, "table:name").unwrap_or_default();
            w.row = 0;
        }
        "table:table-row" => {
            w.row_repeat = repeats(e, "table:number-rows-repeated");
            w.col = 0;
            if empty {
                w.row += w.row_repeat;
            }
        }
        "table:table-cell" | "table:covered-table-cell" => {
            w.cell_repeat = repeats(e, "table:number-columns-repeated");
            let value_type = attr(e, "office:value-type");
            if value_type.is_some() {
                let (row, col) = (w.row + w.row_repeat - 1, w.col + w.cell_repeat - 1);
                match out.far.iter_mut().find(|(s, ..)| *s == w.sheet) {
                    Some((_, r, c)) => {
                        *r = (*r).max(row);
                        *c = (*c).max(col);
                    }
                    None => out.far.push((w.sheet.clone(), row, col)),
                }
            }
            let spans = (repeats(e, "table:number-rows-spanned"), repeats(e, "table:number-columns-spanned"));
            if spans != (1, 1) && e.name().as_ref() == "table:table-cell" {
                let first = (w.row, w.col);
                let last = (w.row + spans.0.min(REPEAT_LIMIT) - 1, w.col + spans.1.min(REPEAT_LIMIT) - 1);
                out.merged.entry(w.sheet.clone()).or_default().push((first, last));
            }
            if value_type.as_deref() == Some("percentage") {
                let cells = out.percent.entry(w.sheet.clone()).or_default();
                for r in 0..w.row_repeat.min(REPEAT_LIMIT) {
                    for c in 0..w.cell_repeat.min(REPEAT_LIMIT) {
                        cells.insert((w.row + r, w.col + c));
                    }
                }
            }
            if empty {
                w.col += w.cell_repeat;
            }
        }
        "office:annotation" if !empty => {
            w.note = Some((String::new(), String::new()));
            w.paragraphs = 0;
        }
        "dc:creator" if w.note.is_some() && !empty => w.in_creator = true,
        "text:p" if w.note.is_some() => {
            w.in_paragraph = !empty;
            if w.paragraphs > 0
                && let Some((_, text)) = &mut w.note
            {
                text.push('\n');
            }
            w.paragraphs += 1;
        }
        "text:s" | "text:tab" | "text:line-break" => {
            if let (Some((_, text)), false) = (&mut w.note, w.in_creator) {
                let piece = match e.name().as_ref() {
                    "text:tab" => "\t".to_owned(),
                    "text:line-break" => "\n".to_owned(),
                    _ => " ".repeat(repeats(e, "text:c").min(REPEAT_LIMIT) as usize),
                };
                text.push_str(&piece);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_annotations_at_their_cells() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Chỉ tiêu">
              <table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="7"/></table:table-row>
              <table:table-row><table:table-cell table:number-columns-repeated="4"/>
                <table:table-cell office:value-type="percentage" office:value="0.85"><text:p>85%</text:p></table:table-cell>
                <table:table-cell office:value-type="string"><office:annotation><dc:creator>Lê Thị B</dc:creator><dc:date>2026-11-30T00:00:00</dc:date><text:p>Số tạm tính</text:p><text:p>chờ &amp; xác nhận</text:p></office:annotation><text:p>Cục Thống kê</text:p></table:table-cell>
              </table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let extras = read_content(xml);
        assert!(extras.percent["Chỉ tiêu"].contains(&(4, 4)));
        assert_eq!(extras.far, vec![("Chỉ tiêu".to_owned(), 4, 5)]);
        assert_eq!(extras.percent["Chỉ tiêu"].len(), 1);
        assert_eq!(
            extras.comments,
            vec![Comment {
                sheet: "Chỉ tiêu".into(),
                row: 4,
                col: 5,
                author: "Lê Thị B".into(),
                text: "Số tạm tính\nchờ & xác nhận".into()
            }]
        );
    }
}
