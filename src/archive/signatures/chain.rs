//! Whether a signer's certificate leads, certificate by certificate, to one
//! the user trusts (`--trust`: the national root CA, the CAs' intermediates),
//! each valid when the document was signed.

use std::path::Path;

use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::archive::x509;
use crate::error::Error;

/// How far a chain may go before it is given up on.
const MAX_DEPTH: usize = 8;

/// What the chain check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Leads to a trusted certificate, every link valid at signing time.
    Trusted,
    /// Does not: why, in Vietnamese.
    NotTrusted(String),
    /// No trusted certificates were given.
    NotChecked,
}

/// Reads trusted certificates: a PEM or DER file, or every such file of a
/// folder (not its sub-folders).
pub fn read_trust(path: &Path) -> Result<Vec<Certificate>, Error> {
    let files: Vec<std::path::PathBuf> = if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| Error::Read { path: path.to_owned(), reason: e.to_string() })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        files
    } else {
        vec![path.to_owned()]
    };
    let mut certs = Vec::new();
    for file in &files {
        let bytes = crate::fsx::read_input(file, 4 << 20)?;
        let found = parse_certs(&bytes);
        if found.is_empty() && !path.is_dir() {
            return Err(Error::Refused(format!(
                "{}: không có chứng thư nào (cần tệp .pem, .crt hoặc .cer của CA)",
                file.display()
            )));
        }
        certs.extend(found);
    }
    if certs.is_empty() {
        return Err(Error::Refused(format!(
            "{}: thư mục không có tệp chứng thư nào (.pem, .crt, .cer)",
            path.display()
        )));
    }
    Ok(certs)
}

/// Certificates in PEM blocks, or one DER certificate.
fn parse_certs(bytes: &[u8]) -> Vec<Certificate> {
    match Certificate::from_der(bytes) {
        Ok(cert) => vec![cert],
        Err(_) => Certificate::load_pem_chain(bytes).unwrap_or_default(),
    }
}

/// Builds the chain from `signer` through `pool` (the certificates the
/// signature carries) and the intermediates of `trusted` to one of the
/// roots of `trusted`, at time `at` (Unix seconds).
pub fn check(signer: &Certificate, pool: &[Certificate], trusted: &[Certificate], at: i64) -> Trust {
    if trusted.is_empty() {
        return Trust::NotChecked;
    }
    let der = |c: &Certificate| c.to_der().unwrap_or_default();
    // Roots (self-issued) are what trust ends at; intermediates given with
    // them only help build the chain, as validators treat them.
    let trusted_der: Vec<Vec<u8>> = trusted
        .iter()
        .filter(|c| c.tbs_certificate().issuer() == c.tbs_certificate().subject())
        .map(der)
        .collect();
    let candidates: Vec<&Certificate> = pool.iter().chain(trusted).collect();
    let mut current = signer.clone();
    for depth in 0..MAX_DEPTH {
        let (from, until) = x509::validity(&current);
        if at < from || at > until {
            return Trust::NotTrusted(format!(
                "chứng thư «{}» không còn hiệu lực vào lúc ký",
                x509::common_name(&current)
            ));
        }
        if depth > 0 && !x509::is_ca(&current) {
            return Trust::NotTrusted(format!(
                "chứng thư «{}» trong chuỗi không phải chứng thư của CA",
                x509::common_name(&current)
            ));
        }
        if trusted_der.contains(&der(&current)) {
            return Trust::Trusted;
        }
        let issuer = candidates.iter().find(|c| x509::issued_by(&current, c));
        match issuer {
            Some(issuer) if der(issuer) != der(&current) => current = (*issuer).clone(),
            Some(_) => {
                return Trust::NotTrusted(format!(
                    "chứng thư gốc «{}» không nằm trong danh sách tin cậy",
                    x509::common_name(&current)
                ));
            }
            None => {
                return Trust::NotTrusted(format!(
                    "không tìm thấy CA đã cấp chứng thư «{}» (cấp bởi «{}») trong chữ ký hay trong --trust",
                    x509::common_name(&current),
                    x509::issuer_name(&current)
                ));
            }
        }
    }
    Trust::NotTrusted("chuỗi chứng thư quá dài".into())
}
