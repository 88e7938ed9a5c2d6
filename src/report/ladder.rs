//! The ladders of the enterprise's region: each rung, the one it stands on, and what the next
//! one still takes.

use qualify_engine::eval::ProgramResult;
use qualify_engine::explain::gap_phrase;
use qualify_engine::ladder::Track;
use qualify_engine::{Lang, Status};

use super::{outcome_badge, program_link};
use crate::i18n::{fill, ui};
use crate::markup::{h, hc, M};

/// What the next rung still takes: its criteria that are not met, in a few words each.
fn takes(r: &ProgramResult, lang: Lang) -> Vec<String> {
    r.criteria
        .iter()
        .filter(|c| c.check.status != Status::Met)
        .map(|c| {
            let gap = gap_phrase(&c.check)
                .map(|t| format!("{}{}", lang.pick(":", ": "), t.get(lang)))
                .unwrap_or_else(|| format!(" ({})", c.check.status.label().get(lang)));
            format!("{} {}{gap}", c.id, c.label.get(lang))
        })
        .collect()
}

/// The ladders of the enterprise's region. A rung the host page did not offer (`allowed`, from
/// `data-programs`) is named but not linked: its page belongs to another site's widget, or none.
/// `reach` is the plan's word on when each next rung's program can be applied for, by program
/// id (`plan.rs`), shown under that rung once the plan's worker has answered.
pub fn ladders(
    tracks: &[Track],
    results: &[ProgramResult],
    allowed: Option<&[String]>,
    reach: &[(String, String)],
    lang: Lang,
) -> Vec<M> {
    let u = ui(lang);
    tracks
        .iter()
        .map(|t| {
            let rungs =
                t.rungs.iter().map(|r| {
                    let current = t.current == Some(r.rung) && r.held;
                    let next = t.next == Some(r.rung);
                    let class = format!(
                        "q-rung{}{}{}",
                        if r.held { " q-rung--held" } else { "" },
                        if current { " q-rung--current" } else { "" },
                        if next { " q-rung--next" } else { "" },
                    );
                    let result = results.iter().find(|p| p.id == r.program);
                    let needs = result
                        .filter(|_| next)
                        .map(|p| takes(p, lang))
                        .unwrap_or_default();
                    let tag = |text: &str, class: &str| hc("span", class).c(text);
                    hc("li", &class)
                        .key(r.program)
                        .a("data-rung", r.program)
                        .a_opt("aria-current", current.then_some("step"))
                        .c(hc("span", "q-rung-no").c(fill(u.ladder_rung, &[&r.rung.to_string()])))
                        .c(hc("span", "q-rung-name").c(
                            if allowed.is_none_or(|ids| ids.iter().any(|id| id == r.program)) {
                                M::from(program_link(r.program, r.name.get(lang)))
                            } else {
                                M::from(r.name.get(lang))
                            },
                        ))
                        .c_opt(r.held.then(|| tag(u.ladder_held, "q-tag")))
                        .c_opt(current.then(|| tag(u.ladder_current, "q-tag q-tag--here")))
                        .c_opt(next.then(|| tag(u.ladder_next, "q-tag q-tag--next")))
                        .c_opt(r.outcome.map(|o| outcome_badge(o, lang)))
                        .c_opt((!needs.is_empty()).then(|| {
                            hc("ul", "q-takes").cs(needs.into_iter().map(|n| h("li").c(n)))
                        }))
                        .c_opt(
                            (reach.iter())
                                .find(|(id, _)| next && id == r.program)
                                .map(|(_, text)| hc("p", "q-hint q-rung-reach").c(text.as_str())),
                        )
                });
            hc("section", "q-track")
                .key(t.id)
                .a("data-track", t.id)
                .c(h("h3").c(t.label.get(lang)))
                .c(hc("ol", "q-rungs").cs(rungs))
                .into()
        })
        .collect()
}
