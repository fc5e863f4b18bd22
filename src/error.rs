//! Errors that stop a command, with the Vietnamese message a user reads and
//! the exit code the shell sees.

use std::io;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything was done; warnings may have been shown.
    pub const OK: u8 = 0;
    /// The input was read, but it has errors (listed); outputs may be partial.
    pub const DATA: u8 = 1;
    /// The command line is wrong.
    pub const USAGE: u8 = 2;
    /// An input could not be read at all (missing, empty, not text, not a plan).
    pub const INPUT: u8 = 3;
    /// An output could not be written (or would overwrite a file).
    pub const OUTPUT: u8 = 4;
    /// A fault of the program itself.
    /// The run passed its memory or time limit (`budget`).
    pub const LIMIT: u8 = 5;
    pub const INTERNAL: u8 = 70;
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("không đọc được {}: {reason}", path.display())]
    Read { path: PathBuf, reason: String },
    #[error("{}: tệp trống — cần nội dung văn bản", path.display())]
    Empty { path: PathBuf },
    #[error("{}: không phải tệp văn bản (có byte 0, có thể là tệp nhị phân, ảnh, PDF hay Word) — cần tệp văn bản .txt mã UTF-8", path.display())]
    Binary { path: PathBuf },
    #[error(
        "{} › dòng {line}: văn bản không ở mã Unicode UTF-8 (có thể là TCVN3/ABC, VNI hoặc Windows-1258) — hãy mở tệp và lưu lại với mã UTF-8",
        path.display()
    )]
    Encoding { path: PathBuf, line: usize },
    #[error("{}: {what}", path.display())]
    BadInput { path: PathBuf, what: String },
    #[error("{file}: cấu hình báo cáo có lỗi — xem mục «Cấu hình báo cáo» trong README")]
    InvalidConfig { file: String, errors: Vec<Diagnostic> },
    #[error("kế hoạch ở {source_name} có {} lỗi — chạy `baocao plan check` để xem và sửa", errors.len())]
    InvalidPlan { source_name: String, errors: Vec<Diagnostic> },
    #[error("không ghi được {}: {reason}", path.display())]
    Write { path: PathBuf, reason: String },
    #[error("{} đã có — không ghi đè để khỏi mất dữ liệu; dùng --force nếu muốn thay thế", path.display())]
    Exists { path: PathBuf },
    /// A template (built in or the user's) that does not compile, with places.
    #[error("mẫu trình bày có lỗi:\n{0}")]
    Template(String),
    /// An input refused for what it is (a certificate with the wrong
    /// password or expired, a PDF that is not ours to sign).
    #[error("{0}")]
    Refused(String),
    /// A request that cannot be carried out as asked (an unknown agency id).
    #[error("{0}")]
    Usage(String),
    #[error("lỗi nội bộ của chương trình: {0}")]
    Internal(String),
}

impl Error {
    pub fn read(path: &Path, e: &io::Error) -> Self {
        Error::Read { path: path.to_owned(), reason: io_reason(e) }
    }

    pub fn write(path: &Path, e: &io::Error) -> Self {
        Error::Write { path: path.to_owned(), reason: io_reason(e) }
    }

    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { .. }
            | Error::Empty { .. }
            | Error::Binary { .. }
            | Error::Encoding { .. }
            | Error::BadInput { .. } => exit::INPUT,
            Error::InvalidPlan { .. } => exit::DATA,
            // The configuration is an input the command cannot go on without.
            Error::InvalidConfig { .. } => exit::INPUT,
            Error::Write { .. } | Error::Exists { .. } => exit::OUTPUT,
            Error::Usage(_) => exit::USAGE,
            Error::Refused(_) => exit::INPUT,
            // Templates are configuration the user wrote.
            Error::Template(_) => exit::INPUT,
            Error::Internal(_) => exit::INTERNAL,
        }
    }
}

/// An I/O error in words a user can act on.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "không tìm thấy tệp hoặc thư mục".to_owned(),
        io::ErrorKind::PermissionDenied => "không có quyền truy cập".to_owned(),
        io::ErrorKind::IsADirectory => "đây là thư mục, cần một tệp".to_owned(),
        io::ErrorKind::NotADirectory => "đường dẫn có phần không phải thư mục".to_owned(),
        io::ErrorKind::StorageFull => "hết chỗ trên ổ đĩa".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho đọc".to_owned(),
        _ => format!("lỗi vào/ra ({e})"),
    }
}
