//! Qualify: the client-side web app. Everything a user types is evaluated in the browser by
//! `qualify-engine`; nothing leaves the page.

pub mod actions;
pub mod app;
pub mod browser;
pub mod components;
pub mod controls;
pub mod details;
pub mod draft;
pub mod edit;
pub mod embed;
pub mod fields;
pub mod host;
pub mod i18n;
pub mod markup;
#[cfg(feature = "plan")]
pub mod markup_wire;
pub mod pages;
pub mod part;
pub mod plan;
#[cfg(feature = "plan")]
pub mod plan_worker;
pub mod regional;
pub mod render;
pub mod report;
pub mod state;

use leptos::prelude::*;

use crate::part::Part;
use crate::state::State;

/// Runs `f` soon, and again whenever a signal it reads changes. The boxed function gives every
/// such effect one type, so the browser build carries the effect machinery once rather than
/// once per closure.
pub(crate) fn effect(f: Box<dyn Fn()>) {
    Effect::new(move |_| f());
}

/// What a memo computes from its previous value.
pub(crate) type Compute<T> = Box<dyn Fn(Option<&T>) -> T + Send + Sync>;

/// A memo: `f` of its previous value, recomputed when a signal it reads changes and passed on
/// only when the value differs. Boxed like `effect`, so memos of one value type share the memo
/// code.
pub(crate) fn memo<T>(f: Compute<T>) -> Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(f)
}

/// Starts the whole application in `parent` (`<body>`, from `main.rs`; a test's own element in
/// the component tests). It lives as long as the page.
pub fn mount(parent: &web_sys::Element) -> State {
    // An error only means that the executor runs already.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let s = owner.with(|| {
        let s = app::state();
        let root = app::root(s);
        // index.html's static shell, painted while the wasm loaded, gives way in the same task,
        // so no frame shows both.
        if let Some(shell) = parent
            .owner_document()
            .and_then(|d| d.get_element_by_id("q-shell"))
        {
            shell.remove();
        }
        let _ = parent.append_child(root.element());
        s
    });
    std::mem::forget(owner);
    s
}

/// Puts parts of the page, made on `s`, into `parent`, with the app's listener there: for the
/// component tests, which try one part at a time.
pub fn mount_parts(parent: &web_sys::Element, s: State, parts: impl FnOnce() -> Vec<Part>) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(|| {
        actions::listener(s).attach(parent);
        for part in parts() {
            let _ = parent.append_child(part.element());
        }
    });
    std::mem::forget(owner);
}
