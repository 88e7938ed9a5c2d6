//! Saving and sharing, all on the device: remember (opt-in local storage) and forget, export
//! and import a JSON file, a share link with the figures in its fragment, and the print report.

use leptos::prelude::*;
use qualify_engine::digest::combined;
use qualify_engine::json_text::{to_text, Layout};
use qualify_engine::pack::Origin;
use qualify_engine::{link, Lang, Text};
use wasm_bindgen::JsCast;

use crate::browser;
use crate::components::header::message_box;
use crate::controls::{button, checkbox};
use crate::draft::Draft;
use crate::edit::Edit;
use crate::i18n::ui;
use crate::markup::{h, hc, Prop};
use crate::part::Part;
use crate::state::{Near, State};

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
        .and_then(|text| qualify_engine::read::json::parse_json(&text).ok())
    else {
        return;
    };
    State::edit(s.draft, |d| {
        let mut changed = false;
        for (path, raw) in pending.as_object().into_iter().flatten() {
            if let Some(raw) = raw.as_str() {
                changed |= d.set_text(path, raw.to_string());
            }
        }
        changed
    });
}

/// The profile document as saved, exported and shared.
pub fn profile_json(s: State) -> String {
    s.built
        .with_untracked(|b| to_text(&b.profile.to_value(), Layout::Pretty))
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

/// Replaces the figures with a document's, or explains why not, `near` where it says, and
/// keeps them.
pub fn load_document(s: State, text: &str, failure_title: Text, near: Near) -> bool {
    match Draft::from_json(text) {
        Ok(d) => {
            State::replace(s.draft, d);
            true
        }
        Err(errors) => {
            s.say_near(near, true, failure_title, error_lines(&errors));
            false
        }
    }
}

/// Keeps the saved copy current while remembering is on: syncing with storage is what an
/// effect is for.
fn keep_remembered(s: State) {
    // The figures whose save failed last: dismissing the message must not bring it back, but
    // a change that cannot be saved either must.
    let failed = std::cell::RefCell::new(None::<String>);
    crate::effect(Box::new(move || {
        if s.choices(|c| c.remember) {
            let (json, pending) = s.built.with(|b| {
                let pending: serde_json::Map<String, serde_json::Value> = s.draft.with(|d| {
                    b.problems
                        .keys()
                        .filter_map(|path| Some((path.clone(), d.text.get(path)?.clone().into())))
                        .collect()
                });
                (to_text(&b.profile.to_value(), Layout::Compact), pending)
            });
            let mut saved = browser::storage_set(PROFILE_KEY, &json);
            if pending.is_empty() {
                browser::storage_remove(PENDING_KEY);
            } else {
                let pending = to_text(&serde_json::Value::Object(pending), Layout::Compact);
                saved &= browser::storage_set(PENDING_KEY, &pending);
            }
            saved &= browser::storage_set(REMEMBER_KEY, "1");
            // Said at once; the figures stay on the page, and are saved with the next change
            // that fits.
            let tell = !saved && failed.borrow().as_deref() != Some(json.as_str());
            *failed.borrow_mut() = (!saved).then_some(json);
            if tell {
                let t = |l: Lang| ui(l).storage_failed;
                s.say(true, Text::new(t(Lang::Zh), t(Lang::En)), vec![]);
            }
        }
    }));
}

/// Remembers the figures on this device from now on, or forgets them.
pub fn remember(s: State, on: bool) {
    s.change(|c| c.remember = on);
    if !on {
        forget_device();
    }
}

pub fn forget(s: State) {
    forget_device();
    s.change(|c| c.remember = false);
    let u = |l: Lang| ui(l).forgotten;
    s.say(false, Text::new(u(Lang::Zh), u(Lang::En)), vec![]);
}

/// Downloads the profile as a JSON file named after the company and the date.
pub fn export(s: State) {
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
}

/// Reads the file chosen in `input` into the figures.
pub fn import(s: State, input: web_sys::HtmlInputElement) {
    leptos::task::spawn_local(async move {
        let title = |l: Lang| ui(l).import_failed;
        let failure = Text::new(title(Lang::Zh), title(Lang::En));
        match browser::read_chosen_file(&input).await {
            Some(Ok(text)) => {
                if load_document(s, &text, failure, Near::Tools) {
                    let ok = |l: Lang| ui(l).import_ok;
                    s.say_near(
                        Near::Tools,
                        false,
                        Text::new(ok(Lang::Zh), ok(Lang::En)),
                        vec![],
                    );
                }
                browser::focus_soon(&format!("#{TOOLS_MESSAGE}"));
            }
            Some(Err(e)) => say_here(s, true, failure, vec![Text::new(e.clone(), e)]),
            None => {}
        }
        // Lets the same file be chosen again after it is fixed.
        input.set_value("");
    });
}

/// Says what a tool did beside the tools, where the keyboard user who used one is, and takes
/// them to it.
fn say_here(s: State, error: bool, title: Text, lines: Vec<Text>) {
    s.say_near(Near::Tools, error, title, lines);
    browser::focus_soon(&format!("#{TOOLS_MESSAGE}"));
}

const TOOLS_MESSAGE: &str = "q-tools-message";

/// How long "clear all" can be undone.
const UNDO_FOR: std::time::Duration = std::time::Duration::from_secs(10);

/// Clears every figure, keeping them for a while so that the clearing can be undone.
pub fn clear(s: State) {
    let before = s.draft.get_untracked();
    if before == Draft::default() {
        return;
    }
    State::replace(s.draft, Draft::default());
    let t = |l: Lang| ui(l).cleared;
    say_here(s, false, Text::new(t(Lang::Zh), t(Lang::En)), vec![]);
    s.change(|c| c.cleared = Some(before.clone()));
    set_timeout(
        move || {
            // Only this clearing's offer ends: a later one has its own ten seconds.
            if s.choices_untracked(|c| c.cleared.as_ref() == Some(&before)) {
                s.change(|c| {
                    c.cleared = None;
                    c.message = None;
                });
            }
        },
        UNDO_FOR,
    );
}

/// Puts back the figures "clear all" took away.
pub fn undo_clear(s: State) {
    let Some(before) = s.choices_untracked(|c| c.cleared.clone()) else {
        return;
    };
    State::replace(s.draft, before);
    s.change(|c| {
        c.cleared = None;
        c.message = None;
    });
    browser::focus_soon("#q-clear");
}

/// Makes a share link of the figures.
pub fn share(s: State) {
    let json = s
        .built
        .with_untracked(|b| to_text(&b.profile.to_value(), Layout::Compact));
    let url = browser::url_with_fragment(&link::fragment(&json), s.lang());
    s.change(|c| {
        c.share_link = Some(url);
        c.link_copied = false;
    });
}

pub fn copy_link(s: State) {
    if let Some(l) = s.choices_untracked(|c| c.share_link.clone()) {
        leptos::task::spawn_local(async move {
            let copied = browser::copy_text(&l).await;
            s.change(|c| c.link_copied = copied);
        });
    }
}

/// The share link is selected whole when it gets the focus, ready to copy.
pub fn select_link(ev: &web_sys::Event) {
    if let Some(i) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|i| i.id() == "q-share-link")
    {
        i.select();
    }
}

pub fn tools(s: State) -> Part {
    keep_remembered(s);
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        let action = |edit: Edit, class: &str, text: &str| {
            button(class, text).a("id", format!("q-{edit}")).edit(edit)
        };
        let remember = checkbox(
            "span",
            "q-remember",
            Edit::Remember,
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
                .edit(Edit::Import));
        let share = s.choices(|c| (c.share_link.clone(), c.link_copied));
        let share = share.0.map(|l| {
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
                    .p(Prop::Value(l)))
                .c(button("q-button", u.share_copy).edit(Edit::CopyLink))
                .c(h("span")
                    .a("role", "status")
                    .c_opt(share.1.then_some(u.share_copied)))
        });
        let note = s.choices(|c| {
            let m = c.message.as_ref().filter(|m| m.near == Near::Tools)?;
            let undo = c.cleared.is_some().then(|| {
                button("q-button", u.undo)
                    .a("id", "q-undo")
                    .edit(Edit::UndoClear)
            });
            Some(
                message_box(m, lang, TOOLS_MESSAGE)
                    .a("role", "status")
                    .a("tabindex", "-1")
                    .c_opt(undo),
            )
        });
        hc("section", "q-panel q-tools")
            .a("aria-labelledby", "q-tools-h")
            .c(h("h2").a("id", "q-tools-h").c(u.tools_heading))
            .c(hc("div", "q-row")
                .c(remember)
                .c(hc("span", "q-hint").c(u.remember_hint))
                .c(action(Edit::Forget, "q-button", u.forget)))
            .c(hc("div", "q-row q-row--buttons")
                .c(action(Edit::Export, "q-button", u.export))
                .c(import)
                .c(action(Edit::Share, "q-button", u.share))
                .c(action(Edit::Print, "q-button", u.print))
                .c(action(Edit::Clear, "q-button q-button--quiet", u.clear_all)))
            .c_opt(note)
            .c_opt(share)
            .c_opt((!crate::embed::embedded()).then(|| {
                // The screening page is its own wasm, loaded on this address (web/boot.js).
                let href = format!("?page=screen&lang={}&as_of={}", lang.code(), s.as_of());
                hc("p", "q-hint")
                    .c(hc("a", "q-link").a("href", href).c(u.screen_link))
                    .c(format!(" · {}", u.screen_hint))
            }))
    })
}

/// The stamp on a printed report: when, on which date's rules, with which packs.
pub fn stamp(s: State) -> Part {
    Part::new(move || {
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
        hc("section", "q-stamp")
            .a("aria-labelledby", "q-stamp-h")
            .c(h("h2").a("id", "q-stamp-h").c(u.print_stamp))
            .c(h("div")
                .c(list)
                .c(h("h3").c(u.packs_used))
                .c(packs)
                .c(hc("p", "q-hint").c(u.footer_note)))
    })
}
