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
    // An earlier signed copy is never replaced: the next gets a new name.
    let out = match &a.out {
        Some(out) if out.exists() => return Err(Error::Exists { path: out.clone() }),
        Some(out) => out.clone(),
        None => {
            let stem = a.file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            (1..)
                .map(|n| {
                    let suffix = if n == 1 { String::new() } else { format!("-{n}") };
                    a.file.with_file_name(format!("{stem}-ky-so{suffix}.pdf"))
                })
                .find(|p| !p.exists())
                .unwrap_or_default()
        }
    };
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

/// A PDF date (`D:20261126104512Z`, `D:20261126174512+07'00'`) in Vietnam
/// time: `26/11/2026 17:45:12 (giờ Việt Nam)`; as written if it is not one.
fn display_time(m: &str) -> String {
    let d = m.trim_start_matches("D:");
    let digits = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u16>().ok());
    let parsed = (|| {
        let date = time::Date::from_calendar_date(
            i32::from(digits(0..4)?),
            time::Month::try_from(u8::try_from(digits(4..6)?).ok()?).ok()?,
            u8::try_from(digits(6..8)?).ok()?,
        )
        .ok()?;
        let clock = time::Time::from_hms(
            u8::try_from(digits(8..10)?).ok()?,
            u8::try_from(digits(10..12)?).ok()?,
            u8::try_from(digits(12..14)?).ok()?,
        )
        .ok()?;
        // The offset after the seconds: Z, or +hh'mm' / -hh'mm'.
        let offset = match d.get(14..15) {
            None | Some("Z") => time::UtcOffset::UTC,
            Some(sign) => {
                let hours = i8::try_from(digits(15..17)?).ok()?;
                let minutes = d.get(18..20).and_then(|s| s.parse::<i8>().ok()).unwrap_or(0);
                let (h, m) = if sign == "-" { (-hours, -minutes) } else { (hours, minutes) };
                time::UtcOffset::from_hms(h, m, 0).ok()?
            }
        };
        let vietnam = time::UtcOffset::from_hms(7, 0, 0).ok()?;
        Some(time::PrimitiveDateTime::new(date, clock).assume_offset(offset).to_offset(vietnam))
    })();
    match parsed {
        Some(t) => format!(
            "{:02}/{:02}/{} {:02}:{:02}:{:02} (giờ Việt Nam)",
            t.day(),
            u8::from(t.month()),
            t.year(),
            t.hour(),
            t.minute(),
            t.second()
        ),
        None => m.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::display_time;

    #[test]
    fn signing_times_are_shown_in_vietnam_time() {
        assert_eq!(display_time("D:20261126104512Z"), "26/11/2026 17:45:12 (giờ Việt Nam)");
        assert_eq!(display_time("D:20261231200000Z"), "01/01/2027 03:00:00 (giờ Việt Nam)");
        assert_eq!(display_time("D:20261126174512+07'00'"), "26/11/2026 17:45:12 (giờ Việt Nam)");
        assert_eq!(display_time("không phải ngày"), "không phải ngày");
    }
}
