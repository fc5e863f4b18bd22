//! `baocao template --period P`: one workbook per agency.

use crate::archive::manifest::{FileEntry, Manifest, inside};
use crate::args::TemplateArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::merge::history;
use crate::plan::assign::{Assignment, assignments};
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::template::prefill::History;
use crate::template::{Context, workbook};
use crate::vn;

pub fn run(source: &PlanSource, a: &TemplateArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let all = assignments(&plan);
    let chosen: Vec<&Assignment> = if a.agencies.is_empty() {
        all.iter().collect()
    } else {
        let mut chosen = Vec::new();
        for wanted in &a.agencies {
            let id = plan.registry.lookup(wanted).ok_or_else(|| {
                Error::Usage(format!(
                    "không có cơ quan «{wanted}» trong danh mục co-quan.toml — cần mã như skhcn"
                ))
            })?;
            let found = all.iter().find(|x| &x.agency.id == id).ok_or_else(|| {
                Error::Usage(format!(
                    "«{}» không có nhiệm vụ hay chỉ tiêu nào phải báo cáo trong kế hoạch này (hoặc là một nhóm, hoặc không gửi báo cáo)",
                    plan.agency_name(id)
                ))
            })?;
            chosen.push(found);
        }
        chosen
    };
    let deadline = a.deadline.unwrap_or_else(|| a.period.default_deadline());
    let out = a.out.clone().unwrap_or_else(|| super::period_dir(&a.period).join("mau"));
    // The previous period's answers, in the period folders beside this one's.
    let previous = history::find(
        &super::outputs_root(&super::period_dir(&a.period)),
        &plan,
        a.period,
        a.history.choice(),
    )?;
    let history = previous.as_ref().map(|found| History::new(&found.data));
    let ctx = Context { plan: &plan, period: a.period, deadline, previous: history.as_ref() };
    // Several at a time: a ministry makes thousands.
    use rayon::prelude::*;
    // Templates made in the period's folder are part of its archive: each
    // is hashed as it is written.
    let period_dir = super::period_dir(&a.period);
    // The folder inside the period's, as the manifest names it («mau/»).
    let folder = inside(&period_dir, &out.join("x")).and_then(|p| p.strip_suffix('x').map(str::to_owned));
    let written: Vec<FileEntry> = chosen
        .par_iter()
        .map(|assignment| {
            let name = format!("{}.xlsx", assignment.agency.id);
            let bytes = workbook(&ctx, assignment, None)?;
            write_atomic(&out, &name, &bytes)?;
            Ok(FileEntry::of_bytes(&format!("{}{name}", folder.as_deref().unwrap_or_default()), &bytes))
        })
        .collect::<Result<_, Error>>()?;
    if folder.is_some() {
        Manifest::add_entries(&period_dir, &a.period.id(), written, "template")?;
    }
    let (from, to) = a.period.cutoff();
    crate::say!(
        "Đã tạo {} biểu mẫu kỳ {} (số liệu từ {} đến {}, hạn gửi {}) trong {}",
        chosen.len(),
        a.period.name(),
        vn::date(from),
        vn::date(to),
        vn::date(deadline),
        out.display()
    );
    if let Some(found) = &previous {
        crate::say!("  điền sẵn câu trả lời kỳ trước: {}", found.describe());
    }
    Ok(exit::OK)
}
