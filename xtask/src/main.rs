//! `cargo xtask`: Qualify's task runner (the alias lives in `.cargo/config.toml`).
//!
//! Plain Rust on purpose (std, the compressors of the size report, and the engine for the packs'
//! details): it has to build before any of the web tooling exists, and it is what installs that
//! tooling.

mod bench_screen;
mod bloat;
mod hosting;
mod proc;
mod rules;
mod setup;
mod sizes;
mod symbols;
mod testing;
mod wasm;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Errors are human-readable sentences; `main` prints them and exits non-zero.
type Result<T, E = String> = std::result::Result<T, E>;

const HELP: &str = "\
cargo xtask: build, serve and test Qualify

USAGE:
    cargo xtask <COMMAND>

COMMANDS:
    serve    Set up if needed, then serve the app at http://127.0.0.1:8080 (trunk serve)
    test     Set up if needed, then run every test layer in order, stopping at the first failure:
             rustfmt, clippy (native and wasm32), native tests, component tests in headless
             Chromium, release build with the size budget and the size rules, end-to-end tests
             against dist/
    dist     Set up if needed, build dist/ for static hosting and print its size report
    bench    Run the engine benchmarks and `qualify screen` over 1,000,000 generated rows
             (throughput, peak memory), then build dist/, report the first-load size and
             time the screening page over 100,000 generated rows in headless Chromium
    bloat [COUNT]
             Set up if needed, build the release wasm as dist/ has it but with its function
             names, and print its largest COUNT functions (default 25), its code by crate
             and by module, and the size rules (docs/size.md)
    setup    Only install or check the tools (the other commands do this themselves)
    pack-details
             Write the packs' details and the regional packs beside the app in
             $TRUNK_STAGING_DIR (Trunk runs this after every build; see Trunk.toml)

Set-up checks that rustc is the version rust-toolchain.toml pins, then installs what is
missing into the tools folder and skips what is already there: the wasm32-unknown-unknown
target, trunk, wasm-bindgen-cli (the version in Cargo.lock), the npm packages of
e2e/package-lock.json (binaryen's wasm-opt, esbuild, playwright-core, axe-core) and Debian's
chromium, chromium-driver and fonts-wqy-microhei.

ENVIRONMENT:
    QUALIFY_TOOLS_DIR    tools folder (default: <repo>/.tools)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, top) = match args.as_slice() {
        [] => {
            eprint!("{HELP}");
            return ExitCode::from(2);
        }
        [flag] if flag == "--help" || flag == "-h" || flag == "help" => {
            print!("{HELP}");
            return ExitCode::SUCCESS;
        }
        [command] => (command.as_str(), bloat::DEFAULT_TOP),
        [command, count] if command == "bloat" => {
            match count.parse() {
                Ok(count) => (command.as_str(), count),
                Err(_) => {
                    eprintln!("error: `cargo xtask bloat` takes a number of functions to list, not `{count}`");
                    return ExitCode::from(2);
                }
            }
        }
        [command, ..] => {
            eprintln!("error: `cargo xtask {command}` takes no arguments\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    let repo = Repo::locate();
    let result = match command {
        "bloat" => setup::Tools::ensure(repo).and_then(|tools| bloat::run(&tools, top)),
        "serve" => serve(repo),
        "test" => setup::Tools::ensure(repo).and_then(|tools| testing::run_all(&tools)),
        "dist" => dist(repo),
        "bench" => bench(repo),
        "setup" => setup::Tools::ensure(repo).map(|_| ()),
        "pack-details" => pack_details(),
        other => {
            eprintln!("error: unknown command `{other}`\n\n{HELP}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nerror: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The repository checkout xtask was built from.
pub struct Repo {
    pub root: PathBuf,
}

impl Repo {
    /// xtask/ is a direct child of the repository root.
    fn locate() -> Repo {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .parent()
            .expect("xtask/ has a parent")
            .to_path_buf();
        Repo { root }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> Result<String> {
        let path = self.path(relative);
        std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    }
}

fn serve(repo: Repo) -> Result<()> {
    let tools = setup::Tools::ensure(repo)?;
    // Address and port come from Trunk.toml ([serve]: 127.0.0.1:8080).
    println!("\nServing Qualify at http://127.0.0.1:8080 (Ctrl-C to stop)");
    proc::run(tools.trunk().arg("serve"))
}

fn dist(repo: Repo) -> Result<()> {
    let tools = setup::Tools::ensure(repo)?;
    let report = sizes::build_dist(&tools)?;
    // `dist` reports the budget; `cargo xtask test` is the one that fails over it.
    if !report.within_budget() {
        println!("warning: the first load is over budget; `cargo xtask test` will fail");
    }
    Ok(())
}

/// The text of the bundled packs that the browser fetches only when it is wanted, written into
/// the build Trunk is staging, so that `trunk build` and `trunk serve` both serve it: the
/// national packs' details (`qualify_engine::bundled::DETAILS`, see src/details.rs) and each
/// regional pack whole (`bundled::REGIONAL`, see src/regional.rs), under names made from their
/// contents.
fn pack_details() -> Result<()> {
    use qualify_engine::bundled::{regional_files, DETAILS, DETAILS_FILE};
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .ok_or("pack-details writes into $TRUNK_STAGING_DIR, which Trunk sets for its hooks")?;
    for (file, text) in std::iter::once((DETAILS_FILE, DETAILS)).chain(regional_files()) {
        let path = Path::new(&staging).join(file);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(())
}

fn bench(repo: Repo) -> Result<()> {
    // The benchmarks are plain Rust and need none of the web tools, so they run before set-up.
    proc::run(proc::cargo(&repo.root).args([
        "bench",
        "-p",
        "qualify-engine",
        "--bench",
        "evaluate",
    ]))?;
    bench_screen::run(&repo)?;
    let tools = setup::Tools::ensure(repo)?;
    sizes::build_dist(&tools)?;
    // The screening page in the browser, on the dist/ just built (e2e/bench-screen.mjs).
    proc::run(
        tools
            .command("node")
            .arg(tools.repo.path("e2e/bench-screen.mjs"))
            .env("QUALIFY_DIST", tools.repo.path("dist")),
    )
}
