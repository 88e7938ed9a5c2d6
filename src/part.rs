//! The parts of the page. A part is one element that the renderer (`render.rs`) keeps equal to
//! the markup a function returns: built at once, so a page is whole as soon as it is made, then
//! patched by an effect whenever a signal the function read changes. Rebuilding whole cards on
//! every keystroke made the page take ~50 ms to follow an input; and patching leaves what the
//! user changed in place, like a `<details>` they opened or what they are typing.
//!
//! Parts live in the reactive owner that was current when they were made: when it is cleaned up
//! (the page changes), their effects stop and their listeners stop listening.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::markup::{El, M};
use crate::render::{self, Shown};

/// An element of the page, kept by the renderer or holding parts that are.
#[derive(Clone)]
pub struct Part(web_sys::Element);

impl Part {
    /// An element that shows `content` from now on: its tag is that of the first markup, its
    /// attributes and children always those of the latest.
    pub fn new(content: impl Fn() -> El + 'static) -> Part {
        // Untracked: the part follows its signals through the effect below, not through
        // whatever is being built around it.
        let first = untrack(&content);
        let shown = render::build(&M::E(Box::new(first.clone())));
        let el: web_sys::Element = shown.node().clone().unchecked_into();
        let state: StoredValue<(El, Shown), LocalStorage> = StoredValue::new_local((first, shown));
        crate::effect(Box::new(move || {
            let new = content();
            state.update_value(|(old, shown)| {
                render::patch(shown, old, &new);
                *old = new;
            });
        }));
        Part(el)
    }

    /// An element of `shell`'s tag and attributes that holds `parts`; its children are
    /// not markup, so it is never patched.
    pub fn holding(shell: El, parts: impl IntoIterator<Item = Part>) -> Part {
        let el: web_sys::Element = render::build(&M::E(Box::new(shell)))
            .node()
            .clone()
            .unchecked_into();
        for part in parts {
            let _ = el.append_child(&part.0);
        }
        Part(el)
    }

    pub fn element(&self) -> &web_sys::Element {
        &self.0
    }
}

/// One handler for the events of some types on an element and inside it: the app listens for
/// what its controls do once, at its root (`actions.rs`), rather than with a handler per control,
/// each of its own type and so with its own copy of the event code in the browser build. It
/// lives as long as the reactive owner that made it.
#[derive(Clone, Copy)]
pub struct Listener(StoredValue<Option<Handler>, LocalStorage>);

struct Handler {
    events: &'static [&'static str],
    run: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>,
    /// What it listens on, once attached.
    on: Option<web_sys::EventTarget>,
}

impl Listener {
    /// Calls `handler` with each event of the types `events` on the element it is attached to
    /// or inside it.
    pub fn new(
        events: &'static [&'static str],
        handler: impl Fn(&web_sys::Event) + 'static,
    ) -> Listener {
        let run: Box<dyn Fn(web_sys::Event)> = Box::new(move |ev| handler(&ev));
        Listener(StoredValue::new_local(Some(Handler {
            events,
            run: wasm_bindgen::closure::Closure::wrap(run),
            on: None,
        })))
    }

    /// Listens on `el` instead of where it listened before, unless it listens there already.
    pub fn attach(self, el: &web_sys::EventTarget) {
        self.0.update_value(|handler| {
            if let Some(h) = handler.as_mut().filter(|h| h.on.as_ref() != Some(el)) {
                h.detach();
                for event in h.events {
                    let _ =
                        el.add_event_listener_with_callback(event, h.run.as_ref().unchecked_ref());
                }
                h.on = Some(el.clone());
            }
        });
    }
}

impl Handler {
    fn detach(&mut self) {
        if let Some(on) = self.on.take() {
            for event in self.events {
                let _ = on
                    .remove_event_listener_with_callback(event, self.run.as_ref().unchecked_ref());
            }
        }
    }
}

/// The handler goes with the owner that made it, while what it listens on (the window, say) may
/// stay: an event there must not call a closure that is gone.
impl Drop for Handler {
    fn drop(&mut self) {
        self.detach();
    }
}
