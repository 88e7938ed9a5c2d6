//! The app inside a host page: web/embed.js puts it in an iframe with `?embed=1`, the host's
//! origin (`?parent=`) and its theme (`?accent=`, `?font=`); docs/embed.md describes them.
//! Embedded, the app trades its header and footer for a slim bar and tells the host page its
//! height, so the iframe grows and shrinks with the results instead of scrolling inside.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::controls::lang_buttons;
use crate::i18n::ui;
use crate::markup::hc;
use crate::part::Part;
use crate::state::State;

/// The message embed.js listens for.
const HEIGHT_MESSAGE: &str = "qualify:height";

/// Whether the page is the embedded app.
pub fn embedded() -> bool {
    browser::query("embed").as_deref() == Some("1")
}

/// The host page's address for share links (`?share=`, from `data-share-url`), when the app is
/// embedded by that very page's site: an address anyone wrote into a link could otherwise send
/// the figures in a share link's fragment to a stranger's page.
pub fn share_url() -> Option<web_sys::Url> {
    if !embedded() {
        return None;
    }
    let given = browser::query("share")?;
    let url = web_sys::Url::new(given.trim()).ok()?;
    let parent = crate::host::framing_origin()?;
    (matches!(url.protocol().as_str(), "https:" | "http:") && url.origin() == parent).then_some(url)
}

/// The host's theme, each value checked: it is set as a CSS custom property, and a URL anyone
/// can write must not put arbitrary CSS on the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Theme {
    pub accent: Option<String>,
    pub font: Option<String>,
}

impl Theme {
    pub fn from_url() -> Theme {
        Theme::checked(browser::query("accent"), browser::query("font"))
    }

    pub fn checked(accent: Option<String>, font: Option<String>) -> Theme {
        Theme {
            accent: accent.filter(|a| is_colour(a)),
            font: font.filter(|f| is_font_list(f)),
        }
    }
}

/// A CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, a colour function such as
/// `rgb(11 92 173)` or `hsl(210, 88%, 36%)`, or a named colour. The browser drops a value of
/// this shape that is still no colour, as it does any invalid custom property value.
pub fn is_colour(v: &str) -> bool {
    const FUNCTIONS: [&str; 8] = [
        "rgb(", "rgba(", "hsl(", "hsla(", "hwb(", "lab(", "lch(", "oklch(",
    ];
    if let Some(hex) = v.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(f) = FUNCTIONS.iter().find(|f| v.starts_with(*f)) {
        let Some(args) = v[f.len()..].strip_suffix(')') else {
            return false;
        };
        return args.len() <= 60
            && args
                .chars()
                .all(|c| c.is_ascii_digit() || " .,%/-deg".contains(c));
    }
    (3..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_lowercase())
}

/// A `font-family` list: names, quoted or not, separated by commas.
pub fn is_font_list(v: &str) -> bool {
    !v.trim().is_empty()
        && v.len() <= 200
        && v.chars()
            .all(|c| c.is_alphanumeric() || " ,-_.\"'".contains(c))
        && v.chars().filter(|c| *c == '"').count() % 2 == 0
        && v.chars().filter(|c| *c == '\'').count() % 2 == 0
}

/// An origin as `location.origin` writes it (`https://host[:port]`), or `None`.
pub fn origin(v: &str) -> Option<&str> {
    let host = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))?;
    let plain = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c));
    plain.then_some(v)
}

/// Sets the theme on the app's root, through the CSSOM (a strict CSP allows it, unlike a
/// `style` attribute).
fn apply_theme(el: &web_sys::HtmlElement, theme: &Theme) {
    let style = el.style();
    for (property, value) in [("--q-accent", &theme.accent), ("--q-font", &theme.font)] {
        if let Some(value) = value {
            let _ = style.set_property(property, value);
        }
    }
}

/// Posts the app's height to the host page whenever it changes. Only the origin the host page
/// gave receives it: the browser drops the message if the parent is any other.
fn report_height(el: web_sys::HtmlElement, parent_origin: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    if js_sys::Object::is(&parent, &window) {
        return;
    }
    // The iframe is as tall as the app, so the page itself adds no margin around it.
    if let Some(body) = window.document().and_then(|d| d.body()) {
        let _ = body.style().set_property("margin", "0");
    }
    let mut last = 0;
    let target = el.clone();
    let changed = Closure::<dyn FnMut()>::new(move || {
        let height = target.get_bounding_client_rect().height().ceil() as i32;
        if height == last {
            return;
        }
        last = height;
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
        let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
        let _ = parent.post_message(&message, &parent_origin);
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(changed.as_ref().unchecked_ref()) {
        observer.observe(&el);
        // Observer and callback live as long as the page.
        changed.forget();
    }
}

/// Applies the theme to the app's root and, embedded, starts reporting its height.
pub fn attach(el: web_sys::HtmlElement, theme: &Theme) {
    apply_theme(&el, theme);
    if !embedded() {
        return;
    }
    if let Some(parent) = browser::query("parent").and_then(|p| origin(&p).map(str::to_string)) {
        report_height(el, parent);
    }
}

/// The embedded app's header: the languages and the privacy promise, in one line.
pub fn bar(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        // A banner landmark, as the full app's header is, so nothing of the page lies outside
        // every landmark.
        hc("header", "q-embed-bar")
            .c(hc("h1", "q-vh").c(u.app_title))
            .c(hc("div", "q-langs")
                .a("role", "group")
                .a("aria-label", u.language)
                .cs(lang_buttons(lang)))
            .c(hc("p", "q-privacy").c(u.privacy_note))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_pass_and_css_does_not() {
        for ok in [
            "#0b5cad",
            "#c00",
            "#0b5cadcc",
            "rgb(11 92 173)",
            "rgba(11, 92, 173, 0.9)",
            "hsl(210deg 88% 36%)",
            "darkgreen",
        ] {
            assert!(is_colour(ok), "{ok}");
        }
        for bad in [
            "",
            "#12",
            "#ggg",
            "red; background: url(https://x.example/t)",
            "rgb(1 2 3); color: red",
            "rgb(1 2 3",
            "var(--x)",
            "url(x)",
            "expression(alert(1))",
            "Red",
        ] {
            assert!(!is_colour(bad), "{bad}");
        }
    }

    #[test]
    fn font_lists_pass_and_css_does_not() {
        for ok in [
            "Georgia, serif",
            "\"Source Han Sans SC\", sans-serif",
            "'微软雅黑', 'Microsoft YaHei'",
        ] {
            assert!(is_font_list(ok), "{ok}");
        }
        for bad in [
            "",
            "  ",
            "serif; color: red",
            "x} body {display:none",
            "url(https://x.example/f.woff2)",
            "\"unclosed, serif",
        ] {
            assert!(!is_font_list(bad), "{bad}");
        }
        let theme = Theme::checked(Some("red;x".into()), Some("Georgia, serif".into()));
        assert_eq!(theme.accent, None);
        assert_eq!(theme.font.as_deref(), Some("Georgia, serif"));
    }

    #[test]
    fn parent_origins_are_plain_origins() {
        assert_eq!(
            origin("https://www.xm.gov.cn"),
            Some("https://www.xm.gov.cn")
        );
        assert_eq!(
            origin("http://127.0.0.1:8080"),
            Some("http://127.0.0.1:8080")
        );
        for bad in [
            "*",
            "/",
            "https://",
            "https://x.example/path",
            "javascript:alert(1)",
            "https://user@x.example",
        ] {
            assert_eq!(origin(bad), None, "{bad}");
        }
    }
}
