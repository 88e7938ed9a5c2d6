//! What a function's demangled name says: its path without the hashes, and the crate its code
//! counts for.
//!
//! wasm-bindgen writes the names demangled, in rustc-demangle's plain form: the legacy scheme's
//! `qualify_engine::eval::Ctx::measure::h51791551110c1b8e`, with a hash at the end, and the v0
//! scheme's (the standard library's own functions) `std[a543996e6e7dbf1e]::thread::current`, with
//! the crate's disambiguator in brackets; a name that repeats gets a counter, `…[1]`. Generic
//! functions keep their generic path (`BTreeMap<K,V,A>::insert`), except drop glue, which names
//! the type it drops (`core::ptr::drop_in_place<qualify_engine::pack::Pack>`).

/// The name without rustc's hashes and wasm-bindgen's counter of repeats:
/// `qualify_engine::eval::Ctx::measure`, `std::thread::current`.
pub fn clean(name: &str) -> String {
    let name = strip_counter(name);
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("::h").filter(|a| hex_run(a) == 16) {
            rest = &after[16..];
            continue;
        }
        // A v0 crate disambiguator, `std[a543996e6e7dbf1e]::`, right after the crate's name.
        let after_name = out.ends_with(|c: char| c.is_alphanumeric() || c == '_');
        if let Some(after) = rest.strip_prefix('[').filter(|_| after_name) {
            let digits = hex_run(after);
            if digits > 0 && after[digits..].starts_with("]::") {
                rest = &after[digits + 1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// How many hexadecimal digits `text` starts with, or 0 when an identifier character follows
/// them (`h0123456789abcdefg` is no hash).
fn hex_run(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_hexdigit).count();
    let next = text.as_bytes().get(digits);
    if next.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
        0
    } else {
        digits
    }
}

/// Without wasm-bindgen's `[1]`, `[2]`… that tells apart functions of the same demangled name.
fn strip_counter(name: &str) -> &str {
    match name.strip_suffix(']').and_then(|n| n.rsplit_once('[')) {
        Some((before, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            before
        }
        _ => name,
    }
}

/// The crate whose code a function (by its cleaned name) counts for:
///
/// - `qualify_engine::eval::evaluate`, `qualify_app::markup::kept::{{closure}}`: the first
///   segment of the path;
/// - `<alloc::vec::Vec<T,A> as core::clone::Clone>::clone`: the implementing type's crate, or the
///   trait's when the type is a primitive or a type parameter (`<T as core::fmt::Display>::fmt`);
/// - `core::ptr::drop_in_place<qualify_engine::pack::Pack>`, drop glue: the dropped type's crate,
///   since the code is there because of that type;
/// - primitives' own methods (`<char>::escape_debug_ext`): `core`;
/// - anything else, a name that is no Rust path (`memcpy`, wasm-bindgen's `__wbindgen_malloc`):
///   `[other]`.
pub fn crate_of(path: &str) -> &str {
    match subject(path) {
        Subject::Path(text) => first_crate(text).unwrap_or("[other]"),
        Subject::Type(text) => first_crate(text).unwrap_or("core"),
        Subject::Other => "[other]",
    }
}

/// The module a function's code counts for, found as its crate is (see `crate_of`): the path up
/// to its first type, impl or closure and short of its last segment, at most three segments
/// deep. `alloc::collections::btree::map::BTreeMap<K,V,A>::insert` is in
/// `alloc::collections::btree`, `qualify_engine::pack::read_node` in `qualify_engine::pack`. A
/// function's closures count for the function, so `qualify_app::markup::kept::{{closure}}` is
/// in `qualify_app::markup::kept`.
pub fn module_of(path: &str) -> String {
    let text = match subject(path) {
        Subject::Path(text) | Subject::Type(text) => text,
        Subject::Other => return "[other]".into(),
    };
    let text = peel(text);
    let segments = split_path(text);
    let is_module = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    let kept: Vec<&str> = segments[..segments.len().saturating_sub(1)]
        .iter()
        .copied()
        .take_while(|s| is_module(s))
        .take(3)
        .collect();
    if kept.is_empty() {
        crate_of(path).to_owned()
    } else {
        kept.join("::")
    }
}

/// What a name is about: a plain path, a type whose method or drop glue it is, or neither.
enum Subject<'a> {
    Path(&'a str),
    Type(&'a str),
    Other,
}

fn subject(path: &str) -> Subject<'_> {
    if let Some(dropped) = path
        .strip_prefix("core::ptr::drop_in_place<")
        .and_then(|rest| rest.get(..closing(rest)?))
    {
        return Subject::Type(dropped);
    }
    if let Some(inner) = path.strip_prefix('<') {
        let Some(end) = closing(inner) else {
            return Subject::Other;
        };
        let inner = &inner[..end];
        return match split_as(inner) {
            Some((ty, interface))
                if first_crate(ty).is_none() && first_crate(interface).is_some() =>
            {
                Subject::Type(interface)
            }
            Some((ty, _)) => Subject::Type(ty),
            None => Subject::Type(inner),
        };
    }
    if first_crate(path).is_some() {
        Subject::Path(path)
    } else {
        Subject::Other
    }
}

/// `text` split at each `separator` outside brackets: the arguments of a generic type.
pub fn split_top_level(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' | '{' => depth += 1,
            '>' | ')' | ']' | '}' => depth = depth.saturating_sub(1),
            c if c == separator && depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `text`'s segments split at the `::` outside brackets.
fn split_path(text: &str) -> Vec<&str> {
    let mut segments = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' | b'(' | b'[' | b'{' => depth += 1,
            b'>' | b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b':' if depth == 0 && bytes.get(i + 1) == Some(&b':') => {
                segments.push(&text[start..i]);
                start = i + 2;
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    segments.push(&text[start..]);
    segments
}

/// The position of the `>` that closes a `<` already opened before `text`.
pub fn closing(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            '>' if depth == 0 => return Some(i),
            '>' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// `Type as Trait` at the outer level of an `<…>`, split in two.
fn split_as(inner: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, c) in inner.char_indices() {
        match c {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth = depth.saturating_sub(1),
            ' ' if depth == 0 && inner[i..].starts_with(" as ") => {
                return Some((&inner[..i], &inner[i + 4..]));
            }
            _ => {}
        }
    }
    None
}

/// The crate a type or path starts with, looking through references, pointers, slices, arrays,
/// tuples and `dyn`; `None` for a primitive or a type parameter (a name with no `::` after it).
fn first_crate(text: &str) -> Option<&str> {
    let text = peel(text);
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0 && text[end..].starts_with("::")).then(|| &text[..end])
}

/// A type without the references, pointers, slices, arrays, tuples and `dyn` around it.
fn peel(text: &str) -> &str {
    let mut text = text.trim_start();
    loop {
        let before = text;
        text = text.trim_start_matches(['&', '*', '[', '(', '<', ' ']);
        for prefix in ["mut ", "const ", "dyn ", "impl "] {
            text = text.strip_prefix(prefix).unwrap_or(text);
        }
        if text == before {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_hashes_disambiguators_and_counters() {
        assert_eq!(
            clean("qualify_engine::eval::Ctx::measure::h51791551110c1b8e"),
            "qualify_engine::eval::Ctx::measure"
        );
        assert_eq!(
            clean("std[a543996e6e7dbf1e]::thread::current::current"),
            "std::thread::current::current"
        );
        assert_eq!(
            clean("core[c5930c85a12de822]::slice::sort::stable::drift::sqrt_approx[1]"),
            "core::slice::sort::stable::drift::sqrt_approx"
        );
        assert_eq!(
            clean("web_sys::X::__wbg_addEventListener_847fd86b8c33ec43::hb3c0bc36e6d600c4 externref shim"),
            "web_sys::X::__wbg_addEventListener_847fd86b8c33ec43 externref shim"
        );
        // Not a hash: too short, or part of a longer identifier.
        assert_eq!(clean("a::habc::b"), "a::habc::b");
        assert_eq!(clean("a::h0123456789abcdefg"), "a::h0123456789abcdefg");
        // Brackets that are no counter or disambiguator stay.
        assert_eq!(
            clean("<[T] as core::fmt::Debug>::fmt"),
            "<[T] as core::fmt::Debug>::fmt"
        );
        assert_eq!(clean("<[f32] as a::B>::c"), "<[f32] as a::B>::c");
        assert_eq!(clean("a::B<[f32]>::c"), "a::B<[f32]>::c");
        assert_eq!(
            clean("alloc[1f]::vec::Vec<T>::push"),
            "alloc::vec::Vec<T>::push"
        );
    }

    #[test]
    fn plain_paths_count_for_their_first_segment() {
        assert_eq!(crate_of("qualify_engine::eval::evaluate"), "qualify_engine");
        assert_eq!(
            crate_of("qualify_app::markup::kept::{{closure}}"),
            "qualify_app"
        );
        assert_eq!(
            crate_of("alloc::collections::btree::map::BTreeMap<K,V,A>::insert"),
            "alloc"
        );
        assert_eq!(crate_of("memcpy"), "[other]");
        assert_eq!(crate_of("__wbindgen_malloc"), "[other]");
    }

    #[test]
    fn trait_methods_count_for_the_type_then_the_trait() {
        assert_eq!(
            crate_of("<alloc::vec::Vec<T,A> as core::clone::Clone>::clone"),
            "alloc"
        );
        assert_eq!(
            crate_of("<qualify_engine::eval::Check as core::cmp::PartialEq>::eq"),
            "qualify_engine"
        );
        assert_eq!(
            crate_of("<T as tachys::view::any_view::IntoAny>::into_any::build"),
            "tachys"
        );
        assert_eq!(crate_of("<&T as core::fmt::Display>::fmt"), "core");
        assert_eq!(
            crate_of("<[qualify_engine::pack::Version] as serde::Serialize>::serialize"),
            "qualify_engine"
        );
        assert_eq!(crate_of("<(A,B) as leptos::IntoView>::into_view"), "leptos");
        assert_eq!(crate_of("<char>::escape_debug_ext"), "core");
        // `as` inside the type's generics is not the outer one.
        assert_eq!(
            crate_of("<send_wrapper::SendWrapper<<T as a::B>::C> as core::ops::drop::Drop>::drop"),
            "send_wrapper"
        );
    }

    #[test]
    fn modules_stop_at_the_first_type_or_the_last_segment() {
        assert_eq!(
            module_of("alloc::collections::btree::map::BTreeMap<K,V,A>::insert"),
            "alloc::collections::btree"
        );
        assert_eq!(
            module_of("core::slice::sort::stable::drift::sort"),
            "core::slice::sort"
        );
        assert_eq!(
            module_of("qualify_engine::pack::read_node"),
            "qualify_engine::pack"
        );
        assert_eq!(
            module_of("qualify_engine::eval::Ctx::node_into"),
            "qualify_engine::eval"
        );
        assert_eq!(
            module_of("qualify_app::markup::kept::{{closure}}"),
            "qualify_app::markup::kept"
        );
        assert_eq!(module_of("qualify_app::main"), "qualify_app");
        assert_eq!(
            module_of("alloc::slice::<impl [T]>::sort_by_key::{{closure}}"),
            "alloc::slice"
        );
        assert_eq!(
            module_of("<alloc::vec::Vec<T,A> as core::clone::Clone>::clone"),
            "alloc::vec"
        );
        assert_eq!(
            module_of("core::ptr::drop_in_place<qualify_engine::pack::Pack>"),
            "qualify_engine::pack"
        );
        assert_eq!(module_of("<T as core::fmt::Display>::fmt"), "core::fmt");
        assert_eq!(module_of("<char>::escape_debug_ext"), "core");
        assert_eq!(module_of("memcpy"), "[other]");
        assert_eq!(split_path("a::B<c::D>::e"), ["a", "B<c::D>", "e"]);
        assert_eq!(
            split_top_level("(),a::B<C,D>,e::{{closure}}", ','),
            ["()", "a::B<C,D>", "e::{{closure}}"]
        );
    }

    #[test]
    fn drop_glue_counts_for_the_dropped_type() {
        assert_eq!(
            crate_of("core::ptr::drop_in_place<qualify_engine::pack::Pack>"),
            "qualify_engine"
        );
        assert_eq!(
            crate_of("core::ptr::drop_in_place<alloc::vec::Vec<qualify_app::draft::Built>>"),
            "alloc"
        );
        assert_eq!(
            crate_of("core::ptr::drop_in_place<&mut [qualify_app::markup::Node]>"),
            "qualify_app"
        );
        assert_eq!(crate_of("core::ptr::drop_in_place<[u8]>"), "core");
    }
}
