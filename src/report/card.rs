//! A program's card: its head line, and inside it every criterion with the actual value against
//! the dated, cited threshold, a bar for how close it is, the gap in words and what is still
//! needed.

use chrono::NaiveDate;
use qualify_engine::eval::{Check, CriterionResult, Part, ProgramResult, ScoreResult, Shown};
use qualify_engine::explain::{format_shown, gap_phrase};
use qualify_engine::pack::{Origin, Pack, SourceRef, Version};
use qualify_engine::present::confidence_words;
use qualify_engine::reads::declarations;
use qualify_engine::{InputRef, Lang, Num, Status};

use super::{outcome_badge, program_link, status_badge, where_line};
use crate::i18n::{fill, ui};
use crate::markup::{h, hc, El, M};

fn required_text(c: &Check, lang: Lang) -> Option<String> {
    let req = c.required.as_ref()?;
    let value = format_shown(req, c.unit, lang);
    Some(match (c.op, req) {
        (Some(op), Shown::Num(_)) => format!("{} {value}", op.sign()),
        _ => value,
    })
}

/// What a criterion still needs, in three lines: figures to enter, self-assessed items to
/// score and declarations to answer. The engine names the last two by their keys (XM6,
/// H8.ip_advance); a declaration is shown by its text, and self-assessed items, whose texts are
/// whole scoring rules, by their number: the form lists them under Declarations.
fn needs_lines(c: &Check, version: Option<&Version>, lang: Lang) -> Vec<El> {
    let u = ui(lang);
    let mut figures = Vec::new();
    let mut scores = 0;
    let mut declared = Vec::new();
    for n in &c.needs {
        match n {
            InputRef::Confirmation(key) => declared.push(
                version
                    .and_then(|v| declarations(v).into_iter().find(|d| d.key == &**key))
                    .map(|d| d.label.get(lang).to_string())
                    .unwrap_or_else(|| n.label().get(lang).to_string()),
            ),
            InputRef::SelfScore(_) => scores += 1,
            other => figures.push(other.label().get(lang).to_string()),
        }
    }
    let sep = lang.pick(":", ": ");
    let line = |text: String| hc("p", "q-needs").c(text);
    let mut out = Vec::new();
    if !figures.is_empty() {
        out.push(line(format!(
            "{}{sep}{}",
            u.needs_inputs,
            figures.join(lang.pick("、", "; "))
        )));
    }
    if scores > 0 {
        out.push(line(fill(u.needs_scores, &[&scores.to_string()])));
    }
    if !declared.is_empty() {
        out.push(line(format!(
            "{}{sep}{}",
            u.needs_answers,
            declared.join(lang.pick("、", "; "))
        )));
    }
    out
}

/// A percentage of a whole, for widths: whole numbers only, so no float formatting is needed.
fn pct(part: f64, whole: f64) -> i64 {
    if whole <= 0.0 {
        return 0;
    }
    ((part / whole) * 100.0).round().clamp(0.0, 100.0) as i64
}

/// A bar for how close a figure is to its threshold.
fn bar(progress: Option<f64>, status: Status, label: &str) -> Option<El> {
    let p = pct(progress?, 1.0);
    Some(
        hc("div", "q-bar")
            .a("role", "meter")
            .a("aria-valuemin", "0")
            .a("aria-valuemax", "100")
            .a("aria-valuenow", p.to_string())
            .a("aria-label", label)
            .c(
                hc("span", &format!("q-bar-fill q-bar-fill--{}", status.slug()))
                    .a("style", format!("width:{p}%")),
            ),
    )
}

fn points(n: Num) -> String {
    n.to_decimal_string(1)
}

fn range(min: Num, max: Num) -> String {
    if min == max {
        points(min)
    } else {
        format!("{}–{}", points(min), points(max))
    }
}

/// A stacked bar: the sure points, then the range still open.
fn score_bar(class: &str, lo: Num, hi: Num, of: f64, label: &str) -> El {
    let lo_p = pct(lo.to_f64(), of);
    let hi_p = pct(hi.to_f64(), of).max(lo_p);
    hc("span", class)
        .a("role", "img")
        .a("aria-label", label)
        .c(hc("span", "q-sbar-min").a("style", format!("width:{lo_p}%")))
        .c(hc("span", "q-sbar-range").a("style", format!("width:{}%", hi_p - lo_p)))
}

fn score_chart(score: &ScoreResult, lang: Lang) -> El {
    let u = ui(lang);
    let total: f64 = score.items.iter().map(|i| i.of.to_f64()).sum::<f64>();
    let summary = format!(
        "{} {}{}{} {}",
        u.score,
        range(score.min, score.max),
        lang.pick(",", ", "),
        u.pass_line,
        points(score.pass)
    );
    let pass_at = pct(score.pass.to_f64(), total);
    let items = score.items.iter().map(|it| {
        let text = format!(
            "{}{}{} / {}",
            it.label.get(lang),
            lang.pick(":", ": "),
            range(it.min, it.max),
            points(it.of)
        );
        hc("li", "q-score-item")
            .c(hc("span", "q-score-label").c(text.clone()))
            .c(score_bar("q-sbar", it.min, it.max, it.of.to_f64(), &text))
    });
    let groups = score.groups.iter().map(|g| {
        let req = g
            .required
            .map(|r| format!(" ≥ {}", points(r)))
            .unwrap_or_default();
        hc(
            "li",
            &format!("q-score-group q-status q-status--{}", g.status.slug()),
        )
        .c(format!(
            "{}{}{}{req}",
            g.label.get(lang),
            lang.pick(":", ": "),
            range(g.min, g.max)
        ))
    });
    hc("figure", "q-score")
        .c(h("figcaption").c(summary.clone()))
        .c(score_bar(
            "q-sbar q-sbar--total",
            score.min,
            score.max,
            total,
            &summary,
        )
        .c(hc("span", "q-sbar-pass").a("style", format!("left:{pass_at}%"))))
        .c(hc("ul", "q-score-items").cs(items))
        .c_opt((!score.groups.is_empty()).then(|| hc("ul", "q-score-groups").cs(groups)))
}

/// Actual, required and gap.
fn figures(c: &Check, lang: Lang) -> El {
    let u = ui(lang);
    let pair = |dt: &str, dd: El| h("div").c(h("dt").c(dt)).c(dd);
    let actual = c.actual.as_ref().map(|a| format_shown(a, c.unit, lang));
    let required = required_text(c, lang).map(|r| {
        let case = c
            .case
            .map(|t| hc("span", "q-case").c(format!(" ({})", t.get(lang))));
        hc("dd", "q-required").c(r).c_opt(case)
    });
    let gap = gap_phrase(c).map(|t| t.get(lang).to_string());
    hc("dl", "q-figs")
        .c_opt(actual.map(|a| pair(u.actual, hc("dd", "q-actual").c(a))))
        .c_opt(required.map(|r| pair(u.required, r)))
        .c_opt(gap.map(|g| pair(u.gap, hc("dd", "q-gap").c(g))))
}

fn part(p: &Part, lang: Lang) -> El {
    let c = &p.check;
    let label = p.label.get(lang);
    hc("li", &format!("q-part q-part--{}", c.status.slug()))
        .a("data-part-status", c.status.slug())
        .c(hc("span", "q-part-label").c(label))
        .c(" ")
        .c(status_badge(c.status, lang))
        .c(figures(c, lang))
        .c_opt(bar(c.progress, c.status, label))
        .c_opt(
            (!c.parts.is_empty())
                .then(|| hc("ul", "q-parts").cs(c.parts.iter().map(|p| part(p, lang)))),
        )
}

/// The citation of a criterion, each document linked where the pack gives its address.
fn sources(pack: &Pack, refs: &[SourceRef], lang: Lang) -> Vec<M> {
    let mut out = Vec::new();
    for (i, r) in refs.iter().enumerate() {
        if i > 0 {
            out.push(M::from(lang.pick(";", "; ")));
        }
        let doc = pack.source(&r.doc);
        let name = doc
            .map(|d| {
                d.number
                    .clone()
                    .unwrap_or_else(|| d.title.get(lang).to_string())
            })
            .unwrap_or_else(|| r.doc.clone());
        let text = match &r.at {
            Some(at) => format!("{name} {at}"),
            None => name,
        };
        let title = doc
            .map(|d| d.title.get(lang).to_string())
            .unwrap_or_default();
        out.push(match doc.and_then(|d| d.url.clone()) {
            Some(url) => h("a")
                .a("href", url)
                .a("title", title)
                .a("rel", "noopener noreferrer")
                .a("target", "_blank")
                .c(text)
                .into(),
            None => h("cite").a("title", title).c(text).into(),
        });
    }
    out
}

fn criterion(pack: &Pack, c: &CriterionResult, version: &str, lang: Lang) -> El {
    let rules = pack.versions.iter().find(|v| v.id == version);
    let u = ui(lang);
    let check = &c.check;
    let label = c.label.get(lang);
    let note = check
        .note
        .as_ref()
        .map(|t| t.get(lang).to_string())
        .or_else(|| c.criterion_note.map(|t| t.get(lang).to_string()));
    hc("li", &format!("q-crit q-crit--{}", check.status.slug()))
        .key(c.id)
        .a("data-criterion", c.id)
        .a("data-status", check.status.slug())
        .c(hc("div", "q-crit-head")
            .c(hc("span", "q-crit-id").c(c.id))
            .c(hc("span", "q-crit-label").c(label))
            .c(status_badge(check.status, lang)))
        .c(figures(check, lang))
        .c_opt(bar(check.progress, check.status, label))
        .c_opt(check.score.as_ref().map(|s| score_chart(s, lang)))
        .c_opt(
            (!check.parts.is_empty())
                .then(|| hc("ul", "q-parts").cs(check.parts.iter().map(|p| part(p, lang)))),
        )
        .cs(needs_lines(check, rules, lang))
        .c_opt(note.map(|n| hc("p", "q-note").c(n)))
        .c(hc("p", "q-src")
            .c(format!("{}{}", u.source, lang.pick(":", ": ")))
            .cs(sources(pack, c.sources, lang))
            .c(format!(" · {}{}", u.confidence, lang.pick(":", ": ")))
            .c(hc("span", "q-conf")
                .a("data-confidence", c.confidence)
                .c(confidence_words(c.confidence).get(lang)))
            .c(format!(" · {} {version}", u.version)))
}

fn version_line(r: &ProgramResult, lang: Lang) -> String {
    let u = ui(lang);
    let sep = lang.pick(":", ": ");
    match r.version.effective_until {
        Some(until) => format!(
            "{} {}{sep}{} {} {} {until}",
            u.version, r.version.id, u.effective, r.version.effective_from, u.until
        ),
        None => format!(
            "{} {}{sep}{} {}",
            u.version, r.version.id, u.effective, r.version.effective_from
        ),
    }
}

/// The summary line of a program's card.
pub fn card_head(pack: &Pack, r: Option<&ProgramResult>, title_id: &str, lang: Lang) -> Vec<M> {
    let u = ui(lang);
    let title = hc("h3", "q-card-title")
        .a("id", title_id)
        .c(pack.name.get(lang));
    let Some(r) = r else {
        return vec![
            title.into(),
            hc("span", "q-meta").c(u.no_version_in_force).into(),
        ];
    };
    let met = r
        .criteria
        .iter()
        .filter(|c| c.check.status == Status::Met)
        .count();
    let mut out: Vec<M> = vec![
        title.into(),
        outcome_badge(r.outcome, lang).into(),
        hc("span", "q-meta").c(where_line(pack, lang)).into(),
        hc("span", "q-meta")
            .c(format!("{met}/{} {}", r.criteria.len(), u.criteria_met))
            .into(),
    ];
    if r.origin == Origin::Host {
        out.push(hc("span", "q-tag q-tag--host").c(u.host_pack).into());
    }
    out
}

/// The inside of a program's card: notices, the rule version and every criterion.
pub fn card_body(
    pack: &Pack,
    r: Option<&ProgramResult>,
    next_from: Option<NaiveDate>,
    lang: Lang,
) -> Vec<M> {
    let u = ui(lang);
    let mut out: Vec<M> = Vec::new();
    match r {
        None => {
            let next = next_from
                .map(|d| format!("{}{} {d}", lang.pick(";", "; "), u.next_version_from))
                .unwrap_or_default();
            out.push(h("p").c(format!("{}{next}", u.no_version_in_force)).into());
        }
        Some(r) => {
            out.extend(
                r.notices
                    .iter()
                    .map(|n| hc("p", "q-notice").a("role", "note").c(n.get(lang)).into()),
            );
            let checked = pack
                .checked
                .map(|d| format!(" · {}{}{d}", u.checked, lang.pick(":", ": ")));
            out.push(
                hc("p", "q-version")
                    .c(version_line(r, lang))
                    .c_opt(checked)
                    .into(),
            );
            out.push(
                hc("ul", "q-crits")
                    .cs(r
                        .criteria
                        .iter()
                        .map(|c| criterion(pack, c, r.version.id, lang)))
                    .into(),
            );
        }
    }
    out.push(h("p").c(program_link(&pack.id, u.open_program_page)).into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::{bundled, evaluate, parse_date, Profile};

    #[test]
    fn every_criterion_row_carries_its_hooks() {
        let packs = bundled::packs();
        let profile = Profile::from_json(include_str!(
            "../../crates/engine/tests/data/example-profile.json"
        ))
        .unwrap();
        let a = evaluate(&packs, &profile, parse_date("2025-06-30").unwrap());
        for (pack, r) in packs.iter().zip(&a.programs) {
            for lang in [Lang::Zh, Lang::En] {
                let body: M = hc("div", "")
                    .cs(card_body(pack, Some(r), None, lang))
                    .into();
                let rows: Vec<&El> = body
                    .elements()
                    .into_iter()
                    .filter(|e| e.attr("data-criterion").is_some())
                    .collect();
                assert_eq!(rows.len(), r.criteria.len(), "{}", pack.id);
                for (row, c) in rows.iter().zip(&r.criteria) {
                    assert_eq!(row.attr("data-criterion"), Some(c.id));
                    assert_eq!(row.attr("data-status"), Some(c.check.status.slug()));
                }
                // Confidence in words, never as its code.
                let words = confidence_words(r.criteria[0].confidence);
                assert!(body.text().contains(words.get(lang)), "{}", pack.id);
                assert!(!body
                    .text()
                    .contains(&format!(": {}", r.criteria[0].confidence)));
            }
        }
    }

    #[test]
    fn still_needed_names_declarations_by_their_text_and_counts_self_scores() {
        let packs = bundled::packs();
        let profile = Profile::from_json(include_str!(
            "../../crates/engine/tests/data/example-profile.json"
        ))
        .unwrap();
        let a = evaluate(&packs, &profile, parse_date("2025-06-30").unwrap());
        let needs = |id: &str, lang| -> Vec<String> {
            let (pack, r) = packs
                .iter()
                .zip(&a.programs)
                .find(|(p, _)| p.id == id)
                .unwrap();
            let body: M = hc("div", "")
                .cs(card_body(pack, Some(r), None, lang))
                .into();
            body.elements()
                .into_iter()
                .filter(|e| e.attr("class") == Some("q-needs"))
                .map(|e| M::from(e.clone()).text())
                .collect()
        };
        assert_eq!(
            needs("xm-etc-pool", Lang::Zh),
            ["还需在“自行声明”中确认:计划一年内申报市级企业技术中心"]
        );
        let en = needs("xm-etc-pool", Lang::En);
        assert!(
            en[0].starts_with("Still to confirm under Declarations: "),
            "{en:?}"
        );
        assert!(!en[0].contains("XM6"));
        let hnte = needs("cn-hnte", Lang::En);
        assert!(
            hnte.iter()
                .any(|l| l.starts_with("Still to score under Declarations: ")
                    && l.ends_with(" self-assessed items")),
            "{hnte:?}"
        );
        assert!(!hnte.iter().any(|l| l.contains("H8.")), "{hnte:?}");
    }

    #[test]
    fn widths_are_whole_percentages() {
        assert_eq!(pct(1.0, 3.0), 33);
        assert_eq!(pct(5.0, 0.0), 0);
        assert_eq!(pct(7.0, 5.0), 100);
    }
}
