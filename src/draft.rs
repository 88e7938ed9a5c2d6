//! The form's state: what the user typed, field by field, exactly as typed. A draft is built
//! into a profile for the engine; a value that cannot be read stays in the draft with a message
//! beside it and simply counts as not given, so nothing typed is ever lost to a mistake.
//!
//! Each value is read by the kind of its field and set on the profile through the engine's
//! typed setters, then the rules between values are checked once (`Profile::validate`): what
//! breaks one is reported at its field and taken out, and the rest is used.

use qualify_engine::sorted::SortedMap;

use qualify_engine::profile::{Category, CertKind, Certification, YearField};
use qualify_engine::typed::{
    parse_amount, parse_count, parse_date_text, parse_decimal, parse_percent,
};
use qualify_engine::{parse_date, Errors, InputRef, Lang, Num, Pack, Profile, Text};

use crate::fields::{kind_of, Kind};

/// One row of the certifications editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertRow {
    /// Names the row while rows before it come and go, so its controls stay the same elements.
    pub id: u32,
    pub kind: String,
    pub since: String,
    pub until: String,
}

/// A text of a certification row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CertPart {
    Kind,
    Since,
    Until,
}

impl CertRow {
    fn is_blank(&self) -> bool {
        self.kind.is_empty() && self.since.trim().is_empty() && self.until.trim().is_empty()
    }

    fn part(&mut self, part: CertPart) -> &mut String {
        match part {
            CertPart::Kind => &mut self.kind,
            CertPart::Since => &mut self.since,
            CertPart::Until => &mut self.until,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// Raw text by contract path (`years.2024.revenue`, `province`, `self_scores.H8.org`).
    pub text: SortedMap<String, String>,
    pub certs: Vec<CertRow>,
    /// "We hold none of these": an empty list, as opposed to not saying.
    pub holds_none: bool,
    /// Declarations answered: true confirms, false declines.
    pub answers: SortedMap<String, bool>,
}

/// A draft made into a profile, with a message for each field that could not be used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    pub profile: Profile,
    /// Messages by field path.
    pub problems: SortedMap<String, Text>,
}

fn error_text(e: &qualify_engine::Error) -> Text {
    Text::new(e.problem(Lang::Zh), e.problem(Lang::En))
}

/// A number as its field's kind reads it.
fn number(kind: Kind, raw: &str) -> Result<Num, Text> {
    match kind {
        Kind::Amount { negative } => parse_amount(raw, negative),
        Kind::Count => parse_count(raw),
        Kind::Percent | Kind::Points => parse_percent(raw),
        _ => parse_decimal(raw),
    }
    .map_err(|p| p.text())
}

fn date(raw: &str) -> Result<chrono::NaiveDate, Text> {
    parse_date_text(raw)
        .map(|iso| parse_date(&iso).expect("parse_date_text gives real dates"))
        .map_err(|p| p.text())
}

/// Reads the text typed at `path` and sets it on the profile.
fn set(p: &mut Profile, path: &str, raw: &str) -> Result<(), Text> {
    let Some(kind) = kind_of(path) else {
        return Ok(());
    };
    let text = raw.trim();
    let set = match InputRef::parse(path) {
        None => {
            // The company's name, the one field the engine does not read.
            p.set_name(text);
            Ok(())
        }
        Some(InputRef::Year(year, f)) => p.set_year(year, f, number(kind, raw)?),
        Some(InputRef::Scalar(f)) => p.set_scalar(f, number(kind, raw)?),
        Some(InputRef::SelfScore(key)) => p.set_self_score(&key, number(kind, raw)?),
        Some(InputRef::Date(f)) => {
            p.set_date(f, date(raw)?);
            Ok(())
        }
        Some(InputRef::Category(f)) => {
            if kind == Kind::YesNo && !matches!(text, "true" | "false") {
                return Err(Text::new("请选择是或否", "Choose yes or no"));
            }
            p.set_category(f, text)
        }
        Some(InputRef::Certifications | InputRef::Confirmation(_)) => Ok(()),
    };
    set.map_err(|e| error_text(&e))
}

impl Draft {
    /// Builds the profile. Never fails: what cannot be read is reported and left out.
    pub fn build(&self) -> Built {
        let mut problems = SortedMap::default();
        let mut profile = Profile::default();
        for (path, raw) in &self.text {
            if raw.trim().is_empty() {
                continue;
            }
            if let Err(t) = set(&mut profile, path, raw) {
                problems.insert(path.clone(), t);
            }
        }
        // The editor's row of each certification in the profile: rows left blank or unusable
        // are not in it.
        let mut rows = Vec::new();
        let mut certs = Vec::new();
        for (i, row) in self.certs.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let at = |k: &str| format!("certifications[{i}].{k}");
            let Some(kind) = CertKind::from_slug(&row.kind) else {
                problems.insert(
                    at("kind"),
                    Text::new("请选择认定类别", "Choose the recognition"),
                );
                continue;
            };
            let since = match date(&row.since) {
                Ok(d) => d,
                Err(t) => {
                    problems.insert(at("since"), t);
                    continue;
                }
            };
            let until = match row.until.trim() {
                "" => None,
                text => date(text)
                    .map_err(|t| {
                        problems.insert(at("until"), t);
                    })
                    .ok(),
            };
            rows.push(i);
            certs.push(Certification { kind, since, until });
        }
        if !certs.is_empty() || self.holds_none {
            profile.certifications = Some(certs);
        }
        for (key, yes) in &self.answers {
            let list = if *yes {
                &mut profile.confirmations
            } else {
                &mut profile.declined
            };
            list.insert(key.clone());
        }
        if let Err(Errors(errors)) = profile.validate() {
            for e in &errors {
                let path = e.path();
                // Certification errors are reported against the editor's own row.
                let key = match cert_index(path).and_then(|n| Some((n, *rows.get(n)?))) {
                    Some((n, row)) => path.replacen(&format!("[{n}]"), &format!("[{row}]"), 1),
                    None => path.to_string(),
                };
                if !problems.contains_key(&key) {
                    problems.insert(key, error_text(e));
                }
            }
            // Last first, so that taking out a certification leaves the indices of the errors
            // before it right.
            for e in errors.iter().rev() {
                profile.clear(e.path());
            }
        }
        Built { profile, problems }
    }

    /// [`Draft::build`], with self-assessed points also held to the score items of `packs`
    /// they fill: a point outside its item's range is reported at its field and left out.
    pub fn build_for(&self, packs: &[Pack]) -> Built {
        let mut b = self.build();
        for e in qualify_engine::reads::self_score_errors(&b.profile, packs) {
            if !b.problems.contains_key(e.path()) {
                b.problems.insert(e.path().to_string(), error_text(&e));
            }
            b.profile.clear(e.path());
        }
        b
    }

    /// A draft holding a validated profile's values.
    pub fn from_profile(p: &Profile) -> Draft {
        let mut d = Draft::default();
        let num = |n: Num| n.to_decimal_string(6);
        let mut put = |path: String, text: String| {
            d.text.insert(path, text);
        };
        if let Some(name) = &p.name {
            put("name".into(), name.clone());
        }
        for (f, day) in p.dates.iter() {
            put(f.slug().into(), day.to_string());
        }
        for (f, c) in p.categories.iter() {
            let text = match c {
                Category::Word(w) => w.to_string(),
                Category::Flag(b) => b.to_string(),
            };
            put(f.slug().into(), text);
        }
        for (f, n) in p.scalars.iter() {
            put(f.slug().into(), num(n));
        }
        for (year, figs) in &p.years {
            for f in YearField::ALL {
                if let Some(n) = figs.get(*f) {
                    put(format!("years.{year}.{}", f.slug()), num(n));
                }
            }
        }
        for (key, n) in &p.self_scores {
            put(format!("self_scores.{key}"), num(*n));
        }
        if let Some(list) = &p.certifications {
            d.holds_none = list.is_empty();
            d.certs = list
                .iter()
                .zip(0..)
                .map(|(c, id)| CertRow {
                    id,
                    kind: c.kind.slug().into(),
                    since: c.since.to_string(),
                    until: c.until.map(|u| u.to_string()).unwrap_or_default(),
                })
                .collect();
        }
        for (ids, yes) in [(&p.confirmations, true), (&p.declined, false)] {
            for id in ids {
                d.answers.insert(id.clone(), yes);
            }
        }
        d
    }

    /// Reads a profile document (an imported file, a share link): all or nothing, so a bad
    /// document never half-replaces what the user has.
    pub fn from_json(text: &str) -> Result<Draft, Errors> {
        Profile::from_json(text).map(|p| Draft::from_profile(&p))
    }

    // Each edit says whether it changed anything, so that an edit that changes nothing
    // re-evaluates nothing.

    /// Sets the text typed at a path.
    pub fn set_text(&mut self, path: &str, value: String) -> bool {
        if self.text.get(path) == Some(&value) {
            return false;
        }
        self.text.insert(path.to_string(), value);
        true
    }

    /// Sets a text of the certification row `id`.
    pub fn set_cert(&mut self, id: u32, part: CertPart, value: String) -> bool {
        let Some(text) = self
            .certs
            .iter_mut()
            .find(|r| r.id == id)
            .map(|r| r.part(part))
        else {
            return false;
        };
        *text != value && {
            *text = value;
            true
        }
    }

    /// Adds an empty certification row; a listed certification contradicts "we hold none".
    pub fn add_cert(&mut self) -> bool {
        let id = self.certs.iter().map(|r| r.id + 1).max().unwrap_or(0);
        self.certs.push(CertRow {
            id,
            ..CertRow::default()
        });
        self.holds_none = false;
        true
    }

    pub fn remove_cert(&mut self, id: u32) -> bool {
        let before = self.certs.len();
        self.certs.retain(|r| r.id != id);
        self.certs.len() != before
    }

    pub fn set_holds_none(&mut self, none: bool) -> bool {
        std::mem::replace(&mut self.holds_none, none) != none
    }

    /// Answers a declaration: true confirms, false declines, `None` takes the answer back.
    pub fn answer(&mut self, key: &str, answer: Option<bool>) -> bool {
        let before = match answer {
            Some(a) => self.answers.insert(key.to_string(), a),
            None => self.answers.remove(key),
        };
        before != answer
    }
}

fn cert_index(path: &str) -> Option<usize> {
    path.strip_prefix("certifications[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::profile::YearField;

    fn draft(pairs: &[(&str, &str)]) -> Draft {
        Draft {
            text: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..Draft::default()
        }
    }

    #[test]
    fn typed_text_becomes_exact_figures() {
        let b = draft(&[
            ("years.2024.revenue", "1.5亿"),
            ("years.2024.rd_expense", "１，５００．５"),
            ("years.2024.rd_staff", "160"),
            ("province", "fujian"),
            ("designated_size", "true"),
        ])
        .build();
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        let p = &b.profile;
        assert_eq!(p.year(2024, YearField::Revenue), Some(Num::int(15000)));
        assert_eq!(
            p.year(2024, YearField::RdExpense),
            Num::parse_decimal("1500.5")
        );
        assert_eq!(
            p.word(qualify_engine::profile::CategoryField::Province),
            Some("fujian")
        );
    }

    #[test]
    fn a_bad_value_is_reported_kept_and_left_out() {
        let d = draft(&[
            ("years.2024.revenue", "lots"),
            ("years.2024.rd_expense", "300"),
        ]);
        let b = d.build();
        assert_eq!(
            b.problems["years.2024.revenue"].en,
            "Enter a number, e.g. 1500, 1,500 or 1.5亿"
        );
        assert_eq!(b.profile.year(2024, YearField::Revenue), None);
        assert_eq!(
            b.profile.year(2024, YearField::RdExpense),
            Some(Num::int(300))
        );
        assert_eq!(d.text["years.2024.revenue"], "lots");
    }

    #[test]
    fn cross_field_problems_leave_out_only_the_offender() {
        let b = draft(&[
            ("years.2024.employees", "10"),
            ("years.2024.rd_staff", "11"),
            ("years.2024.revenue", "500"),
            ("province", "fujian"),
            ("city", "shenzhen"),
        ])
        .build();
        assert!(b.problems.contains_key("years.2024.rd_staff"));
        assert!(b.problems.contains_key("city"));
        assert_eq!(
            b.profile.year(2024, YearField::Revenue),
            Some(Num::int(500))
        );
        assert_eq!(b.profile.year(2024, YearField::RdStaff), None);
    }

    #[test]
    fn certifications_absent_empty_and_listed() {
        let mut d = Draft::default();
        assert_eq!(d.build().profile.certifications, None);
        d.holds_none = true;
        assert_eq!(d.build().profile.certifications, Some(vec![]));
        d.certs.push(CertRow {
            kind: "hnte".into(),
            since: "2022/11/1".into(),
            until: String::new(),
            ..CertRow::default()
        });
        d.certs.push(CertRow {
            kind: "srdi".into(),
            since: "2025-02-30".into(),
            until: String::new(),
            id: 1,
        });
        let b = d.build();
        assert_eq!(b.profile.certifications.as_ref().unwrap().len(), 1);
        assert!(b.problems.contains_key("certifications[1].since"));
    }

    #[test]
    fn answers_become_confirmations_and_declines() {
        let mut d = Draft::default();
        d.answers.insert("N5".into(), true);
        d.answers.insert("N6".into(), false);
        let p = d.build().profile;
        assert!(p.confirmations.contains("N5"));
        assert!(p.declined.contains("N6"));
    }

    #[test]
    fn the_contract_example_round_trips() {
        let text = include_str!("../crates/engine/tests/data/example-profile.json");
        let d = Draft::from_json(text).unwrap();
        let b = d.build();
        assert!(b.problems.is_empty(), "{:?}", b.problems);
        assert_eq!(b.profile, Profile::from_json(text).unwrap());
        assert_eq!(Draft::from_profile(&b.profile), d);
    }

    #[test]
    fn a_bad_document_is_refused_whole() {
        let e = Draft::from_json(r#"{"province": "atlantis"}"#).unwrap_err();
        assert_eq!(e.first().path(), "province");
    }
}
