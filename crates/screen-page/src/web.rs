//! The page in the browser: its controls in place of index.html's shell, one listener for what
//! the user does, the screening worker started, restarted to cancel, and its answers shown.
//!
//! The worker screens a file in one task and reads no message meanwhile, so cancelling ends it
//! (`Worker::terminate`) and starts another; a file is posted only once the worker has said it
//! runs (its first message), since one posted earlier reaches no handler.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Reflect, JSON};
use qualify_engine::{Lang, Text};
use qualify_screen_page::{address, chrome, open_url, words, Words};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, File, HtmlElement, HtmlInputElement, MessageEvent, Window, Worker,
};

/// The worker's loader, beside index.html (Trunk names workers without a content hash).
const WORKER: &str = "screen-worker_loader.js";
/// The page's own styles, fetched by this page alone.
const STYLE: &str = "screen-page.css";

struct Page {
    window: Window,
    doc: Document,
    lang: Cell<Lang>,
    as_of: Option<String>,
    /// The date posted with every request: `?as_of=` or today.
    day: String,
    worker: RefCell<Option<Worker>>,
    /// The worker has sent its first message, so it reads what is posted.
    ready: Cell<bool>,
    /// A file chosen before the worker was ready, posted once it is.
    pending: RefCell<Option<File>>,
    busy: Cell<bool>,
    /// The latest results, in Chinese and in English, kept for a change of language.
    results: RefCell<Text>,
    status: RefCell<Text>,
    /// The tab opened for an enterprise, before the worker answers with its profile (a tab
    /// opened later, outside the click, would be blocked).
    tab: RefCell<Option<Window>>,
    on_message: RefCell<Option<js_sys::Function>>,
    on_error: RefCell<Option<js_sys::Function>>,
}

type Shared = Rc<Page>;

pub fn start() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else { return };
    let search = window.location().search().unwrap_or_default();
    let languages: Vec<String> = (window.navigator().languages().iter())
        .filter_map(|l| l.as_string())
        .collect();
    let address = address(&search, languages.iter().map(String::as_str));
    let day = address.as_of.clone().unwrap_or_else(today);
    let page = Rc::new(Page {
        window,
        doc,
        lang: Cell::new(address.lang),
        as_of: address.as_of.clone(),
        day,
        worker: RefCell::new(None),
        ready: Cell::new(false),
        pending: RefCell::new(None),
        busy: Cell::new(false),
        results: RefCell::new(Default::default()),
        status: RefCell::new(Default::default()),
        tab: RefCell::new(None),
        on_message: RefCell::new(None),
        on_error: RefCell::new(None),
    });
    add_style(&page.doc);
    page.show();
    if address.bad_date {
        page.say(both_words(|w| w.bad_date.replace("{}", &page.day)));
    }
    listen(&page);
    page.start_worker();
}

fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

fn add_style(doc: &Document) {
    if let (Ok(link), Some(head)) = (doc.create_element("link"), doc.head()) {
        let _ = link.set_attribute("rel", "stylesheet");
        let _ = link.set_attribute("href", STYLE);
        let _ = head.append_child(&link);
    }
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}

/// A `{"zh", "en"}` pair of the worker's answer.
fn both(value: &JsValue, key: &str) -> Option<Text> {
    let pair = Reflect::get(value, &JsValue::from_str(key)).ok()?;
    Some(Text::new(text(&pair, "zh")?, text(&pair, "en")?))
}

/// One of the page's own words in both languages.
fn both_words(word: impl Fn(&Words) -> String) -> Text {
    Text::new(word(words(Lang::Zh)), word(words(Lang::En)))
}

impl Page {
    fn by_id(&self, id: &str) -> Option<Element> {
        self.doc.get_element_by_id(id)
    }

    fn focus(&self, id: &str) {
        if let Some(e) = self
            .by_id(id)
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        {
            let _ = e.focus();
        }
    }

    /// The whole page in the language in use, with the state it had: index.html's shell goes.
    fn show(&self) {
        let lang = self.lang.get();
        let w = words(lang);
        self.doc.set_title(w.title);
        if let Some(root) = self.doc.document_element() {
            let _ = root.set_attribute("lang", lang.html_lang());
        }
        let Some(body) = self.doc.body() else { return };
        let app = match self.by_id("q-screen") {
            Some(app) => app,
            None => {
                let Ok(app) = self.doc.create_element("div") else {
                    return;
                };
                app.set_id("q-screen");
                app.set_class_name("q-app q-screen");
                body.set_inner_html("");
                let _ = body.append_child(&app);
                app
            }
        };
        app.set_inner_html(&chrome(lang, self.as_of.as_deref()));
        self.set_busy(self.busy.get());
        self.put_results();
        self.put_status();
    }

    fn put_results(&self) {
        if let Some(out) = self.by_id("q-screen-results") {
            out.set_inner_html(self.results.borrow().get(self.lang.get()));
        }
    }

    fn put_status(&self) {
        if let Some(status) = self.by_id("q-screen-status") {
            status.set_text_content(Some(self.status.borrow().get(self.lang.get())));
        }
    }

    fn say(&self, status: Text) {
        *self.status.borrow_mut() = status;
        self.put_status();
    }

    fn set_busy(&self, busy: bool) {
        self.busy.set(busy);
        if let Some(panel) = self.by_id("q-screen-busy") {
            let _ = if busy {
                panel.remove_attribute("hidden")
            } else {
                panel.set_attribute("hidden", "")
            };
        }
        if !busy {
            if let Some(p) = self.by_id("q-screen-progress") {
                let _ = p.set_attribute("value", "0");
            }
        }
    }

    fn start_worker(&self) {
        self.ready.set(false);
        let Ok(worker) = Worker::new(WORKER) else {
            self.cannot_start();
            return;
        };
        worker.set_onmessage(self.on_message.borrow().as_ref());
        worker.set_onerror(self.on_error.borrow().as_ref());
        *self.worker.borrow_mut() = Some(worker);
    }

    fn cannot_start(&self) {
        *self.worker.borrow_mut() = None;
        self.pending.take();
        self.set_busy(false);
        self.say(both_words(|w| w.no_worker.to_string()));
    }

    fn post(&self, parts: &[JsValue]) {
        if let Some(worker) = self.worker.borrow().as_ref() {
            let message: Array = parts.iter().collect();
            let _ = worker.post_message(&message);
        }
    }

    fn request(&self, control: &str, value: &str) {
        let lang = self.lang.get().code();
        let parts = [
            control.into(),
            value.into(),
            self.day.as_str().into(),
            JsValue::NULL,
            lang.into(),
        ];
        self.post(&parts);
    }

    fn screen(&self, file: File) {
        if self.busy.get() && self.ready.get() {
            // Another file is being screened: that work is ended, not queued behind.
            if let Some(worker) = self.worker.take() {
                worker.terminate();
            }
            self.start_worker();
        }
        if self.worker.borrow().is_none() {
            return;
        }
        *self.results.borrow_mut() = Default::default();
        self.put_results();
        let name = file.name();
        self.set_busy(true);
        self.say(both_words(|w| w.reading.replace("{}", &name)));
        *self.pending.borrow_mut() = Some(file);
        if self.ready.get() {
            self.send_pending();
        }
    }

    fn send_pending(&self) {
        if let Some(file) = self.pending.take() {
            let parts = [
                "file".into(),
                "".into(),
                self.day.as_str().into(),
                file.into(),
            ];
            self.post(&parts);
        }
    }

    fn cancel(&self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
        self.pending.take();
        *self.results.borrow_mut() = Default::default();
        self.put_results();
        self.set_busy(false);
        self.start_worker();
        self.say(both_words(|w| w.cancelled.to_string()));
        self.focus("q-screen-file");
    }

    fn switch(&self, lang: Lang) {
        if lang == self.lang.get() {
            return;
        }
        self.lang.set(lang);
        self.show();
        if let Ok(url) = web_sys::Url::new(&self.window.location().href().unwrap_or_default()) {
            url.search_params().set("lang", lang.code());
            if let Ok(history) = self.window.history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url.href()));
            }
        }
        self.focus(&format!("q-lang-{}", lang.code()));
    }

    /// What the worker says.
    fn answer(&self, data: JsValue) {
        let Some(raw) = data.as_string() else { return };
        let Ok(message) = JSON::parse(&raw) else {
            return;
        };
        if !self.ready.replace(true) {
            // The worker's first message says it runs: what waited for it goes now.
            self.send_pending();
            return;
        }
        let lang = self.lang.get();
        if let Ok(progress) = Reflect::get(&message, &"progress".into()) {
            if let Ok(pair) = progress.dyn_into::<Array>() {
                let (done, total) = (pair.get(0), pair.get(1));
                if let Some(p) = self.by_id("q-screen-progress") {
                    let n = |v: &JsValue| v.as_f64().unwrap_or(0.0) as u64;
                    let _ = p.set_attribute("max", &n(&total).max(1).to_string());
                    let _ = p.set_attribute("value", &n(&done).to_string());
                }
                if let (Some(count), Some(s)) =
                    (self.by_id("q-screen-count"), both(&message, "status"))
                {
                    count.set_text_content(Some(s.get(lang)));
                }
                return;
            }
        }
        if let Some(fragment) = text(&message, "open") {
            self.open(&fragment, &text(&message, "program").unwrap_or_default());
            return;
        }
        if let Some(url) = text(&message, "download") {
            self.save(&url, &text(&message, "name").unwrap_or_default());
            return;
        }
        if let Some(results) = both(&message, "page") {
            *self.results.borrow_mut() = results;
            self.put_results();
        }
        // A page or a stop: either way the screening is over.
        self.set_busy(false);
        if let Some(status) = both(&message, "status") {
            self.say(status);
        }
        if let Some(id) = text(&message, "focus").filter(|id| !id.is_empty()) {
            self.focus(&id);
        }
    }

    fn open(&self, fragment: &str, program: &str) {
        let relative = open_url(fragment, self.lang.get(), self.as_of.as_deref(), program);
        let here = self.window.location().href().unwrap_or_default();
        let Ok(url) = web_sys::Url::new_with_base(&relative, &here) else {
            return;
        };
        match self.tab.take().filter(|t| !t.closed().unwrap_or(true)) {
            Some(tab) => {
                let _ = tab.location().set_href(&url.href());
            }
            None => {
                let _ = self.window.location().set_href(&url.href());
            }
        }
    }

    fn save(&self, url: &str, name: &str) {
        let Ok(a) = self.doc.create_element("a") else {
            return;
        };
        let _ = a.set_attribute("href", url);
        let _ = a.set_attribute("download", name);
        if let (Some(body), Ok(a)) = (self.doc.body(), a.dyn_into::<HtmlElement>()) {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }

    /// Whether `e` comes from the worker in use: one ended to cancel may still have messages
    /// on their way, which must not pass for the new one's first.
    fn current(&self, e: &web_sys::Event) -> bool {
        let from = e.target().map(JsValue::from);
        from.is_some() && from == self.worker.borrow().as_ref().map(JsValue::from)
    }

    fn clicked(&self, control: &Element) {
        let name = control.get_attribute("data-screen").unwrap_or_default();
        let value = control.get_attribute("value").unwrap_or_default();
        match name.as_str() {
            "lang" => {
                if let Some(lang) = Lang::parse(&value) {
                    self.switch(lang);
                }
            }
            "cancel" => self.cancel(),
            "open" => {
                *self.tab.borrow_mut() = self
                    .window
                    .open_with_url_and_target("", "_blank")
                    .ok()
                    .flatten();
                self.request(&name, &value);
            }
            _ => self.request(&name, &value),
        }
    }

    fn changed(&self, control: &Element) {
        let name = control.get_attribute("data-screen").unwrap_or_default();
        if name == "file" {
            let file = control
                .dyn_ref::<HtmlInputElement>()
                .and_then(HtmlInputElement::files)
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                self.screen(file);
            }
        } else if let Some(input) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
            self.request(&name, &input.value());
        }
    }
}

/// The control an event is about, if it is one of the page's (`data-screen`).
fn control(e: &web_sys::Event) -> Option<Element> {
    let target: Element = e.target()?.dyn_into().ok()?;
    target.closest("[data-screen]").ok().flatten()
}

fn listen(page: &Shared) {
    let on = |kind: &str, f: Box<dyn Fn(web_sys::Event)>| {
        let f = Closure::<dyn Fn(web_sys::Event)>::wrap(f);
        let _ = page
            .doc
            .add_event_listener_with_callback(kind, f.as_ref().unchecked_ref());
        f.forget();
    };
    let p = page.clone();
    on(
        "click",
        Box::new(move |e| {
            if let Some(c) = control(&e).filter(|c| c.tag_name() == "BUTTON") {
                p.clicked(&c);
            }
        }),
    );
    let p = page.clone();
    on(
        "change",
        Box::new(move |e| {
            if let Some(c) = control(&e) {
                p.changed(&c);
            }
        }),
    );
    // A file dropped anywhere on the page is screened, rather than opened by the browser.
    on("dragover", Box::new(|e| e.prevent_default()));
    let p = page.clone();
    on(
        "drop",
        Box::new(move |e| {
            e.prevent_default();
            let file = e
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(web_sys::DragEvent::data_transfer)
                .and_then(|d| d.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                p.screen(file);
            }
        }),
    );
    let p = page.clone();
    let message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        if p.current(&e) {
            p.answer(e.data());
        }
    });
    *page.on_message.borrow_mut() =
        Some(message.as_ref().unchecked_ref::<js_sys::Function>().clone());
    message.forget();
    let p = page.clone();
    let error = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        if !p.current(&e) {
            return;
        }
        if p.ready.get() {
            // It ran and stopped (its panic hook has said why): a new one takes the next file.
            p.set_busy(false);
            p.start_worker();
        } else {
            p.cannot_start();
        }
    });
    *page.on_error.borrow_mut() = Some(error.as_ref().unchecked_ref::<js_sys::Function>().clone());
    error.forget();
}
