//! Goal-seek for scores: the fewest changes that lift a score's minimum over its pass line.
//!
//! Figures come first, as the enterprise controls them: each banded item may be raised to a
//! higher band by the goal-seek answer of that band's condition, so every value sits exactly on
//! a band's edge. Only when no change of figures is enough are self-assessed items raised, the
//! fewest of them, each by no more than the line needs. The answer is then checked against
//! the score evaluated afresh on the changed profile, and dropped if it does not hold there
//! (a change that moves two items at once the wrong way), never shown unchecked.

use super::result::{Fix, Status};
use super::Ctx;
use crate::inputs::InputRef;
use crate::model::{Item, ItemKind, Rule, Score, Threshold};
use crate::num::Num;
use crate::profile::Profile;

/// Past this many combinations of bands the search gives up rather than slow every keystroke.
const MAX_TRIES: usize = 20_000;

/// One way to raise an item: the item's least points afterwards and the changes it takes.
struct Step {
    points: Num,
    fix: Vec<Fix>,
}

/// The least total of a score whose items give at least `lo`, with the groups' caps; `None`
/// when a group falls short of its minimum.
pub(super) fn least_total(s: &Score, lo: &[Num]) -> Option<Num> {
    let at = |id: &str| s.items.iter().position(|i| i.id == id);
    let mut capped = vec![false; lo.len()];
    let mut total = Num::ZERO;
    for g in &s.groups {
        let mut sum = Num::ZERO;
        for i in g.items.iter().filter_map(|id| at(id)) {
            sum = sum.checked_add(lo[i])?;
            capped[i] |= g.cap.is_some();
        }
        if let Some(cap) = g.cap {
            sum = sum.min(cap);
            total = total.checked_add(sum)?;
        }
        if g.min.is_some_and(|m| sum < m) {
            return None;
        }
    }
    for (l, _) in lo.iter().zip(&capped).filter(|(_, c)| !**c) {
        total = total.checked_add(*l)?;
    }
    Some(total)
}

fn passes(s: &Score, lo: &[Num]) -> bool {
    least_total(s, lo).is_some_and(|t| s.pass_op.holds(t, s.pass))
}

/// Sets a numeric input of a profile; false for inputs that are not numbers.
pub fn set_input(p: &mut Profile, input: &InputRef, value: Num) -> bool {
    match input {
        InputRef::Year(y, f) => p.years.get_or_default(*y).set(*f, Some(value)),
        InputRef::Scalar(f) => {
            p.scalars.insert(*f, value);
        }
        InputRef::SelfScore(k) => {
            p.self_scores.insert(k.to_string(), value);
        }
        _ => return false,
    }
    true
}

/// A numeric input of a profile, if entered.
pub fn get_input(p: &Profile, input: &InputRef) -> Option<Num> {
    match input {
        InputRef::Year(y, f) => p.year(*y, *f),
        InputRef::Scalar(f) => p.scalar(*f),
        InputRef::SelfScore(k) => p.self_scores.get(&**k).copied(),
        _ => None,
    }
}

impl Ctx<'_> {
    /// The changes that make the score's minimum pass, and the range of points they give;
    /// `None` when no change of figures or self-assessments can.
    pub(super) fn score_goal(&self, s: &Score, now: &[Num]) -> Option<(Vec<Fix>, Num, Num)> {
        let steps: Vec<Vec<Step>> = s
            .items
            .iter()
            .zip(now)
            .map(|(it, n)| self.steps(it, *n))
            .collect();
        // Self-assessed items by their room to rise, the most first: the fewest to raise.
        let mut own: Vec<usize> = (0..s.items.len())
            .filter(|i| {
                matches!(s.items[*i].kind, ItemKind::SelfAssessed) && now[*i] < s.items[*i].max
            })
            .collect();
        crate::sort_by_key(&mut own, |i| {
            std::cmp::Reverse(s.items[*i].max.checked_sub(now[*i]).unwrap_or(Num::ZERO))
        });
        for raised in 0..=own.len() {
            let mut base = now.to_vec();
            for i in &own[..raised] {
                base[*i] = s.items[*i].max;
            }
            // Every band at its best first: when even that falls short, no search is needed.
            let top: Vec<Option<usize>> = steps.iter().map(|st| st.len().checked_sub(1)).collect();
            if !passes(s, &chosen(&steps, &top, &base)) {
                continue;
            }
            let Some(mut pick) = fewest_bands(s, &steps, &base) else {
                continue;
            };
            // Each self-assessment down to the least that still passes, then each band.
            let mut scores: Vec<(usize, Num)> = Vec::new();
            for i in &own[..raised] {
                let mut v = s.items[*i].max;
                loop {
                    let lower = match v.checked_sub(Num::ONE) {
                        Some(l) if l > now[*i] => l,
                        _ => now[*i],
                    };
                    let mut lo = chosen(&steps, &pick, &base);
                    lo[*i] = lower;
                    if lower >= v || !passes(s, &lo) {
                        break;
                    }
                    base[*i] = lower;
                    v = lower;
                }
                if v == now[*i] {
                    continue;
                }
                scores.push((*i, v));
            }
            tighten(s, &steps, &mut pick, &base);
            let mut fix: Vec<Fix> = Vec::new();
            for (i, p) in pick.iter().enumerate() {
                if let Some(k) = p {
                    for f in &steps[i][*k].fix {
                        merge(&mut fix, f.clone());
                    }
                }
            }
            for (i, v) in scores {
                let input = InputRef::SelfScore(s.items[i].key.clone());
                let current = self.p.self_scores.get(&*s.items[i].key).copied();
                merge(
                    &mut fix,
                    Fix {
                        input,
                        value: v,
                        change: current.and_then(|c| v.checked_sub(c)),
                    },
                );
            }
            // An answer the fresh score refuses gives way to one with another self-assessment.
            if let Some(answer) = self.checked(s, fix) {
                return Some(answer);
            }
        }
        None
    }

    /// The ways to raise an item above `now`, its least points, the lowest first.
    fn steps(&self, it: &Item, now: Num) -> Vec<Step> {
        let mut out = Vec::new();
        match &it.kind {
            // Raised only when figures cannot do it: see `score_goal`.
            ItemKind::SelfAssessed => {}
            ItemKind::Bands { bands, .. } => {
                for b in bands.iter().rev().filter(|b| b.points.0 > now) {
                    // A band on one figure, the usual kind, asks the goal-seek alone.
                    let fix = match &b.when.rule {
                        Rule::Compare {
                            measure,
                            op,
                            threshold: t @ Threshold::Fixed(n),
                            unit,
                        } => match self.compare_cond(measure, *op, t).0 {
                            Status::NotMet => {
                                self.goal_seek(measure, *op, *n, *unit).unwrap_or_default()
                            }
                            _ => Vec::new(),
                        },
                        _ => {
                            let c = self.node(&b.when);
                            if c.status == Status::NotMet {
                                c.fix
                            } else {
                                Vec::new()
                            }
                        }
                    };
                    if !fix.is_empty() {
                        out.push(Step {
                            points: b.points.0,
                            fix,
                        });
                    }
                }
            }
            ItemKind::BestOf(alts) => {
                for a in alts {
                    out.extend(self.steps(a, now).into_iter().map(|st| Step {
                        points: st.points.min(it.max),
                        fix: st.fix,
                    }));
                }
                crate::sort_by_key(&mut out, |st| st.points);
            }
        }
        out
    }

    /// The score's least and most points with `fix` applied, evaluated afresh.
    fn with_fix(&self, s: &Score, fix: &[Fix]) -> Option<(Num, Num)> {
        let mut p = self.p.clone();
        for f in fix {
            set_input(&mut p, &f.input, f.value);
        }
        let cx = Ctx::new(&p, self.as_of);
        let ranges: Vec<(Num, Num, _, _)> = s.items.iter().map(|it| cx.item_range(it)).collect();
        let lo: Vec<Num> = ranges.iter().map(|r| r.0).collect();
        let hi: Vec<Num> = ranges.iter().map(|r| r.1).collect();
        let least = least_total(s, &lo).filter(|t| s.pass_op.holds(*t, s.pass))?;
        Some((least, least_total(s, &hi).unwrap_or(least)))
    }

    /// The answer checked on the score evaluated afresh, each change then made as small as
    /// the fresh score allows: one figure can move two items (main-business revenue moves its
    /// share and its growth), which the bands alone do not see.
    fn checked(&self, s: &Score, mut fix: Vec<Fix>) -> Option<(Vec<Fix>, Num, Num)> {
        if fix.is_empty() {
            return None;
        }
        let mut range = self.with_fix(s, &fix)?;
        let mut settled = false;
        let mut i = 0;
        while i < fix.len() {
            let f = fix[i].clone();
            let step = super::goal::step(f.input.unit()?);
            let current = get_input(self.p, &f.input);
            let from = current.unwrap_or(Num::ZERO);
            let up = f.value >= from;
            let room = if up {
                f.value.checked_sub(from)?
            } else {
                from.checked_sub(f.value)?
            };
            // The values on the unit's grid from the answer back towards the current one:
            // the last that still passes.
            let steps = room.checked_div(step)?.floor();
            let at = |k: i128| -> Option<Num> {
                let back = Num::ratio(k, 1)?.checked_mul(step)?;
                if up {
                    f.value.checked_sub(back)
                } else {
                    f.value.checked_add(back)
                }
            };
            let passes_at = |k: i128, fix: &mut Vec<Fix>| -> bool {
                let v = if k > steps { Some(from) } else { at(k) };
                let Some(v) = v else { return false };
                fix[i].value = v;
                self.with_fix(s, fix).is_some()
            };
            // Mostly the bands' answer is tight already: one step back fails, and so would
            // anything less (a score never falls as a figure moves its way).
            if !passes_at(1.min(steps + 1), &mut fix) {
                fix[i] = f;
                i += 1;
                continue;
            }
            settled = true;
            if passes_at(steps + 1, &mut fix) {
                fix.remove(i);
                continue;
            }
            let (mut ok, mut bad) = (1, steps + 1);
            while bad - ok > 1 {
                let mid = ok + (bad - ok) / 2;
                if passes_at(mid, &mut fix) {
                    ok = mid;
                } else {
                    bad = mid;
                }
            }
            let value = at(ok)?;
            fix[i] = Fix {
                value,
                change: current.and_then(|c| value.checked_sub(c)),
                ..f
            };
            i += 1;
        }
        if settled {
            range = self.with_fix(s, &fix)?;
        }
        Some((fix, range.0, range.1))
    }
}

/// Two items' changes to one input keep the larger move.
fn merge(out: &mut Vec<Fix>, f: Fix) {
    let size = |f: &Fix| f.change.map(|c| c.checked_neg().map_or(c, |n| n.max(c)));
    match out.iter_mut().find(|o| o.input == f.input) {
        Some(o) if size(&f) > size(o) => *o = f,
        Some(_) => {}
        None => out.push(f),
    }
}

/// The items' least points with the bands picked.
fn chosen(steps: &[Vec<Step>], pick: &[Option<usize>], base: &[Num]) -> Vec<Num> {
    base.iter()
        .zip(pick)
        .zip(steps)
        .map(|((b, p), st)| p.map_or(*b, |k| st[k].points.max(*b)))
        .collect()
}

/// The fewest banded items to raise, each to the lowest band that will do, for the score to
/// pass from `base`; with nothing to raise when `base` passes already.
fn fewest_bands(s: &Score, steps: &[Vec<Step>], base: &[Num]) -> Option<Vec<Option<usize>>> {
    let open: Vec<usize> = (0..steps.len()).filter(|i| !steps[*i].is_empty()).collect();
    let mut pick: Vec<Option<usize>> = vec![None; steps.len()];
    let mut best: Option<(usize, usize, Vec<Option<usize>>)> = None;
    let mut tries = 0;
    // An odometer over the open items, each at no change or one of its steps.
    loop {
        tries += 1;
        if tries > MAX_TRIES {
            return best.map(|b| b.2);
        }
        let count = pick.iter().filter(|p| p.is_some()).count();
        let cost: usize = pick.iter().flatten().sum();
        let better = best.as_ref().is_none_or(|b| (count, cost) < (b.0, b.1));
        if better && passes(s, &chosen(steps, &pick, base)) {
            best = Some((count, cost, pick.clone()));
        }
        let mut carry = true;
        for i in &open {
            if !carry {
                break;
            }
            pick[*i] = match pick[*i] {
                None => Some(0),
                Some(k) if k + 1 < steps[*i].len() => Some(k + 1),
                Some(_) => None,
            };
            carry = pick[*i].is_none();
        }
        if carry {
            return best.map(|b| b.2);
        }
    }
}

/// Each picked band as low as it goes with the score still passing.
fn tighten(s: &Score, steps: &[Vec<Step>], pick: &mut [Option<usize>], base: &[Num]) {
    for i in 0..pick.len() {
        while let Some(k) = pick[i] {
            let lower = k.checked_sub(1);
            let was = pick[i];
            pick[i] = lower;
            if !passes(s, &chosen(steps, pick, base)) {
                pick[i] = was;
                break;
            }
        }
    }
}
