//! `baocao demo`: the whole cycle on the bundled plan with sample answers.

use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::args::DemoArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::agency::{Agency, AgencyKind, Registry};
use crate::plan::assign::assignments;
use crate::plan::files::{AGENCIES_FILE, PlanSource};
use crate::plan::ids::AgencyId;
use crate::plan::{Plan, load};
use crate::sample;
use crate::template::{Context, workbook};

/// The plan with sample communes added until `total` agencies report:
/// localities, so the groups of the plan reach them as they would reach
/// real ones.
pub fn with_sample_agencies(mut plan: Plan, total: usize) -> Result<Plan, Error> {
    let reporting = plan.registry.agencies().iter().filter(|a| a.reports).count();
    if total <= reporting {
        return Ok(plan);
    }
    let mut agencies = plan.registry.agencies().to_vec();
    for n in 1..=total - reporting {
        let id =
            AgencyId::parse(&format!("xa-mau-{n:05}")).ok_or_else(|| Error::Internal("mã xã mẫu".into()))?;
        agencies.push(Agency {
            id,
            name: format!("Ủy ban nhân dân xã Mẫu {n:05}"),
            abbr: None,
            kind: AgencyKind::Locality,
            aliases: Vec::new(),
            reports: true,
        });
    }
    let (registry, errors) = Registry::build(&plan.info.province, agencies, plan.registry.groups().to_vec());
    if let Some(e) = errors.first() {
        return Err(Error::Internal(e.message()));
    }
    plan.registry = registry;
    Ok(plan)
}

/// Writes the plan's files with the sample communes added to `co-quan.toml`
/// into `dir`, so that `ingest`, `report` and the rest can be run (and
/// timed) on the sample at scale with `--plan`.
fn write_plan(source: &PlanSource, added: &[Agency], dir: &Path) -> Result<(), Error> {
    let quote = |s: &str| toml::Value::String(s.to_owned()).to_string();
    let mut communes = String::from("\n# Các xã mẫu do `baocao demo --agencies` thêm vào.\n");
    for a in added {
        communes.push_str(&format!(
            "\n[[agency]]\nid = {}\nname = {}\nkind = \"locality\"\n",
            quote(a.id.as_str()),
            quote(&a.name)
        ));
    }
    for file in source.read()? {
        let name =
            Path::new(&file.name).file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let mut text = file.text;
        if name == AGENCIES_FILE {
            text.push_str(&communes);
        }
        write_atomic(dir, &name, text.as_bytes())?;
    }
    Ok(())
}

pub fn run(source: &PlanSource, a: &DemoArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let known = plan.registry.agencies().len();
    let plan = match a.agencies {
        Some(n) => with_sample_agencies(plan, n)?,
        None => plan,
    };
    let plan_dir = a.out.join("ke-hoach");
    let added = &plan.registry.agencies()[known..];
    if !added.is_empty() {
        write_plan(source, added, &plan_dir)?;
    }
    let period = a.period;
    let base = a.out.join(period.id());
    let ctx = Context { plan: &plan, period, deadline: period.default_deadline() };
    let shares = assignments(&plan);
    // Two steps per agency (template, sample answers), then ingest and report.
    let bar = ProgressBar::new(shares.len() as u64 + 2);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    use rayon::prelude::*;
    let made: Vec<Result<bool, Error>> = shares
        .par_iter()
        .enumerate()
        .map(|(i, share)| {
            let file = format!("{}.xlsx", share.agency.id);
            write_atomic(&base.join("mau"), &file, &workbook(&ctx, share, None)?)?;
            let sent = match sample::submission(share, period, a.seed, i) {
                None => false,
                Some(entries) => {
                    write_atomic(&base.join("nop"), &file, &workbook(&ctx, share, Some(&entries))?)?;
                    true
                }
            };
            bar.inc(1);
            Ok(sent)
        })
        .collect();
    let mut sent = 0;
    for m in made {
        if m? {
            sent += 1;
        }
    }
    let skipped = shares.len() - sent;
    bar.set_message("tổng hợp");
    // The plan in memory (with its sample communes, if any) reads the workbooks.
    let inputs = crate::intake::collect::read_all(&plan, period, &[base.join("nop")])?;
    let data = crate::merge::merge(&plan, period, period.default_deadline(), inputs);
    let checks = super::ingest::write_outputs(&plan, &data, &base)?;
    bar.inc(1);
    bar.set_message("lập báo cáo");
    let config = super::report::read_config(None, source)?;
    let written = super::report::write_report(
        &plan,
        &data,
        &config,
        &base,
        (None, None),
        super::report::Formats::ALL,
        false,
    )?;
    bar.finish_and_clear();
    crate::say!(
        "Đã tạo {} biểu mẫu ({}) và {sent} bài nộp mẫu ({}); {skipped} cơ quan không nộp.",
        shares.len(),
        base.join("mau").display(),
        base.join("nop").display()
    );
    // The sample has mistakes on purpose: they are reported, the demo succeeds.
    crate::say!(
        "Tổng hợp: {} lỗi, {} cảnh báo, có chủ ý để minh họa (xem kiem-tra.txt).",
        data.error_count(),
        data.diagnostics.len() - data.error_count()
    );
    for p in checks.iter().chain(&written.files) {
        crate::say!("  đã ghi {}", p.display());
    }
    if !added.is_empty() {
        crate::say!(
            "Kế hoạch kèm {} xã mẫu: {} (dùng với --plan cho các lệnh ingest, report…)",
            added.len(),
            plan_dir.display()
        );
    }
    Ok(exit::OK)
}
