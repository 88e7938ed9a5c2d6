//! Names for rules and measures that a pack does not label, made from what they measure:
//! "R&D expenditure (prior year)", "Holds provincial enterprise technology center".

use crate::model::{Agg, Growth, Measure, Rule};
use crate::text::Text;

/// A label for a rule that has none, from what it measures.
pub fn rule_label(rule: &Rule) -> Text {
    match rule {
        Rule::Compare { measure, .. } => measure_label(measure),
        Rule::In { field, .. } => field.label(),
        Rule::Holds { kinds } => {
            let zh: Vec<String> = kinds.iter().map(|k| k.label().zh).collect();
            let en: Vec<String> = kinds.iter().map(|k| k.label().en).collect();
            Text::new(
                format!("持有{}", zh.join("或")),
                format!("Holds {}", en.join(" or ")),
            )
        }
        Rule::Declared { key } => Text::new(format!("声明 {key}"), format!("Declaration {key}")),
        Rule::Unpublished { .. } => Text::new("未公开的标准", "Unpublished threshold"),
        Rule::All(_) => Text::new("同时满足", "All of"),
        Rule::Any(_) => Text::new("满足其一", "Any of"),
        Rule::Switch { .. } => Text::new("按情形", "Depending on case"),
        Rule::Score(_) => Text::new("评分", "Score"),
    }
}

fn rel_year(y: i32) -> Text {
    match y {
        0 => Text::new("当年", "this year"),
        -1 => Text::new("上年度", "prior year"),
        n => Text::new(format!("前第{}年", -n), format!("year {n}")),
    }
}

pub fn measure_label(m: &Measure) -> Text {
    match m {
        Measure::Year { field, year } => {
            let (l, y) = (field.label(), rel_year(*year));
            Text::new(format!("{}{}", y.zh, l.zh), format!("{} ({})", l.en, y.en))
        }
        Measure::Years {
            field,
            from,
            to,
            agg,
            ..
        } => {
            let l = field.label();
            let n = to - from + 1;
            let (zh, en) = match agg {
                Agg::Sum => ("合计", "total"),
                Agg::Mean => ("平均", "average"),
                Agg::Min => ("每年", "each year"),
                Agg::Max => ("最高", "highest"),
            };
            Text::new(
                format!("近{n}年{}{zh}", l.zh),
                format!("{} over the last {n} years ({en})", l.en),
            )
        }
        Measure::Scalar(f) => f.label(),
        Measure::Ratio(a, b) => {
            let (a, b) = (measure_label(a), measure_label(b));
            Text::new(
                format!("{} / {}", a.zh, b.zh),
                format!("{} / {}", a.en, b.en),
            )
        }
        Measure::Growth { field, method, .. } => {
            let l = field.label();
            let (zh, en) = match method {
                Growth::Yoy => ("同比增长率", "year-on-year growth"),
                Growth::MeanRatio | Growth::MeanRatioZeroYears => ("平均增长率", "average growth"),
                Growth::Cagr => ("复合增长率", "compound growth"),
            };
            Text::new(format!("{}{zh}", l.zh), format!("{} {en}", l.en))
        }
        Measure::YearsSince { date, .. } => {
            let l = date.label();
            Text::new(
                format!("自{}起年数", l.zh),
                format!("Years since {}", l.en.to_ascii_lowercase()),
            )
        }
        Measure::YearsHeld { kinds, .. } => {
            let zh: Vec<String> = kinds.iter().map(|k| k.label().zh).collect();
            let en: Vec<String> = kinds.iter().map(|k| k.label().en).collect();
            Text::new(
                format!("持有{}年数", zh.join("或")),
                format!("Years holding {}", en.join(" or ")),
            )
        }
    }
}
