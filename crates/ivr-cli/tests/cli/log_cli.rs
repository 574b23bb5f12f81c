//! `ivr -v`: every cloud call on standard error (provider, action, status,
//! request id, time), nothing without it, the same request id the error
//! names when a publish fails at the sandbox's fault switch, no colour off a
//! terminal, and no secret.

use crate::support::{World, flow, text, write_flow};
use ivr_sandbox::{Fault, FaultKind};

#[test]
fn verbose_logs_each_call_and_quiet_logs_nothing() {
    let w = World::ccc();
    let quiet = w.ivr(&["list", "--profile", "sb"]);
    assert_eq!(quiet.status.code(), Some(0), "{}", text(&quiet.stderr));
    assert!(
        !text(&quiet.stderr).contains("call answered"),
        "{}",
        text(&quiet.stderr)
    );

    let out = w.ivr(&["-v", "list", "--profile", "sb"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let line = err
        .lines()
        .find(|l| l.contains("call answered"))
        .unwrap_or_else(|| panic!("no call line on stderr:\n{err}"));
    for part in [
        "INFO",
        "provider=aliyun",
        "action=ListContactFlows",
        "status=200",
        "request_id=",
        "ms=",
    ] {
        assert!(line.contains(part), "{part} in {line}");
    }
    assert!(!err.contains('\u{1b}'), "no colour off a terminal: {err:?}");
    assert_eq!(out.stdout, quiet.stdout, "the log goes to stderr only");
    assert!(!err.contains("sandbox-secret"), "{err}");
}

#[test]
fn a_failed_publish_names_the_request_id_the_log_has() {
    let w = World::ccc();
    let file = write_flow(&w.path("f.ivr.json"), &flow("Fails loudly", "x"));
    w.faults(Fault::new(FaultKind::Fail, 20).for_action("PublishContactFlow"));
    let out = w.ivr(&["-v", "publish", &file, "--profile", "sb"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let failed: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("call failed") && l.contains("action=PublishContactFlow"))
        .collect();
    assert!(!failed.is_empty(), "the failed call is logged:\n{err}");
    let last = failed[failed.len() - 1];
    assert!(
        last.contains("WARN") && last.contains("status=500") && last.contains("code=InternalError"),
        "{last}"
    );
    let id = last
        .split_whitespace()
        .find_map(|f| f.strip_prefix("request_id="))
        .unwrap_or_else(|| panic!("a request id in {last}"));
    assert!(id.len() > 8, "{last}");
    let said: Vec<&str> = err.lines().filter(|l| !l.contains("call ")).collect();
    assert!(
        said.iter().any(|l| l.contains(id)),
        "the error shown names the logged request id {id}:\n{err}"
    );
    assert!(!err.contains("sandbox-secret"), "{err}");
}
