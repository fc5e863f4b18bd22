//! baocao: from a province's plan and the workbooks its agencies return, to
//! the signed consolidated report.
//!
//! `dispatch` calls one function per command; the modules are listed in
//! `lib.rs`.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;

use baocao::args::{Cli, Command, PlanCommand};
use baocao::plan::files::PlanSource;
use baocao::{budget, cmd, terminal};

/// The stack of rayon's threads: Typst lays out on them (its own page runs,
/// `remind`'s letters) and overflowed rayon's default 2 MiB; this is the
/// main thread's size.
const WORKER_STACK: usize = 8 << 20;

/// Counts the heap so that a run ends with a message at its memory limit
/// (see `budget`), not killed by the system.
#[global_allocator]
static ALLOCATOR: budget::Counting = budget::Counting;

/// mimalloc reserves address space an arena at a time (1 GiB by default)
/// and keeps large blocks in its arenas. Under `ulimit -v` (a shared
/// server, the hostile-input tests) that leaves little room: the memory
/// limit the run computes shrinks, and a large block grown by `realloc`
/// finds no arena room while the old one is still held. So arenas are
/// reserved 64 MiB at a time (mimalloc makes later ones larger as the heap
/// grows), and blocks over 16 MiB go to the system as glibc's do. Options
/// must be set before the first allocation, which the runtime makes before
/// `main`: hence a constructor (Linux; elsewhere mimalloc's defaults only
/// cost address space).
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static ALLOCATOR_OPTIONS: extern "C" fn() = allocator_options;

#[cfg(target_os = "linux")]
extern "C" fn allocator_options() {
    // `mi_option_arena_reserve` and `mi_option_arena_max_object_size` in
    // mimalloc 3's `mi_option_t`, which libmimalloc-sys does not name; KiB.
    // A wrong number (after an update of mimalloc) fails the hostile case
    // `bang-long-sau` of tests/hostile.rs, run under `ulimit -v`.
    const ARENA_RESERVE: libmimalloc_sys::mi_option_t = 23;
    const ARENA_MAX_OBJECT: libmimalloc_sys::mi_option_t = 45;
    // SAFETY: sets options' values; nothing has been allocated yet.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_RESERVE, 64 << 10);
        libmimalloc_sys::mi_option_set(ARENA_MAX_OBJECT, 16 << 10);
    }
}

/// How long a run may take when `--time-limit` is not given: the national
/// demo (10,000 agencies) takes about a minute.
const TIME_LIMIT: Duration = Duration::from_secs(1800);

fn main() -> ExitCode {
    baocao::guard::install_hook();
    // Fails only if the pool already exists, which nothing here does first.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK).build_global();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(terminal::clap_error(&e)),
    };
    let memory = cli.global.memory_limit.map(|mib| mib.saturating_mul(1 << 20) as usize);
    if let Some(bytes) = memory.or_else(budget::default_memory_limit) {
        budget::set_memory_limit(bytes);
    }
    // `watch` runs until it is stopped.
    if !matches!(cli.command, Command::Watch(_)) {
        budget::watch_time(cli.global.time_limit.map_or(TIME_LIMIT, Duration::from_secs));
    }
    ExitCode::from(dispatch(cli))
}

fn dispatch(cli: Cli) -> u8 {
    let source = PlanSource::choose(cli.global.plan.as_deref());
    let result = match cli.command {
        Command::Plan(PlanCommand::Import(a)) => cmd::plan_import::run(&source, &a),
        Command::Plan(PlanCommand::Show(a)) => cmd::plan_show::run(&source, &a),
        Command::Plan(PlanCommand::Check(a)) => {
            let source = a.dir.map_or(source, PlanSource::Dir);
            cmd::plan_check::run(&source)
        }
        Command::Template(a) => cmd::template::run(&source, &a),
        Command::Ingest(a) => cmd::ingest::run(&source, &a),
        Command::Status(a) => cmd::status::run(&source, &a),
        Command::Demo(a) => cmd::demo::run(&source, &a),
        Command::Report(a) => cmd::report::run(&source, &a),
        Command::Verify(a) => cmd::verify::run(&a),
        Command::Remind(a) => cmd::remind::run(&source, &a),
        Command::Sign(a) => cmd::sign::run(&source, &a),
        Command::Watch(a) => cmd::watch::run(&source, &a),
    };
    match result {
        Ok(code) => code,
        Err(e) => terminal::fail(&e),
    }
}
