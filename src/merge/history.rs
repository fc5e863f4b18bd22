//! Where the previous period's data is: a project keeps each period's
//! merged data in a folder named after it (`outputs/2025-H1/tong-hop.json`),
//! so the one before a period is the sibling folder of the latest period
//! that comes before it, for the same plan.

use std::path::{Path, PathBuf};

use super::PeriodData;
use crate::error::Error;
use crate::period::Period;
use crate::plan::Plan;

/// The merged data's file name in a period's folder.
pub const DATA_FILE: &str = "tong-hop.json";

/// What the user asked for (`--previous`, `--no-previous`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The latest earlier period of the same plan found beside this one.
    Auto,
    Given(Period),
    Off,
}

/// A previous period's data, read.
pub struct Found {
    pub data: PeriodData,
    /// `tong-hop.json` as named in messages.
    pub file: String,
    pub sha256: String,
}

impl Found {
    pub fn source(&self) -> super::carry::Source<'_> {
        super::carry::Source { data: &self.data, file: self.file.clone(), sha256: self.sha256.clone() }
    }

    /// `6 tháng đầu năm 2025 (outputs/2025-H1/tong-hop.json)`.
    pub fn describe(&self) -> String {
        format!("{} ({})", self.data.period.name(), self.file)
    }
}

/// Reads a period's merged data, with the SHA-256 of the file.
pub fn read(path: &Path) -> Result<(PeriodData, String), Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, &e))?;
    let data: PeriodData = serde_json::from_slice(&bytes).map_err(|e| Error::BadInput {
        path: path.to_owned(),
        what: format!("tệp tổng hợp không đọc được ({e}) — chạy lại `baocao ingest` cho kỳ của tệp này"),
    })?;
    Ok((data, crate::archive::sha256_hex(&bytes)))
}

/// The previous period's data for `current`, whose outputs go to
/// `root/<kỳ>`: `None` when there is none (or `Choice::Off`).
pub fn find(root: &Path, plan: &Plan, current: Period, choice: Choice) -> Result<Option<Found>, Error> {
    match choice {
        Choice::Off => Ok(None),
        Choice::Given(p) => {
            if !p.comes_before(&current) {
                return Err(Error::Usage(format!(
                    "--previous {}: kỳ {} không kết thúc trước kỳ {} — cần một kỳ đã báo cáo trước kỳ này",
                    p.id(),
                    p.name(),
                    current.name()
                )));
            }
            let path = root.join(p.id()).join(DATA_FILE);
            if !path.is_file() {
                return Err(Error::Read {
                    path,
                    reason: format!(
                        "chưa có số liệu tổng hợp của kỳ {} — chạy `baocao ingest --period {}` cho kỳ đó trước, hoặc bỏ --previous",
                        p.name(),
                        p.id()
                    ),
                });
            }
            let found = open(&path)?;
            if found.data.plan.code != plan.info.code {
                return Err(Error::Usage(format!(
                    "{} là số liệu của kế hoạch {}, không phải kế hoạch {}",
                    found.file, found.data.plan.code, plan.info.code
                )));
            }
            Ok(Some(found))
        }
        Choice::Auto => {
            for (_, path) in candidates(root, current) {
                let found = open(&path)?;
                if found.data.plan.code == plan.info.code {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        }
    }
}

/// Reads the merged data at `path`.
fn open(path: &Path) -> Result<Found, Error> {
    let (data, sha256) = read(path)?;
    Ok(Found { data, file: path.display().to_string(), sha256 })
}

/// The period folders beside `current`'s with merged data, the most
/// recent first (of two ending the same day, the longer).
fn candidates(root: &Path, current: Period) -> Vec<(Period, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(root) else { return Vec::new() };
    let mut found: Vec<(Period, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let period = Period::parse(&e.file_name().to_string_lossy()).ok()?;
            // A folder name is only a period if it is that period's own id.
            (period.id() == e.file_name().to_string_lossy() && period.comes_before(&current))
                .then(|| (period, e.path().join(DATA_FILE)))
        })
        .filter(|(_, p)| p.is_file())
        .collect();
    found.sort_by_key(|(p, _)| std::cmp::Reverse((p.cutoff().1, p.days())));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_come_most_recent_first() {
        let dir = std::env::temp_dir().join(format!("baocao-history-{}", std::process::id()));
        for p in ["2025-H1", "2025-H2", "2025", "2026-H1", "2024", "khac", "2025-h1"] {
            std::fs::create_dir_all(dir.join(p)).unwrap();
            std::fs::write(dir.join(p).join(DATA_FILE), "{}").unwrap();
        }
        let order = |current: &str| -> Vec<String> {
            candidates(&dir, Period::parse(current).unwrap()).iter().map(|(p, _)| p.id()).collect()
        };
        assert_eq!(order("2026-H1"), ["2025", "2025-H2", "2025-H1", "2024"]);
        assert_eq!(order("2025"), ["2025-H2", "2025-H1", "2024"]);
        assert_eq!(order("2025-H1"), ["2024"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
