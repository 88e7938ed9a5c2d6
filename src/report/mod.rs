//! What the results, the ladder, the program pages and the what-if table show, built as markup
//! (see `markup.rs`) by plain functions of the engine's results, so they are tested natively:
//! a program's card (`card.rs`), the ladders (`ladder.rs`), a program's page (`program.rs`) and
//! the what-if comparison (`compare.rs`), on the badges and lines they share here.

mod card;
mod compare;
mod ladder;
#[cfg(feature = "plan")]
pub mod plan;
mod program;

pub use card::{card_body, card_head};
pub use compare::compare_table;
pub use ladder::ladders;
pub use program::{confidence_legend, program_page};

use qualify_engine::explain::word_name;
use qualify_engine::pack::Pack;
use qualify_engine::{Lang, Outcome, Status};

use crate::i18n::ui;
use crate::markup::{hc, El};

/// The attribute that marks in-app links to a program page (clicks are handled by delegation).
pub const NAV_ATTR: &str = "data-q-program";

// `data-program`, `data-outcome`, `data-criterion` and `data-status` are the page hooks of
// contract section 4 and mark results alone: the ladder, the what-if table, criterion parts
// and program pages use names of their own, so a host script that reads `[data-criterion]`
// inside a `[data-program]` finds criterion rows and nothing else.

pub fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Eligible => "q-badge q-badge--eligible",
        Outcome::NotEligible => "q-badge q-badge--not-eligible",
        Outcome::Incomplete => "q-badge q-badge--incomplete",
    }
}

pub fn outcome_badge(o: Outcome, lang: Lang) -> El {
    hc("span", outcome_class(o)).c(o.label().get(lang))
}

pub(crate) fn status_badge(s: Status, lang: Lang) -> El {
    hc("span", &format!("q-status q-status--{}", s.slug())).c(s.label().get(lang))
}

/// The level and region of a program, as a short line.
pub fn where_line(pack: &Pack, lang: Lang) -> String {
    let level = pack.level.label().get(lang).to_string();
    let place = [pack.region.district, pack.region.city, pack.region.province]
        .into_iter()
        .flatten()
        .next()
        .map(|p| word_name(p, lang))
        .unwrap_or_else(|| ui(lang).national.to_string());
    format!("{level} · {place}")
}

/// An in-app link to a program's page.
pub fn program_link(id: &str, text: &str) -> El {
    hc("a", "q-link")
        .a("href", format!("?program={id}"))
        .a(NAV_ATTR, id)
        .c(text)
}
