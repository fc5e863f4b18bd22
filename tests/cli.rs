//! The `baocao` binary as a user runs it: exit codes, Vietnamese messages
//! that name file and line, and no panic on bad input.

use std::path::{Path, PathBuf};
use std::process::Command;

use unicode_normalization::UnicodeNormalization;

const REFERENCE: &str = "inputs/van-ban/ke-hoach-60-KH-UBND-2025.txt";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary in `cwd` and checks what every run must satisfy: it did
/// not panic, and everything it printed is NFC.
fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("the binary runs");
    let run = Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    assert_ne!(run.code, 101, "panicked: {}", run.stderr);
    for text in [&run.stdout, &run.stderr] {
        assert_eq!(text.nfc().collect::<String>(), *text, "output is not NFC");
    }
    run
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Run {
    run_in(&repo(), args)
}

fn reference() -> String {
    std::fs::read_to_string(repo().join(REFERENCE)).unwrap()
}

/// A copy of the bundled plan in a temporary folder, to be edited by a test.
fn plan_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in ["ke-hoach.toml", "chi-tieu.toml", "nhiem-vu.toml", "co-quan.toml"] {
        std::fs::copy(repo().join("inputs").join(f), dir.path().join(f)).unwrap();
    }
    dir
}

fn edit(dir: &Path, file: &str, from: &str, to: &str) -> usize {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find(from).unwrap_or_else(|| panic!("{from:?} not in {file}"));
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    text[..at].matches('\n').count() + 1
}

fn import_text(text: &[u8]) -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("ke-hoach.txt");
    std::fs::write(&src, text).unwrap();
    let out = dir.path().join("out");
    let r = run(&["plan", "import", src.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    (dir, r)
}

#[test]
fn help_is_vietnamese() {
    for args in
        [&["--help"][..], &["plan", "--help"], &["plan", "import", "--help"], &["plan", "check", "-h"]]
    {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("Cách dùng:"), "{}", r.stdout);
        for english in ["Usage:", "Options:", "Commands:", "Arguments:", "Print help", "[default"] {
            assert!(!r.stdout.contains(english), "{args:?} shows {english:?}:\n{}", r.stdout);
        }
    }
}

#[test]
fn command_line_mistakes_exit_2_in_vietnamese() {
    let r = run(&["plan", "show", "--jsn"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("không có tùy chọn «--jsn»") && r.stderr.contains("«--json»"), "{}", r.stderr);
    let r = run(&["plan", "bogus"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("không có lệnh «bogus»"), "{}", r.stderr);
    let r = run(&["plan", "import"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("thiếu đối số bắt buộc"), "{}", r.stderr);
}

#[test]
fn show_summarises_the_embedded_plan_outside_the_repo() {
    let empty = tempfile::tempdir().unwrap();
    let r = run_in(empty.path(), &["plan", "show"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Kế hoạch số 60/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân tỉnh Cà Mau"));
    assert!(r.stdout.contains("Nguồn: kế hoạch có sẵn trong chương trình"));
    assert!(r.stdout.contains("Phụ lục I — 43 chỉ tiêu"));
    assert!(r.stdout.contains("Phụ lục II — 61 nhiệm vụ"));
    assert!(r.stdout.contains("Quý IV/2025"));
    let skhcn = r.stdout.lines().find(|l| l.trim_start().starts_with("skhcn ")).unwrap();
    assert!(skhcn.contains("Sở Khoa học và Công nghệ"), "{skhcn}");
}

#[test]
fn show_json_has_the_documented_shape() {
    let r = run(&["plan", "show", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    assert_eq!(v["format"], 1);
    assert_eq!(v["info"]["code"], "60/KH-UBND");
    assert_eq!(v["info"]["date"], "2025-02-25");
    assert_eq!(v["info"]["standing_agency"], "skhcn");
    let tasks: Vec<&serde_json::Value> =
        v["task_groups"].as_array().unwrap().iter().flat_map(|g| g["tasks"].as_array().unwrap()).collect();
    assert_eq!(tasks.len(), 61);
    let t1 = tasks[0];
    assert_eq!(t1["number"], "1");
    assert_eq!(t1["deadline"]["printed"], "Tháng 7/2025");
    assert_eq!(t1["deadline"]["kind"], "month");
    assert_eq!(t1["deadline"]["due"], "2025-07-31");
    let i11 = v["indicator_groups"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["number"] == "11")
        .unwrap();
    assert_eq!(i11["target"]["kind"], "greater-than");
    assert_eq!(i11["target"]["min"], 0.7);
    assert!(v["registry"]["groups"].as_array().unwrap().iter().any(|g| g["id"] == "so-nganh-dia-phuong"));
}

#[test]
fn import_of_the_reference_matches_the_bundled_plan() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("ke-hoach");
    let r = run(&["plan", "import", REFERENCE, "--out", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("43 chỉ tiêu") && r.stdout.contains("61 nhiệm vụ"), "{}", r.stdout);
    for f in ["ke-hoach.toml", "chi-tieu.toml", "nhiem-vu.toml", "co-quan.toml"] {
        assert_eq!(
            std::fs::read(dir.join(f)).unwrap(),
            std::fs::read(repo().join("inputs").join(f)).unwrap(),
            "{f}"
        );
    }
    let r = run(&["plan", "check", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn import_never_overwrites_a_plan_without_force() {
    let dir = plan_copy();
    let before = std::fs::read(dir.path().join("nhiem-vu.toml")).unwrap();
    edit(dir.path(), "nhiem-vu.toml", "Tháng 7/2025", "Tháng 8/2025");
    let edited = std::fs::read(dir.path().join("nhiem-vu.toml")).unwrap();
    assert_ne!(before, edited);
    let r = run(&["plan", "import", REFERENCE, "--out", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("đã có") && r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("nhiem-vu.toml")).unwrap(), edited);
    let r = run(&["plan", "import", REFERENCE, "--out", dir.path().to_str().unwrap(), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read(dir.path().join("nhiem-vu.toml")).unwrap(), before);
}

#[test]
fn unreadable_inputs_exit_3_with_a_reason() {
    let (_d, r) = import_text(b"");
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("tệp trống"), "{}", r.stderr);

    let (_d, r) = import_text(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("không phải tệp văn bản"), "{}", r.stderr);

    // "Sở Khoa học và Công nghệ" typed in TCVN3 (ABC), on line 3.
    let (_d, r) =
        import_text(b"Ke hoach\nSo hieu | 60/KH-UBND |\nS\xEB Khoa h\xE4c v\xB5 C\xABng ngh\xD6 |\n");
    assert_eq!(r.code, 3);
    assert!(
        r.stderr.contains("dòng 3") && r.stderr.contains("UTF-8") && r.stderr.contains("TCVN3"),
        "{}",
        r.stderr
    );

    let r = run(&["plan", "import", "khong-co-tep.txt", "--out", "/tmp/x"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("khong-co-tep.txt") && r.stderr.contains("không tìm thấy"), "{}", r.stderr);

    // The body alone, without its tables, is not a plan.
    let body: String = reference().lines().take(96).collect::<Vec<_>>().join("\n");
    let (_d, r) = import_text(body.as_bytes());
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("không tìm thấy bảng"), "{}", r.stderr);

    let r = run(&["plan", "check", "/nonexistent/plan"]);
    assert_eq!(r.code, 3);
    assert!(r.stderr.contains("ke-hoach.toml"), "{}", r.stderr);
}

#[test]
fn a_truncated_table_keeps_the_cut_row_as_unplaced() {
    // Cut in the middle of task 28: its number and name, nothing after.
    let text: String = reference().lines().take(504).collect::<Vec<_>>().join("\n");
    let (d, r) = import_text(text.as_bytes());
    // The plan is usable as it is: the row is said, at its line, and kept.
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("dòng 503") && r.stderr.contains("dòng số 28 chỉ có 2 ô"), "{}", r.stderr);
    let tasks = std::fs::read_to_string(d.path().join("out/nhiem-vu.toml")).unwrap();
    assert!(tasks.contains("[[unplaced]]") && tasks.contains("line = 503"), "{tasks}");
    assert!(tasks.contains("28 | Hoàn thiện triển khai xây dựng"), "the cut row's text is kept");
    assert!(r.stdout.contains("26 nhiệm vụ (2 nhóm)"), "{}", r.stdout);
    let r = run(&["plan", "check", d.path().join("out").to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("nhiem-vu.toml › dòng") && r.stderr.contains("[[unplaced]]"), "{}", r.stderr);
}

#[test]
fn unknown_agencies_and_deadlines_in_the_text_are_kept_and_reported() {
    let text = reference().replacen("Sở Y tế |\n26 |", "Sở Y tế dự phòng |\n26 |", 1).replacen(
        "Tháng 4/2025 |\n32 |",
        "Sớm nhất có thể |\n32 |",
        1,
    );
    let (d, r) = import_text(text.as_bytes());
    // Nothing blocks the cycle: a deadline without a date is kept as written.
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A name the registry does not know is added to it, said at its line.
    assert!(
        r.stderr.contains("dòng 302") && r.stderr.contains("đã thêm cơ quan «Sở Y tế dự phòng»"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("dòng 526") && r.stderr.contains("«Sớm nhất có thể»"), "{}", r.stderr);
    let out = d.path().join("out");
    let indicators = std::fs::read_to_string(out.join("chi-tieu.toml")).unwrap();
    assert!(indicators.contains("tracking = [\"so-y-te-du-phong\"]"), "{indicators}");
    let registry = std::fs::read_to_string(out.join("co-quan.toml")).unwrap();
    assert!(registry.contains("name = \"Sở Y tế dự phòng\""));
    let tasks = std::fs::read_to_string(out.join("nhiem-vu.toml")).unwrap();
    assert!(tasks.contains("deadline = \"Sớm nhất có thể\""));
    let r = run(&["plan", "check", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("Sở Y tế dự phòng"), "{}", r.stderr);
    assert!(
        r.stderr.contains("cảnh báo") && r.stderr.contains("thời hạn «Sớm nhất có thể» được giữ nguyên văn"),
        "{}",
        r.stderr
    );
    // Every command takes the plan: the task is one without a set deadline.
    let r = run(&["--plan", out.to_str().unwrap(), "plan", "show"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_typo_in_a_plan_file_is_pointed_at_its_line() {
    let dir = plan_copy();
    let line = edit(dir.path(), "nhiem-vu.toml", "deadline = \"Thường xuyên\"", "deadlin = \"Thường xuyên\"");
    let r = run(&["plan", "check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let expected = format!("nhiem-vu.toml › dòng {line}: khóa `deadlin` không hợp lệ");
    assert!(r.stderr.contains(&expected), "want {expected:?} in:\n{}", r.stderr);
    // Every other command refuses the plan too, and says how to see why.
    let r = run(&["--plan", dir.path().to_str().unwrap(), "plan", "show"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("baocao plan check"), "{}", r.stderr);

    let dir = plan_copy();
    let line = edit(dir.path(), "ke-hoach.toml", "code = \"60/KH-UBND\"", "code = \"60/KH-UBND");
    let r = run(&["plan", "check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains(&format!("ke-hoach.toml › dòng {line}")), "{}", r.stderr);
}

#[test]
fn content_errors_in_plan_files_are_each_reported_with_their_line() {
    let dir = plan_copy();
    let p = dir.path();
    let dup = edit(p, "nhiem-vu.toml", "number = \"4\"", "number = \"2\"");
    let agency = edit(p, "nhiem-vu.toml", "lead = [\"snv\"]", "lead = [\"sxyz\"]");
    let deadline = edit(p, "nhiem-vu.toml", "deadline = \"Năm 2028\"", "deadline = \"Sớm\"");
    let orphan = edit(p, "chi-tieu.toml", "number = \"18.2\"", "number = \"31.1\"");
    let target = edit(p, "chi-tieu.toml", "target = \"> 60\"", "target = \"> nhiều\"");
    let member = edit(
        p,
        "co-quan.toml",
        "members = [\"bao-ca-mau\", \"dai-ptth\"]",
        "members = [\"bao-ca-mau\", \"dai\"]",
    );
    let r = run(&["plan", "check", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    for (file, line, words) in [
        ("nhiem-vu.toml", dup, "nhiệm vụ số 2 bị trùng"),
        ("nhiem-vu.toml", agency, "«sxyz» không có trong danh mục"),
        ("nhiem-vu.toml", deadline, "thời hạn «Sớm» được giữ nguyên văn"),
        ("chi-tieu.toml", orphan, "không có chỉ tiêu cha 31"),
        ("chi-tieu.toml", target, "mục tiêu «> nhiều» được giữ nguyên văn"),
        ("co-quan.toml", member, "thành viên «dai» không có trong danh mục"),
    ] {
        // The row's block starts a few lines above the edited key.
        let found = r.stderr.lines().any(|l| {
            l.contains(words)
                && l.split(&format!("{file} › dòng "))
                    .nth(1)
                    .and_then(|rest| rest.split(':').next())
                    .and_then(|n| n.parse::<usize>().ok())
                    .is_some_and(|n| n <= line && line - n <= 8)
        });
        assert!(found, "no {words:?} near {file}:{line} in:\n{}", r.stderr);
    }
}

/// A plan whose agencies the registry does not know (ministries here):
/// `plan import` adds them to `co-quan.toml` from the plan's own names, says
/// each once, and the plan it writes checks clean and gives each new agency
/// its workbook.
#[test]
fn a_plan_of_unknown_agencies_imports_with_a_registry_of_its_own() {
    let text = reference().replace("\nSở Tài chính |", "\nBộ Tài chính |").replacen(
        "Công an tỉnh |",
        "Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông |",
        1,
    );
    let (dir, r) = import_text(text.as_bytes());
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    for name in ["Bộ Tài chính", "Bộ Khoa học và Công nghệ", "Bộ Thông tin và Truyền thông"]
    {
        assert_eq!(r.stderr.matches(&format!("đã thêm cơ quan «{name}»")).count(), 1, "{}", r.stderr);
    }
    let registry = std::fs::read_to_string(dir.path().join("out/co-quan.toml")).unwrap();
    assert!(
        registry.contains("id = \"bo-khoa-hoc-va-cong-nghe\"") && registry.contains("abbr = \"BKHCN\""),
        "{registry}"
    );
    assert!(registry.starts_with("# Danh mục cơ quan"), "the registry's own text is kept above");
    let tasks = std::fs::read_to_string(dir.path().join("out/nhiem-vu.toml")).unwrap();
    assert!(tasks.contains("\"bo-tai-chinh\""), "rows name the new agency by its id");
    let out = dir.path().join("out");
    let r = run_in(dir.path(), &["plan", "check", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run_in(dir.path(), &["--plan", "out", "template", "--period", "2025-H1", "--out", "mau"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(dir.path().join("mau/bo-tai-chinh.xlsx").is_file(), "{}", r.stdout);
}

/// A plan text longer than an Excel cell holds (a task name of 40,000
/// characters) is refused when the plan is loaded, at its line, by every
/// command: never an internal error in `template` or `report`.
#[test]
fn a_plan_text_longer_than_a_cell_is_refused_at_its_line() {
    let dir = plan_copy();
    let p = dir.path();
    let text = std::fs::read_to_string(p.join("nhiem-vu.toml")).unwrap();
    let start = text.find("name = \"").unwrap() + "name = \"".len();
    let line = text[..start].matches('\n').count() + 1;
    std::fs::write(
        p.join("nhiem-vu.toml"),
        format!("{}{}{}", &text[..start], "dài ".repeat(10_000), &text[start..]),
    )
    .unwrap();
    let r = run(&["plan", "check", p.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let said =
        r.stderr.lines().find(|l| l.contains("quá 32.767 ký tự")).unwrap_or_else(|| panic!("{}", r.stderr));
    let at: usize =
        said.split("nhiem-vu.toml › dòng ").nth(1).unwrap().split(':').next().unwrap().parse().unwrap();
    assert!(at <= line && line - at <= 8, "{said} (name at line {line})");
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "--plan",
        p.to_str().unwrap(),
        "template",
        "--period",
        "2025-H1",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}
