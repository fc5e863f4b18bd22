//! The CMS side of a PDF signature: the signed digest against the bytes,
//! the signer's certificate bound by the ESS signing-certificate hash, the
//! signature over the signed attributes.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Any, Decode, Encode, Tag, Tagged};
use x509_cert::Certificate;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::archive::x509::{self, Hash, ID_MESSAGE_DIGEST, ID_SIGNED_DATA, ID_SIGNING_CERTIFICATE_V2};

const ID_TST_INFO: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");
const ID_SIGNING_TIME: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.5");
const ID_SIGNING_CERTIFICATE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.12");

/// How the signer's certificate is tied to the signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// The signed attributes hold the certificate's hash, and it matches.
    Bound,
    /// No signing-certificate attribute: the certificate was found by
    /// issuer and serial number only.
    Unbound,
    /// The hash names another certificate than the one in the signature.
    Mismatch,
}

/// What the CMS says, once checked.
#[derive(Debug, Clone)]
pub struct Cms {
    pub signer: Certificate,
    /// Every certificate the signature carries.
    pub certs: Vec<Certificate>,
    /// The bytes hash to the digest the signature signs.
    pub digest_ok: bool,
    /// The signature over the signed attributes verifies with the signer's key.
    pub signature_ok: bool,
    pub binding: Binding,
    /// The signing-time attribute, Unix seconds.
    pub signing_time: Option<i64>,
    /// For a time-stamp token: the time it gives (TSTInfo genTime), Unix seconds.
    pub gen_time: Option<i64>,
    /// The signature's own time-stamp (unsigned attribute
    /// signatureTimeStampToken, PAdES B-T), checked against its value.
    pub stamp: Option<Stamp>,
}

/// A signature's time-stamp.
#[derive(Debug, Clone)]
pub enum Stamp {
    /// The token reads; `token.digest_ok` says whether it stamps this
    /// signature, `token.signature_ok` whether the service's signature holds.
    Read(Box<Cms>),
    Malformed(String),
}

const ID_SIGNATURE_TIMESTAMP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// A TSTInfo's genTime (its fifth field), Unix seconds.
fn gen_time(tst_info: &[u8]) -> Option<i64> {
    let fields: Vec<Any> = Any::from_der(tst_info).ok()?.decode_as().ok()?;
    let t: der::asn1::GeneralizedTime = fields.get(4)?.decode_as().ok()?;
    Some(t.to_unix_duration().as_secs() as i64)
}

/// Why a signature cannot be read as one: not CMS, no signer, an algorithm
/// not supported. Said as «không hợp lệ».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed(pub String);

fn bad(what: &str) -> Malformed {
    Malformed(what.to_owned())
}

pub fn check(blob: &[u8], signed: &[&[u8]]) -> Result<Cms, Malformed> {
    let mut reader = der::SliceReader::new(blob).map_err(|_| bad("nội dung chữ ký trống"))?;
    let info = ContentInfo::decode(&mut reader).map_err(|_| bad("nội dung chữ ký không phải CMS"))?;
    if info.content_type != ID_SIGNED_DATA {
        return Err(bad("nội dung chữ ký không phải CMS SignedData"));
    }
    let data: SignedData =
        info.content.decode_as().map_err(|_| bad("nội dung chữ ký không phải CMS SignedData"))?;
    let si = data.signer_infos.0.iter().next().ok_or_else(|| bad("chữ ký không có người ký"))?;
    let certs: Vec<Certificate> = data
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(cert) => Some(cert.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer = certs
        .iter()
        .find(|c| match &si.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                c.tbs_certificate().serial_number() == &id.serial_number
                    && c.tbs_certificate().issuer() == &id.issuer
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                x509::subject_key_id(c).is_some_and(|k| k == ski.0.as_bytes())
            }
        })
        .cloned()
        .ok_or_else(|| bad("chữ ký không kèm chứng thư của người ký"))?;
    let hash = Hash::of_oid(&si.digest_alg.oid)
        .ok_or_else(|| Malformed(format!("thuật toán băm {} chưa được hỗ trợ", si.digest_alg.oid)))?;
    let attrs = si.signed_attrs.as_ref().ok_or_else(|| bad("chữ ký thiếu thuộc tính đã ký"))?;
    let value =
        |oid: ObjectIdentifier| attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.iter().next());
    let claimed = value(ID_MESSAGE_DIGEST).and_then(|v| v.decode_as::<OctetString>().ok());
    let mut stamped_at = None;
    let digest_ok = match &data.encap_content_info.econtent {
        // A document time-stamp signs a TSTInfo, whose message imprint is
        // the hash of the PDF's bytes.
        Some(content) if data.encap_content_info.econtent_type == ID_TST_INFO => {
            let tst = content.decode_as::<OctetString>().map_err(|_| bad("dấu thời gian hỏng"))?;
            stamped_at = gen_time(tst.as_bytes());
            claimed.is_some_and(|c| c.as_bytes() == hash.digest(&[tst.as_bytes()]).as_slice())
                && imprint_matches(tst.as_bytes(), signed)
        }
        _ => claimed.is_some_and(|c| c.as_bytes() == hash.digest(signed).as_slice()),
    };
    let signer_der = signer.to_der().map_err(|_| bad("chứng thư người ký hỏng"))?;
    let binding = match (value(ID_SIGNING_CERTIFICATE_V2), value(ID_SIGNING_CERTIFICATE)) {
        (Some(v2), _) => bound_by(v2, &signer_der, true),
        (None, Some(v1)) => bound_by(v1, &signer_der, false),
        (None, None) => Binding::Unbound,
    };
    let signing_time = value(ID_SIGNING_TIME)
        .and_then(|v| v.decode_as::<x509_cert::time::Time>().ok())
        .map(|t| t.to_unix_duration().as_secs() as i64);
    let spki = signer
        .tbs_certificate()
        .subject_public_key_info()
        .to_der()
        .map_err(|_| bad("khóa công khai của người ký hỏng"))?;
    let message = attrs.to_der().map_err(|_| bad("thuộc tính đã ký hỏng"))?;
    let alg = &si.signature_algorithm;
    let signature_ok =
        x509::verify(&alg.oid, alg.parameters.as_ref(), hash, &spki, &message, si.signature.as_bytes())
            .map_err(|u| Malformed(u.0))?;
    // A token inside a token is not looked into: one level is what PAdES uses.
    let stamp = (data.encap_content_info.econtent_type != ID_TST_INFO)
        .then(|| {
            let token = si
                .unsigned_attrs
                .as_ref()?
                .iter()
                .find(|a| a.oid == ID_SIGNATURE_TIMESTAMP)
                .and_then(|a| a.values.iter().next())?;
            Some(match token.to_der().ok().map(|der| check(&der, &[si.signature.as_bytes()])) {
                Some(Ok(t)) => Stamp::Read(Box::new(t)),
                Some(Err(Malformed(why))) => Stamp::Malformed(why),
                None => Stamp::Malformed("dấu thời gian hỏng".into()),
            })
        })
        .flatten();
    Ok(Cms { signer, certs, digest_ok, signature_ok, binding, signing_time, gen_time: stamped_at, stamp })
}

/// Whether a TSTInfo's message imprint (`SEQUENCE { version, policy,
/// messageImprint SEQUENCE { hashAlgorithm, hashedMessage }, … }`) is the
/// hash of the signed bytes.
fn imprint_matches(tst_info: &[u8], signed: &[&[u8]]) -> bool {
    let imprint = || -> Option<(Hash, Vec<u8>)> {
        let fields: Vec<Any> = Any::from_der(tst_info).ok()?.decode_as().ok()?;
        let imprint: Vec<Any> = fields.get(2)?.decode_as().ok()?;
        let alg: AlgorithmIdentifierOwned = imprint.first()?.decode_as().ok()?;
        let hashed: OctetString = imprint.get(1)?.decode_as().ok()?;
        Some((Hash::of_oid(&alg.oid)?, hashed.as_bytes().to_vec()))
    };
    imprint().is_some_and(|(hash, hashed)| hash.digest(signed) == hashed)
}

/// Whether the first ESSCertID(v2) of a signing-certificate attribute holds
/// the hash of `cert_der` (SHA-256 by default for v2, SHA-1 for v1).
fn bound_by(value: &Any, cert_der: &[u8], v2: bool) -> Binding {
    let first_id = || -> Option<Vec<Any>> {
        let outer: Vec<Any> = value.decode_as().ok()?;
        let ids: Vec<Any> = outer.first()?.decode_as().ok()?;
        ids.first()?.decode_as().ok()
    };
    let Some(id) = first_id() else { return Binding::Mismatch };
    let (hash, digest) = match id.first() {
        Some(alg) if v2 && alg.tag() == Tag::Sequence => {
            let Ok(alg) = alg.decode_as::<AlgorithmIdentifierOwned>() else { return Binding::Mismatch };
            (Hash::of_oid(&alg.oid), id.get(1))
        }
        Some(_) if v2 => (Some(Hash::Sha256), id.first()),
        _ => (Some(Hash::Sha1), id.first()),
    };
    let digest = digest.and_then(|d| d.decode_as::<OctetString>().ok());
    match (hash, digest) {
        (Some(h), Some(d)) if d.as_bytes() == h.digest(&[cert_der]).as_slice() => Binding::Bound,
        _ => Binding::Mismatch,
    }
}
