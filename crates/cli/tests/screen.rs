//! `qualify screen` and `qualify template`, run as real processes, against the golden template
//! in crates/sheet/tests/golden (docs/screening.md documents the output).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const EXAMPLE: &str = include_str!("../../engine/tests/data/example-profile.json");
const PROGRAMS: &[&str] = &["cn-hnte", "cn-tech-sme", "xm-etc-pool"];

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sheet/tests/golden")
        .join(name)
}

fn qualify(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .output()
        .unwrap()
}

/// Standard error without the progress line, whose rate differs from run to run.
fn problems(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(|l| l.rsplit('\r').next().unwrap_or(l))
        .filter(|l| !l.contains("rows screened") && !l.starts_with("已处理"))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn screen(file: &Path, format: &str, lang: &str) -> Output {
    let mut args = vec![
        "screen",
        file.to_str().unwrap(),
        "--as-of",
        "2026-06-30",
        "--format",
        format,
        "--lang",
        lang,
    ];
    for p in PROGRAMS {
        args.extend(["--program", p]);
    }
    let out = qualify(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Compares with a golden file, or rewrites it when QUALIFY_BLESS is set.
fn check_golden(name: &str, got: &[u8]) {
    let path = golden(name);
    if std::env::var_os("QUALIFY_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read(&path).unwrap();
    assert_eq!(
        String::from_utf8_lossy(got),
        String::from_utf8_lossy(&want),
        "{name}"
    );
}

#[test]
fn the_golden_template_is_the_template() {
    let out = qualify(&["template", "--format", "csv", "--as-of", "2026-06-30"]);
    assert!(out.status.success());
    let template = String::from_utf8(out.stdout).unwrap();
    let golden = std::fs::read_to_string(golden("screen.csv")).unwrap();
    let head = |s: &str| s.lines().take(2).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&template), head(&golden));
    assert!(template.contains(",2025.rd_expense,"));
    let xlsx = qualify(&["template", "--as-of", "2026-06-30"]);
    assert!(xlsx.stdout.starts_with(b"PK"), "an XLSX file is a zip");
}

#[test]
fn the_golden_template_screens_as_documented_in_every_format() {
    let file = golden("screen.csv");
    let csv = screen(&file, "csv", "en");
    check_golden("screen.out.csv", &csv.stdout);
    check_golden("screen.err.en.txt", problems(&csv).as_bytes());
    let zh = screen(&file, "csv", "zh");
    assert_eq!(
        zh.stdout, csv.stdout,
        "the results do not depend on the language"
    );
    check_golden("screen.err.zh.txt", problems(&zh).as_bytes());
    let ndjson = screen(&file, "ndjson", "en");
    check_golden("screen.out.ndjson", &ndjson.stdout);

    // The XLSX file's results sheet holds the CSV file's rows.
    use calamine::{Reader, Xlsx};
    let xlsx = screen(&file, "xlsx", "en");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.stdout)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["结果 Results", "问题 Problems", "汇总 Summary"]);
    let results = book.worksheet_range("结果 Results").unwrap();
    let text = String::from_utf8(csv.stdout).unwrap();
    let want: Vec<Vec<String>> =
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
    let got: Vec<Vec<String>> = results
        .rows()
        .skip(1)
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| match c {
                    // The row number, and the closeness with the three decimals of CSV.
                    calamine::Data::Float(f) if i == 0 => format!("{f:.0}"),
                    calamine::Data::Float(f) => format!("{f:.3}"),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect();
    assert_eq!(got, want);
    let problems = book.worksheet_range("问题 Problems").unwrap();
    assert_eq!(problems.get_size().0, 1 + 3, "the bad row's three problems");
}

/// `qualify screen FILE` on the day the example profile's years lead up to, as NDJSON.
fn screen_ndjson(file: &Path) -> Output {
    qualify(&[
        "screen",
        file.to_str().unwrap(),
        "--as-of",
        "2025-06-30",
        "--format",
        "ndjson",
    ])
}

#[test]
fn a_screened_profile_has_the_outcomes_assess_gives_it() {
    let dir = std::env::temp_dir().join(format!("qualify-screen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("one.ndjson");
    let line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(EXAMPLE).unwrap())
        .unwrap();
    std::fs::write(&file, format!("{line}\n")).unwrap();
    let out = screen_ndjson(&file);
    assert!(out.status.success());
    let screened: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let json_file = dir.join("one.json");
    std::fs::write(&json_file, EXAMPLE).unwrap();
    let assess = qualify(&[
        "assess",
        json_file.to_str().unwrap(),
        "--as-of",
        "2025-06-30",
    ]);
    let assessed: serde_json::Value = serde_json::from_slice(&assess.stdout).unwrap();
    let programs = assessed["programs"].as_array().unwrap();
    assert_eq!(
        screened.len(),
        programs.len() + 1,
        "a row per program, then the summary"
    );
    for (s, p) in screened.iter().zip(programs) {
        assert_eq!(s["program"], p["id"]);
        assert_eq!(s["outcome"], p["outcome"], "{}", p["id"]);
        let not_met: Vec<&serde_json::Value> = p["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["status"] == "not-met")
            .map(|c| &c["id"])
            .collect();
        let ids: Vec<&serde_json::Value> = s["not_met"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| &c["id"])
            .collect();
        assert_eq!(ids, not_met, "{}", p["id"]);
    }
    assert!(screened.last().unwrap()["summary"]["enterprises"] == 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn many_rows_come_out_in_their_order_with_a_summary_that_counts_them() {
    let dir = std::env::temp_dir().join(format!("qualify-many-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("many.csv");
    let mut text = String::from("name,province,city,2025.revenue,2025.rd_expense,2025.employees\n");
    let n = 3000;
    for i in 1..=n {
        // Every seventh row is bad, every eleventh blank.
        match (i % 7, i % 11) {
            (0, _) => text.push_str(&format!("bad {i},fujian,xiamen,-{i},1,1\n")),
            (_, 0) => text.push_str(",,,,,\n"),
            _ => text.push_str(&format!(
                "firm {i},fujian,xiamen,{},{},{}\n",
                i * 10,
                i,
                i % 300 + 1
            )),
        }
    }
    std::fs::write(&file, text).unwrap();
    let out = qualify(&[
        "screen",
        file.to_str().unwrap(),
        "--as-of",
        "2026-06-30",
        "--format",
        "ndjson",
        "--program",
        "cn-hnte",
        "--program",
        "xm-etc-pool",
    ]);
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, rows) = lines.split_last().unwrap();
    let bad = (1..=n).filter(|i| i % 7 == 0).count();
    let blank = (1..=n).filter(|i| i % 7 != 0 && i % 11 == 0).count();
    let good = n - bad - blank;
    assert_eq!(rows.len(), good * 2);
    let numbers: Vec<u64> = rows.iter().map(|r| r["row"].as_u64().unwrap()).collect();
    assert!(
        numbers.windows(2).all(|w| w[0] <= w[1]),
        "rows in the input's order"
    );
    assert_eq!(summary["summary"]["enterprises"], good as u64);
    assert_eq!(summary["summary"]["bad_rows"], bad as u64);
    for p in summary["summary"]["programs"].as_array().unwrap() {
        let count = |o: &str| {
            rows.iter()
                .filter(|r| r["program"] == p["program"] && r["outcome"] == o)
                .count() as u64
        };
        assert_eq!(p["eligible"], count("eligible"));
        assert_eq!(p["not_eligible"], count("not-eligible"));
        assert_eq!(p["incomplete"], count("incomplete"));
    }
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err.matches("must not be negative").count() + err.matches("Cannot be negative").count(),
        bad
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_profile_written_into_the_template_screens_as_assess_assesses_it() {
    let dir = std::env::temp_dir().join(format!("qualify-template-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json_file = dir.join("example.json");
    std::fs::write(&json_file, EXAMPLE).unwrap();
    let json = json_file.to_str().unwrap();
    let assess = qualify(&["assess", json, "--as-of", "2025-06-30"]);
    let assessed: serde_json::Value = serde_json::from_slice(&assess.stdout).unwrap();
    let outcomes: Vec<(String, String)> = (assessed["programs"].as_array().unwrap().iter())
        .map(|p| (p["id"].to_string(), p["outcome"].to_string()))
        .collect();
    for format in ["csv", "xlsx"] {
        // The example twice: a filled row per profile given, in order.
        let out = qualify(&[
            "template",
            json,
            json,
            "--format",
            format,
            "--as-of",
            "2025-06-30",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let file = dir.join(format!("filled.{format}"));
        std::fs::write(&file, &out.stdout).unwrap();
        let screened = screen_ndjson(&file);
        assert!(
            problems(&screened).contains("2 enterprises assessed, 0 rows with problems skipped"),
            "{}",
            problems(&screened)
        );
        let rows: Vec<serde_json::Value> = String::from_utf8(screened.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("{\"summary\""))
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(rows.len(), 2 * outcomes.len(), "{format}");
        for (r, (id, outcome)) in rows.iter().zip(outcomes.iter().chain(outcomes.iter())) {
            assert_eq!(
                (r["program"].to_string(), r["outcome"].to_string()),
                (id.clone(), outcome.clone()),
                "{format}"
            );
        }
    }
    let bad = qualify(&["template", "no-such-profile.json"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no-such-profile.json"));
    std::fs::remove_dir_all(&dir).ok();
}
