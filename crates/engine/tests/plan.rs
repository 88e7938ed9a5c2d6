//! The plan: golden cases as data (`tests/plan/cases.json`), the validity in packs against the
//! engine's own reading of certifications, the calendar file's form, and the pack reader's
//! errors for windows and validity.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use qualify_engine::plan::{ics, plan};
use qualify_engine::profile::CertKind;
use qualify_engine::{bundled, parse_date, Lang, Pack, Profile};
use serde_json::{json, Value};

/// Whether `want` is a part of `got`: objects key by key, lists of objects by their `id`,
/// `criterion` or `kind`, other lists element by element, numbers by value, `null` for absent.
fn subset(at: &str, want: &Value, got: &Value, errs: &mut Vec<String>) {
    match (want, got) {
        (Value::Null, Value::Null) => {}
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                let gv = g.get(k).unwrap_or(&Value::Null);
                subset(&format!("{at}.{k}"), wv, gv, errs);
            }
        }
        (Value::Array(w), Value::Array(g)) => {
            let key = ["id", "criterion", "kind"]
                .into_iter()
                .find(|k| w.iter().all(|x| x.get(k).is_some()) && !w.is_empty());
            match key {
                Some(k) => {
                    for (i, wv) in w.iter().enumerate() {
                        let found = g.iter().filter(|x| x.get(k) == wv.get(k)).nth(
                            // Entries with the same key are matched in order.
                            w[..i].iter().filter(|x| x.get(k) == wv.get(k)).count(),
                        );
                        match found {
                            Some(gv) => subset(&format!("{at}[{}]", wv[k]), wv, gv, errs),
                            None => errs.push(format!("{at}: no entry with {k} {}", wv[k])),
                        }
                    }
                }
                None if w.len() != g.len() => {
                    errs.push(format!("{at}: expected {want}, got {got}"));
                }
                None => {
                    for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                        subset(&format!("{at}[{i}]"), wv, gv, errs);
                    }
                }
            }
        }
        (Value::Number(w), Value::Number(g)) if w.as_f64() == g.as_f64() => {}
        (w, g) if w == g => {}
        (w, g) => errs.push(format!("{at}: expected {w}, got {g}")),
    }
}

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/plan/cases.json");
    let doc: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    doc["cases"].as_array().unwrap().clone()
}

fn packs_for(ids: &[Value]) -> Vec<Pack> {
    let all = bundled::packs();
    ids.iter()
        .map(|id| {
            let id = id.as_str().unwrap();
            all.iter()
                .find(|p| p.id == id)
                .unwrap_or_else(|| panic!("no pack {id}"))
                .clone()
        })
        .collect()
}

#[test]
fn golden_plan_cases() {
    let mut errs = Vec::new();
    let cases = cases();
    assert!(cases.len() >= 8);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let as_of = parse_date(case["as_of"].as_str().unwrap()).unwrap();
        let profile = Profile::from_value(&case["profile"]).unwrap();
        let packs = packs_for(case["programs"].as_array().unwrap());
        let got = serde_json::to_value(plan(&packs, &profile, as_of)).unwrap();
        let mut mine = Vec::new();
        subset("plan", &case["expect"], &got, &mut mine);
        errs.extend(mine.into_iter().map(|e| format!("{name}: {e}")));
    }
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

#[test]
fn the_matcher_finds_what_differs() {
    let mut errs = Vec::new();
    let got = json!({"programs": [{"id": "a", "window": "open", "n": 1.0}]});
    subset(
        "p",
        &json!({"programs": [{"id": "a", "n": 1}]}),
        &got,
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
    subset(
        "p",
        &json!({"programs": [{"id": "a", "window": "closed"}]}),
        &got,
        &mut errs,
    );
    subset("p", &json!({"programs": [{"id": "b"}]}), &got, &mut errs);
    subset("p", &json!({"missing": 1}), &got, &mut errs);
    assert_eq!(errs.len(), 3, "{errs:?}");
}

/// The twin of the validity packs state: the end the engine gives a certification entered
/// without one (`CertKind::implied_until`, used to evaluate every rule that reads it) is the end
/// the granting pack's validity gives, for every kind and a spread of dates.
#[test]
fn pack_validity_and_the_engines_implied_end_agree() {
    let packs = bundled::packs();
    let mut checked = 0;
    for p in &packs {
        let (Some(kind), Some(v)) = (p.grants, &p.validity) else {
            continue;
        };
        let mut day = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap();
        while day.year_ce().1 < 2030 {
            assert_eq!(
                v.term.end(day),
                kind.implied_until(day),
                "{}: {} since {day}",
                p.id,
                kind.slug()
            );
            day = day + chrono::Days::new(37);
            checked += 1;
        }
    }
    assert!(checked > 1000);
    for kind in [
        CertKind::Hnte,
        CertKind::TechSme,
        CertKind::SmeInnovative,
        CertKind::Srdi,
        CertKind::LittleGiant,
    ] {
        assert!(
            packs
                .iter()
                .any(|p| p.grants == Some(kind) && p.validity.is_some()),
            "{} has a cited validity",
            kind.slug()
        );
    }
}

use chrono::Datelike;

#[test]
fn the_calendar_is_rfc_5545() {
    for case in cases() {
        let as_of = parse_date(case["as_of"].as_str().unwrap()).unwrap();
        let profile = Profile::from_value(&case["profile"]).unwrap();
        let packs = packs_for(case["programs"].as_array().unwrap());
        let p = plan(&packs, &profile, as_of);
        for lang in [Lang::Zh, Lang::En] {
            let cal = ics::calendar(&p, lang);
            assert!(cal.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
            assert!(cal.ends_with("END:VCALENDAR\r\n"));
            assert!(!cal.replace("\r\n", "").contains('\n'), "bare LF");
            let lines: Vec<&str> = cal.split("\r\n").filter(|l| !l.is_empty()).collect();
            for l in &lines {
                assert!(l.len() <= 75, "{} octets: {l}", l.len());
            }
            let unfolded = cal.replace("\r\n ", "");
            let events: Vec<&str> = unfolded.split("BEGIN:VEVENT").skip(1).collect();
            assert_eq!(events.len(), unfolded.matches("END:VEVENT").count());
            for e in &events {
                for prop in [
                    "UID:",
                    "DTSTAMP:",
                    "DTSTART;VALUE=DATE:",
                    "DTEND;VALUE=DATE:",
                    "SUMMARY:",
                ] {
                    assert!(e.contains(&format!("\r\n{prop}")), "{prop} in {e}");
                }
                let date = |p: &str| {
                    let v = e.split(p).nth(1).unwrap().split("\r\n").next().unwrap();
                    NaiveDate::parse_from_str(v, "%Y%m%d").unwrap()
                };
                assert!(date("DTEND;VALUE=DATE:") > date("DTSTART;VALUE=DATE:"));
            }
            let uids: Vec<&str> = unfolded
                .split("\r\n")
                .filter(|l| l.starts_with("UID:"))
                .collect();
            let mut unique = uids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), uids.len(), "UIDs are unique");
        }
    }
}

#[test]
fn the_calendar_holds_the_calls_on_record_and_expected_ones_as_reminders() {
    let packs = packs_for(&[json!("cn-tech-sme"), json!("cn-hnte")]);
    let profile = Profile::from_value(&json!({"province": "guangdong",
        "certifications": [{"kind": "hnte", "since": "2024-11-01", "until": "2027-10-31"}]}))
    .unwrap();
    let p = plan(&packs, &profile, parse_date("2026-05-10").unwrap());
    let cal = ics::calendar(&p, Lang::Zh).replace("\r\n ", "");
    // Guangdong's three tech-based SME batches of 2026, on record: the first with its days.
    assert!(
        cal.contains("DTSTART;VALUE=DATE:20260601\r\nDTEND;VALUE=DATE:20260701"),
        "{cal}"
    );
    assert!(cal.contains("DTSTART;VALUE=DATE:20260731\r\n"));
    assert!(cal.contains("SUMMARY:科技型中小企业:第1批申报期"));
    // HNTE in Guangdong: no 2026 notice on record, so a reminder for the month expected.
    assert!(cal.contains("DTSTART;VALUE=DATE:20260501\r\n"), "{cal}");
    assert!(cal.contains("(预计)"));
    // The certificate's end, with a reminder 90 days before.
    assert!(cal.contains("DTSTART;VALUE=DATE:20271031\r\nDTEND;VALUE=DATE:20271101"));
    assert!(cal.contains("TRIGGER:-P90D"));
}

fn pack_with(extra: Value) -> Value {
    let mut pack: Value = serde_json::from_str(
        bundled::FILES
            .iter()
            .find(|(n, _)| *n == "cn-hnte.json")
            .unwrap()
            .1,
    )
    .unwrap();
    for (k, v) in extra.as_object().unwrap() {
        pack[k] = v.clone();
    }
    pack
}

fn first_error(pack: Value) -> String {
    let errors = Pack::from_value(&pack).unwrap_err();
    errors.first().message(Lang::En)
}

#[test]
fn bad_windows_and_validity_are_refused_naming_the_field() {
    let notice = json!({"title": {"zh": "通知", "en": "Notice"}});
    let window = |extra: Value| {
        let mut w = json!({"year": 2026, "notice": notice, "confidence": "3P"});
        for (k, v) in extra.as_object().unwrap() {
            w[k] = v.clone();
        }
        json!({"windows": {"known": [w]}})
    };
    let cases = [
        (
            window(json!({"opens": "2026-02-30"})),
            "windows.known[0].opens",
        ),
        (window(json!({})), "windows.known[0]"),
        (
            window(json!({"opens": "2026-01-01", "all_year": true})),
            "windows.known[0]",
        ),
        (
            window(json!({"opens": "2026-06-01", "closes": "2026-05-01"})),
            "windows.known[0].closes",
        ),
        (
            window(json!({"opens": "2025-06-01"})),
            "windows.known[0].opens",
        ),
        (
            window(json!({"batches": [{"closes": "2026-07-01"}, {"closes": "2026-06-01"}]})),
            "windows.known[0].batches[1]",
        ),
        (
            window(json!({"batches": [{"opens": "2026-07-01"}, {"closes": "2026-08-01"}]})),
            "windows.known[0].batches[0].closes",
        ),
        (
            window(json!({"year": 1999, "closes": "1999-01-01"})),
            "windows.known[0].year",
        ),
        (
            window(json!({"closes": "2026-07-01", "confidence": "sure"})),
            "windows.known[0].confidence",
        ),
        (
            window(json!({"closes": "2026-07-01", "notice": {"number": "x"}})),
            "windows.known[0].notice.title",
        ),
        (
            window(json!({"closes": "2026-07-01", "region": {"province": "atlantis"}})),
            "windows.known[0].region.province",
        ),
        (json!({"windows": {"known": [], "when": 1}}), "windows.when"),
        (
            json!({"validity": {"years": 3, "until_next_year": "03-31", "source": [{"doc": "gkfh-2016-32"}], "confidence": "3P"}}),
            "validity",
        ),
        (
            json!({"validity": {"until_next_year": "02-29", "source": [{"doc": "gkfh-2016-32"}], "confidence": "3P"}}),
            "validity.until_next_year",
        ),
        (
            json!({"validity": {"years": 0, "source": [{"doc": "gkfh-2016-32"}], "confidence": "3P"}}),
            "validity.years",
        ),
        (
            json!({"validity": {"years": 3, "source": [{"doc": "nowhere"}], "confidence": "3P"}}),
            "validity.source[0].doc",
        ),
        (
            json!({"validity": {"years": 3, "confidence": "3P"}}),
            "validity.source",
        ),
    ];
    for (extra, path) in cases {
        let msg = first_error(pack_with(extra.clone()));
        assert!(msg.starts_with(path), "{extra}: `{msg}` should name {path}");
    }
    let mut no_grant = pack_with(json!({}));
    no_grant.as_object_mut().unwrap().remove("grants");
    assert!(first_error(no_grant).starts_with("validity"));
}
