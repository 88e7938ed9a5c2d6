//! What if: a copy of the figures to play with, for one program, without touching the real
//! profile; outcomes are compared side by side, and "what does it take?" fills in the values
//! that meet every criterion a figure can meet.
//!
//! The panel is markup (`crate::markup`) like the form inside it, with one handler for its
//! buttons, its program choice and its fields.

use leptos::prelude::*;
use qualify_engine::eval::evaluate_version;
use qualify_engine::explain::fix_phrase;
use qualify_engine::reads::version_inputs;
use qualify_engine::whatif::what_it_takes;
use qualify_engine::{InputRef, Text};

use chrono::Datelike;

use crate::components::form::{
    apply, button, edited, no_submit, what_if_fields, EDIT, FORM_EVENTS,
};
use crate::i18n::ui;
use crate::markup::{h, hc, kept, M};
use crate::report;
use crate::state::use_state;

#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let s = use_state();
    // The program the panel starts with: the first chosen one not yet eligible. A memo, so the
    // list of programs is not rebuilt on every keystroke.
    let first_open = crate::memo(Box::new(move |_| {
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
    }));
    let chosen = RwSignal::new(None::<String>);
    let program = move || chosen.get().or_else(|| first_open.get());
    // A closure, not a memo: the open panel re-runs with the figures anyway.
    let inputs = move || {
        let as_of = s.as_of();
        let Some(v) = s
            .choices(|c| c.whatif.clone())
            .and_then(|id| s.pack(&id))
            .and_then(|p| p.version_on(as_of))
        else {
            return Vec::new();
        };
        version_inputs(v, as_of.year())
            .into_iter()
            .filter(|r| matches!(r, InputRef::Year(..) | InputRef::Scalar(_)))
            .collect::<Vec<_>>()
    };
    let compare = move || {
        let id = s.choices(|c| c.whatif.clone())?;
        let pack = s.pack(&id)?;
        let as_of = s.as_of();
        let version = pack.version_on(as_of)?;
        let now = s
            .built
            .with(|b| evaluate_version(pack, version, &b.profile, as_of));
        let then = s
            .whatif_built
            .with(|b| evaluate_version(pack, version, &b.profile, as_of));
        Some((now, then))
    };
    let take = move || {
        let Some(pack) = s
            .choices_untracked(|c| c.whatif.clone())
            .and_then(|id| s.pack(&id))
        else {
            return;
        };
        let as_of = s.choices_untracked(|c| c.as_of);
        let profile = s.whatif_built.with_untracked(|b| b.profile.clone());
        let fixes = what_it_takes(pack, &profile, as_of);
        let changes: Vec<Text> = fixes.iter().filter_map(fix_phrase).collect();
        s.change(|c| c.whatif_changes = Some(changes));
        s.whatif_draft.update(|d| {
            for f in &fixes {
                d.text
                    .insert(f.input.to_string(), f.value.to_decimal_string(6));
            }
        });
    };
    let on = move |ev: &web_sys::Event| {
        let Some((verb, arg)) = edited(ev) else {
            return no_submit(ev);
        };
        match verb.as_str() {
            "program" => {
                let id = event_target_value(ev);
                chosen.set(Some(id.clone()));
                if s.choices_untracked(|c| c.whatif.is_some()) {
                    s.change(|c| {
                        c.whatif = Some(id);
                        c.whatif_changes = None;
                    });
                }
            }
            "start" => {
                s.whatif_draft.set(s.draft.get_untracked());
                let id = untrack(program);
                s.change(|c| {
                    c.whatif = id;
                    c.whatif_changes = None;
                });
            }
            "take" => take(),
            "reset" => {
                s.whatif_draft.set(s.draft.get_untracked());
                s.change(|c| c.whatif_changes = None);
            }
            "close" => s.change(|c| c.whatif = None),
            _ => apply(s.whatif_draft, &verb, &arg, ev),
        }
    };
    let panel = kept(move || {
        let lang = s.lang();
        let u = ui(lang);
        let current = program();
        let packs: Vec<_> = s
            .selected
            .get()
            .into_iter()
            .filter_map(|id| s.pack(id))
            .collect();
        // With the chosen program no longer listed, the select shows the first one.
        let shown = packs
            .iter()
            .find(|p| current.as_deref() == Some(p.id.as_str()))
            .or(packs.first())
            .map(|p| p.id.clone());
        let options = packs
            .iter()
            .map(|p| h("option").a("value", &p.id).c(p.name.get(lang)));
        let mut out: Vec<M> = vec![
            h("h2").a("id", "q-whatif-h").c(u.whatif_heading).into(),
            hc("p", "q-hint").c(u.whatif_hint).into(),
            hc("div", "q-row")
                .c(h("label")
                    .a("for", "q-whatif-program")
                    .a("class", "q-label")
                    .c(u.whatif_program))
                .c(h("select")
                    .a("id", "q-whatif-program")
                    .a("class", "q-input")
                    .a(EDIT, "program")
                    .cs(options)
                    .a(".value", shown.unwrap_or_default()))
                .into(),
        ];
        if s.choices(|c| c.whatif.is_none()) {
            out.push(
                button("q-button", u.whatif_start)
                    .a("id", "q-whatif-start")
                    .a(EDIT, "start")
                    .into(),
            );
            return out;
        }
        out.push(
            hc("div", "q-row q-row--buttons")
                .c(button("q-button q-button--primary", u.whatif_take)
                    .a("id", "q-whatif-take")
                    .a(EDIT, "take"))
                .c(button("q-button", u.whatif_reset).a(EDIT, "reset"))
                .c(button("q-button q-button--quiet", u.whatif_close).a(EDIT, "close"))
                .into(),
        );
        out.extend(s.choices(|c| c.whatif_changes.clone()).map(|list| -> M {
            if list.is_empty() {
                hc("p", "q-hint")
                    .a("role", "status")
                    .c(u.whatif_nothing)
                    .into()
            } else {
                h("div")
                    .a("role", "status")
                    .c(h("h3").c(u.whatif_changes))
                    .c(hc("ul", "q-changes").cs(list.iter().map(|t| h("li").c(t.get(lang)))))
                    .into()
            }
        }));
        let fields = what_if_fields(s, &inputs());
        out.push(
            hc("form", "q-profile")
                .a("autocomplete", "off")
                .cs(fields)
                .into(),
        );
        let table = compare().map(|(now, then)| report::compare_table(&now, &then, lang));
        out.push(h("div").c_opt(table).into());
        out
    })
    .on(FORM_EVENTS, on);
    view! {
        <section class="q-panel q-whatif" aria-labelledby="q-whatif-h" node_ref=panel></section>
    }
}
