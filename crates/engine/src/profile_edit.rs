//! A profile built value by value, as the app's form builds it, instead of from a document.
//!
//! Each setter applies the checks that reading a document applies to that value (`profile.rs`
//! calls the same functions), so a value is refused here for the reason, and with the message,
//! that a document holding it would be. The rules between values (a part above its whole, a
//! city outside its province, a certification that ends before it starts) are `validate`'s:
//! one pass over the whole profile, naming the path of every value that breaks one, which
//! `clear` then takes out.

use chrono::NaiveDate;

use crate::error::{Error, Errors};
use crate::inputs::InputRef;
use crate::model::vocab;
use crate::num::Num;
use crate::profile::{
    Category, CategoryField, DateField, Profile, ScalarField, Unit, YearField, YearFigures,
    MAX_AMOUNT_PLACES, SCALAR_PARTS, YEAR_PARTS,
};
use crate::read::json::{index_path, key_path};

/// 10^10 万元 is 100 trillion yuan, beyond any enterprise; the bound keeps arithmetic exact.
const MAX_AMOUNT: i64 = 10_000_000_000;
const MAX_COUNT: i64 = 100_000_000;

/// An amount in 万元 (or m², or points): bounded, with at most six decimals.
pub(crate) fn check_amount(n: Num, path: &str, may_be_negative: bool) -> Result<Num, Error> {
    if n.is_negative() && !may_be_negative {
        return Err(Error::Negative {
            path: path.into(),
            value: n.to_string(),
        });
    }
    let bound = Num::int(MAX_AMOUNT);
    if n > bound || bound.checked_neg().is_some_and(|b| n < b) {
        return Err(Error::OutOfRange {
            path: path.into(),
            value: n.to_string(),
            min: if may_be_negative { "-1e10" } else { "0" }.into(),
            max: "1e10".into(),
        });
    }
    if n.decimal_places().is_none_or(|d| d > MAX_AMOUNT_PLACES) {
        return Err(Error::TooPrecise {
            path: path.into(),
            value: n.to_decimal_string(12),
            places: MAX_AMOUNT_PLACES,
        });
    }
    Ok(n)
}

/// A whole number of people or items.
pub(crate) fn check_count(n: Num, path: &str) -> Result<Num, Error> {
    if n.is_negative() {
        return Err(Error::Negative {
            path: path.into(),
            value: n.to_string(),
        });
    }
    if !n.is_integer() {
        return Err(Error::NotWhole {
            path: path.into(),
            value: n.to_string(),
        });
    }
    if n > Num::int(MAX_COUNT) {
        return Err(Error::OutOfRange {
            path: path.into(),
            value: n.to_string(),
            min: "0".into(),
            max: MAX_COUNT.to_string(),
        });
    }
    Ok(n)
}

/// A percentage or a 100-point score: 0 to 100.
pub(crate) fn check_percent(n: Num, path: &str) -> Result<Num, Error> {
    let n = check_amount(n, path, false)?;
    if n > Num::HUNDRED {
        return Err(Error::OutOfRange {
            path: path.into(),
            value: n.to_string(),
            min: "0".into(),
            max: "100".into(),
        });
    }
    Ok(n)
}

/// The check a scalar field's unit calls for.
pub(crate) fn check_scalar(f: ScalarField, n: Num) -> Result<Num, Error> {
    match f.unit() {
        Unit::Count => check_count(n, f.slug()),
        Unit::Percent | Unit::Points => check_percent(n, f.slug()),
        _ => check_amount(n, f.slug(), false),
    }
}

/// A fiscal year as the contract writes its key: four digits, 1900 to 2100.
pub(crate) fn check_year(key: &str) -> Result<i32, Error> {
    key.parse::<i32>()
        .ok()
        .filter(|y| key.len() == 4 && (1900..=2100).contains(y))
        .ok_or_else(|| Error::Invalid {
            path: key_path("years", key),
            detail: format!("`{key}` is not a fiscal year (a four-digit year such as 2024)"),
        })
}

/// The parts of one year's figures (at `path`, `years.2024`) above their whole.
pub(crate) fn year_errors<'a>(
    path: &'a str,
    figs: &'a YearFigures,
) -> impl Iterator<Item = Error> + 'a {
    YEAR_PARTS.iter().filter_map(move |(part, whole)| {
        exceeds(
            path,
            part.slug(),
            figs.get(*part),
            whole.slug(),
            figs.get(*whole),
        )
    })
}

/// The kinds of class I IP counted above all class I IP.
pub(crate) fn ip_errors(p: &Profile) -> impl Iterator<Item = Error> + '_ {
    SCALAR_PARTS.iter().filter_map(move |(part, whole)| {
        exceeds(
            "",
            part.slug(),
            p.scalar(*part),
            whole.slug(),
            p.scalar(*whole),
        )
    })
}

fn exceeds(path: &str, part: &str, pv: Option<Num>, whole: &str, wv: Option<Num>) -> Option<Error> {
    let (pv, wv) = (pv?, wv?);
    (pv > wv).then(|| Error::Exceeds {
        path: key_path(path, part),
        value: pv.to_string(),
        other: key_path(path, whole),
        other_value: wv.to_string(),
    })
}

/// A city outside the province given, a district outside the city given.
pub(crate) fn place_errors(p: &Profile) -> impl Iterator<Item = Error> + '_ {
    [
        (CategoryField::City, vocab::CITIES, CategoryField::Province),
        (
            CategoryField::District,
            vocab::DISTRICTS,
            CategoryField::City,
        ),
    ]
    .into_iter()
    .filter_map(|(child, list, parent)| {
        let (c, par) = (p.word(child)?, p.word(parent)?);
        let place = vocab::find_place(list, c)?;
        (place.parent != Some(par)).then(|| Error::PlaceMismatch {
            path: child.slug().into(),
            value: c.into(),
            parent: par.into(),
        })
    })
}

/// A certification (at `path`, `certifications[0]`) that ends before it starts.
pub(crate) fn date_order(path: &str, since: NaiveDate, until: Option<NaiveDate>) -> Option<Error> {
    crate::read::json::date_order(path, ("since", since), ("until", until?))
}

/// Declarations both confirmed and declined.
pub(crate) fn answer_errors(p: &Profile) -> impl Iterator<Item = Error> + '_ {
    p.confirmations
        .iter()
        .filter(|id| p.declined.contains(*id))
        .map(|id| Error::Invalid {
            path: "declined".into(),
            detail: format!("`{id}` is both confirmed and declined"),
        })
}

impl Profile {
    pub fn set_name(&mut self, name: &str) {
        self.name = Some(name.to_string());
    }

    /// Sets a year's figure: a count, or an amount in 万元 that only a profit may have below
    /// zero.
    pub fn set_year(&mut self, year: i32, f: YearField, n: Num) -> Result<(), Error> {
        if !(1900..=2100).contains(&year) {
            check_year(&year.to_string())?;
        }
        let check = |path: &str| match f.unit() {
            Unit::Count => check_count(n, path),
            _ => check_amount(n, path, f.may_be_negative()),
        };
        // The path is written for an error alone: a sheet sets dozens of figures a row.
        let n = check("").or_else(|_| check(&format!("years.{year}.{}", f.slug())))?;
        self.years.get_or_default(year).set(f, Some(n));
        Ok(())
    }

    /// Sets a figure that is not tied to a year: a count, a percentage, a score or an area.
    pub fn set_scalar(&mut self, f: ScalarField, n: Num) -> Result<(), Error> {
        self.scalars.insert(f, check_scalar(f, n)?);
        Ok(())
    }

    /// Sets the self-assessed points of a score item (`H8.rd_org`).
    pub fn set_self_score(&mut self, key: &str, n: Num) -> Result<(), Error> {
        // Items are scored in whole points: 70.5 is refused, not rounded.
        let n = check_count(n, &key_path("self_scores", key))?;
        self.self_scores.insert(key.to_string(), n);
        Ok(())
    }

    pub fn set_date(&mut self, f: DateField, d: NaiveDate) {
        self.dates.insert(f, d);
    }

    /// Sets a categorical field to one of its words, or a yes/no field to `true` or `false`.
    pub fn set_category(&mut self, f: CategoryField, value: &str) -> Result<(), Error> {
        let path = f.slug();
        let category = match f.words() {
            Some(words) => words
                .iter()
                .find(|w| w.slug == value)
                .map(|w| Category::Word(w.slug))
                .ok_or_else(|| Error::UnknownValue {
                    path: path.into(),
                    value: value.into(),
                    allowed: words.iter().map(|w| w.slug.to_string()).collect(),
                })?,
            None => match value {
                "true" => Category::Flag(true),
                "false" => Category::Flag(false),
                _ => {
                    return Err(Error::WrongType {
                        path: path.into(),
                        expected: "true or false",
                        found: "a string",
                    })
                }
            },
        };
        self.categories.insert(f, category);
        Ok(())
    }

    /// Checks the rules between values, the same rules and in the same order as reading a
    /// document does, and names every value that breaks one.
    pub fn validate(&self) -> Result<(), Errors> {
        let mut errors: Vec<Error> = place_errors(self).collect();
        for (year, figs) in &self.years {
            errors.extend(year_errors(&key_path("years", &year.to_string()), figs));
        }
        errors.extend(ip_errors(self));
        for (i, c) in self.certifications.iter().flatten().enumerate() {
            errors.extend(date_order(
                &index_path("certifications", i),
                c.since,
                c.until,
            ));
        }
        errors.extend(answer_errors(self));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    /// Takes out the value an error of [`Profile::validate`] names, so that the rest can still
    /// be used: the figure, the place, or the whole certification. False when the path names
    /// nothing that can be taken out.
    pub fn clear(&mut self, path: &str) -> bool {
        if let Some(i) = path
            .strip_prefix("certifications[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|i| i.parse::<usize>().ok())
        {
            return match self.certifications.as_mut() {
                Some(list) if i < list.len() => {
                    list.remove(i);
                    true
                }
                _ => false,
            };
        }
        match InputRef::parse(path) {
            Some(InputRef::Year(y, f)) if self.year(y, f).is_some() => {
                self.years.get_or_default(y).set(f, None);
                true
            }
            Some(InputRef::Scalar(f)) if self.scalar(f).is_some() => {
                self.scalars.remove(f);
                true
            }
            Some(InputRef::Date(f)) if self.date(f).is_some() => {
                self.dates.remove(f);
                true
            }
            Some(InputRef::Category(f)) if self.category(f).is_some() => {
                self.categories.remove(f);
                true
            }
            Some(InputRef::SelfScore(k)) => self.self_scores.remove(&*k).is_some(),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{CertKind, Certification};
    use crate::Lang;

    fn n(s: &str) -> Num {
        Num::parse_decimal(s).unwrap()
    }

    /// The reader's errors for a document, and validate's for the same profile built value by
    /// value: the rules are one set.
    fn both(text: &str, build: impl FnOnce(&mut Profile)) -> (Vec<Error>, Vec<Error>) {
        let read = Profile::from_json(text).unwrap_err().0;
        let mut p = Profile::default();
        build(&mut p);
        (read, p.validate().unwrap_err().0)
    }

    #[test]
    fn setters_check_each_value_as_the_reader_does() {
        let mut p = Profile::default();
        assert!(p.set_year(2024, YearField::Revenue, n("1500.5")).is_ok());
        assert!(p.set_year(2024, YearField::NetProfit, n("-50")).is_ok());
        let e = p.set_year(2024, YearField::RdStaff, n("-3")).unwrap_err();
        assert_eq!(e.message(Lang::En), {
            let read = Profile::from_json(r#"{"years": {"2024": {"rd_staff": -3}}}"#);
            read.unwrap_err().first().message(Lang::En)
        });
        assert_eq!(e.path(), "years.2024.rd_staff");
        assert_eq!(
            p.set_year(2024, YearField::Employees, n("1.5"))
                .unwrap_err()
                .path(),
            "years.2024.employees"
        );
        assert!(p.set_year(24, YearField::Revenue, n("1")).is_err());
        assert!(p
            .set_scalar(ScalarField::CenterEquipmentOnPremises, n("120"))
            .is_err());
        assert!(p.set_scalar(ScalarField::IpClass1, n("12")).is_ok());
        assert!(p.set_category(CategoryField::Province, "atlantis").is_err());
        assert!(p.set_category(CategoryField::Province, "fujian").is_ok());
        assert!(p.set_category(CategoryField::Sme, "true").is_ok());
        assert_eq!(p.year(2024, YearField::Revenue), Some(n("1500.5")));
        assert_eq!(p.year(2024, YearField::RdStaff), None);
        assert_eq!(p.category(CategoryField::Sme), Some(Category::Flag(true)));
        assert!(p.validate().is_ok());
    }

    #[test]
    fn validate_applies_the_readers_rules_between_values() {
        let (read, built) = both(
            r#"{"province": "fujian", "city": "shenzhen",
                "years": {"2024": {"employees": 10, "rd_staff": 11}},
                "ip": {"class1": 1, "class1_high_value": 2},
                "certifications": [{"kind": "hnte", "since": "2022-11-01", "until": "2021-01-01"}]}"#,
            |p| {
                p.set_category(CategoryField::Province, "fujian").unwrap();
                p.set_category(CategoryField::City, "shenzhen").unwrap();
                p.set_year(2024, YearField::Employees, n("10")).unwrap();
                p.set_year(2024, YearField::RdStaff, n("11")).unwrap();
                p.set_scalar(ScalarField::IpClass1, n("1")).unwrap();
                p.set_scalar(ScalarField::IpClass1HighValue, n("2"))
                    .unwrap();
                p.certifications = Some(vec![Certification {
                    kind: CertKind::Hnte,
                    since: crate::parse_date("2022-11-01").unwrap(),
                    until: crate::parse_date("2021-01-01"),
                }]);
            },
        );
        assert_eq!(read, built);
        let paths: Vec<&str> = built.iter().map(Error::path).collect();
        assert_eq!(
            paths,
            [
                "city",
                "years.2024.rd_staff",
                "ip.class1_high_value",
                "certifications[0].until"
            ]
        );
    }

    #[test]
    fn clear_takes_out_what_an_error_names() {
        let mut p = Profile::default();
        p.set_category(CategoryField::Province, "fujian").unwrap();
        p.set_category(CategoryField::City, "shenzhen").unwrap();
        p.set_year(2024, YearField::Employees, n("10")).unwrap();
        p.set_year(2024, YearField::RdStaff, n("11")).unwrap();
        let Err(Errors(errors)) = p.validate() else {
            panic!("two rules broken");
        };
        for e in &errors {
            assert!(p.clear(e.path()), "{}", e.path());
        }
        assert!(p.validate().is_ok());
        assert_eq!(p.word(CategoryField::City), None);
        assert_eq!(p.word(CategoryField::Province), Some("fujian"));
        assert_eq!(p.year(2024, YearField::Employees), Some(n("10")));
        assert!(!p.clear("city"), "nothing left to take out");
    }
}
