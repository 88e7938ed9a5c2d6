//! The app's state, held at the root and shared through context: what the user typed, the
//! choices they made, and what the engine makes of it. Every result is derived, never stored.

use chrono::NaiveDate;
use leptos::prelude::*;
use qualify_engine::ladder::region_match;
use qualify_engine::{evaluate, Assessment, Lang, Pack, Text};

use crate::draft::{Built, Draft};

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

#[derive(Clone, Copy)]
pub struct State {
    pub lang: RwSignal<Lang>,
    pub as_of: RwSignal<NaiveDate>,
    pub draft: RwSignal<Draft>,
    /// The program of the open what-if panel; `None` while it is closed.
    pub whatif: RwSignal<Option<String>>,
    /// The what-if copy of the figures, edited without touching `draft`.
    pub whatif_draft: RwSignal<Draft>,
    pub whatif_built: Memo<Built>,
    pub selection: RwSignal<Selection>,
    /// Programs a host page limited the app to (`?programs=`); `None` for all.
    pub allowed: RwSignal<Option<Vec<String>>>,
    /// The bundled packs start without their details (see `details.rs`).
    pub packs: RwSignal<&'static [Pack]>,
    pub details: RwSignal<crate::details::Details>,
    pub route: RwSignal<Route>,
    pub remember: RwSignal<bool>,
    pub sort: RwSignal<Sort>,
    pub show_all_fields: RwSignal<bool>,
    pub message: RwSignal<Option<Message>>,
    /// Why the host site's pack is not in use, if it is not (see `host.rs`).
    pub host_failure: RwSignal<Option<crate::host::Failure>>,
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
        let lang = RwSignal::new(lang);
        let as_of = RwSignal::new(as_of);
        let draft = RwSignal::new(Draft::default());
        let packs = RwSignal::new(packs);
        let selection = RwSignal::new(Selection::Suggested);
        let allowed = RwSignal::new(None::<Vec<String>>);
        let built = Memo::new(move |_| draft.with(Draft::build));
        let whatif_draft = RwSignal::new(Draft::default());
        let whatif_built = Memo::new(move |_| whatif_draft.with(Draft::build));
        let assessment =
            Memo::new(move |_| built.with(|b| evaluate(packs.get(), &b.profile, as_of.get())));
        let selected = Memo::new(move |_| {
            let packs = packs.get();
            let allowed = allowed.get();
            let is_allowed = |id: &str| allowed.as_ref().is_none_or(|a| a.iter().any(|x| x == id));
            selection.with(|sel| {
                built.with(|b| {
                    packs
                        .iter()
                        .filter(|p| is_allowed(&p.id))
                        .filter(|p| match sel {
                            Selection::Suggested => {
                                region_match(&p.region, &b.profile) != Some(false)
                            }
                            Selection::Picked(ids) => ids.contains(&p.id),
                        })
                        .map(|p| p.id.as_str())
                        .collect()
                })
            })
        });
        State {
            lang,
            as_of,
            draft,
            whatif: RwSignal::new(None),
            whatif_draft,
            whatif_built,
            selection,
            allowed,
            packs,
            details: RwSignal::new(crate::details::Details::NotAsked),
            route: RwSignal::new(Route::Assess),
            remember: RwSignal::new(false),
            sort: RwSignal::new(Sort::Ladder),
            show_all_fields: RwSignal::new(false),
            message: RwSignal::new(None),
            host_failure: RwSignal::new(None),
            built,
            assessment,
            selected,
        }
    }

    pub fn pack(&self, id: &str) -> Option<&'static Pack> {
        self.packs.get_untracked().iter().find(|p| p.id == id)
    }

    /// Shows a message in the status area.
    pub fn say(&self, error: bool, title: Text, lines: Vec<Text>) {
        self.message.set(Some(Message {
            error,
            title,
            lines,
        }));
    }
}

pub fn use_state() -> State {
    expect_context::<State>()
}
