//! baocao as a library: the pipeline's steps, used by the `baocao` binary and
//! by the tests.
//!
//! - `plan`: the plan's schema, its files, the agency registry, the importer.
//! - `cmd`: one module per command-line verb.
//! - `args`, `terminal`, `error`, `diag`: the command line, what is printed,
//!   exit codes, diagnostics.
//! - `text`, `textfile`, `fsx`: text normalisation, reading text files,
//!   atomic writes.

pub mod archive;
pub mod args;
pub mod book;
pub mod budget;
pub mod cmd;
pub mod diag;
pub mod error;
pub mod fonts;
pub mod form;
pub mod fsx;
pub mod guard;
pub mod intake;
pub mod merge;
pub mod period;
pub mod plan;
pub mod render;
pub mod report;
pub mod sample;
pub mod template;
pub mod terminal;
pub mod text;
pub mod textfile;
pub mod vn;
pub mod xlsx;
