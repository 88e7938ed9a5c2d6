//! Reading a filled template, CSV, XLSX or NDJSON, row by row: the header is read once, then
//! each row becomes a profile on its own, so rows can be read in one place and made into
//! profiles on many threads, and a bad row is reported and skipped without stopping the rest.

use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader as _, Xlsx};
use qualify_engine::{Errors, Lang, Profile, Text};

use crate::cell::{self, RowState};
use crate::column::Column;
use crate::error::{Place, SheetError};

/// The kinds of file a template is read from and results are written to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
    /// One profile in the contract's JSON per line.
    Ndjson,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("csv", Format::Csv),
        ("xlsx", Format::Xlsx),
        ("ndjson", Format::Ndjson),
    ];

    pub fn slug(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(s, _)| s)
    }

    pub fn from_slug(s: &str) -> Option<Format> {
        Format::ALL.iter().find(|(w, _)| *w == s).map(|(_, f)| *f)
    }

    /// The format a file's extension names.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "jsonl" => Some(Format::Ndjson),
            e => Format::from_slug(e),
        }
    }
}

/// One row of the file as read, before it is made into a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The row's number as the spreadsheet shows it (the line, for NDJSON).
    pub number: usize,
    pub data: RowData,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowData {
    Cells(Vec<String>),
    Json(String),
}

/// How a file's rows are read: by the columns its header names, or one profile per line.
#[derive(Clone, Debug)]
pub struct Layout {
    pub sheet: String,
    /// The column of each position; `None` for a column the template does not have, which is
    /// reported once and ignored. Empty for NDJSON.
    pub columns: Vec<Option<Column>>,
    pub format: Format,
}

/// A file opened for reading: its layout, what its header row says is wrong, and its rows.
pub struct Opened {
    pub layout: Layout,
    pub warnings: Vec<SheetError>,
    pub rows: Box<dyn Iterator<Item = Result<Row, SheetError>> + Send>,
}

fn io_problem(e: &dyn std::fmt::Display) -> Text {
    Text::new(format!("无法读取:{e}"), format!("cannot read: {e}"))
}

/// Opens a file by its extension.
pub fn open(path: &Path) -> Result<Opened, SheetError> {
    let sheet = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = Format::of_path(path).ok_or_else(|| {
        SheetError::file(
            &sheet,
            Text::new(
                "只能读取 .xlsx、.csv 或 .ndjson 文件",
                "only .xlsx, .csv and .ndjson files can be read",
            ),
        )
    })?;
    let file = std::fs::File::open(path).map_err(|e| SheetError::file(&sheet, io_problem(&e)))?;
    match format {
        Format::Xlsx => {
            let mut bytes = Vec::new();
            BufReader::new(file)
                .read_to_end(&mut bytes)
                .map_err(|e| SheetError::file(&sheet, io_problem(&e)))?;
            open_xlsx(&sheet, bytes)
        }
        _ => open_reader(&sheet, format, Box::new(BufReader::new(file))),
    }
}

/// Opens a file already in memory (a browser's, which has no path): its format by its name's
/// extension, else by its first bytes (a zip archive is an XLSX workbook, a `{` a line of
/// NDJSON, anything else CSV).
pub fn open_bytes(name: &str, bytes: Vec<u8>) -> Result<Opened, SheetError> {
    let format = Format::of_path(Path::new(name)).unwrap_or_else(|| {
        let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else if start.is_some_and(|i| bytes[i] == b'{') {
            Format::Ndjson
        } else {
            Format::Csv
        }
    });
    match format {
        Format::Xlsx => open_xlsx(name, bytes),
        _ => open_reader(name, format, Box::new(Cursor::new(bytes))),
    }
}

/// Opens text (CSV or NDJSON) from any reader; `name` stands for the sheet in messages.
pub fn open_reader(
    name: &str,
    format: Format,
    reader: Box<dyn BufRead + Send>,
) -> Result<Opened, SheetError> {
    match format {
        Format::Csv => open_csv(name, reader),
        Format::Ndjson => Ok(Opened {
            layout: Layout {
                sheet: name.into(),
                columns: Vec::new(),
                format,
            },
            warnings: Vec::new(),
            rows: Box::new(reader.lines().enumerate().map({
                let name = name.to_string();
                move |(i, line)| {
                    line.map(|l| Row {
                        number: i + 1,
                        data: RowData::Json(l),
                    })
                    .map_err(|e| not_utf8(&name, i + 1, &e))
                }
            })),
        }),
        Format::Xlsx => {
            let mut bytes = Vec::new();
            let mut reader = reader;
            reader
                .read_to_end(&mut bytes)
                .map_err(|e| SheetError::file(name, io_problem(&e)))?;
            open_xlsx(name, bytes)
        }
    }
}

fn not_utf8(sheet: &str, row: usize, e: &dyn std::fmt::Display) -> SheetError {
    SheetError {
        sheet: sheet.into(),
        row,
        column: None,
        problem: Text::new(
            format!("无法读取({e});CSV 须为 UTF-8 编码,可在 Excel 中另存为“CSV UTF-8”"),
            format!("cannot read ({e}); a CSV file must be UTF-8: in Excel, save as \"CSV UTF-8\""),
        ),
    }
}

fn open_csv(name: &str, reader: Box<dyn BufRead + Send>) -> Result<Opened, SheetError> {
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader)
        .into_records()
        .enumerate()
        .map({
            let name = name.to_string();
            move |(i, r)| {
                r.map(|rec| Row {
                    number: i + 1,
                    data: RowData::Cells(rec.iter().map(str::to_string).collect()),
                })
                .map_err(|e| not_utf8(&name, i + 1, &e))
            }
        })
        .peekable();
    let header = match records.next() {
        Some(Ok(Row {
            data: RowData::Cells(c),
            ..
        })) => c,
        Some(Err(e)) => return Err(e),
        _ => return Err(SheetError::file(name, no_header())),
    };
    let (layout, warnings) = header_layout(name, Format::Csv, &header)?;
    let skip_labels = matches!(records.peek(), Some(Ok(r)) if layout.is_label_row(r));
    if skip_labels {
        records.next();
    }
    Ok(Opened {
        layout,
        warnings,
        rows: Box::new(records),
    })
}

fn no_header() -> Text {
    Text::new(
        "第一行应为列名(如 name、2025.rd_expense);请使用下载的模板",
        "the first row must name the columns (name, 2025.rd_expense, …): start from the template",
    )
}

/// The text of a cell as the template reads it: numbers in their shortest exact form, dates as
/// `YYYY-MM-DD`.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            let s = f.to_string();
            s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.chars().take(10).collect(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A spreadsheet's day number as a date: days since 1899-12-30, the epoch that makes Excel's
/// count right for every date from March 1900 on.
fn excel_date(serial: f64) -> String {
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).expect("a real date");
    epoch
        .checked_add_days(chrono::Days::new(serial.floor().max(0.0) as u64))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

fn open_xlsx(name: &str, bytes: Vec<u8>) -> Result<Opened, SheetError> {
    let bad = |e: &dyn std::fmt::Display| {
        SheetError::file(
            name,
            Text::new(
                format!("不是可读取的 .xlsx 文件:{e}"),
                format!("not a readable .xlsx file: {e}"),
            ),
        )
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| bad(&"no sheet"))?;
    let range = book.worksheet_range(&sheet).map_err(|e| bad(&e))?;
    let (top, left) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let (height, width) = range.get_size();
    let row_at = move |range: &calamine::Range<Data>, r: usize| {
        let mut cells = vec![String::new(); left];
        cells.extend((0..width).map(|c| range.get((r, c)).map(cell_text).unwrap_or_default()));
        Row {
            number: top + r + 1,
            data: RowData::Cells(cells),
        }
    };
    let header = if height > 0 && top == 0 {
        match row_at(&range, 0).data {
            RowData::Cells(c) => c,
            RowData::Json(_) => Vec::new(),
        }
    } else {
        return Err(SheetError::file(&sheet, no_header()));
    };
    let (layout, warnings) = header_layout(&sheet, Format::Xlsx, &header)?;
    let first = if height > 1 && layout.is_label_row(&row_at(&range, 1)) {
        2
    } else {
        1
    };
    Ok(Opened {
        layout,
        warnings,
        rows: Box::new((first..height).map(move |r| Ok(row_at(&range, r)))),
    })
}

fn header_layout(
    sheet: &str,
    format: Format,
    header: &[String],
) -> Result<(Layout, Vec<SheetError>), SheetError> {
    let mut columns = Vec::new();
    let mut warnings = Vec::new();
    for (i, raw) in header.iter().enumerate() {
        let key = raw.trim().trim_start_matches('\u{feff}');
        let place = || {
            Some(Place {
                index: Some(i),
                key: key.to_string(),
            })
        };
        let col = Column::parse(key);
        if let Some(c) = col {
            if columns.contains(&Some(c)) {
                return Err(SheetError {
                    sheet: sheet.into(),
                    row: 1,
                    column: place(),
                    problem: Text::new("此列重复", "this column appears twice"),
                });
            }
        } else if !key.is_empty() {
            warnings.push(SheetError {
                sheet: sheet.into(),
                row: 1,
                column: place(),
                problem: Text::new(
                    "模板中没有此列,已忽略",
                    "the template has no such column; it is ignored",
                ),
            });
        }
        columns.push(col);
    }
    if columns.iter().all(Option::is_none) {
        return Err(SheetError::file(sheet, no_header()));
    }
    Ok((
        Layout {
            sheet: sheet.into(),
            columns,
            format,
        },
        warnings,
    ))
}

/// The label a column carries in the template's second row.
pub fn label_cell(c: Column) -> String {
    let l = c.label();
    format!("{} / {}", l.zh, l.en)
}

impl Layout {
    /// The template's second row, which names the columns in both languages.
    fn is_label_row(&self, row: &Row) -> bool {
        let RowData::Cells(cells) = &row.data else {
            return false;
        };
        self.columns
            .iter()
            .zip(cells)
            .find_map(|(c, text)| c.map(|c| (c, text)))
            .is_some_and(|(c, text)| text.trim() == label_cell(c))
    }

    /// Makes a row into a profile: `None` for a blank row, every problem of a bad one.
    pub fn profile(&self, row: &Row) -> Result<Option<Profile>, Vec<SheetError>> {
        match &row.data {
            RowData::Json(line) => self.json_profile(row.number, line),
            RowData::Cells(cells) => self.cells_profile(row.number, cells),
        }
    }

    fn error(&self, row: usize, column: Option<Place>, problem: Text) -> SheetError {
        SheetError {
            sheet: self.sheet.clone(),
            row,
            column,
            problem,
        }
    }

    fn json_profile(&self, number: usize, line: &str) -> Result<Option<Profile>, Vec<SheetError>> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        Profile::from_json(line)
            .map(Some)
            .map_err(|Errors(errors)| {
                errors
                    .iter()
                    .map(|e| {
                        let column = (!e.path().is_empty()).then(|| Place {
                            index: None,
                            key: e.path().to_string(),
                        });
                        self.error(number, column, engine_text(e))
                    })
                    .collect()
            })
    }

    fn cells_profile(
        &self,
        number: usize,
        cells: &[String],
    ) -> Result<Option<Profile>, Vec<SheetError>> {
        let mut state = RowState::default();
        let mut errors = Vec::new();
        let mut blank = true;
        // The column of each certification read, so an error about the n-th is placed there.
        let mut cert_columns = Vec::new();
        for (i, (col, raw)) in self.columns.iter().zip(cells).enumerate() {
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            blank = false;
            let Some(col) = col else {
                continue;
            };
            let held = state.certs.len();
            if let Err(problem) = cell::read(&mut state, *col, raw) {
                errors.push(self.error(number, Some(self.place(i)), problem));
            }
            if state.certs.len() > held {
                cert_columns.push(i);
            }
        }
        if blank {
            return Ok(None);
        }
        let mut p = state.profile;
        if state.certs_stated {
            p.certifications = Some(state.certs);
        }
        if let Err(Errors(found)) = p.validate() {
            for e in &found {
                let index = cert_index(e.path())
                    .and_then(|n| cert_columns.get(n).copied())
                    .or_else(|| {
                        self.columns
                            .iter()
                            .position(|c| c.is_some_and(|c| c.profile_path() == e.path()))
                    });
                let column = match index {
                    Some(i) => Some(self.place(i)),
                    None => Some(Place {
                        index: None,
                        key: e.path().to_string(),
                    }),
                };
                errors.push(self.error(number, column, engine_text(e)));
            }
        }
        if errors.is_empty() {
            Ok(Some(p))
        } else {
            Err(errors)
        }
    }

    fn place(&self, i: usize) -> Place {
        Place {
            index: Some(i),
            key: self.columns[i].map(Column::key).unwrap_or_default(),
        }
    }
}

fn cert_index(path: &str) -> Option<usize> {
    path.strip_prefix("certifications[")?
        .split(']')
        .next()?
        .parse()
        .ok()
}

fn engine_text(e: &qualify_engine::Error) -> Text {
    Text::new(e.problem(Lang::Zh), e.problem(Lang::En))
}
