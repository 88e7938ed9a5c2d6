//! A program's page, generated from its pack alone: what it is, who runs it, every version with
//! its dates, each criterion with its threshold, source and confidence.

use leptos::prelude::*;
use qualify_engine::pack::Origin;

use crate::browser;
use crate::details;
use crate::edit::Edit;
use crate::i18n::ui;
use crate::markup::{h, hc};
use crate::part::Part;
use crate::regional;
use crate::report;
use crate::state::{Details, Route, State};

/// Back where the user left: on the program's card, or at the results when it is not shown.
pub fn back(s: State, ev: &web_sys::Event) {
    ev.prevent_default();
    let Route::Program(id) = s.choices_untracked(|c| c.route.clone()) else {
        return;
    };
    browser::push_query(&[("program", None)]);
    s.change(|c| c.route = Route::Assess);
    let card = format!("[data-program=\"{id}\"] summary");
    request_animation_frame(move || {
        if !browser::focus(&card) {
            browser::focus("#q-results");
        }
    });
}

pub fn page(s: State, id: String) -> Part {
    // The page shows the pack's details.
    details::want(s);
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        // Looked up on every change: the whole pack, or a host site's, can replace it.
        let pack = s.choices(|c| c.packs).0.iter().find(|p| p.id == id);
        let name = pack.map_or(id.as_str(), |p| p.name.get(lang));
        let state = pack.filter(|p| p.origin == Origin::Bundled).map(|p| {
            let state: Vec<String> = if p.is_heading() {
                // A regional pack not in yet (regional.rs): on its way, or why not.
                regional::state_lines(s.pack_failure(&id).as_ref(), lang)
            } else if qualify_engine::bundled::regional_file(&p.id).is_some() {
                // A regional pack comes whole, details and all.
                Vec::new()
            } else {
                match s.choices(|c| c.details) {
                    Details::NotAsked | Details::Loading => vec![u.details_loading.into()],
                    Details::Failed => vec![u.details_failed.into()],
                    Details::Loaded => Vec::new(),
                }
            };
            hc("p", "q-hint")
                .a("role", "status")
                .a("id", "q-details-state")
                .c_opt((!state.is_empty()).then(|| state.join(" ")))
        });
        let body = pack
            .filter(|p| !p.is_heading())
            .map(|p| report::program_page(p, s.as_of(), lang));
        hc("article", "q-panel q-program")
            .a("data-program-page", id.as_str())
            .a("aria-labelledby", "q-program-h")
            .c(h("p").c(hc("a", "q-link")
                .a("href", "?")
                .edit(Edit::Back)
                .c(format!("← {}", u.back_to_assessment))))
            .c(h("h2").a("id", "q-program-h").a("tabindex", "-1").c(name))
            .c_opt(
                pack.is_none()
                    .then(|| h("p").a("role", "alert").c(u.program_not_found)),
            )
            .c_opt(state)
            .c_opt(crate::components::plan::program_plan(s, &id))
            .c(h("div").c_opt(body))
    })
}
