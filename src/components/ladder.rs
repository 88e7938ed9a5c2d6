//! The ladder for the enterprise's region: municipal, provincial and national rungs in order,
//! the rung it stands on and what the next one takes.

use leptos::prelude::*;
use qualify_engine::explain::gap_phrase;
use qualify_engine::ladder::ladders;
use qualify_engine::profile::CategoryField;
use qualify_engine::Status;

use crate::components::results::outcome_class;
use crate::i18n::{fill, ui};
use crate::state::{use_state, State};

/// What the next rung still takes: its criteria that are not met, in a few words each.
fn next_takes(s: State, id: &str, lang: qualify_engine::Lang) -> Vec<String> {
    s.assessment.with(|a| {
        a.programs
            .iter()
            .find(|p| p.id == id)
            .map(|p| {
                p.criteria
                    .iter()
                    .filter(|c| c.check.status != Status::Met)
                    .map(|c| {
                        let gap = gap_phrase(&c.check)
                            .map(|t| format!(":{}", t.get(lang)))
                            .unwrap_or_else(|| format!("({})", c.check.status.label().get(lang)));
                        format!("{} {}{gap}", c.id, c.label.get(lang))
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[component]
pub fn LadderView() -> impl IntoView {
    let s = use_state();
    let tracks = Memo::new(move |_| {
        let packs = s.packs.get();
        let as_of = s.as_of.get();
        s.assessment.with(|a| {
            s.built
                .with(|b| ladders(packs, &a.programs, &b.profile, as_of))
        })
    });
    let no_region = move || {
        s.built
            .with(|b| b.profile.word(CategoryField::Province).is_none())
    };
    view! {
        <section class="q-panel q-ladder" aria-labelledby="q-ladder-h">
            <h2 id="q-ladder-h">{move || ui(s.lang.get()).ladder_heading}</h2>
            <p class="q-hint">
                {move || {
                    let u = ui(s.lang.get());
                    if no_region() { u.ladder_no_region } else { u.ladder_hint }
                }}
            </p>
            {move || {
                let lang = s.lang.get();
                let u = ui(lang);
                tracks
                    .get()
                    .into_iter()
                    .map(|t| {
                        let next = t.next;
                        let current = t.current;
                        view! {
                            <section class="q-track" data-track=t.id>
                                <h3>{t.label.get(lang).to_string()}</h3>
                                <ol class="q-rungs">
                                    {t
                                        .rungs
                                        .iter()
                                        .map(|r| {
                                            let is_current = current == Some(r.rung) && r.held;
                                            let is_next = next == Some(r.rung);
                                            let class = format!(
                                                "q-rung{}{}{}",
                                                if r.held { " q-rung--held" } else { "" },
                                                if is_current { " q-rung--current" } else { "" },
                                                if is_next { " q-rung--next" } else { "" },
                                            );
                                            let takes = if is_next { next_takes(s, r.program, lang) } else { vec![] };
                                            view! {
                                                <li class=class data-program=r.program aria-current=is_current.then_some("step")>
                                                    <span class="q-rung-no">{fill(u.ladder_rung, &[&r.rung.to_string()])}</span>
                                                    <span class="q-rung-name">{r.name.get(lang).to_string()}</span>
                                                    {r.held.then(|| view! { <span class="q-tag">{u.ladder_held}</span> })}
                                                    {is_current.then(|| view! { <span class="q-tag q-tag--here">{u.ladder_current}</span> })}
                                                    {is_next.then(|| view! { <span class="q-tag q-tag--next">{u.ladder_next}</span> })}
                                                    {r.outcome.map(|o| view! { <span class=outcome_class(o)>{o.label().get(lang).to_string()}</span> })}
                                                    {(!takes.is_empty()).then(|| view! {
                                                        <ul class="q-takes">
                                                            {takes.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}
                                                        </ul>
                                                    })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </section>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}
