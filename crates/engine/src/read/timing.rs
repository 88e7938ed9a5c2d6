//! A pack's application windows and the validity of what it grants (`model::timing`).

use chrono::{Datelike, NaiveDate};
use serde_json::Value;

use super::json::{date_order, index_path, key_path, opt, Cx, Obj};
use super::pack::{cite, confidence, read_document, read_region, read_source_refs};
use crate::error::Error;
use crate::model::timing::{Notice, Period, Term, Validity, Window, WindowKind, Windows};
use crate::model::SourceDoc;

const WINDOW_FIELDS: &[&str] = &[
    "year",
    "region",
    "opens",
    "closes",
    "batches",
    "all_year",
    "notice",
    "confidence",
    "note",
];

pub(super) fn read_windows(cx: &mut Cx, v: &Value, path: &str) -> Windows {
    let Some(m) = cx.obj(v, path, &["usual", "known"]) else {
        return Windows::default();
    };
    let usual = cx.field(m, path, "usual", false, Cx::text);
    let kpath = key_path(path, "known");
    let list = cx.req(m, path, "known").and_then(|v| cx.arr(v, &kpath));
    let mut known = Vec::new();
    for (i, v) in list.into_iter().flatten().enumerate() {
        if let Some(w) = read_window(cx, v, &index_path(&kpath, i)) {
            known.push(w);
        }
    }
    Windows { usual, known }
}

fn read_window(cx: &mut Cx, v: &Value, path: &str) -> Option<Window> {
    let m = cx.obj(v, path, WINDOW_FIELDS)?;
    let year = cx.field(m, path, "year", true, Cx::num).and_then(|n| {
        let ok =
            n.is_integer() && n >= crate::num::Num::int(2000) && n <= crate::num::Num::int(2100);
        if !ok {
            cx.push(Error::OutOfRange {
                path: key_path(path, "year"),
                value: n.to_string(),
                min: "2000".into(),
                max: "2100".into(),
            });
        }
        ok.then(|| n.numer() as i32)
    });
    let region = opt(m, "region")
        .map(|v| read_region(cx, v, &key_path(path, "region")))
        .unwrap_or_default();
    let kind = read_kind(cx, m, path, year);
    let confidence = cx
        .req(m, path, "confidence")
        .and_then(|v| confidence(cx, v, &key_path(path, "confidence")));
    let notice = cx
        .req(m, path, "notice")
        .and_then(|v| read_notice(cx, v, &key_path(path, "notice")));
    let note = cx.field(m, path, "note", false, Cx::text);
    Some(Window {
        year: year?,
        region,
        kind: kind?,
        notice: notice?,
        confidence: confidence?,
        note,
    })
}

/// A notice: a document as the pack's `sources` list them, without an id.
fn read_notice(cx: &mut Cx, v: &Value, path: &str) -> Option<Notice> {
    let m = cx.obj(v, path, &["title", "number", "date", "url", "note"])?;
    read_document(cx, m, path)
}

/// One period (`opens`, `closes`), `batches`, or `all_year`: exactly one of the three.
fn read_kind(cx: &mut Cx, m: &Obj, path: &str, year: Option<i32>) -> Option<WindowKind> {
    let single = opt(m, "opens").is_some() || opt(m, "closes").is_some();
    let batches = opt(m, "batches");
    let all_year = match opt(m, "all_year") {
        Some(v) => cx.bool(v, &key_path(path, "all_year"))?,
        None => false,
    };
    let given = [single, batches.is_some(), all_year];
    if given.iter().filter(|g| **g).count() != 1 {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: "give the days of the call as `opens` / `closes`, as `batches`, or as \
                     `all_year`: true, and only one of them"
                .into(),
        });
        return None;
    }
    if all_year {
        return Some(WindowKind::AllYear);
    }
    if single {
        let p = read_period(cx, m, path, year)?;
        return Some(WindowKind::Once(p));
    }
    let bpath = key_path(path, "batches");
    let list = cx.arr(batches?, &bpath)?;
    if list.len() < 2 {
        cx.push(Error::Invalid {
            path: bpath.clone(),
            detail: "a call in batches lists at least two; one period is `opens` / `closes`".into(),
        });
    }
    let mut out: Vec<Period> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&bpath, i);
        let Some(o) = cx.obj(v, &p, &["opens", "closes"]) else {
            continue;
        };
        let Some(period) = read_period(cx, o, &p, year) else {
            continue;
        };
        if period.closes.is_none() {
            cx.push(Error::MissingField {
                path: key_path(&p, "closes"),
            });
            continue;
        }
        let before = out.last().and_then(|b| b.closes);
        let first = period.opens.or(period.closes);
        if let (Some(before), Some(first)) = (before, first) {
            if first <= before {
                cx.push(Error::Invalid {
                    path: p.clone(),
                    detail: "batches are listed in date order, each after the one before".into(),
                });
            }
        }
        out.push(period);
    }
    Some(WindowKind::Batches(out))
}

/// `opens` and `closes` of an object, at least one given, in order, in the call's year (a
/// deadline may fall early in the next).
fn read_period(cx: &mut Cx, m: &Obj, path: &str, year: Option<i32>) -> Option<Period> {
    let opens = cx.field(m, path, "opens", false, Cx::date);
    let closes = cx.field(m, path, "closes", false, Cx::date);
    if opt(m, "opens").is_none() && opt(m, "closes").is_none() {
        cx.push(Error::MissingField {
            path: key_path(path, "closes"),
        });
        return None;
    }
    if let (Some(o), Some(c)) = (opens, closes) {
        cx.extend(date_order(path, ("opens", o), ("closes", c)));
    }
    for (key, d) in [("opens", opens), ("closes", closes)] {
        if let (Some(d), Some(y)) = (d, year) {
            if d.year() != y && !(key == "closes" && d.year() == y + 1) {
                cx.push(Error::Invalid {
                    path: key_path(path, key),
                    detail: format!("{d} is not in the call's year {y}"),
                });
            }
        }
    }
    Some(Period { opens, closes })
}

const VALIDITY_FIELDS: &[&str] = &[
    "years",
    "until_next_year",
    "reviewed_every_years",
    "renewal",
    "source",
    "confidence",
];

pub(super) fn read_validity(
    cx: &mut Cx,
    v: &Value,
    sources: &[SourceDoc],
    docs: &[(&str, usize)],
) -> Option<Validity> {
    let path = "validity";
    let m = cx.obj(v, path, VALIDITY_FIELDS)?;
    let term = read_term(cx, m, path);
    let renewal = cx.field(m, path, "renewal", false, Cx::text);
    let confidence = cx
        .req(m, path, "confidence")
        .and_then(|v| confidence(cx, v, &key_path(path, "confidence")));
    let source = read_source_refs(cx, m, path, docs);
    let cite = cite(sources, docs, &source);
    Some(Validity {
        term: term?,
        renewal,
        source,
        cite,
        confidence: confidence?,
    })
}

/// `years`, `until_next_year` ("MM-DD") or `reviewed_every_years`: exactly one.
fn read_term(cx: &mut Cx, m: &Obj, path: &str) -> Option<Term> {
    let keys = ["years", "until_next_year", "reviewed_every_years"];
    let given: Vec<&str> = keys.into_iter().filter(|k| opt(m, k).is_some()).collect();
    let [key] = given.as_slice() else {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: "say how long it lasts with one of `years`, `until_next_year` or \
                     `reviewed_every_years`"
                .into(),
        });
        return None;
    };
    let at = key_path(path, key);
    let v = opt(m, key)?;
    if *key == "until_next_year" {
        let s = cx.str(v, &at)?;
        // A day that exists in every year: 02-29 is refused along with 02-30.
        let day = s
            .split_once('-')
            .filter(|(a, b)| a.len() == 2 && b.len() == 2)
            .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)))
            .filter(|(mo, d)| NaiveDate::from_ymd_opt(2023, *mo, *d).is_some());
        return match day {
            Some((month, day)) => Some(Term::ToNextYear { month, day }),
            None => {
                cx.push(Error::Invalid {
                    path: at,
                    detail: format!("`{s}` is not a month and day as MM-DD"),
                });
                None
            }
        };
    }
    let n = cx.num(v, &at)?;
    if !(n.is_integer() && n >= crate::num::Num::ONE && n <= crate::num::Num::int(10)) {
        cx.push(Error::OutOfRange {
            path: at,
            value: n.to_string(),
            min: "1".into(),
            max: "10".into(),
        });
        return None;
    }
    let n = n.numer() as u32;
    Some(match *key {
        "years" => Term::Years(n),
        _ => Term::ReviewedEvery(n),
    })
}
