//! The fonts built into the program, and which characters they can print.
//!
//! Liberation Serif sets the report (same metrics as Times New Roman, every
//! Vietnamese letter); DejaVu Sans is the fallback Typst picks for what
//! clerks paste that Liberation lacks (✓, ☎, →, basic emoji, Greek,
//! Cyrillic). A character neither has would stop the PDF/A export, so
//! intake warns at the cell that holds one and the World prints it as
//! [`MISSING`] instead.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::Font;

const FONTS: [&[u8]; 5] = [
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    include_bytes!("../fonts/DejaVuSans.ttf"),
];

/// What the PDF shows in place of a character no font can print.
pub const MISSING: char = '\u{FFFD}';

/// The embedded fonts, parsed once per process (parsing dominates a cold
/// compile otherwise).
pub fn embedded() -> &'static [Font] {
    static PARSED: OnceLock<Vec<Font>> = OnceLock::new();
    PARSED.get_or_init(|| FONTS.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect())
}

/// Which characters a set of fonts can print.
pub struct Coverage {
    /// The fonts' bytes and face index, read with ttf-parser: Typst's own
    /// coverage table is approximate (it claims DejaVu Sans has ✅, which
    /// it has not), and a wrong "yes" stops the PDF/A export.
    fonts: Vec<(Bytes, u32)>,
    /// For each block of 256 characters up to U+2FFFF, which of them some
    /// font has: filled when a character of the block is first asked about
    /// (Vietnamese text touches five blocks), then read without locking.
    blocks: Vec<OnceLock<[u64; 4]>>,
}

/// Characters above this are printed by no font we embed or users add.
const LAST: u32 = 0x2_FFFF;

impl Coverage {
    pub fn new(fonts: &[Font]) -> Self {
        let fonts = fonts.iter().map(|f| (f.data().clone(), f.index())).collect();
        let blocks = (0..=(LAST >> 8)).map(|_| OnceLock::new()).collect();
        Self { fonts, blocks }
    }

    /// The embedded fonts' coverage, made once.
    pub fn embedded() -> &'static Coverage {
        static COVERAGE: OnceLock<Coverage> = OnceLock::new();
        COVERAGE.get_or_init(|| Coverage::new(embedded()))
    }

    /// Whether `c` can be printed: by a glyph of some font, or because it
    /// is a line break, a space or a character that shows nothing
    /// (zero-width joiners, variation selectors), which Typst does not draw.
    pub fn printable(&self, c: char) -> bool {
        if c.is_ascii() {
            return !c.is_ascii_control() || c == '\n';
        }
        if is_default_ignorable(c) {
            return true;
        }
        let code = u32::from(c);
        let Some(block) = self.blocks.get((code >> 8) as usize) else { return false };
        let bits = block.get_or_init(|| self.block(code & !0xFF));
        let i = (code & 0xFF) as usize;
        bits[i / 64] & (1 << (i % 64)) != 0
    }

    /// Which of the 256 characters from `first` some font has a glyph for.
    fn block(&self, first: u32) -> [u64; 4] {
        let faces: Vec<ttf_parser::Face> = self
            .fonts
            .iter()
            .filter_map(|(data, index)| ttf_parser::Face::parse(data, *index).ok())
            .collect();
        let mut bits = [0u64; 4];
        for i in 0..256u32 {
            let has = char::from_u32(first + i)
                .is_some_and(|c| faces.iter().any(|f| f.glyph_index(c).is_some_and(|g| g.0 != 0)));
            if has {
                bits[(i / 64) as usize] |= 1 << (i % 64);
            }
        }
        bits
    }
}

/// Characters Unicode says to show nothing for when a font has no glyph
/// (zero-width spaces and joiners, variation selectors, tags, word joiner).
/// Bidirectional controls are among them but are removed at intake.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// Control and direction-changing characters a cell may hold but a report
/// must not: C0/C1 controls other than line breaks and tabs, and the
/// bidirectional embeddings, overrides and isolates, which can show a text
/// reversed (U+202E makes «0001» read «1000»).
pub fn is_hidden_control(c: char) -> bool {
    // Unicode's controls (Cc) are exactly C0, DEL and C1: matched as ranges,
    // since this runs on every character of every cell.
    matches!(c,
        '\0'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_and_common_symbols_print_cjk_does_not() {
        let cov = Coverage::embedded();
        for c in "Đã hoàn thành 100% — “Tốt”, ưu tiên ✓ ✔ ✗ → ☎ ★ € Ω Ж 😀".chars()
        {
            assert!(cov.printable(c), "{c:?} U+{:04X}", u32::from(c));
        }
        for c in ['中', 'ก', '한', '\u{1F4A9}', '✅', '❌', '⌚', '\u{7}', '\0'] {
            assert!(!cov.printable(c), "{c:?}");
        }
        assert!(cov.printable('\u{200D}') && cov.printable('\u{FE0F}'));
    }

    #[test]
    fn hidden_controls_are_controls_and_direction_overrides_only() {
        assert!(
            ['\0', '\u{7}', '\u{1B}', '\u{85}', '\u{202E}', '\u{2067}'].into_iter().all(is_hidden_control)
        );
        assert!(!['\n', '\t', '\r', 'a', 'ư', '\u{200D}'].into_iter().any(is_hidden_control));
        for c in (0..0x3000).filter_map(char::from_u32) {
            let expected = (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            assert_eq!(is_hidden_control(c), expected, "U+{:04X}", u32::from(c));
        }
    }
}
