//! Reading what agencies send back.

pub mod legacy;
