//! Request signers, one per provider, each a pure function with a verify side
//! that the sandbox uses to check requests exactly as the real service does.
//!
//! - [`ccc`]: Alibaba Cloud RPC signature V1 (HMAC-SHA1), for CCC 2020 and 2017.
//! - [`nxlink`]: NXLink's MD5 (or SHA-256) header signature.
//! - [`aws`]: AWS Signature Version 4 through the official `aws-sigv4` crate.
//!
//! This module also holds the small helpers they share: RFC 3986 percent
//! encoding, lower-case hex, constant-time comparison and UTC timestamps.

pub mod aws;
pub mod ccc;
pub mod nxlink;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Percent-encodes `s` per RFC 3986: `A-Z a-z 0-9 - _ . ~` stay, every other
/// byte of the UTF-8 encoding becomes `%XY` (upper-case hex). Space is `%20`.
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0f)]));
        }
    }
    out
}

/// Lower-case hex of `bytes`.
pub fn hex_lower(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0x0f)]));
    }
    out
}

/// Compares two byte strings in time that depends only on their lengths, so a
/// verifier does not tell an attacker how many leading bytes were right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Formats `t` as `yyyy-MM-ddTHH:mm:ssZ` (UTC, no fractional seconds), the
/// form Alibaba Cloud's `Timestamp` parameter takes. Times before 1970 are
/// clamped to the epoch.
pub fn iso8601_utc(t: SystemTime) -> String {
    let secs = t
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Parses `yyyy-MM-ddTHH:mm:ssZ` (what [`iso8601_utc`] writes). `None` for
/// anything else.
pub fn parse_iso8601_utc(s: &str) -> Option<SystemTime> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let days = days_from_civil(i64::from(y), mo, d);
    if days < 0 || civil_from_days(days) != (i64::from(y), mo, d) {
        return None;
    }
    let secs = u64::try_from(days).ok()? * 86_400
        + u64::from(h) * 3600
        + u64::from(mi) * 60
        + u64::from(se);
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Milliseconds since the Unix epoch (NXLink's `ts`).
pub fn unix_millis(t: SystemTime) -> u128 {
    t.duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0)
}

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian, UTC).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    // d is in 1..=31 and m in 1..=12 by construction.
    (
        y,
        u32::try_from(m).unwrap_or(1),
        u32::try_from(d).unwrap_or(1),
    )
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoding_is_rfc3986() {
        assert_eq!(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
        assert_eq!(percent_encode("a b"), "a%20b");
        assert_eq!(percent_encode("a+b*c/d"), "a%2Bb%2Ac%2Fd");
        assert_eq!(percent_encode("12:46:24"), "12%3A46%3A24");
        assert_eq!(percent_encode("测"), "%E6%B5%8B");
    }

    #[test]
    fn timestamps_round_trip() {
        let t = UNIX_EPOCH + Duration::from_secs(1_456_231_584); // 2016-02-23T12:46:24Z
        assert_eq!(iso8601_utc(t), "2016-02-23T12:46:24Z");
        assert_eq!(parse_iso8601_utc("2016-02-23T12:46:24Z"), Some(t));
        assert_eq!(iso8601_utc(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        let leap = UNIX_EPOCH + Duration::from_secs(951_825_600); // 2000-02-29T12:00:00Z
        assert_eq!(iso8601_utc(leap), "2000-02-29T12:00:00Z");
        assert_eq!(parse_iso8601_utc("2000-02-29T12:00:00Z"), Some(leap));
        assert_eq!(parse_iso8601_utc("2001-02-29T12:00:00Z"), None);
        assert_eq!(parse_iso8601_utc("2016-02-23 12:46:24Z"), None);
        assert_eq!(parse_iso8601_utc("2016-02-23T12:46:24.5Z"), None);
        assert_eq!(parse_iso8601_utc("2016-13-23T12:46:24Z"), None);
        assert_eq!(parse_iso8601_utc("+016-02-23T12:46:24Z"), None);
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn hex() {
        assert_eq!(hex_lower(&[0x00, 0xff, 0x1a]), "00ff1a");
    }
}
