//! Archiving: PDF/A-2b metadata, a manifest that `verify` checks, and new
//! versions instead of overwrites.

use std::path::Path;
use std::process::Command;

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn pdfinfo(args: &[&str]) -> String {
    let out = Command::new("pdfinfo")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("pdfinfo is needed ({e}); install poppler-utils or run `bash tests/run`"));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn reports_are_pdf_a_recorded_verified_and_versioned() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Two workbooks from the demo, as the period's inputs.
    assert_eq!(baocao(d, &["demo", "--period", "2025-H1", "--out", "demo"]).0, 0);
    std::fs::create_dir_all(d.join("inputs/2025-H1")).unwrap();
    for f in ["stc.xlsx", "snv.xlsx"] {
        std::fs::copy(d.join("demo/2025-H1/nop").join(f), d.join("inputs/2025-H1").join(f)).unwrap();
    }
    assert_eq!(baocao(d, &["ingest", "--period", "2025-H1"]).0, 0);
    let (code, out, err) = baocao(d, &["report", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    let period = d.join("outputs/2025-H1");
    let pdf = period.join("bao-cao-2025-H1.pdf");

    let meta = pdfinfo(&["-meta", pdf.to_str().unwrap()]);
    assert!(
        meta.contains("<pdfaid:part>2</pdfaid:part>")
            && meta.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "{meta}"
    );
    let info = pdfinfo(&[pdf.to_str().unwrap()]);
    for field in ["Title:", "Author:", "Subject:", "Keywords:", "CreationDate:"] {
        assert!(
            info.lines().any(|l| l.starts_with(field) && l.len() > field.len() + 5),
            "{field} missing:\n{info}"
        );
    }

    // The manifest lists inputs and outputs with their hashes.
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(period.join("manifest.json")).unwrap()).unwrap();
    let run = &manifest["runs"][0];
    assert_eq!(run["version"], 1);
    let inputs: Vec<&str> =
        run["inputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    // Named from the period folder, so the project copied elsewhere verifies from anywhere.
    assert_eq!(inputs, ["../../inputs/2025-H1/snv.xlsx", "../../inputs/2025-H1/stc.xlsx"]);
    assert_eq!(run["inputs"][1]["agency"], "stc");
    assert_eq!(run["inputs"][1]["sha256"].as_str().unwrap().len(), 64);
    let outputs: Vec<&str> =
        run["outputs"].as_array().unwrap().iter().map(|i| i["path"].as_str().unwrap()).collect();
    assert_eq!(outputs, ["bao-cao-2025-H1.pdf", "bao-cao-2025-H1.docx", "bao-cao-2025-H1.xlsx"]);

    let (code, out, _) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("không có gì thay đổi"));

    // A changed input, a changed output, an added file: each named.
    let original_pdf = std::fs::read(&pdf).unwrap();
    let mut tampered = original_pdf.clone();
    let n = tampered.len();
    tampered[n / 2] ^= 0x01;
    std::fs::write(&pdf, &tampered).unwrap();
    let input = d.join("inputs/2025-H1/stc.xlsx");
    let original_input = std::fs::read(&input).unwrap();
    std::fs::write(&input, b"not the same").unwrap();
    std::fs::write(period.join("ghi-chu.txt"), b"x").unwrap();
    let (code, _, err) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 1);
    assert!(err.contains("đã thay đổi: bao-cao-2025-H1.pdf"), "{err}");
    assert!(err.contains("đã thay đổi: ../../inputs/2025-H1/stc.xlsx"), "{err}");
    assert!(err.contains("thêm mới, không có trong manifest: ghi-chu.txt"), "{err}");
    std::fs::write(&pdf, &original_pdf).unwrap();
    std::fs::write(&input, &original_input).unwrap();
    std::fs::remove_file(period.join("ghi-chu.txt")).unwrap();

    // Same inputs: the same report, no new version.
    assert_eq!(baocao(d, &["report", "--period", "2025-H1"]).0, 0);
    assert!(!period.join("bao-cao-2025-H1-v2.pdf").exists());
    // Another report number: a new version; the first stays as it was.
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/bao-cao.toml")).unwrap();
    std::fs::write(d.join("so-6.toml"), config.replace("number = 45", "number = 46")).unwrap();
    let (code, out, err) = baocao(d, &["report", "--period", "2025-H1", "--config", "so-6.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("bao-cao-2025-H1-v2.pdf"), "{out}");
    assert_eq!(std::fs::read(&pdf).unwrap(), original_pdf);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(period.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["runs"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["runs"][1]["version"], 2);
    assert_eq!(baocao(d, &["verify", "outputs/2025-H1"]).0, 0);
    // --force replaces the first version instead.
    assert_eq!(baocao(d, &["report", "--period", "2025-H1", "--config", "so-6.toml", "--force"]).0, 0);
    assert_ne!(std::fs::read(&pdf).unwrap(), original_pdf);
    assert_eq!(
        baocao(d, &["verify", "outputs/2025-H1"]).0,
        0,
        "the forced run is the record of the file now"
    );

    // Templates and reminder letters written into the period folder join the manifest.
    assert_eq!(baocao(d, &["template", "--period", "2025-H1"]).0, 0);
    assert_eq!(baocao(d, &["remind", "--period", "2025-H1"]).0, 0);
    let (code, out, err) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Mã băm cuối của chuỗi manifest"), "{out}");
    let letter = std::fs::read_dir(period.join("don-doc")).unwrap().next().unwrap().unwrap().path();
    let letter_name = format!("don-doc/{}", letter.file_name().unwrap().to_string_lossy());
    std::fs::write(&letter, b"sua").unwrap();
    std::fs::remove_file(period.join("mau/stc.xlsx")).unwrap();
    std::fs::create_dir_all(period.join("mau/them")).unwrap();
    std::fs::write(period.join("mau/them/.an.xlsx"), b"x").unwrap();
    let (code, _, err) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("đã thay đổi: {letter_name}")), "{err}");
    assert!(err.contains("bị mất: mau/stc.xlsx"), "{err}");
    assert!(
        err.contains("thêm mới, không có trong manifest: mau/them/.an.xlsx"),
        "hidden files in sub-folders: {err}"
    );
    std::fs::remove_dir_all(period.join("mau/them")).unwrap();
    assert_eq!(baocao(d, &["template", "--period", "2025-H1"]).0, 0);
    assert_eq!(baocao(d, &["remind", "--period", "2025-H1"]).0, 0);
    assert_eq!(
        baocao(d, &["verify", "outputs/2025-H1"]).0,
        0,
        "written again: the newest version is the record"
    );

    // The whole project copied elsewhere verifies from any folder.
    let copy = tempfile::tempdir().unwrap();
    for sub in ["inputs", "outputs"] {
        copy_dir(&d.join(sub), &copy.path().join("du-an").join(sub));
    }
    let (code, out, err) =
        baocao(Path::new("/"), &["verify", copy.path().join("du-an/outputs/2025-H1").to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");

    // A recorded hash edited in the manifest: the chain shows it.
    let manifest_path = period.join("manifest.json");
    let text = std::fs::read_to_string(&manifest_path).unwrap();
    let mut m: serde_json::Value = serde_json::from_str(&text).unwrap();
    m["runs"][0]["outputs"][0]["size"] = serde_json::json!(1);
    std::fs::write(&manifest_path, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let (code, _, err) = baocao(d, &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("chuỗi mã băm của manifest.json đứt ở mắt 1"), "{err}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
