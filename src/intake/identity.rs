//! Whose workbook it is, from every signal it carries.
//!
//! A returned file says whose it is in several places: the stamp written in
//! the hidden `_baocao` sheet, the file's name, the folder it was saved in
//! (one per agency, as mail clients do), the "Cơ quan báo cáo" line of the
//! guide. They agree on a file sent as intended. When they do not (one
//! agency filled the template another received), filing the workbook under
//! either agency risks printing one agency's text under another's name and
//! displacing that agency's genuine file, so it is not merged: the error
//! names each signal and what it says, and the advice for each reading.

use crate::diag::{Diagnostic, Location};
use crate::form::SHEET_STAMP;
use crate::plan::Plan;
use crate::plan::assign::assignments;
use crate::plan::ids::{AgencyId, TaskNo};
use crate::text::fold;

/// Where a claim of ownership comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stamp,
    FileName(String),
    Folder(String),
    /// A "Cơ quan báo cáo" line: the cell and its text.
    Cell(Location, String),
}

/// One signal: where it is and the agency it names (`None`: names none we know).
#[derive(Debug, Clone)]
pub struct Claim {
    pub source: Source,
    pub agency: Option<AgencyId>,
}

impl Claim {
    fn describe(&self, plan: &Plan) -> String {
        let whom = match &self.agency {
            Some(id) => format!("{} ({id})", plan.agency_name(id)),
            None => "một cơ quan không có trong danh mục".to_owned(),
        };
        match &self.source {
            Source::Stamp => format!("dấu của biểu mẫu (trang ẩn «{SHEET_STAMP}») ghi {whom}"),
            Source::FileName(name) => format!("tên tệp «{name}» chỉ {whom}"),
            Source::Folder(name) => format!("thư mục «{name}» chỉ {whom}"),
            Source::Cell(at, text) => {
                let cell =
                    [at.sheet.as_deref(), at.cell.as_deref()].into_iter().flatten().collect::<Vec<_>>();
                format!("ô {} ghi «{text}» — {whom}", cell.join(" › "))
            }
        }
    }
}

/// The agency a file or folder name stands for: its id or name, as given or
/// with the marks that copies and versions add (`stc (1)`, `stc - Copy`,
/// `stc_v2`, `Bản sao của stc`).
pub fn agency_of_name(plan: &Plan, name: &str) -> Option<AgencyId> {
    let mut tries = vec![name.trim().to_owned()];
    let mut s = name.trim().to_owned();
    loop {
        let before = s.clone();
        for prefix in ["copy of ", "bản sao của ", "ban sao cua "] {
            if s.to_lowercase().starts_with(prefix) {
                s = s.chars().skip(prefix.chars().count()).collect();
            }
        }
        if let Some(open) = s.rfind('(')
            && s.ends_with(')')
        {
            s.truncate(open);
        }
        s = s.trim_end_matches([' ', '_', '-', '.']).to_owned();
        let lower = s.to_lowercase();
        if let Some(suffix) = [" - copy", " - bản sao", "-copy", "_copy", " copy", " bản sao", " ban sao"]
            .iter()
            .find(|x| lower.ends_with(*x))
        {
            let keep = s.chars().count() - suffix.chars().count();
            s = s.chars().take(keep).collect();
        }
        // A trailing version or number: `stc_v2`, `stc-2`.
        if let Some(cut) = s.rfind([' ', '_', '-']) {
            let tail = s[cut + 1..].to_lowercase();
            let tail = tail.strip_prefix('v').unwrap_or(&tail);
            if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_digit()) {
                s.truncate(cut);
            }
        }
        s = s.trim().to_owned();
        if s == before || s.is_empty() {
            break;
        }
        tries.push(s.clone());
    }
    tries
        .iter()
        .find_map(|t| plan.registry.lookup(t).filter(|id| plan.registry.agency(id).is_some()).cloned())
}

/// The agency named after a "Cơ quan báo cáo" label in a cell (`Cơ quan báo
/// cáo: Sở Tài chính`) or in the cell right of it; `None` when the text is
/// no such label.
pub fn reporting_line(cell: &str, right: Option<&str>) -> Option<String> {
    let folded = fold(cell);
    if !folded.starts_with("co quan bao cao") {
        return None;
    }
    let after = cell.split_once(':').map(|(_, t)| t.trim()).unwrap_or("");
    let name = if after.is_empty() { right.unwrap_or("").trim() } else { after };
    (!name.is_empty()).then(|| name.to_owned())
}

/// The agency the claims agree on, or the refusal to say.
pub fn decide(plan: &Plan, file: &str, claims: &[Claim], content: &[TaskNo]) -> Result<AgencyId, Diagnostic> {
    let mut named: Vec<&AgencyId> = claims.iter().filter_map(|c| c.agency.as_ref()).collect();
    named.sort();
    named.dedup();
    let at = Location::file(file);
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Diagnostic::error(at, nobody(plan, claims, content))),
        many => {
            let signals = claims.iter().map(|c| c.describe(plan)).collect::<Vec<_>>().join("; ");
            let matching = matches_content(plan, content);
            let content_says = if matching.is_empty() || matching.len() > 3 || content.is_empty() {
                String::new()
            } else {
                format!("; các dòng đã điền khớp với phần việc của {}", names(plan, &matching))
            };
            let stamped = claims.iter().find(|c| c.source == Source::Stamp).and_then(|c| c.agency.clone());
            let advice = many
                .iter()
                .map(|id| {
                    let name = plan.agency_name(id);
                    match &stamped {
                        Some(s) if s == *id => format!(
                            "nếu là báo cáo của {name}, hãy đặt tên tệp là {id}.xlsx (và để ngoài thư mục của cơ quan khác)"
                        ),
                        Some(s) => format!(
                            "nếu là báo cáo của {name}, cơ quan này đã điền vào biểu mẫu phát cho {}: hãy gửi lại cho {name} biểu mẫu {id}.xlsx của chính mình để điền",
                            plan.agency_name(s)
                        ),
                        None => format!("nếu là báo cáo của {name}, hãy đặt tên tệp và thư mục theo cơ quan này ({id})"),
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            Err(Diagnostic::error(
                at,
                format!(
                    "không rõ tệp của cơ quan nào — {signals}{content_says}. Tệp không được tổng hợp, để không ghi số liệu của cơ quan này sang cơ quan khác (tệp của các cơ quan đó vẫn được dùng). Cách sửa: {advice}, rồi chạy lại"
                ),
            ))
        }
    }
}

fn nobody(plan: &Plan, claims: &[Claim], content: &[TaskNo]) -> String {
    let unknown = claims.iter().map(|c| c.describe(plan)).collect::<Vec<_>>();
    let found = if unknown.is_empty() { String::new() } else { format!(" ({})", unknown.join("; ")) };
    let matching = matches_content(plan, content);
    let hint = match matching.as_slice() {
        [one] if !content.is_empty() => format!(
            "; các dòng đã điền khớp với phần việc của {} — nếu đúng là của cơ quan này, hãy đặt tên tệp là {one}.xlsx",
            plan.agency_name(one)
        ),
        _ => "; hãy đặt tên tệp theo mã cơ quan (ví dụ stc.xlsx) hoặc dùng biểu mẫu đã phát cho cơ quan"
            .to_owned(),
    };
    format!(
        "không có trang «{SHEET_STAMP}» của biểu mẫu, tên tệp và thư mục không phải mã hay tên cơ quan — không biết tệp của cơ quan nào{found}{hint}"
    )
}

/// The agencies to which every task in `content` is assigned (none when
/// `content` is empty). Only computed for messages: it walks every agency.
fn matches_content(plan: &Plan, content: &[TaskNo]) -> Vec<AgencyId> {
    if content.is_empty() {
        return Vec::new();
    }
    assignments(plan)
        .iter()
        .filter(|a| content.iter().all(|n| a.leads.iter().chain(&a.coordinates).any(|t| &t.number == n)))
        .map(|a| a.agency.id.clone())
        .collect()
}

fn names(plan: &Plan, ids: &[AgencyId]) -> String {
    const SHOWN: usize = 3;
    let mut out = ids.iter().take(SHOWN).map(|id| plan.agency_name(id)).collect::<Vec<_>>().join(", ");
    if ids.len() > SHOWN {
        out.push_str(&format!(" và {} cơ quan khác", ids.len() - SHOWN));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::files::PlanSource;
    use crate::plan::load;

    #[test]
    fn names_of_copies_and_versions() {
        let plan = load::load(&PlanSource::Embedded).unwrap();
        for name in
            ["stc", "stc (1)", "stc - Copy", "stc_v2", "Bản sao của stc", "Sở Tài chính", "so tai chinh (2)"]
        {
            assert_eq!(agency_of_name(&plan, name).map(|a| a.to_string()).as_deref(), Some("stc"), "{name}");
        }
        for name in ["bao-cao-cua-toi", "nop", "2025-H1", "Gui So KHCN bao cao"] {
            assert_eq!(agency_of_name(&plan, name), None, "{name}");
        }
    }

    #[test]
    fn reporting_lines() {
        assert_eq!(reporting_line("Cơ quan báo cáo: Sở Tài chính", None).as_deref(), Some("Sở Tài chính"));
        assert_eq!(reporting_line("Cơ quan báo cáo", Some("Sở Y tế")).as_deref(), Some("Sở Y tế"));
        assert_eq!(reporting_line("Kỳ báo cáo: 6 tháng", None), None);
    }
}
