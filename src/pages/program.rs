//! A program's page, generated from its pack alone: what it is, who runs it, every version with
//! its dates, each criterion with its threshold, source and confidence.

use leptos::prelude::*;

use crate::browser;
use crate::i18n::tr;
use crate::markup::kept;
use crate::report;
use crate::state::{use_state, Route};

#[component]
pub fn ProgramPage(id: String) -> impl IntoView {
    let s = use_state();
    let card = format!("[data-program=\"{id}\"] summary");
    // Back where the user left: on the program's card, or at the results when it is not shown.
    let back = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        browser::push_query(&[("program", None)]);
        s.route.set(Route::Assess);
        let card = card.clone();
        request_animation_frame(move || {
            if !browser::focus(&card) {
                browser::focus("#q-results");
            }
        });
    };
    let pack = s.pack(&id);
    let body = kept(move || {
        let lang = s.lang.get();
        pack.map(|p| report::program_page(p, s.as_of.get(), lang).into())
            .into_iter()
            .collect()
    });
    let shown_id = id.clone();
    view! {
        <article class="q-panel q-program" data-program-page=shown_id aria-labelledby="q-program-h">
            <p>
                <a class="q-link" href="?" on:click=back>"← "{tr(s.lang, |u| u.back_to_assessment)}</a>
            </p>
            <h2 id="q-program-h" tabindex="-1">
                {move || match pack {
                    Some(pack) => pack.name.get(s.lang.get()).to_string(),
                    None => id.clone(),
                }}
            </h2>
            {pack.is_none().then(|| view! { <p role="alert">{tr(s.lang, |u| u.program_not_found)}</p> })}
            <div node_ref=body></div>
        </article>
    }
}
