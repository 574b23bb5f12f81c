//! One test per validation rule: each builds the smallest flow that breaks the
//! rule and checks the rule's code is reported at the right place, so removing
//! a rule fails its test. Valid flows must come back clean.

mod common;

use common::{B, menu_flow};
use ivr_flow::model::Note;
use ivr_flow::model::Provider;
use ivr_flow::problem::{Code, Problem, Severity};
use ivr_flow::validate::{content_size_problem, keeps_notes};
use ivr_flow::{starter_flow, validate, validate_for};
use serde_json::json;

fn codes(problems: &[Problem]) -> Vec<Code> {
    problems.iter().map(|p| p.code).collect()
}

/// The problems of `code`; fails when there are none.
fn expect(problems: &[Problem], code: Code) -> Vec<&Problem> {
    let found: Vec<&Problem> = problems.iter().filter(|p| p.code == code).collect();
    assert!(
        !found.is_empty(),
        "expected {code}, got {:?}",
        codes(problems)
    );
    found
}

fn only(problems: &[Problem], code: Code) -> &Problem {
    assert_eq!(codes(problems), vec![code], "{problems:#?}");
    &problems[0]
}

#[test]
fn valid_flows_have_no_problems() {
    assert_eq!(validate(&starter_flow()), vec![]);
    assert_eq!(validate(&menu_flow()), vec![]);
}

#[test]
fn every_code_has_a_test_here() {
    // Keeps this file honest: a new rule must get a test below.
    let src = include_str!("validate_rules.rs");
    for code in Code::ALL {
        let variant = format!("Code::{code:?}");
        assert!(src.contains(&variant), "no test for {variant}");
    }
}

#[test]
fn messages_are_in_english_and_chinese() {
    let p = validate(&B::new().node("a", "hang_up").build());
    for problem in &p {
        assert!(!problem.message.en.is_empty());
        assert!(
            problem
                .message
                .zh
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        );
        assert_eq!(problem.severity, problem.code.severity());
    }
}

#[test]
fn start_missing() {
    let p = validate(&B::new().node("bye", "hang_up").build());
    let problem = only(&p, Code::StartMissing);
    assert_eq!(problem.severity, Severity::Error);
}

#[test]
fn start_multiple() {
    let flow = B::new()
        .node("s1", "start")
        .node("s2", "start")
        .node("bye", "hang_up")
        .edge("s1", "next", "bye")
        .edge("s2", "next", "bye")
        .build();
    assert_eq!(
        only(&validate(&flow), Code::StartMultiple).node.as_deref(),
        Some("s2")
    );
}

#[test]
fn node_duplicate_id() {
    let flow = B::new()
        .node("start", "start")
        .node("bye", "hang_up")
        .node("bye", "hang_up")
        .edge("start", "next", "bye")
        .build();
    let p = validate(&flow);
    assert_eq!(
        expect(&p, Code::NodeDuplicateId)[0].node.as_deref(),
        Some("bye")
    );
    // Lines go to the first block with the id, so the second is also unreachable.
    assert_eq!(
        codes(&p),
        vec![Code::NodeDuplicateId, Code::NodeUnreachable]
    );
}

#[test]
fn node_unknown_block() {
    let flow = B::new()
        .node("start", "start")
        .node("x", "teleport")
        .edge("start", "next", "x")
        .build();
    let p = validate(&flow);
    assert_eq!(only(&p, Code::NodeUnknownBlock).node.as_deref(), Some("x"));
}

#[test]
fn node_unreachable() {
    let mut flow = menu_flow();
    flow.nodes
        .push(B::new().node("lost", "hang_up").build().nodes.remove(0));
    let p = validate(&flow);
    let problem = only(&p, Code::NodeUnreachable);
    assert_eq!(problem.node.as_deref(), Some("lost"));
    assert_eq!(problem.severity, Severity::Warning);
}

#[test]
fn edge_duplicate_id() {
    let mut flow = starter_flow();
    flow.edges[1].id = flow.edges[0].id.clone();
    assert_eq!(
        only(&validate(&flow), Code::EdgeDuplicateId)
            .edge
            .as_deref(),
        Some("e1")
    );
}

#[test]
fn edge_dangling_to_missing_block() {
    let mut flow = starter_flow();
    flow.edges[1].to = "ghost".into();
    let p = validate(&flow);
    let problem = expect(&p, Code::EdgeDangling)[0];
    assert_eq!(problem.edge.as_deref(), Some("e2"));
    assert!(problem.message.en.contains("ghost"));
}

#[test]
fn edge_dangling_from_missing_exit() {
    let mut flow = starter_flow();
    flow.edges[1].from.port = "key:9".into();
    let p = validate(&flow);
    let problem = expect(&p, Code::EdgeDangling)[0];
    assert_eq!(problem.port.as_deref(), Some("key:9"));
}

#[test]
fn edge_into_start() {
    let flow = B::new()
        .node("start", "start")
        .node("menu", "menu")
        .edge("start", "next", "menu")
        .edge("menu", "key:1", "start")
        .edge("menu", "key:2", "menu")
        .edge("menu", "timeout", "menu")
        .edge("menu", "no_match", "menu")
        .build();
    let p = validate(&flow);
    assert_eq!(only(&p, Code::EdgeIntoStart).edge.as_deref(), Some("e2"));
}

#[test]
fn terminal_has_exit() {
    let flow = B::new()
        .node("start", "start")
        .node("bye", "hang_up")
        .node("more", "hang_up")
        .edge("start", "next", "bye")
        .edge("bye", "next", "more")
        .build();
    let p = validate(&flow);
    let problem = expect(&p, Code::TerminalHasExit)[0];
    assert_eq!(problem.node.as_deref(), Some("bye"));
}

#[test]
fn exit_multiple_lines() {
    let mut flow = starter_flow();
    flow = {
        let mut b = B { flow };
        b = b.edge("welcome", "next", "welcome");
        b.build()
    };
    let p = validate(&flow);
    let problem = expect(&p, Code::ExitMultipleLines)[0];
    assert_eq!(problem.port.as_deref(), Some("next"));
}

#[test]
fn exit_unwired_fixed_and_derived() {
    let mut flow = menu_flow();
    flow.edges
        .retain(|e| e.from.port != "key:2" && e.from.port != "timeout");
    flow.nodes.retain(|n| n.id != "queue");
    let p = validate(&flow);
    let unwired: Vec<_> = expect(&p, Code::ExitUnwired)
        .iter()
        .map(|p| p.port.clone().unwrap_or_default())
        .collect();
    assert_eq!(unwired, vec!["key:2", "timeout"]);
}

#[test]
fn exit_appears_when_a_key_is_added() {
    let mut flow = menu_flow();
    let menu = flow.nodes.iter_mut().find(|n| n.id == "menu").unwrap();
    menu.params.insert("keys".into(), json!(["1", "2", "3"]));
    let p = validate(&flow);
    assert_eq!(only(&p, Code::ExitUnwired).port.as_deref(), Some("key:3"));
}

#[test]
fn a_problem_says_where_it_is_in_the_designers_words() {
    let mut flow = menu_flow();
    let menu = flow.nodes.iter_mut().find(|n| n.id == "menu").unwrap();
    menu.params.insert("keys".into(), json!(["1", "2", "3"]));
    menu.label = String::new();
    let p = validate(&flow);
    let place = only(&p, Code::ExitUnwired).place.clone().unwrap();
    assert!(place.en.ends_with("· exit Key 3"), "{place:?}");
    assert!(place.zh.ends_with("· 出口 按键 3"), "{place:?}");
    for text in [&place.en, &place.zh] {
        assert!(!text.contains("key:") && !text.contains("menu "), "{text}");
    }
}

#[test]
fn cycle_no_wait() {
    // Set variables and a branch that loop into each other; the branch's
    // "no match" exit leaves the loop, so it may end at run time: a warning.
    let flow = B::new()
        .node("start", "start")
        .node("a", "set_variables")
        .param("assignments", json!([{"variable": "x", "value": "1"}]))
        .node("b", "branch")
        .param("value", json!("$.Attributes.x"))
        .param(
            "cases",
            json!([{"id": "one", "operator": "equals", "value": "1"}]),
        )
        .node("bye", "hang_up")
        .edge("start", "next", "a")
        .edge("a", "next", "b")
        .edge("a", "error", "bye")
        .edge("b", "case:one", "a")
        .edge("b", "no_match", "bye")
        .build();
    let p = validate(&flow);
    let problem = expect(&p, Code::CycleNoWait)[0];
    assert_eq!(problem.node.as_deref(), Some("a"));
    assert_eq!(problem.severity, Severity::Warning);
    assert!(!codes(&p).contains(&Code::CycleNoExit));
    // A loop through a menu waits for the caller: no problem.
    assert!(!codes(&validate(&menu_flow())).contains(&Code::CycleNoWait));
}

#[test]
fn cycle_no_wait_is_not_reported_for_blocks_that_take_the_callers_time() {
    // A production polling loop: a function called again and again while a
    // short prompt plays between calls.
    let flow = B::new()
        .node("start", "start")
        .node("poll", "invoke_function")
        .param(
            "function",
            json!("arn:aws:lambda:us-east-1:1:function:poll"),
        )
        .node("hold", "play_prompt")
        .node("bye", "hang_up")
        .edge("start", "next", "poll")
        .edge("poll", "next", "hold")
        .edge("poll", "error", "bye")
        .edge("hold", "next", "poll")
        .build();
    let p = validate(&flow);
    assert!(!codes(&p).contains(&Code::CycleNoWait), "{p:#?}");
    assert!(!codes(&p).contains(&Code::CycleNoExit), "{p:#?}");
}

/// Provider rule: none; a loop that nothing leaves and nothing in it waits
/// certainly spins until the provider ends the contact.
#[test]
fn cycle_no_exit() {
    let flow = B::new()
        .node("start", "start")
        .node("a", "set_variables")
        .param("assignments", json!([{"variable": "x", "value": "1"}]))
        .node("b", "set_variables")
        .param("assignments", json!([{"variable": "x", "value": "2"}]))
        .edge("start", "next", "a")
        .edge("a", "next", "b")
        .edge("a", "error", "b")
        .edge("b", "next", "a")
        .edge("b", "error", "a")
        .build();
    let p = validate(&flow);
    let problem = expect(&p, Code::CycleNoExit)[0];
    assert_eq!(problem.node.as_deref(), Some("a"));
    assert_eq!(problem.severity, Severity::Error);
}

#[test]
fn cycle_no_exit_self_loop() {
    let flow = B::new()
        .node("start", "start")
        .node("a", "set_variables")
        .param("assignments", json!([{"variable": "x", "value": "1"}]))
        .edge("start", "next", "a")
        .edge("a", "next", "a")
        .edge("a", "error", "a")
        .build();
    let p = validate(&flow);
    assert_eq!(expect(&p, Code::CycleNoExit)[0].node.as_deref(), Some("a"));
}

fn prompt_flow(key: &str, value: serde_json::Value) -> ivr_flow::Flow {
    B::new()
        .node("start", "start")
        .node("p", "play_prompt")
        .param(key, value)
        .node("bye", "hang_up")
        .edge("start", "next", "p")
        .edge("p", "next", "bye")
        .build()
}

#[test]
fn field_required() {
    let p = validate(&prompt_flow("text", json!("  ")));
    assert_eq!(only(&p, Code::FieldRequired).field.as_deref(), Some("text"));
    let mut flow = prompt_flow("text", json!("x"));
    flow.nodes[1].params.remove("text");
    assert_eq!(
        only(&validate(&flow), Code::FieldRequired).field.as_deref(),
        Some("text")
    );
}

/// Provider rule: Connect's `StartAction` must name an action.
#[test]
fn start_unwired() {
    let flow = B::new()
        .node("start", "start")
        .node("bye", "hang_up")
        .build();
    let p = validate(&flow);
    let problem = expect(&p, Code::StartUnwired)[0];
    assert_eq!(problem.node.as_deref(), Some("start"));
    assert_eq!(problem.severity, Severity::Error);
    assert!(!codes(&p).contains(&Code::ExitUnwired));
}

#[test]
fn terminal_transition_on_a_connect_action_that_ends_the_call() {
    let flow = B::new()
        .node("start", "start")
        .node("bye", "provider")
        .param("provider", json!("connect"))
        .param("type", json!("DisconnectParticipant"))
        .param("exits", json!(["next"]))
        .param("parameters", json!({}))
        .node("end", "hang_up")
        .edge("start", "next", "bye")
        .edge("bye", "next", "end")
        .build();
    let p = validate_for(&flow, Some(Provider::Connect));
    let problem = only(&p, Code::TerminalTransition);
    assert_eq!(problem.node.as_deref(), Some("bye"));
    assert_eq!(problem.severity, Severity::Warning);
}

#[test]
fn field_empty_is_a_warning_where_the_provider_takes_it() {
    // A menu with no keys: Connect takes a GetParticipantInput with no
    // conditions; the caller can only time out.
    let flow = B::new()
        .node("start", "start")
        .node("m", "menu")
        .param("keys", json!([]))
        .node("bye", "hang_up")
        .edge("start", "next", "m")
        .edge("m", "timeout", "bye")
        .edge("m", "no_match", "bye")
        .build();
    let p = validate_for(&flow, Some(Provider::Connect));
    let problem = only(&p, Code::FieldEmpty);
    assert_eq!(problem.field.as_deref(), Some("keys"));
    assert_eq!(problem.severity, Severity::Warning);
}

#[test]
fn settings_the_provider_fills_in_are_not_required() {
    // Check hours with no hours: Connect checks the queue's own hours.
    let flow = B::new()
        .node("start", "start")
        .node("h", "check_hours")
        .param("hours", json!(""))
        .node("bye", "hang_up")
        .edge("start", "next", "h")
        .edge("h", "open", "bye")
        .edge("h", "closed", "bye")
        .build();
    assert_eq!(validate_for(&flow, Some(Provider::Connect)), vec![]);
}

#[test]
fn dynamic_values_pass_the_field_checks() {
    let looped = |count: serde_json::Value| {
        B::new()
            .node("start", "start")
            .node("l", "loop")
            .param("count", count)
            .node("p", "play_prompt")
            .node("bye", "hang_up")
            .edge("start", "next", "l")
            .edge("l", "loop", "p")
            .edge("p", "next", "l")
            .edge("l", "done", "bye")
            .build()
    };
    for count in [json!("$.Attributes.tries"), json!("${tries}"), json!("3")] {
        assert_eq!(validate(&looped(count.clone())), vec![], "{count}");
    }
    let p = validate(&looped(json!("three")));
    assert_eq!(only(&p, Code::FieldInvalid).field.as_deref(), Some("count"));
    let p = validate(&looped(json!(101)));
    assert_eq!(
        only(&p, Code::FieldOutOfRange).field.as_deref(),
        Some("count")
    );
    // A function or sub-flow named by an attribute.
    let call = B::new()
        .node("start", "start")
        .node("f", "invoke_function")
        .param("function", json!("$.Attributes.lambdaArn"))
        .node("s", "sub_flow")
        .param("flow", json!("$.External.nextFlow"))
        .node("bye", "hang_up")
        .edge("start", "next", "f")
        .edge("f", "next", "s")
        .edge("f", "error", "bye")
        .edge("s", "next", "bye")
        .edge("s", "error", "bye")
        .build();
    assert_eq!(validate_for(&call, Some(Provider::Connect)), vec![]);
}

#[test]
fn codes_moved_to_warnings_are_warnings() {
    for code in [
        Code::NodeUnreachable,
        Code::EdgeDuplicateId,
        Code::TerminalTransition,
        Code::ExitUnwired,
        Code::CycleNoWait,
        Code::FieldEmpty,
        Code::VariableInvalid,
        Code::VariableUndeclared,
    ] {
        assert_eq!(code.severity(), Severity::Warning, "{code}");
        assert_eq!(
            code.severity_for(Some(Provider::Connect)),
            Severity::Warning,
            "{code}"
        );
    }
}

#[test]
fn field_invalid() {
    let p = validate(&prompt_flow("interruptible", json!("yes")));
    assert_eq!(
        only(&p, Code::FieldInvalid).field.as_deref(),
        Some("interruptible")
    );
    let p = validate(&prompt_flow("voice_type", json!("whisper")));
    assert_eq!(
        only(&p, Code::FieldInvalid).field.as_deref(),
        Some("voice_type")
    );
}

#[test]
fn field_invalid_keys() {
    let mut flow = menu_flow();
    let menu = flow.nodes.iter_mut().find(|n| n.id == "menu").unwrap();
    menu.params.insert("keys".into(), json!(["1", "1", "x"]));
    let p = validate(&flow);
    assert_eq!(expect(&p, Code::FieldInvalid).len(), 2);
}

#[test]
fn field_out_of_range() {
    let mut flow = menu_flow();
    let menu = flow.nodes.iter_mut().find(|n| n.id == "menu").unwrap();
    menu.params.insert("timeout_seconds".into(), json!(0));
    let p = validate(&flow);
    assert_eq!(
        only(&p, Code::FieldOutOfRange).field.as_deref(),
        Some("timeout_seconds")
    );
}

#[test]
fn field_too_long() {
    let p = validate(&prompt_flow("text", json!("x".repeat(3001))));
    let problem = only(&p, Code::FieldTooLong);
    assert!(
        problem.message.en.contains("3001"),
        "{}",
        problem.message.en
    );
}

#[test]
fn field_unknown() {
    let p = validate(&prompt_flow("colour", json!("blue")));
    let problem = only(&p, Code::FieldUnknown);
    assert_eq!(problem.field.as_deref(), Some("colour"));
    assert_eq!(problem.severity, Severity::Warning);
}

fn collect_flow(variable: &str) -> B {
    B::new()
        .node("start", "start")
        .node("c", "collect_digits")
        .param("variable", json!(variable))
        .node("bye", "hang_up")
        .edge("start", "next", "c")
        .edge("c", "next", "bye")
        .edge("c", "timeout", "bye")
}

#[test]
fn variable_undeclared() {
    let p = validate(&collect_flow("account").var("tier").build());
    let problem = only(&p, Code::VariableUndeclared);
    assert_eq!(problem.field.as_deref(), Some("variable"));
    // Providers let flows set attributes freely: a warning, not an error.
    assert_eq!(problem.severity, Severity::Warning);
    assert_eq!(
        validate(&collect_flow("account").var("account").build()),
        vec![]
    );
    // A flow that declares no variables (every flow imported from Connect
    // or CCC, which set attributes freely) is not held to declarations.
    assert_eq!(validate(&collect_flow("account").build()), vec![]);
}

#[test]
fn variable_invalid() {
    let p = validate(&collect_flow("ok").var("ok").var("ok").var("9lives").build());
    let found = expect(&p, Code::VariableInvalid);
    assert_eq!(found.len(), 2);
}

#[test]
fn target_unsupported_block() {
    let flow = B::new()
        .node("start", "start")
        .node("sms", "send_sms")
        .param("message", json!("Thanks for calling"))
        .node("bye", "hang_up")
        .edge("start", "next", "sms")
        .edge("sms", "next", "bye")
        .edge("sms", "error", "bye")
        .build();
    assert_eq!(validate_for(&flow, Some(Provider::Aliyun)), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert_eq!(
        only(&p, Code::TargetUnsupportedBlock).node.as_deref(),
        Some("sms")
    );
}

#[test]
fn target_unsupported_provider_block() {
    let flow = B::new()
        .node("start", "start")
        .node("x", "provider")
        .param("provider", json!("aliyun"))
        .param("type", json!("VOICE_NAVIGATOR"))
        .edge("start", "next", "x")
        .build();
    assert_eq!(validate_for(&flow, Some(Provider::Aliyun)), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert_eq!(
        only(&p, Code::TargetUnsupportedBlock).node.as_deref(),
        Some("x")
    );
}

#[test]
fn target_too_many_blocks() {
    let mut b = B::new().node("start", "start");
    let mut prev = "start".to_string();
    for i in 0..250 {
        let id = format!("p{i}");
        b = b
            .node(&id, "play_prompt")
            .edge(&prev, "next", &id)
            .edge(&id, "error", "bye");
        prev = id;
    }
    b = b.node("bye", "hang_up").edge(&prev, "next", "bye");
    let flow = b.build();
    assert_eq!(validate_for(&flow, Some(Provider::Aliyun)), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert!(
        only(&p, Code::TargetTooManyBlocks)
            .message
            .en
            .contains("251")
    );
}

#[test]
fn target_id_too_long() {
    let long = "x".repeat(51);
    let flow = B::new()
        .node("start", "start")
        .node(&long, "hang_up")
        .edge("start", "next", &long)
        .build();
    assert_eq!(validate(&flow), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert_eq!(
        only(&p, Code::TargetIdTooLong).node.as_deref(),
        Some(long.as_str())
    );
}

#[test]
fn target_limits_count_connect_actions_not_blocks() {
    // A queue transfer is two Connect actions: 125 of them and a hang-up
    // make 251 actions from 126 blocks.
    let mut b = B::new().node("start", "start");
    let mut prev = ("start".to_string(), "next");
    for i in 0..125 {
        let id = format!("q{i}");
        b = b
            .node(&id, "transfer_queue")
            .param("queue", json!("$.Attributes.queue"))
            .edge(&prev.0, prev.1, &id);
        prev = (id, "error");
    }
    let flow = b
        .node("bye", "hang_up")
        .edge(&prev.0, prev.1, "bye")
        .build();
    assert_eq!(validate_for(&flow, Some(Provider::Aliyun)), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert!(
        only(&p, Code::TargetTooManyBlocks)
            .message
            .en
            .contains("251")
    );
}

#[test]
fn target_content_too_large() {
    // Measured on the Content the Connect dialect writes.
    let text = "x".repeat(3000);
    let mut b = B::new().node("start", "start");
    let mut prev = "start".to_string();
    for i in 0..90 {
        let id = format!("p{i}");
        b = b
            .node(&id, "play_prompt")
            .param("text", json!(text))
            .edge(&prev, "next", &id)
            .edge(&id, "error", "bye");
        prev = id;
    }
    let flow = b.node("bye", "hang_up").edge(&prev, "next", "bye").build();
    assert_eq!(validate_for(&flow, Some(Provider::Aliyun)), vec![]);
    let p = validate_for(&flow, Some(Provider::Connect));
    assert!(
        only(&p, Code::TargetContentTooLarge)
            .message
            .en
            .contains("256000")
    );
    assert!(content_size_problem(Provider::Connect, 256_000).is_none());
    let p = content_size_problem(Provider::Connect, 256_001).unwrap();
    assert_eq!(p.code, Code::TargetContentTooLarge);
    assert!(content_size_problem(Provider::Aliyun, 10_000_000).is_none());
}

#[test]
fn target_notes_dropped() {
    let mut flow = starter_flow();
    flow.notes.push(Note {
        id: "n1".into(),
        text: "Sales asked for this menu.".into(),
        ..Note::default()
    });
    assert_eq!(validate(&flow), vec![]);
    // Connect keeps notes as annotations: nothing to warn about.
    assert!(
        !codes(&validate_for(&flow, Some(Provider::Connect))).contains(&Code::TargetNotesDropped)
    );
    for target in [Provider::Aliyun, Provider::Aliyun2017, Provider::Nxlink] {
        let p = validate_for(&flow, Some(target));
        // NXLink carries no call-flow blocks at all: only its notes warning matters here.
        let problem = expect(&p, Code::TargetNotesDropped)[0];
        assert_eq!(problem.severity, Severity::Warning);
        assert!(
            problem.message.en.contains("note is kept"),
            "{}",
            problem.message.en
        );
        assert!(
            problem.message.zh.contains("1 个便签"),
            "{}",
            problem.message.zh
        );
    }
    flow.notes.push(Note {
        id: "n2".into(),
        ..Note::default()
    });
    let p = validate_for(&flow, Some(Provider::Aliyun));
    assert!(
        only(&p, Code::TargetNotesDropped)
            .message
            .en
            .contains("2 sticky notes are")
    );
    // The warning is true: CCC's documents have no place for them.
    assert!(!keeps_notes(Provider::Aliyun) && keeps_notes(Provider::Connect));
    let back =
        ivr_flow::dialect::aliyun::decode(&ivr_flow::dialect::aliyun::encode(&flow).unwrap())
            .unwrap();
    assert!(back.notes.is_empty());
    let back = ivr_flow::dialect::aliyun2017::decode(
        &ivr_flow::dialect::aliyun2017::encode(&flow).unwrap(),
    )
    .unwrap();
    assert!(back.notes.is_empty());
}

#[test]
fn reference_review() {
    let p = validate_for(&menu_flow(), Some(Provider::Connect));
    let problem = only(&p, Code::ReferenceReview);
    assert_eq!(problem.severity, Severity::Info);
    assert_eq!(problem.field.as_deref(), Some("queue"));
    assert!(problem.message.en.contains("arn:aws:connect:queue/sales"));
    assert!(
        problem.message.en.contains("refers to queue"),
        "{}",
        problem.message.en
    );
    assert_eq!(validate(&menu_flow()), vec![]);
    // CCC's own words: a call goes to a skill group.
    let ccc = validate_for(&menu_flow(), Some(Provider::Aliyun));
    let review = expect(&ccc, Code::ReferenceReview)[0];
    assert!(
        review.message.en.contains("refers to skill group"),
        "{}",
        review.message.en
    );
    assert!(
        review.message.zh.contains("技能组"),
        "{}",
        review.message.zh
    );
}

#[test]
fn branch_case_ids_may_be_uuids_as_connect_writes_them() {
    let case = |id: &str| json!([{"id": id, "operator": "equals", "value": "gold"}]);
    let flow = |id: &str| {
        B::new()
            .node("start", "start")
            .node("b", "branch")
            .param("value", json!("$.Attributes.tier"))
            .param("cases", case(id))
            .node("bye", "hang_up")
            .edge("start", "next", "b")
            .edge("b", &format!("case:{id}"), "bye")
            .edge("b", "no_match", "bye")
            .build()
    };
    assert_eq!(
        validate(&flow("6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b")),
        vec![]
    );
    let p = validate(&flow(&"x".repeat(65)));
    assert_eq!(only(&p, Code::FieldInvalid).field.as_deref(), Some("cases"));
}

#[test]
fn connect_takes_unwired_error_exits_and_ccc_refuses_unwired_required_exits() {
    let mut flow = menu_flow();
    flow.edges.retain(|e| {
        !(e.from.node == "menu" && (e.from.port == "error" || e.from.port == "timeout"))
    });
    // Connect leaves a GetParticipantInput's Timeout and Error branches
    // unwired in real flows: a warning, never an error.
    let connect = validate_for(&flow, Some(Provider::Connect));
    let unwired = only(
        &connect
            .into_iter()
            .filter(|p| p.code != Code::ReferenceReview)
            .collect::<Vec<_>>(),
        Code::ExitUnwired,
    )
    .clone();
    assert_eq!(unwired.port.as_deref(), Some("timeout"));
    assert_eq!(unwired.severity, Severity::Warning);
    // CCC's publish refuses a module with an unwired exit: an error there.
    let ccc = validate_for(&flow, Some(Provider::Aliyun));
    assert_eq!(expect(&ccc, Code::ExitUnwired)[0].severity, Severity::Error);
    assert_eq!(
        validate_for(&starter_flow(), Some(Provider::Connect)),
        vec![]
    );
}
