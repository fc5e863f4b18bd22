//! The signatures a PDF holds: each signature dictionary with its byte
//! range checked against the file, oldest first.

use lopdf::{Dictionary, Document, Object};

use crate::error::Error;

/// One signature dictionary of the file.
#[derive(Debug, Clone)]
pub struct Located {
    /// `[0, b, c, d]`: the signed bytes are `[0, b)` and `[c, c + d)`.
    pub range: [usize; 4],
    /// The CMS blob, as the dictionary's /Contents holds it.
    pub contents: Vec<u8>,
    /// The /M entry (`D:20261126…`), when there is one.
    pub m: Option<String>,
    /// /DocTimeStamp: a document time-stamp, not a person's signature.
    pub timestamp: bool,
}

impl Located {
    /// Where the signed bytes end: the revision the signature covers.
    pub fn end(&self) -> usize {
        self.range[2] + self.range[3]
    }
}

fn fail(what: impl Into<String>) -> Error {
    Error::Refused(what.into())
}

/// The PDF's signature dictionaries, oldest first, and how many
/// `/ByteRange` entries the bytes hold (more than the dictionaries found
/// means a signature of an earlier revision was replaced).
pub fn signatures(pdf: &[u8]) -> Result<(Document, Vec<Located>, usize), Error> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(fail("tệp không phải PDF (không bắt đầu bằng «%PDF-»)"));
    }
    let raw = pdf.windows(10).filter(|w| *w == b"/ByteRange").count();
    let doc = Document::load_mem(pdf).map_err(|e| {
        let signed = if raw == 0 { "không có chữ ký số, " } else { "" };
        fail(format!("tệp PDF {signed}hỏng hoặc bị cắt dở, không đọc được cấu trúc (chi tiết: {e})"))
    })?;
    if doc.encryption_state.is_some() || doc.trailer.has(b"Encrypt") {
        return Err(fail(
            "tệp PDF được mã hóa (đặt mật khẩu hoặc giới hạn quyền) — chương trình không kiểm tra chữ ký của tệp mã hóa; hãy kiểm tra bằng phần mềm ký số của tổ chức cung cấp chứng thư",
        ));
    }
    let mut found = Vec::new();
    for object in doc.objects.values() {
        let Object::Dictionary(dict) = object else { continue };
        if let Some(sig) = signature_dictionary(dict) {
            found.push(sig);
        }
    }
    found.sort_by_key(Located::end);
    found.dedup_by_key(|s| s.range);
    Ok((doc, found, raw))
}

fn signature_dictionary(dict: &Dictionary) -> Option<Located> {
    let range = dict.get(b"ByteRange").ok()?.as_array().ok()?;
    let contents = match dict.get(b"Contents").ok()? {
        Object::String(bytes, _) => bytes.clone(),
        _ => return None,
    };
    let numbers: Vec<usize> =
        range.iter().map(|o| o.as_i64().ok().and_then(|n| usize::try_from(n).ok())).collect::<Option<_>>()?;
    let range: [usize; 4] = numbers.try_into().ok()?;
    let m = match dict.get(b"M") {
        Ok(Object::String(bytes, _)) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    };
    let timestamp = dict.get(b"Type").and_then(Object::as_name).is_ok_and(|n| n == b"DocTimeStamp");
    Some(Located { range, contents, m, timestamp })
}

/// Checks that the byte range is a range of this file whose hole is
/// exactly the dictionary's /Contents: the signed bytes and the signature
/// belong together.
pub fn check_range(pdf: &[u8], sig: &Located) -> Result<(), String> {
    let [a, b, c, d] = sig.range;
    let within = c.checked_add(d).is_some_and(|end| end <= pdf.len());
    if a != 0
        || b.saturating_add(2) > c
        || !within
        || pdf.get(b) != Some(&b'<')
        || pdf.get(c - 1) != Some(&b'>')
    {
        return Err("vùng ký (/ByteRange) không đúng với tệp".into());
    }
    let hex = &pdf[b + 1..c - 1];
    let decoded: Option<Vec<u8>> = hex
        .chunks(2)
        .map(|p| std::str::from_utf8(p).ok().and_then(|s| u8::from_str_radix(s, 16).ok()))
        .collect();
    match decoded {
        Some(bytes)
            if bytes.len() >= sig.contents.len() && bytes[..sig.contents.len()] == sig.contents[..] =>
        {
            Ok(())
        }
        _ => Err("phần chữ ký trong vùng ký không phải /Contents của chữ ký".into()),
    }
}
