//! One module per page.

pub mod assess;
pub mod program;
