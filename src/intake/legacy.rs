//! Text typed in the legacy Vietnamese encodings TCVN3 (ABC, fonts `.VnTime`)
//! and VNI-Windows, found in cells of returned workbooks.
//!
//! Such text reaches us as Latin-1 look-alikes: TCVN3 "Së Khoa häc" (one
//! byte per letter), VNI "Sôû Khoa hoïc" (a base letter and a mark). A cell
//! is converted when it holds characters that Vietnamese in Unicode never
//! uses, or when its words are not Vietnamese syllables while its decoding's
//! are ("Tèt" is TCVN3 for "Tốt"). Which of the two encodings, when both
//! decode a cell, is decided by the rest of the workbook ([`decide`]); text
//! that is Vietnamese as it stands is never converted. The caller warns with
//! the cell and keeps the original text in the message.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The legacy encoding a text was typed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    pub fn label(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI-Windows",
        }
    }
}

/// The 67 lower-case letters of TCVN3 and its 7 upper-case base letters, in
/// Unicode and in TCVN3 (as the Latin-1 characters of the same byte values).
const UNICODE_74: &str = "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";
const TCVN3_74: &str = "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u{AD}õøö÷ùúýûüþ¡¢§£¤¥¦";

/// Latin-1 letters that Vietnamese in Unicode uses; any other character from
/// U+00A0 to U+00FF is evidence of a legacy encoding.
const VIETNAMESE_LATIN1: &str = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý";

/// Latin-1 signs that also occur as ordinary punctuation: evidence only when
/// they stand inside a word ("C«ng"), not around it ("«A»").
const PUNCTUATION_LIKE: &str = "«»°±×·§©®¶";

/// Combining marks of the five tones: sắc, huyền, hỏi, ngã, nặng.
const TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

/// VNI-Windows writes a letter as its base and a mark. Each entry: the
/// Unicode base, its VNI spelling in lower and upper case, and the tone marks
/// (sắc, huyền, hỏi, ngã, nặng) in lower and upper case.
const PLAIN: [[char; 5]; 2] = [['ù', 'ø', 'û', 'õ', 'ï'], ['Ù', 'Ø', 'Û', 'Õ', 'Ï']];
const CIRCUMFLEX: [[char; 5]; 2] = [['á', 'à', 'å', 'ã', 'ä'], ['Á', 'À', 'Å', 'Ã', 'Ä']];
const BREVE: [[char; 5]; 2] = [['é', 'è', 'ú', 'ü', 'ë'], ['É', 'È', 'Ú', 'Ü', 'Ë']];
const VNI_BASES: [(char, &str, &str, [[char; 5]; 2]); 11] = [
    ('a', "a", "A", PLAIN),
    ('â', "aâ", "AÂ", CIRCUMFLEX),
    ('ă', "aê", "AÊ", BREVE),
    ('e', "e", "E", PLAIN),
    ('ê', "eâ", "EÂ", CIRCUMFLEX),
    ('o', "o", "O", PLAIN),
    ('ô', "oâ", "OÂ", CIRCUMFLEX),
    ('ơ', "ô", "Ô", PLAIN),
    ('u', "u", "U", PLAIN),
    ('ư', "ö", "Ö", PLAIN),
    ('y', "y", "Y", PLAIN),
];

struct Tables {
    tcvn3_decode: HashMap<char, char>,
    tcvn3_encode: HashMap<char, char>,
    /// VNI sequences (one or two characters) to Unicode.
    vni_decode: HashMap<String, char>,
    vni_encode: HashMap<char, String>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let pairs: Vec<(char, char)> = UNICODE_74.chars().zip(TCVN3_74.chars()).collect();
        let tcvn3_decode = pairs.iter().map(|&(u, t)| (t, u)).collect();
        let mut tcvn3_encode: HashMap<char, char> = pairs.iter().copied().collect();
        // TCVN3 has no upper-case toned letters: they are written with the
        // lower-case codes in an upper-case font (.VnTimeH).
        for &(u, t) in &pairs {
            for up in u.to_uppercase() {
                tcvn3_encode.entry(up).or_insert(t);
            }
        }
        let mut vni: Vec<(char, String)> = Vec::new();
        let compose = |base: char, tone: char| -> char {
            let s: String = [base, tone].iter().collect::<String>().nfc().collect();
            s.chars().next().unwrap_or(base)
        };
        for (base, lower, upper, marks) in VNI_BASES {
            for up in [false, true] {
                let base = if up { base.to_uppercase().next().unwrap_or(base) } else { base };
                let vni_base = if up { upper } else { lower };
                let marks = &marks[usize::from(up)];
                // A letter with only its hat (â, ă, ê, ô, ơ, ư) is a sequence too.
                if !base.is_ascii() {
                    vni.push((base, vni_base.to_owned()));
                }
                // Circumflex and breve letters carry hat and tone in one mark:
                // "aá" is ấ. Other letters keep their base: "ôù" is ớ.
                let prefix: String = if vni_base.chars().count() == 2 {
                    vni_base.chars().take(1).collect()
                } else {
                    vni_base.to_owned()
                };
                for (tone, mark) in TONES.iter().zip(marks) {
                    vni.push((compose(base, *tone), format!("{prefix}{mark}")));
                }
            }
        }
        // i, ỵ and đ have single characters of their own.
        for (up, marks, y_dot, d) in [(false, "íìæóò", "î", "ñ"), (true, "ÍÌÆÓÒ", "Î", "Ñ")] {
            let i = if up { 'I' } else { 'i' };
            for (tone, mark) in TONES.iter().zip(marks.chars()) {
                vni.push((compose(i, *tone), mark.to_string()));
            }
            let y = if up { 'Y' } else { 'y' };
            vni.retain(|(u, _)| *u != compose(y, TONES[4]));
            vni.push((compose(y, TONES[4]), y_dot.to_owned()));
            vni.push((if up { 'Đ' } else { 'đ' }, d.to_owned()));
        }
        let vni_decode = vni.iter().map(|(u, v)| (v.clone(), *u)).collect();
        let vni_encode = vni.into_iter().collect();
        Tables { tcvn3_decode, tcvn3_encode, vni_decode, vni_encode }
    })
}

fn is_foreign(c: char) -> bool {
    ('\u{A0}'..='\u{FF}').contains(&c) && !VIETNAMESE_LATIN1.contains(c)
}

/// Characters that only Unicode Vietnamese has (ơ, ư, đ, ạ … ỹ).
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(c, '\u{100}'..='\u{24F}' | '\u{1EA0}'..='\u{1EFF}')
}

/// Whether `s` holds a letter only Unicode can type: it was not typed with
/// a legacy keyboard.
pub fn is_unicode_only(s: &str) -> bool {
    s.chars().any(is_unicode_vietnamese)
}

fn decode_tcvn3(s: &str) -> String {
    let t = &tables().tcvn3_decode;
    let out: String = s.chars().map(|c| *t.get(&c).unwrap_or(&c)).collect();
    // Text typed in an upper-case font comes back in lower case: restore it.
    let letters: Vec<char> = s.chars().filter(char::is_ascii_alphabetic).collect();
    if letters.len() >= 2 && letters.iter().all(char::is_ascii_uppercase) { out.to_uppercase() } else { out }
}

fn decode_vni(s: &str) -> String {
    let t = &tables().vni_decode;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if i + 1 < chars.len() {
            let pair: String = chars[i..i + 2].iter().collect();
            if let Some(&u) = t.get(&pair) {
                out.push(u);
                i += 2;
                continue;
            }
        }
        match t.get(&chars[i].to_string()) {
            Some(&u) => out.push(u),
            None => out.push(chars[i]),
        }
        i += 1;
    }
    out
}

/// Whether the foreign characters of `s` look like letters inside words.
fn evidence(s: &str) -> Vec<usize> {
    let chars: Vec<char> = s.chars().collect();
    let wordish = |k: Option<&char>| k.is_some_and(|c| c.is_alphabetic() || is_foreign(*c));
    (0..chars.len())
        .filter(|&i| is_foreign(chars[i]))
        .filter(|&i| {
            !PUNCTUATION_LIKE.contains(chars[i])
                || (i > 0 && wordish(chars.get(i - 1)) && wordish(chars.get(i + 1)))
        })
        .collect()
}

/// Whether the marks of `s` stand where VNI puts them: each after a vowel
/// (VNI writes a letter and then its mark; TCVN3's letters stand anywhere).
fn vni_shaped(s: &str) -> bool {
    const MARKS: &str = "ùøûõïáàåãäéèúüëâêÙØÛÕÏÁÀÅÃÄÉÈÚÜËÂÊ";
    const VOWELS: &str = "aeiouyAEIOUYôöÔÖ";
    let chars: Vec<char> = s.chars().collect();
    let marks: Vec<usize> = (0..chars.len()).filter(|&i| MARKS.contains(chars[i])).collect();
    !marks.is_empty() && marks.iter().all(|&i| i > 0 && VOWELS.contains(chars[i - 1]))
}

/// Finds whether `s` was typed in a legacy encoding.
pub fn detect(s: &str) -> Option<Legacy> {
    if s.chars().any(is_unicode_vietnamese) {
        return None;
    }
    let evidence = evidence(s);
    if evidence.is_empty() {
        return None;
    }
    let clean = |decoded: &str| !decoded.chars().any(is_foreign);
    let vni_ok = clean(&decode_vni(s));
    let tcvn3_ok = clean(&decode_tcvn3(s));
    match (vni_ok, tcvn3_ok) {
        (true, true) if vni_shaped(s) => Some(Legacy::Vni),
        (true, false) => Some(Legacy::Vni),
        (_, true) => Some(Legacy::Tcvn3),
        (false, false) => None,
    }
}

/// Converts `s` from `enc` to Unicode NFC.
pub fn decode(s: &str, enc: Legacy) -> String {
    let out = match enc {
        Legacy::Tcvn3 => decode_tcvn3(s),
        Legacy::Vni => decode_vni(s),
    };
    out.nfc().collect()
}

/// Converts Unicode text to `enc` (for tests and sample data).
pub fn encode(s: &str, enc: Legacy) -> String {
    let t = tables();
    s.nfc()
        .map(|c| match enc {
            Legacy::Tcvn3 => t.tcvn3_encode.get(&c).map_or(c.to_string(), |x| x.to_string()),
            Legacy::Vni => t.vni_encode.get(&c).cloned().unwrap_or_else(|| c.to_string()),
        })
        .collect()
}

/// What one cell says about the keyboard it was typed with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assessment {
    /// Unicode or plain ASCII: nothing to convert.
    AsIs,
    /// Typed in this encoding without doubt: the text is not Vietnamese as
    /// it stands, and its decoding is.
    Sure(Legacy),
    /// Legacy text that both encodings decode into Vietnamese: the rest of
    /// the workbook tells which; `fallback` when it does not.
    Either { fallback: Legacy },
    /// Vietnamese as it stands ("Toát", "Có"), and also a decoding of these
    /// encodings ("Tốt", "Cú"). Never converted: valid Unicode stays as
    /// typed, but a workbook typed in one of them makes it worth a warning.
    Doubtful(Vec<Legacy>),
}

/// The share of words with letters outside ASCII that are Vietnamese
/// syllables (1 when there are none).
fn vietnamese_share(s: &str) -> f64 {
    let (valid, checked) = super::syllable::vietnamese_words(s);
    if checked == 0 { 1.0 } else { valid as f64 / checked as f64 }
}

/// Text that reads as Vietnamese: most of its words are syllables. Not all:
/// a cell may hold a foreign name or a typo.
const VIETNAMESE: f64 = 0.8;

/// Whether `s` has the signs legacy text is made of (Latin-1 letters) and
/// none that only Unicode has: the only texts [`assess`] looks into.
pub fn may_be_legacy(s: &str) -> bool {
    let mut latin1 = false;
    for c in s.chars() {
        if is_unicode_vietnamese(c) {
            return false;
        }
        latin1 |= ('\u{A0}'..='\u{FF}').contains(&c);
    }
    latin1
}

/// How much `s` reads as Vietnamese as it stands: 0 when it holds signs
/// Vietnamese never uses inside words.
fn as_is_share(s: &str) -> f64 {
    if evidence(s).is_empty() { vietnamese_share(s) } else { 0.0 }
}

/// Whether `s` reads as Vietnamese as it stands: then it is never converted
/// (at most [`Assessment::Doubtful`]).
pub fn reads_as_vietnamese(s: &str) -> bool {
    as_is_share(s) >= VIETNAMESE
}

/// Judges `s` on its own; [`decide`] adds what the workbook says.
pub fn assess(s: &str) -> Assessment {
    if !may_be_legacy(s) {
        return Assessment::AsIs;
    }
    let as_is = as_is_share(s);
    let score = |enc: Legacy| -> f64 {
        let decoded = match enc {
            Legacy::Tcvn3 => decode_tcvn3(s),
            Legacy::Vni => decode_vni(s),
        };
        if decoded == s || decoded.chars().any(is_foreign) { -1.0 } else { vietnamese_share(&decoded) }
    };
    let scores = [(Legacy::Tcvn3, score(Legacy::Tcvn3)), (Legacy::Vni, score(Legacy::Vni))];
    let good: Vec<Legacy> = scores.iter().filter(|(_, v)| *v >= VIETNAMESE).map(|(e, _)| *e).collect();
    if as_is >= VIETNAMESE {
        return if good.is_empty() { Assessment::AsIs } else { Assessment::Doubtful(good) };
    }
    match good.as_slice() {
        [one] => Assessment::Sure(*one),
        [_, _] => Assessment::Either { fallback: if vni_shaped(s) { Legacy::Vni } else { Legacy::Tcvn3 } },
        _ => match detect(s) {
            // Clean in one encoding though not every word is a syllable
            // (names, abbreviations): the signs inside words decide.
            Some(enc) if scores.iter().any(|(e, v)| *e == enc && *v > as_is) => Assessment::Sure(enc),
            _ => Assessment::AsIs,
        },
    }
}

/// A cell's text converted, or found worth a word, in the light of the
/// encoding its workbook (or its column) was typed in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Keep,
    Convert {
        enc: Legacy,
        unicode: String,
    },
    /// Kept as typed, though it may be `unicode` typed in `enc`.
    KeepButMaybe {
        enc: Legacy,
        unicode: String,
    },
}

/// The encoding the cells around a cell were typed in: its column's, and
/// its workbook's as a whole.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Around {
    pub column: Option<Legacy>,
    pub workbook: Option<Legacy>,
    /// Whether the column holds text only Unicode can type (ơ, ư, đ, ạ…).
    pub column_unicode: bool,
}

/// Decides for `s`, already [`assess`]ed, given the encoding of the cells
/// around it. Choosing between two decodings takes the column's word, else
/// the workbook's; a warning on valid Unicode needs its column typed in a
/// legacy encoding, or its workbook when the column shows no Unicode typing
/// of its own.
pub fn decide(s: &str, assessment: Assessment, around: Around) -> Decision {
    match assessment {
        Assessment::AsIs => Decision::Keep,
        Assessment::Sure(enc) => Decision::Convert { enc, unicode: decode(s, enc) },
        Assessment::Either { fallback } => {
            let enc = around.column.or(around.workbook).unwrap_or(fallback);
            Decision::Convert { enc, unicode: decode(s, enc) }
        }
        Assessment::Doubtful(encs) => {
            let around_enc = around.column.or(if around.column_unicode { None } else { around.workbook });
            match around_enc.filter(|w| encs.contains(w)) {
                Some(enc) => Decision::KeepButMaybe { enc, unicode: decode(s, enc) },
                None => Decision::Keep,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_have_one_code_per_letter() {
        assert_eq!(UNICODE_74.chars().count(), 74);
        assert_eq!(TCVN3_74.chars().count(), 74);
        // 12 vowels × 6 forms + i/y singles + đ, in both cases: every entry unique.
        let t = tables();
        assert_eq!(t.vni_encode.len(), t.vni_decode.len());
    }

    #[test]
    fn known_tcvn3_strings_both_ways() {
        for (unicode, tcvn3) in [
            ("Sở Khoa học và Công nghệ", "Së Khoa häc vµ C«ng nghÖ"),
            ("hộp mứt tết", "hép møt tÕt"),
            ("đưa", "®\u{AD}a"),
            ("Xin chào tất cả mọi người", "Xin chµo tÊt c¶ mäi ng\u{AD}êi"),
        ] {
            assert_eq!(encode(unicode, Legacy::Tcvn3), tcvn3);
            assert_eq!(detect(tcvn3), Some(Legacy::Tcvn3), "{tcvn3}");
            assert_eq!(decode(tcvn3, Legacy::Tcvn3), unicode);
        }
    }

    #[test]
    fn tcvn3_upper_case_font_is_restored() {
        // "ỦY BAN" typed in .VnTimeH: lower-case codes, upper-case letters.
        let typed = "ñY BAN NH¢N D¢N";
        assert_eq!(
            decide(typed, assess(typed), Around::default()),
            Decision::Convert { enc: Legacy::Tcvn3, unicode: "ỦY BAN NHÂN DÂN".into() }
        );
    }

    #[test]
    fn known_vni_strings_both_ways() {
        for (unicode, vni) in [
            ("Sở Khoa học và Công nghệ", "Sôû Khoa hoïc vaø Coâng ngheä"),
            ("Xin chào các bạn", "Xin chaøo caùc baïn"),
            ("Đã hoàn thành đúng hạn", "Ñaõ hoaøn thaønh ñuùng haïn"),
            ("Ủy ban nhân dân tỉnh", "UÛy ban nhaân daân tænh"),
            ("ặ ẵ ị ỵ ữ ợ", "aë aü ò î öõ ôï"),
        ] {
            assert_eq!(encode(unicode, Legacy::Vni), vni);
            assert_eq!(detect(vni), Some(Legacy::Vni), "{vni}");
            assert_eq!(decode(vni, Legacy::Vni), unicode);
        }
    }

    #[test]
    fn short_cells_decided_by_their_words_and_their_workbook() {
        let none = Around::default();
        let vni_column = Around { column: Some(Legacy::Vni), ..Around::default() };
        let tcvn3_book = Around { workbook: Some(Legacy::Tcvn3), ..Around::default() };
        // Not Vietnamese as they stand, Vietnamese once decoded: converted.
        for (typed, enc, unicode) in [
            ("Tèt", Legacy::Tcvn3, "Tốt"),
            ("Kh«ng", Legacy::Tcvn3, "Không"),
            ("Khoâng", Legacy::Vni, "Không"),
            ("Leâ Thò Hoa", Legacy::Vni, "Lê Thị Hoa"),
            ("Khoâng coù khoù khaên", Legacy::Vni, "Không có khó khăn"),
        ] {
            assert_eq!(
                decide(typed, assess(typed), none),
                Decision::Convert { enc, unicode: unicode.into() },
                "{typed}"
            );
        }
        // Vietnamese as they stand: never converted; a warning only where
        // the column (or a workbook without Unicode in that column) was
        // typed with the legacy keyboard.
        assert_eq!(decide("Toát", assess("Toát"), none), Decision::Keep);
        assert_eq!(
            decide("Toát", assess("Toát"), vni_column),
            Decision::KeepButMaybe { enc: Legacy::Vni, unicode: "Tốt".into() }
        );
        assert_eq!(
            decide("Có", assess("Có"), tcvn3_book),
            Decision::KeepButMaybe { enc: Legacy::Tcvn3, unicode: "Cú".into() }
        );
        let unicode_column = Around { column_unicode: true, ..tcvn3_book };
        assert_eq!(decide("Có", assess("Có"), unicode_column), Decision::Keep);
        for plain in ["Tài chính", "Báo cáo «XYZ»", "Có", "Sở Tài chính", "Café"] {
            assert!(!matches!(decide(plain, assess(plain), tcvn3_book), Decision::Convert { .. }), "{plain}");
        }
    }

    #[test]
    fn unicode_and_plain_text_are_left_alone() {
        for s in [
            "Sở Tài chính",
            "Tài chính",
            "Công an tỉnh",
            "Văn bản số 12/QĐ-UBND",
            "Trích dẫn «A» và nhiệt độ 30°",
            "hello",
            "",
        ] {
            assert_eq!(detect(s), None, "{s}");
        }
    }
}
