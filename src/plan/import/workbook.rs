//! A plan kept as a workbook (.xlsx, .xls, .ods): each sheet holding an
//! indicator or task table becomes the table's title lines (the rows above
//! its header) and its cells, as a published text prints them.

use calamine::Data;

use super::source::{Builder, Form, GridCell, Origin, PlanText};
use crate::book::{Book, Format, OpenError};
use crate::diag::cell_name;
use crate::vn;

pub(super) fn convert(bytes: &[u8], format: Format, file: &str) -> Result<PlanText, String> {
    let mut book = Book::open(bytes, format).map_err(|e| match e {
        OpenError::Password => {
            "bảng tính được đặt mật khẩu mở — chương trình không đọc được; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại".to_owned()
        }
        OpenError::TooLarge(what) => format!("bảng tính không được đọc: {what}"),
        OpenError::Broken(e) => format!(
            "không mở được bảng tính: tệp bị hỏng hoặc bị cắt dở — hãy mở bằng Excel hoặc LibreOffice, lưu lại rồi nhập lại (chi tiết kỹ thuật: {e})"
        ),
    })?;
    let names = book.names().to_vec();
    let merged = book.merged(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let mut out = Builder::new(file);
    for name in &names {
        let cells = book.range(name).map_err(|e| format!("không đọc được trang tính «{name}» ({e})"))?;
        let percent = book.percent_cells(name);
        let range = cells.range;
        let Some((top, left)) = range.start() else { continue };
        let mut grid: Vec<Vec<GridCell>> = range
            .rows()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, v)| {
                        let at = (top + r as u32, left + c as u32);
                        GridCell { text: show(v, percent.contains(&at)), copied: false }
                    })
                    .collect()
            })
            .collect();
        // A merged area shows its value in its first cell; down a column
        // (one agency for several tasks) it holds for every row.
        for area in merged.get(name).into_iter().flatten() {
            let (first, last) = (area.start, area.end);
            let col = first.1.saturating_sub(left) as usize;
            let Some(value) =
                grid.get(first.0.saturating_sub(top) as usize).and_then(|r| r.get(col)).cloned()
            else {
                continue;
            };
            for row in first.0 + 1..=last.0 {
                if let Some(cell) =
                    grid.get_mut(row.saturating_sub(top) as usize).and_then(|r| r.get_mut(col))
                    && cell.text.is_empty()
                {
                    *cell = GridCell { text: value.text.clone(), copied: true };
                }
            }
        }
        let origin = |r: usize, c: usize| Origin {
            part: Some(name.clone()),
            place: cell_name(top + r as u32, left + c as u32),
        };
        let Some(header) = grid.iter().position(|row| is_header(row)) else {
            // A sheet without a plan table (notes, a cover): its text is
            // part of the body, where the plan's number and date may be.
            for (r, row) in grid.iter().enumerate() {
                let text = line_of(row);
                if !text.is_empty() {
                    out.paragraph(&text, origin(r, 0));
                }
            }
            out.paragraph("", origin(0, 0));
            continue;
        };
        for (r, row) in grid.iter().enumerate().take(header) {
            let text = line_of(row);
            if !text.is_empty() {
                out.paragraph(&text, origin(r, 0));
            }
        }
        let width = grid[header].iter().rposition(|c| !c.text.trim().is_empty()).map_or(0, |w| w + 1);
        let rows: Vec<Vec<GridCell>> = grid
            .drain(header..)
            .filter(|row| row.iter().any(|c| !c.text.trim().is_empty()))
            .map(|mut row| {
                // Cells right of the header are kept (the row is then too
                // long and said so), empty ones dropped.
                let used = row.iter().rposition(|c| !c.text.trim().is_empty()).map_or(0, |w| w + 1);
                row.truncate(used.max(width));
                row.resize(width.max(used), GridCell::default());
                row
            })
            .collect();
        out.table(rows, |r, c| origin(header + r, c));
        out.paragraph("", origin(0, 0));
    }
    Ok(out.finish(Form::Workbook))
}

/// A row whose first non-empty cell is `TT`/`STT`: a plan table's header.
fn is_header(row: &[GridCell]) -> bool {
    row.iter()
        .find(|c| !c.text.trim().is_empty())
        .is_some_and(|c| matches!(crate::text::fold(&c.text).as_str(), "tt" | "stt" | "so tt"))
}

fn line_of(row: &[GridCell]) -> String {
    row.iter().map(|c| c.text.trim()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A cell as the plan text would print it: numbers as Vietnamese write
/// them (`1.000`, `12,5`), percentages as shown, dates as dd/mm/yyyy.
fn show(v: &Data, percent: bool) -> String {
    match v {
        Data::Empty => String::new(),
        Data::String(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if percent => format!("{}%", vn::number(f * 100.0)),
        Data::Float(f) => vn::number(*f),
        Data::Int(i) if percent => format!("{}%", vn::number(*i as f64 * 100.0)),
        Data::Int(i) => vn::number(*i as f64),
        Data::Bool(b) => if *b { "Có" } else { "Không" }.to_owned(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            date_text(y.into(), m, d).unwrap_or_else(|| v.to_string())
        }
        Data::DateTimeIso(s) => {
            let parts: Vec<u32> =
                s.get(..10).unwrap_or(s).split('-').filter_map(|p| p.parse().ok()).collect();
            match parts.as_slice() {
                [y, m, d] => date_text(*y as i32, *m as u8, *d as u8).unwrap_or_else(|| s.clone()),
                _ => s.clone(),
            }
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn date_text(y: i32, m: u8, d: u8) -> Option<String> {
    let date = time::Date::from_calendar_date(y, time::Month::try_from(m).ok()?, d).ok()?;
    Some(vn::date(date))
}
