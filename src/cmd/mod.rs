//! One module per command, each with a `run` that returns the exit code.

use std::path::PathBuf;

use crate::period::Period;

/// The default folder of a period's outputs: `outputs/<kỳ>`.
pub fn period_dir(period: &Period) -> PathBuf {
    PathBuf::from("outputs").join(period.id())
}

/// The workbooks to read: those named, else the period's folder `inputs/<kỳ>`.
pub fn input_paths(paths: &[PathBuf], period: &Period) -> Vec<PathBuf> {
    if paths.is_empty() { vec![PathBuf::from("inputs").join(period.id())] } else { paths.to_vec() }
}

pub mod demo;
pub mod ingest;
pub mod plan_check;
pub mod plan_import;
pub mod plan_show;
pub mod remind;
pub mod report;
pub mod sign;
pub mod status;
pub mod template;
pub mod verify;
pub mod watch;
