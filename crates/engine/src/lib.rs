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
pub mod json_text;
pub mod ladder;
pub mod limits;
pub mod link;
mod merge;
pub mod model;
pub mod num;
#[cfg(feature = "timing")]
pub mod plan;
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

/// A stable sort: a merge sort of positions, then the elements moved into place. Far less code
/// in the browser build than the standard library's sort, monomorphised for every element type,
/// and n log n, so that a long list from a hostile document costs no more than its length.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a) > key(b));
}

/// [`sort_by_key`] for an order no key can give without a copy: `after(a, b)` says whether `a`
/// belongs after `b` (`a > b` for strings, compared in place).
pub fn sort_by<T>(v: &mut [T], after: impl Fn(&T, &T) -> bool) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_positions(v.len(), &|a, b| after(&v[a], &v[b]));
    permute(v, order);
}

/// The positions `0..n` in the order a stable sort puts them, `after(a, b)` saying whether
/// the element at `a` belongs after the one at `b`. One copy for every element type.
fn sorted_positions(n: usize, after: &dyn Fn(usize, usize) -> bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut buf = vec![0; n];
    let mut width = 1;
    while width < n {
        for start in (0..n).step_by(2 * width) {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j) = (start, mid);
            for slot in &mut buf[start..end] {
                // Taking from the left run on ties keeps equal keys in their order.
                let left = i < mid && (j >= end || !after(order[i], order[j]));
                if left {
                    *slot = order[i];
                    i += 1;
                } else {
                    *slot = order[j];
                    j += 1;
                }
            }
        }
        std::mem::swap(&mut order, &mut buf);
        width *= 2;
    }
    order
}

/// Puts the element at `order[k]` at position `k`, following each cycle of the permutation.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = order[at];
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}
pub use error::{Error, Errors};
pub use eval::{
    evaluate, evaluate_in, Assessment, Mode, Outcome, ProgramResult, Screening, Status,
};
pub use inputs::InputRef;
pub use num::Num;
pub use pack::Pack;
pub use profile::Profile;
pub use text::{Lang, Text};

#[cfg(test)]
mod tests {
    #[test]
    fn the_sort_is_stable() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
    }

    /// The standard library's stable sort as the twin, on every length up to 70 and keys with
    /// many ties.
    #[test]
    fn the_sort_matches_the_standard_stable_sort() {
        let mut seed = 0x9e37_79b9_u64;
        for n in 0..70 {
            let mut v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 33) % (n as u64 / 3 + 1), i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            super::sort_by_key(&mut v, |x| x.0);
            assert_eq!(v, want, "{n}");
        }
    }

    /// 200,000 elements in a fraction of a second: an insertion sort took minutes.
    #[test]
    fn the_sort_is_not_quadratic() {
        let mut v: Vec<u32> = (0..200_000u32).rev().collect();
        let start = std::time::Instant::now();
        super::sort_by_key(&mut v, |x| *x);
        assert!(v.windows(2).all(|w| w[0] <= w[1]));
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    }
}
