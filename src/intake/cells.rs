//! Reading one workbook's cells: the context every sheet reader shares
//! (where we are, what was said so far, which keyboard the clerk used), and
//! how a cell becomes text or a date.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap, HashSet};

use calamine::{Data, DataType, ExcelDateTime, ExcelDateTimeType, Range};
use time::{Date, Month};

use super::legacy::{self, Around, Decision, Legacy};
use super::locate::{Sheet, Table};
use crate::diag::{Diagnostic, Location};
use crate::fonts;
use crate::form::Column;
use crate::period::Period;
use crate::plan::Plan;
use crate::vn;

/// What is known while one workbook is read.
pub struct Reading<'a> {
    /// The file as the user named it.
    pub file: String,
    pub plan: &'a Plan,
    pub period: Period,
    /// The name of the agency whose workbook it is, once known.
    pub agency: String,
    pub diags: Vec<Diagnostic>,
    /// The legacy encoding each column (by sheet) was typed in, and the
    /// workbook's as a whole: a cell too short to tell is read as its
    /// neighbours were typed.
    pub keyboard: Keyboard,
    /// Cells that hold an error: nothing more is said of them, so that two
    /// messages never disagree on one cell.
    errored: HashSet<(String, u32, u32)>,
}

impl<'a> Reading<'a> {
    pub fn new(file: &str, plan: &'a Plan, period: Period) -> Self {
        Reading {
            file: file.to_owned(),
            plan,
            period,
            agency: String::new(),
            diags: Vec::new(),
            keyboard: Keyboard::default(),
            errored: HashSet::new(),
        }
    }

    pub fn at(&self, sheet: &str, row: u32, col: u32) -> Location {
        Location::cell(&self.file, sheet, row, col)
    }

    pub fn error(&mut self, at: Location, message: String) {
        self.diags.push(Diagnostic::error(at, message));
    }

    pub fn warn(&mut self, at: Location, message: String) {
        self.diags.push(Diagnostic::warning(at, message));
    }

    /// An error at a cell; later messages about that cell are dropped.
    pub fn cell_error(&mut self, sheet: &str, row: u32, col: u32, message: String) {
        self.errored.insert((sheet.to_owned(), row, col));
        self.error(self.at(sheet, row, col), message);
    }

    /// A warning at a cell, unless the cell already holds an error.
    pub fn cell_warn(&mut self, sheet: &str, row: u32, col: u32, message: String) {
        if !self.has_error(sheet, row, col) {
            self.warn(self.at(sheet, row, col), message);
        }
    }

    pub fn has_error(&self, sheet: &str, row: u32, col: u32) -> bool {
        self.errored.contains(&(sheet.to_owned(), row, col))
    }

    /// The text of a cell as it stands, not even cleaned: for comparing
    /// with what the template wrote there.
    pub fn raw(range: &Range<Data>, row: u32, col: u32) -> Cow<'_, str> {
        match range.get_value((row, col)) {
            None | Some(Data::Empty) => Cow::Borrowed(""),
            Some(Data::String(s)) => Cow::Borrowed(s),
            Some(other) => Cow::Owned(other.to_string()),
        }
    }

    /// The text of a cell as the clerk meant it: cleaned, and converted from
    /// TCVN3 or VNI when it was typed so (each conversion reported).
    pub fn text(&mut self, sheet: &str, range: &Range<Data>, row: u32, col: u32) -> String {
        let raw = match range.get_value((row, col)) {
            None | Some(Data::Empty) => return String::new(),
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(v)) if !v.is_finite() => {
                self.cell_error(
                    sheet,
                    row,
                    col,
                    format!("ô chứa «{v}», không phải một số — hãy gõ lại giá trị"),
                );
                return String::new();
            }
            Some(Data::Float(v)) => plain_number(*v),
            Some(Data::Int(v)) => v.to_string(),
            Some(d @ (Data::DateTime(_) | Data::DateTimeIso(_))) => match cell_date(d) {
                Ok(Some(d)) => vn::date(d),
                _ => d.to_string(),
            },
            Some(Data::Bool(b)) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Some(Data::Error(e)) => {
                self.cell_error(sheet, row, col, format!("ô có lỗi công thức ({e}) — cần một giá trị; hãy sửa công thức hoặc gõ thẳng giá trị vào ô"));
                return String::new();
            }
            Some(other) => other.to_string(),
        };
        for warning in super::screen::warnings(&raw) {
            self.cell_warn(sheet, row, col, warning);
        }
        let text = clean(&raw);
        let assessment = self.keyboard.assessed.get(&text).cloned().unwrap_or_else(|| legacy::assess(&text));
        match legacy::decide(&text, assessment, self.keyboard.of(sheet, col)) {
            Decision::Keep => without_soft_hyphens(&text),
            Decision::Convert { enc, unicode } => {
                let unicode = clean(&unicode);
                self.warn(
                    self.at(sheet, row, col),
                    format!(
                        "«{text}» được gõ bằng bảng mã {} — đã chuyển sang Unicode: «{unicode}»",
                        enc.label()
                    ),
                );
                unicode
            }
            Decision::KeepButMaybe { enc, unicode } => {
                let unicode = clean(&unicode);
                self.warn(
                    self.at(sheet, row, col),
                    format!(
                        "«{text}» được giữ nguyên, nhưng các ô khác của tệp được gõ bằng bảng mã {} — nếu ý là «{unicode}», hãy sửa lại ô này",
                        enc.label()
                    ),
                );
                without_soft_hyphens(&text)
            }
        }
    }

    /// The text of a free-text cell (a result, a note, a section of the
    /// report sheet): as [`Self::text`], except that a number Excel or
    /// LibreOffice made of what the clerk typed is written back the way it
    /// was typed on a Vietnamese keyboard («1.234,5», not «1234.5»), and a
    /// whole number of 8 to 10 digits is flagged: a phone number or code
    /// whose leading zero the General format dropped, which no reader can
    /// put back.
    pub fn prose(&mut self, sheet: &str, range: &Range<Data>, row: u32, col: u32) -> String {
        let v = match range.get_value((row, col)) {
            Some(Data::Float(v)) if v.is_finite() => *v,
            Some(Data::Int(v)) => *v as f64,
            _ => return self.text(sheet, range, row, col),
        };
        if v.fract() != 0.0 {
            return vn::number(v);
        }
        let digits = plain_number(v);
        if (1e7..1e10).contains(&v) {
            self.cell_warn(
                sheet,
                row,
                col,
                format!(
                    "ô lưu số {digits}: nếu đây là số điện thoại hay mã số bắt đầu bằng số 0 (0{digits}), \
                     Excel đã bỏ mất số 0 ở đầu vì ô để định dạng General — hãy định dạng ô là Text (Văn bản) \
                     rồi gõ lại; báo cáo ghi «{digits}» như ô đang lưu"
                ),
            );
        }
        digits
    }

    /// Finds the table of `sheet` and says what is wrong with its head: no
    /// header row (`needed` names two of its headers), an input column
    /// missing, text above the table or beside the headers.
    pub fn table_head<C: Column>(
        &mut self,
        sheet: &Sheet,
        needed: [C; 2],
        titles: &[String],
    ) -> Option<Table<C>> {
        let Some(table) = Table::<C>::find(sheet) else {
            self.error(Location::sheet(&self.file, &sheet.name), format!(
                "không thấy dòng tiêu đề cột (cần các cột «TT», «{}», «{}»… trong 20 dòng đầu) — trang tính không đúng biểu mẫu, nội dung không được tổng hợp",
                needed[0].header(), needed[1].header()
            ));
            return None;
        };
        for c in table.missing_inputs() {
            self.error(Location::sheet(&self.file, &sheet.name), format!(
                "thiếu cột «{}» ở dòng tiêu đề {} — nội dung cột này không đọc được; hãy dùng đúng tiêu đề của biểu mẫu",
                c.header(),
                table.header + 1
            ));
        }
        self.above_table(&sheet.name, &sheet.range, table.header, titles);
        self.stray_cells(&sheet.name, &sheet.range, table.header, &table.known);
        self.merged_inputs(sheet, &table);
        Some(table)
    }

    /// An input cell merged down several rows holds its value for the
    /// first row only: the others read as empty, which the clerk did not
    /// mean. Said at the merged cell.
    fn merged_inputs<C: Column>(&mut self, sheet: &Sheet, table: &Table<C>) {
        let inputs: Vec<u32> =
            C::all().iter().filter(|c| c.is_input()).filter_map(|c| table.col(*c)).collect();
        for m in &sheet.merged {
            let ((top, left), (bottom, right)) = (m.start, m.end);
            if bottom <= top || bottom <= table.header || !inputs.iter().any(|c| (left..=right).contains(c)) {
                continue;
            }
            let text = Reading::raw(&sheet.range, top, left);
            self.cell_warn(&sheet.name, top, left, format!(
                "ô gộp {}:{} — giá trị «{}» chỉ được tính cho dòng {}, các dòng {}–{} coi như không ghi; nếu giá trị dùng cho cả các dòng đó, hãy bỏ gộp ô và ghi vào từng dòng",
                crate::diag::cell_name(top, left), crate::diag::cell_name(bottom, right), clean(&text), top + 1, top + 2, bottom + 1
            ));
        }
    }

    /// Reports what was typed above a table's header row, except the
    /// template's own titles (`expected`, compared folded).
    pub fn above_table(&mut self, sheet: &str, range: &Range<Data>, header: u32, expected: &[String]) {
        let Some((start_row, _)) = range.start() else { return };
        let expected: Vec<String> = expected.iter().map(|t| crate::text::fold(t)).collect();
        for (row, col, value) in range.used_cells() {
            let (row, col) = (start_row + row as u32, range.start().map_or(0, |s| s.1) + col as u32);
            if row >= header || value.is_empty() {
                continue;
            }
            let text = self.text(sheet, range, row, col);
            if !text.is_empty() && !expected.contains(&crate::text::fold(&text)) {
                self.cell_warn(sheet, row, col, format!(
                    "ô nằm ngoài bảng (trên dòng tiêu đề), có nội dung «{text}» — không được tổng hợp; hãy ghi vào đúng cột của bảng"
                ));
            }
        }
    }

    /// Reports the cells of `row` outside the `known` columns that hold
    /// something: it would otherwise be lost without a word.
    pub fn stray_cells(&mut self, sheet: &str, range: &Range<Data>, row: u32, known: &BTreeSet<u32>) {
        let (_, end_col) = range.end().unwrap_or((0, 0));
        for c in 0..=end_col {
            if known.contains(&c) || range.get_value((row, c)).is_none_or(|d| d.is_empty()) {
                continue;
            }
            let text = self.text(sheet, range, row, c);
            if !text.is_empty() {
                self.cell_warn(sheet, row, c, format!(
                    "ô nằm ngoài các cột của biểu mẫu, có nội dung «{text}» — không được tổng hợp; hãy chuyển vào đúng cột"
                ));
            }
        }
    }
}

/// The legacy encoding a workbook was typed in, by column and as a whole,
/// learnt from the cells that leave no doubt; and which columns hold text
/// only Unicode can type.
#[derive(Debug, Default)]
pub struct Keyboard {
    workbook: Option<Legacy>,
    columns: HashMap<(String, u32), Legacy>,
    unicode: HashSet<(String, u32)>,
    /// What was learnt of each text that may be legacy, so that reading
    /// the cell does not judge it twice.
    assessed: HashMap<String, legacy::Assessment>,
}

impl Keyboard {
    /// Learns from every text cell of `sheets` from the given row on (below
    /// the headers the template wrote). A column typed in both encodings
    /// (two clerks) follows its own majority.
    pub fn learn<'r>(sheets: impl IntoIterator<Item = (&'r str, &'r Range<Data>, u32)>) -> Keyboard {
        let pick = |n: [usize; 2]| match n {
            [0, 0] => None,
            [t, v] if t >= v => Some(Legacy::Tcvn3),
            _ => Some(Legacy::Vni),
        };
        let mut out = Keyboard::default();
        let mut total = [0usize; 2];
        for (sheet, range, first_row) in sheets {
            let (start_row, start_col) = range.start().unwrap_or((0, 0));
            let mut columns: HashMap<u32, [usize; 2]> = HashMap::new();
            let mut unicode: HashSet<u32> = HashSet::new();
            for (row, col, value) in range.used_cells() {
                let Data::String(s) = value else { continue };
                let col = start_col + col as u32;
                if start_row + (row as u32) < first_row {
                    continue;
                }
                // Cheap tests first: most cells are Unicode or plain ASCII.
                if !legacy::may_be_legacy(s) {
                    if legacy::is_unicode_only(s) {
                        unicode.insert(col);
                    }
                    continue;
                }
                let text = clean(s);
                // Text that reads as Vietnamese as it stands is never sure legacy.
                if legacy::reads_as_vietnamese(&text) {
                    continue;
                }
                let assessment = legacy::assess(&text);
                let slot = match assessment {
                    legacy::Assessment::Sure(Legacy::Tcvn3) => Some(0),
                    legacy::Assessment::Sure(Legacy::Vni) => Some(1),
                    _ => None,
                };
                out.assessed.insert(text, assessment);
                let Some(slot) = slot else { continue };
                columns.entry(col).or_default()[slot] += 1;
                total[slot] += 1;
            }
            out.columns
                .extend(columns.into_iter().filter_map(|(c, n)| Some(((sheet.to_owned(), c), pick(n)?))));
            out.unicode.extend(unicode.into_iter().map(|c| (sheet.to_owned(), c)));
        }
        out.workbook = pick(total);
        out
    }

    pub fn of(&self, sheet: &str, col: u32) -> Around {
        let key = (sheet.to_owned(), col);
        Around {
            column: self.columns.get(&key).copied(),
            workbook: self.workbook,
            column_unicode: self.unicode.contains(&key),
        }
    }
}

/// A number as text the way it was probably typed: `85.5`, `1234`.
fn plain_number(v: f64) -> String {
    vn::number(v).replace('.', "").replace(',', ".")
}

/// Characters that show nothing: zero-width spaces and joiners, word
/// joiner, byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Text as a clerk typed it, tidied: NFC, line ends unified, tabs and
/// non-breaking spaces (pasted from Word) as spaces, invisible characters
/// dropped, line ends and the whole trimmed. Soft hyphens stay until the
/// legacy question is settled: in TCVN3 the same byte is «ư».
pub fn clean(s: &str) -> String {
    if is_clean(s) {
        return s.to_owned();
    }
    let s: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !is_invisible(*c) && !fonts::is_hidden_control(*c))
        .map(|c| match c {
            '\r' => '\n',
            '\t' | '\u{A0}' | '\u{202F}' | '\u{2007}' => ' ',
            c => c,
        })
        .collect();
    let s = crate::text::nfc(&s);
    s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n").trim().to_owned()
}

/// Whether [`clean`] would leave `s` as it is: checked in one pass, since
/// almost every cell is (a national collection reads millions).
fn is_clean(s: &str) -> bool {
    if s.starts_with(char::is_whitespace) || s.ends_with(char::is_whitespace) {
        return false;
    }
    let mut prev = 'x';
    for c in s.chars() {
        if matches!(c, '\r' | '\t' | '\u{A0}' | '\u{202F}' | '\u{2007}')
            || is_invisible(c)
            || fonts::is_hidden_control(c)
        {
            return false;
        }
        // White space at the end of a line.
        if c == '\n' && prev != '\n' && prev.is_whitespace() {
            return false;
        }
        prev = c;
    }
    unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes
}

fn without_soft_hyphens(s: &str) -> String {
    if s.contains('\u{AD}') { s.replace('\u{AD}', "") } else { s.to_owned() }
}

fn ymd_to_date(y: u16, m: u8, d: u8) -> Option<Date> {
    Date::from_calendar_date(i32::from(y), Month::try_from(m).ok()?, d).ok()
}

/// A date from a cell: a date cell, an Excel serial number, `dd/mm/yyyy`
/// text, or an ISO date (LibreOffice). `Err` holds what was found.
pub fn cell_date(data: &Data) -> Result<Option<Date>, String> {
    let serial = |v: f64| -> Result<Option<Date>, String> {
        if !(1.0..=2_958_465.0).contains(&v) {
            return Err(vn::number(v));
        }
        let (y, m, d, ..) = ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false).to_ymd_hms_milli();
        ymd_to_date(y, m, d).map(Some).ok_or_else(|| vn::number(v))
    };
    match data {
        Data::Empty => Ok(None),
        // A number in a date-formatted cell: only Excel's dates (1/1/1900 to
        // 31/12/9999) are dates; -5 would otherwise read as 31/12/1899.
        Data::DateTime(dt) => serial(dt.as_f64()),
        Data::Float(v) => serial(*v),
        Data::Int(v) => serial(*v as f64),
        Data::String(s) | Data::DateTimeIso(s) => {
            let t = clean(s);
            if t.is_empty() {
                return Ok(None);
            }
            if let Some(d) = vn::parse_date(&t) {
                return Ok(Some(d));
            }
            let iso: Vec<&str> = t.get(..10).unwrap_or(&t).split('-').collect();
            match iso.as_slice() {
                [y, m, d] if y.len() == 4 => {
                    ymd_to_date(y.parse().unwrap_or(0), m.parse().unwrap_or(0), d.parse().unwrap_or(0))
                        .map(Some)
                        .ok_or_else(|| t.clone())
                }
                _ => Err(t),
            }
        }
        other => Err(other.to_string()),
    }
}

/// ` (tình trạng «…», kết quả «…»)`: what a row holds, quoted in a message
/// about a row that is not merged.
pub fn quoted<C: Column>(values: &[(C, String)]) -> String {
    let parts: Vec<String> = values
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(c, v)| format!("{} «{v}»", c.header().to_lowercase()))
        .collect();
    if parts.is_empty() { String::new() } else { format!(" ({})", parts.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_is_recognised_without_copying() {
        for t in [
            "Ban hành kế hoạch",
            "một\nhai",
            "một\n\nhai",
            " a",
            "a ",
            "a \nb",
            "a\tb",
            "e\u{301}",
            "a\u{200B}",
            "",
        ] {
            assert_eq!(is_clean(t), clean(t) == t, "{t:?}");
        }
    }

    #[test]
    fn pasted_text_is_tidied() {
        assert_eq!(clean(" \u{FEFF}Ban\u{A0}hành\t kế hoạch \r\n\u{200B}"), "Ban hành  kế hoạch");
        assert_eq!(clean("\u{200B}\u{A0}"), "");
        assert_eq!(clean("một\r\nhai\rba"), "một\nhai\nba");
    }
}
