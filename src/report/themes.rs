//! How a standing agency sorts what many agencies wrote: difficulties by
//! what they are about (funding, staff, infrastructure…), the causes they
//! give, and proposals by whom they are addressed to. Real reports group
//! them so; a list of forty agencies each with its sentence is not read.

use crate::text::fold;

/// A theme of difficulties, and the words (folded) that place a text in it.
pub struct Theme {
    pub title: &'static str,
    words: &'static [&'static str],
}

/// In the order reports usually take them; the first that matches wins.
pub const THEMES: [Theme; 7] = [
    Theme {
        title: "Về thể chế, cơ chế, chính sách",
        words: &["co che", "chinh sach", "quy dinh", "van ban huong dan", "thu tuc", "phap ly", "the che"],
    },
    Theme {
        title: "Về tổ chức bộ máy",
        words: &[
            "sap xep",
            "sap nhap",
            "bo may",
            "to chuc lai",
            "hop nhat",
            "chinh quyen dia phuong hai cap",
        ],
    },
    Theme {
        title: "Về kinh phí, nguồn lực",
        words: &["kinh phi", "ngan sach", "nguon von", "von dau tu", "tai chinh", "nguon luc"],
    },
    Theme {
        title: "Về nhân lực",
        words: &["nhan luc", "can bo", "bien che", "nhan su", "chuyen trach", "chuyen gia", "trinh do"],
    },
    Theme {
        title: "Về hạ tầng, trang thiết bị",
        words: &[
            "ha tang",
            "thiet bi",
            "duong truyen",
            "may chu",
            "mang luoi",
            "song di dong",
            "co so vat chat",
        ],
    },
    Theme {
        title: "Về dữ liệu, kết nối",
        words: &["du lieu", "ket noi", "lien thong", "dong bo", "chia se"],
    },
    Theme {
        title: "Về nhận thức, sự tham gia",
        words: &["nhan thuc", "nguoi dan", "doanh nghiep", "tham gia", "thoi quen"],
    },
];

/// The title of the theme `text` belongs to; `None` for the rest.
pub fn theme_of(text: &str) -> Option<&'static str> {
    let folded = fold(text);
    THEMES.iter().find(|t| t.words.iter().any(|w| contains_words(&folded, w))).map(|t| t.title)
}

/// Whether `phrase` occurs in `folded` on word boundaries.
fn contains_words(folded: &str, phrase: &str) -> bool {
    folded.match_indices(phrase).any(|(i, _)| {
        let before = folded[..i].chars().next_back().is_none_or(|c| c == ' ');
        let after = folded[i + phrase.len()..].chars().next().is_none_or(|c| c == ' ');
        before && after
    })
}

/// The causes a text gives: the clause after «do», «vì», «nguyên nhân là»
/// («Tiến độ chậm do kinh phí chưa được bố trí» → «kinh phí chưa được bố
/// trí»). Only what the agency wrote: a cause nobody gave is not invented.
pub fn causes(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for sentence in text.split(['.', ';', '\n']) {
        // Markers mid-sentence are lower case; «Nguyên nhân là» may open it.
        let found =
            ["nguyên nhân là ", "Nguyên nhân là ", "nguyên nhân: ", "Nguyên nhân: ", " do ", " vì ", " bởi "]
                .iter()
                .find_map(|m| sentence.find(m).map(|i| &sentence[i + m.len()..]));
        if let Some(clause) = found {
            let clause = clause.trim().trim_end_matches([',', ':']);
            if clause.split_whitespace().count() >= 3 {
                out.push(clause.to_owned());
            }
        }
    }
    out
}

/// Whether a cause lies with the agencies themselves (chủ quan) or outside
/// them (khách quan), as progress reports set them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Objective,
    Subjective,
}

/// Words (folded) of causes that lie with the agencies: how they direct,
/// staff, coordinate and see the work.
const SUBJECTIVE: [&str; 12] = [
    "chua quyet liet",
    "chua chu dong",
    "chua sat sao",
    "kiem nhiem",
    "can bo",
    "nhan luc",
    "nang luc",
    "nhan thuc",
    "phoi hop",
    "trach nhiem",
    "chi dao, dieu hanh",
    "chua thay ro loi ich",
];

/// A cause without the agency's own heading, and where it lies: the heading
/// «Nguyên nhân khách quan:»/«chủ quan:» when the agency wrote one, else
/// its words.
pub fn origin(cause: &str) -> (String, Origin) {
    let folded = fold(cause);
    for (heading, origin) in
        [("nguyen nhan khach quan", Origin::Objective), ("nguyen nhan chu quan", Origin::Subjective)]
    {
        if folded.starts_with(heading) {
            let rest = cause.split_once(':').map_or(cause, |(_, r)| r).trim();
            return (crate::text::upper_first(rest), origin);
        }
    }
    let subjective = SUBJECTIVE.iter().any(|w| folded.contains(w));
    (cause.to_owned(), if subjective { Origin::Subjective } else { Origin::Objective })
}

/// The bodies a proposal can be addressed to (the plan's agencies and the
/// bodies above them), folded once: there are thousands at national scale
/// and as many proposals.
pub struct Addressees<'a> {
    names: Vec<(String, &'a str)>,
}

impl<'a> Addressees<'a> {
    pub fn new(names: impl IntoIterator<Item = &'a str>) -> Self {
        Addressees { names: names.into_iter().map(|n| (fold(n), n)).filter(|(k, _)| !k.is_empty()).collect() }
    }

    /// Who a proposal is addressed to: the body named after «Đề nghị»,
    /// «Kiến nghị», «Đề xuất»; a ministry or the Government not among the
    /// names is «các bộ, ngành Trung ương»; `None` when it names nobody.
    pub fn of(&self, text: &str) -> Option<&'a str> {
        let folded = fold(text);
        let start = ["de nghi ", "kien nghi ", "de xuat "]
            .iter()
            .filter_map(|m| folded.find(m).map(|i| i + m.len()))
            .min()?;
        let tail = &folded[start..];
        let central =
            ["bo ", "cac bo", "chinh phu", "thu tuong", "trung uong"].iter().any(|w| tail.starts_with(w));
        // The body named closest to the verb: «Đề nghị Sở Tài chính tham mưu UBND tỉnh» is to Sở Tài chính.
        self.names
            .iter()
            .filter_map(|(key, n)| tail.find(key.as_str()).map(|i| (i, std::cmp::Reverse(key.len()), *n)))
            .min()
            .filter(|(i, _, _)| !central || *i == 0)
            .map(|(_, _, n)| n)
            .or(central.then_some(CENTRAL))
    }
}

/// The heading of proposals to central bodies.
pub const CENTRAL: &str = "các bộ, ngành Trung ương";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difficulties_fall_under_their_theme() {
        assert_eq!(theme_of("Kinh phí bố trí cho nhiệm vụ còn hạn chế."), Some("Về kinh phí, nguồn lực"));
        assert_eq!(theme_of("Thiếu cán bộ chuyên trách về chuyển đổi số."), Some("Về nhân lực"));
        assert_eq!(
            theme_of("Chưa có văn bản hướng dẫn của bộ, ngành Trung ương."),
            Some("Về thể chế, cơ chế, chính sách")
        );
        assert_eq!(theme_of("Thời tiết bất lợi."), None);
    }

    #[test]
    fn a_cause_lies_outside_the_agencies_or_with_them() {
        assert_eq!(
            origin("Nguyên nhân chủ quan: đội ngũ cán bộ còn mỏng."),
            ("Đội ngũ cán bộ còn mỏng.".to_owned(), Origin::Subjective)
        );
        assert_eq!(
            origin("Nguyên nhân khách quan: chưa có hướng dẫn của bộ."),
            ("Chưa có hướng dẫn của bộ.".to_owned(), Origin::Objective)
        );
        assert_eq!(origin("một số đơn vị chưa quyết liệt").1, Origin::Subjective);
        assert_eq!(origin("kinh phí chưa được bố trí").1, Origin::Objective);
    }

    #[test]
    fn causes_are_the_agencys_own_words() {
        assert_eq!(
            causes("Tiến độ xây dựng cơ sở dữ liệu còn chậm do kinh phí năm 2025 chưa được bố trí."),
            ["kinh phí năm 2025 chưa được bố trí"]
        );
        assert!(causes("Kinh phí còn hạn chế.").is_empty());
    }

    #[test]
    fn a_proposal_is_addressed_to_the_body_it_names_first() {
        let to = Addressees::new(["Ủy ban nhân dân tỉnh", "Sở Tài chính", "Bộ Khoa học và Công nghệ"]);
        assert_eq!(to.of("Đề nghị Sở Tài chính tham mưu UBND tỉnh bố trí kinh phí."), Some("Sở Tài chính"));
        assert_eq!(to.of("Kiến nghị Ủy ban nhân dân tỉnh chỉ đạo các sở."), Some("Ủy ban nhân dân tỉnh"));
        assert_eq!(to.of("Đề nghị tổ chức tập huấn."), None);
        assert_eq!(to.of("Kiến nghị Bộ Tư pháp sớm ban hành hướng dẫn."), Some(CENTRAL));
    }
}
