//! What the corpus tests share: running the binary, building a corpus with
//! one of the scripts in `tests/corpus/`, and checking its ledger.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Runs the binary in `cwd`: its exit code and everything it printed. A
/// panic fails the test.
pub fn baocao(cwd: &Path, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let code = out.status.code().unwrap_or(-1);
    assert_ne!(code, 101, "baocao panicked: {text}");
    (code, text)
}

/// A corpus in a fresh folder: templates by baocao, then `script` (in
/// tests/corpus/) fills and breaks them and writes `ledger.json`.
pub fn corpus(script: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let (code, text) = baocao(&root, &["template", "--period", "2025-H1", "--out", "mau"]);
    assert_eq!(code, 0, "{text}");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus").join(script);
    let out = Command::new("python3").arg(&script).arg(&root).output().unwrap_or_else(|e| {
        panic!("python3 is needed to build the corpus ({e}); `bash tests/run` installs what is missing")
    });
    assert!(
        out.status.success(),
        "{} failed (it needs openpyxl and LibreOffice's soffice; `bash tests/run` installs them):\n{}",
        script.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, root)
}

pub fn json(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Whether the merged data holds what `want` says.
pub fn merged(data: &Value, want: &Value) -> Result<(), String> {
    let agency = want["agency"].as_str().unwrap();
    let same = |found: &Value, expected: &Value| match (found.as_f64(), expected.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        _ => found == expected,
    };
    if let Some(tt) = want["task"].as_str() {
        let field = want["field"].as_str().unwrap();
        let task =
            data["tasks"].as_array().unwrap().iter().find(|t| t["number"] == tt).ok_or("no such task")?;
        let answer = task["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["agency"] == agency)
            .ok_or_else(|| format!("no answer of {agency} for task {tt}"))?;
        return if same(&answer[field], &want["value"]) {
            Ok(())
        } else {
            Err(format!("task {tt} {field} is {}", answer[field]))
        };
    }
    if let Some(no) = want["indicator"].as_str() {
        let field = want["field"].as_str().unwrap();
        let ind = data["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["number"] == no)
            .ok_or("no such indicator")?;
        let report = ind["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["agency"] == agency)
            .ok_or_else(|| format!("no report of {agency} for indicator {no}"))?;
        return if same(&report[field], &want["value"]) {
            Ok(())
        } else {
            Err(format!("indicator {no} {field} is {}", report[field]))
        };
    }
    if let Some(section) = want["section"].as_str() {
        let found = data["narratives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["agency"] == agency && n["section"] == section);
        return match found {
            Some(n) if n["text"] == want["value"] => Ok(()),
            Some(n) => Err(format!("section {section} is {}", n["text"])),
            None => Err(format!("no {section} of {agency}")),
        };
    }
    if want.get("sent_on").is_some() {
        let a = data["agencies"].as_array().unwrap().iter().find(|a| a["id"] == agency).unwrap();
        return if a["sent_on"] == want["sent_on"] {
            Ok(())
        } else {
            Err(format!("sent_on is {}", a["sent_on"]))
        };
    }
    Err(format!("unknown expectation {want}"))
}

/// The row number of an A1 reference.
pub fn row_of(cell: &str) -> &str {
    cell.trim_start_matches(|c: char| c.is_ascii_alphabetic())
}

/// Whether a diagnostic says what `want` says, where it says.
pub fn located(data: &Value, entry: &Value, want: &Value) -> Result<(), String> {
    let file = entry["file"].as_str().unwrap();
    let (sheet, cell) = (entry["sheet"].as_str(), entry["cell"].as_str());
    let at = want["at"].as_str().unwrap();
    let words: Vec<&str> = want["contains"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    let found = data["diagnostics"].as_array().unwrap().iter().any(|d| {
        let loc = &d["location"];
        let place = loc["file"] == file
            && match at {
                "cell" => loc["sheet"].as_str() == sheet && loc["cell"].as_str() == cell,
                "row" => {
                    loc["sheet"].as_str() == sheet
                        && loc["cell"].as_str().is_some_and(|c| Some(row_of(c)) == cell.map(row_of))
                }
                "sheet" => loc["sheet"].as_str() == sheet && loc["cell"].is_null(),
                _ => loc["sheet"].is_null() && loc["cell"].is_null(),
            };
        let message = d["message"].as_str().unwrap();
        place && d["severity"] == want["severity"] && words.iter().all(|w| message.contains(w))
    });
    if found { Ok(()) } else { Err(format!("no {} at {at} saying {words:?}", want["severity"])) }
}

/// Checks every expectation of the ledger against the merged data; what
/// fails, one line each.
pub fn check_ledger(data: &Value, entries: &[Value]) -> Vec<String> {
    let mut failures = Vec::new();
    for e in entries {
        let expect = e["expect"].as_array().unwrap();
        assert!(!expect.is_empty(), "ledger entry without expectation: {e}");
        for want in expect {
            let checked = if let Some(m) = want.get("merged") {
                merged(data, m)
            } else if let Some(m) = want.get("message") {
                located(data, e, m)
            } else if let Some(a) = want.get("absent") {
                let found = data["narratives"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n["agency"] == a["agency"] && n["section"] == a["section"]);
                if found { Err("merged though nothing visible was typed".into()) } else { Ok(()) }
            } else {
                Err(format!("unknown expectation {want}"))
            };
            if let Err(why) = checked {
                failures.push(format!(
                    "{} › {:?} › {:?} «{}»: {why}",
                    e["file"], e["sheet"], e["cell"], e["typed"]
                ));
            }
        }
    }
    failures
}

/// The merged values of the ledger that the report's Excel file (`xlsx`)
/// does not show, by agency, as they were merged: one line each.
pub fn missing_from_report_excel(xlsx: &Path, data: &Value, entries: &[Value]) -> Vec<String> {
    use calamine::{Data, Reader, open_workbook_auto};
    use std::collections::BTreeMap;
    let names: BTreeMap<String, String> = data["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_owned(), a["name"].as_str().unwrap().to_owned()))
        .collect();
    let mut book = open_workbook_auto(xlsx).unwrap();
    let sheet = |book: &mut calamine::Sheets<_>, name: &str| -> Vec<Vec<Data>> {
        book.worksheet_range(name).unwrap().rows().map(|r| r.to_vec()).collect()
    };
    let answers = sheet(&mut book, "Nhiệm vụ theo cơ quan");
    let reports = sheet(&mut book, "Chỉ tiêu theo cơ quan");
    let column = |field: &str| match field {
        "status_text" => Some(3),
        "achieved" => Some(6),
        "difficulties" => Some(7),
        "proposals" => Some(8),
        "value" => Some(2),
        "source" => Some(4),
        "note" => Some(5),
        _ => None,
    };
    let mut missing = Vec::new();
    for want in entries.iter().flat_map(|e| e["expect"].as_array().unwrap()).filter_map(|w| w.get("merged")) {
        let (Some(field), Some(name)) = (want["field"].as_str(), names.get(want["agency"].as_str().unwrap()))
        else {
            continue;
        };
        let Some(c) = column(field) else { continue };
        let (rows, key) = match (want["task"].as_str(), want["indicator"].as_str()) {
            (Some(tt), _) => (&answers, tt),
            (_, Some(no)) => (&reports, no),
            _ => continue,
        };
        let hit = rows.iter().any(|r| {
            r.len() > c
                // TT is a number in the report's Excel file, an indicator's «8.1» text.
                && match &r[0] {
                    Data::String(s) => s == key,
                    Data::Float(v) => key.parse::<f64>() == Ok(*v),
                    _ => false,
                }
                && r[1].to_string() == *name
                && match (&r[c], &want["value"]) {
                    (Data::Float(v), Value::Number(n)) => (v - n.as_f64().unwrap()).abs() < 1e-9,
                    (cell, Value::String(s)) => cell.to_string() == *s,
                    _ => false,
                }
        });
        if !hit {
            missing.push(format!("{name} {key} {field} {}", want["value"]));
        }
    }
    missing
}

/// A PDF's text in reading order (`pdftotext -raw`), the reader not ours.
pub fn pdftotext_raw(pdf: &Path) -> String {
    let out =
        Command::new("pdftotext").args(["-raw", pdf.to_str().unwrap(), "-"]).output().unwrap_or_else(|e| {
            panic!("pdftotext is needed ({e}); install poppler-utils or run `bash tests/run`")
        });
    assert!(out.status.success(), "pdftotext could not read {}", pdf.display());
    String::from_utf8(out.stdout).unwrap()
}

/// `docx` converted to PDF by LibreOffice (a reader not written here), in
/// `dir/lo/`, with a profile of its own; the PDF's path.
pub fn libreoffice_pdf(dir: &Path, docx: &Path) -> PathBuf {
    libreoffice_convert(dir, docx, "pdf")
}

/// `file` saved by LibreOffice as `ext` (`pdf`, `odt`…) in `dir/lo/`; its path.
pub fn libreoffice_convert(dir: &Path, file: &Path, ext: &str) -> PathBuf {
    libreoffice_all(dir, &[file.to_owned()], ext, &dir.join("lo")).remove(0)
}

/// `files` saved by LibreOffice as `ext` into `out`, in one run (one start
/// of LibreOffice), with a profile of its own in `dir`; their paths.
pub fn libreoffice_all(dir: &Path, files: &[PathBuf], ext: &str, out: &Path) -> Vec<PathBuf> {
    let run = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display()))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("LibreOffice (soffice) is needed; `bash tests/run` installs it");
    files
        .iter()
        .map(|f| {
            let made = out.join(f.with_extension(ext).file_name().unwrap());
            assert!(
                made.is_file(),
                "LibreOffice did not read {}: {}",
                f.display(),
                String::from_utf8_lossy(&run.stderr)
            );
            made
        })
        .collect()
}

/// What the demo report must say, wherever it is read from: our PDF, or
/// LibreOffice's rendering of its Word twin.
pub const DEMO_REPORT_TEXT: [&str; 23] = [
    "UBND TỈNH CÀ MAU",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 45/BC-SKHCN",
    "Cà Mau, ngày 27 tháng 6 năm 2025",
    "BÁO CÁO",
    "Kính gửi: Ủy ban nhân dân tỉnh Cà Mau",
    "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI",
    "II. KẾT QUẢ THỰC HIỆN",
    "III. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC",
    "V. ĐỀ XUẤT, KIẾN NGHỊ",
    "Nơi nhận:",
    "- Lưu: VT, QLCN.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Văn An",
    "Phụ lục I",
    "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
    "Phụ lục II",
    "TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ",
    "Phụ lục III",
    "(Kèm theo Báo cáo số 45/BC-SKHCN ngày 27/6/2025 của Sở Khoa học và Công nghệ)",
];

/// Lays out `data` (a `doc` and one `appendix`) with the built-in
/// `phu-luc.typ` and writes the PDF into a new temporary folder.
pub fn appendix_pdf(data: Value) -> (tempfile::TempDir, PathBuf) {
    let date = time::macros::date!(2025 - 12 - 20);
    let world =
        baocao::render::world::ReportWorld::new("phu-luc.typ", data, date, None, None, Vec::new()).unwrap();
    let pdf = baocao::render::pdf(&world, "thu", date, false, baocao::render::Caches::Release).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phu-luc.pdf");
    std::fs::write(&path, pdf).unwrap();
    (dir, path)
}

/// Writes `inputs/2025-H1/<agency>.xlsx` under `dir`: the bundled plan's
/// workbook for `agency`, filled with the sample answers of `seed` and then
/// changed by `edit`, as a clerk would send it back.
pub fn sample_submission(dir: &Path, agency: &str, seed: u64, edit: impl FnOnce(&mut baocao::form::Entries)) {
    use baocao::plan::assign::assignments;
    let plan = baocao::plan::load::load(&baocao::plan::files::PlanSource::Embedded).unwrap();
    let period = baocao::period::Period::parse("2025-H1").unwrap();
    let ctx = baocao::template::Context {
        plan: &plan,
        period,
        deadline: period.default_deadline(),
        previous: None,
    };
    let share = assignments(&plan).into_iter().find(|a| a.agency.id.as_str() == agency).unwrap();
    let mut entries = baocao::sample::entries(&share, period, &mut baocao::sample::Rng::new(seed));
    edit(&mut entries);
    let inputs = dir.join("inputs/2025-H1");
    std::fs::create_dir_all(&inputs).unwrap();
    let bytes = baocao::template::workbook(&ctx, &share, Some(&entries)).unwrap();
    std::fs::write(inputs.join(format!("{agency}.xlsx")), bytes).unwrap();
}

/// Runs `script` with python3 and openpyxl: workbooks edited the way other
/// software writes them.
pub fn openpyxl(script: &str) {
    let out = Command::new("python3")
        .args(["-c", script])
        .output()
        .expect("python3 with openpyxl is needed: `bash tests/run` installs it");
    assert!(out.status.success(), "openpyxl: {}", String::from_utf8_lossy(&out.stderr));
}
