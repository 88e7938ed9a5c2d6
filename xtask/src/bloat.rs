//! `cargo xtask bloat`: what the browser build's wasm is made of, by function and by crate, so
//! that size decisions rest on a breakdown rather than on totals (docs/size.md).
//!
//! dist/'s wasm has no names: wasm-opt drops them. This builds the same wasm with them: the
//! release build Trunk runs, wasm-bindgen as Trunk calls it, then wasm-opt at index.html's level
//! with `-g`, which keeps the name section and changes nothing else (the code and data come out
//! byte for byte as in dist/, which `bloat` checks when dist/ holds the same build).

use std::fs;
use std::path::{Path, PathBuf};

use crate::setup::Tools;
use crate::sizes::kb;
use crate::symbols::{clean, crate_of, module_of};
use crate::wasm::{is_debug_section, Module};
use crate::{proc, Result};

/// How many functions `cargo xtask bloat` lists unless told.
pub const DEFAULT_TOP: usize = 25;

/// Crates under this many bytes are summed on one line.
const SMALL_CRATE: u64 = 1024;

pub fn run(tools: &Tools, top: usize) -> Result<()> {
    let bindgen = bindgen_with_names(tools)?;
    let optimized = optimize_with_names(tools, &bindgen)?;
    let bytes = read(&optimized)?;
    let module = Module::parse(&bytes)?;
    println!("\n{}", optimized.display());
    print!("{}", breakdown(&module, top));
    println!("{}", compare_with_dist(tools, &bytes)?);
    // The rules read the same build before wasm-opt; `cargo xtask test` is the one that fails.
    let outcomes = crate::rules::check(&Module::parse(&read(&bindgen)?)?, &tools.repo)?;
    if let Err(broken) = crate::rules::report(&outcomes) {
        println!("warning: {broken}; `cargo xtask test` will fail");
    }
    Ok(())
}

/// The app's wasm as wasm-bindgen writes it, before wasm-opt, with every function named: what
/// the size rules read (`rules.rs`). wasm-opt only shrinks and merges this code.
pub fn bindgen_with_names(tools: &Tools) -> Result<PathBuf> {
    let index = tools.repo.read("index.html")?;
    let bin = rust_link_attribute(&index, "data-bin")
        .ok_or("index.html's `<link data-trunk rel=\"rust\">` has no data-bin")?;
    // Trunk's own arguments (its pipelines/rust), so that after `trunk build --release` cargo
    // finds everything fresh and builds nothing.
    proc::run(
        tools
            .cargo()
            .args([
                "build",
                "--target=wasm32-unknown-unknown",
                "--manifest-path",
            ])
            .arg(tools.repo.path("Cargo.toml"))
            .args(["--release", "--bin", &bin]),
    )?;
    let target = tools.target_dir();
    let input = target
        .join("wasm32-unknown-unknown")
        .join("release")
        .join(format!("{bin}.wasm"));
    let out_dir = target.join("xtask-names");
    proc::run(
        tools
            .command(tools.bin("wasm-bindgen"))
            .args([
                "--target=web",
                "--no-typescript",
                "--out-name",
                &bin,
                "--out-dir",
            ])
            .arg(&out_dir)
            .arg(&input),
    )?;
    Ok(out_dir.join(format!("{bin}_bg.wasm")))
}

/// `wasm` through wasm-opt as Trunk runs it for dist/, plus `-g` to keep the names.
pub fn optimize_with_names(tools: &Tools, wasm: &Path) -> Result<PathBuf> {
    let index = tools.repo.read("index.html")?;
    let level = rust_link_attribute(&index, "data-wasm-opt").ok_or(
        "index.html's `<link data-trunk rel=\"rust\">` has no data-wasm-opt: \
         `cargo xtask bloat` runs wasm-opt at the level it names",
    )?;
    let params = rust_link_attribute(&index, "data-wasm-opt-params").unwrap_or_default();
    let output = wasm.with_extension("opt.wasm");
    proc::run(
        tools
            .command(tools.wasm_opt_path())
            .arg(format!("-O{level}"))
            .arg("-g")
            .args(params.split_whitespace())
            .arg("--output")
            .arg(&output)
            .arg(wasm),
    )?;
    Ok(output)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// An attribute of index.html's `<link data-trunk rel="rust" …>`.
fn rust_link_attribute(html: &str, name: &str) -> Option<String> {
    let link = html
        .split('<')
        .find(|tag| tag.starts_with("link") && tag.contains("rel=\"rust\""))?;
    let tag = &link[..link.find('>').unwrap_or(link.len())];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let value = &tag[start..];
    Some(value[..value.find('"')?].to_owned())
}

/// Sizes and shares of the shipped wasm: the sections, the largest `top` functions and every
/// crate.
pub fn breakdown(module: &Module, top: usize) -> String {
    let total = module.shipped_size();
    let share = |size: u64| format!("{:>5.1}%", size as f64 * 100.0 / total.max(1) as f64);
    let mut out = String::new();
    let mut line = |text: String| {
        out.push_str(&text);
        out.push('\n');
    };

    let section = |name: &str| {
        module
            .sections
            .iter()
            .filter(|s| s.name == name && !s.custom)
            .map(|s| s.size)
            .sum::<u64>()
    };
    let (code, data) = (section("code"), section("data"));
    line(format!(
        "{} as shipped, before compression: code {} in {} functions, data {} (the rule packs \
         without their details, strings, tables), other sections {}",
        kb(total),
        kb(code),
        module.functions.len(),
        kb(data),
        kb(total - code - data)
    ));
    let names_kept = module
        .sections
        .iter()
        .any(|s| s.custom && is_debug_section(&s.name));
    if !names_kept {
        line("(this wasm has no name section: every function is [unnamed])".into());
    }

    let named: Vec<(u64, String)> = module
        .functions
        .iter()
        .map(|f| {
            let name = f.name.as_deref().map_or("[unnamed]".to_owned(), clean);
            (f.size, name)
        })
        .collect();

    let mut largest: Vec<&(u64, String)> = named.iter().collect();
    largest.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    line(format!("\nThe {top} largest functions"));
    line(format!("  {:>9} {:>6}  function", "size", "share"));
    for (size, name) in largest.into_iter().take(top) {
        line(format!(
            "  {:>9} {}  {}",
            kb(*size),
            share(*size),
            shorten(name, 110)
        ));
    }

    let unnamed = |name: &str| name == "[unnamed]";
    let crates = group(&named, |name| {
        if unnamed(name) {
            name.to_owned()
        } else {
            crate_of(name).to_owned()
        }
    });
    line(
        "\nCode by crate (a function counts for the crate its path starts with; \
          `<Type as Trait>::f` for the type's, drop glue for the dropped type's)"
            .into(),
    );
    line(format!(
        "  {:>9} {:>6} {:>9}  crate",
        "size", "share", "functions"
    ));
    let (small, large): (Vec<_>, Vec<_>) = crates.iter().partition(|c| c.1 < SMALL_CRATE);
    for (krate, size, count) in large {
        line(format!(
            "  {:>9} {} {count:>9}  {krate}",
            kb(*size),
            share(*size)
        ));
    }
    if !small.is_empty() {
        let size: u64 = small.iter().map(|c| c.1).sum();
        let count: usize = small.iter().map(|c| c.2).sum();
        let names: Vec<&str> = small.iter().map(|c| c.0.as_str()).collect();
        line(format!(
            "  {:>9} {} {count:>9}  {} crates under {}: {}",
            kb(size),
            share(size),
            small.len(),
            kb(SMALL_CRATE),
            names.join(", ")
        ));
    }

    let modules = group(&named, |name| {
        if unnamed(name) {
            name.to_owned()
        } else {
            module_of(name)
        }
    });
    line(format!(
        "\nThe {top} largest modules (a path up to its first type, at most three segments; a \
         function's closures count for the function)"
    ));
    line(format!(
        "  {:>9} {:>6} {:>9}  module",
        "size", "share", "functions"
    ));
    for (module, size, count) in modules.iter().take(top) {
        line(format!(
            "  {:>9} {} {count:>9}  {module}",
            kb(*size),
            share(*size)
        ));
    }
    out
}

/// Sizes and counts of the functions by `key`, largest first.
fn group(named: &[(u64, String)], key: impl Fn(&str) -> String) -> Vec<(String, u64, usize)> {
    let mut groups: Vec<(String, u64, usize)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    for (size, name) in named {
        let k = key(name);
        let i = *index.entry(k.clone()).or_insert_with(|| {
            groups.push((k, 0, 0));
            groups.len() - 1
        });
        groups[i].1 += size;
        groups[i].2 += 1;
    }
    groups.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    groups
}

/// A long generic path cut in the middle, keeping its start and its last segments.
fn shorten(name: &str, width: usize) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() <= width {
        return name.to_owned();
    }
    let keep = (width - 1) / 2;
    let head: String = chars[..keep].iter().collect();
    let tail: String = chars[chars.len() - keep..].iter().collect();
    format!("{head}…{tail}")
}

/// Whether the wasm measured here is dist/'s with names added: every section but the name
/// section the same, byte for byte.
fn compare_with_dist(tools: &Tools, named: &[u8]) -> Result<String> {
    let dist = tools.repo.path("dist");
    let Some(file) = crate::sizes::dist_files(&dist)
        .unwrap_or_default()
        .into_iter()
        .find(|f| f.ends_with("_bg.wasm"))
    else {
        return Ok("dist/ has no wasm to compare with (`cargo xtask dist` builds one)".into());
    };
    let shipped = read(&dist.join(&file))?;
    Ok(if same_apart_from_names(named, &shipped) {
        format!("The same code and data as dist/{file}, byte for byte; only the names are added.")
    } else {
        format!(
            "dist/{file} is not this build with names added: dist/ is from other sources, or \
             bloat no longer builds as Trunk does (`cargo xtask dist`, then `bloat` again, to see)"
        )
    })
}

/// `a` and `b` hold the same sections, ignoring names and debug information.
pub fn same_apart_from_names(a: &[u8], b: &[u8]) -> bool {
    match (sections_without_names(a), sections_without_names(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The module's sections as raw bytes (id, then contents), without the custom sections that
/// only tools read.
fn sections_without_names(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut sections = Vec::new();
    let mut rest = bytes.get(8..)?;
    while !rest.is_empty() {
        let id = rest[0];
        let (length, leb) = read_leb(&rest[1..])?;
        let end = 1 + leb + length;
        let section = rest.get(..end)?;
        let contents = &section[1 + leb..];
        let custom_name = (id == 0)
            .then(|| {
                let (n, l) = read_leb(contents)?;
                std::str::from_utf8(contents.get(l..l + n)?).ok()
            })
            .flatten();
        if !custom_name.is_some_and(is_debug_section) {
            sections.push(section);
        }
        rest = &rest[end..];
    }
    Some(sections)
}

/// An unsigned LEB128 number and how many bytes it took.
fn read_leb(bytes: &[u8]) -> Option<(usize, usize)> {
    let mut value = 0usize;
    for (i, byte) in bytes.iter().enumerate().take(5) {
        value |= ((byte & 0x7f) as usize) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((value, i + 1));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wasm::{Function, Section};

    #[test]
    fn reads_the_rust_links_attributes() {
        let html = r#"<link data-trunk rel="css" href="a.css" data-bin="no">
<link data-trunk rel="rust" data-bin="qualify-app" data-wasm-opt="z">"#;
        assert_eq!(
            rust_link_attribute(html, "data-bin").as_deref(),
            Some("qualify-app")
        );
        assert_eq!(
            rust_link_attribute(html, "data-wasm-opt").as_deref(),
            Some("z")
        );
        assert_eq!(rust_link_attribute(html, "data-wasm-opt-params"), None);
    }

    fn function(name: Option<&str>, size: u64) -> Function {
        Function {
            name: name.map(str::to_owned),
            size,
        }
    }

    #[test]
    fn groups_functions_by_crate_with_shares_of_the_shipped_size() {
        let module = Module {
            sections: vec![
                Section {
                    name: "code".into(),
                    custom: false,
                    size: 3000,
                },
                Section {
                    name: "data".into(),
                    custom: false,
                    size: 1000,
                },
                Section {
                    name: "name".into(),
                    custom: true,
                    size: 500,
                },
            ],
            functions: vec![
                function(
                    Some("qualify_engine::eval::evaluate::h0123456789abcdef"),
                    1500,
                ),
                function(
                    Some("core::ptr::drop_in_place<qualify_engine::pack::Pack>"),
                    500,
                ),
                function(
                    Some("<alloc::vec::Vec<T,A> as core::clone::Clone>::clone"),
                    600,
                ),
                function(Some("memcpy"), 100),
                function(None, 50),
            ],
            file_size: 4508,
        };
        let text = breakdown(&module, 2);
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].starts_with("3.9 KB as shipped"), "{}", lines[0]);
        assert!(lines[0].contains("in 5 functions"));
        // The two largest, largest first, with hashes dropped: 1500 of 4008 bytes is 37.4%.
        let evaluate = lines.iter().position(|l| l.contains("evaluate")).unwrap();
        assert_eq!(
            lines[evaluate],
            "     1.5 KB  37.4%  qualify_engine::eval::evaluate"
        );
        assert!(
            lines[evaluate + 1].ends_with("<alloc::vec::Vec<T,A> as core::clone::Clone>::clone")
        );
        // Drop glue counts for the engine: 2000 bytes in two functions.
        assert!(
            text.contains("     2.0 KB  49.9%         2  qualify_engine\n"),
            "{text}"
        );
        assert!(
            text.contains("crates under 1.0 KB: alloc, [other], [unnamed]"),
            "{text}"
        );
        // By module: the engine's eval, then its pack (the drop glue of Pack), then alloc::vec.
        let modules = &text[text.find("largest modules").unwrap()..];
        let rows: Vec<&str> = modules.lines().skip(2).collect();
        assert_eq!(
            rows[0],
            "     1.5 KB  37.4%         1  qualify_engine::eval"
        );
        assert!(rows[1].ends_with("  alloc::vec"), "{modules}");
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn shortens_long_names_in_the_middle() {
        assert_eq!(shorten("abcdef", 10), "abcdef");
        assert_eq!(shorten("abcdefghijkl", 7), "abc…jkl");
    }

    #[test]
    fn compares_modules_without_their_names() {
        // Magic and version, a type section, then a custom section named "name".
        let plain = b"\0asm\x01\0\0\0\x01\x04\x01\x60\0\0".to_vec();
        let mut named = plain.clone();
        named.extend_from_slice(b"\0\x06\x04name\x00");
        assert!(same_apart_from_names(&plain, &named));
        let mut other = plain.clone();
        other.extend_from_slice(b"\0\x06\x04prod\x00");
        assert!(!same_apart_from_names(&plain, &other));
        assert!(!same_apart_from_names(&plain, b"\0asm"));
    }
}
