//! Screening's evaluation: of each rule, only what screening reads (its status, gap, progress
//! and the inputs it still needs), held on the stack. The full result's parts, numbers shown,
//! notes, score tables and goal-seek answers are never built, so a criterion costs no
//! allocation unless it lacks inputs.

use chrono::NaiveDate;

use super::result::{Assessment, Check, CriterionResult, ProgramResult, Status};
use super::unknown::{Needs, Unknown};
use super::{not_in_force_on, program_head, settle, Ctx};
use crate::model::{Node, Pack, Rule, Version};
use crate::num::Num;
use crate::profile::Profile;

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

    /// A program's result as screening reads it, into `r`, whose vectors are reused: each
    /// criterion's check holds its brief alone.
    fn screen_version<'p>(&self, r: &mut ProgramResult<'p>, pack: &'p Pack, version: &'p Version) {
        let mut criteria = std::mem::take(&mut r.criteria);
        criteria.truncate(version.criteria.len());
        criteria.reserve_exact(version.criteria.len() - criteria.len());
        for (i, c) in version.criteria.iter().enumerate() {
            let b = self.brief(&c.rule);
            let Some(r) = criteria.get_mut(i) else {
                let mut check = Check::new(b.status);
                check.gap = b.gap;
                check.progress = b.progress;
                check.needs = b.needs.into_vec();
                criteria.push(CriterionResult {
                    id: &c.id,
                    label: &c.label,
                    check,
                    source: &c.cite,
                    sources: &c.source,
                    confidence: &c.confidence,
                    criterion_note: c.note.as_ref(),
                });
                continue;
            };
            r.id = &c.id;
            r.label = &c.label;
            r.source = &c.cite;
            r.sources = &c.source;
            r.confidence = &c.confidence;
            r.criterion_note = c.note.as_ref();
            // The rest of the check is as `Check::new` left it: only screening fills these.
            r.check.status = b.status;
            r.check.gap = b.gap;
            r.check.progress = b.progress;
            r.check.needs.clear();
            b.needs.move_into(&mut r.check.needs);
        }
        *r = program_head(
            pack,
            version,
            criteria,
            std::mem::take(&mut r.needs),
            std::mem::take(&mut r.notices),
        );
        settle(r, pack, version);
    }
}

/// An assessment that screening alone fills, one profile after another, reusing the room the
/// previous profile's results took: screening many profiles allocates next to nothing once the
/// first has sized it. Only screening writes it, so a criterion's check holds nothing but its
/// brief and needs no clearing.
pub struct Screening<'p>(Assessment<'p>);

impl Default for Screening<'_> {
    fn default() -> Self {
        Screening(Assessment {
            as_of: NaiveDate::MIN,
            programs: Vec::new(),
            not_in_force: Vec::new(),
        })
    }
}

impl<'p> Screening<'p> {
    /// What `evaluate_in(Mode::Screen, packs, profile, as_of)` returns.
    pub fn screen(
        &mut self,
        packs: &'p [Pack],
        profile: &Profile,
        as_of: NaiveDate,
    ) -> &Assessment<'p> {
        let out = &mut self.0;
        let cx = Ctx::new(profile, as_of);
        out.as_of = as_of;
        out.not_in_force.clear();
        out.programs
            .reserve(packs.len().saturating_sub(out.programs.len()));
        let mut n = 0;
        for pack in packs {
            let Some(v) = pack.version_on(as_of) else {
                out.not_in_force.push(not_in_force_on(pack, as_of));
                continue;
            };
            if n == out.programs.len() {
                out.programs
                    .push(program_head(pack, v, Vec::new(), Vec::new(), Vec::new()));
            }
            cx.screen_version(&mut out.programs[n], pack, v);
            n += 1;
        }
        out.programs.truncate(n);
        out
    }

    pub fn into_assessment(self) -> Assessment<'p> {
        self.0
    }
}
