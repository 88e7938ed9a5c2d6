//! docs/pack.schema.json against the packs: every bundled pack and the worked example of
//! docs/packs.md are valid, deliberately broken packs are rejected by the schema and by the
//! reader alike, and the schema's vocabularies are the engine's.

use std::fs;
use std::path::{Path, PathBuf};

use jsonschema::Validator;
use qualify_engine::pack::{Agg, Growth, Level, Op, RuleKind, Until};
use qualify_engine::profile::{CategoryField, CertKind, DateField, ScalarField, Unit, YearField};
use qualify_engine::{evaluate, parse_date, vocab, Pack, Profile};
use serde_json::{json, Value};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema() -> Value {
    read_json(&root().join("docs/pack.schema.json"))
}

fn validator() -> Validator {
    let s = schema();
    jsonschema::draft202012::meta::validate(&s)
        .expect("the schema is a valid draft 2020-12 schema");
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&s)
        .expect("the schema compiles")
}

/// Every schema error of `v`, one line each with the path of the value.
fn errors(validator: &Validator, v: &Value) -> Vec<String> {
    validator
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn pack_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("packs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_bundled_pack_is_valid_against_the_schema() {
    let v = validator();
    let files = pack_files();
    assert!(!files.is_empty());
    let mut problems = Vec::new();
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        problems.extend(
            errors(&v, &read_json(f))
                .into_iter()
                .map(|e| format!("{name}: {e}")),
        );
    }
    assert!(
        problems.is_empty(),
        "schema errors:\n{}",
        problems.join("\n")
    );
}

/// The ```json blocks of docs/packs.md.
fn doc_blocks() -> Vec<Value> {
    let text = fs::read_to_string(root().join("docs/packs.md")).unwrap();
    let mut out = Vec::new();
    let mut block: Option<String> = None;
    for line in text.lines() {
        match (&mut block, line.trim_end()) {
            (None, "```json") => block = Some(String::new()),
            (Some(b), "```") => {
                // Fragments with an ellipsis are illustrations, not documents.
                if !b.contains("...") {
                    out.push(
                        serde_json::from_str(b)
                            .unwrap_or_else(|e| panic!("docs/packs.md: {e}\n{b}")),
                    );
                }
                block = None;
            }
            (Some(b), l) => {
                b.push_str(l);
                b.push('\n');
            }
            (None, _) => {}
        }
    }
    out
}

#[test]
fn the_worked_example_of_the_guide_is_a_valid_pack() {
    let v = validator();
    let packs: Vec<Value> = doc_blocks()
        .into_iter()
        .filter(|b| b["schema"] == "qualify.pack/1")
        .collect();
    assert!(
        !packs.is_empty(),
        "docs/packs.md should hold a complete worked example"
    );
    for p in &packs {
        let errs = errors(&v, p);
        assert!(errs.is_empty(), "{}: {errs:?}", p["id"]);
        if let Err(e) = Pack::from_value(p) {
            panic!("{}: the reader rejects it: {e}", p["id"]);
        }
    }
}

/// The guide's host-pack example: its XM10 put into the bundled Xiamen pack makes a valid pack
/// that can, unlike the bundled one, make the program eligible.
#[test]
fn the_guides_host_pack_for_xm10_fills_the_unpublished_criterion() {
    let xm10 = doc_blocks()
        .into_iter()
        .find(|b| b["id"] == "XM10")
        .expect("docs/packs.md shows an XM10 criterion for a host pack");
    let mut pack = read_json(&root().join("packs/xm-etc.json"));
    for version in pack["versions"].as_array_mut().unwrap() {
        for c in version["criteria"].as_array_mut().unwrap() {
            if c["id"] == "XM10" {
                *c = xm10.clone();
            }
        }
    }
    assert!(errors(&validator(), &pack).is_empty());
    let pack = Pack::from_value(&pack).unwrap_or_else(|e| panic!("{e}"));
    let profile = Profile::from_value(&json!({
        "province": "fujian", "city": "xiamen", "industry": "manufacturing",
        "years": {
            "2024": {"revenue": 20000, "tax_payable": 900, "rd_expense": 800, "rd_staff": 60, "employees": 400, "equipment_value": 1500},
            "2023": {"revenue": 18000, "tax_payable": 800}
        },
        "center": {"space_m2": 600, "equipment_on_premises_pct": 90},
        "certifications": [{"kind": "xm-etc-pool", "since": "2024-09-01"}]
    }))
    .unwrap();
    let packs = [pack];
    let result = evaluate(&packs, &profile, parse_date("2025-06-30").unwrap());
    let xm = &result.programs[0];
    let statuses: Vec<_> = xm
        .criteria
        .iter()
        .map(|c| (c.id, c.check.status.slug()))
        .collect();
    assert_eq!(xm.outcome.slug(), "eligible", "{statuses:?}");
}

/// Replaces (or, with `None`, removes) the value at a JSON pointer.
fn mutate(v: &Value, pointer: &str, replacement: Option<Value>) -> Value {
    let mut v = v.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = v
        .pointer_mut(parent)
        .unwrap_or_else(|| panic!("no {parent}"));
    match (target, replacement) {
        (Value::Object(m), Some(r)) => {
            m.insert(key.to_string(), r);
        }
        (Value::Object(m), None) => {
            assert!(m.remove(key).is_some(), "no {pointer}");
        }
        (Value::Array(a), Some(r)) => a[key.parse::<usize>().unwrap()] = r,
        (Value::Array(a), None) => {
            a.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("{parent} is not a container"),
    }
    v
}

#[test]
fn broken_packs_are_rejected_by_the_schema_and_the_reader() {
    let v = validator();
    let base = read_json(&root().join("packs/xm-etc-pool.json"));
    assert!(errors(&v, &base).is_empty());
    assert!(Pack::from_value(&base).is_ok());
    let rule = "/versions/0/criteria/2/rule";
    let broken: Vec<(&str, Value)> = vec![
        ("no schema tag", mutate(&base, "/schema", None)),
        (
            "another schema tag",
            mutate(&base, "/schema", Some(json!("qualify.pack/2"))),
        ),
        (
            "upper-case program id",
            mutate(&base, "/id", Some(json!("XM-ETC-POOL"))),
        ),
        (
            "unknown level",
            mutate(&base, "/level", Some(json!("county"))),
        ),
        (
            "unknown province",
            mutate(&base, "/region/province", Some(json!("atlantis"))),
        ),
        ("name without English", mutate(&base, "/name/en", None)),
        (
            "blank Chinese name",
            mutate(&base, "/name/zh", Some(json!("  "))),
        ),
        (
            "rung above 20",
            mutate(&base, "/ladder/rung", Some(json!(21))),
        ),
        (
            "unknown certification granted",
            mutate(&base, "/grants", Some(json!("gold-star"))),
        ),
        (
            "source link that is not http",
            mutate(&base, "/sources/0/url", Some(json!("ftp://x"))),
        ),
        ("no versions", mutate(&base, "/versions", Some(json!([])))),
        (
            "month 13",
            mutate(
                &base,
                "/versions/0/effective_from",
                Some(json!("2021-13-01")),
            ),
        ),
        (
            "version without criteria",
            mutate(&base, "/versions/0/criteria", Some(json!([]))),
        ),
        (
            "upgraded confidence word",
            mutate(
                &base,
                "/versions/0/criteria/0/confidence",
                Some(json!("official")),
            ),
        ),
        (
            "seed with two digits",
            mutate(
                &base,
                "/versions/0/criteria/0/confidence",
                Some(json!("3P + seed 00")),
            ),
        ),
        (
            "criterion without a source",
            mutate(&base, "/versions/0/criteria/0/source", Some(json!([]))),
        ),
        (
            "criterion without a label",
            mutate(&base, "/versions/0/criteria/0/label", None),
        ),
        (
            "unknown rule kind",
            mutate(&base, &format!("{rule}/kind"), Some(json!("between"))),
        ),
        (
            "misspelt field of a rule",
            mutate(&base, &format!("{rule}/threshhold"), Some(json!(300))),
        ),
        (
            "threshold as text",
            mutate(&base, &format!("{rule}/threshold"), Some(json!("300"))),
        ),
        (
            "unknown unit",
            mutate(&base, &format!("{rule}/unit"), Some(json!("yuan"))),
        ),
        (
            "unknown operator",
            mutate(&base, &format!("{rule}/op"), Some(json!("=>"))),
        ),
        (
            "a future year",
            mutate(&base, &format!("{rule}/measure/year"), Some(json!(1))),
        ),
        (
            "unknown year field",
            mutate(
                &base,
                &format!("{rule}/measure/field"),
                Some(json!("turnover")),
            ),
        ),
        (
            "a year on a scalar",
            mutate(
                &base,
                &format!("{rule}/measure"),
                Some(json!({"field": "center.space_m2", "year": -1})),
            ),
        ),
        (
            "unit of an industry in a city list",
            mutate(
                &base,
                "/versions/0/criteria/0/rule/values",
                Some(json!(["manufacturing"])),
            ),
        ),
        (
            "a yes/no field given a word",
            mutate(
                &base,
                "/versions/0/criteria/1/rule/of/0/values",
                Some(json!(["yes"])),
            ),
        ),
        (
            "a nested declaration without id",
            mutate(
                &base,
                "/versions/0/criteria/1/rule/of/1/cases/0/then/id",
                None,
            ),
        ),
        (
            "an all of one rule",
            mutate(&base, "/versions/0/criteria/1/rule/of/1", None),
        ),
        (
            "unpublished without a note",
            mutate(
                &base,
                "/versions/0/criteria/5/rule",
                Some(json!({"kind": "unpublished"})),
            ),
        ),
        (
            "a band with both a condition and a shorthand",
            mutate(
                &base,
                rule,
                Some(json!({
                    "kind": "score", "pass": {"op": ">=", "value": 1},
                    "items": [{"id": "a", "label": {"zh": "甲", "en": "A"}, "max": 1,
                               "measure": {"field": "rd_staff", "year": -1}, "unit": "count",
                               "bands": [{"when": {"kind": "declared", "id": "x"}, "gte": 1, "points": 1}]}]
                })),
            ),
        ),
        (
            "a shorthand band without the item's measure",
            mutate(
                &base,
                rule,
                Some(json!({
                    "kind": "score", "pass": {"op": ">=", "value": 1},
                    "items": [{"id": "a", "label": {"zh": "甲", "en": "A"}, "max": 1, "bands": [{"gte": 1, "points": 1}]}]
                })),
            ),
        ),
        (
            "self_assessed set to false",
            mutate(
                &base,
                rule,
                Some(json!({
                    "kind": "score", "pass": {"op": ">=", "value": 1},
                    "items": [{"id": "a", "label": {"zh": "甲", "en": "A"}, "max": 1, "self_assessed": false}]
                })),
            ),
        ),
    ];
    let mut problems = Vec::new();
    for (what, pack) in &broken {
        if errors(&v, pack).is_empty() {
            problems.push(format!("the schema accepts a pack with {what}"));
        }
        if Pack::from_value(pack).is_ok() {
            problems.push(format!("the reader accepts a pack with {what}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn enum_of(def: &str) -> Vec<String> {
    let s = schema();
    let list = s["$defs"][def]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs/{def} has no enum"));
    list.iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn words<T>(vocab: &[(&str, T)]) -> Vec<String> {
    vocab.iter().map(|(s, _)| s.to_string()).collect()
}

#[test]
fn the_schema_vocabularies_are_the_engines() {
    assert_eq!(enum_of("yearField"), words(YearField::VOCAB));
    assert_eq!(enum_of("scalarField"), words(ScalarField::VOCAB));
    assert_eq!(enum_of("dateField"), words(DateField::VOCAB));
    assert_eq!(enum_of("categoryField"), words(CategoryField::VOCAB));
    assert_eq!(enum_of("certKind"), words(CertKind::VOCAB));
    assert_eq!(enum_of("unit"), words(Unit::ALL));
    assert_eq!(enum_of("op"), words(Op::VOCAB));
    assert_eq!(
        schema()["properties"]["level"]["enum"],
        json!(words(Level::VOCAB))
    );
    assert_eq!(enum_of("province"), vocab::place_slugs(vocab::PROVINCES));
    assert_eq!(enum_of("city"), vocab::place_slugs(vocab::CITIES));
    assert_eq!(enum_of("district"), vocab::place_slugs(vocab::DISTRICTS));
    assert_eq!(enum_of("industry"), vocab::slugs(vocab::INDUSTRIES));
    assert_eq!(enum_of("hnteDomain"), vocab::slugs(vocab::HNTE_DOMAINS));
    assert_eq!(enum_of("xianChain"), vocab::slugs(vocab::XIAN_CHAINS));
}

/// The kinds of rule the schema describes are the reader's, in its order and with its fields,
/// and the words of measures are spelt as the engine spells them.
#[test]
fn the_schema_rule_kinds_and_measure_words_are_the_engines() {
    let s = schema();
    let keys = |v: &Value, skip: &[&str]| -> Vec<String> {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| !skip.contains(&k.as_str()))
            .cloned()
            .collect();
        k.sort();
        k
    };
    let schema_kinds: Vec<(String, Vec<String>)> = s["$defs"]["node"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            let name = k["properties"]["kind"]["const"]
                .as_str()
                .unwrap()
                .to_string();
            (name, keys(k, &["kind", "id", "label"]))
        })
        .collect();
    let engine_kinds: Vec<(String, Vec<String>)> = RuleKind::VOCAB
        .iter()
        .map(|(name, kind)| {
            let mut fields: Vec<String> = kind.fields().iter().map(|f| f.to_string()).collect();
            fields.sort();
            (name.to_string(), fields)
        })
        .collect();
    assert_eq!(schema_kinds, engine_kinds);
    let measure = |key: &str| -> Value {
        s["$defs"]["measure"]["oneOf"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["properties"].get(key).is_some())
            .unwrap_or_else(|| panic!("no measure with {key}"))
            .clone()
    };
    assert_eq!(
        measure("growth")["properties"]["method"]["enum"],
        json!(words(Growth::VOCAB))
    );
    assert_eq!(
        measure("agg")["properties"]["agg"]["enum"],
        json!(words(Agg::VOCAB))
    );
    assert_eq!(enum_of("until"), words(Until::VOCAB));
}

#[test]
fn the_pack_readme_lists_every_program_and_vocabulary_word() {
    let readme = fs::read_to_string(root().join("packs/README.md")).unwrap();
    let mut missing = Vec::new();
    for f in pack_files() {
        let id = read_json(&f)["id"].as_str().unwrap().to_string();
        if !readme.contains(&format!("| `{id}` |")) {
            missing.push(id);
        }
    }
    let words = [
        vocab::place_slugs(vocab::PROVINCES),
        vocab::place_slugs(vocab::CITIES),
        vocab::place_slugs(vocab::DISTRICTS),
        vocab::slugs(vocab::INDUSTRIES),
        vocab::slugs(vocab::HNTE_DOMAINS),
        vocab::slugs(vocab::XIAN_CHAINS),
        vocab::slugs(vocab::CERT_KINDS),
    ];
    for w in words.concat() {
        if !readme.contains(&format!("| `{w}` |")) {
            missing.push(w);
        }
    }
    assert!(
        missing.is_empty(),
        "packs/README.md does not list: {missing:?}"
    );
}
