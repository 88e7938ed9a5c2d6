//! The pieces of the assessment page.

pub mod form;
pub mod header;
pub mod ladder;
pub mod picker;
pub mod plan;
pub mod results;
pub mod tools;
pub mod whatif;
