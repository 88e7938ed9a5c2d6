//! Evaluation: a profile against the version of each pack in force on the as-of date.
//!
//! Unknown is never "no": a criterion whose input is absent is `missing`, a declaration not yet
//! made is `unconfirmed`, a score range across the pass line is `uncertain`, and a threshold
//! nobody has published is `not-assessable`. Only what the figures show to fail is `not-met`.

use std::borrow::Cow;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::inputs::InputRef;
use crate::model::{
    Agg, Band, Growth, Item, ItemKind, Level, Measure, Node, Op, Origin, Pack, Region, Rule, Score,
    SourceRef, Threshold, Until, Version,
};
use crate::num::Num;
use crate::profile::{Category, CertKind, Profile, Unit, YearField, YearFigures};
use crate::text::Text;

/// A criterion's status (contract section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Met,
    NotMet,
    Missing,
    Unconfirmed,
    Uncertain,
    NotAssessable,
}

impl Status {
    pub fn slug(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::NotMet => "not-met",
            Status::Missing => "missing",
            Status::Unconfirmed => "unconfirmed",
            Status::Uncertain => "uncertain",
            Status::NotAssessable => "not-assessable",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Status::Met => Text::new("符合", "Met"),
            Status::NotMet => Text::new("不符合", "Not met"),
            Status::Missing => Text::new("缺少数据", "Missing data"),
            Status::Unconfirmed => Text::new("待确认", "Unconfirmed"),
            Status::Uncertain => Text::new("不确定", "Uncertain"),
            Status::NotAssessable => Text::new("无法评估", "Not assessable"),
        }
    }

    /// How strongly the status stands against an `all` (higher wins the combined status): a
    /// failure decides, then what can never be settled here, then what the user can still add.
    fn all_rank(self) -> u8 {
        match self {
            Status::NotMet => 5,
            Status::NotAssessable => 4,
            Status::Missing => 3,
            Status::Uncertain => 2,
            Status::Unconfirmed => 1,
            Status::Met => 0,
        }
    }

    /// How strongly the status stands for an `any`: one met alternative decides.
    fn any_rank(self) -> u8 {
        match self {
            Status::Met => 5,
            Status::Uncertain => 4,
            Status::Missing => 3,
            Status::Unconfirmed => 2,
            Status::NotAssessable => 1,
            Status::NotMet => 0,
        }
    }
}

/// A program's outcome (contract section 3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Eligible,
    NotEligible,
    Incomplete,
}

impl Outcome {
    pub fn slug(self) -> &'static str {
        match self {
            Outcome::Eligible => "eligible",
            Outcome::NotEligible => "not-eligible",
            Outcome::Incomplete => "incomplete",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Outcome::Eligible => Text::new("符合条件", "Eligible"),
            Outcome::NotEligible => Text::new("不符合条件", "Not eligible"),
            Outcome::Incomplete => Text::new("信息不完整", "Incomplete"),
        }
    }

    pub fn from_statuses(statuses: impl IntoIterator<Item = Status>) -> Outcome {
        let mut all_met = true;
        for s in statuses {
            if s == Status::NotMet {
                return Outcome::NotEligible;
            }
            all_met &= s == Status::Met;
        }
        if all_met {
            Outcome::Eligible
        } else {
            Outcome::Incomplete
        }
    }
}

/// A value shown as actual or required. Words are borrowed from the pack and the
/// vocabularies, so that showing them costs no allocation.
#[derive(Clone, Debug, PartialEq)]
pub enum Shown<'p> {
    Num(Num),
    Word(&'p str),
    /// The values a membership rule accepts.
    Categories(&'p [Category]),
    /// The certifications a rule accepts.
    Kinds(&'p [CertKind]),
    Flag(bool),
    Date(NaiveDate),
    /// A score whose bands leave a range of points.
    Range {
        min: Num,
        max: Num,
    },
}

impl Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeSeq, SerializeStruct};
        match self {
            Shown::Num(n) => n.serialize(s),
            Shown::Word(w) => s.serialize_str(w),
            Shown::Categories(list) => {
                let mut seq = s.serialize_seq(Some(list.len()))?;
                for c in *list {
                    match c {
                        Category::Word(w) => seq.serialize_element(w)?,
                        Category::Flag(b) => {
                            seq.serialize_element(if *b { "true" } else { "false" })?
                        }
                    }
                }
                seq.end()
            }
            Shown::Kinds(list) => {
                let mut seq = s.serialize_seq(Some(list.len()))?;
                for k in *list {
                    seq.serialize_element(k.slug())?;
                }
                seq.end()
            }
            Shown::Flag(b) => s.serialize_bool(*b),
            Shown::Date(d) => d.serialize(s),
            Shown::Range { min, max } => {
                let mut st = s.serialize_struct("Range", 2)?;
                st.serialize_field("min", min)?;
                st.serialize_field("max", max)?;
                st.end()
            }
        }
    }
}

/// One input set to one value: a goal-seek answer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fix {
    pub input: InputRef,
    pub value: Num,
    /// `value` minus the current value, when that is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Num>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemResult<'p> {
    pub id: &'p str,
    pub label: &'p Text,
    pub min: Num,
    pub max: Num,
    /// The most the item can score.
    pub of: Num,
    pub self_assessed: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<InputRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupResult<'p> {
    pub id: &'p str,
    pub label: &'p Text,
    pub min: Num,
    pub max: Num,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cap: Option<Num>,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreResult<'p> {
    pub min: Num,
    pub max: Num,
    pub pass_op: Op,
    pub pass: Num,
    pub items: Vec<ItemResult<'p>>,
    pub groups: Vec<GroupResult<'p>>,
}

/// The result of one rule: a criterion's, or a part of a composite criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Check<'p> {
    pub status: Status,
    pub actual: Option<Shown<'p>>,
    pub required: Option<Shown<'p>>,
    pub gap: Option<Num>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<Op>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "ser_unit")]
    pub unit: Option<Unit>,
    /// How close the actual value is to the threshold, 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// Goal-seek: inputs that, set to these values, meet the criterion.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fix: Vec<Fix>,
    /// For a duration: the first day it will be met, with nothing else changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_from: Option<NaiveDate>,
    /// The tier or case that chose the threshold.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub case: Option<&'p Text>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Cow<'p, Text>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<InputRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part<'p>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Box<ScoreResult<'p>>>,
}

fn ser_unit<S: serde::Serializer>(u: &Option<Unit>, s: S) -> Result<S::Ok, S::Error> {
    match u {
        Some(u) => s.serialize_str(u.slug()),
        None => s.serialize_none(),
    }
}

/// A part of a composite criterion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part<'p> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'p str>,
    pub label: &'p Text,
    #[serde(flatten)]
    pub check: Check<'p>,
}

/// A criterion's result, with its citation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CriterionResult<'p> {
    pub id: &'p str,
    pub label: &'p Text,
    #[serde(flatten)]
    pub check: Check<'p>,
    /// The citation in one line.
    pub source: &'p str,
    pub sources: &'p [SourceRef],
    pub confidence: &'p str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub criterion_note: Option<&'p Text>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VersionRef<'p> {
    pub id: &'p str,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
}

/// A program's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProgramResult<'p> {
    pub id: &'p str,
    pub name: &'p Text,
    pub level: Level,
    pub region: &'p Region,
    pub origin: Origin,
    pub outcome: Outcome,
    pub version: VersionRef<'p>,
    pub notices: Vec<&'p Text>,
    pub criteria: Vec<CriterionResult<'p>>,
    /// Inputs that are still needed, in the order the criteria need them.
    pub needs: Vec<InputRef>,
    /// How close the profile is, 0 to 1: met criteria count 1, unmet ones their progress.
    pub closeness: f64,
    pub digest: &'p str,
}

/// A program with no version in force on the as-of date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotInForce<'p> {
    pub id: &'p str,
    pub name: &'p Text,
    /// The first day a version is in force after the as-of date, if any.
    pub next_from: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment<'p> {
    pub as_of: NaiveDate,
    pub programs: Vec<ProgramResult<'p>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_in_force: Vec<NotInForce<'p>>,
}

/// Evaluates every pack on `as_of`.
pub fn evaluate<'p>(packs: &'p [Pack], profile: &Profile, as_of: NaiveDate) -> Assessment<'p> {
    let cx = Ctx::new(profile, as_of);
    let mut programs = Vec::with_capacity(packs.len());
    let mut not_in_force = Vec::new();
    for pack in packs {
        match pack.version_on(as_of) {
            Some(v) => programs.push(cx.version(pack, v)),
            None => not_in_force.push(NotInForce {
                id: &pack.id,
                name: &pack.name,
                next_from: pack
                    .versions
                    .iter()
                    .map(|v| v.effective_from)
                    .filter(|d| *d > as_of)
                    .min(),
            }),
        }
    }
    Assessment {
        as_of,
        programs,
        not_in_force,
    }
}

/// Evaluates one version of a pack.
pub fn evaluate_version<'p>(
    pack: &'p Pack,
    version: &'p Version,
    profile: &Profile,
    as_of: NaiveDate,
) -> ProgramResult<'p> {
    Ctx::new(profile, as_of).version(pack, version)
}

impl Ctx<'_> {
    fn version<'p>(&self, pack: &'p Pack, version: &'p Version) -> ProgramResult<'p> {
        let mut criteria = Vec::with_capacity(version.criteria.len());
        for c in &version.criteria {
            criteria.push(CriterionResult {
                id: &c.id,
                label: &c.label,
                check: Check::new(Status::Missing),
                source: &c.cite,
                sources: &c.source,
                confidence: &c.confidence,
                criterion_note: c.note.as_ref(),
            });
            if let Some(r) = criteria.last_mut() {
                self.node_into(&c.rule, &mut r.check);
            }
        }
        program_result(pack, version, criteria)
    }
}

/// A program's result, from the results of its criteria.
fn program_result<'p>(
    pack: &'p Pack,
    version: &'p Version,
    criteria: Vec<CriterionResult<'p>>,
) -> ProgramResult<'p> {
    let outcome = Outcome::from_statuses(criteria.iter().map(|c| c.check.status));
    let needs = union(criteria.iter().map(|c| c.check.needs.as_slice()));
    let closeness = if criteria.is_empty() {
        0.0
    } else {
        criteria
            .iter()
            .map(|c| match c.check.status {
                Status::Met => 1.0,
                Status::NotMet => c.check.progress.unwrap_or(0.0),
                _ => 0.0,
            })
            .sum::<f64>()
            / criteria.len() as f64
    };
    ProgramResult {
        id: &pack.id,
        name: &pack.name,
        level: pack.level,
        region: &pack.region,
        origin: pack.origin,
        outcome,
        version: VersionRef {
            id: &version.id,
            effective_from: version.effective_from,
            effective_until: version.effective_until,
        },
        notices: pack.notices.iter().chain(&version.notices).collect(),
        criteria,
        needs,
        closeness,
        digest: &pack.digest,
    }
}

/// A measured value.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Val {
    Exact(Num),
    /// A compound growth rate, kept as the ratio of the end values so that comparisons stay
    /// exact: `(ratio)^(1/years) - 1`.
    Cagr {
        ratio: Num,
        years: u32,
    },
    /// A certification not held on the as-of date.
    NotHeld,
}

/// Inputs still needed, in the order found and without repeats. An unknown value usually
/// lacks one input, which is held without allocating.
#[derive(Clone, Debug, PartialEq)]
enum Needs {
    Few(Option<InputRef>),
    Many(Vec<InputRef>),
}

impl Needs {
    const NONE: Needs = Needs::Few(None);

    fn one(x: InputRef) -> Needs {
        Needs::Few(Some(x))
    }

    fn as_slice(&self) -> &[InputRef] {
        match self {
            Needs::Few(x) => x.as_slice(),
            Needs::Many(v) => v,
        }
    }

    fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    fn push(&mut self, x: InputRef) {
        if self.as_slice().contains(&x) {
            return;
        }
        match self {
            Needs::Few(None) => *self = Needs::one(x),
            Needs::Few(Some(a)) => {
                // Lists that grow past one usually reach a few inputs (the years of a span).
                let mut v = Vec::with_capacity(4);
                v.push(a.clone());
                v.push(x);
                *self = Needs::Many(v);
            }
            Needs::Many(v) => v.push(x),
        }
    }

    fn extend(&mut self, from: Needs) {
        if self.is_empty() {
            // Every list is built without repeats, so it can be taken as it is.
            *self = from;
            return;
        }
        match from {
            Needs::Few(x) => x.into_iter().for_each(|x| self.push(x)),
            Needs::Many(v) => v.into_iter().for_each(|x| self.push(x)),
        }
    }

    fn into_vec(self) -> Vec<InputRef> {
        match self {
            Needs::Few(None) => Vec::new(),
            Needs::Few(Some(x)) => vec![x],
            Needs::Many(v) => v,
        }
    }
}

impl From<Vec<InputRef>> for Needs {
    fn from(v: Vec<InputRef>) -> Needs {
        Needs::Many(v)
    }
}

/// Why a value is unknown.
#[derive(Clone, Debug, PartialEq)]
enum Unknown {
    Missing(Needs),
    Undefined(Why),
}

/// Why a value cannot be defined. The note that says so is written only when a criterion's
/// result shows it, as conditions and tiers only need the status.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Why {
    Overflow,
    /// The base of a growth rate is 0.
    ZeroBase(YearField),
    ZeroDenominator,
    BeforeRegistration,
    TierUnassessable,
    NoTier,
}

impl Why {
    fn note(self) -> Text {
        match self {
            Why::Overflow => Text::new(
                "数值过大,无法精确计算",
                "figures too large to compute exactly",
            ),
            Why::ZeroBase(field) => zero_base_note(&field.label().zh),
            Why::ZeroDenominator => zero_base_note("分母 / denominator"),
            Why::BeforeRegistration => Text::new(
                "所计年度均早于注册日期",
                "every year counted is before registration",
            ),
            Why::TierUnassessable => Text::new(
                "无法判断适用的档次",
                "which tier applies cannot be assessed",
            ),
            Why::NoTier => Text::new("没有适用的档次", "no tier of the threshold applies"),
        }
    }
}

fn zero_base_note(what: &str) -> Text {
    Text::new(
        format!("{what}为 0,比率无定义"),
        format!("the base ({what}) is 0, so the ratio is undefined"),
    )
}

impl Unknown {
    fn merge(self, other: Unknown) -> Unknown {
        match (self, other) {
            (Unknown::Missing(mut a), Unknown::Missing(b)) => {
                a.extend(b);
                Unknown::Missing(a)
            }
            (m @ Unknown::Missing(_), _) | (_, m @ Unknown::Missing(_)) => m,
            (u, _) => u,
        }
    }
}

fn overflow() -> Unknown {
    Unknown::Undefined(Why::Overflow)
}

/// Year offsets in packs run from -10 to 0: the figures of those years are looked up once
/// per evaluation rather than in the profile's map for every measure.
const WINDOW: usize = 11;

struct Ctx<'a> {
    p: &'a Profile,
    as_of: NaiveDate,
    year: i32,
    /// The figures of the years `first` to `first + WINDOW - 1`, which ends at `year`.
    first: i32,
    window: [Option<&'a YearFigures>; WINDOW],
}

impl<'a> Ctx<'a> {
    fn new(p: &'a Profile, as_of: NaiveDate) -> Ctx<'a> {
        let year = as_of.year();
        let first = year.saturating_sub(WINDOW as i32 - 1);
        let mut window = [None; WINDOW];
        for (y, figures) in p.years.range(first..=year) {
            window[(y - first) as usize] = Some(figures);
        }
        Ctx {
            p,
            as_of,
            year,
            first,
            window,
        }
    }

    fn year_figure(&self, year: i32, f: YearField) -> Option<Num> {
        match usize::try_from(i64::from(year) - i64::from(self.first)) {
            Ok(i) if i < WINDOW => self.window[i].and_then(|y| y.get(f)),
            _ => self.p.year(year, f),
        }
    }
}

fn whole_years(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return 0;
    }
    let mut y = (to.year() - from.year()) as i64;
    if (to.month(), to.day()) < (from.month(), from.day()) {
        y -= 1;
    }
    y
}

/// The step past a strict bound: one for counts, 0.01 for every other unit.
fn step(unit: Unit) -> Num {
    match unit {
        Unit::Count | Unit::Years | Unit::Points => Num::ONE,
        _ => Num::ratio(1, 100).unwrap(),
    }
}

/// The nearest value in the unit's precision that satisfies `op` against `t`.
fn boundary(t: Num, op: Op, unit: Unit) -> Option<Num> {
    let s = step(unit);
    let target = match op {
        Op::Ge | Op::Le | Op::Eq => t,
        Op::Gt => t.checked_add(s)?,
        Op::Lt => t.checked_sub(s)?,
    };
    let units = target.checked_div(s)?;
    let rounded = if op.wants_more() {
        units.ceil()
    } else {
        units.floor()
    };
    Num::ratio(rounded, 1)?.checked_mul(s)
}

impl Ctx<'_> {
    fn end(&self, until: Until) -> NaiveDate {
        match until {
            Until::AsOf => self.as_of,
            Until::PriorYearEnd => NaiveDate::from_ymd_opt(self.year - 1, 12, 31).unwrap(),
        }
    }

    fn year_value(&self, year: i32, f: YearField) -> Result<Num, Unknown> {
        self.year_figure(year, f)
            .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Year(year, f))))
    }

    /// The years a multi-year measure counts, after registration if asked.
    fn counted_years(
        &self,
        from: i32,
        to: i32,
        since_registration: bool,
    ) -> std::ops::RangeInclusive<i32> {
        let first = match (
            since_registration,
            self.p.date(crate::profile::DateField::RegisteredOn),
        ) {
            (true, Some(reg)) => reg.year(),
            _ => i32::MIN,
        };
        (self.year + from).max(first)..=self.year + to
    }

    fn measure(&self, m: &Measure) -> Result<Val, Unknown> {
        match m {
            Measure::Year { field, year } => {
                self.year_value(self.year + year, *field).map(Val::Exact)
            }
            Measure::Years {
                field,
                from,
                to,
                agg,
                since_registration,
            } => {
                let years = self.counted_years(*from, *to, *since_registration);
                if years.is_empty() {
                    return Err(Unknown::Undefined(Why::BeforeRegistration));
                }
                let (mut sum, mut count) = (Num::ZERO, 0i64);
                let (mut least, mut most): (Option<Num>, Option<Num>) = (None, None);
                let mut missing: Option<Unknown> = None;
                for y in years {
                    match self.year_value(y, *field) {
                        Ok(v) => {
                            sum = sum.checked_add(v).ok_or_else(overflow)?;
                            count += 1;
                            least = Some(least.map_or(v, |l| l.min(v)));
                            most = Some(most.map_or(v, |m| m.max(v)));
                        }
                        Err(u) => {
                            missing = Some(match missing {
                                Some(m) => m.merge(u),
                                None => u,
                            })
                        }
                    }
                }
                if let Some(m) = missing {
                    return Err(m);
                }
                let v = match agg {
                    Agg::Sum => sum,
                    Agg::Mean => sum.checked_div(Num::int(count)).ok_or_else(overflow)?,
                    Agg::Min => least.unwrap_or(Num::ZERO),
                    Agg::Max => most.unwrap_or(Num::ZERO),
                };
                Ok(Val::Exact(v))
            }
            Measure::Scalar(f) => self
                .p
                .scalar(*f)
                .map(Val::Exact)
                .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Scalar(*f)))),
            Measure::Ratio(a, b) => {
                let (a, b) = match (self.exact(a), self.exact(b)) {
                    (Ok(a), Ok(b)) => (a, b),
                    (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
                    (Err(e1), Err(e2)) => return Err(e1.merge(e2)),
                };
                if b.is_zero() {
                    return Err(Unknown::Undefined(Why::ZeroDenominator));
                }
                a.checked_div(b)
                    .and_then(|r| r.checked_mul(Num::HUNDRED))
                    .map(Val::Exact)
                    .ok_or_else(overflow)
            }
            Measure::Growth {
                field,
                method,
                from,
                to,
            } => self.growth(*field, *method, *from, *to),
            Measure::YearsSince { date, until } => {
                let d = self
                    .p
                    .date(*date)
                    .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Date(*date))))?;
                Ok(Val::Exact(Num::int(whole_years(d, self.end(*until)))))
            }
            Measure::YearsHeld { kinds, until } => {
                let certs = self
                    .p
                    .certifications
                    .as_ref()
                    .ok_or_else(|| Unknown::Missing(Needs::one(InputRef::Certifications)))?;
                let since = certs
                    .iter()
                    .filter(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of))
                    .map(|c| c.since)
                    .min();
                Ok(match since {
                    Some(s) => Val::Exact(Num::int(whole_years(s, self.end(*until)))),
                    None => Val::NotHeld,
                })
            }
        }
    }

    fn exact(&self, m: &Measure) -> Result<Num, Unknown> {
        match self.measure(m)? {
            Val::Exact(n) => Ok(n),
            Val::Cagr { ratio, years } => Ok(cagr_percent(ratio, years)),
            Val::NotHeld => Ok(Num::ZERO),
        }
    }

    fn growth(&self, field: YearField, method: Growth, from: i32, to: i32) -> Result<Val, Unknown> {
        // Spans are at most eleven years (offsets -10 to 0): no allocation needed.
        let mut buf = [Num::ZERO; 11];
        let mut n = 0;
        let mut missing: Option<Unknown> = None;
        for y in self.year + from..=self.year + to {
            match self.year_value(y, field) {
                Ok(v) if n < buf.len() => {
                    buf[n] = v;
                    n += 1;
                }
                Ok(_) => return Err(overflow()),
                Err(u) => {
                    missing = Some(match missing {
                        Some(m) => m.merge(u),
                        None => u,
                    })
                }
            }
        }
        if let Some(m) = missing {
            return Err(m);
        }
        let values = &buf[..n];
        let zero_base = || Unknown::Undefined(Why::ZeroBase(field));
        let pct = |r: Num| -> Result<Val, Unknown> {
            r.checked_sub(Num::ONE)
                .and_then(|g| g.checked_mul(Num::HUNDRED))
                .map(Val::Exact)
                .ok_or_else(overflow)
        };
        match method {
            Growth::Yoy => {
                let (a, b) = (values[0], values[1]);
                if a.is_zero() {
                    return Err(zero_base());
                }
                pct(b.checked_div(a).ok_or_else(overflow)?)
            }
            Growth::MeanRatio { hnte_rules } => {
                let (y1, y2, y3) = (values[0], values[1], values[2]);
                if hnte_rules && y2.is_zero() {
                    // The HNTE guide scores growth 0 when the middle year is 0.
                    return Ok(Val::Exact(Num::ZERO));
                }
                if hnte_rules && y1.is_zero() {
                    return pct(y3.checked_div(y2).ok_or_else(overflow)?);
                }
                if y1.is_zero() || y2.is_zero() {
                    return Err(zero_base());
                }
                let r = y2
                    .checked_div(y1)
                    .and_then(|a| y3.checked_div(y2).and_then(|b| a.checked_add(b)))
                    .and_then(|s| s.checked_div(Num::int(2)))
                    .ok_or_else(overflow)?;
                pct(r)
            }
            Growth::Cagr => {
                let (first, last) = (values[0], values[values.len() - 1]);
                if first.is_zero() {
                    return Err(zero_base());
                }
                Ok(Val::Cagr {
                    ratio: last.checked_div(first).ok_or_else(overflow)?,
                    years: (to - from) as u32,
                })
            }
        }
    }

    fn threshold<'p>(&self, t: &'p Threshold) -> Result<(Num, Option<&'p Text>), Unknown> {
        match t {
            Threshold::Fixed(n) => Ok((*n, None)),
            Threshold::Measure(m) => self.exact(m).map(|n| (n, None)),
            Threshold::Cases { cases, otherwise } => {
                let mut pending: Option<Unknown> = None;
                for case in cases {
                    let (status, needs) = self.cond(&case.when);
                    match status {
                        Status::Met => {
                            return match pending {
                                Some(u) => Err(u),
                                None => Ok((case.then, case.label.as_ref())),
                            }
                        }
                        Status::NotMet => {}
                        _ => {
                            let u = if needs.is_empty() {
                                Unknown::Undefined(Why::TierUnassessable)
                            } else {
                                Unknown::Missing(needs)
                            };
                            pending = Some(match pending {
                                Some(p) => p.merge(u),
                                None => u,
                            });
                        }
                    }
                }
                if let Some(u) = pending {
                    return Err(u);
                }
                otherwise
                    .map(|n| (n, None))
                    .ok_or(Unknown::Undefined(Why::NoTier))
            }
        }
    }

    /// The status of a condition (a band, a tier, a case) and the inputs it still needs,
    /// without the explanation a criterion's result carries.
    fn cond(&self, n: &Node) -> (Status, Needs) {
        let unknown = |u: Unknown| match u {
            Unknown::Missing(needs) => (Status::Missing, needs),
            Unknown::Undefined(_) => (Status::NotAssessable, Needs::NONE),
        };
        match &n.rule {
            Rule::Compare {
                measure,
                op,
                threshold,
                ..
            } => {
                let t = self.threshold(threshold);
                let m = self.measure(measure);
                match (t, m) {
                    (Ok((t, _)), v) => compare_status(v, *op, t),
                    (Err(a), Err(b)) => unknown(a.merge(b)),
                    (Err(u), Ok(_)) => unknown(u),
                }
            }
            // The statuses and needs below are those `node` gives, without building the parts'
            // results, their goal-seek answers and their lists.
            Rule::In { field, values } => match self.p.category(*field) {
                None => (Status::Missing, Needs::one(InputRef::Category(*field))),
                Some(v) => (status_of(values.contains(&v)), Needs::NONE),
            },
            Rule::Holds { kinds } => match &self.p.certifications {
                None => (Status::Missing, Needs::one(InputRef::Certifications)),
                Some(certs) => {
                    let held = certs
                        .iter()
                        .any(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of));
                    (status_of(held), Needs::NONE)
                }
            },
            Rule::Declared { key } => match self.declared(key) {
                Status::Unconfirmed => (
                    Status::Unconfirmed,
                    Needs::one(InputRef::Confirmation(key.clone())),
                ),
                status => (status, Needs::NONE),
            },
            Rule::Unpublished { .. } => (Status::NotAssessable, Needs::NONE),
            Rule::All(parts) | Rule::Any(parts) => {
                let any = matches!(n.rule, Rule::Any(_));
                let rank = |s: Status| if any { s.any_rank() } else { s.all_rank() };
                // As in `combine`: the strongest part leads, the last one on a tie.
                let mut lead: Option<Status> = None;
                let mut needs = Needs::NONE;
                for part in parts {
                    let (status, part_needs) = self.cond(part);
                    if lead.is_none_or(|l| rank(status) >= rank(l)) {
                        lead = Some(status);
                    }
                    needs.extend(part_needs);
                }
                let status = lead.expect("composites have parts");
                if matches!(status, Status::Met | Status::NotMet) {
                    needs = Needs::NONE;
                }
                (status, needs)
            }
            Rule::Switch { .. } | Rule::Score(_) => {
                let c = self.node(n);
                (c.status, c.needs.into())
            }
        }
    }

    /// A declaration's status: confirmed, declined or not yet made.
    fn declared(&self, key: &str) -> Status {
        if self.p.confirmations.contains(key) {
            Status::Met
        } else if self.p.declined.contains(key) {
            Status::NotMet
        } else {
            Status::Unconfirmed
        }
    }

    fn node<'p>(&self, n: &'p Node) -> Check<'p> {
        let mut c = Check::new(Status::Missing);
        self.node_into(n, &mut c);
        c
    }

    /// Writes a rule's result into `out`, a fresh result (`Check::new`) in its final place: a
    /// result is large, and filling it field by field saves moving a finished one there.
    fn node_into<'p>(&self, n: &'p Node, out: &mut Check<'p>) {
        match &n.rule {
            Rule::Compare {
                measure,
                op,
                threshold,
                unit,
            } => self.compare(out, measure, *op, threshold, *unit),
            Rule::In { field, values } => {
                out.required = Some(Shown::Categories(values));
                match self.p.category(*field) {
                    None => {
                        out.status = Status::Missing;
                        out.needs = vec![InputRef::Category(*field)];
                    }
                    Some(v) => {
                        out.status = status_of(values.contains(&v));
                        out.actual = Some(match v {
                            Category::Word(w) => Shown::Word(w),
                            Category::Flag(b) => Shown::Flag(b),
                        });
                    }
                }
            }
            Rule::Holds { kinds } => {
                out.required = Some(Shown::Kinds(kinds));
                match &self.p.certifications {
                    None => {
                        out.status = Status::Missing;
                        out.needs = vec![InputRef::Certifications];
                    }
                    Some(certs) => {
                        let held = certs
                            .iter()
                            .find(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of));
                        out.status = status_of(held.is_some());
                        out.actual = Some(match held {
                            Some(c) => Shown::Word(c.kind.slug()),
                            None => Shown::Flag(false),
                        });
                    }
                }
            }
            Rule::Declared { key } => {
                let status = self.declared(key);
                out.status = status;
                out.required = Some(Shown::Flag(true));
                match status {
                    Status::Met => out.actual = Some(Shown::Flag(true)),
                    Status::NotMet => out.actual = Some(Shown::Flag(false)),
                    _ => out.needs = vec![InputRef::Confirmation(key.clone())],
                }
            }
            Rule::Unpublished { note } => {
                out.status = Status::NotAssessable;
                out.note = Some(Cow::Borrowed(note));
            }
            Rule::All(parts) | Rule::Any(parts) => {
                self.combine(out, parts, matches!(n.rule, Rule::Any(_)))
            }
            Rule::Switch { cases, otherwise } => {
                // A case applies when its condition is met and no earlier one might be.
                let mut needs = Needs::NONE;
                let mut undecidable = false;
                for case in cases {
                    let (status, when_needs) = self.cond(&case.when);
                    match status {
                        Status::Met if needs.is_empty() && !undecidable => {
                            self.node_into(&case.then, out);
                            out.case = case.label.as_ref().or(case.when.label.as_ref());
                            return;
                        }
                        Status::Met => break,
                        Status::NotMet => {}
                        _ if when_needs.is_empty() => undecidable = true,
                        _ => needs.extend(when_needs),
                    }
                }
                if needs.is_empty() && !undecidable {
                    self.node_into(otherwise, out);
                    out.case = out.case.or(otherwise.label.as_ref());
                } else if needs.is_empty() {
                    out.status = Status::NotAssessable;
                    out.note = Some(Cow::Owned(Text::new(
                        "无法判断适用的情形",
                        "which case applies cannot be assessed",
                    )));
                } else {
                    out.status = Status::Missing;
                    out.needs = needs.into_vec();
                }
            }
            Rule::Score(s) => self.score(out, s),
        }
    }

    /// Writes a composite's result into `out`, a fresh result (`Check::new`).
    fn combine<'p>(&self, out: &mut Check<'p>, nodes: &'p [Node], any: bool) {
        let mut parts: Vec<Part<'p>> = Vec::with_capacity(nodes.len());
        for n in nodes {
            parts.push(Part {
                id: n.id.as_deref(),
                label: &n.display,
                check: Check::new(Status::Missing),
            });
            if let Some(p) = parts.last_mut() {
                self.node_into(n, &mut p.check);
            }
        }
        let rank = |s: Status| if any { s.any_rank() } else { s.all_rank() };
        // Ties go to the last part, so pack authors list the headline figure last.
        let lead = parts
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| rank(p.check.status))
            .map(|(i, _)| i)
            .expect("composites have parts");
        // A score offered with alternatives (score or a direct condition) keeps its points on
        // the composite: the first part that is a score lends its breakdown.
        let score = parts.iter_mut().find_map(|p| p.check.score.take());
        let lead = &parts[lead];
        let status = lead.check.status;
        let needs = if matches!(status, Status::Met | Status::NotMet) {
            Vec::new()
        } else {
            union(parts.iter().map(|p| p.check.needs.as_slice()))
        };
        // The headline numbers are those of the part that decides: the failing one of an
        // `all`, the best alternative of an `any`.
        let mut fix = Vec::new();
        if status == Status::NotMet && !any {
            for p in parts.iter().filter(|p| p.check.status == Status::NotMet) {
                fix.extend(p.check.fix.iter().cloned());
            }
        } else if status == Status::NotMet {
            fix = parts
                .iter()
                .find(|p| !p.check.fix.is_empty())
                .map(|p| p.check.fix.clone())
                .unwrap_or_default();
        }
        let lead_check = &lead.check;
        out.status = status;
        out.actual = lead_check.actual.clone();
        out.required = lead_check.required.clone();
        out.gap = lead_check.gap;
        out.op = lead_check.op;
        out.unit = lead_check.unit;
        out.progress = lead_check.progress;
        out.fix = fix;
        if status == Status::NotMet {
            out.met_from = lead_check.met_from;
        }
        out.case = lead_check.case;
        out.needs = needs;
        out.parts = parts;
        out.score = score;
    }

    /// Writes a comparison's result into `c`, a fresh result (`Check::new`) in its final place.
    fn compare<'p>(&self, c: &mut Check<'p>, m: &Measure, op: Op, t: &'p Threshold, unit: Unit) {
        c.status = Status::Missing;
        c.op = Some(op);
        c.unit = Some(unit);
        let (threshold, case) = match self.threshold(t) {
            Ok(x) => x,
            // List the measure's missing inputs too, so the form asks for all of them at once.
            Err(u) => {
                let u = match self.measure(m) {
                    Err(mu) => u.merge(mu),
                    Ok(_) => u,
                };
                c.set_unknown(u);
                return;
            }
        };
        c.required = Some(Shown::Num(threshold));
        c.case = case;
        let (met, shown, progress_pair) = match self.measure(m) {
            Err(u) => {
                c.set_unknown(u);
                return;
            }
            Ok(Val::NotHeld) => {
                c.status = Status::NotMet;
                c.actual = Some(Shown::Flag(false));
                c.progress = Some(0.0);
                return;
            }
            Ok(Val::Exact(a)) => (op.holds(a, threshold), a, (a, threshold)),
            Ok(Val::Cagr { ratio, years }) => {
                let Some(target) = growth_factor(threshold, years) else {
                    c.set_unknown(overflow());
                    return;
                };
                let shown = cagr_percent(ratio, years);
                (op.holds(ratio, target), shown, (ratio, target))
            }
        };
        c.status = status_of(met);
        c.actual = Some(Shown::Num(shown));
        c.progress = Some(progress(progress_pair.0, progress_pair.1, op, met));
        if !met {
            c.gap = threshold.checked_sub(shown);
            c.fix = self.goal_seek(m, op, threshold, unit).unwrap_or_default();
            c.met_from = self.met_from(m, threshold, op);
        }
    }

    /// For a duration not yet long enough: the day it will be, all else unchanged.
    fn met_from(&self, m: &Measure, t: Num, op: Op) -> Option<NaiveDate> {
        if !op.wants_more() {
            return None;
        }
        let (start, until) = match m {
            Measure::YearsSince { date, until } => (self.p.date(*date)?, *until),
            Measure::YearsHeld { kinds, until } => {
                let since = self
                    .p
                    .certifications
                    .as_ref()?
                    .iter()
                    .filter(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of))
                    .map(|c| c.since)
                    .min()?;
                (since, *until)
            }
            _ => return None,
        };
        let years = boundary(t, op, Unit::Years)?;
        let months = u32::try_from(years.checked_mul(Num::int(12))?.floor()).ok()?;
        let day = start.checked_add_months(Months::new(months))?;
        match until {
            Until::AsOf => Some(day),
            Until::PriorYearEnd => NaiveDate::from_ymd_opt(day.year() + 1, 1, 1),
        }
    }

    /// The input values that would make `m op t` hold, changing the most recent figure.
    fn goal_seek(&self, m: &Measure, op: Op, t: Num, unit: Unit) -> Option<Vec<Fix>> {
        let fix = |input: InputRef, current: Option<Num>, target: Num| -> Option<Vec<Fix>> {
            let unit = input.unit()?;
            let value = boundary(target, op, unit)?;
            if value.is_negative() {
                return None;
            }
            Some(vec![Fix {
                input,
                value,
                change: current.and_then(|c| value.checked_sub(c)),
            }])
        };
        match m {
            Measure::Year { field, year } => {
                let y = self.year + year;
                fix(InputRef::Year(y, *field), self.year_figure(y, *field), t)
            }
            Measure::Scalar(f) => fix(InputRef::Scalar(*f), self.p.scalar(*f), t),
            Measure::Years {
                field,
                from,
                to,
                agg,
                since_registration,
            } => {
                let years = self.counted_years(*from, *to, *since_registration);
                let (first, last) = (*years.start(), *years.end());
                if first > last {
                    return None;
                }
                let current = self.year_figure(last, *field);
                match agg {
                    Agg::Sum | Agg::Mean => {
                        let n = Num::int((last - first + 1) as i64);
                        let total = if *agg == Agg::Mean {
                            t.checked_mul(n)?
                        } else {
                            t
                        };
                        let others = (first..last).try_fold(Num::ZERO, |a, y| {
                            a.checked_add(self.year_figure(y, *field)?)
                        })?;
                        fix(
                            InputRef::Year(last, *field),
                            current,
                            total.checked_sub(others)?,
                        )
                    }
                    Agg::Max => fix(InputRef::Year(last, *field), current, t),
                    Agg::Min => {
                        let mut out = Vec::new();
                        for y in years {
                            let v = self.year_figure(y, *field);
                            if v.is_none_or(|v| !op.holds(v, t)) {
                                out.extend(fix(InputRef::Year(y, *field), v, t)?);
                            }
                        }
                        Some(out)
                    }
                }
            }
            Measure::Ratio(a, b) => {
                let den = self.exact(b).ok()?;
                let target = t.percent()?.checked_mul(den)?;
                self.goal_seek(a, op, target, a.unit())
            }
            Measure::Growth {
                field,
                method,
                from,
                to,
            } => {
                let y = self.year + to;
                let v = |o: i32| self.year_figure(self.year + o, *field);
                let factor = Num::ONE.checked_add(t.percent()?)?;
                let target = match method {
                    Growth::Yoy => v(*to - 1)?.checked_mul(factor)?,
                    Growth::MeanRatio { .. } => {
                        let (y1, y2) = (v(*from)?, v(*from + 1)?);
                        let r = y2.checked_div(y1)?;
                        y2.checked_mul(factor.checked_mul(Num::int(2))?.checked_sub(r)?)?
                    }
                    Growth::Cagr => v(*from)?.checked_mul(growth_factor(t, (to - from) as u32)?)?,
                };
                fix(InputRef::Year(y, *field), v(*to), target)
            }
            Measure::YearsSince { .. } | Measure::YearsHeld { .. } => {
                let _ = unit;
                None
            }
        }
    }

    /// Writes a score's result into `out`, a fresh result (`Check::new`).
    fn score<'p>(&self, out: &mut Check<'p>, s: &'p Score) {
        let items: Vec<ItemResult<'p>> = s.items.iter().map(|i| self.item(i)).collect();
        let find = |id: &str| items.iter().find(|i| i.id == id);
        let mut groups = Vec::new();
        let mut total = (Num::ZERO, Num::ZERO);
        let mut in_capped: Vec<&str> = Vec::new();
        let mut group_fail = false;
        let mut group_pass = true;
        for g in &s.groups {
            let mut lo = Num::ZERO;
            let mut hi = Num::ZERO;
            for id in &g.items {
                if let Some(it) = find(id) {
                    lo = lo.checked_add(it.min).unwrap_or(lo);
                    hi = hi.checked_add(it.max).unwrap_or(hi);
                }
            }
            if let Some(cap) = g.cap {
                lo = lo.min(cap);
                hi = hi.min(cap);
                in_capped.extend(g.items.iter().map(String::as_str));
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
        for it in items.iter().filter(|i| !in_capped.contains(&i.id)) {
            total = (
                total.0.checked_add(it.min).unwrap_or(total.0),
                total.1.checked_add(it.max).unwrap_or(total.1),
            );
        }
        let (lo, hi) = total;
        let needs = union(items.iter().map(|it| it.needs.as_slice()));
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
        out.status = status;
        out.actual = Some(if lo == hi {
            Shown::Num(lo)
        } else {
            Shown::Range { min: lo, max: hi }
        });
        out.required = Some(Shown::Num(s.pass));
        out.gap = (status == Status::NotMet)
            .then(|| needed.and_then(|n| n.checked_sub(hi)))
            .flatten()
            .filter(|g| !g.is_negative() && !g.is_zero());
        out.op = Some(s.pass_op);
        out.unit = Some(Unit::Points);
        out.progress = Some(progress(hi, s.pass, s.pass_op, status == Status::Met));
        if !matches!(status, Status::Met | Status::NotMet) {
            out.needs = needs;
        }
        out.score = Some(Box::new(ScoreResult {
            min: lo,
            max: hi,
            pass_op: s.pass_op,
            pass: s.pass,
            items,
            groups,
        }));
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

    fn item_range(&self, it: &Item) -> (Num, Num, Needs, bool) {
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
    fn bands(&self, bands: &[Band], otherwise: (Num, Num)) -> (Num, Num, Needs) {
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

impl<'p> Check<'p> {
    fn new(status: Status) -> Check<'p> {
        Check {
            status,
            actual: None,
            required: None,
            gap: None,
            op: None,
            unit: None,
            progress: None,
            fix: Vec::new(),
            met_from: None,
            case: None,
            note: None,
            needs: Vec::new(),
            parts: Vec::new(),
            score: None,
        }
    }

    fn set_unknown(&mut self, u: Unknown) {
        match u {
            Unknown::Missing(needs) => {
                self.status = Status::Missing;
                self.needs = needs.into_vec();
            }
            Unknown::Undefined(why) => {
                self.status = Status::NotAssessable;
                self.note = Some(Cow::Owned(why.note()));
            }
        }
    }
}

/// The status of `value op t` for a condition, and the inputs it still needs.
fn compare_status(value: Result<Val, Unknown>, op: Op, t: Num) -> (Status, Needs) {
    let status = value_status(&value, op, t);
    match value {
        Err(Unknown::Missing(needs)) => (status, needs),
        _ => (status, Needs::NONE),
    }
}

/// The status of `value op t` for a condition.
fn value_status(value: &Result<Val, Unknown>, op: Op, t: Num) -> Status {
    match *value {
        Ok(Val::Exact(a)) => status_of(op.holds(a, t)),
        Ok(Val::Cagr { ratio, years }) => match growth_factor(t, years) {
            Some(f) => status_of(op.holds(ratio, f)),
            None => Status::NotAssessable,
        },
        Ok(Val::NotHeld) => Status::NotMet,
        Err(Unknown::Missing(_)) => Status::Missing,
        Err(Unknown::Undefined(_)) => Status::NotAssessable,
    }
}

fn status_of(met: bool) -> Status {
    if met {
        Status::Met
    } else {
        Status::NotMet
    }
}

/// The inputs of several lists, in order and without repeats, in one allocation.
fn union<'a>(lists: impl Iterator<Item = &'a [InputRef]> + Clone) -> Vec<InputRef> {
    let total = lists.clone().map(<[InputRef]>::len).sum();
    if total == 0 {
        return Vec::new();
    }
    let mut out: Vec<InputRef> = Vec::with_capacity(total);
    for list in lists {
        // Each list is without repeats, so the first one is taken as it is.
        if out.is_empty() {
            out.extend_from_slice(list);
            continue;
        }
        for x in list {
            if !out.contains(x) {
                out.push(x.clone());
            }
        }
    }
    out
}

fn progress(a: Num, t: Num, op: Op, met: bool) -> f64 {
    if met {
        return 1.0;
    }
    let (a, t) = (a.to_f64(), t.to_f64());
    let p = if op.wants_more() {
        if t <= 0.0 {
            0.0
        } else {
            a / t
        }
    } else if a <= 0.0 {
        0.0
    } else {
        t / a
    };
    p.clamp(0.0, 0.999)
}

/// `(1 + t/100)^years`, exactly.
fn growth_factor(t: Num, years: u32) -> Option<Num> {
    let f = Num::ONE.checked_add(t.percent()?)?;
    (0..years).try_fold(Num::ONE, |acc, _| acc.checked_mul(f))
}

/// The compound growth rate in percent, to two decimals, for display: `(ratio^(1/years) - 1)`.
/// Comparisons never use it; they raise the threshold to the power instead.
fn cagr_percent(ratio: Num, years: u32) -> Num {
    // Newton's method for the n-th root: a few multiplications, where `powf` would pull a
    // whole maths library into the browser build.
    let r = ratio.to_f64();
    let n = years.max(1) as f64;
    let mut x = if r > 0.0 { 1.0 + (r - 1.0) / n } else { 0.0 };
    if r > 0.0 {
        for _ in 0..60 {
            let next = ((n - 1.0) * x + r / (0..years - 1).fold(1.0, |p, _| p * x)) / n;
            if (next - x).abs() < 1e-12 {
                break;
            }
            x = next;
        }
    }
    let rate = (x - 1.0) * 10_000.0;
    Num::ratio(rate.round() as i128, 100).unwrap_or(Num::ZERO)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::read::json::parse_date(s).unwrap()
    }

    #[test]
    fn whole_years_count_anniversaries() {
        assert_eq!(whole_years(d("2020-12-15"), d("2022-12-15")), 2);
        assert_eq!(whole_years(d("2020-12-15"), d("2022-12-14")), 1);
        assert_eq!(whole_years(d("2020-02-29"), d("2021-02-28")), 0);
        assert_eq!(whole_years(d("2023-01-01"), d("2022-01-01")), 0);
    }

    #[test]
    fn boundaries_meet_their_bound() {
        let t = Num::int(300);
        assert_eq!(boundary(t, Op::Ge, Unit::Wan), Some(t));
        assert_eq!(boundary(t, Op::Gt, Unit::Count), Some(Num::int(301)));
        let third = Num::ratio(1000, 3).unwrap();
        let b = boundary(third, Op::Ge, Unit::Wan).unwrap();
        assert!(b >= third && b == Num::parse_decimal("333.34").unwrap());
        let b = boundary(third, Op::Le, Unit::Wan).unwrap();
        assert!(b <= third && b == Num::parse_decimal("333.33").unwrap());
    }

    #[test]
    fn compound_growth_is_shown_to_two_decimals() {
        let r = Num::parse_decimal("1.1025").unwrap();
        assert_eq!(cagr_percent(r, 2), Num::int(5));
        assert_eq!(cagr_percent(Num::int(8), 3), Num::int(100));
        assert_eq!(cagr_percent(Num::ZERO, 2), Num::int(-100));
        assert_eq!(cagr_percent(Num::ONE, 1), Num::ZERO);
    }

    #[test]
    fn growth_factor_is_exact() {
        let f = growth_factor(Num::int(5), 2).unwrap();
        assert_eq!(f, Num::parse_decimal("1.1025").unwrap());
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
