//! The documents agencies say they issued («Quyết định số 123/QĐ-UBND ngày
//! 12/3/2025 về …», «Kế hoạch số 45/KH-SYT …»), found in what they wrote:
//! a progress report names them, each once, with the agency that reported
//! it, because they are the evidence that work was done.

use std::sync::LazyLock;

use regex::Regex;

/// A document cited in an agency's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cited {
    /// «Quyết định», «Kế hoạch»… as written, first letter capitalised.
    pub kind: String,
    /// The number and symbol, `123/QĐ-UBND`.
    pub number: String,
    /// `12/3/2025` as written, if given.
    pub date: Option<String>,
    /// What it is about («về phát triển hạ tầng số»), if the text says.
    pub subject: Option<String>,
}

impl Cited {
    /// `Quyết định số 123/QĐ-UBND ngày 12/3/2025 về …`.
    pub fn citation(&self) -> String {
        let mut out = format!("{} số {}", self.kind, self.number);
        if let Some(d) = &self.date {
            out.push_str(" ngày ");
            out.push_str(d);
        }
        if let Some(s) = &self.subject {
            out.push(' ');
            out.push_str(s);
        }
        out
    }

    /// The same document whatever the case or spacing of its citation:
    /// same kind and number, and the same date where both give one (two
    /// districts' «Kế hoạch số 45/KH-UBND» are two documents).
    pub fn same_as(&self, other: &Cited) -> bool {
        crate::text::fold(&self.kind) == crate::text::fold(&other.kind)
            && self.number.to_uppercase() == other.number.to_uppercase()
            && (self.date.is_none() || other.date.is_none() || self.date == other.date)
    }

    /// Kind and number, folded: documents that may be the same share it.
    pub fn key(&self) -> String {
        format!("{}|{}", crate::text::fold(&self.kind), self.number.to_uppercase())
    }

    /// Takes the date and subject of `other`, the same document cited with more detail.
    pub fn complete_from(&mut self, other: Cited) {
        self.date = self.date.take().or(other.date);
        self.subject = self.subject.take().or(other.subject);
    }
}

/// The kinds of document Vietnamese agencies issue, as they are written
/// before «số» (Nghị định 30/2020, Phụ lục III).
const KINDS: &str = "Quyết định|Kế hoạch|Công văn|Chỉ thị|Nghị quyết|Thông báo|Hướng dẫn|Báo cáo|Tờ trình|\
                     Chương trình|Đề án|Kết luận|Thông tư|Nghị định|Quy chế|Quy định|Văn bản";

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    // A number and symbol: `123/QĐ-UBND`, `45/KH-SYT`, `1234/UBND-KGVX`,
    // `03/2025/NQ-HĐND`, or a Party body's `57-NQ/TW`, `155-KH/BTGDVTU`;
    // a date `12/3/2025`, `12-3-2025` or `12.3.2025`.
    let pattern = format!(
        r"(?i)\b({KINDS})\s+(?:số\s+)?(\d{{1,6}}(?:/\d{{4}})?/[\p{{L}}\d]+(?:[-–][\p{{L}}\d]+)*|\d{{1,6}}-\p{{L}}+/[\p{{L}}\d]+(?:[-–][\p{{L}}\d]+)*)(?:\s*,?\s*ngày\s+(\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{4}}))?"
    );
    Regex::new(&pattern).expect("the citation pattern is valid")
});

/// Words that open a document's subject right after its number and date.
const SUBJECT_OPENERS: [&str; 10] = [
    "về ",
    "V/v ",
    "v/v ",
    "triển khai ",
    "hướng dẫn ",
    "ban hành ",
    "phê duyệt ",
    "quy định ",
    "thành lập ",
    "kiện toàn ",
];

/// A clause longer than this many words is a sentence, not a summary.
const SUBJECT_WORDS: usize = 40;

/// The documents cited in `text`, in order, each once.
pub fn cited(text: &str) -> Vec<Cited> {
    let mut found: Vec<Cited> = Vec::new();
    for m in CITATION.captures_iter(text) {
        let (Some(all), Some(kind), Some(number)) = (m.get(0), m.get(1), m.get(2)) else { continue };
        let number = number.as_str().trim_end_matches(['-', '–']).to_owned();
        let mut chars = kind.as_str().chars();
        let kind: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect())
            .unwrap_or_default();
        let date = m.get(3).map(|d| d.as_str().replace(['-', '.'], "/"));
        let rest = text[all.end()..].trim_start_matches([' ', ',']);
        let subject = SUBJECT_OPENERS.iter().any(|o| rest.starts_with(o)).then(|| subject(rest)).flatten();
        let doc = Cited { kind, number, date, subject };
        match found.iter_mut().find(|f| f.same_as(&doc)) {
            // Cited again with more detail: the detail is kept.
            Some(f) => f.complete_from(doc),
            None => found.push(doc),
        }
    }
    found
}

/// The subject up to the end of its clause; none when the clause runs past
/// [`SUBJECT_WORDS`] words (a sentence, not a document's summary): what an
/// agency wrote is quoted whole or not at all, never cut.
fn subject(rest: &str) -> Option<String> {
    let end = rest.find(['.', ';', '\n', '(', ':']).unwrap_or(rest.len());
    let clause = rest[..end].trim().trim_end_matches(',');
    let words: Vec<&str> = clause.split_whitespace().collect();
    (2..=SUBJECT_WORDS).contains(&words.len()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_found_as_officials_cite_them() {
        let text = "Đã ban hành Kế hoạch số 45/KH-SYT ngày 12/3/2025 về triển khai chuyển đổi số ngành y tế; \
                    tham mưu UBND tỉnh ban hành Quyết định số 1234/QĐ-UBND ngày 05-6-2025 phê duyệt Đề án. \
                    Công văn 567/SYT-VP hướng dẫn thực hiện. Nghị quyết số 03/2025/NQ-HĐND.";
        let docs = cited(text);
        let c: Vec<String> = docs.iter().map(Cited::citation).collect();
        assert_eq!(
            c,
            [
                "Kế hoạch số 45/KH-SYT ngày 12/3/2025 về triển khai chuyển đổi số ngành y tế",
                "Quyết định số 1234/QĐ-UBND ngày 05/6/2025 phê duyệt Đề án",
                "Công văn số 567/SYT-VP hướng dẫn thực hiện",
                "Nghị quyết số 03/2025/NQ-HĐND",
            ]
        );
    }

    #[test]
    fn party_documents_are_found_as_party_bodies_number_them() {
        let docs = cited(
            "Ban hành Kế hoạch số 155-KH/BTGDVTU, ngày 23/10/2025 về tuyên truyền; quán triệt Nghị quyết 57-NQ/TW.",
        );
        let c: Vec<String> = docs.iter().map(Cited::citation).collect();
        assert_eq!(
            c,
            ["Kế hoạch số 155-KH/BTGDVTU ngày 23/10/2025 về tuyên truyền", "Nghị quyết số 57-NQ/TW"]
        );
    }

    #[test]
    fn a_document_cited_twice_is_listed_once_and_plain_numbers_are_no_documents() {
        let docs = cited(
            "kế hoạch số 45/KH-SYT; Kế hoạch số 45/kh-syt ngày 12/3/2025. Đạt 45/50 xã; kế hoạch năm 2025.",
        );
        assert_eq!(docs.len(), 1, "{docs:?}");
        assert_eq!(docs[0].citation(), "Kế hoạch số 45/KH-SYT ngày 12/3/2025");
    }
}
