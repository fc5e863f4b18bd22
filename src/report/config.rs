//! The report configuration (`inputs/bao-cao.toml`): who issues the report,
//! who signs it, who receives it, which appendices, and the number and date
//! of each period's report (`[issued."2025"]`): a number and a date belong to
//! one report, never to the plan.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::plan::files::{SourceFile, parse};
use crate::text::clean;

/// The largest signature or seal image read: a scan at 600 dpi is under 2 MiB.
const IMAGE_LIMIT: u64 = 16 << 20;
/// The widest or tallest image accepted, in pixels: a signature scanned at
/// 600 dpi is about 2,000 wide; one that claims more would be decoded into
/// gigabytes.
const IMAGE_SIDE: u32 = 10_000;

/// Reads a signature or seal image, at most [`IMAGE_LIMIT`] bytes.
pub fn read_image(path: &std::path::Path) -> Result<Vec<u8>, Error> {
    crate::fsx::read_input(path, IMAGE_LIMIT)
}

/// What is wrong with a signature or seal image, said after its name: not
/// a PNG, or so large it would be decoded into gigabytes.
pub fn image_problem(bytes: &[u8]) -> Option<String> {
    let size = crate::render::png_size(bytes).filter(|_| bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    match size {
        None => Some("không phải ảnh PNG — cần ảnh PNG nền trong suốt".into()),
        Some((w, h)) if w > IMAGE_SIDE || h > IMAGE_SIDE => Some(format!(
            "là ảnh {w}×{h} điểm ảnh, quá lớn (tối đa {IMAGE_SIDE} mỗi chiều) — hãy quét lại ở 300 dpi"
        )),
        Some(_) => None,
    }
}

/// The configuration built into the program, used when there is no file.
pub const EMBEDDED: &str = include_str!("../../inputs/bao-cao.toml");
pub const FILE: &str = "bao-cao.toml";

/// The appendices a report can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppendixKind {
    /// Phụ lục: indicators.
    #[serde(rename = "chi-tieu")]
    Indicators,
    /// Phụ lục: tasks by group.
    #[serde(rename = "nhiem-vu")]
    Tasks,
    /// Phụ lục: which agency sent when.
    #[serde(rename = "tiep-nhan")]
    Receipts,
    /// Phụ lục: the overview in charts.
    #[serde(rename = "bieu-do")]
    Charts,
}

/// The rules a report's layout follows: a State body's (Nghị định
/// 30/2020/NĐ-CP), or a Party body's (Hướng dẫn 36-HD/VPTW: «ĐẢNG CỘNG SẢN
/// VIỆT NAM» for the national name, a star under the issuer, «Số 12-BC/…»).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Style {
    #[default]
    #[serde(rename = "nha-nuoc")]
    State,
    #[serde(rename = "dang")]
    Party,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    #[serde(default)]
    style: Style,
    parent: String,
    issuer: String,
    number: Option<u32>,
    date: Option<toml::value::Datetime>,
    place: Option<String>,
    recipient: Option<String>,
    #[serde(default)]
    authority: String,
    signer_title: String,
    signer: String,
    #[serde(default)]
    recipients: Vec<String>,
    archive: String,
    appendices: Vec<AppendixKind>,
    #[serde(default)]
    appendix_files: bool,
    signature_image: Option<String>,
    stamp_image: Option<String>,
    #[serde(default)]
    issued: BTreeMap<String, IssuedRecord>,
}

/// `[issued."2025"]`: one period's report as the văn thư issues it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct IssuedRecord {
    number: Option<u32>,
    date: Option<toml::value::Datetime>,
    authority: Option<String>,
    signer_title: Option<String>,
    signer: Option<String>,
}

/// The number, date and (when it changes) signer of one period's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issued {
    pub number: Option<u32>,
    #[serde(serialize_with = "crate::form::opt_date")]
    pub date: Option<Date>,
    pub authority: Option<String>,
    pub signer_title: Option<String>,
    pub signer: Option<String>,
}

/// A checked configuration.
#[derive(Debug, Clone, Serialize)]
pub struct ReportConfig {
    /// The file it was read from, for messages.
    #[serde(skip)]
    pub file: String,
    pub style: Style,
    pub parent: String,
    pub issuer: String,
    /// `None` in a draft: the number is assigned when the report is issued.
    /// Once [`ReportConfig::for_period`] has run, the number of that
    /// period's report; before, the old top-level key, if any.
    pub number: Option<u32>,
    /// `None` in a draft; as `number`.
    #[serde(serialize_with = "crate::form::opt_date")]
    pub date: Option<Date>,
    /// Each period's number, date and signer, by period id (`2025-H1`).
    #[serde(skip)]
    pub issued: BTreeMap<String, Issued>,
    pub place: Option<String>,
    pub recipient: Option<String>,
    pub authority: String,
    pub signer_title: String,
    pub signer: String,
    pub recipients: Vec<String>,
    pub archive: String,
    pub appendices: Vec<AppendixKind>,
    /// Each appendix a PDF of its own, signed by the agency at the top
    /// right of its first page (Nghị định 30/2020, Mẫu 2.2).
    pub appendix_files: bool,
    /// The signer's handwritten signature (PNG, blue, transparent), for an
    /// electronic copy (Nghị định 30/2020, Phụ lục I, II.7.d).
    #[serde(skip)]
    pub signature_image: Option<Vec<u8>>,
    /// The agency's seal (PNG, red, transparent, actual size).
    #[serde(skip)]
    pub stamp_image: Option<Vec<u8>>,
    /// Where the images came from, for the manifest.
    pub images: Vec<String>,
}

/// A State body's (TM., KT., …) and a Party body's (T/M, K/T, T/L).
const AUTHORITIES: [&str; 8] = ["TM.", "KT.", "TL.", "TUQ.", "Q.", "T/M", "K/T", "T/L"];

/// A signing authority is empty or starts with one of [`AUTHORITIES`].
fn check_authority(authority: &str) -> Result<(), String> {
    if authority.is_empty() || AUTHORITIES.iter().any(|a| authority.starts_with(&format!("{a} "))) {
        return Ok(());
    }
    Err(format!(
        "`authority` = «{authority}» — cần bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. (văn bản của Đảng: T/M, K/T, T/L) rồi đến chức vụ (ví dụ «KT. GIÁM ĐỐC»), hoặc để trống"
    ))
}

/// A TOML date (`2025-06-20`) as a calendar date; what is wrong, naming `key`.
fn toml_date(d: &toml::value::Datetime, key: &str) -> Result<Date, String> {
    match (d.date, d.time) {
        (Some(x), None) => Date::from_calendar_date(
            i32::from(x.year),
            Month::try_from(x.month).unwrap_or(Month::January),
            x.day,
        )
        .map_err(|_| format!("`{key}` = {d} không phải một ngày có thật")),
        _ => Err(format!("`{key}` = {d} — cần một ngày dạng 2025-06-20")),
    }
}

impl ReportConfig {
    /// Reads and checks a configuration; every problem with its line.
    pub fn read(file: &SourceFile) -> Result<Self, Error> {
        let fail = |d: Diagnostic| Error::InvalidConfig { file: file.name.clone(), errors: vec![d] };
        let r: Record = parse(file).map_err(fail)?;
        let at = || Location::file(&file.name);
        let date = r
            .date
            .map(|d| toml_date(&d, "date"))
            .transpose()
            .map_err(|w| fail(Diagnostic::error(at(), w)))?;
        let mut issued = BTreeMap::new();
        for (id, rec) in &r.issued {
            let key = format!("[issued.\"{id}\"]");
            let period = crate::period::Period::parse(id).map_err(|why| {
                fail(Diagnostic::error(
                    at(),
                    format!("{key}: «{id}» không phải kỳ báo cáo ({why}) — viết như ở lệnh report: 2025-H1, 2025, 2025-Q3…"),
                ))
            })?;
            let date = rec
                .date
                .map(|d| toml_date(&d, &format!("{key} date")))
                .transpose()
                .map_err(|w| fail(Diagnostic::error(at(), w)))?;
            if rec.number == Some(0) {
                return Err(fail(Diagnostic::error(
                    at(),
                    format!("{key} number phải từ 1 trở lên (hoặc bỏ dòng này khi lập dự thảo)"),
                )));
            }
            let authority = rec.authority.as_deref().map(clean);
            if let Some(a) = authority.as_deref() {
                check_authority(a).map_err(|w| fail(Diagnostic::error(at(), format!("{key} {w}"))))?;
            }
            issued.insert(
                period.id(),
                Issued {
                    number: rec.number,
                    date,
                    authority,
                    signer_title: rec.signer_title.as_deref().map(clean),
                    signer: rec.signer.as_deref().map(clean),
                },
            );
        }
        let authority = clean(&r.authority);
        check_authority(&authority).map_err(|w| fail(Diagnostic::error(at(), w)))?;
        if r.number == Some(0) {
            return Err(fail(Diagnostic::error(
                at(),
                "`number` phải từ 1 trở lên (hoặc bỏ dòng này khi lập dự thảo)",
            )));
        }
        if r.appendices.is_empty() {
            return Err(fail(Diagnostic::error(
                at(),
                "`appendices` trống — cần ít nhất một phụ lục: \"chi-tieu\", \"nhiem-vu\", \"tiep-nhan\", \"bieu-do\"",
            )));
        }
        // Images are named relative to the configuration file's folder.
        let base =
            std::path::Path::new(&file.name).parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let image = |name: &Option<String>, key: &str| -> Result<Option<Vec<u8>>, Error> {
            let Some(name) = name else { return Ok(None) };
            let path = base.join(name);
            // Named with its key and the configuration file, as every configuration error is.
            let bytes = read_image(&path)
                .map_err(|e| fail(Diagnostic::error(at(), format!("`{key}` = «{name}»: {e}"))))?;
            match image_problem(&bytes) {
                Some(why) => Err(fail(Diagnostic::error(at(), format!("`{key}` = «{name}» {why}")))),
                None => Ok(Some(bytes)),
            }
        };
        let signature_image = image(&r.signature_image, "signature_image")?;
        let stamp_image = image(&r.stamp_image, "stamp_image")?;
        let images = [&r.signature_image, &r.stamp_image].into_iter().flatten().cloned().collect();
        Ok(ReportConfig {
            file: file.name.clone(),
            style: r.style,
            signature_image,
            stamp_image,
            images,
            parent: clean(&r.parent),
            issuer: clean(&r.issuer),
            number: r.number,
            date,
            issued,
            place: r.place.map(|p| clean(&p)),
            recipient: r.recipient.map(|p| clean(&p)),
            authority,
            signer_title: clean(&r.signer_title),
            signer: clean(&r.signer),
            recipients: r.recipients.iter().map(|s| clean(s)).collect(),
            archive: clean(&r.archive),
            appendices: r.appendices,
            appendix_files: r.appendix_files,
        })
    }

    /// The configuration of `period`'s report: its number, date and signer
    /// from `[issued."…"]`, else a draft; the number and date of the top of
    /// the file (older configurations) still apply, with a warning, since
    /// they would give every period's report the same identity.
    /// No number or date yet: a draft, marked «DỰ THẢO» and not signed.
    pub fn is_draft(&self) -> bool {
        self.number.is_none() || self.date.is_none()
    }

    pub fn for_period(&self, period: crate::period::Period) -> (ReportConfig, Vec<String>) {
        let mut c = self.clone();
        let mut warnings = Vec::new();
        match self.issued.get(&period.id()) {
            Some(i) => {
                c.number = i.number;
                c.date = i.date;
                c.authority = i.authority.clone().unwrap_or(c.authority);
                c.signer_title = i.signer_title.clone().unwrap_or(c.signer_title);
                c.signer = i.signer.clone().unwrap_or(c.signer);
            }
            None if self.number.is_some() || self.date.is_some() => warnings.push(format!(
                "{FILE}: `number`/`date` ở đầu tệp dùng chung cho báo cáo của mọi kỳ — hãy chuyển vào mục [issued.\"{}\"] (mỗi kỳ một số, một ngày), hoặc xóa để lập dự thảo",
                period.id()
            )),
            None => {}
        }
        (c, warnings)
    }

    /// Sets `period`'s number and date from the command line (`report
    /// --number --date`), or makes its report a draft (`--draft`).
    pub fn set_issued(
        &mut self,
        period: crate::period::Period,
        number: Option<u32>,
        date: Option<Date>,
        draft: bool,
    ) {
        if !draft && number.is_none() && date.is_none() {
            return;
        }
        let empty = Issued { number: None, date: None, authority: None, signer_title: None, signer: None };
        let entry = self.issued.entry(period.id()).or_insert(empty);
        if draft {
            (entry.number, entry.date) = (None, None);
        }
        entry.number = number.or(entry.number);
        entry.date = date.or(entry.date);
    }

    pub fn embedded() -> Result<Self, Error> {
        Self::read(&SourceFile { name: format!("(có sẵn)/{FILE}"), text: EMBEDDED.to_owned() })
    }
}

/// Who reports on a newly imported plan: the first `bao-cao.toml` of its
/// folder, so that a report of another province or a ministry does not go
/// out under the bundled plan's letterhead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub style: Style,
    /// The appendices the plan has content for: a plan without indicators
    /// gets no empty Phụ lục of indicators.
    pub appendices: Vec<AppendixKind>,
    /// The standing agency's superior, in capitals («UBND TỈNH AN GIANG»);
    /// empty for a ministry.
    pub parent: String,
    /// The standing agency, in capitals.
    pub issuer: String,
    pub recipient: String,
    pub authority: String,
    pub signer_title: String,
}

impl Draft {
    /// The configuration text: a draft (no number, no date), the signer to
    /// be filled in.
    pub fn toml(&self) -> String {
        let q = |s: &str| toml::Value::String(s.to_owned()).to_string();
        format!(
            "# Cấu hình báo cáo, lập khi nhập kế hoạch: xem lại từng dòng. Xem mục «Cấu hình báo cáo» trong README.\n\
             # Báo cáo là dự thảo cho đến khi điền `number` và `date`: in «Số:      /BC-…» và\n\
             # «ngày      tháng      năm …» để văn thư điền khi phát hành.\n\
             \n\
             {}parent = {}   # cơ quan chủ quản (chữ in hoa, có thể viết tắt; để trống nếu không có)\n\
             issuer = {}   # cơ quan ban hành báo cáo (chữ in hoa)\n\
             # number = 1                   # số văn bản, khi phát hành\n\
             # date = 2025-06-20            # ngày ký, khi phát hành\n\
             recipient = {}   # Kính gửi\n\
             authority = {}   # quyền hạn ký: TM., KT., TL., TUQ., Q. hoặc để trống\n\
             signer_title = {}\n\
             signer = \"\"                    # điền họ tên người ký\n\
             recipients = [\"Như trên;\"]\n\
             archive = \"VT\"                 # dòng cuối: «- Lưu: VT.»\n\
             appendices = {}   # phụ lục kèm theo, theo thứ tự: \"chi-tieu\", \"nhiem-vu\", \"tiep-nhan\", \"bieu-do\"\n",
            match self.style {
                Style::State => "",
                Style::Party => "style = \"dang\"   # thể thức văn bản của Đảng (Hướng dẫn 36-HD/VPTW)\n",
            },
            q(&self.parent),
            q(&self.issuer),
            q(&self.recipient),
            q(&self.authority),
            q(&self.signer_title),
            toml::Value::Array(
                self.appendices.iter().filter_map(|k| toml::Value::try_from(k).ok()).collect()
            ),
        )
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    #[test]
    fn a_draft_configuration_reads_back() {
        let draft = Draft {
            style: Style::State,
            appendices: vec![
                AppendixKind::Indicators,
                AppendixKind::Tasks,
                AppendixKind::Receipts,
                AppendixKind::Charts,
            ],
            parent: String::new(),
            issuer: "BỘ KHOA HỌC VÀ CÔNG NGHỆ".into(),
            recipient: "Thủ tướng \"Chính phủ\"".into(),
            authority: "KT. BỘ TRƯỞNG".into(),
            signer_title: "THỨ TRƯỞNG".into(),
        };
        let c = ReportConfig::read(&SourceFile { name: FILE.into(), text: draft.toml() }).unwrap();
        assert_eq!((c.parent.as_str(), c.issuer.as_str()), ("", "BỘ KHOA HỌC VÀ CÔNG NGHỆ"));
        assert_eq!(c.recipient.as_deref(), Some("Thủ tướng \"Chính phủ\""));
        assert_eq!((c.number, c.date), (None, None));
        assert_eq!(c.style, Style::State);
        let party = Draft {
            style: Style::Party,
            appendices: vec![AppendixKind::Tasks, AppendixKind::Receipts],
            parent: "TỈNH ỦY QUẢNG TRỊ".into(),
            issuer: "BAN TUYÊN GIÁO VÀ DÂN VẬN".into(),
            recipient: "Ban Thường vụ Tỉnh ủy".into(),
            authority: "K/T TRƯỞNG BAN".into(),
            signer_title: "PHÓ TRƯỞNG BAN".into(),
        };
        let c = ReportConfig::read(&SourceFile { name: FILE.into(), text: party.toml() }).unwrap();
        assert_eq!((c.style, c.authority.as_str()), (Style::Party, "K/T TRƯỞNG BAN"));
        assert_eq!(c.appendices, [AppendixKind::Tasks, AppendixKind::Receipts]);
    }
}
