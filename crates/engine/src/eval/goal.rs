//! Goal-seek: the value of the most recent input that would meet a comparison, at the unit's
//! precision, and the first day a duration will be long enough.

use chrono::{Datelike, Months, NaiveDate};

use super::measure::growth_factor;
use super::result::Fix;
use super::Ctx;
use crate::inputs::InputRef;
use crate::model::{Agg, Growth, Measure, Op, Until};
use crate::num::Num;
use crate::profile::Unit;

/// The step past a strict bound: one for counts, 0.01 for every other unit.
pub(super) fn step(unit: Unit) -> Num {
    match unit {
        Unit::Count | Unit::Years | Unit::Points => Num::ONE,
        _ => Num::ratio(1, 100).unwrap(),
    }
}

/// The nearest value in the unit's precision that satisfies `op` against `t`.
fn boundary(t: Num, op: Op, unit: Unit) -> Option<Num> {
    let s = step(unit);
    let target = match op {
        Op::Ge | Op::Le | Op::Eq => t,
        Op::Gt => t.checked_add(s)?,
        Op::Lt => t.checked_sub(s)?,
    };
    let units = target.checked_div(s)?;
    let rounded = if op.wants_more() {
        units.ceil()
    } else {
        units.floor()
    };
    Num::ratio(rounded, 1)?.checked_mul(s)
}

impl Ctx<'_> {
    /// For a duration not yet long enough: the day it will be, all else unchanged.
    pub(super) fn met_from(&self, m: &Measure, t: Num, op: Op) -> Option<NaiveDate> {
        if !op.wants_more() {
            return None;
        }
        let (start, until) = match m {
            Measure::YearsSince { date, until } => (self.p.date(*date)?, *until),
            Measure::YearsHeld { kinds, until } => {
                let since = self
                    .p
                    .certifications
                    .as_ref()?
                    .iter()
                    .filter(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of))
                    .map(|c| c.since)
                    .min()?;
                (since, *until)
            }
            Measure::Year { .. }
            | Measure::Years { .. }
            | Measure::Scalar(_)
            | Measure::Ratio(..)
            | Measure::Growth { .. } => return None,
        };
        let years = boundary(t, op, Unit::Years)?;
        let months = u32::try_from(years.checked_mul(Num::int(12))?.floor()).ok()?;
        let day = start.checked_add_months(Months::new(months))?;
        match until {
            Until::AsOf => Some(day),
            Until::PriorYearEnd => NaiveDate::from_ymd_opt(day.year() + 1, 1, 1),
        }
    }

    /// The input values that would make `m op t` hold, changing the most recent figure.
    pub(super) fn goal_seek(&self, m: &Measure, op: Op, t: Num, unit: Unit) -> Option<Vec<Fix>> {
        let fix = |input: InputRef, current: Option<Num>, target: Num| -> Option<Vec<Fix>> {
            let unit = input.unit()?;
            let value = boundary(target, op, unit)?;
            if value.is_negative() {
                return None;
            }
            Some(vec![Fix {
                input,
                value,
                change: current.and_then(|c| value.checked_sub(c)),
            }])
        };
        match m {
            Measure::Year { field, year } => {
                let y = self.year + year;
                fix(InputRef::Year(y, *field), self.year_figure(y, *field), t)
            }
            Measure::Scalar(f) => fix(InputRef::Scalar(*f), self.p.scalar(*f), t),
            Measure::Years {
                field,
                from,
                to,
                agg,
                since_registration,
            } => {
                let years = self.counted_years(*from, *to, *since_registration);
                let (first, last) = (*years.start(), *years.end());
                if first > last {
                    return None;
                }
                let current = self.year_figure(last, *field);
                match agg {
                    Agg::Sum | Agg::Mean => {
                        let n = Num::int((last - first + 1) as i64);
                        let total = if *agg == Agg::Mean {
                            t.checked_mul(n)?
                        } else {
                            t
                        };
                        let others = (first..last).try_fold(Num::ZERO, |a, y| {
                            a.checked_add(self.year_figure(y, *field)?)
                        })?;
                        fix(
                            InputRef::Year(last, *field),
                            current,
                            total.checked_sub(others)?,
                        )
                    }
                    Agg::Max => fix(InputRef::Year(last, *field), current, t),
                    Agg::Min => {
                        let mut out = Vec::new();
                        for y in years {
                            let v = self.year_figure(y, *field);
                            if v.is_none_or(|v| !op.holds(v, t)) {
                                out.extend(fix(InputRef::Year(y, *field), v, t)?);
                            }
                        }
                        Some(out)
                    }
                }
            }
            Measure::Ratio(a, b) => {
                let den = self.exact(b).ok()?;
                let target = t.percent()?.checked_mul(den)?;
                self.goal_seek(a, op, target, a.unit())
            }
            Measure::Growth {
                field,
                method,
                from,
                to,
            } => {
                let y = self.year + to;
                let v = |o: i32| self.year_figure(self.year + o, *field);
                let factor = Num::ONE.checked_add(t.percent()?)?;
                let target = match method {
                    Growth::Yoy => v(*to - 1)?.checked_mul(factor)?,
                    Growth::MeanRatio | Growth::MeanRatioZeroYears => {
                        let (y1, y2) = (v(*from)?, v(*from + 1)?);
                        let r = y2.checked_div(y1)?;
                        y2.checked_mul(factor.checked_mul(Num::int(2))?.checked_sub(r)?)?
                    }
                    Growth::Cagr => v(*from)?.checked_mul(growth_factor(t, (to - from) as u32)?)?,
                };
                fix(InputRef::Year(y, *field), v(*to), target)
            }
            Measure::YearsSince { .. } | Measure::YearsHeld { .. } => {
                let _ = unit;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_meet_their_bound() {
        let t = Num::int(300);
        assert_eq!(boundary(t, Op::Ge, Unit::Wan), Some(t));
        assert_eq!(boundary(t, Op::Gt, Unit::Count), Some(Num::int(301)));
        let third = Num::ratio(1000, 3).unwrap();
        let b = boundary(third, Op::Ge, Unit::Wan).unwrap();
        assert!(b >= third && b == Num::parse_decimal("333.34").unwrap());
        let b = boundary(third, Op::Le, Unit::Wan).unwrap();
        assert!(b <= third && b == Num::parse_decimal("333.33").unwrap());
    }
}
