//! Choosing the programs to assess: suggested for the region, or picked one by one.

use leptos::prelude::*;

use crate::components::form::{button, edited, EDIT};
use crate::i18n::ui;
use crate::markup::{h, hc, kept};
use crate::report::where_line;
use crate::state::{use_state, Selection};

#[component]
pub fn ProgramPicker() -> impl IntoView {
    let s = use_state();
    let choosable = move || {
        s.choices(|c| {
            c.packs
                .iter()
                .filter(|p| c.allowed.as_ref().is_none_or(|a| a.contains(&p.id)))
                .collect::<Vec<_>>()
        })
    };
    let on = move |ev: &web_sys::Event| {
        let Some((verb, id)) = edited(ev) else {
            return;
        };
        match verb.as_str() {
            "all" => {
                let all = choosable().iter().map(|p| p.id.clone()).collect();
                s.change(|c| c.selection = Selection::Picked(all));
            }
            "suggested" => s.change(|c| c.selection = Selection::Suggested),
            _ => {
                let mut ids: Vec<String> = s
                    .selected
                    .get_untracked()
                    .iter()
                    .map(|x| x.to_string())
                    .collect();
                if event_target_checked(ev) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                } else {
                    ids.retain(|x| *x != id);
                }
                s.change(|c| c.selection = Selection::Picked(ids));
            }
        }
    };
    let picker = kept(move || {
        let lang = s.lang();
        let u = ui(lang);
        let selected = s.selected.get();
        let picks = choosable().into_iter().map(|p| {
            let input_id = format!("q-pick-{}", p.id);
            h("li")
                .c(h("input")
                    .a("type", "checkbox")
                    .a("id", &input_id)
                    .a("value", &p.id)
                    .a(EDIT, format!("pick:{}", p.id))
                    .a(".checked", selected.contains(&p.id.as_str()).to_string()))
                .c(h("label")
                    .a("for", input_id)
                    .c(p.name.get(lang))
                    .c(hc("span", "q-meta").c(format!(" · {}", where_line(p, lang)))))
        });
        vec![
            h("legend").c(u.programs_legend).into(),
            hc("p", "q-hint").c(u.programs_hint).into(),
            hc("div", "q-row q-row--buttons")
                .c(button("q-button q-button--quiet", u.select_all).a(EDIT, "all"))
                .c(button("q-button q-button--quiet", u.select_suggested).a(EDIT, "suggested"))
                .into(),
            hc("ul", "q-picks").cs(picks).into(),
        ]
    })
    .on(&["change", "click"], on);
    view! {
        <fieldset class="q-panel q-picker" id="q-picker" node_ref=picker></fieldset>
    }
}
