//! Text helpers shared by every step: Unicode normalisation and the folded
//! keys used to compare names typed by different people.
//!
//! Everything a user typed is normalised to NFC as soon as it is read, so that
//! the rest of the program can compare strings byte for byte and so that the
//! PDF's text layer is NFC (Typst does not normalise).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Returns `s` in Unicode NFC.
pub fn nfc(s: &str) -> String {
    // Almost all text arrives in NFC already: checking is several times
    // cheaper than composing (a national collection has millions of cells).
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return s.to_owned();
    }
    s.nfc().collect()
}

/// `s` with its first letter in capitals («kinh phí…» → «Kinh phí…»).
pub fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// `s` with its first letter in lower case («Thực hiện…» → «thực hiện…»),
/// to stand inside a sentence.
pub fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// `s` cut at the last word boundary within `max` characters, with «…»
/// when cut: a label that never ends inside a word («Tỷ lệ hồ sơ…»).
pub fn clip_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for word in s.split_whitespace() {
        let wanted = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if wanted > max.saturating_sub(1) {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One word longer than the label: cut it, the only way to fit.
        out = s.chars().take(max.saturating_sub(1)).collect();
    }
    format!("{}…", out.trim_end_matches([',', ';', ':', '.']))
}

/// NFC with runs of white space (including line breaks inside a table cell)
/// folded into one space and the ends trimmed.
pub fn clean(s: &str) -> String {
    nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A comparison key: lower case, without diacritics (`đ` becomes `d`), with
/// every run of punctuation and white space folded into one space.
///
/// Dropping diacritics makes `Uỷ`/`Ủy` (two tone placements in use) and text
/// typed without accents compare equal. Callers that build a lookup table from
/// such keys must reject two entries whose keys collide.
///
/// ```
/// use baocao::text::fold;
/// assert_eq!(fold("Văn phòng Uỷ ban nhân dân tỉnh."), "van phong uy ban nhan dan tinh");
/// assert_eq!(fold("Sở KH&CN"), "so khcn");
/// ```
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    // Most cells are plain ASCII (numbers, ids, text typed without accents):
    // nothing to decompose.
    if s.is_ascii() {
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else if b != b'&' {
                pending_space = true;
            }
        }
        return out;
    }
    // Each character decomposed on its own: the marks NFD would reorder are
    // all dropped, so the letters come out as from the whole string's NFD,
    // without its buffering (this runs for every status a clerk typed).
    let mut push = |c: char| {
        if is_combining_mark(c) {
            return;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            _ => c,
        };
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else if c == '&' {
            // `KH&CN`, `GD&ĐT`: the ampersand joins the letters of one abbreviation.
        } else {
            pending_space = true;
        }
    };
    for c in s.chars() {
        decompose_canonical(c, &mut push);
    }
    out
}

/// `true` when the first 8 KiB hold a NUL byte: no text file in UTF-8 or in a
/// legacy 8-bit Vietnamese encoding does, so the file is binary.
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn labels_are_cut_between_words() {
        assert_eq!(super::clip_words("Tỷ lệ hồ sơ", 20), "Tỷ lệ hồ sơ");
        assert_eq!(
            super::clip_words("Tỷ lệ hồ sơ công việc được xử lý, trên mạng", 24),
            "Tỷ lệ hồ sơ công việc…"
        );
        assert_eq!(
            super::clip_words("Tỷ lệ hồ sơ công việc được xử lý, trên mạng", 34),
            "Tỷ lệ hồ sơ công việc được xử lý…"
        );
        assert_eq!(super::clip_words("aaaaaaaaaa", 5), "aaaa…");
    }

    use super::*;

    #[test]
    fn fold_ignores_case_diacritics_and_punctuation() {
        assert_eq!(fold("Sở Khoa học và Công nghệ."), "so khoa hoc va cong nghe");
        assert_eq!(fold("  Uỷ ban   nhân dân;"), fold("Ủy ban nhân dân"));
        assert_eq!(fold("Sở KH&CN"), "so khcn");
        assert_eq!(fold("Đài"), "dai");
        assert_eq!(fold(" TT. "), "tt");
        assert_eq!(fold("GD&DT, ok"), "gddt ok");
    }

    /// The key as the whole string's NFD gives it, letter by letter.
    fn fold_by_nfd(s: &str) -> String {
        let mut out = String::new();
        let mut pending_space = false;
        for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
            let c = if matches!(c, 'đ' | 'Đ') { 'd' } else { c };
            if c.is_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            } else if c != '&' {
                pending_space = true;
            }
        }
        out
    }

    #[test]
    fn fold_letter_by_letter_equals_fold_of_the_whole_nfd() {
        let samples = [
            "Sở Khoa học và Công nghệ",
            // Decomposed, with marks in non-canonical order (a dot below typed after the hook).
            "Nghe\u{309}\u{323} an",
            "ĐANG THỰC HIỆN (đúng tiến độ)",
            "Ủy ban – Uỷ ban · ỦY BAN",
            "한국어 ½ ﬁ Ǆ Å ǅ",
            "x\u{301}\u{300}y z\u{0327}\u{0301}",
        ];
        for s in samples {
            assert_eq!(fold(s), fold_by_nfd(s), "{s}");
        }
    }

    #[test]
    fn clean_folds_line_breaks_and_composes() {
        let decomposed = "Các Sở, ban, ngành,\nđịa phương".nfd().collect::<String>();
        let cleaned = clean(&decomposed);
        assert_eq!(cleaned, "Các Sở, ban, ngành, địa phương");
        assert_eq!(cleaned, nfc(&cleaned));
    }
}
