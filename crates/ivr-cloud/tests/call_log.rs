//! The log of cloud calls, as the app writes it (`ivr_files::logs::to_files`)
//! against the sandbox over loopback: a publish failed by the sandbox's fault
//! switch is found in the log file with its provider, action, status and the
//! provider's request id (the same id the error shows), for Amazon Connect,
//! CCC and NXLink; a successful call is logged with its request id; and no
//! secret, signature or authorisation header reaches the file, even at the
//! most detailed level and with a wrong secret refused.
//!
//! Its own test binary: the logger is global to the process.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use ivr_cloud::ccc::CccClient;
use ivr_cloud::connect::ConnectClient;
use ivr_cloud::credentials::Credentials;
use ivr_cloud::http::{HttpConfig, RetryPolicy};
use ivr_cloud::nxlink::NxlinkClient;
use ivr_cloud::profile::Profile;
use ivr_cloud::remote::PublishStatus;
use ivr_cloud::{CloudError, Secret};
use ivr_flow::Provider;
use ivr_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig};

const WRONG_SECRET: &str = "log-test-Secret-7Yq2-ZZk9";

fn http() -> HttpConfig {
    HttpConfig {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(10),
        retry: RetryPolicy {
            max_attempts: 2,
            base: Duration::from_millis(10),
            cap: Duration::from_millis(20),
            max_retry_after: Duration::from_millis(20),
        },
    }
}

fn profile(provider: Provider, endpoint: String) -> Profile {
    Profile {
        region: Some(match provider {
            Provider::Connect => "us-west-2".into(),
            Provider::Nxlink => "hk".into(),
            _ => "cn-shanghai".into(),
        }),
        instance: (provider != Provider::Nxlink).then(|| "inst-log".into()),
        endpoint: Some(endpoint),
        ..Profile::new("log", provider)
    }
}

fn flow(name: &str) -> ivr_flow::Flow {
    let mut f = ivr_flow::starter_flow();
    f.name = name.into();
    f
}

/// The one line of `log` holding `needle`, or a failure showing the log.
fn line_with<'a>(log: &'a str, needles: &[&str]) -> &'a str {
    log.lines()
        .find(|l| needles.iter().all(|n| l.contains(n)))
        .unwrap_or_else(|| panic!("no log line holds all of {needles:?}:\n{log}"))
}

fn request_id(e: &CloudError) -> String {
    e.request_id()
        .unwrap_or_else(|| panic!("the error names the provider's request id: {e}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_calls_are_logged_with_their_request_id_and_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let logs = ivr_files::logs::dir(dir.path());
    // The most detailed level: whatever any crate logs must still be clean.
    ivr_files::logs::to_files_at(&logs, "trace").unwrap();

    let sb = Sandbox::start(SandboxConfig::new(dir.path().join("sandbox")))
        .await
        .unwrap();
    let endpoint = sb.endpoint();

    // Amazon Connect: CreateContactFlow answered 500 every time.
    let connect = ConnectClient::with_config(
        &profile(Provider::Connect, endpoint.clone()),
        Credentials::sandbox_demo(),
        http(),
    )
    .unwrap();
    sb.faults()
        .push(Fault::new(FaultKind::Fail, 50).for_action("CreateContactFlow"));
    let e = connect
        .publish(&flow("Logged Connect"), PublishStatus::Published, false)
        .await
        .unwrap_err()
        .error;
    let connect_id = request_id(&e);
    sb.faults().clear();
    let listed = connect.list_flows(&[]).await.unwrap();
    assert!(listed.is_empty(), "nothing was created: {listed:?}");

    // CCC: CreateContactFlow answered 500 every time.
    let ccc = CccClient::with_config(
        &profile(Provider::Aliyun, endpoint.clone()),
        Credentials::sandbox_demo(),
        http(),
    )
    .unwrap();
    sb.faults()
        .push(Fault::new(FaultKind::Fail, 50).for_action("CreateContactFlow"));
    let e = ccc
        .publish(&flow("Logged CCC"), PublishStatus::Published)
        .await
        .unwrap_err();
    let ccc_id = request_id(&e.error);
    sb.faults().clear();

    // NXLink: the agents' list answered, then a wrong secret refused.
    let nx = NxlinkClient::with_config(
        &profile(Provider::Nxlink, endpoint.clone()),
        Credentials::sandbox_demo(),
        http(),
    )
    .unwrap();
    nx.agents("").await.unwrap();
    let wrong = Credentials {
        secret: Secret::new(WRONG_SECRET),
        ..Credentials::sandbox_demo()
    };
    let nx_wrong =
        NxlinkClient::with_config(&profile(Provider::Nxlink, endpoint), wrong, http()).unwrap();
    let e = nx_wrong.agents("").await.unwrap_err();
    let nx_id = request_id(&e);
    sb.shutdown().await;

    let files = ivr_files::logs::files(&logs);
    assert_eq!(files.len(), 1, "one file for today: {files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("ivr-studio.") && name.ends_with(".log"),
        "{name}"
    );
    let log = std::fs::read_to_string(&files[0]).unwrap();

    let l = line_with(
        &log,
        &[
            "call failed",
            "provider=connect",
            "action=CreateContactFlow",
            &format!("request_id={connect_id}"),
        ],
    );
    assert!(
        l.contains(" WARN ") && l.contains("status=500") && l.contains("ms="),
        "{l}"
    );
    let l = line_with(
        &log,
        &[
            "call failed",
            "provider=aliyun",
            "action=CreateContactFlow",
            &format!("request_id={ccc_id}"),
        ],
    );
    assert!(
        l.contains("status=500") && l.contains("code=InternalError"),
        "{l}"
    );
    line_with(
        &log,
        &[
            "call answered",
            "provider=connect",
            "action=ListContactFlows",
            "status=200",
        ],
    );
    let l = line_with(&log, &["call answered", "provider=nxlink", "status=200"]);
    assert!(!l.contains("request_id=-"), "the trace id is logged: {l}");
    let l = line_with(
        &log,
        &[
            "call failed",
            "provider=nxlink",
            &format!("request_id={nx_id}"),
        ],
    );
    assert!(l.contains("kind=auth"), "{l}");

    for secret in [WRONG_SECRET, ivr_cloud::credentials::SANDBOX_SECRET] {
        assert!(!log.contains(secret), "the log holds a secret:\n{log}");
    }
    for header in [
        "Authorization",
        "authorization",
        "Signature=",
        "x-acs-signature",
        "X-Amz-Signature",
    ] {
        assert!(!log.contains(header), "the log holds {header}:\n{log}");
    }
}
