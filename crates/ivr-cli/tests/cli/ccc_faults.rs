//! Faults and edge cases of `ivr publish` against the sandbox: a create
//! answered 500 (nothing created) is sent again once looked up; a failed
//! publish leaves no draft locked and records the created flow; a saved
//! draft is published later; throttling past the retries is reported; a
//! binding to a flow that is gone is named; `ivr sandbox` serves; CCC 2017.

use std::io::{BufRead as _, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::{World, flow, has_prompt, read_flow, set_prompt, text, write_flow};
use ivr_flow::Provider;
use ivr_sandbox::{Fault, FaultKind};

#[test]
fn a_create_answered_500_is_looked_up_then_sent_again_once() {
    let w = World::ccc();
    let file = write_flow(&w.path("a.ivr.json"), &flow("Five hundred", "x"));
    w.faults(Fault::new(FaultKind::Fail, 1).for_action("CreateContactFlow"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(w.sandbox.faults().pending().is_empty());
    let listed = w.list();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn a_failed_publish_discards_its_draft_and_keeps_the_created_binding() {
    a_failed_publish_keeps_the_created_binding(World::ccc(), "PublishContactFlow");
}

#[test]
fn a_failed_2017_publish_keeps_the_created_binding() {
    a_failed_publish_keeps_the_created_binding(World::ccc2017(), "PublishContactFlowVersion");
}

/// After a create, the publish step (`action`) fails past its retries: the
/// error is the provider's, the created flow is bound (with no draft left
/// open), and once the service recovers the same flow is published.
fn a_failed_publish_keeps_the_created_binding(w: World, action: &str) {
    let file = write_flow(&w.path("p.ivr.json"), &flow("Publish fails", "x"));
    w.faults(Fault::new(FaultKind::Fail, 20).for_action(action));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("InternalError"), "{err}");
    assert!(err.contains("request id"), "{err}");
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], false, "{listed:?}");
    assert!(
        listed[0]["draft_id"].is_null(),
        "the draft was discarded: {listed:?}"
    );
    let bound = read_flow(Path::new(&file));
    assert_eq!(bound.bindings.len(), 1, "the created flow is recorded");
    assert_eq!(listed[0]["id"], bound.bindings[0].remote_id.as_str());

    // Once the service recovers, the same flow is updated and published.
    w.sandbox.faults().clear();
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn saved_then_published() {
    let w = World::ccc();
    let file = write_flow(&w.path("s.ivr.json"), &flow("Saved first", "x"));
    let out = w.ivr(&["publish", &file, "--profile", "sb", "--status", "saved"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let b = read_flow(Path::new(&file)).bindings[0].clone();
    assert!(b.draft.is_some(), "the open draft is recorded");
    let listed = w.list();
    assert_eq!(listed[0]["published"], false);
    assert_eq!(listed[0]["draft_id"], b.draft.as_deref().unwrap());

    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = read_flow(Path::new(&file)).bindings[0].clone();
    assert_eq!(after.remote_id, b.remote_id);
    assert_eq!(after.draft, None);
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], true);
    assert!(listed[0]["draft_id"].is_null());
}

#[test]
fn throttling_past_the_retries_is_reported() {
    let w = World::ccc();
    w.faults(Fault::new(FaultKind::Throttle, 50).for_action("ListContactFlows"));
    let out = w.ivr(&["list", "--profile", "sb"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("Throttling.User"), "{err}");
    assert!(err.contains("throttling"), "{err}");
}

#[test]
fn a_binding_to_a_flow_that_is_gone_is_named() {
    let w = World::ccc();
    let mut f = flow("Gone", "x");
    f.bindings.push(ivr_flow::Binding {
        provider: Provider::Aliyun,
        profile: "sb".into(),
        instance: crate::support::CCC_INSTANCE.into(),
        remote_id: "0000-gone".into(),
        version: None,
        sha: None,
        draft: None,
        synced: None,
    });
    let file = write_flow(&w.path("g.ivr.json"), &f);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("NotExists.ContactFlowId"), "{err}");
    assert!(err.contains("remove that binding"), "{err}");
    assert!(w.list().is_empty(), "nothing was created");
}

#[test]
fn ccc_2017_publish_and_list() {
    let w = World::ccc2017();
    let file = write_flow(&w.path("old.ivr.json"), &flow("Legacy flow", "x"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let b = read_flow(Path::new(&file)).bindings[0].clone();
    assert_eq!(b.provider, Provider::Aliyun2017);
    assert!(b.version.is_some(), "the version id is recorded");
    let out = w.ivr(&["list", "--profile", "sb"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains(&b.remote_id) && shown.contains("Legacy flow"),
        "{shown}"
    );
    let out = w.ivr(&["list", "--profile", "sb", "--type", "sub"]);
    assert!(!text(&out.stdout).contains(&b.remote_id), "type filter");
    // Import it back.
    let out = w.ivr(&["import", "--profile", "sb", "--all", "-o", "back"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Legacy-flow.ivr.json"));
    assert_eq!(back.name, "Legacy flow");
    assert_eq!(back.nodes.len(), 3);
    assert_eq!(back.bindings[0].remote_id, b.remote_id);
    // Edit and publish again: the same flow's version is updated and
    // published (CommitContactFlowVersionModification), not duplicated.
    let out = w.ivr(&["publish", &file, "--profile", "sb", "--dry-run"]);
    assert!(
        text(&out.stdout).contains(&format!("would update aliyun2017 flow {}", b.remote_id)),
        "{}",
        text(&out.stdout)
    );
    let mut edited = read_flow(Path::new(&file));
    set_prompt(&mut edited, "Edited legacy prompt.");
    write_flow(Path::new(&file), &edited);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = w.ivr(&["list", "--profile", "sb", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["flows"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["flows"][0]["id"], b.remote_id.as_str());
    assert_eq!(v["flows"][0]["published"], true, "{v}");
    let again = read_flow(Path::new(&file));
    assert_eq!(again.bindings.len(), 1);
    assert_eq!(
        again.bindings[0].version, b.version,
        "the same working version"
    );
    let out = w.ivr(&[
        "import",
        "--profile",
        "sb",
        "--all",
        "-o",
        "back",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Legacy-flow.ivr.json"));
    assert!(
        has_prompt(&back, "Edited legacy prompt."),
        "the edit came back: {:?}",
        back.nodes
    );
}

#[test]
fn the_sandbox_verb_serves_until_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ivr"))
        .args(["sandbox", "--addr", "127.0.0.1:0", "--data"])
        .arg(dir.path().join("data"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(30));
    let alive = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let _ = child.wait();
    let line = line.expect("the sandbox printed its address");
    assert!(alive, "still running after printing");
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert!(
        !line.contains("127.0.0.1:0 "),
        "the real port is shown: {line}"
    );
    assert!(line.contains("key id sandbox"), "{line}");
}

#[test]
fn a_dropped_2017_create_is_not_duplicated() {
    let w = World::ccc2017();
    let file = write_flow(&w.path("d17.ivr.json"), &flow("Legacy dropped", "x"));
    w.faults(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(w.sandbox.faults().pending().is_empty(), "the drop was hit");
    let out = w.ivr(&["list", "--profile", "sb", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flows = v["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 1, "{flows:?}");
    assert_eq!(
        flows[0]["id"],
        read_flow(Path::new(&file)).bindings[0].remote_id.as_str()
    );
}

#[test]
fn a_provider_format_file_is_refused_so_no_publish_can_duplicate() {
    let w = World::ccc();
    let item = ivr_flow::dialect::aliyun::encode_item(&flow("Raw item", "x")).unwrap();
    let path = w.path("item.json");
    std::fs::write(&path, item.to_string()).unwrap();
    let out = w.publish(path.to_str().unwrap());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("ivr convert") && err.contains("nothing was sent"),
        "{err}"
    );
    assert!(w.list().is_empty());
}
