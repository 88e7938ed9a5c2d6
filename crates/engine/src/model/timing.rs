//! When a program takes applications and how long what it grants lasts: the windows of its
//! yearly calls and the validity of its certification, dated and cited like its thresholds.
//! A past window is a fact of its notice; a future one is never a date, only "expected around"
//! a past one (`plan`).

use chrono::{Datelike, Months, NaiveDate};

pub use super::Notice;
use super::{Region, SourceRef};
use crate::model::words::words;
use crate::text::Text;

/// A program's known windows, and what is usual where none is known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Windows {
    /// How the program's calls usually run ("announced by each province in spring"), shown
    /// where no window is on record.
    pub usual: Option<Text>,
    pub known: Vec<Window>,
}

/// One year's call in one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Window {
    pub year: i32,
    /// Where the call applies; empty for wherever the program runs.
    pub region: Region,
    pub kind: WindowKind,
    /// The call's own notice: a window is a fact of it, so it travels with the window rather
    /// than among the documents the criteria cite.
    pub notice: Notice,
    pub confidence: String,
    pub note: Option<Text>,
}

/// The days one may apply on: one period, several batches, or any day of the year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WindowKind {
    Once(Period),
    /// In date order; a batch without its own opening day follows on from the one before.
    Batches(Vec<Period>),
    AllYear,
}

words! {
    /// How a program's calls run, as the plan names them.
    pub enum Cadence {
        Yearly = "yearly",
        Batches = "batches",
        AllYear = "all-year",
    }
}

impl WindowKind {
    pub fn cadence(&self) -> Cadence {
        match self {
            WindowKind::Once(_) => Cadence::Yearly,
            WindowKind::Batches(_) => Cadence::Batches,
            WindowKind::AllYear => Cadence::AllYear,
        }
    }

    /// The batches, or the one period; none for a call open all year.
    pub fn periods(&self) -> &[Period] {
        match self {
            WindowKind::Once(p) => std::slice::from_ref(p),
            WindowKind::Batches(list) => list,
            WindowKind::AllYear => &[],
        }
    }
}

/// Days of a call: at least one of the two is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Period {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opens: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closes: Option<NaiveDate>,
}

impl Window {
    /// The first day applications are taken, when the notice gives it.
    pub fn opens(&self) -> Option<NaiveDate> {
        self.kind.periods().first().and_then(|p| p.opens)
    }

    /// The enterprise's last day to apply (the last batch's), when the notice gives it.
    pub fn closes(&self) -> Option<NaiveDate> {
        self.kind.periods().last().and_then(|p| p.closes)
    }

    /// Whether the call applies to an enterprise registered in `province` and `city`.
    pub fn applies_to(&self, province: Option<&str>, city: Option<&str>) -> bool {
        let fits = |want: Option<&str>, have: Option<&str>| want.is_none() || want == have;
        fits(self.region.province, province) && fits(self.region.city, city)
    }
}

/// How long the certification a program grants lasts, and how it is renewed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validity {
    pub term: Term,
    pub renewal: Option<Text>,
    pub source: Vec<SourceRef>,
    pub cite: String,
    pub confidence: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Term {
    /// Valid for this many years from the certificate's date.
    Years(u32),
    /// Valid to this month and day of the year after the certificate's.
    ToNextYear { month: u32, day: u32 },
    /// No end date: the holder is evaluated every this many years and keeps the title if it
    /// passes.
    ReviewedEvery(u32),
}

impl Term {
    /// The last valid day of a certification dated `since`; `None` for one that does not end.
    pub fn end(self, since: NaiveDate) -> Option<NaiveDate> {
        match self {
            Term::Years(n) => since
                .checked_add_months(Months::new(n.checked_mul(12)?))
                .and_then(|d| d.pred_opt()),
            Term::ToNextYear { month, day } => {
                NaiveDate::from_ymd_opt(since.year().checked_add(1)?, month, day)
            }
            Term::ReviewedEvery(_) => None,
        }
    }

    /// "3年" / "3 years", as the plan states the term.
    pub fn label(self) -> Text {
        match self {
            Term::Years(n) => Text::new(format!("有效期{n}年"), format!("valid for {n} years")),
            Term::ToNextYear { month, day } => Text::new(
                format!("有效至次年{month}月{day}日"),
                format!("valid to {month:02}-{day:02} of the next year"),
            ),
            Term::ReviewedEvery(n) => Text::new(
                format!("不设有效期,每{n}年评价一次"),
                format!("no end date; evaluated every {n} years"),
            ),
        }
    }
}
