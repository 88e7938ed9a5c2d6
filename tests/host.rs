//! Component tests of host packs: the banner for each kind of problem, in both languages, and a
//! good pack labelled in the results (`cargo xtask test` runs them in headless Chromium).
#![cfg(target_arch = "wasm32")]

use qualify_app::components::results::results;
use qualify_app::host::{self, Problem};
use qualify_app::mount_parts;
use qualify_app::state::{leak, Selection, State};
use qualify_engine::{bundled, parse_date, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

const URL: &str = "https://example.gov.cn/packs/xm-etc.json";

/// The banner and the results for the Xiamen identification, mounted into a fresh `<div>`.
fn mount() -> (State, web_sys::Element) {
    let s = State::new(
        leak(bundled::packs()),
        Lang::Zh,
        parse_date("2025-06-30").unwrap(),
    );
    s.change(|c| c.selection = Selection::Picked(vec!["xm-etc".into()]));
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    mount_parts(&root, s, move || vec![host::banner(s), results(s)]);
    (s, root.into())
}

/// Lets the scheduled effects update the DOM.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn banner(root: &web_sys::Element) -> Option<web_sys::Element> {
    root.query_selector("#q-host-banner").unwrap()
}

fn xm_etc() -> &'static str {
    bundled::FILES
        .iter()
        .find(|(name, _)| name.starts_with("xm-etc."))
        .map(|(_, text)| *text)
        .unwrap()
}

#[wasm_bindgen_test]
async fn an_invalid_pack_shows_its_errors_in_the_users_language() {
    let (s, root) = mount();
    assert!(banner(&root).is_none());
    let broken = xm_etc().replacen("\"level\":\"municipal\"", "\"level\":\"galactic\"", 1);
    host::accept(s, URL, Ok(broken));
    settle().await;
    let shown = banner(&root).expect("the banner");
    assert_eq!(shown.get_attribute("role").as_deref(), Some("alert"));
    let text = shown.text_content().unwrap();
    assert!(text.starts_with("本网站提供的规则包无法使用"), "{text}");
    assert!(text.contains(URL), "{text}");
    assert!(
        text.contains("该文件不是有效的规则包,共 1 处错误"),
        "{text}"
    );
    assert!(text.contains("level:"), "{text}");

    s.change(|c| c.lang = Lang::En);
    settle().await;
    let text = banner(&root).unwrap().text_content().unwrap();
    assert!(
        text.contains("The file is not a valid rule pack. Errors found: 1"),
        "{text}"
    );
    // The bundled pack is still the one in use.
    assert!(root.query_selector(".q-tag--host").unwrap().is_none());
    assert!(root
        .query_selector("[data-program=\"xm-etc\"] [data-criterion=\"XM10\"]")
        .unwrap()
        .is_some());
}

#[wasm_bindgen_test]
async fn a_good_pack_after_a_bad_one_clears_the_banner_and_is_labelled() {
    let (s, root) = mount();
    host::accept(s, URL, Err(Problem::Status(503)));
    settle().await;
    assert!(banner(&root)
        .unwrap()
        .text_content()
        .unwrap()
        .contains("HTTP 503"));

    host::accept(s, URL, Ok(xm_etc().to_string()));
    settle().await;
    assert!(banner(&root).is_none());
    let tag = root
        .query_selector("[data-program=\"xm-etc\"] .q-tag--host")
        .unwrap()
        .expect("the host label on the card");
    assert_eq!(tag.text_content().unwrap(), "由本网站提供的规则");
}

#[wasm_bindgen_test]
async fn a_pack_the_server_does_not_have_is_reported_with_its_status() {
    let (s, root) = mount();
    host::load(s, "/no-such-pack.json".into()).await;
    settle().await;
    let text = banner(&root).expect("the banner").text_content().unwrap();
    assert!(text.contains("/no-such-pack.json"), "{text}");
    assert!(text.contains("HTTP 404"), "{text}");
}
