//! Set-up: install what the build and the tests need into the tools folder, skip what is
//! already there, and refuse tools of the wrong version.
//!
//! Everything comes from a package registry (crates.io, npm, Debian), never from a download
//! URL: CI and contributors may have no other network. Versions have one source each: Rust in
//! rust-toolchain.toml, trunk and wasm-opt in Trunk.toml, wasm-bindgen in Cargo.lock, the npm
//! packages in e2e/package-lock.json.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc;
use crate::{Repo, Result};

/// Debian's paths; the e2e harness and webdriver.json rely on them too.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// What Debian's fonts-wqy-microhei installs.
const CJK_FONT: &str = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

const WASM_TARGET: &str = "wasm32-unknown-unknown";
const NODE_MIN_MAJOR: u32 = 20;

/// The set-up tools folder and how to run things with it.
pub struct Tools {
    pub repo: Repo,
    /// `$QUALIFY_TOOLS_DIR`, or `<repo>/.tools`.
    pub dir: PathBuf,
}

/// Tool versions the project pins.
struct Pins {
    /// rust-toolchain.toml's channel, `1.95.0`.
    rust: String,
    trunk: String,
    wasm_bindgen: String,
    /// In Trunk's spelling, `version_132`.
    wasm_opt: String,
}

impl Tools {
    /// Installs or checks every tool, then fetches all crates so Trunk can build offline.
    pub fn ensure(repo: Repo) -> Result<Tools> {
        let pins = Pins::read(&repo)?;
        let tools = Tools {
            dir: tools_dir(&repo)?,
            repo,
        };
        println!("Set-up, tools folder {}", tools.dir.display());
        check_rust(&tools.repo, &pins.rust)?;
        ensure_wasm_target(&tools.repo)?;
        ensure_chromium()?;
        ensure_node()?;
        tools.ensure_cargo_tool("trunk", &pins.trunk, &["trunk"], true)?;
        // wasm-bindgen-cli's own lockfile names a crate version the registry no longer has, so
        // it is installed without --locked.
        tools.ensure_cargo_tool(
            "wasm-bindgen-cli",
            &pins.wasm_bindgen,
            &["wasm-bindgen", "wasm-bindgen-test-runner"],
            false,
        )?;
        tools.ensure_npm_packages(&pins.wasm_opt)?;
        // Trunk.toml sets `offline = true` (cargo too then runs offline), so every crate must be
        // in the local cache before Trunk starts. --locked: CI builds exactly Cargo.lock.
        proc::run(tools.cargo().args(["fetch", "--locked"]))?;
        println!("Set-up done.\n");
        Ok(tools)
    }

    pub fn bin(&self, name: &str) -> PathBuf {
        self.dir.join("bin").join(name)
    }

    fn node_dir(&self) -> PathBuf {
        self.dir.join("node")
    }

    fn node_modules(&self) -> PathBuf {
        self.node_dir().join("node_modules")
    }

    /// A command run from the repository root with the tools first on PATH, so Trunk finds our
    /// wasm-bindgen and wasm-opt rather than anything installed system-wide.
    pub fn command(&self, program: impl AsRef<OsStr>) -> Command {
        let mut command = Command::new(program);
        self.configure(&mut command);
        command
    }

    pub fn cargo(&self) -> Command {
        let mut command = proc::cargo(&self.repo.root);
        self.configure(&mut command);
        command
    }

    pub fn trunk(&self) -> Command {
        self.command(self.bin("trunk"))
    }

    pub fn esbuild(&self) -> Command {
        self.command(self.esbuild_path())
    }

    fn esbuild_path(&self) -> PathBuf {
        self.node_modules().join(".bin").join("esbuild")
    }

    /// binaryen's wasm-opt from npm, the one Trunk finds first on PATH.
    pub fn wasm_opt_path(&self) -> PathBuf {
        self.node_modules().join(".bin").join("wasm-opt")
    }

    /// Cargo's target directory: `$CARGO_TARGET_DIR` (relative to the repository root if
    /// relative), or `target/` in the checkout.
    pub fn target_dir(&self) -> PathBuf {
        match std::env::var_os("CARGO_TARGET_DIR") {
            Some(dir) if !dir.is_empty() => self.repo.root.join(dir),
            _ => self.repo.path("target"),
        }
    }

    fn configure(&self, command: &mut Command) {
        let inherited = std::env::var_os("PATH").unwrap_or_default();
        let path = std::env::join_paths(
            [self.dir.join("bin"), self.node_modules().join(".bin")]
                .into_iter()
                .chain(std::env::split_paths(&inherited)),
        )
        .expect("tool paths contain no path separator");
        command
            .current_dir(&self.repo.root)
            .env("PATH", path)
            // ES module imports ignore NODE_PATH; e2e/harness.mjs loads its packages through
            // require() for that reason.
            .env("NODE_PATH", self.node_modules())
            // Trunk would otherwise ask the network for its latest version.
            .env("TRUNK_SKIP_VERSION_CHECK", "true");
    }

    /// `cargo install`s `krate` at `version` into the tools folder unless its binaries are there
    /// already. Binaries of another version are an error rather than silently replaced: the
    /// message says what to delete.
    fn ensure_cargo_tool(
        &self,
        krate: &str,
        version: &str,
        binaries: &[&str],
        locked: bool,
    ) -> Result<()> {
        let found: Vec<(PathBuf, Option<String>)> = binaries
            .iter()
            .map(|name| {
                let path = self.bin(name);
                let version = proc::stdout_of(Command::new(&path).arg("--version"))
                    .and_then(|text| version_word(&text));
                (path, version)
            })
            .collect();
        for (path, found_version) in &found {
            if let Some(found_version) = found_version {
                if found_version != version {
                    return Err(wrong_version(path, found_version, version));
                }
            }
        }
        if found.iter().all(|(_, v)| v.is_some()) {
            println!("  ok  {krate} {version}");
            return Ok(());
        }
        println!("  installing {krate} {version} with cargo install (several minutes, once)");
        let mut install = self.cargo();
        install
            .args(["install", krate, "--version", version, "--force", "--root"])
            .arg(&self.dir)
            // Build tools for build speed, not peak speed: trunk's own release profile (fat LTO,
            // one codegen unit) would add minutes to every fresh CI machine's set-up.
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
        if locked {
            install.arg("--locked");
        }
        proc::run(&mut install)?;
        for name in binaries {
            let path = self.bin(name);
            let installed = proc::stdout_of(Command::new(&path).arg("--version"))
                .and_then(|text| version_word(&text));
            if installed.as_deref() != Some(version) {
                return Err(format!(
                    "after `cargo install {krate} --version {version}`, {} reports version {}",
                    path.display(),
                    installed.as_deref().unwrap_or("<none>")
                ));
            }
        }
        Ok(())
    }

    /// `npm ci` of e2e/package-lock.json into `<tools>/node`, redone whenever the lock changes.
    fn ensure_npm_packages(&self, wasm_opt_pin: &str) -> Result<()> {
        let lock = self.repo.read("e2e/package-lock.json")?;
        let node_dir = self.node_dir();
        // A copy of the lock that was installed, written only after `npm ci` succeeded.
        let stamp = node_dir.join("installed-package-lock.json");
        let wasm_opt = self.wasm_opt_path();
        let current = fs::read_to_string(&stamp).ok().as_deref() == Some(lock.as_str());
        if current && wasm_opt.exists() && self.esbuild_path().exists() {
            println!("  ok  npm packages of e2e/package-lock.json");
        } else {
            println!("  installing the npm packages of e2e/package-lock.json (npm ci)");
            fs::create_dir_all(&node_dir)
                .map_err(|e| format!("cannot create {}: {e}", node_dir.display()))?;
            for file in ["package.json", "package-lock.json"] {
                let from = self.repo.path(&format!("e2e/{file}"));
                fs::copy(&from, node_dir.join(file)).map_err(|e| {
                    format!("cannot copy {} to the tools folder: {e}", from.display())
                })?;
            }
            proc::run(
                self.command("npm")
                    .args(["ci", "--no-audit", "--no-fund"])
                    .current_dir(&node_dir),
            )?;
            fs::write(&stamp, &lock)
                .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
        }
        let found = proc::stdout_of(Command::new(&wasm_opt).arg("--version"))
            .and_then(|text| wasm_opt_version(&text))
            .ok_or_else(|| format!("{} does not run", wasm_opt.display()))?;
        if found != wasm_opt_pin {
            return Err(format!(
                "wasm-opt (npm binaryen in e2e/package.json) is {found}, but Trunk.toml wants \
                 {wasm_opt_pin}: make the two agree"
            ));
        }
        println!("  ok  wasm-opt {found} (npm binaryen)");
        let esbuild = proc::stdout_of(self.esbuild().arg("--version"))
            .ok_or_else(|| format!("{} does not run", self.esbuild_path().display()))?;
        println!("  ok  esbuild {esbuild}");
        Ok(())
    }
}

impl Pins {
    fn read(repo: &Repo) -> Result<Pins> {
        let rust = toml_value(&repo.read("rust-toolchain.toml")?, "toolchain", "channel")
            .ok_or("rust-toolchain.toml has no `channel` in [toolchain]")?;
        let trunk_toml = repo.read("Trunk.toml")?;
        let in_trunk_toml = |section: &str, key: &str| {
            toml_value(&trunk_toml, section, key)
                .ok_or_else(|| format!("Trunk.toml has no `{key}` in [{section}]"))
        };
        let trunk = in_trunk_toml("", "trunk-version")?;
        let trunk = trunk
            .strip_prefix('=')
            .ok_or_else(|| {
                format!(
                    "Trunk.toml's trunk-version is \"{trunk}\"; pin one exact version, like \"=0.21.14\""
                )
            })?
            .to_owned();

        let lock_versions = locked_versions(&repo.read("Cargo.lock")?, "wasm-bindgen");
        let wasm_bindgen = match lock_versions.as_slice() {
            [version] => version.clone(),
            [] => return Err("Cargo.lock has no wasm-bindgen package".into()),
            several => {
                return Err(format!(
                    "Cargo.lock has several wasm-bindgen versions ({}); the CLI can match only one",
                    several.join(", ")
                ))
            }
        };
        let trunk_bindgen = in_trunk_toml("tools", "wasm_bindgen")?;
        if trunk_bindgen != wasm_bindgen {
            return Err(format!(
                "Trunk.toml [tools] wasm_bindgen is {trunk_bindgen}, but Cargo.lock has \
                 wasm-bindgen {wasm_bindgen}: make them equal"
            ));
        }
        Ok(Pins {
            rust,
            trunk,
            wasm_bindgen,
            wasm_opt: in_trunk_toml("tools", "wasm_opt")?,
        })
    }
}

fn tools_dir(repo: &Repo) -> Result<PathBuf> {
    let dir = match std::env::var_os("QUALIFY_TOOLS_DIR") {
        Some(dir) if !dir.is_empty() => std::path::absolute(PathBuf::from(dir))
            .map_err(|e| format!("QUALIFY_TOOLS_DIR: {e}"))?,
        _ => repo.path(".tools"),
    };
    fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot create the tools folder {}: {e}", dir.display()))?;
    Ok(dir)
}

/// The Rust that builds and tests is the one rust-toolchain.toml pins, with the components it
/// names. Under rustup it is picked by that file in the checkout, unless something overrides
/// the file (`cargo +toolchain`, `RUSTUP_TOOLCHAIN`, `rustup override`); rustup then also says
/// where the choice came from.
fn check_rust(repo: &Repo, pinned: &str) -> Result<()> {
    let rustc = |program: &str| {
        proc::stdout_of(
            Command::new(program)
                .arg("--version")
                .current_dir(&repo.root),
        )
    };
    let found = rustc("rustc")
        .ok_or("`rustc --version` failed: Qualify needs Rust, installed with rustup")?;
    let version = version_word(&found).unwrap_or_default();
    if !matches_channel(&version, pinned) {
        let source = std::env::var("RUSTUP_TOOLCHAIN_SOURCE")
            .map(|s| format!(" (rustup chose it from: {s})"))
            .unwrap_or_default();
        return Err(format!(
            "rustc is {version}{source}, but rust-toolchain.toml pins {pinned}, the Rust CI \
             uses. Inside the checkout rustup picks {pinned} by itself: drop the override \
             (`cargo +toolchain`, RUSTUP_TOOLCHAIN, `rustup override unset`), and if {pinned} \
             is not installed, run `rustup toolchain install {pinned} --profile minimal \
             --component rustfmt,clippy --target {WASM_TARGET}`"
        ));
    }
    for (program, component) in [("rustfmt", "rustfmt"), ("cargo-clippy", "clippy")] {
        if rustc(program).is_none() {
            return Err(format!(
                "Rust {pinned} has no {component}: run `rustup component add {component} \
                 --toolchain {pinned}`"
            ));
        }
    }
    println!("  ok  Rust {version} (rust-toolchain.toml), with rustfmt and clippy");
    Ok(())
}

/// `version` (`1.95.0`) is what a toolchain channel names: the same version, or one of the
/// releases of a channel that leaves out the patch (`1.95`).
fn matches_channel(version: &str, channel: &str) -> bool {
    version == channel
        || version
            .strip_prefix(channel)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn ensure_wasm_target(repo: &Repo) -> Result<()> {
    // From the checkout, so that rustup looks at the pinned toolchain.
    let rustup = || {
        let mut command = Command::new("rustup");
        command.current_dir(&repo.root);
        command
    };
    let installed = proc::stdout_of(rustup().args(["target", "list", "--installed"]))
        .ok_or("`rustup target list --installed` failed: Qualify needs rustup to add the wasm32-unknown-unknown target")?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("  ok  Rust target {WASM_TARGET}");
        return Ok(());
    }
    proc::run(rustup().args(["target", "add", WASM_TARGET]))
}

/// Debian's chromium and chromium-driver: the browser for the component and end-to-end tests;
/// and a small CJK font (5 MB, against 90 MB for Noto CJK), without which the e2e screenshots
/// show the Chinese interface as boxes.
fn ensure_chromium() -> Result<()> {
    let missing = [CHROMIUM, CHROMEDRIVER, CJK_FONT]
        .iter()
        .any(|path| !Path::new(path).exists());
    if missing {
        println!("  installing Debian chromium, chromium-driver and fonts-wqy-microhei");
        let hint = "installing Chromium needs Debian's apt-get as root";
        proc::run(Command::new("apt-get").arg("update")).map_err(|e| format!("{e}; {hint}"))?;
        proc::run(
            Command::new("apt-get")
                .args([
                    "install",
                    "-y",
                    "chromium",
                    "chromium-driver",
                    "fonts-wqy-microhei",
                ])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
        .map_err(|e| format!("{e}; {hint}"))?;
    }
    let version = |program: &str| {
        proc::stdout_of(Command::new(program).arg("--version"))
            .and_then(|text| dotted_version(&text))
            .ok_or_else(|| format!("`{program} --version` does not report a version"))
    };
    let browser = version(CHROMIUM)?;
    let driver = version(CHROMEDRIVER)?;
    if major(&browser) != major(&driver) {
        return Err(format!(
            "chromedriver {driver} does not drive chromium {browser} (the major versions must \
             match): run `apt-get install -y chromium chromium-driver` to align them"
        ));
    }
    println!("  ok  chromium {browser}, chromedriver {driver}");
    Ok(())
}

fn ensure_node() -> Result<()> {
    let found = proc::stdout_of(Command::new("node").arg("--version")).ok_or_else(|| {
        format!("node not found: Qualify's tests need Node.js {NODE_MIN_MAJOR} or newer, with npm")
    })?;
    let major: u32 = found
        .trim_start_matches('v')
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| format!("cannot read the node version from `{found}`"))?;
    if major < NODE_MIN_MAJOR {
        return Err(format!(
            "node {found} is too old: expected version {NODE_MIN_MAJOR} or newer"
        ));
    }
    println!("  ok  node {found}");
    Ok(())
}

fn wrong_version(path: &Path, found: &str, expected: &str) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    format!(
        "{name} in the tools folder has the wrong version: expected {expected}, found {found} \
         ({}). Delete it and run again to install {expected}.",
        path.display()
    )
}

/// The version from `tool 1.2.3` (the output of `trunk --version`, `wasm-bindgen --version`).
fn version_word(text: &str) -> Option<String> {
    text.lines()
        .next()?
        .split_whitespace()
        .nth(1)
        .map(str::to_owned)
}

/// `wasm-opt version 132 (version_132)` in Trunk's spelling: `version_132`.
fn wasm_opt_version(text: &str) -> Option<String> {
    let number = text.split_whitespace().nth(2)?;
    Some(format!("version_{number}"))
}

/// The first dotted number in a text like `Chromium 156.0.8078.79 built on Debian`.
fn dotted_version(text: &str) -> Option<String> {
    text.split_whitespace()
        .find(|word| word.starts_with(|c: char| c.is_ascii_digit()) && word.contains('.'))
        .map(str::to_owned)
}

fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or(version)
}

/// The string value of `key = "value"` in a TOML `[section]` ("" for the top level). Enough
/// for the flat keys xtask reads; not a TOML parser.
fn toml_value(text: &str, section: &str, key: &str) -> Option<String> {
    let mut current = "";
    for line in text.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim();
        } else if current == section {
            if let Some(value) = quoted_value(line, key) {
                return Some(value);
            }
        }
    }
    None
}

/// The value of a `key = "value"` line.
fn quoted_value(line: &str, key: &str) -> Option<String> {
    let rest = line
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_owned())
}

/// Every version of `package` in a Cargo.lock.
fn locked_versions(lock: &str, package: &str) -> Vec<String> {
    let mut versions = Vec::new();
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if quoted_value(line, "name").as_deref() == Some(package) {
            if let Some(version) = lines.next().and_then(|l| quoted_value(l, "version")) {
                versions.push(version);
            }
        }
    }
    versions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_values_by_section() {
        let text = "trunk-version = \"=0.21.14\" # pinned\n\n[build]\nwasm_opt = \"nope\"\n\n\
                    [tools]\n# why\nwasm_bindgen = \"0.2.130\"\nwasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_value(text, "", "trunk-version").as_deref(),
            Some("=0.21.14")
        );
        assert_eq!(
            toml_value(text, "tools", "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(
            toml_value(text, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(toml_value(text, "serve", "port"), None);
    }

    #[test]
    fn a_key_is_not_matched_by_its_prefix() {
        assert_eq!(quoted_value("wasm_opt_params = \"x\"", "wasm_opt"), None);
        assert_eq!(
            quoted_value("wasm_opt=\"version_1\"", "wasm_opt").as_deref(),
            Some("version_1")
        );
    }

    #[test]
    fn finds_every_locked_version_of_a_package() {
        let lock = "[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen-macro\"\nversion = \"0.2.130\"\n\n\
                    [[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.99\"\n";
        assert_eq!(locked_versions(lock, "wasm-bindgen"), ["0.2.130", "0.2.99"]);
        assert!(locked_versions(lock, "trunk").is_empty());
    }

    #[test]
    fn a_rust_version_matches_its_channel() {
        assert!(matches_channel("1.95.0", "1.95.0"));
        assert!(matches_channel("1.95.2", "1.95"));
        assert!(!matches_channel("1.95.0", "1.9"));
        assert!(!matches_channel("1.97.0-nightly", "1.95.0"));
        assert_eq!(
            version_word("rustc 1.95.0 (59807616e 2026-04-14)").as_deref(),
            Some("1.95.0")
        );
        let toolchain = "[toolchain]\nchannel = \"1.95.0\"\ncomponents = [\"rustfmt\"]\n";
        assert_eq!(
            toml_value(toolchain, "toolchain", "channel").as_deref(),
            Some("1.95.0")
        );
    }

    #[test]
    fn parses_tool_version_outputs() {
        assert_eq!(version_word("trunk 0.21.14\n").as_deref(), Some("0.21.14"));
        assert_eq!(
            version_word("wasm-bindgen 0.2.130").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            wasm_opt_version("wasm-opt version 132 (version_132)").as_deref(),
            Some("version_132")
        );
        let chromium =
            dotted_version("Chromium 156.0.8078.79 built on Debian GNU/Linux 12").unwrap();
        let driver =
            dotted_version("ChromeDriver 156.0.8078.79 (a21ce95c-refs/branch-heads/8078@{#1704})")
                .unwrap();
        assert_eq!(chromium, "156.0.8078.79");
        assert_eq!(major(&chromium), major(&driver));
    }
}
