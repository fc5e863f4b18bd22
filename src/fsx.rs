//! Writing outputs: atomically, and only inside the folder the user chose.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `dir/name` through a temporary file in `dir` and a
/// rename, so that a reader never sees half a file and an interrupted run
/// leaves the old file intact. `name` must be a plain file name.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    write_atomic_with(dir, name, |w| w.write_all(bytes))
}

/// [`write_atomic`] for content made while it is written (a large JSON
/// file), so that it never has to be held in memory whole.
pub fn write_atomic_with(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<PathBuf, Error> {
    if name.is_empty() || name.contains(['/', '\\']) || name == "." || name == ".." {
        return Err(Error::Internal(format!("tên tệp đầu ra không hợp lệ: {name:?}")));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::write(dir, &e))?;
    let path = dir.join(name);
    let tmp =
        tempfile::Builder::new().prefix(".baocao-").tempfile_in(dir).map_err(|e| Error::write(dir, &e))?;
    let mut out = std::io::BufWriter::new(tmp);
    write(&mut out).map_err(|e| Error::write(&path, &e))?;
    let tmp = out.into_inner().map_err(|e| Error::write(&path, e.error()))?;
    // Temporary files are private (0600); an output is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::Permissions::from_mode(0o644);
        tmp.as_file().set_permissions(mode).map_err(|e| Error::write(&path, &e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::write(&path, &e))?;
    tmp.persist(&path).map_err(|e| Error::write(&path, &e.error))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a.txt", b"1").unwrap();
        let p = write_atomic(dir.path(), "a.txt", b"2").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"2");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_names_that_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for bad in ["../x", "a/b", "..", ""] {
            assert!(write_atomic(dir.path(), bad, b"x").is_err(), "{bad}");
        }
    }
}
