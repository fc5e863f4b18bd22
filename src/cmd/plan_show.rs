//! `baocao plan show [--json]`: the plan at a glance, or all of it as JSON.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::args::ShowArgs;
use crate::error::{Error, exit};
use crate::plan::deadline::DeadlineKind;
use crate::plan::files::PlanSource;
use crate::plan::ids::AgencyId;
use crate::plan::{Plan, load};
use crate::terminal::{pad, shorten};

/// Version of the JSON shape printed by `plan show --json`; raised when a
/// field is renamed or removed (adding one does not change it).
pub const JSON_FORMAT: u32 = 1;

#[derive(Serialize)]
struct JsonPlan<'a> {
    format: u32,
    source: String,
    #[serde(flatten)]
    plan: &'a Plan,
}

pub fn run(source: &PlanSource, a: &ShowArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    if a.json {
        let json = serde_json::to_string_pretty(&JsonPlan {
            format: JSON_FORMAT,
            source: source.describe(),
            plan: &plan,
        })
        .map_err(|e| Error::Internal(format!("JSON: {e}")))?;
        crate::say!("{json}");
    } else {
        crate::say!("{}", summary(&plan, &source.describe()).trim_end());
    }
    Ok(exit::OK)
}

/// The readable summary: identity, groups, agencies, deadlines by quarter.
pub fn summary(plan: &Plan, source: &str) -> String {
    let info = &plan.info;
    let mut out = String::new();
    let d = info.date;
    let _ = writeln!(
        out,
        "{} số {} ngày {:02}/{:02}/{} của {}",
        info.kind,
        info.code,
        d.day(),
        u8::from(d.month()),
        d.year(),
        info.issuer
    );
    if !info.summary.is_empty() {
        let _ = writeln!(out, "V/v {}", info.summary);
    }
    let _ = writeln!(
        out,
        "Cơ quan thường trực: {} ({})",
        plan.agency_name(&info.standing_agency),
        info.standing_agency
    );
    let cadence: Vec<&str> = info.reporting.iter().map(|c| c.label()).collect();
    let _ = writeln!(out, "Kỳ báo cáo: {}", cadence.join(", "));
    let _ = writeln!(out, "Nguồn: {source}\n");

    let _ = writeln!(out, "Phụ lục I — {} chỉ tiêu", plan.indicators().count());
    for g in &plan.indicator_groups {
        let _ = writeln!(out, "  {} {} {:>4}", pad(&g.number, 4), pad(&g.title, 60), g.indicators.len());
    }
    let _ = writeln!(out, "\nPhụ lục II — {} nhiệm vụ", plan.tasks().count());
    for g in &plan.task_groups {
        let title = if g.title.is_empty() {
            "(văn bản gốc không có tiêu đề nhóm)".to_owned()
        } else {
            shorten(&g.title, 60)
        };
        let _ = writeln!(out, "  {} {} {:>4}", pad(&g.number, 4), pad(&title, 60), g.tasks.len());
    }

    let _ = writeln!(out, "\nTheo cơ quan (trực tiếp + qua nhóm)");
    let _ = writeln!(
        out,
        "  {} {} {:>9} {:>9} {:>9}",
        pad("Mã", 20),
        pad("Cơ quan", 44),
        "Chủ trì",
        "Phối hợp",
        "Chỉ tiêu"
    );
    for a in plan.registry.agencies() {
        let lead = count(plan, &a.id, |t| &t.lead);
        let coord = count(plan, &a.id, |t| &t.coordinators);
        let tracked = plan.indicators().filter(|(_, i)| involves(plan, &i.tracking, &a.id).is_some()).count();
        let cell = |(direct, via): (usize, usize)| {
            if via == 0 { direct.to_string() } else { format!("{direct}+{via}") }
        };
        let _ = writeln!(
            out,
            "  {} {} {:>9} {:>9} {:>9}",
            pad(a.id.as_str(), 20),
            pad(&shorten(&a.name, 44), 44),
            cell(lead),
            cell(coord),
            tracked
        );
    }

    let _ = writeln!(out, "\nThời hạn nhiệm vụ theo quý");
    let mut by_quarter: BTreeMap<(i32, u8), usize> = BTreeMap::new();
    let (mut recurring, mut none) = (0, 0);
    for (_, t) in plan.tasks() {
        match (t.deadline.kind(), t.deadline.due()) {
            (DeadlineKind::FromYearOn(_), Some(due)) | (_, Some(due)) => {
                *by_quarter.entry((due.year(), (u8::from(due.month()) - 1) / 3 + 1)).or_default() += 1;
            }
            (DeadlineKind::Ongoing | DeadlineKind::Annual, None) => recurring += 1,
            _ => none += 1,
        }
    }
    const QUARTERS: [&str; 4] = ["I", "II", "III", "IV"];
    for ((year, q), n) in by_quarter {
        let _ =
            writeln!(out, "  {} {:>4}", pad(&format!("Quý {}/{year}", QUARTERS[usize::from(q - 1)]), 34), n);
    }
    let _ = writeln!(out, "  {} {:>4}", pad("Thường xuyên, hằng năm", 34), recurring);
    if none > 0 {
        let _ = writeln!(out, "  {} {:>4}", pad("Không ghi thời hạn", 34), none);
    }
    out
}

/// Whether `id` is among `ids`: `Some(true)` directly, `Some(false)` through a group.
fn involves(plan: &Plan, ids: &[AgencyId], id: &AgencyId) -> Option<bool> {
    if ids.contains(id) {
        Some(true)
    } else if ids.iter().any(|g| plan.registry.includes(g, id)) {
        Some(false)
    } else {
        None
    }
}

/// Tasks where `id` appears in the field, (directly, through a group only).
fn count(plan: &Plan, id: &AgencyId, field: impl Fn(&crate::plan::Task) -> &Vec<AgencyId>) -> (usize, usize) {
    plan.tasks().fold((0, 0), |(d, v), (_, t)| match involves(plan, field(t), id) {
        Some(true) => (d + 1, v),
        Some(false) => (d, v + 1),
        None => (d, v),
    })
}
