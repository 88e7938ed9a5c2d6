//! Screening: the results of one enterprise as rows, one per program, and the summary of many
//! (per program how many are eligible, not eligible or incomplete, and the inputs most often
//! missing: whom to ask for what).

use std::collections::HashMap;

use chrono::NaiveDate;
use qualify_engine::{Assessment, InputRef, Lang, Outcome, Pack, Screening, Status, Text};

use crate::{Layout, Row, SheetError};

/// One row of a filled template screened against `packs` on `as_of`, as `qualify screen` and the
/// screening page both do: its results, counted in `summary`; nothing for an empty row; a bad
/// row counted as skipped, with its problems added to `problems`. The engine works out only what
/// screening reads (`Mode::Screen`: no goal-seek answers).
pub fn screen_row(
    layout: &Layout,
    row: Result<Row, SheetError>,
    packs: &[Pack],
    as_of: NaiveDate,
    summary: &mut Summary,
    problems: &mut Vec<SheetError>,
) -> Option<Vec<ResultRow>> {
    let mut screening = Screening::default();
    screen_row_in(&mut screening, layout, row, packs, as_of, summary, problems)
}

/// [`screen_row`] in `screening`: given the same one row after row, the engine reuses the room
/// the previous rows' results took.
pub fn screen_row_in<'p>(
    screening: &mut Screening<'p>,
    layout: &Layout,
    row: Result<Row, SheetError>,
    packs: &'p [Pack],
    as_of: NaiveDate,
    summary: &mut Summary,
    problems: &mut Vec<SheetError>,
) -> Option<Vec<ResultRow>> {
    let profile = row.map_err(|e| vec![e]).and_then(|row| {
        let p = layout.profile(&row)?;
        Ok(p.map(|p| (row.number, p)))
    });
    match profile {
        Ok(None) => None,
        Ok(Some((number, p))) => {
            let a = screening.screen(packs, &p, as_of);
            let results = ResultRow::of(number, p.name.as_deref().unwrap_or(""), a);
            summary.add(&results);
            Some(results)
        }
        Err(errors) => {
            summary.bad_rows += 1;
            problems.extend(errors);
            None
        }
    }
}

/// The result of one program for one enterprise, in the words of docs/screening.md.
#[derive(Clone, Debug, PartialEq)]
pub struct ResultRow {
    /// The enterprise's row in the file read.
    pub row: usize,
    pub name: String,
    pub program: String,
    pub outcome: Outcome,
    /// How close the enterprise is, 0 to 1 (the engine's closeness).
    pub closeness: f64,
    /// The criteria not met, each with its gap (threshold minus actual) where it has one.
    pub not_met: Vec<(String, Option<String>)>,
    /// The inputs still needed, as the profile's field paths.
    pub missing: Vec<String>,
}

/// The columns of a result row, in the order every format writes them.
pub const RESULT_COLUMNS: &[&str] = &[
    "row",
    "name",
    "program",
    "outcome",
    "closeness",
    "not_met",
    "missing",
];

impl ResultRow {
    /// One row per program assessed.
    pub fn of(row: usize, name: &str, a: &Assessment) -> Vec<ResultRow> {
        a.programs
            .iter()
            .map(|p| ResultRow {
                row,
                name: name.to_string(),
                program: p.id.to_string(),
                outcome: p.outcome,
                closeness: p.closeness,
                not_met: p
                    .criteria
                    .iter()
                    .filter(|c| c.check.status == Status::NotMet)
                    .map(|c| {
                        (
                            c.id.to_string(),
                            c.check.gap.map(|g| g.to_decimal_string(6)),
                        )
                    })
                    .collect(),
                missing: p.needs.iter().map(path).collect(),
            })
            .collect()
    }

    /// `N1:0.01; N3`: each criterion not met with its gap.
    pub fn not_met_text(&self) -> String {
        let mut s = String::new();
        self.push_not_met(&mut s);
        s
    }

    pub(crate) fn push_not_met(&self, s: &mut String) {
        for (i, (id, gap)) in self.not_met.iter().enumerate() {
            if i > 0 {
                s.push_str("; ");
            }
            s.push_str(id);
            if let Some(g) = gap {
                s.push(':');
                s.push_str(g);
            }
        }
    }

    pub fn missing_text(&self) -> String {
        self.missing.join("; ")
    }

    /// Closeness with three decimals, the same in every format.
    pub fn closeness_text(&self) -> String {
        let mut s = String::new();
        push_three_decimals(self.closeness, &mut s);
        s
    }

    /// The row's cells as text, in [`RESULT_COLUMNS`] order.
    pub fn cells(&self) -> [String; 7] {
        [
            self.row.to_string(),
            self.name.clone(),
            self.program.clone(),
            self.outcome.slug().to_string(),
            self.closeness_text(),
            self.not_met_text(),
            self.missing_text(),
        ]
    }

    /// The row as one JSON object (the NDJSON format), lists kept as lists.
    pub fn to_json(&self) -> serde_json::Value {
        let not_met: Vec<serde_json::Value> = self
            .not_met
            .iter()
            .map(|(id, gap)| serde_json::json!({"id": id, "gap": gap}))
            .collect();
        serde_json::json!({
            "row": self.row,
            "name": self.name,
            "program": self.program,
            "outcome": self.outcome.slug(),
            "closeness": self.closeness_text().parse::<f64>().unwrap_or(0.0),
            "not_met": not_met,
            "missing": self.missing,
        })
    }
}

/// `format!("{x:.3}")`, worked out from the exact binary value for 0 to 1, where core's exact
/// float formatting took a fifth of writing a result: the value times 1000, rounded half to
/// even as core does.
pub(crate) fn push_three_decimals(x: f64, s: &mut String) {
    use std::fmt::Write;
    if !(x.is_sign_positive() && x <= 1.0) {
        let _ = write!(s, "{x:.3}");
        return;
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as u32;
    let frac = bits & ((1 << 52) - 1);
    // x = m / 2^shift, where shift is at least 52 for x <= 1.
    let (m, shift) = match exp {
        0 => (frac, 1074),
        _ => (frac | (1 << 52), 1075 - exp),
    };
    let n = u128::from(m) * 1000;
    let thousandths = if shift >= 127 {
        // Below 2^-64: far from half a thousandth.
        0
    } else {
        let (q, r, half) = (n >> shift, n & ((1 << shift) - 1), 1u128 << (shift - 1));
        q + u128::from(r > half || (r == half && q % 2 == 1))
    };
    let _ = write!(s, "{}.{:03}", thousandths / 1000, thousandths % 1000);
}

/// An input's path, in one allocation, where `to_string` grows the text piece by piece.
fn path(n: &InputRef) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(40);
    let _ = write!(s, "{n}");
    s
}

/// Counts for one program.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProgramCounts {
    pub program: String,
    pub eligible: u64,
    pub not_eligible: u64,
    pub incomplete: u64,
    /// How many enterprises each input is missing for, in the order first seen.
    missing: Vec<(String, u64)>,
    missing_index: HashMap<String, usize>,
}

impl ProgramCounts {
    /// The inputs missing most often, most first (ties in the order first seen), at most `n`.
    pub fn most_missing(&self, n: usize) -> Vec<(&str, u64)> {
        let mut v: Vec<(usize, &str, u64)> = self
            .missing
            .iter()
            .enumerate()
            .map(|(i, (k, c))| (i, k.as_str(), *c))
            .collect();
        v.sort_by_key(|(i, _, c)| (std::cmp::Reverse(*c), *i));
        v.into_iter().take(n).map(|(_, k, c)| (k, c)).collect()
    }
}

/// The summary of a screening run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Enterprises assessed.
    pub enterprises: u64,
    /// Rows skipped for their problems.
    pub bad_rows: u64,
    pub programs: Vec<ProgramCounts>,
}

/// How many missing inputs the summary names per program.
pub const SUMMARY_MISSING: usize = 5;

impl Summary {
    /// Counts one enterprise's rows.
    pub fn add(&mut self, rows: &[ResultRow]) {
        self.enterprises += 1;
        for r in rows {
            let i = match self.programs.iter().position(|p| p.program == r.program) {
                Some(i) => i,
                None => {
                    self.programs.push(ProgramCounts {
                        program: r.program.clone(),
                        ..ProgramCounts::default()
                    });
                    self.programs.len() - 1
                }
            };
            let p = &mut self.programs[i];
            match r.outcome {
                Outcome::Eligible => p.eligible += 1,
                Outcome::NotEligible => p.not_eligible += 1,
                Outcome::Incomplete => p.incomplete += 1,
            }
            for m in &r.missing {
                match p.missing_index.get(m) {
                    Some(&j) => p.missing[j].1 += 1,
                    None => {
                        p.missing_index.insert(m.clone(), p.missing.len());
                        p.missing.push((m.clone(), 1));
                    }
                }
            }
        }
    }

    /// Adds the counts of another summary, of rows that follow this one's.
    pub fn merge(&mut self, other: Summary) {
        self.enterprises += other.enterprises;
        self.bad_rows += other.bad_rows;
        for o in other.programs {
            let Some(p) = self.programs.iter_mut().find(|p| p.program == o.program) else {
                self.programs.push(o);
                continue;
            };
            p.eligible += o.eligible;
            p.not_eligible += o.not_eligible;
            p.incomplete += o.incomplete;
            for (k, c) in o.missing {
                match p.missing_index.get(&k) {
                    Some(&j) => p.missing[j].1 += c,
                    None => {
                        p.missing_index.insert(k.clone(), p.missing.len());
                        p.missing.push((k, c));
                    }
                }
            }
        }
    }

    /// The summary as text lines, in `lang`.
    pub fn lines(&self, lang: Lang) -> Vec<String> {
        let head = Text::new(
            format!(
                "共评估 {} 家企业,跳过有问题的行 {} 行",
                self.enterprises, self.bad_rows
            ),
            format!(
                "{} enterprises assessed, {} rows with problems skipped",
                self.enterprises, self.bad_rows
            ),
        );
        let mut out = vec![head.get(lang).to_string()];
        for p in &self.programs {
            let missing: Vec<String> = p
                .most_missing(SUMMARY_MISSING)
                .iter()
                .map(|(k, c)| format!("{k} ({c})"))
                .collect();
            let t = Text::new(
                format!(
                    "{}:符合 {},不符合 {},信息不完整 {};最常缺少:{}",
                    p.program,
                    p.eligible,
                    p.not_eligible,
                    p.incomplete,
                    if missing.is_empty() {
                        "无".into()
                    } else {
                        missing.join("、")
                    }
                ),
                format!(
                    "{}: eligible {}, not eligible {}, incomplete {}; most often missing: {}",
                    p.program,
                    p.eligible,
                    p.not_eligible,
                    p.incomplete,
                    if missing.is_empty() {
                        "none".into()
                    } else {
                        missing.join(", ")
                    }
                ),
            );
            out.push(t.get(lang).to_string());
        }
        out
    }

    /// The summary as JSON, for the NDJSON format's last line.
    pub fn to_json(&self) -> serde_json::Value {
        let programs: Vec<serde_json::Value> = self
            .programs
            .iter()
            .map(|p| {
                let missing: Vec<serde_json::Value> = p
                    .most_missing(SUMMARY_MISSING)
                    .iter()
                    .map(|(k, c)| serde_json::json!({"input": k, "count": c}))
                    .collect();
                serde_json::json!({
                    "program": p.program, "eligible": p.eligible,
                    "not_eligible": p.not_eligible, "incomplete": p.incomplete,
                    "most_missing": missing,
                })
            })
            .collect();
        serde_json::json!({"summary": {
            "enterprises": self.enterprises, "bad_rows": self.bad_rows, "programs": programs,
        }})
    }
}

#[cfg(test)]
mod tests {
    use super::push_three_decimals;

    /// Core's `{:.3}`, on ties (multiples of 1/2048 and 1/16000), both ends, the smallest
    /// numbers and a spread of others.
    #[test]
    fn three_decimals_are_cores() {
        let mut xs: Vec<f64> = (0..=2048).map(|k| f64::from(k) / 2048.0).collect();
        xs.extend((0..=16_000).map(|k| f64::from(k) / 16_000.0));
        xs.extend([
            0.0,
            -0.0,
            1.0,
            f64::MIN_POSITIVE,
            5e-324,
            0.0005,
            0.9995,
            1.5,
            -0.25,
        ]);
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            xs.push((seed >> 11) as f64 / (1u64 << 53) as f64);
        }
        for x in xs {
            let mut s = String::new();
            push_three_decimals(x, &mut s);
            assert_eq!(s, format!("{x:.3}"), "{x:e}");
        }
    }
}
