//! The page header: title, privacy promise, language and assessment date; and the status area
//! for messages about imports, links and storage.

use leptos::prelude::*;
use qualify_engine::typed::parse_date_text;
use qualify_engine::{parse_date, Lang};

use crate::browser;
use crate::i18n::{tr, ui};
use crate::state::use_state;

/// The language buttons, in the header and in the embedded app's bar.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let s = use_state();
    let set_lang = move |l: Lang| {
        s.lang.set(l);
        browser::replace_query(&[("lang", Some(l.code()))]);
    };
    let lang_button = move |l: Lang, text: &'static str| {
        view! {
            <button type="button" class="q-lang" lang=l.html_lang()
                aria-pressed=move || (s.lang.get() == l).to_string()
                on:click=move |_| set_lang(l)>{text}</button>
        }
    };
    view! {
        <div class="q-langs" role="group" aria-label=tr(s.lang, |u| u.language)>
            {lang_button(Lang::Zh, "中文")}
            {lang_button(Lang::En, "English")}
        </div>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    let s = use_state();
    let as_of_text = RwSignal::new(s.as_of.get_untracked().to_string());
    let as_of_bad = RwSignal::new(false);
    view! {
        <header class="q-header">
            <div class="q-brand">
                <h1 class="q-title">{tr(s.lang, |u| u.app_title)}</h1>
                <p class="q-tagline">{tr(s.lang, |u| u.app_tagline)}</p>
                <p class="q-privacy">{tr(s.lang, |u| u.privacy_note)}</p>
            </div>
            <div class="q-controls">
                <LangSwitch />
                <div class="q-field q-field--as-of">
                    <label for="q-as-of" class="q-label">{tr(s.lang, |u| u.as_of)}</label>
                    <input id="q-as-of" class="q-input" type="text" placeholder="YYYY-MM-DD" autocomplete="off"
                        aria-describedby="q-as-of-hint" aria-invalid=move || as_of_bad.get().to_string()
                        prop:value=move || as_of_text.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            as_of_text.set(v.clone());
                            match parse_date_text(&v).ok().and_then(|d| parse_date(&d)) {
                                Some(d) => {
                                    as_of_bad.set(false);
                                    s.as_of.set(d);
                                    browser::replace_query(&[("as_of", Some(&d.to_string()))]);
                                }
                                None => as_of_bad.set(true),
                            }
                        } />
                    <p id="q-as-of-hint" class=move || if as_of_bad.get() { "q-err" } else { "q-hint" }>
                        {move || {
                            let u = ui(s.lang.get());
                            if as_of_bad.get() { u.as_of_invalid } else { u.as_of_hint }
                        }}
                    </p>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn MessageArea() -> impl IntoView {
    let s = use_state();
    view! {
        <div class="q-messages" role="status" aria-live="polite">
            {move || {
                let lang = s.lang.get();
                s.message.get().map(|m| {
                    view! {
                        <div class=if m.error { "q-message q-message--error" } else { "q-message" } id="q-message">
                            <p class="q-message-title">{m.title.get(lang).to_string()}</p>
                            {(!m.lines.is_empty()).then(|| view! {
                                <ul>{m.lines.iter().map(|l| view! { <li>{l.get(lang).to_string()}</li> }).collect_view()}</ul>
                            })}
                            <button type="button" class="q-button q-button--quiet" on:click=move |_| s.message.set(None)>
                                {ui(lang).dismiss}
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}
