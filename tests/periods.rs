//! From one period to the next, through the binary: the template of the
//! second period is prefilled with the first's answers and marked; returns
//! sent back untouched, a completed task reopened, an agency that does not
//! send again; the year's report carries and compares; the charts show the
//! appendices' counts, in the PDF and as Excel charts.

mod common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use baocao::form::{HEADER_ROW, PREFILL_LEGEND, Status, TaskCol};
use baocao::period::Period;
use baocao::plan::assign::assignments;
use calamine::{Data, Reader, open_workbook_auto};
use common::{baocao, json};
use serde_json::Value;

fn cells(path: &Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).unwrap();
    book.worksheet_range(sheet).unwrap().rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    if let Data::Empty = d { String::new() } else { d.to_string() }
}

fn zip_part(path: &Path, part: &str) -> Option<String> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut f = z.by_name(part).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The tasks of a period's data, by number.
fn task<'a>(data: &'a Value, number: &str) -> &'a Value {
    data["tasks"].as_array().unwrap().iter().find(|t| t["number"] == number).unwrap()
}

fn done(status: &Value) -> bool {
    matches!(status.as_str(), Some("done-on-time" | "done-late"))
}

#[test]
fn a_second_period_is_prefilled_carried_compared_and_charted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out) = baocao(d, &["demo", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}");
    let h1 = json(&d.join("outputs/2025-H1/tong-hop.json"));

    // A task one agency alone leads and completed in the first half.
    let plan = baocao::plan::load::load(&baocao::plan::files::PlanSource::Embedded).unwrap();
    let shares = assignments(&plan);
    let completed = h1["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            done(&t["status"])
                && t["leads_expected"] == 1
                && t["answers"].as_array().unwrap().iter().any(|a| a["role"] == "lead")
        })
        .expect("a completed task");
    let number = completed["number"].as_str().unwrap().to_owned();
    let lead = completed["answers"].as_array().unwrap().iter().find(|a| a["role"] == "lead").unwrap();
    let lead_id = lead["agency"].as_str().unwrap().to_owned();

    // The second period's templates: the lead's workbook holds its answer, marked.
    let (code, out) = baocao(d, &["template", "--period", "2025"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("điền sẵn câu trả lời kỳ trước: 6 tháng đầu năm 2025"), "{out}");
    let mau = d.join("outputs/2025/mau").join(format!("{lead_id}.xlsx"));
    let rows = cells(&mau, "Nhiệm vụ");
    assert_eq!(text(&rows[HEADER_ROW as usize - 1][0]), PREFILL_LEGEND);
    let row = rows.iter().find(|r| text(&r[0]) == number).expect("the task's row");
    let status = Status::parse(lead["status_text"].as_str().unwrap()).unwrap();
    assert_eq!(text(&row[TaskCol::Status.index() as usize]), status.label());
    assert_eq!(text(&row[TaskCol::Achieved.index() as usize]), lead["achieved"].as_str().unwrap());
    let day = lead["completed"].as_str().unwrap();
    let Data::DateTime(cell) = &row[TaskCol::Completed.index() as usize] else { panic!("a date: {row:?}") };
    // Excel's serial day: 45658 is 2025-01-01.
    let date = time::Date::from_calendar_date(2025, time::Month::January, 1).unwrap()
        + time::Duration::days(cell.as_f64() as i64 - 45658);
    assert_eq!(date.to_string(), day);
    let notes = zip_part(&mau, "xl/comments1.xml").expect("notes on prefilled cells");
    assert!(
        notes.contains("Kỳ trước (6 tháng đầu năm 2025)") && notes.contains("Không cần báo cáo lại"),
        "{notes}"
    );
    let styles = zip_part(&mau, "xl/styles.xml").unwrap();
    assert!(styles.contains("FFE2EFDA") && styles.contains("FFFFF2CC"), "the prefilled cells' fills");

    // Returns: most agencies send their prefilled workbook back as it is;
    // one reopens a task it had completed; the completed task's lead sends
    // nothing at all.
    let inbox = d.join("inputs/2025");
    std::fs::create_dir_all(&inbox).unwrap();
    // The task to reopen: completed in the first half by its only lead,
    // another agency than the one that will not send.
    let (reopened, reopener) = h1["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| done(&t["status"]) && t["leads_expected"] == 1)
        .find_map(|t| {
            let a = t["answers"].as_array().unwrap().iter().find(|a| a["role"] == "lead")?;
            (a["agency"] != lead_id.as_str())
                .then(|| (t["number"].as_str().unwrap().to_owned(), a["agency"].as_str().unwrap().to_owned()))
        })
        .expect("a second completed task");
    let period = Period::parse("2025").unwrap();
    let (previous, _) = baocao::merge::history::read(&d.join("outputs/2025-H1/tong-hop.json")).unwrap();
    let history = baocao::template::prefill::History::new(&previous);
    let ctx = baocao::template::Context {
        plan: &plan,
        period,
        deadline: period.default_deadline(),
        previous: Some(&history),
    };
    for share in &shares {
        let id = share.agency.id.to_string();
        if id == lead_id {
            continue;
        }
        let mut entries = history.prefill(share).entries;
        entries.sent_on = Some(period.default_deadline());
        if id == reopener {
            let e = entries.tasks.iter_mut().find(|(n, _)| n.to_string() == reopened).unwrap().1;
            e.status = Status::InProgressLate.label().into();
            e.completed = None;
        }
        let bytes = baocao::template::workbook(&ctx, share, Some(&entries)).unwrap();
        std::fs::write(inbox.join(format!("{id}.xlsx")), bytes).unwrap();
    }

    let (_, out) = baocao(d, &["ingest", "--period", "2025"]);
    assert!(out.contains("Đối chiếu với kỳ trước: 6 tháng đầu năm 2025"), "{out}");
    let year = json(&d.join("outputs/2025/tong-hop.json"));
    assert_eq!(year["previous"]["period"]["id"], "2025-H1");
    assert_eq!(year["previous"]["cumulative"], true);
    // Completed in the first half, no new answer: still completed, carried.
    let carried = task(&year, &number);
    assert!(done(&carried["status"]), "{carried}");
    let answer =
        carried["answers"].as_array().unwrap().iter().find(|a| a["agency"] == lead_id.as_str()).unwrap();
    assert_eq!(answer["change"], "carried");
    assert_eq!(answer["carried_from"]["id"], "2025-H1");
    // Reopened: flagged, at its cell.
    let back = task(&year, &reopened);
    assert_eq!(back["backwards"], true, "{back}");
    let checks = std::fs::read_to_string(d.join("outputs/2025/kiem-tra.txt")).unwrap();
    let flag = checks
        .lines()
        .find(|l| l.contains(&format!("nhiệm vụ số {reopened}:")) && l.contains("lùi lại"))
        .expect(&checks);
    assert!(flag.contains(&format!("inputs/2025/{reopener}.xlsx › Nhiệm vụ › G")), "{flag}");
    // Sent back untouched while in progress: one warning per workbook, naming cells.
    assert!(checks.contains("giữ nguyên câu trả lời báo cáo 6 tháng đầu năm 2025"), "{checks}");
    assert!(year["agencies"].as_array().unwrap().iter().any(|a| a["tasks_unchanged"].as_u64() > Some(0)));
    // The lead that did not send: sent last period, not this one.
    let missing = year["agencies"].as_array().unwrap().iter().find(|a| a["id"] == lead_id.as_str()).unwrap();
    assert_eq!(missing["receipt"], "missing");
    assert!(matches!(missing["previous"].as_str(), Some("on-time" | "late")), "{missing}");

    let (code, out) = baocao(d, &["report", "--period", "2025", "--formats", "pdf,xlsx"]);
    assert_eq!(code, 0, "{out}");
    let pdf = pdftotext(&d.join("outputs/2025/bao-cao-2025.pdf"));
    let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("So với báo cáo 6 tháng đầu năm 2025"), "comparison heading");
    assert!(flat.contains("bao gồm kết quả đã báo cáo 6 tháng đầu năm 2025"));
    assert!(
        flat.contains(
            "Các cơ quan, đơn vị đã gửi báo cáo 6 tháng đầu năm 2025 nhưng chưa gửi báo cáo kỳ này:"
        )
    );
    assert!(
        flat.contains(&format!(
            "nhiệm vụ đã hoàn thành theo báo cáo 6 tháng đầu năm 2025 nay được báo cáo chưa hoàn thành (nhiệm vụ {reopened}"
        )),
        "backwards sentence"
    );
    for header in ["Tình trạng", "kỳ trước", "kỳ này", "Kỳ trước", "Kỳ này"] {
        assert!(flat.contains(header), "{header}");
    }
    let newly_done = year["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| done(&t["status"]) && !done(&t["previous"]))
        .count();
    // Completed since the half year, or completed before its cut-off and
    // only now reported: together, every task newly reported done.
    let before = |phrase: &str| -> usize {
        flat.find(phrase).map_or(0, |i| flat[..i].split_whitespace().last().unwrap().parse().unwrap())
    };
    let since = before("nhiệm vụ hoàn thành (nhiệm vụ");
    let earlier = before("nhiệm vụ đã hoàn thành từ 6 tháng đầu năm 2025 nhưng đến kỳ này mới được báo cáo");
    assert_eq!(since + earlier, newly_done, "{flat}");
    if since == 0 {
        assert!(flat.contains("So với 6 tháng đầu năm 2025, không có nhiệm vụ nào hoàn thành thêm"));
    }
    // Each answer says how it compares, in the Excel file's per-agency sheet.
    let answers = cells(&d.join("outputs/2025/bao-cao-2025.xlsx"), "Nhiệm vụ theo cơ quan");
    let said: Vec<String> = answers.iter().filter_map(|r| r.last().map(text)).collect();
    assert!(said.iter().any(|t| t == "Theo báo cáo kỳ trước (6 tháng đầu năm 2025)"), "carried answer");
    assert!(said.iter().any(|t| t == "Giữ nguyên kỳ trước") && said.iter().any(|t| t == "Cập nhật"));
    charts_match(d, &year, &pdf);
}

/// The charts page's numbers are the data's counts; the Excel charts read
/// the ranges that hold them.
fn charts_match(d: &Path, data: &Value, pdf: &str) {
    let tasks = data["tasks"].as_array().unwrap();
    let page = &pdf[pdf.find("BIỂU ĐỒ TỔNG HỢP").expect("the charts appendix")..];
    for group in ["I", "II", "III", "IV"] {
        let of = |f: &dyn Fn(&str) -> bool| {
            tasks.iter().filter(|t| t["group"] == group && f(t["status"].as_str().unwrap())).count()
        };
        let parts = [
            of(&|s| s.starts_with("done")),
            of(&|s| s == "in-progress" || s == "ongoing"),
            of(&|s| s == "overdue"),
            of(&|s| s == "not-started"),
            of(&|s| s == "no-data"),
        ];
        let mut want: Vec<String> = parts.iter().filter(|n| **n > 0).map(|n| n.to_string()).collect();
        want.push(parts.iter().sum::<usize>().to_string());
        let line = page.lines().find(|l| l.trim_start().starts_with(&format!("Nhóm {group} "))).expect(group);
        let numbers: Vec<&str> =
            line.split_whitespace().skip(2).take_while(|w| w.chars().all(|c| c.is_ascii_digit())).collect();
        assert_eq!(numbers, want, "group {group}: {line}");
    }
    let receipts = data["agencies"].as_array().unwrap();
    for (label, key) in [("Đúng hạn", "on-time"), ("Chậm", "late"), ("Chưa gửi", "missing")] {
        let n = receipts.iter().filter(|a| a["receipt"] == key).count();
        assert!(
            page.lines().any(|l| l
                .split_whitespace()
                .collect::<Vec<_>>()
                .ends_with(&[label.split(' ').next_back().unwrap(), &n.to_string()])
                || l.contains(&format!("{label} {n}"))),
            "{label} {n}"
        );
    }
    // Excel: a stacked bar chart whose series read the group table.
    let xlsx = d.join("outputs/2025/bao-cao-2025.xlsx");
    let charts: Vec<String> =
        (1..=6).filter_map(|i| zip_part(&xlsx, &format!("xl/charts/chart{i}.xml"))).collect();
    assert!(charts.len() >= 3, "native charts");
    let stacked =
        charts.iter().find(|c| c.contains("<c:grouping val=\"stacked\"/>")).expect("a stacked chart");
    // The first series is «Đã hoàn thành»: its name, then its values across the groups.
    let refs: Vec<&str> = stacked.split("<c:f>").skip(1).map(|s| &s[..s.find("</c:f>").unwrap()]).collect();
    // Each series: its name, its categories, its values.
    let values = refs[2];
    let sheet = values.split('!').next().unwrap().trim_matches('\'');
    let grid = cells(&xlsx, sheet);
    let row = |s: &str| s.rsplit('$').next().unwrap().parse::<usize>().unwrap() - 1;
    let col = |s: &str| (s.split('$').nth(1).unwrap().as_bytes()[0] - b'A') as usize;
    let name = refs[0].split('!').nth(1).unwrap();
    assert_eq!(text(&grid[row(name)][col(name)]), "Đã hoàn thành");
    let cells_at = |range: &str| -> Vec<String> {
        let (a, b) = range.split('!').nth(1).unwrap().split_once(':').unwrap();
        (row(a)..=row(b))
            .flat_map(|r| (col(a)..=col(b)).map(move |c| (r, c)))
            .map(|(r, c)| text(&grid[r][c]))
            .collect()
    };
    let done_by_group: Vec<String> = ["I", "II", "III", "IV"]
        .iter()
        .map(|g| tasks.iter().filter(|t| t["group"] == *g && done(&t["status"])).count().to_string())
        .collect();
    assert_eq!(cells_at(values), done_by_group, "{values}");
}

#[test]
fn the_demo_runs_three_periods_the_same_way_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (code, out) = baocao(d, &["demo"]);
    assert_eq!(code, 0, "{out}");
    let last = json(&d.join("outputs/2026-H1/tong-hop.json"));
    assert_eq!(last["previous"]["period"]["id"], "2025");
    assert_eq!(last["previous"]["cumulative"], false);
    let history: Vec<&str> =
        last["history"].as_array().unwrap().iter().map(|p| p["period"]["id"].as_str().unwrap()).collect();
    assert_eq!(history, ["2025-H1", "2025"]);
    let pdf = pdftotext(&d.join("outputs/2026-H1/bao-cao-2026-H1.pdf"));
    assert!(pdf.contains("Số nhiệm vụ đã hoàn thành qua các kỳ báo cáo"));
    for p in last["history"].as_array().unwrap() {
        let line =
            pdf.lines().find(|l| l.trim_start().starts_with(p["period"]["name"].as_str().unwrap())).unwrap();
        assert_eq!(line.split_whitespace().last(), Some(p["tasks_done"].to_string().as_str()), "{line}");
    }
    // The cycle's commands find the demo's folders.
    let (code, out) = baocao(d, &["remind", "--period", "2025-H1"]);
    assert_eq!(code, 0, "{out}");
    // Same seed, same bytes.
    let (code, out) = baocao(d, &["demo", "--out", "lan-hai"]);
    assert_eq!(code, 0, "{out}");
    for p in ["2025-H1", "2025", "2026-H1"] {
        for f in [
            "tong-hop.json",
            &format!("bao-cao-{p}.pdf"),
            &format!("bao-cao-{p}.xlsx"),
            &format!("bao-cao-{p}.docx"),
            "mau/stc.xlsx",
        ] {
            let a = std::fs::read(d.join("outputs").join(p).join(f)).unwrap();
            let b = std::fs::read(d.join("lan-hai").join(p).join(f)).unwrap();
            if f == "tong-hop.json" {
                // The files it names differ by folder only (and so does the
                // hash of the previous period's file, which names them).
                let fix = |s: &[u8]| {
                    let mut v: Value =
                        serde_json::from_str(&String::from_utf8_lossy(s).replace("lan-hai/", "outputs/"))
                            .unwrap();
                    if v["previous"].is_object() {
                        v["previous"]["sha256"] = Value::Null;
                    }
                    v
                };
                assert_eq!(fix(&a), fix(&b), "{p}/{f}");
            } else {
                assert!(a == b, "{p}/{f} differs");
            }
        }
    }
    // A period folder with real data is not the demo's to overwrite.
    std::fs::create_dir_all(d.join("that/2025-H1")).unwrap();
    std::fs::write(d.join("that/2025-H1/tong-hop.json"), "{}").unwrap();
    let (code, out) = baocao(d, &["demo", "--out", "that"]);
    assert_eq!(code, 4, "{out}");
    assert!(out.contains("không phải của lần chạy thử"), "{out}");
}

/// A plan with more numeric indicators than a page holds: the charts page
/// runs on over the pages and prints every one (the block that keeps the
/// indicators whole on one page must not cut off what does not fit).
#[test]
fn a_charts_page_with_many_indicators_loses_none() {
    use serde_json::json;
    let targets: Vec<Value> = (1..=120)
        .map(|i| {
            // Zero-padded, so that no label or figure is found inside another.
            json!({"label": format!("Chỉ tiêu {i:03}"), "name": format!("Tên chỉ tiêu thứ {i:03}"),
                   "ratio": (i % 7) as f64 / 5.0, "met": i % 3 == 0,
                   "text": format!("{i:03},5 / ≥ 30 các tỉnh, thành trong cả nước")})
        })
        .collect();
    let bars = |t: &str| json!({"title": t, "bars": [{"label": "Đạt", "value": 1, "shade": 0}]});
    let data = json!({
        "doc": {"title": "Báo cáo", "author": "Sở Khoa học và Công nghệ", "summary": "Thử", "keywords": [],
                "date": {"year": 2025, "month": 12, "day": 20}},
        "appendix": {"label": "Phụ lục IV", "title": "Biểu đồ tổng hợp", "note": "(Kèm theo Báo cáo)",
                     "landscape": true, "rows": [], "empty": "",
                     "charts": {"tasks": {"title": "Nhiệm vụ", "categories": ["Nhóm I"],
                                          "series": [{"name": "Đã hoàn thành", "values": [3]}]},
                                "assessments": bars("Chỉ tiêu"), "receipts": bars("Gửi báo cáo"),
                                "history": null, "targets": targets}},
    });
    let (_dir, path) = common::appendix_pdf(data);
    let text = pdftotext(&path);
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 3, "120 indicators need more than the charts page and one more: {pages} pages");
    for i in 1..=120 {
        assert!(
            text.contains(&format!("Chỉ tiêu {i:03}. Tên chỉ tiêu thứ {i:03}")),
            "indicator {i} missing:\n{text}"
        );
        assert!(text.contains(&format!("{i:03},5 / ≥ 30")), "the figures of indicator {i} missing");
    }
}
