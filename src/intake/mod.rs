//! Reading what agencies send back: finding the files (`collect`), opening
//! each whatever its format (`book`, `formats`), deciding whose it is
//! (`identity`) and which sheet is which (`locate`), then reading the
//! sheets (`tasks`, `indicators`, `report_sheet`) cell by cell (`cells`,
//! `legacy`, `syllable`); `read` puts these together and `findings` writes
//! the validation report.

pub mod cells;
pub mod collect;
pub mod findings;
pub mod identity;
pub mod indicators;
pub mod legacy;
pub mod locate;
pub mod read;
pub mod report_sheet;
pub mod screen;
pub mod syllable;
pub mod tasks;
