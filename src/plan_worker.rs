//! The plan's side of the worker (built with the `plan` feature, for crates/plan-worker): a
//! request from the page in, the plan as markup and as a calendar out. Plain functions on JSON
//! text, so the native tests run them as the worker does.
//!
//! Request: `{"profile": {...}, "as_of": "YYYY-MM-DD", "programs": ["id", ...], "lang":
//! "zh"|"en", "host": [<pack>, ...]}`. Answer: `{"programs": [["id", markup], ...],
//! "certifications": markup | null, "ics": "BEGIN:VCALENDAR..."}` with markup as
//! `markup_wire` writes it, or `{"error": {"zh": ..., "en": ...}}`.

use qualify_engine::ladder::ladders;
use qualify_engine::pack::{replace_by_id, Origin};
use qualify_engine::plan::{ics, plan};
use qualify_engine::{bundled, evaluate, parse_date, Lang, Pack, Profile, Text};
use serde_json::{json, Value};

use crate::markup_wire::to_html;
use crate::report::plan::{certifications, program, reach};

/// The answer to one request, as JSON text.
pub fn respond(request: &str) -> String {
    match answer(request) {
        Ok(v) => v.to_string(),
        Err(t) => {
            let seq = serde_json::from_str::<Value>(request).map(|r| r["seq"].clone());
            json!({"seq": seq.unwrap_or_default(), "error": t}).to_string()
        }
    }
}

/// What the worker answers when it panics: an error the page shows as "the plan cannot be
/// shown", for whichever request it was working on.
pub fn failure(detail: &str) -> String {
    json!({"seq": "any", "error": {"zh": format!("计划无法生成:{detail}"), "en": format!("The plan could not be made: {detail}")}})
        .to_string()
}

fn answer(request: &str) -> Result<Value, Text> {
    let bad = |what: &str| {
        Text::new(
            format!("计划请求无法读取:{what}"),
            format!("The plan's request could not be read: {what}"),
        )
    };
    let req: Value = serde_json::from_str(request).map_err(|_| bad("JSON"))?;
    let profile = Profile::from_value(&req["profile"]).map_err(|_| bad("profile"))?;
    let as_of = (req["as_of"].as_str())
        .and_then(parse_date)
        .ok_or_else(|| bad("as_of"))?;
    let lang = match req["lang"].as_str() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    };
    let mut packs = bundled::packs();
    for pack in req["host"].as_array().into_iter().flatten() {
        // The page has checked the host's pack already; one it could read is read here too.
        if let Ok(mut p) = Pack::from_value(pack) {
            p.origin = Origin::Host;
            replace_by_id(&mut packs, p);
        }
    }
    let mut wanted: Vec<String> = (req["programs"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    // The ladder's next rungs say when they can be applied for, shown on the page or not:
    // found here, off the page's thread, from the same packs the page's ladder reads.
    let all = evaluate(&packs, &profile, as_of);
    for track in ladders(&packs, &all.programs, &profile, as_of) {
        let next = track.rungs.iter().filter(|r| track.next == Some(r.rung));
        for r in next {
            if !wanted.iter().any(|w| w == r.program) {
                wanted.push(r.program.to_string());
            }
        }
    }
    let mut packs = packs.clone();
    packs.retain(|p| wanted.contains(&p.id));
    // In the order asked for, which is the page's.
    qualify_engine::sort_by_key(&mut packs, |p| {
        wanted.iter().position(|w| *w == p.id).unwrap_or(usize::MAX)
    });
    let plan = plan(&packs, &profile, as_of);
    let html = |m: crate::markup::El| {
        let mut out = String::new();
        to_html(&m.into(), &mut out);
        out
    };
    let programs: Vec<Value> = (plan.programs.iter())
        .map(|p| json!([p.id, html(program(p, lang))]))
        .collect();
    let certs = certifications(&plan, lang).map(html);
    let reaches: Vec<Value> = (plan.programs.iter())
        .map(|p| json!([p.id, reach(p, lang)]))
        .collect();
    Ok(json!({
        "seq": req["seq"],
        "programs": programs,
        "certifications": certs,
        "reach": reaches,
        "ics": ics::calendar(&plan, lang),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(profile: Value, as_of: &str, programs: &[&str], lang: &str) -> String {
        json!({"profile": profile, "as_of": as_of, "programs": programs, "lang": lang, "host": []})
            .to_string()
    }

    #[test]
    fn the_answer_is_the_plan_as_markup_the_page_can_read_and_a_calendar() {
        let profile = json!({"province": "fujian", "city": "xiamen", "sme": true,
            "certifications": [{"kind": "hnte", "since": "2024-11-01", "until": "2027-10-31"}]});
        let req = request(
            profile,
            "2026-12-02",
            &["cn-tech-sme", "cn-little-giant"],
            "zh",
        );
        let v: Value = serde_json::from_str(&respond(&req)).unwrap();
        let programs = v["programs"].as_array().unwrap();
        let ids: Vec<&str> = programs.iter().map(|p| p[0].as_str().unwrap()).collect();
        // In the order asked, then the ladder's next rungs not asked for (the Xiamen pool, for a
        // Xiamen firm that holds no center title), each with its line for the ladder.
        assert_eq!(
            ids,
            ["cn-tech-sme", "cn-little-giant", "xm-etc-pool"],
            "in the order asked"
        );
        let reach: Vec<&str> = (v["reach"].as_array().unwrap().iter())
            .map(|r| r[0].as_str().unwrap())
            .collect();
        assert_eq!(reach, ids);
        for p in programs {
            let html = p[1].as_str().unwrap();
            let head = format!(
                "<article class=\"q-plan-item\" data-program=\"{}\" data-window=\"closed\">",
                p[0].as_str().unwrap()
            );
            assert!(html.starts_with(&head), "{html}");
        }
        assert!(v["certifications"]
            .as_str()
            .unwrap()
            .starts_with("<section"));
        assert!(v["ics"].as_str().unwrap().starts_with("BEGIN:VCALENDAR"));
    }

    #[test]
    fn a_bad_request_is_answered_with_a_message_in_both_languages() {
        let v: Value = serde_json::from_str(&respond("{")).unwrap();
        assert!(v["error"]["zh"].as_str().unwrap().contains("JSON"));
        let req = request(
            json!({"years": {"2025": {"revenue": -1}}}),
            "2026-12-02",
            &[],
            "en",
        );
        let v: Value = serde_json::from_str(&respond(&req)).unwrap();
        assert!(v["error"]["en"].as_str().unwrap().contains("profile"));
    }

    #[test]
    fn a_hosts_pack_replaces_the_bundled_one() {
        let mut pack: Value = serde_json::from_str(
            bundled::FILES
                .iter()
                .find(|(n, _)| *n == "cn-srdi.json")
                .unwrap()
                .1,
        )
        .unwrap();
        pack["windows"] = json!({"known": [{"year": 2026, "opens": "2026-03-01", "closes": "2026-12-31",
            "notice": {"title": {"zh": "主办方通知", "en": "The host's notice"}}, "confidence": "OFF"}]});
        let req =
            json!({"profile": {}, "as_of": "2026-12-02", "programs": ["cn-srdi"], "lang": "en",
            "host": [pack]})
            .to_string();
        let v: Value = serde_json::from_str(&respond(&req)).unwrap();
        let html = v["programs"][0][1].as_str().unwrap();
        assert!(html.contains("data-window=\"open\""), "{html}");
        assert!(html.contains("The host's notice"), "{html}");
    }
}
