//! Score tables: items and their bands, alternatives and self-assessed points, groups and the
//! pass line.

use serde_json::Value;

use super::json::{index_path, key_path, opt, Cx, Obj};
use super::measure::read_measure;
use super::rule::{check_unit, read_node};
use super::{has_id, ident, sorted_ids};
use crate::error::Error;
use crate::model::fields::Unit;
use crate::model::{Band, Group, Item, ItemKind, Node, Op, Rule, Score, Threshold};
use crate::num::Num;

pub(super) fn read_score(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let ipath = key_path(path, "items");
    let list = cx.req(m, path, "items").and_then(|v| cx.arr(v, &ipath))?;
    let mut items: Vec<Item> = Vec::new();
    let mut at = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&ipath, i);
        if let Some(item) = read_item(cx, v, &p, key) {
            at.push(i);
            items.push(item);
        }
    }
    let ids = items
        .iter()
        .zip(&at)
        .map(|(it, i)| (it.id.as_str(), *i))
        .collect();
    let item_ids = sorted_ids(cx, ids, &|i| key_path(&index_path(&ipath, i), "id"));
    let mut groups: Vec<Group> = Vec::new();
    let gpath = key_path(path, "groups");
    for (i, v) in opt(m, "groups")
        .and_then(|v| cx.arr(v, &gpath))
        .into_iter()
        .flatten()
        .enumerate()
    {
        let p = index_path(&gpath, i);
        if let Some(g) = read_group(cx, v, &p, &item_ids) {
            groups.push(g);
        }
    }
    let mut capped: Vec<&String> = groups
        .iter()
        .filter(|g| g.cap.is_some())
        .flat_map(|g| &g.items)
        .collect();
    crate::sort_by(&mut capped, |a, b| a > b);
    for w in capped.windows(2).filter(|w| w[0] == w[1]) {
        cx.push(Error::Invalid {
            path: gpath.clone(),
            detail: format!("item `{}` is in two capped groups", w[1]),
        });
    }
    let ppath = key_path(path, "pass");
    let pass = cx
        .req(m, path, "pass")
        .and_then(|v| cx.obj(v, &ppath, &["op", "value"]));
    let pass_op = pass
        .and_then(|o| cx.req(o, &ppath, "op"))
        .and_then(|v| cx.word(v, &key_path(&ppath, "op"), Op::VOCAB));
    let pass_value = pass
        .and_then(|o| cx.req(o, &ppath, "value"))
        .and_then(|v| cx.num(v, &key_path(&ppath, "value")));
    Some(Rule::Score(Score {
        items,
        groups,
        pass_op: pass_op?,
        pass: pass_value?,
        key: key.to_string(),
    }))
}

fn read_group(cx: &mut Cx, v: &Value, path: &str, items: &[(&str, usize)]) -> Option<Group> {
    let o = cx.obj(v, path, &["id", "label", "items", "min", "cap"])?;
    let id = cx.field(o, path, "id", true, ident);
    let label = cx.field(o, path, "label", true, Cx::text);
    let ipath = key_path(path, "items");
    let mut ids = Vec::new();
    for (i, v) in cx
        .req(o, path, "items")
        .and_then(|v| cx.arr(v, &ipath))
        .into_iter()
        .flatten()
        .enumerate()
    {
        let p = index_path(&ipath, i);
        if let Some(s) = cx.str(v, &p) {
            if has_id(items, s).is_none() {
                cx.push(Error::UnknownReference {
                    path: p,
                    id: s.into(),
                });
            }
            ids.push(s.to_string());
        }
    }
    let min = cx.field(o, path, "min", false, Cx::num);
    let cap = cx.field(o, path, "cap", false, Cx::num);
    Some(Group {
        id: id?.into(),
        label: label?,
        items: ids,
        min,
        cap,
    })
}

const ITEM_FIELDS: &[&str] = &[
    "id",
    "label",
    "max",
    "measure",
    "unit",
    "bands",
    "otherwise",
    "self_assessed",
    "best_of",
];

/// Reads a score item. `key` is the score's key: a declared condition in a band is confirmed
/// as `<key>.<part id>`, like a declared part of a composite.
fn read_item(cx: &mut Cx, v: &Value, path: &str, key: &str) -> Option<Item> {
    let o = cx.obj(v, path, ITEM_FIELDS)?;
    let id = cx.field(o, path, "id", true, ident);
    let label = cx.field(o, path, "label", true, Cx::text);
    let max = cx.field(o, path, "max", true, Cx::num);
    let kind = if opt(o, "self_assessed").is_some() {
        let p = key_path(path, "self_assessed");
        match opt(o, "self_assessed").and_then(|v| cx.bool(v, &p)) {
            Some(true) => Some(ItemKind::SelfAssessed),
            Some(false) => {
                cx.push(Error::Invalid {
                    path: p,
                    detail: "omit `self_assessed` rather than set it to false".into(),
                });
                None
            }
            None => None,
        }
    } else if let Some(list) = opt(o, "best_of") {
        let p = key_path(path, "best_of");
        let list = cx.arr(list, &p)?;
        let alts: Vec<Item> = list
            .iter()
            .enumerate()
            .filter_map(|(i, v)| read_item(cx, v, &index_path(&p, i), key))
            .collect();
        if alts.len() < 2 {
            cx.push(Error::Invalid {
                path: p,
                detail: "`best_of` needs at least two ways to score".into(),
            });
        }
        Some(ItemKind::BestOf(alts))
    } else {
        read_bands(cx, o, path, key)
    };
    let max = max?;
    let kind = kind?;
    let check = |cx: &mut Cx, (lo, hi): (Num, Num), p: String| {
        if lo < Num::ZERO || lo > hi || hi > max {
            cx.push(Error::Invalid {
                path: p,
                detail: format!("points must lie between 0 and the item's max {max}"),
            });
        }
    };
    match &kind {
        ItemKind::Bands { bands, otherwise } => {
            let bpath = key_path(path, "bands");
            for (i, b) in bands.iter().enumerate() {
                check(cx, b.points, key_path(&index_path(&bpath, i), "points"));
            }
            check(cx, *otherwise, key_path(path, "otherwise"));
        }
        ItemKind::BestOf(alts) => {
            for (i, a) in alts.iter().enumerate() {
                if a.max > max {
                    cx.push(Error::Invalid {
                        path: key_path(&index_path(&key_path(path, "best_of"), i), "max"),
                        detail: format!("an alternative cannot score above the item's max {max}"),
                    });
                }
            }
        }
        ItemKind::SelfAssessed => {}
    }
    let id: String = id?.into();
    Some(Item {
        key: format!("{key}.{id}").into(),
        id,
        label: label?,
        max,
        kind,
    })
}

fn points(cx: &mut Cx, v: &Value, path: &str) -> Option<(Num, Num)> {
    match v {
        Value::Array(list) if list.len() == 2 => {
            let lo = cx.num(&list[0], &index_path(path, 0));
            let hi = cx.num(&list[1], &index_path(path, 1));
            Some((lo?, hi?))
        }
        Value::Number(_) => cx.num(v, path).map(|n| (n, n)),
        _ => {
            cx.push(Error::WrongType {
                path: path.into(),
                expected: "a number or [min, max]",
                found: super::json::type_name(v),
            });
            None
        }
    }
}

fn read_bands(cx: &mut Cx, o: &Obj, path: &str, key: &str) -> Option<ItemKind> {
    let measure = opt(o, "measure").and_then(|v| read_measure(cx, v, &key_path(path, "measure")));
    let upath = key_path(path, "unit");
    let unit = opt(o, "unit").and_then(|v| cx.word(v, &upath, Unit::ALL));
    if let (Some(m), Some(u)) = (&measure, unit) {
        check_unit(cx, &upath, m.unit(), u);
    }
    let bpath = key_path(path, "bands");
    let list = cx.req(o, path, "bands").and_then(|v| cx.arr(v, &bpath))?;
    let mut bands = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&bpath, i);
        let mut allowed = vec!["when", "points", "label"];
        allowed.extend(Op::VOCAB.iter().map(|(_, op)| op.band_key()));
        let Some(b) = cx.obj(v, &p, &allowed) else {
            continue;
        };
        let pts = cx
            .req(b, &p, "points")
            .and_then(|v| points(cx, v, &key_path(&p, "points")));
        let label = cx.field(b, &p, "label", false, Cx::text);
        let shorthand: Vec<(&str, Op)> = Op::VOCAB
            .iter()
            .map(|(_, op)| (op.band_key(), *op))
            .filter(|(k, _)| b.contains_key(*k))
            .collect();
        let when = match (opt(b, "when"), shorthand.as_slice()) {
            (Some(w), []) => read_node(cx, w, &key_path(&p, "when"), key, false),
            (None, [(k, op)]) => {
                let (Some(m), Some(u)) = (&measure, unit) else {
                    cx.push(Error::Invalid {
                        path: key_path(&p, k),
                        detail: format!("`{k}` needs the item's `measure` and `unit`"),
                    });
                    continue;
                };
                cx.num(&b[*k], &key_path(&p, k)).map(|t| {
                    let rule = Rule::Compare {
                        measure: m.clone(),
                        op: *op,
                        threshold: Threshold::Fixed(t),
                        unit: u,
                    };
                    Node::new(None, label.clone(), rule)
                })
            }
            _ => {
                cx.push(Error::Invalid {
                    path: p.clone(),
                    detail: "a band has either `when` or one of gte, gt, lte, lt, eq".into(),
                });
                None
            }
        };
        if let (Some(when), Some(points)) = (when, pts) {
            bands.push(Band { when, points });
        }
    }
    let otherwise = match opt(o, "otherwise") {
        Some(v) => points(cx, v, &key_path(path, "otherwise"))?,
        None => (Num::ZERO, Num::ZERO),
    };
    Some(ItemKind::Bands { bands, otherwise })
}
