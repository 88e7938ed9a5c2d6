//! JSON text out of a `serde_json::Value`, one line or indented.
//!
//! serde_json compiles its writer once per formatter and writer type: `to_string`,
//! `to_string_pretty` and `Value`'s `Display` (which is both, by the `{:#}` flag) were three
//! copies of it in the browser build. Everything the app and the engine write goes through
//! [`to_text`], one formatter that picks its layout when it runs, so there is one.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};
use serde_json::Value;
use std::io::{self, Write};

/// How the text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// One line, no spaces: byte for byte `serde_json::to_string` (and `Value`'s `Display`).
    Compact,
    /// Two-space indents, as `serde_json::to_string_pretty` writes: for files people read.
    Pretty,
}

/// `v` as JSON text in `layout`.
pub fn to_text(v: &Value, layout: Layout) -> String {
    let fmt = match layout {
        Layout::Compact => Either::Compact(CompactFormatter),
        Layout::Pretty => Either::Pretty(PrettyFormatter::new()),
    };
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
    // Writing a `Value` into memory cannot fail (its keys are strings, its numbers finite, and
    // a `Vec` takes every write), so the error arm is never taken; it keeps no panic path in.
    match v.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

enum Either {
    Compact(CompactFormatter),
    Pretty(PrettyFormatter<'static>),
}

// The methods where the two formatters differ; every other one is the trait's default in both.
macro_rules! either {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
                match self {
                    Either::Compact(f) => f.$name(w $(, $arg)*),
                    Either::Pretty(f) => f.$name(w $(, $arg)*),
                }
            }
        )*
    };
}

impl Formatter for Either {
    either! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Value {
        serde_json::json!({
            "name": "测试 \"quoted\"\n",
            "empty": {},
            "none": [],
            "years": {"2024": {"revenue": 1200.5, "staff": 12}},
            "list": [1, [2, {}], {"a": null, "b": true}],
        })
    }

    #[test]
    fn compact_is_serde_jsons_one_line() {
        let v = sample();
        assert_eq!(
            to_text(&v, Layout::Compact),
            serde_json::to_string(&v).unwrap()
        );
        assert_eq!(to_text(&v, Layout::Compact), v.to_string());
    }

    #[test]
    fn pretty_is_serde_jsons_indented() {
        let v = sample();
        assert_eq!(
            to_text(&v, Layout::Pretty),
            serde_json::to_string_pretty(&v).unwrap()
        );
        assert!(to_text(&v, Layout::Pretty).contains("\n  \"name\": "));
    }
}
