//! The size rules, checked by `cargo xtask test` after the release build: what brought the first
//! load under its budget, kept from coming back. docs/size.md tells what each one saves.
//!
//! Three are checked on the browser build itself, in the wasm as wasm-bindgen writes it, before
//! wasm-opt (`bloat::bindgen_with_names`): every function has its name there, and wasm-opt only
//! shrinks and merges that code. The two about the engine read its source instead, because the
//! build cannot tell them: the build's names carry no type arguments, so a B-tree of the
//! engine's own looks like the one serde_json's `Map` is made of, which the engine reads JSON
//! through; and link-time optimisation inlines the engine's entry points into the app, so a sort
//! in them would be counted for the app (measured: docs/size.md).

use std::fs;
use std::path::{Path, PathBuf};

use crate::setup::Tools;
use crate::symbols::clean;
use crate::wasm::Module;
use crate::{Repo, Result};

/// How many offending functions or lines a failure lists.
const SHOWN: usize = 5;

/// Where the engine's sources are, relative to the repository root.
const ENGINE_SOURCES: &str = "crates/engine/src";

/// One rule's outcome: what it checks, and what breaks it (empty when it holds).
pub struct Outcome {
    pub rule: &'static str,
    pub problems: Vec<String>,
    /// What to do instead, said once after the problems.
    pub fix: &'static str,
}

impl Outcome {
    pub fn kept(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Names the release build's functions (it must be built already, as `cargo xtask dist` does)
/// and checks every rule on it.
pub fn check_build(tools: &Tools) -> Result<Vec<Outcome>> {
    let wasm = crate::bloat::bindgen_with_names(tools)?;
    let bytes = fs::read(&wasm).map_err(|e| format!("cannot read {}: {e}", wasm.display()))?;
    check(&Module::parse(&bytes)?, &tools.repo)
}

/// Every rule, on the wasm from `bloat::bindgen_with_names` and on the engine's sources.
pub fn check(module: &Module, repo: &Repo) -> Result<Vec<Outcome>> {
    let names: Vec<String> = module
        .functions
        .iter()
        .filter_map(|f| f.name.as_deref().map(clean))
        .collect();
    let (sorts, btrees) = engine_sources(repo)?;
    Ok(vec![
        no_event_code(&names),
        effects_compiled_once(&names),
        memos_compiled_once_per_type(&names),
        sorts,
        btrees,
    ])
}

/// Prints each rule with its outcome; an error naming the rules broken.
pub fn report(outcomes: &[Outcome]) -> Result<()> {
    println!("\nSize rules (docs/size.md)");
    for outcome in outcomes {
        let mark = if outcome.kept() { "ok  " } else { "FAIL" };
        println!("  {mark} {}", outcome.rule);
        for problem in outcome.problems.iter().take(SHOWN) {
            println!("         {problem}");
        }
        if outcome.problems.len() > SHOWN {
            println!("         … and {} more", outcome.problems.len() - SHOWN);
        }
        if !outcome.kept() {
            println!("       {}", outcome.fix);
        }
    }
    let broken: Vec<&str> = outcomes
        .iter()
        .filter(|o| !o.kept())
        .map(|o| o.rule)
        .collect();
    if broken.is_empty() {
        Ok(())
    } else {
        Err(format!("size rules broken: {}", broken.join("; ")))
    }
}

/// Leptos's event handling: the `on:` attribute's code (`tachys::html::event`, which an `on:`
/// brings with the delegation it attaches) and the delegation itself, one listener per event
/// type on the window.
fn is_event_code(name: &str) -> bool {
    name.contains("tachys::html::event::") || name.contains("add_event_listener_delegated")
}

fn no_event_code(names: &[String]) -> Outcome {
    Outcome {
        rule: "no `on:` handlers: Leptos's event code and its delegation stay out of the build",
        problems: names
            .iter()
            .filter(|n| is_event_code(n))
            .map(|n| format!("in the build: {n}"))
            .collect(),
        fix: "An `on:` in a view brings them back (1.6 KB gzip): give the element its handler \
              through a plain DOM listener, as every part of the page does (src/markup.rs).",
    }
}

/// The body an effect runs: one copy per type of function the effect is made from.
fn is_effect_body(name: &str) -> bool {
    name.starts_with("reactive_graph::effect::effect::Effect<") && name.ends_with("{{closure}}")
}

fn effects_compiled_once(names: &[String]) -> Outcome {
    let mut bodies: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| is_effect_body(n))
        .collect();
    bodies.sort_unstable();
    let mut problems = Vec::new();
    for copies in bodies.chunk_by(|a, b| a == b).filter(|c| c.len() > 1) {
        problems.push(format!("{} copies of {}", copies.len(), copies[0]));
    }
    if !problems.is_empty() {
        let made_from = effect_functions(names);
        if !made_from.is_empty() {
            problems.push(format!("effects made from: {}", made_from.join(", ")));
        }
    }
    Outcome {
        rule: "effects are made through one boxed function, so their body is compiled once",
        problems,
        fix: "An effect made from a closure of its own compiles the effect's body again \
              (0.3 KB gzip each): make it through the app's boxed helper (`effect` in \
              src/lib.rs).",
    }
}

/// The types of function effects are made from, where drop glue names them:
/// `core::ptr::drop_in_place<reactive_graph::effect::effect::Effect<S>::new<(),M,F>::{{closure}}>`
/// gives `F`.
fn effect_functions(names: &[String]) -> Vec<String> {
    let mut found: Vec<String> = names
        .iter()
        .filter_map(|n| {
            let rest =
                n.strip_prefix("core::ptr::drop_in_place<reactive_graph::effect::effect::Effect<")?;
            let rest = &rest[rest.find(">::")? + 3..];
            let args = &rest[rest.find('<')? + 1..];
            let args = &args[..crate::symbols::closing(args)?];
            crate::symbols::split_top_level(args, ',')
                .last()
                .map(|f| f.trim().to_owned())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

fn memos_compiled_once_per_type(names: &[String]) -> Outcome {
    let count = |wanted: &str| names.iter().filter(|n| *n == wanted).count();
    // What a memo of its own function adds, and what each type of memo value brings.
    let wrappers =
        count("reactive_graph::computed::arc_memo::ArcMemo<T>::new_with_compare::{{closure}}");
    let types = count(
        "<reactive_graph::computed::inner::MemoInner<T,S> as \
         reactive_graph::graph::node::ReactiveNode>::update_if_necessary",
    );
    let mut problems = Vec::new();
    if wrappers > types {
        problems.push(format!(
            "{wrappers} memo functions compiled for {types} types of memo value"
        ));
    }
    Outcome {
        rule: "memos are made through one boxed function, so each type of value compiles one",
        problems,
        fix: "A memo made from a closure of its own compiles the memo's function again (0.3 KB \
              gzip each): make it through the app's boxed helper (`memo` in src/lib.rs).",
    }
}

/// The engine's sources: the standard library's sorts called there, and B-trees named there.
fn engine_sources(repo: &Repo) -> Result<(Outcome, Outcome)> {
    let mut sorts = Vec::new();
    let mut btrees = Vec::new();
    let files = rust_files(&repo.path(ENGINE_SOURCES))?;
    let mut texts = Vec::new();
    for path in &files {
        let text =
            fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        texts.push((path.clone(), text));
    }
    let test_only: Vec<PathBuf> = texts
        .iter()
        .flat_map(|(path, text)| test_modules(path, text))
        .collect();
    for (path, text) in &texts {
        if test_only
            .iter()
            .any(|t| t == path || path.starts_with(t.with_extension("")))
        {
            continue;
        }
        let relative = path.strip_prefix(&repo.root).unwrap_or(path).display();
        for (line, found) in browser_code(text) {
            for sort in std_sorts(&found) {
                sorts.push(format!("{relative}:{line}: .{sort}(…)"));
            }
            for name in ["BTreeMap", "BTreeSet"] {
                if contains_word(&found, name) {
                    btrees.push(format!("{relative}:{line}: {name}"));
                }
            }
        }
    }
    Ok((
        Outcome {
            rule: "the engine sorts with its own insertion sort, not the standard library's",
            problems: sorts,
            fix: "The standard library's sort is compiled anew for every element type (1.3 KB \
                  gzip each): sort with qualify_engine::sort_by_key.",
        },
        Outcome {
            rule: "the engine keeps its maps and sets in sorted vectors, not B-trees",
            problems: btrees,
            fix: "A B-tree is compiled anew for every key and value type (1.1 KB gzip for one \
                  set of strings): use qualify_engine::sorted::{SortedMap, SortedSet}.",
        },
    ))
}

/// The slice sorts of the standard library.
const STD_SORTS: [&str; 7] = [
    "sort",
    "sort_by",
    "sort_by_key",
    "sort_by_cached_key",
    "sort_unstable",
    "sort_unstable_by",
    "sort_unstable_by_key",
];

/// The standard library's sorts that a line of code calls as methods, `v.sort_by_key(…)`.
fn std_sorts(code: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (i, _) in code.match_indices('.') {
        let rest = code[i + 1..].trim_start();
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let after = rest[end..].trim_start();
        if let Some(&sort) = STD_SORTS.iter().find(|s| **s == &rest[..end]) {
            if after.starts_with('(') || after.starts_with("::<") {
                found.push(sort);
            }
        }
    }
    found
}

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let entries =
            fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The files of the modules that `path` declares under `#[cfg(test)]` (`#[cfg(test)] mod
/// agreement;` in `eval/mod.rs` is `eval/agreement.rs`, or `eval/agreement/mod.rs` and what is
/// under it): they run natively, never in the browser build.
fn test_modules(path: &Path, text: &str) -> Vec<PathBuf> {
    let dir = match path.file_name().and_then(|n| n.to_str()) {
        Some("mod.rs" | "lib.rs" | "main.rs") => path.parent().map(Path::to_path_buf),
        _ => Some(path.with_extension("")),
    };
    let Some(dir) = dir else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut after_cfg_test = false;
    for line in text.lines() {
        let code = code_of(line);
        let code = code.trim();
        if let Some(rest) = code.strip_prefix("#[cfg(test)]") {
            let rest = rest.trim();
            after_cfg_test = rest.is_empty();
            found.extend(declared_module(rest).map(|m| dir.join(m)));
            continue;
        }
        if after_cfg_test {
            found.extend(declared_module(code).map(|m| dir.join(m)));
        }
        after_cfg_test = false;
    }
    found
        .into_iter()
        .flat_map(|m| [m.with_extension("rs"), m.join("mod.rs")])
        .collect()
}

/// `m` of a line `mod m;` or `pub(crate) mod m;` (a module in a file of its own).
fn declared_module(code: &str) -> Option<String> {
    let code = code.strip_suffix(';')?;
    let name = code.split_whitespace().skip_while(|w| *w != "mod").nth(1)?;
    Some(name.to_owned())
}

/// The lines of a source file (1-based, with their code only: no comments, string literals
/// blanked) that can end up in the browser build: all but the items marked `#[cfg(test)]`,
/// which run natively.
fn browser_code(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    // Inside a `#[cfg(test)]` item: its brace depth, and whether its body has opened.
    let mut test_item: Option<(usize, bool)> = None;
    for (number, line) in text.lines().enumerate() {
        let code = code_of(line);
        if let Some((depth, opened)) = &mut test_item {
            for c in code.chars() {
                match c {
                    '{' => {
                        *depth += 1;
                        *opened = true;
                    }
                    '}' => *depth = depth.saturating_sub(1),
                    _ => {}
                }
            }
            let ended = if *opened {
                *depth == 0
            } else {
                code.trim_end().ends_with(';')
            };
            if ended {
                test_item = None;
            }
            continue;
        }
        if code.trim_start().starts_with("#[cfg(test)]") {
            test_item = Some((0, false));
            continue;
        }
        lines.push((number + 1, code));
    }
    lines
}

/// A line without its `//` comment and with its string literals blanked. Enough for a line of
/// code; a string that spans lines is read as code after its first line.
fn code_of(line: &str) -> String {
    let mut code = String::with_capacity(line.len());
    let mut chars = line.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_string => {
                code.push(' ');
                if chars.next().is_some() {
                    code.push(' ');
                }
            }
            '"' => {
                in_string = !in_string;
                code.push('"');
            }
            _ if in_string => code.push(' '),
            '/' if chars.peek() == Some(&'/') => break,
            _ => code.push(c),
        }
    }
    code
}

/// `word` appears in `text` as a whole identifier.
fn contains_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(i, _)| {
        !text[..i].ends_with(is_ident) && !text[i + word.len()..].starts_with(is_ident)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modules_declared_for_tests_are_not_browser_code() {
        let source = "mod compare;\n#[cfg(test)]\nmod agreement;\n#[cfg(test)] pub(crate) mod fixtures;\nmod score;\n";
        let found = test_modules(Path::new("src/eval/mod.rs"), source);
        assert_eq!(
            found,
            [
                PathBuf::from("src/eval/agreement.rs"),
                PathBuf::from("src/eval/agreement/mod.rs"),
                PathBuf::from("src/eval/fixtures.rs"),
                PathBuf::from("src/eval/fixtures/mod.rs"),
            ]
        );
        let nested = test_modules(Path::new("src/read/json.rs"), "#[cfg(test)]\nmod cases;\n");
        assert_eq!(nested[0], PathBuf::from("src/read/json/cases.rs"));
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| clean(n)).collect()
    }

    #[test]
    fn tells_leptos_event_code_from_the_apps_own_listeners() {
        let build = names(&[
            "tachys::renderer::dom::Dom::add_event_listener_delegated::h0123456789abcdef",
            "tachys::html::event::On<E,F>::attach",
            "qualify_app::markup::Listener::new",
            "web_sys::features::gen_EventTarget::EventTarget::add_event_listener_with_callback",
        ]);
        assert_eq!(
            no_event_code(&build).problems,
            [
                "in the build: tachys::renderer::dom::Dom::add_event_listener_delegated",
                "in the build: tachys::html::event::On<E,F>::attach",
            ]
        );
    }

    const EFFECT_BODY: &str = "reactive_graph::effect::effect::Effect<reactive_graph::owner::storage::LocalStorage>::new::{{closure}}::{{closure}}";

    #[test]
    fn counts_the_copies_of_an_effects_body_and_names_what_they_are_made_from() {
        let one = names(&[
            EFFECT_BODY,
            "reactive_graph::effect::effect::Effect<S>::stop",
        ]);
        assert!(effects_compiled_once(&one).kept());
        let drop = |f: &str| {
            format!(
                "core::ptr::drop_in_place<reactive_graph::effect::effect::Effect<reactive_graph::owner::storage::LocalStorage>::new<(),reactive_graph::effect::effect_function::SingleParam,{f}>::{{{{closure}}}}::{{{{closure}}}}>::h0123456789abcdef"
            )
        };
        let two = names(&[
            &format!("{EFFECT_BODY}::h0123456789abcdef"),
            &format!("{EFFECT_BODY}::hfedcba9876543210"),
            &drop("qualify_app::effect::{{closure}}"),
            &drop("qualify_app::__component_app::{{closure}}"),
        ]);
        assert_eq!(
            effects_compiled_once(&two).problems,
            [
                format!("2 copies of {EFFECT_BODY}"),
                "effects made from: qualify_app::__component_app::{{closure}}, \
                 qualify_app::effect::{{closure}}"
                    .to_owned(),
            ]
        );
    }

    #[test]
    fn a_memo_function_per_type_of_value_and_no_more() {
        let wrapper = "reactive_graph::computed::arc_memo::ArcMemo<T>::new_with_compare::{{closure}}::h0123456789abcdef";
        let update = "<reactive_graph::computed::inner::MemoInner<T,S> as reactive_graph::graph::node::ReactiveNode>::update_if_necessary::h0123456789abcdef";
        assert!(memos_compiled_once_per_type(&names(&[wrapper, update, wrapper, update])).kept());
        assert_eq!(
            memos_compiled_once_per_type(&names(&[wrapper, update, wrapper])).problems,
            ["2 memo functions compiled for 1 types of memo value"]
        );
    }

    #[test]
    fn finds_std_sorts_called_as_methods() {
        assert_eq!(
            std_sorts("out.sort_by_key(|(_, v)| v.from);"),
            ["sort_by_key"]
        );
        assert_eq!(std_sorts("ids . sort_unstable ();"), ["sort_unstable"]);
        assert_eq!(
            std_sorts("v.sort::<u8>(); w.sort_by(f)"),
            ["sort", "sort_by"]
        );
        // The engine's own sort, a field and other methods are no standard library sort.
        assert!(std_sorts("crate::sort_by_key(&mut out, |v| v.0);").is_empty());
        assert!(std_sorts("let s = c.sort; x.sorted(); y.sort_key()").is_empty());
    }

    #[test]
    fn reads_code_but_not_comments_strings_or_tests() {
        let source = "\
//! Like a `BTreeMap`, but sorted vectors.
use std::collections::BTreeMap;
let x = \"BTreeSet\"; // a BTreeSet
struct MyBTreeMapLike;
#[cfg(test)]
use std::collections::BTreeSet;
fn f(s: BTreeSet<u8>) {}
#[cfg(test)]
mod tests {
    fn g() { let m = BTreeMap::new(); }
}
fn h() {}
";
        let code = browser_code(source);
        let found: Vec<usize> = code
            .iter()
            .filter(|(_, c)| contains_word(c, "BTreeMap") || contains_word(c, "BTreeSet"))
            .map(|(n, _)| *n)
            .collect();
        assert_eq!(found, [2, 7]);
        assert_eq!(code.last().unwrap(), &(12, "fn h() {}".to_owned()));
        assert_eq!(code_of(r#"a("x\"//y") // z"#), r#"a("      ") "#);
    }

    #[test]
    fn reports_broken_rules_by_name() {
        let outcomes = [
            Outcome {
                rule: "kept",
                problems: Vec::new(),
                fix: "",
            },
            Outcome {
                rule: "broken",
                problems: vec!["here".into()],
                fix: "do this",
            },
        ];
        assert_eq!(report(&outcomes).unwrap_err(), "size rules broken: broken");
        assert!(report(&outcomes[..1]).is_ok());
    }
}
