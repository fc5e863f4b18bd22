//! The indicator sheet: one row per indicator, found by its number. A value
//! is read by what the clerk saw: a number shown as a percentage (`85%`,
//! stored as 0.85) is 85 for a "%" indicator; a number typed as text
//! (`85,5`, `1.234,5`) is a number; a value that only makes sense in another
//! reading (0,85 for a target of 80 %) is reported with both readings.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use calamine::{Data, Range};

use super::cells::{Reading, clean, quoted};
use super::locate::Sheet;
use crate::form::{IndicatorCol, IndicatorEntry, Value};
use crate::plan::Indicator;
use crate::plan::ids::IndicatorNo;
use crate::plan::target::{TargetKind, is_ambiguous_number, parse_number};
use crate::text::fold;
use crate::vn;

/// Whether an indicator is counted in percent (`%`, `% GRDP`, `Tỷ lệ`).
pub fn is_percent_unit(unit: &str) -> bool {
    unit.contains('%') || fold(unit).starts_with("ty le") || fold(unit).starts_with("phan tram")
}

/// The number a target is compared with, when it has one.
fn target_number(kind: &TargetKind) -> Option<f64> {
    match *kind {
        TargetKind::AtLeast(t)
        | TargetKind::Equal(t)
        | TargetKind::Range(t, _)
        | TargetKind::GreaterThan(t)
        | TargetKind::AtMost(t)
        | TargetKind::LessThan(t) => Some(t),
        _ => None,
    }
}

/// A value so far from its target that it was probably typed in another
/// scale: 0,85 for 80 %, or 85.000 for 85.
const SCALE: f64 = 50.0;
/// The same for percentages, which rarely pass their target tenfold.
const PERCENT_SCALE: f64 = 10.0;

/// How a value cell was read.
struct ValueCell {
    value: Option<Value>,
    /// As the clerk saw it, for messages.
    shown: String,
    percent: bool,
}

fn read_value(
    r: &mut Reading,
    sheet: &str,
    range: &Range<Data>,
    row: u32,
    col: u32,
    percent: &HashSet<(u32, u32)>,
) -> ValueCell {
    let cell = range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    let number = match cell {
        Data::Float(v) if v.is_finite() => Some(v),
        Data::Int(v) => Some(v as f64),
        _ => None,
    };
    if let Some(v) = number {
        let percent = percent.contains(&(row, col));
        return if percent {
            ValueCell {
                value: Some(Value::Number(v * 100.0)),
                shown: format!("{}%", vn::number(v * 100.0)),
                percent,
            }
        } else {
            ValueCell { value: Some(Value::Number(v)), shown: vn::number(v), percent }
        };
    }
    if matches!(cell, Data::Empty) {
        return ValueCell { value: None, shown: String::new(), percent: false };
    }
    let t = r.text(sheet, range, row, col);
    if t.is_empty() {
        return ValueCell { value: None, shown: t, percent: false };
    }
    let compact: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let percent = compact.ends_with('%');
    let digits = compact.trim_end_matches('%');
    let value = match parse_number(digits) {
        Some(v) => {
            if is_ambiguous_number(digits) {
                r.cell_warn(sheet, row, col, format!(
                    "«{t}» được đọc là {} (dấu phẩy thập phân); nếu ý là {} (dấu phẩy ngăn hàng nghìn), hãy ghi {}",
                    vn::number(v), vn::number(v * 1000.0), vn::number(v * 1000.0)
                ));
            }
            Value::Number(v)
        }
        None => Value::Text(t.clone()),
    };
    ValueCell { value: Some(value), shown: t, percent }
}

/// What one indicator sheet gave.
#[derive(Debug, Default, PartialEq)]
pub struct IndicatorRows {
    pub entries: BTreeMap<IndicatorNo, IndicatorEntry>,
    /// Where each indicator's value was read.
    pub places: BTreeMap<IndicatorNo, crate::diag::Location>,
}

pub fn read(
    r: &mut Reading,
    s: &Sheet,
    tracked: &BTreeSet<IndicatorNo>,
    percent: &HashSet<(u32, u32)>,
    titles: &[String],
) -> IndicatorRows {
    let (sheet, range) = (s.name.as_str(), &s.range);
    let mut out = IndicatorRows::default();
    let Some(table) = r.table_head(s, [IndicatorCol::Name, IndicatorCol::Value], titles) else { return out };
    let (header, known) = (table.header, &table.known);
    let col = |c: IndicatorCol| table.col(c);
    let (end_row, _) = range.end().unwrap_or((0, 0));
    for row in header + 1..=end_row {
        let number_text = col(IndicatorCol::Number).map(|c| r.text(sheet, range, row, c)).unwrap_or_default();
        let mut prose = |c: IndicatorCol| col(c).map(|c| r.prose(sheet, range, row, c)).unwrap_or_default();
        let source = prose(IndicatorCol::Source);
        let note = prose(IndicatorCol::Note);
        let fixed: Vec<(IndicatorCol, String)> =
            [IndicatorCol::Name, IndicatorCol::Unit, IndicatorCol::Target]
                .into_iter()
                .map(|c| (c, col(c).map(|c| Reading::raw(range, row, c).into_owned()).unwrap_or_default()))
                .collect();
        let cell = match col(IndicatorCol::Value) {
            Some(c) => read_value(r, sheet, range, row, c, percent),
            None => ValueCell { value: None, shown: String::new(), percent: false },
        };
        r.stray_cells(sheet, range, row, known);
        let values = vec![
            (IndicatorCol::Value, cell.shown.clone()),
            (IndicatorCol::Source, source.clone()),
            (IndicatorCol::Note, note.clone()),
        ];
        let entry = IndicatorEntry { value: cell.value.clone(), source, note };
        let at_number = r.at(sheet, row, col(IndicatorCol::Number).unwrap_or(0));
        if number_text.is_empty() {
            let mut all = values.clone();
            all.extend(fixed.iter().map(|(c, v)| (*c, clean(v))));
            if all.iter().any(|(_, v)| !v.is_empty()) {
                r.error(at_number, format!(
                    "dòng {} có nội dung nhưng không có số thứ tự (TT) chỉ tiêu{} — cần TT của Phụ lục I; dòng này không được tổng hợp",
                    row + 1, quoted(&all)
                ));
            }
            continue;
        }
        let Some(number) = IndicatorNo::parse(&number_text) else {
            r.error(at_number, format!(
                "TT «{number_text}» không phải số thứ tự chỉ tiêu — cần dạng 8 hoặc 8.1; dòng này không được tổng hợp{}",
                quoted(&values)
            ));
            continue;
        };
        let Some(indicator) = r.plan.indicators().map(|(_, i)| i).find(|i| i.number == number) else {
            r.error(at_number, format!(
                "chỉ tiêu số {number} không có trong kế hoạch {} — cần TT của Phụ lục I; dòng này không được tổng hợp{}",
                r.plan.info.code, quoted(&values)
            ));
            continue;
        };
        if !tracked.contains(&number) {
            r.error(
                at_number,
                format!(
                    "chỉ tiêu số {number} không do {} theo dõi — dòng này không được tổng hợp{}",
                    r.agency,
                    quoted(&values)
                ),
            );
            continue;
        }
        if let Some(first) = out.entries.get(&number) {
            if *first == entry {
                r.warn(
                    at_number,
                    format!("chỉ tiêu số {number} có hai dòng giống hệt nhau — chỉ đọc một lần"),
                );
            } else {
                r.error(at_number, format!(
                    "chỉ tiêu số {number} xuất hiện lần thứ hai, với nội dung khác dòng trước — chỉ dòng đầu tiên được tổng hợp; hãy gộp hai dòng làm một{}",
                    quoted(&values)
                ));
            }
            continue;
        }
        for (c, text) in &fixed {
            let want = match c {
                IndicatorCol::Name => indicator.name.as_str(),
                IndicatorCol::Unit => indicator.unit.as_str(),
                _ => indicator.target.printed(),
            };
            if text != want
                && !clean(text).is_empty()
                && fold(&clean(text)) != fold(want)
                && let Some(cc) = col(*c)
            {
                let text = r.text(sheet, range, row, cc);
                r.cell_warn(sheet, row, cc, format!(
                        "cột «{}» do kế hoạch điền sẵn, không phải cột để báo cáo: ô ghi «{text}», kế hoạch ghi «{want}» — nội dung ô này không được tổng hợp; nếu cần nêu, hãy ghi vào cột «{}»",
                        c.header(), IndicatorCol::Note.header()
                    ));
            }
        }
        if let Some(c) = col(IndicatorCol::Value) {
            check_value(r, sheet, row, c, indicator, &cell);
        }
        let place = r.at(sheet, row, col(IndicatorCol::Value).or(col(IndicatorCol::Number)).unwrap_or(0));
        out.places.insert(number.clone(), place);
        out.entries.insert(number, entry);
    }
    out
}

/// Checks a value against what its indicator expects.
fn check_value(r: &mut Reading, sheet: &str, row: u32, col: u32, indicator: &Indicator, cell: &ValueCell) {
    let number = &indicator.number;
    let unit = if indicator.unit.is_empty() { "không ghi".to_owned() } else { indicator.unit.clone() };
    let kind = indicator.target.kind();
    let v = match (&cell.value, kind) {
        (None, _) | (_, TargetKind::Qualitative | TargetKind::None | TargetKind::Unrecognised) => return,
        (Some(Value::Text(t)), _) => {
            let hint = if crate::vn::parse_date(t).is_some() {
                " (Excel có thể đã hiểu số gõ vào thành ngày: hãy định dạng ô là số rồi gõ lại)"
            } else {
                ""
            };
            r.cell_error(sheet, row, col, format!(
                "kết quả «{t}» của chỉ tiêu {number} không phải một số — cần số (đơn vị: {unit}), ví dụ 95,5{hint}; kết quả này chưa được tính"
            ));
            return;
        }
        (Some(Value::Number(v)), _) => *v,
    };
    if let TargetKind::RankAtMost { .. } = kind {
        if v.fract() != 0.0 || v < 1.0 {
            r.cell_error(
                sheet,
                row,
                col,
                format!("thứ hạng «{}» không hợp lệ — cần một số nguyên từ 1 trở lên", cell.shown),
            );
        }
        return;
    }
    let percent_unit = is_percent_unit(&indicator.unit);
    if cell.percent && !percent_unit {
        r.cell_warn(sheet, row, col, format!(
            "ô ghi dạng phần trăm ({}) nhưng đơn vị của chỉ tiêu {number} là «{unit}» — đã đọc là {}; nếu ý là {}, hãy sửa lại ô",
            cell.shown, vn::number(v), vn::number(v / 100.0)
        ));
        return;
    }
    let Some(t) = target_number(kind).filter(|t| *t != 0.0) else { return };
    if v == 0.0 {
        return;
    }
    if percent_unit && v > 100.0 && t <= 100.0 {
        // A share cannot pass 100 %: most often «1.234,5» or «12.5» typed the other way.
        let english = cell.shown.trim_end_matches('%').replace(',', "").trim().parse::<f64>().ok();
        let other = match english.filter(|e| (*e - v).abs() > f64::EPSILON) {
            Some(e) => format!(
                "; nếu ô được gõ theo kiểu tiếng Anh (dấu chấm là dấu thập phân) thì là {} %",
                vn::number(e)
            ),
            None => String::new(),
        };
        r.cell_warn(sheet, row, col, format!(
            "kết quả {} của chỉ tiêu {number} là một tỷ lệ quá 100 % (mục tiêu «{}») — chương trình đọc là {} %{other}; hãy kiểm tra và sửa lại ô",
            cell.shown, indicator.target.printed(), vn::number(v)
        ));
        return;
    }
    let ratio = (v / t).abs();
    // A percentage ten times its target is already a slip of the decimal mark.
    let scale = if percent_unit { PERCENT_SCALE } else { SCALE };
    if percent_unit && !cell.percent && v.abs() <= 1.0 && (v * 100.0 / t).abs() < SCALE && ratio < 1.0 / SCALE
    {
        r.cell_warn(sheet, row, col, format!(
            "kết quả {} của chỉ tiêu {number} (đơn vị: {unit}) rất xa mục tiêu «{}»: có thể đã ghi dạng phân số, tức {} % — chương trình đọc là {}; nếu đúng là {} %, hãy ghi {}",
            cell.shown, indicator.target.printed(), vn::number(v * 100.0), vn::number(v), vn::number(v * 100.0), vn::number(v * 100.0)
        ));
    } else if !(1.0 / scale..=scale).contains(&ratio) {
        r.cell_warn(sheet, row, col, format!(
            "kết quả {} của chỉ tiêu {number} (đơn vị: {unit}) khác xa mục tiêu «{}» (gấp hoặc bằng một phần {} lần) — hãy kiểm tra đơn vị và dấu thập phân; chương trình đọc là {}",
            cell.shown, indicator.target.printed(), vn::number(ratio.max(1.0 / ratio).round()), vn::number(v)
        ));
    }
}
