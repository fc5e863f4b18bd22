//! `manifest.json`: what a period's report was made from and what it made,
//! run after run, with sizes and SHA-256 hashes.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::sha256_file;
use crate::error::Error;
use crate::fsx::write_atomic;

pub const FILE: &str = "manifest.json";
/// Version of the manifest's JSON shape.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the period folder for outputs; as given to `ingest` for inputs.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

impl FileEntry {
    /// Reads a file and records it under `name`.
    pub fn of(path: &Path, name: &str) -> Result<Self, Error> {
        let (size, sha256) = sha256_file(path)?;
        Ok(FileEntry { path: name.to_owned(), size, sha256 })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputEntry {
    #[serde(flatten)]
    pub file: FileEntry,
    pub agency: Option<String>,
    /// The "Ngày gửi báo cáo" of the workbook.
    pub sent_on: Option<String>,
    #[serde(rename = "use")]
    pub usage: String,
}

/// One report run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// 1 for the first report of the period, 2 for `…-v2`, …
    pub version: u32,
    pub tool: String,
    pub plan_code: String,
    pub plan_fingerprint: String,
    pub config: serde_json::Value,
    pub inputs: Vec<InputEntry>,
    /// The merged data and the validation report the report was made from.
    pub data: Vec<FileEntry>,
    pub outputs: Vec<FileEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub period: String,
    /// Oldest first.
    pub runs: Vec<Run>,
}

impl Manifest {
    /// The manifest of `dir`, if there is one.
    pub fn load(dir: &Path) -> Result<Option<Manifest>, Error> {
        let path = dir.join(FILE);
        if !path.is_file() {
            return Ok(None);
        }
        let text = crate::textfile::read_text(&path)?;
        serde_json::from_str(&text).map(Some).map_err(|e| Error::BadInput {
            path,
            what: format!("manifest.json không đọc được ({e}) — tệp có thể đã bị sửa"),
        })
    }

    /// Adds `run` unless the last run made the same outputs from the same data.
    pub fn record(dir: &Path, period: &str, run: Run) -> Result<PathBuf, Error> {
        let mut manifest = Manifest::load(dir)?.unwrap_or(Manifest {
            format: FORMAT,
            period: period.to_owned(),
            runs: Vec::new(),
        });
        let same = manifest.runs.last().is_some_and(|last| {
            last.outputs == run.outputs && last.data == run.data && last.inputs == run.inputs
        });
        if !same {
            manifest.runs.push(run);
        }
        let json =
            serde_json::to_string_pretty(&manifest).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
        write_atomic(dir, FILE, json.as_bytes())
    }
}

impl Manifest {
    /// Records `file` (written into `dir`, such as a signed copy of a report)
    /// as an output of the latest run. Returns false when `dir` has no
    /// manifest or no run.
    pub fn add_output(dir: &Path, file: &Path) -> Result<bool, Error> {
        let Some(mut manifest) = Manifest::load(dir)? else { return Ok(false) };
        let name = file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let entry = FileEntry::of(file, &name)?;
        let Some(last) = manifest.runs.last_mut() else { return Ok(false) };
        last.outputs.retain(|o| o.path != name);
        last.outputs.push(entry);
        let json =
            serde_json::to_string_pretty(&manifest).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
        write_atomic(dir, FILE, json.as_bytes())?;
        Ok(true)
    }
}

/// What `verify` found wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Changed(String),
    Missing(String),
    Added(String),
    /// There, but not an ordinary file that can be read (a FIFO, a device,
    /// no permission): the reason.
    Unreadable(String, String),
    /// An output recorded with a path that leaves the archive's folder: the
    /// manifest was edited by hand or by something else.
    Outside(String),
}

impl Finding {
    pub fn describe(&self) -> String {
        match self {
            Finding::Changed(p) => format!("đã thay đổi: {p} (mã băm SHA-256 khác lúc lập báo cáo)"),
            Finding::Missing(p) => format!("bị mất: {p}"),
            Finding::Added(p) => format!("thêm mới, không có trong manifest: {p}"),
            Finding::Unreadable(p, why) => format!("không đọc được để kiểm tra: {p} ({why})"),
            Finding::Outside(p) => format!(
                "manifest.json ghi tệp «{p}» nằm ngoài thư mục lưu trữ (đường dẫn tuyệt đối hoặc có «..») — \
                 manifest đã bị sửa tay hoặc bởi phần mềm khác; không kiểm tra tệp này"
            ),
        }
    }
}

fn check(entry: &FileEntry, path: &Path, found: &mut Vec<Finding>) {
    // A dangling link is there (and unreadable), not missing.
    if path.symlink_metadata().is_err() {
        found.push(Finding::Missing(entry.path.clone()));
        return;
    }
    match sha256_file(path) {
        Err(Error::Read { reason, .. }) => found.push(Finding::Unreadable(entry.path.clone(), reason)),
        Err(e) => found.push(Finding::Unreadable(entry.path.clone(), e.to_string())),
        Ok((size, sha256)) if sha256 != entry.sha256 || size != entry.size => {
            found.push(Finding::Changed(entry.path.clone()))
        }
        Ok(_) => {}
    }
}

/// [`check`] for a file the manifest places in the archive's folder: its
/// recorded path must be a plain file name there.
fn check_inside(entry: &FileEntry, dir: &Path, found: &mut Vec<Finding>) {
    let mut parts = Path::new(&entry.path).components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) => check(entry, &dir.join(&entry.path), found),
        _ => found.push(Finding::Outside(entry.path.clone())),
    }
}

/// Recomputes every hash. Outputs of every run must be intact (each against
/// the last run that wrote it); the data and
/// inputs of the latest run too (earlier runs' inputs may have been replaced
/// by newer submissions). Files in `dir` that no run lists are named.
/// Returns how many files were checked and what was found.
pub fn verify(dir: &Path) -> Result<(usize, Vec<Finding>), Error> {
    let manifest = Manifest::load(dir)?.ok_or_else(|| Error::Read {
        path: dir.join(FILE),
        reason: "không có manifest.json — thư mục chưa có báo cáo nào được lập".into(),
    })?;
    let mut found = Vec::new();
    let mut checked = 0;
    let mut listed: Vec<&str> = vec![FILE];
    // Newest first: a file replaced with `--force` is checked against the run that wrote it last.
    let mut seen: Vec<&str> = Vec::new();
    for run in manifest.runs.iter().rev() {
        for out in run.outputs.iter().chain(&run.data) {
            listed.push(&out.path);
        }
        for out in &run.outputs {
            if !seen.contains(&out.path.as_str()) {
                seen.push(&out.path);
                check_inside(out, dir, &mut found);
                checked += 1;
            }
        }
    }
    if let Some(last) = manifest.runs.last() {
        for d in &last.data {
            check_inside(d, dir, &mut found);
            checked += 1;
        }
        for input in &last.inputs {
            // Inputs are recorded as `ingest` was given them, relative to
            // where it ran; a path that is absolute or climbs with «..» was
            // written by something else and is not followed.
            let path = Path::new(&input.file.path);
            if path
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
            {
                check(&input.file, path, &mut found);
            } else {
                found.push(Finding::Outside(input.file.path.clone()));
            }
            checked += 1;
        }
    }
    found.dedup();
    let mut entries: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::read(dir, &e))?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    entries.sort();
    for name in entries {
        if !listed.contains(&name.as_str()) {
            found.push(Finding::Added(name));
        }
    }
    Ok((checked, found))
}
