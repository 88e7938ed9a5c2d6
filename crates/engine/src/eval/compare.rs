//! Comparisons: a measure against its threshold (a number, another measure, or the number of
//! the first case that holds), with the gap, the goal-seek answer and how close it is.

use super::brief::Brief;
use super::measure::{cagr_percent, growth_factor};
use super::result::{status_of, Check, Shown, Status};
use super::unknown::{overflow, Needs, Unknown, Val, Why};
use super::Ctx;
use crate::model::{Measure, Op, Threshold};
use crate::num::Num;
use crate::profile::Unit;
use crate::text::Text;

/// A comparison's value against its known threshold.
enum Compared {
    /// A certification not held.
    NotHeld,
    Value {
        met: bool,
        shown: Num,
        progress: f64,
    },
}

impl Ctx<'_> {
    /// Writes a comparison's result into `c`, a fresh result (`Check::new`) in its final place.
    pub(super) fn compare<'p>(
        &self,
        c: &mut Check<'p>,
        m: &Measure,
        op: Op,
        t: &'p Threshold,
        unit: Unit,
    ) {
        c.status = Status::Missing;
        c.op = Some(op);
        c.unit = Some(unit);
        let (threshold, case) = match self.threshold_of(m, t) {
            Ok(x) => x,
            Err(u) => {
                c.set_unknown(u);
                return;
            }
        };
        c.required = Some(Shown::Num(threshold));
        c.case = case;
        match self.compared(m, op, threshold) {
            Err(u) => c.set_unknown(u),
            Ok(Compared::NotHeld) => {
                c.status = Status::NotMet;
                c.actual = Some(Shown::Flag(false));
                c.progress = Some(0.0);
            }
            Ok(Compared::Value {
                met,
                shown,
                progress,
            }) => {
                c.status = status_of(met);
                c.actual = Some(Shown::Num(shown));
                c.progress = Some(progress);
                if !met {
                    c.gap = threshold.checked_sub(shown);
                    c.fix = self.goal_seek(m, op, threshold, unit).unwrap_or_default();
                    c.met_from = self.met_from(m, threshold, op);
                }
            }
        }
    }

    /// What screening reads of [`Ctx::compare`]'s result.
    pub(super) fn compare_brief(&self, m: &Measure, op: Op, t: &Threshold) -> Brief {
        let threshold = match self.threshold_of(m, t) {
            Ok((n, _)) => n,
            Err(u) => return Brief::unknown(u),
        };
        match self.compared(m, op, threshold) {
            Err(u) => Brief::unknown(u),
            Ok(Compared::NotHeld) => Brief {
                progress: Some(0.0),
                ..Brief::of(Status::NotMet)
            },
            Ok(Compared::Value {
                met,
                shown,
                progress,
            }) => Brief {
                gap: if met {
                    None
                } else {
                    threshold.checked_sub(shown)
                },
                progress: Some(progress),
                ..Brief::of(status_of(met))
            },
        }
    }

    /// The status of a comparison and the inputs it still needs, as `Ctx::compare` finds
    /// them, without its numbers.
    pub(super) fn compare_cond(&self, m: &Measure, op: Op, t: &Threshold) -> (Status, Needs) {
        match self.threshold_of(m, t) {
            Ok((t, _)) => compare_status(self.measure(m), op, t),
            Err(u) => {
                let b = Brief::unknown(u);
                (b.status, b.needs)
            }
        }
    }

    /// The threshold a comparison uses. When it is unknown, the measure's missing inputs are
    /// listed too, so the form asks for all of them at once.
    fn threshold_of<'p>(
        &self,
        m: &Measure,
        t: &'p Threshold,
    ) -> Result<(Num, Option<&'p Text>), Unknown> {
        self.threshold(t).map_err(|u| match self.measure(m) {
            Err(mu) => u.merge(mu),
            Ok(_) => u,
        })
    }

    fn compared(&self, m: &Measure, op: Op, threshold: Num) -> Result<Compared, Unknown> {
        let (met, shown, (a, t)) = match self.measure(m)? {
            Val::NotHeld => return Ok(Compared::NotHeld),
            Val::Exact(a) => (op.holds(a, threshold), a, (a, threshold)),
            Val::Cagr { ratio, years } => {
                let met = cagr_holds(ratio, years, op, threshold).ok_or_else(overflow)?;
                let shown = cagr_percent(ratio, years);
                // The progress bar is the one place a rounded rate will do, where the
                // exact growth factor is past 128 bits.
                let pair = match growth_factor(threshold, years) {
                    Some(target) => (ratio, target),
                    None => (shown, threshold),
                };
                (met, shown, pair)
            }
        };
        Ok(Compared::Value {
            met,
            shown,
            progress: progress(a, t, op, met),
        })
    }

    pub(super) fn threshold<'p>(
        &self,
        t: &'p Threshold,
    ) -> Result<(Num, Option<&'p Text>), Unknown> {
        match t {
            Threshold::Fixed(n) => Ok((*n, None)),
            Threshold::Measure(m) => self.exact(m).map(|n| (n, None)),
            Threshold::Cases { cases, otherwise } => {
                let mut pending: Option<Unknown> = None;
                for case in cases {
                    let (status, needs) = self.cond(&case.when);
                    match status {
                        Status::Met => {
                            return match pending {
                                Some(u) => Err(u),
                                None => Ok((case.then, case.label.as_ref())),
                            }
                        }
                        Status::NotMet => {}
                        _ => {
                            let u = if needs.is_empty() {
                                Unknown::Undefined(Why::TierUnassessable)
                            } else {
                                Unknown::Missing(needs)
                            };
                            pending = Some(match pending {
                                Some(p) => p.merge(u),
                                None => u,
                            });
                        }
                    }
                }
                if let Some(u) = pending {
                    return Err(u);
                }
                otherwise
                    .map(|n| (n, None))
                    .ok_or(Unknown::Undefined(Why::NoTier))
            }
        }
    }
}

/// Whether growth by `ratio` over `years` meets a compound rate of `t` percent: `ratio` against
/// `(1 + t/100)^years`, compared exactly without the power, which outgrows 128 bits for a
/// threshold with decimals over five years or more.
fn cagr_holds(ratio: Num, years: u32, op: Op, t: Num) -> Option<bool> {
    let factor = Num::ONE.checked_add(t.percent()?)?;
    Some(op.holds_for(ratio.cmp_pow(factor, years)))
}

/// The status of `value op t` for a condition, and the inputs it still needs.
fn compare_status(value: Result<Val, Unknown>, op: Op, t: Num) -> (Status, Needs) {
    let status = value_status(&value, op, t);
    match value {
        Err(Unknown::Missing(needs)) => (status, needs),
        _ => (status, Needs::NONE),
    }
}

/// The status of `value op t` for a condition.
pub(super) fn value_status(value: &Result<Val, Unknown>, op: Op, t: Num) -> Status {
    match *value {
        Ok(Val::Exact(a)) => status_of(op.holds(a, t)),
        Ok(Val::Cagr { ratio, years }) => match cagr_holds(ratio, years, op, t) {
            Some(met) => status_of(met),
            None => Status::NotAssessable,
        },
        Ok(Val::NotHeld) => Status::NotMet,
        Err(Unknown::Missing(_)) => Status::Missing,
        Err(Unknown::Undefined(_)) => Status::NotAssessable,
    }
}

pub(super) fn progress(a: Num, t: Num, op: Op, met: bool) -> f64 {
    if met {
        return 1.0;
    }
    let (a, t) = (a.to_f64(), t.to_f64());
    let p = if op.wants_more() {
        if t <= 0.0 {
            0.0
        } else {
            a / t
        }
    } else if a <= 0.0 {
        0.0
    } else {
        t / a
    };
    p.clamp(0.0, 0.999)
}
