//! Keeping reports for years: a manifest of every input and output with its
//! SHA-256, a check that nothing changed since, and new versions instead of
//! silent overwrites.

pub mod audit;
pub mod fields;
pub mod manifest;
pub mod sign;
pub mod signatures;
pub mod token;
pub mod tsa;
pub mod x509;

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::Error;

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The size and SHA-256 of a file, read in pieces: a merged-data file of a
/// national collection runs to hundreds of megabytes.
pub fn sha256_file(path: &Path) -> Result<(u64, String), Error> {
    use std::io::Read;
    let mut file = crate::fsx::open_regular(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    let mut size = 0;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(&buffer[..n]);
                size += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Error::read(path, &e)),
        }
    }
    Ok((size, hex(&hasher.finalize())))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// A file read in pieces hashes as its bytes do, across piece boundaries.
    #[test]
    fn a_file_hashes_as_its_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..200_003u32).map(|i| (i * 7 % 251) as u8).collect();
        let path = dir.path().join("a.bin");
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(super::sha256_file(&path).unwrap(), (bytes.len() as u64, super::sha256_hex(&bytes)));
        assert!(super::sha256_file(&dir.path().join("missing")).is_err());
    }
}
