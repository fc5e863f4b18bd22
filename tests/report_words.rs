//! The words of the signed report, read back from the PDF the demo makes
//! for two periods (the half year, then the cumulative year): each report
//! its own number and a date after its cut-off, no words of the software,
//! no «00», every count the narrative states equal to the data, and the
//! documents agencies cite named once each.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed: `bash tests/run` installs it");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The narrative: from the first page to the signature block, on one line.
fn narrative(text: &str) -> String {
    let end = text.find("Nơi nhận:").expect("signature block");
    text[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The number right before `after` in `text` («18/61 nhiệm vụ» → 18, 61 with `/`).
fn numbers_before(text: &str, after: &str) -> Vec<usize> {
    let i = text.find(after).unwrap_or_else(|| panic!("«{after}» not in the narrative:\n{text}"));
    let head = text[..i].trim_end();
    let token = head.rsplit(' ').next().unwrap();
    token.split('/').map(|n| n.trim_matches(|c: char| !c.is_ascii_digit()).parse().unwrap()).collect()
}

fn count(data: &Value, status: &str) -> usize {
    data["tasks"].as_array().unwrap().iter().filter(|t| t["status"] == status).count()
}

#[test]
fn each_report_reads_as_an_official_wrote_it_and_its_numbers_are_the_datas() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out) = common::baocao(dir.path(), &["demo", "--period", "2025-H1,2025"]);
    assert_eq!(code, 0, "{out}");
    let mut identities = Vec::new();
    for period in ["2025-H1", "2025"] {
        let base = dir.path().join("outputs").join(period);
        let text = pdftotext(&base.join(format!("bao-cao-{period}.pdf")));
        let data = common::json(&base.join("tong-hop.json"));
        let words = narrative(&text);

        // Its own identity, dated after its cut-off.
        let number = text.lines().find(|l| l.starts_with("Số: ")).unwrap().to_owned();
        let date = text.lines().find(|l| l.starts_with("Cà Mau, ngày ")).unwrap().to_owned();
        identities.push((number, date.clone()));
        let year: i32 = date.rsplit(' ').next().unwrap().parse().unwrap();
        let month: u32 = date.split("tháng ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        match period {
            "2025-H1" => assert!((year, month) >= (2025, 6), "{date}"),
            _ => assert!((year, month) >= (2025, 12), "{date}"),
        }

        // Pages: no lead-in line («- Về nhân lực:») or heading ends a page
        // alone, and the signature shares its page with the closing text.
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let signed = pages.iter().position(|p| p.contains("Nơi nhận:")).expect("signature block");
        for (i, page) in pages[..signed].iter().enumerate() {
            let last = page.lines().map(str::trim).rfind(|l| !l.is_empty()).unwrap_or("");
            let heading = last.split(' ').next().is_some_and(|w| {
                w.ends_with('.')
                    && w.len() > 1
                    && w[..w.len() - 1].chars().all(|c| "IVX0123456789".contains(c))
            });
            assert!(!last.ends_with(':') && !heading, "{period}: page {} ends with «{last}»", i + 1);
        }
        let before_signature = &pages[signed][..pages[signed].find("Nơi nhận:").unwrap()];
        assert!(before_signature.contains("kính báo cáo"), "{period}: the signature alone on its page");

        // Nothing of the software, anywhere in the signed document.
        for word in ["kiem-tra", "Excel", "đánh giá tự động", "toàn văn", "(mẫu)", ".txt", ".json", " 00 "]
        {
            assert!(!text.contains(word), "{period}: «{word}» in the signed report");
        }
        // Validation counts («0 lỗi, 3 cảnh báo») are the secretariat's.
        for d in 0..=9 {
            for word in [format!("{d} lỗi"), format!("{d} cảnh báo")] {
                assert!(!text.contains(&word), "{period}: «{word}» in the signed report");
            }
        }
        assert!(!words.contains("Tiếp tục triển khai trong năm"), "{period}: carried text presented as news");

        // The structure of a real progress report.
        for heading in [
            "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TỔ CHỨC TRIỂN KHAI",
            "II. KẾT QUẢ THỰC HIỆN",
            "III. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC",
            "IV. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM",
            "V. ĐỀ XUẤT, KIẾN NGHỊ",
            "Kết quả theo nhóm nhiệm vụ",
            "Đối với Ủy ban nhân dân tỉnh Cà Mau",
        ] {
            assert!(words.contains(heading), "{period}: no «{heading}»");
        }

        // Every count stated equals the data's.
        let tasks = data["tasks"].as_array().unwrap().len();
        let done = count(&data, "done-on-time") + count(&data, "done-late");
        assert_eq!(numbers_before(&words, "nhiệm vụ (đạt"), [done, tasks], "{period}");
        assert_eq!(
            numbers_before(&words, "nhiệm vụ đang triển khai trong thời hạn")[0],
            count(&data, "in-progress")
        );
        let overdue = count(&data, "overdue");
        if overdue == 0 {
            assert!(words.contains("không có nhiệm vụ nào quá hạn"), "{period}");
        } else {
            assert_eq!(numbers_before(&words, "nhiệm vụ quá hạn chưa hoàn thành;")[0], overdue, "{period}");
            assert_eq!(numbers_before(&words, "nhiệm vụ quá hạn nêu tại")[0], overdue, "{period}");
        }
        let agencies = data["agencies"].as_array().unwrap();
        let sent = agencies.iter().filter(|a| a["receipt"] != "missing").count();
        assert_eq!(numbers_before(&words, "cơ quan, đơn vị ("), [sent, agencies.len()], "{period}");
        let met = data["indicators"].as_array().unwrap().iter().filter(|i| i["assessment"] == "met").count();
        assert_eq!(numbers_before(&words, "chỉ tiêu đạt và vượt mục tiêu,")[0], met, "{period}");
        // The overall assessment says the same counts.
        let overall = &words[words.find("Nhìn chung").expect("the overall assessment")..];
        assert_eq!(numbers_before(overall, "nhiệm vụ đã hoàn thành"), [done, tasks], "{period}");
        if met > 0 {
            assert_eq!(numbers_before(overall, "chỉ tiêu đạt và vượt mục tiêu")[0], met, "{period}");
        }
        if overdue > 0 {
            assert_eq!(numbers_before(overall, "nhiệm vụ quá hạn chưa hoàn thành")[0], overdue, "{period}");
        }
        let not_met =
            data["indicators"].as_array().unwrap().iter().filter(|i| i["assessment"] == "not-met").count();
        if not_met > 0 {
            assert_eq!(numbers_before(overall, "chỉ tiêu chưa đạt mục tiêu")[0], not_met, "{period}");
        }
        // Counts below ten keep their zero.
        for d in 1..=9 {
            assert!(!words.contains(&format!(" {d} nhiệm vụ")), "{period}: «{d} nhiệm vụ» without its zero");
            assert!(!words.contains(&format!(" {d} cơ quan")), "{period}: «{d} cơ quan» without its zero");
        }

        // No agency proposes to itself; a heading indicator without a target
        // of its own (its sub-indicators carry the numbers) is no indicator
        // without data.
        for a in data["agencies"].as_array().unwrap() {
            let name = a["name"].as_str().unwrap();
            assert!(
                !words.contains(&format!("{name}: Đề nghị {name}")),
                "{period}: {name} proposes to itself"
            );
        }
        for i in data["indicators"].as_array().unwrap().iter().filter(|i| i["target"]["kind"] == "none") {
            let said = format!("(chỉ tiêu {})", i["number"].as_str().unwrap());
            let no_data: String =
                words.split("Chưa có số liệu:").nth(1).unwrap_or_default().chars().take(400).collect();
            assert!(!no_data.contains(&said), "{period}: {said} listed as without data");
        }

        // Each document an agency cites is named once in the narrative.
        let cited = words.matches("Kế hoạch số ").count() + words.matches("Quyết định số ").count();
        assert!(cited > 5, "{period}: documents not cited: {cited}");
        let mut seen = std::collections::BTreeSet::new();
        for part in words.split("Quyết định số ").skip(1) {
            let citation: String = part.split(' ').take(3).collect::<Vec<_>>().join(" ");
            assert!(seen.insert(citation.clone()), "{period}: «Quyết định số {citation}» named twice");
        }
    }
    assert_ne!(identities[0], identities[1], "two periods' reports with one number and date");
}
