//! What if: a copy of the figures to play with, without touching the real profile. The panel's
//! program chooses the inputs shown (its figures, declarations and self-assessed scores) and
//! what "what does it take?" fills in; every chosen program is compared before and after, so
//! one change shows what it moves across all of them.

use leptos::prelude::*;
use qualify_engine::eval::evaluate_version;
use qualify_engine::explain::fix_phrase;
use qualify_engine::reads::version_inputs;
use qualify_engine::whatif::what_it_takes;
use qualify_engine::Text;

use chrono::Datelike;

use crate::components::form::what_if_fields;
use crate::controls::button;
use crate::edit::Edit;
use crate::i18n::ui;
use crate::markup::{h, hc, Prop};
use crate::part::Part;
use crate::report;
use crate::state::State;

/// The program the panel starts with: the first chosen one not yet eligible.
fn first_open(s: State) -> Option<String> {
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
}

/// Chooses the panel's program; an open panel turns to it.
pub fn choose(s: State, id: String) {
    s.change(|c| {
        c.whatif_pick = Some(id.clone());
        if c.whatif.is_some() {
            c.whatif = Some(id);
            c.whatif_changes = None;
        }
    });
}

/// Opens the panel on a copy of the figures.
pub fn start(s: State) {
    State::replace(s.whatif_draft, s.draft.get_untracked());
    let id = s
        .choices_untracked(|c| c.whatif_pick.clone())
        .or_else(|| untrack(|| first_open(s)));
    s.change(|c| {
        c.whatif = id;
        c.whatif_changes = None;
    });
    // The start button is gone with the closed panel: the focus goes to the open one's first.
    request_animation_frame(|| {
        crate::browser::focus("#q-whatif-take");
    });
}

/// Closes the panel, the focus back on the button that opens it.
pub fn close(s: State) {
    s.change(|c| c.whatif = None);
    request_animation_frame(|| {
        crate::browser::focus("#q-whatif-start");
    });
}

/// Puts the figures back to the user's own.
pub fn reset(s: State) {
    State::replace(s.whatif_draft, s.draft.get_untracked());
    s.change(|c| c.whatif_changes = None);
}

/// "What does it take?": fills in the values that meet what a figure can meet.
pub fn take(s: State) {
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
    State::edit(s.whatif_draft, |d| {
        let mut changed = false;
        for f in &fixes {
            changed |= d.set_text(&f.input.to_string(), f.value.to_decimal_string(6));
        }
        changed
    });
}

pub fn panel(s: State) -> Part {
    // A memo, so the list of programs is not rebuilt on every keystroke.
    let first_open = crate::memo(Box::new(move |_| first_open(s)));
    let program = move || {
        s.choices(|c| c.whatif_pick.clone())
            .or_else(|| first_open.get())
    };
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
    };
    // Every chosen program, the panel's own first.
    let compare = move |lang| {
        let first = s.choices(|c| c.whatif.clone());
        let as_of = s.as_of();
        let mut ids = s.selected.get();
        qualify_engine::sort_by_key(&mut ids, |id| Some(*id) != first.as_deref());
        ids.into_iter()
            .filter_map(|id| {
                let pack = s.pack(id)?;
                let version = pack.version_on(as_of)?;
                let now = s
                    .built
                    .with(|b| evaluate_version(pack, version, &b.profile, as_of));
                let then = s
                    .whatif_built
                    .with(|b| evaluate_version(pack, version, &b.profile, as_of));
                Some(report::compare_table(&now, &then, lang))
            })
            .collect::<Vec<_>>()
    };
    Part::new(move || {
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
        let panel = hc("section", "q-panel q-whatif")
            .a("aria-labelledby", "q-whatif-h")
            .c(h("h2").a("id", "q-whatif-h").c(u.whatif_heading))
            .c(hc("p", "q-hint").c(u.whatif_hint))
            .c(hc("div", "q-row")
                .c(h("label")
                    .a("for", "q-whatif-program")
                    .a("class", "q-label")
                    .c(u.whatif_program))
                .c(h("select")
                    .a("id", "q-whatif-program")
                    .a("class", "q-input")
                    .edit(Edit::WhatIfProgram)
                    .cs(options)
                    .p(Prop::Value(shown.unwrap_or_default()))));
        if s.choices(|c| c.whatif.is_none()) {
            return panel.c(button("q-button", u.whatif_start)
                .a("id", "q-whatif-start")
                .edit(Edit::WhatIfStart));
        }
        let changes = s.choices(|c| c.whatif_changes.clone()).map(|list| {
            if list.is_empty() {
                hc("p", "q-hint").a("role", "status").c(u.whatif_nothing)
            } else {
                h("div")
                    .a("role", "status")
                    .c(h("h3").c(u.whatif_changes))
                    .c(hc("ul", "q-changes").cs(list.iter().map(|t| h("li").c(t.get(lang)))))
            }
        });
        let pack = s.choices(|c| c.whatif.clone()).and_then(|id| s.pack(&id));
        panel
            .c(hc("div", "q-row q-row--buttons")
                .c(button("q-button q-button--primary", u.whatif_take)
                    .a("id", "q-whatif-take")
                    .edit(Edit::WhatIfTake))
                .c(button("q-button", u.whatif_reset).edit(Edit::WhatIfReset))
                .c(button("q-button q-button--quiet", u.whatif_close).edit(Edit::WhatIfClose)))
            .c_opt(changes)
            .c(hc("form", "q-profile")
                .a("autocomplete", "off")
                .cs(what_if_fields(s, &inputs(), pack)))
            .c(hc("div", "q-compares")
                .c(h("h3").c(u.whatif_across))
                .cs(compare(lang)))
    })
}
