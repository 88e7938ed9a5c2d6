//! The template's columns, generated from the engine's field enums so that a field added to the
//! profile is a column of the template without a change here.

use qualify_engine::profile::{CategoryField, CertKind, DateField, ScalarField, Unit, YearField};
use qualify_engine::Text;

/// One column of the template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Name,
    Date(DateField),
    Category(CategoryField),
    Scalar(ScalarField),
    Year(i32, YearField),
    /// The certification of this kind: its dates, or a word saying it is not held.
    Cert(CertKind),
    Confirmations,
    Declined,
}

/// The columns of a template for these fiscal years: the enterprise's own fields first, then
/// each year's figures, then certifications and declarations.
pub fn columns(years: &[i32]) -> Vec<Column> {
    let mut out = vec![Column::Name];
    out.extend(DateField::ALL.iter().map(|f| Column::Date(*f)));
    out.extend(CategoryField::ALL.iter().map(|f| Column::Category(*f)));
    out.extend(ScalarField::ALL.iter().map(|f| Column::Scalar(*f)));
    for y in years {
        out.extend(YearField::ALL.iter().map(|f| Column::Year(*y, *f)));
    }
    out.extend(CertKind::ALL.iter().map(|k| Column::Cert(*k)));
    out.extend([Column::Confirmations, Column::Declined]);
    out
}

/// The fiscal years a template dated `as_of_year` asks for: the last three (contract section 1).
pub fn template_years(as_of_year: i32) -> Vec<i32> {
    (as_of_year - 3..as_of_year).rev().collect()
}

const CERT_PREFIX: &str = "certifications.";

impl Column {
    /// The column's key in the template's first row: the profile's own path for the field
    /// (`province`, `ip.class1`), a year's figure as `2025.rd_expense`.
    pub fn key(self) -> String {
        match self {
            Column::Name => "name".into(),
            Column::Date(f) => f.slug().into(),
            Column::Category(f) => f.slug().into(),
            Column::Scalar(f) => f.slug().into(),
            Column::Year(y, f) => format!("{y}.{}", f.slug()),
            Column::Cert(k) => format!("{CERT_PREFIX}{}", k.slug()),
            Column::Confirmations => "confirmations".into(),
            Column::Declined => "declined".into(),
        }
    }

    /// Reads a key written by [`Column::key`].
    pub fn parse(key: &str) -> Option<Column> {
        let key = key.trim();
        match key {
            "name" => return Some(Column::Name),
            "confirmations" => return Some(Column::Confirmations),
            "declined" => return Some(Column::Declined),
            _ => {}
        }
        if let Some(kind) = key.strip_prefix(CERT_PREFIX) {
            return CertKind::from_slug(kind).map(Column::Cert);
        }
        if let Some((y, f)) = key.split_once('.') {
            if y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) {
                return Some(Column::Year(y.parse().ok()?, YearField::from_slug(f)?));
            }
        }
        DateField::from_slug(key)
            .map(Column::Date)
            .or_else(|| CategoryField::from_slug(key).map(Column::Category))
            .or_else(|| ScalarField::from_slug(key).map(Column::Scalar))
    }

    /// The path in the profile that the engine's errors name for this column.
    pub fn profile_path(self) -> String {
        match self {
            Column::Year(y, f) => format!("years.{y}.{}", f.slug()),
            Column::Cert(_) => "certifications".into(),
            other => other.key(),
        }
    }

    /// The column's name in both languages, with its year and unit: the template's second row.
    pub fn label(self) -> Text {
        let (name, unit) = match self {
            Column::Name => (Text::new("企业名称", "Enterprise name"), None),
            Column::Date(f) => (f.label(), None),
            Column::Category(f) => (f.label(), None),
            Column::Scalar(f) => (f.label(), unit_text(f.unit())),
            Column::Year(y, f) => {
                let l = f.label();
                let named = Text::new(format!("{y}年{}", l.zh), format!("{} {y}", l.en));
                (named, unit_text(f.unit()))
            }
            Column::Cert(k) => (k.label(), None),
            Column::Confirmations => (
                Text::new("已确认的自我声明", "Self-declarations confirmed"),
                None,
            ),
            Column::Declined => (
                Text::new("不符合的自我声明", "Self-declarations that do not hold"),
                None,
            ),
        };
        match unit {
            Some(u) => Text::new(
                format!("{}({})", name.zh, u.zh),
                format!("{} ({})", name.en, u.en),
            ),
            None => name,
        }
    }

    /// What a cell of this column holds, for the template's notes sheet.
    pub fn explain(self) -> Text {
        match self {
            Column::Name => Text::new("任意文字", "Any text"),
            Column::Date(_) => Text::new(
                "日期,如 2020-06-01、2020/6/1 或 2020年6月1日",
                "A date, e.g. 2020-06-01, 2020/6/1 or 2020年6月1日",
            ),
            Column::Category(f) => match f.words() {
                Some(words) => {
                    let slugs: Vec<&str> = words.iter().map(|w| w.slug).collect();
                    Text::new(
                        format!("其中之一(代码或名称):{}", slugs.join("、")),
                        format!("One of (code or name): {}", slugs.join(", ")),
                    )
                }
                None => Text::new("是 或 否", "yes or no (是 / 否)"),
            },
            Column::Scalar(f) => number_explain(f.unit(), false),
            Column::Year(_, f) => number_explain(f.unit(), f.may_be_negative()),
            Column::Cert(_) => Text::new(
                "获得日期,有效期止可写在 ~ 之后(2022-11-01~2025-10-31);未获得写“无”。\
                 所有认定列都空着表示未说明",
                "The date granted, and the end of validity after ~ (2022-11-01~2025-10-31); \
                 \"none\" (无) if not held. All certification columns blank means not stated",
            ),
            Column::Confirmations | Column::Declined => Text::new(
                "条件编号,用逗号分隔,如 N5,N6",
                "Criterion ids separated by commas, e.g. N5,N6",
            ),
        }
    }
}

fn unit_text(u: Unit) -> Option<Text> {
    match u {
        Unit::Wan => Some(Text::new("万元", "10k CNY")),
        Unit::Percent => Some(Text::new("%", "%")),
        Unit::SquareMeters => Some(Text::new("平方米", "m²")),
        Unit::Points => Some(Text::new("分", "points")),
        Unit::Count | Unit::Years => None,
    }
}

fn number_explain(u: Unit, negative: bool) -> Text {
    let sign = if negative {
        Text::new(",亏损为负数", "; a loss is negative")
    } else {
        Text::new("", "")
    };
    let t = match u {
        Unit::Wan => Text::new(
            "金额,单位万元;可写 1,500、1.5亿、300万、3,000,000元,全角数字亦可",
            "An amount in 万元 (10,000 CNY); 1,500, 1.5亿, 300万 or 3,000,000元 are read, full-width digits too",
        ),
        Unit::Count => Text::new("整数,如 160 或 160人", "A whole number, e.g. 160 or 160人"),
        Unit::Percent => Text::new("百分比 0–100,如 85 或 85%", "A percentage 0–100, e.g. 85 or 85%"),
        Unit::Points => Text::new("分数 0–100", "Points, 0–100"),
        Unit::SquareMeters => Text::new("面积,平方米", "An area in m²"),
        Unit::Years => Text::new("年数", "Years"),
    };
    Text::new(
        format!("{}{}", t.zh, sign.zh),
        format!("{}{}", t.en, sign.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_as_its_column() {
        for c in columns(&[2025, 2024]) {
            assert_eq!(Column::parse(&c.key()), Some(c), "{}", c.key());
        }
        assert_eq!(Column::parse("2025.revnue"), None);
        assert_eq!(Column::parse("certifications.bogus"), None);
    }

    #[test]
    fn every_field_of_the_profile_is_a_column() {
        let cols = columns(&[2025]);
        let n = 1
            + DateField::ALL.len()
            + CategoryField::ALL.len()
            + ScalarField::ALL.len()
            + YearField::ALL.len()
            + CertKind::ALL.len()
            + 2;
        assert_eq!(cols.len(), n);
        assert!(cols.contains(&Column::Year(2025, YearField::RdExpense)));
        assert_eq!(template_years(2026), [2025, 2024, 2023]);
    }

    #[test]
    fn labels_carry_the_year_and_the_unit() {
        let l = Column::Year(2025, YearField::RdExpense).label();
        assert_eq!(l.zh, "2025年研究与试验发展经费支出额(万元)");
        assert_eq!(l.en, "R&D expenditure 2025 (10k CNY)");
    }
}
