//! Percent cells and comments of an .xls workbook (Excel 97–2003, BIFF8),
//! read from the records of its `Workbook` stream: FORMAT and XF say which
//! cell formats show a percentage, NUMBER/RK/MULRK/FORMULA which format each
//! number cell has; a comment is a NOTE (cell, author, object id) whose text
//! is in the TXO record after that object's OBJ.
//!
//! Every read is bounds-checked: a record that does not hold what it should
//! is skipped, never trusted.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::{Comment, Extras, is_percent_format};

const EOF: u16 = 0x000A;
const FORMAT: u16 = 0x041E;
const XF: u16 = 0x00E0;
const BOUNDSHEET: u16 = 0x0085;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const NOTE: u16 = 0x001C;
const OBJ: u16 = 0x005D;
const TXO: u16 = 0x01B6;
const CONTINUE: u16 = 0x003C;
const DIMENSIONS: u16 = 0x0200;
/// Other records that hold a cell: label, string from the table, rich
/// string, boolean or error, blank, blanks.
const LABEL: u16 = 0x0204;
const LABELSST: u16 = 0x00FD;
const RSTRING: u16 = 0x00D6;
const BOOLERR: u16 = 0x0205;
const BLANK: u16 = 0x0201;
const MULBLANK: u16 = 0x00BE;
/// The object type of a comment in an OBJ record.
const OBJ_COMMENT: u16 = 0x19;

/// The largest stream read: far above any form, a bound for hostile files.
const STREAM_LIMIT: u64 = 256 << 20;

fn u16_at(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// The records of a BIFF stream from `start`, in order.
fn records(stream: &[u8], start: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = start;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// `count` characters stored compressed (one byte, Latin-1) or as UTF-16.
fn chars(data: &[u8], count: usize, wide: bool) -> Option<(String, usize)> {
    if wide {
        let bytes = data.get(..count * 2)?;
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        Some((String::from_utf16_lossy(&units), count * 2))
    } else {
        let bytes = data.get(..count)?;
        Some((bytes.iter().map(|&b| char::from(b)).collect(), count))
    }
}

/// An XLUnicodeString (16-bit length) or ShortXLUnicodeString (8-bit).
fn unicode_string(data: &[u8], short: bool) -> Option<String> {
    let (count, flags_at) = if short { (*data.first()? as usize, 1) } else { (u16_at(data, 0)? as usize, 2) };
    let wide = data.get(flags_at)? & 1 == 1;
    chars(data.get(flags_at + 1..)?, count, wide).map(|(s, _)| s)
}

/// How many rows and columns calamine reserves for a DIMENSIONS record:
/// its own reading of the record (calamine 0.38, `parse_dimensions`), with
/// the same wrap when a writer put the first row after the last, which is
/// how a damaged file asks for 800 GB.
fn declared_box(data: &[u8]) -> Option<(u32, u32)> {
    let (first_row, last_row, first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => {
            (u32_at(data, 0)?, u32_at(data, 4)?, u32::from(u16_at(data, 8)?), u32::from(u16_at(data, 10)?))
        }
        _ => return None,
    };
    let first_col = if first_col > 0xFF || last_col < first_col { 0 } else { first_col };
    let (end_row, end_col) =
        if last_row >= 1 && last_col >= 1 { (last_row - 1, last_col - 1) } else { (first_row, first_col) };
    let rows = end_row.wrapping_sub(first_row).wrapping_add(1);
    let cols = end_col.wrapping_sub(first_col).wrapping_add(1);
    Some((rows, cols))
}

pub fn extras(bytes: &[u8]) -> Result<Extras, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut stream = Vec::new();
    // BIFF8 keeps its records in "Workbook", BIFF5 in "Book"; calamine reads either.
    match file.open_stream("/Workbook").or_else(|_| file.open_stream("/Book")) {
        Ok(s) => s.take(STREAM_LIMIT).read_to_end(&mut stream).map_err(|e| e.to_string())?,
        Err(e) => return Err(e.to_string()),
    };
    Ok(read_stream(&stream))
}

fn read_stream(stream: &[u8]) -> Extras {
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for (kind, data) in records(stream, 0) {
        match kind {
            FORMAT => {
                if let (Some(id), Some(code)) =
                    (u16_at(data, 0), data.get(2..).and_then(|d| unicode_string(d, false)))
                {
                    formats.insert(id, code);
                }
            }
            XF => xf_formats.push(u16_at(data, 2).unwrap_or(0)),
            BOUNDSHEET => {
                if let (Some(pos), Some(name)) =
                    (u32_at(data, 0), data.get(6..).and_then(|d| unicode_string(d, true)))
                {
                    sheets.push((name, pos as usize));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    // Built-in formats 9 and 10 are 0% and 0.00%.
    let percent_xf: HashSet<u16> = xf_formats
        .iter()
        .enumerate()
        .filter(|(_, f)| matches!(**f, 9 | 10) || formats.get(f).is_some_and(|code| is_percent_format(code)))
        .map(|(i, _)| i as u16)
        .collect();
    let mut out = Extras::default();
    for (name, pos) in sheets {
        read_sheet(stream, pos, &name, &percent_xf, &mut out);
    }
    out
}

fn read_sheet(stream: &[u8], pos: usize, name: &str, percent_xf: &HashSet<u16>, out: &mut Extras) {
    let mut percent = HashSet::new();
    let mut notes: Vec<(u32, u32, u16, String)> = Vec::new();
    let mut texts: HashMap<u16, String> = HashMap::new();
    let mut last_comment_obj: Option<u16> = None;
    // The farthest cell, and the box the file declares (calamine reserves it).
    let mut far = (0u32, 0u32);
    let mut reach = |row: u32, col: u32| far = (far.0.max(row), far.1.max(col));
    // The text of a TXO arrives in the CONTINUE records after it.
    let mut pending: Option<(u16, usize, String)> = None;
    for (kind, data) in records(stream, pos) {
        if kind != CONTINUE
            && let Some((id, _, text)) = pending.take()
        {
            texts.insert(id, text);
        }
        let cell = || Some((u16_at(data, 0)? as u32, u16_at(data, 2)? as u32, u16_at(data, 4)?));
        match kind {
            NUMBER | RK | FORMULA => {
                if let Some((row, col, xf)) = cell() {
                    reach(row, col);
                    if percent_xf.contains(&xf) {
                        percent.insert((row, col));
                    }
                }
            }
            LABEL | LABELSST | RSTRING | BOOLERR | BLANK => {
                if let Some((row, col, _)) = cell() {
                    reach(row, col);
                }
            }
            MULBLANK => {
                if let (Some(row), Some(last)) = (u16_at(data, 0), u16_at(data, data.len().saturating_sub(2)))
                {
                    reach(row as u32, last as u32);
                }
            }
            DIMENSIONS => {
                if let Some((rows, cols)) = declared_box(data) {
                    reach(rows.saturating_sub(1), cols.saturating_sub(1));
                }
            }
            MULRK => {
                let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
                let count = data.len().saturating_sub(6) / 6;
                reach(row as u32, first as u32 + count as u32);
                for i in 0..count {
                    if u16_at(data, 4 + i * 6).is_some_and(|xf| percent_xf.contains(&xf)) {
                        percent.insert((row as u32, first as u32 + i as u32));
                    }
                }
            }
            OBJ => {
                last_comment_obj = match (u16_at(data, 0), u16_at(data, 4), u16_at(data, 6)) {
                    (Some(0x15), Some(OBJ_COMMENT), Some(id)) => Some(id),
                    _ => None,
                };
            }
            TXO => {
                if let (Some(id), Some(count)) = (last_comment_obj.take(), u16_at(data, 10)) {
                    pending = Some((id, count as usize, String::new()));
                }
            }
            CONTINUE => {
                if let Some((_, left, text)) = &mut pending
                    && *left > 0
                {
                    let wide = data.first().is_some_and(|f| f & 1 == 1);
                    let room = data.len().saturating_sub(1) / if wide { 2 } else { 1 };
                    let take = (*left).min(room);
                    if let Some((piece, _)) = data.get(1..).and_then(|d| chars(d, take, wide)) {
                        text.push_str(&piece);
                    }
                    *left -= take;
                }
            }
            NOTE => {
                if let (Some((row, col, _)), Some(id)) = (cell(), u16_at(data, 6)) {
                    let author = data.get(8..).and_then(|d| unicode_string(d, false)).unwrap_or_default();
                    notes.push((row, col, id, author));
                }
            }
            EOF => break,
            _ => {}
        }
    }
    if let Some((id, _, text)) = pending {
        texts.insert(id, text);
    }
    out.far.push((name.to_owned(), far.0, far.1));
    if !percent.is_empty() {
        out.percent.insert(name.to_owned(), percent);
    }
    for (row, col, id, author) in notes {
        let text = texts.remove(&id).unwrap_or_default().replace('\r', "\n");
        out.comments.push(Comment { sheet: name.to_owned(), row, col, author, text });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimensions_record_is_read_as_calamine_reserves_it() {
        let biff8 = |rf: u32, rl: u32, cf: u16, cl: u16| {
            [&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat()
        };
        assert_eq!(declared_box(&biff8(0, 60, 0, 11)), Some((60, 11)));
        // First row after the last: calamine's subtraction wraps.
        assert_eq!(declared_box(&biff8(9, 5, 0, 11)), Some((u32::MAX - 3, 11)));
        assert_eq!(declared_box(&[0; 3]), None);
    }
}
