//! Writing a report: its forms laid out side by side, written atomically
//! as a new version when an earlier report with other content is there,
//! and recorded in the period's manifest. The commands (`report`, `demo`,
//! `watch`, `sign`, `remind`) call this, not one another.

use std::path::{Path, PathBuf};

use crate::archive::manifest::{FileEntry, InputEntry, Manifest, Run, input_name};
use crate::error::Error;
use crate::fsx::write_atomic;
use crate::merge::PeriodData;
use crate::plan::Plan;
use crate::plan::files::{PlanSource, SourceFile};
use crate::render::document::{Appendix, Document};
use crate::render::{self, world::ReportWorld};
use crate::textfile::read_text;

use super::config::{self, ReportConfig};
use super::{excel, model};

/// A form of the report (`report --formats`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    Xlsx,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Pdf, Format::Docx, Format::Xlsx];
}

/// The files a report run writes.
pub struct Written {
    /// In the order PDF, Word, Excel, those asked for.
    pub files: Vec<PathBuf>,
    /// Characters no font could print, shown as `�` in the PDF.
    pub unprintable: Vec<char>,
    /// What the user should know about the report's number and date.
    pub warnings: Vec<String>,
}

/// Reads the report configuration: the file given, else the plan folder's
/// `bao-cao.toml` when there is one (a plan imported from another province
/// has its own letterhead), else the configuration built in.
pub fn read_config(path: Option<&Path>, source: &PlanSource) -> Result<ReportConfig, Error> {
    let default = match source {
        PlanSource::Dir(dir) => dir.join(config::FILE),
        PlanSource::Embedded => Path::new("inputs").join(config::FILE),
    };
    match path.or(default.is_file().then_some(default.as_path())) {
        Some(p) => ReportConfig::read(&SourceFile { name: p.display().to_string(), text: read_text(p)? }),
        None => ReportConfig::embedded(),
    }
}

/// The first version number whose files are free or already hold these
/// very bytes: an earlier report is never overwritten with other content.
fn version_for(out: &Path, files: &[(String, &str, &[u8])]) -> u32 {
    (1..)
        .find(|&v| {
            files.iter().all(|(stem, ext, bytes)| {
                let path = out.join(versioned(stem, v, ext));
                std::fs::read(&path).map_or(true, |old| old == *bytes)
            })
        })
        .unwrap_or(1)
}

fn versioned(stem: &str, version: u32, ext: &str) -> String {
    if version == 1 { format!("{stem}.{ext}") } else { format!("{stem}-v{version}.{ext}") }
}

/// The report's content and the document the writers lay out.
pub fn prepare(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    templates: Option<&Path>,
) -> Result<(model::Report, Document), Error> {
    let narrative =
        crate::report::sandbox::Template::load(templates, model::NARRATIVE_FILE, model::NARRATIVE)?;
    let report = model::build(plan, data, config, &narrative)?;
    let document = report.document();
    Ok((report, document))
}

/// Lays out and writes the report of `data` into `out`, as a new version
/// when an earlier report with other content is there (unless `force`), and
/// records the run in `manifest.json`.
pub fn write_report(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    out: &Path,
    layout: (Option<&Path>, Option<&Path>),
    formats: &[Format],
    force: bool,
) -> Result<Written, Error> {
    let (templates, fonts) = layout;
    let (config, mut warnings) = config.for_period(data.period);
    let config = &config;
    warnings.extend(crate::report::identity::check(config, data, &earlier_reports(out))?);
    let (report, document) = prepare(plan, data, config, templates)?;
    let standing = plan.agency_name(&plan.info.standing_agency);
    std::fs::create_dir_all(out).map_err(|e| Error::write(out, &e))?;
    // Appendices sent as files of their own (`appendix_files`) leave the
    // report's PDF and are laid out one file each (the Word and Excel
    // copies keep them all).
    let (printed, separate) =
        split_appendices(&document, config.appendix_files && formats.contains(&Format::Pdf));
    let world = if formats.contains(&Format::Pdf) {
        // No images in the PDF: the signature and the seal come with the
        // digital signatures, in the boxes the layout leaves (`sign --as`).
        Some(ReportWorld::new("bao-cao.typ", printed, report.date, templates, fonts, Vec::new())?)
    } else {
        None
    };
    // The PDF, the Word twin (laid out from the same data, text as written)
    // and the Excel file share only the data: made side by side.
    let word = || -> Result<Vec<u8>, Error> {
        let charts = match report.tables.iter().find_map(|t| t.charts.as_ref()) {
            Some(c) => chart_pictures(c, report.date, layout)?,
            None => Vec::new(),
        };
        let pictures = render::docx::Images {
            signature: config.signature_image.as_deref(),
            stamp: config.stamp_image.as_deref(),
            charts: &charts,
        };
        render::docx::docx(&document, pictures)
    };
    let (pdf, (docx, xlsx)) = rayon::join(
        || {
            world
                .as_ref()
                .map(|w| {
                    let (pdf, boxes) =
                        render::pdf_with_boxes(w, &report.ident, report.date, true, render::Caches::Release)?;
                    // Empty signature fields where the layout left the boxes.
                    crate::archive::fields::add_fields(&pdf, &boxes)
                })
                .transpose()
        },
        || {
            rayon::join(
                || formats.contains(&Format::Docx).then(word).transpose(),
                || {
                    formats
                        .contains(&Format::Xlsx)
                        .then(|| {
                            excel::workbook(
                                &report,
                                plan,
                                data,
                                (standing, &plan.info.issuer),
                                excel::Scratch::In(out),
                            )
                        })
                        .transpose()
                },
            )
        },
    );
    let (docx, xlsx) = (docx?, xlsx?);
    let stem = format!("bao-cao-{}", data.period.id());
    let mut made: Vec<(String, &str, Vec<u8>)> = [("pdf", pdf?), ("docx", docx), ("xlsx", xlsx)]
        .into_iter()
        .filter_map(|(e, b)| Some((stem.clone(), e, b?)))
        .collect();
    for (suffix, appendix) in separate {
        let w = ReportWorld::new("phu-luc.typ", appendix, report.date, templates, fonts, Vec::new())?;
        let ident = format!("{}/{suffix}", report.ident);
        let (pdf, boxes) = render::pdf_with_boxes(&w, &ident, report.date, true, render::Caches::Release)?;
        made.push((format!("{stem}-{suffix}"), "pdf", crate::archive::fields::add_fields(&pdf, &boxes)?));
    }
    let check: Vec<(String, &str, &[u8])> =
        made.iter().map(|(n, e, b)| (n.clone(), *e, b.as_slice())).collect();
    let version = if force { 1 } else { version_for(out, &check) };
    let files = made
        .iter()
        .map(|(name, ext, bytes)| write_atomic(out, &versioned(name, version, ext), bytes))
        .collect::<Result<Vec<_>, _>>()?;
    let unprintable = world.as_ref().map(|w| w.unprintable().iter().copied().collect()).unwrap_or_default();
    let written = Written { files, unprintable, warnings };
    record(plan, data, config, out, version, &written)?;
    Ok(written)
}

/// How finely the Word twin's charts are drawn: sharp when printed on A4,
/// some tens of kilobytes a picture.
const CHART_DPI: f64 = 200.0;

/// The charts as the PDF draws them, one PNG each, for the Word twin.
fn chart_pictures(
    charts: &crate::report::charts::Charts,
    date: time::Date,
    (templates, fonts): (Option<&Path>, Option<&Path>),
) -> Result<Vec<Vec<u8>>, Error> {
    let data = crate::report::charts::typst(charts);
    let world = ReportWorld::new("bieu-do-anh.typ", data, date, templates, fonts, Vec::new())?;
    render::png_pages(&world, CHART_DPI)
}

/// The data of the report's PDF: without its appendices when `separate`,
/// each of them then the data of a file of its own (`phu-luc-II`, laid
/// out by `phu-luc.typ`).
fn split_appendices(
    document: &Document,
    separate: bool,
) -> (serde_json::Value, Vec<(String, serde_json::Value)>) {
    if !separate {
        return (document.json(), Vec::new());
    }
    let front = &document.doc;
    let files = document
        .appendices
        .iter()
        .map(|a| {
            let roman = a.label.rsplit(' ').next().unwrap_or_default().to_owned();
            let appendix = Appendix {
                file: true,
                symbol: front.symbol.clone(),
                // The number and date are in the signature at the top right (ND30, Mẫu 2.2).
                note: format!("(Kèm theo Báo cáo của {})", front.author),
                ..a.clone()
            };
            (format!("phu-luc-{roman}"), serde_json::json!({"doc": front, "appendix": appendix}))
        })
        .collect();
    (document.json_with(&[]), files)
}

/// Adds this run to the period's `manifest.json`.
fn record(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    out: &Path,
    version: u32,
    w: &Written,
) -> Result<(), Error> {
    let entry = |path: &Path| {
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        FileEntry::of(path, &name)
    };
    // The sending date of each file used, looked up once (a search per file
    // was files × agencies: 89 million comparisons at national scale).
    let sent_on: std::collections::HashMap<&str, time::Date> =
        data.agencies.iter().filter_map(|a| Some((a.file.as_deref()?, a.sent_on?))).collect();
    let inputs = data
        .files
        .iter()
        .map(|f| InputEntry {
            file: FileEntry { path: input_name(out, &f.file), size: f.size, sha256: f.sha256.clone() },
            agency: f.agency.as_ref().map(|a| a.to_string()),
            sent_on: sent_on.get(f.file.as_str()).map(|d| d.to_string()),
            usage: serde_json::to_value(f.usage)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
        })
        .collect();
    let data_files = ["tong-hop.json", "kiem-tra.txt", "kiem-tra.xlsx"]
        .iter()
        .map(|n| out.join(n))
        .filter(|p| p.is_file())
        .map(|p| entry(&p))
        .collect::<Result<Vec<_>, _>>()?;
    let run = Run {
        version,
        tool: format!("baocao {}", env!("CARGO_PKG_VERSION")),
        plan_code: plan.info.code.clone(),
        plan_fingerprint: plan.fingerprint(),
        config: serde_json::to_value(config).map_err(|e| Error::Internal(format!("JSON: {e}")))?,
        inputs,
        data: data_files,
        outputs: w.files.iter().map(|f| entry(f)).collect::<Result<_, _>>()?,
    };
    Manifest::record(out, &data.period.id(), run)?;
    Ok(())
}

/// The reports already made beside `out` (the other period folders of the
/// same outputs folder) with a number and a date: the last run of each.
fn earlier_reports(out: &Path) -> Vec<crate::report::identity::Earlier> {
    let Some(parent) = out.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }) else {
        return Vec::new();
    };
    let Ok(dirs) = std::fs::read_dir(parent) else { return Vec::new() };
    let mut found = Vec::new();
    for dir in dirs.flatten().map(|d| d.path()).filter(|d| d.is_dir()) {
        // A manifest that cannot be read is `verify`'s to report, not the report's.
        let Ok(Some(m)) = Manifest::load(&dir) else { continue };
        let Some(run) = m.runs.last() else { continue };
        let number = run.config["number"].as_u64().and_then(|n| u32::try_from(n).ok());
        let date = run.config["date"]
            .as_str()
            .and_then(|d| time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE).ok());
        if let (Some(number), Some(date)) = (number, date) {
            found.push(crate::report::identity::Earlier { period: m.period.clone(), number, date });
        }
    }
    found.sort_by(|a, b| a.period.cmp(&b.period));
    found
}

/// Reads the period's merged data (`tong-hop.json` in `out`) and checks it
/// belongs to `period` and `plan`.
pub fn read_period_data(plan: &Plan, period: crate::period::Period, out: &Path) -> Result<PeriodData, Error> {
    let data_path = out.join("tong-hop.json");
    if !data_path.is_file() {
        return Err(Error::Read {
            path: data_path,
            reason: format!(
                "chưa có số liệu tổng hợp của kỳ — chạy `baocao ingest --period {}` trước",
                period.id()
            ),
        });
    }
    // Our own file, written as UTF-8 NFC: read as it is parsed, never whole
    // (hundreds of megabytes at national scale).
    let file = std::fs::File::open(&data_path).map_err(|e| Error::read(&data_path, &e))?;
    let data: PeriodData =
        serde_json::from_reader(std::io::BufReader::new(file)).map_err(|e| Error::BadInput {
            path: data_path.clone(),
            what: format!(
                "tệp tổng hợp không đọc được ({e}) — chạy lại `baocao ingest --period {}`",
                period.id()
            ),
        })?;
    if data.period != period {
        return Err(Error::Usage(format!(
            "{} là số liệu kỳ {}, không phải kỳ {}",
            data_path.display(),
            data.period.name(),
            period.name()
        )));
    }
    if data.plan.code != plan.info.code {
        return Err(Error::Usage(format!(
            "{} là số liệu của kế hoạch {}, không phải kế hoạch {}",
            data_path.display(),
            data.plan.code,
            plan.info.code
        )));
    }
    Ok(data)
}
