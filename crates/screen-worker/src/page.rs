//! The screening page's results as HTML, in one language, for the page to set as they come:
//! once a file is screened, its summary per program, the rows skipped with where their problems
//! are, the table's filters and order, the downloads and the table itself. Every text from the
//! file is escaped.

use qualify_engine::text::escape_html as escape;
use qualify_engine::{Lang, Outcome, Text};
use qualify_sheet::ResultRow;

use crate::session::Session;

/// The most result rows the page shows at once: the downloads have them all.
pub const SHOWN: usize = 200;
/// The most problems the page lists.
const PROBLEMS: usize = 50;

fn t(lang: Lang, zh: &str, en: &str) -> String {
    escape(lang.pick(zh, en))
}

fn option(value: &str, label: &str, selected: bool) -> String {
    let sel = if selected { " selected" } else { "" };
    format!(
        "<option value=\"{}\"{sel}>{}</option>",
        escape(value),
        escape(label)
    )
}

fn select(id: &str, control: &str, label: String, options: String) -> String {
    format!(
        "<p class=\"q-field\"><label for=\"{id}\">{label}</label> <select id=\"{id}\" data-screen=\"{control}\">{options}</select></p>"
    )
}

fn button(control: &str, value: &str, label: String) -> String {
    format!("<button type=\"button\" class=\"q-button\" data-screen=\"{control}\" value=\"{value}\">{label}</button>")
}

/// The page's results in both languages once a file has been screened, nothing before (the
/// page itself, crate `qualify-screen-page`, holds the file control, the templates, the
/// progress and the status), with how many result rows the view shows. The view's rows and the
/// criteria that fail are worked out once for both languages: each goes over every result.
pub fn pages(session: Option<&Session>) -> (Text, usize) {
    let Some(s) = session else {
        return (Text::new("", ""), 0);
    };
    let (shown, failing) = (s.shown(), s.failing());
    let html = |lang| {
        let mut out = String::new();
        results(s, &shown, &failing, lang, &mut out);
        out
    };
    (Text::new(html(Lang::Zh), html(Lang::En)), shown.len())
}

fn outcome_label(o: Outcome, lang: Lang) -> String {
    escape(o.label().get(lang))
}

fn results(
    s: &Session,
    shown: &[&ResultRow],
    failing: &[(&str, &str)],
    lang: Lang,
    out: &mut String,
) {
    let name_of = |id: &str| {
        s.packs
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.name.get(lang).to_string())
    };
    out.push_str(&format!(
        "<section class=\"q-screen-results\" aria-labelledby=\"q-screen-summary-h\"><h3 id=\"q-screen-summary-h\">{}</h3>",
        t(lang, "各项目汇总", "Per program")
    ));
    out.push_str(&format!(
        "<div class=\"q-table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"q-screen-summary-h\"><table class=\"q-table\" id=\"q-screen-summary\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape(summary_line(s).get(lang)),
        t(lang, "项目", "Program"),
        outcome_label(Outcome::Eligible, lang),
        outcome_label(Outcome::NotEligible, lang),
        outcome_label(Outcome::Incomplete, lang),
    ));
    for p in &s.summary.programs {
        out.push_str(&format!(
            "<tr data-program=\"{}\"><th scope=\"row\">{}</th><td data-count=\"eligible\">{}</td><td data-count=\"not-eligible\">{}</td><td data-count=\"incomplete\">{}</td></tr>",
            escape(&p.program),
            escape(&name_of(&p.program)),
            p.eligible,
            p.not_eligible,
            p.incomplete
        ));
    }
    out.push_str("</tbody></table></div>");
    if !s.problems.is_empty() {
        out.push_str(&format!(
            "<h3>{}</h3><ul class=\"q-screen-problems\">",
            t(lang, "有问题的行(已跳过)", "Rows with problems (skipped)")
        ));
        for e in s.problems.iter().take(PROBLEMS) {
            out.push_str(&format!("<li>{}</li>", escape(&e.message(lang))));
        }
        if s.problems.len() > PROBLEMS {
            let more = s.problems.len() - PROBLEMS;
            out.push_str(&format!(
                "<li>{}</li>",
                escape(
                    Text::new(
                        format!("另有 {more} 个问题,见下载的文件"),
                        format!("{more} more problems: see the downloaded file")
                    )
                    .get(lang)
                )
            ));
        }
        out.push_str("</ul>");
    }
    controls(s, failing, lang, &name_of, out);
    table(shown, lang, &name_of, out);
    out.push_str("</section>");
}

fn summary_line(s: &Session) -> Text {
    let (n, bad) = (s.summary.enterprises, s.summary.bad_rows);
    let file = &s.name;
    Text::new(
        format!("{file}:评估 {n} 家企业,跳过 {bad} 行"),
        format!("{file}: {n} enterprises assessed, {bad} rows skipped"),
    )
}

/// What the page says once a file is screened, for its live region.
pub fn done_message(s: &Session) -> Text {
    summary_line(s)
}

fn controls(
    s: &Session,
    failing: &[(&str, &str)],
    lang: Lang,
    name_of: &dyn Fn(&str) -> String,
    out: &mut String,
) {
    let v = &s.view;
    let mut outcomes = option("", lang.pick("全部", "All"), v.outcome.is_none());
    for (slug, o) in Outcome::VOCAB {
        outcomes.push_str(&option(slug, o.label().get(lang), v.outcome == Some(*o)));
    }
    let mut criteria = option("", lang.pick("全部", "All"), v.criterion.is_none());
    for &(p, c) in failing {
        let chosen = v
            .criterion
            .as_ref()
            .is_some_and(|(vp, vc)| vp == p && vc == c);
        criteria.push_str(&option(
            &format!("{p}/{c}"),
            &format!("{}: {c}", name_of(p)),
            chosen,
        ));
    }
    let order = option(
        "",
        lang.pick("按文件中的顺序", "As in the file"),
        !v.by_closeness,
    ) + &option(
        "closeness",
        lang.pick("最接近符合的在前", "Closest to eligible first"),
        v.by_closeness,
    );
    out.push_str("<div class=\"q-screen-controls\">");
    out.push_str(&select(
        "q-screen-outcome",
        "outcome",
        t(lang, "结果", "Outcome"),
        outcomes,
    ));
    out.push_str(&select(
        "q-screen-criterion",
        "criterion",
        t(lang, "未满足的条件", "Criterion not met"),
        criteria,
    ));
    out.push_str(&select(
        "q-screen-sort",
        "sort",
        t(lang, "排序", "Order"),
        order,
    ));
    out.push_str("</div><p class=\"q-actions\">");
    out.push_str(&button(
        "download",
        "xlsx",
        t(lang, "下载结果(.xlsx)", "Download the results (.xlsx)"),
    ));
    out.push_str(&button(
        "download",
        "csv",
        t(lang, "下载结果(.csv)", "Download the results (.csv)"),
    ));
    out.push_str("</p>");
}

fn table(rows: &[&ResultRow], lang: Lang, name_of: &dyn Fn(&str) -> String, out: &mut String) {
    let n = rows.len();
    let shown = n.min(SHOWN);
    let caption = Text::new(
        format!("结果:共 {n} 行,显示前 {shown} 行"),
        format!("Results: {n} rows, the first {shown} shown"),
    );
    out.push_str(&format!(
        "<div class=\"q-table-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"q-screen-table-c\"><table class=\"q-table\" id=\"q-screen-table\" data-rows=\"{n}\"><caption id=\"q-screen-table-c\">{}</caption><thead><tr>",
        escape(caption.get(lang))
    ));
    let heads = [
        t(lang, "行", "Row"),
        t(lang, "企业", "Enterprise"),
        t(lang, "项目", "Program"),
        t(lang, "结果", "Outcome"),
        t(lang, "接近程度", "Closeness"),
        t(lang, "未满足的条件", "Criteria not met"),
        t(lang, "操作", "Action"),
    ];
    for h in heads {
        out.push_str(&format!("<th scope=\"col\">{h}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows.iter().take(SHOWN) {
        let who = if r.name.is_empty() {
            format!("{} {}", lang.pick("第", "row"), r.row)
        } else {
            r.name.clone()
        };
        let open = Text::new(
            format!("在新标签页的自评中打开:{who}"),
            format!("Open in the assessment, in a new tab: {who}"),
        );
        out.push_str(&format!(
            "<tr data-program=\"{}\" data-outcome=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><button type=\"button\" class=\"q-button\" data-screen=\"open\" value=\"{}:{}\" aria-label=\"{}\">{}</button></td></tr>",
            escape(&r.program),
            r.outcome.slug(),
            r.row,
            escape(&r.name),
            escape(&name_of(&r.program)),
            outcome_label(r.outcome, lang),
            r.closeness_text(),
            escape(&r.not_met_text()),
            r.row,
            escape(&r.program),
            escape(open.get(lang)),
            t(lang, "打开", "Open"),
        ));
    }
    out.push_str("</tbody></table></div>");
}
