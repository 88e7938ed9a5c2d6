//! The page's side of the plan: the plan is made in a Web Worker of its own
//! (crates/plan-worker), whose wasm holds the plan, the calendar writer and every pack with its
//! windows, so the first load carries none of them. Once the page is in use, the worker is
//! started; each time the profile, the day, the programs shown or the language change, it is
//! sent a request and its answer, markup and a calendar, becomes `Choices::plan`.
//! Nothing leaves the page: the worker is a script beside the app, and it answers only to it.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{Details, PlanView, Planned, Route, State};

/// The worker's script beside the page: Trunk's loader for the worker's wasm.
const WORKER: &str = "plan-worker_loader.js";

thread_local! {
    static RUNNING: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    /// The number of the latest request: an answer to an earlier one is not shown.
    static SEQ: Cell<u32> = const { Cell::new(0) };
    /// The latest request: a worker posts "ready" once its wasm runs, and a request posted
    /// before then has reached no handler, so it is sent again.
    static LAST: RefCell<String> = const { RefCell::new(String::new()) };
    /// The host site's pack as it came, for the worker to read as the page did.
    static HOST: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the host's pack text for the worker's requests.
pub fn host_pack(text: String) {
    HOST.with(|h| *h.borrow_mut() = vec![text]);
}

/// How long after the page starts the plan is asked for even if nobody has touched the page:
/// long enough for the verdict to paint and the page to settle first.
const SOON_MS: i32 = 1500;

/// Asks the worker for the plan whenever what it depends on changes, from the time the page is
/// in use (when the packs' details are wanted) or has been open for `SOON_MS`: the verdict never
/// waits for it.
pub fn keep(s: State) {
    let soon = Closure::once_into_js(move || {
        if s.choices_untracked(|c| c.plan == PlanView::NotAsked) {
            s.change(|c| c.plan = PlanView::Loading);
        }
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(soon.unchecked_ref(), SOON_MS);
    }
    // The request without its number, so that a change elsewhere in the choices (the plan's
    // own answer among them) sends nothing: a memo passes a value on only when it differs.
    // Written by hand around the profile as the engine's one JSON writer writes it, and the
    // host's pack as it came (a JSON document itself), which takes less code in the first load
    // than a JSON value built and serialised. The ladder's next rungs are the worker's to find.
    let request = crate::memo(Box::new(move |_| {
        // The packs are read so that a host's pack, once in, is sent (`HOST`).
        let (wanted, as_of, lang, _packs, route) = s.choices(|c| {
            let wanted = c.details != Details::NotAsked || c.plan != PlanView::NotAsked;
            (wanted, c.as_of, c.lang, c.packs, c.route.clone())
        });
        if !wanted {
            return String::new();
        }
        let mut ids: Vec<String> = s
            .selected
            .get()
            .iter()
            .map(|p| format!("\"{p}\""))
            .collect();
        // A program's page shows its plan, shown among the results or not.
        if let Route::Program(id) = route {
            let quoted = format!("\"{id}\"");
            if !ids.contains(&quoted) && s.pack(&id).is_some() {
                ids.push(quoted);
            }
        }
        let profile = s.built.with(|b| {
            qualify_engine::json_text::to_text(
                &b.profile.to_value(),
                qualify_engine::json_text::Layout::Compact,
            )
        });
        let host = HOST.with(|h| h.borrow().join(","));
        format!(
            "\"as_of\":\"{as_of}\",\"lang\":\"{}\",\"programs\":[{}],\"host\":[{host}],\"profile\":{profile}}}",
            lang.code(),
            ids.join(",")
        )
    }));
    crate::effect(Box::new(move || {
        let body = request.get();
        if body.is_empty() {
            return;
        }
        let seq = SEQ.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        if !send(s, &format!("{{\"seq\":{seq},{body}")) {
            s.change(|c| c.plan = PlanView::Failed);
        } else if s.choices_untracked(|c| c.plan == PlanView::NotAsked) {
            s.change(|c| c.plan = PlanView::Loading);
        }
    }));
}

/// Posts `request`, starting the worker first if need be; `false` if it cannot be started.
fn send(s: State, request: &str) -> bool {
    RUNNING.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            *w = start(s);
        }
        LAST.with(|l| *l.borrow_mut() = request.to_string());
        match &*w {
            Some(worker) => worker.post_message(&JsValue::from_str(request)).is_ok(),
            None => false,
        }
    })
}

fn start(s: State) -> Option<web_sys::Worker> {
    let worker = web_sys::Worker::new(WORKER).ok()?;
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            if let Some(text) = e.data().as_string() {
                answer(s, &text);
            }
        });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // A script that could not be had, or a wasm the page's policy would not run.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        s.change(|c| c.plan = PlanView::Failed);
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(worker)
}

/// Puts the worker's answer to the latest request on the page.
fn answer(s: State, text: &str) {
    // The engine's reader, which the page has already, rather than serde_json's own.
    let Ok(v) = qualify_engine::read::json::parse_json(text) else {
        return;
    };
    if v.get("ready").is_some() {
        let last = LAST.with(|l| l.borrow().clone());
        RUNNING.with(|w| {
            if let Some(worker) = &*w.borrow() {
                let _ = worker.post_message(&JsValue::from_str(&last));
            }
        });
        return;
    }
    // A panic's answer is for whichever request the worker was on.
    let current = v["seq"].as_u64() == Some(u64::from(SEQ.with(Cell::get)));
    if !current && v["seq"].as_str() != Some("any") {
        return;
    }
    let view = read(&v).map_or(PlanView::Failed, |p| PlanView::Ready(Arc::new(p)));
    s.change(|c| c.plan = view);
}

/// The worker's answer, or `None` for an error or anything unreadable.
pub fn read(v: &Value) -> Option<Planned> {
    let text = |v: &Value| v.as_str().map(str::to_string);
    let programs = (v["programs"].as_array()?.iter())
        .map(|p| Some((text(&p[0])?, text(&p[1])?)))
        .collect::<Option<Vec<_>>>()?;
    let certifications = text(&v["certifications"]);
    let reach = (v["reach"].as_array()?.iter())
        .map(|p| Some((text(&p[0])?, text(&p[1])?)))
        .collect::<Option<Vec<_>>>()?;
    Some(Planned {
        programs,
        certifications,
        reach,
        ics: v["ics"].as_str()?.to_string(),
    })
}
