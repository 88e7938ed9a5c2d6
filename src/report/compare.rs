//! The what-if comparison: each criterion's status now and in the what-if, and how many moved.

use qualify_engine::eval::ProgramResult;
use qualify_engine::{Lang, Status};

use super::{outcome_badge, status_badge};
use crate::i18n::ui;
use crate::markup::{h, hc, El};

/// The rows of the what-if comparison: each criterion's status now and in the what-if.
pub fn compare_table(now: &ProgramResult, then: &ProgramResult, lang: Lang) -> El {
    let u = ui(lang);
    // Each cell names its column too: at 360 px the rows stack and the header is hidden.
    let cell = |st: Status, label: &str| h("td").a("data-label", label).c(status_badge(st, lang));
    let moved = now
        .criteria
        .iter()
        .zip(&then.criteria)
        .filter(|(a, b)| a.check.status != b.check.status)
        .count();
    let rows = now.criteria.iter().zip(&then.criteria).map(|(a, b)| {
        let mut row = h("tr").key(a.id).a("data-whatif-criterion", a.id);
        if a.check.status != b.check.status {
            row = row.a("class", "q-flipped");
        }
        row.c(h("th")
            .a("scope", "row")
            .c(format!("{} {}", a.id, a.label.get(lang))))
            .c(cell(a.check.status, u.whatif_now))
            .c(cell(b.check.status, u.whatif_then))
    });
    hc("table", "q-compare")
        .a("data-whatif", now.id)
        .a("data-moved", moved.to_string())
        .c(h("caption").c(format!(
            "{} · {}{moved}",
            now.name.get(lang),
            u.whatif_moved
        )))
        .c(h("thead").c(h("tr")
            .c(h("th").a("scope", "col").c(u.criteria))
            .c(h("th").a("scope", "col").c(u.whatif_now))
            .c(h("th").a("scope", "col").c(u.whatif_then))))
        .c(h("tbody")
            .c(hc("tr", "q-compare-outcome")
                .c(h("th").a("scope", "row").c(u.outcome))
                .c(h("td")
                    .a("data-label", u.whatif_now)
                    .a("data-whatif-was", now.outcome.slug())
                    .c(outcome_badge(now.outcome, lang)))
                .c(h("td")
                    .a("data-label", u.whatif_then)
                    .a("data-whatif-outcome", then.outcome.slug())
                    .c(outcome_badge(then.outcome, lang))))
            .cs(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::M;
    use qualify_engine::eval::evaluate_version;
    use qualify_engine::{bundled, parse_date, Profile};

    /// The R&D that meets N1: the national center's table counts one criterion moved and
    /// marks its row, and every cell names its column for the stacked rows at 360 px.
    #[test]
    fn the_table_counts_and_marks_what_moved() {
        let packs = bundled::packs();
        let pack = packs.iter().find(|p| p.id == "cn-national-etc").unwrap();
        let as_of = parse_date("2025-06-30").unwrap();
        let text = include_str!("../../crates/engine/tests/data/example-profile.json");
        let short = text
            .replace("\"rd_expense\": 2100", "\"rd_expense\": 1000")
            .replace(
                "\"rd_expense_domestic\": 2100",
                "\"rd_expense_domestic\": 1000",
            );
        let now = Profile::from_json(&short).unwrap();
        let then = Profile::from_json(text).unwrap();
        let v = pack.version_on(as_of).unwrap();
        let (a, b) = (
            evaluate_version(pack, v, &now, as_of),
            evaluate_version(pack, v, &then, as_of),
        );
        for lang in [Lang::Zh, Lang::En] {
            let table: M = compare_table(&a, &b, lang).into();
            let els = table.elements();
            assert_eq!(els[0].attr("data-moved"), Some("1"));
            let flipped: Vec<_> = els
                .iter()
                .filter(|e| e.attr("class") == Some("q-flipped"))
                .filter_map(|e| e.attr("data-whatif-criterion"))
                .collect();
            assert_eq!(flipped, ["N1"]);
            let u = ui(lang);
            assert!(els
                .iter()
                .filter(|e| e.attr("data-label").is_some())
                .all(|e| [u.whatif_now, u.whatif_then].contains(&e.attr("data-label").unwrap())));
            assert!(table.text().contains(&format!("{}1", u.whatif_moved)));
        }
    }
}
