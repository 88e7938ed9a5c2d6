//! The enterprise profile of contract section 1: read, validated and written back.
//!
//! Every field is optional. Absent means unknown; an empty list means none. Validation names
//! the field path of every problem.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::error::{Error, Errors};
use crate::num::Num;
use crate::profile_edit::{
    answer_errors, check_amount, check_count, check_percent, check_year, date_order, ip_errors,
    place_errors, year_errors,
};
use crate::read::json::{index_path, key_path, opt, parse_json, Cx};
use crate::sorted::{SortedMap, SortedSet};

// The fields and their units are the model's vocabulary, which packs name too; they keep their
// place here, where the app and outside code have always found them.
pub use crate::model::fields::{
    Category, CategoryField, CertKind, DateField, FieldKey, Fields, ScalarField, Unit, YearField,
    SCALAR_PARTS, YEAR_PARTS,
};

pub const PROFILE_SCHEMA: &str = "qualify.profile/1";

/// Amounts are 万元 with at most this many decimals (0.01 元).
pub const MAX_AMOUNT_PLACES: u32 = crate::limits::MAX_PLACES;

/// A certification the enterprise holds or held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certification {
    pub kind: CertKind,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
}

impl Certification {
    pub fn valid_on(&self, day: NaiveDate) -> bool {
        self.since <= day && self.end().is_none_or(|u| day <= u)
    }

    /// The last day it is valid: its `until`, or else the end its kind implies.
    pub fn end(&self) -> Option<NaiveDate> {
        self.until.or_else(|| self.kind.implied_until(self.since))
    }

    /// The end its kind implies, when the profile gives no `until`: shown as "assumed".
    pub fn assumed_end(&self) -> Option<NaiveDate> {
        match self.until {
            Some(_) => None,
            None => self.kind.implied_until(self.since),
        }
    }
}

/// One fiscal year's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearFigures([Option<Num>; YearField::ALL.len()]);

impl YearFigures {
    pub fn get(&self, f: YearField) -> Option<Num> {
        self.0[f as usize]
    }

    pub fn set(&mut self, f: YearField, v: Option<Num>) {
        self.0[f as usize] = v;
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(Option::is_none)
    }
}

/// A validated enterprise profile.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    pub name: Option<String>,
    pub dates: Fields<DateField, NaiveDate, { DateField::ALL.len() }>,
    pub categories: Fields<CategoryField, Category, { CategoryField::ALL.len() }>,
    pub scalars: Fields<ScalarField, Num, { ScalarField::ALL.len() }>,
    pub years: SortedMap<i32, YearFigures>,
    /// `None`: nothing is known; `Some(empty)`: holds none.
    pub certifications: Option<Vec<Certification>>,
    pub confirmations: SortedSet<String>,
    /// Self-declared criteria the user has said do not hold.
    pub declined: SortedSet<String>,
    /// Self-assessed points of score items, keyed `<criterion>.<item>`.
    pub self_scores: SortedMap<String, Num>,
}

const TOP_FIELDS: &[&str] = &[
    "schema",
    "name",
    "registered_on",
    "niche_since",
    "province",
    "city",
    "district",
    "industry",
    "designated_size",
    "sme",
    "hnte_domain",
    "xian_chain",
    "years",
    "ip",
    "center",
    "certifications",
    "confirmations",
    "declined",
    "srdi_score",
    "niche_market_share",
    "self_scores",
];
const IP_FIELDS: &[&str] = &[
    "class1",
    "class1_self_developed",
    "class1_high_value",
    "class1_main_product",
    "class2",
    "granted_3y",
    "invention_applications_3y",
];
const CENTER_FIELDS: &[&str] = &["established_on", "space_m2", "equipment_on_premises_pct"];

impl Profile {
    /// Reads a profile from JSON text.
    pub fn from_json(text: &str) -> Result<Profile, Errors> {
        Profile::from_value(&parse_json(text)?)
    }

    /// Reads and validates a profile. Every problem is reported, each with its field path.
    pub fn from_value(v: &Value) -> Result<Profile, Errors> {
        let mut cx = Cx::default();
        let p = read_profile(&mut cx, v);
        cx.finish(p)
    }

    pub fn year(&self, year: i32, f: YearField) -> Option<Num> {
        self.years.get(&year).and_then(|y| y.get(f))
    }

    pub fn scalar(&self, f: ScalarField) -> Option<Num> {
        self.scalars.get(f)
    }

    pub fn date(&self, f: DateField) -> Option<NaiveDate> {
        self.dates.get(f)
    }

    pub fn category(&self, f: CategoryField) -> Option<Category> {
        self.categories.get(f)
    }

    pub fn word(&self, f: CategoryField) -> Option<&'static str> {
        match self.category(f)? {
            Category::Word(w) => Some(w),
            Category::Flag(_) => None,
        }
    }

    /// Writes the profile back in the contract's JSON shape.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("schema".into(), Value::from(PROFILE_SCHEMA));
        if let Some(n) = &self.name {
            m.insert("name".into(), Value::from(n.as_str()));
        }
        let mut ip = Map::new();
        let mut center = Map::new();
        for (f, d) in self.dates.iter() {
            let s = Value::String(d.to_string());
            match f.slug().split_once('.') {
                Some((_, k)) => center.insert(k.into(), s),
                None => m.insert(f.slug().into(), s),
            };
        }
        for (f, c) in self.categories.iter() {
            let v = match c {
                Category::Word(w) => Value::from(w),
                Category::Flag(b) => Value::Bool(b),
            };
            m.insert(f.slug().into(), v);
        }
        for (f, n) in self.scalars.iter() {
            let v = serde_json::to_value(n).unwrap_or(Value::Null);
            match f.slug().split_once('.') {
                Some(("ip", k)) => ip.insert(k.into(), v),
                Some((_, k)) => center.insert(k.into(), v),
                None => m.insert(f.slug().into(), v),
            };
        }
        if !self.years.is_empty() {
            let mut years = Map::new();
            for (y, figs) in &self.years {
                let mut ym = Map::new();
                for f in YearField::ALL {
                    if let Some(n) = figs.get(*f) {
                        ym.insert(f.slug().into(), serde_json::to_value(n).unwrap_or_default());
                    }
                }
                years.insert(y.to_string(), Value::Object(ym));
            }
            m.insert("years".into(), Value::Object(years));
        }
        if !ip.is_empty() {
            m.insert("ip".into(), Value::Object(ip));
        }
        if !center.is_empty() {
            m.insert("center".into(), Value::Object(center));
        }
        if let Some(certs) = &self.certifications {
            let list: Vec<Value> = certs
                .iter()
                .map(|c| {
                    let mut o = Map::new();
                    o.insert("kind".into(), Value::from(c.kind.slug()));
                    o.insert("since".into(), Value::String(c.since.to_string()));
                    if let Some(u) = c.until {
                        o.insert("until".into(), Value::String(u.to_string()));
                    }
                    Value::Object(o)
                })
                .collect();
            m.insert("certifications".into(), Value::Array(list));
        }
        for (key, ids) in [
            ("confirmations", &self.confirmations),
            ("declined", &self.declined),
        ] {
            if !ids.is_empty() {
                let list = ids.iter().map(|id| Value::String(id.clone())).collect();
                m.insert(key.into(), Value::Array(list));
            }
        }
        if !self.self_scores.is_empty() {
            let mut scores = Map::new();
            for (k, n) in &self.self_scores {
                scores.insert(k.clone(), serde_json::to_value(n).unwrap_or_default());
            }
            m.insert("self_scores".into(), Value::Object(scores));
        }
        Value::Object(m)
    }
}

fn read_profile(cx: &mut Cx, v: &Value) -> Option<Profile> {
    let map = cx.obj(v, "", TOP_FIELDS)?;
    let mut p = Profile::default();

    if let Some(s) = opt(map, "schema").and_then(|s| cx.str(s, "schema")) {
        if s != PROFILE_SCHEMA {
            cx.push(Error::UnknownSchema {
                path: "schema".into(),
                found: s.into(),
                expected: PROFILE_SCHEMA,
            });
        }
    }
    p.name = opt(map, "name")
        .and_then(|s| cx.str(s, "name"))
        .map(str::to_string);

    for f in [DateField::RegisteredOn, DateField::NicheSince] {
        if let Some(d) = opt(map, f.slug()).and_then(|v| cx.date(v, f.slug())) {
            p.dates.insert(f, d);
        }
    }
    read_categories(cx, map, &mut p);
    for (key, f) in [
        ("srdi_score", ScalarField::SrdiScore),
        ("niche_market_share", ScalarField::NicheMarketShare),
    ] {
        if let Some(n) = opt(map, key).and_then(|v| percent_like(cx, v, key)) {
            p.scalars.insert(f, n);
        }
    }
    if let Some(years) = opt(map, "years") {
        read_years(cx, years, &mut p);
    }
    if let Some(ip) = opt(map, "ip") {
        read_ip(cx, ip, &mut p);
    }
    if let Some(center) = opt(map, "center") {
        read_center(cx, center, &mut p);
    }
    if let Some(certs) = opt(map, "certifications") {
        p.certifications = read_certifications(cx, certs);
    }
    p.confirmations = read_ids(cx, map, "confirmations");
    p.declined = read_ids(cx, map, "declined");
    cx.extend(answer_errors(&p));
    if let Some(scores) = opt(map, "self_scores") {
        if let Value::Object(m) = scores {
            for (k, v) in m {
                let path = key_path("self_scores", k);
                if let Some(n) = count(cx, v, &path) {
                    p.self_scores.insert(k.clone(), n);
                }
            }
        } else {
            cx.obj(scores, "self_scores", &[]);
        }
    }
    Some(p)
}

/// A value of the categorical field `f`: one of its words, or true or false.
pub(crate) fn read_category(
    cx: &mut Cx,
    v: &Value,
    path: &str,
    f: CategoryField,
) -> Option<Category> {
    match f.words() {
        None => cx.bool(v, path).map(Category::Flag),
        Some(words) => {
            let i = cx.word_index(v, path, words.len(), &|i| words[i].slug)?;
            Some(Category::Word(words[i].slug))
        }
    }
}

fn read_categories(cx: &mut Cx, map: &Map<String, Value>, p: &mut Profile) {
    for f in CategoryField::ALL {
        let Some(v) = opt(map, f.slug()) else {
            continue;
        };
        if let Some(value) = read_category(cx, v, f.slug(), *f) {
            p.categories.insert(*f, value);
        }
    }
    // A city must lie in the province given, a district in the city given.
    cx.extend(place_errors(p));
}

fn read_years(cx: &mut Cx, v: &Value, p: &mut Profile) {
    let Value::Object(years) = v else {
        cx.obj(v, "years", &[]);
        return;
    };
    let year_keys: Vec<&'static str> = YearField::VOCAB.iter().map(|(s, _)| *s).collect();
    for (key, yv) in years {
        let path = key_path("years", key);
        let year = match check_year(key) {
            Ok(year) => year,
            Err(e) => {
                cx.push(e);
                continue;
            }
        };
        let Some(ym) = cx.obj(yv, &path, &year_keys) else {
            continue;
        };
        let mut figs = YearFigures::default();
        for f in YearField::ALL {
            let Some(v) = opt(ym, f.slug()) else {
                continue;
            };
            let fpath = key_path(&path, f.slug());
            let n = match f.unit() {
                Unit::Count => count(cx, v, &fpath),
                _ => amount(cx, v, &fpath, f.may_be_negative()),
            };
            figs.set(*f, n);
        }
        cx.extend(year_errors(&path, &figs));
        p.years.insert(year, figs);
    }
}

fn read_ip(cx: &mut Cx, v: &Value, p: &mut Profile) {
    let Some(m) = cx.obj(v, "ip", IP_FIELDS) else {
        return;
    };
    let fields = [
        ScalarField::IpClass1,
        ScalarField::IpClass1SelfDeveloped,
        ScalarField::IpClass1HighValue,
        ScalarField::IpClass1MainProduct,
        ScalarField::IpClass2,
        ScalarField::IpGranted3y,
        ScalarField::IpInventionApplications3y,
    ];
    for f in fields {
        let key = f.slug().trim_start_matches("ip.");
        if let Some(n) = opt(m, key).and_then(|v| count(cx, v, f.slug())) {
            p.scalars.insert(f, n);
        }
    }
    cx.extend(ip_errors(p));
}

fn read_center(cx: &mut Cx, v: &Value, p: &mut Profile) {
    let Some(m) = cx.obj(v, "center", CENTER_FIELDS) else {
        return;
    };
    if let Some(d) = opt(m, "established_on").and_then(|v| cx.date(v, "center.established_on")) {
        p.dates.insert(DateField::CenterEstablishedOn, d);
    }
    if let Some(n) = opt(m, "space_m2").and_then(|v| amount(cx, v, "center.space_m2", false)) {
        p.scalars.insert(ScalarField::CenterSpace, n);
    }
    let key = "center.equipment_on_premises_pct";
    if let Some(n) = opt(m, "equipment_on_premises_pct").and_then(|v| percent_like(cx, v, key)) {
        p.scalars.insert(ScalarField::CenterEquipmentOnPremises, n);
    }
}

fn read_certifications(cx: &mut Cx, v: &Value) -> Option<Vec<Certification>> {
    let list = cx.arr(v, "certifications")?;
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let path = index_path("certifications", i);
        let Some(m) = cx.obj(item, &path, &["kind", "since", "until"]) else {
            continue;
        };
        let kind = cx
            .req(m, &path, "kind")
            .and_then(|k| cx.word(k, &key_path(&path, "kind"), CertKind::VOCAB));
        let since = cx
            .req(m, &path, "since")
            .and_then(|d| cx.date(d, &key_path(&path, "since")));
        let until = opt(m, "until").and_then(|d| cx.date(d, &key_path(&path, "until")));
        if let Some(since) = since {
            cx.extend(date_order(&path, since, until));
        }
        if let (Some(kind), Some(since)) = (kind, since) {
            out.push(Certification { kind, since, until });
        }
    }
    Some(out)
}

fn read_ids(cx: &mut Cx, map: &Map<String, Value>, key: &str) -> SortedSet<String> {
    let mut ids = Vec::new();
    if let Some(list) = opt(map, key).and_then(|v| cx.arr(v, key)) {
        for (i, item) in list.iter().enumerate() {
            if let Some(s) = cx.nonempty_str(item, &index_path(key, i)) {
                ids.push(s.to_string());
            }
        }
    }
    SortedSet::from_vec(ids)
}

/// An amount in 万元 (or m², or points): bounded, with at most six decimals.
fn amount(cx: &mut Cx, v: &Value, path: &str, may_be_negative: bool) -> Option<Num> {
    let n = cx.num(v, path)?;
    checked(cx, check_amount(n, path, may_be_negative))
}

/// A whole number of people or items.
fn count(cx: &mut Cx, v: &Value, path: &str) -> Option<Num> {
    let n = cx.num(v, path)?;
    checked(cx, check_count(n, path))
}

/// A percentage or a 100-point score: 0 to 100.
fn percent_like(cx: &mut Cx, v: &Value, path: &str) -> Option<Num> {
    let n = cx.num(v, path)?;
    checked(cx, check_percent(n, path))
}

fn checked(cx: &mut Cx, r: Result<Num, Error>) -> Option<Num> {
    r.map_err(|e| cx.push(e)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certification_without_an_end_lasts_as_its_kind_does() {
        let d = |s: &str| crate::parse_date(s).unwrap();
        let cert = |kind, since: &str| Certification {
            kind,
            since: d(since),
            until: None,
        };
        // A tech-based SME number is usable to 31 March of the next year, never forever.
        let ts = cert(CertKind::TechSme, "2025-05-01");
        assert_eq!(ts.assumed_end(), Some(d("2026-03-31")));
        assert!(ts.valid_on(d("2026-03-31")));
        assert!(!ts.valid_on(d("2026-04-01")));
        // HNTE and the SME tiers last three years.
        let hnte = cert(CertKind::Hnte, "2022-11-01");
        assert_eq!(hnte.end(), Some(d("2025-10-31")));
        assert!(!hnte.valid_on(d("2025-11-01")));
        // Technology centers have no published period: held until the profile says otherwise.
        let etc = cert(CertKind::ProvincialEtc, "2010-01-01");
        assert_eq!(etc.end(), None);
        assert!(etc.valid_on(d("2030-01-01")));
        // An end the profile gives is never replaced.
        let given = Certification {
            until: Some(d("2030-12-31")),
            ..ts
        };
        assert_eq!(given.assumed_end(), None);
        assert!(given.valid_on(d("2030-12-31")));
    }
    use crate::Lang;

    const EXAMPLE: &str = include_str!("../tests/data/example-profile.json");

    fn first_error(text: &str) -> Error {
        Profile::from_json(text).unwrap_err().first().clone()
    }

    /// The keys of a profile are the slugs of the fields rules read, each where its slug puts it
    /// (`ip.class1` under `ip`), besides the name, the years and the lists: the reader's lists of
    /// keys and the field enums name the same fields.
    #[test]
    fn the_profile_keys_are_the_slugs_of_the_fields() {
        let mut top = vec![
            "schema",
            "name",
            "years",
            "ip",
            "center",
            "certifications",
            "confirmations",
            "declined",
            "self_scores",
        ];
        let (mut ip, mut center) = (Vec::new(), Vec::new());
        let slugs = (DateField::VOCAB.iter().map(|(s, _)| *s))
            .chain(ScalarField::VOCAB.iter().map(|(s, _)| *s))
            .chain(CategoryField::VOCAB.iter().map(|(s, _)| *s));
        for s in slugs {
            match s.split_once('.') {
                Some(("ip", k)) => ip.push(k),
                Some(("center", k)) => center.push(k),
                Some(_) => panic!("`{s}` is under no part of the profile"),
                None => top.push(s),
            }
        }
        let sorted = |mut v: Vec<&'static str>| {
            v.sort();
            v
        };
        assert_eq!(sorted(TOP_FIELDS.to_vec()), sorted(top));
        assert_eq!(sorted(IP_FIELDS.to_vec()), sorted(ip));
        assert_eq!(sorted(CENTER_FIELDS.to_vec()), sorted(center));
    }

    #[test]
    fn reads_the_contract_example() {
        let p = Profile::from_json(EXAMPLE).unwrap();
        assert_eq!(p.year(2024, YearField::RdStaff), Some(Num::int(160)));
        assert_eq!(p.word(CategoryField::City), Some("xiamen"));
        assert_eq!(p.category(CategoryField::District), None);
        assert_eq!(p.certifications.as_ref().unwrap().len(), 3);
        assert_eq!(p.scalar(ScalarField::IpClass1), Some(Num::int(12)));
        assert!(p.confirmations.contains("N5"));
    }

    #[test]
    fn round_trips_through_json() {
        let p = Profile::from_json(EXAMPLE).unwrap();
        let again = Profile::from_value(&p.to_value()).unwrap();
        assert_eq!(p, again);
    }

    #[test]
    fn absent_and_empty_lists_differ() {
        let absent = Profile::from_json("{}").unwrap();
        let empty = Profile::from_json(r#"{"certifications": []}"#).unwrap();
        assert_eq!(absent.certifications, None);
        assert_eq!(empty.certifications, Some(vec![]));
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (
                r#"{"years": {"2024": {"rd_staff": -3}}}"#,
                "years.2024.rd_staff",
            ),
            (r#"{"province": "atlantis"}"#, "province"),
            (r#"{"registered_on": "2025-02-30"}"#, "registered_on"),
            (
                r#"{"years": {"2024": {"employees": 10, "rd_staff": 11}}}"#,
                "years.2024.rd_staff",
            ),
            (r#"{"schema": "qualify.profile/9"}"#, "schema"),
            (r#"{"revnue": 1}"#, "revnue"),
            (
                r#"{"certifications": [{"kind": "hnte"}]}"#,
                "certifications[0].since",
            ),
            (
                r#"{"years": {"2024": {"employees": 1.5}}}"#,
                "years.2024.employees",
            ),
            (r#"{"province": "fujian", "city": "shenzhen"}"#, "city"),
            (
                r#"{"ip": {"class1": 1, "class1_high_value": 2}}"#,
                "ip.class1_high_value",
            ),
            (r#"{"years": {"24": {}}}"#, "years.24"),
            (
                r#"{"center": {"equipment_on_premises_pct": 120}}"#,
                "center.equipment_on_premises_pct",
            ),
        ];
        for (text, path) in cases {
            let e = first_error(text);
            assert_eq!(e.path(), path, "{text}: {e}");
        }
    }

    #[test]
    fn a_place_outside_its_parent_is_named_in_words() {
        let e = first_error(r#"{"province": "guangdong", "city": "xiamen"}"#);
        assert_eq!(e.problem(Lang::Zh), "厦门市不属于广东省");
        assert_eq!(e.message(Lang::En), "city: Xiamen is not in Guangdong");
    }

    #[test]
    fn reports_every_problem() {
        let errs =
            Profile::from_json(r#"{"province": "x", "industry": "y", "sme": 1}"#).unwrap_err();
        assert_eq!(errs.0.len(), 3);
    }

    #[test]
    fn malformed_json_is_a_syntax_error() {
        assert!(matches!(first_error("{\"name\": "), Error::Syntax { .. }));
        assert!(matches!(first_error("[]"), Error::WrongType { .. }));
    }

    #[test]
    fn losses_may_be_negative_but_revenue_may_not() {
        assert!(Profile::from_json(r#"{"years": {"2024": {"net_profit": -50}}}"#).is_ok());
        assert!(Profile::from_json(r#"{"years": {"2024": {"revenue": -50}}}"#).is_err());
    }
}
