//! PAdES baseline (B-B) signatures: a CMS signature of the PDF's bytes, added
//! as an incremental update so that the signed original stays byte for byte
//! as it was. Checking signatures is in `signatures`.
//!
//! The PDF side (a signature field and dictionary appended to the file) is
//! written with lopdf; the CMS SignedData is assembled from the `cms` crate's
//! ASN.1 types and signed with RSA PKCS#1 v1.5 over SHA-256.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use lopdf::{Dictionary, Object, StringFormat, text_string};
use rsa::PrivateKey as RsaPrivateKey;
use rsa::pkcs1v15::{Signature, SigningKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::spki::AlgorithmIdentifierOwned;

use super::x509::{self, ID_MESSAGE_DIGEST, ID_RSA, ID_SHA256, ID_SIGNED_DATA, ID_SIGNING_CERTIFICATE_V2};
use crate::error::Error;

const ID_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");
const ID_CONTENT_TYPE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.3");

/// Room for the CMS blob in the file (bytes): a certificate chain of a few
/// certificates fits.
const CONTENTS_SIZE: usize = 16 * 1024;
/// With a time-stamp token: the token carries the service's own chain.
const CONTENTS_SIZE_STAMPED: usize = 32 * 1024;
/// Placeholders for the byte range, each ten digits wide, patched in place.
const RANGE_PLACEHOLDERS: [i64; 3] = [1_111_111_111, 2_222_222_222, 3_333_333_333];

fn fail(what: impl Into<String>) -> Error {
    Error::Refused(what.into())
}

fn der_err(e: der::Error) -> Error {
    Error::Internal(format!("ASN.1: {e}"))
}

/// What is written in the signature dictionary besides the signature.
#[derive(Debug, Clone, Default)]
pub struct SignOptions {
    pub reason: Option<String>,
    pub location: Option<String>,
    /// An RFC 3161 service to time-stamp the signature (PAdES B-T).
    pub tsa: Option<String>,
}

/// The signer's key: in a .p12 file, or on a token that signs for us.
pub enum Key {
    Rsa(Box<RsaPrivateKey>),
    Token(super::token::TokenKey),
}

impl Key {
    /// The signature of `message` (the DER of the signed attributes), and
    /// the algorithm to name in the SignerInfo.
    fn sign(&self, message: &[u8]) -> Result<(Vec<u8>, AlgorithmIdentifierOwned), Error> {
        match self {
            Key::Rsa(key) => {
                let signer = SigningKey::<Sha256>::new(key.as_ref().clone());
                let signature: Signature = signer.sign(message);
                Ok((
                    signature.to_vec(),
                    AlgorithmIdentifierOwned { oid: ID_RSA, parameters: Some(Any::null()) },
                ))
            }
            Key::Token(key) => key.sign(message),
        }
    }
}

/// The signer's key and certificate chain, from a PKCS#12 file or a token.
pub struct Identity {
    key: Key,
    chain: Vec<Certificate>,
}

/// The signer's key and chain from a `.p12` file, checked to be valid now.
pub fn identity(p12: &[u8], password: &str) -> Result<Identity, Error> {
    checked(read_identity(p12, password)?)
}

/// A key on a token and its chain, checked as a .p12's is.
pub fn token_identity(key: super::token::TokenKey, chain: Vec<Certificate>) -> Result<Identity, Error> {
    checked(Identity { key: Key::Token(key), chain })
}

/// The signer's certificate is valid now and may sign documents.
fn checked(id: Identity) -> Result<Identity, Error> {
    validity_check(&id.chain[0], time::OffsetDateTime::now_utc())?;
    if !x509::may_sign_documents(&id.chain[0]) {
        return Err(fail(
            "chứng thư số này không dùng để ký văn bản (mục Key Usage không có digitalSignature hay nonRepudiation) — cần chứng thư ký số do tổ chức cung cấp dịch vụ chứng thực cấp cho cá nhân hoặc cơ quan",
        ));
    }
    Ok(id)
}

impl Identity {
    /// The signer's name as its certificate gives it (an agency's
    /// certificate names the agency).
    pub fn common_name(&self) -> String {
        x509::common_name(&self.chain[0])
    }

    /// Whether the .p12 holds the signer's certificate alone, issued by a
    /// CA whose certificate it lacks: readers then cannot build the chain.
    pub fn chain_missing(&self) -> bool {
        let cert = self.chain[0].tbs_certificate();
        self.chain.len() == 1 && cert.issuer() != cert.subject()
    }
}

fn read_identity(p12: &[u8], password: &str) -> Result<Identity, Error> {
    let store = p12_keystore::KeyStore::from_pkcs12(p12, password, p12_keystore::Pkcs12ImportPolicy::Relaxed).map_err(|e| {
        fail(format!(
            "không mở được tệp chứng thư số (.p12): sai mật khẩu, hoặc tệp không phải PKCS#12 / bị hỏng (chi tiết: {e})"
        ))
    })?;
    let (_, chain) = store.private_key_chain().ok_or_else(|| {
        fail("tệp .p12 không chứa khóa bí mật kèm chứng thư — cần tệp xuất cả khóa và chứng thư")
    })?;
    let key = RsaPrivateKey::from_pkcs8_der(chain.key().as_der())
        .map_err(|_| fail("khóa trong tệp .p12 không phải khóa RSA — chương trình hiện ký bằng khóa RSA"))?;
    let chain = chain
        .certs()
        .iter()
        .map(|c| Certificate::from_der(c.as_der()).map_err(der_err))
        .collect::<Result<Vec<_>, _>>()?;
    if chain.is_empty() {
        return Err(fail("tệp .p12 không có chứng thư số"));
    }
    Ok(Identity { key: Key::Rsa(Box::new(key)), chain })
}

fn validity_check(cert: &Certificate, now: time::OffsetDateTime) -> Result<(), Error> {
    let validity = cert.tbs_certificate().validity();
    let to_unix = |t: &x509_cert::time::Time| t.to_unix_duration().as_secs() as i64;
    let now = now.unix_timestamp();
    let date = |secs: i64| {
        time::OffsetDateTime::from_unix_timestamp(secs).map(|d| crate::vn::date(d.date())).unwrap_or_default()
    };
    if now > to_unix(&validity.not_after) {
        return Err(fail(format!(
            "chứng thư số đã hết hạn ngày {} — cần chứng thư còn hiệu lực",
            date(to_unix(&validity.not_after))
        )));
    }
    if now < to_unix(&validity.not_before) {
        return Err(fail(format!(
            "chứng thư số chỉ có hiệu lực từ ngày {}",
            date(to_unix(&validity.not_before))
        )));
    }
    Ok(())
}

fn sha256_alg() -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid: ID_SHA256, parameters: None }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, Error> {
    let mut values = SetOfVec::new();
    values.insert(value).map_err(der_err)?;
    Ok(Attribute { oid, values })
}

/// The signed attributes of PAdES B-B: content type, message digest and the
/// signing certificate (ESS signing-certificate-v2). The signing time goes
/// in the PDF's /M entry, not here.
fn signed_attributes(digest: &[u8], cert: &Certificate) -> Result<SetOfVec<Attribute>, Error> {
    let cert_hash = Sha256::digest(cert.to_der().map_err(der_err)?);
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
    // ESSCertIDv2 ::= SEQUENCE { certHash OCTET STRING } (hash algorithm: the default, SHA-256)
    let mut ess = vec![0x30, 0x26, 0x30, 0x24, 0x30, 0x22, 0x04, 0x20];
    ess.extend_from_slice(&cert_hash);
    let mut attrs = SetOfVec::new();
    attrs
        .insert(attribute(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(der_err)?)?)
        .map_err(der_err)?;
    let md = OctetString::new(digest.to_vec()).map_err(der_err)?;
    attrs.insert(attribute(ID_MESSAGE_DIGEST, Any::encode_from(&md).map_err(der_err)?)?).map_err(der_err)?;
    attrs
        .insert(attribute(ID_SIGNING_CERTIFICATE_V2, Any::from_der(&ess).map_err(der_err)?)?)
        .map_err(der_err)?;
    Ok(attrs)
}

/// `id-aa-signatureTimeStampToken`: an unsigned attribute holding a
/// time-stamp token over the signature value.
const ID_SIGNATURE_TIMESTAMP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

fn cms_signature(digest: &[u8], id: &Identity, tsa: Option<&str>) -> Result<Vec<u8>, Error> {
    let cert = &id.chain[0];
    let attrs = signed_attributes(digest, cert)?;
    let (signature, signature_algorithm) = id.key.sign(&attrs.to_der().map_err(der_err)?)?;
    let tbs = cert.tbs_certificate();
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: tbs.issuer().clone(),
            serial_number: tbs.serial_number().clone(),
        }),
        digest_alg: sha256_alg(),
        signed_attrs: Some(attrs),
        signature_algorithm,
        signature: OctetString::new(signature.clone()).map_err(der_err)?,
        unsigned_attrs: match tsa {
            Some(url) => {
                let token = super::tsa::token(url, &signature)?;
                let mut attrs = SetOfVec::new();
                attrs
                    .insert(attribute(ID_SIGNATURE_TIMESTAMP, Any::from_der(&token).map_err(der_err)?)?)
                    .map_err(der_err)?;
                Some(attrs)
            }
            None => None,
        },
    };
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256_alg()).map_err(der_err)?;
    let mut certs = SetOfVec::new();
    for c in &id.chain {
        certs.insert(CertificateChoices::Certificate(c.clone())).map_err(der_err)?;
    }
    let mut infos = SetOfVec::new();
    infos.insert(signer_info).map_err(der_err)?;
    let signed = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet(certs)),
        crls: None,
        signer_infos: SignerInfos(infos),
    };
    let info =
        ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&signed).map_err(der_err)? };
    info.to_der().map_err(der_err)
}

/// Appends `item` to the array `key` of `dict`, making the array if there
/// is none.
fn push_to_array(dict: &mut Dictionary, key: &[u8], item: Object) {
    match dict.get_mut(key) {
        Ok(Object::Array(items)) => items.push(item),
        _ => dict.set(key.to_vec(), Object::Array(vec![item])),
    }
}

fn not_ours() -> Error {
    fail("tệp không phải PDF đọc được (hoặc đã mã hóa) — cần tệp PDF báo cáo")
}

/// Where a signature goes in the document.
#[derive(Debug, Clone, Copy)]
pub enum Place<'a> {
    /// A new field of its own, not shown on any page.
    Invisible,
    /// The empty field `name` the layout left (see `fields`), showing
    /// `appearance`, a one-page PDF the size of the field.
    Field { name: &'a str, appearance: &'a [u8] },
}

/// Signs `pdf` as `id`, in a field of its own that shows nothing.
pub fn sign(pdf: &[u8], id: &Identity, opts: &SignOptions) -> Result<Vec<u8>, Error> {
    sign_in(pdf, id, opts, Place::Invisible)
}

/// Signs `pdf` as `id` at `place`. The result is the original bytes, then
/// an incremental update holding the signature (and its field).
pub fn sign_in(pdf: &[u8], id: &Identity, opts: &SignOptions, place: Place) -> Result<Vec<u8>, Error> {
    if !pdf.starts_with(b"%PDF-") {
        return Err(not_ours());
    }
    let now = time::OffsetDateTime::now_utc();

    let mut doc = lopdf::IncrementalDocument::load_from(pdf).map_err(|_| not_ours())?;
    let prev = doc.get_prev_documents();
    if prev.encryption_state.is_some() || prev.trailer.has(b"Encrypt") {
        return Err(fail(
            "tệp PDF được mã hóa (đặt mật khẩu hoặc giới hạn quyền) — hãy ký bản PDF không mã hóa của báo cáo",
        ));
    }
    let prev = doc.get_prev_documents();
    let root = prev.trailer.get(b"Root").and_then(Object::as_reference).map_err(|_| not_ours())?;
    let page = *prev.get_pages().values().next().ok_or_else(not_ours)?;
    let catalog = prev.get_dictionary(root).map_err(|_| not_ours())?.clone();

    let stamp =
        super::signatures::pdf_utc(now.unix_timestamp()).ok_or_else(|| Error::Internal("giờ ký".into()))?;
    let mut sig = Dictionary::new();
    sig.set("Type", Object::Name(b"Sig".to_vec()));
    sig.set("Filter", Object::Name(b"Adobe.PPKLite".to_vec()));
    sig.set("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec()));
    sig.set(
        "ByteRange",
        Object::Array(std::iter::once(0).chain(RANGE_PLACEHOLDERS).map(Object::Integer).collect()),
    );
    let room = if opts.tsa.is_some() { CONTENTS_SIZE_STAMPED } else { CONTENTS_SIZE };
    sig.set("Contents", Object::String(vec![0; room], StringFormat::Hexadecimal));
    sig.set("M", Object::String(stamp.into_bytes(), StringFormat::Literal));
    sig.set("Name", text_string(&x509::common_name(&id.chain[0])));
    if let Some(r) = &opts.reason {
        sig.set("Reason", text_string(r));
    }
    if let Some(l) = &opts.location {
        sig.set("Location", text_string(l));
    }
    let sig_id = doc.new_document.add_object(sig);
    match place {
        Place::Invisible => add_invisible(&mut doc, sig_id, (root, page, catalog), count_signatures(pdf))?,
        Place::Field { name, appearance } => fill_field(&mut doc, sig_id, (root, catalog), name, appearance)?,
    }

    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| Error::Internal(format!("ghi PDF: {e}")))?;
    let prefix = pdf.len();
    // The /Contents placeholder: the one run of zeros this long after the original bytes.
    let zeros = vec![b'0'; room * 2];
    let start = find(&out[prefix..], &zeros)
        .map(|p| p + prefix)
        .ok_or_else(|| Error::Internal("chỗ chữ ký".into()))?;
    let (lt, gt) = (start - 1, start + zeros.len());
    if out.get(lt) != Some(&b'<') || out.get(gt) != Some(&b'>') {
        return Err(Error::Internal("chỗ chữ ký không đúng dạng".into()));
    }
    let range = [lt as i64, (gt + 1) as i64, (out.len() - gt - 1) as i64];
    for (placeholder, value) in RANGE_PLACEHOLDERS.iter().zip(range) {
        let text = placeholder.to_string();
        let at = find(&out[prefix..], text.as_bytes())
            .map(|p| p + prefix)
            .ok_or_else(|| Error::Internal("ByteRange".into()))?;
        let patched = format!("{value:0width$}", width = text.len());
        out[at..at + text.len()].copy_from_slice(patched.as_bytes());
    }
    let mut hasher = Sha256::new();
    hasher.update(&out[..lt]);
    hasher.update(&out[gt + 1..]);
    let blob = cms_signature(&hasher.finalize(), id, opts.tsa.as_deref())?;
    let hex: String = blob.iter().map(|b| format!("{b:02X}")).collect();
    if hex.len() > zeros.len() {
        return Err(fail("chuỗi chứng thư quá dài so với chỗ dành cho chữ ký"));
    }
    out[start..start + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

/// A new field for the signature `sig_id`, with a zero-size widget on the
/// first page (nothing shown), added to the document's form.
fn add_invisible(
    doc: &mut lopdf::IncrementalDocument,
    sig_id: lopdf::ObjectId,
    (root, page, catalog): (lopdf::ObjectId, lopdf::ObjectId, Dictionary),
    signatures_before: usize,
) -> Result<(), Error> {
    let new = &mut doc.new_document;
    let mut widget = Dictionary::new();
    widget.set("Type", Object::Name(b"Annot".to_vec()));
    widget.set("Subtype", Object::Name(b"Widget".to_vec()));
    widget.set("FT", Object::Name(b"Sig".to_vec()));
    widget.set("Rect", Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]));
    // PDF/A: an annotation is printable; a zero-size one needs no appearance.
    widget.set("F", Object::Integer(4));
    widget.set("T", text_string(&format!("Chữ ký số {}", 1 + signatures_before)));
    widget.set("V", Object::Reference(sig_id));
    widget.set("P", Object::Reference(page));
    let widget_id = new.add_object(widget);

    doc.opt_clone_object_to_new_document(page).map_err(|_| not_ours())?;
    let page_dict =
        doc.new_document.get_object_mut(page).and_then(Object::as_dict_mut).map_err(|_| not_ours())?;
    let widget_ref = Object::Reference(widget_id);
    match page_dict.get(b"Annots") {
        Ok(Object::Array(_)) | Err(_) => push_to_array(page_dict, b"Annots", widget_ref.clone()),
        // Other software keeps the page's annotations as an array object of its own.
        Ok(Object::Reference(annots)) => {
            let annots = *annots;
            doc.opt_clone_object_to_new_document(annots).map_err(|_| not_ours())?;
            match doc.new_document.get_object_mut(annots) {
                Ok(Object::Array(a)) => a.push(widget_ref.clone()),
                _ => return Err(fail("danh sách chú thích của trang đầu hỏng — không ký được tệp này")),
            }
        }
        Ok(_) => return Err(fail("danh sách chú thích của trang đầu hỏng — không ký được tệp này")),
    }
    let mut catalog = catalog;
    match catalog.get(b"AcroForm") {
        Ok(Object::Dictionary(d)) => {
            let mut form = d.clone();
            push_to_array(&mut form, b"Fields", widget_ref);
            form.set("SigFlags", Object::Integer(3));
            catalog.set("AcroForm", Object::Dictionary(form));
        }
        // A file signed first by other software: the form is an object of its
        // own, its list of fields maybe too.
        Ok(Object::Reference(form_ref)) => {
            let form_ref = *form_ref;
            let broken = || fail("biểu mẫu (AcroForm) của tệp hỏng — không ký được tệp này");
            doc.opt_clone_object_to_new_document(form_ref).map_err(|_| not_ours())?;
            let fields_ref = match doc.new_document.get_object(form_ref) {
                Ok(Object::Dictionary(form)) => form.get(b"Fields").and_then(Object::as_reference).ok(),
                _ => return Err(broken()),
            };
            if let Some(fields) = fields_ref {
                doc.opt_clone_object_to_new_document(fields).map_err(|_| not_ours())?;
                match doc.new_document.get_object_mut(fields) {
                    Ok(Object::Array(f)) => f.push(widget_ref.clone()),
                    _ => return Err(broken()),
                }
            }
            let Ok(Object::Dictionary(form)) = doc.new_document.get_object_mut(form_ref) else {
                return Err(broken());
            };
            if fields_ref.is_none() {
                push_to_array(form, b"Fields", widget_ref);
            }
            form.set("SigFlags", Object::Integer(3));
        }
        Ok(_) => return Err(fail("biểu mẫu (AcroForm) của tệp hỏng — không ký được tệp này")),
        Err(_) => {
            let mut form = Dictionary::new();
            form.set("Fields", Object::Array(vec![widget_ref]));
            form.set("SigFlags", Object::Integer(3));
            catalog.set("AcroForm", Object::Dictionary(form));
        }
    }
    doc.new_document.set_object(root, Object::Dictionary(catalog));

    Ok(())
}

/// The signature `sig_id` put in the empty field `name`, which then shows
/// `appearance`.
fn fill_field(
    doc: &mut lopdf::IncrementalDocument,
    sig_id: lopdf::ObjectId,
    (root, mut catalog): (lopdf::ObjectId, Dictionary),
    name: &str,
    appearance: &[u8],
) -> Result<(), Error> {
    let (field, mut widget) = super::fields::find_field(doc.get_prev_documents(), name)
        .ok_or_else(|| fail(format!("tệp không có ô ký số «{name}» ({})", super::fields::describe(name))))?;
    if widget.has(b"V") {
        return Err(fail(format!("ô ký số «{name}» ({}) đã được ký", super::fields::describe(name))));
    }
    let (form, _, _) = super::fields::import_appearance(appearance, &mut doc.new_document)?;
    let mut normal = Dictionary::new();
    normal.set("N", Object::Reference(form));
    widget.set("AP", Object::Dictionary(normal));
    widget.set("V", Object::Reference(sig_id));
    doc.new_document.set_object(field, Object::Dictionary(widget));
    match catalog.get(b"AcroForm") {
        Ok(Object::Dictionary(d)) => {
            let mut form = d.clone();
            form.set("SigFlags", Object::Integer(3));
            catalog.set("AcroForm", Object::Dictionary(form));
            doc.new_document.set_object(root, Object::Dictionary(catalog));
        }
        Ok(Object::Reference(r)) => {
            let r = *r;
            doc.opt_clone_object_to_new_document(r).map_err(|_| not_ours())?;
            if let Ok(Object::Dictionary(form)) = doc.new_document.get_object_mut(r) {
                form.set("SigFlags", Object::Integer(3));
            }
        }
        _ => return Err(fail("biểu mẫu (AcroForm) của tệp hỏng — không ký được tệp này")),
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn count_signatures(pdf: &[u8]) -> usize {
    pdf.windows(10).filter(|w| *w == b"/ByteRange").count()
}
