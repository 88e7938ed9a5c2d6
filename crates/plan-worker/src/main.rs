//! The plan's worker: the page posts it a request (a profile, a day, the programs, the
//! language and any host packs, as JSON text) and it answers with the plan as markup and as a
//! calendar (`qualify_app::plan_worker::respond`). Its wasm has every pack whole, windows
//! included, so the page's first load carries none of it.

#[cfg(target_family = "wasm")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    // A panic would leave the page waiting: it is told instead, and shows that the plan
    // cannot be had.
    let on_panic = scope.clone();
    std::panic::set_hook(Box::new(move |info| {
        let text = qualify_app::plan_worker::failure(&info.to_string());
        let _ = on_panic.post_message(&JsValue::from_str(&text));
    }));
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let Some(request) = e.data().as_string() else {
                return;
            };
            let answer = qualify_app::plan_worker::respond(&request);
            let _ = reply.post_message(&JsValue::from_str(&answer));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages posted before the wasm ran reached no handler: "ready" asks the page for its
    // latest request again.
    let _ = scope.post_message(&JsValue::from_str("{\"ready\":true}"));
}

/// Natively there is no worker to be: the plan's logic is tested in the app's crate.
#[cfg(not(target_family = "wasm"))]
fn main() {}
