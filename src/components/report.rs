//! The printed report's own parts, shown only in print: the summary that opens it and the
//! appendix of the figures used. The cards, the ladder and the stamp between them are the
//! page's own.

use leptos::prelude::*;
use qualify_engine::explain::word_name;

use crate::browser;
use crate::fields::{path_for, sections, Kind};
use crate::i18n::ui;
use crate::markup::{h, hc};
use crate::part::Part;
use crate::report::{figures_tables, summary_table, FigureRows};
use crate::state::State;

/// Page 1: the company, the dates, and a line per program shown.
pub fn summary(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        let selected = s.selected.get();
        let name = s.built.with(|b| b.profile.name.clone()).unwrap_or_default();
        let row = |dt: &str, dd: String| h("div").c(h("dt").c(dt)).c(h("dd").c(dd));
        s.assessment.with(|a| {
            let shown: Vec<_> = a
                .programs
                .iter()
                .filter(|p| selected.contains(&p.id))
                .collect();
            hc("section", "q-report")
                .a("aria-labelledby", "q-report-h")
                .c(h("h2").a("id", "q-report-h").c(u.report_heading))
                .c(hc("dl", "q-stamp-list")
                    .c_opt((!name.is_empty()).then(|| row(u.report_company, name)))
                    .c(row(u.as_of, a.as_of.to_string()))
                    .c(row(u.printed_on, browser::today().to_string())))
                .c(if shown.is_empty() {
                    h("p").c(u.report_none)
                } else {
                    summary_table(&shown, lang)
                })
        })
    })
}

/// The appendix: every figure entered, as entered, by section, yearly ones by year.
pub fn figures(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        s.draft.with(|d| {
            let mut years: Vec<i32> = d
                .text
                .iter()
                .filter(|(_, v)| !v.trim().is_empty())
                .filter_map(|(k, _)| k.strip_prefix("years.")?.split('.').next()?.parse().ok())
                .collect();
            years.dedup();
            let shown = |value: Option<&String>, kind: Kind| match (value, kind) {
                (Some(v), Kind::Choice(_)) if !v.is_empty() => word_name(v, lang),
                (Some(v), _) => v.clone(),
                (None, _) => String::new(),
            };
            let tables: Vec<FigureRows> = sections()
                .iter()
                .map(|sec| {
                    let columns = if sec.yearly { years.len() } else { 1 };
                    let rows = sec
                        .fields
                        .iter()
                        .filter_map(|f| {
                            let values: Vec<String> = (0..columns)
                                .map(|i| {
                                    let year = years.get(i).copied().unwrap_or_default();
                                    shown(d.text.get(&path_for(f, sec.yearly, year)), f.kind)
                                })
                                .collect();
                            if values.iter().all(|v| v.trim().is_empty()) {
                                return None;
                            }
                            let label = match f.kind.unit_label(lang) {
                                Some(unit) => format!("{} ({unit})", f.label.get(lang)),
                                None => f.label.get(lang).to_string(),
                            };
                            Some((label, values))
                        })
                        .collect();
                    FigureRows {
                        legend: (sec.legend)(lang),
                        years: if sec.yearly { &years } else { &[] },
                        rows,
                    }
                })
                .collect();
            hc("section", "q-report-appendix")
                .a("aria-labelledby", "q-report-figures-h")
                .c(h("h2").a("id", "q-report-figures-h").c(u.report_figures))
                .cs(figures_tables(&tables, lang))
        })
    })
}
