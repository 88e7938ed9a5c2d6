//! `qualify`: the eligibility engine on the command line (contract section 4).

use std::fmt;
use std::io::{self, Read, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use qualify_engine::pack::{replace_by_id, Origin};
use qualify_engine::{bundled, evaluate, limits, parse_date, Error, Errors, Lang, Pack, Profile};

mod screen;

const HELP: &str = "\
qualify: check an enterprise profile against Chinese recognition programs

USAGE:
    qualify assess PROFILE.json [--as-of YYYY-MM-DD] [--program ID]... [--pack FILE]...
    qualify plan PROFILE.json [--as-of YYYY-MM-DD] [--program ID]... [--pack FILE]... [--ics FILE]
    qualify check-pack FILE...
    qualify screen FILE.{xlsx,csv,ndjson} [--as-of D] [--program ID]... [--format csv|ndjson|xlsx]
    qualify template [PROFILE.json]... [--format xlsx|csv] [--as-of D]
    qualify programs
    qualify <COMMAND> --help

COMMANDS:
    assess        Print one JSON document with the outcome of every program
    plan          Print when to apply for each program and what the figures must reach
    check-pack    Check rule-pack files and print every error with its field path
    screen        Assess every enterprise of a filled template, one row per program
    template      Write the spreadsheet template to fill in for `screen`
    programs      List the bundled programs with their versions

OPTIONS:
    --lang zh|en  Language of error messages (default: en)
    -h, --help    Print help
";

const ASSESS_HELP: &str = "\
qualify assess: assess a profile

USAGE:
    qualify assess PROFILE.json [--as-of YYYY-MM-DD] [--program ID]... [--pack FILE]...

PROFILE.json is a profile in the qualify.profile/1 format (`-` reads standard input).
Prints {\"as_of\": ..., \"programs\": [...]} on standard output and exits 0 whatever the
outcomes. Invalid input prints one line naming the offending field on standard error and
exits 1; a usage error exits 2.

OPTIONS:
    --as-of DATE     Assess on this date (default: today in China Standard Time); picks the
                     version of each program in force on it
    --program ID     Only this program (repeatable)
    --pack FILE      Also use this rule pack; it replaces a bundled pack with the same id
                     (repeatable)
    --lang zh|en     Language of error messages (default: en)
";

const PLAN_HELP: &str = "\
qualify plan: when to apply, and what the figures must reach by then

USAGE:
    qualify plan PROFILE.json [--as-of YYYY-MM-DD] [--program ID]... [--pack FILE]... [--ics FILE]

Prints {\"as_of\": ..., \"programs\": [...], \"certifications\": [...]} on standard output
(docs/plan.md): per program, the next call and whether the enterprise qualifies in it on the
figures it has, with the targets it must reach; the first call in which it can; and when each
certification held runs out. Errors as for `assess`.

OPTIONS:
    --as-of DATE     Plan from this date (default: today in China Standard Time)
    --program ID     Only this program (repeatable)
    --pack FILE      Also use this rule pack, as for `assess` (repeatable)
    --ics FILE       Also write the calls and renewal dates as an iCalendar file (`-` for
                     standard output, in place of the JSON)
    --lang zh|en     Language of error messages and of the calendar's titles (default: en)
";

const CHECK_HELP: &str = "\
qualify check-pack: validate rule-pack files

USAGE:
    qualify check-pack FILE...

Prints every error of every file, one per line as FILE: PATH: MESSAGE, and exits 1 if there
is any; prints FILE: ok for each valid file.

OPTIONS:
    --lang zh|en     Language of error messages (default: en)
";

const PROGRAMS_HELP: &str = "\
qualify programs: list the bundled programs

USAGE:
    qualify programs

Prints one line per program: id, level, versions with their effective dates, and name.
";

/// Everything that can stop the command line.
#[derive(Debug)]
enum CliError {
    /// Wrong arguments; exit 2.
    Usage(String),
    /// A file that cannot be read.
    Io { path: String, error: io::Error },
    /// An invalid profile.
    Profile { path: String, errors: Errors },
    /// An invalid pack given with --pack.
    Pack { path: String, errors: Errors },
    /// A spreadsheet that cannot be read at all.
    Sheet(Box<qualify_sheet::SheetError>),
    /// A file in UTF-16, which JSON documents are not written in here.
    Utf16 { path: String },
    /// A file that is not UTF-8 text.
    NotUtf8 { path: String, at: usize },
    /// A file longer than the engine reads.
    TooLarge { path: String, bytes: usize },
}

impl CliError {
    fn message(&self, lang: Lang) -> String {
        match self {
            CliError::Usage(m) => format!("{m} (see qualify --help)"),
            CliError::Sheet(e) => e.message(lang),
            CliError::Io { path, error } => match lang {
                Lang::Zh => format!("{path}: 无法读取:{error}"),
                Lang::En => format!("{path}: cannot read: {error}"),
            },
            CliError::Utf16 { path } => match lang {
                Lang::Zh => format!("{path}: 文件为 UTF-16 编码,请另存为 UTF-8"),
                Lang::En => format!("{path}: the file is UTF-16 text; save it as UTF-8"),
            },
            CliError::NotUtf8 { path, at } => match lang {
                Lang::Zh => format!("{path}: 不是 UTF-8 文本(第 {at} 字节)"),
                Lang::En => format!("{path}: not UTF-8 text (at byte {at})"),
            },
            CliError::TooLarge { path, bytes } => {
                let e = Error::TooLarge {
                    bytes: *bytes,
                    max: limits::MAX_DOCUMENT_BYTES,
                };
                format!("{path}: {}", e.message(lang))
            }
            CliError::Profile { path, errors } | CliError::Pack { path, errors } => {
                let more = errors.total() - 1;
                let first = errors.first().message(lang);
                match (more, lang) {
                    (0, _) => format!("{path}: {first}"),
                    (n, Lang::Zh) => format!("{path}: {first}(另有 {n} 处错误)"),
                    (n, Lang::En) => format!("{path}: {first} (and {n} more)"),
                }
            }
        }
    }

    fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

/// Reads a document as the app does: UTF-8, a leading byte-order mark skipped, no more than
/// the engine reads (the rest is not read at all); UTF-16 is named as such.
fn read_input(path: &str) -> Result<String, CliError> {
    let io_err = |error| CliError::Io {
        path: path.to_string(),
        error,
    };
    // Three bytes more for a byte-order mark, and one to tell a file at the limit from a longer one.
    let cap = (limits::MAX_DOCUMENT_BYTES + 4) as u64;
    let mut bytes = Vec::new();
    if path == "-" {
        io::stdin().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    }
    .map_err(io_err)?;
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    if body.starts_with(b"\xff\xfe") || body.starts_with(b"\xfe\xff") {
        return Err(CliError::Utf16 { path: path.into() });
    }
    if body.len() > limits::MAX_DOCUMENT_BYTES {
        let on_disk = std::fs::metadata(path).map(|m| m.len() as usize);
        return Err(CliError::TooLarge {
            path: path.into(),
            bytes: on_disk.unwrap_or(body.len()).max(body.len()),
        });
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => Err(CliError::NotUtf8 {
            path: path.into(),
            at: e.valid_up_to(),
        }),
    }
}

/// Today in China Standard Time (UTC+8), the time zone every program is run in.
fn today_in_china() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = ((secs + 8 * 3600) / 86_400) as i32;
    // 719_163 is the number of days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
    NaiveDate::from_num_days_from_ce_opt(719_163 + days).unwrap_or(NaiveDate::MIN)
}

struct Args {
    lang: Lang,
    help: bool,
    positional: Vec<String>,
    as_of: Option<String>,
    programs: Vec<String>,
    packs: Vec<String>,
    format: Option<String>,
    ics: Option<String>,
}

fn parse_args(raw: Vec<String>) -> Result<Args, CliError> {
    let mut a = Args {
        lang: Lang::En,
        help: false,
        positional: Vec::new(),
        as_of: None,
        programs: Vec::new(),
        packs: Vec::new(),
        format: None,
        ics: None,
    };
    let mut it = raw.into_iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| CliError::Usage(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "-h" | "--help" => a.help = true,
            "--as-of" => a.as_of = Some(value("--as-of")?),
            "--program" => a.programs.push(value("--program")?),
            "--pack" => a.packs.push(value("--pack")?),
            "--format" => a.format = Some(value("--format")?),
            "--ics" => a.ics = Some(value("--ics")?),
            "--lang" => {
                let v = value("--lang")?;
                a.lang = Lang::parse(&v).ok_or_else(|| {
                    CliError::Usage(format!("--lang must be zh or en, not `{v}`"))
                })?;
            }
            f if f.starts_with('-') && f != "-" => {
                return Err(CliError::Usage(format!("unknown option `{f}`")))
            }
            _ => a.positional.push(arg),
        }
    }
    Ok(a)
}

fn load_pack(path: &str) -> Result<Pack, CliError> {
    let text = read_input(path)?;
    Pack::from_json(&text).map_err(|errors| CliError::Pack {
        path: path.to_string(),
        errors,
    })
}

/// The bundled packs with `extra` replacing those of the same id or added after them.
fn packs_with(extra: Vec<Pack>) -> Vec<Pack> {
    let mut packs = bundled::packs();
    for mut p in extra {
        p.origin = Origin::Host;
        replace_by_id(&mut packs, p);
    }
    packs
}

fn assess(a: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let (profile, packs, as_of) = profile_and_packs(a, "assess")?;
    let result = evaluate(&packs, &profile, as_of);
    let json = serde_json::to_string_pretty(&result).expect("results serialize");
    write_out(out, &json)
}

fn plan(a: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let (profile, packs, as_of) = profile_and_packs(a, "plan")?;
    let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
    if let Some(path) = &a.ics {
        let cal = qualify_engine::plan::ics::calendar(&plan, a.lang);
        if path == "-" {
            return out.write_all(cal.as_bytes()).map_err(|error| CliError::Io {
                path: "stdout".into(),
                error,
            });
        }
        std::fs::write(path, cal).map_err(|error| CliError::Io {
            path: path.clone(),
            error,
        })?;
    }
    let json = serde_json::to_string_pretty(&plan).expect("plans serialize");
    write_out(out, &json)
}

fn write_out(out: &mut impl Write, json: &str) -> Result<(), CliError> {
    writeln!(out, "{json}").map_err(|error| CliError::Io {
        path: "stdout".into(),
        error,
    })
}

/// The profile document at `path` (`-` for standard input), checked.
fn read_profile(path: &str) -> Result<Profile, CliError> {
    let text = read_input(path)?;
    Profile::from_json(&text).map_err(|errors| CliError::Profile {
        path: path.to_string(),
        errors,
    })
}

/// The one profile of `assess` and `plan`, checked, with the packs asked for and the day.
fn profile_and_packs(a: &Args, command: &str) -> Result<(Profile, Vec<Pack>, NaiveDate), CliError> {
    let [path] = a.positional.as_slice() else {
        return Err(CliError::Usage(format!(
            "{command} takes exactly one PROFILE.json"
        )));
    };
    let as_of = parse_as_of(a)?;
    let mut packs = packs_asked(a)?;
    let profile = read_profile(path)?;
    let score_errors = qualify_engine::reads::self_score_errors(&profile, &packs);
    if !score_errors.is_empty() {
        return Err(CliError::Profile {
            path: path.clone(),
            errors: Errors(score_errors),
        });
    }
    if !a.programs.is_empty() {
        packs.retain(|p| a.programs.contains(&p.id));
    }
    Ok((profile, packs, as_of))
}

/// The `--as-of` date, or today in China.
fn parse_as_of(a: &Args) -> Result<NaiveDate, CliError> {
    match &a.as_of {
        Some(s) => parse_date(s).ok_or_else(|| {
            CliError::Usage(format!(
                "--as-of: `{s}` is not a real date in YYYY-MM-DD form"
            ))
        }),
        None => Ok(today_in_china()),
    }
}

/// The bundled packs with the `--pack` files in their place, every `--program` among them.
fn packs_asked(a: &Args) -> Result<Vec<Pack>, CliError> {
    let extra = a
        .packs
        .iter()
        .map(|p| load_pack(p))
        .collect::<Result<Vec<_>, _>>()?;
    let packs = packs_with(extra);
    if let Some(id) = a
        .programs
        .iter()
        .find(|id| !packs.iter().any(|p| &p.id == *id))
    {
        let known: Vec<&str> = packs.iter().map(|p| p.id.as_str()).collect();
        return Err(CliError::Usage(format!(
            "--program: unknown program `{id}`; known: {}",
            known.join(", ")
        )));
    }
    Ok(packs)
}

fn check_pack(a: &Args, out: &mut impl Write) -> Result<bool, CliError> {
    if a.positional.is_empty() {
        return Err(CliError::Usage("check-pack needs at least one FILE".into()));
    }
    let mut all_ok = true;
    let mut lines = Vec::new();
    for path in &a.positional {
        match read_input(path).map(|t| Pack::from_json(&t)) {
            Ok(Ok(p)) => lines.push(format!(
                "{path}: ok ({}, {} versions)",
                p.id,
                p.versions.len()
            )),
            Ok(Err(errors)) => {
                all_ok = false;
                lines.extend(
                    errors
                        .0
                        .iter()
                        .map(|e| format!("{path}: {}", e.message(a.lang))),
                );
            }
            Err(e) => {
                all_ok = false;
                lines.push(e.message(a.lang));
            }
        }
    }
    for l in lines {
        writeln!(out, "{l}").map_err(|error| CliError::Io {
            path: "stdout".into(),
            error,
        })?;
    }
    Ok(all_ok)
}

fn programs(out: &mut impl Write) -> io::Result<()> {
    for p in bundled::packs() {
        let versions: Vec<String> = p
            .versions
            .iter()
            .map(|v| match v.effective_until {
                Some(u) => format!("{} ({} to {u})", v.id, v.effective_from),
                None => format!("{} (from {})", v.id, v.effective_from),
            })
            .collect();
        writeln!(
            out,
            "{:<18} {:<10} {}  {} / {}",
            p.id,
            p.level.label().en.to_lowercase(),
            versions.join(", "),
            p.name.zh,
            p.name.en
        )?;
    }
    Ok(())
}

fn run(raw: Vec<String>) -> Result<ExitCode, (CliError, Lang)> {
    let (command, rest) = match raw.split_first() {
        Some((c, rest)) => (c.clone(), rest.to_vec()),
        None => (String::from("--help"), Vec::new()),
    };
    let args = parse_args(rest).map_err(|e| (e, Lang::En))?;
    let lang = args.lang;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let print = |out: &mut io::StdoutLock, text: &str| {
        let _ = out.write_all(text.as_bytes());
        Ok(ExitCode::SUCCESS)
    };
    match command.as_str() {
        "-h" | "--help" | "help" => print(&mut out, HELP),
        "assess" if args.help => print(&mut out, ASSESS_HELP),
        "plan" if args.help => print(&mut out, PLAN_HELP),
        "check-pack" if args.help => print(&mut out, CHECK_HELP),
        "programs" if args.help => print(&mut out, PROGRAMS_HELP),
        "screen" if args.help => print(&mut out, screen::SCREEN_HELP),
        "template" if args.help => print(&mut out, screen::TEMPLATE_HELP),
        "screen" => screen::screen(&args, &mut out)
            .map(|_| ExitCode::SUCCESS)
            .map_err(|e| (e, lang)),
        "template" => screen::template(&args, &mut out)
            .map(|_| ExitCode::SUCCESS)
            .map_err(|e| (e, lang)),
        "assess" => assess(&args, &mut out)
            .map(|_| ExitCode::SUCCESS)
            .map_err(|e| (e, lang)),
        "plan" => plan(&args, &mut out)
            .map(|_| ExitCode::SUCCESS)
            .map_err(|e| (e, lang)),
        "check-pack" => match check_pack(&args, &mut out) {
            Ok(true) => Ok(ExitCode::SUCCESS),
            Ok(false) => Ok(ExitCode::from(1)),
            Err(e) => Err((e, lang)),
        },
        "programs" => programs(&mut out)
            .map(|_| ExitCode::SUCCESS)
            .map_err(|error| {
                (
                    CliError::Io {
                        path: "stdout".into(),
                        error,
                    },
                    lang,
                )
            }),
        other => Err((
            CliError::Usage(format!("unknown command `{other}`")),
            Lang::En,
        )),
    }
}

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err((e, lang)) => {
            eprintln!("qualify: {}", e.message(lang));
            ExitCode::from(e.exit_code())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_plausible_date() {
        let t = today_in_china();
        assert!(t > NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
    }

    #[test]
    fn arguments_parse_in_both_forms() {
        let a = parse_args(
            [
                "p.json",
                "--as-of=2025-01-01",
                "--program",
                "cn-hnte",
                "--lang",
                "zh",
            ]
            .map(String::from)
            .to_vec(),
        )
        .unwrap();
        assert_eq!(a.positional, ["p.json"]);
        assert_eq!(a.as_of.as_deref(), Some("2025-01-01"));
        assert_eq!(a.programs, ["cn-hnte"]);
        assert_eq!(a.lang, Lang::Zh);
        assert!(parse_args(vec!["--as-of".into()]).is_err());
        assert!(parse_args(vec!["--bogus".into()]).is_err());
    }
}
