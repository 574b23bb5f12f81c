//! The CCC client library (`ivr_cloud::ccc`) against the sandbox with short
//! timeouts: a create whose answer comes too late is found by lookup, not
//! sent twice; calls that keep timing out give a `Timeout` error; paging
//! reads past the first page; the Type filter and search are applied.

use std::time::{Duration, Instant};

use crate::support::{fast_http as config, named_flow as flow};
use ivr_cloud::ErrorKind;
use ivr_cloud::ccc::{CccClient, ListFilter};
use ivr_cloud::credentials::Credentials;
use ivr_cloud::profile::Profile;
use ivr_cloud::remote::PublishStatus;
use ivr_flow::Provider;
use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, SandboxHandle};

fn client(sb: &SandboxHandle) -> CccClient {
    let profile = Profile {
        region: Some("cn-shanghai".into()),
        instance: Some("inst-lib".into()),
        endpoint: Some(sb.endpoint()),
        ..Profile::new("lib", Provider::Aliyun)
    };
    CccClient::with_config(&profile, Credentials::sandbox_demo(), config()).unwrap()
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
        c.publish(&flow("Late"), PublishStatus::Published),
    )
    .await
    .unwrap()
    .unwrap();
    let all = c.list_flows(&ListFilter::default()).await.unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].id, b.remote_id);
    assert!(all[0].published);
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
    let e = c.list_flows(&ListFilter::default()).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e}");
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "bounded: {:?}",
        t.elapsed()
    );
    sb.shutdown().await;
}

#[tokio::test]
async fn every_page_is_read_and_filters_apply() {
    let dir = tempfile::tempdir().unwrap();
    let sb = Sandbox::start(SandboxConfig::new(dir.path()))
        .await
        .unwrap();
    let c = client(&sb);
    // 101 flows: the client must read past a full page of 100.
    for i in 0..101 {
        c.publish(&flow(&format!("bulk {i:03}")), PublishStatus::Saved)
            .await
            .unwrap();
    }
    let all = c.list_flows(&ListFilter::default()).await.unwrap();
    assert_eq!(all.len(), 101);
    let found = c
        .list_flows(&ListFilter {
            r#type: None,
            search: Some("bulk 042".into()),
        })
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "bulk 042");
    let subs = c
        .list_flows(&ListFilter {
            r#type: Some("SUB_FLOW".into()),
            search: None,
        })
        .await
        .unwrap();
    assert!(subs.is_empty());
    sb.shutdown().await;
}

#[tokio::test]
async fn a_server_clock_20_minutes_ahead_is_named_as_clock_skew() {
    let dir = tempfile::tempdir().unwrap();
    let mut cfg = SandboxConfig::new(dir.path());
    cfg.clock_offset_secs = 20 * 60;
    let sb = Sandbox::start(cfg).await.unwrap();
    let e = client(&sb)
        .list_flows(&ListFilter::default())
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::ClockSkew, "{e}");
    assert_eq!(e.code(), Some("IllegalTimestamp"));
    let shown = e.to_string();
    assert!(shown.contains("behind the provider's"), "{shown}");
    assert!(shown.contains(" min "), "the offset is named: {shown}");
    sb.shutdown().await;
}
