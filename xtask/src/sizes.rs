//! The release build into dist/ and its size report: every file raw, gzip and brotli, and the
//! first load against the budget.
//!
//! Static hosts serve pre-compressed files (nginx `gzip_static` and `brotli_static`, most CDNs):
//! `dist` writes `NAME.gz` (zopfli, the smallest gzip encoding) and `NAME.br` (brotli 11) next to
//! each text, script, style and wasm file, and the report counts the bytes those files hold,
//! which are the bytes a visitor downloads.

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::io::Write;
use std::path::Path;

use crate::proc;
use crate::setup::Tools;
use crate::Result;

/// The first page load may transfer at most this much, gzip-compressed: issue 2's figure. See
/// docs/size.md for what the first load is made of and how it got under it.
pub const BUDGET_GZIP: u64 = 250 * 1024;

/// Files written pre-compressed for static hosting.
const COMPRESSED_EXTENSIONS: [&str; 7] = [".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg"];

/// Files whose text may reference further files that load with the page.
const TEXT_EXTENSIONS: [&str; 4] = ["html", "js", "mjs", "css"];

struct FileSize {
    /// Relative to dist/, `/`-separated.
    path: String,
    raw: u64,
    gzip: u64,
    brotli: u64,
    first_load: bool,
    /// Loaded by a host page's first visit with the widget: embed.js, then the app in its iframe.
    widget: bool,
    /// The packs' details, which the app fetches once the visitor starts using it.
    details: bool,
    /// A regional pack, which the app fetches when its region or program is chosen.
    regional: bool,
    /// Which of [`WORKERS`] the file is of (its loader, module, wasm or styles), if any.
    worker: Option<usize>,
}

/// What only some visitors load, each a wasm of its own that is never in the first load: the
/// name every file of it starts with, its mark in the report, what it is, and the files it
/// must have. The workers are started by the app; the screening page is loaded by web/boot.js
/// in the app's place on `?page=screen` alone (it names the page's files only from the address,
/// so no reference in a file loaded first leads to them; e2e/screen.test.mjs checks that a
/// first visit fetches none of them).
pub const WORKERS: &[(&str, &str, &str, &[&str])] = &[
    (
        "plan-worker",
        " p",
        "The plan's worker, started once the page is in use (not in the first load)",
        &["_loader.js", ".js", "_bg.wasm"],
    ),
    (
        "screen-worker",
        " s",
        "The screening page's worker, started on that page only (not in the first load)",
        &["_loader.js", ".js", "_bg.wasm"],
    ),
    (
        "screen-page",
        " S",
        "The screening page itself, loaded on ?page=screen in the app's place (not in the first load)",
        &[".js", "_bg.wasm", ".css"],
    ),
];

pub struct Report {
    files: Vec<FileSize>,
}

#[derive(Default)]
pub struct Totals {
    pub files: usize,
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

/// `trunk build --release` into dist/, its scripts minified and the service worker stamped,
/// then the size report.
pub fn build_dist(tools: &Tools) -> Result<Report> {
    proc::run(tools.trunk().args(["build", "--release"]))?;
    let dist = tools.repo.path("dist");
    crate::hosting::prepare(tools, &dist)?;
    let report = Report::measure(&dist)?;
    report.print();
    Ok(report)
}

impl Report {
    fn measure(dist: &Path) -> Result<Report> {
        let paths = dist_files(dist)?;
        let read = |path: &str| fs::read_to_string(dist.join(path)).unwrap_or_default();
        let first_load = loaded_from(&paths, &["index.html"], read);
        let widget = loaded_from(&paths, &["embed.js", "index.html"], read);
        let mut files = Vec::new();
        for path in paths {
            let bytes =
                fs::read(dist.join(&path)).map_err(|e| format!("cannot read dist/{path}: {e}"))?;
            let gzip = gzip_bytes(&bytes);
            let brotli = brotli_bytes(&bytes);
            if COMPRESSED_EXTENSIONS.iter().any(|x| path.ends_with(x)) {
                for (suffix, data) in [(".gz", &gzip), (".br", &brotli)] {
                    let target = dist.join(format!("{path}{suffix}"));
                    fs::write(&target, data)
                        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
                }
            }
            files.push(FileSize {
                raw: bytes.len() as u64,
                gzip: gzip.len() as u64,
                brotli: brotli.len() as u64,
                first_load: first_load.contains(&path),
                widget: widget.contains(&path),
                details: path == qualify_engine::bundled::DETAILS_FILE,
                regional: qualify_engine::bundled::regional_file_named(&path),
                worker: WORKERS.iter().position(|(p, ..)| path.starts_with(p)),
                path,
            });
        }
        for needed in ["index.html", "embed.js"] {
            if !files.iter().any(|f| f.path == needed) {
                return Err(format!("dist/ has no {needed}: did the build succeed?"));
            }
        }
        Ok(Report { files })
    }

    fn totals(&self, counted: impl Fn(&FileSize) -> bool) -> Totals {
        self.files
            .iter()
            .filter(|f| counted(f))
            .fold(Totals::default(), |t, f| Totals {
                files: t.files + 1,
                raw: t.raw + f.raw,
                gzip: t.gzip + f.gzip,
                brotli: t.brotli + f.brotli,
            })
    }

    pub fn first_load(&self) -> Totals {
        self.totals(|f| f.first_load)
    }

    pub fn widget(&self) -> Totals {
        self.totals(|f| f.widget)
    }

    /// What is wrong with the regional packs' files, if anything: each must be in dist/ (the
    /// app fetches it there) and none may load with the first visit, which must not grow with
    /// the number of regions.
    pub fn regional_problem(&self) -> Option<String> {
        let regional: Vec<&FileSize> = self.files.iter().filter(|f| f.regional).collect();
        let expected = qualify_engine::bundled::REGIONAL.len();
        if regional.len() != expected {
            return Some(format!(
                "dist/ has {} of the {expected} regional pack files that the app fetches",
                regional.len()
            ));
        }
        let loaded: Vec<&str> = regional
            .iter()
            .filter(|f| f.first_load || f.widget)
            .map(|f| f.path.as_str())
            .collect();
        (!loaded.is_empty()).then(|| {
            format!(
                "regional packs are in the first load, which must not grow with the number of \
                 regions: {}",
                loaded.join(", ")
            )
        })
    }

    /// What is wrong with the workers, if anything: each one's loader, module and wasm must
    /// be in dist/ (the app starts it from there) and none of them may load with the first
    /// visit.
    pub fn worker_problem(&self) -> Option<String> {
        for (w, (prefix, _, _, files)) in WORKERS.iter().enumerate() {
            let worker: Vec<&FileSize> =
                self.files.iter().filter(|f| f.worker == Some(w)).collect();
            for suffix in *files {
                let name = format!("{prefix}{suffix}");
                if !worker.iter().any(|f| f.path == name) {
                    return Some(format!(
                        "dist/ has no {name}: is index.html still building the worker?"
                    ));
                }
            }
            let loaded: Vec<&str> = (worker.iter())
                .filter(|f| f.first_load || f.widget)
                .map(|f| f.path.as_str())
                .collect();
            if !loaded.is_empty() {
                return Some(format!(
                    "the worker {prefix} is in the first load, which it must stay out of: {}",
                    loaded.join(", ")
                ));
            }
        }
        None
    }

    /// Both first loads, the app's and the widget's, within the budget.
    pub fn within_budget(&self) -> bool {
        self.first_load().gzip <= BUDGET_GZIP && self.widget().gzip <= BUDGET_GZIP
    }

    fn print(&self) {
        let width = self
            .files
            .iter()
            .map(|f| f.path.len())
            .max()
            .unwrap_or(0)
            .max(5);
        println!(
            "\nSize of dist/ (* = loaded by the first page load, w = by the widget's, \
             r = a regional pack, fetched on demand, p = the plan's worker, started once the page \
             is in use, s = the screening page's worker, S = the screening page)"
        );
        println!(
            "  {:width$}  {:>10}  {:>10}  {:>10}",
            "file", "raw", "gzip", "brotli"
        );
        for f in &self.files {
            let mark = match (f.first_load, f.widget, f.regional, f.worker) {
                (true, true, _, _) => "*w",
                (true, false, _, _) => "* ",
                (false, true, _, _) => " w",
                (false, false, true, _) => " r",
                (false, false, false, Some(w)) => WORKERS[w].1,
                (false, false, false, None) => "  ",
            };
            println!(
                "{mark} {:width$}  {:>10}  {:>10}  {:>10}",
                f.path,
                kb(f.raw),
                kb(f.gzip),
                kb(f.brotli)
            );
        }
        for (name, total) in [
            ("First load", self.first_load()),
            (
                "Widget first load (embed.js, then the app in its iframe)",
                self.widget(),
            ),
            (
                "Packs' details, fetched once the visitor starts using the page",
                self.totals(|f| f.details),
            ),
            (
                "Regional packs, each fetched when its region or program is chosen",
                self.totals(|f| f.regional),
            ),
        ]
        .into_iter()
        .chain(
            (WORKERS.iter().enumerate())
                .map(|(w, (_, _, name, _))| (*name, self.totals(|f| f.worker == Some(w)))),
        ) {
            println!(
                "{name} ({} files): {} raw, {} gzip, {} brotli",
                total.files,
                kb(total.raw),
                kb(total.gzip),
                kb(total.brotli)
            );
        }
        let (app, widget) = (self.first_load().gzip, self.widget().gzip);
        println!(
            "Budget: first load {} gzip, widget {} gzip, of {} allowed ({:.0}%): {}",
            kb(app),
            kb(widget),
            kb(BUDGET_GZIP),
            app.max(widget) as f64 * 100.0 / BUDGET_GZIP as f64,
            if self.within_budget() {
                "within budget"
            } else {
                "OVER BUDGET"
            }
        );
    }
}

/// `1234` bytes as `1.2 KB` (KB = 1024 bytes, as in the budget).
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

/// The files of dist/, `/`-separated and sorted, without the pre-compressed copies.
pub fn dist_files(dist: &Path) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    list_files(dist, "", &mut paths)?;
    paths.retain(|p| !p.ends_with(".gz") && !p.ends_with(".br"));
    paths.sort();
    Ok(paths)
}

fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.path().is_dir() {
            list_files(&entry.path(), &format!("{name}/"), out)?;
        } else {
            out.push(name);
        }
    }
    Ok(())
}

/// The files a first visit loads starting from `starts` (index.html for the app): each of them,
/// every dist/ file their text names, and so on through the HTML, JS and CSS files found (the
/// loader names the app's module and the service worker, which names the files it caches).
/// Computed from the references, not from file names, so new kinds of assets count without
/// changing this code.
pub fn loaded_from(
    files: &[String],
    starts: &[&str],
    read: impl Fn(&str) -> String,
) -> BTreeSet<String> {
    let known: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    let mut found = BTreeSet::new();
    let mut queue: VecDeque<String> = starts.iter().map(|s| s.to_string()).collect();
    while let Some(path) = queue.pop_front() {
        if !known.contains(path.as_str()) || !found.insert(path.clone()) {
            continue;
        }
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        if TEXT_EXTENSIONS.contains(&extension) {
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
            queue.extend(references(&read(&path)).filter_map(|r| resolve(dir, r)));
        }
    }
    found
}

/// Every run of characters that can form a relative URL path: quotes, spaces, brackets, `?`,
/// `#`, `=` and the like end a candidate. Candidates that are no dist/ file are dropped later.
pub fn references(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || "._-~/%@+".contains(c)))
        .filter(|token| token.contains('.'))
}

/// `reference` as a dist/-relative path, seen from a file in `dir`; `None` if it leaves dist/.
pub fn resolve(dir: &str, reference: &str) -> Option<String> {
    let (start, rest) = match reference.strip_prefix('/') {
        Some(rooted) => ("", rooted),
        None => (dir, reference),
    };
    let mut parts: Vec<&str> = start.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// gzip as zopfli writes it: a valid gzip stream, smaller than zlib's best.
fn gzip_bytes(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .expect("writing to memory");
    out
}

fn brotli_bytes(bytes: &[u8]) -> Vec<u8> {
    // Quality 11 and a 4 MiB window: what static hosts use for pre-compressed assets.
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 4096, 11, 22);
    writer.write_all(bytes).expect("writing to memory");
    writer.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Trunk's output with Trunk.toml's `pattern_script`, trimmed: the page preloads the glue and
    /// the wasm, links the CSS and loads boot.js, which registers the service worker.
    const INDEX: &str = r#"<!doctype html><html lang="zh-CN"><head>
<link rel="stylesheet" href="./qualify-1f2e.css" integrity="sha384-ab/cd+ef">
<script type="module" src="./boot.js" data-qualify-module="./qualify-app-9a8b.js" data-qualify-wasm="./qualify-app-9a8b_bg.wasm"></script>
<link rel="modulepreload" href="./qualify-app-9a8b.js" crossorigin="anonymous">
<link rel="preload" href="./qualify-app-9a8b_bg.wasm" as="fetch" type="application/wasm">
</head><body></body></html>"#;

    fn files() -> Vec<String> {
        [
            "index.html",
            "boot.js",
            "embed.js",
            "qualify-1f2e.css",
            "qualify-app-9a8b.js",
            "qualify-app-9a8b_bg.wasm",
            "snippets/leptos-1/inline0.js",
            "sw.js",
            "fonts/unused.woff2",
            "old-build.js",
        ]
        .map(String::from)
        .to_vec()
    }

    fn read(path: &str) -> String {
        match path {
            "index.html" => INDEX.into(),
            "boot.js" => "navigator.serviceWorker.register('./sw.js');".into(),
            "sw.js" => "const SHELL = ['./', './embed.js'];".into(),
            "embed.js" => "frame.src = new URL('./', script.src).href;".into(),
            "qualify-app-9a8b.js" => "import { x } from './snippets/leptos-1/inline0.js';".into(),
            "snippets/leptos-1/inline0.js" => "import '../../qualify-app-9a8b.js';".into(),
            _ => String::new(),
        }
    }

    #[test]
    fn first_load_follows_references_from_index_html() {
        let found = loaded_from(&files(), &["index.html"], read);
        let expected = [
            "boot.js",
            "embed.js",
            "index.html",
            "qualify-1f2e.css",
            "qualify-app-9a8b.js",
            "qualify-app-9a8b_bg.wasm",
            "snippets/leptos-1/inline0.js",
            "sw.js",
        ];
        assert_eq!(
            found.iter().map(String::as_str).collect::<Vec<_>>(),
            expected
        );
        let widget = loaded_from(&files(), &["embed.js", "index.html"], read);
        assert_eq!(widget, found);
        assert_eq!(
            loaded_from(&files(), &["embed.js"], read)
                .into_iter()
                .collect::<Vec<_>>(),
            ["embed.js"]
        );
    }

    #[test]
    fn resolves_relative_references() {
        assert_eq!(resolve("", "./a.js").as_deref(), Some("a.js"));
        assert_eq!(
            resolve("snippets/x", "../y/b.js").as_deref(),
            Some("snippets/y/b.js")
        );
        assert_eq!(resolve("snippets/x", "/c.css").as_deref(), Some("c.css"));
        assert_eq!(resolve("", "../outside.js"), None);
    }

    #[test]
    fn compressed_sizes_are_smaller_for_repetitive_input() {
        let input = "qualify ".repeat(1000);
        let gz = gzip_bytes(input.as_bytes());
        assert!(gz.len() < 200);
        assert!(brotli_bytes(input.as_bytes()).len() < 200);
        // A real gzip stream: zlib's decoder gives the input back.
        let mut back = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back)
            .unwrap();
        assert_eq!(back, input);
        assert_eq!(kb(BUDGET_GZIP), "250.0 KB");
    }
}
