//! `cargo xtask bench`: time to evaluate every bundled program for one profile, and for 100,000
//! generated profiles, in the full evaluation and in screening's (`Mode::Screen`). Issue 21's
//! target is a median of 5 µs per profile for all programs together.
//!
//! With `BENCH_COUNT=n` it times nothing and counts instead, over `n` generated profiles, the
//! memory allocations per profile in each mode: a figure the machine's load does not move.
//! Run under `valgrind --tool=callgrind`, the inclusive cost of `count_full` and `count_screen`
//! is each mode's instructions for those profiles.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use qualify_engine::{bundled, evaluate_in, parse_date, Mode, Outcome, Pack, Profile};
use serde_json::{json, Map};

/// The system allocator, counting allocations (a `realloc` counts as one).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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

    let count: Option<usize> = std::env::var("BENCH_COUNT")
        .ok()
        .and_then(|n| n.parse().ok());
    let n = count.unwrap_or(100_000);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let profiles: Vec<Profile> = (0..n).map(|_| generated(&mut rng)).collect();
    if count.is_some() {
        let before = ALLOCATIONS.load(Ordering::Relaxed);
        let full = count_full(&packs, &profiles, as_of);
        let middle = ALLOCATIONS.load(Ordering::Relaxed);
        let screen = count_screen(&packs, &profiles, as_of);
        let after = ALLOCATIONS.load(Ordering::Relaxed);
        for (name, allocations, eligible) in [
            ("full", middle - before, full),
            ("screen", after - middle, screen),
        ] {
            let per = allocations as f64 / n as f64;
            println!("bench: {name}: {n} generated profiles: {per:.1} allocations per profile ({eligible} eligible outcomes)");
        }
        return;
    }
    for mode in [Mode::Full, Mode::Screen] {
        let name = match mode {
            Mode::Full => "full",
            Mode::Screen => "screen",
        };
        let one = example_median(&packs, &profile, as_of, mode);
        println!("bench: {name}: one profile (contract example), all programs: median {one:.2} µs per evaluation");
        let (median, mean, eligible) = generated_times(&packs, &profiles, as_of, mode);
        println!(
            "bench: {name}: {n} generated profiles, all programs: median {median:.2} µs, mean {mean:.2} µs per profile ({eligible} eligible outcomes)"
        );
        let verdict = if median <= TARGET { "within" } else { "OVER" };
        println!("bench: {name}: target {TARGET:.0} µs per profile (median): {verdict} target");
    }
}

/// Issue 21's target for all programs and one profile.
const TARGET: f64 = 5.0;

/// The median of 21 batches of 1,000 evaluations, per evaluation, in µs.
fn example_median(packs: &[Pack], profile: &Profile, as_of: NaiveDate, mode: Mode) -> f64 {
    for _ in 0..1000 {
        black_box(evaluate_in(mode, packs, profile, as_of));
    }
    let rounds = 1000;
    let mut batches: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..rounds {
                black_box(evaluate_in(
                    mode,
                    black_box(packs),
                    black_box(profile),
                    as_of,
                ));
            }
            t.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
        })
        .collect();
    median(&mut batches)
}

/// The median and mean time per generated profile, in µs, and the eligible outcomes.
fn generated_times(
    packs: &[Pack],
    profiles: &[Profile],
    as_of: NaiveDate,
    mode: Mode,
) -> (f64, f64, usize) {
    let mut eligible = 0usize;
    let mut times = Vec::with_capacity(profiles.len());
    let all = Instant::now();
    for p in profiles {
        let t = Instant::now();
        let r = evaluate_in(mode, packs, p, as_of);
        eligible += r
            .programs
            .iter()
            .filter(|p| p.outcome == Outcome::Eligible)
            .count();
        drop(r);
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let mean = all.elapsed().as_secs_f64() * 1e6 / profiles.len() as f64;
    (median(&mut times), mean, eligible)
}

#[inline(never)]
fn count_full(packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    eligible_in(Mode::Full, packs, profiles, as_of)
}

#[inline(never)]
fn count_screen(packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    eligible_in(Mode::Screen, packs, profiles, as_of)
}

fn eligible_in(mode: Mode, packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    profiles
        .iter()
        .map(|p| {
            evaluate_in(mode, packs, p, as_of)
                .programs
                .iter()
                .filter(|p| p.outcome == Outcome::Eligible)
                .count()
        })
        .sum()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
