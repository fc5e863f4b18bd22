//! Limits on the memory and time one run may take, so that a template with
//! a runaway loop, a plan or a workbook built to exhaust the machine ends
//! with a message that names what was being done, never with the operating
//! system killing the program or the laptop freezing.
//!
//! Memory is counted by the binary's global allocator ([`Counting`], over
//! mimalloc): an allocation that would pass the limit ends the run at once
//! with exit code 5, before the allocation is made; so does one the system
//! refuses (out of memory, `ulimit -v`), instead of an abort. Time is
//! watched by one thread ([`watch_time`]). Outputs are written atomically,
//! so a run ended this way leaves no half-written file.

use std::alloc::{GlobalAlloc, Layout};
use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::time::Duration;

use mimalloc::MiMalloc;

use crate::error::exit;

/// Bytes the heap holds now, and the most it may hold.
/// Signed: with counting batched per thread, memory one thread frees
/// before another has counted it in may briefly show as negative.
static IN_USE: AtomicIsize = AtomicIsize::new(0);
static LIMIT: AtomicUsize = AtomicUsize::new(usize::MAX);
/// Set once the run is being ended, so that the message is printed once.
static ENDING: AtomicBool = AtomicBool::new(false);
/// What the run is doing, for the message (`dàn trang báo cáo`, with the
/// template's name).
static DOING: Mutex<String> = Mutex::new(String::new());

/// mimalloc, counting what is in use and refusing to pass
/// [`set_memory_limit`]'s limit. mimalloc rather than the system's
/// allocator: glibc's malloc and free took 14 % of a demo's CPU.
pub struct Counting;

// SAFETY: every call is passed to `MiMalloc` unchanged; only counters around it.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: the caller's contract is passed on.
        given(unsafe { MiMalloc.alloc(layout) }, layout.size())
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        reserve(layout.size());
        // SAFETY: as above.
        given(unsafe { MiMalloc.alloc_zeroed(layout) }, layout.size())
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        release(layout.size());
        // SAFETY: as above.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            reserve(new_size - layout.size());
        } else {
            release(layout.size() - new_size);
        }
        // SAFETY: as above.
        given(unsafe { MiMalloc.realloc(ptr, layout, new_size) }, new_size)
    }
}

/// `ptr`, unless the system had no memory for it (null): then the run
/// ends as at the limit, with exit code 5 and a message, where Rust would
/// abort.
fn given(ptr: *mut u8, size: usize) -> *mut u8 {
    if ptr.is_null() {
        end(|out, doing| {
            writeln!(
                out,
                "lỗi: hệ thống không cấp thêm được {} MiB bộ nhớ khi {doing} — máy đã hết bộ nhớ hoặc lần chạy bị \
                 giới hạn (ulimit -v); hãy đóng bớt chương trình khác, xem lại mẫu/tệp đầu vào, hoặc chạy lại với \
                 --memory-limit nhỏ hơn để được báo sớm hơn",
                size.div_ceil(1 << 20)
            )
        });
    }
    ptr
}

/// Bytes each thread counts on its own before it adds them to [`IN_USE`]:
/// one shared counter touched by every allocation of every thread cost
/// ≈ 8 % of a run's time (the cache line went from core to core). The
/// limit is checked at most this much per thread late; a larger allocation
/// is checked before it is made.
const BATCH: isize = 256 << 10;

std::thread_local! {
    static PENDING: std::cell::Cell<isize> = const { std::cell::Cell::new(0) };
}

/// `delta` bytes more (or fewer) on this thread: what is due for the shared
/// counter, if anything (all of it when the thread is being torn down).
fn batched(delta: isize) -> isize {
    PENDING
        .try_with(|p| {
            let v = p.get() + delta;
            if v.abs() < BATCH {
                p.set(v);
                0
            } else {
                p.set(0);
                v
            }
        })
        .unwrap_or(delta)
}

/// Counts `size` fewer bytes.
fn release(size: usize) {
    let due = batched(-(size as isize));
    if due < 0 {
        IN_USE.fetch_add(due, Ordering::Relaxed);
    } else if due > 0 {
        add(due as usize);
    }
}

/// Counts `size` more bytes, or ends the run if that passes the limit.
fn reserve(size: usize) {
    let due = batched(size as isize);
    if due > 0 {
        add(due as usize);
    } else if due < 0 {
        IN_USE.fetch_add(due, Ordering::Relaxed);
    }
}

/// Adds `size` to the shared count and checks the limit.
fn add(size: usize) {
    let size = isize::try_from(size).unwrap_or(isize::MAX);
    let now = usize::try_from(IN_USE.fetch_add(size, Ordering::Relaxed).saturating_add(size)).unwrap_or(0);
    let limit = LIMIT.load(Ordering::Relaxed);
    if now > limit {
        let limit = limit >> 20;
        end(|out, doing| {
            writeln!(
                out,
                "lỗi: chương trình cần quá {limit} MiB bộ nhớ (giới hạn của lần chạy) khi {doing} — thường do một mẫu \
                 có vòng lặp quá lớn hoặc một tệp đầu vào bất thường; hãy xem lại mẫu/tệp đó, hoặc nếu dữ liệu thật \
                 sự lớn, chạy lại với --memory-limit lớn hơn"
            )
        });
    }
}

/// Ends the run with exit code 5 and the message `say` writes (given what
/// the run was doing). Nothing here allocates: the run may be ending
/// because memory ran out. The limit is lifted first for what exit runs;
/// the first thread to get here says why, any other waits for the end.
fn end(say: impl FnOnce(&mut dyn Write, &str) -> std::io::Result<()>) -> ! {
    if ENDING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    LIMIT.store(usize::MAX, Ordering::SeqCst);
    // `try_lock`: the thread ending the run may be the one holding it.
    let doing = DOING.try_lock();
    let what = match &doing {
        Ok(d) if !d.is_empty() => d.as_str(),
        _ => "chạy",
    };
    let _ = say(&mut std::io::stderr().lock(), what);
    std::process::exit(i32::from(exit::LIMIT));
}

/// Says what the run is doing now, for a limit's message: `dàn trang báo
/// cáo theo templates/bao-cao.typ`.
pub fn doing_now(what: &str) {
    if let Ok(mut d) = DOING.lock() {
        what.clone_into(&mut d);
    }
}

/// Sets the most the heap may hold, in bytes.
pub fn set_memory_limit(bytes: usize) {
    LIMIT.store(bytes, Ordering::SeqCst);
}

/// The limit when none is given: three quarters of the machine's memory,
/// and two thirds of the address space the run has left under `ulimit -v`
/// (the program, its libraries and its threads' stacks take the rest),
/// whichever is smaller; none when neither can be read.
pub fn default_memory_limit() -> Option<usize> {
    let total = read_proc("/proc/meminfo", "MemTotal:").map(|kib| kib.saturating_mul(1024) / 4 * 3);
    let address = read_proc("/proc/self/limits", "Max address space").map(|limit| {
        let used = read_proc("/proc/self/status", "VmSize:").map_or(0, |kib| kib.saturating_mul(1024));
        limit.saturating_sub(used) / 3 * 2
    });
    [total, address].into_iter().flatten().min()
}

/// The first number after `key` on its line of a `/proc` file.
fn read_proc(path: &str, key: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find(|l| l.starts_with(key))?;
    line[key.len()..].split_whitespace().next()?.parse().ok()
}

/// Ends the run with a message if it lasts longer than `limit`.
pub fn watch_time(limit: Duration) {
    let spawned = std::thread::Builder::new().name("time-limit".into()).spawn(move || {
        std::thread::sleep(limit);
        end(|out, doing| {
            writeln!(
                out,
                "lỗi: lần chạy đã quá {} giây (giới hạn thời gian) khi {doing} — thường do một mẫu có vòng lặp quá \
                 lớn; hãy xem lại mẫu, hoặc nếu dữ liệu thật sự lớn, chạy lại với --time-limit lớn hơn",
                limit.as_secs()
            )
        });
    });
    // Without the thread the run is only unbounded in time, as before.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_limit_reads_this_machine() {
        let limit = default_memory_limit().expect("/proc is readable on Linux");
        assert!(limit > 64 << 20, "{limit}");
        assert_eq!(read_proc("/proc/meminfo", "NoSuchKey:"), None);
    }
}
