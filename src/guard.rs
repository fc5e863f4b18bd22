//! Panics of the readers we build on, contained to the input that caused
//! them.
//!
//! calamine, zip and their kin are well kept but meet inputs nobody wrote
//! for them (a compound file whose sector table is cut mid-entry panics in
//! calamine 0.38). A panic inside [`contain`] costs its input only: the
//! caller turns `None` into a message that names the file. Such a panic
//! prints nothing (the message says it); any other panic is printed as an
//! internal error in Vietnamese with where it happened.

use std::cell::Cell;
use std::io::Write;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; `None` if it panicked.
pub fn contain<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CONTAINED.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok();
    CONTAINED.with(|c| c.set(outer));
    result
}

/// Replaces the default panic message (English, with a hint about
/// backtraces) by one in Vietnamese; silent inside [`contain`].
pub fn install_hook() {
    std::panic::set_hook(Box::new(|info| {
        if CONTAINED.with(Cell::get) {
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "lỗi nội bộ của chương trình: {what}{place} — xin báo lỗi này cùng lệnh đã chạy cho người phát triển"
        );
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_contained_panic_is_an_answer() {
        assert_eq!(contain(|| 1), Some(1));
        assert_eq!(contain(|| -> i32 { panic!("hỏng") }), None);
        // Nested: the outer still contains after the inner ends.
        assert_eq!(contain(|| contain(|| -> i32 { panic!("x") }).unwrap_or(7)), Some(7));
    }
}
