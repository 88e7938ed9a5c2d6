//! The command line as contract section 4 describes it, run as a real process.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXAMPLE: &str = include_str!("../../engine/tests/data/example-profile.json");

/// Every program id of contract section 2.
const CONTRACT_PROGRAMS: &[&str] = &[
    "cn-national-etc",
    "xm-etc-pool",
    "xm-etc",
    "cq-etc",
    "fj-etc",
    "ln-etc",
    "gd-etc",
    "sn-etc",
    "xa-chain",
    "sz-record",
    "cn-hnte",
    "cn-sme-innovative",
    "cn-srdi",
    "cn-little-giant",
    "cn-tech-sme",
    "sd-etc",
    "hb-etc",
    "ha-etc",
    "bj-etc",
    "zj-etc",
    "js-etc",
    "sz-etc",
    "hn-etc",
    "ah-etc",
    "sh-etc",
    "sc-etc",
];

fn qualify(args: &[&str], stdin: &str) -> Output {
    qualify_bytes(args, stdin.as_bytes())
}

fn qualify_bytes(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_qualify"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails on its arguments exits without reading its input.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn assess_json(profile: &str, as_of: &str) -> serde_json::Value {
    let out = qualify(&["assess", "-", "--as-of", as_of], profile);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn bad_input_gives_one_line_naming_the_field() {
    let cases = [
        ("{\"name\": \"x\",", "not valid JSON"),
        (
            r#"{"years": {"2024": {"rd_staff": -3}}}"#,
            "years.2024.rd_staff",
        ),
        (r#"{"province": "atlantis"}"#, "province"),
        (r#"{"registered_on": "2025-02-30"}"#, "registered_on"),
        (
            r#"{"years": {"2024": {"revenue": -1}}}"#,
            "years.2024.revenue",
        ),
        // A self-score outside its item's range, or with decimals, is refused at its field,
        // never cut down to the item's maximum or rounded.
        (
            r#"{"self_scores": {"H8.ip_advancement": 80}}"#,
            "self_scores.H8.ip_advancement: out of range (80); must be between 0 and 8",
        ),
        (
            r#"{"self_scores": {"H8.ip_advancement": 7.5}}"#,
            "self_scores.H8.ip_advancement: must be a whole number",
        ),
    ];
    for (profile, needle) in cases {
        let out = qualify(&["assess", "-", "--as-of", "2025-06-30"], profile);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{profile}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{profile}: {err}");
        assert!(err.contains(needle), "{profile}: {err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn errors_can_be_in_chinese() {
    let out = qualify(
        &["assess", "-", "--as-of", "2025-06-30", "--lang", "zh"],
        r#"{"registered_on": "2025-02-30"}"#,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("registered_on") && err.contains("不是有效日期"),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["assess"],
        vec!["assess", "-", "--as-of", "2025-13-01"],
        vec!["assess", "-", "--program", "no-such-program"],
        vec!["frobnicate"],
    ] {
        let out = qualify(&args, "{}");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn a_missing_file_is_named() {
    let out = qualify(&["assess", "/no/such/profile.json"], "");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("/no/such/profile.json"), "{err}");
}

#[test]
fn full_profile_lists_every_contract_program_with_sources() {
    let doc = assess_json(EXAMPLE, "2025-06-30");
    assert_eq!(doc["as_of"], "2025-06-30");
    let programs = doc["programs"].as_array().unwrap();
    for id in CONTRACT_PROGRAMS {
        let p = programs
            .iter()
            .find(|p| p["id"] == *id)
            .unwrap_or_else(|| panic!("{id} missing from the output"));
        assert!(p["version"]["id"].is_string() && p["version"]["effective_from"].is_string());
        assert!(p["notices"].is_array(), "{id}: notices");
        for c in p["criteria"].as_array().unwrap() {
            assert!(
                c["source"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} {}",
                c["id"]
            );
            assert!(
                c["confidence"].as_str().is_some_and(|s| !s.is_empty()),
                "{id} {}",
                c["id"]
            );
            for key in ["status", "actual", "required", "gap"] {
                assert!(c.get(key).is_some(), "{id} {}: no {key}", c["id"]);
            }
        }
    }
}

#[test]
fn an_empty_profile_is_incomplete_everywhere() {
    for as_of in ["2025-06-30", "2026-06-30"] {
        let doc = assess_json("{}", as_of);
        for p in doc["programs"].as_array().unwrap() {
            assert_eq!(p["outcome"], "incomplete", "{} on {as_of}", p["id"]);
        }
    }
}

#[test]
fn program_filter_and_extra_pack() {
    let out = qualify(
        &[
            "assess",
            "-",
            "--as-of",
            "2025-06-30",
            "--program",
            "xm-etc-pool",
        ],
        EXAMPLE,
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["xm-etc-pool"]);
}

#[test]
fn check_pack_reports_every_error_with_its_path() {
    let dir = std::env::temp_dir().join(format!("qualify-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"schema": "qualify.pack/1", "id": "Bad Id", "level": "galactic", "sources": [], "versions": []}"#,
    )
    .unwrap();
    let out = qualify(&["check-pack", bad.to_str().unwrap()], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for path in [": id:", ": name:", ": level:", ": issuer:", ": versions:"] {
        assert!(text.contains(path), "{path} not in:\n{text}");
    }
    let good = concat!(env!("CARGO_MANIFEST_DIR"), "/../../packs/xm-etc-pool.json");
    let out = qualify(&["check-pack", good], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn every_bundled_pack_passes_check_pack() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../packs");
    let files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.display().to_string())
        .collect();
    assert!(!files.is_empty());
    let args: Vec<&str> = std::iter::once("check-pack")
        .chain(files.iter().map(String::as_str))
        .collect();
    let out = qualify(&args, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn help_for_every_command() {
    for args in [
        vec!["--help"],
        vec!["assess", "--help"],
        vec!["check-pack", "--help"],
        vec!["programs", "--help"],
    ] {
        let out = qualify(&args, "");
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("USAGE"));
    }
}

/// A score short of its pass line carries its goal-seek answer in the `fix` shape of every
/// other criterion, and the range of points it gives.
#[test]
fn a_score_short_of_its_line_says_what_lifts_it() {
    let profile = r#"{"years": {"2024": {"revenue": 10000, "rd_expense": 350,
                                          "employees": 100, "st_staff": 30}},
                      "ip": {"class1": 0, "class2": 3}}"#;
    let doc = assess_json(profile, "2025-06-30");
    let sme = doc["programs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "cn-tech-sme")
        .unwrap();
    let ts6 = sme["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "TS6")
        .unwrap();
    assert_eq!(
        ts6["fix"],
        serde_json::json!([{"input": "years.2024.rd_expense", "value": 400, "change": 50}])
    );
    assert_eq!(
        ts6["score"]["reach"],
        serde_json::json!({"min": 68, "max": 88})
    );
}

#[test]
fn a_byte_order_mark_is_read_and_utf16_is_named() {
    let with_bom = [b"\xef\xbb\xbf".as_slice(), EXAMPLE.as_bytes()].concat();
    let out = qualify_bytes(&["assess", "-", "--as-of", "2025-06-30"], &with_bom);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain("{}".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let out = qualify_bytes(&["assess", "-", "--as-of", "2025-06-30"], &utf16);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.trim_end(),
        "qualify: -: the file is UTF-16 text; save it as UTF-8"
    );
    let out = qualify_bytes(&["assess", "-", "--lang", "zh"], b"{\"name\": \"\xff\"}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end(), "qualify: -: 不是 UTF-8 文本(第 10 字节)");
}

/// 3,000 unknown keys once took memory for every error; the first hundred are listed and the
/// rest counted, in both commands.
#[test]
fn many_errors_are_bounded_and_counted() {
    let keys: Vec<String> = (0..900).map(|k| format!(r#""k{k}": 0"#)).collect();
    let object = format!("{{{}}}", keys.join(","));
    let profile = format!(
        r#"{{"certifications": [{}]}}"#,
        [object.as_str(); 3].join(",")
    );
    let out = qualify(&["assess", "-", "--as-of", "2025-06-30"], &profile);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.trim_end().ends_with("(and 2705 more)"), "{err}");

    let pack = format!(
        r#"{{"schema": "qualify.pack/1", "x": {object}, {}}}"#,
        &keys.join(",")[..]
    );
    let out = qualify(&["check-pack", "-"], &pack);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines.len(), 101, "{text}");
    assert!(lines.iter().all(|l| l.starts_with("-: ")), "{text}");
    assert!(lines[100].ends_with(" more errors not listed"), "{text}");
}

/// A value quoted in an error cannot begin a line of its own: a hostile pack cannot print
/// `ok` for itself.
#[test]
fn check_pack_cannot_be_made_to_print_a_false_ok() {
    let pack =
        r#"{"schema": "qualify.pack/1", "id": "t", "level": "x\n-: ok (t, 1 versions)\r-: ok"}"#;
    let out = qualify(&["check-pack", "-"], pack);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text.lines().any(|l| l.starts_with("-: ok")), "{text}");
    assert!(!text.contains('\r'), "{text}");
    assert!(text.contains(r"x\n-: ok (t, 1 versions)\r-: ok"), "{text}");
}

#[test]
fn plan_prints_every_program_and_writes_the_calendar() {
    let out = qualify(&["plan", "-", "--as-of", "2026-12-02"], EXAMPLE);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["as_of"], "2026-12-02");
    let ids: Vec<&str> = v["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    for id in CONTRACT_PROGRAMS {
        assert!(ids.contains(id), "{id} planned");
    }
    for p in v["programs"].as_array().unwrap() {
        let w = p["window"].as_str().unwrap();
        assert!(
            ["open", "upcoming", "closed", "unknown"].contains(&w),
            "{w}"
        );
    }
    let hnte = v["certifications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "hnte")
        .unwrap();
    assert_eq!(hnte["standing"], "lapsed");

    let dir = std::env::temp_dir().join(format!("qualify-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ics = dir.join("plan.ics");
    let out = qualify(
        &[
            "plan",
            "-",
            "--as-of",
            "2026-05-10",
            "--program",
            "cn-little-giant",
            "--ics",
            ics.to_str().unwrap(),
        ],
        EXAMPLE,
    );
    assert!(out.status.success());
    let cal = std::fs::read_to_string(&ics).unwrap();
    assert!(cal.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(cal.contains("DTSTART;VALUE=DATE:20260425\r\nDTEND;VALUE=DATE:20260526\r\n"));
    std::fs::remove_dir_all(&dir).unwrap();

    let out = qualify(
        &[
            "plan",
            "-",
            "--as-of",
            "2026-05-10",
            "--ics",
            "-",
            "--lang",
            "zh",
        ],
        EXAMPLE,
    );
    let cal = String::from_utf8(out.stdout).unwrap();
    assert!(cal.starts_with("BEGIN:VCALENDAR") && cal.contains("SUMMARY:"));

    let bad = qualify(&["plan", "-", "--as-of", "2026-02-30"], EXAMPLE);
    assert_eq!(bad.status.code(), Some(2));
    let bad = qualify(&["plan", "-"], "{\"years\": {\"2025\": {\"revenue\": -1}}}");
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("years.2025.revenue"));
}
