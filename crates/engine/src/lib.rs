//! Qualify's eligibility engine: enterprise profiles checked against dated rule packs for
//! Chinese enterprise recognition programs.
//!
//! Pure Rust with no web dependencies: the browser app and the `qualify` command line use it
//! unchanged.
//!
//! ```
//! use qualify_engine::{bundled, evaluate, Profile};
//! let packs = bundled::packs();
//! // Nothing entered: every program is incomplete, never "not eligible".
//! let profile = Profile::from_json("{}").unwrap();
//! let as_of = qualify_engine::parse_date("2026-06-30").unwrap();
//! let result = evaluate(&packs, &profile, as_of);
//! assert!(result.programs.iter().all(|p| p.outcome.slug() == "incomplete"));
//! ```

pub mod bundled;
mod decode;
pub mod describe;
pub mod digest;
pub mod error;
pub mod eval;
pub mod explain;
pub mod inputs;
pub mod ladder;
pub mod num;
pub mod pack;
pub mod profile;
pub mod reads;
pub mod text;
pub mod typed;
pub mod vocab;
pub mod whatif;

pub use decode::parse_date;
pub use error::{Error, Errors};
pub use eval::{evaluate, Assessment, Outcome, ProgramResult, Status};
pub use inputs::InputRef;
pub use num::Num;
pub use pack::Pack;
pub use profile::Profile;
pub use text::{Lang, Text};
