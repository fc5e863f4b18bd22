//! `baocao demo`: the whole cycle on the bundled plan with sample answers.

use crate::args::{DemoArgs, IngestArgs};
use crate::error::{Error, exit};
use crate::fsx::write_atomic;
use crate::plan::assign::assignments;
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::sample::{self, Quirk, Rng};
use crate::template::{Context, workbook};

/// Which agencies (by position) skip, send late, make mistakes or type in
/// a legacy encoding: every few agencies, so each case shows up.
fn quirk_of(i: usize) -> Option<Option<Quirk>> {
    match i % 9 {
        4 => None,
        2 => Some(Some(Quirk::Late)),
        5 => Some(Some(Quirk::Mistakes)),
        7 => Some(Some(Quirk::LegacyText)),
        _ => Some(None),
    }
}

pub fn run(source: &PlanSource, a: &DemoArgs) -> Result<u8, Error> {
    let plan = load::load(source)?;
    let period = a.period;
    let base = a.out.join(period.id());
    let ctx = Context { plan: &plan, period, deadline: period.default_deadline() };
    let mut rng = Rng::new(a.seed);
    let shares = assignments(&plan);
    let (mut sent, mut skipped) = (0, 0);
    for (i, share) in shares.iter().enumerate() {
        let file = format!("{}.xlsx", share.agency.id);
        write_atomic(&base.join("mau"), &file, &workbook(&ctx, share, None)?)?;
        let mut entries = sample::entries(share, period, &mut rng);
        match quirk_of(i) {
            None => {
                skipped += 1;
                continue;
            }
            Some(Some(q)) => sample::apply(&mut entries, q, &mut rng),
            Some(None) => {}
        }
        write_atomic(&base.join("nop"), &file, &workbook(&ctx, share, Some(&entries))?)?;
        sent += 1;
    }
    crate::say!(
        "Đã tạo {} biểu mẫu ({}) và {sent} bài nộp mẫu ({}); {skipped} cơ quan không nộp.",
        shares.len(),
        base.join("mau").display(),
        base.join("nop").display()
    );
    let ingest =
        IngestArgs { paths: vec![base.join("nop")], period, out: Some(base.clone()), deadline: None };
    // The sample has mistakes on purpose: they are reported, the demo succeeds.
    super::ingest::run(source, &ingest)?;
    Ok(exit::OK)
}
