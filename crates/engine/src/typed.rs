//! What people type into a form, read leniently: `1500`, `1,500`, `1500.5`, full-width digits
//! (`１５００`), and the suffixes 万 and 亿 (`1.5亿` is 15000 万元). A value that cannot be read
//! yields a problem to show next to the field; the typed text is never discarded.

use std::borrow::Cow;

use crate::num::Num;
use crate::profile::MAX_AMOUNT_PLACES;
use crate::text::Text;

/// Why typed text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    NotANumber,
    /// Commas that are not thousands separators (`1,50`).
    BadGrouping,
    Negative,
    NotWhole,
    TooPrecise,
    TooLarge,
    NotADate,
    OverHundred,
}

impl Problem {
    pub fn text(&self) -> Text {
        match self {
            Problem::NotANumber => Text::new(
                "请输入数字,如 1500、1,500、1.5亿",
                "Enter a number, e.g. 1500, 1,500 or 1.5亿",
            ),
            Problem::BadGrouping => Text::new(
                "千位分隔符位置不对,如 1,500",
                "Thousands separators are misplaced; e.g. 1,500",
            ),
            Problem::Negative => Text::new("不能为负数", "Cannot be negative"),
            Problem::NotWhole => Text::new("请输入整数", "Enter a whole number"),
            Problem::TooPrecise => Text::new(
                "小数位数过多(最多 6 位,即 0.01 元)",
                "Too many decimals (at most 6, i.e. 0.01 yuan)",
            ),
            Problem::TooLarge => Text::new("数值过大", "The number is too large"),
            Problem::NotADate => Text::new(
                "请输入有效日期,如 2020-06-01",
                "Enter a real date, e.g. 2020-06-01",
            ),
            Problem::OverHundred => Text::new("不能超过 100", "Cannot exceed 100"),
        }
    }
}

/// Full-width digits and punctuation to ASCII; spaces dropped.
fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    out.extend(s.trim().chars().filter_map(|c| match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        '．' | '。' => Some('.'),
        '，' => Some(','),
        '－' | '−' => Some('-'),
        '＋' => Some('+'),
        '％' => Some('%'),
        '／' => Some('/'),
        c if c.is_whitespace() => None,
        c => Some(c),
    }));
    out
}

/// Removes thousands separators, checking that they stand every three digits.
fn ungroup(s: &str) -> Result<Cow<'_, str>, Problem> {
    if !s.contains(',') {
        return Ok(Cow::Borrowed(s));
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.contains(',')) {
        return Err(Problem::BadGrouping);
    }
    let digits = int.trim_start_matches(['-', '+']);
    let groups: Vec<&str> = digits.split(',').collect();
    let ok =
        !groups[0].is_empty() && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3);
    if !ok {
        return Err(Problem::BadGrouping);
    }
    Ok(Cow::Owned(s.replace(',', "")))
}

fn number(s: &str) -> Result<Num, Problem> {
    let s = ungroup(s)?;
    if s.is_empty() || s.contains(['e', 'E']) {
        return Err(Problem::NotANumber);
    }
    Num::parse_decimal(&s).ok_or(Problem::NotANumber)
}

fn bounded(n: Num, may_be_negative: bool) -> Result<Num, Problem> {
    if n.is_negative() && !may_be_negative {
        return Err(Problem::Negative);
    }
    if n.decimal_places().is_none_or(|d| d > MAX_AMOUNT_PLACES) {
        return Err(Problem::TooPrecise);
    }
    let limit = Num::int(10_000_000_000);
    if n > limit || limit.checked_neg().is_some_and(|l| n < l) {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// An amount in 万元. Accepts 万, 万元, 亿, 亿元 and 元 as suffixes.
pub fn parse_amount(text: &str, may_be_negative: bool) -> Result<Num, Problem> {
    let s = normalize(text);
    let (body, scale) = [
        ("亿元", Num::int(10_000)),
        ("亿", Num::int(10_000)),
        ("万元", Num::ONE),
        ("万", Num::ONE),
        ("元", Num::ratio(1, 10_000).unwrap()),
    ]
    .iter()
    .find_map(|(suffix, scale)| s.strip_suffix(suffix).map(|b| (b.to_string(), *scale)))
    .unwrap_or((s, Num::ONE));
    let n = number(&body)?.checked_mul(scale).ok_or(Problem::TooLarge)?;
    bounded(n, may_be_negative)
}

/// A whole count of people or items; a trailing 人, 个, 项 or 件 is allowed.
pub fn parse_count(text: &str) -> Result<Num, Problem> {
    let s = normalize(text);
    let s = s.trim_end_matches(['人', '个', '项', '件', '名']);
    let n = number(s)?;
    if n.is_negative() {
        return Err(Problem::Negative);
    }
    if !n.is_integer() {
        return Err(Problem::NotWhole);
    }
    if n > Num::int(100_000_000) {
        return Err(Problem::TooLarge);
    }
    Ok(n)
}

/// A percentage or a 100-point figure: 0 to 100, `%` allowed.
pub fn parse_percent(text: &str) -> Result<Num, Problem> {
    let s = normalize(text);
    let n = bounded(number(s.trim_end_matches(['%', '分']))?, false)?;
    if n > Num::HUNDRED {
        return Err(Problem::OverHundred);
    }
    Ok(n)
}

/// A plain non-negative decimal (an area in m², a score).
pub fn parse_decimal(text: &str) -> Result<Num, Problem> {
    let s = normalize(text);
    bounded(
        number(crate::text::trim_end_str(
            s.trim_end_matches(['㎡', '分']),
            "m2",
        ))?,
        false,
    )
}

/// A date as `2020-06-01`, `2020/6/1`, `2020.6.1` or `2020年6月1日`, returned as `YYYY-MM-DD`.
pub fn parse_date_text(text: &str) -> Result<String, Problem> {
    let s = normalize(text);
    let s = s.trim_end_matches('日');
    let parts: Vec<&str> = s.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(Problem::NotADate);
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if y.len() != 4
        || !all_digits(y)
        || !all_digits(m)
        || !all_digits(d)
        || m.len() > 2
        || d.len() > 2
    {
        return Err(Problem::NotADate);
    }
    let iso = format!("{y}-{m:0>2}-{d:0>2}");
    crate::read::json::parse_date(&iso)
        .map(|_| iso)
        .ok_or(Problem::NotADate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        Num::parse_decimal(s).unwrap()
    }

    #[test]
    fn amounts_in_every_spelling() {
        for (text, want) in [
            ("1500", "1500"),
            ("1,500", "1500"),
            ("1500.5", "1500.5"),
            ("１５００", "1500"),
            ("１，５００．５", "1500.5"),
            ("1.5亿", "15000"),
            ("1.5 亿元", "15000"),
            ("300万", "300"),
            ("300万元", "300"),
            ("3,000,000元", "300"),
            (" 42 ", "42"),
        ] {
            assert_eq!(parse_amount(text, false), Ok(n(want)), "{text}");
        }
    }

    #[test]
    fn bad_amounts_say_why() {
        assert_eq!(parse_amount("", false), Err(Problem::NotANumber));
        assert_eq!(parse_amount("abc", false), Err(Problem::NotANumber));
        assert_eq!(parse_amount("1,50", false), Err(Problem::BadGrouping));
        assert_eq!(parse_amount("1,5000", false), Err(Problem::BadGrouping));
        assert_eq!(parse_amount("-5", false), Err(Problem::Negative));
        assert_eq!(parse_amount("-5", true), Ok(n("-5")));
        assert_eq!(parse_amount("1e5", false), Err(Problem::NotANumber));
        assert_eq!(parse_amount("0.0000001", false), Err(Problem::TooPrecise));
        assert_eq!(parse_amount("99999999亿", false), Err(Problem::TooLarge));
    }

    #[test]
    fn counts_percentages_and_dates() {
        assert_eq!(parse_count("１６０人"), Ok(Num::int(160)));
        assert_eq!(parse_count("1,200"), Ok(Num::int(1200)));
        assert_eq!(parse_count("12.5"), Err(Problem::NotWhole));
        assert_eq!(parse_percent("85%"), Ok(Num::int(85)));
        assert_eq!(parse_percent("85.5％"), Ok(n("85.5")));
        assert_eq!(parse_percent("120"), Err(Problem::OverHundred));
        assert_eq!(parse_decimal("1500㎡"), Ok(Num::int(1500)));
        assert_eq!(parse_date_text("2020-06-01").as_deref(), Ok("2020-06-01"));
        assert_eq!(parse_date_text("2020/6/1").as_deref(), Ok("2020-06-01"));
        assert_eq!(parse_date_text("2020年6月1日").as_deref(), Ok("2020-06-01"));
        assert_eq!(
            parse_date_text("２０２０-０６-０１").as_deref(),
            Ok("2020-06-01")
        );
        assert_eq!(parse_date_text("2025-02-30"), Err(Problem::NotADate));
        assert_eq!(parse_date_text("20-6-1"), Err(Problem::NotADate));
    }
}
