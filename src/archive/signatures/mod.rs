//! Checking every signature of a PDF, oldest first, as a validator does:
//! the signed bytes (`locate`), the CMS signature and the certificate it is
//! bound to (`cms`), the chain to a trusted CA (`chain`), and what later
//! revisions changed (`revisions`).

mod chain;
mod cms;
mod locate;
mod revisions;

pub use chain::{Trust, read_trust};
pub use revisions::Changes;

use x509_cert::Certificate;

use crate::archive::x509;
use crate::error::Error;

/// One signature, checked.
#[derive(Debug, Clone)]
pub struct Checked {
    /// A document time-stamp rather than a person's signature.
    pub timestamp: bool,
    pub signer: String,
    pub issuer: String,
    /// The /M entry as written, else the signing-time attribute.
    pub signed_at: Option<String>,
    pub verdict: Verdict,
    pub trust: Trust,
    /// What the file's later revisions changed.
    pub changes: Changes,
    /// Worth saying but not failing on (no signing-certificate attribute).
    pub notes: Vec<String>,
    /// The signature's time-stamp (PAdES B-T), if it has one.
    pub stamp: Option<Stamped>,
}

/// A signature's time-stamp, checked.
#[derive(Debug, Clone)]
pub struct Stamped {
    /// The time the service gives, as a PDF date in UTC.
    pub time: Option<String>,
    /// The service's name (its certificate's common name).
    pub tsa: String,
    /// Intact: the token stamps this signature and the service's signature holds.
    pub verdict: Verdict,
    pub trust: Trust,
}

/// Unix seconds as a PDF date in UTC (`D:20261130100859Z`).
pub fn pdf_utc(unix: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(format!(
        "D:{:04}{:02}{:02}{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

/// Whether a signature holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The signed bytes are as signed and the signature verifies.
    Intact,
    /// The bytes or the signature do not match: what, in Vietnamese.
    Altered(String),
    /// Not a signature that can be checked (broken CMS, a certificate not
    /// bound to it, an algorithm not supported): why.
    Invalid(String),
}

impl Checked {
    /// Whether this signature passes: intact, nothing but signatures
    /// after it, and trusted when trust was checked.
    pub fn holds(&self) -> bool {
        self.verdict == Verdict::Intact
            && matches!(self.changes, Changes::None | Changes::SignaturesOnly)
            && !matches!(self.trust, Trust::NotTrusted(_))
            && !self.stamp.as_ref().is_some_and(|s| matches!(s.trust, Trust::NotTrusted(_)))
    }
}

/// Every signature of `pdf`, oldest first, checked against `trusted`
/// (empty: trust not checked).
pub fn check_all(pdf: &[u8], trusted: &[Certificate]) -> Result<(Vec<Checked>, Vec<String>), Error> {
    let (doc, found, raw) = locate::signatures(pdf)?;
    if found.is_empty() {
        return Err(Error::Refused("tệp PDF không có chữ ký số".into()));
    }
    let mut notes = Vec::new();
    if raw > found.len() {
        notes.push(format!(
            "tệp có {raw} chỗ ghi vùng ký nhưng chỉ {} chữ ký còn trong tài liệu — có chữ ký của bản trước đã bị thay thế",
            found.len()
        ));
    }
    // Whether the newest signature covers the file to its end: bytes after
    // it are signed by no one.
    let covered = found.last().is_some_and(|s| s.end() == pdf.len());
    let checked = found
        .iter()
        .map(|sig| {
            let mut c = check_one(pdf, &doc, sig, trusted);
            if c.changes == Changes::SignaturesOnly && !covered {
                c.changes = Changes::Appended;
            }
            c
        })
        .collect();
    Ok((checked, notes))
}

fn check_one(pdf: &[u8], doc: &lopdf::Document, sig: &locate::Located, trusted: &[Certificate]) -> Checked {
    let changes = revisions::after(pdf, sig.end(), doc);
    let mut out = Checked {
        timestamp: sig.timestamp,
        signer: String::new(),
        issuer: String::new(),
        signed_at: sig.m.clone(),
        verdict: Verdict::Intact,
        trust: Trust::NotChecked,
        changes,
        notes: Vec::new(),
        stamp: None,
    };
    if let Err(why) = locate::check_range(pdf, sig) {
        out.verdict = Verdict::Invalid(why);
        return out;
    }
    let [_, b, c, d] = sig.range;
    let cms = match cms::check(&sig.contents, &[&pdf[..b], &pdf[c..c + d]]) {
        Ok(cms) => cms,
        Err(cms::Malformed(why)) => {
            out.verdict = Verdict::Invalid(why);
            return out;
        }
    };
    out.signer = x509::common_name(&cms.signer);
    out.issuer = x509::issuer_name(&cms.signer);
    if out.signed_at.is_none() {
        out.signed_at = cms.signing_time.and_then(pdf_utc);
    }
    out.verdict = if cms.binding == cms::Binding::Mismatch {
        Verdict::Invalid(
            "chứng thư kèm theo không phải chứng thư mà chữ ký gắn với (thuộc tính signing-certificate không khớp)"
                .into(),
        )
    } else if !cms.digest_ok {
        Verdict::Altered("phần đã ký của tệp đã bị thay đổi".into())
    } else if !cms.signature_ok {
        Verdict::Altered("chữ ký không khớp với khóa của chứng thư người ký".into())
    } else {
        Verdict::Intact
    };
    if cms.binding == cms::Binding::Unbound {
        out.notes.push(
            "chữ ký không ghi mã băm chứng thư người ký (signing-certificate) như PAdES yêu cầu".into(),
        );
    }
    if !x509::may_sign_documents(&cms.signer) {
        out.notes
            .push("chứng thư người ký không có quyền ký văn bản (digitalSignature, nonRepudiation)".into());
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let stamp = cms.stamp.as_ref().map(|st| stamped(st, trusted, now));
    // A signature the service stamped is judged at the stamped time: that is
    // what keeps it checkable once the certificate has expired.
    let stamped_at = stamp
        .as_ref()
        .filter(|s| s.verdict == Verdict::Intact)
        .and_then(|s| s.time.as_deref().and_then(pdf_date_unix));
    if let Some(Verdict::Invalid(why) | Verdict::Altered(why)) = stamp.as_ref().map(|s| s.verdict.clone())
        && out.verdict == Verdict::Intact
    {
        out.verdict = Verdict::Invalid(format!("dấu thời gian của chữ ký không hợp lệ: {why}"));
    }
    out.stamp = stamp;
    let at =
        stamped_at.or(cms.signing_time).or_else(|| sig.m.as_deref().and_then(pdf_date_unix)).unwrap_or(now);
    out.trust = match chain::check(&cms.signer, &cms.certs, trusted, at) {
        Trust::Trusted if !x509::may_sign_documents(&cms.signer) => {
            Trust::NotTrusted("chứng thư người ký không được dùng để ký văn bản".into())
        }
        other => other,
    };
    out
}

/// A PDF date (`D:20261126104512Z`, `D:20261126174512+07'00'`) as a moment.
/// A signature's time-stamp token, checked: it stamps this signature's
/// value, the service's signature holds, its chain (at the stamped time).
fn stamped(st: &cms::Stamp, trusted: &[Certificate], now: i64) -> Stamped {
    match st {
        cms::Stamp::Read(t) => {
            let verdict = if !t.digest_ok {
                Verdict::Invalid("dấu thời gian không phải của chữ ký này".into())
            } else if !t.signature_ok || t.binding == cms::Binding::Mismatch {
                Verdict::Invalid("chữ ký của dịch vụ cấp dấu thời gian không hợp lệ".into())
            } else {
                Verdict::Intact
            };
            Stamped {
                time: t.gen_time.and_then(pdf_utc),
                tsa: x509::common_name(&t.signer),
                verdict,
                trust: chain::check(&t.signer, &t.certs, trusted, t.gen_time.unwrap_or(now)),
            }
        }
        cms::Stamp::Malformed(why) => Stamped {
            time: None,
            tsa: String::new(),
            verdict: Verdict::Invalid(why.clone()),
            trust: Trust::NotChecked,
        },
    }
}

pub fn pdf_date(m: &str) -> Option<time::OffsetDateTime> {
    let d = m.trim_start_matches("D:");
    let digits = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u16>().ok());
    let date = time::Date::from_calendar_date(
        i32::from(digits(0..4)?),
        time::Month::try_from(u8::try_from(digits(4..6)?).ok()?).ok()?,
        u8::try_from(digits(6..8)?).ok()?,
    )
    .ok()?;
    let clock = time::Time::from_hms(
        u8::try_from(digits(8..10)?).ok()?,
        u8::try_from(digits(10..12)?).ok()?,
        u8::try_from(digits(12..14)?).ok()?,
    )
    .ok()?;
    // The offset after the seconds: Z, or +hh'mm' / -hh'mm'.
    let offset = match d.get(14..15) {
        None | Some("Z") => time::UtcOffset::UTC,
        Some(sign) => {
            let hours = i8::try_from(digits(15..17)?).ok()?;
            let minutes = d.get(18..20).and_then(|s| s.parse::<i8>().ok()).unwrap_or(0);
            let (h, m) = if sign == "-" { (-hours, -minutes) } else { (hours, minutes) };
            time::UtcOffset::from_hms(h, m, 0).ok()?
        }
    };
    Some(time::PrimitiveDateTime::new(date, clock).assume_offset(offset))
}

fn pdf_date_unix(m: &str) -> Option<i64> {
    pdf_date(m).map(time::OffsetDateTime::unix_timestamp)
}
