//! Reading what agencies send back.

pub mod collect;
pub mod findings;
pub mod legacy;
pub mod read;
