//! Alibaba Cloud's RPC gateway as the sandbox plays it: parameters from the
//! query and the form body, signature V1 checked with
//! [`ivr_cloud::sign::ccc::verify`], the Timestamp window, used nonces, and
//! the error body `{RequestId, HostId, Code, Message, Recommend,
//! HttpStatusCode}` with the gateway's codes and statuses.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use ivr_cloud::Secret;
use ivr_cloud::sign::ccc::{VerifyError, verify};
use ivr_cloud::sign::parse_iso8601_utc;
use serde_json::{Value, json};

/// The `HostId` the sandbox reports.
pub const HOST_ID: &str = "ccc.sandbox.localhost";

/// A refusal: HTTP status, code and message, as the gateway or the API says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AcsError {
    pub status: u16,
    pub code: String,
    pub message: String,
    /// `x-acs-retry-after` (seconds), for throttling.
    pub retry_after: Option<String>,
}

impl AcsError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        AcsError {
            status,
            code: code.to_owned(),
            message: message.into(),
            retry_after: None,
        }
    }

    /// `MissingParameter`-style refusal for a required parameter.
    pub fn missing(name: &str) -> Self {
        AcsError::new(
            400,
            &format!("Missing{name}"),
            format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    /// The error body, with `request_id`.
    pub fn body(&self, request_id: &str) -> Value {
        json!({
            "RequestId": request_id,
            "HostId": HOST_ID,
            "Code": self.code,
            "Message": self.message,
            "Recommend": format!("https://api.aliyun.com/troubleshoot?q={}&product=CCC", self.code),
            "HttpStatusCode": self.status,
        })
    }
}

/// Decodes `application/x-www-form-urlencoded` pairs (a query string or body).
pub fn parse_pairs(raw: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw).into_owned().collect()
}

/// An RPC call's parameters (query and form), in the order they came.
pub type Params = [(String, String)];

/// The value of parameter `name`, if given.
pub fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The value of a required parameter, or the `Missing<Name>` refusal.
pub fn required<'a>(params: &'a [(String, String)], name: &str) -> Result<&'a str, AcsError> {
    match param(params, name) {
        Some(v) if !v.is_empty() => Ok(v),
        _ => Err(AcsError::missing(name)),
    }
}

/// Checks who signed a request and when.
#[derive(Debug)]
pub struct Gateway {
    credentials: HashMap<String, Secret>,
    tolerance: Duration,
    nonces: Mutex<HashMap<String, SystemTime>>,
    next_request: AtomicU64,
}

impl Gateway {
    pub fn new(credentials: &[(String, Secret)], tolerance: Duration) -> Self {
        Gateway {
            credentials: credentials.iter().cloned().collect(),
            tolerance,
            nonces: Mutex::new(HashMap::new()),
            next_request: AtomicU64::new(1),
        }
    }

    /// A fresh request id (upper-case, UUID-shaped).
    pub fn request_id(&self) -> String {
        new_request_id(&self.next_request).to_uppercase()
    }

    /// The gateway's checks, in its order: a signature at all, a known key,
    /// the Timestamp window, the signature itself, then the nonce (only a
    /// correctly signed request uses one up). Returns the caller's key id.
    pub fn authenticate(
        &self,
        method: &str,
        params: &[(String, String)],
        now: SystemTime,
    ) -> Result<String, AcsError> {
        if param(params, "Signature").is_none() {
            return Err(AcsError::new(
                400,
                "IncompleteSignature",
                "The request signature does not conform to Aliyun standards.",
            ));
        }
        let key_id = required(params, "AccessKeyId")?;
        let Some(secret) = self.credentials.get(key_id) else {
            return Err(AcsError::new(
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            ));
        };
        if param(params, "SignatureMethod") != Some("HMAC-SHA1") {
            return Err(AcsError::new(
                400,
                "InvalidParameter.SignatureMethod",
                "Specified signature method is not supported; use HMAC-SHA1.",
            ));
        }
        let ts = required(params, "Timestamp")?;
        let Some(at) = parse_iso8601_utc(ts) else {
            return Err(AcsError::new(
                400,
                "InvalidTimeStamp.Format",
                "Specified time stamp or date value is not well formatted.",
            ));
        };
        let off = match now.duration_since(at) {
            Ok(d) => d,
            Err(e) => e.duration(),
        };
        if off > self.tolerance {
            return Err(AcsError::new(
                400,
                "IllegalTimestamp",
                format!(
                    "The input parameter \"Timestamp\" that is mandatory for processing this request is not supplied or is out of range: {ts} (server time {}).",
                    ivr_cloud::sign::iso8601_utc(now)
                ),
            ));
        }
        match verify(method, params, secret.expose()) {
            Ok(()) => {}
            Err(VerifyError::MissingSignature) => {
                return Err(AcsError::new(
                    400,
                    "IncompleteSignature",
                    "The request signature does not conform to Aliyun standards.",
                ));
            }
            Err(e @ VerifyError::Mismatch { .. }) => {
                return Err(AcsError::new(403, "SignatureDoesNotMatch", e.to_string()));
            }
        }
        let nonce = required(params, "SignatureNonce")?;
        let mut nonces = self.nonces.lock().unwrap_or_else(PoisonError::into_inner);
        // A nonce older than twice the window can never come back valid.
        let horizon = self.tolerance * 2;
        nonces.retain(|_, seen| now.duration_since(*seen).map_or(true, |d| d <= horizon));
        if nonces.contains_key(nonce) {
            return Err(AcsError::new(
                400,
                "SignatureNonceUsed",
                "Specified signature nonce was used already.",
            ));
        }
        nonces.insert(nonce.to_owned(), now);
        Ok(key_id.to_owned())
    }
}

/// A fresh, UUID-shaped request id (lower-case) from the clock and a
/// per-gateway counter; both gateways' ids come from here.
pub fn new_request_id(counter: &AtomicU64) -> String {
    let n = counter.fetch_add(1, Ordering::Relaxed);
    let t = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    let h = splitmix(t ^ n.rotate_left(32));
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        h >> 32,
        (h >> 16) & 0xffff,
        h & 0xffff,
        n & 0xffff,
        splitmix(h) & 0xffff_ffff_ffff
    )
}

/// SplitMix64: spreads bits for ids (not for security).
pub fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use ivr_cloud::sign::ccc::{RpcCredentials, sign};

    use super::*;

    fn gw() -> Gateway {
        Gateway::new(
            &[("sandbox".into(), Secret::new("sandbox-secret"))],
            Duration::from_secs(900),
        )
    }

    fn signed(secret: &str, nonce: &str, at: SystemTime) -> Vec<(String, String)> {
        let s = Secret::new(secret);
        let creds = RpcCredentials {
            access_key_id: "sandbox",
            secret: &s,
            security_token: None,
        };
        let p = vec![
            ("Action".to_owned(), "ListContactFlows".to_owned()),
            ("Version".to_owned(), "2020-07-01".to_owned()),
            ("InstanceId".to_owned(), "ccc-test".to_owned()),
        ];
        sign("POST", &p, creds, nonce, at)
    }

    #[test]
    fn gateway_checks() {
        let now = SystemTime::now();
        let g = gw();
        assert_eq!(
            g.authenticate("POST", &signed("sandbox-secret", "n1", now), now)
                .unwrap(),
            "sandbox"
        );
        let e = g
            .authenticate("POST", &signed("sandbox-secret", "n1", now), now)
            .unwrap_err();
        assert_eq!(e.code, "SignatureNonceUsed");
        let e = g
            .authenticate("POST", &signed("wrong", "n2", now), now)
            .unwrap_err();
        assert_eq!((e.status, e.code.as_str()), (403, "SignatureDoesNotMatch"));
        // The refused request did not use up its nonce.
        assert!(
            g.authenticate("POST", &signed("sandbox-secret", "n2", now), now)
                .is_ok()
        );
        let stale = now - Duration::from_secs(16 * 60);
        let e = g
            .authenticate("POST", &signed("sandbox-secret", "n3", stale), now)
            .unwrap_err();
        assert_eq!(e.code, "IllegalTimestamp");
        let mut p = signed("sandbox-secret", "n4", now);
        p.retain(|(k, _)| k != "Signature");
        assert_eq!(
            g.authenticate("POST", &p, now).unwrap_err().code,
            "IncompleteSignature"
        );
        let mut p = signed("sandbox-secret", "n5", now);
        for (k, v) in &mut p {
            if k == "AccessKeyId" {
                *v = "nobody".into();
            }
        }
        let e = g.authenticate("POST", &p, now).unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str()),
            (404, "InvalidAccessKeyId.NotFound")
        );
    }
}
