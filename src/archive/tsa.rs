//! RFC 3161 time-stamping: a token from the service the user names, over
//! the hash of a signature's value, so that the signature can still be
//! checked once its certificate has expired (PAdES B-T). This is the one
//! network request the program makes, and only when asked (`--tsa URL`).

use std::time::Duration;

use der::asn1::{Int, OctetString};
use der::{Any, Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::x509::ID_SHA256;
use crate::error::Error;

/// Long enough for a slow service, short enough not to leave a clerk waiting.
const TIMEOUT: Duration = Duration::from_secs(30);
/// A token with its certificate chain is a few kilobytes.
const REPLY_LIMIT: u64 = 1 << 20;

/// `TimeStampReq ::= SEQUENCE { version 1, messageImprint, nonce, certReq TRUE }`.
#[derive(der::Sequence)]
struct Request {
    version: u8,
    imprint: Imprint,
    nonce: Int,
    cert_req: bool,
}

#[derive(der::Sequence)]
struct Imprint {
    algorithm: AlgorithmIdentifierOwned,
    hashed: OctetString,
}

fn fail(url: &str, what: impl std::fmt::Display) -> Error {
    Error::Refused(format!(
        "không lấy được dấu thời gian từ {url}: {what} — kiểm tra địa chỉ dịch vụ cấp dấu thời gian và kết nối mạng, hoặc ký không có --tsa; tệp chưa được ký"
    ))
}

/// The time-stamp token (a CMS ContentInfo, DER) the service at `url`
/// gives for `signature`, the bytes of a signature value.
pub fn token(url: &str, signature: &[u8]) -> Result<Vec<u8>, Error> {
    if !url.starts_with("http://") {
        return Err(Error::Usage(format!(
            "--tsa «{url}»: cần địa chỉ http://… của dịch vụ cấp dấu thời gian (các dịch vụ RFC 3161 thường dùng http; https chưa được hỗ trợ)"
        )));
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let nonce_bytes = nonce(format!("{}:{}", now.as_nanos(), std::process::id()).as_bytes());
    let request = Request {
        version: 1,
        imprint: Imprint {
            algorithm: AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None },
            hashed: OctetString::new(Sha256::digest(signature).to_vec()).map_err(|e| fail(url, e))?,
        },
        nonce: Int::new(&nonce_bytes).map_err(|e| fail(url, e))?,
        cert_req: true,
    };
    let body = request.to_der().map_err(|e| fail(url, e))?;
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).build().into();
    let mut response = agent
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .send(&body[..])
        .map_err(|e| fail(url, e))?;
    let reply =
        response.body_mut().with_config().limit(REPLY_LIMIT).read_to_vec().map_err(|e| fail(url, e))?;
    read_reply(&reply, &request.nonce).map_err(|why| fail(url, why))
}

/// Eight bytes for the request's nonce, from `seed`. DER wants an INTEGER in
/// its shortest form: a leading zero byte before a byte below 0x80 is not,
/// and services (openssl among them) refuse such a request as badly formed,
/// which once failed one signing in 256. So the first byte is 0x40–0x7F:
/// never zero, never negative, 62 bits that differ from request to request.
fn nonce(seed: &[u8]) -> [u8; 8] {
    let digest = Sha256::digest(seed);
    let mut b = [0u8; 8];
    b.copy_from_slice(&digest[..8]);
    b[0] = (b[0] & 0x3F) | 0x40;
    b
}

/// `TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }`:
/// the token, when the status grants it (0 granted, 1 granted with mods).
fn read_reply(reply: &[u8], nonce: &Int) -> Result<Vec<u8>, String> {
    let fields: Vec<Any> = Any::from_der(reply)
        .and_then(|a| a.decode_as())
        .map_err(|_| "câu trả lời không phải TimeStampResp".to_owned())?;
    let status: Vec<Any> =
        fields.first().and_then(|s| s.decode_as().ok()).ok_or("câu trả lời thiếu trạng thái")?;
    let code: u8 = status.first().and_then(|c| c.decode_as().ok()).ok_or("trạng thái không đọc được")?;
    if code > 1 {
        return Err(format!("dịch vụ từ chối cấp (trạng thái {code})"));
    }
    let token = fields.get(1).ok_or("câu trả lời không kèm dấu thời gian")?;
    let der = token.to_der().map_err(|e| e.to_string())?;
    // The nonce sent comes back in the TSTInfo: the token answers this request.
    let echoed = der.windows(nonce.as_bytes().len()).any(|w| w == nonce.as_bytes());
    if !echoed {
        return Err("dấu thời gian không trả lời yêu cầu này (nonce khác)".into());
    }
    Ok(der)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every nonce encodes as DER reads it back strictly: a non-minimal
    /// INTEGER (the old 0x00 0x0… start) fails `from_der`.
    #[test]
    fn every_nonce_is_a_minimal_der_integer() {
        for i in 0u32..20_000 {
            let n = nonce(&i.to_le_bytes());
            let der = Int::new(&n).and_then(|int| int.to_der()).expect("encodes");
            assert_eq!(der.len(), 10, "seed {i}: {der:02x?}");
            Int::from_der(&der).unwrap_or_else(|e| panic!("seed {i}: {der:02x?}: {e}"));
        }
        let zero_led = Int::new(&[0x00, 0x12, 0x34]).and_then(|int| int.to_der()).expect("encodes");
        assert!(Int::from_der(&zero_led).is_err(), "the check above can fail");
    }
}
