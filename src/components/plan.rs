//! The plan beside the results: the worker's markup for each program shown (`plan.rs`), the
//! certifications' ends, and "add to calendar". Until the worker answers it says so; if it
//! cannot, the page goes on without it.

use leptos::prelude::*;

use crate::controls::button;
use crate::edit::Edit;
use crate::i18n::ui;
use crate::markup::{h, hc, El, Prop};
use crate::part::Part;
use crate::state::{PlanView, State};

pub fn plan(s: State) -> Part {
    Part::new(move || {
        let (lang, view) = s.choices(|c| (c.lang, c.plan.clone()));
        let selected = s.selected.get();
        let u = ui(lang);
        let mut el = hc("section", "q-panel q-plan")
            .a("id", "q-plan")
            .a("aria-labelledby", "q-plan-h")
            .c(h("h2").a("id", "q-plan-h").c(u.plan_heading))
            .c(hc("p", "q-hint").c(u.plan_hint));
        match view {
            PlanView::NotAsked | PlanView::Loading => {
                el = el
                    .a("aria-busy", "true")
                    .c(hc("p", "q-hint").a("role", "status").c(u.plan_loading));
            }
            PlanView::Failed => el = el.c(hc("p", "q-error").a("role", "status").c(u.plan_failed)),
            PlanView::Ready(p) => {
                let mut html: String = (selected.iter())
                    .filter_map(|id| p.programs.iter().find(|(pid, _)| pid == id))
                    .map(|(_, h)| h.as_str())
                    .collect();
                html.push_str(p.certifications.as_deref().unwrap_or_default());
                if selected.is_empty() {
                    el = el.c(hc("p", "q-hint").c(u.plan_none));
                } else {
                    el = el.c(button("q-button", u.plan_calendar)
                        .a("id", "q-plan-calendar")
                        .edit(Edit::Calendar));
                }
                el = el.c(hc("div", "q-plan-list").p(Prop::Html(html)));
            }
        }
        el
    })
}

/// One program's plan, for its page; `None` until the worker has answered for it.
pub fn program_plan(s: State, id: &str) -> Option<El> {
    let PlanView::Ready(p) = s.choices(|c| c.plan.clone()) else {
        return None;
    };
    let html = p.programs.iter().find(|(pid, _)| pid == id)?.1.clone();
    let lang = s.choices(|c| c.lang);
    Some(
        hc("section", "q-plan q-plan--program")
            .a("aria-labelledby", "q-plan-h")
            .c(h("h2").a("id", "q-plan-h").c(ui(lang).plan_heading))
            .c(h("div").p(Prop::Html(html))),
    )
}

/// "Add to calendar": the calendar the worker made with the plan, downloaded from the page.
/// Kept out of the one listener's body, where LLVM would otherwise inline a copy of the
/// download with it (+11 KB of wasm, measured).
#[inline(never)]
pub fn calendar(s: State) {
    if let PlanView::Ready(p) = s.choices_untracked(|c| c.plan.clone()) {
        crate::browser::download("qualify-plan.ics", &p.ics, "text/calendar");
    }
}
