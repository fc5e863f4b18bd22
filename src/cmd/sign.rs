//! `baocao sign FILE.pdf --p12 CERT.p12`, and `baocao sign --verify FILE.pdf`.

use std::path::PathBuf;

use crate::archive::manifest::Manifest;
use crate::archive::sign::{SignOptions, check, identity, sign};
use crate::args::SignArgs;
use crate::error::{Error, exit};
use crate::fsx::{read_input, write_atomic};

/// The largest PDF read: the national report with its appendices is under 20 MiB.
const PDF_LIMIT: u64 = 512 << 20;
/// Certificates and password files are a few kilobytes.
const SMALL_LIMIT: u64 = 1 << 20;

pub fn run(a: &SignArgs) -> Result<u8, Error> {
    let pdf = read_input(&a.file, PDF_LIMIT)?;
    if a.verify {
        return verify(a, &pdf);
    }
    let p12_path = a.p12.as_ref().ok_or_else(|| Error::Usage("cần --p12 TỆP để ký".into()))?;
    let p12 = read_input(p12_path, SMALL_LIMIT)?;
    let password = match &a.password_file {
        Some(p) => {
            let bytes = read_input(p, SMALL_LIMIT)?;
            let text = String::from_utf8(bytes).map_err(|_| Error::BadInput {
                path: p.clone(),
                what: "tệp mật khẩu không phải văn bản UTF-8 — cần một dòng chữ là mật khẩu".into(),
            })?;
            text.lines().next().unwrap_or("").to_owned()
        }
        None => String::new(),
    };
    let opts = SignOptions { reason: a.reason.clone(), location: a.location.clone() };
    let id = identity(&p12, &password).map_err(|e| about(p12_path, e))?;
    let signed = sign(&pdf, &id, &opts).map_err(|e| about(&a.file, e))?;
    let out = a.out.clone().unwrap_or_else(|| {
        let stem = a.file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        a.file.with_file_name(format!("{stem}-ky-so.pdf"))
    });
    let dir = out
        .parent()
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| PathBuf::from("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let path = write_atomic(&dir, &name, &signed)?;
    let checked = check(&signed)?;
    crate::say!("Đã ký số {} (người ký: {}).", a.file.display(), checked.signer);
    crate::say!("  đã ghi {}", path.display());
    // A signed copy kept beside an archived report joins its manifest.
    if Manifest::add_output(&dir, &path)? {
        crate::say!("  đã ghi vào {}", dir.join(crate::archive::manifest::FILE).display());
    }
    Ok(exit::OK)
}

/// A refusal of the PDF (not signed, signature unreadable, not ours to
/// sign) as an error that names the file.
fn about(file: &std::path::Path, e: Error) -> Error {
    match e {
        Error::Refused(what) => Error::BadInput { path: file.to_owned(), what },
        other => other,
    }
}

fn verify(a: &SignArgs, pdf: &[u8]) -> Result<u8, Error> {
    let c = check(pdf).map_err(|e| about(&a.file, e))?;
    crate::say!("Tệp: {}", a.file.display());
    crate::say!("Người ký: {}", c.signer);
    crate::say!("Thời điểm ký: {}", display_time(&c.signed_at));
    crate::say!(
        "Phần đã ký: {}",
        if c.valid {
            "còn nguyên vẹn, chữ ký hợp lệ"
        } else {
            "ĐÃ BỊ THAY ĐỔI hoặc chữ ký không hợp lệ"
        }
    );
    crate::say!(
        "Sau khi ký: {}",
        if c.whole_file {
            "không có gì thêm vào tệp"
        } else {
            "có dữ liệu được thêm vào sau chữ ký"
        }
    );
    Ok(if c.valid && c.whole_file { exit::OK } else { exit::DATA })
}

/// `D:20261126104512Z` as `26/11/2026 10:45:12 (UTC)`.
fn display_time(m: &str) -> String {
    let d = m.trim_start_matches("D:");
    if d.len() >= 14 && d[..14].bytes().all(|b| b.is_ascii_digit()) {
        format!("{}/{}/{} {}:{}:{} (UTC)", &d[6..8], &d[4..6], &d[..4], &d[8..10], &d[10..12], &d[12..14])
    } else {
        m.to_owned()
    }
}
