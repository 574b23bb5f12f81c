//! Connect Flow language dialect: law 1 on hand-written flows, the mapping of
//! each action, envelopes, errors and blocks Connect cannot carry.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::connect::{assert_same, fixture, up_to_edge_ids};
use crate::support::validate::expect;
use crate::support::{edge_to, node, param};
use ivr_flow::catalog::PROVIDER_BLOCK;
use ivr_flow::dialect::{self, DecodeError, Dialect, EncodeError, connect};
use ivr_flow::model::{Flow, FlowKind, Provider};
use ivr_flow::problem::Code;
use serde_json::{Value, json};

fn round_trip(doc: &Value) -> Flow {
    let flow = connect::decode(doc).unwrap_or_else(|e| panic!("decode: {e}"));
    let back = connect::encode(&flow).unwrap_or_else(|e| panic!("encode: {e}"));
    assert_same(&back, doc);
    flow
}

// ---------------------------------------------------------------- law 1

#[test]
fn every_action_fixture_round_trips() {
    round_trip(&fixture("every-action.json"));
}

#[test]
fn module_with_settings_round_trips() {
    let flow = round_trip(&fixture("module-with-settings.json"));
    assert_eq!(flow.kind, FlowKind::Sub);
}

#[test]
fn api_flow_without_metadata_round_trips_without_gaining_metadata() {
    let doc = fixture("api-no-metadata.json");
    round_trip(&doc);
    let back = connect::encode(&connect::decode(&doc).unwrap()).unwrap();
    assert!(back.get("Metadata").is_none(), "{back}");
    // Empty lists the original spelled out stay spelled out.
    assert_eq!(back["Actions"][0]["Transitions"]["Errors"], json!([]));
    assert_eq!(back["Actions"][0]["Transitions"]["Conditions"], json!([]));
}

#[test]
fn round_trip_is_stable() {
    for name in [
        "every-action.json",
        "module-with-settings.json",
        "api-no-metadata.json",
    ] {
        let once = connect::decode(&fixture(name)).unwrap();
        let twice = connect::decode(&connect::encode(&once).unwrap()).unwrap();
        assert_eq!(up_to_edge_ids(&once), up_to_edge_ids(&twice), "{name}");
    }
}

// ---------------------------------------------------------------- mapping

#[test]
fn every_mapped_action_becomes_its_neutral_block() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let want = [
        ("welcome", "play_prompt"),
        ("welcome-ssml", "play_prompt"),
        ("closed-msg", "play_prompt"),
        ("main-menu", "menu"),
        ("ask-account", "collect_digits"),
        ("tier-check", "branch"),
        ("set-tier", "set_variables"),
        ("hours", "check_hours"),
        ("retry-loop", "loop"),
        ("sales-queue", "transfer_queue"),
        ("agent-jane", "transfer_agent"),
        ("external", "transfer_external"),
        ("lookup", "invoke_function"),
        ("to-billing", "sub_flow"),
        ("bye", "hang_up"),
        ("done", "end_flow"),
        ("log-on", PROVIDER_BLOCK),
        ("wait-a-bit", PROVIDER_BLOCK),
        ("split", PROVIDER_BLOCK),
    ];
    for (id, block) in want {
        assert_eq!(node(&flow, id).block, block, "{id}");
    }
    // The second action of each pair is merged into the first.
    for merged in ["ask-account-save", "sales-transfer", "agent-jane-go"] {
        assert!(flow.node(merged).is_none(), "{merged} should be merged");
    }
    assert_eq!(
        flow.nodes.len(),
        want.len() + 1,
        "start + one block per row"
    );
}

#[test]
fn start_is_synthetic_with_entry_point_position() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let start = node(&flow, "start");
    assert_eq!(start.block, "start");
    // Shown spread to the canvas's cards; Connect's position when written.
    let provider = ivr_flow::spread::restore(&flow);
    let start = node(&provider, "start");
    assert_eq!((start.position.x, start.position.y), (40.0, 120.5));
    assert_eq!(edge_to(&flow, "start", "next").as_deref(), Some("log-on"));
}

#[test]
fn prompts_menus_and_collects_map_their_parameters() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let p = |id: &str, k: &str| param(&flow, id, k);
    assert_eq!(p("welcome", "voice_type"), "tts");
    assert_eq!(p("welcome-ssml", "voice_type"), "ssml");
    assert_eq!(p("closed-msg", "voice_type"), "audio");
    assert_eq!(p("main-menu", "keys"), json!(["1", "2", "3", "4"]));
    assert_eq!(p("main-menu", "timeout_seconds"), json!(5));
    assert_eq!(
        edge_to(&flow, "main-menu", "key:3").as_deref(),
        Some("ask-account")
    );
    assert_eq!(
        edge_to(&flow, "main-menu", "timeout").as_deref(),
        Some("retry-loop")
    );
    assert_eq!(
        edge_to(&flow, "main-menu", "no_match").as_deref(),
        Some("retry-loop")
    );
    assert_eq!(edge_to(&flow, "main-menu", "error").as_deref(), Some("bye"));
    assert_eq!(p("ask-account", "variable"), "account");
    assert_eq!(p("ask-account", "max_digits"), json!(10));
    assert_eq!(p("ask-account", "terminator"), "#");
    assert_eq!(
        edge_to(&flow, "ask-account", "next").as_deref(),
        Some("tier-check")
    );
    assert_eq!(
        node(&flow, "main-menu").label,
        "",
        "labels only come from ActionMetadata.ivr"
    );
    assert_eq!(
        node(&ivr_flow::spread::restore(&flow), "welcome")
            .position
            .x,
        420.0
    );
}

#[test]
fn branch_cases_take_console_condition_ids_and_operators() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let n = node(&flow, "tier-check");
    assert_eq!(n.params["value"], "$.Attributes.tier");
    assert_eq!(
        n.params["cases"],
        json!([
            {"id": "gold-case", "operator": "equals", "value": "gold"},
            {"id": "silver-case", "operator": "starts_with", "value": "sil"},
            {"id": "big-case", "operator": "greater_than", "value": "1000"},
            {"id": "small-case", "operator": "less_or_equal", "value": "10"}
        ])
    );
    assert_eq!(
        edge_to(&flow, "tier-check", "case:big-case").as_deref(),
        Some("external")
    );
    assert_eq!(
        edge_to(&flow, "tier-check", "no_match").as_deref(),
        Some("set-tier")
    );
}

#[test]
fn transfers_hours_loop_and_functions_map_their_exits() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let to = |id: &str, port: &str| edge_to(&flow, id, port);
    assert_eq!(
        node(&flow, "sales-queue").params["queue"],
        json!("arn:aws:connect:us-east-1:111122223333:instance/abc/queue/sales")
    );
    assert_eq!(
        to("sales-queue", "at_capacity").as_deref(),
        Some("closed-msg")
    );
    assert_eq!(to("sales-queue", "error").as_deref(), Some("bye"));
    assert_eq!(to("agent-jane", "busy").as_deref(), Some("external"));
    assert_eq!(to("external", "busy").as_deref(), Some("closed-msg"));
    assert_eq!(
        node(&flow, "external").params["continue_after"],
        json!(true)
    );
    assert_eq!(node(&flow, "external").params["timeout_seconds"], json!(30));
    assert_eq!(to("hours", "open").as_deref(), Some("sales-queue"));
    assert_eq!(to("hours", "closed").as_deref(), Some("closed-msg"));
    assert_eq!(to("retry-loop", "loop").as_deref(), Some("main-menu"));
    assert_eq!(to("retry-loop", "done").as_deref(), Some("bye"));
    assert_eq!(node(&flow, "retry-loop").params["count"], json!(3));
    assert_eq!(node(&flow, "lookup").params["function_kind"], "lambda");
    assert_eq!(
        node(&flow, "lookup").params["inputs"],
        json!({"phone": "$.CustomerEndpoint.Address"})
    );
    assert_eq!(to("lookup", "next").as_deref(), Some("to-billing"));
    assert_eq!(
        node(&flow, "set-tier").params["assignments"],
        json!([{"variable": "tier", "value": "bronze"}, {"variable": "source", "value": "$.External.source"}])
    );
}

#[test]
fn unknown_parameters_and_metadata_are_kept_in_extra() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let ext = &node(&flow, "external").extra;
    assert_eq!(
        ext["connect.parameters"],
        json!({"ThirdPartyDTMFDigits": "1234#"})
    );
    let lookup = &node(&flow, "lookup").extra;
    assert_eq!(
        lookup["connect.parameters"],
        json!({"ResponseValidation": {"ResponseType": "STRING_MAP"}})
    );
    assert_eq!(
        lookup["connect.metadata"]["dynamicMetadata"],
        json!({"phone": true})
    );
    assert_eq!(flow.extra["connect.metadata"]["snapToGrid"], json!(true));
    assert_eq!(
        flow.extra["connect.orphans"],
        json!({"stale-entry": {"position": {"x": 1, "y": 2}}})
    );
}

#[test]
fn unknown_actions_are_provider_blocks_with_named_exits() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let wait = node(&flow, "wait-a-bit");
    assert_eq!(wait.params["provider"], "connect");
    assert_eq!(wait.params["type"], "Wait");
    assert_eq!(wait.params["parameters"], json!({"TimeoutSeconds": "30"}));
    assert_eq!(
        wait.params["exits"],
        json!([
            "next",
            "Equals:WaitCompleted",
            "error:NoMatchingError",
            "error:TimeLimitExceeded"
        ])
    );
    assert_eq!(
        edge_to(&flow, "wait-a-bit", "Equals:WaitCompleted").as_deref(),
        Some("split")
    );
    let split = node(&flow, "split");
    assert_eq!(
        split.params["exits"],
        json!([
            "next",
            "NumberLessThan:30",
            "NumberLessThan:100",
            "error:NoMatchingCondition"
        ])
    );
}

#[test]
fn a_mapped_type_the_mapping_cannot_express_is_kept_as_a_provider_block() {
    let flow = connect::decode(&fixture("api-no-metadata.json")).unwrap();
    // A menu condition with two operands is no menu key.
    let menu = node(&flow, "menu");
    assert_eq!(menu.block, PROVIDER_BLOCK);
    assert_eq!(menu.params["type"], "GetParticipantInput");
    assert!(
        menu.params["exits"]
            .as_array()
            .unwrap()
            .contains(&json!(r#"Equals:["1","2"]"#)),
        "{}",
        menu.params["exits"]
    );
    assert_eq!(node(&flow, "lex").block, PROVIDER_BLOCK);
    assert_eq!(node(&flow, "hello").block, "play_prompt");
}

#[test]
fn annotations_become_notes() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    assert_eq!(flow.notes.len(), 2);
    let n = &flow.notes[0];
    assert_eq!(n.id, "note-1");
    assert_eq!(n.text, "Menu keys follow the 2024 script.");
    assert_eq!(n.node.as_deref(), Some("main-menu"));
    assert_eq!(n.size.map(|s| (s.width, s.height)), Some((300.0, 95.0)));
    let loose = &flow.notes[1];
    assert_eq!(loose.node, None);
    assert_eq!(loose.extra["color"], "yellow");
    assert_eq!(loose.extra["isFolded"], true);
}

#[test]
fn notes_drawn_in_the_studio_become_annotations_and_come_back() {
    // A note as the editor saves it in a *.ivr.json file.
    let mut flow = ivr_flow::starter_flow();
    let mut doc: Value = serde_json::from_slice(&ivr_flow::to_bytes(&flow)).unwrap();
    doc["notes"] = json!([
        {"id": "note_1", "text": "Ask sales about the\nholiday hours.", "position": {"x": 40, "y": -120}, "size": {"width": 220, "height": 140}},
        {"id": "note_2", "text": "", "position": {"x": 300, "y": 0}}
    ]);
    flow = ivr_flow::from_bytes(doc.to_string().as_bytes()).unwrap();
    assert_eq!(flow.notes.len(), 2);
    let saved = ivr_flow::from_bytes(&ivr_flow::to_bytes(&flow)).unwrap();
    assert_eq!(saved.notes, flow.notes, "the file keeps notes");

    let content = connect::encode(&flow).unwrap();
    let notes = content["Metadata"]["Annotations"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["id"], "note_1");
    assert_eq!(notes[0]["content"], "Ask sales about the\nholiday hours.");
    assert_eq!(notes[0]["position"], json!({"x": 40, "y": -120}));
    assert_eq!(notes[0]["size"], json!({"height": 140, "width": 220}));
    assert_eq!(notes[1]["content"], "");

    let back = connect::decode(&content).unwrap();
    assert_eq!(back.notes.len(), 2);
    for (a, b) in back.notes.iter().zip(&flow.notes) {
        assert_eq!(
            (&a.id, &a.text, a.position, a.size),
            (&b.id, &b.text, b.position, b.size)
        );
    }
}

#[test]
fn console_export_metadata_names_the_flow() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    assert_eq!(flow.name, "Main inbound");
    assert_eq!(flow.kind, FlowKind::Main);
    let mut renamed = flow.clone();
    renamed.name = "Renamed".into();
    renamed.kind = FlowKind::CustomerQueue;
    let back = connect::encode(&renamed).unwrap();
    assert_eq!(back["Metadata"]["name"], "Renamed");
    assert_eq!(back["Metadata"]["type"], "customerQueue");
}

#[test]
fn edits_are_written_back() {
    let mut flow = connect::decode(&fixture("every-action.json")).unwrap();
    let menu = flow.nodes.iter_mut().find(|n| n.id == "main-menu").unwrap();
    menu.params.insert("timeout_seconds".into(), json!(9));
    menu.position.x = 1000.0;
    menu.label = "Main menu".into();
    let back = connect::encode(&flow).unwrap();
    let a = back["Actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["Identifier"] == "main-menu")
        .unwrap();
    assert_eq!(a["Parameters"]["InputTimeLimitSeconds"], "9");
    let m = &back["Metadata"]["ActionMetadata"]["main-menu"];
    // A moved block goes where it was put, at Connect's scale.
    let k = flow
        .extra
        .get(ivr_flow::spread::SCALE)
        .and_then(Value::as_f64)
        .unwrap_or(1.0);
    assert_eq!(m["position"]["x"].as_f64(), Some(1000.0 / k));
    assert_eq!(m["ivr"]["label"], "Main menu");
    assert_eq!(m["useDynamic"], false, "console hints stay");
    let again = connect::decode(&back).unwrap();
    assert_eq!(node(&again, "main-menu").label, "Main menu");
}

// ---------------------------------------------------------------- envelopes

fn minimal() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "m",
        "Actions": [
            {"Identifier": "m", "Type": "MessageParticipant", "Parameters": {"Text": "Hi"},
             "Transitions": {"NextAction": "d"}},
            {"Identifier": "d", "Type": "DisconnectParticipant", "Parameters": {}, "Transitions": {}}
        ]
    })
}

#[test]
fn describe_contact_flow_response_is_read() {
    let doc = json!({"ContactFlow": {
        "Arn": "arn:aws:connect:us-east-1:111122223333:instance/abc/contact-flow/f1",
        "Id": "f1", "Name": "Support line", "Type": "CUSTOMER_QUEUE", "State": "ACTIVE",
        "Status": "PUBLISHED", "Description": "queue music",
        "Content": minimal().to_string()
    }});
    assert!(connect::detect(&doc));
    let flow = connect::decode(&doc).unwrap();
    assert_eq!(flow.name, "Support line");
    assert_eq!(flow.description, "queue music");
    assert_eq!(flow.kind, FlowKind::CustomerQueue);
    assert_same(&connect::encode(&flow).unwrap(), &minimal());
}

#[test]
fn create_contact_flow_body_is_read() {
    let doc = json!({"Name": "Outbound", "Type": "OUTBOUND_WHISPER", "Content": minimal().to_string(), "Status": "SAVED"});
    assert!(connect::detect(&doc));
    let flow = connect::decode(&doc).unwrap();
    assert_eq!(
        (flow.name.as_str(), flow.kind),
        ("Outbound", FlowKind::OutboundWhisper)
    );
}

#[test]
fn the_dispatcher_detects_and_converts_connect() {
    let bytes = serde_json::to_vec(&minimal()).unwrap();
    let (d, flow) = dialect::decode(&bytes).unwrap();
    assert_eq!(d, Dialect::Provider(Provider::Connect));
    let out = dialect::encode(&flow, d).unwrap();
    let back: Value = serde_json::from_slice(&out).unwrap();
    assert_same(&back, &minimal());
}

#[test]
fn old_console_export_is_refused_by_name() {
    let doc = json!({"modules": [{"id": "a", "type": "PlayPrompt"}], "version": "1", "start": "a", "type": "contactFlow"});
    assert!(connect::detect(&doc));
    match connect::decode(&doc) {
        Err(DecodeError::Unrecognised(m)) => {
            assert!(m.contains("old Amazon Connect console export"), "{m}");
            assert!(m.contains("export it again"), "{m}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn flow_types_map_both_ways() {
    for (ty, kind) in [
        ("CONTACT_FLOW", FlowKind::Main),
        ("CUSTOMER_QUEUE", FlowKind::CustomerQueue),
        ("CUSTOMER_HOLD", FlowKind::CustomerHold),
        ("CUSTOMER_WHISPER", FlowKind::CustomerWhisper),
        ("AGENT_HOLD", FlowKind::AgentHold),
        ("AGENT_WHISPER", FlowKind::AgentWhisper),
        ("OUTBOUND_WHISPER", FlowKind::OutboundWhisper),
        ("AGENT_TRANSFER", FlowKind::AgentTransfer),
        ("QUEUE_TRANSFER", FlowKind::QueueTransfer),
        ("CAMPAIGN", FlowKind::Campaign),
    ] {
        assert_eq!(connect::kind_of_type(ty), Some(kind));
        assert_eq!(connect::flow_type(kind), ty);
    }
    assert_eq!(
        connect::kind_of_type("agentWhisper"),
        Some(FlowKind::AgentWhisper)
    );
    assert_eq!(connect::flow_type(FlowKind::Survey), "CONTACT_FLOW");
}

// ---------------------------------------------------------------- errors

fn invalid(doc: &Value) -> (String, String) {
    match connect::decode(doc) {
        Err(DecodeError::Invalid { path, message }) => (path, message),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn errors_name_the_json_path() {
    let mut doc = minimal();
    doc["Actions"][1]["Transitions"] = json!({"NextAction": 5});
    let (path, msg) = invalid(&doc);
    assert_eq!(path, "$.Actions[1].Transitions.NextAction");
    assert!(
        msg.contains("NextAction must be an action Identifier string"),
        "{msg}"
    );

    let mut doc = minimal();
    doc["Actions"][0]["Transitions"]["Errors"] = json!([{"NextAction": "d"}]);
    assert_eq!(
        invalid(&doc).0,
        "$.Actions[0].Transitions.Errors[0].ErrorType"
    );

    let mut doc = minimal();
    doc["Actions"][1]["Identifier"] = json!("m");
    let (path, msg) = invalid(&doc);
    assert_eq!(path, "$.Actions[1].Identifier");
    assert!(msg.contains("used by an earlier action"), "{msg}");

    let mut doc = minimal();
    doc["Version"] = json!("2017-01-01");
    assert_eq!(invalid(&doc).0, "$.Version");

    let mut doc = minimal();
    doc["Actions"][0]["Parameters"] = json!([]);
    assert_eq!(invalid(&doc).0, "$.Actions[0].Parameters");
}

#[test]
fn errors_inside_an_envelope_name_the_whole_path() {
    let mut inner = minimal();
    inner["Actions"][0]["Type"] = json!(7);
    let doc = json!({"ContactFlow": {"Name": "x", "Content": inner.to_string()}});
    let (path, _) = invalid(&doc);
    assert_eq!(path, "$.ContactFlow.Content.Actions[0].Type");
    let doc = json!({"ContactFlow": {"Name": "x", "Content": "{not json"}});
    let (path, msg) = invalid(&doc);
    assert_eq!(path, "$.ContactFlow.Content");
    assert!(msg.contains("not valid JSON"), "{msg}");
}

// ---------------------------------------------------------------- encode

fn neutral(block: &str) -> Flow {
    let doc = minimal();
    let mut flow = connect::decode(&doc).unwrap();
    let n = flow.nodes.iter_mut().find(|n| n.id == "m").unwrap();
    n.block = block.into();
    n.params.clear();
    n.extra.clear();
    flow
}

#[test]
fn blocks_connect_cannot_carry_are_unsupported() {
    for block in ["voicemail", "send_sms"] {
        let err = connect::encode(&neutral(block)).unwrap_err();
        assert_eq!(
            err,
            EncodeError::Unsupported {
                node: "m".into(),
                block: block.into(),
                target: Provider::Connect
            }
        );
    }
    let mut f = neutral("invoke_function");
    f.nodes[1]
        .params
        .insert("function_kind".into(), json!("http"));
    assert!(matches!(
        connect::encode(&f),
        Err(EncodeError::Unsupported { .. })
    ));
    let mut f = neutral(PROVIDER_BLOCK);
    f.nodes[1].params.insert("provider".into(), json!("aliyun"));
    f.nodes[1].params.insert("type".into(), json!("Play"));
    assert!(matches!(
        connect::encode(&f),
        Err(EncodeError::Unsupported { .. })
    ));
}

#[test]
fn a_line_from_an_exit_connect_lacks_is_an_error() {
    let mut f = neutral("invoke_function");
    f.nodes[1]
        .params
        .insert("function".into(), json!("arn:aws:lambda:x"));
    let e = f.edges.iter_mut().find(|e| e.from.node == "m").unwrap();
    e.from.port = "timeout".into();
    let err = connect::encode(&f).unwrap_err().to_string();
    assert!(err.contains("Lambda timeout"), "{err}");
}

#[test]
fn action_ids_count_both_actions_of_a_pair() {
    let flow = connect::decode(&fixture("every-action.json")).unwrap();
    let ids = connect::action_ids(&flow);
    let doc = fixture("every-action.json");
    let mut want: Vec<String> = doc["Actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Identifier"].as_str().unwrap().to_owned())
        .collect();
    let mut got = ids.clone();
    want.sort();
    got.sort();
    assert_eq!(got, want);
    // A neutral transfer writes its second action as <id>-transfer.
    let mut f = neutral("transfer_queue");
    f.nodes[1].params.insert("queue".into(), json!("q"));
    f.edges
        .iter_mut()
        .find(|e| e.from.node == "m")
        .unwrap()
        .from
        .port = "error".into();
    assert_eq!(connect::action_ids(&f), vec!["m", "m-transfer", "d"]);
    let text = connect::content_string(&f).unwrap();
    assert!(!text.contains('\n'));
    let back: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(back["Actions"][1]["Type"], "TransferContactToQueue");
    assert_eq!(
        back["Actions"][0]["Transitions"]["NextAction"],
        "m-transfer"
    );
}

#[test]
fn the_dispatcher_tells_every_connect_envelope_from_ccc() {
    let content = minimal().to_string();
    for doc in [
        json!({"ContactFlow": {"Id": "f", "Name": "n", "Type": "CONTACT_FLOW", "Content": content}}),
        json!({"Name": "n", "Type": "CONTACT_FLOW", "Content": content}),
        fixture("every-action.json"),
        fixture("module-with-settings.json"),
    ] {
        let bytes = serde_json::to_vec(&doc).unwrap();
        let (d, _) = dialect::decode(&bytes).unwrap();
        assert_eq!(d, Dialect::Provider(Provider::Connect), "{doc}");
    }
    let old = json!({"modules": [], "version": "1", "start": "a"});
    let err = dialect::decode(&serde_json::to_vec(&old).unwrap()).unwrap_err();
    assert!(
        err.to_string()
            .contains("old Amazon Connect console export"),
        "{err}"
    );
}

#[test]
fn the_starter_flow_survives_connect() {
    let f = ivr_flow::starter_flow();
    let content = connect::encode(&f).unwrap();
    assert_eq!(content["Version"], "2019-10-30");
    assert_eq!(content["StartAction"], "welcome");
    assert_eq!(content["Actions"][0]["Type"], "MessageParticipant");
    assert_eq!(content["Actions"][1]["Type"], "DisconnectParticipant");
    assert_eq!(content["Actions"][1]["Transitions"], json!({}));
    let back = connect::decode(&content).unwrap();
    assert_eq!(up_to_edge_ids(&back), up_to_edge_ids(&f));
}

#[test]
fn optional_fields_given_as_null_are_read_as_absent_and_written_back_as_null() {
    let doc = json!({
        "Version": "2019-10-30",
        "StartAction": "a",
        "Metadata": {
            "entryPointPosition": {"x": 0, "y": 0},
            "ActionMetadata": {"a": {"position": {"x": 1, "y": 2}, "useDynamic": null}},
            "name": null
        },
        "Actions": [
            {"Identifier": "a", "Type": "MessageParticipant",
             "Parameters": {"Text": "hi", "PromptId": null},
             "Transitions": {"NextAction": "b", "Errors": null, "Conditions": null}},
            {"Identifier": "b", "Type": "DisconnectParticipant", "Parameters": null, "Transitions": null}
        ]
    });
    let flow = connect::decode(&doc).unwrap();
    assert_eq!(flow.name, "", "a null name is no name");
    assert_eq!(connect::encode(&flow).unwrap(), doc);
}

// ---------------------------------------------------------------- modules

/// A module's Invoke module and Return, and a Loop whose Done comes first,
/// as the console writes them (shapes seen in the corpus).
fn module_flow() -> Value {
    json!({
        "Version": "2019-10-30",
        "StartAction": "Call it",
        "Metadata": {"entryPointPosition": {"x": 0, "y": 0}, "ActionMetadata": {
            "Call it": {"position": {"x": 200, "y": 0}, "isFriendlyName": true,
                "parameters": {"FlowModuleId": {"displayName": "Contact Survey"}},
                "contactFlowModuleName": "Contact Survey"},
            "Again": {"position": {"x": 400, "y": 0}, "useDynamic": false},
            "Back": {"position": {"x": 600, "y": 0}}
        }},
        "Actions": [
            {"Parameters": {"FlowModuleId": "1bc263e9-09cf-432c-971c-32da62c784af"},
             "Identifier": "Call it", "Type": "InvokeFlowModule",
             "Transitions": {"NextAction": "Again",
                 "Errors": [{"NextAction": "Back", "ErrorType": "NoMatchingError"}]}},
            {"Identifier": "Again", "Parameters": {"LoopCount": "2"}, "Type": "Loop",
             "Transitions": {"NextAction": "Back", "Errors": [], "Conditions": [
                 {"NextAction": "Back", "Condition": {"Operator": "Equals", "Operands": ["DoneLooping"]}},
                 {"NextAction": "Call it", "Condition": {"Operator": "Equals", "Operands": ["ContinueLooping"]}}]}},
            {"Parameters": {}, "Identifier": "Back", "Type": "EndFlowModuleExecution", "Transitions": {}}
        ]
    })
}

#[test]
fn a_modules_invoke_return_and_reordered_loop_read_as_neutral_blocks_and_go_back_as_they_came() {
    let flow = round_trip(&module_flow());
    let block = |id: &str| node(&flow, id).block.clone();
    assert_eq!(block("Call it"), "sub_flow");
    assert_eq!(block("Again"), "loop");
    assert_eq!(block("Back"), "end_flow");
    // Named as Connect's designer names it: a friendly Identifier is the
    // block's label (and is not written back as one), a UUID-like one is not.
    assert_eq!(node(&flow, "Call it").label, "Call it");
    assert_eq!(node(&flow, "Again").label, "");
    assert_eq!(
        param(&flow, "Call it", "flow"),
        json!("1bc263e9-09cf-432c-971c-32da62c784af")
    );
    assert_eq!(edge_to(&flow, "Again", "done"), Some("Back".into()));
    assert_eq!(edge_to(&flow, "Again", "loop"), Some("Call it".into()));
    // A new Sub-flow and End flow are still written as Connect's defaults.
    let mut fresh = flow.clone();
    for n in &mut fresh.nodes {
        n.extra.retain(|k, _| k != "connect.type");
    }
    let back = connect::encode(&fresh).unwrap();
    let types: Vec<&str> = back["Actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["Type"].as_str())
        .collect();
    assert_eq!(types, ["TransferToFlow", "Loop", "EndFlowExecution"]);
    assert_eq!(
        back["Actions"][0]["Parameters"]["ContactFlowId"],
        json!("1bc263e9-09cf-432c-971c-32da62c784af")
    );
}

#[test]
fn a_module_call_is_reviewed_by_the_name_connects_designer_shows() {
    let flow = connect::decode(&module_flow()).unwrap();
    let problems = ivr_flow::validate::validate_for(&flow, Some(Provider::Connect));
    let review = expect(&problems, Code::ReferenceReview)[0];
    assert!(
        review.message.en.contains("flow module \"Contact Survey\""),
        "{}",
        review.message.en
    );
    assert!(
        review.message.zh.contains("流程模块“Contact Survey”"),
        "{}",
        review.message.zh
    );
    assert!(
        !review.message.en.contains("1bc263e9"),
        "{}",
        review.message.en
    );
}
