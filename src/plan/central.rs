//! Who is who at the centre, built in: the ministries and central bodies of
//! Viet Nam with their official abbreviations (Đ kept: BGDĐT), each old
//! name with what it became in the 2025 reorganisation (Nghị quyết
//! 176/2025/QH15, from 01/3/2025), and the provinces and centrally-run
//! cities before and after their merger (Nghị quyết 202/2025/QH15, from
//! 01/7/2025).
//!
//! Plan import names a central body the way the table wrote it («NHNN»,
//! «Ngân hàng nhà nước Việt Nam», «Bộ Khoa học và Công nghệ, Bộ») as the
//! one entry it is, and says what a merged body became.

use time::{Date, Month};

use super::agency::AgencyKind;
use crate::text::fold;

/// A central body: its id in a registry, name, abbreviation, other
/// spellings, kind; for a body that no longer exists, what it became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    pub id: &'static str,
    pub name: &'static str,
    pub abbr: &'static str,
    pub aliases: &'static [&'static str],
    pub kind: AgencyKind,
    /// The id of the body it was merged into, on [`REORGANISED`].
    pub became: Option<&'static str>,
}

const fn body(
    id: &'static str,
    name: &'static str,
    abbr: &'static str,
    aliases: &'static [&'static str],
) -> Body {
    Body { id, name, abbr, aliases, kind: AgencyKind::Ministry, became: None }
}

const fn other(
    id: &'static str,
    name: &'static str,
    abbr: &'static str,
    aliases: &'static [&'static str],
) -> Body {
    Body { id, name, abbr, aliases, kind: AgencyKind::Other, became: None }
}

const fn merged(id: &'static str, name: &'static str, abbr: &'static str, into: &'static str) -> Body {
    Body { id, name, abbr, aliases: &[], kind: AgencyKind::Ministry, became: Some(into) }
}

/// The day the Government's new structure took effect.
pub fn reorganised() -> Date {
    Date::from_calendar_date(2025, Month::March, 1).unwrap_or(Date::MIN)
}

/// The ministries, ministry-level and Government agencies, the courts and
/// procuracy, the central Party and mass-organisation bodies.
pub const BODIES: &[Body] = &[
    body("bo-quoc-phong", "Bộ Quốc phòng", "BQP", &[]),
    body("bo-cong-an", "Bộ Công an", "BCA", &[]),
    body("bo-ngoai-giao", "Bộ Ngoại giao", "BNG", &[]),
    body("bo-noi-vu", "Bộ Nội vụ", "BNV", &[]),
    body("bo-tu-phap", "Bộ Tư pháp", "BTP", &[]),
    body("bo-tai-chinh", "Bộ Tài chính", "BTC", &[]),
    body("bo-cong-thuong", "Bộ Công Thương", "BCT", &[]),
    body("bo-nong-nghiep-va-moi-truong", "Bộ Nông nghiệp và Môi trường", "BNNMT", &[]),
    body("bo-xay-dung", "Bộ Xây dựng", "BXD", &[]),
    body("bo-van-hoa-the-thao-va-du-lich", "Bộ Văn hóa, Thể thao và Du lịch", "BVHTTDL", &[]),
    body("bo-khoa-hoc-va-cong-nghe", "Bộ Khoa học và Công nghệ", "BKHCN", &["Bộ KH&CN"]),
    body("bo-giao-duc-va-dao-tao", "Bộ Giáo dục và Đào tạo", "BGDĐT", &["Bộ GD&ĐT"]),
    body("bo-y-te", "Bộ Y tế", "BYT", &[]),
    body("bo-dan-toc-va-ton-giao", "Bộ Dân tộc và Tôn giáo", "BDTTG", &[]),
    body("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước Việt Nam", "NHNN", &["Ngân hàng Nhà nước"]),
    body("thanh-tra-chinh-phu", "Thanh tra Chính phủ", "TTCP", &[]),
    body("van-phong-chinh-phu", "Văn phòng Chính phủ", "VPCP", &[]),
    body("dai-truyen-hinh-viet-nam", "Đài Truyền hình Việt Nam", "VTV", &[]),
    body("dai-tieng-noi-viet-nam", "Đài Tiếng nói Việt Nam", "VOV", &[]),
    body("thong-tan-xa-viet-nam", "Thông tấn xã Việt Nam", "TTXVN", &[]),
    body("bao-hiem-xa-hoi-viet-nam", "Bảo hiểm xã hội Việt Nam", "BHXHVN", &[]),
    body("vien-han-lam-khcn-viet-nam", "Viện Hàn lâm Khoa học và Công nghệ Việt Nam", "VHLKHCNVN", &[]),
    body("vien-han-lam-khxh-viet-nam", "Viện Hàn lâm Khoa học xã hội Việt Nam", "VHLKHXHVN", &[]),
    body("hoc-vien-ctqg-ho-chi-minh", "Học viện Chính trị quốc gia Hồ Chí Minh", "HVCTQGHCM", &[]),
    body("ban-co-yeu-chinh-phu", "Ban Cơ yếu Chính phủ", "BCYCP", &[]),
    body("dai-hoc-quoc-gia-ha-noi", "Đại học Quốc gia Hà Nội", "ĐHQGHN", &[]),
    body("dai-hoc-quoc-gia-tp-hcm", "Đại học Quốc gia Thành phố Hồ Chí Minh", "ĐHQG-HCM", &[]),
    other("toa-an-nhan-dan-toi-cao", "Tòa án nhân dân tối cao", "TANDTC", &[]),
    other("vien-kiem-sat-nhan-dan-toi-cao", "Viện kiểm sát nhân dân tối cao", "VKSNDTC", &[]),
    other("kiem-toan-nha-nuoc", "Kiểm toán nhà nước", "KTNN", &[]),
    other("van-phong-quoc-hoi", "Văn phòng Quốc hội", "VPQH", &[]),
    other("van-phong-chu-tich-nuoc", "Văn phòng Chủ tịch nước", "VPCTN", &[]),
    other("van-phong-trung-uong-dang", "Văn phòng Trung ương Đảng", "VPTW", &[]),
    other("ban-to-chuc-trung-uong", "Ban Tổ chức Trung ương", "BTCTW", &[]),
    other("ban-kiem-tra-trung-uong", "Ban Kiểm tra Trung ương", "BKTTW", &["Ủy ban Kiểm tra Trung ương"]),
    other("ban-tuyen-giao-va-dan-van-tw", "Ban Tuyên giáo và Dân vận Trung ương", "BTGDVTW", &[]),
    other("ban-chinh-sach-chien-luoc-tw", "Ban Chính sách, chiến lược Trung ương", "BCSCLTW", &[]),
    other(
        "uy-ban-trung-uong-mttq-viet-nam",
        "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
        "UBTWMTTQVN",
        &[],
    ),
    other("tong-lien-doan-lao-dong-viet-nam", "Tổng Liên đoàn Lao động Việt Nam", "TLĐLĐVN", &[]),
    other(
        "trung-uong-doan-tncs-ho-chi-minh",
        "Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "TWĐ",
        &["Trung ương Đoàn"],
    ),
    other("hoi-lien-hiep-phu-nu-viet-nam", "Hội Liên hiệp Phụ nữ Việt Nam", "HLHPNVN", &[]),
    other("hoi-nong-dan-viet-nam", "Hội Nông dân Việt Nam", "HNDVN", &[]),
    other("hoi-cuu-chien-binh-viet-nam", "Hội Cựu chiến binh Việt Nam", "HCCBVN", &[]),
    other(
        "lien-doan-thuong-mai-va-cong-nghiep",
        "Liên đoàn Thương mại và Công nghiệp Việt Nam",
        "VCCI",
        &["Phòng Thương mại và Công nghiệp Việt Nam"],
    ),
    // Before 01/3/2025.
    merged("bo-ke-hoach-va-dau-tu", "Bộ Kế hoạch và Đầu tư", "BKHĐT", "bo-tai-chinh"),
    merged(
        "bo-thong-tin-va-truyen-thong",
        "Bộ Thông tin và Truyền thông",
        "BTTTT",
        "bo-khoa-hoc-va-cong-nghe",
    ),
    merged(
        "bo-tai-nguyen-va-moi-truong",
        "Bộ Tài nguyên và Môi trường",
        "BTNMT",
        "bo-nong-nghiep-va-moi-truong",
    ),
    merged(
        "bo-nong-nghiep-va-ptnt",
        "Bộ Nông nghiệp và Phát triển nông thôn",
        "BNNPTNT",
        "bo-nong-nghiep-va-moi-truong",
    ),
    merged("bo-giao-thong-van-tai", "Bộ Giao thông vận tải", "BGTVT", "bo-xay-dung"),
    merged("bo-lao-dong-tbxh", "Bộ Lao động - Thương binh và Xã hội", "BLĐTBXH", "bo-noi-vu"),
    merged("uy-ban-dan-toc", "Ủy ban Dân tộc", "UBDT", "bo-dan-toc-va-ton-giao"),
    merged(
        "uy-ban-quan-ly-von-nha-nuoc",
        "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        "UBQLV",
        "bo-tai-chinh",
    ),
    merged("ban-tuyen-giao-trung-uong", "Ban Tuyên giáo Trung ương", "BTGTW", "ban-tuyen-giao-va-dan-van-tw"),
    merged("ban-dan-van-trung-uong", "Ban Dân vận Trung ương", "BDVTW", "ban-tuyen-giao-va-dan-van-tw"),
    merged("ban-kinh-te-trung-uong", "Ban Kinh tế Trung ương", "BKTTW", "ban-chinh-sach-chien-luoc-tw"),
];

/// A central body by any of its spellings: its name in any case, with or
/// without «Việt Nam», its abbreviation, an alias, or a name followed by a
/// stray «, Bộ» left from a list («Bộ Khoa học và Công nghệ, Bộ»).
pub fn find(name: &str) -> Option<&'static Body> {
    let key = key(name);
    if key.is_empty() {
        return None;
    }
    let by_name = |b: &&Body| {
        key == self::key(b.name)
            || b.aliases.iter().any(|a| key == self::key(a))
            || (b.name.ends_with(" Việt Nam") && key == self::key(b.name.trim_end_matches(" Việt Nam")))
    };
    // An abbreviation two bodies share («BKTTW»: Ban Kiểm tra and Ban Kinh
    // tế Trung ương) names neither.
    let by_abbr = || {
        let mut found = BODIES.iter().filter(|b| key == fold(b.abbr));
        found.next().filter(|_| found.next().is_none())
    };
    BODIES.iter().find(by_name).or_else(by_abbr)
}

/// A body by its id.
pub fn by_id(id: &str) -> Option<&'static Body> {
    BODIES.iter().find(|b| b.id == id)
}

/// The body `name` stands for in a plan dated `on`: a body merged before
/// that date stands for what it became (with the old one, for a message).
pub fn current(name: &str, on: Date) -> Option<(&'static Body, Option<&'static Body>)> {
    let found = find(name)?;
    match found.became.and_then(by_id) {
        Some(successor) if on >= reorganised() => Some((successor, Some(found))),
        _ => Some((found, None)),
    }
}

/// The folded name without the words lists leave around it.
fn key(name: &str) -> String {
    let f = fold(name);
    let f = f.strip_suffix(" bo").unwrap_or(&f);
    f.replace(" va ", " ").replace("&", " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The provinces and centrally-run cities merged on 01/7/2025, each with
/// the province it became part of (the 11 left as they were are not listed).
pub const MERGED_PROVINCES: &[(&str, &str)] = &[
    ("Hà Giang", "Tuyên Quang"),
    ("Yên Bái", "Lào Cai"),
    ("Bắc Kạn", "Thái Nguyên"),
    ("Vĩnh Phúc", "Phú Thọ"),
    ("Hòa Bình", "Phú Thọ"),
    ("Bắc Giang", "Bắc Ninh"),
    ("Thái Bình", "Hưng Yên"),
    ("Hải Dương", "Hải Phòng"),
    ("Hà Nam", "Ninh Bình"),
    ("Nam Định", "Ninh Bình"),
    ("Quảng Bình", "Quảng Trị"),
    ("Quảng Nam", "Đà Nẵng"),
    ("Kon Tum", "Quảng Ngãi"),
    ("Bình Định", "Gia Lai"),
    ("Ninh Thuận", "Khánh Hòa"),
    ("Đắk Nông", "Lâm Đồng"),
    ("Bình Thuận", "Lâm Đồng"),
    ("Phú Yên", "Đắk Lắk"),
    ("Bình Dương", "Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Bình Phước", "Đồng Nai"),
    ("Long An", "Tây Ninh"),
    ("Sóc Trăng", "Cần Thơ"),
    ("Hậu Giang", "Cần Thơ"),
    ("Bến Tre", "Vĩnh Long"),
    ("Trà Vinh", "Vĩnh Long"),
    ("Tiền Giang", "Đồng Tháp"),
    ("Bạc Liêu", "Cà Mau"),
    ("Kiên Giang", "An Giang"),
];

/// The day the provinces' merger took effect.
pub fn provinces_merged() -> Date {
    Date::from_calendar_date(2025, Month::July, 1).unwrap_or(Date::MIN)
}

/// The province `province` became part of on 01/7/2025, if it was merged.
pub fn merged_into(province: &str) -> Option<&'static str> {
    let key = fold(province);
    MERGED_PROVINCES.iter().find(|(old, _)| fold(old) == key).map(|(_, new)| *new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn central_bodies_are_found_by_every_spelling() {
        for (spelling, id) in [
            ("NHNN", "ngan-hang-nha-nuoc"),
            ("Ngân hàng nhà nước Việt Nam", "ngan-hang-nha-nuoc"),
            ("Ngân hàng Nhà nước", "ngan-hang-nha-nuoc"),
            ("Bộ Khoa học và Công nghệ, Bộ", "bo-khoa-hoc-va-cong-nghe"),
            ("Bộ Khoa học Công nghệ", "bo-khoa-hoc-va-cong-nghe"),
            ("bộ tài nguyên và môi trường", "bo-tai-nguyen-va-moi-truong"),
            ("VTV", "dai-truyen-hinh-viet-nam"),
            ("Bộ GD&ĐT", "bo-giao-duc-va-dao-tao"),
        ] {
            assert_eq!(find(spelling).map(|b| b.id), Some(id), "{spelling}");
        }
        assert_eq!(find("Sở Tài chính"), None);
        assert_eq!(find("BKTTW"), None, "two bodies' abbreviation");
        // Abbreviations keep Đ.
        assert_eq!(find("Bộ Kế hoạch và Đầu tư").map(|b| b.abbr), Some("BKHĐT"));
    }

    #[test]
    fn a_merged_body_stands_for_what_it_became_after_the_reorganisation() {
        let after = Date::from_calendar_date(2025, Month::March, 11).unwrap();
        let before = Date::from_calendar_date(2024, Month::December, 1).unwrap();
        let (now, old) = current("Bộ Thông tin và Truyền thông", after).unwrap();
        assert_eq!(
            (now.id, old.map(|o| o.id)),
            ("bo-khoa-hoc-va-cong-nghe", Some("bo-thong-tin-va-truyen-thong"))
        );
        assert_eq!(
            current("Bộ Thông tin và Truyền thông", before).unwrap().0.id,
            "bo-thong-tin-va-truyen-thong"
        );
        for b in BODIES {
            assert!(b.became.is_none_or(|id| by_id(id).is_some_and(|s| s.became.is_none())), "{}", b.id);
        }
        assert_eq!(merged_into("Yên Bái"), Some("Lào Cai"));
        assert_eq!(merged_into("Hà Nội"), None);
        // 63 before, 34 after.
        let after: std::collections::BTreeSet<&str> = MERGED_PROVINCES.iter().map(|(_, n)| *n).collect();
        assert_eq!(MERGED_PROVINCES.len(), 63 - 34);
        assert!(after.iter().all(|n| merged_into(n).is_none()));
    }
}
