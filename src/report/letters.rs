//! Reminder letters (công văn đôn đốc) to agencies that have not sent their
//! report, or sent it with items left blank.

use serde::Serialize;
use serde_json::json;
use time::Date;

use super::config::ReportConfig;
use super::markdown;
use super::model::{issuer_abbr, place_date};
use crate::error::Error;
use crate::merge::{PeriodData, Receipt};
use crate::plan::Plan;
use crate::plan::assign::assignment;
use crate::plan::ids::AgencyId;
use crate::render::document::{Block, Document, Front};
use crate::vn;

/// The Tera template of the letters' text built into the program.
pub const TEMPLATE: &str = include_str!("../../templates/don-doc.md.tera");
pub const TEMPLATE_FILE: &str = "don-doc.md.tera";

/// One letter: whom it goes to, its fields and text.
#[derive(Debug, Clone)]
pub struct Letter {
    pub agency: AgencyId,
    /// First-page and signature fields.
    pub doc: Front,
    /// The text.
    pub body: Vec<Block>,
}

/// The letters for `data`: one per agency that is missing or incomplete.
pub fn letters(
    plan: &Plan,
    data: &PeriodData,
    config: &ReportConfig,
    new_deadline: Date,
    template: &super::sandbox::Template,
) -> Result<Vec<Letter>, Error> {
    let info = &plan.info;
    let standing = plan.agency_name(&info.standing_agency).to_owned();
    let (from, to) = data.period.cutoff();
    let year = config.date.map_or(to.year(), |d| d.year());
    let date = config.date.unwrap_or(to);
    let place = config.place.clone().unwrap_or_else(|| info.place.clone());
    // A Công văn has no type abbreviation: <no>/<issuer>-<drafting unit>.
    let unit =
        config.archive.split(',').map(str::trim).next_back().unwrap_or("VP").trim_end_matches('.').to_owned();
    let party = config.style == super::config::Style::Party;
    let number = if party {
        // A Party body's letter: «Số      -CV/BTGDVTU».
        format!("Số {}", crate::vn::symbol("     ", "CV", &issuer_abbr(plan), true))
    } else {
        format!("Số:      /{}-{unit}", issuer_abbr(plan))
    };
    let subject =
        format!("V/v đôn đốc gửi báo cáo kết quả thực hiện {} {}", info.reference(), data.period.name());
    let mut out = Vec::new();
    for a in &data.agencies {
        let missing = a.receipt == Receipt::Missing;
        let complete = a.tasks_answered >= a.tasks_expected && a.indicators_answered >= a.indicators_expected;
        if !missing && complete {
            continue;
        }
        let Some(agency) = plan.registry.agency(&a.id) else { continue };
        let share = assignment(plan, agency);
        let answered_task = |n: &crate::plan::ids::TaskNo| {
            data.tasks.iter().any(|t| {
                &t.number == n && t.answers.iter().any(|x| x.agency == a.id && !x.status_text.is_empty())
            })
        };
        let answered_indicator = |n: &crate::plan::ids::IndicatorNo| {
            data.indicators
                .iter()
                .any(|i| &i.number == n && i.reports.iter().any(|r| r.agency == a.id && r.value.is_some()))
        };
        let tasks: Vec<serde_json::Value> = share
            .leads
            .iter()
            .map(|t| (t, "chủ trì"))
            .chain(share.coordinates.iter().map(|t| (t, "phối hợp")))
            .filter(|(t, _)| !answered_task(&t.number))
            .map(|(t, role)| json!({"number": t.number.to_string(), "name": t.name.trim_end_matches('.'), "role": role}))
            .collect();
        let indicators: Vec<serde_json::Value> = share
            .indicators
            .iter()
            .filter(|i| !answered_indicator(&i.number))
            .map(|i| json!({"number": i.number.to_string(), "name": i.name.trim_end_matches('.')}))
            .collect();
        let context = json!({
            "plan": {"kind": info.kind, "reference": info.reference(), "code": info.code, "date": vn::date(info.date), "issuer": info.cited_issuer(), "summary": info.summary},
            "standing": standing,
            "recipient": config.recipient.clone().unwrap_or_else(|| info.issuer.clone()),
            "agency": a.name,
            "period": {"name": data.period.name(), "from": vn::date(from), "to": vn::date(to), "deadline": vn::date(data.deadline)},
            "missing": missing,
            "sent_on": a.sent_on.map(vn::date).unwrap_or_default(),
            "tasks_expected": a.tasks_expected,
            "indicators_expected": a.indicators_expected,
            "tasks": tasks,
            "indicators": indicators,
            "new_deadline": vn::date(new_deadline),
        });
        let text = template.render(context)?;
        let recipients =
            vec!["Như trên;".to_owned(), format!("Lưu: {}.", config.archive.trim_end_matches('.'))];
        let doc = Front {
            title: String::new(),
            author: standing.clone(),
            keywords: Vec::new(),
            date,
            parent: config.parent.clone(),
            issuer: config.issuer.clone(),
            number: number.clone(),
            symbol: String::new(),
            subject: subject.clone(),
            place_date: place_date(&place, config.date, year),
            kind: String::new(),
            summary: String::new(),
            recipient: a.name.clone(),
            authority: config.authority.clone(),
            signer_title: config.signer_title.clone(),
            signer: config.signer.clone(),
            recipients,
            draft: config.is_draft(),
            party,
        };
        out.push(Letter { agency: a.id.clone(), doc, body: markdown::to_tree(&text) });
    }
    Ok(out)
}

/// One letter as the writers lay it out: the report's shape, without
/// appendices.
pub fn document(letter: &Letter, title: &str, keywords: &[String]) -> Document {
    let doc = Front { title: title.to_owned(), keywords: keywords.to_vec(), ..letter.doc.clone() };
    Document { doc, body: letter.body.clone(), appendices: Vec::new() }
}

/// The JSON handed to Typst for `letters` printed together
/// (`cong-van.typ`): each letter's fields with its text as `body`.
pub fn typst_data(letters: &[&Letter], title: &str, keywords: &[String]) -> serde_json::Value {
    #[derive(Serialize)]
    struct Printed<'a> {
        #[serde(flatten)]
        doc: &'a Front,
        body: &'a [Block],
    }
    let letters: Vec<Printed> = letters.iter().map(|l| Printed { doc: &l.doc, body: &l.body }).collect();
    json!({ "title": title, "keywords": keywords, "letters": letters })
}
