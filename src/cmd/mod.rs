//! One module per command, each with a `run` that returns the exit code.

use std::path::PathBuf;

use crate::period::Period;

/// The default folder of a period's outputs: `outputs/<kỳ>`.
pub fn period_dir(period: &Period) -> PathBuf {
    PathBuf::from("outputs").join(period.id())
}

/// The folder that holds a project's period folders: the parent of a
/// period's output folder (`outputs` for `outputs/2025-H1`).
pub fn outputs_root(period_out: &std::path::Path) -> PathBuf {
    match period_out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The workbooks to read: those named, else the period's folder `inputs/<kỳ>`.
///
/// An absolute path inside the working folder is made relative to it: it is
/// how files are named in messages and recorded in `manifest.json`, whose
/// `verify` checks only paths that stay where the run was made.
pub fn input_paths(paths: &[PathBuf], period: &Period) -> Vec<PathBuf> {
    if paths.is_empty() {
        return vec![PathBuf::from("inputs").join(period.id())];
    }
    let here = std::env::current_dir().ok();
    paths
        .iter()
        .map(|p| match here.as_deref().and_then(|h| p.strip_prefix(h).ok()) {
            Some(rel) if !rel.as_os_str().is_empty() => rel.to_path_buf(),
            _ => p.clone(),
        })
        .collect()
}

pub mod demo;
pub mod ingest;
pub mod plan_check;
pub mod plan_import;
pub mod plan_show;
pub mod remind;
pub mod report;
pub mod sample_images;
pub mod sign;
pub mod status;
pub mod template;
pub mod verify;
pub mod watch;
