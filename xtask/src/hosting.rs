//! What static hosting needs of dist/ (docs/hosting.md), done after Trunk's build:
//!
//! - index.html has no inline script or style, so it runs under the strict Content-Security-
//!   Policy the docs recommend. Trunk.toml's `pattern_script` loads web/boot.js instead of
//!   Trunk's inline loader; this checks that it still does.
//! - dist/sw.js (from web/sw.js) is stamped with the files of this build's app shell and a
//!   version made from their contents. The service worker precaches exactly these files; a
//!   deploy that changes any of them changes sw.js, which is how browsers notice a new deploy
//!   and replace the old cache.

use std::fs;
use std::path::Path;

use crate::sizes::{dist_files, loaded_from};
use crate::Result;

const VERSION_LINE: &str = "const VERSION = 'dev';";
const SHELL_LINE: &str = "const SHELL = [];";

/// Files cached besides what index.html loads: the embed script, for host pages on this site.
const ALSO_CACHED: [&str; 1] = ["embed.js"];

pub fn prepare(dist: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let html =
        fs::read_to_string(&index).map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    check_no_inline_code(&html)?;
    stamp_service_worker(dist)
}

/// Refuses an index.html that a CSP without `'unsafe-inline'` would break: a `<script>` without
/// `src`, a `<style>` element, a `style` attribute or an inline event handler.
fn check_no_inline_code(html: &str) -> Result<()> {
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let start = at + found;
        let (name, attrs, end) = tag(&lower, start + 1);
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
        at = end;
    }
    Ok(())
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
