//! The NXLink client library (`ivr_cloud::nxlink`) against the sandbox over
//! loopback HTTP: a 2,500-contact list goes as three chunks with progress
//! and shows in `task/list`; refused rows come back with NXLink's reasons; a
//! dropped create answer makes no second task; a dropped append answer
//! duplicates no contact; throttling is survived; a wrong secret (1003), a
//! 61-s-old timestamp (1004) and a body byte changed after signing (1003)
//! are refused; a clock two minutes off is named as such, with the offset;
//! a create answered too late is found by lookup, not repeated.

use std::time::{Duration, SystemTime};

use ivr_cloud::credentials::Credentials;
use ivr_cloud::http::HttpConfig;
use ivr_cloud::nxlink::{NxlinkClient, SendOptions, path};
use ivr_cloud::profile::Profile;
use ivr_cloud::{ErrorKind, Secret};
use ivr_flow::Provider;
use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{Value, json};

use crate::support::fast_http;

/// Quick retries, and time enough for a 1,000-contact call in a debug build.
fn config() -> HttpConfig {
    HttpConfig {
        request_timeout: Duration::from_secs(10),
        ..fast_http()
    }
}

fn client_with(sb: &SandboxHandle, creds: Credentials, config: HttpConfig) -> NxlinkClient {
    let profile = Profile {
        endpoint: Some(sb.endpoint()),
        ..Profile::new("nx", Provider::Nxlink)
    };
    NxlinkClient::with_config(&profile, creds, config).unwrap()
}

fn client(sb: &SandboxHandle) -> NxlinkClient {
    client_with(sb, Credentials::sandbox_demo(), config())
}

async fn sandbox(dir: &std::path::Path) -> SandboxHandle {
    Sandbox::start(SandboxConfig::new(dir)).await.unwrap()
}

/// A task for the sandbox's agent 197 (variables customerName, orderNo).
fn task(user_task_id: &str) -> Value {
    json!({
        "userTaskId": user_task_id,
        "taskName": format!("Follow-up {user_task_id}"),
        "autoFlowId": 197,
        "routeId": "y29ND1X4kkCG_nC576sALEkvg3HjEqde",
        "taskKeep": 0,
        "startupType": 1,
        "zoneSecond": 28800,
        "weekDay": "1,2,3,4,5",
        "firstFifteen": "9,10,11",
        "secondFifteen": "9,10,11",
        "thirdFifteen": "9,10,11",
        "fourthFifteen": "9,10,11",
        "orderMaxCall": 1,
        "replayInterval": 600,
        "countryCode": "852"
    })
}

/// `n` good contacts with fixed ids.
fn contacts(prefix: &str, n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({
                "contactId": format!("{prefix}-{i}"),
                "name": format!("Customer {i}"),
                "phoneNumber": format!("+852{:08}", 90_000_000 + i),
                "params": [{"name": "customerName", "value": format!("Customer {i}")}]
            })
        })
        .collect()
}

#[tokio::test]
async fn a_long_list_goes_in_three_chunks_with_progress_and_refusals_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    let mut list = contacts("long", 2_500);
    list[10]["phoneNumber"] = json!("1312895-xxx");
    list[1_500]["params"] = json!([{"name": "coupon", "value": "X"}]);
    list[2_400]["phoneNumber"] = json!("123");
    let mut progress = Vec::new();
    let r = c
        .create_with_list(&task("T-long"), &list, &SendOptions::default(), |d, t| {
            progress.push((d, t))
        })
        .await
        .unwrap();
    assert_eq!(progress, [(1_000, 2_500), (2_000, 2_500), (2_500, 2_500)]);
    assert_eq!((r.chunks, r.total, r.accepted), (3, 2_500, 2_497));
    assert!(!r.task.found_by_lookup);
    let reasons: Vec<(&str, &str)> = r
        .refused
        .iter()
        .map(|x| (x.contact_id.as_str(), x.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("long-10", "Illegal phone number format:1312895-xxx"),
            ("long-1500", "Variable not found in flow: coupon"),
            ("long-2400", "Illegal phone number format:123"),
        ]
    );
    let tasks = c.tasks(None).await.unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks[0].task_id, r.task.task_id);
    assert_eq!(tasks[0].user_task_id, "T-long");
    assert_eq!(tasks[0].total_count, Some(2_497));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_dropped_create_answer_does_not_make_a_second_task() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    sb.faults()
        .push(Fault::new(FaultKind::Drop, 1).for_action("task/create"));
    let mut list = contacts("drop-create", 1_500);
    list[3]["phoneNumber"] = json!("not-a-number");
    let r = c
        .create_with_list(&task("T-drop"), &list, &SendOptions::default(), |_, _| {})
        .await
        .unwrap();
    assert!(r.task.found_by_lookup, "{r:?}");
    assert_eq!((r.chunks, r.accepted), (2, 1_499));
    // The first chunk's refusals, lost with the create's answer, are back.
    assert_eq!(r.refused.len(), 1, "{:?}", r.refused);
    assert_eq!(r.refused[0].contact_id, "drop-create-3");
    assert!(r.refused[0].reason.contains("Illegal phone number"));
    let tasks = c.tasks(None).await.unwrap();
    assert_eq!(tasks.len(), 1, "{tasks:?}");
    assert_eq!(tasks[0].total_count, Some(1_499));
    sb.shutdown().await;
}

#[tokio::test]
async fn a_dropped_append_answer_does_not_duplicate_a_contact() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    sb.faults()
        .push(Fault::new(FaultKind::Drop, 1).for_action("call/append"));
    let list = contacts("drop-append", 2_500);
    let r = c
        .create_with_list(&task("T-append"), &list, &SendOptions::default(), |_, _| {})
        .await
        .unwrap();
    assert_eq!((r.chunks, r.accepted), (3, 2_500));
    assert!(r.refused.is_empty(), "{:?}", r.refused);
    let tasks = c.tasks(None).await.unwrap();
    assert_eq!(tasks[0].total_count, Some(2_500), "{tasks:?}");
    sb.shutdown().await;
}

#[tokio::test]
async fn throttling_is_survived() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    sb.faults().push(Fault::new(FaultKind::Throttle, 2));
    sb.faults()
        .push(Fault::new(FaultKind::Throttle, 1).for_action("call/append"));
    let list = contacts("throttled", 1_200);
    let r = c
        .create_with_list(
            &task("T-throttle"),
            &list,
            &SendOptions::default(),
            |_, _| {},
        )
        .await
        .unwrap();
    assert_eq!(r.accepted, 1_200);
    assert!(sb.faults().pending().is_empty());
    assert_eq!(c.tasks(None).await.unwrap().len(), 1);
    sb.shutdown().await;
}

#[tokio::test]
async fn agents_and_routes_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    let agents = c.agents("").await.unwrap();
    let ids: Vec<i64> = agents.iter().map(|a| a.auto_flow_id).collect();
    assert_eq!(ids, [197, 198]);
    assert_eq!(c.agents("payment").await.unwrap().len(), 1);
    let routes = c.routes("").await.unwrap();
    assert!(
        routes
            .iter()
            .any(|r| r.route_id == "y29ND1X4kkCG_nC576sALEkvg3HjEqde")
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn a_wrong_secret_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let wrong = Credentials {
        secret: Secret::new("not-the-secret-123"),
        ..Credentials::sandbox_demo()
    };
    let e = client_with(&sb, wrong, config())
        .agents("")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.code(), Some("1003"));
    let text = e.text();
    assert!(text.en.contains("invalid signature"), "{}", text.en);
    assert!(text.en.contains("access key and secret"), "{}", text.en);
    assert!(text.zh.contains("签名无效"), "{}", text.zh);
    assert!(!format!("{e:?}{}{}", text.en, text.zh).contains("not-the-secret-123"));
    sb.shutdown().await;
}

/// Sends a request the client signed, as it is (or changed), and returns
/// the envelope code.
async fn code_of(req: http::Request<Vec<u8>>) -> i64 {
    let (parts, body) = req.into_parts();
    let res = reqwest::Client::new()
        .post(parts.uri.to_string())
        .headers(parts.headers)
        .body(body)
        .send()
        .await
        .unwrap();
    let v: Value = res.json().await.unwrap();
    v["code"].as_i64().unwrap()
}

#[tokio::test]
async fn a_stale_timestamp_and_a_changed_byte_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    let body = br#"{"pageNumber":1,"pageSize":10}"#;
    let now = SystemTime::now();
    let ok = c.signed_request(path::FLOW_LIST, body, now).unwrap();
    assert_eq!(code_of(ok).await, 0);
    let stale = c
        .signed_request(path::FLOW_LIST, body, now - Duration::from_secs(61))
        .unwrap();
    assert_eq!(code_of(stale).await, 1004);
    let mut changed = c.signed_request(path::FLOW_LIST, body, now).unwrap();
    changed.body_mut()[28] = b'9'; // pageSize 10 -> 19
    assert_eq!(code_of(changed).await, 1003);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_create_without_user_task_id_is_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    let mut t = task("x");
    t.as_object_mut().unwrap().remove("userTaskId");
    let e = c.create_task(&t).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Invalid);
    assert!(e.to_string().contains("userTaskId"), "{e}");
    assert!(c.tasks(None).await.unwrap().is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn a_clock_two_minutes_off_is_named_with_its_offset() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig {
        clock_offset_secs: 120,
        ..SandboxConfig::new(dir.path())
    })
    .await
    .unwrap();
    let e = client(&sb).agents("").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ClockSkew);
    assert_eq!(e.code(), Some("1004"));
    let text = e.text();
    assert!(text.en.contains("timestamp expired"), "{}", text.en);
    assert!(text.en.contains("behind"), "{}", text.en);
    assert!(text.zh.contains("时钟"), "{}", text.zh);
    sb.shutdown().await;
}

#[tokio::test]
async fn a_pending_contact_is_deleted_and_call_records_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    let c = client(&sb);
    let mut t = task("T-small");
    t["callList"] = Value::Array(contacts("small", 3));
    let created = c.create_task(&t).await.unwrap();
    assert_eq!(created.success_count, Some(3));
    c.delete_contact(&created.task_id, "small-1").await.unwrap();
    let e = c
        .delete_contact(&created.task_id, "small-1")
        .await
        .unwrap_err();
    assert_eq!(e.code(), Some("20000"));
    assert!(e.to_string().contains("contactId not found"), "{e}");
    assert_eq!(c.tasks(None).await.unwrap()[0].total_count, Some(2));
    assert!(c.call_records(&created.task_id).await.unwrap().is_empty());
    // A chunk appended on its own reports its refusals too.
    let more = vec![json!({"contactId": "small-9", "name": "X", "phoneNumber": "12"})];
    let appended = c
        .append(&created.task_id, Some("852"), &more)
        .await
        .unwrap();
    assert_eq!(appended.accepted, 0);
    assert_eq!(appended.refused[0].reason, "Illegal phone number format:12");
    sb.shutdown().await;
}

#[tokio::test]
async fn a_create_answered_too_late_is_found_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let sb = sandbox(dir.path()).await;
    // Quick timeouts: the answer comes after the client gave up.
    let c = client_with(&sb, Credentials::sandbox_demo(), fast_http());
    sb.faults().push(
        Fault::new(FaultKind::Delay, 1)
            .for_action("task/create")
            .with_delay_ms(1_500),
    );
    let list = contacts("late", 10);
    let r = c
        .create_with_list(&task("T-late"), &list, &SendOptions::default(), |_, _| {})
        .await
        .unwrap();
    assert!(r.task.found_by_lookup);
    assert_eq!((r.accepted, r.refused.len()), (10, 0));
    assert_eq!(c.tasks(None).await.unwrap().len(), 1);
    sb.shutdown().await;
}
