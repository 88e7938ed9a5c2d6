//! Evaluation: a profile against the version of each pack in force on the as-of date.
//!
//! Unknown is never "no": a criterion whose input is absent is `missing`, a declaration not yet
//! made is `unconfirmed`, a score range across the pass line is `uncertain`, and a threshold
//! nobody has published is `not-assessable`. Only what the figures show to fail is `not-met`.
//!
//! Each kind of rule is evaluated in its own module, in three ways: its full result, with the
//! numbers, goal-seek answers and parts a criterion shows (`Ctx::node_into`); what screening
//! reads of it, its status, gap, progress and the inputs it needs (`Ctx::brief`); and for the
//! conditions of cases, tiers and bands its status and needs alone (`Ctx::cond`), which is
//! most of the work and much cheaper. The three agree on every rule of every bundled pack
//! (`agreement.rs`, a property test).

use chrono::{Datelike, NaiveDate};

use crate::inputs::InputRef;
use crate::model::{Node, Pack, Rule, Version};
use crate::num::Num;
use crate::profile::{Profile, YearField, YearFigures};
use crate::text::Text;

#[cfg(test)]
mod agreement;
mod brief;
mod compare;
mod composite;
mod facts;
mod goal;
mod measure;
mod result;
mod score;
mod score_goal;
mod switch;
mod unknown;

pub use brief::Screening;
#[cfg(feature = "timing")]
pub(crate) use result::ser_unit;
pub use result::{
    Assessment, Check, CriterionResult, Fix, GroupResult, ItemResult, NotInForce, Outcome, Part,
    ProgramResult, ScoreResult, Shown, Status, VersionRef,
};
pub use score_goal::{get_input, set_input};
use unknown::{union_into, Needs};

/// How much of a result to work out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Everything a criterion shows, with the goal-seek answers (`Check::fix`, a score's
    /// `reach`) and the date a rule is met from (`Check::met_from`).
    #[default]
    Full,
    /// What screening reads: statuses, outcomes, gaps, progress and closeness, and the inputs
    /// still needed, the same as in [`Mode::Full`]. A criterion's check holds nothing else: no
    /// numbers shown, notes, parts, score table or goal-seek answers, which are most of the
    /// work and of the allocations.
    Screen,
}

/// Evaluates every pack on `as_of`.
pub fn evaluate<'p>(packs: &'p [Pack], profile: &Profile, as_of: NaiveDate) -> Assessment<'p> {
    let cx = Ctx::new(profile, as_of);
    let mut programs = Vec::with_capacity(packs.len());
    let mut not_in_force = Vec::new();
    for pack in packs {
        match pack.version_on(as_of) {
            Some(v) => programs.push(cx.version(pack, v)),
            None => not_in_force.push(not_in_force_on(pack, as_of)),
        }
    }
    Assessment {
        as_of,
        programs,
        not_in_force,
    }
}

/// Evaluates every pack on `as_of`, working out what `mode` asks for.
pub fn evaluate_in<'p>(
    mode: Mode,
    packs: &'p [Pack],
    profile: &Profile,
    as_of: NaiveDate,
) -> Assessment<'p> {
    match mode {
        Mode::Full => evaluate(packs, profile, as_of),
        Mode::Screen => {
            let mut s = Screening::default();
            s.screen(packs, profile, as_of);
            s.into_assessment()
        }
    }
}

fn not_in_force_on<'p>(pack: &'p Pack, as_of: NaiveDate) -> NotInForce<'p> {
    NotInForce {
        id: &pack.id,
        name: &pack.name,
        next_from: pack
            .versions
            .iter()
            .map(|v| v.effective_from)
            .filter(|d| *d > as_of)
            .min(),
    }
}

/// Evaluates one version of a pack.
pub fn evaluate_version<'p>(
    pack: &'p Pack,
    version: &'p Version,
    profile: &Profile,
    as_of: NaiveDate,
) -> ProgramResult<'p> {
    Ctx::new(profile, as_of).version(pack, version)
}

impl Ctx<'_> {
    fn version<'p>(&self, pack: &'p Pack, version: &'p Version) -> ProgramResult<'p> {
        let mut criteria = Vec::with_capacity(version.criteria.len());
        for c in &version.criteria {
            criteria.push(CriterionResult {
                id: &c.id,
                label: &c.label,
                check: Check::new(Status::Missing),
                source: &c.cite,
                sources: &c.source,
                confidence: &c.confidence,
                criterion_note: c.note.as_ref(),
            });
            if let Some(r) = criteria.last_mut() {
                self.node_into(&c.rule, &mut r.check);
            }
        }
        program_result(pack, version, criteria)
    }
}

/// A program's result, from the results of its criteria.
fn program_result<'p>(
    pack: &'p Pack,
    version: &'p Version,
    criteria: Vec<CriterionResult<'p>>,
) -> ProgramResult<'p> {
    let mut r = program_head(pack, version, criteria, Vec::new(), Vec::new());
    settle(&mut r, pack, version);
    r
}

/// A program's result with `criteria`, its outcome, needs and closeness not yet settled; the
/// vectors given are filled, so that screening can hand back the previous profile's.
fn program_head<'p>(
    pack: &'p Pack,
    version: &'p Version,
    criteria: Vec<CriterionResult<'p>>,
    mut needs: Vec<InputRef>,
    mut notices: Vec<&'p Text>,
) -> ProgramResult<'p> {
    needs.clear();
    notices.clear();
    notices.extend(pack.notices.iter().chain(&version.notices));
    ProgramResult {
        id: &pack.id,
        name: &pack.name,
        level: pack.level,
        region: &pack.region,
        origin: pack.origin,
        outcome: Outcome::Incomplete,
        version: VersionRef {
            id: &version.id,
            effective_from: version.effective_from,
            effective_until: version.effective_until,
        },
        notices,
        criteria,
        needs,
        closeness: 0.0,
        digest: &pack.digest,
    }
}

/// Settles a program's outcome, needs and closeness from its criteria's results.
fn settle<'p>(r: &mut ProgramResult<'p>, pack: &'p Pack, version: &'p Version) {
    debug_assert_eq!(r.id, pack.id);
    let criteria = &r.criteria;
    // Most versions have no alternatives, and looking for them is most of the work here.
    let alternatives = version.criteria.iter().any(|c| c.alternative_to.is_some());
    r.outcome = Outcome::from_statuses(
        version
            .criteria
            .iter()
            .zip(criteria)
            .filter(|(c, _)| c.alternative_to.is_none())
            .map(|(c, r)| {
                if !alternatives {
                    return r.check.status;
                }
                // A criterion and those that may stand in for it count once, as an `any`.
                version
                    .criteria
                    .iter()
                    .zip(criteria)
                    .filter(|(a, _)| a.alternative_to.as_deref() == Some(c.id.as_str()))
                    .map(|(_, a)| a.check.status)
                    .fold(r.check.status, |best, s| {
                        if s.any_rank() > best.any_rank() {
                            s
                        } else {
                            best
                        }
                    })
            }),
    );
    union_into(
        &mut r.needs,
        criteria.iter().map(|c| c.check.needs.as_slice()),
    );
    r.closeness = if criteria.is_empty() {
        0.0
    } else {
        criteria
            .iter()
            .map(|c| match c.check.status {
                Status::Met => 1.0,
                Status::NotMet => c.check.progress.unwrap_or(0.0),
                _ => 0.0,
            })
            .sum::<f64>()
            / criteria.len() as f64
    };
}

/// Year offsets in packs run from -10 to 0: the figures of those years are looked up once
/// per evaluation rather than in the profile's map for every measure.
const WINDOW: usize = 11;

struct Ctx<'a> {
    p: &'a Profile,
    as_of: NaiveDate,
    year: i32,
    /// The figures of the years `first` to `first + WINDOW - 1`, which ends at `year`.
    first: i32,
    window: [Option<&'a YearFigures>; WINDOW],
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Profile, as_of: NaiveDate) -> Ctx<'a> {
        let year = as_of.year();
        let first = year.saturating_sub(WINDOW as i32 - 1);
        let mut window = [None; WINDOW];
        for (y, figures) in p.years.range(first..=year) {
            window[(y - first) as usize] = Some(figures);
        }
        Ctx {
            p,
            as_of,
            year,
            first,
            window,
        }
    }

    fn year_figure(&self, year: i32, f: YearField) -> Option<Num> {
        match usize::try_from(i64::from(year) - i64::from(self.first)) {
            Ok(i) if i < WINDOW => self.window[i].and_then(|y| y.get(f)),
            _ => self.p.year(year, f),
        }
    }
}

impl Ctx<'_> {
    fn node<'p>(&self, n: &'p Node) -> Check<'p> {
        let mut c = Check::new(Status::Missing);
        self.node_into(n, &mut c);
        c
    }

    /// Writes a rule's result into `out`, a fresh result (`Check::new`) in its final place: a
    /// result is large, and filling it field by field saves moving a finished one there.
    fn node_into<'p>(&self, n: &'p Node, out: &mut Check<'p>) {
        match &n.rule {
            Rule::Compare {
                measure,
                op,
                threshold,
                unit,
            } => self.compare(out, measure, *op, threshold, *unit),
            Rule::In { field, values } => self.is_in(out, *field, values),
            Rule::Holds { kinds } => self.holds(out, kinds),
            Rule::Declared { key } => self.declaration(out, key),
            Rule::Unpublished { note } => facts::unpublished(out, note),
            Rule::All(parts) | Rule::Any(parts) => {
                self.combine(out, parts, matches!(n.rule, Rule::Any(_)))
            }
            Rule::Switch { cases, otherwise } => self.switch(out, cases, otherwise),
            Rule::Score(s) => self.score(out, s),
        }
    }

    /// The status of a condition (a band, a tier, a case) and the inputs it still needs: those
    /// of [`Ctx::node_into`], without building the parts' results, their goal-seek answers and
    /// their lists.
    fn cond(&self, n: &Node) -> (Status, Needs) {
        match &n.rule {
            Rule::Compare {
                measure,
                op,
                threshold,
                ..
            } => self.compare_cond(measure, *op, threshold),
            Rule::In { field, values } => self.is_in_cond(*field, values),
            Rule::Holds { kinds } => self.holds_cond(kinds),
            Rule::Declared { key } => self.declaration_cond(key),
            Rule::Unpublished { .. } => (Status::NotAssessable, Needs::NONE),
            Rule::All(parts) | Rule::Any(parts) => {
                self.combine_cond(parts, matches!(n.rule, Rule::Any(_)))
            }
            // Rarely a condition, and their status takes most of their result: evaluated whole,
            // not by their brief, which the browser's build would then carry.
            Rule::Switch { .. } | Rule::Score(_) => {
                let c = self.node(n);
                (c.status, c.needs.into())
            }
        }
    }
}
