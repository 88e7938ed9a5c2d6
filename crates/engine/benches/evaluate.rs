//! `cargo xtask bench`: time to evaluate every bundled program for one profile, and for 100,000
//! generated profiles. The target is under 20 µs per profile for all programs together.

use std::hint::black_box;
use std::time::Instant;

use qualify_engine::{bundled, evaluate, parse_date, Profile};
use serde_json::{json, Map};

const EXAMPLE: &str = include_str!("../tests/data/example-profile.json");

/// A deterministic xorshift generator, so every run measures the same profiles.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as i64
    }
}

fn generated(rng: &mut Rng) -> Profile {
    let cities = [
        ("fujian", "xiamen"),
        ("chongqing", "chongqing"),
        ("guangdong", "shenzhen"),
        ("shaanxi", "xian"),
        ("liaoning", "shenyang"),
    ];
    let (province, city) = cities[rng.below(cities.len() as i64) as usize];
    let mut years = Map::new();
    for y in 2022..=2025 {
        let employees = 1 + rng.below(3000);
        let revenue = rng.below(900_000);
        let rd = rng.below(revenue / 10 + 1);
        years.insert(
            y.to_string(),
            json!({
                "revenue": revenue, "main_revenue": revenue * (50 + rng.below(51)) / 100,
                "tax_payable": rng.below(9000), "rd_expense": rd, "rd_expense_domestic": rd,
                "net_profit": rng.below(40_000) - 8000, "total_profit": rng.below(40_000) - 8000,
                "net_assets": rng.below(200_000), "total_assets": 1 + rng.below(400_000),
                "total_liabilities": rng.below(300_000), "hightech_income": revenue * rng.below(101) / 100,
                "equity_financing": rng.below(9000), "total_costs": 1 + rng.below(800_000),
                "employees": employees, "rd_staff": employees * rng.below(60) / 100,
                "st_staff": employees * rng.below(80) / 100, "equipment_value": rng.below(30_000),
                "tech_transfers": rng.below(12)
            }),
        );
    }
    let class1 = rng.below(30);
    let value = json!({
        "province": province, "city": city, "industry": "manufacturing", "designated_size": true,
        "sme": rng.below(2) == 0, "hnte_domain": "advanced-manufacturing", "registered_on": "2011-05-20",
        "niche_since": "2016-03-01", "years": years,
        "ip": {"class1": class1, "class1_self_developed": class1 / 2, "class1_high_value": class1 / 4,
               "class1_main_product": class1 / 2, "class2": rng.below(60)},
        "center": {"established_on": "2015-09-01", "space_m2": rng.below(4000), "equipment_on_premises_pct": rng.below(101)},
        "certifications": [{"kind": "provincial-etc", "since": "2019-12-01"}, {"kind": "hnte", "since": "2023-11-01"}],
        "confirmations": ["N5", "N6", "XM6"]
    });
    Profile::from_value(&value).expect("generated profiles are valid")
}

fn main() {
    let packs = bundled::packs();
    let as_of = parse_date("2026-06-30").unwrap();
    let profile = Profile::from_json(EXAMPLE).unwrap();
    let criteria: usize = packs
        .iter()
        .filter_map(|p| p.version_on(as_of))
        .map(|v| v.criteria.len())
        .sum();
    println!(
        "bench: {} programs, {criteria} criteria in force on {as_of}",
        packs.len()
    );

    let rounds = 20_000;
    for _ in 0..1000 {
        black_box(evaluate(&packs, &profile, as_of));
    }
    let t = Instant::now();
    for _ in 0..rounds {
        black_box(evaluate(black_box(&packs), black_box(&profile), as_of));
    }
    let one = t.elapsed().as_secs_f64() * 1e6 / rounds as f64;
    println!("bench: one profile (contract example), all programs: {one:.2} µs per evaluation ({rounds} rounds)");

    let n = 100_000;
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let profiles: Vec<Profile> = (0..n).map(|_| generated(&mut rng)).collect();
    let t = Instant::now();
    let mut eligible = 0usize;
    for p in &profiles {
        let r = evaluate(&packs, p, as_of);
        eligible += r
            .programs
            .iter()
            .filter(|p| p.outcome.slug() == "eligible")
            .count();
    }
    let many = t.elapsed().as_secs_f64() * 1e6 / n as f64;
    println!("bench: {n} generated profiles, all programs: {many:.2} µs per profile ({eligible} eligible outcomes)");
    let target = 20.0;
    let verdict = if many <= target { "within" } else { "OVER" };
    println!("bench: target {target:.0} µs per profile: {verdict} target");
}
