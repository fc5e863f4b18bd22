//! `sign --verify` against a validator written elsewhere (issue 13): a PKI
//! made by openssl (root → intermediate → signers: RSA, EC P-256 and P-384,
//! expired, not yet valid, without the key usage for signing, a self-signed
//! look-alike), PDFs signed by pyHanko as other software signs them (SHA-384,
//! SHA-512, RSA-PSS, ECDSA, content changed between two signatures, a swapped
//! certificate, a broken CMS), and pyHanko's verdict on each signature, which
//! baocao must share. pdfsig must read every signature baocao makes as valid.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

fn pki(args: &[&str]) -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/pki.py");
    let out = Command::new("python3")
        .arg(script)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed ({e}); `bash tests/run` installs it with pyHanko"));
    assert!(
        out.status.success(),
        "pki.py {args:?} failed (it needs openssl and pyHanko; `bash tests/run` installs them):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdfsig(file: &Path) -> String {
    let out =
        Command::new("pdfsig").arg(file).output().expect("pdfsig (poppler-utils): run `bash tests/run`");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A small real report to sign: ingest of an empty period, then report.
fn report(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("inputs/2025-H1")).unwrap();
    assert_eq!(baocao(dir, &["ingest", "--period", "2025-H1"]).0, 0);
    let (code, out) = baocao(dir, &["report", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}");
    dir.join("outputs/2025-H1/bao-cao-2025-H1.pdf")
}

/// baocao's verdict on each signature, oldest first: (intact, trusted, content changed after).
fn verdicts(out: &str) -> Vec<(bool, bool, bool)> {
    out.split("\nChữ ký ")
        .flat_map(|part| part.split("\nDấu thời gian tài liệu "))
        .skip(1)
        .map(|block| {
            (
                block.contains("Phần đã ký: còn nguyên vẹn"),
                block.contains("Tin cậy: chuỗi chứng thư dẫn tới CA tin cậy"),
                block.contains("NỘI DUNG ĐÃ BỊ SỬA"),
            )
        })
        .collect()
}

#[test]
fn baocao_and_pyhanko_agree_on_every_signature() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = report(d);
    let keys = d.join("pki");
    pki(&[keys.to_str().unwrap(), "pki"]);
    std::fs::write(d.join("mat-khau.txt"), "mat-khau\n").unwrap();
    let p12 = |name: &str| keys.join(format!("{name}.p12")).to_str().unwrap().to_owned();
    let sign = |file: &Path, with: &str, out: &str| {
        baocao(
            d,
            &[
                "sign",
                file.to_str().unwrap(),
                "--p12",
                &p12(with),
                "--password-file",
                "mat-khau.txt",
                "--out",
                out,
            ],
        )
    };

    // Certificates that must not sign, each refused with its reason; the PDF untouched.
    let before = std::fs::read(&base).unwrap();
    for (name, words) in [
        ("expired", "đã hết hạn"),
        ("future", "chỉ có hiệu lực từ ngày"),
        ("no-signing", "không dùng để ký văn bản"),
    ] {
        let (code, out) = sign(&base, name, &format!("{name}.pdf"));
        assert_eq!(code, 3, "{name}: {out}");
        assert!(out.contains(words) && out.contains(&format!("{name}.p12")), "{name}: {out}");
        assert!(!d.join(format!("{name}.pdf")).exists(), "{name}: nothing written");
    }
    assert_eq!(std::fs::read(&base).unwrap(), before);
    let (code, out) = sign(&base, "rsa-nochain", "khong-chuoi.pdf");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("không kèm chứng thư của CA"), "a .p12 without its chain is said: {out}");

    let (code, out) = sign(&base, "rsa", "cua-baocao.pdf");
    assert_eq!(code, 0, "{out}");
    let (code, out) = sign(&base, "lookalike", "gia-danh.pdf");
    assert_eq!(code, 0, "{out}");
    let ours = d.join("cua-baocao.pdf");
    pki(&[keys.to_str().unwrap(), "cases", base.to_str().unwrap(), ours.to_str().unwrap()]);
    let cases = keys.join("cases");
    // A file signed first by other software, signed again by baocao.
    let (code, out) = sign(&cases.join("ec256-sha256.pdf"), "rsa", "ky-sau-phan-mem-khac.pdf");
    assert_eq!(code, 0, "{out}");
    // … whose form (AcroForm) and its fields are objects of their own.
    let (code, out) = sign(&cases.join("form-gian-tiep.pdf"), "rsa", "ky-sau-form-gian-tiep.pdf");
    assert_eq!(code, 0, "{out}");

    let ours_signed = [
        "cua-baocao.pdf",
        "gia-danh.pdf",
        "khong-chuoi.pdf",
        "ky-sau-phan-mem-khac.pdf",
        "ky-sau-form-gian-tiep.pdf",
    ];
    for name in ours_signed {
        let report = pdfsig(&d.join(name));
        // Empty fields (the report's boxes for `sign --as`) are listed too.
        let sigs = report.matches("Signature #").count() - report.matches("field is not signed").count();
        assert!(sigs >= 1 && report.matches("Signature is Valid.").count() == sigs, "{name}: {report}");
    }
    let mut ledger: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(cases.join("ledger.json")).unwrap()).unwrap();
    let paths: Vec<String> = ours_signed.iter().map(|n| d.join(n).to_str().unwrap().to_owned()).collect();
    let mut args = vec![keys.to_str().unwrap(), "validate"];
    args.extend(paths.iter().map(String::as_str));
    let theirs: serde_json::Map<String, Value> = serde_json::from_str(&pki(&args)).unwrap();
    ledger.extend(theirs);
    assert!(ledger.len() >= 12, "{ledger:?}");

    // What a province gives as trusted: the root and the intermediates, in a folder.
    let trust = d.join("ca-tin-cay");
    std::fs::create_dir_all(&trust).unwrap();
    for ca in ["root.crt", "inter.crt"] {
        std::fs::copy(keys.join(ca), trust.join(ca)).unwrap();
    }
    let root = trust;
    for (name, sigs) in &ledger {
        let file = if ours_signed.contains(&name.as_str()) { d.join(name) } else { cases.join(name) };
        let (code, out) =
            baocao(d, &["sign", "--verify", file.to_str().unwrap(), "--trust", root.to_str().unwrap()]);
        let sigs = sigs.as_array().unwrap();
        let holds = |s: &Value| {
            s["intact"] == true && s["valid"] == true && s["trusted"] == true && s["modification"] != "OTHER"
        };
        let want = if sigs.iter().all(holds) { 0 } else { 1 };
        assert_eq!(code, want, "{name}: pyHanko says {sigs:?}, baocao:\n{out}");
        if sigs.iter().any(|s| s.get("error").is_some()) {
            assert!(out.contains("KHÔNG HỢP LỆ") || out.contains("ĐÃ BỊ THAY ĐỔI"), "{name}:\n{out}");
            continue;
        }
        let ours = verdicts(&out);
        assert_eq!(ours.len(), sigs.len(), "{name}: {out}");
        for (i, (s, (intact, trusted, changed))) in sigs.iter().zip(ours).enumerate() {
            let what = format!("{name}, signature {}: pyHanko {s}, baocao:\n{out}", i + 1);
            assert_eq!(intact, s["intact"] == true && s["valid"] == true, "intact: {what}");
            assert_eq!(trusted, s["trusted"] == true, "trusted: {what}");
            assert_eq!(changed, s["modification"] == "OTHER", "modified after: {what}");
        }
    }

    // Without --trust: the look-alike is intact but its trust is not checked.
    let (code, out) = baocao(d, &["sign", "--verify", "gia-danh.pdf"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("chưa kiểm tra") && out.contains("--trust"), "{out}");
}

#[test]
fn bad_trust_files_and_unsigned_or_encrypted_pdfs_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = report(d);
    std::fs::write(d.join("khong-phai-ca.pem"), "không phải chứng thư").unwrap();
    let (code, out) =
        baocao(d, &["sign", "--verify", base.to_str().unwrap(), "--trust", "khong-phai-ca.pem"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("khong-phai-ca.pem") && out.contains("không có chứng thư"), "{out}");
    let (code, out) = baocao(d, &["sign", "--verify", base.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("không có chữ ký số"), "{out}");
    // An encrypted PDF, signed or not: refused, not misread.
    let encrypted = d.join("ma-hoa.pdf");
    pki(&[d.to_str().unwrap(), "encrypt", base.to_str().unwrap(), encrypted.to_str().unwrap()]);
    let (code, out) = baocao(d, &["sign", "--verify", "ma-hoa.pdf"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("ma-hoa.pdf") && out.contains("mã hóa"), "{out}");
    std::fs::write(d.join("mat-khau.txt"), "mat-khau\n").unwrap();
    let keys = d.join("pki");
    pki(&[keys.to_str().unwrap(), "pki"]);
    let p12 = keys.join("rsa.p12");
    let before = std::fs::read(&encrypted).unwrap();
    let (code, out) =
        baocao(d, &["sign", "ma-hoa.pdf", "--p12", p12.to_str().unwrap(), "--password-file", "mat-khau.txt"]);
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("ma-hoa.pdf"), "{out}");
    assert_eq!(std::fs::read(&encrypted).unwrap(), before, "the input stays untouched");
    // A PEM file given as the .p12, and a key type not supported.
    let (code, out) = baocao(
        d,
        &[
            "sign",
            base.to_str().unwrap(),
            "--p12",
            keys.join("rsa.crt").to_str().unwrap(),
            "--password-file",
            "mat-khau.txt",
        ],
    );
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("rsa.crt") && out.contains("PKCS#12"), "{out}");
    let (code, out) = baocao(
        d,
        &[
            "sign",
            base.to_str().unwrap(),
            "--p12",
            keys.join("ec256.p12").to_str().unwrap(),
            "--password-file",
            "mat-khau.txt",
        ],
    );
    assert_eq!(code, 3, "{out}");
    assert!(out.contains("ec256.p12") && out.contains("RSA"), "a key type not supported is named: {out}");
    assert!(!d.join("outputs/2025-H1/bao-cao-2025-H1-ky-so.pdf").exists());
}
