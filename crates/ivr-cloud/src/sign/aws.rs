//! AWS Signature Version 4 for Amazon Connect, through the official
//! `aws-sigv4` crate (smithy-rs) with its default `SigningSettings`: headers
//! signing, double percent-encoding of the path (right for Connect ids such as
//! `flowid:$SAVED`), path normalisation, and `X-Amz-Security-Token` included
//! in the signature for session (STS / SSO) credentials.
//!
//! [`sign_request`] signs an `http::Request` in place. [`verify`] is the
//! sandbox's side: it parses the `Authorization` header, checks the date,
//! recomputes the signature over the headers the client signed with the same
//! crate, and compares in constant time.

use std::time::{Duration, SystemTime};

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use http::header::{AUTHORIZATION, HOST, HeaderValue};

use super::{constant_time_eq, parse_iso8601_utc};
use crate::error::{CloudError, ErrorKind};
use crate::secret::Secret;

/// The signing name of Amazon Connect.
pub const CONNECT_SERVICE: &str = "connect";
/// How far `X-Amz-Date` may be from the server's clock before AWS refuses it.
pub const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

/// The credentials a request is signed with.
#[derive(Debug, Clone, Copy)]
pub struct AwsCredentials<'a> {
    pub access_key_id: &'a str,
    pub secret: &'a Secret,
    /// STS / SSO session token (`X-Amz-Security-Token`).
    pub session_token: Option<&'a Secret>,
}

fn identity(creds: AwsCredentials<'_>) -> Identity {
    Credentials::new(
        creds.access_key_id,
        creds.secret.expose(),
        creds.session_token.map(|t| t.expose().to_owned()),
        None,
        "ivr-studio",
    )
    .into()
}

fn signing_error(e: impl std::fmt::Display) -> CloudError {
    CloudError::new(
        ErrorKind::Invalid,
        ivr_flow::Text::new(
            format!("cannot sign the request: {e}"),
            format!("无法为请求签名：{e}"),
        ),
    )
}

/// Signs `req` in place for `service` in `region` at `time`: adds `host` (from
/// the URI, when missing), `x-amz-date`, `x-amz-security-token` (with a session
/// token) and `authorization`. Returns the signature (lower-case hex).
///
/// The body must be the exact bytes that are sent.
pub fn sign_request<B: AsRef<[u8]>>(
    req: &mut http::Request<B>,
    creds: AwsCredentials<'_>,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<String, CloudError> {
    if !req.headers().contains_key(HOST) {
        let authority = req
            .uri()
            .authority()
            .ok_or_else(|| signing_error("the URI has no host"))?
            .as_str()
            .to_owned();
        let value = HeaderValue::from_str(&authority).map_err(signing_error)?;
        req.headers_mut().insert(HOST, value);
    }
    let identity = identity(creds);
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(signing_error)?
        .into();
    let headers = req
        .headers()
        .iter()
        .map(|(k, v)| Ok((k.as_str(), v.to_str().map_err(signing_error)?)))
        .collect::<Result<Vec<_>, CloudError>>()?;
    let uri = req.uri().to_string();
    let signable = SignableRequest::new(
        req.method().as_str(),
        uri,
        headers.into_iter(),
        SignableBody::Bytes(req.body().as_ref()),
    )
    .map_err(signing_error)?;
    let (instructions, signature) = sign(signable, &params).map_err(signing_error)?.into_parts();
    instructions.apply_to_request_http1x(req);
    Ok(signature)
}

/// Why a received request's signature was refused. [`VerifyError::aws_code`]
/// names the error Amazon answers with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("Missing Authentication Token")]
    MissingAuthorization,
    #[error("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature': {0}")]
    Malformed(String),
    #[error("The security token included in the request is invalid.")]
    UnknownAccessKey,
    #[error("Signature expired: {request_time} is not within {max_skew_secs} s of the server time")]
    Expired {
        request_time: String,
        max_skew_secs: u64,
    },
    #[error(
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method."
    )]
    Mismatch,
}

impl VerifyError {
    /// The `x-amzn-ErrorType` Amazon answers with.
    pub fn aws_code(&self) -> &'static str {
        match self {
            VerifyError::MissingAuthorization => "MissingAuthenticationTokenException",
            VerifyError::Malformed(_) => "IncompleteSignatureException",
            VerifyError::UnknownAccessKey => "UnrecognizedClientException",
            VerifyError::Expired { .. } | VerifyError::Mismatch => "InvalidSignatureException",
        }
    }
}

/// Who signed a verified request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub access_key_id: String,
    pub region: String,
    pub service: String,
    /// Whether a session token was sent (and signed).
    pub session_token: bool,
}

struct Authorization<'a> {
    access_key_id: &'a str,
    date: &'a str,
    region: &'a str,
    service: &'a str,
    signed_headers: Vec<&'a str>,
    signature: &'a str,
}

fn parse_authorization(value: &str) -> Result<Authorization<'_>, VerifyError> {
    let malformed = |why: &str| VerifyError::Malformed(why.to_owned());
    let rest = value
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .ok_or_else(|| malformed("the algorithm must be AWS4-HMAC-SHA256"))?;
    let (mut credential, mut signed, mut signature) = (None, None, None);
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("Credential=") {
            credential = Some(v);
        } else if let Some(v) = part.strip_prefix("SignedHeaders=") {
            signed = Some(v);
        } else if let Some(v) = part.strip_prefix("Signature=") {
            signature = Some(v);
        }
    }
    let credential = credential.ok_or_else(|| malformed("no Credential"))?;
    let signed = signed.ok_or_else(|| malformed("no SignedHeaders"))?;
    let signature = signature.ok_or_else(|| malformed("no Signature"))?;
    let scope: Vec<&str> = credential.split('/').collect();
    let [access_key_id, date, region, service, terminator] = scope.as_slice() else {
        return Err(malformed(
            "Credential must be KEY/DATE/REGION/SERVICE/aws4_request",
        ));
    };
    if *terminator != "aws4_request" {
        return Err(malformed("Credential scope must end in aws4_request"));
    }
    Ok(Authorization {
        access_key_id,
        date,
        region,
        service,
        signed_headers: signed.split(';').collect(),
        signature,
    })
}

/// Parses `X-Amz-Date` (`yyyyMMddTHHmmssZ`).
pub fn parse_amz_date(s: &str) -> Option<SystemTime> {
    if s.len() != 16 || !s.is_ascii() {
        return None;
    }
    let iso = format!(
        "{}-{}-{}T{}:{}:{}Z",
        s.get(0..4)?,
        s.get(4..6)?,
        s.get(6..8)?,
        s.get(9..11)?,
        s.get(11..13)?,
        s.get(13..15)?
    );
    if s.get(8..9)? != "T" || s.get(15..16)? != "Z" {
        return None;
    }
    parse_iso8601_utc(&iso)
}

/// Checks a received request's SigV4 signature. `req` carries the method, the
/// URI (path and query as received; any host in it is ignored in favour of the
/// `Host` header), the headers and the body bytes. `secret_for` finds the
/// secret of an access key id; `now` is the server's clock.
pub fn verify<B: AsRef<[u8]>>(
    req: &http::Request<B>,
    secret_for: impl Fn(&str) -> Option<Secret>,
    now: SystemTime,
    max_skew: Duration,
) -> Result<Caller, VerifyError> {
    let malformed = |why: &str| VerifyError::Malformed(why.to_owned());
    let auth_value = req
        .headers()
        .get(AUTHORIZATION)
        .ok_or(VerifyError::MissingAuthorization)?
        .to_str()
        .map_err(|_| malformed("the Authorization header is not ASCII"))?;
    let auth = parse_authorization(auth_value)?;
    if !auth.signed_headers.contains(&"host") {
        return Err(malformed("host must be a signed header"));
    }
    let amz_date = req
        .headers()
        .get("x-amz-date")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| malformed("no X-Amz-Date header"))?;
    let time =
        parse_amz_date(amz_date).ok_or_else(|| malformed("X-Amz-Date is not yyyyMMddTHHmmssZ"))?;
    if amz_date.get(0..8) != Some(auth.date) {
        return Err(malformed("the Credential date does not match X-Amz-Date"));
    }
    let skew = match now.duration_since(time) {
        Ok(d) => d,
        Err(e) => e.duration(),
    };
    if skew > max_skew {
        return Err(VerifyError::Expired {
            request_time: amz_date.to_owned(),
            max_skew_secs: max_skew.as_secs(),
        });
    }
    let secret = secret_for(auth.access_key_id).ok_or(VerifyError::UnknownAccessKey)?;
    let token = match req.headers().get("x-amz-security-token") {
        Some(v) => {
            Some(Secret::new(v.to_str().map_err(|_| {
                malformed("X-Amz-Security-Token is not ASCII")
            })?))
        }
        None => None,
    };
    if token.is_some() && !auth.signed_headers.contains(&"x-amz-security-token") {
        return Err(malformed("X-Amz-Security-Token must be signed"));
    }

    // Re-sign exactly the headers the client signed; the signer adds
    // x-amz-date and x-amz-security-token itself.
    let mut headers = Vec::new();
    for name in &auth.signed_headers {
        if matches!(*name, "x-amz-date" | "x-amz-security-token") {
            continue;
        }
        let mut values = req.headers().get_all(*name).iter().peekable();
        if values.peek().is_none() {
            return Err(malformed(&format!("signed header {name} is missing")));
        }
        for v in values {
            let v = v
                .to_str()
                .map_err(|_| malformed(&format!("header {name} is not ASCII")))?;
            headers.push((*name, v));
        }
    }
    let path_and_query = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/");
    let identity = identity(AwsCredentials {
        access_key_id: auth.access_key_id,
        secret: &secret,
        session_token: token.as_ref(),
    });
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(auth.region)
        .name(auth.service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| malformed(&e.to_string()))?
        .into();
    let signable = SignableRequest::new(
        req.method().as_str(),
        path_and_query,
        headers.into_iter(),
        SignableBody::Bytes(req.body().as_ref()),
    )
    .map_err(|e| malformed(&e.to_string()))?;
    let (_, expected) = sign(signable, &params)
        .map_err(|e| malformed(&e.to_string()))?
        .into_parts();
    if constant_time_eq(expected.as_bytes(), auth.signature.as_bytes()) {
        Ok(Caller {
            access_key_id: auth.access_key_id.to_owned(),
            region: auth.region.to_owned(),
            service: auth.service.to_owned(),
            session_token: token.is_some(),
        })
    } else {
        Err(VerifyError::Mismatch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AKID: &str = "AKIDEXAMPLE";
    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn t(s: &str) -> SystemTime {
        parse_amz_date(s).unwrap()
    }

    fn lookup(k: &str) -> Option<Secret> {
        (k == AKID).then(|| Secret::new(SECRET))
    }

    /// AWS's published SigV4 test suite, `get-vanilla`.
    #[test]
    fn reproduces_get_vanilla() {
        let secret = Secret::new(SECRET);
        let creds = AwsCredentials {
            access_key_id: AKID,
            secret: &secret,
            session_token: None,
        };
        let mut req = http::Request::builder()
            .method("GET")
            .uri("https://example.amazonaws.com/")
            .body(Vec::<u8>::new())
            .unwrap();
        let sig = sign_request(
            &mut req,
            creds,
            "us-east-1",
            "service",
            t("20150830T123600Z"),
        )
        .unwrap();
        assert_eq!(
            sig,
            "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert_eq!(
            req.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert_eq!(req.headers()["x-amz-date"], "20150830T123600Z");
        assert_eq!(req.headers()["host"], "example.amazonaws.com");
    }

    /// A signed request as the sandbox would receive it: path-only URI.
    fn as_received(req: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
        let mut b = http::Request::builder().method(req.method().clone()).uri(
            req.uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/"),
        );
        for (k, v) in req.headers() {
            b = b.header(k, v);
        }
        // Headers added in transit after signing are ignored.
        b = b.header("user-agent", "reqwest").header("accept", "*/*");
        b.body(req.body().clone()).unwrap()
    }

    fn signed_post(token: Option<&Secret>) -> http::Request<Vec<u8>> {
        let secret = Secret::new(SECRET);
        let mut req = http::Request::builder()
            .method("POST")
            .uri("http://127.0.0.1:8123/contact-flows/inst-1/flowid:$SAVED/content?x=1")
            .header("content-type", "application/json")
            .body(br#"{"Content":"{}"}"#.to_vec())
            .unwrap();
        let creds = AwsCredentials {
            access_key_id: AKID,
            secret: &secret,
            session_token: token,
        };
        sign_request(
            &mut req,
            creds,
            "us-east-1",
            CONNECT_SERVICE,
            t("20240102T030405Z"),
        )
        .unwrap();
        req
    }

    #[test]
    fn verify_accepts_and_rejects_one_changed_byte() {
        let req = signed_post(None);
        assert_eq!(req.headers()["host"], "127.0.0.1:8123");
        let got = as_received(&req);
        let caller = verify(&got, lookup, t("20240102T030700Z"), MAX_SKEW).unwrap();
        assert_eq!(caller.access_key_id, AKID);
        assert_eq!(caller.service, "connect");
        assert!(!caller.session_token);

        let mut body = got.body().clone();
        body[3] ^= 1;
        let (parts, _) = got.into_parts();
        let tampered = http::Request::from_parts(parts, body);
        assert_eq!(
            verify(&tampered, lookup, t("20240102T030700Z"), MAX_SKEW),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn verify_rejects_wrong_secret_stale_date_unknown_key_and_missing_auth() {
        let got = as_received(&signed_post(None));
        let now = t("20240102T030405Z");
        let wrong = |_: &str| Some(Secret::new("not-the-secret"));
        assert_eq!(
            verify(&got, wrong, now, MAX_SKEW),
            Err(VerifyError::Mismatch)
        );
        let stale = verify(&got, lookup, t("20240102T031006Z"), MAX_SKEW).unwrap_err();
        assert!(matches!(stale, VerifyError::Expired { .. }));
        assert_eq!(stale.aws_code(), "InvalidSignatureException");
        assert_eq!(
            verify(&got, |_: &str| None, now, MAX_SKEW),
            Err(VerifyError::UnknownAccessKey)
        );
        let mut bare = got;
        bare.headers_mut().remove("authorization");
        assert_eq!(
            verify(&bare, lookup, now, MAX_SKEW),
            Err(VerifyError::MissingAuthorization)
        );
    }

    #[test]
    fn session_token_is_sent_signed_and_checked() {
        let token = Secret::new("FwoGZXIvYXdzEXAMPLETOKEN");
        let req = signed_post(Some(&token));
        assert_eq!(
            req.headers()["x-amz-security-token"],
            "FwoGZXIvYXdzEXAMPLETOKEN"
        );
        let auth = req.headers()["authorization"].to_str().unwrap().to_owned();
        assert!(auth.contains("x-amz-security-token"), "{auth}");
        let got = as_received(&req);
        let now = t("20240102T030405Z");
        assert!(verify(&got, lookup, now, MAX_SKEW).unwrap().session_token);
        let mut swapped = got;
        swapped
            .headers_mut()
            .insert("x-amz-security-token", HeaderValue::from_static("other"));
        assert_eq!(
            verify(&swapped, lookup, now, MAX_SKEW),
            Err(VerifyError::Mismatch)
        );
    }

    #[test]
    fn malformed_authorization_is_refused_without_panic() {
        let now = t("20240102T030405Z");
        for bad in [
            "Basic abc",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/connect/aws4_request",
            "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=x-amz-date, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
        ] {
            let req = http::Request::builder()
                .uri("/")
                .header("authorization", bad)
                .header("x-amz-date", "20240102T030405Z")
                .body(Vec::new())
                .unwrap();
            assert!(
                matches!(
                    verify(&req, lookup, now, MAX_SKEW),
                    Err(VerifyError::Malformed(_))
                ),
                "{bad}"
            );
        }
        // host signed but absent: an error, not the signer's panic.
        let req = http::Request::builder()
            .uri("/")
            .header(
                "authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/us-east-1/connect/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
            )
            .header("x-amz-date", "20240102T030405Z")
            .body(Vec::new())
            .unwrap();
        assert!(matches!(
            verify(&req, lookup, now, MAX_SKEW),
            Err(VerifyError::Malformed(_))
        ));
    }

    #[test]
    fn signing_without_a_host_is_an_error_not_a_panic() {
        let secret = Secret::new(SECRET);
        let mut req = http::Request::builder().uri("/x").body(Vec::new()).unwrap();
        let creds = AwsCredentials {
            access_key_id: AKID,
            secret: &secret,
            session_token: None,
        };
        assert!(sign_request(&mut req, creds, "us-east-1", "connect", SystemTime::now()).is_err());
    }
}
