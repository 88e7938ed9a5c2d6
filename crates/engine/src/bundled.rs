//! The rule packs shipped with Qualify (the files in `packs/`).

use crate::error::Errors;
use crate::pack::Pack;

/// `(file name, JSON text)` of every bundled pack, sorted by file name.
pub const FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/bundled_packs.rs"));

/// Reads every bundled pack, or the errors of each that fails with its file name.
pub fn try_packs() -> Result<Vec<Pack>, Vec<(&'static str, Errors)>> {
    let mut packs = Vec::with_capacity(FILES.len());
    let mut errors = Vec::new();
    for (name, text) in FILES {
        match Pack::from_json(text) {
            Ok(p) => packs.push(p),
            Err(e) => errors.push((*name, e)),
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
    match try_packs() {
        Ok(p) => p,
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(|(n, e)| format!("{n}: {e}")).collect();
            panic!("bundled rule packs are invalid:\n{}", list.join("\n"))
        }
    }
}
