//! `cargo xtask test`: every test layer in order, cheapest first, stopping at the first failure,
//! then a summary with the test counts of each layer and the first-load size.

use std::fmt;
use std::path::PathBuf;
use std::process::Command;

use crate::setup::{Tools, CHROMEDRIVER};
use crate::sizes::{self, BUDGET_GZIP};
use crate::{proc, rules, Result};

const LAYERS: usize = 6;

/// Tests run and passed in one layer, as its test runner reported them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Counts {
    passed: u32,
    failed: u32,
}

impl Counts {
    fn run(self) -> u32 {
        self.passed + self.failed
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>4} run, {:>4} passed", self.run(), self.passed)?;
        if self.failed > 0 {
            write!(f, ", {} FAILED", self.failed)?;
        }
        Ok(())
    }
}

#[derive(Default)]
struct Summary {
    native: Option<Counts>,
    component: Option<Counts>,
    e2e: Option<Counts>,
    first_load_gzip: Option<u64>,
    /// Rules kept, of all.
    size_rules: Option<(usize, usize)>,
}

pub fn run_all(tools: &Tools) -> Result<()> {
    let mut summary = Summary::default();
    let result = run_layers(tools, &mut summary);
    summary.print();
    result
}

fn run_layers(tools: &Tools, summary: &mut Summary) -> Result<()> {
    // Without debug info target/ stays a fraction of the size, and tests link faster.
    let cargo = || {
        let mut command = tools.cargo();
        command.env("CARGO_PROFILE_DEV_DEBUG", "0");
        command
    };

    heading(1, "formatting");
    proc::run(cargo().args(["fmt", "--all", "--", "--check"]))
        .map_err(|e| format!("{e}: run `cargo fmt --all` to fix the formatting"))?;

    heading(2, "clippy, native and wasm32");
    proc::run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    proc::run(cargo().args([
        "clippy",
        "-p",
        "qualify-app",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The workers' and the screening page's browser code is compiled for wasm32 alone, so the
    // native pass above never sees it.
    proc::run(cargo().args([
        "clippy",
        "-p",
        "qualify-plan-worker",
        "-p",
        "qualify-screen-worker",
        "-p",
        "qualify-screen-page",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    // --no-fail-fast here and below: run every test binary of a layer, so its counts and its
    // list of failures are complete instead of ending at the first failing crate.
    heading(3, "native tests");
    let (ok, output) = proc::run_tee(cargo().args(["test", "--workspace", "--no-fail-fast"]))?;
    summary.native = Some(cargo_counts(&output));
    check("native tests", ok, summary.native)?;

    heading(4, "component tests in headless Chromium");
    let mut component = cargo();
    component
        .args([
            "test",
            "-p",
            "qualify-app",
            "--target",
            "wasm32-unknown-unknown",
            "--no-fail-fast",
        ])
        .env(
            "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
            tools.bin("wasm-bindgen-test-runner"),
        )
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env(
            "WASM_BINDGEN_TEST_WEBDRIVER_JSON",
            tools.repo.path("webdriver.json"),
        )
        // The runner's default of 20 s is too short for a cold Chromium on a busy 2-core CI.
        .env("WASM_BINDGEN_TEST_TIMEOUT", "180");
    let (ok, output) = proc::run_tee(&mut component)?;
    summary.component = Some(cargo_counts(&output));
    check("component tests", ok, summary.component)?;

    heading(5, "release build, size budget and size rules");
    let report = sizes::build_dist(tools)?;
    summary.first_load_gzip = Some(report.first_load().gzip);
    if !report.within_budget() {
        return Err(format!(
            "the first load is {} gzip, over the budget of {}",
            sizes::kb(report.first_load().gzip),
            sizes::kb(BUDGET_GZIP)
        ));
    }
    if let Some(problem) = report
        .regional_problem()
        .or_else(|| report.worker_problem())
    {
        return Err(problem);
    }
    let outcomes = rules::check_build(tools)?;
    summary.size_rules = Some((outcomes.iter().filter(|o| o.kept()).count(), outcomes.len()));
    rules::report(&outcomes)?;

    heading(6, "end-to-end tests against dist/");
    // The tests compare the page with the engine's own verdict from the native command line.
    proc::run(cargo().args(["build", "-p", "qualify-cli"]))?;
    let (ok, output) = proc::run_tee(&mut e2e_command(tools)?)?;
    summary.e2e = Some(node_counts(&output));
    check("end-to-end tests", ok, summary.e2e)
}

/// node's own test runner over e2e/*.test.mjs, against the dist/ just built.
fn e2e_command(tools: &Tools) -> Result<Command> {
    let dir = tools.repo.path("e2e");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    let mut command = tools.command("node");
    // The spec reporter reads well in a log, and its closing lines carry the counts.
    command
        .args(["--test", "--test-reporter=spec"])
        .args(files)
        .env("QUALIFY_DIST", tools.repo.path("dist"))
        .env("QUALIFY_CLI", cli_path(tools));
    Ok(command)
}

/// The debug build of `qualify` (crates/cli), wherever cargo puts its target directory.
fn cli_path(tools: &Tools) -> PathBuf {
    tools
        .target_dir()
        .join("debug")
        .join(format!("qualify{}", std::env::consts::EXE_SUFFIX))
}

fn heading(number: usize, name: &str) {
    println!("\n=== [{number}/{LAYERS}] {name} ===");
}

/// A layer fails when its runner failed, or when it ran no test at all: that means the layer
/// is misconfigured, not that all is well.
fn check(layer: &str, ok: bool, counts: Option<Counts>) -> Result<()> {
    let counts = counts.unwrap_or_default();
    if !ok {
        return Err(format!(
            "{layer} failed ({} of {} failed)",
            counts.failed,
            counts.run()
        ));
    }
    if counts.run() == 0 {
        return Err(format!(
            "{layer} ran no test: the test runner found nothing to run"
        ));
    }
    Ok(())
}

/// Sums libtest's (and wasm-bindgen-test-runner's) closing lines:
/// `test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; …`.
fn cargo_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let Some((_, result)) = line.split_once("test result:") else {
            continue;
        };
        for part in result.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(label), Some(number)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u32>() else {
                continue;
            };
            match label {
                "passed" => counts.passed += number,
                "failed" => counts.failed += number,
                _ => {}
            }
        }
    }
    counts
}

/// Reads node's test runner summary: `ℹ pass 3` / `ℹ fail 0` / `ℹ cancelled 0` (spec reporter)
/// or `# pass 3` (TAP).
fn node_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let [marker, label, number] = words.as_slice() else {
            continue;
        };
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        if !matches!(*marker, "ℹ" | "#") {
            continue;
        }
        match *label {
            "pass" => counts.passed = number,
            "fail" | "cancelled" => counts.failed += number,
            _ => {}
        }
    }
    counts
}

impl Summary {
    fn print(&self) {
        let layer = |name: &str, counts: Option<Counts>| match counts {
            Some(counts) => println!("  {name:<16} {counts}"),
            None => println!("  {name:<16} not run"),
        };
        println!("\n=== Summary ===");
        layer("native tests", self.native);
        layer("component tests", self.component);
        layer("e2e tests", self.e2e);
        match self.first_load_gzip {
            Some(gzip) => println!(
                "  {:<16} {} gzip (budget {})",
                "first load",
                sizes::kb(gzip),
                sizes::kb(BUDGET_GZIP)
            ),
            None => println!("  {:<16} not built", "first load"),
        }
        match self.size_rules {
            Some((kept, all)) => println!("  {:<16} {kept} of {all} kept", "size rules"),
            None => println!("  {:<16} not checked", "size rules"),
        }
        let all = [self.native, self.component, self.e2e]
            .into_iter()
            .flatten();
        let (passed, failed) = all.fold((0, 0), |(p, f), c| (p + c.passed, f + c.failed));
        // The plain closing line that CI logs are read by.
        println!("tests: {passed} passed, {failed} failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_libtest_results_over_test_binaries() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 0 tests
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s

test result: FAILED. 5 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 1.20s
";
        assert_eq!(
            cargo_counts(output),
            Counts {
                passed: 8,
                failed: 2
            }
        );
        assert_eq!(cargo_counts(output).run(), 10);
    }

    #[test]
    fn reads_node_spec_and_tap_summaries() {
        let spec = "✔ loads (812ms)\nℹ tests 3\nℹ suites 0\nℹ pass 2\nℹ fail 1\nℹ cancelled 0\n\
                    ℹ skipped 0\nℹ todo 0\nℹ duration_ms 1900.5\n";
        assert_eq!(
            node_counts(spec),
            Counts {
                passed: 2,
                failed: 1
            }
        );
        let tap = "ok 1 - loads\n1..2\n# tests 2\n# pass 2\n# fail 0\n# cancelled 0\n";
        assert_eq!(
            node_counts(tap),
            Counts {
                passed: 2,
                failed: 0
            }
        );
    }

    #[test]
    fn a_layer_that_ran_nothing_fails() {
        assert!(check("e2e", true, Some(Counts::default())).is_err());
        assert!(check(
            "e2e",
            false,
            Some(Counts {
                passed: 1,
                failed: 1
            })
        )
        .is_err());
        assert!(check(
            "e2e",
            true,
            Some(Counts {
                passed: 1,
                failed: 0
            })
        )
        .is_ok());
    }
}
