//! What changed since the previous period, in sentences for the narrative:
//! tasks completed since, statuses that went backwards, indicators that
//! moved, agencies that reported this time and not last time (or the
//! reverse). Computed from the comparison `ingest` recorded in the data.

use serde_json::{Value, json};

use super::narrative::count;
use super::tables::named;
use crate::form::Value as Reported;
use crate::merge::{Assessment, PeriodData, Receipt};
use crate::plan::target::TargetKind;

/// Task numbers as a report lists them: `1, 4, 7` or, past ten, the first
/// ten and a count.
fn numbers(list: &[String]) -> String {
    const SHOWN: usize = 10;
    if list.len() <= SHOWN {
        return list.join(", ");
    }
    format!("{} và {} nhiệm vụ khác", list[..SHOWN].join(", "), list.len() - SHOWN)
}

/// The comparison for the narrative's template, `null` without a previous period.
pub fn context(data: &PeriodData, standing: &str) -> Value {
    let Some(previous) = &data.previous else { return Value::Null };
    let before = previous.period.name();
    let previous_end = previous.period.cutoff().1;
    // Completed since, and when: a task finished before the previous
    // cut-off but only now reported finished is no result of this period.
    let (mut done_since, mut done_earlier) = (Vec::new(), Vec::new());
    for t in data.tasks.iter().filter(|t| t.status.is_done() && t.previous.is_some_and(|p| !p.is_done())) {
        let completed =
            t.answers.iter().filter(|a| t.lead.contains(&a.agency)).filter_map(|a| a.completed).max();
        match completed {
            Some(on) if on <= previous_end => done_earlier.push(t.number.to_string()),
            _ => done_since.push(t.number.to_string()),
        }
    }
    let backwards: Vec<String> =
        data.tasks.iter().filter(|t| t.backwards).map(|t| t.number.to_string()).collect();
    let mut sentences = Vec::new();
    sentences.push(if done_since.is_empty() {
        format!("So với {before}, không có nhiệm vụ nào hoàn thành thêm.")
    } else {
        format!(
            "So với {before}, có thêm {} nhiệm vụ hoàn thành (nhiệm vụ {}).",
            count(done_since.len()),
            numbers(&done_since)
        )
    });
    if !done_earlier.is_empty() {
        sentences.push(format!(
            "{} nhiệm vụ đã hoàn thành từ {before} nhưng đến kỳ này mới được báo cáo (nhiệm vụ {}).",
            count(done_earlier.len()),
            numbers(&done_earlier)
        ));
    }
    if !backwards.is_empty() {
        sentences.push(format!(
            "Có {} nhiệm vụ đã hoàn thành theo báo cáo {before} nay được báo cáo chưa hoàn thành (nhiệm vụ {}); {} đã đề nghị các cơ quan chủ trì làm rõ.",
            count(backwards.len()),
            numbers(&backwards),
            standing
        ));
    }
    // Better or worse as the target reads: a rank or a ceiling is better lower.
    let (mut better, mut worse, mut first, mut met) = (0, 0, 0, 0);
    let mut lost: Vec<String> = Vec::new();
    for i in &data.indicators {
        let lower_is_better = matches!(i.target.kind(), TargetKind::AtMost(_) | TargetKind::LessThan(_));
        match (&i.previous, &i.value) {
            (Some(Reported::Number(a)), Some(Reported::Number(b))) if b != a => {
                if (b < a) == lower_is_better {
                    better += 1;
                } else {
                    worse += 1;
                }
            }
            (None, Some(_)) => first += 1,
            _ => {}
        }
        match (i.previous_assessment, i.assessment) {
            (Some(p), Assessment::Met) if p != Assessment::Met => met += 1,
            (Some(Assessment::Met), Assessment::NotMet) => lost.push(i.number.to_string()),
            _ => {}
        }
    }
    let mut moved = Vec::new();
    for (n, words) in
        [(better, "cải thiện"), (worse, "giảm sút"), (first, "lần đầu có số liệu"), (met, "mới đạt mục tiêu")]
    {
        if n > 0 {
            moved.push(format!("{} chỉ tiêu {words}", count(n)));
        }
    }
    sentences.push(if moved.is_empty() {
        format!("Số liệu các chỉ tiêu không thay đổi so với {before}.")
    } else {
        format!("Về chỉ tiêu, so với {before} có {}.", moved.join(", "))
    });
    if !lost.is_empty() {
        sentences.push(format!(
            "{} chỉ tiêu đạt mục tiêu theo báo cáo {before} nay chưa đạt (chỉ tiêu {}), cần được các cơ quan theo dõi làm rõ nguyên nhân.",
            count(lost.len()),
            lost.join(", ")
        ));
    }
    let sent = |r: Option<Receipt>| r.is_some_and(|r| r != Receipt::Missing);
    let newly: Vec<&str> = data
        .agencies
        .iter()
        .filter(|a| sent(Some(a.receipt)) && a.previous.is_some() && !sent(a.previous))
        .map(|a| a.name.as_str())
        .collect();
    let stopped: Vec<&str> = data
        .agencies
        .iter()
        .filter(|a| !sent(Some(a.receipt)) && sent(a.previous))
        .map(|a| a.name.as_str())
        .collect();
    if !newly.is_empty() {
        sentences.push(format!(
            "Các cơ quan, đơn vị gửi báo cáo kỳ này nhưng chưa gửi báo cáo {before}: {}.",
            named(&newly)
        ));
    }
    if !stopped.is_empty() {
        sentences.push(format!(
            "Các cơ quan, đơn vị đã gửi báo cáo {before} nhưng chưa gửi báo cáo kỳ này: {}.",
            named(&stopped)
        ));
    }
    json!({
        "period": before,
        "cumulative": previous.cumulative,
        "sentences": sentences,
    })
}
