//! The renderer: builds the DOM nodes of markup (`markup.rs`) and then patches them to show newer
//! markup, changing only the texts, attributes, properties and children that differ.
//!
//! It reconciles against a mirror of what it built (`Shown`: each node of the markup shown with
//! the DOM node made for it), never against the element's `childNodes`, because the page is not
//! only ours: a browser's translation swaps texts for `<font>` elements, password managers and
//! extensions add icons and wrappers. Nodes the renderer did not make are never looked at, so they
//! stay where they are and can never make it rebuild a parent. Removing a child removes that one
//! node. Children are matched by key wherever they were (`El::key`), others by their place among
//! the unkeyed siblings of their tag; the matched ones already in order stay put (the longest
//! increasing run of their old places), and only the others move. The node that holds the keyboard
//! focus, and every node around it, is always among those that stay: moving it would take it
//! out of the page for a moment, and the focus with it.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Node};

use crate::markup::{declarations, El, Prop, M};

/// A node the renderer put on the page, with the nodes it put inside it, in the order of the
/// markup's children.
pub struct Shown {
    node: Node,
    kids: Vec<Shown>,
}

impl Shown {
    pub fn node(&self) -> &Node {
        &self.node
    }
}

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the app runs in a page")
}

/// Builds the DOM nodes of `m`.
pub fn build(m: &M) -> Shown {
    create(&document(), m)
}

fn create(doc: &Document, m: &M) -> Shown {
    match m {
        M::T(t) => Shown {
            node: doc.create_text_node(t).into(),
            kids: Vec::new(),
        },
        M::E(e) => {
            let el = doc
                .create_element(e.tag)
                .expect("markup uses valid tag names");
            for (k, v) in &e.attrs {
                set_attribute(&el, k, None, v);
            }
            let kids = e
                .kids
                .iter()
                .map(|m| {
                    let kid = create(doc, m);
                    let _ = el.append_child(&kid.node);
                    kid
                })
                .collect();
            set_properties(&el, &[], &e.props);
            Shown {
                node: el.into(),
                kids,
            }
        }
    }
}

/// Makes the element `shown`, which shows `old`, show `new`: its attributes, children and
/// properties. Its tag stays.
pub fn patch(shown: &mut Shown, old: &El, new: &El) {
    let focus = focus_path(&shown.node);
    patch_element(&document(), shown, old, new, &focus);
}

/// The nodes from `root`'s child that holds the keyboard focus down to the focused element;
/// empty when the focus is not inside `root`.
fn focus_path(root: &Node) -> Vec<Node> {
    let Some(active) = document().active_element() else {
        return Vec::new();
    };
    let active: Node = active.into();
    if &active == root || !root.contains(Some(&active)) {
        return Vec::new();
    }
    let mut path = vec![active];
    while let Some(parent) = path.last().and_then(Node::parent_node) {
        if &parent == root {
            break;
        }
        path.push(parent);
    }
    path.reverse();
    path
}

fn patch_element(doc: &Document, shown: &mut Shown, old: &El, new: &El, focus: &[Node]) {
    if old == new {
        return;
    }
    let el: &Element = shown.node.unchecked_ref();
    for (k, v) in &new.attrs {
        let before = old.attr(k);
        if before != Some(v.as_str()) {
            set_attribute(el, k, before, v);
        }
    }
    for (k, _) in &old.attrs {
        if new.attr(k).is_none() {
            if *k == "style" {
                // Chromium writes a style set through the CSSOM into the attribute only when the
                // attribute is read: removed before that, it comes back as `style=""`.
                let _ = el.get_attribute(k);
            }
            let _ = el.remove_attribute(k);
        }
    }
    if old.kids != new.kids {
        let kids = std::mem::take(&mut shown.kids);
        shown.kids = patch_kids(doc, el, &old.kids, kids, &new.kids, focus);
    }
    // After the children, so that a select's value finds its option.
    set_properties(el, &old.props, &new.props);
}

/// Makes `parent`'s children, which show `old` through `shown`, show `new`; returns what
/// shows them.
fn patch_kids(
    doc: &Document,
    parent: &Element,
    old: &[M],
    shown: Vec<Shown>,
    new: &[M],
    focus: &[Node],
) -> Vec<Shown> {
    let parent_node: &Node = parent;
    let mut pairs = matches(old, new);
    let mut shown: Vec<Option<Shown>> = shown.into_iter().map(Some).collect();
    // A node someone else took out (a translation that replaced a text, say) is built anew,
    // so the page shows what it should; whatever took its place is theirs and stays.
    for from in pairs.iter_mut() {
        let gone = from
            .and_then(|k| shown[k].as_ref())
            .is_some_and(|s| s.node.parent_node().as_ref() != Some(parent_node));
        if gone {
            *from = None;
        }
    }
    let focused = focus.first().and_then(|f| {
        shown
            .iter()
            .position(|s| s.as_ref().is_some_and(|s| s.node == *f))
    });
    let stay = staying(&pairs, focused);
    let mut used = vec![false; old.len()];
    for k in pairs.iter().flatten() {
        used[*k] = true;
    }
    for (s, _) in shown.iter().zip(&used).filter(|(_, used)| !**used) {
        if let Some(s) = s {
            let _ = parent.remove_child(&s.node);
        }
    }
    // From the last child to the first, each placed before the one after it.
    let mut out = Vec::with_capacity(new.len());
    let mut next: Option<Node> = None;
    for (j, m) in new.iter().enumerate().rev() {
        let kid = match pairs[j].and_then(|k| Some((k, shown[k].take()?))) {
            Some((k, mut kid)) => {
                let inner = match focused == Some(k) {
                    true => &focus[1..],
                    false => &[],
                };
                patch_node(doc, &mut kid, &old[k], m, inner);
                if !stay[j] {
                    let _ = parent.insert_before(&kid.node, next.as_ref());
                }
                kid
            }
            None => {
                let kid = create(doc, m);
                let _ = parent.insert_before(&kid.node, next.as_ref());
                kid
            }
        };
        next = Some(kid.node.clone());
        out.push(kid);
    }
    out.reverse();
    out
}

/// Patches a matched child, which has the same kind of node as before.
fn patch_node(doc: &Document, kid: &mut Shown, old: &M, new: &M, focus: &[Node]) {
    match (old, new) {
        (M::E(a), M::E(b)) => patch_element(doc, kid, a, b, focus),
        (M::T(a), M::T(b)) if a != b => kid.node.set_text_content(Some(b)),
        _ => {}
    }
}

/// What pairs an old child with a new one.
#[derive(PartialEq)]
enum Identity<'a> {
    /// A keyed element: its kind and key.
    Keyed(Kind<'a>, &'a str),
    /// Anything else: its kind.
    Kind(Kind<'a>),
}

/// A tag (`#text` for a text), with the type of an input: a text box and a checkbox are not one
/// element with an attribute changed, as a value set on the one would be the other's attribute.
type Kind<'a> = (&'a str, Option<&'a str>);

fn identity(m: &M) -> Identity<'_> {
    match m {
        M::T(_) => Identity::Kind(("#text", None)),
        M::E(e) => {
            let kind = (e.tag, e.attr("type"));
            match &e.key {
                Some(k) => Identity::Keyed(kind, k),
                None => Identity::Kind(kind),
            }
        }
    }
}

/// For each new child, the old one it updates, if any: a keyed element the old element of the
/// same kind and key, wherever it was; anything else the old child of its kind at the same place
/// among the unkeyed children of that kind. A key given twice matches once.
fn matches(old: &[M], new: &[M]) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    // Per kind of unkeyed child, how far through the old children its matching has got.
    let mut cursors: Vec<(Kind, usize)> = Vec::new();
    new.iter()
        .enumerate()
        .map(|(j, m)| {
            let found = match identity(m) {
                id @ Identity::Keyed(..) => {
                    let same = |k: &usize| !used[*k] && identity(&old[*k]) == id;
                    // Where it was, in the usual case of an unchanged order; else anywhere.
                    Some(j)
                        .filter(|j| *j < old.len() && same(j))
                        .or_else(|| (0..old.len()).find(same))
                }
                Identity::Kind(kind) => {
                    let at = match cursors.iter().position(|(k, _)| *k == kind) {
                        Some(at) => at,
                        None => {
                            cursors.push((kind, 0));
                            cursors.len() - 1
                        }
                    };
                    let from = cursors[at].1;
                    let found =
                        (from..old.len()).find(|k| identity(&old[*k]) == Identity::Kind(kind));
                    cursors[at].1 = found.map_or(old.len(), |k| k + 1);
                    found
                }
            };
            if let Some(k) = found {
                used[k] = true;
            }
            found
        })
        .collect()
}

/// Which new children keep their node where it is: of those matched, the longest run already in
/// their old order, so that the fewest move; and always the one at the old place `focused`.
fn staying(pairs: &[Option<usize>], focused: Option<usize>) -> Vec<bool> {
    let matched: Vec<(usize, usize)> = pairs
        .iter()
        .enumerate()
        .filter_map(|(j, k)| Some((j, (*k)?)))
        .collect();
    let mut stay = vec![false; pairs.len()];
    match focused.and_then(|f| matched.iter().position(|(_, k)| *k == f)) {
        // The run through the focused child: the longest one before it of children that were
        // before it, and after it of children that were after it.
        Some(at) => {
            let (j, f) = matched[at];
            stay[j] = true;
            let before: Vec<_> = matched[..at].iter().filter(|(_, k)| *k < f).collect();
            let after: Vec<_> = matched[at + 1..].iter().filter(|(_, k)| *k > f).collect();
            for j in increasing(&before).into_iter().chain(increasing(&after)) {
                stay[j] = true;
            }
        }
        None => {
            for j in increasing(&matched.iter().collect::<Vec<_>>()) {
                stay[j] = true;
            }
        }
    }
    stay
}

/// The new places of a longest run of `(new place, old place)` pairs whose old places increase.
fn increasing(seq: &[&(usize, usize)]) -> Vec<usize> {
    // `ends[n]`: the pair ending the run of length n + 1 with the smallest old place so far.
    let mut ends: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; seq.len()];
    for (i, (_, k)) in seq.iter().enumerate() {
        let n = ends.partition_point(|e| seq[*e].1 < *k);
        before[i] = n.checked_sub(1).map(|n| ends[n]);
        match ends.get_mut(n) {
            Some(e) => *e = i,
            None => ends.push(i),
        }
    }
    let mut out = Vec::new();
    let mut at = ends.last().copied();
    while let Some(i) = at {
        out.push(seq[i].0);
        at = before[i];
    }
    out
}

/// Sets an attribute that was `old` to `new`. A style is set one declaration at a time through
/// the element's CSSOM instead: a Content-Security-Policy without `'unsafe-inline'` styles
/// (docs/hosting.md) blocks `style="…"` but allows the CSSOM.
fn set_attribute(el: &Element, key: &str, old: Option<&str>, new: &str) {
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

/// Sets the properties of `new`: a value or a tick where the element holds another (the user
/// changes them without the markup knowing, and setting an input's value to what it holds would
/// move the caret), and whether it is open where the markup's `old` said otherwise.
fn set_properties(el: &Element, old: &[Prop], new: &[Prop]) {
    for prop in new {
        let (name, value, live) = match prop {
            Prop::Value(v) => ("value", wasm_bindgen::JsValue::from_str(v), true),
            Prop::Checked(b) => ("checked", (*b).into(), true),
            Prop::Open(b) => ("open", (*b).into(), false),
            Prop::Html(h) => ("innerHTML", wasm_bindgen::JsValue::from_str(h), false),
        };
        let name = wasm_bindgen::JsValue::from_str(name);
        let differs = if live {
            js_sys::Reflect::get(el, &name).ok().as_ref() != Some(&value)
        } else {
            !old.contains(prop)
        };
        if differs {
            let _ = js_sys::Reflect::set(el, &name, &value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::h;

    fn keyed(keys: &str) -> Vec<M> {
        keys.chars()
            .map(|k| h("li").key(k.to_string()).into())
            .collect()
    }

    fn stays(old: &str, new: &str, focused: Option<char>) -> String {
        let pairs = matches(&keyed(old), &keyed(new));
        let focused = focused.and_then(|f| old.find(f));
        new.chars()
            .zip(staying(&pairs, focused))
            .filter(|(_, s)| *s)
            .map(|(c, _)| c)
            .collect()
    }

    #[test]
    fn keyed_children_match_wherever_they_were() {
        assert_eq!(
            matches(&keyed("abc"), &keyed("cxa")),
            [Some(2), None, Some(0)]
        );
        let twice = matches(&keyed("ab"), &keyed("aa"));
        assert_eq!(twice, [Some(0), None], "a key given twice matches once");
        let other_tag: Vec<M> = vec![h("p").key("a").into()];
        assert_eq!(matches(&keyed("a"), &other_tag), [None]);
    }

    #[test]
    fn unkeyed_children_match_by_place_among_their_kind() {
        let old: Vec<M> = vec![
            h("p").into(),
            "t".into(),
            h("div").into(),
            h("p").into(),
            h("li").key("k").into(),
        ];
        let new: Vec<M> = vec![h("div").into(), h("p").into(), h("p").into(), "u".into()];
        assert_eq!(matches(&old, &new), [Some(2), Some(0), Some(3), Some(1)]);
        let keyed_p: Vec<M> = vec![h("p").key("x").into()];
        assert_eq!(matches(&[h("p").into()], &keyed_p), [None]);
    }

    #[test]
    fn the_fewest_children_move() {
        assert_eq!(stays("abcde", "abcde", None), "abcde");
        // One card sorted to the front: only it moves.
        assert_eq!(stays("abcde", "eabcd", None), "abcd");
        assert_eq!(stays("abcde", "bcdea", None).len(), 4);
        assert_eq!(stays("abc", "cba", None).len(), 1);
        assert_eq!(stays("abcd", "xbyd", None), "bd");
    }

    #[test]
    fn the_focused_child_never_moves() {
        // Left alone, `e` would move; holding the focus, the others move around it.
        assert_eq!(stays("abcde", "eabcd", Some('e')), "e");
        assert_eq!(stays("abcde", "bcdea", Some('a')), "a");
        assert_eq!(stays("abcdef", "fabcde", Some('c')), "abcde");
        assert!(stays("abc", "cba", Some('b')).contains('b'));
    }
}
