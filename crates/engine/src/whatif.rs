//! "What does it take?": the goal-seek answers of every unmet criterion of a program, applied
//! together until they stop moving, as changes to the profile.

use chrono::NaiveDate;

use crate::eval::{evaluate_version, Fix, Status};
use crate::inputs::InputRef;
use crate::model::Pack;
use crate::profile::{Profile, YearField, SCALAR_PARTS, YEAR_PARTS};

pub use crate::eval::{get_input as get, set_input as set};

/// Parts never exceed their wholes: raising R&D staff past the employee count raises the
/// count too, as any real change would.
fn keep_consistent(p: &mut Profile) {
    for figs in p.years.values_mut() {
        for &(part, whole) in YEAR_PARTS {
            if let (Some(a), Some(b)) = (figs.get(part), figs.get(whole)) {
                if a > b {
                    figs.set(whole, Some(a));
                }
            }
        }
    }
    for &(part, whole) in SCALAR_PARTS {
        // The whole as it stands now: an earlier part may have raised it already.
        if let (Some(a), Some(b)) = (p.scalar(part), p.scalar(whole)) {
            if a > b {
                p.scalars.insert(whole, a);
            }
        }
    }
}

/// The changes that make every unmet numeric criterion of `pack`'s version in force on
/// `as_of` met, from `profile`. Each change only moves a figure in the direction its criterion
/// wants, so meeting one criterion never undoes another. Criteria that no figure can meet (a
/// declaration, a certification) are left as they are.
pub fn what_it_takes(pack: &Pack, profile: &Profile, as_of: NaiveDate) -> Vec<Fix> {
    let Some(version) = pack.version_on(as_of) else {
        return Vec::new();
    };
    let mut p = profile.clone();
    for _ in 0..8 {
        let r = evaluate_version(pack, version, &p, as_of);
        let mut moved = false;
        for c in r
            .criteria
            .iter()
            .filter(|c| c.check.status == Status::NotMet)
        {
            for f in &c.check.fix {
                let current = get(&p, &f.input);
                let raise = f.change.is_none_or(|c| !c.is_negative());
                let value = match current {
                    Some(c) if raise => c.max(f.value),
                    Some(c) => c.min(f.value),
                    None => f.value,
                };
                if Some(value) != current && set(&mut p, &f.input, value) {
                    moved = true;
                }
            }
        }
        keep_consistent(&mut p);
        if !moved {
            break;
        }
    }
    changes(profile, &p)
}

/// Every numeric input whose value differs between two profiles, as changes from `before`.
pub fn changes(before: &Profile, after: &Profile) -> Vec<Fix> {
    let mut inputs: Vec<InputRef> = Vec::new();
    for (y, figs) in &after.years {
        inputs.extend(
            YearField::ALL
                .iter()
                .filter(|f| figs.get(**f).is_some())
                .map(|f| InputRef::Year(*y, *f)),
        );
    }
    inputs.extend(after.scalars.iter().map(|(f, _)| InputRef::Scalar(f)));
    inputs.extend(
        after
            .self_scores
            .keys()
            .map(|k| InputRef::SelfScore(k.as_str().into())),
    );
    inputs
        .into_iter()
        .filter_map(|input| {
            let value = get(after, &input)?;
            let was = get(before, &input);
            (was != Some(value)).then(|| Fix {
                change: was.and_then(|b| value.checked_sub(b)),
                input,
                value,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::num::Num;
    use crate::profile::ScalarField;
    use crate::{bundled, eval::Outcome, parse_date};

    #[test]
    fn the_changes_make_the_pool_criteria_met() {
        let packs = bundled::packs();
        let pool = packs.iter().find(|p| p.id == "xm-etc-pool").unwrap();
        let as_of = parse_date("2025-06-30").unwrap();
        let profile = Profile::from_json(
            r#"{"province": "fujian", "city": "xiamen", "industry": "manufacturing",
                "designated_size": true, "confirmations": ["XM6"],
                "years": {"2024": {"rd_expense": 120, "equipment_value": 500,
                                   "rd_staff": 9, "employees": 10}}}"#,
        )
        .unwrap();
        let fixes = what_it_takes(pool, &profile, as_of);
        let mut p = profile.clone();
        for f in &fixes {
            set(&mut p, &f.input, f.value);
        }
        let r = evaluate_version(pool, &pool.versions[0], &p, as_of);
        assert_eq!(r.outcome, Outcome::Eligible);
        let staff = fixes
            .iter()
            .find(|f| f.input == InputRef::Year(2024, YearField::RdStaff))
            .unwrap();
        assert_eq!(staff.change, Some(Num::int(6)));
        assert!(fixes
            .iter()
            .any(|f| f.input == InputRef::Year(2024, YearField::Employees)));
        assert!(Profile::from_value(&p.to_value()).is_ok());
    }

    /// A score short of its pass line is among what it takes: HNTE's H8, lifted by tech
    /// transfers and net-asset growth, makes the enterprise eligible.
    #[test]
    fn what_it_takes_includes_the_scores_answer() {
        let packs = bundled::packs();
        let hnte = packs.iter().find(|p| p.id == "cn-hnte").unwrap();
        let as_of = parse_date("2025-06-30").unwrap();
        let profile = Profile::from_json(
            r#"{"registered_on": "2015-03-01", "hnte_domain": "advanced-manufacturing",
                "years": {"2022": {"revenue": 10000, "rd_expense": 500, "rd_expense_domestic": 500,
                                   "net_assets": 10000, "tech_transfers": 1},
                          "2023": {"revenue": 11000, "rd_expense": 550, "rd_expense_domestic": 550,
                                   "net_assets": 10500, "tech_transfers": 1},
                          "2024": {"revenue": 12100, "rd_expense": 605, "rd_expense_domestic": 605,
                                   "net_assets": 11025, "tech_transfers": 1, "employees": 200,
                                   "st_staff": 40, "hightech_income": 9000}},
                "ip": {"class1": 1, "class1_self_developed": 1, "class2": 2},
                "confirmations": ["H2.core", "H9"],
                "self_scores": {"H8.ip_advancement": 6, "H8.ip_core_support": 6,
                                "H8.ip_acquisition": 4, "H8.ip_standards": 0,
                                "H8.org_rd_system": 4, "H8.org_rd_institution": 3,
                                "H8.org_transfer_incentives": 3, "H8.org_talent": 3}}"#,
        )
        .unwrap();
        let version = hnte.version_on(as_of).unwrap();
        assert_eq!(
            evaluate_version(hnte, version, &profile, as_of).outcome,
            Outcome::NotEligible
        );
        let fixes = what_it_takes(hnte, &profile, as_of);
        let mut p = profile.clone();
        for f in &fixes {
            set(&mut p, &f.input, f.value);
        }
        assert_eq!(
            evaluate_version(hnte, version, &p, as_of).outcome,
            Outcome::Eligible
        );
        assert!(fixes
            .iter()
            .any(|f| f.input == InputRef::Year(2024, YearField::TechTransfers)));
    }

    /// Raising two kinds of class I IP above the total raises the total to the larger, whatever
    /// their order in the list of parts.
    #[test]
    fn wholes_follow_the_largest_of_their_parts() {
        let mut p = Profile::from_json(
            r#"{"ip": {"class1": 3, "class1_self_developed": 3, "class1_high_value": 3}}"#,
        )
        .unwrap();
        p.scalars
            .insert(ScalarField::IpClass1SelfDeveloped, Num::int(7));
        p.scalars
            .insert(ScalarField::IpClass1HighValue, Num::int(5));
        keep_consistent(&mut p);
        assert_eq!(p.scalar(ScalarField::IpClass1), Some(Num::int(7)));
        assert!(Profile::from_value(&p.to_value()).is_ok());
    }
}
