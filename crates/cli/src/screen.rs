//! `qualify screen`: many enterprises from a filled template, one result row per enterprise and
//! program, streaming: one thread reads rows in batches, every core makes them into profiles
//! and assesses them, and the results are written in the input's order as they arrive, so
//! memory holds only the batches in flight however long the file is.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qualify_engine::{Lang, Pack, Screening};
use qualify_sheet::{Format, Layout, ResultRow, ResultWriter, Row, SheetError, Summary};

use crate::{packs_asked, parse_as_of, Args, CliError};

pub const SCREEN_HELP: &str = "\
qualify screen: assess every enterprise of a filled template

USAGE:
    qualify screen FILE.{xlsx,csv,ndjson} [--as-of YYYY-MM-DD] [--program ID]...
                   [--pack FILE]... [--format csv|ndjson|xlsx] [--lang zh|en]

FILE is a template filled in (see `qualify template`), or one profile in the
qualify.profile/1 format per line (.ndjson). Prints one result row per enterprise and
program (docs/screening.md): row, name, program, outcome, closeness, the criteria not met
with their gaps, and the inputs missing. A row with a problem is reported on standard error,
naming its sheet, row and column, and skipped. A progress line and, at the end, a summary
per program (eligible, not eligible, incomplete, the inputs most often missing) go to
standard error; NDJSON output also ends with the summary, XLSX output has it on a sheet.

OPTIONS:
    --as-of DATE     Assess on this date (default: today in China Standard Time)
    --program ID     Only this program (repeatable)
    --pack FILE      Also use this rule pack (repeatable)
    --format F       csv (default), ndjson or xlsx
    --lang zh|en     Language of messages and of the summary (default: en)
";

pub const TEMPLATE_HELP: &str = "\
qualify template: write the template, empty or filled with profiles

USAGE:
    qualify template [PROFILE.json]... [--format xlsx|csv] [--as-of YYYY-MM-DD]

Writes the template to standard output: one column per field of the profile, the fiscal
years being the three before the as-of date's year (default: today) and any other year the
profiles given have figures for, keys in the first row and names in both languages in the
second; the XLSX file has a notes sheet with each column's unit and words. Each PROFILE.json
given (the app's exported document, `-` for standard input) is a filled row, in order, so
`qualify screen` and the screening page read them back as they were.
";

/// Rows per batch: large enough that handing batches between threads costs little, small
/// enough that the batches in flight stay a few megabytes.
const BATCH: usize = 512;

struct Batch {
    seq: u64,
    rows: Vec<Result<Row, SheetError>>,
}

/// What a batch became: its results, encoded where the format allows so that the writing
/// thread only copies bytes, its problems and its counts.
struct Done {
    seq: u64,
    rows_read: u64,
    bytes: Vec<u8>,
    /// The results themselves, for XLSX.
    results: Vec<ResultRow>,
    problems: Vec<SheetError>,
    summary: Summary,
}

fn output_format(a: &Args, default: Format) -> Result<Format, CliError> {
    match &a.format {
        None => Ok(default),
        Some(f) => Format::from_slug(f).ok_or_else(|| {
            CliError::Usage(format!("--format must be csv, ndjson or xlsx, not `{f}`"))
        }),
    }
}

fn sheet_error(e: SheetError) -> CliError {
    CliError::Sheet(Box::new(e))
}

pub fn template(a: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let as_of = parse_as_of(a)?;
    let format = output_format(a, Format::Xlsx)?;
    let profiles = (a.positional.iter())
        .map(|p| crate::read_profile(p))
        .collect::<Result<Vec<_>, _>>()?;
    // The three years before the as-of date's, and any other year a profile has figures for.
    let mut years = qualify_sheet::template_years(chrono::Datelike::year(&as_of));
    for year in profiles.iter().flat_map(|p| p.years.keys()) {
        if !years.contains(year) {
            years.push(*year);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    let cols = qualify_sheet::columns(&years);
    let bytes = match format {
        Format::Csv => qualify_sheet::template_csv(&cols, &profiles),
        Format::Xlsx => qualify_sheet::template_xlsx(&cols, &profiles).map_err(sheet_error)?,
        Format::Ndjson => {
            return Err(CliError::Usage(
                "the template is xlsx or csv; an NDJSON file is one profile per line".into(),
            ))
        }
    };
    out.write_all(&bytes).map_err(stdout_error)
}

fn stdout_error(error: io::Error) -> CliError {
    CliError::Io {
        path: "stdout".into(),
        error,
    }
}

pub fn screen(a: &Args, out: &mut impl Write) -> Result<(), CliError> {
    let [path] = a.positional.as_slice() else {
        return Err(CliError::Usage("screen takes exactly one FILE".into()));
    };
    let as_of = parse_as_of(a)?;
    let format = output_format(a, Format::Csv)?;
    let mut packs = packs_asked(a)?;
    if !a.programs.is_empty() {
        packs.retain(|p| a.programs.contains(&p.id));
    }
    let opened = qualify_sheet::open(Path::new(path)).map_err(sheet_error)?;
    let lang = a.lang;
    let stderr = io::stderr();
    for w in &opened.warnings {
        let _ = writeln!(stderr.lock(), "{}", w.message(lang));
    }
    let mut writer = ResultWriter::new(format, out, lang).map_err(stdout_error)?;
    let summary = run(
        &opened.layout,
        opened.rows,
        &packs,
        as_of,
        &mut writer,
        lang,
    )?;
    writer.finish(&summary).map_err(stdout_error)?;
    let mut err = stderr.lock();
    for line in summary.lines(lang) {
        let _ = writeln!(err, "{line}");
    }
    Ok(())
}

/// Reads, assesses and writes every row; returns the summary.
fn run<W: Write>(
    layout: &Layout,
    rows: Box<dyn Iterator<Item = Result<Row, SheetError>> + Send>,
    packs: &[Pack],
    as_of: NaiveDate,
    writer: &mut ResultWriter<W>,
    lang: Lang,
) -> Result<Summary, CliError> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (batch_tx, batch_rx) = mpsc::sync_channel::<Batch>(workers * 2);
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers * 2);
    let batch_rx = Arc::new(Mutex::new(batch_rx));
    let format = writer.format();
    std::thread::scope(|s| {
        s.spawn(move || read_batches(rows, batch_tx));
        for _ in 0..workers {
            let (rx, tx) = (Arc::clone(&batch_rx), done_tx.clone());
            s.spawn(move || assess_batches(layout, packs, as_of, format, &rx, &tx));
        }
        drop(done_tx);
        write_in_order(done_rx, writer, lang)
    })
}

fn read_batches(
    rows: Box<dyn Iterator<Item = Result<Row, SheetError>> + Send>,
    tx: SyncSender<Batch>,
) {
    let mut seq = 0;
    let mut batch = Vec::with_capacity(BATCH);
    for row in rows {
        batch.push(row);
        if batch.len() == BATCH {
            let rows = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if tx.send(Batch { seq, rows }).is_err() {
                return;
            }
            seq += 1;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Batch { seq, rows: batch });
    }
}

fn assess_batches(
    layout: &Layout,
    packs: &[Pack],
    as_of: NaiveDate,
    format: Format,
    rx: &Mutex<Receiver<Batch>>,
    tx: &SyncSender<Done>,
) {
    let mut screening = Screening::default();
    loop {
        // The lock is held only to take the next batch.
        let next = rx.lock().map(|r| r.recv());
        let Ok(Ok(batch)) = next else {
            return;
        };
        let mut done = Done {
            seq: batch.seq,
            rows_read: batch.rows.len() as u64,
            bytes: Vec::new(),
            results: Vec::new(),
            problems: Vec::new(),
            summary: Summary::default(),
        };
        for row in batch.rows {
            let screened = qualify_sheet::screen_row_in(
                &mut screening,
                layout,
                row,
                packs,
                as_of,
                &mut done.summary,
                &mut done.problems,
            );
            if let Some(results) = screened {
                match format {
                    Format::Xlsx => done.results.extend(results),
                    _ => qualify_sheet::encode(format, &results, &mut done.bytes),
                }
            }
        }
        if tx.send(done).is_err() {
            return;
        }
    }
}

fn write_in_order<W: Write>(
    rx: Receiver<Done>,
    writer: &mut ResultWriter<W>,
    lang: Lang,
) -> Result<Summary, CliError> {
    let mut summary = Summary::default();
    let mut waiting: HashMap<u64, Done> = HashMap::new();
    let mut next = 0;
    let progress = Progress::new(lang);
    let mut rows_read = 0u64;
    let mut failed = None;
    'all: for done in rx {
        waiting.insert(done.seq, done);
        while let Some(done) = waiting.remove(&next) {
            next += 1;
            rows_read += done.rows_read;
            if !done.problems.is_empty() {
                let mut err = io::stderr().lock();
                for e in &done.problems {
                    let _ = writeln!(err, "{}", e.message(lang));
                    writer.problem(e);
                }
            }
            let written = writer
                .encoded(&done.bytes)
                .and_then(|_| done.results.iter().try_for_each(|r| writer.row(r)));
            if let Err(e) = written {
                // Dropping the receiver stops the workers and the reader.
                failed = Some(e);
                break 'all;
            }
            summary.merge(done.summary);
            progress.tick(rows_read);
        }
    }
    progress.end(rows_read);
    match failed {
        Some(error) => Err(stdout_error(error)),
        None => Ok(summary),
    }
}

/// The progress line on standard error, redrawn at most twice a second.
struct Progress {
    start: Instant,
    last: std::cell::Cell<Instant>,
    lang: Lang,
}

impl Progress {
    fn new(lang: Lang) -> Progress {
        let now = Instant::now();
        Progress {
            start: now,
            last: std::cell::Cell::new(now),
            lang,
        }
    }

    fn line(&self, rows: u64) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let rate = (rows as f64 / secs).round() as u64;
        match self.lang {
            Lang::Zh => format!("已处理 {rows} 行(每秒 {rate} 行)"),
            Lang::En => format!("{rows} rows screened ({rate} rows/s)"),
        }
    }

    fn tick(&self, rows: u64) {
        if self.last.get().elapsed() >= Duration::from_millis(500) {
            self.last.set(Instant::now());
            let _ = write!(io::stderr().lock(), "\r{}", self.line(rows));
        }
    }

    fn end(&self, rows: u64) {
        let _ = writeln!(io::stderr().lock(), "\r{}", self.line(rows));
    }
}
