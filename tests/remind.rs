//! Reminder letters: addressed to the agencies that are late or incomplete,
//! naming exactly what is missing, read back from the PDF.

mod common;

use std::path::Path;
use std::process::Command;

use baocao::plan::ids::{IndicatorNo, TaskNo};

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn a_letter_names_exactly_the_missing_items() {
    let dir = tempfile::tempdir().unwrap();
    common::sample_submission(dir.path(), "stc", 5, |entries| {
        entries.tasks.remove(&TaskNo::parse("12").unwrap());
        entries.tasks.remove(&TaskNo::parse("36").unwrap());
        entries.indicators.get_mut(&IndicatorNo::parse("6").unwrap()).unwrap().value = None;
    });
    assert_eq!(baocao(dir.path(), &["ingest", "--period", "2025-H1"]).0, 0);
    let (code, out, err) = baocao(dir.path(), &["report", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");

    let (code, out, err) = baocao(
        dir.path(),
        &["remind", "--period", "2025-H1", "--agency", "stc", "--agency", "snv", "--deadline", "30/06/2025"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let folder = dir.path().join("outputs/2025-H1/don-doc");
    let letter = common::pdftotext_raw(&folder.join("stc.pdf"));
    let squeezed = letter.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("Số: /SKHCN-QLCN"), "{letter}");
    assert!(
        squeezed.contains(
            "V/v đôn đốc gửi báo cáo kết quả thực hiện Kế hoạch số 60/KH-UBND 6 tháng đầu năm 2025"
        ),
        "{letter}"
    );
    assert!(squeezed.contains("Kính gửi: Sở Tài chính"), "{letter}");
    assert!(squeezed.contains("trước ngày 30/6/2025"), "{letter}");
    let tasks: Vec<&str> = squeezed
        .split("Nhiệm vụ ")
        .skip(1)
        .filter_map(|s| s.split(':').next())
        .filter(|n| n.parse::<u32>().is_ok())
        .collect();
    assert_eq!(tasks, ["12", "36"], "{letter}");
    let indicators: Vec<&str> = squeezed
        .split("Chỉ tiêu ")
        .skip(1)
        .filter_map(|s| s.split(':').next())
        .filter(|n| n.parse::<u32>().is_ok())
        .collect();
    assert_eq!(indicators, ["6"], "{letter}");
    // Its Word twin says the same, read back by LibreOffice.
    let word = common::libreoffice_pdf(dir.path(), &folder.join("stc.docx"));
    let word = common::pdftotext_raw(&word).split_whitespace().collect::<Vec<_>>().join(" ");
    for said in ["Kính gửi: Sở Tài chính", "trước ngày 30/6/2025", "V/v đôn đốc gửi báo cáo", "Nơi nhận:"]
    {
        assert!(word.contains(said), "«{said}» not in the .docx letter: {word}");
    }
    // Sở Nội vụ sent nothing: its letter says so.
    let snv = common::pdftotext_raw(&folder.join("snv.pdf")).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(snv.contains("chưa nhận được báo cáo của Sở Nội vụ"), "{snv}");
    // Both in one file for printing, each letter on its own pages.
    let both = common::pdftotext_raw(&dir.path().join("outputs/2025-H1/don-doc-2025-H1.pdf"));
    assert_eq!(both.matches("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").count(), 2);
    // The file for printing joins the report's manifest: the archive still verifies.
    let (code, out, err) = baocao(dir.path(), &["verify", "outputs/2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    let manifest = std::fs::read_to_string(dir.path().join("outputs/2025-H1/manifest.json")).unwrap();
    assert!(manifest.contains("\"don-doc-2025-H1.pdf\""), "{manifest}");
}
