//! One enterprise through the template, for the assessment page: a filled template imported
//! into the form (its first enterprise), and the form's figures exported as a filled template.
//! The page has no spreadsheet code of its own; this worker's wasm holds it.

use chrono::{Datelike, NaiveDate};
use qualify_engine::{json_text, Lang, Profile, Text};
use qualify_sheet::{Format, SheetError};

/// The most problems said about one row.
const PROBLEMS: usize = 5;

fn both(errors: &[SheetError]) -> Text {
    let say = |lang: Lang| {
        (errors.iter().take(PROBLEMS))
            .map(|e| e.message(lang))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Text::new(say(Lang::Zh), say(Lang::En))
}

/// The first enterprise of a filled template (`name` says its kind, else its first bytes do),
/// as the app's JSON document; or what is wrong, with its sheet, row and column.
pub fn first_profile(name: &str, bytes: Vec<u8>) -> Result<String, Text> {
    let opened = qualify_sheet::open_bytes(name, bytes).map_err(|e| both(&[e]))?;
    for row in opened.rows {
        let row = row.map_err(|e| both(&[e]))?;
        match opened.layout.profile(&row) {
            Ok(Some(p)) => {
                return Ok(json_text::to_text(
                    &p.to_value(),
                    json_text::Layout::Compact,
                ))
            }
            Ok(None) => continue,
            Err(problems) => return Err(both(&problems)),
        }
    }
    Err(Text::new(
        format!("“{name}”中没有企业数据:模板的第一行是列名,每家企业占一行。"),
        format!("\"{name}\" holds no enterprise: the template's first row is the column names, then one row per enterprise."),
    ))
}

/// The figures of `document` (the app's JSON) as a filled template: the template's columns for
/// the years before `as_of`'s, and any other year the figures have.
pub fn export(document: &str, as_of: NaiveDate, format: Format) -> Result<Vec<u8>, Text> {
    let profile = Profile::from_json(document).map_err(|e| {
        let say = |lang: Lang| e.first().message(lang);
        Text::new(say(Lang::Zh), say(Lang::En))
    })?;
    let mut years = qualify_sheet::template_years(as_of.year());
    for year in profile.years.keys() {
        if !years.contains(year) {
            years.push(*year);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    let columns = qualify_sheet::columns(&years);
    match format {
        Format::Xlsx => qualify_sheet::template_xlsx(&columns, &[profile]).map_err(|e| both(&[e])),
        _ => Ok(qualify_sheet::template_csv(&columns, &[profile])),
    }
}
