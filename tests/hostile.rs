//! Broken and hostile inputs (tests/corpus/hostile.py) beside good
//! workbooks, through `ingest` with its address space bounded (`ulimit -v`)
//! and a time limit: no crash, no abort, no hang, every case said at its
//! place, and the good workbooks merged every time.
//!
//! Needs python3 with openpyxl, LibreOffice and bash's `ulimit`; `bash
//! tests/run` installs what is missing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{check_ledger, corpus, json, missing_from_report_excel};

/// The address space `ingest` may use, in KiB: a run whose allocations
/// pass it aborts, and the test fails.
const ADDRESS_SPACE: u64 = 1 << 20;

/// `baocao …` under the bounds; its exit code and what it printed.
fn bounded(root: &std::path::Path, args: &str) -> (i32, String) {
    let exe = env!("CARGO_BIN_EXE_baocao");
    let script = format!("ulimit -v {ADDRESS_SPACE} && exec timeout 300 '{exe}' {args}");
    let out = Command::new("bash").arg("-c").arg(&script).current_dir(root).output().expect("bash");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn broken_and_hostile_inputs_cost_nothing_but_themselves() {
    let (_dir, root) = corpus("hostile.py");
    let ledger = json(&root.join("ledger.json"));
    let entries = ledger.as_array().unwrap();
    let before = snapshot(&root);
    let (code, text) = bounded(&root, "ingest nop --period 2025-H1 --out out");
    // 1: errors were found and said. Not 101 (panic), 134 (abort), 124 (timeout).
    assert_eq!(code, 1, "{text}");
    let data = json(&root.join("out/tong-hop.json"));
    let failures = check_ledger(&data, entries);
    assert!(
        failures.is_empty(),
        "{} cases not said where they are:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let files = data["files"].as_array().unwrap();
    let use_of =
        |f: &str| files.iter().find(|x| x["file"] == f).map(|x| x["use"].as_str().unwrap().to_owned());
    for good in
        ["nop/sct.xlsx", "nop/snv.xlsx", "nop/stc.xlsx", "nop/syt.xlsx", "nop/nhnn.xlsx", "nop/sgddt.xlsx"]
    {
        assert_eq!(use_of(good).as_deref(), Some("used"), "{good} beside the broken files");
    }
    for d in data["diagnostics"].as_array().unwrap() {
        assert!(!d["location"]["file"].as_str().unwrap().is_empty(), "a message that names no file: {d}");
    }

    // No agency's text stops the report: what no font has is printed as �,
    // controls are gone, and the Excel file keeps every text as merged.
    let (code, text) = bounded(&root, "report --period 2025-H1 --out out");
    assert_eq!(code, 0, "{text}");
    assert_eq!(snapshot(&root), before, "ingest and report wrote only into their output folder");
    assert!(text.contains("bản PDF in «�» thay cho") && text.contains("U+0926"), "{text}");
    let missing = missing_from_report_excel(&root.join("out/bao-cao-2025-H1.xlsx"), &data, entries);
    assert!(missing.is_empty(), "merged but not in the report's Excel file:\n{}", missing.join("\n"));
    let pdf = root.join("out/bao-cao-2025-H1.pdf");
    let out =
        Command::new("pdftotext").arg("-raw").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext: {}", String::from_utf8_lossy(&out.stderr));
    let pdf_text = String::from_utf8(out.stdout).unwrap();
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let pdf_flat = flat(&pdf_text);
    for shown in [
        "Hợp tác với �� (Trung Quốc)",
        "Đã hoàn thành ✓",
        "Đối tác Nga: Москва",
        "#panic(\"dừng\") trong ô",
        "{{ get_env(name=\"PATH\") }}",
        "<script>alert(1)</script>",
        "Chuông kêu",
        // Agencies' Markdown is their text, printed as typed (issue 17).
        "*đậm* _nghiêng_ `mã`",
        "(http://x.vn) và ]",
        "$x^2$ công thức",
    ] {
        assert!(pdf_flat.contains(&flat(shown)), "«{shown}» not in the PDF");
    }
    assert!(
        !pdf_text.contains("\u{7}") && !pdf_text.contains("\u{202E}"),
        "a control character reached the PDF"
    );
    let fonts = Command::new("pdffonts").arg(&pdf).output().expect("pdffonts (poppler-utils)");
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(fonts.contains("DejaVuSans") && fonts.contains("LiberationSerif"), "{fonts}");

    // A device named as an input is refused by name; the workbook beside it is read.
    let (code, text) = bounded(&root, "ingest /dev/zero nop/sct.xlsx --period 2025-H1 --out out2");
    assert_eq!(code, 1, "{text}");
    let data = json(&root.join("out2/tong-hop.json"));
    let diags = data["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d["location"]["file"] == "/dev/zero" && d["severity"] == "error"),
        "{diags:#?}"
    );
    assert_eq!(data["files"].as_array().unwrap()[0]["use"], "used");
}

/// What `fonts::Coverage` calls printable is what the PDF/A export can show:
/// every such character (all planes up to U+2FFFF) through a template and
/// `report`, which fails on any glyph no font has.
#[test]
fn every_character_called_printable_reaches_the_pdf() {
    let dir = merged_empty_period("outputs/2025-H1");
    let root = dir.path();
    let coverage = baocao::fonts::Coverage::embedded();
    let chars: Vec<char> = (0x80u32..0x30000)
        .filter_map(char::from_u32)
        .filter(|c| !c.is_control() && coverage.printable(*c))
        .collect();
    assert!(chars.len() > 5000 && chars.contains(&'✓') && !chars.contains(&'✅'), "{}", chars.len());
    let mut template = String::from("#set text(font: (\"Liberation Serif\",), lang: \"vi\")\n");
    for chunk in chars.chunks(200) {
        let s: String = chunk.iter().collect();
        template.push_str(&format!("#{}\n\n", serde_json::to_string(&s).unwrap()));
    }
    std::fs::create_dir_all(root.join("mau-in")).unwrap();
    std::fs::write(root.join("mau-in/bao-cao.typ"), template).unwrap();
    let (code, text) = bounded(root, "report --period 2025-H1 --templates mau-in");
    assert_eq!(code, 0, "{text}");
}

/// Workbooks cut short, flipped, emptied of parts, given entity tricks,
/// nested or repeated to exhaust a reader, and other files renamed
/// (tests/corpus/hostile_files.py): each one is used, superseded or refused
/// by name, none takes the run down, and the good workbook beside them is
/// merged.
#[test]
fn damaged_and_malicious_files_are_each_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/hostile_files.py");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = Command::new("python3").arg(&script).arg(&fixtures).arg(root).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let made: usize = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
    assert!(made >= 200, "{made} files");
    let (code, text) = bounded(root, "ingest hong --period 2025-H1 --out out");
    assert_eq!(code, 1, "{text}");
    let data = json(&root.join("out/tong-hop.json"));
    let uses: std::collections::HashMap<&str, &str> = data["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["use"].as_str().unwrap()))
        .collect();
    let said: std::collections::HashSet<&str> = data["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["location"]["file"].as_str().unwrap())
        .collect();
    let mut silent = Vec::new();
    for entry in walk(&root.join("hong")) {
        let name = entry.strip_prefix(root).unwrap().to_string_lossy().to_string();
        if !uses.contains_key(name.as_str()) && !said.contains(name.as_str()) {
            silent.push(name);
        }
    }
    assert!(silent.is_empty(), "files neither used nor named in a message: {silent:?}");
    assert_eq!(uses.get("hong/tot/syt.ods"), Some(&"used"), "the good workbook beside the damaged ones");
    let text = std::fs::read_to_string(root.join("out/tong-hop.json")).unwrap();
    assert!(!text.contains("root:x:0"), "an external entity was resolved");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

/// Hostile inputs of every other command (tests/corpus/hostile_runs.py):
/// configurations, templates, fonts, PDFs and certificates, plan texts,
/// edited manifests. Each run ends with the exit code README gives, names
/// the file at fault, and writes nothing outside its output folder.
#[test]
fn every_command_refuses_hostile_inputs_by_name() {
    let dir = merged_empty_period("out");
    let root = dir.path();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/hostile_runs.py");
    let out = Command::new("python3").arg(&script).arg(root).output().expect("python3");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cases = json(&root.join("runs.json"));
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 90, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in cases {
        let args: Vec<String> =
            case["args"].as_array().unwrap().iter().map(|a| quote(a.as_str().unwrap())).collect();
        let before = snapshot(root);
        let (code, text) = bounded(root, &args.join(" "));
        let name = case["name"].as_str().unwrap();
        let codes: Vec<i64> = match &case["code"] {
            serde_json::Value::Array(list) => list.iter().map(|c| c.as_i64().unwrap()).collect(),
            c => vec![c.as_i64().unwrap()],
        };
        if !codes.contains(&i64::from(code)) {
            failures.push(format!("{name}: exit {code}, expected {codes:?}:\n{text}"));
            continue;
        }
        for says in case["says"].as_array().unwrap() {
            if !text.contains(says.as_str().unwrap()) {
                failures.push(format!("{name}: the messages do not say «{says}»:\n{text}"));
            }
        }
        let after = snapshot(root);
        let changed: Vec<&String> = after.symmetric_difference(&before).collect();
        if !changed.is_empty() {
            failures.push(format!("{name}: wrote outside its output folder: {changed:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases:\n{}", failures.len(), cases.len(), failures.join("\n\n"));
}

/// A folder where 2025-H1 was ingested with no submissions, into `out`.
fn merged_empty_period(out: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs/2025-H1")).unwrap();
    let (code, text) = bounded(dir.path(), &format!("ingest --period 2025-H1 --out {out}"));
    assert_eq!(code, 0, "{text}");
    dir
}

/// A shell word.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Every file under `root` with its size and modification time, but for
/// the output folders the commands are given (`out`, `out-kh`).
fn snapshot(root: &Path) -> std::collections::BTreeSet<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
            if rel == "out" || rel == "out-kh" {
                continue;
            }
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p);
            } else {
                seen.insert(format!("{rel} {} {:?}", meta.len(), meta.modified().ok()));
            }
        }
    }
    seen
}

/// A workbook saved with a password to open (Excel's «Encrypt with
/// Password»: a compound file holding the encrypted package): said to be
/// password-protected, with what to ask for, not called corrupt.
#[test]
fn a_password_protected_workbook_is_said_to_be_one() {
    let dir = merged_empty_period("out");
    let root = dir.path();
    let path = root.join("mat-khau.xlsx");
    let mut cfb = cfb::create(&path).unwrap();
    for (name, bytes) in
        [("/EncryptionInfo", &[4u8, 0, 4, 0, 0x40, 0, 0, 0][..]), ("/EncryptedPackage", &[0u8; 64][..])]
    {
        std::io::Write::write_all(&mut cfb.create_stream(name).unwrap(), bytes).unwrap();
    }
    cfb.flush().unwrap();
    drop(cfb);
    let (code, text) = bounded(root, "ingest mat-khau.xlsx --period 2025-H1 --out out");
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("mat-khau.xlsx") && text.contains("đặt mật khẩu"), "{text}");
    assert!(text.contains("bản không đặt mật khẩu"), "{text}");
}
