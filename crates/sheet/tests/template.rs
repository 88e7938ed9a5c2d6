//! The template read back: a profile written to a template row, CSV or XLSX, reads back as the
//! same profile; and the golden template's rows give the profiles and problems recorded beside
//! it, the same from CSV and from XLSX.

use std::io::{BufReader, Cursor};
use std::path::{Path, PathBuf};

use qualify_engine::{Lang, Profile};
use qualify_sheet::{columns, open_reader, template_years, Format, Opened, SheetError};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../engine/tests/data/example-profile.json");

fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name)
}

fn open_bytes(name: &str, format: Format, bytes: Vec<u8>) -> Opened {
    open_reader(name, format, Box::new(BufReader::new(Cursor::new(bytes)))).unwrap()
}

/// Every row as the reader makes it: the profile's JSON, null for a blank row, or the problems
/// in both languages.
fn read_all(opened: Opened) -> Vec<Value> {
    let Opened { layout, rows, .. } = opened;
    rows.map(|r| {
        let r = r.unwrap();
        let v = match layout.profile(&r) {
            Ok(Some(p)) => p.to_value(),
            Ok(None) => Value::Null,
            Err(errors) => problems(&errors),
        };
        json!({"row": r.number, "read": v})
    })
    .collect()
}

fn problems(errors: &[SheetError]) -> Value {
    let list: Vec<Value> = errors
        .iter()
        .map(|e| json!({"zh": e.message(Lang::Zh), "en": e.message(Lang::En)}))
        .collect();
    json!({ "problems": list })
}

#[test]
fn a_profile_reads_back_from_its_template_row() {
    let p = Profile::from_json(EXAMPLE).unwrap();
    let cols = columns(&template_years(2025));
    let csv = qualify_sheet::template_csv(&cols, std::slice::from_ref(&p));
    let xlsx = qualify_sheet::template_xlsx(&cols, std::slice::from_ref(&p)).unwrap();
    for (format, bytes) in [(Format::Csv, csv), (Format::Xlsx, xlsx)] {
        let rows = read_all(open_bytes("t", format, bytes));
        assert_eq!(
            rows.len(),
            1,
            "{format:?}: the label row is not an enterprise"
        );
        assert_eq!(rows[0]["row"], 3, "{format:?}");
        let back = Profile::from_value(&rows[0]["read"]).unwrap();
        assert_eq!(back, p, "{format:?}");
    }
}

#[test]
fn the_empty_template_has_every_column_and_no_enterprise() {
    let cols = columns(&template_years(2026));
    let csv = qualify_sheet::template_csv(&cols, &[]);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(text.starts_with('\u{feff}'), "spreadsheets need the BOM");
    let first = text.lines().next().unwrap();
    assert!(first.contains("2025.rd_expense") && first.contains("2023.revenue"));
    assert!(!first.contains("2026.") && !first.contains("2022."));
    let opened = open_bytes("t", Format::Csv, csv);
    assert!(opened.warnings.is_empty());
    assert_eq!(opened.layout.columns.len(), cols.len());
    assert!(read_all(opened).is_empty());
}

/// The golden template as XLSX: every cell of the CSV as a text cell, but figures that are plain
/// numbers as number cells and one date as a date cell, as a spreadsheet would hold them.
fn golden_as_xlsx(csv_text: &str) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format as F, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("企业 Enterprises").unwrap();
    let date = F::new().set_num_format("yyyy-mm-dd");
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    for (r, rec) in rdr.records().enumerate() {
        for (c, cell) in rec.unwrap().iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if cell.is_empty() {
                continue;
            }
            if r >= 2 && cell.len() == 10 && cell.as_bytes()[4] == b'-' {
                let d = ExcelDateTime::parse_from_str(cell).unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if r >= 2 && cell.parse::<f64>().is_ok() {
                sheet
                    .write_number(r, c, cell.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_golden_template_reads_as_recorded_from_csv_and_from_xlsx() {
    let text = std::fs::read_to_string(golden("screen.csv")).unwrap();
    let want: Value =
        serde_json::from_str(&std::fs::read_to_string(golden("screen.read.json")).unwrap())
            .unwrap();
    let from_csv = read_all(open_bytes(
        "screen.csv",
        Format::Csv,
        text.clone().into_bytes(),
    ));
    let got = Value::Array(from_csv.clone());
    if std::env::var_os("QUALIFY_BLESS").is_some() {
        std::fs::write(
            golden("screen.read.json"),
            serde_json::to_string_pretty(&got).unwrap() + "\n",
        )
        .unwrap();
    }
    assert_eq!(got, want, "tests/golden/screen.read.json");
    let from_xlsx = read_all(open_bytes(
        "screen.xlsx",
        Format::Xlsx,
        golden_as_xlsx(&text),
    ));
    // The same rows and profiles; problems name the xlsx file's sheet instead of the CSV file.
    let renamed = serde_json::to_string(&from_csv)
        .unwrap()
        .replace("工作表“screen.csv”", "工作表“企业 Enterprises”")
        .replace("sheet \\\"screen.csv\\\"", "sheet \\\"企业 Enterprises\\\"");
    assert_eq!(serde_json::to_string(&from_xlsx).unwrap(), renamed);
}

#[test]
fn a_header_the_template_does_not_know_is_reported_once_and_ignored() {
    let csv = "name,备注,2025.revenue\nA,some note,1.5亿\n";
    let opened = open_bytes("x.csv", Format::Csv, csv.as_bytes().to_vec());
    assert_eq!(
        opened.warnings[0].message(Lang::En),
        "sheet \"x.csv\", row 1, column B (备注): the template has no such column; it is ignored"
    );
    let rows = read_all(opened);
    assert_eq!(rows[0]["read"]["years"]["2025"]["revenue"], 15000);
}

#[test]
fn a_file_without_a_header_is_refused_naming_the_sheet() {
    let Err(e) = open_reader(
        "x.csv",
        Format::Csv,
        Box::new(Cursor::new(b"1,2,3\n".to_vec())),
    ) else {
        panic!("no header");
    };
    assert!(e
        .message(Lang::Zh)
        .starts_with("工作表“x.csv”:第一行应为列名"));
    let dup = open_reader(
        "x.csv",
        Format::Csv,
        Box::new(Cursor::new(b"name,name\n".to_vec())),
    );
    assert_eq!(
        dup.err().unwrap().message(Lang::En),
        "sheet \"x.csv\", row 1, column B (name): this column appears twice"
    );
}

#[test]
fn an_ndjson_line_is_a_profile_and_its_problems_name_the_field() {
    let text = format!(
        "{}\n\n{}\n",
        r#"{"name": "A", "years": {"2024": {"revenue": 100}}}"#,
        r#"{"years": {"2024": {"rd_staff": -3}}}"#
    );
    let rows = read_all(open_bytes("x.ndjson", Format::Ndjson, text.into_bytes()));
    assert_eq!(rows[0]["read"]["name"], "A");
    assert_eq!(rows[1]["read"], Value::Null);
    assert_eq!(
        rows[2]["read"]["problems"][0]["en"],
        "sheet \"x.ndjson\", row 3, field years.2024.rd_staff: must not be negative (got -3)"
    );
}
