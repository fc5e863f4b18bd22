//! `baocao plan check [DIR]`: everything wrong with plan files a person edited.

use crate::error::{Error, exit};
use crate::plan::files::PlanSource;
use crate::plan::load;
use crate::terminal;

pub fn run(source: &PlanSource) -> Result<u8, Error> {
    let (plan, diags) = load::check(source)?;
    terminal::report(&diags);
    match plan {
        Some(plan) if !diags.iter().any(|d| d.is_error()) => {
            crate::say!(
                "Kế hoạch {} ở {} hợp lệ: {} chỉ tiêu, {} nhiệm vụ, {} cơ quan, {} nhóm cơ quan.",
                plan.info.code,
                source.describe(),
                plan.indicators().count(),
                plan.tasks().count(),
                plan.registry.agencies().len(),
                plan.registry.groups().len()
            );
            Ok(exit::OK)
        }
        _ => {
            crate::say!(
                "Kế hoạch ở {} còn lỗi (xem trên); sửa rồi chạy lại `baocao plan check`.",
                source.describe()
            );
            Ok(exit::DATA)
        }
    }
}
