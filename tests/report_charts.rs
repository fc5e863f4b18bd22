//! The charts and the printed pages of the year's report in its three
//! forms, read by readers not written here: the PDF's charts name their
//! indicators; the Word twin carries the same charts as pictures
//! (LibreOffice shows them); the Excel file's charts never cover one
//! another, have titles and axes, include the indicators against their
//! targets, and its rows are tall enough that LibreOffice prints no text
//! over another; TT and counts are numbers.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use calamine::{Data, Reader, open_workbook_auto};

fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed (`bash tests/run` installs it): {e}"));
    assert!(out.status.success(), "{program} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn zip_part(path: &Path, part: &str) -> Option<Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut f = z.by_name(part).ok()?;
    let mut v = Vec::new();
    f.read_to_end(&mut v).unwrap();
    Some(v)
}

/// A word on a page and its box, as `pdftotext -bbox` gives them.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x: (f64, f64),
    y: (f64, f64),
}

fn words(pdf: &Path) -> Vec<Word> {
    let html = run("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut out = Vec::new();
    let attr = |tag: &str, name: &str| -> f64 {
        let i = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[i..i + tag[i..].find('"').unwrap()].parse().unwrap()
    };
    for (page, body) in html.split("<page ").skip(1).enumerate() {
        for part in body.split("<word ").skip(1) {
            let (tag, rest) = part.split_once('>').unwrap();
            let text = rest.split("</word>").next().unwrap().to_owned();
            out.push(Word {
                page,
                text,
                x: (attr(tag, "xMin"), attr(tag, "xMax")),
                y: (attr(tag, "yMin"), attr(tag, "yMax")),
            });
        }
    }
    out
}

#[test]
fn the_charts_and_pages_of_the_years_report_read_right_in_pdf_word_and_excel() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out) = common::baocao(d, &["demo", "--period", "2025-H1,2025"]);
    assert_eq!(code, 0, "{out}");
    let base = d.join("outputs/2025");
    let data = common::json(&base.join("tong-hop.json"));

    // PDF: the indicators' bars are named, not «Chỉ tiêu 4» alone.
    let pdf = run("pdftotext", &[base.join("bao-cao-2025.pdf").to_str().unwrap(), "-"]);
    let charts = &pdf[pdf.find("BIỂU ĐỒ TỔNG HỢP").expect("the charts appendix")..];
    let flat = charts.split_whitespace().collect::<Vec<_>>().join(" ");
    // Every indicator with a number and a numeric target has its named bar.
    let numeric: Vec<&serde_json::Value> = data["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["value"].is_number() && i["target"]["min"].is_number())
        .collect();
    assert!(numeric.len() > 5, "the demo has numeric indicators");
    for i in &numeric {
        let name: Vec<&str> = i["name"].as_str().unwrap().split_whitespace().take(2).collect();
        let label = format!("Chỉ tiêu {}. {}", i["number"].as_str().unwrap(), name.join(" "));
        assert!(flat.contains(&label), "no bar named «{label}»");
    }

    // Word: the charts are pictures, and LibreOffice shows them.
    let docx = base.join("bao-cao-2025.docx");
    let pictures =
        (1..=20).filter(|n| zip_part(&docx, &format!("word/media/bieu-do-{n}.png")).is_some()).count();
    assert!(pictures >= 5, "the Word twin's charts: {pictures} pictures");
    let rendered = common::libreoffice_pdf(d, &docx);
    let listed = run("pdfimages", &["-list", rendered.to_str().unwrap()]);
    let images = listed.lines().skip(2).filter(|l| l.contains(" image ")).count();
    assert!(images >= pictures, "LibreOffice shows {images} of {pictures} chart pictures:\n{listed}");
    let word_text = run("pdftotext", &[rendered.to_str().unwrap(), "-"]);
    assert!(word_text.contains("BIỂU ĐỒ TỔNG HỢP"));
    assert!(!word_text.contains("đã hoàn thành: "), "the charts as a table of strings");

    // Excel: charts side by side with their numbers, none over another.
    let xlsx = base.join("bao-cao-2025.xlsx");
    let drawing = String::from_utf8(zip_part(&xlsx, "xl/drawings/drawing1.xml").expect("charts")).unwrap();
    let anchors: Vec<[u32; 4]> = drawing
        .split("<xdr:twoCellAnchor")
        .skip(1)
        .map(|a| {
            let n = |tag: &str, k: usize| -> u32 {
                let part = a.split(&format!("<xdr:{tag}>")).nth(1).unwrap();
                let v = part.split(&format!("<xdr:{}>", ["col", "row"][k])).nth(1).unwrap();
                v[..v.find('<').unwrap()].parse().unwrap()
            };
            [n("from", 0), n("from", 1), n("to", 0), n("to", 1)]
        })
        .collect();
    assert!(anchors.len() >= 5, "{anchors:?}");
    for (i, a) in anchors.iter().enumerate() {
        for b in &anchors[i + 1..] {
            let apart = a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1];
            assert!(apart, "charts over one another: {a:?} {b:?}");
        }
    }
    let mut titled = 0;
    let mut indicators = false;
    for n in 1..=anchors.len() {
        let chart = String::from_utf8(zip_part(&xlsx, &format!("xl/charts/chart{n}.xml")).unwrap()).unwrap();
        // A chart title and an axis title.
        if chart.matches("<c:title>").count() >= 2 {
            titled += 1;
        }
        indicators |= chart.contains("Mức đạt so với mục tiêu");
    }
    assert_eq!(titled, anchors.len(), "every chart has a title and an axis title");
    assert!(indicators, "the indicators against their targets");

    // Numbers are numbers: TT of Phụ lục II, the charts' counts.
    let mut book = open_workbook_auto(&xlsx).unwrap();
    let tasks = book.worksheet_range("Phụ lục II").unwrap();
    let tt: Vec<&Data> = tasks.rows().skip(5).map(|r| &r[0]).filter(|c| !matches!(c, Data::Empty)).collect();
    assert!(tt.iter().filter(|c| matches!(c, Data::Float(_) | Data::Int(_))).count() > 20, "TT as numbers");

    // Printed by LibreOffice, no text of one row runs over another's.
    let printed = d.join("excel-print");
    std::fs::create_dir_all(&printed).unwrap();
    let copy = printed.join("bang.xlsx");
    std::fs::copy(&xlsx, &copy).unwrap();
    let pdf = common::libreoffice_pdf(&printed, &copy);
    let all = words(&pdf);
    let mut over = Vec::new();
    for (i, a) in all.iter().enumerate() {
        for b in all[i + 1..].iter().take_while(|b| b.page == a.page) {
            let dx = a.x.1.min(b.x.1) - a.x.0.max(b.x.0);
            let dy = a.y.1.min(b.y.1) - a.y.0.max(b.y.0);
            // More than a sliver in both directions (lines of one cell touch
            // by their boxes): two words printed on one another.
            let height = (a.y.1 - a.y.0).min(b.y.1 - b.y.0);
            if dx > 1.0 && dy > 0.3 * height {
                over.push(format!("p.{} «{}» over «{}»", a.page + 1, a.text, b.text));
            }
        }
    }
    assert!(
        over.is_empty(),
        "{} words printed over others, first: {:?}",
        over.len(),
        &over[..over.len().min(10)]
    );
}
