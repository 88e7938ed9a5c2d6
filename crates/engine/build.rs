//! Embeds every rule pack in `packs/` at the repository root, so that adding a pack file is all
//! it takes to bundle it. Packs are embedded without their indentation, which is for people,
//! not for the browser download; a file that is not valid JSON is embedded as it is, so that the
//! engine's own reader reports the problem with its position.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../packs");
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
    let mut out = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = fs::read_to_string(f).unwrap();
        let compact = serde_json::from_str::<serde_json::Value>(&text)
            .map(|v| v.to_string())
            .unwrap_or(text);
        let dest = Path::new(&out_dir).join(&name);
        fs::write(&dest, compact).unwrap();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            dest.display().to_string()
        ));
    }
    out.push(']');
    fs::write(Path::new(&out_dir).join("bundled_packs.rs"), out).unwrap();
}
