//! A program's page, generated from its pack alone: what it is, who runs it, every version with
//! its dates, each criterion with its threshold, source and confidence.

use leptos::prelude::*;
use qualify_engine::pack::Origin;

use crate::browser;
use crate::components::form::{edited, EDIT};
use crate::details::{self, Details};
use crate::i18n::ui;
use crate::markup::{h, hc, kept, M};
use crate::report;
use crate::state::{use_state, Route};

#[component]
pub fn ProgramPage(id: String) -> impl IntoView {
    let s = use_state();
    let shown_id = id.clone();
    let card = format!("[data-program=\"{id}\"] summary");
    // Back where the user left: on the program's card, or at the results when it is not shown.
    let back = move |ev: &web_sys::Event| {
        if edited(ev).is_none_or(|(verb, _)| verb != "back") {
            return;
        }
        ev.prevent_default();
        browser::push_query(&[("program", None)]);
        s.change(|c| c.route = Route::Assess);
        let card = card.clone();
        request_animation_frame(move || {
            if !browser::focus(&card) {
                browser::focus("#q-results");
            }
        });
    };
    // The page shows the pack's details.
    details::want(s);
    let page = kept(move || {
        let lang = s.lang();
        let u = ui(lang);
        // Looked up on every change: the whole pack, or a host site's, can replace it.
        let pack = s.choices(|c| c.packs).iter().find(|p| p.id == id);
        let name = pack.map_or(id.as_str(), |p| p.name.get(lang));
        let mut out: Vec<M> = vec![
            h("p")
                .c(hc("a", "q-link")
                    .a("href", "?")
                    .a(EDIT, "back")
                    .c(format!("← {}", u.back_to_assessment)))
                .into(),
            h("h2")
                .a("id", "q-program-h")
                .a("tabindex", "-1")
                .c(name)
                .into(),
        ];
        if pack.is_none() {
            out.push(h("p").a("role", "alert").c(u.program_not_found).into());
        }
        if pack.is_some_and(|p| p.origin == Origin::Bundled) {
            let state = match s.choices(|c| c.details) {
                Details::NotAsked | Details::Loading => Some(u.details_loading),
                Details::Failed => Some(u.details_failed),
                Details::Loaded => None,
            };
            out.push(
                hc("p", "q-hint")
                    .a("role", "status")
                    .a("id", "q-details-state")
                    .c_opt(state)
                    .into(),
            );
        }
        let body = pack.map(|p| report::program_page(p, s.as_of(), lang));
        out.push(h("div").c_opt(body).into());
        out
    })
    .on(&["click"], back);
    view! {
        <article class="q-panel q-program" data-program-page=shown_id aria-labelledby="q-program-h"
            node_ref=page></article>
    }
}
