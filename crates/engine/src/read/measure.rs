//! Measures: fields and years, ratios, growth rates and durations.

use serde_json::Value;

use super::json::{index_path, key_path, opt, Cx, Obj};
use super::rule::cert_list;
use crate::error::Error;
use crate::model::fields::{DateField, ScalarField, YearField};
use crate::model::{Agg, Growth, Measure, Until};
use crate::num::Num;

fn year_offset(cx: &mut Cx, v: &Value, path: &str) -> Option<i32> {
    let n = cx.num(v, path)?;
    if !n.is_integer() || n > Num::ZERO || n < Num::int(-10) {
        cx.push(Error::OutOfRange {
            path: path.into(),
            value: n.to_string(),
            min: "-10".into(),
            max: "0".into(),
        });
        return None;
    }
    Some(n.numer() as i32)
}

fn year_span(cx: &mut Cx, o: &Obj, path: &str) -> Option<(i32, i32)> {
    let p = key_path(path, "years");
    let list = cx.req(o, path, "years").and_then(|v| cx.arr(v, &p))?;
    if list.len() != 2 {
        cx.push(Error::Invalid {
            path: p,
            detail: "give the first and last year offsets, e.g. [-3, -1]".into(),
        });
        return None;
    }
    let from = year_offset(cx, &list[0], &index_path(&p, 0))?;
    let to = year_offset(cx, &list[1], &index_path(&p, 1))?;
    if from > to {
        cx.push(Error::Invalid {
            path: p,
            detail: "the first year comes before the last".into(),
        });
        return None;
    }
    Some((from, to))
}

fn until(cx: &mut Cx, o: &Obj, path: &str) -> Until {
    opt(o, "until")
        .and_then(|v| cx.word(v, &key_path(path, "until"), Until::VOCAB))
        .unwrap_or(Until::AsOf)
}

fn year_field(cx: &mut Cx, v: &Value, path: &str) -> Option<YearField> {
    cx.word(v, path, YearField::VOCAB)
}

pub(super) fn read_measure(cx: &mut Cx, v: &Value, path: &str) -> Option<Measure> {
    let Value::Object(o) = v else {
        cx.obj(v, path, &[]);
        return None;
    };
    if let Some(r) = o.get("ratio") {
        cx.obj(v, path, &["ratio"]);
        let p = key_path(path, "ratio");
        let list = cx.arr(r, &p)?;
        if list.len() != 2 {
            cx.push(Error::Invalid {
                path: p,
                detail: "a ratio is [numerator, denominator]".into(),
            });
            return None;
        }
        let a = read_measure(cx, &list[0], &index_path(&p, 0));
        let b = read_measure(cx, &list[1], &index_path(&p, 1));
        return Some(Measure::Ratio(Box::new(a?), Box::new(b?)));
    }
    if let Some(g) = o.get("growth") {
        cx.obj(v, path, &["growth", "method", "years", "hnte_rules"]);
        let field = year_field(cx, g, &key_path(path, "growth"));
        let mpath = key_path(path, "method");
        let method = cx
            .req(o, path, "method")
            .and_then(|m| cx.word(m, &mpath, Growth::VOCAB));
        // The spelling before the zero-year rules were a method of their own, which host packs
        // may still use: a mean ratio with `"hnte_rules": true`.
        let zero_years = cx
            .field(o, path, "hnte_rules", false, Cx::bool)
            .unwrap_or(false);
        let (from, to) = year_span(cx, o, path)?;
        let method = match method? {
            Growth::MeanRatio if zero_years => Growth::MeanRatioZeroYears,
            method => method,
        };
        if !method.spans(from, to) {
            cx.push(Error::Invalid {
                path: key_path(path, "years"),
                detail: "yoy spans two years, mean-ratio and mean-ratio-zero-years three, cagr at least two".into(),
            });
        }
        return Some(Measure::Growth {
            field: field?,
            method,
            from,
            to,
        });
    }
    if let Some(d) = o.get("years_since") {
        cx.obj(v, path, &["years_since", "until"]);
        let date = cx.word(d, &key_path(path, "years_since"), DateField::VOCAB);
        let until = until(cx, o, path);
        return Some(Measure::YearsSince { date: date?, until });
    }
    if let Some(k) = o.get("years_held") {
        cx.obj(v, path, &["years_held", "until"]);
        let kinds = cert_list(cx, k, &key_path(path, "years_held"));
        let until = until(cx, o, path);
        return Some(Measure::YearsHeld {
            kinds: kinds?,
            until,
        });
    }
    let Some(f) = o.get("field") else {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: "a measure has `field`, `ratio`, `growth`, `years_since` or `years_held`"
                .into(),
        });
        return None;
    };
    let fpath = key_path(path, "field");
    let name = cx.str(f, &fpath)?;
    if let Some(sf) = ScalarField::from_slug(name) {
        cx.obj(v, path, &["field"]);
        return Some(Measure::Scalar(sf));
    }
    let Some(field) = YearField::from_slug(name) else {
        let mut allowed: Vec<String> = YearField::VOCAB
            .iter()
            .map(|(s, _)| s.to_string())
            .collect();
        allowed.extend(ScalarField::VOCAB.iter().map(|(s, _)| s.to_string()));
        cx.push(Error::UnknownValue {
            path: fpath,
            value: name.into(),
            allowed,
        });
        return None;
    };
    if o.contains_key("years") {
        cx.obj(v, path, &["field", "years", "agg", "since_registration"]);
        let (from, to) = year_span(cx, o, path)?;
        let agg = cx
            .req(o, path, "agg")
            .and_then(|a| cx.word(a, &key_path(path, "agg"), Agg::VOCAB))?;
        let since_registration = cx
            .field(o, path, "since_registration", false, Cx::bool)
            .unwrap_or(false);
        return Some(Measure::Years {
            field,
            from,
            to,
            agg,
            since_registration,
        });
    }
    cx.obj(v, path, &["field", "year"]);
    let year = cx
        .req(o, path, "year")
        .and_then(|y| year_offset(cx, y, &key_path(path, "year")))?;
    Some(Measure::Year { field, year })
}

#[cfg(test)]
mod tests {
    use crate::{bundled, Pack};

    /// A mean ratio with `"hnte_rules": true`, the spelling of packs written before the zero-year
    /// rules were a method of their own, reads as `mean-ratio-zero-years`.
    #[test]
    fn the_old_spelling_of_the_zero_year_rules_still_reads() {
        let (_, text) = bundled::FILES
            .iter()
            .find(|(name, _)| *name == "cn-hnte.json")
            .unwrap();
        let new = r#""method":"mean-ratio-zero-years","years":[-3,-1]"#;
        assert!(text.contains(new));
        let old = text.replace(
            new,
            r#""method":"mean-ratio","years":[-3,-1],"hnte_rules":true"#,
        );
        let (then, now) = (
            Pack::from_json(&old).unwrap(),
            Pack::from_json(text).unwrap(),
        );
        assert_eq!(then.versions, now.versions);
        let plain = text.replace(
            new,
            r#""method":"mean-ratio","years":[-3,-1],"hnte_rules":false"#,
        );
        assert_ne!(Pack::from_json(&plain).unwrap().versions, now.versions);
    }
}
