//! Goal-seek for scores, on generated profiles: the changes a score names meet it, and none of
//! them can be smaller. Dropping any one, or taking one step (one unit, or 0.01) off any one,
//! leaves the score short, so every value sits exactly on a band's edge or a self-assessment's
//! least.

use qualify_engine::eval::{evaluate_version, set_input, Check, Fix, Status};
use qualify_engine::profile::Unit;
use qualify_engine::{bundled, parse_date, Num, Pack, Profile};
use serde_json::{json, Map, Value};

/// The scored criteria: HNTE's H8, the tech-based SME's TS6, the innovative SME's IN1 and the
/// 2022 专精特新 SP4.
const SCORED: &[(&str, &str)] = &[
    ("cn-hnte", "H8"),
    ("cn-tech-sme", "TS6"),
    ("cn-sme-innovative", "IN1"),
    ("cn-srdi", "SP4"),
];

/// xorshift: the same profiles on every run, so a failure can be read again.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn profile(r: &mut Rng) -> Value {
    let mut years = Map::new();
    for y in 2022..=2024 {
        let revenue = 500 + r.below(20_000);
        let employees = 10 + r.below(300);
        let assets = 1000 + r.below(10_000);
        let mut f = json!({
            "revenue": revenue,
            "main_revenue": revenue * (40 + r.below(61)) / 100,
            "rd_expense": revenue * r.below(12) / 100,
            "net_assets": 500 + r.below(8_000),
            "tech_transfers": r.below(7),
            "employees": employees,
            "st_staff": employees * r.below(45) / 100,
            "rd_staff": employees * r.below(30) / 100,
            "total_assets": assets,
            "total_liabilities": assets * r.below(90) / 100,
            "net_profit": revenue * r.below(15) / 100,
        });
        if r.chance(50) {
            f["total_costs"] = json!(revenue * (50 + r.below(50)) / 100);
        }
        years.insert(y.to_string(), f);
    }
    let mut scores = Map::new();
    for (key, max) in [
        ("H8.ip_advancement", 8),
        ("H8.ip_core_support", 8),
        ("H8.ip_acquisition", 6),
        ("H8.ip_standards", 2),
        ("H8.org_rd_system", 6),
        ("H8.org_rd_institution", 6),
        ("H8.org_transfer_incentives", 4),
        ("H8.org_talent", 4),
        ("SP4.special", 15),
    ] {
        if r.chance(70) {
            scores.insert(key.into(), json!(r.below(max + 1)));
        }
    }
    json!({
        "registered_on": "2015-03-01",
        "province": "fujian", "city": "xiamen", "industry": "manufacturing",
        "years": years,
        "ip": {"class1": r.below(3), "class2": r.below(8)},
        "self_scores": scores,
    })
}

/// The check of a criterion's score: the criterion's own, or the part that is a score.
fn score_check<'a>(c: &'a Check<'a>) -> &'a Check<'a> {
    if c.parts.is_empty() {
        return c;
    }
    c.parts
        .iter()
        .map(|p| &p.check)
        .find(|p| p.unit == Some(Unit::Points) && p.parts.is_empty())
        .expect("the criterion has a score")
}

fn score_status(pack: &Pack, p: &Profile, id: &str) -> Status {
    let as_of = parse_date("2025-06-30").unwrap();
    let r = evaluate_version(pack, pack.version_on(as_of).unwrap(), p, as_of);
    let c = r.criteria.iter().find(|c| c.id == id).unwrap();
    score_check(&c.check).status
}

fn applied(p: &Profile, fixes: &[Fix]) -> Profile {
    let mut p = p.clone();
    for f in fixes {
        assert!(set_input(&mut p, &f.input, f.value), "{}", f.input);
    }
    p
}

/// One step less of a change: one unit for counts and points, 0.01 for amounts and percents.
fn smaller(f: &Fix) -> Option<Fix> {
    let step = match f.input.unit()? {
        Unit::Count | Unit::Points | Unit::Years => Num::ONE,
        _ => Num::ratio(1, 100).unwrap(),
    };
    let down = f.change.is_none_or(|c| !c.is_negative());
    let value = if down {
        f.value.checked_sub(step)?
    } else {
        f.value.checked_add(step)?
    };
    (!value.is_negative()).then(|| Fix { value, ..f.clone() })
}

#[test]
fn score_answers_meet_the_score_and_none_can_be_smaller() {
    let packs = bundled::packs();
    let as_of = parse_date("2025-06-30").unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut answered = vec![0; SCORED.len()];
    for _ in 0..400 {
        let value = profile(&mut rng);
        let p = Profile::from_value(&value).unwrap();
        for (n, (pack_id, id)) in SCORED.iter().enumerate() {
            let pack = packs.iter().find(|p| p.id == *pack_id).unwrap();
            let r = evaluate_version(pack, pack.version_on(as_of).unwrap(), &p, as_of);
            let c = r.criteria.iter().find(|c| c.id == *id).unwrap();
            let score = score_check(&c.check);
            if score.status == Status::Met || score.fix.is_empty() {
                continue;
            }
            answered[n] += 1;
            let fixes = &score.fix;
            let at = format!("{id} from {value}, with {fixes:?}");
            assert_eq!(
                score_status(pack, &applied(&p, fixes), id),
                Status::Met,
                "{at}"
            );
            for (i, f) in fixes.iter().enumerate() {
                let mut without: Vec<Fix> = fixes.clone();
                without.remove(i);
                assert_ne!(
                    score_status(pack, &applied(&p, &without), id),
                    Status::Met,
                    "{at}: met without {}",
                    f.input
                );
                if let Some(less) = smaller(f) {
                    without.insert(i, less);
                    assert_ne!(
                        score_status(pack, &applied(&p, &without), id),
                        Status::Met,
                        "{at}: met with one step less of {}",
                        f.input
                    );
                }
            }
        }
    }
    // The generated profiles must reach every score's answer often enough to test it.
    for (n, (_, id)) in SCORED.iter().enumerate() {
        assert!(answered[n] >= 20, "{id}: only {} answers", answered[n]);
    }
}
