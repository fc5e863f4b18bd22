//! `baocao report --period P`: the consolidated report as PDF, Word and Excel.

use crate::args::ReportArgs;
use crate::error::{Error, exit};
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::report::output::{read_config, read_period_data, write_report};

use super::period_dir;

/// What to say of characters the PDF could not print (the Excel file keeps
/// them; `ingest` named the cells).
fn unprintable_warning(chars: &[char]) -> String {
    let listed: Vec<String> =
        chars.iter().take(20).map(|c| format!("«{c}» (U+{:04X})", u32::from(*c))).collect();
    let more =
        if chars.len() > 20 { format!(" và {} ký tự khác", chars.len() - 20) } else { String::new() };
    format!(
        "bản PDF in «�» thay cho {}{more}: phông chữ của báo cáo không có các ký tự này. Bảng Excel giữ nguyên; \
         các ô chứa chúng được nêu trong kiem-tra.txt. Nếu cần in đúng, hãy thay bằng chữ hoặc dùng --font-path \
         với phông có các ký tự đó",
        listed.join(", ")
    )
}

pub fn run(source: &PlanSource, a: &ReportArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let data = read_period_data(&plan, a.period, &out)?;
    let mut config = read_config(a.config.as_deref(), source)?;
    config.set_issued(a.period, a.number, a.date, a.draft);
    let written = write_report(
        &plan,
        &data,
        &config,
        &out,
        (a.layout.templates.as_deref(), a.layout.font_path.as_deref()),
        &a.formats,
        a.force,
    )?;
    for w in &written.warnings {
        crate::terminal::warn(w);
    }
    crate::say!("Đã lập báo cáo {}:", a.period.name());
    for f in &written.files {
        crate::say!("  đã ghi {}", f.display());
    }
    if !written.unprintable.is_empty() {
        crate::terminal::warn(&unprintable_warning(&written.unprintable));
    }
    Ok(exit::OK)
}
