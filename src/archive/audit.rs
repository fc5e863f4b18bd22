//! `verify`: is the archive as its manifest recorded it? Every recorded
//! file against its hash, every file of the folder and its sub-folders
//! (hidden ones too) against the manifest, and the manifest's own hash
//! chain.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use super::manifest::{FILE, FileEntry, INPUT_CLIMB, Manifest};
use super::sha256_file;
use crate::error::Error;

/// What `verify` found wrong with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    Changed(String),
    Missing(String),
    Added(String),
    /// There, but not an ordinary file that can be read (a FIFO, a device,
    /// no permission): the reason.
    Unreadable(String, String),
    /// A path that leaves the archive's folder where it may not: the
    /// manifest was edited by hand or by something else.
    Outside(String),
    /// The manifest's hash chain breaks at this link (counted from 1): its
    /// history was rewritten.
    Chain(usize),
}

impl Finding {
    pub fn describe(&self) -> String {
        match self {
            Finding::Changed(p) => format!("đã thay đổi: {p} (mã băm SHA-256 khác lúc ghi)"),
            Finding::Missing(p) => format!("bị mất: {p}"),
            Finding::Added(p) => format!("thêm mới, không có trong manifest: {p}"),
            Finding::Unreadable(p, why) => format!("không đọc được để kiểm tra: {p} ({why})"),
            Finding::Outside(p) => format!(
                "manifest.json ghi tệp «{p}» nằm ngoài thư mục lưu trữ (đường dẫn tuyệt đối hoặc có «..») — \
                 manifest đã bị sửa tay hoặc bởi phần mềm khác; không kiểm tra tệp này"
            ),
            Finding::Chain(n) => format!(
                "chuỗi mã băm của manifest.json đứt ở mắt {n}: nội dung ghi trước đó đã bị sửa sau khi ghi"
            ),
        }
    }
}

/// What a verification found.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    pub checked: usize,
    pub found: Vec<Finding>,
    /// The newest link of the hash chain, to be noted elsewhere (the
    /// signing log, the letter sending the report): a manifest rewritten
    /// whole ends in another.
    pub head: Option<String>,
    /// Written before the chain existed (format 1).
    pub unchained: bool,
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

/// Where a recorded path is: inside the folder (plain names and folders),
/// or for an input, at most [`INPUT_CLIMB`] folders up from it, or as
/// given to an old `ingest` (relative, without `..`). `None`: the path
/// leaves where it may.
fn resolve(dir: &Path, path: &str, input: bool) -> Option<PathBuf> {
    let p = Path::new(path);
    let parts: Vec<Component> = p.components().collect();
    let climbs = parts.iter().take_while(|c| matches!(c, Component::ParentDir)).count();
    let rest_plain = parts[climbs..].iter().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if parts.is_empty() || !rest_plain {
        return None;
    }
    match (input, climbs) {
        (false, 0) => Some(dir.join(p)),
        (true, 1..) if climbs <= INPUT_CLIMB => Some(dir.join(p)),
        // Format 1 recorded inputs as given to `ingest`, from where it ran.
        (true, 0) if dir.join(p).exists() => Some(dir.join(p)),
        (true, 0) => Some(p.to_path_buf()),
        _ => None,
    }
}

fn check_at(dir: &Path, entry: &FileEntry, input: bool, found: &mut Vec<Finding>) {
    match resolve(dir, &entry.path, input) {
        Some(path) => check(entry, &path, found),
        None => found.push(Finding::Outside(entry.path.clone())),
    }
}

/// Recomputes every hash. Outputs of every run must be intact (each against
/// the last run that wrote it), the newest version of every written file
/// too; the data and inputs of the latest run (earlier runs' inputs may
/// have been replaced by newer submissions). Files in `dir` and below that
/// nothing lists are named.
pub fn verify(dir: &Path) -> Result<Audit, Error> {
    let manifest = Manifest::load(dir)?.ok_or_else(|| Error::Read {
        path: dir.join(FILE),
        reason: "không có manifest.json — thư mục chưa có báo cáo nào được lập".into(),
    })?;
    let mut audit = Audit::default();
    let found = &mut audit.found;
    let mut listed: HashSet<String> = HashSet::from([FILE.to_owned()]);
    // Newest first: a file written again is checked against its newest record.
    let mut seen: HashSet<&str> = HashSet::new();
    for run in manifest.runs.iter().rev() {
        listed.extend(run.outputs.iter().chain(&run.data).map(|o| o.path.clone()));
        for out in &run.outputs {
            if seen.insert(&out.path) {
                check_at(dir, out, false, found);
                audit.checked += 1;
            }
        }
    }
    for w in manifest.files.iter().rev() {
        listed.insert(w.file.path.clone());
        if seen.insert(&w.file.path) {
            check_at(dir, &w.file, false, found);
            audit.checked += 1;
        }
    }
    if let Some(last) = manifest.runs.last() {
        for d in &last.data {
            check_at(dir, d, false, found);
            audit.checked += 1;
        }
        for input in &last.inputs {
            check_at(dir, &input.file, true, found);
            // An input kept inside the archive is listed, not a stranger.
            listed.insert(input.file.path.clone());
            audit.checked += 1;
        }
    }
    found.dedup();
    for name in files_below(dir)? {
        // `watch` previews are not archived; they are made again at will.
        if !listed.contains(&name) && !name.ends_with("-xem-truoc.pdf") {
            found.push(Finding::Added(name));
        }
    }
    // The chain: each link again from what the manifest holds.
    audit.unchained = manifest.chain.is_empty();
    let mut previous = None;
    for (i, link) in manifest.chain.iter().enumerate() {
        if manifest.link(previous, link.runs, link.files).as_ref() != Some(link) {
            found.push(Finding::Chain(i + 1));
            break;
        }
        previous = Some(link);
    }
    let whole = manifest
        .chain
        .last()
        .is_some_and(|l| (l.runs, l.files) == (manifest.runs.len(), manifest.files.len()));
    if !audit.unchained && !whole {
        found.push(Finding::Chain(manifest.chain.len() + 1));
    }
    audit.head = manifest.chain.last().map(|l| l.sha256.clone());
    Ok(audit)
}

/// Every file below `dir`, hidden ones included, as `a/b.pdf`; links are
/// listed, not followed.
fn files_below(dir: &Path) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut folders = vec![(dir.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| Error::read(&folder, &e))?.flatten() {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            match entry.file_type() {
                Ok(t) if t.is_dir() => folders.push((entry.path(), format!("{name}/"))),
                _ => out.push(name),
            }
        }
    }
    out.sort();
    Ok(out)
}
