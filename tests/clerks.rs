//! Workbooks filled the way clerks fill them (tests/corpus/clerks.py, with
//! openpyxl and LibreOffice), through `ingest` and `report`. The corpus's
//! ledger lists every value typed; each must be in the merged data with its
//! meaning, or in a message that names its file, sheet and cell (or its
//! row, sheet or file when the whole of it is not merged). Merged values
//! must also reach the report's Excel file, and the PDF must read right.
//!
//! Needs python3 with openpyxl, and LibreOffice: `bash tests/run` installs
//! them; without them this test fails, it does not skip.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use common::{baocao, check_ledger, corpus, json, missing_from_report_excel};
use serde_json::Value;

#[test]
fn every_typed_value_is_merged_or_located_and_reaches_the_report() {
    let (_dir, root) = corpus("clerks.py");
    let ledger = json(&root.join("ledger.json"));
    let entries = ledger.as_array().unwrap();
    assert!(entries.len() >= 90, "{} ledger entries", entries.len());
    let (code, text) = baocao(&root, &["ingest", "nop", "--period", "2025-H1", "--out", "out"]);
    assert_eq!(code, 1, "the corpus has errors, the exit code must say so: {text}");
    let data = json(&root.join("out/tong-hop.json"));

    // Value by value.
    let failures = check_ledger(&data, entries);
    assert!(failures.is_empty(), "{} silent losses or misreadings:\n{}", failures.len(), failures.join("\n"));

    // No two messages disagree on one cell: a cell with an error gets no
    // other message, but the note that its text was converted.
    let mut by_cell: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for d in data["diagnostics"].as_array().unwrap() {
        if let Some(cell) = d["location"]["cell"].as_str() {
            let key = format!("{} › {} › {cell}", d["location"]["file"], d["location"]["sheet"]);
            by_cell.entry(key).or_default().push(d);
        }
    }
    for (cell, diags) in &by_cell {
        let errors = diags.iter().filter(|d| d["severity"] == "error").count();
        let others = diags
            .iter()
            .filter(|d| d["severity"] != "error" && !d["message"].as_str().unwrap().contains("bảng mã"));
        assert!(
            errors <= 1 && (errors == 0 || others.count() == 0),
            "messages on one cell {cell}: {diags:#?}"
        );
    }
    // Every message says where.
    for d in data["diagnostics"].as_array().unwrap() {
        assert!(!d["location"]["file"].as_str().unwrap().is_empty(), "{d}");
    }
    // The genuine Sở Công Thương file was used; the one sent under Sở Tư
    // pháp's name was not, and counts as refused for both.
    let files = data["files"].as_array().unwrap();
    let use_of =
        |f: &str| files.iter().find(|x| x["file"] == f).map(|x| x["use"].as_str().unwrap().to_owned());
    assert_eq!(use_of("nop/sct.xlsx").as_deref(), Some("used"));
    assert_eq!(use_of("nop/stp.xlsx").as_deref(), Some("refused"));
    assert_eq!(use_of("nop/Sở Tư pháp/stp (1).xlsx").as_deref(), Some("used"));
    let agency =
        |id: &str| data["agencies"].as_array().unwrap().iter().find(|a| a["id"] == id).unwrap().clone();
    assert_eq!(agency("stp")["refused"][0], "nop/stp.xlsx");
    assert_eq!(agency("sct")["refused"][0], "nop/stp.xlsx");
    let ind21 = data["indicators"].as_array().unwrap().iter().find(|i| i["number"] == "21").unwrap();
    assert_eq!(ind21["disagree"], true, "Công an tỉnh said 100, Sở Tài chính 80");
    assert_eq!(ind21["value_from"], "cat", "the first tracking agency's value is the one assessed");

    // The report: every merged value is in its Excel file, by agency.
    let (code, text) = baocao(&root, &["report", "--period", "2025-H1", "--out", "out"]);
    assert_eq!(code, 0, "{text}");
    let missing = missing_from_report_excel(&root.join("out/bao-cao-2025-H1.xlsx"), &data, entries);
    assert!(missing.is_empty(), "merged but not in the report's Excel file:\n{}", missing.join("\n"));

    // The PDF, as a reader sees it.
    let pdf = root.join("out/bao-cao-2025-H1.pdf");
    // Raw order keeps a table cell's text together.
    let out =
        Command::new("pdftotext").arg("-raw").arg(&pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let pdf_text = String::from_utf8(out.stdout).unwrap();
    let flat: String = pdf_text.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        // The disagreement, and whose value is assessed.
        "theo số liệu của Công an tỉnh",
        "các cơ quan báo cáo số liệu khác nhau",
        // Sources and notes of indicators.
        "Sở Tài chính: 80; ghi chú: Còn 2 cơ sở dữ liệu chưa kết nối",
        // Completion date of a completed task.
        "hoàn thành ngày 20/5/2025",
        // A lead agency's difficulty on its task's row.
        "Khó khăn: Kinh phí còn hạn chế",
        // Text from legacy keyboards, converted.
        "Không có khó khăn",
    ] {
        assert!(flat.contains(want), "«{want}» missing from the PDF:\n{pdf_text}");
    }
    // One idea per line: each of Sở Tài chính's highlights starts a line,
    // the bulleted ones as list items.
    let lines: Vec<&str> = pdf_text.lines().map(str::trim).collect();
    for line in [
        "- Sở Tài chính: Ban hành 03 kế hoạch",
        "Tổ chức tập huấn cho 120 cán bộ",
        "- Số hóa 95% hồ sơ",
        "- Cập nhật 172 hồ sơ",
    ] {
        assert!(lines.contains(&line), "«{line}» is not a line of its own:\n{pdf_text}");
    }
    assert_eq!(flat.matches("Công an tỉnh: 100").count(), 1, "an agency listed twice for one indicator");
    assert!(!pdf_text.contains("**"), "bold marks printed as stars");
}
