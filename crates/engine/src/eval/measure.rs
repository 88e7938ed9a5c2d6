//! Measures: a year's figure, several years, a ratio, a growth rate, a duration, each exact,
//! or unknown with the inputs it needs.

use chrono::{Datelike, NaiveDate};

use super::unknown::{overflow, Needs, Unknown, Val, Why};
use super::Ctx;
use crate::inputs::InputRef;
use crate::model::{Agg, Growth, Measure, Until};
use crate::num::Num;
use crate::profile::YearField;

pub(super) fn whole_years(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return 0;
    }
    let mut y = (to.year() - from.year()) as i64;
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y
}

impl Ctx<'_> {
    pub(super) fn end(&self, until: Until) -> NaiveDate {
        match until {
            Until::AsOf => self.as_of,
            Until::PriorYearEnd => NaiveDate::from_ymd_opt(self.year - 1, 12, 31).unwrap(),
        }
    }

    pub(super) fn year_value(&self, year: i32, f: YearField) -> Result<Num, Unknown> {
        self.year_figure(year, f)
            .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Year(year, f))))
    }

    /// The years a multi-year measure counts, after registration if asked.
    pub(super) fn counted_years(
        &self,
        from: i32,
        to: i32,
        since_registration: bool,
    ) -> std::ops::RangeInclusive<i32> {
        let first = match (
            since_registration,
            self.p.date(crate::profile::DateField::RegisteredOn),
        ) {
            (true, Some(reg)) => reg.year(),
            _ => i32::MIN,
        };
        (self.year + from).max(first)..=self.year + to
    }

    pub(super) fn measure(&self, m: &Measure) -> Result<Val, Unknown> {
        match m {
            Measure::Year { field, year } => {
                self.year_value(self.year + year, *field).map(Val::Exact)
            }
            Measure::Years {
                field,
                from,
                to,
                agg,
                since_registration,
            } => {
                let years = self.counted_years(*from, *to, *since_registration);
                if years.is_empty() {
                    return Err(Unknown::Undefined(Why::BeforeRegistration));
                }
                let (mut sum, mut count) = (Num::ZERO, 0i64);
                let (mut least, mut most): (Option<Num>, Option<Num>) = (None, None);
                let mut missing: Option<Unknown> = None;
                for y in years {
                    match self.year_value(y, *field) {
                        Ok(v) => {
                            sum = sum.checked_add(v).ok_or_else(overflow)?;
                            count += 1;
                            least = Some(least.map_or(v, |l| l.min(v)));
                            most = Some(most.map_or(v, |m| m.max(v)));
                        }
                        Err(u) => {
                            missing = Some(match missing {
                                Some(m) => m.merge(u),
                                None => u,
                            })
                        }
                    }
                }
                if let Some(m) = missing {
                    return Err(m);
                }
                let v = match agg {
                    Agg::Sum => sum,
                    Agg::Mean => sum.checked_div(Num::int(count)).ok_or_else(overflow)?,
                    Agg::Min => least.unwrap_or(Num::ZERO),
                    Agg::Max => most.unwrap_or(Num::ZERO),
                };
                Ok(Val::Exact(v))
            }
            Measure::Scalar(f) => self
                .p
                .scalar(*f)
                .map(Val::Exact)
                .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Scalar(*f)))),
            Measure::Ratio(a, b) => {
                let (a, b) = match (self.exact(a), self.exact(b)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
                    (Err(e1), Err(e2)) => return Err(e1.merge(e2)),
                };
                if b.is_zero() {
                    return Err(Unknown::Undefined(Why::ZeroDenominator));
                }
                a.checked_div(b)
                    .and_then(|r| r.checked_mul(Num::HUNDRED))
                    .map(Val::Exact)
                    .ok_or_else(overflow)
            }
            Measure::Growth {
                field,
                method,
                from,
                to,
            } => self.growth(*field, *method, *from, *to),
            Measure::YearsSince { date, until } => {
                let d = self
                    .p
                    .date(*date)
                    .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Date(*date))))?;
                Ok(Val::Exact(Num::int(whole_years(d, self.end(*until)))))
            }
            Measure::YearsHeld { kinds, until } => {
                let certs = self
                    .p
                    .certifications
                    .as_ref()
                    .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Certifications)))?;
                let since = certs
                    .iter()
                    .filter(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of))
                    .map(|c| c.since)
                    .min();
                Ok(match since {
                    Some(s) => Val::Exact(Num::int(whole_years(s, self.end(*until)))),
                    None => Val::NotHeld,
                })
            }
        }
    }

    pub(super) fn exact(&self, m: &Measure) -> Result<Num, Unknown> {
        match self.measure(m)? {
            Val::Exact(n) => Ok(n),
            Val::Cagr { ratio, years } => Ok(cagr_percent(ratio, years)),
            Val::NotHeld => Ok(Num::ZERO),
        }
    }

    fn growth(&self, field: YearField, method: Growth, from: i32, to: i32) -> Result<Val, Unknown> {
        // Spans are at most eleven years (offsets -10 to 0): no allocation needed.
        let mut buf = [Num::ZERO; 11];
        let mut n = 0;
        let mut missing: Option<Unknown> = None;
        for y in self.year + from..=self.year + to {
            match self.year_value(y, field) {
                Ok(v) if n < buf.len() => {
                    buf[n] = v;
                    n += 1;
                }
                Ok(_) => return Err(overflow()),
                Err(u) => {
                    missing = Some(match missing {
                        Some(m) => m.merge(u),
                        None => u,
                    })
                }
            }
        }
        if let Some(m) = missing {
            return Err(m);
        }
        let values = &buf[..n];
        let zero_base = || Unknown::Undefined(Why::ZeroBase(field));
        let pct = |r: Num| -> Result<Val, Unknown> {
            r.checked_sub(Num::ONE)
                .and_then(|g| g.checked_mul(Num::HUNDRED))
                .map(Val::Exact)
                .ok_or_else(overflow)
        };
        match method {
            Growth::Yoy => {
                let (a, b) = (values[0], values[1]);
                if a.is_zero() {
                    return Err(zero_base());
                }
                pct(b.checked_div(a).ok_or_else(overflow)?)
            }
            Growth::MeanRatio | Growth::MeanRatioZeroYears => {
                let (y1, y2, y3) = (values[0], values[1], values[2]);
                let zero_years = method == Growth::MeanRatioZeroYears;
                if zero_years && y2.is_zero() {
                    return Ok(Val::Exact(Num::ZERO));
                }
                if zero_years && y1.is_zero() {
                    return pct(y3.checked_div(y2).ok_or_else(overflow)?);
                }
                if y1.is_zero() || y2.is_zero() {
                    return Err(zero_base());
                }
                let r = y2
                    .checked_div(y1)
                    .and_then(|a| y3.checked_div(y2).and_then(|b| a.checked_add(b)))
                    .and_then(|s| s.checked_div(Num::int(2)))
                    .ok_or_else(overflow)?;
                pct(r)
            }
            Growth::Cagr => {
                let (first, last) = (values[0], values[values.len() - 1]);
                if first.is_zero() {
                    return Err(zero_base());
                }
                Ok(Val::Cagr {
                    ratio: last.checked_div(first).ok_or_else(overflow)?,
                    years: (to - from) as u32,
                })
            }
        }
    }
}

/// `(1 + t/100)^years`, exactly.
pub(super) fn growth_factor(t: Num, years: u32) -> Option<Num> {
    let f = Num::ONE.checked_add(t.percent()?)?;
    (0..years).try_fold(Num::ONE, |acc, _| acc.checked_mul(f))
}

/// The compound growth rate in percent, to two decimals, for display: `(ratio^(1/years) - 1)`.
/// Comparisons never use it; they raise the threshold to the power instead.
pub(super) fn cagr_percent(ratio: Num, years: u32) -> Num {
    // Newton's method for the n-th root: a few multiplications, where `powf` would pull a
    // whole maths library into the browser build.
    let r = ratio.to_f64();
    let n = years.max(1) as f64;
    let mut x = if r > 0.0 { 1.0 + (r - 1.0) / n } else { 0.0 };
    if r > 0.0 {
        for _ in 0..60 {
            let next = ((n - 1.0) * x + r / (0..years - 1).fold(1.0, |p, _| p * x)) / n;
            if (next - x).abs() < 1e-12 {
                break;
            }
            x = next;
        }
    }
    let rate = (x - 1.0) * 10_000.0;
    Num::ratio(rate.round() as i128, 100).unwrap_or(Num::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::read::json::parse_date(s).unwrap()
    }

    #[test]
    fn whole_years_count_anniversaries() {
        assert_eq!(whole_years(d("2020-12-15"), d("2022-12-15")), 2);
        assert_eq!(whole_years(d("2020-12-15"), d("2022-12-14")), 1);
        assert_eq!(whole_years(d("2020-02-29"), d("2021-02-28")), 0);
        assert_eq!(whole_years(d("2023-01-01"), d("2022-01-01")), 0);
    }

    #[test]
    fn compound_growth_is_shown_to_two_decimals() {
        let r = Num::parse_decimal("1.1025").unwrap();
        assert_eq!(cagr_percent(r, 2), Num::int(5));
        assert_eq!(cagr_percent(Num::int(8), 3), Num::int(100));
        assert_eq!(cagr_percent(Num::ZERO, 2), Num::int(-100));
        assert_eq!(cagr_percent(Num::ONE, 1), Num::ZERO);
    }

    /// The zero-year rules apply where the plain mean ratio has no value, and only there.
    #[test]
    fn a_mean_ratio_with_zero_year_rules_differs_only_at_a_zero_year() {
        let as_of = d("2025-06-30");
        let growth = |method: Growth, years: [i64; 3]| {
            let text = format!(
                r#"{{"years": {{"2022": {{"revenue": {}}}, "2023": {{"revenue": {}}}, "2024": {{"revenue": {}}}}}}}"#,
                years[0], years[1], years[2]
            );
            let p = crate::Profile::from_json(&text).unwrap();
            let m = Measure::Growth {
                field: YearField::Revenue,
                method,
                from: -3,
                to: -1,
            };
            Ctx::new(&p, as_of).measure(&m)
        };
        let pct = |n: i64| Ok(Val::Exact(Num::int(n)));
        let undefined = Err(Unknown::Undefined(Why::ZeroBase(YearField::Revenue)));
        for method in [Growth::MeanRatio, Growth::MeanRatioZeroYears] {
            assert_eq!(growth(method, [100, 110, 121]), pct(10), "{method:?}");
        }
        assert_eq!(growth(Growth::MeanRatio, [0, 100, 150]), undefined);
        assert_eq!(growth(Growth::MeanRatioZeroYears, [0, 100, 150]), pct(50));
        assert_eq!(growth(Growth::MeanRatio, [100, 0, 150]), undefined);
        assert_eq!(growth(Growth::MeanRatioZeroYears, [100, 0, 150]), pct(0));
        assert_eq!(growth(Growth::MeanRatioZeroYears, [0, 0, 150]), pct(0));
    }

    #[test]
    fn growth_factor_is_exact() {
        let f = growth_factor(Num::int(5), 2).unwrap();
        assert_eq!(f, Num::parse_decimal("1.1025").unwrap());
    }
}
