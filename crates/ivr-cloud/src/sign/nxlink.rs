//! NXLink OpenAPI signature (reference/nxlink.md, seed 004).
//!
//! Every call is a POST with headers `accessKey`, `ts` (13-digit milliseconds,
//! server tolerance 60 s), `bizType` = `100`, `action` = `nxai`, `sign` and an
//! optional `algorithm` (`md5`, the default, or `sha256`):
//!
//! ```text
//! headersStr = "accessKey=" + ak + "&action=nxai&bizType=100&ts=" + ts   (ASCII order)
//! bodyStr    = "&body=" + <the exact body bytes sent>                     (omitted for an empty body)
//! sign       = lower-hex( MD5( headersStr + bodyStr + "&accessSecret=" + secret ) )
//! ```
//!
//! [`sign`] takes the body as bytes: serialise the JSON once, sign those bytes
//! and send the same bytes. [`verify`] is the sandbox's side. `action` and
//! `bizType` are parameters of [`signature`] ([`Scope`]): the AI-agent API
//! uses [`Scope::NXAI`] (`nxai` / `100`); NXLink's own published example uses
//! `send` / `1`, and the tests reproduce it.

use std::time::{Duration, SystemTime};

use md5::{Digest as _, Md5};
use sha2::Sha256;

use super::{constant_time_eq, hex_lower, unix_millis};
use crate::secret::Secret;

/// The fixed `bizType` header value.
pub const BIZ_TYPE: &str = "100";
/// The fixed `action` header value.
pub const ACTION: &str = "nxai";
/// The `action` and `bizType` headers a call is signed (and sent) with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Scope<'a> {
    pub action: &'a str,
    pub biz_type: &'a str,
}

impl Scope<'static> {
    /// What the AI-agent OpenAPI takes: action `nxai`, bizType `100`.
    pub const NXAI: Scope<'static> = Scope {
        action: ACTION,
        biz_type: BIZ_TYPE,
    };
}

/// How far `ts` may be from the server's clock.
pub const TOLERANCE: Duration = Duration::from_secs(60);

/// The digest behind `sign`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Algorithm {
    /// MD5, the default (no `algorithm` header is sent).
    #[default]
    Md5,
    /// SHA-256 (`algorithm: sha256`).
    Sha256,
}

impl Algorithm {
    /// The `algorithm` header value.
    pub fn as_str(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha256 => "sha256",
        }
    }

    /// Parses an `algorithm` header value (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "md5" => Some(Algorithm::Md5),
            "sha256" => Some(Algorithm::Sha256),
            _ => None,
        }
    }
}

/// The bytes that are hashed: headersStr + bodyStr + `&accessSecret=` + secret.
fn material(access_key: &str, scope: Scope<'_>, ts: &str, body: &[u8], secret: &str) -> Vec<u8> {
    let mut m = Vec::with_capacity(96 + body.len() + secret.len());
    m.extend_from_slice(b"accessKey=");
    m.extend_from_slice(access_key.as_bytes());
    m.extend_from_slice(b"&action=");
    m.extend_from_slice(scope.action.as_bytes());
    m.extend_from_slice(b"&bizType=");
    m.extend_from_slice(scope.biz_type.as_bytes());
    m.extend_from_slice(b"&ts=");
    m.extend_from_slice(ts.as_bytes());
    if !body.is_empty() {
        m.extend_from_slice(b"&body=");
        m.extend_from_slice(body);
    }
    m.extend_from_slice(b"&accessSecret=");
    m.extend_from_slice(secret.as_bytes());
    m
}

/// The `sign` header value for these inputs.
pub fn signature(
    access_key: &str,
    scope: Scope<'_>,
    ts: &str,
    body: &[u8],
    secret: &str,
    algorithm: Algorithm,
) -> String {
    let mut m = material(access_key, scope, ts, body, secret);
    let out = match algorithm {
        Algorithm::Md5 => hex_lower(&Md5::digest(&m)),
        Algorithm::Sha256 => hex_lower(&Sha256::digest(&m)),
    };
    zeroize::Zeroize::zeroize(&mut m);
    out
}

/// Signs a call: returns the headers to send, in order (`accessKey`, `ts`,
/// `bizType`, `action`, `sign`, and `algorithm` when not MD5). `body` must be
/// the exact bytes that go on the wire.
pub fn sign(
    access_key: &str,
    secret: &Secret,
    time: SystemTime,
    body: &[u8],
    algorithm: Algorithm,
) -> Vec<(&'static str, String)> {
    let ts = unix_millis(time).to_string();
    let sign = signature(
        access_key,
        Scope::NXAI,
        &ts,
        body,
        secret.expose(),
        algorithm,
    );
    let mut headers = vec![
        ("accessKey", access_key.to_owned()),
        ("ts", ts),
        ("bizType", BIZ_TYPE.to_owned()),
        ("action", ACTION.to_owned()),
        ("sign", sign),
    ];
    if algorithm != Algorithm::Md5 {
        headers.push(("algorithm", algorithm.as_str().to_owned()));
    }
    headers
}

/// Why NXLink (or the sandbox) refuses a request; [`VerifyError::code`] is the
/// envelope code the real service answers with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("Authentication failed (missing public parameters): no {0} header")]
    Missing(&'static str),
    #[error("Authentication failed (parameter error): {0}")]
    BadParameter(String),
    #[error("Authentication failed (invalid signature)")]
    BadSignature,
    #[error("Authentication failed (timestamp expired)")]
    Expired,
}

impl VerifyError {
    /// NXLink's error code: 1001 missing, 1002 parameter, 1003 signature, 1004 expired.
    pub fn code(&self) -> u32 {
        match self {
            VerifyError::Missing(_) => 1001,
            VerifyError::BadParameter(_) => 1002,
            VerifyError::BadSignature => 1003,
            VerifyError::Expired => 1004,
        }
    }
}

/// Checks a received request. `header` looks a header up by name (the caller
/// handles case-insensitivity); `secret_for` finds the secret of an access key
/// (`None`: unknown key, refused as a bad signature); `now` is the server's clock.
/// Returns the access key on success.
pub fn verify(
    header: impl Fn(&str) -> Option<String>,
    body: &[u8],
    secret_for: impl Fn(&str) -> Option<Secret>,
    now: SystemTime,
) -> Result<String, VerifyError> {
    let need = |name: &'static str| header(name).ok_or(VerifyError::Missing(name));
    let access_key = need("accessKey")?;
    let ts = need("ts")?;
    let biz_type = need("bizType")?;
    let action = need("action")?;
    let sign = need("sign")?;
    if biz_type != BIZ_TYPE {
        return Err(VerifyError::BadParameter(format!(
            "bizType must be {BIZ_TYPE}"
        )));
    }
    if action != ACTION {
        return Err(VerifyError::BadParameter(format!(
            "action must be {ACTION}"
        )));
    }
    let algorithm = match header("algorithm") {
        None => Algorithm::Md5,
        Some(a) => Algorithm::parse(&a)
            .ok_or_else(|| VerifyError::BadParameter(format!("unknown algorithm {a:?}")))?,
    };
    if ts.len() != 13 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Err(VerifyError::BadParameter(
            "ts must be 13-digit milliseconds".into(),
        ));
    }
    let ts_ms: u128 = ts
        .parse()
        .map_err(|_| VerifyError::BadParameter("ts is not a number".into()))?;
    let now_ms = unix_millis(now);
    if now_ms.abs_diff(ts_ms) > TOLERANCE.as_millis() {
        return Err(VerifyError::Expired);
    }
    let secret = secret_for(&access_key).ok_or(VerifyError::BadSignature)?;
    let expected = signature(
        &access_key,
        Scope::NXAI,
        &ts,
        body,
        secret.expose(),
        algorithm,
    );
    if constant_time_eq(expected.as_bytes(), sign.to_ascii_lowercase().as_bytes()) {
        Ok(access_key)
    } else {
        Err(VerifyError::BadSignature)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::time::UNIX_EPOCH;

    use super::*;

    // Seed 004 gives header examples (accessKey AK-6230339248928541113-2133,
    // ts 1655710885431, sign 6e95...) but not the secret or body behind its
    // `sign`, so it is not a worked vector. These vectors were computed
    // independently with Python's hashlib:
    //
    // python3 -c 'import hashlib; ak="AK-6230339248928541113-2133"; ts="1655710885431";
    //   body=b"{\"pageNumber\":1,\"pageSize\":10}";
    //   s=("accessKey="+ak+"&action=nxai&bizType=100&ts="+ts).encode()+b"&body="+body+b"&accessSecret=nx-test-secret";
    //   print(hashlib.md5(s).hexdigest()); print(hashlib.sha256(s).hexdigest())'
    const AK: &str = "AK-6230339248928541113-2133";
    const TS: &str = "1655710885431";
    const SECRET: &str = "nx-test-secret";
    const BODY: &[u8] = br#"{"pageNumber":1,"pageSize":10}"#;

    #[test]
    fn md5_vector() {
        assert_eq!(
            signature(AK, Scope::NXAI, TS, BODY, SECRET, Algorithm::Md5),
            "0388c08d99da510068c63b057d596fd2"
        );
    }

    #[test]
    fn sha256_vector() {
        assert_eq!(
            signature(AK, Scope::NXAI, TS, BODY, SECRET, Algorithm::Sha256),
            "271dc759e4f0c11f39f9438b824179dbfbe14d4b8c2e407e6a2f6063075f773f"
        );
    }

    #[test]
    fn empty_body_omits_body_part() {
        // python3: md5(b"accessKey=AK-...&action=nxai&bizType=100&ts=1655710885431&accessSecret=nx-test-secret")
        assert_eq!(
            signature(AK, Scope::NXAI, TS, b"", SECRET, Algorithm::Md5),
            "cbdb028a3a82e2ae82daf2f5470f53af"
        );
    }

    #[test]
    fn utf8_body_bytes_are_signed_as_sent() {
        // python3: body = '{"taskName":"客户回访任务-0325"}'.encode()
        let body = r#"{"taskName":"客户回访任务-0325"}"#.as_bytes();
        assert_eq!(
            signature(AK, Scope::NXAI, TS, body, SECRET, Algorithm::Md5),
            "e969f50e4772af2dec6603eefeda09d3"
        );
        // Re-serialising with a space changes the signature.
        let spaced = r#"{"taskName": "客户回访任务-0325"}"#.as_bytes();
        assert_ne!(
            signature(AK, Scope::NXAI, TS, spaced, SECRET, Algorithm::Md5),
            "e969f50e4772af2dec6603eefeda09d3"
        );
    }

    /// NXLink's own published example (reference/nxlink.md): action `send`,
    /// bizType `1`; two bodies that differ only in key order sign differently.
    #[test]
    fn nxlinks_published_example() {
        let scope = Scope {
            action: "send",
            biz_type: "1",
        };
        let sign = |body: &str| {
            signature(
                "fme2na3kdi3ki",
                scope,
                "1655710885431",
                body.as_bytes(),
                "abciiiko2k3",
                Algorithm::Md5,
            )
        };
        assert_eq!(
            sign(r#"{"name":"牛小信","id":10001}"#),
            "87c3560d3331ae23f1021e2025722354"
        );
        assert_eq!(
            sign(r#"{"id":10001,"name":"牛小信"}"#),
            "7750759da06333f20d0640be09355e34"
        );
    }

    fn headers_of(signed: &[(&'static str, String)]) -> HashMap<String, String> {
        signed
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect()
    }

    #[test]
    fn sign_then_verify() {
        let time = UNIX_EPOCH + Duration::from_millis(1_655_710_885_431);
        let secret = Secret::new(SECRET);
        let signed = sign(AK, &secret, time, BODY, Algorithm::Md5);
        let h = headers_of(&signed);
        assert_eq!(h["ts"], TS);
        assert_eq!(h["sign"], "0388c08d99da510068c63b057d596fd2");
        assert_eq!(h["bizType"], "100");
        assert_eq!(h["action"], "nxai");
        assert!(!h.contains_key("algorithm"));
        let lookup = |k: &str| (k == AK).then(|| Secret::new(SECRET));
        let get = |n: &str| h.get(n).cloned();
        assert_eq!(verify(get, BODY, lookup, time).as_deref(), Ok(AK));

        // One byte of the body changed.
        let mut tampered = BODY.to_vec();
        tampered[2] = b'P';
        assert_eq!(
            verify(|n: &str| h.get(n).cloned(), &tampered, lookup, time),
            Err(VerifyError::BadSignature)
        );
        // Wrong secret.
        let wrong = |_: &str| Some(Secret::new("other"));
        assert_eq!(
            verify(|n: &str| h.get(n).cloned(), BODY, wrong, time).map_err(|e| e.code()),
            Err(1003)
        );
        // 61 s later.
        let late = time + Duration::from_secs(61);
        assert_eq!(
            verify(|n: &str| h.get(n).cloned(), BODY, lookup, late).map_err(|e| e.code()),
            Err(1004)
        );
        // A header missing.
        assert_eq!(
            verify(
                |n: &str| if n == "sign" { None } else { h.get(n).cloned() },
                BODY,
                lookup,
                time
            ),
            Err(VerifyError::Missing("sign"))
        );
    }

    #[test]
    fn sha256_header_is_sent_and_verified() {
        let time = UNIX_EPOCH + Duration::from_millis(1_655_710_885_431);
        let signed = sign(AK, &Secret::new(SECRET), time, BODY, Algorithm::Sha256);
        let h = headers_of(&signed);
        assert_eq!(h["algorithm"], "sha256");
        assert_eq!(
            h["sign"],
            "271dc759e4f0c11f39f9438b824179dbfbe14d4b8c2e407e6a2f6063075f773f"
        );
        let lookup = |_: &str| Some(Secret::new(SECRET));
        assert!(verify(|n: &str| h.get(n).cloned(), BODY, lookup, time).is_ok());
    }
}
