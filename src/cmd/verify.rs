//! `baocao verify DIR`: is everything in the archive as it was recorded?

use crate::archive::manifest::verify;
use crate::args::VerifyArgs;
use crate::error::{Error, exit};

pub fn run(a: &VerifyArgs) -> Result<u8, Error> {
    let (checked, found) = verify(&a.dir)?;
    if found.is_empty() {
        crate::say!(
            "Đã kiểm tra {checked} tệp theo {}: không có gì thay đổi.",
            a.dir.join("manifest.json").display()
        );
        return Ok(exit::OK);
    }
    for f in &found {
        eprintln!("lỗi: {}", f.describe());
    }
    crate::say!("Đã kiểm tra {checked} tệp: {} khác biệt so với manifest.json.", found.len());
    Ok(exit::DATA)
}
