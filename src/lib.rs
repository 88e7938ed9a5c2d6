//! Qualify: the client-side web app. Everything a user types is evaluated in the browser by
//! `qualify-engine`; nothing leaves the page.

pub mod browser;
pub mod components;
pub mod details;
pub mod draft;
pub mod embed;
pub mod fields;
pub mod host;
pub mod i18n;
pub mod markup;
pub mod pages;
pub mod report;
pub mod share;
pub mod state;

use leptos::prelude::*;
use qualify_engine::{bundled, parse_date, Lang, Text};

use crate::components::header::{Header, MessageArea};
use crate::components::tools::{load_document, restore_pending, PROFILE_KEY, REMEMBER_KEY};
use crate::embed::EmbedBar;
use crate::host::HostBanner;
use crate::i18n::ui;
use crate::markup::{h, hc, kept, kept_element, Listener, M};
use crate::pages::assess::AssessPage;
use crate::pages::program::ProgramPage;
use crate::state::{leak, Route, Selection, State};
use wasm_bindgen::JsCast;

fn route_from_url() -> Route {
    match browser::query("program") {
        Some(id) if !id.is_empty() => Route::Program(id),
        _ => Route::Assess,
    }
}

/// Limits the app to the programs of `?programs=` that it has packs for.
pub fn restrict_programs(s: State) {
    if let Some(list) = browser::query("programs") {
        let ids: Vec<String> = list
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|id| s.pack(id).is_some())
            .collect();
        if !ids.is_empty() {
            s.change(|c| {
                c.allowed = Some(ids.clone());
                c.selection = Selection::Picked(ids);
            });
        }
    }
}

/// Reads the page URL and local storage into the state: `?programs`, `?program`, then the
/// figures from `#profile=` or, if remembered, from this device.
fn restore(s: State) {
    restrict_programs(s);
    s.change(|c| c.route = route_from_url());
    if browser::storage_get(REMEMBER_KEY).as_deref() == Some("1") {
        s.change(|c| c.remember = true);
        if let Some(text) = browser::storage_get(PROFILE_KEY) {
            let t = |l: Lang| ui(l).import_failed;
            load_document(s, &text, Text::new(t(Lang::Zh), t(Lang::En)));
        }
        restore_pending(s);
    }
    load_fragment(s);
}

/// Loads the figures of a share link (`#profile=`).
fn load_fragment(s: State) {
    match share::profile_in_fragment(&browser::hash()) {
        Some(Ok(text)) => {
            let t = |l: Lang| ui(l).link_error;
            if load_document(s, &text, Text::new(t(Lang::Zh), t(Lang::En))) {
                if s.choices_untracked(|c| c.remember) {
                    // The link's figures are someone else's: remembering them would overwrite
                    // the figures this device keeps.
                    s.change(|c| c.remember = false);
                    let k = |l: Lang| ui(l).link_not_remembered;
                    s.say(false, Text::new(k(Lang::Zh), k(Lang::En)), vec![]);
                }
                // A share link opens with the results in view.
                request_animation_frame(|| browser::scroll_to("q-results"));
            }
        }
        Some(Err(())) => {
            let t = |l: Lang| ui(l).link_error;
            s.say(
                true,
                Text::new(t(Lang::Zh), t(Lang::En)),
                vec![Text::new(
                    ui(Lang::Zh).link_not_base64,
                    ui(Lang::En).link_not_base64,
                )],
            );
        }
        None => {}
    }
}

/// Follows an in-app program link (see `report::NAV_ATTR`) without reloading the page. Links in
/// markup cannot carry their own handlers, so one handler at the root serves them all; a
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
        .and_then(|el| {
            el.closest(&format!("[{}]", report::NAV_ATTR))
                .ok()
                .flatten()
        });
    if let Some(id) = link.and_then(|l| l.get_attribute(report::NAV_ATTR)) {
        ev.prevent_default();
        components::results::open_program(s, &id);
    }
}

/// Runs `f` once the view is built and again whenever a signal it reads changes. The boxed
/// function gives every such effect one type, so the browser build carries the effect machinery
/// once rather than once per closure.
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

/// The whole application. Mounted into `<body>` by `main.rs` and into a test node by the
/// component tests.
#[component]
pub fn App() -> impl IntoView {
    let lang = browser::query("lang")
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default();
    let as_of = browser::query("as_of")
        .and_then(|d| parse_date(&d))
        .unwrap_or_else(browser::today);
    let s = State::new(leak(bundled::lean_packs()), lang, as_of);
    provide_context(s);
    restore(s);
    host::start(s);
    let embedded = embed::embedded();
    let theme = embed::Theme::from_url();
    let root = NodeRef::<leptos::html::Div>::new();
    let events = Listener::new(&["click", "pointerdown", "focusin"], move |ev| {
        match ev.dyn_ref::<web_sys::MouseEvent>() {
            Some(click) if ev.type_() == "click" => follow_program_link(s, click),
            // The page is in use.
            _ => details::want(s),
        }
    });
    effect(Box::new(move || {
        if let Some(el) = root.get() {
            events.attach(&el);
            embed::attach(el.into(), &theme);
        }
    }));
    effect(Box::new(move || {
        let lang = s.lang();
        browser::set_document_language(lang.html_lang(), ui(lang).app_title);
        // The app's element too, for a host page in another language.
        if let Some(el) = root.get() {
            let _ = el.set_attribute("lang", lang.html_lang());
        }
    }));
    let window_events = Listener::new(
        &["popstate", "beforeprint", "afterprint"],
        move |ev| match ev.type_().as_str() {
            "popstate" => s.change(|c| c.route = route_from_url()),
            print => browser::set_all_details_open(print == "beforeprint"),
        },
    );
    if let Some(w) = web_sys::window() {
        window_events.attach(&w);
    }
    // The page is rebuilt only when the route changes, not on every other choice. The program's
    // id rather than the route, as the what-if panel has a memo of that type already and each
    // type of memo brings its own copy of the memo code.
    let page = memo(Box::new(move |_| {
        s.choices(|c| match &c.route {
            Route::Assess => None,
            Route::Program(id) => Some(id.clone()),
        })
    }));
    // A program page has no results to skip to: there the link skips to its heading.
    let skip = kept_element(move || {
        let u = ui(s.lang());
        let (href, text) = if s.choices(|c| c.route == Route::Assess) {
            ("#q-results", u.skip_to_results)
        } else {
            ("#q-program-h", u.skip_to_content)
        };
        hc("a", "q-skip").a("href", href).c(text)
    });
    let footer = kept(move || {
        let u = ui(s.lang());
        let privacy = (!embedded).then(|| h("p").c(u.privacy_note));
        [Some(h("p").c(u.footer_note)), privacy]
            .into_iter()
            .flatten()
            .map(M::from)
            .collect()
    });
    view! {
        <div class=if embedded { "q-app q-app--embed" } else { "q-app" } id="q-top" node_ref=root>
            <a node_ref=skip></a>
            {if embedded { view! { <EmbedBar /> }.into_any() } else { view! { <Header /> }.into_any() }}
            <MessageArea />
            <HostBanner />
            <main class="q-main">
                {move || match page.get() {
                    None => view! { <AssessPage /> }.into_any(),
                    Some(id) => view! { <ProgramPage id /> }.into_any(),
                }}
            </main>
            <footer class="q-footer" node_ref=footer></footer>
        </div>
    }
}
