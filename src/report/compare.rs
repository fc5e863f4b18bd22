//! What changed since the previous period, in sentences for the narrative:
//! tasks completed since, statuses that went backwards, indicators that
//! moved, agencies that reported this time and not last time (or the
//! reverse). Computed from the comparison `ingest` recorded in the data.

use serde_json::{Value, json};

use super::narrative::count;
use super::tables::named;
use crate::form::Value as Reported;
use crate::merge::{Assessment, PeriodData, Receipt};

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
    let done_since: Vec<String> = data
        .tasks
        .iter()
        .filter(|t| t.status.is_done() && t.previous.is_some_and(|p| !p.is_done()))
        .map(|t| t.number.to_string())
        .collect();
    let backwards: Vec<String> =
        data.tasks.iter().filter(|t| t.backwards).map(|t| t.number.to_string()).collect();
    let mut sentences = Vec::new();
    sentences.push(if done_since.is_empty() {
        "Không có nhiệm vụ nào hoàn thành thêm so với kỳ trước.".to_owned()
    } else {
        format!(
            "Có thêm {} nhiệm vụ hoàn thành so với kỳ trước (nhiệm vụ {}).",
            count(done_since.len()),
            numbers(&done_since)
        )
    });
    if !backwards.is_empty() {
        sentences.push(format!(
            "Có {} nhiệm vụ kỳ trước đã báo cáo hoàn thành nay được báo cáo chưa hoàn thành (nhiệm vụ {}); {} đã đề nghị các cơ quan chủ trì làm rõ.",
            count(backwards.len()),
            numbers(&backwards),
            standing
        ));
    }
    let (mut up, mut down, mut first, mut met) = (0, 0, 0, 0);
    for i in &data.indicators {
        match (&i.previous, &i.value) {
            (Some(Reported::Number(a)), Some(Reported::Number(b))) if b > a => up += 1,
            (Some(Reported::Number(a)), Some(Reported::Number(b))) if b < a => down += 1,
            (None, Some(_)) => first += 1,
            _ => {}
        }
        if i.assessment == Assessment::Met && i.previous_assessment.is_some_and(|a| a != Assessment::Met) {
            met += 1;
        }
    }
    let mut moved = Vec::new();
    for (n, words) in [(up, "tăng"), (down, "giảm"), (first, "lần đầu có số liệu"), (met, "mới đạt mục tiêu")]
    {
        if n > 0 {
            moved.push(format!("{} chỉ tiêu {words}", count(n)));
        }
    }
    sentences.push(if moved.is_empty() {
        "Số liệu các chỉ tiêu không thay đổi so với kỳ trước.".to_owned()
    } else {
        format!("Về chỉ tiêu, so với kỳ trước có {}.", moved.join(", "))
    });
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
            "Các cơ quan, đơn vị gửi báo cáo kỳ này nhưng chưa gửi kỳ trước: {}.",
            named(&newly)
        ));
    }
    if !stopped.is_empty() {
        sentences.push(format!(
            "Các cơ quan, đơn vị đã gửi báo cáo kỳ trước nhưng chưa gửi kỳ này: {}.",
            named(&stopped)
        ));
    }
    json!({
        "period": previous.period.name(),
        "cumulative": previous.cumulative,
        "sentences": sentences,
    })
}
