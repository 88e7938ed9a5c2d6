//! The form's state: what the user typed, field by field, exactly as typed. A draft is built
//! into a profile for the engine; a value that cannot be read stays in the draft with a message
//! beside it and simply counts as not given, so nothing typed is ever lost to a mistake.

use std::collections::BTreeMap;

use qualify_engine::typed::{
    parse_amount, parse_count, parse_date_text, parse_decimal, parse_percent,
};
use qualify_engine::{Errors, Lang, Num, Profile, Text};
use serde_json::{Map, Value};

use crate::fields::{kind_of, Kind};

/// One row of the certifications editor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CertRow {
    pub kind: String,
    pub since: String,
    pub until: String,
}

impl CertRow {
    fn is_blank(&self) -> bool {
        self.kind.is_empty() && self.since.trim().is_empty() && self.until.trim().is_empty()
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    /// Raw text by contract path (`years.2024.revenue`, `province`, `self_scores.H8.org`).
    pub text: BTreeMap<String, String>,
    pub certs: Vec<CertRow>,
    /// "We hold none of these": an empty list, as opposed to not saying.
    pub holds_none: bool,
    /// Declarations answered: true confirms, false declines.
    pub answers: BTreeMap<String, bool>,
}

/// A draft made into a profile, with a message for each field that could not be used.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    pub profile: Profile,
    /// Messages by field path.
    pub problems: BTreeMap<String, Text>,
}

fn insert_at(root: &mut Map<String, Value>, path: &str, v: Value) {
    let segments: Vec<&str> = match path.strip_prefix("self_scores.") {
        Some(key) => vec!["self_scores", key],
        None => path.split('.').collect(),
    };
    let mut cur = root;
    for s in &segments[..segments.len() - 1] {
        let next = cur
            .entry(s.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        cur = next.as_object_mut().expect("just made an object");
    }
    cur.insert(segments[segments.len() - 1].to_string(), v);
}

/// Removes the value an error points at, so that the rest of the profile can still be used.
fn remove_at(root: &mut Value, path: &str) -> bool {
    if path.starts_with("certifications[") {
        let Some(i) = cert_index(path) else {
            return false;
        };
        return match root.get_mut("certifications").and_then(Value::as_array_mut) {
            Some(list) if i < list.len() => {
                list.remove(i);
                true
            }
            _ => false,
        };
    }
    let segments: Vec<&str> = match path.strip_prefix("self_scores.") {
        Some(key) => vec!["self_scores", key],
        None => path.split('.').collect(),
    };
    let mut cur = root;
    for s in &segments[..segments.len() - 1] {
        match cur.get_mut(*s) {
            Some(next) => cur = next,
            None => return false,
        }
    }
    cur.as_object_mut()
        .and_then(|m| m.remove(segments[segments.len() - 1]))
        .is_some()
}

fn cert_index(path: &str) -> Option<usize> {
    path.strip_prefix("certifications[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn problem_text(p: qualify_engine::typed::Problem) -> Text {
    p.text()
}

fn read(kind: Kind, raw: &str) -> Result<Value, Text> {
    let num = |r: Result<Num, qualify_engine::typed::Problem>| -> Result<Value, Text> {
        r.map(|n| serde_json::to_value(n).unwrap_or(Value::Null))
            .map_err(problem_text)
    };
    match kind {
        Kind::Amount { negative } => num(parse_amount(raw, negative)),
        Kind::Count => num(parse_count(raw)),
        Kind::Percent | Kind::Points => num(parse_percent(raw)),
        Kind::Area | Kind::Decimal => num(parse_decimal(raw)),
        Kind::Date => parse_date_text(raw)
            .map(Value::String)
            .map_err(problem_text),
        Kind::YesNo => match raw {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(Text::new("请选择是或否", "Choose yes or no")),
        },
        Kind::Choice(_) | Kind::FreeText => Ok(Value::String(raw.trim().to_string())),
    }
}

fn error_text(e: &qualify_engine::Error) -> Text {
    Text::new(e.problem(Lang::Zh), e.problem(Lang::En))
}

impl Draft {
    /// Builds the profile. Never fails: what cannot be read is reported and left out.
    pub fn build(&self) -> Built {
        let mut problems = BTreeMap::new();
        let mut root = Map::new();
        for (path, raw) in &self.text {
            if raw.trim().is_empty() {
                continue;
            }
            let Some(kind) = kind_of(path) else {
                continue;
            };
            match read(kind, raw) {
                Ok(v) => insert_at(&mut root, path, v),
                Err(t) => {
                    problems.insert(path.clone(), t);
                }
            }
        }
        let mut certs = Vec::new();
        for (i, row) in self.certs.iter().enumerate() {
            if row.is_blank() {
                continue;
            }
            let at = |k: &str| format!("certifications[{i}].{k}");
            let mut o = Map::new();
            if row.kind.is_empty() {
                problems.insert(
                    at("kind"),
                    Text::new("请选择认定类别", "Choose the recognition"),
                );
                continue;
            }
            o.insert("kind".into(), Value::String(row.kind.clone()));
            match read(Kind::Date, &row.since) {
                Ok(v) => {
                    o.insert("since".into(), v);
                }
                Err(t) => {
                    problems.insert(at("since"), t);
                    continue;
                }
            }
            if !row.until.trim().is_empty() {
                match read(Kind::Date, &row.until) {
                    Ok(v) => {
                        o.insert("until".into(), v);
                    }
                    Err(t) => {
                        problems.insert(at("until"), t);
                    }
                }
            }
            certs.push((i, Value::Object(o)));
        }
        if !certs.is_empty() || self.holds_none {
            root.insert(
                "certifications".into(),
                Value::Array(certs.iter().map(|(_, v)| v.clone()).collect()),
            );
        }
        let answered = |want: bool| -> Vec<Value> {
            self.answers
                .iter()
                .filter(|(_, a)| **a == want)
                .map(|(k, _)| Value::String(k.clone()))
                .collect()
        };
        for (key, want) in [("confirmations", true), ("declined", false)] {
            let list = answered(want);
            if !list.is_empty() {
                root.insert(key.into(), Value::Array(list));
            }
        }
        let mut value = Value::Object(root);
        // Cross-field checks (R&D staff above employees, a city outside its province) leave
        // the offending value out, one at a time, until the rest reads cleanly.
        for _ in 0..64 {
            match Profile::from_value(&value) {
                Ok(profile) => return Built { profile, problems },
                Err(Errors(errors)) => {
                    let mut removed = false;
                    for e in &errors {
                        let path = e.path();
                        // Certification errors are reported against the editor's own row.
                        let cert = cert_index(path).filter(|n| *n < certs.len());
                        let key = match cert {
                            Some(n) => {
                                path.replacen(&format!("[{n}]"), &format!("[{}]", certs[n].0), 1)
                            }
                            None => path.to_string(),
                        };
                        problems.entry(key).or_insert_with(|| error_text(e));
                        if remove_at(&mut value, path) {
                            if let Some(n) = cert {
                                certs.remove(n);
                            }
                            removed = true;
                            break;
                        }
                    }
                    if !removed {
                        break;
                    }
                }
            }
        }
        Built {
            profile: Profile::default(),
            problems,
        }
    }

    /// A draft holding a validated profile's values.
    pub fn from_profile(p: &Profile) -> Draft {
        let mut d = Draft::default();
        let Value::Object(root) = p.to_value() else {
            return d;
        };
        for (k, v) in root {
            match (k.as_str(), v) {
                ("schema", _) => {}
                ("years", Value::Object(years)) => {
                    for (y, figs) in years {
                        for (f, n) in figs.as_object().into_iter().flatten() {
                            d.text.insert(format!("years.{y}.{f}"), scalar_text(n));
                        }
                    }
                }
                ("ip" | "center" | "self_scores", Value::Object(m)) => {
                    for (f, n) in m {
                        d.text.insert(format!("{k}.{f}"), scalar_text(&n));
                    }
                }
                ("certifications", Value::Array(list)) => {
                    d.holds_none = list.is_empty();
                    d.certs = list
                        .iter()
                        .map(|c| CertRow {
                            kind: c["kind"].as_str().unwrap_or_default().into(),
                            since: c["since"].as_str().unwrap_or_default().into(),
                            until: c["until"].as_str().unwrap_or_default().into(),
                        })
                        .collect();
                }
                ("confirmations" | "declined", Value::Array(list)) => {
                    for id in list.iter().filter_map(Value::as_str) {
                        d.answers.insert(id.into(), k == "confirmations");
                    }
                }
                (_, v) => {
                    d.text.insert(k, scalar_text(&v));
                }
            }
        }
        d
    }

    /// Reads a profile document (an imported file, a share link): all or nothing, so a bad
    /// document never half-replaces what the user has.
    pub fn from_json(text: &str) -> Result<Draft, Errors> {
        Profile::from_json(text).map(|p| Draft::from_profile(&p))
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n
            .as_f64()
            .and_then(Num::from_f64)
            .map(|n| n.to_decimal_string(6))
            .unwrap_or_else(|| n.to_string()),
        other => other.to_string(),
    }
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
        });
        d.certs.push(CertRow {
            kind: "srdi".into(),
            since: "2025-02-30".into(),
            until: String::new(),
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
