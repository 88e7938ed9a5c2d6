//! A rule in words, for the program pages generated from a pack: "R&D expenditure (prior
//! year) ≥ ¥300万", "any of:", the bands of a score table.

use crate::model::measure_label;
use crate::model::{Item, ItemKind, Node, Rule, Threshold};
use crate::num::Num;
use crate::present::explain::{format_num, word_name};
use crate::profile::{Category, Unit};
use crate::text::{Lang, Text};

/// One line of a description, indented by `depth`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub depth: usize,
    pub text: Text,
}

fn both(f: impl Fn(Lang) -> String) -> Text {
    Text::new(f(Lang::Zh), f(Lang::En))
}

fn points(p: (Num, Num), lang: Lang) -> String {
    if p.0 == p.1 {
        format_num(p.0, Unit::Points, lang)
    } else {
        let hi = format_num(p.1, Unit::Points, lang);
        format!("{}–{hi}", p.0.to_decimal_string(1))
    }
}

/// A one-line summary of a rule, without its parts.
fn headline(n: &Node) -> Text {
    match &n.rule {
        Rule::Compare {
            measure,
            op,
            threshold,
            unit,
        } => {
            let m = measure_label(measure);
            let t = match threshold {
                Threshold::Fixed(v) => both(|l| format_num(*v, *unit, l)),
                Threshold::Measure(other) => measure_label(other),
                Threshold::Cases { cases, otherwise } => both(|l| {
                    let mut parts: Vec<String> = cases
                        .iter()
                        .map(|c| {
                            let when = c.label.clone().unwrap_or_else(|| headline(&c.when));
                            format!("{}({})", format_num(c.then, *unit, l), when.get(l))
                        })
                        .collect();
                    if let Some(o) = otherwise {
                        let other = l.pick("其他情形", "otherwise");
                        parts.push(format!("{}({other})", format_num(*o, *unit, l)));
                    }
                    parts.join(l.pick(";", "; "))
                }),
            };
            let s = op.sign();
            Text::new(
                format!("{} {s} {}", m.zh, t.zh),
                format!("{} {s} {}", m.en, t.en),
            )
        }
        Rule::In { field, values } => {
            let f = field.label();
            both(|l| {
                let names: Vec<String> = values
                    .iter()
                    .map(|v| match v {
                        Category::Word(w) => word_name(w, l),
                        Category::Flag(b) => word_name(&b.to_string(), l),
                    })
                    .collect();
                format!("{}:{}", f.get(l), names.join(l.pick("、", ", ")))
            })
        }
        Rule::Holds { .. } => n.display.clone(),
        Rule::Declared { .. } => {
            let what = n.label.clone().unwrap_or_else(|| Text::new("", ""));
            Text::new(
                format!(
                    "自行声明{}",
                    if what.zh.is_empty() {
                        String::new()
                    } else {
                        format!(":{}", what.zh)
                    }
                ),
                format!(
                    "Self-declared{}",
                    if what.en.is_empty() {
                        String::new()
                    } else {
                        format!(": {}", what.en)
                    }
                ),
            )
        }
        Rule::Unpublished { note } => Text::new(
            format!("标准未公开,无法评估:{}", note.zh),
            format!("Threshold not published, cannot be assessed: {}", note.en),
        ),
        Rule::All(_) => Text::new("同时满足:", "All of:"),
        Rule::Any(_) => Text::new("满足其一:", "Any one of:"),
        Rule::Switch { .. } => Text::new("按情形:", "Depending on the case:"),
        Rule::Score(s) => {
            let s_op = s.pass_op.sign();
            both(|l| {
                let pass = format_num(s.pass, Unit::Points, l);
                match l {
                    Lang::Zh => format!("评分 {s_op} {pass}"),
                    Lang::En => format!("Score {s_op} {pass}"),
                }
            })
        }
    }
}

fn item_lines(it: &Item, depth: usize, out: &mut Vec<Line>) {
    let max = it.max;
    out.push(Line {
        depth,
        text: both(|l| {
            let max = format_num(max, Unit::Points, l);
            format!("{}{}{max})", it.label.get(l), l.pick("(满分 ", " (max "))
        }),
    });
    match &it.kind {
        ItemKind::SelfAssessed => out.push(Line {
            depth: depth + 1,
            text: Text::new("由企业自评", "Self-assessed by the enterprise"),
        }),
        ItemKind::Bands { bands, otherwise } => {
            for b in bands {
                let when = b.when.label.clone().unwrap_or_else(|| headline(&b.when));
                out.push(Line {
                    depth: depth + 1,
                    text: both(|l| format!("{} → {}", when.get(l), points(b.points, l))),
                });
            }
            out.push(Line {
                depth: depth + 1,
                text: both(|l| {
                    format!(
                        "{} → {}",
                        l.pick("其他", "Otherwise"),
                        points(*otherwise, l)
                    )
                }),
            });
        }
        ItemKind::BestOf(alts) => {
            out.push(Line {
                depth: depth + 1,
                text: Text::new("取以下方式中得分较高者:", "The better of:"),
            });
            for a in alts {
                item_lines(a, depth + 2, out);
            }
        }
    }
}

fn lines(n: &Node, depth: usize, out: &mut Vec<Line>) {
    let head = headline(n);
    // A rule made of others heads its lines with the pack's label and how they combine.
    let text = match (&n.label, n.rule.kind().is_composite()) {
        (Some(label), true) => Text::new(
            format!("{}:{}", label.zh, head.zh),
            format!("{}: {}", label.en, head.en),
        ),
        _ => head,
    };
    out.push(Line { depth, text });
    match &n.rule {
        Rule::All(parts) | Rule::Any(parts) => {
            for p in parts {
                lines(p, depth + 1, out);
            }
        }
        Rule::Switch { cases, otherwise } => {
            for c in cases {
                let when = c.label.clone().unwrap_or_else(|| headline(&c.when));
                out.push(Line {
                    depth: depth + 1,
                    text: Text::new(format!("若{}:", when.zh), format!("If {}:", when.en)),
                });
                lines(&c.then, depth + 2, out);
            }
            out.push(Line {
                depth: depth + 1,
                text: Text::new("其他情形:", "Otherwise:"),
            });
            lines(otherwise, depth + 2, out);
        }
        Rule::Score(s) => {
            for it in &s.items {
                item_lines(it, depth + 1, out);
            }
            for g in &s.groups {
                let mut bits: Vec<Text> = Vec::new();
                if let Some(min) = g.min {
                    bits.push(both(|l| {
                        format!(
                            "{} {}",
                            l.pick("不低于", "at least"),
                            format_num(min, Unit::Points, l)
                        )
                    }));
                }
                if let Some(cap) = g.cap {
                    bits.push(both(|l| {
                        format!(
                            "{} {}",
                            l.pick("最高计", "capped at"),
                            format_num(cap, Unit::Points, l)
                        )
                    }));
                }
                if bits.is_empty() {
                    continue;
                }
                out.push(Line {
                    depth: depth + 1,
                    text: both(|l| {
                        let b: Vec<&str> = bits.iter().map(|t| t.get(l)).collect();
                        format!(
                            "{}{}{}",
                            g.label.get(l),
                            l.pick(":", ": "),
                            b.join(l.pick(",", ", "))
                        )
                    }),
                });
            }
        }
        Rule::Compare { .. }
        | Rule::In { .. }
        | Rule::Holds { .. }
        | Rule::Declared { .. }
        | Rule::Unpublished { .. } => {}
    }
}

/// The rule of a criterion as indented lines.
pub fn describe(n: &Node) -> Vec<Line> {
    let mut out = Vec::new();
    lines(n, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;

    #[test]
    fn every_bundled_criterion_can_be_described() {
        for pack in bundled::packs() {
            for v in pack.versions.iter() {
                for c in &v.criteria {
                    let d = describe(&c.rule);
                    assert!(!d.is_empty());
                    assert!(
                        d.iter()
                            .all(|l| !l.text.zh.is_empty() && !l.text.en.is_empty()),
                        "{} {}",
                        pack.id,
                        c.id
                    );
                }
            }
        }
    }

    #[test]
    fn a_minimum_reads_naturally() {
        let packs = bundled::packs();
        let pool = packs.iter().find(|p| p.id == "xm-etc-pool").unwrap();
        let c = pool.versions[0]
            .criteria
            .iter()
            .find(|c| c.id == "XM5")
            .unwrap();
        let d = describe(&c.rule);
        assert_eq!(d[0].text.zh, "上年度专职研究与试验发展人员数 ≥ 15");
        assert_eq!(d[0].text.en, "Full-time R&D staff (prior year) ≥ 15");
    }
}
