//! Writing the template (empty, or filled with profiles: the app's export) and screening results,
//! as CSV, XLSX or NDJSON.

use std::io::{self, Write};

use qualify_engine::{Lang, Profile, Text};
use rust_xlsxwriter::{Format as CellFormat, Workbook, Worksheet, XlsxError};

use crate::cell;
use crate::column::Column;
use crate::error::SheetError;
use crate::read::{label_cell, Format};
use crate::screen::{ResultRow, Summary, RESULT_COLUMNS};

/// The name of the template's sheet of enterprises, and of its notes.
pub const ENTERPRISES_SHEET: &str = "企业 Enterprises";
pub const NOTES_SHEET: &str = "说明 Notes";
const RESULTS_SHEET: &str = "结果 Results";
const PROBLEMS_SHEET: &str = "问题 Problems";
const SUMMARY_SHEET: &str = "汇总 Summary";

/// Spreadsheets open a CSV file as UTF-8 only when it starts with the byte-order mark.
const BOM: &str = "\u{feff}";

/// The most rows a sheet of an XLSX file holds.
pub const XLSX_MAX_ROWS: usize = 1_048_576;

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// The template as CSV: the keys, the labels, then one row per profile.
pub fn template_csv(columns: &[Column], profiles: &[Profile]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(BOM.as_bytes().to_vec());
    let keys: Vec<String> = columns.iter().map(|c| c.key()).collect();
    let labels: Vec<String> = columns.iter().map(|c| label_cell(*c)).collect();
    // Writing to memory cannot fail.
    let _ = w.write_record(&keys);
    let _ = w.write_record(&labels);
    for p in profiles {
        let _ = w.write_record(columns.iter().map(|c| cell::write(p, *c)));
    }
    w.into_inner().unwrap_or_default()
}

/// The template as XLSX: the enterprises' sheet (keys, labels, one row per profile, every cell
/// text so that spreadsheets keep `1.5亿` and dates as typed) and the notes sheet explaining
/// each column's unit and words.
pub fn template_xlsx(columns: &[Column], profiles: &[Profile]) -> Result<Vec<u8>, SheetError> {
    build_template(columns, profiles).map_err(|e| {
        SheetError::file(
            ENTERPRISES_SHEET,
            Text::new(
                format!("无法生成模板:{e}"),
                format!("cannot write the template: {e}"),
            ),
        )
    })
}

fn build_template(columns: &[Column], profiles: &[Profile]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let head = CellFormat::new().set_bold();
    let text = CellFormat::new().set_num_format("@");
    let sheet = book.add_worksheet();
    sheet.set_name(ENTERPRISES_SHEET)?;
    for (i, c) in columns.iter().enumerate() {
        let col = i as u16;
        sheet.write_string_with_format(0, col, c.key(), &head)?;
        sheet.write_string_with_format(1, col, label_cell(*c), &head)?;
        sheet.set_column_format(col, &text)?;
        sheet.set_column_width(col, 16)?;
        for (r, p) in profiles.iter().enumerate() {
            let v = cell::write(p, *c);
            if !v.is_empty() {
                sheet.write_string(r as u32 + 2, col, v)?;
            }
        }
    }
    sheet.set_freeze_panes(2, 1)?;
    let notes = book.add_worksheet();
    notes.set_name(NOTES_SHEET)?;
    for (i, h) in ["列 Column", "名称", "Name", "填写说明", "How to fill"]
        .iter()
        .enumerate()
    {
        notes.write_string_with_format(0, i as u16, *h, &head)?;
    }
    for (r, c) in columns.iter().enumerate() {
        let (l, e) = (c.label(), c.explain());
        let row = r as u32 + 1;
        for (i, v) in [c.key(), l.zh, l.en, e.zh, e.en].into_iter().enumerate() {
            notes.write_string(row, i as u16, v)?;
        }
    }
    notes.set_column_width(0, 28)?;
    notes.set_column_width(3, 60)?;
    notes.set_column_width(4, 60)?;
    book.save_to_buffer()
}

/// Results as the text of a CSV or NDJSON file, without the CSV header: what a thread that
/// assessed a batch of rows hands to the one that writes. Nothing for XLSX, whose rows go to
/// [`ResultWriter::row`].
pub fn encode(format: Format, rows: &[ResultRow], out: &mut Vec<u8>) {
    match format {
        Format::Csv => {
            // A row's results are a few kilobytes: the default buffer would be zeroed for each.
            let mut w = csv::WriterBuilder::new()
                .buffer_capacity(1024)
                .from_writer(std::mem::take(out));
            let mut text = String::new();
            for r in rows {
                let _ = csv_record(&mut w, r, &mut text);
            }
            *out = w.into_inner().unwrap_or_default();
        }
        Format::Ndjson => {
            for r in rows {
                let _ = serde_json::to_writer(&mut *out, &r.to_json());
                out.push(b'\n');
            }
        }
        Format::Xlsx => {}
    }
}

/// A result's cells as [`ResultRow::cells`] gives them, written one by one from `text`
/// (reused) rather than from a `String` each.
fn csv_record<W: Write>(
    w: &mut csv::Writer<W>,
    r: &ResultRow,
    text: &mut String,
) -> csv::Result<()> {
    use std::fmt::Write as _;
    text.clear();
    let _ = write!(text, "{}", r.row);
    w.write_field(&*text)?;
    w.write_field(&r.name)?;
    w.write_field(&r.program)?;
    w.write_field(r.outcome.slug())?;
    text.clear();
    crate::screen::push_three_decimals(r.closeness, text);
    w.write_field(&*text)?;
    text.clear();
    r.push_not_met(text);
    w.write_field(&*text)?;
    text.clear();
    for (i, m) in r.missing.iter().enumerate() {
        if i > 0 {
            text.push_str("; ");
        }
        text.push_str(m);
    }
    w.write_field(&*text)?;
    w.write_record(None::<&[u8]>)
}

/// Results written as they come, in one format.
pub struct ResultWriter<W: Write> {
    sink: Sink<W>,
    lang: Lang,
    format: Format,
}

enum Sink<W: Write> {
    Csv(W),
    Ndjson(W),
    Xlsx {
        out: W,
        book: Box<Workbook>,
        rows: u32,
        problems: Vec<SheetError>,
    },
}

impl<W: Write> ResultWriter<W> {
    pub fn new(format: Format, mut out: W, lang: Lang) -> io::Result<ResultWriter<W>> {
        let sink = match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(BOM.as_bytes().to_vec());
                w.write_record(RESULT_COLUMNS)?;
                out.write_all(&w.into_inner().unwrap_or_default())?;
                Sink::Csv(out)
            }
            Format::Ndjson => Sink::Ndjson(out),
            Format::Xlsx => {
                let mut book = Box::new(Workbook::new());
                let sheet = book.add_worksheet();
                sheet.set_name(RESULTS_SHEET).map_err(xlsx_error)?;
                header(sheet, RESULT_COLUMNS).map_err(xlsx_error)?;
                Sink::Xlsx {
                    out,
                    book,
                    rows: 1,
                    problems: Vec::new(),
                }
            }
        };
        Ok(ResultWriter { sink, lang, format })
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Results [`encode`]d elsewhere.
    pub fn encoded(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Csv(out) | Sink::Ndjson(out) => out.write_all(bytes),
            Sink::Xlsx { .. } => Ok(()),
        }
    }

    pub fn row(&mut self, r: &ResultRow) -> io::Result<()> {
        match &mut self.sink {
            Sink::Csv(out) | Sink::Ndjson(out) => {
                let mut bytes = Vec::new();
                encode(self.format, std::slice::from_ref(r), &mut bytes);
                out.write_all(&bytes)
            }
            Sink::Xlsx { book, rows, .. } => {
                if *rows as usize >= XLSX_MAX_ROWS {
                    return Err(io::Error::other(
                        "more results than an XLSX sheet holds (1,048,576 rows): use csv or ndjson",
                    ));
                }
                let sheet = book.worksheet_from_index(0).map_err(xlsx_error)?;
                let cells = r.cells();
                sheet
                    .write_number(*rows, 0, r.row as f64)
                    .map_err(xlsx_error)?;
                for (i, v) in cells.iter().enumerate().skip(1) {
                    let written = if i == 4 {
                        sheet.write_number(*rows, 4, r.closeness_text().parse().unwrap_or(0.0))
                    } else {
                        sheet.write_string(*rows, i as u16, v)
                    };
                    written.map_err(xlsx_error)?;
                }
                *rows += 1;
                Ok(())
            }
        }
    }

    /// A row skipped for a problem: in the XLSX file's problems sheet; the other formats leave
    /// problems to standard error.
    pub fn problem(&mut self, e: &SheetError) {
        if let Sink::Xlsx { problems, .. } = &mut self.sink {
            problems.push(e.clone());
        }
    }

    /// Ends the output: the summary as the NDJSON file's last line, or the XLSX file's
    /// problems and summary sheets.
    pub fn finish(self, summary: &Summary) -> io::Result<()> {
        match self.sink {
            Sink::Csv(mut out) => out.flush(),
            Sink::Ndjson(mut out) => {
                writeln!(out, "{}", summary.to_json())?;
                out.flush()
            }
            Sink::Xlsx {
                mut out,
                mut book,
                problems,
                ..
            } => {
                let lang = self.lang;
                let sheet = book.add_worksheet();
                sheet.set_name(PROBLEMS_SHEET).map_err(xlsx_error)?;
                header(sheet, &["row", "column", "problem"]).map_err(xlsx_error)?;
                for (i, e) in problems.iter().enumerate() {
                    let r = i as u32 + 1;
                    let col = e.column.as_ref().map(|c| c.key.as_str()).unwrap_or("");
                    sheet.write_number(r, 0, e.row as f64).map_err(xlsx_error)?;
                    sheet.write_string(r, 1, col).map_err(xlsx_error)?;
                    sheet
                        .write_string(r, 2, e.problem.get(lang))
                        .map_err(xlsx_error)?;
                }
                let sheet = book.add_worksheet();
                sheet.set_name(SUMMARY_SHEET).map_err(xlsx_error)?;
                for (i, line) in summary.lines(lang).iter().enumerate() {
                    sheet.write_string(i as u32, 0, line).map_err(xlsx_error)?;
                }
                let bytes = book.save_to_buffer().map_err(xlsx_error)?;
                out.write_all(&bytes)?;
                out.flush()
            }
        }
    }
}

fn header(sheet: &mut Worksheet, names: &[&str]) -> Result<(), XlsxError> {
    let bold = CellFormat::new().set_bold();
    for (i, h) in names.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, *h, &bold)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::Outcome;

    /// The fields written one by one are the cells, quoted alike: empty ones, a lone empty
    /// field, commas, quotes and line breaks.
    #[test]
    fn csv_records_are_the_cells() {
        let row = |name: &str, not_met: Vec<(&str, Option<&str>)>, missing: Vec<&str>| ResultRow {
            row: 12,
            name: name.into(),
            program: "cn-hnte".into(),
            outcome: Outcome::Incomplete,
            closeness: 0.66666,
            not_met: not_met
                .into_iter()
                .map(|(id, g)| (id.into(), g.map(Into::into)))
                .collect(),
            missing: missing.into_iter().map(Into::into).collect(),
        };
        let rows = [
            row("", vec![], vec![]),
            row(
                "a, \"b\"\nc",
                vec![("N1", Some("0.01")), ("N3", None)],
                vec!["x", "y"],
            ),
            row("厦门 公司", vec![("N2", None)], vec!["confirmations.N5"]),
        ];
        let mut by_cells = csv::Writer::from_writer(Vec::new());
        for r in &rows {
            by_cells.write_record(r.cells()).unwrap();
        }
        let mut out = Vec::new();
        encode(Format::Csv, &rows, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(by_cells.into_inner().unwrap()).unwrap()
        );
    }
}
