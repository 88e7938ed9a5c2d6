//! Score tables: each item's range of points (bands, self-assessed points, the best of several
//! ways), groups with their minimums and caps, and the total against the pass line. Unknown
//! inputs and ranged bands widen the range rather than guess within it.

use super::brief::Brief;
use super::compare::{progress, value_status};
use super::result::{Check, GroupResult, ItemResult, ScoreResult, Shown, Status};
use super::unknown::{union, Needs, Unknown, Val};
use super::Ctx;
use crate::inputs::InputRef;
use crate::model::{Band, Item, ItemKind, Measure, Op, Rule, Score, Threshold};
use crate::num::Num;
use crate::profile::Unit;

/// A score's total against its pass line, from its items' ranges.
struct Tally {
    lo: Num,
    hi: Num,
    status: Status,
    gap: Option<Num>,
    progress: f64,
}

/// The total of `s` whose `i`th item scores `range(i)` and which still needs `needs`; each
/// group's result is pushed to `groups` if given.
fn tally<'p>(
    s: &'p Score,
    range: impl Fn(usize) -> (Num, Num),
    needs: &[InputRef],
    mut groups: Option<&mut Vec<GroupResult<'p>>>,
) -> Tally {
    let find = |id: &str| s.items.iter().position(|i| i.id == id).map(&range);
    let mut total = (Num::ZERO, Num::ZERO);
    let mut group_fail = false;
    let mut group_pass = true;
    for g in &s.groups {
        let mut lo = Num::ZERO;
        let mut hi = Num::ZERO;
        for id in &g.items {
            if let Some((min, max)) = find(id) {
                lo = lo.checked_add(min).unwrap_or(lo);
                hi = hi.checked_add(max).unwrap_or(hi);
            }
        }
        if let Some(cap) = g.cap {
            lo = lo.min(cap);
            hi = hi.min(cap);
            total = (
                total.0.checked_add(lo).unwrap_or(total.0),
                total.1.checked_add(hi).unwrap_or(total.1),
            );
        }
        let status = match g.min {
            Some(min) if hi < min => Status::NotMet,
            Some(min) if lo < min => Status::Uncertain,
            _ => Status::Met,
        };
        group_fail |= status == Status::NotMet;
        group_pass &= status == Status::Met;
        if let Some(groups) = groups.as_deref_mut() {
            groups.push(GroupResult {
                id: &g.id,
                label: &g.label,
                min: lo,
                max: hi,
                required: g.min,
                cap: g.cap,
                status,
            });
        }
    }
    let capped = |id: &str| {
        s.groups
            .iter()
            .any(|g| g.cap.is_some() && g.items.iter().any(|i| i == id))
    };
    for (i, it) in s.items.iter().enumerate() {
        if !capped(&it.id) {
            let (min, max) = range(i);
            total = (
                total.0.checked_add(min).unwrap_or(total.0),
                total.1.checked_add(max).unwrap_or(total.1),
            );
        }
    }
    let (lo, hi) = total;
    let status = if group_fail || !s.pass_op.holds(hi, s.pass) {
        Status::NotMet
    } else if group_pass && s.pass_op.holds(lo, s.pass) {
        Status::Met
    } else if needs.is_empty() {
        Status::Uncertain
    } else if needs.iter().all(|n| matches!(n, InputRef::Confirmation(_))) {
        // Only declarations stand between the range and a verdict.
        Status::Unconfirmed
    } else {
        Status::Missing
    };
    let needed = match s.pass_op {
        Op::Gt => s.pass.checked_add(Num::ONE),
        _ => Some(s.pass),
    };
    Tally {
        lo,
        hi,
        status,
        gap: (status == Status::NotMet)
            .then(|| needed.and_then(|n| n.checked_sub(hi)))
            .flatten()
            .filter(|g| !g.is_negative() && !g.is_zero()),
        progress: progress(hi, s.pass, s.pass_op, status == Status::Met),
    }
}

impl Ctx<'_> {
    /// Writes a score's result into `out`, a fresh result (`Check::new`).
    pub(super) fn score<'p>(&self, out: &mut Check<'p>, s: &'p Score) {
        let items: Vec<ItemResult<'p>> = s.items.iter().map(|i| self.item(i)).collect();
        let needs = union(items.iter().map(|it| it.needs.as_slice()));
        let mut groups = Vec::new();
        let Tally {
            lo,
            hi,
            status,
            gap,
            progress,
        } = tally(
            s,
            |i| (items[i].min, items[i].max),
            &needs,
            Some(&mut groups),
        );
        out.status = status;
        out.actual = Some(if lo == hi {
            Shown::Num(lo)
        } else {
            Shown::Range { min: lo, max: hi }
        });
        out.required = Some(Shown::Num(s.pass));
        out.gap = gap;
        out.op = Some(s.pass_op);
        out.unit = Some(Unit::Points);
        out.progress = Some(progress);
        if !matches!(status, Status::Met | Status::NotMet) {
            out.needs = needs;
        }
        let mut reach = None;
        if status != Status::Met {
            let now: Vec<Num> = items.iter().map(|i| i.min).collect();
            if let Some((fix, lo, hi)) = self.score_goal(s, &now) {
                out.fix = fix;
                reach = Some(Shown::Range { min: lo, max: hi });
            }
        }
        out.score = Some(Box::new(ScoreResult {
            min: lo,
            max: hi,
            pass_op: s.pass_op,
            pass: s.pass,
            items,
            groups,
            reach,
        }));
    }

    /// What screening reads of [`Ctx::score`]'s result: the items' ranges alone.
    pub(super) fn score_brief(&self, s: &Score) -> Brief {
        let mut needs = Needs::NONE;
        let ranges: Vec<(Num, Num)> = s
            .items
            .iter()
            .map(|it| {
                let (lo, hi, item_needs, _) = self.item_range(it);
                needs.extend(item_needs);
                (lo, hi)
            })
            .collect();
        let t = tally(s, |i| ranges[i], needs.as_slice(), None);
        if matches!(t.status, Status::Met | Status::NotMet) {
            needs = Needs::NONE;
        }
        Brief {
            status: t.status,
            needs,
            gap: t.gap,
            progress: Some(t.progress),
        }
    }

    fn item<'p>(&self, it: &'p Item) -> ItemResult<'p> {
        let (min, max, needs, self_assessed) = self.item_range(it);
        ItemResult {
            id: &it.id,
            label: &it.label,
            min,
            max,
            of: it.max,
            self_assessed,
            needs: needs.into_vec(),
        }
    }

    pub(super) fn item_range(&self, it: &Item) -> (Num, Num, Needs, bool) {
        match &it.kind {
            ItemKind::SelfAssessed => match self.p.self_scores.get(&*it.key) {
                Some(v) => {
                    let v = (*v).min(it.max);
                    (v, v, Needs::NONE, true)
                }
                None => (
                    Num::ZERO,
                    it.max,
                    Needs::one(InputRef::SelfScore(it.key.clone())),
                    true,
                ),
            },
            ItemKind::Bands { bands, otherwise } => {
                let (lo, hi, needs) = self.bands(bands, *otherwise);
                (lo, hi, needs, false)
            }
            ItemKind::BestOf(alts) => {
                let ranges: Vec<_> = alts.iter().map(|a| self.item_range(a)).collect();
                let lo = ranges.iter().map(|r| r.0).fold(Num::ZERO, Num::max);
                let hi = ranges.iter().map(|r| r.1).fold(Num::ZERO, Num::max);
                let self_assessed = ranges.iter().any(|r| r.3);
                let mut needs = Needs::NONE;
                for r in ranges.into_iter().filter(|r| r.1 > lo) {
                    needs.extend(r.2);
                }
                (lo.min(it.max), hi.min(it.max), needs, self_assessed)
            }
        }
    }

    /// The first band that holds gives the points. A band whose condition is unknown might
    /// hold, so its points join the range and the search goes on.
    pub(super) fn bands(&self, bands: &[Band], otherwise: (Num, Num)) -> (Num, Num, Needs) {
        // The points of the bands that might hold so far.
        let mut range: Option<(Num, Num)> = None;
        let mut needs = Needs::NONE;
        let widen = |r: &Option<(Num, Num)>, p: &(Num, Num)| match r {
            None => *p,
            Some((lo, hi)) => (Num::min(*lo, p.0), Num::max(*hi, p.1)),
        };
        // Bands usually test one measure against falling thresholds: measure it once, and
        // list what it needs once (with `true` once listed).
        let mut last: Option<(&Measure, Result<Val, Unknown>, bool)> = None;
        for b in bands {
            let status = match &b.when.rule {
                Rule::Compare {
                    measure,
                    op,
                    threshold: Threshold::Fixed(t),
                    ..
                } => {
                    let (_, val, listed) = match &mut last {
                        Some(l) if l.0 == measure => l,
                        _ => last.insert((measure, self.measure(measure), false)),
                    };
                    let status = value_status(val, *op, *t);
                    if !*listed && !matches!(status, Status::Met | Status::NotMet) {
                        if let Err(Unknown::Missing(n)) = val {
                            needs.extend(n.clone());
                        }
                        *listed = true;
                    }
                    status
                }
                _ => {
                    let (status, when_needs) = self.cond(&b.when);
                    if !matches!(status, Status::Met | Status::NotMet) {
                        needs.extend(when_needs);
                    }
                    status
                }
            };
            match status {
                Status::Met => {
                    let (lo, hi) = widen(&range, &b.points);
                    return (lo, hi, needs);
                }
                Status::NotMet => {}
                _ => range = Some(widen(&range, &b.points)),
            }
        }
        let (lo, hi) = widen(&range, &otherwise);
        (lo, hi, needs)
    }
}

#[cfg(test)]
mod tests {
    use super::super::evaluate_version;
    use super::*;
    use crate::{Pack, Profile};

    fn d(s: &str) -> chrono::NaiveDate {
        crate::read::json::parse_date(s).unwrap()
    }

    /// A score offered as one alternative of an `any`, with a band that holds on a declaration:
    /// the declaration is keyed `<criterion>.<part id>` and the composite shows the score.
    #[test]
    fn declared_bands_and_scores_among_alternatives() {
        let pack = Pack::from_json(
            r#"{
              "schema": "qualify.pack/1", "id": "t", "name": {"zh": "测试", "en": "Test"},
              "level": "national", "issuer": {"zh": "测试", "en": "Test"},
              "sources": [{"id": "d", "title": {"zh": "文件", "en": "Document"}}],
              "versions": [{"id": "v", "effective_from": "2020-01-01", "criteria": [{
                "id": "C1", "label": {"zh": "评分或直通", "en": "Score or direct"},
                "confidence": "3P", "source": [{"doc": "d"}],
                "rule": {"kind": "any", "of": [
                  {"kind": "score", "items": [{
                    "id": "field", "label": {"zh": "领域", "en": "Field"}, "max": 10,
                    "bands": [{"when": {"kind": "declared", "id": "listed"}, "points": 10}],
                    "otherwise": 5
                  }], "pass": {"op": ">=", "value": 10}},
                  {"kind": "declared", "id": "award"}
                ]}
              }]}]
            }"#,
        )
        .unwrap();
        let run = |profile: &str| {
            let p = Profile::from_json(profile).unwrap();
            let r = evaluate_version(&pack, &pack.versions[0], &p, d("2025-06-30"));
            let c = &r.criteria[0].check;
            let s = c.score.as_ref().expect("the composite shows its score");
            (c.status, s.min, s.max, c.needs.clone())
        };
        // Only declarations are open, so the score waits on them.
        let (status, lo, hi, needs) = run("{}");
        assert_eq!(
            (status, lo, hi),
            (Status::Unconfirmed, Num::int(5), Num::int(10))
        );
        assert!(needs.contains(&InputRef::Confirmation("C1.listed".into())));
        assert!(needs.contains(&InputRef::Confirmation("C1.award".into())));
        let (status, lo, hi, _) = run(r#"{"confirmations": ["C1.listed"]}"#);
        assert_eq!((status, lo, hi), (Status::Met, Num::int(10), Num::int(10)));
        let (status, lo, hi, _) = run(r#"{"declined": ["C1.listed", "C1.award"]}"#);
        assert_eq!((status, lo, hi), (Status::NotMet, Num::int(5), Num::int(5)));
    }
}
