//! Writing outputs atomically, only inside the folder the user chose; and
//! reading inputs that are ordinary files of a bounded size.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `dir/name` through a temporary file in `dir`, flushed
/// to the disk, and a rename, so that a reader never sees half a file and
/// an interrupted run or a power cut leaves the old file intact. `name`
/// must be a plain file name.
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
    write_file(dir, name, write, Flush::BeforeRename)
}

/// [`write_atomic`] for a file that running the command again makes again
/// (the demo's sample workbooks): as atomic for readers and for an
/// interrupted run, but not flushed to the disk before its rename, so a
/// power cut may lose it. One flush per file cost the three-period demo,
/// which writes 159 sample workbooks, about a tenth of its time.
pub fn write_atomic_unflushed(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, Error> {
    write_file(dir, name, |w| w.write_all(bytes), Flush::No)
}

/// Whether a file's bytes reach the disk before it takes its name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flush {
    BeforeRename,
    No,
}

fn write_file(
    dir: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    flush: Flush,
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
    if flush == Flush::BeforeRename {
        tmp.as_file().sync_all().map_err(|e| Error::write(&path, &e))?;
    }
    tmp.persist(&path).map_err(|e| Error::write(&path, &e.error))?;
    Ok(path)
}

/// Why an input file was not read.
#[derive(Debug)]
pub enum ReadRefusal {
    /// A FIFO, a device, a socket: reading it could hang or never end.
    NotAFile,
    /// Larger than the limit (its size in bytes).
    TooLarge(u64),
    Io(std::io::Error),
}

/// The bytes of an ordinary file of at most `limit` bytes. The kind of file
/// is checked before it is opened (opening a FIFO waits for a writer), and
/// no more than `limit` bytes are read whatever its size claims.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadRefusal> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(ReadRefusal::Io)?;
    if !meta.is_file() {
        return Err(ReadRefusal::NotAFile);
    }
    if meta.len() > limit {
        return Err(ReadRefusal::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(ReadRefusal::Io)?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadRefusal::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadRefusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_capped`] for a file the user named (a PDF to sign, a certificate,
/// a plan's text, an image): refusals as errors that name the file.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, Error> {
    read_capped(path, limit).map_err(|refusal| refused(path, refusal, limit))
}

/// An ordinary file opened for reading in pieces (hashing): a FIFO or a
/// device is refused before it is opened, since opening one can wait for
/// ever.
pub fn open_regular(path: &Path) -> Result<std::fs::File, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::read(path, &e))?;
    if !meta.is_file() {
        return Err(refused(path, ReadRefusal::NotAFile, 0));
    }
    std::fs::File::open(path).map_err(|e| Error::read(path, &e))
}

fn refused(path: &Path, refusal: ReadRefusal, limit: u64) -> Error {
    let reason = match refusal {
        ReadRefusal::NotAFile if path.is_dir() => "đây là thư mục, cần một tệp".to_owned(),
        ReadRefusal::NotAFile => {
            "không phải tệp thường (ống dẫn, thiết bị hay socket) — cần một tệp trên ổ đĩa".to_owned()
        }
        ReadRefusal::TooLarge(size) => format!(
            "tệp quá lớn ({} MiB, giới hạn {} MiB) — có chọn nhầm tệp không?",
            size.div_ceil(1 << 20),
            limit >> 20
        ),
        ReadRefusal::Io(e) => return Error::read(path, &e),
    };
    Error::Read { path: path.to_owned(), reason }
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

    #[test]
    fn reads_only_ordinary_files_up_to_a_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.bin");
        std::fs::write(&p, [1u8; 100]).unwrap();
        assert_eq!(read_capped(&p, 100).unwrap().len(), 100);
        assert!(matches!(read_capped(&p, 99), Err(ReadRefusal::TooLarge(100))));
        assert!(matches!(read_capped(dir.path(), 100), Err(ReadRefusal::NotAFile)));
        #[cfg(unix)]
        assert!(matches!(read_capped(Path::new("/dev/zero"), 100), Err(ReadRefusal::NotAFile)));
    }
}
