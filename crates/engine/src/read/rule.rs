//! Rules: a rule's kind and fields, composites, cases, comparisons and their thresholds.

use serde_json::Value;

use super::json::{index_path, key_path, Cx, Obj};
use super::measure::read_measure;
use super::score::read_score;
use super::{ident, sorted_ids};
use crate::error::Error;
use crate::limits;
use crate::model::fields::{CategoryField, CertKind, Unit};
use crate::model::{Case, Node, Op, Rule, RuleKind, Threshold};
use crate::profile::read_category;

const NODE_COMMON: &[&str] = &["kind", "id", "label"];

/// Reads a rule. `key` is the confirmation key prefix for declared parts; `top` is true for a
/// criterion's own rule (whose key is the criterion id).
pub(super) fn read_node(cx: &mut Cx, v: &Value, path: &str, key: &str, top: bool) -> Option<Node> {
    if cx.rule_depth >= limits::MAX_RULE_DEPTH {
        cx.push(Error::RulesTooDeep {
            path: path.into(),
            max: limits::MAX_RULE_DEPTH,
        });
        return None;
    }
    cx.rule_depth += 1;
    let node = read_rule(cx, v, path, key, top);
    cx.rule_depth -= 1;
    node
}

fn read_rule(cx: &mut Cx, v: &Value, path: &str, key: &str, top: bool) -> Option<Node> {
    let Value::Object(m) = v else {
        cx.obj(v, path, &[]);
        return None;
    };
    let kind = cx
        .req(m, path, "kind")
        .and_then(|k| cx.word(k, &key_path(path, "kind"), RuleKind::VOCAB))?;
    let allowed: Vec<&'static str> = NODE_COMMON.iter().chain(kind.fields()).copied().collect();
    cx.obj(v, path, &allowed);
    let id = cx.field(m, path, "id", false, ident).map(str::to_string);
    let label = cx.field(m, path, "label", false, Cx::text);
    let own_key = match (&id, top) {
        (_, true) => key.to_string(),
        (Some(id), false) => format!("{key}.{id}"),
        (None, false) => key.to_string(),
    };
    let rule = match kind {
        RuleKind::Compare => read_compare(cx, m, path, &own_key),
        RuleKind::In => read_in(cx, m, path),
        RuleKind::Holds => {
            let kinds = cx
                .req(m, path, "certifications")
                .and_then(|v| cert_list(cx, v, &key_path(path, "certifications")));
            Some(Rule::Holds { kinds: kinds? })
        }
        RuleKind::Declared => {
            if !top && id.is_none() {
                cx.push(Error::MissingField {
                    path: key_path(path, "id"),
                });
                return None;
            }
            Some(Rule::Declared {
                key: own_key.as_str().into(),
            })
        }
        RuleKind::Unpublished => {
            let note = cx.field(m, path, "note", true, Cx::text);
            Some(Rule::Unpublished { note: note? })
        }
        RuleKind::All | RuleKind::Any => {
            let parts = read_parts(cx, m, path, &own_key)?;
            Some(if kind == RuleKind::All {
                Rule::All(parts)
            } else {
                Rule::Any(parts)
            })
        }
        RuleKind::Switch => read_switch(cx, m, path, &own_key),
        RuleKind::Score => read_score(cx, m, path, &own_key),
    };
    Some(Node::new(id, label, rule?))
}

fn read_parts(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Vec<Node>> {
    let ppath = key_path(path, "of");
    let list = cx.req(m, path, "of").and_then(|v| cx.arr(v, &ppath))?;
    if list.len() < 2 {
        cx.push(Error::Invalid {
            path: ppath.clone(),
            detail: "`all` and `any` combine at least two rules".into(),
        });
    }
    let mut parts: Vec<Node> = Vec::new();
    let mut at = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&ppath, i);
        if let Some(n) = read_node(cx, v, &p, key, false) {
            at.push(i);
            parts.push(n);
        }
    }
    let ids = (parts.iter().zip(&at))
        .filter_map(|(n, i)| Some((n.id.as_deref()?, *i)))
        .collect();
    sorted_ids(cx, ids, &|i| key_path(&index_path(&ppath, i), "id"));
    Some(parts)
}

/// The `cases` of a switch or a threshold: each a `label`, a `when` condition and what it
/// selects under `then_key`, read by `read_then`.
pub(super) fn read_cases<T>(
    cx: &mut Cx,
    m: &Obj,
    path: &str,
    key: &str,
    then_key: &'static str,
    read_then: impl Fn(&mut Cx, &Value, &str) -> Option<T>,
) -> Option<Vec<Case<T>>> {
    let cpath = key_path(path, "cases");
    let list = cx.req(m, path, "cases").and_then(|v| cx.arr(v, &cpath))?;
    let mut cases = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&cpath, i);
        let Some(o) = cx.obj(v, &p, &["label", "when", then_key]) else {
            continue;
        };
        let label = cx.field(o, &p, "label", false, Cx::text);
        let when = cx
            .req(o, &p, "when")
            .and_then(|v| read_node(cx, v, &key_path(&p, "when"), key, false));
        let then = cx
            .req(o, &p, then_key)
            .and_then(|v| read_then(cx, v, &key_path(&p, then_key)));
        if let (Some(when), Some(then)) = (when, then) {
            cases.push(Case { label, when, then });
        }
    }
    Some(cases)
}

fn read_switch(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let cases = read_cases(cx, m, path, key, "then", |cx, v, p| {
        read_node(cx, v, p, key, false)
    })?;
    let otherwise = cx
        .req(m, path, "otherwise")
        .and_then(|v| read_node(cx, v, &key_path(path, "otherwise"), key, false));
    Some(Rule::Switch {
        cases,
        otherwise: Box::new(otherwise?),
    })
}

pub(super) fn cert_list(cx: &mut Cx, v: &Value, path: &str) -> Option<Vec<CertKind>> {
    let list = cx.arr(v, path)?;
    let kinds: Vec<CertKind> = list
        .iter()
        .enumerate()
        .filter_map(|(i, v)| cx.word(v, &index_path(path, i), CertKind::VOCAB))
        .collect();
    if kinds.is_empty() {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: "name at least one certification".into(),
        });
        return None;
    }
    Some(kinds)
}

fn read_in(cx: &mut Cx, m: &Obj, path: &str) -> Option<Rule> {
    let fpath = key_path(path, "field");
    let field = cx
        .req(m, path, "field")
        .and_then(|v| cx.word(v, &fpath, CategoryField::VOCAB))?;
    let vpath = key_path(path, "values");
    let list = cx.req(m, path, "values").and_then(|v| cx.arr(v, &vpath))?;
    let mut values = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&vpath, i);
        values.extend(read_category(cx, v, &p, field));
    }
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: vpath,
            detail: "list at least one value".into(),
        });
    }
    Some(Rule::In { field, values })
}

fn read_compare(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let measure = cx
        .req(m, path, "measure")
        .and_then(|v| read_measure(cx, v, &key_path(path, "measure")));
    let op = cx
        .req(m, path, "op")
        .and_then(|v| cx.word(v, &key_path(path, "op"), Op::VOCAB));
    let upath = key_path(path, "unit");
    let unit = cx
        .req(m, path, "unit")
        .and_then(|v| cx.word(v, &upath, Unit::ALL));
    let tpath = key_path(path, "threshold");
    let threshold = cx
        .req(m, path, "threshold")
        .and_then(|v| read_threshold(cx, v, &tpath, key));
    let measure = measure?;
    let unit = unit?;
    check_unit(cx, &upath, measure.unit(), unit);
    if let Some(Threshold::Measure(other)) = &threshold {
        check_unit(cx, &key_path(&tpath, "measure"), unit, other.unit());
    }
    Some(Rule::Compare {
        measure,
        op: op?,
        threshold: threshold?,
        unit,
    })
}

pub(super) fn check_unit(cx: &mut Cx, path: &str, expected: Unit, found: Unit) {
    if expected != found {
        cx.push(Error::UnitMismatch {
            path: path.into(),
            expected: expected.slug(),
            found: found.slug().into(),
        });
    }
}

/// Reads a threshold; `key` is the confirmation key prefix for declared case conditions.
fn read_threshold(cx: &mut Cx, v: &Value, path: &str, key: &str) -> Option<Threshold> {
    match v {
        Value::Number(_) => cx.num(v, path).map(Threshold::Fixed),
        Value::Object(m) if m.contains_key("measure") => {
            let o = cx.obj(v, path, &["measure"])?;
            let mp = key_path(path, "measure");
            read_measure(cx, &o["measure"], &mp).map(Threshold::Measure)
        }
        Value::Object(_) => {
            let o = cx.obj(v, path, &["cases", "otherwise"])?;
            let cases = read_cases(cx, o, path, key, "value", |cx, v, p| cx.num(v, p))?;
            let otherwise = cx.field(o, path, "otherwise", false, Cx::num);
            Some(Threshold::Cases { cases, otherwise })
        }
        _ => {
            cx.push(Error::WrongType {
                path: path.into(),
                expected: "a number, {measure} or {cases}",
                found: super::json::type_name(v),
            });
            None
        }
    }
}
