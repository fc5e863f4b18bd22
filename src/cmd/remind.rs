//! `baocao remind --period P`: reminder letters for late or incomplete agencies.

use crate::args::RemindArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::render::{self, world::ReportWorld};
use crate::report::letters::{self, Letter};
use crate::textfile::read_text;
use crate::vn;

use super::period_dir;
use super::report::{read_config, read_period_data};

fn pdf(
    letters: &[&Letter],
    a: &RemindArgs,
    title: &str,
    keywords: &[String],
    ident: &str,
) -> Result<Vec<u8>, Error> {
    let data = letters::typst_data(letters, title, keywords);
    let date = letters
        .first()
        .and_then(|l| {
            let d = &l.doc["date"];
            time::Date::from_calendar_date(
                d["year"].as_i64()? as i32,
                time::Month::try_from(d["month"].as_u64()? as u8).ok()?,
                d["day"].as_u64()? as u8,
            )
            .ok()
        })
        .ok_or_else(|| Error::Internal("ngày công văn".into()))?;
    let json = serde_json::to_vec(&data).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
    let world = ReportWorld::new(
        "cong-van.typ",
        json,
        date,
        a.layout.templates.as_deref(),
        a.layout.font_path.as_deref(),
        Vec::new(),
    )?;
    render::pdf(&world, ident, date, true, render::Caches::Release)
}

pub fn run(source: &PlanSource, a: &RemindArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let data = read_period_data(&plan, a.period, &out)?;
    let config = read_config(a.config.as_deref())?;
    let from = config.date.unwrap_or(data.deadline).max(data.deadline);
    let deadline = a.deadline.unwrap_or_else(|| vn::working_days_after(from, 5));
    let template =
        match a.layout.templates.as_ref().map(|d| d.join(letters::TEMPLATE_FILE)).filter(|p| p.is_file()) {
            Some(p) => read_text(&p)?,
            None => letters::TEMPLATE.to_owned(),
        };
    let mut wanted = Vec::new();
    for name in &a.agencies {
        let id =
            plan.registry.lookup(name).filter(|id| plan.registry.agency(id).is_some()).ok_or_else(|| {
                Error::Usage(format!(
                    "không có cơ quan «{name}» trong danh mục co-quan.toml — cần mã như stc"
                ))
            })?;
        wanted.push(id.clone());
    }
    let mut all = letters::letters(&plan, &data, &config, deadline, &template)?;
    if !wanted.is_empty() {
        all.retain(|l| wanted.contains(&l.agency));
    }
    if all.is_empty() {
        crate::say!("Mọi cơ quan đã gửi đủ báo cáo kỳ {}: không cần công văn đôn đốc.", a.period.name());
        return Ok(exit::OK);
    }
    let keywords = vec![plan.info.code.clone(), a.period.id(), "đôn đốc".to_owned()];
    let title = format!("Đôn đốc gửi báo cáo {} — {}", plan.info.code, a.period.name());
    let folder = out.join("don-doc");
    for letter in &all {
        let ident = format!("baocao/don-doc/{}/{}", a.period.id(), letter.agency);
        let bytes = pdf(&[letter], a, &title, &keywords, &ident)?;
        let path = write_atomic(&folder, &format!("{}.pdf", letter.agency), &bytes)?;
        crate::say!("  đã ghi {}", path.display());
    }
    let refs: Vec<&Letter> = all.iter().collect();
    let combined = pdf(&refs, a, &title, &keywords, &format!("baocao/don-doc/{}", a.period.id()))?;
    let path = write_atomic(&out, &format!("don-doc-{}.pdf", a.period.id()), &combined)?;
    crate::say!("  đã ghi {} (in chung)", path.display());
    crate::say!("Đã lập {} công văn đôn đốc, hạn gửi mới {}.", all.len(), vn::date(deadline));
    Ok(exit::OK)
}
