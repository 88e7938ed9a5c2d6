//! Markup sent between wasm modules: the plan's worker builds its part of the page as markup
//! (`plan_worker.rs`) and the page puts it on screen with its own renderer. On the wire it is
//! JSON: a text is a string, an element `[tag, key, [[name, value], ...], [prop, ...], [kid,
//! ...]]` with a prop `["value", s]`, `["checked", b]` or `["open", b]`.
//!
//! Tag and attribute names are `&'static str` in `El`; the page takes them from [`NAMES`], so
//! markup from elsewhere can only use the names the page knows, and a name it does not know
//! makes the whole markup unreadable rather than a page with holes in it.

use serde_json::Value;

use crate::markup::{El, Prop, M};

/// Every tag and attribute name markup from the worker may use.
pub const NAMES: &[&str] = &[
    // tags
    "section",
    "article",
    "div",
    "span",
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "strong",
    "em",
    "small",
    "time",
    "a",
    "details",
    "summary",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "br",
    // attributes
    "class",
    "id",
    "lang",
    "title",
    "role",
    "href",
    "datetime",
    "hidden",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "data-program",
    "data-window",
    "data-standing",
    "data-criterion",
    "data-status",
    "data-kind",
    "data-year",
    "data-expected",
    "scope",
    "colspan",
    "rel",
    "target",
];

fn name(s: &str) -> Option<&'static str> {
    NAMES.iter().find(|n| **n == s).copied()
}

/// Markup as JSON, for the page.
pub fn to_json(m: &M) -> Value {
    match m {
        M::T(t) => Value::String(t.clone()),
        M::E(e) => {
            let attrs = (e.attrs.iter())
                .map(|(k, v)| Value::from(vec![Value::from(*k), Value::from(v.as_str())]))
                .collect::<Vec<_>>();
            let props = (e.props.iter())
                .map(|p| match p {
                    Prop::Value(v) => {
                        Value::from(vec![Value::from("value"), Value::from(v.as_str())])
                    }
                    Prop::Checked(b) => Value::from(vec![Value::from("checked"), Value::from(*b)]),
                    Prop::Open(b) => Value::from(vec![Value::from("open"), Value::from(*b)]),
                })
                .collect::<Vec<_>>();
            Value::from(vec![
                Value::from(e.tag),
                e.key.as_deref().map_or(Value::Null, Value::from),
                Value::from(attrs),
                Value::from(props),
                Value::from(e.kids.iter().map(to_json).collect::<Vec<_>>()),
            ])
        }
    }
}

/// Markup from JSON; `None` for anything but what [`to_json`] writes with known names.
pub fn from_json(v: &Value) -> Option<M> {
    if let Value::String(t) = v {
        return Some(M::T(t.clone()));
    }
    let [tag, key, attrs, props, kids] = v.as_array()?.as_slice() else {
        return None;
    };
    let mut el = El {
        tag: name(tag.as_str()?)?,
        key: match key {
            Value::Null => None,
            k => Some(k.as_str()?.to_string()),
        },
        attrs: Vec::new(),
        props: Vec::new(),
        kids: Vec::new(),
    };
    for a in attrs.as_array()? {
        let [k, v] = a.as_array()?.as_slice() else {
            return None;
        };
        el.attrs.push((name(k.as_str()?)?, v.as_str()?.to_string()));
    }
    for p in props.as_array()? {
        let [k, v] = p.as_array()?.as_slice() else {
            return None;
        };
        el.props.push(match k.as_str()? {
            "value" => Prop::Value(v.as_str()?.to_string()),
            "checked" => Prop::Checked(v.as_bool()?),
            "open" => Prop::Open(v.as_bool()?),
            _ => return None,
        });
    }
    for k in kids.as_array()? {
        el.kids.push(from_json(k)?);
    }
    Some(M::E(Box::new(el)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{h, hc};

    #[test]
    fn markup_goes_through_json_and_back() {
        let m: M = hc("section", "q-plan")
            .a("data-program", "cn-hnte")
            .key("cn-hnte")
            .p(Prop::Open(true))
            .c(h("h3").c("标题"))
            .c("text")
            .into();
        assert_eq!(from_json(&to_json(&m)), Some(m));
    }

    #[test]
    fn unknown_names_and_shapes_are_refused() {
        let v: Value = serde_json::from_str(r#"["script", null, [], [], []]"#).unwrap();
        assert_eq!(from_json(&v), None);
        let v: Value = serde_json::from_str(r#"["p", null, [["onclick", "x"]], [], []]"#).unwrap();
        assert_eq!(from_json(&v), None);
        let v: Value = serde_json::from_str(r#"["p", null, [], [["inner", "x"]], []]"#).unwrap();
        assert_eq!(from_json(&v), None);
        let v: Value = serde_json::from_str(r#"["p", null, []]"#).unwrap();
        assert_eq!(from_json(&v), None);
        assert_eq!(from_json(&Value::from(3)), None);
    }
}
