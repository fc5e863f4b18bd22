//! The first page and the signature of a document as it comes copied from
//! a web page, a PDF or Word, where the two columns of its header and of
//! its signature run together on one line: «CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ
//! NGHĨA VIỆT NAM», «Số: 38/NQ-CP Hà Nội, ngày 11 tháng 3 năm 2025»,
//! «- Lưu: VT, KGVX.⇥Lê Minh Khôi». And the plan a resolution or decision
//! issues with it («Ban hành kèm theo Nghị quyết này Chương trình hành
//! động …»), which is the plan, the resolution its legal basis.

use crate::text::{clean, fold, lower_first, upper_first};

/// The national name that stands right of the issuer in a header: the
/// State's, or the Party's in a Party body's document.
const NATIONAL: [&str; 2] = ["cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam"];

/// The issuer's part of a header line: all of it, or what comes before the
/// national name when the two columns run together.
pub(super) fn issuer_part(line: &str) -> &str {
    // Once over the line first: a line of megabytes without the name costs
    // one pass, not one per word.
    let folded = fold(line);
    let Some(national) = NATIONAL.iter().find(|n| folded.contains(*n)) else {
        return line;
    };
    let window = |i: usize| {
        let end = (i + 4 * national.len()).min(line.len());
        &line[i..(i..=end).rev().find(|&e| line.is_char_boundary(e)).unwrap_or(i)]
    };
    line.char_indices()
        .filter(|&(i, c)| i > 0 && c.is_alphabetic() && line[..i].ends_with(char::is_whitespace))
        .find(|&(i, _)| fold(window(i)).starts_with(national))
        .map_or(line, |(i, _)| line[..i].trim_end())
}

/// A Party committee's header names its Party organisation above the
/// committee: «ĐẢNG BỘ TỈNH QUẢNG TRỊ» over «TỈNH ỦY». The issuer is the
/// committee with the organisation's place: «Tỉnh ủy Quảng Trị».
pub(super) fn party_issuer(organisation: &str, committee: &str) -> Option<String> {
    const COMMITTEES: [&str; 6] = ["tinh uy", "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy"];
    const UNITS: [&str; 7] = ["tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong"];
    let organisation = clean(organisation);
    let folded = fold(&organisation);
    let place = folded.strip_prefix("dang bo ")?;
    // «TỈNH ỦY ______»: the rule under the name shares its line.
    let committee = clean(committee.trim_end_matches(['_', '-', '*', ' ']));
    let f = fold(&committee);
    if !COMMITTEES.iter().any(|k| f == *k || f.starts_with(&format!("{k} "))) {
        return None;
    }
    // Words after «Đảng bộ» and the unit («tỉnh», «thành phố»), in title case.
    let unit = UNITS.iter().find(|u| place.starts_with(&format!("{u} "))).map_or(0, |u| u.split(' ').count());
    let name: Vec<String> =
        organisation.split_whitespace().skip(2 + unit).map(|w| upper_first(&w.to_lowercase())).collect();
    (!name.is_empty()).then(|| format!("{} {}", sentence_case(&committee), name.join(" ")))
}

/// «Số: 38/NQ-CP Hà Nội, ngày …» or «Số: 38/NQ-CP»: the number and symbol,
/// without the place and date the other column adds.
pub(super) fn number_of(line: &str) -> Option<String> {
    let (rest, colon) = symbol_line(line)?;
    let first = rest.split_whitespace().next().unwrap_or_default();
    Some(if first.contains('/') || !colon { first.to_owned() } else { rest.to_owned() })
}

/// What follows «Số:» on a line, or «Số» without the colon (as Party
/// documents print it: «Số 27-KH/TU») when a symbol follows; and whether
/// the colon was there.
fn symbol_line(line: &str) -> Option<(&str, bool)> {
    let line = line.trim_start_matches(['|', ' ']).trim();
    if let Some(rest) = line.strip_prefix("Số:") {
        return Some((rest.trim(), true));
    }
    let rest = line.strip_prefix("Số ")?.trim_start();
    let first = rest.split_whitespace().next()?;
    (first.contains('/') && first.starts_with(|c: char| c.is_ascii_digit())).then_some((rest, false))
}

/// The place of signing in a date line: «Hà Nội» from «Hà Nội, ngày …» or
/// «Số: 38/NQ-CP Hà Nội, ngày …».
pub(super) fn place_of(date_line: &str) -> Option<String> {
    let (head, _) = date_line.split_once(", ngày")?;
    // A cell of a table row («| Yên Bái, ngày …») keeps its bar in front.
    let head = clean(head.rsplit('|').next().unwrap_or(head));
    let place = match symbol_line(&head) {
        Some((rest, _)) => rest.split_once(char::is_whitespace).map_or("", |(_, p)| p).trim().to_owned(),
        None => head,
    };
    Some(place)
}

/// Issuers of the central government, Party and National Assembly: a plan
/// of theirs belongs to no province, whatever the place of signing.
const CENTRAL: [&str; 18] = [
    "chinh phu",
    "thu tuong",
    "bo ",
    "quoc hoi",
    "uy ban thuong vu quoc hoi",
    "ban chap hanh trung uong",
    "bo chinh tri",
    "ban bi thu",
    "van phong chinh phu",
    "ngan hang nha nuoc",
    "thanh tra chinh phu",
    "kiem toan nha nuoc",
    "toa an nhan dan toi cao",
    "vien kiem sat nhan dan toi cao",
    "dang uy chinh phu",
    "dang uy cac co quan dang trung uong",
    "ban chi dao trung uong",
    "uy ban dan toc",
];

/// Whether `issuer` is a body of the central government, Party or
/// National Assembly.
pub(super) fn is_central(issuer: &str) -> bool {
    let f = fold(issuer);
    CENTRAL.iter().any(|c| f.starts_with(c) || f == c.trim_end())
}

/// How the line of a signature block's authority starts: «TM.», «KT.» in a
/// State body's document, «T/M», «K/T» in a Party body's.
pub(super) const SIGNATURE_PREFIXES: [&str; 8] = ["TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L"];

/// The signature column of a signature block copied with tabs (or, from a
/// PDF, runs of spaces) between «Nơi nhận» and the signature: what follows
/// the last tab or run of each line, or a line indented far on its own.
/// Empty when the block has no such column.
pub(super) fn signature_column<'a>(body: &[&'a str]) -> Vec<&'a str> {
    let right = |l: &'a str| {
        if let Some((_, r)) = l.rsplit_once('\t') {
            return Some(r.trim());
        }
        let t = l.trim();
        match t.rfind("   ") {
            Some(i) => Some(t[i..].trim()),
            None => (l.len() - l.trim_start().len() >= 20).then_some(t),
        }
    };
    let Some(start) = body
        .iter()
        .position(|l| right(l).is_some_and(|r| SIGNATURE_PREFIXES.iter().any(|p| r.starts_with(p))))
    else {
        return Vec::new();
    };
    body[start..].iter().filter_map(|l| right(l)).take(12).collect()
}

/// A line that marks the place of a signature, not a name: «[đã ký]»,
/// «(Đã ký)», «Đã ký».
pub(super) fn is_signed_mark(line: &str) -> bool {
    let f = fold(line);
    f == "da ky" || line.trim().starts_with(['[', '('])
}

/// A legal site's header printed as «Số hiệu:» with the value on the next
/// line, up to the first line that is not such a pair: folded keys, values.
pub(super) fn colon_pairs(lines: &[&str]) -> Vec<(String, String)> {
    lines
        .chunks(2)
        .map_while(|pair| match pair {
            [key, value] => {
                let key = key.trim();
                let is_key = key.ends_with(':') && key.chars().count() <= 30 && !value.trim().is_empty();
                is_key.then(|| (fold(key.trim_end_matches(':')), clean(value)))
            }
            _ => None,
        })
        .collect()
}

/// The kinds a plan issued with a resolution or decision comes as.
const ATTACHED_KINDS: [&str; 4] = ["Chương trình hành động", "Chương trình", "Kế hoạch", "Đề án"];

/// The plan a resolution or decision issues with it: its heading in
/// capitals («CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ»), the title lines under
/// it and the «(Kèm theo …)» note below them. Its kind and its title, the
/// issuer's name (`issuer`) given its capitals back.
pub(super) fn attached_plan(lines: &[&str], issuer: &str) -> Option<(String, String)> {
    (0..lines.len()).find_map(|i| {
        let heading = clean(lines[i]);
        let upper = heading.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let kind = ATTACHED_KINDS.iter().find(|k| upper && fold(&heading).starts_with(&fold(k)))?;
        let note = (i + 1..lines.len().min(i + 5)).find(|&k| {
            let f = fold(lines[k]);
            lines[k].trim_start().starts_with('(')
                && (f.starts_with("kem theo") || f.starts_with("ban hanh kem theo"))
        })?;
        let under: Vec<String> =
            lines[i + 1..note].iter().map(|l| clean(l)).filter(|l| !l.is_empty()).collect();
        let all_upper = under.iter().all(|l| l.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase));
        // A title in capitals wrapped over lines reads as one sentence.
        let title = if all_upper {
            from_capitals(&std::iter::once(heading).chain(under).collect::<Vec<_>>().join(" "), &[issuer])
        } else {
            let mut title = from_capitals(&heading, &[issuer]);
            for line in under {
                title.push(' ');
                title.push_str(&lower_first(&from_capitals(&line, &[issuer])));
            }
            title
        };
        Some(((*kind).to_owned(), title))
    })
}

/// The plan a decision issues when a site dropped its kind heading
/// («KẾ HOẠCH»): the lines in capitals right above its «(Ban hành kèm theo
/// Quyết định …)» note, read as a sentence («Thực hiện chuyển đổi số …»).
pub(super) fn unheaded_attached_plan(lines: &[&str], names: &[&str]) -> Option<String> {
    let note = lines.iter().position(|l| {
        let f = fold(l);
        l.trim_start().starts_with('(') && (f.starts_with("kem theo") || f.starts_with("ban hanh kem theo"))
    })?;
    let upper = |l: &str| {
        let t = clean(l);
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        letters > 3 && !t.contains('|') && t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
    };
    let from = (0..note).rev().take_while(|&k| upper(lines[k])).last()?;
    let subject: Vec<String> = lines[from..note].iter().map(|l| clean(l)).collect();
    Some(lower_first(&from_capitals(&subject.join(" "), names)))
}

/// Names a heading in capitals loses its capitals of (besides the issuer's
/// and the province's, given by the caller).
const PROPER: [&str; 14] = [
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ban Thường vụ Tỉnh ủy",
    "Ban Thường vụ Thành ủy",
    "Tỉnh ủy",
    "Thành ủy",
    "Quốc hội",
    "Trung ương",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Việt Nam",
];

/// A heading or title line in capitals as a sentence: lower case but for
/// its first letter, document symbols («38/NQ-CP», «61-NQ/TW») and the
/// proper names in [`PROPER`] and `names`. A line not all in capitals is
/// returned as it is, its first letter capitalised.
pub(super) fn from_capitals(line: &str, names: &[&str]) -> String {
    let upper = line.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    if !upper {
        return upper_first(line);
    }
    let words: Vec<String> = line
        .split(' ')
        .map(|w| if w.chars().any(|c| c.is_ascii_digit()) { w.to_owned() } else { w.to_lowercase() })
        .collect();
    let mut out = upper_first(&words.join(" "));
    // A document named by its number keeps its kind's capital: «Nghị quyết số 38/NQ-CP».
    for kind in [
        "nghị quyết",
        "kế hoạch",
        "quyết định",
        "chỉ thị",
        "chương trình",
        "kết luận",
        "nghị định",
        "thông tư",
        "luật",
        "đề án",
    ] {
        let named = format!("{kind} số ");
        while let Some(at) = out.find(&named) {
            let upper = upper_first(&named);
            out.replace_range(at..at + named.len(), &upper);
        }
    }
    for name in PROPER.iter().copied().chain(names.iter().copied().filter(|n| !n.is_empty())) {
        let lower = name.to_lowercase();
        let mut from = 0;
        while let Some(at) = out[from..].find(&lower).map(|k| k + from) {
            // Whole words only.
            let before = out[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = out[at + lower.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before && after && lower.len() == name.len() {
                out.replace_range(at..at + lower.len(), name);
            }
            from = at + lower.len();
        }
    }
    out
}

/// All in lower case but its first letter: «ỦY BAN NHÂN DÂN» → «Ủy ban nhân dân».
pub(super) fn sentence_case(s: &str) -> String {
    upper_first(&s.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_columns_of_a_header_are_told_apart() {
        assert_eq!(issuer_part("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "CHÍNH PHỦ");
        assert_eq!(issuer_part("ỦY BAN NHÂN DÂN\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "ỦY BAN NHÂN DÂN");
        assert_eq!(issuer_part("ỦY BAN NHÂN DÂN"), "ỦY BAN NHÂN DÂN");
        assert_eq!(
            issuer_part("  ĐẢNG BỘ TỈNH QUẢNG TRỊ        ĐẢNG CỘNG SẢN VIỆT NAM"),
            "  ĐẢNG BỘ TỈNH QUẢNG TRỊ"
        );
        assert_eq!(
            party_issuer("ĐẢNG BỘ TỈNH QUẢNG TRỊ", "TỈNH ỦY   ______").as_deref(),
            Some("Tỉnh ủy Quảng Trị")
        );
        assert_eq!(party_issuer("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "THÀNH ỦY").as_deref(), Some("Thành ủy Hà Nội"));
        assert_eq!(party_issuer("ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU"), None);
        assert_eq!(number_of("Số: 38/NQ-CP Hà Nội, ngày 11 tháng 3 năm 2025").as_deref(), Some("38/NQ-CP"));
        assert_eq!(number_of("Số: 60/KH-UBND").as_deref(), Some("60/KH-UBND"));
        assert_eq!(number_of("  Số 27-KH/TU        Quảng Trị, ngày 05").as_deref(), Some("27-KH/TU"));
        assert_eq!(number_of("Số hóa hồ sơ 10/2025"), None);
        assert_eq!(place_of("Số 27-KH/TU Quảng Trị, ngày 05 tháng 9").as_deref(), Some("Quảng Trị"));
        assert_eq!(place_of("Số: 38/NQ-CP Hà Nội, ngày 11 tháng 3 năm 2025").as_deref(), Some("Hà Nội"));
        assert_eq!(place_of("Cà Mau, ngày 25 tháng 02 năm 2025").as_deref(), Some("Cà Mau"));
        assert_eq!(place_of("| Yên Bái, ngày 20 tháng 02 năm 2025 |").as_deref(), Some("Yên Bái"));
        assert!(is_central("Chính phủ") && is_central("Bộ Khoa học và Công nghệ"));
        assert!(!is_central("Ủy ban nhân dân tỉnh Cà Mau"));
    }

    #[test]
    fn the_signer_is_read_from_the_signature_column() {
        let body = [
            "Nơi nhận:\tTM. CHÍNH PHỦ",
            "- Ban Bí thư Trung ương Đảng;\tKT. THỦ TƯỚNG",
            "- Thủ tướng;\tPHÓ THỦ TƯỚNG",
            "- Các bộ;",
            "- HĐND, UBND các tỉnh;\t",
            "- Văn phòng Trung ương;\t[đã ký]",
            "- Lưu: VT, KGVX (2b).\tLê Minh Khôi",
        ];
        let column = signature_column(&body);
        assert_eq!(
            column,
            ["TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "[đã ký]", "Lê Minh Khôi"]
        );
        assert!(is_signed_mark("[đã ký]") && is_signed_mark("(Đã ký)") && !is_signed_mark("Lê Minh Khôi"));
    }

    #[test]
    fn the_programme_a_resolution_issues_is_the_plan() {
        let lines = [
            "Điều 1. Ban hành kèm theo Nghị quyết này Chương trình hành động của Chính phủ.",
            "",
            "CHƯƠNG TRÌNH HÀNH ĐỘNG CỦA CHÍNH PHỦ",
            "Thực hiện Nghị quyết số 61-NQ/TW ngày 14 tháng 02 năm 2025 của Bộ Chính trị",
            "(Kèm theo Nghị quyết số 38/NQ-CP ngày 11 tháng 3 năm 2025 của Chính phủ)",
        ];
        assert_eq!(
            attached_plan(&lines, "Chính phủ"),
            Some((
                "Chương trình hành động".to_owned(),
                "Chương trình hành động của Chính phủ thực hiện Nghị quyết số 61-NQ/TW ngày 14 tháng 02 năm 2025 của Bộ Chính trị".to_owned()
            ))
        );
        assert_eq!(attached_plan(&lines[..2], "Chính phủ"), None);
    }

    #[test]
    fn a_sites_header_of_keys_and_values_on_two_lines_is_read() {
        let lines = ["Số hiệu:", "812/QĐ-BKHCN", "Người ký:", "Phan Đức Minh", "BỘ KHOA HỌC VÀ", "CÔNG NGHỆ"];
        assert_eq!(
            colon_pairs(&lines),
            [
                ("so hieu".to_owned(), "812/QĐ-BKHCN".to_owned()),
                ("nguoi ky".to_owned(), "Phan Đức Minh".to_owned())
            ]
        );
    }

    #[test]
    fn a_heading_in_capitals_reads_as_a_sentence() {
        assert_eq!(
            from_capitals(
                "THỰC HIỆN NGHỊ QUYẾT SỐ 38/NQ-CP NGÀY 11/3/2025 CỦA CHÍNH PHỦ VÀ KẾ HOẠCH SỐ 12-KH/TU CỦA BAN THƯỜNG VỤ TỈNH ỦY TỈNH LÂM ĐỒNG",
                &["Lâm Đồng"]
            ),
            "Thực hiện Nghị quyết số 38/NQ-CP ngày 11/3/2025 của Chính phủ và Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy tỉnh Lâm Đồng"
        );
        assert_eq!(from_capitals("thực hiện Nghị quyết 57", &[]), "Thực hiện Nghị quyết 57");
    }
}
