//! Measured values and why a value is unknown: inputs still needed (`missing`), or a value no
//! input can define (`not-assessable`), with the note that says why.

use std::borrow::Cow;

use super::result::{Check, Status};
use crate::inputs::InputRef;
use crate::num::Num;
use crate::profile::YearField;
use crate::text::Text;

/// A measured value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Val {
    Exact(Num),
    /// A compound growth rate, kept as the ratio of the end values so that comparisons stay
    /// exact: `(ratio)^(1/years) - 1`.
    Cagr {
        ratio: Num,
        years: u32,
    },
    /// A certification not held on the as-of date.
    NotHeld,
}

/// Inputs still needed, in the order found and without repeats. An unknown value usually
/// lacks one input, which is held without allocating.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Needs {
    Few(Option<InputRef>),
    Many(Vec<InputRef>),
}

impl Needs {
    pub(super) const NONE: Needs = Needs::Few(None);

    pub(super) fn one(x: InputRef) -> Needs {
        Needs::Few(Some(x))
    }

    pub(super) fn as_slice(&self) -> &[InputRef] {
        match self {
            Needs::Few(x) => x.as_slice(),
            Needs::Many(v) => v,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    pub(super) fn push(&mut self, x: InputRef) {
        if self.as_slice().contains(&x) {
            return;
        }
        match self {
            Needs::Few(None) => *self = Needs::one(x),
            Needs::Few(Some(a)) => {
                // Lists that grow past one usually reach a few inputs (the years of a span).
                let mut v = Vec::with_capacity(4);
                v.push(a.clone());
                v.push(x);
                *self = Needs::Many(v);
            }
            Needs::Many(v) => v.push(x),
        }
    }

    pub(super) fn extend(&mut self, from: Needs) {
        if self.is_empty() {
            // Every list is built without repeats, so it can be taken as it is.
            *self = from;
            return;
        }
        match from {
            Needs::Few(x) => x.into_iter().for_each(|x| self.push(x)),
            Needs::Many(v) => v.into_iter().for_each(|x| self.push(x)),
        }
    }

    /// Moves the inputs to the end of `v`.
    pub(super) fn move_into(self, v: &mut Vec<InputRef>) {
        match self {
            Needs::Few(x) => v.extend(x),
            Needs::Many(m) => v.extend(m),
        }
    }

    pub(super) fn into_vec(self) -> Vec<InputRef> {
        match self {
            Needs::Few(None) => Vec::new(),
            Needs::Few(Some(x)) => vec![x],
            Needs::Many(v) => v,
        }
    }
}

impl From<Vec<InputRef>> for Needs {
    fn from(v: Vec<InputRef>) -> Needs {
        Needs::Many(v)
    }
}

/// Why a value is unknown.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Unknown {
    Missing(Needs),
    Undefined(Why),
}

/// Why a value cannot be defined. The note that says so is written only when a criterion's
/// result shows it, as conditions and tiers only need the status.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Why {
    Overflow,
    /// The base of a growth rate is 0.
    ZeroBase(YearField),
    ZeroDenominator,
    BeforeRegistration,
    TierUnassessable,
    NoTier,
}

impl Why {
    pub(super) fn note(self) -> Text {
        match self {
            Why::Overflow => Text::new(
                "数值过大,无法精确计算",
                "figures too large to compute exactly",
            ),
            Why::ZeroBase(field) => zero_base_note(&field.label().zh),
            Why::ZeroDenominator => zero_base_note("分母 / denominator"),
            Why::BeforeRegistration => Text::new(
                "所计年度均早于注册日期",
                "every year counted is before registration",
            ),
            Why::TierUnassessable => Text::new(
                "无法判断适用的档次",
                "which tier applies cannot be assessed",
            ),
            Why::NoTier => Text::new("没有适用的档次", "no tier of the threshold applies"),
        }
    }
}

fn zero_base_note(what: &str) -> Text {
    Text::new(
        format!("{what}为 0,比率无定义"),
        format!("the base ({what}) is 0, so the ratio is undefined"),
    )
}

impl Unknown {
    pub(super) fn merge(self, other: Unknown) -> Unknown {
        match (self, other) {
            (Unknown::Missing(mut a), Unknown::Missing(b)) => {
                a.extend(b);
                Unknown::Missing(a)
            }
            (m @ Unknown::Missing(_), _) | (_, m @ Unknown::Missing(_)) => m,
            (u, _) => u,
        }
    }
}

pub(super) fn overflow() -> Unknown {
    Unknown::Undefined(Why::Overflow)
}

impl<'p> Check<'p> {
    pub(super) fn set_unknown(&mut self, u: Unknown) {
        match u {
            Unknown::Missing(needs) => {
                self.status = Status::Missing;
                self.needs = needs.into_vec();
            }
            Unknown::Undefined(why) => {
                self.status = Status::NotAssessable;
                self.note = Some(Cow::Owned(why.note()));
            }
        }
    }
}

/// The inputs of several lists, in order and without repeats, in one allocation.
pub(super) fn union<'a>(lists: impl Iterator<Item = &'a [InputRef]> + Clone) -> Vec<InputRef> {
    let mut out = Vec::new();
    union_into(&mut out, lists);
    out
}

/// [`union`] into `out`, an empty vector whose room is reused.
pub(super) fn union_into<'a>(
    out: &mut Vec<InputRef>,
    lists: impl Iterator<Item = &'a [InputRef]> + Clone,
) {
    let total = lists.clone().map(<[InputRef]>::len).sum();
    if total == 0 {
        return;
    }
    out.reserve_exact(total);
    for list in lists {
        // Each list is without repeats, so the first one is taken as it is.
        if out.is_empty() {
            out.extend_from_slice(list);
            continue;
        }
        for x in list {
            if !out.contains(x) {
                out.push(x.clone());
            }
        }
    }
}
