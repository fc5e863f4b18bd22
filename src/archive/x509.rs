//! What signing and checking signatures need of certificates: names,
//! validity, key usage, and checking a signature made with a certificate's
//! key, whatever the algorithm other signing software chose.

use der::asn1::ObjectIdentifier;
use der::{Any, Decode, Encode, Tagged};
use sha2::{Digest, Sha256, Sha384, Sha512};
use x509_cert::Certificate;

const ID_CN: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
pub const ID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
pub const ID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
pub const ID_SIGNING_CERTIFICATE_V2: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.47");
const ID_KEY_USAGE: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.15");
const ID_BASIC_CONSTRAINTS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.19");
const ID_SUBJECT_KEY_ID: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.14");

pub const ID_SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
pub const ID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const ID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const ID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

pub const ID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const ID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const ID_SHA256_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");
const ID_SHA384_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.12");
const ID_SHA512_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.13");
const ID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const ID_ECDSA_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ID_ECDSA_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const ID_ECDSA_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.4");
const ID_P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const ID_P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");

/// A digest algorithm a signature may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub fn of_oid(oid: &ObjectIdentifier) -> Option<Hash> {
        match *oid {
            ID_SHA1 => Some(Hash::Sha1),
            ID_SHA256 => Some(Hash::Sha256),
            ID_SHA384 => Some(Hash::Sha384),
            ID_SHA512 => Some(Hash::Sha512),
            _ => None,
        }
    }

    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut d = D::new();
            for p in parts {
                d.update(p);
            }
            d.finalize().to_vec()
        }
        match self {
            Hash::Sha1 => run::<sha1::Sha1>(parts),
            Hash::Sha256 => run::<Sha256>(parts),
            Hash::Sha384 => run::<Sha384>(parts),
            Hash::Sha512 => run::<Sha512>(parts),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Hash::Sha1 => "SHA-1",
            Hash::Sha256 => "SHA-256",
            Hash::Sha384 => "SHA-384",
            Hash::Sha512 => "SHA-512",
        }
    }
}

/// Why a signature could not be checked at all (as opposed to being wrong).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsupported(pub String);

/// Checks `signature` over `message` with the key of `spki_der` (a
/// SubjectPublicKeyInfo), by the signature algorithm `alg`. `hash` is the
/// digest for algorithms that do not name one (rsaEncryption, ecPublicKey
/// in a CMS SignerInfo). `Ok(false)`: the signature does not verify.
pub fn verify(
    alg: &ObjectIdentifier,
    params: Option<&Any>,
    hash: Hash,
    spki_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<bool, Unsupported> {
    let hash = match *alg {
        ID_SHA256_RSA | ID_ECDSA_SHA256 => Hash::Sha256,
        ID_SHA384_RSA | ID_ECDSA_SHA384 => Hash::Sha384,
        ID_SHA512_RSA | ID_ECDSA_SHA512 => Hash::Sha512,
        ID_RSA_PSS => pss_hash(params)?,
        _ => hash,
    };
    if hash == Hash::Sha1 {
        return Err(Unsupported("chữ ký dùng SHA-1, thuật toán băm không còn an toàn".into()));
    }
    let prehash = hash.digest(&[message]);
    match *alg {
        ID_RSA | ID_SHA256_RSA | ID_SHA384_RSA | ID_SHA512_RSA => {
            rsa_pkcs1(spki_der, hash, &prehash, signature)
        }
        ID_RSA_PSS => rsa_pss(spki_der, hash, pss_salt(params)?, &prehash, signature),
        ID_EC_PUBLIC_KEY | ID_ECDSA_SHA256 | ID_ECDSA_SHA384 | ID_ECDSA_SHA512 => {
            ecdsa(spki_der, &prehash, signature)
        }
        _ => Err(Unsupported(format!("thuật toán ký {alg} chưa được hỗ trợ"))),
    }
}

fn rsa_key(spki_der: &[u8]) -> Result<rsa::PublicKey, Unsupported> {
    use rsa::pkcs8::DecodePublicKey;
    rsa::PublicKey::from_public_key_der(spki_der)
        .map_err(|_| Unsupported("khóa công khai không đọc được dạng RSA".into()))
}

fn rsa_pkcs1(spki_der: &[u8], hash: Hash, prehash: &[u8], signature: &[u8]) -> Result<bool, Unsupported> {
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::signature::hazmat::PrehashVerifier;
    let key = rsa_key(spki_der)?;
    let Ok(sig) = Signature::try_from(signature) else { return Ok(false) };
    Ok(match hash {
        Hash::Sha256 => VerifyingKey::<Sha256>::new(key).verify_prehash(prehash, &sig).is_ok(),
        Hash::Sha384 => VerifyingKey::<Sha384>::new(key).verify_prehash(prehash, &sig).is_ok(),
        Hash::Sha512 => VerifyingKey::<Sha512>::new(key).verify_prehash(prehash, &sig).is_ok(),
        Hash::Sha1 => false,
    })
}

fn rsa_pss(
    spki_der: &[u8],
    hash: Hash,
    salt: usize,
    prehash: &[u8],
    signature: &[u8],
) -> Result<bool, Unsupported> {
    use rsa::pss::{Signature, VerifyingKey};
    use rsa::signature::hazmat::PrehashVerifier;
    let key = rsa_key(spki_der)?;
    let Ok(sig) = Signature::try_from(signature) else { return Ok(false) };
    Ok(match hash {
        Hash::Sha256 => {
            VerifyingKey::<Sha256>::new_with_salt_len(key, salt).verify_prehash(prehash, &sig).is_ok()
        }
        Hash::Sha384 => {
            VerifyingKey::<Sha384>::new_with_salt_len(key, salt).verify_prehash(prehash, &sig).is_ok()
        }
        Hash::Sha512 => {
            VerifyingKey::<Sha512>::new_with_salt_len(key, salt).verify_prehash(prehash, &sig).is_ok()
        }
        Hash::Sha1 => false,
    })
}

/// RSASSA-PSS-params: `[0]` hashAlgorithm (SHA-1 when absent), `[2]`
/// saltLength (20 when absent).
fn pss_fields(params: Option<&Any>) -> Result<Vec<(u32, Any)>, Unsupported> {
    let bad = || Unsupported("tham số RSA-PSS không đọc được".into());
    let Some(params) = params else { return Ok(Vec::new()) };
    let fields: Vec<Any> = params.decode_as().map_err(|_| bad())?;
    fields
        .into_iter()
        .map(|f| {
            let tag = f.tag();
            let number = match tag {
                der::Tag::ContextSpecific { number, .. } => number.value(),
                _ => return Err(bad()),
            };
            // An explicit tag holds one value.
            let inner = Any::from_der(f.value()).map_err(|_| bad())?;
            Ok((number, inner))
        })
        .collect()
}

fn pss_hash(params: Option<&Any>) -> Result<Hash, Unsupported> {
    match pss_fields(params)?.into_iter().find(|(n, _)| *n == 0) {
        None => Ok(Hash::Sha1),
        Some((_, alg)) => {
            let alg: x509_cert::spki::AlgorithmIdentifierOwned =
                alg.decode_as().map_err(|_| Unsupported("tham số RSA-PSS không đọc được".into()))?;
            Hash::of_oid(&alg.oid)
                .ok_or_else(|| Unsupported(format!("thuật toán băm {} chưa được hỗ trợ", alg.oid)))
        }
    }
}

fn pss_salt(params: Option<&Any>) -> Result<usize, Unsupported> {
    match pss_fields(params)?.into_iter().find(|(n, _)| *n == 2) {
        None => Ok(20),
        Some((_, v)) => v
            .decode_as::<u32>()
            .map(|n| n as usize)
            .map_err(|_| Unsupported("độ dài salt RSA-PSS không đọc được".into())),
    }
}

fn ecdsa(spki_der: &[u8], prehash: &[u8], signature: &[u8]) -> Result<bool, Unsupported> {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use p256::pkcs8::DecodePublicKey;
    let spki = x509_cert::spki::SubjectPublicKeyInfoOwned::from_der(spki_der)
        .map_err(|_| Unsupported("khóa công khai không đọc được".into()))?;
    let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    match curve {
        Some(ID_P256) => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(spki_der)
                .map_err(|_| Unsupported("khóa P-256 không đọc được".into()))?;
            let Ok(sig) = p256::ecdsa::Signature::from_der(signature) else { return Ok(false) };
            Ok(key.verify_prehash(prehash, &sig).is_ok())
        }
        Some(ID_P384) => {
            let key = p384::ecdsa::VerifyingKey::from_public_key_der(spki_der)
                .map_err(|_| Unsupported("khóa P-384 không đọc được".into()))?;
            let Ok(sig) = p384::ecdsa::Signature::from_der(signature) else { return Ok(false) };
            Ok(key.verify_prehash(prehash, &sig).is_ok())
        }
        other => Err(Unsupported(format!(
            "đường cong elliptic {} chưa được hỗ trợ (hỗ trợ P-256, P-384)",
            other.map_or("không rõ".to_owned(), |o| o.to_string())
        ))),
    }
}

/// The common name of a certificate's subject, else the whole subject.
pub fn common_name(cert: &Certificate) -> String {
    name_cn(cert.tbs_certificate().subject())
}

/// The common name of a certificate's issuer, else the whole issuer.
pub fn issuer_name(cert: &Certificate) -> String {
    name_cn(cert.tbs_certificate().issuer())
}

fn name_cn(name: &x509_cert::name::Name) -> String {
    for atv in name.iter() {
        if atv.oid == ID_CN {
            if let Ok(s) = atv.value.decode_as::<String>() {
                return s;
            }
            if let Ok(s) = der::asn1::PrintableStringRef::try_from(&atv.value) {
                return s.as_str().to_owned();
            }
        }
    }
    name.to_string()
}

/// The validity period, as Unix seconds.
pub fn validity(cert: &Certificate) -> (i64, i64) {
    let v = cert.tbs_certificate().validity();
    let secs = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    (secs(&v.not_before), secs(&v.not_after))
}

fn extension(cert: &Certificate, oid: ObjectIdentifier) -> Option<&[u8]> {
    cert.tbs_certificate().extensions()?.iter().find(|e| e.extn_id == oid).map(|e| e.extn_value.as_bytes())
}

/// Whether the key may sign documents: digitalSignature or nonRepudiation
/// (contentCommitment) in the key usage, or no key usage at all.
pub fn may_sign_documents(cert: &Certificate) -> bool {
    match extension(cert, ID_KEY_USAGE) {
        None => true,
        Some(der) => der::asn1::BitString::from_der(der)
            .ok()
            .and_then(|bits| bits.raw_bytes().first().copied())
            .is_some_and(|first| first & 0b1100_0000 != 0),
    }
}

/// Whether the certificate is a CA's (basicConstraints cA).
pub fn is_ca(cert: &Certificate) -> bool {
    extension(cert, ID_BASIC_CONSTRAINTS)
        .and_then(|der| x509_cert::ext::pkix::BasicConstraints::from_der(der).ok())
        .is_some_and(|bc| bc.ca)
}

/// The subject key identifier, when the certificate has one.
pub fn subject_key_id(cert: &Certificate) -> Option<Vec<u8>> {
    let der = extension(cert, ID_SUBJECT_KEY_ID)?;
    der::asn1::OctetString::from_der(der).ok().map(|o| o.as_bytes().to_vec())
}

/// Whether `issuer`'s key made `cert`'s signature.
pub fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate().issuer() != issuer.tbs_certificate().subject() {
        return false;
    }
    let (Ok(tbs), Ok(spki)) =
        (cert.tbs_certificate().to_der(), issuer.tbs_certificate().subject_public_key_info().to_der())
    else {
        return false;
    };
    let alg = cert.signature_algorithm();
    let Some(sig) = cert.signature().as_bytes() else { return false };
    verify(&alg.oid, alg.parameters.as_ref(), Hash::Sha256, &spki, &tbs, sig).unwrap_or(false)
}
