//! A problem in a spreadsheet, placed by sheet, row and column, in both languages.

use std::fmt;

use qualify_engine::{Lang, Text};

/// Where in a file a problem is: the sheet (the file's name for CSV and NDJSON), the row as
/// the spreadsheet numbers it (the line for NDJSON), and the column with its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    pub sheet: String,
    /// 1-based; 0 for a problem with the file as a whole.
    pub row: usize,
    pub column: Option<Place>,
    pub problem: Text,
}

/// A column: its position (0-based; shown as the spreadsheet's letter) and its key, or the
/// path of the field for an NDJSON line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub index: Option<usize>,
    pub key: String,
}

/// The spreadsheet's name for the column at 0-based `index`: A, B, …, Z, AA, AB, …
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(b'A' + d as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl SheetError {
    pub fn file(sheet: &str, problem: Text) -> SheetError {
        SheetError {
            sheet: sheet.into(),
            row: 0,
            column: None,
            problem,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let mut at = match lang {
            Lang::Zh => format!("工作表“{}”", self.sheet),
            Lang::En => format!("sheet \"{}\"", self.sheet),
        };
        if self.row > 0 {
            at.push_str(&match lang {
                Lang::Zh => format!("第 {} 行", self.row),
                Lang::En => format!(", row {}", self.row),
            });
        }
        if let Some(c) = &self.column {
            at.push_str(&match (lang, c.index) {
                (Lang::Zh, Some(i)) => format!(" {} 列({})", column_letter(i), c.key),
                (Lang::En, Some(i)) => format!(", column {} ({})", column_letter(i), c.key),
                (Lang::Zh, None) => format!(" 字段 {}", c.key),
                (Lang::En, None) => format!(", field {}", c.key),
            });
        }
        let sep = lang.pick(":", ": ");
        format!("{at}{sep}{}", self.problem.get(lang))
    }
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for SheetError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn a_message_names_sheet_row_and_column_in_each_language() {
        let e = SheetError {
            sheet: "企业".into(),
            row: 5,
            column: Some(Place {
                index: Some(3),
                key: "2024.revenue".into(),
            }),
            problem: Text::new("不能为负数", "Cannot be negative"),
        };
        assert_eq!(
            e.message(Lang::Zh),
            "工作表“企业”第 5 行 D 列(2024.revenue):不能为负数"
        );
        assert_eq!(
            e.message(Lang::En),
            "sheet \"企业\", row 5, column D (2024.revenue): Cannot be negative"
        );
    }
}
