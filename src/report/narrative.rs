//! The words of the report: what the narrative template is given, computed
//! from the plan and the period's data and phrased as a standing agency's
//! official writes it (counts below ten with their zero, zero said in
//! words, ratios «17/61», each document once with its agency, difficulties
//! by theme, proposals by addressee). Every count here is the count of the
//! appendices and of `tong-hop.json`: the sentences are built from the same
//! statuses, never typed.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::documents::{self, Cited};
use super::{agency_text, tables, themes};
use crate::form::{Role, Section};
use crate::merge::{Assessment, Consolidated, PeriodData, Receipt, TaskResult};
use crate::plan::Plan;
use crate::plan::ids::AgencyId;
use crate::vn;

pub use crate::vn::count;

/// `đạt 27,9%`.
fn share(n: usize, total: usize) -> String {
    let pct = if total == 0 { 0.0 } else { (n as f64 * 1000.0 / total as f64).round() / 10.0 };
    format!("{}%", vn::number(pct))
}

/// `NN words` for each non-zero count, in order: a sentence leaves out
/// what there is none of.
fn nonzero<'w>(counts: impl IntoIterator<Item = (usize, &'w str)>) -> Vec<String> {
    counts.into_iter().filter(|(k, _)| *k > 0).map(|(k, words)| format!("{} {words}", count(k))).collect()
}

/// A task as a list line: `Nhiệm vụ 6: … (Sở A; thời hạn: Tháng 02/2025)`.
fn task_line(plan: &Plan, t: &TaskResult) -> Value {
    json!({
        "number": t.number.to_string(),
        "name": t.name.trim_end_matches(['.', ',', ';', ' ']),
        "lead": tables::agencies_text(plan, &t.lead),
        "deadline": t.deadline.printed(),
    })
}

/// A text and the agency that wrote it.
pub(super) type Said<'a> = (&'a AgencyId, &'a str);

/// A document cited by agencies, with who reported it and where.
struct Found {
    doc: Cited,
    agencies: Vec<AgencyId>,
    /// The task group of the first task whose result cites it; `None` for
    /// a document cited in the agency's general sections.
    group: Option<String>,
}

/// Every document the agencies cite, each once: in the plan's order of
/// tasks (the lead agencies' results first, then the coordinators'), then
/// in the report sections.
fn found_documents(plan: &Plan, data: &PeriodData) -> Vec<Found> {
    // The plan itself and the documents it implements, cited by everyone,
    // are no result of anyone's.
    let basis = crate::text::fold(&format!("{} {}", plan.info.code, plan.info.summary));
    let results = |role: Role| {
        data.tasks.iter().flat_map(move |t| {
            t.answers
                .iter()
                .filter(move |a| a.role == role)
                .map(move |a| (&a.agency, a.achieved.as_str(), Some(t.group.as_str())))
        })
    };
    let sections = data
        .narratives
        .iter()
        .filter(|n| matches!(n.section, Section::Highlights | Section::Documents))
        .map(|n| (&n.agency, n.text.as_str(), None));
    let mut all: Vec<Found> = Vec::new();
    // Where each kind and number stands in `all`: at national scale there
    // are tens of thousands (two districts' «45/KH-UBND» of other dates
    // share a key and stay two documents).
    let mut at: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (agency, text, group) in results(Role::Lead).chain(results(Role::Coordinator)).chain(sections) {
        for doc in documents::cited(text) {
            let key = doc.key();
            if basis.contains(&crate::text::fold(&doc.number)) {
                continue;
            }
            let same = at.get(&key).and_then(|ids| ids.iter().copied().find(|&i| all[i].doc.same_as(&doc)));
            match same {
                Some(i) => {
                    let f = &mut all[i];
                    if !f.agencies.contains(agency) {
                        f.agencies.push(agency.clone());
                    }
                    f.doc.complete_from(doc);
                }
                None => {
                    at.entry(key).or_default().push(all.len());
                    all.push(Found { doc, agencies: vec![agency.clone()], group: group.map(str::to_owned) });
                }
            }
        }
    }
    all
}

fn cited_line(plan: &Plan, f: &Found) -> String {
    let names: Vec<&str> = f.agencies.iter().map(|a| plan.agency_name(a)).collect();
    format!("{} ({})", f.doc.citation(), tables::named(&names))
}

/// Texts of one section, each distinct text once with the agencies that
/// wrote it, as Markdown list items.
pub(super) fn attributed_texts<'a, T: AsRef<str> + PartialEq>(
    plan: &Plan,
    items: impl Iterator<Item = (&'a AgencyId, T)>,
) -> Vec<String> {
    let mut texts: Vec<(T, Vec<&str>)> = Vec::new();
    for (agency, text) in items.filter(|(_, t)| !agency_text::is_blank(t.as_ref())) {
        let name = plan.agency_name(agency);
        match texts.iter_mut().find(|(t, _)| *t == text) {
            Some((_, names)) if !names.contains(&name) => names.push(name),
            Some(_) => {}
            None => texts.push((text, vec![name])),
        }
    }
    texts
        .into_iter()
        .map(|(text, names)| agency_text::attributed(&tables::named(&names), text.as_ref()))
        .collect()
}

/// A text without its lines that cite a document: the documents are
/// listed on their own, each once.
fn without_citations(text: &str) -> String {
    text.lines().filter(|l| documents::cited(l).is_empty()).collect::<Vec<_>>().join("\n")
}

/// Past this many, a list names the first and counts the rest.
const LISTED: usize = 15;

/// The first `limit` lines, and a line that counts the others.
fn capped(mut lines: Vec<String>, limit: usize) -> Value {
    let total = lines.len();
    lines.truncate(limit);
    json!({"lines": lines, "total": total, "more": total > limit})
}

/// How the text refers back to the plan: «Kế hoạch», «Chương trình» (for a
/// «Chương trình hành động»), «Đề án».
fn short_kind(kind: &str) -> &str {
    if kind.starts_with("Chương trình") { "Chương trình" } else { kind }
}

/// The closing assessment of section II: what was done, then what is left.
fn overall(plan: &Plan, data: &PeriodData) -> String {
    let to = vn::date(data.period.cutoff().1);
    let tasks = data.tasks.len();
    let done = data.tasks.iter().filter(|t| t.status.is_done()).count();
    let overdue = data.tasks.iter().filter(|t| t.status == Consolidated::Overdue).count();
    let counted = || data.indicators.iter().filter(|i| !i.is_heading());
    let met = counted().filter(|i| i.assessment == Assessment::Met).count();
    let not_met = counted().filter(|i| i.assessment == Assessment::NotMet).count();
    let mut s = format!(
        "Nhìn chung, các cơ quan, đơn vị đã quan tâm triển khai {}; đến ngày {to}, {}/{} nhiệm vụ đã hoàn thành",
        plan.info.reference(),
        count(done),
        count(tasks)
    );
    if met > 0 {
        s += &format!(", {} chỉ tiêu đạt và vượt mục tiêu", count(met));
    }
    s.push('.');
    let left =
        nonzero([(overdue, "nhiệm vụ quá hạn chưa hoàn thành"), (not_met, "chỉ tiêu chưa đạt mục tiêu")]);
    if !left.is_empty() {
        s += &format!(
            " Tuy nhiên, còn {}; các cơ quan, đơn vị cần tập trung chỉ đạo, khắc phục trong thời gian tới.",
            left.join(" và ")
        );
    }
    s
}

/// The tasks' statistics as officials state them.
fn task_sentences(data: &PeriodData) -> Value {
    let to = data.period.cutoff().1;
    let total = data.tasks.len();
    let n = |f: &dyn Fn(&TaskResult) -> bool| data.tasks.iter().filter(|t| f(t)).count();
    let is = |s: Consolidated| move |t: &TaskResult| t.status == s;
    let done = n(&|t| t.status.is_done());
    let late = n(&is(Consolidated::DoneLate));
    let mut parts = Vec::new();
    parts.push(if done == 0 {
        "chưa có nhiệm vụ nào hoàn thành".to_owned()
    } else if late > 0 {
        format!(
            "đã hoàn thành {}/{} nhiệm vụ (đạt {}), trong đó {} nhiệm vụ hoàn thành sau thời hạn",
            count(done),
            count(total),
            share(done, total),
            count(late)
        )
    } else {
        format!("đã hoàn thành {}/{} nhiệm vụ (đạt {})", count(done), count(total), share(done, total))
    });
    parts.extend(nonzero([
        (n(&is(Consolidated::InProgress)), "nhiệm vụ đang triển khai trong thời hạn"),
        (n(&is(Consolidated::Ongoing)), "nhiệm vụ thường xuyên đang được thực hiện"),
    ]));
    let overdue = n(&is(Consolidated::Overdue));
    parts.push(if overdue == 0 {
        "không có nhiệm vụ nào quá hạn".to_owned()
    } else {
        format!("{} nhiệm vụ quá hạn chưa hoàn thành", count(overdue))
    });
    parts.extend(nonzero([
        (n(&is(Consolidated::NotStarted)), "nhiệm vụ chưa triển khai"),
        (n(&is(Consolidated::NoData)), "nhiệm vụ chưa có báo cáo của cơ quan chủ trì"),
    ]));
    // Tasks due by the cut-off: on time and late counted by deadline.
    let due: Vec<&TaskResult> = data
        .tasks
        .iter()
        .filter(|t| !t.deadline.is_recurring() && t.deadline.due().is_some_and(|d| d <= to))
        .collect();
    let due_n = |s: Consolidated| due.iter().filter(|t| t.status == s).count();
    let due_sentence = if due.is_empty() {
        format!("Chưa có nhiệm vụ nào đến hạn tính đến ngày {}.", vn::date(to))
    } else {
        let p = nonzero([
            (due_n(Consolidated::DoneOnTime), "nhiệm vụ hoàn thành đúng hạn"),
            (due_n(Consolidated::DoneLate), "nhiệm vụ hoàn thành sau thời hạn"),
            (due_n(Consolidated::Overdue), "nhiệm vụ quá hạn chưa hoàn thành"),
            (due_n(Consolidated::NoData), "nhiệm vụ chưa có báo cáo"),
        ]);
        format!(
            "Trong số {} nhiệm vụ có thời hạn đến ngày {}: {}.",
            count(due.len()),
            vn::date(to),
            p.join(", ")
        )
    };
    json!({
        "any": total > 0,
        "total": count(total),
        "sentence": parts.join("; "),
        "due": due_sentence,
    })
}

/// One group's line: its counts (zeros left out, or said in words).
fn group_sentence(ts: &[&TaskResult], done_numbers: &str) -> String {
    let n = |f: &dyn Fn(Consolidated) -> bool| ts.iter().filter(|t| f(t.status)).count();
    let done = n(&|s| s.is_done());
    let going = n(&|s| matches!(s, Consolidated::InProgress | Consolidated::Ongoing));
    let overdue = n(&|s| s == Consolidated::Overdue);
    let waiting = n(&|s| matches!(s, Consolidated::NotStarted | Consolidated::NoData));
    let mut p = vec![format!("{} nhiệm vụ", count(ts.len()))];
    p.push(if done == 0 {
        "chưa có nhiệm vụ hoàn thành".into()
    } else {
        format!("đã hoàn thành {} (nhiệm vụ {done_numbers})", count(done))
    });
    if going > 0 {
        p.push(format!("đang triển khai {}", count(going)));
    }
    if overdue > 0 {
        p.push(format!("quá hạn {}", count(overdue)));
    }
    if waiting > 0 {
        p.push(format!("chưa triển khai hoặc chưa có báo cáo {}", count(waiting)));
    }
    p.join(", ")
}

/// The indicators' sentence and the notable ones by name.
fn indicator_sentences(plan: &Plan, data: &PeriodData) -> Value {
    // The horizon of each group of indicators («đến năm 2030»), when the
    // plan has several: the same indicator may stand in each with its target.
    let horizons: BTreeMap<&str, i32> = if plan.indicator_groups.len() > 1 {
        plan.indicator_groups.iter().filter_map(|g| Some((g.number.as_str(), g.year?))).collect()
    } else {
        BTreeMap::new()
    };
    let horizon = |i: &crate::merge::IndicatorResult| {
        horizons.get(i.group.as_str()).map(|y| format!(" đến năm {y}")).unwrap_or_default()
    };
    // A heading row with no target of its own (indicator 8, whose
    // sub-indicators 8.1–8.12 carry the numbers) is no indicator without data.
    let counted: Vec<&crate::merge::IndicatorResult> =
        data.indicators.iter().filter(|i| !i.is_heading()).collect();
    let by = |a: Assessment| counted.iter().filter(|i| i.assessment == a).count();
    let parts = nonzero([
        (by(Assessment::Met), "chỉ tiêu đạt và vượt mục tiêu"),
        (by(Assessment::NotMet), "chỉ tiêu chưa đạt mục tiêu"),
        (by(Assessment::NoData), "chỉ tiêu chưa có số liệu"),
        (by(Assessment::NotAssessable), "chỉ tiêu đánh giá định tính"),
    ]);
    let value = |i: &crate::merge::IndicatorResult| {
        let unit = i.unit.trim();
        match &i.value {
            Some(crate::form::Value::Number(v))
                if matches!(i.target.kind(), crate::plan::target::TargetKind::RankAtMost { .. }) =>
            {
                format!("xếp thứ {}", vn::number(*v))
            }
            Some(crate::form::Value::Number(v)) if unit.starts_with('%') => {
                format!("đạt {}% {}", vn::number(*v), unit[1..].trim()).trim_end().to_owned()
            }
            Some(crate::form::Value::Number(v)) => {
                format!("đạt {} {unit}", vn::number(*v)).trim_end().to_owned()
            }
            Some(crate::form::Value::Text(t)) => agency_text::plain(t),
            None => String::new(),
        }
    };
    // A share's target without its sign («≥ 95» of a % indicator) takes it.
    let target = |i: &crate::merge::IndicatorResult| {
        let t = i.target.printed().trim();
        let digit_last = t.chars().next_back().is_some_and(|c| c.is_ascii_digit());
        if i.unit.trim().starts_with('%') && digit_last { format!("{t}%") } else { t.to_owned() }
    };
    let short = |name: &str| name.trim_end_matches(['.', ';', ',']).to_owned();
    let list = |a: Assessment| -> Vec<String> {
        counted
            .iter()
            .filter(|i| i.assessment == a)
            .map(|i| {
                format!(
                    "{} (chỉ tiêu {}): {}, mục tiêu{} {}",
                    short(&i.name),
                    i.number,
                    value(i),
                    horizon(i),
                    target(i)
                )
            })
            .collect()
    };
    json!({
        "any": !counted.is_empty(),
        "total": count(counted.len()),
        "sentence": parts.join(", "),
        "met": list(Assessment::Met),
        "not_met": list(Assessment::NotMet),
        "no_data": counted.iter().filter(|i| i.assessment == Assessment::NoData).map(|i| format!("{} (chỉ tiêu {})", short(&i.name), i.number)).collect::<Vec<_>>(),
    })
}

/// The receipts' sentence: how many of how many reported, on time or not,
/// who has not.
fn receipt_sentence(data: &PeriodData, standing: &str, appendix: &str) -> String {
    let total = data.agencies.len();
    let sent = data.agencies.iter().filter(|a| a.receipt != Receipt::Missing).count();
    let late = data.agencies.iter().filter(|a| a.receipt == Receipt::Late).count();
    if sent == 0 {
        return format!(
            "Đến nay, {standing} chưa nhận được báo cáo của cơ quan, đơn vị nào; các nội dung dưới đây phản ánh kế hoạch, chưa có kết quả thực hiện."
        );
    }
    let timing = match late {
        0 => "tất cả đều gửi đúng hạn".to_owned(),
        _ => format!("{} cơ quan gửi đúng hạn, {} cơ quan gửi chậm", count(sent - late), count(late)),
    };
    let missing: Vec<&str> =
        data.agencies.iter().filter(|a| a.receipt == Receipt::Missing).map(|a| a.name.as_str()).collect();
    let rest = if missing.is_empty() {
        String::new()
    } else {
        format!(
            "; còn {} cơ quan, đơn vị chưa gửi báo cáo: {}",
            count(missing.len()),
            tables::named(&missing)
        )
    };
    format!(
        "{standing} đã nhận được báo cáo của {}/{} cơ quan, đơn vị ({timing}){rest}. Chi tiết tại {appendix}.",
        count(sent),
        count(total)
    )
}

/// The context the narrative template (`bao-cao.md.tera`) is given.
pub fn context<'a>(
    plan: &'a Plan,
    data: &'a PeriodData,
    standing: &str,
    recipient: &str,
    label: &dyn Fn(&str) -> String,
) -> Value {
    let (from, to) = data.period.cutoff();
    let info = &plan.info;
    let docs = found_documents(plan, data);
    // Implementing documents by agency, in the registry's order: each agency once.
    let is_direction = |f: &&Found| f.group.is_none();
    let direction_docs: Vec<String> = plan
        .registry
        .agencies()
        .iter()
        .filter_map(|a| {
            let own: Vec<String> = docs
                .iter()
                .filter(is_direction)
                .filter(|f| f.agencies.first() == Some(&a.id))
                .map(|f| f.doc.citation())
                .collect();
            (!own.is_empty()).then(|| format!("{}: {}", a.name, own.join("; ")))
        })
        .collect();
    let direction_count = direction_docs.len();
    let direction_sentence = if direction_docs.is_empty() {
        String::new()
    } else {
        format!(
            "Có {}/{} cơ quan, đơn vị đã ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn triển khai {}, {}:",
            count(direction_count),
            count(data.agencies.len()),
            short_kind(&info.kind),
            if direction_count > LISTED { "trong đó có" } else { "cụ thể" }
        )
    };
    let direction_docs = capped(direction_docs, LISTED);
    let own = &info.standing_agency;
    // Results of note, the standing agency's first; the documents they
    // cite are listed in section I and under their groups already.
    let highlights = attributed_texts(
        plan,
        data.narratives
            .iter()
            .filter(|n| n.section == Section::Highlights && n.agency == *own)
            .chain(data.narratives.iter().filter(|n| n.section == Section::Highlights && n.agency != *own))
            .map(|n| (&n.agency, without_citations(&n.text))),
    );
    let groups: Vec<Value> = plan
        .task_groups
        .iter()
        .map(|g| {
            let ts: Vec<&TaskResult> = data.tasks.iter().filter(|t| t.group == g.number).collect();
            let done: Vec<String> =
                ts.iter().filter(|t| t.status.is_done()).map(|t| t.number.to_string()).collect();
            let products: Vec<String> = docs
                .iter()
                .filter(|f| f.group.as_deref() == Some(g.number.as_str()))
                .map(|f| cited_line(plan, f))
                .collect();
            let products = capped(products, LISTED);
            json!({
                "number": g.number,
                "title": g.title,
                "sentence": group_sentence(&ts, &done.join(", ")),
                "documents": products,
            })
        })
        .collect();
    let overdue: Vec<Value> =
        data.tasks.iter().filter(|t| t.status == Consolidated::Overdue).map(|t| task_line(plan, t)).collect();
    // Difficulties by theme, each agency named once in a theme; the
    // difficulties of tasks count as the agency's too.
    let mut by_theme: BTreeMap<usize, Vec<(&AgencyId, &str)>> = BTreeMap::new();
    let mut causes: Vec<(String, Vec<&str>)> = Vec::new();
    let mut add_cause = |cause: String, agency: &'a AgencyId| {
        let name = plan.agency_name(agency);
        match causes.iter_mut().find(|(c, _)| crate::text::fold(c) == crate::text::fold(&cause)) {
            Some((_, names)) if !names.contains(&name) => names.push(name),
            Some(_) => {}
            None => causes.push((cause, vec![name])),
        }
    };
    // The causes agencies state (version 2 of the form), a line each; then
    // those their difficulties give («do …», «vì …»).
    for n in data.narratives.iter().filter(|n| n.section == Section::Causes) {
        for line in n.text.lines().map(|l| l.trim().trim_start_matches(['-', '+', '•']).trim()) {
            if !agency_text::is_blank(line) {
                add_cause(line.to_owned(), &n.agency);
            }
        }
    }
    let task_difficulties =
        data.tasks.iter().flat_map(|t| t.answers.iter().map(|a| (&a.agency, a.difficulties.as_str())));
    let section_difficulties = data
        .narratives
        .iter()
        .filter(|n| n.section == Section::Difficulties)
        .map(|n| (&n.agency, n.text.as_str()));
    for (agency, text) in
        section_difficulties.chain(task_difficulties).filter(|(_, t)| !agency_text::is_blank(t))
    {
        let theme = themes::theme_of(text).and_then(|t| themes::THEMES.iter().position(|x| x.title == t));
        by_theme.entry(theme.unwrap_or(themes::THEMES.len())).or_default().push((agency, text));
        for cause in themes::causes(text) {
            add_cause(cause, agency);
        }
    }
    let difficulties: Vec<Value> = by_theme
        .into_iter()
        .map(|(i, items)| {
            let title = themes::THEMES.get(i).map_or("Khó khăn khác", |t| t.title);
            json!({"title": title, "items": attributed_texts(plan, items.into_iter())})
        })
        .collect();
    // Outside the agencies first, then their own, as reports set them out.
    let (mut objective, mut subjective) = (Vec::new(), Vec::new());
    for (c, names) in causes {
        let (cause, origin) = themes::origin(&c);
        let line =
            format!("{} ({}).", crate::text::upper_first(cause.trim_end_matches('.')), tables::named(&names));
        match origin {
            themes::Origin::Objective => objective.push(line),
            themes::Origin::Subjective => subjective.push(line),
        }
    }
    let no_causes = objective.is_empty() && subjective.is_empty();
    let causes = json!({"objective": objective, "subjective": subjective});
    // The next period: overdue tasks carried forward, then tasks falling due, by year.
    let next = data.period.next();
    let next_to = next.cutoff().1;
    let mut due_by_year: BTreeMap<i32, Vec<Value>> = BTreeMap::new();
    for t in data.tasks.iter().filter(|t| !t.status.is_done() && !t.deadline.is_recurring()) {
        if let Some(d) = t.deadline.due().filter(|d| *d > to && *d <= next_to) {
            due_by_year.entry(d.year()).or_default().push(task_line(plan, t));
        }
    }
    let due_next: Vec<Value> = due_by_year
        .into_iter()
        .map(|(year, tasks)| {
            // Due between the cut-off and the year's end: to finish at once, not next year's work.
            let label = if year == to.year() {
                format!("Tập trung hoàn thành ngay các nhiệm vụ đến hạn từ sau ngày chốt số liệu đến hết năm {year}")
            } else {
                format!("Các nhiệm vụ có thời hạn trong năm {year}")
            };
            json!({"label": label, "count": count(tasks.len()), "tasks": tasks})
        })
        .collect();
    let solutions = attributed_texts(
        plan,
        data.narratives
            .iter()
            .filter(|n| n.section == Section::NextPeriod)
            .map(|n| (&n.agency, n.text.as_str())),
    );
    let (proposals, to_us) = super::proposals::by_addressee(plan, data, standing, recipient);
    let cumulative = data.previous.as_ref().filter(|p| p.cumulative).map(|p| p.period.name());
    json!({
        "plan": {"kind": info.kind, "reference": info.reference(), "short": short_kind(&info.kind), "code": info.code, "date": vn::date(info.date), "issuer": info.cited_issuer(), "summary": info.summary},
        "standing": standing,
        "recipient": recipient,
        "period": {"name": data.period.name(), "from": vn::date(from), "to": vn::date(to), "deadline": vn::date(data.deadline), "cumulative": cumulative},
        "next": {"name": next.name()},
        "receipts": receipt_sentence(data, standing, &label("receipts")),
        "direction": {"sentence": direction_sentence, "documents": direction_docs},
        "tasks": task_sentences(data),
        "overall": overall(plan, data),
        "groups": groups,
        "highlights": highlights,
        "indicators": indicator_sentences(plan, data),
        "overdue_count": count(overdue.len()),
        "overdue": overdue,
        "difficulties": difficulties,
        "causes": causes,
        "due_next": due_next,
        "solutions": solutions,
        "proposals": proposals,
        "to_us": to_us,
        "overdue_at": if no_causes { "Mục III" } else { "khoản 1 Mục III" },
        "labels": {"indicators": label("indicators"), "tasks": label("tasks"), "receipts": label("receipts"), "charts": label("charts")},
        "compare": super::compare::context(data, standing),
    })
}
