//! Rules: the kinds of condition a criterion is made of, with their thresholds and operators.

use std::sync::Arc;

use serde::Serialize;

use crate::model::fields::{Category, CategoryField, CertKind, Unit};
use crate::model::{Measure, Score};
use crate::num::Num;
use crate::text::Text;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    pub const VOCAB: &'static [(&'static str, Op)] = &[
        (">=", Op::Ge),
        (">", Op::Gt),
        ("<=", Op::Le),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ];

    pub fn symbol(self) -> &'static str {
        Op::VOCAB.iter().find(|(_, o)| *o == self).unwrap().0
    }

    /// The mathematical sign, for people: "≥" rather than ">=".
    pub fn sign(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    pub fn holds(self, actual: Num, threshold: Num) -> bool {
        match self {
            Op::Ge => actual >= threshold,
            Op::Gt => actual > threshold,
            Op::Le => actual <= threshold,
            Op::Lt => actual < threshold,
            Op::Eq => actual == threshold,
        }
    }

    /// True when a larger actual value helps.
    pub fn wants_more(self) -> bool {
        matches!(self, Op::Ge | Op::Gt)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Threshold {
    Fixed(Num),
    Measure(Measure),
    /// The first case whose condition is met gives the threshold.
    Cases {
        cases: Vec<Case<Num>>,
        otherwise: Option<Num>,
    },
}

/// A condition and what it selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case<T> {
    pub label: Option<Text>,
    pub when: Node,
    pub then: T,
}

/// A rule with its display label and, for parts of a composite, its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: Option<String>,
    /// The label the pack gives, if any.
    pub label: Option<Text>,
    /// The label shown: the pack's, or one made from what the rule measures.
    pub display: Text,
    pub rule: Rule,
}

impl Node {
    pub fn new(id: Option<String>, label: Option<Text>, rule: Rule) -> Node {
        let display = label
            .clone()
            .unwrap_or_else(|| super::names::rule_label(&rule));
        Node {
            id,
            label,
            display,
            rule,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Compare {
        measure: Measure,
        op: Op,
        threshold: Threshold,
        unit: Unit,
    },
    /// A categorical field takes one of the listed values.
    In {
        field: CategoryField,
        values: Vec<Category>,
    },
    /// One of the certifications is valid on the as-of date.
    Holds {
        kinds: Vec<CertKind>,
    },
    /// Self-declared; `key` is the confirmation id.
    Declared {
        key: Arc<str>,
    },
    /// The threshold is not published; `note` says which table would supply it.
    Unpublished {
        note: Text,
    },
    All(Vec<Node>),
    Any(Vec<Node>),
    Switch {
        cases: Vec<Case<Node>>,
        otherwise: Box<Node>,
    },
    Score(Score),
}
