//! Digital signatures checked by an independent validator (poppler's
//! pdfsig) and by `baocao sign --verify`, with throwaway certificates made
//! by openssl at test time.

use std::path::{Path, PathBuf};
use std::process::Command;

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn tool(dir: &Path, name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed ({e}); run `bash tests/run`, which installs it"));
    String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr)
}

/// A self-signed certificate valid for `days` (negative: already expired)
/// and its PKCS#12 file, encrypted with AES as openssl 3 writes it.
fn certificate(dir: &Path, name: &str, days: &str) -> PathBuf {
    let (key, csr, crt, p12) =
        (format!("{name}.key"), format!("{name}.csr"), format!("{name}.crt"), format!("{name}.p12"));
    tool(
        dir,
        "openssl",
        &[
            "req",
            "-new",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-utf8",
            "-subj",
            "/CN=Nguyễn Văn An/O=Sở Khoa học và Công nghệ/C=VN",
            "-keyout",
            &key,
            "-out",
            &csr,
        ],
    );
    tool(dir, "openssl", &["x509", "-req", "-in", &csr, "-signkey", &key, "-days", days, "-out", &crt]);
    tool(
        dir,
        "openssl",
        &["pkcs12", "-export", "-inkey", &key, "-in", &crt, "-out", &p12, "-passout", "pass:mat-khau"],
    );
    assert!(dir.join(&p12).is_file(), "openssl did not make {p12}");
    dir.join(p12)
}

/// A small real report: ingest of an empty period, then report.
fn report(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("inputs/2025-H1")).unwrap();
    assert_eq!(baocao(dir, &["ingest", "--period", "2025-H1"]).0, 0);
    let (code, out, err) = baocao(dir, &["report", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    dir.join("outputs/2025-H1/bao-cao-2025-H1.pdf")
}

#[test]
fn a_signed_report_is_valid_for_pdfsig_and_tampering_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdf = report(d);
    let p12 = certificate(d, "ky", "30");
    std::fs::write(d.join("mat-khau.txt"), "mat-khau\n").unwrap();
    // `baocao sign FILE` with this certificate and its password, and `extra` arguments.
    let sign = |file: &str, extra: &[&str]| {
        let mut args = vec!["sign", file, "--p12", p12.to_str().unwrap(), "--password-file", "mat-khau.txt"];
        args.extend_from_slice(extra);
        baocao(d, &args)
    };
    let (code, out, err) = sign(
        pdf.to_str().unwrap(),
        &["--reason", "Phê duyệt báo cáo", "--location", "Cà Mau", "--out", "da-ky.pdf"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let original = std::fs::read(&pdf).unwrap();
    let signed = std::fs::read(d.join("da-ky.pdf")).unwrap();
    assert!(signed.starts_with(&original), "the signed bytes of the original must stay untouched");

    let report = tool(d, "pdfsig", &["da-ky.pdf"]);
    assert!(report.contains("Signature Validation: Signature is Valid."), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains("Signer Certificate Common Name: Nguyễn Văn An"), "{report}");
    assert!(report.contains("ETSI.CAdES.detached"), "{report}");

    let (code, out, _) = baocao(d, &["sign", "--verify", "da-ky.pdf"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Người ký: Nguyễn Văn An") && out.contains("còn nguyên vẹn"), "{out}");
    assert!(out.contains("(giờ Việt Nam)"), "the signing time in Vietnam time: {out}");

    // A second signature (a co-signer, or a USB token's software) is appended
    // the same way; the first stays valid for the part it signed.
    let (code, out, err) = sign("da-ky.pdf", &["--out", "ky-hai-lan.pdf"]);
    assert_eq!(code, 0, "{out}{err}");
    let twice = tool(d, "pdfsig", &["ky-hai-lan.pdf"]);
    assert_eq!(twice.matches("Signature is Valid.").count(), 2, "{twice}");

    // Signed beside the archived report: the signed copy joins the manifest.
    let (code, out, err) = sign(pdf.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(d.join("outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf").is_file());
    let first = std::fs::read(d.join("outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf")).unwrap();
    // Signing again never replaces the earlier signed copy: a new name, both kept in the manifest.
    let (code, out, err) = sign(pdf.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("bao-cao-2025-H1-ky-so-2.pdf"), "{out}");
    assert_eq!(std::fs::read(d.join("outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf")).unwrap(), first);
    let manifest = std::fs::read_to_string(d.join("outputs/2025-H1/manifest.json")).unwrap();
    assert!(
        manifest.contains("bao-cao-2025-H1-ky-so.pdf") && manifest.contains("bao-cao-2025-H1-ky-so-2.pdf")
    );
    let (code, out, err) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    // A named output that exists is not overwritten either.
    let (code, _, err) = sign("da-ky.pdf", &["--out", "ky-hai-lan.pdf"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("ky-hai-lan.pdf") && err.contains("không ghi đè"), "{err}");

    // One byte changed in the signed part: both validators say so.
    let mut tampered = signed.clone();
    tampered[2000] ^= 0x20;
    std::fs::write(d.join("bi-sua.pdf"), &tampered).unwrap();
    let report = tool(d, "pdfsig", &["bi-sua.pdf"]);
    assert!(!report.contains("Signature is Valid"), "{report}");
    let (code, out, _) = baocao(d, &["sign", "--verify", "bi-sua.pdf"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("ĐÃ BỊ THAY ĐỔI"), "{out}");

    // Bytes appended after signing are reported too.
    let mut appended = signed.clone();
    appended.extend_from_slice(b"\n% added later\n");
    std::fs::write(d.join("them.pdf"), &appended).unwrap();
    let (code, out, _) = baocao(d, &["sign", "--verify", "them.pdf"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("có dữ liệu được thêm vào sau chữ ký"), "{out}");
}

#[test]
fn wrong_password_expired_certificate_and_foreign_files_are_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("sai.txt"), "khong-dung\n").unwrap();
    std::fs::write(d.join("dung.txt"), "mat-khau\n").unwrap();
    let p12 = certificate(d, "ky", "30");
    // Not a PDF.
    std::fs::write(d.join("ghi-chu.pdf"), b"just text").unwrap();
    let (code, _, err) =
        baocao(d, &["sign", "ghi-chu.pdf", "--p12", p12.to_str().unwrap(), "--password-file", "dung.txt"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("không phải PDF"), "{err}");
    let pdf = report(d);
    let (code, _, err) = baocao(
        d,
        &["sign", pdf.to_str().unwrap(), "--p12", p12.to_str().unwrap(), "--password-file", "sai.txt"],
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("sai mật khẩu"), "{err}");
    std::fs::write(d.join("hong.p12"), b"\x30\x82\x01\x00garbage").unwrap();
    let (code, _, err) =
        baocao(d, &["sign", pdf.to_str().unwrap(), "--p12", "hong.p12", "--password-file", "dung.txt"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("không phải PKCS#12"), "{err}");
    // A certificate that ended yesterday.
    let old = certificate(d, "cu", "-1");
    let (code, _, err) = baocao(
        d,
        &["sign", pdf.to_str().unwrap(), "--p12", old.to_str().unwrap(), "--password-file", "dung.txt"],
    );
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("đã hết hạn"), "{err}");
    // An unsigned PDF has nothing to verify.
    let (code, _, err) = baocao(d, &["sign", "--verify", pdf.to_str().unwrap()]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("không có chữ ký số"), "{err}");
}
