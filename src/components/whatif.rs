//! What if: a copy of the figures to play with, for one program, without touching the real
//! profile; outcomes are compared side by side, and "what does it take?" fills in the values
//! that meet every criterion a figure can meet.

use leptos::prelude::*;
use qualify_engine::eval::evaluate_version;
use qualify_engine::explain::fix_phrase;
use qualify_engine::reads::version_inputs;
use qualify_engine::whatif::what_it_takes;
use qualify_engine::{InputRef, Text};

use chrono::Datelike;

use crate::components::form::what_if_form;
use crate::i18n::{tr, ui};
use crate::markup::keep_children;
use crate::report;
use crate::state::use_state;

#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let s = use_state();
    // The program the panel starts with: the first chosen one not yet eligible. A memo, so the
    // list of programs is not rebuilt on every keystroke.
    let first_open = Memo::new(move |_| {
        let selected = s.selected.get();
        s.assessment.with(|a| {
            selected
                .iter()
                .find(|id| {
                    a.programs
                        .iter()
                        .any(|p| p.id == **id && p.outcome != qualify_engine::Outcome::Eligible)
                })
                .or(selected.first())
                .map(|id| id.to_string())
        })
    });
    let chosen = RwSignal::new(None::<String>);
    let program = move || chosen.get().or_else(|| first_open.get());
    let changes = RwSignal::new(None::<Vec<Text>>);
    let start = move |_| {
        s.whatif_draft.set(s.draft.get_untracked());
        s.whatif.set(program());
        changes.set(None);
    };
    let inputs = Signal::derive(move || {
        let as_of = s.as_of.get();
        let Some(v) = s
            .whatif
            .get()
            .and_then(|id| s.pack(&id))
            .and_then(|p| p.version_on(as_of))
        else {
            return Vec::new();
        };
        version_inputs(v, as_of.year())
            .into_iter()
            .filter(|r| matches!(r, InputRef::Year(..) | InputRef::Scalar(_)))
            .collect()
    });
    let compare = move || {
        let id = s.whatif.get()?;
        let pack = s.pack(&id)?;
        let as_of = s.as_of.get();
        let version = pack.version_on(as_of)?;
        let now = s
            .built
            .with(|b| evaluate_version(pack, version, &b.profile, as_of));
        let then = s
            .whatif_built
            .with(|b| evaluate_version(pack, version, &b.profile, as_of));
        Some((now, then))
    };
    let take = move |_| {
        let Some(pack) = s.whatif.get_untracked().and_then(|id| s.pack(&id)) else {
            return;
        };
        let as_of = s.as_of.get_untracked();
        let profile = s.whatif_built.with_untracked(|b| b.profile.clone());
        let fixes = what_it_takes(pack, &profile, as_of);
        changes.set(Some(fixes.iter().filter_map(fix_phrase).collect()));
        s.whatif_draft.update(|d| {
            for f in &fixes {
                d.text
                    .insert(f.input.to_string(), f.value.to_decimal_string(6));
            }
        });
    };
    view! {
        <section class="q-panel q-whatif" aria-labelledby="q-whatif-h">
            <h2 id="q-whatif-h">{tr(s.lang, |u| u.whatif_heading)}</h2>
            <p class="q-hint">{tr(s.lang, |u| u.whatif_hint)}</p>
            <div class="q-row">
                <label for="q-whatif-program" class="q-label">{tr(s.lang, |u| u.whatif_program)}</label>
                <select id="q-whatif-program" class="q-input"
                    on:change=move |ev| {
                        let id = event_target_value(&ev);
                        chosen.set(Some(id.clone()));
                        if s.whatif.get_untracked().is_some() {
                            s.whatif.set(Some(id));
                            changes.set(None);
                        }
                    }>
                    {move || {
                        let lang = s.lang.get();
                        let current = program();
                        s.selected
                            .get()
                            .into_iter()
                            .filter_map(|id| s.pack(id))
                            .map(|p| {
                                let sel = current.as_deref() == Some(p.id.as_str());
                                view! { <option value=p.id.clone() selected=sel>{p.name.get(lang).to_string()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <Show when=move || s.whatif.get().is_some()
                fallback=move || view! {
                    <button type="button" class="q-button" id="q-whatif-start" on:click=start>
                        {tr(s.lang, |u| u.whatif_start)}
                    </button>
                }>
                <div class="q-row q-row--buttons">
                    <button type="button" class="q-button q-button--primary" id="q-whatif-take" on:click=take>
                        {tr(s.lang, |u| u.whatif_take)}
                    </button>
                    <button type="button" class="q-button" on:click=move |_| {
                        s.whatif_draft.set(s.draft.get_untracked());
                        changes.set(None);
                    }>{tr(s.lang, |u| u.whatif_reset)}</button>
                    <button type="button" class="q-button q-button--quiet" on:click=move |_| s.whatif.set(None)>
                        {tr(s.lang, |u| u.whatif_close)}
                    </button>
                </div>
                {move || {
                    let lang = s.lang.get();
                    changes.get().map(|list| {
                        if list.is_empty() {
                            view! { <p class="q-hint" role="status">{ui(lang).whatif_nothing}</p> }.into_any()
                        } else {
                            view! {
                                <div role="status">
                                    <h3>{ui(lang).whatif_changes}</h3>
                                    <ul class="q-changes">
                                        {list.into_iter().map(|t| view! { <li>{t.get(lang).to_string()}</li> }).collect_view()}
                                    </ul>
                                </div>
                            }
                            .into_any()
                        }
                    })
                }}
                {what_if_form(s, inputs)}
                {
                    let table = NodeRef::<leptos::html::Div>::new();
                    keep_children(table, move || {
                        let lang = s.lang.get();
                        compare()
                            .map(|(now, then)| report::compare_table(&now, &then, lang).into())
                            .into_iter()
                            .collect()
                    });
                    view! { <div node_ref=table></div> }
                }
            </Show>
        </section>
    }
}
