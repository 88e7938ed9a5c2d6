//! The what-if comparison: each criterion's status now and in the what-if.

use qualify_engine::eval::ProgramResult;
use qualify_engine::{Lang, Status};

use super::{outcome_badge, status_badge};
use crate::i18n::ui;
use crate::markup::{h, hc, El};

/// The rows of the what-if comparison: each criterion's status now and in the what-if.
pub fn compare_table(now: &ProgramResult, then: &ProgramResult, lang: Lang) -> El {
    let u = ui(lang);
    let cell = |st: Status| h("td").c(status_badge(st, lang));
    let rows = now.criteria.iter().zip(&then.criteria).map(|(a, b)| {
        let mut row = h("tr").key(a.id).a("data-whatif-criterion", a.id);
        if a.check.status != b.check.status {
            row = row.a("class", "q-flipped");
        }
        row.c(h("th")
            .a("scope", "row")
            .c(format!("{} {}", a.id, a.label.get(lang))))
            .c(cell(a.check.status))
            .c(cell(b.check.status))
    });
    hc("table", "q-compare")
        .a("data-whatif", now.id)
        .c(h("caption").c(now.name.get(lang)))
        .c(h("thead").c(h("tr")
            .c(h("th").a("scope", "col").c(u.criteria))
            .c(h("th").a("scope", "col").c(u.whatif_now))
            .c(h("th").a("scope", "col").c(u.whatif_then))))
        .c(h("tbody")
            .c(hc("tr", "q-compare-outcome")
                .c(h("th").a("scope", "row").c(u.outcome))
                .c(h("td").c(outcome_badge(now.outcome, lang)))
                .c(h("td")
                    .a("data-whatif-outcome", then.outcome.slug())
                    .c(outcome_badge(then.outcome, lang))))
            .cs(rows))
}
