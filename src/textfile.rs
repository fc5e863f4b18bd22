//! Reading text files a person saved, whatever their editor did to them.

use std::path::Path;

use crate::error::Error;
use crate::text::{looks_binary, nfc};

/// The largest text file read (a plan, a template, a configuration): the
/// longest published plans are under 1 MiB.
const TEXT_LIMIT: u64 = 64 << 20;

/// Reads a text file as NFC. Accepts UTF-8 with or without a byte-order mark
/// and UTF-16 with one (Notepad's "Unicode"); refuses empty, binary and
/// legacy 8-bit files with a message that says which and what to do.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = crate::fsx::read_input(path, TEXT_LIMIT)?;
    decode(path, &bytes)
}

pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8(path, rest)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(path, rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(path, rest, u16::from_be_bytes)?
    } else if looks_binary(bytes) {
        return Err(Error::Binary { path: path.to_owned() });
    } else {
        utf8(path, bytes)?
    };
    if text.trim().is_empty() {
        return Err(Error::Empty { path: path.to_owned() });
    }
    Ok(nfc(&text))
}

fn utf8(path: &Path, bytes: &[u8]) -> Result<String, Error> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Error::Encoding { path: path.to_owned(), line })
        }
    }
}

fn utf16(path: &Path, bytes: &[u8], read: fn([u8; 2]) -> u16) -> Result<String, Error> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| read([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| Error::Encoding { path: path.to_owned(), line: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8]) -> Result<String, Error> {
        decode(Path::new("x.txt"), bytes)
    }

    #[test]
    fn accepts_utf8_with_bom_and_utf16() {
        assert_eq!(run("\u{FEFF}Sở".as_bytes()).unwrap(), "Sở");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Sở Y tế".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(run(&utf16).unwrap(), "Sở Y tế");
    }

    #[test]
    fn refuses_empty_binary_and_legacy_text() {
        assert!(matches!(run(b""), Err(Error::Empty { .. })));
        assert!(matches!(run(b" \n \n"), Err(Error::Empty { .. })));
        assert!(matches!(run(b"%PDF\0\x01"), Err(Error::Binary { .. })));
        // "Së Khoa häc" typed in TCVN3 (ABC): bytes that are not UTF-8, on line 2.
        assert!(matches!(run(b"ok\nS\xEB Khoa h\xE4c"), Err(Error::Encoding { line: 2, .. })));
    }
}
