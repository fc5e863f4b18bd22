//! `baocao ingest --period P`: read, check and merge the returned workbooks.

use std::path::PathBuf;

use crate::args::IngestArgs;
use crate::error::{Error, exit};
use crate::fsx::{write_atomic, write_atomic_with};
use crate::intake::{collect, findings};
use crate::merge::{FileUse, PeriodData, carry, history, merge};
use crate::plan::files::PlanSource;
use crate::plan::{Plan, load};

use super::period_dir;

/// Reads and merges the period's workbooks (shared with `status`), against
/// the previous period's data when there is one.
pub fn gather(source: &PlanSource, a: &IngestArgs) -> Result<(Plan, PeriodData), Error> {
    let plan = load::load(source)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    let previous = history::find(&super::outputs_root(&out), &plan, a.period, a.history.choice())?;
    let paths = super::input_paths(&a.paths, &a.period);
    let inputs = collect::read_all(&plan, a.period, &paths)?;
    let deadline = a.deadline.unwrap_or_else(|| a.period.default_deadline());
    let mut data = merge(&plan, a.period, deadline, inputs);
    if let Some(found) = &previous {
        carry::apply(&plan, &mut data, &found.source());
        crate::say!("Đối chiếu với kỳ trước: {}", found.describe());
    }
    Ok((plan, data))
}

/// Writes the merged data and the validation report into `out`. The
/// reports are made before anything is written, so that a failure leaves
/// the previous run's three files as they were, not a mix of two runs.
pub fn write_outputs(plan: &Plan, data: &PeriodData, out: &std::path::Path) -> Result<[PathBuf; 3], Error> {
    let standing = plan.agency_name(&plan.info.standing_agency).to_owned();
    let text = findings::text(data, &plan.info.issuer);
    let workbook = findings::workbook(data, &standing)?;
    // Written as it is serialised: at national scale the file is hundreds of megabytes.
    let json = write_atomic_with(out, "tong-hop.json", |w| {
        serde_json::to_writer_pretty(w, data).map_err(std::io::Error::other)
    })?;
    Ok([
        json,
        write_atomic(out, "kiem-tra.txt", text.as_bytes())?,
        write_atomic(out, "kiem-tra.xlsx", &workbook)?,
    ])
}

pub fn run(source: &PlanSource, a: &IngestArgs) -> Result<u8, Error> {
    crate::budget::doing_now("đọc các tệp nộp về");
    let (plan, data) = gather(source, a)?;
    let out = a.out.clone().unwrap_or_else(|| period_dir(&a.period));
    crate::budget::doing_now("ghi tệp tổng hợp");
    let written = write_outputs(&plan, &data, &out)?;
    let errors = data.error_count();
    let shown = 40;
    for d in data.diagnostics.iter().filter(|d| d.is_error()).take(shown) {
        eprintln!("{d}");
    }
    if errors > shown {
        eprintln!("… và {} lỗi khác (xem kiem-tra.txt).", errors - shown);
    }
    let used = data.files.iter().filter(|f| f.usage == FileUse::Used).count();
    let refused = data.files.iter().filter(|f| f.usage == FileUse::Refused).count();
    let missing = data.agencies.iter().filter(|x| x.file.is_none()).count();
    crate::say!(
        "Kỳ {}: đọc {} tệp ({used} được tổng hợp, {refused} không dùng được); {} cơ quan chưa gửi; {errors} lỗi, {} cảnh báo.",
        a.period.name(),
        data.files.len(),
        missing,
        data.diagnostics.len() - errors
    );
    for p in written {
        crate::say!("  đã ghi {}", p.display());
    }
    Ok(if errors > 0 { exit::DATA } else { exit::OK })
}
