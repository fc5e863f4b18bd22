//! Finding the workbooks of a period and reading them all.
//!
//! Clerks and mail clients save attachments into a folder per agency, so a
//! period's folder is walked with its sub-folders; the folders' names are
//! kept (a folder named after an agency says whose a file is). Every entry
//! that is not read is listed with why.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::fsx::ReadRefusal;
use crate::merge::Inputs;
use crate::period::Period;
use crate::plan::Plan;

use super::read::{Against, Outcome, read_in};
use crate::book::Format;

/// Folders deeper than this under the one named are not walked: a link
/// loop or a copied archive, not a clerk's filing.
const DEPTH: usize = 8;

/// Whether the file's extension is one calamine reads.
pub fn is_spreadsheet(p: &Path) -> bool {
    Format::of(p).is_some()
}

/// A file to read: its path, and the folders between the one the user named
/// and the file.
#[derive(Debug, Clone)]
pub struct Found {
    pub path: PathBuf,
    pub folders: Vec<String>,
}

/// The files named, with folders replaced by the spreadsheets they hold,
/// sub-folders included (sorted by path). What is not read is reported.
pub fn collect(paths: &[PathBuf]) -> Result<(Vec<Found>, Vec<Diagnostic>), Error> {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| Error::read(path, &e))?;
        if meta.is_dir() {
            walk(path, &mut Vec::new(), &mut files, &mut diags).map_err(|e| Error::read(path, &e))?;
        } else if meta.is_file() {
            files.push(Found { path: path.clone(), folders: Vec::new() });
        } else {
            diags.push(Diagnostic::error(
                Location::file(path.display().to_string()),
                "không phải tệp thường (ống dẫn, thiết bị…) — không đọc; hãy chỉ ra tệp bảng tính hoặc thư mục chứa chúng".to_owned(),
            ));
        }
    }
    Ok((files, diags))
}

fn skip(diags: &mut Vec<Diagnostic>, p: &Path, why: &str) {
    diags.push(Diagnostic::warning(Location::file(p.display().to_string()), format!("{why} — bỏ qua")));
}

fn walk(
    dir: &Path,
    folders: &mut Vec<String>,
    files: &mut Vec<Found>,
    diags: &mut Vec<Diagnostic>,
) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let Ok(link) = std::fs::symlink_metadata(&p) else {
            skip(diags, &p, "không đọc được thông tin tệp");
            continue;
        };
        // Links are followed to files only: a link to a folder may loop.
        let is_link = link.file_type().is_symlink();
        let meta = if is_link { std::fs::metadata(&p).ok() } else { Some(link) };
        let Some(meta) = meta else {
            skip(diags, &p, "liên kết trỏ tới tệp không còn tồn tại");
            continue;
        };
        if name.starts_with("~$") {
            skip(
                diags,
                &p,
                "tệp khóa tạm của Excel/LibreOffice (tệp gốc đang được mở) — nếu thiếu tệp gốc, hãy đóng chương trình rồi chép lại",
            );
        } else if name.starts_with('.') {
            skip(diags, &p, "tệp hoặc thư mục ẩn (tên bắt đầu bằng dấu chấm)");
        } else if meta.is_dir() {
            if is_spreadsheet(&p) {
                diags.push(Diagnostic::warning(
                    Location::file(p.display().to_string()),
                    "là một thư mục, không phải tệp bảng tính, dù tên có đuôi của bảng tính — các tệp bên trong vẫn được đọc".to_owned(),
                ));
            }
            if is_link {
                skip(diags, &p, "liên kết tới thư mục (không đi theo, để tránh vòng lặp)");
            } else if folders.len() >= DEPTH {
                skip(diags, &p, &format!("thư mục lồng quá {DEPTH} cấp"));
            } else {
                folders.push(name);
                walk(&p, folders, files, diags)?;
                folders.pop();
            }
        } else if !meta.is_file() {
            skip(diags, &p, "không phải tệp thường (thiết bị, ống dẫn…)");
        } else if is_spreadsheet(&p) {
            if is_link {
                // Said, because the file read is not where the folder is: its
                // content (and hash in the manifest) is the target's.
                let target = std::fs::canonicalize(&p).map(|t| t.display().to_string()).unwrap_or_default();
                diags.push(Diagnostic::warning(
                    Location::file(p.display().to_string()),
                    format!("là liên kết tới «{target}» — đã đọc tệp đích; nếu đó không phải biểu mẫu của kỳ này, hãy xóa liên kết"),
                ));
            }
            files.push(Found { path: p, folders: folders.clone() });
        } else {
            skip(diags, &p, "không phải bảng tính (.xlsx, .xlsm, .xls, .ods)");
        }
    }
    Ok(())
}

/// The largest workbook read: a returned form is well under a megabyte; a
/// hand-made one with thousands of rows, a few.
pub const FILE_LIMIT: u64 = 64 << 20;

/// One file read once: its size and hash, and what its cells gave. A
/// reader that panics on a malformed file costs that file, not the run.
fn read_one(against: &Against, file: &Found) -> (Option<(u64, String)>, Outcome) {
    let display = file.path.display().to_string();
    let refused = |message: String| Outcome::Refused {
        file: display.clone(),
        agencies: Vec::new(),
        diagnostics: vec![Diagnostic::error(Location::file(&display), message)],
    };
    let bytes = match crate::fsx::read_capped(&file.path, FILE_LIMIT) {
        Ok(b) => b,
        Err(ReadRefusal::NotAFile) => return (None, refused("không phải tệp thường — không đọc".to_owned())),
        Err(ReadRefusal::TooLarge(n)) => {
            return (
                None,
                refused(format!(
                    "tệp quá lớn ({} MiB; chương trình đọc tệp đến {} MiB) — biểu mẫu điền đúng chỉ vài trăm KB: hãy xóa các trang, hình ảnh thừa rồi lưu lại",
                    n >> 20,
                    FILE_LIMIT >> 20
                )),
            );
        }
        Err(ReadRefusal::Io(e)) => return (None, refused(format!("không đọc được tệp ({e})"))),
    };
    let hash = (bytes.len() as u64, crate::archive::sha256_hex(&bytes));
    let outcome = read_in(&bytes, &display, &file.folders, against);
    (Some(hash), outcome)
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
    let against = Against::new(plan, period);
    let results: Vec<(Option<(u64, String)>, Outcome)> = if parallel {
        files.par_iter().map(|f| read_one(&against, f)).collect()
    } else {
        files.iter().map(|f| read_one(&against, f)).collect()
    };
    let mut inputs = Inputs { read: Vec::new(), refused: Vec::new(), general, hashes: Default::default() };
    for (file, (hash, outcome)) in files.iter().zip(results) {
        if let Some(hash) = hash {
            inputs.hashes.insert(file.path.display().to_string(), hash);
        }
        match outcome {
            Outcome::Read(s) => inputs.read.push(s),
            Outcome::Refused { file, agencies, diagnostics } => {
                inputs.refused.push((file, agencies, diagnostics))
            }
        }
    }
    Ok(inputs)
}
