//! Markup as plain data. The interface is built as trees of this type by ordinary functions,
//! then put on the page by one renderer.
//!
//! Why not `view!`: every `view!` tree is its own generic type, and the browser build carries
//! rendering code for each one and for each of its handlers. One data type and one renderer that
//! patches the page serve every part at a fraction of the size. A control carries its live state
//! as properties (see `set_properties`) and names what it does in `data-edit`, for the one
//! handler of its part of the page (see `components::form::edited`).

use leptos::html::ElementType;
use leptos::prelude::*;
use leptos::tachys::html::node_ref::NodeRefContainer;
use std::rc::Rc;
use wasm_bindgen::JsCast;

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

/// Keeps the children of an element equal to the markup `content` returns: the element's
/// `node_ref` is `kept(content)`. Built when the element is (so a view with kept children is
/// whole as soon as it is mounted), then patched, changing only the texts, attributes and
/// elements that differ from the markup shown before. Rebuilding whole cards on every keystroke
/// made the page take ~50 ms to follow an input; and patching leaves what the user changed in
/// place, like a `<details>` they opened or what they are typing. The element must have no
/// children of its own in its `view!`.
pub fn kept(content: impl Fn() -> Vec<M> + 'static) -> Kept {
    kept_element(move || El {
        tag: "",
        attrs: Vec::new(),
        kids: content(),
    })
}

/// `kept` for the element's attributes too: they and its children are those of the element
/// `content` returns, whose tag is not read. The element must have no attributes of its own in
/// its `view!` either.
pub fn kept_element(content: impl Fn() -> El + 'static) -> Kept {
    let content: Rc<dyn Fn() -> El> = Rc::new(content);
    let kept = Kept {
        content: StoredValue::new_local(content.clone()),
        shown: StoredValue::new_local(None),
        listener: Listener(StoredValue::new_local(None)),
    };
    crate::effect(Box::new(move || {
        let new = content();
        kept.shown.update_value(|shown| {
            if let Some((el, old)) = shown {
                // The view puts a placeholder for its own (empty) children after the ones
                // built when it loaded the element.
                while el.child_nodes().length() as usize > old.kids.len() {
                    match el.last_child() {
                        Some(last) if last.node_type() != web_sys::Node::ELEMENT_NODE => {
                            let _ = el.remove_child(&last);
                        }
                        _ => break,
                    }
                }
                patch_element(el, old, &new);
                *old = new;
            }
        });
    }));
    kept
}

/// The markup of an element, and the element once it is built (see `kept`).
#[derive(Clone, Copy)]
pub struct Kept {
    content: StoredValue<Rc<dyn Fn() -> El>, LocalStorage>,
    shown: StoredValue<Option<(web_sys::Element, El)>, LocalStorage>,
    listener: Listener,
}

/// One handler for the events on an element and inside it, in place of `on:` handlers in the
/// element's `view!`: each of those has a type of its own, and so its own copy of the event
/// code in the browser build. It lives as long as the view that made it.
#[derive(Clone, Copy)]
pub struct Listener(StoredValue<Option<Handler>, LocalStorage>);

struct Handler {
    events: &'static [&'static str],
    run: wasm_bindgen::closure::Closure<dyn Fn(web_sys::Event)>,
    /// What it listens on, once attached.
    on: Option<web_sys::EventTarget>,
}

impl<E: ElementType> NodeRefContainer<E> for Kept {
    fn load(self, el: &web_sys::Element) {
        self.show_in(el);
    }
}

impl Kept {
    /// Calls `handler` with each event of the types `events` on the element or inside it (see
    /// `Listener`).
    pub fn on(
        self,
        events: &'static [&'static str],
        handler: impl Fn(&web_sys::Event) + 'static,
    ) -> Kept {
        self.listener.set(events, Box::new(move |ev| handler(&ev)));
        self
    }

    /// `load` without its type parameter, so the browser build carries one copy.
    fn show_in(self, el: &web_sys::Element) {
        // Untracked: the view being built must not rebuild when the markup changes.
        let new = untrack(|| self.content.with_value(|content| content()));
        // A view rebuilt in place loads its element again.
        let old = self
            .shown
            .try_update_value(Option::take)
            .flatten()
            .filter(|(shown, _)| shown == el)
            .map_or_else(|| h(new.tag), |(_, old)| old);
        patch_element(el, &old, &new);
        self.shown.set_value(Some((el.clone(), new)));
        self.listener.attach(el);
    }
}

impl Listener {
    /// Calls `handler` with each event of the types `events` on the element it is attached to
    /// or inside it.
    pub fn new(
        events: &'static [&'static str],
        handler: impl Fn(&web_sys::Event) + 'static,
    ) -> Listener {
        let listener = Listener(StoredValue::new_local(None));
        listener.set(events, Box::new(move |ev| handler(&ev)));
        listener
    }

    fn set(self, events: &'static [&'static str], run: Box<dyn Fn(web_sys::Event)>) {
        self.0.set_value(Some(Handler {
            events,
            run: wasm_bindgen::closure::Closure::wrap(run),
            on: None,
        }));
    }

    /// Listens on `el` instead of where it listened before, unless it listens there already.
    pub fn attach(self, el: &web_sys::EventTarget) {
        self.0.update_value(|handler| {
            if let Some(h) = handler.as_mut().filter(|h| h.on.as_ref() != Some(el)) {
                h.detach();
                for event in h.events {
                    let _ =
                        el.add_event_listener_with_callback(event, h.run.as_ref().unchecked_ref());
                }
                h.on = Some(el.clone());
            }
        });
    }
}

impl Handler {
    fn detach(&mut self) {
        if let Some(on) = self.on.take() {
            for event in self.events {
                let _ = on
                    .remove_event_listener_with_callback(event, self.run.as_ref().unchecked_ref());
            }
        }
    }
}

/// The handler goes with the view that made it, while what it listens on (the window, say) may
/// stay: an event there must not call a closure that is gone.
impl Drop for Handler {
    fn drop(&mut self) {
        self.detach();
    }
}

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the app runs in a page")
}

fn create(doc: &web_sys::Document, m: &M) -> web_sys::Node {
    match m {
        M::T(t) => doc.create_text_node(t).into(),
        M::E(e) => {
            let el = doc
                .create_element(e.tag)
                .expect("markup uses valid tag names");
            patch_element(&el, &h(e.tag), e);
            el.into()
        }
    }
}

/// Sets an attribute that was `old` to `new`. A style is set one declaration at a time through
/// the element's CSSOM instead: a Content-Security-Policy without `'unsafe-inline'` styles
/// (docs/hosting.md) blocks `style="…"` but allows the CSSOM.
fn set_attribute(el: &web_sys::Element, key: &str, old: Option<&str>, new: &str) {
    if key != "style" {
        let _ = el.set_attribute(key, new);
        return;
    }
    let Some(style) = el.dyn_ref::<web_sys::HtmlElement>().map(|e| e.style()) else {
        return;
    };
    for (property, _) in declarations(old.unwrap_or_default()) {
        if !declarations(new).any(|(p, _)| p == property) {
            let _ = style.remove_property(property);
        }
    }
    for (property, value) in declarations(new) {
        let _ = style.set_property(property, value);
    }
}

/// Whether an attribute of the markup stands for a property of the element: `.value` and
/// `.checked` are what a control shows now, which its `value` and `checked` attributes stop
/// saying once the user has changed it.
fn is_property(key: &str) -> bool {
    key.starts_with('.')
}

/// Sets the properties of `e` that the element does not hold already. Compared with the element
/// rather than the markup shown before: the user changes them without the markup knowing, and
/// setting an input's value to what it holds would move the caret. Set after the children, so
/// a select's value finds its option.
fn set_properties(el: &web_sys::Element, e: &El) {
    for (k, v) in e.attrs.iter().filter(|(k, _)| is_property(k)) {
        let name = wasm_bindgen::JsValue::from_str(&k[1..]);
        let value = if *k == ".value" {
            v.as_str().into()
        } else {
            (v == "true").into()
        };
        if js_sys::Reflect::get(el, &name).ok().as_ref() != Some(&value) {
            let _ = js_sys::Reflect::set(el, &name, &value);
        }
    }
}

/// The `property:value` pairs of a `style` attribute.
fn declarations(style: &str) -> impl Iterator<Item = (&str, &str)> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(p, v)| (p.trim(), v.trim()))
}

/// What makes two nodes the same one in an older and a newer markup: tag and id (or, for a
/// program's card, its program), or tag and first class for an element without either. The id
/// keeps a control the user is on in place when fields before it come or go.
fn key(m: &M) -> (&str, &str) {
    match m {
        M::T(_) => ("#text", ""),
        M::E(e) => (
            e.tag,
            identity(e)
                .or_else(|| e.attr("class").and_then(|c| c.split(' ').next()))
                .unwrap_or_default(),
        ),
    }
}

/// What names an element uniquely among its siblings, if anything does.
fn identity(e: &El) -> Option<&str> {
    e.attr("id").or_else(|| e.attr("data-program"))
}

/// Makes `parent`'s children, which show `old`, show `new`. Children are matched in order by
/// their key, so a line that appears or goes (a gap, a bar) leaves the ones after it in place.
/// An element with an identity is matched wherever it was and moved, not rebuilt, when the
/// order changes: a card sorted anew stays open.
fn patch_kids(parent: &web_sys::Node, old: &[M], new: &[M]) {
    let list = parent.child_nodes();
    let nodes: Vec<web_sys::Node> = (0..list.length()).filter_map(|i| list.item(i)).collect();
    let doc = document();
    if nodes.len() != old.len() {
        // Something else changed these children: start afresh rather than patch blind.
        parent.set_text_content(None);
        for m in new {
            let _ = parent.append_child(&create(&doc, m));
        }
        return;
    }
    let mut used = vec![false; old.len()];
    let mut next = 0;
    let mut placed: Option<web_sys::Node> = None;
    for m in new {
        let from = match m {
            M::E(e) if identity(e).is_some() => 0,
            _ => next,
        };
        let at = placed
            .as_ref()
            .map_or_else(|| parent.first_child(), web_sys::Node::next_sibling);
        let node = match (from..old.len()).find(|&k| !used[k] && key(&old[k]) == key(m)) {
            Some(k) => {
                used[k] = true;
                next = next.max(k + 1);
                if at.as_ref() != Some(&nodes[k]) {
                    let _ = parent.insert_before(&nodes[k], at.as_ref());
                }
                // Equal keys are nodes of one kind, so the node is patched in place.
                patch(&doc, parent, &nodes[k], &old[k], m);
                nodes[k].clone()
            }
            None => {
                let node = create(&doc, m);
                let _ = parent.insert_before(&node, at.as_ref());
                node
            }
        };
        placed = Some(node);
    }
    for (gone, _) in nodes.iter().zip(used).filter(|(_, used)| !used) {
        let _ = parent.remove_child(gone);
    }
}

fn patch(doc: &web_sys::Document, parent: &web_sys::Node, node: &web_sys::Node, old: &M, new: &M) {
    if old == new {
        return;
    }
    match (old, new) {
        (M::E(a), M::E(b)) => patch_element(node.unchecked_ref(), a, b),
        (M::T(_), M::T(t)) => node.set_text_content(Some(t)),
        _ => {
            let _ = parent.replace_child(&create(doc, new), node);
        }
    }
}

/// Makes `el`, which shows `old`, show `new`: attributes, children, then properties.
fn patch_element(el: &web_sys::Element, old: &El, new: &El) {
    for (k, v) in &new.attrs {
        let before = old.attr(k);
        if before != Some(v.as_str()) && !is_property(k) {
            set_attribute(el, k, before, v);
        }
    }
    for (k, _) in &old.attrs {
        if new.attr(k).is_none() && !is_property(k) {
            let _ = el.remove_attribute(k);
        }
    }
    patch_kids(el, &old.kids, &new.kids);
    set_properties(el, new);
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
