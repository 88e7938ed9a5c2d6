//! The plan as markup (built in the plan's worker, `plan_worker.rs`): per program, today
//! against its call, the call's days (an expected call only as a month), its notice and how
//! sure its days are, the fiscal year it is judged on, the outcome then and what the figures
//! must reach; and when each certification held runs out. Its words live here rather than in
//! `i18n.rs`, so the page's first load does not carry them.

use chrono::{Datelike, NaiveDate};
use qualify_engine::explain::{format_shown, word_name};
use qualify_engine::plan::ics::month_en;
use qualify_engine::plan::{
    Attempt, Call, Plan, ProgramPlan, Renewal, Standing, Target, WindowState,
};
use qualify_engine::present::confidence_words;
use qualify_engine::{InputRef, Lang, Status};

use crate::markup::{h, hc, El};

fn day(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => format!("{} {} {}", d.day(), month_en(d.month()), d.year()),
    }
}

fn month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月", d.year(), d.month()),
        Lang::En => format!("{} {}", month_en(d.month()), d.year()),
    }
}

fn state_words(s: WindowState, lang: Lang) -> &'static str {
    match s {
        WindowState::Open => lang.pick("正在受理申报", "Taking applications now"),
        WindowState::Upcoming => lang.pick("今年的申报尚未开始", "This year's call is ahead"),
        WindowState::Closed => lang.pick("今年的申报已截止", "This year's call is over"),
        WindowState::Unknown => lang.pick("申报时间未能确定", "No call on record to go by"),
    }
}

/// The days of a call: dates where it is on record, a month where it is only expected.
fn days(c: &Call, lang: Lang) -> String {
    let s = &c.slot;
    if let Some(base) = s.based_on {
        let first = s.first_day();
        let when = first.map(|d| month(d, lang)).unwrap_or_default();
        return match lang {
            Lang::Zh => format!("{}年的申报预计约在{when}开始(依据{base}年的通知推测,以当年通知为准)", s.year),
            Lang::En => format!("The {} call is expected around {when}, based on {base}'s notice; the year's own notice decides", s.year),
        };
    }
    if s.cadence == qualify_engine::pack::timing::Cadence::AllYear || s.periods.is_empty() {
        return lang
            .pick("全年受理,分批评审", "Open all year, evaluated in batches")
            .into();
    }
    let period = |o: Option<NaiveDate>, c: Option<NaiveDate>| match (o, c) {
        (Some(o), Some(c)) => match lang {
            Lang::Zh => format!("{}至{}", day(o, lang), day(c, lang)),
            Lang::En => format!("{} to {}", day(o, lang), day(c, lang)),
        },
        (None, Some(c)) => match lang {
            Lang::Zh => format!("{}截止", day(c, lang)),
            Lang::En => format!("closing {}", day(c, lang)),
        },
        (Some(o), None) => match lang {
            Lang::Zh => format!("{}开始,截止日期未见记录", day(o, lang)),
            Lang::En => format!("opened {}; its closing day is not on record", day(o, lang)),
        },
        (None, None) => String::new(),
    };
    let list: Vec<String> = s
        .periods
        .iter()
        .map(|p| period(p.opens, p.closes))
        .collect();
    match (list.len(), lang) {
        (1, Lang::Zh) => format!("{}年申报:{}", s.year, list[0]),
        (1, Lang::En) => format!("{} call: {}", s.year, list[0]),
        (n, Lang::Zh) => format!("{}年分{n}批申报:{}", s.year, list.join(";")),
        (n, Lang::En) => format!("{} call in {n} batches: {}", s.year, list.join("; ")),
    }
}

fn notice_line(c: &Call, lang: Lang) -> El {
    let cite = c
        .notice
        .number
        .clone()
        .unwrap_or_else(|| c.notice.title.get(lang).to_string());
    let sure = confidence_words(c.confidence);
    let text = match lang {
        Lang::Zh => format!("依据:{cite}({})", sure.zh),
        Lang::En => format!("Source: {cite} ({})", sure.en),
    };
    hc("p", "q-plan-source").c(text)
}

/// "Outcome then": an application judged on its day and the prior fiscal year.
fn judged(a: &Attempt, lang: Lang) -> String {
    let outcome = match a.outcome {
        Some(o) => o.label().get(lang).to_string(),
        None => lang
            .pick("当天没有生效的规则", "no rules in force that day")
            .into(),
    };
    match lang {
        Lang::Zh => format!(
            "按{}年度数据、{}的规则评审:{outcome}",
            a.figures_year,
            day(a.judged_on, lang)
        ),
        Lang::En => format!(
            "Judged on {}'s figures under the rules of {}: {outcome}",
            a.figures_year,
            day(a.judged_on, lang)
        ),
    }
}

/// One target in the voice: "为2027年申报,2026年研发费用须达到1,500万元;目前已填2026年:未填".
fn target(t: &Target, a: &Attempt, apply_year: i32, lang: Lang) -> El {
    let fy = a.figures_year;
    let mut parts = Vec::new();
    let fixes = t
        .projected
        .as_ref()
        .map(|p| &p.fix)
        .filter(|f| !f.is_empty())
        .unwrap_or(&t.fix);
    let reach: Vec<String> = fixes
        .iter()
        .filter_map(|f| {
            let unit = f.input.unit()?;
            let label = match &f.input {
                InputRef::Year(y, field) => {
                    format!("{y}{}{}", lang.pick("年", " "), field.label().get(lang))
                }
                other => other.label().get(lang).to_string(),
            };
            let value = qualify_engine::explain::format_num(f.value, unit, lang);
            Some(match lang {
                Lang::Zh => format!("{label}须达到{value}"),
                Lang::En => format!("{label} must reach {value}"),
            })
        })
        .collect();
    let required = t.required.as_ref().map(|r| match (r, t.op) {
        (qualify_engine::eval::Shown::Flag(true), _) => lang.pick("符合", "to hold").to_string(),
        (r, Some(op)) => format!("{} {}", op.sign(), format_shown(r, t.unit, lang)),
        (r, None) => format_shown(r, t.unit, lang),
    });
    let head = match lang {
        Lang::Zh => format!("为{apply_year}年申报,"),
        Lang::En => format!("To apply in {apply_year}, "),
    };
    if !reach.is_empty() {
        parts.push(format!("{head}{}", reach.join(lang.pick(";", "; "))));
    } else if let Some(r) = &required {
        parts.push(match lang {
            Lang::Zh => format!("{head}须{r}"),
            Lang::En => format!("{head}it needs {r}"),
        });
    }
    if let Some(d) = t.met_from {
        parts.push(match lang {
            Lang::Zh => format!("{}起满足", day(d, lang)),
            Lang::En => format!("met from {}", day(d, lang)),
        });
    }
    let entered = match (&t.actual, t.status) {
        (_, Status::Unconfirmed) => lang.pick("尚未确认", "not yet confirmed").to_string(),
        (Some(v), _) => format_shown(v, t.unit, lang),
        (None, _) => lang.pick("未填", "not entered").to_string(),
    };
    let of_year = |i: &InputRef| matches!(i, InputRef::Year(..));
    let figures = t.needs.iter().any(of_year) || fixes.iter().any(|f| of_year(&f.input));
    parts.push(match (figures, lang) {
        (true, Lang::Zh) => format!("目前已填{fy}年:{entered}"),
        (true, Lang::En) => format!("entered for {fy}: {entered}"),
        (false, Lang::Zh) => format!("目前:{entered}"),
        (false, Lang::En) => format!("now: {entered}"),
    });
    if let Some(p) = &t.projected {
        if p.fix.is_empty() && p.status == Status::Met {
            parts.push(match lang {
                Lang::Zh => format!("若保持{}年的水平即可满足", p.from_year),
                Lang::En => format!("met if it stays at {}'s level", p.from_year),
            });
        }
    }
    h("li")
        .a("data-criterion", t.criterion)
        .a("data-status", t.status.slug())
        .c(hc("strong", "q-plan-crit").c(format!("{} {}", t.criterion, t.label.get(lang))))
        .c(lang.pick(":", ": "))
        .c(parts.join(lang.pick(";", "; ")))
}

fn attempt_lines(a: &Attempt, lang: Lang, out: &mut El) {
    let apply_year = a.call.as_ref().map_or(a.judged_on.year(), |c| c.slot.year);
    if let Some(c) = &a.call {
        out.kids
            .push(hc("p", "q-plan-days").c(days(c, lang)).into());
        out.kids.push(notice_line(c, lang).into());
    }
    out.kids
        .push(hc("p", "q-plan-judged").c(judged(a, lang)).into());
    if !a.targets.is_empty() {
        let items = a.targets.iter().map(|t| target(t, a, apply_year, lang));
        out.kids.push(hc("ul", "q-plan-targets").cs(items).into());
    }
}

/// One program's plan, with the contract's hooks `data-program` and `data-window`.
pub fn program(p: &ProgramPlan, lang: Lang) -> El {
    let mut el = hc("article", "q-plan-item")
        .key(p.id)
        .a("data-program", p.id)
        .a("data-window", p.window.slug())
        .c(h("h3").c(p.name.get(lang)))
        .c(hc(
            "p",
            &format!("q-plan-state q-plan-state--{}", p.window.slug()),
        )
        .c(state_words(p.window, lang)));
    if p.next.call.is_none() {
        let usual = p.usual.map(|u| u.get(lang).to_string()).unwrap_or_else(|| {
            lang.pick(
                "申报通知未见记录,请查看主管部门的通知。",
                "No call is on record: see the bureau's notice.",
            )
            .into()
        });
        el = el.c(hc("p", "q-plan-usual").c(usual));
    }
    attempt_lines(&p.next, lang, &mut el);
    if let Some(e) = &p.earliest {
        let when = match &e.call {
            Some(c) => match lang {
                Lang::Zh => format!("最早可在{}年的申报中符合条件:", c.slot.year),
                Lang::En => format!("The first call it can qualify in is {}'s:", c.slot.year),
            },
            None => match lang {
                Lang::Zh => format!("最早自{}起可能符合条件:", day(e.judged_on, lang)),
                Lang::En => format!(
                    "It can qualify from {} at the earliest:",
                    day(e.judged_on, lang)
                ),
            },
        };
        let mut box_ = hc("div", "q-plan-earliest").c(h("h4").c(when));
        attempt_lines(e, lang, &mut box_);
        el = el.c(box_);
    }
    el
}

/// When a program can be applied for, in a line for the ladder's next rung: the next call if
/// nothing in it is unmet, else the earliest one, else that none is in sight.
pub fn reach(p: &ProgramPlan, lang: Lang) -> String {
    let when = |a: &Attempt| match &a.call {
        Some(c) if c.slot.based_on.is_some() => {
            let first = c
                .slot
                .first_day()
                .map(|d| month(d, lang))
                .unwrap_or_default();
            match lang {
                Lang::Zh => format!("{}年的申报(预计约{first})", c.slot.year),
                Lang::En => format!("the {} call (expected around {first})", c.slot.year),
            }
        }
        Some(c) => match lang {
            Lang::Zh => format!("{}年的申报", c.slot.year),
            Lang::En => format!("the {} call", c.slot.year),
        },
        None => match lang {
            Lang::Zh => format!("{}起", day(a.judged_on, lang)),
            Lang::En => format!("from {}", day(a.judged_on, lang)),
        },
    };
    match (p.first_possible(), lang) {
        (Some(a), Lang::Zh) => format!(
            "申报计划:最早可在{}符合条件(按{}年度数据评审)",
            when(a),
            a.figures_year
        ),
        (Some(a), Lang::En) => format!(
            "Plan: it can qualify in {} at the earliest (judged on {}'s figures)",
            when(a),
            a.figures_year
        ),
        (None, Lang::Zh) => format!(
            "申报计划:按目前数据,今后{}年的申报中仍有条件不符合",
            qualify_engine::plan::YEARS_AHEAD
        ),
        (None, Lang::En) => format!(
            "Plan: on the figures entered, no call in the next {} years can be met",
            qualify_engine::plan::YEARS_AHEAD
        ),
    }
}

fn standing_words(r: &Renewal, lang: Lang) -> String {
    let until = r.until.map(|u| day(u, lang)).unwrap_or_default();
    let assumed = if r.assumed {
        lang.pick(
            "(未填写有效期,按该类认定的有效期推定)",
            " (no end date entered: assumed from how long this kind lasts)",
        )
    } else {
        ""
    };
    match (r.standing, lang) {
        (Standing::Valid, Lang::Zh) => format!("有效至{until}{assumed}"),
        (Standing::Valid, Lang::En) => format!("valid to {until}{assumed}"),
        (Standing::RunningOut, Lang::Zh) => format!("将于{until}到期{assumed},请及早安排续期"),
        (Standing::RunningOut, Lang::En) => {
            format!("runs out on {until}{assumed}: plan its renewal now")
        }
        (Standing::Lapsed, Lang::Zh) => format!("已于{until}到期{assumed}"),
        (Standing::Lapsed, Lang::En) => format!("lapsed on {until}{assumed}"),
        (Standing::Reviewed, Lang::Zh) => "不设到期日,定期评价".into(),
        (Standing::Reviewed, Lang::En) => "no end date; evaluated periodically".into(),
        (Standing::TermUnknown, Lang::Zh) => "有效期未见公开资料,请以证书为准".into(),
        (Standing::TermUnknown, Lang::En) => {
            "how long it lasts is not published: see the certificate".into()
        }
    }
}

/// When each certification held runs out, and the call to renew in; `None` if none is listed.
pub fn certifications(plan: &Plan, lang: Lang) -> Option<El> {
    if plan.certifications.is_empty() {
        return None;
    }
    let items = plan.certifications.iter().enumerate().map(|(k, r)| {
        let kind = word_name(r.kind.slug(), lang);
        let mut li = h("li")
            .key(format!("{k}"))
            .a("data-kind", r.kind.slug())
            .a("data-standing", r.standing.slug())
            .c(hc("strong", "q-plan-crit").c(kind))
            .c(match lang {
                Lang::Zh => format!(":自{}起;{}", day(r.since, lang), standing_words(r, lang)),
                Lang::En => format!(
                    ": since {}; {}",
                    day(r.since, lang),
                    standing_words(r, lang)
                ),
            });
        if let Some(t) = &r.term {
            let sure = confidence_words(t.confidence);
            li = li.c(hc("p", "q-plan-source").c(match lang {
                Lang::Zh => format!("{}。依据:{}({})", t.label.zh, t.source, sure.zh),
                Lang::En => format!("{}. Source: {} ({})", t.label.en, t.source, sure.en),
            }));
            if let Some(renewal) = t.renewal {
                li = li.c(hc("p", "q-plan-usual").c(renewal.get(lang)));
            }
        }
        if let Some(c) = &r.renew_in {
            let lead = lang.pick("续期或重新申请:", "To renew or apply again: ");
            li = li.c(hc("p", "q-plan-days").c(format!("{lead}{}", days(c, lang))));
        }
        li
    });
    Some(
        hc("section", "q-plan-certs")
            .a("aria-labelledby", "q-plan-certs-h")
            .c(h("h3")
                .a("id", "q-plan-certs-h")
                .c(lang.pick("已获认定的有效期", "When what you hold runs out")))
            .c(h("ul").cs(items)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::{bundled, parse_date, Profile};

    fn plan_for(
        profile: serde_json::Value,
        as_of: &str,
        ids: &[&str],
    ) -> (Vec<qualify_engine::Pack>, Profile, NaiveDate) {
        let packs = bundled::packs()
            .into_iter()
            .filter(|p| ids.contains(&p.id.as_str()))
            .collect();
        (
            packs,
            Profile::from_value(&profile).unwrap(),
            parse_date(as_of).unwrap(),
        )
    }

    #[test]
    fn the_target_speaks_of_the_year_to_apply_in_and_the_year_judged() {
        let (packs, profile, as_of) = plan_for(
            serde_json::json!({"province": "jiangsu", "years": {"2025": {"rd_expense": 1200, "rd_staff": 160, "equipment_value": 2600}},
                "certifications": [{"kind": "provincial-etc", "since": "2025-06-15"}], "confirmations": ["N5", "N6"]}),
            "2026-12-02",
            &["cn-national-etc"],
        );
        let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
        let zh = crate::markup::M::from(program(&plan.programs[0], Lang::Zh)).text();
        assert!(
            zh.contains("为2027年申报,2026年研究与试验发展经费支出额须达到¥1,500万"),
            "{zh}"
        );
        assert!(zh.contains("最早自2027年6月15日起可能符合条件"), "{zh}");
        assert!(zh.contains("目前已填2026年:未填"), "{zh}");
        let en = crate::markup::M::from(program(&plan.programs[0], Lang::En)).text();
        assert!(en.contains("To apply in 2027, 2026 "), "{en}");
        assert!(
            en.contains("2026 R&D expenditure must reach ¥1,500万; entered for 2026: not entered"),
            "{en}"
        );
        assert!(en.contains("met from 15 June 2027; now: 1 year"), "{en}");
    }

    #[test]
    fn the_ladders_line_names_the_first_call_it_can_qualify_in() {
        let (packs, profile, as_of) = plan_for(
            serde_json::json!({"province": "jiangsu", "city": "nanjing", "certifications": [{"kind": "municipal-etc", "since": "2026-09-01"}]}),
            "2026-12-02",
            &["js-etc"],
        );
        let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
        assert_eq!(
            reach(&plan.programs[0], Lang::Zh),
            "申报计划:最早可在2028年的申报(预计约2028年8月)符合条件(按2027年度数据评审)"
        );
        assert!(reach(&plan.programs[0], Lang::En)
            .starts_with("Plan: it can qualify in the 2028 call (expected around August 2028)"));
    }

    #[test]
    fn an_expected_call_is_a_month_never_a_date() {
        let (packs, profile, as_of) = plan_for(
            serde_json::json!({"province": "fujian", "sme": true}),
            "2026-12-02",
            &["cn-little-giant"],
        );
        let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
        for lang in [Lang::Zh, Lang::En] {
            let days_line = crate::markup::M::from(program(&plan.programs[0], lang))
                .elements()
                .into_iter()
                .find(|e| e.attr("class") == Some("q-plan-days"))
                .map(|e| crate::markup::M::from(e.clone()).text())
                .unwrap();
            assert!(
                days_line.contains(lang.pick("2027年4月", "April 2027")),
                "{days_line}"
            );
            assert!(
                !days_line.contains("25"),
                "no day of an expected call: {days_line}"
            );
        }
    }

    #[test]
    fn an_expected_call_in_batches_is_placed_by_its_first_batch() {
        // Xiamen's HNTE deadlines of 2024 were 12 July and 6 September.
        let (packs, profile, as_of) = plan_for(
            serde_json::json!({"province": "fujian", "city": "xiamen"}),
            "2026-12-02",
            &["cn-hnte"],
        );
        let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
        assert!(
            reach(&plan.programs[0], Lang::Zh).contains("预计约2027年7月"),
            "{}",
            reach(&plan.programs[0], Lang::Zh)
        );
    }

    #[test]
    fn certifications_say_when_they_run_out_and_whether_that_is_assumed() {
        let (packs, profile, as_of) = plan_for(
            serde_json::json!({"province": "guangdong", "certifications": [{"kind": "tech-sme", "since": "2026-05-10"}]}),
            "2026-12-02",
            &["cn-tech-sme"],
        );
        let plan = qualify_engine::plan::plan(&packs, &profile, as_of);
        let zh = crate::markup::M::from(certifications(&plan, Lang::Zh).unwrap()).text();
        assert!(
            zh.contains("将于2027年3月31日到期(未填写有效期,按该类认定的有效期推定)"),
            "{zh}"
        );
        assert!(
            zh.contains("续期或重新申请:2027年的申报预计约在2027年6月开始"),
            "{zh}"
        );
    }
}
