//! The page header: title, privacy promise, language and assessment date; and the status area
//! for messages about imports, links and storage. Markup (`crate::markup`), each part with one
//! handler.

use leptos::prelude::*;
use qualify_engine::typed::parse_date_text;
use qualify_engine::{parse_date, Lang};

use crate::browser;
use crate::components::form::{button, edited, EDIT};
use crate::i18n::ui;
use crate::markup::{h, hc, kept, M};
use crate::state::{use_state, State};

/// The language buttons.
pub fn lang_buttons(now: Lang) -> Vec<M> {
    [(Lang::Zh, "中文"), (Lang::En, "English")]
        .into_iter()
        .map(|(l, text)| {
            button("q-lang", text)
                .a("lang", l.html_lang())
                .a("aria-pressed", (now == l).to_string())
                .a(EDIT, format!("lang:{}", l.code()))
                .into()
        })
        .collect()
}

/// Switches the language when `ev` is a click on a language button.
pub fn switch_lang(s: State, ev: &web_sys::Event) {
    if let Some(l) = edited(ev)
        .filter(|(verb, _)| verb == "lang")
        .and_then(|(_, code)| Lang::parse(&code))
    {
        s.change(|c| c.lang = l);
        browser::replace_query(&[("lang", Some(l.code()))]);
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let s = use_state();
    // What the user typed in the date field, once they have: it stays as typed, and says
    // whether it is a date. An `Option<String>` like other signals, so no new signal type.
    let typed = RwSignal::new(None::<String>);
    let date = |text: &str| parse_date_text(text).ok().and_then(|d| parse_date(&d));
    let on = move |ev: &web_sys::Event| {
        if ev.type_() == "click" {
            return switch_lang(s, ev);
        }
        if edited(ev).is_none_or(|(verb, _)| verb != "as-of") {
            return;
        }
        let v = event_target_value(ev);
        let parsed = date(&v);
        typed.set(Some(v));
        if let Some(d) = parsed {
            s.change(|c| c.as_of = d);
            browser::replace_query(&[("as_of", Some(&d.to_string()))]);
        }
    };
    let header = kept(move || {
        let lang = s.lang();
        let u = ui(lang);
        let text = typed
            .get()
            .unwrap_or_else(|| s.choices_untracked(|c| c.as_of).to_string());
        let bad = date(&text).is_none();
        let as_of = hc("div", "q-field q-field--as-of")
            .c(h("label")
                .a("for", "q-as-of")
                .a("class", "q-label")
                .c(u.as_of))
            .c(h("input")
                .a("id", "q-as-of")
                .a("class", "q-input")
                .a("type", "text")
                .a("placeholder", "YYYY-MM-DD")
                .a("autocomplete", "off")
                .a("aria-describedby", "q-as-of-hint")
                .a("aria-invalid", bad.to_string())
                .a(EDIT, "as-of")
                .a(".value", text))
            .c(h("p")
                .a("id", "q-as-of-hint")
                .a("class", if bad { "q-err" } else { "q-hint" })
                .c(if bad { u.as_of_invalid } else { u.as_of_hint }));
        let langs = hc("div", "q-langs")
            .a("role", "group")
            .a("aria-label", u.language)
            .cs(lang_buttons(lang));
        vec![
            hc("div", "q-brand")
                .c(hc("h1", "q-title").c(u.app_title))
                .c(hc("p", "q-tagline").c(u.app_tagline))
                .c(hc("p", "q-privacy").c(u.privacy_note))
                .into(),
            hc("div", "q-controls").c(langs).c(as_of).into(),
        ]
    })
    .on(&["input", "click"], on);
    view! {
        <header class="q-header" node_ref=header></header>
    }
}

#[component]
pub fn MessageArea() -> impl IntoView {
    let s = use_state();
    let area = kept(move || {
        let lang = s.lang();
        s.choices(|c| {
            let m = &c.message;
            m.iter()
                .map(|m| {
                    let lines = (!m.lines.is_empty())
                        .then(|| h("ul").cs(m.lines.iter().map(|l| h("li").c(l.get(lang)))));
                    h("div")
                        .a(
                            "class",
                            if m.error {
                                "q-message q-message--error"
                            } else {
                                "q-message"
                            },
                        )
                        .a("id", "q-message")
                        .c(hc("p", "q-message-title").c(m.title.get(lang)))
                        .c_opt(lines)
                        .c(button("q-button q-button--quiet", ui(lang).dismiss).a(EDIT, "dismiss"))
                        .into()
                })
                .collect()
        })
    })
    .on(&["click"], move |ev| {
        if edited(ev).is_some_and(|(verb, _)| verb == "dismiss") {
            s.change(|c| c.message = None);
        }
    });
    view! {
        <div class="q-messages" role="status" aria-live="polite" node_ref=area></div>
    }
}
