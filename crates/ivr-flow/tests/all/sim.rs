//! The call simulator: every neutral block's semantics, provider blocks,
//! sub-flows, the step budget, saved test cases and coverage; and properties:
//! a walk on any flow ends or waits, without a panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::sync::Arc;

use ivr_flow::model::{Edge, Flow, Node, PortRef};
use ivr_flow::sim::cases::{self, Case, Expect, Step, Took};
use ivr_flow::sim::coverage::coverage;
use ivr_flow::sim::{
    Awaiting, Compiled, Event, Hours, HoursState, Input, Mock, Outcome, Scenario, Schedule,
    Session, Span, State, TransferTo,
};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A flow from blocks `(id, block, params)` and lines `(from, exit, to)`;
/// the first block is the start's next.
fn flow(blocks: &[(&str, &str, Value)], lines: &[(&str, &str, &str)]) -> Arc<Compiled> {
    let mut nodes = vec![Node {
        id: "start".into(),
        block: "start".into(),
        ..Node::default()
    }];
    for (id, block, params) in blocks {
        nodes.push(Node {
            id: (*id).into(),
            block: (*block).into(),
            label: String::new(),
            params: serde_json::from_value(params.clone()).unwrap(),
            ..Node::default()
        });
    }
    let mut edges = vec![line(0, "start", "next", blocks[0].0)];
    for (i, (from, port, to)) in lines.iter().enumerate() {
        edges.push(line(i + 1, from, port, to));
    }
    Arc::new(Compiled::new(Flow {
        name: "test".into(),
        nodes,
        edges,
        ..Flow::default()
    }))
}

fn line(i: usize, from: &str, port: &str, to: &str) -> Edge {
    Edge {
        id: format!("e{i}"),
        from: PortRef {
            node: from.into(),
            port: port.into(),
        },
        to: to.into(),
        extra: BTreeMap::new(),
    }
}

fn call(flow: &Arc<Compiled>, scenario: Scenario) -> Session {
    Session::start(flow.clone(), scenario, BTreeMap::new())
}

fn heard(s: &Session) -> Vec<String> {
    s.events()
        .iter()
        .filter_map(|e| match e {
            Event::Heard { text, .. } => Some(text.to_string()),
            _ => None,
        })
        .collect()
}

fn exits(s: &Session) -> Vec<String> {
    s.events()
        .iter()
        .filter_map(|e| match e {
            Event::ExitTaken { block, exit, .. } => Some(format!("{block}:{exit}")),
            _ => None,
        })
        .collect()
}

fn outcome(s: &Session) -> &Outcome {
    match s.state() {
        State::Ended(o) => o,
        other => panic!("still going: {other:?}"),
    }
}

fn press(s: &mut Session, keys: &str) {
    s.input(Input::Press { keys: keys.into() }).unwrap();
}

fn mock(exit: &str) -> Mock {
    Mock {
        exit: exit.into(),
        ..Mock::default()
    }
}

fn scenario_with(mocks: &[(&str, Mock)]) -> Scenario {
    Scenario {
        mocks: mocks
            .iter()
            .map(|(k, m)| ((*k).to_owned(), m.clone()))
            .collect(),
        ..Scenario::default()
    }
}

fn menu_flow() -> Arc<Compiled> {
    flow(
        &[
            ("hello", "play_prompt", json!({"text": "Hello {{name}}."})),
            (
                "menu",
                "menu",
                json!({"prompt": "<speak>Press 1 for sales.</speak>", "keys": ["1", "2"], "timeout_seconds": 7}),
            ),
            ("sales", "transfer_queue", json!({"queue": "Sales"})),
            ("bye", "hang_up", json!({})),
        ],
        &[
            ("hello", "next", "menu"),
            ("menu", "key:1", "sales"),
            ("menu", "no_match", "menu"),
            ("menu", "timeout", "bye"),
        ],
    )
}

#[test]
fn a_prompt_is_heard_with_its_variables_and_ssml_as_words() {
    let f = menu_flow();
    let s = call(
        &f,
        Scenario {
            variables: [("$.Attributes.name".to_owned(), "Ada".to_owned())].into(),
            ..Scenario::default()
        },
    );
    assert_eq!(heard(&s), ["Hello Ada.", "Press 1 for sales."]);
    match s.state() {
        State::Waiting { block, awaiting } => {
            assert_eq!(&**block, "menu");
            assert_eq!(
                awaiting,
                &Awaiting::Key {
                    keys: vec!["1".to_owned(), "2".to_owned()].into(),
                    timeout_ms: 7000
                }
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_menu_takes_the_key_no_match_or_timeout() {
    let f = menu_flow();
    let mut s = call(&f, Scenario::default());
    press(&mut s, "9");
    assert!(exits(&s).contains(&"menu:no_match".to_owned()));
    assert!(matches!(s.state(), State::Waiting { block, .. } if &**block == "menu"));
    press(&mut s, "1");
    assert_eq!(
        outcome(&s),
        &Outcome::Transferred {
            block: "sales".into(),
            to: TransferTo::Queue,
            target: "Sales".into()
        }
    );
    assert_eq!(s.outcome_text().unwrap().en, "Transferred to queue Sales.");

    let mut s = call(&f, Scenario::default());
    s.input(Input::Timeout).unwrap();
    assert_eq!(s.elapsed_ms(), 7000);
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "bye".into()
        }
    );
    // Nothing is taken after the end, and a bad key changes nothing.
    assert!(s.input(Input::Timeout).is_err());
    let mut s = call(&f, Scenario::default());
    let before = s.events().len();
    assert!(s.input(Input::Press { keys: "x".into() }).is_err());
    assert_eq!(s.events().len(), before);
}

#[test]
fn an_unwired_exit_disconnects_the_call_and_says_which() {
    let f = flow(&[("menu", "menu", json!({"keys": ["1"]}))], &[]);
    let mut s = call(&f, Scenario::default());
    press(&mut s, "1");
    assert_eq!(
        outcome(&s),
        &Outcome::Disconnected {
            block: "menu".into(),
            exit: "key:1".into()
        }
    );
    assert_eq!(
        s.outcome_text().unwrap().en,
        "Disconnected: exit Key 1 of Menu 1 has no line."
    );
}

#[test]
fn collect_digits_gathers_to_the_terminator_or_the_maximum() {
    let f = flow(
        &[
            (
                "acct",
                "collect_digits",
                json!({"prompt": "Account?", "variable": "account", "min_digits": 3, "max_digits": 6, "terminator": "#"}),
            ),
            (
                "ok",
                "play_prompt",
                json!({"text": "You entered ${account}."}),
            ),
            ("bye", "hang_up", json!({})),
        ],
        &[
            ("acct", "next", "ok"),
            ("ok", "next", "bye"),
            ("acct", "error", "bye"),
            ("acct", "timeout", "bye"),
        ],
    );
    // Terminator, keys one at a time.
    let mut s = call(&f, Scenario::default());
    press(&mut s, "12");
    assert!(
        matches!(s.state(), State::Waiting { awaiting: Awaiting::Digits { entered, .. }, .. } if entered == "12")
    );
    press(&mut s, "34#");
    assert_eq!(s.variables()["account"], "1234");
    assert!(heard(&s).contains(&"You entered 1234.".to_owned()));
    // The maximum ends the input; keys after it are noted, not lost silently.
    let mut s = call(&f, Scenario::default());
    press(&mut s, "1234567");
    assert_eq!(s.variables()["account"], "123456");
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e, Event::Note { text, .. } if text.en.contains("7")))
    );
    // Too few digits is the Error exit.
    let mut s = call(&f, Scenario::default());
    press(&mut s, "12#");
    assert!(exits(&s).contains(&"acct:error".to_owned()));
    assert!(!s.variables().contains_key("account"));
    // Timeout with nothing entered and no Timeout line: Connect's Success
    // with "Timeout".
    let f2 = flow(
        &[
            ("pin", "collect_digits", json!({"max_digits": 4})),
            ("bye", "hang_up", json!({})),
        ],
        &[("pin", "next", "bye")],
    );
    let mut s = call(&f2, Scenario::default());
    s.input(Input::Timeout).unwrap();
    assert_eq!(s.variables()["StoredCustomerInput"], "Timeout");
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "bye".into()
        }
    );
    // Timeout with nothing entered; with enough entered, what was entered.
    let mut s = call(&f, Scenario::default());
    s.input(Input::Timeout).unwrap();
    assert!(exits(&s).contains(&"acct:timeout".to_owned()));
    let mut s = call(&f, Scenario::default());
    press(&mut s, "555");
    s.input(Input::Timeout).unwrap();
    assert_eq!(s.variables()["account"], "555");
}

#[test]
fn collect_digits_without_a_variable_stores_what_connect_stores() {
    let f = flow(
        &[
            (
                "pin",
                "collect_digits",
                json!({"max_digits": 4, "terminator": "none"}),
            ),
            (
                "say",
                "play_prompt",
                json!({"text": "PIN $.StoredCustomerInput"}),
            ),
            ("bye", "hang_up", json!({})),
        ],
        &[("pin", "next", "say"), ("say", "next", "bye")],
    );
    let mut s = call(&f, Scenario::default());
    press(&mut s, "9#81");
    // '#' is not a terminator here: it is a digit like any other.
    assert_eq!(s.variables()["StoredCustomerInput"], "9#81");
    assert!(heard(&s).contains(&"PIN 9#81".to_owned()));
}

#[test]
fn branch_takes_the_first_case_that_holds() {
    let f = flow(
        &[
            (
                "tier",
                "branch",
                json!({"value": "$.Attributes.score", "cases": [
                    {"id": "hi", "operator": "greater_or_equal", "value": "90"},
                    {"id": "mid", "operator": "greater_than", "value": "50"},
                    {"id": "vip", "operator": "starts_with", "value": "VIP"}
                ]}),
            ),
            ("a", "hang_up", json!({})),
            ("b", "hang_up", json!({})),
            ("c", "hang_up", json!({})),
            ("d", "hang_up", json!({})),
        ],
        &[
            ("tier", "case:hi", "a"),
            ("tier", "case:mid", "b"),
            ("tier", "case:vip", "c"),
            ("tier", "no_match", "d"),
        ],
    );
    for (score, end) in [
        ("95", "a"),
        ("90.0", "a"),
        ("60", "b"),
        ("VIP-1", "c"),
        ("", "d"),
        ("7", "d"),
    ] {
        let s = call(
            &f,
            Scenario {
                variables: [("score".to_owned(), score.to_owned())].into(),
                ..Scenario::default()
            },
        );
        assert_eq!(
            outcome(&s),
            &Outcome::HungUp { block: end.into() },
            "score {score}"
        );
    }
}

#[test]
fn set_variables_fills_values_from_other_variables() {
    let f = flow(
        &[
            (
                "set",
                "set_variables",
                json!({"assignments": [
                    {"variable": "first", "value": "Ada"},
                    {"variable": "$.Attributes.full", "value": "$.Attributes.first Lovelace"},
                    {"variable": "", "value": "ignored"}
                ]}),
            ),
            ("bye", "hang_up", json!({})),
        ],
        &[("set", "next", "bye")],
    );
    let s = call(&f, Scenario::default());
    assert_eq!(s.variables()["full"], "Ada Lovelace");
    let sets: Vec<_> = s
        .events()
        .iter()
        .filter(|e| matches!(e, Event::VariableSet { .. }))
        .collect();
    assert_eq!(sets.len(), 2);
}

fn hours_flow() -> Arc<Compiled> {
    flow(
        &[
            ("hours", "check_hours", json!({"hours": "Office"})),
            ("open", "hang_up", json!({})),
            ("closed", "hang_up", json!({})),
        ],
        &[("hours", "open", "open"), ("hours", "closed", "closed")],
    )
}

#[test]
fn check_hours_asks_the_scenario_the_clock_or_the_designer() {
    let f = hours_flow();
    let ends = |scenario: Scenario| {
        let s = call(&f, scenario);
        outcome(&s).clone()
    };
    let state = |name: &str, st: HoursState| Scenario {
        hours: [(name.to_owned(), Hours::State(st))].into(),
        ..Scenario::default()
    };
    assert_eq!(
        ends(state("Office", HoursState::Open)),
        Outcome::HungUp {
            block: "open".into()
        }
    );
    assert_eq!(
        ends(state("*", HoursState::Holiday)),
        Outcome::HungUp {
            block: "closed".into()
        }
    );
    let schedule = |clock: &str| Scenario {
        clock: clock.into(),
        hours: [(
            "Office".to_owned(),
            Hours::Schedule(Schedule {
                open: vec![Span {
                    days: vec![1, 2, 3, 4, 5],
                    from: "09:00".into(),
                    to: "17:00".into(),
                }],
                holidays: vec![],
            }),
        )]
        .into(),
        ..Scenario::default()
    };
    assert_eq!(
        ends(schedule("2026-12-07T10:00")),
        Outcome::HungUp {
            block: "open".into()
        }
    );
    assert_eq!(
        ends(schedule("2026-12-05T10:00")),
        Outcome::HungUp {
            block: "closed".into()
        }
    );
    assert!(
        matches!(ends(schedule("someday")), Outcome::Broken { message } if message.en.contains("someday"))
    );
    // A mock wins; with nothing said, the designer is asked.
    assert_eq!(
        ends(scenario_with(&[("hours", mock("closed"))])),
        Outcome::HungUp {
            block: "closed".into()
        }
    );
    let mut s = call(&f, Scenario::default());
    match s.state() {
        State::Waiting {
            awaiting: Awaiting::Choice { exits, .. },
            ..
        } => {
            assert_eq!(exits, &["open", "closed", "error"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(s.input(Input::Press { keys: "1".into() }).is_err());
    assert!(
        s.input(Input::Choose {
            exit: "lunch".into()
        })
        .is_err()
    );
    s.input(Input::Choose {
        exit: "open".into(),
    })
    .unwrap();
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "open".into()
        }
    );
}

#[test]
fn a_loop_counts_then_takes_done() {
    let f = flow(
        &[
            ("again", "loop", json!({"count": 2})),
            ("say", "play_prompt", json!({"text": "Still there?"})),
            ("bye", "hang_up", json!({})),
        ],
        &[
            ("again", "loop", "say"),
            ("say", "next", "again"),
            ("again", "done", "bye"),
        ],
    );
    let s = call(&f, Scenario::default());
    assert_eq!(heard(&s), ["Still there?", "Still there?"]);
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "bye".into()
        }
    );
}

#[test]
fn transfers_end_the_walk_or_take_the_exit_the_scenario_names() {
    let f = flow(
        &[
            ("q", "transfer_queue", json!({"queue": "Sales"})),
            ("agent", "transfer_agent", json!({"agent": "ada"})),
            (
                "ext",
                "transfer_external",
                json!({"phone_number": "+8613800000000", "continue_after": true}),
            ),
            ("bye", "hang_up", json!({})),
        ],
        &[
            ("q", "at_capacity", "agent"),
            ("agent", "busy", "ext"),
            ("ext", "next", "bye"),
        ],
    );
    let s = call(&f, scenario_with(&[("q", mock("at_capacity"))]));
    assert_eq!(
        outcome(&s),
        &Outcome::Transferred {
            block: "agent".into(),
            to: TransferTo::Agent,
            target: "ada".into()
        }
    );
    let s = call(
        &f,
        scenario_with(&[("q", mock("at_capacity")), ("agent", mock("busy"))]),
    );
    // Continue after the call: back in the flow by Next.
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "bye".into()
        }
    );
    let s = call(&f, scenario_with(&[("q", mock("nope"))]));
    assert!(
        matches!(outcome(&s), Outcome::Broken { message } if message.en.contains("at_capacity"))
    );
}

#[test]
fn a_function_returns_the_scenarios_result_after_its_delay() {
    let f = flow(
        &[
            (
                "lookup",
                "invoke_function",
                json!({"function": "arn:lookup", "timeout_seconds": 3}),
            ),
            (
                "ok",
                "play_prompt",
                json!({"text": "Balance $.External.balance, tier {{tier}}."}),
            ),
            ("err", "hang_up", json!({})),
            ("slow", "hang_up", json!({})),
            ("bye", "hang_up", json!({})),
        ],
        &[
            ("lookup", "next", "ok"),
            ("lookup", "error", "err"),
            ("lookup", "timeout", "slow"),
            ("ok", "next", "bye"),
        ],
    );
    let result = Mock {
        set: [
            ("balance".to_owned(), "12.50".to_owned()),
            ("tier".to_owned(), "gold".to_owned()),
        ]
        .into(),
        ..Mock::default()
    };
    let s = call(&f, scenario_with(&[("lookup", result.clone())]));
    assert_eq!(heard(&s), ["Balance 12.50, tier gold."]);
    let s = call(&f, scenario_with(&[("lookup", mock("error"))]));
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "err".into()
        }
    );
    let slow = Mock {
        delay_ms: 3500,
        ..result
    };
    let s = call(&f, scenario_with(&[("lookup", slow)]));
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "slow".into()
        }
    );
    assert_eq!(s.elapsed_ms(), 3500);
    // Without a mock the session stops there and says so.
    let s = call(&f, Scenario::default());
    match s.state() {
        State::Waiting {
            block,
            awaiting: Awaiting::Choice { reason, .. },
        } => {
            assert_eq!(&**block, "lookup");
            assert!(reason.en.contains("mock"), "{}", reason.en);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_sub_flow_is_entered_when_it_is_open_here_and_returns() {
    let sub = flow(
        &[
            ("ask", "play_prompt", json!({"text": "In the module."})),
            (
                "set",
                "set_variables",
                json!({"assignments": [{"variable": "verified", "value": "yes"}]}),
            ),
            ("back", "end_flow", json!({})),
        ],
        &[("ask", "next", "set"), ("set", "next", "back")],
    );
    let main = flow(
        &[
            ("auth", "sub_flow", json!({"flow": "Authenticate"})),
            (
                "after",
                "play_prompt",
                json!({"text": "Verified: {{verified}}."}),
            ),
            ("bye", "hang_up", json!({})),
        ],
        &[("auth", "next", "after"), ("after", "next", "bye")],
    );
    let subflows = [("Authenticate".to_owned(), sub)].into();
    let s = Session::start(main.clone(), Scenario::default(), subflows);
    assert_eq!(heard(&s), ["In the module.", "Verified: yes."]);
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e, Event::EnteredFlow { flow, .. } if flow == "Authenticate"))
    );
    assert!(
        s.events()
            .iter()
            .any(|e| matches!(e, Event::ReturnedFromFlow { .. }))
    );
    // Coverage counts the main flow's exits only.
    assert!(
        s.taken()
            .iter()
            .any(|(b, e)| main.flow().nodes[*b].id == "auth" && &**e == "next")
    );
    // Not open here: the scenario's result, else a choice.
    let s = call(
        &main,
        scenario_with(&[(
            "auth",
            Mock {
                set: [("verified".to_owned(), "mocked".to_owned())].into(),
                ..Mock::default()
            },
        )]),
    );
    assert_eq!(heard(&s), ["Verified: mocked."]);
    let s = call(&main, Scenario::default());
    assert!(matches!(
        s.state(),
        State::Waiting {
            awaiting: Awaiting::Choice { .. },
            ..
        }
    ));
}

#[test]
fn sms_voicemail_and_end_flow() {
    let f = flow(
        &[
            (
                "sms",
                "send_sms",
                json!({"to": "$.CustomerEndpoint.Address", "message": "Thanks"}),
            ),
            (
                "vm",
                "voicemail",
                json!({"prompt": "Leave a message.", "mailbox": "support"}),
            ),
        ],
        &[("sms", "next", "vm")],
    );
    let s = call(
        &f,
        Scenario {
            caller: "+8613800000000".into(),
            ..Scenario::default()
        },
    );
    assert!(s.events().iter().any(
        |e| matches!(e, Event::Note { text, .. } if text.en == "SMS to +8613800000000: Thanks")
    ));
    assert_eq!(
        outcome(&s),
        &Outcome::Voicemail {
            block: "vm".into(),
            mailbox: "support".into()
        }
    );
    let f = flow(&[("end", "end_flow", json!({}))], &[]);
    assert_eq!(
        outcome(&call(&f, Scenario::default())),
        &Outcome::FlowEnded {
            block: "end".into()
        }
    );
}

fn provider_flow() -> Arc<Compiled> {
    flow(
        &[
            (
                "log",
                "provider",
                json!({"provider": "connect", "type": "UpdateFlowLoggingBehavior", "exits": ["next"]}),
            ),
            (
                "queue",
                "provider",
                json!({"provider": "connect", "type": "UpdateContactTargetQueue", "exits": ["next", "error:NoMatchingError"]}),
            ),
            (
                "xfer",
                "provider",
                json!({"provider": "connect", "type": "TransferContactToQueue", "exits": ["error:QueueAtCapacity", "error:NoMatchingError"]}),
            ),
            ("full", "hang_up", json!({})),
        ],
        &[
            ("log", "next", "queue"),
            ("queue", "next", "xfer"),
            ("xfer", "error:QueueAtCapacity", "full"),
        ],
    )
}

#[test]
fn a_provider_block_takes_the_exit_the_scenario_gives_or_stops_and_says_so() {
    let f = provider_flow();
    // One exit: nothing to decide. Two: it stops at the second block.
    let mut s = call(&f, Scenario::default());
    match s.state() {
        State::Waiting {
            block,
            awaiting: Awaiting::Choice { exits, reason },
        } => {
            assert_eq!(&**block, "queue");
            assert_eq!(exits, &["next", "error:NoMatchingError"]);
            assert!(reason.en.contains("provider"));
        }
        other => panic!("{other:?}"),
    }
    s.input(Input::Choose {
        exit: "next".into(),
    })
    .unwrap();
    s.input(Input::Choose {
        exit: "error:QueueAtCapacity".into(),
    })
    .unwrap();
    assert_eq!(
        outcome(&s),
        &Outcome::HungUp {
            block: "full".into()
        }
    );
    // Mocks by block.
    let s = call(
        &f,
        scenario_with(&[("queue", mock("error:NoMatchingError"))]),
    );
    assert_eq!(
        outcome(&s),
        &Outcome::Disconnected {
            block: "queue".into(),
            exit: "error:NoMatchingError".into()
        }
    );
    // "Provider blocks succeed": Next, or the block ends the call.
    let s = call(
        &f,
        Scenario {
            providers_succeed: true,
            ..Scenario::default()
        },
    );
    assert_eq!(
        outcome(&s),
        &Outcome::ProviderEnded {
            block: "xfer".into(),
            action: "TransferContactToQueue".into()
        }
    );
    assert!(
        s.outcome_text()
            .unwrap()
            .en
            .starts_with("Transfer to queue"),
        "{:?}",
        s.outcome_text()
    );
}

#[test]
fn a_runaway_walk_stops_after_the_budget_naming_the_loop() {
    let f = flow(
        &[
            (
                "a",
                "set_variables",
                json!({"assignments": [{"variable": "x", "value": "1"}]}),
            ),
            ("b", "play_prompt", json!({"text": "again"})),
        ],
        &[("a", "next", "b"), ("b", "next", "a")],
    );
    let s = call(
        &f,
        Scenario {
            step_budget: Some(500),
            ..Scenario::default()
        },
    );
    match outcome(&s) {
        Outcome::Runaway { blocks, steps } => {
            assert_eq!(*steps, 500);
            let mut sorted = blocks.clone();
            sorted.sort();
            assert_eq!(sorted, ["a", "b"]);
        }
        other => panic!("{other:?}"),
    }
    let text = &s.outcome_text().unwrap().en;
    assert!(
        text.contains("Set variables 1") && text.contains("Play prompt 1"),
        "{text}"
    );
}

#[test]
fn a_flow_with_no_start_is_broken_not_a_panic() {
    let f = Arc::new(Compiled::new(Flow::default()));
    let s = call(&f, Scenario::default());
    assert!(matches!(outcome(&s), Outcome::Broken { message } if message.en.contains("Start")));
}

// ------------------------------------------------------------ test cases

fn expect(e: Expect) -> Step {
    Step::Expect(e)
}

#[test]
fn a_case_passes_and_a_changed_flow_fails_it_naming_the_step() {
    let case = Case {
        name: "Sales".into(),
        scenario: Scenario::default(),
        steps: vec![
            expect(Expect {
                heard: Some("Press 1".into()),
                reached: Some("menu".into()),
                ..Expect::default()
            }),
            Step::Press("1".into()),
            expect(Expect {
                took: Some(Took {
                    block: "menu".into(),
                    exit: "Key 1".into(),
                }),
                ended: Some("transferred".into()),
                transferred_to: Some("Sales".into()),
                ..Expect::default()
            }),
        ],
    };
    let f = menu_flow();
    let r = cases::run(&f, &BTreeMap::new(), &case);
    assert!(r.passed, "{:?}", r.failure);
    assert_eq!(r.end.en, "Transferred to queue Sales.");

    // Key 1 now goes to the hang-up.
    let mut changed = f.flow().clone();
    for e in &mut changed.edges {
        if e.from.port == "key:1" {
            e.to = "bye".into();
        }
    }
    let r = cases::run(&Arc::new(Compiled::new(changed)), &BTreeMap::new(), &case);
    let failure = r.failure.expect("fails");
    assert_eq!(failure.step, 3);
    assert_eq!(failure.expected.en, "the call to have ended (transferred)");
    assert_eq!(failure.actual.en, "Hung up at Hang up 1.");
}

#[test]
fn expectations_say_what_happened_instead() {
    let f = menu_flow();
    let run = |steps: Vec<Step>| {
        cases::run(
            &f,
            &BTreeMap::new(),
            &Case {
                name: "c".into(),
                scenario: Scenario::default(),
                steps,
            },
        )
    };
    let r = run(vec![expect(Expect {
        heard: Some("Goodbye".into()),
        ..Expect::default()
    })]);
    assert_eq!(
        r.failure.unwrap().actual.en,
        "heard \"Hello. | Press 1 for sales.\""
    );
    let r = run(vec![expect(Expect {
        heard_matches: Some("^Hello".into()),
        ..Expect::default()
    })]);
    assert!(r.passed);
    let r = run(vec![
        Step::Press("2".into()),
        expect(Expect {
            reached: Some("sales".into()),
            ..Expect::default()
        }),
    ]);
    // Key 2 has no line: the call ends at the menu.
    assert_eq!(
        r.failure.unwrap().actual.en,
        "no block was reached since the step before"
    );
    let r = run(vec![
        Step::Press("9".into()),
        expect(Expect {
            reached: Some("sales".into()),
            ..Expect::default()
        }),
    ]);
    assert_eq!(r.failure.unwrap().actual.en, "the call went Menu 1");
    let r = run(vec![expect(Expect {
        variables: [("name".to_owned(), "Ada".to_owned())].into(),
        ..Expect::default()
    })]);
    assert_eq!(r.failure.unwrap().actual.en, "name is not set");
    let r = run(vec![expect(Expect {
        took: Some(Took {
            block: "menu".into(),
            exit: "key:9".into(),
        }),
        ..Expect::default()
    })]);
    assert_eq!(
        r.failure.unwrap().actual.en,
        "it has key:1, key:2, timeout, no_match, error"
    );
    let r = run(vec![Step::Choose("next".into())]);
    let f1 = r.failure.unwrap();
    assert_eq!(f1.step, 1);
    assert!(f1.actual.en.contains("not a choice"), "{}", f1.actual.en);
    let r = run(vec![Step::Press("1".into())]);
    assert!(r.failure.unwrap().actual.en.contains("expects nothing"));
    let r = run(vec![expect(Expect {
        ended: Some("finished".into()),
        ..Expect::default()
    })]);
    assert!(r.failure.unwrap().expected.en.contains("hung_up"));
}

#[test]
fn a_test_file_reads_and_writes_stably_and_bad_ones_say_where() {
    let text = r#"{
  "format": "ivr-studio/test",
  "version": 1,
  "flow": "main-menu.ivr.json",
  "cases": [
    {
      "name": "Timeout hangs up",
      "scenario": {"mocks": {"Sales": {"exit": "at_capacity"}}},
      "steps": [
        "timeout",
        {"expect": {"ended": "hung_up"}}
      ]
    }
  ]
}
"#;
    let file = cases::from_bytes(text.as_bytes()).unwrap();
    assert_eq!(file.cases[0].steps[0], Step::Timeout);
    let again = cases::from_bytes(&cases::to_bytes(&file)).unwrap();
    assert_eq!(again, file);
    assert_eq!(cases::to_bytes(&again), cases::to_bytes(&file));
    let bad = text.replace("\"timeout\"", "{\"tap\": \"1\"}");
    let e = cases::from_bytes(bad.as_bytes()).unwrap_err().to_string();
    assert!(e.starts_with("at cases[0].steps[0]"), "{e}");
    let e = cases::from_bytes(b"{\"format\": \"ivr-studio/flow\", \"version\": 1, \"cases\": []}")
        .unwrap_err()
        .to_string();
    assert!(e.contains("not an IVR Studio test case file"), "{e}");
    let e = cases::from_bytes(b"{").unwrap_err().to_string();
    assert!(e.contains("line 1"), "{e}");
}

#[test]
fn coverage_lists_the_exits_never_taken_in_the_designers_words() {
    let f = menu_flow();
    let case = Case {
        name: "sales".into(),
        scenario: Scenario::default(),
        steps: vec![
            Step::Press("1".into()),
            expect(Expect {
                ended: Some("transferred".into()),
                ..Expect::default()
            }),
        ],
    };
    let r = cases::run(&f, &BTreeMap::new(), &case);
    let c = coverage(&f, &[r]);
    // start:next, hello:next, menu:key:1 of 1 + 2 + 5 + 2 + 0 = 10 exits.
    assert_eq!((c.taken, c.total), (3, 10));
    let names: Vec<&str> = c.never.iter().map(|n| n.name.en.as_str()).collect();
    assert!(names.contains(&"Menu 1 → Timeout"), "{names:?}");
    assert!(names.contains(&"Menu 1 → Key 2"), "{names:?}");
}

// ------------------------------------------------------------ properties

fn any_input(i: u8, awaiting: &Awaiting) -> Input {
    match awaiting {
        Awaiting::Choice { exits, .. } if !exits.is_empty() => Input::Choose {
            exit: exits[i as usize % exits.len()].clone(),
        },
        _ => match i % 4 {
            0 => Input::Timeout,
            1 => Input::Press { keys: "1".into() },
            2 => Input::Press { keys: "12#".into() },
            _ => Input::Press { keys: "*".into() },
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Any graph, any inputs: every walk ends or waits within the budget,
    /// never panics, and an ended call's last event says how.
    #[test]
    fn a_walk_on_any_flow_ends_or_waits_without_a_panic(
        flow in crate::validate_props::flow(),
        inputs in prop::collection::vec(any::<u8>(), 0..40),
        succeed in any::<bool>(),
    ) {
        let compiled = Arc::new(Compiled::new(flow));
        let scenario = Scenario { providers_succeed: succeed, step_budget: Some(300), ..Scenario::default() };
        let mut s = Session::start(compiled, scenario, BTreeMap::new());
        for i in inputs {
            let before = s.events().len();
            let input = match s.state() {
                State::Waiting { awaiting, .. } => any_input(i, awaiting),
                State::Ended(_) => break,
            };
            if s.input(input).is_ok() {
                // One input walks at most the budget (plus its own events).
                prop_assert!(s.events().len() - before < 300 * 40);
            } else {
                prop_assert_eq!(s.events().len(), before);
            }
        }
        if let State::Ended(o) = s.state() {
            let last_is_the_end = matches!(s.events().last(), Some(Event::Ended { outcome }) if outcome == o);
            prop_assert!(last_is_the_end);
            prop_assert!(!s.outcome_text().unwrap().en.is_empty());
        }
    }

    /// Designer-shaped flows with every setting filled: the same holds.
    #[test]
    fn a_walk_on_generated_neutral_flows_ends_or_waits(seed in any::<u64>(), size in 1usize..40, inputs in prop::collection::vec(any::<u8>(), 0..30)) {
        let flow = crate::support::ccc::neutral_flow(seed, size, ivr_flow::Provider::Connect, ivr_flow::FlowKind::Main);
        let mut s = Session::start(Arc::new(Compiled::new(flow)), Scenario::default(), BTreeMap::new());
        for i in inputs {
            let input = match s.state() {
                State::Waiting { awaiting, .. } => any_input(i, awaiting),
                State::Ended(_) => break,
            };
            let _ = s.input(input);
        }
        match s.state() {
            State::Ended(o) => prop_assert!(Outcome::KINDS.contains(&o.kind())),
            State::Waiting { .. } => {}
        }
    }
}

#[test]
fn a_call_made_by_hand_saved_as_a_case_replays_and_passes() {
    let f = menu_flow();
    let mut s = call(&f, scenario_with(&[("sales", mock("at_capacity"))]));
    press(&mut s, "9");
    press(&mut s, "1");
    let case = cases::from_session("By hand", &s);
    assert_eq!(case.scenario, *s.scenario());
    let kinds: Vec<&str> = case
        .steps
        .iter()
        .map(|st| match st {
            Step::Press(_) => "press",
            Step::Timeout => "timeout",
            Step::Choose(_) => "choose",
            Step::Expect(_) => "expect",
        })
        .collect();
    assert_eq!(
        kinds,
        ["expect", "press", "expect", "press", "expect", "expect"]
    );
    let r = cases::run(&f, &BTreeMap::new(), &case);
    assert!(r.passed, "{:?}", r.failure);
    // It checks something real: the same case on a flow whose key 1 hangs up fails.
    let mut changed = f.flow().clone();
    changed.edges.retain(|e| e.from.port != "key:1");
    let r = cases::run(&Arc::new(Compiled::new(changed)), &BTreeMap::new(), &case);
    assert!(!r.passed);
}
