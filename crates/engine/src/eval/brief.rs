//! Screening's evaluation: of each rule, only what screening reads (its status, gap, progress
//! and the inputs it still needs), held on the stack. The full result's parts, numbers shown,
//! notes, score tables and goal-seek answers are never built, so a criterion costs no
//! allocation unless it lacks inputs.

use super::result::{Check, CriterionResult, ProgramResult, Status};
use super::unknown::{Needs, Unknown};
use super::{program_result, Ctx};
use crate::model::{Node, Pack, Rule, Version};
use crate::num::Num;

/// What screening reads of a rule's result, the same as the full result's fields of that name.
pub(super) struct Brief {
    pub(super) status: Status,
    pub(super) needs: Needs,
    pub(super) gap: Option<Num>,
    pub(super) progress: Option<f64>,
}

impl Brief {
    pub(super) fn of(status: Status) -> Brief {
        Brief {
            status,
            needs: Needs::NONE,
            gap: None,
            progress: None,
        }
    }

    pub(super) fn unknown(u: Unknown) -> Brief {
        match u {
            Unknown::Missing(needs) => Brief {
                needs,
                ..Brief::of(Status::Missing)
            },
            Unknown::Undefined(_) => Brief::of(Status::NotAssessable),
        }
    }
}

impl Ctx<'_> {
    pub(super) fn brief(&self, n: &Node) -> Brief {
        match &n.rule {
            Rule::Compare {
                measure,
                op,
                threshold,
                ..
            } => self.compare_brief(measure, *op, threshold),
            Rule::All(parts) | Rule::Any(parts) => {
                self.combine_brief(parts, matches!(n.rule, Rule::Any(_)))
            }
            Rule::Switch { cases, otherwise } => self.switch_brief(cases, otherwise),
            Rule::Score(s) => self.score_brief(s),
            Rule::In { .. }
            | Rule::Holds { .. }
            | Rule::Declared { .. }
            | Rule::Unpublished { .. } => {
                let (status, needs) = self.cond(n);
                Brief {
                    needs,
                    ..Brief::of(status)
                }
            }
        }
    }

    /// A program's result as screening reads it: each criterion's check holds its brief alone.
    pub(super) fn screen_version<'p>(
        &self,
        pack: &'p Pack,
        version: &'p Version,
    ) -> ProgramResult<'p> {
        let criteria = version
            .criteria
            .iter()
            .map(|c| {
                let b = self.brief(&c.rule);
                let mut check = Check::new(b.status);
                check.gap = b.gap;
                check.progress = b.progress;
                check.needs = b.needs.into_vec();
                CriterionResult {
                    id: &c.id,
                    label: &c.label,
                    check,
                    source: &c.cite,
                    sources: &c.source,
                    confidence: &c.confidence,
                    criterion_note: c.note.as_ref(),
                }
            })
            .collect();
        program_result(pack, version, criteria)
    }
}
