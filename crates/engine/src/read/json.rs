//! Reading JSON documents by hand rather than with derived deserializers, so that a pack check
//! can report every problem at once, each with the exact path of its field, in both languages.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::error::{join_path, Error, Errors};
use crate::num::Num;
use crate::text::Text;

pub(crate) type Obj = Map<String, Value>;

/// Parses JSON text, turning serde_json's syntax error into [`Error::Syntax`].
pub(crate) fn parse_json(text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::Syntax {
        line: e.line(),
        column: e.column(),
        detail: strip_position(&e.to_string()),
    })
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn key_path(path: &str, key: &str) -> String {
    join_path(path, key)
}

pub(crate) fn index_path(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// Parses a strict `YYYY-MM-DD` calendar date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

/// Collects errors while a document is read.
#[derive(Default)]
pub(crate) struct Cx {
    pub errors: Vec<Error>,
}

impl Cx {
    pub fn push(&mut self, e: Error) {
        self.errors.push(e);
    }

    pub fn finish<T>(self, value: Option<T>) -> Result<T, Errors> {
        match (self.errors.is_empty(), value) {
            (true, Some(v)) => Ok(v),
            (true, None) => Err(Errors(vec![Error::Invalid {
                path: String::new(),
                detail: "document could not be read".into(),
            }])),
            (false, _) => Err(Errors(self.errors)),
        }
    }

    fn wrong(&mut self, v: &Value, path: &str, expected: &'static str) {
        self.push(Error::WrongType {
            path: path.to_string(),
            expected,
            found: type_name(v),
        });
    }

    /// An object whose keys must all be in `allowed`.
    pub fn obj<'v>(
        &mut self,
        v: &'v Value,
        path: &str,
        allowed: &[&'static str],
    ) -> Option<&'v Obj> {
        let Value::Object(map) = v else {
            self.wrong(v, path, "an object");
            return None;
        };
        for k in map.keys() {
            if !allowed.contains(&k.as_str()) {
                self.push(Error::UnknownField {
                    path: key_path(path, k),
                    allowed: allowed.to_vec(),
                });
            }
        }
        Some(map)
    }

    /// A required field: absent or null is an error.
    pub fn req<'v>(&mut self, map: &'v Obj, path: &str, key: &str) -> Option<&'v Value> {
        let v = opt(map, key);
        if v.is_none() {
            self.push(Error::MissingField {
                path: key_path(path, key),
            });
        }
        v
    }

    pub fn str<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong(v, path, "a string");
                None
            }
        }
    }

    pub fn nonempty_str<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v str> {
        let s = self.str(v, path)?;
        if s.trim().is_empty() {
            self.push(Error::Invalid {
                path: path.into(),
                detail: "must not be empty".into(),
            });
            return None;
        }
        Some(s)
    }

    pub fn bool(&mut self, v: &Value, path: &str) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong(v, path, "true or false");
                None
            }
        }
    }

    pub fn num(&mut self, v: &Value, path: &str) -> Option<Num> {
        let Value::Number(n) = v else {
            self.wrong(v, path, "a number");
            return None;
        };
        let parsed = if let Some(i) = n.as_i64() {
            Some(Num::int(i))
        } else if let Some(u) = n.as_u64() {
            Num::ratio(u as i128, 1)
        } else {
            n.as_f64().and_then(Num::from_f64)
        };
        if parsed.is_none() {
            self.push(Error::OutOfRange {
                path: path.into(),
                value: n.to_string(),
                min: "-1e15".into(),
                max: "1e15".into(),
            });
        }
        parsed
    }

    pub fn arr<'v>(&mut self, v: &'v Value, path: &str) -> Option<&'v Vec<Value>> {
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.wrong(v, path, "an array");
                None
            }
        }
    }

    pub fn date(&mut self, v: &Value, path: &str) -> Option<NaiveDate> {
        let s = self.str(v, path)?;
        let d = parse_date(s);
        if d.is_none() {
            self.push(Error::BadDate {
                path: path.into(),
                value: s.into(),
            });
        }
        d
    }

    pub fn text(&mut self, v: &Value, path: &str) -> Option<Text> {
        let map = match v {
            Value::Object(_) => self.obj(v, path, &["zh", "en"])?,
            _ => {
                self.wrong(v, path, "a bilingual text {zh, en}");
                return None;
            }
        };
        let zh = self.req(map, path, "zh");
        let zh = zh.and_then(|v| self.nonempty_str(v, &key_path(path, "zh")));
        let en = self.req(map, path, "en");
        let en = en.and_then(|v| self.nonempty_str(v, &key_path(path, "en")));
        Some(Text::new(zh?, en?))
    }

    /// The field `key` of the object at `path`, read by `read` (`Cx::text`, `Cx::num`, …);
    /// absent is an error if `required`.
    pub fn field<'v, T>(
        &mut self,
        m: &'v Obj,
        path: &str,
        key: &str,
        required: bool,
        read: fn(&mut Cx, &'v Value, &str) -> Option<T>,
    ) -> Option<T> {
        let v = if required {
            self.req(m, path, key)
        } else {
            opt(m, key)
        };
        read(self, v?, &key_path(path, key))
    }

    /// A word from a closed vocabulary.
    pub fn word<T: Copy>(&mut self, v: &Value, path: &str, vocab: &[(&str, T)]) -> Option<T> {
        let i = self.word_index(v, path, vocab.len(), &|i| vocab[i].0)?;
        Some(vocab[i].1)
    }

    /// The index of a word in a vocabulary of `len` words, `word(i)` the i-th. The body of
    /// [`Cx::word`], kept out of its instantiation for every vocabulary type.
    pub fn word_index<'w>(
        &mut self,
        v: &Value,
        path: &str,
        len: usize,
        word: &dyn Fn(usize) -> &'w str,
    ) -> Option<usize> {
        let s = self.str(v, path)?;
        let found = (0..len).position(|i| word(i) == s);
        if found.is_none() {
            self.push(Error::UnknownValue {
                path: path.into(),
                value: s.into(),
                allowed: (0..len).map(|i| word(i).to_string()).collect(),
            });
        }
        found
    }
}

/// An optional field: absent and null are both `None`.
pub(crate) fn opt<'v>(map: &'v Obj, key: &str) -> Option<&'v Value> {
    map.get(key).filter(|v| !v.is_null())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("2025-02-29").is_none());
        assert!(parse_date("2025-02-30").is_none());
        assert!(parse_date("2025-2-3").is_none());
        assert!(parse_date("2025-13-01").is_none());
        assert!(parse_date("２０２５-01-01").is_none());
    }

    #[test]
    fn syntax_errors_carry_position() {
        let e = parse_json("{\"a\": }").unwrap_err();
        assert!(matches!(e, Error::Syntax { line: 1, .. }), "{e:?}");
    }
}
