//! Finding the workbooks of a period and reading them all.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::merge::Inputs;
use crate::period::Period;
use crate::plan::Plan;

use super::read::{Outcome, read_bytes};

const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// Whether the file's extension is one calamine reads.
pub fn is_spreadsheet(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// The files named, with folders replaced by the spreadsheets they hold
/// (sorted by name). Other files in a folder are reported, not read; Excel's
/// lock files (`~$…`) and hidden files are passed over.
pub fn collect(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Error> {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::read(path, &e))?;
        if !meta.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| Error::read(path, &e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            if is_spreadsheet(&p) {
                files.push(p);
            } else {
                diags.push(Diagnostic::warning(
                    Location::file(p.display().to_string()),
                    "không phải bảng tính (.xlsx, .xlsm, .xls, .ods) — bỏ qua".to_owned(),
                ));
            }
        }
    }
    Ok((files, diags))
}

/// One file read once: its size and hash, and what its cells gave.
fn read_one(plan: &Plan, period: Period, file: &Path) -> (Option<(u64, String)>, Outcome) {
    let display = file.display().to_string();
    match std::fs::read(file) {
        Ok(bytes) => {
            let hash = (bytes.len() as u64, crate::archive::sha256_hex(&bytes));
            (Some(hash), read_bytes(&bytes, &display, plan, period))
        }
        Err(_) => (None, super::read::read(file, &display, plan, period)),
    }
}

/// Reads every workbook for `period`, several at a time (one per core).
/// The result is the same as reading them one after another, in file order.
pub fn read_all(plan: &Plan, period: Period, paths: &[PathBuf]) -> Result<Inputs, Error> {
    read_all_with(plan, period, paths, true)
}

/// `read_all`, in parallel or not (the tests compare the two).
pub fn read_all_with(
    plan: &Plan,
    period: Period,
    paths: &[PathBuf],
    parallel: bool,
) -> Result<Inputs, Error> {
    use rayon::prelude::*;
    let (files, general) = collect(paths)?;
    let results: Vec<(Option<(u64, String)>, Outcome)> = if parallel {
        files.par_iter().map(|f| read_one(plan, period, f)).collect()
    } else {
        files.iter().map(|f| read_one(plan, period, f)).collect()
    };
    let mut inputs = Inputs { read: Vec::new(), refused: Vec::new(), general, hashes: Default::default() };
    for (file, (hash, outcome)) in files.iter().zip(results) {
        if let Some(hash) = hash {
            inputs.hashes.insert(file.display().to_string(), hash);
        }
        match outcome {
            Outcome::Read(s) => inputs.read.push(s),
            Outcome::Refused { file, agency, diagnostics } => {
                inputs.refused.push((file, agency, diagnostics))
            }
        }
    }
    Ok(inputs)
}
