//! A cell's text read into the profile by its column, with the engine's own lenient readers
//! (`1.5亿`, `300万`, full-width digits, `2020年6月1日`) and typed setters; and a profile's
//! values written back as cells.

use qualify_engine::profile::{Category, CategoryField, CertKind, Certification, Unit};
use qualify_engine::typed::{
    parse_amount, parse_count, parse_date_text, parse_decimal, parse_percent,
};
use qualify_engine::{parse_date, Lang, Num, Profile, Text};

use crate::column::Column;

fn engine_text(e: &qualify_engine::Error) -> Text {
    Text::new(e.problem(Lang::Zh), e.problem(Lang::En))
}

fn number(unit: Unit, negative: bool, raw: &str) -> Result<Num, Text> {
    match unit {
        Unit::Wan => parse_amount(raw, negative),
        Unit::Count => parse_count(raw),
        Unit::Percent | Unit::Points => parse_percent(raw),
        Unit::SquareMeters | Unit::Years => parse_decimal(raw),
    }
    .map_err(|p| p.text())
}

fn date(raw: &str) -> Result<chrono::NaiveDate, Text> {
    parse_date_text(raw)
        .map(|iso| parse_date(&iso).expect("parse_date_text gives real dates"))
        .map_err(|p| p.text())
}

const YES: &[&str] = &["true", "yes", "y", "1", "是", "√", "✓"];
const NO: &[&str] = &["false", "no", "n", "0", "否", "×", "✗"];
const NOT_HELD: &[&str] = &["无", "否", "none", "no", "-", "—"];

/// A categorical value as its code or its name in either language.
fn category(f: CategoryField, raw: &str) -> Result<Category, Text> {
    let lower = raw.to_lowercase();
    match f.words() {
        None if YES.contains(&lower.as_str()) => Ok(Category::Flag(true)),
        None if NO.contains(&lower.as_str()) => Ok(Category::Flag(false)),
        None => Err(Text::new("请填写“是”或“否”", "Write yes or no (是 or 否)")),
        Some(words) => words
            .iter()
            .find(|w| w.slug == lower || w.zh == raw || w.en.to_lowercase() == lower)
            .map(|w| Category::Word(w.slug))
            .ok_or_else(|| {
                let list: Vec<&str> = words.iter().map(|w| w.slug).collect();
                Text::new(
                    format!("“{raw}”不是可选值;可选:{}", list.join("、")),
                    format!("`{raw}` is not one of: {}", list.join(", ")),
                )
            }),
    }
}

/// A certification cell: `since`, `since~until`, or a word saying the kind is not held.
fn certification(kind: CertKind, raw: &str) -> Result<Option<Certification>, Text> {
    if NOT_HELD.contains(&raw.to_lowercase().as_str()) {
        return Ok(None);
    }
    let (since, until) = match raw.split_once(['~', '～', '至']) {
        Some((s, u)) => (s, Some(u)),
        None => (raw, None),
    };
    let since = date(since)?;
    let until = until.map(date).transpose()?;
    Ok(Some(Certification { kind, since, until }))
}

/// What one row says, gathered before it becomes a profile: certifications are a list in the
/// profile and one column per kind in the sheet.
#[derive(Default)]
pub(crate) struct RowState {
    pub profile: Profile,
    /// Some certification column was filled in.
    pub certs_stated: bool,
    pub certs: Vec<Certification>,
}

/// Reads a non-blank cell of `col` into the row.
pub(crate) fn read(state: &mut RowState, col: Column, raw: &str) -> Result<(), Text> {
    let p = &mut state.profile;
    match col {
        Column::Name => {
            p.set_name(raw);
            Ok(())
        }
        Column::Date(f) => {
            p.set_date(f, date(raw)?);
            Ok(())
        }
        Column::Category(f) => {
            let c = category(f, raw)?;
            let value = match c {
                Category::Word(w) => w.to_string(),
                Category::Flag(b) => b.to_string(),
            };
            p.set_category(f, &value).map_err(|e| engine_text(&e))
        }
        Column::Scalar(f) => {
            let n = number(f.unit(), false, raw)?;
            p.set_scalar(f, n).map_err(|e| engine_text(&e))
        }
        Column::Year(y, f) => {
            let n = number(f.unit(), f.may_be_negative(), raw)?;
            p.set_year(y, f, n).map_err(|e| engine_text(&e))
        }
        Column::Cert(kind) => {
            state.certs_stated = true;
            if let Some(c) = certification(kind, raw)? {
                state.certs.push(c);
            }
            Ok(())
        }
        Column::Confirmations | Column::Declined => {
            let list = if col == Column::Confirmations {
                &mut p.confirmations
            } else {
                &mut p.declined
            };
            for id in raw.split([',', '，', '、', ';', '；', ' ']) {
                if !id.trim().is_empty() {
                    list.insert(id.trim().to_string());
                }
            }
            Ok(())
        }
    }
}

/// The cell of `col` for a profile, as the template reads it back; empty where the profile says
/// nothing.
pub fn write(p: &Profile, col: Column) -> String {
    let num = |n: Option<Num>| n.map(|n| n.to_string()).unwrap_or_default();
    match col {
        Column::Name => p.name.clone().unwrap_or_default(),
        Column::Date(f) => p.date(f).map(|d| d.to_string()).unwrap_or_default(),
        Column::Category(f) => match p.category(f) {
            Some(Category::Word(w)) => w.to_string(),
            Some(Category::Flag(b)) => b.to_string(),
            None => String::new(),
        },
        Column::Scalar(f) => num(p.scalar(f)),
        Column::Year(y, f) => num(p.year(y, f)),
        Column::Cert(kind) => match &p.certifications {
            None => String::new(),
            Some(list) => match list.iter().find(|c| c.kind == kind) {
                Some(Certification {
                    since,
                    until: Some(u),
                    ..
                }) => format!("{since}~{u}"),
                Some(c) => c.since.to_string(),
                None => "无".into(),
            },
        },
        Column::Confirmations => join(&p.confirmations),
        Column::Declined => join(&p.declined),
    }
}

fn join(ids: &qualify_engine::sorted::SortedSet<String>) -> String {
    ids.iter().cloned().collect::<Vec<_>>().join(",")
}

/// Whether a profile has values a template cannot hold: several certifications of one kind,
/// or self-assessed scores. Export names them rather than dropping them silently.
pub fn left_out(p: &Profile) -> Vec<String> {
    let mut out: Vec<String> = p
        .self_scores
        .keys()
        .map(|k| format!("self_scores.{k}"))
        .collect();
    if let Some(list) = &p.certifications {
        for k in CertKind::ALL {
            if list.iter().filter(|c| c.kind == *k).count() > 1 {
                out.push(format!("certifications.{}", k.slug()));
            }
        }
    }
    out
}
