//! Putting a pack's details back into the pack without them. Shared with build.rs, which
//! orders each bundled pack's keys as this merge will, so that the pack made whole in the
//! browser is the pack bundled, text and fingerprint alike.

use serde_json::Value;

/// Objects merge key by key and arrays element by element; anything else in `from` replaces
/// what is in `into`.
pub fn merge(into: &mut Value, from: Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                match into.get_mut(&key) {
                    Some(v) => merge(v, value),
                    None => {
                        into.insert(key, value);
                    }
                }
            }
        }
        (Value::Array(into), Value::Array(from)) => {
            for (v, value) in into.iter_mut().zip(from) {
                merge(v, value);
            }
        }
        (into, from) => *into = from,
    }
}
