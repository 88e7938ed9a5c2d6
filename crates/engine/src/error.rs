//! The engine's one error type. Every variant names the field it is about as a path
//! (`years.2024.rd_staff`, `versions[0].criteria[2].rule.threshold`) so that a user, a pack
//! author or a host-site script can find the value to fix.

use std::fmt;

use crate::text::Lang;

/// An error in a profile or a rule pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The text is not JSON.
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// The value has the wrong JSON type.
    WrongType {
        path: String,
        expected: &'static str,
        found: &'static str,
    },
    /// A field the format does not have (often a typo).
    UnknownField {
        path: String,
        allowed: Vec<&'static str>,
    },
    /// A field the format requires is absent.
    MissingField { path: String },
    /// A word outside the field's vocabulary.
    UnknownValue {
        path: String,
        value: String,
        allowed: Vec<String>,
    },
    /// A schema identifier this version does not read.
    UnknownSchema {
        path: String,
        found: String,
        expected: &'static str,
    },
    /// An amount or count below zero.
    Negative { path: String, value: String },
    /// A count with a fraction.
    NotWhole { path: String, value: String },
    /// More decimal places than the unit can mean.
    TooPrecise {
        path: String,
        value: String,
        places: u32,
    },
    /// A number outside the range the field allows.
    OutOfRange {
        path: String,
        value: String,
        min: String,
        max: String,
    },
    /// Not a real calendar date in `YYYY-MM-DD` form.
    BadDate { path: String, value: String },
    /// A part that cannot exceed a whole does (R&D staff above employees).
    Exceeds {
        path: String,
        value: String,
        other: String,
        other_value: String,
    },
    /// A date that must come before another does not.
    DateOrder {
        path: String,
        value: String,
        other: String,
        other_value: String,
    },
    /// A place inside another place that does not contain it (Xiamen in Guangdong).
    PlaceMismatch {
        path: String,
        value: String,
        parent: String,
    },
    /// The same id twice where ids must be unique.
    Duplicate { path: String, id: String },
    /// A reference to an id that is not defined.
    UnknownReference { path: String, id: String },
    /// A threshold whose unit does not fit what it is compared with.
    UnitMismatch {
        path: String,
        expected: &'static str,
        found: String,
    },
    /// Two versions of a program in force on the same day.
    VersionOverlap {
        path: String,
        version: String,
        other: String,
    },
    /// Days on which no version is in force, without the reason the pack must give.
    VersionGap {
        path: String,
        from: String,
        to: String,
    },
    /// A value the format accepts in type but not in meaning; `detail` says why.
    Invalid { path: String, detail: String },
    /// A key twice in one object: JSON readers differ on which one counts, so neither does.
    DuplicateKey { path: String },
    /// A number with more significant digits than [`crate::limits::MAX_DIGITS`].
    TooManyDigits {
        path: String,
        value: String,
        digits: u32,
    },
    /// A document longer than [`crate::limits::MAX_DOCUMENT_BYTES`].
    TooLarge { bytes: usize, max: usize },
    /// An array or object with more entries than [`crate::limits::MAX_ENTRIES`].
    TooMany { path: String, max: usize },
    /// Arrays and objects nested deeper than [`crate::limits::MAX_DEPTH`].
    TooDeep { path: String, max: usize },
    /// Rules nested deeper than [`crate::limits::MAX_RULE_DEPTH`].
    RulesTooDeep { path: String, max: usize },
    /// The errors past [`crate::limits::MAX_ERRORS`], counted rather than kept.
    More { count: usize },
}

impl Error {
    /// The path of the offending field; empty for a syntax error.
    pub fn path(&self) -> &str {
        use Error::*;
        match self {
            Syntax { .. } | TooLarge { .. } | More { .. } => "",
            WrongType { path, .. }
            | UnknownField { path, .. }
            | MissingField { path }
            | UnknownValue { path, .. }
            | UnknownSchema { path, .. }
            | Negative { path, .. }
            | NotWhole { path, .. }
            | TooPrecise { path, .. }
            | OutOfRange { path, .. }
            | BadDate { path, .. }
            | Exceeds { path, .. }
            | DateOrder { path, .. }
            | PlaceMismatch { path, .. }
            | Duplicate { path, .. }
            | UnknownReference { path, .. }
            | UnitMismatch { path, .. }
            | VersionOverlap { path, .. }
            | VersionGap { path, .. }
            | Invalid { path, .. }
            | DuplicateKey { path }
            | TooManyDigits { path, .. }
            | TooMany { path, .. }
            | TooDeep { path, .. }
            | RulesTooDeep { path, .. } => path,
        }
    }

    /// The message without the path, in `lang`, its control characters escaped: a value quoted
    /// from a document cannot start a line of its own.
    pub fn problem(&self, lang: Lang) -> String {
        escape_controls(self.unescaped_problem(lang))
    }

    fn unescaped_problem(&self, lang: Lang) -> String {
        use Error::*;
        let zh = lang == Lang::Zh;
        match self {
            Syntax {
                line,
                column,
                detail,
            } => {
                if zh {
                    format!("不是有效的 JSON(第 {line} 行第 {column} 列):{detail}")
                } else {
                    format!("not valid JSON (line {line}, column {column}): {detail}")
                }
            }
            WrongType {
                expected, found, ..
            } => {
                if zh {
                    format!("应为{},实际为{}", type_zh(expected), type_zh(found))
                } else {
                    format!("expected {expected}, found {found}")
                }
            }
            UnknownField { path, allowed } => {
                let name = path.rsplit(['.', '[']).next().unwrap_or(path);
                let list = allowed.join(", ");
                if zh {
                    format!("未知字段“{name}”;可用字段:{list}")
                } else {
                    format!("unknown field `{name}`; expected one of: {list}")
                }
            }
            MissingField { .. } => lang
                .pick("缺少必填字段", "required field is missing")
                .into(),
            UnknownValue { value, allowed, .. } => {
                let list = if allowed.len() > 12 {
                    format!("{}, …", allowed[..12].join(", "))
                } else {
                    allowed.join(", ")
                };
                if zh {
                    format!("未知取值“{value}”;可用取值:{list}")
                } else {
                    format!("unknown value `{value}`; expected one of: {list}")
                }
            }
            UnknownSchema {
                found, expected, ..
            } => {
                if zh {
                    format!("无法识别的格式版本“{found}”,应为“{expected}”")
                } else {
                    format!("unknown schema `{found}`, expected `{expected}`")
                }
            }
            Negative { value, .. } => {
                if zh {
                    format!("不能为负数({value})")
                } else {
                    format!("must not be negative (got {value})")
                }
            }
            NotWhole { value, .. } => {
                if zh {
                    format!("应为整数({value})")
                } else {
                    format!("must be a whole number (got {value})")
                }
            }
            TooPrecise { value, places, .. } => {
                if zh {
                    format!("小数位数过多({value}),最多 {places} 位")
                } else {
                    format!("too many decimal places ({value}); at most {places}")
                }
            }
            OutOfRange {
                value, min, max, ..
            } => {
                if zh {
                    format!("超出范围({value}),应在 {min} 至 {max} 之间")
                } else {
                    format!("out of range ({value}); must be between {min} and {max}")
                }
            }
            BadDate { value, .. } => {
                if zh {
                    format!("“{value}”不是有效日期,应为 YYYY-MM-DD 格式的真实日期")
                } else {
                    format!("`{value}` is not a real date in YYYY-MM-DD form")
                }
            }
            Exceeds {
                value,
                other,
                other_value,
                ..
            } => {
                if zh {
                    format!("{value} 不能大于 {other}({other_value})")
                } else {
                    format!("{value} cannot exceed {other} ({other_value})")
                }
            }
            DateOrder {
                value,
                other,
                other_value,
                ..
            } => {
                if zh {
                    format!("{value} 不能早于 {other}({other_value})")
                } else {
                    format!("{value} cannot be before {other} ({other_value})")
                }
            }
            PlaceMismatch { value, parent, .. } => {
                let (value, parent) = (place_name(value, zh), place_name(parent, zh));
                if zh {
                    format!("{value}不属于{parent}")
                } else {
                    format!("{value} is not in {parent}")
                }
            }
            Duplicate { id, .. } => {
                if zh {
                    format!("重复的标识“{id}”")
                } else {
                    format!("duplicate id `{id}`")
                }
            }
            UnknownReference { id, .. } => {
                if zh {
                    format!("引用了未定义的标识“{id}”")
                } else {
                    format!("refers to undefined id `{id}`")
                }
            }
            UnitMismatch {
                expected, found, ..
            } => {
                if zh {
                    format!("单位应为“{expected}”,实际为“{found}”")
                } else {
                    format!("unit must be `{expected}`, found `{found}`")
                }
            }
            VersionOverlap { version, other, .. } => {
                if zh {
                    format!("版本“{version}”与“{other}”的生效期重叠")
                } else {
                    format!("version `{version}` overlaps version `{other}`")
                }
            }
            VersionGap { from, to, .. } => {
                if zh {
                    format!("{from} 至 {to} 没有生效版本,且未说明原因(gap_reason)")
                } else {
                    format!("no version is in force from {from} to {to} and no gap_reason says why")
                }
            }
            Invalid { detail, .. } => detail.clone(),
            DuplicateKey { .. } => lang
                .pick(
                    "重复的键:同一对象中不能出现两次",
                    "duplicate key: a key may appear only once in an object",
                )
                .into(),
            TooManyDigits { value, digits, .. } => {
                if zh {
                    format!("有效数字过多({value}),最多 {digits} 位")
                } else {
                    format!("too many significant digits ({value}); at most {digits}")
                }
            }
            TooLarge { bytes, max } => {
                if zh {
                    format!("文档过大({bytes} 字节),最多 {max} 字节")
                } else {
                    format!("document too large ({bytes} bytes); at most {max}")
                }
            }
            TooMany { max, .. } => {
                if zh {
                    format!("条目过多,最多 {max} 项")
                } else {
                    format!("too many entries; at most {max}")
                }
            }
            TooDeep { max, .. } => {
                if zh {
                    format!("嵌套过深,最多 {max} 层")
                } else {
                    format!("nested too deeply; at most {max} levels")
                }
            }
            RulesTooDeep { max, .. } => {
                if zh {
                    format!("规则嵌套过深,最多 {max} 层")
                } else {
                    format!("rules nested too deeply; at most {max} levels")
                }
            }
            More { count } => {
                if zh {
                    format!("另有 {count} 处错误未列出")
                } else {
                    format!("{count} more errors not listed")
                }
            }
        }
    }

    /// One line: the path, then the problem, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let path = self.path();
        if path.is_empty() {
            self.problem(lang)
        } else {
            format!(
                "{}: {}",
                escape_controls(path.to_string()),
                self.problem(lang)
            )
        }
    }
}

/// `text` with its control characters (line breaks, escape sequences) written as `\n`,
/// `\u{1b}`: a hostile document must not be able to print a line of its own, such as a false
/// `ok`, or move the terminal's cursor.
fn escape_controls(text: String) -> String {
    if !text.chars().any(char::is_control) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

fn type_zh(t: &str) -> &str {
    match t {
        "a number" => "数字",
        "a string" => "字符串",
        "an object" => "对象",
        "an array" => "数组",
        "true or false" | "a boolean" => "布尔值",
        "null" => "空值",
        "a bilingual text {zh, en}" => "中英文文本 {zh, en}",
        other => other,
    }
}

pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (true, _) => rest.to_string(),
        (_, true) => prefix.to_string(),
        _ if rest.starts_with('[') => format!("{prefix}{rest}"),
        _ => format!("{prefix}.{rest}"),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

/// A non-empty list of errors, as pack checks report every problem at once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    pub fn first(&self) -> &Error {
        &self.0[0]
    }

    /// How many errors were found: those kept, and those [`Error::More`] counts.
    pub fn total(&self) -> usize {
        self.0
            .iter()
            .map(|e| match e {
                Error::More { count } => *count,
                _ => 1,
            })
            .sum()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

impl From<Error> for Errors {
    fn from(e: Error) -> Errors {
        Errors(vec![e])
    }
}

/// A place's name for a message, so that the applicant reads 厦门市 or Xiamen rather than the
/// profile's slug; a slug the vocabulary lacks is quoted as it is.
fn place_name(slug: &str, zh: bool) -> String {
    use crate::model::vocab::{find_place, CITIES, DISTRICTS, PROVINCES};
    match [PROVINCES, CITIES, DISTRICTS]
        .into_iter()
        .find_map(|list| find_place(list, slug))
    {
        Some(p) if zh => p.word.zh.to_string(),
        Some(p) => p.word.en.to_string(),
        None if zh => format!("“{slug}”"),
        None => format!("`{slug}`"),
    }
}
