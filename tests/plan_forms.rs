//! Plans in their three forms (issue 12): the published text, the Word file
//! they were drafted in and a workbook of their tables import to the same
//! plan, for the bundled plan and for two plans assembled in
//! `tests/corpus/plans.py` (a Government programme led by ministries, a
//! merged province whose communes report directly); each imported plan goes
//! through template, ingest and report; bad files are refused by name.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::{baocao, json};
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The corpus, built once for the tests of this file.
fn corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::Builder::new().prefix("plans-").tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap().keep();
        let out = Command::new("python3")
            .arg(repo().join("tests/corpus/plans.py"))
            .arg(&dir)
            .arg(repo().join("inputs"))
            .arg("--office")
            .output()
            .unwrap_or_else(|e| panic!("python3 is needed to build the plans ({e}); `bash tests/run` installs it"));
        assert!(
            out.status.success(),
            "plans.py failed (it needs python-docx, openpyxl and LibreOffice; `bash tests/run` installs them):\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        dir
    })
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A registry without the comment naming the file it was imported from.
fn registry_text(dir: &Path) -> String {
    read(&dir.join("co-quan.toml")).lines().filter(|l| !l.starts_with("# Cơ quan và nhóm có trong")).collect()
}

fn plan_field(dir: &Path, key: &str) -> String {
    let t: toml::Table = read(&dir.join("ke-hoach.toml")).parse().unwrap();
    t[key].to_string()
}

/// Imports `file` into a new folder under `root`; the exit code, output and folder.
fn import(root: &Path, file: &Path, extra: &[&str]) -> (i32, String, PathBuf) {
    let out =
        root.join(format!("ke-hoach-{}", file.file_name().unwrap().to_string_lossy().replace('.', "-")));
    let mut args = vec!["plan", "import", file.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend(extra);
    let (code, text) = baocao(root, &args);
    (code, text, out)
}

#[test]
fn every_form_of_a_plan_imports_to_the_same_plan() {
    let corpus = corpus();
    let ledger = json(&corpus.join("ledger.json"));
    let work = tempfile::tempdir().unwrap();
    let root = work.path();
    for name in ["chuong-trinh-hanh-dong-chinh-phu", "ke-hoach-an-giang-2025"] {
        let want = &ledger[name];
        let standing = want["standing"].as_str().unwrap();
        let (code, text, from_text) = import(root, &corpus.join(format!("{name}.txt")), &[]);
        assert_eq!(code, 0, "{name}.txt: {text}");
        let counts = format!(
            "{} chỉ tiêu ({} nhóm), {} nhiệm vụ ({} nhóm)",
            want["indicators"], want["indicator_groups"], want["tasks"], want["task_groups"]
        );
        assert!(text.contains(&counts), "{name}.txt: want {counts}:\n{text}");
        // Every agency is added once, by its name, whatever the rows that name it.
        for line in text.lines().filter(|l| l.contains("đã thêm cơ quan «")) {
            let added = line.split('«').nth(1).unwrap().split('»').next().unwrap();
            let said = text.matches(&format!("đã thêm cơ quan «{added}»")).count();
            assert_eq!(said, 1, "{added} said {said} times");
        }
        assert!(!text.contains("«Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ, Ủy ban"), "{text}");
        let title = plan_field(&from_text, "title");
        assert!(title.chars().count() < 300 && title.contains(want["code"].as_str().unwrap()), "{title}");
        let (code, text) = baocao(root, &["plan", "check", from_text.to_str().unwrap()]);
        assert_eq!(code, 0, "{name}: plan check: {text}");

        for form in ["docx", "xlsx", "ods", "xls"] {
            let file = corpus.join(format!("{name}.{form}"));
            // A workbook of the tables does not say who the standing agency is.
            let extra: &[&str] = if form == "docx" { &[] } else { &["--standing", standing] };
            let (code, text, dir) = import(root, &file, extra);
            assert_eq!(code, 0, "{name}.{form}: {text}");
            assert!(text.contains(&counts), "{name}.{form}: want {counts}:\n{text}");
            for f in ["chi-tieu.toml", "nhiem-vu.toml"] {
                assert_eq!(read(&dir.join(f)), read(&from_text.join(f)), "{name}.{form}: {f}");
            }
            assert_eq!(registry_text(&dir), registry_text(&from_text), "{name}.{form}: co-quan.toml");
            for key in ["code", "date", "standing_agency"] {
                assert_eq!(plan_field(&dir, key), plan_field(&from_text, key), "{name}.{form}: {key}");
            }
            if form == "docx" {
                assert_eq!(plan_field(&dir, "signer"), plan_field(&from_text, "signer"), "{name}.docx");
                assert_eq!(plan_field(&dir, "issuer"), plan_field(&from_text, "issuer"), "{name}.docx");
                // Rows a page break split, the column-number row: said where they are.
                assert!(text.contains("bảng 4 › hàng") && text.contains("bị ngắt trang"), "{text}");
            } else {
                assert!(text.contains("không tìm thấy tên văn bản"), "{name}.{form}: {text}");
            }
        }
    }

    // The bundled plan, drafted in Word and kept in Excel, against its own registry.
    let registry = repo().join("inputs/co-quan.toml");
    for form in ["docx", "xlsx"] {
        let file = corpus.join(format!("ke-hoach-60-KH-UBND-2025.{form}"));
        let (code, text, dir) = import(
            root,
            &file,
            &["--registry", registry.to_str().unwrap(), "--standing", "Sở Khoa học và Công nghệ"],
        );
        assert_eq!(code, 0, "{form}: {text}");
        for f in ["chi-tieu.toml", "nhiem-vu.toml", "co-quan.toml"] {
            assert_eq!(read(&dir.join(f)), read(&repo().join("inputs").join(f)), "bundled plan .{form}: {f}");
        }
    }
}

/// Each imported plan goes through template, ingest and report, and the
/// report goes out under its own standing agency, to whom the plan says.
#[test]
fn imported_plans_go_through_template_ingest_and_report() {
    let corpus = corpus();
    let work = tempfile::tempdir().unwrap();
    let root = work.path();
    for (name, letterhead, recipient, task) in [
        (
            "chuong-trinh-hanh-dong-chinh-phu",
            "BỘ KHOA HỌC VÀ CÔNG NGHỆ",
            "Kính gửi: Thủ tướng Chính phủ",
            "Hoàn thiện cơ chế thử nghiệm có kiểm soát",
        ),
        (
            "ke-hoach-an-giang-2025",
            "UBND TỈNH AN GIANG",
            "Kính gửi: Ủy ban nhân dân tỉnh An Giang",
            "Chuyển đổi số trong giải quyết thủ tục hành chính cấp xã",
        ),
    ] {
        let (code, text, plan) = import(root, &corpus.join(format!("{name}.docx")), &[]);
        assert_eq!(code, 0, "{text}");
        let plan = plan.to_str().unwrap();
        let (code, text) = baocao(root, &["--plan", plan, "template", "--period", "2025-H1", "--out", "mau"]);
        assert_eq!(code, 0, "{name}: template: {text}");
        let books = std::fs::read_dir(root.join("mau")).unwrap().count();
        assert!(books > 10, "{name}: {books} workbooks: {text}");
        std::fs::remove_dir_all(root.join("mau")).unwrap();
        // The cycle with sample answers: templates, filled copies, ingest, report.
        let out = format!("chay-{name}");
        let (code, text) = baocao(root, &["--plan", plan, "demo", "--period", "2025-H1", "--out", &out]);
        assert_eq!(code, 0, "{name}: demo: {text}");
        let pdf = root.join(&out).join("2025-H1/bao-cao-2025-H1.pdf");
        // Words in order, whatever the line breaks of the table cells.
        let words = common::pdftotext_raw(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
        for shown in [letterhead, recipient, task] {
            assert!(
                words.contains(shown),
                "{name}: «{shown}» not in the report:\n{}",
                &words[..2000.min(words.len())]
            );
        }
        assert!(
            !words.contains("CÀ MAU") && !words.contains("Cà Mau"),
            "{name}: the bundled plan's letterhead"
        );
        let data = json(&root.join(&out).join("2025-H1/tong-hop.json"));
        assert!(data["files"].as_array().is_some_and(|f| !f.is_empty()), "{name}: nothing ingested");
    }
}

#[test]
fn bad_plan_files_are_refused_by_name_with_what_to_do() {
    let corpus = corpus();
    let ledger = json(&corpus.join("ledger.json"));
    let work = tempfile::tempdir().unwrap();
    let root = work.path();
    let bad = corpus.join("xau");
    let cases: [(&str, i32, &[&str]); 3] = [
        ("khong-co-bang.docx", 3, &["không tìm thấy bảng", "bảng Word", "«TT»"]),
        ("khong-co-tieu-de.xlsx", 3, &["không tìm thấy bảng", "trang tính", "«TT»"]),
        ("xml-hong.docx", 3, &["cắt dở", "lưu lại"]),
    ];
    for (file, want, words) in cases {
        let (code, text, dir) = import(root, &bad.join(file), &[]);
        assert_eq!(code, want, "{file}: {text}");
        assert!(text.contains(file), "{file} not named: {text}");
        for w in words {
            assert!(text.contains(w), "{file}: no «{w}» in {text}");
        }
        assert!(!dir.exists(), "{file}: nothing is written for a refused plan");
    }

    // An OpenDocument text is read as one (it was taken for a broken
    // spreadsheet); one cut short is said to be, with what to do.
    let odt = common::libreoffice_convert(root, &corpus.join("ke-hoach-an-giang-2025.docx"), "odt");
    let (code, text, _) = import(root, &odt, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(!text.contains("bảng tính"), "{text}");
    let whole = std::fs::read(&odt).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&whole)).unwrap();
    let cut_odt = root.join("cat-do.odt");
    {
        let mut out = zip::ZipWriter::new(std::fs::File::create(&cut_odt).unwrap());
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut data).unwrap();
            let stored =
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            out.start_file(name.as_str(), stored).unwrap();
            let keep = if name == "content.xml" { data.len() / 2 } else { data.len() };
            std::io::Write::write_all(&mut out, &data[..keep]).unwrap();
        }
        out.finish().unwrap();
    }
    let (code, text, _) = import(root, &cut_odt, &[]);
    assert_eq!(code, 3, "{text}");
    assert!(
        text.contains("cat-do.odt") && text.contains("hỏng") && text.contains("LibreOffice Writer"),
        "{text}"
    );

    // A column the format does not know: the plan imports, each value is said.
    let (code, text, _) = import(root, &bad.join("cot-ghi-chu.docx"), &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("cột không thuộc mẫu kế hoạch: «Ghi chú»"), "{text}");
    let said = text.lines().filter(|l| l.contains("cột «Ghi chú»: «Ghi chú ")).count();
    assert_eq!(Value::from(said), ledger["xau"]["ghi_chu"], "{text}");

    // Encrypted, Word 97, cut short: refused by name, with advice for each.
    let encrypted = root.join("mat-khau.docx");
    let word97 = root.join("cu.doc");
    for (path, stream) in [(&encrypted, "/EncryptedPackage"), (&word97, "/WordDocument")] {
        let mut cfb = cfb::create(path).unwrap();
        std::io::Write::write_all(&mut cfb.create_stream(stream).unwrap(), &[0u8; 64]).unwrap();
        if stream == "/EncryptedPackage" {
            std::io::Write::write_all(&mut cfb.create_stream("/EncryptionInfo").unwrap(), &[4u8, 0, 4, 0])
                .unwrap();
        }
        cfb.flush().unwrap();
    }
    let docx = std::fs::read(corpus.join("ke-hoach-an-giang-2025.docx")).unwrap();
    let cut = root.join("cat-do.docx");
    std::fs::write(&cut, &docx[..docx.len() / 3]).unwrap();
    for (path, words) in
        [(&encrypted, &["mật khẩu"][..]), (&word97, &["Word 97", ".docx"]), (&cut, &["hỏng", "lưu lại"])]
    {
        let (code, text, _) = import(root, path, &[]);
        assert_eq!(code, 3, "{text}");
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(text.contains(name), "{name} not named: {text}");
        for w in words {
            assert!(text.contains(w), "{name}: no «{w}» in {text}");
        }
    }
}
