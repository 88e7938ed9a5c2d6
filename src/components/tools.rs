//! Saving and sharing, all on the device: remember (opt-in local storage) and forget, export
//! and import a JSON file, a share link with the figures in its fragment, and the print report.

use leptos::prelude::*;
use qualify_engine::digest::combined;
use qualify_engine::pack::Origin;
use qualify_engine::{Lang, Text};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::form::{button, checkbox, edited, EDIT};
use crate::draft::Draft;
use crate::i18n::ui;
use crate::markup::{h, hc, kept, M};
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
    crate::effect(Box::new(move || {
        if s.choices(|c| c.remember) {
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
    }));
    let export = move || {
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
        let file = format!("qualify-{safe}-{}.json", s.choices_untracked(|c| c.as_of));
        browser::download(&file, &profile_json(s), "application/json");
    };
    let import = move |input: web_sys::HtmlInputElement| {
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
    // The share link is selected whole when it gets the focus, ready to copy.
    let select_link = |ev: &web_sys::Event| {
        if let Some(i) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| i.id() == "q-share-link")
        {
            i.select();
        }
    };
    let on = move |ev: &web_sys::Event| {
        if ev.type_() == "focusin" {
            return select_link(ev);
        }
        let Some((verb, _)) = edited(ev) else {
            return;
        };
        match verb.as_str() {
            "remember" => {
                let on = event_target_checked(ev);
                s.change(|c| c.remember = on);
                if !on {
                    forget_device();
                }
            }
            "forget" => {
                forget_device();
                s.change(|c| c.remember = false);
                let u = |l: Lang| ui(l).forgotten;
                s.say(false, Text::new(u(Lang::Zh), u(Lang::En)), vec![]);
            }
            "export" => export(),
            "import" => {
                if let Some(input) = ev.target().and_then(|t| t.dyn_into().ok()) {
                    import(input);
                }
            }
            "share" => {
                let json = s.built.with_untracked(|b| b.profile.to_value().to_string());
                link.set(Some(browser::url_with_fragment(&share::fragment(&json))));
                copied.set(false);
            }
            "copy" => {
                if let Some(l) = link.get_untracked() {
                    leptos::task::spawn_local(async move {
                        copied.set(browser::copy_text(&l).await);
                    });
                }
            }
            // The report shows the packs' details, which may still be on their way.
            "print" => crate::details::then(s, browser::print),
            "clear" => s.draft.set(Draft::default()),
            _ => {}
        }
    };
    let panel = kept(move || {
        let lang = s.lang();
        let u = ui(lang);
        let action = |verb: &str, class: &str, text: &str| {
            button(class, text)
                .a("id", format!("q-{verb}"))
                .a(EDIT, verb)
        };
        let remember = checkbox(
            "span",
            "q-remember",
            "remember",
            s.choices(|c| c.remember),
            false,
            u.remember,
        );
        let import = hc("span", "q-file")
            .c(hc("label", "q-button").a("for", "q-import").c(u.import))
            .c(h("input")
                .a("type", "file")
                .a("id", "q-import")
                .a("class", "q-file-input")
                .a("accept", ".json,application/json")
                .a(EDIT, "import"));
        let share = link.get().map(|l| {
            hc("div", "q-share")
                .c(hc("p", "q-warning").a("role", "alert").c(u.share_warning))
                .c(h("label")
                    .a("for", "q-share-link")
                    .a("class", "q-label")
                    .c(u.share))
                .c(h("input")
                    .a("id", "q-share-link")
                    .a("class", "q-input")
                    .a("type", "text")
                    .a("readonly", "")
                    .a(".value", l))
                .c(button("q-button", u.share_copy).a(EDIT, "copy"))
                .c(h("span")
                    .a("role", "status")
                    .c_opt(copied.get().then_some(u.share_copied)))
        });
        let mut out: Vec<M> = vec![
            h("h2").a("id", "q-tools-h").c(u.tools_heading).into(),
            hc("div", "q-row")
                .c(remember)
                .c(hc("span", "q-hint").c(u.remember_hint))
                .c(action("forget", "q-button", u.forget))
                .into(),
            hc("div", "q-row q-row--buttons")
                .c(action("export", "q-button", u.export))
                .c(import)
                .c(action("share", "q-button", u.share))
                .c(action("print", "q-button", u.print))
                .c(action("clear", "q-button q-button--quiet", u.clear_all))
                .into(),
        ];
        out.extend(share.map(M::from));
        out
    })
    .on(&["change", "click", "focusin"], on);
    view! {
        <section class="q-panel q-tools" aria-labelledby="q-tools-h" node_ref=panel></section>
    }
}

/// The stamp on a printed report: when, on which date's rules, with which packs.
#[component]
pub fn PrintStamp() -> impl IntoView {
    let s = use_state();
    let stamp = kept(move || {
        let lang = s.lang();
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
            .c(row(u.as_of, "q-stamp-as-of", s.as_of().to_string()))
            .c(row(u.packs_hash, "q-stamp-hash", hash).a("class", "q-mono"));
        let packs = hc("ul", "q-stamp-packs").cs(used.into_iter().map(|(line, digest)| {
            h("li")
                .c(format!("{line} · "))
                .c(hc("span", "q-mono").c(&digest[..16.min(digest.len())]))
        }));
        vec![
            h("h2").a("id", "q-stamp-h").c(u.print_stamp).into(),
            h("div")
                .c(list)
                .c(h("h3").c(u.packs_used))
                .c(packs)
                .c(hc("p", "q-hint").c(u.footer_note))
                .into(),
        ]
    });
    view! {
        <section class="q-stamp" aria-labelledby="q-stamp-h" node_ref=stamp></section>
    }
}
