//! One test per validation rule: each builds the smallest flow that breaks the
//! rule and checks the rule's code is reported at the right place, so removing
//! a rule fails its test. Valid flows must come back clean.

use ivr_flow::model::Provider;
use ivr_flow::problem::{Code, Severity};
use ivr_flow::{starter_flow, validate, validate_for};
use serde_json::json;

use crate::support::validate::{B, codes, expect, menu_flow, only};

#[test]
fn valid_flows_have_no_problems() {
    assert_eq!(validate(&starter_flow()), vec![]);
    assert_eq!(validate(&menu_flow()), vec![]);
}

#[test]
fn every_code_has_a_test_here() {
    // Keeps these files honest: a new rule must get a test here or in
    // validate_targets.rs.
    let src = [
        include_str!("validate_rules.rs"),
        include_str!("validate_targets.rs"),
    ]
    .concat();
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
