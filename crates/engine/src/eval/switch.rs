//! `switch`: the first case whose condition holds chooses the rule, unless an earlier condition
//! is unknown; then the result says what would settle which case applies.

use std::borrow::Cow;

use super::brief::Brief;
use super::result::{Check, Status};
use super::unknown::Needs;
use super::Ctx;
use crate::model::{Case, Node};
use crate::text::Text;

/// The rule a switch applies.
enum Chosen<'p> {
    Case(&'p Case<Node>),
    Otherwise,
    /// An earlier condition is unknown: what would settle it, nothing if no input can.
    Open(Needs),
}

impl Ctx<'_> {
    /// Writes a switch's result into `out`, a fresh result (`Check::new`).
    pub(super) fn switch<'p>(
        &self,
        out: &mut Check<'p>,
        cases: &'p [Case<Node>],
        otherwise: &'p Node,
    ) {
        match self.chosen(cases) {
            Chosen::Case(case) => {
                self.node_into(&case.then, out);
                out.case = case.label.as_ref().or(case.when.label.as_ref());
            }
            Chosen::Otherwise => {
                self.node_into(otherwise, out);
                out.case = out.case.or(otherwise.label.as_ref());
            }
            Chosen::Open(needs) if needs.is_empty() => {
                out.status = Status::NotAssessable;
                out.note = Some(Cow::Owned(Text::new(
                    "无法判断适用的情形",
                    "which case applies cannot be assessed",
                )));
            }
            Chosen::Open(needs) => {
                out.status = Status::Missing;
                out.needs = needs.into_vec();
            }
        }
    }

    /// What screening reads of [`Ctx::switch`]'s result.
    pub(super) fn switch_brief(&self, cases: &[Case<Node>], otherwise: &Node) -> Brief {
        match self.chosen(cases) {
            Chosen::Case(case) => self.brief(&case.then),
            Chosen::Otherwise => self.brief(otherwise),
            Chosen::Open(needs) if needs.is_empty() => Brief::of(Status::NotAssessable),
            Chosen::Open(needs) => Brief {
                needs,
                ..Brief::of(Status::Missing)
            },
        }
    }

    /// A case applies when its condition is met and no earlier one might be.
    fn chosen<'p>(&self, cases: &'p [Case<Node>]) -> Chosen<'p> {
        let mut needs = Needs::NONE;
        let mut undecidable = false;
        for case in cases {
            let (status, when_needs) = self.cond(&case.when);
            match status {
                Status::Met if needs.is_empty() && !undecidable => return Chosen::Case(case),
                Status::Met => break,
                Status::NotMet => {}
                _ if when_needs.is_empty() => undecidable = true,
                _ => needs.extend(when_needs),
            }
        }
        if needs.is_empty() && !undecidable {
            Chosen::Otherwise
        } else {
            Chosen::Open(needs)
        }
    }
}
