//! The pack reader: JSON in, a checked [`Pack`] out, with every problem reported at once and
//! each with the path of its field (`versions[0].criteria[2].rule.threshold`), in both
//! languages. `json` holds what profiles and packs share; the pack is read by part, from the
//! pack and its versions down to rules, measures and score tables.
//!
//! Checks a schema cannot make are here too: unique ids, references to documents and score
//! items, units that fit their measures, versions that neither overlap nor leave a gap.

use serde_json::Value;

use crate::error::{Error, Errors};
use crate::model::Pack;
use crate::text::Text;

pub mod json;
mod measure;
mod pack;
mod rule;
mod score;
#[cfg(feature = "timing")]
mod timing;

use crate::json_text::{to_text, Layout};
use json::{index_path, key_path, opt, parse_json, Cx, Obj};

impl Pack {
    /// Reads and checks a pack from JSON text.
    pub fn from_json(text: &str) -> Result<Pack, Errors> {
        Pack::from_value(&parse_json(text)?)
    }

    pub fn from_value(v: &Value) -> Result<Pack, Errors> {
        let mut pack = Pack::unhashed(v)?;
        pack.digest = crate::digest::hex_sha256(to_text(v, Layout::Compact).as_bytes());
        Ok(pack)
    }

    /// Reads and checks a pack, leaving its fingerprint empty for a caller that knows it.
    pub(crate) fn unhashed(v: &Value) -> Result<Pack, Errors> {
        let mut cx = Cx::default();
        let pack = pack::read_pack(&mut cx, v, true);
        cx.finish(pack)
    }

    /// Reads a pack's heading: its names, level, region, issuer, ladder and what it grants, with
    /// no versions (see [`Pack::is_heading`]), checked as a pack's are.
    pub(crate) fn heading(v: &Value) -> Result<Pack, Errors> {
        let mut cx = Cx::default();
        let pack = pack::read_pack(&mut cx, v, false);
        cx.finish(pack)
    }
}

/// Ids are lowercase ASCII words joined by `-` or `_` (criterion ids may use upper case).
pub(super) fn slug<'v>(cx: &mut Cx, v: &'v Value, path: &str) -> Option<&'v str> {
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

pub(super) fn ident<'v>(cx: &mut Cx, v: &'v Value, path: &str) -> Option<&'v str> {
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

/// The ids of a list with their positions, sorted by id for lookups by binary search; each id
/// that an earlier one repeats is reported at the path `path_of` gives its position, in
/// document order. One sort, where comparing each id with every one before it took time
/// quadratic in their number.
pub(super) fn sorted_ids<'a>(
    cx: &mut Cx,
    mut ids: Vec<(&'a str, usize)>,
    path_of: &dyn Fn(usize) -> String,
) -> Vec<(&'a str, usize)> {
    crate::sort_by(&mut ids, |a, b| a.0 > b.0);
    let mut repeated: Vec<(&str, usize)> = ids
        .windows(2)
        .filter(|w| w[0].0 == w[1].0)
        .map(|w| w[1])
        .collect();
    crate::sort_by(&mut repeated, |a, b| a.1 > b.1);
    for (id, at) in repeated {
        cx.push(Error::Duplicate {
            path: path_of(at),
            id: id.into(),
        });
    }
    ids
}

/// Whether `id` is one of `ids`, sorted as [`sorted_ids`] leaves them.
pub(super) fn has_id(ids: &[(&str, usize)], id: &str) -> Option<usize> {
    ids.binary_search_by(|(i, _)| (*i).cmp(id))
        .ok()
        .map(|k| ids[k].1)
}

pub(super) fn texts(cx: &mut Cx, m: &Obj, path: &str, key: &str) -> Vec<Text> {
    let path = key_path(path, key);
    let Some(list) = opt(m, key).and_then(|v| cx.arr(v, &path)) else {
        return Vec::new();
    };
    list.iter()
        .enumerate()
        .filter_map(|(i, v)| cx.text(v, &index_path(&path, i)))
        .collect()
}
