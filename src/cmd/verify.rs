//! `baocao verify DIR`: is everything in the archive as it was recorded?

use crate::archive::audit::verify;
use crate::args::VerifyArgs;
use crate::error::{Error, exit};

pub fn run(a: &VerifyArgs) -> Result<u8, Error> {
    let audit = verify(&a.dir)?;
    let manifest = a.dir.join(crate::archive::manifest::FILE);
    for f in &audit.found {
        eprintln!("lỗi: {}", f.describe());
    }
    if audit.unchained {
        crate::say!(
            "Lưu ý: {} do phiên bản cũ ghi, chưa có chuỗi mã băm; lần lập báo cáo sau sẽ bắt đầu chuỗi.",
            manifest.display()
        );
    }
    if let Some(head) = &audit.head {
        crate::say!(
            "Mã băm cuối của chuỗi manifest: {head} (ghi lại mã này cùng hồ sơ để nhận ra manifest bị viết lại)."
        );
    }
    if audit.found.is_empty() {
        crate::say!("Đã kiểm tra {} tệp theo {}: không có gì thay đổi.", audit.checked, manifest.display());
        return Ok(exit::OK);
    }
    crate::say!("Đã kiểm tra {} tệp: {} khác biệt so với manifest.json.", audit.checked, audit.found.len());
    Ok(exit::DATA)
}
