//! Markup as plain data. The results, the ladder, the program pages and the report stamp are
//! built as trees of this type by ordinary functions, then put on the page by one renderer.
//!
//! Why not `view!` everywhere: every `view!` tree is its own generic type, and the browser build
//! carries rendering code for each one. These sections are large, static between updates and
//! rebuilt whole when the figures change, so one data type and one renderer serve them all at a
//! fraction of the size. The interactive parts (form fields, buttons) stay in `view!`.

use leptos::attr::custom::custom_attribute;
use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::style::style;

/// A node: an element or a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum M {
    E(Box<El>),
    T(String),
}

/// An element with its attributes and children.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct El {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub kids: Vec<M>,
}

/// Starts an element.
pub fn h(tag: &'static str) -> El {
    El {
        tag,
        attrs: Vec::new(),
        kids: Vec::new(),
    }
}

/// An element with a class.
pub fn hc(tag: &'static str, class: &str) -> El {
    h(tag).a("class", class)
}

impl El {
    /// Adds an attribute.
    pub fn a(mut self, key: &'static str, value: impl Into<String>) -> El {
        self.attrs.push((key, value.into()));
        self
    }

    /// Adds an attribute when there is a value.
    pub fn a_opt(self, key: &'static str, value: Option<impl Into<String>>) -> El {
        match value {
            Some(v) => self.a(key, v),
            None => self,
        }
    }

    /// Adds a child.
    pub fn c(mut self, child: impl Into<M>) -> El {
        self.kids.push(child.into());
        self
    }

    /// Adds a child when there is one.
    pub fn c_opt(self, child: Option<impl Into<M>>) -> El {
        match child {
            Some(c) => self.c(c),
            None => self,
        }
    }

    /// Adds children.
    pub fn cs<I: Into<M>>(mut self, children: impl IntoIterator<Item = I>) -> El {
        self.kids.extend(children.into_iter().map(Into::into));
        self
    }

    /// The value of an attribute, for tests.
    pub fn attr(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl From<El> for M {
    fn from(e: El) -> M {
        M::E(Box::new(e))
    }
}

impl From<String> for M {
    fn from(t: String) -> M {
        M::T(t)
    }
}

impl From<&str> for M {
    fn from(t: &str) -> M {
        M::T(t.to_string())
    }
}

impl M {
    /// All text below this node, for tests and for accessible names.
    pub fn text(&self) -> String {
        match self {
            M::T(t) => t.clone(),
            M::E(e) => e.kids.iter().map(M::text).collect(),
        }
    }

    /// Every element below and including this node, depth first.
    pub fn elements(&self) -> Vec<&El> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(m) = stack.pop() {
            if let M::E(e) = m {
                out.push(&**e);
                stack.extend(e.kids.iter().rev());
            }
        }
        out
    }
}

/// Puts markup on the page.
pub fn render(m: M) -> AnyView {
    match m {
        M::T(t) => t.into_any(),
        M::E(e) => {
            let El { tag, attrs, kids } = *e;
            let attrs: Vec<AnyAttribute> = attrs
                .into_iter()
                .flat_map(|(k, v)| match k {
                    "style" => declarations(&v)
                        .map(|(p, v)| style((p.to_string(), v.to_string())).into_any_attr())
                        .collect(),
                    _ => vec![custom_attribute(k, v).into_any_attr()],
                })
                .collect();
            let kids: Vec<AnyView> = kids.into_iter().map(render).collect();
            leptos::html::custom(tag)
                .child(kids)
                .add_any_attr(attrs)
                .into_any()
        }
    }
}

/// The `property:value` pairs of a `style` attribute. They are set one by one through the
/// element's CSSOM style rather than as an attribute: a Content-Security-Policy without
/// `'unsafe-inline'` styles (docs/hosting.md) blocks `style="…"` but allows the CSSOM.
fn declarations(style: &str) -> impl Iterator<Item = (&str, &str)> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| (p.trim(), v.trim()))
}

/// Puts a list of nodes on the page.
pub fn render_all(ms: Vec<M>) -> AnyView {
    ms.into_iter().map(render).collect::<Vec<_>>().into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_trees_and_reads_them_back() {
        let m: M = hc("ul", "q-list")
            .cs(["a", "b"].map(|t| h("li").a("data-x", t).c(t)))
            .c_opt(None::<El>)
            .into();
        assert_eq!(m.text(), "ab");
        let els = m.elements();
        assert_eq!(els.len(), 3);
        assert_eq!(els[0].attr("class"), Some("q-list"));
        assert_eq!(els[2].attr("data-x"), Some("b"));
    }

    #[test]
    fn style_attributes_split_into_declarations() {
        let pairs: Vec<_> = declarations("width: 37%;left:5%;").collect();
        assert_eq!(pairs, [("width", "37%"), ("left", "5%")]);
    }
}
