//! The plan's own data from the body of its text: title, number, date,
//! issuer, signer, the standing agency and how often it reports.

use std::collections::HashMap;

use super::heading::{self, attached_plan, issuer_part};
use super::{Importer, NotAPlan, province_of};
use crate::plan::Appendix;
use crate::plan::deadline::Deadline;
use crate::plan::files::{PlanRecord, unspanned};
use crate::text::{clean, fold, lower_first, upper_first};

impl Importer<'_> {
    pub(super) fn plan_info(
        &mut self,
        body: &[&str],
        all: &[&str],
        appendices: (Appendix, Appendix),
    ) -> Result<PlanRecord, NotAPlan> {
        // A page saved while loading starts with the site's «Đang tải văn bản…».
        let loading = usize::from(body.first().is_some_and(|l| fold(l).starts_with("dang tai van ban")));
        let title = body.get(loading).filter(|l| !l.contains('|')).map(|l| clean(l)).unwrap_or_default();
        let skip = loading + usize::from(!title.is_empty());
        let rest = &body[skip.min(body.len())..];
        // The site's header: «Số hiệu | 60/KH-UBND |» rows, or «Số hiệu:» with
        // its value on the next line.
        let mut header: Vec<(String, String)> = rest.iter().map_while(|l| key_value(l)).collect();
        let mut used = header.len();
        if header.is_empty() {
            header = heading::colon_pairs(rest);
            used = 2 * header.len();
        }
        // Without the header a legal site prints, the first line is not the
        // title: a Word document starts with the issuer, a workbook with a
        // table's heading.
        let (title, skip) = if header.is_empty() { (String::new(), 0) } else { (title, skip) };
        let after_header = &body[(skip + used).min(body.len())..];
        let header: HashMap<String, String> = header.into_iter().collect();
        let body_cells: Vec<String> = body.iter().map(|l| clean(l.trim_end_matches('|'))).collect();
        // «(Ban hành kèm theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của
        // Ủy ban nhân dân tỉnh)»: all a workbook of the appendices may say
        // of the plan.
        let note = attached_to(all);

        let code = header
            .get("so hieu")
            .cloned()
            .or_else(|| body_cells.iter().find_map(|l| heading::number_of(l)))
            .or_else(|| note.as_ref().map(|n| n.code.clone()))
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                NotAPlan("không tìm thấy số, ký hiệu văn bản (dòng «Số hiệu | … |», «Số: …» hay «(Ban hành kèm theo Kế hoạch số … ngày …)» trên bảng phụ lục)".into())
            })?;
        let date_line = body_cells.iter().find(|l| l.contains(", ngày ") && l.contains(" tháng "));
        let date = header
            .get("ngay ban hanh")
            .and_then(|d| Deadline::parse(d).due().filter(|_| d.matches('/').count() == 2))
            .or_else(|| date_line.and_then(|l| Deadline::parse(l.split_once(", ").map_or("", |x| x.1)).due()))
            .or_else(|| note.as_ref().and_then(|n| Deadline::parse(&n.date).due()))
            .ok_or_else(|| NotAPlan("không tìm thấy ngày ban hành (dòng «Ngày ban hành | dd/mm/yyyy |», «…, ngày … tháng … năm …» hay «(Ban hành kèm theo … ngày dd/mm/yyyy)»)".into()))?;
        let date = toml::value::Datetime {
            date: Some(toml::value::Date {
                year: date.year() as u16,
                month: date.month() as u8,
                day: date.day(),
            }),
            time: None,
            offset: None,
        };
        // «Hà Nội, ngày 04» / «tháng 4 năm 2025»: the place from the first half.
        let place = date_line
            .or_else(|| body_cells.iter().find(|l| l.contains(", ngày ")))
            .and_then(|l| heading::place_of(l))
            .unwrap_or_default();
        let issued_by = header
            .get("co quan ban hanh")
            .or_else(|| header.get("noi ban hanh"))
            .cloned()
            .or_else(|| note.as_ref().map(|n| n.by.clone()))
            .unwrap_or_default();
        let province = province_of(&body.join("\n"));
        // The issuing body's line in the document header: "ỦY BAN NHÂN DÂN |".
        let mut header_lines =
            after_header.iter().map(|l| clean(issuer_part(l.trim_end_matches('|')))).filter(|l| {
                let f = fold(l);
                !l.is_empty()
                    && is_upper(l)
                    && !f.starts_with("phu luc")
                    && !f.starts_with("cong hoa")
                    && kind_word(l).is_none()
            });
        let body_issuer = header_lines.next().unwrap_or_default();
        let party = header_lines.next().and_then(|committee| heading::party_issuer(&body_issuer, &committee));
        let issuer = if let Some(party) = party {
            party
        } else if fold(&body_issuer) == "uy ban nhan dan" && !province.is_empty() {
            format!("Ủy ban nhân dân {}", crate::plan::naming::locality_name(&province))
        } else if !body_issuer.is_empty()
            && fold(&issued_by).starts_with(&fold(&body_issuer))
            && issued_by.len() > body_issuer.len()
        {
            // «BỘ KHOA HỌC VÀ» / «CÔNG NGHỆ»: the header's name is whole.
            issued_by.clone()
        } else if let Some(body) = crate::plan::central::find(&body_issuer) {
            // «BỘ KHOA HỌC VÀ CÔNG NGHỆ»: a central body's name as it is spelt.
            body.name.to_owned()
        } else if fold(&body_issuer).starts_with("uy ban nhan dan ")
            && !province.is_empty()
            && fold(&body_issuer).ends_with(&fold(&province))
        {
            // «ỦY BAN NHÂN DÂN TỈNH YÊN BÁI» on one line.
            format!("Ủy ban nhân dân {}", crate::plan::naming::locality_name(&province))
        } else if !body_issuer.is_empty() {
            sentence_case(&body_issuer)
        } else {
            issued_by.clone()
        };
        if issuer.is_empty() {
            self.error(1, "không tìm thấy cơ quan ban hành — cần điền `issuer` trong ke-hoach.toml".into());
        }
        let kind_line = body.iter().position(|l| kind_word(l).is_some());
        // A resolution or decision that issues a programme or plan: the
        // programme is the plan, under its own heading.
        let issuing =
            kind_line.and_then(|i| kind_word(body[i])).is_none_or(|k| k == "Nghị quyết" || k == "Quyết định");
        let mut attached = if issuing { attached_plan(body, &issuer) } else { None };
        if issuing
            && attached.is_none()
            && let Some(subject) = heading::unheaded_attached_plan(body, &[&issuer, &province])
        {
            self.warn(
                1,
                format!("văn bản ban hành kèm theo một kế hoạch nhưng mất dòng tên loại («KẾ HOẠCH») trên trích yếu «{subject}» — coi là Kế hoạch; nếu là Chương trình, Đề án…, sửa `kind`, `title` trong ke-hoach.toml"),
            );
            attached = Some(("Kế hoạch".to_owned(), format!("Kế hoạch {subject}")));
        }
        // The programme is the plan; the resolution (decision) its legal
        // basis, whose number the plan is cited by.
        let issued_with = match (&attached, kind_line.and_then(|i| kind_word(body[i]))) {
            (None, _) => String::new(),
            (Some(_), Some(issuing)) => issuing,
            (Some(_), None) => issuing_kind(&code).unwrap_or_default().to_owned(),
        };
        let kind = attached
            .as_ref()
            .map(|(k, _)| k.clone())
            .or_else(|| header.get("loai van ban").cloned())
            .or_else(|| kind_line.and_then(|i| kind_word(body[i])))
            .or_else(|| note.as_ref().map(|n| n.kind.clone()))
            .unwrap_or_else(|| "Kế hoạch".to_owned());
        let title = match (title.is_empty(), kind_line) {
            // The plan issued with the decision, under its own heading.
            (_, _) if attached.is_some() => attached.map(|(_, t)| t).unwrap_or_default(),
            (false, _) => title,
            (true, Some(i)) => title_after(&kind, &code, &body[i + 1..], &[&issuer, &province]),
            (true, None) => {
                self.warn(
                    1,
                    "không tìm thấy tên văn bản (dòng «KẾ HOẠCH» và các dòng trích yếu dưới nó) — điền `title`, `summary` trong ke-hoach.toml".into(),
                );
                format!("{kind} {code}")
            }
        };
        let signer = header.get("nguoi ky").cloned().unwrap_or_else(|| signer_name(body));
        if signer.is_empty() {
            self.warn(
                1,
                "không tìm thấy người ký (dòng «Người ký | … |») — điền `signer` trong ke-hoach.toml".into(),
            );
        }
        let signer_authority = signer_authority(body);
        let (standing, reporting) = self.standing_agency(body, all);
        self.address_reports(&issuer);
        let summary = summary_of(&title, &kind, &code, &issuer);
        Ok(PlanRecord {
            code,
            kind,
            issued_with,
            title,
            summary,
            date: unspanned(date),
            province,
            place,
            issuer,
            signer,
            signer_authority,
            standing_agency: unspanned(standing),
            reporting,
            indicator_appendix: appendices.0,
            task_appendix: appendices.1,
            footnotes: Vec::new(),
        })
    }
}

/// A header line `Khóa | giá trị |`, folded key and cleaned value.
pub(super) fn key_value(line: &str) -> Option<(String, String)> {
    // Some sites print the row with a bar before its first cell too.
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let parts: Vec<&str> = line.split('|').collect();
    match parts.as_slice() {
        [key, value, rest] if rest.trim().is_empty() && !key.trim().is_empty() => {
            Some((fold(key), clean(value)))
        }
        _ => None,
    }
}

/// The signature block's lines, from «TM. …» to the end of its cell.
fn signature_cell<'a>(body: &[&'a str]) -> Vec<&'a str> {
    let Some(start) =
        body.iter().position(|l| heading::SIGNATURE_PREFIXES.iter().any(|p| l.trim().starts_with(p)))
    else {
        return Vec::new();
    };
    let mut cell = Vec::new();
    for next in &body[start..] {
        match next.split_once('|') {
            Some((p, _)) => {
                cell.push(p);
                break;
            }
            None => cell.push(*next),
        }
    }
    cell
}

/// The signature block's lines: its own column when it was copied beside
/// «Nơi nhận» with tabs, else its cell.
fn signature_lines<'a>(body: &[&'a str]) -> Vec<&'a str> {
    let column = heading::signature_column(body);
    if column.is_empty() { signature_cell(body) } else { column }
}

/// `TM. ỦY BAN NHÂN DÂN`: the capitalised lines of the signature block.
fn signer_authority(body: &[&str]) -> String {
    let lines: Vec<&str> =
        signature_lines(body).into_iter().take_while(|l| !l.trim().is_empty() && is_upper(l)).collect();
    clean(&lines.join(" "))
}

/// The name under the signature: the block's first line not in capitals
/// that is no «[đã ký]» mark.
fn signer_name(body: &[&str]) -> String {
    signature_lines(body)
        .into_iter()
        .map(clean)
        .find(|l| !l.is_empty() && !is_upper(l) && !heading::is_signed_mark(l))
        .unwrap_or_default()
}

/// The kind of a resolution or decision by its symbol: `38/NQ-CP` is a
/// Nghị quyết, `312/QĐ-UBND` a Quyết định.
fn issuing_kind(code: &str) -> Option<&'static str> {
    let symbol = fold(code.split_once('/')?.1);
    if symbol.starts_with("nq") {
        Some("Nghị quyết")
    } else if symbol.starts_with("qd") {
        Some("Quyết định")
    } else {
        None
    }
}

fn is_upper(line: &str) -> bool {
    line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// The kinds of document a plan comes as, as their heading line prints them.
const KINDS: [&str; 6] =
    ["Kế hoạch", "Chương trình hành động", "Chương trình", "Đề án", "Quyết định", "Nghị quyết"];

/// `Kế hoạch` for a heading line `KẾ HOẠCH` standing alone.
fn kind_word(line: &str) -> Option<String> {
    let line = clean(line.trim_end_matches('|'));
    KINDS.iter().find(|k| fold(k) == fold(&line) && is_upper(&line)).map(|k| (*k).to_owned())
}

/// The title from the lines under the kind heading («Thực hiện Nghị quyết
/// …», or the same in capitals), up to a blank line or the body, as a legal
/// site writes it:
/// «Kế hoạch 60/KH-UBND thực hiện Nghị quyết …».
fn title_after(kind: &str, code: &str, lines: &[&str], names: &[&str]) -> String {
    let subject: Vec<String> = lines
        .iter()
        .map(|l| clean(l.trim_end_matches('|')))
        .skip_while(String::is_empty)
        .take_while(|l| !l.is_empty() && !l.starts_with(['-', '_']) && !l.ends_with(['.', ';', ':']))
        .take(4)
        .collect();
    // A subject in capitals reads as a sentence, its proper names kept.
    let subject = lower_first(&heading::from_capitals(&subject.join(" "), names));
    clean(&format!("{kind} {code} {subject}"))
}

/// What an appendix's note says of the plan it is attached to.
struct AttachedTo {
    kind: String,
    code: String,
    date: String,
    by: String,
}

/// `(Ban hành kèm theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của Ủy ban
/// nhân dân tỉnh)`, `(Kèm theo Nghị quyết số 38/NQ-CP ngày 11 tháng 3 năm
/// 2025 của Chính phủ)`, `(kèm theo Kế hoạch ban hành tại Quyết định số …)`:
/// a note in brackets on any line of the text («Ban hành kèm theo Nghị
/// quyết này …» in an article is none).
fn attached_to(lines: &[&str]) -> Option<AttachedTo> {
    lines.iter().find_map(|line| {
        let line = clean(line);
        let inner = line.strip_prefix('(')?;
        let at =
            inner.to_lowercase().find("kèm theo ").filter(|_| inner.to_lowercase().len() == inner.len())?;
        let rest = &inner[at + "kèm theo ".len()..];
        let (kind, rest) = rest.split_once(" số ")?;
        // «Kế hoạch ban hành tại Quyết định»: the plan's kind is the first.
        let kind = kind.split(" ban hành tại ").next().unwrap_or(kind);
        let (code, rest) = rest.split_once(" ngày ")?;
        let (date, by) = rest.split_once(" của ").unwrap_or((rest, ""));
        let date = clean(date.trim_end_matches(')'));
        let by = clean(by.trim_end_matches(')'));
        let kind = upper_first(kind);
        (!code.is_empty() && code.contains('/')).then(|| AttachedTo { kind, code: clean(code), date, by })
    })
}

/// The subject of the plan: its title without "Kế hoạch 60/KH-UBND năm 2025".
fn summary_of(title: &str, kind: &str, code: &str, issuer: &str) -> String {
    let mut rest = title;
    for prefix in [kind, "số", code] {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
        }
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix("năm ") {
        Some(r) if r.len() >= 4 && r[..4].bytes().all(|b| b.is_ascii_digit()) => &r[4..],
        _ => rest,
    };
    // «… của Chính phủ thực hiện …»: reports say «của Chính phủ» themselves.
    let own = format!("của {issuer} ");
    let rest = rest.trim_start();
    match rest.get(..own.len()) {
        Some(head) if !issuer.is_empty() && fold(head) == fold(&own) => clean(&rest[own.len()..]),
        _ => clean(rest),
    }
}

use heading::sentence_case;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_drops_type_number_and_year() {
        assert_eq!(
            summary_of(
                "Kế hoạch 60/KH-UBND năm 2025 thực hiện Nghị quyết 03/NQ-CP",
                "Kế hoạch",
                "60/KH-UBND",
                "Ủy ban nhân dân tỉnh Cà Mau"
            ),
            "thực hiện Nghị quyết 03/NQ-CP"
        );
        assert_eq!(
            summary_of(
                "Chương trình hành động 03/NQ-CP của Chính phủ thực hiện Nghị quyết 57",
                "Chương trình hành động",
                "03/NQ-CP",
                "Chính phủ"
            ),
            "thực hiện Nghị quyết 57"
        );
    }
}
