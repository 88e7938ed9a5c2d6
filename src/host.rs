//! Host packs: a rule pack the host site supplies by URL (`?pack=URL`, which embed.js sets from
//! `data-pack-url`). It is fetched once, checked by the engine exactly as `qualify check-pack`
//! checks a file, and then replaces the bundled pack with its id or joins them. A pack that
//! cannot be used leaves the bundled packs in place and is reported in a banner, since a bureau
//! that supplies a table must learn that its visitors are not getting it.

use qualify_engine::pack::Origin;
use qualify_engine::{Error, Errors, Lang, Pack};

use crate::browser;
use crate::i18n::{fill, ui};
use crate::markup::{h, hc};
use crate::part::Part;
use crate::state::{leak, Shared, State};
pub use crate::state::{Failure, Problem};

/// Errors of an invalid pack listed in the banner; the rest are counted.
const LISTED: usize = 5;

/// The pack URL the page was given, resolved against the page as the service worker resolves it
/// (web/sw.js caches exactly this URL).
pub fn pack_url() -> Option<Result<String, Problem>> {
    let given = browser::query("pack").filter(|p| !p.trim().is_empty())?;
    let location = web_sys::window()?.location();
    let (base, own) = (location.href().ok()?, location.origin().ok()?);
    let parent = framing_origin();
    Some(
        web_sys::Url::new_with_base(given.trim(), &base)
            .ok()
            .filter(|u| matches!(u.protocol().as_str(), "https:" | "http:"))
            .ok_or(Problem::BadUrl)
            .and_then(|u| {
                u.set_hash("");
                if trusted(&u.origin(), &own, parent.as_deref()) {
                    Ok(u.href())
                } else {
                    Err(Problem::NotThisSite)
                }
            }),
    )
}

/// The origin of the page this one is really framed by, when it is the `?parent=` the URL
/// claims. Anyone can write a link with `&parent=`, so the claim counts only where the browser
/// confirms it: a page that is not in a frame has no parent, and a framed one has the parent
/// the browser reports, in `location.ancestorOrigins` where it offers that list, or else in the
/// referrer of the frame's document. Where it offers neither (a host page sending no referrer,
/// in a browser without the list), nothing confirms the claim and the site's pack is refused.
pub fn framing_origin() -> Option<String> {
    let window = web_sys::window()?;
    let top = window.parent().ok().flatten()?;
    if js_sys::Object::is(&top, &window) {
        return None;
    }
    let claimed = browser::query("parent")?;
    let claimed = crate::embed::origin(&claimed)?;
    let reported = ancestor_origin(&window.location()).or_else(|| {
        let referrer = window.document()?.referrer();
        web_sys::Url::new(&referrer).ok().map(|u| u.origin())
    })?;
    (reported == claimed).then_some(reported)
}

/// The origin of the page that frames this one, from `location.ancestorOrigins`, where the
/// browser has that list.
fn ancestor_origin(location: &web_sys::Location) -> Option<String> {
    let list = js_sys::Reflect::get(location, &"ancestorOrigins".into()).ok()?;
    if list.is_undefined() || list.is_null() {
        return None;
    }
    js_sys::Reflect::get(&list, &0.into()).ok()?.as_string()
}

/// Whether a pack at `origin` speaks for the site: the app's own origin, or the origin of the
/// page that embeds it, as `framing_origin` confirmed it.
fn trusted(origin: &str, own: &str, parent: Option<&str>) -> bool {
    origin == own || parent == Some(origin)
}

/// Fetches the page's host pack, if it names one, and puts it to use.
pub fn start(s: State) {
    match pack_url() {
        None => {}
        Some(Err(problem)) => {
            let url = browser::query("pack").unwrap_or_default();
            s.change(|c| c.host_failure = Some(Failure { url, problem }));
        }
        Some(Ok(url)) => {
            s.change(|c| c.host_pending = true);
            leptos::task::spawn_local(load(s, url))
        }
    }
}

/// Fetches a pack and puts it to use, or reports why it cannot be.
pub async fn load(s: State, url: String) {
    let fetched = fetch_text(&url).await;
    accept(s, &url, fetched);
}

/// How long the site's pack may take, from the request to its last byte, before the page stops
/// waiting for it and says so.
pub const TIMEOUT_SECONDS: i32 = 10;

/// What the site's administrators must change when the page's policy refuses a pack.
const CSP_FIX: &str = "Qualify:请在本页 CSP 的 connect-src 中加入 {} / add {} to this page's CSP connect-src, e.g. connect-src 'self' {}";

/// The text of the answer to a GET of `url`, within [`TIMEOUT_SECONDS`].
pub(crate) async fn fetch_text(url: &str) -> Result<String, Problem> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or(Problem::Unreachable)?;
    // One deadline for the answer and its body: a promise that settles, empty, when it passes.
    let after = |ms: i32| {
        js_sys::Promise::new(&mut |settle, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&settle, ms);
        })
    };
    let deadline = after(TIMEOUT_SECONDS * 1000);
    let within = |p: js_sys::Promise| {
        let race = js_sys::Promise::race(&js_sys::Array::of2(&p, &deadline));
        async move {
            match JsFuture::from(race).await {
                Ok(v) if v.is_undefined() => Err(Problem::TimedOut),
                Ok(v) => Ok(v),
                Err(_) => Err(Problem::Unreachable),
            }
        }
    };
    // A request the page's Content-Security-Policy refuses fails like one the network lost;
    // only the `securitypolicyviolation` event tells them apart, so it is listened for while
    // the request is on its way. Any refusal then counts (the app's own requests keep to the
    // policy), which spares the event's own bindings in the download; but only for a request
    // that failed, since another may have been refused while this one went through.
    let seen = std::rc::Rc::new(std::cell::Cell::new(false));
    let listener = {
        let seen = seen.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || seen.set(true))
    };
    let document = window.document().ok_or(Problem::Unreachable)?;
    let _ = document.add_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    );
    let answer = within(window.fetch_with_str(url)).await;
    let refused = matches!(answer, Err(Problem::Unreachable)) && {
        // The event is queued as a task of its own: let it run before deciding.
        let _ = JsFuture::from(after(50)).await;
        seen.get()
    };
    let _ = document.remove_event_listener_with_callback(
        "securitypolicyviolation",
        listener.as_ref().unchecked_ref(),
    );
    if refused {
        let origin = web_sys::Url::new(url).map_or_else(|_| url.to_string(), |u| u.origin());
        // For the site's administrators, in both languages at once: the console has no other.
        web_sys::console::warn_1(&fill(CSP_FIX, &[&origin, &origin, &origin]).into());
        return Err(Problem::Refused(origin));
    }
    let response: web_sys::Response = answer?.unchecked_into();
    if !response.ok() {
        return Err(Problem::Status(response.status()));
    }
    let text = response.text().map_err(|_| Problem::Unreachable)?;
    within(text).await?.as_string().ok_or(Problem::Unreachable)
}

/// Reads a fetched pack: the pack, marked as the host's, or what is wrong with it.
pub fn read(fetched: Result<String, Problem>) -> Result<Pack, Problem> {
    let mut pack = Pack::from_json(&fetched?).map_err(problem)?;
    pack.origin = Origin::Host;
    Ok(pack)
}

/// What is wrong with a pack that does not read: not JSON, or not a valid pack.
pub(crate) fn problem(Errors(mut errors): Errors) -> Problem {
    match errors[0] {
        Error::Syntax { .. } => Problem::Malformed(Shared::new(errors.swap_remove(0))),
        _ => Problem::Invalid(Shared::new(Errors(errors))),
    }
}

/// The packs with `host` in place of the pack with its id, or after them when the id is new.
pub fn merged(packs: &[Pack], host: Pack) -> Vec<Pack> {
    let mut out = packs.to_vec();
    qualify_engine::pack::replace_by_id(&mut out, host);
    out
}

/// Puts a fetched pack to use, or reports why it cannot be.
pub fn accept(s: State, url: &str, fetched: Result<String, Problem>) {
    let text = fetched.as_ref().ok().cloned();
    match read(fetched) {
        Ok(pack) => {
            if let Some(text) = text {
                crate::plan::host_pack(text);
            }
            let new_id = s.pack(&pack.id).is_none();
            let packs = leak(merged(&s.choices_untracked(|c| c.packs), pack));
            s.change(|c| {
                c.packs = packs;
                c.host_failure = None;
                c.host_pending = false;
            });
            if let Some(list) = browser::query("programs").filter(|_| new_id) {
                // `?programs=` may name the host's new program, unknown when the page started.
                s.allow(&list);
            }
        }
        Err(problem) => s.change(|c| {
            c.host_pending = false;
            c.host_failure = Some(Failure {
                url: url.to_string(),
                problem,
            })
        }),
    }
}

/// The banner's lines under its title, in `lang`.
pub fn lines(f: &Failure, lang: Lang) -> Vec<String> {
    let mut out = vec![format!("{}{}", ui(lang).host_pack_url, f.url)];
    out.extend(reasons(&f.problem, lang));
    out
}

/// Why a pack is not in use, in `lang`: a line, and for an invalid pack its first errors.
pub(crate) fn reasons(problem: &Problem, lang: Lang) -> Vec<String> {
    let u = ui(lang);
    let mut out = Vec::new();
    match problem {
        Problem::BadUrl => out.push(u.host_bad_url.to_string()),
        Problem::NotThisSite => out.push(u.host_not_this_site.to_string()),
        Problem::Unreachable => out.push(u.host_unreachable.to_string()),
        Problem::Refused(origin) => out.push(fill(u.host_csp, &[origin])),
        Problem::TimedOut => out.push(fill(u.host_timed_out, &[&TIMEOUT_SECONDS.to_string()])),
        Problem::Status(code) => out.push(fill(u.host_status, &[&code.to_string()])),
        Problem::Malformed(e) => out.push(e.message(lang)),
        Problem::Invalid(errors) => {
            let total = errors.total();
            out.push(fill(u.host_invalid, &[&total.to_string()]));
            let listed = errors.0.iter().filter(|e| !matches!(e, Error::More { .. }));
            out.extend(listed.take(LISTED).map(|e| e.message(lang)));
            if total > LISTED {
                out.push(fill(u.host_more, &[&(total - LISTED).to_string()]));
            }
        }
        Problem::OtherBuild => out.push(u.pack_other_build.to_string()),
    }
    out
}

/// Says that the site's pack is on its way, and then, if it cannot be used, why, until a good
/// pack replaces it: a holder that stays on the page, empty while there is nothing to say.
pub fn banner(s: State) -> Part {
    Part::new(move || {
        let lang = s.lang();
        // Read in place: the banner needs only the lines, not a copy of every error.
        s.choices(|c| {
            let pending = c.host_pending.then(|| {
                hc("p", "q-message")
                    .a("id", "q-host-pending")
                    .a("role", "status")
                    .c(ui(lang).host_pending)
            });
            hc("div", "q-host")
                .c_opt(pending)
                .cs(c.host_failure.iter().map(|f| {
                    hc("div", "q-message q-message--error")
                        .a("id", "q-host-banner")
                        .a("role", "alert")
                        .c(hc("p", "q-message-title").c(ui(lang).host_failed))
                        .c(h("ul").cs(lines(f, lang).into_iter().map(|l| h("li").c(l))))
                }))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::bundled;
    use qualify_engine::pack::Rule;

    fn xm_etc() -> String {
        bundled::FILES
            .iter()
            .find(|(name, _)| name.starts_with("xm-etc."))
            .map(|(_, text)| text.to_string())
            .expect("the bundled xm-etc pack")
    }

    fn failure(problem: Problem) -> Failure {
        Failure {
            url: "https://example.gov.cn/packs/xm-etc.json".into(),
            problem,
        }
    }

    #[test]
    fn a_host_pack_replaces_the_bundled_pack_with_its_id() {
        let bundled = bundled::packs();
        let mut text = xm_etc();
        text = text.replacen("\"xm-etc\"", "\"xm-etc-host\"", 1);
        let added = read(Ok(text)).unwrap();
        let replaced = read(Ok(xm_etc())).unwrap();
        assert_eq!(replaced.origin, Origin::Host);

        let packs = merged(&bundled, replaced);
        assert_eq!(packs.len(), bundled.len());
        let xm = packs.iter().find(|p| p.id == "xm-etc").unwrap();
        assert_eq!(xm.origin, Origin::Host);
        assert_eq!(packs.iter().filter(|p| p.origin == Origin::Host).count(), 1);

        let packs = merged(&bundled, added);
        assert_eq!(packs.len(), bundled.len() + 1);
        assert_eq!(packs.last().unwrap().id, "xm-etc-host");
    }

    #[test]
    fn the_example_host_pack_fills_xm10() {
        let pack = read(Ok(include_str!("../examples/packs/xm-etc.json").into())).unwrap();
        assert_eq!(pack.id, "xm-etc");
        let unpublished = |p: &Pack| {
            p.versions.iter().any(|v| {
                v.criteria
                    .iter()
                    .any(|c| c.id == "XM10" && matches!(c.rule.rule, Rule::Unpublished { .. }))
            })
        };
        let bundled = bundled::packs();
        assert!(unpublished(
            bundled.iter().find(|p| p.id == "xm-etc").unwrap()
        ));
        assert!(!unpublished(&pack));
    }

    #[test]
    fn only_the_app_or_the_embedding_site_supplies_packs() {
        let own = "https://tools.example.gov.cn";
        assert!(trusted(own, own, None));
        assert!(trusted(
            "https://www.xm.gov.cn",
            own,
            Some("https://www.xm.gov.cn")
        ));
        assert!(!trusted("https://evil.example", own, None));
        assert!(!trusted(
            "https://evil.example",
            own,
            Some("https://www.xm.gov.cn")
        ));
        assert!(!trusted(
            "https://evil.example",
            own,
            Some("javascript:alert(1)")
        ));
        let zh = lines(&failure(Problem::NotThisSite), Lang::Zh);
        assert!(zh[1].contains("本网站"), "{}", zh[1]);
    }

    #[test]
    fn malformed_and_invalid_packs_are_told_apart() {
        let Err(Problem::Malformed(e)) = read(Ok("{\"id\": ".into())) else {
            panic!("a cut-off answer is malformed");
        };
        assert!(matches!(*e, Error::Syntax { .. }));
        let Err(Problem::Invalid(errors)) = read(Ok("{\"schema\": \"qualify.pack/1\"}".into()))
        else {
            panic!("an empty pack is invalid");
        };
        assert!(errors.0.len() > 1);
        assert_eq!(read(Err(Problem::Status(404))), Err(Problem::Status(404)));
    }

    #[test]
    fn the_banner_names_the_problem_in_each_language() {
        let zh = lines(&failure(Problem::Status(404)), Lang::Zh);
        assert_eq!(zh[0], "规则包地址:https://example.gov.cn/packs/xm-etc.json");
        assert!(zh[1].contains("HTTP 404"));
        let en = lines(&failure(Problem::Unreachable), Lang::En);
        assert!(en[1].starts_with("The rule pack could not be fetched"));

        let Err(malformed) = read(Ok("not json".into())) else {
            unreachable!()
        };
        let en = lines(&failure(malformed), Lang::En);
        assert!(en[1].starts_with("not valid JSON (line 1"), "{}", en[1]);
    }

    #[test]
    fn invalid_packs_list_their_first_errors_with_field_paths() {
        let broken = xm_etc()
            .replacen("\"level\":\"municipal\"", "\"level\":\"galactic\"", 1)
            .replacen("\"issuer\":", "\"issuer_typo\":", 1);
        let Err(problem) = read(Ok(broken)) else {
            panic!("the broken pack was accepted");
        };
        let zh = lines(&failure(problem.clone()), Lang::Zh);
        assert!(zh[1].starts_with("该文件不是有效的规则包"), "{}", zh[1]);
        let en = lines(&failure(problem), Lang::En);
        assert!(en.iter().any(|l| l.starts_with("level: ")), "{en:?}");
        assert!(en.iter().any(|l| l.starts_with("issuer")), "{en:?}");

        let many = Errors(
            (0..8)
                .map(|i| Error::MissingField {
                    path: format!("f{i}"),
                })
                .collect(),
        );
        let en = lines(&failure(Problem::Invalid(Shared::new(many))), Lang::En);
        // Address, count, five errors and how many more.
        assert_eq!(en.len(), 8);
        assert_eq!(en[7], "Errors not listed: 3");

        // Past the engine's limit the rest are counted, and the count is the whole.
        let keys: Vec<String> = (0..300).map(|k| format!("\"k{k}\": 0")).collect();
        let Err(problem) = read(Ok(format!("{{{}}}", keys.join(",")))) else {
            panic!("300 unknown keys were accepted");
        };
        let en = lines(&failure(problem), Lang::En);
        assert_eq!(
            en[1],
            "The file is not a valid rule pack. Errors found: 307"
        );
        assert_eq!(en.len(), 8);
        assert_eq!(en[7], "Errors not listed: 302");
    }

    #[test]
    fn a_pack_that_never_answers_is_named() {
        let zh = lines(&failure(Problem::TimedOut), Lang::Zh);
        assert_eq!(zh[1], "该规则包在 10 秒内没有响应,未予采用。");
        let en = lines(&failure(Problem::TimedOut), Lang::En);
        assert_eq!(
            en[1],
            "The rule pack did not answer within 10 seconds, so it was not used."
        );
    }
}
