//! One test per rule of a target provider (blocks and limits it cannot carry,
//! content size, notes it drops) and the review of a reference flow: each
//! builds the smallest flow that breaks the rule and checks the rule's code is
//! reported at the right place.

use ivr_flow::model::Note;
use ivr_flow::model::Provider;
use ivr_flow::problem::{Code, Severity};
use ivr_flow::validate::{content_size_problem, keeps_notes};
use ivr_flow::{starter_flow, validate, validate_for};
use serde_json::json;

use crate::support::validate::{B, codes, expect, menu_flow, only};

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

/// A function goes only where its kind is written: Connect invokes Lambda
/// functions, CCC Function Compute and HTTP requests; each encoder refuses
/// the others, so the check says so before a publish.
#[test]
fn target_unsupported_function_kind() {
    let flow = |kind: &str| {
        B::new()
            .node("start", "start")
            .node("fn", "invoke_function")
            .param("function_kind", json!(kind))
            .param("function", json!("lookup"))
            .param("timeout_seconds", json!(5))
            .node("bye", "hang_up")
            .edge("start", "next", "fn")
            .edge("fn", "next", "bye")
            .edge("fn", "error", "bye")
            .build()
    };
    let unsupported = |kind: &str, target: Provider| {
        validate_for(&flow(kind), Some(target))
            .iter()
            .any(|p| p.code == Code::TargetUnsupportedBlock && p.node.as_deref() == Some("fn"))
    };
    for (kind, connect, ccc) in [
        ("lambda", false, true),
        ("function_compute", true, false),
        ("http", true, false),
    ] {
        assert_eq!(
            unsupported(kind, Provider::Connect),
            connect,
            "{kind} on Connect"
        );
        assert_eq!(
            unsupported(kind, Provider::Aliyun),
            ccc,
            "{kind} on CCC 2020"
        );
        assert_eq!(
            unsupported(kind, Provider::Aliyun2017),
            ccc,
            "{kind} on CCC 2017"
        );
    }
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
