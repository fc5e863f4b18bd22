//! What the report says, computed from the plan and the period's merged
//! data: the narrative (Tera → Markdown → tree), the first-page fields and
//! the appendix tables, all formatted the Vietnamese way before Typst sees
//! them.

use std::collections::BTreeMap;

use time::Date;

use super::config::{AppendixKind, ReportConfig};
use super::sandbox::Template;
pub use super::table::{Cell, Column, Row, Table};
use super::{markdown, page_fit, tables};
use crate::error::Error;
use crate::merge::PeriodData;
use crate::plan::Plan;
use crate::render::document::{self, Align, Appendix, Document, Front, Line};
use crate::vn;

/// The Tera template of the narrative built into the program.
pub const NARRATIVE: &str = include_str!("../../templates/bao-cao.md.tera");
pub const NARRATIVE_FILE: &str = "bao-cao.md.tera";

/// Everything the layout needs.
#[derive(Debug, Clone)]
pub struct Report {
    /// First-page and signature fields.
    pub doc: Front,
    /// The narrative as Markdown (kept for tests and plain outputs).
    pub markdown: String,
    pub tables: Vec<Table>,
    /// Every agency's own text, in full and by name: a sheet only the Excel
    /// file has (the PDF names agencies in full only for texts few share).
    pub texts: Table,
    /// The document's date: the signing date, or the end of the cut-off in a draft.
    pub date: Date,
    /// A stable identifier of the document.
    pub ident: String,
}

impl Report {
    /// The report as the writers lay it out.
    pub fn document(&self) -> Document {
        let appendices = self
            .tables
            .iter()
            .map(|t| Appendix {
                charts: t.charts.as_ref().map(super::charts::typst),
                label: t.label.clone(),
                title: t.title.clone(),
                note: t.note.clone(),
                landscape: true,
                empty: "Không có số liệu.".to_owned(),
                columns: t
                    .columns
                    .iter()
                    .map(|c| document::Column {
                        header: c.header.to_owned(),
                        width: c.width,
                        align: if c.center { Align::Center } else { Align::Left },
                    })
                    .collect(),
                rows: t
                    .pdf_rows
                    .as_ref()
                    .unwrap_or(&t.rows)
                    .iter()
                    .map(|r| match r {
                        Row::Group(text) => Line::Group { text: text.clone() },
                        Row::Cells(cells) => {
                            let cells: Vec<String> = cells.iter().map(Cell::display).collect();
                            let split = page_fit::may_outgrow_page(&cells, &t.columns);
                            Line::Row { cells, split }
                        }
                    })
                    .collect(),
                file: false,
                symbol: String::new(),
            })
            .collect();
        Document { doc: self.doc.clone(), body: markdown::to_tree(&self.markdown), appendices }
    }
}

fn roman_label(i: usize) -> String {
    format!("Phụ lục {}", crate::plan::roman(i + 1))
}

/// The narrative's template built into the program.
pub fn narrative() -> Template {
    Template::built_in(NARRATIVE, NARRATIVE_FILE)
}

/// Builds the report of `data` for `plan` under `config`; `narrative` is the
/// Tera template of the text.
pub fn build(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    narrative: &Template,
) -> Result<Report, Error> {
    let info = &plan.info;
    let standing = plan.agency_name(&info.standing_agency).to_owned();
    let abbr = issuer_abbr(plan);
    let to = data.period.cutoff().1;
    let date = config.date.unwrap_or(to);
    let year = config.date.map_or(to.year(), |d| d.year());
    let place = config.place.clone().unwrap_or_else(|| info.place.clone());
    let recipient = config.recipient.clone().unwrap_or_else(|| info.issuer.clone());
    let party = config.style == super::config::Style::Party;
    // «Số: 05/BC-SKHCN» for a State body; «Số 05-BC/BTGDVTU» for a Party one.
    let number = config.number.map_or_else(|| "      ".to_owned(), |n| format!("{n:02}"));
    let number = vn::symbol(&number, "BC", &abbr, party);
    let date_short = config.date.map_or_else(|| format!("      /      /{year}"), vn::date);
    let summary = format!(
        "Kết quả thực hiện {} ngày {} của {} {}",
        info.reference(),
        vn::date(info.date),
        info.cited_issuer(),
        data.period.name()
    );
    let mut recipients = config.recipients.clone();
    recipients.push(format!("Lưu: {}.", config.archive.trim_end_matches('.')));
    let draft = config.is_draft();
    let doc = Front {
        title: format!("Báo cáo {}", crate::text::lower_first(&summary)),
        author: standing.clone(),
        keywords: vec![info.code.clone(), data.period.id(), data.period.name(), "báo cáo".to_owned()],
        date,
        parent: config.parent.clone(),
        issuer: config.issuer.clone(),
        number: if party { format!("Số {number}") } else { format!("Số: {number}") },
        symbol: if draft { String::new() } else { number.trim().to_owned() },
        subject: String::new(),
        place_date: place_date(&place, config.date, year),
        kind: "BÁO CÁO".to_owned(),
        summary,
        recipient: recipient.clone(),
        authority: config.authority.clone(),
        signer_title: config.signer_title.clone(),
        signer: config.signer.clone(),
        recipients,
        draft,
        party,
    };
    let note = format!("(Kèm theo Báo cáo số {number} ngày {date_short} của {standing})");

    let labels: BTreeMap<&str, String> = config
        .appendices
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let key = match k {
                AppendixKind::Indicators => "indicators",
                AppendixKind::Tasks => "tasks",
                AppendixKind::Receipts => "receipts",
                AppendixKind::Charts => "charts",
            };
            (key, roman_label(i))
        })
        .collect();
    let label = |k: &str| labels.get(k).cloned().unwrap_or_else(|| "báo cáo của các cơ quan".into());

    let markdown = narrative.render(super::narrative::context(plan, data, &standing, &recipient, &label))?;
    let tables = config
        .appendices
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let charts = (*k == AppendixKind::Charts).then(|| super::charts::build(plan, data));
            let (title, columns, rows) = match k {
                AppendixKind::Indicators => tables::indicator_table(plan, data),
                AppendixKind::Tasks => tables::task_table(plan, data),
                AppendixKind::Receipts => tables::receipt_table(data),
                AppendixKind::Charts => tables::charts_table(),
            };
            let pdf_rows = match k {
                AppendixKind::Receipts => tables::receipts_for_pdf(data, &rows),
                _ => None,
            };
            Table {
                label: roman_label(i),
                title: title.into(),
                note: note.clone(),
                columns,
                rows,
                pdf_rows,
                charts,
            }
        })
        .collect();
    let ident = format!("baocao/{}/{}/{}", info.code, data.period.id(), number.trim());
    let texts = tables::texts_table(plan, data, &note);
    Ok(Report { doc, markdown, tables, texts, date, ident })
}

/// The place and date line: `Cà Mau, ngày 20 tháng 6 năm 2025`, or blanks
/// for the clerk to fill in a draft.
pub fn place_date(place: &str, date: Option<Date>, year: i32) -> String {
    match date {
        Some(d) => format!("{place}, {}", vn::date_long(d)),
        None => format!("{place}, ngày      tháng      năm {year}"),
    }
}

/// The standing agency's abbreviation for document symbols (`SKHCN`).
pub fn issuer_abbr(plan: &Plan) -> String {
    plan.registry
        .agency(&plan.info.standing_agency)
        .and_then(|a| a.abbr.clone())
        .unwrap_or_else(|| "…".into())
}
