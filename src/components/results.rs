//! The results: a card per program with its outcome, and inside it every criterion with the
//! actual value against the dated, cited threshold, a bar for how close it is and the gap in
//! words. Criterion rows are always in the DOM (inside `<details>`), as host scripts read them.

use leptos::prelude::*;
use qualify_engine::eval::{Check, CriterionResult, Part, ProgramResult, ScoreResult, Shown};
use qualify_engine::explain::{format_shown, gap_phrase, word_name};
use qualify_engine::pack::{Level, Origin, Pack, SourceRef};
use qualify_engine::{Lang, Outcome, Status};

use crate::i18n::{fill, ui};
use crate::state::{use_state, Sort, State};

pub fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Eligible => "q-badge q-badge--eligible",
        Outcome::NotEligible => "q-badge q-badge--not-eligible",
        Outcome::Incomplete => "q-badge q-badge--incomplete",
    }
}

fn status_class(s: Status) -> String {
    format!("q-status q-status--{}", s.slug())
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

fn required_text(c: &Check, lang: Lang) -> Option<String> {
    let req = c.required.as_ref()?;
    let value = format_shown(req, c.unit, lang);
    Some(match (c.op, req) {
        (Some(op), Shown::Num(_)) => format!("{} {value}", sign(op)),
        _ => value,
    })
}

fn sign(op: qualify_engine::pack::Op) -> &'static str {
    use qualify_engine::pack::Op;
    match op {
        Op::Ge => "≥",
        Op::Gt => ">",
        Op::Le => "≤",
        Op::Lt => "<",
        Op::Eq => "=",
    }
}

/// "Still needed: …" for a check that is missing inputs.
fn needs_text(c: &Check, lang: Lang) -> Option<String> {
    if c.needs.is_empty() {
        return None;
    }
    let names: Vec<String> = c
        .needs
        .iter()
        .map(|n| n.label().get(lang).to_string())
        .collect();
    Some(format!(
        "{}:{}",
        ui(lang).needs_inputs,
        names.join(lang.pick("、", ", "))
    ))
}

/// A bar for how close a figure is to its threshold.
fn bar(progress: Option<f64>, status: Status, label: String) -> impl IntoView {
    progress.map(|p| {
        let pct = (p * 100.0).round() as i64;
        view! {
            <div class="q-bar" role="meter" aria-valuemin="0" aria-valuemax="100" aria-valuenow=pct
                aria-label=label>
                <span class=format!("q-bar-fill q-bar-fill--{}", status.slug()) style=format!("width:{pct}%")></span>
            </div>
        }
    })
}

fn score_chart(score: &ScoreResult, lang: Lang) -> impl IntoView {
    let u = ui(lang);
    let pts = |n: qualify_engine::Num| n.to_decimal_string(1);
    let total_max: f64 = score
        .items
        .iter()
        .map(|i| i.of.to_f64())
        .sum::<f64>()
        .max(1.0);
    let pass_pct = (score.pass.to_f64() / total_max * 100.0).clamp(0.0, 100.0);
    let range = |min: qualify_engine::Num, max: qualify_engine::Num| {
        if min == max {
            pts(min)
        } else {
            format!("{}–{}", pts(min), pts(max))
        }
    };
    let summary = format!(
        "{} {},{} {}",
        u.score,
        range(score.min, score.max),
        u.pass_line,
        pts(score.pass)
    );
    let lo = score.min.to_f64() / total_max * 100.0;
    let hi = score.max.to_f64() / total_max * 100.0;
    view! {
        <figure class="q-score">
            <figcaption>{summary.clone()}</figcaption>
            <div class="q-sbar q-sbar--total" role="img" aria-label=summary>
                <span class="q-sbar-min" style=format!("width:{lo:.1}%")></span>
                <span class="q-sbar-range" style=format!("width:{:.1}%", (hi - lo).max(0.0))></span>
                <span class="q-sbar-pass" style=format!("left:{pass_pct:.1}%")></span>
            </div>
            <ul class="q-score-items">
                {score
                    .items
                    .iter()
                    .map(|it| {
                        let of = it.of.to_f64().max(1.0);
                        let lo = it.min.to_f64() / of * 100.0;
                        let hi = it.max.to_f64() / of * 100.0;
                        let text = format!("{}:{} / {}", it.label.get(lang), range(it.min, it.max), pts(it.of));
                        view! {
                            <li class="q-score-item">
                                <span class="q-score-label">{text.clone()}</span>
                                <span class="q-sbar" role="img" aria-label=text>
                                    <span class="q-sbar-min" style=format!("width:{lo:.1}%")></span>
                                    <span class="q-sbar-range" style=format!("width:{:.1}%", (hi - lo).max(0.0))></span>
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {(!score.groups.is_empty())
                .then(|| {
                    view! {
                        <ul class="q-score-groups">
                            {score
                                .groups
                                .iter()
                                .map(|g| {
                                    let req = g
                                        .required
                                        .map(|r| format!(" ≥ {}", pts(r)))
                                        .unwrap_or_default();
                                    view! {
                                        <li class=status_class(g.status)>
                                            {format!("{}:{}{req}", g.label.get(lang), range(g.min, g.max))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </figure>
    }
}

/// The figures of a check: actual, required, gap.
fn figures(c: &Check, lang: Lang) -> impl IntoView {
    let u = ui(lang);
    let actual = c.actual.as_ref().map(|a| format_shown(a, c.unit, lang));
    let required = required_text(c, lang);
    let gap = gap_phrase(c).map(|t| t.get(lang).to_string());
    let case = c.case.map(|t| t.get(lang).to_string());
    view! {
        <dl class="q-figs">
            {actual.map(|a| view! { <div><dt>{u.actual}</dt><dd class="q-actual">{a}</dd></div> })}
            {required.map(|r| view! {
                <div>
                    <dt>{u.required}</dt>
                    <dd class="q-required">{r}{case.map(|c| view! { <span class="q-case">" ("{c}")"</span> })}</dd>
                </div>
            })}
            {gap.map(|g| view! { <div><dt>{u.gap}</dt><dd class="q-gap">{g}</dd></div> })}
        </dl>
    }
}

fn part_view(p: &Part, lang: Lang) -> impl IntoView {
    let c = &p.check;
    let label = p.label.get(lang).to_string();
    view! {
        <li class=format!("q-part q-part--{}", c.status.slug()) data-status=c.status.slug()>
            <span class="q-part-label">{label.clone()}</span>
            " "
            <span class=status_class(c.status)>{c.status.label().get(lang).to_string()}</span>
            {figures(c, lang)}
            {bar(c.progress, c.status, label)}
            {(!c.parts.is_empty()).then(|| view! {
                <ul class="q-parts">{c.parts.iter().map(|p| part_view(p, lang)).collect_view()}</ul>
            }.into_any())}
        </li>
    }
}

fn source_view(pack: &Pack, refs: &[SourceRef], lang: Lang) -> impl IntoView {
    refs.iter()
        .enumerate()
        .map(|(i, r)| {
            let doc = pack.source(&r.doc);
            let name = doc
                .map(|d| d.number.clone().unwrap_or_else(|| d.title.get(lang).to_string()))
                .unwrap_or_else(|| r.doc.clone());
            let title = doc.map(|d| d.title.get(lang).to_string()).unwrap_or_default();
            let text = match &r.at {
                Some(at) => format!("{name} {at}"),
                None => name,
            };
            let sep = (i > 0).then_some(lang.pick(";", "; "));
            let link = match doc.and_then(|d| d.url.clone()) {
                Some(url) => view! { <a href=url title=title rel="noopener noreferrer" target="_blank">{text}</a> }.into_any(),
                None => view! { <cite title=title>{text}</cite> }.into_any(),
            };
            view! { {sep}{link} }
        })
        .collect_view()
}

fn criterion_view(
    pack: &'static Pack,
    c: &CriterionResult,
    version: &str,
    lang: Lang,
) -> impl IntoView {
    let u = ui(lang);
    let check = &c.check;
    let label = c.label.get(lang).to_string();
    let note = check
        .note
        .as_ref()
        .map(|t| t.get(lang).to_string())
        .or_else(|| c.criterion_note.map(|t| t.get(lang).to_string()));
    let needs = needs_text(check, lang);
    view! {
        <li class=format!("q-crit q-crit--{}", check.status.slug()) data-criterion=c.id.to_string()
            data-status=check.status.slug()>
            <div class="q-crit-head">
                <span class="q-crit-id">{c.id.to_string()}</span>
                <span class="q-crit-label">{label.clone()}</span>
                <span class=status_class(check.status)>{check.status.label().get(lang).to_string()}</span>
            </div>
            {figures(check, lang)}
            {bar(check.progress, check.status, label)}
            {check.score.as_ref().map(|s| score_chart(s, lang))}
            {(!check.parts.is_empty()).then(|| view! {
                <ul class="q-parts">{check.parts.iter().map(|p| part_view(p, lang)).collect_view()}</ul>
            })}
            {needs.map(|n| view! { <p class="q-needs">{n}</p> })}
            {note.map(|n| view! { <p class="q-note">{n}</p> })}
            <p class="q-src">
                <span>{u.source}":"</span>" "
                {source_view(pack, c.sources, lang)}
                " · "{u.confidence}":"<span class="q-conf">{c.confidence.to_string()}</span>
                " · "{u.version}" "{version.to_string()}
            </p>
        </li>
    }
}

fn version_line(r: &ProgramResult, lang: Lang) -> String {
    let u = ui(lang);
    match r.version.effective_until {
        Some(until) => format!(
            "{} {}:{} {} {} {until}",
            u.version, r.version.id, u.effective, r.version.effective_from, u.until
        ),
        None => format!(
            "{} {}:{} {}",
            u.version, r.version.id, u.effective, r.version.effective_from
        ),
    }
}

/// Opens a program page inside the app.
pub fn open_program(s: State, id: &str) {
    crate::browser::push_query(&[("program", Some(id))]);
    s.route.set(crate::state::Route::Program(id.to_string()));
    crate::browser::scroll_to("q-top");
}

/// A program's card. The `<article>` and `<details>` elements stay in place while the result
/// changes, so a card the user opened stays open as they type.
#[component]
fn ProgramCard(id: &'static str) -> impl IntoView {
    let s = use_state();
    let result = Memo::new(move |_| {
        s.assessment
            .with(|a| a.programs.iter().find(|p| p.id == id).cloned())
    });
    let outcome = move || {
        result.with(|r| {
            r.as_ref()
                .map(|r| r.outcome.slug())
                .unwrap_or("not-in-force")
        })
    };
    let title_id = format!("q-card-{id}");
    let head = {
        let title_id = title_id.clone();
        move || {
            let lang = s.lang.get();
            let u = ui(lang);
            let pack = s.pack(id)?;
            let title = view! { <h3 class="q-card-title" id=title_id.clone()>{pack.name.get(lang).to_string()}</h3> };
            let Some(r) = result.get() else {
                return Some(
                    view! { {title}<span class="q-meta">{u.no_version_in_force}</span> }.into_any(),
                );
            };
            let met = r
                .criteria
                .iter()
                .filter(|c| c.check.status == Status::Met)
                .count();
            let total = r.criteria.len();
            Some(
                view! {
                    {title}
                    <span class=outcome_class(r.outcome)>{r.outcome.label().get(lang).to_string()}</span>
                    <span class="q-meta">{where_line(pack, lang)}</span>
                    <span class="q-meta">{format!("{met}/{total} {}", lang.pick("项条件符合", "criteria met"))}</span>
                    {(r.origin == Origin::Host).then(|| view! { <span class="q-tag">{u.host_pack}</span> })}
                }
                .into_any(),
            )
        }
    };
    let body = move || {
        let lang = s.lang.get();
        let u = ui(lang);
        let pack = s.pack(id)?;
        let Some(r) = result.get() else {
            let next = s.assessment.with(|a| {
                a.not_in_force
                    .iter()
                    .find(|n| n.id == id)
                    .and_then(|n| n.next_from)
            });
            return Some(
                view! { <p>{u.no_version_in_force}{next.map(|d| format!(";{} {d}", u.next_version_from))}</p> }
                    .into_any(),
            );
        };
        let version_id = r.version.id.to_string();
        Some(
            view! {
                {r.notices.iter().map(|n| view! { <p class="q-notice" role="note">{n.get(lang).to_string()}</p> }).collect_view()}
                <p class="q-version">{version_line(&r, lang)}</p>
                <ul class="q-crits">
                    {r.criteria.iter().map(|c| criterion_view(pack, c, &version_id, lang)).collect_view()}
                </ul>
            }
            .into_any(),
        )
    };
    view! {
        <article class=move || format!("q-card q-card--{}", outcome()) data-program=id
            data-outcome=outcome aria-labelledby=title_id>
            <details class="q-card-details">
                <summary class="q-card-head">{head}</summary>
                <div class="q-card-body">
                    {body}
                    <p>
                        <a class="q-link" href=format!("?program={id}")
                            on:click=move |ev| {
                                ev.prevent_default();
                                open_program(s, id);
                            }>{move || ui(s.lang.get()).open_program_page}</a>
                    </p>
                </div>
            </details>
        </article>
    }
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
    let lang = s.lang.get_untracked();
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

#[component]
pub fn Results() -> impl IntoView {
    let s = use_state();
    let ordered = move || {
        let mut ids = s.selected.get();
        match s.sort.get() {
            Sort::Ladder => ids.sort_by_key(|id| {
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
                ids.sort_by(|a, b| close(b).total_cmp(&close(a)));
            }),
        }
        ids
    };
    let live = Memo::new(
        move |prev: Option<&(Vec<(&'static str, Outcome)>, String)>| {
            let now = s
                .assessment
                .with(|a| a.programs.iter().map(|p| (p.id, p.outcome)).collect());
            announcement(prev, now, s)
        },
    );
    view! {
        <section class="q-panel q-results" aria-labelledby="q-results">
            <div class="q-results-head">
                <h2 id="q-results" tabindex="-1">{move || ui(s.lang.get()).results_heading}</h2>
                <label class="q-inline">
                    {move || ui(s.lang.get()).sort_label}" "
                    <select class="q-input q-input--small" id="q-sort"
                        on:change=move |ev| s.sort.set(if event_target_value(&ev) == "closeness" { Sort::Closeness } else { Sort::Ladder })>
                        <option value="ladder" selected=move || s.sort.get() == Sort::Ladder>{move || ui(s.lang.get()).sort_ladder}</option>
                        <option value="closeness" selected=move || s.sort.get() == Sort::Closeness>{move || ui(s.lang.get()).sort_closeness}</option>
                    </select>
                </label>
            </div>
            <div class="q-vh" role="status" aria-live="polite" id="q-announce">{move || live.with(|l| l.1.clone())}</div>
            <Show when=move || !s.selected.with(Vec::is_empty) fallback=move || view! { <p>{ui(s.lang.get()).results_empty}</p> }>
                <div class="q-cards">
                    <For each=ordered key=|id| *id let:id>
                        <ProgramCard id />
                    </For>
                </div>
            </Show>
        </section>
    }
}
