//! The cloud errors' words, kinds and serialised shape.

use super::*;

#[test]
fn provider_fields_are_kept_verbatim() {
    let e = CloudError::from_provider(
        Provider::Aliyun,
        Some(403),
        "SignatureDoesNotMatch",
        "Specified signature is not matched with our calculation.",
        Some("5A3B-77".into()),
    );
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("SignatureDoesNotMatch"));
    assert_eq!(
        e.message().en,
        "Specified signature is not matched with our calculation."
    );
    assert_eq!(e.request_id(), Some("5A3B-77"));
    assert_eq!(e.status(), Some(403));
    let shown = e.to_string();
    assert!(shown.starts_with("aliyun: "), "{shown}");
    assert!(
        shown.contains("SignatureDoesNotMatch: Specified signature"),
        "{shown}"
    );
    assert!(shown.contains("request id 5A3B-77"), "{shown}");
    assert!(shown.contains("HTTP 403"), "{shown}");
    assert!(shown.contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{shown}");
}

#[test]
fn serialises_for_ipc() {
    let e = CloudError::from_provider(
        Provider::Connect,
        Some(409),
        "DuplicateResourceException",
        "a flow named X exists",
        Some("req-1".into()),
    );
    let v = serde_json::to_value(&e).unwrap();
    assert_eq!(v["kind"], "conflict");
    assert_eq!(v["provider"], "connect");
    assert_eq!(v["status"], 409);
    assert_eq!(v["code"], "DuplicateResourceException");
    assert_eq!(v["request_id"], "req-1");
    assert_eq!(v["text"]["en"], e.to_string());
    assert_eq!(
        v["message"]["zh"], "a flow named X exists",
        "the provider's words, verbatim"
    );
    let zh = v["text"]["zh"].as_str().unwrap();
    assert!(
        zh.starts_with("connect：冲突：DuplicateResourceException：a flow named X exists"),
        "{zh}"
    );
    assert!(zh.contains("（HTTP 409，请求 ID req-1）"), "{zh}");
}

#[test]
fn aliyun_codes() {
    let c = |code: &str, status| classify(Provider::Aliyun, Some(status), code, "");
    assert_eq!(c("Throttling.User", 400), ErrorKind::Throttled);
    assert_eq!(c("Throttling", 400), ErrorKind::Throttled);
    assert_eq!(c("IllegalTimestamp", 400), ErrorKind::ClockSkew);
    assert_eq!(c("InvalidAccessKeyId.NotFound", 404), ErrorKind::Auth);
    assert_eq!(c("Forbidden.RAM", 403), ErrorKind::Forbidden);
    assert_eq!(c("Permission.Denied", 403), ErrorKind::Forbidden);
    assert_eq!(c("NotExists.InstanceId", 404), ErrorKind::NotFound);
    assert_eq!(c("AlreadyExists.ContactFlow", 409), ErrorKind::Conflict);
    assert_eq!(c("InternalError", 500), ErrorKind::Server);
    assert_eq!(c("ServiceUnavailable", 503), ErrorKind::Server);
    assert_eq!(c("MissingParameter", 400), ErrorKind::Invalid);
    assert_eq!(c("Parameter.Blank", 400), ErrorKind::Invalid);
    // Unknown code: fall back on the status.
    assert_eq!(c("Something.New", 502), ErrorKind::Server);
    assert_eq!(c("Something.New", 429), ErrorKind::Throttled);
}

#[test]
fn connect_codes() {
    let c = |code: &str, msg: &str, status| classify(Provider::Connect, Some(status), code, msg);
    assert_eq!(
        c("ThrottlingException:http://internal.amazon.com/", "", 429),
        ErrorKind::Throttled
    );
    assert_eq!(
        c("com.amazonaws.connect#ResourceNotFoundException", "", 404),
        ErrorKind::NotFound
    );
    assert_eq!(
        c("DuplicateResourceException", "", 409),
        ErrorKind::Conflict
    );
    assert_eq!(
        c(
            "InvalidSignatureException",
            "The request signature we calculated does not match",
            403
        ),
        ErrorKind::Auth
    );
    assert_eq!(
        c(
            "InvalidSignatureException",
            "Signature expired: 20150830T123600Z is now earlier than ...",
            403
        ),
        ErrorKind::ClockSkew
    );
    assert_eq!(c("AccessDeniedException", "", 403), ErrorKind::Forbidden);
    assert_eq!(
        c("InvalidContactFlowException", "", 400),
        ErrorKind::Invalid
    );
    assert_eq!(c("InternalServiceException", "", 500), ErrorKind::Server);
    assert_eq!(c("LimitExceededException", "", 429), ErrorKind::Invalid);
}

#[test]
fn nxlink_codes() {
    let c = |code: &str, msg: &str| classify(Provider::Nxlink, Some(200), code, msg);
    assert_eq!(c("1003", "Authentication failed"), ErrorKind::Auth);
    assert_eq!(c("1004", "timestamp expired"), ErrorKind::ClockSkew);
    assert_eq!(c("1005", ""), ErrorKind::Forbidden);
    assert_eq!(c("20000", "autoFlowId not found"), ErrorKind::NotFound);
    assert_eq!(c("20000", "taskName is blank"), ErrorKind::Invalid);
    assert_eq!(c("777", ""), ErrorKind::Other);
}

fn x() -> Text {
    Text::new("x", "x")
}

fn has_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Every kind's headline, and every hint we add by default, is in both
/// languages; the Chinese rendering of an error uses them.
#[test]
fn every_kind_has_chinese_text() {
    for kind in ErrorKind::ALL {
        let h = kind.headline();
        assert!(!h.en.is_empty() && has_chinese(&h.zh), "{kind:?}: {h:?}");
        let e = CloudError::new(kind, Text::new("ours", "我们的"));
        let zh = e.text().zh;
        assert!(
            zh.starts_with(&format!("{}：我们的", h.zh)),
            "{kind:?}: {zh}"
        );
        assert_eq!(e.text().en, e.to_string());
        for p in [
            Provider::Connect,
            Provider::Aliyun,
            Provider::Aliyun2017,
            Provider::Nxlink,
        ] {
            if let Some(hint) = default_hint(p, kind) {
                assert!(has_chinese(&hint.zh), "{kind:?} {p:?}: {hint:?}");
            }
        }
    }
    let skew = ClockSkew {
        offset: Duration::from_secs(3 * 3600 + 4),
        local_ahead: false,
    };
    let e = CloudError::new(ErrorKind::Other, x()).with_clock_skew(skew);
    assert!(
        e.text()
            .zh
            .contains("本机时钟比服务商慢了 3 小时 0 分 4 秒"),
        "{}",
        e.text().zh
    );
}

#[test]
fn retryable_only_for_transient_kinds() {
    assert!(CloudError::new(ErrorKind::Throttled, x()).is_retryable());
    assert!(CloudError::new(ErrorKind::Server, x()).is_retryable());
    assert!(CloudError::new(ErrorKind::Timeout, x()).is_retryable());
    assert!(CloudError::new(ErrorKind::Network, x()).is_retryable());
    assert!(!CloudError::new(ErrorKind::Auth, x()).is_retryable());
    assert!(!CloudError::new(ErrorKind::Conflict, x()).is_retryable());
    assert!(!CloudError::new(ErrorKind::Keyring, x()).is_retryable());
}

#[test]
fn clock_skew_is_detected_and_named() {
    let server = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let local = server + Duration::from_secs(7 * 60 + 3);
    let skew = ClockSkew::detect(local, server, Duration::from_secs(60)).unwrap();
    assert!(skew.local_ahead);
    assert_eq!(skew.to_string(), "7 min 3 s ahead of");
    let behind = ClockSkew::detect(server, local, Duration::from_secs(60)).unwrap();
    assert_eq!(behind.to_string(), "7 min 3 s behind");
    assert_eq!(
        ClockSkew::detect(
            server,
            server + Duration::from_secs(30),
            Duration::from_secs(60)
        ),
        None
    );
    let e = CloudError::from_provider(Provider::Nxlink, Some(200), "1004", "expired", None)
        .with_clock_skew(skew);
    assert_eq!(e.kind(), ErrorKind::ClockSkew);
    assert!(
        e.to_string().contains("7 min 3 s ahead of the provider's"),
        "{e}"
    );
}
