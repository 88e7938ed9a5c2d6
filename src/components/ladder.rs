//! The ladder for the enterprise's region: municipal, provincial and national rungs in order,
//! the rung it stands on and what the next one takes.

use leptos::prelude::*;
use qualify_engine::ladder::ladders;
use qualify_engine::profile::CategoryField;

use crate::i18n::ui;
use crate::markup::{h, hc};
use crate::part::Part;
use crate::report;
use crate::state::{PlanView, State};

pub fn ladder(s: State) -> Part {
    Part::new(move || {
        let (packs, as_of, lang) = s.choices(|c| (c.packs, c.as_of, c.lang));
        let allowed = s.choices(|c| c.allowed.clone());
        let reach = match s.choices(|c| c.plan.clone()) {
            PlanView::Ready(p) => p.reach.clone(),
            _ => Vec::new(),
        };
        let u = ui(lang);
        s.assessment.with(|a| {
            s.built.with(|b| {
                let no_region = b.profile.word(CategoryField::Province).is_none();
                let tracks = ladders(&packs, &a.programs, &b.profile, as_of);
                hc("section", "q-panel q-ladder")
                    .a("aria-labelledby", "q-ladder-h")
                    .c(h("h2").a("id", "q-ladder-h").c(u.ladder_heading))
                    .c(hc("p", "q-hint").c(if no_region {
                        u.ladder_no_region
                    } else {
                        u.ladder_hint
                    }))
                    .c(h("div").cs(report::ladders(
                        &tracks,
                        &a.programs,
                        allowed.as_deref(),
                        &reach,
                        lang,
                    )))
            })
        })
    })
}
