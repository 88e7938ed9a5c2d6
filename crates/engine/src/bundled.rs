//! The rule packs shipped with Qualify (the files in `packs/`): every one whole ([`FILES`], for
//! the command line), and for the browser the national packs without their details ([`LEAN`])
//! and the regional ones as headings ([`REGIONAL`]), whose whole packs it fetches on demand.

use serde_json::Value;

use crate::error::Errors;
use crate::merge::merge;
use crate::model::{replace_by_id, Origin, Pack};
use crate::read::json::parse_json;

/// `(file name, JSON text)` of every bundled pack, sorted by file name.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_packs.rs"));

/// `(file name, JSON text, fingerprint of the whole pack)` of every national pack (id `cn-…`)
/// without its
/// details: the text shown only on request (a criterion's note inside its card; a program page's
/// summary, information, document notes and the basis of its dates). Verdicts, gaps, labels
/// and citations are the same as with the whole pack. The browser starts with these, which
/// keeps that text out of its first load, and fetches the files themselves when it is wanted.
pub const LEAN: &[(&str, &str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_lean.rs"));

/// `(file name, heading JSON, fetched file name, fingerprint of the whole pack)` of every
/// regional pack (every id but `cn-…`, contract section 2). The browser starts with the heading
/// alone (names, level, region, issuer, ladder, what it grants: what the picker and the ladder
/// show), so that its first load does not grow with the number of regions, and fetches the
/// whole pack, which `cargo xtask pack-details` puts beside the page under the fetched file
/// name, when the program is shown. That name is made from the pack's fingerprint, so no cache
/// can answer with another build's pack.
pub const REGIONAL: &[(&str, &str, &str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/bundled_regional.rs"));

/// The file to fetch for the regional pack `id`, and the fingerprint the pack in it must have.
pub fn regional_file(id: &str) -> Option<(&'static str, &'static str)> {
    REGIONAL
        .iter()
        .find(|(name, ..)| name.strip_suffix(".json") == Some(id))
        .map(|(_, _, file, digest)| (*file, *digest))
}

/// Whether `file` is the fetched file of a regional pack (for the size report).
pub fn regional_file_named(file: &str) -> bool {
    REGIONAL.iter().any(|(_, _, f, _)| *f == file)
}

/// Every regional pack's fetched file name with its text: the whole pack, as [`FILES`] has it.
pub fn regional_files() -> impl Iterator<Item = (&'static str, &'static str)> {
    REGIONAL.iter().filter_map(|(name, _, file, _)| {
        let (_, text) = FILES.iter().find(|(n, _)| n == name)?;
        Some((*file, *text))
    })
}

/// A fetched regional pack, read and checked like any pack: the pack itself, or what is wrong
/// with it. `Ok(None)` when it reads but is not the pack this build names (`id` and its
/// fingerprint), as a file of another build, or one changed on the way, would be.
pub fn regional_pack(id: &str, text: &str) -> Result<Option<Pack>, Errors> {
    let pack = Pack::from_json(text)?;
    let expected = regional_file(id).map(|(_, digest)| digest);
    Ok((pack.id == id && expected == Some(pack.digest.as_str())).then_some(pack))
}

/// The details each pack of [`LEAN`] lacks, as one JSON object of the packs' file names, each
/// with its details in the pack's own shape. The browser fetches them from beside the page, as
/// [`DETAILS_FILE`], to make its packs whole again with [`whole_packs`].
pub const DETAILS: &str = include_str!(concat!(env!("OUT_DIR"), "/details.json"));

/// The file name of [`DETAILS`], made from its contents, so that each build's details have
/// their own address and no cache can answer with another build's.
pub const DETAILS_FILE: &str = include!(concat!(env!("OUT_DIR"), "/details_file.rs"));

/// The bundled packs whole again: each text of [`LEAN`] with its details from `details` (the
/// text of [`DETAILS`]) merged back in, read and checked like any pack. `None` unless every pack
/// comes out as the one bundled, fingerprint and all: details of another build are not used.
pub fn whole_packs(details: &str) -> Option<Vec<Pack>> {
    let mut details = match parse_json(details).ok()? {
        Value::Object(m) => m,
        _ => return None,
    };
    LEAN.iter()
        .map(|(name, lean, digest)| {
            let mut pack = parse_json(lean).ok()?;
            merge(&mut pack, details.remove(*name)?);
            Pack::from_value(&pack).ok().filter(|p| p.digest == *digest)
        })
        .collect()
}

/// `packs` with each bundled pack that `whole` holds, with the same id and fingerprint, replaced
/// by it; a pack the host site supplied stays as it is, as does a pack of another build.
// Inline in the app, which calls it once, and copying the whole packs it uses rather than
// moving them out of `whole`: measured, the browser build is 1.2 KB smaller so (wasm 641543 ->
// 640316 bytes, gzip 243720 -> 243144), presumably as it then shares the app's own code for
// copying and dropping packs.
#[inline]
pub fn with_details(packs: &[Pack], whole: Vec<Pack>) -> Vec<Pack> {
    let mut out = packs.to_vec();
    for w in &whole {
        let lean = |p: &Pack| p.origin == Origin::Bundled && p.id == w.id && p.digest == w.digest;
        if packs.iter().any(lean) {
            replace_by_id(&mut out, w.clone());
        }
    }
    out
}

/// Reads every bundled pack, or the errors of each that fails with its file name.
pub fn try_packs() -> Result<Vec<Pack>, Vec<(&'static str, Errors)>> {
    read_all(
        FILES
            .iter()
            .map(|(name, text)| (*name, Pack::from_json(text))),
    )
}

fn read_all(
    read: impl Iterator<Item = (&'static str, Result<Pack, Errors>)>,
) -> Result<Vec<Pack>, Vec<(&'static str, Errors)>> {
    let mut packs = Vec::new();
    let mut errors = Vec::new();
    for (name, pack) in read {
        match pack {
            Ok(p) => packs.push(p),
            Err(e) => errors.push((name, e)),
        }
    }
    if errors.is_empty() {
        Ok(packs)
    } else {
        Err(errors)
    }
}

/// The bundled packs. They are checked by the tests, so a failure here is a build defect.
pub fn packs() -> Vec<Pack> {
    valid(try_packs())
}

/// What the browser starts with, in file order: the national packs without their details (see
/// [`LEAN`]) and the regional packs' headings (see [`REGIONAL`]), each with the fingerprint of
/// the whole pack, which is the pack a report names. Their own text is not hashed: the browser
/// reads these at start-up, and that fingerprint would be thrown away.
pub fn lean_packs() -> Vec<Pack> {
    let start = |text: &str, digest: &str, read: fn(&Value) -> Result<Pack, Errors>| {
        parse_json(text).map_err(Errors::from).and_then(|v| {
            let mut pack = read(&v)?;
            pack.digest = digest.to_string();
            Ok(pack)
        })
    };
    let lean = LEAN
        .iter()
        .map(|(name, text, digest)| (*name, start(text, digest, Pack::unhashed)));
    let headings = REGIONAL
        .iter()
        .map(|(name, text, _, digest)| (*name, start(text, digest, Pack::heading)));
    let mut all: Vec<_> = lean.chain(headings).collect();
    crate::sort_by_key(&mut all, |(name, _)| *name);
    valid(read_all(all.into_iter()))
}

fn valid(read: Result<Vec<Pack>, Vec<(&'static str, Errors)>>) -> Vec<Pack> {
    match read {
        Ok(p) => p,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|(n, e)| format!("{n}: {e}")).collect();
            panic!("bundled rule packs are invalid:\n{}", list.join("\n"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A whole pack with the details `LEAN` leaves out taken away.
    fn without_details(mut p: Pack) -> Pack {
        p.summary = None;
        p.info.clear();
        #[cfg(feature = "timing")]
        {
            p.windows = Default::default();
            p.validity = None;
        }
        for d in &mut p.sources {
            d.note = None;
        }
        let mut versions = p.versions.to_vec();
        for v in &mut versions {
            v.basis = None;
            for c in &mut v.criteria {
                c.note = None;
            }
        }
        p.versions = versions.into();
        p
    }

    #[test]
    fn the_details_make_the_lean_packs_whole_again() {
        let national: Vec<Pack> = packs()
            .into_iter()
            .filter(|p| p.id.starts_with("cn-"))
            .collect();
        assert_eq!(whole_packs(DETAILS), Some(national));
        assert!(DETAILS_FILE.starts_with("qualify-details-") && DETAILS_FILE.ends_with(".json"));
    }

    #[test]
    fn whole_packs_replace_their_lean_copies_only() {
        let mut lean = lean_packs();
        lean[0].origin = crate::model::Origin::Host;
        let mut whole = packs();
        whole[2].digest = "0".repeat(64);
        let out = with_details(&lean, whole.clone());
        assert_eq!(out.len(), lean.len());
        assert_eq!(out[0], lean[0], "the host's pack stays");
        assert_eq!(out[1], whole[1]);
        assert_eq!(out[2], lean[2], "a pack of another build is not used");
    }

    #[test]
    fn details_of_another_build_are_not_used() {
        assert_eq!(whole_packs("{"), None, "not JSON");
        assert_eq!(whole_packs("[]"), None, "not an object");
        let changed = DETAILS.replacen("\"zh\":\"", "\"zh\":\"!", 1);
        assert_ne!(changed, DETAILS);
        assert_eq!(whole_packs(&changed), None, "a changed note");
        let (first, _, _) = LEAN[0];
        let mut fewer: serde_json::Map<String, Value> = serde_json::from_str(DETAILS).unwrap();
        fewer.remove(first);
        assert_eq!(
            whole_packs(&Value::Object(fewer).to_string()),
            None,
            "a pack missing"
        );
    }

    /// A whole pack with only its heading left.
    fn heading_of(mut p: Pack) -> Pack {
        p.summary = None;
        p.info.clear();
        #[cfg(feature = "timing")]
        {
            p.windows = Default::default();
            p.validity = None;
        }
        p.sources.clear();
        p.checked = None;
        p.notices.clear();
        p.versions = Vec::new().into();
        p
    }

    #[test]
    fn lean_packs_are_the_whole_packs_without_their_details_or_only_their_headings() {
        let whole = packs();
        let lean = lean_packs();
        assert_eq!(lean.len(), FILES.len());
        assert_eq!(LEAN.len() + REGIONAL.len(), FILES.len());
        for (w, l) in whole.into_iter().zip(lean) {
            assert_eq!(
                l.digest, w.digest,
                "{}: the fingerprint of the whole pack",
                w.id
            );
            let regional = !w.id.starts_with("cn-");
            assert_eq!(l.is_heading(), regional, "{}", w.id);
            assert!(!w.is_heading());
            if regional {
                assert_eq!(heading_of(w), l);
            } else {
                assert_eq!(without_details(w), l);
            }
        }
        let whole_size: usize = FILES.iter().map(|f| f.1.len()).sum();
        let lean_size: usize = LEAN.iter().map(|f| f.1.len()).sum();
        let heading_size: usize = REGIONAL.iter().map(|f| f.1.len()).sum();
        assert!(
            (lean_size + heading_size) * 10 < whole_size * 8,
            "{lean_size} + {heading_size} of {whole_size} bytes"
        );
    }

    #[test]
    fn regional_packs_are_fetched_from_files_named_after_their_fingerprints() {
        assert!(!REGIONAL.is_empty());
        let whole = packs();
        let files: Vec<_> = regional_files().collect();
        assert_eq!(files.len(), REGIONAL.len());
        for (file, text) in files {
            let pack = Pack::from_json(text).unwrap();
            assert!(!pack.id.starts_with("cn-"));
            let (named, digest) = regional_file(&pack.id).unwrap();
            assert_eq!(named, file);
            assert_eq!(
                file,
                format!("qualify-pack-{}-{}.json", pack.id, &digest[..16])
            );
            assert_eq!(
                regional_pack(&pack.id, text),
                Ok(whole.iter().find(|p| p.id == pack.id).cloned())
            );
        }
        assert_eq!(
            regional_file("cn-hnte"),
            None,
            "national packs are in the first load"
        );
    }

    #[test]
    fn a_fetched_regional_pack_must_be_the_one_this_build_names() {
        let (name, _, _, _) = REGIONAL[0];
        let id = name.strip_suffix(".json").unwrap();
        let (_, text) = FILES.iter().find(|(n, _)| *n == name).unwrap();
        assert!(matches!(regional_pack(id, text), Ok(Some(_))));
        assert_eq!(
            regional_pack("other-id", text),
            Ok(None),
            "another program's pack"
        );
        let changed = text.replacen("\"zh\":\"", "\"zh\":\"!", 1);
        assert_eq!(regional_pack(id, &changed), Ok(None), "a changed pack");
        assert!(regional_pack(id, "<html>not found</html>").is_err());
        assert!(regional_pack(id, "{\"schema\": \"qualify.pack/1\"}").is_err());
    }
}
