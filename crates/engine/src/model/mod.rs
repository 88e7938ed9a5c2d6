//! The rule pack as data: a program's criteria with dated versions, sources and confidence,
//! and the vocabularies they are written in. Nothing here reads JSON or evaluates a profile:
//! the readers (`read`) build these types, the evaluator (`eval`) and the texts for people
//! (`present`) use them, and imports run that one way.
//!
//! The format is documented for pack authors in `docs/packs.md` and described by
//! `docs/pack.schema.json`.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::fields::CertKind;
use crate::model::words::words;
use crate::text::Text;

pub mod fields;
mod measure;
mod names;
mod rule;
mod score;
#[cfg(feature = "timing")]
pub mod timing;
pub mod vocab;
pub(crate) mod words;

pub use measure::{Agg, Growth, Measure, Until};
pub use names::{measure_label, rule_label};
pub use rule::{Case, Node, Op, Rule, RuleKind, Threshold};
pub use score::{Band, Group, Item, ItemKind, Score};

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

words! {
    /// The rank of the issuing body.
    #[derive(PartialOrd, Ord)]
    pub enum Level {
        District = "district",
        Municipal = "municipal",
        Provincial = "provincial",
        National = "national",
    }
}

impl Level {
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

/// A document's own fields, without the id a pack's `sources` give it: a call's notice
/// (`timing::Window`) and, with its id, a `SourceDoc` are read by one reader.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub title: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// How sure the title and dates are, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl Notice {
    /// The notice in one line: its number, or else its title.
    pub fn cite(&self) -> &str {
        self.number.as_deref().unwrap_or(&self.title.zh)
    }
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
    /// An earlier criterion of the version that this one may stand in for: the program needs
    /// one of the two, as with a score or a direct route that the sources number apart.
    pub alternative_to: Option<String>,
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
    /// The day its rules were last checked against their sources; shown with the pack so a
    /// reader can judge how current they are.
    pub checked: Option<NaiveDate>,
    pub notices: Vec<Text>,
    pub info: Vec<Info>,
    /// When it takes applications (the plan; read with the `timing` feature only).
    #[cfg(feature = "timing")]
    pub windows: timing::Windows,
    /// How long what it grants lasts, when the sources say.
    #[cfg(feature = "timing")]
    pub validity: Option<timing::Validity>,
    /// Shared rather than owned: the browser copies packs when it merges in details or a host
    /// site's pack, and copying a reference leaves out the code that would copy every rule.
    pub versions: Arc<[Version]>,
    pub origin: Origin,
    /// SHA-256 of the pack's canonical JSON, in hex.
    pub digest: String,
}

impl Pack {
    /// The version in force on `day`.
    pub fn version_on(&self, day: NaiveDate) -> Option<&Version> {
        self.versions.iter().find(|v| v.in_force(day))
    }

    pub fn source(&self, id: &str) -> Option<&SourceDoc> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Whether this is only a pack's heading (`bundled::REGIONAL`): a program the page lists
    /// while its pack is not in yet. A pack that was read whole has at least one version.
    pub fn is_heading(&self) -> bool {
        self.versions.is_empty()
    }
}

/// Puts `pack` in the place of the pack with its id, or after the others when none has it: a
/// host site's pack replaces the bundled pack of its program whole, and a pack made whole with
/// its details replaces its lean copy. The one place this is decided, for the app, its details
/// and the command line.
pub fn replace_by_id(packs: &mut Vec<Pack>, pack: Pack) {
    match packs.iter_mut().find(|p| p.id == pack.id) {
        Some(slot) => *slot = pack,
        None => packs.push(pack),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;

    #[test]
    fn a_pack_replaces_the_one_with_its_id_in_place_or_joins_the_end() {
        let mut packs = bundled::lean_packs();
        let n = packs.len();
        let mut replacement = packs[1].clone();
        replacement.origin = Origin::Host;
        replace_by_id(&mut packs, replacement);
        assert_eq!(packs.len(), n);
        assert_eq!(packs[1].origin, Origin::Host);
        let mut new = packs[0].clone();
        new.id = "new-program".into();
        replace_by_id(&mut packs, new);
        assert_eq!(packs.len(), n + 1);
        assert_eq!(packs[n].id, "new-program");
    }
}
