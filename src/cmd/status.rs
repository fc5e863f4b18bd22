//! `baocao status --period P`: who sent, who is late, what is overdue.

use crate::args::IngestArgs;
use crate::error::{Error, exit};
use crate::merge::{Consolidated, Receipt};
use crate::plan::files::PlanSource;
use crate::terminal::{pad, shorten};
use crate::vn;

use super::ingest::gather;

pub fn run(source: &PlanSource, a: &IngestArgs) -> Result<u8, Error> {
    let (plan, data) = gather(source, a)?;
    let (from, to) = a.period.cutoff();
    crate::say!(
        "Kỳ {} (số liệu {}–{}), hạn gửi {}",
        a.period.name(),
        vn::date(from),
        vn::date(to),
        vn::date(data.deadline)
    );
    crate::say!();
    crate::say!(
        "  {} {} {} {:>10} {:>6} {:>9}",
        pad("Cơ quan", 44),
        pad("Tình trạng", 10),
        pad("Ngày gửi", 10),
        "Nhiệm vụ",
        "Lỗi",
        "Cảnh báo"
    );
    for r in [Receipt::OnTime, Receipt::Late, Receipt::Missing] {
        for x in data.agencies.iter().filter(|x| x.receipt == r) {
            crate::say!(
                "  {} {} {} {:>10} {:>6} {:>9}",
                pad(&x.name, 44),
                pad(r.label(), 10),
                pad(&x.sent_on.map(vn::date).unwrap_or_else(|| "—".into()), 10),
                format!("{}/{}", x.tasks_answered, x.tasks_expected),
                x.errors,
                x.warnings
            );
        }
    }
    let count = |r: Receipt| data.agencies.iter().filter(|x| x.receipt == r).count();
    crate::say!(
        "\nĐúng hạn {}, chậm {}, chưa gửi {} / {} cơ quan. Lỗi {}, cảnh báo {}.",
        count(Receipt::OnTime),
        count(Receipt::Late),
        count(Receipt::Missing),
        data.agencies.len(),
        data.error_count(),
        data.diagnostics.len() - data.error_count()
    );
    let overdue: Vec<_> = data.tasks.iter().filter(|t| t.status == Consolidated::Overdue).collect();
    crate::say!("\nNhiệm vụ quá hạn: {}", overdue.len());
    for t in overdue {
        let lead = t.lead.iter().map(|id| plan.agency_name(id)).collect::<Vec<_>>().join("; ");
        crate::say!(
            "  {:>3}. {} — {} (hạn: {})",
            t.number.to_string(),
            shorten(&t.name, 70),
            lead,
            t.deadline.printed()
        );
    }
    Ok(exit::OK)
}
