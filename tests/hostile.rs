//! Broken and hostile inputs (tests/corpus/hostile.py) beside good
//! workbooks, through `ingest` with its address space bounded (`ulimit -v`)
//! and a time limit: no crash, no abort, no hang, every case said at its
//! place, and the good workbooks merged every time.
//!
//! Needs python3 with openpyxl, LibreOffice and bash's `ulimit`; `bash
//! tests/run` installs what is missing.

mod common;

use std::process::Command;

use common::{check_ledger, corpus, json};

/// The address space `ingest` may use, in KiB: a run whose allocations
/// pass it aborts, and the test fails.
const ADDRESS_SPACE: u64 = 1 << 20;

/// `baocao ingest …` under the bounds; its exit code and what it printed.
fn bounded_ingest(root: &std::path::Path, args: &str) -> (i32, String) {
    let exe = env!("CARGO_BIN_EXE_baocao");
    let script = format!("ulimit -v {ADDRESS_SPACE} && exec timeout 300 '{exe}' ingest {args}");
    let out = Command::new("bash").arg("-c").arg(&script).current_dir(root).output().expect("bash");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn broken_and_hostile_inputs_cost_nothing_but_themselves() {
    let (_dir, root) = corpus("hostile.py");
    let ledger = json(&root.join("ledger.json"));
    let entries = ledger.as_array().unwrap();
    let (code, text) = bounded_ingest(&root, "nop --period 2025-H1 --out out");
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

    // A device named as an input is refused by name; the workbook beside it is read.
    let (code, text) = bounded_ingest(&root, "/dev/zero nop/sct.xlsx --period 2025-H1 --out out2");
    assert_eq!(code, 1, "{text}");
    let data = json(&root.join("out2/tong-hop.json"));
    let diags = data["diagnostics"].as_array().unwrap();
    assert!(
        diags.iter().any(|d| d["location"]["file"] == "/dev/zero" && d["severity"] == "error"),
        "{diags:#?}"
    );
    assert_eq!(data["files"].as_array().unwrap()[0]["use"], "used");
}
