//! `ivr test` as a user and a CI run it: the README's menu example and three
//! real Connect flows from the corpus pass their suites (cases found beside
//! the flow, or named); a changed flow fails naming the case and the
//! expectation (exit 1); the JUnit output read back by a standard JUnit
//! reader (junitparser, from PyPI) with the right counts; bad input exits 2
//! naming the file; a Sub-flow block enters a flow file beside it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use ivr_flow::model::{Edge, Flow, Node, PortRef};
use serde_json::{Value, json};

use crate::support::{ivr, repo, text};

fn code(o: &Output) -> i32 {
    o.status.code().expect("exited")
}

#[test]
fn the_readme_menu_example_passes_with_its_cases_found_beside_it() {
    let o = ivr(&["test", &repo("docs/examples/main-menu.ivr.json")]);
    let out = text(&o.stdout);
    assert_eq!(code(&o), 0, "{out}{}", text(&o.stderr));
    assert!(out.contains("5 case(s): 5 passed, 0 failed"), "{out}");
    assert!(out.contains("coverage: 7 of 12 exits taken"), "{out}");
    assert!(out.contains("\"Sales\" → Queue full"), "{out}");
    let zh = ivr(&[
        "test",
        &repo("docs/examples/main-menu.ivr.json"),
        "--lang",
        "zh",
    ]);
    assert!(text(&zh.stdout).contains("5 个用例：5 个通过，0 个失败"));
}

#[test]
fn three_real_connect_flows_pass_their_suites() {
    for (flow, cases, n) in [
        (
            "tests/corpus/connect/ccarrylab--terraform-aws-amazonconnect/general_contact_flow.json",
            "tests/corpus-cases/general_contact_flow.ivrtest.json",
            4,
        ),
        (
            "tests/corpus/connect/aws-samples--amazon-connect-rules-engine/RulesEngineDTMFInput.json",
            "tests/corpus-cases/RulesEngineDTMFInput.ivrtest.json",
            4,
        ),
        (
            "tests/corpus/connect/aws-samples--amazon-connect-rules-engine/RulesEngineQueue.json",
            "tests/corpus-cases/RulesEngineQueue.ivrtest.json",
            4,
        ),
    ] {
        let o = ivr(&["test", &repo(flow), &repo(cases), "--format", "json"]);
        assert_eq!(
            code(&o),
            0,
            "{flow}: {}{}",
            text(&o.stdout),
            text(&o.stderr)
        );
        let report: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(report["passed"], n, "{flow}");
        assert_eq!(report["failed"], 0, "{flow}");
        assert!(report["coverage"]["taken"].as_u64().unwrap() > 5, "{flow}");
    }
}

/// The menu example with its support queue renamed.
fn changed_menu(dir: &Path) -> PathBuf {
    let bytes = std::fs::read(repo("docs/examples/main-menu.ivr.json")).unwrap();
    let mut flow = ivr_flow::from_bytes(&bytes).unwrap();
    for n in &mut flow.nodes {
        if n.id == "support" {
            n.params.insert("queue".into(), json!("Helpdesk"));
        }
    }
    let path = dir.join("main-menu.ivr.json");
    std::fs::write(&path, ivr_flow::to_bytes(&flow)).unwrap();
    std::fs::copy(
        repo("docs/examples/main-menu.ivrtest.json"),
        dir.join("main-menu.ivrtest.json"),
    )
    .unwrap();
    path
}

#[test]
fn a_changed_flow_fails_naming_the_case_and_the_expectation() {
    let dir = tempfile::tempdir().unwrap();
    let flow = changed_menu(dir.path());
    let o = ivr(&["test", flow.to_str().unwrap()]);
    let out = text(&o.stdout);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains(
            "FAIL  Key 2 reaches support: step 2: expected a transfer to Support; instead Transferred to queue Helpdesk."
        ),
        "{out}"
    );
    assert!(out.contains("5 case(s): 4 passed, 1 failed"), "{out}");
}

#[test]
fn junit_output_is_read_by_a_standard_junit_reader_with_the_right_counts() {
    let dir = tempfile::tempdir().unwrap();
    let flow = changed_menu(dir.path());
    let o = ivr(&["test", flow.to_str().unwrap(), "--format", "junit"]);
    assert_eq!(code(&o), 1);
    let xml = dir.path().join("junit.xml");
    std::fs::write(&xml, &o.stdout).unwrap();
    // junitparser (PyPI), installed by scripts/test.sh's setup.
    let script = r#"
import sys
from junitparser import JUnitXml, Failure
xml = JUnitXml.fromfile(sys.argv[1])
tests = failures = 0
names = []
for suite in xml:
    tests += suite.tests
    failures += suite.failures
    for case in suite:
        if any(isinstance(r, Failure) for r in case.result):
            names.append(case.name + " :: " + case.result[0].message)
print(tests, failures)
print("\n".join(names))
"#;
    let py = Command::new("python3")
        .args(["-c", script, xml.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        py.status.success(),
        "junitparser could not read it (install it with `python3 -m pip install junitparser`, as scripts/test.sh does): {}",
        text(&py.stderr)
    );
    let out = text(&py.stdout);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("5 1"), "{out}");
    let failed = lines.next().unwrap_or_default();
    assert_eq!(
        failed,
        "Key 2 reaches support :: step 2: expected a transfer to Support; instead Transferred to queue Helpdesk.",
        "{out}"
    );
}

#[test]
fn bad_input_exits_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let flow = changed_menu(dir.path());
    let cases = dir.path().join("main-menu.ivrtest.json");
    std::fs::write(&cases, b"{\"format\": \"ivr-studio/test\", \"version\": 1, \"cases\": [{\"name\": \"x\", \"steps\": [{\"tap\": \"1\"}]}]}").unwrap();
    let o = ivr(&["test", flow.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(
        err.contains("main-menu.ivrtest.json: at cases[0].steps[0]"),
        "{err}"
    );
    std::fs::remove_file(&cases).unwrap();
    let o = ivr(&["test", flow.to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(
        text(&o.stderr).contains("no test cases for"),
        "{}",
        text(&o.stderr)
    );
    let o = ivr(&["test", flow.to_str().unwrap(), "nowhere.ivrtest.json"]);
    assert_eq!(code(&o), 2);
    assert!(text(&o.stderr).contains("nowhere.ivrtest.json: no such file"));
}

fn node(id: &str, block: &str, params: Value) -> Node {
    Node {
        id: id.into(),
        block: block.into(),
        params: serde_json::from_value(params).unwrap(),
        ..Node::default()
    }
}

fn edge(from: &str, port: &str, to: &str) -> Edge {
    Edge {
        id: format!("{from}-{port}"),
        from: PortRef {
            node: from.into(),
            port: port.into(),
        },
        to: to.into(),
        ..Edge::default()
    }
}

#[test]
fn a_sub_flow_block_enters_the_flow_file_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let sub = Flow {
        name: "Authenticate".into(),
        nodes: vec![
            node("start", "start", json!({})),
            node("hi", "play_prompt", json!({"text": "Inside the module."})),
            node("end", "end_flow", json!({})),
        ],
        edges: vec![edge("start", "next", "hi"), edge("hi", "next", "end")],
        ..Flow::default()
    };
    let main = Flow {
        name: "Main".into(),
        nodes: vec![
            node("start", "start", json!({})),
            node("auth", "sub_flow", json!({"flow": "Authenticate"})),
            node("bye", "hang_up", json!({})),
        ],
        edges: vec![edge("start", "next", "auth"), edge("auth", "next", "bye")],
        ..Flow::default()
    };
    std::fs::write(dir.path().join("auth.ivr.json"), ivr_flow::to_bytes(&sub)).unwrap();
    let main_path = dir.path().join("main.ivr.json");
    std::fs::write(&main_path, ivr_flow::to_bytes(&main)).unwrap();
    std::fs::write(
        dir.path().join("main.ivrtest.json"),
        json!({"format": "ivr-studio/test", "version": 1, "cases": [
            {"name": "module", "steps": [{"expect": {"heard": "Inside the module.", "ended": "hung_up"}}]}
        ]})
        .to_string(),
    )
    .unwrap();
    let o = ivr(&["test", main_path.to_str().unwrap(), "--trace"]);
    let out = text(&o.stdout);
    assert_eq!(code(&o), 0, "{out}{}", text(&o.stderr));
    assert!(out.contains("enters sub-flow Authenticate"), "{out}");
}
