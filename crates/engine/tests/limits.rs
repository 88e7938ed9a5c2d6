//! Reading is bounded and strict: every document costs time in proportion to its length, the
//! limits of `qualify_engine::limits` are refused with an error naming the limit and the field,
//! a key twice or a number a float would round is refused, and profiles and packs hold numbers
//! to the same rule.

use std::time::{Duration, Instant};

use qualify_engine::limits::{
    MAX_DEPTH, MAX_DOCUMENT_BYTES, MAX_ENTRIES, MAX_ERRORS, MAX_RULE_DEPTH,
};
use qualify_engine::{bundled, evaluate, parse_date, Error, Lang, Pack, Profile, Status};

/// Generous for a debug build on a loaded 2-core machine; the quadratic readers took 9 s for
/// what each of these reads.
const QUICK: Duration = Duration::from_secs(3);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < QUICK, "{what} took {took:?}");
    out
}

fn profile_errors(text: &str) -> Vec<Error> {
    Profile::from_json(text)
        .err()
        .map(|e| e.0)
        .unwrap_or_default()
}

fn pack_errors(text: &str) -> Vec<Error> {
    Pack::from_json(text).err().map(|e| e.0).unwrap_or_default()
}

/// A pack of one version whose criteria are `criteria` (JSON objects, comma-joined), citing
/// document `d`; `extra` is spliced into the pack object.
fn pack(criteria: &str, extra: &str) -> String {
    format!(
        r#"{{"schema": "qualify.pack/1", "id": "t", "name": {{"zh": "测试", "en": "Test"}},
            "level": "national", "issuer": {{"zh": "测试", "en": "Test"}}{extra},
            "sources": [{{"id": "d", "title": {{"zh": "文件", "en": "Document"}}}}],
            "versions": [{{"id": "v1", "effective_from": "2020-01-01", "criteria": [{criteria}]}}]}}"#
    )
}

fn criterion(id: &str, rule: &str) -> String {
    format!(
        r#"{{"id": "{id}", "label": {{"zh": "条件", "en": "Criterion"}}, "confidence": "3P",
            "source": [{{"doc": "d"}}], "rule": {rule}}}"#
    )
}

fn ids(n: usize) -> String {
    (0..n)
        .map(|i| format!("\"N{i}\""))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn long_id_lists_read_in_one_sort_up_to_the_limit_and_are_refused_past_it() {
    let text = format!(
        r#"{{"confirmations": [{}], "declined": [{}]}}"#,
        ids(MAX_ENTRIES),
        ids(MAX_ENTRIES)
    );
    let errs = timed("two full lists", || profile_errors(&text));
    // Each id is both confirmed and declined.
    assert!(
        errs.iter().all(|e| !matches!(e, Error::TooMany { .. })),
        "{errs:?}"
    );
    let ok = format!(r#"{{"confirmations": [{}, "N3"]}}"#, ids(MAX_ENTRIES - 1));
    let p = Profile::from_json(&ok).unwrap();
    assert_eq!(p.confirmations.iter().count(), MAX_ENTRIES - 1);
    assert!(p.confirmations.contains("N998") && p.confirmations.contains("N3"));

    let huge = format!(r#"{{"confirmations": [{}]}}"#, ids(90_000));
    let errs = timed("90,000 ids", || profile_errors(&huge));
    assert!(
        matches!(&errs[..], [Error::TooMany { path, max }] if path == "confirmations" && *max == MAX_ENTRIES),
        "{errs:?}"
    );
    assert_eq!(
        errs[0].message(Lang::En),
        format!("confirmations: too many entries; at most {MAX_ENTRIES}")
    );
}

#[test]
fn a_document_past_the_size_limit_is_refused_before_it_is_read() {
    let text = format!(r#"{{"name": "{}"}}"#, "x".repeat(MAX_DOCUMENT_BYTES));
    let errs = timed("a long document", || profile_errors(&text));
    assert!(
        matches!(&errs[..], [Error::TooLarge { bytes, max }] if *bytes == text.len() && *max == MAX_DOCUMENT_BYTES),
        "{errs:?}"
    );
    assert!(matches!(&pack_errors(&text)[..], [Error::TooLarge { .. }]));
}

#[test]
fn nesting_past_the_limit_is_refused_with_its_path() {
    let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
    let text = format!(r#"{{"name": {deep}}}"#);
    let errs = profile_errors(&text);
    assert!(
        matches!(&errs[..], [Error::TooDeep { path, max }] if path.starts_with("name[0][0]") && *max == MAX_DEPTH),
        "{errs:?}"
    );
}

#[test]
fn a_pack_with_many_parts_checks_quickly_and_rules_nest_only_so_deep() {
    // A thousand criteria of a thousand parts' worth: every id distinct, so nothing to report.
    let parts: Vec<String> = (0..MAX_ENTRIES)
        .map(|i| format!(r#"{{"kind": "declared", "id": "p{i}"}}"#))
        .collect();
    let wide = criterion(
        "C0",
        &format!(r#"{{"kind": "all", "of": [{}]}}"#, parts.join(",")),
    );
    let many: Vec<String> = (1..MAX_ENTRIES)
        .map(|i| criterion(&format!("C{i}"), r#"{"kind": "declared"}"#))
        .collect();
    let text = pack(&format!("{wide},{}", many.join(",")), "");
    let wide = timed("a wide pack", || Pack::from_json(&text)).unwrap();
    assert_eq!(wide.versions[0].criteria.len(), MAX_ENTRIES);

    // Repeats are found wherever they are, each at its own path.
    let text = pack_text_with_repeats();
    let errs = timed("repeated ids", || pack_errors(&text));
    let paths: Vec<&str> = errs.iter().map(|e| e.path()).collect();
    assert_eq!(
        paths,
        [
            "versions[0].criteria[0].rule.of[3].id",
            "versions[0].criteria[0].rule.of[5].id",
            "versions[0].criteria[2].id",
        ],
        "{errs:?}"
    );

    // Rules MAX_RULE_DEPTH deep are read; one level more is refused, at each rule too deep.
    let nested = |levels: usize| {
        let mut rule = r#"{"kind": "declared", "id": "leaf"}"#.to_string();
        for i in 1..levels {
            rule = format!(
                r#"{{"kind": "any", "id": "a{i}", "of": [{rule}, {{"kind": "declared", "id": "b{i}"}}]}}"#
            );
        }
        pack(&criterion("C1", &rule), "")
    };
    assert!(Pack::from_json(&nested(MAX_RULE_DEPTH)).is_ok());
    let errs = pack_errors(&nested(MAX_RULE_DEPTH + 1));
    let at = |last: &str| {
        let of = ".of[0]".repeat(MAX_RULE_DEPTH - 1);
        format!("versions[0].criteria[0].rule{of}{last}")
    };
    assert!(
        matches!(&errs[..], [Error::RulesTooDeep { path: a, max }, Error::RulesTooDeep { path: b, .. }]
            if *a == at(".of[0]") && *b == at(".of[1]") && *max == MAX_RULE_DEPTH),
        "{errs:?}"
    );
    assert_eq!(
        errs[0].message(Lang::En),
        format!(
            "{}: rules nested too deeply; at most 10 levels",
            at(".of[0]")
        )
    );
}

fn pack_text_with_repeats() -> String {
    let of = ["x", "y", "z", "x", "w", "y"]
        .map(|id| format!(r#"{{"kind": "declared", "id": "{id}"}}"#))
        .join(",");
    let c0 = criterion("A", &format!(r#"{{"kind": "all", "of": [{of}]}}"#));
    let c1 = criterion("B", r#"{"kind": "declared"}"#);
    let c2 = criterion("A", r#"{"kind": "declared"}"#);
    pack(&format!("{c0},{c1},{c2}"), "")
}

#[test]
fn errors_past_the_limit_are_counted_not_kept() {
    // 700 certifications of 140 unknown keys each, and each missing its two required fields.
    let keys: Vec<String> = (0..140).map(|k| format!(r#""k{k}": 0"#)).collect();
    let cert = format!("{{{}}}", keys.join(","));
    let text = format!(r#"{{"certifications": [{}]}}"#, vec![cert; 700].join(","));
    assert!(text.len() < MAX_DOCUMENT_BYTES);
    let errs = timed("98,000 errors", || Profile::from_json(&text)).unwrap_err();
    assert_eq!(errs.0.len(), MAX_ERRORS + 1);
    assert_eq!(errs.total(), 700 * 142);
    let last = errs.0.last().unwrap();
    assert_eq!(
        last,
        &Error::More {
            count: 700 * 142 - MAX_ERRORS
        }
    );
    assert_eq!(last.message(Lang::En), "99300 more errors not listed");
    assert_eq!(last.message(Lang::Zh), "另有 99300 处错误未列出");
}

#[test]
fn a_key_twice_is_refused_with_its_path() {
    let errs = profile_errors(r#"{"years": {"2024": {"revenue": 100, "revenue": 90000}}}"#);
    assert!(
        matches!(&errs[..], [Error::DuplicateKey { path }] if path == "years.2024.revenue"),
        "{errs:?}"
    );
    assert_eq!(
        errs[0].message(Lang::En),
        "years.2024.revenue: duplicate key: a key may appear only once in an object"
    );
    let errs = profile_errors(r#"{"certifications": [{"kind": "hnte", "kind": "hnte"}]}"#);
    assert!(
        matches!(&errs[..], [Error::DuplicateKey { path }] if path == "certifications[0].kind"),
        "{errs:?}"
    );
    let text = pack(
        &criterion("C1", r#"{"kind": "declared"}"#),
        r#", "id": "u""#,
    );
    let errs = pack_errors(&text);
    assert!(
        matches!(&errs[..], [Error::DuplicateKey { path }] if path == "id"),
        "{errs:?}"
    );
}

/// Each literal, as a profile's figure and as a pack's threshold: accepted by both, or refused
/// by both for the same reason.
#[test]
fn profiles_and_packs_hold_numbers_to_one_rule() {
    #[derive(Debug, PartialEq)]
    enum Verdict {
        Ok,
        Range,
        Places,
        Digits,
    }
    let verdict = |errs: Vec<Error>| match &errs[..] {
        [] => Verdict::Ok,
        [Error::OutOfRange { .. }] => Verdict::Range,
        [Error::TooPrecise { .. }] => Verdict::Places,
        [Error::TooManyDigits { .. }] => Verdict::Digits,
        other => panic!("{other:?}"),
    };
    let cases = [
        ("52000", Verdict::Ok),
        ("52000.000001", Verdict::Ok),
        ("5.2e4", Verdict::Ok),
        ("1e9", Verdict::Ok),
        ("0.000000", Verdict::Ok),
        ("0e-400", Verdict::Ok),
        ("1.500000000", Verdict::Ok),
        ("-3.25", Verdict::Ok),
        ("1e29", Verdict::Range),
        ("1e400", Verdict::Range),
        ("1e-29", Verdict::Places),
        ("1e-400", Verdict::Places),
        ("1e-7", Verdict::Places),
        ("0.0000001", Verdict::Places),
        ("52000.0000000000001", Verdict::Digits),
        ("1234567890.1234567", Verdict::Digits),
    ];
    for (literal, want) in cases {
        let profile = format!(r#"{{"years": {{"2024": {{"net_profit": {literal}}}}}}}"#);
        let rule = format!(
            r#"{{"kind": "compare", "measure": {{"field": "net_profit", "year": -1}}, "op": ">=", "threshold": {literal}, "unit": "wan"}}"#
        );
        let text = pack(&criterion("C1", &rule), "");
        let (p, k) = (
            verdict(profile_errors(&profile)),
            verdict(pack_errors(&text)),
        );
        assert_eq!(p, want, "profile {literal}");
        assert_eq!(k, want, "pack {literal}");
    }
    // The profile's own bound on amounts (1e10 万元) comes on top of the rule.
    assert!(matches!(
        &profile_errors(r#"{"years": {"2024": {"revenue": 1e12}}}"#)[..],
        [Error::OutOfRange { max, .. }] if max == "1e10"
    ));
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let p = Profile::from_json("\u{feff}{\"name\": \"厦门\"}").unwrap();
    assert_eq!(p.name.as_deref(), Some("厦门"));
}

#[test]
fn control_characters_in_messages_are_escaped() {
    let text = pack(
        &criterion("C1", r#"{"kind": "declared"}"#),
        r#", "grants": "x\n/tmp/p.json: ok (t, 1 versions)\u001b[2K""#,
    );
    let errs = pack_errors(&text);
    let line = errs[0].message(Lang::En);
    assert!(!line.contains('\n') && !line.contains('\u{1b}'), "{line}");
    assert!(
        line.contains(r"x\n/tmp/p.json: ok") && line.contains(r"\u{1b}[2K"),
        "{line}"
    );
    let key = profile_errors(r#"{"a\nb": 1}"#);
    assert_eq!(key[0].path(), "a\nb");
    assert!(key[0].message(Lang::Zh).starts_with(r"a\nb: "));
}

/// A compound rate of 12.345 % over nine years: (1.12345)^9 needs 129 bits for its
/// denominator alone, past what the exact ratio holds, which gave `not-assessable`.
#[test]
fn a_compound_rate_with_decimals_over_nine_years_is_computed() {
    let rule = |t: &str| {
        format!(
            r#"{{"kind": "compare", "measure": {{"growth": "revenue", "method": "cagr", "years": [-10, -1]}}, "op": ">=", "threshold": {t}, "unit": "percent"}}"#
        )
    };
    let text = pack(
        &format!(
            "{},{}",
            criterion("C1", &rule("12.345")),
            criterion("C2", &rule("12.346"))
        ),
        "",
    );
    let packs = [Pack::from_json(&text).unwrap()];
    // 10^6 × 1.12345^9 = 2,850,911.5…, and 1.12346^9 gives 2,851,139.9…
    let years: Vec<String> = (2015..=2024)
        .map(|y| {
            let revenue = match y {
                2015 => 1_000_000,
                2024 => 2_850_912,
                _ => 1_500_000,
            };
            format!(r#""{y}": {{"revenue": {revenue}}}"#)
        })
        .collect();
    let profile = Profile::from_json(&format!(r#"{{"years": {{{}}}}}"#, years.join(","))).unwrap();
    let result = evaluate(&packs, &profile, parse_date("2025-06-30").unwrap());
    let statuses: Vec<Status> = result.programs[0]
        .criteria
        .iter()
        .map(|c| c.check.status)
        .collect();
    assert_eq!(statuses, [Status::Met, Status::NotMet]);
}

#[test]
fn every_bundled_pack_is_within_the_limits() {
    for (name, text) in bundled::FILES {
        assert!(Pack::from_json(text).is_ok(), "{name}");
    }
}
