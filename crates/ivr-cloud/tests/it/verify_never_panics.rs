//! The verify side of every signer is fed whatever a client sends the sandbox:
//! it must refuse garbage with an error, never panic.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ivr_cloud::Secret;
use ivr_cloud::sign::{aws, ccc, nxlink, parse_iso8601_utc};
use proptest::prelude::*;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_704_164_645) // 2024-01-02T03:04:05Z
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn ccc_verify_never_panics(
        params in proptest::collection::vec((".{0,12}", ".{0,24}"), 0..8),
        method in "(GET|POST|[a-z]{0,4})",
    ) {
        let _ = ccc::verify(&method, &params, "secret");
        let _ = parse_iso8601_utc(params.first().map(|p| p.1.as_str()).unwrap_or(""));
    }

    #[test]
    fn nxlink_verify_never_panics(
        ak in ".{0,16}",
        ts in "[0-9]{0,14}|.{0,14}",
        biz in "100|.{0,4}",
        action in "nxai|.{0,5}",
        sign in "[0-9a-f]{32}|.{0,40}",
        algorithm in proptest::option::of("md5|sha256|.{0,8}"),
        body in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let header = |n: &str| match n {
            "accessKey" => Some(ak.clone()),
            "ts" => Some(ts.clone()),
            "bizType" => Some(biz.clone()),
            "action" => Some(action.clone()),
            "sign" => Some(sign.clone()),
            "algorithm" => algorithm.clone(),
            _ => None,
        };
        let _ = nxlink::verify(header, &body, |_| Some(Secret::new("s")), now());
    }

    #[test]
    fn aws_verify_never_panics(
        auth in "AWS4-HMAC-SHA256 .{0,120}|.{0,40}",
        date in "2024010[0-9]T03040[0-9]Z|.{0,20}",
        host in proptest::option::of("[a-z0-9.:]{0,20}"),
        path in "/[a-zA-Z0-9/%:$?=&]{0,30}",
        body in proptest::collection::vec(any::<u8>(), 0..64),
    ) {
        let mut b = http::Request::builder().method("POST");
        if let Ok(uri) = path.parse::<http::Uri>() {
            b = b.uri(uri);
        }
        if let Ok(v) = http::HeaderValue::from_str(&auth) {
            b = b.header("authorization", v);
        }
        if let Ok(v) = http::HeaderValue::from_str(&date) {
            b = b.header("x-amz-date", v);
        }
        if let Some(h) = host.and_then(|h| http::HeaderValue::from_str(&h).ok()) {
            b = b.header("host", h);
        }
        if let Ok(req) = b.body(body) {
            let _ = aws::verify(&req, |_| Some(Secret::new("s")), now(), aws::MAX_SKEW);
        }
    }
}

/// A well-formed Authorization whose scope and headers are valid but whose
/// signature is garbage is a mismatch, not a panic.
#[test]
fn aws_structured_garbage_is_refused() {
    let req = http::Request::builder()
        .method("GET")
        .uri("/x?b=2&a=1")
        .header("host", "127.0.0.1:1")
        .header("x-amz-date", "20240102T030405Z")
        .header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=k/20240102/r/s/aws4_request, SignedHeaders=host;x-amz-date, Signature=zz",
        )
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        aws::verify(&req, |_| Some(Secret::new("s")), now(), aws::MAX_SKEW),
        Err(aws::VerifyError::Mismatch)
    );
}
