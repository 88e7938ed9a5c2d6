//! `cargo xtask bench`'s screening figures: `qualify screen` over 1,000,000 generated template
//! rows, built for speed, every program, results written as CSV to /dev/null; its throughput in
//! profiles per second and its peak memory (resident set, as `/usr/bin/time` reports it).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::{proc, Repo, Result};

pub const ROWS: usize = 1_000_000;
/// The targets on the project's 2-core machine.
const TARGET_RATE: f64 = 200_000.0;
const TARGET_PEAK_MB: f64 = 200.0;

/// A deterministic xorshift generator, so every run screens the same rows.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: i64) -> i64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as i64
    }
}

const YEARS: [i32; 3] = [2025, 2024, 2023];
const YEAR_FIELDS: &[&str] = &[
    "revenue",
    "main_revenue",
    "tax_payable",
    "rd_expense",
    "net_profit",
    "net_assets",
    "total_assets",
    "hightech_income",
    "employees",
    "rd_staff",
    "st_staff",
];

/// Writes `rows` generated enterprises as a filled template (the engine bench's kind of
/// profile: five regions, figures across their ranges, parts within their wholes).
pub fn generate(path: &Path, rows: usize) -> Result<()> {
    let file = File::create(path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let mut w = BufWriter::new(file);
    let mut head = vec![
        "name".to_string(),
        "province".into(),
        "city".into(),
        "industry".into(),
        "designated_size".into(),
        "sme".into(),
        "hnte_domain".into(),
        "registered_on".into(),
        "niche_since".into(),
        "center.established_on".into(),
        "center.space_m2".into(),
        "center.equipment_on_premises_pct".into(),
        "ip.class1".into(),
        "ip.class1_self_developed".into(),
        "ip.class2".into(),
    ];
    for y in YEARS {
        head.extend(YEAR_FIELDS.iter().map(|f| format!("{y}.{f}")));
    }
    head.extend(["certifications.hnte".into(), "confirmations".into()]);
    let io = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    writeln!(w, "{}", head.join(",")).map_err(io)?;
    let cities = [
        ("fujian", "xiamen"),
        ("chongqing", "chongqing"),
        ("guangdong", "shenzhen"),
        ("shaanxi", "xian"),
        ("liaoning", "shenyang"),
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..rows {
        let (province, city) = cities[rng.below(cities.len() as i64) as usize];
        let class1 = rng.below(30);
        let mut line = format!(
            "firm {i},{province},{city},manufacturing,是,{},advanced-manufacturing,2011-05-20,\
             2016-03-01,2015-09-01,{},{},{class1},{},{}",
            if rng.below(2) == 0 { "是" } else { "否" },
            rng.below(4000),
            rng.below(101),
            class1 / 2,
            rng.below(60)
        );
        for _ in YEARS {
            let revenue = rng.below(900_000);
            let employees = 1 + rng.below(3000);
            let figures = [
                revenue,
                revenue * (50 + rng.below(51)) / 100,
                rng.below(9000),
                rng.below(revenue / 10 + 1),
                rng.below(40_000) - 8000,
                rng.below(200_000),
                1 + rng.below(400_000),
                revenue * rng.below(101) / 100,
                employees,
                employees * rng.below(60) / 100,
                employees * rng.below(80) / 100,
            ];
            for f in figures {
                line.push(',');
                line.push_str(&f.to_string());
            }
        }
        line.push_str(",2023-11-01,\"N5,N6\"");
        writeln!(w, "{line}").map_err(io)?;
    }
    w.flush().map_err(io)
}

fn target_dir(repo: &Repo) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => repo.root.join(dir),
        _ => repo.path("target"),
    }
}

pub fn run(repo: &Repo) -> Result<()> {
    proc::run(proc::cargo(&repo.root).args(["build", "--profile", "bench", "-p", "qualify-cli"]))?;
    let target = target_dir(repo);
    // Cargo puts the bench profile's binaries with the release ones.
    let bin = target.join("release").join("qualify");
    let data = target.join("bench-screen");
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let file = data.join(format!("template-{ROWS}.csv"));
    if !file.exists() {
        let t = Instant::now();
        generate(&file, ROWS)?;
        println!(
            "bench: generated {ROWS} template rows in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    let out = Command::new("/usr/bin/time")
        .args(["-f", "time: %e %U %S %M"])
        .arg(&bin)
        .args(["screen"])
        .arg(&file)
        .args(["--as-of", "2026-06-30", "--format", "csv"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| format!("cannot run /usr/bin/time (Debian's `time`): {e}"))?;
    let err = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("qualify screen failed: {err}"));
    }
    // Every generated row must be read and assessed, or the figure measures the wrong thing.
    let assessed = format!("{ROWS} enterprises assessed, 0 rows with problems skipped");
    if !err.contains(&assessed) {
        return Err(format!(
            "qualify screen did not assess every generated row:\n{err}"
        ));
    }
    let line = err
        .lines()
        .rev()
        .find(|l| l.starts_with("time: "))
        .ok_or("no figures from /usr/bin/time")?;
    let figures: Vec<f64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|w| w.parse().ok())
        .collect();
    let [secs, user, system, kb] = figures[..] else {
        return Err(format!("cannot read /usr/bin/time's figures in `{line}`"));
    };
    let rate = ROWS as f64 / secs.max(1e-3);
    let mb = kb / 1024.0;
    // On a shared machine the wall time counts the other processes too; the processor time
    // per profile does not.
    let cpu_us = (user + system) * 1e6 / ROWS as f64;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let verdict = |ok: bool| if ok { "within" } else { "OVER" };
    println!(
        "bench: screen {ROWS} template rows, all programs, CSV out, {cores} cores: {secs:.1} s, \
         {rate:.0} profiles/s (target {TARGET_RATE:.0}: {}), {cpu_us:.1} µs of processor time \
         per profile, peak memory {mb:.1} MB (target {TARGET_PEAK_MB:.0}: {})",
        if rate >= TARGET_RATE {
            "met"
        } else {
            "NOT met"
        },
        verdict(mb < TARGET_PEAK_MB)
    );
    Ok(())
}
