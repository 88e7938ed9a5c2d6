//! Regional packs on demand: the app starts with every regional program's heading alone
//! (`qualify_engine::bundled::REGIONAL`: names, level, region, ladder), which the picker and the
//! ladder list, and fetches a program's whole pack, which `cargo xtask pack-details` puts beside
//! the page, once it is shown: suggested for the profile's province, picked, or opened on its
//! page. So the first load does not grow with the number of regions. A fetched pack is checked
//! as `qualify check-pack` checks a file, and must be the pack this build names; one that cannot
//! be had says so on its program's card, and the other programs never wait for it. The service
//! worker (web/sw.js) keeps what the app fetched, for visits without the network.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use qualify_engine::pack::Origin;
use qualify_engine::{bundled, Lang, Pack};

use crate::host;
use crate::i18n::ui;
use crate::state::{leak, Problem, Route, State};

thread_local! {
    /// The regional packs asked for on this visit. Not in the state: a request on its way
    /// changes nothing on the page (the card of a pack not in says "loading" until it is in or
    /// failed), and a change of the state at start would build the page a second time before
    /// it is first painted.
    static ASKED: RefCell<Vec<&'static str>> = RefCell::default();
}

/// The answers to the requests for regional packs: each program's pack, or why not.
pub type Answers = Vec<(&'static str, Result<Pack, Problem>)>;

/// Fetches the pack of every program shown, or of the program page open, that is only a
/// heading, once: right away for what the page starts with, so that the requests are on their
/// way while the page is built, then whenever what is shown changes.
pub fn start(s: State) {
    untrack(|| want(s, shown(s)));
    crate::effect(Box::new(move || {
        let ids = shown(s);
        untrack(|| want(s, ids));
    }));
}

/// The programs shown and the program page open, tracked.
fn shown(s: State) -> Vec<&'static str> {
    let mut ids = s.selected.get();
    let page = s.choices(|c| match &c.route {
        Route::Program(id) => Some(id.clone()),
        Route::Assess => None,
    });
    if let Some(pack) = page.and_then(|id| s.pack(&id)) {
        ids.push(pack.id.as_str());
    }
    ids
}

/// Fetches the regional packs of `ids` that are headings and not yet asked for, all at once,
/// and puts them to use together once every answer is in: one change of the page for them all.
fn want(s: State, ids: Vec<&'static str>) {
    let wanted: Vec<(&'static str, &'static str)> = ids
        .into_iter()
        .filter(|id| {
            s.pack(id)
                .is_some_and(|p| p.is_heading() && p.origin == Origin::Bundled)
        })
        .filter_map(|id| Some((id, bundled::regional_file(id)?.0)))
        .filter(|(id, _)| {
            ASKED.with(|a| {
                let mut a = a.borrow_mut();
                !a.contains(id) && {
                    a.push(id);
                    true
                }
            })
        })
        .collect();
    let count = wanted.len();
    let answers: Rc<RefCell<Answers>> = Rc::default();
    for (id, file) in wanted {
        let answers = answers.clone();
        leptos::task::spawn_local(async move {
            let fetched = host::fetch_text(file).await;
            let done = {
                let mut a = answers.borrow_mut();
                a.push((id, read(id, fetched)));
                a.len() == count
            };
            if done {
                accept(s, answers.take());
            }
        });
    }
}

/// Reads a fetched regional pack: the pack, or what is wrong with it.
pub fn read(id: &str, fetched: Result<String, Problem>) -> Result<Pack, Problem> {
    match bundled::regional_pack(id, &fetched?) {
        Ok(Some(pack)) => Ok(pack),
        Ok(None) => Err(Problem::OtherBuild),
        Err(errors) => Err(host::problem(errors)),
    }
}

/// Puts fetched packs in the place of their headings, and says why the others cannot be had,
/// in one change.
pub fn accept(s: State, answers: Answers) {
    let (packs, failures) = sorted_out(&s.choices_untracked(|c| c.packs), answers);
    let packs = packs.map(leak);
    s.change(|c| {
        if let Some(packs) = packs {
            c.packs = packs;
        }
        for (id, problem) in failures {
            c.pack_failures.retain(|(i, _)| *i != id);
            c.pack_failures.push((id, problem));
        }
    });
}

/// The packs with each fetched pack in the place of its heading (`None` if none took one: a
/// host site's pack may have taken it in the meantime, and stays), and the programs whose
/// packs could not be had, with why.
fn sorted_out(packs: &[Pack], answers: Answers) -> (Option<Vec<Pack>>, Vec<(String, Problem)>) {
    let mut out = packs.to_vec();
    let mut replaced = false;
    let mut failures = Vec::new();
    for (id, answer) in answers {
        match answer {
            Ok(pack) if out.iter().any(|p| p.id == id && p.is_heading()) => {
                qualify_engine::pack::replace_by_id(&mut out, pack);
                replaced = true;
            }
            Ok(_) => {}
            Err(problem) => failures.push((id.to_string(), problem)),
        }
    }
    (replaced.then_some(out), failures)
}

/// What a program's card says while its pack is not in: on its way, or why it could not be
/// had (a title and the reasons), in `lang`.
pub fn state_lines(failure: Option<&Problem>, lang: Lang) -> Vec<String> {
    let u = ui(lang);
    match failure {
        Some(problem) => {
            let mut out = vec![u.pack_failed.to_string()];
            out.extend(host::reasons(problem, lang));
            out
        }
        None => vec![u.pack_loading.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_regional() -> (&'static str, &'static str) {
        let (name, ..) = bundled::REGIONAL[0];
        let (_, text) = bundled::FILES.iter().find(|(n, _)| *n == name).unwrap();
        (name.strip_suffix(".json").unwrap(), text)
    }

    #[test]
    fn a_fetched_pack_is_checked_and_must_be_this_builds() {
        let (id, text) = first_regional();
        let pack = read(id, Ok(text.to_string())).unwrap();
        assert_eq!(pack.id, id);
        assert!(!pack.is_heading());
        assert_eq!(
            read(id, Err(Problem::Status(404))),
            Err(Problem::Status(404))
        );
        assert!(matches!(
            read(id, Ok("<!doctype html><p>Not found".into())),
            Err(Problem::Malformed(_))
        ));
        assert!(matches!(
            read(id, Ok("{\"schema\": \"qualify.pack/1\"}".into())),
            Err(Problem::Invalid(_))
        ));
        let changed = text.replacen("\"zh\":\"", "\"zh\":\"!", 1);
        assert_eq!(read(id, Ok(changed)), Err(Problem::OtherBuild));
    }

    #[test]
    fn the_card_says_why_in_each_language() {
        let failed = Problem::Status(404);
        let zh = state_lines(Some(&failed), Lang::Zh);
        assert!(zh[0].starts_with("本项目的规则未能加载"), "{zh:?}");
        assert!(zh[1].contains("HTTP 404"), "{zh:?}");
        let en = state_lines(Some(&failed), Lang::En);
        assert!(en[0].starts_with("This program's rules could not be loaded"));
        assert!(en[1].contains("HTTP 404"));
        let other = state_lines(Some(&Problem::OtherBuild), Lang::En);
        assert_eq!(
            other[1],
            "The file is not the version this page needs, so it was not used."
        );
        assert_eq!(state_lines(None, Lang::Zh), ["正在加载本项目的规则……"]);
    }

    #[test]
    fn fetched_packs_take_their_headings_places_and_failures_are_kept() {
        let lean = bundled::lean_packs();
        let (id, text) = first_regional();
        let at = lean.iter().position(|p| p.id == id).unwrap();
        assert!(lean[at].is_heading());
        let pack = read(id, Ok(text.to_string())).unwrap();
        let (out, failures) = sorted_out(
            &lean,
            vec![
                (id, Ok(pack.clone())),
                ("gd-etc", Err(Problem::Status(404))),
            ],
        );
        let out = out.expect("the heading replaced");
        assert_eq!(out.len(), lean.len());
        assert_eq!(out[at], pack);
        assert_eq!(failures, [("gd-etc".to_string(), Problem::Status(404))]);

        // A host site's pack that took the heading's place stays.
        let mut hosted = lean.clone();
        hosted[at] = pack.clone();
        hosted[at].origin = Origin::Host;
        let (out, failures) = sorted_out(&hosted, vec![(id, Ok(pack))]);
        assert_eq!(out, None);
        assert!(failures.is_empty());
    }
}
