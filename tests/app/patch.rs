//! The renderer against random trees: for many seeds, markup A is built, a node in it focused and
//! nodes of someone else's put into it (a translation's `<font>`, an extension's `<span>`), then
//! A is patched to a random variation B. The page must then equal a fresh build of B but for the
//! foreign nodes, which stay where they were put; every element of A that B still has, by key or
//! by its place among the unkeyed siblings of its tag, must be the same DOM object; the focused
//! node must still have the focus and never have left the page; and of the children kept in a
//! parent, no more may move than the longest run of them already in order leaves out.

use qualify_app::markup::{h, El, Prop, M};
use qualify_app::render;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, Node};

const SEEDS: u64 = 500;

/// splitmix64: small, seeded, and the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }
}

const TAGS: &[&str] = &["div", "span", "p", "ul", "li", "section", "details"];
const WORDS: &[&str] = &["甲", "乙", "alpha", "beta", "", "1500", "gamma delta"];

struct Gen {
    rng: Rng,
    /// Keys are unique over a whole test, so a key names one element.
    next_key: u32,
}

impl Gen {
    fn key(&mut self) -> String {
        self.next_key += 1;
        format!("k{}", self.next_key)
    }

    fn attrs(&mut self, mut e: El) -> El {
        if self.rng.chance(50) {
            e = e.a("class", format!("c{}", self.rng.below(4)));
        }
        if self.rng.chance(30) {
            e = e.a("data-x", self.rng.pick(WORDS));
        }
        if self.rng.chance(20) {
            e = e.a("style", format!("width:{}%", self.rng.below(100)));
        }
        e
    }

    /// A control: a text box, a checkbox or a button, each able to hold the focus.
    fn control(&mut self) -> El {
        match self.rng.below(3) {
            0 => h("input")
                .a("type", "text")
                .p(Prop::Value(self.rng.pick(WORDS).into())),
            1 => h("input")
                .a("type", "checkbox")
                .p(Prop::Checked(self.rng.chance(50))),
            _ => h("button").c(self.rng.pick(WORDS)),
        }
    }

    fn element(&mut self, depth: usize) -> El {
        let tag = self.rng.pick(TAGS);
        let mut e = self.attrs(h(tag));
        if tag == "details" {
            e = e.p(Prop::Open(self.rng.chance(50)));
        }
        let kids = if depth == 0 { 0 } else { self.rng.below(6) };
        for _ in 0..kids {
            let kid = self.node(depth - 1);
            e = e.c(kid);
        }
        e
    }

    fn node(&mut self, depth: usize) -> M {
        match self.rng.below(10) {
            0..=1 => self.rng.pick(WORDS).into(),
            2..=3 => {
                let key = self.key();
                self.control().key(key).into()
            }
            4 => self.control().into(),
            5..=7 => {
                let key = self.key();
                self.element(depth).key(key).into()
            }
            _ => self.element(depth).into(),
        }
    }

    /// A variation of `e`: attributes, properties and texts changed, children taken out, added,
    /// changed and reordered, the keyed ones keeping their tag.
    fn vary(&mut self, e: &El, depth: usize) -> El {
        let mut out = El {
            attrs: Vec::new(),
            props: e.props.clone(),
            kids: Vec::new(),
            ..e.clone()
        };
        out = if self.rng.chance(30) {
            self.attrs(out)
        } else {
            El {
                attrs: e.attrs.clone(),
                ..out
            }
        };
        for p in out.props.iter_mut() {
            if self.rng.chance(40) {
                *p = match p {
                    Prop::Value(_) => Prop::Value(self.rng.pick(WORDS).into()),
                    Prop::Checked(b) => Prop::Checked(!*b),
                    Prop::Open(b) => Prop::Open(!*b),
                    Prop::Html(_) => Prop::Html(format!("<b>{}</b>", self.rng.pick(WORDS))),
                };
            }
        }
        let mut kids: Vec<M> = Vec::new();
        for kid in &e.kids {
            if self.rng.chance(20) {
                continue;
            }
            kids.push(match kid {
                M::T(t) if self.rng.chance(30) => M::T(format!("{t}{}", self.rng.pick(WORDS))),
                M::T(t) => M::T(t.clone()),
                // An unkeyed element may become another kind of element.
                M::E(k) if k.key.is_none() && self.rng.chance(10) => {
                    self.element(depth.saturating_sub(1)).into()
                }
                M::E(k) => self.vary(k, depth.saturating_sub(1)).into(),
            });
        }
        if !kids.is_empty() && self.rng.chance(50) {
            for _ in 0..=self.rng.below(3) {
                let (i, j) = (self.rng.below(kids.len()), self.rng.below(kids.len()));
                kids.swap(i, j);
            }
        }
        if e.tag != "input" && e.tag != "button" {
            for _ in 0..self.rng.below(3) {
                let at = self.rng.below(kids.len() + 1);
                let kid = self.node(depth.saturating_sub(1));
                kids.insert(at, kid);
            }
        }
        out.kids = kids;
        out
    }
}

/// How a node is named from the root: per level, its key, or its kind (tag, or `#text`) and
/// place among the unkeyed siblings of that kind.
type Path = Vec<String>;

/// A node of a tree below its root: its path, its markup and its DOM node.
type Named = (Path, M, Node);

/// Every node of `e`'s tree below it, with its path, paired with its DOM node from `node`
/// (whose children other than foreign ones must be those of the markup, in order).
fn named(e: &El, node: &Node, path: &Path, out: &mut Vec<Named>) -> Result<(), String> {
    let kids = ours(node);
    if kids.len() != e.kids.len() {
        return Err(format!(
            "{path:?} has {} children, not {}",
            kids.len(),
            e.kids.len()
        ));
    }
    let mut seen: Vec<String> = Vec::new();
    for (m, n) in e.kids.iter().zip(kids) {
        let kind = tag(m);
        let key = match m {
            M::T(_) => None,
            M::E(k) => k.key.as_deref(),
        };
        let step = match key {
            Some(key) => format!("{kind}#{key}"),
            None => {
                let nth = seen.iter().filter(|t| **t == kind).count();
                seen.push(kind.clone());
                format!("{kind}:{nth}")
            }
        };
        let mut p = path.clone();
        p.push(step);
        if let M::E(k) = m {
            named(k, &n, &p, out)?;
        }
        out.push((p, m.clone(), n));
    }
    Ok(())
}

/// What a node is, as the renderer tells nodes apart: its tag, with an input's type.
fn tag(m: &M) -> String {
    match m {
        M::T(_) => "#text".into(),
        M::E(e) => match e.attr("type") {
            Some(t) => format!("{}[{t}]", e.tag),
            None => e.tag.to_string(),
        },
    }
}

fn is_foreign(n: &Node) -> bool {
    n.dyn_ref::<Element>()
        .is_some_and(|e| e.has_attribute("data-foreign"))
}

/// The children of `node` that are not foreign.
fn ours(node: &Node) -> Vec<Node> {
    let list = node.child_nodes();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter(|n| !is_foreign(n))
        .collect()
}

fn property(node: &Node, name: &str) -> String {
    js_sys::Reflect::get(node, &name.into())
        .ok()
        .and_then(|v| v.as_bool().map(|b| b.to_string()).or(v.as_string()))
        .unwrap_or_default()
}

/// `a` (patched) and `b` (fresh) are the same DOM but for foreign nodes in `a`.
fn same(a: &Node, b: &Node, at: &str) -> Result<(), String> {
    if a.node_name() != b.node_name() {
        return Err(format!("{at}: {} is {}", a.node_name(), b.node_name()));
    }
    if a.node_type() == Node::TEXT_NODE {
        return match a.text_content() == b.text_content() {
            true => Ok(()),
            false => Err(format!(
                "{at}: text {:?} is {:?}",
                a.text_content(),
                b.text_content()
            )),
        };
    }
    let attrs = |n: &Node| {
        let e: &Element = n.unchecked_ref();
        let mut out: Vec<(String, String)> = e
            .get_attribute_names()
            .iter()
            .filter_map(|name| name.as_string())
            .map(|name| {
                let value = e.get_attribute(&name).unwrap_or_default();
                // The CSSOM writes declarations in the order they were set.
                let value = if name == "style" {
                    let mut d: Vec<&str> = value
                        .split(';')
                        .map(str::trim)
                        .filter(|d| !d.is_empty())
                        .collect();
                    d.sort();
                    d.join(";")
                } else {
                    value
                };
                (name, value)
            })
            .collect();
        out.sort();
        out
    };
    if attrs(a) != attrs(b) {
        return Err(format!(
            "{at}: attributes {:?} are {:?}",
            attrs(a),
            attrs(b)
        ));
    }
    for prop in ["value", "checked", "open"] {
        if property(a, prop) != property(b, prop) {
            return Err(format!("{at}: .{prop} differs"));
        }
    }
    let (ka, kb) = (ours(a), ours(b));
    if ka.len() != kb.len() {
        return Err(format!("{at}: {} children, not {}", ka.len(), kb.len()));
    }
    for (i, (x, y)) in ka.iter().zip(&kb).enumerate() {
        same(x, y, &format!("{at}/{i}"))?;
    }
    Ok(())
}

/// The nodes `records` took out of the page, moved ones included.
fn removed(records: &js_sys::Array) -> Vec<Node> {
    records
        .iter()
        .map(|r| r.unchecked_into::<web_sys::MutationRecord>())
        .flat_map(|r| {
            let list = r.removed_nodes();
            (0..list.length())
                .filter_map(|i| list.item(i))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The length of the longest increasing run in `seq`, through `seq[through]` if given.
fn longest_run(seq: &[usize], through: Option<usize>) -> usize {
    let run = |xs: Vec<usize>| {
        let mut ends: Vec<usize> = Vec::new();
        for x in xs {
            let n = ends.partition_point(|e| *e < x);
            match ends.get_mut(n) {
                Some(e) => *e = x,
                None => ends.push(x),
            }
        }
        ends.len()
    };
    match through {
        None => run(seq.to_vec()),
        Some(at) => {
            let f = seq[at];
            let before = seq[..at].iter().copied().filter(|x| *x < f).collect();
            let after = seq[at + 1..].iter().copied().filter(|x| *x > f).collect();
            run(before) + 1 + run(after)
        }
    }
}

/// What the seeds exercised.
#[derive(Default)]
struct Tally {
    /// Nodes in A and in B.
    nodes: usize,
    /// Nodes of A that B kept.
    kept: usize,
    /// Kept nodes moved.
    moved: usize,
    /// Seeds with a control focused.
    focused: usize,
    foreign: usize,
}

fn run(seed: u64, doc: &web_sys::Document, stage: &Element, t: &mut Tally) -> Result<(), String> {
    let mut g = Gen {
        rng: Rng(seed),
        next_key: 0,
    };
    let a = g.element(5);
    let b = g.vary(&a, 5);
    let a = El { tag: "div", ..a };
    let b = El { tag: "div", ..b };

    let mut shown = render::build(&M::E(Box::new(a.clone())));
    let root = shown.node().clone();
    stage.append_child(&root).map_err(|_| "append")?;
    let mut before = Vec::new();
    named(&a, &root, &Vec::new(), &mut before)?;
    let mut in_b = Vec::new();
    named(
        &b,
        render::build(&M::E(Box::new(b.clone()))).node(),
        &Vec::new(),
        &mut in_b,
    )?;
    let kept: Vec<&Named> = before
        .iter()
        .filter(|(p, m, _)| in_b.iter().any(|(q, n, _)| q == p && tag(n) == tag(m)))
        .collect();

    // The focus goes to a control that B keeps and that can take it (not one inside a closed
    // `<details>`, say).
    let mut focusable: Vec<&Node> = kept
        .iter()
        .filter(|(_, m, _)| matches!(m, M::E(e) if matches!(e.tag, "input" | "button")))
        .map(|(_, _, n)| n)
        .collect();
    let mut focused = None;
    while !focusable.is_empty() && focused.is_none() {
        let n = focusable.remove(g.rng.below(focusable.len()));
        let el: &web_sys::HtmlElement = n.unchecked_ref();
        el.focus().map_err(|_| "focus")?;
        if doc
            .active_element()
            .is_some_and(|a| js_sys::Object::is(&a, el))
        {
            focused = Some(n.clone());
        }
    }

    let holders: Vec<&Node> = kept
        .iter()
        .filter(|(_, m, _)| matches!(m, M::E(e) if !matches!(e.tag, "input" | "button")))
        .map(|(_, _, n)| n)
        .collect();
    let mut foreign = Vec::new();
    for tag in ["font", "span"] {
        if holders.is_empty() {
            break;
        }
        let n = holders[g.rng.below(holders.len())];
        let extra = doc.create_element(tag).unwrap();
        extra.set_attribute("data-foreign", "").unwrap();
        extra.set_text_content(Some("译"));
        let list = n.child_nodes();
        let at = list.item(g.rng.below(list.length() as usize + 1) as u32);
        n.insert_before(&extra, at.as_ref()).unwrap();
        foreign.push((extra, n.clone()));
    }

    let observer = web_sys::MutationObserver::new(&js_sys::Function::new_no_args("")).unwrap();
    let init = web_sys::MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    observer.observe_with_options(&root, &init).unwrap();
    render::patch(&mut shown, &a, &b);
    let records = observer.take_records();
    observer.disconnect();
    let gone = removed(&records);

    let fresh = render::build(&M::E(Box::new(b.clone())));
    same(&root, fresh.node(), "root").map_err(|e| format!("seed {seed}: {e}"))?;

    let mut after = Vec::new();
    named(&b, &root, &Vec::new(), &mut after)?;
    for (p, m, n) in &kept {
        let (_, _, now) = after
            .iter()
            .find(|(q, f, _)| q == p && tag(f) == tag(m))
            .expect("kept");
        if !js_sys::Object::is(now, n) {
            return Err(format!("seed {seed}: {p:?} was rebuilt"));
        }
    }
    if let Some(f) = &focused {
        if gone.iter().any(|g| g.contains(Some(f))) {
            return Err(format!("seed {seed}: the focused node left the page"));
        }
        if !doc
            .active_element()
            .is_some_and(|a| js_sys::Object::is(&a, f))
        {
            return Err(format!("seed {seed}: the focus was lost"));
        }
    }
    for (extra, holder) in &foreign {
        if extra.parent_node().as_ref() != Some(holder) {
            return Err(format!("seed {seed}: a foreign node was taken out"));
        }
    }
    // Per parent kept, of its children kept: their old places in their new order, and how many
    // of them moved; the one holding the focus, if any, stays put.
    let mut parents: Vec<Path> = vec![Vec::new()];
    parents.extend(kept.iter().map(|(p, _, _)| p.clone()));
    for parent in parents {
        let kids: Vec<&Named> = kept
            .iter()
            .copied()
            .filter(|(p, _, _)| p.len() == parent.len() + 1 && p.starts_with(&parent))
            .collect();
        let place = |list: &[Named], p: &Path| list.iter().position(|(q, _, _)| q == p);
        let mut order: Vec<(usize, usize, &Node)> = kids
            .iter()
            .filter_map(|(p, _, n)| Some((place(&after, p)?, place(&before, p)?, n)))
            .collect();
        order.sort_by_key(|(new, _, _)| *new);
        let seq: Vec<usize> = order.iter().map(|(_, old, _)| *old).collect();
        let through = focused
            .as_ref()
            .and_then(|f| order.iter().position(|(_, _, n)| n.contains(Some(f))));
        let moved = kids
            .iter()
            .filter(|(_, _, n)| gone.iter().any(|g| js_sys::Object::is(g, n)))
            .count();
        t.moved += moved;
        if moved > seq.len() - longest_run(&seq, through) {
            return Err(format!(
                "seed {seed}: {moved} of the {} children kept in {parent:?} moved",
                seq.len()
            ));
        }
    }
    stage.remove_child(&root).map_err(|_| "remove")?;
    t.nodes += before.len() + after.len();
    t.kept += kept.len();
    t.focused += usize::from(focused.is_some());
    t.foreign += foreign.len();
    Ok(())
}

#[wasm_bindgen_test]
fn random_trees_patch_into_a_fresh_build_keeping_nodes_focus_and_foreign_nodes() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let stage = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&stage).unwrap();
    let mut failures = Vec::new();
    let mut t = Tally::default();
    for seed in 0..SEEDS {
        if let Err(e) = run(seed, &doc, &stage, &mut t) {
            failures.push(e);
        }
        stage.set_inner_html("");
    }
    web_sys::console::log_1(
        &format!(
            "{SEEDS} seeds: {} nodes in A and B, {} of A's kept in B, {} of them moved; {} seeds \
             with a control focused, {} foreign nodes; {} seeds failed",
            t.nodes,
            t.kept,
            t.moved,
            t.focused,
            t.foreign,
            failures.len()
        )
        .into(),
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
