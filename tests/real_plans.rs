//! Plans in the shapes real published documents take (issue 27), from the
//! corpus in tests/corpus/real_plans/ (SOURCES.md says where each shape was
//! seen, EXPECTED.md what a correct import gives): each imports through the
//! binary, its identity and counts are pinned, and the other commands take
//! the plan it writes.

mod common;

use std::path::{Path, PathBuf};

use common::baocao;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real_plans").join(name)
}

/// What an import must give: the plan's identity and its counts.
struct Expected {
    file: &'static str,
    code: &'static str,
    kind: &'static str,
    /// The resolution or decision that issued a plan without a number of its own.
    issued_with: &'static str,
    title: &'static str,
    date: &'static str,
    province: &'static str,
    place: &'static str,
    issuer: &'static str,
    signer: &'static str,
    standing: &'static str,
    /// «Kính gửi» of the report it prepares (bao-cao.toml).
    recipient: &'static str,
    /// «N chỉ tiêu (G nhóm), T nhiệm vụ (G nhóm)» as `plan import` says it.
    counts: &'static str,
    /// Agencies of the registry it builds (collective names are groups).
    agencies: usize,
    /// Some of them, with their abbreviations.
    known: &'static [(&'static str, &'static str)],
    /// Rows kept verbatim for the user to place (`[[unplaced]]`), with a warning.
    unplaced: usize,
}

const EXPECTED: [Expected; 5] = [
    // A Government resolution that issues an action programme: the
    // programme is the plan; the header's two columns run together; tables
    // separated by tabs, cut by a page break (page number, header again,
    // a row continued without its number); two ministries jointly follow it.
    Expected {
        file: "nq-38-cp-2025-chuong-trinh-du-lieu.txt",
        code: "38/NQ-CP",
        kind: "Chương trình hành động",
        issued_with: "Nghị quyết",
        title: "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 61-NQ/TW ngày 14 tháng 02 năm 2025 của Bộ Chính trị về phát triển dữ liệu số quốc gia",
        date: "2025-03-11",
        province: "",
        place: "Hà Nội",
        issuer: "Chính phủ",
        signer: "Lê Minh Khôi",
        standing: "bo-khoa-hoc-va-cong-nghe",
        recipient: "Chính phủ",
        counts: "13 chỉ tiêu (2 nhóm), 26 nhiệm vụ (5 nhóm)",
        agencies: 22,
        known: &[
            ("Ngân hàng Nhà nước Việt Nam", "NHNN"),
            ("Đài Truyền hình Việt Nam", "VTV"),
            ("Đài Tiếng nói Việt Nam", "VOV"),
            ("Thông tấn xã Việt Nam", "TTXVN"),
            ("Bộ Giáo dục và Đào tạo", "BGDĐT"),
            ("Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL"),
        ],
        unplaced: 0,
    },
    // A province merged in 2025, as a legal site prints it: the site's
    // header rows with a bar before the first cell, the signer only there,
    // the first group row empty.
    Expected {
        file: "kh-58-ubnd-lam-dong-2025.txt",
        code: "58/KH-UBND",
        kind: "Kế hoạch",
        issued_with: "",
        title: "Kế hoạch 58/KH-UBND năm 2025 thực hiện Nghị quyết 38/NQ-CP và Kế hoạch 12-KH/TU về phát triển dữ liệu số trên địa bàn tỉnh Lâm Đồng",
        date: "2025-09-22",
        province: "Lâm Đồng",
        place: "Lâm Đồng",
        issuer: "Ủy ban nhân dân tỉnh Lâm Đồng",
        signer: "Hồ Quang Tuấn",
        standing: "so-khoa-hoc-va-cong-nghe",
        recipient: "Ủy ban nhân dân tỉnh Lâm Đồng",
        counts: "10 chỉ tiêu (2 nhóm), 22 nhiệm vụ (4 nhóm)",
        agencies: 22,
        known: &[("Sở Khoa học và Công nghệ", "SKHCN"), ("Ban Quản lý các khu công nghiệp tỉnh", "BQLKCNT")],
        unplaced: 0,
    },
    // A ministry's decision issuing its plan, as a legal site prints it: the
    // site's header as «Key:» and value lines, the issuer and the date over
    // two lines each, tables of one cell a line, a group «1.» over tasks
    // «1.1»; the «Trong đó» row whose merged cell lost its agency is kept
    // for the user.
    Expected {
        file: "qd-812-bkhcn-2025-ke-hoach.txt",
        code: "812/QĐ-BKHCN",
        kind: "Kế hoạch",
        issued_with: "Quyết định",
        title: "Kế hoạch của Bộ Khoa học và Công nghệ triển khai Nghị quyết số 38/NQ-CP ngày 11 tháng 3 năm 2025 của Chính phủ về phát triển dữ liệu số quốc gia",
        date: "2025-04-04",
        province: "",
        place: "Hà Nội",
        issuer: "Bộ Khoa học và Công nghệ",
        signer: "Phan Đức Minh",
        standing: "van-phong-bo",
        recipient: "Bộ trưởng Bộ Khoa học và Công nghệ",
        counts: "5 chỉ tiêu (1 nhóm), 13 nhiệm vụ (3 nhóm)",
        agencies: 14,
        known: &[("Bộ Công an", "BCA"), ("Văn phòng Chính phủ", "VPCP")],
        unplaced: 1,
    },
    // A Party committee's plan copied from its PDF with the layout kept:
    // columns aligned by spaces, every cell wrapped over two or three lines,
    // the header wrapped and repeated after a page break; «Số 27-KH/TU»
    // without a colon; «ĐẢNG BỘ TỈNH …» over «TỈNH ỦY»; the signature
    // column sharing its lines with «Nơi nhận».
    Expected {
        file: "kh-27-tu-quang-tri-2025.txt",
        code: "27-KH/TU",
        kind: "Kế hoạch",
        issued_with: "",
        title: "Kế hoạch 27-KH/TU thực hiện Nghị quyết số 61-NQ/TW, ngày 14/02/2025 của Bộ Chính trị về phát triển dữ liệu số quốc gia",
        date: "2025-09-05",
        province: "Quảng Trị",
        place: "Quảng Trị",
        issuer: "Tỉnh ủy Quảng Trị",
        signer: "Lê Văn Hòa",
        standing: "ban-tuyen-giao-va-dan-van-tinh-uy",
        recipient: "Ban Thường vụ Tỉnh ủy",
        counts: "0 chỉ tiêu (0 nhóm), 16 nhiệm vụ (4 nhóm)",
        agencies: 13,
        known: &[("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "UBMTTQVNT"), ("Đảng ủy Công an tỉnh", "ĐUCAT")],
        unplaced: 0,
    },
    // A province's decision before the merger, as a legal site prints it,
    // with what the site dropped: «Điều 1.», the «KẾ HOẠCH» heading and the
    // signer's name. Tables inside the text; numbering that starts again
    // in each group A, B, C; «a)», «b)» under an indicator; departments by
    // their abbreviations; «UBND các huyện A, B, C» naming three.
    Expected {
        file: "qd-312-ubnd-yen-bai-2025.txt",
        code: "312/QĐ-UBND",
        kind: "Kế hoạch",
        issued_with: "Quyết định",
        title: "Kế hoạch thực hiện chuyển đổi số trong nông nghiệp, nông thôn tỉnh Yên Bái năm 2025",
        date: "2025-02-20",
        province: "Yên Bái",
        place: "Yên Bái",
        issuer: "Ủy ban nhân dân tỉnh Yên Bái",
        signer: "",
        standing: "so-nong-nghiep-va-phat-trien-nong",
        recipient: "Ủy ban nhân dân tỉnh Yên Bái",
        counts: "8 chỉ tiêu (1 nhóm), 16 nhiệm vụ (3 nhóm)",
        agencies: 23,
        known: &[
            ("Sở Lao động - Thương binh và Xã hội", "SLĐTBXH"),
            ("Sở Kế hoạch và Đầu tư", "SKHĐT"),
            ("UBND huyện Văn Chấn", "UHVC"),
            ("Viễn thông Yên Bái", "VTYB"),
        ],
        unplaced: 0,
    },
];

#[test]
fn real_plans_import_with_their_identity_and_every_command_takes_them() {
    for e in &EXPECTED {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("ke-hoach");
        let (code, text) = baocao(
            dir.path(),
            &["plan", "import", fixture(e.file).to_str().unwrap(), "--out", out.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{}: {text}", e.file);
        assert!(text.contains(&format!("{} {}: {}.", e.kind, e.code, e.counts)), "{}: {text}", e.file);
        let plan: toml::Table = std::fs::read_to_string(out.join("ke-hoach.toml")).unwrap().parse().unwrap();
        let field = |k: &str| match plan.get(k) {
            Some(v) => v.as_str().map_or_else(|| v.to_string(), str::to_owned),
            None => String::new(),
        };
        for (key, want) in [
            ("code", e.code),
            ("kind", e.kind),
            ("issued_with", e.issued_with),
            ("title", e.title),
            ("date", e.date),
            ("province", e.province),
            ("place", e.place),
            ("issuer", e.issuer),
            ("signer", e.signer),
            ("standing_agency", e.standing),
        ] {
            assert_eq!(field(key), want, "{}: {key}", e.file);
        }
        // Who is who: each agency once, under its official name; collective
        // names are groups, never agencies with a workbook of their own.
        let registry: toml::Table =
            std::fs::read_to_string(out.join("co-quan.toml")).unwrap().parse().unwrap();
        let agencies = registry["agency"].as_array().unwrap();
        let names: Vec<&str> = agencies.iter().map(|a| a["name"].as_str().unwrap()).collect();
        assert_eq!(names.len(), e.agencies, "{}: {names:#?}", e.file);
        let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "{}: an agency twice: {names:#?}", e.file);
        for name in &names {
            assert!(name.starts_with(char::is_uppercase), "{}: «{name}» is no agency's name", e.file);
            let lower = name.to_lowercase();
            assert!(
                !lower.starts_with("bộ,") && !lower.starts_with("các "),
                "{}: «{name}» is collective",
                e.file
            );
        }
        // Every group has members, or kinds of agency, or is marked for the
        // user to fill when its name says neither.
        let text = std::fs::read_to_string(out.join("co-quan.toml")).unwrap();
        let groups = registry.get("group").and_then(|g| g.as_array()).cloned().unwrap_or_default();
        let guessed = groups
            .iter()
            .filter(|g| {
                let members = g.get("members").and_then(|m| m.as_array()).is_some_and(|m| !m.is_empty());
                let kinds = g.get("kinds").and_then(|k| k.as_array()).map_or(0, Vec::len);
                assert!(members || kinds > 0, "{}: group {g} holds nobody", e.file);
                !members && kinds == 4
            })
            .count();
        assert_eq!(text.matches("# CẦN ĐIỀN").count(), guessed, "{}: {text}", e.file);
        for (name, abbr) in e.known {
            let a = agencies.iter().find(|a| a["name"].as_str() == Some(name));
            let a = a.unwrap_or_else(|| panic!("{}: no «{name}» in {names:#?}", e.file));
            assert_eq!(a["abbr"].as_str(), Some(*abbr), "{}: {name}", e.file);
        }
        // What is left for the user to place by hand, and the plan is usable.
        let unplaced: usize = ["chi-tieu.toml", "nhiem-vu.toml"]
            .iter()
            .map(|f| std::fs::read_to_string(out.join(f)).unwrap().matches("[[unplaced]]").count())
            .sum();
        assert_eq!(unplaced, e.unplaced, "{}", e.file);
        // The report is signed by a title the standing agency has, not a placeholder.
        let config: toml::Table = std::fs::read_to_string(out.join("bao-cao.toml")).unwrap().parse().unwrap();
        assert_ne!(config["signer_title"].as_str(), Some("THỦ TRƯỞNG CƠ QUAN"), "{}", e.file);
        assert_eq!(config["recipient"].as_str(), Some(e.recipient), "{}", e.file);
        // Central bodies are ministries (or of their level), whatever the plan.
        for a in agencies.iter().filter(|a| {
            a["name"].as_str().is_some_and(|n| n.starts_with("Bộ ") && !n.starts_with("Bộ Chỉ huy"))
        }) {
            assert_eq!(a["kind"].as_str(), Some("ministry"), "{}: {a}", e.file);
        }
        let plan_dir = out.to_str().unwrap();
        let (code, text) = baocao(dir.path(), &["--plan", plan_dir, "plan", "show"]);
        assert_eq!(code, 0, "{}: plan show: {text}", e.file);
        let forms = dir.path().join("bieu-mau");
        let (code, text) = baocao(
            dir.path(),
            &["--plan", plan_dir, "template", "--period", "2025", "--out", forms.to_str().unwrap()],
        );
        assert_eq!(code, 0, "{}: template: {text}", e.file);
    }
}

/// A workbook of a Government programme's tasks only, its note in title
/// case («(Kèm theo Nghị quyết số …)», as the Government prints it): the
/// number and issuer come from the note, a plan without indicators is a
/// plan (said, not refused), and every command takes it.
#[test]
fn a_workbook_of_tasks_only_with_a_title_case_note_imports() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("phu-luc.xlsx");
    common::openpyxl(&format!(
        r#"
import openpyxl
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Phụ lục II"
for row in [["PHỤ LỤC II"], ["DANH MỤC NHIỆM VỤ"],
            ["(Kèm theo Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ)"],
            ["TT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả", "Thời gian hoàn thành"],
            ["I.", "Hoàn thiện thể chế", None, None, None, None],
            [1, "Xây dựng Luật Dữ liệu", "Bộ Công an", "Bộ Tư pháp", "Luật", "Năm 2025"],
            [2, "Ban hành nghị định", "Bộ Khoa học và Công nghệ", "NHNN", "Nghị định", "Quý II/2025"]]:
    ws.append(row)
wb.save(r"{}")
"#,
        book.display()
    ));
    let out = dir.path().join("ke-hoach");
    let (code, text) = baocao(
        dir.path(),
        &[
            "plan",
            "import",
            book.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--standing",
            "Bộ Khoa học và Công nghệ",
        ],
    );
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("03/NQ-CP: 0 chỉ tiêu (0 nhóm), 2 nhiệm vụ (1 nhóm)"), "{text}");
    assert!(text.contains("cảnh báo") && text.contains("không tìm thấy bảng chỉ tiêu"), "{text}");
    let plan: toml::Table = std::fs::read_to_string(out.join("ke-hoach.toml")).unwrap().parse().unwrap();
    assert_eq!(plan["issuer"].as_str(), Some("Chính phủ"));
    assert_eq!(plan["province"].as_str(), Some(""));
    let registry = std::fs::read_to_string(out.join("co-quan.toml")).unwrap();
    assert!(registry.contains("name = \"Ngân hàng Nhà nước Việt Nam\""), "{registry}");
    let (code, text) = baocao(dir.path(), &["--plan", out.to_str().unwrap(), "plan", "show"]);
    assert_eq!(code, 0, "{text}");
}

/// Imports a fixture and returns its plan folder's files, parsed.
fn import(dir: &Path, file: &str) -> (toml::Table, toml::Table) {
    let out = dir.join(file);
    let (code, text) =
        baocao(dir, &["plan", "import", fixture(file).to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(code <= 1, "{file}: {text}");
    let read = |f: &str| std::fs::read_to_string(out.join(f)).unwrap().parse::<toml::Table>().unwrap();
    (read("chi-tieu.toml"), read("nhiem-vu.toml"))
}

/// The tasks of a tasks file, in order, as (number, task).
fn tasks(file: &toml::Table) -> Vec<(String, toml::Table)> {
    file["group"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g.get("task").and_then(|t| t.as_array()).cloned().unwrap_or_default())
        .map(|t| {
            let t = t.as_table().unwrap().clone();
            (t["number"].as_str().unwrap().to_owned(), t)
        })
        .collect()
}

/// The rows that must come out right (EXPECTED.md): cells wrapped over
/// lines in a PDF's text come back whole, in their own column; numbering
/// that starts again in each group keeps the group in the number; «a)»
/// under indicator 3 is 3.a.
#[test]
fn wrapped_cells_restarted_numbering_and_lettered_rows_come_out_right() {
    let dir = tempfile::tempdir().unwrap();
    let (_, party) = import(dir.path(), "kh-27-tu-quang-tri-2025.txt");
    let party = tasks(&party);
    let numbers: Vec<&str> = party.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(numbers, (1..=16).map(|n| n.to_string()).collect::<Vec<_>>());
    let task = |n: usize| &party[n - 1].1;
    assert_eq!(
        task(1)["name"].as_str(),
        Some("Tổ chức hội nghị quán triệt Nghị quyết 61 và Kế hoạch này đến cán bộ chủ chốt các cấp")
    );
    assert_eq!(task(1)["lead"].as_array().unwrap()[0].as_str(), Some("ban-tuyen-giao-va-dan-van-tinh-uy"));
    assert_eq!(task(5)["deadline"].as_str(), Some("Trước ngày 31/12/2025"));
    assert_eq!(task(5)["coordinators"].as_array().unwrap().len(), 2, "{:?}", task(5));
    assert_eq!(task(14)["deadline"].as_str(), Some("Hằng năm (trước ngày 30/11)"));
    assert_eq!(
        task(12)["name"].as_str(),
        Some(
            "Vận động đoàn viên, hội viên, Nhân dân tham gia các nền tảng số, phong trào \"Bình dân học vụ số\""
        )
    );

    let (indicators, province) = import(dir.path(), "qd-312-ubnd-yen-bai-2025.txt");
    let numbers: Vec<String> = tasks(&province).into_iter().map(|(n, _)| n).collect();
    let want: Vec<String> = [("A", 7), ("B", 6), ("C", 3)]
        .iter()
        .flat_map(|(g, k)| (1..=*k).map(move |n| format!("{g}.{n}")))
        .collect();
    assert_eq!(numbers, want);
    let rows: Vec<&str> = indicators["group"][0]["indicator"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(rows, ["1", "2", "3", "3.a", "3.b", "4", "5", "6"]);
}

/// What must be the same whatever form a plan came in: its identity, its
/// tables row for row, and who is who (a workbook holds only the tables,
/// so only those and the number and date are compared for it).
fn plan_of(dir: &Path, whole: bool) -> String {
    let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap().parse::<toml::Table>().unwrap();
    let plan = read("ke-hoach.toml");
    let mut keys = vec!["code", "date"];
    if whole {
        keys.extend([
            "kind",
            "issued_with",
            "title",
            "province",
            "place",
            "issuer",
            "signer",
            "signer_authority",
            "standing_agency",
        ]);
    }
    let mut out: Vec<String> = keys
        .iter()
        .map(|k| format!("{k} = {}", plan.get(*k).map_or(String::new(), |v| v.to_string())))
        .collect();
    for f in ["chi-tieu.toml", "nhiem-vu.toml"] {
        out.push(format!("{f}: {}", read(f).get("group").map_or(String::new(), |g| g.to_string())));
    }
    let registry = read("co-quan.toml");
    for kind in ["agency", "group"] {
        for a in registry.get(kind).and_then(|a| a.as_array()).into_iter().flatten() {
            out.push(format!("{kind} {} = {}", a["id"], a["name"]));
        }
    }
    out.join("\n")
}

/// Every real plan in every form the README lists: the text as published,
/// the Word file (python-docx's, and LibreOffice's after opening and saving
/// it), LibreOffice's .odt of it, and the workbook of its appendices (as
/// .xlsx, and LibreOffice's .ods and .xls) give the plan the text gave.
#[test]
fn every_form_of_every_real_plan_gives_the_same_plan() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let (forms, lo) = (root.join("forms"), root.join("lo"));
    std::fs::create_dir_all(&forms).unwrap();
    let mut texts = Vec::new();
    for e in &EXPECTED {
        let name = e.file.trim_end_matches(".txt");
        let out = root.join(format!("{name}-txt"));
        let (code, text) = baocao(
            root,
            &["plan", "import", fixture(e.file).to_str().unwrap(), "--out", out.to_str().unwrap()],
        );
        assert!(code <= 1, "{name}: {text}");
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus/real_forms.py");
        let made = std::process::Command::new("python3")
            .arg(script)
            .arg(&out)
            .arg(forms.join(name))
            .output()
            .expect("python3 with python-docx and openpyxl is needed: `bash tests/run` installs them");
        assert!(made.status.success(), "{name}: {}", String::from_utf8_lossy(&made.stderr));
        texts.push((name, e.standing, out));
    }
    let docs: Vec<PathBuf> = texts.iter().map(|(n, ..)| forms.join(format!("{n}.docx"))).collect();
    let books: Vec<PathBuf> = texts.iter().map(|(n, ..)| forms.join(format!("{n}.xlsx"))).collect();
    let odt = common::libreoffice_all(root, &docs, "odt", &lo);
    let resaved = common::libreoffice_all(root, &docs, "docx", &lo);
    let ods = common::libreoffice_all(root, &books, "ods", &lo);
    let xls = common::libreoffice_all(root, &books, "xls", &lo);
    for (k, (name, standing, text_plan)) in texts.iter().enumerate() {
        let registry: toml::Table =
            std::fs::read_to_string(text_plan.join("co-quan.toml")).unwrap().parse().unwrap();
        let standing_name = registry["agency"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"].as_str() == Some(standing))
            .map(|a| a["name"].as_str().unwrap().to_owned())
            .unwrap();
        for (form, file, whole) in [
            ("docx", &docs[k], true),
            ("docx LibreOffice", &resaved[k], true),
            ("odt", &odt[k], true),
            ("xlsx", &books[k], false),
            ("ods", &ods[k], false),
            ("xls", &xls[k], false),
        ] {
            let out = root.join(format!("{name}-{}", form.replace(' ', "-")));
            let mut args = vec!["plan", "import", file.to_str().unwrap(), "--out", out.to_str().unwrap()];
            if !whole {
                args.extend(["--standing", &standing_name]);
            }
            let (code, text) = baocao(root, &args);
            assert!(code <= 1, "{name} as {form}: exit {code}: {text}");
            assert_eq!(
                plan_of(&out, whole),
                plan_of(text_plan, whole),
                "{name} as {form} is not the plan the text gave"
            );
        }
    }
}

/// A Party plan's standing agency is a Party organ: its report and letters
/// follow the Party's rules of form (Hướng dẫn 36-HD/VPTW), not the
/// State's: «ĐẢNG CỘNG SẢN VIỆT NAM» instead of the national name and
/// motto, the committee above the organ and a star under it, «Số …-BC/…»,
/// «K/T TRƯỞNG BAN». Read back by pdftotext and from the Word twin's XML.
#[test]
fn a_party_organ_reports_in_the_partys_form() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let plan = root.join("ke-hoach");
    let file = fixture("kh-27-tu-quang-tri-2025.txt");
    let (code, text) =
        baocao(root, &["plan", "import", file.to_str().unwrap(), "--out", plan.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    let config: toml::Table = std::fs::read_to_string(plan.join("bao-cao.toml")).unwrap().parse().unwrap();
    assert_eq!(config["style"].as_str(), Some("dang"));
    assert_eq!(config["parent"].as_str(), Some("TỈNH ỦY QUẢNG TRỊ"));
    assert_eq!(config["issuer"].as_str(), Some("BAN TUYÊN GIÁO VÀ DÂN VẬN"));
    assert_eq!(config["authority"].as_str(), Some("K/T TRƯỞNG BAN"));
    let (code, text) =
        baocao(root, &["--plan", plan.to_str().unwrap(), "demo", "--period", "2025", "--out", "ra"]);
    assert_eq!(code, 0, "{text}");
    let pdf = common::pdftotext_raw(&root.join("ra/2025/bao-cao-2025.pdf"));
    let words = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    for want in [
        "TỈNH ỦY QUẢNG TRỊ",
        "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "-BC/BTGDV",
        "K/T TRƯỞNG BAN",
        "Kính gửi: Ban Thường vụ Tỉnh ủy",
    ] {
        assert!(words.contains(want), "no «{want}» in the PDF: {}", &words[..1500.min(words.len())]);
    }
    assert!(
        !words.contains("CỘNG HÒA XÃ HỘI") && !words.contains("Độc lập - Tự do"),
        "the State's national name on a Party report"
    );
    // The plan is cited by the authority that signed it.
    assert!(words.contains("27-KH/TU ngày 05/9/2025 của Ban Thường vụ Tỉnh ủy"), "{words}");
    // A plan without indicators: no section, appendix or chart of them.
    assert!(words.contains("2. Đánh giá chung"), "{words}");
    assert!(!words.contains("chỉ tiêu;") && !words.contains("Các chỉ tiêu so với mục tiêu"), "{words}");
    // The Word twin, as LibreOffice reads it.
    let word = common::libreoffice_pdf(root, &root.join("ra/2025/bao-cao-2025.docx"));
    let word = common::pdftotext_raw(&word).split_whitespace().collect::<Vec<_>>().join(" ");
    for want in ["ĐẢNG CỘNG SẢN VIỆT NAM", "-BC/BTGDV", "K/T TRƯỞNG BAN"] {
        assert!(word.contains(want), "no «{want}» in the Word twin: {}", &word[..1500.min(word.len())]);
    }
    assert!(!word.contains("CỘNG HÒA XÃ HỘI"), "the State's national name in the Word twin");
}
