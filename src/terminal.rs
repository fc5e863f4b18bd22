//! Everything the program prints for a person: diagnostics, errors, and the
//! Vietnamese wording of command-line mistakes. Exit codes are decided here
//! and in `error::exit`, nowhere else.

use std::io::Write;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::diag::Diagnostic;
use crate::error::{Error, exit};

/// `println!` that does not panic when stdout is closed early
/// (`baocao status | head`): a closed pipe is not the program's fault.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints diagnostics to stderr, errors first, and a count.
pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    for d in &sorted {
        let _ = writeln!(err, "{d}");
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(err, "Tổng cộng: {errors} lỗi, {warnings} cảnh báo.");
    }
}

/// Prints one warning that belongs to no input cell.
pub fn warn(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "cảnh báo: {message}");
}

/// Prints a fatal error and returns its exit code.
pub fn fail(e: &Error) -> u8 {
    let mut err = std::io::stderr().lock();
    if let Error::InvalidPlan { errors, .. } | Error::InvalidConfig { errors, .. } = e {
        for d in errors.iter().take(20) {
            let _ = writeln!(err, "{d}");
        }
        if errors.len() > 20 {
            let _ = writeln!(err, "… và {} lỗi khác.", errors.len() - 20);
        }
    }
    let _ = writeln!(err, "lỗi: {e}");
    e.exit_code()
}

/// Shows help or a command-line mistake in Vietnamese; returns the exit code.
pub fn clap_error(e: &clap::Error) -> u8 {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return exit::OK;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return exit::USAGE;
        }
        _ => {}
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn «{arg}»"),
        ErrorKind::InvalidSubcommand => format!("không có lệnh «{}»", text(ContextKind::InvalidSubcommand)),
        ErrorKind::InvalidValue => format!(
            "giá trị «{value}» không hợp lệ cho {arg} — các giá trị được phép: {}",
            text(ContextKind::ValidValue)
        ),
        ErrorKind::ValueValidation => match std::error::Error::source(e) {
            Some(reason) => format!("{arg}: {reason}"),
            None => format!("giá trị «{value}» của {arg} không hợp lệ"),
        },
        ErrorKind::MissingRequiredArgument => format!("thiếu đối số bắt buộc: {arg}"),
        ErrorKind::MissingSubcommand => "thiếu lệnh".to_owned(),
        ErrorKind::NoEquals => format!("{arg} cần dấu «=» trước giá trị"),
        ErrorKind::TooManyValues => format!("thừa giá trị «{value}» cho {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} nhận sai số lượng giá trị")
        }
        ErrorKind::ArgumentConflict => {
            format!("{arg} không dùng chung được với {}", text(ContextKind::PriorArg))
        }
        ErrorKind::InvalidUtf8 => "dòng lệnh có ký tự không phải UTF-8".to_owned(),
        _ => "dòng lệnh không hợp lệ".to_owned(),
    };
    let suggestion = [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand]
        .into_iter()
        .map(text)
        .find(|s| !s.is_empty());
    if let Some(s) = suggestion {
        message.push_str(&format!(" — có phải ý bạn là «{s}»?"));
    }
    let _ = writeln!(std::io::stderr(), "lỗi: {message}\n\nXem hướng dẫn: baocao --help");
    exit::USAGE
}

/// Pads `s` to `width` columns (NFC Vietnamese is one column per character).
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// `s` cut to `max` characters, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(max.saturating_sub(1)).collect::<String>())
    }
}
