//! Results and rules in words for people: figures in their units, gaps and goal-seek answers as
//! phrases (`explain`), and a criterion's rule as indented lines for the program pages
//! (`describe`). Built on the model and the evaluator's results; nothing below imports it.

pub mod describe;
pub mod explain;

use crate::text::Text;

/// The levels of certainty a confidence code is made of (`OFF`, `3P`, `REC`, `seed NNN`), each
/// with its name and what it means, in both languages: results say how sure a figure is in
/// these words, never in the codes, and show them once as a legend.
pub const CONFIDENCE_LEVELS: &[ConfidenceLevel] = &[
    ConfidenceLevel {
        code: "OFF",
        zh: "已核对官方原文",
        en: "official text checked",
        zh_means: "已读到官方文件的原文(常见于政府网站的转载)",
        en_means: "the official wording was read, often in a government site's repost",
    },
    ConfidenceLevel {
        code: "3P",
        zh: "第三方转述",
        en: "third-party summary",
        zh_means: "依据第三方整理或转载,未读到官方原文",
        en_means: "from a third-party summary or repost; the official text was not read",
    },
    ConfidenceLevel {
        code: "REC",
        zh: "未核实",
        en: "not verified",
        zh_means: "尚未找到可以核对的来源",
        en_means: "no source has been found to check it against",
    },
    ConfidenceLevel {
        code: "seed",
        zh: "新闻报道",
        en: "news report",
        zh_means: "数字见于新闻报道",
        en_means: "the figure appears in a news report",
    },
];

/// One level of [`CONFIDENCE_LEVELS`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConfidenceLevel {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub zh_means: &'static str,
    pub en_means: &'static str,
}

/// A confidence code in words: "3P+OFF" is "第三方转述 + 已核对官方原文" / "third-party summary +
/// official text checked", keeping the code's `+` (both) and `/` (one or the other).
pub fn confidence_words(code: &str) -> Text {
    let mut zh = String::new();
    let mut en = String::new();
    let mut rest = code;
    loop {
        let end = rest.find(['+', '/']).unwrap_or(rest.len());
        let token = rest[..end].trim();
        let level = CONFIDENCE_LEVELS
            .iter()
            .find(|l| token == l.code || (l.code == "seed" && token.starts_with("seed ")));
        match level {
            Some(l) => {
                zh.push_str(l.zh);
                en.push_str(l.en);
            }
            None => {
                zh.push_str(token);
                en.push_str(token);
            }
        }
        let Some(sep) = rest[end..].chars().next() else {
            break;
        };
        zh.push_str(&format!(" {sep} "));
        en.push_str(&format!(" {sep} "));
        rest = &rest[end + 1..];
    }
    Text { zh, en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_codes_read_as_words() {
        let w = confidence_words("3P+OFF");
        assert_eq!(w.zh, "第三方转述 + 已核对官方原文");
        assert_eq!(w.en, "third-party summary + official text checked");
        assert_eq!(
            confidence_words("3P + seed 000").en,
            "third-party summary + news report"
        );
        assert_eq!(confidence_words("3P/REC").zh, "第三方转述 / 未核实");
        assert_eq!(confidence_words("REC").en, "not verified");
    }
}
