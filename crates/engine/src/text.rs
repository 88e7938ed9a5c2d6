//! Bilingual text. Simplified Chinese is the first language of the product, English the second.

use serde::Serialize;

/// A display language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The `lang` attribute value for HTML.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code {
            "zh" | "zh-CN" | "zh-Hans" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text for this language from a pair.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// `s` without every trailing repeat of `suffix`, as `str::trim_end_matches(suffix)` gives.
/// By suffix rather than with a string pattern, whose searcher backwards (1.6 KB of wasm)
/// nothing else in the browser build needs.
pub fn trim_end_str<'a>(mut s: &'a str, suffix: &str) -> &'a str {
    if suffix.is_empty() {
        return s;
    }
    while let Some(rest) = s.strip_suffix(suffix) {
        s = rest;
    }
    s
}

/// The language for a visitor whose browser prefers these languages, most preferred first
/// (`navigator.languages`): the first that is a Chinese or an English one, and Chinese when
/// none is either.
pub fn preferred_lang<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
    tags.into_iter()
        .find_map(|tag| {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            match primary.to_ascii_lowercase().as_str() {
                "zh" => Some(Lang::Zh),
                "en" => Some(Lang::En),
                _ => None,
            }
        })
        .unwrap_or_default()
}

/// Appends `text` to `out` with the characters HTML gives a meaning escaped, for text and
/// double-quoted attribute values alike (every attribute written is double-quoted, so `'`
/// stays as it is): what the workers answer as HTML, the screening page's words.
pub fn escape_html_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// [`escape_html_into`] a new string.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_html_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_meaning_is_escaped_and_nothing_else() {
        assert_eq!(
            escape_html("<a href=\"x\">'厦门' & co</a>"),
            "&lt;a href=&quot;x&quot;&gt;'厦门' &amp; co&lt;/a&gt;"
        );
        assert_eq!(escape_html("plain 文本"), "plain 文本");
    }

    #[test]
    fn the_first_chinese_or_english_preference_picks_the_language() {
        let cases: [(&[&str], Lang); 7] = [
            (&["en-US", "zh-CN"], Lang::En),
            (&["zh-TW", "en"], Lang::Zh),
            (&["de-DE", "fr", "EN-gb"], Lang::En),
            (&["ja", "zh_Hans"], Lang::Zh),
            (&["de", "fr"], Lang::Zh),
            (&[], Lang::Zh),
            (&["english", "en"], Lang::En),
        ];
        for (tags, lang) in cases {
            assert_eq!(preferred_lang(tags.iter().copied()), lang, "{tags:?}");
        }
    }

    #[test]
    fn trims_every_trailing_repeat_as_the_standard_library_does() {
        for (s, suffix) in [
            ("12 points", " points"),
            ("12 points points", " points"),
            ("12m2", "m2"),
            ("m2", "m2"),
            ("12", "m2"),
            ("", "m2"),
            ("abc", ""),
            ("m2 m2", "m2"),
        ] {
            assert_eq!(trim_end_str(s, suffix), s.trim_end_matches(suffix), "{s:?}");
        }
    }
}
