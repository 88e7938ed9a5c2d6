//! What the packs show people: every text speaks of its sources and how sure they are, never
//! of where the project keeps its notes or how a fact was gathered, and never in the codes of
//! confidence (the app shows those in words). Every bundled pack says when it was checked.

use std::fs;
use std::path::Path;

use serde_json::Value;

/// Words that name the project's notes or how a fact was gathered, and the confidence codes.
fn forbidden(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    for word in [
        "criteria.md",
        "criteria reference",
        "project's reference",
        "from memory",
        "recalled",
        "seeds/",
        "seed article",
        "种子",
        "记忆",
        "回忆",
        "参考资料(",
    ] {
        if lower.contains(word) {
            return Some(word);
        }
    }
    let words = text.split(|c: char| !c.is_ascii_alphanumeric());
    for w in words {
        if let Some(code) = ["OFF", "3P", "REC", "seed", "Seed"]
            .into_iter()
            .find(|c| *c == w)
        {
            return Some(code);
        }
    }
    None
}

/// Every string a person may read: texts, titles, notes, citations, document numbers.
fn shown<'v>(v: &'v Value, path: String, out: &mut Vec<(String, &'v str)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                // Identifiers, vocabulary words and the confidence code are not shown as text.
                if matches!(
                    k.as_str(),
                    "id" | "doc" | "confidence" | "kind" | "field" | "schema" | "alternative_to"
                ) {
                    continue;
                }
                shown(x, format!("{path}.{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                shown(x, format!("{path}[{i}]"), out);
            }
        }
        Value::String(s) => out.push((path, s)),
        _ => {}
    }
}

/// The bundled packs, and the host pack of the examples, which a host page shows the same way.
fn packs() -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut out: Vec<(String, Value)> = ["packs", "examples/packs"]
        .iter()
        .flat_map(|d| fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn no_shown_text_names_the_projects_notes_or_a_confidence_code() {
    let mut bad = Vec::new();
    for (file, pack) in packs() {
        let mut texts = Vec::new();
        shown(&pack, String::new(), &mut texts);
        for (path, text) in texts {
            if let Some(word) = forbidden(text) {
                bad.push(format!("{file}{path}: `{word}` in {text}"));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_scan_catches_what_it_is_for() {
    for text in [
        "种子文章 seeds/000_5e615a28beec1677.txt",
        "From memory, it took effect on 2016-01-01",
        "criteria.md gives no date",
        "third-party summaries (3P)",
        "按最低等级 REC 标注",
    ] {
        assert!(forbidden(text).is_some(), "{text}");
    }
    for text in [
        "第三方资料转述",
        "Achieved before this edition's cut-off date",
        "the 2023 call (official text)",
    ] {
        assert_eq!(forbidden(text), None, "{text}");
    }
}

#[test]
fn every_bundled_pack_says_when_its_rules_were_checked() {
    for (file, pack) in packs() {
        let checked = pack["checked"].as_str();
        assert!(
            checked.is_some_and(|d| qualify_engine::parse_date(d).is_some()),
            "{file}: no `checked` date"
        );
    }
}
