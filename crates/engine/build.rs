//! Embeds every rule pack in `packs/` at the repository root, so that adding a pack file is all
//! it takes to bundle it. Packs are embedded without their indentation, which is for people,
//! not for the browser download; a file that is not valid JSON is embedded as it is, so that the
//! engine's own reader reports the problem with its position.
//!
//! Each national pack (id `cn-…`) is also split in two (see `bundled::LEAN`): the pack without
//! its details, with the fingerprint of the whole pack, which the browser starts with, and the
//! details alone, which it fetches when they are wanted. Every other pack is regional (see
//! `bundled::REGIONAL`): the browser starts with its heading alone (names, level, region,
//! ladder) and fetches the whole pack, from a file named after its fingerprint, when its region
//! or program is chosen, so that the first load does not grow with the number of regions.

use std::{env, fs, path::Path};

use serde_json::{Map, Value};

#[path = "src/merge.rs"]
mod merge;
use sha2::{Digest, Sha256};

fn main() {
    // Read when the script runs, not when it was compiled: a build script compiled in one
    // checkout and reused from a copied target/ would otherwise read that checkout's packs.
    let manifest = env::var("CARGO_MANIFEST_DIR").unwrap();
    let dir = Path::new(&manifest).join("../../packs");
    let out_dir = env::var("OUT_DIR").unwrap();
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut full = String::from("&[\n");
    let mut lean = String::from("&[\n");
    let mut regional = String::from("&[\n");
    let mut details = Map::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(f).unwrap();
        // A national pack's keys in the order the browser's merge of its lean text and its
        // details gives them: its fingerprint is of that text (objects keep their keys' order).
        let value = serde_json::from_str::<Value>(&text)
            .ok()
            .map(|v| match regional_id(&v) {
                Some(_) => v,
                None => {
                    let mut whole = v;
                    let taken = take_details(&mut whole);
                    merge::merge(&mut whole, taken);
                    whole
                }
            });
        let compact = value.as_ref().map(Value::to_string).unwrap_or(text);
        full.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            write(&out_dir, &name, &compact)
        ));
        if let Some(mut value) = value {
            // The same text `Pack::from_value` hashes: the fingerprint of the whole pack.
            let digest = hex_sha256(&compact);
            if let Some(id) = regional_id(&value) {
                let file = format!("qualify-pack-{id}-{}.json", &digest[..16]);
                regional.push_str(&format!(
                    "    ({name:?}, include_str!({:?}), {file:?}, {digest:?}),\n",
                    write(
                        &out_dir,
                        &format!("head-{name}"),
                        &heading(&value).to_string()
                    )
                ));
                continue;
            }
            let taken = take_details(&mut value);
            lean.push_str(&format!(
                "    ({name:?}, include_str!({:?}), {digest:?}),\n",
                write(&out_dir, &format!("lean-{name}"), &value.to_string())
            ));
            details.insert(name, taken);
        }
    }
    for list in [&mut full, &mut lean, &mut regional] {
        list.push(']');
    }
    let details = Value::Object(details).to_string();
    let details_file = format!("qualify-details-{}.json", &hex_sha256(&details)[..16]);
    fs::write(Path::new(&out_dir).join("bundled_packs.rs"), full).unwrap();
    fs::write(Path::new(&out_dir).join("bundled_lean.rs"), lean).unwrap();
    fs::write(Path::new(&out_dir).join("bundled_regional.rs"), regional).unwrap();
    write(&out_dir, "details.json", &details);
    write(&out_dir, "details_file.rs", &format!("{details_file:?}"));
}

/// The id of a regional pack: every id but the national `cn-` ones (contract section 2). A pack
/// without a readable id stays with the national ones, whose reader reports it.
fn regional_id(pack: &Value) -> Option<&str> {
    let id = pack.get("id")?.as_str()?;
    let safe = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    (safe && !id.starts_with("cn-")).then_some(id)
}

/// What the page shows of a program before its pack is in: the picker's and the ladder's line
/// (names, level, region, issuer, ladder rung, what it grants), without sources or versions.
fn heading(pack: &Value) -> Value {
    let keep = [
        "schema", "id", "name", "level", "region", "issuer", "ladder", "grants",
    ];
    let mut out = Map::new();
    if let Some(pack) = pack.as_object() {
        for (key, value) in pack {
            if keep.contains(&key.as_str()) {
                out.insert(key.clone(), value.clone());
            }
        }
    }
    Value::Object(out)
}

fn hex_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(out_dir: &str, name: &str, text: &str) -> String {
    let dest = Path::new(out_dir).join(name);
    fs::write(&dest, text).unwrap();
    dest.display().to_string()
}

/// Takes out the text a pack shows only on request and returns it in the pack's own shape (an
/// array keeps one element, perhaps empty, per element of the pack's), so that merging the two
/// back gives the whole pack: its summary and information lists (program page), its windows
/// and validity (the plan), its documents' notes (program page), each version's basis for its dates (program page) and each
/// criterion's note (inside a card, and the program page). Names, labels, notices, thresholds
/// and the notes of rules, which explain a verdict, all stay.
fn take_details(pack: &mut Value) -> Value {
    let mut out = Map::new();
    let Some(pack) = pack.as_object_mut() else {
        return Value::Object(out);
    };
    for key in ["summary", "info", "windows", "validity"] {
        if let Some(v) = pack.remove(key) {
            out.insert(key.into(), v);
        }
    }
    each(pack, &mut out, "sources", |doc| take(doc, "note"));
    each(pack, &mut out, "versions", |version| {
        let mut taken = take(version, "basis");
        if let Some(version) = version.as_object_mut() {
            each(version, &mut taken, "criteria", |c| take(c, "note"));
        }
        taken
    });
    Value::Object(out)
}

/// What `f` takes out of each element of the array `key`, as the array `key` of `out`.
fn each(
    from: &mut Map<String, Value>,
    out: &mut Map<String, Value>,
    key: &str,
    mut f: impl FnMut(&mut Value) -> Map<String, Value>,
) {
    if let Some(list) = from.get_mut(key).and_then(Value::as_array_mut) {
        let taken = list.iter_mut().map(|v| Value::Object(f(v))).collect();
        out.insert(key.into(), Value::Array(taken));
    }
}

/// `{key: value}` taken out of an object, or `{}`.
fn take(v: &mut Value, key: &str) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(taken) = v.as_object_mut().and_then(|m| m.remove(key)) {
        out.insert(key.into(), taken);
    }
    out
}
