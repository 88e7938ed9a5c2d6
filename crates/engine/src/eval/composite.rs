//! `all` and `any`: every part's result, and the composite's status, numbers and needs taken
//! from the part that decides (the failing one of an `all`, the best alternative of an `any`).

use super::brief::Brief;
use super::result::{Check, Part, Status};
use super::unknown::{union, Needs};
use super::Ctx;
use crate::model::Node;

impl Ctx<'_> {
    /// Writes a composite's result into `out`, a fresh result (`Check::new`).
    pub(super) fn combine<'p>(&self, out: &mut Check<'p>, nodes: &'p [Node], any: bool) {
        let mut parts: Vec<Part<'p>> = Vec::with_capacity(nodes.len());
        for n in nodes {
            parts.push(Part {
                id: n.id.as_deref(),
                label: &n.display,
                check: Check::new(Status::Missing),
            });
            if let Some(p) = parts.last_mut() {
                self.node_into(n, &mut p.check);
            }
        }
        let rank = |s: Status| if any { s.any_rank() } else { s.all_rank() };
        // Ties go to the last part, so pack authors list the headline figure last.
        let lead = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| rank(p.check.status))
            .map(|(i, _)| i)
            .expect("composites have parts");
        // A score offered with alternatives (score or a direct condition) keeps its points on
        // the composite: the first part that is a score lends its breakdown.
        let score = parts.iter_mut().find_map(|p| p.check.score.take());
        let lead = &parts[lead];
        let status = lead.check.status;
        let needs = if matches!(status, Status::Met | Status::NotMet) {
            Vec::new()
        } else {
            union(parts.iter().map(|p| p.check.needs.as_slice()))
        };
        // The headline numbers are those of the part that decides: the failing one of an
        // `all`, the best alternative of an `any`.
        let mut fix = Vec::new();
        if status == Status::NotMet && !any {
            for p in parts.iter().filter(|p| p.check.status == Status::NotMet) {
                fix.extend(p.check.fix.iter().cloned());
            }
        } else if any && status != Status::Met {
            // An alternative not yet met shows what would meet it: a score's answer lifts
            // its minimum even while other inputs are still open.
            fix = parts
                .iter()
                .find(|p| !p.check.fix.is_empty())
                .map(|p| p.check.fix.clone())
                .unwrap_or_default();
        }
        let lead_check = &lead.check;
        out.status = status;
        out.actual = lead_check.actual.clone();
        out.required = lead_check.required.clone();
        out.gap = lead_check.gap;
        out.op = lead_check.op;
        out.unit = lead_check.unit;
        out.progress = lead_check.progress;
        out.fix = fix;
        if status == Status::NotMet {
            out.met_from = lead_check.met_from;
        }
        out.case = lead_check.case;
        out.needs = needs;
        out.parts = parts;
        out.score = score;
    }

    /// The status of a composite and the inputs it still needs, as `Ctx::combine` finds them,
    /// from the parts' statuses alone.
    pub(super) fn combine_cond(&self, parts: &[Node], any: bool) -> (Status, Needs) {
        let rank = |s: Status| if any { s.any_rank() } else { s.all_rank() };
        // As in `combine`: the strongest part leads, the last one on a tie.
        let mut lead: Option<Status> = None;
        let mut needs = Needs::NONE;
        for part in parts {
            let (status, part_needs) = self.cond(part);
            if lead.is_none_or(|l| rank(status) >= rank(l)) {
                lead = Some(status);
            }
            needs.extend(part_needs);
        }
        let status = lead.expect("composites have parts");
        if matches!(status, Status::Met | Status::NotMet) {
            needs = Needs::NONE;
        }
        (status, needs)
    }

    /// What screening reads of [`Ctx::combine`]'s result, from the parts' briefs.
    pub(super) fn combine_brief(&self, parts: &[Node], any: bool) -> Brief {
        let rank = |s: Status| if any { s.any_rank() } else { s.all_rank() };
        // As in `combine`: the strongest part leads, the last one on a tie.
        let mut lead: Option<Brief> = None;
        let mut needs = Needs::NONE;
        for part in parts {
            let mut b = self.brief(part);
            needs.extend(std::mem::replace(&mut b.needs, Needs::NONE));
            if lead
                .as_ref()
                .is_none_or(|l| rank(b.status) >= rank(l.status))
            {
                lead = Some(b);
            }
        }
        let mut lead = lead.expect("composites have parts");
        if !matches!(lead.status, Status::Met | Status::NotMet) {
            lead.needs = needs;
        }
        lead
    }
}
