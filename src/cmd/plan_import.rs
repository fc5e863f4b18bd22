//! `baocao plan import FILE`: a plan — its published text, its Word file or
//! a workbook of its tables — into plan files.

use std::path::Path;

use crate::args::ImportArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::agency::{AgencyKind, Registry};
use crate::plan::files::{self, AGENCIES_FILE, ALL_FILES, PlanSource, SourceFile};
use crate::plan::ids::AgencyId;
use crate::plan::{discover, import, load, naming};
use crate::report::config;
use crate::terminal;
use crate::text::fold;
use crate::textfile::read_text;

/// The head of a registry built from the plan alone.
const NEW_REGISTRY: &str = "\
# Danh mục cơ quan và nhóm cơ quan, lập từ chính văn bản kế hoạch (baocao plan import).
# id: chữ thường không dấu, số, dấu gạch ngang. kind: ministry (bộ, cơ quan trung ương) |
# department (sở, ban, ngành) | locality (địa phương) | other. Xem README.
# Hãy xem lại tên, chữ viết tắt (abbr) và loại của từng cơ quan; cách viết khác của cùng
# một cơ quan thì thêm vào `aliases` của nó.
";

/// The province of the plan now in use, from its `ke-hoach.toml`.
fn current_province(source: &PlanSource) -> Option<String> {
    let file = source.read_file(files::PLAN_FILE).ok()?;
    let value: toml::Table = file.text.parse().ok()?;
    value.get("province")?.as_str().map(str::to_owned).filter(|p| !p.is_empty())
}

pub fn run(source: &PlanSource, a: &ImportArgs) -> Result<u8, Error> {
    crate::budget::doing_now(&format!("nhập kế hoạch từ {}", a.file.display()));
    let plan_text = import::read_plan(&a.file)?;
    let province = import::province_of(&plan_text.text);
    // Said at the end, once the plan has been read.
    let mut fresh = None;
    let agencies = match &a.registry {
        Some(path) => SourceFile { name: path.display().to_string(), text: read_text(path)? },
        None => match current_province(source) {
            Some(current)
                if !province.is_empty()
                    && fold(naming::bare_province(&current)) == fold(naming::bare_province(&province)) =>
            {
                source.read_file(AGENCIES_FILE)?
            }
            current => {
                fresh = Some(format!(
                    "Văn bản {} của {}, kế hoạch đang dùng của {}: đã lập danh mục cơ quan mới từ chính văn bản \
                     (muốn giữ mã cơ quan của một danh mục có sẵn thì nhập lại với --registry TỆP).",
                    a.file.display(),
                    if province.is_empty() {
                        "không rõ tỉnh, thành phố".to_owned()
                    } else {
                        format!("«{province}»")
                    },
                    current.map_or("không rõ tỉnh".to_owned(), |c| format!("«{c}»")),
                ));
                SourceFile { name: AGENCIES_FILE.to_owned(), text: NEW_REGISTRY.to_owned() }
            }
        },
    };
    let (registry, registry_diags) = load::registry(&agencies, &province);
    if registry_diags.iter().any(|d| d.is_error()) {
        return Err(Error::InvalidPlan { source_name: agencies.name.clone(), errors: registry_diags });
    }
    let name = a.file.display().to_string();
    let import_with = |registry: &crate::plan::agency::Registry| {
        import::import_from(&name, &plan_text, registry, a.standing.as_deref())
            .map_err(|e| Error::BadInput { path: a.file.clone(), what: e.0 })
    };
    let mut registry = registry;
    let mut imported = import_with(&registry)?;
    // Names the registry does not know become entries of it, and the plan
    // is read again against the registry it now has.
    let on = load::toml_date(imported.plan.date.get_ref());
    let additions = discover::additions(&imported.unknown, &registry, &province, on);
    let mut agencies_text = agencies.text.clone();
    let added = additions.summary();
    if !additions.is_empty() {
        agencies_text.push_str(&additions.toml(&name)?);
        let extended = SourceFile { name: agencies.name.clone(), text: agencies_text.clone() };
        let (extended, diags) = load::registry(&extended, &province);
        if diags.iter().any(|d| d.is_error()) {
            return Err(Error::Internal(format!("danh mục cơ quan mở rộng không đọc lại được: {diags:?}")));
        }
        registry = extended;
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
    let mut written = write_all(&a.out, &imported, &agencies_text)?;
    // The report's letterhead and addressee: written once, then the user's.
    if !a.out.join(config::FILE).exists() {
        let draft = report_draft(&imported, &registry, &province);
        written.push(write_atomic(&a.out, config::FILE, draft.toml().as_bytes())?);
    }
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
    if let Some(fresh) = fresh {
        crate::say!("{fresh}");
    }
    if let Some(added) = added {
        crate::say!("{added}");
    }
    if let Some(new) = crate::plan::central::merged_into(naming::bare_province(&province)) {
        crate::say!(
            "Lưu ý: {} đã hợp nhất vào {} từ 01/7/2025 (Nghị quyết 202/2025/QH15) — báo cáo các kỳ từ ngày đó gửi \
             Ủy ban nhân dân {}: sửa `recipient` trong bao-cao.toml và tên các cơ quan trong co-quan.toml nếu cần.",
            naming::locality_name(naming::bare_province(&province)),
            naming::locality_name(new),
            naming::locality_name(new)
        );
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

/// The first report configuration of a plan: its standing agency issues
/// the report, under its superior, to whom the plan says it reports.
fn report_draft(imported: &import::Imported, registry: &Registry, province: &str) -> config::Draft {
    let plan = &imported.plan;
    // The appendices the plan has something for, then receipts and charts.
    let appendices: Vec<config::AppendixKind> = [
        (!imported.indicators.group.is_empty(), config::AppendixKind::Indicators),
        (!imported.tasks.group.is_empty(), config::AppendixKind::Tasks),
        (true, config::AppendixKind::Receipts),
        (true, config::AppendixKind::Charts),
    ]
    .into_iter()
    .filter_map(|(has, k)| has.then_some(k))
    .collect();
    let standing =
        AgencyId::parse(plan.standing_agency.get_ref()).and_then(|id| registry.agency(&id).cloned());
    let (name, kind) = match &standing {
        Some(a) => (a.name.clone(), a.kind),
        None => (plan.standing_agency.get_ref().clone(), naming::kind_of(plan.standing_agency.get_ref())),
    };
    let parent = match kind {
        AgencyKind::Ministry => String::new(),
        _ => {
            let issuer = plan.issuer.as_str();
            let short = ["Ủy ban nhân dân ", "Uỷ ban nhân dân "]
                .iter()
                .find_map(|p| issuer.strip_prefix(p))
                .map_or_else(|| issuer.to_owned(), |rest| format!("UBND {rest}"));
            short.to_uppercase()
        }
    };
    // A Party organ writes as the Party does: its committee above it, its
    // own name without the committee's («BAN TUYÊN GIÁO VÀ DÂN VẬN»).
    if naming::is_party_body(&name) {
        let committee = plan.issuer.as_str();
        let own = ["Tỉnh ủy", "Thành ủy", "Huyện ủy"]
            .iter()
            .find_map(|c| name.strip_suffix(&format!(" {c}")))
            .unwrap_or(&name);
        let (authority, signer_title) = match fold(own) {
            f if f.starts_with("ban ") => ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
            f if f.starts_with("van phong") => ("K/T CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
            f if f.starts_with("uy ban kiem tra") => ("K/T CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
            _ => ("", "THỦ TRƯỞNG CƠ QUAN"),
        };
        return config::Draft {
            style: config::Style::Party,
            appendices,
            parent: if naming::is_party_body(committee) { committee.to_uppercase() } else { String::new() },
            issuer: own.to_uppercase(),
            recipient: imported.reports_to.clone().unwrap_or_else(|| plan.issuer.clone()),
            authority: authority.into(),
            signer_title: signer_title.into(),
        };
    }
    // Signed by a deputy for the head, by the head's title as the body names it.
    let folded = fold(&name);
    let head = |prefixes: &[&str]| prefixes.iter().any(|p| folded.starts_with(p));
    let (authority, signer_title) = match kind {
        AgencyKind::Ministry => ("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"),
        _ if head(&["so ", "cong an "]) => ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        _ if head(&["van phong "]) => ("KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
        _ if head(&["cuc ", "tong cuc "]) => ("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"),
        _ if head(&["vu "]) => ("KT. VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG"),
        _ if head(&["ban "]) => ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        _ if head(&["uy ban nhan dan ", "ubnd "]) => ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        _ => ("", "THỦ TRƯỞNG CƠ QUAN"),
    };
    let mut recipient = imported.reports_to.clone().unwrap_or_else(|| plan.issuer.clone());
    // «Kính gửi» names the body in full.
    if let Some(rest) = recipient.strip_prefix("UBND ") {
        recipient = format!("Ủy ban nhân dân {rest}");
    }
    // «báo cáo Ủy ban nhân dân tỉnh»: the plan's own province.
    if !province.is_empty()
        && (fold(&recipient).ends_with(" tinh") || fold(&recipient).ends_with(" thanh pho"))
    {
        recipient = format!("{recipient} {}", naming::bare_province(province));
    }
    config::Draft {
        style: config::Style::State,
        appendices,
        parent,
        issuer: name.to_uppercase(),
        recipient,
        authority: authority.into(),
        signer_title: signer_title.into(),
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
