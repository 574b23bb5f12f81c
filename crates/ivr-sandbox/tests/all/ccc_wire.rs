//! The sandbox's CCC over real HTTP on loopback: signatures, timestamps and
//! nonces checked as the real gateway does, the 2020 draft rules, paging,
//! 2017 create/list, fault switches and state that survives a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, SystemTime};

use ivr_cloud::Secret;
use ivr_cloud::sign::ccc::{RpcCredentials, encode_params, sign};
use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{Value, json};

use crate::support::{http as client, start};

static NONCE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn fresh_nonce() -> String {
    format!(
        "nonce-{}",
        NONCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    )
}

/// Signed parameters for `action` (2020 unless `Version` is given).
fn signed(
    action: &str,
    extra: &[(&str, &str)],
    secret: &str,
    nonce: &str,
    at: SystemTime,
) -> Vec<(String, String)> {
    let mut p: Vec<(String, String)> = vec![
        ("Action".into(), action.into()),
        ("Version".into(), "2020-07-01".into()),
        ("Format".into(), "JSON".into()),
        ("RegionId".into(), "cn-shanghai".into()),
        ("InstanceId".into(), "inst-1".into()),
    ];
    for (k, v) in extra {
        p.retain(|(n, _)| n != k);
        p.push(((*k).into(), (*v).into()));
    }
    let s = Secret::new(secret);
    let creds = RpcCredentials {
        access_key_id: "sandbox",
        secret: &s,
        security_token: None,
    };
    sign("POST", &p, creds, nonce, at)
}

async fn post(h: &SandboxHandle, params: &[(String, String)]) -> (u16, Value) {
    let res = client()
        .post(h.endpoint())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode_params(params))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn call(h: &SandboxHandle, action: &str, extra: &[(&str, &str)]) -> (u16, Value) {
    post(
        h,
        &signed(
            action,
            extra,
            "sandbox-secret",
            &fresh_nonce(),
            SystemTime::now(),
        ),
    )
    .await
}

const DEF: &str = r#"{"activities":[{"type":"INCOMING_CALL","id":"e98f0d47","name":"start","properties":{"position":{"x":1,"y":2}},"events":[{"event":"complete","next":null}],"nodeIndex":0}],"description":""}"#;

fn assert_error_body(v: &Value, code: &str, status: u16) {
    assert_eq!(v["Code"], code, "{v}");
    assert_eq!(v["HttpStatusCode"], status, "{v}");
    for k in ["RequestId", "HostId", "Message", "Recommend"] {
        assert!(v[k].is_string(), "{k} missing in {v}");
    }
}

#[tokio::test]
async fn signatures_timestamps_and_nonces_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let now = SystemTime::now();
    let list = [("PageNumber", "1"), ("PageSize", "10")];

    // A correct request is accepted.
    let good = signed("ListContactFlows", &list, "sandbox-secret", "n-good", now);
    let (status, v) = post(&h, &good).await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["Code"], "OK");
    assert_eq!(v["Data"]["TotalCount"], 0);

    // The same request again: the nonce is used.
    let (status, v) = post(&h, &good).await;
    assert_eq!(status, 400);
    assert_error_body(&v, "SignatureNonceUsed", 400);

    // One byte of one parameter changed after signing.
    let mut tampered = signed("ListContactFlows", &list, "sandbox-secret", "n-tamper", now);
    for (k, v) in &mut tampered {
        if k == "PageSize" {
            *v = "11".into();
        }
    }
    let (status, v) = post(&h, &tampered).await;
    assert_eq!(status, 403);
    assert_error_body(&v, "SignatureDoesNotMatch", 403);

    // A wrong secret.
    let (status, v) = post(&h, &signed("ListContactFlows", &list, "wrong", "n-w", now)).await;
    assert_eq!(status, 403);
    assert_error_body(&v, "SignatureDoesNotMatch", 403);

    // A stale and a future timestamp.
    for at in [
        now - Duration::from_secs(16 * 60),
        now + Duration::from_secs(16 * 60),
    ] {
        let (status, v) = post(
            &h,
            &signed(
                "ListContactFlows",
                &list,
                "sandbox-secret",
                &fresh_nonce(),
                at,
            ),
        )
        .await;
        assert_eq!(status, 400);
        assert_error_body(&v, "IllegalTimestamp", 400);
    }
    // Within the window is fine.
    let (status, _) = post(
        &h,
        &signed(
            "ListContactFlows",
            &list,
            "sandbox-secret",
            &fresh_nonce(),
            now - Duration::from_secs(14 * 60),
        ),
    )
    .await;
    assert_eq!(status, 200);

    // An unknown key id.
    let mut unknown = signed("ListContactFlows", &list, "sandbox-secret", "n-k", now);
    for (k, v) in &mut unknown {
        if k == "AccessKeyId" {
            *v = "LTAI-nobody".into();
        }
    }
    let (status, v) = post(&h, &unknown).await;
    assert_eq!(status, 404);
    assert_error_body(&v, "InvalidAccessKeyId.NotFound", 404);

    // Parameters in the query are signed and read as well as in the body.
    let q = signed("ListContactFlows", &list, "sandbox-secret", "n-q", now);
    let res = client()
        .post(format!("{}/?{}", h.endpoint(), encode_params(&q)))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    h.shutdown().await;
}

#[tokio::test]
async fn drafts_paging_and_restart() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let name = format!("flow {i}");
        let ty = if i == 4 { "SUB_FLOW" } else { "MAIN_FLOW" };
        let (s, v) = call(
            &h,
            "CreateContactFlow",
            &[
                ("Name", &name),
                ("Definition", DEF),
                ("Description", "v1"),
                ("Type", ty),
            ],
        )
        .await;
        assert_eq!(s, 200, "{v}");
        ids.push(v["Data"].as_str().unwrap().to_owned());
    }
    // Description is required.
    let (s, v) = call(
        &h,
        "CreateContactFlow",
        &[("Name", "x"), ("Definition", DEF), ("Type", "MAIN_FLOW")],
    )
    .await;
    assert_eq!(s, 400);
    assert_error_body(&v, "MissingDescription", 400);
    // Paging, type filter, search.
    let (_, v) = call(
        &h,
        "ListContactFlows",
        &[("PageNumber", "2"), ("PageSize", "2")],
    )
    .await;
    assert_eq!(v["Data"]["TotalCount"], 5);
    assert_eq!(v["Data"]["List"].as_array().unwrap().len(), 2);
    let (_, v) = call(
        &h,
        "ListContactFlows",
        &[("PageNumber", "3"), ("PageSize", "2")],
    )
    .await;
    assert_eq!(v["Data"]["List"].as_array().unwrap().len(), 1);
    let (_, v) = call(
        &h,
        "ListContactFlows",
        &[
            ("PageNumber", "1"),
            ("PageSize", "100"),
            ("Type", "SUB_FLOW"),
        ],
    )
    .await;
    assert_eq!(v["Data"]["TotalCount"], 1);
    let (_, v) = call(
        &h,
        "ListContactFlows",
        &[
            ("PageNumber", "1"),
            ("PageSize", "100"),
            ("SearchPattern", "flow 3"),
        ],
    )
    .await;
    assert_eq!(v["Data"]["List"][0]["ContactFlowId"], ids[3].as_str());
    let (s, v) = call(
        &h,
        "ListContactFlows",
        &[("PageNumber", "0"), ("PageSize", "10")],
    )
    .await;
    assert_eq!(s, 400, "{v}");

    // One editor at a time.
    let id = ids[0].as_str();
    let (s, v) = call(&h, "StartEditContactFlow", &[("ContactFlowId", id)]).await;
    assert_eq!(s, 200);
    let draft = v["Data"].as_str().unwrap().to_owned();
    let (s, v) = call(&h, "StartEditContactFlow", &[("ContactFlowId", id)]).await;
    assert_eq!(s, 409);
    assert_error_body(&v, "Conflict.ContactFlowEditing", 409);
    let new_def = DEF.replace("start", "begin");
    let (s, _) = call(
        &h,
        "CommitContactFlow",
        &[
            ("ContactFlowId", id),
            ("DraftId", &draft),
            ("Definition", &new_def),
            ("Description", "v2"),
        ],
    )
    .await;
    assert_eq!(s, 200);
    let (_, v) = call(
        &h,
        "GetContactFlow",
        &[("ContactFlowId", id), ("DraftId", &draft)],
    )
    .await;
    assert_eq!(v["Data"]["Definition"], new_def.as_str());
    assert_eq!(v["Data"]["Editor"], "sandbox");
    let (s, _) = call(
        &h,
        "PublishContactFlow",
        &[("ContactFlowId", id), ("DraftId", &draft)],
    )
    .await;
    assert_eq!(s, 200);
    let (s, v) = call(
        &h,
        "PublishContactFlow",
        &[("ContactFlowId", id), ("DraftId", &draft)],
    )
    .await;
    assert_eq!(s, 404);
    assert_error_body(&v, "NotExists.DraftId", 404);
    // Discard closes a draft.
    let (_, v) = call(&h, "StartEditContactFlow", &[("ContactFlowId", id)]).await;
    let d2 = v["Data"].as_str().unwrap().to_owned();
    let (s, _) = call(
        &h,
        "DiscardEditingContactFlow",
        &[("ContactFlowId", id), ("DraftId", &d2)],
    )
    .await;
    assert_eq!(s, 200);
    let (s, v) = call(&h, "GetContactFlow", &[("ContactFlowId", "nope")]).await;
    assert_eq!(s, 404);
    assert_error_body(&v, "NotExists.ContactFlowId", 404);
    h.shutdown().await;

    // The state survives a restart.
    let h = start(dir.path()).await;
    let (_, v) = call(&h, "GetContactFlow", &[("ContactFlowId", id)]).await;
    assert_eq!(v["Data"]["Definition"], new_def.as_str());
    assert_eq!(v["Data"]["Published"], true);
    assert!(v["Data"].get("DraftId").is_none());
    h.shutdown().await;
}

#[tokio::test]
async fn ccc_2017_create_commit_publish_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let content = r#"[{"nodeType":"start","nodeDescript":"开始","variables":[]}]"#;
    let canvas = r#"{"lineList":[]}"#;
    let mut p = signed(
        "CreateContactFlow",
        &[
            ("Version", "2017-07-05"),
            ("Name", "测试流程"),
            ("Type", "Mainflow"),
            ("Description", "测试"),
            ("Content", content),
            ("Canvas", canvas),
        ],
        "sandbox-secret",
        &fresh_nonce(),
        SystemTime::now(),
    );
    // Content and Canvas in the body, the rest in the query.
    let body: Vec<_> = p
        .iter()
        .filter(|(k, _)| k == "Content" || k == "Canvas")
        .cloned()
        .collect();
    p.retain(|(k, _)| k != "Content" && k != "Canvas");
    let res = client()
        .post(format!("{}/?{}", h.endpoint(), encode_params(&p)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(encode_params(&body))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let v: Value = res.json().await.unwrap();
    assert_eq!(v["Success"], true);
    let cf = &v["ContactFlow"];
    assert_eq!(cf["ContactFlowName"], "测试流程");
    assert_eq!(cf["Versions"]["ContactFlowVersion"][0]["Content"], content);
    assert_eq!(cf["AppliedVersion"], "", "nothing is published by a create");
    let (_, v) = call(&h, "ListContactFlows", &[("Version", "2017-07-05")]).await;
    assert_eq!(
        v["ContactFlows"]["ContactFlow"][0]["ContactFlowId"],
        cf["ContactFlowId"]
    );
    // A commit replaces the version's Content and Canvas; a publish applies it.
    let version = cf["Versions"]["ContactFlowVersion"][0]["ContactFlowVersionId"]
        .as_str()
        .unwrap();
    let v17 = ("Version", "2017-07-05");
    let content2 = r#"[{"nodeType":"start","nodeDescript":"开始（改）","variables":[]}]"#;
    let commit = |id, content| {
        [
            v17,
            ("ContactFlowVersionId", id),
            ("Content", content),
            ("Canvas", canvas),
        ]
    };
    let (s, v) = call(
        &h,
        "CommitContactFlowVersionModification",
        &commit(version, content2),
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let got = &v["ContactFlow"]["Versions"]["ContactFlowVersion"][0];
    assert_eq!(
        (got["Content"].as_str(), got["Status"].as_str()),
        (Some(content2), Some("Draft"))
    );
    let (s, v) = call(
        &h,
        "PublishContactFlowVersion",
        &[v17, ("ContactFlowVersionId", version)],
    )
    .await;
    assert_eq!(s, 200, "{v}");
    let (_, v) = call(&h, "ListContactFlows", &[v17]).await;
    let listed = &v["ContactFlows"]["ContactFlow"];
    assert_eq!(
        listed.as_array().unwrap().len(),
        1,
        "updated in place: {listed}"
    );
    let got = &listed[0]["Versions"]["ContactFlowVersion"][0];
    assert_eq!(got["Status"], "Published");
    assert_eq!(got["Content"], content2);
    assert_eq!(listed[0]["AppliedVersion"], got["Version"]);
    // An unknown version, and a Content that is not a node list, are refused.
    let (s, v) = call(
        &h,
        "CommitContactFlowVersionModification",
        &commit("nope", content2),
    )
    .await;
    assert_eq!(s, 404);
    assert_error_body(&v, "NotExists.ContactFlowVersionId", 404);
    let (s, v) = call(
        &h,
        "PublishContactFlowVersion",
        &[v17, ("ContactFlowVersionId", "nope")],
    )
    .await;
    assert_eq!(s, 404);
    assert_error_body(&v, "NotExists.ContactFlowVersionId", 404);
    let (s, v) = call(
        &h,
        "CommitContactFlowVersionModification",
        &commit(version, "{}"),
    )
    .await;
    assert_eq!(s, 400);
    assert_error_body(&v, "InvalidParameter.Content", 400);
    h.shutdown().await;
}

#[tokio::test]
async fn fault_switches() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let list = [("PageNumber", "1"), ("PageSize", "10")];
    h.faults().push(Fault::new(FaultKind::Throttle, 1));
    // A request the gateway refuses does not use the switch up.
    let (s, _) = post(
        &h,
        &signed(
            "ListContactFlows",
            &list,
            "wrong",
            &fresh_nonce(),
            SystemTime::now(),
        ),
    )
    .await;
    assert_eq!(s, 403);
    assert_eq!(h.faults().pending().len(), 1);
    let res = client()
        .post(h.endpoint())
        .body(encode_params(&signed(
            "ListContactFlows",
            &list,
            "sandbox-secret",
            &fresh_nonce(),
            SystemTime::now(),
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert!(res.headers().get("x-acs-retry-after").is_some());
    assert_error_body(&res.json().await.unwrap(), "Throttling.User", 400);

    // Over the control endpoint: fail once, only for ListContactFlows.
    let ctl = format!("{}/__sandbox/faults", h.endpoint());
    let res = client()
        .post(&ctl)
        .json(&json!({"kind": "fail", "count": 1, "action": "ListContactFlows"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let (s, v) = call(&h, "ListContactFlows", &list).await;
    assert_eq!(s, 500);
    assert_error_body(&v, "InternalError", 500);
    let (s, _) = call(&h, "ListContactFlows", &list).await;
    assert_eq!(s, 200);

    // Delay.
    h.faults()
        .push(Fault::new(FaultKind::Delay, 1).with_delay_ms(300));
    let t = std::time::Instant::now();
    let (s, _) = call(&h, "ListContactFlows", &list).await;
    assert_eq!(s, 200);
    assert!(t.elapsed() >= Duration::from_millis(300));

    // Drop: the create is done, the answer never comes.
    h.faults()
        .push(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
    let p = signed(
        "CreateContactFlow",
        &[
            ("Name", "dropped"),
            ("Definition", DEF),
            ("Description", "v1"),
            ("Type", "MAIN_FLOW"),
        ],
        "sandbox-secret",
        &fresh_nonce(),
        SystemTime::now(),
    );
    let res = client()
        .post(h.endpoint())
        .body(encode_params(&p))
        .send()
        .await;
    assert!(res.is_err(), "the connection was dropped: {res:?}");
    let (_, v) = call(&h, "ListContactFlows", &list).await;
    assert_eq!(v["Data"]["TotalCount"], 1, "the create was performed");

    let res = client().delete(&ctl).send().await.unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let res = client().post(&ctl).body("{").send().await.unwrap();
    assert_eq!(res.status().as_u16(), 400);
    h.shutdown().await;
}

#[tokio::test]
async fn only_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = SandboxConfig::new(dir.path()).with_addr("0.0.0.0:0".parse().unwrap());
    assert!(Sandbox::start(cfg).await.is_err());
}
