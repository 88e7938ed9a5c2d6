//! Screening's evaluation (`Mode::Screen`) leaves out goal-seek and what only a full result
//! shows; what screening reads must be the full evaluation's: each program's outcome and
//! closeness, each criterion's status and gap, and the inputs still needed, in their order.
//! Checked over generated profiles (figures absent at random, so that inputs go missing) and
//! dates, and over every profile of the golden cases.

use std::fs;
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::Config;
use qualify_engine::eval::Status;
use qualify_engine::{
    bundled, evaluate_in, parse_date, Assessment, Mode, Pack, Profile, Screening,
};
use serde_json::{json, Map, Value};

/// What screening reads of an assessment.
fn screened(a: &Assessment) -> Vec<Value> {
    a.programs
        .iter()
        .map(|p| {
            let criteria: Vec<Value> = p
                .criteria
                .iter()
                .map(|c| {
                    json!([
                        c.id,
                        c.check.status.slug(),
                        c.check.gap.map(|g| g.to_string())
                    ])
                })
                .collect();
            let not_met: Vec<&str> = p
                .criteria
                .iter()
                .filter(|c| c.check.status == Status::NotMet)
                .map(|c| c.id)
                .collect();
            let needs: Vec<String> = p.needs.iter().map(|n| n.to_string()).collect();
            json!({
                "program": p.id, "outcome": p.outcome.slug(), "closeness": p.closeness,
                "criteria": criteria, "not_met": not_met, "needs": needs,
            })
        })
        .collect()
}

fn agree(packs: &[Pack], profile: &Profile, as_of: chrono::NaiveDate) -> Result<(), String> {
    let full = evaluate_in(Mode::Full, packs, profile, as_of);
    let fast = evaluate_in(Mode::Screen, packs, profile, as_of);
    let (full, fast) = (screened(&full), screened(&fast));
    if full.len() != fast.len() {
        return Err(format!(
            "{} programs in full, {} in screen",
            full.len(),
            fast.len()
        ));
    }
    for (f, s) in full.iter().zip(&fast) {
        if f != s {
            return Err(format!("on {as_of}:\nfull   {f}\nscreen {s}"));
        }
    }
    Ok(())
}

const CITIES: &[(&str, &str)] = &[
    ("fujian", "xiamen"),
    ("chongqing", "chongqing"),
    ("guangdong", "shenzhen"),
    ("shaanxi", "xian"),
    ("liaoning", "shenyang"),
    ("beijing", "beijing"),
    ("anhui", "hefei"),
];

const YEAR_FIELDS: &[&str] = &[
    "revenue",
    "main_revenue",
    "tax_payable",
    "rd_expense",
    "rd_expense_domestic",
    "net_profit",
    "total_profit",
    "net_assets",
    "total_assets",
    "total_liabilities",
    "hightech_income",
    "new_product_revenue",
    "equity_financing",
    "total_costs",
    "employees",
    "rd_staff",
    "st_staff",
    "equipment_value",
    "tech_transfers",
];

const PARTS: &[(&str, &str)] = &[
    ("rd_staff", "employees"),
    ("st_staff", "employees"),
    ("rd_expense_domestic", "rd_expense"),
    ("main_revenue", "revenue"),
];

/// A profile from random numbers: each figure is present or absent, and its value spans
/// the ranges the bundled thresholds sit in.
fn profile_of(seed: &[u32], city: usize, sme: bool, class1: u32) -> Value {
    let mut n = seed.iter().copied().cycle();
    let mut next = move |max: u32| n.next().unwrap_or(0) % max.max(1);
    let mut years = Map::new();
    for y in 2020..=2026 {
        let mut fig = Map::new();
        let scale = [100, 10_000, 1_000_000][next(3) as usize];
        for f in YEAR_FIELDS {
            if next(5) != 0 {
                fig.insert((*f).into(), json!(next(scale)));
            }
        }
        // A part never exceeds its whole (the profile's reader refuses it).
        for (part, whole) in PARTS {
            if let (Some(w), Some(_)) = (fig.get(*whole).and_then(Value::as_u64), fig.get(*part)) {
                fig.insert((*part).into(), json!(w * u64::from(next(101)) / 100));
            }
        }
        years.insert(y.to_string(), Value::Object(fig));
    }
    let (province, city) = CITIES[city % CITIES.len()];
    let mut v = json!({
        "province": province, "city": city, "industry": "manufacturing",
        "designated_size": next(2) == 0, "sme": sme, "hnte_domain": "advanced-manufacturing",
        "registered_on": format!("{}-03-01", 2005 + next(20)),
        "niche_since": format!("{}-01-01", 2010 + next(15)),
        "years": years,
        "ip": {"class1": class1, "class1_self_developed": class1 / 2, "class1_high_value": class1 / 3,
               "class1_main_product": class1 / 2, "class2": next(60)},
        "center": {"established_on": "2016-01-01", "space_m2": next(4000), "equipment_on_premises_pct": next(101)},
        "certifications": [{"kind": "provincial-etc", "since": "2019-12-01"}],
        "confirmations": ["N5", "N6", "XM6"],
        "srdi_score": next(101), "niche_market_share": next(101)
    });
    // Whole parts absent too, so that the needs of every kind of rule come up.
    let o = v.as_object_mut().expect("an object");
    for key in [
        "ip",
        "center",
        "certifications",
        "confirmations",
        "srdi_score",
        "sme",
    ] {
        if next(4) == 0 {
            o.remove(key);
        }
    }
    v
}

proptest! {
    #![proptest_config(Config { cases: 64, ..Config::default() })]

    #[test]
    fn screening_reads_what_the_full_evaluation_finds(
        seed in prop::collection::vec(any::<u32>(), 40..80),
        city in 0usize..CITIES.len(),
        sme in any::<bool>(),
        class1 in 0u32..40,
        day in 0i64..1400,
    ) {
        let packs = bundled::packs();
        let profile = Profile::from_value(&profile_of(&seed, city, sme, class1))
            .expect("generated profiles are valid");
        let as_of = parse_date("2023-01-01").unwrap() + chrono::Duration::days(day);
        if let Err(e) = agree(&packs, &profile, as_of) {
            prop_assert!(false, "{}", e);
        }
    }
}

/// Every golden case's name, profile and day.
fn golden_cases() -> Vec<(String, Profile, chrono::NaiveDate)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut out = Vec::new();
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .collect();
    files.sort();
    for path in files {
        let file: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().into_iter().flatten() {
            let Ok(profile) = Profile::from_value(&case["profile"]) else {
                continue;
            };
            let as_of = parse_date(case["as_of"].as_str().unwrap()).unwrap();
            out.push((
                format!("{}: {}", path.display(), case["name"]),
                profile,
                as_of,
            ));
        }
    }
    out
}

#[test]
fn screening_agrees_on_every_golden_case() {
    let packs = bundled::packs();
    let cases = golden_cases();
    let mut errs = Vec::new();
    for (name, profile, as_of) in &cases {
        if let Err(e) = agree(&packs, profile, *as_of) {
            errs.push(format!("{name}: {e}"));
        }
    }
    assert!(cases.len() > 50, "only {} golden cases read", cases.len());
    assert!(errs.is_empty(), "{}", errs.join("\n\n"));
}

/// One `Screening` reused from case to case, over other days and profiles (other programs in
/// force, other criteria lacking inputs), gives each the assessment a fresh one gives.
#[test]
fn a_reused_screening_is_a_fresh_one() {
    let packs = bundled::packs();
    let mut cases = golden_cases();
    for i in 0u32..40 {
        let seed: Vec<u32> = (0..60)
            .map(|j| (i * 60 + j).wrapping_mul(2_654_435_761))
            .collect();
        let v = profile_of(&seed, i as usize, i % 2 == 0, i);
        let day = parse_date("2022-01-01").unwrap() + chrono::Duration::days(i64::from(i) * 97);
        cases.push((
            format!("generated {i}"),
            Profile::from_value(&v).unwrap(),
            day,
        ));
    }
    let mut screening = Screening::default();
    for (name, profile, as_of) in &cases {
        let fresh = evaluate_in(Mode::Screen, &packs, profile, *as_of);
        assert!(
            *screening.screen(&packs, profile, *as_of) == fresh,
            "{name} on {as_of}"
        );
    }
}
