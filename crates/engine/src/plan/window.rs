//! Which call an application goes in: the windows on record that apply to the enterprise, and
//! after the last of them, windows expected at the same time of year, labelled as such.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::model::timing::{Cadence, Period, Window, WindowKind, Windows};
use crate::model::words::words;

/// How many calls ahead the plan looks for the first one the enterprise can qualify in.
pub const YEARS_AHEAD: i32 = 5;

words! {
    /// Where today falls against a program's call (contract: `data-window`).
    pub enum WindowState {
        /// The call on record takes applications today.
        Open = "open",
        /// This year's call is ahead: on record, or expected from an earlier year's.
        Upcoming = "upcoming",
        /// This year's call is over; the next is expected next year.
        Closed = "closed",
        /// No call on record, or one whose days today cannot be placed against.
        Unknown = "unknown",
    }
}

/// One call the enterprise could apply in: on record, or expected from one that is.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Slot<'p> {
    pub year: i32,
    pub cadence: Cadence,
    /// Its days; for an expected call, the days of `based_on`'s call moved to `year`, which
    /// the plan shows as months, never as dates.
    pub periods: Vec<Period>,
    /// Set when the call is not on record: the year of the notice it is expected from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub based_on: Option<i32>,
    /// The day an application in it is judged on: its last day, or its first when only that is
    /// known.
    pub judged_on: NaiveDate,
    #[serde(skip)]
    pub window: &'p Window,
}

impl Slot<'_> {
    pub fn expected(&self) -> bool {
        self.based_on.is_some()
    }

    pub fn opens(&self) -> Option<NaiveDate> {
        self.periods.first().and_then(|p| p.opens)
    }

    pub fn closes(&self) -> Option<NaiveDate> {
        self.periods.last().and_then(|p| p.closes)
    }

    /// The first day of it that is known: the first batch's opening, or else its deadline. An
    /// expected call is placed by this day's month.
    pub fn first_day(&self) -> Option<NaiveDate> {
        self.periods.first().and_then(|p| p.opens.or(p.closes))
    }
}

/// Today's state and the calls from today on, first the one to apply in next.
pub fn slots<'p>(
    windows: &'p Windows,
    province: Option<&str>,
    city: Option<&str>,
    today: NaiveDate,
) -> (WindowState, Vec<Slot<'p>>) {
    let fitting: Vec<&Window> = (windows.known.iter())
        .filter(|w| w.applies_to(province, city))
        .collect();
    // Of a year's calls, the one for the smallest area: a province's over the national one.
    let of_year = |y: i32| {
        fitting
            .iter()
            .filter(|w| w.year == y)
            .max_by_key(|w| w.region.province.is_some() as u8 + w.region.city.is_some() as u8)
            .copied()
    };
    let Some(latest) = fitting.iter().map(|w| w.year).max() else {
        return (WindowState::Unknown, Vec::new());
    };
    let base = of_year(latest).expect("the latest year has a call");
    let mut out = Vec::new();
    for year in today.year()..=today.year() + YEARS_AHEAD {
        let slot = match of_year(year) {
            Some(w) => known(w, today),
            None if year > latest => expected(base, year, today),
            None => None,
        };
        out.extend(slot);
    }
    let Some(first) = out.first() else {
        return (WindowState::Unknown, out);
    };
    let state = if first.year > today.year() {
        WindowState::Closed
    } else if first.cadence == Cadence::AllYear {
        WindowState::Open
    } else {
        // The first batch (or the one period) not over yet.
        let ahead = (first.periods.iter()).find(|p| p.closes.is_none_or(|c| today <= c));
        match ahead {
            Some(p) if p.opens.is_some_and(|o| today < o) => WindowState::Upcoming,
            // Expected days that have come are no proof a call is open.
            _ if first.expected() => WindowState::Unknown,
            // A notice on record with its deadline ahead takes applications, its opening day
            // given or not; one with no closing day on record may be over.
            Some(p) if p.closes.is_some() => WindowState::Open,
            _ => WindowState::Unknown,
        }
    };
    (state, out)
}

/// A call on record, unless it is already over.
fn known(w: &Window, today: NaiveDate) -> Option<Slot<'_>> {
    let periods = w.kind.periods().to_vec();
    if w.kind == WindowKind::AllYear {
        let start = NaiveDate::from_ymd_opt(w.year, 1, 1)?;
        return (today.year() <= w.year).then(|| Slot {
            year: w.year,
            cadence: Cadence::AllYear,
            periods,
            based_on: None,
            judged_on: today.max(start),
            window: w,
        });
    }
    let last = w.closes().or(w.opens())?;
    // A call whose closing day is not on record may still be taking applications in its year.
    let over = match w.closes() {
        Some(c) => today > c,
        None => today.year() > w.year,
    };
    (!over).then(|| Slot {
        year: w.year,
        cadence: w.kind.cadence(),
        periods,
        based_on: None,
        judged_on: last.max(today),
        window: w,
    })
}

/// The call of `year` expected at the time of year of `base`'s, unless that time is past.
fn expected<'p>(base: &'p Window, year: i32, today: NaiveDate) -> Option<Slot<'p>> {
    let shift = |d: Option<NaiveDate>| d.and_then(|d| move_to(d, year - base.year));
    let periods: Vec<Period> = (base.kind.periods().iter())
        .map(|p| Period {
            opens: shift(p.opens),
            closes: shift(p.closes),
        })
        .collect();
    let (cadence, judged_on) = match &base.kind {
        WindowKind::AllYear => (
            Cadence::AllYear,
            NaiveDate::from_ymd_opt(year, 1, 1)?.max(today),
        ),
        kind => {
            let last = (periods.last()).and_then(|p| p.closes.or(p.opens))?;
            if last < today {
                return None;
            }
            (kind.cadence(), last)
        }
    };
    Some(Slot {
        year,
        cadence,
        periods,
        based_on: Some(base.year),
        judged_on,
        window: base,
    })
}

/// The same day `years` later; 29 February becomes the 28th.
fn move_to(d: NaiveDate, years: i32) -> Option<NaiveDate> {
    let y = d.year().checked_add(years)?;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), 28))
}
