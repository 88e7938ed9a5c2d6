//! The bounds on what the engine reads. A real profile is a few kilobytes and the largest
//! bundled pack 32 KB; these leave room many times over, and keep the time and memory any
//! document costs in proportion to its length. Each is refused with an error naming the limit
//! and the field; README's reliability section lists them and the tests that hold them.

/// Bytes of a profile or pack document (a share link's too, once decoded).
pub const MAX_DOCUMENT_BYTES: usize = 1_000_000;

/// Entries of one array or object: ids in `confirmations`, years, criteria, parts of a rule.
pub const MAX_ENTRIES: usize = 1_000;

/// Levels of arrays and objects inside one another (the bundled packs use 18).
pub const MAX_DEPTH: usize = 32;

/// Levels of rules inside one another (the bundled packs use 5).
pub const MAX_RULE_DEPTH: usize = 10;

/// Errors a check keeps; past it they are counted, not kept.
pub const MAX_ERRORS: usize = 100;

/// Every number in a profile or pack is a decimal of at most this many significant digits,
/// which a JSON reader's 64-bit float holds exactly…
pub const MAX_DIGITS: u32 = 15;

/// …with at most this many decimal places (0.01 元 in 万元)…
pub const MAX_PLACES: u32 = 6;

/// …and at most this magnitude, 10^15.
pub const MAX_MAGNITUDE: i64 = 1_000_000_000_000_000;
