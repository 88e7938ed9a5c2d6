//! The app's state, made at the root and handed to every part of the page: what the user typed,
//! the choices they made, and what the engine makes of it. Every result is derived, never
//! stored. A change that changes nothing notifies nothing, so nothing re-runs for it.

use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use qualify_engine::ladder::region_match;
use qualify_engine::pack::Region;
use qualify_engine::{evaluate, Assessment, Error, Errors, Lang, Pack, Text};

use crate::draft::{Built, Draft};
use crate::memo;

/// The page shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Assess,
    Program(String),
}

/// Which programs are assessed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Those open to the enterprise's region: the national ones, and a regional one once the
    /// profile's province is its own and nothing else known rules it out (see `suggested`).
    Suggested,
    /// Exactly these, as the user picked them.
    Picked(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sort {
    /// By ladder: level, then rung.
    Ladder,
    /// Closest to eligible first.
    Closeness,
}

/// The plan, made in its own worker (`plan.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub enum PlanView {
    #[default]
    NotAsked,
    Loading,
    Ready(std::sync::Arc<Planned>),
    /// The worker could not be started or could not answer: the page goes on without a plan.
    Failed,
}

/// The worker's answer: each program's plan and the certifications' as HTML, and the calendar
/// file.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned {
    pub programs: Vec<(String, String)>,
    pub certifications: Option<String>,
    /// For the ladder's next rungs: when each can be applied for, in a line.
    pub reach: Vec<(String, String)>,
    pub ics: String,
}

/// Whether the packs' details (`details.rs`) are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Details {
    NotAsked,
    Loading,
    Loaded,
    /// The details could not be fetched, or are not this build's: the packs stay without their
    /// details for this visit.
    Failed,
}

/// Why a host pack (`host.rs`) or a regional pack (`regional.rs`) is not in use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The address is not an http(s) URL.
    BadUrl,
    /// The pack is on another site than the app's or the embedding page's. Anyone can write a
    /// link with `?pack=`, and a pack shown as "supplied by this site" must come from it.
    NotThisSite,
    /// No answer: the network is down, or CORS refused the request (a refusal by the page's
    /// CSP is `Refused` when the browser reported it).
    Unreachable,
    /// The page's Content-Security-Policy refused the request (`connect-src`): the origin it
    /// would have to allow.
    Refused(String),
    /// No whole answer within `host::TIMEOUT_SECONDS`.
    TimedOut,
    /// The server answered with an error status.
    Status(u16),
    /// The answer is not JSON.
    Malformed(Shared<Error>),
    /// JSON, but not a valid pack.
    Invalid(Shared<Errors>),
    /// A valid pack, but not the one this build of the page names (a regional pack's file).
    OtherBuild,
}

/// A pack's errors, shared rather than copied: every change of the choices copies them to tell
/// whether anything changed, and copying and comparing errors field by field was 3.6 KB of
/// wasm. Equal when they are the same errors, which is all that test needs: a new failure is a
/// change even if its errors read the same.
#[derive(Clone, Debug)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Shared<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Eq for Shared<T> {}

impl<T> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

/// A host pack that could not be used, for the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub url: String,
    pub problem: Problem,
}

/// The packs in use. Equal when they are the same list: each list is leaked once (`leak`), and
/// comparing the packs themselves would compare every rule.
#[derive(Clone, Copy, Debug)]
pub struct Packs(pub &'static [Pack]);

impl PartialEq for Packs {
    fn eq(&self, other: &Packs) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Deref for Packs {
    type Target = [Pack];
    fn deref(&self) -> &[Pack] {
        self.0
    }
}

/// A message about something the user did (an import, a share link, forgetting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub error: bool,
    pub title: Text,
    pub lines: Vec<Text>,
    pub near: Near,
}

/// Where a message shows: at the top of the page, or beside the control that caused it, where
/// the keyboard user who pressed it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Near {
    Page,
    Tools,
}

/// What the user chose and what the page learnt along the way, in one signal: each signal's
/// value type brings its own copy of the signal code into the browser build, and these change
/// seldom, on a click. A change re-runs every part that reads any of them, which patches the
/// page (`part.rs`) and so costs time but not correctness; the assessment, which reads the
/// packs and the date, is evaluated again too, and passes nothing on when it comes out the same.
/// A change that leaves them as they were re-runs nothing (`State::change`).
/// What typing changes has signals of its own, so a keystroke re-runs only what depends on the
/// figures.
#[derive(Clone, PartialEq)]
pub struct Choices {
    pub lang: Lang,
    /// The bundled packs start without their details (see `details.rs`).
    pub packs: Packs,
    /// The date whose rules apply.
    pub as_of: NaiveDate,
    pub route: Route,
    /// The program of the open what-if panel; `None` while it is closed.
    pub whatif: Option<String>,
    /// What the what-if panel's "what does it take?" changed, until the figures are reset or
    /// another program is chosen.
    pub whatif_changes: Option<Vec<Text>>,
    pub selection: Selection,
    /// Programs a host page limited the app to (`?programs=`); `None` for all.
    pub allowed: Option<Vec<String>>,
    pub details: Details,
    pub plan: PlanView,
    pub remember: bool,
    pub sort: Sort,
    pub show_all_fields: bool,
    pub message: Option<Message>,
    /// The figures as they were before "clear all", while it can still be undone.
    pub cleared: Option<Draft>,
    /// Why the host site's pack is not in use, if it is not (see `host.rs`).
    pub host_failure: Option<Failure>,
    /// Why a regional pack could not be had, by program id (see `regional.rs`). A pack on its
    /// way is not a choice: only its arrival, or its failure, changes the page.
    pub pack_failures: Vec<(String, Problem)>,
    /// Whether the host site's pack is on its way: until it is, the bundled packs are in use.
    pub host_pending: bool,
    /// What the user typed in the header's date field, once they have: it stays as typed, and
    /// says whether it is a date.
    pub as_of_typed: Option<String>,
    /// The program chosen in the what-if panel, before or while it is open.
    pub whatif_pick: Option<String>,
    /// The share link made, and whether it was copied.
    pub share_link: Option<String>,
    pub link_copied: bool,
}

#[derive(Clone, Copy)]
pub struct State {
    choices: RwSignal<Choices>,
    pub draft: RwSignal<Draft>,
    /// The what-if copy of the figures, edited without touching `draft`.
    pub whatif_draft: RwSignal<Draft>,
    pub whatif_built: Memo<Built>,
    pub built: Memo<Built>,
    pub assessment: Memo<Assessment<'static>>,
    /// The programs shown, in pack order.
    pub selected: Memo<Vec<&'static str>>,
}

/// Whether a program is suggested for the profile: one open to the whole country always; one
/// of a region once the profile's province is the region's and nothing else known rules it
/// out. Until then a regional program is only listed: its pack is fetched when it is shown.
pub fn suggested(p: &Pack, profile: &qualify_engine::Profile) -> bool {
    let province = Region {
        province: p.region.province,
        ..Region::default()
    };
    region_match(&p.region, profile) != Some(false)
        && region_match(&province, profile) == Some(true)
}

/// Packs live as long as the page; leaking them once lets every result borrow from them.
pub fn leak(packs: Vec<Pack>) -> Packs {
    Packs(Box::leak(packs.into_boxed_slice()))
}

impl State {
    pub fn new(packs: Packs, lang: Lang, as_of: NaiveDate) -> State {
        let draft = RwSignal::new(Draft::default());
        let choices = RwSignal::new(Choices {
            lang,
            packs,
            as_of,
            route: Route::Assess,
            whatif: None,
            whatif_changes: None,
            selection: Selection::Suggested,
            allowed: None,
            details: Details::NotAsked,
            plan: PlanView::NotAsked,
            remember: false,
            sort: Sort::Ladder,
            show_all_fields: false,
            message: None,
            cleared: None,
            host_failure: None,
            pack_failures: Vec::new(),
            host_pending: false,
            as_of_typed: None,
            whatif_pick: None,
            share_link: None,
            link_copied: false,
        });
        let built = memo(Box::new(move |_| {
            let packs = choices.read().packs;
            draft.with(|d| d.build_for(packs.0))
        }));
        let whatif_draft = RwSignal::new(Draft::default());
        let whatif_built = memo(Box::new(move |_| whatif_draft.with(Draft::build)));
        let assessment = memo(Box::new(move |_| {
            let (packs, as_of) = {
                let c = choices.read();
                (c.packs, c.as_of)
            };
            built.with(|b| evaluate(packs.0, &b.profile, as_of))
        }));
        let selected = memo(Box::new(move |_| {
            let c = choices.read();
            let packs = c.packs.0;
            let is_allowed =
                |id: &str| c.allowed.as_ref().is_none_or(|a| a.iter().any(|x| x == id));
            built.with(|b| {
                packs
                    .iter()
                    .filter(|p| is_allowed(&p.id))
                    .filter(|p| match &c.selection {
                        Selection::Suggested => suggested(p, &b.profile),
                        Selection::Picked(ids) => ids.contains(&p.id),
                    })
                    .map(|p| p.id.as_str())
                    .collect()
            })
        }));
        State {
            choices,
            draft,
            whatif_draft,
            whatif_built,
            built,
            assessment,
            selected,
        }
    }

    /// Reads the choices, and re-runs the caller when they change.
    pub fn choices<R>(&self, f: impl FnOnce(&Choices) -> R) -> R {
        f(&self.choices.read())
    }

    /// Reads the choices without re-running the caller when they change.
    pub fn choices_untracked<R>(&self, f: impl FnOnce(&Choices) -> R) -> R {
        f(&self.choices.read_untracked())
    }

    /// Changes the choices, and re-runs what reads them only if they changed. `f` must not
    /// read them: they are locked while it runs.
    pub fn change(&self, f: impl FnOnce(&mut Choices)) {
        let mut f = Some(f);
        self.change_with(&mut |c| {
            if let Some(f) = f.take() {
                f(c);
            }
        });
    }

    /// `change` without its type parameter, so the browser build carries one copy.
    fn change_with(&self, f: &mut dyn FnMut(&mut Choices)) {
        self.choices.maybe_update(|c| {
            let before = c.clone();
            f(c);
            *c != before
        });
    }

    /// Changes a draft with an edit that says whether it changed anything.
    pub fn edit(draft: RwSignal<Draft>, edit: impl FnOnce(&mut Draft) -> bool) {
        draft.maybe_update(edit);
    }

    /// Replaces a draft, if the new one differs.
    pub fn replace(draft: RwSignal<Draft>, new: Draft) {
        draft.maybe_update(|d| {
            *d != new && {
                *d = new;
                true
            }
        });
    }

    /// The language, tracked.
    pub fn lang(&self) -> Lang {
        self.choices(|c| c.lang)
    }

    /// The date whose rules apply, tracked.
    pub fn as_of(&self) -> NaiveDate {
        self.choices(|c| c.as_of)
    }

    pub fn pack(&self, id: &str) -> Option<&'static Pack> {
        self.choices_untracked(|c| c.packs)
            .0
            .iter()
            .find(|p| p.id == id)
    }

    /// Why the regional pack `id` could not be had, if it could not, tracked.
    pub fn pack_failure(&self, id: &str) -> Option<Problem> {
        self.choices(|c| {
            c.pack_failures
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, p)| p.clone())
        })
    }

    /// Limits the app to the programs of a list like `?programs=` (`cn-hnte,xm-etc`) that it
    /// has packs for.
    pub fn allow(&self, list: &str) {
        let ids: Vec<String> = list
            .split(',')
            .map(|x| x.trim().to_string())
            .filter(|id| self.pack(id).is_some())
            .collect();
        if !ids.is_empty() {
            self.change(|c| {
                c.allowed = Some(ids.clone());
                c.selection = Selection::Picked(ids);
            });
        }
    }

    /// Shows a message in the status area.
    pub fn say(&self, error: bool, title: Text, lines: Vec<Text>) {
        self.say_near(Near::Page, error, title, lines);
    }

    /// Shows a message where `near` says. It takes the place of the one before, and with it
    /// any offer to undo "clear all".
    pub fn say_near(&self, near: Near, error: bool, title: Text, lines: Vec<Text>) {
        self.change(|c| {
            c.cleared = None;
            c.message = Some(Message {
                error,
                title,
                lines,
                near,
            })
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::{bundled, parse_date};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    /// A memo counting its runs, of what `read` reads.
    fn counted<T: PartialEq + Send + Sync + 'static>(
        read: impl Fn() -> T + Send + Sync + 'static,
    ) -> (Memo<T>, Arc<AtomicUsize>) {
        let runs = Arc::new(AtomicUsize::new(0));
        let count = runs.clone();
        let m = Memo::new(move |_| {
            count.fetch_add(1, Ordering::SeqCst);
            read()
        });
        (m, runs)
    }

    /// How often the memo has run, once it is up to date.
    fn runs<T: Clone + PartialEq + Send + Sync + 'static>(m: &Memo<T>, n: &AtomicUsize) -> usize {
        m.get();
        n.load(Ordering::SeqCst)
    }

    #[test]
    fn regional_programs_are_suggested_once_the_province_is_theirs() {
        let packs = bundled::lean_packs();
        let shown = |json: &str| -> Vec<&str> {
            let profile = qualify_engine::Profile::from_json(json).unwrap();
            packs
                .iter()
                .filter(|p| suggested(p, &profile))
                .map(|p| p.id.as_str())
                .collect()
        };
        let national: Vec<&str> = packs
            .iter()
            .filter(|p| p.id.starts_with("cn-"))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(shown("{}"), national, "no province: the national programs");
        let guangdong = shown(r#"{"province": "guangdong"}"#);
        assert!(guangdong.contains(&"gd-etc") && guangdong.contains(&"sz-record"));
        assert!(!guangdong.contains(&"fj-etc"));
        let guangzhou = shown(r#"{"province": "guangdong", "city": "guangzhou"}"#);
        assert!(guangzhou.contains(&"gd-etc") && !guangzhou.contains(&"sz-record"));
    }

    #[test]
    fn changes_that_change_nothing_notify_nothing() {
        let owner = Owner::new();
        owner.set();
        let s = State::new(
            leak(bundled::lean_packs()),
            Lang::Zh,
            parse_date("2025-06-30").unwrap(),
        );
        let (sort, sorts) = counted(move || s.choices(|c| c.sort));
        let (text, texts) = counted(move || s.draft.with(|d| d.text.len()));
        assert_eq!(runs(&sort, &sorts), 1);
        assert_eq!(runs(&text, &texts), 1);

        s.change(|c| c.sort = Sort::Ladder);
        let packs = s.choices_untracked(|c| c.packs);
        s.change(|c| c.packs = packs);
        assert_eq!(runs(&sort, &sorts), 1, "the same choices");
        s.change(|c| c.sort = Sort::Closeness);
        assert_eq!(runs(&sort, &sorts), 2);

        State::edit(s.draft, |d| d.set_text("province", "fujian".into()));
        assert_eq!(runs(&text, &texts), 2);
        State::edit(s.draft, |d| d.set_text("province", "fujian".into()));
        State::edit(s.draft, |d| d.set_holds_none(false));
        State::edit(s.draft, |d| d.answer("N5", None));
        State::replace(s.draft, s.draft.get_untracked());
        assert_eq!(runs(&text, &texts), 2, "the same figures");
        State::replace(s.draft, Draft::default());
        assert_eq!(runs(&text, &texts), 3);
    }
}
