//! The app's state, held at the root and shared through context: what the user typed, the
//! choices they made, and what the engine makes of it. Every result is derived, never stored.

use chrono::NaiveDate;
use leptos::prelude::*;
use qualify_engine::ladder::region_match;
use qualify_engine::{evaluate, Assessment, Lang, Pack, Text};

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
    /// Those open to the enterprise's region (all, until the region is known).
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

/// A message about something the user did (an import, a share link, forgetting).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub error: bool,
    pub title: Text,
    pub lines: Vec<Text>,
}

/// What the user chose and what the page learnt along the way, in one signal: each signal's
/// value type brings its own copy of the signal code into the browser build, and these change
/// seldom, on a click. A change re-runs every part that reads any of them, which patches the
/// page (`markup::kept`) and so costs time but not correctness; the assessment, which reads the
/// packs and the date, is evaluated again too, and passes nothing on when it comes out the same.
/// What typing changes has signals of its own, so a keystroke re-runs only what depends on the
/// figures.
pub struct Choices {
    pub lang: Lang,
    /// The bundled packs start without their details (see `details.rs`).
    pub packs: &'static [Pack],
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
    pub details: crate::details::Details,
    pub remember: bool,
    pub sort: Sort,
    pub show_all_fields: bool,
    pub message: Option<Message>,
    /// Why the host site's pack is not in use, if it is not (see `host.rs`).
    pub host_failure: Option<crate::host::Failure>,
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

/// Packs live as long as the page; leaking them once lets every result borrow from them.
pub fn leak(packs: Vec<Pack>) -> &'static [Pack] {
    Box::leak(packs.into_boxed_slice())
}

impl State {
    pub fn new(packs: &'static [Pack], lang: Lang, as_of: NaiveDate) -> State {
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
            details: crate::details::Details::NotAsked,
            remember: false,
            sort: Sort::Ladder,
            show_all_fields: false,
            message: None,
            host_failure: None,
        });
        let built = memo(Box::new(move |_| draft.with(Draft::build)));
        let whatif_draft = RwSignal::new(Draft::default());
        let whatif_built = memo(Box::new(move |_| whatif_draft.with(Draft::build)));
        let assessment = memo(Box::new(move |_| {
            let (packs, as_of) = {
                let c = choices.read();
                (c.packs, c.as_of)
            };
            built.with(|b| evaluate(packs, &b.profile, as_of))
        }));
        let selected = memo(Box::new(move |_| {
            let c = choices.read();
            let packs = c.packs;
            let is_allowed =
                |id: &str| c.allowed.as_ref().is_none_or(|a| a.iter().any(|x| x == id));
            built.with(|b| {
                packs
                    .iter()
                    .filter(|p| is_allowed(&p.id))
                    .filter(|p| match &c.selection {
                        Selection::Suggested => region_match(&p.region, &b.profile) != Some(false),
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

    /// Changes the choices. `f` must not read them: they are locked while it runs.
    pub fn change(&self, f: impl FnOnce(&mut Choices)) {
        f(&mut self.choices.write());
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
            .iter()
            .find(|p| p.id == id)
    }

    /// Shows a message in the status area.
    pub fn say(&self, error: bool, title: Text, lines: Vec<Text>) {
        self.change(|c| {
            c.message = Some(Message {
                error,
                title,
                lines,
            })
        });
    }
}

pub fn use_state() -> State {
    expect_context::<State>()
}
