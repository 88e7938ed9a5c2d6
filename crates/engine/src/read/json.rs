//! Reading JSON documents by hand rather than with derived deserializers, so that a pack check
//! can report every problem at once, each with the exact path of its field, in both languages.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use crate::error::{join_path, Error, Errors};
use crate::limits;
use crate::num::Num;
use crate::text::Text;

pub(crate) type Obj = Map<String, Value>;

/// Parses JSON text, turning serde_json's syntax error into [`Error::Syntax`]. Stricter than
/// serde_json on its own, so that what a document means cannot depend on the reader: a key
/// twice in one object, a number that a 64-bit float would round (`52000.0000000000001`,
/// `1e-400`) and a document past the [`limits`] are refused, each with its path. A leading
/// byte-order mark is skipped, as browsers skip it.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > limits::MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            bytes: text.len(),
            max: limits::MAX_DOCUMENT_BYTES,
        });
    }
    let mut reader = Reader {
        numbers: number_literals(text),
        next_number: 0,
        path: Vec::new(),
        error: None,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = serde::de::DeserializeSeed::deserialize(Seed(&mut reader), &mut de)
        .and_then(|v| de.end().map(|()| v));
    match (parsed, reader.error.take()) {
        (Ok(v), _) => Ok(v),
        (Err(_), Some(e)) => Err(e),
        // serde_json refuses a number past a float's range before the reader sees it, and
        // leaves the reader where it is.
        (Err(e), None) if e.is_syntax() && e.to_string().starts_with("number out of range") => {
            let literal = number_literals(text).get(reader.next_number).copied();
            Err(Error::OutOfRange {
                path: reader.path(),
                value: literal.unwrap_or_default().into(),
                min: "-1e15".into(),
                max: "1e15".into(),
            })
        }
        (Err(e), None) => Err(Error::Syntax {
            line: e.line(),
            column: e.column(),
            detail: strip_position(&e.to_string()),
        }),
    }
}

/// The number literals of JSON text, in order, as written: the reader sees only their
/// values, which a float may have rounded. Strings are skipped, escapes and all.
fn number_literals(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < b.len() && matches!(b[i], b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E')
                {
                    i += 1;
                }
                out.push(&text[start..i]);
            }
            _ => i += 1,
        }
    }
    out
}

/// One step of the path to the value being read.
enum Step {
    Key(String),
    Index(usize),
}

/// The state of one [`parse_json`]: the literals still to come, where it is, and the first
/// problem, which serde_json can carry only as text.
struct Reader<'t> {
    numbers: Vec<&'t str>,
    next_number: usize,
    path: Vec<Step>,
    error: Option<Error>,
}

impl Reader<'_> {
    fn path(&self) -> String {
        let mut out = String::new();
        for step in &self.path {
            out = match step {
                Step::Key(k) => key_path(&out, k),
                Step::Index(i) => index_path(&out, *i),
            };
        }
        out
    }

    fn fail<E: serde::de::Error>(&mut self, e: Error) -> E {
        self.error = Some(e);
        E::custom("refused")
    }

    fn number<E: serde::de::Error>(&mut self, v: Value) -> Result<Value, E> {
        let literal = self.numbers.get(self.next_number).copied();
        self.next_number += 1;
        match literal.map(|l| number(l, "")) {
            Some(Err(e)) => {
                let e = with_path(e, self.path());
                Err(self.fail(e))
            }
            _ => Ok(v),
        }
    }

    /// Refuses a container deeper than [`limits::MAX_DEPTH`].
    fn enter<E: serde::de::Error>(&mut self) -> Result<(), E> {
        if self.path.len() >= limits::MAX_DEPTH {
            let e = Error::TooDeep {
                path: self.path(),
                max: limits::MAX_DEPTH,
            };
            return Err(self.fail(e));
        }
        Ok(())
    }

    /// Refuses the entry past [`limits::MAX_ENTRIES`] of the container at the path.
    fn count<E: serde::de::Error>(&mut self, i: usize) -> Result<(), E> {
        if i >= limits::MAX_ENTRIES {
            let e = Error::TooMany {
                path: self.path(),
                max: limits::MAX_ENTRIES,
            };
            return Err(self.fail(e));
        }
        Ok(())
    }
}

/// `e` with its path set to `path`: numbers are checked before the reader knows where they are.
fn with_path(mut e: Error, at: String) -> Error {
    if let Error::OutOfRange { path, .. }
    | Error::TooPrecise { path, .. }
    | Error::TooManyDigits { path, .. } = &mut e
    {
        *path = at;
    }
    e
}

/// Reads any JSON value into a [`Value`], as serde_json's own reader does, with the checks of
/// [`parse_json`].
struct Seed<'r, 't>(&'r mut Reader<'t>);

impl<'de> serde::de::DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Seed<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Value, E> {
        self.0.number(Value::from(n))
    }

    fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Value, E> {
        self.0.number(Value::from(n))
    }

    fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Value, E> {
        self.0.number(Value::from(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_string()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let r = self.0;
        r.enter()?;
        let mut out = Vec::new();
        loop {
            r.path.push(Step::Index(out.len()));
            let next = seq.next_element_seed(Seed(&mut *r))?;
            r.path.pop();
            match next {
                Some(v) => {
                    r.count(out.len())?;
                    out.push(v);
                }
                None => return Ok(Value::Array(out)),
            }
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let r = self.0;
        r.enter()?;
        let mut out = Obj::new();
        while let Some(key) = map.next_key::<String>()? {
            r.count(out.len())?;
            let repeated = out.contains_key(&key);
            r.path.push(Step::Key(key));
            if repeated {
                let e = Error::DuplicateKey { path: r.path() };
                return Err(r.fail(e));
            }
            let v = map.next_value_seed(Seed(&mut *r))?;
            if let Some(Step::Key(key)) = r.path.pop() {
                out.insert(key, v);
            }
        }
        Ok(Value::Object(out))
    }
}

/// A number as written in a profile or pack, held to the one rule for both ([`limits`]):
/// at most [`limits::MAX_DIGITS`] significant digits and [`limits::MAX_PLACES`] decimal
/// places, and no larger than [`limits::MAX_MAGNITUDE`]. Within it a 64-bit float keeps the
/// value exactly, so that every reader of the document sees the same number.
pub(crate) fn number(literal: &str, path: &str) -> Result<Num, Error> {
    let err_digits = || Error::TooManyDigits {
        path: path.into(),
        value: literal.into(),
        digits: limits::MAX_DIGITS,
    };
    let err_places = || Error::TooPrecise {
        path: path.into(),
        value: literal.into(),
        places: limits::MAX_PLACES,
    };
    let err_range = || Error::OutOfRange {
        path: path.into(),
        value: literal.into(),
        min: "-1e15".into(),
        max: "1e15".into(),
    };
    let (mantissa, exp) = match literal.find(['e', 'E']) {
        Some(i) => (&literal[..i], Some(&literal[i + 1..])),
        None => (literal, None),
    };
    let digits = mantissa.strip_prefix('-').unwrap_or(mantissa);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all = || int.bytes().chain(frac.bytes());
    if (int.is_empty() && frac.is_empty()) || !all().all(|b| b.is_ascii_digit()) {
        return Err(Error::Invalid {
            path: path.into(),
            detail: format!("`{literal}` is not a decimal number"),
        });
    }
    let significant: Vec<u8> = all().skip_while(|b| *b == b'0').collect();
    let trailing = significant.iter().rev().take_while(|b| **b == b'0').count();
    let significant = &significant[..significant.len() - trailing];
    if significant.is_empty() {
        return Ok(Num::ZERO);
    }
    if significant.len() > limits::MAX_DIGITS as usize {
        return Err(err_digits());
    }
    // value = m × 10^scale, m the significant digits without trailing zeros.
    let exp: i64 = match exp {
        None => 0,
        Some(e) => {
            let e = e.strip_prefix('+').unwrap_or(e);
            let (sign, body) = match e.strip_prefix('-') {
                Some(b) => (-1, b),
                None => (1, e),
            };
            if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err_range());
            }
            let body = body.trim_start_matches('0');
            if body.len() > 6 {
                return Err(if sign < 0 { err_places() } else { err_range() });
            }
            sign * body.parse::<i64>().unwrap_or(0)
        }
    };
    let scale = exp - frac.len() as i64 + trailing as i64;
    if scale < -(limits::MAX_PLACES as i64) {
        return Err(err_places());
    }
    // The number of digits before the point, and 10^15 has 16.
    if significant.len() as i64 + scale > 16 {
        return Err(err_range());
    }
    // The literal's own digits, now known to be few: its exact value is the decimal parser's.
    match Num::parse_decimal(literal) {
        Some(n)
            if n <= Num::int(limits::MAX_MAGNITUDE) && n >= Num::int(-limits::MAX_MAGNITUDE) =>
        {
            Ok(n)
        }
        Some(_) => Err(err_range()),
        // Only padding past its 30 digits, as `1.000…0` with 30 zeros.
        None => Err(err_digits()),
    }
}

/// serde_json's message without the " at line L column C" it ends with (the error carries
/// both as numbers). Taken off the end by suffix: a backwards string search would be 1.6 KB
/// of wasm that nothing else needs, and a message quoting a key with those words keeps them.
fn strip_position(msg: &str) -> String {
    fn without_number(s: &str) -> Option<&str> {
        let rest = s.trim_end_matches(|c: char| c.is_ascii_digit());
        (rest.len() < s.len()).then_some(rest)
    }
    let end = without_number(msg)
        .and_then(|s| s.strip_suffix(" column "))
        .and_then(without_number)
        .and_then(|s| s.strip_suffix(" at line "));
    end.unwrap_or(msg).to_string()
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
/// The field `later.0` of the object at `path` dated before its field `earlier.0`: a version
/// that ends before it starts, a call that closes before it opens, a certification that
/// expires before it was granted.
pub(crate) fn date_order(
    path: &str,
    earlier: (&str, NaiveDate),
    later: (&str, NaiveDate),
) -> Option<Error> {
    (later.1 < earlier.1).then(|| Error::DateOrder {
        path: key_path(path, later.0),
        value: later.1.to_string(),
        other: key_path(path, earlier.0),
        other_value: earlier.1.to_string(),
    })
}

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

/// Collects errors while a document is read: the first [`limits::MAX_ERRORS`], and how many
/// more there were.
#[derive(Default)]
pub(crate) struct Cx {
    errors: Vec<Error>,
    more: usize,
    /// How many rules the reader is inside.
    pub rule_depth: usize,
}

impl Cx {
    pub fn push(&mut self, e: Error) {
        if self.errors.len() < limits::MAX_ERRORS {
            self.errors.push(e);
        } else {
            self.more += 1;
        }
    }

    pub fn extend(&mut self, errors: impl IntoIterator<Item = Error>) {
        for e in errors {
            self.push(e);
        }
    }

    pub fn finish<T>(mut self, value: Option<T>) -> Result<T, Errors> {
        if self.more > 0 {
            self.errors.push(Error::More { count: self.more });
        }
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
        // serde_json writes a float in its shortest exact form, which is the literal for every
        // number within the rule: the rule holds for a document built in code as for text.
        number(&n.to_string(), path).map_err(|e| self.push(e)).ok()
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
    use super::strip_position;

    #[test]
    fn strips_serde_jsons_position_from_the_end_only() {
        let s = |m: &str| strip_position(m);
        assert_eq!(s("expected value at line 1 column 2"), "expected value");
        assert_eq!(
            s("key `a at line 3` at line 12 column 40"),
            "key `a at line 3`"
        );
        assert_eq!(s("EOF while parsing"), "EOF while parsing");
        assert_eq!(s("x at line 1 column "), "x at line 1 column ");
        assert_eq!(s("x at line  column 4"), "x at line  column 4");
    }

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
