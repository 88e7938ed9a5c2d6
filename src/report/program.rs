//! A program's page, from its pack alone: every version with its dates, each criterion with its
//! rule, source and confidence, and the pack's documents.

use chrono::NaiveDate;
use qualify_engine::describe::describe;
use qualify_engine::pack::{Pack, Version};
use qualify_engine::present::{confidence_words, CONFIDENCE_LEVELS};
use qualify_engine::Lang;

use super::where_line;
use crate::i18n::ui;
use crate::markup::{h, hc, El, Prop, M};

fn version_block(pack: &Pack, v: &Version, in_force: bool, lang: Lang) -> El {
    let u = ui(lang);
    let dates = match v.effective_until {
        Some(until) => format!("{} {} {} {until}", u.effective, v.effective_from, u.until),
        None => format!("{} {}", u.effective, v.effective_from),
    };
    let rules = v.criteria.iter().map(|c| {
        let lines = describe(&c.rule).into_iter().map(|l| {
            h("li")
                .a("style", format!("margin-inline-start:{}em", l.depth))
                .c(l.text.get(lang))
        });
        let links = c
            .source
            .iter()
            .filter_map(|r| pack.source(&r.doc))
            .filter_map(|d| {
                d.url.clone().map(|url| {
                    h("a")
                        .a("href", url)
                        .a("rel", "noopener noreferrer")
                        .a("target", "_blank")
                        .c(d.title.get(lang))
                })
            });
        hc("li", "q-rule")
            .key(c.id.as_str())
            .a("data-rule", c.id.clone())
            .c(h("h4")
                .c(hc("span", "q-crit-id").c(c.id.clone()))
                .c(format!(" {}", c.label.get(lang))))
            .c(hc("ul", "q-rule-lines").cs(lines))
            .c_opt(c.note.as_ref().map(|n| hc("p", "q-note").c(n.get(lang))))
            .c(hc("p", "q-src")
                .c(format!("{}{}{}", u.source, lang.pick(":", ": "), c.cite))
                .cs(links.flat_map(|a| [M::from(" "), a.into()]))
                .c(format!(" · {}{}", u.confidence, lang.pick(":", ": ")))
                .c(hc("span", "q-conf")
                    .a("data-confidence", c.confidence.clone())
                    .c(confidence_words(&c.confidence).get(lang))))
    });
    let mut summary =
        h("summary").c(hc("h4", "q-inline-h").c(format!("{} {}({dates})", u.version, v.id)));
    if in_force {
        summary = summary
            .c(" ")
            .c(hc("span", "q-tag q-tag--here").c(u.version_in_force));
    }
    let details = h("details")
        .p(Prop::Open(in_force))
        .c(summary)
        .cs(v
            .notices
            .iter()
            .map(|n| hc("p", "q-notice").a("role", "note").c(n.get(lang))))
        .c_opt(v.basis.as_ref().map(|b| {
            hc("p", "q-hint")
                .c(h("strong").c(format!("{}{}", u.basis, lang.pick(":", ": "))))
                .c(b.get(lang))
        }))
        .c(hc("ol", "q-rules").cs(rules));
    hc("section", "q-version-block")
        .key(v.id.as_str())
        .a("data-version", v.id.clone())
        .c(details)
}

/// A program's page, from its pack alone.
pub fn program_page(pack: &Pack, as_of: NaiveDate, lang: Lang) -> El {
    let u = ui(lang);
    let sources = pack.sources.iter().map(|d| {
        let title = d.title.get(lang).to_string();
        let head = match &d.number {
            Some(n) => format!("{n} {title}"),
            None => title,
        };
        let name = match d.url.clone() {
            Some(url) => h("a")
                .a("href", url)
                .a("rel", "noopener noreferrer")
                .a("target", "_blank")
                .c(head),
            None => h("cite").c(head),
        };
        h("li")
            .c(name)
            .c_opt(d.date.map(|dt| format!(" ({dt})")))
            .c_opt(
                d.note
                    .as_ref()
                    .map(|n| hc("span", "q-hint").c(format!(" — {}", n.get(lang)))),
            )
    });
    let info = pack.info.iter().flat_map(|i| {
        [
            M::from(h("h4").c(i.title.get(lang))),
            h("ul")
                .cs(i.items.iter().map(|t| h("li").c(t.get(lang))))
                .into(),
        ]
    });
    hc("div", "q-program-body")
        .c(hc("p", "q-meta").c(format!(
            "{} · {}{}{}",
            where_line(pack, lang),
            u.issuer,
            lang.pick(":", ": "),
            pack.issuer.get(lang)
        )))
        .c_opt(
            pack.checked
                .map(|d| hc("p", "q-meta").c(format!("{}{}{d}", u.checked, lang.pick(":", ": ")))),
        )
        .c_opt(pack.summary.as_ref().map(|t| h("p").c(t.get(lang))))
        .cs(pack
            .notices
            .iter()
            .map(|n| hc("p", "q-notice").a("role", "note").c(n.get(lang))))
        .c(h("h3").c(u.versions))
        .cs(pack
            .versions
            .iter()
            .rev()
            .map(|v| version_block(pack, v, v.in_force(as_of), lang)))
        .c_opt((!pack.info.is_empty()).then(|| h("section").c(h("h3").c(u.information)).cs(info)))
        .c(h("h3").c(u.sources))
        .c(hc("ul", "q-sources").cs(sources))
        .c(confidence_legend(lang))
}

/// What each confidence word means, beside the results and on program pages.
pub fn confidence_legend(lang: Lang) -> El {
    hc("dl", "q-legend")
        .a("aria-label", ui(lang).confidence_legend)
        .cs(CONFIDENCE_LEVELS.iter().flat_map(|l| {
            [
                M::from(h("dt").c(lang.pick(l.zh, l.en))),
                h("dd").c(lang.pick(l.zh_means, l.en_means)).into(),
            ]
        }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use qualify_engine::{bundled, parse_date};

    #[test]
    fn program_pages_show_every_version() {
        let packs = bundled::packs();
        let as_of = parse_date("2026-06-30").unwrap();
        for pack in &packs {
            let page: M = program_page(pack, as_of, Lang::En).into();
            let versions = page
                .elements()
                .into_iter()
                .filter(|e| e.attr("data-version").is_some())
                .count();
            assert_eq!(versions, pack.versions.len(), "{}", pack.id);
        }
    }
}
