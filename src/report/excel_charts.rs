//! The «Biểu đồ» appendix in the Excel file: the charts' numbers as small
//! tables, and native Excel charts that point at them, so that a reader can
//! change a number and see the chart follow. Shades match the PDF: dark,
//! light, hatched (prints apart in grey).

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartPatternFill, ChartPatternFillType, ChartSolidFill, ChartType,
    Format, Worksheet,
};

use super::charts::{Bars, Charts, Progress};
use crate::error::Error;
use crate::xlsx::err;

/// The format of a series or bar of shade `k` (the PDF's order).
fn shade(k: u8) -> ChartFormat {
    let mut f = ChartFormat::new();
    match k {
        0 => f.set_solid_fill(ChartSolidFill::new().set_color("#1F3F66")),
        1 => f.set_solid_fill(ChartSolidFill::new().set_color("#7EA6D1")),
        2 => f.set_pattern_fill(
            ChartPatternFill::new()
                .set_pattern(ChartPatternFillType::DiagonalStripesDarkUpwards)
                .set_foreground_color("#8B1E1E")
                .set_background_color("#FFFFFF"),
        ),
        3 => f.set_solid_fill(ChartSolidFill::new().set_color("#DFE6EE")),
        _ => f.set_solid_fill(ChartSolidFill::new().set_color("#FFFFFF")),
    };
    f.set_border(rust_xlsxwriter::ChartLine::new().set_color("#000000"));
    f.clone()
}

/// The value on each bar; none on a part of zero (it would print over its neighbour).
fn labels() -> ChartDataLabel {
    let mut l = ChartDataLabel::new();
    l.show_value().set_num_format("#,##0;-#,##0;;");
    l
}

/// Where a chart's data table starts: the column of the labels.
const DATA_COL: u16 = 0;
/// The column where charts stand, right of their numbers.
const CHART_COL: u16 = 4;
/// A row of the default height, in pixels (15.75 pt at 96 dpi).
const ROW_PX: f64 = 21.0;
/// A row holding a two-line label.
const TALL_ROW_PT: f64 = 32.0;
const CHART_WIDTH: u32 = 600;
const CHART_HEIGHT: u32 = 280;
/// Indicators per chart: 12 bars with two-line names fill a printed page.
const TARGETS_PER_CHART: usize = 12;
/// How much of a printed landscape page, in pixels of the sheet, a page of
/// charts may fill (the sheet is scaled to the page's width).
const PAGE_PX: f64 = 620.0;

/// A block of the sheet: a chart's numbers at the left, the chart at the right.
struct Slot {
    chart: Chart,
    /// The chart's height in pixels.
    height: u32,
    /// The rows the numbers take, and how tall each is in pixels.
    rows: Vec<f64>,
}

/// Writes the charts' numbers from `first_row` of the sheet `name` (which
/// holds the heading rows) and each chart beside its numbers, one block
/// under the other: every chart has rows of its own, so none covers
/// another, and a printed page breaks only between blocks.
pub fn write(ws: &mut Worksheet, name: &str, first_row: u32, c: &Charts) -> Result<(), Error> {
    // «Chỉ tiêu 18.1. » and a name of 60 characters in two lines.
    ws.set_column_width(DATA_COL, 46).map_err(err)?;
    for col in DATA_COL + 1..CHART_COL {
        ws.set_column_width(col, 12).map_err(err)?;
    }
    // Result / target as printed: «30 / ≤ 30 các tỉnh, thành trên cả nước».
    ws.set_column_width(DATA_COL + 2, 20).map_err(err)?;
    let mut row = first_row;
    let mut on_page = 0.0;
    let mut breaks = Vec::new();
    let mut put = |ws: &mut Worksheet, row: &mut u32, slot: Slot| -> Result<(), Error> {
        let Slot { mut chart, height, rows } = slot;
        chart.set_width(CHART_WIDTH).set_height(height);
        ws.insert_chart(*row, CHART_COL + 1, &chart).map_err(err)?;
        // The block's rows: its numbers, then default rows until the chart ends.
        let mut px = 0.0;
        let mut n = 0;
        while px < f64::from(height) || n < rows.len() {
            px += rows.get(n).copied().unwrap_or(ROW_PX);
            n += 1;
        }
        let block = px + 2.0 * ROW_PX;
        if on_page > 0.0 && on_page + block > PAGE_PX {
            breaks.push(*row);
            on_page = 0.0;
        }
        on_page += block;
        *row += n as u32 + 2;
        Ok(())
    };
    let slot = tasks_chart(ws, name, row, c)?;
    put(ws, &mut row, slot)?;
    let history = c.history.as_ref();
    let axes = [
        ("Số chỉ tiêu", c.assessments.as_ref()),
        ("Số cơ quan, đơn vị", Some(&c.receipts)),
        ("Số nhiệm vụ", history),
    ];
    for (axis, bars) in axes {
        let Some(bars) = bars else { continue };
        let slot = bar_chart(ws, name, row, bars, axis)?;
        put(ws, &mut row, slot)?;
    }
    for (part, chunk) in c.targets.chunks(TARGETS_PER_CHART).enumerate() {
        let slot = targets_chart(ws, name, row, chunk, part)?;
        put(ws, &mut row, slot)?;
    }
    ws.set_page_breaks(&breaks).map_err(err)?;
    Ok(())
}

/// Tasks by status per group: a stacked bar, one series per status.
fn tasks_chart(ws: &mut Worksheet, name: &str, row: u32, c: &Charts) -> Result<Slot, Error> {
    let bold = Format::new().set_bold();
    ws.write_string_with_format(row, DATA_COL, &c.tasks.title, &bold).map_err(err)?;
    // The statuses down, the groups across: five rows, whatever the groups.
    let head = row + 1;
    ws.write_string_with_format(head, DATA_COL, "Tình trạng", &bold).map_err(err)?;
    for (g, category) in c.tasks.categories.iter().enumerate() {
        ws.write_string_with_format(head, DATA_COL + 1 + g as u16, category, &bold).map_err(err)?;
    }
    for (k, (status, values)) in c.tasks.series.iter().enumerate() {
        let r = head + 1 + k as u32;
        ws.write_string(r, DATA_COL, status).map_err(err)?;
        for (g, v) in values.iter().enumerate() {
            ws.write_number(r, DATA_COL + 1 + g as u16, *v as f64).map_err(err)?;
        }
    }
    let groups = c.tasks.categories.len() as u16;
    let last_col = DATA_COL + groups.max(1);
    let mut chart = Chart::new(ChartType::BarStacked);
    chart.title().set_name(&c.tasks.title);
    for k in 0..c.tasks.series.len() {
        let r = head + 1 + k as u32;
        chart
            .add_series()
            .set_name((name, r, DATA_COL))
            .set_categories((name, head, DATA_COL + 1, head, last_col))
            .set_values((name, r, DATA_COL + 1, r, last_col))
            .set_format(&mut shade(k as u8))
            .set_data_label(&labels())
            .set_gap(60);
    }
    // In a bar chart the categories run down the y axis, the counts along x.
    chart.y_axis().set_name("Nhóm nhiệm vụ").set_reverse();
    chart.x_axis().set_name("Số nhiệm vụ");
    chart.legend().set_position(rust_xlsxwriter::ChartLegendPosition::Bottom);
    let rows = vec![ROW_PX; 2 + c.tasks.series.len()];
    Ok(Slot { chart, height: CHART_HEIGHT, rows })
}

/// A bar chart of one series: labels in the data column, values beside
/// them, rows `first..=last` of sheet `name`, each bar in its shade, the
/// first bar at the top.
fn bars_of(
    title: &str,
    (name, first, last): (&str, u32, u32),
    shades: impl Iterator<Item = u8>,
    gap: u16,
) -> Chart {
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(title);
    chart.legend().set_hidden();
    let points: Vec<rust_xlsxwriter::ChartPoint> =
        shades.map(|k| rust_xlsxwriter::ChartPoint::new().set_format(&mut shade(k))).collect();
    chart
        .add_series()
        .set_categories((name, first, DATA_COL, last, DATA_COL))
        .set_values((name, first, DATA_COL + 1, last, DATA_COL + 1))
        .set_points(&points)
        .set_data_label(&labels())
        .set_gap(gap);
    chart.y_axis().set_reverse();
    chart
}

/// A table of `bars` from `row` and its chart.
fn bar_chart(ws: &mut Worksheet, name: &str, row: u32, bars: &Bars, axis: &str) -> Result<Slot, Error> {
    ws.write_string_with_format(row, DATA_COL, &bars.title, &Format::new().set_bold()).map_err(err)?;
    for (i, (label, n, _)) in bars.bars.iter().enumerate() {
        let r = row + 1 + i as u32;
        ws.write_string(r, DATA_COL, label).map_err(err)?;
        ws.write_number(r, DATA_COL + 1, *n as f64).map_err(err)?;
    }
    let last = row + bars.bars.len() as u32;
    let shades = bars.bars.iter().map(|(_, _, k)| *k);
    let mut chart = bars_of(&bars.title, (name, row + 1, last), shades, 60);
    chart.x_axis().set_name(axis);
    let height = CHART_HEIGHT.min(120 + 40 * bars.bars.len() as u32);
    Ok(Slot { chart, height, rows: vec![ROW_PX; 1 + bars.bars.len()] })
}

/// Numeric indicators (`part` of them, from 0): the result as a share of
/// the target (100 % = the target reached; a ceiling kept reads 100 %),
/// result and target as printed beside it, and whether it is met.
fn targets_chart(
    ws: &mut Worksheet,
    name: &str,
    row: u32,
    targets: &[Progress],
    part: usize,
) -> Result<Slot, Error> {
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let title = if part == 0 {
        "Kết quả các chỉ tiêu định lượng so với mục tiêu".to_owned()
    } else {
        "Kết quả các chỉ tiêu định lượng so với mục tiêu (tiếp)".to_owned()
    };
    ws.write_string_with_format(row, DATA_COL, &title, &bold).map_err(err)?;
    let head = row + 1;
    // «Mức đạt so với mục tiêu (%)» in three lines.
    ws.set_row_height(head, 48).map_err(err)?;
    let bold_wrap = bold.clone().set_text_wrap();
    for (col, h) in
        ["Chỉ tiêu", "Mức đạt so với mục tiêu (%)", "Kết quả / mục tiêu", "Đánh giá"].iter().enumerate()
    {
        ws.write_string_with_format(head, DATA_COL + col as u16, *h, &bold_wrap).map_err(err)?;
    }
    for (i, t) in targets.iter().enumerate() {
        let r = head + 1 + i as u32;
        ws.set_row_height(r, TALL_ROW_PT).map_err(err)?;
        ws.write_string_with_format(r, DATA_COL, format!("{}. {}", t.label, t.name), &wrap).map_err(err)?;
        ws.write_number(r, DATA_COL + 1, t.percent()).map_err(err)?;
        ws.write_string_with_format(r, DATA_COL + 2, &t.text, &wrap).map_err(err)?;
        ws.write_string(r, DATA_COL + 3, if t.met { "Đạt" } else { "Chưa đạt" }).map_err(err)?;
    }
    let last = head + targets.len() as u32;
    let shades = targets.iter().map(|t| if t.met { 0 } else { 2 });
    let mut chart = bars_of(&title, (name, head + 1, last), shades, 40);
    chart.x_axis().set_name("Mức đạt so với mục tiêu (%; 100 là đạt mục tiêu)").set_min(0).set_max(150);
    let tall = TALL_ROW_PT * 96.0 / 72.0;
    let rows = [ROW_PX, 64.0].into_iter().chain(std::iter::repeat_n(tall, targets.len())).collect();
    Ok(Slot { chart, height: 90 + 40 * targets.len() as u32, rows })
}
