//! One module per command, each with a `run` that returns the exit code.

pub mod demo;
pub mod ingest;
pub mod plan_check;
pub mod plan_import;
pub mod plan_show;
pub mod remind;
pub mod report;
pub mod sign;
pub mod status;
pub mod template;
pub mod verify;
pub mod watch;
