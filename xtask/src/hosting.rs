//! What static hosting needs of dist/ (docs/hosting.md), done after Trunk's build:
//!
//! - index.html has no inline script or style, so it runs under the strict Content-Security-
//!   Policy the docs recommend. Trunk.toml's `pattern_script` loads web/boot.js instead of
//!   Trunk's inline loader; this checks that it still does.
//! - Its scripts are minified with esbuild: wasm-bindgen's module, which Trunk's own minifier
//!   cannot parse, and the scripts copied from web/, which Trunk copies as they are. The
//!   `integrity` that index.html gives a module is updated to the minified bytes, and a module
//!   Trunk named after a hash is renamed after the minified bytes.
//! - dist/sw.js (from web/sw.js) is stamped with the files of this build's app shell and a
//!   version made from their contents. The service worker precaches exactly these files; a
//!   deploy that changes any of them changes sw.js, which is how browsers notice a new deploy
//!   and replace the old cache.

use std::fs;
use std::path::Path;

use sha2::{Digest, Sha384};

use crate::proc;
use crate::setup::Tools;
use crate::sizes::{dist_files, loaded_from, references, resolve};
use crate::Result;

const VERSION_LINE: &str = "const VERSION = 'dev';";
const SHELL_LINE: &str = "const SHELL = [];";

/// Files cached besides what index.html loads: the embed script, for host pages on this site.
const ALSO_CACHED: [&str; 1] = ["embed.js"];

/// The scripts of dist/ that are no ES modules: their top-level names are globals, which
/// esbuild must keep, while a module's are its own to shorten.
const CLASSIC_SCRIPTS: [&str; 7] = [
    "embed.js",
    "sw.js",
    // The workers are classic worker scripts: each loader `importScripts` its module.
    "plan-worker_loader.js",
    "plan-worker.js",
    "screen-worker_loader.js",
    "screen-worker.js",
    // The screening page's module is a classic script too (web/boot.js loads it by a tag).
    "screen-page.js",
];

pub fn prepare(tools: &Tools, dist: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let mut html =
        fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    check_no_inline_code(&html)?;
    // sw.js last: the stamp replaces its placeholder lines as written, and hashes the other
    // files as they will be served.
    let scripts: Vec<String> = dist_files(dist)?
        .into_iter()
        .filter(|p| p.ends_with(".js") && p != "sw.js")
        .collect();
    for (path, before) in minify(tools, dist, &scripts)? {
        let after = read(dist, &path)?;
        html = update_integrity(&html, &path, &before, &after)?;
        if let Some(renamed) = content_name(&path, &after) {
            fs::rename(dist.join(&path), dist.join(&renamed))
                .map_err(|e| format!("cannot rename dist/{path} to {renamed}: {e}"))?;
            html = html.replace(&path, &renamed);
        }
    }
    fs::write(&index, &html).map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    stamp_service_worker(dist)?;
    minify(tools, dist, &["sw.js".to_string()]).map(|_| ())
}

/// Minifies `scripts` of dist/ in place with esbuild, and returns each with its bytes before.
fn minify(tools: &Tools, dist: &Path, scripts: &[String]) -> Result<Vec<(String, Vec<u8>)>> {
    let before = scripts
        .iter()
        .map(|path| Ok((path.clone(), read(dist, path)?)))
        .collect::<Result<Vec<_>>>()?;
    let (classic, modules): (Vec<&String>, Vec<&String>) = scripts
        .iter()
        .partition(|p| CLASSIC_SCRIPTS.contains(&p.as_str()));
    for (files, format) in [(modules, Some("--format=esm")), (classic, None)] {
        if files.is_empty() {
            continue;
        }
        proc::run(
            tools
                .esbuild()
                .current_dir(dist)
                .args(files)
                .args(format)
                .args([
                    "--minify",
                    "--outbase=.",
                    "--outdir=.",
                    "--allow-overwrite",
                    "--log-level=warning",
                ]),
        )?;
    }
    Ok(before)
}

/// The name of a script that Trunk named after a hash (`qualify-app-<hex>.js`, at most 16
/// digits, leading zeros left out), with a hash of its minified bytes instead. Trunk's hash is the wasm's, so the minified script could
/// change under the same name (after an esbuild upgrade, say); browsers keep such files as
/// immutable, and the new integrity would refuse their copy and stop the app.
fn content_name(path: &str, bytes: &[u8]) -> Option<String> {
    let (base, hash) = path.strip_suffix(".js")?.rsplit_once('-')?;
    if !(1..=16).contains(&hash.len()) || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut content = Fnv::default();
    content.write(bytes);
    Some(format!("{base}-{:016x}.js", content.0))
}

fn read(dist: &Path, path: &str) -> Result<Vec<u8>> {
    fs::read(dist.join(path)).map_err(|e| format!("cannot read dist/{path}: {e}"))
}

/// `html` with the Subresource Integrity of `path` changed from its bytes `before` to `after`.
/// Trunk gives the module's `<link rel=modulepreload>` one, in its default SHA-384; a stale
/// one would stop the browser from running the module at all.
fn update_integrity(html: &str, path: &str, before: &[u8], after: &[u8]) -> Result<String> {
    let (old, new) = (sri(before), sri(after));
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (start, _, attrs, end) in tags(&lower) {
        let text = &html[start..end];
        let names_path = references(text).any(|r| resolve("", r).as_deref() == Some(path));
        if !attrs.contains(&"integrity") || !names_path {
            continue;
        }
        if !text.contains(&old) {
            return Err(format!(
                "dist/index.html checks {path} with an integrity other than its SHA-384, which \
                 `cargo xtask dist` cannot update after minifying it: {text}"
            ));
        }
        out.push_str(&html[copied..start]);
        out.push_str(&text.replace(&old, &new));
        copied = end;
    }
    out.push_str(&html[copied..]);
    Ok(out)
}

/// An `integrity` value as Trunk writes it.
fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

/// Standard base64, padded, as Subresource Integrity spells digests.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let group = chunk
            .iter()
            .enumerate()
            .fold(0u32, |group, (i, b)| group | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                char::from(ALPHABET[(group >> (18 - 6 * i) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// Refuses an index.html that a CSP without `'unsafe-inline'` would break: a `<script>` without
/// `src`, a `<style>` element, a `style` attribute or an inline event handler.
fn check_no_inline_code(html: &str) -> Result<()> {
    let lower = html.to_ascii_lowercase();
    for (start, name, attrs, end) in tags(&lower) {
        let problem = if name == "script" && !attrs.contains(&"src") {
            Some("an inline <script>")
        } else if name == "style" {
            Some("a <style> element")
        } else if attrs.contains(&"style") {
            Some("a style attribute")
        } else if attrs.iter().any(|a| a.starts_with("on")) {
            Some("an inline event handler")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(format!(
                "dist/index.html has {problem}, which a Content-Security-Policy without 'unsafe-inline' blocks: {}",
                &html[start..end]
            ));
        }
    }
    Ok(())
}

/// The tags of `lower`, an HTML text in lower case: where each starts, its name and attribute
/// names, and where it ends.
fn tags(lower: &str) -> impl Iterator<Item = (usize, &str, Vec<&str>, usize)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + lower[at..].find('<')?;
        let (name, attrs, end) = tag(lower, start + 1);
        at = end;
        Some((start, name, attrs, end))
    })
}

/// The name and attribute names of the tag whose name starts at `from`, and where it ends.
fn tag(html: &str, from: usize) -> (&str, Vec<&str>, usize) {
    let bytes = html.as_bytes();
    let word_end = |mut i: usize| {
        while i < bytes.len() && !b" \t\r\n/>=".contains(&bytes[i]) {
            i += 1;
        }
        i
    };
    let name_end = word_end(from);
    let name = &html[from..name_end];
    let mut attrs = Vec::new();
    let mut i = name_end;
    while i < bytes.len() && bytes[i] != b'>' {
        match bytes[i] {
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => i += 1,
            b'=' => {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match bytes.get(i) {
                    Some(&quote @ (b'"' | b'\'')) => {
                        i += 1;
                        while i < bytes.len() && bytes[i] != quote {
                            i += 1;
                        }
                        i += 1;
                    }
                    // Unquoted, as Trunk's minifier writes values: it ends only at whitespace
                    // or `>`, so the `/` of a URL or an SRI hash starts no attribute name.
                    _ => {
                        while i < bytes.len() && !b" \t\r\n>".contains(&bytes[i]) {
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                let end = word_end(i);
                attrs.push(&html[i..end]);
                i = end;
            }
        }
    }
    (name, attrs, (i + 1).min(html.len()))
}

fn stamp_service_worker(dist: &Path) -> Result<()> {
    let files = dist_files(dist)?;
    let read = |path: &str| fs::read(dist.join(path)).unwrap_or_default();
    let mut shell: Vec<String> = loaded_from(&files, &["index.html"], |p| {
        String::from_utf8_lossy(&read(p)).into_owned()
    })
    .into_iter()
    .filter(|p| p != "sw.js" && p != "index.html")
    .collect();
    for extra in ALSO_CACHED {
        if !files.iter().any(|f| f == extra) {
            return Err(format!(
                "dist/{extra} is missing: is it still copied by index.html?"
            ));
        }
        shell.push(extra.to_string());
    }
    shell.sort();
    let mut hash = Fnv::default();
    for path in shell.iter().map(String::as_str).chain(["index.html"]) {
        hash.write(path.as_bytes());
        hash.write(&read(path));
    }
    let sw_path = dist.join("sw.js");
    let source = fs::read_to_string(&sw_path)
        .map_err(|e| format!("cannot read {}: {e}", sw_path.display()))?;
    let stamped = stamp(&source, &format!("{:016x}", hash.0), &shell)?;
    fs::write(&sw_path, stamped).map_err(|e| format!("cannot write {}: {e}", sw_path.display()))
}

/// `source` with its placeholder lines replaced: the version, and the shell as URLs relative to
/// the worker (`./` stands for index.html, as the app's address ends in its folder).
fn stamp(source: &str, version: &str, shell: &[String]) -> Result<String> {
    for line in [VERSION_LINE, SHELL_LINE] {
        if source.matches(line).count() != 1 {
            return Err(format!(
                "web/sw.js must contain the line `{line}` exactly once for `cargo xtask dist` to stamp"
            ));
        }
    }
    let urls: Vec<String> = ["./".to_string()]
        .into_iter()
        .chain(shell.iter().map(|p| format!("./{p}")))
        .map(|u| format!("'{u}'"))
        .collect();
    Ok(source
        .replace(VERSION_LINE, &format!("const VERSION = '{version}';"))
        .replace(SHELL_LINE, &format!("const SHELL = [{}];", urls.join(", "))))
}

/// FNV-1a, 64 bits: a version label that changes with the content, not a security hash.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_html_must_have_no_inline_code() {
        let ok = r#"<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="./q-1.css" integrity="sha384-x">
<script type="module" src="./boot.js" data-qualify-module="./a-1.js"></script></head><body></body></html>"#;
        assert_eq!(check_no_inline_code(ok), Ok(()));
        // Trunk's own loader, as it is without `pattern_script`.
        let inline = "<html><head>\n<script type=\"module\">\nimport init from './a-1.js';\n</script></head></html>";
        let err = check_no_inline_code(inline).unwrap_err();
        assert!(err.contains("an inline <script>"), "{err}");
        for bad in [
            "<style>body{}</style>",
            "<body style=\"margin:0\">",
            "<body onload=\"go()\">",
            "<SCRIPT>x()</SCRIPT>",
        ] {
            assert!(check_no_inline_code(bad).is_err(), "{bad}");
        }
        // Words in text or attribute values are no attributes.
        assert_eq!(
            check_no_inline_code(
                "<meta name=\"description\" content=\"online only, style > substance\"><p class=onward>style</p>"
            ),
            Ok(())
        );
        // Unquoted values as Trunk's minifier writes them: no `/` in them starts an attribute.
        assert_eq!(
            check_no_inline_code(
                "<link crossorigin href=./q-1.js integrity=sha384-ab/onload/Style+x rel=modulepreload><b class=x>"
            ),
            Ok(())
        );
        assert!(check_no_inline_code("<p class=a/b onclick=go()>").is_err());
        // The tag is quoted from the page as it is, wherever it is.
        let err = check_no_inline_code("<p>a</p><b>b</b>\n<DIV Style='x'>").unwrap_err();
        assert!(err.ends_with("<DIV Style='x'>"), "{err}");
    }

    #[test]
    fn integrity_follows_the_minified_script() {
        let (before, after) = (
            b"export default 1;\n".as_slice(),
            b"export default 1;".as_slice(),
        );
        let html = format!(
            "<link href=./q-1.css integrity={css} rel=stylesheet>\
             <link crossorigin href=./a-1.js integrity={old} rel=modulepreload>\
             <link rel=\"modulepreload\" href=\"./snippets/x/a-1.js\" integrity=\"{old}\">",
            css = sri(b"body{}"),
            old = sri(before),
        );
        let updated = update_integrity(&html, "a-1.js", before, after).unwrap();
        assert_eq!(
            updated,
            html.replacen(&sri(before), &sri(after), 1),
            "only the tag of a-1.js changes"
        );
        assert_eq!(update_integrity(&html, "boot.js", before, after), Ok(html));
        let sha512 = "<link href=./a-1.js integrity=sha512-abc rel=modulepreload>";
        assert!(update_integrity(sha512, "a-1.js", before, after).is_err());
    }

    #[test]
    fn a_hashed_script_is_renamed_after_its_minified_content() {
        let a = content_name("qualify-app-0123456789abcdef.js", b"a").unwrap();
        let b = content_name("qualify-app-0123456789abcdef.js", b"b").unwrap();
        assert!(
            a.starts_with("qualify-app-") && a.ends_with(".js") && a.len() == 31,
            "{a}"
        );
        assert_ne!(a, b);
        assert!(content_name("qualify-app-cb27574e94b4e03.js", b"a").is_some());
        assert_eq!(content_name("boot.js", b"a"), None, "unhashed names stay");
        assert_eq!(content_name("embed.js", b"a"), None);
        assert_eq!(
            content_name("qualify-app-0123456789abcdef_bg.wasm", b"a"),
            None
        );
    }

    #[test]
    fn integrity_is_sha384_in_base64() {
        // The example of the Subresource Integrity specification, section 3.5.
        assert_eq!(
            sri(b"alert('Hello, world.');"),
            "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
        );
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(bytes.as_bytes()), text);
        }
        assert_eq!(base64(&[0xfb, 0xff, 0xbf]), "+/+/");
    }

    #[test]
    fn stamps_version_and_shell_into_the_placeholders() {
        let source = "// worker\nconst VERSION = 'dev';\nconst SHELL = [];\nuse(SHELL);\n";
        let shell = ["app-1f.js".to_string(), "embed.js".to_string()];
        let out = stamp(source, "00ff", &shell).unwrap();
        assert_eq!(
            out,
            "// worker\nconst VERSION = '00ff';\nconst SHELL = ['./', './app-1f.js', './embed.js'];\nuse(SHELL);\n"
        );
        assert!(stamp("const SHELL = [];", "1", &shell).is_err());
        assert!(stamp(&format!("{source}{source}"), "1", &shell).is_err());
    }

    #[test]
    fn the_version_follows_the_content() {
        let of = |bytes: &[u8]| {
            let mut h = Fnv::default();
            h.write(bytes);
            h.0
        };
        assert_eq!(of(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(of(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(of(b"index v1"), of(b"index v2"));
    }

    #[test]
    fn the_real_worker_has_its_placeholders() {
        let source = include_str!("../../web/sw.js");
        assert!(stamp(source, "1", &[]).is_ok());
    }
}
