//! The worker's work as the page sees it: a file screened with its counts and its bad rows
//! placed, the table filtered and sorted, an enterprise given back, the results written.

use qualify_engine::{parse_date, Lang, Outcome};
use qualify_screen_worker::page::pages;
use qualify_screen_worker::Session;
use qualify_sheet::Format;

const CSV: &str = "name,province,city,sme,2025.revenue,2025.employees\n\
firm a,fujian,xiamen,是,50000,120\n\
firm b,guangdong,shenzhen,否,-5,10\n\
firm c,fujian,xiamen,是,3000,20\n\
\n\
firm d,chongqing,chongqing,是,900000,3000\n";

fn screened() -> Session {
    let as_of = parse_date("2026-12-02").unwrap();
    let mut seen = Vec::new();
    let s = Session::screen("firms.csv", CSV.as_bytes().to_vec(), as_of, |d, t| {
        seen.push((d, t))
    })
    .unwrap();
    assert_eq!(
        seen.first(),
        Some(&(0, 6)),
        "progress from the first row, of the file's lines"
    );
    s
}

#[test]
fn a_bad_row_is_placed_and_skipped_and_the_rest_are_counted() {
    let s = screened();
    assert_eq!(s.summary.enterprises, 3);
    assert_eq!(s.summary.bad_rows, 1);
    let problem = s.problems[0].message(Lang::En);
    assert!(
        problem.starts_with("sheet \"firms.csv\", row 3, column E (2025.revenue)"),
        "{problem}"
    );
    assert!(s.problems[0].message(Lang::Zh).contains("第 3 行 E 列"));
    let programs = s.summary.programs.len();
    assert!(programs > 3, "every bundled program: {programs}");
    assert_eq!(s.results.len(), 3 * programs);
    for p in &s.summary.programs {
        assert_eq!(
            p.eligible + p.not_eligible + p.incomplete,
            3,
            "{}",
            p.program
        );
    }
    let html = pages(Some(&s)).0.en;
    assert!(html.contains("row 3, column E (2025.revenue)"), "{html}");
    assert!(html.contains("3 enterprises assessed, 1 rows skipped"));
}

#[test]
fn the_table_filters_by_outcome_and_failing_criterion_and_sorts_by_closeness() {
    let mut s = screened();
    let all = s.shown().len();
    assert!(s.view.set("outcome", "incomplete"));
    let incomplete = s.shown();
    assert!(!incomplete.is_empty() && incomplete.len() < all);
    assert!(incomplete.iter().all(|r| r.outcome == Outcome::Incomplete));
    s.view.set("outcome", "");
    let (program, criterion) = s.failing()[0];
    let (program, criterion) = (program.to_string(), criterion.to_string());
    s.view.set("criterion", &format!("{program}/{criterion}"));
    let failing = s.shown();
    assert!(!failing.is_empty());
    assert!(failing
        .iter()
        .all(|r| r.program == program && r.not_met.iter().any(|(c, _)| *c == criterion)));
    s.view.set("criterion", "");
    s.view.set("sort", "closeness");
    let sorted: Vec<f64> = s.shown().iter().map(|r| r.closeness).collect();
    assert!(sorted.windows(2).all(|w| w[0] >= w[1]), "{sorted:?}");
    assert!(!s.view.set("colour", "red"));
    let (html, shown) = pages(Some(&s));
    assert_eq!(
        shown,
        s.shown().len(),
        "the rows the page counts are the view's"
    );
    let html = html.zh;
    assert!(
        html.contains("<option value=\"closeness\" selected>"),
        "{html}"
    );
}

#[test]
fn an_enterprise_is_given_back_as_the_apps_document() {
    let s = screened();
    let doc = s.profile(4).unwrap();
    let v: serde_json::Value = serde_json::from_str(&doc).unwrap();
    assert_eq!(v["name"], "firm c");
    assert_eq!(v["province"], "fujian");
    assert!(s.profile(3).is_none(), "the bad row has no profile");
}

#[test]
fn the_downloads_hold_the_rows_shown() {
    let mut s = screened();
    s.view.set("outcome", "not-eligible");
    let n = s.shown().len();
    let csv = String::from_utf8(s.download(Format::Csv, Lang::En)).unwrap();
    let lines = csv.lines().filter(|l| l.contains("firm ")).count();
    assert_eq!(lines, n, "{csv}");
    let xlsx = s.download(Format::Xlsx, Lang::En);
    assert!(xlsx.starts_with(b"PK\x03\x04"));
}

#[test]
fn text_from_the_file_is_escaped() {
    let csv = "name,province\n<b>&\"x</b>,fujian\n";
    let as_of = parse_date("2026-12-02").unwrap();
    let s = Session::screen("x.csv", csv.as_bytes().to_vec(), as_of, |_, _| {}).unwrap();
    let html = pages(Some(&s)).0.en;
    assert!(!html.contains("<b>"));
    assert!(html.contains("&lt;b&gt;&amp;&quot;x&lt;/b&gt;"));
}

#[test]
fn a_file_is_known_by_its_first_bytes_when_its_name_does_not_say() {
    let as_of = parse_date("2026-12-02").unwrap();
    let line = "{\"schema\":\"qualify.profile/1\",\"name\":\"n\",\"province\":\"fujian\"}\n";
    let s = Session::screen("dropped", line.as_bytes().to_vec(), as_of, |_, _| {}).unwrap();
    assert_eq!((s.summary.enterprises, s.summary.bad_rows), (1, 0));
}
