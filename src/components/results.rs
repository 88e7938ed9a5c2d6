//! The results: a card per program with its outcome, and inside it every criterion with the
//! actual value against the dated, cited threshold, a bar for how close it is and the gap in
//! words (built by `report.rs`). Criterion rows are always in the DOM, inside `<details>`, as
//! host scripts read them.

use leptos::prelude::*;
use qualify_engine::pack::Level;
use qualify_engine::{sort_by_key, Assessment, Lang, Outcome};

use crate::edit::Edit;
use crate::i18n::{fill, ui};
use crate::markup::{h, hc, El, Prop};
use crate::part::Part;
use crate::report;
use crate::state::{Sort, State};

/// Opens a program page inside the app, with the keyboard focus on its heading: the link that
/// had it is gone with the page it was on.
pub fn open_program(s: State, id: &str) {
    crate::browser::push_query(&[("program", Some(id))]);
    s.change(|c| c.route = crate::state::Route::Program(id.to_string()));
    request_animation_frame(|| {
        crate::browser::focus("#q-program-h");
    });
}

/// A program's card. Keyed by its program, so the `<article>` and
/// `<details>` elements stay in place while the result changes or the cards are sorted anew, and
/// a card the user opened stays open as they type.
fn program_card(s: State, a: &Assessment<'static>, id: &'static str, lang: Lang) -> El {
    let r = a.programs.iter().find(|p| p.id == id);
    let title_id = format!("q-card-{id}");
    // The pack is looked up on every change: a host site's pack can replace the bundled one,
    // and a regional pack its heading.
    let mut pending = None;
    let (head, body) = match s.pack(id) {
        Some(pack) if pack.is_heading() => {
            let failure = s.pack_failure(id);
            let failed = failure.is_some();
            let lines = crate::regional::state_lines(failure.as_ref(), lang);
            let class = if failed {
                "q-card-state q-message q-message--error"
            } else {
                "q-card-state q-hint"
            };
            pending = Some((
                if failed { "failed" } else { "loading" },
                hc("div", class)
                    .a("id", format!("q-card-state-{id}"))
                    .cs(lines.into_iter().map(|l| h("p").c(l))),
            ));
            let head = vec![
                hc("h3", "q-card-title")
                    .a("id", &title_id)
                    .c(pack.name.get(lang))
                    .into(),
                hc("span", "q-meta")
                    .c(report::where_line(pack, lang))
                    .into(),
            ];
            (head, Vec::new())
        }
        Some(pack) => {
            let next = a
                .not_in_force
                .iter()
                .find(|n| n.id == id)
                .and_then(|n| n.next_from);
            (
                report::card_head(pack, r, &title_id, lang),
                report::card_body(pack, r, next.filter(|_| r.is_none()), lang),
            )
        }
        None => Default::default(),
    };
    // A program with no version in force on the as-of date has no outcome, and so no
    // `data-outcome`: the contract's outcomes are those of assessed programs.
    let outcome = r.map(|r| r.outcome.slug());
    let (pack_state, state_el) = pending.unzip();
    h("article")
        .key(id)
        .a(
            "class",
            format!("q-card q-card--{}", outcome.unwrap_or("not-in-force")),
        )
        .a("data-program", id)
        .a_opt("data-outcome", outcome)
        // While its pack is not in: `loading`, or `failed` (said in the card, outside its
        // `<details>`, so that it shows while the card is closed).
        .a_opt("data-pack", pack_state)
        .a("aria-labelledby", &title_id)
        .a_opt(
            "aria-describedby",
            pack_state.map(|_| format!("q-card-state-{id}")),
        )
        .c(hc("details", "q-card-details")
            .c(hc("summary", "q-card-head").cs(head))
            .c(hc("div", "q-card-body").cs(body)))
        .c_opt(state_el)
}

fn level_rank(l: Level) -> u8 {
    match l {
        Level::District => 0,
        Level::Municipal => 1,
        Level::Provincial => 2,
        Level::National => 3,
    }
}

/// The announcement for the live region: programs whose outcome changed since last time.
fn announcement(
    prev: Option<&(Vec<(&'static str, Outcome)>, String)>,
    now: Vec<(&'static str, Outcome)>,
    s: State,
) -> (Vec<(&'static str, Outcome)>, String) {
    let lang = s.choices_untracked(|c| c.lang);
    let Some((before, _)) = prev else {
        return (now, String::new());
    };
    let changed: Vec<String> = now
        .iter()
        .filter(|(id, o)| before.iter().any(|(b, bo)| b == id && bo != o))
        .filter_map(|(id, o)| {
            let name = s.pack(id)?.name.get(lang).to_string();
            Some(fill(
                ui(lang).announce_outcome,
                &[&name, o.label().get(lang)],
            ))
        })
        .collect();
    (now, changed.join(lang.pick(";", "; ")))
}

/// Sorts the cards by their ladder, or by how close each program is.
pub fn set_sort(s: State, closeness: bool) {
    s.change(|c| {
        c.sort = if closeness {
            Sort::Closeness
        } else {
            Sort::Ladder
        }
    });
}

/// An integer that orders floats as `f64::total_cmp` does.
fn total_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

pub fn results(s: State) -> Part {
    let ordered = move || {
        let mut ids = s.selected.get();
        match s.choices(|c| c.sort) {
            Sort::Ladder => sort_by_key(&mut ids, |id| {
                s.pack(id)
                    .map(|p| {
                        (
                            level_rank(p.level),
                            p.ladder.as_ref().map(|l| l.rung).unwrap_or(0),
                        )
                    })
                    .unwrap_or_default()
            }),
            Sort::Closeness => s.assessment.with(|a| {
                let close = |id: &str| {
                    a.programs
                        .iter()
                        .find(|p| p.id == id)
                        .map(|p| match p.outcome {
                            Outcome::Eligible => 2.0,
                            _ => p.closeness,
                        })
                        .unwrap_or(-1.0)
                };
                // Closest first, with the engine's sort, which is in the build anyway.
                sort_by_key(&mut ids, |id| std::cmp::Reverse(total_key(close(id))));
            }),
        }
        ids
    };
    let live = crate::memo(Box::new(
        move |prev: Option<&(Vec<(&'static str, Outcome)>, String)>| {
            // Only the programs shown: a change in one the user did not choose is noise.
            let shown = s.selected.get();
            let now = s.assessment.with(|a| {
                a.programs
                    .iter()
                    .filter(|p| shown.contains(&p.id))
                    .map(|p| (p.id, p.outcome))
                    .collect()
            });
            announcement(prev, now, s)
        },
    ));
    Part::new(move || {
        let lang = s.lang();
        let u = ui(lang);
        let sort = match s.choices(|c| c.sort) {
            Sort::Ladder => "ladder",
            Sort::Closeness => "closeness",
        };
        let select = h("select")
            .a("class", "q-input q-input--small")
            .a("id", "q-sort")
            .edit(Edit::Sort)
            .c(h("option").a("value", "ladder").c(u.sort_ladder))
            .c(h("option").a("value", "closeness").c(u.sort_closeness))
            .p(Prop::Value(sort.into()));
        let head = hc("div", "q-results-head")
            .c(h("h2")
                .a("id", "q-results")
                .a("tabindex", "-1")
                .c(u.results_heading))
            .c(hc("label", "q-inline")
                .c(format!("{} ", u.sort_label))
                .c(select));
        let ids = ordered();
        // Busy while a program shown waits for its pack.
        let busy = ids
            .iter()
            .any(|id| s.pack(id).is_some_and(|p| p.is_heading()) && s.pack_failure(id).is_none());
        let cards = if ids.is_empty() {
            h("p").c(u.results_empty)
        } else {
            s.assessment.with(|a| {
                hc("div", "q-cards").cs(ids.into_iter().map(|id| program_card(s, a, id, lang)))
            })
        };
        // Read after the assessment: `live` reads it too, and a memo brought up to date through
        // another one no longer counts as changed for this effect, which would then miss it.
        let announce = hc("div", "q-vh")
            .a("role", "status")
            .a("aria-live", "polite")
            .a("id", "q-announce")
            .c(live.with(|l| l.1.clone()));
        hc("section", "q-panel q-results")
            .a("aria-labelledby", "q-results")
            .a_opt("aria-busy", busy.then_some("true"))
            .c(head)
            .c(announce)
            .c(cards)
            .c(h("h3").c(u.confidence_legend))
            .c(report::confidence_legend(lang))
    })
}

#[cfg(test)]
mod tests {
    use super::total_key;

    #[test]
    fn the_key_orders_floats_as_total_cmp_does() {
        let xs = [
            -1.0,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            0.25,
            0.5,
            0.999_999_9,
            1.0,
            2.0,
            -2.5,
            f64::INFINITY,
        ];
        for a in xs {
            for b in xs {
                assert_eq!(total_key(a).cmp(&total_key(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }
}
