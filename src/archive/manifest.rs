//! `manifest.json`: what a period's report was made from and what every
//! command wrote into the period's folder (reports, templates, reminder
//! letters, signed copies), run after run, with sizes and SHA-256 hashes,
//! and a hash chain over its own history. `audit` checks an archive
//! against it.

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{sha256_file, sha256_hex};
use crate::error::Error;
use crate::fsx::write_atomic;

pub const FILE: &str = "manifest.json";
/// Version of the manifest's JSON shape: 2 added `files` and `chain`, and
/// paths relative to the period folder.
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Relative to the period folder (`bao-cao-2025-H1.pdf`,
    /// `don-doc/stc.pdf`); inputs from beside it start with `../`.
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

    /// Records bytes just written as `name`, without reading them again.
    pub fn of_bytes(name: &str, bytes: &[u8]) -> Self {
        FileEntry { path: name.to_owned(), size: bytes.len() as u64, sha256: sha256_hex(bytes) }
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

/// A file another command wrote into the period folder. Every version is
/// kept, oldest first; the newest of a path is what the folder must hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    #[serde(flatten)]
    pub file: FileEntry,
    /// The command: `template`, `remind`, `sign`.
    pub by: String,
}

/// One link of the manifest's hash chain: made each time the manifest
/// changes, over the previous link and everything recorded so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// How many runs and written files it covers.
    pub runs: usize,
    pub files: usize,
    pub sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub period: String,
    /// Oldest first.
    pub runs: Vec<Run>,
    #[serde(default)]
    pub files: Vec<Written>,
    /// Oldest first. Empty in a manifest written before format 2.
    #[serde(default)]
    pub chain: Vec<Link>,
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

    fn load_or_new(dir: &Path, period: &str) -> Result<Manifest, Error> {
        Ok(Manifest::load(dir)?.unwrap_or(Manifest {
            format: FORMAT,
            period: period.to_owned(),
            runs: Vec::new(),
            files: Vec::new(),
            chain: Vec::new(),
        }))
    }

    /// The link that covers the first `runs` runs and `files` files, after `previous`.
    pub fn link(&self, previous: Option<&Link>, runs: usize, files: usize) -> Option<Link> {
        let content =
            serde_json::to_vec(&(&self.period, self.runs.get(..runs)?, self.files.get(..files)?)).ok()?;
        let mut bytes = previous.map(|l| l.sha256.clone().into_bytes()).unwrap_or_default();
        bytes.extend_from_slice(&content);
        Some(Link { runs, files, sha256: sha256_hex(&bytes) })
    }

    /// Extends the chain over what was added, and writes the manifest.
    fn save(mut self, dir: &Path) -> Result<PathBuf, Error> {
        self.format = FORMAT;
        let covered = self.chain.last().map(|l| (l.runs, l.files));
        if covered != Some((self.runs.len(), self.files.len())) {
            let link = self
                .link(self.chain.last(), self.runs.len(), self.files.len())
                .ok_or_else(|| Error::Internal("chuỗi mã băm của manifest".into()))?;
            self.chain.push(link);
        }
        let json = serde_json::to_string_pretty(&self).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
        write_atomic(dir, FILE, json.as_bytes())
    }

    /// Adds `run` unless the last run made the same outputs from the same data.
    pub fn record(dir: &Path, period: &str, run: Run) -> Result<PathBuf, Error> {
        let mut manifest = Manifest::load_or_new(dir, period)?;
        let same = manifest.runs.last().is_some_and(|last| {
            last.outputs == run.outputs && last.data == run.data && last.inputs == run.inputs
        });
        if !same {
            manifest.runs.push(run);
        }
        manifest.save(dir)
    }

    /// Records `files`, written by the command `by` inside `dir` (the
    /// period folder), unless the newest entry of each already holds
    /// these bytes. Starts the manifest if there is none (templates come
    /// before any report).
    pub fn add_written(dir: &Path, period: &str, files: &[PathBuf], by: &str) -> Result<PathBuf, Error> {
        let entries = files
            .iter()
            .map(|file| {
                let name = inside(dir, file).ok_or_else(|| {
                    Error::Internal(format!("{} không nằm trong {}", file.display(), dir.display()))
                })?;
                FileEntry::of(file, &name)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Manifest::add_entries(dir, period, entries, by)
    }

    /// [`Manifest::add_written`] for files already hashed, named from `dir`.
    pub fn add_entries(
        dir: &Path,
        period: &str,
        entries: Vec<FileEntry>,
        by: &str,
    ) -> Result<PathBuf, Error> {
        let mut manifest = Manifest::load_or_new(dir, period)?;
        // The newest entry of each path (a ministry writes thousands of files).
        let newest: std::collections::HashMap<String, FileEntry> =
            manifest.files.iter().map(|w| (w.file.path.clone(), w.file.clone())).collect();
        for entry in entries {
            if newest.get(&entry.path) != Some(&entry) {
                manifest.files.push(Written { file: entry, by: by.to_owned() });
            }
        }
        manifest.save(dir)
    }
}

/// `file`'s path inside `dir`, with `/` between folders, if it is inside.
pub fn inside(dir: &Path, file: &Path) -> Option<String> {
    let absolute = |p: &Path| std::path::absolute(p).ok().map(|p| normalise(&p));
    let rel = absolute(file)?.strip_prefix(absolute(dir)?).ok()?.to_path_buf();
    let parts: Vec<String> = rel
        .components()
        .map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// A path with `.` and `..` resolved by their names (no links followed).
fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// How far an input may lie from the period folder and still be named
/// from it: `outputs/2025-H1` and `inputs/2025-H1` side by side.
pub const INPUT_CLIMB: usize = 2;

/// How an input is recorded: from the period folder (`../../inputs/2025-H1/
/// stc.xlsx`) when it lies at most [`INPUT_CLIMB`] folders up, so that the
/// project copied elsewhere verifies from anywhere; else as given.
pub fn input_name(period_dir: &Path, input: &str) -> String {
    let (Ok(dir), Ok(file)) = (std::path::absolute(period_dir), std::path::absolute(input)) else {
        return input.to_owned();
    };
    let (dir, file) = (normalise(&dir), normalise(&file));
    for up in 0..=INPUT_CLIMB {
        let base: PathBuf = dir.ancestors().nth(up).map(Path::to_path_buf).unwrap_or_default();
        if let Some(rel) = inside(&base, &file) {
            return "../".repeat(up) + &rel;
        }
    }
    input.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_named_from_the_period_folder_when_near() {
        let here = std::env::current_dir().unwrap();
        let period = here.join("outputs/2025-H1");
        assert_eq!(input_name(&period, "inputs/2025-H1/stc.xlsx"), "../../inputs/2025-H1/stc.xlsx");
        assert_eq!(input_name(&period, "outputs/2025-H1/nop/a.xlsx"), "nop/a.xlsx");
        assert_eq!(input_name(&period, "/elsewhere/far/away.xlsx"), "/elsewhere/far/away.xlsx");
        assert_eq!(inside(&period, &period.join("don-doc/stc.pdf")).as_deref(), Some("don-doc/stc.pdf"));
        assert_eq!(inside(&period, &here.join("x.pdf")), None);
    }
}
