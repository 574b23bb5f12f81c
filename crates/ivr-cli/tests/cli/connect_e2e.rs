//! `ivr publish | list | import` for Amazon Connect end to end against the
//! sandbox: a real sandbox on a free loopback port, the real `ivr` binary,
//! real SigV4 signatures, a temporary config folder and the AWS credentials
//! in the environment (no keyring). Every run of `ivr` is killed after a time
//! limit.

use std::path::Path;

use crate::support::{
    CONNECT_INSTANCE as INSTANCE, World, flow, has_prompt, read_flow, set_prompt, text, write_flow,
};
use ivr_flow::dialect::connect;
use ivr_flow::{Flow, FlowKind, Provider};
use ivr_sandbox::{Fault, FaultKind};

/// The same flow, in Connect's positions, up to bindings and the ids the
/// provider assigns.
fn assert_same_flow(a: &Flow, b: &Flow) {
    let strip = |f: &Flow| {
        let mut f = ivr_flow::spread::restore(f).into_owned();
        f.bindings.clear();
        f
    };
    assert_eq!(strip(a), strip(b));
    assert_eq!(
        connect::content_string(a).unwrap(),
        connect::content_string(b).unwrap()
    );
}

#[test]
fn publish_list_import_back_equal_then_update_without_duplicate() {
    let w = World::connect();
    let original = flow("E2E main", "Hello from the sandbox.");
    let file = write_flow(&w.path("main.ivr.json"), &original);

    let out = w.ivr(&["publish", &file, "--profile", "aws", "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("would create a new connect flow"), "{shown}");
    assert!(shown.contains(INSTANCE), "{shown}");
    assert!(w.list().is_empty());

    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let saved = read_flow(Path::new(&file));
    assert_eq!(saved.bindings.len(), 1);
    let b = saved.bindings[0].clone();
    assert_eq!(
        (b.provider, b.profile.as_str(), b.instance.as_str()),
        (Provider::Connect, "aws", INSTANCE)
    );
    assert_eq!(b.sha.as_ref().map(String::len), Some(64), "{b:?}");
    assert!(text(&out.stdout).contains(&b.remote_id));

    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], b.remote_id.as_str());
    assert_eq!(listed[0]["name"], "E2E main");
    assert_eq!(listed[0]["type"], "CONTACT_FLOW");
    assert_eq!(listed[0]["published"], true);
    let out = w.ivr(&["list", "--profile", "aws"]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains(&format!(
            "{}\tCONTACT_FLOW\tpublished\tE2E main",
            b.remote_id
        )),
        "{shown}"
    );

    // Import it back into another folder: the same flow.
    let out = w.ivr(&[
        "import",
        "--profile",
        "aws",
        "--id",
        &b.remote_id,
        "-o",
        "imported",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let imported_path = w.path("imported").join("E2E-main.ivr.json");
    let imported = read_flow(&imported_path);
    assert_same_flow(&original, &imported);
    assert_eq!(
        imported.bindings,
        vec![b.clone()],
        "the binding is recorded"
    );

    let out = w.ivr(&["publish", &file, "--profile", "aws", "--dry-run"]);
    assert!(
        text(&out.stdout).contains(&format!("would update connect flow {}", b.remote_id)),
        "{}",
        text(&out.stdout)
    );

    // Edit and publish again: the same remote flow is updated.
    let mut edited = saved.clone();
    set_prompt(&mut edited, "Edited prompt.");
    write_flow(Path::new(&file), &edited);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let after = read_flow(Path::new(&file));
    assert_eq!(after.bindings.len(), 1);
    assert_eq!(after.bindings[0].remote_id, b.remote_id);
    assert_ne!(after.bindings[0].sha, b.sha, "the new content's hash");
    let listed = w.list();
    assert_eq!(listed.len(), 1, "an update must not create a second flow");
    assert_eq!(listed[0]["id"], b.remote_id.as_str());

    // Importing again shows the edit (with --force over the older import).
    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "imported"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("--force"));
    let out = w.ivr(&[
        "import",
        "--profile",
        "aws",
        "--all",
        "-o",
        "imported",
        "--force",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = read_flow(&imported_path);
    assert!(has_prompt(&again, "Edited prompt."));
    assert_same_flow(&after, &again);
    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "imported"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("unchanged"));
}

#[test]
fn a_wrong_secret_is_refused_with_a_clear_message() {
    let w = World::connect();
    let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYNOTTHEKEY";
    let out = w.ivr_with_env(&["list", "--profile", "aws"], secret, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("InvalidSignatureException"), "{err}");
    assert!(err.contains("check the secret"), "{err}");
    assert!(
        !err.contains("  "),
        "one line per message, no runs of spaces: {err}"
    );
    assert!(err.contains("request id"), "{err}");
    assert!(
        !err.contains(secret) && !text(&out.stdout).contains(secret),
        "{err}"
    );

    // With a session token, neither is shown.
    let token = "FwoGZXIvYXdzEXAMPLE-session/token+value==";
    let out = w.ivr_with_env(
        &["list", "--profile", "aws"],
        secret,
        &[("AWS_SESSION_TOKEN", token)],
    );
    assert_eq!(out.status.code(), Some(1));
    let all = format!("{}{}", text(&out.stderr), text(&out.stdout));
    assert!(all.contains("InvalidSignatureException"), "{all}");
    assert!(!all.contains("FwoGZX") && !all.contains(secret), "{all}");

    // The right secret with a session token is accepted.
    let out = w.ivr_with_env(
        &["list", "--profile", "aws"],
        "sandbox-secret",
        &[("AWS_SESSION_TOKEN", token)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let file = write_flow(&w.path("f.ivr.json"), &flow("Refused", "x"));
    let out = w.ivr_with_env(&["publish", &file, "--profile", "aws"], secret, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("InvalidSignatureException"));
    assert!(!text(&out.stderr).contains(secret));
    assert!(read_flow(Path::new(&file)).bindings.is_empty());
    assert!(w.list().is_empty());
}

#[test]
fn throttling_is_survived() {
    let w = World::connect();
    let file = write_flow(&w.path("t.ivr.json"), &flow("Throttled", "x"));
    w.faults(Fault::new(FaultKind::Throttle, 2));
    w.faults(Fault::new(FaultKind::Throttle, 1).for_action("CreateContactFlow"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        w.sandbox.faults().pending().is_empty(),
        "every throttle was hit"
    );
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn throttling_past_the_retries_is_reported() {
    let w = World::connect();
    w.faults(Fault::new(FaultKind::Throttle, 50).for_action("ListContactFlows"));
    let out = w.ivr(&["list", "--profile", "aws"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("ThrottlingException"), "{err}");
    assert!(err.contains("throttling"), "{err}");
}

#[test]
fn a_dropped_create_is_not_duplicated() {
    let w = World::connect();
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
fn a_create_answered_500_is_looked_up_then_sent_again_once() {
    let w = World::connect();
    let file = write_flow(&w.path("a.ivr.json"), &flow("Five hundred", "x"));
    w.faults(Fault::new(FaultKind::Fail, 1).for_action("CreateContactFlow"));
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(w.sandbox.faults().pending().is_empty());
    let listed = w.list();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(
        listed[0]["id"],
        read_flow(Path::new(&file)).bindings[0].remote_id.as_str()
    );
}

#[test]
fn a_taken_name_is_refused_then_bind_existing_updates_that_flow() {
    let w = World::connect();
    let first = write_flow(&w.path("first.ivr.json"), &flow("Shared name", "First."));
    let out = w.publish(&first);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let id = read_flow(Path::new(&first)).bindings[0].remote_id.clone();

    // The same name from another file (no binding): refused, with the way out.
    let second = write_flow(&w.path("second.ivr.json"), &flow("Shared name", "Second."));
    let out = w.publish(&second);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("DuplicateResourceException"), "{err}");
    assert!(err.contains("--bind-existing"), "{err}");
    assert!(err.contains(&id), "the existing flow is named: {err}");
    assert!(read_flow(Path::new(&second)).bindings.is_empty());

    // --bind-existing: the existing flow is updated and the file bound to it.
    let out = w.ivr(&["publish", &second, "--profile", "aws", "--bind-existing"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let b = &read_flow(Path::new(&second)).bindings[0];
    assert_eq!(b.remote_id, id);
    let listed = w.list();
    assert_eq!(listed.len(), 1, "{listed:?}");
    let out = w.ivr(&["import", "--profile", "aws", "--id", &id, "-o", "back"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Shared-name.ivr.json"));
    assert!(
        has_prompt(&back, "Second."),
        "the second file's content is live"
    );
}

#[test]
fn saved_then_published() {
    let w = World::connect();
    let file = write_flow(&w.path("s.ivr.json"), &flow("Saved first", "Draft."));
    let out = w.ivr(&["publish", &file, "--profile", "aws", "--status", "saved"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("saved "),
        "{}",
        text(&out.stdout)
    );
    let b = read_flow(Path::new(&file)).bindings[0].clone();
    let listed = w.list();
    assert_eq!(listed[0]["published"], false);
    // A flow never published is imported from its saved content.
    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "back"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Saved-first.ivr.json"));
    assert!(has_prompt(&back, "Draft."));
    assert_eq!(back.bindings[0].remote_id, b.remote_id);

    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        read_flow(Path::new(&file)).bindings[0].remote_id,
        b.remote_id
    );
    let listed = w.list();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["published"], true);
}

#[test]
fn a_binding_to_a_flow_that_is_gone_is_named() {
    let w = World::connect();
    let mut f = flow("Gone", "x");
    f.bindings.push(ivr_flow::Binding {
        provider: Provider::Connect,
        profile: "aws".into(),
        instance: INSTANCE.into(),
        remote_id: "00000000-0000-4000-8000-00000000dead".into(),
        version: None,
        sha: None,
        draft: None,
        synced: None,
    });
    let file = write_flow(&w.path("g.ivr.json"), &f);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("ResourceNotFoundException"), "{err}");
    assert!(err.contains("remove that binding"), "{err}");
    assert!(w.list().is_empty(), "nothing was created");
}

#[test]
fn types_are_kept_and_filtered_and_errors_refused_before_sending() {
    let w = World::connect();
    let mut queue = flow("Queue music", "Please hold.");
    queue.kind = FlowKind::CustomerQueue;
    let file = write_flow(&w.path("q.ivr.json"), &queue);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let main = write_flow(&w.path("m.ivr.json"), &flow("Main", "Hi."));
    assert_eq!(w.publish(&main).status.code(), Some(0));
    let out = w.ivr(&["list", "--profile", "aws", "--type", "customerQueue"]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("CUSTOMER_QUEUE") && shown.contains("Queue music"),
        "{shown}"
    );
    assert!(!shown.contains("Main"), "{shown}");
    let out = w.ivr(&["list", "--profile", "aws", "--type", "main"]);
    assert!(!text(&out.stdout).contains("Queue music"));
    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "back"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Queue-music.ivr.json"));
    assert_eq!(back.kind, FlowKind::CustomerQueue);

    let mut bad = flow("Broken", "x");
    bad.edges.clear();
    let file = write_flow(&w.path("b.ivr.json"), &bad);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("nothing was sent") && err.contains("connect"),
        "{err}"
    );
    assert_eq!(w.list().len(), 2);
}

#[test]
fn a_larger_flow_of_menus_queues_and_digit_collection_comes_back_equal() {
    let w = World::connect();
    let mut big = ivr_flow::synth::large_flow(42);
    big.name = "Synthetic".into();
    let file = write_flow(&w.path("big.ivr.json"), &big);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = w.ivr(&["import", "--profile", "aws", "--all", "-o", "back"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let back = read_flow(&w.path("back").join("Synthetic.ivr.json"));
    // Up to the ids of lines, which the Flow language has no place for.
    let lines = |f: &Flow| {
        let mut e: Vec<_> = f
            .edges
            .iter()
            .map(|e| (e.from.node.clone(), e.from.port.clone(), e.to.clone()))
            .collect();
        e.sort();
        e
    };
    assert_eq!(lines(&big), lines(&back));
    let mut a = big.clone();
    let mut b = back.clone();
    a.edges.clear();
    b.edges.clear();
    assert_same_flow(&a, &b);
}
