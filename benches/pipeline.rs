//! `cargo bench`: each step of the cycle on the bundled plan, and the whole
//! cycle at several sizes. Figures and the machine are in BENCHMARKS.md.

use std::path::PathBuf;

use baocao::intake::collect::read_all;
use baocao::merge::merge;
use baocao::period::Period;
use baocao::plan::assign::assignments;
use baocao::plan::files::PlanSource;
use baocao::plan::{Plan, load};
use baocao::render::Caches;
use baocao::render::world::ReportWorld;
use baocao::report::config::ReportConfig;
use baocao::report::{excel, model};
use baocao::sample::{self, Rng};
use baocao::template::{Context, workbook};
use divan::Bencher;

fn main() {
    divan::main();
}

fn plan() -> Plan {
    load::load(&PlanSource::Embedded).expect("the bundled plan")
}

fn h1() -> Period {
    Period::parse("2025-H1").expect("a period")
}

/// Filled workbooks of every agency, written to a temporary folder.
fn submissions(plan: &Plan) -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ctx = Context { plan, period: h1(), deadline: h1().default_deadline() };
    let mut rng = Rng::new(1);
    for a in assignments(plan) {
        let entries = sample::entries(&a, h1(), &mut rng);
        let bytes = workbook(&ctx, &a, Some(&entries)).expect("a workbook");
        std::fs::write(dir.path().join(format!("{}.xlsx", a.agency.id)), bytes).expect("written");
    }
    let path = dir.path().to_path_buf();
    (dir, vec![path])
}

/// One agency's empty template (Sở Tài chính: 58 tasks, 4 indicators).
#[divan::bench]
fn template_per_workbook(bencher: Bencher) {
    let plan = plan();
    let shares = assignments(&plan);
    let stc = shares.iter().find(|a| a.agency.id.as_str() == "stc").expect("stc");
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline() };
    bencher.bench_local(|| workbook(&ctx, stc, None).expect("a workbook"));
}

/// Reading and checking one filled workbook.
#[divan::bench]
fn ingest_per_workbook(bencher: Bencher) {
    let plan = plan();
    let shares = assignments(&plan);
    let stc = shares.iter().find(|a| a.agency.id.as_str() == "stc").expect("stc");
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline() };
    let entries = sample::entries(stc, h1(), &mut Rng::new(1));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("stc.xlsx");
    std::fs::write(&path, workbook(&ctx, stc, Some(&entries)).expect("a workbook")).expect("written");
    bencher.bench_local(|| baocao::intake::read::read(&path, "stc.xlsx", &plan, h1()));
}

/// Reading all 28 workbooks of the bundled plan (in parallel) and merging.
#[divan::bench]
fn ingest_and_merge_all(bencher: Bencher) {
    let plan = plan();
    let (_dir, paths) = submissions(&plan);
    bencher.bench_local(|| {
        let inputs = read_all(&plan, h1(), &paths).expect("read");
        merge(&plan, h1(), h1().default_deadline(), inputs)
    });
}

/// The merged data of the bundled plan with every agency's answers.
fn merged(plan: &Plan) -> baocao::merge::PeriodData {
    let (_dir, paths) = submissions(plan);
    merge(plan, h1(), h1().default_deadline(), read_all(plan, h1(), &paths).expect("read"))
}

/// The report PDF from merged data: narrative, a fresh World, layout, PDF/A.
#[divan::bench(sample_count = 20)]
fn report_pdf_cold_world(bencher: Bencher) {
    let plan = plan();
    let data = merged(&plan);
    let config = ReportConfig::embedded().expect("config");
    bencher.bench_local(|| {
        let report = model::build(&plan, &data, &config, model::NARRATIVE).expect("report");
        let json = serde_json::to_vec(&report.typst_data()).expect("json");
        let world =
            ReportWorld::new("bao-cao.typ", json, report.date, None, None, Vec::new()).expect("world");
        baocao::render::pdf(&world, &report.ident, report.date, true, Caches::Release).expect("pdf")
    });
}

/// What `watch` does after a change: the same World, new data (one answer differs).
#[divan::bench(sample_count = 20)]
fn report_pdf_warm_world_after_one_change(bencher: Bencher) {
    let plan = plan();
    let mut data = merged(&plan);
    let config = ReportConfig::embedded().expect("config");
    let report = model::build(&plan, &data, &config, model::NARRATIVE).expect("report");
    let json = serde_json::to_vec(&report.typst_data()).expect("json");
    let mut world =
        ReportWorld::new("bao-cao.typ", json, report.date, None, None, Vec::new()).expect("world");
    baocao::render::pdf(&world, &report.ident, report.date, false, Caches::KeepRecent).expect("pdf");
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        data.tasks[0].name = if flip { "Một thay đổi".into() } else { "Hai thay đổi".into() };
        let report = model::build(&plan, &data, &config, model::NARRATIVE).expect("report");
        world.set_data(serde_json::to_vec(&report.typst_data()).expect("json"), report.date);
        baocao::render::pdf(&world, &report.ident, report.date, false, Caches::KeepRecent).expect("pdf")
    });
}

/// The appendices as an Excel workbook.
#[divan::bench]
fn excel_export(bencher: Bencher) {
    let plan = plan();
    let data = merged(&plan);
    let config = ReportConfig::embedded().expect("config");
    let report = model::build(&plan, &data, &config, model::NARRATIVE).expect("report");
    bencher.bench_local(|| {
        excel::workbook(&report, "Sở Khoa học và Công nghệ", "UBND tỉnh Cà Mau").expect("xlsx")
    });
}

/// The whole cycle through the binary: templates, sample answers, ingest,
/// report, for the bundled plan's 28 agencies and with sample communes.
#[divan::bench(args = [28, 300], sample_count = 3)]
fn demo_end_to_end(bencher: Bencher, agencies: usize) {
    let exe = env!("CARGO_BIN_EXE_baocao");
    bencher.bench_local(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let status = std::process::Command::new(exe)
            .args(["demo", "--agencies", &agencies.to_string()])
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .status()
            .expect("baocao runs");
        assert!(status.success());
    });
}
