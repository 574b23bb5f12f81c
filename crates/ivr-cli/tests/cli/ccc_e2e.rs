//! `ivr publish | list | import` end to end against the sandbox: a real
//! sandbox on a free loopback port, the real `ivr` binary, real signatures,
//! a temporary config folder and the credentials in the environment (no
//! keyring). Every run of `ivr` is killed after a time limit.

use std::path::Path;

use crate::support::{
    CCC_INSTANCE as INSTANCE, World, flow, has_prompt, read_flow, set_prompt, text, write_flow,
};
use ivr_flow::dialect::aliyun;
use ivr_flow::{Flow, Provider};
use ivr_sandbox::{Fault, FaultKind};

/// The same flow up to bindings and the ids the provider assigns: same name,
/// kind, description and the same Definition when written for CCC.
fn assert_same_flow(a: &Flow, b: &Flow) {
    assert_eq!(a.name, b.name);
    assert_eq!(a.kind, b.kind);
    assert_eq!(a.description, b.description);
    assert_eq!(a.nodes.len(), b.nodes.len());
    assert_eq!(a.edges.len(), b.edges.len());
    let mut blocks_a: Vec<_> = a
        .nodes
        .iter()
        .map(|n| (&n.block, &n.label, &n.params))
        .collect();
    let mut blocks_b: Vec<_> = b
        .nodes
        .iter()
        .map(|n| (&n.block, &n.label, &n.params))
        .collect();
    blocks_a.sort_by_key(|x| format!("{x:?}"));
    blocks_b.sort_by_key(|x| format!("{x:?}"));
    assert_eq!(blocks_a, blocks_b);
    assert_eq!(aliyun::encode(a).unwrap(), aliyun::encode(b).unwrap());
}

#[test]
fn publish_list_import_back_equal_then_update_without_duplicate() {
    let w = World::ccc();
    let original = flow("E2E main", "Hello from the sandbox.");
    let file = write_flow(&w.path("main.ivr.json"), &original);

    // Dry run: says create, sends nothing.
    let out = w.ivr(&["publish", &file, "--profile", "sb", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("would create"),
        "{}",
        text(&out.stdout)
    );
    assert!(text(&out.stdout).contains(INSTANCE));
    assert!(w.list().is_empty());

    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let saved = read_flow(Path::new(&file));
    assert_eq!(saved.bindings.len(), 1);
    let b = &saved.bindings[0];
    assert_eq!(
        (b.provider, b.profile.as_str(), b.instance.as_str()),
        (Provider::Aliyun, "sb", INSTANCE)
    );
    assert!(
        text(&out.stdout).contains(&b.remote_id),
        "{}",
        text(&out.stdout)
    );

    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], b.remote_id.as_str());
    assert_eq!(listed[0]["name"], "E2E main");
    assert_eq!(listed[0]["published"], true);
    assert!(listed[0]["draft_id"].is_null(), "no draft left open");

    // Import it back into another folder: the same flow.
    let out = w.ivr(&[
        "import",
        "--profile",
        "sb",
        "--id",
        &b.remote_id,
        "-o",
        "imported",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let imported_path = w.path("imported").join("E2E-main.ivr.json");
    let imported = read_flow(&imported_path);
    assert_same_flow(&original, &imported);
    assert_eq!(imported.bindings[0].remote_id, b.remote_id);

    // The dry run now says update.
    let out = w.ivr(&["publish", &file, "--profile", "sb", "--dry-run"]);
    assert!(text(&out.stdout).contains(&format!("would update aliyun flow {}", b.remote_id)));

    // Edit and publish again: the same remote flow is updated.
    let mut edited = saved.clone();
    set_prompt(&mut edited, "Edited prompt.");
    write_flow(Path::new(&file), &edited);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed = w.list();
    assert_eq!(listed.len(), 1, "an update must not create a second flow");
    assert_eq!(listed[0]["id"], b.remote_id.as_str());

    // Importing again shows the edit; the unchanged-file rule refuses to
    // overwrite without --force.
    let out = w.ivr(&["import", "--profile", "sb", "--all", "-o", "imported"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--force"));
    let out = w.ivr(&[
        "import",
        "--profile",
        "sb",
        "--all",
        "-o",
        "imported",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = read_flow(&imported_path);
    assert!(
        has_prompt(&again, "Edited prompt."),
        "the edit is in the imported flow"
    );
    let out = w.ivr(&["import", "--profile", "sb", "--all", "-o", "imported"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("unchanged"));
}

#[test]
fn a_wrong_secret_is_refused_with_a_clear_message() {
    let w = World::ccc();
    let secret = "not-the-sandbox-secret-7f3a";
    let out = w.ivr_with_secret(&["list", "--profile", "sb"], secret);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("SignatureDoesNotMatch"), "{err}");
    assert!(err.contains("check the secret"), "{err}");
    assert!(
        !err.contains(secret) && !text(&out.stdout).contains(secret),
        "{err}"
    );

    // With an STS token, the token is not shown either (the server's message
    // quotes every signed parameter).
    let token = "CAIS-sts-token/Secret+Value==";
    let out = w.ivr_with_env(
        &["list", "--profile", "sb"],
        secret,
        &[("ALIBABA_CLOUD_SECURITY_TOKEN", token)],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("SecurityToken%3D***"), "{err}");
    assert!(!err.contains("CAIS") && !err.contains(secret), "{err}");

    let file = write_flow(&w.path("f.ivr.json"), &flow("Refused", "x"));
    let out = w.ivr_with_secret(&["publish", &file, "--profile", "sb"], secret);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("SignatureDoesNotMatch"));
    assert!(read_flow(Path::new(&file)).bindings.is_empty());
    assert!(w.list().is_empty());
}

#[test]
fn throttling_is_survived() {
    let w = World::ccc();
    let file = write_flow(&w.path("t.ivr.json"), &flow("Throttled", "x"));
    w.faults(Fault::new(FaultKind::Throttle, 2));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        w.sandbox.faults().pending().is_empty(),
        "both throttles were hit"
    );
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn a_dropped_create_is_not_duplicated() {
    let w = World::ccc();
    let file = write_flow(&w.path("d.ivr.json"), &flow("Dropped", "x"));
    w.faults(Fault::new(FaultKind::Drop, 1).for_action("CreateContactFlow"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(w.sandbox.faults().pending().is_empty(), "the drop was hit");
    let listed = w.list();
    assert_eq!(listed.len(), 1, "exactly one flow: {listed:?}");
    let b = &read_flow(Path::new(&file)).bindings[0];
    assert_eq!(listed[0]["id"], b.remote_id.as_str());
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn a_flow_with_errors_is_refused_before_anything_is_sent() {
    let w = World::ccc();
    let mut bad = flow("Broken", "x");
    bad.edges.clear();
    let file = write_flow(&w.path("b.ivr.json"), &bad);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("nothing was sent"),
        "{}",
        text(&out.stderr)
    );
    assert!(w.list().is_empty());
    let out = w.ivr(&["list", "--profile", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no profile named"));
}
