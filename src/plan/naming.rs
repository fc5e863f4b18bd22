//! What a phrase of a plan's agency columns says by its words alone: whether
//! it reads as the name of an agency (by its head noun: Bộ, Sở, Ủy ban nhân
//! dân, Công an, Đài…), and how a cell naming several is cut.
//!
//! The registry resolves the names it knows; these rules let a plan of
//! another province or of a ministry be read before its agencies are
//! registered: «Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông» is two
//! agencies, «Bộ Văn hóa, Thể thao và Du lịch» one.

use super::agency::AgencyKind;

/// Head nouns of Vietnamese agency names, lower case with diacritics (so
/// that «Bộ» is not «bổ»): the words a name starts with.
const HEADS: [&str; 40] = [
    "bộ",
    "sở",
    "ban",
    "ủy ban",
    "uỷ ban",
    "ubnd",
    "văn phòng",
    "công an",
    "ngân hàng",
    "thanh tra",
    "đài",
    "báo",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "hội",
    "mặt trận",
    "tòa án",
    "toà án",
    "viện",
    "cục",
    "tổng cục",
    "kho bạc",
    "tỉnh đoàn",
    "thành đoàn",
    "liên đoàn",
    "học viện",
    "trường",
    "bệnh viện",
    "trung tâm",
    "thông tấn xã",
    "quỹ",
    "bảo hiểm xã hội",
    "đại học",
    "hội đồng",
    "kiểm toán",
    "chi cục",
    "đoàn",
    "ủy ban mặt trận",
    "các",
];

/// Whether `name` starts with the head noun of an agency name (or «Các …»,
/// a collective phrase such as «Các sở, ban, ngành»).
pub fn looks_like_agency(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    // «ban» alone (in «Các sở, ban, ngành») is a word of a list, not a name.
    // «Tỉnh Đoàn», «Thành Đoàn» are whole names by themselves.
    HEADS.iter().any(|h| lower.strip_prefix(h).is_some_and(|rest| rest.starts_with(' ') && rest.len() > 1))
        || ["tỉnh đoàn", "thành đoàn"].contains(&lower.trim_end_matches(['.', ',', ';']))
}

/// Cuts `text` into the agency names it lists. The pieces between `,` `;`
/// and « và » are read in order: a piece that reads as a name starts a new
/// one, any other continues the name before it («Bộ Khoa học và Công
/// nghệ», «Bộ Văn hóa, Thể thao và Du lịch»). `None` unless that gives
/// several names, each read as one.
pub fn split_names(text: &str) -> Option<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = text.trim();
    let mut separator = "";
    while !rest.is_empty() {
        let cut = [",", ";", " và "].iter().filter_map(|s| rest.find(s).map(|i| (i, *s))).min();
        let (piece, sep, next) = match cut {
            Some((i, s)) => (&rest[..i], s, &rest[i + s.len()..]),
            None => (rest, "", ""),
        };
        let piece = piece.trim();
        match names.last_mut() {
            Some(name) if !looks_like_agency(piece) => {
                name.push_str(separator);
                if separator != " và " {
                    name.push(' ');
                }
                name.push_str(piece);
            }
            _ => names.push(piece.to_owned()),
        }
        separator = if sep == " và " { " và " } else { sep };
        rest = next.trim_start();
    }
    for name in &mut names {
        *name = name.trim().trim_end_matches(['.', ',', ';']).trim().to_owned();
    }
    names.retain(|n| !n.is_empty());
    (names.len() > 1 && names.iter().all(|n| looks_like_agency(n))).then_some(names)
}

/// The kind of an agency by its head noun: local governments are
/// localities; ministries, departments and bodies of their level are
/// departments; the rest (media, associations, companies) other.
pub fn kind_of(name: &str) -> AgencyKind {
    let lower = name.trim().to_lowercase();
    let starts = |heads: &[&str]| heads.iter().any(|h| lower.starts_with(&format!("{h} ")));
    let central = [
        "ngân hàng nhà nước",
        "văn phòng chính phủ",
        "thanh tra chính phủ",
        "kiểm toán nhà nước",
        "viện hàn lâm",
        "đài truyền hình việt nam",
        "đài tiếng nói việt nam",
        "thông tấn xã việt nam",
        "ủy ban quản lý vốn",
        "uỷ ban quản lý vốn",
        "ủy ban dân tộc",
        "bảo hiểm xã hội việt nam",
    ];
    if starts(&["ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd"]) {
        AgencyKind::Locality
    } else if (starts(&["bộ"]) && !starts(&["bộ chỉ huy", "bộ đội"]))
        || central.iter().any(|c| lower.starts_with(c))
    {
        AgencyKind::Ministry
    } else if starts(&[
        "sở",
        "ban",
        "văn phòng",
        "công an",
        "bộ chỉ huy",
        "ngân hàng nhà nước",
        "thanh tra",
        "cục",
        "tổng cục",
        "kho bạc",
        "bảo hiểm xã hội",
        "chi cục",
        "ủy ban",
        "uỷ ban",
        "kiểm toán",
        "viện kiểm sát",
        "tòa án",
        "toà án",
    ]) {
        AgencyKind::Department
    } else {
        AgencyKind::Other
    }
}

/// Whether a name stands for several agencies: «Các bộ, ngành», «Ủy ban
/// nhân dân các xã, phường», «các cơ quan liên quan».
pub fn is_collective(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    lower.starts_with("các ") || lower.contains(" các ")
}

/// The kinds of agency a collective name covers, by its words.
pub fn kinds_of_collective(name: &str) -> Vec<AgencyKind> {
    // «Ủy ban nhân dân» holds the word «ban» of «sở, ban, ngành».
    let lower = name.to_lowercase().replace("ủy ban nhân dân", "ubnd").replace("uỷ ban nhân dân", "ubnd");
    let has = |words: &[&str]| words.iter().any(|w| lower.split([' ', ',', ';']).any(|x| x == *w));
    let mut kinds = Vec::new();
    if has(&["bộ", "chính phủ"]) || lower.contains("ngang bộ") || lower.contains("thuộc chính phủ")
    {
        kinds.push(AgencyKind::Ministry);
    }
    // «Các bộ, ngành» are central; «các sở, ban, ngành» provincial.
    if has(&["sở", "ban", "cục"]) || (has(&["ngành"]) && kinds.is_empty()) {
        kinds.push(AgencyKind::Department);
    }
    if has(&["huyện", "xã", "phường", "đặc", "quận", "thị", "ubnd"]) || lower.contains("địa phương")
    {
        kinds.push(AgencyKind::Locality);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_only_where_every_part_is_a_name() {
        assert_eq!(
            split_names("Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông"),
            Some(vec!["Bộ Khoa học và Công nghệ".into(), "Bộ Thông tin và Truyền thông".into()])
        );
        assert_eq!(split_names("Các sở, ban, ngành"), None);
        assert_eq!(
            split_names("Sở Công Thương và Công an tỉnh; UBND các xã, phường."),
            Some(vec!["Sở Công Thương".into(), "Công an tỉnh".into(), "UBND các xã, phường".into()])
        );
        assert_eq!(
            split_names("Bộ Tài chính; Bộ Nội vụ và Ngân hàng Nhà nước Việt Nam"),
            Some(vec!["Bộ Tài chính".into(), "Bộ Nội vụ".into(), "Ngân hàng Nhà nước Việt Nam".into()])
        );
        assert_eq!(split_names("Bộ Văn hóa, Thể thao và Du lịch"), None);
        assert_eq!(split_names("Sở Khoa học và Công nghệ"), None);
        assert_eq!(
            split_names("Hội Nông dân tỉnh và Tỉnh Đoàn"),
            Some(vec!["Hội Nông dân tỉnh".into(), "Tỉnh Đoàn".into()])
        );
        assert!(looks_like_agency("Ủy ban nhân dân các xã, phường") && looks_like_agency("Các bộ, ngành"));
        assert!(!looks_like_agency("bổ sung nguồn lực") && !looks_like_agency("Thể thao và Du lịch"));
    }

    #[test]
    fn kinds_come_from_head_nouns_and_collective_words() {
        assert_eq!(kind_of("Bộ Tài chính"), AgencyKind::Ministry);
        assert_eq!(kind_of("Ngân hàng Nhà nước Việt Nam"), AgencyKind::Ministry);
        assert_eq!(kind_of("Bộ Chỉ huy Quân sự tỉnh"), AgencyKind::Department);
        assert_eq!(kind_of("Ủy ban nhân dân phường Tân Thành"), AgencyKind::Locality);
        assert_eq!(kind_of("Đài Truyền hình Việt Nam"), AgencyKind::Ministry);
        assert_eq!(kind_of("Báo và Phát thanh, Truyền hình An Giang"), AgencyKind::Other);
        assert!(
            is_collective("Các bộ, ngành, địa phương") && is_collective("Ủy ban nhân dân các xã, phường")
        );
        assert!(!is_collective("Bộ Công an"));
        assert_eq!(
            kinds_of_collective("Các bộ, ngành, địa phương"),
            vec![AgencyKind::Ministry, AgencyKind::Locality]
        );
        assert_eq!(
            kinds_of_collective("Các bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ"),
            vec![AgencyKind::Ministry]
        );
        assert_eq!(kinds_of_collective("Các sở, ban, ngành tỉnh"), vec![AgencyKind::Department]);
        assert_eq!(kinds_of_collective("Ủy ban nhân dân các xã, phường"), vec![AgencyKind::Locality]);
        assert!(kinds_of_collective("các cơ quan liên quan").is_empty());
    }
}
