//! The Amazon Connect client library (`ivr_cloud::connect`) against the
//! sandbox with short timeouts: a create whose answer comes too late is found
//! by lookup, not sent twice; calls that keep timing out give a `Timeout`
//! error; every page is read and the type filter applied; a sandbox clock 10
//! minutes ahead is named as clock skew; InvalidContactFlowException problems
//! come back naming the block; a flow without a name is refused unsent.

use std::time::{Duration, Instant};

use crate::support::{fast_http as config, named_flow as flow};
use ivr_cloud::ErrorKind;
use ivr_cloud::connect::ConnectClient;
use ivr_cloud::credentials::Credentials;
use ivr_cloud::profile::Profile;
use ivr_cloud::remote::PublishStatus;
use ivr_flow::{FlowKind, Provider};
use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, SandboxHandle};

fn client(sb: &SandboxHandle) -> ConnectClient {
    let profile = Profile {
        region: Some("ap-southeast-2".into()),
        instance: Some("inst-lib".into()),
        endpoint: Some(sb.endpoint()),
        ..Profile::new("lib", Provider::Connect)
    };
    ConnectClient::with_config(&profile, Credentials::sandbox_demo(), config()).unwrap()
}

#[tokio::test]
async fn a_create_answered_too_late_is_found_not_repeated() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let c = client(&sb);
    sb.faults().push(
        Fault::new(FaultKind::Delay, 1)
            .for_action("CreateContactFlow")
            .with_delay_ms(1500),
    );
    let b = tokio::time::timeout(
        Duration::from_secs(20),
        c.publish(&flow("Late"), PublishStatus::Published, false),
    )
    .await
    .unwrap()
    .unwrap();
    let all = c.list_flows(&[]).await.unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].id, b.remote_id);
    assert!(all[0].published());
    sb.shutdown().await;
}

#[tokio::test]
async fn calls_that_keep_timing_out_are_named_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let c = client(&sb);
    sb.faults()
        .push(Fault::new(FaultKind::Delay, 3).with_delay_ms(1000));
    let t = Instant::now();
    let e = c.list_flows(&[]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "bounded: {:?}",
        t.elapsed()
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn every_page_is_read_and_the_type_filter_applies() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let c = client(&sb);
    // 101 flows: the client must follow NextToken past a page of 100.
    for i in 0..101 {
        let mut f = flow(&format!("bulk {i:03}"));
        if i == 7 {
            f.kind = FlowKind::AgentWhisper;
        }
        c.publish(&f, PublishStatus::Saved, false).await.unwrap();
    }
    let all = c.list_flows(&[]).await.unwrap();
    assert_eq!(all.len(), 101);
    assert!(all.iter().all(|f| !f.published()));
    let whisper = c.list_flows(&["AGENT_WHISPER".into()]).await.unwrap();
    assert_eq!(whisper.len(), 1);
    assert_eq!(whisper[0].name, "bulk 007");
    let found = c.find_by_name("bulk 100").await.unwrap().unwrap();
    let described = c.describe_current(&found.id).await.unwrap();
    assert_eq!(described.name, "bulk 100");
    assert_eq!(described.status, "SAVED");
    sb.shutdown().await;
}

#[tokio::test]
async fn a_server_clock_10_minutes_ahead_is_named_as_clock_skew() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = SandboxConfig::new(dir.path());
    cfg.clock_offset_secs = 10 * 60;
    let sb = Sandbox::start(cfg).await.unwrap();
    let e = client(&sb).list_flows(&[]).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ClockSkew, "{e}");
    assert_eq!(e.code(), Some("InvalidSignatureException"));
    let shown = e.to_string();
    assert!(shown.contains("behind the provider's"), "{shown}");
    assert!(shown.contains(" min "), "the offset is named: {shown}");
    sb.shutdown().await;
}

#[tokio::test]
async fn invalid_content_problems_name_the_block() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let c = client(&sb);
    // An error branch to an action that does not exist (the CLI's own
    // validation refuses this first; the library reports Connect's verdict).
    let content = serde_json::json!({
        "Version": "2019-10-30", "StartAction": "hello",
        "Actions": [
            {"Identifier": "hello", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
             "Transitions": {"NextAction": "bye", "Errors": [{"NextAction": "nowhere", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "bye", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    });
    let mut f = ivr_flow::dialect::connect::decode(&content).unwrap();
    f.name = "Dangling".into();
    let e = c
        .publish(&f, PublishStatus::Published, false)
        .await
        .unwrap_err();
    assert_eq!(e.error.code(), Some("InvalidContactFlowException"));
    assert_eq!(e.problems.len(), 1, "{:?}", e.problems);
    assert_eq!(e.problems[0].action.as_deref(), Some("hello"));
    assert_eq!(e.problems[0].node.as_deref(), Some("hello"));
    assert!(e.problems[0].message.contains("'nowhere'"));
    assert!(e.created.is_none());
    // Saved, it is kept without validation.
    let b = c.publish(&f, PublishStatus::Saved, false).await.unwrap();
    assert!(!b.remote_id.is_empty());

    // No name: refused before anything is sent.
    f.name = " ".into();
    f.bindings.clear();
    let e = c
        .publish(&f, PublishStatus::Saved, false)
        .await
        .unwrap_err();
    assert_eq!(e.error.kind(), ErrorKind::Config);
    assert_eq!(c.list_flows(&[]).await.unwrap().len(), 1);
    sb.shutdown().await;
}
