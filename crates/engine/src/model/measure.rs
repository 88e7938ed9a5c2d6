//! Measures: the figures a rule computes from a profile.

use crate::model::fields::{CertKind, DateField, ScalarField, Unit, YearField};
use crate::model::words::words;

words! {
    /// The date a duration is counted to.
    pub enum Until {
        AsOf = "as-of",
        PriorYearEnd = "prior-year-end",
    }
}

words! {
    /// How the figures of several years make one: `min` means each year must pass.
    pub enum Agg {
        Sum = "sum",
        Mean = "mean",
        Min = "min",
        Max = "max",
    }
}

words! {
    /// How a growth rate is computed, in percent, over the years of its span.
    pub enum Growth {
        /// `Y[to] / Y[to-1] - 1`, over two years.
        Yoy = "yoy",
        /// `1/2 × (Y2/Y1 + Y3/Y2) - 1` over three years; a base of 0 leaves it undefined.
        MeanRatio = "mean-ratio",
        /// The mean ratio with a rule for each zero year, where the plain one is undefined: a
        /// first year of 0 leaves the growth of the last two years, `Y3/Y2 - 1`; a middle year
        /// of 0 makes the growth 0. (The HNTE guide reads its growth scores this way.)
        MeanRatioZeroYears = "mean-ratio-zero-years",
        /// `(Y[to] / Y[from])^(1/n) - 1`, over two years or more.
        Cagr = "cagr",
    }
}

impl Growth {
    /// Whether the method can span the years `from` to `to`.
    pub fn spans(self, from: i32, to: i32) -> bool {
        match self {
            Growth::Yoy => to - from == 1,
            Growth::MeanRatio | Growth::MeanRatioZeroYears => to - from == 2,
            Growth::Cagr => to > from,
        }
    }
}

/// A figure computed from the profile. Year offsets count from the as-of year: -1 is the prior
/// fiscal year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    Year {
        field: YearField,
        year: i32,
    },
    Years {
        field: YearField,
        from: i32,
        to: i32,
        agg: Agg,
        /// Skip years before the year of registration ("fewer than 3 years: actual years").
        since_registration: bool,
    },
    Scalar(ScalarField),
    /// A percentage: 100 × numerator / denominator.
    Ratio(Box<Measure>, Box<Measure>),
    Growth {
        field: YearField,
        method: Growth,
        from: i32,
        to: i32,
    },
    /// Whole years from a date.
    YearsSince {
        date: DateField,
        until: Until,
    },
    /// Whole years a certification has been held, if it is valid on the as-of date.
    YearsHeld {
        kinds: Vec<CertKind>,
        until: Until,
    },
}

impl Measure {
    pub fn unit(&self) -> Unit {
        match self {
            Measure::Year { field, .. } | Measure::Years { field, .. } => field.unit(),
            Measure::Scalar(f) => f.unit(),
            Measure::Ratio(..) | Measure::Growth { .. } => Unit::Percent,
            Measure::YearsSince { .. } | Measure::YearsHeld { .. } => Unit::Years,
        }
    }
}
