//! Turning a call list's bytes into text: UTF-8 (with or without the byte
//! order mark Excel writes for "CSV UTF-8") or, when the bytes are not valid
//! UTF-8, GB18030 (what Excel writes for "CSV" on a Chinese Windows).
//!
//! The rule is simple and robust: bytes that are valid UTF-8 are UTF-8, and
//! so are bytes after a UTF-8 byte order mark (a bad byte among them becomes
//! U+FFFD).
//! GB18030 text with any Chinese in it is almost never valid UTF-8 (its
//! two-byte characters are lead bytes 0x81..0xFE followed by 0x40..0xFE,
//! which UTF-8 forbids in that order), and ASCII is the same in both.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The encoding a call list was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// GB18030, a superset of GBK and GB2312 (Excel's "CSV" in Chinese).
    Gb18030,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a call list's bytes, saying which encoding they were in.
/// GB18030 decoding never fails: a byte sequence it cannot map becomes U+FFFD.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let (body, bom) = match bytes.strip_prefix(BOM) {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(body) {
        Ok(text) if bom => (Cow::Borrowed(text), Encoding::Utf8Bom),
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        // A BOM says UTF-8: a stray bad byte after it becomes U+FFFD.
        Err(_) if bom => (String::from_utf8_lossy(body), Encoding::Utf8Bom),
        Err(_) => {
            let (text, _) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            (text, Encoding::Gb18030)
        }
    }
}
