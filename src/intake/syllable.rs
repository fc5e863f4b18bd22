//! Whether a word is a possible Vietnamese syllable, as written in Unicode.
//!
//! A legacy-encoded cell is often made only of letters that Vietnamese in
//! Unicode also uses: TCVN3 "Tèt" (Tốt), VNI "Khoâng" (Không). On its own
//! such a cell is not evidence of anything; what tells it apart is that
//! "tèt" and "khoâng" cannot be Vietnamese words (a syllable closed by
//! p, t, c or ch takes only the sắc or nặng tone; "oâ" is no vowel of the
//! language), while their decodings are. This module answers that question
//! from the orthography: onset, rhyme, one tone, and the tone rule of closed
//! syllables.

use std::collections::HashSet;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// Onsets, longest first so that `ngh` is tried before `ng` and `n`.
const ONSETS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g", "h", "k",
    "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Every rhyme (vowels and final consonant) of the written language, without
/// its tone.
const RHYMES: &str = "a ac ach ai am an ang anh ao ap at au ay \
    ăc ăm ăn ăng ăp ăt \
    âc âm ân âng âp ât âu ây \
    e ec em en eng eo ep et \
    ê êch êm ên ênh êp êt êu \
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu \
    o oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oc oe oen oeo oet oi om on ong \
    ooc oong op ot \
    ô ôc ôi ôm ôn ông ôp ôt \
    ơ ơi ơm ơn ơp ơt \
    u ua uân uâng uât uây uc uê uêch uênh uy uya uych uyên uyêt uynh uyt uyu ui um un ung uôc uôi uôm uôn \
    uông uôt up ut uơ \
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu \
    y yêm yên yêt yêu";

fn rhymes() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| RHYMES.split_whitespace().collect())
}

/// Combining marks of the five tones: sắc, huyền, hỏi, ngã, nặng.
const ACUTE: char = '\u{301}';
const DOT_BELOW: char = '\u{323}';
const TONES: [char; 5] = [ACUTE, '\u{300}', '\u{309}', '\u{303}', DOT_BELOW];

/// The word without its tone, and the tone (if any). `None` when the word
/// carries two tones.
fn split_tone(word: &str) -> Option<(String, Option<char>)> {
    let mut tone = None;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        if TONES.contains(&c) {
            if tone.replace(c).is_some() {
                return None;
            }
        } else {
            base.push(c);
        }
    }
    Some((base.nfc().collect(), tone))
}

fn rhyme_ok(rhyme: &str, tone: Option<char>) -> bool {
    if !rhymes().contains(rhyme) {
        return false;
    }
    // A syllable closed by a stop takes only the sắc or nặng tone.
    let closed = ["p", "t", "c", "ch"].iter().any(|stop| rhyme.ends_with(stop));
    !closed || matches!(tone, Some(ACUTE | DOT_BELOW))
}

/// Whether `word` (letters only, any case) can be a Vietnamese syllable.
///
/// ```
/// use baocao::intake::syllable::is_syllable;
/// assert!(is_syllable("Không") && is_syllable("nghiêng") && is_syllable("quốc") && is_syllable("gìn"));
/// assert!(!is_syllable("tèt") && !is_syllable("khoâng") && !is_syllable("hoïc"));
/// ```
pub fn is_syllable(word: &str) -> bool {
    let lower = word.to_lowercase();
    let Some((base, tone)) = split_tone(&lower) else { return false };
    if base.is_empty() {
        return false;
    }
    if rhyme_ok(&base, tone) {
        return true;
    }
    ONSETS.iter().filter(|o| base.starts_with(*o)).any(|onset| {
        let rest = &base[onset.len()..];
        match *onset {
            // "gì", "gìn": the i of gi is the rhyme's; "giếng": gi + (i)êng.
            "gi" => rest.is_empty() || rhyme_ok(rest, tone) || rhyme_ok(&format!("i{rest}"), tone),
            // "quốc", "quynh": qu + (u)ôc, (u)ynh.
            "qu" => rhyme_ok(rest, tone) || rhyme_ok(&format!("u{rest}"), tone),
            _ => rhyme_ok(rest, tone),
        }
    })
}

/// Whether every word of `text` that holds a letter outside ASCII is a
/// possible Vietnamese syllable, and how many such words there are. Words of
/// plain ASCII letters (names, abbreviations, English) do not count either way.
pub fn vietnamese_words(text: &str) -> (usize, usize) {
    let mut checked = 0;
    let mut valid = 0;
    for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
        if word.is_ascii() {
            continue;
        }
        checked += 1;
        if is_syllable(word) {
            valid += 1;
        }
    }
    (valid, checked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_report_are_syllables() {
        let text = "Sở Khoa học và Công nghệ đã hoàn thành đúng hạn; người dân, doanh nghiệp được \
                    hướng dẫn chuyển đổi số, khuyến khích ứng dụng trí tuệ nhân tạo. Quyết định quy \
                    hoạch giữ gìn xoong nồi thuở ấy, khuỷu tay, oẳn tù tì, nguệch ngoạc, huỳnh quang";
        let (valid, checked) = vietnamese_words(text);
        assert_eq!(valid, checked, "{text}");
        assert!(checked > 20);
    }

    #[test]
    fn legacy_look_alikes_are_not() {
        // TCVN3 Tốt, VNI Không, học, có, Tốt.
        for w in ["Tèt", "Khoâng", "hoïc", "coù", "Toát"] {
            let expected = w == "Toát"; // "toát" is a word too: the workbook decides.
            assert_eq!(is_syllable(w), expected, "{w}");
        }
        assert!(!is_syllable("hàt"), "a closed syllable takes sắc or nặng only");
        assert!(!is_syllable("xyz"));
    }
}
