//! `baocao sign FILE.pdf --p12 CERT.p12`, and `baocao sign --verify FILE.pdf`.

use std::path::PathBuf;

use crate::archive::manifest::Manifest;
use crate::archive::sign::{SignOptions, check, sign};
use crate::args::SignArgs;
use crate::error::{Error, exit};
use crate::fsx::write_atomic;

pub fn run(a: &SignArgs) -> Result<u8, Error> {
    let pdf = std::fs::read(&a.file).map_err(|e| Error::read(&a.file, &e))?;
    if a.verify {
        return verify(a, &pdf);
    }
    let p12_path = a.p12.as_ref().ok_or_else(|| Error::Usage("cần --p12 TỆP để ký".into()))?;
    let p12 = std::fs::read(p12_path).map_err(|e| Error::read(p12_path, &e))?;
    let password = match &a.password_file {
        Some(p) => std::fs::read_to_string(p)
            .map_err(|e| Error::read(p, &e))?
            .lines()
            .next()
            .unwrap_or("")
            .to_owned(),
        None => String::new(),
    };
    let opts = SignOptions { reason: a.reason.clone(), location: a.location.clone() };
    let signed = sign(&pdf, &p12, &password, &opts)?;
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

fn verify(a: &SignArgs, pdf: &[u8]) -> Result<u8, Error> {
    let c = check(pdf)?;
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
