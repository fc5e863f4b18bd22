//! `baocao remind --period P`: reminder letters for late or incomplete agencies.

use crate::archive::manifest::Manifest;
use crate::args::RemindArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::render::{self, world::ReportWorld};
use crate::report::letters::{self, Letter};
use crate::vn;

use super::period_dir;
use crate::report::output::{read_config, read_period_data};

/// Letters per file for printing: at national scale a thousand letters in
/// one document would take gigabytes to lay out and be unwieldy to print.
const LETTERS_PER_PRINT_FILE: usize = 100;

/// Past this many letters their files are counted, not listed one by one.
const LISTED: usize = 20;

/// The files for printing `count` letters: `don-doc-<kỳ>` for up to
/// [`LETTERS_PER_PRINT_FILE`], else `don-doc-<kỳ>-01`, `-02`… each with the
/// letters it holds.
fn print_files(period: &str, count: usize) -> Vec<(String, std::ops::Range<usize>)> {
    let parts = count.div_ceil(LETTERS_PER_PRINT_FILE);
    (0..parts)
        .map(|i| {
            let range = i * LETTERS_PER_PRINT_FILE..count.min((i + 1) * LETTERS_PER_PRINT_FILE);
            let stem = if parts == 1 {
                format!("don-doc-{period}")
            } else {
                format!("don-doc-{period}-{:02}", i + 1)
            };
            (stem, range)
        })
        .collect()
}

fn pdf(
    letters: &[&Letter],
    a: &RemindArgs,
    title: &str,
    keywords: &[String],
    ident: &str,
    caches: render::Caches,
) -> Result<Vec<u8>, Error> {
    let data = letters::typst_data(letters, title, keywords);
    let date = letters.first().map(|l| l.doc.date).ok_or_else(|| Error::Internal("ngày công văn".into()))?;
    let world = ReportWorld::new(
        "cong-van.typ",
        data,
        date,
        a.layout.templates.as_deref(),
        a.layout.font_path.as_deref(),
        Vec::new(),
    )?;
    render::pdf(&world, ident, date, true, caches)
}

pub fn run(source: &PlanSource, a: &RemindArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let data = read_period_data(&plan, a.period, &out)?;
    let config = read_config(a.config.as_deref(), source)?;
    let from = config.date.unwrap_or(data.deadline).max(data.deadline);
    let deadline = a.deadline.unwrap_or_else(|| vn::working_days_after(from, 5));
    let template = crate::report::sandbox::Template::load(
        a.layout.templates.as_deref(),
        letters::TEMPLATE_FILE,
        letters::TEMPLATE,
    )?;
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
    // One letter per agency, several at a time, each laid out cold: keeping
    // Typst's caches between letters saved 15 % of the time at 10,000
    // agencies but took 115 MB more.
    use rayon::prelude::*;
    // Each letter as PDF and as its Word twin, to correct before signing.
    let written: Vec<std::path::PathBuf> = all
        .par_iter()
        .map(|letter| {
            let ident = format!("baocao/don-doc/{}/{}", a.period.id(), letter.agency);
            let bytes = pdf(&[letter], a, &title, &keywords, &ident, render::Caches::Release)?;
            let pictures = render::docx::Images {
                signature: config.signature_image.as_deref(),
                stamp: config.stamp_image.as_deref(),
                charts: &[],
            };
            let word = render::docx::docx(&letters::document(letter, &title, &keywords), pictures)?;
            Ok([
                write_atomic(&folder, &format!("{}.pdf", letter.agency), &bytes)?,
                write_atomic(&folder, &format!("{}.docx", letter.agency), &word)?,
            ])
        })
        .collect::<Result<Vec<_>, Error>>()?
        .into_iter()
        .flatten()
        .collect();
    if all.len() <= LISTED {
        for path in &written {
            crate::say!("  đã ghi {}", path.display());
        }
    } else {
        crate::say!("  đã ghi {} công văn vào {}", all.len(), folder.display());
    }
    let mut written = written;
    for (stem, range) in print_files(&a.period.id(), all.len()) {
        let refs: Vec<&Letter> = all[range.clone()].iter().collect();
        let ident = format!("baocao/{stem}");
        let combined = pdf(&refs, a, &title, &keywords, &ident, render::Caches::Release)?;
        let path = write_atomic(&out, &format!("{stem}.pdf"), &combined)?;
        crate::say!("  đã ghi {} (in chung, công văn {}–{})", path.display(), range.start + 1, range.end);
        written.push(path);
    }
    // The letters are kept with the period's report: they join its manifest,
    // so that a letter changed or deleted later is seen by `verify`.
    Manifest::add_written(&out, &a.period.id(), &written, "remind")?;
    crate::say!("Đã lập {} công văn đôn đốc, hạn gửi mới {}.", all.len(), vn::date(deadline));
    Ok(exit::OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_for_printing_are_split_in_parts_of_a_hundred() {
        assert_eq!(print_files("2025-H1", 7), vec![("don-doc-2025-H1".to_owned(), 0..7)]);
        assert_eq!(print_files("2025-H1", 100), vec![("don-doc-2025-H1".to_owned(), 0..100)]);
        let parts = print_files("2025-H1", 1111);
        assert_eq!(parts.len(), 12);
        assert_eq!(parts[0], ("don-doc-2025-H1-01".to_owned(), 0..100));
        assert_eq!(parts[11], ("don-doc-2025-H1-12".to_owned(), 1100..1111));
        assert_eq!(parts.iter().map(|(_, r)| r.len()).sum::<usize>(), 1111);
    }
}
