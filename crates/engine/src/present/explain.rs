//! Figures and gaps as phrases a reader understands: "¥300万", "4.2%", "+12 full-time R&D
//! staff", "+¥180万 R&D expenditure at the current revenue". Used by the app and reports alike.

use crate::eval::{Check, Fix, Shown};
use crate::inputs::InputRef;
use crate::model::vocab;
use crate::model::Op;
use crate::num::Num;
use crate::profile::{Category, Unit};
use crate::text::{Lang, Text};

/// Groups the integer digits by thousands: 1234567.5 -> "1,234,567.5".
/// `n` to at most `places` decimals with its thousands grouped by commas (`23,000.5`).
pub fn grouped(n: Num, places: u32) -> String {
    let s = n.to_decimal_string(places);
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

/// A number in its unit: "¥300万", "¥1.52亿", "4.2%", "160", "3 年" / "3 years", "200 m²".
pub fn format_num(n: Num, unit: Unit, lang: Lang) -> String {
    match unit {
        Unit::Wan => {
            let yi = Num::int(10_000);
            let abs = if n.is_negative() {
                n.checked_neg().unwrap_or(n)
            } else {
                n
            };
            if abs >= yi {
                let v = n.checked_div(yi).unwrap_or(n);
                format!("¥{}亿", grouped(v, 4))
            } else {
                format!("¥{}万", grouped(n, 2))
            }
        }
        Unit::Percent => format!("{}%", n.to_decimal_string(2)),
        Unit::Count => grouped(n, 0),
        Unit::Years => match lang {
            Lang::Zh => format!("{} 年", n.to_decimal_string(1)),
            Lang::En if n == Num::ONE => "1 year".into(),
            Lang::En => format!("{} years", n.to_decimal_string(1)),
        },
        Unit::SquareMeters => format!("{} m²", grouped(n, 2)),
        Unit::Points => match lang {
            Lang::Zh => format!("{} 分", n.to_decimal_string(1)),
            Lang::En => format!("{} points", n.to_decimal_string(1)),
        },
    }
}

/// The display name of a vocabulary word (a place, an industry, a certification).
pub fn word_name(slug: &str, lang: Lang) -> String {
    let words = [
        vocab::INDUSTRIES,
        vocab::HNTE_DOMAINS,
        vocab::XIAN_CHAINS,
        vocab::CERT_KINDS,
    ];
    let places = [vocab::PROVINCES, vocab::CITIES, vocab::DISTRICTS];
    let found = words
        .iter()
        .find_map(|l| vocab::find_word(l, slug))
        .or_else(|| {
            places
                .iter()
                .find_map(|l| vocab::find_place(l, slug).map(|p| &p.word))
        });
    match (found, slug) {
        (Some(w), _) => lang.pick(w.zh, w.en).to_string(),
        (None, "true") => lang.pick("是", "yes").into(),
        (None, "false") => lang.pick("否", "no").into(),
        (None, other) => other.to_string(),
    }
}

/// A shown value as text.
pub fn format_shown(s: &Shown, unit: Option<Unit>, lang: Lang) -> String {
    match s {
        Shown::Num(n) => match unit {
            Some(u) => format_num(*n, u, lang),
            None => n.to_decimal_string(2),
        },
        Shown::Range { min, max } => {
            let u = unit.unwrap_or(Unit::Points);
            let (a, b) = (format_num(*min, u, lang), format_num(*max, u, lang));
            format!(
                "{} – {b}",
                crate::text::trim_end_str(a.trim_end_matches([' ', '分']), " points")
            )
        }
        Shown::Word(w) => word_name(w, lang),
        Shown::Categories(cs) => cs
            .iter()
            .map(|c| match c {
                Category::Word(w) => word_name(w, lang),
                Category::Flag(b) => word_name(if *b { "true" } else { "false" }, lang),
            })
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", ")),
        Shown::Kinds(ks) => ks
            .iter()
            .map(|k| k.label().get(lang).to_string())
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", ")),
        Shown::Flag(true) => lang.pick("是", "yes").into(),
        Shown::Flag(false) => lang.pick("否", "no").into(),
        Shown::Date(d) => d.to_string(),
    }
}

fn lower_first(s: &str) -> String {
    // Keep acronyms (R&D, S&T, IP) as they are.
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_ascii_uppercase() && !b.is_ascii_uppercase() && b != '&' => {
            std::iter::once(a.to_ascii_lowercase())
                .chain(s.chars().skip(1))
                .collect()
        }
        _ => s.to_string(),
    }
}

fn signed(n: Num, unit: Unit, lang: Lang) -> String {
    if n.is_negative() {
        format!("−{}", format_num(n.checked_neg().unwrap_or(n), unit, lang))
    } else {
        format!("+{}", format_num(n, unit, lang))
    }
}

/// A phrase for one goal-seek change: "+12 full-time R&D staff (2024)".
pub fn fix_phrase(f: &Fix) -> Option<Text> {
    let unit = f.input.unit()?;
    let label = match &f.input {
        InputRef::Year(_, field) => field.label(),
        other => other.label(),
    };
    let year = match &f.input {
        InputRef::Year(y, _) => Some(*y),
        _ => None,
    };
    let (zh_y, en_y) = match year {
        Some(y) => (format!("({y}年)"), format!(" ({y})")),
        None => (String::new(), String::new()),
    };
    let Some(change) = f.change else {
        // Not entered yet: the value it takes, not a change.
        return Some(Text::new(
            format!(
                "{}{zh_y} 达到 {}",
                label.zh,
                format_num(f.value, unit, Lang::Zh)
            ),
            format!(
                "{}{en_y} at {}",
                label.en,
                format_num(f.value, unit, Lang::En)
            ),
        ));
    };
    Some(Text::new(
        format!("{}{zh_y} {}", label.zh, signed(change, unit, Lang::Zh)),
        format!(
            "{} {}{en_y}",
            signed(change, unit, Lang::En),
            lower_first(&label.en)
        ),
    ))
}

/// A score's goal-seek answer, not yet met: the changes and the range of points they give.
fn score_fix_phrase(c: &Check, s: &crate::eval::ScoreResult) -> Option<Text> {
    let Some(Shown::Range { min, max }) = s.reach else {
        return None;
    };
    let fixes: Vec<Text> = c.fix.iter().filter_map(fix_phrase).collect();
    if fixes.is_empty() || c.status == crate::eval::Status::Met {
        return None;
    }
    let zh: Vec<&str> = fixes.iter().map(|t| t.zh.as_str()).collect();
    let en: Vec<&str> = fixes.iter().map(|t| t.en.as_str()).collect();
    let range = |sep: &str| {
        if min == max {
            min.to_decimal_string(1)
        } else {
            format!(
                "{}{sep}{}",
                min.to_decimal_string(1),
                max.to_decimal_string(1)
            )
        }
    };
    Some(Text::new(
        format!("{}:得分 {} 分", zh.join(";"), range("–")),
        format!("{}: score {}", en.join("; "), range("–")),
    ))
}

/// What it takes to meet a criterion that is not met, in a few words; `None` when met or
/// when nothing can be said.
pub fn gap_phrase(c: &Check) -> Option<Text> {
    use crate::eval::Status;
    if let Some(t) = c.score.as_ref().and_then(|s| score_fix_phrase(c, s)) {
        return Some(t);
    }
    if c.status != Status::NotMet {
        return None;
    }
    if let Some(d) = c.met_from {
        return Some(Text::new(format!("{d} 起满足"), format!("met from {d}")));
    }
    if let Some(score) = &c.score {
        let need = match c.op {
            Some(Op::Gt) => score.pass.checked_add(Num::ONE)?,
            _ => score.pass,
        };
        let short = need.checked_sub(score.max)?;
        if !short.is_negative() && !short.is_zero() {
            return Some(Text::new(
                format!("最高可得分还差 {} 分", short.to_decimal_string(1)),
                format!("{} points short at best", short.to_decimal_string(1)),
            ));
        }
    }
    let fixes: Vec<Text> = c.fix.iter().filter_map(fix_phrase).collect();
    let ratio_or_growth = c.unit == Some(Unit::Percent);
    if !fixes.is_empty() {
        let zh: Vec<&str> = fixes.iter().map(|t| t.zh.as_str()).collect();
        let en: Vec<&str> = fixes.iter().map(|t| t.en.as_str()).collect();
        let (zh_tail, en_tail) = if ratio_or_growth {
            ("(其他数据不变)", " with other figures unchanged")
        } else {
            ("", "")
        };
        let mut zh = zh.join(";");
        let mut en = en.join("; ");
        zh.push_str(zh_tail);
        en.push_str(en_tail);
        if let (Some(gap), Some(Unit::Percent)) = (c.gap, c.unit) {
            let pp = signed(gap, Unit::Percent, Lang::En);
            let pp = pp.trim_end_matches('%');
            return Some(Text::new(
                format!("差 {pp} 个百分点:{zh}"),
                format!("{pp} percentage points: {en}"),
            ));
        }
        return Some(Text::new(zh, en));
    }
    let (gap, unit) = (c.gap?, c.unit?);
    if unit == Unit::Percent {
        let pp = signed(gap, Unit::Percent, Lang::En);
        let pp = pp.trim_end_matches('%').to_string();
        return Some(Text::new(
            format!("差 {pp} 个百分点"),
            format!("{pp} percentage points"),
        ));
    }
    Some(Text::new(
        signed(gap, unit, Lang::Zh),
        signed(gap, unit, Lang::En),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Num {
        Num::parse_decimal(s).unwrap()
    }

    #[test]
    fn numbers_in_their_units() {
        assert_eq!(format_num(n("300"), Unit::Wan, Lang::Zh), "¥300万");
        assert_eq!(format_num(n("1500.5"), Unit::Wan, Lang::En), "¥1,500.5万");
        assert_eq!(format_num(n("15200"), Unit::Wan, Lang::En), "¥1.52亿");
        assert_eq!(format_num(n("4.2"), Unit::Percent, Lang::En), "4.2%");
        assert_eq!(
            format_num(Num::ratio(1, 3).unwrap(), Unit::Percent, Lang::En),
            "0.33%"
        );
        assert_eq!(format_num(n("1200"), Unit::Count, Lang::En), "1,200");
        assert_eq!(format_num(n("2"), Unit::Years, Lang::Zh), "2 年");
        assert_eq!(format_num(n("1"), Unit::Years, Lang::En), "1 year");
    }

    #[test]
    fn fix_phrases_name_the_input_and_year() {
        let f = Fix {
            input: InputRef::Year(2024, crate::profile::YearField::RdStaff),
            value: n("160"),
            change: Some(n("12")),
        };
        let t = fix_phrase(&f).unwrap();
        assert_eq!(t.en, "+12 full-time R&D staff (2024)");
        assert_eq!(t.zh, "专职研究与试验发展人员数(2024年) +12");
        let f = Fix {
            input: InputRef::Year(2024, crate::profile::YearField::RdExpense),
            value: n("480"),
            change: Some(n("180")),
        };
        assert_eq!(fix_phrase(&f).unwrap().en, "+¥180万 R&D expenditure (2024)");
    }

    #[test]
    fn words_have_names() {
        assert_eq!(word_name("xiamen", Lang::Zh), "厦门市");
        assert_eq!(
            word_name("software-it", Lang::En),
            "Software and IT services"
        );
        assert_eq!(word_name("provincial-etc", Lang::Zh), "省级企业技术中心");
    }
}
