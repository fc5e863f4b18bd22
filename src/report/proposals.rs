//! Section V of the narrative: what agencies propose, grouped by whom it
//! is addressed to (the central bodies, the report's recipient, its
//! agencies); what they ask of the standing agency is its own to take up.

use serde_json::{Value, json};

use super::narrative::{Said, attributed_texts};
use super::{agency_text, themes};
use crate::form::Section;
use crate::merge::PeriodData;
use crate::plan::Plan;

/// The proposals by addressee, each `{heading, items}`, and those addressed
/// to the standing agency.
pub(super) fn by_addressee(
    plan: &Plan,
    data: &PeriodData,
    standing: &str,
    recipient: &str,
) -> (Vec<Value>, Vec<String>) {
    let info = &plan.info;
    // Proposals by addressee: the report's recipient first, then the bodies in the order named.
    // The plan's issuer as agencies write it short («Ủy ban nhân dân tỉnh») is the recipient.
    let short_issuer = ["Ủy ban nhân dân tỉnh", "UBND tỉnh", "Ủy ban nhân dân thành phố", "UBND thành phố"];
    let issuer_key = crate::text::fold(&info.issuer);
    let addressees = themes::Addressees::new(
        [recipient, info.issuer.as_str()]
            .into_iter()
            .chain(short_issuer.into_iter().filter(|s| issuer_key.starts_with(&crate::text::fold(s))))
            .chain(plan.registry.agencies().iter().map(|a| a.name.as_str())),
    );
    let mut by_whom: Vec<(Option<&str>, Vec<Said>)> = Vec::new();
    let proposals_texts = data
        .narratives
        .iter()
        .filter(|n| n.section == Section::Proposals)
        .map(|n| (&n.agency, n.text.as_str()))
        .chain(data.tasks.iter().flat_map(|t| t.answers.iter().map(|a| (&a.agency, a.proposals.as_str()))));
    for (agency, text) in proposals_texts.filter(|(_, t)| !agency_text::is_blank(t)) {
        let to_whom = addressees
            .of(text)
            .map(|n| if n == info.issuer || short_issuer.contains(&n) { recipient } else { n });
        // An agency asking itself is no proposal (its text stays in the
        // appendices and the Excel file).
        if to_whom == Some(plan.agency_name(agency)) {
            continue;
        }
        match by_whom.iter_mut().find(|(w, _)| *w == to_whom) {
            Some((_, items)) => items.push((agency, text)),
            None => by_whom.push((to_whom, vec![(agency, text)])),
        }
    }
    // The central bodies first, then the recipient, then its agencies.
    by_whom.sort_by_key(|(w, _)| match w {
        Some(w) if *w == themes::CENTRAL => 0,
        Some(w) if *w == recipient => 1,
        Some(_) => 2,
        None => 3,
    });
    // What agencies ask of the standing agency is its own to take up (in
    // the next tasks), not a request to the recipient.
    let to_us: Vec<String> = by_whom
        .iter()
        .filter(|(w, _)| *w == Some(standing))
        .flat_map(|(_, items)| attributed_texts(plan, items.iter().copied()))
        .collect();
    let proposals: Vec<Value> = by_whom
        .into_iter()
        .filter(|(w, _)| *w != Some(standing))
        .map(|(whom, items)| {
            let heading = match whom {
                Some(w) if w == recipient => format!("Đối với {w}"),
                Some(w) if w == themes::CENTRAL => format!("Đối với {w} (đề nghị {recipient} kiến nghị)"),
                Some(w) => format!("Đối với {w} (đề nghị {recipient} chỉ đạo)"),
                None => "Các đề xuất, kiến nghị khác".to_owned(),
            };
            json!({"heading": heading, "items": attributed_texts(plan, items.into_iter())})
        })
        .collect();
    (proposals, to_us)
}
