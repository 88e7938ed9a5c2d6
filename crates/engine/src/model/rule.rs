//! Rules: the kinds of condition a criterion is made of, with their thresholds and operators.

use std::sync::Arc;

use crate::model::fields::{Category, CategoryField, CertKind, Unit};
use crate::model::words::words;
use crate::model::{Measure, Score};
use crate::num::Num;
use crate::text::Text;

words! {
    /// A comparison, spelt as in packs: `>=` is the reading of 不低于 / 不少于 / 以上.
    pub enum Op {
        Ge = ">=",
        Gt = ">",
        Le = "<=",
        Lt = "<",
        Eq = "=",
    }
}

impl Op {
    /// The key of a score band's shorthand comparison: `{"gte": 5, "points": 20}`.
    pub fn band_key(self) -> &'static str {
        match self {
            Op::Ge => "gte",
            Op::Gt => "gt",
            Op::Le => "lte",
            Op::Lt => "lt",
            Op::Eq => "eq",
        }
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
        self.holds_for(actual.cmp(&threshold))
    }

    /// Whether the operator holds for an actual value that compares with the threshold so.
    pub fn holds_for(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            Op::Ge => ord != Less,
            Op::Gt => ord == Greater,
            Op::Le => ord != Greater,
            Op::Lt => ord == Less,
            Op::Eq => ord == Equal,
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

words! {
    /// The kinds of rule, by their names in packs (`"kind": "compare"`).
    pub enum RuleKind {
        Compare = "compare",
        In = "in",
        Holds = "holds",
        Declared = "declared",
        Unpublished = "unpublished",
        All = "all",
        Any = "any",
        Switch = "switch",
        Score = "score",
    }
}

impl RuleKind {
    /// The fields a rule of this kind has besides `kind`, `id` and `label`.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            RuleKind::Compare => &["measure", "op", "threshold", "unit"],
            RuleKind::In => &["field", "values"],
            RuleKind::Holds => &["certifications"],
            RuleKind::Declared => &[],
            RuleKind::Unpublished => &["note"],
            RuleKind::All | RuleKind::Any => &["of"],
            RuleKind::Switch => &["cases", "otherwise"],
            RuleKind::Score => &["items", "groups", "pass"],
        }
    }

    /// A rule made of other rules, or of score items, rather than one condition.
    pub fn is_composite(self) -> bool {
        match self {
            RuleKind::All | RuleKind::Any | RuleKind::Switch | RuleKind::Score => true,
            RuleKind::Compare
            | RuleKind::In
            | RuleKind::Holds
            | RuleKind::Declared
            | RuleKind::Unpublished => false,
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

impl Rule {
    pub fn kind(&self) -> RuleKind {
        match self {
            Rule::Compare { .. } => RuleKind::Compare,
            Rule::In { .. } => RuleKind::In,
            Rule::Holds { .. } => RuleKind::Holds,
            Rule::Declared { .. } => RuleKind::Declared,
            Rule::Unpublished { .. } => RuleKind::Unpublished,
            Rule::All(_) => RuleKind::All,
            Rule::Any(_) => RuleKind::Any,
            Rule::Switch { .. } => RuleKind::Switch,
            Rule::Score(_) => RuleKind::Score,
        }
    }
}
