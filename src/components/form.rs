//! The profile form: fieldsets by section, yearly figures in three columns, the certifications
//! editor and the declarations. Only the fields the chosen programs read are shown.

use leptos::prelude::*;
use qualify_engine::profile::CategoryField;
use qualify_engine::reads::{declarations, is_filled, self_scored, version_inputs};
use qualify_engine::vocab::CERT_KINDS;
use qualify_engine::{InputRef, Lang};

use chrono::Datelike;

use crate::draft::{Built, CertRow, Draft};
use crate::fields::{choices, is_needed, kind_of, path_for, sections, Field, Kind};
use crate::i18n::{tr, ui};
use crate::state::{use_state, State};

/// An element id for a contract path.
pub fn field_id(prefix: &str, path: &str) -> String {
    let mut id = String::from(prefix);
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

/// The fiscal years shown: the three before the as-of year.
pub fn shown_years(s: &State) -> Vec<i32> {
    let y = s.as_of.get().year();
    vec![y - 3, y - 2, y - 1]
}

/// Every input the chosen programs read on the as-of date.
pub fn needed_inputs(s: &State) -> Vec<InputRef> {
    let year = s.as_of.get().year();
    let as_of = s.as_of.get();
    let mut out: Vec<InputRef> = Vec::new();
    for id in s.selected.get() {
        let Some(v) = s.pack(id).and_then(|p| p.version_on(as_of)) else {
            continue;
        };
        for r in version_inputs(v, year) {
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// Fields shown whatever the programs: they choose the programs.
const ALWAYS: &[&str] = &["name", "province", "city", "district", "industry"];

/// One input bound to a path of a draft.
#[component]
pub fn FieldInput(
    draft: RwSignal<Draft>,
    path: String,
    /// The visible label.
    label: String,
    /// Extra words for screen readers (the row name of a yearly cell).
    #[prop(optional)]
    hidden_label: Option<String>,
    #[prop(into)] id_prefix: String,
    /// Problems of the draft this input writes to.
    problems: Signal<Option<qualify_engine::Text>>,
) -> impl IntoView {
    let s = use_state();
    let kind = kind_of(&path).unwrap_or(Kind::FreeText);
    let id = field_id(&id_prefix, &path);
    let err_id = format!("{id}-err");
    let value = {
        let path = path.clone();
        move || draft.with(|d| d.text.get(&path).cloned().unwrap_or_default())
    };
    let on_input = {
        let path = path.clone();
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            draft.update(|d| {
                d.text.insert(path.clone(), v);
            });
        }
    };
    let has_problem = move || problems.with(Option::is_some);
    // A yearly cell's row already names the unit, and at 360 px three cells have no room to
    // repeat it.
    let in_row = hidden_label.is_some();
    let unit = move || (!in_row).then(|| kind.unit_label(s.lang.get())).flatten();
    let label_view = {
        let id = id.clone();
        view! {
            <label for=id class="q-label">
                {hidden_label.map(|h| view! { <span class="q-vh">{h}" "</span> })}
                {label}
                {move || unit().map(|u| view! { <span class="q-unit">" ("{u}")"</span> })}
            </label>
        }
    };
    let control = match kind {
        Kind::Choice(field) => {
            let parent_path = match field {
                CategoryField::City => Some("province"),
                CategoryField::District => Some("city"),
                _ => None,
            };
            // A memo: every keystroke changes the draft, and rebuilding the city and district
            // lists on each one made typing lag.
            let parent = Memo::new(move |_| {
                parent_path
                    .and_then(|pp| draft.with(|d| d.text.get(pp).cloned()))
                    .filter(|p| !p.is_empty())
            });
            let current = {
                let path = path.clone();
                Memo::new(move |_| draft.with(|d| d.text.get(&path).cloned()))
            };
            // Each option says whether it is the chosen one: the list is rebuilt in place when
            // the parent changes, and the select's own value would then point at whichever
            // option took the chosen one's place.
            let options = move || {
                let lang = s.lang.get();
                let chosen = current.get();
                choices(field, parent.get().as_deref(), chosen.as_deref())
                    .into_iter()
                    .map(|w| {
                        let name = lang.pick(w.zh, w.en);
                        let on = chosen.as_deref() == Some(w.slug);
                        view! { <option value=w.slug prop:selected=on>{name}</option> }
                    })
                    .collect_view()
            };
            view! {
                <select id=id.clone() class="q-input" aria-invalid=move || has_problem().to_string()
                    aria-describedby=err_id.clone() prop:value=value on:change=on_input>
                    <option value="">{tr(s.lang, |u| u.choose)}</option>
                    {options}
                </select>
            }
            .into_any()
        }
        Kind::YesNo => view! {
            <select id=id.clone() class="q-input" aria-invalid=move || has_problem().to_string()
                aria-describedby=err_id.clone() prop:value=value on:change=on_input>
                <option value="">{tr(s.lang, |u| u.unknown)}</option>
                <option value="true">{tr(s.lang, |u| u.yes)}</option>
                <option value="false">{tr(s.lang, |u| u.no)}</option>
            </select>
        }
        .into_any(),
        _ => {
            let placeholder = match kind {
                Kind::Date => "YYYY-MM-DD",
                _ => "",
            };
            view! {
                <input id=id.clone() class="q-input" type="text" inputmode=kind.input_mode()
                    autocomplete="off" spellcheck="false" placeholder=placeholder
                    aria-invalid=move || has_problem().to_string() aria-describedby=err_id.clone()
                    prop:value=value on:input=on_input />
            }
            .into_any()
        }
    };
    view! {
        <div class="q-field" class:q-field--invalid=has_problem>
            {label_view}
            {control}
            <p id=format!("{id}-err") class="q-err" aria-live="polite">
                {move || problems.get().map(|t| t.get(s.lang.get()).to_string())}
            </p>
        </div>
    }
}

fn problem_signal(built: Memo<Built>, path: String) -> Signal<Option<qualify_engine::Text>> {
    Signal::derive(move || built.with(|b| b.problems.get(&path).cloned()))
}

/// A field of a non-yearly section.
fn single_field(
    s: State,
    draft: RwSignal<Draft>,
    built: Memo<Built>,
    f: Field,
    prefix: &'static str,
) -> impl IntoView {
    let path = f.key.to_string();
    let label = move || f.label.get(s.lang.get()).to_string();
    let problems = problem_signal(built, path.clone());
    move || {
        view! {
            <FieldInput draft path=path.clone() label=label() id_prefix=prefix problems />
        }
    }
}

/// A yearly field: one row, one input per year.
fn yearly_field(
    s: State,
    draft: RwSignal<Draft>,
    built: Memo<Built>,
    f: Field,
    prefix: &'static str,
) -> impl IntoView {
    let row_id = field_id(&format!("{prefix}row-"), f.key);
    let name = {
        let f = f.clone();
        move |lang| match f.kind.unit_label(lang) {
            Some(unit) => format!("{} ({unit})", f.label.get(lang)),
            None => f.label.get(lang).to_string(),
        }
    };
    view! {
        <div class="q-yrow" role="group" aria-labelledby=row_id.clone()>
            <span id=row_id.clone() class="q-yrow-label">{
                let name = name.clone();
                move || name(s.lang.get())
            }</span>
            <div class="q-ycells">
                {move || {
                    let lang = s.lang.get();
                    shown_years(&s)
                        .into_iter()
                        .map(|y| {
                            let path = path_for(&f, true, y);
                            let problems = problem_signal(built, path.clone());
                            let label = format!("{y}{}", ui(lang).year_suffix);
                            let hidden = name(lang);
                            view! {
                                <FieldInput draft path label hidden_label=hidden id_prefix=prefix problems />
                            }
                        })
                        .collect_view()
                }}
            </div>
        </div>
    }
}

/// The form's sections for a draft. `only` limits the fields to those paths (the what-if
/// panel shows the figures of one program).
#[component]
pub fn Sections(
    draft: RwSignal<Draft>,
    built: Memo<Built>,
    id_prefix: &'static str,
    #[prop(optional)] only: Option<Signal<Vec<InputRef>>>,
) -> impl IntoView {
    let s = use_state();
    let needed = Memo::new(move |_| needed_inputs(&s));
    sections()
        .into_iter()
        .map(|sec| {
            let yearly = sec.yearly;
            let fields = sec.fields.clone();
            let visible = move |f: &Field| {
                if let Some(only) = only {
                    return only.with(|o| is_needed(f, yearly, o));
                }
                s.show_all_fields.get()
                    || (!yearly && ALWAYS.contains(&f.key))
                    || needed.with(|n| is_needed(f, yearly, n))
            };
            let any_visible = {
                let fields = fields.clone();
                move || fields.iter().any(visible)
            };
            let legend = sec.legend;
            let sec_id = format!("{id_prefix}sec-{}", sec.id);
            view! {
                <Show when=any_visible.clone()>
                    <fieldset class="q-fieldset" id=sec_id.clone()>
                        <legend>{move || legend(s.lang.get())}</legend>
                        <div class=if yearly { "q-grid q-grid--yearly" } else { "q-grid" }>
                            {fields
                                .iter()
                                .cloned()
                                .map(|f| {
                                    let shown = {
                                        let f = f.clone();
                                        move || visible(&f)
                                    };
                                    let body = if yearly {
                                        yearly_field(s, draft, built, f, id_prefix).into_any()
                                    } else {
                                        single_field(s, draft, built, f, id_prefix).into_any()
                                    };
                                    view! { <div class="q-slot" class:q-hidden=move || !shown()>{body}</div> }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                </Show>
            }
        })
        .collect_view()
}

#[component]
fn Certifications() -> impl IntoView {
    let s = use_state();
    let rows = move || s.draft.with(|d| d.certs.len());
    // A listed certification contradicts "we hold none".
    let add = move |_| {
        s.draft.update(|d| {
            d.certs.push(CertRow::default());
            d.holds_none = false;
        })
    };
    view! {
        <fieldset class="q-fieldset" id="q-sec-certs">
            <legend>{tr(s.lang, |u| u.section_certs)}</legend>
            <ul class="q-certs">
                <For each=move || 0..rows() key=|i| *i let:i>
                    <CertRowEditor i />
                </For>
            </ul>
            <button type="button" class="q-button" on:click=add>{tr(s.lang, |u| u.cert_add)}</button>
            <div class="q-check">
                <input type="checkbox" id="q-cert-none"
                    prop:checked=move || s.draft.with(|d| d.holds_none)
                    prop:disabled=move || { rows() > 0 }
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        s.draft.update(|d| d.holds_none = on);
                    } />
                <label for="q-cert-none">{tr(s.lang, |u| u.cert_none)}</label>
            </div>
        </fieldset>
    }
}

#[component]
fn CertRowEditor(i: usize) -> impl IntoView {
    let s = use_state();
    let get = move |f: fn(&CertRow) -> String| {
        move || s.draft.with(|d| d.certs.get(i).map(f).unwrap_or_default())
    };
    let set = move |f: fn(&mut CertRow, String)| {
        move |ev: leptos::ev::Event| {
            let v = event_target_value(&ev);
            s.draft.update(|d| {
                if let Some(r) = d.certs.get_mut(i) {
                    f(r, v);
                }
            });
        }
    };
    let problem = move |k: &'static str| {
        move || {
            s.built.with(|b| {
                b.problems
                    .get(&format!("certifications[{i}].{k}"))
                    .map(|t| t.get(s.lang.get()).to_string())
            })
        }
    };
    let id = move |k: &str| format!("q-cert-{i}-{k}");
    let remove = move |_| {
        s.draft.update(|d| {
            if i < d.certs.len() {
                d.certs.remove(i);
            }
        })
    };
    view! {
        <li class="q-cert">
            <div class="q-field">
                <label for=id("kind") class="q-label">{tr(s.lang, |u| u.cert_kind)}</label>
                <select id=id("kind") class="q-input" aria-describedby=id("kind-err")
                    prop:value=get(|r| r.kind.clone()) on:change=set(|r, v| r.kind = v)>
                    <option value="">{tr(s.lang, |u| u.choose)}</option>
                    {move || {
                        let lang = s.lang.get();
                        CERT_KINDS
                            .iter()
                            .map(|w| view! { <option value=w.slug>{lang.pick(w.zh, w.en)}</option> })
                            .collect_view()
                    }}
                </select>
                <p id=id("kind-err") class="q-err">{problem("kind")}</p>
            </div>
            <div class="q-field">
                <label for=id("since") class="q-label">{tr(s.lang, |u| u.cert_since)}</label>
                <input id=id("since") class="q-input" type="text" placeholder="YYYY-MM-DD" autocomplete="off"
                    aria-describedby=id("since-err") prop:value=get(|r| r.since.clone()) on:input=set(|r, v| r.since = v) />
                <p id=id("since-err") class="q-err">{problem("since")}</p>
            </div>
            <div class="q-field">
                <label for=id("until") class="q-label">{tr(s.lang, |u| u.cert_until)}</label>
                <input id=id("until") class="q-input" type="text" placeholder="YYYY-MM-DD" autocomplete="off"
                    aria-describedby=id("until-err") prop:value=get(|r| r.until.clone()) on:input=set(|r, v| r.until = v) />
                <p id=id("until-err") class="q-err">{problem("until")}</p>
            </div>
            <button type="button" class="q-button q-button--quiet" on:click=remove>
                {tr(s.lang, |u| u.cert_remove)}
                <span class="q-vh">" "{move || i + 1}</span>
            </button>
        </li>
    }
}

/// The self-declared conditions and self-assessed scores of the chosen programs.
#[component]
fn Declarations() -> impl IntoView {
    let s = use_state();
    let groups = move || {
        let as_of = s.as_of.get();
        s.selected
            .get()
            .into_iter()
            .filter_map(|id| {
                let pack = s.pack(id)?;
                let v = pack.version_on(as_of)?;
                let d = declarations(v);
                let sc = self_scored(v);
                (!d.is_empty() || !sc.is_empty()).then_some((pack, d, sc))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !groups().is_empty()>
            <fieldset class="q-fieldset" id="q-sec-declarations">
                <legend>{tr(s.lang, |u| u.section_declarations)}</legend>
                {move || {
                    let lang = s.lang.get();
                    groups()
                        .into_iter()
                        .map(|(pack, decl, scored)| {
                            view! {
                                <fieldset class="q-fieldset q-fieldset--inner">
                                    <legend>{pack.name.get(lang).to_string()}</legend>
                                    {decl
                                        .into_iter()
                                        .map(|d| view! { <Answer key=d.key.to_string() text=d.label.get(lang).to_string() /> })
                                        .collect_view()}
                                    {scored
                                        .into_iter()
                                        .map(|sc| {
                                            let path = format!("self_scores.{}", sc.key);
                                            let problems = problem_signal(s.built, path.clone());
                                            let text = sc.label.get(lang);
                                            let max = sc.max.to_decimal_string(1);
                                            // The bundled packs state the range in the label;
                                            // a host pack's may not.
                                            let label = if [format!("0–{max}"), format!("0-{max}")]
                                                .iter()
                                                .any(|r| text.contains(r.as_str()))
                                            {
                                                format!("{} {text}", sc.criterion)
                                            } else {
                                                format!("{} {text}(0–{max})", sc.criterion)
                                            };
                                            view! { <FieldInput draft=s.draft path label id_prefix="q-" problems /> }
                                        })
                                        .collect_view()}
                                </fieldset>
                            }
                        })
                        .collect_view()
                }}
            </fieldset>
        </Show>
    }
}

/// A declaration: holds, does not hold, or not answered.
#[component]
fn Answer(key: String, text: String) -> impl IntoView {
    let s = use_state();
    let name = field_id("q-ans-", &key);
    let label_id = format!("{name}-label");
    let current = {
        let key = key.clone();
        move || s.draft.with(|d| d.answers.get(&key).copied())
    };
    let choice = move |value: Option<bool>, text: fn(Lang) -> &'static str| {
        let key = key.clone();
        let current = current.clone();
        let id = format!(
            "{name}-{}",
            match value {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unset",
            }
        );
        view! {
            <span class="q-radio">
                <input type="radio" id=id.clone() name=name.clone()
                    prop:checked=move || current() == value
                    on:change=move |_| {
                        s.draft.update(|d| match value {
                            Some(v) => {
                                d.answers.insert(key.clone(), v);
                            }
                            None => {
                                d.answers.remove(&key);
                            }
                        })
                    } />
                <label for=id>{move || text(s.lang.get())}</label>
            </span>
        }
    };
    view! {
        <div class="q-answer" role="radiogroup" aria-labelledby=label_id.clone()>
            <p id=label_id.clone() class="q-answer-text">{text}</p>
            {choice(Some(true), |l| ui(l).answer_yes)}
            {choice(Some(false), |l| ui(l).answer_no)}
            {choice(None, |l| ui(l).answer_unset)}
        </div>
    }
}

/// The whole form with its progress count.
#[component]
pub fn ProfileForm() -> impl IntoView {
    let s = use_state();
    let progress = Memo::new(move |_| {
        let needed = needed_inputs(&s);
        let filled = s
            .built
            .with(|b| needed.iter().filter(|r| is_filled(&b.profile, r)).count());
        (filled, needed.len())
    });
    view! {
        <section class="q-panel q-form" aria-labelledby="q-form-h">
            <h2 id="q-form-h">{tr(s.lang, |u| u.form_heading)}</h2>
            <p class="q-progress" id="q-progress">
                <span>{tr(s.lang, |u| u.progress)}" "</span>
                <strong data-filled=move || progress.get().0 data-needed=move || progress.get().1>
                    {move || format!("{} / {}", progress.get().0, progress.get().1)}
                </strong>
                <progress class="q-progress-bar" aria-labelledby="q-progress"
                    max=move || progress.get().1.max(1) value=move || progress.get().0></progress>
            </p>
            <div class="q-check">
                <input type="checkbox" id="q-show-all" prop:checked=move || s.show_all_fields.get()
                    on:change=move |ev| s.show_all_fields.set(event_target_checked(&ev)) />
                <label for="q-show-all">{tr(s.lang, |u| u.show_all_fields)}</label>
            </div>
            <p class="q-hint">{tr(s.lang, |u| u.amount_hint)}</p>
            <form class="q-profile" on:submit=|ev| ev.prevent_default() autocomplete="off">
                <Sections draft=s.draft built=s.built id_prefix="q-" />
                <Certifications />
                <Declarations />
            </form>
        </section>
    }
}
