//! One screening run: the file as it came (kept to give an enterprise's profile back), every
//! result row, the problems of the rows skipped, the summary, and how the table is viewed.

use chrono::NaiveDate;
use qualify_engine::{bundled, json_text, Outcome, Pack, Screening};
use qualify_sheet::{Format, ResultRow, ResultWriter, SheetError, Summary};

/// How the table of results is shown: which outcome, which failing criterion (`program/id`),
/// and in what order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    pub outcome: Option<Outcome>,
    pub criterion: Option<(String, String)>,
    /// Closest to eligible first, rather than in the file's order.
    pub by_closeness: bool,
}

impl View {
    /// Sets one of the view's choices by the name the page's control has (`data-screen`); an
    /// empty value shows every row again. `false` for a name the view does not have.
    pub fn set(&mut self, control: &str, value: &str) -> bool {
        match control {
            "outcome" => self.outcome = Outcome::from_slug(value),
            "criterion" => {
                self.criterion = value
                    .split_once('/')
                    .map(|(p, c)| (p.to_string(), c.to_string()))
            }
            "sort" => self.by_closeness = value == "closeness",
            _ => return false,
        }
        true
    }

    fn shows(&self, r: &ResultRow) -> bool {
        self.outcome.is_none_or(|o| r.outcome == o)
            && self
                .criterion
                .as_ref()
                .is_none_or(|(p, c)| r.program == *p && r.not_met.iter().any(|(id, _)| id == c))
    }
}

pub struct Session {
    pub name: String,
    bytes: Vec<u8>,
    pub packs: Vec<Pack>,
    pub results: Vec<ResultRow>,
    pub problems: Vec<SheetError>,
    pub summary: Summary,
    pub view: View,
}

/// How many rows are screened between two progress reports.
pub const PROGRESS_EVERY: usize = 500;

impl Session {
    /// Reads and screens a file for `as_of` against every bundled program, as `qualify screen`
    /// does, calling `progress(done, total)` every [`PROGRESS_EVERY`] rows (`total` is an
    /// estimate for text files: their lines). A file that cannot be read at all is the error;
    /// a bad row is kept among the problems and skipped.
    pub fn screen(
        name: &str,
        bytes: Vec<u8>,
        as_of: NaiveDate,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Session, SheetError> {
        let packs = bundled::packs();
        let lines = bytes.iter().filter(|b| **b == b'\n').count();
        let opened = qualify_sheet::open_bytes(name, bytes.clone())?;
        let total = opened.rows.size_hint().1.unwrap_or(lines);
        let (mut results, mut problems, mut summary) =
            (Vec::new(), opened.warnings, Summary::default());
        // One assessment's room reused row after row, as `qualify screen`'s workers do.
        let mut screening = Screening::default();
        for (i, row) in opened.rows.enumerate() {
            if i % PROGRESS_EVERY == 0 {
                progress(i, total.max(i));
            }
            let screened = qualify_sheet::screen_row_in(
                &mut screening,
                &opened.layout,
                row,
                &packs,
                as_of,
                &mut summary,
                &mut problems,
            );
            results.extend(screened.into_iter().flatten());
        }
        Ok(Session {
            name: name.to_string(),
            bytes,
            packs,
            results,
            problems,
            summary,
            view: View::default(),
        })
    }

    /// The rows the view shows, in its order.
    pub fn shown(&self) -> Vec<&ResultRow> {
        let mut rows: Vec<&ResultRow> =
            self.results.iter().filter(|r| self.view.shows(r)).collect();
        if self.view.by_closeness {
            // Stable: equally close rows stay in the file's order.
            rows.sort_by(|a, b| b.closeness.total_cmp(&a.closeness));
        }
        rows
    }

    /// The criteria that fail somewhere, per program in the packs' order, each once.
    pub fn failing(&self) -> Vec<(&str, &str)> {
        let mut out: Vec<(&str, &str)> = Vec::new();
        for r in &self.results {
            for (id, _) in &r.not_met {
                if !out.iter().any(|(p, c)| *p == r.program && c == id) {
                    out.push((&r.program, id));
                }
            }
        }
        let at = |p: &str| self.packs.iter().position(|k| k.id == p);
        out.sort_by_key(|(p, _)| at(p));
        out
    }

    /// The rows the view shows, written as `format` is (with the problems and the summary,
    /// as `qualify screen` writes them).
    pub fn download(&self, format: Format, lang: qualify_engine::Lang) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing to memory fails only for an XLSX sheet past its last row.
        let _ = ResultWriter::new(format, &mut out, lang).and_then(|mut w| {
            for r in self.shown() {
                w.row(r)?;
            }
            for e in &self.problems {
                w.problem(e);
            }
            w.finish(&self.summary)
        });
        out
    }

    /// The profile of the enterprise on row `number` of the file, as the app's JSON document
    /// (compact: it travels in a share link).
    pub fn profile(&self, number: usize) -> Option<String> {
        let opened = qualify_sheet::open_bytes(&self.name, self.bytes.clone()).ok()?;
        let row = opened
            .rows
            .filter_map(Result::ok)
            .find(|r| r.number == number)?;
        let p = opened.layout.profile(&row).ok()??;
        Some(json_text::to_text(
            &p.to_value(),
            json_text::Layout::Compact,
        ))
    }
}
