//! The workbook contract changes by version, and workbooks already out with
//! the agencies keep working: a version-1 workbook (no rows for the
//! documents issued and the causes) is read as it was, and the version-2
//! rows reach the report.

mod common;

use std::process::Command;

use baocao::form::{SHEET_REPORT, SHEET_STAMP, Section};
use common::{baocao, json};

#[test]
fn a_version_1_workbook_reads_as_it_was_and_version_2_rows_reach_the_report() {
    let dir = tempfile::tempdir().unwrap();
    common::sample_submission(dir.path(), "cat", 3, |e| {
        e.sections.insert(Section::Highlights, "Hoàn thành diễn tập an ninh mạng cấp tỉnh.".into());
        e.sections
            .insert(Section::Documents, "Kế hoạch số 77/KH-CAT ngày 12/3/2025 triển khai Kế hoạch.".into());
        e.sections.insert(Section::Difficulties, "Thiếu nhân lực chuyên trách.".into());
        e.sections.insert(
            Section::Causes,
            "Nguyên nhân chủ quan: chưa chủ động bố trí cán bộ chuyên trách an ninh mạng.".into(),
        );
    });
    common::sample_submission(dir.path(), "stc", 4, |e| {
        e.sections.insert(Section::Highlights, "Bố trí vốn cho các dự án chuyển đổi số.".into());
        e.sections.insert(Section::Difficulties, "Nguồn vốn còn hạn chế.".into());
    });
    // Sở Tài chính's workbook as version 1 made it: no rows for documents
    // and causes, the stamp saying «1».
    let v1 = dir.path().join("inputs/2025-H1/stc.xlsx");
    let script = format!(
        r#"
import openpyxl
wb = openpyxl.load_workbook({file:?})
b = wb[{report:?}]
for label in ("Nguyên nhân", "Văn bản chỉ đạo"):
    row = next(r[0].row for r in b.iter_rows() if str(r[0].value or "").startswith(label))
    b.delete_rows(row)
s = wb[{stamp:?}]
for r in s.iter_rows():
    if r[0].value == "phien_ban_bieu_mau":
        r[1].value = "1"
wb.save({file:?})
"#,
        file = v1.to_str().unwrap(),
        report = SHEET_REPORT,
        stamp = SHEET_STAMP,
    );
    common::openpyxl(&script);

    let (code, said) = baocao(dir.path(), &["ingest", "--period", "2025-H1", "--out", "out"]);
    assert_eq!(code, 0, "{said}");
    let data = json(&dir.path().join("out/tong-hop.json"));
    let text = |agency: &str, section: &str| {
        data["narratives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["agency"] == agency && n["section"] == section)
            .map(|n| n["text"].as_str().unwrap().to_owned())
    };
    // Version 1, read by its labels: nothing shifted, nothing refused.
    assert_eq!(text("stc", "highlights").as_deref(), Some("Bố trí vốn cho các dự án chuyển đổi số."));
    assert_eq!(text("stc", "difficulties").as_deref(), Some("Nguồn vốn còn hạn chế."));
    let stc = data["agencies"].as_array().unwrap().iter().find(|a| a["id"] == "stc").unwrap();
    assert!(stc["sent_on"].is_string(), "the sending date of a version-1 workbook: {stc}");
    // Version 2's rows, into the report: the document in section I, the cause in III.
    assert!(text("cat", "documents").is_some_and(|t| t.contains("77/KH-CAT")));
    let (code, said) = baocao(dir.path(), &["report", "--period", "2025-H1", "--out", "out"]);
    assert_eq!(code, 0, "{said}");
    let pdf = Command::new("pdftotext")
        .args([dir.path().join("out/bao-cao-2025-H1.pdf").to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed");
    let flat = String::from_utf8_lossy(&pdf.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    let direction = &flat[flat.find("I. CÔNG TÁC LÃNH ĐẠO").unwrap()..flat.find("II. KẾT QUẢ").unwrap()];
    assert!(direction.contains("Kế hoạch số 77/KH-CAT ngày 12/3/2025"), "{direction}");
    let causes = &flat[flat.find("2. Nguyên nhân").expect("causes")..flat.find("IV. NHIỆM VỤ").unwrap()];
    assert!(
        causes.contains("Chưa chủ động bố trí cán bộ chuyên trách an ninh mạng (Công an tỉnh)"),
        "{causes}"
    );
}
