//! The screening page's own side (`?page=screen`): what it was opened with, its words in both
//! languages, its controls as HTML, and the assessment to open an enterprise in. The work
//! (reading the file, screening it, the results' table, the downloads) is the screening worker's
//! (`crates/screen-worker`), which answers in HTML for both languages; this crate only places
//! it, so its wasm stays small. Plain functions, tested natively; `web.rs` carries them to the
//! page.

use qualify_engine::text::{escape_html as escape, preferred_lang};
use qualify_engine::{parse_date, Lang};

/// What the address and the browser say about the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Address {
    pub lang: Lang,
    /// `?as_of=` when it names a real date: the screening's date, and the date the assessment
    /// of an opened enterprise uses.
    pub as_of: Option<String>,
    /// `?as_of=` was there but names no real date, so the screening is on today.
    pub bad_date: bool,
}

/// Reads `?lang=` (else the first Chinese or English of the browser's `languages`) and
/// `?as_of=` from the query string `query` (with or without its `?`).
pub fn address<'a>(query: &str, languages: impl IntoIterator<Item = &'a str>) -> Address {
    let param = |name: &str| {
        let query = query.trim_start_matches('?');
        query.split('&').find_map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            (k == name).then(|| v.to_string())
        })
    };
    let given = param("as_of");
    let as_of = given.clone().filter(|d| parse_date(d).is_some());
    Address {
        lang: param("lang")
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_else(|| preferred_lang(languages)),
        bad_date: given.is_some() && as_of.is_none(),
        as_of,
    }
}

/// The address of the assessment for an enterprise the worker gave back as a share link's
/// fragment (`profile=…`), in `lang`, on the screening's date and with the program whose row
/// was opened, relative to the page. An empty fragment and program give the assessment itself.
pub fn open_url(fragment: &str, lang: Lang, as_of: Option<&str>, program: &str) -> String {
    let mut url = format!("./?lang={}", lang.code());
    if let Some(d) = as_of {
        url.push_str(&format!("&as_of={d}"));
    }
    // Program ids are lowercase words and hyphens (contract section 2): nothing to escape.
    if !program.is_empty()
        && program
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        url.push_str(&format!("&programs={program}"));
    }
    if !fragment.is_empty() {
        url.push_str(&format!("#{fragment}"));
    }
    url
}

/// The page's own words, Chinese first.
pub struct Words {
    pub title: &'static str,
    pub tagline: &'static str,
    pub privacy: &'static str,
    pub language: &'static str,
    pub back: &'static str,
    pub heading: &'static str,
    pub intro: &'static str,
    pub choose: &'static str,
    pub drop_hint: &'static str,
    pub template_xlsx: &'static str,
    pub template_csv: &'static str,
    pub progress: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    pub reading: &'static str,
    pub no_worker: &'static str,
    pub bad_date: &'static str,
}

const ZH: Words = Words {
    title: "批量筛查 · Qualify 资质自评",
    tagline: "Qualify 资质自评",
    privacy: "文件只在本浏览器中读取和评估,不会发送到任何服务器。",
    language: "语言",
    back: "返回自评",
    heading: "批量筛查",
    intro: "选择填好的模板(.xlsx、.csv 或 .ndjson,每行一家企业):每家企业都按全部已收录项目评估,得出各项目的符合、不符合和待补充的企业数,以及每家企业未满足的条件和缺少的数据。",
    choose: "选择填好的模板",
    drop_hint: "也可以把文件拖到本页。模板的各列即自评表的各项,金额以万元计。",
    template_xlsx: "下载空白模板(.xlsx)",
    template_csv: "下载空白模板(.csv)",
    progress: "筛查进度",
    cancel: "取消筛查",
    cancelled: "已取消筛查。可以重新选择文件。",
    reading: "正在读取并筛查 {}……",
    no_worker: "筛查组件无法启动,本页无法筛查文件。请刷新页面;如仍无法使用,请联系网站管理员。",
    bad_date: "地址中的评估日期(as_of)不是有效日期,按今天({})筛查。",
};

const EN: Words = Words {
    title: "Screen many enterprises · Qualify",
    tagline: "Qualify self-assessment",
    privacy: "The file is read and assessed in this browser and never sent to any server.",
    language: "Language",
    back: "Back to the assessment",
    heading: "Screen many enterprises",
    intro: "Choose a filled template (.xlsx, .csv or .ndjson, one enterprise per row): every enterprise is assessed against every program included, giving per program how many are eligible, not eligible and incomplete, and for each enterprise the criteria not met and the data missing.",
    choose: "Choose a filled template",
    drop_hint: "You can also drop the file on this page. The template's columns are the assessment form's fields; amounts are in 万元 (10,000 yuan).",
    template_xlsx: "Download an empty template (.xlsx)",
    template_csv: "Download an empty template (.csv)",
    progress: "Screening progress",
    cancel: "Cancel screening",
    cancelled: "Screening cancelled. You can choose a file again.",
    reading: "Reading and screening {}…",
    no_worker: "The screening component could not start, so this page cannot screen files. Reload the page; if it still fails, contact the site's administrator.",
    bad_date: "The assessment date in the address (as_of) is not a valid date: screening on today ({}).",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// The page's controls in `lang`: the header with the language switch, the file control, the
/// templates, the progress and cancel (shown while `busy`), the live status and the place the
/// worker's results go (`#q-screen-results`).
pub fn chrome(lang: Lang, as_of: Option<&str>) -> String {
    let w = words(lang);
    let lang_button = |l: Lang, label: &str| {
        format!(
            "<button type=\"button\" class=\"q-lang\" id=\"q-lang-{code}\" lang=\"{html}\" aria-pressed=\"{pressed}\" data-screen=\"lang\" value=\"{code}\">{label}</button>",
            code = l.code(),
            html = l.html_lang(),
            pressed = l == lang,
        )
    };
    let back = escape(&open_url("", lang, as_of, ""));
    format!(
        "<header class=\"q-header\"><div class=\"q-brand\"><h1 class=\"q-title\">{tagline}</h1><p class=\"q-privacy\">{privacy}</p></div>\
<div class=\"q-controls\"><div class=\"q-langs\" role=\"group\" aria-label=\"{language}\">{zh}{en}</div></div></header>\
<main class=\"q-main q-screen-main\"><section class=\"q-panel q-screen-panel\" aria-labelledby=\"q-screen-h\">\
<p><a class=\"q-link\" href=\"{back}\">← {back_text}</a></p>\
<h2 id=\"q-screen-h\" tabindex=\"-1\">{heading}</h2><p>{intro}</p>\
<div class=\"q-screen-drop\" id=\"q-screen-drop\"><label class=\"q-label\" for=\"q-screen-file\">{choose}</label> \
<input type=\"file\" id=\"q-screen-file\" data-screen=\"file\" accept=\".xlsx,.csv,.ndjson,.jsonl\" aria-describedby=\"q-screen-drop-hint\">\
<p class=\"q-hint\" id=\"q-screen-drop-hint\">{drop_hint}</p></div>\
<p class=\"q-actions\"><button type=\"button\" class=\"q-button\" data-screen=\"template\" value=\"xlsx\">{xlsx}</button> \
<button type=\"button\" class=\"q-button\" data-screen=\"template\" value=\"csv\">{csv}</button></p>\
<div class=\"q-screen-busy\" id=\"q-screen-busy\" hidden><label for=\"q-screen-progress\">{progress}</label> \
<progress id=\"q-screen-progress\" max=\"1\" value=\"0\"></progress> <span id=\"q-screen-count\"></span> \
<button type=\"button\" class=\"q-button\" id=\"q-screen-cancel\" data-screen=\"cancel\">{cancel}</button></div>\
<p class=\"q-screen-status\" id=\"q-screen-status\" role=\"status\" tabindex=\"-1\"></p></section>\
<div class=\"q-screen-out\" id=\"q-screen-results\"></div></main>",
        tagline = w.tagline,
        privacy = w.privacy,
        language = w.language,
        zh = lang_button(Lang::Zh, "中文"),
        en = lang_button(Lang::En, "English"),
        back_text = w.back,
        heading = w.heading,
        intro = w.intro,
        choose = w.choose,
        drop_hint = w.drop_hint,
        xlsx = w.template_xlsx,
        csv = w.template_csv,
        progress = w.progress,
        cancel = w.cancel,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_gives_language_and_date() {
        let a = address("?page=screen&lang=en&as_of=2025-06-30", ["zh-CN"]);
        assert_eq!(a.lang, Lang::En);
        assert_eq!(a.as_of.as_deref(), Some("2025-06-30"));
        let b = address("page=screen&as_of=2025-02-30", ["en-GB", "zh"]);
        assert_eq!(b.lang, Lang::En, "the browser's language without ?lang");
        assert_eq!(b.as_of, None, "a date that does not exist is not used");
        assert!(b.bad_date && !a.bad_date, "and is said to be wrong");
        assert!(
            !address("page=screen", []).bad_date,
            "no date is no wrong date"
        );
        assert_eq!(address("", []).lang, Lang::Zh);
    }

    #[test]
    fn an_enterprise_opens_in_the_pages_language_on_its_date() {
        assert_eq!(
            open_url("profile=e30", Lang::En, Some("2025-06-30"), "cn-hnte"),
            "./?lang=en&as_of=2025-06-30&programs=cn-hnte#profile=e30"
        );
        assert_eq!(
            open_url("profile=e30", Lang::Zh, None, "\"><x"),
            "./?lang=zh#profile=e30",
            "a program that is no id is left out"
        );
        assert_eq!(open_url("", Lang::Zh, None, ""), "./?lang=zh");
    }

    #[test]
    fn the_controls_are_labelled_in_the_language_and_tied_to_their_labels() {
        for lang in [Lang::Zh, Lang::En] {
            let html = chrome(lang, Some("2025-06-30"));
            let w = words(lang);
            for text in [w.heading, w.choose, w.cancel, w.template_xlsx, w.drop_hint] {
                assert!(html.contains(text), "{text}");
            }
            for id in ["q-screen-file", "q-screen-progress"] {
                assert!(html.contains(&format!("for=\"{id}\"")), "{id} has a label");
                assert!(html.contains(&format!("id=\"{id}\"")));
            }
            assert!(html.contains("href=\"./?lang=") && html.contains("&amp;as_of=2025-06-30\""));
            let pressed = format!(
                "id=\"q-lang-{}\" lang=\"{}\" aria-pressed=\"true\"",
                lang.code(),
                lang.html_lang()
            );
            assert!(html.contains(&pressed), "{html}");
        }
        assert_ne!(words(Lang::Zh).reading, words(Lang::En).reading);
    }
}
