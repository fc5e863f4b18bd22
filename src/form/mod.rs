//! The agency workbook as a contract between `template` (which writes it)
//! and `intake` (which reads it back): sheet names, column headers, the
//! status vocabulary and the stamp that identifies a returned file.
//!
//! Change anything here and raise [`TEMPLATE_VERSION`]: workbooks of a
//! version not in [`READABLE_VERSIONS`] are refused on ingest, with a
//! message saying so.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod status;
use time::Date;

use crate::plan::ids::{IndicatorNo, TaskNo};

/// Version of the workbook layout. 2: the report sheet asks for the
/// documents issued to implement the plan and for the causes of the
/// difficulties (rows by label, so a version-1 workbook reads as it was).
pub const TEMPLATE_VERSION: &str = "2";

/// The versions `intake` reads: the current one and those it supersedes
/// without a change of meaning.
pub const READABLE_VERSIONS: [&str; 2] = ["1", "2"];

pub const SHEET_GUIDE: &str = "Hướng dẫn";
pub const SHEET_TASKS: &str = "Nhiệm vụ";
pub const SHEET_INDICATORS: &str = "Chỉ tiêu";
pub const SHEET_REPORT: &str = "Báo cáo";
/// The hidden, protected sheet with the stamp and the dropdown lists.
pub const SHEET_STAMP: &str = "_baocao";

/// Titles above the tables of the task, indicator and report sheets.
pub const TITLE_TASKS: &str = "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ";
pub const TITLE_INDICATORS: &str = "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU";
pub const TITLE_REPORT: &str = "BÁO CÁO TÓM TẮT";
/// The line under the report sheet's title: how its texts are written.
pub const REPORT_HINT: &str =
    "Mỗi ý một dòng; dòng bắt đầu bằng «- » là gạch đầu dòng; **chữ đậm** đặt giữa hai cặp dấu sao.";

/// The line above a table whose input cells hold last period's answers.
pub const PREFILL_LEGEND: &str = "Các ô nền vàng điền sẵn câu trả lời kỳ trước (xem ghi chú ở mỗi ô): hãy cập nhật cho kỳ này. Nhiệm vụ đã hoàn thành không cần sửa, trừ khi phải thực hiện lại.";

/// The author of the notes `template` puts on prefilled cells.
pub const PREFILL_AUTHOR: &str = "baocao";
/// How those notes begin.
pub const PREFILL_NOTE: &str = "Kỳ trước";

/// Whether a cell note is one `template` wrote on a prefilled cell (not
/// the clerk's, which is reported).
pub fn is_prefill_note(author: &str, text: &str) -> bool {
    author.trim() == PREFILL_AUTHOR && text.trim_start().starts_with(PREFILL_NOTE)
}

/// `Sở Tài chính — 6 tháng đầu năm 2025`, under each sheet's title.
pub fn subtitle(agency: &str, period: &crate::period::Period) -> String {
    format!("{agency} — {}", period.name())
}

/// Keys of the stamp, one per row in columns A and B of [`SHEET_STAMP`].
pub const STAMP_PLAN: &str = "ke_hoach";
pub const STAMP_FINGERPRINT: &str = "dau_van_tay";
pub const STAMP_AGENCY: &str = "co_quan";
pub const STAMP_PERIOD: &str = "ky_bao_cao";
pub const STAMP_VERSION: &str = "phien_ban_bieu_mau";

/// Row (from 0) of the column headers on the task and indicator sheets.
pub const HEADER_ROW: u32 = 3;

/// The columns of a form table (tasks, indicators), so that the code that
/// finds and checks a table's head serves both.
pub trait Column: Copy + 'static {
    /// Every column, in order.
    fn all() -> &'static [Self];
    fn header(self) -> &'static str;
    /// Whether a clerk types in this column.
    fn is_input(self) -> bool;
    fn index(self) -> usize;
}

impl Column for TaskCol {
    fn all() -> &'static [Self] {
        &TaskCol::ALL
    }
    fn header(self) -> &'static str {
        TaskCol::header(self)
    }
    fn is_input(self) -> bool {
        TaskCol::is_input(self)
    }
    fn index(self) -> usize {
        usize::from(TaskCol::index(self))
    }
}

impl Column for IndicatorCol {
    fn all() -> &'static [Self] {
        &IndicatorCol::ALL
    }
    fn header(self) -> &'static str {
        IndicatorCol::header(self)
    }
    fn is_input(self) -> bool {
        IndicatorCol::is_input(self)
    }
    fn index(self) -> usize {
        usize::from(IndicatorCol::index(self))
    }
}

/// Columns of the task sheet, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskCol {
    Number,
    Name,
    Role,
    Lead,
    Expected,
    Deadline,
    Status,
    Completed,
    Achieved,
    Difficulties,
    Proposals,
}

impl TaskCol {
    pub const ALL: [TaskCol; 11] = [
        TaskCol::Number,
        TaskCol::Name,
        TaskCol::Role,
        TaskCol::Lead,
        TaskCol::Expected,
        TaskCol::Deadline,
        TaskCol::Status,
        TaskCol::Completed,
        TaskCol::Achieved,
        TaskCol::Difficulties,
        TaskCol::Proposals,
    ];

    pub fn header(self) -> &'static str {
        match self {
            TaskCol::Number => "TT",
            TaskCol::Name => "Tên nhiệm vụ",
            TaskCol::Role => "Vai trò",
            TaskCol::Lead => "Cơ quan chủ trì",
            TaskCol::Expected => "Kết quả dự kiến",
            TaskCol::Deadline => "Thời hạn",
            TaskCol::Status => "Tình trạng",
            TaskCol::Completed => "Ngày hoàn thành",
            TaskCol::Achieved => "Kết quả cụ thể / văn bản đã ban hành",
            TaskCol::Difficulties => "Khó khăn, vướng mắc",
            TaskCol::Proposals => "Đề xuất, kiến nghị",
        }
    }

    /// Column width in Excel characters.
    pub fn width(self) -> f64 {
        match self {
            TaskCol::Number => 6.0,
            TaskCol::Name => 48.0,
            TaskCol::Role => 10.0,
            TaskCol::Lead => 24.0,
            TaskCol::Expected => 24.0,
            TaskCol::Deadline => 13.0,
            TaskCol::Status => 26.0,
            TaskCol::Completed => 14.0,
            TaskCol::Achieved => 40.0,
            TaskCol::Difficulties => 30.0,
            TaskCol::Proposals => 30.0,
        }
    }

    /// Whether a clerk types in this column.
    pub fn is_input(self) -> bool {
        matches!(
            self,
            TaskCol::Status
                | TaskCol::Completed
                | TaskCol::Achieved
                | TaskCol::Difficulties
                | TaskCol::Proposals
        )
    }

    pub fn index(self) -> u16 {
        Self::ALL.iter().position(|c| *c == self).unwrap_or(0) as u16
    }
}

/// Columns of the indicator sheet, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorCol {
    Number,
    Name,
    Unit,
    Target,
    Value,
    Source,
    Note,
}

impl IndicatorCol {
    pub const ALL: [IndicatorCol; 7] = [
        IndicatorCol::Number,
        IndicatorCol::Name,
        IndicatorCol::Unit,
        IndicatorCol::Target,
        IndicatorCol::Value,
        IndicatorCol::Source,
        IndicatorCol::Note,
    ];

    pub fn header(self) -> &'static str {
        match self {
            IndicatorCol::Number => "TT",
            IndicatorCol::Name => "Chỉ tiêu",
            IndicatorCol::Unit => "Đơn vị",
            IndicatorCol::Target => "Mục tiêu",
            IndicatorCol::Value => "Kết quả kỳ này",
            IndicatorCol::Source => "Nguồn số liệu",
            IndicatorCol::Note => "Ghi chú",
        }
    }

    pub fn width(self) -> f64 {
        match self {
            IndicatorCol::Number => 7.0,
            IndicatorCol::Name => 55.0,
            IndicatorCol::Unit => 14.0,
            IndicatorCol::Target => 24.0,
            IndicatorCol::Value => 18.0,
            IndicatorCol::Source => 30.0,
            IndicatorCol::Note => 30.0,
        }
    }

    pub fn is_input(self) -> bool {
        matches!(self, IndicatorCol::Value | IndicatorCol::Source | IndicatorCol::Note)
    }

    pub fn index(self) -> u16 {
        Self::ALL.iter().position(|c| *c == self).unwrap_or(0) as u16
    }
}

/// The free-text and contact rows of the report sheet, one per row from
/// row 3 (0-based), label in column A, text in column B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Highlights,
    /// The plans, decisions and letters the agency issued to implement the plan (version 2).
    Documents,
    Difficulties,
    /// Why the difficulties arose (version 2).
    Causes,
    Proposals,
    NextPeriod,
    Preparer,
    Phone,
    SentOn,
}

impl Section {
    pub const ALL: [Section; 9] = [
        Section::Highlights,
        Section::Documents,
        Section::Difficulties,
        Section::Causes,
        Section::Proposals,
        Section::NextPeriod,
        Section::Preparer,
        Section::Phone,
        Section::SentOn,
    ];

    pub const FIRST_ROW: u32 = 3;

    pub fn label(self) -> &'static str {
        match self {
            Section::Highlights => "Kết quả nổi bật",
            Section::Documents => "Văn bản chỉ đạo, triển khai đã ban hành",
            Section::Causes => "Nguyên nhân của khó khăn, hạn chế",
            Section::Difficulties => "Khó khăn, vướng mắc",
            Section::Proposals => "Đề xuất, kiến nghị",
            Section::NextPeriod => "Nhiệm vụ trọng tâm kỳ tới",
            Section::Preparer => "Người lập biểu",
            Section::Phone => "Điện thoại liên hệ",
            Section::SentOn => "Ngày gửi báo cáo",
        }
    }

    /// Long sections hold Markdown paragraphs and lists.
    pub fn is_narrative(self) -> bool {
        matches!(
            self,
            Section::Highlights
                | Section::Documents
                | Section::Difficulties
                | Section::Causes
                | Section::Proposals
                | Section::NextPeriod
        )
    }

    pub fn row(self) -> u32 {
        Self::FIRST_ROW + Self::ALL.iter().position(|s| *s == self).unwrap_or(0) as u32
    }
}

pub use status::{Status, StatusError};

/// What a clerk typed in one workbook, after cleaning (NFC, legacy text
/// converted). `template` can write it into a workbook and `intake` reads it
/// back: the two must agree exactly.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Entries {
    pub tasks: BTreeMap<TaskNo, TaskEntry>,
    pub indicators: BTreeMap<IndicatorNo, IndicatorEntry>,
    /// The text sections of the report sheet (not [`Section::SentOn`]).
    pub sections: BTreeMap<Section, String>,
    #[serde(serialize_with = "opt_date")]
    pub sent_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TaskEntry {
    /// The status as typed or chosen.
    pub status: String,
    #[serde(serialize_with = "opt_date")]
    pub completed: Option<Date>,
    pub achieved: String,
    pub difficulties: String,
    pub proposals: String,
}

impl TaskEntry {
    pub fn is_empty(&self) -> bool {
        self.status.is_empty()
            && self.completed.is_none()
            && self.achieved.is_empty()
            && self.difficulties.is_empty()
            && self.proposals.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct IndicatorEntry {
    pub value: Option<Value>,
    pub source: String,
    pub note: String,
}

/// A reported indicator value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Number(f64),
    Text(String),
}

/// Dates in JSON are `YYYY-MM-DD`.
pub fn opt_date<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

pub fn opt_date_de<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Option::<String>::deserialize(d)?.map(|s| parse_iso(&s).map_err(serde::de::Error::custom)).transpose()
}

pub fn date_se<S: Serializer>(d: &Date, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

pub fn date_de<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
    parse_iso(&String::deserialize(d)?).map_err(serde::de::Error::custom)
}

fn parse_iso(s: &str) -> Result<Date, String> {
    Date::parse(s, &time::format_description::well_known::Iso8601::DATE)
        .map_err(|_| format!("ngày không hợp lệ: {s:?}"))
}

/// A task's role for an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    Lead,
    Coordinator,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "Chủ trì",
            Role::Coordinator => "Phối hợp",
        }
    }
}
