//! The rules that read one fact: a category (`in`), a certification (`holds`), a declaration
//! (`declared`), and the threshold nobody has published (`unpublished`). Each has its full
//! result and, for conditions, the status alone.

use std::borrow::Cow;
use std::sync::Arc;

use super::result::{status_of, Check, Shown, Status};
use super::unknown::Needs;
use super::Ctx;
use crate::inputs::InputRef;
use crate::profile::{Category, CategoryField, CertKind};
use crate::text::Text;

impl Ctx<'_> {
    pub(super) fn is_in<'p>(
        &self,
        out: &mut Check<'p>,
        field: CategoryField,
        values: &'p [Category],
    ) {
        out.required = Some(Shown::Categories(values));
        match self.p.category(field) {
            None => {
                out.status = Status::Missing;
                out.needs = vec![InputRef::Category(field)];
            }
            Some(v) => {
                out.status = status_of(values.contains(&v));
                out.actual = Some(match v {
                    Category::Word(w) => Shown::Word(w),
                    Category::Flag(b) => Shown::Flag(b),
                });
            }
        }
    }

    pub(super) fn is_in_cond(&self, field: CategoryField, values: &[Category]) -> (Status, Needs) {
        match self.p.category(field) {
            None => (Status::Missing, Needs::one(InputRef::Category(field))),
            Some(v) => (status_of(values.contains(&v)), Needs::NONE),
        }
    }

    pub(super) fn holds<'p>(&self, out: &mut Check<'p>, kinds: &'p [CertKind]) {
        out.required = Some(Shown::Kinds(kinds));
        match &self.p.certifications {
            None => {
                out.status = Status::Missing;
                out.needs = vec![InputRef::Certifications];
            }
            Some(certs) => {
                let held = certs
                    .iter()
                    .find(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of));
                out.status = status_of(held.is_some());
                out.actual = Some(match held {
                    Some(c) => Shown::Word(c.kind.slug()),
                    None => Shown::Flag(false),
                });
                // A certification entered without its end is held to the end its kind
                // implies; say so, whether that keeps it valid or has let it lapse.
                let assumed = held.or_else(|| {
                    certs.iter().find(|c| {
                        kinds.contains(&c.kind)
                            && c.since <= self.as_of
                            && c.assumed_end().is_some()
                    })
                });
                if let Some(end) = assumed.and_then(|c| c.assumed_end()) {
                    out.note = Some(Cow::Owned(assumed_note(end, held.is_some())));
                }
            }
        }
    }

    pub(super) fn holds_cond(&self, kinds: &[CertKind]) -> (Status, Needs) {
        match &self.p.certifications {
            None => (Status::Missing, Needs::one(InputRef::Certifications)),
            Some(certs) => {
                let held = certs
                    .iter()
                    .any(|c| kinds.contains(&c.kind) && c.valid_on(self.as_of));
                (status_of(held), Needs::NONE)
            }
        }
    }

    /// A declaration's status: confirmed, declined or not yet made.
    fn declared(&self, key: &str) -> Status {
        if self.p.confirmations.contains(key) {
            Status::Met
        } else if self.p.declined.contains(key) {
            Status::NotMet
        } else {
            Status::Unconfirmed
        }
    }

    pub(super) fn declaration(&self, out: &mut Check<'_>, key: &Arc<str>) {
        let status = self.declared(key);
        out.status = status;
        out.required = Some(Shown::Flag(true));
        match status {
            Status::Met => out.actual = Some(Shown::Flag(true)),
            Status::NotMet => out.actual = Some(Shown::Flag(false)),
            _ => out.needs = vec![InputRef::Confirmation(key.clone())],
        }
    }

    pub(super) fn declaration_cond(&self, key: &Arc<str>) -> (Status, Needs) {
        match self.declared(key) {
            Status::Unconfirmed => (
                Status::Unconfirmed,
                Needs::one(InputRef::Confirmation(key.clone())),
            ),
            status => (status, Needs::NONE),
        }
    }
}

/// "Assumed valid to …": the end of a certification entered without one.
fn assumed_note(end: chrono::NaiveDate, valid: bool) -> Text {
    if valid {
        Text::new(
            format!("未填写有效期,按该类认定的有效期推定有效至{end}"),
            format!("No end date entered: assumed valid to {end}, the period this kind of recognition lasts"),
        )
    } else {
        Text::new(
            format!("未填写有效期,按该类认定的有效期推定有效至{end},已过期"),
            format!("No end date entered: assumed valid to {end}, the period this kind of recognition lasts, so it has lapsed"),
        )
    }
}

/// A threshold nobody has published: `not-assessable`, whatever the profile says.
pub(super) fn unpublished<'p>(out: &mut Check<'p>, note: &'p Text) {
    out.status = Status::NotAssessable;
    out.note = Some(Cow::Borrowed(note));
}
