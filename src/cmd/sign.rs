//! `baocao sign FILE.pdf --p12 CERT.p12`, and `baocao sign --verify FILE.pdf`.

use std::path::PathBuf;

use crate::archive::manifest::Manifest;
use crate::archive::sign::{SignOptions, identity, sign};
use crate::archive::signatures::{Changes, Trust, Verdict, check_all, pdf_date, read_trust};
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
    if id.chain_missing() {
        crate::say!(
            "Cảnh báo: {} chỉ có chứng thư của người ký, không kèm chứng thư của CA đã cấp — người nhận có thể không kiểm tra được độ tin cậy; nên xuất lại tệp .p12 kèm cả chuỗi chứng thư.",
            p12_path.display()
        );
    }
    let signed = sign(&pdf, &id, &opts).map_err(|e| about(&a.file, e))?;
    // The new signature is checked as a reader will check it before it is written.
    let (all, _) = check_all(&signed, &[]).map_err(|e| about(&a.file, e))?;
    let signer = match all.last() {
        Some(last) if last.verdict == Verdict::Intact => last.signer.clone(),
        other => return Err(Error::Internal(format!("chữ ký vừa tạo không kiểm tra lại được: {other:?}"))),
    };
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
    crate::say!("Đã ký số {} (người ký: {signer}).", a.file.display());
    crate::say!("  đã ghi {}", path.display());
    // A signed copy kept beside an archived report joins its manifest.
    if let Some(manifest) = Manifest::load(&dir)? {
        Manifest::add_written(&dir, &manifest.period, std::slice::from_ref(&path), "sign")?;
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
    let trusted = match &a.trust {
        Some(path) => read_trust(path)?,
        None => Vec::new(),
    };
    let (all, notes) = check_all(pdf, &trusted).map_err(|e| about(&a.file, e))?;
    crate::say!("Tệp: {}", a.file.display());
    crate::say!("Số chữ ký: {} (xếp từ chữ ký đầu tiên)", all.len());
    for (i, c) in all.iter().enumerate() {
        let kind = if c.timestamp { "Dấu thời gian tài liệu" } else { "Chữ ký" };
        crate::say!("");
        crate::say!("{kind} {}:", i + 1);
        if !c.signer.is_empty() {
            crate::say!("  Người ký: {}", c.signer);
            crate::say!("  Cấp bởi: {}", c.issuer);
        }
        crate::say!(
            "  Thời điểm ký: {}",
            c.signed_at.as_deref().map_or("không ghi".to_owned(), display_time)
        );
        crate::say!(
            "  Phần đã ký: {}",
            match &c.verdict {
                Verdict::Intact => "còn nguyên vẹn, chữ ký hợp lệ".to_owned(),
                Verdict::Altered(why) => format!("ĐÃ BỊ THAY ĐỔI — {why}"),
                Verdict::Invalid(why) => format!("chữ ký KHÔNG HỢP LỆ — {why}"),
            }
        );
        crate::say!(
            "  Tin cậy: {}",
            match &c.trust {
                Trust::Trusted => "chuỗi chứng thư dẫn tới CA tin cậy".to_owned(),
                Trust::NotTrusted(why) => format!("KHÔNG TIN CẬY — {why}"),
                Trust::NotChecked =>
                    "chưa kiểm tra (thêm --trust TỆP_CA để kiểm tra chuỗi chứng thư)".to_owned(),
            }
        );
        crate::say!(
            "  Sau chữ ký: {}",
            match &c.changes {
                Changes::None => "không có gì thêm vào tệp (chữ ký bao trọn tệp)".to_owned(),
                Changes::SignaturesOnly => "chỉ thêm chữ ký số khác".to_owned(),
                Changes::Appended => {
                    "có dữ liệu được thêm vào sau chữ ký, không chữ ký nào bao (không đổi nội dung tài liệu)"
                        .to_owned()
                }
                Changes::Content(what) => format!("NỘI DUNG ĐÃ BỊ SỬA sau khi ký: {}", what.join(", ")),
            }
        );
        for note in &c.notes {
            crate::say!("  Lưu ý: {note}");
        }
    }
    for note in &notes {
        crate::say!("Lưu ý: {note}");
    }
    Ok(if all.iter().all(|c| c.holds()) { exit::OK } else { exit::DATA })
}

/// A PDF date (`D:20261126104512Z`, `D:20261126174512+07'00'`) in Vietnam
/// time: `26/11/2026 17:45:12 (giờ Việt Nam)`; as written if it is not one.
fn display_time(m: &str) -> String {
    let vietnam = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    match pdf_date(m).map(|t| t.to_offset(vietnam)) {
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
