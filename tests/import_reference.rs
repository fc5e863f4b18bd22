//! The published text of Kế hoạch 60/KH-UBND (Cà Mau, 25/02/2025), imported
//! and checked row by row against what the text prints.

use baocao::plan::agency::{AgencyRef, Registry};
use baocao::plan::deadline::DeadlineKind;
use baocao::plan::files::{self, AGENCIES_FILE, IndicatorRecord, PlanSource, SourceFile, TaskRecord};
use baocao::plan::import::{Imported, import, province_of};
use baocao::plan::load;
use baocao::plan::target::{Target, TargetKind};
use baocao::plan::{Cadence, deadline::Deadline};

const REFERENCE: &str = "inputs/van-ban/ke-hoach-60-KH-UBND-2025.txt";

fn reference_text() -> String {
    baocao::textfile::read_text(std::path::Path::new(REFERENCE)).expect("the reference text is bundled")
}

fn registry(text: &str) -> Registry {
    let file = SourceFile {
        name: AGENCIES_FILE.into(),
        text: std::fs::read_to_string(format!("inputs/{AGENCIES_FILE}")).unwrap(),
    };
    let (reg, diags) = load::registry(&file, &province_of(text));
    assert!(diags.is_empty(), "{diags:?}");
    reg
}

fn imported() -> Imported {
    let text = reference_text();
    import(REFERENCE, &text, &registry(&text)).expect("the reference text is a plan")
}

fn task<'a>(imp: &'a Imported, number: &str) -> &'a TaskRecord {
    imp.tasks
        .group
        .iter()
        .flat_map(|g| &g.task)
        .map(|t| t.get_ref())
        .find(|t| t.number == number)
        .unwrap_or_else(|| panic!("task {number} missing"))
}

fn indicator<'a>(imp: &'a Imported, number: &str) -> &'a IndicatorRecord {
    imp.indicators
        .group
        .iter()
        .flat_map(|g| &g.indicator)
        .map(|i| i.get_ref())
        .find(|i| i.number == number)
        .unwrap_or_else(|| panic!("indicator {number} missing"))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn finds_every_indicator_and_task_and_nothing_else() {
    let imp = imported();
    let indicator_numbers: Vec<&str> =
        imp.indicators.group.iter().flat_map(|g| &g.indicator).map(|i| i.get_ref().number.as_str()).collect();
    let mut expected: Vec<String> = strings(&["1", "2", "4", "5", "6", "7", "8"]);
    expected.extend((1..=12).map(|i| format!("8.{i}")));
    expected.extend((9..=18).map(|i| i.to_string()));
    expected.extend(strings(&["18.1", "18.2"]));
    expected.extend((19..=30).map(|i| i.to_string()));
    assert_eq!(indicator_numbers, expected);
    assert_eq!(indicator_numbers.len(), 43);

    let task_numbers: Vec<String> =
        imp.tasks.group.iter().flat_map(|g| &g.task).map(|t| t.get_ref().number.clone()).collect();
    let expected: Vec<String> = (1..=62).filter(|&n| n != 3).map(|n| n.to_string()).collect();
    assert_eq!(task_numbers, expected);
    assert!(imp.indicators.unplaced.is_empty() && imp.tasks.unplaced.is_empty());
}

#[test]
fn every_agency_spelling_is_resolved_and_the_duplicate_block_is_ignored() {
    let imp = imported();
    let errors: Vec<_> = imp.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let warnings: Vec<String> = imp.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(warnings[0].contains("dòng 36") && warnings[0].contains("lặp lại"), "{}", warnings[0]);
    // Every id in every agency field is a registry id, never a raw name.
    let reg = registry(&reference_text());
    let all_ids = imp
        .tasks
        .group
        .iter()
        .flat_map(|g| &g.task)
        .flat_map(|t| t.get_ref().lead.iter().chain(&t.get_ref().coordinators))
        .chain(imp.indicators.group.iter().flat_map(|g| &g.indicator).flat_map(|i| &i.get_ref().tracking));
    for id in all_ids {
        assert!(reg.lookup(id).is_some_and(|found| found.as_str() == id), "{id} is not a registry id");
    }
}

#[test]
fn spellings_seen_in_the_reference_resolve_to_the_right_agencies() {
    let reg = registry(&reference_text());
    let ids = |text: &str| -> Vec<String> {
        reg.resolve_list(text)
            .into_iter()
            .map(|r| match r {
                AgencyRef::Known(id) => id.to_string(),
                AgencyRef::Unknown(s) => panic!("{text}: «{s}» unresolved"),
            })
            .collect()
    };
    for (text, expected) in [
        ("Văn phòng UBND tỉnh", vec!["vpubnd"]),
        ("Văn phòng Ủy ban nhân dân tỉnh", vec!["vpubnd"]),
        ("Chi nhánh Ngân hàng Nhà nước tỉnh Cà Mau", vec!["nhnn"]),
        ("Ngân hàng Nhà nước chi nhánh tỉnh Cà Mau", vec!["nhnn"]),
        ("Ban Quản lý Khu kinh tế", vec!["bqlkkt"]),
        ("Ban Quản lý Khu kinh tế tỉnh", vec!["bqlkkt"]),
        ("Sở KH&CN", vec!["skhcn"]),
        ("Công an tỉnh; các sở, ngành", vec!["cat", "so-nganh"]),
        ("Công an tỉnh, Sở Khoa học và Công nghệ", vec!["cat", "skhcn"]),
        ("Các sở, ban, ngành tỉnh; Cơ quan truyền thông của tỉnh", vec!["so-nganh", "truyen-thong"]),
        ("Sở Khoa học và Công nghệ, các đơn vị liên quan", vec!["skhcn", "lien-quan"]),
        ("Các Sở, ban, ngành tỉnh; Ủy ban nhân dân cấp huyện", vec!["so-nganh", "ubnd-cap-huyen"]),
        ("Các Sở, ban, ngành, địa phương.", vec!["so-nganh-dia-phuong"]),
        (
            "Các Sở, ban, ngành, địa phương; Các cơ quan, đơn vị có liên quan.",
            vec!["so-nganh-dia-phuong", "lien-quan"],
        ),
        ("Các cơ quan, đơn vị có liên quan trên địa bàn tỉnh", vec!["lien-quan"]),
        ("Sở Giáo dục và Đào tạo; các đơn vị liên quan", vec!["sgddt", "lien-quan"]),
        ("Sở Nội vụ; Các sở, ngành, địa phương", vec!["snv", "so-nganh-dia-phuong"]),
        ("Các Sở, ban, ngành", vec!["so-nganh"]),
        ("Các sở, ngành", vec!["so-nganh"]),
        (
            "Các cơ quan Đảng, Hội đồng nhân dân tỉnh, Tòa án nhân dân tỉnh, Viện Kiểm sát nhân dân tỉnh.",
            vec!["co-quan-dang", "hdnd", "tand", "vksnd"],
        ),
        (
            "Sở Khoa học và Công nghệ; Sở Giáo dục và Đào tạo; Bộ Chỉ huy Quân sự tỉnh",
            vec!["skhcn", "sgddt", "bchqs"],
        ),
        ("Công an tỉnh; Bộ Chỉ huy Quân sự tỉnh", vec!["cat", "bchqs"]),
        ("Công an tỉnh;", vec!["cat"]),
        ("Các Sở, ban, ngành,\nđịa phương;", vec!["so-nganh-dia-phuong"]),
        ("Sở Văn hóa, Thể thao và Du lịch", vec!["svhttdl"]),
        ("Sở Nông nghiệp và Môi trường", vec!["snnmt"]),
    ] {
        assert_eq!(ids(text), expected, "{text}");
    }
    // Groups reach their members: a task led by "Các Sở, ban, ngành, địa
    // phương" reaches a department and a district.
    let all = reg.expand(reg.lookup("so-nganh-dia-phuong").unwrap());
    assert!(all.iter().any(|a| a.as_str() == "skhcn"));
    assert!(all.iter().any(|a| a.as_str() == "ubnd-u-minh"));
    assert!(!all.iter().any(|a| a.as_str() == "tand"));
}

#[test]
fn tasks_field_by_field() {
    let imp = imported();
    let t27 = task(&imp, "27");
    assert_eq!(
        t27.name,
        "Hoàn thành xây dựng Trung tâm dữ liệu tỉnh kết nối, chia sẻ với Trung tâm dữ liệu quốc gia về dân cư"
    );
    assert_eq!(t27.lead, strings(&["cat"]));
    assert_eq!(t27.coordinators, strings(&["so-nganh-dia-phuong"]));
    assert_eq!(t27.result, "Trung tâm dữ liệu tỉnh");
    assert_eq!(t27.deadline, "Tháng 01/2026");

    let t55 = task(&imp, "55");
    assert_eq!(t55.lead, strings(&["skhcn", "sgddt", "bchqs"]));
    assert_eq!(t55.coordinators, strings(&["stc"]));
    assert_eq!(t55.deadline, "Năm 2025");

    let t62 = task(&imp, "62");
    assert!(t62.coordinators.is_empty());
    assert_eq!(t62.lead, strings(&["skhcn"]));
    assert_eq!(t62.result, "Các hoạt động hợp tác");
    assert_eq!(t62.deadline, "Thường xuyên");

    // A cell over two lines, and a lead cell naming two groups.
    assert_eq!(task(&imp, "61").coordinators, strings(&["so-nganh-dia-phuong"]));
    assert_eq!(task(&imp, "6").lead, strings(&["so-nganh", "ubnd-cap-huyen"]));
    assert!(task(&imp, "6").coordinators.is_empty());
    assert_eq!(task(&imp, "32").result, "");
    assert_eq!(task(&imp, "50").coordinators, strings(&["cat"]));
}

#[test]
fn task_groups_keep_their_headings_and_the_lost_one() {
    let imp = imported();
    let groups: Vec<(&str, &str, usize)> =
        imp.tasks.group.iter().map(|g| (g.number.as_str(), g.title.as_str(), g.task.len())).collect();
    assert_eq!(groups.len(), 4);
    assert_eq!(groups[0], ("I", "", 12));
    assert_eq!(
        groups[1].1,
        "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"
    );
    assert_eq!((groups[1].2, groups[2].2, groups[3].2), (40, 7, 2));
    assert!(groups[3].1.starts_with("Tăng cường hợp tác quốc tế"));
}

#[test]
fn every_deadline_form_of_the_reference() {
    let imp = imported();
    let kind = |n: &str| Deadline::parse(&task(&imp, n).deadline).kind();
    assert!(matches!(kind("1"), DeadlineKind::Month { year: 2025, .. }));
    assert_eq!(Deadline::parse(&task(&imp, "1").deadline).due().unwrap().to_string(), "2025-07-31");
    assert_eq!(Deadline::parse(&task(&imp, "8").deadline).due().unwrap().to_string(), "2026-01-31");
    assert_eq!(kind("10"), DeadlineKind::Year(2025));
    assert_eq!(kind("30"), DeadlineKind::YearRange { from: 2025, to: 2026 });
    assert_eq!(kind("2"), DeadlineKind::Ongoing);
    assert_eq!(kind("56"), DeadlineKind::Annual);
    assert_eq!(kind("32"), DeadlineKind::FromYearOn(2025));
    // Every deadline of the plan is understood.
    for t in imp.tasks.group.iter().flat_map(|g| &g.task) {
        assert!(Deadline::parse(&t.get_ref().deadline).is_recognised(), "{}", t.get_ref().deadline);
    }
}

#[test]
fn indicators_field_by_field() {
    let imp = imported();
    let groups: Vec<(&str, &str, usize)> = imp
        .indicators
        .group
        .iter()
        .map(|g| (g.number.as_str(), g.title.as_str(), g.indicator.len()))
        .collect();
    assert_eq!(groups, vec![("I", "Đến năm 2030", 39), ("II", "Đến năm 2045", 4)]);

    let i87 = indicator(&imp, "8.7");
    assert_eq!(
        i87.name,
        "Tỷ lệ thủ tục hành chính được tiếp nhận, giải quyết phi địa giới hành chính giữa trung ương và địa phương, giữa các cấp chính quyền"
    );
    assert_eq!((i87.unit.as_str(), i87.target.as_str()), ("%", "70"));
    assert_eq!(i87.tracking, strings(&["vpubnd"]));

    let i18 = indicator(&imp, "18");
    assert_eq!(
        (i18.name.as_str(), i18.unit.as_str(), i18.target.as_str()),
        ("Hạ tầng số", "", "Phát triển khá")
    );
    assert_eq!(*Target::parse(&i18.target, &i18.unit).kind(), TargetKind::Qualitative);
    let i181 = indicator(&imp, "18.1");
    assert_eq!((i181.unit.as_str(), i181.target.as_str()), ("%", "100%"));
    assert_eq!(*Target::parse(&i181.target, &i181.unit).kind(), TargetKind::Equal(100.0));
    assert_eq!(indicator(&imp, "18.2").unit, "% dân số");

    let i11 = indicator(&imp, "11");
    assert_eq!(i11.target, ">0,7");
    assert_eq!(*Target::parse(&i11.target, &i11.unit).kind(), TargetKind::GreaterThan(0.7));
    assert_eq!(i11.unit, "Chỉ số phát triển con người (HDI)");

    let i8 = indicator(&imp, "8");
    assert!(i8.unit.is_empty() && i8.target.is_empty() && i8.tracking.is_empty());
    assert_eq!(indicator(&imp, "21").tracking, strings(&["cat", "so-nganh"]));
    assert_eq!(indicator(&imp, "22").tracking, strings(&["cat", "skhcn"]));
    assert_eq!(indicator(&imp, "9").tracking, strings(&["nhnn"]));
    assert_eq!(indicator(&imp, "23").tracking, strings(&["nhnn"]));
}

#[test]
fn every_target_form_of_the_reference() {
    let imp = imported();
    let kind = |n: &str| {
        let i = indicator(&imp, n);
        Target::parse(&i.target, &i.unit).kind().clone()
    };
    assert_eq!(kind("6"), TargetKind::AtLeast(55.0));
    assert_eq!(kind("8.2"), TargetKind::Equal(100.0));
    assert_eq!(kind("16"), TargetKind::Range(16.0, 18.0));
    assert_eq!(kind("13"), TargetKind::GreaterThan(60.0));
    assert_eq!(kind("4"), TargetKind::RankAtMost { rank: 30, scope: "các tỉnh, thành trên cả nước".into() });
    assert_eq!(kind("26"), TargetKind::RankAtMost { rank: 10, scope: String::new() });
    assert_eq!(kind("1"), TargetKind::Qualitative);
    assert_eq!(kind("12"), TargetKind::Qualitative);
    assert_eq!(kind("22"), TargetKind::AtLeast(1.0));
    for i in imp.indicators.group.iter().flat_map(|g| &g.indicator) {
        let i = i.get_ref();
        assert!(Target::parse(&i.target, &i.unit).is_recognised(), "{}: {}", i.number, i.target);
    }
}

#[test]
fn the_plan_identity_is_read_from_the_header_and_body() {
    let p = imported().plan;
    assert_eq!(p.code, "60/KH-UBND");
    assert_eq!(p.kind, "Kế hoạch");
    assert_eq!(p.date.get_ref().to_string(), "2025-02-25");
    assert_eq!(p.issuer, "Ủy ban nhân dân tỉnh Cà Mau");
    assert_eq!((p.province.as_str(), p.place.as_str()), ("Cà Mau", "Cà Mau"));
    assert_eq!(p.signer, "Phạm Thành Ngại");
    assert_eq!(p.signer_authority, "TM. ỦY BAN NHÂN DÂN");
    assert_eq!(p.standing_agency.get_ref(), "skhcn");
    assert_eq!(p.reporting, vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand]);
    assert!(p.summary.starts_with("thực hiện Nghị quyết 03/NQ-CP"));
    assert_eq!(p.indicator_appendix.title, "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ");
    assert_eq!(
        p.task_appendix.note,
        "(Ban hành kèm theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của Ủy ban nhân dân tỉnh)"
    );
    assert_eq!(p.footnotes.len(), 1);
    assert!(p.footnotes[0].starts_with("[1] Tuyên truyền"));
}

/// The bundled plan is exactly what the importer makes of the bundled text,
/// so either can be regenerated from the other.
#[test]
fn bundled_plan_files_are_the_import_of_the_bundled_text() {
    let imp = imported();
    for (name, rendered) in [
        (files::PLAN_FILE, files::render(files::PLAN_FILE, &imp.plan).unwrap()),
        (files::INDICATORS_FILE, files::render(files::INDICATORS_FILE, &imp.indicators).unwrap()),
        (files::TASKS_FILE, files::render(files::TASKS_FILE, &imp.tasks).unwrap()),
    ] {
        let bundled = std::fs::read_to_string(format!("inputs/{name}")).unwrap();
        assert!(bundled == rendered, "inputs/{name} differs from the import of {REFERENCE}");
    }
}

#[test]
fn the_embedded_plan_is_the_bundled_plan_and_it_checks_clean() {
    let embedded = load::load(&PlanSource::Embedded).expect("the embedded plan is valid");
    let (dir, diags) = load::check(&PlanSource::Dir("inputs".into())).unwrap();
    assert!(diags.is_empty(), "{diags:#?}");
    let dir = dir.unwrap();
    assert_eq!(serde_json::to_value(&embedded).unwrap(), serde_json::to_value(&dir).unwrap());
    assert_eq!(embedded.tasks().count(), 61);
    assert_eq!(embedded.indicators().count(), 43);
    // Parents and children.
    let children: Vec<String> = embedded
        .indicators()
        .filter(|(_, i)| i.parent.as_ref().is_some_and(|p| p.to_string() == "18"))
        .map(|(_, i)| i.number.to_string())
        .collect();
    assert_eq!(children, vec!["18.1", "18.2"]);
    assert_eq!(embedded.indicator_groups[0].year, Some(2030));
}

/// Plans word things differently: an appendix heading the importer does
/// not know and no pipe before it, a standing agency given its role in
/// other words. The title stays the heading (not the body above it); the
/// standing agency is found, or named with `--standing`.
#[test]
fn other_wordings_keep_titles_short_and_find_the_standing_agency() {
    let text = reference_text()
        .replacen("DÂN |\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "DÂN\n\nPHỤ LỤC I\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ", 1)
        .replacen(
            "Sở Khoa học và Công nghệ là cơ quan thường trực, chịu trách nhiệm",
            "Giao Sở Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc, chịu trách nhiệm",
            1,
        );
    assert!(text.contains("PHỤ LỤC I") && text.contains("Giao Sở Khoa học"), "the edits apply");
    let imp = import(REFERENCE, &text, &registry(&text)).expect("a plan");
    assert_eq!(imp.plan.indicator_appendix.title, "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ");
    assert_eq!(imp.plan.standing_agency.get_ref(), "skhcn");
    assert_eq!(imp.plan.reporting, vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand]);

    let unsaid = reference_text().replacen("là cơ quan thường trực", "được phân công theo dõi", 1);
    let imp = import(REFERENCE, &unsaid, &registry(&unsaid)).expect("a plan");
    assert!(
        imp.diagnostics.iter().any(|d| d.is_error() && d.message.contains("--standing")),
        "{:?}",
        imp.diagnostics
    );
    let imp = baocao::plan::import::import_with(
        REFERENCE,
        &unsaid,
        &registry(&unsaid),
        Some("Sở Khoa học và Công nghệ"),
    )
    .expect("a plan");
    assert_eq!(imp.plan.standing_agency.get_ref(), "skhcn");
    assert!(!imp.has_errors(), "{:?}", imp.diagnostics);
}

/// Names the registry does not know (a plan of ministries): a list of them is
/// cut by their head nouns, and each unknown name is said once, with every
/// line it is on, however many rows name it.
#[test]
fn unknown_agencies_are_cut_by_head_noun_and_said_once() {
    let text = reference_text().replace("\nSở Tài chính |", "\nBộ Tài chính |").replacen(
        "Công an tỉnh |",
        "Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông |",
        1,
    );
    let imp = import(REFERENCE, &text, &registry(&text)).expect("a plan");
    let said = |name: &str| {
        imp.diagnostics.iter().filter(|d| d.is_error() && d.message.contains(&format!("«{name}»"))).count()
    };
    assert_eq!(said("Bộ Tài chính"), 1, "{:#?}", imp.diagnostics);
    assert!(
        imp.diagnostics.iter().any(|d| d.message.contains("«Bộ Tài chính» (còn ở dòng")),
        "the other lines are listed"
    );
    assert_eq!(said("Bộ Khoa học và Công nghệ"), 1);
    assert_eq!(said("Bộ Thông tin và Truyền thông"), 1);
    assert_eq!(said("Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông"), 0, "the list is cut");
}
