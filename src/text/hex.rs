//! Hexadecimal and percent-encoding, written in place.

/// Appends `bytes` in lower-case hexadecimal.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
}

/// The hexadecimal digits, upper case, as percent-encoding and `\uXXXX` escapes write them.
pub(crate) const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `b` percent-encoded (`%C3`), as URIs want it: upper-case hexadecimal.
pub(crate) fn push_percent(out: &mut String, b: u8) {
    out.push('%');
    out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
    out.push(char::from(HEX_UPPER[usize::from(b & 15)]));
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let mut out = String::with_capacity(64);
    push_hex(&mut out, &Sha256::digest(bytes));
    out
}
