//! Markup as plain data. The interface is built as trees of this type by ordinary functions,
//! then put on the page and kept there by one renderer (`render.rs`, in the parts of the page
//! of `part.rs`).
//!
//! Why not `view!`: every `view!` tree is its own generic type, and the browser build carries
//! rendering code for each one and for each of its handlers. One data type and one renderer that
//! patches the page serve every part at a fraction of the size, and the builders are plain
//! functions that the native tests run (`report.rs`). A control carries its live state as typed
//! properties (`Prop`) and names what it does in `data-edit` (`edit.rs`), for the app's one
//! listener.

/// A node: an element or a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum M {
    E(Box<El>),
    T(String),
}

/// An element with its attributes, properties and children.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct El {
    pub tag: &'static str,
    /// Names the element among its siblings in every markup of them, so that the renderer
    /// keeps it (moved, when the order changes) rather than building another: a card the user
    /// opened, a field the user is typing in. Elements without a key are matched by their place
    /// among the siblings of their tag that have none.
    pub key: Option<String>,
    pub attrs: Vec<(&'static str, String)>,
    pub props: Vec<Prop>,
    pub kids: Vec<M>,
}

/// What an element shows now, as a property of the DOM element rather than an attribute: once
/// the user has typed or clicked, the `value`, `checked` and `open` attributes no longer say
/// what the element shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prop {
    /// What a text box holds or a select has chosen. Set only where the element holds
    /// something else, so the caret stays where the user is typing.
    Value(String),
    /// Whether a checkbox or radio button is ticked, set where the element differs.
    Checked(bool),
    /// Whether a `<details>` is open when it is built or when the markup changes its mind: in
    /// between, the user's own opening and closing stands.
    Open(bool),
    /// Markup made elsewhere as HTML (the plan's worker, `markup_wire.rs`), set as the element's
    /// content when it changes. The element has no children of its own markup.
    Html(String),
}

/// Starts an element.
pub fn h(tag: &'static str) -> El {
    El {
        tag,
        key: None,
        attrs: Vec::new(),
        props: Vec::new(),
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

    /// Names the element among its siblings (see `El::key`).
    pub fn key(mut self, key: impl Into<String>) -> El {
        self.key = Some(key.into());
        self
    }

    /// Sets a property.
    pub fn p(mut self, prop: Prop) -> El {
        self.props.push(prop);
        self
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

/// The `property:value` pairs of a `style` attribute.
pub fn declarations(style: &str) -> impl Iterator<Item = (&str, &str)> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| (p.trim(), v.trim()))
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

    #[test]
    fn keys_and_properties_are_typed() {
        let e = h("input")
            .key("years.2024.revenue")
            .p(Prop::Value("1500".into()));
        assert_eq!(e.key.as_deref(), Some("years.2024.revenue"));
        assert_eq!(e.props, [Prop::Value("1500".into())]);
        assert!(e.attrs.is_empty(), "properties are not attributes");
    }
}
