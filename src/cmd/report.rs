//! `baocao report --period P`: the consolidated report as PDF and Excel.

use std::path::{Path, PathBuf};

use crate::args::ReportArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::merge::PeriodData;
use crate::plan::files::{PlanSource, SourceFile};
use crate::plan::{Plan, load};
use crate::render::{self, world::ReportWorld};
use crate::report::config::{self, ReportConfig};
use crate::report::{excel, model};
use crate::textfile::read_text;

use super::template::period_dir;

/// The files a report run writes.
pub struct Written {
    pub pdf: PathBuf,
    pub xlsx: PathBuf,
}

/// Reads the report configuration: the file given, else `inputs/bao-cao.toml`
/// when there is one, else the configuration built in.
pub fn read_config(path: Option<&Path>) -> Result<ReportConfig, Error> {
    let default = Path::new("inputs").join(config::FILE);
    match path.or(default.is_file().then_some(default.as_path())) {
        Some(p) => ReportConfig::read(&SourceFile { name: p.display().to_string(), text: read_text(p)? }),
        None => ReportConfig::embedded(),
    }
}

/// Lays out and writes the report of `data` into `out`.
pub fn write_report(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    out: &Path,
    templates: Option<&Path>,
    fonts: Option<&Path>,
) -> Result<Written, Error> {
    let narrative = match templates.map(|d| d.join(model::NARRATIVE_FILE)).filter(|p| p.is_file()) {
        Some(p) => read_text(&p)?,
        None => model::NARRATIVE.to_owned(),
    };
    let report = model::build(plan, data, config, &narrative)?;
    let json = serde_json::to_vec(&report.typst_data()).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    let world = ReportWorld::new("bao-cao.typ", json, report.date, templates, fonts)?;
    let pdf = render::pdf(&world, &report.ident, report.date, true)?;
    let standing = plan.agency_name(&plan.info.standing_agency);
    let xlsx = excel::workbook(&report, standing, &plan.info.issuer)?;
    let name = format!("bao-cao-{}", data.period.id());
    Ok(Written {
        pdf: write_atomic(out, &format!("{name}.pdf"), &pdf)?,
        xlsx: write_atomic(out, &format!("{name}.xlsx"), &xlsx)?,
    })
}

pub fn run(source: &PlanSource, a: &ReportArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let data_path = out.join("tong-hop.json");
    if !data_path.is_file() {
        return Err(Error::Read {
            path: data_path,
            reason: format!(
                "chưa có số liệu tổng hợp của kỳ — chạy `baocao ingest --period {}` trước",
                a.period.id()
            ),
        });
    }
    let text = read_text(&data_path)?;
    let data: PeriodData = serde_json::from_str(&text).map_err(|e| Error::BadInput {
        path: data_path.clone(),
        what: format!(
            "tệp tổng hợp không đọc được ({e}) — chạy lại `baocao ingest --period {}`",
            a.period.id()
        ),
    })?;
    if data.period != a.period {
        return Err(Error::Usage(format!(
            "{} là số liệu kỳ {}, không phải kỳ {}",
            data_path.display(),
            data.period.name(),
            a.period.name()
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
    let config = read_config(a.config.as_deref())?;
    let written = write_report(&plan, &data, &config, &out, a.templates.as_deref(), a.font_path.as_deref())?;
    crate::say!("Đã lập báo cáo {}:", a.period.name());
    crate::say!("  đã ghi {}", written.pdf.display());
    crate::say!("  đã ghi {}", written.xlsx.display());
    Ok(exit::OK)
}
