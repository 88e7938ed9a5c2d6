//! Component tests: mount the real components into a headless Chromium page
//! (`cargo xtask test` runs them through wasm-bindgen-test-runner and chromedriver).
#![cfg(target_arch = "wasm32")]

use qualify_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `App` into a fresh `<div>` appended to the body and returns that div.
fn mount_app() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    // Keep the app mounted for the rest of the test run instead of unmounting on drop.
    leptos::mount::mount_to(root.clone(), App).forget();
    root
}

#[wasm_bindgen_test]
fn app_opens_in_chinese() {
    let root = mount_app();
    let heading = root
        .query_selector("h1")
        .unwrap()
        .expect("App renders an <h1>");
    assert_eq!(heading.text_content().unwrap(), "Qualify 资质自评");
}
