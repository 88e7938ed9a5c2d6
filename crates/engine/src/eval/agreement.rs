//! The fast paths agree with the full result: for every rule of every bundled pack, the status
//! and the inputs still needed (in their order) that `Ctx::cond` finds, and those with the gap
//! and progress of screening's `Ctx::brief`, are those of the full result `Ctx::node_into`
//! builds, and the points and needs of every banded score item are those the bands give when
//! each band's condition goes through `Ctx::cond` (rather than the bands' shortcut for one
//! measure against falling thresholds). Checked over generated profiles and
//! dates, and over the profiles and dates of the golden cases.

use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde_json::{json, Map, Value};

use super::unknown::Needs;
use super::{Ctx, Status};
use crate::bundled;
use crate::inputs::InputRef;
use crate::model::vocab;
use crate::model::{Band, Item, ItemKind, Node, Pack, Rule, Threshold};
use crate::num::Num;
use crate::profile::{CertKind, Profile, ScalarField, Unit, YearField, SCALAR_PARTS, YEAR_PARTS};
use crate::reads;

/// Every rule inside `n`, `n` first: parts, cases with their conditions, the conditions of
/// threshold tiers and of score bands.
fn nodes<'p>(n: &'p Node, out: &mut Vec<&'p Node>) {
    out.push(n);
    match &n.rule {
        Rule::Compare { threshold, .. } => {
            if let Threshold::Cases { cases, .. } = threshold {
                for c in cases {
                    nodes(&c.when, out);
                }
            }
        }
        Rule::In { .. } | Rule::Holds { .. } | Rule::Declared { .. } | Rule::Unpublished { .. } => {
        }
        Rule::All(parts) | Rule::Any(parts) => {
            for p in parts {
                nodes(p, out);
            }
        }
        Rule::Switch { cases, otherwise } => {
            for c in cases {
                nodes(&c.when, out);
                nodes(&c.then, out);
            }
            nodes(otherwise, out);
        }
        Rule::Score(s) => {
            let mut items = Vec::new();
            for it in &s.items {
                banded(it, &mut items);
            }
            for (bands, _) in items {
                for b in bands {
                    nodes(&b.when, out);
                }
            }
        }
    }
}

/// The bands of every banded item, alternatives of a `best_of` included.
fn banded<'p>(it: &'p Item, out: &mut Vec<(&'p [Band], (Num, Num))>) {
    match &it.kind {
        ItemKind::Bands { bands, otherwise } => out.push((bands, *otherwise)),
        ItemKind::SelfAssessed => {}
        ItemKind::BestOf(alts) => {
            for a in alts {
                banded(a, out);
            }
        }
    }
}

/// The bands' points and needs with every condition through `Ctx::cond`.
fn bands_by_cond(cx: &Ctx, bands: &[Band], otherwise: (Num, Num)) -> (Num, Num, Vec<InputRef>) {
    let widen = |r: Option<(Num, Num)>, p: (Num, Num)| match r {
        None => p,
        Some((lo, hi)) => (lo.min(p.0), hi.max(p.1)),
    };
    let mut range = None;
    let mut needs = Needs::NONE;
    for b in bands {
        let (status, when_needs) = cx.cond(&b.when);
        match status {
            Status::Met => {
                let (lo, hi) = widen(range, b.points);
                return (lo, hi, needs.into_vec());
            }
            Status::NotMet => {}
            _ => {
                needs.extend(when_needs);
                range = Some(widen(range, b.points));
            }
        }
    }
    let (lo, hi) = widen(range, otherwise);
    (lo, hi, needs.into_vec())
}

/// Checks every rule and banded item of every version of `packs` for `profile` on `as_of`;
/// returns how many were checked.
fn check_all(packs: &[Pack], profile: &Profile, as_of: NaiveDate) -> usize {
    let cx = Ctx::new(profile, as_of);
    let mut checked = 0;
    for pack in packs {
        for version in pack.versions.iter() {
            for c in &version.criteria {
                let mut all = Vec::new();
                nodes(&c.rule, &mut all);
                for n in all {
                    let (status, needs) = cx.cond(n);
                    let full = cx.node(n);
                    let at = format!("{} {} {} {:?} on {as_of}", pack.id, version.id, c.id, n.id);
                    assert_eq!(status, full.status, "status of {at}");
                    assert_eq!(needs.into_vec(), full.needs, "needs of {at}");
                    let brief = cx.brief(n);
                    assert_eq!(brief.status, full.status, "brief status of {at}");
                    assert_eq!(brief.gap, full.gap, "brief gap of {at}");
                    assert_eq!(brief.progress, full.progress, "brief progress of {at}");
                    assert_eq!(brief.needs.into_vec(), full.needs, "brief needs of {at}");
                    if let Rule::Score(s) = &n.rule {
                        let mut items = Vec::new();
                        for it in &s.items {
                            banded(it, &mut items);
                        }
                        for (bands, otherwise) in items {
                            let (lo, hi, needs) = cx.bands(bands, otherwise);
                            let fast = (lo, hi, needs.into_vec());
                            assert_eq!(fast, bands_by_cond(&cx, bands, otherwise), "bands of {at}");
                            checked += 1;
                        }
                    }
                    checked += 1;
                }
            }
        }
    }
    checked
}

/// Places that lie in one another, so that a generated profile is read rather than refused.
const PLACES: &[(&str, &str, Option<&str>)] = &[
    ("fujian", "xiamen", Some("huli")),
    ("fujian", "fuzhou", None),
    ("chongqing", "chongqing", Some("liangjiang")),
    ("guangdong", "shenzhen", Some("nanshan")),
    ("shaanxi", "xian", Some("gaoxin-xian")),
    ("liaoning", "shenyang", None),
    ("beijing", "beijing", None),
];

/// A figure: often absent or 0, otherwise spread from small to large amounts, in cents.
fn figure() -> impl Strategy<Value = Option<i64>> {
    prop_oneof![
        3 => Just(None),
        1 => Just(Some(0)),
        3 => (0i64..200_000).prop_map(Some),
        3 => (0i64..200_000_000).prop_map(Some),
        1 => (0i64..20_000_000_000).prop_map(Some),
    ]
}

fn number(cents: i64, unit: Unit) -> Value {
    match unit {
        // Counts are whole and at most 10^8 (a bound that keeps parts within their wholes).
        Unit::Count => json!((cents / 100).min(100_000_000)),
        _ if cents % 100 == 0 => json!(cents / 100),
        _ => json!(cents as f64 / 100.0),
    }
}

fn date() -> impl Strategy<Value = String> {
    (2005i32..2027, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}"))
}

fn pick<T: Clone + std::fmt::Debug + 'static>(list: Vec<T>) -> impl Strategy<Value = Option<T>> {
    prop::option::of(prop::sample::select(list))
}

/// Every declaration and self-assessed item of the bundled packs, by key, with an item's max.
fn keys(packs: &[Pack]) -> (Vec<String>, Vec<(String, Num)>) {
    let mut declared = Vec::new();
    let mut scored = Vec::new();
    for v in packs.iter().flat_map(|p| p.versions.iter()) {
        declared.extend(reads::declarations(v).iter().map(|d| d.key.to_string()));
        scored.extend(reads::self_scored(v).into_iter().map(|s| (s.key, s.max)));
    }
    declared.sort();
    declared.dedup();
    (declared, scored)
}

/// A profile in the contract's JSON: any field may be absent, figures are often 0, parts never
/// exceed their wholes, and certifications, declarations and self-assessed points are those the
/// bundled packs ask about.
fn profile(declared: Vec<String>, scored: Vec<(String, Num)>) -> impl Strategy<Value = Value> {
    let year = prop::collection::vec(figure(), YearField::ALL.len());
    let years = prop::collection::vec(prop::option::weighted(0.7, year), 14);
    let scalars = prop::collection::vec(figure(), ScalarField::ALL.len());
    let words = |list: &'static [vocab::Word]| pick(list.iter().map(|w| w.slug).collect());
    let categories = (
        pick(PLACES.to_vec()),
        words(vocab::INDUSTRIES),
        words(vocab::HNTE_DOMAINS),
        words(vocab::XIAN_CHAINS),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<bool>()),
    );
    let dates = (
        prop::option::of(date()),
        prop::option::of(date()),
        prop::option::of(date()),
    );
    let cert = (
        prop::sample::select(CertKind::ALL.to_vec()),
        date(),
        prop::option::of(date()),
    );
    let certs = prop::option::of(prop::collection::vec(cert, 0..4));
    let n_declared = declared.len();
    let n_scored = scored.len();
    let answers = prop::collection::vec(0u8..3, n_declared);
    let points = prop::collection::vec(prop::option::of(0u32..=100), n_scored);
    (years, scalars, categories, dates, certs, answers, points).prop_map(
        move |(years, scalars, categories, dates, certs, answers, points)| {
            let mut p = Map::new();
            let mut ys = Map::new();
            for (i, figs) in years.into_iter().enumerate() {
                let Some(mut figs) = figs else { continue };
                for &(part, whole) in YEAR_PARTS {
                    if let (Some(a), Some(b)) = (figs[part as usize], figs[whole as usize]) {
                        figs[whole as usize] = Some(a.max(b));
                    }
                }
                let mut y = Map::new();
                for (f, v) in YearField::ALL.iter().zip(figs) {
                    let Some(v) = v else { continue };
                    // Profits may be losses.
                    let v = if f.may_be_negative() {
                        v - 5_000_000
                    } else {
                        v
                    };
                    y.insert(f.slug().into(), number(v, f.unit()));
                }
                ys.insert((2013 + i).to_string(), Value::Object(y));
            }
            p.insert("years".into(), Value::Object(ys));
            let mut scalars = scalars;
            for &(part, whole) in SCALAR_PARTS {
                if let (Some(a), Some(b)) = (scalars[part as usize], scalars[whole as usize]) {
                    scalars[whole as usize] = Some(a.max(b));
                }
            }
            let (mut ip, mut center) = (Map::new(), Map::new());
            for (f, v) in ScalarField::ALL.iter().zip(scalars) {
                let Some(v) = v else { continue };
                // Percentages and 100-point scores lie between 0 and 100.
                let v = match f.unit() {
                    Unit::Percent | Unit::Points => v % 10_001,
                    _ => v,
                };
                let n = number(v, f.unit());
                match f.slug().split_once('.') {
                    Some(("ip", k)) => ip.insert(k.into(), n),
                    Some((_, k)) => center.insert(k.into(), n),
                    None => p.insert(f.slug().into(), n),
                };
            }
            let (place, industry, domain, chain, designated, sme) = categories;
            if let Some((province, city, district)) = place {
                p.insert("province".into(), json!(province));
                p.insert("city".into(), json!(city));
                if let Some(d) = district {
                    p.insert("district".into(), json!(d));
                }
            }
            for (key, v) in [
                ("industry", industry),
                ("hnte_domain", domain),
                ("xian_chain", chain),
            ] {
                if let Some(v) = v {
                    p.insert(key.into(), json!(v));
                }
            }
            for (key, v) in [("designated_size", designated), ("sme", sme)] {
                if let Some(v) = v {
                    p.insert(key.into(), json!(v));
                }
            }
            let (registered, niche, established) = dates;
            for (key, v) in [("registered_on", registered), ("niche_since", niche)] {
                if let Some(v) = v {
                    p.insert(key.into(), json!(v));
                }
            }
            if let Some(d) = established {
                center.insert("established_on".into(), json!(d));
            }
            p.insert("ip".into(), Value::Object(ip));
            p.insert("center".into(), Value::Object(center));
            if let Some(certs) = certs {
                let list: Vec<Value> = certs
                    .into_iter()
                    .map(|(kind, since, until)| {
                        // An end before the start is refused: such a certification has none.
                        let until = until.filter(|u| *u >= since);
                        json!({"kind": kind.slug(), "since": since, "until": until})
                    })
                    .collect();
                p.insert("certifications".into(), Value::Array(list));
            }
            let (mut confirmed, mut declined) = (Vec::new(), Vec::new());
            for (key, answer) in declared.iter().zip(answers) {
                match answer {
                    0 => confirmed.push(json!(key)),
                    1 => declined.push(json!(key)),
                    _ => {}
                }
            }
            p.insert("confirmations".into(), Value::Array(confirmed));
            p.insert("declined".into(), Value::Array(declined));
            let mut self_scores = Map::new();
            for ((key, max), points) in scored.iter().zip(points) {
                if let Some(points) = points {
                    let max = u32::try_from(max.floor()).unwrap_or(0);
                    self_scores.insert(key.clone(), json!(points % (max + 1)));
                }
            }
            p.insert("self_scores".into(), Value::Object(self_scores));
            Value::Object(p)
        },
    )
}

fn as_of() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
    (0u64..12 * 366).prop_map(move |days| first + chrono::Days::new(days))
}

fn packs() -> &'static [Pack] {
    use std::sync::OnceLock;
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(bundled::packs)
}

proptest! {
    #![proptest_config(Config { cases: 300, ..Config::default() })]

    #[test]
    fn the_fast_paths_agree_with_the_full_result(
        (json, as_of) in {
            let (declared, scored) = keys(packs());
            (profile(declared, scored), as_of())
        }
    ) {
        let profile = Profile::from_value(&json)
            .unwrap_or_else(|e| panic!("a generated profile is refused: {e}\n{json}"));
        prop_assert!(check_all(packs(), &profile, as_of) > 100);
    }
}

/// The golden cases' profiles and dates, which sit on and around the thresholds.
#[test]
fn the_fast_paths_agree_on_the_golden_profiles() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut cases = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let file: Value = serde_json::from_str(&text).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let profile = Profile::from_value(&case["profile"]).unwrap();
            let as_of = crate::parse_date(case["as_of"].as_str().unwrap()).unwrap();
            check_all(packs(), &profile, as_of);
            cases += 1;
        }
    }
    assert!(cases > 100, "only {cases} golden cases");
}
