//! Golden cases: data files in `tests/golden/`, each a list of profiles with the as-of date and
//! the expected outcome per program, status per criterion and, where given, values, goal-seek
//! answers and score ranges. One harness runs them all and reports every mismatch.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use qualify_engine::eval::{CriterionResult, ProgramResult, Shown};
use qualify_engine::{bundled, evaluate, parse_date, Pack, Profile};
use serde_json::Value;

fn shown_to_json(s: &Option<Shown>) -> Value {
    serde_json::to_value(s).unwrap()
}

fn num_json(v: &Value) -> Value {
    // Compare numbers by value, not by representation (300 and 300.0 are the same).
    match v {
        Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(num_json).collect()),
        other => other.clone(),
    }
}

fn check_criterion(
    errs: &mut Vec<String>,
    at: &str,
    c: &CriterionResult,
    want: &Value,
    what: &str,
) {
    let mut got = BTreeMap::new();
    got.insert("actual", shown_to_json(&c.check.actual));
    got.insert("required", shown_to_json(&c.check.required));
    got.insert("gap", serde_json::to_value(c.check.gap).unwrap());
    got.insert("met_from", serde_json::to_value(c.check.met_from).unwrap());
    match what {
        "values" => {
            for (k, v) in want.as_object().expect("values are objects") {
                let g = got
                    .get(k.as_str())
                    .unwrap_or_else(|| panic!("{at}: unknown value key {k}"));
                if num_json(g) != num_json(v) {
                    errs.push(format!("{at}: {} {k}: expected {v}, got {g}", c.id));
                }
            }
        }
        "fix" => {
            let fixes: BTreeMap<String, Value> = c
                .check
                .fix
                .iter()
                .map(|f| (f.input.to_string(), serde_json::to_value(f.value).unwrap()))
                .collect();
            let want: BTreeMap<String, Value> = want
                .as_object()
                .expect("fix is an object")
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            if want.len() != fixes.len()
                || want
                    .iter()
                    .any(|(k, v)| fixes.get(k).map(num_json) != Some(num_json(v)))
            {
                errs.push(format!(
                    "{at}: {} fix: expected {want:?}, got {fixes:?}",
                    c.id
                ));
            }
        }
        "score" => {
            let s = c.check.score.as_ref();
            let got = s.map(|s| serde_json::json!([s.min, s.max]));
            if got.as_ref().map(num_json) != Some(num_json(want)) {
                errs.push(format!(
                    "{at}: {} score: expected {want}, got {got:?}",
                    c.id
                ));
            }
        }
        "reach" => {
            // The range of points the score's goal-seek answer gives.
            let got = c
                .check
                .score
                .as_ref()
                .and_then(|s| s.reach.as_ref())
                .map(|r| serde_json::to_value(r).unwrap());
            let want = serde_json::json!({"min": want[0], "max": want[1]});
            if got.as_ref().map(num_json) != Some(num_json(&want)) {
                errs.push(format!(
                    "{at}: {} reach: expected {want}, got {got:?}",
                    c.id
                ));
            }
        }
        _ => unreachable!(),
    }
}

fn check_program(errs: &mut Vec<String>, at: &str, p: &ProgramResult, want: &Value) {
    let want = want
        .as_object()
        .unwrap_or_else(|| panic!("{at}: expectation must be an object"));
    for key in want.keys() {
        assert!(
            [
                "outcome", "version", "criteria", "values", "fix", "score", "reach", "notices",
                "needs",
            ]
            .contains(&key.as_str()),
            "{at}: unknown expectation key {key}"
        );
    }
    if let Some(o) = want.get("outcome") {
        if o != p.outcome.slug() {
            errs.push(format!(
                "{at}: outcome expected {o}, got {}",
                p.outcome.slug()
            ));
        }
    }
    if let Some(v) = want.get("version") {
        if v != p.version.id {
            errs.push(format!("{at}: version expected {v}, got {}", p.version.id));
        }
    }
    if let Some(n) = want.get("notices") {
        if n.as_u64() != Some(p.notices.len() as u64) {
            errs.push(format!(
                "{at}: expected {n} notices, got {}",
                p.notices.len()
            ));
        }
    }
    if let Some(n) = want.get("needs") {
        let got: Vec<String> = p.needs.iter().map(|n| n.to_string()).collect();
        let want: Vec<String> = serde_json::from_value(n.clone()).expect("needs is a list");
        if got != want {
            errs.push(format!("{at}: needs expected {want:?}, got {got:?}"));
        }
    }
    if let Some(crit) = want.get("criteria") {
        let crit = crit.as_object().expect("criteria is an object");
        // Strict: a case that lists statuses lists every criterion of the version in force.
        let ids: Vec<&str> = p.criteria.iter().map(|c| c.id).collect();
        for id in &ids {
            if !crit.contains_key(*id) {
                errs.push(format!("{at}: criterion {id} has no expected status"));
            }
        }
        for (id, status) in crit {
            match p.criteria.iter().find(|c| c.id == id) {
                None => errs.push(format!("{at}: no criterion {id} (have {ids:?})")),
                Some(c) if c.check.status.slug() != status => errs.push(format!(
                    "{at}: {id} expected {status}, got {} (actual {:?}, required {:?})",
                    c.check.status.slug(),
                    c.check.actual,
                    c.check.required
                )),
                _ => {}
            }
        }
    }
    for what in ["values", "fix", "score", "reach"] {
        if let Some(map) = want.get(what) {
            for (id, v) in map.as_object().expect("an object keyed by criterion") {
                match p.criteria.iter().find(|c| c.id == id) {
                    None => errs.push(format!("{at}: no criterion {id} for {what}")),
                    Some(c) => check_criterion(errs, at, c, v, what),
                }
            }
        }
    }
}

fn run_file(
    path: &Path,
    packs: &[Pack],
    errs: &mut Vec<String>,
    seen: &mut BTreeMap<String, usize>,
) -> usize {
    let text = fs::read_to_string(path).unwrap();
    let doc: Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases = doc["cases"]
        .as_array()
        .unwrap_or_else(|| panic!("{}: no cases", path.display()));
    let file = path.file_name().unwrap().to_string_lossy();
    for case in cases {
        let name = case["name"].as_str().expect("every case has a name");
        let at = format!("{file} / {name}");
        let as_of = parse_date(case["as_of"].as_str().expect("as_of")).expect("as_of is a date");
        let profile = Profile::from_value(&case["profile"])
            .unwrap_or_else(|e| panic!("{at}: profile invalid: {e}"));
        let result = evaluate(packs, &profile, as_of);
        let expect = case["expect"]
            .as_object()
            .unwrap_or_else(|| panic!("{at}: no expect"));
        for (id, want) in expect {
            *seen.entry(id.clone()).or_default() += 1;
            match result.programs.iter().find(|p| p.id == id) {
                None => errs.push(format!("{at}: program {id} not assessed on {as_of}")),
                Some(p) => check_program(errs, &format!("{at} / {id}"), p, want),
            }
        }
    }
    cases.len()
}

#[test]
fn golden_cases() {
    let packs = bundled::packs();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut errs = Vec::new();
    let mut seen = BTreeMap::new();
    let mut total = 0;
    for f in &files {
        total += run_file(f, &packs, &mut errs, &mut seen);
    }
    assert!(
        errs.is_empty(),
        "{} golden mismatches:\n{}",
        errs.len(),
        errs.join("\n")
    );
    println!("{total} golden cases in {} files", files.len());
    for p in &packs {
        let n = seen.get(&p.id).copied().unwrap_or(0);
        assert!(
            n >= 6,
            "program {} has {n} golden expectations; every pack needs at least 6",
            p.id
        );
    }
}
