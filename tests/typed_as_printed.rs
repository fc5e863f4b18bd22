//! What a clerk typed is what the report prints, or a message says why
//! not: cells as Excel and LibreOffice store them (a General cell makes a
//! number of «1.234,5» and drops the zero of «0913456789»), written here
//! with openpyxl into a workbook made from the template.

mod common;

use std::process::Command;

use baocao::form::{IndicatorCol, SHEET_INDICATORS, SHEET_REPORT, SHEET_TASKS, Section, TaskCol};
use common::{baocao, json};
use serde_json::Value;

#[test]
fn numbers_in_text_cells_implausible_values_and_contradictions_are_printed_as_typed_or_warned() {
    let dir = tempfile::tempdir().unwrap();
    // Công an tỉnh leads task 31 and tracks indicator 21 (a share, target 100 %).
    common::sample_submission(dir.path(), "cat", 7, |e| {
        let t = e.tasks.get_mut(&baocao::plan::ids::TaskNo::parse("31").unwrap()).unwrap();
        t.status = "Đã hoàn thành".into();
        t.completed = Some(time::macros::date!(2025 - 06 - 10));
        t.achieved = "Đang hoàn thiện dự thảo kế hoạch, trình Ủy ban nhân dân tỉnh trong quý III.".into();
        e.sections
            .insert(Section::Highlights, "Trong kỳ, đơn vị đã hoàn thành 31 nhiệm vụ được giao.".into());
    });
    let file = dir.path().join("inputs/2025-H1/cat.xlsx");
    let script = format!(
        r#"
import openpyxl, datetime
wb = openpyxl.load_workbook({file:?})
def row_of(ws, number):
    for row in ws.iter_rows(min_row=1):
        if str(row[0].value).strip() == number:
            return row[0].row
    raise SystemExit("row " + number + " not found")
t = wb[{tasks:?}]
t.cell(row_of(t, "31"), {proposals} + 1).value = 913456789
i = wb[{indicators:?}]
r = row_of(i, "21")
i.cell(r, {value} + 1).value = 1234.5
i.cell(r, {note} + 1).value = 1234.5
b = wb[{report:?}]
for row in b.iter_rows(min_row=1):
    if str(row[0].value).strip().startswith("Ngày gửi"):
        row[1].value = datetime.datetime(9999, 12, 31)
    if str(row[0].value).strip().startswith("Điện thoại"):
        row[1].value = 2903831234
wb.save({file:?})
"#,
        file = file.to_str().unwrap(),
        tasks = SHEET_TASKS,
        indicators = SHEET_INDICATORS,
        report = SHEET_REPORT,
        proposals = TaskCol::Proposals.index(),
        value = IndicatorCol::Value.index(),
        note = IndicatorCol::Note.index(),
    );
    common::openpyxl(&script);

    let (_, said) = baocao(dir.path(), &["ingest", "--period", "2025-H1", "--out", "out"]);
    let data = json(&dir.path().join("out/tong-hop.json"));
    let messages: Vec<&Value> = data["diagnostics"].as_array().unwrap().iter().collect();
    let at = |sheet: &str, needle: &str| {
        messages.iter().any(|d| {
            d["location"]["sheet"] == sheet
                && d["location"]["cell"].is_string()
                && d["message"].as_str().unwrap().contains(needle)
        })
    };
    // The note is printed as typed, the Vietnamese way.
    let ind = data["indicators"].as_array().unwrap().iter().find(|i| i["number"] == "21").unwrap();
    let report = ind["reports"].as_array().unwrap().iter().find(|r| r["agency"] == "cat").unwrap();
    assert_eq!(report["note"], "1.234,5", "{report}");
    // 1.234,5 % of a share: warned at its cell with both readings.
    assert!(at(SHEET_INDICATORS, "quá 100 %"), "no warning on 1.234,5 %: {said}");
    // The phone number that lost its zero: flagged at its cell.
    assert!(at(SHEET_TASKS, "0913456789"), "the lost leading zero not flagged: {said}");
    // The preparer's phone number, typed 0290 3831 234 in a General cell.
    assert!(at(SHEET_REPORT, "02903831234"), "the phone's lost zero not flagged: {said}");
    // «hoàn thành 31 nhiệm vụ» against the workbook's own statuses.
    assert!(
        at(SHEET_REPORT, "«hoàn thành 31 nhiệm vụ»"),
        "a count its answers contradict not warned: {said}"
    );
    // «Đã hoàn thành» beside «Đang hoàn thiện»: warned.
    assert!(at(SHEET_TASKS, "«Đang hoàn thiện»"), "status contradicted by its result not warned: {said}");
    // 31/12/9999 is not a sending date: warned, and not used for on time/late.
    assert!(at(SHEET_REPORT, "31/12/9999"), "the sending date 31/12/9999 not warned: {said}");
    let agency = data["agencies"].as_array().unwrap().iter().find(|a| a["id"] == "cat").unwrap();
    assert!(agency["sent_on"].is_null(), "31/12/9999 used: {agency}");
    assert_ne!(agency["receipt"], "late", "marked late by a typing slip: {agency}");
}

/// Runs of punctuation with no place to break (a clerk's «____» rule, 17,000
/// dots, longer than any page) print within the page and do not stop the
/// report: the layout breaks them, and the text after them is there.
#[test]
fn runs_of_punctuation_print_within_the_page() {
    let dir = tempfile::tempdir().unwrap();
    common::sample_submission(dir.path(), "cat", 5, |e| {
        let t = e.tasks.get_mut(&baocao::plan::ids::TaskNo::parse("31").unwrap()).unwrap();
        t.achieved =
            format!("Kết quả {} giữa {} và {} hết.", "_".repeat(300), "=".repeat(300), ".".repeat(17_000));
    });
    for command in ["ingest", "report"] {
        let (code, said) = baocao(dir.path(), &[command, "--period", "2025-H1", "--out", "out"]);
        assert_eq!(code, 0, "{command}: {said}");
    }
    let pdf = dir.path().join("out/bao-cao-2025-H1.pdf");
    let text = Command::new("pdftotext").args([pdf.to_str().unwrap(), "-"]).output().expect("pdftotext");
    assert!(String::from_utf8_lossy(&text.stdout).contains("hết."), "the text after the runs is missing");
    let boxes =
        Command::new("pdftotext").args(["-bbox", pdf.to_str().unwrap(), "-"]).output().expect("pdftotext");
    let html = String::from_utf8_lossy(&boxes.stdout);
    for page in html.split("<page ").skip(1) {
        let width: f64 = page.split("width=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        for word in page.split("<word ").skip(1) {
            let right: f64 =
                word.split("xMax=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
            assert!(
                right <= width - 20.0,
                "a word runs off the page ({right} of {width}): {}",
                &word[..word.len().min(120)]
            );
        }
    }
}
