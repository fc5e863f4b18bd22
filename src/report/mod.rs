//! The report step: configuration, narrative, the data the layout reads,
//! and the consolidated workbook.

pub mod agency_text;
pub mod charts;
pub mod compare;
pub mod config;
pub mod documents;
pub mod excel;
pub mod excel_charts;
pub mod identity;
pub mod letters;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod output;
pub mod page_fit;
mod proposals;
pub mod sandbox;
pub mod table;
pub mod tables;
pub mod themes;
