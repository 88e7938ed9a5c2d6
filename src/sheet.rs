//! The spreadsheet template for one enterprise: a filled template imported into the form, and
//! the figures exported as one. The reading and writing are the screening worker's (its wasm
//! holds the spreadsheet code: `crates/screen-worker/src/single.rs`), started for the one
//! request and ended once it has answered, so none of that code is in the first load.

use std::cell::Cell;

use qualify_engine::read::json::parse_json;
use qualify_engine::Text;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::State;

/// The screening worker's loader, beside index.html.
const WORKER: &str = "screen-worker_loader.js";

/// What the worker answered.
pub enum Answer {
    /// The first enterprise of the imported template, as the app's JSON document.
    Document(String),
    /// The exported template, as a Blob URL and a file name.
    Saved(String, String),
    /// What went wrong, with its sheet, row and column, in both languages.
    Problem(Text),
}

/// Asks the worker to do `control` ("profile": read the chosen file; "export": write the
/// figures `payload` to the file named `value`) and hands its answer to `then`. A worker that
/// cannot start answers with a problem.
pub fn ask(s: State, control: &str, value: &str, payload: JsValue, then: fn(State, Answer)) {
    let unavailable = || {
        let u = |l| crate::i18n::ui(l).sheet_unavailable;
        Answer::Problem(Text::new(
            u(qualify_engine::Lang::Zh),
            u(qualify_engine::Lang::En),
        ))
    };
    let Ok(worker) = web_sys::Worker::new(WORKER) else {
        return then(s, unavailable());
    };
    let request = js_sys::Array::of4(
        &control.into(),
        &value.into(),
        &s.as_of().to_string().into(),
        &payload,
    );
    let sent = Cell::new(false);
    let w = worker.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            // Its first message says it runs: one posted before would have reached no handler.
            if !sent.replace(true) {
                let _ = w.post_message(&request);
                return;
            }
            w.terminate();
            let v = e.data().as_string().and_then(|t| parse_json(&t).ok());
            let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
            let answer = v.and_then(|v| {
                if let Some(doc) = text(&v["document"]) {
                    return Some(Answer::Document(doc));
                }
                if let Some(url) = text(&v["download"]) {
                    return Some(Answer::Saved(url, text(&v["name"]).unwrap_or_default()));
                }
                let p = &v["problem"];
                Some(Answer::Problem(Text::new(text(&p["zh"])?, text(&p["en"])?)))
            });
            then(s, answer.unwrap_or_else(unavailable));
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let w = worker.clone();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        w.terminate();
        then(s, unavailable());
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
}

/// Whether a chosen file is a spreadsheet for the worker rather than a JSON document.
pub fn is_sheet(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".xlsx") || name.ends_with(".csv")
}
