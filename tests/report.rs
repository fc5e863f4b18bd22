//! The report read back by real readers: poppler's pdftotext, pdffonts and
//! pdfinfo for the PDF, calamine for the workbook. Renders are slow in debug
//! builds, so each test renders once and checks much.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};
use unicode_normalization::UnicodeNormalization;

fn baocao(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao")).args(args).current_dir(cwd).output().unwrap();
    let code = out.status.code().unwrap();
    assert_ne!(code, 101, "panicked: {}", String::from_utf8_lossy(&out.stderr));
    (code, String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

/// Runs a poppler tool; a missing tool fails the test (tests/run installs it).
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed to read the PDF back ({e}); install poppler-utils or run `bash tests/run`")
    });
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// The text in content order: the lines of one table cell stay together.
fn raw_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"])
}

#[test]
fn the_demo_report_reads_back_in_the_official_format() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = baocao(dir.path(), &["demo", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}{err}");
    let base = dir.path().join("outputs/2025-H1");
    let pdf = base.join("bao-cao-2025-H1.pdf");

    let info = poppler("pdfinfo", &["-f", "1", "-l", "999", pdf.to_str().unwrap()]);
    let sizes: Vec<&str> = info.lines().filter(|l| l.starts_with("Page") && l.contains(" size: ")).collect();
    assert!(sizes.len() >= 10, "{info}");
    for s in &sizes {
        assert!(s.contains("595.276 x 841.89") || s.contains("841.89 x 595.276"), "not A4: {s}");
    }
    assert!(sizes[0].contains("595.276 x 841.89"), "page 1 is portrait");
    assert!(info.contains("Title:           Báo cáo kết quả thực hiện Kế hoạch số 60/KH-UBND"), "{info}");
    assert!(info.contains("Author:          Sở Khoa học và Công nghệ"), "{info}");

    let fonts = poppler("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let emb = cols[cols.len() - 5];
        assert_eq!(emb, "yes", "font not embedded: {row}");
    }

    let t = text(&pdf);
    assert_eq!(t.nfc().collect::<String>(), t, "extracted text is not NFC");
    for want in common::DEMO_REPORT_TEXT {
        assert!(t.contains(want), "{want:?} missing from the PDF text");
    }
    // Agencies that wrote the same difficulty are named together, once, in
    // the narrative (Phụ lục II gives each task's difficulties on its row).
    let raw: String = raw_text(&pdf).split_whitespace().collect();
    let raw = &raw[..raw.find("KẾTQUẢTHỰCHIỆNCÁCCHỈTIÊU").unwrap()];
    let counts: Vec<usize> = [
        "Tiến độ còn chậm do kinh phí thực hiện chưa được bố trí kịp thời.",
        "Đội ngũ cán bộ chuyên trách còn thiếu, phần lớn phải kiêm nhiệm nhiều việc.",
        "Hạ tầng mạng ở một số xã vùng sâu, vùng xa chưa bảo đảm do chi phí đầu tư lớn.",
    ]
    .iter()
    .map(|s| raw.matches(&s.split_whitespace().collect::<String>()).count())
    .collect();
    assert!(counts.iter().all(|&n| n <= 1) && counts.contains(&1), "{counts:?}");

    // Every task of the plan has its row in Phụ lục II.
    let start = t.find("TIẾN ĐỘ THỰC HIỆN CÁC NHIỆM VỤ").unwrap();
    let end = t.find("TÌNH HÌNH GỬI BÁO CÁO").unwrap();
    let appendix = &t[start..end];
    for n in (1..=62).filter(|&n| n != 3) {
        let row = appendix.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with(&format!("{n} ")) || l == n.to_string()
        });
        assert!(row, "task {n} has no row in Phụ lục II");
    }

    // The workbook: the same appendices, numbers as numbers, dates as dates.
    let xlsx = base.join("bao-cao-2025-H1.xlsx");
    let mut book = open_workbook_auto(&xlsx).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Phụ lục I",
            "Phụ lục II",
            "Phụ lục III",
            "Phụ lục IV",
            "Nội dung báo cáo",
            "Nhiệm vụ theo cơ quan",
            "Chỉ tiêu theo cơ quan"
        ]
    );
    // The last sheet gives every agency's own text in full, by name: one row
    // per narrative of tong-hop.json.
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(base.join("tong-hop.json")).unwrap()).unwrap();
    let narratives: Vec<&serde_json::Value> = data["narratives"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| {
            ["highlights", "documents", "difficulties", "causes", "proposals", "next-period"]
                .contains(&n["section"].as_str().unwrap())
        })
        .collect();
    let texts = book.worksheet_range("Nội dung báo cáo").unwrap();
    let text_rows: Vec<String> = texts
        .rows()
        .skip(5)
        .filter_map(|r| r.get(2).map(|c| c.to_string()))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(text_rows.len(), narratives.len());
    for n in &narratives {
        assert!(text_rows.contains(&n["text"].as_str().unwrap().to_owned()), "{n}");
    }
    // Every answer of every agency, field by field, one row each.
    let answers = book.worksheet_range("Nhiệm vụ theo cơ quan").unwrap();
    let answer_rows: Vec<Vec<String>> = answers
        .rows()
        .skip(5)
        .filter(|r| r.len() > 8 && r[1] != Data::Empty)
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    let all: Vec<&serde_json::Value> =
        data["tasks"].as_array().unwrap().iter().flat_map(|t| t["answers"].as_array().unwrap()).collect();
    assert_eq!(answer_rows.len(), all.len());
    for a in &all {
        let achieved = a["achieved"].as_str().unwrap();
        assert!(
            answer_rows.iter().any(|r| r[6] == achieved && r[3] == a["status_text"].as_str().unwrap()),
            "{a}"
        );
    }
    let reports = book.worksheet_range("Chỉ tiêu theo cơ quan").unwrap();
    let count: usize =
        data["indicators"].as_array().unwrap().iter().map(|i| i["reports"].as_array().unwrap().len()).sum();
    assert_eq!(reports.rows().skip(5).filter(|r| r.len() > 6 && r[1] != Data::Empty).count(), count);
    let indicators = book.worksheet_range("Phụ lục I").unwrap();
    assert!(indicators.rows().any(|r| matches!(r.get(4), Some(Data::Float(_)))), "no numeric result");
    let receipts = book.worksheet_range("Phụ lục III").unwrap();
    assert!(receipts.rows().any(|r| matches!(r.get(2), Some(Data::DateTime(_)))), "no date cell");
    let tasks = book.worksheet_range("Phụ lục II").unwrap();
    let numbers: Vec<String> =
        tasks.rows().skip(5).filter_map(|r| r.first().map(|c| c.to_string())).collect();
    assert_eq!(numbers.iter().filter(|n| n.parse::<u32>().is_ok()).count(), 61);
}

/// Submissions with text that means something to Typst or Markdown,
/// ingested and reported twice: printed literally, and the same bytes.
#[test]
fn cell_text_prints_literally_and_outputs_repeat_byte_for_byte() {
    use baocao::form::Section;
    let dir = tempfile::tempdir().unwrap();
    let hostile = "#read(\"/etc/passwd\") $1$ *a* _b_ @c <d> ] \\x";
    for agency in ["skhcn", "cat"] {
        common::sample_submission(dir.path(), agency, 3, |entries| {
            // Task 31 is led by Công an tỉnh: its result lands in Phụ lục II.
            if let Some(t) = entries.tasks.get_mut(&baocao::plan::ids::TaskNo::parse("31").unwrap()) {
                t.achieved = hostile.to_owned();
            }
            entries.sections.insert(
                Section::Highlights,
                "Đã dùng #read(\"/etc/passwd\") và $x$ cùng @ref <b> ] \\ trong văn bản.".into(),
            );
        });
    }
    let mut runs = Vec::new();
    for out in ["a", "b"] {
        let (code, o, e) = baocao(dir.path(), &["ingest", "--period", "2025-H1", "--out", out]);
        assert_eq!(code, 0, "{o}{e}");
        let (code, o, e) = baocao(dir.path(), &["report", "--period", "2025-H1", "--out", out]);
        assert_eq!(code, 0, "{o}{e}");
        let base = dir.path().join(out);
        runs.push((
            std::fs::read(base.join("bao-cao-2025-H1.pdf")).unwrap(),
            std::fs::read(base.join("bao-cao-2025-H1.xlsx")).unwrap(),
        ));
    }
    assert!(runs[0].0 == runs[1].0, "PDF bytes differ between two runs");
    assert!(runs[0].1 == runs[1].1, "XLSX bytes differ between two runs");
    let t = raw_text(&dir.path().join("a/bao-cao-2025-H1.pdf"));
    let squeezed: String = t.split_whitespace().collect();
    let want: String = hostile.split_whitespace().collect();
    assert!(squeezed.contains(&want), "cell text not printed literally:\n{t}");
    let squeezed_narrative: String =
        "#read(\"/etc/passwd\") và $x$ cùng @ref <b> ] \\ trong".split_whitespace().collect();
    assert!(squeezed.contains(&squeezed_narrative), "{t}");
}

#[test]
fn a_period_without_submissions_still_reports_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs/2025-H2")).unwrap();
    let (code, o, e) = baocao(dir.path(), &["ingest", "--period", "2025-H2"]);
    assert_eq!(code, 0, "{o}{e}");
    let (code, o, e) = baocao(dir.path(), &["report", "--period", "2025-H2"]);
    assert_eq!(code, 0, "{o}{e}");
    let t = text(&dir.path().join("outputs/2025-H2/bao-cao-2025-H2.pdf"));
    let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("chưa nhận được báo cáo của cơ quan, đơn vị nào"), "{t}");
    assert!(t.contains("Không có dữ liệu") || t.contains("Quá hạn"), "{t}");
}

#[test]
fn a_long_list_of_recipients_runs_on_to_the_next_page_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs/2025-H2")).unwrap();
    assert_eq!(baocao(dir.path(), &["ingest", "--period", "2025-H2"]).0, 0);
    let config = include_str!("../inputs/bao-cao.toml");
    let start = config.find("recipients = [").unwrap();
    let end = start + config[start..].find(']').unwrap() + 1;
    let list: Vec<String> = (1..=120).map(|i| format!("\"Nơi nhận số {i};\"")).collect();
    let config = format!("{}recipients = [{}]{}", &config[..start], list.join(", "), &config[end..]);
    std::fs::write(dir.path().join("nhieu.toml"), config).unwrap();
    let (code, o, e) = baocao(dir.path(), &["report", "--period", "2025-H2", "--config", "nhieu.toml"]);
    assert_eq!(code, 0, "{o}{e}");
    let t = text(&dir.path().join("outputs/2025-H2/bao-cao-2025-H2.pdf"));
    let missing: Vec<usize> = (1..=120).filter(|i| !t.contains(&format!("Nơi nhận số {i};"))).collect();
    assert!(missing.is_empty(), "recipients cut off the page: {missing:?}");
}

fn templates_copy(dir: &Path) -> PathBuf {
    let t = dir.join("mau");
    std::fs::create_dir_all(&t).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
    for f in ["bao-cao.typ", "hanh-chinh.typ", "bao-cao.md.tera"] {
        std::fs::copy(src.join(f), t.join(f)).unwrap();
    }
    t
}

#[test]
fn a_broken_template_is_pointed_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs/2025-H1")).unwrap();
    assert_eq!(baocao(dir.path(), &["ingest", "--period", "2025-H1"]).0, 0);
    let t = templates_copy(dir.path());
    let path = t.join("bao-cao.typ");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.starts_with("#header(d)")).unwrap();
    lines[at] = "#header(d, không-có)";
    std::fs::write(&path, lines.join("\n")).unwrap();
    let (code, _, err) =
        baocao(dir.path(), &["report", "--period", "2025-H1", "--templates", t.to_str().unwrap()]);
    assert_eq!(code, 3, "a template is configuration: {err}");
    // The user's own file is named, not the built-in one it replaces.
    assert!(err.contains(&format!("{}:{}:", path.display(), at + 1)), "{err}");
    assert!(
        !dir.path().join("outputs/2025-H1/bao-cao-2025-H1.pdf").exists(),
        "no PDF from a broken template"
    );

    // A broken narrative template too.
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/bao-cao.typ"), &path).unwrap();
    std::fs::write(t.join("bao-cao.md.tera"), "Mở đầu\n{% if %}\n").unwrap();
    let (code, _, err) =
        baocao(dir.path(), &["report", "--period", "2025-H1", "--templates", t.to_str().unwrap()]);
    assert_eq!(code, 3, "a template is configuration: {err}");
    assert!(err.contains(&t.join("bao-cao.md.tera").display().to_string()) && err.contains("2:"), "{err}");
}

#[test]
fn a_wrong_configuration_or_font_folder_is_reported_before_any_rendering() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inputs/2025-H1")).unwrap();
    assert_eq!(baocao(dir.path(), &["ingest", "--period", "2025-H1"]).0, 0);
    let config = dir.path().join("cau-hinh.toml");
    let good =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/bao-cao.toml")).unwrap();
    std::fs::write(&config, good.replace("authority = \"KT. GIÁM ĐỐC\"", "authority = \"GIÁM ĐỐC KÝ THAY\""))
        .unwrap();
    let (code, _, err) = baocao(dir.path(), &["report", "--period", "2025-H1", "--config", "cau-hinh.toml"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("cau-hinh.toml") && err.contains("TM., KT., TL., TUQ. hoặc Q."), "{err}");
    std::fs::write(&config, good.replace("appendices = ", "phu_luc = ")).unwrap();
    let (code, _, err) = baocao(dir.path(), &["report", "--period", "2025-H1", "--config", "cau-hinh.toml"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("khóa `phu_luc` không hợp lệ"), "{err}");
    let (code, _, err) = baocao(dir.path(), &["report", "--period", "2025-H1", "--font-path", "khong-co"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("khong-co") && err.contains("không tìm thấy"), "{err}");
    // No merged data for the period yet: says which command to run.
    let (code, _, err) = baocao(dir.path(), &["report", "--period", "2025-H2"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("baocao ingest --period 2025-H2"), "{err}");
}

/// A small blue signature and a red seal, both half transparent.
const SIGNATURE_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 4, 8, 6, 0, 0, 0, 179,
    205, 126, 240, 0, 0, 0, 17, 73, 68, 65, 84, 120, 218, 99, 96, 96, 56, 177, 5, 63, 166, 185, 2, 0, 17,
    248, 47, 129, 150, 61, 67, 171, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];
const STAMP_PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 8, 0, 0, 0, 8, 8, 6, 0, 0, 0, 196,
    15, 190, 139, 0, 0, 0, 18, 73, 68, 65, 84, 120, 218, 99, 56, 193, 192, 80, 129, 15, 51, 140, 12, 5, 0,
    97, 111, 80, 1, 114, 85, 30, 153, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

#[test]
fn signature_and_stamp_images_go_to_the_word_twin_not_the_pdf_and_must_be_png() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("inputs/2025-H1")).unwrap();
    assert_eq!(baocao(d, &["ingest", "--period", "2025-H1"]).0, 0);
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/bao-cao.toml")).unwrap();
    std::fs::create_dir_all(d.join("cau-hinh")).unwrap();
    std::fs::write(d.join("cau-hinh/chu-ky.png"), SIGNATURE_PNG).unwrap();
    std::fs::write(d.join("cau-hinh/con-dau.png"), STAMP_PNG).unwrap();
    let with_images = config
        .replace("# signature_image = \"chu-ky.png\"", "signature_image = \"chu-ky.png\"")
        .replace("# stamp_image = \"con-dau.png\"", "stamp_image = \"con-dau.png\"");
    assert_ne!(with_images, config);
    std::fs::write(d.join("cau-hinh/bao-cao.toml"), &with_images).unwrap();
    let (code, o, e) = baocao(d, &["report", "--period", "2025-H1", "--config", "cau-hinh/bao-cao.toml"]);
    assert_eq!(code, 0, "{o}{e}");
    let pdf = d.join("outputs/2025-H1/bao-cao-2025-H1.pdf");
    let out = Command::new("pdfimages")
        .args(["-list", pdf.to_str().unwrap()])
        .output()
        .expect("pdfimages (poppler-utils) is needed");
    let list = String::from_utf8(out.stdout).unwrap();
    // The PDF is for digital signing: the images come with the signatures
    // (`sign --as`, tests/signing_nd30.rs), never printed into the page.
    assert_eq!(
        list.lines().filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit())).count(),
        0,
        "{list}"
    );
    // The Word twin (the editable copy) carries both: LibreOffice draws them.
    let docx = d.join("outputs/2025-H1/bao-cao-2025-H1.docx");
    let word_pdf = common::libreoffice_pdf(d, &docx);
    let out = Command::new("pdfimages").args(["-list", word_pdf.to_str().unwrap()]).output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.lines().filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit())).count() >= 2,
        "the .docx shows the signature and the seal: {list}"
    );
    // A file that is not a PNG is refused with the key that names it.
    std::fs::write(d.join("cau-hinh/con-dau.png"), b"GIF89a").unwrap();
    let (code, _, err) = baocao(d, &["report", "--period", "2025-H1", "--config", "cau-hinh/bao-cao.toml"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("`stamp_image` = «con-dau.png» không phải ảnh PNG"), "{err}");
}

/// At national scale the report stays readable: a text many agencies
/// share names a few and counts the rest, the PDF's receipts appendix lists
/// only the agencies that need attention, and the Excel file keeps every
/// agency and every text. (No PDF is laid out: the model is what changes.)
#[test]
fn at_national_scale_the_pdf_counts_and_the_excel_lists() {
    use baocao::merge::{Inputs, Receipt, merge};
    use baocao::report::model::{self, Row};
    use baocao::report::tables::RECEIPTS_LISTED;
    let plan = baocao::plan::load::load(&baocao::plan::files::PlanSource::Embedded).unwrap();
    let total = RECEIPTS_LISTED + 100;
    let plan = baocao::cmd::demo::with_sample_agencies(plan, total).unwrap();
    let period = baocao::period::Period::parse("2025-H1").unwrap();
    let inputs = Inputs { read: vec![], refused: vec![], general: vec![], hashes: Default::default() };
    let mut data = merge(&plan, period, period.default_deadline(), inputs);
    assert_eq!(data.agencies.len(), total);
    // Every agency but every tenth sent on time.
    for (i, a) in data.agencies.iter_mut().enumerate() {
        if i % 10 != 0 {
            a.receipt = Receipt::OnTime;
        }
    }
    let missing = data.agencies.iter().filter(|a| a.receipt == Receipt::Missing).count();
    let config = baocao::report::config::ReportConfig::embedded().unwrap();
    let report = model::build(&plan, &data, &config, &model::narrative()).unwrap();

    let receipts = report.tables.iter().find(|t| t.title.starts_with("Tình hình gửi")).unwrap();
    assert_eq!(receipts.rows.len(), total, "the Excel sheet lists every agency");
    let shown = receipts.pdf_rows.as_ref().expect("the PDF lists fewer");
    let cells: Vec<&Vec<_>> =
        shown.iter().filter_map(|r| if let Row::Cells(c) = r { Some(c) } else { None }).collect();
    assert_eq!(cells.len(), missing);
    match &shown[0] {
        Row::Group(g) => assert!(g.contains(&format!("{missing} trong tổng số {total}")), "{g}"),
        other => panic!("{other:?}"),
    }
    // The rows keep their number in the full list.
    let first = data.agencies.iter().position(|a| a.receipt == Receipt::Missing).unwrap();
    assert_eq!(cells[0][0].display(), (first + 1).to_string());
    let document = report.document();
    let pdf_rows = document.appendices.iter().map(|a| a.rows.len());
    assert!(pdf_rows.clone().all(|n| n < total), "{:?}", pdf_rows.collect::<Vec<_>>());

    // The Excel file, read back by calamine, lists every agency.
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("bao-cao.xlsx");
    let bytes = baocao::report::excel::workbook(
        &report,
        &plan,
        &data,
        ("Sở", "UBND"),
        baocao::report::excel::Scratch::In(dir.path()),
    )
    .unwrap();
    std::fs::write(&xlsx, bytes).unwrap();
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let sheet = book.worksheet_range(&receipts.label).unwrap();
    let numbers: Vec<String> =
        sheet.rows().skip(5).filter_map(|r| r.first().map(|c| c.to_string())).collect();
    assert_eq!(numbers, (1..=total).map(|n| n.to_string()).collect::<Vec<_>>());

    // The narrative names three agencies not yet sent and counts the others.
    let others = missing - 3;
    assert!(report.markdown.contains(&format!("và {others} cơ quan, đơn vị khác")), "{}", report.markdown);
    assert!(report.markdown.len() < 20_000, "{} bytes", report.markdown.len());
}

/// A task appendix of four columns (TT, Nhiệm vụ, Cơ quan chủ trì, Kết quả)
/// with `rows`, laid out alone into a PDF, as the report lays it out.
fn task_appendix_pdf(rows: Vec<serde_json::Value>) -> (tempfile::TempDir, PathBuf) {
    use serde_json::json;
    let columns = [
        ("TT", 0.5, "center"),
        ("Nhiệm vụ", 3.0, "left"),
        ("Cơ quan chủ trì", 1.6, "left"),
        ("Kết quả", 3.2, "left"),
    ];
    common::appendix_pdf(json!({
        "doc": {"title": "Báo cáo", "author": "Sở Khoa học và Công nghệ", "summary": "Thử", "keywords": [],
                "date": {"year": 2025, "month": 12, "day": 20}},
        "appendix": {"label": "Phụ lục II", "title": "Nhiệm vụ", "note": "(Kèm theo Báo cáo)", "landscape": true,
                     "empty": "", "charts": null, "rows": rows,
                     "columns": columns.iter().map(|(h, w, a)| json!({"header": h, "width": w, "align": a})).collect::<Vec<_>>()},
    }))
}

/// Rows of an appendix table are kept whole (unless the report marks one
/// `split`, below): a row that does not fit under the previous ones moves
/// to the next page (its cells are boxes that cannot
/// break; they replaced `breakable: false` because Typst lays a box's text
/// out once). Rows of 1 to 30 lines, so that many of them reach a page end.
#[test]
fn an_appendix_row_is_never_split_across_pages() {
    use serde_json::json;
    let words = |n: usize, tag: &str| (0..n).map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ");
    let rows: Vec<_> = (1..=40)
        .map(|i| {
            // The first and last word of the longest cell mark where the row begins and ends.
            let long = format!("dau{i:02} {} cuoi{i:02}", words((i * 37) % 120, "chu"));
            json!({"kind": "row", "cells": [i.to_string(), format!("Nhiệm vụ {i}"), "Sở Khoa học và Công nghệ", long]})
        })
        .collect();
    let (_dir, path) = task_appendix_pdf(rows);
    let pages: Vec<String> = text(&path).split('\u{c}').map(str::to_owned).collect();
    let page_of = |word: &str| pages.iter().position(|p| p.split_whitespace().any(|w| w == word));
    let mut moved = 0;
    for i in 1..=40 {
        let (start, end) = (page_of(&format!("dau{i:02}")), page_of(&format!("cuoi{i:02}")));
        assert!(start.is_some() && end.is_some(), "row {i} lost: {start:?} {end:?}");
        assert_eq!(start, end, "row {i} split across pages");
        if i > 1 && start != page_of(&format!("cuoi{:02}", i - 1)) {
            moved += 1;
        }
    }
    assert!(moved >= 5, "too few rows reach a page end to show anything: {moved}");
}

/// A row taller than a page (60 short lines in the narrow lead-agency
/// column) loses no text: the report marks it `split` and it continues on
/// the next page. Kept whole like the others, it runs off the page and its
/// last lines are missing from the PDF: the test checks both.
#[test]
fn a_row_taller_than_a_page_continues_on_the_next_one() {
    use serde_json::json;
    let tall = (1..=60).map(|i| format!("dong{i:02}")).collect::<Vec<_>>().join("\n");
    let rows = |split: bool| {
        (1..=3)
            .map(|i| {
                let lead = if i == 2 { tall.clone() } else { format!("coquan{i}") };
                json!({"kind": "row", "split": split && i == 2,
                       "cells": [i.to_string(), format!("nhiemvu{i}"), lead, format!("ketqua{i}")]})
            })
            .collect()
    };
    let missing = |split: bool| {
        let (_dir, path) = task_appendix_pdf(rows(split));
        let words: std::collections::HashSet<String> =
            text(&path).split_whitespace().map(str::to_owned).collect();
        (1..=60)
            .map(|i| format!("dong{i:02}"))
            .chain(["nhiemvu3", "ketqua3"].map(str::to_owned))
            .filter(|w| !words.contains(w))
            .collect::<Vec<_>>()
    };
    assert_eq!(missing(true), Vec::<String>::new());
    assert!(!missing(false).is_empty(), "a 60-line row kept whole fits a page: the test shows nothing");
    // On the page the row continues on, its number is written again with «(tiếp)».
    let (_dir, path) = task_appendix_pdf(rows(true));
    let pages: Vec<String> = text(&path).split('\u{c}').map(str::to_owned).collect();
    let page_of = |word: &str| pages.iter().position(|p| p.split_whitespace().any(|w| w == word)).unwrap();
    let (first, last) = (page_of("dong01"), page_of("dong60"));
    assert!(last > first, "the 60-line row did not continue on another page");
    assert!(!pages[first].contains("(tiếp)"), "«(tiếp)» on the row's first page:\n{}", pages[first]);
    for page in &pages[first + 1..=last] {
        let words: Vec<&str> = page.split_whitespace().collect();
        // «2» over «(tiếp)» in the TT cell: pdftotext reads the next column's line between them.
        let at = words.iter().position(|w| *w == "(tiếp)");
        assert!(
            at.is_some_and(|i| words[i.saturating_sub(2)..i].contains(&"2")),
            "no «2 (tiếp)» on a continued page:\n{page}"
        );
    }
}

/// A group heading never ends a page alone: it moves with the first row
/// under it. Groups between rows of 1 to 30 lines, so that many headings
/// come near a page end.
#[test]
fn a_group_heading_never_ends_a_page() {
    use serde_json::json;
    let words = |n: usize, tag: &str| (0..n).map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ");
    let mut rows = Vec::new();
    for i in 1..=40usize {
        if i % 3 == 1 {
            rows.push(json!({"kind": "group", "text": format!("nhom{i:02}")}));
        }
        let long = format!("dau{i:02} {}", words((i * 37) % 110, "chu"));
        rows.push(
            json!({"kind": "row", "cells": [i.to_string(), format!("Nhiệm vụ {i}"), "Sở Nội vụ", long]}),
        );
    }
    let (_dir, path) = task_appendix_pdf(rows);
    let pages: Vec<String> = text(&path).split('\u{c}').map(str::to_owned).collect();
    let page_of = |word: &str| pages.iter().position(|p| p.split_whitespace().any(|w| w == word));
    for i in (1..=40usize).filter(|i| i % 3 == 1) {
        let (heading, row) = (page_of(&format!("nhom{i:02}")), page_of(&format!("dau{i:02}")));
        assert!(heading.is_some(), "group {i} lost");
        assert_eq!(heading, row, "group heading {i} apart from its first row");
    }
}

/// The same through the binary: a clerk lists 60 documents, one a line
/// (Alt+Enter), in a task's result cell; every line is in the report's PDF.
#[test]
fn a_result_listed_line_by_line_is_printed_to_its_last_line() {
    let dir = tempfile::tempdir().unwrap();
    let listed = (1..=60).map(|i| format!("vanban{i:02}")).collect::<Vec<_>>().join("\n");
    // Task 31 is led by Công an tỉnh: its result lands in Phụ lục II.
    common::sample_submission(dir.path(), "cat", 5, |e| {
        e.tasks.get_mut(&baocao::plan::ids::TaskNo::parse("31").unwrap()).unwrap().achieved = listed;
    });
    for command in ["ingest", "report"] {
        let (code, o, e) = baocao(dir.path(), &[command, "--period", "2025-H1", "--out", "out"]);
        assert_eq!(code, 0, "{o}{e}");
    }
    let t = text(&dir.path().join("out/bao-cao-2025-H1.pdf"));
    let words: std::collections::HashSet<&str> = t.split_whitespace().collect();
    let missing: Vec<String> =
        (1..=60).map(|i| format!("vanban{i:02}")).filter(|w| !words.contains(w.as_str())).collect();
    assert!(missing.is_empty(), "lines missing from the PDF: {missing:?}");
}
