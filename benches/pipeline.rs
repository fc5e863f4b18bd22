//! `cargo bench`: each step of the cycle on the bundled plan, and the steps
//! and the whole cycle at 30, 300, 3,000 and 10,000 workbooks. Figures and
//! the machine are in BENCHMARKS.md.
//!
//! The two large sizes take minutes to set up (10,000 workbooks are written
//! first): `cargo bench` runs 30 and 300; `BAOCAO_BENCH_MAX=10000 cargo
//! bench` runs every size.

use std::path::PathBuf;

use baocao::intake::collect::read_all;
use baocao::merge::merge;
use baocao::period::Period;
use baocao::plan::assign::{Assignment, assignments};
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

/// Sở Tài chính's share of the bundled plan (58 tasks, 4 indicators).
fn stc(plan: &Plan) -> Assignment<'_> {
    assignments(plan).into_iter().find(|a| a.agency.id.as_str() == "stc").expect("stc")
}

/// The bundled plan as published text, Word file and workbook, written by
/// tests/corpus/plans.py (python-docx and openpyxl, as for the tests), and
/// the Word file saved by LibreOffice as .odt.
fn plan_forms() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder").keep();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let ok = std::process::Command::new("python3")
            .arg(root.join("tests/corpus/plans.py"))
            .arg(&dir)
            .arg(root.join("inputs"))
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "tests/corpus/plans.py failed: it needs python3 with python-docx and openpyxl (bash tests/run installs them)");
        // LibreOffice Writer's own form of the Word file.
        let ok = std::process::Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display()))
            .args(["--headless", "--convert-to", "odt", "--outdir"])
            .arg(&dir)
            .arg(dir.join("ke-hoach-60-KH-UBND-2025.docx"))
            .output()
            .is_ok_and(|o| o.status.success());
        assert!(ok, "LibreOffice (soffice) is needed for the .odt form: bash tests/run installs it");
        dir
    })
}

/// `plan import` of the bundled plan from each of its forms: reading the
/// file and importing it (registry discovery and writing excluded).
#[divan::bench(args = ["txt", "docx", "odt", "xlsx"])]
fn plan_import_by_form(bencher: Bencher, form: &str) {
    use baocao::plan::import;
    let path = plan_forms().join(format!("ke-hoach-60-KH-UBND-2025.{form}"));
    let registry = plan().registry;
    bencher.bench_local(|| {
        let text = import::read_plan(&path).expect("the plan reads");
        import::import_from("ke-hoach", &text, &registry, Some("Sở Khoa học và Công nghệ")).expect("a plan")
    });
}

/// `plan import` of the real plans of tests/corpus/real_plans/ (each in the
/// form it was published in), against an empty registry: the first reading.
#[divan::bench(args = [
    "nq-38-cp-2025-chuong-trinh-du-lieu",
    "qd-812-bkhcn-2025-ke-hoach",
    "kh-58-ubnd-lam-dong-2025",
    "kh-27-tu-quang-tri-2025",
    "qd-312-ubnd-yen-bai-2025",
])]
fn plan_import_real(bencher: Bencher, name: &str) {
    use baocao::plan::import;
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/corpus/real_plans/{name}.txt"));
    let registry = baocao::plan::agency::Registry::build("", Vec::new(), Vec::new()).0;
    bencher.bench_local(|| {
        let text = import::read_plan(&path).expect("the plan reads");
        import::import_from("ke-hoach", &text, &registry, None).expect("a plan")
    });
}

/// One agency's empty template.
#[divan::bench]
fn template_per_workbook(bencher: Bencher) {
    let plan = plan();
    let stc = stc(&plan);
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline(), previous: None };
    bencher.bench_local(|| workbook(&ctx, &stc, None).expect("a workbook"));
}

/// Reading and checking one filled workbook.
#[divan::bench]
fn ingest_per_workbook(bencher: Bencher) {
    let plan = plan();
    let stc = stc(&plan);
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline(), previous: None };
    let entries = sample::entries(&stc, h1(), &mut Rng::new(1));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("stc.xlsx");
    std::fs::write(&path, workbook(&ctx, &stc, Some(&entries)).expect("a workbook")).expect("written");
    bencher.bench_local(|| baocao::intake::read::read(&path, "stc.xlsx", &plan, h1()));
}

/// The merged data of `agencies` filled workbooks.
fn merged_at_scale(agencies: usize) -> (Plan, baocao::merge::PeriodData) {
    let (plan, _dir, paths) = workbooks_at_scale(agencies);
    let data = merge(&plan, h1(), h1().default_deadline(), read_all(&plan, h1(), &paths).expect("read"));
    (plan, data)
}

/// What `watch` does after a change: the same World, new data (one answer differs).
#[divan::bench(sample_count = 20)]
fn report_pdf_warm_world_after_one_change(bencher: Bencher) {
    let (plan, mut data) = merged_at_scale(28);
    let config = ReportConfig::embedded().expect("config");
    let report = model::build(&plan, &data, &config, &model::narrative()).expect("report");
    let json = report.document().json();
    let mut world =
        ReportWorld::new("bao-cao.typ", json, report.date, None, None, Vec::new()).expect("world");
    baocao::render::pdf(&world, &report.ident, report.date, false, Caches::KeepRecent).expect("pdf");
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        data.tasks[0].name = if flip { "Một thay đổi".into() } else { "Hai thay đổi".into() };
        let report = model::build(&plan, &data, &config, &model::narrative()).expect("report");
        world.set_data(report.document().json(), report.date).expect("data");
        baocao::render::pdf(&world, &report.ident, report.date, false, Caches::KeepRecent).expect("pdf")
    });
}

/// The sizes to run: up to `BAOCAO_BENCH_MAX` agencies (300 unless set).
fn sizes() -> Vec<usize> {
    let max = std::env::var("BAOCAO_BENCH_MAX").ok().and_then(|v| v.parse().ok()).unwrap_or(300);
    [30, 300, 3_000, 10_000].into_iter().filter(|&n| n <= max).collect()
}

/// The bundled plan with sample communes up to `agencies`, and the filled
/// workbooks `demo` makes (every ninth agency sends none; some are late,
/// mistaken or typed in a legacy encoding) in a temporary folder.
fn workbooks_at_scale(agencies: usize) -> (Plan, tempfile::TempDir, Vec<PathBuf>) {
    use rayon::prelude::*;
    let plan = baocao::cmd::demo::with_sample_agencies(plan(), agencies).expect("sample communes");
    let dir = tempfile::tempdir().expect("a temporary folder");
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline(), previous: None };
    assignments(&plan).par_iter().enumerate().for_each(|(i, a)| {
        let Some(entries) = sample::submission(a, h1(), 2025, i) else { return };
        let bytes = workbook(&ctx, a, Some(&entries)).expect("a workbook");
        std::fs::write(dir.path().join(format!("{}.xlsx", a.agency.id)), bytes).expect("written");
    });
    let path = dir.path().to_path_buf();
    (plan, dir, vec![path])
}

/// Reading, checking and merging every workbook (rayon, 2 cores here).
#[divan::bench(args = sizes(), sample_count = 3)]
fn ingest_and_merge_at_scale(bencher: Bencher, agencies: usize) {
    let (plan, dir, paths) = workbooks_at_scale(agencies);
    // Throughput is per workbook read (every ninth agency sends none).
    let workbooks = std::fs::read_dir(dir.path()).expect("the folder").count();
    bencher.counter(divan::counter::ItemsCount::new(workbooks)).bench_local(|| {
        let inputs = read_all(&plan, h1(), &paths).expect("read");
        merge(&plan, h1(), h1().default_deadline(), inputs)
    });
}

/// The report PDF from merged data, as one `report` run lays it out (a
/// fresh World, Typst's caches released): throughput is per page.
#[divan::bench(args = sizes(), sample_count = 3)]
fn report_pdf_at_scale(bencher: Bencher, agencies: usize) {
    let (plan, data) = merged_at_scale(agencies);
    let config = ReportConfig::embedded().expect("config");
    let render = || {
        let report = model::build(&plan, &data, &config, &model::narrative()).expect("report");
        let json = report.document().json();
        let world =
            ReportWorld::new("bao-cao.typ", json, report.date, None, None, Vec::new()).expect("world");
        baocao::render::pdf(&world, &report.ident, report.date, true, Caches::Release).expect("pdf")
    };
    let pages = lopdf::Document::load_mem(&render()).expect("a PDF").get_pages().len();
    bencher.counter(divan::counter::ItemsCount::new(pages)).bench_local(render);
}

/// The report's Word twin from the same data (issue 14).
#[divan::bench(args = sizes(), sample_count = 3)]
fn report_docx_at_scale(bencher: Bencher, agencies: usize) {
    let (plan, data) = merged_at_scale(agencies);
    let config = ReportConfig::embedded().expect("config");
    let report = model::build(&plan, &data, &config, &model::narrative()).expect("report");
    let document = report.document();
    bencher.bench_local(|| baocao::render::docx::docx(&document, Default::default()).expect("a .docx"));
}

/// The consolidated Excel file (appendices, every agency's text, answers and values).
#[divan::bench(args = sizes(), sample_count = 3)]
fn excel_export_at_scale(bencher: Bencher, agencies: usize) {
    let (plan, data) = merged_at_scale(agencies);
    let config = ReportConfig::embedded().expect("config");
    let report = model::build(&plan, &data, &config, &model::narrative()).expect("report");
    bencher.bench_local(|| {
        let who = ("Sở Khoa học và Công nghệ", "UBND tỉnh Cà Mau");
        excel::workbook(&report, &plan, &data, who, excel::Scratch::System).expect("xlsx")
    });
}

/// The whole cycle through the binary: templates, sample answers (some
/// late, missing, mistaken or in a legacy encoding), ingest, report.
#[divan::bench(args = sizes(), sample_count = 1)]
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
