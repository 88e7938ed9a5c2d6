//! Controls the parts of the page share, as markup: buttons, checkboxes, selects, the language
//! buttons, and element ids made from contract paths.

use qualify_engine::Lang;

use crate::edit::Edit;
use crate::markup::{h, hc, El, Prop};

/// An element id for a contract path.
pub fn field_id(prefix: &str, path: &str) -> String {
    let mut id = String::from(prefix);
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// A button that does not submit its form.
pub fn button(class: &str, text: &str) -> El {
    h("button").a("type", "button").a("class", class).c(text)
}

/// A checkbox with its label after it, in a `q-check` wrapper.
pub fn checkbox(
    wrapper: &'static str,
    id: &str,
    edit: Edit,
    checked: bool,
    disabled: bool,
    label: &str,
) -> El {
    hc(wrapper, "q-check")
        .c(h("input")
            .a("type", "checkbox")
            .a("id", id)
            .edit(edit)
            .a_opt("disabled", disabled.then_some(""))
            .p(Prop::Checked(checked)))
        .c(h("label").a("for", id).c(label))
}

/// A select with an empty choice first.
pub fn select<'a>(empty: &str, options: impl IntoIterator<Item = (&'a str, &'a str)>) -> El {
    h("select")
        .c(h("option").a("value", "").c(empty))
        .cs(options
            .into_iter()
            .map(|(value, text)| h("option").a("value", value).c(text)))
}

/// The language buttons, each in its own language.
pub fn lang_buttons(now: Lang) -> Vec<El> {
    [(Lang::Zh, "中文"), (Lang::En, "English")]
        .into_iter()
        .map(|(l, text)| {
            button("q-lang", text)
                .a("lang", l.html_lang())
                .a("aria-pressed", (now == l).to_string())
                .edit(Edit::Lang(l))
        })
        .collect()
}
