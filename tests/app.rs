//! Component tests: mount the real components into a headless Chromium page
//! (`cargo xtask test` runs them through wasm-bindgen-test-runner and chromedriver).
//!
//! One test binary for all of them: each binary is a whole app build and a browser start.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use qualify_app::components::form::form;
use qualify_app::markup::{h, hc, El, M};
use qualify_app::part::Part;
use qualify_app::state::{leak, State};
use qualify_app::{browser, mount, mount_parts};
use qualify_engine::profile::YearField;
use qualify_engine::{bundled, parse_date, Lang, Num};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

// The renderer's random-tree test, in this binary too: each binary is a build and a browser.
#[path = "app/patch.rs"]
mod patch;

/// A fresh `<div>` at the end of the body.
fn new_root() -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts the app into a fresh `<div>` and returns that div.
fn mount_app() -> HtmlElement {
    let root = new_root();
    mount(&root);
    root
}

/// Mounts the profile form on a state of its own, assessed on 2025-06-30 (years 2022-2024).
fn mount_form(lang: Lang) -> (HtmlElement, State) {
    let root = new_root();
    let s = State::new(
        leak(bundled::packs()),
        lang,
        parse_date("2025-06-30").unwrap(),
    );
    mount_parts(&root, s, move || vec![form(s)]);
    (root, s)
}

/// Waits until the effects an event set off have run (they run as microtasks).
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback(&resolve)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn find<T: JsCast>(root: &HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into()
}

fn text(root: &HtmlElement, selector: &str) -> String {
    find::<HtmlElement>(root, selector)
        .text_content()
        .unwrap_or_default()
}

/// Sends an event that bubbles, as the browser's own do (the app's handlers are delegated).
fn fire(target: &web_sys::EventTarget, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Types `value` into an input the way the browser reports typing: an `input` event.
fn type_into(input: &HtmlInputElement, value: &str) {
    input.set_value(value);
    fire(input, "input");
}

/// Keeps a fresh `<div>`'s one child equal to `content`, for the rest of the test run.
fn keep(content: impl Fn() -> El + 'static) -> HtmlElement {
    let root = new_root();
    let owner = Owner::new();
    let part = owner.with(|| Part::new(content));
    root.append_child(part.element()).unwrap();
    std::mem::forget(owner);
    root
}

fn revenue_2024(s: State) -> Option<Num> {
    s.built
        .with_untracked(|b| b.profile.year(2024, YearField::Revenue))
}

#[wasm_bindgen_test]
fn app_opens_in_chinese() {
    let root = mount_app();
    assert_eq!(text(&root, "h1"), "Qualify 资质自评");
}

#[wasm_bindgen_test]
async fn the_language_switch_changes_every_label() {
    let root = mount_app();
    let english: HtmlElement = find(&root, ".q-langs button:nth-child(2)");
    english.click();
    settle().await;
    assert_eq!(text(&root, "h1"), "Qualify self-assessment");
    assert_eq!(
        english.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(text(&root, "label[for='q-as-of']"), "Assessment date");
    assert_eq!(text(&root, "#q-results"), "Results");
    assert!(text(&root, "label[for^='q-years-']").contains("Total revenue"));

    find::<HtmlElement>(&root, ".q-langs button:nth-child(1)").click();
    settle().await;
    assert_eq!(text(&root, "h1"), "Qualify 资质自评");
    assert_eq!(text(&root, "#q-results"), "评估结果");
    // The switch writes ?lang= into the address; the other tests open without it.
    browser::replace_query(&[("lang", None)]);
}

#[wasm_bindgen_test]
async fn an_amount_field_reads_the_ways_people_write_amounts() {
    let (root, s) = mount_form(Lang::Zh);
    let input: HtmlInputElement = find(&root, "#q-years-2024-revenue");
    assert!(text(&root, "label[for='q-years-2024-revenue']").contains("营业收入总额"));
    for (typed, wan) in [
        ("1.5亿", "15000"),
        ("１，５００", "1500"),
        ("1,500", "1500"),
        ("2万", "2"),
        ("1500.5", "1500.5"),
    ] {
        type_into(&input, typed);
        settle().await;
        assert_eq!(revenue_2024(s), Num::parse_decimal(wan), "{typed}");
        assert_eq!(input.value(), typed, "the field shows what was typed");
        assert_eq!(
            input.get_attribute("aria-invalid").as_deref(),
            Some("false"),
            "{typed}"
        );
        assert_eq!(text(&root, "#q-years-2024-revenue-err"), "", "{typed}");
    }
}

#[wasm_bindgen_test]
async fn an_invalid_value_is_explained_in_the_current_language_and_kept() {
    let (root, s) = mount_form(Lang::Zh);
    let input: HtmlInputElement = find(&root, "#q-years-2024-revenue");
    type_into(&input, "1500");
    settle().await;
    type_into(&input, "1500 yuan");
    settle().await;
    assert_eq!(input.value(), "1500 yuan");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = text(&root, "#q-years-2024-revenue-err");
    assert!(message.contains("1.5亿"), "{message}");
    assert!(message.starts_with("请"), "a Chinese message: {message}");
    // What cannot be read counts as not given: the old figure is not kept behind the user's back.
    assert_eq!(revenue_2024(s), None);

    s.change(|c| c.lang = Lang::En);
    settle().await;
    let input: HtmlInputElement = find(&root, "#q-years-2024-revenue");
    assert_eq!(
        input.value(),
        "1500 yuan",
        "switching language keeps the text"
    );
    let message = text(&root, "#q-years-2024-revenue-err");
    assert!(message.starts_with("Enter a number"), "{message}");

    type_into(&input, "1500");
    settle().await;
    assert_eq!(text(&root, "#q-years-2024-revenue-err"), "");
    assert_eq!(revenue_2024(s), Some(Num::int(1500)));
}

/// Chooses `value` in a select the way the browser reports it: a `change` event.
fn choose(select: &web_sys::HtmlSelectElement, value: &str) {
    select.set_value(value);
    fire(select, "change");
}

#[wasm_bindgen_test]
async fn a_city_outside_a_newly_chosen_province_stays_shown_and_explained() {
    let (root, _s) = mount_form(Lang::Zh);
    let province: web_sys::HtmlSelectElement = find(&root, "#q-province");
    choose(&province, "fujian");
    settle().await;
    let city: web_sys::HtmlSelectElement = find(&root, "#q-city");
    choose(&city, "xiamen");
    settle().await;
    assert_eq!(text(&root, "#q-city-err"), "");

    choose(&province, "guangdong");
    settle().await;
    assert_eq!(city.value(), "xiamen", "the choice is still shown");
    assert_eq!(
        city.selected_options()
            .item(0)
            .and_then(|o| o.text_content())
            .as_deref(),
        Some("厦门市")
    );
    assert_eq!(city.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(text(&root, "#q-city-err"), "厦门市不属于广东省");

    choose(&province, "fujian");
    settle().await;
    assert_eq!(city.value(), "xiamen");
    assert_eq!(text(&root, "#q-city-err"), "");
}

#[wasm_bindgen_test]
async fn the_certification_editor_tells_holding_none_from_not_saying() {
    let (root, s) = mount_form(Lang::Zh);
    let certs = || s.built.with_untracked(|b| b.profile.certifications.clone());
    assert_eq!(certs(), None, "nothing said: unknown");

    let none: HtmlInputElement = find(&root, "#q-cert-none");
    none.click();
    settle().await;
    assert_eq!(certs(), Some(vec![]), "holding none is an empty list");
    none.click();
    settle().await;
    assert_eq!(certs(), None);

    none.click();
    settle().await;
    find::<HtmlElement>(&root, "#q-sec-certs > button").click();
    settle().await;
    assert!(
        none.disabled(),
        "a listed certification rules out holding none"
    );
    assert!(!none.checked());
    let kind: web_sys::HtmlSelectElement = find(&root, "#q-cert-0-kind");
    kind.set_value("hnte");
    fire(&kind, "change");
    type_into(&find(&root, "#q-cert-0-since"), "2022/11/1");
    settle().await;
    let held = certs().expect("a list");
    assert_eq!(held.len(), 1);
    assert_eq!(
        held[0].since,
        parse_date("2022-11-01").unwrap(),
        "dates read as people write them"
    );

    find::<HtmlElement>(&root, ".q-cert button").click();
    settle().await;
    assert_eq!(
        certs(),
        None,
        "removing the last one goes back to not saying"
    );
    assert!(!none.disabled());
}

#[wasm_bindgen_test]
async fn markup_is_patched_in_place() {
    let step = RwSignal::new(0);
    let root = keep(move || {
        let n = step.get();
        let mut list = hc("ul", "q-list").c(h("li").c(format!("row {n}")));
        if n > 0 {
            list = list.c(hc("li", "q-extra").c("added"));
        }
        h("div").cs([
            M::from(h("details").c(h("summary").c("head")).c(list)),
            M::from(format!("text {n}")),
        ])
    });
    settle().await;
    assert_eq!(text(&root, "li"), "row 0");
    let details: web_sys::HtmlDetailsElement = find(&root, "details");
    let first_row: HtmlElement = find(&root, "li");
    details.set_open(true);

    step.set(1);
    settle().await;
    assert_eq!(text(&root, "li"), "row 1");
    assert_eq!(text(&root, "li.q-extra"), "added");
    assert!(root.text_content().unwrap().ends_with("text 1"));
    // The same elements, changed where the markup changed: what the user opened stays open.
    assert!(details.is_same_node(Some(&find::<web_sys::Node>(&root, "details"))));
    assert!(first_row.is_same_node(Some(&find::<web_sys::Node>(&root, "li"))));
    assert!(details.open());

    step.set(0);
    settle().await;
    assert!(root.query_selector("li.q-extra").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn elements_with_a_key_are_moved_not_rebuilt_when_their_order_changes() {
    let order = RwSignal::new(vec!["a", "b", "c"]);
    let root = keep(move || {
        h("div").cs(order
            .get()
            .into_iter()
            .map(|id| h("details").key(id).a("id", id).c(h("summary").c(id))))
    });
    settle().await;
    let b: web_sys::HtmlDetailsElement = find(&root, "#b");
    b.set_open(true);

    order.set(vec!["c", "b", "a"]);
    settle().await;
    assert_eq!(root.text_content().unwrap(), "cba");
    assert!(b.is_same_node(Some(&find::<web_sys::Node>(&root, "#b"))));
    assert!(b.open(), "what the user opened stays open");

    order.set(vec!["d", "a", "b"]);
    settle().await;
    assert_eq!(root.text_content().unwrap(), "dab");
    assert!(b.is_same_node(Some(&find::<web_sys::Node>(&root, "#b"))));
    assert!(b.open());
}

#[wasm_bindgen_test]
fn a_listener_stops_listening_with_the_view_that_made_it() {
    use qualify_app::part::Listener;
    use std::cell::Cell;
    use std::rc::Rc;
    let heard = Rc::new(Cell::new(0));
    let window: web_sys::EventTarget = web_sys::window().unwrap().into();
    // An exception in a listener is reported to the window's `error` listeners, not thrown.
    let errors = Rc::new(Cell::new(0));
    let count = errors.clone();
    let on_error =
        wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || count.set(count.get() + 1));
    window
        .add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    let owner = Owner::new();
    owner.with(|| {
        let heard = heard.clone();
        Listener::new(&["q-test-ping"], move |_| heard.set(heard.get() + 1)).attach(&window);
    });
    fire(&window, "q-test-ping");
    assert_eq!(heard.get(), 1);
    // Gone with its view: an event now neither reaches it nor calls its dropped closure.
    owner.cleanup();
    drop(owner);
    fire(&window, "q-test-ping");
    window
        .remove_event_listener_with_callback("error", on_error.as_ref().unchecked_ref())
        .unwrap();
    assert_eq!((heard.get(), errors.get()), (1, 0));
}
