//! Rule packs: a program's criteria as data, with dated versions, sources and confidence.
//!
//! The format is documented for pack authors in `docs/packs.md` and described by
//! `docs/pack.schema.json`. This module reads a pack and checks it, reporting every problem
//! with the path of its field; a pack that passes can be evaluated without surprises.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

use crate::decode::{index_path, key_path, opt, parse_json, Cx, Obj};
use crate::error::{Error, Errors};
use crate::num::Num;
use crate::profile::{
    read_category, Category, CategoryField, CertKind, DateField, ScalarField, Unit, YearField,
};
use crate::text::Text;
use crate::vocab;

pub const PACK_SCHEMA: &str = "qualify.pack/1";

/// Where a pack came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    #[default]
    Bundled,
    /// Supplied by the host site at run time.
    Host,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    District,
    Municipal,
    Provincial,
    National,
}

impl Level {
    pub const VOCAB: &'static [(&'static str, Level)] = &[
        ("district", Level::District),
        ("municipal", Level::Municipal),
        ("provincial", Level::Provincial),
        ("national", Level::National),
    ];

    pub fn label(self) -> Text {
        match self {
            Level::District => Text::new("区级", "District"),
            Level::Municipal => Text::new("市级", "Municipal"),
            Level::Provincial => Text::new("省级", "Provincial"),
            Level::National => Text::new("国家级", "National"),
        }
    }
}

/// The area a program is open to; all `None` means the whole country.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Region {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district: Option<&'static str>,
}

/// A rung on a ladder of programs (municipal, provincial, national; or the SME tiers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ladder {
    pub track: String,
    pub rung: u32,
}

/// A document a pack cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceDoc {
    pub id: String,
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

/// A titled list of facts shown on the program page only (evaluation bands, say).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Info {
    pub title: Text,
    pub items: Vec<Text>,
}

/// A citation: a document of the pack and where in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    pub doc: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    pub const VOCAB: &'static [(&'static str, Op)] = &[
        (">=", Op::Ge),
        (">", Op::Gt),
        ("<=", Op::Le),
        ("<", Op::Lt),
        ("=", Op::Eq),
    ];

    pub fn symbol(self) -> &'static str {
        Op::VOCAB.iter().find(|(_, o)| *o == self).unwrap().0
    }

    /// The mathematical sign, for people: "≥" rather than ">=".
    pub fn sign(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    pub fn holds(self, actual: Num, threshold: Num) -> bool {
        match self {
            Op::Ge => actual >= threshold,
            Op::Gt => actual > threshold,
            Op::Le => actual <= threshold,
            Op::Lt => actual < threshold,
            Op::Eq => actual == threshold,
        }
    }

    /// True when a larger actual value helps.
    pub fn wants_more(self) -> bool {
        matches!(self, Op::Ge | Op::Gt)
    }
}

/// The date a duration is counted to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    AsOf,
    PriorYearEnd,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agg {
    Sum,
    Mean,
    Min,
    Max,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Growth {
    /// `Y[to] / Y[to-1] - 1`.
    Yoy,
    /// `1/2 × (Y2/Y1 + Y3/Y2) - 1` over three years; `hnte_rules` adds the HNTE guide's cases for
    /// a zero first or middle year.
    MeanRatio { hnte_rules: bool },
    /// `(Y[to] / Y[from])^(1/n) - 1`.
    Cagr,
}

/// A figure computed from the profile. Year offsets count from the as-of year: -1 is the prior
/// fiscal year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Measure {
    Year {
        field: YearField,
        year: i32,
    },
    Years {
        field: YearField,
        from: i32,
        to: i32,
        agg: Agg,
        /// Skip years before the year of registration ("fewer than 3 years: actual years").
        since_registration: bool,
    },
    Scalar(ScalarField),
    /// A percentage: 100 × numerator / denominator.
    Ratio(Box<Measure>, Box<Measure>),
    Growth {
        field: YearField,
        method: Growth,
        from: i32,
        to: i32,
    },
    /// Whole years from a date.
    YearsSince {
        date: DateField,
        until: Until,
    },
    /// Whole years a certification has been held, if it is valid on the as-of date.
    YearsHeld {
        kinds: Vec<CertKind>,
        until: Until,
    },
}

impl Measure {
    pub fn unit(&self) -> Unit {
        match self {
            Measure::Year { field, .. } | Measure::Years { field, .. } => field.unit(),
            Measure::Scalar(f) => f.unit(),
            Measure::Ratio(..) | Measure::Growth { .. } => Unit::Percent,
            Measure::YearsSince { .. } | Measure::YearsHeld { .. } => Unit::Years,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Threshold {
    Fixed(Num),
    Measure(Measure),
    /// The first case whose condition is met gives the threshold.
    Cases {
        cases: Vec<Case<Num>>,
        otherwise: Option<Num>,
    },
}

/// A condition and what it selects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case<T> {
    pub label: Option<Text>,
    pub when: Node,
    pub then: T,
}

/// A rule with its display label and, for parts of a composite, its id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub id: Option<String>,
    /// The label the pack gives, if any.
    pub label: Option<Text>,
    /// The label shown: the pack's, or one made from what the rule measures.
    pub display: Text,
    pub rule: Rule,
}

impl Node {
    pub fn new(id: Option<String>, label: Option<Text>, rule: Rule) -> Node {
        let display = label
            .clone()
            .unwrap_or_else(|| crate::eval::rule_label(&rule));
        Node {
            id,
            label,
            display,
            rule,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    Compare {
        measure: Measure,
        op: Op,
        threshold: Threshold,
        unit: Unit,
    },
    /// A categorical field takes one of the listed values.
    In {
        field: CategoryField,
        values: Vec<Category>,
    },
    /// One of the certifications is valid on the as-of date.
    Holds {
        kinds: Vec<CertKind>,
    },
    /// Self-declared; `key` is the confirmation id.
    Declared {
        key: Arc<str>,
    },
    /// The threshold is not published; `note` says which table would supply it.
    Unpublished {
        note: Text,
    },
    All(Vec<Node>),
    Any(Vec<Node>),
    Switch {
        cases: Vec<Case<Node>>,
        otherwise: Box<Node>,
    },
    Score(Score),
}

/// A banded score table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub items: Vec<Item>,
    pub groups: Vec<Group>,
    pub pass_op: Op,
    pub pass: Num,
    /// The key prefix of self-assessed items: `<criterion id>`.
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub id: String,
    pub label: Text,
    pub max: Num,
    pub kind: ItemKind,
    /// `<criterion>.<item id>`: where a self-assessed item's points are found in `self_scores`.
    pub key: Arc<str>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// The first band whose condition holds gives the points.
    Bands {
        bands: Vec<Band>,
        otherwise: (Num, Num),
    },
    /// Points the applicant assesses themselves (`self_scores.<criterion>.<item>`).
    SelfAssessed,
    /// The better of several ways to score the item.
    BestOf(Vec<Item>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub when: Node,
    /// A band may give a range of points (7 to 8): a self-assessment shows both ends.
    pub points: (Num, Num),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub id: String,
    pub label: Text,
    pub items: Vec<String>,
    pub min: Option<Num>,
    pub cap: Option<Num>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Criterion {
    pub id: String,
    pub label: Text,
    pub note: Option<Text>,
    pub confidence: String,
    pub source: Vec<SourceRef>,
    /// The citation in one line, made once when the pack is read.
    pub cite: String,
    pub rule: Node,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub id: String,
    pub effective_from: NaiveDate,
    pub effective_until: Option<NaiveDate>,
    /// How `effective_from` was chosen from the sources.
    pub basis: Option<Text>,
    /// Why no version is in force between the previous version and this one.
    pub gap_reason: Option<Text>,
    pub notices: Vec<Text>,
    pub criteria: Vec<Criterion>,
}

impl Version {
    pub fn in_force(&self, day: NaiveDate) -> bool {
        self.effective_from <= day && self.effective_until.is_none_or(|u| day <= u)
    }
}

/// A program's rule pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pack {
    pub id: String,
    pub name: Text,
    pub summary: Option<Text>,
    pub level: Level,
    pub region: Region,
    pub issuer: Text,
    pub ladder: Option<Ladder>,
    /// The certification a successful applicant holds afterwards.
    pub grants: Option<CertKind>,
    pub sources: Vec<SourceDoc>,
    pub notices: Vec<Text>,
    pub info: Vec<Info>,
    /// Shared rather than owned: the browser copies packs when it merges in details or a host
    /// site's pack, and copying a reference leaves out the code that would copy every rule.
    pub versions: Arc<[Version]>,
    pub origin: Origin,
    /// SHA-256 of the pack's canonical JSON, in hex.
    pub digest: String,
}

impl Pack {
    /// Reads and checks a pack from JSON text.
    pub fn from_json(text: &str) -> Result<Pack, Errors> {
        Pack::from_value(&parse_json(text)?)
    }

    pub fn from_value(v: &Value) -> Result<Pack, Errors> {
        let mut pack = Pack::unhashed(v)?;
        pack.digest = crate::digest::hex_sha256(v.to_string().as_bytes());
        Ok(pack)
    }

    /// Reads and checks a pack, leaving its fingerprint empty for a caller that knows it.
    pub(crate) fn unhashed(v: &Value) -> Result<Pack, Errors> {
        let mut cx = Cx::default();
        let pack = read_pack(&mut cx, v);
        cx.finish(pack)
    }

    /// The version in force on `day`.
    pub fn version_on(&self, day: NaiveDate) -> Option<&Version> {
        self.versions.iter().find(|v| v.in_force(day))
    }

    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.sources.iter().find(|s| s.id == id)
    }
}

const PACK_FIELDS: &[&str] = &[
    "schema", "id", "name", "summary", "level", "region", "issuer", "ladder", "grants", "sources",
    "notices", "info", "versions",
];

fn read_pack(cx: &mut Cx, v: &Value) -> Option<Pack> {
    let m = cx.obj(v, "", PACK_FIELDS)?;
    match cx.req(m, "", "schema").and_then(|s| cx.str(s, "schema")) {
        Some(PACK_SCHEMA) | None => {}
        Some(other) => cx.push(Error::UnknownSchema {
            path: "schema".into(),
            found: other.into(),
            expected: PACK_SCHEMA,
        }),
    }
    let id = cx.field(m, "", "id", true, slug);
    let name = cx.field(m, "", "name", true, Cx::text);
    let summary = cx.field(m, "", "summary", false, Cx::text);
    let level = cx
        .req(m, "", "level")
        .and_then(|v| cx.word(v, "level", Level::VOCAB));
    let region = opt(m, "region")
        .map(|v| read_region(cx, v))
        .unwrap_or_default();
    let issuer = cx.field(m, "", "issuer", true, Cx::text);
    let ladder = opt(m, "ladder").and_then(|v| read_ladder(cx, v));
    let grants = opt(m, "grants").and_then(|v| cx.word(v, "grants", CertKind::VOCAB));
    let sources = read_sources(cx, m);
    let notices = texts(cx, m, "", "notices");
    let info = read_info(cx, m);
    let mut versions = cx
        .req(m, "", "versions")
        .and_then(|v| read_versions(cx, v, &sources))
        .unwrap_or_default();
    for c in versions.iter_mut().flat_map(|v| v.criteria.iter_mut()) {
        c.cite = cite(&sources, &c.source);
    }
    Some(Pack {
        id: id?.to_string(),
        name: name?,
        summary,
        level: level?,
        region,
        issuer: issuer?,
        ladder,
        grants,
        sources,
        notices,
        info,
        versions: versions.into(),
        origin: Origin::Bundled,
        digest: String::new(),
    })
}

/// "Order 34 art. 9(3); 发改办高技〔2022〕68号": each document's number (or title) and place.
fn cite(sources: &[SourceDoc], refs: &[SourceRef]) -> String {
    refs.iter()
        .map(|r| {
            let name = sources
                .iter()
                .find(|d| d.id == r.doc)
                .map(|d| d.number.clone().unwrap_or_else(|| d.title.zh.clone()))
                .unwrap_or_else(|| r.doc.clone());
            match &r.at {
                Some(at) => format!("{name} {at}"),
                None => name,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Ids are lowercase ASCII words joined by `-` or `_` (criterion ids may use upper case).
fn slug<'v>(cx: &mut Cx, v: &'v Value, path: &str) -> Option<&'v str> {
    let s = cx.nonempty_str(v, path)?;
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !ok {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: format!("`{s}` must use only a-z, 0-9, `-` and `_`"),
        });
        return None;
    }
    Some(s)
}

fn ident<'v>(cx: &mut Cx, v: &'v Value, path: &str) -> Option<&'v str> {
    let s = cx.nonempty_str(v, path)?;
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !ok {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: format!("`{s}` must use only letters, digits, `-` and `_`"),
        });
        return None;
    }
    Some(s)
}

fn texts(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Vec<Text> {
    let path = key_path(path, key);
    let Some(list) = opt(m, key).and_then(|v| cx.arr(v, &path)) else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, v)| cx.text(v, &index_path(&path, i)))
        .collect()
}

fn read_region(cx: &mut Cx, v: &Value) -> Region {
    let Some(m) = cx.obj(v, "region", &["province", "city", "district"]) else {
        return Region::default();
    };
    let mut place = |key: &str, list: &'static [vocab::Place]| -> Option<&'static str> {
        let path = key_path("region", key);
        let s = opt(m, key).and_then(|v| cx.str(v, &path))?;
        match vocab::find_place(list, s) {
            Some(p) => Some(p.word.slug),
            None => {
                cx.push(Error::UnknownValue {
                    path,
                    value: s.into(),
                    allowed: vocab::place_slugs(list),
                });
                None
            }
        }
    };
    Region {
        province: place("province", vocab::PROVINCES),
        city: place("city", vocab::CITIES),
        district: place("district", vocab::DISTRICTS),
    }
}

fn read_ladder(cx: &mut Cx, v: &Value) -> Option<Ladder> {
    let m = cx.obj(v, "ladder", &["track", "rung"])?;
    let track = cx
        .req(m, "ladder", "track")
        .and_then(|v| slug(cx, v, "ladder.track"));
    let rung = cx
        .req(m, "ladder", "rung")
        .and_then(|v| cx.num(v, "ladder.rung"));
    let rung = rung.and_then(|r| {
        let ok = r.is_integer() && r >= Num::ONE && r <= Num::int(20);
        if !ok {
            cx.push(Error::OutOfRange {
                path: "ladder.rung".into(),
                value: r.to_string(),
                min: "1".into(),
                max: "20".into(),
            });
        }
        ok.then(|| r.numer() as u32)
    });
    Some(Ladder {
        track: track?.to_string(),
        rung: rung?,
    })
}

fn read_sources(cx: &mut Cx, m: &Obj) -> Vec<SourceDoc> {
    let Some(list) = cx.req(m, "", "sources").and_then(|v| cx.arr(v, "sources")) else {
        return Vec::new();
    };
    let mut out: Vec<SourceDoc> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("sources", i);
        let Some(s) = cx.obj(v, &path, &["id", "title", "number", "date", "url", "note"]) else {
            continue;
        };
        let id = cx.field(s, &path, "id", true, slug);
        let title = cx.field(s, &path, "title", true, Cx::text);
        let number = opt(s, "number")
            .and_then(|v| cx.nonempty_str(v, &key_path(&path, "number")))
            .map(str::to_string);
        let date = cx.field(s, &path, "date", false, Cx::date);
        let url = opt(s, "url").and_then(|v| {
            let p = key_path(&path, "url");
            let u = cx.str(v, &p)?;
            if !(u.starts_with("https://") || u.starts_with("http://")) {
                cx.push(Error::Invalid {
                    path: p,
                    detail: format!("`{u}` must be an http(s) link"),
                });
                return None;
            }
            Some(u.to_string())
        });
        let note = cx.field(s, &path, "note", false, Cx::text);
        let (Some(id), Some(title)) = (id, title) else {
            continue;
        };
        if out.iter().any(|d| d.id == id) {
            cx.push(Error::Duplicate {
                path: key_path(&path, "id"),
                id: id.into(),
            });
        }
        out.push(SourceDoc {
            id: id.into(),
            title,
            number,
            date,
            url,
            note,
        });
    }
    out
}

fn read_info(cx: &mut Cx, m: &Obj) -> Vec<Info> {
    let Some(list) = opt(m, "info").and_then(|v| cx.arr(v, "info")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("info", i);
        let Some(o) = cx.obj(v, &path, &["title", "items"]) else {
            continue;
        };
        let title = cx.field(o, &path, "title", true, Cx::text);
        let items = texts(cx, o, &path, "items");
        if let Some(title) = title {
            out.push(Info { title, items });
        }
    }
    out
}

fn read_versions(cx: &mut Cx, v: &Value, docs: &[SourceDoc]) -> Option<Vec<Version>> {
    let list = cx.arr(v, "versions")?;
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: "versions".into(),
            detail: "a pack needs at least one version".into(),
        });
    }
    let mut out: Vec<(usize, Version)> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("versions", i);
        if let Some(version) = read_version(cx, v, &path, docs) {
            if out.iter().any(|(_, o)| o.id == version.id) {
                cx.push(Error::Duplicate {
                    path: key_path(&path, "id"),
                    id: version.id.clone(),
                });
            }
            out.push((i, version));
        }
    }
    crate::sort_by_key(&mut out, |(_, v)| v.effective_from);
    for pair in out.windows(2) {
        let ((_, a), (j, b)) = (&pair[0], &pair[1]);
        let path = index_path("versions", *j);
        match a.effective_until {
            None => cx.push(Error::VersionOverlap {
                path: key_path(&path, "effective_from"),
                version: b.id.clone(),
                other: a.id.clone(),
            }),
            Some(until) if until >= b.effective_from => cx.push(Error::VersionOverlap {
                path: key_path(&path, "effective_from"),
                version: b.id.clone(),
                other: a.id.clone(),
            }),
            Some(until) => {
                let next = until.succ_opt();
                if next != Some(b.effective_from) && b.gap_reason.is_none() {
                    cx.push(Error::VersionGap {
                        path: key_path(&path, "effective_from"),
                        from: next.map(|d| d.to_string()).unwrap_or_default(),
                        to: b
                            .effective_from
                            .pred_opt()
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    });
                }
            }
        }
    }
    Some(out.into_iter().map(|(_, v)| v).collect())
}

const VERSION_FIELDS: &[&str] = &[
    "id",
    "effective_from",
    "effective_until",
    "basis",
    "gap_reason",
    "notices",
    "criteria",
];

fn read_version(cx: &mut Cx, v: &Value, path: &str, docs: &[SourceDoc]) -> Option<Version> {
    let m = cx.obj(v, path, VERSION_FIELDS)?;
    let id = cx.field(m, path, "id", true, slug);
    let from = cx.field(m, path, "effective_from", true, Cx::date);
    let until = cx.field(m, path, "effective_until", false, Cx::date);
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            cx.push(Error::DateOrder {
                path: key_path(path, "effective_until"),
                value: u.to_string(),
                other: key_path(path, "effective_from"),
                other_value: f.to_string(),
            });
        }
    }
    let basis = cx.field(m, path, "basis", false, Cx::text);
    let gap_reason = cx.field(m, path, "gap_reason", false, Cx::text);
    let notices = texts(cx, m, path, "notices");
    let cpath = key_path(path, "criteria");
    let list = cx.req(m, path, "criteria").and_then(|v| cx.arr(v, &cpath));
    let mut criteria: Vec<Criterion> = Vec::new();
    for (i, c) in list.into_iter().flatten().enumerate() {
        let p = index_path(&cpath, i);
        if let Some(c) = read_criterion(cx, c, &p, docs) {
            if criteria.iter().any(|o| o.id == c.id) {
                cx.push(Error::Duplicate {
                    path: key_path(&p, "id"),
                    id: c.id.clone(),
                });
            }
            criteria.push(c);
        }
    }
    if list.is_some_and(|l| l.is_empty()) {
        cx.push(Error::Invalid {
            path: cpath,
            detail: "a version needs at least one criterion".into(),
        });
    }
    Some(Version {
        id: id?.into(),
        effective_from: from?,
        effective_until: until,
        basis,
        gap_reason,
        notices,
        criteria,
    })
}

const CRITERION_FIELDS: &[&str] = &["id", "label", "note", "confidence", "source", "rule"];

fn read_criterion(cx: &mut Cx, v: &Value, path: &str, docs: &[SourceDoc]) -> Option<Criterion> {
    let m = cx.obj(v, path, CRITERION_FIELDS)?;
    let id = cx.field(m, path, "id", true, ident);
    let label = cx.field(m, path, "label", true, Cx::text);
    let note = cx.field(m, path, "note", false, Cx::text);
    let confidence = cx
        .req(m, path, "confidence")
        .and_then(|v| confidence(cx, v, &key_path(path, "confidence")));
    let source = read_source_refs(cx, m, path, docs);
    let id = id?;
    let rule = cx
        .req(m, path, "rule")
        .and_then(|v| read_node(cx, v, &key_path(path, "rule"), id, true));
    Some(Criterion {
        id: id.into(),
        label: label?,
        note,
        confidence: confidence?,
        source,
        cite: String::new(),
        rule: rule?,
    })
}

/// Confidence codes as criteria.md writes them: `OFF`, `3P`, `REC` and `seed NNN`, joined by
/// `+` or `/` ("3P + seed 000", "3P+OFF", "3P/REC"). Kept verbatim: never upgraded.
fn confidence(cx: &mut Cx, v: &Value, path: &str) -> Option<String> {
    let s = cx.nonempty_str(v, path)?;
    let ok = s.split(['+', '/']).all(|tok| {
        let tok = tok.trim();
        matches!(tok, "OFF" | "3P" | "REC")
            || tok
                .strip_prefix("seed ")
                .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if !ok {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: format!(
                "`{s}` is not a confidence: use OFF, 3P, REC or `seed NNN`, joined by + or /"
            ),
        });
        return None;
    }
    Some(s.to_string())
}

fn read_source_refs(cx: &mut Cx, m: &Obj, path: &str, docs: &[SourceDoc]) -> Vec<SourceRef> {
    let spath = key_path(path, "source");
    let Some(list) = cx.req(m, path, "source").and_then(|v| cx.arr(v, &spath)) else {
        return Vec::new();
    };
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: spath.clone(),
            detail: "every criterion cites at least one source".into(),
        });
    }
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&spath, i);
        let Some(o) = cx.obj(v, &p, &["doc", "at"]) else {
            continue;
        };
        let doc = cx
            .req(o, &p, "doc")
            .and_then(|v| cx.str(v, &key_path(&p, "doc")));
        let at = opt(o, "at")
            .and_then(|v| cx.nonempty_str(v, &key_path(&p, "at")))
            .map(str::to_string);
        if let Some(doc) = doc {
            if !docs.iter().any(|d| d.id == doc) {
                cx.push(Error::UnknownReference {
                    path: key_path(&p, "doc"),
                    id: doc.into(),
                });
            }
            out.push(SourceRef {
                doc: doc.into(),
                at,
            });
        }
    }
    out
}

const NODE_COMMON: &[&str] = &["kind", "id", "label"];

/// Reads a rule. `key` is the confirmation key prefix for declared parts; `top` is true for a
/// criterion's own rule (whose key is the criterion id).
fn read_node(cx: &mut Cx, v: &Value, path: &str, key: &str, top: bool) -> Option<Node> {
    let Value::Object(m) = v else {
        cx.obj(v, path, &[]);
        return None;
    };
    let kind = cx.req(m, path, "kind").and_then(|k| {
        cx.word(
            k,
            &key_path(path, "kind"),
            &[
                ("compare", "compare"),
                ("in", "in"),
                ("holds", "holds"),
                ("declared", "declared"),
                ("unpublished", "unpublished"),
                ("all", "all"),
                ("any", "any"),
                ("switch", "switch"),
                ("score", "score"),
            ],
        )
    })?;
    let extra: &[&'static str] = match kind {
        "compare" => &["measure", "op", "threshold", "unit"],
        "in" => &["field", "values"],
        "holds" => &["certifications"],
        "declared" => &[],
        "unpublished" => &["note"],
        "all" | "any" => &["of"],
        "switch" => &["cases", "otherwise"],
        _ => &["items", "groups", "pass"],
    };
    let allowed: Vec<&'static str> = NODE_COMMON.iter().chain(extra).copied().collect();
    cx.obj(v, path, &allowed);
    let id = cx.field(m, path, "id", false, ident).map(str::to_string);
    let label = cx.field(m, path, "label", false, Cx::text);
    let own_key = match (&id, top) {
        (_, true) => key.to_string(),
        (Some(id), false) => format!("{key}.{id}"),
        (None, false) => key.to_string(),
    };
    let rule = match kind {
        "compare" => read_compare(cx, m, path, &own_key),
        "in" => read_in(cx, m, path),
        "holds" => {
            let kinds = cx
                .req(m, path, "certifications")
                .and_then(|v| cert_list(cx, v, &key_path(path, "certifications")));
            Some(Rule::Holds { kinds: kinds? })
        }
        "declared" => {
            if !top && id.is_none() {
                cx.push(Error::MissingField {
                    path: key_path(path, "id"),
                });
                return None;
            }
            Some(Rule::Declared {
                key: own_key.as_str().into(),
            })
        }
        "unpublished" => {
            let note = cx.field(m, path, "note", true, Cx::text);
            Some(Rule::Unpublished { note: note? })
        }
        "all" | "any" => {
            let parts = read_parts(cx, m, path, &own_key)?;
            Some(if kind == "all" {
                Rule::All(parts)
            } else {
                Rule::Any(parts)
            })
        }
        "switch" => read_switch(cx, m, path, &own_key),
        _ => read_score(cx, m, path, &own_key),
    };
    Some(Node::new(id, label, rule?))
}

fn read_parts(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Vec<Node>> {
    let ppath = key_path(path, "of");
    let list = cx.req(m, path, "of").and_then(|v| cx.arr(v, &ppath))?;
    if list.len() < 2 {
        cx.push(Error::Invalid {
            path: ppath.clone(),
            detail: "`all` and `any` combine at least two rules".into(),
        });
    }
    let mut parts: Vec<Node> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&ppath, i);
        if let Some(n) = read_node(cx, v, &p, key, false) {
            if let Some(id) = &n.id {
                if parts.iter().any(|o| o.id.as_ref() == Some(id)) {
                    cx.push(Error::Duplicate {
                        path: key_path(&p, "id"),
                        id: id.clone(),
                    });
                }
            }
            parts.push(n);
        }
    }
    Some(parts)
}

/// The `cases` of a switch or a threshold: each a `label`, a `when` condition and what it
/// selects under `then_key`, read by `read_then`.
fn read_cases<T>(
    cx: &mut Cx,
    m: &Obj,
    path: &str,
    key: &str,
    then_key: &'static str,
    read_then: impl Fn(&mut Cx, &Value, &str) -> Option<T>,
) -> Option<Vec<Case<T>>> {
    let cpath = key_path(path, "cases");
    let list = cx.req(m, path, "cases").and_then(|v| cx.arr(v, &cpath))?;
    let mut cases = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&cpath, i);
        let Some(o) = cx.obj(v, &p, &["label", "when", then_key]) else {
            continue;
        };
        let label = cx.field(o, &p, "label", false, Cx::text);
        let when = cx
            .req(o, &p, "when")
            .and_then(|v| read_node(cx, v, &key_path(&p, "when"), key, false));
        let then = cx
            .req(o, &p, then_key)
            .and_then(|v| read_then(cx, v, &key_path(&p, then_key)));
        if let (Some(when), Some(then)) = (when, then) {
            cases.push(Case { label, when, then });
        }
    }
    Some(cases)
}

fn read_switch(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let cases = read_cases(cx, m, path, key, "then", |cx, v, p| {
        read_node(cx, v, p, key, false)
    })?;
    let otherwise = cx
        .req(m, path, "otherwise")
        .and_then(|v| read_node(cx, v, &key_path(path, "otherwise"), key, false));
    Some(Rule::Switch {
        cases,
        otherwise: Box::new(otherwise?),
    })
}

fn cert_list(cx: &mut Cx, v: &Value, path: &str) -> Option<Vec<CertKind>> {
    let list = cx.arr(v, path)?;
    let kinds: Vec<CertKind> = list
        .iter()
        .enumerate()
        .filter_map(|(i, v)| cx.word(v, &index_path(path, i), CertKind::VOCAB))
        .collect();
    if kinds.is_empty() {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: "name at least one certification".into(),
        });
        return None;
    }
    Some(kinds)
}

fn read_in(cx: &mut Cx, m: &Obj, path: &str) -> Option<Rule> {
    let fpath = key_path(path, "field");
    let field = cx
        .req(m, path, "field")
        .and_then(|v| cx.word(v, &fpath, CategoryField::VOCAB))?;
    let vpath = key_path(path, "values");
    let list = cx.req(m, path, "values").and_then(|v| cx.arr(v, &vpath))?;
    let mut values = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&vpath, i);
        values.extend(read_category(cx, v, &p, field));
    }
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: vpath,
            detail: "list at least one value".into(),
        });
    }
    Some(Rule::In { field, values })
}

fn read_compare(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let measure = cx
        .req(m, path, "measure")
        .and_then(|v| read_measure(cx, v, &key_path(path, "measure")));
    let op = cx
        .req(m, path, "op")
        .and_then(|v| cx.word(v, &key_path(path, "op"), Op::VOCAB));
    let upath = key_path(path, "unit");
    let unit = cx
        .req(m, path, "unit")
        .and_then(|v| cx.word(v, &upath, Unit::ALL));
    let tpath = key_path(path, "threshold");
    let threshold = cx
        .req(m, path, "threshold")
        .and_then(|v| read_threshold(cx, v, &tpath, key));
    let measure = measure?;
    let unit = unit?;
    check_unit(cx, &upath, measure.unit(), unit);
    if let Some(Threshold::Measure(other)) = &threshold {
        check_unit(cx, &key_path(&tpath, "measure"), unit, other.unit());
    }
    Some(Rule::Compare {
        measure,
        op: op?,
        threshold: threshold?,
        unit,
    })
}

fn check_unit(cx: &mut Cx, path: &str, expected: Unit, found: Unit) {
    if expected != found {
        cx.push(Error::UnitMismatch {
            path: path.into(),
            expected: expected.slug(),
            found: found.slug().into(),
        });
    }
}

/// Reads a threshold; `key` is the confirmation key prefix for declared case conditions.
fn read_threshold(cx: &mut Cx, v: &Value, path: &str, key: &str) -> Option<Threshold> {
    match v {
        Value::Number(_) => cx.num(v, path).map(Threshold::Fixed),
        Value::Object(m) if m.contains_key("measure") => {
            let o = cx.obj(v, path, &["measure"])?;
            let mp = key_path(path, "measure");
            read_measure(cx, &o["measure"], &mp).map(Threshold::Measure)
        }
        Value::Object(_) => {
            let o = cx.obj(v, path, &["cases", "otherwise"])?;
            let cases = read_cases(cx, o, path, key, "value", |cx, v, p| cx.num(v, p))?;
            let otherwise = cx.field(o, path, "otherwise", false, Cx::num);
            Some(Threshold::Cases { cases, otherwise })
        }
        _ => {
            cx.push(Error::WrongType {
                path: path.into(),
                expected: "a number, {measure} or {cases}",
                found: crate::decode::type_name(v),
            });
            None
        }
    }
}

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
        .and_then(|v| {
            cx.word(
                v,
                &key_path(path, "until"),
                &[
                    ("as-of", Until::AsOf),
                    ("prior-year-end", Until::PriorYearEnd),
                ],
            )
        })
        .unwrap_or(Until::AsOf)
}

fn year_field(cx: &mut Cx, v: &Value, path: &str) -> Option<YearField> {
    cx.word(v, path, YearField::VOCAB)
}

fn read_measure(cx: &mut Cx, v: &Value, path: &str) -> Option<Measure> {
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
        let method = cx.req(o, path, "method").and_then(|m| {
            cx.word(
                m,
                &mpath,
                &[
                    ("yoy", "yoy"),
                    ("mean-ratio", "mean-ratio"),
                    ("cagr", "cagr"),
                ],
            )
        });
        let hnte_rules = cx
            .field(o, path, "hnte_rules", false, Cx::bool)
            .unwrap_or(false);
        let (from, to) = year_span(cx, o, path)?;
        let method = match method? {
            "yoy" => Growth::Yoy,
            "mean-ratio" => Growth::MeanRatio { hnte_rules },
            _ => Growth::Cagr,
        };
        let span_ok = match method {
            Growth::Yoy => to - from == 1,
            Growth::MeanRatio { .. } => to - from == 2,
            Growth::Cagr => to > from,
        };
        if !span_ok {
            cx.push(Error::Invalid {
                path: key_path(path, "years"),
                detail: "yoy spans two years, mean-ratio three, cagr at least two".into(),
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
        let agg = cx.req(o, path, "agg").and_then(|a| {
            cx.word(
                a,
                &key_path(path, "agg"),
                &[
                    ("sum", Agg::Sum),
                    ("mean", Agg::Mean),
                    ("min", Agg::Min),
                    ("max", Agg::Max),
                ],
            )
        })?;
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

fn read_score(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Option<Rule> {
    let ipath = key_path(path, "items");
    let list = cx.req(m, path, "items").and_then(|v| cx.arr(v, &ipath))?;
    let mut items: Vec<Item> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&ipath, i);
        if let Some(item) = read_item(cx, v, &p, key) {
            if items.iter().any(|o| o.id == item.id) {
                cx.push(Error::Duplicate {
                    path: key_path(&p, "id"),
                    id: item.id.clone(),
                });
            }
            items.push(item);
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    let gpath = key_path(path, "groups");
    for (i, v) in opt(m, "groups")
        .and_then(|v| cx.arr(v, &gpath))
        .into_iter()
        .flatten()
        .enumerate()
    {
        let p = index_path(&gpath, i);
        if let Some(g) = read_group(cx, v, &p, &items) {
            groups.push(g);
        }
    }
    let capped: Vec<&String> = groups
        .iter()
        .filter(|g| g.cap.is_some())
        .flat_map(|g| &g.items)
        .collect();
    for (i, id) in capped.iter().enumerate() {
        if capped[..i].contains(id) {
            cx.push(Error::Invalid {
                path: gpath.clone(),
                detail: format!("item `{id}` is in two capped groups"),
            });
        }
    }
    let ppath = key_path(path, "pass");
    let pass = cx
        .req(m, path, "pass")
        .and_then(|v| cx.obj(v, &ppath, &["op", "value"]));
    let pass_op = pass
        .and_then(|o| cx.req(o, &ppath, "op"))
        .and_then(|v| cx.word(v, &key_path(&ppath, "op"), Op::VOCAB));
    let pass_value = pass
        .and_then(|o| cx.req(o, &ppath, "value"))
        .and_then(|v| cx.num(v, &key_path(&ppath, "value")));
    Some(Rule::Score(Score {
        items,
        groups,
        pass_op: pass_op?,
        pass: pass_value?,
        key: key.to_string(),
    }))
}

fn read_group(cx: &mut Cx, v: &Value, path: &str, items: &[Item]) -> Option<Group> {
    let o = cx.obj(v, path, &["id", "label", "items", "min", "cap"])?;
    let id = cx.field(o, path, "id", true, ident);
    let label = cx.field(o, path, "label", true, Cx::text);
    let ipath = key_path(path, "items");
    let mut ids = Vec::new();
    for (i, v) in cx
        .req(o, path, "items")
        .and_then(|v| cx.arr(v, &ipath))
        .into_iter()
        .flatten()
        .enumerate()
    {
        let p = index_path(&ipath, i);
        if let Some(s) = cx.str(v, &p) {
            if !items.iter().any(|it| it.id == s) {
                cx.push(Error::UnknownReference {
                    path: p,
                    id: s.into(),
                });
            }
            ids.push(s.to_string());
        }
    }
    let min = cx.field(o, path, "min", false, Cx::num);
    let cap = cx.field(o, path, "cap", false, Cx::num);
    Some(Group {
        id: id?.into(),
        label: label?,
        items: ids,
        min,
        cap,
    })
}

const ITEM_FIELDS: &[&str] = &[
    "id",
    "label",
    "max",
    "measure",
    "unit",
    "bands",
    "otherwise",
    "self_assessed",
    "best_of",
];

/// Reads a score item. `key` is the score's key: a declared condition in a band is confirmed
/// as `<key>.<part id>`, like a declared part of a composite.
fn read_item(cx: &mut Cx, v: &Value, path: &str, key: &str) -> Option<Item> {
    let o = cx.obj(v, path, ITEM_FIELDS)?;
    let id = cx.field(o, path, "id", true, ident);
    let label = cx.field(o, path, "label", true, Cx::text);
    let max = cx.field(o, path, "max", true, Cx::num);
    let kind = if opt(o, "self_assessed").is_some() {
        let p = key_path(path, "self_assessed");
        match opt(o, "self_assessed").and_then(|v| cx.bool(v, &p)) {
            Some(true) => Some(ItemKind::SelfAssessed),
            Some(false) => {
                cx.push(Error::Invalid {
                    path: p,
                    detail: "omit `self_assessed` rather than set it to false".into(),
                });
                None
            }
            None => None,
        }
    } else if let Some(list) = opt(o, "best_of") {
        let p = key_path(path, "best_of");
        let list = cx.arr(list, &p)?;
        let alts: Vec<Item> = list
            .iter()
            .enumerate()
            .filter_map(|(i, v)| read_item(cx, v, &index_path(&p, i), key))
            .collect();
        if alts.len() < 2 {
            cx.push(Error::Invalid {
                path: p,
                detail: "`best_of` needs at least two ways to score".into(),
            });
        }
        Some(ItemKind::BestOf(alts))
    } else {
        read_bands(cx, o, path, key)
    };
    let max = max?;
    let kind = kind?;
    let check = |cx: &mut Cx, (lo, hi): (Num, Num), p: String| {
        if lo < Num::ZERO || lo > hi || hi > max {
            cx.push(Error::Invalid {
                path: p,
                detail: format!("points must lie between 0 and the item's max {max}"),
            });
        }
    };
    match &kind {
        ItemKind::Bands { bands, otherwise } => {
            let bpath = key_path(path, "bands");
            for (i, b) in bands.iter().enumerate() {
                check(cx, b.points, key_path(&index_path(&bpath, i), "points"));
            }
            check(cx, *otherwise, key_path(path, "otherwise"));
        }
        ItemKind::BestOf(alts) => {
            for (i, a) in alts.iter().enumerate() {
                if a.max > max {
                    cx.push(Error::Invalid {
                        path: key_path(&index_path(&key_path(path, "best_of"), i), "max"),
                        detail: format!("an alternative cannot score above the item's max {max}"),
                    });
                }
            }
        }
        ItemKind::SelfAssessed => {}
    }
    let id: String = id?.into();
    Some(Item {
        key: format!("{key}.{id}").into(),
        id,
        label: label?,
        max,
        kind,
    })
}

fn points(cx: &mut Cx, v: &Value, path: &str) -> Option<(Num, Num)> {
    match v {
        Value::Array(list) if list.len() == 2 => {
            let lo = cx.num(&list[0], &index_path(path, 0));
            let hi = cx.num(&list[1], &index_path(path, 1));
            Some((lo?, hi?))
        }
        Value::Number(_) => cx.num(v, path).map(|n| (n, n)),
        _ => {
            cx.push(Error::WrongType {
                path: path.into(),
                expected: "a number or [min, max]",
                found: crate::decode::type_name(v),
            });
            None
        }
    }
}

const BAND_OPS: &[(&str, Op)] = &[
    ("gte", Op::Ge),
    ("gt", Op::Gt),
    ("lte", Op::Le),
    ("lt", Op::Lt),
    ("eq", Op::Eq),
];

fn read_bands(cx: &mut Cx, o: &Obj, path: &str, key: &str) -> Option<ItemKind> {
    let measure = opt(o, "measure").and_then(|v| read_measure(cx, v, &key_path(path, "measure")));
    let upath = key_path(path, "unit");
    let unit = opt(o, "unit").and_then(|v| cx.word(v, &upath, Unit::ALL));
    if let (Some(m), Some(u)) = (&measure, unit) {
        check_unit(cx, &upath, m.unit(), u);
    }
    let bpath = key_path(path, "bands");
    let list = cx.req(o, path, "bands").and_then(|v| cx.arr(v, &bpath))?;
    let mut bands = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&bpath, i);
        let mut allowed = vec!["when", "points", "label"];
        allowed.extend(BAND_OPS.iter().map(|(k, _)| *k));
        let Some(b) = cx.obj(v, &p, &allowed) else {
            continue;
        };
        let pts = cx
            .req(b, &p, "points")
            .and_then(|v| points(cx, v, &key_path(&p, "points")));
        let label = cx.field(b, &p, "label", false, Cx::text);
        let shorthand: Vec<(&str, Op)> = BAND_OPS
            .iter()
            .filter(|(k, _)| b.contains_key(*k))
            .copied()
            .collect();
        let when = match (opt(b, "when"), shorthand.as_slice()) {
            (Some(w), []) => read_node(cx, w, &key_path(&p, "when"), key, false),
            (None, [(k, op)]) => {
                let (Some(m), Some(u)) = (&measure, unit) else {
                    cx.push(Error::Invalid {
                        path: key_path(&p, k),
                        detail: format!("`{k}` needs the item's `measure` and `unit`"),
                    });
                    continue;
                };
                cx.num(&b[*k], &key_path(&p, k)).map(|t| {
                    let rule = Rule::Compare {
                        measure: m.clone(),
                        op: *op,
                        threshold: Threshold::Fixed(t),
                        unit: u,
                    };
                    Node::new(None, label.clone(), rule)
                })
            }
            _ => {
                cx.push(Error::Invalid {
                    path: p.clone(),
                    detail: "a band has either `when` or one of gte, gt, lte, lt, eq".into(),
                });
                None
            }
        };
        if let (Some(when), Some(points)) = (when, pts) {
            bands.push(Band { when, points });
        }
    }
    let otherwise = match opt(o, "otherwise") {
        Some(v) => points(cx, v, &key_path(path, "otherwise"))?,
        None => (Num::ZERO, Num::ZERO),
    };
    Some(ItemKind::Bands { bands, otherwise })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal valid pack with the given versions (each `(id, from, until, extra)`), where
    /// `extra` is spliced into the version object.
    fn pack_with(versions: &[(&str, &str, Option<&str>, &str)], pack_extra: &str) -> String {
        let versions: Vec<String> = versions
            .iter()
            .map(|(id, from, until, extra)| {
                let until = until
                    .map(|u| format!(r#", "effective_until": "{u}""#))
                    .unwrap_or_default();
                format!(
                    r#"{{"id": "{id}", "effective_from": "{from}"{until}{extra},
                        "criteria": [{{"id": "C1", "label": {{"zh": "条件", "en": "Criterion"}},
                        "confidence": "3P", "source": [{{"doc": "d"}}],
                        "rule": {{"kind": "declared"}}}}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"schema": "qualify.pack/1", "id": "t", "name": {{"zh": "测试", "en": "Test"}},
                "level": "national", "issuer": {{"zh": "测试", "en": "Test"}}{pack_extra},
                "sources": [{{"id": "d", "title": {{"zh": "文件", "en": "Document"}}}}],
                "versions": [{}]}}"#,
            versions.join(",")
        )
    }

    fn errors(text: &str) -> Vec<Error> {
        Pack::from_json(text).err().map(|e| e.0).unwrap_or_default()
    }

    #[test]
    fn consecutive_versions_are_accepted_and_picked_by_date() {
        let text = pack_with(
            &[
                ("old", "2022-08-01", Some("2026-03-31"), ""),
                ("new", "2026-04-01", None, ""),
            ],
            "",
        );
        let pack = Pack::from_json(&text).unwrap();
        let on = |d: &str| {
            pack.version_on(crate::parse_date(d).unwrap())
                .map(|v| v.id.as_str())
        };
        assert_eq!(on("2026-03-31"), Some("old"));
        assert_eq!(on("2026-04-01"), Some("new"));
        assert_eq!(on("2022-07-31"), None);
    }

    #[test]
    fn overlapping_versions_are_refused() {
        let e = errors(&pack_with(
            &[
                ("a", "2020-01-01", Some("2021-06-30"), ""),
                ("b", "2021-06-30", None, ""),
            ],
            "",
        ));
        assert!(
            matches!(&e[..], [Error::VersionOverlap { path, .. }] if path == "versions[1].effective_from"),
            "{e:?}"
        );
        let e = errors(&pack_with(
            &[("a", "2020-01-01", None, ""), ("b", "2022-01-01", None, "")],
            "",
        ));
        assert!(matches!(&e[..], [Error::VersionOverlap { .. }]), "{e:?}");
    }

    #[test]
    fn a_gap_needs_its_reason() {
        let versions = [
            ("a", "2020-01-01", Some("2020-12-31"), ""),
            ("b", "2021-03-01", None, ""),
        ];
        let e = errors(&pack_with(&versions, ""));
        assert!(
            matches!(&e[..], [Error::VersionGap { from, to, .. }] if from == "2021-01-01" && to == "2021-02-28"),
            "{e:?}"
        );
        let reason = r#", "gap_reason": {"zh": "暂停受理", "en": "Applications were suspended"}"#;
        let with_reason = [versions[0], ("b", "2021-03-01", None, reason)];
        assert!(Pack::from_json(&pack_with(&with_reason, "")).is_ok());
    }

    #[test]
    fn notices_are_bilingual_texts() {
        let ok = pack_with(
            &[("a", "2020-01-01", None, "")],
            r#", "notices": [{"zh": "提示", "en": "Notice"}]"#,
        );
        assert_eq!(Pack::from_json(&ok).unwrap().notices.len(), 1);
        let e = errors(&pack_with(
            &[(
                "a",
                "2020-01-01",
                None,
                r#", "notices": [{"zh": "只有中文"}]"#,
            )],
            "",
        ));
        assert!(
            matches!(&e[..], [Error::MissingField { path }] if path == "versions[0].notices[0].en"),
            "{e:?}"
        );
    }
}
