//! The «Biểu đồ» appendix in the Excel file: the charts' numbers as small
//! tables, and native Excel charts that point at them, so that a reader can
//! change a number and see the chart follow. Shades match the PDF: dark,
//! light, hatched (prints apart in grey).

use rust_xlsxwriter::{
    Chart, ChartDataLabel, ChartFormat, ChartPatternFill, ChartPatternFillType, ChartSolidFill, ChartType,
    Format, Worksheet,
};

use super::charts::{Bars, Charts};
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

fn labels() -> ChartDataLabel {
    let mut l = ChartDataLabel::new();
    l.show_value();
    l
}

/// Where a chart's data table starts: the column of the labels.
const DATA_COL: u16 = 0;

/// Writes the sheet `name` (already holding the heading rows) with the
/// charts' data from `first_row` and the charts beside it. Returns nothing:
/// the chart XML is the workbook's.
pub fn write(ws: &mut Worksheet, name: &str, first_row: u32, c: &Charts) -> Result<(), Error> {
    let bold = Format::new().set_bold();
    let mut charts: Vec<(u32, Chart)> = Vec::new();
    let mut row = first_row;

    // Tasks by status per group: a stacked bar, one series per status.
    ws.write_string_with_format(row, DATA_COL, &c.tasks.title, &bold).map_err(err)?;
    let head = row + 1;
    ws.write_string(head, DATA_COL, "Nhóm").map_err(err)?;
    for (k, (name, values)) in c.tasks.series.iter().enumerate() {
        let col = DATA_COL + 1 + k as u16;
        ws.write_string(head, col, name).map_err(err)?;
        for (i, v) in values.iter().enumerate() {
            ws.write_number(head + 1 + i as u32, col, *v as f64).map_err(err)?;
        }
    }
    for (i, cat) in c.tasks.categories.iter().enumerate() {
        ws.write_string(head + 1 + i as u32, DATA_COL, cat).map_err(err)?;
    }
    let last = head + c.tasks.categories.len() as u32;
    let mut chart = Chart::new(ChartType::BarStacked);
    chart.title().set_name(&c.tasks.title);
    for k in 0..c.tasks.series.len() {
        let col = DATA_COL + 1 + k as u16;
        chart
            .add_series()
            .set_name((name, head, col))
            .set_categories((name, head + 1, DATA_COL, last, DATA_COL))
            .set_values((name, head + 1, col, last, col))
            .set_format(&mut shade(k as u8))
            .set_data_label(&labels())
            .set_gap(60);
    }
    chart.y_axis().set_reverse();
    charts.push((first_row, chart));
    row = last + 2;

    let history = c.history.as_ref();
    for bars in [Some(&c.assessments), Some(&c.receipts), history].into_iter().flatten() {
        let (chart, end) = bar_chart(ws, name, row, bars)?;
        charts.push((row, chart));
        row = end + 2;
    }
    for (at, mut chart) in charts {
        chart.set_width(560).set_height(260);
        ws.insert_chart(at, DATA_COL + 8, &chart).map_err(err)?;
    }
    Ok(())
}

/// A table of `bars` from `row` and its chart; returns the last row used.
fn bar_chart(ws: &mut Worksheet, name: &str, row: u32, bars: &Bars) -> Result<(Chart, u32), Error> {
    ws.write_string_with_format(row, DATA_COL, &bars.title, &Format::new().set_bold()).map_err(err)?;
    for (i, (label, n, _)) in bars.bars.iter().enumerate() {
        let r = row + 1 + i as u32;
        ws.write_string(r, DATA_COL, label).map_err(err)?;
        ws.write_number(r, DATA_COL + 1, *n as f64).map_err(err)?;
    }
    let last = row + bars.bars.len() as u32;
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(&bars.title);
    chart.legend().set_hidden();
    let points: Vec<rust_xlsxwriter::ChartPoint> = bars
        .bars
        .iter()
        .map(|(_, _, k)| rust_xlsxwriter::ChartPoint::new().set_format(&mut shade(*k)))
        .collect();
    chart
        .add_series()
        .set_categories((name, row + 1, DATA_COL, last, DATA_COL))
        .set_values((name, row + 1, DATA_COL + 1, last, DATA_COL + 1))
        .set_points(&points)
        .set_data_label(&labels())
        .set_gap(60);
    chart.y_axis().set_reverse();
    Ok((chart, last))
}
