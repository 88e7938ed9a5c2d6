//! The plan: for a profile and a day, per program, the call to apply in next, the fiscal year
//! it is judged on, whether the enterprise qualifies then on the figures it has, and what that
//! year's figures must reach where it does not; the first call in which it can qualify; and
//! when each certification it holds runs out. Time-dependent rules (years held, years since a
//! date) count forward, because each call is evaluated on its own day.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use crate::eval::{evaluate_version, CriterionResult, Fix, Outcome, ProgramResult, Shown, Status};
use crate::inputs::InputRef;
use crate::ladder::region_match;
use crate::model::timing::{Notice, Term, Validity};
use crate::model::words::words;
use crate::model::{Op, Pack};
use crate::profile::{CategoryField, CertKind, Profile, Unit, YearField};
use crate::text::Text;

pub mod ics;
mod window;

pub use window::{slots, Slot, WindowState, YEARS_AHEAD};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plan<'p> {
    pub as_of: NaiveDate,
    pub programs: Vec<ProgramPlan<'p>>,
    pub certifications: Vec<Renewal<'p>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgramPlan<'p> {
    pub id: &'p str,
    pub name: &'p Text,
    /// Where today falls against the program's call.
    pub window: WindowState,
    /// How its calls usually run, where none is on record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usual: Option<&'p Text>,
    /// The next call (or, with none on record, today), judged on its own day.
    pub next: Attempt<'p>,
    /// Where something is not met in `next`: the first later call in which nothing is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub earliest: Option<Attempt<'p>>,
}

/// An application in one call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attempt<'p> {
    /// The call; `None` where no call is on record.
    pub call: Option<Call<'p>>,
    /// The day it is judged on: time-dependent rules count to it and its version applies.
    pub judged_on: NaiveDate,
    /// The fiscal year whose figures count as "prior year".
    pub figures_year: i32,
    /// `None` where no version of the rules is in force on that day.
    pub outcome: Option<Outcome>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<&'p str>,
    /// Every criterion not yet met on that day, with what it requires.
    pub targets: Vec<Target<'p>>,
}

/// A call as the plan shows it, with the notice it is on record from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Call<'p> {
    #[serde(flatten)]
    pub slot: Slot<'p>,
    pub notice: &'p Notice,
    pub confidence: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'p Text>,
}

/// A criterion to meet by a call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Target<'p> {
    pub criterion: &'p str,
    pub label: &'p Text,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    #[serde(
        serialize_with = "crate::eval::ser_unit",
        skip_serializing_if = "Option::is_none"
    )]
    pub unit: Option<Unit>,
    pub required: Option<Shown<'p>>,
    pub actual: Option<Shown<'p>>,
    /// The values of inputs that would meet it, where a single input can.
    pub fix: Vec<Fix>,
    /// The inputs it still needs.
    pub needs: Vec<InputRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_from: Option<NaiveDate>,
    /// Where the judged year's figures are not entered: the criterion with them taken as the
    /// latest year's, and what they would have to reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub projected: Option<Projected>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projected {
    /// The year whose figures stand in for the missing ones.
    pub from_year: i32,
    pub status: Status,
    pub fix: Vec<Fix>,
}

words! {
    /// Where a certification stands on the plan's day.
    pub enum Standing {
        Valid = "valid",
        /// Its end is within a year.
        RunningOut = "running-out",
        Lapsed = "lapsed",
        /// It has no end date: its holder is evaluated every few years.
        Reviewed = "reviewed",
        /// Neither the profile nor the sources give how long it lasts.
        TermUnknown = "term-unknown",
    }
}

/// When a certification runs out and how it is renewed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Renewal<'p> {
    #[serde(serialize_with = "kind_slug")]
    pub kind: CertKind,
    pub since: NaiveDate,
    /// Its last valid day: as entered, or as its kind implies (`assumed`).
    pub until: Option<NaiveDate>,
    pub assumed: bool,
    pub standing: Standing,
    /// The program that grants it to this enterprise, when one of the packs does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<&'p str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<TermShown<'p>>,
    /// The call to renew in: the last one judged before it runs out, or the next.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renew_in: Option<Call<'p>>,
}

/// A validity as the plan shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermShown<'p> {
    pub label: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewal: Option<&'p Text>,
    pub source: &'p str,
    pub confidence: &'p str,
}

/// How far ahead of its end a certification counts as running out.
const SOON_MONTHS: u32 = 12;

/// The plan for every pack (the caller picks which), on `as_of`.
pub fn plan<'p>(packs: &'p [Pack], profile: &Profile, as_of: NaiveDate) -> Plan<'p> {
    let programs = (packs.iter())
        .filter(|p| !p.is_heading())
        .map(|p| program_plan(p, profile, as_of))
        .collect();
    Plan {
        as_of,
        programs,
        certifications: renewals(packs, profile, as_of),
    }
}

/// The plan of one program.
pub fn program_plan<'p>(pack: &'p Pack, profile: &Profile, as_of: NaiveDate) -> ProgramPlan<'p> {
    let province = profile.word(CategoryField::Province);
    let city = profile.word(CategoryField::City);
    let (state, calls) = slots(&pack.windows, province, city, as_of);
    let mut attempts = calls
        .into_iter()
        .map(|s| attempt(pack, profile, Some(s), as_of));
    let (next, earliest) = match attempts.next() {
        Some(next) => {
            let earliest = next
                .blocked()
                .then(|| attempts.find(|a| !a.blocked()))
                .flatten();
            (next, earliest)
        }
        None => {
            let next = attempt(pack, profile, None, as_of);
            // With no call on record, the day the last duration not yet long enough will be.
            let later = (next.targets.iter())
                .filter(|t| t.status == Status::NotMet)
                .filter_map(|t| t.met_from)
                .max()
                .filter(|d| *d > as_of && next.blocked());
            let earliest = later
                .map(|d| attempt(pack, profile, None, d))
                .filter(|a| !a.blocked());
            (next, earliest)
        }
    };
    ProgramPlan {
        id: &pack.id,
        name: &pack.name,
        window: state,
        usual: pack.windows.usual.as_ref(),
        next,
        earliest,
    }
}

impl Attempt<'_> {
    /// Whether something is not met on its day, or no rules are in force then.
    pub fn blocked(&self) -> bool {
        self.outcome.is_none_or(|o| o == Outcome::NotEligible)
    }
}

impl<'p> ProgramPlan<'p> {
    /// The first application with nothing not met: the next, else the earliest; `None` when
    /// none is in sight within `YEARS_AHEAD`.
    pub fn first_possible(&self) -> Option<&Attempt<'p>> {
        match self.next.blocked() {
            false => Some(&self.next),
            true => self.earliest.as_ref(),
        }
    }
}

fn call<'p>(slot: Slot<'p>) -> Call<'p> {
    let w = slot.window;
    Call {
        notice: &w.notice,
        confidence: &w.confidence,
        note: w.note.as_ref(),
        slot,
    }
}

/// An application judged on the call's day (or on `day` when there is no call).
fn attempt<'p>(
    pack: &'p Pack,
    profile: &Profile,
    slot: Option<Slot<'p>>,
    day: NaiveDate,
) -> Attempt<'p> {
    let judged_on = slot.as_ref().map_or(day, |s| s.judged_on);
    let figures_year = chrono::Datelike::year(&judged_on) - 1;
    let Some(version) = pack.version_on(judged_on) else {
        return Attempt {
            call: slot.map(call),
            judged_on,
            figures_year,
            outcome: None,
            version: None,
            targets: Vec::new(),
        };
    };
    let result = evaluate_version(pack, version, profile, judged_on);
    let projection = projected(profile, figures_year);
    let stand_in = projection
        .as_ref()
        .map(|(p, _)| evaluate_version(pack, version, p, judged_on));
    let targets = (result.criteria.iter())
        .filter(|c| !matches!(c.check.status, Status::Met | Status::NotAssessable))
        .map(|c| {
            let projected = match (&stand_in, &projection) {
                (Some(r), Some((_, from))) if c.check.status == Status::Missing => {
                    stood_in(r, c.id, figures_year, *from)
                }
                _ => None,
            };
            target(c, projected)
        })
        .collect();
    Attempt {
        call: slot.map(call),
        judged_on,
        figures_year,
        outcome: Some(result.outcome),
        version: Some(&version.id),
        targets,
    }
}

fn target<'p>(c: &CriterionResult<'p>, projected: Option<Projected>) -> Target<'p> {
    let k = &c.check;
    Target {
        criterion: c.id,
        label: c.label,
        status: k.status,
        op: k.op,
        unit: k.unit,
        required: k.required.clone(),
        actual: k.actual.clone(),
        fix: k.fix.clone(),
        needs: k.needs.clone(),
        met_from: k.met_from,
        projected,
    }
}

/// A missing criterion's result with the judged year's figures taken from `from`: kept only
/// where that settles it, so the target says what the year's figures must reach.
fn stood_in(r: &ProgramResult, id: &str, year: i32, from: i32) -> Option<Projected> {
    let c = r.criteria.iter().find(|c| c.id == id)?;
    let settled = matches!(c.check.status, Status::Met | Status::NotMet);
    let fix: Vec<Fix> = (c.check.fix.iter())
        .filter(|f| matches!(f.input, InputRef::Year(y, _) if y == year))
        .cloned()
        .collect();
    settled.then_some(Projected {
        from_year: from,
        status: c.check.status,
        fix,
    })
}

/// The profile with the figures of `year` not entered taken from the latest year before it
/// that has any, and that year; `None` where `year` is complete or no earlier year has figures.
fn projected(profile: &Profile, year: i32) -> Option<(Profile, i32)> {
    let (&from, figures) = (profile.years.iter())
        .filter(|(y, f)| **y < year && !f.is_empty())
        .last()?;
    let have = profile.years.get(&year);
    let gaps = YearField::ALL
        .iter()
        .any(|f| have.is_none_or(|h| h.get(*f).is_none()) && figures.get(*f).is_some());
    if !gaps {
        return None;
    }
    let mut p = profile.clone();
    let figures = figures.clone();
    let slot = p.years.get_or_default(year);
    for f in YearField::ALL {
        if slot.get(*f).is_none() {
            slot.set(*f, figures.get(*f));
        }
    }
    Some((p, from))
}

/// Every certification the profile lists, with when it runs out and the call to renew in.
fn renewals<'p>(packs: &'p [Pack], profile: &Profile, as_of: NaiveDate) -> Vec<Renewal<'p>> {
    let Some(certs) = &profile.certifications else {
        return Vec::new();
    };
    let province = profile.word(CategoryField::Province);
    let city = profile.word(CategoryField::City);
    certs
        .iter()
        .map(|c| {
            let grantor = (packs.iter())
                .filter(|p| p.grants == Some(c.kind) && !p.is_heading())
                .find(|p| region_match(&p.region, profile) == Some(true));
            let validity: Option<&Validity> = grantor.and_then(|p| p.validity.as_ref());
            let until = c.end();
            let assumed = c.until.is_none() && until.is_some();
            let standing = match (until, validity.map(|v| v.term)) {
                (Some(u), _) if u < as_of => Standing::Lapsed,
                (Some(u), _) => match as_of.checked_add_months(Months::new(SOON_MONTHS)) {
                    Some(soon) if u <= soon => Standing::RunningOut,
                    _ => Standing::Valid,
                },
                (None, Some(Term::ReviewedEvery(_))) => Standing::Reviewed,
                (None, _) => Standing::TermUnknown,
            };
            let renew_in = grantor.and_then(|p| {
                let (_, calls) = slots(&p.windows, province, city, as_of);
                let before = until.and_then(|u| calls.iter().rposition(|s| s.judged_on <= u));
                let k = before.unwrap_or(0);
                calls.into_iter().nth(k).map(call)
            });
            Renewal {
                kind: c.kind,
                since: c.since,
                until,
                assumed,
                standing,
                program: grantor.map(|p| p.id.as_str()),
                term: validity.map(|v| TermShown {
                    label: v.term.label(),
                    renewal: v.renewal.as_ref(),
                    source: &v.cite,
                    confidence: &v.confidence,
                }),
                renew_in: renew_in.filter(|_| standing != Standing::Reviewed),
            }
        })
        .collect()
}

fn kind_slug<S: serde::Serializer>(k: &CertKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(k.slug())
}
