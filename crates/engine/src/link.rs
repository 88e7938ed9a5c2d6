//! Share links (contract section 4): the profile as base64url JSON in the URL fragment
//! (`#profile=…`), which browsers never send to a server. Made by the app's share button and by
//! the screening worker's "open", read by the app at start.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url, with or without padding; standard base64's `+` and `/` are accepted too,
/// since links get rewritten by the tools people paste them through.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32)
    };
    let clean: Vec<u8> = text.trim().trim_end_matches('=').bytes().collect();
    if clean.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c)? << (18 - 6 * i);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

/// The fragment for a profile document.
pub fn fragment(profile_json: &str) -> String {
    format!("profile={}", encode(profile_json.as_bytes()))
}

/// The profile document in a fragment (`#profile=…` or `profile=…`), if there is one. `Err`
/// when the fragment names a profile that cannot be decoded.
pub fn profile_in_fragment(hash: &str) -> Option<Result<String, ()>> {
    let hash = hash.trim_start_matches('#');
    let value = hash.split('&').find_map(|kv| kv.strip_prefix("profile="))?;
    Some(
        decode(value)
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_length() {
        let text = "{\"name\": \"厦门精密 Co.\"}";
        for n in 0..text.len() {
            let b = &text.as_bytes()[..n];
            assert_eq!(decode(&encode(b)).unwrap(), b);
        }
    }

    #[test]
    fn known_vectors() {
        assert_eq!(encode(b"f"), "Zg");
        assert_eq!(encode(b"foob"), "Zm9vYg");
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode("Zm9vYg==").unwrap(), b"foob");
        assert_eq!(decode("+/8").unwrap(), [0xfb, 0xff]);
        assert!(decode("Z").is_none());
        assert!(decode("Zm9v*g").is_none());
    }

    #[test]
    fn fragments() {
        let f = fragment("{}");
        assert_eq!(profile_in_fragment(&format!("#{f}")), Some(Ok("{}".into())));
        assert_eq!(profile_in_fragment("#other=1"), None);
        assert_eq!(profile_in_fragment("#profile=%%%"), Some(Err(())));
    }
}
