//! `cargo xtask bench`: time to evaluate every bundled program for one profile, and for 100,000
//! generated profiles, in the full evaluation and in screening's (`Mode::Screen`, and
//! `Screening` one assessment reused, as `qualify screen` does). Issue 21's target is a
//! median of 5 µs per profile for all programs together.
//!
//! With `BENCH_COUNT=n` it times nothing and counts instead, over `n` generated profiles, the
//! memory allocations per profile in each mode: a figure the machine's load does not move.
//! Run under `valgrind --tool=callgrind`, the inclusive cost of `count_full` and `count_screen`
//! (and `count_reused`) is each mode's instructions for those profiles.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use qualify_engine::{
    bundled, evaluate_in, parse_date, Assessment, Mode, Outcome, Pack, Profile, Screening,
};
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
        for run in RUNS {
            let before = ALLOCATIONS.load(Ordering::Relaxed);
            let eligible = match run {
                Run::Full => count_full(&packs, &profiles, as_of),
                Run::Screen => count_screen(&packs, &profiles, as_of),
                Run::Reused => count_reused(&packs, &profiles, as_of),
            };
            let per = (ALLOCATIONS.load(Ordering::Relaxed) - before) as f64 / n as f64;
            println!(
                "bench: {}: {n} generated profiles: {per:.1} allocations per profile ({eligible} eligible outcomes)",
                run.name()
            );
        }
        return;
    }
    for run in RUNS {
        let name = run.name();
        let one = example_median(&packs, &profile, as_of, run);
        println!("bench: {name}: one profile (contract example), all programs: median {one:.2} µs per evaluation");
        let (median, mean, eligible) = generated_times(&packs, &profiles, as_of, run);
        println!(
            "bench: {name}: {n} generated profiles, all programs: median {median:.2} µs, mean {mean:.2} µs per profile ({eligible} eligible outcomes)"
        );
        let verdict = if median <= TARGET { "within" } else { "OVER" };
        println!("bench: {name}: target {TARGET:.0} µs per profile (median): {verdict} target");
    }
}

/// Issue 21's target for all programs and one profile.
const TARGET: f64 = 5.0;

/// The ways to evaluate that are measured.
#[derive(Clone, Copy)]
enum Run {
    Full,
    /// `Mode::Screen`, a fresh assessment each time.
    Screen,
    /// Screening into one assessment reused from profile to profile, as `qualify screen` does.
    Reused,
}

const RUNS: [Run; 3] = [Run::Full, Run::Screen, Run::Reused];

impl Run {
    fn name(self) -> &'static str {
        match self {
            Run::Full => "full",
            Run::Screen => "screen",
            Run::Reused => "screen, reused",
        }
    }

    /// Evaluates `profile`; returns the eligible outcomes.
    fn eligible<'p>(
        self,
        screening: &mut Screening<'p>,
        packs: &'p [Pack],
        profile: &Profile,
        as_of: NaiveDate,
    ) -> usize {
        let eligible = |a: &Assessment| {
            a.programs
                .iter()
                .filter(|p| p.outcome == Outcome::Eligible)
                .count()
        };
        match self {
            Run::Full => eligible(&evaluate_in(Mode::Full, packs, profile, as_of)),
            Run::Screen => eligible(&evaluate_in(Mode::Screen, packs, profile, as_of)),
            Run::Reused => eligible(screening.screen(packs, profile, as_of)),
        }
    }
}

/// The median of 21 batches of 1,000 evaluations, per evaluation, in µs.
fn example_median(packs: &[Pack], profile: &Profile, as_of: NaiveDate, run: Run) -> f64 {
    let mut a = Screening::default();
    for _ in 0..1000 {
        black_box(run.eligible(&mut a, packs, profile, as_of));
    }
    let rounds = 1000;
    let mut batches: Vec<f64> = (0..21)
        .map(|_| {
            let t = Instant::now();
            for _ in 0..rounds {
                black_box(run.eligible(&mut a, black_box(packs), black_box(profile), as_of));
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
    run: Run,
) -> (f64, f64, usize) {
    let mut a = Screening::default();
    let mut eligible = 0usize;
    let mut times = Vec::with_capacity(profiles.len());
    let all = Instant::now();
    for p in profiles {
        let t = Instant::now();
        eligible += run.eligible(&mut a, packs, p, as_of);
        times.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let mean = all.elapsed().as_secs_f64() * 1e6 / profiles.len() as f64;
    (median(&mut times), mean, eligible)
}

#[inline(never)]
fn count_full(packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    count(Run::Full, packs, profiles, as_of)
}

#[inline(never)]
fn count_screen(packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    count(Run::Screen, packs, profiles, as_of)
}

#[inline(never)]
fn count_reused(packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    count(Run::Reused, packs, profiles, as_of)
}

fn count(run: Run, packs: &[Pack], profiles: &[Profile], as_of: NaiveDate) -> usize {
    let mut a = Screening::default();
    profiles
        .iter()
        .map(|p| run.eligible(&mut a, packs, p, as_of))
        .sum()
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}
