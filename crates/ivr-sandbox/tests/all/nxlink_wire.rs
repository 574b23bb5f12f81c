//! The sandbox's NXLink over real HTTP on loopback: NXLink's gateway codes
//! (1001 missing header, 1002 bad parameter, 1003 signature, 1004 stale
//! timestamp), the task endpoints with `errList` refusals, paging, the
//! directory file, fault switches by path, and state that survives a restart.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, SystemTime};

use ivr_cloud::Secret;
use ivr_cloud::sign::nxlink::{Algorithm, sign};
use ivr_sandbox::{Fault, FaultKind, SandboxHandle};
use serde_json::{Value, json};

use crate::support::{http as client, start};

/// A POST of `bytes` to `/openapi/aiagent/{api}` signed with `secret` at
/// `at`, without the headers named in `without`.
fn signed(
    h: &SandboxHandle,
    api: &str,
    bytes: &[u8],
    secret: &str,
    at: SystemTime,
    without: &[&str],
) -> reqwest::RequestBuilder {
    let mut req = client()
        .post(format!("{}/openapi/aiagent/{api}", h.endpoint()))
        .header("content-type", "application/json");
    for (k, v) in sign("sandbox", &Secret::new(secret), at, bytes, Algorithm::Md5) {
        if !without.contains(&k) {
            req = req.header(k, v);
        }
    }
    req.body(bytes.to_vec())
}

/// Sends `body` as [`signed`] does; returns the HTTP status and body.
async fn post_as(
    h: &SandboxHandle,
    api: &str,
    body: &Value,
    secret: &str,
    at: SystemTime,
    without: &[&str],
) -> (u16, Value) {
    let bytes = body.to_string().into_bytes();
    let res = signed(h, api, &bytes, secret, at, without)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

async fn post(h: &SandboxHandle, api: &str, body: &Value) -> Value {
    let (status, v) = post_as(h, api, body, "sandbox-secret", SystemTime::now(), &[]).await;
    assert_eq!(status, 200, "{v}");
    v
}

fn task(user_task_id: &str, list: Value) -> Value {
    json!({
        "userTaskId": user_task_id, "taskName": format!("Task {user_task_id}"),
        "autoFlowId": 197, "routeId": "y29ND1X4kkCG_nC576sALEkvg3HjEqde",
        "taskKeep": 0, "startupType": 1, "zoneSecond": 28800, "weekDay": "1,2,3,4,5",
        "firstFifteen": "9", "secondFifteen": "9", "thirdFifteen": "9", "fourthFifteen": "9",
        "orderMaxCall": 1, "replayInterval": 600, "callList": list
    })
}

fn contact(id: &str, phone: &str, params: Value) -> Value {
    json!({"contactId": id, "name": "Lucy", "phoneNumber": phone, "params": params})
}

#[tokio::test]
async fn the_gateway_checks_headers_signature_and_the_60_second_window() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let body = json!({"pageNumber": 1, "pageSize": 10});
    let now = SystemTime::now();
    let code = |v: &Value| v["code"].as_i64().unwrap();
    let (_, v) = post_as(&h, "flow/list", &body, "sandbox-secret", now, &["sign"]).await;
    assert_eq!(code(&v), 1001, "{v}");
    let (_, v) = post_as(&h, "flow/list", &body, "wrong", now, &[]).await;
    assert_eq!(code(&v), 1003, "{v}");
    assert!(v["traceId"].as_str().is_some_and(|t| !t.is_empty()));
    let old = now - Duration::from_secs(61);
    let (_, v) = post_as(&h, "flow/list", &body, "sandbox-secret", old, &[]).await;
    assert_eq!(code(&v), 1004, "{v}");
    let soon = now + Duration::from_secs(50);
    let (_, v) = post_as(&h, "flow/list", &body, "sandbox-secret", soon, &[]).await;
    assert_eq!(code(&v), 0, "{v}");
    // bizType must be 100.
    let bytes = body.to_string().into_bytes();
    let req = signed(&h, "flow/list", &bytes, "sandbox-secret", now, &["bizType"]);
    let v: Value = req
        .header("bizType", "1")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(code(&v), 1002, "{v}");
    h.shutdown().await;
}

#[tokio::test]
async fn agents_routes_and_paging() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let v = post(&h, "flow/list", &json!({"pageNumber": 1, "pageSize": 1})).await;
    assert_eq!(v["data"]["total"], 2);
    assert_eq!(v["data"]["list"][0]["autoFlowId"], 197);
    let v = post(&h, "flow/list", &json!({"pageNumber": 2, "pageSize": 1})).await;
    assert_eq!(v["data"]["list"][0]["autoFlowId"], 198);
    let v = post(&h, "flow/list", &json!({"pageNumber": 1, "pageSize": 1001})).await;
    assert_eq!(v["code"], 1002, "{v}");
    let v = post(
        &h,
        "route/list",
        &json!({"routeName": "indonesia", "pageNumber": 1, "pageSize": 10}),
    )
    .await;
    assert_eq!(v["data"]["list"][0]["routeId"], "route-idn-1");
    h.shutdown().await;
}

#[tokio::test]
async fn a_directory_file_sets_the_agents_and_their_variables() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nxlink-directory.json"),
        r#"{"agents":[{"autoFlowId":7,"name":"Survey","variables":["score"]}],
            "routes":[{"routeId":"r1","routeName":"Only route"}]}"#,
    )
    .unwrap();
    let h = start(dir.path()).await;
    let mut t = task(
        "T-dir",
        json!([
            contact("d1", "13800000001", json!([{"name": "score", "value": 5}])),
            contact(
                "d2",
                "13800000002",
                json!([{"name": "customerName", "value": "x"}])
            ),
        ]),
    );
    t["autoFlowId"] = json!(7);
    t["routeId"] = json!("r1");
    let v = post(&h, "task/create", &t).await;
    assert_eq!(v["data"]["successCount"], 1, "{v}");
    assert_eq!(
        v["data"]["errList"][0]["errMsg"],
        "Variable not found in flow: customerName"
    );
    let v = post(&h, "task/create", &task("T-197", json!([]))).await;
    assert_eq!(v["code"], 20000);
    assert_eq!(v["message"], "autoFlowId not found");
    h.shutdown().await;
}

#[tokio::test]
async fn create_append_list_and_delete_with_refusals_in_err_list() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let v = post(
        &h,
        "task/create",
        &task(
            "T-1",
            json!([
                contact(
                    "c1",
                    "13800000001",
                    json!([{"name": "customerName", "value": "Lucy"}])
                ),
                contact("c2", "1312895-xxx", json!([])),
                contact(
                    "c3",
                    "+8613800000003",
                    json!([{"name": "coupon", "value": "1"}])
                ),
            ]),
        ),
    )
    .await;
    let data = &v["data"];
    assert_eq!(
        (data["successCount"].clone(), data["totalCount"].clone()),
        (json!(1), json!(3)),
        "{v}"
    );
    assert_eq!(data["userTaskId"], "T-1");
    assert_eq!(
        data["errList"][0]["errMsg"],
        "Illegal phone number format:1312895-xxx"
    );
    assert_eq!(
        data["errList"][1]["errMsg"],
        "Variable not found in flow: coupon"
    );
    let task_id = data["taskId"].as_str().unwrap().to_owned();

    // An append: a new contact taken, an id already in refused.
    let v = post(
        &h,
        "call/append",
        &json!({"taskId": task_id, "list": [
            contact("c4", "13800000004", json!([])),
            contact("c1", "13800000001", json!([])),
        ]}),
    )
    .await;
    assert_eq!(v["data"]["successCount"], 1, "{v}");
    assert_eq!(
        v["data"]["errList"][0]["errMsg"],
        "contactId already exists: c1"
    );
    let v = post(
        &h,
        "call/append",
        &json!({"taskId": "nope", "list": [contact("c9", "13800000009", json!([]))]}),
    )
    .await;
    assert_eq!(
        (v["code"].clone(), v["message"].clone()),
        (json!(20000), json!("taskId not found"))
    );

    let v = post(
        &h,
        "task/list",
        &json!({"taskName": "task t-1", "pageNumber": 1, "pageSize": 10}),
    )
    .await;
    assert_eq!(v["data"]["total"], 1, "{v}");
    assert_eq!(v["data"]["list"][0]["totalCount"], 2);
    assert_eq!(v["data"]["list"][0]["taskStatus"], 1);
    let v = post(
        &h,
        "call/list",
        &json!({"taskId": task_id, "pageNumber": 1, "pageSize": 10}),
    )
    .await;
    assert_eq!(v["data"]["list"], json!([]), "{v}");

    let v = post(
        &h,
        "order/delete",
        &json!({"userTaskId": "T-1", "contactId": "c4"}),
    )
    .await;
    assert_eq!(v["code"], 0, "{v}");
    let v = post(
        &h,
        "order/delete",
        &json!({"taskId": task_id, "contactId": "c4"}),
    )
    .await;
    assert_eq!(v["message"], "contactId not found");

    // Kept in the data folder.
    h.shutdown().await;
    let h = start(dir.path()).await;
    let v = post(&h, "task/list", &json!({"pageNumber": 1, "pageSize": 10})).await;
    assert_eq!(v["data"]["list"][0]["totalCount"], 1, "{v}");
    h.shutdown().await;
}

#[tokio::test]
async fn fault_switches_apply_to_nxlink_paths() {
    let dir = tempfile::tempdir().unwrap();
    let h = start(dir.path()).await;
    let list = json!({"pageNumber": 1, "pageSize": 10});
    h.faults()
        .push(Fault::new(FaultKind::Throttle, 1).for_action("task/list"));
    h.faults()
        .push(Fault::new(FaultKind::Fail, 1).for_action("task/list"));
    for (status, code) in [(429, 429), (500, 500)] {
        let now = SystemTime::now();
        let (got, v) = post_as(&h, "task/list", &list, "sandbox-secret", now, &[]).await;
        assert_eq!((got, v["code"].clone()), (status, json!(code)), "{v}");
    }
    // A dropped create is done; its answer never comes.
    h.faults()
        .push(Fault::new(FaultKind::Drop, 1).for_action("task/create"));
    let bytes = task("T-drop", json!([])).to_string().into_bytes();
    let req = signed(
        &h,
        "task/create",
        &bytes,
        "sandbox-secret",
        SystemTime::now(),
        &[],
    );
    assert!(req.send().await.is_err());
    let v = post(&h, "task/list", &list).await;
    assert_eq!(v["data"]["list"][0]["userTaskId"], "T-drop", "{v}");
    assert!(h.faults().pending().is_empty());
    h.shutdown().await;
}
