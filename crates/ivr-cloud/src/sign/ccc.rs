//! Alibaba Cloud RPC signature V1 (HMAC-SHA1), used by CCC 2020-07-01 and
//! 2017-07-05.
//!
//! 1. Take every parameter except `Signature` (query and form body alike),
//!    sorted by name.
//! 2. Percent-encode names and values per RFC 3986 ([`super::percent_encode`]).
//! 3. Join as `k=v` with `&`: the canonical query.
//! 4. StringToSign = `METHOD&%2F&` + percentEncode(canonical query).
//! 5. Signature = Base64(HMAC-SHA1(key = secret + "&", StringToSign)).
//!
//! [`sign`] adds the common authentication parameters (AccessKeyId,
//! SignatureMethod, SignatureVersion, SignatureNonce, Timestamp, SecurityToken
//! for STS credentials) and the Signature; [`verify`] recomputes the signature
//! of a received request with the same canonicalisation, for the sandbox.

use std::time::SystemTime;

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::{constant_time_eq, iso8601_utc, percent_encode};
use crate::secret::Secret;

/// The `SignatureMethod` value.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// The `SignatureVersion` value.
pub const SIGNATURE_VERSION: &str = "1.0";

/// Parameters that [`sign`] sets itself; any caller-supplied value is replaced.
const AUTH_PARAMS: [&str; 7] = [
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
    "Signature",
];

/// The credentials an RPC request is signed with.
#[derive(Debug, Clone, Copy)]
pub struct RpcCredentials<'a> {
    pub access_key_id: &'a str,
    pub secret: &'a Secret,
    /// STS security token, sent as the `SecurityToken` parameter.
    pub security_token: Option<&'a Secret>,
}

/// The canonical query: every parameter except `Signature`, sorted by name
/// (then value), percent-encoded, joined as `k=v` with `&`.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> =
        params.iter().filter(|(k, _)| k != "Signature").collect();
    sorted.sort();
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// `METHOD&%2F&` + percentEncode(canonical query).
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        percent_encode("/"),
        percent_encode(&canonical_query(params))
    )
}

/// Base64(HMAC-SHA1(secret + "&", StringToSign)).
pub fn signature(method: &str, params: &[(String, String)], secret: &str) -> String {
    let key = format!("{secret}&");
    let sts = string_to_sign(method, params);
    // HMAC accepts keys of any length, so `new_from_slice` cannot fail here;
    // an empty signature would be refused by the server anyway.
    match Hmac::<Sha1>::new_from_slice(key.as_bytes()) {
        Ok(mut mac) => {
            mac.update(sts.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
        Err(_) => String::new(),
    }
}

/// Signs an RPC request: returns `params` plus AccessKeyId, SignatureMethod,
/// SignatureVersion, SignatureNonce, Timestamp, SecurityToken (with STS
/// credentials) and Signature. `params` carries the call's own parameters
/// (Action, Version, Format, RegionId, ...). `nonce` must be unique per request.
pub fn sign(
    method: &str,
    params: &[(String, String)],
    creds: RpcCredentials<'_>,
    nonce: &str,
    time: SystemTime,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = params
        .iter()
        .filter(|(k, _)| !AUTH_PARAMS.contains(&k.as_str()))
        .cloned()
        .collect();
    out.push(("AccessKeyId".into(), creds.access_key_id.into()));
    out.push(("SignatureMethod".into(), SIGNATURE_METHOD.into()));
    out.push(("SignatureVersion".into(), SIGNATURE_VERSION.into()));
    out.push(("SignatureNonce".into(), nonce.into()));
    out.push(("Timestamp".into(), iso8601_utc(time)));
    if let Some(token) = creds.security_token {
        out.push(("SecurityToken".into(), token.expose().into()));
    }
    let sig = signature(method, &out, creds.secret.expose());
    out.push(("Signature".into(), sig));
    out
}

/// Encodes parameters for the wire (query string or
/// `application/x-www-form-urlencoded` body) with the same RFC 3986 encoding.
pub fn encode_params(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Why a received request's signature was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// No `Signature` parameter (the gateway says `IncompleteSignature`).
    #[error("the request has no Signature parameter")]
    MissingSignature,
    /// The signature does not match; carries the server's StringToSign, as the
    /// real gateway's `SignatureDoesNotMatch` message does.
    #[error(
        "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
    )]
    Mismatch { string_to_sign: String },
}

/// Recomputes the signature of a received request (all its query and form
/// parameters, decoded) with `secret` and compares it in constant time.
pub fn verify(method: &str, params: &[(String, String)], secret: &str) -> Result<(), VerifyError> {
    let given = params
        .iter()
        .find(|(k, _)| k == "Signature")
        .map(|(_, v)| v.as_str())
        .ok_or(VerifyError::MissingSignature)?;
    let expected = signature(method, params, secret);
    if constant_time_eq(given.as_bytes(), expected.as_bytes()) {
        Ok(())
    } else {
        Err(VerifyError::Mismatch {
            string_to_sign: string_to_sign(method, params),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::sign::parse_iso8601_utc;

    fn p(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    /// Published vector 1 (reference/aliyun-ccc.md), parameters in a scrambled
    /// order to prove the sort.
    fn vector1() -> Vec<(String, String)> {
        p(&[
            ("Version", "2014-05-26"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
            ("Action", "DescribeRegions"),
            ("SignatureVersion", "1.0"),
            ("Format", "XML"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("AccessKeyId", "testid"),
            ("SignatureMethod", "HMAC-SHA1"),
        ])
    }

    #[test]
    fn published_vector_1_string_to_sign_and_signature() {
        let params = vector1();
        assert_eq!(
            string_to_sign("GET", &params),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26"
        );
        assert_eq!(
            signature("GET", &params, "testsecret"),
            "OLeaidS1JvxuMvnyHOwuJ+uX5qY="
        );
    }

    #[test]
    fn published_vector_2_signature() {
        let params = p(&[
            ("AccessKeyId", "testid"),
            ("Action", "DescribeDedicatedHosts"),
            ("Format", "JSON"),
            ("RegionId", "cn-beijing"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
            ("Version", "2014-05-26"),
        ]);
        assert_eq!(
            signature("GET", &params, "testsecret"),
            "9NaGiOspFP5UPcwX8Iwt2YJXXuk="
        );
    }

    #[test]
    fn sign_adds_the_common_parameters_and_reproduces_vector_1() {
        let secret = Secret::new("testsecret");
        let creds = RpcCredentials {
            access_key_id: "testid",
            secret: &secret,
            security_token: None,
        };
        let time = parse_iso8601_utc("2016-02-23T12:46:24Z").unwrap();
        let call = p(&[
            ("Action", "DescribeRegions"),
            ("Version", "2014-05-26"),
            ("Format", "XML"),
            // A stale Signature from the caller is dropped, not signed.
            ("Signature", "stale"),
        ]);
        let signed = sign(
            "GET",
            &call,
            creds,
            "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
            time,
        );
        let sig: Vec<_> = signed.iter().filter(|(k, _)| k == "Signature").collect();
        assert_eq!(sig.len(), 1);
        assert_eq!(sig[0].1, "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
        assert!(verify("GET", &signed, "testsecret").is_ok());
    }

    #[test]
    fn security_token_is_signed() {
        let secret = Secret::new("testsecret");
        let token = Secret::new("CAIS-sts-token/with+chars=");
        let creds = RpcCredentials {
            access_key_id: "STS.testid",
            secret: &secret,
            security_token: Some(&token),
        };
        let time = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let call = p(&[("Action", "ListContactFlows"), ("Version", "2020-07-01")]);
        let signed = sign("POST", &call, creds, "n-1", time);
        assert!(
            signed
                .iter()
                .any(|(k, v)| k == "SecurityToken" && v == "CAIS-sts-token/with+chars=")
        );
        assert!(verify("POST", &signed, "testsecret").is_ok());
        // Dropping the token breaks the signature.
        let without: Vec<_> = signed
            .iter()
            .filter(|(k, _)| k != "SecurityToken")
            .cloned()
            .collect();
        assert!(matches!(
            verify("POST", &without, "testsecret"),
            Err(VerifyError::Mismatch { .. })
        ));
    }

    #[test]
    fn verify_refuses_wrong_secret_changed_value_and_missing_signature() {
        let mut params = vector1();
        params.push(("Signature".into(), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=".into()));
        assert!(verify("GET", &params, "testsecret").is_ok());
        assert!(verify("POST", &params, "testsecret").is_err());
        let err = verify("GET", &params, "wrong").unwrap_err();
        assert!(
            err.to_string()
                .contains("server string to sign is:GET&%2F&AccessKeyId")
        );
        let mut changed = params.clone();
        changed[0].1 = "2014-05-27".into();
        assert!(verify("GET", &changed, "testsecret").is_err());
        assert_eq!(
            verify("GET", &vector1(), "testsecret"),
            Err(VerifyError::MissingSignature)
        );
    }

    #[test]
    fn wire_encoding_uses_percent_20_and_utf8() {
        let params = p(&[("Name", "客户 回访"), ("Definition", "{\"a\":1}")]);
        assert_eq!(
            encode_params(&params),
            "Name=%E5%AE%A2%E6%88%B7%20%E5%9B%9E%E8%AE%BF&Definition=%7B%22a%22%3A1%7D"
        );
    }
}
