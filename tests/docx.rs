//! The report's Word twin (issue 14), read by a reader not written here:
//! LibreOffice converts it to PDF, and that PDF must hold every task and
//! indicator, in the layout of our own PDF (A4 portrait, landscape
//! appendices numbered from 1, page numbers from page 2, the table header
//! on every page, bold and italic where ours has them). The package must
//! have the parts Word requires, and the same data must give the same bytes.

mod common;

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::baocao;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed ({e}); `bash tests/run` installs it"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every part of the package, by name (the pictures' text empty).
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            if f.name().is_ok_and(|n| n.ends_with(".png")) {
                return (f.name().unwrap().into_owned(), String::new());
            }
            let mut text = String::new();
            f.read_to_string(&mut text).expect("every part is UTF-8 XML");
            (f.name().expect("a part name").into_owned(), text)
        })
        .collect()
}

/// The parts Word requires, declared and related, each well-formed XML.
fn check_package(docx: &[u8]) {
    let parts = parts(docx);
    let names: HashSet<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for required in
        ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "word/settings.xml"]
    {
        assert!(names.contains(required), "{required} missing: {names:?}");
    }
    let types = &parts.iter().find(|(n, _)| n == "[Content_Types].xml").unwrap().1;
    for (name, xml) in &parts {
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut depth = 0i64;
        loop {
            match reader.read_event().unwrap_or_else(|e| panic!("{name} is not well-formed: {e}")) {
                quick_xml::events::Event::Start(_) => depth += 1,
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "{name}: unclosed elements");
        if name.ends_with(".xml") && name != "[Content_Types].xml" {
            assert!(types.contains(&format!("PartName=\"/{name}\"")), "{name} has no content type");
        }
    }
    // Every relationship points at a part that is there.
    for (name, xml) in parts.iter().filter(|(n, _)| n.ends_with(".rels")) {
        let base = name.trim_end_matches(".rels").replace("_rels/", "");
        let folder = Path::new(&base).parent().unwrap_or(Path::new("")).to_owned();
        for target in xml.split("Target=\"").skip(1).map(|t| t.split('"').next().unwrap()) {
            let path = folder.join(target).to_string_lossy().replace('\\', "/");
            assert!(names.contains(path.as_str()), "{name} names {path}, which is not in the package");
        }
    }
    // Every paragraph style used is defined.
    let document = &parts.iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    let styles = &parts.iter().find(|(n, _)| n == "word/styles.xml").unwrap().1;
    for used in document.split("<w:pStyle w:val=\"").skip(1).map(|t| t.split('"').next().unwrap()) {
        assert!(styles.contains(&format!("w:styleId=\"{used}\"")), "style {used} is not defined");
    }
}

/// The words of page `page` with their boxes (x min, y min), in points.
fn words(pdf: &str, page: usize) -> Vec<(String, f64, f64)> {
    let html = tool("pdftotext", &["-f", &page.to_string(), "-l", &page.to_string(), "-bbox", pdf, "-"]);
    html.lines()
        .filter_map(|l| {
            let l = l.trim().strip_prefix("<word ")?;
            let num =
                |key: &str| l.split(&format!("{key}=\"")).nth(1)?.split('"').next()?.parse::<f64>().ok();
            let word = l.split('>').nth(1)?.split('<').next()?.to_owned();
            Some((word, num("xMin")?, num("yMin")?))
        })
        .collect()
}

/// The layout checks our PDF and LibreOffice's rendering of the .docx must
/// both pass: the blocks of the first page where Nghị định 30 puts them,
/// the body at the 35 mm left margin, the signature right of «Nơi nhận».
fn layout_checks(pdf: &str) {
    let page1 = words(pdf, 1);
    let at = |w: &str| {
        page1
            .iter()
            .find(|(t, ..)| t == w)
            .map(|(_, x, y)| (*x, *y))
            .unwrap_or_else(|| panic!("{w} not on page 1 of {pdf}"))
    };
    let (issuer_x, issuer_y) = at("UBND");
    let (nation_x, nation_y) = at("CỘNG");
    assert!(issuer_y < 110.0 && nation_y < 110.0, "header blocks at the top: {issuer_y}, {nation_y}");
    assert!((issuer_y - nation_y).abs() < 8.0, "issuer and national name on one line");
    assert!(nation_x > issuer_x + 120.0, "national name right of the issuer: {issuer_x}, {nation_x}");
    let (title_x, title_y) = at("BÁO");
    assert!(
        title_y > issuer_y + 40.0 && (200.0..300.0).contains(&title_x),
        "title centred under the header: {title_x}"
    );
    // Body paragraphs start at the left margin (35 mm = 99 pt) or 1 cm in.
    let body: Vec<f64> = page1.iter().filter(|(_, _, y)| *y > title_y + 60.0).map(|(_, x, _)| *x).collect();
    let left = body.iter().cloned().fold(f64::MAX, f64::min);
    assert!((95.0..106.0).contains(&left), "left margin of the body: {left} pt");
    let right = page1.iter().map(|(_, x, _)| *x).fold(0.0, f64::max);
    assert!(right < 595.0 - 50.0, "right margin (20 mm): a word starts at {right} pt");
}

#[test]
fn the_word_report_reads_back_in_libreoffice_with_the_official_layout() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out) = baocao(d, &["demo", "--period", "2025-H1", "--out", "chay"]);
    assert_eq!(code, 0, "{out}");
    let docx_path = d.join("chay/2025-H1/bao-cao-2025-H1.docx");
    let docx = std::fs::read(&docx_path).expect("report writes a .docx beside the PDF");
    check_package(&docx);
    // The same data, the same bytes.
    let (code, out) = baocao(d, &["demo", "--period", "2025-H1", "--out", "lan-hai"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        std::fs::read(d.join("lan-hai/2025-H1/bao-cao-2025-H1.docx")).unwrap(),
        docx,
        "not deterministic"
    );
    // In the manifest with the PDF and the workbook.
    let manifest = std::fs::read_to_string(d.join("chay/2025-H1/manifest.json")).unwrap();
    assert!(manifest.contains("bao-cao-2025-H1.docx"), "{manifest}");

    let pdf = common::libreoffice_pdf(d, &docx_path);
    let pdf = pdf.to_str().unwrap();

    layout_checks(d.join("chay/2025-H1/bao-cao-2025-H1.pdf").to_str().unwrap());
    layout_checks(pdf);
    // The document's title and author, as ours.
    let info = tool("pdfinfo", &[pdf]);
    assert!(info.contains("Title:           Báo cáo kết quả thực hiện Kế hoạch số 60/KH-UBND"), "{info}");
    assert!(info.contains("Author:          Sở Khoa học và Công nghệ"), "{info}");

    // Every task and indicator of the plan, and every agency, reads back.
    let text = flat(&tool("pdftotext", &["-raw", pdf, "-"]));
    let (code, plan) = baocao(d, &["plan", "show", "--json"]);
    assert_eq!(code, 0);
    let plan: serde_json::Value = serde_json::from_str(&plan).unwrap();
    let mut names = Vec::new();
    for g in plan["indicator_groups"].as_array().into_iter().flatten() {
        for i in g["indicators"].as_array().into_iter().flatten() {
            names.push(i["name"].as_str().unwrap_or_default().to_owned());
        }
    }
    for g in plan["task_groups"].as_array().into_iter().flatten() {
        for t in g["tasks"].as_array().into_iter().flatten() {
            names.push(t["name"].as_str().unwrap_or_default().to_owned());
        }
    }
    assert!(names.len() > 100, "plan show --json gave {} names: {plan:.300}", names.len());
    for want in common::DEMO_REPORT_TEXT {
        assert!(text.contains(want), "«{want}» missing from LibreOffice's rendering");
    }
    // A task row taller than a page (results of twenty lead agencies, now
    // printed in full) is broken by LibreOffice wherever the page ends, even
    // inside the name's cell: each name's opening words are there.
    for name in &names {
        let opening: String = name.split_whitespace().take(6).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&flat(&opening)), "«{name}» is not in LibreOffice's rendering of the .docx");
    }
    // Every agency our PDF names, the Word twin names too.
    let ours = flat(&tool(
        "pdftotext",
        &["-raw", d.join("chay/2025-H1/bao-cao-2025-H1.pdf").to_str().unwrap(), "-"],
    ));
    let agencies: Vec<String> = plan["registry"]["agencies"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| a["name"].as_str().map(flat))
        .filter(|n| ours.contains(n.as_str()))
        .collect();
    assert!(agencies.len() > 10, "{agencies:?}");
    for a in &agencies {
        assert!(text.contains(a.as_str()), "agency «{a}» is in our PDF but not in the .docx");
    }

    // Page sizes: A4 portrait, then landscape appendices.
    let info = tool("pdfinfo", &["-f", "1", "-l", "400", pdf]);
    let sizes: Vec<(f64, f64)> = info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let n: Vec<f64> = l.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (n[1], n[2])
        })
        .collect();
    assert!(
        (sizes[0].0 - 595.3).abs() < 1.0 && (sizes[0].1 - 841.9).abs() < 1.0,
        "page 1 is A4 portrait: {sizes:?}"
    );
    let first_landscape = sizes.iter().position(|(w, h)| w > h).expect("landscape appendices");
    assert!(sizes[first_landscape..].iter().all(|(w, h)| w > h), "appendices stay landscape: {sizes:?}");

    // Page numbers: none on page 1, «2» atop page 2; each appendix restarts:
    // no number on its first page, «2» atop its second.
    let page =
        |n: usize| tool("pdftotext", &["-f", &n.to_string(), "-l", &n.to_string(), "-layout", pdf, "-"]);
    let first_line = |t: &str| t.lines().find(|l| !l.trim().is_empty()).unwrap_or_default().trim().to_owned();
    assert_ne!(first_line(&page(1)), "1");
    assert_eq!(first_line(&page(2)), "2", "page 2 is numbered at the top");
    let appendix_start = first_landscape + 1;
    assert!(first_line(&page(appendix_start)).starts_with("Phụ lục"), "{}", page(appendix_start));
    assert_eq!(first_line(&page(appendix_start + 1)), "2", "the appendix is numbered from 1");
    // The table header on every page of the appendix.
    assert!(
        page(appendix_start + 1).contains("Chỉ tiêu"),
        "header row repeated: {}",
        page(appendix_start + 1)
    );

    // Bold and italic faces, as in our PDF.
    let fonts = tool("pdffonts", &[pdf]);
    assert!(fonts.contains("Bold") && fonts.contains("Italic"), "{fonts}");

    // A draft (no number, no date in the configuration) says so in both; the issued report does not.
    let document = |docx: &[u8]| parts(docx).into_iter().find(|(n, _)| n == "word/document.xml").unwrap().1;
    assert!(!document(&docx).contains("DỰ THẢO") && !text.contains("DỰ THẢO"));
    let config =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/bao-cao.toml")).unwrap();
    let draft: String = config
        .lines()
        .filter(|l| !l.starts_with("number") && !l.starts_with("date"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(d.join("du-thao.toml"), draft).unwrap();
    let (code, out) = baocao(
        d,
        &["report", "--period", "2025-H1", "--out", "chay/2025-H1", "--config", "du-thao.toml", "--force"],
    );
    assert_eq!(code, 0, "{out}");
    let ours = flat(&tool(
        "pdftotext",
        &["-l", "1", d.join("chay/2025-H1/bao-cao-2025-H1.pdf").to_str().unwrap(), "-"],
    ));
    assert!(ours.contains("DỰ THẢO"), "the PDF draft is marked: {ours:.300}");
    let word = std::fs::read(d.join("chay/2025-H1/bao-cao-2025-H1.docx")).unwrap();
    assert!(document(&word).contains("DỰ THẢO"), "the Word draft is marked");

    // `--formats` chooses what is written.
    let (code, out) = baocao(
        d,
        &["report", "--period", "2025-H1", "--out", "chay/2025-H1", "--formats", "docx", "--force"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(".docx") && !out.contains(".pdf"), "{out}");
}
