//! The sandbox's Amazon Connect over real HTTP on loopback, signed by the
//! very path the client uses (`ConnectClient::signed_request`, the official
//! `aws-sigv4` crate): signatures over the body, the 5-minute date window,
//! session tokens, error bodies as Connect sends them, the create rules
//! (duplicates, light validation of PUBLISHED Content), `:$SAVED`, paging,
//! fault switches and state that survives a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, SystemTime};

use hyper::Method;
use ivr_cloud::Secret;
use ivr_cloud::connect::{ConnectClient, content_sha256};
use ivr_cloud::credentials::{CredentialSource, Credentials};
use ivr_cloud::profile::Profile;
use ivr_flow::Provider;
use ivr_sandbox::{Fault, FaultKind, SandboxHandle};
use serde_json::{Value, json};

use crate::support::{http, start};

const INSTANCE: &str = "inst-1";

fn creds(key: &str, secret: &str, token: Option<&str>) -> Credentials {
    Credentials {
        key_id: key.into(),
        secret: Secret::new(secret),
        session_token: token.map(Secret::new),
        source: CredentialSource::Environment,
    }
}

fn client_with(h: &SandboxHandle, c: Credentials) -> ConnectClient {
    let profile = Profile {
        region: Some("eu-central-1".into()),
        instance: Some(INSTANCE.into()),
        endpoint: Some(h.endpoint()),
        ..Profile::new("wire", Provider::Connect)
    };
    ConnectClient::new(&profile, c).unwrap()
}

fn client(h: &SandboxHandle) -> ConnectClient {
    client_with(h, creds("sandbox", "sandbox-secret", None))
}

/// Sends a request as built (and perhaps altered after signing).
async fn send(req: hyper::Request<Vec<u8>>) -> Result<(u16, String, Value), reqwest::Error> {
    let req = reqwest::Request::try_from(req).unwrap();
    let res = http().execute(req).await?;
    let status = res.status().as_u16();
    let ty = res
        .headers()
        .get("x-amzn-ErrorType")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(res.headers().contains_key("x-amzn-RequestId"));
    let body = res.bytes().await?;
    let v = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body).unwrap()
    };
    Ok((status, ty, v))
}

async fn call(
    c: &ConnectClient,
    method: Method,
    segments: &[&str],
    query: &[(&str, &str)],
    body: Option<&Value>,
) -> (u16, String, Value) {
    let req = c
        .signed_request(method, segments, query, body, SystemTime::now())
        .unwrap();
    send(req).await.unwrap()
}

fn content() -> String {
    ivr_flow::dialect::connect::content_string(&ivr_flow::starter_flow()).unwrap()
}

fn create_body(name: &str, ty: &str, status: &str, content: &str) -> Value {
    json!({"Name": name, "Type": ty, "Content": content, "Status": status, "Description": "d"})
}

async fn create(c: &ConnectClient, name: &str, ty: &str, status: &str) -> String {
    let (s, _, v) = call(
        c,
        Method::PUT,
        &["contact-flows", INSTANCE],
        &[],
        Some(&create_body(name, ty, status, &content())),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    v["ContactFlowId"].as_str().unwrap().to_owned()
}

async fn list_all(c: &ConnectClient) -> Vec<Value> {
    let (s, _, v) = call(
        c,
        Method::GET,
        &["contact-flows-summary", INSTANCE],
        &[],
        None,
    )
    .await;
    assert_eq!(s, 200, "{v}");
    v["ContactFlowSummaryList"].as_array().unwrap().clone()
}

#[tokio::test]
async fn the_client_signing_path_is_accepted_and_one_changed_body_byte_refused() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    let content = content();
    let body = create_body("Signed", "CONTACT_FLOW", "PUBLISHED", &content);
    let req = c
        .signed_request(
            Method::PUT,
            &["contact-flows", INSTANCE],
            &[],
            Some(&body),
            SystemTime::now(),
        )
        .unwrap();
    let auth = req.headers()["authorization"].to_str().unwrap().to_owned();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=sandbox/"),
        "{auth}"
    );
    assert!(
        auth.contains("/eu-central-1/connect/aws4_request"),
        "{auth}"
    );

    // One byte of the body changed after signing.
    let (mut parts, mut bytes) = c
        .signed_request(
            Method::PUT,
            &["contact-flows", INSTANCE],
            &[],
            Some(&create_body(
                "Signed",
                "CONTACT_FLOW",
                "PUBLISHED",
                &content,
            )),
            SystemTime::now(),
        )
        .unwrap()
        .into_parts();
    let at = bytes.iter().position(|b| *b == b'S').unwrap();
    bytes[at] = b'T';
    parts.headers.remove("content-length");
    let (s, ty, v) = send(hyper::Request::from_parts(parts, bytes))
        .await
        .unwrap();
    assert_eq!((s, ty.as_str()), (403, "InvalidSignatureException"), "{v}");
    assert!(
        v["message"]
            .as_str()
            .unwrap()
            .contains("signature we calculated does not match"),
        "{v}"
    );
    assert!(list_all(&c).await.is_empty(), "nothing was created");

    // The request as signed is accepted.
    let (s, _, v) = send(req).await.unwrap();
    assert_eq!(s, 200, "{v}");
    let id = v["ContactFlowId"].as_str().unwrap();
    assert_eq!(
        v["ContactFlowArn"],
        format!("arn:aws:connect:eu-central-1:123456789012:instance/{INSTANCE}/contact-flow/{id}")
    );
    assert_eq!(v["FlowContentSha256"], content_sha256(&content));
    h.shutdown().await;
}

#[tokio::test]
async fn dates_secrets_keys_and_session_tokens_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    let list = ["contact-flows-summary", INSTANCE];
    let at = |offset_secs: i64| {
        let now = SystemTime::now();
        let d = Duration::from_secs(offset_secs.unsigned_abs());
        if offset_secs < 0 { now - d } else { now + d }
    };
    // Beyond 5 minutes either way: refused as expired.
    for off in [-6 * 60, 6 * 60] {
        let req = c
            .signed_request(Method::GET, &list, &[], None, at(off))
            .unwrap();
        let (s, ty, v) = send(req).await.unwrap();
        assert_eq!((s, ty.as_str()), (403, "InvalidSignatureException"), "{v}");
        assert!(
            v["message"].as_str().unwrap().contains("Signature expired"),
            "{v}"
        );
    }
    // Within the window: accepted.
    let req = c
        .signed_request(Method::GET, &list, &[], None, at(-4 * 60))
        .unwrap();
    assert_eq!(send(req).await.unwrap().0, 200);

    // A wrong secret, an unknown key, no signature at all.
    let wrong = client_with(&h, creds("sandbox", "not-the-secret", None));
    let (s, ty, _) = call(&wrong, Method::GET, &list, &[], None).await;
    assert_eq!((s, ty.as_str()), (403, "InvalidSignatureException"));
    let unknown = client_with(&h, creds("AKIDNOBODY", "sandbox-secret", None));
    let (s, ty, _) = call(&unknown, Method::GET, &list, &[], None).await;
    assert_eq!((s, ty.as_str()), (403, "UnrecognizedClientException"));
    let (mut parts, body) = c
        .signed_request(Method::GET, &list, &[], None, SystemTime::now())
        .unwrap()
        .into_parts();
    parts.headers.remove("authorization");
    let (s, ty, _) = send(hyper::Request::from_parts(parts, body)).await.unwrap();
    assert_eq!(
        (s, ty.as_str()),
        (403, "MissingAuthenticationTokenException")
    );

    // A session token is sent, signed and accepted; swapped after signing, refused.
    let sts = client_with(
        &h,
        creds(
            "sandbox",
            "sandbox-secret",
            Some("FwoGZXIvYXdzEXAMPLE/token+=="),
        ),
    );
    let req = sts
        .signed_request(Method::GET, &list, &[], None, SystemTime::now())
        .unwrap();
    assert!(req.headers().contains_key("x-amz-security-token"));
    assert_eq!(send(req).await.unwrap().0, 200);
    let (mut parts, body) = sts
        .signed_request(Method::GET, &list, &[], None, SystemTime::now())
        .unwrap()
        .into_parts();
    parts.headers.insert(
        "x-amz-security-token",
        hyper::header::HeaderValue::from_static("other"),
    );
    let (s, ty, _) = send(hyper::Request::from_parts(parts, body)).await.unwrap();
    assert_eq!((s, ty.as_str()), (403, "InvalidSignatureException"));

    // An operation Connect does not have.
    let (s, ty, _) = call(&c, Method::DELETE, &["contact-flows", INSTANCE], &[], None).await;
    assert_eq!((s, ty.as_str()), (404, "UnknownOperationException"));
    h.shutdown().await;
}

#[tokio::test]
async fn create_refuses_duplicates_invalid_content_and_bad_parameters() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    let path = ["contact-flows", INSTANCE];
    create(&c, "Main", "CONTACT_FLOW", "PUBLISHED").await;
    let (s, ty, v) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body("Main", "CUSTOMER_QUEUE", "SAVED", &content())),
    )
    .await;
    assert_eq!((s, ty.as_str()), (409, "DuplicateResourceException"), "{v}");
    assert!(v["message"].is_string());

    // A transition to an action that does not exist: refused when PUBLISHED,
    // with a problem naming the action; kept when SAVED.
    let dangling = json!({
        "Version": "2019-10-30", "StartAction": "hello",
        "Actions": [
            {"Identifier": "hello", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
             "Transitions": {"NextAction": "bye", "Errors": [{"NextAction": "gone", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    })
    .to_string();
    let (s, ty, v) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body(
            "Broken",
            "CONTACT_FLOW",
            "PUBLISHED",
            &dangling,
        )),
    )
    .await;
    assert_eq!(
        (s, ty.as_str()),
        (400, "InvalidContactFlowException"),
        "{v}"
    );
    let problems = v["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{v}");
    let msg = problems[0]["message"].as_str().unwrap();
    assert!(msg.contains("'hello'") && msg.contains("'gone'"), "{msg}");
    let (s, _, v) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body("Broken", "CONTACT_FLOW", "SAVED", &dangling)),
    )
    .await;
    assert_eq!(s, 200, "{v}");

    // Not JSON at all.
    let (s, ty, v) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body("Junk", "CONTACT_FLOW", "PUBLISHED", "{nope")),
    )
    .await;
    assert_eq!(
        (s, ty.as_str()),
        (400, "InvalidContactFlowException"),
        "{v}"
    );

    // Missing Name, an unknown Type, Content over 256,000 characters.
    let (s, ty, _) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&json!({"Type": "CONTACT_FLOW", "Content": content()})),
    )
    .await;
    assert_eq!((s, ty.as_str()), (400, "InvalidRequestException"));
    let (s, ty, _) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body("T", "MAIN_FLOW", "SAVED", &content())),
    )
    .await;
    assert_eq!((s, ty.as_str()), (400, "InvalidParameterException"));
    let big = "x".repeat(256_001);
    let (s, ty, _) = call(
        &c,
        Method::PUT,
        &path,
        &[],
        Some(&create_body("Big", "CONTACT_FLOW", "SAVED", &big)),
    )
    .await;
    assert_eq!((s, ty.as_str()), (400, "InvalidParameterException"));
    assert_eq!(list_all(&c).await.len(), 2);
    h.shutdown().await;
}

#[tokio::test]
async fn saved_content_the_saved_alias_and_updates() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    let id = create(&c, "Draft", "CUSTOMER_QUEUE", "SAVED").await;
    let saved_id = format!("{id}:$SAVED");
    let describe = |id: String| {
        let c = c.clone();
        async move {
            call(
                &c,
                Method::GET,
                &["contact-flows", INSTANCE, &id],
                &[],
                None,
            )
            .await
        }
    };
    // Never published: only the saved content can be described.
    let (s, ty, _) = describe(id.clone()).await;
    assert_eq!((s, ty.as_str()), (404, "ContactFlowNotPublishedException"));
    // `:$SAVED` goes out as %3A%24SAVED and is signed double-encoded.
    let req = c
        .signed_request(
            Method::GET,
            &["contact-flows", INSTANCE, &saved_id],
            &[],
            None,
            SystemTime::now(),
        )
        .unwrap();
    assert!(req.uri().path().ends_with("%3A%24SAVED"), "{}", req.uri());
    let (s, _, v) = send(req).await.unwrap();
    assert_eq!(s, 200, "{v}");
    let cf = &v["ContactFlow"];
    assert_eq!(cf["Status"], "SAVED");
    assert_eq!(cf["Type"], "CUSTOMER_QUEUE");
    assert_eq!(cf["Id"], id.as_str());
    assert_eq!(cf["Content"], content());
    assert_eq!(cf["FlowContentSha256"], content_sha256(&content()));
    assert_eq!(list_all(&c).await[0]["ContactFlowStatus"], "SAVED");

    // Publish through UpdateContactFlowContent.
    let (s, _, v) = call(
        &c,
        Method::POST,
        &["contact-flows", INSTANCE, &id, "content"],
        &[],
        Some(&json!({"Content": content()})),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let (s, _, v) = describe(id.clone()).await;
    assert_eq!(s, 200);
    assert_eq!(v["ContactFlow"]["Status"], "PUBLISHED");
    assert_eq!(list_all(&c).await[0]["ContactFlowStatus"], "PUBLISHED");

    // Saving new content keeps the published one live.
    let mut edited = ivr_flow::starter_flow();
    edited.description = "edited".into();
    let edited = ivr_flow::dialect::connect::content_string(&edited).unwrap();
    let (s, _, _) = call(
        &c,
        Method::POST,
        &["contact-flows", INSTANCE, &saved_id, "content"],
        &[],
        Some(&json!({"Content": edited})),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        describe(id.clone()).await.2["ContactFlow"]["Content"],
        content()
    );
    assert_eq!(
        describe(saved_id.clone()).await.2["ContactFlow"]["Content"],
        edited
    );

    // Invalid content is refused by an update that publishes.
    let (s, ty, _) = call(
        &c,
        Method::POST,
        &["contact-flows", INSTANCE, &id, "content"],
        &[],
        Some(&json!({"Content": "[]"})),
    )
    .await;
    assert_eq!((s, ty.as_str()), (400, "InvalidContactFlowException"));

    // Metadata: rename; a flow that does not exist.
    let (s, _, _) = call(
        &c,
        Method::POST,
        &["contact-flows", INSTANCE, &id, "metadata"],
        &[],
        Some(&json!({"Name": "Renamed"})),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(list_all(&c).await[0]["Name"], "Renamed");
    let (s, ty, _) = describe("00000000-0000-4000-8000-000000000000".into()).await;
    assert_eq!((s, ty.as_str()), (404, "ResourceNotFoundException"));
    h.shutdown().await;
}

#[tokio::test]
async fn paging_type_filter_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    for i in 0..5 {
        let ty = if i % 2 == 0 {
            "CONTACT_FLOW"
        } else {
            "CUSTOMER_QUEUE"
        };
        create(&c, &format!("flow {i}"), ty, "SAVED").await;
    }
    let path = ["contact-flows-summary", INSTANCE];
    let mut names = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..10 {
        let mut q = vec![("maxResults", "2")];
        if let Some(t) = &token {
            q.push(("nextToken", t));
        }
        let (s, _, v) = call(&c, Method::GET, &path, &q, None).await;
        assert_eq!(s, 200, "{v}");
        for f in v["ContactFlowSummaryList"].as_array().unwrap() {
            names.push(f["Name"].as_str().unwrap().to_owned());
        }
        token = v["NextToken"].as_str().map(str::to_owned);
        if token.is_none() {
            break;
        }
    }
    assert_eq!(names, ["flow 0", "flow 1", "flow 2", "flow 3", "flow 4"]);
    let (_, _, v) = call(
        &c,
        Method::GET,
        &path,
        &[("contactFlowTypes", "CUSTOMER_QUEUE")],
        None,
    )
    .await;
    assert_eq!(v["ContactFlowSummaryList"].as_array().unwrap().len(), 2);
    let (_, _, v) = call(
        &c,
        Method::GET,
        &path,
        &[
            ("contactFlowTypes", "CUSTOMER_QUEUE"),
            ("contactFlowTypes", "CONTACT_FLOW"),
        ],
        None,
    )
    .await;
    assert_eq!(v["ContactFlowSummaryList"].as_array().unwrap().len(), 5);
    for bad in [
        ("maxResults", "0"),
        ("maxResults", "1001"),
        ("nextToken", "bogus"),
    ] {
        let (s, ty, _) = call(&c, Method::GET, &path, &[bad], None).await;
        assert_eq!(
            (s, ty.as_str()),
            (400, "InvalidParameterException"),
            "{bad:?}"
        );
    }
    // The client reads every page, with the type filter.
    assert_eq!(c.list_flows(&[]).await.unwrap().len(), 5);
    assert_eq!(
        c.list_flows(&["CONTACT_FLOW".into()]).await.unwrap().len(),
        3
    );
    // Another instance is empty; state survives a restart.
    h.shutdown().await;
    let h = start(dir.path()).await;
    let c = client(&h);
    assert_eq!(list_all(&c).await.len(), 5);
    h.shutdown().await;
}

#[tokio::test]
async fn fault_switches() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let c = client(&h);
    let list = ["contact-flows-summary", INSTANCE];
    h.faults()
        .push(Fault::new(FaultKind::Throttle, 1).for_action("ListContactFlows"));
    let (s, ty, v) = call(&c, Method::GET, &list, &[], None).await;
    assert_eq!((s, ty.as_str()), (429, "ThrottlingException"), "{v}");
    assert_eq!(v["message"], "Rate exceeded");
    h.faults().push(Fault::new(FaultKind::Fail, 1));
    let (s, ty, _) = call(&c, Method::GET, &list, &[], None).await;
    assert_eq!((s, ty.as_str()), (500, "InternalServiceException"));
    // A refused signature does not use a switch up.
    h.faults().push(Fault::new(FaultKind::Fail, 1));
    let wrong = client_with(&h, creds("sandbox", "nope", None));
    let (s, _, _) = call(&wrong, Method::GET, &list, &[], None).await;
    assert_eq!(s, 403);
    assert_eq!(h.faults().pending().len(), 1);
    h.faults().clear();
    // Dropped after performing: no answer, but the flow exists.
    h.faults()
        .push(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
    let req = c
        .signed_request(
            Method::PUT,
            &["contact-flows", INSTANCE],
            &[],
            Some(&create_body(
                "Dropped",
                "CONTACT_FLOW",
                "PUBLISHED",
                &content(),
            )),
            SystemTime::now(),
        )
        .unwrap();
    assert!(send(req).await.is_err(), "the connection is dropped");
    let all = list_all(&c).await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["Name"], "Dropped");
    // Delay.
    h.faults()
        .push(Fault::new(FaultKind::Delay, 1).with_delay_ms(300));
    let t = std::time::Instant::now();
    list_all(&c).await;
    assert!(t.elapsed() >= Duration::from_millis(300));
    h.shutdown().await;
}
