//! Saving and sharing, all on the device: remember (opt-in local storage) and forget, export
//! and import a JSON file, a share link with the figures in its fragment, and the print report.

use leptos::prelude::*;
use qualify_engine::digest::combined;
use qualify_engine::pack::Origin;
use qualify_engine::{Lang, Text};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::draft::Draft;
use crate::i18n::{tr, ui};
use crate::markup::{h, hc, kept};
use crate::share;
use crate::state::{use_state, State};

pub const REMEMBER_KEY: &str = "qualify.remember";
pub const PROFILE_KEY: &str = "qualify.profile";
/// What was typed into fields that cannot be read yet, by path: the profile has no place for
/// it, and a reload must not lose it.
pub const PENDING_KEY: &str = "qualify.pending";

/// Removes everything this device remembers.
fn forget_device() {
    for key in [PROFILE_KEY, PENDING_KEY, REMEMBER_KEY] {
        browser::storage_remove(key);
    }
}

/// Puts back the text of fields that could not be read when the figures were remembered.
pub fn restore_pending(s: State) {
    let Some(pending) = browser::storage_get(PENDING_KEY)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
    else {
        return;
    };
    s.draft.update(|d| {
        for (path, raw) in pending.as_object().into_iter().flatten() {
            if let Some(raw) = raw.as_str() {
                d.text.insert(path.clone(), raw.to_string());
            }
        }
    });
}

/// The profile document as saved, exported and shared.
pub fn profile_json(s: State) -> String {
    s.built
        .with_untracked(|b| serde_json::to_string_pretty(&b.profile.to_value()))
        .unwrap_or_else(|_| "{}".into())
}

/// Error lines for a document that could not be read, in both languages.
pub fn error_lines(errors: &qualify_engine::Errors) -> Vec<Text> {
    errors
        .0
        .iter()
        .take(8)
        .map(|e| Text::new(e.message(Lang::Zh), e.message(Lang::En)))
        .collect()
}

/// Replaces the figures with a document's, or explains why not and keeps them.
pub fn load_document(s: State, text: &str, failure_title: Text) -> bool {
    match Draft::from_json(text) {
        Ok(d) => {
            s.draft.set(d);
            true
        }
        Err(errors) => {
            s.say(true, failure_title, error_lines(&errors));
            false
        }
    }
}

#[component]
pub fn Tools() -> impl IntoView {
    let s = use_state();
    let link = RwSignal::new(None::<String>);
    let copied = RwSignal::new(false);
    // Keeps the saved copy current while remembering is on: syncing with storage is what an
    // effect is for.
    Effect::new(move |_| {
        if s.remember.get() {
            let (json, pending) = s.built.with(|b| {
                let pending: serde_json::Map<String, serde_json::Value> = s.draft.with(|d| {
                    b.problems
                        .keys()
                        .filter_map(|path| Some((path.clone(), d.text.get(path)?.clone().into())))
                        .collect()
                });
                (b.profile.to_value().to_string(), pending)
            });
            browser::storage_set(PROFILE_KEY, &json);
            if pending.is_empty() {
                browser::storage_remove(PENDING_KEY);
            } else {
                browser::storage_set(PENDING_KEY, &serde_json::Value::Object(pending).to_string());
            }
            browser::storage_set(REMEMBER_KEY, "1");
        }
    });
    let forget = move |_| {
        forget_device();
        s.remember.set(false);
        let u = |l: Lang| ui(l).forgotten;
        s.say(false, Text::new(u(Lang::Zh), u(Lang::En)), vec![]);
    };
    let export = move |_| {
        let name = s
            .built
            .with_untracked(|b| b.profile.name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "profile".into());
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let file = format!("qualify-{safe}-{}.json", s.as_of.get_untracked());
        browser::download(&file, &profile_json(s), "application/json");
    };
    let import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            let title = |l: Lang| ui(l).import_failed;
            let failure = Text::new(title(Lang::Zh), title(Lang::En));
            match browser::read_chosen_file(&input).await {
                Some(Ok(text)) if load_document(s, &text, failure.clone()) => {
                    let ok = |l: Lang| ui(l).import_ok;
                    s.say(false, Text::new(ok(Lang::Zh), ok(Lang::En)), vec![]);
                }
                Some(Ok(_)) => {}
                Some(Err(e)) => s.say(true, failure, vec![Text::new(e.clone(), e)]),
                None => {}
            }
            // Lets the same file be chosen again after it is fixed.
            input.set_value("");
        });
    };
    let make_link = move |_| {
        let json = s.built.with_untracked(|b| b.profile.to_value().to_string());
        link.set(Some(browser::url_with_fragment(&share::fragment(&json))));
        copied.set(false);
    };
    let copy = move |_| {
        if let Some(l) = link.get_untracked() {
            leptos::task::spawn_local(async move {
                copied.set(browser::copy_text(&l).await);
            });
        }
    };
    view! {
        <section class="q-panel q-tools" aria-labelledby="q-tools-h">
            <h2 id="q-tools-h">{tr(s.lang, |u| u.tools_heading)}</h2>
            <div class="q-row">
                <span class="q-check">
                    <input type="checkbox" id="q-remember" prop:checked=move || s.remember.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            s.remember.set(on);
                            if !on {
                                forget_device();
                            }
                        } />
                    <label for="q-remember">{tr(s.lang, |u| u.remember)}</label>
                </span>
                <span class="q-hint">{tr(s.lang, |u| u.remember_hint)}</span>
                <button type="button" class="q-button" id="q-forget" on:click=forget>{tr(s.lang, |u| u.forget)}</button>
            </div>
            <div class="q-row q-row--buttons">
                <button type="button" class="q-button" id="q-export" on:click=export>{tr(s.lang, |u| u.export)}</button>
                <span class="q-file">
                    <label for="q-import" class="q-button">{tr(s.lang, |u| u.import)}</label>
                    <input type="file" id="q-import" class="q-file-input" accept=".json,application/json" on:change=import />
                </span>
                <button type="button" class="q-button" id="q-share" on:click=make_link>{tr(s.lang, |u| u.share)}</button>
                <button type="button" class="q-button" id="q-print" on:click=|_| browser::print()>{tr(s.lang, |u| u.print)}</button>
                <button type="button" class="q-button q-button--quiet" id="q-clear"
                    on:click=move |_| s.draft.set(Draft::default())>{tr(s.lang, |u| u.clear_all)}</button>
            </div>
            {move || link.get().map(|l| view! {
                <div class="q-share">
                    <p class="q-warning" role="alert">{ui(s.lang.get()).share_warning}</p>
                    <label for="q-share-link" class="q-label">{ui(s.lang.get()).share}</label>
                    <input id="q-share-link" class="q-input" type="text" readonly prop:value=l
                        on:focus=|ev| {
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        } />
                    <button type="button" class="q-button" on:click=copy>{tr(s.lang, |u| u.share_copy)}</button>
                    <span role="status">{move || copied.get().then(|| ui(s.lang.get()).share_copied)}</span>
                </div>
            })}
        </section>
    }
}

/// The stamp on a printed report: when, on which date's rules, with which packs.
#[component]
pub fn PrintStamp() -> impl IntoView {
    let s = use_state();
    let stamp = kept(move || {
        let lang = s.lang.get();
        let u = ui(lang);
        let selected = s.selected.get();
        let used: Vec<(String, &str)> = s.assessment.with(|a| {
            a.programs
                .iter()
                .filter(|p| selected.contains(&p.id))
                .map(|p| {
                    let mut line = format!(
                        "{} {} ({} {})",
                        p.id, p.version.id, u.effective, p.version.effective_from
                    );
                    if p.origin == Origin::Host {
                        line = format!("{line} · {}", u.host_pack);
                    }
                    (line, p.digest)
                })
                .collect()
        });
        let hash = combined(used.iter().map(|(_, d)| *d));
        let name = s.built.with(|b| b.profile.name.clone()).unwrap_or_default();
        let row = |dt: &str, id: &'static str, dd: String| {
            h("div").c(h("dt").c(dt)).c(h("dd").a("id", id).c(dd))
        };
        let list = hc("dl", "q-stamp-list")
            .c_opt((!name.is_empty()).then(|| row(u.name, "q-stamp-name", name)))
            .c(row(
                u.printed_on,
                "q-stamp-printed",
                browser::today().to_string(),
            ))
            .c(row(u.as_of, "q-stamp-as-of", s.as_of.get().to_string()))
            .c(row(u.packs_hash, "q-stamp-hash", hash).a("class", "q-mono"));
        let packs = hc("ul", "q-stamp-packs").cs(used.into_iter().map(|(line, digest)| {
            h("li")
                .c(format!("{line} · "))
                .c(hc("span", "q-mono").c(&digest[..16.min(digest.len())]))
        }));
        vec![
            list.into(),
            h("h3").c(u.packs_used).into(),
            packs.into(),
            hc("p", "q-hint").c(u.footer_note).into(),
        ]
    });
    view! {
        <section class="q-stamp" aria-labelledby="q-stamp-h">
            <h2 id="q-stamp-h">{tr(s.lang, |u| u.print_stamp)}</h2>
            <div node_ref=stamp></div>
        </section>
    }
}
