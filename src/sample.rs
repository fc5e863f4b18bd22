//! Sample answers for an agency's workbook: what a diligent clerk would type,
//! made from a seed so that the same seed gives the same answers. Used by
//! the tests (round trips) and by the demo run.

use crate::form::{Entries, IndicatorEntry, Section, Status, TaskEntry, Value};
use crate::period::Period;
use crate::plan::assign::Assignment;
use crate::plan::target::TargetKind;

/// A small deterministic generator (SplitMix64): no dependency, same
/// numbers on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Results of a completed task, as clerks write them: the document that
/// came of it, with its number and date (`{doc}`), or the event held.
const DONE: [&str; 4] = [
    "Đã hoàn thành. Ban hành {doc}.",
    "Đã tham mưu Ủy ban nhân dân tỉnh ban hành {doc}; tổ chức triển khai đến các cơ quan, đơn vị.",
    "Hoàn thành nhiệm vụ, kết quả thể hiện tại {doc}.",
    "Đã hoàn thành: tổ chức {n} hội nghị, lớp tập huấn với hơn {m} lượt người tham dự; ban hành {doc}.",
];
/// Results of a task under way: what was done and what is left.
const UNDER_WAY: [&str; 5] = [
    "Đang xây dựng dự thảo, lấy ý kiến góp ý của các sở, ngành và địa phương; dự kiến trình Ủy ban nhân dân tỉnh trong quý tới.",
    "Đã tổ chức {n} hội nghị, lớp tập huấn với hơn {m} lượt người tham dự; tiếp tục triển khai các nội dung còn lại.",
    "- Đã khảo sát hiện trạng tại {n} cơ quan, đơn vị;\n- Đang hoàn thiện hồ sơ, thủ tục để triển khai.",
    "Đang phối hợp với đơn vị tư vấn hoàn thiện nội dung; đã hoàn thành khoảng {p}% khối lượng công việc.",
    "Đã trình Ủy ban nhân dân tỉnh dự thảo; đang hoàn thiện theo ý kiến góp ý của các sở, ngành.",
];
const COORDINATED: [&str; 3] = [
    "Phối hợp cung cấp thông tin, số liệu theo đề nghị của cơ quan chủ trì.",
    "Cử cán bộ tham gia tổ biên tập, góp ý dự thảo theo đề nghị của cơ quan chủ trì.",
    "Phối hợp tuyên truyền, phổ biến nội dung đến cán bộ, công chức, viên chức của đơn vị.",
];
/// Difficulties, most with their cause, as agencies word them.
const DIFFICULTIES: [&str; 8] = [
    "Tiến độ còn chậm do kinh phí thực hiện chưa được bố trí kịp thời.",
    "Việc xây dựng cơ sở dữ liệu gặp khó khăn do dữ liệu còn phân tán, chưa được chuẩn hóa, kết nối.",
    "Chưa có văn bản hướng dẫn của bộ, ngành Trung ương nên việc triển khai còn lúng túng.",
    "Sau sắp xếp tổ chức bộ máy, việc phân công cán bộ phụ trách chưa ổn định, ảnh hưởng đến tiến độ.",
    "Đội ngũ cán bộ chuyên trách còn thiếu, phần lớn phải kiêm nhiệm nhiều việc.",
    "Hạ tầng mạng ở một số xã vùng sâu, vùng xa chưa bảo đảm do chi phí đầu tư lớn.",
    "Một bộ phận người dân, doanh nghiệp còn e ngại tham gia vì chưa thấy rõ lợi ích của chuyển đổi số.",
    "Trang thiết bị công nghệ thông tin tại một số đơn vị đã xuống cấp, chưa đáp ứng yêu cầu.",
];

/// Causes as agencies state them (the form's «Nguyên nhân» row): objective
/// and subjective, in the words of provincial progress reports.
const CAUSES: [&str; 6] = [
    "- Nguyên nhân khách quan: văn bản hướng dẫn của bộ, ngành Trung ương ban hành chậm; kinh phí thực hiện chưa được bố trí kịp thời.\n- Nguyên nhân chủ quan: đội ngũ cán bộ phụ trách còn mỏng, chủ yếu kiêm nhiệm.",
    "Việc sắp xếp tổ chức bộ máy làm thay đổi đầu mối thực hiện, một số nhiệm vụ phải điều chỉnh tiến độ.",
    "Công tác phối hợp, chia sẻ dữ liệu giữa các cơ quan, đơn vị có lúc chưa chặt chẽ; một số đơn vị chưa thật sự quyết liệt trong chỉ đạo, điều hành.",
    "Hạ tầng kỹ thuật tại cơ sở chưa đồng bộ; nhận thức của một bộ phận cán bộ, người dân về chuyển đổi số còn hạn chế.",
    "Nguồn lực đầu tư cho khoa học, công nghệ còn hạn chế, chưa huy động được nhiều nguồn lực xã hội.",
    "",
];
/// Proposals, each addressed to a named body.
const PROPOSALS: [&str; 6] = [
    "Đề nghị Ủy ban nhân dân tỉnh quan tâm bố trí kinh phí năm {y} để thực hiện các nhiệm vụ chuyển tiếp.",
    "Đề nghị Sở Tài chính tham mưu bố trí nguồn kinh phí thực hiện các nhiệm vụ khoa học, công nghệ và chuyển đổi số.",
    "Đề nghị Sở Khoa học và Công nghệ tổ chức tập huấn chuyên sâu về chuyển đổi số cho cán bộ phụ trách.",
    "Kiến nghị Bộ Khoa học và Công nghệ sớm ban hành hướng dẫn về khung kiến trúc số cấp tỉnh.",
    "Đề nghị Sở Nội vụ tham mưu bổ sung biên chế cán bộ chuyên trách chuyển đổi số.",
    "Đề nghị Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành đẩy nhanh kết nối, chia sẻ dữ liệu với Trung tâm dữ liệu tỉnh.",
];
/// What agencies will do next period, and how.
const NEXT: [&str; 5] = [
    "Tập trung hoàn thành các nhiệm vụ còn chậm tiến độ; rà soát, cập nhật kế hoạch của đơn vị cho phù hợp sau sắp xếp tổ chức bộ máy.",
    "Đẩy mạnh tuyên truyền, hướng dẫn người dân sử dụng dịch vụ công trực tuyến toàn trình.",
    "Phối hợp với Sở Khoa học và Công nghệ kết nối, chia sẻ dữ liệu chuyên ngành với Trung tâm dữ liệu tỉnh.",
    "Bố trí cán bộ theo dõi, tổng hợp; báo cáo định kỳ đúng thời hạn.",
    "Lồng ghép nhiệm vụ chuyển đổi số vào kế hoạch công tác năm; ưu tiên bố trí kinh phí cho các nhiệm vụ trọng tâm.",
];
/// Results an agency singles out, besides the plan it issued.
const HIGHLIGHTS: [&str; 5] = [
    "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt {p}%.",
    "Tổ chức {n} lớp bồi dưỡng kỹ năng số cho hơn {m} lượt cán bộ, công chức.",
    "Đưa vào sử dụng hệ thống quản lý văn bản và điều hành liên thông đến cấp xã.",
    "Hướng dẫn {n} doanh nghiệp, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử.",
    "Số hóa {m} hồ sơ, tài liệu lưu trữ, cập nhật vào cơ sở dữ liệu chuyên ngành.",
];

/// A day from `from` to `to` drawn by `rng`.
fn day_in(from: time::Date, to: time::Date, rng: &mut Rng) -> time::Date {
    let span = (to - from).whole_days().max(1) as u64;
    from + time::Duration::days(rng.below(span) as i64)
}

/// One of `templates`, filled.
fn pick_fill(templates: &[&str], rng: &mut Rng, doc: &str, year: i32) -> String {
    let template = *rng.pick(templates);
    fill(template, rng, doc, year)
}

fn fill(template: &str, rng: &mut Rng, doc: &str, year: i32) -> String {
    template
        .replace("{doc}", doc)
        .replace("{n}", &format!("{:02}", rng.below(12) + 2))
        .replace("{m}", &((rng.below(90) + 10) * 10).to_string())
        .replace("{p}", &(rng.below(40) + 50).to_string())
        .replace("{y}", &(year + 1).to_string())
}

/// The document a completed task produced, numbered `n` and dated `on`,
/// with `issuer`'s symbol (`UBND` for the province's own documents): a
/// plan, a decision or a report, named after the task when its name says
/// what it is. A programme or a scheme (Đề án) is approved by the province
/// only; `None` for it when `issuer` is a department.
fn product(task: &crate::plan::Task, issuer: &str, n: u64, on: time::Date, style: Symbols) -> Option<String> {
    let symbol = |kind: &str| style.symbol(n, kind, issuer);
    // The task's object up to the end of its first clause, as a subject.
    let name = task.name.split([',', ';', '(']).next().unwrap_or_default().trim_end_matches(['.', ' ']);
    let date = crate::vn::date(on);
    for kind in ["Kế hoạch", "Đề án", "Quyết định", "Chương trình"] {
        if let Some(i) = name.find(kind) {
            let subject = name[i + kind.len()..].trim();
            if subject.split_whitespace().count() >= 2 {
                return match kind {
                    "Kế hoạch" => Some(format!("Kế hoạch số {} ngày {date} {subject}", symbol("KH"))),
                    "Quyết định" => {
                        Some(format!("Quyết định số {} ngày {date} {subject}", symbol("QĐ")))
                    }
                    _ if issuer != style.province() => None,
                    _ => {
                        Some(format!("Quyết định số {} ngày {date} phê duyệt {kind} {subject}", symbol("QĐ")))
                    }
                };
            }
        }
    }
    let mut chars = name.chars();
    let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
    Some(format!("Báo cáo số {} ngày {date} về kết quả {first}{}", symbol("BC"), chars.as_str()))
}

/// How documents are numbered: a State body's «45/KH-SYT», a Party body's
/// «45-KH/BTGDVTU» (Hướng dẫn 36-HD/VPTW).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Symbols {
    State,
    Party,
}

impl Symbols {
    fn of(name: &str) -> Self {
        if crate::plan::naming::is_party_body(name) { Symbols::Party } else { Symbols::State }
    }

    fn symbol(self, n: u64, kind: &str, issuer: &str) -> String {
        crate::vn::symbol(&n.to_string(), kind, issuer, self == Symbols::Party)
    }

    /// What the plan's issuer signs its own documents with: the province's
    /// «UBND», a provincial Party committee's «TU».
    fn province(self) -> &'static str {
        match self {
            Symbols::State => PROVINCE,
            Symbols::Party => "TU",
        }
    }
}

/// A document's number in its issuer's register on `on`: numbers grow
/// through the year, the province's faster than a department's (its plan
/// 60/KH-UBND was issued on 25/02), `r` some noise.
fn register(province: bool, on: time::Date, r: u64) -> u64 {
    let day = u64::from(on.ordinal());
    (if province { day + 5 } else { day / 2 }) + r % 9 + 1
}

/// The symbol of the provincial People's Committee's documents.
const PROVINCE: &str = "UBND";

/// What `a`'s clerk types for `period`: every task answered with a status
/// that agrees with its deadline, indicators near their targets, and the
/// report sections in simple Markdown.
pub fn entries(a: &Assignment, period: Period, rng: &mut Rng) -> Entries {
    let (from, to) = period.cutoff();
    // Nothing is done for the plan before it is issued.
    let since = a.plan.date;
    let from = from.max(since.next_day().unwrap_or(since)).min(to);
    let abbr = a.agency.abbr.clone().unwrap_or_else(|| "UBND".into());
    let own_style = Symbols::of(&a.agency.name);
    let plan_style = Symbols::of(&a.plan.issuer);
    let mut e = Entries::default();
    for task in a.leads.iter().chain(&a.coordinates) {
        let due = if task.deadline.is_recurring() { None } else { task.deadline.due() };
        let roll = rng.below(10);
        let status = match (task.deadline.is_recurring(), due) {
            (true, _) => {
                if roll < 8 {
                    Status::Ongoing
                } else {
                    Status::NotStarted
                }
            }
            (false, Some(d)) if d < to => {
                if roll < 6 {
                    Status::DoneOnTime
                } else if roll < 8 {
                    Status::DoneLate
                } else {
                    Status::InProgressLate
                }
            }
            _ => {
                if roll < 2 {
                    Status::DoneOnTime
                } else if roll < 8 {
                    Status::InProgressOnTime
                } else {
                    Status::NotStarted
                }
            }
        };
        let completed = status.is_done().then(|| {
            let last = match (status, due) {
                (Status::DoneOnTime, Some(d)) => d.min(to),
                _ => to,
            };
            let first = match (status, due) {
                (Status::DoneLate, Some(d)) => d.next_day().unwrap_or(d).min(to),
                _ => from,
            };
            let span = (last - first).whole_days().max(0) as u64;
            first + time::Duration::days(rng.below(span + 1) as i64)
        });
        let mut entry = TaskEntry { status: status.label().to_owned(), completed, ..TaskEntry::default() };
        let coordinating = !a.leads.iter().any(|t| t.number == task.number);
        entry.achieved = match (status, completed) {
            (Status::NotStarted, _) => String::new(),
            _ if coordinating => rng.pick(&COORDINATED).to_string(),
            (_, Some(on)) => {
                let r = rng.below(300);
                let template = *rng.pick(&DONE);
                // What the province issues on a department's advice carries
                // the province's symbol; what the department issues, its own.
                let advised = template.contains("tham mưu");
                let own = if advised {
                    product(task, plan_style.province(), register(true, on, r), on, plan_style)
                } else {
                    product(task, &abbr, register(false, on, r), on, own_style)
                };
                let (template, doc) = match own {
                    Some(doc) => (template, doc),
                    None => (
                        DONE[1],
                        product(task, plan_style.province(), register(true, on, r), on, plan_style)
                            .unwrap_or_default(),
                    ),
                };
                fill(template, rng, &doc, to.year())
            }
            _ => pick_fill(&UNDER_WAY, rng, "", to.year()),
        };
        if rng.below(4) == 0 && !coordinating {
            entry.difficulties = rng.pick(&DIFFICULTIES).to_string();
            entry.proposals = pick_fill(&PROPOSALS, rng, "", to.year());
        }
        e.tasks.insert(task.number.clone(), entry);
    }
    for ind in &a.indicators {
        let value = match ind.target.kind() {
            TargetKind::AtLeast(t)
            | TargetKind::GreaterThan(t)
            | TargetKind::Equal(t)
            | TargetKind::Range(t, _) => {
                let t = *t;
                let factor = 0.8 + rng.below(40) as f64 / 100.0;
                let v = ((t * factor) * 10.0).round() / 10.0;
                // A share cannot pass 100 %.
                let v = if ind.unit.trim_start().starts_with('%') { v.min(100.0) } else { v };
                Some(Value::Number(v))
            }
            TargetKind::AtMost(t) | TargetKind::LessThan(t) => {
                Some(Value::Number((*t * 0.9 * 10.0).round() / 10.0))
            }
            TargetKind::RankAtMost { rank, .. } => {
                Some(Value::Number((f64::from(*rank) + rng.below(10) as f64 - 5.0).max(1.0)))
            }
            TargetKind::Qualitative => {
                Some(Value::Text("Đạt mức khá theo đánh giá của cơ quan chủ quản".into()))
            }
            TargetKind::None | TargetKind::Unrecognised => None,
        };
        let entry = IndicatorEntry {
            value,
            source: format!("Số liệu thống kê của {}", a.agency.name),
            note: if rng.below(3) == 0 {
                "Số liệu ước tính đến ngày chốt.".into()
            } else {
                String::new()
            },
        };
        e.indicators.insert(ind.number.clone(), entry);
    }
    // Each agency issued its implementing plan early in 2025: the same
    // document, whatever the period, from a generator of the agency's own.
    let mut own = Rng::new(
        a.agency
            .name
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)),
    );
    let plan_day = since + time::Duration::days(5 + own.below(45) as i64);
    let plan_no = u64::from(plan_day.ordinal()) / 2 + own.below(150) % 9 + 1;
    let mut documents = format!(
        "- Kế hoạch số {} ngày {} triển khai thực hiện {} của {}.",
        own_style.symbol(plan_no, "KH", &abbr),
        crate::vn::date(plan_day),
        a.plan.reference(),
        // «của Ủy ban nhân dân tỉnh», as agencies of the province write it.
        if a.plan.issuer.starts_with("Ủy ban nhân dân tỉnh") {
            "Ủy ban nhân dân tỉnh".to_owned()
        } else {
            a.plan.cited_issuer()
        }
    );
    let highlights = format!("- {}", pick_fill(&HIGHLIGHTS, rng, "", to.year()));
    if rng.below(2) == 0 {
        let day = day_in(from, to, rng);
        let n = u64::from(day.ordinal()) * 3 + rng.below(900) % 20 + 1;
        // A State body's letter has no kind in its symbol: «567/SYT-VP»; a
        // Party body's does: «567-CV/BTGDVTU».
        let letter = match own_style {
            Symbols::State => format!("{n}/{abbr}-VP"),
            Symbols::Party => own_style.symbol(n, "CV", &abbr),
        };
        documents.push_str(&format!(
            "\n- Công văn số {letter} ngày {} đôn đốc các phòng, đơn vị trực thuộc thực hiện.",
            crate::vn::date(day)
        ));
    }
    e.sections.insert(Section::Highlights, highlights);
    e.sections.insert(Section::Documents, documents);
    e.sections.insert(Section::Difficulties, rng.pick(&DIFFICULTIES).to_string());
    // The agency's own generator: the shared one's sequence, and so every
    // other sample answer, stays as it was before the form asked for causes.
    let causes = own.pick(&CAUSES);
    if !causes.is_empty() {
        e.sections.insert(Section::Causes, (*causes).to_owned());
    }
    e.sections.insert(Section::Proposals, pick_fill(&PROPOSALS, rng, "", to.year()));
    e.sections.insert(Section::NextPeriod, rng.pick(&NEXT).to_string());
    e.sections.insert(Section::Preparer, "Nguyễn Văn An".into());
    e.sections.insert(Section::Phone, "0290 3 831 234".into());
    e.sent_on = Some(period.default_deadline());
    e
}

/// How a sample submission departs from a perfect one, so that a demo
/// shows what the secretariat meets in practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quirk {
    /// Sent after the deadline.
    Late,
    /// A status nobody can read and a word where a number belongs.
    Mistakes,
    /// Text typed with a TCVN3 or VNI keyboard.
    LegacyText,
}

/// The sample answers of the `i`-th agency of a run seeded with `seed`:
/// `None` for every ninth agency, which does not send; of the others some
/// send late, make mistakes or type in a legacy encoding, so that each case
/// shows up. Each agency has its own generator, so the result does not
/// depend on the order agencies are made in (they are made in parallel).
pub fn submission(share: &Assignment, period: Period, seed: u64, i: usize) -> Option<Entries> {
    let quirk = match i % 9 {
        4 => return None,
        2 => Some(Quirk::Late),
        5 => Some(Quirk::Mistakes),
        7 => Some(Quirk::LegacyText),
        _ => None,
    };
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let mut e = entries(share, period, &mut rng);
    if let Some(q) = quirk {
        apply(&mut e, q, &mut rng);
    }
    Some(e)
}

/// What the `i`-th agency sends in a later period (`round` 1, 2…), its
/// workbook prefilled with `last`, its answers of the period before: tasks
/// completed earlier are left as they were, tasks in progress move on (their
/// result text grows), indicators get new values. Which agencies do not
/// send turns from period to period; and so that the checks show on a
/// demo, every eleventh agency sends last period's answers back untouched,
/// and every thirteenth reopens a task it had completed.
pub fn follow_up(
    share: &Assignment,
    period: Period,
    seed: u64,
    i: usize,
    round: usize,
    last: &Entries,
) -> Option<Entries> {
    let quirk = match (i + 3 * round) % 9 {
        4 => return None,
        2 => Some(Quirk::Late),
        5 => Some(Quirk::Mistakes),
        7 => Some(Quirk::LegacyText),
        _ => None,
    };
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (round as u64) << 48);
    let mut e = entries(share, period, &mut rng);
    if i % 11 == 3 && !last.tasks.is_empty() {
        e.tasks = last.tasks.clone();
        e.indicators = last.indicators.clone();
        return Some(e);
    }
    let mut reopen = i % 13 == 6;
    for (number, entry) in e.tasks.iter_mut() {
        let Some(before) = last.tasks.get(number) else { continue };
        let status = Status::parse(&before.status).ok();
        if status.is_some_and(Status::is_done) {
            *entry = before.clone();
            if reopen {
                reopen = false;
                entry.status = Status::InProgressLate.label().to_owned();
                entry.completed = None;
                entry.difficulties = "Kết quả chưa được nghiệm thu, phải thực hiện lại một phần.".into();
            }
            continue;
        }
        // Work under way does not stop: still in progress at least, and
        // the clerk says what was done since.
        if entry.status == Status::NotStarted.label() && status.is_some_and(|s| s != Status::NotStarted) {
            entry.status = before.status.clone();
            entry.achieved = pick_fill(&UNDER_WAY, &mut rng, "", period.cutoff().1.year());
        }
        if !before.achieved.is_empty() && !entry.achieved.is_empty() {
            entry.achieved = format!("{}\n{}", before.achieved, entry.achieved);
        } else if entry.achieved.is_empty() {
            entry.achieved = before.achieved.clone();
        }
        agree_with_deadline(entry, share, number, period);
    }
    if let Some(q) = quirk {
        apply(&mut e, q, &mut rng);
    }
    Some(e)
}

/// A diligent clerk's status agrees with the deadline: work still under way
/// past it is late, and so is work completed after it.
fn agree_with_deadline(
    entry: &mut TaskEntry,
    share: &Assignment,
    number: &crate::plan::ids::TaskNo,
    period: Period,
) {
    let Some(task) = share.leads.iter().chain(&share.coordinates).find(|t| &t.number == number) else {
        return;
    };
    let Some(due) = (!task.deadline.is_recurring()).then(|| task.deadline.due()).flatten() else { return };
    let past = due < period.cutoff().1;
    if past && entry.status == Status::InProgressOnTime.label() {
        entry.status = Status::InProgressLate.label().to_owned();
    }
    if entry.status == Status::DoneOnTime.label() && entry.completed.is_some_and(|c| c > due) {
        entry.status = Status::DoneLate.label().to_owned();
    }
}

/// Applies a quirk to sample entries.
pub fn apply(e: &mut Entries, quirk: Quirk, rng: &mut Rng) {
    use crate::intake::legacy::{Legacy, encode};
    match quirk {
        Quirk::Late => {
            e.sent_on = e.sent_on.map(|d| d + time::Duration::days(3 + rng.below(5) as i64));
        }
        Quirk::Mistakes => {
            if let Some(t) = e.tasks.values_mut().next() {
                t.status = "Xong một nửa".into();
            }
            if let Some(i) = e.indicators.values_mut().find(|i| matches!(i.value, Some(Value::Number(_)))) {
                i.value = Some(Value::Text("chưa có số liệu".into()));
            }
        }
        Quirk::LegacyText => {
            let enc = if rng.below(2) == 0 { Legacy::Tcvn3 } else { Legacy::Vni };
            for t in e.tasks.values_mut().filter(|t| !t.achieved.is_empty()).take(2) {
                t.achieved = encode(&t.achieved, enc);
            }
            if let Some(s) = e.sections.get_mut(&Section::Difficulties) {
                *s = encode(s, enc);
            }
        }
    }
}
