//! The reporting cycle through the binary: templates out, workbooks in, the
//! merged data and the validation report, read back with calamine.

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let r = Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert_ne!(r.code, 101, "panicked: {}", r.stderr);
    r
}

fn rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| if let Data::Empty = c { String::new() } else { c.to_string() }).collect())
        .collect()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn templates_read_back_with_calamine() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["template", "--period", "2025-H1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mau = dir.path().join("outputs/2025-H1/mau");
    assert_eq!(std::fs::read_dir(&mau).unwrap().count(), 28, "{}", r.stdout);
    let stc = mau.join("stc.xlsx");
    let book = open_workbook_auto(&stc).unwrap();
    assert_eq!(book.sheet_names(), vec!["Hướng dẫn", "Nhiệm vụ", "Chỉ tiêu", "Báo cáo", "_baocao"]);
    let guide = rows(&stc, "Hướng dẫn");
    assert_eq!(guide[0][0], "BIỂU MẪU BÁO CÁO 6 THÁNG ĐẦU NĂM 2025");
    assert!(guide.iter().any(|r| r[0] == "Số liệu tính từ ngày 15/12/2024 đến ngày 14/6/2025."));
    assert!(guide.iter().any(|r| r[0] == "Hạn gửi: ngày 17/6/2025, gửi về Sở Khoa học và Công nghệ."));
    let tasks = rows(&stc, "Nhiệm vụ");
    assert_eq!(
        tasks[3][..7],
        ["TT", "Tên nhiệm vụ", "Vai trò", "Cơ quan chủ trì", "Kết quả dự kiến", "Thời hạn", "Tình trạng"]
    );
    // Sở Tài chính leads 12, 16, 18, 32 and 36 itself, and 6 and 8 through its groups.
    let leads: Vec<&str> = tasks[4..].iter().filter(|r| r[2] == "Chủ trì").map(|r| r[0].as_str()).collect();
    for t in ["12", "16", "18", "32", "36", "6", "8"] {
        assert!(leads.contains(&t), "task {t} missing from {leads:?}");
    }
    assert!(tasks[4..].iter().all(|r| r[6].is_empty()), "status cells start empty");
    let stamp = rows(&stc, "_baocao");
    assert_eq!(stamp[0][..2], ["ke_hoach", "60/KH-UBND"]);
    assert_eq!(stamp[2][..2], ["co_quan", "stc"]);
    assert_eq!(stamp[3][..2], ["ky_bao_cao", "2025-H1"]);
    assert_eq!(stamp[0][3], "Đã hoàn thành đúng hạn");
    assert_eq!(stamp[0][4], "Đang triển khai thường xuyên");
    let indicators = rows(&stc, "Chỉ tiêu");
    let numbers: Vec<&str> = indicators[4..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(numbers, ["6", "7", "14", "21"]);

    let r = run(dir.path(), &["template", "--period", "2025-H1", "--agency", "khong-co"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("không có cơ quan «khong-co»"), "{}", r.stderr);
}

#[test]
fn demo_runs_the_cycle_and_its_outputs_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["demo", "--period", "2025-H1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = dir.path().join("outputs/2025-H1");
    let data = json(&out.join("tong-hop.json"));
    assert_eq!(data["format"], baocao::merge::FORMAT);
    assert_eq!(data["period"]["id"], "2025-H1");
    assert_eq!(data["tasks"].as_array().unwrap().len(), 61);
    assert_eq!(data["indicators"].as_array().unwrap().len(), 43);
    let receipts: Vec<&str> =
        data["agencies"].as_array().unwrap().iter().map(|a| a["receipt"].as_str().unwrap()).collect();
    assert!(receipts.contains(&"on-time") && receipts.contains(&"late") && receipts.contains(&"missing"));
    let diags = data["diagnostics"].as_array().unwrap();
    assert!(diags.iter().any(|d| d["message"].as_str().unwrap().contains("TCVN3")));
    // The validation workbook lists every diagnostic, one per row.
    let checks = rows(&out.join("kiem-tra.xlsx"), "Kiểm tra");
    assert_eq!(checks[0], ["Mức độ", "Tệp", "Trang tính", "Ô / dòng", "Nội dung"]);
    assert_eq!(checks.len() - 1, diags.len());
    assert!(checks.iter().any(|r| r[0] == "Lỗi" && r[2] == "Nhiệm vụ" && r[4].contains("Xong một nửa")));
    let agencies = rows(&out.join("kiem-tra.xlsx"), "Cơ quan");
    assert_eq!(agencies.len() - 1, receipts.len());
    let text = std::fs::read_to_string(out.join("kiem-tra.txt")).unwrap();
    assert!(text.contains("Chưa gửi") && text.contains("CHI TIẾT"));

    // Same inputs, same bytes.
    let first: Vec<Vec<u8>> = ["tong-hop.json", "kiem-tra.txt", "kiem-tra.xlsx"]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    let r = run(dir.path(), &["demo", "--period", "2025-H1"]);
    assert_eq!(r.code, 0);
    let again: Vec<Vec<u8>> = ["tong-hop.json", "kiem-tra.txt", "kiem-tra.xlsx"]
        .iter()
        .map(|f| std::fs::read(out.join(f)).unwrap())
        .collect();
    assert!(first == again, "outputs differ between two runs");
}

fn demo_workbooks(dir: &Path) -> PathBuf {
    let r = run(dir, &["demo", "--period", "2025-H1", "--out", "d"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    dir.join("d/2025-H1/nop")
}

#[test]
fn ingest_exit_status_says_whether_every_workbook_was_clean() {
    let dir = tempfile::tempdir().unwrap();
    let nop = demo_workbooks(dir.path());
    // Clean workbooks only: exit 0.
    let clean = dir.path().join("clean");
    std::fs::create_dir(&clean).unwrap();
    for f in ["stc.xlsx", "stp.xlsx"] {
        std::fs::copy(nop.join(f), clean.join(f)).unwrap();
    }
    let r = run(dir.path(), &["ingest", "clean", "--period", "2025-H1", "--out", "o1"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // With the workbook that has mistakes (Sở Công Thương): exit 1, the error printed with its cell.
    std::fs::copy(nop.join("sct.xlsx"), clean.join("sct.xlsx")).unwrap();
    let r = run(dir.path(), &["ingest", "clean", "--period", "2025-H1", "--out", "o2"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("sct.xlsx › Nhiệm vụ › G") && r.stderr.contains("«Xong một nửa»"),
        "{}",
        r.stderr
    );
    // Another period: refused, exit 1.
    let r = run(dir.path(), &["ingest", "clean/stc.xlsx", "--period", "2025-H2", "--out", "o3"]);
    assert_eq!(r.code, 1);
    let data = json(&dir.path().join("o3/tong-hop.json"));
    assert_eq!(data["files"][0]["use"], "refused");
    // Default folder inputs/<period>/ missing: exit 3, says which folder.
    let r = run(dir.path(), &["ingest", "--period", "2025-H1"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("inputs/2025-H1"), "{}", r.stderr);
}

#[test]
fn the_later_of_two_workbooks_wins_and_the_other_is_listed() {
    use baocao::plan::assign::assignments;
    use baocao::sample::{self, Rng};
    let plan = baocao::plan::load::load(&baocao::plan::files::PlanSource::Embedded).unwrap();
    let period = baocao::period::Period::parse("2025-H1").unwrap();
    let shares = assignments(&plan);
    let snv = shares.iter().find(|a| a.agency.id.as_str() == "snv").unwrap();
    let ctx = baocao::template::Context {
        plan: &plan,
        period,
        deadline: period.default_deadline(),
        previous: None,
    };
    let dir = tempfile::tempdir().unwrap();
    let both = dir.path().join("both");
    std::fs::create_dir(&both).unwrap();
    // The later "Ngày gửi báo cáo" wins, whatever the file names say.
    for (name, day) in [("a-snv.xlsx", 20), ("z-snv.xlsx", 16)] {
        let mut entries = sample::entries(snv, period, &mut Rng::new(day));
        entries.sent_on = Some(time::Date::from_calendar_date(2025, time::Month::June, day as u8).unwrap());
        std::fs::write(both.join(name), baocao::template::workbook(&ctx, snv, Some(&entries)).unwrap())
            .unwrap();
    }
    let r = run(dir.path(), &["ingest", "both", "--period", "2025-H1", "--out", "o"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let data = json(&dir.path().join("o/tong-hop.json"));
    let agency = data["agencies"].as_array().unwrap().iter().find(|a| a["id"] == "snv").unwrap().clone();
    assert_eq!(agency["file"], "both/a-snv.xlsx");
    assert_eq!(agency["sent_on"], "2025-06-20");
    assert_eq!(agency["receipt"], "late");
    assert_eq!(agency["superseded"][0], "both/z-snv.xlsx");
    let uses: Vec<(&str, &str)> = data["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap(), f["use"].as_str().unwrap()))
        .collect();
    assert_eq!(uses, [("both/a-snv.xlsx", "used"), ("both/z-snv.xlsx", "superseded")]);
    let text = std::fs::read_to_string(dir.path().join("o/kiem-tra.txt")).unwrap();
    assert!(text.contains("both/z-snv.xlsx: Sở Nội vụ có hai tệp cho kỳ này"), "{text}");
}

#[test]
fn status_lists_who_sent_who_is_late_and_what_is_overdue() {
    let dir = tempfile::tempdir().unwrap();
    let nop = demo_workbooks(dir.path());
    let r = run(dir.path(), &["status", "--period", "2025-H1", nop.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("hạn gửi 17/6/2025"));
    let line = |name: &str| {
        r.stdout
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {}", r.stdout))
            .to_owned()
    };
    assert!(line("Sở Giáo dục và Đào tạo").contains("Chưa gửi"));
    assert!(line("Sở Nội vụ").contains("Chậm"));
    assert!(line("Sở Tài chính").contains("Đúng hạn"));
    assert!(r.stdout.contains("Nhiệm vụ quá hạn:"));
}

#[test]
fn demo_scales_to_more_agencies_with_sample_communes() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(dir.path(), &["demo", "--period", "2025-H1", "--agencies", "40", "--out", "lon"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let data = json(&dir.path().join("lon/2025-H1/tong-hop.json"));
    let agencies = data["agencies"].as_array().unwrap();
    assert_eq!(agencies.len(), 40);
    let commune = agencies.iter().find(|a| a["id"] == "xa-mau-00012").expect("sample communes report");
    // A commune answers the tasks led by "Các Sở, ban, ngành, địa phương" like any locality.
    assert!(commune["tasks_expected"].as_u64().unwrap() > 40, "{commune}");

    // The plan with its communes is written out: `ingest --plan` on the same
    // workbooks merges exactly what the demo merged.
    let r = run(
        dir.path(),
        &["ingest", "--plan", "lon/ke-hoach", "--period", "2025-H1", "--out", "lai", "lon/2025-H1/nop"],
    );
    assert_eq!(r.code, 1, "the sample has mistakes on purpose: {}", r.stderr);
    let again = std::fs::read(dir.path().join("lai/tong-hop.json")).unwrap();
    assert_eq!(again, std::fs::read(dir.path().join("lon/2025-H1/tong-hop.json")).unwrap());
}

/// `watch` lays out the preview, then again after a workbook arrives.
#[test]
fn watch_renders_again_after_a_change() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let nop = demo_workbooks(d);
    let inputs = d.join("inputs/2025-H1");
    std::fs::create_dir_all(&inputs).unwrap();
    std::fs::copy(nop.join("stc.xlsx"), inputs.join("stc.xlsx")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["watch", "--period", "2025-H1", "--max-renders", "2"])
        .current_dir(d)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let wait_for = |words: &str| loop {
        let line =
            rx.recv_timeout(std::time::Duration::from_secs(120)).expect("watch said nothing for two minutes");
        if line.contains(words) {
            return line;
        }
    };
    let first = wait_for("Đã lập bản xem trước");
    assert!(first.contains(" ms."), "{first}");
    wait_for("Đang theo dõi");
    let preview = d.join("outputs/2025-H1/bao-cao-2025-H1-xem-truoc.pdf");
    let before = std::fs::read(&preview).unwrap();
    std::fs::copy(nop.join("stp.xlsx"), inputs.join("stp.xlsx")).unwrap();
    wait_for("Đã lập bản xem trước");
    let status = child.wait().unwrap();
    assert!(status.success());
    let after = std::fs::read(&preview).unwrap();
    assert_ne!(before, after, "the preview did not change after a workbook arrived");
    assert!(!d.join("outputs/2025-H1/manifest.json").exists(), "a preview is not archived");
}
