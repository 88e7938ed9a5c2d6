//! The few places the app touches the browser: the URL, local storage, files and printing.
//! Everything here degrades to doing nothing where an API is missing (a sandboxed iframe has
//! no storage, say), so the assessment itself always works.

use chrono::NaiveDate;
use qualify_engine::Lang;
use wasm_bindgen::{JsCast, JsValue};

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Today in the browser's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or(NaiveDate::MIN)
}

/// A query parameter of the page URL.
pub fn query(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets or removes query parameters without reloading or adding a history entry.
pub fn replace_query(set: &[(&str, Option<&str>)]) {
    let Some(w) = window() else { return };
    let loc = w.location();
    let (Ok(search), Ok(path), Ok(hash)) = (loc.search(), loc.pathname(), loc.hash()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return;
    };
    for (k, v) in set {
        match v {
            Some(v) => params.set(k, v),
            None => params.delete(k),
        }
    }
    let q = String::from(params.to_string());
    let url = if q.is_empty() {
        format!("{path}{hash}")
    } else {
        format!("{path}?{q}{hash}")
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&url));
    }
}

/// Adds a history entry for an in-app page change.
pub fn push_query(set: &[(&str, Option<&str>)]) {
    let Some(w) = window() else { return };
    let before = w.location().href().unwrap_or_default();
    replace_query(set);
    let after = w.location().href().unwrap_or_default();
    if let Ok(h) = w.history() {
        // Put the old URL back as the current entry, then push the new one.
        let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(&before));
        let _ = h.push_state_with_url(&JsValue::NULL, "", Some(&after));
    }
}

/// The page URL with a new fragment, for share links. A widget's presentation and its tie to
/// the host page (`embed`, `accent`, `font`, `parent`, `share`) are left out, so the link opens
/// the full app; the programs, language, date and host pack it was made with stay, so the
/// recipient sees the same results, in the language they were made in. A widget whose host page
/// gave a share address
/// (`data-share-url`, see `embed::share_url`) links to that page instead, which opens its widget
/// on the fragment.
pub fn url_with_fragment(fragment: &str, lang: Lang) -> String {
    let Some(w) = window() else {
        return format!("#{fragment}");
    };
    if let Some(url) = crate::embed::share_url() {
        url.set_hash(fragment);
        return url.href();
    }
    let href = w.location().href().unwrap_or_default();
    let Ok(url) = web_sys::Url::new(&href) else {
        let base = href.split('#').next().unwrap_or_default();
        return format!("{base}#{fragment}");
    };
    let params = url.search_params();
    for presentation in ["embed", "accent", "font", "parent", "share"] {
        params.delete(presentation);
    }
    params.set("lang", lang.code());
    url.set_search(&String::from(params.to_string()));
    url.set_hash(fragment);
    url.href()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Stores a value; false when the browser refuses (private mode, quota, sandbox).
pub fn storage_set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

pub fn storage_remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

/// Offers `text` as a file download.
pub fn download(filename: &str, text: &str, mime: &str) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = doc.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The text of the first file chosen in a file input.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Option<Result<String, String>> {
    let file = input.files()?.get(0)?;
    let promise = file.text();
    Some(
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|v| v.as_string().unwrap_or_default())
            .map_err(|e| format!("{e:?}")),
    )
}

/// The languages the browser says its user prefers, most preferred first
/// (`navigator.languages`).
pub fn languages() -> Vec<String> {
    let Some(w) = window() else { return Vec::new() };
    js_sys::Reflect::get(&w, &JsValue::from_str("navigator"))
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("languages")))
        .ok()
        .filter(js_sys::Array::is_array)
        .map(|l| {
            js_sys::Array::from(&l)
                .iter()
                .filter_map(|t| t.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Copies text with the asynchronous clipboard API; false where it is unavailable.
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = window() else { return false };
    let navigator = js_sys::Reflect::get(&w, &JsValue::from_str("navigator")).ok();
    let clipboard = navigator
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")).ok())
        .filter(|c| !c.is_undefined());
    let Some(clipboard) = clipboard else {
        return false;
    };
    let write = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(write) = write else { return false };
    match write.call1(&clipboard, &JsValue::from_str(text)) {
        Ok(p) => match p.dyn_into::<js_sys::Promise>() {
            Ok(p) => wasm_bindgen_futures::JsFuture::from(p).await.is_ok(),
            Err(_) => false,
        },
        Err(_) => false,
    }
}

/// Opens every `<details>` of the page (before printing), or restores them.
pub fn set_all_details_open(open: bool) {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(list) = doc.query_selector_all(".q-app details") else {
        return;
    };
    for i in 0..list.length() {
        if let Some(d) = list
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            if open {
                if !d.open() {
                    let _ = d.set_attribute("data-q-print-opened", "");
                    d.set_open(true);
                }
            } else if d.has_attribute("data-q-print-opened") {
                let _ = d.remove_attribute("data-q-print-opened");
                d.set_open(false);
            }
        }
    }
}

pub fn print() {
    if let Some(w) = window() {
        set_all_details_open(true);
        let _ = w.print();
        set_all_details_open(false);
    }
}

/// Moves the keyboard focus to the first element matching `selector` (scrolling it into view);
/// false when there is none.
pub fn focus(selector: &str) -> bool {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(selector).ok().flatten())
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    el.focus().is_ok()
}

/// Moves the focus to the first element matching `selector` once the page shows the change just
/// made: the parts are patched before the next frame.
pub fn focus_soon(selector: &str) {
    let selector = selector.to_string();
    leptos::prelude::request_animation_frame(move || {
        focus(&selector);
    });
}

/// Scrolls an element into view, if it exists.
pub fn scroll_to(id: &str) {
    let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    else {
        return;
    };
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(web_sys::ScrollLogicalPosition::Start);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Keeps `<html lang>` and the title in the interface language.
pub fn set_document_language(lang: &str, title: &str) {
    if let Some(doc) = window().and_then(|w| w.document()) {
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang);
        }
        doc.set_title(title);
    }
}
