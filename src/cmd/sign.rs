//! `baocao sign FILE.pdf --p12 CERT.p12`, and `baocao sign --verify FILE.pdf`.

use std::path::{Path, PathBuf};

use crate::archive::fields;
use crate::archive::manifest::Manifest;
use crate::archive::sign::{Identity, Place, SignOptions, identity, sign, sign_in, token_identity};
use crate::archive::signatures::{Changes, Trust, Verdict, check_all, pdf_date, read_trust};
use crate::archive::token;
use crate::args::{SignArgs, SignRole};
use crate::error::{Error, exit};
use crate::fsx::{read_input, write_atomic};
use crate::plan::files::PlanSource;
use crate::render::world;
use crate::report::config;

/// The largest PDF read: the national report with its appendices is under 20 MiB.
const PDF_LIMIT: u64 = 512 << 20;
/// Certificates and password files are a few kilobytes.
const SMALL_LIMIT: u64 = 1 << 20;

pub fn run(source: &PlanSource, a: &SignArgs) -> Result<u8, Error> {
    if a.verify {
        let trusted = match &a.trust {
            Some(path) => read_trust(path)?,
            None => Vec::new(),
        };
        let mut worst = exit::OK;
        for file in &a.files {
            let pdf = read_input(file, PDF_LIMIT)?;
            worst = worst.max(verify(file, &pdf, &trusted)?);
        }
        return Ok(worst);
    }
    if a.out.is_some() && a.files.len() > 1 {
        return Err(Error::Usage(
            "--out chỉ dùng khi ký một tệp; ký nhiều tệp thì mỗi bản ký ghi cạnh tệp gốc".into(),
        ));
    }
    let opts = SignOptions { reason: a.reason.clone(), location: a.location.clone(), tsa: a.tsa.clone() };
    let id = match (&a.p12, &a.pkcs11) {
        (Some(p12_path), _) => {
            let p12 = read_input(p12_path, SMALL_LIMIT)?;
            // Read once for every file of the batch.
            let password = match &a.password_file {
                Some(p) => first_line(p, "mật khẩu")?,
                None => String::new(),
            };
            let id = identity(&p12, &password).map_err(|e| about(p12_path, e))?;
            if id.chain_missing() {
                crate::say!(
                    "Cảnh báo: {} chỉ có chứng thư của người ký, không kèm chứng thư của CA đã cấp — người nhận có thể không kiểm tra được độ tin cậy; nên xuất lại tệp .p12 kèm cả chuỗi chứng thư.",
                    p12_path.display()
                );
            }
            id
        }
        (None, Some(module)) => {
            let pin_file = a
                .pin_file
                .as_ref()
                .ok_or_else(|| Error::Usage("cần --pin-file TỆP khi ký bằng token".into()))?;
            // One login for every file of the batch.
            let pin = first_line(pin_file, "mã PIN")?;
            let (key, chain) = token::open(module, a.slot, &pin)?;
            token_identity(key, chain)?
        }
        (None, None) => return Err(Error::Usage("cần --p12 TỆP hoặc --pkcs11 THƯ_VIỆN để ký".into())),
    };
    let image = match a.role {
        Some(role) => Some(role_image(source, a, role)?),
        None => None,
    };
    // Every file is checked and signed in memory before any is written: a
    // batch with one bad file writes nothing.
    let mut signed_all = Vec::new();
    for file in &a.files {
        let pdf = read_input(file, PDF_LIMIT)?;
        let signed = match (a.role, &image) {
            (Some(role), Some(png)) => {
                let (field, widget) = in_order(&pdf, role).map_err(|e| about(file, e))?;
                let appearance = appearance(field, &widget, png, &id)?;
                let place = Place::Field { name: field, appearance: &appearance };
                sign_in(&pdf, &id, &opts, place)
            }
            _ => sign(&pdf, &id, &opts),
        }
        .map_err(|e| about(file, e))?;
        // The new signature is checked as a reader will check it before it is written.
        let (all, _) = check_all(&signed, &[]).map_err(|e| about(file, e))?;
        let signer = match all.last() {
            Some(last)
                if last.verdict == Verdict::Intact && all.iter().all(|c| c.verdict == Verdict::Intact) =>
            {
                last.signer.clone()
            }
            other => {
                return Err(Error::Internal(format!("chữ ký vừa tạo không kiểm tra lại được: {other:?}")));
            }
        };
        signed_all.push((file, signed, signer, out_path(a, file)?));
    }
    for (file, signed, signer, out) in signed_all {
        let dir = out
            .parent()
            .map(PathBuf::from)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        let path = write_atomic(&dir, &name, &signed)?;
        crate::say!("Đã ký số {} (người ký: {signer}).", file.display());
        crate::say!("  đã ghi {}", path.display());
        // A signed copy kept beside an archived report joins its manifest.
        if let Some(manifest) = Manifest::load(&dir)? {
            Manifest::add_written(&dir, &manifest.period, std::slice::from_ref(&path), "sign")?;
            crate::say!("  đã ghi vào {}", dir.join(crate::archive::manifest::FILE).display());
        }
    }
    Ok(exit::OK)
}

/// The first line of a small text file (a password, a PIN).
fn first_line(path: &Path, what: &str) -> Result<String, Error> {
    let bytes = read_input(path, SMALL_LIMIT)?;
    let text = String::from_utf8(bytes).map_err(|_| Error::BadInput {
        path: path.to_owned(),
        what: format!("tệp {what} không phải văn bản UTF-8 — cần một dòng chữ là {what}"),
    })?;
    Ok(text.lines().next().unwrap_or("").to_owned())
}

/// Where the signed copy of `file` goes: `--out`, else beside it with
/// «-ky-so» (a copy signed again keeps one «-ky-so»), never over a file.
fn out_path(a: &SignArgs, file: &Path) -> Result<PathBuf, Error> {
    if let Some(out) = &a.out {
        if out.exists() {
            return Err(Error::Exists { path: out.clone() });
        }
        return Ok(out.clone());
    }
    let stem = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    // «bao-cao-ky-so», «bao-cao-ky-so-2» → «bao-cao».
    let base = match stem.rsplit_once("-ky-so") {
        Some((head, tail))
            if tail.is_empty() || tail.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) =>
        {
            head.to_owned()
        }
        _ => stem,
    };
    Ok((1..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            file.with_file_name(format!("{base}-ky-so{suffix}.pdf"))
        })
        .find(|p| !p.exists())
        .unwrap_or_default())
}

/// The field `role` signs in: the person first, once; the agency after the
/// person's signature, which must still hold, or alone on an appendix sent
/// as a file of its own. A draft (no number, no date) is not signed. The
/// field's name and its widget.
fn in_order(pdf: &[u8], role: SignRole) -> Result<(&'static str, lopdf::Dictionary), Error> {
    let doc = lopdf::Document::load_mem(pdf).map_err(|_| {
        Error::Refused("tệp không phải PDF đọc được (hoặc đã mã hóa) — cần tệp PDF báo cáo".into())
    })?;
    let field = |name: &str| fields::find_field(&doc, name).map(|(_, w)| w);
    let signed = |name: &str| field(name).map(|w| w.has(b"V"));
    let box_missing = |name: &str| {
        Error::Refused(format!(
            "tệp không có ô ký số «{name}» ({}): báo cáo do baocao lập từ phiên bản này có sẵn ô cho chữ ký của người có thẩm quyền và của cơ quan — hãy lập lại báo cáo (`baocao report`), hoặc ký không có --as (chữ ký không hiển thị)",
            fields::describe(name)
        ))
    };
    let name = match role {
        SignRole::Person => "nguoi-ky",
        SignRole::Agency if field("co-quan").is_none() && field("phu-luc").is_some() => "phu-luc",
        SignRole::Agency => "co-quan",
    };
    let widget = field(name).ok_or_else(|| box_missing(name))?;
    if fields::symbol(&widget).is_some_and(|s| s.trim().is_empty()) {
        return Err(Error::Refused(
            "văn bản là dự thảo (chưa có số, ngày ban hành) — điền `number` và `date` trong bao-cao.toml, lập lại báo cáo rồi mới ký".into(),
        ));
    }
    match (name, signed(name)) {
        ("nguoi-ky", Some(true)) => {
            return Err(Error::Refused(
                "tệp đã có chữ ký số của người có thẩm quyền — mỗi văn bản chỉ có một; nếu cần ký lại, hãy ký trên bản chưa ký".into(),
            ));
        }
        (_, Some(true)) => return Err(Error::Refused("tệp đã có chữ ký số của cơ quan".into())),
        _ => {}
    }
    if name == "co-quan" {
        if signed("nguoi-ky") != Some(true) {
            return Err(Error::Refused(
                "cơ quan ký sau người có thẩm quyền: tệp chưa có chữ ký số của người có thẩm quyền — hãy để người ký ký trước (--as nguoi-ky)".into(),
            ));
        }
        let (all, _) = check_all(pdf, &[])?;
        if let Some(bad) = all.iter().find(|c| c.verdict != Verdict::Intact) {
            return Err(Error::Refused(format!(
                "chữ ký số của {} trong tệp không còn hợp lệ — cơ quan không ký lên văn bản có chữ ký không hợp lệ",
                bad.signer
            )));
        }
    }
    Ok((name, widget))
}

/// The PNG shown by a signature of `role`: `--image`, else the
/// configuration's.
fn role_image(source: &PlanSource, a: &SignArgs, role: SignRole) -> Result<Vec<u8>, Error> {
    if let Some(path) = &a.image {
        let bytes = config::read_image(path)?;
        return match config::image_problem(&bytes) {
            Some(what) => Err(Error::BadInput { path: path.clone(), what }),
            None => Ok(bytes),
        };
    }
    let config = crate::report::output::read_config(None, source)?;
    let (image, key) = match role {
        SignRole::Person => (config.signature_image, "signature_image"),
        SignRole::Agency => (config.stamp_image, "stamp_image"),
    };
    image.ok_or_else(|| {
        Error::Usage(format!(
            "chưa có ảnh {} — dùng --image ẢNH.png, hoặc ghi `{key}` trong bao-cao.toml",
            if role == SignRole::Person { "chữ ký" } else { "con dấu" }
        ))
    })
}

/// The appearance of the signature in its field: a page the size of the
/// field laid out by `chu-ky.typ`.
fn appearance(field: &str, widget: &lopdf::Dictionary, png: &[u8], id: &Identity) -> Result<Vec<u8>, Error> {
    let rect: Vec<f64> = widget
        .get(b"Rect")
        .and_then(lopdf::Object::as_array)
        .map(|r| r.iter().map(|v| v.as_float().map(f64::from).unwrap_or(0.0)).collect())
        .unwrap_or_default();
    let [x0, y0, x1, y1] = rect.as_slice() else {
        return Err(Error::Refused(format!("ô ký số «{field}» không có vị trí")));
    };
    let vietnam = time::UtcOffset::from_hms(7, 0, 0).unwrap_or(time::UtcOffset::UTC);
    let now = time::OffsetDateTime::now_utc().to_offset(vietnam);
    let when = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second()
    );
    let path = if field == "nguoi-ky" { world::SIGNATURE_PATH } else { world::STAMP_PATH };
    let data = serde_json::json!({
        "kind": field,
        "number": fields::symbol(widget).unwrap_or_default(),
        "w": x1 - x0,
        "h": y1 - y0,
        "image": path,
        // The seal at its real size: 36 mm, the room the layout leaves.
        "seal": 36.0 * 72.0 / 25.4,
        "agency": id.common_name(),
        "time": when,
    });
    let w = world::ReportWorld::new("chu-ky.typ", data, now.date(), None, None, vec![(path, png.to_vec())])?;
    crate::render::pdf(&w, "baocao/chu-ky", now.date(), false, crate::render::Caches::Release)
}

/// A refusal of the PDF (not signed, signature unreadable, not ours to
/// sign) as an error that names the file.
fn about(file: &std::path::Path, e: Error) -> Error {
    match e {
        Error::Refused(what) => Error::BadInput { path: file.to_owned(), what },
        other => other,
    }
}

fn verify(file: &Path, pdf: &[u8], trusted: &[x509_cert::Certificate]) -> Result<u8, Error> {
    let (all, notes) = check_all(pdf, trusted).map_err(|e| about(file, e))?;
    crate::say!("Tệp: {}", file.display());
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
        match &c.stamp {
            Some(st) => crate::say!(
                "  Dấu thời gian: {}, do «{}» cấp — {}; {}",
                st.time.as_deref().map_or("không đọc được".to_owned(), display_time),
                st.tsa,
                match &st.verdict {
                    Verdict::Intact => "hợp lệ".to_owned(),
                    Verdict::Altered(why) | Verdict::Invalid(why) => format!("KHÔNG HỢP LỆ — {why}"),
                },
                match &st.trust {
                    Trust::Trusted => "dịch vụ được tin cậy".to_owned(),
                    Trust::NotTrusted(why) => format!("dịch vụ KHÔNG TIN CẬY — {why}"),
                    Trust::NotChecked => "chưa kiểm tra chuỗi chứng thư của dịch vụ".to_owned(),
                }
            ),
            None if !c.timestamp => crate::say!(
                "  Dấu thời gian: không có (sau khi chứng thư hết hạn, chữ ký khó kiểm tra lại; ký với --tsa để có)"
            ),
            None => {}
        }
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
