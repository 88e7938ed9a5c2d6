//! A program's page, generated from its pack alone: what it is, who runs it, every version with
//! its dates, each criterion with its threshold, source and confidence.

use leptos::prelude::*;
use qualify_engine::describe::describe;
use qualify_engine::pack::{Pack, Version};
use qualify_engine::Lang;

use crate::browser;
use crate::components::results::where_line;
use crate::i18n::ui;
use crate::state::{use_state, Route};

fn version_view(
    pack: &'static Pack,
    v: &'static Version,
    in_force: bool,
    lang: Lang,
) -> impl IntoView {
    let u = ui(lang);
    let dates = match v.effective_until {
        Some(until) => format!("{} {} {} {until}", u.effective, v.effective_from, u.until),
        None => format!("{} {}", u.effective, v.effective_from),
    };
    let body = view! {
        {v.notices.iter().map(|n| view! { <p class="q-notice" role="note">{n.get(lang).to_string()}</p> }).collect_view()}
        {v.basis.as_ref().map(|b| view! { <p class="q-hint"><strong>{u.basis}":"</strong>" "{b.get(lang).to_string()}</p> })}
        <ol class="q-rules">
            {v.criteria
                .iter()
                .map(|c| {
                    let cite = c.cite.clone();
                    let links: Vec<(String, String)> = c
                        .source
                        .iter()
                        .filter_map(|r| pack.source(&r.doc))
                        .filter_map(|d| d.url.clone().map(|url| (d.title.get(lang).to_string(), url)))
                        .collect();
                    view! {
                        <li class="q-rule" data-criterion=c.id.clone()>
                            <h4><span class="q-crit-id">{c.id.clone()}</span>" "{c.label.get(lang).to_string()}</h4>
                            <ul class="q-rule-lines">
                                {describe(&c.rule)
                                    .into_iter()
                                    .map(|l| view! { <li style=format!("margin-inline-start:{}em", l.depth)>{l.text.get(lang).to_string()}</li> })
                                    .collect_view()}
                            </ul>
                            {c.note.as_ref().map(|n| view! { <p class="q-note">{n.get(lang).to_string()}</p> })}
                            <p class="q-src">
                                {u.source}":"{cite}
                                {links.into_iter().map(|(t, url)| view! { " "<a href=url rel="noopener noreferrer" target="_blank">{t}</a> }).collect_view()}
                                " · "{u.confidence}":"<span class="q-conf">{c.confidence.clone()}</span>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    };
    let title = format!("{} {}({dates})", u.version, v.id);
    view! {
        <section class="q-version-block" data-version=v.id.clone()>
            <details open=in_force>
                <summary>
                    <h3 class="q-inline-h">{title}</h3>
                    {in_force.then(|| view! { " "<span class="q-tag q-tag--here">{u.version_in_force}</span> })}
                </summary>
                {body}
            </details>
        </section>
    }
}

#[component]
pub fn ProgramPage(id: String) -> impl IntoView {
    let s = use_state();
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        browser::push_query(&[("program", None)]);
        s.route.set(Route::Assess);
    };
    move || {
        let lang = s.lang.get();
        let u = ui(lang);
        let back_link = view! { <p><a class="q-link" href="?" on:click=back>"← "{u.back_to_assessment}</a></p> };
        let Some(pack) = s.pack(&id) else {
            return view! { {back_link}<p role="alert">{u.program_not_found}</p> }.into_any();
        };
        let as_of = s.as_of.get();
        view! {
            <article class="q-panel q-program" data-program=pack.id.clone() aria-labelledby="q-program-h">
                {back_link}
                <h2 id="q-program-h">{pack.name.get(lang).to_string()}</h2>
                <p class="q-meta">{where_line(pack, lang)}" · "{u.issuer}":"{pack.issuer.get(lang).to_string()}</p>
                {pack.summary.as_ref().map(|t| view! { <p>{t.get(lang).to_string()}</p> })}
                {(!pack.notices.is_empty()).then(|| view! {
                    <section aria-label=u.notices>
                        {pack.notices.iter().map(|n| view! { <p class="q-notice" role="note">{n.get(lang).to_string()}</p> }).collect_view()}
                    </section>
                })}
                <h3>{u.versions}</h3>
                {pack.versions.iter().rev().map(|v| version_view(pack, v, v.in_force(as_of), lang)).collect_view()}
                {(!pack.info.is_empty()).then(|| view! {
                    <section>
                        <h3>{u.information}</h3>
                        {pack.info.iter().map(|i| view! {
                            <h4>{i.title.get(lang).to_string()}</h4>
                            <ul>{i.items.iter().map(|t| view! { <li>{t.get(lang).to_string()}</li> }).collect_view()}</ul>
                        }).collect_view()}
                    </section>
                })}
                <h3>{u.sources}</h3>
                <ul class="q-sources">
                    {pack.sources.iter().map(|d| {
                        let title = d.title.get(lang).to_string();
                        let head = match &d.number {
                            Some(n) => format!("{n} {title}"),
                            None => title,
                        };
                        view! {
                            <li>
                                {match d.url.clone() {
                                    Some(url) => view! { <a href=url rel="noopener noreferrer" target="_blank">{head}</a> }.into_any(),
                                    None => view! { <cite>{head}</cite> }.into_any(),
                                }}
                                {d.date.map(|dt| format!(" ({dt})"))}
                                {d.note.as_ref().map(|n| view! { <span class="q-hint">" — "{n.get(lang).to_string()}</span> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </article>
        }
        .into_any()
    }
}
