//! What a program reads, found by walking its rules rather than by evaluating them: the form
//! asks only for these inputs, and counts how many of them are filled in.

use crate::error::Error;
use crate::inputs::InputRef;
use crate::model::{Criterion, Item, ItemKind, Measure, Node, Pack, Rule, Threshold, Version};
use crate::num::Num;
use crate::profile::{DateField, Profile};
use crate::text::Text;

/// A self-declared condition the applicant confirms or declines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration<'p> {
    /// The id listed in `confirmations` or `declined`.
    pub key: &'p str,
    pub criterion: &'p str,
    /// The condition in plain language.
    pub label: &'p Text,
}

/// A score item the applicant assesses themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SelfScored<'p> {
    /// The key under `self_scores`.
    pub key: String,
    pub criterion: &'p str,
    pub label: &'p Text,
    pub max: Num,
}

fn push(into: &mut Vec<InputRef>, r: InputRef) {
    if !into.contains(&r) {
        into.push(r);
    }
}

fn measure(m: &Measure, year: i32, into: &mut Vec<InputRef>) {
    match m {
        Measure::Year { field, year: off } => push(into, InputRef::Year(year + off, *field)),
        Measure::Years {
            field,
            from,
            to,
            since_registration,
            ..
        } => {
            for y in year + from..=year + to {
                push(into, InputRef::Year(y, *field));
            }
            if *since_registration {
                push(into, InputRef::Date(DateField::RegisteredOn));
            }
        }
        Measure::Scalar(f) => push(into, InputRef::Scalar(*f)),
        Measure::Ratio(a, b) => {
            measure(a, year, into);
            measure(b, year, into);
        }
        Measure::Growth {
            field, from, to, ..
        } => {
            for y in year + from..=year + to {
                push(into, InputRef::Year(y, *field));
            }
        }
        Measure::YearsSince { date, .. } => push(into, InputRef::Date(*date)),
        Measure::YearsHeld { .. } => push(into, InputRef::Certifications),
    }
}

fn item(it: &Item, year: i32, into: &mut Vec<InputRef>) {
    match &it.kind {
        ItemKind::Bands { bands, .. } => {
            for b in bands {
                node(&b.when, year, into);
            }
        }
        ItemKind::SelfAssessed => push(into, InputRef::SelfScore(it.key.clone())),
        ItemKind::BestOf(alts) => {
            for a in alts {
                item(a, year, into);
            }
        }
    }
}

fn node(n: &Node, year: i32, into: &mut Vec<InputRef>) {
    match &n.rule {
        Rule::Compare {
            measure: m,
            threshold,
            ..
        } => {
            measure(m, year, into);
            match threshold {
                Threshold::Fixed(_) => {}
                Threshold::Measure(t) => measure(t, year, into),
                Threshold::Cases { cases, .. } => {
                    for c in cases {
                        node(&c.when, year, into);
                    }
                }
            }
        }
        Rule::In { field, .. } => push(into, InputRef::Category(*field)),
        Rule::Holds { .. } => push(into, InputRef::Certifications),
        Rule::Declared { key } => push(into, InputRef::Confirmation(key.clone())),
        Rule::Unpublished { .. } => {}
        Rule::All(parts) | Rule::Any(parts) => {
            for p in parts {
                node(p, year, into);
            }
        }
        Rule::Switch { cases, otherwise } => {
            for c in cases {
                node(&c.when, year, into);
                node(&c.then, year, into);
            }
            node(otherwise, year, into);
        }
        Rule::Score(s) => {
            for it in &s.items {
                item(it, year, into);
            }
        }
    }
}

/// Every input a criterion may read when assessed in `year`, in rule order.
pub fn criterion_inputs(c: &Criterion, year: i32) -> Vec<InputRef> {
    let mut out = Vec::new();
    node(&c.rule, year, &mut out);
    out
}

/// Every input a version may read when assessed in `year`, in criterion order.
pub fn version_inputs(v: &Version, year: i32) -> Vec<InputRef> {
    let mut out = Vec::new();
    for c in &v.criteria {
        node(&c.rule, year, &mut out);
    }
    out
}

fn declarations_in<'p>(n: &'p Node, c: &'p Criterion, into: &mut Vec<Declaration<'p>>) {
    match &n.rule {
        Rule::Declared { key } => {
            if !into.iter().any(|d| d.key == &**key) {
                into.push(Declaration {
                    key,
                    criterion: &c.id,
                    label: n.label.as_ref().unwrap_or(&c.label),
                });
            }
        }
        Rule::All(parts) | Rule::Any(parts) => {
            for p in parts {
                declarations_in(p, c, into);
            }
        }
        Rule::Switch { cases, otherwise } => {
            for case in cases {
                declarations_in(&case.when, c, into);
                declarations_in(&case.then, c, into);
            }
            declarations_in(otherwise, c, into);
        }
        Rule::Score(s) => {
            for it in &s.items {
                items_declarations(it, c, into);
            }
        }
        Rule::Compare { threshold, .. } => {
            if let Threshold::Cases { cases, .. } = threshold {
                for case in cases {
                    declarations_in(&case.when, c, into);
                }
            }
        }
        Rule::In { .. } | Rule::Holds { .. } | Rule::Unpublished { .. } => {}
    }
}

fn items_declarations<'p>(it: &'p Item, c: &'p Criterion, into: &mut Vec<Declaration<'p>>) {
    match &it.kind {
        ItemKind::Bands { bands, .. } => {
            for b in bands {
                declarations_in(&b.when, c, into);
            }
        }
        ItemKind::BestOf(alts) => {
            for a in alts {
                items_declarations(a, c, into);
            }
        }
        ItemKind::SelfAssessed => {}
    }
}

/// The self-declared conditions of a version, each once.
pub fn declarations(v: &Version) -> Vec<Declaration<'_>> {
    let mut out = Vec::new();
    for c in &v.criteria {
        declarations_in(&c.rule, c, &mut out);
    }
    out
}

fn self_scored_in<'p>(n: &'p Node, c: &'p Criterion, into: &mut Vec<SelfScored<'p>>) {
    match &n.rule {
        Rule::Score(s) => {
            for it in &s.items {
                let mut stack = vec![it];
                while let Some(it) = stack.pop() {
                    match &it.kind {
                        ItemKind::SelfAssessed => into.push(SelfScored {
                            key: format!("{}.{}", s.key, it.id),
                            criterion: &c.id,
                            label: &it.label,
                            max: it.max,
                        }),
                        ItemKind::BestOf(alts) => stack.extend(alts.iter().rev()),
                        ItemKind::Bands { .. } => {}
                    }
                }
            }
        }
        Rule::All(parts) | Rule::Any(parts) => {
            for p in parts {
                self_scored_in(p, c, into);
            }
        }
        Rule::Switch { cases, otherwise } => {
            for case in cases {
                self_scored_in(&case.then, c, into);
            }
            self_scored_in(otherwise, c, into);
        }
        Rule::Compare { .. }
        | Rule::In { .. }
        | Rule::Holds { .. }
        | Rule::Declared { .. }
        | Rule::Unpublished { .. } => {}
    }
}

/// The self-assessed score items of a version.
pub fn self_scored(v: &Version) -> Vec<SelfScored<'_>> {
    let mut out = Vec::new();
    for c in &v.criteria {
        self_scored_in(&c.rule, c, &mut out);
    }
    out
}

/// Self-assessed points the packs cannot take: points are whole, and lie within their item's
/// range (80 in a 0–8 item is a slip, not a score to cut down to 8). Reported at the field,
/// never clamped or rounded; a key no pack's item uses is left alone (a host pack may).
pub fn self_score_errors(p: &Profile, packs: &[Pack]) -> Vec<Error> {
    let mut out = Vec::new();
    for (key, n) in &p.self_scores {
        let path = format!("self_scores.{key}");
        if !n.is_integer() {
            out.push(Error::NotWhole {
                path,
                value: n.to_string(),
            });
            continue;
        }
        let max = packs
            .iter()
            .flat_map(|pack| pack.versions.iter())
            .flat_map(self_scored)
            .find(|s| s.key == *key)
            .map(|s| s.max);
        if let Some(max) = max.filter(|m| n > m) {
            out.push(Error::OutOfRange {
                path,
                value: n.to_string(),
                min: "0".into(),
                max: max.to_string(),
            });
        }
    }
    out
}

/// Whether the profile holds a value for an input.
pub fn is_filled(p: &Profile, r: &InputRef) -> bool {
    match r {
        InputRef::Year(y, f) => p.year(*y, *f).is_some(),
        InputRef::Scalar(f) => p.scalar(*f).is_some(),
        InputRef::Date(d) => p.date(*d).is_some(),
        InputRef::Category(c) => p.category(*c).is_some(),
        InputRef::Certifications => p.certifications.is_some(),
        InputRef::Confirmation(k) => p.confirmations.contains(&**k) || p.declined.contains(&**k),
        InputRef::SelfScore(k) => p.self_scores.contains_key(&**k),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;
    use crate::profile::YearField;

    #[test]
    fn the_pool_reads_what_its_criteria_name() {
        let packs = bundled::packs();
        let pool = packs.iter().find(|p| p.id == "xm-etc-pool").unwrap();
        let v = &pool.versions[0];
        let reads = version_inputs(v, 2025);
        assert!(reads.contains(&InputRef::Year(2024, YearField::RdExpense)));
        assert!(reads.contains(&InputRef::Confirmation("XM6".into())));
        let decl = declarations(v);
        assert!(decl.iter().any(|d| d.key == "XM6" && d.criterion == "XM6"));
        let p = Profile::from_json(r#"{"years": {"2024": {"rd_expense": 1}}}"#).unwrap();
        assert!(is_filled(&p, &InputRef::Year(2024, YearField::RdExpense)));
        assert!(!is_filled(&p, &InputRef::Year(2024, YearField::RdStaff)));
    }
}
