//! Keeping reports for years: a manifest of every input and output with its
//! SHA-256, a check that nothing changed since, and new versions instead of
//! silent overwrites.

pub mod manifest;
pub mod sign;

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes` in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
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
}
