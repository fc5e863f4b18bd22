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

const RESULTS: [&str; 5] = [
    "Đã ban hành Kế hoạch số {n}/KH-{a} ngày {d} triển khai nhiệm vụ.",
    "Đã tổ chức {n} hội nghị, lớp tập huấn với hơn {m} lượt người tham dự.",
    "Đã trình Ủy ban nhân dân tỉnh dự thảo Quyết định; đang hoàn thiện theo ý kiến góp ý của các sở, ngành.",
    "- Ban hành Công văn số {n}/{a}-VP hướng dẫn thực hiện;\n- Cập nhật **{m}** hồ sơ lên hệ thống.",
    "Phối hợp cung cấp thông tin, số liệu theo đề nghị của cơ quan chủ trì.",
];
const DIFFICULTIES: [&str; 3] = [
    "Kinh phí bố trí cho nhiệm vụ còn hạn chế.",
    "Nhân lực công nghệ thông tin còn thiếu, chưa có cán bộ chuyên trách.",
    "Hạ tầng kỹ thuật ở một số xã chưa đáp ứng yêu cầu.",
];
const PROPOSALS: [&str; 3] = [
    "Đề nghị Sở Tài chính tham mưu bố trí kinh phí năm sau.",
    "Đề nghị tổ chức tập huấn chuyên sâu cho cán bộ phụ trách.",
    "Đề nghị Ủy ban nhân dân tỉnh xem xét gia hạn thời gian thực hiện.",
];

fn fill(template: &str, rng: &mut Rng, abbr: &str, period: Period) -> String {
    let (from, to) = period.cutoff();
    let span = (to - from).whole_days().max(1) as u64;
    let day = from + time::Duration::days(rng.below(span) as i64);
    template
        .replace("{n}", &(rng.below(300) + 1).to_string())
        .replace("{m}", &(rng.below(900) + 100).to_string())
        .replace("{a}", abbr)
        .replace("{d}", &crate::vn::date(day))
}

/// What `a`'s clerk types for `period`: every task answered with a status
/// that agrees with its deadline, indicators near their targets, and the
/// report sections in simple Markdown.
pub fn entries(a: &Assignment, period: Period, rng: &mut Rng) -> Entries {
    let (from, to) = period.cutoff();
    let abbr = a.agency.abbr.clone().unwrap_or_else(|| "UBND".into());
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
        if status != Status::NotStarted {
            let template = *rng.pick(&RESULTS);
            entry.achieved = fill(template, rng, &abbr, period);
        }
        if rng.below(4) == 0 {
            entry.difficulties = rng.pick(&DIFFICULTIES).to_string();
            entry.proposals = rng.pick(&PROPOSALS).to_string();
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
    e.sections.insert(
        Section::Highlights,
        format!(
            "- Triển khai đầy đủ các nhiệm vụ được giao trong {}.\n- Hoàn thành **{}** nhiệm vụ đúng hạn.",
            period.name(),
            a.leads.len()
        ),
    );
    e.sections.insert(Section::Difficulties, rng.pick(&DIFFICULTIES).to_string());
    e.sections.insert(Section::Proposals, rng.pick(&PROPOSALS).to_string());
    e.sections.insert(Section::NextPeriod, "Tiếp tục triển khai các nhiệm vụ còn lại theo kế hoạch.".into());
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
            entry.achieved = format!("Tiếp tục triển khai trong {}.", period.name());
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
