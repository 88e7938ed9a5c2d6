//! The screening page's worker. The page posts `[control, value, as_of, file, lang]` (the
//! control being the `data-screen` name of what the user used, `file` the chosen File for
//! "file", `lang` the page's language for the downloads) and
//! the worker answers with JSON text: the page's content in both languages with what to say in
//! its live region (`{"page": {"zh", "en"}, "status": {"zh", "en"}, "focus": id}`), progress
//! while screening (`{"progress": [done, total], "status": ...}`), an enterprise's profile to
//! open as a share link's fragment with the program it was opened for
//! (`{"open": "profile=…", "program": id}`), or a file to save
//! (`{"download": blob URL, "name": file}`).
//! Cancelling is the page's: it ends the worker and starts another.

#[cfg(target_family = "wasm")]
fn main() {
    use std::cell::RefCell;

    use qualify_engine::{parse_date, Lang, Text};
    use qualify_screen_worker::page::{done_message, pages};
    use qualify_screen_worker::Session;
    use qualify_sheet::Format;
    use serde_json::json;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
        /// The last file offered, whose URL is let go when the next one is.
        static URL: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let post = {
        let scope = scope.clone();
        move |v: serde_json::Value| {
            let _ = scope.post_message(&JsValue::from_str(&v.to_string()));
        }
    };
    let both = |t: &Text| json!({"zh": t.zh, "en": t.en});
    // The page in both languages, with the status said for it: a function of how many result
    // rows the view shows, which the page has worked out.
    let show = {
        let post = post.clone();
        move |status: &dyn Fn(usize) -> Text, focus: &str| {
            let (html, shown) = SESSION.with(|s| pages(s.borrow().as_ref()));
            let status = status(shown);
            post(json!({"page": both(&html), "status": both(&status), "focus": focus}));
        }
    };
    let offer = {
        let post = post.clone();
        move |bytes: Vec<u8>, name: String, mime: &str| {
            let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
            let opts = web_sys::BlobPropertyBag::new();
            opts.set_type(mime);
            let url = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
                .and_then(|b| web_sys::Url::create_object_url_with_blob(&b));
            if let Ok(url) = url {
                if let Some(old) = URL.with(|u| u.borrow_mut().replace(url.clone())) {
                    let _ = web_sys::Url::revoke_object_url(&old);
                }
                post(json!({"download": url, "name": name}));
            }
        }
    };
    let first = show.clone();
    let on_panic = post.clone();
    std::panic::set_hook(Box::new(move |info| {
        let t = Text::new(
            format!("筛查中断:{info}"),
            format!("Screening stopped: {info}"),
        );
        on_panic(json!({"status": both(&t), "focus": "q-screen-status"}));
    }));
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let msg: js_sys::Array = e.data().unchecked_into();
            let text = |i: u32| msg.get(i).as_string().unwrap_or_default();
            let (control, value) = (text(0), text(1));
            let as_of = parse_date(&text(2)).unwrap_or_default();
            // The page's language, for what is written in words (the results' downloads).
            let lang = Lang::parse(&text(4)).unwrap_or_default();
            const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            let mime = |f: &str| if f == "xlsx" { XLSX } else { "text/csv" };
            match control.as_str() {
                "file" => {
                    let file: web_sys::File = msg.get(3).unchecked_into();
                    let bytes = web_sys::FileReaderSync::new()
                        .and_then(|r| r.read_as_array_buffer(&file))
                        .map(|b| js_sys::Uint8Array::new(&b).to_vec())
                        .unwrap_or_default();
                    let progress = |done: usize, total: usize| {
                        let t = Text::new(
                            format!("正在筛查:{done} / {total} 行"),
                            format!("Screening: {done} of {total} rows"),
                        );
                        post(json!({"progress": [done, total], "status": both(&t)}));
                    };
                    match Session::screen(&file.name(), bytes, as_of, progress) {
                        Ok(s) => {
                            let done = done_message(&s);
                            SESSION.with(|c| *c.borrow_mut() = Some(s));
                            show(&|_| done.clone(), "q-screen-status");
                        }
                        Err(err) => {
                            let t = Text::new(err.message(Lang::Zh), err.message(Lang::En));
                            show(&|_| t.clone(), "q-screen-status");
                        }
                    }
                }
                "open" => {
                    // `ROW:PROGRAM`: the enterprise's row, and the program its table row is of.
                    let (row, program) = value.split_once(':').unwrap_or((&value, ""));
                    let doc = SESSION.with(|s| {
                        let row = row.parse().ok()?;
                        s.borrow().as_ref()?.profile(row)
                    });
                    if let Some(doc) = doc {
                        let fragment = qualify_engine::link::fragment(&doc);
                        post(json!({"open": fragment, "program": program}));
                    }
                }
                "download" => {
                    let format = Format::from_slug(&value).unwrap_or(Format::Csv);
                    let bytes = SESSION.with(|s| {
                        let s = s.borrow();
                        let s = s.as_ref()?;
                        Some((s.download(format, lang), s.name.clone()))
                    });
                    if let Some((bytes, name)) = bytes {
                        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
                        offer(
                            bytes,
                            format!("{stem}-results.{}", format.slug()),
                            mime(&value),
                        );
                    }
                }
                "template" => {
                    let year = chrono_year(as_of);
                    let cols = qualify_sheet::columns(&qualify_sheet::template_years(year));
                    let bytes = match value.as_str() {
                        "xlsx" => qualify_sheet::template_xlsx(&cols, &[]).unwrap_or_default(),
                        _ => qualify_sheet::template_csv(&cols, &[]),
                    };
                    offer(bytes, format!("qualify-template.{value}"), mime(&value));
                }
                view => {
                    let changed = SESSION.with(|s| {
                        (s.borrow_mut().as_mut()).is_some_and(|s| s.view.set(view, &value))
                    });
                    if changed {
                        let rows =
                            |n| Text::new(format!("显示 {n} 行结果"), format!("{n} result rows"));
                        show(&rows, &format!("q-screen-{view}"));
                    }
                }
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    first(&|_| Text::new("", ""), "");
}

#[cfg(target_family = "wasm")]
fn chrono_year(d: chrono::NaiveDate) -> i32 {
    chrono::Datelike::year(&d)
}

/// Natively there is no worker to be: the screening itself is tested in the crate's library.
#[cfg(not(target_family = "wasm"))]
fn main() {}
