//! The profile form: fieldsets by section, yearly figures in three columns, the certifications
//! editor and the declarations. Only the fields the chosen programs read are shown.
//!
//! The form is markup (`crate::markup`), built from the draft and patched onto the page: a
//! `view!` per kind of field, each with handlers of its own, made the form the largest part of
//! the browser build. Every field is keyed by its contract path, so the control the user is on
//! stays the same element, with what they typed and the caret, while fields before it come or
//! go and the markup is patched around it.

use leptos::prelude::*;
use qualify_engine::profile::CategoryField;
use qualify_engine::reads::{
    declarations, is_filled, self_scored, version_inputs, Declaration, SelfScored,
};
use qualify_engine::vocab::CERT_KINDS;
use qualify_engine::{explain, InputRef, Lang, Pack};

use chrono::Datelike;

use crate::browser;
use crate::controls::{button, checkbox, field_id, select};
use crate::draft::{Built, CertPart, CertRow, Draft};
use crate::edit::Edit;
use crate::fields::{choices, is_needed, kind_of, path_for, sections, Field, Kind};
use crate::i18n::ui;
use crate::markup::{h, hc, El, Prop, M};
use crate::part::Part;
use crate::state::State;

/// The fiscal years shown: the three before the as-of year.
pub fn shown_years(s: &State) -> Vec<i32> {
    let y = s.as_of().year();
    vec![y - 3, y - 2, y - 1]
}

/// Every input the chosen programs read on the as-of date.
pub fn needed_inputs(s: &State) -> Vec<InputRef> {
    let year = s.as_of().year();
    let as_of = s.as_of();
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

/// What a form's markup is made from.
struct Form<'a> {
    lang: Lang,
    draft: &'a Draft,
    built: &'a Built,
    /// Starts every element id, so the what-if copy of a field has an id of its own.
    prefix: &'a str,
    /// What typing into a field does: edit the figures, or their what-if copy.
    text: fn(String) -> Edit,
    /// What answering a declaration does, to the figures or their what-if copy.
    answer: fn(Option<bool>, String) -> Edit,
}

/// What an amount typed in other words was read as (`2.3亿` is "= 23,000 万元"), so that a slip
/// of unit shows before it counts; plain digits need no echo, nor does anything unreadable
/// (its problem is said instead).
pub fn echo(kind: Kind, text: &str) -> Option<String> {
    let Kind::Amount { negative } = kind else {
        return None;
    };
    if text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    {
        return None;
    }
    let n = qualify_engine::typed::parse_amount(text, negative).ok()?;
    Some(format!("= {} 万元", explain::grouped(n, 4)))
}

impl Form<'_> {
    /// One input bound to a path of the draft. `hidden` is extra words for screen readers (the
    /// row name of a yearly cell).
    fn field(&self, path: &str, label: &str, hidden: Option<&str>) -> El {
        let (lang, u) = (self.lang, ui(self.lang));
        let kind = kind_of(path).unwrap_or(Kind::FreeText);
        let id = field_id(self.prefix, path);
        let err_id = format!("{id}-err");
        let problem = self.built.problems.get(path);
        let value = self.draft.text.get(path).map(String::as_str);
        // A yearly cell's row already names the unit, and at 360 px three cells have no room
        // to repeat it.
        let unit = hidden.is_none().then(|| kind.unit_label(lang)).flatten();
        let label = hc("label", "q-label")
            .a("for", &id)
            .c_opt(hidden.map(|h| hc("span", "q-vh").c(format!("{h} "))))
            .c(label)
            .c_opt(unit.map(|u| hc("span", "q-unit").c(format!(" ({u})"))));
        let control = match kind {
            Kind::Choice(field) => {
                let parent = match field {
                    CategoryField::City => Some("province"),
                    CategoryField::District => Some("city"),
                    _ => None,
                }
                .and_then(|p| self.draft.text.get(p))
                .map(String::as_str)
                .filter(|p| !p.is_empty());
                let words = choices(field, parent, value);
                select(
                    u.choose,
                    words.iter().map(|w| (w.slug, lang.pick(w.zh, w.en))),
                )
            }
            Kind::YesNo => select(u.unknown, [("true", u.yes), ("false", u.no)]),
            _ => h("input")
                .a("type", "text")
                .a("inputmode", kind.input_mode())
                .a("autocomplete", "off")
                .a("spellcheck", "false")
                .a(
                    "placeholder",
                    if kind == Kind::Date { "YYYY-MM-DD" } else { "" },
                ),
        };
        let invalid = problem.is_some();
        let echo = value.filter(|_| !invalid).and_then(|v| echo(kind, v));
        let echo_id = format!("{id}-echo");
        let described = match echo {
            Some(_) => format!("{err_id} {echo_id}"),
            None => err_id.clone(),
        };
        hc(
            "div",
            if invalid {
                "q-field q-field--invalid"
            } else {
                "q-field"
            },
        )
        .key(path)
        .c(label)
        .c(control
            .a("id", id)
            .a("class", "q-input")
            .a("aria-invalid", invalid.to_string())
            .a("aria-describedby", described)
            .edit((self.text)(path.to_string()))
            .p(Prop::Value(value.unwrap_or_default().to_string())))
        .c(h("p")
            .a("id", err_id)
            .a("class", "q-err")
            .a("aria-live", "polite")
            .c_opt(problem.map(|t| t.get(lang))))
        .c_opt(echo.map(|e| hc("p", "q-hint q-echo").a("id", echo_id).c(e)))
    }

    /// A yearly field: one row, one input per year.
    fn year_row(&self, f: &Field, years: &[i32]) -> El {
        let lang = self.lang;
        let row_id = field_id(&format!("{}row-", self.prefix), f.key);
        let name = match f.kind.unit_label(lang) {
            Some(unit) => format!("{} ({unit})", f.label.get(lang)),
            None => f.label.get(lang).to_string(),
        };
        let cells = years.iter().map(|&y| {
            let label = format!("{y}{}", ui(lang).year_suffix);
            self.field(&path_for(f, true, y), &label, Some(&name))
        });
        hc("div", "q-yrow")
            .a("role", "group")
            .a("aria-labelledby", &row_id)
            .c(h("span")
                .a("id", row_id)
                .a("class", "q-yrow-label")
                .c(name.as_str()))
            .c(hc("div", "q-ycells").cs(cells))
    }

    /// The form's sections with a field `visible` to the user, in the years shown. A field not
    /// visible stays in the page, hidden.
    fn sections(&self, visible: impl Fn(&Field, bool) -> bool, years: &[i32]) -> Vec<M> {
        sections()
            .into_iter()
            .filter(|sec| sec.fields.iter().any(|f| visible(f, sec.yearly)))
            .map(|sec| {
                let slots = sec.fields.iter().map(|f| {
                    let body = if sec.yearly {
                        self.year_row(f, years)
                    } else {
                        self.field(f.key, f.label.get(self.lang), None)
                    };
                    let shown = visible(f, sec.yearly);
                    hc("div", if shown { "q-slot" } else { "q-slot q-hidden" })
                        .key(f.key)
                        .c(body)
                });
                let grid = if sec.yearly {
                    "q-grid q-grid--yearly"
                } else {
                    "q-grid"
                };
                hc("fieldset", "q-fieldset")
                    .key(sec.id)
                    .a("id", format!("{}sec-{}", self.prefix, sec.id))
                    .c(h("legend").c((sec.legend)(self.lang)))
                    .c(hc("div", grid).cs(slots))
                    .into()
            })
            .collect()
    }

    fn certifications(&self) -> El {
        let u = ui(self.lang);
        let rows = self.draft.certs.iter().enumerate();
        hc("fieldset", "q-fieldset")
            .key("certs")
            .a("id", "q-sec-certs")
            .c(h("legend").c(u.section_certs))
            .c(hc("ul", "q-certs").cs(rows.map(|(i, r)| self.cert_row(i, r))))
            .c(button("q-button", u.cert_add)
                .a("id", "q-cert-add")
                .edit(Edit::AddCert))
            .c(checkbox(
                "div",
                "q-cert-none",
                Edit::HoldsNone,
                self.draft.holds_none,
                // A listed certification contradicts "we hold none".
                !self.draft.certs.is_empty(),
                u.cert_none,
            ))
    }

    fn cert_row(&self, i: usize, row: &CertRow) -> El {
        let u = ui(self.lang);
        let part = |cert: CertPart, k: &str, label: &str, control: El, value: &str| {
            let id = format!("q-cert-{i}-{k}");
            let err_id = format!("{id}-err");
            let problem = self.built.problems.get(&format!("certifications[{i}].{k}"));
            hc("div", "q-field")
                .c(hc("label", "q-label").a("for", &id).c(label))
                .c(control
                    .a("id", id)
                    .a("class", "q-input")
                    .a("aria-describedby", &err_id)
                    .edit(Edit::Cert(cert, row.id))
                    .p(Prop::Value(value.to_string())))
                .c(h("p")
                    .a("id", err_id)
                    .a("class", "q-err")
                    .c_opt(problem.map(|t| t.get(self.lang))))
        };
        let date = || {
            h("input")
                .a("type", "text")
                .a("placeholder", "YYYY-MM-DD")
                .a("autocomplete", "off")
        };
        let kinds = CERT_KINDS
            .iter()
            .map(|w| (w.slug, self.lang.pick(w.zh, w.en)));
        hc("li", "q-cert")
            .key(row.id.to_string())
            .c(part(
                CertPart::Kind,
                "kind",
                u.cert_kind,
                select(u.choose, kinds),
                &row.kind,
            ))
            .c(part(
                CertPart::Since,
                "since",
                u.cert_since,
                date(),
                &row.since,
            ))
            .c(part(
                CertPart::Until,
                "until",
                u.cert_until,
                date(),
                &row.until,
            ))
            .c(button("q-button q-button--quiet", u.cert_remove)
                .a("id", format!("q-cert-{i}-remove"))
                .edit(Edit::RemoveCert(row.id))
                .c(hc("span", "q-vh").c(format!(" {}", i + 1))))
    }

    /// The self-declared conditions and self-assessed scores of the chosen programs.
    fn declarations(&self, groups: &[Group]) -> Option<El> {
        if groups.is_empty() {
            return None;
        }
        let lang = self.lang;
        let inner = groups.iter().map(|(pack, decl, scored)| {
            let scores = scored.iter().map(|sc| {
                let text = sc.label.get(lang);
                let max = sc.max.to_decimal_string(1);
                // The bundled packs state the range in the label; a host pack's may not.
                let label = if [format!("0–{max}"), format!("0-{max}")]
                    .iter()
                    .any(|r| text.contains(r.as_str()))
                {
                    format!("{} {text}", sc.criterion)
                } else {
                    format!("{} {text}(0–{max})", sc.criterion)
                };
                self.field(&format!("self_scores.{}", sc.key), &label, None)
            });
            hc("fieldset", "q-fieldset q-fieldset--inner")
                .key(pack.id.as_str())
                .c(h("legend").c(pack.name.get(lang)))
                .cs(decl.iter().map(|d| self.answer(d.key, d.label.get(lang))))
                .cs(scores)
        });
        Some(
            hc("fieldset", "q-fieldset")
                .key("declarations")
                .a("id", format!("{}sec-declarations", self.prefix))
                .c(h("legend").c(ui(lang).section_declarations))
                .cs(inner),
        )
    }

    /// A declaration: holds, does not hold, or not answered.
    fn answer(&self, key: &str, text: &str) -> El {
        let u = ui(self.lang);
        let name = field_id(&format!("{}ans-", self.prefix), key);
        let label_id = format!("{name}-label");
        let current = self.draft.answers.get(key).copied();
        let choice = |value: Option<bool>, word: &str, text: &str| {
            let id = format!("{name}-{word}");
            hc("span", "q-radio")
                .c(h("input")
                    .a("type", "radio")
                    .a("id", &id)
                    .a("name", &name)
                    .edit((self.answer)(value, key.to_string()))
                    .p(Prop::Checked(current == value)))
                .c(h("label").a("for", id).c(text))
        };
        hc("div", "q-answer")
            .key(key)
            .a("role", "radiogroup")
            .a("aria-labelledby", &label_id)
            .c(h("p")
                .a("id", &label_id)
                .a("class", "q-answer-text")
                .c(text))
            .c(choice(Some(true), "yes", u.answer_yes))
            .c(choice(Some(false), "no", u.answer_no))
            .c(choice(None, "unset", u.answer_unset))
    }
}

/// A chosen program with the conditions it asks to declare and the scores it asks to assess.
type Group = (
    &'static Pack,
    Vec<Declaration<'static>>,
    Vec<SelfScored<'static>>,
);

fn declaration_groups(s: State) -> Vec<Group> {
    let as_of = s.as_of();
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
        .collect()
}

/// The what-if figures: those among `only` (the inputs of one program), with the declarations
/// and self-assessed scores of `pack`, in the what-if copy of the draft.
pub fn what_if_fields(s: State, only: &[InputRef], pack: Option<&'static Pack>) -> Vec<M> {
    let (lang, years) = (s.lang(), shown_years(&s));
    s.whatif_draft.with(|draft| {
        s.whatif_built.with(|built| {
            let f = Form {
                lang,
                draft,
                built,
                prefix: "q-w-",
                text: Edit::WhatIfText,
                answer: Edit::WhatIfAnswer,
            };
            let mut out = f.sections(|field, yearly| is_needed(field, yearly, only), &years);
            let group = pack.and_then(|p| {
                let v = p.version_on(s.as_of())?;
                let (d, sc) = (declarations(v), self_scored(v));
                (!d.is_empty() || !sc.is_empty()).then_some((p, d, sc))
            });
            out.extend(f.declarations(group.as_slice()).map(M::from));
            out
        })
    })
}

/// The whole form with its progress count.
pub fn form(s: State) -> Part {
    // Closures, not memos: the form re-runs with the figures anyway, and each memo brings its
    // own copy of the memo code into the browser build.
    let progress = move |needed: &[InputRef]| {
        let filled = s
            .built
            .with(|b| needed.iter().filter(|r| is_filled(&b.profile, r)).count());
        (filled, needed.len())
    };
    let fields = move |needed: &[InputRef]| {
        let (lang, years) = (s.lang(), shown_years(&s));
        let all = s.choices(|c| c.show_all_fields);
        let groups = declaration_groups(s);
        s.draft.with(|draft| {
            s.built.with(|built| {
                let f = Form {
                    lang,
                    draft,
                    built,
                    prefix: "q-",
                    text: Edit::Text,
                    answer: Edit::Answer,
                };
                let visible = |field: &Field, yearly: bool| {
                    all || (!yearly && ALWAYS.contains(&field.key))
                        || is_needed(field, yearly, needed)
                };
                let mut out = f.sections(visible, &years);
                out.push(f.certifications().into());
                out.extend(f.declarations(&groups).map(M::from));
                out
            })
        })
    };
    Part::new(move || {
        let u = ui(s.lang());
        let inputs = needed_inputs(&s);
        let (filled, needed) = progress(&inputs);
        let progress = hc("p", "q-progress")
            .a("id", "q-progress")
            .c(h("span").c(format!("{} ", u.progress)))
            .c(h("strong")
                .a("data-filled", filled.to_string())
                .a("data-needed", needed.to_string())
                .c(format!("{filled} / {needed}")))
            .c(hc("progress", "q-progress-bar")
                .a("aria-labelledby", "q-progress")
                .a("max", needed.max(1).to_string())
                .a("value", filled.to_string()));
        let show_all = checkbox(
            "div",
            "q-show-all",
            Edit::ShowAllFields,
            s.choices(|c| c.show_all_fields),
            false,
            u.show_all_fields,
        );
        hc("section", "q-panel q-form")
            .a("aria-labelledby", "q-form-h")
            .c(h("h2").a("id", "q-form-h").c(u.form_heading))
            .c(progress)
            .c(show_all)
            .c(hc("p", "q-hint").c(u.amount_hint))
            .c(hc("form", "q-profile")
                .a("autocomplete", "off")
                .cs(fields(&inputs)))
    })
}

/// Adds a certification row and takes the focus to its first field, where the user goes next.
pub fn add_cert(s: State) {
    State::edit(s.draft, |d| d.add_cert());
    let last = s.draft.with_untracked(|d| d.certs.len()).saturating_sub(1);
    browser::focus_soon(&format!("#q-cert-{last}-kind"));
}

/// Removes a certification row. The focus was on its remove button, which goes with it: it
/// moves to the remove button of the row that takes its place, or, after the last, to the add
/// button.
pub fn remove_cert(s: State, id: u32) {
    let Some(at) = s
        .draft
        .with_untracked(|d| d.certs.iter().position(|r| r.id == id))
    else {
        return;
    };
    State::edit(s.draft, |d| d.remove_cert(id));
    let left = s.draft.with_untracked(|d| d.certs.len());
    browser::focus_soon(&if at < left {
        format!("#q-cert-{at}-remove")
    } else {
        "#q-cert-add".to_string()
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_in_other_words_echoes_what_it_was_read_as() {
        let amount = Kind::Amount { negative: false };
        let cases = [
            ("2.3亿", Some("= 23,000 万元")),
            ("１，５００", Some("= 1,500 万元")),
            ("3,000,000元", Some("= 300 万元")),
            ("300万", Some("= 300 万元")),
            ("1500", None),
            ("1500.5", None),
            ("lots", None),
        ];
        for (typed, echoed) in cases {
            assert_eq!(echo(amount, typed).as_deref(), echoed, "{typed}");
        }
        let profit = Kind::Amount { negative: true };
        assert_eq!(echo(profit, "-1.2亿").as_deref(), Some("= -12,000 万元"));
        assert_eq!(echo(Kind::Count, "1,200人"), None, "amounts only");
    }
}
