//! The app's shell: the state as the page's address and this device's storage say, the root
//! element with every part of the page in it, and the page in use.

use leptos::prelude::*;
use qualify_engine::{bundled, link, parse_date, text, Lang, Text};
use wasm_bindgen::JsCast;

use crate::components::header::{header, messages};
use crate::components::tools::{load_document, restore_pending, PROFILE_KEY, REMEMBER_KEY};
use crate::i18n::{fill, ui};
use crate::markup::{h, hc};
use crate::part::{Listener, Part};
use crate::state::{leak, Near, Route, State};
use crate::{actions, browser, effect, embed, host, memo, pages, regional};

fn route_from_url() -> Route {
    match browser::query("program") {
        Some(id) if !id.is_empty() => Route::Program(id),
        _ => Route::Assess,
    }
}

/// Reads the page URL and local storage into the state: `?programs`, `?program`, then the
/// figures from `#profile=` or, if remembered, from this device.
fn restore(s: State) {
    if let Some(list) = browser::query("programs") {
        s.allow(&list);
    }
    s.change(|c| c.route = route_from_url());
    if browser::storage_get(REMEMBER_KEY).as_deref() == Some("1") {
        s.change(|c| c.remember = true);
        if let Some(text) = browser::storage_get(PROFILE_KEY) {
            let t = |l: Lang| ui(l).import_failed;
            load_document(s, &text, Text::new(t(Lang::Zh), t(Lang::En)), Near::Page);
        }
        restore_pending(s);
    }
    load_fragment(s);
}

/// Loads the figures of a share link (`#profile=`).
fn load_fragment(s: State) {
    match link::profile_in_fragment(&browser::hash()) {
        Some(Ok(text)) => {
            let t = |l: Lang| ui(l).link_error;
            if load_document(s, &text, Text::new(t(Lang::Zh), t(Lang::En)), Near::Page) {
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

/// The state as the page's address and this device's storage say.
pub fn state() -> State {
    let lang = browser::query("lang")
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_else(|| text::preferred_lang(browser::languages().iter().map(String::as_str)));
    let asked = browser::query("as_of");
    let as_of = asked
        .as_deref()
        .and_then(parse_date)
        .unwrap_or_else(browser::today);
    let s = State::new(leak(bundled::lean_packs()), lang, as_of);
    restore(s);
    if let Some(asked) = asked.filter(|d| parse_date(d).is_none()) {
        // As `qualify assess --as-of` refuses it: the page cannot refuse to open, so it says
        // which date it uses instead.
        let t = |l: Lang| fill(ui(l).as_of_link_invalid, &[&asked, &as_of.to_string()]);
        s.say(true, Text::new(t(Lang::Zh), t(Lang::En)), vec![]);
    }
    host::start(s);
    regional::start(s);
    crate::plan::keep(s);
    s
}

/// The app's root, with every part of the page in it.
pub fn root(s: State) -> Part {
    let embedded = embed::embedded();
    // A program page has no results to skip to: there the link skips to its heading.
    let skip = Part::new(move || {
        let u = ui(s.lang());
        let (href, text) = if s.choices(|c| c.route == Route::Assess) {
            ("#q-results", u.skip_to_results)
        } else {
            ("#q-program-h", u.skip_to_content)
        };
        hc("a", "q-skip").a("href", href).c(text)
    });
    let footer = Part::new(move || {
        let u = ui(s.lang());
        let privacy = (!embedded).then(|| h("p").c(u.privacy_note));
        hc("footer", "q-footer")
            .c(h("p").c(u.footer_note))
            .c_opt(privacy)
    });
    let top = if embedded { embed::bar(s) } else { header(s) };
    let root = Part::holding(
        hc(
            "div",
            if embedded {
                "q-app q-app--embed"
            } else {
                "q-app"
            },
        )
        .a("id", "q-top"),
        [
            skip,
            top,
            messages(s),
            host::banner(s),
            page_in_use(s),
            footer,
        ],
    );
    let el = root.element().clone();
    actions::listener(s).attach(&el);
    embed::attach(el.clone().unchecked_into(), &embed::Theme::from_url());
    effect(Box::new(move || {
        let lang = s.lang();
        browser::set_document_language(lang.html_lang(), ui(lang).app_title);
        // The app's element too, for a host page in another language.
        let _ = el.set_attribute("lang", lang.html_lang());
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
    root
}

/// The page in use, in `<main>`: built anew only when the route changes, not on every other
/// choice. Each page lives in an owner of its own, cleaned up when the page goes, so its parts
/// stop following the state.
fn page_in_use(s: State) -> Part {
    // The program's id rather than the route, as the what-if panel has a memo of that type
    // already and each type of memo brings its own copy of the memo code.
    let page = memo(Box::new(move |_| {
        s.choices(|c| match &c.route {
            Route::Assess => None,
            Route::Program(id) => Some(id.clone()),
        })
    }));
    let main = Part::holding(hc("main", "q-main"), []);
    let el = main.element().clone();
    let owner = Owner::current().expect("parts are made inside the app's owner");
    let shown: StoredValue<Option<(Option<String>, Owner)>, LocalStorage> =
        StoredValue::new_local(None);
    let show = move |id: Option<String>| {
        if shown.with_value(|p| p.as_ref().is_some_and(|(now, _)| *now == id)) {
            return;
        }
        if let Some((_, gone)) = shown.try_update_value(Option::take).flatten() {
            gone.cleanup();
        }
        let page_owner = owner.child();
        let part = page_owner.with(|| match &id {
            None => pages::assess::page(s),
            Some(id) => pages::program::page(s, id.clone()),
        });
        el.replace_children_with_node_1(part.element());
        shown.set_value(Some((id, page_owner)));
    };
    show(page.get_untracked());
    effect(Box::new(move || {
        let id = page.get();
        untrack(|| show(id));
    }));
    main
}
