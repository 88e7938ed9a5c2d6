//! The ladder: for the enterprise's region, the rungs of each track (municipal, provincial and
//! national technology centers; tech-based SME up to little giant) in order, the rung it stands
//! on and the one to climb next.

use chrono::NaiveDate;
use serde::Serialize;

use crate::eval::{Outcome, ProgramResult};
use crate::model::{Pack, Region};
use crate::profile::{CategoryField, Profile};
use crate::text::Text;

/// Whether a program is open to the enterprise's location: `None` when the profile does not say
/// enough to tell.
pub fn region_match(region: &Region, profile: &Profile) -> Option<bool> {
    let mut unknown = false;
    for (want, field) in [
        (region.province, CategoryField::Province),
        (region.city, CategoryField::City),
        (region.district, CategoryField::District),
    ] {
        let Some(want) = want else { continue };
        match profile.word(field) {
            Some(have) if have != want => return Some(false),
            Some(_) => {}
            None => unknown = true,
        }
    }
    (!unknown).then_some(true)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rung<'p> {
    pub rung: u32,
    pub program: &'p str,
    pub name: &'p Text,
    /// The enterprise holds what this program grants.
    pub held: bool,
    /// The outcome, when the program was assessed.
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Track<'p> {
    pub id: &'p str,
    pub label: Text,
    /// Rungs from the lowest; programs on the same rung are alternatives.
    pub rungs: Vec<Rung<'p>>,
    /// The highest rung number held.
    pub current: Option<u32>,
    /// The lowest rung number above the one held.
    pub next: Option<u32>,
}

/// Names of the tracks the bundled packs use; a host pack's new track shows its id.
fn track_label(id: &str) -> Text {
    match id {
        "etc" => Text::new("企业技术中心", "Enterprise technology centers"),
        "sme" => Text::new("优质中小企业梯度培育", "Quality SME tiers"),
        "hnte" => Text::new("高新技术企业", "High and new technology enterprises"),
        other => Text::new(other, other),
    }
}

/// The ladders open to the enterprise, from the packs and their results on `as_of`.
pub fn ladders<'p>(
    packs: &'p [Pack],
    results: &[ProgramResult],
    profile: &Profile,
    as_of: NaiveDate,
) -> Vec<Track<'p>> {
    let mut tracks: Vec<Track<'p>> = Vec::new();
    for pack in packs {
        let Some(l) = &pack.ladder else { continue };
        if region_match(&pack.region, profile) != Some(true) {
            continue;
        }
        let held = pack.grants.is_some_and(|g| {
            profile
                .certifications
                .iter()
                .flatten()
                .any(|c| c.kind == g && c.valid_on(as_of))
        });
        let rung = Rung {
            rung: l.rung,
            program: &pack.id,
            name: &pack.name,
            held,
            outcome: results.iter().find(|r| r.id == pack.id).map(|r| r.outcome),
        };
        match tracks.iter_mut().find(|t| t.id == l.track) {
            Some(t) => t.rungs.push(rung),
            None => tracks.push(Track {
                id: &l.track,
                label: track_label(&l.track),
                rungs: vec![rung],
                current: None,
                next: None,
            }),
        }
    }
    for t in &mut tracks {
        crate::sort_by_key(&mut t.rungs, |r| r.rung);
        t.current = t.rungs.iter().filter(|r| r.held).map(|r| r.rung).max();
        t.next = t
            .rungs
            .iter()
            .map(|r| r.rung)
            .find(|r| t.current.is_none_or(|c| *r > c));
    }
    tracks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_match_known_places_only() {
        let region = Region {
            province: Some("fujian"),
            city: Some("xiamen"),
            district: None,
        };
        let p = |json: &str| Profile::from_json(json).unwrap();
        assert_eq!(
            region_match(&region, &p(r#"{"province": "fujian", "city": "xiamen"}"#)),
            Some(true)
        );
        assert_eq!(
            region_match(&region, &p(r#"{"province": "fujian", "city": "fuzhou"}"#)),
            Some(false)
        );
        assert_eq!(region_match(&region, &p(r#"{"province": "fujian"}"#)), None);
        assert_eq!(
            region_match(&region, &p(r#"{"province": "guangdong"}"#)),
            Some(false)
        );
        assert_eq!(region_match(&Region::default(), &p("{}")), Some(true));
    }
}
