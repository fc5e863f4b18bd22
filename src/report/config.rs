//! The report configuration (`inputs/bao-cao.toml`): who issues the report,
//! its number and date, who signs it, who receives it, which appendices.

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

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
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
}

/// A checked configuration.
#[derive(Debug, Clone, Serialize)]
pub struct ReportConfig {
    pub parent: String,
    pub issuer: String,
    /// `None` in a draft: the number is assigned when the report is issued.
    pub number: Option<u32>,
    /// `None` in a draft.
    #[serde(serialize_with = "crate::form::opt_date")]
    pub date: Option<Date>,
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

const AUTHORITIES: [&str; 5] = ["TM.", "KT.", "TL.", "TUQ.", "Q."];

impl ReportConfig {
    /// Reads and checks a configuration; every problem with its line.
    pub fn read(file: &SourceFile) -> Result<Self, Error> {
        let fail = |d: Diagnostic| Error::InvalidConfig { file: file.name.clone(), errors: vec![d] };
        let r: Record = parse(file).map_err(fail)?;
        let at = || Location::file(&file.name);
        let date = match r.date {
            None => None,
            Some(d) => match (d.date, d.time) {
                (Some(x), None) => Some(
                    Date::from_calendar_date(
                        i32::from(x.year),
                        Month::try_from(x.month).unwrap_or(Month::January),
                        x.day,
                    )
                    .map_err(|_| {
                        fail(Diagnostic::error(at(), format!("`date` = {d} không phải một ngày có thật")))
                    })?,
                ),
                _ => {
                    return Err(fail(Diagnostic::error(
                        at(),
                        format!("`date` = {d} — cần một ngày dạng 2025-06-20"),
                    )));
                }
            },
        };
        let authority = clean(&r.authority);
        if !authority.is_empty() && !AUTHORITIES.iter().any(|a| authority.starts_with(&format!("{a} "))) {
            return Err(fail(Diagnostic::error(
                at(),
                format!(
                    "`authority` = «{authority}» — cần bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. rồi đến chức vụ (ví dụ «KT. GIÁM ĐỐC»), hoặc để trống"
                ),
            )));
        }
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
            let bytes = read_image(&path)?;
            match image_problem(&bytes) {
                Some(why) => Err(fail(Diagnostic::error(at(), format!("`{key}` = «{name}» {why}")))),
                None => Ok(Some(bytes)),
            }
        };
        let signature_image = image(&r.signature_image, "signature_image")?;
        let stamp_image = image(&r.stamp_image, "stamp_image")?;
        let images = [&r.signature_image, &r.stamp_image].into_iter().flatten().cloned().collect();
        Ok(ReportConfig {
            signature_image,
            stamp_image,
            images,
            parent: clean(&r.parent),
            issuer: clean(&r.issuer),
            number: r.number,
            date,
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

    pub fn embedded() -> Result<Self, Error> {
        Self::read(&SourceFile { name: format!("(có sẵn)/{FILE}"), text: EMBEDDED.to_owned() })
    }
}

/// Who reports on a newly imported plan: the first `bao-cao.toml` of its
/// folder, so that a report of another province or a ministry does not go
/// out under the bundled plan's letterhead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
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
             parent = {}   # cơ quan chủ quản (chữ in hoa, có thể viết tắt; để trống nếu không có)\n\
             issuer = {}   # cơ quan ban hành báo cáo (chữ in hoa)\n\
             # number = 1                   # số văn bản, khi phát hành\n\
             # date = 2025-06-20            # ngày ký, khi phát hành\n\
             recipient = {}   # Kính gửi\n\
             authority = {}   # quyền hạn ký: TM., KT., TL., TUQ., Q. hoặc để trống\n\
             signer_title = {}\n\
             signer = \"\"                    # điền họ tên người ký\n\
             recipients = [\"Như trên;\"]\n\
             archive = \"VT\"                 # dòng cuối: «- Lưu: VT.»\n\
             appendices = [\"chi-tieu\", \"nhiem-vu\", \"tiep-nhan\", \"bieu-do\"]   # phụ lục kèm theo, theo thứ tự\n",
            q(&self.parent),
            q(&self.issuer),
            q(&self.recipient),
            q(&self.authority),
            q(&self.signer_title),
        )
    }
}

#[cfg(test)]
mod draft_tests {
    use super::*;

    #[test]
    fn a_draft_configuration_reads_back() {
        let draft = Draft {
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
    }
}
