//! The plan's files under `inputs/`: four TOML files a person can read, edit
//! and compare line by line.
//!
//! | file | holds |
//! |---|---|
//! | `ke-hoach.toml` | the plan's identity, standing agency, reporting cadence |
//! | `chi-tieu.toml` | Phụ lục I: indicator groups and indicators |
//! | `nhiem-vu.toml` | Phụ lục II: task groups and tasks |
//! | `co-quan.toml`  | the agency registry: agencies and collective groups |
//!
//! The records here mirror the files exactly (strings as typed); turning them
//! into checked domain types is the job of `load`.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::agency::AgencyKind;
use super::{Appendix, Cadence};
use crate::diag::{Diagnostic, Location, line_of};
use crate::error::Error;

pub const PLAN_FILE: &str = "ke-hoach.toml";
pub const INDICATORS_FILE: &str = "chi-tieu.toml";
pub const TASKS_FILE: &str = "nhiem-vu.toml";
pub const AGENCIES_FILE: &str = "co-quan.toml";
pub const ALL_FILES: [&str; 4] = [PLAN_FILE, INDICATORS_FILE, TASKS_FILE, AGENCIES_FILE];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRecord {
    pub code: String,
    pub kind: String,
    /// The resolution or decision the plan was issued with, when the plan
    /// has no number of its own (`code` is then that document's number):
    /// `Quyết định`, `Nghị quyết`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issued_with: String,
    pub title: String,
    pub summary: String,
    pub date: Spanned<toml::value::Datetime>,
    pub province: String,
    pub place: String,
    pub issuer: String,
    pub signer: String,
    pub signer_authority: String,
    pub standing_agency: Spanned<String>,
    pub reporting: Vec<Cadence>,
    pub indicator_appendix: Appendix,
    pub task_appendix: Appendix,
    /// Footnotes of the published text, as printed (`[1] …`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<String>,
}

/// A row the importer could not place, kept as printed so nothing is lost.
/// `plan check` reports it until a person moves it into the table or deletes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnplacedRecord {
    /// The line of the published text the row starts on (of the text made
    /// from the document when `at` is given).
    pub line: usize,
    /// Where the row is in a Word document or workbook: «bảng 3 › hàng 5,
    /// cột 1», «Nhiệm vụ › A12».
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
    pub reason: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorsFile {
    #[serde(default)]
    pub group: Vec<IndicatorGroupRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Spanned<UnplacedRecord>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorGroupRecord {
    pub number: String,
    pub title: String,
    #[serde(default)]
    pub indicator: Vec<Spanned<IndicatorRecord>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorRecord {
    pub number: String,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub tracking: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TasksFile {
    #[serde(default)]
    pub group: Vec<TaskGroupRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unplaced: Vec<Spanned<UnplacedRecord>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskGroupRecord {
    pub number: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub task: Vec<Spanned<TaskRecord>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskRecord {
    pub number: String,
    pub name: String,
    pub lead: Vec<String>,
    #[serde(default)]
    pub coordinators: Vec<String>,
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub deadline: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgenciesFile {
    #[serde(default)]
    pub agency: Vec<Spanned<AgencyRecord>>,
    #[serde(default)]
    pub group: Vec<Spanned<GroupRecord>>,
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRecord {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbr: Option<String>,
    pub kind: AgencyKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub reports: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupRecord {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<AgencyKind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// A value without a place in a file: for records built in memory.
pub fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// The text of one plan file and the name to show the user for it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub text: String,
}

impl SourceFile {
    pub fn location(&self, offset: usize) -> Location {
        Location::line(&self.name, line_of(&self.text, offset))
    }
}

/// The plan bundled with the program: the Cà Mau plan under `inputs/`.
const EMBEDDED: [(&str, &str); 4] = [
    (PLAN_FILE, include_str!("../../inputs/ke-hoach.toml")),
    (INDICATORS_FILE, include_str!("../../inputs/chi-tieu.toml")),
    (TASKS_FILE, include_str!("../../inputs/nhiem-vu.toml")),
    (AGENCIES_FILE, include_str!("../../inputs/co-quan.toml")),
];

/// Where a plan is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanSource {
    Dir(PathBuf),
    Embedded,
}

impl PlanSource {
    /// `--plan DIR` when given; else `./inputs/` when it holds a plan; else
    /// the plan built into the program.
    pub fn choose(explicit: Option<&Path>) -> Self {
        match explicit {
            Some(dir) => PlanSource::Dir(dir.to_owned()),
            None if Path::new("inputs").join(PLAN_FILE).is_file() => PlanSource::Dir(PathBuf::from("inputs")),
            None => PlanSource::Embedded,
        }
    }

    /// How to name the source in messages.
    pub fn describe(&self) -> String {
        match self {
            PlanSource::Dir(d) => d.display().to_string(),
            PlanSource::Embedded => "kế hoạch có sẵn trong chương trình".to_owned(),
        }
    }

    /// Reads one of the plan's files.
    pub fn read_file(&self, name: &str) -> Result<SourceFile, Error> {
        match self {
            PlanSource::Embedded => {
                let text = EMBEDDED.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| *t);
                Ok(SourceFile { name: format!("(có sẵn)/{name}"), text: text.to_owned() })
            }
            PlanSource::Dir(dir) => {
                let path = dir.join(name);
                Ok(SourceFile { name: path.display().to_string(), text: crate::textfile::read_text(&path)? })
            }
        }
    }

    /// Reads the four files. A missing or unreadable file is an error of its own.
    pub fn read(&self) -> Result<[SourceFile; 4], Error> {
        Ok([
            self.read_file(PLAN_FILE)?,
            self.read_file(INDICATORS_FILE)?,
            self.read_file(TASKS_FILE)?,
            self.read_file(AGENCIES_FILE)?,
        ])
    }
}

/// Table headers nested deeper than any of our files goes (`[issued."2025-H1"]`
/// is two): thousands of them, each deeper, cost the TOML reader memory
/// quadratic in their number before it can say anything.
const MAX_TABLE_DEPTH: usize = 16;

/// Refuses a file whose table headers nest deeper than [`MAX_TABLE_DEPTH`],
/// at the first such line.
fn too_deep(file: &SourceFile) -> Result<(), Diagnostic> {
    let mut at = 0;
    for line in file.text.split_inclusive('\n') {
        let head = line.trim();
        if head.starts_with('[') && !head.contains(['"', '\'', '=']) {
            let depth = head.matches('.').count() + 1;
            if depth > MAX_TABLE_DEPTH {
                return Err(Diagnostic::error(
                    file.location(at),
                    format!(
                        "lỗi cú pháp TOML: bảng lồng {depth} cấp, quá {MAX_TABLE_DEPTH} cấp mà tệp cấu hình có thể có — \
                         hãy xem lại tệp (có thể đã bị ghi hỏng); xem hướng dẫn định dạng trong README"
                    ),
                ));
            }
        }
        at += line.len();
    }
    Ok(())
}

/// Parses one TOML file into its record type, turning a syntax or schema
/// error into a Vietnamese diagnostic with its line.
pub fn parse<T: serde::de::DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    too_deep(file)?;
    toml::from_str(&file.text).map_err(|e| {
        let (location, key) = match e.span() {
            Some(span) => (file.location(span.start), key_at(&file.text, span.start)),
            None => (Location::file(&file.name), None),
        };
        let message = translate_toml_error(e.message());
        match key {
            // A missing key's span is the whole table: the key it names is the one.
            Some(key) if !message.starts_with("thiếu khóa") && !message.contains(&format!("`{key}`")) => {
                Diagnostic::error(location, format!("`{key}`: {message}"))
            }
            _ => Diagnostic::error(location, message),
        }
    })
}

/// The key of the `key = value` line holding byte `at` of `text`, if that
/// line is one.
fn key_at(text: &str, at: usize) -> Option<String> {
    let start = text.get(..at)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let plain =
        !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    plain.then(|| key.to_owned())
}

/// Says in Vietnamese what the TOML reader found wrong. The reader's messages
/// are English and follow a few fixed patterns; the technical text is kept at
/// the end for anything not recognised.
fn translate_toml_error(message: &str) -> String {
    let msg = message.trim();
    let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_owned).collect() };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = quoted(rest);
        let found = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        return if allowed.is_empty() {
            format!("khóa `{found}` không hợp lệ ở đây")
        } else {
            format!("khóa `{found}` không hợp lệ — các khóa được phép: {allowed}")
        };
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu khóa {} — khóa này là bắt buộc", rest.trim());
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let names = quoted(rest);
        let found = names.first().cloned().unwrap_or_default();
        let allowed = names.iter().skip(1).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        return format!("giá trị `{found}` không hợp lệ — cần một trong: {allowed}");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!("sai kiểu dữ liệu: gặp {} — cần {}", type_vi(found), type_vi(expected));
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        return format!(
            "giá trị không hợp lệ: gặp {} — cần {}",
            found.replace("integer", "số"),
            type_vi(expected)
        );
    }
    if msg.starts_with("duplicate key") {
        return format!("khóa bị khai báo hai lần ({msg})");
    }
    format!("lỗi cú pháp TOML ({msg}); xem hướng dẫn định dạng trong README")
}

fn type_vi(s: &str) -> String {
    let s = s.trim();
    let t = if s.starts_with("a string") || s.starts_with("string") {
        "chuỗi văn bản trong ngoặc kép"
    } else if s.starts_with("a sequence") || s.starts_with("sequence") {
        "danh sách [ … ]"
    } else if matches!(s, "u8" | "u16" | "u32" | "u64" | "usize") {
        "số nguyên dương"
    } else if s.starts_with("integer")
        || s.starts_with("an integer")
        || s.starts_with("i64")
        || s.starts_with("usize")
    {
        "số nguyên"
    } else if s.starts_with("a boolean") || s.starts_with("boolean") {
        "true hoặc false"
    } else if s.contains("map") || s.contains("struct") || s.contains("table") {
        "bảng TOML"
    } else if s.contains("date") || s.contains("datetime") || s.contains("Datetime") {
        "ngày dạng 2025-02-25"
    } else {
        return s.to_owned();
    };
    t.to_owned()
}

/// The header comment each written file starts with.
fn header(file: &str) -> &'static str {
    match file {
        PLAN_FILE => "# Thông tin kế hoạch. Xem mục «Định dạng tệp kế hoạch» trong README.\n\n",
        INDICATORS_FILE => {
            "# Phụ lục I: các chỉ tiêu, theo nhóm. Mỗi chỉ tiêu là một khối [[group.indicator]].\n\
             # tracking: mã cơ quan (xem co-quan.toml). Xem README.\n\n"
        }
        TASKS_FILE => {
            "# Phụ lục II: các nhiệm vụ, theo nhóm. Mỗi nhiệm vụ là một khối [[group.task]].\n\
             # lead / coordinators: mã cơ quan hoặc nhóm (xem co-quan.toml). Xem README.\n\n"
        }
        _ => {
            "# Danh mục cơ quan và nhóm cơ quan. id: chữ thường không dấu, số, dấu gạch ngang.\n\
             # kind: department (sở, ban, ngành) | locality (địa phương) | other. Xem README.\n\n"
        }
    }
}

/// Renders a record as the text of its file.
pub fn render<T: Serialize>(file: &str, record: &T) -> Result<String, Error> {
    let body = toml::to_string(record).map_err(|e| Error::Internal(format!("ghi TOML: {e}")))?;
    Ok(format!("{}{body}", header(file)))
}
