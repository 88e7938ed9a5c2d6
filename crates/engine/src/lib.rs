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
pub mod digest;
pub mod error;
pub mod eval;
pub mod inputs;
pub mod ladder;
pub mod model;
pub mod num;
pub mod present;
pub mod profile;
mod profile_edit;
pub mod read;
pub mod reads;
pub mod sorted;
pub mod text;
pub mod typed;
pub mod whatif;

/// The pack model under the name the app, the command line and host code have always used.
pub use model as pack;
pub use model::vocab;
pub use present::{describe, explain};
pub use read::json::parse_date;

/// A stable insertion sort for the short lists here (versions, rungs, programs): far less code
/// in the browser build than the standard library's sort, monomorphised for every element type.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}
pub use error::{Error, Errors};
pub use eval::{evaluate, Assessment, Outcome, ProgramResult, Status};
pub use inputs::InputRef;
pub use num::Num;
pub use pack::Pack;
pub use profile::Profile;
pub use text::{Lang, Text};

#[cfg(test)]
mod tests {
    #[test]
    fn insertion_sort_is_stable() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }
}
