//! The ladder for the enterprise's region: municipal, provincial and national rungs in order,
//! the rung it stands on and what the next one takes.

use leptos::prelude::*;
use qualify_engine::ladder::ladders;
use qualify_engine::profile::CategoryField;

use crate::i18n::{tr, ui};
use crate::markup::kept;
use crate::report;
use crate::state::use_state;

#[component]
pub fn LadderView() -> impl IntoView {
    let s = use_state();
    let no_region = move || {
        s.built
            .with(|b| b.profile.word(CategoryField::Province).is_none())
    };
    let tracks = kept(move || {
        let (packs, as_of, lang) = (s.packs.get(), s.as_of.get(), s.lang.get());
        s.assessment.with(|a| {
            s.built.with(|b| {
                let tracks = ladders(packs, &a.programs, &b.profile, as_of);
                report::ladders(&tracks, &a.programs, lang)
            })
        })
    });
    view! {
        <section class="q-panel q-ladder" aria-labelledby="q-ladder-h">
            <h2 id="q-ladder-h">{tr(s.lang, |u| u.ladder_heading)}</h2>
            <p class="q-hint">
                {move || {
                    let u = ui(s.lang.get());
                    if no_region() { u.ladder_no_region } else { u.ladder_hint }
                }}
            </p>
            <div node_ref=tracks></div>
        </section>
    }
}
