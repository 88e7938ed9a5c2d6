//! The printed report's first page: who, on which date's rules, and one line per program with
//! its outcome, the rules applied and what stands most in the way; and its appendix, the figures
//! the assessment used.

use qualify_engine::eval::ProgramResult;
use qualify_engine::Lang;

use super::ladder::takes;
use super::outcome_badge;
use crate::i18n::{fill, ui};
use crate::markup::{h, hc, El};

/// How many of a program's open points its line names; the card has the rest.
const TOP_GAPS: usize = 2;

/// The first page's table: one row per program shown.
pub fn summary_table(results: &[&ProgramResult], lang: Lang) -> El {
    let u = ui(lang);
    let rows = results.iter().map(|r| {
        let mut gaps = takes(r, lang);
        let more = gaps.len().saturating_sub(TOP_GAPS);
        gaps.truncate(TOP_GAPS);
        if more > 0 {
            gaps.push(fill(u.report_more, &[&more.to_string()]));
        }
        h("tr")
            .key(r.id)
            .c(h("th").a("scope", "row").c(r.name.get(lang)))
            .c(h("td").c(outcome_badge(r.outcome, lang)))
            .c(h("td").c(format!("{} · {}", r.version.id, r.version.effective_from)))
            .c(h("td").c(if gaps.is_empty() {
                h("span").c("—")
            } else {
                hc("ul", "q-takes").cs(gaps.into_iter().map(|g| h("li").c(g)))
            }))
    });
    hc("table", "q-report-table")
        .c(h("thead").c(h("tr")
            .c(h("th").a("scope", "col").c(u.report_program))
            .c(h("th").a("scope", "col").c(u.report_outcome))
            .c(h("th").a("scope", "col").c(u.report_rules))
            .c(h("th").a("scope", "col").c(u.report_gaps))))
        .c(h("tbody").cs(rows))
}

/// One section of the figures used: a label per row, and a column per year where the section
/// is yearly.
pub struct FigureRows<'a> {
    pub legend: &'a str,
    pub years: &'a [i32],
    /// Each row's label and its values, one per year (one in all when not yearly).
    pub rows: Vec<(String, Vec<String>)>,
}

/// The appendix: every figure the assessment used, as entered.
pub fn figures_tables(sections: &[FigureRows], lang: Lang) -> Vec<El> {
    let u = ui(lang);
    sections
        .iter()
        .filter(|s| !s.rows.is_empty())
        .map(|s| {
            let head =
                h("tr")
                    .c(h("th").a("scope", "col").c(u.report_item))
                    .cs(if s.years.is_empty() {
                        vec![h("th").a("scope", "col").c(u.report_value)]
                    } else {
                        s.years
                            .iter()
                            .map(|y| h("th").a("scope", "col").c(y.to_string()))
                            .collect()
                    });
            let rows = s.rows.iter().map(|(label, values)| {
                h("tr")
                    .c(h("th").a("scope", "row").c(label.as_str()))
                    .cs(values.iter().map(|v| h("td").c(v.as_str())))
            });
            hc("table", "q-report-table q-report-figures")
                .c(h("caption").c(s.legend))
                .c(h("thead").c(head))
                .c(h("tbody").cs(rows))
        })
        .collect()
}
