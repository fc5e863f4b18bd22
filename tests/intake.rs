//! Workbooks out and back in: every agency's template filled and read back,
//! and each kind of mistake a clerk makes reported at its cell.

use std::path::{Path, PathBuf};

use baocao::form::{Entries, Section, Status, TaskEntry, Value};
use baocao::intake::read::{Outcome, Submission, read};
use baocao::period::Period;
use baocao::plan::assign::{Assignment, assignments};
use baocao::plan::files::PlanSource;
use baocao::plan::{Plan, load};
use baocao::sample::{self, Rng};
use baocao::template::{Context, workbook};

fn plan() -> Plan {
    load::load(&PlanSource::Embedded).unwrap()
}

fn h1() -> Period {
    Period::parse("2025-H1").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn filled(plan: &Plan, a: &Assignment, entries: &Entries, period: Period) -> Vec<u8> {
    let ctx = Context { plan, period, deadline: period.default_deadline(), previous: None };
    workbook(&ctx, a, Some(entries)).unwrap()
}

fn read_ok(path: &Path, plan: &Plan, period: Period) -> Submission {
    match read(path, &path.file_name().unwrap().to_string_lossy(), plan, period) {
        Outcome::Read(s) => s,
        Outcome::Refused { diagnostics, .. } => panic!("refused: {diagnostics:#?}"),
    }
}

fn messages(s: &Submission) -> Vec<String> {
    s.diagnostics.iter().map(|d| d.to_string()).collect()
}

#[test]
fn every_agency_round_trips_exactly() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(7);
    let all = assignments(&plan);
    assert!(all.len() >= 25, "{} agencies", all.len());
    for a in &all {
        let mut entries = sample::entries(a, h1(), &mut rng);
        // Text that means something to Typst or Markdown is kept as typed.
        if let Some(first) = entries.tasks.values_mut().next() {
            first.proposals = "#read(\"/etc/passwd\") $x$ *đậm* _nghiêng_ @ref <a> ] \\ ".trim().to_owned();
        }
        let path = write(dir.path(), &format!("{}.xlsx", a.agency.id), &filled(&plan, a, &entries, h1()));
        let sub = read_ok(&path, &plan, h1());
        assert_eq!(sub.agency, a.agency.id);
        assert!(sub.stamped);
        assert!(!sub.has_errors(), "{}: {:#?}", a.agency.id, messages(&sub));
        assert_eq!(sub.entries, entries, "{} did not round-trip", a.agency.id);
        assert_eq!(sub.statuses.len(), entries.tasks.len());
    }
}

#[test]
fn templates_are_byte_identical_run_to_run() {
    let plan = plan();
    let all = assignments(&plan);
    let a = &all[0];
    let ctx = Context { plan: &plan, period: h1(), deadline: h1().default_deadline(), previous: None };
    assert_eq!(workbook(&ctx, a, None).unwrap(), workbook(&ctx, a, None).unwrap());
}

/// A workbook for Sở Tài chính with chosen entries.
fn stc_with(edit: impl FnOnce(&mut Entries, &Plan)) -> (tempfile::TempDir, PathBuf, Plan) {
    let plan = plan();
    let all = assignments(&plan);
    let a = all.iter().find(|a| a.agency.id.as_str() == "stc").unwrap();
    let mut entries = sample::entries(a, h1(), &mut Rng::new(1));
    edit(&mut entries, &plan);
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "stc.xlsx", &filled(&plan, a, &entries, h1()));
    (dir, path, plan)
}

fn task_no(s: &str) -> baocao::plan::ids::TaskNo {
    baocao::plan::ids::TaskNo::parse(s).unwrap()
}

/// The row of a task on the "Nhiệm vụ" sheet of Sở Tài chính (1-based).
fn stc_row(plan: &Plan, number: &str) -> usize {
    let all = assignments(plan);
    let a = all.iter().find(|a| a.agency.id.as_str() == "stc").unwrap();
    let pos = a.leads.iter().chain(&a.coordinates).position(|t| t.number.to_string() == number).unwrap();
    baocao::form::HEADER_ROW as usize + 2 + pos
}

#[test]
fn an_unknown_status_is_an_error_at_its_cell() {
    // Task 12 is led by Sở Tài chính; "Tình trạng" is column G.
    let (_d, path, plan) =
        stc_with(|e, _| e.tasks.get_mut(&task_no("12")).unwrap().status = "Có lẽ xong rồi?".into());
    let sub = read_ok(&path, &plan, h1());
    let row = stc_row(&plan, "12");
    let want = format!(
        "lỗi: stc.xlsx › Nhiệm vụ › G{row}: tình trạng «Có lẽ xong rồi?» không hiểu được — cần một trong:"
    );
    assert!(messages(&sub).iter().any(|m| m.starts_with(&want)), "{want}\n{:#?}", messages(&sub));
    // The other rows are still read.
    assert_eq!(sub.statuses.len(), sub.entries.tasks.len() - 1);
}

#[test]
fn tolerant_statuses_and_contradictions() {
    let (_d, path, plan) = stc_with(|e, _| {
        // Task 12 is due 31/01/2026: in progress in time is right.
        e.tasks.insert(task_no("12"), TaskEntry { status: "dang trien khai".into(), ..TaskEntry::default() });
        // Task 36 is due 31/12/2025 … "đã xong" without a date.
        e.tasks.insert(task_no("36"), TaskEntry { status: "  ĐÃ XONG ".into(), ..TaskEntry::default() });
    });
    let sub = read_ok(&path, &plan, h1());
    assert_eq!(sub.statuses[&task_no("12")], Status::InProgressOnTime);
    assert_eq!(sub.statuses[&task_no("36")], Status::DoneOnTime);
    let row = stc_row(&plan, "36");
    assert!(
        messages(&sub)
            .iter()
            .any(|m| m.contains(&format!("› H{row}: nhiệm vụ 36 đã hoàn thành nhưng chưa ghi ngày"))),
        "{:#?}",
        messages(&sub)
    );
    assert!(!sub.has_errors(), "{:#?}", messages(&sub));

    // "Trong hạn" for a task whose deadline passed before the cut-off.
    let period = Period::parse("2025-H2").unwrap();
    let all = assignments(&plan);
    let a = all.iter().find(|a| a.agency.id.as_str() == "snv").unwrap();
    let mut entries = sample::entries(a, period, &mut Rng::new(2));
    // Task 5 (Sở Nội vụ) is due Tháng 7/2025, before 14/12/2025.
    entries.tasks.insert(
        task_no("5"),
        TaskEntry { status: Status::InProgressOnTime.label().into(), ..TaskEntry::default() },
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "snv.xlsx", &filled(&plan, a, &entries, period));
    let sub = read_ok(&path, &plan, period);
    assert!(
        messages(&sub).iter().any(|m| m.starts_with("cảnh báo: snv.xlsx › Nhiệm vụ › G")
            && m.contains("«Đang thực hiện trong hạn» nhưng thời hạn Tháng 7/2025 (31/7/2025) đã qua")),
        "{:#?}",
        messages(&sub)
    );
}

#[test]
fn a_number_expected_but_text_found_is_an_error() {
    // Indicator 6 (≥ 55 %) is tracked by Sở Tài chính.
    let (_d, path, plan) = stc_with(|e, _| {
        let n = baocao::plan::ids::IndicatorNo::parse("6").unwrap();
        e.indicators.get_mut(&n).unwrap().value = Some(Value::Text("khoảng năm mươi".into()));
        let n7 = baocao::plan::ids::IndicatorNo::parse("7").unwrap();
        e.indicators.get_mut(&n7).unwrap().value = Some(Value::Text("31,5 %".into()));
    });
    let sub = read_ok(&path, &plan, h1());
    let m = messages(&sub);
    assert!(
        m.iter().any(|m| m.starts_with(
            "lỗi: stc.xlsx › Chỉ tiêu › E5: kết quả «khoảng năm mươi» của chỉ tiêu 6 không phải một số"
        )),
        "{m:#?}"
    );
    // A decimal comma and a percent sign typed as text are a number.
    let n7 = baocao::plan::ids::IndicatorNo::parse("7").unwrap();
    assert_eq!(sub.entries.indicators[&n7].value, Some(Value::Number(31.5)));
}

#[test]
fn legacy_and_decomposed_text_is_converted_and_reported() {
    use baocao::intake::legacy::{Legacy, encode};
    use unicode_normalization::UnicodeNormalization;
    let (_d, path, plan) = stc_with(|e, _| {
        let t = e.tasks.get_mut(&task_no("12")).unwrap();
        t.achieved = encode("Đã trình Hội đồng nhân dân tỉnh", Legacy::Tcvn3);
        t.difficulties = encode("Thiếu kinh phí thực hiện", Legacy::Vni);
        t.proposals = "Đề nghị bổ sung".nfd().collect();
        e.sections.insert(Section::Highlights, encode("Kết quả nổi bật", Legacy::Tcvn3));
    });
    let sub = read_ok(&path, &plan, h1());
    let t = &sub.entries.tasks[&task_no("12")];
    assert_eq!(t.achieved, "Đã trình Hội đồng nhân dân tỉnh");
    assert_eq!(t.difficulties, "Thiếu kinh phí thực hiện");
    assert_eq!(t.proposals, "Đề nghị bổ sung");
    assert_eq!(sub.entries.sections[&Section::Highlights], "Kết quả nổi bật");
    let row = stc_row(&plan, "12");
    let m = messages(&sub);
    assert!(
        m.iter()
            .any(|x| x.starts_with(&format!("cảnh báo: stc.xlsx › Nhiệm vụ › I{row}: "))
                && x.contains("TCVN3")),
        "{m:#?}"
    );
    assert!(m.iter().any(|x| x.starts_with(&format!("cảnh báo: stc.xlsx › Nhiệm vụ › J{row}: ")) && x.contains("VNI")), "{m:#?}");
    assert!(
        m.iter().any(|x| x.starts_with("cảnh báo: stc.xlsx › Báo cáo › B4: ") && x.contains("TCVN3")),
        "{m:#?}"
    );
}

#[test]
fn a_workbook_for_another_period_is_refused() {
    let (_d, path, plan) = stc_with(|_, _| {});
    match read(&path, "stc.xlsx", &plan, Period::parse("2025-H2").unwrap()) {
        Outcome::Refused { diagnostics, .. } => {
            let m: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
            assert!(
                m.iter().any(|x| x
                    .contains("biểu mẫu của kỳ «6 tháng đầu năm 2025», không phải kỳ 6 tháng cuối năm 2025")),
                "{m:#?}"
            );
        }
        Outcome::Read(_) => panic!("read a workbook of another period"),
    }
}

#[test]
fn corrupt_and_foreign_files_are_refused_with_a_reason() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let (_d, good, _) = stc_with(|_, _| {});
    let mut bytes = std::fs::read(&good).unwrap();
    bytes.truncate(bytes.len() / 2);
    for (name, content, words) in [
        ("hong.xlsx", bytes, "không mở được bảng tính"),
        ("ghi-chu.txt", b"Day la ghi chu".to_vec(), "không phải bảng tính"),
        ("anh.xlsx", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "không mở được bảng tính"),
    ] {
        let p = write(dir.path(), name, &content);
        match read(&p, name, &plan, h1()) {
            Outcome::Refused { diagnostics, .. } => {
                assert!(diagnostics.iter().any(|d| d.to_string().contains(words)), "{name}: {diagnostics:#?}")
            }
            Outcome::Read(_) => panic!("{name} was read"),
        }
    }
}

/// Workbooks saved by LibreOffice (.xlsx, .xls, .ods) read exactly as the
/// workbook baocao wrote, with the same warnings at the same cells.
#[test]
fn libreoffice_saves_read_like_the_original() {
    let plan = plan();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for agency in ["stc", "syt"] {
        let original = read_ok(&dir.join(format!("{agency}-baocao.xlsx")), &plan, h1());
        assert_eq!(original.agency.as_str(), agency);
        assert!(!original.entries.tasks.is_empty() && original.entries.sent_on.is_some());
        let cells = |s: &Submission| -> Vec<String> {
            s.diagnostics
                .iter()
                .map(|d| {
                    format!("{:?} {:?} {:?} {}", d.severity, d.location.sheet, d.location.cell, d.message)
                })
                .collect()
        };
        for ext in ["xlsx", "xls", "ods"] {
            let path = dir.join(format!("{agency}-libreoffice.{ext}"));
            let copy = read_ok(&path, &plan, h1());
            assert_eq!(copy.agency, original.agency, "{ext}");
            assert_eq!(copy.entries, original.entries, "{agency}.{ext} reads differently");
            assert_eq!(copy.statuses, original.statuses, "{ext}");
            assert_eq!(cells(&copy), cells(&original), "{agency}.{ext}: other diagnostics");
        }
    }
    // The VNI text of Sở Y tế is converted in every format.
    let syt = read_ok(&dir.join("syt-libreoffice.ods"), &plan, h1());
    assert!(syt.diagnostics.iter().any(|d| d.message.contains("VNI-Windows")));
    assert!(
        syt.entries.sections[&Section::Difficulties].chars().any(|c| ('\u{1EA0}'..='\u{1EF9}').contains(&c))
    );
}

/// A workbook a clerk rebuilt by hand: no stamp, headers on row 1, cells
/// as given (`None` leaves a cell empty).
fn handmade(dir: &Path, name: &str, tasks: &[Vec<Option<&str>>], extra_sheets: &[&str]) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Nhiệm vụ").unwrap();
    for (c, h) in baocao::form::TaskCol::ALL.iter().enumerate() {
        ws.write_string(0, c as u16, h.header()).unwrap();
    }
    for (r, row) in tasks.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if let Some(v) = cell {
                ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    }
    for s in extra_sheets {
        wb.add_worksheet().set_name(*s).unwrap();
    }
    write(dir, name, &wb.save_to_buffer().unwrap())
}

/// A task row: TT, then the status, date and result columns.
fn row<'a>(
    tt: Option<&'a str>,
    status: Option<&'a str>,
    date: Option<&'a str>,
    achieved: Option<&'a str>,
) -> Vec<Option<&'a str>> {
    vec![tt, Some("tên"), None, None, None, None, status, date, achieved]
}

#[test]
fn a_rebuilt_sheet_is_read_by_its_headers_with_each_mistake_at_its_cell() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let mut tasks = vec![
        row(Some("12"), Some("Đang thực hiện trong hạn"), None, Some("Đã trình dự thảo")), // row 2: fine
        row(Some("99"), Some("Chưa triển khai"), None, None), // row 3: not in plan
        row(Some("50"), Some("Chưa triển khai"), None, None), // row 4: led by the military, coordinated by the police
        row(Some("12"), Some("Chưa triển khai"), None, None), // row 5: twice
        row(None, Some("Đã hoàn thành đúng hạn"), None, Some("không có TT")), // row 6: no TT
        row(Some("36"), Some("Đã hoàn thành đúng hạn"), Some("31/13/2025"), None), // row 7: bad date
        row(Some("abc"), None, None, None),                   // row 8: not a number
    ];
    tasks.push(vec![
        Some("18"),
        None,
        None,
        None,
        None,
        None,
        Some("Chưa triển khai"),
        None,
        None,
        None,
        None,
        Some("ghi chú lạc cột"),
    ]); // row 9: stray cell in L
    let path = handmade(dir.path(), "stc.xlsx", &tasks, &["Báo cáo"]);
    let sub = read_ok(&path, &plan, h1());
    let m = messages(&sub);
    let has = |prefix: &str, words: &str| {
        assert!(
            m.iter().any(|x| x.starts_with(prefix) && x.contains(words)),
            "want {prefix} … {words} in {m:#?}"
        )
    };
    has("cảnh báo: stc.xlsx: ", "không có trang «_baocao»");
    has("lỗi: stc.xlsx › Nhiệm vụ › A3: ", "nhiệm vụ số 99 không có trong kế hoạch");
    has("lỗi: stc.xlsx › Nhiệm vụ › A4: ", "nhiệm vụ số 50 không giao cho Sở Tài chính");
    has("lỗi: stc.xlsx › Nhiệm vụ › A5: ", "nhiệm vụ số 12 xuất hiện lần thứ hai");
    has("lỗi: stc.xlsx › Nhiệm vụ › A6: ", "không có số thứ tự (TT)");
    has("lỗi: stc.xlsx › Nhiệm vụ › H7: ", "ngày hoàn thành «31/13/2025» không đọc được");
    has("lỗi: stc.xlsx › Nhiệm vụ › A8: ", "TT «abc» không phải số thứ tự");
    has("cảnh báo: stc.xlsx › Nhiệm vụ › L9: ", "«ghi chú lạc cột»");
    has("lỗi: stc.xlsx: ", "không có trang «Chỉ tiêu»");
    // The good rows are read all the same.
    assert_eq!(sub.statuses[&task_no("12")], Status::InProgressOnTime);
    assert_eq!(sub.statuses[&task_no("18")], Status::NotStarted);
    assert_eq!(sub.entries.tasks[&task_no("12")].achieved, "Đã trình dự thảo");
}

#[test]
fn a_rebuilt_sheet_needs_a_file_name_that_names_the_agency() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let path = handmade(
        dir.path(),
        "bao-cao-cua-toi.xlsx",
        &[row(Some("12"), Some("Chưa triển khai"), None, None)],
        &[],
    );
    match read(&path, "bao-cao-cua-toi.xlsx", &plan, h1()) {
        Outcome::Refused { diagnostics, .. } => {
            assert!(diagnostics[0].message.contains("không biết tệp của cơ quan nào"))
        }
        Outcome::Read(_) => panic!("read without knowing whose it is"),
    }
}

#[test]
fn empty_sheets_and_headerless_sheets_are_errors_not_crashes() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Nhiệm vụ").unwrap();
    wb.add_worksheet().set_name("Chỉ tiêu").unwrap().write_string(0, 0, "một ghi chú").unwrap();
    let path = write(dir.path(), "stc.xlsx", &wb.save_to_buffer().unwrap());
    let sub = read_ok(&path, &plan, h1());
    let m = messages(&sub);
    assert!(
        m.iter().any(|x| x.starts_with("lỗi: stc.xlsx › Nhiệm vụ: không thấy dòng tiêu đề cột")),
        "{m:#?}"
    );
    assert!(
        m.iter().any(|x| x.starts_with("lỗi: stc.xlsx › Chỉ tiêu: không thấy dòng tiêu đề cột")),
        "{m:#?}"
    );
    assert!(sub.entries.tasks.is_empty());
}

#[test]
fn ten_thousand_rows_are_each_accounted_for() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let tts: Vec<String> = (0..10_000).map(|i| (1000 + i).to_string()).collect();
    let mut rows: Vec<Vec<Option<&str>>> =
        tts.iter().map(|t| row(Some(t), Some("Chưa triển khai"), None, None)).collect();
    rows.insert(0, row(Some("12"), Some("Chưa triển khai"), None, None));
    let path = handmade(dir.path(), "stc.xlsx", &rows, &[]);
    let sub = read_ok(&path, &plan, h1());
    let unknown = sub.diagnostics.iter().filter(|d| d.message.contains("không có trong kế hoạch")).count();
    assert_eq!(unknown, 10_000);
    let last = sub.diagnostics.iter().rfind(|d| d.message.contains("không có trong kế hoạch")).unwrap();
    assert_eq!(last.location.cell.as_deref(), Some("A10002"));
    assert_eq!(sub.statuses.len(), 1);
}

#[test]
fn another_plan_or_template_version_is_refused_and_an_edited_plan_warned() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let shares = assignments(&plan);
    let stc = shares.iter().find(|a| a.agency.id.as_str() == "stc").unwrap();

    let mut other = plan.clone();
    other.info.code = "99/KH-UBND".into();
    let path = write(dir.path(), "khac.xlsx", &filled(&other, stc, &Entries::default(), h1()));
    match read(&path, "khac.xlsx", &plan, h1()) {
        Outcome::Refused { diagnostics, .. } => {
            assert!(diagnostics.iter().any(|d| {
                d.message.contains("biểu mẫu của kế hoạch «99/KH-UBND», không phải kế hoạch 60/KH-UBND")
            }))
        }
        Outcome::Read(_) => panic!("read a workbook of another plan"),
    }

    // The plan was edited after the templates went out: read, with a warning.
    let mut edited = plan.clone();
    edited.task_groups[0].tasks[0].name.push_str(" (sửa)");
    let path = write(dir.path(), "stc.xlsx", &filled(&edited, stc, &Entries::default(), h1()));
    let sub = read_ok(&path, &plan, h1());
    assert!(
        messages(&sub).iter().any(|m| m.contains("kế hoạch đã được sửa sau khi phát biểu mẫu")),
        "{:#?}",
        messages(&sub)
    );

    // A stamp from another template version.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("_baocao").unwrap();
    for (r, (k, v)) in [
        ("ke_hoach", "60/KH-UBND"),
        ("dau_van_tay", "x"),
        ("co_quan", "stc"),
        ("ky_bao_cao", "2025-H1"),
        ("phien_ban_bieu_mau", "0"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *k).unwrap();
        ws.write_string(r as u32, 1, *v).unwrap();
    }
    let path = write(dir.path(), "cu.xlsx", &wb.save_to_buffer().unwrap());
    match read(&path, "cu.xlsx", &plan, h1()) {
        Outcome::Refused { diagnostics, .. } => {
            assert!(
                diagnostics.iter().any(|d| d.message.contains("biểu mẫu phiên bản «0»")),
                "{diagnostics:#?}"
            )
        }
        Outcome::Read(_) => panic!("read a workbook of another template version"),
    }
}

/// Reading the workbooks in parallel gives exactly what reading them one
/// after another gives.
#[test]
fn parallel_ingest_equals_sequential_ingest() {
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng::new(11);
    for a in assignments(&plan) {
        let mut entries = sample::entries(&a, h1(), &mut rng);
        if a.agency.id.as_str() == "sct" {
            sample::apply(&mut entries, sample::Quirk::Mistakes, &mut rng);
        }
        write(dir.path(), &format!("{}.xlsx", a.agency.id), &filled(&plan, &a, &entries, h1()));
    }
    write(dir.path(), "hong.xlsx", b"not a workbook");
    let paths = vec![dir.path().to_path_buf()];
    let merged = |parallel: bool| {
        let inputs = baocao::intake::collect::read_all_with(&plan, h1(), &paths, parallel).unwrap();
        let data = baocao::merge::merge(&plan, h1(), h1().default_deadline(), inputs);
        serde_json::to_string(&data).unwrap()
    };
    let sequential = merged(false);
    assert!(sequential.contains("Xong một nửa") && sequential.contains("hong.xlsx"));
    assert_eq!(merged(true), sequential);
}

/// Whose a workbook is comes from every signal; when they disagree the
/// workbook is refused, with each signal named, and counted for each agency.
#[test]
fn a_folder_or_a_reporting_line_that_names_another_agency_is_a_refusal() {
    use baocao::intake::read::{Against, read_in};
    let (_d, path, plan) = stc_with(|_, _| {});
    let bytes = std::fs::read(&path).unwrap();
    let against = Against::new(&plan, h1());
    // Saved in Sở Y tế's folder: stamp and name say Sở Tài chính.
    match read_in(&bytes, "nop/syt/stc.xlsx", &["syt".to_owned()], &against) {
        Outcome::Refused { agencies, diagnostics, .. } => {
            let ids: Vec<&str> = agencies.iter().map(|a| a.as_str()).collect();
            assert_eq!(ids, ["stc", "syt"]);
            let m = diagnostics[0].to_string();
            assert!(
                m.contains("thư mục «syt» chỉ Sở Y tế (syt)")
                    && m.contains("tên tệp «stc.xlsx» chỉ Sở Tài chính"),
                "{m}"
            );
        }
        Outcome::Read(_) => panic!("filed under one agency though its folder names another"),
    }
    // A folder that names the same agency, or none: read.
    for folder in ["stc", "Sở Tài chính", "Thu gui ngay 16-6"] {
        assert!(
            matches!(read_in(&bytes, "x/stc.xlsx", &[folder.to_owned()], &against), Outcome::Read(_)),
            "{folder}"
        );
    }
    // The «Cơ quan báo cáo» line edited to another agency (an unprotected guide).
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Hướng dẫn").unwrap();
    ws.write_string(3, 0, "Cơ quan báo cáo: Sở Y tế").unwrap();
    let ws = wb.add_worksheet();
    ws.set_name("Nhiệm vụ").unwrap();
    for (c, h) in baocao::form::TaskCol::ALL.iter().enumerate() {
        ws.write_string(0, c as u16, h.header()).unwrap();
    }
    let p = write(dir.path(), "stc.xlsx", &wb.save_to_buffer().unwrap());
    match read(&p, "stc.xlsx", &plan, h1()) {
        Outcome::Refused { diagnostics, .. } => {
            let m = diagnostics[0].to_string();
            assert!(m.contains("ô Hướng dẫn › A4 ghi «Sở Y tế»"), "{m}");
        }
        Outcome::Read(_) => panic!("read though its «Cơ quan báo cáo» names another agency"),
    }
}
