//! Every real flow of the corpus (`tests/corpus/`, flows written by others
//! and run in production) through the `ivr` command against the local
//! sandbox's Amazon Connect, which checks SigV4 as the cloud does: converted
//! to IVR Studio, published, imported back, converted to Connect again, and
//! compared with the original as a JSON value, the order of every array kept.

use std::path::{Path, PathBuf};

use crate::support::{World, read_flow, text};
use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// Connect's Content inside a corpus file (a DescribeContactFlow response
/// holds it as a JSON string).
fn content(v: &Value) -> Value {
    let inner = v.get("ContactFlow").unwrap_or(v);
    match inner.get("Content") {
        Some(Value::String(s)) => serde_json::from_str(s).unwrap(),
        _ => v.clone(),
    }
}

#[test]
fn every_corpus_flow_publishes_and_comes_back_equal() {
    let rows: Vec<Value> =
        serde_json::from_slice(&std::fs::read(corpus().join("provenance.json")).unwrap()).unwrap();
    let files: Vec<String> = rows
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_owned())
        .filter(|f| f.starts_with("connect/"))
        .collect();
    assert!(files.len() >= 40, "only {} Connect flows", files.len());
    let w = World::connect();
    let mut failures = Vec::new();
    for (i, file) in files.iter().enumerate() {
        let source = corpus().join(file);
        let source = source.to_str().unwrap();
        let local = format!("flow{i}.ivr.json");
        let step = |what: &str, out: std::process::Output| -> Option<String> {
            (out.status.code() != Some(0)).then(|| {
                format!(
                    "{file}: {what} exited {:?}: {}",
                    out.status.code(),
                    text(&out.stderr)
                )
            })
        };
        if let Some(f) = step(
            "convert",
            w.ivr(&["convert", source, "--to", "ivr", "-o", &local]),
        ) {
            failures.push(f);
            continue;
        }
        // Several corpus flows share a name: a later one updates the earlier.
        let published = w.ivr(&["publish", &local, "--profile", "aws", "--bind-existing"]);
        if let Some(f) = step("publish", published) {
            failures.push(f);
            continue;
        }
        let bound = read_flow(&w.path(&local));
        let id = &bound.bindings[0].remote_id;
        let folder = format!("imported{i}");
        if let Some(f) = step(
            "import",
            w.ivr(&["import", "--profile", "aws", "--id", id, "-o", &folder]),
        ) {
            failures.push(f);
            continue;
        }
        let imported = std::fs::read_dir(w.path(&folder))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let back = format!("back{i}.json");
        if let Some(f) = step(
            "convert back",
            w.ivr(&[
                "convert",
                imported.to_str().unwrap(),
                "--to",
                "connect",
                "-o",
                &back,
            ]),
        ) {
            failures.push(f);
            continue;
        }
        let got: Value = serde_json::from_slice(&std::fs::read(w.path(&back)).unwrap()).unwrap();
        let want = content(&serde_json::from_slice(&std::fs::read(source).unwrap()).unwrap());
        // `Value`'s equality compares every array in order.
        if got != want {
            failures.push(format!("{file}: the flow that came back differs"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus flows failed the cloud round trip:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// A block for the flows below.
fn node(id: &str, block: &str, params: Value) -> ivr_flow::Node {
    ivr_flow::Node {
        id: id.into(),
        block: block.into(),
        params: serde_json::from_value(params).unwrap(),
        ..ivr_flow::Node::default()
    }
}

fn line(id: &str, from: &str, port: &str, to: &str) -> ivr_flow::Edge {
    ivr_flow::Edge {
        id: id.into(),
        from: ivr_flow::PortRef {
            node: from.into(),
            port: port.into(),
        },
        to: to.into(),
        ..ivr_flow::Edge::default()
    }
}

/// The starter flow (start -> "welcome" prompt -> "hang_up"), changed by
/// `edit`.
fn starter(name: &str, edit: impl FnOnce(&mut ivr_flow::Flow)) -> ivr_flow::Flow {
    let mut f = ivr_flow::starter_flow();
    f.name = name.into();
    edit(&mut f);
    f
}

/// Each rule that is a warning (the provider takes the flow) never stops a
/// publish: every flow below raises one and is published to the sandbox's
/// Amazon Connect.
#[test]
fn warnings_never_block_a_publish() {
    use ivr_flow::{Code, Provider, Severity, validate_for};
    use serde_json::json;
    let cases: Vec<(Code, ivr_flow::Flow)> = vec![
        (
            Code::ExitUnwired,
            starter("Unwired exit", |f| {
                f.edges.retain(|e| e.from.node != "welcome")
            }),
        ),
        (
            Code::NodeUnreachable,
            starter("Unreachable", |f| {
                f.nodes.push(node("lost", "hang_up", json!({})));
            }),
        ),
        (
            Code::EdgeDuplicateId,
            starter("Repeated line id", |f| {
                let first = f.edges[0].id.clone();
                f.edges[1].id = first;
            }),
        ),
        (
            Code::FieldEmpty,
            starter("Menu with no keys", |f| {
                f.nodes
                    .push(node("m", "menu", json!({"keys": [], "prompt": "Hi"})));
                f.edges.retain(|e| e.from.node != "welcome");
                f.edges.push(line("w", "welcome", "next", "m"));
                f.edges.push(line("t", "m", "timeout", "hang_up"));
                f.edges.push(line("n", "m", "no_match", "hang_up"));
            }),
        ),
        (
            Code::TerminalTransition,
            starter("Disconnect with a next", |f| {
                f.nodes.push(node(
                    "cut",
                    "provider",
                    json!({"provider": "connect", "type": "DisconnectParticipant",
                           "exits": ["next"], "parameters": {}}),
                ));
                f.edges.retain(|e| e.from.node != "welcome");
                f.edges.push(line("w", "welcome", "next", "cut"));
                f.edges.push(line("c", "cut", "next", "hang_up"));
            }),
        ),
        (
            Code::CycleNoWait,
            starter("Set and compare loop", |f| {
                f.nodes.push(node(
                    "set",
                    "set_variables",
                    json!({"assignments": [{"variable": "x", "value": "1"}]}),
                ));
                f.nodes.push(node(
                    "cmp",
                    "branch",
                    json!({"value": "$.Attributes.x",
                           "cases": [{"id": "one", "operator": "equals", "value": "1"}]}),
                ));
                f.edges.retain(|e| e.from.node != "welcome");
                f.edges.push(line("w", "welcome", "next", "set"));
                f.edges.push(line("s", "set", "next", "cmp"));
                f.edges.push(line("s2", "set", "error", "hang_up"));
                f.edges.push(line("c1", "cmp", "case:one", "set"));
                f.edges.push(line("c2", "cmp", "no_match", "hang_up"));
            }),
        ),
        (
            Code::VariableInvalid,
            starter("Bad variable name", |f| {
                f.variables.push(ivr_flow::model::Variable {
                    name: "1st try".into(),
                    ..Default::default()
                });
            }),
        ),
    ];
    let w = World::connect();
    for (code, flow) in cases {
        let problems = validate_for(&flow, Some(Provider::Connect));
        assert!(
            problems.iter().any(|p| p.code == code),
            "{code} is not raised: {problems:#?}"
        );
        assert!(
            problems.iter().all(|p| p.severity != Severity::Error),
            "{code}: {problems:#?}"
        );
        let file = crate::support::write_flow(&w.path(&format!("{code}.ivr.json")), &flow);
        let out = w.publish(&file);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{code} blocked the publish: {}",
            text(&out.stderr)
        );
    }
}

/// An error holds a publish back, unsent; `--force` sends it and the
/// provider's answer decides.
#[test]
fn errors_hold_a_publish_back_until_forced() {
    use serde_json::json;
    let flow = starter("Loop of 101", |f| {
        f.nodes.push(node("l", "loop", json!({"count": 101})));
        f.edges.retain(|e| e.from.node != "welcome");
        f.edges.push(line("w", "welcome", "next", "l"));
        f.edges.push(line("a", "l", "loop", "welcome"));
        f.edges.push(line("b", "l", "done", "hang_up"));
    });
    let w = World::connect();
    let file = crate::support::write_flow(&w.path("loop.ivr.json"), &flow);
    let out = w.publish(&file);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let said = text(&out.stderr);
    assert!(said.contains("field.out-of-range"), "{said}");
    assert!(said.contains("nothing was sent"), "{said}");
    assert!(said.contains("--force"), "{said}");
    assert!(w.list().is_empty());
    let out = w.ivr(&["publish", &file, "--profile", "aws", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(w.list().len(), 1);
}
