//! What evaluation returns: statuses and outcomes (contract section 3), and the results of
//! programs, criteria, their parts and score tables, which borrow their words from the pack.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::Serialize;

use crate::inputs::InputRef;
use crate::model::words::words;
use crate::model::{Level, Op, Origin, Region, SourceRef};
use crate::num::Num;
use crate::profile::{Category, CertKind, Unit};
use crate::text::Text;

words! {
    /// A criterion's status (contract section 3).
    #[derive(Hash)]
    pub enum Status {
        Met = "met",
        NotMet = "not-met",
        Missing = "missing",
        Unconfirmed = "unconfirmed",
        Uncertain = "uncertain",
        NotAssessable = "not-assessable",
    }
}

impl Status {
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
    pub(super) fn all_rank(self) -> u8 {
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
    pub(super) fn any_rank(self) -> u8 {
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

words! {
    /// A program's outcome (contract section 3).
    #[derive(Hash)]
    pub enum Outcome {
        Eligible = "eligible",
        NotEligible = "not-eligible",
        Incomplete = "incomplete",
    }
}

impl Outcome {
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
    /// The range of points with the goal-seek answer applied (the criterion's `fix`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reach: Option<Shown<'p>>,
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

pub(crate) fn ser_unit<S: serde::Serializer>(u: &Option<Unit>, s: S) -> Result<S::Ok, S::Error> {
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

impl<'p> Check<'p> {
    pub(super) fn new(status: Status) -> Check<'p> {
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
}

pub(super) fn status_of(met: bool) -> Status {
    if met {
        Status::Met
    } else {
        Status::NotMet
    }
}
