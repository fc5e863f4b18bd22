//! The fonts built into the program, and which characters they can print.
//!
//! Liberation Serif sets the report (same metrics as Times New Roman, every
//! Vietnamese letter); DejaVu Sans is the fallback Typst picks for what
//! clerks paste that Liberation lacks (✓, ☎, →, basic emoji, Greek,
//! Cyrillic). A character neither has would stop the PDF/A export, so
//! intake warns at the cell that holds one and the World prints it as
//! [`MISSING`] instead.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use typst::foundations::Bytes;
use typst::layout::Abs;
use typst::text::{Font, FontInstance, FontVariant, FontVariations};

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
    /// The fonts, instantiated to read their character maps: Typst's own
    /// coverage table is approximate (it claims DejaVu Sans has ✅, which
    /// it has not), and a wrong "yes" stops the PDF/A export.
    fonts: Vec<FontInstance>,
    /// Answers already found: a report repeats the same few hundred
    /// characters millions of times.
    known: Mutex<HashMap<char, bool>>,
}

impl Coverage {
    pub fn new(fonts: &[Font]) -> Self {
        let instances = fonts
            .iter()
            .map(|f| f.clone().instantiate(FontVariant::default(), Abs::pt(10.0), &FontVariations::default()))
            .collect();
        Self { fonts: instances, known: Mutex::new(HashMap::new()) }
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
        let mut known = self.known.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        *known
            .entry(c)
            .or_insert_with(|| self.fonts.iter().any(|f| f.ttf().glyph_index(c).is_some_and(|g| g.0 != 0)))
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
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
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
        assert!(!['\n', '\t', 'a', 'ư', '\u{200D}'].into_iter().any(is_hidden_control));
    }
}
