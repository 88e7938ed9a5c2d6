//! The page header: title, privacy promise, language and assessment date; and the status area
//! for messages about imports, links and storage.

use chrono::NaiveDate;
use qualify_engine::typed::parse_date_text;
use qualify_engine::{parse_date, Lang};

use crate::browser;
use crate::controls::{button, lang_buttons};
use crate::edit::Edit;
use crate::i18n::ui;
use crate::markup::{h, hc, El, Prop};
use crate::part::Part;
use crate::state::{Message, Near, State};

fn date(text: &str) -> Option<NaiveDate> {
    parse_date_text(text).ok().and_then(|d| parse_date(&d))
}

/// Switches the language, and says so in the address.
pub fn switch_lang(s: State, l: Lang) {
    s.change(|c| c.lang = l);
    browser::replace_query(&[("lang", Some(l.code()))]);
}

/// Takes what was typed in the date field: it stays as typed, and a date in it is the new
/// assessment date.
pub fn type_as_of(s: State, text: String) {
    let parsed = date(&text);
    s.change(|c| {
        c.as_of_typed = Some(text);
        if let Some(d) = parsed {
            c.as_of = d;
        }
    });
    if let Some(d) = parsed {
        browser::replace_query(&[("as_of", Some(&d.to_string()))]);
    }
}

pub fn header(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        let text = s.choices(|c| c.as_of_typed.clone().unwrap_or_else(|| c.as_of.to_string()));
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
                .edit(Edit::AsOf)
                .p(Prop::Value(text)))
            .c(h("p")
                .a("id", "q-as-of-hint")
                .a("class", if bad { "q-err" } else { "q-hint" })
                .c(if bad { u.as_of_invalid } else { u.as_of_hint }));
        let langs = hc("div", "q-langs")
            .a("role", "group")
            .a("aria-label", u.language)
            .cs(lang_buttons(lang));
        hc("header", "q-header")
            .c(hc("div", "q-brand")
                .c(hc("h1", "q-title").c(u.app_title))
                .c(hc("p", "q-tagline").c(u.app_tagline))
                .c(hc("p", "q-privacy").c(u.privacy_note)))
            .c(hc("div", "q-controls").c(langs).c(as_of))
    })
}

/// The status area: the message about what the user last did, if any.
pub fn messages(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let area = hc("div", "q-messages")
            .a("role", "status")
            .a("aria-live", "polite");
        s.choices(|c| {
            area.cs(c
                .message
                .iter()
                .filter(|m| m.near == Near::Page)
                .map(|m| message_box(m, lang, "q-message")))
        })
    })
}

/// A message with its lines and a button that dismisses it.
pub fn message_box(m: &Message, lang: Lang, id: &str) -> El {
    let lines =
        (!m.lines.is_empty()).then(|| h("ul").cs(m.lines.iter().map(|l| h("li").c(l.get(lang)))));
    h("div")
        .a(
            "class",
            if m.error {
                "q-message q-message--error"
            } else {
                "q-message"
            },
        )
        .a("id", id)
        .c(hc("p", "q-message-title").c(m.title.get(lang)))
        .c_opt(lines)
        .c(button("q-button q-button--quiet", ui(lang).dismiss).edit(Edit::DismissMessage))
}
