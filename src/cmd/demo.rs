//! `baocao demo`: the whole cycle on the bundled plan with sample answers.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};

use crate::archive::manifest::{FileEntry, Manifest};
use crate::args::DemoArgs;
use crate::error::{Error, exit};
use crate::fsx::{write_atomic, write_atomic_unflushed};
use crate::merge::{PeriodData, carry, history};
use crate::period::Period;
use crate::plan::agency::{Agency, AgencyKind, Registry};
use crate::plan::assign::assignments;
use crate::plan::files::{AGENCIES_FILE, PlanSource};
use crate::plan::ids::AgencyId;
use crate::plan::{Plan, load};
use crate::sample;
use crate::template::prefill::History;
use crate::template::{Blank, Context};

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

/// A demo writes into period folders the real cycle uses: it refuses one
/// that holds a real period's data (merged data or a manifest the demo did
/// not start).
fn check_is_ours(dir: &Path) -> Result<(), Error> {
    let ours = Manifest::load(dir)?.is_some_and(|m| m.files.iter().any(|w| w.by == BY));
    let real = dir.join(history::DATA_FILE).is_file() || dir.join(crate::archive::manifest::FILE).is_file();
    if real && !ours {
        return Err(Error::Write {
            path: dir.to_owned(),
            reason: "thư mục đã có số liệu của một kỳ báo cáo thật, không phải của lần chạy thử — chạy thử \
                     không ghi đè; hãy chọn thư mục khác, ví dụ --out outputs/chay-thu"
                .to_owned(),
        });
    }
    Ok(())
}

/// The folder of the sample signature and seal, beside the period folders.
pub const SAMPLE_IMAGES: &str = "mau-ky-so";

/// How the demo's own files are marked in a period's manifest.
const BY: &str = "demo";

/// What one period of the demo made.
struct Round {
    period: Period,
    base: PathBuf,
    data: PeriodData,
    templates: usize,
    sent: usize,
}

pub fn run(source: &PlanSource, a: &DemoArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let known = plan.registry.agencies().len();
    let plan = match a.agencies {
        Some(n) => with_sample_agencies(plan, n)?,
        None => plan,
    };
    for period in &a.period {
        check_is_ours(&a.out.join(period.id()))?;
    }
    let plan_dir = a.out.join("ke-hoach");
    let added = &plan.registry.agencies()[known..];
    if !added.is_empty() {
        write_plan(source, added, &plan_dir)?;
    }
    let config = crate::report::output::read_config(None, source)?;
    let shares = assignments(&plan);
    // Per period: a step per agency (template, sample answers), then the merge.
    let bar = ProgressBar::new(((shares.len() + 1) * a.period.len() + 1) as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    // Each period after the first is prefilled from, and compared with, the
    // one before it, as `ingest` would find it in its folder. A period's
    // report needs only its own data: it is laid out while the next period's
    // workbooks are made.
    let image_dir = a.out.join(SAMPLE_IMAGES);
    let (done, images) = std::thread::scope(|s| {
        // Sample images for trying `sign --as` on the demo's reports, drawn meanwhile.
        let drawn = s.spawn(|| -> Result<(PathBuf, PathBuf), Error> {
            let signature = write_atomic(&image_dir, "chu-ky.png", &super::sample_images::signature()?)?;
            Ok((signature, write_atomic(&image_dir, "con-dau.png", &super::sample_images::seal()?)?))
        });
        let mut reports = Vec::new();
        let mut last: Option<history::Found> = None;
        for (round, &period) in a.period.iter().enumerate() {
            bar.set_message(period.name());
            let previous = last.take().filter(|f| f.data.period.comes_before(&period));
            let made = one_period(&plan, (period, round), &previous, a, &shares, &bar)?;
            // The next period's previous: the data in hand, and the hash of the file written.
            let file = made.base.join(history::DATA_FILE);
            let (_, sha256) = crate::archive::sha256_file(&file)?;
            last = Some(history::Found { data: made.data.clone(), file: file.display().to_string(), sha256 });
            let (plan, config) = (&plan, &config);
            reports.push(s.spawn(move || {
                let written = crate::report::output::write_report(
                    plan,
                    &made.data,
                    config,
                    &made.base,
                    (None, None),
                    &crate::report::output::Format::ALL,
                    false,
                );
                (made, written)
            }));
        }
        bar.set_message("lập báo cáo");
        let lost = |what: &str| Error::Internal(format!("{what} chạy thử"));
        let done = reports
            .into_iter()
            .map(|h| h.join().map_err(|_| lost("lập báo cáo")))
            .collect::<Result<Vec<_>, Error>>()?;
        Ok::<_, Error>((done, drawn.join().map_err(|_| lost("vẽ ảnh chữ ký mẫu"))?))
    })?;
    let (signature, seal) = images?;
    bar.finish_and_clear();
    let first = done.first().map(|(r, _)| (r.period, r.base.clone()));
    for (r, w) in done {
        let w = w?;
        for warning in &w.warnings {
            crate::terminal::warn(warning);
        }
        let skipped = r.templates - r.sent;
        crate::say!(
            "Kỳ {}: {} biểu mẫu ({}), {} bài nộp mẫu ({}), {skipped} cơ quan không nộp; tổng hợp: {} lỗi, {} cảnh báo.",
            r.period.name(),
            r.templates,
            r.base.join("mau").display(),
            r.sent,
            r.base.join("nop").display(),
            r.data.error_count(),
            r.data.diagnostics.len() - r.data.error_count()
        );
        if let Some(p) = &r.data.previous {
            crate::say!("  điền sẵn và đối chiếu với kỳ trước: {}", p.period.name());
        }
        for f in
            ["tong-hop.json", "kiem-tra.txt", "kiem-tra.xlsx"].iter().map(|n| r.base.join(n)).chain(w.files)
        {
            crate::say!("  đã ghi {}", f.display());
        }
    }
    // The sample has mistakes on purpose: they are reported, the demo succeeds.
    crate::say!("Các lỗi, cảnh báo có chủ ý để minh họa (xem kiem-tra.txt của từng kỳ).");
    if !added.is_empty() {
        crate::say!(
            "Kế hoạch kèm {} xã mẫu: {} (dùng với --plan cho các lệnh ingest, report…)",
            added.len(),
            plan_dir.display()
        );
    }
    if let Some((period, base)) = first {
        crate::say!("Tiếp theo, thử: baocao remind --period {} --out {}", period.id(), base.display());
        let report = base.join(format!("bao-cao-{}.pdf", period.id()));
        crate::say!(
            "Ký số thử (cần tệp chứng thư .p12): baocao sign {} --as nguoi-ky --image {} --p12 …, rồi ký bản «-ky-so» với --as co-quan --image {}",
            report.display(),
            signature.display(),
            seal.display()
        );
    }
    Ok(exit::OK)
}

/// Templates, sample answers and merged data of one period of the demo.
fn one_period(
    plan: &Plan,
    (period, round): (Period, usize),
    previous: &Option<history::Found>,
    a: &DemoArgs,
    shares: &[crate::plan::assign::Assignment],
    bar: &ProgressBar,
) -> Result<Round, Error> {
    let base = a.out.join(period.id());
    let history = previous.as_ref().map(|f| History::new(&f.data));
    let ctx = Context { plan, period, deadline: period.default_deadline(), previous: history.as_ref() };
    use rayon::prelude::*;
    let made: Vec<Result<Vec<FileEntry>, Error>> = shares
        .par_iter()
        .enumerate()
        .map(|(i, share)| {
            let file = format!("{}.xlsx", share.agency.id);
            // The sample answers are typed into the template just made.
            let mut blank = Blank::new(&ctx, share)?;
            let template = blank.save(None)?;
            // Samples, made again by running the demo again: not flushed one by one.
            write_atomic_unflushed(&base.join("mau"), &file, &template)?;
            let mut files = vec![FileEntry::of_bytes(&format!("mau/{file}"), &template)];
            let answers = match &history {
                None => sample::submission(share, period, a.seed, i),
                Some(h) => sample::follow_up(share, period, a.seed, i, round, &h.prefill(share).entries),
            };
            if let Some(entries) = answers {
                let bytes = blank.save(Some(&entries))?;
                write_atomic_unflushed(&base.join("nop"), &file, &bytes)?;
                files.push(FileEntry::of_bytes(&format!("nop/{file}"), &bytes));
            }
            bar.inc(1);
            Ok(files)
        })
        .collect();
    let mut entries = Vec::new();
    for m in made {
        entries.extend(m?);
    }
    let sent = entries.iter().filter(|e| e.path.starts_with("nop/")).count();
    Manifest::add_entries(&base, &period.id(), entries, BY)?;
    // The plan in memory (with its sample communes, if any) reads the workbooks.
    let inputs = crate::intake::collect::read_all(plan, period, &[base.join("nop")])?;
    let mut data = crate::merge::merge(plan, period, period.default_deadline(), inputs);
    if let Some(found) = previous {
        carry::apply(plan, &mut data, &found.source());
    }
    super::ingest::write_outputs(plan, &data, &base)?;
    bar.inc(1);
    Ok(Round { period, base, data, templates: shares.len(), sent })
}
