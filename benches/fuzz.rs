//! `cargo bench --bench fuzz`: property tests over intake and plan import,
//! run for a bounded time (`BAOCAO_FUZZ_SECONDS`, 120 by default, shared by
//! the properties), not in CI. Each property runs batches of proptest cases
//! with fresh seeds until its share of the time is spent; a failure is
//! shrunk by proptest and printed, and the run exits 1. Runs and findings
//! are in BENCHMARKS.md.
//!
//! - any bytes made from a real workbook (.xlsx, .xls, .ods) by flips,
//!   cuts, insertions and part edits: reading never panics and always ends
//!   in a submission or a refusal with a message naming the file;
//! - any text typed in a task's result cell: it is read as the clerk meant
//!   it (cleaned as intake cleans) or said at that cell, never dropped;
//! - any plan text made from the bundled plan's lines, shuffled and edited:
//!   importing never panics.

use std::io::{Cursor, Read, Write};
use std::time::{Duration, Instant};

use baocao::intake::cells::clean;
use baocao::intake::read::{Outcome, read_bytes};
use baocao::period::Period;
use baocao::plan::assign::assignments;
use baocao::plan::files::PlanSource;
use baocao::plan::{Plan, load};
use baocao::template::{Context, workbook};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
const PLAN_TEXT: &str = include_str!("../inputs/van-ban/ke-hoach-60-KH-UBND-2025.txt");

fn h1() -> Period {
    Period::parse("2025-H1").expect("a period")
}

fn main() {
    // Panics contained by intake (calamine's, on a broken compound file) print nothing, as in the binary.
    baocao::guard::install_hook();
    let seconds: u64 = std::env::var("BAOCAO_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(120);
    let share = Duration::from_secs(seconds) / 3;
    let plan = load::load(&PlanSource::Embedded).expect("the bundled plan");
    let mut failed = false;
    failed |= run("workbook bytes", share, workbook_bytes(), |bytes| mangled_workbook(&plan, bytes));
    failed |= run("result cell text", share, cell_text(), |text| typed_text(&plan, text));
    failed |= run("plan text", share, plan_text(), |text| imported(&plan, text));
    if failed {
        std::process::exit(1);
    }
}

/// Runs batches of `property` over `strategy` for `time`; prints how many
/// cases ran. Returns whether one failed.
fn run<S: Strategy>(
    name: &str,
    time: Duration,
    strategy: S,
    property: impl Fn(S::Value) -> Result<(), TestCaseError>,
) -> bool {
    let start = Instant::now();
    let mut cases = 0u64;
    while start.elapsed() < time {
        let mut runner =
            TestRunner::new(Config { cases: 64, failure_persistence: None, ..Config::default() });
        if let Err(e) = runner.run(&strategy, &property) {
            println!("{name}: FAILED after {cases} cases: {e}");
            return true;
        }
        cases += 64;
    }
    println!("{name}: {cases} cases in {:.0?}, none failed", start.elapsed());
    false
}

/// A fixture workbook, then flips, cuts, insertions, or one zip part's
/// bytes edited and the archive rebuilt.
fn workbook_bytes() -> impl Strategy<Value = (String, Vec<u8>)> {
    let seeds: Vec<(String, Vec<u8>)> =
        ["stc-libreoffice.xlsx", "stc-libreoffice.xls", "stc-libreoffice.ods", "stc-baocao.xlsx"]
            .iter()
            .map(|n| (n.to_string(), std::fs::read(format!("{FIXTURES}/{n}")).expect("a fixture")))
            .collect();
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Set(i, b)),
        any::<prop::sample::Index>().prop_map(Edit::Cut),
        (any::<prop::sample::Index>(), prop::collection::vec(any::<u8>(), 1..64))
            .prop_map(|(i, b)| Edit::Insert(i, b)),
        (any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[<>\"/=&a-z0-9 ]{0,40}")
            .prop_map(|(p, i, s)| Edit::Part(p, i, s)),
    ];
    (prop::sample::select(seeds), prop::collection::vec(edit, 1..6)).prop_map(|((name, bytes), edits)| {
        let mut bytes = bytes;
        for e in edits {
            bytes = e.apply(bytes);
        }
        (name, bytes)
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Set(prop::sample::Index, u8),
    Cut(prop::sample::Index),
    Insert(prop::sample::Index, Vec<u8>),
    /// In the zip's part chosen by the first index, at the second, insert the text.
    Part(prop::sample::Index, prop::sample::Index, String),
}

impl Edit {
    fn apply(self, mut bytes: Vec<u8>) -> Vec<u8> {
        if bytes.is_empty() {
            return bytes;
        }
        match self {
            Edit::Set(i, b) => {
                let at = i.index(bytes.len());
                bytes[at] = b;
            }
            Edit::Cut(i) => bytes.truncate(i.index(bytes.len())),
            Edit::Insert(i, b) => {
                let at = i.index(bytes.len());
                bytes.splice(at..at, b);
            }
            Edit::Part(p, i, s) => return edit_part(&bytes, p, i, &s).unwrap_or(bytes),
        }
        bytes
    }
}

/// The zip `bytes` with text inserted in one part, or `None` if it is no zip.
fn edit_part(bytes: &[u8], p: prop::sample::Index, i: prop::sample::Index, s: &str) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let chosen = p.index(zip.len());
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for k in 0..zip.len() {
        let mut f = zip.by_index(k).ok()?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).ok()?;
        if k == chosen && !data.is_empty() {
            let at = i.index(data.len());
            data.splice(at..at, s.bytes());
        }
        let name = f.name().ok()?.to_string();
        out.start_file(name, zip::write::SimpleFileOptions::default()).ok()?;
        out.write_all(&data).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

fn mangled_workbook(plan: &Plan, (name, bytes): (String, Vec<u8>)) -> Result<(), TestCaseError> {
    let read =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_bytes(&bytes, &name, plan, h1())));
    let Ok(outcome) = read else {
        // Kept for a rerun with a backtrace.
        let kept = std::env::temp_dir().join(format!("baocao-fuzz-panic-{name}"));
        let _ = std::fs::write(&kept, &bytes);
        return Err(TestCaseError::fail(format!("reading panicked; the input is in {}", kept.display())));
    };
    match outcome {
        Outcome::Read(_) => Ok(()),
        Outcome::Refused { diagnostics, .. } => {
            prop_assert!(
                diagnostics.iter().any(|d| d.is_error() && d.location.file == name),
                "refused without an error naming the file: {diagnostics:?}"
            );
            Ok(())
        }
    }
}

/// Text as clerks paste it: any characters, often Vietnamese, sometimes
/// controls, line breaks and spaces of every kind.
fn cell_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,80}",
        "[a-zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ ,.;:\\-\\n]{0,80}",
        "[\\u{0}-\\u{1f}\\u{7f}-\\u{9f}\\u{200b}-\\u{200f}\\u{202a}-\\u{202e}\\u{a0}\\u{ad} a-zđư]{0,40}",
        "[#$*_`\\[\\]{}%<>=@\\\\ a-z]{0,60}",
    ]
}

fn typed_text(plan: &Plan, text: String) -> Result<(), TestCaseError> {
    let stc = assignments(plan).into_iter().find(|a| a.agency.id.as_str() == "stc").expect("stc");
    let ctx = Context { plan, period: h1(), deadline: h1().default_deadline(), previous: None };
    let mut entries = baocao::form::Entries::default();
    let tt = stc.leads.first().expect("a task").number.clone();
    entries
        .tasks
        .insert(tt.clone(), baocao::form::TaskEntry { achieved: text.clone(), ..Default::default() });
    let bytes = workbook(&ctx, &stc, Some(&entries)).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let submission = match read_bytes(&bytes, "stc.xlsx", plan, h1()) {
        Outcome::Read(s) => s,
        Outcome::Refused { diagnostics, .. } => {
            return Err(TestCaseError::fail(format!("refused: {diagnostics:?}")));
        }
    };
    let read = submission.entries.tasks.get(&tt).map(|t| t.achieved.clone()).unwrap_or_default();
    let said = submission.diagnostics.iter().any(|d| {
        d.location.sheet.as_deref() == Some("Nhiệm vụ")
            && d.location.cell.as_deref().is_some_and(|c| c.starts_with('I'))
    });
    // Soft hyphens only say where a word may break: intake drops them.
    let expected = clean(&text).replace('\u{AD}', "");
    prop_assert!(
        read == expected || said,
        "typed {text:?}: read {read:?}, expected {expected:?}, nothing said"
    );
    Ok(())
}

/// The bundled plan's lines, some dropped, repeated or edited.
fn plan_text() -> impl Strategy<Value = String> {
    let lines: Vec<String> = PLAN_TEXT.lines().map(str::to_owned).collect();
    let n = lines.len();
    prop::collection::vec((0..n, prop_oneof![Just(None), "\\PC{0,30}".prop_map(Some)]), 0..n * 2).prop_map(
        move |picks| {
            picks
                .into_iter()
                .map(|(i, extra)| match extra {
                    Some(e) => format!("{}{e}", lines[i]),
                    None => lines[i].clone(),
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
    )
}

fn imported(plan: &Plan, text: String) -> Result<(), TestCaseError> {
    // Ok or NotAPlan: both are answers; a panic fails the case.
    let _ = baocao::plan::import::import("ke-hoach.txt", &text, &plan.registry);
    Ok(())
}
