//! Regional packs on demand: the app starts with every regional program's heading alone
//! (`qualify_engine::bundled::REGIONAL`: names, level, region, ladder), which the picker and the
//! ladder list, and fetches a program's whole pack, which `cargo xtask pack-details` puts beside
//! the page, once it is shown: suggested for the profile's province, picked, or opened on its
//! page. So the first load does not grow with the number of regions. A fetched pack is checked
//! as `qualify check-pack` checks a file, and must be the pack this build names; one that cannot
//! be had says so on its program's card, and the other programs never wait for it. The service
//! worker (web/sw.js) keeps what the app fetched, for visits without the network.

use leptos::prelude::*;
use qualify_engine::pack::Origin;
use qualify_engine::{bundled, Lang, Pack};

use crate::host;
use crate::i18n::ui;
use crate::state::{leak, Fetch, Problem, Route, State};

/// Fetches the pack of every program shown, or of the program page open, that is only a
/// heading, once.
pub fn start(s: State) {
    crate::effect(Box::new(move || {
        let mut shown = s.selected.get();
        let page = s.choices(|c| match &c.route {
            Route::Program(id) => Some(id.clone()),
            Route::Assess => None,
        });
        if let Some(pack) = page.and_then(|id| s.pack(&id)) {
            shown.push(pack.id.as_str());
        }
        untrack(|| {
            for id in shown {
                want(s, id);
            }
        });
    }));
}

/// Fetches the regional pack `id` unless it is in, on its way, or failed on this visit.
fn want(s: State, id: &'static str) {
    let heading = s
        .pack(id)
        .is_some_and(|p| p.is_heading() && p.origin == Origin::Bundled);
    let asked = s.choices_untracked(|c| c.fetches.iter().any(|(i, _)| i == id));
    let Some((file, _)) = bundled::regional_file(id).filter(|_| heading && !asked) else {
        return;
    };
    s.change(|c| c.fetches.push((id.to_string(), Fetch::Loading)));
    leptos::task::spawn_local(async move {
        let fetched = host::fetch_text(file).await;
        accept(s, id, read(id, fetched));
    });
}

/// Reads a fetched regional pack: the pack, or what is wrong with it.
pub fn read(id: &str, fetched: Result<String, Problem>) -> Result<Pack, Problem> {
    match bundled::regional_pack(id, &fetched?) {
        Ok(Some(pack)) => Ok(pack),
        Ok(None) => Err(Problem::OtherBuild),
        Err(errors) => Err(host::problem(errors)),
    }
}

/// Puts a fetched pack in the place of its heading, or says why it cannot be; a host site's
/// pack that took the heading's place in the meantime stays.
pub fn accept(s: State, id: &str, read: Result<Pack, Problem>) {
    let still_heading = s.pack(id).is_some_and(Pack::is_heading);
    let packs = match &read {
        Ok(pack) if still_heading => Some(leak(merged(&s.choices_untracked(|c| c.packs), pack))),
        _ => None,
    };
    // One change, so that the page is patched once for the pack and its state together.
    s.change(|c| {
        if let Some(packs) = packs {
            c.packs = packs;
        }
        match read {
            Ok(_) => c.fetches.retain(|(i, _)| i != id),
            Err(problem) => {
                let failed = Fetch::Failed(problem);
                match c.fetches.iter_mut().find(|(i, _)| i == id) {
                    Some((_, f)) => *f = failed,
                    None => c.fetches.push((id.to_string(), failed)),
                }
            }
        }
    });
}

/// The packs with `pack` in the place of its heading.
fn merged(packs: &[Pack], pack: &Pack) -> Vec<Pack> {
    let mut out = packs.to_vec();
    qualify_engine::pack::replace_by_id(&mut out, pack.clone());
    out
}

/// What a program's card says while its pack is not in: on its way, or why it could not be
/// had (a title and the reasons), in `lang`.
pub fn state_lines(fetch: Option<&Fetch>, lang: Lang) -> Vec<String> {
    let u = ui(lang);
    match fetch {
        Some(Fetch::Failed(problem)) => {
            let mut out = vec![u.pack_failed.to_string()];
            out.extend(host::reasons(problem, lang));
            out
        }
        Some(Fetch::Loading) | None => vec![u.pack_loading.to_string()],
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
        let failed = Fetch::Failed(Problem::Status(404));
        let zh = state_lines(Some(&failed), Lang::Zh);
        assert!(zh[0].starts_with("本项目的规则未能加载"), "{zh:?}");
        assert!(zh[1].contains("HTTP 404"), "{zh:?}");
        let en = state_lines(Some(&failed), Lang::En);
        assert!(en[0].starts_with("This program's rules could not be loaded"));
        assert!(en[1].contains("HTTP 404"));
        let other = state_lines(Some(&Fetch::Failed(Problem::OtherBuild)), Lang::En);
        assert_eq!(
            other[1],
            "The file is not the version this page needs, so it was not used."
        );
        assert_eq!(state_lines(None, Lang::Zh), ["正在加载本项目的规则……"]);
    }

    #[test]
    fn a_fetched_pack_takes_its_headings_place() {
        let lean = bundled::lean_packs();
        let (id, text) = first_regional();
        let at = lean.iter().position(|p| p.id == id).unwrap();
        assert!(lean[at].is_heading());
        let pack = read(id, Ok(text.to_string())).unwrap();
        let out = merged(&lean, &pack);
        assert_eq!(out.len(), lean.len());
        assert_eq!(out[at], pack);
    }
}
