//! The packs' details: the app starts with the bundled packs without the text shown only on
//! request (`qualify_engine::bundled::LEAN`: criterion notes, a program page's summary,
//! information, document notes and the basis of its dates), and fetches that text, which
//! `cargo xtask pack-details` puts beside the page, once the user starts using the page, opens a
//! program page or prints. The first load so carries only what the first screen shows; verdicts
//! never wait for the details, as they do not depend on them.

use std::cell::RefCell;

use qualify_engine::{bundled, Pack};

use crate::host;
use crate::state::{leak, Details, State};

thread_local! {
    /// What waits for the details: printing, which should show them.
    static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = RefCell::default();
}

/// Fetches the details unless they are in or on their way.
pub fn want(s: State) {
    if s.choices_untracked(|c| c.details) != Details::NotAsked {
        return;
    }
    s.change(|c| c.details = Details::Loading);
    leptos::task::spawn_local(async move {
        let packs = fetch()
            .await
            .map(|whole| leak(merged(&s.choices_untracked(|c| c.packs), whole)));
        // One change, so that the page is patched once for the packs and the state together.
        s.change(|c| match packs {
            Some(packs) => {
                c.packs = packs;
                c.details = Details::Loaded;
            }
            None => c.details = Details::Failed,
        });
        for f in WAITING.with(|w| w.take()) {
            f();
        }
    });
}

/// Runs `f` once the details are in, or could not be had.
pub fn then(s: State, f: impl FnOnce() + 'static) {
    match s.choices_untracked(|c| c.details) {
        Details::Loaded | Details::Failed => f(),
        Details::NotAsked | Details::Loading => {
            WAITING.with(|w| w.borrow_mut().push(Box::new(f)));
            want(s);
        }
    }
}

/// Every bundled pack whole, or `None` if the details cannot be had.
async fn fetch() -> Option<Vec<Pack>> {
    let text = host::fetch_text(bundled::DETAILS_FILE).await.ok()?;
    bundled::whole_packs(&text)
}

/// The packs with each bundled one replaced by its whole pack from `whole`; a pack the host
/// site supplied stays as it is.
pub fn merged(packs: &[Pack], whole: Vec<Pack>) -> Vec<Pack> {
    bundled::with_details(packs, whole)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::pack::Origin;

    #[test]
    fn whole_packs_replace_the_bundled_ones_but_not_a_hosts() {
        let mut packs = bundled::lean_packs();
        packs[0].origin = Origin::Host;
        let whole = bundled::packs();
        let out = merged(&packs, whole.clone());
        assert_eq!(out[0], packs[0], "the host's pack stays");
        assert_eq!(out[1..], whole[1..]);
        assert!(out[1].summary.is_some() && packs[1].summary.is_none());
    }

    #[test]
    fn a_whole_pack_of_another_build_is_not_used() {
        let packs = bundled::lean_packs();
        let mut whole = bundled::packs();
        whole[2].digest = "0".repeat(64);
        let out = merged(&packs, whole);
        assert_eq!(out[2], packs[2]);
    }
}
