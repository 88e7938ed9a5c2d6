//! Choosing the programs to assess: suggested for the region, or picked one by one.

use leptos::prelude::*;

use crate::i18n::tr;
use crate::report::where_line;
use crate::state::{use_state, Selection};

#[component]
pub fn ProgramPicker() -> impl IntoView {
    let s = use_state();
    let choosable = move || {
        let allowed = s.allowed.get();
        s.packs
            .get()
            .iter()
            .filter(|p| allowed.as_ref().is_none_or(|a| a.contains(&p.id)))
            .collect::<Vec<_>>()
    };
    let toggle = move |id: &'static str, on: bool| {
        let mut ids: Vec<String> = s
            .selected
            .get_untracked()
            .iter()
            .map(|x| x.to_string())
            .collect();
        if on {
            if !ids.iter().any(|x| x == id) {
                ids.push(id.to_string());
            }
        } else {
            ids.retain(|x| x != id);
        }
        s.selection.set(Selection::Picked(ids));
    };
    view! {
        <fieldset class="q-panel q-picker" id="q-picker">
            <legend>{tr(s.lang, |u| u.programs_legend)}</legend>
            <p class="q-hint">{tr(s.lang, |u| u.programs_hint)}</p>
            <div class="q-row q-row--buttons">
                <button type="button" class="q-button q-button--quiet"
                    on:click=move |_| s.selection.set(Selection::Picked(choosable().iter().map(|p| p.id.clone()).collect()))>
                    {tr(s.lang, |u| u.select_all)}
                </button>
                <button type="button" class="q-button q-button--quiet" on:click=move |_| s.selection.set(Selection::Suggested)>
                    {tr(s.lang, |u| u.select_suggested)}
                </button>
            </div>
            <ul class="q-picks">
                {move || {
                    let lang = s.lang.get();
                    choosable()
                        .into_iter()
                        .map(|p| {
                            let id: &'static str = p.id.as_str();
                            let input_id = format!("q-pick-{id}");
                            view! {
                                <li>
                                    <input type="checkbox" id=input_id.clone() value=id
                                        prop:checked=move || s.selected.with(|sel| sel.contains(&id))
                                        on:change=move |ev| toggle(id, event_target_checked(&ev)) />
                                    <label for=input_id>
                                        {p.name.get(lang).to_string()}
                                        <span class="q-meta">" · "{where_line(p, lang)}</span>
                                    </label>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </fieldset>
    }
}
