//! `baocao plan import FILE.txt`: the published plan text into plan files.

use std::path::Path;

use crate::args::ImportArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::files::{self, AGENCIES_FILE, ALL_FILES, PlanSource, SourceFile};
use crate::plan::{discover, import, load};
use crate::terminal;
use crate::textfile::read_text;

pub fn run(source: &PlanSource, a: &ImportArgs) -> Result<u8, Error> {
    let agencies = match &a.agencies {
        Some(path) => SourceFile { name: path.display().to_string(), text: read_text(path)? },
        None => source.read_file(AGENCIES_FILE)?,
    };
    crate::budget::doing_now(&format!("nhập kế hoạch từ {}", a.file.display()));
    let text = read_text(&a.file)?;
    let province = import::province_of(&text);
    let (registry, registry_diags) = load::registry(&agencies, &province);
    if registry_diags.iter().any(|d| d.is_error()) {
        return Err(Error::InvalidPlan { source_name: agencies.name.clone(), errors: registry_diags });
    }
    let name = a.file.display().to_string();
    let import_with = |registry: &crate::plan::agency::Registry| {
        import::import_with(&name, &text, registry, a.standing.as_deref())
            .map_err(|e| Error::BadInput { path: a.file.clone(), what: e.0 })
    };
    let mut imported = import_with(&registry)?;
    // Names the registry does not know become entries of it, and the plan
    // is read again against the registry it now has.
    let additions = discover::additions(&name, &imported.unknown, &registry, &province);
    let mut agencies_text = agencies.text.clone();
    let added = additions.summary();
    if !additions.is_empty() {
        agencies_text.push_str(&additions.toml(&name)?);
        let extended = SourceFile { name: agencies.name.clone(), text: agencies_text.clone() };
        let (registry, diags) = load::registry(&extended, &province);
        if diags.iter().any(|d| d.is_error()) {
            return Err(Error::Internal(format!("danh mục cơ quan mở rộng không đọc lại được: {diags:?}")));
        }
        imported = import_with(&registry)?;
        imported.diagnostics.extend(additions.diagnostics);
    }
    if !a.force {
        for f in ALL_FILES {
            let path = a.out.join(f);
            if path.exists() {
                return Err(Error::Exists { path });
            }
        }
    }
    let written = write_all(&a.out, &imported, &agencies_text)?;
    terminal::report(&imported.diagnostics);
    crate::say!(
        "Đã nhập {} {}: {} chỉ tiêu ({} nhóm), {} nhiệm vụ ({} nhóm).",
        imported.plan.kind,
        imported.plan.code,
        imported.indicator_count(),
        imported.indicators.group.len(),
        imported.task_count(),
        imported.tasks.group.len()
    );
    for p in written {
        crate::say!("  đã ghi {}", p.display());
    }
    if let Some(added) = added {
        crate::say!("{added}");
    }
    let unplaced = imported.indicators.unplaced.len() + imported.tasks.unplaced.len();
    if unplaced > 0 {
        crate::say!(
            "{unplaced} dòng của bảng không xếp được, giữ nguyên văn trong khối [[unplaced]] của chi-tieu.toml, \
             nhiem-vu.toml — hãy chuyển vào đúng chỗ."
        );
    }
    if imported.has_errors() {
        crate::say!(
            "Còn lỗi cần sửa tay trong các tệp trên; sửa xong chạy `baocao plan check {}`.",
            a.out.display()
        );
        Ok(exit::DATA)
    } else {
        Ok(exit::OK)
    }
}

fn write_all(
    out: &Path,
    imported: &import::Imported,
    agencies_text: &str,
) -> Result<Vec<std::path::PathBuf>, Error> {
    Ok(vec![
        write_atomic(out, files::PLAN_FILE, files::render(files::PLAN_FILE, &imported.plan)?.as_bytes())?,
        write_atomic(
            out,
            files::INDICATORS_FILE,
            files::render(files::INDICATORS_FILE, &imported.indicators)?.as_bytes(),
        )?,
        write_atomic(out, files::TASKS_FILE, files::render(files::TASKS_FILE, &imported.tasks)?.as_bytes())?,
        write_atomic(out, AGENCIES_FILE, agencies_text.as_bytes())?,
    ])
}
