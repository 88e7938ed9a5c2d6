//! Choosing the programs to assess: suggested for the region, or picked one by one.

use leptos::prelude::*;
use qualify_engine::Pack;

use crate::controls::button;
use crate::edit::Edit;
use crate::i18n::{fill, ui};
use crate::markup::{h, hc, Prop};
use crate::part::Part;
use crate::report::where_line;
use crate::state::{Selection, State};

/// The programs the user may choose from: all, or those a host page allowed.
fn choosable(s: State) -> Vec<&'static Pack> {
    s.choices(|c| {
        c.packs
            .0
            .iter()
            .filter(|p| c.allowed.as_ref().is_none_or(|a| a.contains(&p.id)))
            .collect()
    })
}

pub fn pick_all(s: State) {
    let all = untrack(|| choosable(s))
        .iter()
        .map(|p| p.id.clone())
        .collect();
    s.change(|c| c.selection = Selection::Picked(all));
}

/// Adds a program to those picked, or takes it out.
pub fn pick(s: State, id: String, picked: bool) {
    let mut ids: Vec<String> = s
        .selected
        .get_untracked()
        .iter()
        .map(|x| x.to_string())
        .collect();
    if picked {
        if !ids.contains(&id) {
            ids.push(id);
        }
    } else {
        ids.retain(|x| *x != id);
    }
    s.change(|c| c.selection = Selection::Picked(ids));
}

pub fn picker(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        let selected = s.selected.get();
        let picks = choosable(s).into_iter().map(|p| {
            let input_id = format!("q-pick-{}", p.id);
            h("li")
                .key(p.id.as_str())
                .c(h("input")
                    .a("type", "checkbox")
                    .a("id", &input_id)
                    .a("value", &p.id)
                    .edit(Edit::Pick(p.id.clone()))
                    .p(Prop::Checked(selected.contains(&p.id.as_str()))))
                .c(h("label")
                    .a("for", input_id)
                    .c(p.name.get(lang))
                    .c(hc("span", "q-meta").c(format!(" · {}", where_line(p, lang)))))
                .c(button("q-button q-button--quiet q-only", u.only_this)
                    .a("aria-label", fill(u.only_this_label, &[p.name.get(lang)]))
                    .edit(Edit::PickOnly(p.id.clone())))
        });
        hc("fieldset", "q-panel q-picker")
            .a("id", "q-picker")
            .c(h("legend").c(u.programs_legend))
            .c(hc("p", "q-hint").c(u.programs_hint))
            .c(hc("div", "q-row q-row--buttons")
                .c(button("q-button q-button--quiet", u.select_all).edit(Edit::PickAll))
                .c(button("q-button q-button--quiet", u.select_none).edit(Edit::PickNone))
                .c(button("q-button q-button--quiet", u.select_suggested)
                    .edit(Edit::PickSuggested)))
            .c(hc("ul", "q-picks").cs(picks))
    })
}
