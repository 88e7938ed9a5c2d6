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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Growth {
    /// `Y[to] / Y[to-1] - 1`.
    Yoy,
    /// `1/2 × (Y2/Y1 + Y3/Y2) - 1` over three years; `hnte_rules` adds the HNTE guide's cases for
    /// a zero first or middle year.
    MeanRatio { hnte_rules: bool },
    /// `(Y[to] / Y[from])^(1/n) - 1`.
    Cagr,
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
