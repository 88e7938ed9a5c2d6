//! The pack and its versions: ids, sources, dates, criteria and their citations.

use serde_json::Value;

use super::json::{date_order, index_path, key_path, opt, Cx, Obj};
use super::rule::read_node;
#[cfg(feature = "timing")]
use super::timing;
use super::{has_id, ident, slug, sorted_ids, texts};
use crate::error::Error;
use crate::model::fields::CertKind;
use crate::model::vocab;
use crate::model::{
    Criterion, Info, Ladder, Level, Notice, Origin, Pack, Region, SourceDoc, SourceRef, Version,
    PACK_SCHEMA,
};
use crate::num::Num;

const PACK_FIELDS: &[&str] = &[
    "schema", "id", "name", "summary", "level", "region", "issuer", "ladder", "grants", "sources",
    "checked", "notices", "info", "versions", "windows", "validity",
];

/// Reads a pack; with `whole` false, a pack's heading, which has no versions (see
/// `Pack::heading`).
pub(super) fn read_pack(cx: &mut Cx, v: &Value, whole: bool) -> Option<Pack> {
    let m = cx.obj(v, "", PACK_FIELDS)?;
    match cx.req(m, "", "schema").and_then(|s| cx.str(s, "schema")) {
        Some(PACK_SCHEMA) | None => {}
        Some(other) => cx.push(Error::UnknownSchema {
            path: "schema".into(),
            found: other.into(),
            expected: PACK_SCHEMA,
        }),
    }
    let id = cx.field(m, "", "id", true, slug);
    let name = cx.field(m, "", "name", true, Cx::text);
    let summary = cx.field(m, "", "summary", false, Cx::text);
    let level = cx
        .req(m, "", "level")
        .and_then(|v| cx.word(v, "level", Level::VOCAB));
    let region = opt(m, "region")
        .map(|v| read_region(cx, v, "region"))
        .unwrap_or_default();
    let issuer = cx.field(m, "", "issuer", true, Cx::text);
    let ladder = opt(m, "ladder").and_then(|v| read_ladder(cx, v));
    let grants = opt(m, "grants").and_then(|v| cx.word(v, "grants", CertKind::VOCAB));
    let (sources, at) = if whole {
        read_sources(cx, m)
    } else {
        (Vec::new(), Vec::new())
    };
    let checked = cx.field(m, "", "checked", false, Cx::date);
    let notices = texts(cx, m, "", "notices");
    let info = read_info(cx, m);
    let windows = opt(m, "windows").map(|v| (v, "windows"));
    let validity = opt(m, "validity");
    let by_id = (sources.iter().enumerate())
        .map(|(k, d)| (d.id.as_str(), k))
        .collect();
    let by_id = sorted_ids(cx, by_id, &|k| {
        key_path(&index_path("sources", at[k]), "id")
    });
    let mut versions = if whole {
        cx.req(m, "", "versions")
            .and_then(|v| read_versions(cx, v, &by_id))
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    for c in versions.iter_mut().flat_map(|v| v.criteria.iter_mut()) {
        c.cite = cite(&sources, &by_id, &c.source);
    }
    #[cfg(feature = "timing")]
    let (windows, validity) = {
        let windows = windows
            .map(|(v, path)| timing::read_windows(cx, v, path))
            .unwrap_or_default();
        let validity = validity.and_then(|v| timing::read_validity(cx, v, &sources, &by_id));
        if validity.is_some() && grants.is_none() {
            cx.push(Error::Invalid {
                path: "validity".into(),
                detail: "only a pack that `grants` a certification says how long it lasts".into(),
            });
        }
        (windows, validity)
    };
    // Without it, a pack's `windows` and `validity` are allowed and left unread.
    #[cfg(not(feature = "timing"))]
    let _ = (windows, validity);
    Some(Pack {
        id: id?.to_string(),
        name: name?,
        summary,
        level: level?,
        region,
        issuer: issuer?,
        ladder,
        grants,
        sources,
        checked,
        notices,
        info,
        #[cfg(feature = "timing")]
        windows,
        #[cfg(feature = "timing")]
        validity,
        versions: versions.into(),
        origin: Origin::Bundled,
        digest: String::new(),
    })
}

/// "Order 34 art. 9(3); 发改办高技〔2022〕68号": each document's number (or title) and place.
pub(super) fn cite(sources: &[SourceDoc], by_id: &[(&str, usize)], refs: &[SourceRef]) -> String {
    refs.iter()
        .map(|r| {
            let name = has_id(by_id, &r.doc)
                .map(|k| &sources[k])
                .map(|d| d.number.clone().unwrap_or_else(|| d.title.zh.clone()))
                .unwrap_or_else(|| r.doc.clone());
            match &r.at {
                Some(at) => format!("{name} {at}"),
                None => name,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn read_region(cx: &mut Cx, v: &Value, at: &str) -> Region {
    let Some(m) = cx.obj(v, at, &["province", "city", "district"]) else {
        return Region::default();
    };
    let mut place = |key: &str, list: &'static [vocab::Place]| -> Option<&'static str> {
        let path = key_path(at, key);
        let s = opt(m, key).and_then(|v| cx.str(v, &path))?;
        match vocab::find_place(list, s) {
            Some(p) => Some(p.word.slug),
            None => {
                cx.push(Error::UnknownValue {
                    path,
                    value: s.into(),
                    allowed: vocab::place_slugs(list),
                });
                None
            }
        }
    };
    Region {
        province: place("province", vocab::PROVINCES),
        city: place("city", vocab::CITIES),
        district: place("district", vocab::DISTRICTS),
    }
}

fn read_ladder(cx: &mut Cx, v: &Value) -> Option<Ladder> {
    let m = cx.obj(v, "ladder", &["track", "rung"])?;
    let track = cx
        .req(m, "ladder", "track")
        .and_then(|v| slug(cx, v, "ladder.track"));
    let rung = cx
        .req(m, "ladder", "rung")
        .and_then(|v| cx.num(v, "ladder.rung"));
    let rung = rung.and_then(|r| {
        let ok = r.is_integer() && r >= Num::ONE && r <= Num::int(20);
        if !ok {
            cx.push(Error::OutOfRange {
                path: "ladder.rung".into(),
                value: r.to_string(),
                min: "1".into(),
                max: "20".into(),
            });
        }
        ok.then(|| r.numer() as u32)
    });
    Some(Ladder {
        track: track?.to_string(),
        rung: rung?,
    })
}

/// The documents, and the position of each in the list.
fn read_sources(cx: &mut Cx, m: &Obj) -> (Vec<SourceDoc>, Vec<usize>) {
    let Some(list) = cx.req(m, "", "sources").and_then(|v| cx.arr(v, "sources")) else {
        return (Vec::new(), Vec::new());
    };
    let mut out: Vec<SourceDoc> = Vec::new();
    let mut at = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("sources", i);
        let Some(s) = cx.obj(v, &path, &["id", "title", "number", "date", "url", "note"]) else {
            continue;
        };
        let id = cx.field(s, &path, "id", true, slug);
        let doc = read_document(cx, s, &path);
        let (Some(id), Some(doc)) = (id, doc) else {
            continue;
        };
        at.push(i);
        out.push(SourceDoc {
            id: id.into(),
            title: doc.title,
            number: doc.number,
            date: doc.date,
            url: doc.url,
            note: doc.note,
        });
    }
    (out, at)
}

/// A document's fields of the object `m` at `path` (a source but its id, or a call's notice).
pub(super) fn read_document(cx: &mut Cx, m: &Obj, path: &str) -> Option<Notice> {
    let title = cx.field(m, path, "title", true, Cx::text);
    let number = opt(m, "number")
        .and_then(|v| cx.nonempty_str(v, &key_path(path, "number")))
        .map(str::to_string);
    let date = cx.field(m, path, "date", false, Cx::date);
    let url = opt(m, "url").and_then(|v| read_url(cx, v, &key_path(path, "url")));
    let note = cx.field(m, path, "note", false, Cx::text);
    Some(Notice {
        title: title?,
        number,
        date,
        url,
        note,
    })
}

fn read_url(cx: &mut Cx, v: &Value, path: &str) -> Option<String> {
    let u = cx.str(v, path)?;
    if !(u.starts_with("https://") || u.starts_with("http://")) {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: format!("`{u}` must be an http(s) link"),
        });
        return None;
    }
    Some(u.to_string())
}

fn read_info(cx: &mut Cx, m: &Obj) -> Vec<Info> {
    let Some(list) = opt(m, "info").and_then(|v| cx.arr(v, "info")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("info", i);
        let Some(o) = cx.obj(v, &path, &["title", "items"]) else {
            continue;
        };
        let title = cx.field(o, &path, "title", true, Cx::text);
        let items = texts(cx, o, &path, "items");
        if let Some(title) = title {
            out.push(Info { title, items });
        }
    }
    out
}

fn read_versions(cx: &mut Cx, v: &Value, docs: &[(&str, usize)]) -> Option<Vec<Version>> {
    let list = cx.arr(v, "versions")?;
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: "versions".into(),
            detail: "a pack needs at least one version".into(),
        });
    }
    let mut out: Vec<(usize, Version)> = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let path = index_path("versions", i);
        if let Some(version) = read_version(cx, v, &path, docs) {
            out.push((i, version));
        }
    }
    let ids = out.iter().map(|(i, v)| (v.id.as_str(), *i)).collect();
    sorted_ids(cx, ids, &|i| key_path(&index_path("versions", i), "id"));
    crate::sort_by_key(&mut out, |(_, v)| v.effective_from);
    for pair in out.windows(2) {
        let ((_, a), (j, b)) = (&pair[0], &pair[1]);
        let path = index_path("versions", *j);
        match a.effective_until {
            None => cx.push(Error::VersionOverlap {
                path: key_path(&path, "effective_from"),
                version: b.id.clone(),
                other: a.id.clone(),
            }),
            Some(until) if until >= b.effective_from => cx.push(Error::VersionOverlap {
                path: key_path(&path, "effective_from"),
                version: b.id.clone(),
                other: a.id.clone(),
            }),
            Some(until) => {
                let next = until.succ_opt();
                if next != Some(b.effective_from) && b.gap_reason.is_none() {
                    cx.push(Error::VersionGap {
                        path: key_path(&path, "effective_from"),
                        from: next.map(|d| d.to_string()).unwrap_or_default(),
                        to: b
                            .effective_from
                            .pred_opt()
                            .map(|d| d.to_string())
                            .unwrap_or_default(),
                    });
                }
            }
        }
    }
    Some(out.into_iter().map(|(_, v)| v).collect())
}

const VERSION_FIELDS: &[&str] = &[
    "id",
    "effective_from",
    "effective_until",
    "basis",
    "gap_reason",
    "notices",
    "criteria",
];

fn read_version(cx: &mut Cx, v: &Value, path: &str, docs: &[(&str, usize)]) -> Option<Version> {
    let m = cx.obj(v, path, VERSION_FIELDS)?;
    let id = cx.field(m, path, "id", true, slug);
    let from = cx.field(m, path, "effective_from", true, Cx::date);
    let until = cx.field(m, path, "effective_until", false, Cx::date);
    if let (Some(f), Some(u)) = (from, until) {
        cx.extend(date_order(
            path,
            ("effective_from", f),
            ("effective_until", u),
        ));
    }
    let basis = cx.field(m, path, "basis", false, Cx::text);
    let gap_reason = cx.field(m, path, "gap_reason", false, Cx::text);
    let notices = texts(cx, m, path, "notices");
    let cpath = key_path(path, "criteria");
    let list = cx.req(m, path, "criteria").and_then(|v| cx.arr(v, &cpath));
    let mut criteria: Vec<Criterion> = Vec::new();
    let mut at = Vec::new();
    for (i, c) in list.into_iter().flatten().enumerate() {
        let p = index_path(&cpath, i);
        if let Some(c) = read_criterion(cx, c, &p, docs) {
            // An alternative names a criterion listed before it, which is no alternative itself.
            if let Some(alt) = &c.alternative_to {
                let target = criteria.iter().find(|o| &o.id == alt);
                if target.is_none_or(|t| t.alternative_to.is_some()) {
                    cx.push(Error::UnknownReference {
                        path: key_path(&p, "alternative_to"),
                        id: alt.clone(),
                    });
                }
            }
            at.push(i);
            criteria.push(c);
        }
    }
    let ids = criteria
        .iter()
        .zip(&at)
        .map(|(c, i)| (c.id.as_str(), *i))
        .collect();
    sorted_ids(cx, ids, &|i| key_path(&index_path(&cpath, i), "id"));
    if list.is_some_and(|l| l.is_empty()) {
        cx.push(Error::Invalid {
            path: cpath,
            detail: "a version needs at least one criterion".into(),
        });
    }
    Some(Version {
        id: id?.into(),
        effective_from: from?,
        effective_until: until,
        basis,
        gap_reason,
        notices,
        criteria,
    })
}

const CRITERION_FIELDS: &[&str] = &[
    "id",
    "label",
    "note",
    "confidence",
    "source",
    "rule",
    "alternative_to",
];

fn read_criterion(cx: &mut Cx, v: &Value, path: &str, docs: &[(&str, usize)]) -> Option<Criterion> {
    let m = cx.obj(v, path, CRITERION_FIELDS)?;
    let id = cx.field(m, path, "id", true, ident);
    let label = cx.field(m, path, "label", true, Cx::text);
    let note = cx.field(m, path, "note", false, Cx::text);
    let confidence = cx
        .req(m, path, "confidence")
        .and_then(|v| confidence(cx, v, &key_path(path, "confidence")));
    let source = read_source_refs(cx, m, path, docs);
    let alternative_to = cx.field(m, path, "alternative_to", false, ident);
    let id = id?;
    let rule = cx
        .req(m, path, "rule")
        .and_then(|v| read_node(cx, v, &key_path(path, "rule"), id, true));
    Some(Criterion {
        id: id.into(),
        label: label?,
        note,
        confidence: confidence?,
        source,
        cite: String::new(),
        rule: rule?,
        alternative_to: alternative_to.map(str::to_string),
    })
}

/// Confidence codes as criteria.md writes them: `OFF`, `3P`, `REC` and `seed NNN`, joined by
/// `+` or `/` ("3P + seed 000", "3P+OFF", "3P/REC"). Kept verbatim: never upgraded.
pub(super) fn confidence(cx: &mut Cx, v: &Value, path: &str) -> Option<String> {
    let s = cx.nonempty_str(v, path)?;
    let ok = s.split(['+', '/']).all(|tok| {
        let tok = tok.trim();
        matches!(tok, "OFF" | "3P" | "REC")
            || tok
                .strip_prefix("seed ")
                .is_some_and(|n| n.len() == 3 && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if !ok {
        cx.push(Error::Invalid {
            path: path.into(),
            detail: format!(
                "`{s}` is not a confidence: use OFF, 3P, REC or `seed NNN`, joined by + or /"
            ),
        });
        return None;
    }
    Some(s.to_string())
}

pub(super) fn read_source_refs(
    cx: &mut Cx,
    m: &Obj,
    path: &str,
    docs: &[(&str, usize)],
) -> Vec<SourceRef> {
    let spath = key_path(path, "source");
    let Some(list) = cx.req(m, path, "source").and_then(|v| cx.arr(v, &spath)) else {
        return Vec::new();
    };
    if list.is_empty() {
        cx.push(Error::Invalid {
            path: spath.clone(),
            detail: "cite at least one source".into(),
        });
    }
    let mut out = Vec::new();
    for (i, v) in list.iter().enumerate() {
        let p = index_path(&spath, i);
        let Some(o) = cx.obj(v, &p, &["doc", "at"]) else {
            continue;
        };
        let doc = cx
            .req(o, &p, "doc")
            .and_then(|v| cx.str(v, &key_path(&p, "doc")));
        let at = opt(o, "at")
            .and_then(|v| cx.nonempty_str(v, &key_path(&p, "at")))
            .map(str::to_string);
        if let Some(doc) = doc {
            if has_id(docs, doc).is_none() {
                cx.push(Error::UnknownReference {
                    path: key_path(&p, "doc"),
                    id: doc.into(),
                });
            }
            out.push(SourceRef {
                doc: doc.into(),
                at,
            });
        }
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal valid pack with the given versions (each `(id, from, until, extra)`), where
    /// `extra` is spliced into the version object.
    fn pack_with(versions: &[(&str, &str, Option<&str>, &str)], pack_extra: &str) -> String {
        let versions: Vec<String> = versions
            .iter()
            .map(|(id, from, until, extra)| {
                let until = until
                    .map(|u| format!(r#", "effective_until": "{u}""#))
                    .unwrap_or_default();
                format!(
                    r#"{{"id": "{id}", "effective_from": "{from}"{until}{extra},
                        "criteria": [{{"id": "C1", "label": {{"zh": "条件", "en": "Criterion"}},
                        "confidence": "3P", "source": [{{"doc": "d"}}],
                        "rule": {{"kind": "declared"}}}}]}}"#
                )
            })
            .collect();
        format!(
            r#"{{"schema": "qualify.pack/1", "id": "t", "name": {{"zh": "测试", "en": "Test"}},
                "level": "national", "issuer": {{"zh": "测试", "en": "Test"}}{pack_extra},
                "sources": [{{"id": "d", "title": {{"zh": "文件", "en": "Document"}}}}],
                "versions": [{}]}}"#,
            versions.join(",")
        )
    }

    fn errors(text: &str) -> Vec<Error> {
        Pack::from_json(text).err().map(|e| e.0).unwrap_or_default()
    }

    #[test]
    fn a_heading_reads_without_versions_and_is_checked_as_a_pack_is() {
        let heading = r#"{"schema": "qualify.pack/1", "id": "gd-t", "name": {"zh": "测试", "en": "Test"},
            "level": "provincial", "region": {"province": "guangdong"},
            "issuer": {"zh": "测试", "en": "Test"}, "ladder": {"track": "etc", "rung": 3}}"#;
        let v = crate::read::json::parse_json(heading).unwrap();
        let pack = Pack::heading(&v).unwrap();
        assert!(pack.is_heading());
        assert_eq!(pack.region.province, Some("guangdong"));
        assert_eq!(pack.ladder.map(|l| l.rung), Some(3));
        assert!(
            Pack::from_value(&v).is_err(),
            "a whole pack needs its versions"
        );
        let bad = heading.replace("provincial", "galactic");
        let e = Pack::heading(&crate::read::json::parse_json(&bad).unwrap()).unwrap_err();
        assert!(
            matches!(&e.0[..], [Error::UnknownValue { path, .. }] if path == "level"),
            "{e:?}"
        );
    }

    #[test]
    fn consecutive_versions_are_accepted_and_picked_by_date() {
        let text = pack_with(
            &[
                ("old", "2022-08-01", Some("2026-03-31"), ""),
                ("new", "2026-04-01", None, ""),
            ],
            "",
        );
        let pack = Pack::from_json(&text).unwrap();
        let on = |d: &str| {
            pack.version_on(crate::parse_date(d).unwrap())
                .map(|v| v.id.as_str())
        };
        assert_eq!(on("2026-03-31"), Some("old"));
        assert_eq!(on("2026-04-01"), Some("new"));
        assert_eq!(on("2022-07-31"), None);
    }

    #[test]
    fn overlapping_versions_are_refused() {
        let e = errors(&pack_with(
            &[
                ("a", "2020-01-01", Some("2021-06-30"), ""),
                ("b", "2021-06-30", None, ""),
            ],
            "",
        ));
        assert!(
            matches!(&e[..], [Error::VersionOverlap { path, .. }] if path == "versions[1].effective_from"),
            "{e:?}"
        );
        let e = errors(&pack_with(
            &[("a", "2020-01-01", None, ""), ("b", "2022-01-01", None, "")],
            "",
        ));
        assert!(matches!(&e[..], [Error::VersionOverlap { .. }]), "{e:?}");
    }

    #[test]
    fn a_gap_needs_its_reason() {
        let versions = [
            ("a", "2020-01-01", Some("2020-12-31"), ""),
            ("b", "2021-03-01", None, ""),
        ];
        let e = errors(&pack_with(&versions, ""));
        assert!(
            matches!(&e[..], [Error::VersionGap { from, to, .. }] if from == "2021-01-01" && to == "2021-02-28"),
            "{e:?}"
        );
        let reason = r#", "gap_reason": {"zh": "暂停受理", "en": "Applications were suspended"}"#;
        let with_reason = [versions[0], ("b", "2021-03-01", None, reason)];
        assert!(Pack::from_json(&pack_with(&with_reason, "")).is_ok());
    }

    #[test]
    fn an_alternative_names_an_earlier_criterion() {
        let two = |alt: &str| {
            let extra = format!(
                r#"{{"id": "C2", "label": {{"zh": "直通", "en": "Direct"}}, "confidence": "3P",
                    "source": [{{"doc": "d"}}], "alternative_to": "{alt}",
                    "rule": {{"kind": "declared"}}}}"#
            );
            pack_with(&[("a", "2020-01-01", None, "")], "").replacen(
                r#""rule": {"kind": "declared"}}]"#,
                &format!(r#""rule": {{"kind": "declared"}}}}, {extra}]"#),
                1,
            )
        };
        let pack = Pack::from_json(&two("C1")).unwrap();
        assert_eq!(
            pack.versions[0].criteria[1].alternative_to.as_deref(),
            Some("C1")
        );
        let e = errors(&two("C9"));
        assert!(
            matches!(&e[..], [Error::UnknownReference { path, id }]
                if path == "versions[0].criteria[1].alternative_to" && id == "C9"),
            "{e:?}"
        );
    }

    #[test]
    fn notices_are_bilingual_texts() {
        let ok = pack_with(
            &[("a", "2020-01-01", None, "")],
            r#", "notices": [{"zh": "提示", "en": "Notice"}]"#,
        );
        assert_eq!(Pack::from_json(&ok).unwrap().notices.len(), 1);
        let e = errors(&pack_with(
            &[(
                "a",
                "2020-01-01",
                None,
                r#", "notices": [{"zh": "只有中文"}]"#,
            )],
            "",
        ));
        assert!(
            matches!(&e[..], [Error::MissingField { path }] if path == "versions[0].notices[0].en"),
            "{e:?}"
        );
    }
}
