//! No input of any kind makes the engine panic, and moving a figure towards a threshold never
//! turns `met` into `not-met`. Property tests with a fixed number of cases stand in for a fuzzer
//! run for a bounded time.

use proptest::prelude::*;
use proptest::test_runner::Config;
use qualify_engine::pack::{Measure, Op, Rule, Threshold};
use qualify_engine::profile::{ScalarField, YearField};
use qualify_engine::{bundled, evaluate, parse_date, Num, Pack, Profile, Status};
use serde_json::{json, Map, Value};

const EXAMPLE: &str = include_str!("data/example-profile.json");

/// Keys and words the formats use, so that generated documents get past the first check.
const WORDS: &[&str] = &[
    "schema",
    "qualify.profile/1",
    "qualify.pack/1",
    "years",
    "2024",
    "2023",
    "revenue",
    "rd_expense",
    "rd_staff",
    "employees",
    "ip",
    "class1",
    "center",
    "space_m2",
    "certifications",
    "kind",
    "since",
    "until",
    "hnte",
    "provincial-etc",
    "confirmations",
    "province",
    "fujian",
    "city",
    "xiamen",
    "industry",
    "manufacturing",
    "id",
    "name",
    "zh",
    "en",
    "level",
    "municipal",
    "versions",
    "effective_from",
    "2025-02-30",
    "2024-01-01",
    "criteria",
    "rule",
    "compare",
    "measure",
    "field",
    "year",
    "op",
    ">=",
    "threshold",
    "unit",
    "wan",
    "ratio",
    "growth",
    "method",
    "mean-ratio",
    "mean-ratio-zero-years",
    "cagr",
    "score",
    "items",
    "bands",
    "gte",
    "points",
    "pass",
    "value",
    "any",
    "all",
    "of",
    "switch",
    "cases",
    "when",
    "then",
    "otherwise",
    "declared",
    "unpublished",
    "note",
    "sources",
    "doc",
    "source",
    "confidence",
    "3P",
    "label",
    "issuer",
    "self_scores",
    "declined",
];

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|i| json!(i)),
        (-1e12f64..1e12).prop_map(|f| json!(f)),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-z0-9 .\\-]{0,10}".prop_map(Value::String),
        prop::sample::select(WORDS).prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(5, 80, 8, |inner| {
        let key = prop_oneof![
            prop::sample::select(WORDS).prop_map(String::from),
            "[a-z_]{1,8}".prop_map(String::from),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key, inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Replaces or deletes one value somewhere inside `v`, steered by `path`.
fn mutate(v: &mut Value, path: &[usize], replacement: Option<Value>) {
    let mut cur = v;
    for (depth, step) in path.iter().enumerate() {
        let last = depth + 1 == path.len();
        let is_leaf = match &*cur {
            Value::Object(m) => m.is_empty(),
            Value::Array(a) => a.is_empty(),
            _ => true,
        };
        if is_leaf {
            if let Some(r) = replacement {
                *cur = r;
            }
            return;
        }
        if let Value::Object(m) = cur {
            let key = m.keys().nth(step % m.len()).unwrap().clone();
            if last {
                match replacement {
                    Some(r) => m.insert(key, r),
                    None => m.remove(&key),
                };
                return;
            }
            cur = m.get_mut(&key).unwrap();
        } else if let Value::Array(a) = cur {
            let i = step % a.len();
            if last {
                match replacement {
                    Some(r) => a[i] = r,
                    None => {
                        a.remove(i);
                    }
                }
                return;
            }
            cur = &mut a[i];
        }
    }
}

fn as_of() -> chrono::NaiveDate {
    parse_date("2025-06-30").unwrap()
}

proptest! {
    #![proptest_config(Config { cases: 400, ..Config::default() })]

    #[test]
    fn any_text_is_an_error_or_a_profile(s in "\\PC{0,200}") {
        let _ = Profile::from_json(&s);
        let _ = Pack::from_json(&s);
    }

    #[test]
    fn any_json_is_an_error_or_a_profile(v in arb_json()) {
        if let Ok(p) = Profile::from_value(&v) {
            let packs = bundled::packs();
            let _ = evaluate(&packs, &p, as_of());
        }
        let _ = Pack::from_value(&v);
    }

    /// The strict reader of text against serde_json's: whatever it accepts reads as the same
    /// profile from the value serde_json makes of the text.
    #[test]
    fn the_strict_reader_agrees_with_serde_json(v in arb_json()) {
        let text = v.to_string();
        if let Ok(p) = Profile::from_json(&text) {
            let again: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(Ok(p), Profile::from_value(&again));
        }
    }

    /// Within the number rule (15 significant digits, 6 places) a figure reads as exactly the
    /// decimal written, through the reader's 64-bit float.
    #[test]
    fn figures_within_the_rule_read_exactly(
        places in 0u32..=6,
        digits in 1u32..=15,
        seed in any::<u64>(),
        negative in any::<bool>(),
    ) {
        let digits = digits.min(10 + places);
        let m = seed % 10u64.pow(digits);
        let p = 10u64.pow(places);
        let sign = if negative { "-" } else { "" };
        let literal = if places == 0 {
            format!("{sign}{m}")
        } else {
            format!("{sign}{}.{:0width$}", m / p, m % p, width = places as usize)
        };
        let text = format!(r#"{{"years": {{"2024": {{"net_profit": {literal}}}}}}}"#);
        let read = Profile::from_json(&text);
        prop_assert!(read.is_ok(), "{}: {:?}", literal, read);
        let read = read.unwrap();
        prop_assert_eq!(
            read.year(2024, YearField::NetProfit),
            Num::parse_decimal(&literal),
            "{}", literal
        );
    }

    #[test]
    fn mutated_profiles_never_panic(
        path in prop::collection::vec(any::<usize>(), 1..5),
        replacement in prop::option::of(arb_json()),
    ) {
        let mut v: Value = serde_json::from_str(EXAMPLE).unwrap();
        mutate(&mut v, &path, replacement);
        if let Ok(p) = Profile::from_value(&v) {
            let packs = bundled::packs();
            let result = evaluate(&packs, &p, as_of());
            let _ = serde_json::to_string(&result).unwrap();
        }
    }

    #[test]
    fn mutated_packs_never_panic(
        which in any::<usize>(),
        path in prop::collection::vec(any::<usize>(), 1..8),
        replacement in prop::option::of(arb_json()),
    ) {
        let (_, text) = bundled::FILES[which % bundled::FILES.len()];
        let mut v: Value = serde_json::from_str(text).unwrap();
        mutate(&mut v, &path, replacement);
        if let Ok(pack) = Pack::from_value(&v) {
            let profile = Profile::from_json(EXAMPLE).unwrap();
            let packs = [pack];
            for day in ["2016-01-01", "2022-09-01", "2025-06-30", "2026-06-30"] {
                let _ = evaluate(&packs, &profile, parse_date(day).unwrap());
            }
            let _ = evaluate(&packs, &Profile::default(), as_of());
        }
    }
}

/// An input a compare reads: a year figure or a scalar, and whether raising it helps.
type Lever = (Option<(i32, YearField)>, Option<ScalarField>, bool);

/// The inputs a top-level compare reads directly, with the direction that helps.
fn simple_inputs(m: &Measure, op: Op, year: i32) -> Vec<Lever> {
    let up = op == Op::Ge || op == Op::Gt;
    match m {
        Measure::Year { field, year: off } => vec![(Some((year + off, *field)), None, up)],
        Measure::Years {
            field, from, to, ..
        } => (year + from..=year + to)
            .map(|y| (Some((y, *field)), None, up))
            .collect(),
        Measure::Scalar(f) => vec![(None, Some(*f), up)],
        Measure::Ratio(a, b) => {
            let mut v = simple_inputs(a, op, year);
            v.extend(simple_inputs(b, if up { Op::Le } else { Op::Ge }, year));
            v
        }
        _ => vec![],
    }
}

fn random_profile(seed: u64) -> Value {
    let mut s = seed | 1;
    let mut next = move |max: i64| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % max as u64) as i64
    };
    let mut years = Map::new();
    for y in 2021..=2025 {
        let employees = 1 + next(2000);
        let revenue = next(500_000);
        let rd = next(20_000);
        years.insert(
            y.to_string(),
            json!({
                "revenue": revenue, "main_revenue": revenue * next(101) / 100,
                "tax_payable": next(5000), "rd_expense": rd, "rd_expense_domestic": rd * next(101) / 100,
                "net_profit": next(20000) - 5000, "total_profit": next(20000) - 5000,
                "net_assets": next(100_000), "total_assets": next(300_000), "total_liabilities": next(300_000),
                "hightech_income": revenue * next(101) / 100, "new_product_revenue": next(100_000),
                "equity_financing": next(10_000), "total_costs": next(400_000),
                "employees": employees, "rd_staff": employees * next(101) / 100,
                "st_staff": employees * next(101) / 100, "equipment_value": next(10_000),
                "tech_transfers": next(10)
            }),
        );
    }
    let class1 = next(20);
    json!({
        "province": "fujian", "city": "xiamen", "industry": "manufacturing",
        "designated_size": true, "sme": next(2) == 0, "hnte_domain": "new-materials",
        "registered_on": "2010-03-01", "niche_since": "2015-01-01",
        "years": years,
        "ip": {"class1": class1, "class1_self_developed": class1 / 2, "class1_high_value": class1 / 3,
               "class1_main_product": class1 / 2, "class2": next(50)},
        "center": {"established_on": "2016-01-01", "space_m2": next(3000), "equipment_on_premises_pct": next(101)},
        "certifications": [], "srdi_score": next(101), "niche_market_share": next(101)
    })
}

#[test]
fn moving_towards_a_threshold_never_breaks_a_met_criterion() {
    let packs = bundled::packs();
    let day = as_of();
    let mut checked = 0;
    for seed in 1..200u64 {
        let base = random_profile(seed * 7919);
        let before_profile = Profile::from_value(&base).unwrap();
        let before = evaluate(&packs, &before_profile, day);
        for (pack, result) in packs.iter().zip(&before.programs) {
            let version = pack.version_on(day).unwrap();
            for (c, r) in version.criteria.iter().zip(&result.criteria) {
                let Rule::Compare {
                    measure,
                    op,
                    threshold: Threshold::Fixed(_),
                    ..
                } = &c.rule.rule
                else {
                    continue;
                };
                if r.check.status != Status::Met {
                    continue;
                }
                for (year_input, scalar, up) in simple_inputs(measure, *op, 2025) {
                    let mut moved = base.clone();
                    let slot = match (year_input, scalar) {
                        (Some((y, f)), _) => &mut moved["years"][y.to_string()][f.slug()],
                        (_, Some(f)) => {
                            let (group, key) = f.slug().split_once('.').unwrap_or(("", f.slug()));
                            if group.is_empty() {
                                &mut moved[key]
                            } else {
                                &mut moved[group][key]
                            }
                        }
                        _ => continue,
                    };
                    let Some(v) = slot.as_i64() else { continue };
                    *slot = json!(if up {
                        v + 1 + v / 10
                    } else {
                        (v - 1 - v / 10).max(0)
                    });
                    // Moving one figure can break a cross-field rule (R&D staff above
                    // employees); such a profile is rejected, not mis-assessed.
                    let Ok(after_profile) = Profile::from_value(&moved) else {
                        continue;
                    };
                    let after = evaluate(std::slice::from_ref(pack), &after_profile, day);
                    let after_status = after.programs[0]
                        .criteria
                        .iter()
                        .find(|x| x.id == c.id)
                        .unwrap()
                        .check
                        .status;
                    assert_ne!(
                        after_status,
                        Status::NotMet,
                        "{} {} seed {seed}",
                        pack.id,
                        c.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 100, "only {checked} moves checked");
}

#[test]
fn exact_boundaries_hold_for_every_fixed_threshold() {
    // For each top-level compare on one year figure or scalar: at the threshold, one step short
    // of it and one step past it, the status is exactly what the operator says.
    let packs = bundled::packs();
    let day = as_of();
    let mut checked = 0;
    for pack in &packs {
        let version = pack.version_on(day).unwrap_or(&pack.versions[0]);
        let day = version
            .effective_from
            .max(day.min(version.effective_until.unwrap_or(day)));
        for c in &version.criteria {
            let Rule::Compare {
                measure,
                op,
                threshold: Threshold::Fixed(t),
                ..
            } = &c.rule.rule
            else {
                continue;
            };
            let (path, unit_step) = match measure {
                Measure::Year { field, year } => (
                    format!(
                        "years.{}.{}",
                        chrono::Datelike::year(&day) + year,
                        field.slug()
                    ),
                    field.unit(),
                ),
                Measure::Scalar(f) => (f.slug().to_string(), f.unit()),
                _ => continue,
            };
            let step = if unit_step == qualify_engine::profile::Unit::Count {
                Num::ONE
            } else {
                Num::ratio(1, 100).unwrap()
            };
            for (value, delta) in [
                (t.checked_sub(step).unwrap(), -1),
                (*t, 0),
                (t.checked_add(step).unwrap(), 1),
            ] {
                if value.is_negative() {
                    continue;
                }
                let mut v = json!({});
                let parts: Vec<&str> = path.split('.').collect();
                let mut cur = &mut v;
                for p in &parts[..parts.len() - 1] {
                    cur = cur
                        .as_object_mut()
                        .unwrap()
                        .entry(p.to_string())
                        .or_insert(json!({}));
                }
                cur[parts[parts.len() - 1]] = serde_json::to_value(value).unwrap();
                let Ok(profile) = Profile::from_value(&v) else {
                    continue;
                };
                let r = evaluate(std::slice::from_ref(pack), &profile, day);
                let got = r.programs[0]
                    .criteria
                    .iter()
                    .find(|x| x.id == c.id)
                    .unwrap()
                    .check
                    .status;
                let want = match (op, delta) {
                    (Op::Ge, d) => d >= 0,
                    (Op::Gt, d) => d > 0,
                    (Op::Le, d) => d <= 0,
                    (Op::Lt, d) => d < 0,
                    (Op::Eq, d) => d == 0,
                };
                let want = if want { Status::Met } else { Status::NotMet };
                assert_eq!(
                    got, want,
                    "{} {} at {value} ({path} {op:?} {t})",
                    pack.id, c.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 9, "only {checked} boundary checks");
}
