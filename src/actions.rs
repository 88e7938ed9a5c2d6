//! What the app does when the user acts: one listener on the app's root for every event its
//! controls report, and one match over every `Edit`. The parts of the page only name what their
//! controls do; the state changes here, or in the part's own functions this calls.

use wasm_bindgen::JsCast;

use crate::components::{form, header, picker, results, tools, whatif};
use crate::edit::{edited, Edit};
use crate::pages::program;
use crate::part::Listener;
use crate::report::NAV_ATTR;
use crate::state::{Selection, State};
use crate::{browser, details};

/// The events the app listens for: its controls' edits, the submission a form would otherwise
/// make when Enter is pressed in a field, program links, and the first signs that the page is
/// in use (see `details.rs`).
const EVENTS: &[&str] = &[
    "input",
    "change",
    "click",
    "submit",
    "focusin",
    "pointerdown",
];

/// The app's one listener, to attach to its root.
pub fn listener(s: State) -> Listener {
    Listener::new(EVENTS, move |ev| on_event(s, ev))
}

fn on_event(s: State, ev: &web_sys::Event) {
    match ev.type_().as_str() {
        "pointerdown" => return details::want(s),
        "focusin" => {
            details::want(s);
            return tools::select_link(ev);
        }
        "click" => {
            if let Some(click) = ev.dyn_ref::<web_sys::MouseEvent>() {
                follow_program_link(s, click);
            }
        }
        _ => {}
    }
    match edited(ev) {
        Some(edit) => run(s, edit, ev),
        // The figures go nowhere.
        None if ev.type_() == "submit" => ev.prevent_default(),
        None => {}
    }
}

/// Does what a control names.
pub fn run(s: State, edit: Edit, ev: &web_sys::Event) {
    let value = || leptos::prelude::event_target_value(ev);
    let checked = || leptos::prelude::event_target_checked(ev);
    match edit {
        Edit::Text(path) => State::edit(s.draft, |d| d.set_text(&path, value())),
        Edit::WhatIfText(path) => State::edit(s.whatif_draft, |d| d.set_text(&path, value())),
        Edit::Cert(part, id) => State::edit(s.draft, |d| d.set_cert(id, part, value())),
        Edit::RemoveCert(id) => form::remove_cert(s, id),
        Edit::AddCert => form::add_cert(s),
        Edit::HoldsNone => State::edit(s.draft, |d| d.set_holds_none(checked())),
        Edit::Answer(answer, key) => State::edit(s.draft, |d| d.answer(&key, answer)),
        Edit::WhatIfAnswer(answer, key) => State::edit(s.whatif_draft, |d| d.answer(&key, answer)),
        Edit::ShowAllFields => {
            let all = checked();
            s.change(|c| c.show_all_fields = all);
        }
        Edit::Lang(l) => header::switch_lang(s, l),
        Edit::AsOf => header::type_as_of(s, value()),
        Edit::DismissMessage => s.change(|c| c.message = None),
        Edit::PickAll => picker::pick_all(s),
        Edit::PickNone => s.change(|c| c.selection = Selection::Picked(Vec::new())),
        Edit::PickOnly(id) => s.change(|c| c.selection = Selection::Picked(vec![id])),
        Edit::PickSuggested => s.change(|c| c.selection = Selection::Suggested),
        Edit::Pick(id) => picker::pick(s, id, checked()),
        Edit::Sort => results::set_sort(s, value() == "closeness"),
        Edit::WhatIfProgram => whatif::choose(s, value()),
        Edit::WhatIfStart => whatif::start(s),
        Edit::WhatIfTake => whatif::take(s),
        Edit::WhatIfReset => whatif::reset(s),
        Edit::WhatIfClose => whatif::close(s),
        Edit::Remember => tools::remember(s, checked()),
        Edit::Forget => tools::forget(s),
        Edit::Export => tools::export(s),
        Edit::Import => {
            if let Some(input) = ev.target().and_then(|t| t.dyn_into().ok()) {
                tools::import(s, input);
            }
        }
        Edit::Share => tools::share(s),
        Edit::CopyLink => tools::copy_link(s),
        // The report shows the packs' details, which may still be on their way.
        Edit::Print => details::then(s, browser::print),
        Edit::Calendar => crate::components::plan::calendar(s),
        Edit::Clear => tools::clear(s),
        Edit::UndoClear => tools::undo_clear(s),
        Edit::Back => program::back(s, ev),
    }
}

/// Follows an in-app program link (see `report::NAV_ATTR`) without reloading the page; a
/// modified click still opens a new tab as usual.
fn follow_program_link(s: State, ev: &web_sys::MouseEvent) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.ctrl_key()
        || ev.meta_key()
        || ev.shift_key()
    {
        return;
    }
    let link = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(&format!("[{NAV_ATTR}]")).ok().flatten());
    if let Some(id) = link.and_then(|l| l.get_attribute(NAV_ATTR)) {
        ev.prevent_default();
        results::open_program(s, &id);
    }
}
