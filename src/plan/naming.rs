//! What a phrase of a plan's agency columns says by its words alone: whether
//! it reads as the name of an agency (by its head noun: Bộ, Sở, Ủy ban nhân
//! dân, Công an, Đài…), and how a cell naming several is cut.
//!
//! The registry resolves the names it knows; these rules let a plan of
//! another province or of a ministry be read before its agencies are
//! registered: «Bộ Khoa học và Công nghệ, Bộ Thông tin và Truyền thông» is two
//! agencies, «Bộ Văn hóa, Thể thao và Du lịch» one.

use super::agency::AgencyKind;
use crate::text::fold;

/// Head nouns of Vietnamese agency names, lower case with diacritics (so
/// that «Bộ» is not «bổ»): the words a name starts with.
const HEADS: [&str; 49] = [
    "bộ",
    // A department of a ministry: «Vụ Pháp chế», «Vụ Kế hoạch - Tài chính».
    "vụ",
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
    // Provincial branches of the post and telecoms («Bưu điện tỉnh Yên
    // Bái», «Viễn thông Yên Bái»), Party committees of a body («Đảng ủy
    // Công an tỉnh»), the cooperative alliance.
    "bưu điện",
    "viễn thông",
    "đảng ủy",
    "đảng uỷ",
    "liên minh",
    // Branches of the telecoms groups: «Viettel Lâm Đồng», «VNPT Lâm Đồng».
    "viettel",
    "vnpt",
    "mobifone",
];

/// Cities run by the centre (since 1/7/2025): a plan of one names its own
/// bodies «… thành phố Hà Nội».
const CENTRAL_CITIES: [&str; 6] = ["ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"];

/// Abbreviations seen in plans and in what clerks type, as folded words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("ubnd", "uy ban nhan dan"),
    ("hdnd", "hoi dong nhan dan"),
    ("ubmttq", "uy ban mat tran to quoc"),
    ("mttq", "mat tran to quoc"),
    ("khcn", "khoa hoc va cong nghe"),
    ("gddt", "giao duc va dao tao"),
    ("vhttdl", "van hoa the thao va du lich"),
    ("nnmt", "nong nghiep va moi truong"),
    ("nnptnt", "nong nghiep va phat trien nong thon"),
    ("tnmt", "tai nguyen va moi truong"),
    ("tttt", "thong tin va truyen thong"),
    ("khdt", "ke hoach va dau tu"),
    ("ldtbxh", "lao dong thuong binh va xa hoi"),
    ("gtvt", "giao thong van tai"),
    ("nhnn", "ngan hang nha nuoc"),
    ("bchqs", "bo chi huy quan su"),
    ("bql", "ban quan ly"),
    ("kkt", "khu kinh te"),
    ("ptth", "phat thanh va truyen hinh"),
    ("tand", "toa an nhan dan"),
    ("vksnd", "vien kiem sat nhan dan"),
    ("tp", "thanh pho"),
    ("khtc", "ke hoach tai chinh"),
    ("pc", "phap che"),
    ("cdsqg", "chuyen doi so quoc gia"),
];

/// Provincial departments by the abbreviation plans write after «Sở»
/// (folded), with their names in full, before and after the 2025 mergers.
const DEPARTMENTS: &[(&str, &str)] = &[
    ("nnptnt", "Nông nghiệp và Phát triển nông thôn"),
    ("nnmt", "Nông nghiệp và Môi trường"),
    ("tttt", "Thông tin và Truyền thông"),
    ("khdt", "Kế hoạch và Đầu tư"),
    ("ldtbxh", "Lao động - Thương binh và Xã hội"),
    ("gddt", "Giáo dục và Đào tạo"),
    ("vhttdl", "Văn hóa, Thể thao và Du lịch"),
    ("vhtt", "Văn hóa và Thể thao"),
    ("tnmt", "Tài nguyên và Môi trường"),
    ("gtvt", "Giao thông vận tải"),
    ("khcn", "Khoa học và Công nghệ"),
    ("ndtg", "Dân tộc và Tôn giáo"),
];

/// «Sở NN&PTNT» → «Sở Nông nghiệp và Phát triển nông thôn», «Ủy ban MTTQ
/// tỉnh» → «Ủy ban Mặt trận Tổ quốc tỉnh»: a name written with an
/// abbreviation, in full; `None` for any other name.
pub fn spelled_out(name: &str) -> Option<String> {
    if name.split_whitespace().any(|w| w == "MTTQ") {
        let words: Vec<&str> =
            name.split_whitespace().map(|w| if w == "MTTQ" { "Mặt trận Tổ quốc" } else { w }).collect();
        return Some(words.join(" "));
    }
    let rest = name.trim().strip_prefix("Sở ")?;
    let (abbr, tail) = rest.split_once(' ').unwrap_or((rest, ""));
    if abbr.chars().any(char::is_lowercase) {
        return None;
    }
    let (_, full) = DEPARTMENTS.iter().find(|(a, _)| *a == fold(abbr))?;
    Some(format!("Sở {full}{}{tail}", if tail.is_empty() { "" } else { " " }))
}

/// Whether a name is written with an abbreviation («Sở TT&TT», «UBND
/// huyện …»), so that the same name in full is the better one to keep.
pub fn is_abbreviated(name: &str) -> bool {
    name.contains('&') || fold(name).split(' ').any(|w| ABBREVIATIONS.iter().any(|(a, _)| *a == w))
}

/// A list sharing its head: «UBND các huyện Văn Yên, Văn Chấn, Trấn Yên»
/// names «UBND huyện Văn Yên», «UBND huyện Văn Chấn», «UBND huyện Trấn
/// Yên». `None` unless «các» + a kind of locality is followed by proper
/// names only.
pub fn shared_head(text: &str) -> Option<Vec<String>> {
    const UNITS: [&str; 6] = ["huyện", "xã", "phường", "thị xã", "thành phố", "tỉnh"];
    let (head, rest) = text.split_once(" các ")?;
    let unit = UNITS.iter().filter(|u| rest.starts_with(&format!("{u} "))).max_by_key(|u| u.len())?;
    let names: Vec<&str> = rest[unit.len()..]
        .split([',', ';'])
        .flat_map(|p| p.split(" và "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let proper = |n: &str| n.split_whitespace().all(|w| w.chars().next().is_some_and(char::is_uppercase));
    (names.len() > 1 && looks_like_agency(&format!("{head} {unit} x")) && names.iter().all(|n| proper(n)))
        .then(|| names.iter().map(|n| format!("{head} {unit} {n}")).collect())
}

/// Whether a name is a Party committee or one of its organs («Tỉnh ủy
/// Quảng Trị», «Ban Tuyên giáo và Dân vận Tỉnh ủy», «Đảng ủy Công an
/// tỉnh»): their documents follow the Party's rules of form, not the State's.
pub fn is_party_body(name: &str) -> bool {
    let f = format!(" {} ", fold(name));
    [
        " tinh uy ",
        " thanh uy ",
        " huyen uy ",
        " quan uy ",
        " thi uy ",
        " dang uy ",
        " ban chap hanh trung uong ",
        " bo chinh tri ",
        " ban bi thu ",
    ]
    .iter()
    .any(|w| f.contains(w))
}

/// The key under which a name is looked up: folded (no case, diacritics or
/// punctuation), abbreviations spelled out, and a trailing "tỉnh" / "của
/// tỉnh" / "tỉnh <province>" dropped, since plans write "Ban Quản lý Khu kinh
/// tế" and "Ban Quản lý Khu kinh tế tỉnh" for the same body.
pub fn name_key(name: &str, province: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split(' ').filter(|w| !w.is_empty()) {
        match ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == w) {
            Some((_, full)) => words.extend(full.split(' ')),
            None => words.push(w),
        }
    }
    let province = fold(province);
    let bare = province.strip_prefix("thanh pho ").unwrap_or(&province);
    // «thành phố Hà Nội» is the plan's own city only for a city run by the
    // centre: «UBND thành phố Cà Mau» is a city of Cà Mau province.
    let city = CENTRAL_CITIES.contains(&bare);
    let bare: Vec<&str> = bare.split(' ').filter(|w| !w.is_empty()).collect();
    if !bare.is_empty() && words.len() > bare.len() + 1 && words.ends_with(&bare) {
        let cut = words.len() - bare.len();
        if words[cut - 1] == "tinh" {
            words.truncate(cut);
        } else if city && cut >= 3 && words[cut - 2..cut] == ["thanh", "pho"] {
            words.truncate(cut - 2);
        }
    }
    let designators: &[&[&str]] = if city { &[&["tinh"], &["thanh", "pho"]] } else { &[&["tinh"]] };
    for d in designators {
        if words.len() > d.len() && words.ends_with(d) {
            words.truncate(words.len() - d.len());
            if words.len() > 1 && words.last() == Some(&"cua") {
                words.pop();
            }
        }
    }
    words.join(" ")
}

/// A province or city without «tỉnh» / «thành phố» in front, as printed.
pub fn bare_province(province: &str) -> &str {
    let folded = fold(province);
    for (designator, words) in [("thanh pho ", 2), ("tinh ", 1)] {
        if folded.starts_with(designator) {
            return province.splitn(words + 1, ' ').nth(words).unwrap_or(province);
        }
    }
    province
}

/// How a plan names its own province or city after «Ủy ban nhân dân»:
/// «tỉnh Cà Mau», «thành phố Hà Nội» (a city run by the centre).
pub fn locality_name(province: &str) -> String {
    let folded = fold(province);
    match folded.strip_prefix("thanh pho ") {
        Some(_) => crate::text::lower_first(province),
        None if CENTRAL_CITIES.contains(&folded.as_str()) => format!("thành phố {province}"),
        None => format!("tỉnh {province}"),
    }
}

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
        // «Đảng ủy Ủy ban Mặt trận Tổ quốc và các đoàn thể tỉnh» is one
        // Party committee: what follows its «và các» is part of its name.
        let party_committee = |name: &str| fold(name).starts_with("dang uy") && piece.starts_with("các ");
        match names.last_mut() {
            Some(name) if !looks_like_agency(piece) || party_committee(name) => {
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

/// Names of ministries or departments run together without a separator
/// when a table's cell was flattened: «Bộ Thông tin và Truyền thông Bộ Khoa
/// học và Công nghệ». Cut before each «Bộ »/«Sở » that starts a name;
/// `None` unless every part is such a name of two words or more.
pub fn split_run_together(text: &str) -> Option<Vec<String>> {
    let text = text.trim();
    let mut cuts: Vec<usize> =
        text.match_indices(" Bộ ").chain(text.match_indices(" Sở ")).map(|(i, _)| i + 1).collect();
    if cuts.is_empty() {
        return None;
    }
    cuts.sort_unstable();
    cuts.insert(0, 0);
    cuts.push(text.len());
    let parts: Vec<String> = cuts.windows(2).map(|w| text[w[0]..w[1]].trim().to_owned()).collect();
    parts
        .iter()
        .all(|p| (p.starts_with("Bộ ") || p.starts_with("Sở ")) && p.split_whitespace().count() >= 2)
        .then_some(parts)
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
    lower.starts_with("các ") || collective_inside(name) || is_generic(name)
}

/// «Ủy ban nhân dân các xã, phường», «Sở Khoa học và Công nghệ các tỉnh»:
/// «các» before a kind of agency («Ban Quản lý các khu công nghiệp», «Liên
/// hiệp các Hội …» are one agency each).
fn collective_inside(name: &str) -> bool {
    const NOUNS: [&str; 16] = [
        "xa", "phuong", "tinh", "huyen", "quan", "thi", "thanh", "so", "bo", "co", "don", "dia", "tap",
        "doanh", "nganh", "dac",
    ];
    let words: Vec<&str> = name.split_whitespace().collect();
    words.windows(2).skip(1).any(|w| {
        w[0].to_lowercase() == "các"
            && w[1].chars().next().is_some_and(char::is_lowercase)
            && NOUNS.contains(&fold(w[1]).as_str())
    }) || words.first().is_some_and(|w| w.to_lowercase() == "các")
}

/// A name made of common nouns only, no proper name after its first word:
/// «Bộ, ngành, địa phương», «Địa phương được lựa chọn», «Tập đoàn, doanh
/// nghiệp công nghệ số», «tổng công ty nhà nước» (but «Bộ Tài chính»,
/// «Tập đoàn Viettel» are agencies).
fn is_generic(name: &str) -> bool {
    const HEADS: [&str; 10] = [
        "bo",
        "nganh",
        "dia phuong",
        "tap doan",
        "doanh nghiep",
        "tong cong ty",
        "co quan",
        "don vi",
        "to chuc",
        "so",
    ];
    let f = fold(name);
    let generic_head = HEADS.iter().any(|h| f == *h || f.starts_with(&format!("{h} ")));
    let proper_after_first =
        name.split_whitespace().skip(1).any(|w| w.chars().next().is_some_and(char::is_uppercase));
    generic_head && !proper_after_first
}

/// The kinds of agency a collective name covers, by its words.
pub fn kinds_of_collective(name: &str) -> Vec<AgencyKind> {
    // «Ủy ban nhân dân» holds the word «ban», «chính trị - xã hội» the word «xã».
    let lower = name
        .to_lowercase()
        .replace("ủy ban nhân dân", "ubnd")
        .replace("uỷ ban nhân dân", "ubnd")
        .replace("chính trị - xã hội", "ctxh")
        .replace("chính trị-xã hội", "ctxh");
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
    // Mass organisations, associations, media: «các tổ chức chính trị - xã
    // hội», «các hội, đoàn thể».
    if kinds.is_empty() && (lower.contains("tổ chức") || lower.contains("đoàn thể") || has(&["hội"]))
    {
        kinds.push(AgencyKind::Other);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_run_together_are_cut_before_each_ministry() {
        assert_eq!(
            split_run_together("Bộ Khoa học và Công nghệ Bộ Công an"),
            Some(vec!["Bộ Khoa học và Công nghệ".to_owned(), "Bộ Công an".to_owned()])
        );
        assert_eq!(split_run_together("Bộ Chỉ huy Quân sự tỉnh"), None);
        assert_eq!(split_run_together("Văn phòng Bộ Tư pháp"), None);
    }

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
    fn a_name_with_the_plans_own_province_or_central_city_is_the_same_agency() {
        assert_eq!(name_key("Sở Tài chính tỉnh Cà Mau", "Cà Mau"), name_key("Sở Tài chính", "Cà Mau"));
        assert_eq!(name_key("UBND tỉnh", "Cà Mau"), "uy ban nhan dan");
        // A city inside a province is another body.
        assert_ne!(name_key("UBND thành phố Cà Mau", "Cà Mau"), name_key("UBND tỉnh Cà Mau", "Cà Mau"));
        for province in ["Hà Nội", "Thành phố Hà Nội"] {
            assert_eq!(name_key("Sở Tài chính thành phố Hà Nội", province), "so tai chinh");
            assert_eq!(name_key("Sở Tài chính TP. Hà Nội", province), "so tai chinh");
            assert_eq!(name_key("Ủy ban nhân dân Thành phố", province), "uy ban nhan dan");
        }
        assert_eq!(name_key("Công an Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"), "cong an");
        assert_eq!(locality_name("Cà Mau"), "tỉnh Cà Mau");
        assert_eq!(bare_province("Thành phố Hồ Chí Minh"), "Hồ Chí Minh");
        assert_eq!(bare_province("tỉnh An Giang"), "An Giang");
        assert_eq!(bare_province("Cà Mau"), "Cà Mau");
        assert_eq!(locality_name("Hà Nội"), "thành phố Hà Nội");
        assert_eq!(locality_name("Thành phố Hồ Chí Minh"), "thành phố Hồ Chí Minh");
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
