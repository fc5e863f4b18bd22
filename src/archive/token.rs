//! Signing with a key that never leaves its USB token (VNPT-CA, Viettel-CA,
//! BKAV-CA…): the vendor's PKCS#11 module is loaded at run time, the user
//! logs in with the PIN (read from a file, never the command line), and the
//! token signs. The signer's certificate is read from the token, beside
//! the key it belongs to (same CKA_ID).

use std::path::Path;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as P11, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use der::asn1::{ObjectIdentifier, Uint};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::spki::AlgorithmIdentifierOwned;

use crate::error::Error;

const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }`.
#[derive(der::Sequence)]
struct EcdsaSig {
    r: Uint,
    s: Uint,
}

/// A private key on a token, with the session logged in to use it.
pub struct TokenKey {
    session: Session,
    key: ObjectHandle,
    ec: bool,
    /// The module stays loaded while the session lives.
    _module: Pkcs11,
}

fn refused(what: impl Into<String>) -> Error {
    Error::Refused(what.into())
}

/// What went wrong on the token, in words a clerk can act on.
fn said(e: P11, doing: &str) -> Error {
    let why = match &e {
        P11::Pkcs11(RvError::PinIncorrect, _) => {
            "mã PIN không đúng — kiểm tra tệp mã PIN; nhập sai nhiều lần liên tiếp, token sẽ bị khóa"
                .to_owned()
        }
        P11::Pkcs11(RvError::PinLocked, _) => {
            "token đã bị khóa vì nhập sai mã PIN nhiều lần — liên hệ tổ chức cấp chứng thư để mở khóa"
                .to_owned()
        }
        P11::Pkcs11(RvError::PinLenRange | RvError::PinInvalid, _) => {
            "mã PIN không đúng dạng token yêu cầu — kiểm tra tệp mã PIN".to_owned()
        }
        P11::Pkcs11(RvError::TokenNotPresent | RvError::DeviceRemoved, _) => {
            "không thấy token — cắm USB token rồi thử lại".to_owned()
        }
        other => format!("lỗi của token ({other})"),
    };
    refused(format!("{doing}: {why}"))
}

/// Opens the token in `slot` (when `None`, the first token holding a
/// certificate, else the first token)
/// through the PKCS#11 `module`, logs in with `pin`, and finds the signing
/// key and its certificate chain.
pub fn open(module: &Path, slot: Option<usize>, pin: &str) -> Result<(TokenKey, Vec<Certificate>), Error> {
    let ctx = Pkcs11::new(module).map_err(|e| Error::BadInput {
        path: module.to_owned(),
        what: format!(
            "không nạp được thư viện PKCS#11 ({e}) — cần tệp thư viện (.so, .dll) do nhà cung cấp USB token cài đặt, ví dụ /usr/lib/libvnpt-ca.so"
        ),
    })?;
    ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .map_err(|e| said(e, "không khởi động được thư viện PKCS#11"))?;
    let slots = ctx.get_slots_with_token().map_err(|e| said(e, "không đọc được danh sách token"))?;
    let chosen = match slot {
        // The first token that holds a certificate (readable without the PIN:
        // a PIN is never tried on a token it is not meant for, where wrong
        // tries count towards locking it).
        None => {
            let first =
                *slots.first().ok_or_else(|| refused("không thấy token nào — cắm USB token rồi thử lại"))?;
            slots
                .iter()
                .copied()
                .find(|s| {
                    ctx.open_ro_session(*s)
                        .and_then(|session| {
                            session.find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
                        })
                        .is_ok_and(|found| !found.is_empty())
                })
                .unwrap_or(first)
        }
        Some(n) => *slots.get(n).ok_or_else(|| {
            refused(format!(
                "không có token ở khe số {n} — các khe có token: 0 đến {}",
                slots.len().saturating_sub(1)
            ))
        })?,
    };
    let session =
        ctx.open_ro_session(chosen).map_err(|e| said(e, "không mở được phiên làm việc với token"))?;
    session
        .login(UserType::User, Some(&AuthPin::new(pin.into())))
        .map_err(|e| said(e, "không đăng nhập được token"))?;
    let keys = session
        .find_objects(&[Attribute::Class(ObjectClass::PRIVATE_KEY), Attribute::Sign(true)])
        .map_err(|e| said(e, "không tìm được khóa trên token"))?;
    let key = *keys.first().ok_or_else(|| {
        refused("token không có khóa bí mật dùng để ký — token chưa được cấp chứng thư ký số, hoặc chọn sai khe (--slot)")
    })?;
    let attrs = session
        .get_attributes(key, &[AttributeType::Id, AttributeType::KeyType])
        .map_err(|e| said(e, "không đọc được khóa trên token"))?;
    let mut id = Vec::new();
    let mut ec = false;
    for a in attrs {
        match a {
            Attribute::Id(v) => id = v,
            Attribute::KeyType(t) => ec = t == KeyType::EC,
            _ => {}
        }
    }
    let certs = session
        .find_objects(&[Attribute::Class(ObjectClass::CERTIFICATE)])
        .map_err(|e| said(e, "không tìm được chứng thư trên token"))?;
    let mut own = None;
    let mut others = Vec::new();
    for c in certs {
        let attrs = session
            .get_attributes(c, &[AttributeType::Id, AttributeType::Value])
            .map_err(|e| said(e, "không đọc được chứng thư trên token"))?;
        let (mut cid, mut der) = (Vec::new(), Vec::new());
        for a in attrs {
            match a {
                Attribute::Id(v) => cid = v,
                Attribute::Value(v) => der = v,
                _ => {}
            }
        }
        let Ok(cert) = Certificate::from_der(&der) else { continue };
        if cid == id && own.is_none() { own = Some(cert) } else { others.push(cert) }
    }
    let own = own.ok_or_else(|| {
        refused("token có khóa ký nhưng không có chứng thư số đi kèm khóa đó — liên hệ tổ chức cấp chứng thư")
    })?;
    let mut chain = vec![own];
    chain.extend(others);
    Ok((TokenKey { session, key, ec, _module: ctx }, chain))
}

impl TokenKey {
    /// The token's signature of `message`: RSA PKCS#1 v1.5 with SHA-256, or
    /// ECDSA over its SHA-256 (the token gives r‖s; CMS wants DER).
    pub fn sign(&self, message: &[u8]) -> Result<(Vec<u8>, AlgorithmIdentifierOwned), Error> {
        if self.ec {
            let digest = Sha256::digest(message);
            let raw = self
                .session
                .sign(&Mechanism::Ecdsa, self.key, &digest)
                .map_err(|e| said(e, "token không ký được"))?;
            let (r, s) = raw.split_at(raw.len() / 2);
            let fail = |e: der::Error| Error::Internal(format!("ECDSA: {e}"));
            let der = EcdsaSig { r: Uint::new(r).map_err(fail)?, s: Uint::new(s).map_err(fail)? }
                .to_der()
                .map_err(fail)?;
            Ok((der, AlgorithmIdentifierOwned { oid: ECDSA_WITH_SHA256, parameters: None }))
        } else {
            let signature = self
                .session
                .sign(&Mechanism::Sha256RsaPkcs, self.key, message)
                .map_err(|e| said(e, "token không ký được"))?;
            Ok((
                signature,
                AlgorithmIdentifierOwned { oid: SHA256_WITH_RSA, parameters: Some(der::Any::null()) },
            ))
        }
    }
}
