//! The one place that connects the Typst compiler to files, fonts and time.
//!
//! Everything Typst may read is given here: the templates (built into the
//! program, or a folder of the user's own), the data as one JSON file, and
//! the fonts. There is no file system, no network and no clock: the date is
//! the report's, so the same inputs give the same bytes.

use std::collections::BTreeSet;
use std::collections::HashMap;
use std::path::Path;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Dict, IntoValue};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::error::Error;
use crate::fonts::Coverage;

use super::printable::make_printable;

/// The templates built into the program, by file name.
pub const TEMPLATES: [(&str, &str); 7] = [
    ("hanh-chinh.typ", include_str!("../../templates/hanh-chinh.typ")),
    ("bieu-do.typ", include_str!("../../templates/bieu-do.typ")),
    ("bieu-do-anh.typ", include_str!("../../templates/bieu-do-anh.typ")),
    ("bao-cao.typ", include_str!("../../templates/bao-cao.typ")),
    ("cong-van.typ", include_str!("../../templates/cong-van.typ")),
    ("chu-ky.typ", include_str!("../../templates/chu-ky.typ")),
    ("phu-luc.typ", include_str!("../../templates/phu-luc.typ")),
];

/// Where the data reaches Typst: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// A fixed virtual path's file id. Ids are interned for the life of the
/// process, so only these few paths are ever made.
pub fn file_id(path: &str) -> FileId {
    let vpath =
        VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

pub struct ReportWorld {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    data: Bytes,
    /// Which characters `fonts` can print, for [`make_printable`].
    coverage: Coverage,
    /// Characters of the data no font could print, shown as `�`.
    unprintable: BTreeSet<char>,
    /// Images the template may show (signature, stamp), by fixed path.
    images: HashMap<FileId, Bytes>,
    /// The user's files that replace built-in templates (`--templates DIR`):
    /// messages name the file the user wrote.
    overridden: HashMap<FileId, std::path::PathBuf>,
    today: Datetime,
}

/// Where the signature and stamp images reach Typst.
pub const SIGNATURE_PATH: &str = "/chu-ky.png";
pub const STAMP_PATH: &str = "/con-dau.png";

impl ReportWorld {
    /// `main` is the template file to compile (`bao-cao.typ`); `overrides`
    /// is a folder whose `.typ` files replace the built-in ones of the same
    /// name; `extra_fonts` adds the fonts of a folder (Times New Roman);
    /// `images` are (fixed virtual path, PNG bytes). The data is made
    /// printable with the fonts (see [`Self::unprintable`]) and handed to
    /// Typst as JSON.
    pub fn new(
        main: &str,
        data: serde_json::Value,
        today: time::Date,
        overrides: Option<&Path>,
        extra_fonts: Option<&Path>,
        images: Vec<(&str, Vec<u8>)>,
    ) -> Result<Self, Error> {
        let mut sources = HashMap::new();
        for (name, text) in TEMPLATES {
            let id = file_id(&format!("/{name}"));
            sources.insert(id, Source::new(id, text.to_owned()));
        }
        let mut fonts: Vec<Font> = Vec::new();
        if let Some(dir) = extra_fonts {
            fonts.extend(load_fonts(dir)?);
        }
        fonts.extend(crate::fonts::embedded().iter().cloned());
        let book = FontBook::from_fonts(&fonts);
        let mut inputs = Dict::new();
        inputs.insert("data".into(), DATA_PATH.into_value());
        let library = Library::builder().with_inputs(inputs).build();
        let date = Datetime::from_ymd(today.year(), u8::from(today.month()), today.day())
            .ok_or_else(|| Error::Internal("ngày báo cáo không hợp lệ".into()))?;
        let coverage = Coverage::new(&fonts);
        let mut world = Self {
            library: LazyHash::new(library),
            book: LazyHash::new(book),
            fonts,
            main: file_id(&format!("/{main}")),
            sources,
            data: Bytes::new(Vec::new()),
            coverage,
            unprintable: BTreeSet::new(),
            images: images.into_iter().map(|(path, bytes)| (file_id(path), Bytes::new(bytes))).collect(),
            overridden: HashMap::new(),
            today: date,
        };
        if let Some(dir) = overrides {
            world.reload_templates(dir)?;
        }
        world.set_data(data, today)?;
        Ok(world)
    }

    /// New data for the next compile; the rest of the world (fonts, parsed
    /// templates, Typst's caches) is kept, so only what depends on the data
    /// is laid out again.
    pub fn set_data(&mut self, mut data: serde_json::Value, today: time::Date) -> Result<(), Error> {
        self.unprintable = make_printable(&mut data, &self.coverage);
        let json = serde_json::to_vec(&data).map_err(|e| Error::Internal(format!("JSON: {e}")))?;
        self.data = Bytes::new(json);
        if let Some(d) = Datetime::from_ymd(today.year(), u8::from(today.month()), today.day()) {
            self.today = d;
        }
        Ok(())
    }

    /// The characters of the data that no font could print: the PDF shows
    /// `�` in their place. Intake has said where each came from.
    pub fn unprintable(&self) -> &BTreeSet<char> {
        &self.unprintable
    }

    /// Reads the user's template folder: its `.typ` files replace the
    /// built-in ones of the same name (again after an edit, in `watch`).
    pub fn reload_templates(&mut self, dir: &Path) -> Result<(), Error> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, &e))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "typ") {
                let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
                let text = crate::textfile::read_text(&path)?;
                let id = file_id(&format!("/{name}"));
                self.overridden.insert(id, path.clone());
                match self.sources.get_mut(&id) {
                    Some(source) => {
                        source.replace(&text);
                    }
                    None => {
                        self.sources.insert(id, Source::new(id, text));
                    }
                }
            }
        }
        Ok(())
    }

    /// The main template as the user knows it: `templates/bao-cao.typ`, or
    /// the user's own file that replaces it.
    pub fn main_name(&self) -> String {
        self.template_name(self.main)
    }

    /// A template file as the user knows it: the path of the user's file
    /// when `--templates` replaced it, else `templates/NAME` (built in).
    pub fn template_name(&self, id: FileId) -> String {
        match self.overridden.get(&id) {
            Some(path) => path.display().to_string(),
            None => format!("templates/{}", id.get().vpath().get_without_slash()),
        }
    }

    /// The source of a template, for error messages.
    pub fn template(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }
}

/// The largest font file read: CJK collections run to 30 MiB.
const FONT_LIMIT: u64 = 64 << 20;

/// Every font file (.ttf, .otf, .ttc) in `dir`.
fn load_fonts(dir: &Path) -> Result<Vec<Font>, Error> {
    let mut out = Vec::new();
    let mut paths: Vec<_> =
        std::fs::read_dir(dir).map_err(|e| Error::read(dir, &e))?.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        if matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
            let data = crate::fsx::read_input(&path, FONT_LIMIT)?;
            out.extend(Font::iter(Bytes::new(data)));
        }
    }
    Ok(out)
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == file_id(DATA_PATH) {
            return Ok(self.data.clone());
        }
        if let Some(image) = self.images.get(&id) {
            return Ok(image.clone());
        }
        match self.sources.get(&id) {
            Some(s) => Ok(Bytes::from_string(s.clone())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
