//! The report step: configuration, narrative, the data the layout reads,
//! and the consolidated workbook.

pub mod agency_text;
pub mod config;
pub mod excel;
pub mod letters;
pub mod markdown;
pub mod model;
pub mod sandbox;
pub mod tables;
