//! The standing agency the plan names, how often it reports and to whom:
//! «Sở Khoa học và Công nghệ là cơ quan thường trực …», «Giao Bộ … chủ trì,
//! theo dõi, đôn đốc …; định kỳ 6 tháng … báo cáo Thủ tướng Chính phủ».

use super::Importer;
use crate::plan::Cadence;
use crate::text::{clean, fold};

impl Importer<'_> {
    /// Finds "X là cơ quan thường trực …" and the reporting cadence said in
    /// the same sentence ("định kỳ 6 tháng, cuối năm hoặc đột xuất").
    pub(super) fn standing_agency(&mut self, body: &[&str], all: &[&str]) -> (String, Vec<Cadence>) {
        // In the body above the appendices, else anywhere outside a table
        // (a plan whose tables stand inside its text, «Tổ chức thực hiện» after them).
        let sentence = |lines: &[&str]| {
            lines.iter().enumerate().filter(|(_, l)| !l.contains('|')).find_map(|(i, l)| {
                let (who, rest) = standing_sentence(l)?;
                Some((i + 1, who, format!("{rest} {}", wrapped_on(&lines[i + 1..]))))
            })
        };
        let found = sentence(body).or_else(|| sentence(all)).map(|(line, who, rest)| {
            self.reports_to = reports_to(&rest);
            (line, who, fold(&rest))
        });
        let found = match (self.standing, found) {
            (Some(named), Some((line, _, rest))) => Some((line, clean(named), rest)),
            (Some(named), None) => Some((1, clean(named), String::new())),
            (None, found) => found,
        };
        let Some((line, who, rest)) = found else {
            self.error(
                1,
                "không tìm thấy câu giao cơ quan thường trực («… là cơ quan thường trực», «… là cơ quan đầu mối», \
                 «Giao … chủ trì, theo dõi, đôn đốc …») — nhập lại với --standing \"TÊN CƠ QUAN\" hoặc điền \
                 `standing_agency` trong ke-hoach.toml"
                    .into(),
            );
            return (String::new(), vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand]);
        };
        let mut reporting = Vec::new();
        for (words, cadence) in [
            ("hang quy", Cadence::Quarterly),
            ("6 thang", Cadence::HalfYear),
            ("cuoi nam", Cadence::YearEnd),
            ("hang nam", Cadence::YearEnd),
            ("dot xuat", Cadence::OnDemand),
        ] {
            if rest.contains(words) && !reporting.contains(&cadence) {
                reporting.push(cadence);
            }
        }
        if reporting.is_empty() {
            self.warn(
                line,
                "không thấy kỳ báo cáo (6 tháng, cuối năm, đột xuất) trong câu về cơ quan thường trực — đã dùng mặc định 6 tháng, cuối năm, đột xuất".into(),
            );
            reporting = vec![Cadence::HalfYear, Cadence::YearEnd, Cadence::OnDemand];
        }
        // Agencies named jointly: the first is the standing agency.
        let (who, joint) = if agencies_named(&who) {
            let first = who.split(',').next().unwrap_or(&who).trim().to_owned();
            (first, Some(who.clone()))
        } else {
            (who, None)
        };
        if let Some(all) = joint {
            self.warn(
                line,
                format!(
                    "văn bản giao nhiều cơ quan cùng theo dõi, đôn đốc («{all}») — {who} được chọn làm cơ quan thường trực, tổng hợp báo cáo; muốn chọn cơ quan khác, nhập lại với --standing \"TÊN CƠ QUAN\""
                ),
            );
        }
        match self.registry.lookup(&who) {
            Some(id) => (id.to_string(), reporting),
            None => {
                self.error(
                    line,
                    format!("không nhận ra cơ quan thường trực «{who}» — thêm vào co-quan.toml rồi nhập lại"),
                );
                (who, reporting)
            }
        }
    }

    /// «báo cáo Bộ trưởng và Chính phủ»: the standing agency writes to the
    /// first, its own head, named in full.
    pub(super) fn address_reports(&mut self, issuer: &str) {
        let Some(to) = &mut self.reports_to else { return };
        // Cut only before a second addressee («… và Chính phủ»), never
        // inside a name («Bộ Khoa học và Công nghệ»).
        let first = match to.split_once(" và ") {
            Some((a, b)) if is_addressee(b) => a.trim().to_owned(),
            _ => to.clone(),
        };
        *to = match fold(&first).as_str() {
            "bo truong" | "thu truong" | "lanh dao bo" if issuer.starts_with("Bộ ") => {
                format!("{first} {issuer}")
            }
            _ => first,
        };
    }
}

/// How plans name the agency that follows the plan and reports on it, as
/// the words that come right after its name.
const STANDING_PHRASES: [&str; 8] = [
    " là cơ quan thường trực",
    " là cơ quan đầu mối",
    " là đầu mối",
    " làm đầu mối",
    " chủ trì, theo dõi",
    " chủ trì theo dõi",
    " chủ trì, đôn đốc",
    // «… chủ trì, phối hợp với … theo dõi, đôn đốc»: only with «theo dõi» after.
    " chủ trì, phối hợp",
];

/// Whether `clause` is one or more agency names and nothing else: «Bộ Khoa
/// học và Công nghệ, Bộ Công an».
fn agencies_named(clause: &str) -> bool {
    const HEADS: [&str; 20] = [
        "Bộ", "Sở", "Ban", "Ủy", "Văn", "Cục", "Vụ", "Ngân", "Thanh", "Công", "Đài", "Báo", "Trung", "Viện",
        "Tổng", "Kiểm", "Tòa", "Hội", "Đoàn", "Liên",
    ];
    let parts: Vec<&str> = clause.split([',']).flat_map(|p| p.split(" và Bộ ")).map(str::trim).collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.split_whitespace().next().is_some_and(|w| HEADS.contains(&w) || p.starts_with("Bộ")))
}

/// The standing agency's name in a sentence that gives it the role, and
/// the rest of the sentence (where the reporting cadence is said).
/// «1. Sở Khoa học và Công nghệ là cơ quan thường trực, …», «Giao Bộ Khoa
/// học và Công nghệ chủ trì, theo dõi, đôn đốc … tổng hợp, báo cáo …».
fn standing_sentence(line: &str) -> Option<(String, &str)> {
    let (at, phrase) = STANDING_PHRASES
        .iter()
        .filter_map(|p| {
            let at = line.find(p)?;
            (!p.ends_with("phối hợp") || line[at..].contains("theo dõi")).then_some((at, p.len()))
        })
        .min()?;
    let who = line[..at]
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | ' ' | '-' | '+' | ')'));
    // An item letter: «a) », «b. ».
    let mut head = who.chars();
    let who = match (head.next(), head.next(), head.next()) {
        (Some(l), Some(')' | '.'), Some(' ')) if l.is_alphabetic() => &who[l.len_utf8() + 2..],
        _ => who,
    };
    // The name ends the clause before it: «…; giao Sở X chủ trì, theo dõi»,
    // unless the clause names agencies jointly («Bộ A, Bộ B chủ trì, …»).
    let clause = who.rsplit([';', ':']).next().unwrap_or(who).trim();
    let who = if agencies_named(clause) {
        clause
    } else {
        who.rsplit([';', ',', ':']).next().unwrap_or(who).trim()
    };
    let who = ["Giao cho ", "giao cho ", "Giao ", "giao ", "Đề nghị ", "đề nghị "]
        .iter()
        .find_map(|p| who.rfind(p).map(|i| &who[i + p.len()..]))
        .unwrap_or(who);
    let who = clean(who);
    (!who.is_empty() && who.split_whitespace().count() <= 15).then_some((who, &line[at + phrase..]))
}

/// Whom the standing agency reports to, from the rest of its sentence:
/// «… tổng hợp, báo cáo Thủ tướng Chính phủ.» gives «Thủ tướng Chính phủ».
fn reports_to(rest: &str) -> Option<String> {
    let (_, after) = rest.rsplit_once("báo cáo ")?;
    let who = after.split(['.', ';', ',', '(']).next().unwrap_or_default();
    // «báo cáo UBND tỉnh trước ngày 20/12», «… định kỳ hằng năm»: the addressee only.
    let who = [" về ", " trước ", " chậm nhất ", " định kỳ ", " hằng ", " hàng ", " theo "]
        .iter()
        .fold(who, |w, cut| w.split(cut).next().unwrap_or(w));
    let who = clean(who);
    let capitalised = who.chars().next().is_some_and(char::is_uppercase);
    (capitalised && (2..=12).contains(&who.split_whitespace().count())).then_some(who)
}

/// The rest of a paragraph hard-wrapped over the lines that follow (text
/// copied from a PDF): up to a blank line, a line that starts a numbered
/// item («4-», «4.», «a)») or the end of a sentence; three lines at most.
fn wrapped_on(lines: &[&str]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in lines.iter().take(3) {
        let t = line.trim();
        let numbered = t.split_once(['-', '.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_alphanumeric())
        });
        if t.is_empty() || t.contains('|') || numbered || out.last().is_some_and(|l| l.ends_with('.')) {
            break;
        }
        out.push(t);
    }
    out.join(" ")
}

/// A body reports go to: «Chính phủ», «Thủ tướng Chính phủ», «Ủy ban nhân
/// dân tỉnh», a ministry.
fn is_addressee(name: &str) -> bool {
    let f = fold(name);
    [
        "chinh phu",
        "thu tuong",
        "uy ban nhan dan",
        "ubnd",
        "hoi dong nhan dan",
        "ban thuong vu",
        "tinh uy",
        "thanh uy",
    ]
    .iter()
    .any(|a| f.starts_with(a))
        || crate::plan::central::find(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standing_agency_is_found_in_the_usual_phrasings() {
        for (line, who) in [
            (
                "1. Sở Khoa học và Công nghệ là cơ quan thường trực, chịu trách nhiệm đôn đốc",
                "Sở Khoa học và Công nghệ",
            ),
            (
                "a) Sở Thông tin và Truyền thông là cơ quan đầu mối, tổng hợp báo cáo",
                "Sở Thông tin và Truyền thông",
            ),
            (
                "Giao Bộ Khoa học và Công nghệ chủ trì, theo dõi, đôn đốc việc thực hiện, định kỳ hằng năm tổng hợp, báo cáo Thủ tướng Chính phủ",
                "Bộ Khoa học và Công nghệ",
            ),
            ("Các bộ, ngành triển khai; giao Sở Nội vụ chủ trì, đôn đốc và báo cáo 6 tháng", "Sở Nội vụ"),
            (
                "3. Bộ Khoa học và Công nghệ, Bộ Công an chủ trì, phối hợp với Văn phòng Chính phủ theo dõi, đôn đốc việc thực hiện",
                "Bộ Khoa học và Công nghệ, Bộ Công an",
            ),
        ] {
            assert_eq!(standing_sentence(line).map(|(w, _)| w), Some(who.to_owned()), "{line}");
        }
        assert_eq!(standing_sentence("Các sở, ngành chủ động triển khai thực hiện."), None);
        assert_eq!(standing_sentence("4. Bộ Tài chính chủ trì, phối hợp với các bộ bố trí kinh phí."), None);
        assert_eq!(
            reports_to("; định kỳ 6 tháng, hằng năm tổng hợp, báo cáo Thủ tướng Chính phủ."),
            Some("Thủ tướng Chính phủ".to_owned())
        );
        assert_eq!(reports_to(", theo dõi việc thực hiện báo cáo định kỳ."), None);
    }
}
